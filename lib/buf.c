/* buf.c: growable byte buffers, span arrays, error helpers. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tt_int.h"

const char *
tt_strerror(int code)
{
	switch (code) {
	case TT_OK:
		return "success";
	case TT_ENOMEM:
		return "out of memory";
	case TT_EINVAL:
		return "invalid argument";
	case TT_EENC:
		return "invalid encoding";
	case TT_EPARSE:
		return "cannot parse input";
	case TT_ELIMIT:
		return "input too large";
	case TT_EIO:
		return "input/output error";
	default:
		return "unknown error";
	}
}

int
tt_seterr(tt_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	memset(e, 0, sizeof(*e));
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

int
tt_buf_reserve(tt_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > SIZE_MAX - b->len - 1)
		return TT_ENOMEM;
	need = b->len + extra + 1;	/* room for a NUL */
	if (need <= b->cap)
		return TT_OK;
	cap = b->cap < 64 ? 64 : b->cap;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if ((p = realloc(b->data, cap)) == NULL)
		return TT_ENOMEM;
	b->data = p;
	b->cap = cap;
	return TT_OK;
}

int
tt_buf_append(tt_buf *b, const void *p, size_t n)
{
	if (n == 0)
		return TT_OK;
	if (tt_buf_reserve(b, n) != TT_OK)
		return TT_ENOMEM;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return TT_OK;
}

int
tt_buf_puts(tt_buf *b, const char *s)
{
	return tt_buf_append(b, s, strlen(s));
}

int
tt_buf_putc(tt_buf *b, int c)
{
	if (tt_buf_reserve(b, 1) != TT_OK)
		return TT_ENOMEM;
	b->data[b->len++] = (char)c;
	return TT_OK;
}

int
tt_buf_putu(tt_buf *b, size_t v)
{
	char d[24];
	size_t n = sizeof(d);

	do
		d[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return tt_buf_append(b, d + n, sizeof(d) - n);
}

int
tt_buf_printf(tt_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return TT_EINVAL;
	if (tt_buf_reserve(b, (size_t)n) != TT_OK)
		return TT_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return TT_OK;
}

const char *
tt_buf_cstr(tt_buf *b)
{
	if (tt_buf_reserve(b, 0) != TT_OK)
		return NULL;
	b->data[b->len] = '\0';
	return b->data;
}

void
tt_buf_reset(tt_buf *b)
{
	b->len = 0;
}

char *
tt_buf_steal(tt_buf *b, size_t *len)
{
	char *p;

	if (tt_buf_cstr(b) == NULL)
		return NULL;
	p = b->data;
	if (len != NULL)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
tt_buf_free(tt_buf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int
tt_spans_push(tt_spans *a, size_t start, size_t end)
{
	tt_span *v;
	size_t cap;

	if (a->n == a->cap) {
		cap = a->cap < 16 ? 16 : a->cap * 2;
		if (cap > SIZE_MAX / sizeof(*v) ||
		    (v = realloc(a->v, cap * sizeof(*v))) == NULL)
			return TT_ENOMEM;
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n].start = start;
	a->v[a->n].end = end;
	a->n++;
	return TT_OK;
}

void
tt_spans_free(tt_spans *a)
{
	if (a == NULL)
		return;
	free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
}

int
tt_word_in(const char *const *sorted, size_t n, const char *w, size_t len)
{
	size_t lo = 0, hi = n, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strncmp(w, sorted[mid], len);
		if (c == 0 && strnlen(sorted[mid], len + 1) != len)
			c = -1;		/* w is shorter, or holds a NUL */
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

void
tt_init(void)
{
	/* Nothing yet: libxml2's xmlInitParser() joins here with lib/html. */
}

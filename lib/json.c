/* json.c: a small, strict JSON writer for JSON Lines (RFC 8259). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tt_int.h"

int
tt_json_escape(tt_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, from = 0, n;
	unsigned char c;
	char esc[8];
	int32_t cp;

	if (tt_buf_putc(b, '"') != TT_OK)
		return TT_ENOMEM;
	while (i < len) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			i++;
			continue;
		}
		if (tt_buf_append(b, s + from, i - from) != TT_OK)
			return TT_ENOMEM;
		n = 1;
		if (c >= 0x80) {
			n = tt_utf8_decode(s + i, len - i, &cp);
			if (cp < 0) {
				if (tt_buf_append(b, "\xEF\xBF\xBD", 3))
					return TT_ENOMEM;
			} else if (cp == 0x2028 || cp == 0x2029) {
				if (tt_buf_puts(b, cp == 0x2028 ? "\\u2028" :
				    "\\u2029") != TT_OK)
					return TT_ENOMEM;
			} else if (tt_buf_append(b, s + i, n) != TT_OK)
				return TT_ENOMEM;
		} else {
			switch (c) {
			case '"':  memcpy(esc, "\\\"", 3); break;
			case '\\': memcpy(esc, "\\\\", 3); break;
			case '\b': memcpy(esc, "\\b", 3); break;
			case '\f': memcpy(esc, "\\f", 3); break;
			case '\n': memcpy(esc, "\\n", 3); break;
			case '\r': memcpy(esc, "\\r", 3); break;
			case '\t': memcpy(esc, "\\t", 3); break;
			default:
				memcpy(esc, "\\u00", 4);
				esc[4] = hex[c >> 4];
				esc[5] = hex[c & 15];
				esc[6] = '\0';
			}
			if (tt_buf_puts(b, esc) != TT_OK)
				return TT_ENOMEM;
		}
		i += n;
		from = i;
	}
	if (tt_buf_append(b, s + from, i - from) != TT_OK ||
	    tt_buf_putc(b, '"') != TT_OK)
		return TT_ENOMEM;
	return TT_OK;
}

void
tt_json_init(tt_json *j, tt_buf *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

static int
fail(tt_json *j, int code)
{
	if (j->err == TT_OK)
		j->err = code;
	return j->err;
}

/* Before any value: the comma, and the check that a value may go here. */
static int
value_start(tt_json *j)
{
	if (j->err != TT_OK)
		return j->err;
	if (j->depth == 0) {
		if (j->count[0] > 0)
			return fail(j, TT_EINVAL);	/* one value a line */
	} else if (j->stack[j->depth - 1] == '{') {
		if (!j->want_value)
			return fail(j, TT_EINVAL);	/* a key first */
		j->want_value = 0;
		return TT_OK;
	} else if (j->count[j->depth] > 0 &&
	    tt_buf_putc(j->out, ',') != TT_OK)
		return fail(j, TT_ENOMEM);
	return TT_OK;
}

static void
counted(tt_json *j)
{
	unsigned char *c = &j->count[j->depth];

	if (*c < 255)
		(*c)++;
}

static int
put(tt_json *j, const char *s)
{
	if (value_start(j) != TT_OK)
		return j->err;
	if (tt_buf_puts(j->out, s) != TT_OK)
		return fail(j, TT_ENOMEM);
	counted(j);
	return TT_OK;
}

static int
json_open(tt_json *j, int c)
{
	if (value_start(j) != TT_OK)
		return j->err;
	if (j->depth + 1 >= TT_JSON_MAXDEPTH)
		return fail(j, TT_ELIMIT);
	if (tt_buf_putc(j->out, c) != TT_OK)
		return fail(j, TT_ENOMEM);
	counted(j);
	j->stack[j->depth++] = (unsigned char)c;
	j->count[j->depth] = 0;
	return TT_OK;
}

int
tt_json_object(tt_json *j)
{
	return json_open(j, '{');
}

int
tt_json_array(tt_json *j)
{
	return json_open(j, '[');
}

int
tt_json_end(tt_json *j)
{
	if (j->err != TT_OK)
		return j->err;
	if (j->depth == 0 || j->want_value)
		return fail(j, TT_EINVAL);
	j->depth--;
	if (tt_buf_putc(j->out, j->stack[j->depth] == '{' ? '}' : ']'))
		return fail(j, TT_ENOMEM);
	return TT_OK;
}

int
tt_json_key(tt_json *j, const char *k)
{
	if (j->err != TT_OK)
		return j->err;
	if (j->depth == 0 || j->stack[j->depth - 1] != '{' || j->want_value)
		return fail(j, TT_EINVAL);
	if ((j->count[j->depth] > 0 && tt_buf_putc(j->out, ',') != TT_OK) ||
	    tt_json_escape(j->out, k, strlen(k)) != TT_OK ||
	    tt_buf_putc(j->out, ':') != TT_OK)
		return fail(j, TT_ENOMEM);
	counted(j);
	j->want_value = 1;
	return TT_OK;
}

int
tt_json_str(tt_json *j, const char *s, size_t len)
{
	if (value_start(j) != TT_OK)
		return j->err;
	if (tt_json_escape(j->out, s, len) != TT_OK)
		return fail(j, TT_ENOMEM);
	counted(j);
	return TT_OK;
}

int
tt_json_cstr(tt_json *j, const char *s)
{
	return s == NULL ? tt_json_null(j) : tt_json_str(j, s, strlen(s));
}

int
tt_json_int(tt_json *j, long long v)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", v);
	return put(j, num);
}

/* The shortest of %.15g .. %.17g that reads back as the same double, with
 * a '.' whatever the locale. */
int
tt_json_double(tt_json *j, double v)
{
	char num[40], *p;
	int prec;

	if (!isfinite(v))
		return put(j, "null");
	for (prec = 15; prec <= 17; prec++) {
		snprintf(num, sizeof(num), "%.*g", prec, v);
		if (strtod(num, NULL) == v)
			break;
	}
	if ((p = strchr(num, ',')) != NULL)
		*p = '.';
	return put(j, num);
}

int
tt_json_bool(tt_json *j, int v)
{
	return put(j, v ? "true" : "false");
}

int
tt_json_null(tt_json *j)
{
	return put(j, "null");
}

int
tt_json_line(tt_json *j)
{
	if (j->err != TT_OK)
		return j->err;
	if (j->depth != 0 || j->count[0] == 0)
		return fail(j, TT_EINVAL);
	if (tt_buf_putc(j->out, '\n') != TT_OK)
		return fail(j, TT_ENOMEM);
	j->count[0] = 0;
	return TT_OK;
}

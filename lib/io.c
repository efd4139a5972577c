/* io.c: reading streams in full or in chunks, lines with bounded memory,
 * atomic replacement of files. */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tt_int.h"

#define CHUNK	65536

long
tt_io_read_chunk(FILE *fp, char *buf, size_t cap, tt_err *e)
{
	int fd = fileno(fp);
	ssize_t n;

	if (cap > (size_t)1 << 30)
		cap = (size_t)1 << 30;
	if (fd < 0) {
		size_t got = fread(buf, 1, cap, fp);

		if (got == 0 && ferror(fp))
			return tt_seterr(e, TT_EIO, "%s",
			    strerror(errno ? errno : EIO));
		return (long)got;
	}
	do
		n = read(fd, buf, cap);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return tt_seterr(e, TT_EIO, "%s", strerror(errno));
	return (long)n;
}

int
tt_io_ready(FILE *fp)
{
	struct pollfd p;
	int n;

	if ((p.fd = fileno(fp)) < 0)
		return 1;
	p.events = POLLIN;
	p.revents = 0;
	do
		n = poll(&p, 1, 0);
	while (n < 0 && errno == EINTR);
	return n != 0;		/* an error: the read will say */
}

int
tt_io_read_all(FILE *fp, size_t max, tt_buf *out, tt_err *e)
{
	size_t start = out->len, want;
	struct stat st;
	long n;

	/* A regular file's size is known: one allocation, no regrowth. */
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (uintmax_t)st.st_size <= max &&
	    tt_buf_reserve(out, (size_t)st.st_size + CHUNK) != TT_OK)
		return tt_seterr(e, TT_ENOMEM, "out of memory");
	for (;;) {
		want = CHUNK;
		if (out->len - start + want > max)
			want = max - (out->len - start) + 1;
		if (tt_buf_reserve(out, want) != TT_OK)
			return tt_seterr(e, TT_ENOMEM, "out of memory");
		errno = 0;
		n = tt_io_read_chunk(fp, out->data + out->len, want, e);
		if (n < 0)
			return (int)n;
		if (n == 0)
			return TT_OK;
		out->len += (size_t)n;
		if (out->len - start > max)
			return tt_seterr(e, TT_ELIMIT,
			    "larger than the limit of %zu bytes", max);
	}
}

int
tt_io_read_file(const char *path, size_t max, tt_buf *out, tt_err *e)
{
	FILE *fp;
	int r;

	if ((fp = fopen(path, "rb")) == NULL)
		return tt_seterr(e, TT_EIO, "%s", strerror(errno));
	r = tt_io_read_all(fp, max, out, e);
	fclose(fp);
	return r;
}

/* ------------------------------------------------------------- lines */

struct tt_lines {
	FILE	*fp;
	size_t	 maxline;
	char	*buf;		/* maxline + CHUNK bytes */
	size_t	 cap;
	size_t	 pos, end;	/* unread bytes are buf[pos..end) */
	size_t	 lineno;
	int	 midline;	/* the last piece had more to come */
	int	 eof;
};

tt_lines *
tt_lines_new(FILE *fp, size_t maxline)
{
	tt_lines *r;

	if (fp == NULL || maxline < 8 || maxline > SIZE_MAX / 2 - CHUNK)
		return NULL;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	r->fp = fp;
	r->maxline = maxline;
	r->cap = maxline + CHUNK;
	if ((r->buf = malloc(r->cap)) == NULL) {
		free(r);
		return NULL;
	}
	return r;
}

/* Top up the buffer; returns bytes read, 0 at EOF, < 0 on error. */
static long
fill(tt_lines *r, tt_err *e)
{
	long n;

	if (r->eof)
		return 0;
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->end - r->pos);
		r->end -= r->pos;
		r->pos = 0;
	}
	if (r->end == r->cap)
		return 0;
	errno = 0;
	n = tt_io_read_chunk(r->fp, r->buf + r->end, r->cap - r->end, e);
	if (n < 0)
		return n;
	if (n == 0)
		r->eof = 1;
	r->end += (size_t)n;
	return n;
}

int
tt_lines_next(tt_lines *r, tt_str *line, int *more, tt_err *e)
{
	size_t scanned = 0, avail, cut;
	const char *nl;
	long n;

	for (;;) {
		avail = r->end - r->pos;
		nl = memchr(r->buf + r->pos + scanned, '\n', avail - scanned);
		if (nl != NULL) {
			cut = (size_t)(nl - (r->buf + r->pos));
			if (cut <= r->maxline) {
				if (!r->midline)
					r->lineno++;
				line->p = r->buf + r->pos;
				line->len = cut;
				if (cut > 0 && line->p[cut - 1] == '\r')
					line->len--;
				r->pos += cut + 1;
				r->midline = 0;
				*more = 0;
				return 1;
			}
		}
		scanned = avail;
		if (avail > r->maxline || (r->eof && avail > 0)) {
			if (avail > r->maxline) {
				cut = tt_utf8_complete(r->buf + r->pos,
				    r->maxline);
				if (cut == 0)
					cut = r->maxline;
				*more = 1;
			} else {
				cut = avail;	/* last line, no newline */
				*more = 0;
			}
			if (!r->midline)
				r->lineno++;
			line->p = r->buf + r->pos;
			line->len = cut;
			r->pos += cut;
			r->midline = *more;
			return 1;
		}
		if (r->eof)
			return 0;
		if ((n = fill(r, e)) < 0)
			return (int)n;
	}
}

int
tt_lines_ready(const tt_lines *r)
{
	size_t avail = r->end - r->pos;

	return r->eof || avail > r->maxline ||
	    memchr(r->buf + r->pos, '\n', avail) != NULL;
}

size_t
tt_lines_lineno(const tt_lines *r)
{
	return r->lineno;
}

size_t
tt_lines_memory(const tt_lines *r)
{
	return sizeof(*r) + r->cap;
}

void
tt_lines_free(tt_lines *r)
{
	if (r == NULL)
		return;
	free(r->buf);
	free(r);
}

/* ------------------------------------------------------------ atomic */

struct tt_atomic {
	char	*path;
	char	*tmp;
	FILE	*fp;
};

tt_atomic *
tt_atomic_open(const char *path, tt_err *e)
{
	tt_atomic *a;
	struct stat st;
	mode_t mode, um;
	size_t n;
	int fd;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		goto nomem;
	n = strlen(path);
	if ((a->path = strdup(path)) == NULL ||
	    (a->tmp = malloc(n + sizeof(".tt-XXXXXX"))) == NULL)
		goto nomem;
	memcpy(a->tmp, path, n);
	memcpy(a->tmp + n, ".tt-XXXXXX", sizeof(".tt-XXXXXX"));
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			tt_seterr(e, TT_EINVAL, "not a regular file");
			goto fail;
		}
		mode = st.st_mode & 07777;
	} else {
		um = umask(0);
		umask(um);
		mode = 0666 & ~um;
	}
	if ((fd = mkstemp(a->tmp)) == -1) {
		tt_seterr(e, TT_EIO, "cannot create a temporary file: %s",
		    strerror(errno));
		goto fail;
	}
	if (fchmod(fd, mode) == -1 || (a->fp = fdopen(fd, "wb")) == NULL) {
		tt_seterr(e, TT_EIO, "%s", strerror(errno));
		close(fd);
		unlink(a->tmp);
		goto fail;
	}
	return a;
nomem:
	tt_seterr(e, TT_ENOMEM, "out of memory");
fail:
	if (a != NULL) {
		free(a->path);
		free(a->tmp);
		free(a);
	}
	return NULL;
}

FILE *
tt_atomic_file(tt_atomic *a)
{
	return a->fp;
}

static void
atomic_release(tt_atomic *a)
{
	free(a->path);
	free(a->tmp);
	free(a);
}

int
tt_atomic_commit(tt_atomic *a, tt_err *e)
{
	int r = TT_OK, failed;

	failed = fflush(a->fp) == EOF || ferror(a->fp) ||
	    fsync(fileno(a->fp)) == -1;
	if (failed)
		r = tt_seterr(e, TT_EIO, "%s", strerror(errno ? errno : EIO));
	if (fclose(a->fp) == EOF && r == TT_OK)
		r = tt_seterr(e, TT_EIO, "%s", strerror(errno));
	if (r == TT_OK && rename(a->tmp, a->path) == -1)
		r = tt_seterr(e, TT_EIO, "cannot replace the file: %s",
		    strerror(errno));
	if (r != TT_OK)
		unlink(a->tmp);
	atomic_release(a);
	return r;
}

void
tt_atomic_abort(tt_atomic *a)
{
	if (a == NULL)
		return;
	fclose(a->fp);
	unlink(a->tmp);
	atomic_release(a);
}

int
tt_io_write_atomic(const char *path, const void *p, size_t n, tt_err *e)
{
	tt_atomic *a;

	if ((a = tt_atomic_open(path, e)) == NULL)
		return e != NULL ? e->code : TT_EIO;
	if (n > 0 && fwrite(p, 1, n, a->fp) != n) {
		tt_seterr(e, TT_EIO, "%s", strerror(errno));
		tt_atomic_abort(a);
		return TT_EIO;
	}
	return tt_atomic_commit(a, e);
}

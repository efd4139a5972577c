/* Unit tests of lib/io.c: caps, unreadable files, bounded lines, atomic
 * writes. */
#define _GNU_SOURCE		/* fopencookie: a stream of any size, no disk */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tt_test.h"

/* A read-only stream of n bytes of one line of 'x' (plus pattern). */
struct gen {
	unsigned long long	left;
	char			fill;
	unsigned long long	served;
};

static ssize_t
gen_read(void *cookie, char *buf, size_t size)
{
	struct gen *g = cookie;
	size_t n = size < g->left ? size : (size_t)g->left;

	memset(buf, g->fill, n);
	g->left -= n;
	g->served += n;
	return (ssize_t)n;
}

static FILE *
gen_open(struct gen *g, unsigned long long n, char fill)
{
	cookie_io_functions_t io = { gen_read, NULL, NULL, NULL };

	g->left = n;
	g->fill = fill;
	g->served = 0;
	return fopencookie(g, "r", io);
}

static FILE *
mem(const char *s)
{
	return fmemopen((void *)(uintptr_t)s, strlen(s), "r");
}

TEST(io_read_all_within_cap)
{
	tt_buf b = { 0 };
	tt_err e;
	FILE *fp = mem("hello\nworld");

	CHECK_INT(tt_io_read_all(fp, 100, &b, &e), TT_OK);
	CHECK_BUF(b, "hello\nworld");
	fclose(fp);
	tt_buf_free(&b);
}

TEST(io_read_all_empty_input)
{
	tt_buf b = { 0 };
	FILE *fp = gen_open(&(struct gen){ 0 }, 0, 'x');

	CHECK_INT(tt_io_read_all(fp, 100, &b, NULL), TT_OK);
	CHECK_INT(b.len, 0);
	fclose(fp);
	tt_buf_free(&b);
}

TEST(io_read_all_refuses_over_cap_early)
{
	struct gen g;
	tt_buf b = { 0 };
	tt_err e;
	FILE *fp = gen_open(&g, 100ULL << 20, 'x');	/* 100 MB */

	CHECK_INT(tt_io_read_all(fp, 1 << 20, &b, &e), TT_ELIMIT);
	CHECK(strstr(e.msg, "limit") != NULL);
	/* It stopped soon after the cap, not at the end of the stream. */
	CHECK(g.served < (2ULL << 20));
	CHECK(b.cap < (3u << 20));
	fclose(fp);
	tt_buf_free(&b);
}

TEST(io_read_exactly_cap_is_fine)
{
	tt_buf b = { 0 };
	FILE *fp = gen_open(&(struct gen){ 0 }, 1000, 'y');

	CHECK_INT(tt_io_read_all(fp, 1000, &b, NULL), TT_OK);
	CHECK_INT(b.len, 1000);
	fclose(fp);
	tt_buf_free(&b);
}

TEST(io_unreadable_files)
{
	tt_buf b = { 0 };
	tt_err e;

	CHECK_INT(tt_io_read_file("/nonexistent/tt-test", 100, &b, &e),
	    TT_EIO);
	CHECK(strstr(e.msg, "No such file") != NULL);
	/* A directory opens but cannot be read. */
	CHECK_INT(tt_io_read_file("/", 100, &b, &e), TT_EIO);
	CHECK(strstr(e.msg, "directory") != NULL);
	tt_buf_free(&b);
}

TEST(io_lines_split_and_number)
{
	FILE *fp = mem("one\r\ntwo\n\nlast");
	tt_lines *r = tt_lines_new(fp, 64);
	tt_str l;
	int more;

	CHECK(r != NULL);
	CHECK_INT(tt_lines_next(r, &l, &more, NULL), 1);
	CHECK_MEM(l.p, l.len, "one");
	CHECK_INT(more, 0);
	CHECK_INT(tt_lines_next(r, &l, &more, NULL), 1);
	CHECK_MEM(l.p, l.len, "two");
	CHECK_INT(tt_lines_next(r, &l, &more, NULL), 1);
	CHECK_INT(l.len, 0);
	CHECK_INT(tt_lines_next(r, &l, &more, NULL), 1);
	CHECK_MEM(l.p, l.len, "last");
	CHECK_INT(tt_lines_lineno(r), 4);
	CHECK_INT(tt_lines_next(r, &l, &more, NULL), 0);
	CHECK_INT(tt_lines_next(r, &l, &more, NULL), 0);
	tt_lines_free(r);
	fclose(fp);
	CHECK(tt_lines_new(NULL, 64) == NULL);
	tt_lines_free(NULL);
}

/* A line that has come is given at once, though the writer has not
 * finished: tt-typo -a answers an editor line by line.  A reader that
 * waits for more is killed by the alarm, and the suite fails. */
TEST(io_lines_answer_without_waiting)
{
	int fd[2];
	FILE *fp;
	tt_lines *r;
	tt_str l;
	int more;

	CHECK_INT(pipe(fd), 0);
	CHECK_INT(write(fd[1], "one\ntw", 6), 6);
	CHECK((fp = fdopen(fd[0], "r")) != NULL);
	CHECK((r = tt_lines_new(fp, 64)) != NULL);
	alarm(10);
	CHECK_INT(tt_lines_next(r, &l, &more, NULL), 1);
	CHECK_MEM(l.p, l.len, "one");
	CHECK(!tt_lines_ready(r));	/* "tw" is not a line yet */
	CHECK_INT(write(fd[1], "o\nthree\n", 8), 8);
	CHECK_INT(tt_lines_next(r, &l, &more, NULL), 1);
	CHECK_MEM(l.p, l.len, "two");
	CHECK(tt_lines_ready(r));	/* "three" came with it */
	close(fd[1]);
	CHECK_INT(tt_lines_next(r, &l, &more, NULL), 1);
	CHECK_MEM(l.p, l.len, "three");
	CHECK_INT(tt_lines_next(r, &l, &more, NULL), 0);
	CHECK(tt_lines_ready(r));
	alarm(0);
	tt_lines_free(r);
	fclose(fp);
}

/* tt-clean writes what it has decided before it waits for more input. */
TEST(io_ready)
{
	int fd[2];
	FILE *fp;

	CHECK_INT(pipe(fd), 0);
	CHECK((fp = fdopen(fd[0], "r")) != NULL);
	CHECK(!tt_io_ready(fp));		/* nothing yet */
	CHECK_INT(write(fd[1], "x", 1), 1);
	CHECK(tt_io_ready(fp));
	close(fd[1]);
	CHECK(tt_io_ready(fp));			/* the end comes at once */
	fclose(fp);
}

TEST(io_lines_100mb_line_bounded)
{
	struct gen g;
	FILE *fp = gen_open(&g, 100ULL << 20, 'z');
	tt_lines *r = tt_lines_new(fp, 1 << 20);
	unsigned long long total = 0;
	size_t pieces = 0, maxpiece = 0;
	tt_str l;
	int more = 0, rc, lastmore = 1;

	CHECK(r != NULL);
	while ((rc = tt_lines_next(r, &l, &more, NULL)) == 1) {
		total += l.len;
		pieces++;
		if (l.len > maxpiece)
			maxpiece = l.len;
		lastmore = more;
	}
	CHECK_INT(rc, 0);
	CHECK(total == 100ULL << 20);
	CHECK_INT(lastmore, 0);
	CHECK(pieces >= 100);
	CHECK(maxpiece <= 1 << 20);
	CHECK_INT(tt_lines_lineno(r), 1);	/* all one line */
	CHECK(tt_lines_memory(r) < (2u << 20));
	tt_lines_free(r);
	fclose(fp);
}

TEST(io_lines_pieces_keep_utf8_whole)
{
	/* 10 bytes of "é" (2 bytes each) with maxline 9: no piece may end
	 * between the two bytes of a character. */
	FILE *fp = mem("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\nx");
	tt_lines *r = tt_lines_new(fp, 9);
	tt_str l;
	int more, ok = 1;

	while (tt_lines_next(r, &l, &more, NULL) == 1)
		ok &= tt_utf8_validate(l.p, l.len, NULL) == TT_OK;
	CHECK(ok);
	CHECK_INT(tt_lines_lineno(r), 2);
	tt_lines_free(r);
	fclose(fp);
}

static char *
tmpdir(void)
{
	static char d[64];

	snprintf(d, sizeof(d), "/tmp/tt-unit-XXXXXX");
	return mkdtemp(d);
}

static char *
slurp(const char *path)
{
	static char s[256];
	FILE *fp = fopen(path, "r");
	size_t n;

	if (fp == NULL)
		return NULL;
	n = fread(s, 1, sizeof(s) - 1, fp);
	s[n] = '\0';
	fclose(fp);
	return s;
}

TEST(io_atomic_write_replaces_and_keeps_mode)
{
	char *d = tmpdir(), path[128];
	struct stat st;
	tt_atomic *a;
	tt_err e;

	CHECK(d != NULL);
	snprintf(path, sizeof(path), "%s/f.txt", d);
	CHECK_INT(tt_io_write_atomic(path, "first\n", 6, &e), TT_OK);
	CHECK(strcmp(slurp(path), "first\n") == 0);
	chmod(path, 0640);
	CHECK_INT(tt_io_write_atomic(path, "second\n", 7, &e), TT_OK);
	CHECK(strcmp(slurp(path), "second\n") == 0);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640);
	/* Abort leaves the original and no temporary file. */
	a = tt_atomic_open(path, &e);
	CHECK(a != NULL);
	fputs("never", tt_atomic_file(a));
	tt_atomic_abort(a);
	CHECK(strcmp(slurp(path), "second\n") == 0);
	{
		char cmd[160];

		snprintf(cmd, sizeof(cmd), "test $(ls %s | wc -l) -eq 1", d);
		CHECK(system(cmd) == 0);
		snprintf(cmd, sizeof(cmd), "rm -rf %s", d);
		CHECK(system(cmd) == 0);
	}
}

TEST(io_atomic_write_errors)
{
	tt_err e;

	CHECK_INT(tt_io_write_atomic("/nonexistent/dir/f", "x", 1, &e),
	    TT_EIO);
	CHECK(strstr(e.msg, "temporary") != NULL);
	CHECK(tt_atomic_open("/dev/null", &e) == NULL);	/* not regular */
	CHECK_INT(e.code, TT_EINVAL);
}

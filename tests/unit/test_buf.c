/* Unit tests of lib/buf.c. */
#include <stdlib.h>

#include "tt_test.h"
#include "tt_int.h"

TEST(buf_append_and_cstr)
{
	tt_buf b = { 0 };

	CHECK(tt_buf_cstr(&b) != NULL);
	CHECK_INT(strlen(tt_buf_cstr(&b)), 0);
	CHECK_INT(tt_buf_puts(&b, "abc"), TT_OK);
	CHECK_INT(tt_buf_putc(&b, 'd'), TT_OK);
	CHECK_INT(tt_buf_append(&b, "e\0f", 3), TT_OK);
	CHECK_INT(b.len, 7);
	CHECK(memcmp(b.data, "abcde\0f", 7) == 0);
	CHECK_INT(tt_buf_printf(&b, "%d-%s", 42, "x"), TT_OK);
	CHECK_INT(b.len, 11);
	CHECK(tt_buf_cstr(&b)[11] == '\0');
	tt_buf_reset(&b);
	CHECK_INT(b.len, 0);
	CHECK(b.cap > 0);
	tt_buf_free(&b);
	CHECK(b.data == NULL && b.len == 0 && b.cap == 0);
	tt_buf_free(NULL);
}

TEST(buf_grows_past_many_pages)
{
	tt_buf b = { 0 };
	size_t i;
	int ok = 1;

	for (i = 0; i < 100000; i++)
		ok &= tt_buf_printf(&b, "%05zu", i % 100000) == TT_OK;
	CHECK(ok);
	CHECK_INT(b.len, 500000);
	CHECK_MEM(b.data + 5 * 99999, 5, "99999");
	tt_buf_free(&b);
}

TEST(buf_refuses_overflowing_reserve)
{
	tt_buf b = { 0 };

	CHECK_INT(tt_buf_puts(&b, "x"), TT_OK);
	CHECK_INT(tt_buf_reserve(&b, SIZE_MAX - 1), TT_ENOMEM);
	CHECK_INT(tt_buf_reserve(&b, SIZE_MAX), TT_ENOMEM);
	CHECK_BUF(b, "x");		/* untouched */
	tt_buf_free(&b);
}

TEST(buf_steal_gives_ownership)
{
	tt_buf b = { 0 };
	size_t len = 0;
	char *p;

	tt_buf_puts(&b, "owned");
	p = tt_buf_steal(&b, &len);
	CHECK(p != NULL && strcmp(p, "owned") == 0);
	CHECK_INT(len, 5);
	CHECK(b.data == NULL && b.len == 0);
	free(p);
}

TEST(spans_push)
{
	tt_spans s = { 0 };
	size_t i;
	int ok = 1;

	for (i = 0; i < 1000; i++)
		ok &= tt_spans_push(&s, i, i + 1) == TT_OK;
	CHECK(ok);
	CHECK_INT(s.n, 1000);
	CHECK_INT(s.v[999].start, 999);
	CHECK_INT(s.v[999].end, 1000);
	tt_spans_free(&s);
	CHECK(s.v == NULL && s.n == 0);
}

TEST(strerror_names_every_code)
{
	CHECK(strcmp(tt_strerror(TT_ENOMEM), "out of memory") == 0);
	CHECK(strcmp(tt_strerror(TT_ELIMIT), "input too large") == 0);
	CHECK(strcmp(tt_strerror(12345), "unknown error") == 0);
}

TEST(word_in_sorted_list)
{
	static const char *const list[] = { "an", "and", "the", "to" };

	CHECK(tt_word_in(list, 4, "and", 3));
	CHECK(tt_word_in(list, 4, "andy", 2));		/* "an" */
	CHECK(tt_word_in(list, 4, "to", 2));
	CHECK(!tt_word_in(list, 4, "a", 1));		/* a prefix only */
	CHECK(!tt_word_in(list, 4, "then", 4));
	CHECK(!tt_word_in(list, 0, "an", 2));
	CHECK(!tt_word_in(list, 4, "an\0xx", 5));	/* found by fuzz_clean */
}

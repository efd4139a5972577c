/* Unit tests of lib/utf8.c: every class of ill-formed UTF-8. */
#include "tt_test.h"
#include "tt_int.h"

static int32_t
dec(const char *s, size_t len, size_t *n)
{
	int32_t cp;

	*n = tt_utf8_decode(s, len, &cp);
	return cp;
}

TEST(utf8_decodes_each_length)
{
	size_t n;

	CHECK_INT(dec("A", 1, &n), 'A');
	CHECK_INT(n, 1);
	CHECK_INT(dec("\xC3\xA9", 2, &n), 0xE9);
	CHECK_INT(n, 2);
	CHECK_INT(dec("\xE2\x80\x99", 3, &n), 0x2019);
	CHECK_INT(n, 3);
	CHECK_INT(dec("\xF0\x9F\x98\x80", 4, &n), 0x1F600);
	CHECK_INT(n, 4);
	CHECK_INT(dec("\xF4\x8F\xBF\xBF", 4, &n), 0x10FFFF);
	CHECK_INT(dec("\0", 1, &n), 0);
	CHECK_INT(n, 1);
}

TEST(utf8_rejects_each_class)
{
	size_t n;

	CHECK_INT(dec("\x80", 1, &n), -1);		/* lone continuation */
	CHECK_INT(n, 1);
	CHECK_INT(dec("\xC0\xAF", 2, &n), -1);		/* overlong '/' */
	CHECK_INT(n, 1);
	CHECK_INT(dec("\xC1\xBF", 2, &n), -1);
	CHECK_INT(dec("\xE0\x80\xAF", 3, &n), -1);	/* overlong 3 */
	CHECK_INT(n, 1);
	CHECK_INT(dec("\xF0\x80\x80\xAF", 4, &n), -1);	/* overlong 4 */
	CHECK_INT(dec("\xED\xA0\x80", 3, &n), -1);	/* surrogate D800 */
	CHECK_INT(n, 1);
	CHECK_INT(dec("\xED\xBF\xBF", 3, &n), -1);	/* surrogate DFFF */
	CHECK_INT(dec("\xF4\x90\x80\x80", 4, &n), -1);	/* 110000 */
	CHECK_INT(dec("\xF5\x80\x80\x80", 4, &n), -1);	/* F5 never */
	CHECK_INT(dec("\xFF", 1, &n), -1);
	CHECK_INT(dec("\xE2\x80", 2, &n), -1);		/* truncated */
	CHECK_INT(n, 2);				/* maximal subpart */
	CHECK_INT(dec("\xE2\x80X", 3, &n), -1);
	CHECK_INT(n, 2);
	CHECK_INT(dec("\xF0\x9F\x98", 3, &n), -1);
	CHECK_INT(n, 3);
}

TEST(utf8_validate_reports_place)
{
	tt_err e;

	CHECK_INT(tt_utf8_validate("", 0, &e), TT_OK);
	CHECK_INT(tt_utf8_validate("caf\xC3\xA9 \xE2\x80\x94 ok", 12, &e),
	    TT_OK);
	CHECK_INT(tt_utf8_validate("a\0b", 3, &e), TT_OK);	/* NUL is valid */
	CHECK_INT(tt_utf8_validate("line one\nn\xC3\xA9\xC0\xAF", 14, &e),
	    TT_EENC);
	CHECK_INT(e.code, TT_EENC);
	CHECK_INT(e.line, 2);
	CHECK_INT(e.col, 3);		/* characters, not bytes */
	CHECK_INT(e.offset, 12);
	CHECK(strstr(e.msg, "overlong") != NULL);
	CHECK_INT(tt_utf8_validate("x\xED\xA0\x80", 4, &e), TT_EENC);
	CHECK(strstr(e.msg, "surrogate") != NULL);
	CHECK_INT(tt_utf8_validate("x\xF4\x90\x80\x80", 5, &e), TT_EENC);
	CHECK(strstr(e.msg, "U+10FFFF") != NULL);
	CHECK_INT(tt_utf8_validate("\x80", 1, &e), TT_EENC);
	CHECK(strstr(e.msg, "continuation") != NULL);
	CHECK_INT(tt_utf8_validate("ab\xE2\x80", 4, &e), TT_EENC);
	CHECK(strstr(e.msg, "truncated") != NULL);
	CHECK_INT(tt_utf8_validate("\xFE", 1, NULL), TT_EENC);
}

TEST(utf8_validate_long_ascii_runs)
{
	char s[100];

	memset(s, 'a', sizeof(s));
	CHECK_INT(tt_utf8_validate(s, sizeof(s), NULL), TT_OK);
	s[77] = (char)0x80;
	{
		tt_err e;

		CHECK_INT(tt_utf8_validate(s, sizeof(s), &e), TT_EENC);
		CHECK_INT(e.offset, 77);
		CHECK_INT(e.col, 78);
	}
}

TEST(utf8_encode_roundtrip)
{
	static const int32_t cps[] = { 0, 'x', 0x7F, 0x80, 0x7FF, 0x800,
	    0xFFFD, 0xFFFF, 0x10000, 0x10FFFF };
	char out[4];
	size_t i, n, m;
	int32_t cp;
	int ok = 1;

	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		n = tt_utf8_encode(cps[i], out);
		m = tt_utf8_decode(out, n, &cp);
		ok &= n > 0 && m == n && cp == cps[i];
	}
	CHECK(ok);
	CHECK_INT(tt_utf8_encode(0xD800, out), 0);
	CHECK_INT(tt_utf8_encode(0x110000, out), 0);
	CHECK_INT(tt_utf8_encode(-1, out), 0);
}

TEST(utf8_complete_finds_cut)
{
	CHECK_INT(tt_utf8_complete("abc", 3), 3);
	CHECK_INT(tt_utf8_complete("ab\xC3", 3), 2);
	CHECK_INT(tt_utf8_complete("ab\xE2\x80", 4), 2);
	CHECK_INT(tt_utf8_complete("ab\xF0\x9F\x98", 5), 2);
	CHECK_INT(tt_utf8_complete("ab\xF0\x9F\x98\x80", 6), 6);
	CHECK_INT(tt_utf8_complete("ab\xE0\x80", 4), 4);	/* never valid */
	CHECK_INT(tt_utf8_complete("\x80\x80\x80\x80", 4), 4);
	CHECK_INT(tt_utf8_complete("", 0), 0);
}

TEST(utf8_count_offset_iter)
{
	const char *s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";	/* aé€😀z */
	size_t len = strlen(s);
	tt_utf8_iter it;
	int32_t cp, got[8];
	int n = 0;

	CHECK_INT(tt_utf8_count(s, len), 5);
	CHECK_INT(tt_utf8_offset(s, len, 0), 0);
	CHECK_INT(tt_utf8_offset(s, len, 2), 3);
	CHECK_INT(tt_utf8_offset(s, len, 4), 10);
	CHECK_INT(tt_utf8_offset(s, len, 99), len);
	CHECK_INT(tt_utf8_count("a\x80\x80" "b", 4), 4);
	tt_utf8_iter_init(&it, s, len);
	while (n < 8 && tt_utf8_next(&it, &cp))
		got[n++] = cp;
	CHECK_INT(n, 5);
	CHECK_INT(got[3], 0x1F600);
	tt_utf8_iter_init(&it, "\xC0x", 2);
	CHECK(tt_utf8_next(&it, &cp) == 1 && cp == -1);
	CHECK(tt_utf8_next(&it, &cp) == 1 && cp == 'x');
	CHECK(tt_utf8_next(&it, &cp) == 0);
}

TEST(utf8_repair_replaces_maximal_subparts)
{
	tt_buf b = { 0 };

	/* The Unicode standard's example: 61 F1 80 80 E1 80 C2 62 80 63 80
	 * BF 64 gives a FFFD b FFFD FFFD FFFD c FFFD FFFD d... */
	CHECK_INT(tt_utf8_repair("a\xF1\x80\x80\xE1\x80\xC2" "b\x80" "c\x80\xBF"
	    "d", 13, &b), 6);
	CHECK_BUF(b, "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD"
	    "c\xEF\xBF\xBD\xEF\xBF\xBD" "d");
	tt_buf_reset(&b);
	CHECK_INT(tt_utf8_repair("fine", 4, &b), 0);
	CHECK_BUF(b, "fine");
	tt_buf_reset(&b);
	CHECK_INT(tt_utf8_repair("", 0, &b), 0);
	CHECK_INT(b.len, 0);
	tt_buf_free(&b);
}

/* How far s is valid, a character at a time: what tt_utf8_valid_run()
 * must say, sixteen bytes at a time or not. */
static size_t
valid_slowly(const char *s, size_t len)
{
	size_t i = 0, n;
	int32_t cp;

	while (i < len) {
		n = tt_utf8_decode(s + i, len - i, &cp);
		if (cp < 0)
			break;
		i += n;
	}
	return i;
}

/*
 * Text of every length of sequence and every class of error, at every
 * place against the sixteen-byte blocks: mostly valid stretches (ASCII,
 * two, three and four bytes, the edges of each range) with one error or
 * a cut sequence at a random place, or none.
 */
TEST(utf8_valid_run_as_slowly)
{
	static const char *const good[] = {
		"a", "Hello, world. ", "\xC2\x80", "\xC3\xA9", "\xDF\xBF",
		"\xE0\xA0\x80", "\xE2\x82\xAC", "\xEC\x9F\xBF", "\xED\x9F\xBF",
		"\xEE\x80\x80", "\xEF\xBF\xBF", "\xF0\x90\x80\x80",
		"\xF0\x9F\x98\x80", "\xF3\xBF\xBF\xBF", "\xF4\x8F\xBF\xBF",
		"\xE4\xB8\xAD\xE6\x96\x87", "\xD0\x9C\xD0\xBE"
	};
	static const char *const bad[] = {
		"\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xC2", "\xC2\x41",
		"\xE0\x80\x80", "\xE0\x9F\xBF", "\xE2\x82", "\xE2\x41\x41",
		"\xED\xA0\x80", "\xED\xBF\xBF", "\xF0\x80\x80\x80",
		"\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
		"\xF8\x88\x80\x80\x80", "\xFE", "\xFF", "\xF0\x9F\x98",
		"\xC3\xA9\xA9", "\xE2\x82\xAC\x80"
	};
	char s[400];
	unsigned long x = 7;
	size_t len, k, n, at, i, fails = 0;
	int round;

	for (round = 0; round < 20000; round++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		at = (x >> 33) % 300;		/* where the error goes */
		len = 0;
		while (len < 320) {
			x = x * 6364136223846793005UL +
			    1442695040888963407UL;
			k = (x >> 33) % (sizeof(good) / sizeof(good[0]));
			if (len >= at && at != 0 && round % 4 != 0) {
				/* one error, then valid text again */
				k = (x >> 40) % (sizeof(bad) / sizeof(bad[0]));
				n = strlen(bad[k]);
				memcpy(s + len, bad[k], n);
				len += n;
				at = 0;
				continue;
			}
			n = strlen(good[k]);
			memcpy(s + len, good[k], n);
			len += n;
		}
		/* from each of the first sixteen places, to a random end */
		for (i = 0; i < 16; i++) {
			x = x * 6364136223846793005UL +
			    1442695040888963407UL;
			n = i + (x >> 33) % (len - i + 1);
			if (tt_utf8_valid_run(s + i, n - i) !=
			    valid_slowly(s + i, n - i))
				fails++;
		}
	}
	CHECK_INT((int)fails, 0);
}

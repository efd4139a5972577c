/* Unit tests of tt-clean's library side: lib/clean.c, cleanline.c,
 * mojibake.c, boilerplate.c, dedupe.c. */
#define _GNU_SOURCE
#include <stdlib.h>

#include "tt_test.h"

/* Clean s with the steps given, feeding it in pieces of step bytes. */
static const char *
clean(const char *s, size_t len, unsigned steps, size_t step)
{
	static tt_buf out;
	tt_clean_opts o = { 0 };
	tt_clean *c;
	size_t i;

	o.steps = steps;
	tt_buf_reset(&out);
	if ((c = tt_clean_new(&o, NULL)) == NULL)
		return "(new failed)";
	for (i = 0; i < len; i += step)
		if (tt_clean_feed(c, s + i, len - i < step ? len - i : step,
		    &out, NULL) != TT_OK)
			return "(feed failed)";
	if (tt_clean_finish(c, &out, NULL) != TT_OK)
		return "(finish failed)";
	tt_clean_free(c);
	return tt_buf_cstr(&out);
}

#define CLEAN(in, steps)	clean(in, strlen(in), steps, 1 << 16)

TEST(clean_step_names)
{
	unsigned m;
	tt_err e;

	CHECK_INT(tt_clean_steps("encoding,dedupe", &m, &e), TT_OK);
	CHECK_INT(m, TT_STEP_ENCODING | TT_STEP_DEDUPE);
	CHECK_INT(tt_clean_steps("unicode,bogus", &m, &e), TT_EINVAL);
	CHECK(strstr(e.msg, "bogus") != NULL);
	CHECK_INT(tt_clean_steps("", &m, &e), TT_OK);
	CHECK_INT(m, 0);
}

TEST(clean_mojibake_fix)
{
	tt_buf b = { 0 };

	CHECK_INT(tt_mojibake_fix("Caf\xC3\x83\xC2\xA9", 7, &b), 1);
	CHECK_BUF(b, "Caf\xC3\xA9");				/* Café */
	tt_buf_reset(&b);
	/* twice through windows-1252 */
	CHECK(tt_mojibake_fix("Caf\xC3\x83\xC6\x92\xC3\x82\xC2\xA9", 11, &b) > 0);
	CHECK_BUF(b, "Caf\xC3\xA9");
	tt_buf_reset(&b);
	/* negatives: NESTLÉ®, 4288×…, plain accents */
	CHECK_INT(tt_mojibake_fix("NESTL\xC3\x89\xC2\xAE", 9, &b), 0);
	CHECK_BUF(b, "NESTL\xC3\x89\xC2\xAE");
	tt_buf_reset(&b);
	CHECK_INT(tt_mojibake_fix("4288\xC3\x97\xE2\x80\xA6", 9, &b), 0);
	CHECK_BUF(b, "4288\xC3\x97\xE2\x80\xA6");
	tt_buf_reset(&b);
	CHECK_INT(tt_mojibake_fix("na\xC3\xAFve caf\xC3\xA9", 11, &b), 0);
	tt_buf_reset(&b);
	/* a lone C1 control is windows-1252 read as latin-1 */
	CHECK_INT(tt_mojibake_fix("wait\xC2\x85", 6, &b), 1);
	CHECK_BUF(b, "wait\xE2\x80\xA6");
	tt_buf_reset(&b);
	/* Cyrillic read as windows-1251 needs two sequences or more */
	CHECK(tt_mojibake_fix("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82", 12,
	    &b) == 0);			/* real Russian text is left alone */
	tt_buf_free(&b);
}

TEST(clean_unicode_and_whitespace)
{
	CHECK(strcmp(CLEAN("  cafe\xCC\x81  soft\xC2\xADhy\xE2\x80\x8Bphen\xC2\xA0x\x07 \r\n",
	    TT_STEP_UNICODE | TT_STEP_WHITESPACE), "caf\xC3\xA9 softhyphen x\n") == 0);
	CHECK(strcmp(CLEAN("\n\n\na\n\n\n\nb\n\n", TT_STEP_WHITESPACE),
	    "a\n\nb\n") == 0);
	CHECK(strcmp(CLEAN("no newline at end", TT_STEP_WHITESPACE),
	    "no newline at end\n") == 0);
	CHECK(strcmp(CLEAN("", TT_STEP_ALL), "") == 0);
}

TEST(clean_dedupe_keeps_short_and_far)
{
	const char *cap = "The caption of the photo is printed twice here.\n";
	tt_buf in = { 0 };
	int i;

	tt_buf_puts(&in, cap);
	tt_buf_puts(&in, cap);
	tt_buf_puts(&in, "Yes.\nYes.\n");
	for (i = 0; i < 20; i++)
		tt_buf_printf(&in, "Filler paragraph number %d of the text.\n", i);
	tt_buf_puts(&in, cap);		/* far away: on purpose */
	tt_buf_cstr(&in);
	CHECK(strcmp(clean(in.data, in.len, TT_STEP_DEDUPE, 7),
	    strchr(in.data, '\n') + 1) == 0);
	tt_buf_free(&in);
}

TEST(clean_boilerplate_drops_ui_keeps_article)
{
	const char *page =
	    "DONATE\nSUBSCRIBE\n\nSign Up for The Daily Tide\n\n"
	    "Ferry Returns to Kell Island\n\n"
	    "The ferry to Kell Island will run again from Monday after a year "
	    "out of service, the island council said on Tuesday.\n\n"
	    "Islanders have relied on a small water taxi since the spring.\n\n"
	    "Total\n0\nShares\nRelated Posts\n\xC2\xA9 2026 The Tide. All rights "
	    "reserved.\n";
	const char *got = clean(page, strlen(page), TT_STEP_ALL, 5);

	CHECK(strstr(got, "DONATE") == NULL);
	CHECK(strstr(got, "Sign Up") == NULL);
	CHECK(strstr(got, "Shares") == NULL);
	CHECK(strstr(got, "Related Posts") == NULL);
	CHECK(strstr(got, "rights reserved") == NULL);
	CHECK(strstr(got, "Ferry Returns to Kell Island") != NULL);
	CHECK(strstr(got, "The ferry to Kell Island will run again") != NULL);
	CHECK(strstr(got, "Islanders have relied") != NULL);
}

TEST(clean_bad_rules)
{
	tt_clean_opts o = { 0 };
	tt_err e;

	o.rules = "ok ^fine$\nbroken ^(unclosed\n";
	o.rules_len = strlen(o.rules);
	CHECK(tt_clean_new(&o, &e) == NULL);
	CHECK_INT(e.code, TT_EPARSE);
	CHECK_INT(e.line, 2);
	o.rules = "nopattern\n";
	o.rules_len = strlen(o.rules);
	CHECK(tt_clean_new(&o, &e) == NULL);
}

TEST(clean_encodings_in_pieces)
{
	/* UTF-16LE with a BOM fed one byte at a time */
	const char in[] = "\xFF\xFEG\0r\0\xFC\0\xDF\0" "e\0\n\0";
	const char *got = clean(in, sizeof(in) - 1, TT_STEP_ENCODING, 1);

	CHECK(strcmp(got, "Gr\xC3\xBC\xC3\x9F" "e\n") == 0);
	got = clean("caf\xE9 \x93q\x94\n", 9, TT_STEP_ENCODING, 2);
	CHECK(strcmp(got, "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D\n") == 0);
}

/* A 100 MB line through every step: it comes out whole, in pieces that
 * never held more than the window. */
TEST(clean_100mb_line_bounded)
{
	tt_clean_opts o = { 0 };
	tt_buf out = { 0 };
	tt_clean *c = tt_clean_new(&o, NULL);
	char *chunk = malloc(1 << 16);
	unsigned long long total = 0;
	size_t i, maxout = 0;
	int ok = 1;

	memset(chunk, 'w', 1 << 16);
	for (i = 0; i < 1600; i++) {		/* 1600 x 64 KiB = 100 MiB */
		ok &= tt_clean_feed(c, chunk, 1 << 16, &out, NULL) == TT_OK;
		total += out.len;
		if (out.cap > maxout)
			maxout = out.cap;
		tt_buf_reset(&out);
	}
	ok &= tt_clean_finish(c, &out, NULL) == TT_OK;
	total += out.len;
	CHECK(ok);
	CHECK(total == 100ULL * 1048576 + 1);	/* and a newline */
	CHECK(maxout < (4u << 20));
	tt_buf_free(&out);
	tt_clean_free(c);
	free(chunk);
}

/* Unit tests of lib/unicode.c. */
#include "tt_test.h"

TEST(unicode_nfc)
{
	tt_buf b = { 0 };
	tt_err e;

	CHECK_INT(tt_unicode_nfc("cafe\xCC\x81", 6, &b, &e), TT_OK);
	CHECK_BUF(b, "caf\xC3\xA9");
	tt_buf_reset(&b);
	CHECK_INT(tt_unicode_nfc("caf\xC3\xA9", 5, &b, &e), TT_OK);
	CHECK_BUF(b, "caf\xC3\xA9");	/* already NFC */
	tt_buf_reset(&b);
	CHECK_INT(tt_unicode_nfc("plain", 5, &b, &e), TT_OK);
	CHECK_BUF(b, "plain");
	tt_buf_reset(&b);
	/* Hangul jamo compose; the Angstrom sign becomes A-ring */
	CHECK_INT(tt_unicode_nfc("\xE1\x84\x80\xE1\x85\xA1\xE2\x84\xAB", 9,
	    &b, &e), TT_OK);
	CHECK_BUF(b, "\xEA\xB0\x80\xC3\x85");
	tt_buf_reset(&b);
	CHECK_INT(tt_unicode_nfc("", 0, &b, &e), TT_OK);
	CHECK_INT(b.len, 0);
	tt_buf_free(&b);
}

TEST(unicode_nfc_rejects_bad_utf8)
{
	tt_buf b = { 0 };
	tt_err e;

	CHECK_INT(tt_unicode_nfc("e\xCC\x81\xC0\xAF", 5, &b, &e), TT_EENC);
	CHECK_INT(e.offset, 3);
	CHECK(strstr(e.msg, "overlong") != NULL);
	CHECK_INT(tt_unicode_nfc("\xED\xA0\x80", 3, &b, &e), TT_EENC);
	CHECK_INT(b.len, 0);		/* nothing half-written */
	tt_buf_free(&b);
}

TEST(unicode_nfc_keeps_nul)
{
	tt_buf b = { 0 };

	CHECK_INT(tt_unicode_nfc("a\0e\xCC\x81", 5, &b, NULL), TT_OK);
	CHECK_INT(b.len, 4);
	CHECK(memcmp(b.data, "a\0\xC3\xA9", 4) == 0);
	tt_buf_free(&b);
}

TEST(unicode_casefold)
{
	tt_buf b = { 0 };

	CHECK_INT(tt_unicode_casefold("Stra\xC3\x9F" "E", 7, &b, NULL), TT_OK);
	CHECK_BUF(b, "strasse");
	tt_buf_reset(&b);
	CHECK_INT(tt_unicode_casefold("MiXeD", 5, &b, NULL), TT_OK);
	CHECK_BUF(b, "mixed");
	tt_buf_reset(&b);
	CHECK_INT(tt_unicode_casefold("\xCE\xA3\xCE\x9F", 4, &b, NULL), TT_OK);
	CHECK_BUF(b, "\xCF\x83\xCE\xBF");	/* Greek capitals */
	tt_buf_free(&b);
}

TEST(unicode_categories)
{
	CHECK_INT(tt_unicode_category('a'), TT_UCAT_LETTER);
	CHECK_INT(tt_unicode_category(0x4E2D), TT_UCAT_LETTER);	/* 中 */
	CHECK_INT(tt_unicode_category(0x301), TT_UCAT_MARK);
	CHECK_INT(tt_unicode_category('7'), TT_UCAT_NUMBER);
	CHECK_INT(tt_unicode_category(0x2019), TT_UCAT_PUNCT);
	CHECK_INT(tt_unicode_category(0x20AC), TT_UCAT_SYMBOL);
	CHECK_INT(tt_unicode_category(0xA0), TT_UCAT_SPACE);
	CHECK_INT(tt_unicode_category(0x07), TT_UCAT_CONTROL);
	CHECK_INT(tt_unicode_category(0xAD), TT_UCAT_FORMAT);	/* soft hyphen */
	CHECK_INT(tt_unicode_category(0x200B), TT_UCAT_FORMAT);
	CHECK_INT(tt_unicode_category(-1), TT_UCAT_OTHER);
	CHECK_INT(tt_unicode_category(0x110000), TT_UCAT_OTHER);
	CHECK(tt_unicode_is_letter(0xE9) && !tt_unicode_is_letter('1'));
	CHECK(tt_unicode_is_upper(0xC9) && !tt_unicode_is_upper(0xE9));
	CHECK(tt_unicode_is_lower(0xE9) && tt_unicode_is_lower('q'));
	CHECK(tt_unicode_is_space(0x3000) && tt_unicode_is_space('\t'));
	CHECK(!tt_unicode_is_space(0x200B));
	CHECK_INT(tt_unicode_tolower(0xC9), 0xE9);
	CHECK_INT(tt_unicode_toupper(0x3C3), 0x3A3);
	CHECK_INT(tt_unicode_toupper('z'), 'Z');
}

TEST(unicode_width)
{
	CHECK_INT(tt_unicode_width('a'), 1);
	CHECK_INT(tt_unicode_width(0x4E2D), 2);
	CHECK_INT(tt_unicode_width(0x301), 0);
	CHECK_INT(tt_unicode_columns("a\xE4\xB8\xAD" "e\xCC\x81", 7), 4);
	CHECK_INT(tt_unicode_columns("\xFF", 1), 1);
}

/* Unit tests of lib/encoding.c. */
#include "tt_test.h"

static const char *
detect(const char *s, size_t len, int flags, int *source)
{
	static tt_enc_guess g;

	tt_encoding_detect(s, len, flags, &g);
	if (source != NULL)
		*source = g.source;
	return g.name;
}

#define DETECT(lit, flags, src)	detect(lit, sizeof(lit) - 1, flags, src)

TEST(encoding_bom)
{
	const char *name;

	CHECK_INT(tt_encoding_bom("\xEF\xBB\xBFx", 4, &name), 3);
	CHECK(strcmp(name, "UTF-8") == 0);
	CHECK_INT(tt_encoding_bom("\xFF\xFEx\0", 4, &name), 2);
	CHECK(strcmp(name, "UTF-16LE") == 0);
	CHECK_INT(tt_encoding_bom("\xFE\xFF\0x", 4, &name), 2);
	CHECK(strcmp(name, "UTF-16BE") == 0);
	CHECK_INT(tt_encoding_bom("\xFF\xFE\0\0", 4, &name), 4);
	CHECK(strcmp(name, "UTF-32LE") == 0);
	CHECK_INT(tt_encoding_bom("\0\0\xFE\xFF", 4, &name), 4);
	CHECK_INT(tt_encoding_bom("\xEF\xBB", 2, &name), 0);
	CHECK(name == NULL);
	CHECK_INT(tt_encoding_bom("", 0, &name), 0);
}

TEST(encoding_labels_follow_whatwg)
{
	char n[32];

	CHECK_INT(tt_encoding_label(" Latin1 ", 8, n, sizeof(n)), 1);
	CHECK(strcmp(n, "WINDOWS-1252") == 0);	/* as browsers do */
	CHECK_INT(tt_encoding_label("ISO-8859-1", 10, n, sizeof(n)), 1);
	CHECK(strcmp(n, "WINDOWS-1252") == 0);
	CHECK_INT(tt_encoding_label("utf8", 4, n, sizeof(n)), 1);
	CHECK(strcmp(n, "UTF-8") == 0);
	CHECK_INT(tt_encoding_label("Shift_JIS", 9, n, sizeof(n)), 1);
	CHECK(strcmp(n, "WINDOWS-31J") == 0);
	CHECK_INT(tt_encoding_label("gb2312", 6, n, sizeof(n)), 1);
	CHECK(strcmp(n, "GB18030") == 0);
	CHECK_INT(tt_encoding_label("iso-8859-15", 11, n, sizeof(n)), 1);
	CHECK(strcmp(n, "ISO-8859-15") == 0);
	CHECK_INT(tt_encoding_label("made-up", 7, n, sizeof(n)), 0);
	CHECK(strcmp(n, "made-up") == 0);
	CHECK_INT(tt_encoding_label("", 0, n, sizeof(n)), 0);
}

TEST(encoding_meta_prescan)
{
	char n[32];

	CHECK_INT(tt_encoding_sniff_meta("<html><head><meta charset=\"koi8-r\">",
	    35, n, sizeof(n)), 1);
	CHECK(strcmp(n, "KOI8-R") == 0);
	CHECK_INT(tt_encoding_sniff_meta("<META CHARSET=windows-1251>", 27, n,
	    sizeof(n)), 1);
	CHECK(strcmp(n, "WINDOWS-1251") == 0);
	CHECK_INT(tt_encoding_sniff_meta("<meta http-equiv=\"Content-Type\" "
	    "content=\"text/html; charset=ISO-8859-2\">", 72, n, sizeof(n)), 1);
	CHECK(strcmp(n, "ISO-8859-2") == 0);
	/* content= without http-equiv says nothing about the charset */
	CHECK_INT(tt_encoding_sniff_meta("<meta name=x content=\"charset=koi8-r\">",
	    38, n, sizeof(n)), 0);
	/* inside a comment, or an attribute of another tag: not a meta */
	CHECK_INT(tt_encoding_sniff_meta("<!-- <meta charset=koi8-r> -->", 30, n,
	    sizeof(n)), 0);
	CHECK_INT(tt_encoding_sniff_meta("<div title='<meta charset=koi8-r>'>",
	    35, n, sizeof(n)), 0);
	/* UTF-16 declared in ASCII bytes means UTF-8 */
	CHECK_INT(tt_encoding_sniff_meta("<meta charset=utf-16>", 21, n,
	    sizeof(n)), 1);
	CHECK(strcmp(n, "UTF-8") == 0);
	/* broken markup never runs past the end */
	CHECK_INT(tt_encoding_sniff_meta("<meta charset=\"", 15, n, sizeof(n)),
	    0);
	/* a label the standard does not know is passed over */
	CHECK_INT(tt_encoding_sniff_meta("<meta charset=windows-125 x>"
	    "<meta charset=koi8-r>", 49, n, sizeof(n)), 1);
	CHECK(strcmp(n, "KOI8-R") == 0);
	CHECK_INT(tt_encoding_sniff_meta("<meta", 5, n, sizeof(n)), 0);
	CHECK_INT(tt_encoding_sniff_meta("<!--", 4, n, sizeof(n)), 0);
	CHECK_INT(tt_encoding_sniff_meta("", 0, n, sizeof(n)), 0);
}

TEST(encoding_detect_order)
{
	int src;

	CHECK(strcmp(DETECT("\xEF\xBB\xBFplain", 0, &src), "UTF-8") == 0);
	CHECK_INT(src, TT_ENC_BOM);
	CHECK(strcmp(DETECT("plain ascii", 0, &src), "UTF-8") == 0);
	CHECK_INT(src, TT_ENC_UTF8);
	CHECK(strcmp(DETECT("caf\xC3\xA9", 0, &src), "UTF-8") == 0);
	CHECK(strcmp(DETECT("caf\xE9 cr\xE8me", 0, &src), "WINDOWS-1252") == 0);
	CHECK(src == TT_ENC_STATS || src == TT_ENC_FALLBACK);
	/* Russian in KOI8-R and in windows-1251: told apart by statistics */
	CHECK(strcmp(DETECT("\xf0\xd2\xc9\xd7\xc5\xd4, \xcb\xc1\xcb \xc4\xc5\xcc\xc1? "
	    "\xf7\xd3\xc5 \xc8\xcf\xd2\xcf\xdb\xcf, \xd3\xd0\xc1\xd3\xc9\xc2\xcf.", 0, &src),
	    "KOI8-R") == 0);
	CHECK_INT(src, TT_ENC_STATS);
	CHECK(strcmp(DETECT("\xcf\xf0\xe8\xe2\xe5\xf2, \xea\xe0\xea \xe4\xe5\xeb\xe0? "
	    "\xc2\xf1\xe5 \xf5\xee\xf0\xee\xf8\xee, \xf1\xef\xe0\xf1\xe8\xe1\xee.", 0, &src),
	    "WINDOWS-1251") == 0);
	/* the euro sign of ISO-8859-15, not the currency sign of -1 */
	CHECK(strcmp(DETECT("El precio es de 2212 \xa4 al mes, se\xf1or, "
	    "y el a\xf1o que viene ser\xe1 m\xe1s.", 0, &src), "ISO-8859-15") == 0);
	/* ISO-2022-JP is 7-bit but not ASCII */
	CHECK(strcmp(DETECT("x \x1b$B$\"\x1b(B y", 0, &src), "ISO-2022-JP") == 0);
	CHECK(strcmp(DETECT("<meta charset=iso-8859-2>\xB1", TT_ENC_HTML, &src),
	    "ISO-8859-2") == 0);
	CHECK_INT(src, TT_ENC_META);
	/* meta is ignored for plain text */
	CHECK(strcmp(DETECT("<meta charset=iso-8859-2>\xB1", 0, &src),
	    "WINDOWS-1252") == 0);
	/* a page saved as UTF-8 that kept its legacy meta */
	CHECK(strcmp(DETECT("<meta charset=iso-8859-1>caf\xC3\xA9", TT_ENC_HTML,
	    &src), "UTF-8") == 0);
	CHECK_INT(src, TT_ENC_UTF8);
	CHECK(strcmp(DETECT("", 0, &src), "UTF-8") == 0);
}

/* Mostly UTF-8 is taken for UTF-8, but only all of it is valid. */
TEST(encoding_detect_tells_valid_utf8)
{
	static const char ok[] = "caf\xC3\xA9 na\xC3\xAFve d\xC3\xA9j\xC3\xA0 vu";
	static const char most[] = "caf\xC3\xA9 na\xC3\xAFve d\xC3\xA9j\xC3\xA0 "
	    "vu \xC3\xA9t\xC3\xA9 \xE9";
	tt_enc_guess g;

	tt_encoding_detect(ok, sizeof(ok) - 1, 0, &g);
	CHECK(strcmp(g.name, "UTF-8") == 0);
	CHECK_INT(g.utf8_valid, 1);
	tt_encoding_detect(most, sizeof(most) - 1, 0, &g);
	CHECK(strcmp(g.name, "UTF-8") == 0);
	CHECK_INT(g.utf8_valid, 0);
	tt_encoding_detect("\xFF\xFEh\0i\0", 6, 0, &g);	/* a BOM */
	CHECK_INT(g.utf8_valid, 0);
}

TEST(encoding_detect_utf16_without_bom)
{
	int src;

	CHECK(strcmp(DETECT("H\0e\0l\0l\0o\0,\0 \0w\0o\0r\0l\0d\0", 0, &src),
	    "UTF-16LE") == 0);
	CHECK_INT(src, TT_ENC_UTF16);
	CHECK(strcmp(DETECT("\0H\0e\0l\0l\0o\0,\0 \0w\0o\0r\0l\0d", 0, &src),
	    "UTF-16BE") == 0);
	CHECK(strcmp(DETECT("H\0\0\0i\0\0\0!\0\0\0", 0, &src), "UTF-32LE") == 0);
	/* a few NULs in ASCII are not UTF-16 */
	CHECK(strcmp(DETECT("abc\0defghijklmnop\0", 0, &src), "UTF-8") == 0);
}

static const char *
conv(const char *enc, const char *s, size_t len, size_t *replaced)
{
	static tt_buf b;
	tt_conv *c = tt_conv_new(enc, NULL);

	tt_buf_reset(&b);
	if (c == NULL)
		return NULL;
	tt_conv_feed(c, s, len, 1, &b, NULL);
	if (replaced != NULL)
		*replaced = tt_conv_replaced(c);
	tt_conv_free(c);
	return tt_buf_cstr(&b);
}

TEST(encoding_convert)
{
	size_t rep;
	tt_err e;

	CHECK(strcmp(conv("windows-1252", "\x93Hi\x94 \x80 caf\xE9", 11, &rep),
	    "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x82\xAC caf\xC3\xA9") == 0);
	CHECK_INT(rep, 0);
	/* the five unassigned bytes become C1 controls, as in browsers */
	CHECK(strcmp(conv("windows-1252", "a\x81z", 3, &rep), "a\xC2\x81z") == 0);
	CHECK_INT(rep, 1);
	CHECK(strcmp(conv("koi8-r", "\xF0\xD2\xC9\xD7\xC5\xD4", 6, NULL),
	    "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82") == 0);
	CHECK(strcmp(conv("UTF-16LE", "h\0i\0", 4, NULL), "hi") == 0);
	/* an odd byte at the end of UTF-16 is replaced, not lost quietly */
	CHECK(strcmp(conv("UTF-16LE", "h\0i", 3, &rep), "h\xEF\xBF\xBD") == 0);
	CHECK_INT(rep, 1);
	/* UTF-8 in, UTF-8 out: ill-formed bytes repaired, NUL kept */
	CHECK(memcmp(conv("utf-8", "a\0\xC0z", 4, &rep), "a\0\xEF\xBF\xBDz", 6)
	    == 0);
	CHECK_INT(rep, 1);
	CHECK(tt_conv_new("no-such-encoding", &e) == NULL);
	CHECK_INT(e.code, TT_EINVAL);
	CHECK(strstr(e.msg, "no-such-encoding") != NULL);
	tt_conv_free(NULL);
}

/* Feeding one byte at a time gives what feeding all at once gives. */
static int
same_in_pieces(const char *enc, const char *s, size_t len)
{
	tt_buf whole = { 0 }, parts = { 0 };
	tt_conv *c;
	size_t i;
	int same;

	c = tt_conv_new(enc, NULL);
	tt_conv_feed(c, s, len, 1, &whole, NULL);
	tt_conv_free(c);
	c = tt_conv_new(enc, NULL);
	for (i = 0; i < len; i++)
		tt_conv_feed(c, s + i, 1, 0, &parts, NULL);
	tt_conv_feed(c, "", 0, 1, &parts, NULL);
	tt_conv_free(c);
	same = whole.len == parts.len && whole.len > 0 &&
	    memcmp(whole.data, parts.data, whole.len) == 0;
	tt_buf_free(&whole);
	tt_buf_free(&parts);
	return same;
}

TEST(encoding_convert_streams_across_cuts)
{
	CHECK(same_in_pieces("UTF-8", "a\xE2\x82\xAC\xF0\x9F\x98\x80z\xC0", 10));
	CHECK(same_in_pieces("UTF-16LE", "\xAC\x20h\0=\xD8\x00\xDE", 8));
	CHECK(same_in_pieces("WINDOWS-31J", "\x82\xA0\x82\xA2x", 5));
	CHECK(same_in_pieces("EUC-JP", "\xA4\xA2\xA4\xA4", 4));
	CHECK(same_in_pieces("ISO-2022-JP", "\x1B$B$\"\x1B(Bx", 9));
	CHECK(same_in_pieces("GB18030", "\x81\x30\x81\x30\xC4\xE3", 6));
}

TEST(encoding_to_utf8_whole_document)
{
	tt_buf b = { 0 };
	tt_enc_guess g;
	tt_err e;

	CHECK_INT(tt_encoding_to_utf8("\xFF\xFEh\0i\0", 6, 0, NULL, &b, &g, &e),
	    TT_OK);
	CHECK_BUF(b, "hi");			/* BOM dropped */
	CHECK_INT(g.source, TT_ENC_BOM);
	tt_buf_reset(&b);
	CHECK_INT(tt_encoding_to_utf8("\xEF\xBB\xBFok", 5, 0, "utf-8", &b, &g,
	    &e), TT_OK);
	CHECK_BUF(b, "ok");
	CHECK_INT(g.source, TT_ENC_FORCED);
	tt_buf_reset(&b);
	CHECK_INT(tt_encoding_to_utf8("\xE9t\xE9", 3, 0, "iso-8859-15", &b, &g,
	    &e), TT_OK);
	CHECK_BUF(b, "\xC3\xA9t\xC3\xA9");
	tt_buf_reset(&b);
	CHECK_INT(tt_encoding_to_utf8("\xA4", 1, 0, "iso-8859-15", &b, NULL,
	    &e), TT_OK);
	CHECK_BUF(b, "\xE2\x82\xAC");		/* the euro sign of -15 */
	tt_buf_reset(&b);
	CHECK_INT(tt_encoding_to_utf8("x", 1, 0, "bogus-enc", &b, NULL, &e),
	    TT_EINVAL);
	tt_buf_reset(&b);
	CHECK_INT(tt_encoding_to_utf8("", 0, TT_ENC_HTML, NULL, &b, &g, &e),
	    TT_OK);
	CHECK_INT(b.len, 0);
	tt_buf_free(&b);
}

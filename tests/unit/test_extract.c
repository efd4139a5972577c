/* Unit tests of lib/html.c and lib/extract.c. */
#include <stdlib.h>

#include "tt_test.h"

static const char para1[] =
    "<p>The ferry to Kell Island will run again from Monday after a year "
    "out of service, the island council said on Friday.</p>";
static const char para2[] =
    "<p>Islanders have relied on a small water taxi since the old ferry's "
    "engine failed, and the council bought a second-hand boat.</p>";

/* Extract s with the given format; the text, or "ERROR". */
static const char *
extract(const char *s, size_t len, int format, tt_article *a)
{
	static tt_extractor *x[2];
	tt_extract_opts o = { 0 };

	o.format = format;
	o.links = format == TT_FMT_MARKDOWN;
	if (x[format] == NULL)
		x[format] = tt_extractor_new(&o, NULL);
	tt_article_free(a);
	if (tt_extract(x[format], s, len, a, NULL) < 0)
		return "ERROR";
	tt_buf_putc(&a->text, '\0');
	a->text.len--;
	return a->text.data ? a->text.data : "";
}

TEST(extract_article_without_menu)
{
	char page[2048];
	tt_article a = { 0 };

	snprintf(page, sizeof(page), "<html><body><ul class=menu>"
	    "<li><a href=/>Home</a><li><a href=/n>News</a><li><a href=/s>"
	    "Sport</a></ul><div class=story>%s%s</div><div class=footer>"
	    "<a href=/c>Contact us</a> <a href=/p>Privacy</a></div>"
	    "</body></html>", para1, para2);
	CHECK(strcmp(extract(page, strlen(page), TT_FMT_TEXT, &a),
	    "The ferry to Kell Island will run again from Monday after a "
	    "year out of service, the island council said on Friday.\n\n"
	    "Islanders have relied on a small water taxi since the old "
	    "ferry's engine failed, and the council bought a second-hand "
	    "boat.\n") == 0);
	CHECK_INT(a.html, 1);
	tt_article_free(&a);
}

TEST(extract_blocks_are_separated)
{
	static const char page[] = "<div><p>One sentence that is long "
	    "enough, about the weather.</p><p>Another sentence about the "
	    "rain that fell all day.</p></div><span>x</span>";
	tt_article a = { 0 };
	const char *t = extract(page, sizeof(page) - 1, TT_FMT_TEXT, &a);

	/* No words glued across the block boundary. */
	CHECK(strstr(t, "weather.\n\nAnother") != NULL);
	tt_article_free(&a);
}

TEST(extract_deep_nesting)
{
	/* 100,000 unclosed <div>s: neither a crash nor a hang. */
	size_t n = 100000, i;
	tt_buf b = { 0 };
	tt_article a = { 0 };
	const char *t;

	tt_buf_puts(&b, "<html><body>");
	for (i = 0; i < n; i++)
		tt_buf_puts(&b, "<div>");
	tt_buf_puts(&b, para1);
	tt_buf_puts(&b, para2);
	for (i = 0; i < n; i++)
		tt_buf_puts(&b, "<span><b>");
	tt_buf_puts(&b, "deep text, at the end of the page.");
	t = extract(b.data, b.len, TT_FMT_TEXT, &a);
	CHECK(strstr(t, "The ferry to Kell Island") != NULL);
	CHECK(strstr(t, "second-hand boat.") != NULL);
	tt_article_free(&a);
	tt_buf_free(&b);
}

TEST(extract_plain_text_passes_through)
{
	static const char text[] = "No markup here, 3 < 4 and a > b.\n\n\n"
	    "Second paragraph.\n";
	tt_article a = { 0 };

	CHECK(strcmp(extract(text, sizeof(text) - 1, TT_FMT_TEXT, &a),
	    "No markup here, 3 < 4 and a > b.\n\nSecond paragraph.\n") == 0);
	CHECK_INT(a.html, 0);
	tt_article_free(&a);
}

TEST(extract_binary_refused)
{
	static const char bin[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0<p>x</p>";
	tt_article a = { 0 };

	CHECK(strcmp(extract(bin, sizeof(bin) - 1, TT_FMT_TEXT, &a),
	    "ERROR") == 0);
	tt_article_free(&a);
}

TEST(extract_utf16_page)
{
	static const char ascii[] = "<html><head><title>T</title></head>"
	    "<body><p>A page saved as UTF-16 with a byte order mark, read "
	    "as a browser reads it.</p></body></html>";
	char u16[512];
	size_t i, n = 2;
	tt_article a = { 0 };

	u16[0] = (char)0xff, u16[1] = (char)0xfe;
	for (i = 0; ascii[i] != '\0'; i++) {
		u16[n++] = ascii[i];
		u16[n++] = 0;
	}
	CHECK(strcmp(extract(u16, n, TT_FMT_TEXT, &a), "A page saved as "
	    "UTF-16 with a byte order mark, read as a browser reads it.\n")
	    == 0);
	CHECK(strcmp(a.encoding, "UTF-16LE") == 0);
	tt_article_free(&a);
}

TEST(extract_metadata)
{
	static const char page[] = "<html lang=fr><head>"
	    "<title>Le bac revient | Le Journal du Port</title>"
	    "<meta name=author content='Anne Roux'>"
	    "<meta property='article:published_time' "
	    "content='2026-03-04 10:00:00'>"
	    "<meta property='og:url' content='https://x.example/bac'>"
	    "</head><body><p>Le bac reprend du service lundi, apr\xc3\xa8s "
	    "une ann\xc3\xa9" "e d'arr\xc3\xaat, a dit la mairie.</p></body>"
	    "</html>";
	tt_article a = { 0 };

	extract(page, sizeof(page) - 1, TT_FMT_TEXT, &a);
	CHECK(a.title != NULL && strcmp(a.title, "Le bac revient") == 0);
	CHECK(a.byline != NULL && strcmp(a.byline, "Anne Roux") == 0);
	CHECK(a.date != NULL && strcmp(a.date, "2026-03-04T10:00:00") == 0);
	CHECK(a.url != NULL && strcmp(a.url, "https://x.example/bac") == 0);
	CHECK(a.lang != NULL && strcmp(a.lang, "fr") == 0);
	CHECK(a.site == NULL);
	tt_article_free(&a);
}

TEST(extract_json_ld_escapes)
{
	static const char page[] = "<html><head><script type="
	    "'application/ld+json'>{\"headline\": \"Caf\\u00e9 \\\"Nord\\\""
	    "\", \"datePublished\": \"2025-12-01\", \"author\": [{\"@type\":"
	    " \"Person\", \"name\": \"J. Doe\"}]}</script></head><body><p>"
	    "The caf\xc3\xa9 reopened on the first of December, with a new "
	    "menu.</p></body></html>";
	tt_article a = { 0 };

	extract(page, sizeof(page) - 1, TT_FMT_TEXT, &a);
	CHECK(a.title != NULL && strcmp(a.title, "Caf\xc3\xa9 \"Nord\"") ==
	    0);
	CHECK(a.date != NULL && strcmp(a.date, "2025-12-01") == 0);
	CHECK(a.byline != NULL && strcmp(a.byline, "J. Doe") == 0);
	tt_article_free(&a);
}

TEST(extract_markdown)
{
	static const char page[] = "<body><article><h2>Sub</h2><p>Text "
	    "with a <a href='/x'>link</a> in it, long enough to count as the "
	    "first paragraph.</p>"
	    "<ol><li>one</li><li>two</li></ol><blockquote><p>A quoted "
	    "sentence that someone said.</p></blockquote><p>The end of the "
	    "article, which is a sentence too.</p></article></body>";
	tt_article a = { 0 };

	CHECK(strcmp(extract(page, sizeof(page) - 1, TT_FMT_MARKDOWN, &a),
	    "## Sub\n\nText with a [link](/x) in it, long enough to count as "
	    "the first paragraph.\n\n1. one\n2. two\n\n> A quoted sentence that someone said.\n\n"
	    "The end of the article, which is a sentence too.\n") == 0);
	tt_article_free(&a);
}

TEST(extract_empty_page)
{
	tt_article a = { 0 };

	CHECK(strcmp(extract("", 0, TT_FMT_TEXT, &a), "") == 0);
	CHECK(strcmp(extract("<html><body></body></html>", 26, TT_FMT_TEXT,
	    &a), "") == 0);
	tt_article_free(&a);
}

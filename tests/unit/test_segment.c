/* Unit tests of lib/segment.c. */
#include <stdlib.h>

#include "tt_test.h"

/* The sentences of s joined with " | ". */
static const char *
sents(const char *s, int flags)
{
	static tt_buf b;
	tt_spans sp = { 0 };
	size_t i;

	tt_buf_reset(&b);
	if (tt_segment_sentences(s, strlen(s), flags, &sp) != TT_OK)
		return "(error)";
	for (i = 0; i < sp.n; i++) {
		if (i > 0)
			tt_buf_puts(&b, " | ");
		tt_buf_append(&b, s + sp.v[i].start, sp.v[i].end - sp.v[i].start);
	}
	tt_spans_free(&sp);
	return tt_buf_cstr(&b);
}

#define SENTS(in, want)	do {						\
	const char *got_ = sents(in, 0);				\
	tt_test_checks++;						\
	if (strcmp(got_, want) != 0) {					\
		tt_test_failed++;					\
		printf("# %s:%d: sentences of \"%s\"\n#   got  %s\n"	\
		    "#   want %s\n", __FILE__, __LINE__, in, got_, want);	\
	}								\
} while (0)

TEST(segment_paragraphs)
{
	const char *s = "\n\nFirst para\nstill first\n \t\nSecond\r\n\n\nThird";
	tt_spans sp = { 0 };

	CHECK_INT(tt_segment_paragraphs(s, strlen(s), &sp), TT_OK);
	CHECK_INT(sp.n, 3);
	CHECK_MEM(s + sp.v[0].start, sp.v[0].end - sp.v[0].start,
	    "First para\nstill first");
	CHECK_MEM(s + sp.v[1].start, sp.v[1].end - sp.v[1].start, "Second");
	CHECK_MEM(s + sp.v[2].start, sp.v[2].end - sp.v[2].start, "Third");
	tt_spans_free(&sp);
	CHECK_INT(tt_segment_paragraphs("", 0, &sp), TT_OK);
	CHECK_INT(sp.n, 0);
	CHECK_INT(tt_segment_paragraphs(" \n\n\t", 4, &sp), TT_OK);
	CHECK_INT(sp.n, 0);
	tt_spans_free(&sp);
}

TEST(segment_sentences_basic)
{
	SENTS("One. Two? Three! Four", "One. | Two? | Three! | Four");
	SENTS("", "");
	SENTS("   ", "");
	SENTS("No stop at all", "No stop at all");
	SENTS("Wait... what?! Yes.", "Wait... what?! | Yes.");
}

TEST(segment_sentences_abbreviations)
{
	SENTS("China's Defense Minister Gen. Li Shangfu spoke. He left.",
	    "China's Defense Minister Gen. Li Shangfu spoke. | He left.");
	SENTS("Mr. Smith met Dr. Jones and Col. Wu Qian today.",
	    "Mr. Smith met Dr. Jones and Col. Wu Qian today.");
	SENTS("The U.S. military said so. Others did not.",
	    "The U.S. military said so. | Others did not.");
	SENTS("It was sold in the U.S. The price fell.",
	    "It was sold in the U.S. | The price fell.");
	SENTS("It opened on Jan. 15 in Berlin.",
	    "It opened on Jan. 15 in Berlin.");
	SENTS("Apple Inc. said on Monday. It grew.",
	    "Apple Inc. said on Monday. | It grew.");
	SENTS("He works for Acme Inc. The firm is small.",
	    "He works for Acme Inc. | The firm is small.");
	SENTS("Tools, e.g. hammers, are sold.", "Tools, e.g. hammers, are sold.");
	SENTS("Written by J. K. Rowling in 1997. Then more.",
	    "Written by J. K. Rowling in 1997. | Then more.");
}

TEST(segment_sentences_numbers)
{
	SENTS("Growth was 3.5 percent. Prices rose.",
	    "Growth was 3.5 percent. | Prices rose.");
	SENTS("It cost $5.2bn, or \xC2\xA3" "2.77bn. Shares hit 12.37 today.",
	    "It cost $5.2bn, or \xC2\xA3" "2.77bn. | Shares hit 12.37 today.");
	SENTS("Visit example.com today. Bye.", "Visit example.com today. | Bye.");
}

TEST(segment_sentences_quotes)
{
	SENTS("\"We will stay,\" he said. \"Not this.\" he added.",
	    "\"We will stay,\" he said. | \"Not this.\" he added.");
	SENTS("She asked \"Why?\" and left. Then rain.",
	    "She asked \"Why?\" and left. | Then rain.");
	SENTS("He said \xE2\x80\x9Cstop.\xE2\x80\x9D Then he went.",
	    "He said \xE2\x80\x9Cstop.\xE2\x80\x9D | Then he went.");
	SENTS("It ended (finally.) Next one.", "It ended (finally.) | Next one.");
}

TEST(segment_sentences_ellipsis_and_missing_space)
{
	SENTS("Well\xE2\x80\xA6 it works. Fine\xE2\x80\xA6 Then more.",
	    "Well\xE2\x80\xA6 it works. | Fine\xE2\x80\xA6 | Then more.");
	SENTS("The talks ended.The next round starts soon.",
	    "The talks ended. | The next round starts soon.");
	SENTS("Made in the U.S.Army base.", "Made in the U.S.Army base.");
	SENTS("It cost $5.2bn.Prices rose.", "It cost $5.2bn. | Prices rose.");
	SENTS("Tools e.g.Hammers.", "Tools e.g.Hammers.");
}

TEST(segment_sentences_blocks)
{
	SENTS("A title without a stop\n\nThe body starts here. Ends here.",
	    "A title without a stop | The body starts here. | Ends here.");
	SENTS("Items:\n- first item\n- second item\nafter",
	    "Items: | - first item | - second item\nafter");
	SENTS("wrapped line\ncontinues here. Next.",
	    "wrapped line\ncontinues here. | Next.");
	CHECK(strcmp(sents("line one\nline two", TT_SEG_LINES),
	    "line one | line two") == 0);
}

TEST(segment_sentences_non_ascii)
{
	SENTS("\xC3\x89t\xC3\xA9 fini. \xC3\x89" "crit ici.",
	    "\xC3\x89t\xC3\xA9 fini. | \xC3\x89" "crit ici.");
	SENTS("\xE4\xBD\xA0\xE5\xA5\xBD\xE3\x80\x82\xE5\x86\x8D\xE8\xA7\x81",
	    "\xE4\xBD\xA0\xE5\xA5\xBD\xE3\x80\x82 | \xE5\x86\x8D\xE8\xA7\x81");
	/* ill-formed bytes neither crash nor join sentences wrongly */
	SENTS("Bad \xC0 byte. Next.", "Bad \xC0 byte. | Next.");
}

TEST(segment_sentences_offsets_are_exact)
{
	const char *s = "  First one.  Second one.\n\nThird.";
	tt_spans sp = { 0 };

	CHECK_INT(tt_segment_sentences(s, strlen(s), 0, &sp), TT_OK);
	CHECK_INT(sp.n, 3);
	CHECK_INT(sp.v[0].start, 2);
	CHECK_INT(sp.v[0].end, 12);
	CHECK_INT(sp.v[1].start, 14);
	CHECK_INT(sp.v[2].start, 27);
	CHECK_INT(sp.v[2].end, 33);
	tt_spans_free(&sp);
}

/* The words of s as "line:col:word" joined by spaces. */
static const char *
words(const char *s, size_t line0)
{
	static tt_buf b;
	tt_words w = { 0 };
	size_t i;

	tt_buf_reset(&b);
	if (tt_segment_words(s, strlen(s), line0, &w) != TT_OK)
		return "(error)";
	for (i = 0; i < w.n; i++)
		tt_buf_printf(&b, "%s%zu:%zu:%.*s", i ? " " : "", w.v[i].line,
		    w.v[i].col, (int)(w.v[i].end - w.v[i].start),
		    s + w.v[i].start);
	tt_words_free(&w);
	return tt_buf_cstr(&b);
}

#define WORDS(in, l0, want)	do {					\
	const char *got_ = words(in, l0);				\
	tt_test_checks++;						\
	if (strcmp(got_, want) != 0) {					\
		tt_test_failed++;					\
		printf("# %s:%d: words of \"%s\"\n#   got  %s\n"		\
		    "#   want %s\n", __FILE__, __LINE__, in, got_, want);	\
	}								\
} while (0)

TEST(segment_words)
{
	WORDS("Don't stop", 1, "1:1:Don't 1:7:stop");
	WORDS("West\xE2\x80\x99s well-known 3rd", 1,
	    "1:1:West\xE2\x80\x99s 1:8:well-known 1:19:3rd");
	WORDS("'quoted' -dash- trailing' end-", 1,
	    "1:2:quoted 1:11:dash 1:17:trailing 1:27:end");
	WORDS("caf\xC3\xA9 na\xC3\xAFve\nnext line", 7,
	    "7:1:caf\xC3\xA9 7:6:na\xC3\xAFve 8:1:next 8:6:line");
	WORDS("snake_case x", 1, "1:1:snake_case 1:12:x");
	WORDS("", 1, "");
	WORDS("... !!! ---", 1, "");
	WORDS("ab\xC0" "cd", 1, "1:1:ab 1:4:cd");	/* bad byte splits */
	WORDS("\xE4\xB8\xAD\xE6\x96\x87 ok", 1, "1:1:\xE4\xB8\xAD\xE6\x96\x87 1:4:ok");
}

TEST(segment_long_inputs_are_linear)
{
	/* A megabyte of stops and letters without spaces, and of spaces:
	 * must finish (quadratic code would not in a unit test's time). */
	size_t n = 1 << 20, i;
	char *s = malloc(n);
	tt_spans sp = { 0 };
	tt_words w = { 0 };

	for (i = 0; i < n; i++)
		s[i] = i % 2 ? '.' : 'a';
	CHECK_INT(tt_segment_sentences(s, n, 0, &sp), TT_OK);
	CHECK_INT(sp.n, 1);
	CHECK_INT(tt_segment_words(s, n, 1, &w), TT_OK);
	CHECK_INT(w.n, n / 2);
	tt_spans_free(&sp);
	memset(s, ' ', n);
	s[n - 1] = '.';
	CHECK_INT(tt_segment_sentences(s, n, 0, &sp), TT_OK);
	CHECK_INT(sp.n, 1);
	tt_spans_free(&sp);
	tt_words_free(&w);
	free(s);
}

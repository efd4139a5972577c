/* Unit tests of lib/summarize.c. */
#include "tt_test.h"

static const char story[] =
    "Ferry Service Returns to Kell Island\n"
    "\n"
    "The ferry to Kell Island will run again from Monday after a year out "
    "of service, the island council said.\n"
    "\n"
    "The ferry was withdrawn last spring when its engine failed. "
    "Islanders have since relied on a small water taxi. "
    "The council bought a second-hand ferry in the autumn and refitted it. "
    "It's lovely weather. "
    "The refitted ferry carries forty passengers and two cars.\n"
    "\n"
    "\"We have waited a long time for this ferry,\" said one islander.\n";

static int
summarize(tt_summarizer *z, const char *text, size_t n, int method,
    tt_summary *sum)
{
	tt_sum_opts o = { 0 };

	o.n = n;
	o.method = method;
	return tt_summarize(z, text, strlen(text), &o, sum, NULL);
}

/* The chosen sentences, joined by " | ". */
static const char *
chosen(tt_summarizer *z, const char *text)
{
	static tt_buf b;
	tt_sum_sent s;
	size_t i;

	tt_buf_reset(&b);
	for (i = 0; i < tt_summary_count(z); i++) {
		tt_summary_sentence(z, i, &s);
		if (!s.chosen)
			continue;
		if (b.len > 0)
			tt_buf_puts(&b, " | ");
		tt_buf_append(&b, text + s.start, s.end - s.start);
	}
	return tt_buf_cstr(&b);
}

static size_t
nchosen(tt_summarizer *z)
{
	tt_sum_sent s;
	size_t i, n = 0;

	for (i = 0; i < tt_summary_count(z); i++) {
		tt_summary_sentence(z, i, &s);
		n += s.chosen;
	}
	return n;
}

TEST(summarize_title_and_sentences)
{
	tt_summarizer *z = tt_summarizer_new();
	tt_summary sum;

	CHECK_INT(summarize(z, story, 3, TT_SUM_RANK, &sum), TT_OK);
	CHECK_INT(sum.has_title, 1);
	CHECK_MEM(story + sum.title_start, sum.title_end - sum.title_start,
	    "Ferry Service Returns to Kell Island");
	CHECK_INT(sum.n, 7);		/* the title is not a sentence */
	CHECK_INT(tt_summary_count(z), 7);
	tt_summarizer_free(z);
}

TEST(summarize_exact_count_in_order)
{
	tt_summarizer *z = tt_summarizer_new();
	tt_summary sum;
	tt_sum_sent s;
	size_t n, i, last;

	for (n = 0; n <= 9; n++) {
		CHECK_INT(summarize(z, story, n, TT_SUM_RANK, &sum), TT_OK);
		CHECK_INT(nchosen(z), n < 7 ? n : 7);
	}
	/* Spans come in text order and hold whole sentences. */
	summarize(z, story, 3, TT_SUM_RANK, &sum);
	for (i = 0, last = 0; i < tt_summary_count(z); i++) {
		tt_summary_sentence(z, i, &s);
		CHECK(s.start >= last && s.end > s.start);
		last = s.end;
	}
	tt_summarizer_free(z);
}

TEST(summarize_prefers_content_over_chatter)
{
	tt_summarizer *z = tt_summarizer_new();
	tt_summary sum;
	const char *got;

	CHECK_INT(summarize(z, story, 2, TT_SUM_RANK, &sum), TT_OK);
	got = chosen(z, story);
	/* The lead about the ferry, not the weather remark. */
	CHECK(strstr(got, "The ferry to Kell Island will run again") != NULL);
	CHECK(strstr(got, "lovely weather") == NULL);
	tt_summarizer_free(z);
}

TEST(summarize_lead_method_skips_junk)
{
	tt_summarizer *z = tt_summarizer_new();
	tt_summary sum;
	const char *t = "Short one. The first real sentence has words. "
	    "The second real sentence too.";

	CHECK_INT(summarize(z, t, 2, TT_SUM_LEAD, &sum), TT_OK);
	CHECK(strcmp(chosen(z, t), "The first real sentence has words. | "
	    "The second real sentence too.") == 0);
	/* ... unless nothing else is left */
	CHECK_INT(summarize(z, t, 3, TT_SUM_LEAD, &sum), TT_OK);
	CHECK_INT(nchosen(z), 3);
	tt_summarizer_free(z);
}

TEST(summarize_markers_and_redundancy)
{
	tt_summarizer *z = tt_summarizer_new();
	tt_summary sum;
	const char *t = "(CNN)Storms closed the coast road on Friday night. "
	    "Storms closed the coast road on Friday night again. "
	    "Farmers in the valley counted losses of cattle and fences.";

	CHECK_INT(summarize(z, t, 2, TT_SUM_RANK, &sum), TT_OK);
	/* The marker is not part of the sentence; the near-copy is not
	 * chosen beside its original. */
	CHECK(strncmp(chosen(z, t), "Storms closed the coast road on Friday "
	    "night. | Farmers", 54) == 0);
	tt_summarizer_free(z);
}

TEST(summarize_keywords)
{
	tt_summarizer *z = tt_summarizer_new();
	tt_summary sum;
	tt_spans kw = { 0 };

	summarize(z, story, 3, TT_SUM_RANK, &sum);
	CHECK_INT(tt_summary_keywords(z, 2, &kw), TT_OK);
	CHECK_INT(kw.n, 2);
	CHECK_MEM(story + kw.v[0].start, kw.v[0].end - kw.v[0].start, "ferry");
	tt_spans_free(&kw);
	tt_summarizer_free(z);
}

TEST(summarize_empty_and_odd_input)
{
	tt_summarizer *z = tt_summarizer_new();
	tt_summary sum;
	tt_sum_opts o = { 0 };
	tt_spans kw = { 0 };

	o.n = 3;
	CHECK_INT(tt_summarize(z, "", 0, &o, &sum, NULL), TT_OK);
	CHECK_INT(sum.n, 0);
	CHECK_INT(tt_summary_keywords(z, 5, &kw), TT_OK);
	CHECK_INT(kw.n, 0);
	CHECK_INT(tt_summarize(z, "\n\n \n", 4, &o, &sum, NULL), TT_OK);
	CHECK_INT(sum.n, 0);
	/* ill-formed UTF-8 and a lone title */
	CHECK_INT(tt_summarize(z, "Bad \xC0\xAF bytes here. More text.", 29,
	    &o, &sum, NULL), TT_OK);
	CHECK_INT(sum.n, 2);
	CHECK_INT(tt_summarize(z, "Only a title", 12, &o, &sum, NULL), TT_OK);
	CHECK_INT(sum.has_title, 0);
	CHECK_INT(sum.n, 1);
	tt_spans_free(&kw);
	tt_summarizer_free(z);
	tt_summarizer_free(NULL);
}

TEST(summarize_ratio_and_words)
{
	tt_summarizer *z = tt_summarizer_new();
	tt_summary sum;
	tt_sum_opts o = { 0 };

	o.ratio = 0.3;			/* 30% of 7, rounded up */
	CHECK_INT(tt_summarize(z, story, strlen(story), &o, &sum, NULL), TT_OK);
	CHECK_INT(nchosen(z), 3);
	o.ratio = 0;
	o.words = 1;			/* at least one sentence */
	CHECK_INT(tt_summarize(z, story, strlen(story), &o, &sum, NULL), TT_OK);
	CHECK_INT(nchosen(z), 1);
	tt_summarizer_free(z);
}

TEST(summarize_large_input_takes_fast_path)
{
	tt_summarizer *z = tt_summarizer_new();
	tt_buf t = { 0 };
	tt_summary sum;
	tt_sum_opts o = { 0 };
	size_t i;

	/* 10,000 sentences, all wanted: past the pairs MMR may weigh */
	for (i = 0; i < 10000; i++)
		tt_buf_printf(&t, "Sentence number %zu talks about topic %zu. ",
		    i, i % 17);
	o.ratio = 1;
	CHECK_INT(tt_summarize(z, t.data, t.len, &o, &sum, NULL), TT_OK);
	CHECK_INT(sum.n, 10000);
	CHECK_INT(nchosen(z), 10000);
	o.ratio = 0.5;
	CHECK_INT(tt_summarize(z, t.data, t.len, &o, &sum, NULL), TT_OK);
	CHECK_INT(nchosen(z), 5000);
	tt_buf_free(&t);
	tt_summarizer_free(z);
}

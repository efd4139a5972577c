/* fuzz_summarize.c: the sentence splitter and the ranker on arbitrary
 * bytes: exactly min(n, sentences) chosen, spans inside the input. */
#include <stdint.h>
#include <stdlib.h>

#include "tt.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static tt_summarizer *z;
	tt_sum_opts o = { 0 };
	tt_summary sum;
	tt_sum_sent s;
	tt_spans kw = { 0 };
	size_t i, chosen = 0, want;

	if (size < 1 || size > (1 << 16))
		return 0;
	if (z == NULL && (z = tt_summarizer_new()) == NULL)
		return 0;
	o.n = data[0] % 8;
	o.method = data[0] & 0x80 ? TT_SUM_LEAD : TT_SUM_RANK;
	if (tt_summarize(z, (const char *)data + 1, size - 1, &o, &sum, NULL)
	    != TT_OK)
		abort();
	for (i = 0; i < tt_summary_count(z); i++) {
		tt_summary_sentence(z, i, &s);
		if (s.start >= s.end || s.end > size - 1)
			abort();
		chosen += s.chosen;
	}
	want = o.n < sum.n ? o.n : sum.n;
	if (chosen != want)
		abort();
	if (tt_summary_keywords(z, 5, &kw) != TT_OK)
		abort();
	for (i = 0; i < kw.n; i++)
		if (kw.v[i].end > size - 1)
			abort();
	tt_spans_free(&kw);
	return 0;
}

/* fuzz_segment.c: paragraphs, sentences and words on arbitrary bytes; the
 * spans must be ordered, inside the input, and never overlap. */
#include <stdint.h>
#include <stdlib.h>

#include "tt.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_spans(const tt_spans *sp, size_t size)
{
	size_t i, last = 0;

	for (i = 0; i < sp->n; i++) {
		if (sp->v[i].start < last || sp->v[i].end < sp->v[i].start ||
		    sp->v[i].end > size)
			abort();
		last = sp->v[i].end;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	tt_spans sp = { 0 };
	tt_words w = { 0 };
	size_t i, last = 0;

	if (size > (1 << 18))
		return 0;
	if (tt_segment_paragraphs(s, size, &sp) != TT_OK)
		abort();
	check_spans(&sp, size);
	tt_spans_free(&sp);
	if (tt_segment_sentences(s, size, 0, &sp) != TT_OK)
		abort();
	check_spans(&sp, size);
	for (i = 0; i < sp.n; i++)
		if (sp.v[i].end == sp.v[i].start)
			abort();	/* no empty sentences */
	tt_spans_free(&sp);
	if (tt_segment_sentences(s, size, TT_SEG_LINES, &sp) != TT_OK)
		abort();
	check_spans(&sp, size);
	tt_spans_free(&sp);
	if (tt_segment_words(s, size, 1, &w) != TT_OK)
		abort();
	for (i = 0; i < w.n; i++) {
		if (w.v[i].start < last || w.v[i].end <= w.v[i].start ||
		    w.v[i].end > size || w.v[i].line < 1 || w.v[i].col < 1)
			abort();
		last = w.v[i].end;
	}
	tt_words_free(&w);
	return 0;
}

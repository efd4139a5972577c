/* fuzz_typo.c: the word scanner and the checker on arbitrary text, as a
 * document and as one line: hits inside the text, in order, never
 * overlapping, with suggestions that are valid UTF-8. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tt.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct st {
	size_t	 size, last;
};

static int
check(const tt_typo_hit *h, void *arg)
{
	struct st *s = arg;
	size_t i;

	if (h->start >= h->end || h->end > s->size || h->start < s->last ||
	    h->line == 0 || h->col == 0)
		abort();
	s->last = h->end;
	for (i = 0; i < h->nsugg; i++)
		if (tt_utf8_validate(h->sugg[i], strlen(h->sugg[i]), NULL) !=
		    TT_OK)
			abort();
	if (h->fix && h->nsugg == 0)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static tt_typo *t;
	struct st s;
	int flags;

	if (size < 1 || size > (1 << 16))
		return 0;
	if (t == NULL && (t = tt_typo_new(NULL, NULL)) == NULL)
		return 0;
	flags = data[0] & 3;
	s.size = size - 1;
	s.last = 0;
	if (tt_typo_check(t, (const char *)data + 1, size - 1, flags, check,
	    &s, NULL) < 0)
		abort();
	return 0;
}

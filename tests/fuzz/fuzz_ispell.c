/* fuzz_ispell.c: the ispell pipe protocol parser on arbitrary lines:
 * every text line gets an answer that ends with an empty line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tt.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tt_typo *t;
	tt_buf out = { 0 }, added = { 0 };
	size_t i = 0;
	int terse = 0, r;

	if (size > (1 << 16))
		return 0;
	/* a fresh checker: accepted words must not leak between inputs */
	if ((t = tt_typo_new(NULL, NULL)) == NULL)
		return 0;
	while (i < size) {
		const char *p = (const char *)data + i;
		const char *nl = memchr(p, '\n', size - i);
		size_t n = nl ? (size_t)(nl - p) : size - i;
		int text = n == 0 || p[0] == '^' ||
		    strchr("!%*&@#+-~", p[0]) == NULL;

		out.len = 0;
		r = tt_typo_ispell(t, p, n, &terse, &added, &out);
		if (r < 0 || r > 1)
			abort();
		if (text && (out.len == 0 || out.data[out.len - 1] != '\n' ||
		    (out.len >= 2 && out.data[out.len - 2] != '\n')))
			abort();
		i += n + 1;
	}
	tt_buf_free(&out);
	tt_buf_free(&added);
	tt_typo_free(t);
	return 0;
}

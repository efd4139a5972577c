/* fuzz_extract.c: the whole html + extract path on arbitrary bytes, in
 * both formats: no crash, no leak, and text that is valid UTF-8 (or a
 * refusal as binary). */
#include <stdint.h>
#include <stdlib.h>

#include "tt.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static tt_extractor *x[2];
	tt_extract_opts o = { 0 };
	tt_article a;
	int rc, k;

	if (size < 1 || size > (1 << 18))
		return 0;
	k = data[0] & 1;
	if (x[k] == NULL) {
		o.format = k ? TT_FMT_MARKDOWN : TT_FMT_TEXT;
		o.links = k;
		if ((x[k] = tt_extractor_new(&o, NULL)) == NULL)
			return 0;
	}
	rc = tt_extract(x[k], (const char *)data + 1, size - 1, &a, NULL);
	if (rc == TT_ENOMEM)	/* refusals are fine; running out is not */
		abort();
	if (rc >= 0 && a.text.len > 0 &&
	    tt_utf8_validate(a.text.data, a.text.len, NULL) != TT_OK)
		abort();
	tt_article_free(&a);
	return 0;
}

/* fuzz_clean.c: tt-clean's steps on arbitrary bytes, fed in pieces.  The
 * first byte picks the steps and the piece size; the output must be valid
 * UTF-8 whenever the encoding step ran. */
#include <stdint.h>
#include <stdlib.h>

#include "tt.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tt_clean_opts o = { 0 };
	tt_buf out = { 0 };
	tt_clean *c;
	size_t i, step;

	if (size < 1 || size > (1 << 16))
		return 0;
	o.steps = (data[0] & 0x3F) | TT_STEP_ENCODING;
	o.ascii = data[0] >> 7;
	o.maxline = 1024;
	step = 1 + (data[0] >> 6) * 97;
	if ((c = tt_clean_new(&o, NULL)) == NULL)
		abort();
	for (i = 1; i < size; i += step)
		tt_clean_feed(c, (const char *)data + i, size - i < step ?
		    size - i : step, &out, NULL);
	tt_clean_finish(c, &out, NULL);
	if (tt_utf8_validate(out.data, out.len, NULL) != TT_OK)
		abort();
	tt_clean_free(c);
	tt_buf_free(&out);
	return 0;
}

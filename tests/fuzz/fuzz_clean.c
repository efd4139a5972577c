/* fuzz_clean.c: tt-clean's steps on arbitrary bytes, fed in pieces.  The
 * first byte picks the steps and the piece size; the output must be valid
 * UTF-8 whenever the encoding step ran, and the same with two threads as
 * with one.  When the second byte is 'R', the bytes after it up to a NUL
 * are a rules file (-r): its keys and patterns are parsed, and the input
 * follows the NUL. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tt.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
clean(const uint8_t *data, size_t size, unsigned threads, tt_buf *out)
{
	tt_clean_opts o = { 0 };
	tt_clean *c;
	size_t i, step;
	const uint8_t *nul;

	o.threads = threads;
	o.steps = (data[0] & 0x3F) | TT_STEP_ENCODING;
	o.ascii = data[0] >> 7;
	o.maxline = 1024;
	step = 1 + (data[0] >> 6) * 97;
	i = 1;
	if (size > 2 && data[1] == 'R' &&
	    (nul = memchr(data + 2, '\0', size - 2)) != NULL) {
		o.rules = (const char *)data + 2;
		o.rules_len = (size_t)(nul - (data + 2));
		o.steps |= TT_STEP_BOILERPLATE;
		i = (size_t)(nul - data) + 1;
	}
	if ((c = tt_clean_new(&o, NULL)) == NULL) {
		if (o.rules != NULL)
			return 0;	/* a bad rules file: an error */
		abort();
	}
	for (; i < size; i += step)
		tt_clean_feed(c, (const char *)data + i, size - i < step ?
		    size - i : step, out, NULL);
	tt_clean_finish(c, out, NULL);
	if (tt_utf8_validate(out->data, out->len, NULL) != TT_OK)
		abort();
	tt_clean_free(c);
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tt_buf one = { 0 }, two = { 0 };

	if (size < 1 || size > (1 << 16))
		return 0;
	if (clean(data, size, 1, &one) && clean(data, size, 2, &two) &&
	    (one.len != two.len || (one.len > 0 &&
	    memcmp(one.data, two.data, one.len) != 0)))
		abort();
	tt_buf_free(&one);
	tt_buf_free(&two);
	return 0;
}

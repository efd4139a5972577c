/* fuzz_utf8.c: every lib/utf8.c entry point on arbitrary bytes, with
 * checks that they agree with each other. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tt.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	tt_buf b = { 0 };
	tt_utf8_iter it;
	size_t count, n = 0, cut, at = 0;
	tt_err e = { 0 };
	int32_t cp;
	int bad = 0, valid;

	if (size > (1 << 20))
		return 0;
	valid = tt_utf8_validate(s, size, &e) == TT_OK;
	count = tt_utf8_count(s, size);
	tt_utf8_iter_init(&it, s, size);
	while (tt_utf8_next(&it, &cp)) {
		n++;
		if (cp < 0 && !bad && !valid && e.offset != at)
			abort();	/* the first error is elsewhere */
		bad |= cp < 0;
		at = it.pos;
		if (cp >= 0) {
			char enc[4];
			size_t k = tt_utf8_encode(cp, enc);

			if (k == 0 || memcmp(enc, s + it.pos - k, k) != 0)
				abort();	/* decode and encode disagree */
		}
	}
	if (n != count || valid == bad)
		abort();
	if (tt_utf8_offset(s, size, count) != size)
		abort();
	if (tt_utf8_repair(s, size, &b) < 0)
		abort();
	if (tt_utf8_validate(b.data, b.len, NULL) != TT_OK)
		abort();	/* repair must give valid UTF-8 */
	if (valid && (b.len != size || (size > 0 && memcmp(b.data, s, size) != 0)))
		abort();	/* and leave valid input alone */
	cut = tt_utf8_complete(s, size);
	if (cut > size || size - cut > 3)
		abort();
	tt_buf_free(&b);
	return 0;
}

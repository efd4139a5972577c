/* fuzz_encoding.c: detection, the meta prescan and conversion on arbitrary
 * bytes; the output must always be valid UTF-8, and feeding in pieces must
 * give what feeding at once gives. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tt.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const encs[] = { "UTF-8", "WINDOWS-1252", "UTF-16LE",
	"UTF-16BE", "WINDOWS-31J", "EUC-JP", "GB18030", "ISO-2022-JP",
	"KOI8-R", "BIG5-HKSCS", "UTF-32LE" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	tt_buf whole = { 0 }, parts = { 0 };
	tt_enc_guess g;
	tt_conv *c;
	char name[32];
	size_t i, step;
	const char *enc;

	if (size < 1 || size > (1 << 16))
		return 0;
	tt_encoding_sniff_meta(s, size, name, sizeof(name));
	tt_encoding_label(s, size < 40 ? size : 40, name, sizeof(name));
	if (tt_encoding_to_utf8(s, size, TT_ENC_HTML, NULL, &whole, &g, NULL)
	    == TT_OK && tt_utf8_validate(whole.data, whole.len, NULL) != TT_OK)
		abort();
	tt_buf_reset(&whole);
	/* The first byte picks an encoding and a piece size. */
	enc = encs[data[0] % (sizeof(encs) / sizeof(encs[0]))];
	step = 1 + data[0] / 16;
	if ((c = tt_conv_new(enc, NULL)) == NULL)
		abort();
	tt_conv_feed(c, s + 1, size - 1, 1, &whole, NULL);
	tt_conv_free(c);
	if ((c = tt_conv_new(enc, NULL)) == NULL)
		abort();
	for (i = 1; i < size; i += step)
		tt_conv_feed(c, s + i, size - i < step ? size - i : step, 0,
		    &parts, NULL);
	tt_conv_feed(c, "", 0, 1, &parts, NULL);
	tt_conv_free(c);
	if (tt_utf8_validate(whole.data, whole.len, NULL) != TT_OK ||
	    tt_utf8_validate(parts.data, parts.len, NULL) != TT_OK)
		abort();
	if (strcmp(enc, "ISO-2022-JP") != 0 && (whole.len != parts.len ||
	    (whole.len > 0 && memcmp(whole.data, parts.data, whole.len) != 0)))
		abort();
	tt_buf_free(&whole);
	tt_buf_free(&parts);
	return 0;
}

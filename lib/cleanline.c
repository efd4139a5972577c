/* cleanline.c: tt-clean's line steps that need no context: unicode
 * (NFC, invisible characters, odd spaces, optional ASCII punctuation) and
 * whitespace (trim, collapse). */
#include <stdint.h>
#include <string.h>

#include "tt_int.h"
#include "clean_int.h"

/* What a code point becomes: NULL to keep it, "" to drop it. */
static const char *
map_cp(int32_t cp, int ascii)
{
	switch (cp) {
	case 0x00AD:			/* soft hyphen */
	case 0x200B:			/* zero width space */
	case 0x2060:			/* word joiner */
	case 0xFEFF:			/* zero width no-break space, BOM */
		return "";
	case 0x00A0: case 0x2007: case 0x202F:	/* no-break spaces */
		return " ";
	}
	if (cp == '\t')
		return NULL;
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return "";		/* C0 and C1 controls */
	if (!ascii)
		return NULL;
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
		return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
		return "-";
	case 0x2014: case 0x2015:
		return "--";
	case 0x2026:
		return "...";
	}
	return NULL;
}

/*
 * Could NFC change a text holding cp?  Only if it is a combining mark, a
 * Hangul jamo, or one of the few characters NFC replaces on their own
 * (the Angstrom sign, CJK compatibility ideographs, some Greek, Indic and
 * Hebrew letters): Unicode's NFC_Quick_Check No and Maybe, grouped in
 * ranges.  Nothing below U+0300 is, nor a Hangul syllable (a syllable and
 * the jamo after it compose, and the jamo is asked about).
 */
static int
nfc_maybe_slow(int32_t cp)
{
	return ((cp >= 0x0340 && cp <= 0x0344) ||
	    cp == 0x0374 || cp == 0x037E || cp == 0x0387 ||
	    (cp >= 0x0958 && cp <= 0x0B5D) ||
	    (cp >= 0x0F43 && cp <= 0x0FB9) ||
	    (cp >= 0x1100 && cp <= 0x11FF) ||
	    (cp >= 0x1F00 && cp <= 0x1FFF) ||
	    (cp >= 0x2000 && cp <= 0x2001) ||
	    (cp >= 0x2126 && cp <= 0x212B) ||
	    (cp >= 0x2329 && cp <= 0x232A) || cp == 0x2ADC ||
	    (cp >= 0xA960 && cp <= 0xA97F) ||
	    (cp >= 0xD7B0 && cp <= 0xD7FF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFB1D && cp <= 0xFB4E) ||
	    (cp >= 0x1D15E && cp <= 0x1D1C0) ||
	    (cp >= 0x2F800 && cp <= 0x2FA1F) ||
	    tt_unicode_category(cp) == TT_UCAT_MARK);
}

/* nfc_maybe_slow() of U+0300-U+2FFF plus one, worked out when first asked
 * for (0: not yet). */
static _Atomic unsigned char nfc_tab[0x3000];

static inline int
nfc_maybe(int32_t cp)
{
	if (cp < 0x0300 || (cp >= 0x3400 && cp <= 0x9FFF))
		return 0;	/* Latin, CJK ideographs */
	if (cp >= 0x3000)
		return nfc_maybe_slow(cp);
	return tt_lazy_class(nfc_tab, cp, nfc_maybe_slow);
}

int
tt_clean_nfc_maybe(int32_t cp)
{
	return nfc_maybe(cp);
}

int
tt_unicode_line(tt_clean *c, size_t lineno, tt_buf *line, tt_buf *tmp,
    int ascii)
{
	const char *s = line->data, *m;
	size_t i = 0, from = 0, n, len = line->len;
	int32_t cp;
	int changed = 0, suspect = 0;

	/* Printable ASCII needs nothing. */
	if ((i = tt_utf8_plain_run(s, len)) == len)
		return TT_OK;
	tt_buf_reset(tmp);
	while (i < len) {
		unsigned char b = (unsigned char)s[i];

		if (b >= 0x20 && b < 0x7F) {
			i += tt_utf8_plain_run(s + i, len - i);
			continue;
		}
		n = tt_utf8_next_cp(s + i, len - i, &cp);
		if (cp < 0) {
			m = "\xEF\xBF\xBD";	/* cannot happen after encoding */
		} else {
			/* map_cp() drops or replaces none of the
			 * characters NFC may change */
			suspect |= nfc_maybe(cp);
			m = map_cp(cp, ascii);
		}
		if (m != NULL) {
			if (tt_buf_append(tmp, s + from, i - from) != TT_OK ||
			    tt_buf_puts(tmp, m) != TT_OK)
				return TT_ENOMEM;
			from = i + n;
			changed = 1;
		}
		i += n;
	}
	if (!changed && !suspect)
		return TT_OK;
	if (changed) {
		if (tt_buf_append(tmp, s + from, len - from) != TT_OK)
			return TT_ENOMEM;
	} else if (tt_buf_append(tmp, s, len) != TT_OK)
		return TT_ENOMEM;
	if (suspect) {
		tt_buf nfc = { 0 };

		if (tt_unicode_nfc(tmp->data, tmp->len, &nfc, NULL) == TT_OK) {
			if (nfc.len != tmp->len ||
			    memcmp(nfc.data, tmp->data, nfc.len) != 0) {
				changed = 1;
				tt_buf_reset(tmp);
				tt_buf_append(tmp, nfc.data, nfc.len);
			}
		}
		tt_buf_free(&nfc);
	}
	if (changed) {
		tt_clean_note(c, lineno, "unicode", "normalize",
		    line->data, line->len, tmp->data, tmp->len);
		tt_buf_reset(line);
		if (tt_buf_append(line, tmp->data, tmp->len) != TT_OK)
			return TT_ENOMEM;
	}
	return TT_OK;
}

/* The bytes of w equal to b, as their high bits. */
static uint64_t
bytes_eq(uint64_t w, unsigned char b)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t x = w ^ (0x0101010101010101ULL * b);

	return ~(((x & low7) + low7) | x | low7);
}

/* Has s[0..len) no tab and no two spaces running?  Sixteen or eight
 * bytes at a time. */
static int
ws_plain(const char *s, size_t len)
{
	uint64_t w, sp, carry = 0;
	size_t i = 0;

#ifdef __SSE2__
	unsigned m, prev = 0;

	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));

		m = tt_sse_eq(v, ' ');
		if (tt_sse_eq(v, '\t') != 0 || (m & (m << 1 | prev)) != 0)
			return 0;
		prev = m >> 15;
	}
	carry = (uint64_t)prev << 7;	/* as the loop below keeps it */
#endif
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		sp = bytes_eq(w, ' ');
		/* a space after a space: in the word, or across words */
		if (bytes_eq(w, '\t') != 0 || (sp & (sp << 8 | carry)) != 0)
			return 0;
		carry = sp >> 56;
	}
	for (; i < len; i++) {
		if (s[i] == '\t' || (s[i] == ' ' && (carry ||
		    (i > 0 && s[i - 1] == ' '))))
			return 0;
		carry = 0;
	}
	return 1;
}

int
tt_whitespace_line(tt_clean *c, size_t lineno, tt_buf *line, tt_buf *tmp)
{
	char *s = line->data;
	size_t i, o = 0, lead = 0, len = line->len;
	int space = 1;		/* drops leading space too */

	if (len == 0)
		return TT_OK;
	while (lead < len && (s[lead] == ' ' || s[lead] == '\t'))
		lead++;
	/* Most lines need nothing, or lose only their indent: no tab, no
	 * two spaces running, no space at the end. */
	if (ws_plain(s + lead, len - lead) && (len == lead ||
	    s[len - 1] != ' ')) {
		if (lead == 0)
			return TT_OK;
		if (tt_clean_explaining(c))
			tt_clean_note(c, lineno, "whitespace",
			    "trim", s, len, s + lead, len - lead);
		memmove(s, s + lead, len - lead);
		line->len = len - lead;
		return TT_OK;
	}
	if (tt_clean_explaining(c)) {
		tt_buf_reset(tmp);
		if (tt_buf_append(tmp, line->data, line->len) != TT_OK)
			return TT_ENOMEM;
	}
	for (i = lead; i < len; i++) {
		if (s[i] == ' ' || s[i] == '\t') {
			if (!space)
				s[o++] = ' ';
			space = 1;
		} else {
			s[o++] = s[i];
			space = 0;
		}
	}
	if (o > 0 && s[o - 1] == ' ')
		o--;
	line->len = o;
	if (o != len && tt_clean_explaining(c))
		tt_clean_note(c, lineno, "whitespace", "trim",
		    tmp->data, tmp->len, line->data, line->len);
	return TT_OK;
}

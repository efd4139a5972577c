/*
 * mojibake.c: undo UTF-8 that was decoded as windows-1252 or ISO-8859-1,
 * once or several times ("CafÃ©" -> "Café", "itâ€™s" -> "it’s"), in the
 * spans where it happened and nowhere else.
 *
 * Each character is mapped back to the byte windows-1252 (or, for C1
 * controls, ISO-8859-1) would give it.  Where those bytes form a valid
 * UTF-8 sequence of two to four bytes, the sequence is decoded -- if it is
 * plausible: two-byte sequences only when their lead byte is one that
 * real text produces often (Latin-1 and Latin Extended-A letters, Greek,
 * Cyrillic, Hebrew, Arabic), so that "NESTLÉ®" (which would read as an IPA
 * letter) and "4288×" stay as they are; three- and four-byte sequences
 * (punctuation, CJK, emoji) always, since their mojibake ("â€™") is
 * never real text.  The pass repeats while it changes something, for text
 * that went through the wrong codec more than once.
 */
#include <string.h>

#include "tt_int.h"
#include "clean_int.h"

#define PASSES	3

#include "mojibake_tables.h"

#define NCODECS	(sizeof(codecs) / sizeof(codecs[0]))

/* The byte codec k writes cp as, or -1.  windows-1252 (k = 0) also takes
 * the C1 controls as the bytes ISO-8859-1 gives them. */
static int
byte_of(size_t k, int32_t cp)
{
	const struct mojipair *r = codecs[k].rev;
	size_t lo = 0, hi = 128, mid;

	if (cp < 0x80 || cp > 0xFFFF)
		return -1;
	if (k == 0 && cp <= 0xFF)
		return (int)cp;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (r[mid].cp == cp)
			return r[mid].byte;
		if (r[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/*
 * How much evidence a repaired sequence needs.  0: none (Latin-1 letters
 * from "Ã" and "Â", and punctuation from "â€"); 1: another sequence of its
 * kind in the line (the letters of a script other than Latin, Latin
 * Extended-A, CJK: real mojibake of such text has many); -1: never.
 */
static int
evidence(size_t k, int b, size_t n, int32_t dc)
{
	int cat = tt_unicode_category(dc);

	if (n == 2) {
		if (b == 0xC2 && k == 0)
			return 0;		/* Â + Latin-1 symbol */
		if (b == 0xC3)
			return cat != TT_UCAT_LETTER ? -1 : k == 0 ? 0 : 1;
		if (cat != TT_UCAT_LETTER)
			return -1;		/* no lone marks or symbols */
		if (b == 0xC4 || b == 0xC5 || b == 0xCE || b == 0xCF ||
		    (b >= 0xD0 && b <= 0xD3) || (b >= 0xD7 && b <= 0xDB))
			return 1;
		return -1;			/* IPA, Latin Extended-B ... */
	}
	if (b == 0xE2)
		return 0;			/* â€™ and its kind */
	return 1;
}

/*
 * The repair that starts at s[i], if the bytes there form one: its length
 * in s, the code point, and the evidence it needs.
 */
static size_t
candidate(size_t cd, const char *s, size_t len, size_t i, int32_t *dc,
    int *need_ev)
{
	unsigned char bytes[4];
	size_t n, k, j, need;
	int32_t cp;
	int b;

	n = tt_utf8_decode(s + i, len - i, &cp);
	b = byte_of(cd, cp);
	need = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 :
	    b >= 0xF0 && b <= 0xF4 ? 4 : 0;
	if (need == 0)
		return 0;
	bytes[0] = (unsigned char)b;
	j = i + n;
	for (k = 1; k < need && j < len; k++) {
		int32_t c2;
		int b2;

		n = tt_utf8_decode(s + j, len - j, &c2);
		b2 = byte_of(cd, c2);
		if (b2 < 0x80 || b2 > 0xBF)
			return 0;
		bytes[k] = (unsigned char)b2;
		j += n;
	}
	if (k < need || tt_utf8_decode((char *)bytes, need, dc) != need ||
	    *dc < 0x80)
		return 0;
	/* "Ã’s": a curly apostrophe before an s is an apostrophe. */
	if (need == 2 && bytes[1] == 0x92 && j < len && s[j] == 's')
		return 0;
	*need_ev = evidence(cd, b, need, *dc);
	return *need_ev < 0 ? 0 : j - i;
}

/* One pass over s into out; returns the number of sequences repaired. */
static int
pass(size_t cd, const char *s, size_t len, tt_buf *out)
{
	size_t i = 0, n, m, strong = 0, weak = 0;
	int32_t cp, dc;
	int ev, fixed = 0;
	char u[4];

	/* Count first: weak candidates need company. */
	for (i = 0; i < len; i += m ? m : n) {
		m = 0;
		if ((unsigned char)s[i] < 0x80) {
			n = 1;
			continue;
		}
		n = tt_utf8_decode(s + i, len - i, &cp);
		if ((m = candidate(cd, s, len, i, &dc, &ev)) > 0)
			ev == 0 ? strong++ : weak++;
	}
	if (strong + weak == 0)
		return 0;
	for (i = 0; i < len; ) {
		if ((unsigned char)s[i] < 0x80) {
			size_t run = i + 1;

			while (run < len && (unsigned char)s[run] < 0x80)
				run++;
			if (tt_buf_append(out, s + i, run - i) != TT_OK)
				return TT_ENOMEM;
			i = run;
			continue;
		}
		n = tt_utf8_decode(s + i, len - i, &cp);
		m = candidate(cd, s, len, i, &dc, &ev);
		if (m > 0 && (ev == 0 || weak >= 2)) {
			if (tt_buf_append(out, u, tt_utf8_encode(dc, u)) !=
			    TT_OK)
				return TT_ENOMEM;
			fixed++;
			i += m;
			continue;
		}
		if (tt_buf_append(out, s + i, n) != TT_OK)
			return TT_ENOMEM;
		i += n;
	}
	return fixed;
}

/* C1 controls left over are windows-1252 read as ISO-8859-1: "\x85"
 * was "…".  Returns how many were replaced. */
static int
fix_c1(const char *s, size_t len, tt_buf *out)
{
	size_t i = 0, n;
	int32_t cp;
	int fixed = 0;
	char u[4];

	while (i < len) {
		n = tt_utf8_decode(s + i, len - i, &cp);
		if (cp >= 0x80 && cp <= 0x9F && codecs[0].hi[cp - 0x80] != cp) {
			if (tt_buf_append(out, u, tt_utf8_encode(
			    codecs[0].hi[cp - 0x80], u)) != TT_OK)
				return TT_ENOMEM;
			fixed++;
		} else if (tt_buf_append(out, s + i, n) != TT_OK)
			return TT_ENOMEM;
		i += n;
	}
	return fixed;
}

static int
has_high(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0xC2)
			return 1;
	return 0;
}

int
tt_mojibake_fix(const char *s, size_t len, tt_buf *out)
{
	tt_buf a = { 0 }, b = { 0 };
	int r, total = 0, p;

	if (!has_high(s, len))
		return tt_buf_append(out, s, len) == TT_OK ? 0 : TT_ENOMEM;
	if (tt_buf_append(&a, s, len) != TT_OK)
		return TT_ENOMEM;
	for (p = 0; p < PASSES; p++) {
		size_t k, best = 0;
		int most = 0;

		/* The codec that explains the most of the line. */
		for (k = 0; k < NCODECS; k++) {
			tt_buf_reset(&b);
			if ((r = pass(k, a.data, a.len, &b)) < 0) {
				total = r;
				goto done;
			}
			if (r > most) {
				most = r;
				best = k;
			}
		}
		if (most == 0)
			break;
		tt_buf_reset(&b);
		if ((r = pass(best, a.data, a.len, &b)) < 0) {
			total = r;
			goto done;
		}
		total += r;
		tt_buf_reset(&a);
		if (tt_buf_append(&a, b.data, b.len) != TT_OK) {
			total = TT_ENOMEM;
			goto done;
		}
	}
	if ((r = fix_c1(a.data, a.len, out)) < 0)
		total = r;
	else
		total += r;
done:
	tt_buf_free(&a);
	tt_buf_free(&b);
	return total;
}

int
tt_mojibake_line(tt_clean *c, tt_buf *line, tt_buf *tmp)
{
	int r;

	if (!has_high(line->data, line->len))
		return TT_OK;
	tt_buf_reset(tmp);
	if ((r = tt_mojibake_fix(line->data, line->len, tmp)) <= 0)
		return r;
	tt_clean_note(c, tt_clean_lineno(c), "mojibake", "utf8-as-cp1252",
	    line->data, line->len, tmp->data, tmp->len);
	tt_buf_reset(line);
	return tt_buf_append(line, tmp->data, tmp->len) == TT_OK ? TT_OK :
	    TT_ENOMEM;
}

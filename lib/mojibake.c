/*
 * mojibake.c: undo text that went through the wrong codec -- UTF-8 whose
 * bytes were read as windows-1252 (or ISO-8859-1), -1251, -1250, -1253,
 * -1254, -1257, ISO-8859-2, MacRoman or cp437, once or several times --
 * and leave alone text that only looks odd ("NESTLÉ®", "4288×…").
 *
 * How a line is judged: badness() counts the places where neighbouring
 * characters make a sequence that real text hardly has and mojibake has
 * all the time: an accented letter followed by a currency sign, a
 * superscript or an opening quotation mark ("Ã©", "Ä°"), a lowercase
 * letter followed by an accented capital ("rÃ©", "РґРѕ"), "Ã" or "Â"
 * before a symbol, two symbols of different kinds ("√©", "×‘"), box
 * drawing against letters ("╨┐"), C1 controls.  A line without any is
 * left as it is.
 *
 * How a bad line is repaired, the most confident way first:
 *  1. Whole line: for each codec that can write every character of the
 *     line, the bytes it gives are read as UTF-8 (CESU-8 surrogate pairs
 *     too).  Two kinds of damage are taken back first: a space where a
 *     byte 0xA0 was ("Ã " was "à ", "Â " a no-break space), and a lost
 *     byte, shown as U+FFFD or "?", inside a sequence (the sequence
 *     becomes one U+FFFD).  The reading with the least badness wins if it
 *     has less than the line.
 *  2. Spans: a line that mixes good text and mojibake cannot be read as a
 *     whole; each run of characters that reads as UTF-8 in one codec is
 *     replaced where the run is mojibake by itself (a three- or four-byte
 *     sequence, or a two-byte one whose second character is a symbol no
 *     letter is followed by) or has company (two such runs in the line),
 *     and the line's badness falls.
 *  3. C1 controls left over are windows-1252 read as ISO-8859-1 ("\x85"
 *     was "…"), or MacRoman where they sit inside words and windows-1252
 *     would put punctuation there ("tur\x92stico" was "turístico").
 * Steps 1 and 2 repeat while they change something, for text that went
 * through the wrong codec twice.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt_int.h"
#include "clean_int.h"

#define PASSES		4
#define SUB		0x1A	/* the byte a lost character is written as */

#include "mojibake_tables.h"

#define NCODECS		TT_NELEM(codecs)
#define CODEC_1252	0
#define CODEC_1250	2
#define CODEC_ISO2	6
#define CODEC_MACROMAN	7

/* Character classes for badness(). */
enum {
	K_OTHER,	/* ASCII punctuation, digits, symbols not below */
	K_SPACE,	/* white space; also before and after the line */
	K_ALOW, K_AUP,	/* ASCII letters */
	K_LOW, K_UP,	/* other Latin letters, by case */
	K_NLOW, K_NUP,	/* Greek, Cyrillic, Armenian, by case */
	K_NCASE,	/* letters without case: CJK, Hebrew, Arabic ... */
	K_C1,		/* U+0080-U+009F */
	K_OPEN,		/* ¡ ¿ « ‹ ‘ ‚ “ „ • © */
	K_CLOSE,	/* » › ’ ” ™ ® */
	K_CUR,		/* ¢ £ ¤ ¥ € ₧ */
	K_NUM,		/* ² ³ ¹ ¼ ½ ¾ ± × ÷ µ ° and MacRoman's mathematics */
	K_BAD,		/* ¦ ¨ ¬ ¯ ¶ § ¸ ª º ƒ ˆ ˇ ˘ ˛ ˜ ˝ † ‡ ‰ ⌐ ◊ U+FFFD */
	K_BOX,		/* box drawing and block elements */
	K_COMMON,	/* no-break space, soft hyphen, · ´ – — ― … */
	K_MARK		/* combining marks */
};

struct cpv {
	int32_t		*v;
	size_t		 n, cap;
};

static int
cpv_push(struct cpv *c, int32_t cp)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 256;
		int32_t *v = realloc(c->v, cap * sizeof(*v));

		if (v == NULL)
			return TT_ENOMEM;
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n++] = cp;
	return TT_OK;
}

static int
is_in(int32_t cp, const int32_t *set)
{
	for (; *set; set++)
		if (*set == cp)
			return 1;
	return 0;
}

static const int32_t open_set[] = { 0xA1, 0xBF, 0xAB, 0x2039, 0x2018,
	0x201A, 0x201C, 0x201E, 0x2022, 0xA9, 0 };
static const int32_t close_set[] = { 0xBB, 0x203A, 0x2019, 0x201D, 0x2122,
	0xAE, 0 };
static const int32_t cur_set[] = { 0xA2, 0xA3, 0xA4, 0xA5, 0x20AC, 0x20A7,
	0 };
static const int32_t num_set[] = { 0xB2, 0xB3, 0xB9, 0xBC, 0xBD, 0xBE, 0xB1,
	0xD7, 0xF7, 0xB5, 0xB0, 0x221A, 0x2202, 0x2206, 0x220F, 0x2211,
	0x221E, 0x2248, 0x2260, 0x2264, 0x2265, 0x222B, 0x2229, 0x2261,
	0x2116, 0x2044, 0 };
static const int32_t bad_set[] = { 0xA6, 0xA8, 0xAC, 0xAF, 0xB6, 0xA7, 0xB8,
	0xAA, 0xBA, 0x192, 0x2C6, 0x2C7, 0x2D8, 0x2D9, 0x2DA, 0x2DB, 0x2DC,
	0x2DD, 0x2020, 0x2021, 0x2030, 0x2310, 0x25CA, 0xFFFD, 0 };
static const int32_t common_set[] = { 0xA0, 0xAD, 0xB7, 0xB4, 0x2013,
	0x2014, 0x2015, 0x2026, 0 };

static int
mclass_slow(int32_t cp)
{
	if (cp < 0x80) {
		if (cp >= 'a' && cp <= 'z')
			return K_ALOW;
		if (cp >= 'A' && cp <= 'Z')
			return K_AUP;
		return cp == ' ' || cp == '\t' ? K_SPACE : K_OTHER;
	}
	if (cp <= 0x9F)
		return K_C1;
	if (cp < 0x3000) {
		static const struct {
			const int32_t	*set;
			int		 k;
		} sets[] = {
			{ common_set, K_COMMON }, { open_set, K_OPEN },
			{ close_set, K_CLOSE }, { cur_set, K_CUR },
			{ num_set, K_NUM }, { bad_set, K_BAD },
		};
		size_t i;

		for (i = 0; i < TT_NELEM(sets); i++)
			if (is_in(cp, sets[i].set))
				return sets[i].k;
		if (cp >= 0x2500 && cp <= 0x259F)
			return K_BOX;
	} else if (cp == 0xFFFD)
		return K_BAD;
	if (tt_unicode_is_space(cp))
		return K_SPACE;
	if (tt_unicode_category(cp) == TT_UCAT_MARK)
		return K_MARK;
	if (!tt_unicode_is_letter(cp))
		return K_OTHER;
	if (cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF)) {
		if (tt_unicode_is_upper(cp))
			return K_UP;
		return tt_unicode_is_lower(cp) ? K_LOW : K_NCASE;
	}
	if (cp >= 0x370 && cp <= 0x58F) {
		if (tt_unicode_is_upper(cp))
			return K_NUP;
		return tt_unicode_is_lower(cp) ? K_NLOW : K_NCASE;
	}
	return K_NCASE;
}

/* Classes of U+0000-U+2FFF plus one, each worked out when first asked
 * for (0: not yet); a text meets a few hundred of them. */
static _Atomic unsigned char ktab[0x3000];

/* The class of cp. */
static inline int
mclass(int32_t cp)
{
	if (cp >= 0 && cp < 0x3000)
		return tt_lazy_class(ktab, cp, mclass_slow);
	if ((cp >= 0x3040 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3))
		return K_NCASE;		/* kana, CJK, Hangul */
	return mclass_slow(cp);
}

#define LETTER(k)	((k) >= K_ALOW && (k) <= K_NCASE)
#define LOWER(k)	((k) == K_ALOW || (k) == K_LOW || (k) == K_NLOW)
#define ACCENTED(k)	((k) == K_LOW || (k) == K_UP)
#define SYMBOL(k)	((k) >= K_OPEN && (k) <= K_BOX)

/* "Â" and "Ã": lead bytes of Latin-1 characters in windows-1252, letters
 * that real text puts before a symbol or a no-break space almost never. */
#define LEAD_AC(cp)	((cp) == 0xC2 || (cp) == 0xC3)
/* Characters "à" (0xC3) loses its second byte to in the codecs:
 * "Ã", "Ă" (windows-1250), "Г" (windows-1251). */
#define LOST_A(cp)	((cp) == 0xC3 || (cp) == 0x102 || (cp) == 0x413)

/* MacRoman's lead bytes that are symbols: "√©" was "é", "‚Ä¶" "…". */
static const int32_t mac_lead[] = { 0x221A, 0x2248, 0x2206, 0x192, 0xAC,
	0x201A, 0x25CA, 0 };

/* English contractions after an apostrophe: "don\x92t", "it\x92s". */
static int
contraction(const int32_t *v, size_t n, size_t i)
{
	static const char *const tails[] = { "s", "t", "d", "m", "ll", "re",
	    "ve" };
	size_t t, j;

	for (t = 0; t < TT_NELEM(tails); t++) {
		const char *w = tails[t];

		for (j = 0; w[j] && i + j < n && v[i + j] == w[j]; j++)
			;
		if (w[j] == '\0' && (i + j == n || !LETTER(mclass(v[i + j]))))
			return 1;
	}
	return 0;
}

/* How many places of v[0..n) look like mojibake. */
static int
badness(const int32_t *v, size_t n)
{
	size_t i;
	int bad = 0, p = K_SPACE, c, nx, nn, kc, kn;

	kc = n > 0 ? mclass(v[0]) : K_SPACE;
	kn = n > 1 ? mclass(v[1]) : K_SPACE;
	for (i = 0; i < n; i++, p = c) {
		c = kc;
		nx = kn;
		nn = i + 2 < n ? mclass(v[i + 2]) : K_SPACE;
		kc = kn;
		kn = nn;
		/* Every sequence below has a character beyond ASCII at i
		 * or before it. */
		if (v[i] < 0x80 && (i == 0 || v[i - 1] < 0x80))
			continue;
		if (c == K_C1)
			bad++;
		/* An accented letter, or a Cyrillic capital, before a
		 * symbol letters are never followed by. */
		if ((ACCENTED(p) || p == K_NUP) && (c == K_BAD ||
		    c == K_CUR || c == K_NUM || c == K_OPEN || c == K_C1))
			bad++;
		/* ... or before a closing mark inside a word ("HÃ”TEL"), but
		 * not "’s". */
		if ((ACCENTED(p) || p == K_NUP) && (c == K_CLOSE ||
		    (c == K_COMMON && v[i] != 0xA0)) && LETTER(nx) &&
		    !(v[i] == 0x2019 && nx == K_ALOW))
			bad++;
		/* A lowercase letter before a capital that is not ASCII. */
		if (LOWER(p) && (c == K_UP || c == K_NUP))
			bad++;
		/* "Ã" or "Â" before any symbol but the no-break space and
		 * the apostrophe of "’s". */
		if (LEAD_AC(v[i]) && (SYMBOL(nx) || nx == K_C1 ||
		    (nx == K_COMMON && v[i + 1] != 0xA0)) &&
		    !(v[i + 1] == 0x2019 && contraction(v, n, i + 2)))
			bad++;
		/* "Ã", "Â", "Ă", "Г" before a (no-break) space, where they
		 * cannot be a capital letter: after a lowercase letter, as
		 * a word of their own before a lowercase word, or before a
		 * no-break space that a lowercase letter follows. */
		if ((LEAD_AC(v[i]) || LOST_A(v[i])) && i + 1 < n &&
		    (v[i + 1] == ' ' || v[i + 1] == 0xA0) &&
		    (LOWER(p) || (p == K_SPACE && LOWER(nn)) ||
		    (v[i + 1] == 0xA0 && (LOWER(nn) || p != K_AUP))))
			bad++;
		/* Symbols of different kinds side by side. */
		if (c == K_BAD && (p == K_BAD || ACCENTED(nx) || nx == K_BAD ||
		    nx == K_BOX || nx == K_OPEN || nx == K_CLOSE ||
		    nx == K_CUR || nx == K_NUM))
			bad++;
		if (c == K_BAD && LETTER(p) && LETTER(nx) &&
		    (!(p == K_ALOW || p == K_AUP) ||
		    !(nx == K_ALOW || nx == K_AUP)))
			bad++;		/* "signiп¬Ѓcantly" */
		/* Accented Latin letters against letters without case
		 * (CJK, Hebrew, Arabic ...). */
		if ((ACCENTED(p) && c == K_NCASE) ||
		    (p == K_NCASE && ACCENTED(c)))
			bad++;
		/* An IPA or modifier letter against Greek or Cyrillic. */
		if (v[i] >= 0x250 && v[i] < 0x300 && LETTER(c) &&
		    (p == K_NUP || p == K_NLOW || nx == K_NUP || nx == K_NLOW))
			bad++;
		/* A combining mark on anything but a letter without case
		 * or another mark. */
		if (c == K_MARK && p != K_NCASE && p != K_MARK)
			bad++;
		if ((p == K_CUR || p == K_NUM || p == K_BOX) && c == K_OPEN)
			bad++;
		if (p == K_CLOSE && c == K_CUR)
			bad++;
		/* Box drawing against accented letters (cp437), or inside a
		 * word. */
		if ((p == K_BOX && ACCENTED(c)) || (ACCENTED(p) && c == K_BOX))
			bad++;
		if (c == K_BOX && LETTER(p) && (LETTER(nx) || nx == K_BOX ||
		    nx == K_BAD))
			bad++;
		/* A private-use character (MacRoman's Apple logo, 0xF0, leads
		 * an emoji's four bytes) before letters. */
		if (v[i] >= 0xE000 && v[i] <= 0xF8FF && (ACCENTED(nx) ||
		    LETTER(nx)))
			bad++;
		/* MacRoman: "√©", "≈Ü", "‚Ä"; "¬" leads only to symbols
		 * (before a letter it is a kaomoji's nose). */
		if (i > 0 && is_in(v[i - 1], mac_lead) && (c == K_OPEN ||
		    c == K_CLOSE || c == K_CUR || c == K_NUM || c == K_BAD ||
		    (ACCENTED(c) && v[i - 1] != 0xAC)))
			bad++;
	}
	return bad;
}

/*
 * The bytes of the characters below U+0800 in each codec (0: it has
 * none), from codecs[].rev, filled once: byte_of() is asked about every
 * character of a line for every codec, and most are there.
 */
static uint8_t low_rev[NCODECS][0x800];
static pthread_once_t low_once = PTHREAD_ONCE_INIT;

static void
low_fill(void)
{
	size_t k, j;

	for (k = 0; k < NCODECS; k++)
		for (j = 0; j < 128; j++)
			if (codecs[k].rev[j].cp < 0x800)
				low_rev[k][codecs[k].rev[j].cp] =
				    codecs[k].rev[j].byte;
}

/* The byte codec k writes cp as, or -1.  windows-1252 (k = 0) also takes
 * the C1 controls and the rest of ISO-8859-1 as their own bytes.  (fix()
 * fills low_rev first.) */
static int
byte_of(size_t k, int32_t cp)
{
	const struct mojipair *r = codecs[k].rev;
	size_t lo = 0, hi = 128, mid;

	if (cp < 0x80)
		return (int)cp;
	if (k == CODEC_1252 && cp <= 0xFF)
		return (int)cp;
	if (cp < 0x800)
		return low_rev[k][cp] != 0 ? low_rev[k][cp] : -1;
	if (cp > 0xFFFF)
		return -1;
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

static size_t
seqlen(int b)
{
	return b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 :
	    b >= 0xF0 && b <= 0xF4 ? 4 : 0;
}

#define CONT(b)		((b) >= 0x80 && (b) <= 0xBF)

/*
 * The line v[0..n) in codec k's bytes, into b; 0 if a character has no
 * byte there.  U+FFFD becomes SUB unless the line has a real SUB.
 */
static int
encode(size_t k, const int32_t *v, size_t n, int sub_ok, tt_buf *b)
{
	size_t i;
	int x;

	tt_buf_reset(b);
	if (tt_buf_reserve(b, n) != TT_OK)
		return TT_ENOMEM;
	for (i = 0; i < n; i++) {
		if (v[i] == 0xFFFD && sub_ok)
			x = SUB;
		else if ((x = byte_of(k, v[i])) < 0)
			return 0;
		b->data[i] = (char)x;
	}
	b->len = n;
	return 1;
}

/* Does "s" (at t, tn bytes left) start with word? */
static int
starts(const unsigned char *t, size_t tn, const char *word)
{
	size_t l = strlen(word);

	return tn >= l && memcmp(t, word, l) == 0;
}

/*
 * Take back the damage of a lossy round trip, from b into out:
 * - a space where 0xA0 was inside a sequence: "Ã " (C3 20) is "à", and
 *   keeps its space before a word ("voilà le") but not before "s " or
 *   "quel", "quil" (Portuguese "às", "àquele"); after the leads whose
 *   0xA0 is common (no-break space, Š, Π, Р) the space was the byte;
 * - a sequence with SUB, or "?" at its end, where a byte was lost: one
 *   U+FFFD; a SUB alone: U+FFFD.
 */
static int
restore(const unsigned char *b, size_t n, int nbsp, tt_buf *out)
{
	size_t i = 0, need, j, subs, qs;

	tt_buf_reset(out);
	while (i < n) {
		unsigned char c = b[i];

		need = seqlen(c);
		if (nbsp && need == 2 && i + 1 < n && b[i + 1] == ' ' &&
		    (c == 0xC2 || c == 0xC3 || c == 0xC5 || c == 0xCE ||
		    c == 0xD0 || c == 0xD9)) {
			const unsigned char *t = b + i + 2;
			size_t tn = n - i - 2;
			int keep = c == 0xC3 && tn > 0 && t[0] != ' ' &&
			    !(starts(t, tn, "s ") || (tn == 1 && t[0] == 's') ||
			    starts(t, tn, "quel") || starts(t, tn, "quil"));

			if (tt_buf_putc(out, (char)c) != TT_OK ||
			    tt_buf_putc(out, (char)0xA0) != TT_OK ||
			    (keep && tt_buf_putc(out, ' ') != TT_OK))
				return TT_ENOMEM;
			i += 2;
			continue;
		}
		if (need >= 3 && i + need <= n) {
			/* One space among the continuation bytes. */
			size_t sp = 0, at = 0;

			for (j = 1; j < need; j++)
				if (b[i + j] == ' ')
					sp++, at = j;
				else if (!CONT(b[i + j]))
					break;
			if (nbsp && j == need && sp == 1 && (c == 0xE2 || c == 0xE3 ||
			    c == 0xF0)) {
				if (tt_buf_append(out, (const char *)b + i,
				    need) != TT_OK)
					return TT_ENOMEM;
				out->data[out->len - need + at] = (char)0xA0;
				i += need;
				continue;
			}
		}
		if (need >= 2) {
			subs = qs = 0;
			for (j = 1; j < need && i + j < n; j++) {
				if (b[i + j] == SUB)
					subs++;
				else if (b[i + j] == '?' && j == need - 1 &&
				    need >= 3)
					qs++;
				else if (!CONT(b[i + j]))
					break;
			}
			if (j == need && subs + qs > 0) {
				if (tt_buf_append(out, "\xEF\xBF\xBD", 3) !=
				    TT_OK)
					return TT_ENOMEM;
				i += need;
				continue;
			}
		}
		if (c == SUB) {
			if (tt_buf_append(out, "\xEF\xBF\xBD", 3) != TT_OK)
				return TT_ENOMEM;
		} else if (tt_buf_putc(out, (char)c) != TT_OK)
			return TT_ENOMEM;
		i++;
	}
	return TT_OK;
}

/*
 * Read b as UTF-8, CESU-8 surrogate pairs included, into out; 0 if it is
 * not that.
 */
static int
decode(const unsigned char *b, size_t n, struct cpv *out)
{
	size_t i = 0, m;
	int32_t cp;

	out->n = 0;
	while (i < n) {
		if (b[i] == 0xED && i + 5 < n && b[i + 3] == 0xED &&
		    b[i + 1] >= 0xA0 && b[i + 1] <= 0xAF && CONT(b[i + 2]) &&
		    b[i + 4] >= 0xB0 && b[i + 4] <= 0xBF && CONT(b[i + 5])) {
			int32_t hi = 0xD000 | (b[i + 1] & 0x3F) << 6 |
			    (b[i + 2] & 0x3F);
			int32_t lo = 0xD000 | (b[i + 4] & 0x3F) << 6 |
			    (b[i + 5] & 0x3F);

			cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
			m = 6;
		} else if ((m = tt_utf8_decode((const char *)b + i, n - i,
		    &cp)) == 0 || cp < 0)
			return 0;
		if (cpv_push(out, cp) != TT_OK)
			return TT_ENOMEM;
		i += m;
	}
	return 1;
}

struct mj {
	struct cpv	 cur, cand, best;
	tt_buf		 bytes, fixed;
	const char	*rule;
	int		 sub_ok;
	int		 bad;		/* badness() of cur */
};

static size_t
c1_count(const struct cpv *c)
{
	size_t i, k = 0;

	for (i = 0; i < c->n; i++)
		k += c->v[i] >= 0x80 && c->v[i] <= 0x9F;
	return k;
}

/* Step 1: the whole line through each codec.  1 if it was repaired. */
static int
whole(struct mj *m, int bad)
{
	size_t k, kk, c1s = c1_count(&m->cur);
	int r, least = bad, found = 0, isofirst = c1s > 0;

	for (kk = 0; kk < NCODECS; kk++) {
		/* Text with C1 controls was read by an ISO-8859 codec, which
		 * keeps them, rather than a windows one, which has letters
		 * and punctuation there: ISO-8859-2 goes before windows-1250
		 * (the two differ in a dozen letters, "š" and "ť"). */
		k = kk;
		if (isofirst && kk == CODEC_1250)
			k = CODEC_ISO2;
		else if (isofirst && kk == CODEC_ISO2)
			k = CODEC_1250;
		if ((r = encode(k, m->cur.v, m->cur.n, m->sub_ok,
		    &m->bytes)) <= 0) {
			if (r < 0)
				return r;
			continue;
		}
		if (restore((unsigned char *)m->bytes.data, m->bytes.len,
		    codecs[k].hi[0xA0 - 0x80] == 0xA0, &m->fixed) != TT_OK)
			return TT_ENOMEM;
		if ((r = decode((unsigned char *)m->fixed.data, m->fixed.len,
		    &m->cand)) <= 0) {
			if (r < 0)
				return r;
			continue;
		}
		if (m->cand.n == m->cur.n && memcmp(m->cand.v, m->cur.v,
		    m->cur.n * sizeof(int32_t)) == 0)
			continue;
		if (c1_count(&m->cand) > c1s)
			continue;	/* C1 controls are not a repair */
		if ((r = badness(m->cand.v, m->cand.n)) < least) {
			struct cpv t = m->best;

			least = r;
			found = 1;
			m->best = m->cand;
			m->cand = t;
			m->rule = codecs[k].name;
		}
	}
	if (!found)
		return 0;
	{
		struct cpv t = m->cur;

		m->cur = m->best;
		m->best = t;
	}
	m->bad = least;
	return 1;
}

/*
 * The UTF-8 sequence that codec k's bytes of v[i..] make: its length in
 * characters (0: none), the character, and whether it is mojibake by
 * itself.
 */
static size_t
sequence(size_t k, const int32_t *v, size_t n, size_t i, int32_t *dc,
    int *strong)
{
	unsigned char bytes[4];
	size_t need, j;
	int b;

	b = byte_of(k, v[i]);
	if (b < 0x80 || (need = seqlen(b)) == 0 || i + need > n)
		return 0;
	bytes[0] = (unsigned char)b;
	for (j = 1; j < need; j++) {
		b = byte_of(k, v[i + j]);
		if (b < 0 || !CONT(b))
			return 0;
		bytes[j] = (unsigned char)b;
	}
	if (tt_utf8_decode((char *)bytes, need, dc) != need || *dc < 0)
		return 0;
	/* IPA and modifier letters ("КіБ" read as windows-1251 bytes would
	 * be "ʳБ") are what misreadings make, not what they undo. */
	if (need == 2 && *dc >= 0x250 && *dc < 0x300)
		return 0;
	if (need >= 3)
		*strong = 1;
	else {
		int c2 = mclass(v[i + 1]);

		*strong = c2 == K_C1 || c2 == K_BAD || c2 == K_OPEN ||
		    c2 == K_NUM || c2 == K_CLOSE ||
		    (c2 == K_COMMON && v[i + 1] != 0xA0);
	}
	return need;
}

/*
 * Codec k's repairs of the sequences in m->cur into m->cand, leaving out
 * those at an index rejected marks.  Each repair's index in m->cand goes
 * to at[], its index in m->cur to from[].  Returns the number made.
 */
static int
span_build(struct mj *m, size_t k, size_t strong, size_t weak,
    const unsigned char *rejected, size_t *at, size_t *from)
{
	const int32_t *v = m->cur.v;
	size_t n = m->cur.n, i, len, made = 0;
	int32_t dc;
	int st;

	m->cand.n = 0;
	for (i = 0; i < n; ) {
		len = rejected[i] ? 0 : sequence(k, v, n, i, &dc, &st);
		if (len > 0 && (st || strong + weak >= 2)) {
			at[made] = m->cand.n;
			from[made++] = i;
			if (cpv_push(&m->cand, dc) != TT_OK)
				return TT_ENOMEM;
			i += len;
			continue;
		}
		/* "Ã" between words, in a line with company: "à". */
		if (!rejected[i] && strong + weak >= 1 && LOST_A(v[i]) &&
		    byte_of(k, v[i]) == 0xC3 && i + 2 < n && v[i + 1] == ' ' &&
		    (i == 0 || v[i - 1] == ' ' || mclass(v[i - 1]) == K_ALOW) &&
		    LOWER(mclass(v[i + 2]))) {
			at[made] = m->cand.n;
			from[made++] = i;
			if (cpv_push(&m->cand, 0xE0) != TT_OK)
				return TT_ENOMEM;
			i++;
			continue;
		}
		if (cpv_push(&m->cand, v[i]) != TT_OK)
			return TT_ENOMEM;
		i++;
	}
	return (int)made;
}

/*
 * The badness of the two characters either side of c->v[at] and itself,
 * C1 controls read as windows-1252 (step 3 will).
 */
static int
around(const struct cpv *c, size_t at)
{
	int32_t w[5];
	size_t lo = at >= 2 ? at - 2 : 0, hi = at + 3 < c->n ? at + 3 : c->n;
	size_t i;

	for (i = lo; i < hi; i++) {
		w[i - lo] = c->v[i];
		if (w[i - lo] >= 0x80 && w[i - lo] <= 0x9F)
			w[i - lo] = codecs[CODEC_1252].hi[w[i - lo] - 0x80];
	}
	return badness(w, hi - lo);
}

/*
 * Step 2: runs that read as UTF-8 in one codec, each kept only where it
 * leaves its neighbourhood clean (a repair that leaves garble around it
 * is a guess inside garble).  1 if the line was repaired.
 */
static int
spans(struct mj *m, int bad)
{
	size_t k, i, len, strong, weak, *at = NULL, *from = NULL;
	unsigned char *rejected = NULL;
	int32_t dc;
	int st, r = 0, made, again, rounds, nb;

	if ((at = malloc(m->cur.n * sizeof(*at))) == NULL ||
	    (from = malloc(m->cur.n * sizeof(*from))) == NULL ||
	    (rejected = malloc(m->cur.n)) == NULL) {
		r = TT_ENOMEM;
		goto done;
	}
	for (k = 0; k < NCODECS && r == 0; k++) {
		const int32_t *v = m->cur.v;
		size_t n = m->cur.n;

		strong = weak = 0;
		for (i = 0; i < n; i += len ? len : 1) {
			if ((len = sequence(k, v, n, i, &dc, &st)) > 0)
				st ? strong++ : weak++;
		}
		if (strong == 0 && weak < 2)
			continue;
		memset(rejected, 0, n);
		rounds = 0;
		do {
			if ((made = span_build(m, k, strong, weak, rejected,
			    at, from)) < 0) {
				r = made;
				goto done;
			}
			again = 0;
			for (i = 0; i < (size_t)made; i++) {
				if (around(&m->cand, at[i]) > 0) {
					rejected[from[i]] = 1;
					again = 1;
				}
			}
		} while (again && made > 0 && ++rounds < 4);
		if (again)
			continue;	/* garble all along: no guess */
		if (made > 0 && (nb = badness(m->cand.v, m->cand.n)) < bad) {
			struct cpv t = m->cur;

			m->bad = nb;
			m->cur = m->cand;
			m->cand = t;
			m->rule = codecs[k].name;
			r = 1;
		}
	}
done:
	free(at);
	free(from);
	free(rejected);
	return r;
}

/* Step 3: C1 controls.  1 if any was replaced. */
static int
c1(struct mj *m)
{
	int32_t *v = m->cur.v;
	size_t n = m->cur.n, i;
	int any = 0, mac = 0, other = 0;

	for (i = 0; i < n; i++) {
		int32_t w;

		if (v[i] < 0x80 || v[i] > 0x9F) {
			if (v[i] >= 0x80)
				other = 1;
			continue;
		}
		any = 1;
		w = codecs[CODEC_1252].hi[v[i] - 0x80];
		/* Inside a word, MacRoman gives a letter; windows-1252
		 * punctuation, which only an apostrophe of a contraction
		 * makes sense of. */
		if (i > 0 && i + 1 < n && LETTER(mclass(v[i - 1])) &&
		    LETTER(mclass(v[i + 1])) && !LETTER(mclass(w)) &&
		    !(w == 0x2019 && contraction(v, n, i + 1)))
			mac++;
	}
	if (!any)
		return 0;
	/* One inside a word is enough: MacRoman's C1 bytes are all
	 * letters, windows-1252's mostly punctuation. */
	if (mac > 0 && !other) {
		for (i = 0; i < n; i++)
			if (v[i] >= 0x80 && v[i] <= 0x9F)
				v[i] = codecs[CODEC_MACROMAN].hi[v[i] - 0x80];
		m->rule = "c1-as-MacRoman";
		return 1;
	}
	for (i = 0; i < n; i++)
		if (v[i] >= 0x80 && v[i] <= 0x9F)
			v[i] = codecs[CODEC_1252].hi[v[i] - 0x80];
	m->rule = "c1-as-windows-1252";
	return 1;
}

static int
has_high(const char *s, size_t len)
{
	size_t i;

	for (i = tt_utf8_ascii_run(s, len); i < len; i++)
		if ((unsigned char)s[i] >= 0xC2)
			return 1;
	return 0;
}

/*
 * Can badness() and c1() find nothing in s?  A quick pass that says yes
 * for most right text: no character of the classes mojibake is made of
 * (C1 controls, currency, numbers, symbols, box drawing, marks), none of
 * the characters some tests name ("Ã", "Â", "Ă", "Г", IPA letters,
 * private use, MacRoman's leads), and none of the neighbours the other
 * tests look at (an accented or non-Latin capital letter, or a lowercase
 * letter before one; an accented letter against punctuation or a letter
 * without case).  Text that is not UTF-8 is left as fix() leaves it.
 */
/* Does s begin with an ASCII character other than a space, or a letter
 * of Russian's alphabet (U+0410 to U+044F)? */
static int
plain_after(const char *s, size_t n)
{
	int32_t cp;

	if ((unsigned char)s[0] < 0x80)
		return s[0] != ' ';
	return tt_utf8_next_cp(s, n, &cp) > 0 && cp >= 0x410 && cp <= 0x44F;
}

static int
surely_fine(const char *s, size_t len)
{
	size_t i = 0, n;
	int32_t cp;
	int p = K_SPACE, c;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			/* an ASCII run: only its last character matters */
			n = tt_utf8_ascii_run(s + i, len - i);
			i += n;
			p = mclass((unsigned char)s[i - 1]);
			continue;
		}
		if ((n = tt_utf8_next_cp(s + i, len - i, &cp)) == 0 || cp < 0)
			return 1;	/* not UTF-8: nothing to undo */
		i += n;
		c = mclass(cp);
		switch (c) {
		case K_C1: case K_CUR: case K_NUM: case K_BAD: case K_BOX:
		case K_MARK:
			return 0;
		}
		/* "Ă" and "Г" as a lead byte misread are followed by what
		 * windows-1250 or -1251 makes of a continuation byte (never
		 * ASCII, never a letter of Russian's alphabet), or as "à"
		 * that lost its no-break space, by a space */
		if ((cp == 0x102 || cp == 0x413) && i < len &&
		    !plain_after(s + i, len - i))
			return 0;
		switch (cp) {
		case 0xC2: case 0xC3:			/* LEAD_AC */
		case 0x221A: case 0x2248: case 0x2206:	/* mac_lead */
		case 0x192: case 0xAC: case 0x201A: case 0x25CA:
			return 0;
		}
		if ((cp >= 0x250 && cp < 0x300) ||
		    (cp >= 0xE000 && cp <= 0xF8FF))
			return 0;
		if ((ACCENTED(p) || p == K_NUP) && (c == K_OPEN ||
		    c == K_CLOSE || c == K_COMMON))
			return 0;
		if (LOWER(p) && (c == K_UP || c == K_NUP))
			return 0;
		if ((ACCENTED(p) && c == K_NCASE) ||
		    (p == K_NCASE && ACCENTED(c)))
			return 0;
		p = c;
	}
	return 1;
}

static void
mj_free(struct mj *m)
{
	free(m->cur.v);
	free(m->cand.v);
	free(m->best.v);
	tt_buf_free(&m->bytes);
	tt_buf_free(&m->fixed);
}

/* The repair of s into out; returns the number of steps taken, and the
 * rule of the last one in *rule.  Nothing is written when there is
 * nothing to repair (0). */
static int
fix(const char *s, size_t len, tt_buf *out, const char **rule)
{
	struct mj m;
	size_t i, n;
	int32_t cp;
	int r, steps = 0, p, bad;
	char u[4];

	if (!has_high(s, len))
		return 0;
	if (surely_fine(s, len))
		return 0;
	pthread_once(&low_once, low_fill);
	memset(&m, 0, sizeof(m));
	m.sub_ok = memchr(s, SUB, len) == NULL;
	if ((m.cur.v = malloc(len * sizeof(int32_t))) == NULL)
		return TT_ENOMEM;
	m.cur.cap = len;
	for (i = 0; i < len; i += n) {
		if ((unsigned char)s[i] < 0x80) {
			cp = (unsigned char)s[i];
			n = 1;
		} else if ((n = tt_utf8_decode(s + i, len - i, &cp)) == 0 ||
		    cp < 0)
			break;		/* not UTF-8: nothing to undo */
		m.cur.v[m.cur.n++] = cp;
	}
	if (i < len)
		goto done;		/* steps == 0: the line as it is */
	/* whole() and spans() leave the badness of what they repair in
	 * m.bad. */
	m.bad = badness(m.cur.v, m.cur.n);
	for (p = 0; p < PASSES && m.bad > 0; p++) {
		bad = m.bad;
		if ((r = whole(&m, bad)) == 0)
			r = spans(&m, bad);
		if (r < 0) {
			steps = r;
			goto done;
		}
		if (r == 0)
			break;
		steps++;
	}
	if ((r = c1(&m)) > 0)
		steps++;
	if (steps > 0) {
		for (i = 0; i < m.cur.n; i++)
			if (tt_buf_append(out, u, tt_utf8_encode(m.cur.v[i],
			    u)) != TT_OK) {
				steps = TT_ENOMEM;
				goto done;
			}
		*rule = m.rule;
	}
done:
	mj_free(&m);
	return steps;
}

int
tt_mojibake_fix(const char *s, size_t len, tt_buf *out)
{
	const char *rule;
	int r = fix(s, len, out, &rule);

	if (r == 0 && tt_buf_append(out, s, len) != TT_OK)
		return TT_ENOMEM;	/* nothing to repair: the text */
	return r;
}

int
tt_mojibake_line(tt_clean *c, size_t lineno, tt_buf *line, tt_buf *tmp)
{
	const char *rule = NULL;
	char name[48];
	int r;

	if (!has_high(line->data, line->len))
		return TT_OK;
	tt_buf_reset(tmp);
	if ((r = fix(line->data, line->len, tmp, &rule)) <= 0)
		return r;
	if (strncmp(rule, "c1-", 3) == 0)
		snprintf(name, sizeof(name), "%s", rule);
	else
		snprintf(name, sizeof(name), "utf8-as-%s", rule);
	tt_clean_note(c, lineno, "mojibake", name,
	    line->data, line->len, tmp->data, tmp->len);
	tt_buf_reset(line);
	return tt_buf_append(line, tmp->data, tmp->len) == TT_OK ? TT_OK :
	    TT_ENOMEM;
}

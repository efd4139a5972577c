/*
 * typo.c: which words of a text to check, whether the dictionary knows
 * them, and what a finding is worth.
 *
 * The text is read line by line and cut at white space into chunks; a
 * chunk that is a URL, an e-mail address, a path, a handle, a tag or code
 * is skipped whole.  Inside a chunk, words are runs of letters joined by
 * inner apostrophes and hyphens.  A word is known when the dictionary (or
 * the personal list) has it as written, with its first letter lowered,
 * without a possessive 's, or, for a compound, part by part.
 *
 * Names: in a whole document, a first pass collects the capitalized
 * words the dictionary lacks that stand inside a sentence; those are
 * names wherever they appear, and so is any other unknown capitalized
 * word inside a sentence.  Only a sentence's first word and the words of
 * a title-case headline carry no capitalization evidence, and are
 * checked as any word.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tt_int.h"
#include "dict.h"

#define MAXSUGG		10
#ifndef FIX_DIST
#define FIX_DIST	17	/* tenths of an edit, at most, to fix */
#define FIX_MARGIN	0.25	/* lead over the second candidate */
#define FIX_MARGIN_SHORT 0.7	/* ... for a word of three letters */
#define FIX_MARGIN_CAP	0.8	/* ... for a capitalized word */
#define FIX_DIST_CAP	10
#define FIX_DIST_OFTEN	15	/* jargon: 3 times, nothing closer */
#define FIX_LP_AGAIN	-5.0	/* log10 P of a rare correction */
#define FIX_LP_FAR	-5.5	/* ... of a correction too rare to be */
#define FIX_DIST_FAR	10	/* ... this far off */
#endif
#ifndef RW_RARE
#define RW_RARE		6.0	/* -log10 P of a rare word */
#define RW_GAIN		4.0	/* tenfolds likelier a fix must be */
#define RW_DIST		10	/* tenths of an edit, at most */
#define RW_MARGIN	0.8	/* lead over the second candidate */
#define RW_LP		-2.0	/* log10 P of the fix there, least */
#define RW_MINLEN	3
#endif
#define LONE_LEVEL	7	/* -a: unseen words of SCOWL 70 and 80 ... */
#define LONE_DIST	10	/* ... an edit from a word ... */
#define LONE_SUGG	5	/* ... of SCOWL 55 or commoner are doubted */
#define RARE_RW		1	/* rare(): a slip report_real() weighs */
#define RARE_LONE	2	/* ... one report_lone() weighs */
#define KNOWN_MEMO	4096	/* words whose known() answer is kept */
#define KNOWN_LEN	21	/* ... of at most these bytes */
#define ACCEPT_MAX	8	/* SCOWL levels up to 80 are words, */
#define ACCEPT_SHORT	4	/* ... those of 80 longer than this */

struct set {			/* a set of strings, open addressing */
	char		**v;
	size_t		 n, cap;
};

struct tt_typo {
	tt_dictv	 d;
	tt_typo_opts	 o;
	struct set	 personal;
	struct set	 names;		/* unknown capitalized, mid-sentence */
	struct set	 seen;		/* unknown words seen once */
	struct set	 again;		/* unknown words seen twice or more */
	struct set	 often;		/* unknown words seen three times or more */
	char		 sbuf[MAXSUGG][TT_DICT_MAXWORD + 8];
	const char	*sp[MAXSUGG];
	/* known()'s answers for the words seen last, by their hash: prose
	 * uses the same few hundred words again and again, and a look-up in
	 * the dictionary goes to memory.  An entry holds while gen does
	 * (tt_typo_accept() moves it on). */
	struct known_memo {
		uint32_t	 hash, gen;
		unsigned char	 len;
		signed char	 known, rare;	/* -1: not asked yet */
		char		 w[KNOWN_LEN];
	} memo[KNOWN_MEMO];
	uint32_t	 gen;
};

static int
set_find(const struct set *s, const char *w, size_t n, size_t *slot)
{
	size_t h;

	if (s->cap == 0)
		return 0;
	h = tt_dict_hash(w, n) & (s->cap - 1);
	while (s->v[h] != NULL) {
		if (strncmp(s->v[h], w, n) == 0 && s->v[h][n] == '\0') {
			*slot = h;
			return 1;
		}
		h = (h + 1) & (s->cap - 1);
	}
	*slot = h;
	return 0;
}

static int
set_add(struct set *s, const char *w, size_t n)
{
	size_t slot, i;
	char *p;

	if (set_find(s, w, n, &slot))
		return 0;
	if ((s->n + 1) * 2 > s->cap) {
		struct set g = { 0 };

		g.cap = s->cap ? s->cap * 2 : 64;
		if ((g.v = calloc(g.cap, sizeof(*g.v))) == NULL)
			return TT_ENOMEM;
		for (i = 0; i < s->cap; i++)
			if (s->v[i] != NULL) {
				set_find(&g, s->v[i], strlen(s->v[i]), &slot);
				g.v[slot] = s->v[i];
				g.n++;
			}
		free(s->v);
		*s = g;
		set_find(s, w, n, &slot);
	}
	if ((p = malloc(n + 1)) == NULL)
		return TT_ENOMEM;
	memcpy(p, w, n);
	p[n] = '\0';
	s->v[slot] = p;
	s->n++;
	return 1;
}

static void
set_free(struct set *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

tt_typo *
tt_typo_new(const tt_typo_opts *o, tt_err *e)
{
	tt_typo *t = calloc(1, sizeof(*t));

	if (t == NULL) {
		tt_seterr(e, TT_ENOMEM, "out of memory");
		return NULL;
	}
	if (o != NULL)
		t->o = *o;
	if (t->o.max_sugg == 0 || t->o.max_sugg > MAXSUGG)
		t->o.max_sugg = t->o.max_sugg == 0 ? 5 : MAXSUGG;
	if (tt_dict_open(&t->d) != 0) {
		free(t);
		tt_seterr(e, TT_EPARSE, "the embedded dictionary is damaged");
		return NULL;
	}
	return t;
}

void
tt_typo_free(tt_typo *t)
{
	if (t == NULL)
		return;
	set_free(&t->personal);
	set_free(&t->names);
	set_free(&t->seen);
	set_free(&t->again);
	set_free(&t->often);
	free(t);
}

int
tt_typo_accept(tt_typo *t, const char *w, size_t n)
{
	int r;

	if (n == 0 || n >= TT_DICT_MAXWORD)
		return TT_EINVAL;
	r = set_add(&t->personal, w, n);
	t->gen++;	/* what known() said may no longer hold */
	return r < 0 ? r : TT_OK;
}

/* ------------------------------------------------------------ lookup */

static int
is_upper_ascii(int c)
{
	return c >= 'A' && c <= 'Z';
}

/* Does w, lowercased, become a word of the commonest SCOWL level when two
 * neighbouring letters trade places? */
static int
swaps_to_common(tt_typo *t, const char *w, size_t n)
{
	char buf[TT_DICT_MAXWORD];
	size_t i;
	int info;

	if (n < 3 || n >= sizeof(buf))
		return 0;
	for (i = 0; i < n; i++) {
		if ((unsigned char)w[i] >= 0x80)
			return 0;
		buf[i] = (char)tt_ascii_lower((unsigned char)w[i]);
	}
	for (i = 0; i + 1 < n; i++) {
		char c = buf[i];

		if (buf[i] == buf[i + 1])
			continue;
		buf[i] = buf[i + 1];
		buf[i + 1] = c;
		info = tt_dict_info(&t->d, buf, n);
		buf[i + 1] = buf[i];
		buf[i] = c;
		if (info >= 0 && (info & TT_DICT_LEVEL) == 0 &&
		    !(info & TT_DICT_CAP))
			return 1;
	}
	return 0;
}

/* The dictionary or the personal list has w exactly. */
static int
has(tt_typo *t, const char *w, size_t n)
{
	size_t slot;

	int info = tt_dict_info(&t->d, w, n);

	/* The rarest common words are more often typos than meant, and so
	 * are the short words of the next list (fon, mor, das); the
	 * rarest names, written as names, are still names -- unless two
	 * letters swapped make one of the commonest words of all ("Teh",
	 * "Adn"). */
	if (set_find(&t->personal, w, n, &slot))
		return 1;
	if (info < 0)
		return 0;
	if ((info & TT_DICT_LEVEL) < ACCEPT_MAX ||
	    ((info & TT_DICT_LEVEL) == ACCEPT_MAX && n > ACCEPT_SHORT))
		return 1;
	return (info & TT_DICT_CAP) && !swaps_to_common(t, w, n);
}

/* w with the accented letters of Latin-1 as plain ones, in out; 0 if
 * it has none (or other non-ASCII letters). */
static int
fold_accents(const char *w, size_t n, char *out, size_t cap, size_t *len)
{
	static const char base[] =	/* U+00C0 .. U+00FF */
	    "AAAAAAACEEEEIIII" "DNOOOOO*OUUUUYTs"
	    "aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";
	size_t i = 0, m = 0;
	int any = 0;

	while (i < n && m + 1 < cap) {
		int32_t cp;
		size_t k = tt_utf8_decode(w + i, n - i, &cp);

		if (cp < 0x80)
			out[m++] = (char)cp;
		else if (cp >= 0xc0 && cp <= 0xff && base[cp - 0xc0] != '*' &&
		    base[cp - 0xc0] != '/' && cp != 0xdf && cp != 0xe6 &&
		    cp != 0xc6) {
			out[m++] = base[cp - 0xc0];
			any = 1;
		} else
			return 0;
		i += k;
	}
	*len = m;
	return any && i == n;
}

/* Known as written, with its first letter lowered, or without 's. */
static int
known1(tt_typo *t, const char *w, size_t n)
{
	char buf[TT_DICT_MAXWORD];
	int32_t cp;
	size_t k;

	if (n == 0)
		return 1;
	if (n >= TT_DICT_MAXWORD)
		return 1;	/* nothing to say about it */
	if (has(t, w, n))
		return 1;
	memcpy(buf, w, n);
	k = tt_utf8_decode(buf, n, &cp);
	if (tt_unicode_is_upper(cp)) {
		char enc[4];
		size_t m = tt_utf8_encode(tt_unicode_tolower(cp), enc);

		if (m == k) {
			memcpy(buf, enc, m);
			if (has(t, buf, n))
				return 1;
		}
	}
	/* "naïve", "rôle": a known word with accents (buf holds w with its
	 * first letter lowered) */
	{
		char fold[TT_DICT_MAXWORD];
		size_t fl;

		if ((fold_accents(w, n, fold, sizeof(fold), &fl) &&
		    has(t, fold, fl)) || (fold_accents(buf, n, fold,
		    sizeof(fold), &fl) && has(t, fold, fl)))
			return 1;
	}
	/* possessives: "West's", "students'" */
	if (n > 2 && w[n - 2] == '\'' && (w[n - 1] == 's' || w[n - 1] == 'S'))
		return known1(t, w, n - 2);
	if (n > 1 && w[n - 1] == '\'')
		return known1(t, w, n - 1);
	return 0;
}

/* w with typographic apostrophes as ASCII ones, in buf. */
static size_t
ascii_apostrophes(const char *w, size_t n, char *buf, size_t cap)
{
	size_t i, m = 0;

	for (i = 0; i < n && m + 1 < cap; i++) {
		if (i + 2 < n && (unsigned char)w[i] == 0xe2 &&
		    (unsigned char)w[i + 1] == 0x80 &&
		    ((unsigned char)w[i + 2] == 0x99 ||
		    (unsigned char)w[i + 2] == 0x98)) {
			buf[m++] = '\'';
			i += 2;
		} else
			buf[m++] = w[i];
	}
	return m;
}

static int
known_slow(tt_typo *t, const char *w, size_t n)
{
	char buf[TT_DICT_MAXWORD * 2] = "";
	size_t m, i, from = 0;

	m = ascii_apostrophes(w, n, buf, sizeof(buf));
	if (known1(t, buf, m))
		return 1;
	if (memchr(buf, '-', m) == NULL)
		return 0;
	/* a compound: every part */
	for (i = 0; i <= m; i++)
		if (i == m || buf[i] == '-') {
			if (i > from && !known1(t, buf + from, i - from))
				return 0;
			from = i + 1;
		}
	return 1;
}

/* The memo entry of w, its answers so far (a new one, or NULL for a
 * word too long to keep). */
static struct known_memo *
memo_of(tt_typo *t, const char *w, size_t n)
{
	struct known_memo *m;
	uint32_t h;

	if (n == 0 || n > KNOWN_LEN)
		return NULL;
	h = tt_hash_ends(w, n);
	m = &t->memo[h & (KNOWN_MEMO - 1)];
	if (m->len == n && m->hash == h && m->gen == t->gen &&
	    memcmp(m->w, w, n) == 0)
		return m;
	m->hash = h;
	m->gen = t->gen;
	m->len = (unsigned char)n;
	m->known = m->rare = -1;
	memcpy(m->w, w, n);
	return m;
}

/* Does the dictionary or the personal list know w (as known1() takes
 * it, a compound by its parts)? */
static int
known(tt_typo *t, const char *w, size_t n)
{
	struct known_memo *m;

	if (n >= TT_DICT_MAXWORD)
		return 1;
	if ((m = memo_of(t, w, n)) == NULL)
		return known_slow(t, w, n);
	if (m->known < 0)
		m->known = (signed char)known_slow(t, w, n);
	return m->known;
}

int
tt_typo_known(tt_typo *t, const char *w, size_t n)
{
	return known(t, w, n);
}

/* ------------------------------------------------------------ suggest */

/* src into dst of cap bytes, cut short if it must be. */
static void
scopy(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The suggestion in the case of the word: "Sespite" -> "Despite". */
static void
put_case(char *dst, size_t cap, const char *sugg, const char *word)
{
	int32_t cp;

	scopy(dst, cap, sugg);
	(void)tt_utf8_decode(word, strlen(word), &cp);
	if (tt_unicode_is_upper(cp) && dst[0] >= 'a' && dst[0] <= 'z')
		dst[0] = (char)(dst[0] - 32);
}

/* The word's typographic apostrophe back in the suggestion. */
static void
put_apostrophe(char *dst, size_t cap, const char *word, size_t n)
{
	char tmp[TT_DICT_MAXWORD * 2];
	size_t i, m = 0;

	for (i = 0; i + 2 < n; i++)	/* word is not NUL-terminated */
		if ((unsigned char)word[i] == 0xe2 &&
		    (unsigned char)word[i + 1] == 0x80 &&
		    (unsigned char)word[i + 2] == 0x99)
			break;
	if (i + 2 >= n)
		return;
	for (i = 0; dst[i] != '\0' && m + 4 < sizeof(tmp); i++)
		if (dst[i] == '\'') {
			memcpy(tmp + m, "\xe2\x80\x99", 3);
			m += 3;
		} else
			tmp[m++] = dst[i];
	tmp[m] = '\0';
	if (m < cap)
		memcpy(dst, tmp, m + 1);
}

/*
 * Suggestions for w into t->sp; *c1 and *c2 the costs of the first two,
 * *d1 the first one's edit distance in tenths, *lp1 its log10
 * probability in context, *level its SCOWL level; far: the far
 * candidates in a context too (tt_suggest()).
 */
static size_t
suggest(tt_typo *t, const char *w, size_t n, const tt_sctx *ctx, int far,
    double *c1, double *c2, int *d1, double *lp1, int *level)
{
	tt_sugg s[MAXSUGG + 4];
	char word[TT_DICT_MAXWORD * 2];
	size_t k, i, m, out = 0;

	*c1 = *c2 = 99;
	*d1 = 99;
	*lp1 = 0;
	*level = 9;
	m = ascii_apostrophes(w, n, word, sizeof(word) - 1);
	word[m] = '\0';
	k = tt_suggest(&t->d, word, m, t->o.lang == TT_TYPO_GB ? TT_LANG_GB :
	    TT_LANG_US, ctx, far, s, t->o.max_sugg + 4);
	/* The personal list's words are candidates too, first when close:
	 * "okafor" -> "Okafor". */
	if (t->personal.n > 0 && t->personal.n <= 100000) {
		size_t pi;
		const char *best = NULL;
		double bd = 1.2;

		for (pi = 0; pi < t->personal.cap; pi++) {
			const char *pw = t->personal.v[pi];
			size_t pn;
			double dd;

			if (pw == NULL || (pn = strlen(pw)) + 2 < m ||
			    pn > m + 2)
				continue;
			dd = tt_typo_distance(word, m, pw, pn);
			if (dd < bd) {
				bd = dd;
				best = pw;
			}
		}
		if (best != NULL && out < t->o.max_sugg) {
			scopy(t->sbuf[out], sizeof(t->sbuf[out]), best);
			*c1 = bd;
			*d1 = (int)(bd * 10 + 0.5);
			*level = 0;
			t->sp[out] = t->sbuf[out];
			out++;
		}
	}
	for (i = 0; i < k && out < t->o.max_sugg; i++) {
		unsigned info;
		const char *cand = tt_dict_word(&t->d, s[i].off, &info);
		size_t j;
		int dup = 0;

		put_case(t->sbuf[out], sizeof(t->sbuf[out]), cand, word);
		put_apostrophe(t->sbuf[out], sizeof(t->sbuf[out]), w, n);
		/* two dictionary forms can give one suggestion */
		for (j = 0; j < out; j++)
			if (strcasecmp(t->sbuf[j], t->sbuf[out]) == 0)
				dup = 1;
		if (dup || strcmp(t->sbuf[out], word) == 0)
			continue;
		if (out == 0) {
			*c1 = s[i].cost;
			*d1 = s[i].tie;
			*lp1 = s[i].lp;
			*level = (int)(info & TT_DICT_LEVEL);
		} else if (out == 1 && *c2 > s[i].cost)
			*c2 = s[i].cost;
		t->sp[out] = t->sbuf[out];
		out++;
	}
	return out;
}

size_t
tt_typo_suggest(tt_typo *t, const char *w, size_t n,
    const char *const **sugg)
{
	double c1, c2;
	double lp1;
	int d1, level;
	size_t k = suggest(t, w, n, NULL, 0, &c1, &c2, &d1, &lp1, &level);

	*sugg = t->sp;
	return k;
}

/* ------------------------------------------------------------ scanning */

struct seenword {		/* a word pass 1 found unknown, and where */
	size_t		 start, end, line, linestart;
	int		 initial, title;
	int		 real;		/* rare: see report_real() */
};

struct scan {
	tt_typo		*t;
	const char	*s;
	size_t		 len;
	int		 pass;		/* 1: collect names; 2: report */
	int		 flags;
	tt_typo_cb	*cb;
	void		*arg;
	size_t		 hits;
	size_t		 unknown;	/* pass 1: words the dictionary lacks */
	struct seenword	*sw;		/* pass 1: those words, in order */
	size_t		 nsw, capsw;
	int		 stop, err;
	/* position */
	size_t		 line, linestart;
	int		 initial;	/* the next word opens a sentence */
	int		 title;		/* this line is a title-case headline */
};

static int
is_space_byte(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* A title-case line: most of its longer words capitalized, no final stop. */
static int
title_line(const char *s, size_t n)
{
	size_t i = 0, words = 0, caps = 0;

	while (n > 0 && is_space_byte((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n > 160 || s[n - 1] == '.' || s[n - 1] == ',' ||
	    s[n - 1] == ';')
		return 0;
	/* a sentence inside, or a list of names: not a headline */
	for (i = 0; i + 1 < n; i++)
		if ((s[i] == '.' || s[i] == ',' || s[i] == '(') &&
		    s[i + 1] == ' ')
			return 0;
	i = 0;
	while (i < n) {
		size_t j = i;

		while (j < n && !is_space_byte((unsigned char)s[j]))
			j++;
		if (j - i >= 4 && tt_isascii_alpha((unsigned char)s[i])) {
			words++;
			caps += is_upper_ascii((unsigned char)s[i]);
		}
		while (j < n && is_space_byte((unsigned char)s[j]))
			j++;
		i = j;
	}
	return words >= 2 && caps * 10 >= words * 7;
}

/* What a byte inside a chunk is to not_prose(): code or a path by itself
 * (NP_CODE), or a URL's colon or a file name's dot where its neighbours
 * say so; 0 for the rest. */
enum { NP_CODE = 1, NP_COLON, NP_DOT };
static const unsigned char np_byte[256] = {
	['/'] = NP_CODE, ['\\'] = NP_CODE, ['@'] = NP_CODE, ['_'] = NP_CODE,
	['='] = NP_CODE, ['<'] = NP_CODE, ['>'] = NP_CODE, ['{'] = NP_CODE,
	['}'] = NP_CODE, ['|'] = NP_CODE, ['*'] = NP_CODE, ['^'] = NP_CODE,
	[':'] = NP_COLON, ['.'] = NP_DOT,
};

/* A chunk that is not prose: URL, e-mail, path, handle, tag, code. */
static int
not_prose(const char *c, size_t n)
{
	size_t i;

	if (n == 0)
		return 1;
	if (c[0] == '#' || c[0] == '@' || c[0] == '$' || c[0] == '~' ||
	    c[0] == '<' || c[0] == '{')
		return 1;
	if (n > 4 && (c[0] | 0x20) == 'w' && strncasecmp(c, "www.", 4) == 0)
		return 1;
	for (i = 0; i < n; i++) {
		switch (np_byte[(unsigned char)c[i]]) {
		case NP_CODE:
			return 1;
		case NP_COLON:
			if (i + 1 < n && c[i + 1] == '/')
				return 1;
			break;
		case NP_DOT:	/* file.txt, example.com: a dot inside */
			if (i > 0 && i + 1 < n &&
			    tt_isascii_alpha((unsigned char)c[i - 1]) &&
			    tt_isascii_alpha((unsigned char)c[i + 1]) &&
			    !(i >= 2 && c[i - 2] == '.') &&
			    !(i + 2 < n && c[i + 2] == '.') &&
			    !(i == 1 || (i + 2 == n)))
				return 1;
			break;
		}
	}
	return 0;
}

static int
is_letter_at(const char *s, size_t n, size_t i, size_t *k)
{
	int32_t cp;

	if ((unsigned char)s[i] < 0x80) {
		*k = 1;
		return tt_isascii_alpha((unsigned char)s[i]);
	}
	*k = tt_utf8_decode(s + i, n - i, &cp);
	return tt_unicode_is_letter(cp) ||
	    tt_unicode_category(cp) == TT_UCAT_MARK;
}

static int
is_digit_at(const char *s, size_t i)
{
	return tt_isascii_digit((unsigned char)s[i]);
}

/* An apostrophe (' or U+2019) at i: its length, else 0. */
static size_t
apostrophe(const char *s, size_t n, size_t i)
{
	if (s[i] == '\'')
		return 1;
	if (i + 2 < n && (unsigned char)s[i] == 0xe2 &&
	    (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99)
		return 3;
	return 0;
}

/* Skip words that are not prose: acronyms, CamelCase, other scripts. */
static int
skip_word(const char *w, size_t n)
{
	size_t i, k, letters = 0, upper = 0;
	int prev_lower = 0, camel = 0, letter, up;

	for (i = 0; i < n; i += k) {
		unsigned char c = (unsigned char)w[i];
		int32_t cp;

		if (c < 0x80) {		/* ASCII: no need to ask */
			k = 1;
			letter = tt_isascii_alpha(c);
			up = c <= 'Z';
		} else {
			k = tt_utf8_decode(w + i, n - i, &cp);
			letter = tt_unicode_is_letter(cp);
			/* not the Latin alphabet: not English to check */
			if (letter && cp >= 0x370 &&
			    !(cp >= 0x1e00 && cp <= 0x1eff))
				return 1;
			up = tt_unicode_is_upper(cp);
		}
		if (!letter) {
			prev_lower = 0;
			continue;
		}
		letters++;
		if (up) {
			upper++;
			if (prev_lower)
				camel = 1;
			prev_lower = 0;
		} else
			prev_lower = 1;
	}
	return letters < 2 || (upper == letters) || camel;
}

/* Is the word after end, on the same line, capitalized? */
static int
next_capitalized(const struct scan *sc, size_t end)
{
	const char *s = sc->s;
	int32_t cp;

	if (end < sc->len && s[end] != ' ')
		return 0;	/* "Word," or "Word." : the name ends */
	while (end < sc->len && s[end] == ' ')
		end++;
	if (end >= sc->len || s[end] == '\n')
		return 0;
	tt_utf8_decode(s + end, sc->len - end, &cp);
	return tt_unicode_is_upper(cp);
}

static int
word_byte(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' ||
	    c >= 0x80;
}

/* The language model's view of the word s[0..n): its hash, lowercased,
 * and its back-off and log10 P; 0 if the model lacks it. */
static int
lm_word(const tt_typo *t, const char *s, size_t n, uint32_t *h, double *bo,
    double *lp)
{
	char low[TT_DICT_MAXWORD];
	uint32_t off;
	size_t i, m = 0;

	if (n == 0 || n >= sizeof(low))
		return 0;
	for (i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) {
			low[m++] = '\'';	/* a curly apostrophe */
			i += 2;
		} else
			low[m++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	if ((off = tt_dict_find(&t->d, low, m)) == 0 ||
	    tt_dict_freq(&t->d, off) == 0)
		if ((off = tt_dict_find(&t->d, s, n)) == 0 ||
		    tt_dict_freq(&t->d, off) == 0)
			return 0;
	*h = tt_dict_hash(low, m);
	*bo = -(double)tt_dict_backoff(&t->d, off) / 40;
	*lp = -(double)tt_dict_freq(&t->d, off) / 20;
	return 1;
}

enum { NB_NONE, NB_WORD, NB_START, NB_END };

/*
 * The neighbour of the text at pos, before it (dir < 0) or after it: a
 * word (its bytes in [*wb, *we)) with only spaces and at most one line
 * break between, or the start or end of a sentence (a full stop, a blank
 * line, the text's edge; *explicit set when a stop said so), or nothing
 * the model can use (a comma, a bracket).
 */
static int
neighbour(const struct scan *sc, size_t pos, int dir, size_t *wb,
    size_t *we, int *explicit)
{
	const char *s = sc->s;
	size_t i = pos, nl = 0;

	*explicit = 0;
	if (dir < 0) {
		while (i > 0 && (is_space_byte((unsigned char)s[i - 1]) ||
		    s[i - 1] == '\n') && nl < 2)
			nl += s[--i] == '\n';
		if (nl >= 2 || i == 0)
			return NB_START;
		if (s[i - 1] == '.' || s[i - 1] == '!' || s[i - 1] == '?') {
			*explicit = 1;
			return i < pos ? NB_START : NB_NONE;
		}
		if (i == pos || !word_byte((unsigned char)s[i - 1]))
			return NB_NONE;
		*we = i;
		while (i > 0 && word_byte((unsigned char)s[i - 1]))
			i--;
		*wb = i;
		return NB_WORD;
	}
	if (i < sc->len && (s[i] == '.' || s[i] == '!' || s[i] == '?') &&
	    (i + 1 == sc->len || is_space_byte((unsigned char)s[i + 1]) ||
	    s[i + 1] == '\n')) {
		*explicit = 1;
		return NB_END;
	}
	while (i < sc->len && (is_space_byte((unsigned char)s[i]) ||
	    s[i] == '\n') && nl < 2)
		nl += s[i++] == '\n';
	if (nl >= 2 || i == sc->len)
		return i > pos ? NB_END : NB_NONE;
	if (i == pos || !word_byte((unsigned char)s[i]))
		return NB_NONE;
	*wb = i;
	while (i < sc->len && word_byte((unsigned char)s[i]))
		i++;
	*we = i;
	return NB_WORD;
}

/* The model's view of the sentence's start (dir < 0) or end. */
static void
edge(const tt_dictv *d, int dir, uint32_t *h, double *bo, double *lp)
{
	if (dir < 0) {
		*h = tt_dict_hash("<s>", 3);
		*bo = -(double)d->start_bo / 40;
		*lp = 0;
	} else {
		*h = tt_dict_hash("</s>", 4);
		*bo = 0;
		*lp = -(double)d->end_freq / 20;
	}
}

/*
 * The model's view of the neighbour of pos on one side (neighbour()): 1
 * with its hash, back-off and log10 P when it is a word the model knows
 * or the sentence's start or end, 0 when there is nothing it can use.
 * *word is set for a word, whose bytes are [*b, *e).
 */
static int
side(const struct scan *sc, size_t pos, int dir, size_t *b, size_t *e,
    int *word, uint32_t *h, double *bo, double *lp)
{
	int ex, r = neighbour(sc, pos, dir, b, e, &ex);

	*word = r == NB_WORD;
	if (r == NB_WORD)
		return lm_word(sc->t, sc->s + *b, *e - *b, h, bo, lp);
	if (r == NB_NONE || ((sc->flags & TT_TYPO_LINE) && !ex))
		return 0;
	edge(&sc->t->d, dir, h, bo, lp);
	return 1;
}

/*
 * The words around s[start..end) for ranking its candidates: two before
 * it and two after, or the start and end of its sentence where it comes
 * first (sc->initial) or last.  A line of the ispell protocol is not taken
 * for a sentence: there only the words it has and its full stops count.
 */
static void
context(const struct scan *sc, size_t start, size_t end, tt_sctx *x)
{
	const tt_dictv *d = &sc->t->d;
	size_t b = 0, e = 0, b2, e2;
	double lp, bo, nbo = 0;
	unsigned p;
	int w = 0, w2;

	memset(x, 0, sizeof(*x));
	if (sc->initial) {
		if (!(sc->flags & TT_TYPO_LINE)) {
			x->prev = 1;
			edge(d, -1, &x->prevh, &x->prevbo, &lp);
		}
	} else
		x->prev = side(sc, start, -1, &b, &e, &w, &x->prevh,
		    &x->prevbo, &lp);
	if (x->prev && w && (x->prev2 = side(sc, b, -1, &b2, &e2, &w2,
	    &x->prev2h, &bo, &lp)) != 0) {
		tt_dict_pair(d, x->prev2h, x->prevh, &p);
		x->bo21 = -(double)p / 40;
	}
	x->next = side(sc, end, 1, &b, &e, &w, &x->nexth, &nbo, &x->nextlp);
	if (x->next && w && (x->next2 = side(sc, e, 1, &b2, &e2, &w2,
	    &x->next2h, &bo, &lp)) != 0) {
		/* log10 P(next2 | next) */
		p = tt_dict_pair(d, x->nexth, x->next2h, NULL);
		x->next2lp = p ? -(double)p / 20 : nbo + lp;
	}
}

/* Hand the hit on s[start..end) to the caller, with where it is. */
static void
emit(struct scan *sc, tt_typo_hit *h, size_t start, size_t end)
{
	h->start = start;
	h->end = end;
	h->line = sc->line;
	h->col = tt_utf8_count(sc->s + sc->linestart, start - sc->linestart) +
	    1;
	sc->hits++;
	if (sc->cb != NULL && sc->cb(h, sc->arg) != 0)
		sc->stop = 1;
}

/* Pass 1: count the sightings of w: once, twice, three times or more. */
static void
sighted(tt_typo *t, const char *w, size_t n)
{
	if (set_add(&t->seen, w, n) == 0 && set_add(&t->again, w, n) == 0)
		set_add(&t->often, w, n);
}

/* Pass 1: note the word at s[start..end) for pass 2; 0 if out of memory. */
static int
remember(struct scan *sc, size_t start, size_t end, int real)
{
	struct seenword *v;

	if (sc->nsw == sc->capsw) {
		size_t more = sc->capsw ? sc->capsw * 2 : 64;

		if ((v = realloc(sc->sw, more * sizeof(*v))) == NULL) {
			sc->err = TT_ENOMEM;
			sc->stop = 1;
			return 0;
		}
		sc->sw = v;
		sc->capsw = more;
	}
	v = &sc->sw[sc->nsw++];
	v->start = start;
	v->end = end;
	v->line = sc->line;
	v->linestart = sc->linestart;
	v->initial = sc->initial;
	v->title = sc->title;
	v->real = real;
	return 1;
}

/*
 * A word the dictionary has but running text seldom does: lowercase
 * letters only, in neither spelling list alone, not in the personal list,
 * and rarer than RW_RARE in the language model or unknown to it ("ane",
 * "wot", "fon").  Such a word may be a slip for a common one:
 * report_real() weighs it (RARE_RW).  If the model has never seen it,
 * SCOWL has it only among its rarest words and it is not a common word
 * with an ending ("harassments"), report_lone() weighs it too
 * (RARE_LONE: "positon", "stong", "belive").  A word SCOWL has only as a
 * less common spelling variant ("dependance", "heros") is both.
 */
static int
rare_slow(tt_typo *t, const char *w, size_t n)
{
	static const char *const ending[] = { "s", "es", "ly", "ally" };
	uint32_t off, o;
	size_t i, k, slot;
	unsigned f;

	if (n < RW_MINLEN || n >= TT_DICT_MAXWORD)
		return 0;
	for (i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return 0;
	if ((off = tt_dict_find(&t->d, w, n)) == 0 ||
	    (t->d.blob[off] & (TT_DICT_US | TT_DICT_GB)) ||
	    set_find(&t->personal, w, n, &slot))
		return 0;
	if (tt_dict_rarer(&t->d, off))
		return RARE_RW | RARE_LONE;
	f = tt_dict_freq(&t->d, off);
	if (f != 0)
		return f >= RW_RARE * 20 ? RARE_RW : 0;
	if ((t->d.blob[off] & TT_DICT_LEVEL) < LONE_LEVEL)
		return RARE_RW;
	for (i = 0; i < TT_NELEM(ending); i++) {
		k = strlen(ending[i]);
		if (n > k + 2 && memcmp(w + n - k, ending[i], k) == 0 &&
		    (o = tt_dict_find(&t->d, w, n - k)) != 0 &&
		    tt_dict_freq(&t->d, o) != 0)
			return RARE_RW;
	}
	return RARE_RW | RARE_LONE;
}

static int
rare(tt_typo *t, const char *w, size_t n)
{
	struct known_memo *m;

	if ((m = memo_of(t, w, n)) == NULL)
		return rare_slow(t, w, n);
	if (m->rare < 0)
		m->rare = (signed char)rare_slow(t, w, n);
	return m->rare;
}

/*
 * A rare word (rare()) that a word one slip away fits far better where it
 * stands: "hardened ane secure" is "hardened and secure".  Only a sure
 * case is reported, as a fix: the first candidate within RW_DIST, RW_GAIN
 * tenfolds likelier in context than the word as written and a likely word
 * there itself (RW_LP), leading the second clearly, and not the same word
 * inflected (failures, failure).
 */
static void
report_real(struct scan *sc, size_t start, size_t end)
{
	tt_typo *t = sc->t;
	const char *w = sc->s + start;
	size_t n = end - start, slot, m;
	double c1, c2, lp1, lw;
	int d1, level;
	tt_typo_hit h;
	tt_sctx ctx;
	uint32_t off = tt_dict_find(&t->d, w, n);

	if (off == 0 || set_find(&t->again, w, n, &slot))
		return;		/* used twice: meant */
	context(sc, start, end, &ctx);
	if (!ctx.prev || !ctx.next)
		return;
	lw = tt_suggest_logprob(&t->d, off, w, n, &ctx);
	memset(&h, 0, sizeof(h));
	h.nsugg = suggest(t, w, n, &ctx, 0, &c1, &c2, &d1, &lp1, &level);
	if (h.nsugg == 0 || d1 > RW_DIST || lp1 - lw < RW_GAIN ||
	    lp1 < RW_LP || c2 - c1 < RW_MARGIN || level > TT_DICT_SUGGEST_MAX)
		return;
	m = strlen(t->sp[0]);
	if (strncasecmp(t->sp[0], w, m < n ? m : n) == 0)
		return;		/* one is the other with an ending */
	h.sugg = t->sp;
	h.nsugg = 1;
	h.confidence = 0.9;
	h.fix = 1;
	emit(sc, &h, start, end);
}

/*
 * -a: a word of SCOWL's rarest lists that the model has never seen
 * (RARE_LONE), within LONE_DIST of a common word, is reported with its
 * suggestions, as aspell, whose lists stop at SCOWL 60, would: an editor
 * shows it and its user decides.  Never a fix.  1 if reported.
 */
static int
report_lone(struct scan *sc, size_t start, size_t end)
{
	double c1, c2, lp1;
	int d1, level;
	tt_typo_hit h;
	tt_sctx ctx;

	memset(&h, 0, sizeof(h));
	context(sc, start, end, &ctx);
	h.nsugg = suggest(sc->t, sc->s + start, end - start, &ctx, 0, &c1,
	    &c2, &d1, &lp1, &level);
	if (h.nsugg == 0 || d1 > LONE_DIST || level > LONE_SUGG)
		return 0;
	h.sugg = sc->t->sp;
	h.confidence = 0.3;
	emit(sc, &h, start, end);
	return 1;
}

static void
report(struct scan *sc, size_t start, size_t end)
{
	tt_typo *t = sc->t;
	const char *w = sc->s + start;
	size_t n = end - start, slot;
	double c1, c2, conf, lp1;
	int d1, level, cap, fix;
	tt_typo_hit h;
	tt_sctx ctx;
	int32_t cp;

	tt_utf8_decode(w, n, &cp);
	cap = tt_unicode_is_upper(cp);
	if (sc->pass == 1) {
		sc->unknown++;
		if (!remember(sc, start, end, 0))
			return;
		/* evidence: a name inside a sentence; words seen twice */
		if (cap && !sc->initial && !sc->title)
			set_add(&t->names, w, n);
		sighted(t, w, n);
		return;
	}
	if (cap && !sc->initial && !sc->title)
		return;		/* a name */
	if (cap && set_find(&t->names, w, n, &slot))
		return;		/* a name, as the text uses it elsewhere */
	if (cap && !sc->title && next_capitalized(sc, end))
		return;		/* "Tamsin Yeo, whose ...": a full name */

	memset(&h, 0, sizeof(h));
	context(sc, start, end, &ctx);
	h.nsugg = suggest(t, w, n, &ctx, 0, &c1, &c2, &d1, &lp1, &level);
	h.sugg = t->sp;
	/* dpkg, dpkg, dpkg: a word the text uses again and again, with no
	 * close correction, is jargon it means (a consistent misspelling
	 * of a word, recieve, recieve, recieve, is still reported) */
	if (!(sc->flags & TT_TYPO_LINE) && set_find(&t->often, w, n, &slot) &&
	    (h.nsugg == 0 || d1 > FIX_DIST_OFTEN))
		return;
	/* Confidence: the lead of the first candidate over the second,
	 * less for a first candidate far from the word. */
	conf = 0;
	if (h.nsugg > 0) {
		double margin = c2 - c1;

		if (margin > 1)
			margin = 1;
		conf = 0.5 + 0.6 * margin - 0.02 * d1;
		if (conf < 0)
			conf = 0;
		if (conf > 1)
			conf = 1;
	}
	h.confidence = conf;
	/* Fixed: a first candidate within FIX_DIST tenths of an edit that
	 * leads the second by FIX_MARGIN (more for a short word); never a
	 * change of case alone (linux, Linux: meant as written, often). */
	fix = h.nsugg > 0 && d1 > 0 && d1 <= FIX_DIST &&
	    c2 - c1 >= FIX_MARGIN && level <= TT_DICT_SUGGEST_MAX && n >= 3 &&
	    (n >= 4 || c2 - c1 >= FIX_MARGIN_SHORT);
	/* A capitalized word that opens a sentence may be a name that looks
	 * like a word (Persson, Vogel): only the surest fixes, except in a
	 * headline. */
	if (cap && !sc->title && (c2 - c1 < FIX_MARGIN_CAP ||
	    d1 > FIX_DIST_CAP))
		fix = 0;
	/* libapt -> leapt, distros -> distress: a correction a whole edit
	 * off that the model finds rare where it would stand is less likely
	 * than a word the dictionary lacks */
	if (lp1 < FIX_LP_FAR && d1 >= FIX_DIST_FAR)
		fix = 0;
	/* A word the text has twice is more likely meant, when capitalized,
	 * or when its correction is rare (frobnicator, fornicator); hte,
	 * hte is still the. */
	if (!(sc->flags & TT_TYPO_LINE) && (cap || lp1 < FIX_LP_AGAIN) &&
	    set_find(&t->again, w, n, &slot))
		fix = 0;
	h.fix = fix;
	/* A word in a text, not fixed, with nothing near: the far
	 * candidates are shown too (the decision to fix is taken without
	 * them; with them, the fix sets lost a fix).  A word alone has had
	 * them already. */
	if (!fix && tt_sctx_some(&ctx) && (h.nsugg == 0 ||
	    c1 * 10 > TT_SUGG_FAR_GATE))
		h.nsugg = suggest(t, w, n, &ctx, 1, &c1, &c2, &d1, &lp1,
		    &level);
	emit(sc, &h, start, end);
}

/* A compound the dictionary lacks: its wrong parts, one by one. */
static void
report_parts(struct scan *sc, size_t start, size_t end)
{
	const char *s = sc->s;
	size_t i, from = start;

	if (memchr(s + start, '-', end - start) == NULL) {
		report(sc, start, end);
		return;
	}
	for (i = start; i <= end && !sc->stop; i++)
		if (i == end || s[i] == '-') {
			if (i > from && !skip_word(s + from, i - from) &&
			    !known(sc->t, s + from, i - from))
				report(sc, from, i);
			from = i + 1;
		}
}

static void
ok_word(struct scan *sc, size_t start, size_t end)
{
	tt_typo_hit h;

	memset(&h, 0, sizeof(h));
	h.start = start;
	h.end = end;
	h.line = sc->line;
	h.col = tt_utf8_count(sc->s + sc->linestart, start - sc->linestart) + 1;
	h.ok = 1;
	if (sc->cb != NULL && sc->cb(&h, sc->arg) != 0)
		sc->stop = 1;
}

/* The words of chunk [from, to). */
static void
words(struct scan *sc, size_t from, size_t to)
{
	const char *s = sc->s;
	size_t i = from, k;

	while (i < to && !sc->stop) {
		size_t start, end, a;
		int digits = 0;

		if (!is_letter_at(s, to, i, &k)) {
			i += k ? k : 1;
			continue;
		}
		start = i;
		if (start > from && is_digit_at(s, start - 1))
			digits = 1;
		for (;;) {
			while (i < to && is_letter_at(s, to, i, &k))
				i += k;
			end = i;
			/* inner apostrophe or hyphen with a letter after */
			if (i < to && (a = apostrophe(s, to, i)) > 0 &&
			    i + a < to && is_letter_at(s, to, i + a, &k)) {
				i += a;
				continue;
			}
			if (i < to && s[i] == '-' && i + 1 < to &&
			    is_letter_at(s, to, i + 1, &k)) {
				i++;
				continue;
			}
			break;
		}
		if (i < to && is_digit_at(s, i))
			digits = 1;
		/* a trailing possessive apostrophe: "students'" */
		if (!digits && !skip_word(s + start, end - start) &&
		    !known(sc->t, s + start, end - start))
			report_parts(sc, start, end);
		else if (!digits && (sc->flags & TT_TYPO_LINE) &&
		    (rare(sc->t, s + start, end - start) & RARE_LONE) &&
		    report_lone(sc, start, end))
			;	/* reported */
		else if ((sc->flags & TT_TYPO_ALL) && sc->pass == 2)
			ok_word(sc, start, end);
		else if (!digits && sc->pass == 1 && !(sc->flags &
		    (TT_TYPO_LINE | TT_TYPO_ALL)) && (rare(sc->t, s + start,
		    end - start) & RARE_RW) && remember(sc, start, end, 1))
			sighted(sc->t, s + start, end - start);
		sc->initial = 0;
		while (i < to && is_digit_at(s, i))
			i++;
	}
}

/* Does the chunk end a sentence? */
static int
ends_sentence(const char *c, size_t n)
{
	static const char *const abbrev[] = {
		"Capt.", "Col.", "Dr.", "Gen.", "Gov.", "Jr.", "Lt.", "Mr.",
		"Mrs.", "Ms.", "Prof.", "Rep.", "Rev.", "Sen.", "Sgt.", "Sr.",
		"St.", "e.g.", "etc.", "i.e.", "vs."
	};
	size_t i;

	if (n == 0 || c[n - 1] != '.' || n > 5)
		goto punct;
	for (i = 0; i < TT_NELEM(abbrev); i++)
		if (abbrev[i][0] == c[0] && strlen(abbrev[i]) == n &&
		    memcmp(abbrev[i], c, n) == 0)
			return 0;
punct:
	while (n > 0 && (c[n - 1] == '"' || c[n - 1] == '\'' ||
	    c[n - 1] == ')' || c[n - 1] == ']' ||
	    ((unsigned char)c[n - 1] == 0x9d && n >= 3) ||
	    ((unsigned char)c[n - 1] == 0x99 && n >= 3)))
		n -= (unsigned char)c[n - 1] >= 0x80 ? 3 : 1;
	return n > 0 && (c[n - 1] == '.' || c[n - 1] == '!' ||
	    c[n - 1] == '?' || c[n - 1] == ':');
}

/*
 * Where a code span opened by the backticks at s[at] ends on its line, or
 * 0 if they open none.  Spans are `like this` (a run of backticks closed by
 * a run as long, as Markdown has them) and `like this' (one backtick
 * closed by an apostrophe that ends a word, as GNU and TeX texts quote
 * commands and files).  Neither crosses a line: a backtick that opens
 * none is a character of the text, and what follows it is checked.
 */
static size_t
code_end(const char *s, size_t at, size_t eol)
{
	size_t k = 0, q, r;

	while (at + k < eol && s[at + k] == '`')
		k++;
	/* Each run length that opens no span costs a look to the line's
	 * end, once (a later run as long would have closed it): a few such
	 * lengths at most keep a line of backticks linear. */
	if (k > 8)
		return 0;
	for (q = at + k; q < eol; q++) {
		if (s[q] == '`') {
			for (r = 0; q + r < eol && s[q + r] == '`'; r++)
				;
			if (r == k)
				return q + r;
			q += r - 1;
		} else if (k == 1 && s[q] == '\'' && q > at + 1 &&
		    !is_space_byte((unsigned char)s[q - 1]) && (q + 1 == eol ||
		    (!word_byte((unsigned char)s[q + 1]) && s[q + 1] != '`')))
			return q + 1;
	}
	return 0;
}

/* A line of three or more of f (` or ~) and nothing else but spaces: a
 * fence that closes a code block. */
static int
fence_line(const char *s, size_t a, size_t e, char f)
{
	size_t m = 0;

	while (a < e && s[a] == ' ')
		a++;
	while (a + m < e && s[a + m] == f)
		m++;
	if (m < 3)
		return 0;
	for (a += m; a < e && is_space_byte((unsigned char)s[a]); a++)
		;
	return a == e;
}

/*
 * Where the next closing fence of f starts, at or after from (n if there
 * is none), for fence_end(): the answer is kept in *memo, so that the
 * text is searched once over, however many blocks it opens.
 */
static size_t
next_fence(const char *s, size_t n, size_t from, char f, size_t *memo)
{
	size_t a, e;

	if (*memo != 0 && *memo - 1 >= from)
		return *memo - 1;
	for (a = from; a < n; a = e + 1) {
		for (e = a; e < n && s[e] != '\n'; e++)
			;
		if (fence_line(s, a, e, f))
			break;
	}
	if (a > n)
		a = n;
	*memo = a + 1;
	return a;
}

/* The end of the fenced code block (``` or ~~~, as Markdown has them)
 * opening at line [i, eol): the end of the next fence line of its kind;
 * 0 if the line opens none or nothing closes it (then it is text). */
static size_t
fence_end(const char *s, size_t i, size_t eol, size_t n, size_t memo[2])
{
	size_t k = 0, c;
	char f;

	while (i < eol && s[i] == ' ')
		i++;
	f = i < eol ? s[i] : 0;
	if (f != '`' && f != '~')
		return 0;
	while (i + k < eol && s[i + k] == f)
		k++;
	if (k < 3 || eol >= n)
		return 0;
	c = next_fence(s, n, eol + 1, f, &memo[f == '~']);
	if (c >= n)
		return 0;
	while (c < n && s[c] != '\n')
		c++;
	return c;
}

static void
scan_text(struct scan *sc)
{
	const char *s = sc->s;
	size_t i = 0, n = sc->len;
	int prev_blank = 1, prev_end = 1;
	size_t memo[2] = { 0, 0 };	/* fence_end()'s */

	sc->line = 1;
	while (i < n && !sc->stop) {
		size_t eol, j, code = 0, f;
		const char *nl = memchr(s + i, '\n', n - i);

		eol = nl != NULL ? (size_t)(nl - s) : n;
		if (!(sc->flags & TT_TYPO_LINE) &&
		    (f = fence_end(s, i, eol, n, memo)) != 0) {
			/* a code block: its lines are counted, not read */
			for (; i < f; i++)
				sc->line += s[i] == '\n';
			i = f + 1;
			sc->line++;
			prev_blank = 1;
			continue;
		}
		sc->linestart = i;
		sc->title = title_line(s + i, eol - i);
		/* A line opens a sentence after a blank line, after a line
		 * that ended one, and after a headline. */
		sc->initial = prev_blank || prev_end;
		j = i;
		while (j < eol && !sc->stop) {
			size_t c0, c1, q;

			while (j < eol && is_space_byte((unsigned char)s[j]))
				j++;
			c0 = j;
			while (j < eol && !is_space_byte((unsigned char)s[j]))
				j++;
			c1 = j;
			if (c1 == c0)
				break;
			if (c0 < code)
				continue;	/* inside a code span */
			{
				const char *bt = memchr(s + c0, '`', c1 - c0);

				q = bt != NULL ? (size_t)(bt - s) : c1;
			}
			if (q < c1 && (code = code_end(s, q, eol)) != 0)
				continue;
			if (!not_prose(s + c0, c1 - c0))
				words(sc, c0, c1);
			sc->initial = ends_sentence(s + c0, c1 - c0);
		}
		{
			size_t e = eol;

			while (e > i && is_space_byte((unsigned char)s[e - 1]))
				e--;
			prev_blank = e == i;
			prev_end = e > i && (ends_sentence(s + i, e - i) ||
			    sc->title);
		}
		i = eol + 1;
		sc->line++;
	}
}

int
tt_typo_check(tt_typo *t, const char *text, size_t len, int flags,
    tt_typo_cb *cb, void *arg, tt_err *e)
{
	struct scan sc;

	memset(&sc, 0, sizeof(sc));
	sc.t = t;
	sc.s = text;
	sc.len = len;
	sc.flags = flags;
	sc.cb = cb;
	sc.arg = arg;
	if (!(flags & TT_TYPO_LINE)) {
		set_free(&t->names);
		set_free(&t->seen);
		set_free(&t->again);
		set_free(&t->often);
		sc.pass = 1;
		scan_text(&sc);
		if (sc.err != 0) {
			free(sc.sw);
			return tt_seterr(e, sc.err, "out of memory");
		}
		if (!(flags & TT_TYPO_ALL)) {
			/* Pass 2 is only the words pass 1 did not know, now
			 * with the evidence of the whole text. */
			size_t i;

			sc.pass = 2;
			for (i = 0; i < sc.nsw && !sc.stop; i++) {
				sc.line = sc.sw[i].line;
				sc.linestart = sc.sw[i].linestart;
				sc.initial = sc.sw[i].initial;
				sc.title = sc.sw[i].title;
				if (sc.sw[i].real)
					report_real(&sc, sc.sw[i].start,
					    sc.sw[i].end);
				else
					report(&sc, sc.sw[i].start,
					    sc.sw[i].end);
			}
			free(sc.sw);
			return sc.hits > (size_t)INT32_MAX ? INT32_MAX :
			    (int)sc.hits;
		}
		free(sc.sw);
		sc.sw = NULL;
	}
	sc.pass = 2;
	sc.stop = 0;
	scan_text(&sc);
	return sc.hits > (size_t)INT32_MAX ? INT32_MAX : (int)sc.hits;
}

/* ------------------------------------------------------------ ispell -a */

struct ispell {
	tt_buf		*out;
	const char	*line;
	size_t		 base;		/* 1 when the line came with '^' */
	int		 terse;
};

static int
on_ispell(const tt_typo_hit *h, void *arg)
{
	struct ispell *p = arg;
	size_t i, off = p->base + tt_utf8_count(p->line, h->start);

	if (h->ok) {
		if (!p->terse)
			tt_buf_puts(p->out, "*\n");
		return 0;
	}
	tt_buf_puts(p->out, h->nsugg == 0 ? "# " : "& ");
	tt_buf_append(p->out, p->line + h->start, h->end - h->start);
	tt_buf_putc(p->out, ' ');
	if (h->nsugg > 0) {
		tt_buf_putu(p->out, h->nsugg);
		tt_buf_putc(p->out, ' ');
	}
	tt_buf_putu(p->out, off);
	for (i = 0; i < h->nsugg; i++) {
		tt_buf_puts(p->out, i ? ", " : ": ");
		tt_buf_puts(p->out, h->sugg[i]);
	}
	tt_buf_putc(p->out, '\n');
	return 0;
}

/* The first characters of the protocol's commands (below). */
int
tt_typo_ispell_command(const char *s, size_t n)
{
	return n > 0 && s[0] != '\0' && strchr("!%*&@#+-~", s[0]) != NULL;
}

/*
 * The ispell pipe protocol as aspell and hunspell speak it: per line of
 * text, "*" for each correct word (not in terse mode), "& word count
 * offset: s1, s2" or "# word offset" for each wrong one, and an empty
 * line.  "^text" is text; "*word" and "&word" add word to the personal
 * list, "@word" accepts it for the session, "#" saves the list, "!" and
 * "%" turn terse mode on and off; "+", "-" and "~" set modes ispell has
 * for TeX and are accepted and ignored.  Offsets count characters from
 * the start of the line as it came, '^' included, as ispell's do.
 */
int
tt_typo_ispell(tt_typo *t, const char *s, size_t n, int *terse,
    tt_buf *added, tt_buf *out)
{
	struct ispell p;
	int r;

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (tt_typo_ispell_command(s, n)) {
		switch (s[0]) {
		case '!':
			*terse = 1;
			return 0;
		case '%':
			*terse = 0;
			return 0;
		case '*':
		case '&':
			if (n > 1 && n - 1 < TT_DICT_MAXWORD &&
			    memchr(s + 1, '\0', n - 1) == NULL) {
				if ((r = tt_typo_accept(t, s + 1, n - 1)) < 0)
					return r;
				tt_buf_append(added, s + 1, n - 1);
				tt_buf_putc(added, '\n');
			}
			return 0;
		case '@':
			if (n > 1 && n - 1 < TT_DICT_MAXWORD &&
			    memchr(s + 1, '\0', n - 1) == NULL &&
			    (r = tt_typo_accept(t, s + 1, n - 1)) < 0)
				return r;
			return 0;
		case '#':
			return 1;
		case '+': case '-': case '~':
			return 0;
		}
	}
	memset(&p, 0, sizeof(p));
	if (n > 0 && s[0] == '^')
		s++, n--, p.base = 1;
	p.out = out;
	p.line = s;
	p.terse = *terse;
	r = tt_typo_check(t, s, n, TT_TYPO_LINE | (*terse ? 0 : TT_TYPO_ALL),
	    on_ispell, &p, NULL);
	tt_buf_putc(out, '\n');
	return r < 0 ? r : 0;
}

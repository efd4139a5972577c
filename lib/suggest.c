/*
 * suggest.c: correction candidates for a word the dictionary lacks.
 *
 * Candidates come from the dictionary's deletion index: a word within
 * two edits of the misspelling shares a key with it once one letter is
 * taken from each (a substitution, a transposition), or up to two from
 * the misspelling and one from the word (insertions), or one from the word
 * (an omission); the commonest words are indexed with two letters out as
 * well, for the misspellings two letters short of them.  Words that sound
 * alike come from the index of consonant skeletons: the same skeleton,
 * the misspelling's with a sound dropped, and when nothing near has been
 * found, the skeletons of words with one of their sounds dropped (a sound
 * the misspelling lacks, or has another in its place).  Each is ranked
 * by an error model, a weighted Damerau-Levenshtein distance in which the
 * mistakes people make cost less (a neighbouring key, a vowel for a vowel,
 * a doubled or undoubled letter, two letters swapped, a sound spelled
 * another way: "fonetic", "nife") and the first letter costs more, plus
 * the word's improbability where it stands (logprob()
 * below: a language model's n-grams with the words around it, or its
 * frequency alone) and, for a name or an abbreviation offered for a
 * lowercase word, a little more.
 */
#include <math.h>
#include <stdint.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tt_int.h"
#include "dict.h"

#define MAXCAND		4096	/* distinct candidates looked at */
#define MAXCOST		2.6
#ifndef C_VOWEL
#define C_VOWEL		0.5	/* a vowel for a vowel */
#define C_ADJ		0.8	/* a neighbouring key */
#define C_DOUBLE	0.1	/* a letter doubled or undoubled */
#define C_VOWEL_INDEL	0.5	/* a vowel added or dropped */
#define C_OMIT		0.4	/* times that for a letter left out, */
#define C_EXTRA		1.3	/* ... and for a letter put in too many */
#define C_SWAP		0.5	/* two letters swapped */
#define C_SOUND		0.3	/* c for k or s, s for z */
#endif
#define C_FIRST		0.4	/* more for a mistake in the first letter */
#define C_OTHER		0.6	/* the other side of the Atlantic's spelling */
#define C_CAP		0.7	/* a name for a lowercase word */
#define C_ABBR		0.5	/* an abbreviation */
#define MAXCOST_SKEL	3.7
#define SKEL_TAKE	50	/* the commonest words of a skeleton looked at, */
#define SKEL_ALONE	20	/* ... for a word without neighbours, */
#define SKEL_ALONE1	5	/* ... with a sound of it dropped */
/* Skeletons a sound apart (dict.h's skel1) are looked at when the best
 * candidate so far costs more than S1_GATE tenths: the commonest S1_TAKE
 * words with a sound the misspelling lacks, S1_TAKE2 for each sound it
 * may have in place of another. */
#define S1_GATE		20
#define S1_TAKE		10
#define S1_TAKE2	5
#define S1_GATE_ALONE	15	/* ... for a word alone, with nothing else */
#define C_PHON		0.2	/* a word alone: its sound (by_sound()), */
#define PHON_CAP	30	/* ... up to so far apart (tenths), */
#define BYSOUND_K	8	/* ... for the first so many candidates */
#ifndef FREQ_WEIGHT
#define FREQ_WEIGHT	0.35	/* cost of each tenfold of rarity */
#define FREQ_FLOOR	2.9	/* -log10 P below which all are alike */
#define FREQ_WEIGHT_CTX	0.4	/* the same in context */
#define FREQ_FLOOR_CTX	0.0	/* (where P(next) divides) */
#endif

/* Neighbours on a QWERTY keyboard: row and column of each letter. */
static int
adjacent(int a, int b)
{
	static const signed char row[26] = {
		1, 2, 2, 1, 0, 1, 1, 1, 0, 1, 1, 1, 2, 2, 0, 0, 0, 0, 1, 0, 0,
		2, 0, 2, 0, 2
	};
	static const signed char col[26] = {
		0, 4, 2, 2, 2, 3, 4, 5, 7, 6, 7, 8, 6, 5, 8, 9, 0, 3, 1, 4, 6,
		3, 1, 1, 5, 0
	};
	int ra, rb, ca, cb;

	if (a < 'a' || a > 'z' || b < 'a' || b > 'z')
		return 0;
	ra = row[a - 'a'], rb = row[b - 'a'];
	ca = col[a - 'a'], cb = col[b - 'a'];
	/* a lower row sits half a key to the right of the one above */
	return (ra == rb && (ca - cb == 1 || cb - ca == 1)) ||
	    ((ra - rb == 1 || rb - ra == 1) && (ca == cb || ca - cb ==
	    (ra > rb ? -1 : 1)));
}

static double
sub_cost(int a, int b)
{
	if (a == b)
		return 0;
	if (tt_dict_vowel(a) && tt_dict_vowel(b))
		return C_VOWEL;
	if (adjacent(a, b))
		return C_ADJ;
	/* sounds alike */
	if ((a == 'c' && (b == 'k' || b == 's')) || (b == 'c' && (a == 'k' ||
	    a == 's')) || (a == 's' && b == 'z') || (a == 'z' && b == 's'))
		return C_SOUND;
	return 1.0;
}

/* Inserting or dropping c where it doubles no letter beside it (a doubled
 * letter costs C_DOUBLE: side_make() and distance() see to that). */
static double
indel_cost(int c)
{
	return tt_dict_vowel(c) ? C_VOWEL_INDEL : 1.0;
}

/* Costs are added up in tenths, as integers: exact, and ties stay ties. */
#define TENTHS(x)	((int)((x) * 10 + 0.5))

/*
 * Spellings of one sound: a misspelling that has one where its word has
 * another ("fonetic", "nacher", "kwik", "nite") costs C_SPELL for the
 * pair, not the letters' substitutions and insertions one by one.  In a
 * set of EACH, any spelling may stand for any other; of HUB, the first
 * for the others and they for it ("practicle" for practical, but not
 * "fully" for "fally"); of FROM, the first for the others only, as the
 * sound is written when its silent or rarer letters are not known ("nife"
 * for knife, but not "wrold" for role).
 */
#ifndef C_SPELL
#define C_SPELL		0.3
#endif
enum { EACH, HUB, FROM };
static const struct {
	int		 how;
	const char	*s[6];
} spellings[] = {
	{ EACH, { "f", "ph" } },		/* fonetic */
	{ FROM, { "f", "gh" } },		/* enuf */
	{ FROM, { "k", "ch", "ck" } },		/* karacter, bak */
	{ FROM, { "r", "wr" } },		/* rite */
	{ FROM, { "kw", "qu" } },		/* kwik */
	{ FROM, { "ks", "x" } },		/* boks */
	{ EACH, { "sh", "ti", "ci", "si", "ch" } },	/* stashun, speshal */
	{ EACH, { "ch", "tch", "tu" } },	/* kich, nacher */
	{ EACH, { "j", "g", "dg" } },		/* jem, juj */
	{ FROM, { "n", "kn", "gn" } },		/* nife, sine */
	{ FROM, { "m", "mb", "mn" } },		/* lam, autum */
	{ FROM, { "s", "sc", "ps" } },		/* sience */
	{ FROM, { "w", "wh" } },		/* wen */
	{ FROM, { "i", "igh" } },		/* nite */
	{ EACH, { "ou", "ow" } },		/* crowd, cloud */
	{ EACH, { "au", "aw" } },
	{ EACH, { "ie", "ei" } },		/* theif, recieve */
	{ FROM, { "o", "ough", "ow" } },	/* tho */
	{ FROM, { "u", "ough", "oo" } },	/* thru */
	{ FROM, { "uf", "ough" } },		/* ruf */
	{ FROM, { "af", "augh" } },		/* laf */
	{ HUB, { "le", "al", "il", "ol", "ul" } },	/* practicle */
};

/* The spellings as patterns (a bit each of a 64-bit mask) and, for each,
 * those it may stand for, filled by tab_fill(). */
#define MAXPAT		64
static char		 pat[MAXPAT][5];
static unsigned char	 patlen[MAXPAT];
static int		 npat;
/* patterns by their last two letters (letter() of each: 0 for none or
 * another byte), the longer ones to be looked at further */
static uint64_t		 bytwo[27][27], longer;
static unsigned char	 letidx[256];	/* letter() of each byte */
static uint64_t		 partner[MAXPAT];	/* what each may stand for */

/* sub_cost() of two bytes in tenths, worked out once (by tt_suggest() and
 * tt_typo_distance() before they call distance()): subtab as it stands,
 * subfirst with what a mistake in the first letter adds unless the key
 * was a neighbour.  A byte of UTF-8 is a letter of its own: 0 for itself,
 * 10 for any other.  lowtab lowercases ASCII; extratab and omittab are
 * indel_cost() of a letter next to others, in tenths, for a letter the
 * misspelling has and its word lacks (C_EXTRA times) and for one it
 * leaves out (C_OMIT times): the people who make the mistakes most far
 * from their words leave letters out more than they put them in. */
static unsigned char	subtab[256][256];
static unsigned char	subfirst[256][256];
static unsigned char	lowtab[256], deltab[256];
static unsigned char	extratab[256], omittab[256];
static pthread_once_t	tab_once = PTHREAD_ONCE_INIT;

/* 1 to 26 for a lowercase ASCII letter, else 0. */
static inline int
letter(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 1 : 0;
}

static int
pattern(const char *w)
{
	size_t n;
	int k;

	for (k = 0; k < npat; k++)
		if (strcmp(pat[k], w) == 0)
			return k;
	strcpy(pat[npat], w);
	n = strlen(w);
	patlen[npat] = (unsigned char)n;
	for (k = 0; k < 27; k++)
		if (n == 1 || k == letter((unsigned char)w[n - 2]))
			bytwo[k][letter((unsigned char)w[n - 1])] |=
			    (uint64_t)1 << npat;
	if (n > 2)
		longer |= (uint64_t)1 << npat;
	return npat++;
}

/* spellings[] as patterns and their partners. */
static void
spell_fill(void)
{
	size_t r, i, j, nr = sizeof(spellings) / sizeof(spellings[0]);

	for (r = 0; r < nr; r++)
		for (i = 0; i < 6 && spellings[r].s[i] != NULL; i++)
			for (j = 0; j < 6 && spellings[r].s[j] != NULL; j++) {
				if (i == j || (spellings[r].how != EACH &&
				    i > 0 && j > 0) || (spellings[r].how ==
				    FROM && i > 0) || npat + 2 > MAXPAT)
					continue;	/* (the table holds all) */
				partner[pattern(spellings[r].s[i])] |=
				    (uint64_t)1 << pattern(spellings[r].s[j]);
			}
}

static void
tab_fill(void)
{
	int a, b;

	memset(subtab, TENTHS(1.0), sizeof(subtab));
	memset(subfirst, TENTHS(1.0) + TENTHS(C_FIRST), sizeof(subfirst));
	for (a = 0; a < 256; a++) {
		subtab[a][a] = subfirst[a][a] = 0;
		lowtab[a] = (unsigned char)tt_ascii_lower(a);
		extratab[a] = (unsigned char)TENTHS(indel_cost(a) * C_EXTRA);
		omittab[a] = (unsigned char)TENTHS(indel_cost(a) * C_OMIT);
		deltab[a] = (unsigned char)TENTHS(indel_cost(a));
	}
	for (a = 0; a < 128; a++)
		for (b = 0; b < 128; b++) {
			subtab[a][b] = (unsigned char)TENTHS(sub_cost(a, b));
			subfirst[a][b] = (unsigned char)(subtab[a][b] +
			    (a != b && !adjacent(a, b) ? TENTHS(C_FIRST) : 0));
		}
	for (a = 0; a < 256; a++)
		letidx[a] = (unsigned char)letter(a);
	spell_fill();
}

/* One side of distance(), prepared once: the misspelling for all its
 * candidates (its letters dropped cost extratab[]), or a candidate (its
 * letters inserted cost omittab[]). */
struct side {
	int		n;
	/* lowercased bytes from c[1]; c[0] is none, so that no swap is
	 * seen before the first letter */
	int		c[TT_DICT_MAXWORD + 1];
	/* what dropping c[i] costs when the letter across differs: C_DOUBLE
	 * after the same letter, else the side's table (a letter doubling
	 * the one across is C_DOUBLE too, in distance()) */
	int		del[TT_DICT_MAXWORD + 1];
	int		edge[TT_DICT_MAXWORD + 1];	/* c[1..i] dropped */
	/* the spellings' patterns that end at c[i] (of those asked for) */
	uint64_t	ends[TT_DICT_MAXWORD + 1];
	uint64_t	all;		/* the patterns of ends[], together */
	int		reach;		/* rows a path may skip, plus one */
	/* for the misspelling (wanted()): what the patterns of ends[i] may
	 * stand for, and of all; 0 until then */
	uint64_t	wants[TT_DICT_MAXWORD + 1];
	uint64_t	want;
};

/* 0 if w is too long to be measured.  Of the spellings' patterns, those
 * of want are looked for. */
static int
side_make(struct side *s, const char *w, size_t n,
    const unsigned char *indel, uint64_t want)
{
	const int dbl = TENTHS(C_DOUBLE), first1 = TENTHS(C_FIRST);
	int i, m = (int)n, li, lp = 0;
	uint64_t f;

	if (n > TT_DICT_MAXWORD)
		return 0;
	s->n = m;
	s->c[0] = -1;
	s->all = s->want = 0;
	s->reach = 2;
	for (i = 1; i <= m; i++) {
		uint64_t e = 0;

		s->c[i] = lowtab[(unsigned char)w[i - 1]];
		s->del[i] = s->c[i] == s->c[i - 1] ? dbl : indel[s->c[i]];
		li = letidx[s->c[i]];
		e = want & bytwo[lp][li];
		lp = li;
		for (f = e & longer; f != 0; f &= f - 1) {
			int k = __builtin_ctzll(f), l = patlen[k], t;

			for (t = 2; t < l && t < i && s->c[i - t] ==
			    (unsigned char)pat[k][l - 1 - t]; t++)
				;
			if (t < l)
				e &= ~((uint64_t)1 << k);
			else if (l > s->reach)
				s->reach = l;
		}
		s->ends[i] = e;
		s->all |= e;
	}
	s->edge[0] = 0;
	for (i = 1; i <= m; i++)
		s->edge[i] = s->edge[i - 1] + (i < m && s->c[i + 1] == s->c[i] ?
		    dbl : s->del[i]) + (i == 1 ? first1 : 0);
	return 1;
}

static int	distance(const struct side *, const struct side *, int);

/* The misspelling's side: what its spellings may stand for, by row and
 * together (distance() looks at the candidates that have one of them). */
static void
wanted(struct side *s)
{
	uint64_t e;
	int i;

	for (i = 1; i <= s->n; i++) {
		s->wants[i] = 0;
		for (e = s->ends[i]; e != 0; e &= e - 1)
			s->wants[i] |= partner[__builtin_ctzll(e)];
		s->want |= s->wants[i];
	}
}

double
tt_typo_distance(const char *a, size_t an, const char *b, size_t bn)
{
	struct side sa, sb;

	pthread_once(&tab_once, tab_fill);
	if (!side_make(&sa, a, an, deltab, ~(uint64_t)0))
		return 99;
	wanted(&sa);
	if (!side_make(&sb, b, bn, deltab, sa.want))
		return 99;
	return distance(&sa, &sb, INT16_MAX) / 10.0;
}

/*
 * The weighted distance in tenths, or more than limit (tenths) as soon as
 * it must be: a Damerau-Levenshtein table kept ROWS rows at a time (a
 * swap looks two back, a spelling of a sound as many as it has letters),
 * the first row and column costing C_FIRST more.
 */
#define ROWS	8		/* more than the longest pattern, a power of 2 */

/* v, or less where one of the spellings a has ending at row i (am) and b
 * has ending at column j (bm) stands for the other. */
static inline int
spelled(int (*rows)[TT_DICT_MAXWORD + 1], int i, int j, uint64_t am,
    uint64_t bm, int v)
{
	const int cost = TENTHS(C_SPELL);
	uint64_t f;

	for (; am != 0; am &= am - 1) {
		int k = __builtin_ctzll(am), w;
		const int *r = rows[(i - patlen[k]) & (ROWS - 1)];

		for (f = partner[k] & bm; f != 0; f &= f - 1)
			if ((w = r[j - patlen[__builtin_ctzll(f)]] + cost) < v)
				v = w;
	}
	return v;
}

/* Row i of distance()'s table, q, from rows i - 1 (p) and i - 2 (pp);
 * with spell, spelled() is asked too; first: i is 1, where a mistake
 * costs C_FIRST more.  Returns the row's least cost. */
static inline __attribute__((always_inline)) int
row(const struct side *a, const struct side *b,
    int (*rows)[TT_DICT_MAXWORD + 1], const int *pp, const int *p, int *q,
    int i, const int spell, const int first)
{
	const int dbl = TENTHS(C_DOUBLE), swap = TENTHS(C_SWAP);
	const int first1 = TENTHS(C_FIRST), fi = first ? first1 : 0;
	const int *bc = b->c, *bd = b->del;
	const uint64_t *be = b->ends;
	int x = a->c[i], px = a->c[i - 1], dx = a->del[i] + fi;
	int bn = b->n, j, y = bc[1], v, w, rowmin;
	const unsigned char *sr = first ? subfirst[x] : subtab[x];
	/* the spellings ending here, and what the candidate has of what
	 * they may stand for */
	uint64_t am = spell ? a->ends[i] : 0;
	uint64_t bw = spell ? a->wants[i] & b->all : 0;

	q[0] = rowmin = a->edge[i];
	/* the first column, where a mistake in the first letter costs
	 * more: apart from the loop, as choosing per cell cost a fifth
	 * more instructions */
	v = p[0] + subfirst[x][y];
	if ((w = p[1] + (x == y ? dbl : dx - fi) + first1) < v)
		v = w;
	if ((w = q[0] + (y == x ? dbl : bd[1]) + first1) < v)
		v = w;
	if (spell && (bw & be[1]))
		v = spelled(rows, i, 1, am, be[1], v);
	q[1] = v;
	if (v < rowmin)
		rowmin = v;
	/* (c[0] is none: no swap is seen in the first row) */
	for (j = 2; j <= bn; j++) {
		int left = v;

		y = bc[j];
		v = p[j - 1] + sr[y];
		/* a has a letter b lacks */
		if ((w = p[j] + (x == y ? dbl + fi : dx)) < v)
			v = w;
		/* b has a letter a lacks */
		if ((w = left + (y == x ? dbl : bd[j]) + fi) < v)
			v = w;
		/* two letters swapped */
		if (!first && px == y && x == bc[j - 1] && x != y &&
		    (w = pp[j - 2] + swap) < v)
			v = w;
		/* one sound spelled another way */
		if (spell && (bw & be[j]))
			v = spelled(rows, i, j, am, be[j], v);
		q[j] = v;
		if (v < rowmin)
			rowmin = v;
	}
	return rowmin;
}

/* distance(), with spelled() asked or not: two copies, as the test in
 * every cell of the words with no spelling in common cost more than the
 * spellings of the others. */
static inline __attribute__((always_inline)) int
table(const struct side *a, const struct side *b, int limit,
    const int spell)
{
	int rows[ROWS][TT_DICT_MAXWORD + 1];
	int *pp, *p, *q, *t;
	int an = a->n, bn = b->n, i, j, over = 0, rowmin;
	/* every path goes through one of any reach rows in a row (a swap
	 * skips one, a spelling one fewer than its letters) */
	int reach = spell ? a->reach : 2;

	if (an == 0)
		return b->edge[bn];
	if (bn == 0)
		return a->edge[an];
	/* rows i - 2, i - 1 and i: the last three of ROWS in turn */
	pp = rows[ROWS - 1], p = rows[0], q = rows[1];
	for (j = 0; j <= bn; j++)
		p[j] = b->edge[j];
	for (i = 1; i <= an; i++) {
		rowmin = i == 1 ? row(a, b, rows, pp, p, q, i, spell, 1) :
		    row(a, b, rows, pp, p, q, i, spell, 0);
		/* when reach rows in a row are past the limit, stop */
		if (rowmin <= limit)
			over = 0;
		else if (++over >= reach)
			return rowmin;
		t = spell ? rows[(i + 1) & (ROWS - 1)] : pp;
		pp = p, p = q, q = t;
	}
	return p[bn];
}

static int
distance(const struct side *a, const struct side *b, int limit)
{
	return a->want & b->all ? table(a, b, limit, 1) : table(a, b, limit,
	    0);
}

/* The candidates looked at for one word: a table a thread reuses, a slot
 * holding something only when stamped with the present word's round, so
 * a word starts with an empty set without clearing 64 KiB. */
struct seen {
	uint32_t	 v[MAXCAND * 2];	/* off */
	uint32_t	 round[MAXCAND * 2];
	uint32_t	 now;
	size_t		 n;
};

static _Thread_local struct seen seen;

static struct seen *
seen_start(void)
{
	struct seen *s = &seen;

	if (++s->now == 0) {
		memset(s->round, 0, sizeof(s->round));
		s->now = 1;
	}
	s->n = 0;
	return s;
}

/* Add off to the set; 0 if it was there (or the set is full). */
static int
see(struct seen *s, uint32_t off)
{
	size_t h = (off * 2654435761u) & (MAXCAND * 2 - 1);

	if (s->n >= MAXCAND)
		return 0;
	while (s->round[h] == s->now) {
		if (s->v[h] == off)
			return 0;
		h = (h + 1) & (MAXCAND * 2 - 1);
	}
	s->v[h] = off;
	s->round[h] = s->now;
	s->n++;
	return 1;
}

/* ctx, or NULL when it has no neighbour to weigh candidates by. */
static const tt_sctx *
some_context(const tt_sctx *ctx)
{
	return tt_sctx_some(ctx) ? ctx : NULL;
}

struct ctx {
	const tt_dictv	*v;
	int		 lang, cap;
	const tt_sctx	*ctx;		/* NULL: the word stands alone */
	struct side	 mis;		/* the word, for distance() */
	const unsigned char *omit;	/* the candidates' indel costs */
	int		 maxcost;	/* tenths */
	double		 far;		/* C_FAR for a far candidate */
	tt_sugg		*out;
	size_t		 max, nout;
	struct seen	*seen;
};

/*
 * log10 of the candidate's probability where it stands: the language
 * model's unigram, or for a word it lacks a guess from its SCOWL level;
 * with a context, as the model scores the window around it, over what it
 * gives the words after without the candidate:
 *   P(cand | prev2 prev) P(next | prev cand) / P(next)
 *   P(next2 | cand next) / P(next2 | next),
 * each n-gram the model lacks backed off to the shorter one.
 */
static double
logprob(const struct ctx *c, uint32_t off, const char *cand, size_t cn,
    unsigned info)
{
	const tt_sctx *x = c->ctx;
	const tt_dictv *v = c->v;
	unsigned f = tt_dict_freq(v, off), p, bo1 = 0, boc = 0, t;
	double lp = -(double)tt_dict_rarity(f, info) / 20, left, right = 0,
	    bi;
	char low[TT_DICT_MAXWORD];
	uint32_t h;
	size_t i;

	if (x == NULL)
		return lp;
	left = x->prev ? (x->prev2 ? x->bo21 : 0) + x->prevbo + lp : lp;
	if (f == 0 || cn >= sizeof(low))
		return left;
	for (i = 0; i < cn; i++)
		low[i] = (char)tt_ascii_lower((unsigned char)cand[i]);
	h = tt_dict_hash(low, cn);
	if (x->prev) {
		/* P(cand | prev), and the back-off of "prev cand" */
		p = tt_dict_pair(v, x->prevh, h, &bo1);
		bi = p ? -(double)p / 20 : x->prevbo + lp;
		if (x->prev2 && (t = tt_dict_tri(v, x->prev2h, x->prevh,
		    h)) != 0)
			left = -(double)t / 20;
		else
			left = (x->prev2 ? x->bo21 : 0) + bi;
	}
	if (x->next) {
		/* P(next | cand), and the back-off of "cand next" */
		p = tt_dict_pair(v, h, x->nexth, &boc);
		bi = p ? -(double)p / 20 : -(double)tt_dict_backoff(v, off) /
		    40 + x->nextlp;
		if (x->prev && (t = tt_dict_tri(v, x->prevh, h, x->nexth)) !=
		    0)
			right = -(double)t / 20;
		else
			right = (x->prev ? -(double)bo1 / 40 : 0) + bi;
		right -= x->nextlp;
		if (x->next2) {
			if ((t = tt_dict_tri(v, h, x->nexth, x->next2h)) != 0)
				right += -(double)t / 20 - x->next2lp;
			else
				right += -(double)boc / 40;
		}
	}
	return left + right;
}

double
tt_suggest_logprob(const tt_dictv *v, uint32_t off, const char *w, size_t n,
    const tt_sctx *ctx)
{
	struct ctx c;

	memset(&c, 0, sizeof(c));
	c.v = v;
	c.ctx = some_context(ctx);
	return logprob(&c, off, w, n, v->blob[off]);
}

/* extra with what a candidate of info costs besides its spelling and
 * its probability. */
static double
extras(const struct ctx *c, unsigned info, double extra)
{
	extra += c->far;
	/* the other side of the Atlantic's spelling comes after */
	if ((info & TT_DICT_GB) && c->lang == TT_LANG_US)
		extra += C_OTHER;
	if ((info & TT_DICT_US) && c->lang == TT_LANG_GB)
		extra += C_OTHER;
	if ((info & TT_DICT_CAP) && !c->cap)
		extra += C_CAP;
	if (info & TT_DICT_ABBR)
		extra += C_ABBR;
	return extra;
}

/* The most distance a candidate costing extra besides may have: once the
 * list is full, it must beat the last, and the distance can stop as soon
 * as it cannot. */
static double
bound(const struct ctx *c, double extra)
{
	double limit = c->maxcost / 10.0;
	const tt_sugg *last = &c->out[c->max - 1];

	if (c->nout == c->max && last->cost - extra < limit)
		limit = last->cost - extra;
	return limit;
}

/* Does s come after a candidate costing cost (tenths) at distance tie?
 * Of two equal costs the closer spelling comes first. */
static int
after(const tt_sugg *s, int cost, int tie)
{
	return s->cost10 > cost || (s->cost10 == cost && s->tie > tie);
}

static void
consider(struct ctx *c, uint32_t off)
{
	unsigned info;
	const char *cand;
	size_t cn, k;
	double extra, limit, lp = 0;
	int dist, cost;
	tt_sugg *last = &c->out[c->max - 1];
	struct side cs;

	if (!see(c->seen, off))
		return;
	cand = tt_dict_word(c->v, off, &info);
	cn = tt_dict_len(c->v, off);
	if (cn + 3 < (size_t)c->mis.n || cn > (size_t)c->mis.n + 3)
		return;
	/* In a context the model's look-ups cost more than the distance:
	 * the distance first, against the bound of a candidate the model
	 * would cost nothing (its share is never below zero). */
	if (c->ctx == NULL) {
		lp = logprob(c, off, cand, cn, info);
		extra = extras(c, info, FREQ_WEIGHT * (-lp > FREQ_FLOOR ? -lp -
		    FREQ_FLOOR : 0));
	} else
		extra = extras(c, info, 0);
	limit = bound(c, extra);
	if (!side_make(&cs, cand, cn, c->omit, c->mis.want))
		return;
	dist = distance(&c->mis, &cs, (int)floor(limit * 10 + 1e-6));
	if (dist / 10.0 > limit)
		return;
	if (c->ctx != NULL) {
		lp = logprob(c, off, cand, cn, info);
		extra = extras(c, info, FREQ_WEIGHT_CTX * (-lp >
		    FREQ_FLOOR_CTX ? -lp - FREQ_FLOOR_CTX : 0));
		if (dist / 10.0 > bound(c, extra))
			return;
	}
	/* in tenths, exactly: of two equal costs the closer spelling comes
	 * first, not the one a rounding error favours */
	cost = dist + TENTHS(extra);
	/* keep the best max, sorted */
	if (c->nout == c->max && !after(last, cost, dist))
		return;
	k = c->nout < c->max ? c->nout++ : c->max - 1;
	while (k > 0 && after(&c->out[k - 1], cost, dist)) {
		c->out[k] = c->out[k - 1];
		k--;
	}
	c->out[k].off = off;
	c->out[k].cost10 = cost;
	c->out[k].cost = cost / 10.0;
	c->out[k].tie = dist;
	c->out[k].lp = lp;
}

/*
 * Keys are looked up a batch at a time, in stages, each stage starting
 * the next one's loads from memory for every key before it waits for any
 * (the bloom filter's word, the bucket, the keys and offsets, the words
 * themselves): the indexes are far larger than the cache, and a key at a
 * time spent most of its time waiting.  The candidates are considered in
 * the order one look-up after another would take them.
 */
#define BATCH	64

/* One of the dictionary's indexes (dict.h): keys sorted, each with a
 * word's offset, and buckets by the keys' top bits. */
struct index {
	const uint32_t	*keys, *offs, *buck;
	int		 bits;
	const uint32_t	*bloom;		/* or NULL */
};

struct batch {
	const struct index *ix;
	uint32_t	 h[BATCH], take[BATCH];
	uint32_t	 lo[BATCH], hi[BATCH];
	size_t		 n;
};

static void	flush(struct ctx *, struct batch *);

/* Look up key[0..n) in b's index, taking its first take words. */
static void
add_key(struct ctx *c, struct batch *b, const char *key, size_t n,
    uint32_t take)
{
	uint32_t h = tt_dict_hash(key, n);

	if (b->ix->bloom != NULL)
		__builtin_prefetch(&b->ix->bloom[(h & (TT_DICT_BLOOM - 1)) /
		    32]);
	else
		__builtin_prefetch(&b->ix->buck[h >> (32 - b->ix->bits)]);
	b->take[b->n] = take;
	b->h[b->n++] = h;
	if (b->n == BATCH)
		flush(c, b);
}

static void
flush(struct ctx *c, struct batch *b)
{
	const struct index *ix = b->ix;
	size_t i, m = 0;
	uint32_t j;

	/* the keys the filter lets through, their buckets on the way */
	for (i = 0; i < b->n; i++) {
		uint32_t h = b->h[i], bit = h & (TT_DICT_BLOOM - 1);

		if (ix->bloom != NULL) {
			if (!(ix->bloom[bit / 32] & (1u << (bit % 32))))
				continue;	/* most insertions are not */
			__builtin_prefetch(&ix->buck[h >> (32 - ix->bits)]);
		}
		b->take[m] = b->take[i];
		b->h[m++] = h;
	}
	for (i = 0; i < m; i++) {
		uint32_t a = ix->buck[b->h[i] >> (32 - ix->bits)];

		__builtin_prefetch(&ix->keys[a]);
		__builtin_prefetch(&ix->offs[a]);
	}
	for (i = 0; i < m; i++) {
		tt_dict_range(ix->keys, ix->buck, ix->bits, b->h[i],
		    &b->lo[i], &b->hi[i]);
		if (b->hi[i] - b->lo[i] > b->take[i])
			b->hi[i] = b->lo[i] + b->take[i];
		for (j = b->lo[i]; j < b->hi[i]; j++)
			__builtin_prefetch(c->v->blob + ix->offs[j]);
	}
	for (i = 0; i < m; i++)
		for (j = b->lo[i]; j < b->hi[i]; j++)
			consider(c, ix->offs[j]);
	b->n = 0;
}

/*
 * The words of a skeleton are listed commonest first, and the first few
 * only are looked at: the rarer rest seldom make the list (taking 2,000
 * moved no accuracy figure of the typo kit's words at 1 or 5) and each
 * costs a look-up in memory and a distance.  A word with no neighbours to
 * weigh them by (a word alone, as -a gets them) takes fewer; in context,
 * where a fix depends on how far ahead the first candidate is of the
 * second, more are looked at (with 30 and 10 there a fix set of the kit
 * got one more wrong fix).
 */
static uint32_t
skel_take(const struct ctx *c, int dropped)
{
	return c->ctx != NULL ? SKEL_TAKE : dropped ? SKEL_ALONE1 : SKEL_ALONE;
}

/*
 * A word's sound, roughly, as a spelling of lowercase w: consonants by
 * how they sound (ph f, c s or k, ck k, q k, x ks, z s, dg j; sh and the
 * -tion and -sion of nation and vision '$', ch and tch '%', bytes that
 * side_make() does not lowercase into s or c; a silent k, w, g or p at
 * the start, gh and h after a consonant dropped), every run of vowels one
 * vowel, a doubled letter single.  Two spellings of one sound come out
 * alike or near: "sematary" and "cemetery" both "samatara".
 */
static size_t
phon(const char *w, size_t n, char *out, size_t cap)
{
	size_t i = 0, m = 0;

	if (n >= 2 && ((w[0] == 'k' && w[1] == 'n') || (w[0] == 'w' &&
	    w[1] == 'r') || (w[0] == 'g' && w[1] == 'n') || (w[0] == 'p' &&
	    w[1] == 's')))
		i = 1;
	for (; i < n && m + 2 < cap; i++) {
		int c = (unsigned char)w[i], nx = i + 1 < n ? w[i + 1] : 0;
		int nx2 = i + 2 < n ? w[i + 2] : 0;

		switch (c) {
		case 'p':
			if (nx == 'h')
				c = 'f', i++;
			break;
		case 'c':
			if (nx == 'k' || nx == 'q')
				c = 'k', i++;
			else if (nx == 'h')
				c = '%', i++;
			else if (nx == 'i' && (nx2 == 'a' || nx2 == 'o'))
				c = '$', i++;
			else
				c = nx == 'e' || nx == 'i' || nx == 'y' ? 's' :
				    'k';
			break;
		case 't':
			if (nx == 'c' && nx2 == 'h')
				c = '%', i += 2;
			else if (nx == 'i' && (nx2 == 'o' || nx2 == 'a') &&
			    i > 0)
				c = '$', i++;
			break;
		case 's':
			if (nx == 'h')
				c = '$', i++;
			else if (nx == 'i' && (nx2 == 'o' || nx2 == 'a') &&
			    i > 0)
				c = '$', i++;
			else if (nx == 'c' && (nx2 == 'e' || nx2 == 'i' ||
			    nx2 == 'y'))
				i++;
			break;
		case 'q':
			c = 'k';
			break;
		case 'z':
			c = 's';
			break;
		case 'x':
			if (m == 0 || out[m - 1] != 'k')
				out[m++] = 'k';
			c = 's';
			break;
		case 'd':
			if (nx == 'g')
				c = 'j', i++;
			break;
		case 'g':
			if (nx == 'h') {
				i++;
				if (m > 0)
					continue;
			}
			break;
		case 'h':
			if (m > 0 && !tt_dict_vowel(out[m - 1]))
				continue;
			break;
		case 'w':
			if (m > 0 && tt_dict_vowel(out[m - 1]))
				continue;
			break;
		}
		if (tt_dict_vowel(c))
			c = 'a';
		if (m > 0 && out[m - 1] == c)
			continue;
		out[m++] = (char)c;
	}
	return m;
}

/*
 * A word alone has nothing but its letters to go by: of the candidates
 * its spelling puts close together, those that sound more like it come
 * first.  C_PHON of the distance between the two as phon() spells them
 * (at most PHON_CAP) is added to each of the first nk, which are sorted
 * again; the others follow them as they were (the first eight hold the
 * kit's words' rankings at 1 and 5 as all fourteen do, at less cost).
 */
static void
by_sound(struct ctx *c, const char *low, size_t n, size_t nk)
{
	char ph[TT_DICT_MAXWORD], cl[TT_DICT_MAXWORD];
	struct side ms, cs;
	size_t k, i, cn;
	tt_sugg t;
	int d;

	if (!side_make(&ms, ph, phon(low, n, ph, sizeof(ph)), deltab, 0))
		return;
	if (nk > c->nout)
		nk = c->nout;
	for (k = 0; k < nk; k++) {
		const char *w = tt_dict_word(c->v, c->out[k].off, NULL);

		if ((cn = tt_dict_len(c->v, c->out[k].off)) >= sizeof(cl))
			continue;
		for (i = 0; i < cn; i++)
			cl[i] = (char)tt_ascii_lower((unsigned char)w[i]);
		if (!side_make(&cs, ph, phon(cl, cn, ph, sizeof(ph)), deltab,
		    0))
			continue;
		d = distance(&ms, &cs, PHON_CAP);
		c->out[k].cost10 += (int)(C_PHON * (d < PHON_CAP ? d :
		    PHON_CAP) + 0.5);
		c->out[k].cost = c->out[k].cost10 / 10.0;
	}
	/* sorted again, as consider() keeps them */
	for (k = 1; k < nk; k++) {
		t = c->out[k];
		for (i = k; i > 0 && after(&c->out[i - 1], t.cost10, t.tie);
		    i--)
			c->out[i] = c->out[i - 1];
		c->out[i] = t;
	}
}

/*
 * Far candidates, for a word that has nothing within two edits
 * (TT_SUGG_FAR_GATE): "cacluatons", "sceietory", "philipohy".  The
 * dictionary indexes the common words (SCOWL 35 or commoner, known to the
 * language model, lowercase ASCII) by the pairs of letters they have ('^'
 * and '$' at the ends count as letters), each pair's list ordered by the
 * words' first letters (the vowels and y as one) and lengths (dict.h,
 * "far").  Of the words with the misspelling's first letter and about its
 * length, those that share FAR_SHARE of its pairs or more, the FAR_TAKE
 * sharing the most (by Dice's coefficient), are ranked with the others by
 * the error model, up to MAXCOST_FAR, C_FAR more (the words that sound
 * alike keep their place: "ackwitted", acquitted).
 */
#define FAR_MINLEN	5	/* misspellings this long or longer */
#define FAR_SHARE	0.4
#define FAR_TAKE	20
#define MAXCOST_FAR	4.5
#define C_FAR		0.2	/* more for a far candidate */

/* The first entry of the far list [a, b) whose word's key is key or
 * more. */
static uint32_t
far_find(const tt_dictv *v, uint32_t a, uint32_t b, unsigned key)
{
	while (a < b) {
		uint32_t mid = a + (b - a) / 2;

		if (v->fkeys[v->flist[mid]] < key)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

static void
far(struct ctx *c, const char *low, size_t n)
{
	static _Thread_local unsigned char shared[UINT16_MAX];
	static _Thread_local uint16_t some[UINT16_MAX];
	const tt_dictv *v = c->v;
	uint16_t pr[TT_DICT_MAXWORD + 2], best[FAR_TAKE];
	double score[FAR_TAKE], d;
	size_t ns = 0, nb = 0, i, k;
	unsigned lo, hi;
	int m, need;

	if (v->nfar == 0 || (m = tt_dict_pairs(low, n, pr)) < 0)
		return;
	need = (int)(m * FAR_SHARE + 0.5);
	if (need < 2)
		need = 2;
	lo = tt_dict_farkey(low[0], n - 3);	/* n >= FAR_MINLEN */
	hi = tt_dict_farkey(low[0], n + 4 < TT_DICT_FAR_LEN ? n + 4 :
	    TT_DICT_FAR_LEN);
	memset(shared, 0, v->nfar);
	for (i = 0; i < (size_t)m; i++) {
		uint32_t a = v->fstart[pr[i]], b = v->fstart[pr[i] + 1];
		const uint16_t *w = v->flist + far_find(v, a, b, lo);
		const uint16_t *e = v->flist + far_find(v, a, b, hi);

		for (; w < e; w++)
			if (++shared[*w] == need)
				some[ns++] = *w;
	}
	/* the FAR_TAKE sharing most, best first */
	for (i = 0; i < ns; i++) {
		d = 2.0 * shared[some[i]] / (m + v->fnpairs[some[i]]);
		if (nb == FAR_TAKE && d <= score[nb - 1])
			continue;
		if (nb < FAR_TAKE)
			nb++;
		for (k = nb - 1; k > 0 && score[k - 1] < d; k--) {
			score[k] = score[k - 1];
			best[k] = best[k - 1];
		}
		score[k] = d;
		best[k] = some[i];
	}
	c->maxcost = TENTHS(MAXCOST_FAR);
	c->far = C_FAR;
	for (i = 0; i < nb; i++)
		consider(c, v->foffs[best[i]]);
	c->far = 0;
	c->maxcost = TENTHS(MAXCOST);
}

/* Are a[0..an) and b[0..bn) at most two edits apart (insert, delete,
 * substitute)? */
static int
within2(const char *a, size_t an, const char *b, size_t bn)
{
	unsigned row[TT_DICT_MAXWORD + 1], diag, up, best;
	size_t i, j;

	if (an + 2 < bn || bn + 2 < an || bn >= TT_DICT_MAXWORD)
		return 0;
	for (j = 0; j <= bn; j++)
		row[j] = (unsigned)j;
	for (i = 1; i <= an; i++) {
		diag = row[0];
		row[0] = (unsigned)i;
		best = row[0];
		for (j = 1; j <= bn; j++) {
			up = row[j];
			row[j] = diag + (tt_ascii_lower((unsigned char)
			    a[i - 1]) != tt_ascii_lower((unsigned char)
			    b[j - 1]));
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
			if (row[j] < best)
				best = row[j];
		}
		if (best > 2)
			return 0;
	}
	return row[bn] <= 2;
}

/* Are a[0..an) and b[0..bn) spellings of one word: the same skeleton
 * (vowels, doubled letters, s for z aside) and two edits apart at most
 * (colour and color, aeroplane and airplane, centre and center)? */
static int
variants(const char *a, size_t an, const char *b, size_t bn)
{
	char ka[TT_DICT_MAXWORD], kb[TT_DICT_MAXWORD];
	size_t m;

	m = tt_dict_skeleton(a, an, ka, sizeof(ka));
	return m == tt_dict_skeleton(b, bn, kb, sizeof(kb)) &&
	    memcmp(ka, kb, m) == 0 && within2(a, an, b, bn);
}

/*
 * A word alone: its candidates are ranked again by a weighted sum of what
 * tells the word its writer meant from the others (by_score()), the error
 * model's distance and the word's frequency among them, and what that
 * model cannot see: how likely the misspelling's letters write each
 * candidate's sounds (written(): the dictionary's phones of the word and
 * how each phone is written, learnt from CMU's pronouncing dictionary by
 * dictgen; "sersif" spells surface's), and how many of the candidate's
 * letters the misspelling has, in any order (poor spellers keep a word's
 * letters and lose their order).  (Not the spellings[] above, which are
 * the error model's: one sound's letters in two words.)  The weights were
 * fitted by logistic regression on pairs of the right word and another
 * candidate, each feature scaled, on half of the typo kit's misspellings
 * and checked on the other half (README, session 16).  A word of unknown
 * sound counts PHONE_UNKNOWN below the least likely known one.
 */
#define PHONE_UNKNOWN	2.0
#define RANK_TAKE	16	/* candidates ranked again, at most */
static const struct {
	double	dist;		/* the error model's distance, in edits */
	double	rare;		/* tenfolds of rarity below FREQ_FLOOR */
	double	freq;		/* log10 P of the word */
	double	sound;		/* log P(letters | its phones), nats */
	double	sound_each;	/* ... a letter of the misspelling */
	double	heard;		/* its phones are known */
	double	slip;		/* a letter in, out, changed or two swapped */
	double	place;		/* ln of its place, the error model's */
	double	extra;		/* the cost besides distance and rarity */
	double	len;		/* letters more or fewer */
	double	first;		/* the same first letter */
	double	name;		/* a name, for a lowercase word */
	double	shared;		/* letters in common, over the longer */
	double	longer;		/* letters more */
} rank_w = {
	-1.19, -0.51, 0.69, 0.16, 0.47, -2.22, 0.31, -0.33, -1.69, 0.045,
	1.0, -1.61, 5.28, 0.345
};

/* The misspelling's letters as each phone writes them: for phone p,
 * at[p][k][i] is the log probability (dict.h, "sounds") that p is written
 * as the k letters from i, or SOUND_NONE where fewer than k are left;
 * looked up in the dictionary's table for the phones the candidates have,
 * once for all of them (the table is large: after the first phone, the
 * others' entries are in the cache lines already read).  Rows are padded
 * for written()'s eight at a time. */
#define SOUND_NONE	INT16_MIN
#define SOUND_ROW	(TT_DICT_MAXWORD + 24)
#define PHONES		64	/* phone numbers below, at most */
struct phoned {
	const tt_dictv	*v;
	size_t		 n;
	unsigned	 chunk[4][TT_DICT_MAXWORD + 1];	/* tt_dict_chunk() */
	unsigned char	 have[PHONES];
	int16_t		 at[PHONES][4][SOUND_ROW];
};

static const int16_t sound_none[16] = {
	SOUND_NONE, SOUND_NONE, SOUND_NONE, SOUND_NONE, SOUND_NONE, SOUND_NONE,
	SOUND_NONE, SOUND_NONE, SOUND_NONE, SOUND_NONE, SOUND_NONE, SOUND_NONE,
	SOUND_NONE, SOUND_NONE, SOUND_NONE, SOUND_NONE
};

static const int16_t (*
phone_at(struct phoned *pd, unsigned p))[SOUND_ROW]
{
	const int16_t *e = pd->v->phone_spell + p - 1;
	size_t i, k, np = pd->v->nphone;

	if (!pd->have[p]) {
		for (k = 0; k < 4; k++) {
			for (i = 0; i + k <= pd->n; i++)
				pd->at[p][k][i] = e[pd->chunk[k][i] * np];
			memcpy(&pd->at[p][k][i], sound_none,
			    sizeof(sound_none));	/* to n + 9 at least */
		}
		pd->have[p] = 1;
	}
	return (const int16_t (*)[SOUND_ROW])pd->at[p];
}

/* log P(letters | phones ph), in hundredths of a nat: the likeliest way
 * of cutting the misspelling's n letters into chunks of up to three (or
 * none), one a phone; none when they cannot be.  Kept as 16 bits that
 * stop at SOUND_NONE (-327 nats: no word near enough to matter is that
 * unlikely), so that eight letters' places go at once: after each phone,
 * place i + k is reached from place i by the phone's k letters there. */
static int
written(struct phoned *pd, const unsigned char *ph)
{
	int16_t ra[SOUND_ROW + 16], rb[SOUND_ROW + 16], *row = ra, *next = rb,
	    *sw;
	size_t n = pd->n, i, j, k, hi = 0;	/* row[0..hi] may be reached */

	if (strlen((const char *)ph) * 3 < n)
		return INT32_MIN / 2;
	memcpy(row, sound_none, 16 * sizeof(int16_t));
	row[0] = 0;
	for (; *ph != 0; ph++) {
		const int16_t (*e)[SOUND_ROW];

		if (*ph > pd->v->nphone)	/* not one the table has */
			return INT32_MIN / 2;
		e = phone_at(pd, *ph);

		/* Places past hi hold none (this phone reads row[0..hi + 8)
		 * and writes next[0..hi + 11), which the next reads), and e
		 * none past n. */
		for (i = 0; i < hi + 11; i += 8)
			memcpy(next + i, sound_none, 8 * sizeof(int16_t));
		for (k = 0; k < 4; k++)
			for (j = 0; j <= hi; j += 8) {
#ifdef __SSE2__
				const __m128i *r = (const __m128i *)(row + j);
				const __m128i *x = (const __m128i *)(e[k] + j);
				__m128i t = _mm_adds_epi16(_mm_loadu_si128(r),
				    _mm_loadu_si128(x));
				__m128i *to = (__m128i *)(next + j + k);

				_mm_storeu_si128(to, _mm_max_epi16(
				    _mm_loadu_si128(to), t));
#else
				for (i = j; i < j + 8; i++) {
					int t = row[i] + e[k][i];

					if (t < SOUND_NONE)
						t = SOUND_NONE;
					if (t > next[i + k])
						next[i + k] = (int16_t)t;
				}
#endif
			}
		hi = hi + 3 < n ? hi + 3 : n;
		sw = row, row = next, next = sw;
	}
	return hi == n && row[n] != SOUND_NONE ? row[n] : INT32_MIN / 2;
}

/* Are a and b (lowercase letters a, any case b; neither holds a NUL) a
 * slip apart at most: one letter in, out or another, or two neighbours
 * swapped? */
static int
one_slip(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, r;

	while (i < an && i < bn && a[i] == tt_ascii_lower((unsigned char)b[i]))
		i++;
	a += i, b += i, an -= i, bn -= i;	/* from the first difference */
	if (an == 0 || bn == 0)
		return an + bn <= 1;
	r = an < bn ? an : bn;
	if (an != bn)			/* a letter in or out */
		return an == bn + 1 ? strncasecmp(a + 1, b, r) == 0 :
		    bn == an + 1 && strncasecmp(a, b + 1, r) == 0;
	return strncasecmp(a + 1, b + 1, r - 1) == 0 ||	/* another */
	    (r >= 2 && a[0] == tt_ascii_lower((unsigned char)b[1]) &&
	    a[1] == tt_ascii_lower((unsigned char)b[0]) &&	/* swapped */
	    strncasecmp(a + 2, b + 2, r - 2) == 0);
}

/* How many of the letters of w[0..wn) (any case) are in the misspelling,
 * of which letters[] counts each of a to z. */
static size_t
shared(const unsigned char letters[26], const char *w, size_t wn)
{
	unsigned char left[26];
	size_t i, k = 0;
	int c;

	memcpy(left, letters, sizeof(left));
	for (i = 0; i < wn; i++) {
		c = tt_ascii_lower((unsigned char)w[i]) - 'a';
		if (c >= 0 && c < 26 && left[c] > 0) {
			left[c]--;
			k++;
		}
	}
	return k;
}

static void
by_score(struct ctx *c, const char *low, size_t n)
{
	const tt_dictv *v = c->v;
	size_t take = c->nout, i, j, wn;
	static _Thread_local struct phoned pd;
	double score[RANK_TAKE], heard_lp[RANK_TAKE], least = 0;
	unsigned char heard[RANK_TAKE], letters[26];
	tt_sugg t;
	int known = 0;

	/* The weights were fitted with the sounds: without them (a word
	 * not of letters a to z, a dictionary built without the
	 * pronouncing dictionary) the error model's order stands. */
	if (take < 2 || n == 0 || v->nphone == 0 || v->nphone >= PHONES)
		return;
	if (take > RANK_TAKE)
		take = RANK_TAKE;
	memset(letters, 0, sizeof(letters));
	for (i = 0; i < n; i++) {
		if (low[i] < 'a' || low[i] > 'z')
			return;
		letters[low[i] - 'a']++;	/* n < 256 */
	}
	memset(heard, 0, sizeof(heard));
	pd.v = v;
	pd.n = n;
	memset(pd.have, 0, sizeof(pd.have));
	for (i = 0; i <= n; i++)
		for (j = 0; j < 4 && i + j <= n; j++)
			pd.chunk[j][i] = tt_dict_chunk(low + i, j);
	for (i = 0; i < take; i++) {
		const unsigned char *ph = tt_dict_sound(v, c->out[i].off);
		int lp;

		if (ph == NULL || (lp = written(&pd, ph)) <= INT32_MIN / 4)
			continue;
		heard[i] = 1;
		heard_lp[i] = lp / 100.0;
		if (!known++ || heard_lp[i] < least)
			least = heard_lp[i];
	}
	for (i = 0; i < take; i++) {
		const tt_sugg *g = &c->out[i];
		unsigned info;
		const char *w = tt_dict_word(v, g->off, &info);
		double dist = g->tie / 10.0, rare, snd, dn;

		wn = tt_dict_len(v, g->off);
		rare = -g->lp > FREQ_FLOOR ? -g->lp - FREQ_FLOOR : 0;
		snd = heard[i] ? heard_lp[i] : least - PHONE_UNKNOWN;
		dn = (double)wn - (double)n;
		score[i] = rank_w.dist * dist + rank_w.rare * rare +
		    rank_w.freq * g->lp + rank_w.sound * snd +
		    rank_w.sound_each * snd / (double)n +
		    rank_w.heard * heard[i] +
		    rank_w.slip * one_slip(low, n, w, wn) +
		    rank_w.place * log((double)i + 1) +
		    rank_w.extra * (g->cost10 / 10.0 - dist -
		    FREQ_WEIGHT * rare) +
		    rank_w.len * fabs(dn) + rank_w.longer * dn +
		    rank_w.first * (wn > 0 && tt_ascii_lower((unsigned char)
		    w[0]) == (unsigned char)low[0]) +
		    rank_w.name * ((info & TT_DICT_CAP) != 0) +
		    rank_w.shared * (double)shared(letters, w, wn) /
		    (double)(wn > n ? wn : n);
	}
	/* A stable sort by score, best first.  Each keeps its cost: a
	 * first word the error model did not put first costs more than the
	 * second, and is not sure enough to be fixed (typo.c). */
	for (i = 1; i < take; i++) {
		double sc = score[i];

		t = c->out[i];
		for (j = i; j > 0 && score[j - 1] < sc; j--) {
			score[j] = score[j - 1];
			c->out[j] = c->out[j - 1];
		}
		score[j] = sc;
		c->out[j] = t;
	}
}

/*
 * A word alone: the other side of the Atlantic's spelling costs C_OTHER
 * more, but where the misspelling is nearer to it than to this side's
 * spelling of the same word (variants(), the one flagged as American,
 * the other as British), the writer spells that way
 * ("favourate": favourite before favorite), and it goes first of the
 * two, at the other's cost.
 */
static void
by_dialect(struct ctx *c)
{
	unsigned mine = c->lang == TT_LANG_GB ? TT_DICT_GB : TT_DICT_US;
	unsigned theirs = c->lang == TT_LANG_GB ? TT_DICT_US : TT_DICT_GB;
	unsigned info;
	const char *w, *u;
	size_t i, j, k;
	tt_sugg t;

	for (j = 1; j < c->nout; j++) {
		w = tt_dict_word(c->v, c->out[j].off, &info);
		if (!(info & theirs))
			continue;
		for (i = 0; i < j; i++) {
			u = tt_dict_word(c->v, c->out[i].off, &info);
			if (!(info & mine) || c->out[j].tie >= c->out[i].tie ||
			    !variants(w, tt_dict_len(c->v, c->out[j].off), u,
			    tt_dict_len(c->v, c->out[i].off)))
				continue;
			t = c->out[j];
			t.cost10 = c->out[i].cost10;
			t.cost = c->out[i].cost;
			for (k = j; k > i; k--)
				c->out[k] = c->out[k - 1];
			c->out[i] = t;
			break;
		}
	}
}

size_t
tt_suggest(const tt_dictv *v, const char *w, size_t n, int lang,
    const tt_sctx *ctx, int far_ok, tt_sugg *out, size_t max)
{
	char low[TT_DICT_MAXWORD], key[TT_DICT_MAXWORD];
	struct ctx cx, *c = &cx;
	struct batch b;
	struct index dix = { v->keys, v->offs, v->dbuck, TT_DICT_DBITS,
	    v->bloom };
	size_t i, j;

	if (n == 0 || n >= TT_DICT_MAXWORD || max == 0)
		return 0;
	memset(c, 0, sizeof(*c));
	c->seen = seen_start();
	pthread_once(&tab_once, tab_fill);	/* distance()'s tables */
	for (i = 0; i < n; i++)
		low[i] = (char)tt_ascii_lower((unsigned char)w[i]);
	c->v = v;
	c->lang = lang;
	c->ctx = some_context(ctx);
	/* Letters left out and put in cost alike in a text, where the words
	 * around rank the candidates: with the costs of a word alone, the
	 * typo kit's fix sets lost precision at the same recall. */
	c->omit = c->ctx != NULL ? deltab : omittab;
	side_make(&c->mis, low, n, c->ctx != NULL ? deltab : extratab,
	    ~(uint64_t)0);
	wanted(&c->mis);
	c->cap = w[0] >= 'A' && w[0] <= 'Z';
	c->out = out;
	c->max = max;
	c->maxcost = TENTHS(MAXCOST);
	b.ix = &dix;
	b.n = 0;
	add_key(c, &b, low, n, UINT32_MAX);
	for (i = 0; i < n; i++) {
		if ((low[i] & 0xc0) == 0x80)
			continue;	/* inside a UTF-8 sequence */
		if (i > 0 && low[i] == low[i - 1])
			continue;
		memcpy(key, low, i);
		memcpy(key + i, low + i + 1, n - i - 1);
		add_key(c, &b, key, n - 1, UINT32_MAX);
	}
	flush(c, &b);
	/* Two letters out of the misspelling: many look-ups, mostly of
	 * words further off.  A word alone (no neighbours to weigh its
	 * candidates) looks there only when nothing was found within one
	 * edit; in a text, where a fix depends on the second candidate's
	 * distance too, always. */
	if (n >= 4 && (c->nout == 0 || out[0].tie > 10 || c->ctx != NULL))
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++) {
				size_t m = 0, k;

				if (j == i + 1 && i > 0 && low[i] == low[i - 1])
					continue;
				for (k = 0; k < n; k++)
					if (k != i && k != j)
						key[m++] = low[k];
				add_key(c, &b, key, m, UINT32_MAX);
			}
	flush(c, &b);
	/* Sounds alike: the same consonant skeleton, further away. */
	{
		size_t m = tt_dict_skeleton(low, n, key, sizeof(key));
		char sk[TT_DICT_MAXWORD];
		struct index six = { v->skeys, v->soffs, v->sbuck,
		    TT_DICT_SBITS, NULL };
		struct index s1ix = { v->s1keys, v->s1offs, v->s1buck,
		    TT_DICT_S1BITS, NULL };

		c->maxcost = TENTHS(MAXCOST_SKEL);
		b.ix = &six;
		add_key(c, &b, key, m, skel_take(c, 0));
		/* and with one sound of the misspelling too many */
		for (i = 1; i < m && m > 2; i++) {
			memcpy(sk, key, i);
			memcpy(sk + i, key + i + 1, m - i - 1);
			add_key(c, &b, sk, m - 1, skel_take(c, 1));
		}
		flush(c, &b);
		/* Still nothing near: the words with a sound the
		 * misspelling lacks, or another in place of one of its. */
		if (m >= 2 && (c->nout == 0 || out[0].cost10 > (c->ctx ==
		    NULL ? S1_GATE_ALONE : S1_GATE))) {
			b.ix = &s1ix;
			add_key(c, &b, key, m, S1_TAKE);
			for (i = 0; i < m && m > 2; i++) {
				memcpy(sk, key, i);
				memcpy(sk + i, key + i + 1, m - i - 1);
				add_key(c, &b, sk, m - 1, S1_TAKE2);
			}
			flush(c, &b);
		}
		c->maxcost = TENTHS(MAXCOST);
	}
	/* Nothing within two edits: further. */
	if ((c->ctx == NULL || far_ok) && n >= FAR_MINLEN && (c->nout == 0 ||
	    out[0].cost10 > TT_SUGG_FAR_GATE))
		far(c, low, n);
	if (c->ctx == NULL) {
		by_sound(c, low, n, BYSOUND_K);
		by_score(c, low, n);
		by_dialect(c);
	}
	return c->nout;
}

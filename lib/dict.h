/*
 * dict.h: the English dictionary tt-typo embeds, shared by lib/dict.c,
 * lib/suggest.c, lib/typo.c and the build-time generator
 * scripts/dictgen.c.
 *
 * The file (little-endian) is:
 *   u32 magic, u32 nwords, u32 blob bytes, u32 hash bits, u32 ndels
 *   blob:   per word, sorted: u8 length (with TT_DICT_RARER), u8
 *           back-off, u8 frequency, u8 info, the word's UTF-8 bytes
 *           (length of them, less than TT_DICT_MAXWORD), NUL; padded to
 *           4 bytes.  A word's offset is that of its info byte.  The
 *           frequency is -20 log10 of the word's probability in running
 *           text (a language model's unigram), 1 to 255, or 0 if
 *           unknown; the back-off, -40 log10 of the weight the model
 *           gives a word's unigrams after it
 *   hash:   u32[1 << bits]: blob offset + 1 of a word (0: empty), open
 *           addressing with linear probing on tt_dict_hash(word)
 *   dels:   u32 keys[ndels], sorted, then u32 offs[ndels]: for each word of
 *           level <= TT_DICT_SUGGEST_MAX, tt_dict_hash() of its lowercased
 *           form and of each single-letter deletion of it, with the word's
 *           blob offset
 *   skel:   u32 nskel, then u32 keys[nskel], sorted, and u32 offs[nskel]:
 *           tt_dict_skeleton() hashes of the same words, each key's words
 *           commonest first (tt_dict_rarity())
 *   skel1:  u32 nskel1, then u32 keys[nskel1], sorted, and u32
 *           offs[nskel1]: the same for each skeleton of three sounds or
 *           more with one of its sounds dropped, in turn
 *   then u32 buckets[(1 << TT_DICT_DBITS) + 1] for dels,
 *           u32 buckets[(1 << TT_DICT_SBITS) + 1] for skel and
 *           u32 buckets[(1 << TT_DICT_S1BITS) + 1] for skel1: the first index
 *           whose key has each value of its top bits (the last is n); a
 *           bucket holds one or two deletion keys on average, so a key that
 *           is not there usually costs one look at an empty bucket
 *   bloom:  u32[TT_DICT_BLOOM / 32]: bit (key mod TT_DICT_BLOOM) set for
 *           each deletion key; 1 MiB, so it stays in the cache where the
 *           index does not, and four keys in five that are not there
 *           cost no look at the index
 *   pairs:  u32 npairs, u32 back-off of the sentence start, u32
 *           frequency of the sentence end (as above); u32
 *           keys[npairs], sorted: tt_dict_pairkey() of two words' hashes
 *           (lowercased; "<s>" and "</s>" for the sentence's start and
 *           end); u8 vals[npairs], padded to 4 bytes: -20 log10 P(second
 *           | first), the model's bigram; u8 bos[npairs]: -40 log10 of
 *           its back-off, the weight of the first two words of a trigram
 *           the model lacks; padded to 4 bytes; u32 buckets[(1 <<
 *           TT_DICT_PBITS) + 1] as above
 *   tris:   u32 ntris; u32 keys[ntris], sorted: tt_dict_trikey(); u8
 *           vals[ntris], padded to 4 bytes: -20 log10 P(third | first,
 *           second); u32 buckets[(1 << TT_DICT_PBITS) + 1]
 *   far:    u32 nfar, u32 nflist; u32 start[TT_DICT_NPAIR + 1]; u32
 *           offs[nfar]; u16 keys[nfar], padded to 4 bytes; u8
 *           npairs[nfar], padded to 4 bytes; u16 list[nflist], padded to
 *           4 bytes: the far candidates' index (tt_dict_far_word(): the
 *           common words, lowercase ASCII), numbered in the order of
 *           their blob offsets (offs) with their tt_dict_farkey() and
 *           their number of distinct tt_dict_pairs(); for each letter
 *           pair, list[start[pair] .. start[pair + 1]) the numbers of the
 *           words that have it, ordered by key and then number
 *   sounds: u32 nsound, u32 nbytes, u32 nphone; u32 offs[nsound],
 *           ascending: the blob offsets of the words with a
 *           pronunciation (that of their lowercase form in CMU's
 *           pronouncing dictionary); u32 at[nsound]: where each one's
 *           phones start in u8 phones[nbytes] (numbers 1 to nphone,
 *           ended by 0), padded to 4 bytes; i16
 *           phone_spell[TT_DICT_NCHUNK * nphone], padded to 4 bytes: for
 *           chunk k (tt_dict_chunk()) and phone p, phone_spell[k * nphone
 *           + p - 1] is the log of the probability that p is written k,
 *           in hundredths of a nat (by chunk: the chunks of one
 *           misspelling are few, its candidates' phones many).  All
 *           empty (0, 0, 0) in a dictionary built without the
 *           pronouncing dictionary
 */
#ifndef TT_DICT_H
#define TT_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "tt_int.h"

#define TT_DICT_MAGIC	0x62647474u	/* "ttdb" */
#define TT_DICT_DBITS	20	/* bucket bits of the deletion index */
#define TT_DICT_SBITS	16	/* ... and of the skeleton index */
#define TT_DICT_S1BITS	18	/* ... and of skeletons less a sound */
#define TT_DICT_PBITS	20	/* ... and of the bigrams */
#define TT_DICT_BLOOM	(1u << 23)	/* bits of the deletion filter */
#define TT_DICT_MAXWORD	64

/* info byte */
#define TT_DICT_LEVEL	0x0f	/* SCOWL level: 0 = 10 (common) ... 9 = 95 */
#define TT_DICT_US	0x10	/* American spelling only */
#define TT_DICT_GB	0x20	/* British spelling only */
#define TT_DICT_CAP	0x40	/* written with a capital (a name) */
#define TT_DICT_ABBR	0x80	/* an abbreviation */
/* In the length byte: a less common spelling variant only (SCOWL's
 * variant_2: "dependance", "heros"), never suggested. */
#define TT_DICT_RARER	0x80
_Static_assert(TT_DICT_MAXWORD <= TT_DICT_RARER, "a length holds no flag");

#define TT_DICT_SUGGEST_MAX	7	/* levels up to 70 are suggested */

#define TT_DICT_FAR_LEVEL	2	/* far candidates: SCOWL 35, */
#define TT_DICT_FAR_LEN		32	/* ... shorter than this */
#define TT_DICT_NPAIR		(27 * 27)	/* letter pairs, '^' '$' too */
#define TT_DICT_NFARKEY		(27 * TT_DICT_FAR_LEN)

/* A vowel of lowercase ASCII, y with them: candidates that sound alike
 * and far candidates' first letters take one for another. */
static inline int
tt_dict_vowel(int c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	    c == 'y';
}

/* The distinct letter pairs of lowercase ASCII w[0..n) ('^' before it
 * and '$' after it count as letters: 26), in out (n + 1 at most), and
 * their number; -1 if w has any other byte. */
static inline int
tt_dict_pairs(const char *w, size_t n, uint16_t *out)
{
	size_t i, k, m = 0;
	int prev = 26, c;

	for (i = 0; i <= n; i++) {
		uint16_t p;

		if (i < n && (w[i] < 'a' || w[i] > 'z'))
			return -1;
		c = i < n ? w[i] - 'a' : 26;
		p = (uint16_t)(prev * 27 + c);
		for (k = 0; k < m && out[k] != p; k++)
			;
		if (k == m)
			out[m++] = p;
		prev = c;
	}
	return (int)m;
}

/* A far candidate's key: its first letter's class (the vowels and y are
 * one: a writer may have had another) and its length. */
static inline unsigned
tt_dict_farkey(int first, size_t len)
{
	return (tt_dict_vowel(first) ? 0 : (unsigned)(first - 'a' + 1)) *
	    TT_DICT_FAR_LEN + (unsigned)len;
}

/* Is a word of len bytes, info and freq (0: unknown to the language
 * model; lm: there is one) common enough to be a far candidate?  (Its
 * letters are checked by tt_dict_pairs().) */
static inline int
tt_dict_far_word(size_t len, unsigned info, unsigned freq, int lm)
{
	return (info & TT_DICT_LEVEL) <= TT_DICT_FAR_LEVEL &&
	    (freq != 0 || !lm) && len >= 3 && len < TT_DICT_FAR_LEN;
}

static inline uint32_t
tt_dict_hash(const char *s, size_t n)
{
	return tt_hash32(s, n);
}

/* The key of a bigram, from its words' tt_dict_hash() (murmur3's
 * finalizer, so that the top bits that pick a bucket are mixed). */
static inline uint32_t
tt_dict_pairkey(uint32_t first, uint32_t second)
{
	uint32_t h = first * 0x9e3779b1u + second;

	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

/* The key of a trigram: its first word's hash with the pair key of the
 * other two. */
static inline uint32_t
tt_dict_trikey(uint32_t first, uint32_t pairkey)
{
	return tt_dict_pairkey(first ^ 0x5bd1e995u, pairkey);
}

/*
 * A word's sound skeleton, for sounds-alike candidates (a little of
 * Metaphone): lowercase; ph as f, ck and q as k, c before e, i or y as s,
 * other c as k, x as ks, z as s, dg as j, gh and a silent k, w or g at the
 * start (kn, wr, gn) dropped; then the first letter kept, vowels, y, h, w
 * and apostrophes dropped, and runs of one letter as one.  "accomadate"
 * and "accommodate" are both "akmdt", "asseptable" and "acceptable"
 * "asptbl".  Writes at most cap bytes; returns the length.
 */
static inline size_t
tt_dict_skeleton(const char *w, size_t n, char *out, size_t cap)
{
	char low[64];
	size_t i, m = 0, k = 0;

	for (i = 0; i < n && k < sizeof(low); i++) {
		int c = (unsigned char)w[i];

		low[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	n = k;
	i = 0;
	if (n >= 2 && ((low[0] == 'k' && low[1] == 'n') || (low[0] == 'w' &&
	    low[1] == 'r') || (low[0] == 'g' && low[1] == 'n')))
		i = 1;
	for (; i < n && m < cap; i++) {
		int c = (unsigned char)low[i], nx = i + 1 < n ? low[i + 1] : 0;

		if (c == 'p' && nx == 'h')
			c = 'f', i++;
		else if (c == 'c' && nx == 'k')
			c = 'k', i++;
		else if (c == 'c')
			c = nx == 'e' || nx == 'i' || nx == 'y' ? 's' : 'k';
		else if (c == 'q')
			c = 'k';
		else if (c == 'z')
			c = 's';
		else if (c == 'd' && nx == 'g')
			c = 'j', i++;
		else if (c == 'g' && nx == 'h') {
			i++;
			continue;
		} else if (c == 'x') {
			if (m == 0 || out[m - 1] != 'k')
				out[m++] = 'k';
			c = 's';
			if (m >= cap)
				break;
		}
		if (m > 0 && (tt_dict_vowel(c) || c == 'h' || c == 'w' ||
		    c == '\''))
			continue;
		if (m > 0 && out[m - 1] == c)
			continue;
		out[m++] = (char)c;
	}
	return m;
}

#endif /* TT_DICT_H */

/* ------------------------------------------------ lib/dict.c: look-ups */

typedef struct tt_dictv {
	const unsigned char	*blob;
	const uint32_t		*hash;
	uint32_t		 mask;
	const uint32_t		*keys, *offs;
	uint32_t		 ndels;
	const uint32_t		*skeys, *soffs;
	uint32_t		 nskel;
	const uint32_t		*s1keys, *s1offs;
	uint32_t		 nskel1;
	const uint32_t		*dbuck, *sbuck, *s1buck; /* buckets: see above */
	const uint32_t		*bloom;
	const uint32_t		*pkeys, *pbuck, *tkeys, *tbuck;
	const unsigned char	*pvals, *pbos, *tvals;
	uint32_t		 npairs, ntris;
	unsigned		 start_bo, end_freq;
	/* the far candidates' index (see above) */
	uint32_t		 nfar, nflist;
	const uint32_t		*fstart, *foffs;
	const uint16_t		*fkeys, *flist;
	const unsigned char	*fnpairs;
	/* pronunciations (see above) */
	uint32_t		 nsound, nphone;
	const uint32_t		*phoffs, *phat;
	const unsigned char	*phones;
	const int16_t		*phone_spell;
} tt_dictv;

/* Chunks of up to three lowercase ASCII letters, numbered: none, then
 * those of one letter, two and three (tt_dict_chunk()). */
#define TT_DICT_NCHUNK	(1 + 26 + 26 * 26 + 26 * 26 * 26)
static inline unsigned
tt_dict_chunk(const char *s, size_t k)
{
	static const unsigned first[4] = { 0, 1, 1 + 26, 1 + 26 + 26 * 26 };
	unsigned id = 0;
	size_t i;

	for (i = 0; i < k; i++)
		id = id * 26 + (unsigned)(s[i] - 'a');
	return first[k] + id;
}

/* Point v at the embedded dictionary; -1 if it is damaged. */
int		 tt_dict_open(tt_dictv *v);
/* The info byte of w (exact bytes), or -1 if w is not a word. */
int		 tt_dict_info(const tt_dictv *, const char *w, size_t n);
/* The word at blob offset off, and its info. */
const char	*tt_dict_word(const tt_dictv *, uint32_t off, unsigned *info);
/*
 * The words around the one to correct, for ranking its candidates by
 * the language model's n-grams: two words before (or the sentence's
 * start) and two after (or its end), where known.  With no neighbour at
 * all, tt_suggest() takes it for no context.
 */
typedef struct tt_sctx {
	int		 prev, next;	/* 1: the field below is set */
	uint32_t	 prevh;		/* its hash, lowercased */
	double		 prevbo;	/* its back-off, log10 */
	uint32_t	 nexth;
	double		 nextlp;	/* log10 P(next) */
	/* and a word further on each side, for the trigrams */
	int		 prev2, next2;
	uint32_t	 prev2h, next2h;
	double		 bo21;		/* prev2 prev's back-off */
	double		 next2lp;	/* log10 P(next2 | next) */
} tt_sctx;

/* Has x a neighbour to weigh candidates by?  (tt_suggest() takes one
 * that has none for no context.) */
static inline int
tt_sctx_some(const tt_sctx *x)
{
	return x != NULL && (x->prev || x->next);
}

/* The frequency byte of the word at off (see above; 0: unknown). */
static inline unsigned
tt_dict_freq(const tt_dictv *v, uint32_t off)
{
	return v->blob[off - 1];
}
/* How rare a word of freq and info is: -20 log10 of its probability
 * alone, the model's unigram or, for a word the model lacks, a guess: 7
 * plus 0.2 a SCOWL level. */
static inline unsigned
tt_dict_rarity(unsigned freq, unsigned info)
{
	return freq ? freq : 140 + 4 * (info & TT_DICT_LEVEL);
}
/* ... whether it is a less common variant only ... */
static inline int
tt_dict_rarer(const tt_dictv *v, uint32_t off)
{
	return (v->blob[off - 3] & TT_DICT_RARER) != 0;
}
/* ... its length in bytes ... */
static inline size_t
tt_dict_len(const tt_dictv *v, uint32_t off)
{
	return v->blob[off - 3] & (TT_DICT_RARER - 1);
}
/* ... and its back-off byte. */
static inline unsigned
tt_dict_backoff(const tt_dictv *v, uint32_t off)
{
	return v->blob[off - 2];
}
/* -20 log10 P(second | first) of a bigram the model has, or 0; *bo its
 * back-off byte (-40 log10), 0 when it has none. */
unsigned	 tt_dict_pair(const tt_dictv *, uint32_t first, uint32_t second,
		    unsigned *bo);
/* -20 log10 P(third | first, second) of a trigram the model has, or 0. */
unsigned	 tt_dict_tri(const tt_dictv *, uint32_t first, uint32_t second,
		    uint32_t third);
/* The blob offset of w (exact bytes), or 0 if w is not a word. */
uint32_t	 tt_dict_find(const tt_dictv *, const char *w, size_t n);
/* The phones of the word at off (numbers 1 to v->nphone, ended by 0), or
 * NULL if none are known. */
const unsigned char *tt_dict_sound(const tt_dictv *, uint32_t off);
/* The range [*lo, *hi) of the sorted keys equal to key (buckets: the
 * index by their top bits that goes with keys). */
void		 tt_dict_range(const uint32_t *keys, const uint32_t *buckets,
		    int bits, uint32_t key, uint32_t *lo, uint32_t *hi);

/* ------------------------------------------ lib/suggest.c: candidates */

typedef struct tt_sugg {
	uint32_t	 off;		/* the word in the dictionary */
	double		 cost;		/* lower is likelier */
	int		 cost10;	/* the same in tenths */
	int		 tie;		/* of equal costs, lower first:
					   the edit distance in tenths */
	double		 lp;		/* log10 P of it in context */
} tt_sugg;

enum { TT_LANG_US, TT_LANG_GB };

/* Up to max candidates for the word w (UTF-8, any case), likeliest
 * first, in the context ctx if not NULL; returns how many.  Where the
 * first costs more than TT_SUGG_FAR_GATE tenths (or there is none), the
 * common words sharing most of w's letter pairs are candidates too: for
 * a word alone always, in a context only if far. */
#define TT_SUGG_FAR_GATE	20
size_t		 tt_suggest(const tt_dictv *, const char *w, size_t n,
		    int lang, const tt_sctx *ctx, int far, tt_sugg *out,
		    size_t max);
/* log10 P of the dictionary word at off (written w, n bytes) in the
 * context ctx, as tt_suggest() ranks its candidates. */
double		 tt_suggest_logprob(const tt_dictv *, uint32_t off,
		    const char *w, size_t n, const tt_sctx *ctx);
/* The weighted edit distance tt_suggest() ranks by (lowercase input). */
double		 tt_typo_distance(const char *a, size_t an, const char *b,
		    size_t bn);

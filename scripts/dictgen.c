/*
 * dictgen: SCOWL's word lists to the binary dictionary tt-typo embeds.
 *
 *   dictgen SCOWL_DIR OUT [LM]
 *
 * Reads the lists of SCOWL_DIR (Debian's /usr/share/dict/scowl) named
 * CLASS-KIND.LEVEL for the classes english, american, british, british_z,
 * variant_1, variant_2 and special-hacker, and writes OUT (see lib/dict.h
 * for the layout): every word once, with the lowest SCOWL level it
 * appears at and what it is (American or British spelling, capitalized,
 * abbreviation, only a less common variant); an open-addressing hash table
 * of the words; and the index of single-letter deletions of the common
 * words that finds suggestion candidates.
 *
 * LM, when given, is a language model in CMU Sphinx's binary trie format
 * (Debian's pocketsphinx-en-us ships en-us.lm.bin, a trigram model of
 * American English); only its unigram probabilities are read: each word
 * of the dictionary whose lowercased form the model knows gets a
 * frequency byte, -20 log10 P(word), 1 (the commonest) to 255; 0 means
 * the model does not know it.  Its bigrams and trigrams of words the
 * dictionary has are kept too (see lib/dict.h), to rank candidates by the
 * words around them.
 * Build-time only; not installed.
 */
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/dict.h"

struct word {
	char		*w;
	unsigned	 info;
	uint32_t	 off;
	unsigned char	 freq;		/* see above; 0: not in the model */
	unsigned char	 bo;		/* the model's back-off, -40 log10 */
	int		 variant;	/* only seen in variant lists so far */
	int		 rarer;		/* ... only in variant_2 so far */
	int		 offered;	/* suggestable(), for the indexes */
};

#define VARIANT	0x100	/* read from a variant list (not stored) */
#define RARER	0x200	/* ... of the less common variants */
#ifndef COMMON2
#define COMMON2	130	/* frequency byte of the words indexed with two
			   letters out: log10 P >= -6.5 */
#endif

static struct word *words;
static size_t nwords, capwords;

static uint32_t *table;		/* index+1 into words, by hash */

struct pair {
	uint32_t	 key;
	unsigned char	 val;		/* -20 log10 P */
	unsigned char	 bo;		/* -40 log10 back-off (bigrams) */
};
static struct pair *pairs, *tris;
static size_t npairs, ntris;
static unsigned start_bo, end_freq;	/* of <s> and </s> */
static size_t tbits;

static void
die(const char *msg)
{
	fprintf(stderr, "dictgen: %s\n", msg);
	exit(1);
}

static int
level_code(int level)
{
	static const int levels[] = { 10, 20, 35, 40, 50, 55, 60, 70, 80, 95 };
	int i;

	for (i = 0; i < 10; i++)
		if (level <= levels[i])
			return i;
	return 9;
}

static size_t
find(const char *w)
{
	size_t mask = ((size_t)1 << tbits) - 1;
	size_t h = tt_dict_hash(w, strlen(w)) & mask;

	while (table[h] != 0 && strcmp(words[table[h] - 1].w, w) != 0)
		h = (h + 1) & mask;
	return h;
}

static void
add(const char *w, unsigned info)
{
	size_t h = find(w);
	struct word *e;

	if (table[h] != 0) {
		e = &words[table[h] - 1];
		if (!(info & RARER))
			e->rarer = 0;
		/* The lowest level wins; the spelling flags add up, except
		 * that a word both lists have is neither's own.  The variant
		 * lists ("neighbor" beside "neighbour") say nothing of which
		 * side of the Atlantic a word belongs to. */
		if ((info & TT_DICT_LEVEL) < (e->info & TT_DICT_LEVEL))
			e->info = (e->info & ~TT_DICT_LEVEL) |
			    (info & TT_DICT_LEVEL);
		if (info & VARIANT)
			return;
		if (e->variant) {
			e->info |= info & (TT_DICT_US | TT_DICT_GB);
			e->variant = 0;
		} else if ((e->info & (TT_DICT_US | TT_DICT_GB)) !=
		    (info & (TT_DICT_US | TT_DICT_GB)))
			e->info &= ~(TT_DICT_US | TT_DICT_GB);
		e->info |= info & (TT_DICT_ABBR);
		return;
	}
	if (nwords == capwords) {
		capwords = capwords ? capwords * 2 : 65536;
		if ((words = realloc(words, capwords * sizeof(*words))) == NULL)
			die("out of memory");
	}
	if ((words[nwords].w = strdup(w)) == NULL)
		die("out of memory");
	words[nwords].info = info & 0xff;
	words[nwords].variant = (info & VARIANT) != 0;
	words[nwords].rarer = (info & RARER) != 0;
	table[h] = (uint32_t)++nwords;
	if (nwords * 10 > ((size_t)7 << tbits))
		die("hash table too small");
}

/*
 * w with its accented Latin letters (U+00C0-U+00FF) written as the
 * letters they are made from, into out: "attachés" as "attaches",
 * "café" as "cafe", as English is mostly typed.  0 if w has none, or has
 * another non-ASCII character.
 */
static int
fold(const char *w, char *out, size_t cap)
{
	/* U+00C0 to U+00FF; "" where the character is not a letter */
	static const char *const base[64] = {
		"A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E",
		"I", "I", "I", "I", "D", "N", "O", "O", "O", "O", "O", "",
		"O", "U", "U", "U", "U", "Y", "TH", "ss",
		"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
		"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "",
		"o", "u", "u", "u", "u", "y", "th", "y"
	};
	const unsigned char *p = (const unsigned char *)w;
	size_t n = 0;
	int folded = 0;

	for (; *p != '\0'; p++) {
		const char *b;

		if (*p < 0x80) {
			if (n + 1 >= cap)
				return 0;
			out[n++] = (char)*p;
			continue;
		}
		if (*p != 0xc3 || p[1] < 0x80 || p[1] > 0xbf)
			return 0;
		b = base[*++p - 0x80];
		if (*b == '\0' || n + strlen(b) >= cap)
			return 0;
		while (*b != '\0')
			out[n++] = *b++;
		folded = 1;
	}
	out[n] = '\0';
	return folded;
}

static void
read_list(const char *dir, const char *name, unsigned info)
{
	char path[4096], line[512], ascii[TT_DICT_MAXWORD];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "r")) == NULL)
		die("cannot read a list");
	while (fgets(line, sizeof(line), fp) != NULL) {
		size_t n = strcspn(line, "\r\n");
		unsigned i = info;

		line[n] = '\0';
		if (n == 0 || n >= TT_DICT_MAXWORD)
			continue;
		if ((line[0] >= 'A' && line[0] <= 'Z') ||
		    (unsigned char)line[0] >= 0xc0)
			i |= TT_DICT_CAP;
		add(line, i);
		if (fold(line, ascii, sizeof(ascii)))
			add(ascii, i);
	}
	fclose(fp);
}

static unsigned char *
slurp(const char *path, size_t *size)
{
	unsigned char *d = NULL;
	size_t cap = 0, n = 0, r;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		die("cannot read the language model");
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 24;
			if ((d = realloc(d, cap)) == NULL)
				die("out of memory");
		}
		r = fread(d + n, 1, cap - n, fp);
		n += r;
	} while (r > 0);
	if (ferror(fp))
		die("cannot read the language model");
	fclose(fp);
	*size = n;
	return d;
}

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* The lowercase form of w, into out (ASCII letters only are folded). */
static void
lowercase(const char *w, char *out)
{
	while (*w != '\0') {
		*out++ = (char)(*w >= 'A' && *w <= 'Z' ? *w + 32 : *w);
		w++;
	}
	*out = '\0';
}

struct lmword {
	const char	*w;
	uint32_t	 hash;
	unsigned	 freq, bo;
	int		 known;		/* the dictionary has it */
};

/* A float of the model, a log in base 1.0001, as log10. */
static double
lprob(const unsigned char *p)
{
	uint32_t bits = get32(p);
	float f;

	memcpy(&f, &bits, 4);
	return f * 4.3427276862669e-5;	/* log10(1.0001) */
}

static unsigned
bits_for(uint32_t max)
{
	unsigned r = 1;

	while (max >>= 1)
		r++;
	return r;
}

/* n bits at bit offset off of a (the model's bit-packed arrays) */
static uint32_t
getbits(const unsigned char *a, size_t off, unsigned n)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t)a[(off >> 3) + i] << (8 * i);
	return (uint32_t)(v >> (off & 7)) & ((1u << n) - 1);
}

static int
cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/* x rounded into a byte, at least lo. */
static unsigned char
byte(double x, unsigned lo)
{
	return x < lo ? (unsigned char)lo : x > 255 ? 255 :
	    (unsigned char)(x + 0.5);
}

static void
add_ngram(struct pair **v, size_t *n, size_t *cap, uint32_t key, double f,
    double bo)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 1 << 21;
		if ((*v = realloc(*v, *cap * sizeof(**v))) == NULL)
			die("out of memory");
	}
	(*v)[*n].key = key;
	(*v)[*n].val = byte(f, 1);
	(*v)[*n].bo = byte(bo, 0);
	(*n)++;
}

/*
 * The bigrams and trigrams of the words the dictionary has.  quant: the
 * quantization tables (2^16 floats each: bigram probabilities, their
 * back-offs, trigram probabilities).  The bigrams are the model's first
 * middle array: after the unigrams,
 * entries of (word bits: the previous word; 16 bits: back-off; 16 bits:
 * probability, both indexes into the quantization tables; next bits),
 * those of unigram u (the word predicted) from unigrams[u].next to
 * unigrams[u + 1].next; each has the range of its trigrams in the last
 * array the same way, entries of (word bits: the first word; 16 bits:
 * probability).
 */
static void
read_ngrams(const unsigned char *d, size_t size, const unsigned char *quant,
    size_t uni, uint32_t nuni, uint32_t nbi, uint32_t ntri, int order,
    const struct lmword *lm)
{
	const unsigned char *ptab = quant;
	const unsigned char *btab = ptab + 4 * ((size_t)1 << 16);
	const unsigned char *ltab = btab + 4 * ((size_t)1 << 16);
	const unsigned char *mid = d + uni + ((size_t)nuni + 1) * 12;
	unsigned wb = bits_for(nuni), nb = bits_for(ntri);
	unsigned tb = wb + 32 + nb, lb = wb + 16;
	const unsigned char *lng = mid + ((1 + (size_t)nbi) * tb + 7) / 8 + 8;
	size_t capp = 0, capt = 0;
	uint32_t u, i, j;

	if ((size_t)(mid - d) + ((1 + (size_t)nbi) * tb + 7) / 8 + 8 > size ||
	    (order > 2 && (size_t)(lng - d) + ((1 + (size_t)ntri) * lb + 7) /
	    8 + 8 > size))
		die("the language model's n-grams are damaged");
	for (u = 0; u < nuni; u++) {
		uint32_t b = get32(d + uni + 12 * (size_t)u + 8);
		uint32_t e = get32(d + uni + 12 * ((size_t)u + 1) + 8);

		if (e < b || e > nbi + 1)
			die("the language model's bigrams are damaged");
		if (!lm[u].known)
			continue;
		for (i = b; i < e; i++) {
			size_t off = (size_t)i * tb;
			uint32_t prev = getbits(mid, off, wb), tb0, te;
			uint32_t bq = getbits(mid, off + wb, 16);
			uint32_t q = getbits(mid, off + wb + 16, 16);
			uint32_t key;

			if (prev >= nuni || !lm[prev].known)
				continue;
			key = tt_dict_pairkey(lm[prev].hash, lm[u].hash);
			add_ngram(&pairs, &npairs, &capp, key,
			    -20.0 * lprob(ptab + 4 * (size_t)q),
			    -40.0 * lprob(btab + 4 * (size_t)bq));
			if (order < 3)
				continue;
			/* "first prev u": under the bigram, its trigrams */
			tb0 = getbits(mid, off + wb + 32, nb);
			te = getbits(mid, off + tb + wb + 32, nb);
			if (te < tb0 || te > ntri)
				die("the language model's trigrams are damaged");
			for (j = tb0; j < te; j++) {
				size_t lo = (size_t)j * lb;
				uint32_t first = getbits(lng, lo, wb);

				if (first >= nuni || !lm[first].known)
					continue;
				add_ngram(&tris, &ntris, &capt,
				    tt_dict_trikey(lm[first].hash, key),
				    -20.0 * lprob(ltab + 4 *
				    (size_t)getbits(lng, lo + wb, 16)), 0);
			}
		}
	}
	qsort(pairs, npairs, sizeof(*pairs), cmp_pair);
	qsort(tris, ntris, sizeof(*tris), cmp_pair);
}

/*
 * Sphinx's trie format (sphinxbase's ngram_model_trie.c), little-endian:
 * "Trie Language Model", u8 order, u32 counts[order]; for order > 1 an
 * i32 and the quantization tables, 2^16 floats for each middle order's
 * probabilities and back-offs and for the last order's probabilities;
 * then counts[0] + 1 unigrams of (float log probability in base 1.0001,
 * float back-off, u32 next); the higher orders; and at the end an i32 k
 * and k bytes of NUL-terminated words, one per unigram, in order.
 */
static void
read_lm(const char *path)
{
	static const char hdr[] = "Trie Language Model";
	size_t size, hl = sizeof(hdr) - 1, uni, wstart, i, j, p;
	unsigned char *d = slurp(path, &size);
	const unsigned char *quant;
	uint32_t order, nuni;
	char low[TT_DICT_MAXWORD];
	size_t lowmap_bits = 20, *lowmap;
	struct lmword *lm;

	if (size < hl + 1 || memcmp(d, hdr, hl) != 0)
		die("the language model is not in Sphinx's trie format");
	order = d[hl];
	if (order < 1 || order > 6 || size < hl + 1 + 4 * order + 4)
		die("the language model's header is damaged");
	nuni = get32(d + hl + 1);
	uni = hl + 1 + 4 * (size_t)order;
	quant = d + uni + 4;		/* after an i32 */
	if (order > 1)
		uni += 4 + (size_t)4 * ((2 * (order - 2) + 1) << 16);
	/* The words block: k bytes at the end, after k.  Its first word
	 * ends at the nuni-th NUL from the end; it starts where the four
	 * bytes before it say how many bytes are left. */
	for (i = size, j = 0; i > uni && j < nuni; i--)
		if (d[i - 1] == '\0')
			j++;
	for (wstart = 0; j == nuni && i > uni + 4 && size - i < 1u << 30;
	    i--)
		if (get32(d + i - 4) == size - i) {
			wstart = i;
			break;
		}
	if (wstart == 0 || uni + ((size_t)nuni + 1) * 12 > wstart - 4)
		die("the language model's unigrams are damaged");
	/* lowercase dictionary forms -> the words having them */
	if ((lowmap = calloc((size_t)1 << lowmap_bits, sizeof(*lowmap))) ==
	    NULL)
		die("out of memory");
	for (i = 0; i < nwords; i++) {
		size_t h;

		lowercase(words[i].w, low);
		h = tt_dict_hash(low, strlen(low)) &
		    (((size_t)1 << lowmap_bits) - 1);
		/* chain through the free field off: index + 1 */
		words[i].off = (uint32_t)lowmap[h];
		lowmap[h] = i + 1;
	}
	if ((lm = calloc(nuni, sizeof(*lm))) == NULL)
		die("out of memory");
	for (i = 0, p = wstart; i < nuni; i++) {
		const char *w = (const char *)d + p;
		size_t n = strlen(w), h, e;
		double f = -20.0 * lprob(d + uni + 12 * i);
		double b = -40.0 * lprob(d + uni + 12 * i + 4);

		p += n + 1;
		lm[i].w = w;
		lm[i].hash = tt_dict_hash(w, n);
		lm[i].bo = byte(b, 0);
		if (!(f >= 0.5))
			f = 1;		/* <s> and the like */
		lm[i].freq = byte(f, 1);
		if (strcmp(w, "<s>") == 0)
			lm[i].known = 1, start_bo = lm[i].bo;
		if (strcmp(w, "</s>") == 0)
			lm[i].known = 1, end_freq = lm[i].freq;
		if (n == 0 || n >= TT_DICT_MAXWORD)
			continue;
		h = lm[i].hash & (((size_t)1 << lowmap_bits) - 1);
		for (e = lowmap[h]; e != 0; e = words[e - 1].off) {
			lowercase(words[e - 1].w, low);
			if (strcmp(low, w) != 0)
				continue;
			lm[i].known = 1;
			if (words[e - 1].freq == 0 ||
			    words[e - 1].freq > lm[i].freq) {
				words[e - 1].freq = (unsigned char)lm[i].freq;
				words[e - 1].bo = (unsigned char)lm[i].bo;
			}
		}
	}
	if (order > 1)
		read_ngrams(d, size, quant, uni, nuni, get32(d + hl + 1 + 4),
		    order > 2 ? get32(d + hl + 1 + 8) : 0, order, lm);
	free(lm);
	for (i = 0; i < nwords; i++)
		words[i].off = 0;
	free(lowmap);
	free(d);
}

static int
cmp_word(const void *a, const void *b)
{
	return strcmp(((const struct word *)a)->w, ((const struct word *)b)->w);
}

/*
 * Words that are accepted but never offered as a correction: obscenities
 * and slurs, which no typo of another word should turn into ("Sespite"
 * was corrected to "Despite, Spite, ..., Shit"), as hunspell's NOSUGGEST
 * flag does.  Whole words only (not "niggardly", "shiitake" or
 * "Scunthorpe"), lowercase, with their possessives.
 */
static const char *const never_suggest[] = {
	"arsehole", "arseholes", "asshole", "assholes", "bullshit",
	"bullshits", "bullshitted", "bullshitter", "bullshitters",
	"bullshitting", "chickenshit", "chickenshits", "cocksucker",
	"cocksuckers", "coon", "coons", "cunt", "cunts", "dickhead",
	"dickheads", "faggot", "faggots", "fuck", "fucked", "fucker",
	"fuckers", "fuckhead", "fuckheads", "fucking", "fucks",
	"horseshit", "kike", "kikes", "kraut", "krauts", "motherfucker",
	"motherfuckers", "motherfucking", "nigga", "niggas", "niggaz",
	"nigger", "niggers", "shit", "shitfaced", "shithead", "shitheads",
	"shitload", "shitloads", "shits", "shitted", "shittier",
	"shittiest", "shitting", "shitty", "twat", "twats", "wetback",
	"wetbacks", "wop", "wops"
};

/* Is w offered as a correction: common enough, and not one of those? */
static int
suggestable(const struct word *w)
{
	char low[TT_DICT_MAXWORD];
	size_t i;

	if ((w->info & TT_DICT_LEVEL) > TT_DICT_SUGGEST_MAX || w->rarer)
		return 0;
	lowercase(w->w, low);
	i = strlen(low);
	if (i > 2 && strcmp(low + i - 2, "'s") == 0)
		low[i - 2] = '\0';	/* and their possessives */
	for (i = 0; i < sizeof(never_suggest) / sizeof(never_suggest[0]); i++)
		if (strcmp(low, never_suggest[i]) == 0)
			return 0;
	return 1;
}

struct del {
	uint32_t	 key, off;
	unsigned	 rarity;	/* skeletons: tt_dict_rarity() */
};

static int
cmp_del(const void *a, const void *b)
{
	const struct del *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* By key, each key's words commonest first. */
static int
cmp_skel(const void *a, const void *b)
{
	const struct del *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->rarity != y->rarity)
		return x->rarity < y->rarity ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

static void
put32(FILE *fp, uint32_t v)
{
	unsigned char b[4] = { v & 255, (v >> 8) & 255, (v >> 16) & 255,
	    v >> 24 };

	fwrite(b, 1, 4, fp);
}

/* For each value of a key's top bits, the first index with it (and
 * the end): look-ups go straight to a bucket of a few entries. */
static void
put_buckets(FILE *out, const void *v, size_t stride, size_t n, int bits)
{
	size_t b, i = 0;

	for (b = 0; b <= ((size_t)1 << bits); b++) {
		while (i < n && (*(const uint32_t *)(const void *)((const char *)
		    v + i * stride) >> (32 - bits)) < b)
			i++;
		put32(out, (uint32_t)i);
	}
}

static void
put16s(FILE *out, const uint16_t *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fputc(v[i] & 255, out);
		fputc(v[i] >> 8, out);
	}
	for (i = 2 * n; i % 4 != 0; i++)
		fputc(0, out);
}

/* The far candidates' index (dict.h, "far"); lm: a language model was
 * read. */
static void
put_far(FILE *out, int lm)
{
	uint16_t pr[TT_DICT_MAXWORD + 2], *keys, *list;
	uint32_t start[TT_DICT_NPAIR + 1] = { 0 }, bykey[TT_DICT_NFARKEY +
	    1] = { 0 }, *num, *order, nfar = 0, nlist = 0, k, t;
	unsigned char *np;
	size_t i, len;
	int m, j;

	if ((num = malloc(nwords * sizeof(*num))) == NULL)
		die("out of memory");
	/* which words, numbered in blob order, and how many of each */
	for (i = 0; i < nwords; i++) {
		len = strlen(words[i].w);
		num[i] = UINT32_MAX;
		if (nfar == UINT16_MAX || !words[i].offered ||
		    !tt_dict_far_word(len,
		    words[i].info, words[i].freq, lm) ||
		    (m = tt_dict_pairs(words[i].w, len, pr)) < 0)
			continue;
		num[i] = nfar++;
		bykey[tt_dict_farkey(words[i].w[0], len) + 1]++;
		for (j = 0; j < m; j++)
			start[pr[j] + 1]++;
		nlist += (uint32_t)m;
	}
	keys = malloc(nfar * sizeof(*keys) + 1);
	np = malloc(nfar + 1);
	order = malloc(nfar * sizeof(*order) + 1);
	list = malloc(nlist * sizeof(*list) + 1);
	if (keys == NULL || np == NULL || order == NULL || list == NULL)
		die("out of memory");
	for (t = 1; t <= TT_DICT_NFARKEY; t++)
		bykey[t] += bykey[t - 1];
	for (t = 1; t <= TT_DICT_NPAIR; t++)
		start[t] += start[t - 1];
	put32(out, nfar);
	put32(out, nlist);
	for (t = 0; t <= TT_DICT_NPAIR; t++)
		put32(out, start[t]);
	for (i = 0; i < nwords; i++)
		if (num[i] != UINT32_MAX) {
			len = strlen(words[i].w);
			k = num[i];
			keys[k] = (uint16_t)tt_dict_farkey(words[i].w[0], len);
			np[k] = (unsigned char)tt_dict_pairs(words[i].w, len,
			    pr);
			order[bykey[keys[k]]++] = (uint32_t)i;
			put32(out, words[i].off);
		}
	/* each pair's list in the order of the keys */
	for (t = 0; t < nfar; t++) {
		i = order[t];
		m = tt_dict_pairs(words[i].w, strlen(words[i].w), pr);
		for (j = 0; j < m; j++)
			list[start[pr[j]]++] = (uint16_t)num[i];
	}
	put16s(out, keys, nfar);
	fwrite(np, 1, nfar, out);
	for (t = nfar; t % 4 != 0; t++)
		fputc(0, out);
	put16s(out, list, nlist);
	free(num);
	free(keys);
	free(np);
	free(order);
	free(list);
}

/*
 * Pronunciations, for ranking the candidates of a word alone by how its
 * letters could spell their sounds ("sersif" spells surface's sounds
 * better than service's).  CMU's pronouncing dictionary (pocketsphinx-
 * en-us ships it) gives each word its phones; from its words of letters
 * alone, how each phone is written -- by up to three letters, or none --
 * is learnt by aligning letters and phones (hard EM: SOUND_ITER rounds of
 * the likeliest alignment of each word, then counting).  Written out:
 * each dictionary word's phones (those of its lowercase form), and for
 * each phone and each chunk of letters tt_dict_chunk() numbers, the log
 * of its probability mixed with a little of any chunk's (SOUND_LAMBDA),
 * in hundredths of a nat (dict.h, "sounds").
 */
#define SOUND_ITER	4
#define SOUND_LAMBDA	0.9
#define SOUND_TRAIN_LEN	14	/* words learnt from: this long at most */
#define NPHONE_MAX	64
#define PRON_MAX	(TT_DICT_MAXWORD * 2)

struct pron {
	char		*w;
	unsigned char	*ph;		/* phone numbers from 1, then 0 */
};
static struct pron *prons;
static size_t nprons, capprons;
static char phone_name[NPHONE_MAX][8];
static int nphone;
static int16_t *emit_tab;		/* [nphone][TT_DICT_NCHUNK] */

static int
phone_code(const char *name, size_t n)
{
	int k;

	while (n > 0 && name[n - 1] >= '0' && name[n - 1] <= '9')
		n--;			/* stress */
	if (n == 0 || n >= sizeof(phone_name[0]))
		return -1;
	for (k = 0; k < nphone; k++)
		if (strlen(phone_name[k]) == n &&
		    memcmp(phone_name[k], name, n) == 0)
			return k + 1;
	if (nphone == NPHONE_MAX)
		return -1;
	memcpy(phone_name[nphone], name, n);
	phone_name[nphone][n] = '\0';
	return ++nphone;
}

static int
cmp_pron(const void *a, const void *b)
{
	return strcmp(((const struct pron *)a)->w,
	    ((const struct pron *)b)->w);
}

/* path's words (lowercase letters and apostrophes; a word's first
 * pronunciation only) and their phones, sorted by word. */
static void
read_prons(const char *path)
{
	char line[1024];
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL)
		die("cannot read the pronouncing dictionary");
	while (fgets(line, sizeof(line), fp) != NULL) {
		unsigned char ph[PRON_MAX];
		size_t n = strcspn(line, " \t\r\n"), m = 0, i;
		char *p = line + n;
		int ok = n > 0 && n < TT_DICT_MAXWORD;

		for (i = 0; i < n && ok; i++)
			ok = (line[i] >= 'a' && line[i] <= 'z') ||
			    line[i] == '\'';
		while (ok && *p != '\0' && *p != '\r' && *p != '\n') {
			size_t k;
			int code;

			p += strspn(p, " \t");
			if ((k = strcspn(p, " \t\r\n")) == 0)
				break;
			if (m + 1 >= sizeof(ph) || (code = phone_code(p,
			    k)) < 0)
				ok = 0;
			else
				ph[m++] = (unsigned char)code;
			p += k;
		}
		if (!ok || m == 0)
			continue;
		ph[m++] = 0;
		if (nprons == capprons) {
			capprons = capprons ? capprons * 2 : 65536;
			if ((prons = realloc(prons, capprons *
			    sizeof(*prons))) == NULL)
				die("out of memory");
		}
		line[n] = '\0';
		if ((prons[nprons].w = strdup(line)) == NULL ||
		    (prons[nprons].ph = malloc(m)) == NULL)
			die("out of memory");
		memcpy(prons[nprons].ph, ph, m);
		nprons++;
	}
	fclose(fp);
	qsort(prons, nprons, sizeof(*prons), cmp_pron);
}

/* One round: the likeliest alignment of each word's letters with its
 * phones under logp, its chunks counted into count. */
static void
align_all(const double *logp, double *count)
{
	double best[(SOUND_TRAIN_LEN + 1) * (PRON_MAX + 1)];
	unsigned char back[(SOUND_TRAIN_LEN + 1) * (PRON_MAX + 1)];
	size_t w, i, j, k, n, m;

	for (w = 0; w < nprons; w++) {
		const char *s = prons[w].w;
		const unsigned char *ph = prons[w].ph;

		n = strlen(s);
		m = strlen((const char *)ph);
		if (n > SOUND_TRAIN_LEN || strchr(s, '\'') != NULL)
			continue;
		for (i = 0; i < (n + 1) * (m + 1); i++)
			best[i] = -1e300;
		best[0] = 0;
		for (j = 0; j < m; j++)
			for (i = 0; i <= n; i++) {
				double b = best[i * (m + 1) + j];

				if (b <= -1e299)
					continue;
				for (k = 0; k <= 3 && i + k <= n; k++) {
					double e = logp[(size_t)(ph[j] - 1) *
					    TT_DICT_NCHUNK + tt_dict_chunk(s + i,
					    k)];
					double *t = &best[(i + k) * (m + 1) +
					    j + 1];

					if (b + e > *t) {
						*t = b + e;
						back[(i + k) * (m + 1) + j + 1] =
						    (unsigned char)k;
					}
				}
			}
		if (best[n * (m + 1) + m] <= -1e299)
			continue;
		for (i = n, j = m; j > 0; j--) {
			k = back[i * (m + 1) + j];
			i -= k;
			count[(size_t)(ph[j - 1] - 1) * TT_DICT_NCHUNK +
			    tt_dict_chunk(s + i, k)] += 1;
		}
	}
}

/* How many letters chunk id (tt_dict_chunk()) has. */
static int
chunk_len(size_t id)
{
	return id == 0 ? 0 : id < 1 + 26 ? 1 : id < 1 + 26 + 26 * 26 ? 2 : 3;
}

/* Learn how each phone is written, into emit_tab. */
static void
learn_sounds(void)
{
	size_t cells = (size_t)nphone * TT_DICT_NCHUNK, p, id;
	double *count = malloc(cells * sizeof(double));
	double *logp = malloc(cells * sizeof(double));
	double total[NPHONE_MAX];
	int it;

	if (count == NULL || logp == NULL ||
	    (emit_tab = malloc(cells * sizeof(*emit_tab))) == NULL)
		die("out of memory");
	/* the first round's guess: a letter a phone rather than none or
	 * several */
	for (id = 0; id < cells; id++) {
		int k = chunk_len(id % TT_DICT_NCHUNK);

		logp[id] = k == 0 ? -2 : -0.5 * (k > 1 ? k - 1 : 0);
	}
	for (it = 0; it < SOUND_ITER; it++) {
		memset(count, 0, cells * sizeof(double));
		align_all(logp, count);
		for (p = 0; p < (size_t)nphone; p++) {
			total[p] = 0;
			for (id = 0; id < TT_DICT_NCHUNK; id++)
				total[p] += count[p * TT_DICT_NCHUNK + id];
			for (id = 0; id < TT_DICT_NCHUNK; id++) {
				double c = count[p * TT_DICT_NCHUNK + id];

				logp[p * TT_DICT_NCHUNK + id] = log(c > 0 ?
				    c / total[p] : 1e-6);
			}
		}
	}
	/* the last round's counts, mixed with any chunk of k letters: a
	 * quarter for each k, a 26th for each letter */
	for (p = 0; p < (size_t)nphone; p++)
		for (id = 0; id < TT_DICT_NCHUNK; id++) {
			double c = count[p * TT_DICT_NCHUNK + id];
			double lp = log(SOUND_LAMBDA * (total[p] > 0 ? c /
			    total[p] : 0) + (1 - SOUND_LAMBDA) * 0.25 *
			    pow(26, -chunk_len(id))) * 100;

			emit_tab[p * TT_DICT_NCHUNK + id] = (int16_t)(lp <
			    INT16_MIN ? INT16_MIN : lp - 0.5);
		}
	free(count);
	free(logp);
}

/* The phones of the dictionary's word w: those of its lowercase form. */
static const unsigned char *
pron_of(const char *w)
{
	char low[TT_DICT_MAXWORD];
	struct pron key, *p;

	lowercase(w, low);
	key.w = low;
	p = bsearch(&key, prons, nprons, sizeof(*prons), cmp_pron);
	return p != NULL ? p->ph : NULL;
}

/* The sounds section (dict.h): empty without a pronouncing dictionary. */
static void
put_sounds(FILE *out)
{
	const unsigned char **ph = calloc(nwords + 1, sizeof(*ph));
	size_t i, k, nsound = 0, nbytes = 0;

	if (ph == NULL)
		die("out of memory");
	for (i = 0; i < nwords && nprons > 0; i++)
		if ((ph[i] = pron_of(words[i].w)) != NULL) {
			nsound++;
			nbytes += strlen((const char *)ph[i]) + 1;
		}
	put32(out, (uint32_t)nsound);
	put32(out, (uint32_t)nbytes);
	put32(out, nprons > 0 ? (uint32_t)nphone : 0);
	for (i = 0; i < nwords; i++)
		if (ph[i] != NULL)
			put32(out, words[i].off);
	for (i = 0, nbytes = 0; i < nwords; i++)
		if (ph[i] != NULL) {
			put32(out, (uint32_t)nbytes);
			nbytes += strlen((const char *)ph[i]) + 1;
		}
	for (i = 0; i < nwords; i++)
		if (ph[i] != NULL)
			fwrite(ph[i], 1, strlen((const char *)ph[i]) + 1, out);
	for (i = nbytes; i % 4 != 0; i++)
		fputc(0, out);
	free(ph);
	if (nprons == 0)
		return;
	for (i = 0; i < TT_DICT_NCHUNK; i++)	/* by chunk, then phone */
		for (k = 0; k < (size_t)nphone; k++) {
			int16_t e = emit_tab[k * TT_DICT_NCHUNK + i];

			fputc((uint16_t)e & 255, out);
			fputc((uint16_t)e >> 8, out);
		}
	for (i = (size_t)nphone * TT_DICT_NCHUNK * 2; i % 4 != 0; i++)
		fputc(0, out);
}

int
main(int argc, char *argv[])
{
	static const struct {
		const char	*cls;
		unsigned	 info;
	} classes[] = {
		{ "english", 0 }, { "american", TT_DICT_US },
		{ "british", TT_DICT_GB }, { "british_z", TT_DICT_GB },
		{ "variant_1", VARIANT }, { "variant_2", VARIANT | RARER },
		{ "special", 0 }
	};
	static const struct {
		const char	*kind;
		unsigned	 info;
	} kinds[] = {
		{ "words", 0 }, { "upper", 0 }, { "proper-names", 0 },
		{ "contractions", 0 }, { "abbreviations", TT_DICT_ABBR },
		{ "hacker", 0 }, { "roman-numerals", 0 }
	};
	struct dirent *de;
	struct del *dels = NULL, *skel = NULL, *skel1 = NULL;
	size_t ndels = 0, capdels = 0, nskel = 0, capskel = 0, i, j, blob = 0;
	size_t nskel1 = 0, capskel1 = 0;
	FILE *out;
	int lm;
	DIR *d;

	if (argc < 3 || argc > 5)
		die("usage: dictgen SCOWL_DIR OUT [LM|- [PRONS]]");
	lm = argc >= 4 && strcmp(argv[3], "-") != 0;
	tbits = 20;
	if ((table = calloc((size_t)1 << tbits, sizeof(*table))) == NULL)
		die("out of memory");
	if ((d = opendir(argv[1])) == NULL)
		die("cannot open the SCOWL directory");
	while ((de = readdir(d)) != NULL) {
		const char *n = de->d_name, *dash = strchr(n, '-'), *dot;

		if (dash == NULL || (dot = strrchr(n, '.')) == NULL)
			continue;
		for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
			if (strlen(classes[i].cls) != (size_t)(dash - n) ||
			    strncmp(n, classes[i].cls, (size_t)(dash - n)))
				continue;
			for (j = 0; j < sizeof(kinds) / sizeof(kinds[0]); j++)
				if (strlen(kinds[j].kind) ==
				    (size_t)(dot - dash - 1) &&
				    strncmp(dash + 1, kinds[j].kind,
				    (size_t)(dot - dash - 1)) == 0)
					read_list(argv[1], n, classes[i].info |
					    kinds[j].info |
					    (unsigned)level_code(atoi(dot + 1)));
		}
	}
	closedir(d);
	if (nwords == 0)
		die("no SCOWL lists found");
	if (lm)
		read_lm(argv[3]);
	if (argc == 5 && strcmp(argv[4], "-") != 0) {
		read_prons(argv[4]);
		learn_sounds();
	}

	/* Sorted, so that the file is the same from run to run. */
	qsort(words, nwords, sizeof(*words), cmp_word);
	for (i = 0; i < nwords; i++) {
		words[i].off = (uint32_t)blob + 3;	/* the info byte */
		blob += 4 + strlen(words[i].w) + 1;
	}
	memset(table, 0, ((size_t)1 << tbits) * sizeof(*table));
	for (i = 0; i < nwords; i++) {
		size_t h = find(words[i].w);

		table[h] = (uint32_t)i + 1;
	}
	for (i = 0; i < nwords; i++)
		words[i].offered = suggestable(&words[i]);
	/* Deletions of the words common enough to suggest. */
	for (i = 0; i < nwords; i++) {
		char low[TT_DICT_MAXWORD], tmp[TT_DICT_MAXWORD];
		size_t n = strlen(words[i].w), k;

		if (!words[i].offered)
			continue;
		lowercase(words[i].w, low);
		for (k = 0; k <= n; k++) {
			size_t m;

			if (ndels + 1 >= capdels) {
				capdels = capdels ? capdels * 2 : 1 << 20;
				if ((dels = realloc(dels, capdels *
				    sizeof(*dels))) == NULL)
					die("out of memory");
			}
			if (k == n) {	/* the word itself */
				dels[ndels].key = tt_dict_hash(low, n);
			} else {
				if (k > 0 && low[k] == low[k - 1])
					continue;	/* same deletion */
				memcpy(tmp, low, k);
				memcpy(tmp + k, low + k + 1, n - k);
				m = n - 1;
				dels[ndels].key = tt_dict_hash(tmp, m);
			}
			dels[ndels++].off = words[i].off;
		}
		/* The commonest words with two letters taken out too: the
		 * typos furthest from their word are mostly of these ("wond"
		 * for would, "wiy" for with). */
		if (words[i].freq == 0 || words[i].freq > COMMON2 || n < 3 ||
		    n >= TT_DICT_MAXWORD)
			continue;
		for (k = 0; k < n; k++)
			for (j = k + 1; j < n; j++) {
				size_t m = 0, q;

				if (ndels + 1 >= capdels) {
					capdels *= 2;
					if ((dels = realloc(dels, capdels *
					    sizeof(*dels))) == NULL)
						die("out of memory");
				}
				for (q = 0; q < n; q++)
					if (q != k && q != j)
						tmp[m++] = low[q];
				dels[ndels].key = tt_dict_hash(tmp, m);
				dels[ndels++].off = words[i].off;
			}
	}
	qsort(dels, ndels, sizeof(*dels), cmp_del);
	for (i = j = 0; i < ndels; i++)		/* the same key twice */
		if (j == 0 || dels[i].key != dels[j - 1].key ||
		    dels[i].off != dels[j - 1].off)
			dels[j++] = dels[i];
	ndels = j;
	/* Consonant skeletons of the same words. */
	for (i = 0; i < nwords; i++) {
		char sk[TT_DICT_MAXWORD];
		size_t m;

		if (!words[i].offered)
			continue;
		if (nskel == capskel) {
			capskel = capskel ? capskel * 2 : 1 << 18;
			if ((skel = realloc(skel, capskel * sizeof(*skel))) ==
			    NULL)
				die("out of memory");
		}
		m = tt_dict_skeleton(words[i].w, strlen(words[i].w), sk,
		    sizeof(sk));
		skel[nskel].key = tt_dict_hash(sk, m);
		skel[nskel].rarity = tt_dict_rarity(words[i].freq,
		    words[i].info);
		skel[nskel++].off = words[i].off;
		/* and with each of its sounds dropped in turn (a skeleton
		 * has no sound twice in a row, so each is another key) */
		for (j = 0; m >= 3 && j < m; j++) {
			char tmp[TT_DICT_MAXWORD];

			if (nskel1 == capskel1) {
				capskel1 = capskel1 ? capskel1 * 2 : 1 << 20;
				if ((skel1 = realloc(skel1, capskel1 *
				    sizeof(*skel1))) == NULL)
					die("out of memory");
			}
			memcpy(tmp, sk, j);
			memcpy(tmp + j, sk + j + 1, m - j - 1);
			skel1[nskel1].key = tt_dict_hash(tmp, m - 1);
			skel1[nskel1].rarity = skel[nskel - 1].rarity;
			skel1[nskel1++].off = words[i].off;
		}
	}
	qsort(skel, nskel, sizeof(*skel), cmp_skel);
	qsort(skel1, nskel1, sizeof(*skel1), cmp_skel);

	if ((out = fopen(argv[2], "wb")) == NULL)
		die("cannot write the output");
	put32(out, TT_DICT_MAGIC);
	put32(out, (uint32_t)nwords);
	put32(out, (uint32_t)blob);
	put32(out, (uint32_t)tbits);
	put32(out, (uint32_t)ndels);
	for (i = 0; i < nwords; i++) {
		fputc((int)strlen(words[i].w) | (words[i].rarer ?
		    TT_DICT_RARER : 0), out);
		fputc((int)words[i].bo, out);
		fputc((int)words[i].freq, out);
		fputc((int)words[i].info, out);
		fwrite(words[i].w, 1, strlen(words[i].w) + 1, out);
	}
	while (blob++ % 4 != 0)
		fputc(0, out);
	for (i = 0; i < ((size_t)1 << tbits); i++)
		put32(out, table[i] ? words[table[i] - 1].off + 1 : 0);
	for (i = 0; i < ndels; i++)
		put32(out, dels[i].key);
	for (i = 0; i < ndels; i++)
		put32(out, dels[i].off);
	put32(out, (uint32_t)nskel);
	for (i = 0; i < nskel; i++)
		put32(out, skel[i].key);
	for (i = 0; i < nskel; i++)
		put32(out, skel[i].off);
	put32(out, (uint32_t)nskel1);
	for (i = 0; i < nskel1; i++)
		put32(out, skel1[i].key);
	for (i = 0; i < nskel1; i++)
		put32(out, skel1[i].off);
	put_buckets(out, dels, sizeof(*dels), ndels, TT_DICT_DBITS);
	put_buckets(out, skel, sizeof(*skel), nskel, TT_DICT_SBITS);
	put_buckets(out, skel1, sizeof(*skel1), nskel1, TT_DICT_S1BITS);
	{
		uint32_t *bloom = calloc(TT_DICT_BLOOM / 32, 4);

		if (bloom == NULL)
			die("out of memory");
		for (i = 0; i < ndels; i++) {
			uint32_t bit = dels[i].key & (TT_DICT_BLOOM - 1);

			bloom[bit / 32] |= 1u << (bit % 32);
		}
		for (i = 0; i < TT_DICT_BLOOM / 32; i++)
			put32(out, bloom[i]);
		free(bloom);
	}
	put32(out, (uint32_t)npairs);
	put32(out, start_bo);
	put32(out, end_freq);
	for (i = 0; i < npairs; i++)
		put32(out, pairs[i].key);
	for (i = 0; i < npairs; i++)
		fputc(pairs[i].val, out);
	for (i = 0; i < npairs; i++)
		fputc(pairs[i].bo, out);
	for (i = 2 * npairs; i % 4 != 0; i++)
		fputc(0, out);
	put_buckets(out, pairs, sizeof(*pairs), npairs, TT_DICT_PBITS);
	put32(out, (uint32_t)ntris);
	for (i = 0; i < ntris; i++)
		put32(out, tris[i].key);
	for (i = 0; i < ntris; i++)
		fputc(tris[i].val, out);
	for (i = ntris; i % 4 != 0; i++)
		fputc(0, out);
	put_buckets(out, tris, sizeof(*tris), ntris, TT_DICT_PBITS);
	put_far(out, lm);
	put_sounds(out);
	if (fclose(out) != 0)
		die("write error");
	return 0;
}

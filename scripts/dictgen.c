/*
 * dictgen: SCOWL's word lists to the binary dictionary tt-typo embeds.
 *
 *   dictgen SCOWL_DIR OUT
 *
 * Reads the lists of SCOWL_DIR (Debian's /usr/share/dict/scowl) named
 * CLASS-KIND.LEVEL for the classes english, american, british, british_z,
 * variant_1 and special-hacker, and writes OUT (see lib/dict.h for the
 * layout): every word once, with the lowest SCOWL level it appears at and
 * what it is (American or British spelling, capitalized, abbreviation); an
 * open-addressing hash table of the words; and the index of single-letter
 * deletions of the common words that finds suggestion candidates.
 * Build-time only; not installed.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/dict.h"

struct word {
	char		*w;
	unsigned	 info;
	uint32_t	 off;
	int		 variant;	/* only seen in variant lists so far */
};

#define VARIANT	0x100	/* read from a variant list (not stored) */

static struct word *words;
static size_t nwords, capwords;

static uint32_t *table;		/* index+1 into words, by hash */
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

static int
cmp_word(const void *a, const void *b)
{
	return strcmp(((const struct word *)a)->w, ((const struct word *)b)->w);
}

struct del {
	uint32_t	 key, off;
};

static int
cmp_del(const void *a, const void *b)
{
	const struct del *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
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
put_buckets(FILE *out, const struct del *v, size_t n, int bits)
{
	size_t b, i = 0;

	for (b = 0; b <= ((size_t)1 << bits); b++) {
		while (i < n && (v[i].key >> (32 - bits)) < b)
			i++;
		put32(out, (uint32_t)i);
	}
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
		{ "variant_1", VARIANT }, { "variant_2", VARIANT },
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
	struct del *dels = NULL, *skel = NULL;
	size_t ndels = 0, capdels = 0, nskel = 0, capskel = 0, i, j, blob = 0;
	FILE *out;
	DIR *d;

	if (argc != 3)
		die("usage: dictgen SCOWL_DIR OUT");
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

	/* Sorted, so that the file is the same from run to run. */
	qsort(words, nwords, sizeof(*words), cmp_word);
	for (i = 0; i < nwords; i++) {
		words[i].off = (uint32_t)blob;
		blob += 1 + strlen(words[i].w) + 1;
	}
	memset(table, 0, ((size_t)1 << tbits) * sizeof(*table));
	for (i = 0; i < nwords; i++) {
		size_t h = find(words[i].w);

		table[h] = (uint32_t)i + 1;
	}
	/* Deletions of the words common enough to suggest. */
	for (i = 0; i < nwords; i++) {
		char low[TT_DICT_MAXWORD], tmp[TT_DICT_MAXWORD];
		size_t n = strlen(words[i].w), k;

		if ((words[i].info & TT_DICT_LEVEL) > TT_DICT_SUGGEST_MAX)
			continue;
		for (k = 0; k <= n; k++)
			low[k] = (char)(words[i].w[k] >= 'A' &&
			    words[i].w[k] <= 'Z' ? words[i].w[k] + 32 :
			    words[i].w[k]);
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
	}
	qsort(dels, ndels, sizeof(*dels), cmp_del);
	/* Consonant skeletons of the same words. */
	for (i = 0; i < nwords; i++) {
		char sk[TT_DICT_MAXWORD];
		size_t m;

		if ((words[i].info & TT_DICT_LEVEL) > TT_DICT_SUGGEST_MAX)
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
		skel[nskel++].off = words[i].off;
	}
	qsort(skel, nskel, sizeof(*skel), cmp_del);

	if ((out = fopen(argv[2], "wb")) == NULL)
		die("cannot write the output");
	put32(out, TT_DICT_MAGIC);
	put32(out, (uint32_t)nwords);
	put32(out, (uint32_t)blob);
	put32(out, (uint32_t)tbits);
	put32(out, (uint32_t)ndels);
	for (i = 0; i < nwords; i++) {
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
	put_buckets(out, dels, ndels, TT_DICT_DBITS);
	put_buckets(out, skel, nskel, TT_DICT_SBITS);
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
	if (fclose(out) != 0)
		die("write error");
	return 0;
}

/*
 * dedupe.c: drop a line that repeats one of the last DEDUPE_NEAR lines,
 * the photo caption printed twice.  Lines are compared by their letters
 * and digits, case folded, so "China's" and "China’s" are the same.
 * Short lines are never dropped: a refrain, "Yes.", a repeated heading
 * are what a text says on purpose.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "tt_int.h"
#include "clean_int.h"

#define DEDUPE_WINDOW	32	/* lines remembered */
#define DEDUPE_NEAR	12	/* a repeat further away is on purpose */
#define DEDUPE_WORDS	6	/* shorter lines are kept */

struct tt_dedupe {
	uint64_t	 hash[DEDUPE_WINDOW];
	size_t		 line[DEDUPE_WINDOW];
	size_t		 n, next;
};

static void fold_fill(void);
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

tt_dedupe *
tt_dedupe_new(void)
{
	pthread_once(&fold_once, fold_fill);
	return calloc(1, sizeof(tt_dedupe));
}

void
tt_dedupe_reset(tt_dedupe *d)
{
	d->n = d->next = 0;
}

void
tt_dedupe_free(tt_dedupe *d)
{
	free(d);
}

/* Add a byte to the hash: eight at a time, mixed. */
struct fp {
	uint64_t	 h, acc;
	unsigned	 n;
};

static void
fp_put(struct fp *f, uint64_t b)
{
	f->acc = f->acc << 8 | b;
	if (++f->n == 8) {
		f->h = (f->h ^ f->acc) * 0x9E3779B97F4A7C15ULL;
		f->h ^= f->h >> 29;
		f->acc = 0;
		f->n = 0;
	}
}

/* ASCII bytes to the fingerprint: 0 parts words, 1 is an apostrophe
 * (inside a word: no break, no mark), else the letter or digit folded. */
static unsigned char fold[128];

static void
fold_fill(void)
{
	int b;

	for (b = 0; b < 128; b++)
		fold[b] = tt_isascii_alpha(b) || tt_isascii_digit(b) ?
		    (unsigned char)tt_ascii_lower(b) : b == '\'';
}

/* A hash of the line's letters and digits, folded, words parted by one
 * space; *words counted. */
static uint64_t
fingerprint(const char *s, size_t len, size_t *nwords)
{
	size_t i = 0, n, words = 0;
	struct fp f = { 1469598103934665603ULL, 0, 0 };
	int32_t cp;
	int in = 0;

	while (i < len) {
		unsigned char b = (unsigned char)s[i];

		if (b < 0x80) {
			unsigned char t = fold[b];

			if (t > 1) {
				words += !in;
				in = 1;
				fp_put(&f, t);
			} else if (t == 0 && in) {
				in = 0;
				fp_put(&f, ' ');
			}
			i++;
			continue;
		}
		n = tt_utf8_next_cp(s + i, len - i, &cp);
		if (cp >= 0 && tt_unicode_is_alnum(cp)) {
			cp = tt_unicode_tolower(cp);
			words += !in;
			in = 1;
			/* its bytes, the highest first */
			if (cp >= 0x10000)
				fp_put(&f, (uint64_t)cp >> 16);
			if (cp >= 0x100)
				fp_put(&f, (uint64_t)cp >> 8 & 0xFF);
			fp_put(&f, (uint64_t)cp & 0xFF);
		} else if (cp == '\'' || cp == 0x2019) {
			/* inside a word: no break, no mark */
		} else if (in) {
			in = 0;
			fp_put(&f, ' ');
		}
		i += n;
	}
	f.h = (f.h ^ f.acc ^ (uint64_t)f.n << 60) * 0x9E3779B97F4A7C15ULL;
	*nwords = words;
	return f.h ^ f.h >> 31;
}

void
tt_dedupe_judge(tt_dedupe *d, tt_clean *c, struct tt_cline *l)
{
	size_t words, i;
	uint64_t h;
	char rule[48];

	/* DEDUPE_WORDS words need a byte each and one between */
	if (l->text.len < 2 * DEDUPE_WORDS - 1)
		return;
	h = fingerprint(l->text.data, l->text.len, &words);
	if (words < DEDUPE_WORDS)
		return;
	for (i = 0; i < d->n; i++)
		if (d->hash[i] == h && l->lineno - d->line[i] <= DEDUPE_NEAR) {
			l->drop = 1;
			snprintf(rule, sizeof(rule), "repeats line %zu",
			    d->line[i]);
			tt_clean_note(c, l->lineno, "dedupe", rule,
			    l->text.data, l->text.len, NULL, 0);
			return;
		}
	d->hash[d->next] = h;
	d->line[d->next] = l->lineno;
	d->next = (d->next + 1) % DEDUPE_WINDOW;
	if (d->n < DEDUPE_WINDOW)
		d->n++;
}

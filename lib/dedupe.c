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

/*
 * The fingerprint's bytes (letters and digits folded, one space after
 * each word) are gathered in a buffer and mixed eight at a time.
 */
#define FP_BUF	256

struct fp {
	uint64_t	 h;
	size_t		 m, total;
	unsigned char	 buf[FP_BUF + 8];
};

/* Mix the buffer's whole words of eight bytes; the rest stays. */
static void
fp_mix(struct fp *f)
{
	size_t i;
	uint64_t w;

	for (i = 0; i + 8 <= f->m; i += 8) {
		memcpy(&w, f->buf + i, 8);
		f->h = (f->h ^ w) * 0x9E3779B97F4A7C15ULL;
		f->h ^= f->h >> 29;
	}
	f->total += i;
	memmove(f->buf, f->buf + i, f->m - i);
	f->m -= i;
}

static void
fp_put(struct fp *f, unsigned char b)
{
	f->buf[f->m++] = b;
	if (f->m >= FP_BUF)
		fp_mix(f);
}

/*
 * ASCII bytes to the fingerprint, for a byte b and whether a word is
 * open (in): step[b][in] has bit 0 the next in, bit 1 set when a byte is
 * put (a letter or a digit, folded; a space where a word ends), bit 2
 * when a word starts; emit[b] the byte put.  An apostrophe inside a word
 * neither breaks it nor shows.
 */
static unsigned char step[128][2], emit[128];

static void
fold_fill(void)
{
	int b, in;

	for (b = 0; b < 128; b++) {
		int letter = tt_isascii_alpha(b) || tt_isascii_digit(b);

		emit[b] = letter ? (unsigned char)tt_ascii_lower(b) : ' ';
		for (in = 0; in < 2; in++)
			step[b][in] = (unsigned char)(letter ? 1 | 2 |
			    (in ? 0 : 4) : b == '\'' ? in : in ? 2 : 0);
	}
}

#ifdef __SSE2__
/*
 * The same bytes as fingerprint()'s loop puts for a line of ASCII, a
 * word at a time: 64 bytes of the line as masks of letters and digits
 * (A) and apostrophes (P); a word is a run of either that holds a letter
 * or digit, put folded (OR 0x20 leaves digits be), eight bytes at a
 * time, and a space after it where something else follows.
 */
static void
fp_ascii(struct fp *f, const char *s, size_t len, size_t *nwords)
{
	unsigned char blk[64 + 8];
	size_t base, n, i, words = 0;
	unsigned pos, end;
	uint64_t a, p, sep, rest, w;
	int in = 0, k;

	for (base = 0; base < len; base += 64) {
		n = len - base < 64 ? len - base : 64;
		memset(blk, 0, sizeof(blk));
		memcpy(blk, s + base, n);
		a = p = 0;
		for (k = 0; k < 4; k++) {
			__m128i v = _mm_loadu_si128((const __m128i *)(blk +
			    16 * k));

			/* letters are a-z once OR 0x20 */
			a |= (uint64_t)(tt_sse_range(_mm_or_si128(v,
			    _mm_set1_epi8(0x20)), 'a', 26) |
			    tt_sse_range(v, '0', 10)) << 16 * k;
			p |= (uint64_t)tt_sse_eq(v, '\'') << 16 * k;
		}
		sep = ~(a | p) & (n < 64 ? ((uint64_t)1 << n) - 1 :
		    ~(uint64_t)0);
		pos = 0;
		while (pos < n) {
			if (!in) {
				if ((rest = a & ~(uint64_t)0 << pos) == 0)
					break;
				pos = (unsigned)__builtin_ctzll(rest);
				in = 1;
				words++;
			}
			rest = sep & ~(uint64_t)0 << pos;
			end = rest != 0 ? (unsigned)__builtin_ctzll(rest) :
			    (unsigned)n;
			if ((p & (end == 64 ? ~(uint64_t)0 :
			    ((uint64_t)1 << end) - 1) & ~(uint64_t)0 << pos) !=
			    0) {
				/* an apostrophe inside: byte by byte */
				for (i = pos; i < end; i++)
					if (a >> i & 1)
						fp_put(f, blk[i] | 0x20);
			} else
				for (i = pos; i < end; i += 8) {
					memcpy(&w, blk + i, 8);
					w |= 0x2020202020202020ULL;
					memcpy(f->buf + f->m, &w, 8);
					f->m += end - i < 8 ? end - i : 8;
					if (f->m >= FP_BUF)
						fp_mix(f);
				}
			if (end == n)
				break;		/* on in the next 64 */
			fp_put(f, ' ');
			in = 0;
			pos = end;
		}
	}
	*nwords = words;
}
#endif

/* A hash of the line's letters and digits, folded, words parted by one
 * space; *words counted. */
static uint64_t
fingerprint(const char *s, size_t len, size_t *nwords)
{
	size_t i = 0, n, words = 0;
	struct fp f;
	int32_t cp;
	unsigned in = 0;
	uint64_t w = 0;

	f.h = 1469598103934665603ULL;
	f.m = f.total = 0;
#ifdef __SSE2__
	if (tt_utf8_ascii_run(s, len) == len) {
		fp_ascii(&f, s, len, &words);
		i = len;
	}
#endif
	while (i < len) {
		unsigned char b = (unsigned char)s[i];

		if (b < 0x80) {
			unsigned e = step[b][in];

			f.buf[f.m] = emit[b];
			f.m += e >> 1 & 1;
			words += e >> 2;
			in = e & 1;
			if (f.m >= FP_BUF)
				fp_mix(&f);
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
				fp_put(&f, (unsigned char)(cp >> 16));
			if (cp >= 0x100)
				fp_put(&f, (unsigned char)(cp >> 8 & 0xFF));
			fp_put(&f, (unsigned char)(cp & 0xFF));
		} else if (cp == '\'' || cp == 0x2019) {
			/* inside a word: no break, no mark */
		} else if (in) {
			in = 0;
			fp_put(&f, ' ');
		}
		i += n;
	}
	fp_mix(&f);
	memcpy(&w, f.buf, f.m);
	f.h = (f.h ^ w ^ (uint64_t)(f.total + f.m) << 56) *
	    0x9E3779B97F4A7C15ULL;
	*nwords = words;
	return f.h ^ f.h >> 31;
}

void
tt_dedupe_fingerprint(struct tt_cline *l)
{
	size_t words;

	/* DEDUPE_WORDS words need a byte each and one between */
	l->fp_ok = 0;
	if (l->text.len < 2 * DEDUPE_WORDS - 1)
		return;
	l->fp = fingerprint(l->text.data, l->text.len, &words);
	l->fp_ok = words >= DEDUPE_WORDS;
}

void
tt_dedupe_judge(tt_dedupe *d, tt_clean *c, struct tt_cline *l)
{
	size_t i;
	uint64_t h = l->fp;
	char rule[48];

	if (!l->fp_ok)		/* tt_dedupe_fingerprint() said */
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

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
 * The fingerprint's bytes (letters and digits folded, one space between
 * words) are gathered in a buffer and mixed eight at a time.  The count
 * of bytes in the buffer is passed by value, not kept in struct fp: a
 * byte stored to buf could be the count for all the compiler knows.
 */
#define FP_BUF	256
#define FP_RUN	16	/* ASCII runs as long go a word at a time */

struct fp {
	uint64_t	 h;
	size_t		 total;
	unsigned char	 buf[FP_BUF + 8];
};

/* Mix the whole words of eight bytes of buf[0..m); returns the bytes
 * that stay. */
static size_t
fp_mix(struct fp *f, size_t m)
{
	size_t i;
	uint64_t w;

	for (i = 0; i + 8 <= m; i += 8) {
		memcpy(&w, f->buf + i, 8);
		f->h = (f->h ^ w) * 0x9E3779B97F4A7C15ULL;
		f->h ^= f->h >> 29;
	}
	f->total += i;
	memmove(f->buf, f->buf + i, m - i);
	return m - i;
}

/* Put b after buf[0..m) (mixing when full); returns the new count.
 * buf has room for 8 bytes past FP_BUF: the count stays below it. */
static inline size_t
fp_put(struct fp *f, size_t m, unsigned char b)
{
	f->buf[m++] = b;
	return m >= FP_BUF ? fp_mix(f, m) : m;
}

/*
 * ASCII bytes to the fingerprint, for a byte b and whether a word is
 * open (in): step[b][in] has bit 0 the next in, bit 1 set when a byte is
 * put (a letter or a digit, folded), bit 2 when a word starts (after
 * another, a space goes first); emit[b] the byte put.  An apostrophe
 * inside a word neither breaks it nor shows.
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
			    (in ? 0 : 4) : b == '\'' ? in : 0);
	}
}

#ifdef __SSE2__
/*
 * The same bytes as fingerprint()'s loop puts for ASCII s[0..len), a
 * word at a time: 64 bytes as masks of letters and digits (A) and
 * apostrophes (P); a word is a run of either that holds a letter or
 * digit, put folded (OR 0x20 leaves digits be), eight bytes at a time,
 * with a space before it when a word came before.  *in says whether
 * a word is open, before and after; words started are added to *nwords.
 * Returns the new count of buf.
 */
static size_t
fp_ascii(struct fp *f, size_t m, const char *s, size_t len, unsigned *in_,
    size_t *nwords)
{
	unsigned char blk[64 + 8];
	size_t base, n, i, words = 0;
	unsigned pos, end, in = *in_;
	uint64_t a, p, sep, rest, w;
	int k;

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
				/* a space between words, none after the
				 * last */
				if (*nwords + words++ > 0)
					m = fp_put(f, m, ' ');
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
						m = fp_put(f, m, blk[i] | 0x20);
			} else
				for (i = pos; i < end; i += 8) {
					memcpy(&w, blk + i, 8);
					w |= 0x2020202020202020ULL;
					memcpy(f->buf + m, &w, 8);
					m += end - i < 8 ? end - i : 8;
					if (m >= FP_BUF)
						m = fp_mix(f, m);
				}
			if (end == n)
				break;		/* on in the next 64 */
			in = 0;
			pos = end;
		}
	}
	*in_ = in;
	*nwords += words;
	return m;
}
#endif

/*
 * What a character of the Basic Multilingual Plane beyond ASCII is to the
 * fingerprint: its lowercase (a letter or digit), FOLD_MARK (an
 * apostrophe: no break, no mark) or FOLD_BREAK (it ends a word).  A page
 * of 256 is filled at its first use, under a lock, and read without one
 * once its flag says it is there: text uses a few pages.
 */
#define FOLD_BREAK	0
#define FOLD_MARK	1
static uint16_t fold_page[256][256];
static unsigned char fold_ready[256];
static pthread_mutex_t fold_mu = PTHREAD_MUTEX_INITIALIZER;

/* What cp (beyond ASCII, or -1 for bytes that are not UTF-8) is to the
 * fingerprint, worked out. */
static int32_t
fold_cp(int32_t cp)
{
	if (cp == 0x2019)
		return FOLD_MARK;
	return cp >= 0 && tt_unicode_is_alnum(cp) ? tt_unicode_tolower(cp) :
	    FOLD_BREAK;
}

static const uint16_t *
fold_fill_page(unsigned page)
{
	unsigned k;

	pthread_mutex_lock(&fold_mu);
	if (!__atomic_load_n(&fold_ready[page], __ATOMIC_ACQUIRE)) {
		for (k = 0; k < 256; k++)
			fold_page[page][k] = (uint16_t)fold_cp((int32_t)(page <<
			    8 | k));
		__atomic_store_n(&fold_ready[page], 1, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&fold_mu);
	return fold_page[page];
}

/* What cp beyond ASCII is to the fingerprint: U+0080-U+FFFF (whose
 * lowercase stays there) by the table. */
static inline int32_t
fold(int32_t cp)
{
	const uint16_t *p;

	if (cp < 0x80 || cp > 0xFFFF)
		return fold_cp(cp);
	p = fold_page[cp >> 8];
	if (!__atomic_load_n(&fold_ready[cp >> 8], __ATOMIC_ACQUIRE))
		p = fold_fill_page((unsigned)cp >> 8);
	return p[cp & 0xFF];
}

/* Are the 16 bytes at s ASCII? */
static inline int
ascii16(const char *s)
{
	uint64_t x, y;

	memcpy(&x, s, 8);
	memcpy(&y, s + 8, 8);
	return ((x | y) & 0x8080808080808080ULL) == 0;
}

/* A hash of the line's letters and digits, folded, words parted by one
 * space (and none after the last: "quiet." is "quiet"); *words
 * counted. */
static uint64_t
fingerprint(const char *s, size_t len, size_t *nwords)
{
	size_t i = 0, n, m = 0, words = 0;
	struct fp f;
	int32_t cp;
	unsigned in = 0;
	uint64_t w = 0;

	f.h = 1469598103934665603ULL;
	f.total = 0;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];

#ifdef __SSE2__
		/* a run of ASCII: a word at a time */
		if (b < 0x80 && len - i >= FP_RUN && ascii16(s + i)) {
			n = FP_RUN + tt_utf8_ascii_run(s + i + FP_RUN,
			    len - i - FP_RUN);
			m = fp_ascii(&f, m, s + i, n, &in, &words);
			i += n;
			continue;
		}
#endif
		if (b < 0x80) {
			unsigned e = step[b][in];

			if ((e & 4) && words > 0)	/* between words */
				f.buf[m++] = ' ';
			f.buf[m] = emit[b];
			m += e >> 1 & 1;
			words += e >> 2;
			in = e & 1;
			if (m >= FP_BUF)
				m = fp_mix(&f, m);
			i++;
			continue;
		}
		n = tt_utf8_next_cp(s + i, len - i, &cp);
		i += n;
		if ((cp = fold(cp)) == FOLD_BREAK) {
			in = 0;
			continue;
		}
		if (cp == FOLD_MARK)	/* inside a word: no break, no mark */
			continue;
		if (!in && words++ > 0)
			m = fp_put(&f, m, ' ');
		in = 1;
		/* its bytes, the highest first */
		if (cp >= 0x10000)
			m = fp_put(&f, m, (unsigned char)(cp >> 16));
		if (cp >= 0x100)
			m = fp_put(&f, m, (unsigned char)(cp >> 8 & 0xFF));
		m = fp_put(&f, m, (unsigned char)(cp & 0xFF));
	}
	m = fp_mix(&f, m);
	memcpy(&w, f.buf, m);
	f.h = (f.h ^ w ^ (uint64_t)(f.total + m) << 56) *
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

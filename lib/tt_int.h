/* tt_int.h: what the files of lib/ share and callers do not see. */
#ifndef TT_INT_H
#define TT_INT_H

#include <stdatomic.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "tt.h"

/* Fill e (if not NULL) and return code. */
int	tt_seterr(tt_err *e, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#define TT_NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Length of the run of ASCII bytes at the start of s. */
size_t	tt_utf8_ascii_run(const char *s, size_t len);
size_t	tt_utf8_plain_run(const char *s, size_t len);
/* Length of the valid UTF-8 at the start of s. */
size_t	tt_utf8_valid_run(const char *s, size_t len);

#ifdef __SSE2__
/* Sixteen bytes at a time (where the compiler targets SSE2; each user
 * keeps a plain loop for the others): the bytes of v equal to c, and
 * those from lo to lo + n - 1 (n < 128; compared as signed bytes moved
 * by 128), as masks of 16 bits, the first byte lowest. */
static inline unsigned
tt_sse_eq(__m128i v, unsigned char c)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v,
	    _mm_set1_epi8((char)c)));
}

static inline unsigned
tt_sse_range(__m128i v, unsigned char lo, unsigned char n)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(_mm_add_epi8(v,
	    _mm_set1_epi8((char)(128 - lo))), _mm_set1_epi8((char)(n - 128))));
}
#endif

/* tt_utf8_decode() with its commonest cases inline: ASCII and a valid
 * two-byte sequence; the rest through the function. */
static inline size_t
tt_utf8_next_cp(const char *str, size_t len, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] < 0xE0 && len >= 2 && (s[1] & 0xC0) == 0x80) {
		*cp = (s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;
	}
	return tt_utf8_decode(str, len, cp);
}

/*
 * A class of code points below 0x3000 worked out when first asked for:
 * tab holds the class plus one (0: not yet), slow() works it out.
 * Relaxed atomics: two threads may both work a class out, never tear it.
 */
static inline int
tt_lazy_class(_Atomic unsigned char *tab, int32_t cp, int (*slow)(int32_t))
{
	unsigned k = atomic_load_explicit(&tab[cp], memory_order_relaxed);

	if (k == 0) {
		k = (unsigned)slow(cp) + 1;
		atomic_store_explicit(&tab[cp], (unsigned char)k,
		    memory_order_relaxed);
	}
	return (int)k - 1;
}

/* Is the word w[0..len) in the sorted list (strcmp order)? */
int	tt_word_in(const char *const *sorted, size_t n, const char *w,
	    size_t len);

/* FNV-1a, 32 bits: for hash tables of words (and the dictionary file
 * scripts/dictgen.c writes, so it must not change). */
static inline uint32_t
tt_hash32(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* A quick hash of a short string: its first and last eight bytes and
 * its length, mixed by multiplication.  Strings that differ only in
 * their middle bytes (beyond 16) share it: a table keyed by it compares
 * the strings too. */
static inline uint32_t
tt_hash_ends(const char *s, size_t n)
{
	uint64_t a = 0, b = 0;

	if (n >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
	} else
		memcpy(&a, s, n);
	a = (a ^ (b * 0x9E3779B97F4A7C15ull) ^ n) * 0xFF51AFD7ED558CCDull;
	return (uint32_t)(a >> 32);
}

static inline int
tt_isascii_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int
tt_isascii_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int
tt_isascii_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

static inline int
tt_ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

#endif /* TT_INT_H */

/* utf8.c: decoding, validation and offsets of UTF-8 (RFC 3629). */
#include <string.h>

#include "tt_int.h"

/*
 * The second byte's range depends on the first byte (Unicode Table 3-7):
 * this is what rules out overlongs (E0 80..9F, F0 80..8F), surrogates
 * (ED A0..BF) and code points above U+10FFFF (F4 90..BF).
 */
size_t
tt_utf8_decode(const char *str, size_t len, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char lo = 0x80, hi = 0xBF;
	size_t need, i;
	int32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xC2 || s[0] > 0xF4) {	/* continuation, C0, C1, F5+ */
		*cp = -1;
		return 1;
	}
	/* The common cases at once: two bytes, and three that are not a
	 * surrogate or overlong. */
	if (s[0] < 0xE0 && len >= 2 && (s[1] & 0xC0) == 0x80) {
		*cp = (s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;
	}
	if (s[0] >= 0xE0 && s[0] < 0xF0 && len >= 3 &&
	    (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		c = (s[0] & 0x0F) << 12 | (s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
			*cp = c;
			return 3;
		}
	}
	if (s[0] < 0xE0) {
		need = 1;
		c = s[0] & 0x1F;
	} else if (s[0] < 0xF0) {
		need = 2;
		c = s[0] & 0x0F;
		if (s[0] == 0xE0)
			lo = 0xA0;
		else if (s[0] == 0xED)
			hi = 0x9F;
	} else {
		need = 3;
		c = s[0] & 0x07;
		if (s[0] == 0xF0)
			lo = 0x90;
		else if (s[0] == 0xF4)
			hi = 0x8F;
	}
	for (i = 1; i <= need; i++) {
		if (i >= len || s[i] < lo || s[i] > hi) {
			*cp = -1;
			return i;	/* the maximal subpart */
		}
		c = (c << 6) | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = c;
	return need + 1;
}

size_t
tt_utf8_encode(int32_t cp, char out[4])
{
	if (cp < 0)
		return 0;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			return 0;
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp <= 0x10FFFF) {
		out[0] = (char)(0xF0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}

/* Why the sequence at s (already known to be ill-formed) is ill-formed. */
static const char *
why(const unsigned char *s, size_t len)
{
	if (s[0] >= 0x80 && s[0] < 0xC0)
		return "unexpected continuation byte";
	if (s[0] == 0xC0 || s[0] == 0xC1)
		return "overlong encoding";
	if (s[0] > 0xF4)
		return "byte that never appears in UTF-8";
	if (len < 2 || (s[1] & 0xC0) != 0x80)
		return "truncated sequence";
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xF0 && s[1] < 0x90))
		return "overlong encoding";
	if (s[0] == 0xED && s[1] >= 0xA0)
		return "encoded surrogate";
	if (s[0] == 0xF4 && s[1] >= 0x90)
		return "code point above U+10FFFF";
	return "truncated sequence";
}

/* Length of the ASCII run at the start of s, eight bytes at a time. */
size_t
tt_utf8_ascii_run(const char *s, size_t len)
{
	const uint64_t high = 0x8080808080808080ULL;
	size_t i = 0;
	uint64_t w;

#ifdef __SSE2__
	for (; i + 16 <= len; i += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_loadu_si128(
		    (const __m128i *)(s + i)));

		if (m != 0)
			return i + (unsigned)__builtin_ctz(m);
	}
#endif
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		if (w & high)
			break;
	}
	while (i < len && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

/* Length of the run of printable ASCII (0x20-0x7E) at the start of s,
 * eight bytes at a time: text no line step has to look at. */
size_t
tt_utf8_plain_run(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones << 7;
	size_t i = 0;
	uint64_t w, odd;

#ifdef __SSE2__
	for (; i + 16 <= len; i += 16) {
		/* not printable: outside 0x20-0x7E */
		unsigned m = ~tt_sse_range(_mm_loadu_si128((const __m128i *)
		    (s + i)), 0x20, 0x5F) & 0xFFFF;

		if (m != 0)
			return i + (unsigned)__builtin_ctz(m);
	}
#endif
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		/* a byte >= 0x80, < 0x20, or 0x7F */
		odd = (w | (w - 0x20 * ones) | ((w ^ 0x7F * ones) - ones)) & high;
		if (odd)
			break;
	}
	while (i < len && (unsigned char)s[i] >= 0x20 &&
	    (unsigned char)s[i] < 0x7F)
		i++;
	return i;
}

#if defined(__x86_64__) || defined(__i386__)
#include <tmmintrin.h>
/* Has the processor SSSE3?  glibc worked it out when the program started
 * (<sys/platform/x86.h>, glibc 2.33); __builtin_cpu_supports() would ask
 * the processor again, in a constructor of every program, and in a
 * virtual machine each question traps: 45 microseconds a process. */
#if defined(__GLIBC__) && defined(__has_include)
#if __has_include(<sys/platform/x86.h>)
#include <sys/platform/x86.h>
#define HAVE_SSSE3()	CPU_FEATURE_ACTIVE(SSSE3)
#endif
#endif
#ifndef HAVE_SSSE3
#define HAVE_SSSE3()	__builtin_cpu_supports("ssse3")
#endif
/*
 * Sixteen bytes at a time, as Keiser and Lemire validate UTF-8 ("Validating
 * UTF-8 In Less Than One Instruction Per Byte", 2021): each byte and the
 * one before it are classified by three table look-ups (the high nibble of
 * the byte before, its low nibble, the high nibble of the byte), and the
 * three classes ANDed say which error, if any, the pair is; a byte that
 * must continue a three- or four-byte sequence is known from the bytes
 * two and three before.  Returns how far s is known valid, to the end of
 * a character: the caller reads on from there a character at a time (up
 * to the error this found, or the last bytes).
 */
#define TOO_SHORT	0x01	/* a lead byte or ASCII, then a continuation */
#define TOO_LONG	0x02	/* ASCII, then a continuation */
#define OVERLONG_3	0x04	/* E0 80-9F */
#define TOO_LARGE	0x08	/* F4 90-BF, F5-FF 90-BF */
#define SURROGATE	0x10	/* ED A0-BF */
#define OVERLONG_2	0x20	/* C0, C1 */
#define TOO_LARGE_1000	0x40	/* F5-FF 80-8F */
#define OVERLONG_4	0x40	/* F0 80-8F */
#define TWO_CONTS	0x80	/* two continuations: right only where one
				 * must be */
#define CARRY		(TOO_SHORT | TOO_LONG | TWO_CONTS)

__attribute__((target("ssse3"))) static size_t
valid_simd(const unsigned char *s, size_t len)
{
	const __m128i b1_high = _mm_setr_epi8(
	    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	    (char)TWO_CONTS, (char)TWO_CONTS, (char)TWO_CONTS,
	    (char)TWO_CONTS,
	    TOO_SHORT | OVERLONG_2, TOO_SHORT,
	    TOO_SHORT | OVERLONG_3 | SURROGATE,
	    TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);
	const __m128i b1_low = _mm_setr_epi8(
	    (char)(CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4),
	    (char)(CARRY | OVERLONG_2), (char)CARRY, (char)CARRY,
	    (char)(CARRY | TOO_LARGE),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000));
	const __m128i b2_high = _mm_setr_epi8(
	    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
	    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
	    (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 |
	    TOO_LARGE_1000 | OVERLONG_4),
	    (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 |
	    TOO_LARGE),
	    (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),
	    (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),
	    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
	/* the last three bytes: a lead byte there wants bytes after */
	const __m128i last = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1,
	    -1, -1, -1, -1, -1, (char)(0xF0 - 1), (char)(0xE0 - 1),
	    (char)(0xC0 - 1));
	const __m128i nib = _mm_set1_epi8(0x0F), zero = _mm_setzero_si128();
	__m128i prev = zero, open = zero;
	size_t i = 0, good = 0;

	for (; i + 16 <= len; i += 16) {
		__m128i in = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i p1, p2, p3, sc, must, err;

		if (_mm_movemask_epi8(in) == 0) {
			/* ASCII: no sequence may be open before it */
			if (_mm_movemask_epi8(_mm_cmpeq_epi8(open, zero)) !=
			    0xFFFF)
				break;
			prev = in;
			good = i + 16;
			continue;
		}
		p1 = _mm_alignr_epi8(in, prev, 15);
		p2 = _mm_alignr_epi8(in, prev, 14);
		p3 = _mm_alignr_epi8(in, prev, 13);
		sc = _mm_and_si128(_mm_and_si128(
		    _mm_shuffle_epi8(b1_high, _mm_and_si128(_mm_srli_epi16(p1,
		    4), nib)),
		    _mm_shuffle_epi8(b1_low, _mm_and_si128(p1, nib))),
		    _mm_shuffle_epi8(b2_high, _mm_and_si128(_mm_srli_epi16(in,
		    4), nib)));
		/* third and fourth bytes: E0 and up two before, F0 and up
		 * three before (only those keep the high bit) */
		must = _mm_and_si128(_mm_or_si128(
		    _mm_subs_epu8(p2, _mm_set1_epi8((char)(0xE0 - 0x80))),
		    _mm_subs_epu8(p3, _mm_set1_epi8((char)(0xF0 - 0x80)))),
		    _mm_set1_epi8((char)0x80));
		err = _mm_xor_si128(must, sc);
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(err, zero)) != 0xFFFF)
			break;
		open = _mm_subs_epu8(in, last);
		prev = in;
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(open, zero)) == 0xFFFF)
			good = i + 16;
		else {
			/* the last character goes on in the next block */
			size_t j = i + 15;

			while (j > i + 12 && (s[j] & 0xC0) == 0x80)
				j--;
			good = j;
		}
	}
	return good;
}

#endif

size_t
tt_utf8_valid_run(const char *s, size_t len)
{
	size_t i = 0, n;
	int32_t cp;

#if defined(__x86_64__) || defined(__i386__)
	if (len >= 64 && HAVE_SSSE3())
		i = valid_simd((const unsigned char *)s, len);
#endif
	while (i < len) {
		/* ASCII runs at once; characters beyond ASCII one by one,
		 * without asking for a run between them */
		if ((unsigned char)s[i] < 0x80) {
			i += tt_utf8_ascii_run(s + i, len - i);
			continue;
		}
		n = tt_utf8_next_cp(s + i, len - i, &cp);
		if (cp < 0)
			break;
		i += n;
	}
	return i < len ? i : len;
}

int
tt_utf8_validate(const char *s, size_t len, tt_err *e)
{
	size_t i, n, line = 1, linestart = 0;

	if ((i = tt_utf8_valid_run(s, len)) == len)
		return TT_OK;
	if (e == NULL)
		return TT_EENC;
	for (n = 0; n < i; n++)
		if (s[n] == '\n') {
			line++;
			linestart = n + 1;
		}
	tt_seterr(e, TT_EENC, "invalid UTF-8: %s (byte 0x%02X at offset %zu)",
	    why((const unsigned char *)s + i, len - i), (unsigned char)s[i], i);
	e->offset = i;
	e->line = line;
	e->col = tt_utf8_count(s + linestart, i - linestart) + 1;
	return TT_EENC;
}

size_t
tt_utf8_complete(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i, start, need;
	int32_t cp;

	/* Find the start of the last sequence: at most 3 bytes back. */
	for (i = 0; i < 4 && i < len; i++) {
		start = len - 1 - i;
		if ((s[start] & 0xC0) != 0x80)
			break;
	}
	if (i == 4 || i == len)
		return len;	/* no lead byte close enough: not ours */
	start = len - 1 - i;
	if (s[start] < 0xC2 || s[start] > 0xF4)
		return len;
	need = s[start] < 0xE0 ? 2 : s[start] < 0xF0 ? 3 : 4;
	if (len - start >= need)
		return len;
	/* Cut only if what is there could still become valid. */
	if (tt_utf8_decode(str + start, len - start, &cp) == len - start)
		return start;
	return len;
}

size_t
tt_utf8_count(const char *s, size_t len)
{
	size_t i = 0, n = 0, run;
	int32_t cp;

	while (i < len) {
		run = tt_utf8_ascii_run(s + i, len - i);
		n += run;
		i += run;
		if (i >= len)
			break;
		i += tt_utf8_decode(s + i, len - i, &cp);
		n++;
	}
	return n;
}

size_t
tt_utf8_offset(const char *s, size_t len, size_t n)
{
	size_t i = 0;
	int32_t cp;

	while (i < len && n > 0) {
		i += tt_utf8_decode(s + i, len - i, &cp);
		n--;
	}
	return i;
}

int
tt_utf8_repair(const char *s, size_t len, tt_buf *out)
{
	size_t i = 0, from = 0, n;
	int32_t cp;
	int bad = 0;

	while (i < len) {
		i += tt_utf8_valid_run(s + i, len - i);
		if (i >= len)
			break;
		n = tt_utf8_decode(s + i, len - i, &cp);
		if (cp < 0) {
			if (tt_buf_append(out, s + from, i - from) != TT_OK ||
			    tt_buf_append(out, "\xEF\xBF\xBD", 3) != TT_OK)
				return TT_ENOMEM;
			bad++;
			from = i + n;
		}
		i += n;
	}
	if (tt_buf_append(out, s + from, len - from) != TT_OK)
		return TT_ENOMEM;
	return bad;
}

void
tt_utf8_iter_init(tt_utf8_iter *it, const char *s, size_t len)
{
	it->s = s;
	it->len = len;
	it->pos = 0;
}

int
tt_utf8_next(tt_utf8_iter *it, int32_t *cp)
{
	if (it->pos >= it->len)
		return 0;
	it->pos += tt_utf8_decode(it->s + it->pos, it->len - it->pos, cp);
	return 1;
}

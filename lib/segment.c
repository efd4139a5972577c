/* segment.c: paragraphs, sentences and words, with byte offsets. */
#include <stdlib.h>
#include <string.h>

#include "tt_int.h"

/* -------------------------------------------------------- paragraphs */

static int
blank_line(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!tt_isascii_space((unsigned char)s[i]))
			return 0;
	return 1;
}

int
tt_segment_paragraphs(const char *s, size_t len, tt_spans *out)
{
	size_t i = 0, eol, end, start = 0;
	const char *nl;
	int in = 0;

	while (i < len) {
		nl = memchr(s + i, '\n', len - i);
		eol = nl != NULL ? (size_t)(nl - s) : len;
		if (blank_line(s + i, eol - i)) {
			if (in && tt_spans_push(out, start, end) != TT_OK)
				return TT_ENOMEM;
			in = 0;
		} else {
			if (!in)
				start = i;
			in = 1;
			end = eol;
			if (end > i && s[end - 1] == '\r')
				end--;
		}
		i = eol + 1;
	}
	if (in && tt_spans_push(out, start, end) != TT_OK)
		return TT_ENOMEM;
	return TT_OK;
}

/* --------------------------------------------------------- sentences */

/* Abbreviations that come before a name: a stop after them never ends
 * a sentence ("Gen. Li", "Mr. Smith"). */
static const char *const titles[] = {
	"Adm", "Amb", "Atty", "Brig", "Capt", "Cmdr", "Col", "Cpl", "Det",
	"Dr", "Fr", "Gen", "Gov", "Hon", "Insp", "Lt", "Maj", "Messrs", "Mme",
	"Mr", "Mrs", "Ms", "Mt", "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev",
	"Sen", "Sens", "Sgt", "Sr", "St", "Supt", "Jr", "vs",
};

/* Abbreviations that come before a number ("Jan. 15", "No. 5"). */
static const char *const before_number[] = {
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
	"Nov", "Dec", "No", "Nos", "Vol", "vol", "p", "pp", "Fig", "fig",
	"Art", "art", "ch", "Ch", "Sec", "sec", "para", "ca", "approx",
};

/* Abbreviations that may also end a sentence: they do when a usual
 * sentence opener follows ("Apple Inc. The company ..."). */
static const char *const may_end[] = {
	"Inc", "Ltd", "Co", "Corp", "Bros", "Ave", "Rd", "Blvd", "Dept",
	"Univ", "etc", "al", "cf", "est", "min", "max", "approx", "Esq",
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
	"Nov", "Dec", "No", "Jr", "Sr", "St",
};

/* Words that open sentences far more often than they follow "U.S." or
 * "Inc." inside one. */
static const char *const openers[] = {
	"A", "After", "All", "Also", "An", "And", "As", "At", "But", "By",
	"For", "He", "Her", "His", "However", "I", "If", "In", "It", "Its",
	"Many", "More", "Most", "No", "Now", "On", "One", "She", "So", "Some",
	"That", "The", "Their", "There", "These", "They", "This", "Those",
	"To", "We", "What", "When", "While", "Who", "Why", "With", "Yet", "You",
};

static int
in_list(const char *const *list, size_t n, const char *w, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], w, len) == 0)
			return 1;
	return 0;
}

#define IN(list, w, n)	in_list(list, TT_NELEM(list), w, n)

static int32_t
cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	int32_t cp;
	size_t k;

	if (i >= len) {
		if (n != NULL)
			*n = 0;
		return -1;
	}
	k = tt_utf8_decode(s + i, len - i, &cp);
	if (n != NULL)
		*n = k;
	return cp;
}

/* The code point that ends just before byte i. */
static int32_t
cp_before(const char *s, size_t i, size_t *start)
{
	size_t j = i, n;
	int32_t cp;

	if (i == 0)
		return -1;
	j--;
	while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	n = tt_utf8_decode(s + j, i - j, &cp);
	if (n != i - j) {		/* not a whole sequence: one byte */
		j = i - 1;
		cp = -1;
	}
	if (start != NULL)
		*start = j;
	return cp;
}

static int
is_closer(int32_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' ||
	    c == 0x201D || c == 0x2019 || c == 0xBB || c == 0x203A ||
	    c == 0x300D || c == 0x300F;
}

static int
is_opener(int32_t c)
{
	return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' ||
	    c == 0x201C || c == 0x2018 || c == 0xAB || c == 0x2039 ||
	    c == 0x201E;
}

static int
is_space(int32_t c)
{
	return c >= 0 && tt_unicode_is_space(c);
}

static int
is_bullet_line(const char *s, size_t len, size_t i)
{
	size_t n;
	int32_t c;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	c = cp_at(s, len, i, &n);
	if (c == '-' || c == '*' || c == 0x2022 || c == 0x2013 || c == 0xB7 ||
	    c == 0x25AA || c == 0x25CF)
		return is_space(cp_at(s, len, i + n, NULL));
	return 0;
}

/* The word before the stop at byte i: back to white space or an opener,
 * and no further back than any abbreviation is long. */
static tt_str
word_before(const char *s, size_t lo, size_t i)
{
	size_t j = i, st;
	int32_t c;

	if (i - lo > 32)
		lo = i - 32;
	while (j > lo) {
		c = cp_before(s, j, &st);
		if (is_space(c) || is_opener(c) || c == 0x2014 || c == '/')
			break;
		j = st;
	}
	return (tt_str){ s + j, i - j };
}

/* "U.S", "a.m", "e.g", "Ph.D": letters in runs of one or two, joined
 * by stops. */
static int
dotted(tt_str w)
{
	size_t i, run = 0, dots = 0;

	for (i = 0; i < w.len; i++) {
		if (w.p[i] == '.') {
			if (run == 0)
				return 0;
			dots++;
			run = 0;
		} else if (tt_isascii_alpha((unsigned char)w.p[i])) {
			if (++run > 2)
				return 0;
		} else
			return 0;
	}
	return dots > 0 && run > 0;
}

/* The next word after byte i, skipping space and opening quotes. */
static tt_str
word_after(const char *s, size_t len, size_t i)
{
	size_t n, st;
	int32_t c;

	while ((c = cp_at(s, len, i, &n)) >= 0 && (is_space(c) || is_opener(c)))
		i += n;
	st = i;
	while ((c = cp_at(s, len, i, &n)) >= 0 && tt_unicode_is_letter(c))
		i += n;
	return (tt_str){ s + st, i - st };
}

/*
 * Does the stop run s[t..j) (j past any closing quotes) end a sentence,
 * given what follows?  lo is where the sentence began.
 */
static int
ends_here(const char *s, size_t len, size_t lo, size_t t, size_t j)
{
	size_t k, n, st;
	int32_t next, after, first;
	tt_str w, nw;
	int ellipsis, period;

	next = cp_at(s, len, j, &n);
	if (next < 0)
		return 1;
	ellipsis = (j - t >= 3 && s[t] == '.' && s[t + 1] == '.') ||
	    (unsigned char)s[t] == 0xE2;	/* U+2026 */
	period = s[t] == '.' && !ellipsis;
	if (!is_space(next)) {
		/* "ended.The next": a missing space, but not "3.5",
		 * "U.S.", "example.com" or "Yahoo!News". */
		if (!period || t != j - 1 || !tt_unicode_is_upper(next))
			return 0;
		after = cp_at(s, len, j + n, NULL);
		if (!tt_unicode_is_lower(after))
			return 0;
		/* Two or more lowercase letters before the stop, not after
		 * another stop ("bn.Prices", not "U.S.Army", "e.g.Foo"). */
		for (k = t; ; k = st) {
			first = cp_before(s, k, &st);
			if (k <= lo || !tt_unicode_is_lower(first))
				break;
		}
		if (t - k < 2 || (k > lo && first == '.'))
			return 0;
		w = word_before(s, lo, t);
		return !IN(titles, w.p, w.len) && !IN(may_end, w.p, w.len);
	}
	/* The first letter or digit of what follows. */
	k = j;
	while ((first = cp_at(s, len, k, &n)) >= 0 &&
	    (is_space(first) || is_opener(first)))
		k += n;
	if (first < 0)
		return 1;
	if (tt_unicode_is_lower(first))
		return 0;	/* 'this." he added', "e.g. the", "... and" */
	if (!period)
		return 1;
	w = word_before(s, lo, t);
	/* Quotes or brackets between the stop and the space: the stop
	 * belongs to the quote, and the abbreviation rules do not apply. */
	if (j - t > 1)
		return 1;
	nw = word_after(s, len, j);
	if (w.len == 0)
		return 1;
	if (IN(titles, w.p, w.len))
		return 0;
	if (tt_isascii_digit(first) && IN(before_number, w.p, w.len))
		return 0;
	if (IN(may_end, w.p, w.len))
		return IN(openers, nw.p, nw.len);
	/* An initial: "J. K. Rowling", "George W. Bush". */
	if (w.len == 1 && tt_unicode_is_upper(cp_at(w.p, w.len, 0, NULL)))
		return 0;
	if (dotted(w)) {
		if ((w.len == 3 && (memcmp(w.p, "e.g", 3) == 0 ||
		    memcmp(w.p, "i.e", 3) == 0)))
			return 0;
		return IN(openers, nw.p, nw.len);
	}
	return 1;
}

/* Sentences of one segment s[lo..hi): no blank line or bullet inside. */
static int
split(const char *s, size_t lo, size_t hi, tt_spans *out)
{
	size_t i = lo, start, n, t, e;
	int32_t c;

	for (;;) {
		while (i < hi && is_space(cp_at(s, hi, i, &n)))
			i += n;
		if (i >= hi)
			return TT_OK;
		start = i;
		for (;;) {
			c = cp_at(s, hi, i, &n);
			if (c < 0) {
				if (i >= hi)
					break;
				i += n;
				continue;
			}
			if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F) {
				i += n;		/* CJK stops always end */
				goto found;
			}
			if (c != '.' && c != '?' && c != '!' && c != 0x2026) {
				i += n;
				continue;
			}
			t = i;
			while ((c = cp_at(s, hi, i, &n)) == '.' || c == '?' ||
			    c == '!' || c == 0x2026)
				i += n;
			while ((c = cp_at(s, hi, i, &n)) >= 0 && is_closer(c))
				i += n;
			if (ends_here(s, hi, start, t, i))
				goto found;
		}
found:
		e = i;
		while (e > start && tt_isascii_space((unsigned char)s[e - 1]))
			e--;
		if (tt_spans_push(out, start, e) != TT_OK)
			return TT_ENOMEM;
	}
}

int
tt_segment_sentences(const char *s, size_t len, int flags, tt_spans *out)
{
	tt_spans paras = { 0 };
	size_t p, i, seg, eol;
	const char *nl;
	int r = TT_OK;

	if ((r = tt_segment_paragraphs(s, len, &paras)) != TT_OK)
		return r;
	for (p = 0; p < paras.n && r == TT_OK; p++) {
		/* Cut the paragraph at bullet lines (or at every line). */
		seg = i = paras.v[p].start;
		while (i < paras.v[p].end && r == TT_OK) {
			nl = memchr(s + i, '\n', paras.v[p].end - i);
			eol = nl != NULL ? (size_t)(nl - s) : paras.v[p].end;
			if (eol < paras.v[p].end && ((flags & TT_SEG_LINES) ||
			    is_bullet_line(s, paras.v[p].end, eol + 1))) {
				r = split(s, seg, eol, out);
				seg = eol + 1;
			}
			i = eol + 1;
		}
		if (r == TT_OK)
			r = split(s, seg, paras.v[p].end, out);
	}
	tt_spans_free(&paras);
	return r;
}

/* ------------------------------------------------------------- words */

static int
word_char(int32_t c)
{
	int cat;

	if (c < 0x80)
		return c >= 0 && (tt_isascii_alpha(c) || tt_isascii_digit(c) ||
		    c == '_');
	cat = tt_unicode_category(c);
	return cat == TT_UCAT_LETTER || cat == TT_UCAT_MARK ||
	    cat == TT_UCAT_NUMBER;
}

static int
joiner(int32_t c)
{
	return c == '\'' || c == 0x2019 || c == '-' || c == 0x2010;
}

int
tt_segment_words(const char *s, size_t len, size_t line0, tt_words *out)
{
	size_t i = 0, n = 0, n2, line = line0, col = 1, start = 0, scol = 0;
	tt_word *v;
	int32_t c, c2;
	int in = 0;

	while (i <= len) {
		c = i < len ? cp_at(s, len, i, &n) : -2;
		if (c >= 0 && word_char(c)) {
			if (!in) {
				start = i;
				scol = col;
				in = 1;
			}
		} else if (in && c >= 0 && joiner(c) &&
		    (c2 = cp_at(s, len, i + n, &n2)) >= 0 && word_char(c2)) {
			/* "don't", "well-known": stays inside the word */
		} else if (in) {
			if (out->n == out->cap) {
				size_t cap = out->cap < 64 ? 64 : out->cap * 2;

				if (cap > SIZE_MAX / sizeof(*v) || (v = realloc(
				    out->v, cap * sizeof(*v))) == NULL)
					return TT_ENOMEM;
				out->v = v;
				out->cap = cap;
			}
			out->v[out->n++] = (tt_word){ start, i, line, scol };
			in = 0;
		}
		if (i == len)
			break;
		if (c == '\n') {
			line++;
			col = 1;
		} else
			col++;
		i += n;
	}
	return TT_OK;
}

void
tt_words_free(tt_words *w)
{
	if (w == NULL)
		return;
	free(w->v);
	w->v = NULL;
	w->n = w->cap = 0;
}

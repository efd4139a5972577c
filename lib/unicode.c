/* unicode.c: normalization, case folding and character classes, by
 * utf8proc. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tt_int.h"

static int
is_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

static int
map(const char *s, size_t len, utf8proc_option_t opts, tt_buf *out,
    tt_err *e)
{
	utf8proc_uint8_t *r = NULL;
	utf8proc_ssize_t n;
	int rv;

	if (len > (size_t)PTRDIFF_MAX / 8)	/* utf8proc counts in ssize_t */
		return tt_seterr(e, TT_ELIMIT, "text too long to normalize");
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &r, opts);
	if (n < 0) {
		if (n == UTF8PROC_ERROR_NOMEM)
			return tt_seterr(e, TT_ENOMEM, "out of memory");
		if (n == UTF8PROC_ERROR_OVERFLOW)
			return tt_seterr(e, TT_ELIMIT, "text too long");
		/* Name the place: utf8proc only says "invalid". */
		if ((rv = tt_utf8_validate(s, len, e)) != TT_OK)
			return rv;
		return tt_seterr(e, TT_EENC, "%s", utf8proc_errmsg(n));
	}
	rv = tt_buf_append(out, r, (size_t)n);
	free(r);
	return rv == TT_OK ? TT_OK : tt_seterr(e, rv, "out of memory");
}

int
tt_unicode_nfc(const char *s, size_t len, tt_buf *out, tt_err *e)
{
	if (is_ascii(s, len))		/* ASCII is its own NFC */
		return tt_buf_append(out, s, len) == TT_OK ? TT_OK :
		    tt_seterr(e, TT_ENOMEM, "out of memory");
	return map(s, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE, out, e);
}

int
tt_unicode_casefold(const char *s, size_t len, tt_buf *out, tt_err *e)
{
	size_t i, start = out->len;

	if (is_ascii(s, len)) {
		if (tt_buf_append(out, s, len) != TT_OK)
			return tt_seterr(e, TT_ENOMEM, "out of memory");
		for (i = start; i < out->len; i++)
			out->data[i] = (char)tt_ascii_lower(
			    (unsigned char)out->data[i]);
		return TT_OK;
	}
	return map(s, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_CASEFOLD, out, e);
}

int
tt_unicode_category(int32_t cp)
{
	if (cp < 0 || cp > 0x10FFFF)
		return TT_UCAT_OTHER;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return TT_UCAT_LETTER;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return TT_UCAT_MARK;
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return TT_UCAT_NUMBER;
	case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
		return TT_UCAT_PUNCT;
	case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC:
	case UTF8PROC_CATEGORY_SK: case UTF8PROC_CATEGORY_SO:
		return TT_UCAT_SYMBOL;
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return TT_UCAT_SPACE;
	case UTF8PROC_CATEGORY_CC:
		return TT_UCAT_CONTROL;
	case UTF8PROC_CATEGORY_CF:
		return TT_UCAT_FORMAT;
	default:
		return TT_UCAT_OTHER;
	}
}

int
tt_unicode_is_letter(int32_t cp)
{
	if (cp < 0x80)
		return tt_isascii_alpha(cp);
	return tt_unicode_category(cp) == TT_UCAT_LETTER;
}

int
tt_unicode_is_alnum(int32_t cp)
{
	int cat;

	if (cp < 0x80)
		return tt_isascii_alpha(cp) || tt_isascii_digit(cp);
	cat = tt_unicode_category(cp);
	return cat == TT_UCAT_LETTER || cat == TT_UCAT_NUMBER;
}

int
tt_unicode_is_upper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return cp <= 0x10FFFF && (utf8proc_category(cp) ==
	    UTF8PROC_CATEGORY_LU || utf8proc_category(cp) ==
	    UTF8PROC_CATEGORY_LT);
}

int
tt_unicode_is_lower(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return cp <= 0x10FFFF && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int
tt_unicode_is_space(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 0 && tt_isascii_space(cp);
	if (cp == 0x85)
		return 1;
	return tt_unicode_category(cp) == TT_UCAT_SPACE;
}

int32_t
tt_unicode_tolower(int32_t cp)
{
	if (cp < 0x80)
		return cp < 0 ? cp : tt_ascii_lower(cp);
	return cp > 0x10FFFF ? cp : utf8proc_tolower(cp);
}

int32_t
tt_unicode_toupper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z' ? cp - ('a' - 'A') : cp;
	return cp > 0x10FFFF ? cp : utf8proc_toupper(cp);
}

int
tt_unicode_width(int32_t cp)
{
	if (cp < 0x20)
		return 0;
	if (cp < 0x7F)
		return 1;
	if (cp > 0x10FFFF)
		return 1;
	return utf8proc_charwidth(cp);
}

size_t
tt_unicode_columns(const char *s, size_t len)
{
	tt_utf8_iter it;
	int32_t cp;
	size_t cols = 0;

	tt_utf8_iter_init(&it, s, len);
	while (tt_utf8_next(&it, &cp))
		cols += cp < 0 ? 1 : (size_t)tt_unicode_width(cp);
	return cols;
}

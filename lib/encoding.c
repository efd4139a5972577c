/* encoding.c: deciding a document's encoding as a browser would, and
 * converting it to UTF-8 with iconv(3). */
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <dlfcn.h>
#include <uchardet.h>

#include "tt_int.h"

/* ------------------------------------------------------------- labels */

/*
 * The WHATWG Encoding Standard's labels, the common part of it, mapped to
 * the names glibc's iconv and GNU libiconv both know.  Note that latin1 and
 * ascii mean windows-1252, as they do in every browser.
 */
static const struct label {
	const char	*label;
	const char	*name;
} labels[] = {
	{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" },
	{ "unicode-1-1-utf-8", "UTF-8" }, { "unicode11utf8", "UTF-8" },
	{ "unicode20utf8", "UTF-8" }, { "x-unicode20utf8", "UTF-8" },
	{ "windows-1252", "WINDOWS-1252" }, { "x-cp1252", "WINDOWS-1252" },
	{ "cp1252", "WINDOWS-1252" }, { "iso-8859-1", "WINDOWS-1252" },
	{ "iso8859-1", "WINDOWS-1252" }, { "iso88591", "WINDOWS-1252" },
	{ "iso_8859-1", "WINDOWS-1252" }, { "iso_8859-1:1987", "WINDOWS-1252" },
	{ "latin1", "WINDOWS-1252" }, { "l1", "WINDOWS-1252" },
	{ "ascii", "WINDOWS-1252" }, { "us-ascii", "WINDOWS-1252" },
	{ "ansi_x3.4-1968", "WINDOWS-1252" }, { "cp819", "WINDOWS-1252" },
	{ "ibm819", "WINDOWS-1252" }, { "csisolatin1", "WINDOWS-1252" },
	{ "iso-ir-100", "WINDOWS-1252" }, { "x-user-defined", "WINDOWS-1252" },
	{ "iso-8859-2", "ISO-8859-2" }, { "iso8859-2", "ISO-8859-2" },
	{ "iso88592", "ISO-8859-2" }, { "iso_8859-2", "ISO-8859-2" },
	{ "latin2", "ISO-8859-2" }, { "l2", "ISO-8859-2" },
	{ "csisolatin2", "ISO-8859-2" },
	{ "iso-8859-3", "ISO-8859-3" }, { "latin3", "ISO-8859-3" },
	{ "iso-8859-4", "ISO-8859-4" }, { "latin4", "ISO-8859-4" },
	{ "iso-8859-5", "ISO-8859-5" }, { "iso8859-5", "ISO-8859-5" },
	{ "cyrillic", "ISO-8859-5" },
	{ "iso-8859-6", "ISO-8859-6" }, { "arabic", "ISO-8859-6" },
	{ "iso-8859-7", "ISO-8859-7" }, { "iso8859-7", "ISO-8859-7" },
	{ "greek", "ISO-8859-7" },
	{ "iso-8859-8", "ISO-8859-8" }, { "iso-8859-8-i", "ISO-8859-8" },
	{ "hebrew", "ISO-8859-8" },
	{ "iso-8859-10", "ISO-8859-10" }, { "latin6", "ISO-8859-10" },
	{ "iso-8859-13", "ISO-8859-13" }, { "iso-8859-14", "ISO-8859-14" },
	{ "iso-8859-15", "ISO-8859-15" }, { "iso8859-15", "ISO-8859-15" },
	{ "iso885915", "ISO-8859-15" }, { "iso_8859-15", "ISO-8859-15" },
	{ "latin9", "ISO-8859-15" }, { "l9", "ISO-8859-15" },
	{ "csisolatin9", "ISO-8859-15" },
	{ "iso-8859-16", "ISO-8859-16" },
	{ "windows-1250", "WINDOWS-1250" }, { "cp1250", "WINDOWS-1250" },
	{ "x-cp1250", "WINDOWS-1250" },
	{ "windows-1251", "WINDOWS-1251" }, { "cp1251", "WINDOWS-1251" },
	{ "x-cp1251", "WINDOWS-1251" },
	{ "windows-1253", "WINDOWS-1253" }, { "cp1253", "WINDOWS-1253" },
	{ "windows-1254", "WINDOWS-1254" }, { "cp1254", "WINDOWS-1254" },
	{ "iso-8859-9", "WINDOWS-1254" }, { "latin5", "WINDOWS-1254" },
	{ "windows-1255", "WINDOWS-1255" }, { "cp1255", "WINDOWS-1255" },
	{ "windows-1256", "WINDOWS-1256" }, { "cp1256", "WINDOWS-1256" },
	{ "windows-1257", "WINDOWS-1257" }, { "cp1257", "WINDOWS-1257" },
	{ "windows-1258", "WINDOWS-1258" }, { "cp1258", "WINDOWS-1258" },
	{ "windows-874", "WINDOWS-874" }, { "tis-620", "WINDOWS-874" },
	{ "iso-8859-11", "WINDOWS-874" }, { "dos-874", "WINDOWS-874" },
	{ "koi8-r", "KOI8-R" }, { "koi8_r", "KOI8-R" }, { "koi8", "KOI8-R" },
	{ "koi", "KOI8-R" }, { "cskoi8r", "KOI8-R" },
	{ "koi8-u", "KOI8-U" }, { "koi8-ru", "KOI8-U" },
	{ "ibm866", "IBM866" }, { "cp866", "IBM866" }, { "866", "IBM866" },
	{ "macintosh", "MACINTOSH" }, { "mac", "MACINTOSH" },
	{ "x-mac-roman", "MACINTOSH" }, { "csmacintosh", "MACINTOSH" },
	{ "x-mac-cyrillic", "MAC-CYRILLIC" },
	{ "gbk", "GB18030" }, { "gb2312", "GB18030" }, { "gb_2312", "GB18030" },
	{ "gb_2312-80", "GB18030" }, { "chinese", "GB18030" },
	{ "csgb2312", "GB18030" }, { "x-gbk", "GB18030" },
	{ "gb18030", "GB18030" },
	{ "big5", "BIG5-HKSCS" }, { "big5-hkscs", "BIG5-HKSCS" },
	{ "cn-big5", "BIG5-HKSCS" }, { "x-x-big5", "BIG5-HKSCS" },
	{ "euc-jp", "EUC-JP" }, { "x-euc-jp", "EUC-JP" },
	{ "iso-2022-jp", "ISO-2022-JP" },
	{ "shift_jis", "WINDOWS-31J" }, { "shift-jis", "WINDOWS-31J" },
	{ "sjis", "WINDOWS-31J" }, { "x-sjis", "WINDOWS-31J" },
	{ "ms932", "WINDOWS-31J" }, { "ms_kanji", "WINDOWS-31J" },
	{ "windows-31j", "WINDOWS-31J" }, { "csshiftjis", "WINDOWS-31J" },
	{ "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" },
	{ "ksc5601", "CP949" }, { "korean", "CP949" }, { "windows-949", "CP949" },
	{ "utf-16", "UTF-16LE" }, { "utf-16le", "UTF-16LE" },
	{ "utf-16be", "UTF-16BE" },
};

int
tt_encoding_label(const char *label, size_t len, char *name, size_t cap)
{
	char low[40];
	size_t i, n;

	if (cap == 0)
		return 0;
	/* Trim ASCII white space, as the standard does. */
	while (len > 0 && tt_isascii_space((unsigned char)*label)) {
		label++;
		len--;
	}
	while (len > 0 && tt_isascii_space((unsigned char)label[len - 1]))
		len--;
	n = len < sizeof(low) - 1 ? len : sizeof(low) - 1;
	for (i = 0; i < n; i++)
		low[i] = (char)tt_ascii_lower((unsigned char)label[i]);
	low[n] = '\0';
	if (len < sizeof(low))
		for (i = 0; i < TT_NELEM(labels); i++)
			if (strcmp(low, labels[i].label) == 0) {
				snprintf(name, cap, "%s", labels[i].name);
				return 1;
			}
	snprintf(name, cap, "%.*s", (int)(len < cap ? len : cap - 1), label);
	return 0;
}

/* ---------------------------------------------------------------- BOM */

size_t
tt_encoding_bom(const char *str, size_t len, const char **name)
{
	const unsigned char *s = (const unsigned char *)str;

	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		*name = "UTF-8";
		return 3;
	}
	if (len >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0) {
		*name = "UTF-32LE";
		return 4;
	}
	if (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF) {
		*name = "UTF-32BE";
		return 4;
	}
	if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
		*name = "UTF-16LE";
		return 2;
	}
	if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
		*name = "UTF-16BE";
		return 2;
	}
	*name = NULL;
	return 0;
}

/* ------------------------------------------------------ meta prescan */

#define PRESCAN_MAX	16384
#define STATS_MAX	65536	/* bytes the statistics look at */	/* the standard says 1024; real heads are longer */

typedef struct scan {
	const char	*s;
	size_t		 len, i;
} scan;

static int
at(const scan *sc, const char *lit)
{
	size_t n = strlen(lit), k;

	if (sc->len - sc->i < n)
		return 0;
	for (k = 0; k < n; k++)
		if (tt_ascii_lower((unsigned char)sc->s[sc->i + k]) != lit[k])
			return 0;
	return 1;
}

static int
is_sp(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The standard's "get an attribute": 1 with name and value, or 0. */
static int
get_attr(scan *sc, tt_str *name, tt_str *value)
{
	const char *s = sc->s;
	char q;

	while (sc->i < sc->len && (is_sp(s[sc->i]) || s[sc->i] == '/'))
		sc->i++;
	if (sc->i >= sc->len || s[sc->i] == '>')
		return 0;
	name->p = s + sc->i;
	while (sc->i < sc->len && !is_sp(s[sc->i]) && s[sc->i] != '/' &&
	    s[sc->i] != '>' && (s[sc->i] != '=' || s + sc->i == name->p))
		sc->i++;
	name->len = (size_t)(s + sc->i - name->p);
	value->p = s + sc->i;
	value->len = 0;
	while (sc->i < sc->len && is_sp(s[sc->i]))
		sc->i++;
	if (sc->i >= sc->len || s[sc->i] != '=')
		return 1;
	sc->i++;
	while (sc->i < sc->len && is_sp(s[sc->i]))
		sc->i++;
	if (sc->i >= sc->len)
		return 1;
	if (s[sc->i] == '"' || s[sc->i] == '\'') {
		q = s[sc->i++];
		value->p = s + sc->i;
		while (sc->i < sc->len && s[sc->i] != q)
			sc->i++;
		value->len = (size_t)(s + sc->i - value->p);
		if (sc->i < sc->len)
			sc->i++;
		return 1;
	}
	value->p = s + sc->i;
	while (sc->i < sc->len && !is_sp(s[sc->i]) && s[sc->i] != '>')
		sc->i++;
	value->len = (size_t)(s + sc->i - value->p);
	return 1;
}

static int
str_ieq(tt_str a, const char *lit)
{
	size_t i, n = strlen(lit);

	if (a.len != n)
		return 0;
	for (i = 0; i < n; i++)
		if (tt_ascii_lower((unsigned char)a.p[i]) != lit[i])
			return 0;
	return 1;
}

/* The standard's "extract a character encoding from a meta element". */
static int
charset_from_content(tt_str c, tt_str *out)
{
	size_t i = 0, j;
	char q;

	for (;;) {
		for (; i + 7 <= c.len; i++)
			if (str_ieq((tt_str){ c.p + i, 7 }, "charset"))
				break;
		if (i + 7 > c.len)
			return 0;
		i += 7;
		while (i < c.len && is_sp(c.p[i]))
			i++;
		if (i < c.len && c.p[i] == '=')
			break;
	}
	i++;
	while (i < c.len && is_sp(c.p[i]))
		i++;
	if (i >= c.len)
		return 0;
	if (c.p[i] == '"' || c.p[i] == '\'') {
		q = c.p[i++];
		for (j = i; j < c.len && c.p[j] != q; j++)
			;
		if (j >= c.len)
			return 0;
	} else
		for (j = i; j < c.len && !is_sp(c.p[j]) && c.p[j] != ';'; j++)
			;
	out->p = c.p + i;
	out->len = j - i;
	return j > i;
}

static int
meta_charset(scan *sc, tt_str *cs)
{
	tt_str name, value, charset = { NULL, 0 }, content = { NULL, 0 };
	int http_equiv = 0;

	while (get_attr(sc, &name, &value)) {
		if (str_ieq(name, "http-equiv"))
			http_equiv |= str_ieq(value, "content-type");
		else if (str_ieq(name, "content") && content.p == NULL)
			content = value;
		else if (str_ieq(name, "charset") && charset.p == NULL)
			charset = value;
	}
	if (charset.p != NULL) {
		*cs = charset;
		return 1;
	}
	return http_equiv && content.p != NULL &&
	    charset_from_content(content, cs);
}

static void
skip_tag(scan *sc)
{
	tt_str n, v;

	while (sc->i < sc->len && !is_sp(sc->s[sc->i]) && sc->s[sc->i] != '>')
		sc->i++;
	while (get_attr(sc, &n, &v))
		;
}

static void
skip_past(scan *sc, const char *lit)
{
	while (sc->i < sc->len && !at(sc, lit))
		sc->i++;
	sc->i += sc->i < sc->len ? strlen(lit) : 0;
}

int
tt_encoding_sniff_meta(const char *s, size_t len, char *name, size_t cap)
{
	scan sc = { s, len < PRESCAN_MAX ? len : PRESCAN_MAX, 0 };
	tt_str cs;
	int c;

	while (sc.i < sc.len) {
		if (at(&sc, "<!--")) {
			sc.i += 4;
			skip_past(&sc, "-->");
		} else if (at(&sc, "<meta") && sc.i + 5 < sc.len &&
		    (is_sp(s[sc.i + 5]) || s[sc.i + 5] == '/')) {
			sc.i += 5;
			/* A label the standard does not know is ignored,
			 * and the prescan goes on. */
			if (meta_charset(&sc, &cs) &&
			    tt_encoding_label(cs.p, cs.len, name, cap)) {
				/* A page cannot declare itself UTF-16 in
				 * ASCII bytes: the standard reads UTF-8. */
				if (strncmp(name, "UTF-16", 6) == 0)
					snprintf(name, cap, "UTF-8");
				return 1;
			}
		} else if (sc.s[sc.i] == '<' && sc.i + 1 < sc.len &&
		    (tt_isascii_alpha(c = (unsigned char)s[sc.i + 1]) ||
		    (c == '/' && sc.i + 2 < sc.len &&
		    tt_isascii_alpha((unsigned char)s[sc.i + 2])))) {
			sc.i++;
			skip_tag(&sc);
		} else if (at(&sc, "<!") || at(&sc, "</") || at(&sc, "<?")) {
			skip_past(&sc, ">");
		} else
			sc.i++;
	}
	return 0;
}

/* ---------------------------------------------------------- detection */

/*
 * UTF-16 or UTF-32 without a BOM shows as a regular pattern of NUL bytes
 * in text that is mostly Latin: "a\0b\0" is UTF-16LE.  Counted on the
 * first 4 KiB; a few NULs in a binary or legacy file do not qualify.
 */
static const char *
wide_pattern(const unsigned char *s, size_t len)
{
	size_t n = len < 4096 ? len : 4096, i, z[4] = { 0 }, units, odd, even;

	n &= ~(size_t)3;
	if (n < 8)
		return NULL;
	for (i = 0; i < n; i++)
		if (s[i] == 0)
			z[i & 3]++;
	units = n / 4;
	if (z[1] + z[2] + z[3] == 3 * units && z[0] <= units / 4)
		return "UTF-32LE";
	if (z[0] + z[1] + z[2] == 3 * units && z[3] <= units / 4)
		return "UTF-32BE";
	/*
	 * As 16-bit units: NULs at odd offsets (LE) or even (BE).  Text in
	 * Latin script is mostly NULs on one side; CJK text has few, but its
	 * ASCII (spaces, newlines, digits) puts them all on the same side,
	 * which no single-byte text and no binary does.
	 */
	odd = z[1] + z[3];
	even = z[0] + z[2];
	if (odd >= 4 && odd * 100 >= 2 * units * 3 && even * 20 <= odd)
		return "UTF-16LE";
	if (even >= 4 && even * 100 >= 2 * units * 3 && odd * 20 <= even)
		return "UTF-16BE";
	return NULL;
}

/*
 * 1 if s reads as UTF-8: no ill-formed sequence, or (for text with a few
 * stray bytes) at least 4 well-formed multi-byte sequences for each bad
 * one.  *multi gets the number of multi-byte sequences seen.
 */
static int
looks_utf8(const char *s, size_t len, size_t *multi, int *valid)
{
	size_t i = 0, good = 0, bad = 0, n;
	int32_t cp;

	while (i < len) {
		i += tt_utf8_ascii_run(s + i, len - i);
		if (i >= len)
			break;
		n = tt_utf8_decode(s + i, len - i, &cp);
		if (cp < 0)
			bad++;
		else
			good++;
		i += n;
	}
	*multi = good;
	*valid = bad == 0;
	return bad == 0 || (good > 0 && bad * 4 <= good);
}

static void
set_guess(tt_enc_guess *g, const char *name, int source, size_t bom)
{
	snprintf(g->name, sizeof(g->name), "%s", name);
	g->source = source;
	g->bom_len = bom;
}

/*
 * Legacy single- and multi-byte encodings, told apart by the statistics
 * of their byte sequences: uchardet (Mozilla's detector, as Firefox has
 * it).  A static executable has it linked in; otherwise it is loaded with
 * dlopen() the first time a document needs it, not at every start: the
 * shared library brings the C++ runtime, which costs each process a
 * millisecond, and most documents are UTF-8.  Without it the caller
 * falls back to windows-1252.  Returns 1 with the name, 0 if there is no
 * opinion.
 */
#ifndef TT_UCHARDET_SO
#define TT_UCHARDET_SO	"libuchardet.so.0"
#endif

static int
statistics(const char *s, size_t len, char *name, size_t cap)
{
	uchardet_t (*ud_new)(void);
	void (*ud_delete)(uchardet_t), (*ud_end)(uchardet_t);
	int (*ud_data)(uchardet_t, const char *, size_t);
	const char *(*ud_charset)(uchardet_t);
	uchardet_t ud;
	const char *cs;
	int found = 0;

#ifdef TT_STATIC
	/* a static executable (scripts/static-libs) has it linked in */
	ud_new = uchardet_new;
	ud_delete = uchardet_delete;
	ud_data = uchardet_handle_data;
	ud_end = uchardet_data_end;
	ud_charset = uchardet_get_charset;
#else
	void *lib;

	/* Loaded once per process: dlopen() counts, and it is never closed. */
	if ((lib = dlopen(TT_UCHARDET_SO, RTLD_LAZY | RTLD_LOCAL)) == NULL)
		return 0;
	*(void **)&ud_new = dlsym(lib, "uchardet_new");
	*(void **)&ud_delete = dlsym(lib, "uchardet_delete");
	*(void **)&ud_data = dlsym(lib, "uchardet_handle_data");
	*(void **)&ud_end = dlsym(lib, "uchardet_data_end");
	*(void **)&ud_charset = dlsym(lib, "uchardet_get_charset");
#endif
	if (ud_new == NULL || ud_delete == NULL || ud_data == NULL ||
	    ud_end == NULL || ud_charset == NULL || (ud = ud_new()) == NULL)
		return 0;
	if (ud_data(ud, s, len < STATS_MAX ? len : STATS_MAX) == 0) {
		ud_end(ud);
		cs = ud_charset(ud);
		if (cs != NULL && *cs != '\0' && strcasecmp(cs, "ASCII") != 0 &&
		    strncasecmp(cs, "UTF-", 4) != 0) {
			/* As a browser reads the label: ISO-8859-1 is
			 * windows-1252. */
			tt_encoding_label(cs, strlen(cs), name, cap);
			found = 1;
		}
	}
	ud_delete(ud);
	return found;
}

/* ISO-2022-JP is 7-bit: its escape sequences give it away. */
static int
iso2022jp(const char *s, size_t len)
{
	const char *p = s, *end = s + (len < STATS_MAX ? len : STATS_MAX);

	while ((p = memchr(p, 0x1B, (size_t)(end - p))) != NULL &&
	    end - p >= 3) {
		if ((p[1] == '$' && (p[2] == 'B' || p[2] == '@')) ||
		    (p[1] == '(' && p[2] == 'J'))
			return 1;
		p++;
	}
	return 0;
}

void
tt_encoding_detect(const char *s, size_t len, int flags, tt_enc_guess *g)
{
	const char *name;
	char meta[32];
	size_t bom, multi;
	int utf8;

	if (s == NULL)
		s = "";		/* an empty document */
	g->utf8_valid = 0;
	if ((bom = tt_encoding_bom(s, len, &name)) > 0) {
		set_guess(g, name, TT_ENC_BOM, bom);
		return;
	}
	if ((name = wide_pattern((const unsigned char *)s, len)) != NULL) {
		set_guess(g, name, TT_ENC_UTF16, 0);
		return;
	}
	if (iso2022jp(s, len)) {
		set_guess(g, "ISO-2022-JP", TT_ENC_STATS, 0);
		return;
	}
	utf8 = looks_utf8(s, len, &multi, &g->utf8_valid);
	if ((flags & TT_ENC_HTML) &&
	    tt_encoding_sniff_meta(s, len, meta, sizeof(meta))) {
		/*
		 * A page saved as UTF-8 often keeps the <meta> of the legacy
		 * encoding it was served in.  Legacy text almost never forms
		 * valid multi-byte UTF-8, so valid UTF-8 with some wins.
		 */
		if (strcmp(meta, "UTF-8") != 0 && utf8 && multi > 0)
			set_guess(g, "UTF-8", TT_ENC_UTF8, 0);
		else
			set_guess(g, meta, TT_ENC_META, 0);
		return;
	}
	if (utf8)
		set_guess(g, "UTF-8", TT_ENC_UTF8, 0);
	else if (statistics(s, len, meta, sizeof(meta))) {
		/* ISO-8859-1's currency sign is all but unused; in -15 the
		 * same byte is the euro sign. */
		if ((strcasecmp(meta, "ISO-8859-1") == 0 ||
		    strcasecmp(meta, "WINDOWS-1252") == 0) &&
		    memchr(s, 0xA4, len) != NULL && memchr(s, 0x80, len) == NULL)
			snprintf(meta, sizeof(meta), "ISO-8859-15");
		set_guess(g, meta, TT_ENC_STATS, 0);
	}
	else
		set_guess(g, "WINDOWS-1252", TT_ENC_FALLBACK, 0);
}

/* --------------------------------------------------------- conversion */

struct tt_conv {
	iconv_t	 cd;
	int	 utf8;		/* UTF-8 to UTF-8: validate and repair only */
	int	 cp1252;	/* map its unassigned bytes to C1 controls */
	char	 carry[64];	/* a sequence cut between two feeds */
	size_t	 ncarry;
	size_t	 replaced;
};

static int
name_is(const char *name, const char *a, const char *b)
{
	char n[32];

	tt_encoding_label(name, strlen(name), n, sizeof(n));
	return strcmp(n, a) == 0 || (b != NULL && strcmp(n, b) == 0);
}

tt_conv *
tt_conv_new(const char *from, tt_err *e)
{
	tt_conv *c;
	char name[64];

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		tt_seterr(e, TT_ENOMEM, "out of memory");
		return NULL;
	}
	c->cd = (iconv_t)-1;
	tt_encoding_label(from, strlen(from), name, sizeof(name));
	if (name_is(name, "UTF-8", NULL)) {
		c->utf8 = 1;
		return c;
	}
	c->cp1252 = name_is(name, "WINDOWS-1252", NULL);
	if ((c->cd = iconv_open("UTF-8", name)) == (iconv_t)-1) {
		tt_seterr(e, TT_EINVAL, "unknown encoding: %s", from);
		free(c);
		return NULL;
	}
	return c;
}

static int
replace(tt_conv *c, tt_buf *out, unsigned char byte)
{
	char u[4];
	size_t n;

	c->replaced++;
	if (c->cp1252 && byte >= 0x80 && byte <= 0x9F) {
		n = tt_utf8_encode(byte, u);
		return tt_buf_append(out, u, n);
	}
	return tt_buf_append(out, "\xEF\xBF\xBD", 3);
}

/*
 * Convert what iconv can.  An incomplete tail stays in the input for the
 * caller to carry, unless final, when it becomes U+FFFD.
 */
static int
run_iconv(tt_conv *c, const char **in, size_t *left, int final, tt_buf *out)
{
	char *ip, *op;
	size_t r, oleft, want;

	while (*left > 0) {
		want = *left < 16384 ? *left * 4 + 16 : 65536;
		if (tt_buf_reserve(out, want) != TT_OK)
			return TT_ENOMEM;
		ip = (char *)(uintptr_t)*in;
		op = out->data + out->len;
		oleft = out->cap - out->len - 1;
		r = iconv(c->cd, &ip, left, &op, &oleft);
		out->len = (size_t)(op - out->data);
		*in = ip;
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !final)
			return TT_OK;	/* the caller carries the tail */
		if (replace(c, out, (unsigned char)**in) != TT_OK)
			return TT_ENOMEM;
		(*in)++;
		(*left)--;
	}
	if (final) {		/* back to the initial shift state */
		if (tt_buf_reserve(out, 16) != TT_OK)
			return TT_ENOMEM;
		op = out->data + out->len;
		oleft = out->cap - out->len - 1;
		iconv(c->cd, NULL, NULL, &op, &oleft);
		out->len = (size_t)(op - out->data);
	}
	return TT_OK;
}

static int
repair_into(tt_conv *c, const char *s, size_t len, tt_buf *out)
{
	int r = tt_utf8_repair(s, len, out);

	if (r < 0)
		return r;
	c->replaced += (size_t)r;
	return TT_OK;
}

static int
feed_utf8(tt_conv *c, const char *in, size_t len, int final, tt_buf *out)
{
	char tmp[sizeof(c->carry) + 8];
	size_t take, tlen, cut;
	int r;

	if (c->ncarry > 0) {
		/* The cut sequence and a few new bytes: at most the last
		 * three bytes of these can still be incomplete. */
		take = len < 8 ? len : 8;
		memcpy(tmp, c->carry, c->ncarry);
		memcpy(tmp + c->ncarry, in, take);
		tlen = c->ncarry + take;
		cut = final && take == len ? tlen : tt_utf8_complete(tmp, tlen);
		if ((r = repair_into(c, tmp, cut, out)) != TT_OK)
			return r;
		if (cut < c->ncarry) {		/* still incomplete */
			memmove(c->carry, tmp + cut, tlen - cut);
			c->ncarry = tlen - cut;
			return TT_OK;
		}
		in += cut - c->ncarry;
		len -= cut - c->ncarry;
		c->ncarry = 0;
	}
	cut = final ? len : tt_utf8_complete(in, len);
	if ((r = repair_into(c, in, cut, out)) != TT_OK)
		return r;
	memcpy(c->carry, in + cut, len - cut);	/* at most 3 bytes */
	c->ncarry = len - cut;
	return TT_OK;
}

int
tt_conv_feed(tt_conv *c, const char *in, size_t len, int final, tt_buf *out,
    tt_err *e)
{
	char tmp[sizeof(c->carry) + 32];
	const char *tp;
	size_t take, tlen, tleft, used;
	int r = TT_OK;

	if (c->utf8) {
		r = feed_utf8(c, in, len, final, out);
		goto done;
	}
	if (c->ncarry > 0) {
		/* Finish the cut sequence with a few of the new bytes. */
		take = len < 32 ? len : 32;
		memcpy(tmp, c->carry, c->ncarry);
		memcpy(tmp + c->ncarry, in, take);
		tlen = tleft = c->ncarry + take;
		tp = tmp;
		if ((r = run_iconv(c, &tp, &tleft, final && take == len,
		    out)) != TT_OK)
			goto done;
		used = tlen - tleft;
		if (used < c->ncarry) {		/* still incomplete */
			if (tleft > sizeof(c->carry))
				tleft = sizeof(c->carry);	/* cannot be */
			memmove(c->carry, tp, tleft);
			c->ncarry = tleft;
			goto done;
		}
		in += used - c->ncarry;
		len -= used - c->ncarry;
		c->ncarry = 0;
	}
	if ((r = run_iconv(c, &in, &len, final, out)) != TT_OK)
		goto done;
	if (len > sizeof(c->carry)) {		/* not a cut sequence */
		while (len > sizeof(c->carry) && r == TT_OK) {
			r = replace(c, out, (unsigned char)*in++);
			len--;
		}
	}
	memcpy(c->carry, in, len);
	c->ncarry = len;
done:
	if (r != TT_OK)
		return tt_seterr(e, r, "%s", tt_strerror(r));
	return TT_OK;
}

size_t
tt_conv_same(const tt_conv *c, const char *in, size_t len, int final)
{
	if (!c->utf8 || c->ncarry > 0)
		return 0;
	return tt_utf8_valid_run(in, final ? len : tt_utf8_complete(in, len));
}

size_t
tt_conv_replaced(const tt_conv *c)
{
	return c->replaced;
}

void
tt_conv_free(tt_conv *c)
{
	if (c == NULL)
		return;
	if (c->cd != (iconv_t)-1)
		iconv_close(c->cd);
	free(c);
}

/* 8, 16 or 32 for the Unicode encoding forms, else 0. */
static int
unicode_family(const char *name)
{
	char n[32];

	tt_encoding_label(name, strlen(name), n, sizeof(n));
	if (strcmp(n, "UTF-8") == 0)
		return 8;
	if (strncmp(n, "UTF-16", 6) == 0 || strncmp(n, "utf-16", 6) == 0)
		return 16;
	if (strncmp(n, "UTF-32", 6) == 0 || strncmp(n, "utf-32", 6) == 0)
		return 32;
	return 0;
}

int
tt_encoding_to_utf8(const char *s, size_t len, int flags, const char *forced,
    tt_buf *out, tt_enc_guess *gp, tt_err *e)
{
	tt_enc_guess g;
	const char *bomname;
	size_t bom;
	tt_conv *c;
	int r;

	memset(&g, 0, sizeof(g));
	if (forced != NULL) {
		set_guess(&g, forced, TT_ENC_FORCED, 0);
		/* A BOM of the forced encoding's family is not text, and
		 * tells the byte order. */
		bom = tt_encoding_bom(s, len, &bomname);
		if (bom > 0 && unicode_family(forced) == unicode_family(bomname))
			set_guess(&g, bomname, TT_ENC_FORCED, bom);
	} else
		tt_encoding_detect(s, len, flags, &g);
	if (gp != NULL)
		*gp = g;
	if ((c = tt_conv_new(g.name, e)) == NULL)
		return e != NULL ? e->code : TT_EINVAL;
	r = tt_conv_feed(c, s + g.bom_len, len - g.bom_len, 1, out, e);
	if (r == TT_OK)
		r = tt_conv_replaced(c) > INT_MAX ? INT_MAX :
		    (int)tt_conv_replaced(c);
	tt_conv_free(c);
	return r;
}

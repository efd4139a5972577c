/* Unit tests of tt-clean's library side: lib/clean.c, cleanline.c,
 * mojibake.c, boilerplate.c, dedupe.c. */
#define _GNU_SOURCE
#include <iconv.h>
#include <stdlib.h>

#include "tt_test.h"
#include "clean_int.h"

/* Clean s with the steps given, feeding it in pieces of step bytes. */
static const char *
clean(const char *s, size_t len, unsigned steps, size_t step)
{
	static tt_buf out;
	tt_clean_opts o = { 0 };
	tt_clean *c;
	size_t i;

	o.steps = steps;
	tt_buf_reset(&out);
	if ((c = tt_clean_new(&o, NULL)) == NULL)
		return "(new failed)";
	for (i = 0; i < len; i += step)
		if (tt_clean_feed(c, s + i, len - i < step ? len - i : step,
		    &out, NULL) != TT_OK)
			return "(feed failed)";
	if (tt_clean_finish(c, &out, NULL) != TT_OK)
		return "(finish failed)";
	tt_clean_free(c);
	return tt_buf_cstr(&out);
}

#define CLEAN(in, steps)	clean(in, strlen(in), steps, 1 << 16)

TEST(clean_step_names)
{
	unsigned m;
	tt_err e;

	CHECK_INT(tt_clean_steps("encoding,dedupe", &m, &e), TT_OK);
	CHECK_INT(m, TT_STEP_ENCODING | TT_STEP_DEDUPE);
	CHECK_INT(tt_clean_steps("unicode,bogus", &m, &e), TT_EINVAL);
	CHECK(strstr(e.msg, "bogus") != NULL);
	CHECK_INT(tt_clean_steps("", &m, &e), TT_OK);
	CHECK_INT(m, 0);
}

TEST(clean_mojibake_fix)
{
	tt_buf b = { 0 };

	CHECK_INT(tt_mojibake_fix("Caf\xC3\x83\xC2\xA9", 7, &b), 1);
	CHECK_BUF(b, "Caf\xC3\xA9");				/* Café */
	tt_buf_reset(&b);
	/* twice through windows-1252 */
	CHECK(tt_mojibake_fix("Caf\xC3\x83\xC6\x92\xC3\x82\xC2\xA9", 11, &b) > 0);
	CHECK_BUF(b, "Caf\xC3\xA9");
	tt_buf_reset(&b);
	/* negatives: NESTLÉ®, 4288×…, plain accents */
	CHECK_INT(tt_mojibake_fix("NESTL\xC3\x89\xC2\xAE", 9, &b), 0);
	CHECK_BUF(b, "NESTL\xC3\x89\xC2\xAE");
	tt_buf_reset(&b);
	CHECK_INT(tt_mojibake_fix("4288\xC3\x97\xE2\x80\xA6", 9, &b), 0);
	CHECK_BUF(b, "4288\xC3\x97\xE2\x80\xA6");
	tt_buf_reset(&b);
	CHECK_INT(tt_mojibake_fix("na\xC3\xAFve caf\xC3\xA9", 11, &b), 0);
	tt_buf_reset(&b);
	/* a lone C1 control is windows-1252 read as latin-1 */
	CHECK_INT(tt_mojibake_fix("wait\xC2\x85", 6, &b), 1);
	CHECK_BUF(b, "wait\xE2\x80\xA6");
	tt_buf_reset(&b);
	/* Cyrillic read as windows-1251 needs two sequences or more */
	CHECK(tt_mojibake_fix("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82", 12,
	    &b) == 0);			/* real Russian text is left alone */
	tt_buf_free(&b);
}

/*
 * The mojibake of utf8 when its bytes are read as codec: the bytes taken
 * as codec's characters, written as UTF-8.  NULL if iconv cannot.
 */
static const char *
garble(const char *utf8, const char *codec)
{
	static char out[1024];
	char *in = (char *)utf8, *o = out;
	size_t il = strlen(utf8), ol = sizeof(out) - 1;
	iconv_t cd = iconv_open("UTF-8", codec);

	if (cd == (iconv_t)-1)
		return NULL;
	if (iconv(cd, &in, &il, &o, &ol) == (size_t)-1) {
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*o = '\0';
	return out;
}

static int
fixes_to(const char *in, const char *want)
{
	tt_buf b = { 0 };
	int ok;

	ok = in != NULL && tt_mojibake_fix(in, strlen(in), &b) >= 0 &&
	    b.len == strlen(want) && memcmp(b.data, want, b.len) == 0;
	if (!ok)
		fprintf(stderr, "#   mojibake: \"%s\" -> \"%.*s\", want \"%s\"\n",
		    in ? in : "(iconv failed)", (int)b.len,
		    b.data ? b.data : "", want);
	tt_buf_free(&b);
	return ok;
}

/* Text that went through the wrong codec comes back, whole. */
TEST(clean_mojibake_codecs)
{
	static const char *const cases[][2] = {
		{ "D\u00e9j\u00e0 vu: the caf\u00e9's cr\u00e8me br\u00fbl\u00e9e",
		  "WINDOWS-1252" },
		{ "Gr\u00fc\u00dfe aus M\u00fcnchen, sch\u00f6n dass ihr da wart",
		  "WINDOWS-1252" },
		{ "\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a "
		  "\u0443 \u0432\u0430\u0441 \u0434\u0435\u043b\u0430?",
		  "ISO-8859-1" },
		{ "\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a "
		  "\u0434\u0435\u043b\u0430?", "WINDOWS-1251" },
		{ "Dobr\u00fd den, p\u0159\u00e1tel\u00e9, \u010de\u0161tina "
		  "je kr\u00e1sn\u00e1", "WINDOWS-1250" },
		{ "Ma\u00f1ana ser\u00e1 otro d\u00eda, se\u00f1or",
		  "MACINTOSH" },
		{ "\u0130stanbul\u2019da g\u00fczel bir g\u00fcn",
		  "WINDOWS-1254" },
		{ "Good luck \U0001F340 and thanks \U0001F64F", "ISO-8859-1" },
		{ "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8",
		  "ISO-8859-1" },
		{ "\u010ce\u0161tina je kr\u00e1sn\u00e1", "CP437" },
		{ "Ligatures: \ufb01ne and \ufb02at", "WINDOWS-1251" },
		{ "Ce n\u2019est pas \u00e0 moi", "WINDOWS-1252" },
		{ "Tsch\u00fc\u00df, bis morgen fr\u00fch!", "CP437" },
		{ "Labdien, k\u0101 jums kl\u0101jas \u0161odien?",
		  "ISO-8859-2" },
		/* "\u00fc" as "\u0413\u0458", "\u00e9" as "\u0102\u00a9" */
		{ "Gr\u00fc\u00dfe aus M\u00fcnchen, \u00fcber alle "
		  "Ma\u00dfen", "WINDOWS-1251" },
		{ "D\u00e9j\u00e0 vu, o\u00f9 \u00eates-vous, "
		  "caf\u00e9 cr\u00e8me", "WINDOWS-1250" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(fixes_to(garble(cases[i][0], cases[i][1]), cases[i][0]));
	/* twice through windows-1252 */
	CHECK(fixes_to(garble(garble("na\u00efve caf\u00e9", "WINDOWS-1252"),
	    "WINDOWS-1252"), "na\u00efve caf\u00e9"));
}

/* The damage a round trip adds, and lines that are partly mojibake. */
TEST(clean_mojibake_damage)
{
	/* a lost byte shown as U+FFFD or "?" */
	CHECK(fixes_to("\u00e2\u20ac\u0153quoted text\u00e2\u20ac\ufffd",
	    "\u201cquoted text\ufffd"));
	CHECK(fixes_to("rated \u00e2\u20ac\u0153A+\u00e2\u20ac? today",
	    "rated \u201cA+\ufffd today"));
	/* the no-break space of "à" became a space: "à" stays a word */
	CHECK(fixes_to("Il est all\u00c3\u00a9 \u00c3 la plage",
	    "Il est all\u00e9 \u00e0 la plage"));
	/* ... and of a no-break space itself */
	CHECK(fixes_to("10\u00c2 km \u00e2\u20ac\u201c far", "10\u00a0km \u2013 far"));
	/* an emoji read as MacRoman (glibc's iconv maps 0xF0 elsewhere,
	 * hence written out: Apple's logo, U+F8FF, then the rest) */
	CHECK(fixes_to("Great job \uf8ff\u00fc\u00eb\u00e7 see you",
	    "Great job \U0001F44D see you"));
	/* CESU-8: an emoji as two surrogates, read as ISO-8859-1 */
	CHECK(fixes_to("ok \u00ed\u00a0\u00bd\u00ed\u00b8\xC2\x80",
	    "ok \U0001F600"));
	/* mojibake beside text that was read right */
	CHECK(fixes_to("It\u2019s the caf\u00c3\u00a9 on the r\u00c3\u00a9gion\u2019s "
	    "square", "It\u2019s the caf\u00e9 on the r\u00e9gion\u2019s square"));
	/* C1 controls: windows-1252 read as ISO-8859-1, or MacRoman inside
	 * words where windows-1252 gives punctuation */
	CHECK(fixes_to("it\xC2\x92s done\xC2\x85", "it\u2019s done\u2026"));
	CHECK(fixes_to("el cami\xC2\x97n est\xC2\x87 aqu\xC2\x92",
	    "el cami\u00f3n est\u00e1 aqu\u00ed"));
}

/* Text that only looks odd is left as it is. */
TEST(clean_mojibake_negatives)
{
	static const char *const ok[] = {
		"S\u00c3O PAULO \u00c9 A MAIOR CIDADE",
		"NESTL\u00c9\u00ae", "4288\u00d7\u2026", "Tom \u00d7 2 = \u00a310",
		"C\u2019est l\u2019\u00e9t\u00e9 \u00e0 Paris",
		"\u00c6r\u00f8sk\u00f8bing og \u00c5lborg",
		"\u0412\u0421\u0415 \u0415\u0429\u0401 \u0417\u0414\u0415\u0421\u042c",
		"\u00ac_\u00ac", "( \u0361\u00b0 \u035c\u0296 \u0361\u00b0)",
		"Z\u00fcrich \u2013 Gen\u00e8ve",
		"\u201eGuten Tag\u201c, sagte sie.",
		"TNF\u03b1 and IL-2R\u03b3", "\u00bd cup of flour, 350\u00b0F",
		"Se\u00f1or Garc\u00eda\u2019s a\u00f1o",
		"\u03a9mega \u221a2 \u2248 1.414", "Vi\u1ec7t Nam",
		"\u0108u vi parolas Esperanton?",
		"Dvo\u0159\u00e1k\u2019s \u201cNew World\u201d",
		"\u05e2\u05d1\u05e8\u05d9\u05ea and \u0627\u0644\u0639\u0631\u0628\u064a\u0629",
		"MISUT\u00c2\u00a0AJIKKO", "A \u00c2 B", "\u00a9 2026 Caf\u00e9 Ltd",
		/* Ukrainian KiB, MiB; Russian kW, MW */
		"64 \u041a\u0456\u0411 \u0430\u0431\u043e 3 \u041c\u0456\u0411",
		"5 \u043a\u0412\u0442 \u0456 2 \u041c\u0412\u0442",
		/* "\u0413" (a lead byte as windows-1251 reads it) before a
		 * letter of the alphabet or a full stop */
		"\u0413\u043e\u0440\u043e\u0434 \u0413\u0440\u043e\u0434"
		"\u043d\u043e \u0438 \u0413. \u041c\u0438\u043d\u0441\u043a",
		"\u041e\u043d \u0441\u043a\u0430\u0437\u0430\u043b: "
		"\u0413\u0434\u0435 \u0442\u044b? \u0413\u043c.",
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		CHECK(fixes_to(ok[i], ok[i]));
}

/* The same lines go before the rules are compiled to code and after,
 * ASCII lines (byte patterns) and others (UTF-8 ones), and where a key
 * shows only in a caseless Unicode form. */
TEST(clean_boilerplate_keyed_rules)
{
	tt_buf in = { 0 };
	const char *out;
	int i;

	for (i = 0; i < 2500; i++) {
		tt_buf_puts(&in, "The harbour council met again on Thursday night "
		    "and voted to repair the old sea wall before winter.\n");
		if (i % 500 == 499)
			tt_buf_puts(&in, "Read More\n\u00a9 2026 The Tide. "
			    "All rights reserved.\n");
		if (i == 2300)
			tt_buf_puts(&in, "We use cookies to count visits.\n"
			    "\u0424\u043e\u0442\u043e: \u0418. \u041f\u0435"
			    "\u0442\u0440\u043e\u0432\nPhoto: J. Smith\n"
			    /* long s: (?i) takes it for s */
			    "\u017fHARE\n"
			    /* the Kelvin sign, for k */
			    "S\u212Aip to content\n");
	}
	out = clean(in.data, in.len, TT_STEP_BOILERPLATE, 1 << 16);
	CHECK(strstr(out, "Read More") == NULL);
	CHECK(strstr(out, "All rights reserved") == NULL);
	CHECK(strstr(out, "cookies") == NULL);
	CHECK(strstr(out, "\u0424\u043e\u0442\u043e") == NULL);
	CHECK(strstr(out, "J. Smith") == NULL);
	CHECK(strstr(out, "HARE") == NULL);
	CHECK(strstr(out, "ip to content") == NULL);
	CHECK(strstr(out, "sea wall before winter.") != NULL);
	tt_buf_free(&in);
}

/* A key is found wherever it stands in a line: lines are read from two
 * places at once when long, and keys are looked for by their first
 * bytes. */
static void
keys_anywhere(const char *rules)
{
	tt_clean_opts o = { 0 };
	tt_buf in = { 0 }, out = { 0 };
	tt_clean *c;
	size_t len, at, i, lines = 0;

	o.steps = TT_STEP_BOILERPLATE;
	o.rules = rules;
	o.rules_len = strlen(o.rules);
	for (len = 9; len < 140; len += 7)
		for (at = 0; at + 9 <= len; at++) {
			for (i = 0; i < len; i++)
				tt_buf_putc(&in, i >= at && i < at + 9 ?
				    "zebrafish"[i - at] : 'x');
			tt_buf_puts(&in, "\n");
			lines++;
		}
	CHECK(lines > 1000);
	CHECK((c = tt_clean_new(&o, NULL)) != NULL);
	CHECK(tt_clean_feed(c, in.data, in.len, &out, NULL) == TT_OK);
	CHECK(tt_clean_finish(c, &out, NULL) == TT_OK);
	CHECK(strstr(tt_buf_cstr(&out), "zebrafish") == NULL);
	tt_clean_free(c);
	tt_buf_free(&in);
	tt_buf_free(&out);
}

TEST(clean_rule_keys_anywhere)
{
	tt_buf rules = { 0 };
	unsigned long x = 7;
	int i, j;

	keys_anywhere("fish keys=zebrafish ^x*zebrafishx*$\n");
	/* So many keys that the automaton has thousands of states */
	tt_buf_puts(&rules, "fish keys=zebrafish");
	for (i = 0; i < 400; i++) {
		tt_buf_putc(&rules, ',');
		for (j = 0; j < 6; j++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			tt_buf_putc(&rules, "abcdefghijklmnopqrstuvwxyz0123456789"
			    [(x >> 33) % 36]);
		}
	}
	tt_buf_puts(&rules, " ^x*zebrafishx*$\n");
	keys_anywhere(tt_buf_cstr(&rules));
	tt_buf_free(&rules);
}

/* The built-in rules are compiled when first tried: every one must
 * compile. */
TEST(clean_builtin_rules_compile)
{
	tt_err e;
	tt_boiler *b = tt_boiler_new(NULL, 0, &e);

	CHECK(b != NULL);
	if (b != NULL) {
		CHECK_INT(tt_boiler_compile_all(b), 0);
		tt_boiler_free(b);
	}
	/* a user's rule is compiled at once: a bad one is an error */
	b = tt_boiler_new("bad ^(\n", 8, &e);
	CHECK(b == NULL);
}

/*
 * The built-in rules' keys skip no line their patterns take: pages made
 * of a page's furniture in pieces, and prose between, come out the same
 * whether the keys choose the rules tried or every rule is tried on every
 * short line.  (agency-credit lacked a key for its "AP Photo".)
 */
TEST(clean_boilerplate_keys_skip_no_match)
{
	static const char *const parts[] = {
		"AP Photo", "Photo", "photo", "Image", "Picture", "Video",
		"Illustration", "Reuters", "Getty Images", "AFP", "Associated "
		"Press", "The Associated Press", "Jo Lee", "Ada Merrow", "/",
		"|", ",", ":", "(", ")", "*", "-", "by", "By", "via", "from",
		"courtesy of", "credit", "Share", "share this story", "Tweet",
		"Email", "E-mail", "Print", "Pin it", "Copy link", "Comments",
		"12 comments", "Leave a reply", "Cancel reply", "Reply",
		"Report", "says", "Sign up", "Sign in", "Log in", "Subscribe",
		"Subscribe now", "Join", "our newsletter", "Daily briefing",
		"Donate", "Menu", "Search", "Close", "Skip to content",
		"Back to top", "Toggle navigation", "Advertisement",
		"Sponsored", "Ad", "Read more", "More stories from", "See also",
		"Recommended for you", "You may also like", "Most read",
		"Trending now", "Top stories", "Latest news", "Next article",
		"Continue reading", "We use cookies", "Cookie policy",
		"Manage preferences", "Always enabled", "Privacy overview",
		"© 2026", "(c) 2026", "Copyright 2026", "All rights "
		"reserved", "Privacy Policy", "Terms of Use", "Contact us",
		"About us", "Careers", "Site map", "Help", "FAQ", "Logo",
		"(Required)", "Updated", "Posted", "Published", "3 hours ago",
		"Jan. 5, 2026", "5 March 2026", "10:30 am", "EST",
		"2026-03-05 10:30", "Image 2 of 7", "Tags", "Don't miss",
		"View the gallery", "About the author", "Follow us on",
		"Twitter", "Facebook", "Join the discussion", "Sharing is "
		"caring", "No thanks", "Total", "0", "1.2K", "Shares", "Views",
		"Read the full story", "file.jpg", "[INS: :INS]", "(BUTTON)",
		"[X]", "3", "responses to", "“The Tide”",
	};
	tt_buf in = { 0 };
	uint64_t x = 0x2545F4914F6CDD1DULL;
	char *keyed;
	const char *all;
	int i, j, n;

	for (i = 0; i < 6000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		if (x % 5 == 0) {
			tt_buf_puts(&in, "The harbour council met again on "
			    "Thursday night and voted to repair the old sea "
			    "wall before the first storms of the winter.\n");
			continue;
		}
		n = 1 + (int)(x >> 8) % 4;
		for (j = 0; j < n; j++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			if (j > 0 && x % 3 != 0)
				tt_buf_putc(&in, ' ');
			tt_buf_puts(&in, parts[(x >> 4) %
			    (sizeof(parts) / sizeof(parts[0]))]);
		}
		tt_buf_putc(&in, '\n');
	}
	keyed = strdup(clean(in.data, in.len, TT_STEP_BOILERPLATE, 1 << 16));
	tt_boiler_all_keys = 1;
	all = clean(in.data, in.len, TT_STEP_BOILERPLATE, 1 << 16);
	tt_boiler_all_keys = 0;
	CHECK(keyed != NULL && strcmp(keyed, all) == 0);
	/* and the rules had work to do */
	for (i = j = 0; keyed != NULL && keyed[i] != '\0'; i++)
		j += keyed[i] == '\n';
	CHECK(j > 1200 && j < 5500);	/* the prose, and not all else */
	free(keyed);
	tt_buf_free(&in);
}

/* A rule with keys is tried only where one of them is. */
TEST(clean_boilerplate_rule_keys)
{
	tt_clean_opts o = { 0 };
	tt_buf out = { 0 };
	tt_clean *c;
	const char *in = "Promo: use code SAVE10 now\n"
	    "Coupon: use code SAVE20 now\n"
	    "Deal: use code SAVE30 now\n";

	o.steps = TT_STEP_BOILERPLATE;
	o.rules = "promo keys=promo,COUPON ^\\w+: use code \\S+ now$\n";
	o.rules_len = strlen(o.rules);
	CHECK((c = tt_clean_new(&o, NULL)) != NULL);
	CHECK_INT(tt_clean_feed(c, in, strlen(in), &out, NULL), TT_OK);
	CHECK_INT(tt_clean_finish(c, &out, NULL), TT_OK);
	tt_clean_free(c);
	tt_buf_cstr(&out);
	CHECK(strstr(out.data, "SAVE10") == NULL);
	CHECK(strstr(out.data, "SAVE20") == NULL);
	CHECK(strstr(out.data, "SAVE30") != NULL);	/* no key: not tried */
	tt_buf_free(&out);
}

/*
 * The unicode step normalizes only a line with a character NFC could
 * change (tt_clean_nfc_maybe()): of every other character, NFC keeps the
 * character alone and after the letters other characters compose with
 * (Latin, Greek, Cyrillic, kana, a Hangul syllable and a leading jamo).
 */
TEST(clean_nfc_asked_of_every_character_it_changes)
{
	static const char *const before[] = {
		"", "a", "e", "o", "A", "c", "\xCE\x91", "\xD0\x90",
		"\xE3\x81\x86", "\xEA\xB0\x80", "\xE1\x84\x80"
	};
	char s[16];
	tt_buf out = { 0 };
	size_t k, n, missed = 0, asked = 0;
	int32_t cp;

	for (cp = 0x80; cp < 0x30000; cp++) {
		if ((cp >= 0xD800 && cp <= 0xDFFF) || tt_clean_nfc_maybe(cp))
			continue;
		for (k = 0; k < sizeof(before) / sizeof(before[0]); k++) {
			if (k > 0 && cp >= 0x10000)
				break;		/* no composition up there */
			n = strlen(before[k]);
			memcpy(s, before[k], n);
			n += tt_utf8_encode(cp, s + n);
			tt_buf_reset(&out);
			asked++;
			if (tt_unicode_nfc(s, n, &out, NULL) != TT_OK ||
			    out.len != n || memcmp(out.data, s, n) != 0) {
				if (missed++ < 3)
					printf("# NFC changes U+%04X after "
					    "\"%s\"\n", (unsigned)cp, before[k]);
			}
		}
	}
	CHECK(asked > 500000);
	CHECK_INT(missed, 0);
	/* a syllable and a jamo after it still compose */
	CHECK(strcmp(CLEAN("\xEA\xB0\x80\xE1\x86\xA8\n", TT_STEP_UNICODE),
	    "\xEA\xB0\x81\n") == 0);
	CHECK(strcmp(CLEAN("\xED\x95\x9C\xEA\xB5\xAD\n", TT_STEP_UNICODE),
	    "\xED\x95\x9C\xEA\xB5\xAD\n") == 0);
	tt_buf_free(&out);
}

TEST(clean_unicode_and_whitespace)
{
	CHECK(strcmp(CLEAN("  cafe\xCC\x81  soft\xC2\xADhy\xE2\x80\x8Bphen\xC2\xA0x\x07 \r\n",
	    TT_STEP_UNICODE | TT_STEP_WHITESPACE), "caf\xC3\xA9 softhyphen x\n") == 0);
	CHECK(strcmp(CLEAN("\n\n\na\n\n\n\nb\n\n", TT_STEP_WHITESPACE),
	    "a\n\nb\n") == 0);
	CHECK(strcmp(CLEAN("no newline at end", TT_STEP_WHITESPACE),
	    "no newline at end\n") == 0);
	CHECK(strcmp(CLEAN("", TT_STEP_ALL), "") == 0);
}

/* Two spaces or a tab anywhere in a line are found, whether the line is
 * looked at 16, 8 or 1 byte at a time there. */
TEST(clean_whitespace_every_position)
{
	char in[64], want[64];
	const char *got;
	size_t at, len;

	for (len = 3; len < 40; len++)
		for (at = 1; at + 2 < len; at++) {
			memset(in, 'x', len);
			memcpy(in + at, "  ", 2);
			in[len] = '\n';
			in[len + 1] = '\0';
			memset(want, 'x', len - 1);
			want[at] = ' ';
			want[len - 1] = '\n';
			want[len] = '\0';
			got = CLEAN(in, TT_STEP_WHITESPACE);
			CHECK(strcmp(got, want) == 0);
			in[at] = '\t';
			in[at + 1] = 'x';
			want[at + 1] = 'x';
			want[len - 1] = 'x';
			want[len] = '\n';
			want[len + 1] = '\0';
			got = CLEAN(in, TT_STEP_WHITESPACE);
			CHECK(strcmp(got, want) == 0);
		}
}

TEST(clean_dedupe_keeps_short_and_far)
{
	const char *cap = "The caption of the photo is printed twice here.\n";
	tt_buf in = { 0 };
	int i;

	tt_buf_puts(&in, cap);
	tt_buf_puts(&in, cap);
	tt_buf_puts(&in, "Yes.\nYes.\n");
	for (i = 0; i < 20; i++)
		tt_buf_printf(&in, "Filler paragraph number %d of the text.\n", i);
	tt_buf_puts(&in, cap);		/* far away: on purpose */
	tt_buf_cstr(&in);
	CHECK(strcmp(clean(in.data, in.len, TT_STEP_DEDUPE, 7),
	    strchr(in.data, '\n') + 1) == 0);
	tt_buf_free(&in);
}

/*
 * A line of ASCII is fingerprinted a word at a time, a line with more
 * byte by byte: the same words must give the same fingerprint.  Each
 * random line is followed by its twin behind a no-break space (which
 * only the byte-by-byte reading sees, and which is no word): the twin is
 * dropped as a repeat, its line kept.
 */
TEST(clean_dedupe_ascii_lines_as_any)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"
	    "KLMNOPQRSTUVWXYZ0123456789       ,.;:-!?\"()'\t";
	tt_buf in = { 0 }, want = { 0 }, line = { 0 };
	unsigned long x = 99;
	size_t n, k, len;
	int i;

	for (i = 0; i < 400; i++) {
		tt_buf_reset(&line);
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		len = 20 + (x >> 33) % 200;
		for (k = 0; k < len; k++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			n = (x >> 33) % (sizeof(chars) - 1);
			tt_buf_putc(&line, chars[n]);
		}
		/* six words at least, and no two lines alike */
		tt_buf_printf(&line, " w%d x y z u v", i);
		tt_buf_append(&in, line.data, line.len);
		tt_buf_puts(&in, "\n\xC2\xA0");
		tt_buf_append(&in, line.data, line.len);
		tt_buf_puts(&in, "\n");
		tt_buf_append(&want, line.data, line.len);
		tt_buf_puts(&want, "\n");
	}
	CHECK(strcmp(clean(in.data, in.len, TT_STEP_DEDUPE, 4096),
	    tt_buf_cstr(&want)) == 0);
	tt_buf_free(&in);
	tt_buf_free(&want);
	tt_buf_free(&line);
}

/*
 * Letters beyond ASCII are folded by a table of the Basic Multilingual
 * Plane, filled a page at a time; other characters by utf8proc.  A line
 * repeated in the other case (Cyrillic, Greek, accented Latin, the
 * Kelvin sign for k, a curly apostrophe for a straight one, an
 * ideograph, an emoji between words) is a repeat; a line that differs
 * in one letter beyond ASCII, or in a word break, is not.
 */
TEST(clean_dedupe_folds_letters_beyond_ascii)
{
	static const char *const pairs[][3] = {
		/* line, its repeat, a line that is another */
		{ "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 "
		  "\xD0\xB8 \xD0\xBC\xD0\xB8\xD1\x80 \xD1\x81\xD0\xB5"
		  "\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xBD\xD1\x8F "
		  "\xD0\xB2 \xD0\xB3\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB4"
		  "\xD0\xB5.",
		  "\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90 "
		  "\xD0\x98 \xD0\x9C\xD0\x98\xD0\xA0 \xD0\xA1\xD0\x95"
		  "\xD0\x93\xD0\x9E\xD0\x94\xD0\x9D\xD0\xAF "
		  "\xD0\x92 \xD0\x93\xD0\x9E\xD0\xA0\xD0\x9E\xD0\x94"
		  "\xD0\x95!",
		  "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 "
		  "\xD0\xB8 \xD0\xBC\xD0\xB8\xD1\x80 \xD1\x81\xD0\xB5"
		  "\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xBD\xD1\x8F "
		  "\xD0\xB2 \xD0\xB3\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB4"
		  "\xD1\x83." },
		{ "\xCE\xB7 \xCF\x80\xCF\x8C\xCE\xBB\xCE\xB7 \xCE\xB5"
		  "\xCE\xAF\xCE\xBD\xCE\xB1\xCE\xB9 \xCE\xBC\xCE\xB9"
		  "\xCE\xBA\xCF\x81\xCE\xAE \xCE\xBA\xCE\xB1\xCE\xB9 "
		  "\xCF\x89\xCF\x81\xCE\xB1\xCE\xAF\xCE\xB1",
		  "\xCE\x97 \xCE\xA0\xCE\x8C\xCE\x9B\xCE\x97 \xCE\x95"
		  "\xCE\x8A\xCE\x9D\xCE\x91\xCE\x99 \xCE\x9C\xCE\x99"
		  "\xCE\x9A\xCE\xA1\xCE\x89 \xCE\x9A\xCE\x91\xCE\x99 "
		  "\xCE\xA9\xCE\xA1\xCE\x91\xCE\x8A\xCE\x91",
		  "\xCE\xB7 \xCF\x80\xCF\x8C\xCE\xBB\xCE\xB7 \xCE\xB5"
		  "\xCE\xAF\xCE\xBD\xCE\xB1\xCE\xB9 \xCE\xBC\xCE\xB9"
		  "\xCE\xBA\xCF\x81\xCE\xAE\xCE\xBA\xCE\xB1\xCE\xB9 "
		  "\xCF\x89\xCF\x81\xCE\xB1\xCE\xAF\xCE\xB1" },
		{ "\xC3\x89t\xC3\xA9 \xC3\xA0 la plage de S\xC3\xA8te, "
		  "l'eau \xC3\xA9tait froide",
		  "\xC3\xA9T\xC3\x89 \xC3\x80 LA PLAGE DE S\xC3\x88TE "
		  "L\xE2\x80\x99" "EAU \xC3\x89TAIT FROIDE",
		  "\xC3\x89t\xC3\xA9 \xC3\xA0 la plage de S\xC3\xA9te, "
		  "l'eau \xC3\xA9tait froide" },
		{ "the \xE2\x84\xAA band of the radio sky was quiet",
		  "The k band of the radio sky was quiet.",
		  "the \xE2\x84\xAB band of the radio sky was quiet" },
		{ "\xE5\x8C\x97\xE4\xBA\xAC \xE4\xB8\x8A\xE6\xB5\xB7 "
		  "\xF0\x9F\x98\x80 one two three four five",
		  "\xE5\x8C\x97\xE4\xBA\xAC, \xE4\xB8\x8A\xE6\xB5\xB7 "
		  "one two three four five",
		  "\xE5\x8C\x97\xE4\xBA\xAC \xE4\xB8\x8B\xE6\xB5\xB7 "
		  "one two three four five" },
	};
	tt_buf in = { 0 }, want = { 0 };
	size_t i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		tt_buf_printf(&in, "%s\n%s\n%s\n\n", pairs[i][0],
		    pairs[i][1], pairs[i][2]);
		tt_buf_printf(&want, "%s\n%s\n\n", pairs[i][0], pairs[i][2]);
	}
	CHECK(strcmp(clean(in.data, in.len, TT_STEP_DEDUPE, 4096),
	    tt_buf_cstr(&want)) == 0);
	tt_buf_free(&in);
	tt_buf_free(&want);
}

TEST(clean_boilerplate_drops_ui_keeps_article)
{
	const char *page =
	    "DONATE\nSUBSCRIBE\n\nSign Up for The Daily Tide\n\n"
	    "Ferry Returns to Kell Island\n\n"
	    "The ferry to Kell Island will run again from Monday after a year "
	    "out of service, the island council said on Tuesday.\n\n"
	    "Islanders have relied on a small water taxi since the spring.\n\n"
	    "Total\n0\nShares\nRelated Posts\n\xC2\xA9 2026 The Tide. All rights "
	    "reserved.\n";
	const char *got = clean(page, strlen(page), TT_STEP_ALL, 5);

	CHECK(strstr(got, "DONATE") == NULL);
	CHECK(strstr(got, "Sign Up") == NULL);
	CHECK(strstr(got, "Shares") == NULL);
	CHECK(strstr(got, "Related Posts") == NULL);
	CHECK(strstr(got, "rights reserved") == NULL);
	CHECK(strstr(got, "Ferry Returns to Kell Island") != NULL);
	CHECK(strstr(got, "The ferry to Kell Island will run again") != NULL);
	CHECK(strstr(got, "Islanders have relied") != NULL);
}

/* A headline and an article of four paragraphs. */
#define HARBOUR \
	"Harbour Wall Repairs Begin at Last\n\n" \
	"Work on the harbour wall at Port Aske began on Monday, three " \
	"years after the storm that broke it in two places.\n\n" \
	"The council has set aside most of its coastal budget for the " \
	"repairs, which are due to end before the winter.\n\n" \
	"Fishing boats will use the north quay while the crews work, " \
	"and the ferry will keep to its usual times.\n\n" \
	"A public meeting about the second stage of the work will be " \
	"held at the town hall next month.\n\n"

/* A page of a menu, an article, then n lines from tail[] and a footer. */
static const char *
teaser_page(const char *const *tail, size_t n)
{
	static tt_buf in;
	size_t i;

	tt_buf_reset(&in);
	tt_buf_puts(&in, "Home\nMenu\nSearch\nSubscribe\nSign in\nNews\n"
	    "Sport\nWeather\n\n" HARBOUR);
	for (i = 0; i < n; i++)
		tt_buf_printf(&in, "%s\n\n", tail[i]);
	tt_buf_puts(&in, "Privacy Policy\nTerms of Use\nContact Us\n"
	    "\xC2\xA9 2026 Port Aske Gazette. All rights reserved.\n");
	return clean(in.data, in.len, TT_STEP_ALL, 7);
}

TEST(clean_boilerplate_teaser_headlines_after_article)
{
	static const char *const teasers[] = {
	    "Council Votes to Keep the Old Lifeboat Station Open for Another Ten Years",
	    "Why the Spring Tides This Year Could Be the Highest Seen Since the Great Flood?",
	    "Local Bakery Wins National Prize for a Loaf Made With Seaweed From the Bay",
	    "Teenage Sailors Set Off on a Record Attempt Around the Islands in a Dinghy",
	    "New Bus Route Will Link the Harbour and the Hospital From the First of May",
	    "Lighthouse Keeper Remembers Forty Years of Storms in a Book Out This Week",
	    "Plans for a Wind Farm Off the Point Draw Hundreds to a Meeting in the Hall",
	};
	static const char *const wrapped[] = {
	    "The second stage will rebuild the old slipway and the steps that lead from the quay down to the beach, and it",
	    "will close the car park by the lifeboat station for most of the spring, the council said in a letter to the",
	    "businesses that face the harbour, adding that it would keep them told of every change to the plans as the",
	    "work goes on and that a footpath along the back of the quay would stay open to walkers for the whole time",
	    "that the crews are there, though not on the days when the cranes lift the new stone blocks from the barges",
	    "that bring them round from the quarry at Hollin Point on the far side of the bay, which may be as many as ten",
	};
	const char *got;
	size_t i;

	/* Seven headlines after the article's last sentence: a teaser list,
	 * dropped; the article stays. */
	got = teaser_page(teasers, (sizeof(teasers) / sizeof(teasers[0])));
	CHECK(strstr(got, "Work on the harbour wall") != NULL);
	CHECK(strstr(got, "held at the town hall next month.") != NULL);
	for (i = 0; i < (sizeof(teasers) / sizeof(teasers[0])); i++)
		CHECK(strstr(got, teasers[i]) == NULL);
	/* Four are too few to tell from an article's own closing lines:
	 * kept, as the classifier keeps what it is unsure of. */
	got = teaser_page(teasers, 4);
	CHECK(strstr(got, "held at the town hall next month.") != NULL);
	for (i = 0; i < 4; i++)
		CHECK(strstr(got, teasers[i]) != NULL);
	/* Long lines without a full stop are a paragraph cut into lines:
	 * kept. */
	got = teaser_page(wrapped, (sizeof(wrapped) / sizeof(wrapped[0])));
	for (i = 0; i < (sizeof(wrapped) / sizeof(wrapped[0])); i++)
		CHECK(strstr(got, wrapped[i]) != NULL);
}

TEST(clean_boilerplate_doubled_alt_text)
{
	const char *page =
	    "Home\nNews\n\nHarbour Wall Repairs Begin at Last\n\n"
	    "Cranes on the north quay Cranes on the north quay\n\n"
	    "Work on the harbour wall at Port Aske began on Monday, three "
	    "years after the storm that broke it in two places.\n\n"
	    "Cranes Cranes\n\n"
	    "The council has set aside most of its coastal budget for the "
	    "repairs, which are due to end before the winter.\n\n"
	    "Rain, rain\n\n"
	    "quay_wall-07 quay_wall-07\n\n"
	    "Fishing boats will use the north quay while the crews work, "
	    "and the ferry will keep to its usual times.\n\n"
	    "2. 2\n\n"
	    "The harbour master said the work would be done in stages.\n";
	const char *got = clean(page, strlen(page), TT_STEP_ALL, 3);

	/* The alt text beside the title goes; a word twice, or a line
	 * that only nearly repeats itself, is not such a pair. */
	CHECK(strstr(got, "Cranes on the north quay") == NULL);
	/* so do a file's name twice and an ordered list's number printed
	 * as its item */
	CHECK(strstr(got, "quay_wall-07") == NULL);
	CHECK(strstr(got, "2. 2") == NULL);
	CHECK(strstr(got, "Cranes Cranes") != NULL);
	CHECK(strstr(got, "Rain, rain") != NULL);
	CHECK(strstr(got, "Work on the harbour wall") != NULL);
	CHECK(strstr(got, "Fishing boats will use the north quay") != NULL);
	CHECK(strstr(got, "The harbour master said") != NULL);
}

TEST(clean_boilerplate_kickers)
{
	static const char *const blurbs[] = {
	    "A look at why the tides ran so high along the east coast.",
	    "The ferry company says the new timetable will hold all winter.",
	    "Anglers report the best autumn for sea bass in a decade.",
	    "Volunteers have cleared the dunes of a tonne of plastic.",
	};
	tt_buf in = { 0 };
	const char *got;
	size_t i;

	tt_buf_puts(&in, "Home\nNews\nSport\nSubscribe\n\n" HARBOUR
	    "Training plan for the harbour swim:\n"
	    "   * Rest\n   * Swim one mile\n   * Swim two miles\n   * Rest\n"
	    "   * Row a mile\n   * Run a mile\n   * Rest\n\n"
	    "More from the Gazette\n\n");
	for (i = 0; i < sizeof(blurbs) / sizeof(blurbs[0]); i++)
		tt_buf_printf(&in, "   * Coast\n\nStory %zu of the week\n\n%s\n\n",
		    i + 1, blurbs[i]);
	tt_buf_puts(&in, "Privacy Policy\nContact Us\n");
	got = clean(in.data, in.len, TT_STEP_BOILERPLATE, 9);
	/* "* Coast" over each teaser is a kicker; "* Rest" three times in
	 * a list of short lines is the text's. */
	CHECK(strstr(got, "Coast") == NULL);
	CHECK(strstr(got, "Work on the harbour wall") != NULL);
	CHECK(strstr(got, "held at the town hall next month") != NULL);
	CHECK(strstr(got, "* Rest") != NULL);
	tt_buf_free(&in);
}

TEST(clean_bad_rules)
{
	tt_clean_opts o = { 0 };
	tt_err e;

	o.rules = "ok ^fine$\nbroken ^(unclosed\n";
	o.rules_len = strlen(o.rules);
	CHECK(tt_clean_new(&o, &e) == NULL);
	CHECK_INT(e.code, TT_EPARSE);
	CHECK_INT(e.line, 2);
	o.rules = "nopattern\n";
	o.rules_len = strlen(o.rules);
	CHECK(tt_clean_new(&o, &e) == NULL);
}

TEST(clean_encodings_in_pieces)
{
	/* UTF-16LE with a BOM fed one byte at a time */
	const char in[] = "\xFF\xFEG\0r\0\xFC\0\xDF\0" "e\0\n\0";
	const char *got = clean(in, sizeof(in) - 1, TT_STEP_ENCODING, 1);

	CHECK(strcmp(got, "Gr\xC3\xBC\xC3\x9F" "e\n") == 0);
	got = clean("caf\xE9 \x93q\x94\n", 9, TT_STEP_ENCODING, 2);
	CHECK(strcmp(got, "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D\n") == 0);
}

/* A 100 MB line through every step: it comes out whole, in pieces that
 * never held more than the window. */
static void
line_100mb(unsigned threads, size_t bound)
{
	tt_clean_opts o = { 0 };
	tt_buf out = { 0 };
	tt_clean *c;
	char *chunk = malloc(1 << 16);
	unsigned long long total = 0;
	size_t i, maxout = 0;
	int ok = 1;

	o.threads = threads;
	c = tt_clean_new(&o, NULL);
	memset(chunk, 'w', 1 << 16);
	for (i = 0; i < 1600; i++) {		/* 1600 x 64 KiB = 100 MiB */
		ok &= tt_clean_feed(c, chunk, 1 << 16, &out, NULL) == TT_OK;
		total += out.len;
		if (out.cap > maxout)
			maxout = out.cap;
		tt_buf_reset(&out);
	}
	ok &= tt_clean_finish(c, &out, NULL) == TT_OK;
	total += out.len;
	CHECK(ok);
	CHECK(total == 100ULL * 1048576 + 1);	/* and a newline */
	CHECK(maxout < bound);
	tt_buf_free(&out);
	tt_clean_free(c);
	free(chunk);
}

TEST(clean_100mb_line_bounded)
{
	line_100mb(0, 4u << 20);
	/* With threads, pieces are written when a thread is done with them:
	 * up to 4 MiB in flight and one more piece at once, in a buffer
	 * that doubles. */
	line_100mb(3, 16u << 20);
}

/* Clean s with threads, fed in pieces of step bytes, lines of at most
 * maxline bytes; the output in out. */
static int
clean_with(const char *s, size_t len, unsigned steps, unsigned threads,
    size_t step, tt_buf *out)
{
	tt_clean_opts o = { 0 };
	tt_clean *c;
	size_t i;
	int ok = 1;

	o.steps = steps;
	o.threads = threads;
	o.maxline = 2048;
	tt_buf_reset(out);
	if ((c = tt_clean_new(&o, NULL)) == NULL)
		return 0;
	for (i = 0; i < len; i += step)
		ok &= tt_clean_feed(c, s + i, len - i < step ? len - i : step,
		    out, NULL) == TT_OK;
	ok &= tt_clean_finish(c, out, NULL) == TT_OK;
	tt_clean_free(c);
	return ok;
}

/*
 * Threads change nothing in the output: a text of several batches (4096
 * lines each) with menus, prose, a caption printed twice across a
 * batch's end, mojibake, odd white space, form feeds between documents
 * and a line longer than maxline, cleaned by one thread and by several.
 */
TEST(clean_threads_same_output)
{
	static const char *const menu[] = { "Home", "Subscribe", "Share",
	    "Total 12 Shares", "Related Posts", "Read More", "Sign in",
	    "\xC2\xA9 2024 Example Media. All rights reserved." };
	static const char *const words[] = { "the", "river", "council",
	    "voted", "on", "a", "plan", "to", "rebuild", "old", "bridge",
	    "and", "residents", "said", "that", "it", "was", "late",
	    "Caf\xC3\x83\xC2\xA9", "na\xC3\xAFve", "of", "town" };
	tt_buf in = { 0 }, one = { 0 }, many = { 0 };
	unsigned long x = 12345;
	size_t line, w, n, k;
	unsigned steps[2] = { 0, TT_STEP_ALL & ~TT_STEP_BOILERPLATE };

	for (line = 0; line < 13000; line++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		k = (x >> 33) % 100;
		if (line % 5000 == 4999)
			tt_buf_puts(&in, "\f\n");
		else if (line == 7000)
			for (w = 0; w < 600; w++)	/* pieces */
				tt_buf_puts(&in, "long line ");
		else if (line == 4094 || line == 4097)	/* across a batch */
			tt_buf_puts(&in, "A photo of the old bridge over the "
			    "river at dawn, seen from the town");
		else if (k < 25)
			tt_buf_puts(&in, menu[(x >> 40) % (sizeof(menu) / sizeof(*menu))]);
		else if (k < 30)
			;				/* blank */
		else if (k < 33)
			tt_buf_puts(&in, "  spaced \xC2\xA0 out\t line  ");
		else {
			n = 4 + (x >> 45) % 20;
			for (w = 0; w < n; w++) {
				x = x * 6364136223846793005UL + 1;
				tt_buf_puts(&in, words[(x >> 33) %
				    (sizeof(words) / sizeof(*words))]);
				tt_buf_puts(&in, w + 1 < n ? " " : ".");
			}
		}
		tt_buf_puts(&in, line % 7 == 0 ? "\r\n" : "\n");
	}
	for (k = 2; k-- > 0;) {
		CHECK(clean_with(in.data, in.len, steps[k], 1, 65536, &one));
		CHECK(one.len > 100000 && one.len < in.len);
		CHECK(clean_with(in.data, in.len, steps[k], 2, 65536, &many));
		CHECK(many.len == one.len &&
		    memcmp(many.data, one.data, one.len) == 0);
		CHECK(clean_with(in.data, in.len, steps[k], 5, 777, &many));
		CHECK(many.len == one.len &&
		    memcmp(many.data, one.data, one.len) == 0);
	}
	/* The caption once, the mojibake repaired, the menus gone. */
	{
		const char *p = tt_buf_cstr(&one), *cap = "A photo of the old";

		CHECK((p = strstr(p, cap)) != NULL);
		CHECK(p != NULL && strstr(p + 1, cap) == NULL);
		CHECK(strstr(tt_buf_cstr(&one), "Caf\xC3\xA9 ") != NULL);
		CHECK(strstr(tt_buf_cstr(&one), "\xC3\x83") == NULL);
		CHECK(strstr(tt_buf_cstr(&one), "\nSubscribe\n") == NULL);
	}
	tt_buf_free(&in);
	tt_buf_free(&one);
	tt_buf_free(&many);
}

/* The words and function words of a line, counted by masks of 64 bytes,
 * are those the loop over its bytes counts: random lines of words,
 * function words in any case, punctuation, digits, UTF-8 (a curly
 * apostrophe, Cyrillic, Japanese) and words longer than 64 bytes. */
TEST(clean_boilerplate_word_counts)
{
	static const char *const parts[] = {
		" ", " ", " ", "  ", "\t", "the", "The", "THE", "of", "and",
		"a", "I", "which", "about", "abouts", "ferry", "x", "3", "42nd",
		"(", ")", "\"", "'", "-", ",", ".", ":", "don't", "the's",
		"\xc3\xa9", "\xe2\x80\x99", "\xe2\x80\x9c", "\xd0\xb4\xd0\xb0",
		"\xe6\x97\xa5\xe6\x9c\xac", "https://example.org/a?b=c&d=e",
		"Supercalifragilisticexpialidocious-and-more-of-the-same-"
		"without-a-space-anywhere-in-it",
	};
	tt_err e;
	tt_boiler *b = tt_boiler_new(NULL, 0, &e);
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	char line[400];
	size_t i, differ = 0, stops = 0;

	CHECK(b != NULL);
	for (i = 0; b != NULL && i < 20000; i++) {
		struct tt_cline f, s;
		size_t n = 0, want;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		want = x % 300;
		while (n < want) {
			const char *p;

			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			p = parts[x % (sizeof(parts) / sizeof(parts[0]))];
			if (n + strlen(p) >= sizeof(line))
				break;
			memcpy(line + n, p, strlen(p));
			n += strlen(p);
		}
		memset(&f, 0, sizeof(f));
		memset(&s, 0, sizeof(s));
		f.text.data = s.text.data = line;
		f.text.len = s.text.len = n;
		tt_boiler_slow_words = 0;
		tt_boiler_line(b, &f);
		tt_boiler_slow_words = 1;
		tt_boiler_line(b, &s);
		tt_boiler_slow_words = 0;
		stops += s.stops;
		if (f.words != s.words || f.stops != s.stops ||
		    f.tab != s.tab || f.ascii != s.ascii ||
		    f.keys != s.keys) {
			if (differ++ < 3)
				printf("# words %u/%u stops %u/%u tab %u/%u "
				    "ascii %d/%d: \"%.*s\"\n", f.words, s.words,
				    f.stops, s.stops, f.tab, s.tab, f.ascii,
				    s.ascii, (int)n, line);
		}
	}
	CHECK_INT(differ, 0);
	CHECK(stops > 1000);	/* the function words were there */
	tt_boiler_free(b);
}

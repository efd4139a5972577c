/*
 * boilerplate.c: tt-clean's boilerplate step.  The lines of a document
 * (a page dump: menus, the article, teasers, comments, a footer) are judged
 * together: prose lines are worth their words, runs of short lines and the
 * matches of the rules file (menus, share counters, sign-up boxes, cookie
 * notices, copyright lines) cost, and the article is the stretch of lines
 * worth most, with the headline just before it.  Inside it everything
 * stays but the rules' matches, and so does what follows it up to the
 * page's furniture; outside it the lines go.  When unsure the line is
 * kept: a document without a stretch of prose keeps its lines, and so
 * does a second stretch nearly as heavy as the article.  A rule may end
 * the text (ends=text: a list of comments' heading, under the page's
 * title): the document is judged up to it, and the rest goes.  Rules are
 * tried only on lines holding one of their keys (one automaton over the
 * line) and compiled when first tried.  The function words' table is
 * filled once and only read after.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "tt_int.h"
#include "clean_int.h"
#include "boilerplate_rules.h"	/* generated from boilerplate.rules */

static const char REPEATED_TITLE[] = "repeated-title";
static const char DOUBLED[] = "doubled";
static const char KICKER[] = "kicker";
static const char TEASER_CARD[] = "teaser-card";
static const char AFTER_END[] = "after the text";

int tt_boiler_slow_words;
int tt_boiler_all_keys;

#define RULE_WORDS	30	/* longer lines are never matched by rules */
#define KICK_WORDS	3	/* a kicker's words, at most, */
#define KICK_TIMES	3	/* ... and how often it is printed */
#define REPEAT_NEAR	3	/* lines a repeated title is looked for in */
#define PAGE_RULES	8	/* rule matches that tell a page's dump */
#define JIT_AFTER	64	/* tries before a rule is compiled to code */
#define MATCH_LIMIT	100000	/* pcre2 backtracking per match */
#define MATCH_GROUPS	10	/* a rule's groups whose match is kept */
#define TITLE_TRIES	16	/* titles looked for in a document, at most */
#define RULE_UTF	(PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF)
#define KEY_RULES	64	/* rules that can have keys: a bit each */
#define KEY_STATES	4096	/* the keys' automaton at most */
/* Bytes of a key looked for: a line that holds a key holds its first
 * bytes too, and short keys let a line be read from two places at once
 * (keys_scan()). */
#define KEY_BYTES	6

/* What the lines a rule's pattern may match start with: may_start(). */
struct starts {
	uint64_t	 yes[2];	/* ASCII characters that may start one */
	uint64_t	 known[2];	/* those asked about */
	uint32_t	 min;		/* the shortest match */
	int		 anchored;	/* else any may */
};

struct rule {
	char		*name;
	char		*src;		/* the pattern */
	/* For UTF-8: a user's rule from the start, a built-in one when a
	 * line beyond ASCII (or an ASCII line, where re8 does not compile)
	 * first needs it */
	pcre2_code	*re;
	/* The same compiled for bytes, not UTF-8: on an ASCII line it
	 * matches as re does (\w, \b, (?i) and classes agree on ASCII) at
	 * less cost.  NULL until an ASCII line needs it, or where it does
	 * not compile. */
	pcre2_code	*re8;
	size_t		 tries;
	int		 has8;		/* re8 compiles, or is not tried yet */
	int		 dead;		/* re does not compile: never matches */
	int		 jit, jit8;	/* re, re8 compiled to code */
	/* What a line re (and re8, for an ASCII line) may match starts
	 * with, and its length at least: starts_init(), when each is
	 * compiled */
	struct starts	 first, first8;
	/* "ends=text": the line ends the text (a comment list's heading);
	 * nothing after it is the article or a second text */
	int		 ends;
	int		 title;	/* its group "title", -1 none, 0 not asked */
};

/*
 * The rules' keys as one automaton (Aho-Corasick, every transition in a
 * table): a line is read once, and the rules whose keys it holds are
 * the only keyed rules tried on it.  ASCII letters are folded to lower
 * case; a byte no key has is class 0.
 */
struct keys {
	uint16_t	*next;		/* [state * nclass + class] */
	/* the same as the offset of the next state's row, times two, plus
	 * one where a key ends there: the scan's table */
	uint32_t	*step;
	uint64_t	*out;		/* the rules a key ends at in state */
	unsigned char	 cls[256];
	size_t		 nstate, nclass;
	size_t		 longest;	/* key, in bytes */
};

struct tt_boiler {
	struct rule		*rules;
	size_t			 n, cap;
	/* the keys as they are read: "rule index, key" */
	tt_buf			 keylist;
	struct keys		 keys;
	uint64_t		 keyless;	/* of the first 64 rules */
	pcre2_match_data	*md;
	pcre2_match_context	*mc;
	size_t			 titles;	/* titled() looked, this document */
	/* tt_boiler_document()'s arrays, kept for the next document (one
	 * tt_boiler a thread) */
	struct scratch {
		void		*p;
		size_t		 cap;
	} s_v, s_kick, s_k, s_slot, s_pos;
};

/* Function words of English and the main European languages: their
 * density tells prose from menus. */
static const char *const stops[] = {
	"a", "about", "after", "all", "also", "an", "and", "are", "as", "at",
	"be", "been", "but", "by", "can", "could", "das", "de", "del", "der",
	"des", "die", "du", "ein", "eine", "el", "en", "est", "et", "for",
	"from", "had", "has", "have", "he", "her", "his", "i", "if", "in",
	"into", "is", "ist", "it", "its", "la", "le", "les", "los", "mit",
	"more", "not", "of", "on", "one", "or", "our", "que", "said", "she",
	"so", "than", "that", "the", "their", "there", "they", "this", "to",
	"un", "una", "und", "une", "up", "was", "we", "were", "what", "when",
	"which", "who", "will", "with", "would", "you", "zu",
};

/* A word of at most 7 bytes as a number: its bytes with bit 5 set, the
 * first one highest.  That lowercases ASCII letters and makes no letter
 * of anything else, which is all a look-up among words of letters needs. */
static uint64_t
pack(const char *w, size_t n)
{
	uint64_t k = 0;
	size_t i;

	for (i = 0; i < n; i++)
		k = k << 8 | ((unsigned char)w[i] | 0x20);
	return k;
}

/* The same where eight bytes can be read from w: in one load. */
static uint64_t
pack8(const char *w, size_t n)
{
	uint64_t k;

	memcpy(&k, w, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	k = __builtin_bswap64(k);
#endif
	return (k | 0x2020202020202020ULL) >> (64 - 8 * n);
}

/*
 * The function words by their packed bytes, a slot each: the multiplier
 * is the first that parts them, so a look-up is one comparison.
 */
#define STOP_BITS	10
static uint64_t	stop_keys[1u << STOP_BITS];
static uint64_t	stop_mul;
static size_t	stop_max;		/* the longest function word */
/* Bytes to measure(): white space, letters (ASCII or not), the rest;
 * beyond ASCII, and the first bytes of kana and ideographs
 * (U+3040-U+9FFF: E3-E9). */
#define W_OTHER		0
#define W_SPACE		1
#define W_LETTER	2
#define W_CJK		4
#define W_HIGH		8
static unsigned char wclass[256];
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static unsigned
stop_slot(uint64_t k)
{
	return (unsigned)((k * stop_mul) >> (64 - STOP_BITS));
}

static void
stop_fill(void)
{
	size_t i;
	uint64_t k;
	int b;

	for (b = 0; b < 256; b++)
		wclass[b] = b == ' ' || b == '\t' ? W_SPACE :
		    b >= 0xE3 && b <= 0xE9 ? W_LETTER | W_HIGH | W_CJK :
		    b >= 0x80 ? W_LETTER | W_HIGH :
		    tt_isascii_alpha(b) ? W_LETTER : W_OTHER;
	for (stop_mul = 0x9E3779B97F4A7C15ULL;;
	    stop_mul += 0x5851F42D4C957F2EULL) {
		memset(stop_keys, 0, sizeof(stop_keys));
		for (i = 0; i < TT_NELEM(stops); i++) {
			if (strlen(stops[i]) > stop_max)
				stop_max = strlen(stops[i]);
			k = pack(stops[i], strlen(stops[i]));
			if (stop_keys[stop_slot(k)] != 0)
				break;
			stop_keys[stop_slot(k)] = k;
		}
		if (i == TT_NELEM(stops))
			break;
	}
}

/* Is w[0..n) a function word?  avail bytes can be read from w.  (Once
 * a word: inline.) */
static inline __attribute__((always_inline)) int
is_stop(const char *w, size_t n, size_t avail)
{
	uint64_t k;

	if (n - 1 >= stop_max)		/* none, or too long */
		return 0;
	k = avail >= 8 ? pack8(w, n) : pack(w, n);
	return stop_keys[stop_slot(k)] == k;
}

/*
 * A rule's keys: "keys=a,b,c" before its pattern, words one of which
 * every line the rule matches holds (ASCII letters in any case).  Stored
 * in b->keylist as a rule index (2 bytes), a length (1) and the bytes.
 */
static int
add_keys(tt_boiler *b, size_t rule, const char **pat, const char *nl)
{
	const char *p = *pat + 5, *end = p, *k;
	unsigned char hdr[3];

	while (end < nl && *end != ' ' && *end != '\t')
		end++;
	for (k = p; k <= end; k++) {
		if (k < end && *k != ',')
			continue;
		if (k > p && rule < KEY_RULES) {
			size_t n = k - p < KEY_BYTES ? (size_t)(k - p) :
			    KEY_BYTES;

			hdr[0] = (unsigned char)(rule & 0xff);
			hdr[1] = (unsigned char)(rule >> 8);
			hdr[2] = (unsigned char)n;
			if (tt_buf_append(&b->keylist, hdr, 3) != TT_OK ||
			    tt_buf_append(&b->keylist, p, n) != TT_OK)
				return TT_ENOMEM;
		}
		p = k + 1;
	}
	while (end < nl && (*end == ' ' || *end == '\t'))
		end++;
	*pat = end;
	return TT_OK;
}

static void	starts_init(pcre2_code *, struct starts *);

static int
add_rules(tt_boiler *b, const char *text, size_t len, int builtin, tt_err *e)
{
	const char *p = text, *end = text + len, *nl, *q, *pat;
	size_t lineno = 0, plen;
	PCRE2_SIZE off;
	int ec;

	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		q = p;
		while (q < nl && (*q == ' ' || *q == '\t'))
			q++;
		if (q == nl || *q == '#') {
			p = nl + 1;
			continue;
		}
		pat = q;
		while (pat < nl && *pat != ' ' && *pat != '\t')
			pat++;
		if (b->n == b->cap) {
			size_t cap = b->cap ? b->cap * 2 : 32;
			struct rule *r = realloc(b->rules, cap * sizeof(*r));

			if (r == NULL)
				return tt_seterr(e, TT_ENOMEM, "out of memory");
			b->rules = r;
			b->cap = cap;
		}
		memset(&b->rules[b->n], 0, sizeof(b->rules[b->n]));
		if ((b->rules[b->n].name = strndup(q, (size_t)(pat - q))) ==
		    NULL)
			return tt_seterr(e, TT_ENOMEM, "out of memory");
		while (pat < nl && (*pat == ' ' || *pat == '\t'))
			pat++;
		if ((size_t)(nl - pat) > 10 && memcmp(pat, "ends=text", 9) ==
		    0 && (pat[9] == ' ' || pat[9] == '\t')) {
			b->rules[b->n].ends = 1;
			for (pat += 9; pat < nl && (*pat == ' ' || *pat == '\t');
			    pat++)
				;
		}
		if ((size_t)(nl - pat) > 5 && memcmp(pat, "keys=", 5) == 0 &&
		    add_keys(b, b->n, &pat, nl) != TT_OK) {
			free(b->rules[b->n].name);
			return tt_seterr(e, TT_ENOMEM, "out of memory");
		}
		plen = (size_t)(nl - pat);
		if (plen > 0 && pat[plen - 1] == '\r')
			plen--;
		if (plen == 0) {
			free(b->rules[b->n].name);
			tt_seterr(e, TT_EPARSE, "rule %.*s has no pattern",
			    (int)(pat - q), q);
			if (e != NULL)
				e->line = lineno;
			return TT_EPARSE;
		}
		if ((b->rules[b->n].src = strndup(pat, plen)) == NULL) {
			free(b->rules[b->n].name);
			return tt_seterr(e, TT_ENOMEM, "out of memory");
		}
		/* The built-in rules are compiled when first tried (a test
		 * compiles them all); a user's at once, to report errors. */
		b->rules[b->n].re = builtin ? NULL : pcre2_compile(
		    (PCRE2_SPTR)pat, plen, RULE_UTF, &ec, &off, NULL);
		if (!builtin && b->rules[b->n].re == NULL) {
			PCRE2_UCHAR msg[120];

			pcre2_get_error_message(ec, msg, sizeof(msg));
			free(b->rules[b->n].name);
			free(b->rules[b->n].src);
			tt_seterr(e, TT_EPARSE, "rule %.*s: %s at offset %zu",
			    (int)(pat - q), q, (char *)msg, (size_t)off);
			if (e != NULL)
				e->line = lineno;
			return TT_EPARSE;
		}
		if (!builtin)
			starts_init(b->rules[b->n].re, &b->rules[b->n].first);
		b->rules[b->n].re8 = NULL;	/* compiled at its first use */
		b->rules[b->n].has8 = 1;
		b->rules[b->n].dead = 0;
		b->rules[b->n].tries = 0;
		b->rules[b->n].jit = b->rules[b->n].jit8 = 0;
		b->n++;
		p = nl + 1;
	}
	return TT_OK;
}

/*
 * Build the keys' automaton from b->keylist: a trie of the keys, then
 * every missing transition filled from the failure link's, breadth
 * first, and each state's rules merged with its failure link's.  A rule
 * whose keys do not fit stays keyless.
 */
static int
keys_build(tt_boiler *b)
{
	struct keys *k = &b->keys;
	const unsigned char *p = (const unsigned char *)b->keylist.data;
	const unsigned char *end = p + b->keylist.len;
	uint16_t *fail = NULL, *queue = NULL;
	size_t i, c, st, cap, head = 0, tail = 0;
	uint64_t keyed = 0;

	/* every rule is tried until its keys are in the automaton */
	b->keyless = b->n >= KEY_RULES ? ~(uint64_t)0 :
	    ((uint64_t)1 << b->n) - 1;
	memset(k->cls, 0, sizeof(k->cls));
	k->nclass = 1;
	for (; p < end; p += 3 + p[2])
		for (i = 0; i < p[2]; i++) {
			unsigned char ch;

			ch = (unsigned char)tt_ascii_lower(p[3 + i]);

			if (k->cls[ch] == 0)
				k->cls[ch] = (unsigned char)k->nclass++;
		}
	for (c = 'A'; c <= 'Z'; c++)
		k->cls[c] = k->cls[c + 32];
	if (b->keylist.len == 0 || k->nclass > 255)
		goto none;
	/* at most a state a key byte, and the root */
	cap = 1;
	k->longest = 0;
	for (p = (const unsigned char *)b->keylist.data; p < end;
	    p += 3 + p[2]) {
		cap += p[2];
		if (p[2] > k->longest)
			k->longest = p[2];
	}
	if (cap > KEY_STATES)
		cap = KEY_STATES;
	k->next = calloc(cap * k->nclass, sizeof(*k->next));
	k->out = calloc(cap, sizeof(*k->out));
	fail = calloc(cap, sizeof(*fail));
	queue = calloc(cap, sizeof(*queue));
	if (k->next == NULL || k->out == NULL || fail == NULL || queue == NULL)
		goto none;
	k->nstate = 1;
	for (p = (const unsigned char *)b->keylist.data; p < end;
	    p += 3 + p[2]) {
		size_t rule = p[0] | (size_t)p[1] << 8;

		for (st = 0, i = 0; i < p[2]; i++) {
			uint16_t *to = &k->next[st * k->nclass +
			    k->cls[p[3 + i]]];

			if (*to == 0) {
				if (k->nstate == cap)
					goto none;
				*to = (uint16_t)k->nstate++;
			}
			st = *to;
		}
		k->out[st] |= (uint64_t)1 << rule;
		keyed |= (uint64_t)1 << rule;
	}
	for (c = 0; c < k->nclass; c++)
		if ((st = k->next[c]) != 0)
			queue[tail++] = (uint16_t)st;
	while (head < tail) {
		size_t r = queue[head++];

		for (c = 0; c < k->nclass; c++) {
			uint16_t *to = &k->next[r * k->nclass + c];
			uint16_t f = k->next[fail[r] * k->nclass + c];

			if (*to == 0) {
				*to = f;
				continue;
			}
			fail[*to] = f;
			k->out[*to] |= k->out[f];
			queue[tail++] = *to;
		}
	}
	if ((k->step = malloc(k->nstate * k->nclass * sizeof(*k->step))) ==
	    NULL)
		goto none;
	for (i = 0; i < k->nstate * k->nclass; i++)
		k->step[i] = (uint32_t)(k->next[i] * k->nclass) << 1 |
		    (k->out[k->next[i]] != 0);
	b->keyless &= ~keyed;
	free(fail);
	free(queue);
	return TT_OK;
none:
	free(k->next);
	free(k->step);
	free(k->out);
	free(fail);
	free(queue);
	k->next = NULL;
	k->step = NULL;
	k->out = NULL;
	k->nstate = 0;
	return TT_OK;
}

/* The keyed rules that may match s[0..len): those whose keys it holds. */
static uint64_t
keys_scan(const struct keys *k, const char *s, size_t len, int ascii)
{
	uint64_t hit = 0;
	size_t i = 0, off = 0, from, off2 = 0;
	uint32_t e, e2;

	if (k->step == NULL)
		return 0;
	/*
	 * Each byte's step waits for the one before: a long line is read
	 * from its start and from its middle at once.  The second reading
	 * starts a key's length before the middle, so that a key ending
	 * past the middle is found by it, and one ending before by the
	 * first.
	 */
	if (len >= 4 * k->longest + 16) {
		from = len / 2 - (k->longest - 1);
		for (; i < len / 2; i++) {
			e = k->step[off + k->cls[(unsigned char)s[i]]];
			e2 = k->step[off2 + k->cls[(unsigned char)s[from + i]]];
			off = e >> 1;
			off2 = e2 >> 1;
			if ((e | e2) & 1)
				hit |= (e & 1 ? k->out[off / k->nclass] : 0) |
				    (e2 & 1 ? k->out[off2 / k->nclass] : 0);
		}
		/* the second reading goes on alone */
		i = from + len / 2;
		off = off2;
	}
	for (; i < len; i++) {
		e = k->step[off + k->cls[(unsigned char)s[i]]];
		off = e >> 1;
		if (e & 1)
			hit |= k->out[off / k->nclass];
	}
	/* Caseless UTF-8 matching takes the long s (C5 BF) and the Kelvin
	 * sign (E2 84 AA) for s and k: a line with either tries every
	 * rule. */
	if (!ascii) {
		const char *p, *end = s + len;

		for (p = s; (p = memchr(p, '\xC5', (size_t)(end - p))) !=
		    NULL; p++)
			if (p + 1 < end && p[1] == '\xBF')
				return ~(uint64_t)0;
		for (p = s; (p = memchr(p, '\x84', (size_t)(end - p))) !=
		    NULL; p++)
			if (p > s && p[-1] == '\xE2' && p + 1 < end &&
			    p[1] == '\xAA')
				return ~(uint64_t)0;
	}
	return hit;
}

tt_boiler *
tt_boiler_new(const char *rules, size_t len, tt_err *e)
{
	tt_boiler *b;

	if ((b = calloc(1, sizeof(*b))) == NULL) {
		tt_seterr(e, TT_ENOMEM, "out of memory");
		return NULL;
	}
	pthread_once(&stop_once, stop_fill);
	if (add_rules(b, tt_boilerplate_rules, strlen(tt_boilerplate_rules),
	    1, e) != TT_OK || (rules != NULL && add_rules(b, rules, len, 0,
	    e) != TT_OK) || keys_build(b) != TT_OK ||
	    (b->md = pcre2_match_data_create(MATCH_GROUPS, NULL)) == NULL ||
	    (b->mc = pcre2_match_context_create(NULL)) == NULL) {
		if (e != NULL && e->code == TT_OK)
			tt_seterr(e, TT_ENOMEM, "out of memory");
		tt_boiler_free(b);
		return NULL;
	}
	pcre2_set_match_limit(b->mc, MATCH_LIMIT);
	return b;
}

void
tt_boiler_free(tt_boiler *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++) {
		free(b->rules[i].name);
		free(b->rules[i].src);
		pcre2_code_free(b->rules[i].re);
		pcre2_code_free(b->rules[i].re8);
	}
	free(b->rules);
	tt_buf_free(&b->keylist);
	free(b->keys.next);
	free(b->keys.step);
	free(b->keys.out);
	pcre2_match_data_free(b->md);
	pcre2_match_context_free(b->mc);
	free(b->s_v.p);
	free(b->s_kick.p);
	free(b->s_k.p);
	free(b->s_slot.p);
	free(b->s_pos.p);
	free(b);
}

/* Room for n elements of size bytes in s, or NULL.  What it held is not
 * kept. */
static void *
scratch(struct scratch *s, size_t n, size_t size)
{
	void *p;

	if (n > SIZE_MAX / size)
		return NULL;
	if (n * size <= s->cap)
		return s->p;
	if ((p = malloc(n * size)) == NULL)
		return NULL;
	free(s->p);
	s->p = p;
	s->cap = n * size;
	return p;
}

/* Chinese and Japanese characters (kana, ideographs) in s[0..n): text
 * written without spaces between its words. */
static size_t
cjk_chars(const char *s, size_t n)
{
	size_t i = 0, k = 0;
	int32_t cp;

	while ((i += tt_utf8_ascii_run(s + i, n - i)) < n) {
		i += tt_utf8_next_cp(s + i, n - i, &cp);
		/* kana and the ideographs, not the CJK punctuation */
		k += (cp >= 0x3040 && cp <= 0x30ff) ||
		    (cp >= 0x3400 && cp <= 0x9fff);
	}
	return k;
}

/* Does s[0..n) end as a Chinese or Japanese sentence does (。！？, maybe
 * inside closing quotes or brackets)?  2 for a full stop (。). */
static int
cjk_stop(const char *s, size_t n)
{
	static const char *const close[] = {
		"\xe3\x80\x8d", "\xe3\x80\x8f", "\xef\xbc\x89",	/* 」』） */
		"\xe2\x80\x9d"					/* ” */
	};
	size_t k;

	for (;;) {
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		for (k = 0; k < TT_NELEM(close); k++)
			if (n >= 3 && memcmp(s + n - 3, close[k], 3) == 0)
				break;
		if (k == TT_NELEM(close))
			break;
		n -= 3;
	}
	if (n >= 3 && memcmp(s + n - 3, "\xe3\x80\x82", 3) == 0)
		return 2;
	return n >= 3 && (memcmp(s + n - 3, "\xef\xbc\x81", 3) == 0 ||
	    memcmp(s + n - 3, "\xef\xbc\x9f", 3) == 0);
}

/*
 * 64 bytes of a line (n of them; the rest count as spaces) as masks, a
 * bit a byte: white space, letters (ASCII letters and the bytes beyond
 * ASCII), bytes beyond ASCII, the lead bytes of kana and ideographs: the
 * classes of wclass[]; and tabs and ASCII digits.
 */
struct wmask {
	uint64_t	 sp, let, hi, cjk, tab, dig;
};

static inline __attribute__((always_inline)) void
wmask(const char *s, size_t n, struct wmask *m)
{
	uint64_t out = n < 64 ? ~(uint64_t)0 << n : 0;
#ifdef __SSE2__
	char pad[64];
	int k;

	if (n < 64) {
		memset(pad, ' ', sizeof(pad));
		memcpy(pad, s, n);
		s = pad;
	}
	m->sp = m->let = m->hi = m->cjk = m->tab = m->dig = 0;
	for (k = 0; k < 4; k++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + 16 * k));
		uint64_t h = (unsigned)_mm_movemask_epi8(v);
		uint64_t tab = tt_sse_eq(v, '\t');

		m->sp |= (tab | tt_sse_eq(v, ' ')) << 16 * k;
		/* ASCII letters are a-z once OR 0x20 */
		m->let |= (tt_sse_range(_mm_or_si128(v, _mm_set1_epi8(0x20)),
		    'a', 26) | h) << 16 * k;
		m->hi |= h << 16 * k;
		m->cjk |= (uint64_t)tt_sse_range(v, 0xE3, 7) << 16 * k;
		m->tab |= tab << 16 * k;
		m->dig |= (uint64_t)tt_sse_range(v, '0', 10) << 16 * k;
	}
#else
	size_t i;

	m->sp = m->let = m->hi = m->cjk = m->tab = m->dig = 0;
	for (i = 0; i < n; i++) {
		unsigned c = wclass[(unsigned char)s[i]];

		m->tab |= (uint64_t)(s[i] == '\t') << i;
		m->dig |= (uint64_t)tt_isascii_digit((unsigned char)s[i]) << i;
		m->sp |= (uint64_t)(c & W_SPACE) << i;
		m->let |= (uint64_t)((c & W_LETTER) != 0) << i;
		m->hi |= (uint64_t)((c & W_HIGH) != 0) << i;
		m->cjk |= (uint64_t)((c & W_CJK) != 0) << i;
	}
#endif
	m->sp |= out;
	m->let &= ~out;
	m->hi &= ~out;
	m->cjk &= ~out;
	m->tab &= ~out;
	m->dig &= ~out;
}

/* A word of a line, s[st..end), its letters from a to z, the classes of
 * its bytes cls: counted. */
static inline __attribute__((always_inline)) void
word(struct tt_cline *l, size_t st, size_t end, size_t a, size_t z,
    unsigned cls)
{
	const char *s = l->text.data;
	size_t cjk = 0;

	if (cls & W_HIGH) {
		if (cls & W_CJK)
			cjk = cjk_chars(s + st, end - st);
		l->ascii = 0;
	}
	if (cjk >= 2)	/* unspaced: two characters a word */
		l->words += cjk / 2;
	else if (z > a || tt_isascii_digit((unsigned char)s[st]))
		l->words++;
	l->stops += is_stop(s + a, z - a, l->text.len - a);
}

#ifdef __SSE2__
/*
 * The words and function words of a line, as the loop of measure()
 * counts them, by masks of 64 bytes: 0 (nothing counted) for a line with
 * Chinese or Japanese (whose words are counted by their characters) or a
 * word of more than 64 bytes, which that loop takes.  A byte beyond ASCII
 * is a letter, as there.  Each block ends after its last space, so that
 * no word runs on into the next.  A word counts if it has a letter or
 * starts with a digit; a word that starts with other punctuation has one
 * if the carry of adding its first byte to the run of punctuation from
 * there lands on one.  A function word is a run of letters of at most
 * stop_max that is the only one of its word ("the," "(of" but not
 * "the's").
 */
static int
words_fast(struct tt_cline *l)
{
	const char *s = l->text.data;
	size_t len = l->text.len, base = 0, words = 0, fw = 0;
	size_t tab = len;

	while (base < len) {
		size_t n = len - base < 64 ? len - base : 64;
		uint64_t sp, let, dig, out, t, r, rs, re, x;
		unsigned cut = (unsigned)n;
		struct wmask m;

		wmask(s + base, n, &m);
		if (m.cjk != 0)
			return 0;
		if (len - base > 64 && s[base + 64] != ' ' &&
		    s[base + 64] != '\t') {
			/* end the block after its last space */
			if (m.sp == 0)
				return 0;
			cut = 64 - (unsigned)__builtin_clzll(m.sp);
		}
		out = cut == 64 ? 0 : ~(uint64_t)0 << cut;
		sp = m.sp | out;
		let = m.let & ~out;
		dig = m.dig & ~out;
		if (let & m.hi)
			l->ascii = 0;
		if ((m.tab & ~out) != 0 && tab == len)
			tab = base + (unsigned)__builtin_ctzll(m.tab & ~out);
		/* words: their first bytes (after a space or the block's
		 * start) that are letters or digits, and the landings on a
		 * letter from the other first bytes */
		t = ~sp & (sp << 1 | 1);
		r = ~sp & ~let;
		x = (r + (t & r & ~dig)) & let;
		words += (size_t)__builtin_popcountll((t & (let | dig)) | x);
		/* runs of letters, first and last bytes */
		rs = let & ~(let << 1);
		re = let & ~(let >> 1);
		while (rs != 0) {
			unsigned a = (unsigned)__builtin_ctzll(rs);
			unsigned z = (unsigned)__builtin_ctzll(re);
			uint64_t below, after, tok;
			unsigned ts, te;

			rs &= rs - 1;
			re &= re - 1;
			if (z - a >= stop_max || !is_stop(s + base + a, z - a + 1,
			    len - base - a))
				continue;
			/* the only letters of their word? */
			below = t & (((uint64_t)2 << a) - 1);
			ts = 63 - (unsigned)__builtin_clzll(below);
			after = sp & ~(uint64_t)0 << a;
			te = after != 0 ? (unsigned)__builtin_ctzll(after) : 64;
			tok = (te == 64 ? ~(uint64_t)0 : ((uint64_t)1 << te) - 1) &
			    ~(uint64_t)0 << ts;
			fw += (let & tok) == ((((uint64_t)2 << z) - 1) &
			    ~(uint64_t)0 << a);
		}
		base += cut;
	}
	l->words = (uint32_t)words;
	l->stops = (uint32_t)fw;
	l->tab = (uint32_t)tab;
	return 1;
}
#endif

/* Words, function words and the sentence end of a line (tt_boiler_line()
 * asks once). */
static void
measure(struct tt_cline *l)
{
	const char *s = l->text.data;
	size_t len = l->text.len, i, st = 0, a, z, base;
	unsigned char last;
	unsigned cls = 0;
	int inword = 0, letters = 0, k;

	l->judged = 1;
	l->words = l->stops = 0;
	l->ascii = 1;
	/* The line without the spaces around it and a lynx bullet, for
	 * core() and bullet(). */
	for (a = 0; a < len && (s[a] == ' ' || s[a] == '\t'); a++)
		;
	for (z = len; z > a && (s[z - 1] == ' ' || s[z - 1] == '\t'); z--)
		;
	l->bullet = len - a > 2 && (s[a] == '*' || s[a] == '+' ||
	    s[a] == 'o' || s[a] == '#') && s[a + 1] == ' ';
	/* "*  " has white space after its bullet only: nothing is left */
	if (l->bullet)
		a = a + 2 < z ? a + 2 : z;
	l->core_at = a;
	l->core_len = z - a;
	l->tab = len;		/* the first tab: none yet */
#ifdef __SSE2__
	if (!tt_boiler_slow_words && words_fast(l))
		goto words_done;
#endif
	/* The words, 64 bytes at a time: a word runs from st to the next
	 * white space, and without punctuation around it from its first
	 * letter a to after its last z (both st where it has none). */
	a = z = 0;
	for (base = 0; base < len; base += 64) {
		size_t n = len - base < 64 ? len - base : 64;
		unsigned pos = 0, end;
		uint64_t rest, run;
		struct wmask m;

		wmask(s + base, n, &m);
		if (m.tab != 0 && l->tab == len)
			l->tab = base + (unsigned)__builtin_ctzll(m.tab);
		for (;;) {
			if (!inword) {
				if ((rest = ~m.sp & ~(uint64_t)0 << pos) == 0)
					break;
				pos = (unsigned)__builtin_ctzll(rest);
				inword = 1;
				st = base + pos;
				cls = 0;
				letters = 0;
			}
			rest = m.sp & ~(uint64_t)0 << pos;
			end = rest != 0 ? (unsigned)__builtin_ctzll(rest) : 64;
			run = (end == 64 ? ~(uint64_t)0 :
			    ((uint64_t)1 << end) - 1) & ~(uint64_t)0 << pos;
			if ((rest = m.let & run) != 0) {
				if (!letters)
					a = base + (unsigned)__builtin_ctzll(rest);
				z = base + 64 - (unsigned)__builtin_clzll(rest);
				letters = 1;
			}
			cls |= ((m.hi & run) != 0 ? W_HIGH : 0) |
			    ((m.cjk & run) != 0 ? W_CJK : 0);
			if (end == 64)
				break;		/* on in the next 64 */
			word(l, st, base + end, letters ? a : st,
			    letters ? z : st, cls);
			inword = 0;
			pos = end;
		}
	}
	if (inword)
		word(l, st, len, letters ? a : st, letters ? z : st, cls);
#ifdef __SSE2__
words_done:
#endif
	/* Ends like a sentence: . ! ? : or a closing quote after one (a
	 * Chinese or Japanese full stop has bytes beyond ASCII). */
	l->period = 0;
	if (!l->ascii && (k = cjk_stop(s, len)) != 0) {
		l->prose = 1;
		l->period = k == 2;
		return;
	}
	i = len;
	while (i > 0 && (s[i - 1] == '"' || s[i - 1] == '\'' ||
	    s[i - 1] == ')' || (unsigned char)s[i - 1] >= 0x80))
		i--;
	last = i > 0 ? (unsigned char)s[i - 1] : 0;
	l->prose = last == '.' || last == '!' || last == '?' || last == ':';
	l->period = last == '.';
	if (i < len && i > 0 && last != '.' && last != '!' && last != '?') {
		/* a curly closing quote: look before it */
		l->prose = l->prose || (i >= 1 && (s[len - 1] == '\x9D' ||
		    s[len - 1] == '\x99'));
	}
}

/* May line l be a kicker (kickers())?  A measured list item of a few
 * words that no rule took. */
static int
kick_ok(const struct tt_cline *l)
{
	return l->bullet && l->why == NULL && l->words > 0 &&
	    l->words <= KICK_WORDS;
}

void
tt_boiler_line(tt_boiler *b, struct tt_cline *l)
{
	if (l->judged || l->blank || l->piece)
		return;
	measure(l);
	/* A short list item may be a kicker: its hash, while its bytes are
	 * at hand. */
	if (kick_ok(l))
		l->khash = tt_hash_ends(l->text.data + l->core_at, l->core_len);
	/* The keyed rules that may match: for the lines rules are tried
	 * on. */
	l->keys = 0;
	if (l->words <= RULE_WORDS)
		l->keys = tt_boiler_all_keys ? ~(uint64_t)0 :
		    keys_scan(&b->keys, l->text.data + l->core_at,
		    l->core_len, l->ascii);
}

/* Has the line a letter or a digit (of any script)? */
static int
has_alnum(const struct tt_cline *l)
{
	const char *s = l->text.data;
	size_t len = l->text.len, i = 0;
	int32_t cp;

	while (i < len) {
		i += tt_utf8_next_cp(s + i, len - i, &cp);
		if (cp >= 0 && tt_unicode_is_alnum(cp))
			return 1;
	}
	return 0;
}

/* A lynx list item: "* Text", "+ Text", "o Text", "1. Text". */
static int
bullet(const struct tt_cline *l)
{
	return l->bullet;	/* measure() saw */
}

/* The line without the spaces around it and a lynx bullet. */
static const char *
core(const struct tt_cline *l, size_t *len)
{
	*len = l->core_len;	/* measure() cut */
	return l->text.data + l->core_at;
}

/*
 * What a match of an anchored re starts with, asked of pcre2: an ASCII
 * character that matches alone, or could begin a match (a partial
 * match), may start one; no other can start a line that matches.  That
 * spares a call into pcre2 for most lines.  A character is asked about
 * when a line first starts with it (asking all 128 at once cost more
 * than a small page's cleaning).  And the shortest match's length (in
 * characters: at most the bytes).
 */
static void
starts_init(pcre2_code *re, struct starts *st)
{
	uint32_t opts = 0;

	memset(st, 0, sizeof(*st));
	if (pcre2_pattern_info(re, PCRE2_INFO_MINLENGTH, &st->min) != 0)
		st->min = 0;
	st->anchored = pcre2_pattern_info(re, PCRE2_INFO_ALLOPTIONS,
	    &opts) == 0 && (opts & PCRE2_ANCHORED);
}

/* Can a line s[0..len) start a match of re? */
static int
may_start(tt_boiler *b, pcre2_code *re, struct starts *st, const char *s,
    size_t len)
{
	unsigned char c = (unsigned char)s[0];
	uint64_t bit = (uint64_t)1 << (c & 63);

	if (len < st->min)
		return 0;
	if (len == 0 || c >= 0x80 || !st->anchored)
		return 1;
	if (!(st->known[c >> 6] & bit)) {
		st->known[c >> 6] |= bit;
		if (pcre2_match(re, &c, 1, 0, PCRE2_PARTIAL_HARD, b->md,
		    b->mc) != PCRE2_ERROR_NOMATCH)
			st->yes[c >> 6] |= bit;
	}
	return (st->yes[c >> 6] & bit) != 0;
}

/* Is re there, and compiled to code now? */
static int
jit(pcre2_code *re)
{
	return re != NULL && pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0;
}

/* Compile a rule's pattern for UTF-8 if it is not yet (to code too, once
 * the rule was tried JIT_AFTER times); 0 if it does not compile. */
static int
rule_ready(struct rule *r)
{
	PCRE2_SIZE off;
	int ec;

	if (r->re == NULL && !r->dead) {
		r->re = pcre2_compile((PCRE2_SPTR)r->src, PCRE2_ZERO_TERMINATED,
		    RULE_UTF, &ec, &off, NULL);
		r->dead = r->re == NULL;
		if (r->re != NULL) {
			starts_init(r->re, &r->first);
			r->jit = r->tries >= JIT_AFTER && jit(r->re);
		}
	}
	return !r->dead;
}

/* The same for bytes, for an ASCII line (on which it matches as the
 * UTF-8 one does); 0 if it does not compile. */
static int
rule_ready8(struct rule *r)
{
	PCRE2_SIZE off;
	int ec;

	if (r->re8 == NULL && r->has8) {
		r->re8 = pcre2_compile((PCRE2_SPTR)r->src,
		    PCRE2_ZERO_TERMINATED, 0, &ec, &off, NULL);
		r->has8 = r->re8 != NULL;
		if (r->re8 != NULL) {
			starts_init(r->re8, &r->first8);
			r->jit8 = r->tries >= JIT_AFTER && jit(r->re8);
		}
	}
	return r->has8;
}

int
tt_boiler_compile_all(tt_boiler *b)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < b->n; i++)
		bad += !rule_ready(&b->rules[i]);
	return bad;
}

/* The next byte of s[*i..n) a title is compared by (a letter or a digit,
 * ASCII lowercased, or a byte beyond ASCII but of the punctuation
 * U+2000-U+203F: quotes, dashes), or -1 at the end. */
static int
title_byte(const char *s, size_t n, size_t *i)
{
	unsigned char c;

	while (*i < n) {
		c = (unsigned char)s[(*i)++];
		if (c == 0xE2 && *i + 1 < n && (unsigned char)s[*i] == 0x80) {
			*i += 2;
			continue;
		}
		if (c >= 0x80 || tt_isascii_digit(c))
			return c;
		if (tt_isascii_alpha(c))
			return c | 0x20;
	}
	return -1;
}

/* Are a and b the same title, but for case, spaces and punctuation? */
static int
same_title(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	int c, d, any = 0;

	do {
		c = title_byte(a, an, &i);
		d = title_byte(b, bn, &j);
		if (c != d)
			return 0;
		any |= c >= 0;
	} while (c >= 0);
	return any;
}

/*
 * A rule matched line i (b->md holds the match): does its title stand?
 * A pattern with a group named "title" (a comment list's heading names
 * the post it is under) matches only where that title was printed as a
 * line before, and in the first TITLE_TRIES such matches of a document.
 */
static int
titled(tt_boiler *b, struct rule *r, pcre2_code *re,
    struct tt_cline **lines, size_t i)
{
	const struct tt_cline *l = lines[i];
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(b->md);
	const char *t;
	size_t j, tlen;
	int g;

	if (r->title == 0) {	/* not asked yet (re and re8 agree) */
		g = pcre2_substring_number_from_name(re, (PCRE2_SPTR)"title");
		r->title = g > 0 ? g : -1;
	}
	if ((g = r->title) < 0)
		return 1;
	/* each look goes through the lines before: a few a document */
	if (b->titles++ >= TITLE_TRIES ||
	    (uint32_t)g >= pcre2_get_ovector_count(b->md) ||
	    ov[2 * g] == PCRE2_UNSET)
		return 0;
	t = l->text.data + l->core_at + ov[2 * g];
	tlen = ov[2 * g + 1] - ov[2 * g];
	for (j = 0; j < i; j++)
		if (!lines[j]->blank && !lines[j]->piece &&
		    lines[j]->judged && same_title(t, tlen,
		    lines[j]->text.data + lines[j]->core_at,
		    lines[j]->core_len))
			return 1;
	return 0;
}

static const char *
rule_match(tt_boiler *b, struct tt_cline **lines, size_t at,
    unsigned char *ends)
{
	const struct tt_cline *l = lines[at];
	const char *s;
	size_t len, i;
	uint64_t try;
	int ascii, use8, rc;

	if (l->words > RULE_WORDS)
		return NULL;
	/* Rules see the line trimmed and without a lynx bullet ("* Home",
	 * "+ More", "o Item", "1. Item"). */
	s = core(l, &len);
	ascii = l->ascii;	/* measure() saw every byte beyond ASCII */
	/* The first KEY_RULES rules by their bits, in order: the keyless
	 * ones and those whose keys the line holds; then the others. */
	try = l->keys | b->keyless;
	for (i = 0; i < b->n; i++) {
		struct rule *r;
		pcre2_code *re;

		if (i < KEY_RULES) {
			if (try == 0) {
				i = KEY_RULES - 1;
				continue;
			}
			i = (size_t)__builtin_ctzll(try);
			try &= try - 1;
		}
		r = &b->rules[i];
		if (r->dead)
			continue;
		/* Compiling to code costs more than a few matches: a rule is
		 * compiled once it was tried often (what of it is compiled
		 * later, at once: rule_ready()). */
		if (++r->tries == JIT_AFTER) {
			r->jit = jit(r->re);
			r->jit8 = jit(r->re8);
		}
		/* An ASCII line needs the rule for bytes only, a line beyond
		 * ASCII (or a rule that does not compile for bytes) the one
		 * for UTF-8: each is compiled when first needed. */
		use8 = ascii && rule_ready8(r);
		if (!use8 && !rule_ready(r))
			continue;
		if (use8 ? !may_start(b, r->re8, &r->first8, s, len) :
		    !may_start(b, r->re, &r->first, s, len))
			continue;
		re = use8 ? r->re8 : r->re;
		rc = (use8 ? r->jit8 : r->jit) ? pcre2_jit_match(re,
		    (PCRE2_SPTR)s, len, 0, 0, b->md, b->mc) :
		    pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, b->md, b->mc);
		if (rc >= 0 && titled(b, r, re, lines, at)) {
			*ends = (unsigned char)r->ends;
			return r->name;
		}
	}
	return NULL;
}

/*
 * Strong content: a line no menu looks like.  A list item or a headline
 * (no final stop) is not strong by length alone: lists of teaser
 * headlines are what pages put around their articles.
 */
static int
strong(const struct tt_cline *l)
{
	if (l->words >= 12 && (l->prose || !bullet(l)))
		return 1;
	return l->words >= 7 && l->prose;
}

/* Is the line the same two words or more twice over, "A cliff path A
 * cliff path": an image's alt text beside its title; or a name with a
 * digit or an underscore twice, "img_0412 img_0412" (a file's); or an
 * ordered list's number printed as its item, "3. 3"? */
static int
doubled(const struct tt_cline *l)
{
	const char *s;
	size_t len, h, k;

	s = core(l, &len);
	for (k = 0; k < len && s[k] >= '0' && s[k] <= '9'; k++)
		;
	if (k > 0 && len == 2 * k + 2 && s[k] == '.' && s[k + 1] == ' ' &&
	    memcmp(s, s + k + 2, k) == 0)
		return 1;
	if (len < 3 || len % 2 == 0 || s[h = len / 2] != ' ' ||
	    memcmp(s, s + h + 1, h) != 0)
		return 0;
	if (memchr(s, ' ', h) != NULL)
		return len >= 7;
	for (k = 0; k < h; k++)
		if ((s[k] >= '0' && s[k] <= '9') || s[k] == '_')
			return 1;
	return 0;
}

/* Does the line end with a colon (a list's lead-in)? */
static int
ends_colon(const struct tt_cline *l)
{
	size_t n = l->text.len;

	while (n > 0 && (l->text.data[n - 1] == ' ' ||
	    l->text.data[n - 1] == '\t'))
		n--;
	return n > 0 && l->text.data[n - 1] == ':';
}

/*
 * The lines of one document, judged together.  Each line gets a value:
 * prose gains its words (up to CAP; half without function words, unless
 * it is a long sentence; half for a list item), a short line costs 1, and
 * the second and later of a run of short lines cost RUN more (menus and
 * teaser cards are runs; an article's subheadings and captions stand
 * alone); a rule's match costs RULE; a list item after a line ending in
 * a colon costs nothing.  The article is the run of lines worth most
 * (the maximum-sum segment), and the short line without a final stop
 * just before it, its headline.  Inside it every line stays but the rules'
 * matches; outside it lines go, unless the best stretch on their side of
 * the article weighs three quarters of it or more (then the document has
 * two texts, and both stay: prose scattered between teasers, titles and
 * kickers makes no such stretch).  A document worth less than
 * FEW_WORDS (notes, a list, a poem) keeps all but the rules' matches.
 */
#define CAP		25
#define RULE		3
#define SHORT		0.5
#define RUN		3
#define NO_STOP		0.4	/* a long line that does not end a sentence */
#define FEW_WORDS	20
#define TRIM_RUN	6	/* headlines that end a stretch */
#define TRIM_WORDS	20	/* ... shorter than this */
#define TWO_TEXTS	0.75	/* a stretch beside the article as heavy */

/* A row of a table as tt-extract writes one: cells between tabs.  Page
 * dumps (lynx, html2text) line tables up with spaces. */
static int
table_row(const struct tt_cline *l)
{
	const char *s = l->text.data;
	size_t t = l->tab;	/* measure() found the first tab */

	return t < l->text.len && t > 0 && s[t - 1] != '\t' &&
	    s[t - 1] != ' ' && t + 1 < l->text.len;
}

static double
value(tt_boiler *b, struct tt_cline **lines, size_t at, int *run,
    int *listok)
{
	struct tt_cline *l = lines[at];
	double v;
	int bul;

	l->ends = 0;
	if (l->blank || l->piece)
		return 0;
	tt_boiler_line(b, l);
	bul = bullet(l);
	if ((l->why = rule_match(b, lines, at, &l->ends)) != NULL)
		v = -RULE;
	else if (doubled(l)) {
		l->why = DOUBLED;
		v = -RULE;
	}
	else if (strong(l)) {
		v = l->words < CAP ? (double)l->words : CAP;
		if ((size_t)l->stops * 8 < l->words &&
		    !(l->prose && l->words >= 15))
			v /= 2;
		if (bul)
			v /= 2;
		if (!l->prose)
			v *= NO_STOP;
	} else
		v = -SHORT;
	if (((bul && *listok) || table_row(l)) && l->why == NULL && v < 0)
		v = 0;		/* an announced list, a table: structure */
	if (v < 0) {
		if (++*run >= 2)
			v -= RUN;
	} else
		*run = 0;
	if (!bul)
		*listok = l->why == NULL && ends_colon(l);
	return v;
}

/*
 * Is line i a title printed twice within a few lines, as a teaser's
 * image and its link are?  A short line (3 to 15 words, no sentence end,
 * no comma: not a caption, not an entry of a list) only.
 */
static int
repeated_title(struct tt_cline **lines, size_t n, size_t i, size_t *other)
{
	const char *s, *t;
	size_t len, tlen, j, seen, e;
	int dir;

	if (lines[i]->words < 3 || lines[i]->words > 15)
		return 0;
	s = core(lines[i], &len);
	/* A title may ask, exclaim or hold a comma; a caption ends with a
	 * full stop, an entry of a list with a semicolon. */
	for (e = len; e > 0 && (s[e - 1] == '"' || s[e - 1] == '\'' ||
	    (unsigned char)s[e - 1] >= 0x80); e--)
		;
	if ((e > 0 && (s[e - 1] == '.' || s[e - 1] == ':')) ||
	    memchr(s, ';', len) != NULL)
		return 0;
	for (dir = -1; dir <= 1; dir += 2)
		for (j = i, seen = 0; seen < REPEAT_NEAR &&
		    (dir < 0 ? j > 0 : j + 1 < n);) {
			j = dir < 0 ? j - 1 : j + 1;
			if (lines[j]->blank || lines[j]->piece)
				continue;
			seen++;
			t = core(lines[j], &tlen);
			if (tlen == len && memcmp(s, t, len) == 0) {
				*other = j;
				return 1;
			}
		}
	return 0;
}

/*
 * The short lines of the card of a title printed at i and again at o:
 * its kicker between the two, its source or section just after them.
 */
static void
teaser_card(struct tt_cline **lines, size_t n, size_t i, size_t o, double *v)
{
	size_t j;

	for (j = o + 1; j < n && (lines[j]->blank || lines[j]->piece); j++)
		;
	if (j < n)
		o = j + 1;
	for (j = i + 1; j < o; j++)
		if (!lines[j]->blank && !lines[j]->piece &&
		    lines[j]->why == NULL && lines[j]->words <= 6 &&
		    !lines[j]->prose) {
			lines[j]->why = TEASER_CARD;
			v[j] = -RULE;
		}
}

/* The nearest line before (dir -1) or after (+1) i with text, or n. */
static size_t
near_text(struct tt_cline **lines, size_t n, size_t i, int dir)
{
	while (dir < 0 ? i > 0 : i + 1 < n) {
		i = dir < 0 ? i - 1 : i + 1;
		if (!lines[i]->blank && !lines[i]->piece)
			return i;
	}
	return n;
}

/*
 * The blurbs of a list of teaser cards: a line that follows a card's
 * kicker or source and comes before the next card's title (or the page's
 * furniture: a rule's match) is the card's summary, however much it reads
 * like prose.
 */
static void
teaser_blurbs(struct tt_cline **lines, size_t n, double *v)
{
	size_t i, p, q;

	for (i = 0; i < n; i++) {
		if (lines[i]->why != NULL || lines[i]->blank || lines[i]->piece)
			continue;
		p = near_text(lines, n, i, -1);
		q = near_text(lines, n, i, 1);
		if (p < n && q < n && lines[p]->why == TEASER_CARD &&
		    lines[q]->why != NULL && lines[q]->why != TEASER_CARD) {
			lines[i]->why = TEASER_CARD;
			v[i] = -RULE;
		}
	}
}

/* The maximum-sum stretch of v[0..n): [*a, *z]; its sum. */
static double
stretch(const double *v, size_t n, size_t *a, size_t *z)
{
	double cur = 0, best = -1e300;
	size_t i, start = 0;

	*a = *z = 0;
	for (i = 0; i < n; i++) {
		if (cur <= 0) {
			cur = v[i];
			start = i;
		} else
			cur += v[i];
		if (cur > best) {
			best = cur;
			*a = start;
			*z = i;
		}
	}
	return best;
}

/*
 * What follows the article up to the page's furniture (the next rule's
 * match or teaser; a line without a letter or a digit is only a
 * separator) is the article's own -- a table of dates, a box of facts, a
 * list it announces with a colon -- unless another list comes first (a
 * menu, related links).  Returns the article's new last line.
 */
static size_t
tail(struct tt_cline **lines, size_t n, size_t z)
{
	size_t j;
	int announced = 0;

	for (j = z + 1; j < n; j++) {
		if (lines[j]->blank || lines[j]->piece || !has_alnum(lines[j]))
			continue;
		if (lines[j]->why != NULL)
			break;
		if (!bullet(lines[j]))
			announced = ends_colon(lines[j]);
		else if (!announced)
			return z;
	}
	if (j == n)
		return z;	/* no furniture after it: nothing to go by */
	while (j > z + 1 && (lines[j - 1]->blank || lines[j - 1]->piece ||
	    !has_alnum(lines[j - 1])))
		j--;
	return j - 1;
}

/*
 * A stretch that ends in a run of TRIM_RUN lines or more that weigh as
 * text but are not sentences (teasers' headlines after the article, a
 * question among them), after its last line that ends with a full stop,
 * ends at that line.  A line of TRIM_WORDS words or more is taken for
 * a sentence whatever its end: a paragraph cut into lines.  Returns the
 * stretch's new last line.
 */
static size_t
trim_end(struct tt_cline **lines, const double *v, size_t a, size_t z)
{
	size_t i, run = 0;

	for (i = z; i > a; i--) {
		const struct tt_cline *l = lines[i];

		if (v[i] <= 0)		/* not text (blank lines are 0) */
			continue;
		if (l->period || l->words >= TRIM_WORDS)
			break;
		run += !l->prose;
	}
	return run >= TRIM_RUN && i > a ? i : z;
}

/* The article's headline just before it stays with it. */
static size_t
headline(struct tt_cline **lines, size_t a)
{
	size_t i;

	for (i = a; i > 0 && (lines[i - 1]->blank || lines[i - 1]->piece); i--)
		;
	if (i > 0 && lines[i - 1]->why == NULL && !bullet(lines[i - 1]) &&
	    lines[i - 1]->words >= 2 && lines[i - 1]->words <= 20 &&
	    !lines[i - 1]->prose)
		return i - 1;
	return a;
}

/*
 * Kickers: a list item of three words at most that the document prints
 * three times or more, each time with text between it and the next
 * ("* Fact Check" over each teaser's title and blurb).  A list that
 * repeats an item in a run of short lines (a week's plan, "* Rest") is
 * not such.  They cost as rule matches.
 */
struct kick {
	const char	*s;
	uint32_t	 len, hash;
	size_t		 at;		/* the line */
	size_t		 prev, next;	/* the same text's entries around,
					 * or SIZE_MAX */
	size_t		 first;		/* the text's first entry */
	size_t		 count, last;	/* (in the first entry) its entries,
					 * and the last */
};

/* Is entry e of k set apart from its neighbour o (SIZE_MAX: none): more
 * than two lines away, with text (a line of positive value) between?
 * pos[i] counts the lines of text before line i. */
static int
apart(const struct kick *k, const size_t *pos, size_t e, size_t o)
{
	size_t lo, hi;

	if (o == SIZE_MAX)
		return 1;
	lo = k[e].at < k[o].at ? k[e].at : k[o].at;
	hi = k[e].at < k[o].at ? k[o].at : k[e].at;
	return hi - lo > 2 && pos[hi] > pos[lo + 1];
}

/* The kickers among the lines at[0..nk) (those kick_ok() takes), each
 * made to cost as a rule match. */
static void
kickers(tt_boiler *b, struct tt_cline **lines, size_t n, double *v,
    const size_t *at, size_t nk)
{
	struct kick *k;
	size_t *slot, *pos, e, h, mask, i;
	int some = 0;

	if (nk < KICK_TIMES)
		return;
	for (mask = 15; mask < 2 * nk; mask = 2 * mask + 1)
		;
	if ((k = scratch(&b->s_k, nk, sizeof(*k))) == NULL ||
	    (slot = scratch(&b->s_slot, mask + 1, sizeof(*slot))) == NULL)
		return;		/* no memory: no kickers, all kept */
	memset(slot, 0xff, (mask + 1) * sizeof(*slot));
	for (e = 0; e < nk; e++) {
		size_t len;

		k[e].s = core(lines[at[e]], &len);
		k[e].len = (uint32_t)len;
		k[e].hash = lines[at[e]]->khash;
		k[e].at = at[e];
		k[e].next = SIZE_MAX;
		/* The text's entries so far, by a table of first entries. */
		for (h = k[e].hash & mask; slot[h] != SIZE_MAX;
		    h = (h + 1) & mask) {
			struct kick *f = &k[slot[h]];

			if (f->hash == k[e].hash && f->len == k[e].len &&
			    memcmp(f->s, k[e].s, len) == 0)
				break;
		}
		if (slot[h] == SIZE_MAX) {
			slot[h] = e;
			k[e].first = k[e].last = e;
			k[e].count = 1;
			k[e].prev = SIZE_MAX;
		} else {
			struct kick *f = &k[slot[h]];

			k[e].first = slot[h];
			k[e].prev = f->last;
			k[f->last].next = e;
			f->last = e;
			some |= ++f->count >= KICK_TIMES;
		}
	}
	if (!some || (pos = scratch(&b->s_pos, n + 1, sizeof(*pos))) == NULL)
		return;
	for (pos[0] = 0, i = 0; i < n; i++)
		pos[i + 1] = pos[i] + (v[i] > 0);
	for (e = 0; e < nk; e++)
		if (k[k[e].first].count >= KICK_TIMES &&
		    apart(k, pos, e, k[e].prev) && apart(k, pos, e, k[e].next)) {
			lines[k[e].at]->why = KICKER;
			v[k[e].at] = -RULE;
		}
}

void
tt_boiler_document(tt_boiler *b, struct tt_cline **lines, size_t n)
{
	double *v, best, in = 0, lbest = -1, rbest = -1, w;
	size_t i, a, z, before = 0, ruled = 0, twice = 0, la = 0, lz = 0;
	size_t ra = 0, rz = 0, *kick, nkick = 0, end = n;
	int run = 0, listok = 0, article, page;

	if (n == 0)
		return;
	b->titles = 0;
	if ((v = scratch(&b->s_v, n, sizeof(*v))) == NULL ||
	    (kick = scratch(&b->s_kick, n, sizeof(*kick))) == NULL) {
		/* No memory to judge with: keep everything. */
		for (i = 0; i < n; i++)
			lines[i]->why = NULL;
		return;
	}
	for (i = 0; i < n; i++) {
		/* the bytes a rule may look at, a few lines ahead */
		if (i + 4 < n)
			__builtin_prefetch(lines[i + 4]->text.data);
		v[i] = value(b, lines, i, &run, &listok);
		ruled += lines[i]->why != NULL;
		if (kick_ok(lines[i]))
			kick[nkick++] = i;
	}
	kickers(b, lines, n, v, kick, nkick);
	/* A line that ends the text (the heading of a list of comments: an
	 * ends=text rule's match) after FEW_WORDS of prose: the document is
	 * judged as if it stopped there, and what follows it goes. */
	for (i = 0, w = 0; i < n; i++) {
		if (lines[i]->ends && w >= FEW_WORDS) {
			end = i;
			break;
		}
		w += v[i] > 0 ? v[i] : 0;
	}
	best = stretch(v, end, &a, &z);
	a = headline(lines, a);
	for (i = 0; i < a; i++)
		before += !lines[i]->blank && !lines[i]->piece;
	/* Text that opens with its prose (three lines at most before the
	 * stretch: a headline, a byline, a date) and has two rule matches at
	 * most is an article already, as tt-extract writes it: what follows
	 * the stretch is its own (a list, a table, code), not a page's
	 * furniture. */
	article = before <= 3 && ruled <= 2;
	/* A dump of a whole page: its furniture caught by PAGE_RULES rules
	 * or more.  There a title printed twice within a few lines is a
	 * teaser's (its image and its link) and costs as a rule match; in
	 * text that has been extracted, a repeated line is more likely a
	 * table's or a list's. */
	page = !article && ruled >= PAGE_RULES;
	for (i = 0; i < n && page; i++) {
		size_t o;

		if (lines[i]->why != NULL || lines[i]->blank ||
		    lines[i]->piece || !repeated_title(lines, n, i, &o))
			continue;
		lines[i]->why = REPEATED_TITLE;
		v[i] = -RULE;
		twice++;
		if (o > i)
			teaser_card(lines, n, i, o, v);
	}
	if (twice > 0) {
		teaser_blurbs(lines, n, v);
		best = stretch(v, end, &a, &z);
		a = headline(lines, a);
	}
	if (!article && best >= FEW_WORDS)
		z = trim_end(lines, v, a, tail(lines, end, z));
	for (i = a; i <= z; i++)
		in += v[i] > 0 ? v[i] : 0;
	/* The best stretch on each side of the article: a second text if
	 * it weighs nearly as much. */
	if (a > 0)
		lbest = stretch(v, a, &la, &lz);
	if (z + 1 < end) {
		rbest = stretch(v + z + 1, end - z - 1, &ra, &rz);
		ra += z + 1;
		rz += z + 1;
	}
	for (i = 0; i < n; i++) {
		struct tt_cline *l = lines[i];

		if (l->blank || l->piece)
			continue;
		if (l->why != NULL) {
			l->drop = 1;
			continue;
		}
		if (i >= end) {
			l->drop = 1;
			l->why = AFTER_END;
			continue;
		}
		if (best < FEW_WORDS || (i >= a && i <= z) || (article && i > z) ||
		    table_row(l))
			continue;
		if (i < a ? i >= la && i <= lz && lbest >= TWO_TEXTS * in :
		    i >= ra && i <= rz && rbest >= TWO_TEXTS * in)
			continue;
		l->drop = 1;
		l->why = "outside the text";
	}
}

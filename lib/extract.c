/*
 * extract.c: the article of a page.
 *
 * 1. The DOM (lib/html) is walked once into blocks: runs of inline text
 *    between block boundaries, each with its element, its letters, how
 *    many of them are link text, and its punctuation.
 * 2. Each block gets a content value: long, punctuated, link-poor text is
 *    worth its length; link lists and short unpunctuated lines cost.  The
 *    container is the element whose blocks are worth most (a subtree's
 *    blocks are one contiguous run in document order).
 * 3. Inside the container, blocks are dropped by what they are: inside a
 *    small element whose class says comments/share/related/nav, captions,
 *    link lists, lone short lines far from the text.  Headings and list
 *    items next to the text stay.
 * 4. Metadata from <title>, <meta>, OpenGraph, JSON-LD and <time>.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"

enum { SEP_PARA, SEP_LINE, SEP_CELL };

typedef struct blk {
	uint32_t	 node;		/* innermost block element */
	uint32_t	 row;		/* cells: the parent row */
	uint32_t	 start, end;	/* bytes of x->flat */
	uint32_t	 chars, links;
	uint32_t	 punct, stops;
	uint32_t	 lead;		/* letters of a link it starts with */
	uint8_t		 lead_stop;	/* that link ends a sentence */
	uint8_t		 card;		/* in a teaser card of another page */
	uint8_t		 notice;	/* opens with "©" or "Copyright" */
	uint8_t		 disguised;	/* 3+ words mix Latin, Cyrillic/Greek */
	uint8_t		 part;		/* set apart (ingredients): kept */
	uint8_t		 why;		/* debugging: what dropped it */
	uint16_t	 kind;		/* tag of node */
	uint8_t		 sep;		/* SEP_* before it */
	uint8_t		 keep;
	double		 value;
} blk;

struct tt_extractor {
	tt_extract_opts	 o;
	tt_buf		 utf8;
	hdoc		 d;
	blk		*b;
	size_t		 nb, bcap;
	tt_buf		 flat;		/* the text of all blocks */
	double		*score;
	size_t		 scap;
	/* walk state */
	uint32_t	 owner;
	size_t		 bstart;	/* start of the open block */
	uint32_t	 chars, links, punct, stops, lead;
	uint32_t	 mixed;		/* words that mix scripts */
	int		 script;	/* of the open word: 1 Latin, 2 other */
	int		 lead_stop;
	int		 space;		/* a space is pending */
	int		 pre, in_a, quote;
	int		 oom;
};

tt_extractor *
tt_extractor_new(const tt_extract_opts *o, tt_err *e)
{
	tt_extractor *x = calloc(1, sizeof(*x));

	if (x == NULL) {
		tt_seterr(e, TT_ENOMEM, "out of memory");
		return NULL;
	}
	if (o != NULL)
		x->o = *o;
	return x;
}

void
tt_extractor_free(tt_extractor *x)
{
	if (x == NULL)
		return;
	tt_buf_free(&x->utf8);
	tt_buf_free(&x->flat);
	html_free(&x->d);
	free(x->b);
	free(x->score);
	free(x);
}

void
tt_article_free(tt_article *a)
{
	if (a == NULL)
		return;
	tt_buf_free(&a->text);
	free(a->title);
	free(a->byline);
	free(a->date);
	free(a->site);
	free(a->lang);
	free(a->url);
	free(a->description);
	memset(a, 0, sizeof(*a));
}

/* ------------------------------------------------------------ blocks */

static void
put(tt_extractor *x, const void *s, size_t n)
{
	if (tt_buf_append(&x->flat, s, n) != 0)
		x->oom = 1;
}

static int
is_punct(int32_t cp, int *stop)
{
	switch (cp) {
	case '.': case '!': case '?': case 0x3002: case 0xFF01: case 0xFF1F:
	case 0x061F: case 0x0964:
		*stop = 1;
		return 1;
	case ',': case ';': case ':': case 0xFF0C: case 0x3001: case 0x060C:
		*stop = 0;
		return 1;
	}
	return 0;
}

/* Markdown's mark before the first character of a block. */
static void
block_prefix(tt_extractor *x)
{
	int t = x->d.n[x->owner].tag;
	int i;

	if (x->o.format != TT_FMT_MARKDOWN)
		return;
	for (i = 0; i < x->quote && i < 8; i++)
		put(x, "> ", 2);
	if (H_IS_HEADING(t)) {
		for (i = 0; i <= t - H_H1; i++)
			put(x, "#", 1);
		put(x, " ", 1);
	} else if (t == H_LI) {
		uint32_t p = x->d.n[x->owner].parent, c;
		char num[16];
		int k = 0;

		if (x->d.n[p].tag != H_OL) {
			put(x, "- ", 2);
			return;
		}
		for (c = x->d.n[p].first; c != 0 && c != x->owner;
		    c = x->d.n[c].next)
			k += x->d.n[c].tag == H_LI;
		put(x, num, (size_t)snprintf(num, sizeof(num), "%d. ",
		    k + 1));
	}
	else if (t == H_PRE && x->pre > 0)
		put(x, "```\n", 4);
}

static void
emit(tt_extractor *x, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		size_t k;
		int stop, w;

		if (c < 0x80) {
			cp = c;
			k = 1;
		} else
			k = tt_utf8_decode(s + i, len - i, &cp);
		if (x->pre == 0 && (c == ' ' || c == '\t' || c == '\n' ||
		    c == '\r' || c == '\f')) {
			x->space = 1;
			x->mixed += x->script == 3;
			x->script = 0;
			i++;
			continue;
		}
		/* Latin letters and Cyrillic or Greek look-alikes in one
		 * word: text dressed to slip past spam filters. */
		if (tt_isascii_alpha(c))
			x->script |= 1;
		else if (cp >= 0x370 && cp < 0x530)
			x->script |= 2;
		if (x->flat.len == x->bstart)
			block_prefix(x);
		else if (x->space && x->flat.data[x->flat.len - 1] != '\n')
			put(x, " ", 1);
		x->space = 0;
		put(x, s + i, k);
		i += k;
		if ((x->pre > 0 && (c == ' ' || c == '\t' || c == '\n' ||
		    c == '\r')) || (cp >= 0x80 && tt_unicode_is_space(cp)))
			continue;	/* kept, but not counted: &nbsp; */
		stop = 0;
		if (is_punct(cp, &stop)) {
			/* "example.com", "3.5" and "e.g" do not end a
			 * sentence: an ASCII stop needs a space or a closing
			 * mark after it. */
			if (stop && cp < 0x80 && i < len &&
			    (tt_isascii_alpha((unsigned char)s[i]) ||
			    tt_isascii_digit((unsigned char)s[i]) ||
			    s[i] == '/' || s[i] == '.'))
				stop = 0;
			x->punct++;
			x->stops += stop;
		}
		/* A CJK character carries about what two letters do. */
		w = cp >= 0x2E80 && cp < 0xD7B0 ? 2 : 1;
		if (x->in_a > 0) {
			if (x->lead == x->chars) {
				x->lead += w;
				x->lead_stop = stop;
			}
			x->links += w;
		} else if (x->lead == x->chars && x->lead > 0)
			x->lead_stop |= stop;	/* "<a>Headline</a>." */
		x->chars += w;
	}
}

/* Does a block open as a copyright notice ("© 2022 ...", "Copyright")? */
static int
is_notice(const char *s, size_t n)
{
	while (n > 0 && (*s == '>' || *s == '#' || *s == ' ' || *s == '*')) {
		s++;	/* Markdown's marks */
		n--;
	}
	return (n >= 2 && memcmp(s, "\xc2\xa9", 2) == 0) ||
	    (n >= 9 && strncasecmp(s, "copyright", 9) == 0) ||
	    (n >= 4 && strncasecmp(s, "(c) ", 4) == 0);
}

/* A new run of text starts where the text is now. */
static void
open_block(tt_extractor *x)
{
	x->bstart = x->flat.len;
	x->chars = x->links = x->punct = x->stops = x->lead = 0;
	x->mixed = 0;
	x->script = x->lead_stop = 0;
}

/* Close the open run of text as a block owned by x->owner. */
static void
flush(tt_extractor *x)
{
	hdoc *d = &x->d;
	blk *b;
	int t;

	x->space = 0;
	if (x->chars == 0) {
		x->flat.len = x->bstart;
		goto reset;
	}
	while (x->flat.len > x->bstart &&
	    tt_isascii_space((unsigned char)x->flat.data[x->flat.len - 1]))
		x->flat.len--;
	if (x->o.format == TT_FMT_MARKDOWN && x->pre > 0)
		put(x, "\n```", 4);
	if (x->nb == x->bcap) {
		size_t cap = x->bcap ? x->bcap * 2 : 256;

		b = realloc(x->b, cap * sizeof(*b));
		if (b == NULL) {
			x->oom = 1;
			goto reset;
		}
		x->b = b;
		x->bcap = cap;
	}
	b = &x->b[x->nb++];
	memset(b, 0, sizeof(*b));
	b->node = x->owner;
	b->start = (uint32_t)x->bstart;
	b->end = (uint32_t)x->flat.len;
	b->chars = x->chars;
	b->links = x->links;
	b->punct = x->punct;
	b->stops = x->stops;
	b->lead = x->lead;
	b->lead_stop = (uint8_t)x->lead_stop;
	b->disguised = x->mixed + (x->script == 3) >= 3;
	b->notice = is_notice(x->flat.data + x->bstart,
	    x->flat.len - x->bstart);
	t = d->n[x->owner].tag;
	b->kind = (uint16_t)t;
	b->sep = SEP_PARA;
	if (t == H_LI || t == H_DT || t == H_DD)
		b->sep = SEP_LINE;
	else if (t == H_TD || t == H_TH) {
		b->row = d->n[x->owner].parent;
		b->sep = x->nb > 1 && x->b[x->nb - 2].row == b->row ?
		    SEP_CELL : SEP_LINE;
	}
reset:
	open_block(x);
}

static void
walk(tt_extractor *x, uint32_t id)
{
	hdoc *d = &x->d;
	hnode *n = &d->n[id];
	uint32_t c, saved;
	int t = n->tag;

	if (t == H_TEXT) {
		emit(x, d->text.data + n->text, n->len);
		return;
	}
	if (t == H_BR) {
		if (x->flat.len > x->bstart &&
		    x->flat.data[x->flat.len - 1] == '\n')
			flush(x);	/* <br><br>: a paragraph break */
		else if (x->flat.len > x->bstart)
			put(x, "\n", 1);
		x->space = 0;
		return;
	}
	/* Inline: the inline elements, and those tt does not know (custom
	 * elements: browsers show them inline).  One whose class says
	 * caption, share or nav is cut out as a block of its own, so that
	 * the decision can see it. */
	if ((H_IS_INLINE(t) || t == H_OTHER) && !(t != H_A &&
	    (n->hint & (HINT_CAPTION | HINT_NEG | HINT_NAV | HINT_COMMENT)))) {
		int link = t == H_A && x->o.links &&
		    x->o.format == TT_FMT_MARKDOWN && n->href != 0;
		size_t mark = x->flat.len;

		if (t == H_A)
			x->in_a++;
		if (link) {
			if (x->flat.len == x->bstart)
				block_prefix(x);
			else if (x->space)
				put(x, " ", 1);
			x->space = 0;
			put(x, "[", 1);
			mark = x->flat.len;
		}
		for (c = n->first; c != 0; c = d->n[c].next)
			walk(x, c);
		if (t == H_A)
			x->in_a--;
		if (link) {
			if (x->flat.len == mark)
				x->flat.len = mark - 1;	/* no text: no link */
			else {
				put(x, "](", 2);
				put(x, d->attr.data + n->href - 1,
				    strlen(d->attr.data + n->href - 1));
				put(x, ")", 1);
			}
		}
		return;
	}
	/* A block element (or one we do not know: a break is safer). */
	flush(x);
	saved = x->owner;
	x->owner = id;
	if (t == H_PRE)
		x->pre++;
	else if (t == H_BLOCKQUOTE)
		x->quote++;
	for (c = n->first; c != 0; c = d->n[c].next)
		walk(x, c);
	flush(x);
	if (t == H_PRE)
		x->pre--;
	else if (t == H_BLOCKQUOTE)
		x->quote--;
	x->owner = saved;
}

/* ------------------------------------------------------------ scoring */

/*
 * Lines that point away from the article, in the languages pages are
 * most often written in: "Read also", "Lesen Sie auch", "Lire aussi" ...
 * A short block that opens with one is not article text.
 */
static const char *const away[] = {
	"abonnieren", "advertisement", "advertising disclosure", "also read",
	"anzeige", "articoli correlati", "auch interessant", "beitragsbild",
	"bild:", "contenido relacionado", "credit:", "czytaj także",
	"czytaj też", "das könnte dich", "das könnte sie auch", "der beitrag wurde",
	"dieser eintrag wurde", "don't miss", "don’t miss", "donate",
	"empfohlener redaktioneller inhalt", "externer inhalt", "follow us",
	"foto:", "image:", "jetzt abonnieren", "lea también", "lee también",
	"leggi anche", "leia também", "lees meer", "lees ook",
	"lesen sie auch", "lesen sie mehr", "lire aussi", "mehr zum thema",
	"missed the", "more from", "more on this", "most read", "must read",
	"más información", "neueste artikel", "newsletter", "photo:",
	"publicidad", "publicité", "quelle:", "read also", "read more",
	"recommended", "related", "saiba mais", "schon gelesen", "see also",
	"sign up", "source:", "subscribe", "support us", "sur le même sujet",
	"te puede interesar", "this entry was posted", "this post contains",
	"unterstütze", "veja também", "voir aussi", "weitere artikel",
	"weitere informationen", "weitere themen", "weiterlesen",
	"you may also like", "zobacz także", "zobacz też", "zum weiterlesen",
	"à lire aussi", "ähnliche artikel", "ähnliche beiträge"
};

/* Openers of whole blocks that are never the article: a blog's filing
 * line, an advertising disclosure. */
static const char *const away_long[] = {
	"advertising disclosure", "der beitrag wurde am",
	"dieser eintrag wurde veröffentlicht", "the advertising disclaimer",
	"this entry was posted", "this post contains", "this post may contain",
	"zapraszamy"
};

/* Does s (len bytes) start with the lowercase word w, a whole word?
 * Capitals beyond ASCII ("Ähnliche") are lowered too. */
static int
opens_with(const char *s, size_t len, const char *w)
{
	size_t i = 0, k = 0, n = strlen(w);
	int32_t cs, cw;

	while (k < n) {
		if (i >= len)
			return 0;
		i += tt_utf8_decode(s + i, len - i, &cs);
		k += tt_utf8_decode(w + k, n - k, &cw);
		if (cs < 0 || tt_unicode_tolower(cs) != cw)
			return 0;
	}
	return i == len || !tt_isascii_alpha((unsigned char)s[i]);
}

static int
points_away(const tt_extractor *x, const blk *b)
{
	const char *s = x->flat.data + b->start;
	size_t len = b->end - b->start, i;

	if (b->chars > 400)
		return 0;
	while (len > 0 && (*s == '#' || *s == '>' || *s == ' ' || *s == '-'))
		s++, len--;	/* markdown marks */
	for (i = 0; i < TT_NELEM(away_long); i++)
		if (opens_with(s, len, away_long[i]))
			return 1;
	if (b->chars > 60)
		return 0;
	for (i = 0; i < TT_NELEM(away); i++)
		if (opens_with(s, len, away[i]))
			return 1;
	return 0;
}

/* A headline link followed by its summary: a teaser of another page. */
static int
is_teaser(const blk *b)
{
	return b->lead >= 20 && b->lead < b->chars && b->lead * 10 > b->chars &&
	    !b->lead_stop;
}

/* What a block is worth as article text. */
static double
block_value(const blk *b)
{
	double ld = (double)b->links / b->chars;

	if (ld > 0.5)
		return -0.5 * b->chars;
	if (is_teaser(b) || b->card)
		return -0.3 * b->chars;
	if (b->chars >= 40 && (b->stops >= 1 || (b->punct >= 1 &&
	    b->chars >= 80)))
		return b->chars * (1 - ld);
	if (b->chars >= 200)
		return b->chars * (1 - ld) * 0.7;
	if (H_IS_HEADING(b->kind))
		return 0;
	if (b->chars < 30 && b->stops == 0)
		return -0.25 * b->chars;
	return ((double)b->chars - 30) * (1 - ld) * 0.3;
}

static int
is_good(const blk *b)
{
	return b->value > 0;
}

/* Does element e have two element siblings with its tag? */
static int
repeated(const hdoc *d, uint32_t e)
{
	uint32_t c;
	int n = 0, same = 0;

	for (c = d->n[d->n[e].parent].first; c != 0 && n < 1000;
	    c = d->n[c].next, n++)
		if (c != e && d->n[c].tag == d->n[e].tag && ++same == 2)
			return 1;
	return 0;
}

static char	*tidy(const char *);

/* Is there text in element a before block i, other than a kicker (one
 * short line such as "BREAKING" above the headline)? */
static int
opens_card(tt_extractor *x, size_t i, uint32_t a)
{
	const hdoc *d = &x->d;
	const blk *p;

	if (i == 0)
		return 0;
	p = &x->b[i - 1];
	if (p->node < a || p->node > d->n[a].end)
		return 0;
	if (p->chars > 40 || p->stops > 0 || p->links > 0 || i == 1)
		return 1;
	p = &x->b[i - 2];
	return p->node >= a && p->node <= d->n[a].end;
}

/* Is the text of b part of the page's title?  Then b is the article's
 * own headline (linked to its permalink), not a teaser. */
static int
is_title(tt_extractor *x, const blk *b, char *const *titles, size_t n)
{
	char h[512];
	size_t len = b->end - b->start, i;

	if (len >= sizeof(h))
		return 0;
	memcpy(h, x->flat.data + b->start, len);
	h[len] = '\0';
	for (i = 0; i < n; i++)
		if (titles[i] != NULL && strstr(titles[i], h) != NULL)
			return 1;
	return 0;
}

/*
 * Teaser cards: a small element that opens with a headline link and
 * holds a line or two more (a date, a summary), repeated beside others
 * of its kind.  Their text describes other pages.
 */
static void
mark_cards(tt_extractor *x)
{
	hdoc *d = &x->d;
	char *titles[2];
	size_t i, j;

	titles[0] = tidy(d->title);
	titles[1] = tidy(html_meta(d, "og:title"));
	for (i = 0; i < x->nb; i++) {
		blk *b = &x->b[i];
		uint32_t a, card = 0;

		if (b->chars < 20 || b->links * 10 < b->chars * 9 ||
		    (b->stops > 0 && !H_IS_HEADING(b->kind)))
			continue;	/* not a headline link */
		for (a = b->node; a != 0; a = d->n[a].parent) {
			if (d->n[a].chars > 600 + b->chars)
				break;
			if (opens_card(x, i, a))
				break;	/* the headline does not open it */
			card = a;
		}
		if (card == 0 || card == b->node || !repeated(d, card))
			continue;
		if (i + 1 >= x->nb || x->b[i + 1].node > d->n[card].end)
			continue;	/* a link alone: a link list */
		if (is_title(x, b, titles, 2))
			continue;
		for (j = i; j < x->nb && x->b[j].node <= d->n[card].end; j++)
			x->b[j].card = 1;
	}
	free(titles[0]);
	free(titles[1]);
}

/* The element whose blocks are worth most. */
static uint32_t
choose(tt_extractor *x)
{
	hdoc *d = &x->d;
	double best = 0, bodyscore = 0, *pos;
	uint32_t bi = 0, body = 0;
	size_t i;

	if (x->scap < d->nn) {
		double *s = realloc(x->score, 2 * d->nn * sizeof(*s));

		if (s == NULL) {
			x->oom = 1;
			return 0;
		}
		x->score = s;
		x->scap = d->nn;
	}
	memset(x->score, 0, 2 * d->nn * sizeof(*x->score));
	pos = x->score + d->nn;
	for (i = 0; i < x->nb; i++) {
		x->score[x->b[i].node] += x->b[i].value;
		if (x->b[i].value > 0)
			pos[x->b[i].node] += x->b[i].value;
	}
	/* What a comment thread or a cookie box holds is not the article's:
	 * it counts little for the elements around it. */
	for (i = d->nn - 1; i > 0; i--) {
		double s = x->score[i], p = pos[i];

		if (d->n[i].hint & HINT_NEG) {
			if (s > 0)
				s *= 0.2;
			p *= 0.2;
		}
		x->score[d->n[i].parent] += s;
		pos[d->n[i].parent] += p;
	}
	for (i = 0; i < d->nn; i++) {
		double s = x->score[i];

		if ((d->n[i].hint & HINT_BODY) && pos[i] > bodyscore) {
			bodyscore = pos[i];
			body = (uint32_t)i;
		}
		/* Comment threads: the more nested, the less likely. */
		if (d->n[i].hint & HINT_NEG)
			s *= 0.3;
		if (d->n[i].negs > 0)
			s *= d->n[i].negs == 1 ? 0.2 : 0.04;
		if (d->n[i].hint & HINT_BODY)
			s *= 1.15;
		if (s >= best && s > 0) {
			best = s;
			bi = (uint32_t)i;
		}
	}
	/* A container the page calls the article body, if it holds most of
	 * the text: a wrapper around it adds captions and bylines, and its
	 * own link lists are the article's. */
	if (body != 0 && bodyscore >= 0.5 * pos[bi])
		return body;
	/* A parent that adds nothing bad holds the rest of a short text. */
	while (bi != 0 && d->n[bi].parent != 0 &&
	    d->n[d->n[bi].parent].tag != H_BODY &&
	    d->n[d->n[bi].parent].tag != H_HTML &&
	    x->score[d->n[bi].parent] >= 0.9 * x->score[bi] &&
	    !(d->n[d->n[bi].parent].hint & HINT_NEG))
		bi = d->n[bi].parent;
	return bi;
}

/* Is block b inside an element under top that is not article text? */
static int
boilerplate_inside(tt_extractor *x, const blk *b, uint32_t top,
    uint32_t topchars)
{
	hdoc *d = &x->d;
	uint32_t i;

	for (i = b->node; i != top && i != 0; i = d->n[i].parent) {
		const hnode *n = &d->n[i];
		int small = n->chars * 3 < topchars;

		switch (n->tag) {
		case H_NAV: case H_ASIDE: case H_FIGCAPTION: case H_FIGURE:
		case H_FOOTER: case H_FORM: case H_DIALOG:
			if (small)
				return 1;
			break;
		}
		if ((n->hint & (HINT_NEG | HINT_NAV)) && small)
			return 1;
		/* readers' comments, up to half of what the container holds */
		if ((n->hint & HINT_COMMENT) && n->chars * 2 < topchars)
			return 1;
		if ((n->hint & HINT_CAPTION) && n->chars < 300)
			return 1;
		if ((n->hint & HINT_META) && n->chars < 200)
			return 1;
	}
	return 0;
}

static void
count_chars(tt_extractor *x)
{
	hdoc *d = &x->d;
	size_t i;

	for (i = 0; i < d->nn; i++)
		d->n[i].chars = d->n[i].links = 0;
	for (i = 0; i < x->nb; i++) {
		d->n[x->b[i].node].chars += x->b[i].chars;
		d->n[x->b[i].node].links += x->b[i].links;
	}
	for (i = d->nn - 1; i > 0; i--) {
		d->n[d->n[i].parent].chars += d->n[i].chars;
		d->n[d->n[i].parent].links += d->n[i].links;
	}
}

/* Text that opens or closes an article, not a byline or a share line. */
static int
is_body_text(const blk *b)
{
	double ld = (double)b->links / b->chars;

	return (ld < 0.3 || (ld < 0.5 && b->chars >= 150)) && !is_teaser(b) &&
	    !b->card && !b->notice && !b->disguised &&
	    !H_IS_HEADING(b->kind) &&
	    ((b->chars >= 30 && b->stops >= 1) || b->chars >= 120);
}

/* The blockquote that holds node n, or 0. */
static uint32_t
quote_of(const hdoc *d, uint32_t n)
{
	for (; n != 0; n = d->n[n].parent)
		if (d->n[n].tag == H_BLOCKQUOTE)
			return n;
	return 0;
}

#define MAXROOTS	64

/* Does element c, beside the container, hold prose that belongs? */
static int
joins(tt_extractor *x, uint32_t c)
{
	const hnode *e = &x->d.n[c];

	return e->tag != H_TEXT && x->score[c] >= 150 &&
	    e->links * 4 < e->chars &&
	    !(e->inh & (HINT_NEG | HINT_META | HINT_CAPTION)) &&
	    e->tag != H_NAV && e->tag != H_ASIDE && e->tag != H_FOOTER &&
	    e->tag != H_FORM;
}

/* The children of p that are top or join it, in order. */
static size_t
sibling_roots(tt_extractor *x, uint32_t p, uint32_t top, uint32_t *roots,
    size_t max)
{
	uint32_t c;
	size_t n = 0;

	for (c = x->d.n[p].first; c != 0 && n < max; c = x->d.n[c].next)
		if (c == top || joins(x, c))
			roots[n++] = c;
	return n;
}

/*
 * The container and the siblings that belong with it, in document order:
 * a lede or a closing paragraph often sits in an element of its own
 * beside the article body.  A sibling joins when its text is prose
 * worth a long paragraph, with little link
 * text and no class that says comments, boxes, bylines or captions.
 */
static size_t
siblings(tt_extractor *x, uint32_t top, uint32_t *roots)
{
	hdoc *d = &x->d;
	uint32_t p = d->n[top].parent, g, c;
	size_t n = 0;

	if (p == 0 || d->n[top].tag == H_BODY || d->n[top].tag == H_HTML) {
		roots[0] = top;
		return 1;
	}
	/* One level further up too, when the parent is no more than a
	 * wrapper of the container (a lede in <div class=intro> beside
	 * <div class=text>, both in the article). */
	g = d->n[p].parent;
	if (g != 0 && d->n[g].tag != H_BODY && d->n[g].tag != H_HTML &&
	    d->n[p].chars < d->n[top].chars * 1.2 + 50)
		for (c = d->n[g].first; c != 0 && n < MAXROOTS;
		    c = d->n[c].next) {
			if (c == p)
				n += sibling_roots(x, p, top, roots + n,
				    MAXROOTS - n);
			else if (joins(x, c))
				roots[n++] = c;
		}
	else
		n = sibling_roots(x, p, top, roots, MAXROOTS);
	return n;
}

/*
 * Parts of the text that the page sets apart beside the container (a
 * recipe's ingredients next to its steps): the outermost elements marked
 * HINT_PART under the container's ancestors, up to three levels up, and
 * outside it.  Merged into roots (both are in document order; none ends
 * up inside another); ispart[] tells which roots they are.
 */
static size_t
add_parts(tt_extractor *x, uint32_t top, uint32_t *roots, size_t n,
    unsigned char *ispart)
{
	hdoc *d = &x->d;
	uint32_t a = top, i, parts[MAXROOTS], all[MAXROOTS];
	size_t np = 0, r = 0, q = 0, m = 0;
	int up;

	memset(ispart, 0, MAXROOTS);
	for (up = 0; up < 3; up++) {
		uint32_t p = d->n[a].parent;

		if (p == 0 || d->n[p].tag == H_BODY || d->n[p].tag == H_HTML)
			break;
		a = p;
	}
	for (i = a + 1; a != top && i <= d->n[a].end && np < MAXROOTS; i++) {
		if (i == top)
			i = d->n[top].end;
		else if ((d->n[i].hint & HINT_PART) &&
		    !(d->n[i].inh & HINT_NEG) && d->n[i].chars > 0) {
			parts[np++] = i;
			i = d->n[i].end;
		}
	}
	if (np == 0)
		return n;
	while ((r < n || q < np) && m < MAXROOTS) {
		int part = r == n || (q < np && parts[q] < roots[r]);
		uint32_t id = part ? parts[q++] : roots[r++];

		if (m > 0 && id <= d->n[all[m - 1]].end)
			continue;	/* inside the one before */
		ispart[m] = (unsigned char)part;
		all[m++] = id;
	}
	memcpy(roots, all, m * sizeof(*roots));
	return m;
}

static void
select_blocks(tt_extractor *x, uint32_t top)
{
	hdoc *d = &x->d;
	size_t i, first = SIZE_MAX, last = 0;
	int kind;

	uint32_t roots[MAXROOTS];
	unsigned char ispart[MAXROOTS];
	size_t nroots = siblings(x, top, roots), r = 0;

	nroots = add_parts(x, top, roots, nroots, ispart);

	for (i = 0; i < x->nb; i++) {
		blk *b = &x->b[i];
		double ld = (double)b->links / b->chars;

		b->keep = 0;
		b->why = 1;
		/* Roots are in document order, as the blocks are. */
		while (r < nroots && b->node > d->n[roots[r]].end)
			r++;
		if (r == nroots || b->node < roots[r])
			continue;
		b->why = 2;
		if (boilerplate_inside(x, b, roots[r], d->n[top].chars))
			continue;
		/* ingredients, which link to products and come before
		 * the text */
		if (ispart[r] || (d->n[b->node].inh & HINT_PART)) {
			b->keep = b->part = 1;
			continue;
		}
		b->why = 3;
		/* mostly link text, unless a sentence of its own follows
		 * the link ("<a>X bought Y.</a> The deal ...") */
		if (ld > 0.5 && b->chars < 400 &&
		    !(b->chars - b->links >= 50 && b->stops >= 2))
			continue;
		b->why = 4;
		if (b->card || points_away(x, b) || b->disguised)
			continue;
		b->why = 5;
		b->keep = 1;
		if (is_body_text(b)) {
			if (first == SIZE_MAX)
				first = i;
			last = i;
		}
	}
	if (first == SIZE_MAX)
		return;		/* only short lines: keep them */
	/* Before the first and after the last paragraph: bylines, dates,
	 * share lines.  A heading right before the first stays. */
	/* A subheading right before the first paragraph opens the text. */
	if (first > 0 && x->b[first - 1].keep &&
	    x->b[first - 1].kind >= H_H2 && x->b[first - 1].kind <= H_H6 &&
	    x->b[first - 1].links == 0)
		first--;
	/* So does a lede set as a heading: a long sentence or two (a dek
	 * under the headline is shorter), with only dropped lines between
	 * it and the text. */
	for (i = first; i-- > 0;) {
		const blk *h = &x->b[i];

		if (h->keep && H_IS_HEADING(h->kind) && h->kind != H_H1 &&
		    h->chars >= 150 && h->stops >= 1 && h->links == 0) {
			first = i;
			break;
		}
		if (h->keep)
			break;
	}
	/* A list or a table that closes the text belongs to it, and so
	 * does the rest of a quotation it ends in (a tweet's signature). */
	while (last + 1 < x->nb && x->b[last + 1].keep &&
	    (((x->b[last + 1].kind == H_LI || x->b[last + 1].kind == H_TD ||
	    x->b[last + 1].kind == H_TH || x->b[last + 1].kind == H_DD ||
	    x->b[last + 1].kind == H_DT) &&
	    x->b[last + 1].links * 2 < x->b[last + 1].chars) ||
	    (quote_of(d, x->b[last].node) != 0 &&
	    quote_of(d, x->b[last + 1].node) == quote_of(d, x->b[last].node))))
		last++;
	/* So do paragraphs of the text's kind, worth something without a
	 * full stop (the entries of a CV, a list of dates): a closing line
	 * ("Follow us on ...") is shorter. */
	for (i = last + 1, kind = x->b[last].kind; i < x->nb &&
	    x->b[i].keep == 1; i++) {
		const blk *b = &x->b[i];

		if (H_IS_HEADING(b->kind) && b->links == 0)
			continue;	/* in only with an entry after it */
		if (b->value <= 0 || b->chars < 60 || b->kind != kind ||
		    b->links * 2 >= b->chars)
			break;
		last = i;
	}
	for (i = 0; i < first; i++)
		x->b[i].keep = x->b[i].part;
	for (i = last + 1; i < x->nb; i++)
		x->b[i].keep = x->b[i].part;
	/* Short lines stay only next to the text. */
	for (i = first; i <= last; i++) {
		blk *b = &x->b[i];
		int prev = 0, next = 0;
		size_t j;

		if (!b->keep || b->part || b->value > 0 || b->stops > 0)
			continue;
		for (j = i + 1; j <= last; j++)
			if (x->b[j].keep) {
				next = is_good(&x->b[j]) ||
				    x->b[j].kind == b->kind;
				break;
			}
		for (j = i; j-- > first;)
			if (x->b[j].keep) {
				prev = is_good(&x->b[j]) ||
				    x->b[j].kind == b->kind;
				break;
			}
		/* an item of a list needs text or an item on one side, a
		 * lone line on both */
		if (H_IS_HEADING(b->kind) ? !next : (b->kind == H_LI ||
		    b->kind == H_TD || b->kind == H_DD) ? !(prev || next) :
		    !(prev && next)) {
			b->keep = 2;	/* dropped after the pass */
			b->why = 6;
		}
	}
	for (i = first; i <= last; i++)
		if (x->b[i].keep == 2)
			x->b[i].keep = 0;
}

static void
write_blocks(tt_extractor *x, tt_buf *out)
{
	size_t i;
	int any = 0;
	const blk *prev = NULL;

	for (i = 0; i < x->nb; i++) {
		const blk *b = &x->b[i];

		if (!b->keep)
			continue;
		if (any) {
			if (b->sep == SEP_CELL && prev->row == b->row)
				tt_buf_putc(out, '\t');
			else if (b->sep != SEP_PARA && prev->kind == b->kind)
				tt_buf_putc(out, '\n');
			else
				tt_buf_puts(out, "\n\n");
		}
		tt_buf_append(out, x->flat.data + b->start, b->end - b->start);
		any = 1;
		prev = b;
	}
	if (any)
		tt_buf_putc(out, '\n');
}

/* ------------------------------------------------------------ metadata */

/* Collapse white space and trim; a copy, or NULL for an empty string. */
static char *
tidy(const char *s)
{
	size_t n = 0, i;
	char *p;
	int space = 0;

	if (s == NULL)
		return NULL;
	p = malloc(strlen(s) + 1);
	if (p == NULL)
		return NULL;
	for (i = 0; s[i] != '\0'; i++) {
		if (tt_isascii_space((unsigned char)s[i])) {
			space = n > 0;
			continue;
		}
		if (space)
			p[n++] = ' ';
		space = 0;
		p[n++] = s[i];
	}
	p[n] = '\0';
	if (n == 0) {
		free(p);
		return NULL;
	}
	return p;
}

/*
 * The string value of "key" in JSON-LD text, the first at or after from,
 * unescaped; NULL if none.  A scan, not a parser: JSON-LD in pages is
 * often not valid JSON, and only a few string fields are wanted.
 */
static char *
ld_string(const char *s, const char *key, const char **after)
{
	char pat[64];
	const char *p = s, *q;
	tt_buf b = { 0 };

	snprintf(pat, sizeof(pat), "\"%s\"", key);
	while ((p = strstr(p, pat)) != NULL) {
		p += strlen(pat);
		while (tt_isascii_space((unsigned char)*p))
			p++;
		if (*p != ':')
			continue;
		p++;
		while (tt_isascii_space((unsigned char)*p))
			p++;
		if (*p != '"')
			continue;
		for (q = p + 1; *q != '\0' && *q != '"'; q++) {
			if (*q == '\\' && q[1] != '\0') {
				q++;
				switch (*q) {
				case 'n': case 'r': case 't':
					tt_buf_putc(&b, ' ');
					break;
				case 'u': {
					char tmp[5] = { 0 }, enc[4];
					long cp;

					if (strlen(q) < 5)
						break;
					memcpy(tmp, q + 1, 4);
					cp = strtol(tmp, NULL, 16);
					q += 4;
					if (cp >= 0xD800 && cp < 0xE000)
						cp = 0xFFFD;
					tt_buf_append(&b, enc,
					    tt_utf8_encode((int32_t)cp, enc));
					break;
				}
				default:
					tt_buf_putc(&b, *q);
				}
				continue;
			}
			tt_buf_putc(&b, *q);
		}
		if (after != NULL)
			*after = q;
		if (b.len == 0)
			continue;
		return tt_buf_steal(&b, NULL);
	}
	tt_buf_free(&b);
	return NULL;
}

/* The name of the object that "key" holds ("author": {"name": ...}). */
static char *
ld_name(const char *s, const char *key)
{
	char pat[64];
	const char *p;
	char *v;

	snprintf(pat, sizeof(pat), "\"%s\"", key);
	if ((p = strstr(s, pat)) == NULL)
		return NULL;
	p += strlen(pat);
	while (tt_isascii_space((unsigned char)*p) || *p == ':')
		p++;
	if (*p == '"')
		return ld_string(s, key, NULL);
	if (*p != '{' && *p != '[')
		return NULL;
	v = ld_string(p, "name", NULL);
	return v;
}

/* The meta tags a page's description is in, the first found wins (read
 * for the metadata and for the lede). */
static const char *const k_desc[] = {
	"description", "og:description", "twitter:description"
};

static const char *
first_meta(const hdoc *d, const char *const *keys, size_t n)
{
	const char *v;
	size_t i;

	for (i = 0; i < n; i++)
		if ((v = html_meta(d, keys[i])) != NULL)
			return v;
	return NULL;
}

/* An ISO 8601 date (and time, if given) at the start of s, or NULL. */
static char *
iso_date(const char *s)
{
	size_t n = 0;

	if (s == NULL)
		return NULL;
	while (tt_isascii_space((unsigned char)*s))
		s++;
	if (!(tt_isascii_digit(s[0]) && tt_isascii_digit(s[1]) &&
	    tt_isascii_digit(s[2]) && tt_isascii_digit(s[3]) && s[4] == '-' &&
	    tt_isascii_digit(s[5]) && tt_isascii_digit(s[6])))
		return NULL;
	n = 7;
	if (s[7] == '-' && tt_isascii_digit(s[8]) && tt_isascii_digit(s[9])) {
		n = 10;
		if ((s[10] == 'T' || s[10] == ' ') &&
		    tt_isascii_digit(s[11]) && tt_isascii_digit(s[12]) &&
		    s[13] == ':') {
			n = 11;
			while (tt_isascii_digit(s[n]) || s[n] == ':' ||
			    s[n] == '.' || s[n] == '+' || s[n] == 'Z' ||
			    (s[n] == '-' && n > 13))
				n++;
		}
	}
	{
		char *p = strndup(s, n);

		if (p != NULL && n > 10)
			p[10] = 'T';
		return p;
	}
}

/* Words in s[0..n). */
static int
words(const char *s, size_t n)
{
	size_t i;
	int w = 0, in = 0;

	for (i = 0; i < n; i++) {
		int sp = s[i] == ' ';

		w += !sp && !in;
		in = !sp;
	}
	return w;
}

/*
 * The title without the site's name: "Headline | Site" -> "Headline".
 * The part after the last separator goes when it is the site's name, or
 * when it is short (up to five words) and the headline before it is not.
 */
static char *
strip_site(char *t, const char *site)
{
	static const char *const seps[] = {
		" | ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ", " :: ",
		" \xc2\xb7 ", " \xe2\x80\xa2 ", " \xc2\xbb ", " / "
	};
	char *cut = NULL;
	size_t i, seplen = 0;

	if (t == NULL)
		return NULL;
	for (i = 0; i < TT_NELEM(seps); i++) {
		char *p = strstr(t, seps[i]), *last = NULL;

		while (p != NULL) {
			last = p;
			p = strstr(p + 1, seps[i]);
		}
		if (last != NULL && (cut == NULL || last > cut)) {
			cut = last;
			seplen = strlen(seps[i]);
		}
	}
	if (cut == NULL)
		return t;
	if ((site != NULL && strcasecmp(cut + seplen, site) == 0) ||
	    (words(cut + seplen, strlen(cut + seplen)) <= 5 &&
	    words(t, (size_t)(cut - t)) >= 2))
		*cut = '\0';
	return t;
}

static void
metadata(tt_extractor *x, tt_article *a)
{
	static const char *const k_title[] = {
		"og:title", "twitter:title", "dc.title", "headline"
	};
	static const char *const k_site[] = {
		"og:site_name", "application-name", "twitter:site"
	};
	static const char *const k_author[] = {
		"author", "article:author", "dc.creator", "byl",
		"parsely-author", "sailthru.author", "twitter:creator"
	};
	static const char *const k_date[] = {
		"article:published_time", "datepublished", "date",
		"dc.date", "dc.date.issued", "pubdate", "publishdate",
		"parsely-pub-date", "sailthru.date", "og:published_time",
		"article:modified_time", "time"
	};
	static const char *const k_lang[] = {
		"og:locale", "language", "content-language", "dc.language"
	};
	const hdoc *d = &x->d;
	const char *ld = html_meta(d, "ld");
	const char *v;

	a->site = tidy(first_meta(d, k_site, TT_NELEM(k_site)));
	if (a->site != NULL && a->site[0] == '@') {	/* a Twitter handle */
		free(a->site);
		a->site = NULL;
	}
	if (a->site == NULL && ld != NULL) {
		char *pub = ld_name(ld, "publisher");

		a->site = tidy(pub);
		free(pub);
	}
	v = first_meta(d, k_title, TT_NELEM(k_title));
	if (v != NULL)
		a->title = tidy(v);
	if (a->title == NULL && ld != NULL) {
		char *h = ld_string(ld, "headline", NULL);

		a->title = tidy(h);
		free(h);
	}
	if (a->title == NULL)
		a->title = tidy(d->title);
	a->title = strip_site(a->title, a->site);

	v = first_meta(d, k_author, TT_NELEM(k_author));
	if (v != NULL && strncmp(v, "http", 4) != 0 && v[0] != '@')
		a->byline = tidy(v);
	if (a->byline == NULL && ld != NULL) {
		char *n = ld_name(ld, "author");

		a->byline = tidy(n);
		free(n);
	}
	if (ld != NULL) {
		char *dp = ld_string(ld, "datePublished", NULL);

		a->date = iso_date(dp);
		free(dp);
	}
	if (a->date == NULL) {
		size_t i;

		for (i = 0; i < TT_NELEM(k_date) && a->date == NULL; i++)
			a->date = iso_date(html_meta(d, k_date[i]));
	}
	a->description = tidy(first_meta(d, k_desc, TT_NELEM(k_desc)));
	a->url = tidy(html_meta(d, "canonical"));
	if (a->url == NULL)
		a->url = tidy(html_meta(d, "og:url"));
	a->lang = tidy(d->lang);
	if (a->lang == NULL)
		a->lang = tidy(first_meta(d, k_lang, TT_NELEM(k_lang)));
	if (a->lang == NULL && ld != NULL) {
		char *l = ld_string(ld, "inLanguage", NULL);

		a->lang = tidy(l);
		free(l);
	}
}

#ifdef TT_EXTRACT_DEBUG
#include <stdio.h>
static void
debug_dump(tt_extractor *x, uint32_t top)
{
	hdoc *d = &x->d;
	size_t i;
#ifdef TT_EXTRACT_DEBUG_FULL
	int dbgmax = 100000;
#else
	int dbgmax = 70;
#endif

	if (x->nb == 0)
		return;
	fprintf(stderr, "top=%u tag=%d hint=%d score=%.0f chars=%u\n", top,
	    d->n[top].tag, d->n[top].hint, x->score[top], d->n[top].chars);
	{
		size_t bi = 0;
		uint32_t a;

		for (i = 0; i < x->nb; i++)
			if (x->b[i].value > x->b[bi].value)
				bi = i;
		for (a = x->b[bi].node; a != 0; a = d->n[a].parent)
			fprintf(stderr, "  anc n=%u tag=%d hint=%x negs=%d score=%.0f chars=%u\n",
			    a, d->n[a].tag, d->n[a].hint, d->n[a].negs, x->score[a], d->n[a].chars);
	}
	for (i = 0; i < x->nb; i++) {
		blk *b = &x->b[i];

		fprintf(stderr, "%c w%d n=%u k=%d c=%u l=%u p=%u s=%u v=%.0f inh=%x| %.*s\n",
		    b->keep ? '+' : '-', b->keep ? 0 : b->why, b->node, b->kind, b->chars, b->links,
		    b->punct, b->stops, b->value, d->n[b->node].inh,
		    (int)(b->end - b->start > (uint32_t)dbgmax ? (uint32_t)dbgmax : b->end - b->start),
		    x->flat.data + b->start);
	}
}
#endif

/* ------------------------------------------------------------ input */

/* Markup: a tag-like "<x", "</x" or "<!" early in the text. */
static int
looks_html(const char *s, size_t len)
{
	size_t i, n = len < 65536 ? len : 65536;

	for (i = 0; i + 1 < n; i++)
		if (s[i] == '<' && (tt_isascii_alpha((unsigned char)s[i + 1]) ||
		    s[i + 1] == '!' || (s[i + 1] == '/' && i + 2 < n &&
		    tt_isascii_alpha((unsigned char)s[i + 2]))))
			return 1;
	return 0;
}

/* Binary: NUL bytes or many control characters (after decoding). */
static int
looks_binary(const char *s, size_t len)
{
	size_t i, n = len < 65536 ? len : 65536, ctl = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0)
			return 1;
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
		    c != '\f' && c != 0x1b)
			ctl++;
	}
	return ctl * 100 > n;
}

static void
plain_text(const char *s, size_t len, tt_buf *out)
{
	tt_spans sp = { 0 };
	size_t i;

	tt_segment_paragraphs(s, len, &sp);
	for (i = 0; i < sp.n; i++) {
		if (i > 0)
			tt_buf_puts(out, "\n\n");
		tt_buf_append(out, s + sp.v[i].start,
		    sp.v[i].end - sp.v[i].start);
	}
	if (sp.n > 0)
		tt_buf_putc(out, '\n');
	tt_spans_free(&sp);
}

/*
 * The lede: a page's description is often its standfirst, printed above
 * the article in a box of its own that the container leaves out.  A block
 * before the first kept one that opens with the description (or that the
 * description opens with, when long enough) is kept too.
 */
#define LEDE_LOOK	2	/* blocks before the article looked at */
#define LEDE_CHARS	60	/* bytes compared */

static void
lede(tt_extractor *x)
{
	char *desc = tidy(first_meta(&x->d, k_desc, TT_NELEM(k_desc)));
	size_t first, i, dl, n;

	if (desc == NULL)
		return;
	dl = strlen(desc);
	for (first = 0; first < x->nb && !x->b[first].keep; first++)
		;
	for (i = first; i > 0 && first - i < LEDE_LOOK && dl >= LEDE_CHARS;
	    i--) {
		blk *b = &x->b[i - 1];
		const char *t = x->flat.data + b->start;

		n = b->end - b->start;
		if (b->card || b->links * 2 > b->chars || n < LEDE_CHARS)
			continue;
		if (memcmp(t, desc, LEDE_CHARS) == 0) {
			b->keep = 1;
			break;
		}
	}
	free(desc);
}

int
tt_extract(tt_extractor *x, const char *s, size_t len, tt_article *a,
    tt_err *e)
{
	tt_enc_guess g;
	const char *text;
	size_t tlen;
	uint32_t top;
	int rc;

	memset(a, 0, sizeof(*a));
	x->utf8.len = 0;
	if (x->o.encoding == NULL)
		tt_encoding_detect(s, len, TT_ENC_HTML, &g);
	if (x->o.encoding == NULL && g.bom_len == 0 &&
	    strcmp(g.name, "UTF-8") == 0 && g.utf8_valid) {
		/* Valid UTF-8 already: read in place.  (Detection takes
		 * mostly-UTF-8 for UTF-8 too: that is repaired below.) */
		text = s;
		tlen = len;
	} else {
		rc = tt_encoding_to_utf8(s, len, TT_ENC_HTML, x->o.encoding,
		    &x->utf8, &g, e);
		if (rc < 0)
			return rc;
		a->replaced = (size_t)rc;
		text = x->utf8.data != NULL ? x->utf8.data : "";
		tlen = x->utf8.len;
	}
	snprintf(a->encoding, sizeof(a->encoding), "%s", g.name);
	if (looks_binary(text, tlen))
		return tt_seterr(e, TT_EPARSE, "binary input, not a page");
	if (!looks_html(text, tlen)) {
		plain_text(text, tlen, &a->text);
		return 0;
	}
	a->html = 1;
	html_free(&x->d);
	rc = html_parse(text, tlen, &x->d, e);
	if (rc < 0)
		return rc;

	x->nb = 0;
	x->flat.len = 0;
	x->owner = 0;
	open_block(x);
	x->space = x->pre = x->in_a = x->quote = 0;
	walk(x, 0);
	flush(x);
	count_chars(x);
	mark_cards(x);
	{
		size_t i;

		for (i = 0; i < x->nb; i++)
			x->b[i].value = block_value(&x->b[i]);
	}
	top = choose(x);
	select_blocks(x, top);
	lede(x);
#ifdef TT_EXTRACT_DEBUG
	debug_dump(x, top);
#endif
	write_blocks(x, &a->text);
	metadata(x, a);
	if (x->oom)
		return tt_seterr(e, TT_ENOMEM, "out of memory");
	return 0;
}

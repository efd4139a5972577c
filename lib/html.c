/*
 * html.c: UTF-8 HTML to a compact DOM with libxml2's recovering SAX parser.
 *
 * libxml2 tokenizes and balances the tags (implied end tags, unclosed
 * elements); the callbacks here keep only what extraction needs: elements
 * by tag number with their class/id hints and hrefs, text nodes as spans of
 * one buffer, and the page's metadata (<title>, <meta>, canonical link,
 * JSON-LD, lang).  Scripts, styles, templates and hidden elements never
 * enter the tree.  Nesting deeper than MAXDEPTH is flattened into the
 * deepest element, so every walk of the tree is bounded.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "html.h"

#define MAXDEPTH	300
/* Elements beyond this many are flattened too: their text goes to the
 * element that holds them, so memory stays near 100 MB on any page. */
#define MAXNODES	(1u << 21)

static const struct tagname {
	const char	*name;
	int		 tag;
} tagnames[] = {	/* strcmp order */
	{ "a", H_A }, { "abbr", H_ABBR }, { "address", H_ADDRESS },
	{ "area", H_AREA }, { "article", H_ARTICLE }, { "aside", H_ASIDE },
	{ "audio", H_AUDIO }, { "b", H_B }, { "base", H_BASE },
	{ "bdi", H_BDI }, { "bdo", H_BDO }, { "big", H_BIG },
	{ "blockquote", H_BLOCKQUOTE }, { "body", H_BODY }, { "br", H_BR },
	{ "button", H_BUTTON }, { "canvas", H_CANVAS },
	{ "caption", H_CAPTION }, { "center", H_CENTER }, { "cite", H_CITE },
	{ "code", H_CODE }, { "data", H_DATA }, { "dd", H_DD },
	{ "del", H_DEL }, { "details", H_DETAILS }, { "dfn", H_DFN },
	{ "dialog", H_DIALOG }, { "dir", H_DIR }, { "div", H_DIV },
	{ "dl", H_DL }, { "dt", H_DT }, { "em", H_EM }, { "embed", H_EMBED },
	{ "fieldset", H_FIELDSET }, { "figcaption", H_FIGCAPTION },
	{ "figure", H_FIGURE }, { "font", H_FONT }, { "footer", H_FOOTER },
	{ "form", H_FORM }, { "frame", H_FRAME }, { "frameset", H_FRAMESET },
	{ "h1", H_H1 }, { "h2", H_H2 }, { "h3", H_H3 }, { "h4", H_H4 },
	{ "h5", H_H5 }, { "h6", H_H6 }, { "head", H_HEAD },
	{ "header", H_HEADER }, { "hgroup", H_HGROUP }, { "hr", H_HR },
	{ "html", H_HTML }, { "i", H_I }, { "iframe", H_IFRAME },
	{ "img", H_IMG }, { "input", H_INPUT }, { "ins", H_INS },
	{ "kbd", H_KBD }, { "label", H_LABEL }, { "legend", H_LEGEND },
	{ "li", H_LI }, { "link", H_LINK }, { "main", H_MAIN },
	{ "map", H_MAP }, { "mark", H_MARK }, { "math", H_MATH },
	{ "menu", H_MENU }, { "meta", H_META }, { "nav", H_NAV },
	{ "nobr", H_NOBR }, { "noframes", H_NOFRAMES },
	{ "noscript", H_NOSCRIPT }, { "object", H_OBJECT }, { "ol", H_OL },
	{ "option", H_OPTION }, { "p", H_P }, { "param", H_PARAM },
	{ "picture", H_PICTURE }, { "pre", H_PRE }, { "q", H_Q },
	{ "rb", H_RB }, { "rp", H_RP }, { "rt", H_RT }, { "rtc", H_RTC },
	{ "ruby", H_RUBY },
	{ "s", H_S }, { "samp", H_SAMP }, { "script", H_SCRIPT },
	{ "section", H_SECTION }, { "select", H_SELECT },
	{ "small", H_SMALL }, { "source", H_SOURCE }, { "span", H_SPAN },
	{ "strike", H_STRIKE }, { "strong", H_STRONG }, { "style", H_STYLE },
	{ "sub", H_SUB }, { "summary", H_SUMMARY }, { "sup", H_SUP },
	{ "svg", H_SVG }, { "table", H_TABLE }, { "tbody", H_TBODY },
	{ "td", H_TD }, { "template", H_TEMPLATE },
	{ "textarea", H_TEXTAREA }, { "tfoot", H_TFOOT }, { "th", H_TH },
	{ "thead", H_THEAD }, { "time", H_TIME }, { "title", H_TITLE },
	{ "tr", H_TR }, { "track", H_TRACK }, { "tt", H_TT }, { "u", H_U },
	{ "ul", H_UL }, { "var", H_VAR }, { "video", H_VIDEO },
	{ "wbr", H_WBR }
};

/* Words in class/id/role/itemprop, as substrings of the lowercased value.
 * Negative words win over positive ones ("article-footer"). */
static const char *const neg_words[] = {
	"comment", "sidebar", "footer", "related", "share", "sharing",
	"social", "promo", "newsletter", "subscribe", "signup", "sign-up",
	"advert", "sponsor", "widget", "popup", "modal", "cookie", "consent",
	"gdpr", "banner", "outbrain", "taboola", "recommend", "trending",
	"popular", "most-read", "mostread", "masthead", "disqus",
	"login", "toolbar", "skip-link", "skiplink", "print-only",
	"read-more", "readmore", "more-stories", "further", "rating",
	"breadcrumb", "pagination", "pager", "menu", "navbar", "-nav",
	"nav-", "navigation", "tagcloud", "tag-list", "taglist", "topics",
	"carousel", "slider", "jump", "sr-only",
	"screen-reader", "visually-hidden"
};
static const char *const pos_words[] = {
	"article", "content", "entry", "post", "story", "body", "text",
	"main", "blog", "page"
};
static const char *const body_words[] = {
	"articlebody", "article-body", "article__body", "article_body",
	"entry-content", "post-content", "post-body", "story-body",
	"storybody", "article-content", "article__content", "articletext",
	"article-text", "body-text", "bodytext", "post-entry",
	"story-content", "main-content", "content-body", "text-body"
};
static const char *const caption_words[] = {
	"caption", "credit", "copyright", "photo-", "image-", "img-"
};
static const char *const meta_words[] = {
	"byline", "author", "dateline", "timestamp", "published", "updated",
	"date", "meta", "tags", "keywords", "category", "kicker"
};
static const char *const comment_words[] = {
	"comment", "kommentar", "disqus", "respond", "replies", "reply",
	"forum"
};
/* Posts the article quotes: kept whatever else the class says. */
static const char *const embed_words[] = {
	"embed", "tweet", "instagram-media", "tiktok"
};
/* Parts of a text that pages set apart from its paragraphs: a recipe's
 * ingredients (schema.org's recipeIngredient, "ingredients", "zutaten"). */
static const char *const part_words[] = {
	"ingredient", "zutat"
};
static const char *const nav_words[] = {
	"nav", "menu", "breadcrumb", "pagination", "pager"
};

struct parse {
	hdoc		*d;
	uint32_t	 cur;		/* the open element */
	int		 depth;
	int		 over;		/* elements above MAXDEPTH, flattened */
	int		 skip;		/* > 0 inside a subtree that is not text */
	int		 capture;	/* 1: <title>, 2: JSON-LD script */
	tt_buf		 cap;
	/* Pages repeat their class strings: the hints of the last ones. */
	struct {
		char	 s[96];
		uint8_t	 hint;
	}		 seen[256];
};

static int	classify(const char *);

/* classify(), remembered for the strings that fit the cache. */
static int
classify_cached(struct parse *p, const char *s)
{
	size_t n = strlen(s);
	int slot = (int)(tt_hash32(s, n) & 255);

	if (n >= sizeof(p->seen[0].s))
		return classify(s);
	if (strcmp(p->seen[slot].s, s) != 0) {
		memcpy(p->seen[slot].s, s, n + 1);
		p->seen[slot].hint = (uint8_t)classify(s);
	}
	return p->seen[slot].hint;
}

static int
tag_of(const char *name)
{
	size_t lo = 0, hi = TT_NELEM(tagnames);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, tagnames[mid].name);

		if (c == 0)
			return tagnames[mid].tag;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return H_OTHER;
}

/*
 * The word lists above as one table by first byte, built once, so that
 * classify() reads its string once instead of once a word: all words that
 * start at each position are compared there.
 */
enum { W_BODY = 1, W_NEG = 2, W_POS = 4, W_CAPTION = 8, W_META = 16,
	W_NAV = 32, W_COMMENT = 64, W_PART = 128, W_EMBED = 256 };

static struct {
	const char	*w;
	uint8_t		 len;
	uint16_t	 cat;		/* W_* of the lists it is in */
	int16_t		 next;		/* same first byte; -1 */
} words_tab[160];
static int16_t		 words_first[256];
static pthread_once_t	 words_once = PTHREAD_ONCE_INIT;

static void
words_add(const char *const *w, size_t n, unsigned cat)
{
	static size_t used;
	size_t i, j;

	for (i = 0; i < n; i++) {
		/* a word in two lists ("comment") is one entry */
		for (j = 0; j < used; j++)
			if (strcmp(words_tab[j].w, w[i]) == 0)
				break;
		if (j == used) {
			if (used == TT_NELEM(words_tab))
				abort();	/* the table is too small */
			words_tab[j].w = w[i];
			words_tab[j].len = (uint8_t)strlen(w[i]);
			words_tab[j].next = words_first[(unsigned char)w[i][0]];
			words_first[(unsigned char)w[i][0]] = (int16_t)j;
			used++;
		}
		words_tab[j].cat |= (uint16_t)cat;
	}
}

static void
words_fill(void)
{
	memset(words_first, -1, sizeof(words_first));
	words_add(body_words, TT_NELEM(body_words), W_BODY);
	words_add(neg_words, TT_NELEM(neg_words), W_NEG);
	words_add(pos_words, TT_NELEM(pos_words), W_POS);
	words_add(caption_words, TT_NELEM(caption_words), W_CAPTION);
	words_add(meta_words, TT_NELEM(meta_words), W_META);
	words_add(nav_words, TT_NELEM(nav_words), W_NAV);
	words_add(comment_words, TT_NELEM(comment_words), W_COMMENT);
	words_add(part_words, TT_NELEM(part_words), W_PART);
	words_add(embed_words, TT_NELEM(embed_words), W_EMBED);
}

/* HINT_* of a lowercased "class id role itemprop" string. */
static int
classify(const char *s)
{
	size_t n = strlen(s), i;
	unsigned found = 0;
	int h = 0, k;

	if (n == 0)
		return 0;
	pthread_once(&words_once, words_fill);
	for (i = 0; i < n; i++)
		for (k = words_first[(unsigned char)s[i]]; k >= 0;
		    k = words_tab[k].next)
			if (words_tab[k].len <= n - i && memcmp(s + i,
			    words_tab[k].w, words_tab[k].len) == 0)
				found |= words_tab[k].cat;
	if (found & W_BODY)
		h |= HINT_BODY | HINT_POS;
	if (found & W_NEG)
		h |= HINT_NEG;
	else if (found & W_POS)
		h |= HINT_POS;
	if (found & W_CAPTION)
		h |= HINT_CAPTION;
	if (found & W_META)
		h |= HINT_META;
	if (found & W_NAV)
		h |= HINT_NAV;
	if (found & W_COMMENT)
		h |= HINT_COMMENT | HINT_NEG;
	if ((found & W_PART) && !(h & HINT_NEG))
		h |= HINT_PART;
	if ((h & HINT_BODY) || ((h & HINT_NEG) && !(h & HINT_COMMENT) &&
	    (found & W_EMBED)))
		h &= ~(HINT_NEG | HINT_META | HINT_NAV | HINT_CAPTION |
		    HINT_COMMENT);
	return h;
}

static int
ieq(const xmlChar *a, const char *b)
{
	return a != NULL && strcasecmp((const char *)a, b) == 0;
}

/* The first w in s[0..n), ASCII case ignored if ci, or NULL. */
static const char *
find(const char *s, size_t n, const char *w, int ci)
{
	size_t k = strlen(w), i;

	for (i = 0; i + k <= n; i++) {
		const char *p = s + i;

		/* straight to the first byte when it has no case */
		if (!ci || !tt_isascii_alpha((unsigned char)w[0])) {
			if ((p = memchr(p, w[0], n - k + 1 - i)) == NULL)
				return NULL;
			i = (size_t)(p - s);
		}
		if ((ci ? strncasecmp(p, w, k) : memcmp(p, w, k)) == 0)
			return p;
	}
	return NULL;
}

static int
icontains(const xmlChar *hay, const char *needle)
{
	const char *s = (const char *)hay;

	return s != NULL && find(s, strlen(s), needle, 1) != NULL;
}

/*
 * class="hidden" (or Bootstrap's "d-none"): the utility class that CSS
 * frameworks define as display:none, as a whole word.  Not when another
 * class shows the element again at some screen size ("hidden md:block",
 * "d-none d-lg-block").
 */
static int
class_hidden(const xmlChar *cls)
{
	const char *s = (const char *)cls, *w;
	int hide = 0;
	size_t n;

	if (s == NULL)
		return 0;
	while (*s != '\0') {
		while (tt_isascii_space((unsigned char)*s))
			s++;
		for (w = s; *s != '\0' && !tt_isascii_space((unsigned char)*s);
		    s++)
			;
		n = (size_t)(s - w);
		if (n == 0)
			break;
		if ((n == 6 && strncmp(w, "hidden", 6) == 0) ||
		    (n == 6 && strncmp(w, "d-none", 6) == 0))
			hide = 1;
		else if (memchr(w, ':', n) != NULL ||
		    (n > 2 && strncmp(w, "d-", 2) == 0))
			return 0;
	}
	return hide;
}

/* style="display:none" or "visibility:hidden", spaces allowed. */
static int
style_hidden(const xmlChar *style)
{
	char tight[256];
	size_t n = 0;
	const char *s;

	if (style == NULL)
		return 0;
	for (s = (const char *)style; *s != '\0' && n + 1 < sizeof(tight); s++)
		if (!tt_isascii_space((unsigned char)*s))
			tight[n++] = (char)tt_ascii_lower((unsigned char)*s);
	tight[n] = '\0';
	return strstr(tight, "display:none") != NULL ||
	    strstr(tight, "visibility:hidden") != NULL;
}

static void
add_meta(hdoc *d, const char *key, const char *val, size_t vlen)
{
	hmeta *m;
	char *k, *v;
	size_t i;

	if (d->nmeta == d->metacap) {
		size_t cap = d->metacap ? d->metacap * 2 : 16;

		if (cap > 4096)
			return;		/* enough: keep the first */
		m = realloc(d->meta, cap * sizeof(*m));
		if (m == NULL) {
			d->oom = 1;
			return;
		}
		d->meta = m;
		d->metacap = cap;
	}
	k = strdup(key);
	v = strndup(val, vlen);
	if (k == NULL || v == NULL) {
		free(k);
		free(v);
		d->oom = 1;
		return;
	}
	for (i = 0; k[i] != '\0'; i++)
		k[i] = (char)tt_ascii_lower((unsigned char)k[i]);
	d->meta[d->nmeta].key = k;
	d->meta[d->nmeta].val = v;
	d->nmeta++;
}

const char *
html_meta(const hdoc *d, const char *key)
{
	size_t i;

	for (i = 0; i < d->nmeta; i++)
		if (strcmp(d->meta[i].key, key) == 0 && d->meta[i].val[0] != '\0')
			return d->meta[i].val;
	return NULL;
}

static uint32_t
new_node(struct parse *p, int tag)
{
	hdoc *d = p->d;
	hnode *n;
	uint32_t id;

	if (d->nn == d->ncap) {
		size_t cap = d->ncap * 2;

		if (cap >= UINT32_MAX / 2) {
			d->oom = 1;
			return 0;
		}
		n = realloc(d->n, cap * sizeof(*n));
		if (n == NULL) {
			d->oom = 1;
			return 0;
		}
		d->n = n;
		d->ncap = cap;
	}
	id = (uint32_t)d->nn++;
	n = &d->n[id];
	memset(n, 0, sizeof(*n));
	n->tag = (uint16_t)tag;
	n->parent = p->cur;
	n->end = id;
	n->inh = d->n[p->cur].inh;
	n->negs = d->n[p->cur].negs;
	if (d->n[p->cur].last != 0)
		d->n[d->n[p->cur].last].next = id;
	else
		d->n[p->cur].first = id;
	d->n[p->cur].last = id;
	return id;
}

/* Elements whose content is never text.  <noscript> is: libxml2 parses
 * its content as markup, and a page that leaves a <div> open inside it
 * would otherwise lose everything after.  <head> holds no text of its
 * own, but its <title> and <meta> are wanted. */
static int
not_text(int tag)
{
	return tag >= H_AREA && tag < H_NTAGS && tag != H_NOSCRIPT &&
	    tag != H_HEAD;
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct parse *p = ctx;
	hdoc *d = p->d;
	const xmlChar *cls = NULL, *id = NULL, *role = NULL, *prop = NULL;
	const xmlChar *href = NULL, *content = NULL, *mname = NULL;
	const xmlChar *rel = NULL, *type = NULL, *lang = NULL, *dt = NULL;
	int tag, hidden = 0;
	uint32_t nid;
	size_t i;

	if (p->skip > 0) {
		p->skip++;
		return;
	}
	tag = tag_of((const char *)name);
	for (i = 0; atts != NULL && atts[i] != NULL; i += 2) {
		const char *a = (const char *)atts[i];
		const xmlChar *v = atts[i + 1];

		if (strcmp(a, "class") == 0)
			cls = v;
		else if (strcmp(a, "id") == 0)
			id = v;
		else if (strcmp(a, "role") == 0)
			role = v;
		else if (strcmp(a, "itemprop") == 0)
			prop = v;
		else if (strcmp(a, "href") == 0)
			href = v;
		else if (strcmp(a, "content") == 0)
			content = v;
		else if (strcmp(a, "name") == 0 || strcmp(a, "property") == 0)
			mname = v;
		else if (strcmp(a, "rel") == 0)
			rel = v;
		else if (strcmp(a, "type") == 0)
			type = v;
		else if (strcmp(a, "lang") == 0)
			lang = v;
		else if (strcmp(a, "datetime") == 0)
			dt = v;
		else if (strcmp(a, "hidden") == 0)
			hidden = 1;
		else if (strcmp(a, "aria-hidden") == 0 && ieq(v, "true"))
			hidden = 1;
		else if (strcmp(a, "style") == 0 && style_hidden(v))
			hidden = 1;
	}
	if (class_hidden(cls))
		hidden = 1;

	/* Metadata, wherever it is. */
	if (tag == H_META && content != NULL) {
		if (mname == NULL)
			mname = prop;
		if (mname != NULL)
			add_meta(d, (const char *)mname, (const char *)content,
			    strlen((const char *)content));
	} else if (tag == H_LINK && href != NULL && icontains(rel, "canonical"))
		add_meta(d, "canonical", (const char *)href,
		    strlen((const char *)href));
	else if (tag == H_HTML && lang != NULL && d->lang == NULL)
		d->lang = strdup((const char *)lang);
	else if (tag == H_TIME && dt != NULL)
		add_meta(d, "time", (const char *)dt, strlen((const char *)dt));
	if (prop != NULL && content != NULL && tag != H_META)
		add_meta(d, (const char *)prop, (const char *)content,
		    strlen((const char *)content));

	if (not_text(tag) || hidden) {
		p->skip = 1;
		p->capture = 0;
		if (tag == H_TITLE && d->title == NULL)
			p->capture = 1;
		else if (tag == H_SCRIPT && icontains(type, "ld+json"))
			p->capture = 2;
		p->cap.len = 0;
		return;
	}
	if (p->depth >= MAXDEPTH || d->nn >= MAXNODES) {
		p->over++;
		return;
	}
	p->depth++;
	nid = new_node(p, tag);
	if (nid == 0)
		return;
	/* The classes of <html> and <body> describe the whole page
	 * ("single-post has-sidebar"), not a part of it. */
	if ((cls != NULL || id != NULL || role != NULL || prop != NULL) &&
	    tag != H_HTML && tag != H_BODY) {
		char buf[512];
		size_t n = 0;
		const xmlChar *parts[4];
		int k;

		parts[0] = cls, parts[1] = id, parts[2] = role, parts[3] = prop;
		for (k = 0; k < 4; k++) {
			const char *s = (const char *)parts[k];

			if (s == NULL)
				continue;
			while (*s != '\0' && n + 2 < sizeof(buf))
				buf[n++] = (char)tt_ascii_lower(
				    (unsigned char)*s++);
			if (n + 1 < sizeof(buf))
				buf[n++] = ' ';
		}
		buf[n] = '\0';	/* n < sizeof(buf): the loops leave room */
		d->n[nid].hint = (uint8_t)classify_cached(p, buf);
		d->n[nid].inh |= d->n[nid].hint;
		d->n[nid].negs += !!(d->n[nid].hint & HINT_COMMENT);
	}
	if (tag == H_A && href != NULL) {
		size_t off = d->attr.len;

		if (tt_buf_append(&d->attr, href,
		    strlen((const char *)href) + 1) != 0)
			d->oom = 1;
		else
			d->n[nid].href = (uint32_t)off + 1;
	}
	p->cur = nid;
}

static void
on_end(void *ctx, const xmlChar *name)
{
	struct parse *p = ctx;
	hdoc *d = p->d;

	if (p->skip > 0) {
		if (--p->skip == 0 && p->cap.len > 0) {
			if (p->capture == 1)
				d->title = strndup(p->cap.data, p->cap.len);
			else if (p->capture == 2)
				add_meta(d, "ld", p->cap.data, p->cap.len);
			p->cap.len = 0;
		}
		if (p->skip == 0)
			p->capture = 0;
		return;
	}
	if (p->over > 0) {
		p->over--;
		return;
	}
	if (p->cur != 0) {
		d->n[p->cur].end = (uint32_t)d->nn - 1;
		p->cur = d->n[p->cur].parent;
		p->depth--;
	}
}

static void
on_text(void *ctx, const xmlChar *ch, int len)
{
	struct parse *p = ctx;
	hdoc *d = p->d;
	hnode *last;
	uint32_t nid;

	if (len <= 0)
		return;
	if (p->skip > 0) {
		if (p->capture != 0 && p->cap.len < (1u << 20))
			tt_buf_append(&p->cap, ch, (size_t)len);
		return;
	}
	if (d->text.len + (size_t)len >= UINT32_MAX) {
		d->oom = 1;
		return;
	}
	last = d->n[p->cur].last ? &d->n[d->n[p->cur].last] : NULL;
	if (last != NULL && last->tag == H_TEXT &&
	    last->text + last->len == d->text.len) {
		if (tt_buf_append(&d->text, ch, (size_t)len) != 0)
			d->oom = 1;
		else
			last->len += (uint32_t)len;
		return;
	}
	nid = new_node(p, H_TEXT);
	if (nid == 0)
		return;
	d->n[nid].text = (uint32_t)d->text.len;
	d->n[nid].len = (uint32_t)len;
	if (tt_buf_append(&d->text, ch, (size_t)len) != 0)
		d->oom = 1;
}

/* libxml2 hands script and style content over as CDATA. */
static void
on_cdata(void *ctx, const xmlChar *ch, int len)
{
	struct parse *p = ctx;

	if (p->skip > 0)
		on_text(ctx, ch, len);
}

static void
quiet(void *ctx, const char *msg, ...)
{
}

#ifndef HTML_STRIP_MIN
#define HTML_STRIP_MIN	4096	/* bytes of script and style worth a copy */
#endif

static int
name_char(int c)
{
	return tt_isascii_alpha(c) || tt_isascii_digit(c) || c == ':' ||
	    c == '-' || c == '_' || c == '.';
}

/*
 * s without the bodies of its <script> and <style> elements (JSON-LD
 * kept), into out; 0 if there was nothing worth taking out.  libxml2
 * reads those bodies a character at a time for html.c to throw away, and
 * they are half the bytes of a news page.  The scan skips comments and
 * quoted attribute values as the parser does, and stops taking anything
 * out where it is not sure what the parser would see (an unclosed quote
 * or comment, a body with no end tag): a body ends, as in libxml2, at
 * the first "</script" or "</style", case ignored.
 */
static int
strip_raw(const char *s, size_t len, tt_buf *out)
{
	size_t i = 0, last = 0, cut = 0;
	const char *p;

	while (i < len && (p = memchr(s + i, '<', len - i)) != NULL) {
		size_t n, j;
		int script, style, q = 0;

		i = (size_t)(p - s);
		if (len - i >= 4 && memcmp(p, "<!--", 4) == 0) {
			const char *end = find(p + 4, len - i - 4, "-->", 0);

			if (end == NULL)
				break;
			i = (size_t)(end - s) + 3;
			continue;
		}
		if (i + 1 >= len || !tt_isascii_alpha((unsigned char)p[1])) {
			i++;
			continue;
		}
		for (n = i + 1; n < len && name_char((unsigned char)s[n]); n++)
			;
		script = n - i - 1 == 6 && strncasecmp(p + 1, "script", 6) == 0;
		style = n - i - 1 == 5 && strncasecmp(p + 1, "style", 5) == 0;
		for (j = n; j < len; j++) {
			int c = (unsigned char)s[j];

			if (q != 0) {
				if (c == q)
					q = 0;
			} else if (c == '"' || c == '\'')
				q = c;
			else if (c == '>')
				break;
		}
		if (j >= len)
			break;
		if ((script || style) && !(script &&
		    find(s + n, j - n, "ld+json", 1) != NULL)) {
			const char *end = find(s + j + 1, len - j - 1,
			    script ? "</script" : "</style", 1);

			if (end == NULL)
				break;
			if (tt_buf_append(out, s + last, j + 1 - last) != TT_OK)
				return TT_ENOMEM;
			last = (size_t)(end - s);
			cut += last - j - 1;
			i = last;
			continue;
		}
		i = j + 1;
	}
	if (cut < HTML_STRIP_MIN) {	/* not worth a copy */
		out->len = 0;
		return 0;
	}
	if (tt_buf_append(out, s + last, len - last) != TT_OK)
		return TT_ENOMEM;
	return 1;
}

int
html_parse(const char *s, size_t len, hdoc *d, tt_err *e)
{
	htmlSAXHandler sax;
	htmlParserCtxtPtr ctxt;
	struct parse p;
	tt_buf raw = { 0 };
	size_t i;
	int r;

	memset(d, 0, sizeof(*d));
	if (len > INT32_MAX)
		return tt_seterr(e, TT_ELIMIT, "page too large to parse");
	d->ncap = 1024;
	d->n = malloc(d->ncap * sizeof(*d->n));
	if (d->n == NULL)
		return tt_seterr(e, TT_ENOMEM, "out of memory");
	memset(&d->n[0], 0, sizeof(d->n[0]));
	d->nn = 1;

	memset(&p, 0, sizeof(p));
	p.d = d;
	memset(&sax, 0, sizeof(sax));
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.cdataBlock = on_cdata;
	sax.warning = quiet;
	sax.error = quiet;
	sax.fatalError = quiet;

	xmlInitParser();
	if ((r = strip_raw(s, len, &raw)) > 0) {
		s = raw.data;
		len = raw.len;
	}
	/* the parser reads from a copy of its own */
	ctxt = r < 0 ? NULL : htmlCreateMemoryParserCtxt(len > 0 ? s : "",
	    (int)len);
	tt_buf_free(&raw);
	if (ctxt == NULL) {
		html_free(d);
		return tt_seterr(e, TT_ENOMEM, "out of memory");
	}
	memcpy(ctxt->sax, &sax, sizeof(sax));
	ctxt->userData = &p;
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NODEFDTD |
	    HTML_PARSE_IGNORE_ENC);
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	htmlParseDocument(ctxt);
	htmlFreeParserCtxt(ctxt);
	tt_buf_free(&p.cap);

	/* Close what the parser left open. */
	while (p.cur != 0) {
		d->n[p.cur].end = (uint32_t)d->nn - 1;
		p.cur = d->n[p.cur].parent;
	}
	d->n[0].end = (uint32_t)d->nn - 1;
	for (i = 0; i < d->nn; i++)	/* a flattened element's end */
		if (d->n[i].end < i)
			d->n[i].end = (uint32_t)i;
	if (d->oom) {
		html_free(d);
		return tt_seterr(e, TT_ENOMEM, "out of memory");
	}
	return 0;
}

void
html_free(hdoc *d)
{
	size_t i;

	if (d == NULL)
		return;
	free(d->n);
	tt_buf_free(&d->text);
	tt_buf_free(&d->attr);
	for (i = 0; i < d->nmeta; i++) {
		free(d->meta[i].key);
		free(d->meta[i].val);
	}
	free(d->meta);
	free(d->title);
	free(d->lang);
	memset(d, 0, sizeof(*d));
}

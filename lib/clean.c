/*
 * clean.c: tt-clean's streaming engine.  Bytes go in by tt_clean_feed();
 * the encoding step decides the encoding from the first 64 KiB and
 * converts; the UTF-8 that results is cut into lines, and each line goes
 * through the line steps (mojibake, unicode, whitespace), then boilerplate
 * and dedupe decide whether it stays.  Memory is bounded: lines of at most
 * maxline bytes (a longer line is passed through in pieces, untouched by
 * the steps that need whole lines.  With the boilerplate step the lines of
 * a document are held until it ends (a form feed line, the end of the
 * input, or TT_CLEAN_DOC_LINES / TT_CLEAN_DOC_BYTES held) and judged
 * together.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tt_int.h"
#include "clean_int.h"

#define SNIFF		65536	/* bytes seen before the encoding is decided */

static const struct {
	const char	*name;
	unsigned	 bit;
} step_names[] = {
	{ "encoding", TT_STEP_ENCODING },
	{ "mojibake", TT_STEP_MOJIBAKE },
	{ "unicode", TT_STEP_UNICODE },
	{ "whitespace", TT_STEP_WHITESPACE },
	{ "boilerplate", TT_STEP_BOILERPLATE },
	{ "dedupe", TT_STEP_DEDUPE },
};

int
tt_clean_steps(const char *list, unsigned *mask, tt_err *e)
{
	const char *p = list, *end;
	size_t n, i;

	*mask = 0;
	while (*p != '\0') {
		end = strchr(p, ',');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		for (i = 0; i < TT_NELEM(step_names); i++)
			if (strlen(step_names[i].name) == n &&
			    memcmp(step_names[i].name, p, n) == 0)
				break;
		if (i == TT_NELEM(step_names))
			return tt_seterr(e, TT_EINVAL, "unknown step '%.*s' "
			    "(steps: encoding, mojibake, unicode, whitespace, "
			    "boilerplate, dedupe)", (int)n, p);
		*mask |= step_names[i].bit;
		p += n;
		if (*p == ',')
			p++;
	}
	return TT_OK;
}

struct tt_clean {
	tt_clean_opts	 o;
	unsigned	 steps;
	/* encoding */
	tt_buf		 sniff;
	int		 decided;
	tt_conv		*conv;
	char		 encname[32];
	tt_buf		 utf8;		/* converted, not yet cut into lines */
	/* lines */
	tt_buf		 cur;		/* the line being assembled */
	size_t		 lineno;
	int		 midline;	/* cur continues a line given in pieces */
	int		 started_bytes;	/* the document's first bytes are in */
	int		 cr;		/* the last byte seen was a lone CR */
	tt_buf		 tmp, tmp2;
	/* lines held: a ring of wcap */
	struct tt_cline	*win;
	struct tt_cline	**doc;		/* the held lines in order, to judge */
	size_t		 wcap, head, count, docbytes;
	/* steps with state */
	tt_boiler	*boiler;
	tt_dedupe	*dedupe;
	/* output */
	int		 blank_pending;
	int		 started;
	tt_explain_cb	*explain;
	void		*explain_arg;
	size_t		 replaced;
};

tt_clean *
tt_clean_new(const tt_clean_opts *o, tt_err *e)
{
	tt_clean *c;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		tt_seterr(e, TT_ENOMEM, "out of memory");
		return NULL;
	}
	c->o = *o;
	c->steps = o->steps != 0 ? o->steps : TT_STEP_ALL;
	if (c->o.maxline < 1024)
		c->o.maxline = 1u << 20;
	if ((c->steps & TT_STEP_BOILERPLATE) &&
	    (c->boiler = tt_boiler_new(o->rules, o->rules_len, e)) == NULL) {
		free(c);
		return NULL;
	}
	if ((c->steps & TT_STEP_DEDUPE) && (c->dedupe = tt_dedupe_new()) == NULL) {
		tt_boiler_free(c->boiler);
		free(c);
		tt_seterr(e, TT_ENOMEM, "out of memory");
		return NULL;
	}
	return c;
}

void
tt_clean_explain(tt_clean *c, tt_explain_cb *cb, void *arg)
{
	c->explain = cb;
	c->explain_arg = arg;
}

const char *
tt_clean_encoding(const tt_clean *c)
{
	return c->decided ? c->encname : NULL;
}

size_t
tt_clean_replaced(const tt_clean *c)
{
	return c->replaced;
}

void
tt_clean_free(tt_clean *c)
{
	size_t i;

	if (c == NULL)
		return;
	tt_buf_free(&c->sniff);
	tt_conv_free(c->conv);
	tt_buf_free(&c->utf8);
	tt_buf_free(&c->cur);
	tt_buf_free(&c->tmp);
	tt_buf_free(&c->tmp2);
	for (i = 0; i < c->wcap; i++)
		tt_buf_free(&c->win[i].text);
	free(c->win);
	free(c->doc);
	tt_boiler_free(c->boiler);
	tt_dedupe_free(c->dedupe);
	free(c);
}

void
tt_clean_note(tt_clean *c, size_t lineno, const char *step, const char *rule,
    const char *before, size_t blen, const char *after, size_t alen)
{
	if (c->explain != NULL)
		c->explain(c->explain_arg, lineno, step, rule, before, blen,
		    after, alen);
}

int
tt_clean_explaining(const tt_clean *c)
{
	return c->explain != NULL;
}

size_t
tt_clean_lineno(const tt_clean *c)
{
	return c->lineno;
}

/* ------------------------------------------------------------ output */

static int emit(tt_clean *, struct tt_cline *, tt_buf *);
static int flush(tt_clean *, tt_buf *);
static int room(tt_clean *, tt_buf *);

/* Decide the oldest line held and write it. */
static int
settle(tt_clean *c, tt_buf *out)
{
	struct tt_cline *l = &c->win[c->head];
	int r;

	if (l->drop && l->why != NULL)
		tt_clean_note(c, l->lineno, "boilerplate", l->why,
		    l->text.data, l->text.len, NULL, 0);
	if (!l->piece && !l->blank && c->dedupe != NULL && !l->drop)
		tt_dedupe_judge(c->dedupe, c, l);
	c->head = (c->head + 1) % c->wcap;
	c->count--;
	c->docbytes -= l->text.len < c->docbytes ? l->text.len : c->docbytes;
	r = l->drop ? TT_OK : emit(c, l, out);
	/* A long line's buffer is not kept for the next line: the ring may
	 * hold thousands. */
	if (l->text.cap > 4096)
		tt_buf_free(&l->text);
	return r;
}

/* Write a line that stays. */
static int
emit(tt_clean *c, struct tt_cline *l, tt_buf *out)
{
	int squeeze = c->steps & TT_STEP_WHITESPACE;

	if (l->sep) {
		/* The next document starts afresh. */
		c->blank_pending = c->started = 0;
		if (c->dedupe != NULL)
			tt_dedupe_reset(c->dedupe);
		return tt_buf_append(out, "\f\n", 2) == TT_OK ? TT_OK :
		    TT_ENOMEM;
	}
	if (squeeze && l->blank) {
		/* At most one blank line between paragraphs, none first. */
		c->blank_pending = c->started;
		return TT_OK;
	}
	if (squeeze && c->blank_pending && tt_buf_putc(out, '\n') != TT_OK)
		return TT_ENOMEM;
	c->blank_pending = 0;
	c->started = 1;
	if (tt_buf_append(out, l->text.data, l->text.len) != TT_OK ||
	    (!l->piece_more && tt_buf_putc(out, '\n') != TT_OK))
		return TT_ENOMEM;
	return TT_OK;
}

/* The line steps on c->cur, then into the window. */
static int
line_done(tt_clean *c, int piece, int more, tt_buf *out)
{
	struct tt_cline *l;
	tt_buf *t = &c->cur, *swap;
	size_t slot;
	int r, sep;

	if (!piece || !c->midline)
		c->lineno++;
	/* A line of a form feed (and white space) separates documents, as
	 * tt-extract writes between pages: it stays as it is. */
	sep = !piece && t->len > 0 && memchr(t->data, '\f', t->len) != NULL &&
	    tt_clean_is_blank(t->data, t->len);
	/* A line of printable ASCII has nothing for mojibake and unicode. */
	if (!piece && !sep && (c->steps & (TT_STEP_MOJIBAKE |
	    TT_STEP_UNICODE)) && tt_utf8_plain_run(t->data, t->len) < t->len) {
		if ((c->steps & TT_STEP_MOJIBAKE) &&
		    (r = tt_mojibake_line(c, t, &c->tmp)) < 0)
			return r;
		if ((c->steps & TT_STEP_UNICODE) &&
		    (r = tt_unicode_line(c, t, &c->tmp, c->o.ascii)) < 0)
			return r;
	}
	if (!piece && !sep) {
		if ((c->steps & TT_STEP_WHITESPACE) &&
		    (r = tt_whitespace_line(c, t, &c->tmp)) < 0)
			return r;
	}
	if (c->count == c->wcap && (r = room(c, out)) != TT_OK)
		return r;
	slot = (c->head + c->count) % c->wcap;
	l = &c->win[slot];
	/* Give the line's buffer to the ring and take the slot's old one. */
	swap = &l->text;
	{
		tt_buf b = *swap;

		*swap = *t;
		*t = b;
		tt_buf_reset(t);
	}
	l->lineno = c->lineno;
	l->piece = piece;
	l->piece_more = more;
	l->drop = 0;
	l->why = NULL;
	l->sep = sep;
	l->blank = !piece && tt_clean_is_blank(l->text.data, l->text.len);
	l->words = 0;
	l->judged = 0;
	c->count++;
	c->docbytes += l->text.len;
	c->midline = more;
	/* Without the boilerplate step a line is decided at once; with it,
	 * at the end of its document, or of what can be held of it.  A
	 * piece of a huge line ends what is held. */
	if (c->boiler == NULL || piece || sep ||
	    c->docbytes >= TT_CLEAN_DOC_BYTES)
		return flush(c, out);
	return TT_OK;
}

/* Judge the lines held as one document and write them. */
static int
flush(tt_clean *c, tt_buf *out)
{
	size_t i;
	int r;

	if (c->boiler != NULL && c->count > 0) {
		for (i = 0; i < c->count; i++)
			c->doc[i] = &c->win[(c->head + i) % c->wcap];
		tt_boiler_document(c->boiler, c->doc, c->count);
	}
	while (c->count > 0)
		if ((r = settle(c, out)) != TT_OK)
			return r;
	c->docbytes = 0;
	return TT_OK;
}

/* Make room for one more line: grow the ring up to TT_CLEAN_DOC_LINES,
 * or judge and write what it holds. */
static int
room(tt_clean *c, tt_buf *out)
{
	size_t cap = c->wcap ? 2 * c->wcap : 16, i;
	struct tt_cline *w, **d;

	if (c->wcap >= TT_CLEAN_DOC_LINES || (c->boiler == NULL && c->wcap > 0))
		return flush(c, out);
	if ((w = calloc(cap, sizeof(*w))) == NULL ||
	    (d = malloc(cap * sizeof(*d))) == NULL) {
		free(w);
		return TT_ENOMEM;
	}
	/* In order from the oldest; the slots not in use keep their
	 * buffers too. */
	for (i = 0; i < c->wcap; i++)
		w[i] = c->win[(c->head + i) % c->wcap];
	free(c->win);
	free(c->doc);
	c->win = w;
	c->doc = d;
	c->wcap = cap;
	c->head = 0;
	return TT_OK;
}

/* Cut UTF-8 bytes into lines. */
static int
lines_in(tt_clean *c, const char *s, size_t len, tt_buf *out)
{
	size_t i = 0, j, cut, cr = 0;
	const char *p;
	int looked = 0;		/* cr is where the next CR is, or len */
	int r;

	while (i < len) {
		if (c->cr && s[i] == '\n') {	/* the LF of a CRLF */
			c->cr = 0;
			i++;
			continue;
		}
		c->cr = 0;
		/* The next CR is looked for once, not on every line. */
		if (!looked || cr < i) {
			cr = (p = memchr(s + i, '\r', len - i)) != NULL ?
			    (size_t)(p - s) : len;
			looked = 1;
		}
		j = (p = memchr(s + i, '\n', cr - i)) != NULL ?
		    (size_t)(p - s) : cr;
		if (c->cur.len + (j - i) > c->o.maxline) {
			/* Too long: pass on a piece, cut at a character. */
			size_t room = c->o.maxline - c->cur.len;

			if (tt_buf_append(&c->cur, s + i, room) != TT_OK)
				return TT_ENOMEM;
			cut = tt_utf8_complete(c->cur.data, c->cur.len);
			if (cut == 0)
				cut = c->cur.len;
			i += room - (c->cur.len - cut);
			c->cur.len = cut;
			if ((r = line_done(c, 1, 1, out)) != TT_OK)
				return r;
			continue;
		}
		if (tt_buf_append(&c->cur, s + i, j - i) != TT_OK)
			return TT_ENOMEM;
		if (j == len)
			return TT_OK;
		c->cr = s[j] == '\r';
		if ((r = line_done(c, c->midline, 0, out)) != TT_OK)
			return r;
		i = j + 1;
	}
	return TT_OK;
}

static int
decide(tt_clean *c, tt_err *e)
{
	tt_enc_guess g;

	if (c->o.encoding != NULL)
		snprintf(g.name, sizeof(g.name), "%s", c->o.encoding);
	else if (c->steps & TT_STEP_ENCODING)
		tt_encoding_detect(c->sniff.data, c->sniff.len, 0, &g);
	else
		snprintf(g.name, sizeof(g.name), "UTF-8");
	snprintf(c->encname, sizeof(c->encname), "%s", g.name);
	if ((c->conv = tt_conv_new(g.name, e)) == NULL)
		return e != NULL ? e->code : TT_EINVAL;
	c->decided = 1;
	return TT_OK;
}

static int
convert(tt_clean *c, const char *s, size_t len, int final, tt_buf *out,
    tt_err *e)
{
	const char *bomname;
	size_t bom = 0, before, same;
	int r, direct;

	tt_buf_reset(&c->utf8);
	if (!c->started_bytes) {
		/* A BOM of the decided encoding is not text. */
		bom = tt_encoding_bom(s, len, &bomname);
		if (bom > 0 && strncasecmp(bomname, c->encname, 5) != 0)
			bom = 0;
		c->started_bytes = 1;
	}
	before = tt_conv_replaced(c->conv);
	/* The encoding step alone does not need lines: the text goes out as
	 * it is converted, line ends and all. */
	direct = (c->steps & ~TT_STEP_ENCODING) == 0;
	if (!direct && (same = tt_conv_same(c->conv, s + bom, len - bom,
	    final)) > 0) {
		/* UTF-8 that needs no repair is cut into lines where it is */
		if ((r = lines_in(c, s + bom, same, out)) != TT_OK)
			return r;
		bom += same;
	}
	if ((r = tt_conv_feed(c->conv, s + bom, len - bom, final,
	    direct ? out : &c->utf8, e)) != TT_OK)
		return r;
	c->replaced += tt_conv_replaced(c->conv) - before;
	return direct ? TT_OK : lines_in(c, c->utf8.data, c->utf8.len, out);
}

int
tt_clean_feed(tt_clean *c, const char *s, size_t len, tt_buf *out,
    tt_err *e)
{
	int r;

	if (!c->decided) {
		if (tt_buf_append(&c->sniff, s, len) != TT_OK)
			return tt_seterr(e, TT_ENOMEM, "out of memory");
		if (c->sniff.len < SNIFF)
			return TT_OK;
		if ((r = decide(c, e)) != TT_OK)
			return r;
		r = convert(c, c->sniff.data, c->sniff.len, 0, out, e);
		tt_buf_free(&c->sniff);
	} else
		r = convert(c, s, len, 0, out, e);
	return r == TT_OK || e == NULL || e->code != TT_OK ? r :
	    tt_seterr(e, r, "%s", tt_strerror(r));
}

int
tt_clean_finish(tt_clean *c, tt_buf *out, tt_err *e)
{
	int r;

	if (e != NULL)
		e->code = TT_OK;
	if (!c->decided) {
		if ((r = decide(c, e)) != TT_OK)
			return r;
		r = convert(c, c->sniff.data ? c->sniff.data : "",
		    c->sniff.len, 1, out, e);
		tt_buf_free(&c->sniff);
	} else
		r = convert(c, "", 0, 1, out, e);
	if (r == TT_OK && (c->cur.len > 0 || c->midline))
		r = line_done(c, c->midline, 0, out);
	if (r == TT_OK)
		r = flush(c, out);
	/* Ready for the next document. */
	tt_conv_free(c->conv);
	c->conv = NULL;
	c->decided = 0;
	c->started_bytes = 0;
	c->lineno = 0;
	c->midline = c->cr = 0;
	c->blank_pending = c->started = 0;
	tt_buf_reset(&c->cur);
	if (c->dedupe != NULL)
		tt_dedupe_reset(c->dedupe);
	if (r != TT_OK && (e == NULL || e->code == TT_OK))
		return tt_seterr(e, r, "%s", tt_strerror(r));
	return r;
}

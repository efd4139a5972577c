/*
 * clean.c: tt-clean's streaming engine.  Bytes go in by tt_clean_feed();
 * the encoding step decides the encoding from the first 64 KiB and
 * converts; the UTF-8 that results is cut into lines, and each line goes
 * through the line steps (mojibake, unicode, whitespace), then boilerplate
 * and dedupe decide whether it stays.  Memory is bounded: lines of at most
 * maxline bytes (a longer line is passed through in pieces, untouched by
 * the steps that need whole lines).  Lines go in batches: with the
 * boilerplate step a batch is a document, held until it ends (a form feed
 * line, the end of the input, or TT_CLEAN_DOC_LINES / TT_CLEAN_DOC_BYTES
 * held) and judged together.  A batch's line steps, judgement and dedupe
 * fingerprints run on a thread of their own where tt_clean_opts.threads
 * asks for them; the caller cuts the lines, decides dedupe and writes the
 * batches, in order.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tt_int.h"
#include "clean_int.h"

#define SNIFF		65536	/* bytes seen before the encoding is decided */
#define PREFETCH	4	/* lines ahead */
#define KEEP		512	/* bytes of a line's buffer kept for reuse */
#define FLIGHT		TT_CLEAN_DOC_BYTES	/* bytes in batches not
					 * written before one is waited for */

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

/*
 * A batch: lines in order, cut but not yet through the line steps.  It
 * ends where a document does for the boilerplate step (or at the end of
 * a feed without it), and goes through the line steps and the judgement
 * as a whole: on a worker thread when there are, in the caller's
 * otherwise.  Batches are written in order by the caller, which alone
 * decides dedupe (by the fingerprints the batch's thread took).
 */
enum { B_FILL, B_QUEUED, B_WORKING, B_DONE };

struct batch {
	struct tt_cline	*l;
	struct tt_cline	**doc;		/* &l[i], for the judgement */
	size_t		 n, cap;
	size_t		 bytes;		/* held, as they came in */
	int		 state;
	int		 err;		/* of the line steps */
};

/* What one thread needs for the line steps and the judgement. */
struct crew {
	tt_clean	*c;
	tt_boiler	*boiler;
	tt_buf		 tmp;
	pthread_t	 tid;
};

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
	/* batches: nb of them; the one filling, those given to the steps
	 * in order (a ring from head), and the spare ones, the last
	 * written on top: its lines and buffers are still at hand */
	struct batch	*b, *fill, **ring, **spare;
	size_t		 nb, head, inflight, nspare, flightbytes;
	/* the caller's own crew (c->self.boiler judges without threads) and
	 * the threads' */
	struct crew	 self;
	struct crew	*crew;
	size_t		 ncrew, nthreads;	/* crews, and threads running */
	int		 started_crew, quit;
	pthread_mutex_t	 mu;
	pthread_cond_t	 work, done;
	/* steps with state */
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
	size_t i;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		tt_seterr(e, TT_ENOMEM, "out of memory");
		return NULL;
	}
	c->o = *o;
	c->steps = o->steps != 0 ? o->steps : TT_STEP_ALL;
	if (c->o.maxline < 1024)
		c->o.maxline = 1u << 20;
	if (c->o.maxline > TT_CLEAN_MAXLINE)
		c->o.maxline = TT_CLEAN_MAXLINE;
	c->self.c = c;
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->work, NULL);
	pthread_cond_init(&c->done, NULL);
	/* The caller works too: threads - 1 more. */
	c->ncrew = o->threads > 1 ? o->threads - 1 : 0;
	if (c->ncrew > TT_CLEAN_THREADS_MAX - 1)
		c->ncrew = TT_CLEAN_THREADS_MAX - 1;
	/* One batch filling, one for each thread, and two more: one the
	 * caller works on when it has to wait, and one queued meanwhile,
	 * so that no thread waits for the caller. */
	c->nb = c->ncrew > 0 ? c->ncrew + 3 : 1;
	if ((c->b = calloc(c->nb, sizeof(*c->b))) == NULL ||
	    (c->ring = calloc(c->nb, sizeof(*c->ring))) == NULL ||
	    (c->spare = calloc(c->nb, sizeof(*c->spare))) == NULL ||
	    (c->ncrew > 0 && (c->crew = calloc(c->ncrew,
	    sizeof(*c->crew))) == NULL))
		goto nomem;
	if ((c->steps & TT_STEP_BOILERPLATE) && (c->self.boiler =
	    tt_boiler_new(o->rules, o->rules_len, e)) == NULL)
		goto fail;
	for (i = 0; i < c->ncrew; i++)
		c->crew[i].c = c;	/* their rules when they start */
	if ((c->steps & TT_STEP_DEDUPE) && (c->dedupe = tt_dedupe_new()) ==
	    NULL)
		goto nomem;
	for (i = c->nb; i-- > 1;)
		c->spare[c->nspare++] = &c->b[i];
	c->fill = &c->b[0];
	return c;
nomem:
	tt_seterr(e, TT_ENOMEM, "out of memory");
fail:
	tt_clean_free(c);
	return NULL;
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
	size_t i, j;

	if (c == NULL)
		return;
	if (c->nthreads > 0) {
		pthread_mutex_lock(&c->mu);
		c->quit = 1;
		pthread_cond_broadcast(&c->work);
		pthread_mutex_unlock(&c->mu);
		for (i = 0; i < c->nthreads; i++)
			pthread_join(c->crew[i].tid, NULL);
	}
	for (i = 0; c->crew != NULL && i < c->ncrew; i++) {
		tt_boiler_free(c->crew[i].boiler);
		tt_buf_free(&c->crew[i].tmp);
	}
	free(c->crew);
	for (i = 0; c->b != NULL && i < c->nb; i++) {
		for (j = 0; j < c->b[i].cap; j++)
			tt_buf_free(&c->b[i].l[j].text);
		free(c->b[i].l);
		free(c->b[i].doc);
	}
	free(c->b);
	free(c->ring);
	free(c->spare);
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->work);
	pthread_cond_destroy(&c->done);
	tt_boiler_free(c->self.boiler);
	tt_buf_free(&c->self.tmp);
	tt_buf_free(&c->sniff);
	tt_conv_free(c->conv);
	tt_buf_free(&c->utf8);
	tt_buf_free(&c->cur);
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

/* ------------------------------------------------------------ batches */

/* The line steps on one line. */
static int
line_steps(struct crew *w, struct tt_cline *l)
{
	tt_clean *c = w->c;
	tt_buf *t = &l->text;
	int r;

	/* A line of printable ASCII has nothing for mojibake and unicode. */
	if ((c->steps & (TT_STEP_MOJIBAKE | TT_STEP_UNICODE)) &&
	    tt_utf8_plain_run(t->data, t->len) < t->len) {
		if ((c->steps & TT_STEP_MOJIBAKE) &&
		    (r = tt_mojibake_line(c, l->lineno, t, &w->tmp)) < 0)
			return r;
		if ((c->steps & TT_STEP_UNICODE) && (r = tt_unicode_line(c,
		    l->lineno, t, &w->tmp, c->o.ascii)) < 0)
			return r;
	}
	if ((c->steps & TT_STEP_WHITESPACE) &&
	    (r = tt_whitespace_line(c, l->lineno, t, &w->tmp)) < 0)
		return r;
	return TT_OK;
}

/* The line steps on a batch, then the boilerplate judgement. */
static void
work(struct crew *w, struct batch *b)
{
	size_t i;
	int r;

	for (i = 0; i < b->n; i++) {
		struct tt_cline *l = &b->l[i];

		/* The lines were written on another thread: ask for a
		 * line's bytes a few lines ahead. */
		if (i + PREFETCH < b->n)
			__builtin_prefetch(b->l[i + PREFETCH].text.data);
		/* A form feed line stays as it is; a piece of a long line
		 * is not a line to change. */
		if (!l->piece && !l->sep && b->err == TT_OK &&
		    (r = line_steps(w, l)) != TT_OK)
			b->err = r;
		l->blank = !l->piece && tt_clean_is_blank(l->text.data,
		    l->text.len);
		/* While the line is at hand */
		if (w->boiler != NULL && b->err == TT_OK)
			tt_boiler_line(w->boiler, l);
	}
	if (w->boiler != NULL && b->err == TT_OK) {
		for (i = 0; i < b->n; i++)
			b->doc[i] = &b->l[i];
		tt_boiler_document(w->boiler, b->doc, b->n);
	}
	/* What dedupe needs of each line that stays, here too: the caller
	 * judges in order, by the fingerprints. */
	if (w->c->dedupe != NULL)
		for (i = 0; i < b->n; i++) {
			struct tt_cline *l = &b->l[i];

			if (!l->piece && !l->blank && !l->drop)
				tt_dedupe_fingerprint(l);
		}
}

/* The oldest batch given and not taken, with c->mu held. */
static struct batch *
queued(tt_clean *c)
{
	size_t i;

	for (i = 0; i < c->inflight; i++)
		if (c->ring[(c->head + i) % c->nb]->state == B_QUEUED)
			return c->ring[(c->head + i) % c->nb];
	return NULL;
}

static void *
crew_run(void *arg)
{
	struct crew *w = arg;
	tt_clean *c = w->c;
	struct batch *b;

	pthread_mutex_lock(&c->mu);
	while (!c->quit) {
		if ((b = queued(c)) == NULL) {
			pthread_cond_wait(&c->work, &c->mu);
			continue;
		}
		b->state = B_WORKING;
		pthread_mutex_unlock(&c->mu);
		work(w, b);
		pthread_mutex_lock(&c->mu);
		b->state = B_DONE;
		pthread_cond_signal(&c->done);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

static void
start_crew(tt_clean *c)
{
	size_t i;

	c->started_crew = 1;
	for (i = 0; i < c->ncrew; i++) {
		/* The same rules again (they compiled once: only memory can
		 * fail them) */
		if (c->self.boiler != NULL && (c->crew[i].boiler =
		    tt_boiler_new(c->o.rules, c->o.rules_len, NULL)) == NULL)
			break;
		if (pthread_create(&c->crew[i].tid, NULL, crew_run,
		    &c->crew[i]) != 0)
			break;
	}
	c->nthreads = i;	/* without threads, the caller does it all */
}

static int emit(tt_clean *, struct tt_cline *, tt_buf *);

/* Write a batch's lines that stay (out NULL: none) and make it empty. */
static int
write_batch(tt_clean *c, struct batch *b, tt_buf *out)
{
	size_t i;
	int r = b->err;

	for (i = 0; r == TT_OK && out != NULL && i < b->n; i++) {
		struct tt_cline *l = &b->l[i];

		if (i + PREFETCH < b->n)
			__builtin_prefetch(b->l[i + PREFETCH].text.data);
		if (l->drop && l->why != NULL)
			tt_clean_note(c, l->lineno, "boilerplate", l->why,
			    l->text.data, l->text.len, NULL, 0);
		if (!l->piece && !l->blank && c->dedupe != NULL && !l->drop)
			tt_dedupe_judge(c->dedupe, c, l);
		r = l->drop ? TT_OK : emit(c, l, out);
	}
	/* A long line's buffer is not kept for the next batch: a batch
	 * keeps KEEP bytes a line at most. */
	for (i = 0; i < b->n; i++)
		if (b->l[i].text.cap > KEEP)
			tt_buf_free(&b->l[i].text);
	b->n = 0;
	b->err = TT_OK;
	return r;
}

/*
 * Write the batches done, from the oldest; wait for the oldest (helping
 * with the work meanwhile) when all is set, or when there is no spare
 * batch to fill.  out NULL: throw them away.
 */
static int
drain(tt_clean *c, tt_buf *out, int all)
{
	struct batch *b;
	int r = TT_OK;

	pthread_mutex_lock(&c->mu);
	while (c->inflight > 0) {
		b = c->ring[c->head];
		if (b->state != B_DONE) {
			if (!all && c->nspare > 0 && c->flightbytes < FLIGHT)
				break;
			if ((b = queued(c)) == NULL) {
				pthread_cond_wait(&c->done, &c->mu);
				continue;
			}
			b->state = B_WORKING;
			pthread_mutex_unlock(&c->mu);
			work(&c->self, b);
			pthread_mutex_lock(&c->mu);
			b->state = B_DONE;
			continue;
		}
		pthread_mutex_unlock(&c->mu);
		if ((r = write_batch(c, b, r == TT_OK ? out : NULL)) != TT_OK)
			out = NULL;	/* the rest goes too */
		pthread_mutex_lock(&c->mu);
		c->flightbytes -= b->bytes;
		b->bytes = 0;
		b->state = B_FILL;
		c->head = (c->head + 1) % c->nb;
		c->inflight--;
		c->spare[c->nspare++] = b;
		if (r != TT_OK && !all)
			break;
	}
	pthread_mutex_unlock(&c->mu);
	return r;
}

/* Give the batch being filled to the steps; last: the document's last,
 * and no other is in flight. */
static int
submit(tt_clean *c, tt_buf *out, int last)
{
	struct batch *b = c->fill;
	int inline_, r;

	if (b->n == 0)
		return TT_OK;
	/* Notes are told in order: the caller does the work then.  A
	 * document of one batch (a page, a short text) is not worth
	 * starting threads for: they start with its second. */
	if (c->ncrew > 0 && c->explain == NULL && !c->started_crew &&
	    !(last && c->inflight == 0))
		start_crew(c);
	inline_ = c->nthreads == 0 || c->explain != NULL;
	pthread_mutex_lock(&c->mu);
	c->ring[(c->head + c->inflight) % c->nb] = b;
	c->inflight++;
	c->flightbytes += b->bytes;
	b->state = inline_ ? B_WORKING : B_QUEUED;
	if (!inline_)
		pthread_cond_signal(&c->work);
	pthread_mutex_unlock(&c->mu);
	if (inline_) {
		work(&c->self, b);
		pthread_mutex_lock(&c->mu);
		b->state = B_DONE;
		pthread_mutex_unlock(&c->mu);
	}
	/* The next to fill: the last written, or, after an error, any
	 * (what is in flight is thrown away) */
	if ((r = drain(c, out, 0)) != TT_OK && c->nspare == 0)
		drain(c, NULL, 1);
	c->fill = c->spare[--c->nspare];
	return r;
}

static int
grow(struct batch *b)
{
	size_t cap = b->cap ? 2 * b->cap : 16;
	struct tt_cline *l;
	struct tt_cline **d;

	if ((l = realloc(b->l, cap * sizeof(*l))) == NULL)
		return TT_ENOMEM;
	memset(l + b->cap, 0, (cap - b->cap) * sizeof(*l));
	b->l = l;
	if ((d = realloc(b->doc, cap * sizeof(*d))) == NULL)
		return TT_ENOMEM;
	b->doc = d;
	b->cap = cap;
	return TT_OK;
}

int
tt_clean_sync(tt_clean *c, tt_buf *out, tt_err *e)
{
	int r;

	/* Without the judgement, what came is ready to write. */
	if (c->self.boiler == NULL && (r = submit(c, out, 0)) != TT_OK)
		return tt_seterr(e, r, "%s", tt_strerror(r));
	if ((r = drain(c, out, 1)) != TT_OK)
		return tt_seterr(e, r, "%s", tt_strerror(r));
	return TT_OK;
}

/* ------------------------------------------------------------ output */

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
	/* one reservation for the line and its newline */
	if (tt_buf_reserve(out, l->text.len + 1) != TT_OK)
		return TT_ENOMEM;
	if (l->text.len > 0)
		memcpy(out->data + out->len, l->text.data, l->text.len);
	out->len += l->text.len;
	if (!l->piece_more)
		out->data[out->len++] = '\n';
	return TT_OK;
}

/* c->cur is a line (or a piece of one): into the batch being filled. */
static int
line_done(tt_clean *c, int piece, int more, tt_buf *out)
{
	struct batch *b = c->fill;
	struct tt_cline *l;
	tt_buf t;
	int sep;

	if (!piece || !c->midline)
		c->lineno++;
	/* A line of a form feed (and white space) separates documents, as
	 * tt-extract writes between pages. */
	sep = !piece && c->cur.len > 0 && tt_clean_is_blank(c->cur.data,
	    c->cur.len) && memchr(c->cur.data, '\f', c->cur.len) != NULL;
	if (b->n == b->cap && grow(b) != TT_OK)
		return TT_ENOMEM;
	l = &b->l[b->n++];
	/* The buffer a line a few ahead will be copied to: a batch ago it
	 * was on another thread. */
	if (b->n + PREFETCH < b->cap)
		__builtin_prefetch(b->l[b->n + PREFETCH].text.data, 1);
	/* Give the line's buffer to the batch and take the slot's old one. */
	t = l->text;
	l->text = c->cur;
	c->cur = t;
	tt_buf_reset(&c->cur);
	l->lineno = c->lineno;
	l->piece = piece;
	l->piece_more = more;
	l->drop = 0;
	l->why = NULL;
	l->sep = sep;
	l->blank = 0;
	l->words = 0;
	l->judged = 0;
	b->bytes += l->text.len;
	c->midline = more;
	/* A document ends at a form feed line or at what can be held of it;
	 * a piece of a huge line ends what is held. */
	if (piece || sep || b->n == TT_CLEAN_DOC_LINES ||
	    b->bytes >= TT_CLEAN_DOC_BYTES)
		return submit(c, out, 0);
	return TT_OK;
}

/* Where the next LF is in s[i..end), or end: sixteen bytes at a time
 * (a line is short: a call of memchr() costs more). */
static size_t
next_lf(const char *s, size_t i, size_t end)
{
#ifdef __SSE2__
	for (; i + 16 <= end; i += 16) {
		unsigned m = tt_sse_eq(_mm_loadu_si128((const __m128i *)
		    (s + i)), '\n');

		if (m != 0)
			return i + (unsigned)__builtin_ctz(m);
	}
#endif
	for (; i < end; i++)
		if (s[i] == '\n')
			return i;
	return end;
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
		j = next_lf(s, i, cr);
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
	/* Without the judgement, what came is written as it comes. */
	if (r == TT_OK && c->self.boiler == NULL)
		r = submit(c, out, 0);
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
		/* (an encoding that cannot be opened fails the document; what
		 * was held to sniff it goes with it) */
		if ((r = decide(c, e)) == TT_OK)
			r = convert(c, c->sniff.data ? c->sniff.data : "",
			    c->sniff.len, 1, out, e);
		tt_buf_free(&c->sniff);
	} else
		r = convert(c, "", 0, 1, out, e);
	if (r == TT_OK && (c->cur.len > 0 || c->midline))
		r = line_done(c, c->midline, 0, out);
	if (r == TT_OK)
		r = submit(c, out, 1);
	if (r == TT_OK)
		r = drain(c, out, 1);
	else {
		/* What is held of a document that failed is not written
		 * with the next one. */
		drain(c, NULL, 1);
		write_batch(c, c->fill, NULL);
	}
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

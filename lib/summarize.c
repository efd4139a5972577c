/*
 * summarize.c: extractive summaries.  Sentences come from lib/segment; each
 * is scored by
 *   - content-word weight (Luhn, OTS): the mean document frequency of its
 *     content words, so a sentence made of the words the text keeps coming
 *     back to ranks high whatever its length;
 *   - centrality (TextRank/LexRank): PageRank over the cosine similarity of
 *     sentences' content words, lightly stemmed;
 *   - the title's words;
 *   - position, as a prior that grows as fewer sentences are asked for
 *     (news puts its point first: three sentences of thirty are mostly the
 *     lead, eight of twenty are spread through the text; a short sentence
 *     with no name and no number, an opener, gets none);
 * then chosen greedily with maximal marginal relevance, so that two
 * sentences saying the same thing are not both taken.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tt_int.h"

/* English function words: carry no topic. */
static const char *const stopwords[] = {
	"a", "about", "above", "after", "again", "against", "all", "am", "an",
	"and", "any", "are", "as", "at", "be", "because", "been", "before",
	"being", "below", "between", "both", "but", "by", "can", "could", "d",
	"did", "do", "does", "doing", "don", "down", "during", "each", "few",
	"for", "from", "further", "had", "has", "have", "having", "he", "her",
	"here", "hers", "herself", "him", "himself", "his", "how", "i", "if",
	"in", "into", "is", "it", "its", "itself", "just", "ll", "m", "me",
	"more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off",
	"on", "once", "only", "or", "other", "our", "ours", "ourselves", "out",
	"over", "own", "re", "s", "same", "she", "should", "so", "some", "such",
	"t", "than", "that", "the", "their", "theirs", "them", "themselves",
	"then", "there", "these", "they", "this", "those", "through", "to",
	"too", "under", "until", "up", "ve", "very", "was", "we", "were",
	"what", "when", "where", "which", "while", "who", "whom", "why", "will",
	"with", "would", "you", "your", "yours", "yourself", "yourselves",
};

#define MAXWORD		64	/* longer "words" are not words */
#define LONG_SENTENCE	25	/* words; longer ones say less per word */
#define TEASER_WORDS	8	/* shorter, nameless, numberless: an opener */
#define CENTRAL_MAX	1500
#define MMR_WORK	4e7	/* sentence pairs MMR may weigh */
#define NEAR_COPY	0.7	/* cosine: the same thing said twice */	/* above this many sentences, no PageRank */

struct term {
	char	*w;		/* lowercase form, NUL-terminated */
	size_t	 len;
	size_t	 tf;		/* occurrences in the document */
	size_t	 first;		/* byte offset of its first occurrence */
	size_t	 first_len;
	int	 stop;
	size_t	 stem;		/* term id of its light stem */
};

/* One sentence's content: term ids, with repeats. */
struct sent {
	size_t	 start, end;
	size_t	*ids;
	size_t	 nids;
	size_t	*sids;		/* stemmed ids, sorted, unique */
	size_t	 nsids;
	double	 norm;		/* of the stemmed vector */
	size_t	 words;
	double	 luhn, central, title, pos, names, score;
	int	 teaser;
	int	 chosen;
	int	 junk;		/* not worth choosing */
	int	 speech;	/* a quotation or a question: says less */
};

struct tt_summarizer {
	struct term	*terms;
	size_t		 nterms, capterms;
	size_t		*slots;		/* open addressing: term id + 1 */
	size_t		 nslots;
	struct sent	*s;
	size_t		 ns, caps;
	size_t		*pool;		/* ids of all sentences */
	size_t		 npool, cappool;
	tt_spans	 spans;
	tt_words	 words;
	tt_buf		 scratch;
	size_t		*order;
	double		*tmp;
	size_t		 title_ids, title_nids;	/* in pool */
};

tt_summarizer *
tt_summarizer_new(void)
{
	return calloc(1, sizeof(tt_summarizer));
}

static void
reset(tt_summarizer *z)
{
	size_t i;

	for (i = 0; i < z->nterms; i++)
		free(z->terms[i].w);
	z->nterms = 0;
	if (z->slots != NULL)
		memset(z->slots, 0, z->nslots * sizeof(*z->slots));
	z->ns = 0;
	z->npool = 0;
	z->spans.n = 0;
	z->words.n = 0;
}

void
tt_summarizer_free(tt_summarizer *z)
{
	if (z == NULL)
		return;
	reset(z);
	free(z->terms);
	free(z->slots);
	free(z->s);
	free(z->pool);
	tt_spans_free(&z->spans);
	tt_words_free(&z->words);
	tt_buf_free(&z->scratch);
	free(z->order);
	free(z->tmp);
	free(z);
}

static int
grow(void *pp, size_t *cap, size_t need, size_t size)
{
	void *p;
	size_t c = *cap;

	if (need <= c)
		return TT_OK;
	while (c < need)
		c = c < 16 ? 16 : c * 2;
	if (c > SIZE_MAX / size || (p = realloc(*(void **)pp, c * size)) == NULL)
		return TT_ENOMEM;
	*(void **)pp = p;
	*cap = c;
	return TT_OK;
}

static int
is_stop(const char *w, size_t n)
{
	return tt_word_in(stopwords, TT_NELEM(stopwords), w, n);
}

/* The id of term w (lowercase), added if new; (size_t)-1 on ENOMEM. */
static size_t
intern(tt_summarizer *z, const char *w, size_t n)
{
	size_t h, i, id, k;
	struct term *t;

	if (z->nterms * 2 >= z->nslots) {
		size_t ns = z->nslots ? z->nslots * 2 : 1024, *sl;

		if ((sl = calloc(ns, sizeof(*sl))) == NULL)
			return (size_t)-1;
		for (k = 0; k < z->nterms; k++) {
			i = tt_hash32(z->terms[k].w, z->terms[k].len) & (ns - 1);
			while (sl[i] != 0)
				i = (i + 1) & (ns - 1);
			sl[i] = k + 1;
		}
		free(z->slots);
		z->slots = sl;
		z->nslots = ns;
	}
	h = tt_hash32(w, n);
	for (i = h & (z->nslots - 1); z->slots[i] != 0;
	    i = (i + 1) & (z->nslots - 1)) {
		t = &z->terms[z->slots[i] - 1];
		if (t->len == n && memcmp(t->w, w, n) == 0)
			return z->slots[i] - 1;
	}
	if (grow(&z->terms, &z->capterms, z->nterms + 1, sizeof(*t)) != TT_OK)
		return (size_t)-1;
	id = z->nterms;
	t = &z->terms[id];
	memset(t, 0, sizeof(*t));
	if ((t->w = malloc(n + 1)) == NULL)
		return (size_t)-1;
	memcpy(t->w, w, n);
	t->w[n] = '\0';
	t->len = n;
	t->stop = is_stop(w, n);
	t->stem = id;
	z->nterms++;
	z->slots[i] = id + 1;
	return id;
}

/* Harman's S-stemmer: plurals only ("policies" -> "policy"). */
static size_t
light_stem(char *w, size_t n)
{
	if (n > 4 && memcmp(w + n - 3, "ies", 3) == 0 &&
	    memcmp(w + n - 4, "eies", 4) != 0 && memcmp(w + n - 4, "aies", 4)) {
		w[n - 3] = 'y';
		return n - 2;
	}
	if (n > 3 && memcmp(w + n - 2, "es", 2) == 0 && w[n - 3] != 'a' &&
	    w[n - 3] != 'e' && w[n - 3] != 'o')
		return n - 1;
	if (n > 3 && w[n - 1] == 's' && w[n - 2] != 'u' && w[n - 2] != 's')
		return n - 1;
	return n;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Lowercase the word s[0..n) into z->scratch; 0 if it is not a word we
 * count (a number, one letter, too long). */
static int
fold_word(tt_summarizer *z, const char *s, size_t n)
{
	size_t i, letters = 0;
	int32_t cp;
	char u[4];

	tt_buf_reset(&z->scratch);
	if (n > MAXWORD)
		return 0;
	for (i = 0; i < n; ) {
		size_t k = tt_utf8_decode(s + i, n - i, &cp);

		if (cp < 0)
			return 0;
		if (cp == 0x2019)
			cp = '\'';
		if (tt_unicode_is_letter(cp))
			letters++;
		cp = tt_unicode_tolower(cp);
		if (tt_buf_append(&z->scratch, u, tt_utf8_encode(cp, u)) != TT_OK)
			return -1;
		i += k;
	}
	return letters >= 2;
}

/* Split a word at an inner apostrophe: "west's" counts as "west". */
static size_t
strip_possessive(const char *w, size_t n)
{
	const char *q = memchr(w, '\'', n);

	return q != NULL ? (size_t)(q - w) : n;
}

/* The bytes of word w before any apostrophe. */
static size_t
surface_len(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] == '\'' || (i + 2 < n && memcmp(w + i, "\xE2\x80\x99", 3)
		    == 0))
			return i;
	return n;
}

/* The share of words after the first that start with a capital: names
 * of people, places and organisations carry the news. */
static double
names(const char *s, const tt_words *w)
{
	size_t i, caps = 0;
	int32_t cp;

	if (w->n < 2)
		return 0;
	for (i = 1; i < w->n; i++) {
		tt_utf8_decode(s + w->v[i].start, w->v[i].end - w->v[i].start,
		    &cp);
		caps += tt_unicode_is_upper(cp);
	}
	return (double)caps / (double)(w->n - 1);
}

/* A sentence that opens with a quotation mark or asks a question. */
static int
speech(const char *s, size_t a, size_t b)
{
	size_t e = b;

	if (s[a] == '"' || (b - a >= 3 && memcmp(s + a, "\xE2\x80\x9C", 3) == 0))
		return 1;
	while (e > a && (s[e - 1] == '"' || s[e - 1] == '\'' || s[e - 1] == ')' ||
	    (unsigned char)s[e - 1] >= 0x80))
		e--;
	return e > a && s[e - 1] == '?';
}

/* A short sentence with no name and no number: an opener to draw the
 * reader in ("Share, and your gift will be multiplied."), a remark, not
 * news.  It gets no position prior. */
static int
teaser(const char *s, size_t a, size_t b, size_t words, double nm)
{
	size_t i;

	if (words >= TEASER_WORDS || nm > 0)
		return 0;
	for (i = a; i < b; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 0;
	return 1;
}

/* Is the sentence s[a..b) worth choosing at all? */
static int
junk_sentence(const char *s, size_t a, size_t b, size_t words)
{
	size_t i, lower = 0;

	if (words < 4)
		return 1;
	for (i = a; i < b; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			lower++;
	return lower * 3 < (b - a);	/* a date line, a caps banner */
}

/*
 * A dateline or agency marker before the first word of a sentence:
 * "(CNN)Share ...", "LONDON, England (Reuters) -- The ...".  The words
 * before the parenthesis must all be capitalized (a place), the words in
 * it a name, and a dash, a glued word or a capital must follow; "The
 * company (IBM) said" is left alone.  Returns where the sentence proper
 * starts.
 */
static size_t
skip_marker(const char *s, size_t a, size_t b)
{
	size_t i, j, k;
	int word_start = 1;

	for (i = a; i < b && i < a + 60 && s[i] != '('; i++) {
		if (word_start && !(s[i] >= 'A' && s[i] <= 'Z'))
			return a;	/* not a dateline */
		word_start = s[i] == ' ';
		if (s[i] == ',' && i + 1 < b && s[i + 1] == ' ')
			i++, word_start = 1;
	}
	if (i >= b || s[i] != '(' || i + 1 >= b || !(s[i + 1] >= 'A' &&
	    s[i + 1] <= 'Z'))
		return a;
	for (j = i + 1; j < b && j < i + 24 && s[j] != ')'; j++)
		if (!tt_isascii_alpha((unsigned char)s[j]) && s[j] != ' ' &&
		    s[j] != '.' && s[j] != '&')
			return a;
	if (j >= b || s[j] != ')')
		return a;
	k = j + 1;
	if (k < b && (tt_isascii_alpha((unsigned char)s[k]) || s[k] == '"' ||
	    (k + 2 < b && memcmp(s + k, "\xE2\x80\x9C", 3) == 0)))
		return k;			/* "(CNN)Share", "(CNN)\"This" */
	while (k < b && s[k] == ' ')
		k++;
	if (k + 1 < b && s[k] == '-' && s[k + 1] == '-')
		k += 2;
	else if (k + 2 < b && memcmp(s + k, "\xE2\x80\x94", 3) == 0)
		k += 3;
	else if (k < b && s[k] == '-')
		k++;
	else if (!(k < b && s[k] >= 'A' && s[k] <= 'Z'))
		return a;
	while (k < b && s[k] == ' ')
		k++;
	return k < b ? k : a;
}

static int
is_title_line(const char *s, size_t a, size_t b, size_t words)
{
	unsigned char c;

	if (memchr(s + a, '\n', b - a) != NULL || words == 0 || words > 20)
		return 0;
	c = (unsigned char)s[b - 1];
	return c != '.' && c != '?' && c != '!' && c != '"' && c != ':';
}

static size_t
count_words(tt_summarizer *z, const char *s, size_t a, size_t b)
{
	size_t n;

	z->words.n = 0;
	if (tt_segment_words(s + a, b - a, 1, &z->words) != TT_OK)
		return 0;
	n = z->words.n;
	return n;
}

/* Read the document: title, sentences, terms. */
static int
analyse(tt_summarizer *z, const char *s, size_t len, tt_summary *out)
{
	tt_spans paras = { 0 };
	size_t i, k, from = 0, id, n, at, st;
	struct sent *x;
	int r;

	out->title_start = out->title_end = 0;
	out->has_title = 0;
	if ((r = tt_segment_paragraphs(s, len, &paras)) != TT_OK)
		return r;
	if (paras.n > 1 && is_title_line(s, paras.v[0].start, paras.v[0].end,
	    count_words(z, s, paras.v[0].start, paras.v[0].end))) {
		out->has_title = 1;
		out->title_start = paras.v[0].start;
		out->title_end = paras.v[0].end;
		from = paras.v[0].end;
	}
	tt_spans_free(&paras);
	z->spans.n = 0;
	if ((r = tt_segment_sentences(s + from, len - from, 0, &z->spans)) != TT_OK)
		return r;
	if (grow(&z->s, &z->caps, z->spans.n, sizeof(*z->s)) != TT_OK)
		return TT_ENOMEM;
	for (i = 0; i < z->spans.n; i++) {
		x = &z->s[z->ns];
		memset(x, 0, sizeof(*x));
		x->start = skip_marker(s, from + z->spans.v[i].start,
		    from + z->spans.v[i].end);
		x->end = from + z->spans.v[i].end;
		z->ns++;
	}
	/* Terms of each sentence, then of the title. */
	for (i = 0; i <= z->ns; i++) {
		size_t a, b;

		if (i < z->ns) {
			a = z->s[i].start;
			b = z->s[i].end;
		} else if (out->has_title) {
			a = out->title_start;
			b = out->title_end;
		} else
			break;
		z->words.n = 0;
		if (tt_segment_words(s + a, b - a, 1, &z->words) != TT_OK)
			return TT_ENOMEM;
		at = z->npool;
		for (k = 0; k < z->words.n; k++) {
			const char *w = s + a + z->words.v[k].start;
			size_t wl = z->words.v[k].end - z->words.v[k].start;

			if ((r = fold_word(z, w, wl)) < 0)
				return TT_ENOMEM;
			if (r == 0)
				continue;
			n = strip_possessive(z->scratch.data, z->scratch.len);
			if (n < 2)
				continue;
			if ((id = intern(z, z->scratch.data, n)) == (size_t)-1)
				return TT_ENOMEM;
			if (z->terms[id].stop)
				continue;
			if (i < z->ns && z->terms[id].tf++ == 0) {
				z->terms[id].first = a + z->words.v[k].start;
				z->terms[id].first_len = surface_len(w, wl);
			}
			if (grow(&z->pool, &z->cappool, z->npool + 1,
			    sizeof(size_t)) != TT_OK)
				return TT_ENOMEM;
			z->pool[z->npool++] = id;
		}
		if (i < z->ns) {
			z->s[i].names = names(s + a, &z->words);
			z->s[i].words = z->words.n;
			z->s[i].junk = junk_sentence(s, a, b, z->words.n);
			z->s[i].speech = speech(s, a, b);
			z->s[i].teaser = teaser(s, a, b, z->words.n,
			    z->s[i].names);
		}
		/* Remember where this sentence's ids are; pointers are
		 * fixed up once the pool stops moving. */
		if (i < z->ns) {
			z->s[i].ids = (size_t *)(uintptr_t)at;
			z->s[i].nids = z->npool - at;
		} else {
			z->title_ids = at;
			z->title_nids = z->npool - at;
		}
	}
	/* Stems, for similarity: "talks" and "talk" are one term. */
	n = z->nterms;
	for (id = 0; id < n; id++) {
		char w[MAXWORD + 1];
		size_t wl = z->terms[id].len;

		if (z->terms[id].stop || wl > MAXWORD)
			continue;
		memcpy(w, z->terms[id].w, wl);
		wl = light_stem(w, wl);
		if (wl != z->terms[id].len) {
			if ((st = intern(z, w, wl)) == (size_t)-1)
				return TT_ENOMEM;
			z->terms[id].stem = st;
		}
	}
	return TT_OK;
}

/* Per-sentence stemmed vectors, sorted and unique, for cosine. */
static int
vectors(tt_summarizer *z)
{
	size_t i, k, m;

	for (i = 0; i < z->ns; i++) {
		struct sent *x = &z->s[i];
		size_t at = (size_t)(uintptr_t)x->ids;

		if (grow(&z->pool, &z->cappool, z->npool + x->nids,
		    sizeof(size_t)) != TT_OK)
			return TT_ENOMEM;
		for (k = 0; k < x->nids; k++)
			z->pool[z->npool + k] =
			    z->terms[z->pool[at + k]].stem;
		qsort(z->pool + z->npool, x->nids, sizeof(size_t), cmp_size);
		for (k = m = 0; k < x->nids; k++)
			if (m == 0 || z->pool[z->npool + k] !=
			    z->pool[z->npool + m - 1])
				z->pool[z->npool + m++] = z->pool[z->npool + k];
		x->sids = (size_t *)(uintptr_t)z->npool;
		x->nsids = m;
		x->norm = sqrt((double)m);
		z->npool += m;
	}
	for (i = 0; i < z->ns; i++) {
		z->s[i].ids = z->pool + (size_t)(uintptr_t)z->s[i].ids;
		z->s[i].sids = z->pool + (size_t)(uintptr_t)z->s[i].sids;
	}
	return TT_OK;
}

static double
cosine(const struct sent *a, const struct sent *b)
{
	size_t i = 0, j = 0, common = 0;

	if (a->nsids == 0 || b->nsids == 0)
		return 0;
	while (i < a->nsids && j < b->nsids) {
		if (a->sids[i] == b->sids[j]) {
			common++;
			i++;
			j++;
		} else if (a->sids[i] < b->sids[j])
			i++;
		else
			j++;
	}
	return (double)common / (a->norm * b->norm);
}

static int
pagerank(tt_summarizer *z)
{
	size_t n = z->ns, i, j, it;
	double *sim, *deg, *pr, *nx, d = 0.85, m;

	if (n == 0)
		return TT_OK;
	if (n > CENTRAL_MAX) {
		for (i = 0; i < n; i++)
			z->s[i].central = 0;
		return TT_OK;
	}
	if ((sim = malloc(n * n * sizeof(double))) == NULL ||
	    (deg = calloc(3 * n, sizeof(double))) == NULL) {
		free(sim);
		return TT_ENOMEM;
	}
	pr = deg + n;
	nx = pr + n;
	for (i = 0; i < n; i++) {
		sim[i * n + i] = 0;
		for (j = i + 1; j < n; j++) {
			sim[i * n + j] = sim[j * n + i] =
			    cosine(&z->s[i], &z->s[j]);
		}
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++)
			deg[i] += sim[i * n + j];
		pr[i] = 1.0 / (double)n;
	}
	for (it = 0; it < 40; it++) {
		for (i = 0; i < n; i++) {
			double acc = 0;

			for (j = 0; j < n; j++)
				if (deg[j] > 0)
					acc += sim[j * n + i] / deg[j] * pr[j];
			nx[i] = (1 - d) / (double)n + d * acc;
		}
		memcpy(pr, nx, n * sizeof(double));
	}
	m = 0;
	for (i = 0; i < n; i++)
		if (pr[i] > m)
			m = pr[i];
	for (i = 0; i < n; i++)
		z->s[i].central = m > 0 ? pr[i] / m : 0;
	free(sim);
	free(deg);
	return TT_OK;
}

static void
features(tt_summarizer *z)
{
	size_t i, k, hit, skipped = 0;
	double m = 0, sum;
	const size_t *tids = z->pool + z->title_ids;

	for (i = 0; i < z->ns; i++) {
		struct sent *x = &z->s[i];

		sum = 0;
		for (k = 0; k < x->nids; k++)
			sum += (double)z->terms[x->ids[k]].tf;
		x->luhn = x->nids > 0 ? sum / (double)x->nids : 0;
		if (x->luhn > m)
			m = x->luhn;
		hit = 0;
		for (k = 0; k < z->title_nids; k++) {
			size_t t = z->terms[tids[k]].stem, j;

			for (j = 0; j < x->nsids; j++)
				if (x->sids[j] == t) {
					hit++;
					break;
				}
		}
		x->title = z->title_nids > 0 ?
		    (double)hit / (double)z->title_nids : 0;
		/* A short nameless line carries no position; the lead
		 * starts after the openers. */
		x->pos = x->teaser ? 0 : 1.0 / (1.0 + (double)(i - skipped));
		skipped += x->teaser && i == skipped;
	}
	for (i = 0; i < z->ns; i++)
		z->s[i].luhn = m > 0 ? z->s[i].luhn / m : 0;
}

static double
env_weight(const tt_sum_opts *o, int k, double def)
{
	return o->weights != NULL && o->weights[k] >= 0 ? o->weights[k] : def;
}

/* How many sentences the options ask for out of ns. */
static size_t
wanted(const tt_sum_opts *o, size_t ns)
{
	size_t n;

	if (o->ratio > 0)
		n = (size_t)ceil(o->ratio * (double)ns);
	else if (o->words > 0)
		n = ns;		/* the word budget stops it */
	else
		n = o->n;
	return n < ns ? n : ns;
}

struct rank {
	double	 score;
	int	 junk;
	size_t	 i;
};

static int
by_score(const void *a, const void *b)
{
	const struct rank *x = a, *y = b;

	if (x->junk != y->junk)
		return x->junk - y->junk;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * Take want sentences by maximal marginal relevance: each step takes the
 * best score less its likeness to what is taken (red[i], kept up to date
 * as sentences are taken).  Junk is taken only when nothing else is left.
 * Above MMR_WORK sentence pairs the redundancy is left out and the best
 * scores are taken, so that huge inputs stay fast.
 */
static int
choose(tt_summarizer *z, const tt_sum_opts *o, size_t want)
{
	size_t i, k, best, budget = 0, usable = 0;
	struct rank *ord;
	double lambda = env_weight(o, 4, 0.3), v, bv, c, *red;

	for (i = 0; i < z->ns; i++)
		usable += !z->s[i].junk;
	if ((double)want * (double)z->ns > MMR_WORK) {
		if ((ord = malloc(z->ns * sizeof(*ord) + 1)) == NULL)
			return TT_ENOMEM;
		for (i = 0; i < z->ns; i++)
			ord[i] = (struct rank){ z->s[i].score, z->s[i].junk, i };
		qsort(ord, z->ns, sizeof(*ord), by_score);
		for (k = 0; k < want; k++) {
			best = ord[k].i;
			if (o->words > 0 && k > 0 &&
			    budget + z->s[best].words > o->words)
				break;
			z->s[best].chosen = 1;
			budget += z->s[best].words;
		}
		free(ord);
		return TT_OK;
	}
	if ((red = calloc(z->ns + 1, sizeof(*red))) == NULL)
		return TT_ENOMEM;
	for (k = 0; k < want; k++) {
		best = (size_t)-1;
		bv = -1e300;
		for (i = 0; i < z->ns; i++) {
			if (z->s[i].chosen || (z->s[i].junk && usable > k))
				continue;
			v = z->s[i].score - lambda * red[i];
			if (red[i] >= NEAR_COPY)
				v -= 1e6;	/* only if nothing else is left */
			if (v > bv) {
				bv = v;
				best = i;
			}
		}
		if (best == (size_t)-1)
			break;
		if (o->words > 0 && k > 0 &&
		    budget + z->s[best].words > o->words)
			break;
		z->s[best].chosen = 1;
		budget += z->s[best].words;
		for (i = 0; i < z->ns; i++)
			if (!z->s[i].chosen &&
			    (c = cosine(&z->s[i], &z->s[best])) > red[i])
				red[i] = c;
	}
	free(red);
	return TT_OK;
}

int
tt_summarize(tt_summarizer *z, const char *s, size_t len,
    const tt_sum_opts *o, tt_summary *out, tt_err *e)
{
	size_t i, want;
	double frac, g, wl, wc, wt, wp, wn, wq, wk;
	int r;

	reset(z);
	memset(out, 0, sizeof(*out));
	if ((r = analyse(z, s, len, out)) != TT_OK ||
	    (r = vectors(z)) != TT_OK)
		return tt_seterr(e, r, "%s", tt_strerror(r));
	want = wanted(o, z->ns);
	if (o->method == TT_SUM_LEAD) {
		for (i = 0, r = 0; i < z->ns && (size_t)r < want; i++)
			if (!z->s[i].junk || z->ns - i <= want - (size_t)r) {
				z->s[i].chosen = 1;
				z->s[i].score = 1.0 / (1.0 + (double)i);
				r++;
			}
	} else {
		if ((r = pagerank(z)) != TT_OK)
			return tt_seterr(e, r, "%s", tt_strerror(r));
		features(z);
		/*
		 * Two kinds of summary: a digest (three sentences of thirty)
		 * is news style: the lead, names, short plain statements; a
		 * long extract (eight of twenty) is coverage of the content.
		 * g moves from one to the other with the share asked for.
		 */
		frac = z->ns > 0 ? (double)want / (double)z->ns : 1;
		g = pow(1 - frac, env_weight(o, 8, 4.0));
		wl = env_weight(o, 0, 0.5);
		wc = env_weight(o, 1, 0.6);
		wt = env_weight(o, 2, 0.2);
		wp = env_weight(o, 3, 3.2) * g;
		wn = env_weight(o, 5, 1.2) * g;
		wq = env_weight(o, 6, 0.5) * g;
		wk = env_weight(o, 7, 0.5) * g;
		for (i = 0; i < z->ns; i++) {
			struct sent *x = &z->s[i];

			x->score = wl * x->luhn + wc * x->central +
			    wt * x->title + wp * x->pos + wk * x->names;
			if (x->speech)
				x->score -= wq;
			if (x->words > LONG_SENTENCE)
				x->score -= wn * (double)(x->words -
				    LONG_SENTENCE) / LONG_SENTENCE;
		}
		if ((r = choose(z, o, want)) != TT_OK)
			return tt_seterr(e, r, "%s", tt_strerror(r));
	}
	out->n = z->ns;
	return TT_OK;
}

size_t
tt_summary_count(const tt_summarizer *z)
{
	return z->ns;
}

void
tt_summary_sentence(const tt_summarizer *z, size_t i, tt_sum_sent *out)
{
	out->start = z->s[i].start;
	out->end = z->s[i].end;
	out->score = z->s[i].score;
	out->chosen = z->s[i].chosen;
}

/* Words frequent in any news text that tell nothing of this one. */
static const char *const not_keywords[] = {
	"also", "could", "first", "last", "like", "mr", "mrs", "ms", "new",
	"one", "said", "say", "says", "told", "two", "would", "year", "years",
};

static int
not_keyword(const struct term *t)
{
	size_t i;

	for (i = 0; i < TT_NELEM(not_keywords); i++)
		if (strcmp(t->w, not_keywords[i]) == 0)
			return 1;
	return 0;
}

/*
 * The k terms that carry the text: content words by how often they occur,
 * counting "talk" and "talks" together, each shown as it was first written
 * in its most frequent form.
 */
struct kwrank {
	double	 tot;
	size_t	 first;		/* byte offset of the form shown */
	size_t	 term;		/* that form's term id */
};

static int
by_weight(const void *a, const void *b)
{
	const struct kwrank *x = a, *y = b;

	if (x->tot != y->tot)
		return x->tot < y->tot ? 1 : -1;
	return x->first < y->first ? -1 : x->first > y->first;
}

int
tt_summary_keywords(tt_summarizer *z, size_t k, tt_spans *out)
{
	struct kwrank *ord;
	size_t i, n = 0, *rep;
	double *tot;
	int r = TT_OK;

	tot = calloc(z->nterms + 1, sizeof(*tot));
	rep = malloc((z->nterms + 1) * sizeof(*rep));
	ord = malloc((z->nterms + 1) * sizeof(*ord));
	if (tot == NULL || rep == NULL || ord == NULL) {
		r = TT_ENOMEM;
		goto done;
	}
	for (i = 0; i < z->nterms; i++)
		rep[i] = (size_t)-1;
	for (i = 0; i < z->nterms; i++) {
		struct term *t = &z->terms[i];
		size_t st = t->stem, cur = rep[st];

		if (t->stop || t->tf == 0 || not_keyword(t))
			continue;
		tot[st] += (double)t->tf;
		/* Shown as the form seen most, then first. */
		if (cur == (size_t)-1 || t->tf > z->terms[cur].tf ||
		    (t->tf == z->terms[cur].tf && t->first < z->terms[cur].first))
			rep[st] = i;
	}
	for (i = 0; i < z->nterms; i++)
		if (tot[i] > 0)
			ord[n++] = (struct kwrank){ tot[i],
			    z->terms[rep[i]].first, rep[i] };
	qsort(ord, n, sizeof(*ord), by_weight);
	for (i = 0; i < n && i < k && r == TT_OK; i++)
		r = tt_spans_push(out, ord[i].first, ord[i].first +
		    z->terms[ord[i].term].first_len);
done:
	free(tot);
	free(rep);
	free(ord);
	return r;
}

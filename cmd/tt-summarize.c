/* tt-summarize: the sentences of a text that carry it, in their order. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define USAGE \
	"usage: tt-summarize [-hqV] [-n count | -r ratio | -w words] [--method lead|rank]\n" \
	"                    [--keywords count] [--json] [-e encoding] [--max-size bytes]\n" \
	"                    [file ...]\n"

struct run {
	tt_sum_opts	 opts;
	double		 weights[9];
	const char	*enc;
	size_t		 max;
	size_t		 keywords;
	int		 json;
	int		 nfiles;
	int		 done;		/* documents written so far */
	tt_summarizer	*z;
	tt_buf		 in, text, out;
	tt_spans	 kw;
};

static const struct option longopts[] = {
	{ "encoding", required_argument, NULL, 'e' },
	{ "help", no_argument, NULL, 'h' },
	{ "json", no_argument, NULL, 'j' },
	{ "keywords", required_argument, NULL, 'k' },
	{ "max-size", required_argument, NULL, 'M' },
	{ "method", required_argument, NULL, 'm' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "ratio", required_argument, NULL, 'r' },
	{ "sentences", required_argument, NULL, 'n' },
	{ "version", no_argument, NULL, 'V' },
	{ "weights", required_argument, NULL, 'W' },
	{ "words", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 }
};

/* A sentence on one line: line breaks inside it become spaces. */
static void
put_line(tt_buf *b, const char *s, size_t len)
{
	size_t i, from = 0;

	for (i = 0; i < len; i++)
		if (s[i] == '\n' || s[i] == '\r') {
			tt_buf_append(b, s + from, i - from);
			if (!(s[i] == '\n' && i > 0 && s[i - 1] == '\r'))
				tt_buf_putc(b, ' ');
			from = i + 1;
		}
	tt_buf_append(b, s + from, len - from);
	tt_buf_putc(b, '\n');
}

static int
write_json(struct run *r, const char *name, const tt_summary *sum,
    const char *t, size_t base, size_t part)
{
	tt_sum_sent ss;
	tt_json j;
	size_t i;

	tt_json_init(&j, &r->out);
	tt_json_object(&j);
	tt_json_key(&j, "file");
	tt_json_cstr(&j, cli_name(name));
	if (part > 0) {
		tt_json_key(&j, "document");
		tt_json_int(&j, (long long)part);
	}
	tt_json_key(&j, "title");
	if (sum->has_title)
		tt_json_str(&j, t + sum->title_start,
		    sum->title_end - sum->title_start);
	else
		tt_json_null(&j);
	tt_json_key(&j, "sentences");
	tt_json_array(&j);
	for (i = 0; i < tt_summary_count(r->z); i++) {
		tt_summary_sentence(r->z, i, &ss);
		tt_json_object(&j);
		tt_json_key(&j, "text");
		tt_json_str(&j, t + ss.start, ss.end - ss.start);
		tt_json_key(&j, "start");
		tt_json_int(&j, (long long)(base + ss.start));
		tt_json_key(&j, "end");
		tt_json_int(&j, (long long)(base + ss.end));
		tt_json_key(&j, "score");
		tt_json_double(&j, (double)(long long)(ss.score * 1e4 + 0.5) /
		    1e4);
		tt_json_key(&j, "chosen");
		tt_json_bool(&j, ss.chosen);
		tt_json_end(&j);
	}
	tt_json_end(&j);
	tt_json_key(&j, "keywords");
	tt_json_array(&j);
	for (i = 0; i < r->kw.n; i++)
		tt_json_str(&j, t + r->kw.v[i].start,
		    r->kw.v[i].end - r->kw.v[i].start);
	tt_json_end(&j);
	tt_json_end(&j);
	return tt_json_line(&j);
}

/* Where the document that starts at from ends: at a line of a form feed
 * (and white space), as tt-extract writes between pages, or at len.
 * *next is where the next one starts. */
static size_t
doc_end(const char *t, size_t len, size_t from, size_t *next)
{
	size_t i = from, a, b;
	int ff, other;

	while (i < len) {
		a = i;
		ff = other = 0;
		for (b = a; b < len && t[b] != '\n'; b++)
			if (t[b] == '\f')
				ff = 1;
			else if (t[b] != ' ' && t[b] != '\t' && t[b] != '\r')
				other = 1;
		if (ff && !other) {
			*next = b < len ? b + 1 : len;
			return a;
		}
		i = b + 1;
	}
	*next = len;
	return len;
}

/* Summarize t[0..len) (a document at byte base of the input) and write
 * the summary. */
static int
summarize(struct run *r, const char *name, const char *t, size_t len,
    size_t base, size_t part)
{
	tt_summary sum;
	tt_sum_sent ss;
	tt_err e;
	size_t i;

	tt_buf_reset(&r->out);
	r->kw.n = 0;
	if (tt_summarize(r->z, t, len, &r->opts, &sum, &e) != TT_OK) {
		cli_warn_tt(name, &e);
		return EXIT_TROUBLE;
	}
	if (r->keywords > 0 && tt_summary_keywords(r->z, r->keywords, &r->kw)
	    != TT_OK) {
		cli_warn(name, "out of memory");
		return EXIT_TROUBLE;
	}
	if (r->json) {
		if (write_json(r, name, &sum, t, base, part) != TT_OK) {
			cli_warn(name, "cannot write JSON");
			return EXIT_TROUBLE;
		}
	} else {
		/* Several documents: a blank line between them. */
		if (r->done > 0)
			tt_buf_putc(&r->out, '\n');
		if (r->keywords > 0)
			for (i = 0; i < r->kw.n; i++)
				put_line(&r->out, t + r->kw.v[i].start,
				    r->kw.v[i].end - r->kw.v[i].start);
		else
			for (i = 0; i < tt_summary_count(r->z); i++) {
				tt_summary_sentence(r->z, i, &ss);
				if (ss.chosen)
					put_line(&r->out, t + ss.start,
					    ss.end - ss.start);
			}
	}
	r->done++;
	if (r->out.len > 0 && fwrite(r->out.data, 1, r->out.len, stdout) !=
	    r->out.len)
		return EXIT_TROUBLE;	/* cli_finish() reports it */
	return 0;
}

/* One input: each document in it (form feed lines part them) on its own. */
static int
one(FILE *fp, const char *name, void *arg)
{
	struct run *r = arg;
	const char *t;
	size_t len, from = 0, end, next, part = 0, probe;
	int rc;

	if (cli_read_text(fp, name, r->max, r->enc, 0, &r->in, &r->text) != 0)
		return EXIT_TROUBLE;
	t = r->text.data ? r->text.data : "";
	len = r->text.len;
	if ((end = doc_end(t, len, 0, &next)) == len)
		return summarize(r, name, t, len, 0, 0);	/* one document */
	for (;;) {
		for (probe = from; probe < end && (t[probe] == ' ' ||
		    t[probe] == '\t' || t[probe] == '\n' || t[probe] == '\r');
		    probe++)
			;
		if (probe < end) {	/* a document with text */
			if ((rc = summarize(r, name, t + from, end - from,
			    from, ++part)) != 0)
				return rc;
		}
		if ((from = next) >= len)
			break;
		end = doc_end(t, len, from, &next);
	}
	return 0;
}

static int
number(const char *opt, const char *s, double lo, double hi, double *v)
{
	char *end;

	*v = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || !(*v >= lo && *v <= hi)) {
		cli_warn(NULL, "%s: not a number from %g to %g: %s", opt, lo,
		    hi, s);
		return -1;
	}
	return 0;
}

static int
parse_weights(struct run *r, const char *s)
{
	char *copy, *p, *tok;
	size_t i = 0;
	double v;
	int rc = 0;

	if ((copy = strdup(s)) == NULL)
		return -1;
	for (p = copy; (tok = strsep(&p, ",")) != NULL && i < 9; i++) {
		if (*tok == '\0')
			continue;
		if (number("--weights", tok, 0, 100, &v) != 0) {
			rc = -1;
			break;
		}
		r->weights[i] = v;
	}
	free(copy);
	r->opts.weights = r->weights;
	return rc;
}

int
main(int argc, char *argv[])
{
	struct run r = { 0 };
	double v;
	int ch, rc, rv, modes = 0;
	size_t i;

	cli_init("tt-summarize");
	r.opts.method = TT_SUM_RANK;
	r.opts.n = 3;
	r.max = 16u << 20;
	for (i = 0; i < 9; i++)
		r.weights[i] = -1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":e:hn:qr:Vw:", longopts,
	    NULL)) != -1)
		switch (ch) {
		case 'e':
			r.enc = optarg;
			break;
		case 'j':
			r.json = 1;
			break;
		case 'k':
			if (number("--keywords", optarg, 1, 10000, &v) != 0)
				return EXIT_TROUBLE;
			r.keywords = (size_t)v;
			break;
		case 'M':
			if (number("--max-size", optarg, 1, 1e15, &v) != 0)
				return EXIT_TROUBLE;
			r.max = (size_t)v;
			break;
		case 'm':
			if (strcmp(optarg, "lead") == 0)
				r.opts.method = TT_SUM_LEAD;
			else if (strcmp(optarg, "rank") == 0)
				r.opts.method = TT_SUM_RANK;
			else {
				cli_warn(NULL, "--method: lead or rank, not %s",
				    optarg);
				return EXIT_TROUBLE;
			}
			break;
		case 'n':
			if (number("-n", optarg, 0, 1e9, &v) != 0)
				return EXIT_TROUBLE;
			r.opts.n = (size_t)v;
			modes++;
			break;
		case 'r':
			if (number("-r", optarg, 0.000001, 1, &v) != 0)
				return EXIT_TROUBLE;
			r.opts.ratio = v;
			modes++;
			break;
		case 'w':
			if (number("-w", optarg, 1, 1e9, &v) != 0)
				return EXIT_TROUBLE;
			r.opts.words = (size_t)v;
			modes++;
			break;
		case 'W':
			if (parse_weights(&r, optarg) != 0)
				return EXIT_TROUBLE;
			break;
		default:
			if ((rc = cli_common_option(ch, argv, USAGE)) !=
			    CLI_GO_ON)
				return rc;
			break;
		}
	if (modes > 1) {
		cli_warn(NULL, "-n, -r and -w cannot be combined");
		return cli_usage(USAGE);
	}
	argv += optind;
	tt_init();
	if ((r.z = tt_summarizer_new()) == NULL) {
		cli_warn(NULL, "out of memory");
		return EXIT_TROUBLE;
	}
	rv = cli_each_file(argv, one, &r);
	tt_summarizer_free(r.z);
	tt_buf_free(&r.in);
	tt_buf_free(&r.text);
	tt_buf_free(&r.out);
	tt_spans_free(&r.kw);
	return cli_finish(rv);
}

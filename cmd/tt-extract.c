/* tt-extract: the article of each saved HTML page, as text. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define USAGE \
	"usage: tt-extract [-hqtV] [-f text|markdown] [--links] [--json] [-e encoding]\n" \
	"                  [--max-size bytes] [file ...]\n"

struct run {
	tt_extract_opts	 opts;
	size_t		 max;
	int		 json;
	int		 title;		/* print the title first */
	int		 done;		/* documents written so far */
	tt_extractor	*x;
	tt_buf		 in, out;
};

static const struct option longopts[] = {
	{ "encoding", required_argument, NULL, 'e' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "json", no_argument, NULL, 'j' },
	{ "links", no_argument, NULL, 'l' },
	{ "max-size", required_argument, NULL, 'M' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "title", no_argument, NULL, 't' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
json_field(tt_json *j, const char *key, const char *v)
{
	tt_json_key(j, key);
	tt_json_cstr(j, v);
}

/* Does the text open with the title already (an <h1> in the article)? */
static int
starts_with_title(const tt_article *a)
{
	const char *t = a->text.data;
	size_t n = strlen(a->title);

	if (a->text.len >= 2 && t[0] == '#')
		while (*t == '#' || *t == ' ')
			t++;
	return a->text.len >= n && strncmp(t, a->title, n) == 0 &&
	    (t[n] == '\n' || t[n] == '\0');
}

static int
one(FILE *fp, const char *name, void *arg)
{
	struct run *r = arg;
	tt_article a;
	tt_err e;
	int rc;

	r->out.len = 0;
	if (cli_read(fp, name, r->max, &r->in) != 0)
		return EXIT_TROUBLE;
	rc = tt_extract(r->x, r->in.data ? r->in.data : "", r->in.len, &a,
	    &e);
	if (rc < 0) {
		cli_warn_tt(name, &e);
		tt_article_free(&a);
		return EXIT_TROUBLE;
	}
	if (a.replaced > 0)
		cli_warn(name, "%zu byte%s not valid %s replaced by U+FFFD",
		    a.replaced, a.replaced == 1 ? "" : "s", a.encoding);
	if (a.text.len == 0)
		cli_warn(name, "no article text found");
	if (r->json) {
		tt_json j;

		tt_json_init(&j, &r->out);
		tt_json_object(&j);
		json_field(&j, "file", cli_name(name));
		json_field(&j, "url", a.url);
		json_field(&j, "title", a.title);
		json_field(&j, "byline", a.byline);
		json_field(&j, "date", a.date);
		json_field(&j, "site", a.site);
		json_field(&j, "lang", a.lang);
		json_field(&j, "description", a.description);
		json_field(&j, "encoding", a.encoding);
		tt_json_key(&j, "text");
		tt_json_str(&j, a.text.data ? a.text.data : "", a.text.len);
		tt_json_end(&j);
		if (tt_json_line(&j) != TT_OK) {
			cli_warn(name, "cannot write JSON");
			tt_article_free(&a);
			return EXIT_TROUBLE;
		}
	} else if (a.text.len > 0 || (r->title && a.title != NULL)) {
		/* Several documents: a form feed line between them. */
		if (r->done > 0)
			tt_buf_puts(&r->out, "\f\n");
		if (r->title && a.title != NULL && !starts_with_title(&a)) {
			if (r->opts.format == TT_FMT_MARKDOWN)
				tt_buf_puts(&r->out, "# ");
			tt_buf_puts(&r->out, a.title);
			tt_buf_puts(&r->out, a.text.len > 0 ? "\n\n" : "\n");
		}
		tt_buf_append(&r->out, a.text.data, a.text.len);
		r->done++;
	}
	tt_article_free(&a);
	if (r->out.len > 0 && fwrite(r->out.data, 1, r->out.len, stdout) !=
	    r->out.len)
		return EXIT_TROUBLE;	/* cli_finish() reports it */
	return 0;
}

int
main(int argc, char *argv[])
{
	struct run r = { 0 };
	tt_err e;
	int ch, rc, rv;

	cli_init("tt-extract");
	r.opts.format = TT_FMT_TEXT;
	r.max = 64u << 20;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":e:f:hqtV", longopts, NULL)) !=
	    -1)
		switch (ch) {
		case 'e':
			r.opts.encoding = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				r.opts.format = TT_FMT_TEXT;
			else if (strcmp(optarg, "markdown") == 0 ||
			    strcmp(optarg, "md") == 0)
				r.opts.format = TT_FMT_MARKDOWN;
			else {
				cli_warn(NULL, "-f: text or markdown, not %s",
				    optarg);
				return EXIT_TROUBLE;
			}
			break;
		case 'j':
			r.json = 1;
			break;
		case 'l':
			r.opts.links = 1;
			break;
		case 't':
			r.title = 1;
			break;
		case 'M':
			if (cli_size("--max-size", optarg, &r.max) != 0)
				return EXIT_TROUBLE;
			break;
		default:
			if ((rc = cli_common_option(ch, argv, USAGE)) !=
			    CLI_GO_ON)
				return rc;
			break;
		}
	if (r.opts.links && r.opts.format != TT_FMT_MARKDOWN) {
		cli_warn(NULL, "--links needs -f markdown");
		return cli_usage(USAGE);
	}
	argv += optind;
	tt_init();
	if ((r.x = tt_extractor_new(&r.opts, &e)) == NULL) {
		cli_warn_tt(NULL, &e);
		return EXIT_TROUBLE;
	}
	rv = cli_each_file(argv, one, &r);
	tt_extractor_free(r.x);
	tt_buf_free(&r.in);
	tt_buf_free(&r.out);
	return cli_finish(rv);
}

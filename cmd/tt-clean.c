/* tt-clean: encodings, mojibake, Unicode, white space, boilerplate lines
 * and duplicates, streamed. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define USAGE \
	"usage: tt-clean [-hqV] [--only steps | --skip steps] [-e encoding] [--ascii]\n" \
	"                [-r rules] [-j threads] [--explain] [file ...]\n"

#define CHUNK	65536
#define SHOW	160		/* bytes of a line shown by --explain */
#define THREADS	4		/* at most, by default: the lines are cut and
				 * written by one, which bounds the gain */

struct run {
	tt_clean_opts	 opts;
	tt_clean	*c;
	const char	*name;		/* the file being cleaned */
	int		 explain;
	tt_buf		 out;
	char		*chunk;
};

static const struct option longopts[] = {
	{ "ascii", no_argument, NULL, 'a' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "explain", no_argument, NULL, 'x' },
	{ "help", no_argument, NULL, 'h' },
	{ "threads", required_argument, NULL, 'j' },
	{ "only", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "rules", required_argument, NULL, 'r' },
	{ "skip", required_argument, NULL, 's' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
show(const char *s, size_t len)
{
	size_t n = len > SHOW ? SHOW : len;

	n = tt_utf8_complete(s, n);
	fputc('"', stderr);
	fwrite(s, 1, n, stderr);
	fputs(len > SHOW ? "...\"" : "\"", stderr);
}

static void
explain(void *arg, size_t lineno, const char *step, const char *rule,
    const char *before, size_t blen, const char *after, size_t alen)
{
	struct run *r = arg;

	fflush(stdout);
	fprintf(stderr, "%s: %s:%zu: %s (%s): ", cli_prog(), cli_name(r->name),
	    lineno, step, rule);
	if (after == NULL) {
		fputs("dropped ", stderr);
		show(before, blen);
	} else {
		show(before, blen);
		fputs(" -> ", stderr);
		show(after, alen);
	}
	fputc('\n', stderr);
}

static int
flush_out(struct run *r)
{
	if (r->out.len > 0 && fwrite(r->out.data, 1, r->out.len, stdout) !=
	    r->out.len)
		return -1;
	tt_buf_reset(&r->out);
	return 0;
}

static int
one(FILE *fp, const char *name, void *arg)
{
	struct run *r = arg;
	size_t replaced = tt_clean_replaced(r->c);
	tt_err e = { 0 };
	long n;
	int rc;

	r->name = name;
	for (;;) {
		/* Before waiting for more input, write what is decided. */
		if (!tt_io_ready(fp) && (tt_clean_sync(r->c, &r->out, &e) !=
		    TT_OK || flush_out(r) != 0 || fflush(stdout) != 0)) {
			if (e.code != TT_OK)
				cli_warn_tt(name, &e);
			tt_clean_finish(r->c, &r->out, NULL);
			tt_buf_reset(&r->out);
			return EXIT_TROUBLE;
		}
		if ((n = tt_io_read_chunk(fp, r->chunk, CHUNK, &e)) < 0) {
			cli_warn_tt(name, &e);
			tt_clean_finish(r->c, &r->out, NULL);
			tt_buf_reset(&r->out);
			return EXIT_TROUBLE;
		}
		if (n == 0)
			break;
		if (tt_clean_feed(r->c, r->chunk, (size_t)n, &r->out, &e) !=
		    TT_OK) {
			cli_warn_tt(name, &e);
			tt_clean_finish(r->c, &r->out, NULL);
			tt_buf_reset(&r->out);
			return EXIT_TROUBLE;
		}
		if (flush_out(r) != 0)
			return EXIT_TROUBLE;	/* cli_finish() says why */
	}
	rc = tt_clean_finish(r->c, &r->out, &e);
	if (flush_out(r) != 0)
		return EXIT_TROUBLE;
	if (rc != TT_OK) {
		cli_warn_tt(name, &e);
		return EXIT_TROUBLE;
	}
	replaced = tt_clean_replaced(r->c) - replaced;
	if (replaced > 0)
		cli_warn(name, "%zu byte%s not valid in %s replaced by U+FFFD",
		    replaced, replaced == 1 ? "" : "s",
		    r->opts.encoding != NULL ? r->opts.encoding :
		    "the detected encoding");
	return 0;
}

int
main(int argc, char *argv[])
{
	struct run r = { 0 };
	tt_buf rules = { 0 };
	unsigned only = 0, skip = 0;
	int ch, rc, rv;
	tt_err e;

	cli_init("tt-clean");
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":e:hj:qr:V", longopts, NULL)) !=
	    -1)
		switch (ch) {
		case 'j':
			if (cli_threads_arg("-j", optarg, TT_CLEAN_THREADS_MAX,
			    &r.opts.threads) != 0)
				return EXIT_TROUBLE;
			break;
		case 'a':
			r.opts.ascii = 1;
			break;
		case 'e':
			r.opts.encoding = optarg;
			break;
		case 'o':
		case 's':
			if (tt_clean_steps(optarg, ch == 'o' ? &only : &skip,
			    &e) != TT_OK) {
				cli_warn(NULL, "--%s: %s", ch == 'o' ? "only" :
				    "skip", e.msg);
				return EXIT_TROUBLE;
			}
			break;
		case 'r':
			if (tt_io_read_file(optarg, 1u << 20, &rules, &e) !=
			    TT_OK) {
				cli_warn(optarg, "%s", e.msg);
				tt_buf_free(&rules);
				return EXIT_TROUBLE;
			}
			tt_buf_putc(&rules, '\n');
			break;
		case 'x':
			r.explain = 1;
			break;
		default:
			if ((rc = cli_common_option(ch, argv, USAGE)) !=
			    CLI_GO_ON)
				return rc;
			break;
		}
	if (only != 0 && skip != 0) {
		cli_warn(NULL, "--only and --skip cannot be combined");
		return cli_usage(USAGE);
	}
	r.opts.steps = only != 0 ? only : TT_STEP_ALL & ~skip;
	if (r.opts.steps == 0) {
		cli_warn(NULL, "--skip: no step left to run");
		return EXIT_TROUBLE;
	}
	/* Without -j: the line steps alone cost less than handing the lines
	 * to another processor and back; threads pay off with the judgement
	 * or dedupe's fingerprints only. */
	if (r.opts.threads == 0)
		r.opts.threads = r.opts.steps & (TT_STEP_BOILERPLATE |
		    TT_STEP_DEDUPE) ? cli_threads(THREADS) : 1;
	r.opts.rules = rules.data;
	r.opts.rules_len = rules.len;
	argv += optind;
	tt_init();
	if ((r.c = tt_clean_new(&r.opts, &e)) == NULL) {
		if (e.line > 0)
			cli_warn(NULL, "rules, line %zu: %s", e.line, e.msg);
		else
			cli_warn(NULL, "%s", e.msg);
		tt_buf_free(&rules);
		return EXIT_TROUBLE;
	}
	tt_buf_free(&rules);
	if (r.explain)
		tt_clean_explain(r.c, explain, &r);
	if ((r.chunk = malloc(CHUNK)) == NULL) {
		cli_warn(NULL, "out of memory");
		return EXIT_TROUBLE;
	}
	rv = cli_each_file(argv, one, &r);
	tt_clean_free(r.c);
	tt_buf_free(&r.out);
	free(r.chunk);
	return cli_finish(rv);
}

/*
 * tt-lib: a command-line window on libtt for the golden tests.  It is not
 * installed: it shows what lib/ does to a file, through the same cmd/cli.c
 * front end as the real programs, so both can be tested as data.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define USAGE "usage: tt-lib [-hqV] [--html] [-e enc] [--lines] [--max-size bytes]\n" \
	"              validate|detect|decode|nfc|casefold|paragraphs|sentences|words|json|lines\n" \
	"              [file ...]\n"

struct run {
	const char	*cmd;
	const char	*enc;
	int		 html;
	int		 lines;
	size_t		 max;
	tt_buf		 in, out;
};

static const struct option longopts[] = {
	{ "encoding", required_argument, NULL, 'e' },
	{ "help", no_argument, NULL, 'h' },
	{ "html", no_argument, NULL, 'H' },
	{ "lines", no_argument, NULL, 'L' },
	{ "max-size", required_argument, NULL, 'm' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
put_escaped(tt_buf *b, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == '\n')
			tt_buf_puts(b, "\\n");
		else
			tt_buf_putc(b, s[i]);
}

static int
do_lines(FILE *fp, const char *name, struct run *r)
{
	tt_lines *lr = tt_lines_new(fp, r->max < 8 ? 8 : r->max);
	size_t pieces = 0, longest = 0, cur = 0, mem = 0;
	tt_str l;
	tt_err e;
	int more, rc;

	if (lr == NULL) {
		cli_warn(name, "out of memory");
		return EXIT_TROUBLE;
	}
	while ((rc = tt_lines_next(lr, &l, &more, &e)) == 1) {
		pieces++;
		cur += l.len;
		if (!more) {
			if (cur > longest)
				longest = cur;
			cur = 0;
		}
	}
	mem = tt_lines_memory(lr);
	printf("%s: %zu lines, %zu pieces, longest %zu bytes, reader memory %s\n",
	    cli_name(name), tt_lines_lineno(lr), pieces, longest,
	    mem <= r->max + 65536 + 1024 ? "bounded" : "UNBOUNDED");
	tt_lines_free(lr);
	if (rc < 0) {
		cli_warn_tt(name, &e);
		return EXIT_TROUBLE;
	}
	return 0;
}

static int
one(FILE *fp, const char *name, void *arg)
{
	struct run *r = arg;
	const char *shown = cli_name(name);
	tt_spans sp = { 0 };
	tt_words w = { 0 };
	tt_enc_guess g;
	tt_json j;
	tt_err e;
	size_t i;
	int rc = 0;
	static const char *sources[] = { "forced", "BOM", "meta", "UTF-16 pattern",
	    "valid UTF-8", "fallback", "statistics" };

	if (strcmp(r->cmd, "lines") == 0)
		return do_lines(fp, name, r);
	tt_buf_reset(&r->in);
	tt_buf_reset(&r->out);
	if (tt_io_read_all(fp, r->max, &r->in, &e) != TT_OK) {
		cli_warn_tt(name, &e);
		return EXIT_TROUBLE;
	}
	if (strcmp(r->cmd, "validate") == 0) {
		if (tt_utf8_validate(r->in.data, r->in.len, &e) != TT_OK) {
			cli_warn_tt(name, &e);
			return EXIT_FINDINGS;
		}
		printf("%s: valid UTF-8, %zu characters\n", shown,
		    tt_utf8_count(r->in.data, r->in.len));
	} else if (strcmp(r->cmd, "detect") == 0) {
		tt_encoding_detect(r->in.data, r->in.len, r->html ? TT_ENC_HTML :
		    0, &g);
		printf("%s: %s (%s)\n", shown, g.name, sources[g.source]);
	} else if (strcmp(r->cmd, "decode") == 0) {
		if (tt_encoding_to_utf8(r->in.data, r->in.len, r->html ?
		    TT_ENC_HTML : 0, r->enc, &r->out, &g, &e) < 0) {
			cli_warn_tt(name, &e);
			return EXIT_TROUBLE;
		}
		fwrite(r->out.data, 1, r->out.len, stdout);
	} else if (strcmp(r->cmd, "nfc") == 0 || strcmp(r->cmd, "casefold") == 0) {
		rc = (r->cmd[0] == 'n' ? tt_unicode_nfc : tt_unicode_casefold)(
		    r->in.data, r->in.len, &r->out, &e);
		if (rc != TT_OK) {
			cli_warn_tt(name, &e);
			return EXIT_TROUBLE;
		}
		fwrite(r->out.data, 1, r->out.len, stdout);
	} else if (strcmp(r->cmd, "paragraphs") == 0 ||
	    strcmp(r->cmd, "sentences") == 0) {
		rc = r->cmd[0] == 'p' ? tt_segment_paragraphs(r->in.data,
		    r->in.len, &sp) : tt_segment_sentences(r->in.data, r->in.len,
		    r->lines ? TT_SEG_LINES : 0, &sp);
		if (rc != TT_OK) {
			cli_warn(name, "%s", tt_strerror(rc));
			return EXIT_TROUBLE;
		}
		for (i = 0; i < sp.n; i++) {
			tt_buf_printf(&r->out, "%zu-%zu ", sp.v[i].start,
			    sp.v[i].end);
			put_escaped(&r->out, r->in.data + sp.v[i].start,
			    sp.v[i].end - sp.v[i].start);
			tt_buf_putc(&r->out, '\n');
		}
		fwrite(r->out.data, 1, r->out.len, stdout);
		tt_spans_free(&sp);
	} else if (strcmp(r->cmd, "words") == 0) {
		if ((rc = tt_segment_words(r->in.data, r->in.len, 1, &w)) !=
		    TT_OK) {
			cli_warn(name, "%s", tt_strerror(rc));
			return EXIT_TROUBLE;
		}
		for (i = 0; i < w.n; i++)
			printf("%zu:%zu %zu-%zu %.*s\n", w.v[i].line, w.v[i].col,
			    w.v[i].start, w.v[i].end,
			    (int)(w.v[i].end - w.v[i].start),
			    r->in.data + w.v[i].start);
		tt_words_free(&w);
	} else if (strcmp(r->cmd, "json") == 0) {
		tt_json_init(&j, &r->out);
		tt_json_object(&j);
		tt_json_key(&j, "file");
		tt_json_cstr(&j, shown);
		tt_json_key(&j, "bytes");
		tt_json_int(&j, (long long)r->in.len);
		tt_json_key(&j, "text");
		tt_json_str(&j, r->in.data, r->in.len);
		tt_json_end(&j);
		if (tt_json_line(&j) != TT_OK) {
			cli_warn(name, "cannot write JSON");
			return EXIT_TROUBLE;
		}
		fwrite(r->out.data, 1, r->out.len, stdout);
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	static const char *cmds[] = { "validate", "detect", "decode", "nfc",
	    "casefold", "paragraphs", "sentences", "words", "json", "lines" };
	struct run r = { 0 };
	char *end;
	size_t i;
	int ch, rc, rv;

	cli_init("tt-lib");
	r.max = 64u << 20;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":e:hqV", longopts, NULL)) != -1)
		switch (ch) {
		case 'e':
			r.enc = optarg;
			break;
		case 'H':
			r.html = 1;
			break;
		case 'L':
			r.lines = 1;
			break;
		case 'm':
			r.max = strtoul(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || r.max == 0) {
				cli_warn(NULL, "--max-size: not a size: %s", optarg);
				return EXIT_TROUBLE;
			}
			break;
		default:
			if ((rc = cli_common_option(ch, argv, USAGE)) !=
			    CLI_GO_ON)
				return rc;
			break;
		}
	argv += optind;
	if (*argv == NULL)
		return cli_usage(USAGE);
	r.cmd = *argv++;
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(r.cmd, cmds[i]) == 0)
			break;
	if (i == sizeof(cmds) / sizeof(cmds[0])) {
		cli_warn(NULL, "unknown command: %s", r.cmd);
		return cli_usage(USAGE);
	}
	tt_init();
	rv = cli_each_file(argv, one, &r);
	tt_buf_free(&r.in);
	tt_buf_free(&r.out);
	return cli_finish(rv);
}

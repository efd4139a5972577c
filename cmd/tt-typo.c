/* tt-typo: typos in prose, as lint lines, JSON, the ispell protocol, or
 * fixed in place. */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

#define USAGE \
	"usage: tt-typo [-hqvV] [-a | -l | --json | --fix | -i] [-p file] [--add word]\n" \
	"               [--lang en_US|en_GB] [-e encoding] [--max-size bytes]\n" \
	"               [--threads n] [file ...]\n"

enum { MODE_LINT, MODE_JSON, MODE_FIX, MODE_INPLACE, MODE_PIPE, MODE_LIST };

#define THREADS		4	/* -a's threads at most, by default */
#define THREADS_MAX	16
#define BATCH		256	/* -a: lines answered together, at most, */
#define BATCH_BYTES	(1 << 20)	/* ... and bytes of them */
#define KEEP_BYTES	(1 << 16)	/* an answer's buffer kept for the next */

struct run {
	int		 mode;
	const char	*enc;
	size_t		 max;
	char		*personal;	/* the personal word list's path */
	/* the checkers: one, or with -a one for each thread */
	tt_typo		*t[THREADS_MAX];
	unsigned	 nt, threads;
	tt_buf		 in, text, out;
	const char	*name;
	size_t		 last;		/* --fix: bytes of text written */
	int		 found;
};

static const struct option longopts[] = {
	{ "add", required_argument, NULL, 'A' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "fix", no_argument, NULL, 'F' },
	{ "help", no_argument, NULL, 'h' },
	{ "json", no_argument, NULL, 'j' },
	{ "lang", required_argument, NULL, 'L' },
	{ "max-size", required_argument, NULL, 'M' },
	{ "personal", required_argument, NULL, 'p' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "threads", required_argument, NULL, 'J' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* The personal word list: -p, else $XDG_CONFIG_HOME/tt/words, else
 * ~/.config/tt/words. */
static char *
personal_path(const char *opt)
{
	const char *base = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *p;
	size_t n;

	if (opt != NULL)
		return strdup(opt);
	if (base != NULL && *base != '\0') {
		n = strlen(base) + 16;
		if ((p = malloc(n)) != NULL)
			snprintf(p, n, "%s/tt/words", base);
		return p;
	}
	if (home == NULL || *home == '\0')
		return NULL;
	n = strlen(home) + 24;
	if ((p = malloc(n)) != NULL)
		snprintf(p, n, "%s/.config/tt/words", home);
	return p;
}

/* Load the personal list into the checkers: one word a line, '#'
 * comments. */
static int
load_personal(struct run *r, int must)
{
	FILE *fp;
	char line[256];
	unsigned k;

	if (r->personal == NULL)
		return 0;
	if ((fp = fopen(r->personal, "r")) == NULL) {
		if (errno == ENOENT && !must)
			return 0;
		cli_warn_errno(r->personal, "cannot read the word list");
		return -1;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		size_t n = strcspn(line, "\r\n");

		while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
			n--;
		if (n == 0 || line[0] == '#')
			continue;
		for (k = 0; k < r->nt; k++)
			tt_typo_accept(r->t[k], line, n);
	}
	fclose(fp);
	return 0;
}

/* Append word to the personal list, making its directory. */
static int
add_personal(struct run *r, const char *word)
{
	FILE *fp;
	char *dir, *slash;

	if (r->personal == NULL) {
		cli_warn(NULL, "--add: no personal word list (set HOME or use -p)");
		return -1;
	}
	if (strchr(word, '\n') != NULL || *word == '\0') {
		cli_warn(NULL, "--add: not a word: %s", word);
		return -1;
	}
	if ((dir = strdup(r->personal)) != NULL &&
	    (slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
			*slash = '\0';
			mkdir(dir, 0755);	/* ~/.config */
			*slash = '/';
		}
		mkdir(dir, 0755);		/* ~/.config/tt */
	}
	free(dir);
	if ((fp = fopen(r->personal, "a")) == NULL) {
		cli_warn_errno(r->personal, "cannot add to the word list");
		return -1;
	}
	fprintf(fp, "%s\n", word);
	if (fclose(fp) != 0) {
		cli_warn_errno(r->personal, "cannot add to the word list");
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ lint, JSON */

static int
on_hit(const tt_typo_hit *h, void *arg)
{
	struct run *r = arg;
	size_t i;

	r->found++;
	if (r->mode == MODE_JSON) {
		tt_json j;

		tt_json_init(&j, &r->out);
		tt_json_object(&j);
		tt_json_key(&j, "file");
		tt_json_cstr(&j, cli_name(r->name));
		tt_json_key(&j, "line");
		tt_json_int(&j, (long long)h->line);
		tt_json_key(&j, "column");
		tt_json_int(&j, (long long)h->col);
		tt_json_key(&j, "offset");
		tt_json_int(&j, (long long)h->start);
		tt_json_key(&j, "word");
		tt_json_str(&j, r->text.data + h->start, h->end - h->start);
		tt_json_key(&j, "suggestions");
		tt_json_array(&j);
		for (i = 0; i < h->nsugg; i++)
			tt_json_cstr(&j, h->sugg[i]);
		tt_json_end(&j);
		tt_json_key(&j, "confidence");
		tt_json_double(&j, (double)(long)(h->confidence * 1000) / 1000);
		tt_json_key(&j, "fix");
		tt_json_bool(&j, h->fix);
		tt_json_end(&j);
		tt_json_line(&j);
		return 0;
	}
	if (r->mode == MODE_LIST) {
		tt_buf_append(&r->out, r->text.data + h->start,
		    h->end - h->start);
		tt_buf_putc(&r->out, '\n');
		return 0;
	}
	if (r->mode == MODE_FIX || r->mode == MODE_INPLACE) {
		if (!h->fix)
			return 0;
		tt_buf_append(&r->out, r->text.data + r->last,
		    h->start - r->last);
		tt_buf_puts(&r->out, h->sugg[0]);
		r->last = h->end;
		return 0;
	}
	tt_buf_printf(&r->out, "%s:%zu:%zu: %.*s ->", cli_name(r->name),
	    h->line, h->col, (int)(h->end - h->start),
	    r->text.data + h->start);
	for (i = 0; i < h->nsugg; i++)
		tt_buf_printf(&r->out, "%s %s", i ? "," : "", h->sugg[i]);
	if (h->nsugg == 0)
		tt_buf_puts(&r->out, " ?");
	tt_buf_putc(&r->out, '\n');
	return 0;
}

static int
one(FILE *fp, const char *name, void *arg)
{
	struct run *r = arg;
	tt_err e;

	r->name = name;
	r->last = 0;
	tt_buf_reset(&r->out);
	if (r->mode == MODE_INPLACE && strcmp(name, "-") == 0) {
		cli_warn(NULL, "-i needs files, not standard input");
		return EXIT_TROUBLE;
	}
	if (cli_read_text(fp, name, r->max, r->enc, r->mode == MODE_FIX ||
	    r->mode == MODE_INPLACE, &r->in, &r->text) != 0) {
		if (r->mode == MODE_FIX && r->in.len > 0)	/* keep the bytes */
			fwrite(r->in.data, 1, r->in.len, stdout);
		return EXIT_TROUBLE;
	}
	if (tt_typo_check(r->t[0], r->text.data ? r->text.data : "",
	    r->text.len, 0, on_hit, r, &e) < 0) {
		cli_warn_tt(name, &e);
		return EXIT_TROUBLE;
	}
	if (r->mode == MODE_FIX || r->mode == MODE_INPLACE)
		tt_buf_append(&r->out, r->text.data + r->last,
		    r->text.len - r->last);
	if (r->mode == MODE_INPLACE) {
		if (r->last == 0)
			return 0;	/* nothing fixed: the file stays */
		if (tt_io_write_atomic(name, r->out.data, r->out.len, &e) !=
		    TT_OK) {
			cli_warn_tt(name, &e);
			return EXIT_TROUBLE;
		}
		return 0;
	}
	if (r->out.len > 0 && fwrite(r->out.data, 1, r->out.len, stdout) !=
	    r->out.len)
		return EXIT_TROUBLE;
	return 0;
}

/* ------------------------------------------------------------ ispell -a */

/* The line ispell begins with, and prints for -v: editors read the
 * protocol's version from it. */
static void
ispell_banner(void)
{
	printf("@(#) International Ispell Version 3.1.20 "
	    "(but really tt-typo %s)\n", TT_VERSION);
}

/*
 * -a answers the lines it has been given together, up to BATCH, on as
 * many threads, each with a checker of its own: a line's answer does not
 * depend on the lines before but for the words added to the personal list
 * (*word, @word), and those end a batch and go to every checker.  The
 * answers go out in order, when the next line has yet to come: at once
 * to an editor, in blocks to a pipeline.
 */
struct batch {
	tt_buf		 lines;		/* the lines, each after the last */
	size_t		 end[BATCH];	/* where each ends in lines */
	tt_buf		 out[BATCH];	/* and its answer */
	size_t		 n;
	int		 terse;
	atomic_size_t	 next;		/* the next line a thread takes */
	atomic_int	 err;
};

struct worker {
	struct batch	*b;
	tt_typo		*t;
	pthread_t	 tid;
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct batch *b = w->b;
	tt_buf none = { 0 };
	size_t i;

	while ((i = atomic_fetch_add(&b->next, 1)) < b->n) {
		size_t start = i > 0 ? b->end[i - 1] : 0;
		int terse = b->terse;

		tt_buf_reset(&b->out[i]);
		if (tt_typo_ispell(w->t, b->lines.data + start, b->end[i] -
		    start, &terse, &none, &b->out[i]) < 0)
			atomic_store(&b->err, 1);
	}
	tt_buf_free(&none);
	return NULL;
}

/* Answer the batch's lines and write the answers; -1 on a failure (said
 * here). */
static int
answer(struct run *r, struct batch *b)
{
	struct worker w[THREADS_MAX];
	unsigned k, nt = r->nt < b->n ? r->nt : (unsigned)b->n;
	size_t i;

	if (b->n == 0)
		return 0;
	atomic_store(&b->next, 0);
	atomic_store(&b->err, 0);
	for (k = 1; k < nt; k++) {
		w[k].b = b;
		w[k].t = r->t[k];
		if (pthread_create(&w[k].tid, NULL, work, &w[k]) != 0)
			break;
	}
	nt = k;
	w[0].b = b;
	w[0].t = r->t[0];
	work(&w[0]);
	for (k = 1; k < nt; k++)
		pthread_join(w[k].tid, NULL);
	if (atomic_load(&b->err)) {
		cli_warn(NULL, "out of memory");
		return -1;
	}
	for (i = 0; i < b->n; i++) {
		if (fwrite(b->out[i].data, 1, b->out[i].len, stdout) !=
		    b->out[i].len)
			return -1;
		if (b->out[i].cap > KEEP_BYTES)
			tt_buf_free(&b->out[i]);
	}
	b->n = 0;
	tt_buf_reset(&b->lines);
	return 0;
}

/* A command line: to every checker; the first says whether to save. */
static int
order(struct run *r, struct batch *b, const char *s, size_t n,
    tt_buf *added)
{
	tt_buf none = { 0 }, out = { 0 };
	unsigned k;
	int save, terse;

	save = tt_typo_ispell(r->t[0], s, n, &b->terse, added, &r->out);
	for (k = 1; k < r->nt && save >= 0; k++) {
		terse = b->terse;
		if (tt_typo_ispell(r->t[k], s, n, &terse, &none, &out) < 0)
			save = -1;
	}
	tt_buf_free(&none);
	tt_buf_free(&out);
	return save;
}

/* The ispell pipe protocol (tt_typo_ispell()), on stdin and stdout. */
static int
pipe_mode(struct run *r)
{
	tt_lines *ls = tt_lines_new(stdin, 1 << 20);
	tt_buf added = { 0 };
	struct batch *b = calloc(1, sizeof(*b));
	tt_str line;
	tt_err e;
	int more, rc, save, fail = 0;
	size_t i;

	if (ls == NULL || b == NULL) {
		cli_warn(NULL, "out of memory");
		tt_lines_free(ls);
		free(b);
		return EXIT_TROUBLE;
	}
	ispell_banner();
	fflush(stdout);
	while ((rc = tt_lines_next(ls, &line, &more, &e)) > 0) {
		fail = 1;
		if (!tt_typo_ispell_command(line.p, line.len)) {
			if (tt_buf_append(&b->lines, line.p, line.len) !=
			    TT_OK) {
				cli_warn(NULL, "out of memory");
				break;
			}
			b->end[b->n++] = b->lines.len;
			if ((b->n == BATCH || b->lines.len >= BATCH_BYTES) &&
			    answer(r, b) != 0)
				break;
		} else {
			if (answer(r, b) != 0)
				break;
			tt_buf_reset(&r->out);
			if ((save = order(r, b, line.p, line.len, &added)) < 0) {
				cli_warn(NULL, "out of memory");
				break;
			}
			if (save == 1 && added.len > 0 && r->personal !=
			    NULL) {
				FILE *fp = fopen(r->personal, "a");

				if (fp == NULL || fwrite(added.data, 1,
				    added.len, fp) != added.len)
					cli_warn_errno(r->personal,
					    "cannot save the word list");
				if (fp != NULL)
					fclose(fp);
				added.len = 0;
			}
			if (r->out.len > 0 && fwrite(r->out.data, 1,
			    r->out.len, stdout) != r->out.len)
				break;
		}
		if (!tt_lines_ready(ls) && (answer(r, b) != 0 ||
		    fflush(stdout) != 0))
			break;
		fail = 0;
	}
	/* the lines read before the end, or before a line that could not
	 * be read */
	if (!fail && answer(r, b) != 0)
		fail = 1;
	for (i = 0; i < BATCH; i++)
		tt_buf_free(&b->out[i]);
	tt_buf_free(&b->lines);
	free(b);
	tt_buf_free(&added);
	tt_lines_free(ls);
	if (rc < 0)
		cli_warn_tt(NULL, &e);
	return rc < 0 || fail ? EXIT_TROUBLE : 0;
}

int
main(int argc, char *argv[])
{
	struct run r = { 0 };
	tt_typo_opts o = { 0 };
	const char *popt = NULL, *add = NULL;
	tt_err e;
	int ch, rc, rv, modes = 0, ispell_v = 0;

	cli_init("tt-typo");
	r.max = 64u << 20;
	opterr = 0;
	/* -m, -B, -C, -S, -d, -T, -w: what editors pass to ispell. */
	while ((ch = getopt_long(argc, argv, ":aBCd:e:hilmp:qST:vVw:",
	    longopts, NULL)) != -1)
		switch (ch) {
		case 'a':
			r.mode = MODE_PIPE;
			modes++;
			break;
		case 'A':
			add = optarg;
			break;
		case 'B': case 'C': case 'm': case 'S': case 'T': case 'w':
			break;
		case 'l':	/* ispell's list of the wrong words */
			r.mode = MODE_LIST;
			modes++;
			break;
		case 'v':	/* ispell's version, which editors ask for */
			ispell_v = 1;
			break;
		case 'd':
			if (strncmp(optarg, "en_GB", 5) == 0 ||
			    strcmp(optarg, "british") == 0)
				o.lang = TT_TYPO_GB;
			break;
		case 'e':
			if (strcasecmp(optarg, "utf-8") != 0 &&
			    strcasecmp(optarg, "utf8") != 0)
				r.enc = optarg;
			break;
		case 'F':
			r.mode = MODE_FIX;
			modes++;
			break;
		case 'i':
			r.mode = MODE_INPLACE;
			modes++;
			break;
		case 'j':
			r.mode = MODE_JSON;
			modes++;
			break;
		case 'L':
			if (strcmp(optarg, "en_US") == 0 || strcmp(optarg,
			    "en") == 0)
				o.lang = TT_TYPO_US;
			else if (strcmp(optarg, "en_GB") == 0)
				o.lang = TT_TYPO_GB;
			else {
				cli_warn(NULL, "--lang: en_US or en_GB, not %s",
				    optarg);
				return EXIT_TROUBLE;
			}
			break;
		case 'M':
			if (cli_size("--max-size", optarg, &r.max) != 0)
				return EXIT_TROUBLE;
			break;
		case 'p':
			popt = optarg;
			break;
		case 'J':
			if (cli_threads_arg("--threads", optarg, THREADS_MAX,
			    &r.threads) != 0)
				return EXIT_TROUBLE;
			break;
		default:
			if ((rc = cli_common_option(ch, argv, USAGE)) !=
			    CLI_GO_ON)
				return rc;
			break;
		}
	if (ispell_v) {
		ispell_banner();
		return cli_finish(0);
	}
	if (modes > 1) {
		cli_warn(NULL, "-a, -l, --json, --fix and -i cannot be combined");
		return cli_usage(USAGE);
	}
	argv += optind;
	tt_init();
	r.personal = personal_path(popt);
	if (add != NULL) {
		rv = add_personal(&r, add) == 0 ? 0 : EXIT_TROUBLE;
		free(r.personal);
		return rv;
	}
	if (r.mode == MODE_PIPE)
		o.max_sugg = 10;	/* editors show a menu */
	if ((r.t[0] = tt_typo_new(&o, &e)) == NULL) {
		cli_warn_tt(NULL, &e);
		return EXIT_TROUBLE;
	}
	/* -a: a checker for each thread (one that cannot be made leaves
	 * fewer threads) */
	if (r.mode != MODE_PIPE)
		r.threads = 1;
	else if (r.threads == 0)
		r.threads = cli_threads(THREADS);
	for (r.nt = 1; r.nt < r.threads && (r.t[r.nt] = tt_typo_new(&o,
	    NULL)) != NULL; r.nt++)
		;
	if (load_personal(&r, popt != NULL) != 0) {
		rv = EXIT_TROUBLE;
		goto done;
	}
	if (r.mode == MODE_PIPE)
		rv = pipe_mode(&r);
	else {
		rv = cli_each_file(argv, one, &r);
		if (rv == 0 && r.found > 0 && (r.mode == MODE_LINT ||
		    r.mode == MODE_JSON))
			rv = EXIT_FINDINGS;
	}
done:
	while (r.nt > 0)
		tt_typo_free(r.t[--r.nt]);
	tt_buf_free(&r.in);
	tt_buf_free(&r.text);
	tt_buf_free(&r.out);
	free(r.personal);
	return cli_finish(rv);
}

/* cli.c: messages, FILE arguments, exit status and progress for every
 * tt program. */
#define _GNU_SOURCE		/* sched_getaffinity() */
#include <sys/stat.h>

#include <sched.h>

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const char *prog = "tt";
static int quiet;

void
cli_init(const char *name)
{
	prog = name;
}

const char *
cli_prog(void)
{
	return prog;
}

void
cli_set_quiet(int q)
{
	quiet = q;
}

const char *
cli_name(const char *file)
{
	return strcmp(file, "-") == 0 ? "(stdin)" : file;
}

static void
vwarn(const char *file, const char *fmt, va_list ap, int err)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	if (file != NULL)
		fprintf(stderr, "%s: ", cli_name(file));
	vfprintf(stderr, fmt, ap);
	if (err != 0)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
}

void
cli_warn(const char *file, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(file, fmt, ap, 0);
	va_end(ap);
}

void
cli_warn_errno(const char *file, const char *fmt, ...)
{
	va_list ap;
	int err = errno;

	va_start(ap, fmt);
	vwarn(file, fmt, ap, err);
	va_end(ap);
}

void
cli_warn_tt(const char *file, const tt_err *e)
{
	const char *msg = e->msg[0] != '\0' ? e->msg : tt_strerror(e->code);

	if (file != NULL && e->line > 0)
		cli_warn(NULL, "%s:%zu:%zu: %s", cli_name(file), e->line,
		    e->col, msg);
	else
		cli_warn(file, "%s", msg);
}

int
cli_bad_option(int ch, char **argv, const char *usage)
{
	const char *arg = argv[optind - 1];
	size_t n = strcspn(arg, "=");

	if (ch == ':')
		cli_warn(NULL, "option needs an argument: %s", arg);
	else if (optopt != 0 && !(arg[0] == '-' && arg[1] == '-'))
		/* (inside a cluster, -xv, arg is not the option's word) */
		cli_warn(NULL, "unknown option: -%c", optopt);
	else
		cli_warn(NULL, "unknown option: %.*s", (int)n, arg);
	return cli_usage(usage);
}

int
cli_common_option(int ch, char **argv, const char *usage)
{
	switch (ch) {
	case 'q':
		cli_set_quiet(1);
		return CLI_GO_ON;
	case 'h':
		fputs(usage, stdout);
		return 0;
	case 'V':
		return cli_version();
	default:
		return cli_bad_option(ch, argv, usage);
	}
}

int
cli_usage(const char *usage)
{
	fputs(usage, stderr);
	fprintf(stderr, "Try '%s --help' for more information.\n", prog);
	return EXIT_TROUBLE;
}

int
cli_version(void)
{
	printf("%s %s\n", prog, TT_VERSION);
	return 0;
}

FILE *
cli_open(const char *path)
{
	struct stat st;
	FILE *fp;

	if (strcmp(path, "-") == 0)
		return stdin;
	if ((fp = fopen(path, "rb")) == NULL) {
		cli_warn_errno(path, "cannot open");
		return NULL;
	}
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		cli_warn(path, "is a directory");
		fclose(fp);
		return NULL;
	}
	return fp;
}

void
cli_close(FILE *fp)
{
	if (fp != NULL && fp != stdin)
		fclose(fp);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
cli_each_file(char **argv, cli_file_fn *fn, void *arg)
{
	static char *stdin_only[] = { "-", NULL };
	double t0 = now(), last = 0;
	size_t i, n;
	int r, rv = 0, shown = 0, tty;
	FILE *fp;

	if (*argv == NULL)
		argv = stdin_only;
	for (n = 0; argv[n] != NULL; n++)
		;
	tty = !quiet && n > 1 && isatty(STDERR_FILENO);
	for (i = 0; i < n; i++) {
		if (tty && now() - t0 > 1.0 && now() - last > 0.2) {
			fprintf(stderr, "\r%s: %zu/%zu files", prog, i, n);
			last = now();
			shown = 1;
		}
		if ((fp = cli_open(argv[i])) == NULL) {
			rv = EXIT_TROUBLE;
			continue;	/* one bad file never stops the rest */
		}
		r = fn(fp, argv[i], arg);
		if (fp != stdin && ferror(fp) && r < EXIT_TROUBLE) {
			cli_warn_errno(argv[i], "read error");
			r = EXIT_TROUBLE;
		}
		cli_close(fp);
		if (r > rv)
			rv = r;
	}
	if (shown)
		fprintf(stderr, "\r%s: %zu/%zu files\n", prog, n, n);
	return rv;
}

int
cli_finish(int rv)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		cli_warn_errno("stdout", "write error");
		return EXIT_TROUBLE;
	}
	return rv;
}

int
cli_read(FILE *fp, const char *name, size_t max, tt_buf *in)
{
	tt_err e;

	tt_buf_reset(in);
	if (tt_io_read_all(fp, max, in, &e) == TT_OK)
		return 0;
	if (e.code == TT_ELIMIT)
		cli_warn(name, "larger than --max-size (%zu bytes)", max);
	else
		cli_warn_tt(name, &e);
	return -1;
}

int
cli_read_text(FILE *fp, const char *name, size_t max, const char *enc,
    int hush, tt_buf *in, tt_buf *text)
{
	tt_err e;
	int rep;

	tt_buf_reset(text);
	if (cli_read(fp, name, max, in) != 0)
		return -1;
	if ((rep = tt_encoding_to_utf8(in->data ? in->data : "", in->len, 0,
	    enc, text, NULL, &e)) < 0) {
		cli_warn_tt(name, &e);
		return -1;
	}
	if (text->len > 0 && memchr(text->data, '\0', text->len)) {
		cli_warn(name, "binary input (NUL bytes), not text");
		return -1;
	}
	if (rep > 0 && !hush)
		cli_warn(name, "%d invalid byte%s replaced by U+FFFD", rep,
		    rep == 1 ? "" : "s");
	return 0;
}

int
cli_size(const char *opt, const char *s, size_t *v)
{
	char *end;
	double d = strtod(s, &end);

	if (*s != '\0' && d >= 1 && d <= 1e15) {
		switch (*end) {
		case 'k': case 'K':
			d *= 1024, end++;
			break;
		case 'm': case 'M':
			d *= 1024 * 1024, end++;
			break;
		case 'g': case 'G':
			d *= 1024.0 * 1024 * 1024, end++;
			break;
		}
		if (*end == '\0') {
			*v = (size_t)d;
			return 0;
		}
	}
	cli_warn(NULL, "%s: not a size: %s", opt, s);
	return -1;
}

unsigned
cli_threads(unsigned max)
{
	cpu_set_t set;
	int n;

	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return 1;
	n = CPU_COUNT(&set);
	return n < 1 ? 1 : (unsigned)n > max ? max : (unsigned)n;
}

int
cli_threads_arg(const char *opt, const char *arg, unsigned max,
    unsigned *n)
{
	char *end;
	unsigned long v;

	v = strtoul(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || v < 1 || v > max) {
		cli_warn(NULL, "%s: not a number of threads from 1 to %u: %s",
		    opt, max, arg);
		return -1;
	}
	*n = (unsigned)v;
	return 0;
}

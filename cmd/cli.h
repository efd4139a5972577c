/* cli.h: what the tt programs share: messages, FILE arguments, exit
 * status, progress.  No text algorithms here: those live in lib/. */
#ifndef CLI_H
#define CLI_H

#include <stdio.h>

#include "tt.h"

#define EXIT_FINDINGS	1	/* tt-typo found typos; --check modes */
#define EXIT_TROUBLE	2	/* usage, unreadable or refused input */

/* Options every program takes, for getopt_long tables. */
#define CLI_OPT_HELP	'h'
#define CLI_OPT_VERSION	'V'
#define CLI_OPT_QUIET	'q'

typedef int cli_file_fn(FILE *fp, const char *name, void *arg);

/* Set the program name used in messages ("tt-clean"). */
void	cli_init(const char *prog);
const char *cli_prog(void);
/* "tt-NAME: FILE: message" (or "tt-NAME: message" when file is NULL). */
void	cli_warn(const char *file, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The same with strerror(errno) appended after ": ". */
void	cli_warn_errno(const char *file, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The processors this process may run on, at most max. */
unsigned cli_threads(unsigned max);
/* Option opt's number of threads, from 1 to max, into *n; -1 and a
 * message when arg is not one. */
int	cli_threads_arg(const char *opt, const char *arg, unsigned max,
	    unsigned *n);
/* A lib error: "tt-NAME: FILE:LINE:COL: msg" when the place is known. */
void	cli_warn_tt(const char *file, const tt_err *);
/* What messages call a FILE argument: "(stdin)" for "-". */
const char *cli_name(const char *file);
/*
 * After getopt_long() returned '?' or ':' (with opterr = 0 and an option
 * string that starts with ':'): say which option was wrong, then usage.
 * Returns EXIT_TROUBLE.
 */
int	cli_bad_option(int ch, char **argv, const char *usage);
/*
 * The options every program shares, for getopt's default case: -q turns
 * the progress line off and returns CLI_GO_ON; -h prints usage and -V the
 * version and return 0; anything else is a bad option (cli_bad_option()).
 * A main returns any value but CLI_GO_ON.
 */
#define CLI_GO_ON	(-1)
int	cli_common_option(int ch, char **argv, const char *usage);
/* Usage message on stderr; returns EXIT_TROUBLE. */
int	cli_usage(const char *usage);
/* "tt-NAME VERSION" on stdout; returns 0. */
int	cli_version(void);

/* Open a FILE argument ("-" is standard input); NULL after a message. */
FILE	*cli_open(const char *path);
void	cli_close(FILE *);

/*
 * Run fn over each FILE of argv (standard input if there are none), going
 * on after a file that fails.  Returns the worst status: fn returns 0, 1
 * or 2, and a file that cannot be opened counts 2.  Shows progress on
 * stderr when asked and the run is long.
 */
int	cli_each_file(char **argv, cli_file_fn *fn, void *arg);
/* Quiet: no progress line. */
void	cli_set_quiet(int);

/*
 * A whole input, at most max bytes, into in (emptied first); -1 after a
 * message ("larger than --max-size", or the read error).
 */
int	cli_read(FILE *fp, const char *name, size_t max, tt_buf *in);
/*
 * The same decoded to UTF-8 in text (encoding detected, or enc): NUL
 * bytes are refused as binary; bytes not valid in the encoding are
 * reported unless hush.  -1 after a message.
 */
int	cli_read_text(FILE *fp, const char *name, size_t max, const char *enc,
	    int hush, tt_buf *in, tt_buf *text);
/* A --max-size argument: bytes, or with a k, M or G suffix; -1 after a
 * message naming opt. */
int	cli_size(const char *opt, const char *s, size_t *v);

/* Flush stdout and report a write error; returns rv or EXIT_TROUBLE. */
int	cli_finish(int rv);

#endif /* CLI_H */

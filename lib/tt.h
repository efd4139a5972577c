/*
 * tt.h: the public interface of libtt, the library behind tt-extract,
 * tt-clean, tt-typo and tt-summarize.
 *
 * Conventions:
 * - Functions that can fail return an int: >= 0 is success (or a count),
 *   < 0 is one of the TT_E* codes below, and the tt_err passed in (when not
 *   NULL) is filled with the code, a message and, where it makes sense, a
 *   1-based line and column (0 = unknown).
 * - Inputs are borrowed and never modified.  Output goes to buffers the
 *   caller owns (tt_buf, tt_spans, tt_words): the library grows them with
 *   realloc and the caller frees them with the matching _free.
 * - Handles come in _new/_free pairs and _free(NULL) does nothing.
 * - libtt never prints, never exits, never reads the environment and keeps
 *   no mutable global state; it is safe to use from several threads as long
 *   as each handle is used by one thread at a time.
 */
#ifndef TT_H
#define TT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define TT_VERSION	"0.1.0"

enum {
	TT_OK = 0,
	TT_ENOMEM = -1,		/* out of memory */
	TT_EINVAL = -2,		/* bad argument: a caller bug */
	TT_EENC = -3,		/* bytes that are not valid in their encoding */
	TT_EPARSE = -4,		/* input the parser cannot make sense of */
	TT_ELIMIT = -5,		/* input above a size or depth limit */
	TT_EIO = -6		/* a read or write failed; errno text in msg */
};

typedef struct tt_err {
	int	 code;
	size_t	 line, col;	/* 1-based; 0 = unknown */
	size_t	 offset;	/* byte offset of the problem, when known */
	char	 msg[200];
} tt_err;

/* A static English description of a TT_E* code. */
const char	*tt_strerror(int code);

/* Process-wide set-up of the libraries libtt uses; call once from main(). */
void		 tt_init(void);

/* ---------------------------------------------------------------- buf */

typedef struct tt_buf {
	char	*data;		/* NULL until the first append */
	size_t	 len, cap;
} tt_buf;

/* A view of bytes owned by someone else. */
typedef struct tt_str {
	const char	*p;
	size_t		 len;
} tt_str;

/* Make room for extra more bytes plus a NUL; TT_ENOMEM on failure. */
int		 tt_buf_reserve(tt_buf *, size_t extra);
int		 tt_buf_append(tt_buf *, const void *, size_t);
int		 tt_buf_puts(tt_buf *, const char *);
int		 tt_buf_putc(tt_buf *, int);
int		 tt_buf_putu(tt_buf *, size_t);	/* in decimal */
int		 tt_buf_printf(tt_buf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* The contents as a NUL-terminated string ("" when empty); NULL on ENOMEM. */
const char	*tt_buf_cstr(tt_buf *);
/* Empty the buffer, keeping its memory for reuse. */
void		 tt_buf_reset(tt_buf *);
/* Take the bytes out: the caller owns and frees the result. */
char		*tt_buf_steal(tt_buf *, size_t *len);
void		 tt_buf_free(tt_buf *);

/* Byte ranges [start, end) into some text, in a growable array. */
typedef struct tt_span {
	size_t	 start, end;
} tt_span;

typedef struct tt_spans {
	tt_span	*v;
	size_t	 n, cap;
} tt_spans;

int		 tt_spans_push(tt_spans *, size_t start, size_t end);
void		 tt_spans_free(tt_spans *);

/* ----------------------------------------------------------------- io */

/*
 * Read all of fp into out (appending).  More than max bytes is TT_ELIMIT,
 * found after reading at most max + 1 bytes; a read error is TT_EIO.
 */
int		 tt_io_read_all(FILE *fp, size_t max, tt_buf *out, tt_err *);
/* The same for a path; "-" is not special here. */
int		 tt_io_read_file(const char *path, size_t max, tt_buf *out,
		    tt_err *);

/*
 * Read a stream in chunks of at most cap bytes: returns the number of
 * bytes read into buf, 0 at end of file, TT_EIO on error.  A chunk is
 * what the stream holds now: the descriptor is read with read(2), so
 * that what has come is not held back until more arrives, as fread()
 * would (tt-typo -a answers an editor line by line); nothing may have
 * been read from fp through stdio before.  A FILE without a descriptor
 * is read with fread().
 */
long		 tt_io_read_chunk(FILE *fp, char *buf, size_t cap, tt_err *);
/* Would a read of fp return at once (data, end of file, an error)? */
int		 tt_io_ready(FILE *fp);

/*
 * A line reader with bounded memory.  Each call to tt_lines_next() gives
 * the next line without its line terminator ("\n" or "\r\n").  A line
 * longer than maxline bytes comes in pieces of at most maxline bytes, with
 * *more set on every piece but the last; a piece never ends inside a UTF-8
 * sequence unless the bytes there are not UTF-8.  The view is valid until
 * the next call.  Returns 1 for a line or piece, 0 at end of input, or a
 * TT_E* code.  A line is given as soon as it has come (the reader takes
 * its chunks with tt_io_read_chunk()).
 */
typedef struct tt_lines tt_lines;

tt_lines	*tt_lines_new(FILE *fp, size_t maxline);
int		 tt_lines_next(tt_lines *, tt_str *line, int *more, tt_err *);
/* Whether the next tt_lines_next() can answer without waiting for input
 * (a whole line, or the end, is there): a conversation flushes its
 * answers when it is about to wait. */
int		 tt_lines_ready(const tt_lines *);
/* 1-based number of the line last returned. */
size_t		 tt_lines_lineno(const tt_lines *);
/* Bytes of memory the reader holds: stays bounded by maxline. */
size_t		 tt_lines_memory(const tt_lines *);
void		 tt_lines_free(tt_lines *);

/*
 * Atomic replacement of a file: write to a temporary file in the same
 * directory, then rename it over path on commit.  The temporary file gets
 * the mode of the file it replaces (0666 & ~umask for a new file).  Abort,
 * or a failed commit, removes the temporary file and leaves path as it was.
 */
typedef struct tt_atomic tt_atomic;

tt_atomic	*tt_atomic_open(const char *path, tt_err *);
FILE		*tt_atomic_file(tt_atomic *);
int		 tt_atomic_commit(tt_atomic *, tt_err *);	/* frees */
void		 tt_atomic_abort(tt_atomic *);			/* frees */
int		 tt_io_write_atomic(const char *path, const void *, size_t,
		    tt_err *);

/* --------------------------------------------------------------- utf8 */

/*
 * Decode one code point from s[0..len), len > 0.  Returns the number of
 * bytes used (1-4) and sets *cp, or *cp = -1 for an ill-formed sequence,
 * in which case the return value is the length of its maximal subpart (the
 * W3C/Unicode "replace each maximal subpart with U+FFFD" practice).
 * Rejected: stray continuation bytes, C0/C1/F5-FF, overlongs, surrogates,
 * code points above U+10FFFF, truncated sequences.
 */
size_t		 tt_utf8_decode(const char *s, size_t len, int32_t *cp);

/* Encode cp (must be a scalar value) into out; returns 1-4, or 0. */
size_t		 tt_utf8_encode(int32_t cp, char out[4]);

/*
 * TT_OK if s is well-formed UTF-8, else TT_EENC with e->offset, e->line and
 * e->col (characters, 1-based) of the first bad byte and what is wrong.
 */
int		 tt_utf8_validate(const char *s, size_t len, tt_err *);

/* Length of the longest prefix that does not end in an incomplete (but
 * so far well-formed) sequence: where a streaming reader may cut. */
size_t		 tt_utf8_complete(const char *s, size_t len);

/* Number of code points (each ill-formed subpart counts as one). */
size_t		 tt_utf8_count(const char *s, size_t len);

/* Byte offset of the nth code point (n >= count gives len). */
size_t		 tt_utf8_offset(const char *s, size_t len, size_t n);

/* Append s to out with every ill-formed subpart replaced by U+FFFD;
 * returns the number of replacements or TT_ENOMEM. */
int		 tt_utf8_repair(const char *s, size_t len, tt_buf *out);

typedef struct tt_utf8_iter {
	const char	*s;
	size_t		 len, pos;
} tt_utf8_iter;

void		 tt_utf8_iter_init(tt_utf8_iter *, const char *, size_t);
/* 1 and *cp (-1 for an ill-formed subpart), or 0 at the end. */
int		 tt_utf8_next(tt_utf8_iter *, int32_t *cp);

/* ----------------------------------------------------------- encoding */

enum tt_enc_source {
	TT_ENC_FORCED,		/* the caller said so */
	TT_ENC_BOM,		/* byte order mark */
	TT_ENC_META,		/* <meta charset> or http-equiv in HTML */
	TT_ENC_UTF16,		/* UTF-16 pattern of NUL bytes, no BOM */
	TT_ENC_UTF8,		/* valid UTF-8 (or plain ASCII) */
	TT_ENC_FALLBACK,	/* none of the others: windows-1252 */
	TT_ENC_STATS		/* byte statistics (uchardet) */
};

typedef struct tt_enc_guess {
	char	 name[32];	/* an iconv name: "UTF-8", "WINDOWS-1252" ... */
	int	 source;	/* enum tt_enc_source */
	size_t	 bom_len;	/* bytes of BOM to skip */
	int	 utf8_valid;	/* tt_encoding_detect() saw every byte valid
				   UTF-8 (0: it did not, or did not look) */
} tt_enc_guess;

#define TT_ENC_HTML	0x01	/* look for <meta charset> */

/* Length of the BOM at s (0 if none) and its encoding's name. */
size_t		 tt_encoding_bom(const char *s, size_t len, const char **name);

/*
 * The charset an HTML document declares in its first bytes, by the HTML
 * standard's prescan (<meta charset>, <meta http-equiv=Content-Type>),
 * written to name as the iconv name of the WHATWG encoding the label means.
 * Returns 1 if found, 0 if not.
 */
int		 tt_encoding_sniff_meta(const char *s, size_t len, char *name,
		    size_t cap);

/* Map an encoding label ("latin1", "utf8", "x-sjis" ...) to the iconv name
 * of the WHATWG encoding it means; 0 if unknown (name is then a copy). */
int		 tt_encoding_label(const char *label, size_t len, char *name,
		    size_t cap);

/* Decide the encoding of s as a browser would (flags: TT_ENC_HTML). */
void		 tt_encoding_detect(const char *s, size_t len, int flags,
		    tt_enc_guess *);

/*
 * Streaming conversion to UTF-8 with iconv(3).  A sequence cut between two
 * feeds is carried over.  Bytes that are not valid in the source encoding
 * become U+FFFD (windows-1252's five unassigned bytes become the C1
 * controls, as browsers do) and are counted.  tt_conv_new() returns NULL
 * with TT_EINVAL if iconv does not know the encoding.
 */
typedef struct tt_conv tt_conv;

tt_conv		*tt_conv_new(const char *from, tt_err *);
int		 tt_conv_feed(tt_conv *, const char *, size_t, int final,
		    tt_buf *out, tt_err *);
size_t		 tt_conv_replaced(const tt_conv *);
/* How many of the bytes to feed next are UTF-8 already, to be used as
 * they are instead of fed (a UTF-8 source with no sequence carried over:
 * the valid complete characters at the start). */
size_t		 tt_conv_same(const tt_conv *, const char *, size_t, int final);
void		 tt_conv_free(tt_conv *);

/* Detect (or take *forced) and convert all of s to UTF-8 in out; the BOM is
 * dropped.  g, if not NULL, receives what was decided.  Returns the number
 * of bytes replaced (>= 0), or a TT_E* code. */
int		 tt_encoding_to_utf8(const char *s, size_t len, int flags,
		    const char *forced, tt_buf *out, tt_enc_guess *g, tt_err *);

/* ------------------------------------------------------------ unicode */

/* Append the NFC form of s to out; TT_EENC if s is not valid UTF-8. */
int		 tt_unicode_nfc(const char *s, size_t len, tt_buf *out,
		    tt_err *);
/* Append the case-folded NFC form of s (for caseless comparison). */
int		 tt_unicode_casefold(const char *s, size_t len, tt_buf *out,
		    tt_err *);

enum tt_ucat {
	TT_UCAT_OTHER, TT_UCAT_LETTER, TT_UCAT_MARK, TT_UCAT_NUMBER,
	TT_UCAT_PUNCT, TT_UCAT_SYMBOL, TT_UCAT_SPACE, TT_UCAT_CONTROL,
	TT_UCAT_FORMAT
};

/* The general category of cp, grouped as above. */
int		 tt_unicode_category(int32_t cp);
int		 tt_unicode_is_letter(int32_t cp);
int		 tt_unicode_is_alnum(int32_t cp);	/* a letter or a number */
int		 tt_unicode_is_upper(int32_t cp);
int		 tt_unicode_is_lower(int32_t cp);
int		 tt_unicode_is_space(int32_t cp);	/* Zs, Zl, Zp, \t\n\v\f\r */
int32_t		 tt_unicode_tolower(int32_t cp);
int32_t		 tt_unicode_toupper(int32_t cp);
/* Terminal columns of cp: 0, 1 or 2. */
int		 tt_unicode_width(int32_t cp);
/* Columns taken by s (ill-formed bytes count 1). */
size_t		 tt_unicode_columns(const char *s, size_t len);

/* ------------------------------------------------------------ segment */

/* Paragraphs: runs of lines separated by one or more blank lines (lines of
 * only white space).  Spans exclude the surrounding blank lines and the
 * final line terminator. */
int		 tt_segment_paragraphs(const char *s, size_t len, tt_spans *);

#define TT_SEG_LINES	0x01	/* every line break ends a sentence */

/*
 * Sentences of s, appended to out as spans that start at the sentence's
 * first non-space byte and end after its final punctuation and closing
 * quotes or brackets.  Knows abbreviations (Mr., Gen., U.S., Jan., e.g.),
 * initials, decimals and money (3.5, $5.2bn), ellipses, quotes after the
 * stop ('this." he added' is one sentence), a missing space after a stop
 * ("ended.The"), and blank lines and bullet lines as boundaries.
 */
int		 tt_segment_sentences(const char *s, size_t len, int flags,
		    tt_spans *out);

typedef struct tt_word {
	size_t	 start, end;	/* bytes */
	size_t	 line, col;	/* 1-based; col counts characters */
} tt_word;

typedef struct tt_words {
	tt_word	*v;
	size_t	 n, cap;
} tt_words;

/*
 * Words of s: runs of letters, marks and digits, joined across an inner
 * apostrophe (' or U+2019) or hyphen that has a letter or digit on both
 * sides ("don't", "West's", "well-known").  line0 is the number of s's
 * first line.  Ill-formed UTF-8 never joins a word.
 */
int		 tt_segment_words(const char *s, size_t len, size_t line0,
		    tt_words *out);
void		 tt_words_free(tt_words *);

/* --------------------------------------------------------------- json */

/*
 * A JSON writer into a tt_buf, for JSON Lines.  Strings are escaped as
 * RFC 8259 requires (plus U+2028/U+2029, for JavaScript); ill-formed UTF-8
 * becomes U+FFFD.  Doubles that are not finite are written as null.
 * Errors (a value where a key is needed, nesting deeper than
 * TT_JSON_MAXDEPTH, an end that does not match) are sticky: every later
 * call returns the first error, and tt_json_line() reports it.
 */
#define TT_JSON_MAXDEPTH	32

typedef struct tt_json {
	tt_buf		*out;
	int		 depth;
	int		 err;
	unsigned char	 stack[TT_JSON_MAXDEPTH];	/* '{' or '[' */
	unsigned char	 count[TT_JSON_MAXDEPTH];	/* items so far, capped */
	int		 want_value;			/* after a key */
} tt_json;

void		 tt_json_init(tt_json *, tt_buf *out);
int		 tt_json_object(tt_json *);
int		 tt_json_array(tt_json *);
int		 tt_json_end(tt_json *);
int		 tt_json_key(tt_json *, const char *);
int		 tt_json_str(tt_json *, const char *, size_t);
int		 tt_json_cstr(tt_json *, const char *);	/* NULL gives null */
int		 tt_json_int(tt_json *, long long);
int		 tt_json_double(tt_json *, double);
int		 tt_json_bool(tt_json *, int);
int		 tt_json_null(tt_json *);
/* End of one JSON Lines record: checks it is complete, appends "\n". */
int		 tt_json_line(tt_json *);
/* Append s as a quoted JSON string. */
int		 tt_json_escape(tt_buf *, const char *, size_t);

/* ---------------------------------------------------------- summarize */

/*
 * Extractive summaries: tt_summarize() splits a UTF-8 text into a title
 * (a first paragraph of one line without final punctuation) and sentences,
 * scores every sentence and marks the ones chosen.  The handle keeps the
 * sentences until the next call; offsets are into the text given.
 */
typedef struct tt_summarizer tt_summarizer;

enum { TT_SUM_RANK, TT_SUM_LEAD };

typedef struct tt_sum_opts {
	int		 method;	/* TT_SUM_RANK or TT_SUM_LEAD */
	size_t		 n;		/* sentences wanted ... */
	double		 ratio;		/* ... or this share of them (> 0) */
	size_t		 words;		/* ... or up to this many words (> 0) */
	/* Ranker weights for experiments, NULL for the defaults: content
	 * words, centrality, title, position, redundancy, length; < 0 =
	 * default. */
	const double	*weights;
} tt_sum_opts;

typedef struct tt_summary {
	size_t	 n;			/* sentences in the text */
	int	 has_title;
	size_t	 title_start, title_end;
} tt_summary;

typedef struct tt_sum_sent {
	size_t	 start, end;		/* bytes; no leading "(CNN)" marker */
	double	 score;
	int	 chosen;
} tt_sum_sent;

tt_summarizer	*tt_summarizer_new(void);
int		 tt_summarize(tt_summarizer *, const char *, size_t,
		    const tt_sum_opts *, tt_summary *, tt_err *);
size_t		 tt_summary_count(const tt_summarizer *);
void		 tt_summary_sentence(const tt_summarizer *, size_t,
		    tt_sum_sent *);
/* Spans of the k words that carry the text (as first written). */
int		 tt_summary_keywords(tt_summarizer *, size_t k, tt_spans *);
void		 tt_summarizer_free(tt_summarizer *);

/* -------------------------------------------------------------- clean */

/*
 * tt-clean's steps, in the order they run.  A tt_clean handle takes the
 * bytes of one document after another (tt_clean_feed() any number of
 * times, then tt_clean_finish()) and appends the cleaned UTF-8 text to
 * out; memory stays bounded whatever the size of the input or of a line.
 */
enum {
	TT_STEP_ENCODING = 0x01,	/* detect, convert to UTF-8 */
	TT_STEP_MOJIBAKE = 0x02,	/* undo UTF-8 read as windows-1252 ... */
	TT_STEP_UNICODE = 0x04,		/* NFC, controls, zero-width, NBSP */
	TT_STEP_WHITESPACE = 0x08,	/* trim, collapse, blank lines */
	TT_STEP_BOILERPLATE = 0x10,	/* menus, sign-up boxes, footers */
	TT_STEP_DEDUPE = 0x20,		/* a paragraph printed twice */
	TT_STEP_ALL = 0x3F
};

typedef struct tt_clean tt_clean;

typedef struct tt_clean_opts {
	unsigned	 steps;		/* TT_STEP_*; 0 = all */
	const char	*encoding;	/* force the input encoding, or NULL */
	int		 ascii;		/* curly quotes, dashes, ellipses to ASCII */
	const char	*rules;		/* boilerplate rules added to the built-in */
	size_t		 rules_len;
	size_t		 maxline;	/* longest line judged; 0 = 1 MiB; at
					 * most 256 MiB */
	unsigned	 threads;	/* working on the text, the caller's
					 * included; 0 or 1: the caller's */
} tt_clean_opts;

#define TT_CLEAN_THREADS_MAX	16

/* Each dropped or changed line: before (and after, NULL if dropped). */
typedef void	 tt_explain_cb(void *arg, size_t lineno, const char *step,
		    const char *rule, const char *before, size_t blen,
		    const char *after, size_t alen);

/* Repair UTF-8 read as windows-1252/latin-1 in s (see tt-clean(1)):
 * appends the result to out, returns the sequences repaired (>= 0). */
int		 tt_mojibake_fix(const char *s, size_t len, tt_buf *out);

/* Parse "encoding,unicode" into a step mask. */
int		 tt_clean_steps(const char *list, unsigned *mask, tt_err *);
tt_clean	*tt_clean_new(const tt_clean_opts *, tt_err *);
void		 tt_clean_explain(tt_clean *, tt_explain_cb *, void *);
int		 tt_clean_feed(tt_clean *, const char *, size_t, tt_buf *out,
		    tt_err *);
int		 tt_clean_finish(tt_clean *, tt_buf *out, tt_err *);
/* Append to out all that can be decided of what was fed (with threads,
 * some of it may still be worked on): for a caller about to wait for
 * more input. */
int		 tt_clean_sync(tt_clean *, tt_buf *out, tt_err *);
/* The encoding decided for the document (NULL before it is). */
const char	*tt_clean_encoding(const tt_clean *);
/* Bytes replaced by U+FFFD so far. */
size_t		 tt_clean_replaced(const tt_clean *);
void		 tt_clean_free(tt_clean *);

/* ------------------------------------------------------------ extract */

/*
 * The article of a saved HTML page: its text and metadata.  The page's
 * encoding is decided as a browser would (BOM, <meta charset>, then
 * detection) unless opts.encoding forces one.  Input with no markup is
 * taken as plain text and its paragraphs pass through.
 */
enum tt_format { TT_FMT_TEXT, TT_FMT_MARKDOWN };

typedef struct tt_extract_opts {
	int		 format;	/* enum tt_format */
	int		 links;		/* markdown: [text](url) */
	const char	*encoding;	/* NULL: decide */
} tt_extract_opts;

typedef struct tt_article {
	tt_buf		 text;		/* blocks separated by blank lines */
	char		*title, *byline, *date, *site, *lang, *url;
	char		*description;	/* NULL when the page has none */
	char		 encoding[32];	/* what the page was read as */
	int		 html;		/* 0: plain text passed through */
	size_t		 replaced;	/* bytes not valid in the encoding */
} tt_article;

typedef struct tt_extractor tt_extractor;

tt_extractor	*tt_extractor_new(const tt_extract_opts *, tt_err *);
/* Fill a (emptied first).  TT_EPARSE for binary input. */
int		 tt_extract(tt_extractor *, const char *, size_t,
		    tt_article *a, tt_err *);
void		 tt_article_free(tt_article *);
void		 tt_extractor_free(tt_extractor *);

/* --------------------------------------------------------------- typo */

/*
 * Typos in prose, against the English dictionary built from SCOWL and
 * embedded in the library.  What is checked: words of letters with inner
 * apostrophes and hyphens; not URLs, e-mail addresses, paths, @handles,
 * #tags, words with digits, CamelCase, snake_case, ALL-CAPS acronyms or
 * `code spans`.  A capitalized word the dictionary lacks is a name unless
 * it opens a sentence or stands in a title-case headline, and even then a
 * name if the text also has it inside a sentence.
 */
enum { TT_TYPO_US, TT_TYPO_GB };

typedef struct tt_typo_opts {
	int		 lang;		/* TT_TYPO_US (default) or _GB */
	size_t		 max_sugg;	/* suggestions per finding (0: 5) */
} tt_typo_opts;

typedef struct tt_typo_hit {
	size_t		 start, end;	/* bytes of the word in the text */
	size_t		 line, col;	/* 1-based; col counts characters */
	const char	*const *sugg;	/* likeliest first, case as needed */
	size_t		 nsugg;
	double		 confidence;	/* of the first suggestion, 0..1 */
	int		 fix;		/* confident enough for --fix */
	int		 ok;		/* TT_TYPO_ALL: a word that is right */
} tt_typo_hit;

/* Return nonzero to stop the check. */
typedef int	 tt_typo_cb(const tt_typo_hit *, void *);

typedef struct tt_typo tt_typo;

tt_typo		*tt_typo_new(const tt_typo_opts *, tt_err *);
/* Accept w from now on (a personal word list). */
int		 tt_typo_accept(tt_typo *, const char *w, size_t n);
/* Is w a word (dictionary or accepted)? */
int		 tt_typo_known(tt_typo *, const char *w, size_t n);
/*
 * Check text; hits go to cb in order.  TT_TYPO_LINE: text is one line
 * of a longer document (the ispell protocol): no document-wide evidence
 * about names, and a person weighs each hit: unseen words of SCOWL's
 * rarest lists near a common word are hits too (tt-typo(1), -a).
 * Returns the number of hits, or a TT_E* code.
 */
#define TT_TYPO_LINE	0x01
#define TT_TYPO_ALL	0x02	/* also call cb for each right word (ok) */
int		 tt_typo_check(tt_typo *, const char *text, size_t len,
		    int flags, tt_typo_cb *, void *, tt_err *);
/* Suggestions for one word, as tt_typo_check() would give them. */
size_t		 tt_typo_suggest(tt_typo *, const char *w, size_t n,
		    const char *const **sugg);
/*
 * One line of the ispell pipe protocol (see tt-typo(1), -a): the answer
 * goes to out.  *terse is the mode, kept by the caller between lines;
 * words the line adds to the personal list ("*word") are appended to
 * added, one a line.  Returns 1 when the line asks to save the personal
 * list ("#"), else 0, or a TT_E* code.
 */
int		 tt_typo_ispell(tt_typo *, const char *line, size_t n,
		    int *terse, tt_buf *added, tt_buf *out);
/* Is the line a command of the protocol (it sets a mode or the word
 * lists and checks nothing: "!", "%", "*word", "@word", "#" ...) rather
 * than text to check? */
int		 tt_typo_ispell_command(const char *line, size_t n);
void		 tt_typo_free(tt_typo *);

#endif /* TT_H */

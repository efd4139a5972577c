/* clean_int.h: what tt-clean's steps (clean.c, mojibake.c, boilerplate.c,
 * dedupe.c) share inside lib/. */
#ifndef CLEAN_INT_H
#define CLEAN_INT_H

#include "tt.h"

/* The boilerplate step judges a document's lines together: it holds at
 * most this many lines and bytes of one, and judges what it holds when
 * either is reached (a form feed line or the end of the input ends a
 * document sooner). */
#define TT_CLEAN_DOC_LINES	4096
#define TT_CLEAN_DOC_BYTES	(4u << 20)
/* A longer line is passed in pieces (the most tt_clean_opts.maxline may
 * ask for). */
#define TT_CLEAN_MAXLINE	(256u << 20)

/*
 * A line held.  Kept small (88 bytes): a batch holds thousands, and each
 * is gone through by the thread that cuts it, the one that judges it and
 * the one that writes it.  Offsets in a line are 32 bits: a line judged
 * has at most TT_CLEAN_MAXLINE bytes.
 */
struct tt_cline {
	tt_buf	 text;		/* after the line steps, no newline */
	size_t	 lineno;
	const char *why;	/* dropped by this boilerplate rule */
	uint64_t keys;		/* the keyed rules that may match */
	uint32_t words;		/* 0 until measured */
	uint32_t stops;
	uint32_t core_at, core_len;	/* without white space around and
					 * a bullet */
	uint32_t tab;		/* where the first tab is, or the length */
	uint32_t khash;		/* a short list item's hash, for kickers */
	uint64_t fp;		/* dedupe's fingerprint of the line ... */
	unsigned char fp_ok;	/* ... if it is long enough to compare */
	unsigned char piece;	/* part of a line too long to judge */
	unsigned char piece_more; /* ... and more of it follows */
	unsigned char blank;
	unsigned char sep;	/* a form feed line: a document ends */
	unsigned char drop;	/* decided: not text */
	unsigned char judged;
	unsigned char prose;	/* ends like a sentence */
	unsigned char period;	/* ... with a full stop */
	unsigned char ascii;	/* no byte beyond ASCII */
	unsigned char bullet;	/* a lynx list item: "* Text", "+ Text" ... */
	unsigned char ends;	/* a rule said the text ends here */
};

typedef struct tt_boiler tt_boiler;
typedef struct tt_dedupe tt_dedupe;

/* Is s[0..len) white space only?  (Inline: asked of every line, and most
 * answer no at their first byte.) */
static inline int
tt_clean_is_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f' && s[i] != '\v')
			return 0;
	return 1;
}
/* Tell the explain callback: line lineno, before -> after (NULL: dropped). */
void	 tt_clean_note(tt_clean *, size_t lineno, const char *step,
	    const char *rule, const char *before, size_t blen,
	    const char *after, size_t alen);
int	 tt_clean_explaining(const tt_clean *);

/* The line steps on line lineno (for the notes); tmp is theirs to use.
 * They may run on several threads at once. */
int	 tt_mojibake_line(tt_clean *, size_t lineno, tt_buf *line,
	    tt_buf *tmp);
int	 tt_unicode_line(tt_clean *, size_t lineno, tt_buf *line, tt_buf *tmp,
	    int ascii);
int	 tt_whitespace_line(tt_clean *, size_t lineno, tt_buf *line,
	    tt_buf *tmp);

tt_boiler *tt_boiler_new(const char *rules, size_t len, tt_err *);
void	 tt_boiler_document(tt_boiler *, struct tt_cline **lines, size_t n);
/* What tt_boiler_document() needs of a line by itself (once): for a
 * caller that has the line at hand, as its line steps end. */
void	 tt_boiler_line(tt_boiler *, struct tt_cline *);
/* Tests: tt_boiler_line() counts words with its loop over the bytes
 * alone (by masks of 64 bytes otherwise), to compare the two. */
extern int tt_boiler_slow_words;
/* Tests: every keyed rule is tried on every line short enough, as if it
 * held all the keys, to show that the keys skip no line a rule takes. */
extern int tt_boiler_all_keys;
/* Could NFC change a text holding cp?  (The unicode step normalizes only
 * lines with such a character.) */
int	 tt_clean_nfc_maybe(int32_t cp);
/* Compile every rule now (they are compiled when first tried); the
 * number that do not compile. */
int	 tt_boiler_compile_all(tt_boiler *);
void	 tt_boiler_free(tt_boiler *);

tt_dedupe *tt_dedupe_new(void);
/* The line's fingerprint, for tt_dedupe_judge(): by itself, on any
 * thread. */
void	 tt_dedupe_fingerprint(struct tt_cline *);
void	 tt_dedupe_judge(tt_dedupe *, tt_clean *, struct tt_cline *);
void	 tt_dedupe_reset(tt_dedupe *);
void	 tt_dedupe_free(tt_dedupe *);

#endif /* CLEAN_INT_H */

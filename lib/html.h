/* html.h: the compact DOM that lib/html builds with libxml2's SAX parser,
 * shared by lib/html.c and lib/extract.c. */
#ifndef TT_HTML_H
#define TT_HTML_H

#include "tt_int.h"

/* Elements tt knows by name; anything else is H_OTHER. */
enum htag {
	H_OTHER, H_TEXT,
	/* inline */
	H_A, H_ABBR, H_B, H_BDI, H_BDO, H_BIG, H_BR, H_CITE, H_CODE, H_DATA,
	H_DEL, H_DFN, H_EM, H_FONT, H_I, H_IMG, H_INS, H_KBD, H_LABEL, H_MARK,
	H_Q, H_RB, H_RP, H_RT, H_RTC, H_RUBY, H_S, H_SAMP, H_SMALL, H_SPAN,
	H_STRIKE, H_STRONG, H_SUB, H_SUP,
	H_TIME, H_TT, H_U, H_VAR, H_WBR, H_NOBR,
	/* block */
	H_ADDRESS, H_ARTICLE, H_ASIDE, H_BLOCKQUOTE, H_BODY, H_CAPTION,
	H_CENTER, H_DD, H_DETAILS, H_DIALOG, H_DIR, H_DIV, H_DL, H_DT,
	H_FIELDSET, H_FIGCAPTION, H_FIGURE, H_FOOTER, H_FORM, H_H1, H_H2, H_H3,
	H_H4, H_H5, H_H6, H_HEADER, H_HGROUP, H_HR, H_HTML, H_LEGEND, H_LI,
	H_MAIN, H_MENU, H_NAV, H_OL, H_P, H_PRE, H_SECTION, H_SUMMARY,
	H_TABLE, H_TBODY, H_TD, H_TFOOT, H_TH, H_THEAD, H_TR, H_UL,
	/* not text */
	H_AREA, H_AUDIO, H_BASE, H_BUTTON, H_CANVAS, H_EMBED, H_FRAME,
	H_FRAMESET, H_HEAD, H_IFRAME, H_INPUT, H_LINK, H_MAP, H_MATH, H_META,
	H_NOFRAMES, H_NOSCRIPT, H_OBJECT, H_OPTION, H_PARAM, H_PICTURE,
	H_SCRIPT, H_SELECT, H_SOURCE, H_STYLE, H_SVG, H_TEMPLATE, H_TEXTAREA,
	H_TITLE, H_TRACK, H_VIDEO,
	H_NTAGS
};

#define H_IS_INLINE(t)	((t) >= H_A && (t) <= H_NOBR)
#define H_IS_HEADING(t)	((t) >= H_H1 && (t) <= H_H6)

/* Hints read from class, id, role and itemprop (node.hint). */
enum {
	HINT_POS	= 0x01,	/* article, content, story, post body ... */
	HINT_NEG	= 0x02,	/* comment, sidebar, footer, related, share ... */
	HINT_BODY	= 0x04,	/* itemprop=articleBody and the like */
	HINT_CAPTION	= 0x08,	/* caption, credit */
	HINT_META	= 0x10,	/* byline, dateline, author, tags */
	HINT_NAV	= 0x20,	/* nav, menu, breadcrumb */
	HINT_COMMENT	= 0x40,	/* readers' comments */
	HINT_PART	= 0x80	/* a part of the text set apart: ingredients */
};

typedef struct hnode {
	uint32_t	 parent, first, last, next;	/* 0: none */
	uint32_t	 end;		/* last node of the subtree */
	uint32_t	 text, len;	/* text nodes: bytes in doc.text */
	uint32_t	 href;		/* <a>: offset+1 in doc.attr, 0: none */
	uint16_t	 tag;
	uint8_t		 hint;		/* HINT_* of this element */
	uint8_t		 inh;		/* HINT_* of it and its ancestors */
	uint8_t		 negs;		/* elements with HINT_COMMENT above */
	/* filled by extract */
	uint32_t	 chars, links;	/* letters and digits; of them in <a> */
} hnode;

typedef struct hmeta {
	char		*key;		/* "og:title", "description", "ld" ... */
	char		*val;
} hmeta;

typedef struct hdoc {
	hnode		*n;		/* n[0] is the document */
	size_t		 nn, ncap;
	tt_buf		 text;		/* text of the text nodes */
	tt_buf		 attr;		/* hrefs, NUL-terminated */
	hmeta		*meta;
	size_t		 nmeta, metacap;
	char		*title;		/* <title> */
	char		*lang;		/* <html lang> */
	int		 oom;
} hdoc;

/* Parse UTF-8 HTML (s need not be NUL-terminated) into d. */
int	html_parse(const char *s, size_t len, hdoc *d, tt_err *);
void	html_free(hdoc *d);
/* The first value of key in the page's metadata, or NULL. */
const char *html_meta(const hdoc *d, const char *key);

#endif /* TT_HTML_H */

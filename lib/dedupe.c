/*
 * dedupe.c: drop a line that repeats one of the last DEDUPE_NEAR lines,
 * the photo caption printed twice.  Lines are compared by their letters
 * and digits, case folded, so "China's" and "China’s" are the same.
 * Short lines are never dropped: a refrain, "Yes.", a repeated heading
 * are what a text says on purpose.
 */
#include <stdlib.h>
#include <string.h>

#include "tt_int.h"
#include "clean_int.h"

#define DEDUPE_WINDOW	32	/* lines remembered */
#define DEDUPE_NEAR	12	/* a repeat further away is on purpose */
#define DEDUPE_WORDS	6	/* shorter lines are kept */

struct tt_dedupe {
	uint64_t	 hash[DEDUPE_WINDOW];
	size_t		 line[DEDUPE_WINDOW];
	size_t		 n, next;
};

tt_dedupe *
tt_dedupe_new(void)
{
	return calloc(1, sizeof(tt_dedupe));
}

void
tt_dedupe_reset(tt_dedupe *d)
{
	d->n = d->next = 0;
}

void
tt_dedupe_free(tt_dedupe *d)
{
	free(d);
}

/* FNV-1a of the line's letters and digits, folded; *words counted. */
static uint64_t
fingerprint(const char *s, size_t len, size_t *words)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i = 0, n;
	int32_t cp;
	int in = 0;

	*words = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			n = 1;
			cp = (unsigned char)s[i];
			if (tt_isascii_alpha(cp) || tt_isascii_digit(cp)) {
				if (!in)
					(*words)++;
				in = 1;
				h = (h ^ (uint64_t)tt_ascii_lower(cp)) *
				    1099511628211ULL;
			} else if (cp != '\'' && in) {
				in = 0;
				h = (h ^ ' ') * 1099511628211ULL;
			}
			i++;
			continue;
		}
		n = tt_utf8_decode(s + i, len - i, &cp);
		if (cp >= 0 && (tt_unicode_is_letter(cp) ||
		    tt_unicode_category(cp) == TT_UCAT_NUMBER)) {
			cp = tt_unicode_tolower(cp);
			if (!in)
				(*words)++;
			in = 1;
			h = (h ^ (uint64_t)cp) * 1099511628211ULL;
		} else if (cp == '\'' || cp == 0x2019) {
			/* inside a word: no break, no mark */
		} else if (in) {
			in = 0;
			h = (h ^ ' ') * 1099511628211ULL;
		}
		i += n;
	}
	return h;
}

void
tt_dedupe_judge(tt_dedupe *d, tt_clean *c, struct tt_cline *l)
{
	size_t words, i;
	uint64_t h = fingerprint(l->text.data, l->text.len, &words);
	char rule[48];

	if (words < DEDUPE_WORDS)
		return;
	for (i = 0; i < d->n; i++)
		if (d->hash[i] == h && l->lineno - d->line[i] <= DEDUPE_NEAR) {
			l->drop = 1;
			snprintf(rule, sizeof(rule), "repeats line %zu",
			    d->line[i]);
			tt_clean_note(c, l->lineno, "dedupe", rule,
			    l->text.data, l->text.len, NULL, 0);
			return;
		}
	d->hash[d->next] = h;
	d->line[d->next] = l->lineno;
	d->next = (d->next + 1) % DEDUPE_WINDOW;
	if (d->n < DEDUPE_WINDOW)
		d->n++;
}

/* Unit tests of lib/dict.c, lib/suggest.c and lib/typo.c. */
#include "tt_test.h"
#include "dict.h"

static tt_typo *
checker(void)
{
	static tt_typo *t;

	if (t == NULL)
		t = tt_typo_new(NULL, NULL);
	return t;
}

struct hits {
	char	 words[8][32];
	char	 first[8][32];
	int	 fix[8];
	size_t	 n;
	const char *text;
};

static int
collect(const tt_typo_hit *h, void *arg)
{
	struct hits *c = arg;

	if (h->ok || c->n >= 8)
		return 0;
	snprintf(c->words[c->n], sizeof(c->words[0]), "%.*s",
	    (int)(h->end - h->start), c->text + h->start);
	snprintf(c->first[c->n], sizeof(c->first[0]), "%s",
	    h->nsugg ? h->sugg[0] : "");
	c->fix[c->n] = h->fix;
	c->n++;
	return 0;
}

static struct hits
check(const char *text)
{
	struct hits c;

	memset(&c, 0, sizeof(c));
	c.text = text;
	tt_typo_check(checker(), text, strlen(text), 0, collect, &c, NULL);
	return c;
}

TEST(typo_dictionary_knows_words)
{
	tt_typo *t = checker();

	CHECK(t != NULL);
	CHECK(tt_typo_known(t, "despite", 7));
	CHECK(tt_typo_known(t, "Despite", 7));		/* sentence start */
	CHECK(tt_typo_known(t, "West's", 6));
	CHECK(tt_typo_known(t, "West\xe2\x80\x99s", 8));	/* curly */
	CHECK(tt_typo_known(t, "don't", 5));
	CHECK(tt_typo_known(t, "well-known", 10));
	CHECK(tt_typo_known(t, "colour", 6));		/* British too */
	CHECK(tt_typo_known(t, "color", 5));
	CHECK(!tt_typo_known(t, "Sespite", 7));
	CHECK(!tt_typo_known(t, "recieve", 7));
	CHECK(tt_typo_known(t, "judgment", 8));	/* variants */
	CHECK(tt_typo_known(t, "judgement", 9));
}

TEST(typo_accepted_words_are_known_at_once)
{
	tt_typo *t = tt_typo_new(NULL, NULL);
	size_t i;

	/* Asked about often (the answers are kept), then accepted: the
	 * kept answers give way. */
	for (i = 0; i < 3; i++) {
		CHECK(!tt_typo_known(t, "frobnicate", 10));
		CHECK(!tt_typo_known(t, "Frobnicate's", 12));
		CHECK(tt_typo_known(t, "despite", 7));
	}
	CHECK(tt_typo_accept(t, "frobnicate", 10) == TT_OK);
	CHECK(tt_typo_known(t, "frobnicate", 10));
	CHECK(tt_typo_known(t, "Frobnicate's", 12));
	CHECK(tt_typo_known(t, "despite", 7));
	/* Words too long to keep, and words that share a slot, answer as
	 * themselves. */
	CHECK(!tt_typo_known(t, "antidisestablishmentarianismx", 29));
	CHECK(tt_typo_known(t, "antidisestablishmentarianism", 28) ==
	    tt_typo_known(t, "antidisestablishmentarianism", 28));
	for (i = 0; i < 5000; i++) {
		char w[16];
		int n = snprintf(w, sizeof(w), "zq%zux", i);

		CHECK(!tt_typo_known(t, w, (size_t)n));
	}
	CHECK(tt_typo_known(t, "despite", 7));
	CHECK(!tt_typo_known(t, "Sespite", 7));
	tt_typo_free(t);
}

TEST(typo_suggests_and_keeps_case)
{
	const char *const *s;
	size_t n = tt_typo_suggest(checker(), "Sespite", 7, &s);

	CHECK(n > 0 && strcmp(s[0], "Despite") == 0);
	n = tt_typo_suggest(checker(), "recieve", 7, &s);
	CHECK(n > 0 && strcmp(s[0], "receive") == 0);
	/* two letters missing, and a sounds-alike spelling */
	n = tt_typo_suggest(checker(), "accomadate", 10, &s);
	CHECK(n > 0 && strcmp(s[0], "accommodate") == 0);
}

/* Each pairs[i][0]'s word pairs[i][1] among the first k suggestions. */
static int
suggested(const char *const (*pairs)[2], size_t n, size_t k)
{
	const char *const *s;
	size_t i, j, ns;
	int ok = 1;

	for (i = 0; i < n; i++) {
		ns = tt_typo_suggest(checker(), pairs[i][0],
		    strlen(pairs[i][0]), &s);
		for (j = 0; j < ns && j < k; j++)
			if (strcmp(s[j], pairs[i][1]) == 0)
				break;
		if (j == ns || j == k) {
			fprintf(stderr, "# %s: %s not in the first %zu (%s)\n",
			    pairs[i][0], pairs[i][1], k, ns ? s[0] : "none");
			ok = 0;
		}
	}
	return ok;
}

/* Misspellings that lack one of the word's sounds and have a vowel wrong
 * as well, so that neither two letters' edits nor the same skeleton
 * finds the word: the index of skeletons less a sound must. */
TEST(typo_suggests_a_sound_short)
{
	static const char *const pairs[][2] = {
		{ "hydoplone", "hydroplane" }, { "imeachong", "impeaching" },
		{ "pockmik", "pockmark" }, { "iridescat", "iridescent" },
		{ "abiveboad", "aboveboard" }, { "rofexives", "reflexives" },
		{ "beotstra", "bootstrap" }, { "wathwerd", "watchword" }
	};

	CHECK(suggested(pairs, TT_NELEM(pairs), 3));
}

/* A word alone three edits or more from the word, its sound lost too:
 * nothing within two edits and no skeleton near, but the common words
 * sharing most of its letter pairs (suggest.c, far()) have it. */
TEST(typo_suggests_far_words_alone)
{
	static const char *const pairs[][2] = {
		{ "philipohy", "philosophy" }, { "aecptabee", "acceptable" },
		{ "cacluatons", "calculations" }, { "deveuupig", "developing" },
		{ "sceietory", "secretary" }, { "scesseully", "successfully" }
	};

	CHECK(suggested(pairs, TT_NELEM(pairs), 1));
}

/* The same in a sentence, where they are shown but never fixed: the
 * decision to fix is taken without them. */
TEST(typo_shows_far_words_in_a_text)
{
	struct hits c = check("The cacluatons were checked twice by the "
	    "sceietory of the club.");

	CHECK(c.n == 2 && strcmp(c.first[0], "calculations") == 0 &&
	    strcmp(c.first[1], "secretary") == 0 && !c.fix[0] && !c.fix[1]);
}

/* A word alone that lacks two of its letters: a letter left out costs
 * less than one put in too many, so the longer word comes first (with
 * equal costs, "geetc" was "gets" and "exbeant" "extent"; since the
 * ranking of a word alone weighs frequency more, by_score(), exuberant
 * is second, to excellent). */
TEST(typo_suggests_letters_left_out)
{
	static const char *const pairs[][2] = {
		{ "siverwae", "silverware" }, { "geetc", "genetic" },
		{ "muffrs", "mufflers" }, { "toigt", "tonight" },
		{ "viating", "violating" }, { "retif", "rectify" },
		{ "brghly", "brightly" }
	};
	static const char *const second[][2] = {
		{ "exbeant", "exuberant" }
	};

	CHECK(suggested(pairs, TT_NELEM(pairs), 1));
	CHECK(suggested(second, TT_NELEM(second), 2));
}

/* A word alone, spelt as it sounds: of the words its letters put near,
 * the one that sounds like it comes first ("kwality" was "reality",
 * "galaksies" "glasses"); the rare interceded second, to the common
 * interested (by_score()). */
TEST(typo_suggests_by_sound_alone)
{
	static const char *const pairs[][2] = {
		{ "kwality", "quality" }, { "ackwitted", "acquitted" },
		{ "galaksies", "galaxies" }, { "restling", "wrestling" },
		{ "filtched", "filched" }
	};
	static const char *const second[][2] = {
		{ "interseded", "interceded" }
	};

	CHECK(suggested(pairs, TT_NELEM(pairs), 1));
	CHECK(suggested(second, TT_NELEM(second), 2));
}

/* A sound spelled another way costs one small step, not the letters'
 * edits one by one (suggest.c, spellings[]): without it "fonetic" was
 * "fanatic", "kwik" "kick", "nife" "nice", "akshun" "account".
 * "practicle" may write practically's sounds as well as practical's
 * ("-cly"): the more frequent comes first (by_score()). */
TEST(typo_suggests_other_spellings_of_a_sound)
{
	static const char *const pairs[][2] = {
		{ "fonetic", "phonetic" }, { "kwik", "quick" },
		{ "stashun", "station" }, { "sience", "science" },
		{ "nife", "knife" }, { "akshun", "action" },
		{ "tecnicle", "technical" }
	};
	static const char *const second[][2] = {
		{ "practicle", "practical" }
	};

	CHECK(suggested(pairs, TT_NELEM(pairs), 1));
	CHECK(suggested(second, TT_NELEM(second), 2));
}

/* A word alone: its candidates ranked again with how its letters could
 * write their sounds (suggest.c, by_score()); before session 15, "frinj"
 * was "friend", "fiddeld" "field" and "untitees" "unites". */
TEST(typo_suggests_by_how_words_sound)
{
	static const char *const pairs[][2] = {
		{ "frinj", "fringe" }, { "fiddeld", "fiddled" },
		{ "untitees", "entities" }
	};

	CHECK(suggested(pairs, TT_NELEM(pairs), 1));
}

/*
 * A word alone, American mode: a misspelling nearer the British spelling
 * than the American is the British writer's, and gets the British word
 * first; one nearer the American, or as near both, the American.
 */
TEST(typo_suggests_the_writers_side)
{
	static const char *const british[][2] = {
		{ "favourate", "favourite" }, { "colourfull", "colourful" },
		{ "neighbourood", "neighbourhood" }, { "travellled",
		"travelled" }, { "harbourr", "harbour" }, { "aroplane",
		"aeroplane" }
	};
	static const char *const american[][2] = {
		{ "favorate", "favorite" }, { "colr", "color" },
		{ "neighbrhood", "neighborhood" }, { "centr", "center" }
	};

	CHECK(suggested(british, sizeof(british) / sizeof(british[0]), 1));
	CHECK(suggested(american, sizeof(american) / sizeof(american[0]),
	    1));
}

/* Obscenities and slurs are words, but no correction of another word. */
TEST(typo_never_suggests_obscenities)
{
	const char *const *s;
	size_t i, n;

	CHECK(tt_typo_known(checker(), "shit", 4));
	CHECK(tt_typo_known(checker(), "niggardly", 9));	/* a word */
	n = tt_typo_suggest(checker(), "Sespite", 7, &s);
	CHECK(n > 0);
	for (i = 0; i < n; i++)
		CHECK(strcmp(s[i], "Shit") != 0);
	n = tt_typo_suggest(checker(), "shiit", 5, &s);
	for (i = 0; i < n; i++)
		CHECK(strcmp(s[i], "shit") != 0 && strcmp(s[i], "shits") != 0);
	/* nor as a far candidate (nothing within two edits), nor in the
	 * possessive */
	n = tt_typo_suggest(checker(), "fagguottt", 9, &s);
	CHECK(n > 0);
	for (i = 0; i < n; i++)
		CHECK(strcmp(s[i], "faggot") != 0);
	n = tt_typo_suggest(checker(), "nigggahs", 8, &s);
	CHECK(n > 0);
	for (i = 0; i < n; i++)
		CHECK(strcmp(s[i], "nigga's") != 0);
	/* an insult, as hunspell's list has none */
	n = tt_typo_suggest(checker(), "dikhead", 7, &s);
	for (i = 0; i < n; i++)
		CHECK(strcmp(s[i], "dickhead") != 0);
	/* a word that only looks like one is still offered */
	n = tt_typo_suggest(checker(), "niggardy", 8, &s);
	CHECK(n > 0 && strcmp(s[0], "niggardly") == 0);
}

TEST(typo_headline_and_names)
{
	struct hits c = check("Minister Visits Belarus in Show of Support "
	    "Sespite Objections\n\nGen. Li Shangfu met Sergei Shoigu on "
	    "Monday, the TASS agency said. (Pavel Bednyakov, Sputnik)\n");

	CHECK_INT(c.n, 1);
	CHECK(strcmp(c.words[0], "Sespite") == 0);
	CHECK(strcmp(c.first[0], "Despite") == 0);
	CHECK(c.fix[0]);
}

TEST(typo_name_evidence_from_the_document)
{
	/* Okafro opens a sentence, but the text also has it inside one:
	 * a name.  Recieved has no such excuse. */
	struct hits c = check("Okafro spoke first. The motion of Councillor "
	    "Okafro passed. Recieved well, it was.\n");

	CHECK_INT(c.n, 1);
	CHECK(strcmp(c.words[0], "Recieved") == 0);
}

TEST(typo_skips_what_is_not_prose)
{
	struct hits c = check("Mail jdoe@exmaple.org or see "
	    "https://exmaple.org/pgae and /usr/shrae/doc, ping @jdoee "
	    "about #releasse, run `aptt install`, NASAA and iPhoen and "
	    "snake_caes and x86_64 are fine.\n");

	CHECK_INT(c.n, 0);
}

TEST(typo_compound_parts)
{
	struct hits c = check("It was a never-endding story.\n");

	CHECK_INT(c.n, 1);
	CHECK(strcmp(c.words[0], "endding") == 0);
}

/* tt_typo_ispell()'s answer to one line, as a string ("" on an error). */
static const char *
ispell_answer(tt_typo *t, const char *line, tt_buf *out, tt_buf *added)
{
	int terse = 0;

	out->len = 0;
	if (tt_typo_ispell(t, line, strlen(line), &terse, added, out) != 0)
		return "";
	tt_buf_putc(out, '\0');
	return out->data;
}

TEST(typo_ispell_protocol)
{
	tt_buf out = { 0 }, added = { 0 };
	int terse = 0;
	tt_typo *t = tt_typo_new(NULL, NULL);

	CHECK_INT(tt_typo_ispell(t, "^hello wrold\n", 13, &terse, &added,
	    &out), 0);
	CHECK(strncmp(out.data, "*\n& wrold ", 10) == 0);
	CHECK(out.len >= 2 && out.data[out.len - 1] == '\n' &&
	    out.data[out.len - 2] == '\n');
	tt_buf_putc(&out, '\0');	/* for strstr() */
	CHECK(strstr(out.data, " 7: world") != NULL);	/* '^' counts */
	out.len = 0;
	CHECK_INT(tt_typo_ispell(t, "!", 1, &terse, &added, &out), 0);
	CHECK_INT(terse, 1);
	CHECK_INT(tt_typo_ispell(t, "*wrold", 6, &terse, &added, &out), 0);
	CHECK(added.len == 6 && memcmp(added.data, "wrold\n", 6) == 0);
	CHECK_INT(tt_typo_ispell(t, "^hello wrold", 12, &terse, &added, &out),
	    0);
	CHECK(out.len == 1 && out.data[0] == '\n');	/* terse, all right */
	CHECK_INT(tt_typo_ispell(t, "#", 1, &terse, &added, &out), 1);
	tt_buf_free(&out);
	tt_buf_free(&added);
	tt_typo_free(t);
}

/* SCOWL's less common spelling variants (variant_2) are doubted with -a
 * as the rarest words are, and never suggested; a lint or a fix lets
 * them be.  Its common variants (variant_1) are words like any. */
TEST(typo_ispell_doubts_rarer_variants)
{
	tt_buf out = { 0 }, added = { 0 };
	tt_typo *t = tt_typo_new(NULL, NULL);
	const char *a = ispell_answer(t, "^dependance surprize judgement",
	    &out, &added);

	CHECK(strncmp(a, "& dependance ", 13) == 0);
	CHECK(strstr(a, ": dependence,") != NULL);
	CHECK(strstr(a, "& surprize ") != NULL);
	CHECK(strstr(a, ": surprise,") != NULL);
	CHECK(strstr(a, "judgement") == NULL);
	a = ispell_answer(t, "^dependanse", &out, &added);
	CHECK(strstr(a, ": dependence,") != NULL);
	CHECK(strstr(a, "dependance,") == NULL);
	CHECK(check("Its dependance on imports will surprize nobody.").n == 0);
	tt_buf_free(&out);
	tt_buf_free(&added);
	tt_typo_free(t);
}

/* The language model's numbers as dictgen stored them (lib/dict.h). */
static unsigned
freq_of(const tt_dictv *v, const char *w)
{
	uint32_t off = tt_dict_find(v, w, strlen(w));

	return off ? tt_dict_freq(v, off) : 0;
}

static uint32_t
h(const char *w)
{
	return tt_dict_hash(w, strlen(w));
}

/* The pronunciations as dictgen stored them: a word's phones, those of
 * its lowercase form, and how likely a phone is written one way or
 * another. */
TEST(dict_sounds)
{
	tt_dictv v;
	const unsigned char *night, *knight, *phone, *fone, *cap;
	unsigned f;

	CHECK(tt_dict_open(&v) == 0);
	CHECK(v.nphone >= 30 && v.nsound > 50000);
	night = tt_dict_sound(&v, tt_dict_find(&v, "night", 5));
	knight = tt_dict_sound(&v, tt_dict_find(&v, "knight", 6));
	phone = tt_dict_sound(&v, tt_dict_find(&v, "phone", 5));
	fone = tt_dict_sound(&v, tt_dict_find(&v, "fan", 3));
	cap = tt_dict_sound(&v, tt_dict_find(&v, "London", 6));
	CHECK(night != NULL && knight != NULL && phone != NULL &&
	    fone != NULL && cap != NULL);
	if (night == NULL || knight == NULL || phone == NULL || fone == NULL)
		return;
	CHECK(strcmp((const char *)night, (const char *)knight) == 0);
	CHECK(strlen((const char *)phone) == 3 && phone[0] == fone[0]);
	CHECK(tt_dict_sound(&v, tt_dict_find(&v, "qwzx", 4)) == NULL);
	/* "phone"'s first phone: written f far likelier than ph, and ph
	 * far likelier than x */
	f = phone[0] - 1u;
	CHECK(v.phone_spell[tt_dict_chunk("f", 1) * v.nphone + f] >
	    v.phone_spell[tt_dict_chunk("ph", 2) * v.nphone + f]);
	CHECK(v.phone_spell[tt_dict_chunk("ph", 2) * v.nphone + f] >
	    v.phone_spell[tt_dict_chunk("x", 1) * v.nphone + f] + 300);
}

TEST(dict_language_model)
{
	tt_dictv v;

	CHECK(tt_dict_open(&v) == 0);
	/* -20 log10 P: smaller is commoner; 0 is a word the model lacks */
	CHECK(freq_of(&v, "the") > 0 && freq_of(&v, "the") < 40);
	CHECK(freq_of(&v, "xylophone") > freq_of(&v, "house"));
	CHECK(freq_of(&v, "house") > freq_of(&v, "the"));
	CHECK(tt_dict_find(&v, "qwzx", 4) == 0);
	/* bigrams: "of the" is common, "the of" far rarer or absent */
	CHECK(tt_dict_pair(&v, h("of"), h("the"), NULL) > 0);
	CHECK(tt_dict_pair(&v, h("of"), h("the"), NULL) <
	    (tt_dict_pair(&v, h("the"), h("of"), NULL) ?
	    tt_dict_pair(&v, h("the"), h("of"), NULL) : 255));
	CHECK(tt_dict_pair(&v, h("<s>"), h("the"), NULL) > 0);
	/* trigrams */
	CHECK(tt_dict_tri(&v, h("one"), h("of"), h("the")) > 0);
	CHECK(tt_dict_tri(&v, h("of"), h("one"), h("qwzx")) == 0);
}

/* The far candidates' index as dictgen wrote it: each list's words are
 * words of the index with that pair, in the order of their keys; each
 * word's key and number of pairs are its own; common words are in it,
 * rare ones and names not. */
TEST(dict_far_index)
{
	tt_dictv v;
	uint16_t pr[TT_DICT_MAXWORD + 2];
	uint32_t p, j, k, bad = 0, off;
	int found = 0;

	CHECK(tt_dict_open(&v) == 0);
	CHECK(v.nfar > 10000);
	for (p = 0; p < TT_DICT_NPAIR; p++) {
		CHECK(v.fstart[p] <= v.fstart[p + 1]);
		for (j = v.fstart[p]; j < v.fstart[p + 1]; j++) {
			const char *w;
			size_t n;
			int m, i, has = 0;

			k = v.flist[j];
			if (k >= v.nfar) {
				bad++;
				break;
			}
			if (j > v.fstart[p] && v.fkeys[v.flist[j - 1]] >
			    v.fkeys[k])
				bad++;
			w = tt_dict_word(&v, v.foffs[k], NULL);
			n = tt_dict_len(&v, v.foffs[k]);
			m = tt_dict_pairs(w, n, pr);
			for (i = 0; i < m; i++)
				has |= pr[i] == p;
			if (!has || m != v.fnpairs[k] ||
			    v.fkeys[k] != tt_dict_farkey(w[0], n))
				bad++;
		}
	}
	CHECK_INT(bad, 0);
	off = tt_dict_find(&v, "calculations", 12);
	for (k = 0; k < v.nfar; k++)
		found |= v.foffs[k] == off;
	CHECK(off != 0 && found);
	off = tt_dict_find(&v, "octahedron", 10);
	for (k = 0, found = 0; k < v.nfar; k++)
		found |= v.foffs[k] == off;
	CHECK(off != 0 && !found);
}

TEST(typo_context_ranks_candidates)
{
	struct hits a = check("We went to the bech today.");
	struct hits b = check("He sat on the bech outside.");

	CHECK(a.n == 1 && strcmp(a.first[0], "beach") == 0);
	CHECK(b.n == 1 && strcmp(b.first[0], "bench") == 0);
}

TEST(typo_real_word_slip)
{
	struct hits a = check("She wull be there tomorrow morning.");
	struct hits b = check("The old mill stood by the mere at dusk.");

	CHECK(a.n == 1 && strcmp(a.words[0], "wull") == 0 &&
	    strcmp(a.first[0], "will") == 0 && a.fix[0]);
	CHECK(b.n == 0);
}

/* -a doubts a word only SCOWL's rarest lists have and the model never saw
 * when a common word is an edit away; the same word in a lint or a fix
 * passes, as do the rare words with no such neighbour and a common word
 * with an ending the model lacks. */
TEST(typo_ispell_doubts_unseen_rare_words)
{
	tt_buf out = { 0 }, added = { 0 };
	int terse = 0;
	tt_typo *t = tt_typo_new(NULL, NULL);
	struct hits c;
	const char *line = "^positon harassments octahedron";

	CHECK_INT(tt_typo_ispell(t, line, strlen(line), &terse, &added, &out),
	    0);
	tt_buf_putc(&out, '\0');	/* for strstr() */
	CHECK(strncmp(out.data, "& positon ", 10) == 0);
	CHECK(strstr(out.data, ": position,") != NULL);
	CHECK(strstr(out.data, "harassments") == NULL);
	CHECK(strstr(out.data, "octahedron") == NULL);
	c = check("The positon of the octahedron is fixed.");
	CHECK(c.n == 0);
	out.len = 0;
	CHECK_INT(tt_typo_ispell(t, "@positon", 8, &terse, &added, &out), 0);
	CHECK_INT(tt_typo_ispell(t, line, strlen(line), &terse, &added, &out),
	    0);
	tt_buf_putc(&out, '\0');
	CHECK(strstr(out.data, "positon") == NULL);	/* accepted */
	tt_buf_free(&out);
	tt_buf_free(&added);
	tt_typo_free(t);
}

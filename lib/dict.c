/*
 * dict.c: the dictionary scripts/dictgen.c built from SCOWL at build time,
 * embedded in the program with the assembler's .incbin (no file to find
 * at run time; the kernel maps in only the pages a run touches).
 */
#include <string.h>

#include "tt_int.h"
#include "dict.h"

#ifndef TT_DICT_BIN
#error "TT_DICT_BIN: the path of the dictionary built by scripts/dictgen"
#endif

__asm__(
	"	.section .rodata\n"
	"	.balign 16\n"
	"tt_dict_data_:\n"
	"	.incbin \"" TT_DICT_BIN "\"\n"
	"tt_dict_data_end_:\n"
	"	.previous\n");
extern const unsigned char tt_dict_data_[] __asm__("tt_dict_data_");
extern const unsigned char tt_dict_data_end_[] __asm__("tt_dict_data_end_");

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* A cursor over the dictionary's sections: take() hands out the next n
 * bytes, or NULL (and marks the cursor bad) past the end. */
struct cur {
	const unsigned char	*p, *end;
	int			 bad;
};

static const void *
take(struct cur *c, size_t n)
{
	const unsigned char *r = c->p;

	if (c->bad || (size_t)(c->end - c->p) < n) {
		c->bad = 1;
		return NULL;
	}
	c->p += n;
	return r;
}

static uint32_t
take32(struct cur *c)
{
	const unsigned char *q = take(c, 4);

	return q != NULL ? get32(q) : 0;
}

/* The u32 buckets of an index with bits top bits (see dict.h). */
static const uint32_t *
take_buckets(struct cur *c, int bits)
{
	return take(c, (((size_t)1 << bits) + 1) * 4);
}

int
tt_dict_open(tt_dictv *v)
{
	struct cur c = { tt_dict_data_, tt_dict_data_end_, 0 };
	uint32_t blob, bits, nbytes;

	if (take32(&c) != TT_DICT_MAGIC)
		return -1;
	(void)take32(&c);		/* the number of words */
	blob = take32(&c);
	bits = take32(&c);
	v->ndels = take32(&c);
	if (bits > 28)
		return -1;
	v->blob = take(&c, ((size_t)blob + 3) & ~(size_t)3);
	v->hash = take(&c, (size_t)4 << bits);
	v->mask = (1u << bits) - 1;
	v->keys = take(&c, (size_t)v->ndels * 4);
	v->offs = take(&c, (size_t)v->ndels * 4);
	v->nskel = take32(&c);
	v->skeys = take(&c, (size_t)v->nskel * 4);
	v->soffs = take(&c, (size_t)v->nskel * 4);
	v->nskel1 = take32(&c);
	v->s1keys = take(&c, (size_t)v->nskel1 * 4);
	v->s1offs = take(&c, (size_t)v->nskel1 * 4);
	v->dbuck = take_buckets(&c, TT_DICT_DBITS);
	v->sbuck = take_buckets(&c, TT_DICT_SBITS);
	v->s1buck = take_buckets(&c, TT_DICT_S1BITS);
	v->bloom = take(&c, TT_DICT_BLOOM / 8);
	v->npairs = take32(&c);
	v->start_bo = take32(&c) & 255;
	v->end_freq = take32(&c) & 255;
	v->pkeys = take(&c, (size_t)v->npairs * 4);
	v->pvals = take(&c, v->npairs);
	v->pbos = take(&c, v->npairs);
	(void)take(&c, (4 - 2 * (size_t)v->npairs % 4) % 4);	/* padding */
	v->pbuck = take_buckets(&c, TT_DICT_PBITS);
	v->ntris = take32(&c);
	v->tkeys = take(&c, (size_t)v->ntris * 4);
	v->tvals = take(&c, v->ntris);
	(void)take(&c, (4 - (size_t)v->ntris % 4) % 4);
	v->tbuck = take_buckets(&c, TT_DICT_PBITS);
	v->nfar = take32(&c);
	v->nflist = take32(&c);
	if (v->nfar > UINT16_MAX)
		return -1;
	v->fstart = take(&c, (TT_DICT_NPAIR + 1) * 4);
	v->foffs = take(&c, (size_t)v->nfar * 4);
	v->fkeys = take(&c, ((size_t)v->nfar * 2 + 3) & ~(size_t)3);
	v->fnpairs = take(&c, ((size_t)v->nfar + 3) & ~(size_t)3);
	v->flist = take(&c, ((size_t)v->nflist * 2 + 3) & ~(size_t)3);
	v->nsound = take32(&c);
	nbytes = take32(&c);
	v->nphone = take32(&c);
	if (v->nphone > 255)
		return -1;
	v->phoffs = take(&c, (size_t)v->nsound * 4);
	v->phat = take(&c, (size_t)v->nsound * 4);
	v->phones = take(&c, ((size_t)nbytes + 3) & ~(size_t)3);
	v->phone_spell = take(&c, ((size_t)v->nphone * TT_DICT_NCHUNK * 2 + 3) &
	    ~(size_t)3);
	if (c.bad || c.p != c.end || (nbytes > 0 && v->phones[nbytes - 1] != 0)
	    || (v->nsound > 0 && v->phat[v->nsound - 1] >= nbytes))
		return -1;
	/* each index's last bucket is its length */
	if (v->dbuck[(size_t)1 << TT_DICT_DBITS] != v->ndels ||
	    v->sbuck[(size_t)1 << TT_DICT_SBITS] != v->nskel ||
	    v->s1buck[(size_t)1 << TT_DICT_S1BITS] != v->nskel1 ||
	    v->pbuck[(size_t)1 << TT_DICT_PBITS] != v->npairs ||
	    v->tbuck[(size_t)1 << TT_DICT_PBITS] != v->ntris ||
	    v->fstart[TT_DICT_NPAIR] != v->nflist)
		return -1;
	return 0;
}

const unsigned char *
tt_dict_sound(const tt_dictv *v, uint32_t off)
{
	uint32_t a = 0, b = v->nsound;

	while (a < b) {
		uint32_t mid = a + (b - a) / 2;

		if (v->phoffs[mid] < off)
			a = mid + 1;
		else
			b = mid;
	}
	return a < v->nsound && v->phoffs[a] == off ? v->phones + v->phat[a] :
	    NULL;
}

uint32_t
tt_dict_find(const tt_dictv *v, const char *w, size_t n)
{
	uint32_t h = tt_dict_hash(w, n) & v->mask, e;

	if (n == 0 || n >= TT_DICT_MAXWORD)
		return 0;
	while ((e = v->hash[h]) != 0) {
		const char *s = (const char *)v->blob + e;	/* e = off + 1 */

		if (s[0] == w[0] && s[n] == '\0' && memcmp(s, w, n) == 0)
			return e - 1;
		h = (h + 1) & v->mask;
	}
	return 0;
}

int
tt_dict_info(const tt_dictv *v, const char *w, size_t n)
{
	uint32_t off = tt_dict_find(v, w, n);

	return off == 0 ? -1 : v->blob[off];
}

unsigned
tt_dict_pair(const tt_dictv *v, uint32_t first, uint32_t second,
    unsigned *bo)
{
	uint32_t key = tt_dict_pairkey(first, second), lo, hi;

	tt_dict_range(v->pkeys, v->pbuck, TT_DICT_PBITS, key, &lo, &hi);
	if (bo != NULL)
		*bo = lo < hi ? v->pbos[lo] : 0;
	return lo < hi ? v->pvals[lo] : 0;
}

unsigned
tt_dict_tri(const tt_dictv *v, uint32_t first, uint32_t second,
    uint32_t third)
{
	uint32_t key = tt_dict_trikey(first, tt_dict_pairkey(second, third));
	uint32_t lo, hi;

	tt_dict_range(v->tkeys, v->tbuck, TT_DICT_PBITS, key, &lo, &hi);
	return lo < hi ? v->tvals[lo] : 0;
}

const char *
tt_dict_word(const tt_dictv *v, uint32_t off, unsigned *info)
{
	if (info != NULL)
		*info = v->blob[off];
	return (const char *)v->blob + off + 1;
}

/* The entries with key: a short bucket is scanned, a long one (a
 * common sound skeleton) searched. */
void
tt_dict_range(const uint32_t *keys, const uint32_t *buckets, int bits,
    uint32_t key, uint32_t *lo, uint32_t *hi)
{
	uint32_t a = buckets[key >> (32 - bits)];
	uint32_t end = buckets[(key >> (32 - bits)) + 1], b = end, m;

	while (b - a > 16) {
		m = a + (b - a) / 2;
		if (keys[m] < key)
			a = m + 1;
		else
			b = m;
	}
	while (a < end && keys[a] < key)
		a++;
	*lo = a;
	while (a < end && keys[a] == key)
		a++;
	*hi = a;
}

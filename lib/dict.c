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

int
tt_dict_open(tt_dictv *v)
{
	const unsigned char *p = tt_dict_data_;
	size_t size = (size_t)(tt_dict_data_end_ - tt_dict_data_);
	const unsigned char *q;
	uint32_t blob, bits, ndels;
	size_t rest;

	if (size < 20 || get32(p) != TT_DICT_MAGIC)
		return -1;
	blob = get32(p + 8);
	bits = get32(p + 12);
	ndels = get32(p + 16);
	blob = (blob + 3) & ~3u;
	if (bits > 28 || 24 + (size_t)blob + ((size_t)4 << bits) +
	    (size_t)ndels * 8 > size)
		return -1;
	v->blob = p + 20;
	v->hash = (const uint32_t *)(const void *)(p + 20 + blob);
	v->mask = (1u << bits) - 1;
	v->keys = v->hash + (1u << bits);
	v->offs = v->keys + ndels;
	v->ndels = ndels;
	v->nskel = get32((const unsigned char *)(v->offs + ndels));
	rest = 24 + (size_t)blob + ((size_t)4 << bits) + (size_t)ndels * 8 +
	    (size_t)v->nskel * 8 + (((size_t)1 << TT_DICT_DBITS) + 1 +
	    ((size_t)1 << TT_DICT_SBITS) + 1) * 4 + TT_DICT_BLOOM / 8;
	if (rest + 12 > size)
		return -1;
	v->skeys = v->offs + ndels + 1;
	v->soffs = v->skeys + v->nskel;
	v->dbuck = v->soffs + v->nskel;
	v->sbuck = v->dbuck + ((size_t)1 << TT_DICT_DBITS) + 1;
	v->bloom = v->sbuck + ((size_t)1 << TT_DICT_SBITS) + 1;
	q = (const unsigned char *)(v->bloom + TT_DICT_BLOOM / 32);
	v->npairs = get32(q);
	v->start_bo = get32(q + 4) & 255;
	v->end_freq = get32(q + 8) & 255;
	v->pkeys = (const uint32_t *)(const void *)(q + 12);
	v->pvals = q + 12 + (size_t)v->npairs * 4;
	v->pbos = v->pvals + v->npairs;
	v->pbuck = (const uint32_t *)(const void *)(v->pvals +
	    ((2 * (size_t)v->npairs + 3) & ~(size_t)3));
	rest += 12 + (size_t)v->npairs * 4 + ((2 * (size_t)v->npairs + 3) &
	    ~(size_t)3) + (((size_t)1 << TT_DICT_PBITS) + 1) * 4;
	if (rest + 4 > size)
		return -1;
	q = p + rest;
	v->ntris = get32(q);
	v->tkeys = (const uint32_t *)(const void *)(q + 4);
	v->tvals = q + 4 + (size_t)v->ntris * 4;
	v->tbuck = (const uint32_t *)(const void *)(v->tvals +
	    (((size_t)v->ntris + 3) & ~(size_t)3));
	if (rest + 4 + (size_t)v->ntris * 4 + (((size_t)v->ntris + 3) &
	    ~(size_t)3) + (((size_t)1 << TT_DICT_PBITS) + 1) * 4 != size)
		return -1;
	if (v->tbuck[(size_t)1 << TT_DICT_PBITS] != v->ntris)
		return -1;
	if (v->dbuck[(size_t)1 << TT_DICT_DBITS] != ndels ||
	    v->sbuck[(size_t)1 << TT_DICT_SBITS] != v->nskel ||
	    v->pbuck[(size_t)1 << TT_DICT_PBITS] != v->npairs)
		return -1;
	return 0;
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

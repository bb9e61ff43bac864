/*
 * exact_rankset.h: the counting structure of the meet-in-the-middle counts
 * (mitm_count.c): a set of distinct positions 0..m-1 (ranks: no position is
 * ever inserted twice at once) that answers how many members lie below a
 * position.  A bit per position, and a Fenwick tree of the members per block
 * of 256 positions: for a million positions 125 kB of bits and 16 kB of
 * tree, which stay in the caches where a Fenwick tree of a count per
 * position (4 MB) missed them on every level.
 */
#ifndef PARLEY_ANALYSIS_EXACT_RANKSET_H
#define PARLEY_ANALYSIS_EXACT_RANKSET_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RANKSET_BLOCK_BITS 8 /* 256 positions, four words, per block */

typedef struct exact_rankset {
    uint64_t *bits;   /* [words] */
    uint32_t *blocks; /* Fenwick tree over blocks, 1-based: [block_count + 1] */
    size_t words, block_count;
    uint64_t members;
} exact_rankset;

/* An empty set of positions 0..m-1; 0, or -1 when out of memory. */
static inline int exact_rankset_init(exact_rankset *t, size_t m)
{
    t->words = (m >> 6) + 1;
    t->block_count = (m >> RANKSET_BLOCK_BITS) + 1;
    t->members = 0;
    t->bits = calloc(t->words + 4, sizeof *t->bits);
    t->blocks = calloc(t->block_count + 1, sizeof *t->blocks);
    return t->bits && t->blocks ? 0 : -1;
}

static inline void exact_rankset_free(exact_rankset *t)
{
    free(t->bits);
    free(t->blocks);
    t->bits = NULL;
    t->blocks = NULL;
}

/* Empties the set (cheaper than removing each member when many are in). */
static inline void exact_rankset_clear(exact_rankset *t)
{
    memset(t->bits, 0, (t->words + 4) * sizeof *t->bits);
    memset(t->blocks, 0, (t->block_count + 1) * sizeof *t->blocks);
    t->members = 0;
}

static inline unsigned rankset_popcount(uint64_t x)
{
    x -= x >> 1 & 0x5555555555555555u;
    x = (x & 0x3333333333333333u) + (x >> 2 & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fu;
    return (unsigned)((x * 0x0101010101010101u) >> 56);
}

static inline void rankset_block_add(exact_rankset *t, size_t p, uint32_t delta)
{
    for (size_t i = (p >> RANKSET_BLOCK_BITS) + 1; i <= t->block_count; i += i & (~i + 1))
        t->blocks[i] += delta;
}

/* Inserts position p (not a member). */
static inline void exact_rankset_add(exact_rankset *t, size_t p)
{
    t->bits[p >> 6] |= (uint64_t)1 << (p & 63);
    t->members++;
    rankset_block_add(t, p, 1);
}

/* Removes position p (a member). */
static inline void exact_rankset_remove(exact_rankset *t, size_t p)
{
    t->bits[p >> 6] &= ~((uint64_t)1 << (p & 63));
    t->members--;
    rankset_block_add(t, p, UINT32_MAX);
}

/* Members at positions < p (p at most m). */
static inline uint64_t exact_rankset_below(const exact_rankset *t, size_t p)
{
    uint64_t total = 0;
    for (size_t i = p >> RANKSET_BLOCK_BITS; i > 0; i -= i & (~i + 1))
        total += t->blocks[i];
    size_t word = p >> 6;
    for (size_t w = word & ~(size_t)((1u << (RANKSET_BLOCK_BITS - 6)) - 1); w < word; w++)
        total += rankset_popcount(t->bits[w]);
    return total + rankset_popcount(t->bits[word] & (((uint64_t)1 << (p & 63)) - 1));
}

/* Members at positions >= p. */
static inline uint64_t exact_rankset_from(const exact_rankset *t, size_t p)
{
    return t->members - exact_rankset_below(t, p);
}

#endif

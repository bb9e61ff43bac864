/*
 * maskset.h: a small open-addressing hash set of failure masks, used when a
 * scenario has too many conditions for a full histogram.  A mask is `words`
 * 64-bit words (bit i of the mask: bit i % 64 of word i / 64), so any number of
 * conditions fits.  Capped: at MASKSET_CAP distinct masks it keeps only the
 * minimal ones (all a conflict depends on) and goes on; when even those fill
 * it, it stops and says so.
 */
#ifndef PARLEY_ANALYSIS_MASKSET_H
#define PARLEY_ANALYSIS_MASKSET_H

#include <stddef.h>
#include <stdint.h>

#define MASKSET_CAP (1u << 16)

typedef struct maskset {
    uint64_t *slots; /* [capacity * words]; all zeros marks an empty slot (mask 0, no failure, is never stored) */
    size_t words;    /* words per mask; 0 in a zeroed set means 1 */
    size_t capacity, count;
    int overflow;    /* more minimal masks than the cap allows: the set is incomplete */
    int failed;      /* an allocation failed */
} maskset;

/* Words needed for masks of `conditions` bits (at least 1). */
size_t mask_words(size_t conditions);
/* An empty set of masks of `words` words. */
void maskset_init(maskset *s, size_t words);
void maskset_add(maskset *s, const uint64_t *mask);
void maskset_free(maskset *s);
/*
 * Keeps only the masks no other mask is a subset of (they decide every
 * conflict).  Returns them (*n masks of s->words words each), fewest bits
 * first, equal counts in increasing order of their words from the last.
 */
uint64_t *maskset_minimal(const maskset *s, size_t *n);

#endif

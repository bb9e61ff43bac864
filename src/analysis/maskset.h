/*
 * maskset.h: a small open-addressing hash set of 64-bit failure masks, used
 * when a scenario has too many conditions for a full histogram.  Capped: at
 * MASKSET_CAP distinct masks it keeps only the minimal ones (all a conflict
 * depends on) and goes on; when even those fill it, it stops and says so.
 */
#ifndef PARLEY_ANALYSIS_MASKSET_H
#define PARLEY_ANALYSIS_MASKSET_H

#include <stddef.h>
#include <stdint.h>

#define MASKSET_CAP (1u << 16)

typedef struct maskset {
    uint64_t *slots; /* 0 marks an empty slot; mask 0 (no failure) is never stored */
    size_t capacity, count;
    int overflow;    /* more minimal masks than the cap allows: the set is incomplete */
    int failed;      /* an allocation failed */
} maskset;

void maskset_add(maskset *s, uint64_t mask);
void maskset_free(maskset *s);
/* Keeps only the masks no other mask is a subset of (they decide every conflict). Returns them, count in *n. */
uint64_t *maskset_minimal(const maskset *s, size_t *n);

#endif

/* maskset.c: the capped hash set of failure masks and its reduction to the minimal ones. */
#include "analysis/maskset.h"

#include <stdlib.h>

static size_t slot_of(uint64_t mask, size_t capacity)
{
    mask ^= mask >> 33;
    mask *= 0xff51afd7ed558ccdull;
    mask ^= mask >> 33;
    return (size_t)mask & (capacity - 1);
}

static int grow(maskset *s)
{
    size_t capacity = s->capacity ? s->capacity * 2 : 256;
    uint64_t *slots = calloc(capacity, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < s->capacity; i++)
        if (s->slots[i]) {
            size_t j = slot_of(s->slots[i], capacity);
            while (slots[j])
                j = (j + 1) & (capacity - 1);
            slots[j] = s->slots[i];
        }
    free(s->slots);
    s->slots = slots;
    s->capacity = capacity;
    return 0;
}

static void insert(maskset *s, uint64_t mask)
{
    size_t j = slot_of(mask, s->capacity);
    while (s->slots[j])
        j = (j + 1) & (s->capacity - 1);
    s->slots[j] = mask;
    s->count++;
}

/*
 * Full: keep only the minimal masks (a superset of another mask never decides
 * a conflict).  If they alone still fill most of the set, give up: overflow.
 */
static void compact(maskset *s)
{
    size_t n;
    uint64_t *minimal = maskset_minimal(s, &n);
    if (!minimal) {
        s->failed = 1;
        return;
    }
    for (size_t i = 0; i < s->capacity; i++)
        s->slots[i] = 0;
    s->count = 0;
    for (size_t i = 0; i < n; i++)
        insert(s, minimal[i]);
    free(minimal);
    if (s->count >= MASKSET_CAP / 4 * 3)
        s->overflow = 1;
}

void maskset_add(maskset *s, uint64_t mask)
{
    if (mask == 0 || s->failed)
        return;
    if (s->capacity) {
        size_t j = slot_of(mask, s->capacity);
        while (s->slots[j]) {
            if (s->slots[j] == mask)
                return;
            j = (j + 1) & (s->capacity - 1);
        }
    }
    if (s->overflow)
        return;
    if (s->count >= MASKSET_CAP) {
        compact(s);
        if (s->overflow || s->failed)
            return;
    }
    if ((s->count + 1) * 2 > s->capacity && grow(s) != 0) {
        s->failed = 1;
        return;
    }
    insert(s, mask);
}

void maskset_free(maskset *s)
{
    free(s->slots);
    s->slots = NULL;
    s->capacity = s->count = 0;
}

static int by_popcount(const void *a, const void *b)
{
    int x = __builtin_popcountll(*(const uint64_t *)a), y = __builtin_popcountll(*(const uint64_t *)b);
    return (x > y) - (x < y);
}

uint64_t *maskset_minimal(const maskset *s, size_t *n)
{
    uint64_t *all = malloc((s->count ? s->count : 1) * sizeof *all);
    *n = 0;
    if (!all)
        return NULL;
    size_t count = 0;
    for (size_t i = 0; i < s->capacity; i++)
        if (s->slots[i])
            all[count++] = s->slots[i];
    qsort(all, count, sizeof *all, by_popcount);
    /* Smaller masks first: a mask is kept when no kept mask is a subset of it. */
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        size_t k = 0;
        while (k < kept && (all[k] & all[i]) != all[k])
            k++;
        if (k == kept)
            all[kept++] = all[i];
    }
    *n = kept;
    return all;
}

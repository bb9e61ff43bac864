/* maskset.c: the capped hash set of failure masks (any width) and its reduction to the minimal ones. */
#include "analysis/maskset.h"

#include <stdlib.h>
#include <string.h>

size_t mask_words(size_t conditions)
{
    return conditions > 64 ? (conditions + 63) / 64 : 1;
}

static size_t width(const maskset *s)
{
    return s->words ? s->words : 1;
}

void maskset_init(maskset *s, size_t words)
{
    memset(s, 0, sizeof *s);
    s->words = words ? words : 1;
}

static int is_zero(const uint64_t *mask, size_t words)
{
    for (size_t i = 0; i < words; i++)
        if (mask[i])
            return 0;
    return 1;
}

static size_t slot_of(const uint64_t *mask, size_t words, size_t capacity)
{
    uint64_t h = 0;
    for (size_t i = 0; i < words; i++) {
        h ^= mask[i];
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdull;
        h ^= h >> 33;
    }
    return (size_t)h & (capacity - 1);
}

static void place(uint64_t *slots, size_t words, size_t capacity, const uint64_t *mask)
{
    size_t j = slot_of(mask, words, capacity);
    while (!is_zero(&slots[j * words], words))
        j = (j + 1) & (capacity - 1);
    memcpy(&slots[j * words], mask, words * sizeof *mask);
}

static int grow(maskset *s)
{
    size_t words = width(s), capacity = s->capacity ? s->capacity * 2 : 256;
    uint64_t *slots = calloc(capacity * words, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < s->capacity; i++)
        if (!is_zero(&s->slots[i * words], words))
            place(slots, words, capacity, &s->slots[i * words]);
    free(s->slots);
    s->slots = slots;
    s->capacity = capacity;
    return 0;
}

/*
 * Full: keep only the minimal masks (a superset of another mask never decides
 * a conflict).  If they alone still fill most of the set, give up: overflow.
 */
static void compact(maskset *s)
{
    size_t n, words = width(s);
    uint64_t *minimal = maskset_minimal(s, &n);
    if (!minimal) {
        s->failed = 1;
        return;
    }
    memset(s->slots, 0, s->capacity * words * sizeof *s->slots);
    for (size_t i = 0; i < n; i++)
        place(s->slots, words, s->capacity, &minimal[i * words]);
    s->count = n;
    free(minimal);
    if (s->count >= MASKSET_CAP / 4 * 3)
        s->overflow = 1;
}

void maskset_add(maskset *s, const uint64_t *mask)
{
    size_t words = width(s);
    if (is_zero(mask, words) || s->failed)
        return;
    if (s->capacity) {
        size_t j = slot_of(mask, words, s->capacity);
        while (!is_zero(&s->slots[j * words], words)) {
            if (memcmp(&s->slots[j * words], mask, words * sizeof *mask) == 0)
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
    place(s->slots, words, s->capacity, mask);
    s->count++;
}

void maskset_free(maskset *s)
{
    free(s->slots);
    s->slots = NULL;
    s->capacity = s->count = 0;
}

static size_t popcount(const uint64_t *mask, size_t words)
{
    size_t bits = 0;
    for (size_t i = 0; i < words; i++)
        bits += (size_t)__builtin_popcountll(mask[i]);
    return bits;
}

/* A mask with its bit count, for sorting, and the OR of its words: a subset's fold is a subset of the fold. */
struct counted {
    size_t bits;
    const uint64_t *mask;
    size_t words;
    uint64_t fold;
};

static uint64_t fold(const uint64_t *mask, size_t words)
{
    uint64_t f = 0;
    for (size_t i = 0; i < words; i++)
        f |= mask[i];
    return f;
}

static int by_bits_then_value(const void *a, const void *b)
{
    const struct counted *x = a, *y = b;
    if (x->bits != y->bits)
        return (x->bits > y->bits) - (x->bits < y->bits);
    for (size_t i = x->words; i-- > 0;)
        if (x->mask[i] != y->mask[i])
            return x->mask[i] > y->mask[i] ? 1 : -1;
    return 0;
}

static int subset(const uint64_t *small, const uint64_t *big, size_t words)
{
    for (size_t i = 0; i < words; i++)
        if ((small[i] & big[i]) != small[i])
            return 0;
    return 1;
}

uint64_t *maskset_minimal(const maskset *s, size_t *n)
{
    size_t words = width(s);
    struct counted *order = malloc((s->count ? s->count : 1) * sizeof *order);
    uint64_t *kept = malloc((s->count ? s->count : 1) * words * sizeof *kept);
    uint64_t *kept_fold = malloc((s->count ? s->count : 1) * sizeof *kept_fold);
    *n = 0;
    if (!order || !kept || !kept_fold) {
        free(order);
        free(kept);
        free(kept_fold);
        return NULL;
    }
    size_t count = 0;
    for (size_t i = 0; i < s->capacity; i++)
        if (!is_zero(&s->slots[i * words], words))
            order[count++] = (struct counted){popcount(&s->slots[i * words], words), &s->slots[i * words], words,
                                              fold(&s->slots[i * words], words)};
    qsort(order, count, sizeof *order, by_bits_then_value);
    /* Smaller masks first: a mask is kept when no kept mask is a subset of it. */
    size_t k = 0;
    for (size_t i = 0; i < count; i++) {
        size_t j = 0;
        while (j < k && ((kept_fold[j] & ~order[i].fold) != 0 || !subset(&kept[j * words], order[i].mask, words)))
            j++;
        if (j == k) {
            kept_fold[k] = order[i].fold;
            memcpy(&kept[k++ * words], order[i].mask, words * sizeof *kept);
        }
    }
    free(order);
    free(kept_fold);
    *n = k;
    return kept;
}

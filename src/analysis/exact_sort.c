/*
 * exact_sort.c: the exact path's sort and large blocks: exact_radix_sort
 * (keys ascending by an LSD radix sort on the high bits of an order-preserving
 * map of the doubles, runs equal in those bits sorted after), shared by the
 * meet-in-the-middle counts and the issue-wise merging, and exact_big_alloc
 * (malloc asking for transparent huge pages on large blocks).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "analysis/exact.h"

/* An order-preserving map of a double onto an unsigned integer (no NaNs here). */
static uint64_t sortable(double x)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    return bits >> 63 ? ~bits : bits | (uint64_t)1 << 63;
}

/*
 * malloc, with transparent huge pages asked for on a large block: the counts
 * touch hundreds of megabytes once, and a fault per 4 kB page costs more than
 * the work on it on some virtual machines.  Freed with free.
 */
void *exact_big_alloc(size_t bytes)
{
    void *p = malloc(bytes);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const uintptr_t huge = (uintptr_t)2 << 20;
    if (p && bytes >= 4 * huge) {
        uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1), to = ((uintptr_t)p + bytes) & ~(huge - 1);
        if (to > from)
            madvise((void *)from, to - from, MADV_HUGEPAGE); /* a hint: failure changes nothing */
    }
#endif
    return p;
}

static int by_key_then_id(const void *x, const void *y)
{
    const struct exact_keyed *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

/* The inverse of sortable. */
static double unsortable(uint64_t bits)
{
    bits = bits >> 63 ? bits & ~((uint64_t)1 << 63) : ~bits;
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

#define DIGIT_BITS 11

/* Turns a radix pass's counts per digit into the first position of each digit's run (an exclusive prefix sum). */
static void offsets_from_counts(size_t *count, size_t digits)
{
    size_t at = 0;
    for (size_t v = 0; v < digits; v++) {
        size_t c = count[v];
        count[v] = at;
        at += c;
    }
}
#define LOW_BITS 31 /* the radix passes sort by the 33 high bits; runs equal in those are sorted after */

struct mapped {
    uint64_t bits;
    uint32_t id;
};

static int by_bits(const void *x, const void *y)
{
    uint64_t a = ((const struct mapped *)x)->bits, b = ((const struct mapped *)y)->bits;
    return (a > b) - (a < b);
}

/*
 * LSD radix sort on the order-preserving map of the keys: three passes of
 * 11-bit digits over the 33 high bits (the histograms of all three in one
 * read, a digit every key shares skipped), then the runs of keys equal in
 * those bits by insertion (qsort when long).  Arrays under 512 keys by qsort
 * (the merging sorts thousands of small stages when a constraint scope has
 * many rows: radix passes cost less from a few hundred keys).
 */
size_t exact_radix_scratch(size_t m)
{
    return (2 * m + 1) * sizeof(struct mapped);
}

int exact_radix_sort(struct exact_keyed *items, size_t m, void *scratch)
{
    if (m < 512) {
        qsort(items, m, sizeof *items, by_key_then_id);
        return 0;
    }
    struct mapped *buf = scratch ? scratch : exact_big_alloc(exact_radix_scratch(m));
    size_t(*count)[1u << DIGIT_BITS] = calloc(3, sizeof *count);
    if (!buf || !count) {
        if (!scratch)
            free(buf);
        free(count);
        return -1;
    }
    const uint64_t mask = (1u << DIGIT_BITS) - 1;
    struct mapped *from = buf, *to = buf + m;
    for (size_t i = 0; i < m; i++) {
        from[i] = (struct mapped){sortable(items[i].key), items[i].id};
        for (int d = 0; d < 3; d++)
            count[d][from[i].bits >> (LOW_BITS + DIGIT_BITS * d) & mask]++;
    }
    for (int d = 0; d < 3; d++) {
        unsigned shift = LOW_BITS + DIGIT_BITS * (unsigned)d;
        if (count[d][from[0].bits >> shift & mask] == m)
            continue; /* every key has this digit */
        offsets_from_counts(count[d], mask + 1);
        for (size_t i = 0; i < m; i++)
            to[count[d][from[i].bits >> shift & mask]++] = from[i];
        struct mapped *swap = from;
        from = to;
        to = swap;
    }
    for (size_t i = 0, j; i < m; i = j) {
        for (j = i + 1; j < m && from[j].bits >> LOW_BITS == from[i].bits >> LOW_BITS; j++)
            continue;
        if (j - i > 32) {
            qsort(from + i, j - i, sizeof *from, by_bits);
            continue;
        }
        for (size_t r = i + 1; r < j; r++) {
            struct mapped e = from[r];
            size_t q = r;
            while (q > i && from[q - 1].bits > e.bits) {
                from[q] = from[q - 1];
                q--;
            }
            from[q] = e;
        }
    }
    for (size_t i = 0; i < m; i++)
        items[i] = (struct exact_keyed){unsortable(from[i].bits), from[i].id};
    if (!scratch)
        free(buf);
    free(count);
    return 0;
}

/*
 * exact_sort_positions: each position i becomes one 8-byte entry, its key
 * mapped linearly onto 33 bits (from the smallest key to the largest:
 * monotone, as rounding is) above the 23 bits of i; three LSD passes of 11
 * bits sort the entries by that number, then the runs equal in it (keys
 * within 2^-33 of the range of each other) are sorted by their keys.
 */
#define POSITION_BITS 23
#define POSITION_MASK ((UINT64_C(1) << POSITION_BITS) - 1)

static int position_key_then_id(const void *x, const void *y)
{
    const struct exact_keyed *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

/* The entries of a run equal in the mapped number, by key (and position). */
static int sort_run(uint64_t *run, size_t length, const double *keys)
{
    if (length <= 16) {
        for (size_t r = 1; r < length; r++) {
            uint64_t e = run[r];
            double key = keys[e & POSITION_MASK];
            size_t q = r;
            while (q > 0 && keys[run[q - 1] & POSITION_MASK] > key) {
                run[q] = run[q - 1];
                q--;
            }
            run[q] = e;
        }
        return 0;
    }
    int equal = 1;
    for (size_t r = 1; r < length && equal; r++)
        equal = keys[run[r] & POSITION_MASK] == keys[run[0] & POSITION_MASK];
    if (equal)
        return 0; /* equal keys may stay in any order */
    struct exact_keyed *items = malloc(length * sizeof *items);
    if (!items)
        return -1;
    for (size_t r = 0; r < length; r++)
        items[r] = (struct exact_keyed){keys[run[r] & POSITION_MASK], (uint32_t)(run[r] & POSITION_MASK)};
    qsort(items, length, sizeof *items, position_key_then_id);
    for (size_t r = 0; r < length; r++)
        run[r] = (run[r] & ~POSITION_MASK) | items[r].id;
    free(items);
    return 0;
}

double *exact_sort_positions(const double *keys, size_t m, uint32_t *ids, void *work1, void *work2)
{
    uint64_t *from = work1, *to = work2;
    if (m == 0)
        return work1;
    double low = keys[0], high = keys[0];
    for (size_t i = 1; i < m; i++) {
        low = keys[i] < low ? keys[i] : low;
        high = keys[i] > high ? keys[i] : high;
    }
    const double top = (double)((UINT64_C(1) << 33) - 1);
    double scale = high > low ? top / (high - low) : 0;
    if (!(scale < INFINITY))
        scale = 0; /* a range too narrow to scale: one run, sorted by key below */
    size_t(*count)[1u << DIGIT_BITS] = calloc(3, sizeof *count);
    if (!count)
        return NULL;
    const uint64_t mask = (1u << DIGIT_BITS) - 1;
    for (size_t i = 0; i < m; i++) {
        double x = scale > 0 ? (keys[i] - low) * scale : 0;
        uint64_t mapped = x < top ? (uint64_t)x : (uint64_t)top;
        from[i] = mapped << POSITION_BITS | i;
        for (int d = 0; d < 3; d++)
            count[d][from[i] >> (POSITION_BITS + DIGIT_BITS * d) & mask]++;
    }
    for (int d = 0; d < 3; d++) {
        unsigned shift = POSITION_BITS + DIGIT_BITS * (unsigned)d;
        if (count[d][from[0] >> shift & mask] == m)
            continue; /* every key has this digit */
        offsets_from_counts(count[d], mask + 1);
        for (size_t i = 0; i < m; i++)
            to[count[d][from[i] >> shift & mask]++] = from[i];
        uint64_t *swap = from;
        from = to;
        to = swap;
    }
    free(count);
    for (size_t i = 0, j; i < m; i = j) {
        for (j = i + 1; j < m && from[j] >> POSITION_BITS == from[i] >> POSITION_BITS; j++)
            continue;
        if (j - i > 1 && sort_run(from + i, j - i, keys) != 0)
            return NULL;
    }
    /* the positions out, the sorted keys over the entries (each read before its slot is written) */
    for (size_t r = 0; r < m; r++) {
        uint32_t id = (uint32_t)(from[r] & POSITION_MASK);
        ids[r] = id;
        memcpy(&from[r], &keys[id], sizeof *keys);
    }
    return (double *)(void *)from;
}

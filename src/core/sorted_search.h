/*
 * sorted_search.h: the binary search shared by the arrays of records kept in
 * ascending order of a double (a utility): the index of the first record whose
 * value is at least a threshold.
 */
#ifndef PARLEY_CORE_SORTED_SEARCH_H
#define PARLEY_CORE_SORTED_SEARCH_H

#include <stddef.h>
#include <string.h>

/*
 * Index of the first of the n records at `records` (each `stride` bytes, in
 * ascending order of the double `offset` bytes into it) whose value is >= x;
 * n when none is.  Call it with sizeof and offsetof of the record's field.
 */
static inline size_t parley_first_at_least(const void *records, size_t n, size_t stride, size_t offset, double x)
{
    const unsigned char *base = records;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        double value;
        memcpy(&value, base + mid * stride + offset, sizeof value);
        if (value < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

#endif

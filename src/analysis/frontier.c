/* frontier.c: the streaming Pareto frontier (see frontier.h). */
#include "analysis/frontier.h"
#include "analysis/frontier_nd.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int frontier_init(frontier *f, size_t parties)
{
    memset(f, 0, sizeof *f);
    f->parties = parties;
    if (parties == 2) {
        f->reject = malloc(FRONTIER_BUCKETS * sizeof *f->reject);
        if (!f->reject)
            return -1;
        for (size_t b = 0; b < FRONTIER_BUCKETS; b++)
            f->reject[b] = -INFINITY;
    }
    return 0;
}

int frontier_init_for(frontier *f, size_t parties, uint64_t outcomes)
{
    if (parties != 2 || outcomes >= FRONTIER_TABLE_MIN)
        return frontier_init(f, parties);
    memset(f, 0, sizeof *f);
    f->parties = parties;
    return 0;
}

void frontier_free(frontier *f)
{
    frontier_nd_free(f);
    free(f->u);
    free(f->index);
    free(f->reject);
    memset(f, 0, sizeof *f);
}

int frontier_reserve(frontier *f)
{
    if (f->count < f->capacity)
        return 0;
    size_t cap = f->capacity ? f->capacity * 2 : 64;
    double *u = realloc(f->u, cap * f->parties * sizeof *u);
    if (!u)
        return -1;
    f->u = u;
    uint64_t *index = realloc(f->index, cap * sizeof *index);
    if (!index)
        return -1;
    f->index = index;
    f->capacity = cap;
    return 0;
}

/* reject[b] from the sorted points: a suffix maximum of u[1] over u[0] >= (b+1)/B. */
static void rebuild_reject(frontier *f)
{
    size_t i = f->count;
    double best = -INFINITY;
    for (long b = FRONTIER_BUCKETS - 1; b >= 0; b--) {
        double edge = (double)(b + 1) / FRONTIER_BUCKETS;
        while (i > 0 && f->u[(i - 1) * 2] >= edge) {
            i--;
            if (f->u[i * 2 + 1] > best)
                best = f->u[i * 2 + 1];
        }
        f->reject[b] = best;
    }
    f->inserts_since_rebuild = 0;
}

/* Adds point p to the rejection table: reject[b] = max(reject[b], p1) for every bucket whose upper edge (b+1)/B
 * p0 reaches ((b+1)/B is exact in a double: B is a power of two).  The table stays what rebuild_reject makes of
 * the kept points: a point removed later was dominated by one that stays, which raised the same buckets at
 * least as high.  It writes only the buckets it raises, where rebuild_reject runs over all B and every point. */
static void raise_reject(frontier *f, double p0, double p1)
{
    double top = p0 * FRONTIER_BUCKETS;
    size_t end = top >= FRONTIER_BUCKETS ? FRONTIER_BUCKETS : top > 0 ? (size_t)top : 0;
    double *r = f->reject;
    /* The table never increases with b (a suffix maximum): the buckets below p1 are those from the first one. */
    size_t lo = 0, hi = end;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r[mid] < p1)
            hi = mid;
        else
            lo = mid + 1;
    }
    for (size_t b = lo; b < end; b++)
        r[b] = p1;
}

/* First position whose u[0] >= x (strict: > x). */
static size_t bound_2d(const frontier *f, double x, int strict)
{
    size_t lo = 0, hi = f->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        double v = f->u[mid * 2];
        if (strict ? v <= x : v < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int offer_2d(frontier *f, const double *p, uint64_t index)
{
    if (frontier_rejects_2d(f, p[0], p[1]))
        return 0;
    size_t j = bound_2d(f, p[0], 0);
    if (j < f->count) {
        double q0 = f->u[j * 2], q1 = f->u[j * 2 + 1];
        if (q1 > p[1] || (q1 == p[1] && q0 > p[0]))
            return 0;
    }
    if (frontier_reserve(f) != 0) {
        f->failed = 1;
        return 0;
    }
    /* Remove the points p dominates: just before the first u[0] > p0, those with u[1] <= p1. */
    size_t k = bound_2d(f, p[0], 1);
    size_t first = k;
    int has_equal = 0;
    while (first > 0 && f->u[(first - 1) * 2 + 1] <= p[1]) {
        if (f->u[(first - 1) * 2] == p[0] && f->u[(first - 1) * 2 + 1] == p[1])
            has_equal = 1;
        first--;
    }
    if (has_equal) {
        /* Equal points are kept side by side; nothing they did not dominate is dominated now. */
        first = k;
    }
    size_t removed = k - first;
    size_t tail = f->count - k;
    /* Place p at `first`, shifting the tail by (1 - removed). */
    memmove(&f->u[(first + 1) * 2], &f->u[k * 2], tail * 2 * sizeof(double));
    memmove(&f->index[first + 1], &f->index[k], tail * sizeof(uint64_t));
    f->u[first * 2] = p[0];
    f->u[first * 2 + 1] = p[1];
    f->index[first] = index;
    f->count = f->count - removed + 1;
    /* A small frontier keeps its table exact (the vector scan rejects with it); a large one rebuilds it after 64
     * inserts (a stale table rejects less, never wrongly: every point it counts is dominated by a kept one). */
    if (f->reject && f->count < 64 && f->inserts_since_rebuild == 0)
        raise_reject(f, p[0], p[1]);
    else if (f->reject && (++f->inserts_since_rebuild >= 64 || f->count < 64))
        rebuild_reject(f);
    return 1;
}

/* q dominates p: q >= p everywhere and > somewhere. */
static int dominates(const double *q, const double *p, size_t n)
{
    int better = 0;
    for (size_t k = 0; k < n; k++) {
        if (q[k] < p[k])
            return 0;
        if (q[k] > p[k])
            better = 1;
    }
    return better;
}

int frontier_dominated(const frontier *f, const double *u)
{
    size_t n = f->parties;
    if (n == 2) {
        if (frontier_rejects_2d(f, u[0], u[1]))
            return 1;
        size_t j = bound_2d(f, u[0], 0);
        return j < f->count && (f->u[j * 2 + 1] > u[1] || (f->u[j * 2 + 1] == u[1] && f->u[j * 2] > u[0]));
    }
    if (f->nd)
        return frontier_nd_dominated(f, u);
    for (size_t i = 0; i < f->count; i++)
        if (dominates(&f->u[i * n], u, n))
            return 1;
    return 0;
}

static int offer_nd(frontier *f, const double *p, uint64_t index)
{
    size_t n = f->parties;
    for (size_t i = 0; i < f->count; i++)
        if (dominates(&f->u[i * n], p, n)) {
            /* Move the dominating point to the front: it is likely to dominate the next one too. */
            if (i > 0) {
                double tmp[64];
                if (n <= 64) {
                    uint64_t ti = f->index[i];
                    memcpy(tmp, &f->u[i * n], n * sizeof(double));
                    memcpy(&f->u[i * n], &f->u[0], n * sizeof(double));
                    memcpy(&f->u[0], tmp, n * sizeof(double));
                    f->index[i] = f->index[0];
                    f->index[0] = ti;
                }
            }
            return 0;
        }
    size_t kept = 0;
    for (size_t i = 0; i < f->count; i++) {
        if (dominates(p, &f->u[i * n], n))
            continue;
        if (kept != i) {
            memcpy(&f->u[kept * n], &f->u[i * n], n * sizeof(double));
            f->index[kept] = f->index[i];
        }
        kept++;
    }
    f->count = kept;
    if (frontier_reserve(f) != 0) {
        f->failed = 1;
        return 0;
    }
    memcpy(&f->u[f->count * n], p, n * sizeof(double));
    f->index[f->count++] = index;
    return 1;
}

int frontier_offer(frontier *f, const double *u, uint64_t index)
{
    if (f->parties == 2)
        return offer_2d(f, u, index);
    int kept = frontier_nd_offer(f, u, index);
    return kept >= 0 ? kept : offer_nd(f, u, index);
}

const double *frontier_front(const frontier *f)
{
    if (f->parties == 2)
        return NULL;
    if (f->nd)
        return frontier_nd_front(f);
    return f->count ? f->u : NULL;
}

void frontier_merge(frontier *f, const frontier *other)
{
    for (size_t i = 0; i < other->count; i++)
        frontier_offer(f, &other->u[i * other->parties], other->index[i]);
    f->failed |= other->failed;
}

static int compare_index(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

void frontier_sort_by_index(frontier *f)
{
    frontier_nd_compact(f);
    size_t n = f->parties;
    size_t rec = sizeof(uint64_t) + n * sizeof(double);
    char *tmp = malloc(f->count * rec + 1);
    if (!tmp) {
        f->failed = 1;
        return;
    }
    for (size_t i = 0; i < f->count; i++) {
        memcpy(tmp + i * rec, &f->index[i], sizeof(uint64_t));
        memcpy(tmp + i * rec + sizeof(uint64_t), &f->u[i * n], n * sizeof(double));
    }
    qsort(tmp, f->count, rec, compare_index);
    for (size_t i = 0; i < f->count; i++) {
        memcpy(&f->index[i], tmp + i * rec, sizeof(uint64_t));
        memcpy(&f->u[i * n], tmp + i * rec + sizeof(uint64_t), n * sizeof(double));
    }
    free(tmp);
    /* Sorted by index, the 2D order is gone: the result is final, offer nothing more. */
}

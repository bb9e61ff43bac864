/*
 * scan_lanes.c: what the vector rows of 2 and 3 parties (scan_simd.c) prepare
 * once per worker from the tables of the last issue, which every row shares.
 *
 * Thresholds.  quantize_utility is non-decreasing, so for a reservation r on
 * the grid "quantize_utility(z) < r" holds exactly when z is below the least
 * double z0 with quantize_utility(z0) >= r.  That z0 is found by bisection over
 * the doubles with quantize_utility itself, so the rows count failures with
 * one add and one compare per party and lane, bit for bit as the scalar loop.
 *
 * Candidates.  In a row, lane v's utilities are quantize_utility(pre_k + t_k[v]).
 * When lane w has t_k[w] >= t_k[v] for every party and t_k[w] >= t_k[v] + 2^-28
 * for one, and the row reaches neither the cap nor |u| >= 1
 * (scan_lanes_row_safe), w's utilities are at least v's and strictly above in
 * that party (the margin outlasts the rounding to 2^-32): v is dominated by an
 * outcome of the same row, acceptable whenever v is, so v cannot be on the
 * frontier and needs no offer.  Lanes no other lane surely dominates are the
 * candidates: a few dozen of a thousand on random tables.  They are found by
 * a sweep in decreasing lexicographic order (sure dominance is transitive, so
 * comparing with the candidates found so far is enough); the sweep gives up
 * when they exceed an eighth of the row.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/scan.h"
#include "core/quantize.h"

#define SURE_MARGIN 0x1p-28

/* Doubles in increasing order as unsigned integers (-0.0 just below +0.0). */
static uint64_t order_key(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b >> 63 ? ~b : b | (uint64_t)1 << 63;
}

static double from_key(uint64_t k)
{
    uint64_t b = k >> 63 ? k & ~((uint64_t)1 << 63) : ~k;
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
}

/* The least double z with !(quantize_utility(z) < r), searched in [r - 2^-30, r]; 0 when r is not a grid
   value that the search can bracket (the rows then compare quantized utilities). */
static int threshold(double r, double *below)
{
    double lo = r - 0x1p-30, hi = r;
    if (!(quantize_utility(lo) < r) || quantize_utility(hi) < r)
        return 0;
    uint64_t a = order_key(lo), b = order_key(hi); /* invariant: a fails, b does not */
    while (b - a > 1) {
        uint64_t mid = a + (b - a) / 2;
        if (quantize_utility(from_key(mid)) < r)
            a = mid;
        else
            b = mid;
    }
    *below = from_key(b);
    return 1;
}

struct lane_point {
    double t[3];
    uint32_t lane;
};

static int by_utilities_descending(const void *x, const void *y)
{
    const struct lane_point *a = x, *b = y;
    for (size_t k = 0; k < 3; k++)
        if (a->t[k] != b->t[k])
            return a->t[k] > b->t[k] ? -1 : 1;
    return (a->lane > b->lane) - (a->lane < b->lane);
}

static int by_lane(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* a >= b in every party and a >= b + SURE_MARGIN in one. */
static int surely_dominates(const double *a, const double *b, size_t n)
{
    int strict = 0;
    for (size_t k = 0; k < n; k++) {
        if (a[k] < b[k])
            return 0;
        strict |= a[k] >= b[k] + SURE_MARGIN;
    }
    return strict;
}

/* The candidate lanes of l->width, or none (NULL) when a table holds a value outside [-2, 2] or NaN, or when
   more than an eighth of the lanes are candidates. */
static void find_candidates(struct scan_lanes *l, const double *const *t, size_t n)
{
    size_t m = l->width, limit = m / 8 + 8;
    struct lane_point *p = malloc(m * sizeof *p);
    uint32_t *found = malloc(limit * sizeof *found); /* positions in p */
    size_t count = 0;
    int usable = p && found;
    for (size_t v = 0; usable && v < m; v++) {
        p[v].lane = (uint32_t)v;
        for (size_t k = 0; k < 3; k++) {
            p[v].t[k] = k < n ? t[k][v] : 0;
            usable &= p[v].t[k] >= -2 && p[v].t[k] <= 2;
        }
    }
    if (usable)
        qsort(p, m, sizeof *p, by_utilities_descending); /* parties past n are 0 in every lane */
    for (size_t i = 0; usable && i < m; i++) {
        size_t j = 0;
        while (j < count && !surely_dominates(p[found[j]].t, p[i].t, n))
            j++;
        if (j < count)
            continue;
        if (count == limit)
            usable = 0;
        else
            found[count++] = (uint32_t)i;
    }
    if (usable) {
        for (size_t j = 0; j < count; j++)
            found[j] = p[found[j]].lane;
        qsort(found, count, sizeof *found, by_lane);
        l->candidates = found;
        l->candidate_count = count;
    } else {
        free(found);
    }
    free(p);
}

void scan_lanes_init(struct scan_lanes *l, const struct job *job, uint64_t outcomes)
{
    memset(l, 0, sizeof *l);
    size_t n = job->n, last = job->issues - 1;
    if (n < 2 || n > 3)
        return;
    l->width = job->counts[last];
    const double *t[3] = {0};
    l->ready = 1;
    for (size_t k = 0; k < n; k++) {
        t[k] = job->tables[k * job->issues + last];
        l->ready &= threshold(job->reservation[k], &l->below[k]);
        l->low[k] = l->high[k] = t[k][0];
        for (uint32_t v = 1; v < l->width; v++) {
            l->low[k] = t[k][v] < l->low[k] ? t[k][v] : l->low[k];
            l->high[k] = t[k][v] > l->high[k] ? t[k][v] : l->high[k];
        }
    }
    /* Finding them costs up to width^2 / 8 comparisons: worth it over a quarter of width rows or more. */
    if (l->width >= 64 && outcomes / l->width >= l->width / 4)
        find_candidates(l, t, n);
}

void scan_lanes_free(struct scan_lanes *l)
{
    free(l->candidates);
    memset(l, 0, sizeof *l);
}

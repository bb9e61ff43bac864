/*
 * density.h: what a plot of an analysis needs from the scan, gathered while
 * the outcomes stream past (never storing them): for every pair of parties a
 * bins x bins histogram of the feasible outcomes' utilities, the 2-D Pareto
 * frontier of all feasible outcomes and that of the acceptable ones.
 */
#ifndef PARLEY_ANALYSIS_DENSITY_H
#define PARLEY_ANALYSIS_DENSITY_H

#include "analysis/frontier.h"

typedef struct density_pair {
    uint64_t *grid;      /* [bins * bins]: row = bin of the second party's utility, column = the first's */
    uint64_t *grid_ok;   /* the same, of the acceptable outcomes only */
    frontier all;        /* 2-D frontier of every feasible outcome */
    frontier acceptable; /* 2-D frontier of the acceptable outcomes */
} density_pair;

typedef struct density {
    size_t n, pairs, bins;
    density_pair *pair; /* [pairs], pair (i, j), i < j, at density_pair_index */
    int failed;
} density;

int density_init(density *d, size_t n, size_t bins);
void density_free(density *d);
static inline size_t density_pair_index(size_t n, size_t i, size_t j)
{
    return i * n - i * (i + 1) / 2 + (j - i - 1);
}
static inline size_t density_bin(double u, size_t bins)
{
    if (!(u > 0)) /* also NaN */
        return 0;
    size_t b = (size_t)(u * (double)bins);
    return b >= bins ? bins - 1 : b;
}

/* Counts one feasible outcome in one pair: utilities x (first party) and y (second). Inlined in the scan loops. */
static inline void density_add_pair(density_pair *dp, size_t bins, double x, double y, int acceptable,
                                    uint64_t index)
{
    size_t cell = density_bin(y, bins) * bins + density_bin(x, bins);
    dp->grid[cell]++;
    dp->grid_ok[cell] += acceptable != 0;
    if (!frontier_rejects_2d(&dp->all, x, y)) {
        double xy[2] = {x, y};
        frontier_offer(&dp->all, xy, index);
    }
    if (acceptable && !frontier_rejects_2d(&dp->acceptable, x, y)) {
        double xy[2] = {x, y};
        frontier_offer(&dp->acceptable, xy, index);
    }
}

/* Counts one feasible outcome with utilities u[n] in every pair. */
void density_add(density *d, const double *u, int acceptable, uint64_t index);
/* Adds `other` (another worker's) into d. */
void density_merge(density *d, const density *other);
/* Sorts the frontiers by the first party's utility (after the last merge). */
void density_finish(density *d);

#endif

/* density.c: per-pair utility histograms and 2-D frontiers for plots (see density.h). */
#include "analysis/density.h"

#include <stdlib.h>
#include <string.h>

int density_init(density *d, size_t n, size_t bins)
{
    memset(d, 0, sizeof *d);
    d->n = n;
    d->bins = bins;
    d->pairs = n * (n - 1) / 2;
    if (!(d->pair = calloc(d->pairs ? d->pairs : 1, sizeof *d->pair)))
        return -1;
    for (size_t p = 0; p < d->pairs; p++)
        if (!(d->pair[p].grid = calloc(bins * bins, sizeof *d->pair[p].grid)) ||
            !(d->pair[p].grid_ok = calloc(bins * bins, sizeof *d->pair[p].grid_ok)) || frontier_init(&d->pair[p].all, 2) ||
            frontier_init(&d->pair[p].acceptable, 2))
            return -1;
    return 0;
}

void density_free(density *d)
{
    for (size_t p = 0; d->pair && p < d->pairs; p++) {
        free(d->pair[p].grid);
        free(d->pair[p].grid_ok);
        frontier_free(&d->pair[p].all);
        frontier_free(&d->pair[p].acceptable);
    }
    free(d->pair);
    memset(d, 0, sizeof *d);
}

void density_add(density *d, const double *u, int acceptable, uint64_t index)
{
    size_t p = 0;
    for (size_t i = 0; i < d->n; i++)
        for (size_t j = i + 1; j < d->n; j++, p++)
            density_add_pair(&d->pair[p], d->bins, u[i], u[j], acceptable, index);
}

void density_merge(density *d, const density *other)
{
    for (size_t p = 0; p < d->pairs; p++) {
        for (size_t c = 0; c < d->bins * d->bins; c++) {
            d->pair[p].grid[c] += other->pair[p].grid[c];
            d->pair[p].grid_ok[c] += other->pair[p].grid_ok[c];
        }
        frontier_merge(&d->pair[p].all, &other->pair[p].all);
        frontier_merge(&d->pair[p].acceptable, &other->pair[p].acceptable);
    }
    d->failed |= other->failed;
}

void density_finish(density *d)
{
    for (size_t p = 0; p < d->pairs; p++)
        d->failed |= d->pair[p].all.failed || d->pair[p].acceptable.failed;
}

/*
 * frontier.h: a Pareto frontier kept while outcomes stream past.
 *
 * Holds the outcomes no offered outcome dominates (weak dominance: at least as
 * good for all, better for one); outcomes with equal utility vectors are all
 * kept.  Two parties get an O(1) rejection table and O(log F) checks; more
 * parties a linear scan.  Memory grows with the frontier, not the stream.
 */
#ifndef PARLEY_ANALYSIS_FRONTIER_H
#define PARLEY_ANALYSIS_FRONTIER_H

#include <stddef.h>
#include <stdint.h>

#define FRONTIER_BUCKETS 4096

typedef struct frontier {
    size_t parties;
    size_t count, capacity;
    double *u;        /* [capacity * parties] */
    uint64_t *index;  /* [capacity] outcome numbers */
    /* two parties: points sorted by u[0] ascending (so u[1] non-increasing);
       reject[b] = max u[1] over points with u[0] >= (b+1)/BUCKETS, or -inf */
    double *reject;
    size_t inserts_since_rebuild;
    int failed;       /* an allocation failed: the frontier is incomplete */
    struct frontier_nd *nd; /* more than two parties: the index of distinct vectors (frontier_nd.c) */
    int vectors;      /* 3 parties: frontier_nd's scans may use AVX2 (1) or AVX-512 (2): the analysis's path */
} frontier;

int frontier_init(frontier *f, size_t parties);
/* frontier_init for a stream of `outcomes` outcomes: below FRONTIER_TABLE_MIN the two-party rejection table
 * (32 kB to fill and raise) costs more than the binary searches it saves, and reject is NULL. */
#define FRONTIER_TABLE_MIN 16384
int frontier_init_for(frontier *f, size_t parties, uint64_t outcomes);
/* Room for one more point in f->u and f->index (doubling); -1 when out of memory. */
int frontier_reserve(frontier *f);
void frontier_free(frontier *f);
/* Offers a point; keeps it when no kept point dominates it. Returns 1 when kept. */
int frontier_offer(frontier *f, const double *u, uint64_t index);
/* Two parties: 1 when the rejection table proves (u0,u1) dominated (cheap, may say 0 for dominated points). */
static inline int frontier_rejects_2d(const frontier *f, double u0, double u1)
{
    if (!f->reject)
        return 0;
    long b = (long)(u0 * FRONTIER_BUCKETS);
    if (b < 0)
        b = 0;
    if (b >= FRONTIER_BUCKETS)
        return 0;
    return f->reject[b] >= u1;
}

/* 1 when some kept point dominates u (any number of parties; a linear scan). */
int frontier_dominated(const frontier *f, const double *u);

/* More than two parties: the point at the front of the list (after a check or an offer that some kept point
   dominated, that point), copied by the caller before the next offer; NULL when there is none. */
const double *frontier_front(const frontier *f);

/* Offers every point of `other` (merging two workers' frontiers). */
void frontier_merge(frontier *f, const frontier *other);
/* Sorts the kept points by outcome number; the frontier then takes no more offers. */
void frontier_sort_by_index(frontier *f);

#endif

/*
 * exact.h: the exact analysis of additive scenarios without enumerating the
 * outcome space (issue 17), shared by exact.c (the driver: constraint scopes,
 * the choice over streaming), exact_merge.c (the Pareto frontier by issue-wise
 * merging) and mitm_count.c (acceptance counts by meet-in-the-middle).
 *
 * Every utility these files report is the one streaming computes: the float
 * sum of the issues' table entries in issue order, rounded to 2^-32
 * (quantize_utility).  Partial sums are compared with margins wide enough that
 * the order of the additions can never change a decision; where a pair of
 * halves lies within the margin of a reservation value, its outcome is
 * evaluated in streaming order.
 */
#ifndef PARLEY_ANALYSIS_EXACT_H
#define PARLEY_ANALYSIS_EXACT_H

#include <stddef.h>
#include <stdint.h>

#include <parley/scenario.h>

#define EXACT_FREE UINT32_MAX

/* An additive space seen by the exact methods: some issues fixed (a constraint scope's assignment). */
typedef struct exact_space {
    size_t issues, n;
    const uint32_t *counts;      /* [issues] */
    double *const *tables;       /* [n * issues]: tables[k * issues + i][v] */
    const uint32_t *fixed;       /* [issues]: the value of a fixed issue, or EXACT_FREE */
    const double *reservation;   /* [n] quantized */
    const double *suffix_max;    /* [n * (issues + 1)]: bound on what issues >= i add (with a margin) */
    size_t node_limit;           /* most partial sums one merging stage may keep (0: a default) */
    unsigned threads;            /* threads the counts may use (0: one); the results do not depend on it */
    unsigned *threads_used;      /* NULL, or raised to the most threads a count really ran on */
} exact_space;

/* Party utilities of one outcome (job layout), summed in issue order and rounded as streaming does. */
void exact_utilities(const exact_space *s, const uint32_t *values, double *u);

/* Largest |partial sum| any outcome can reach (for the rounding margins). */
double exact_magnitude(const exact_space *s);

/*
 * Marks keep[c] for the points of u[m * n] no other point dominates (at least
 * as good for all, better for one); equal points are all kept.  0, or -1.
 */
int exact_pareto_filter(const double *u, size_t m, size_t n, unsigned char *keep);

/* Memory kept from one call to the next (mitm_count, exact_merge_candidates): pages cost a fault and zeroing when
   first touched. */
typedef struct exact_memory {
    void *block;
    size_t bytes;
} exact_memory;
void exact_memory_free(exact_memory *memory);

typedef void (*exact_emit)(void *ctx, const uint32_t *values, const double *u);
/*
 * Calls emit for a set of acceptable outcomes (every party at least its
 * reservation) that contains every outcome of the Pareto frontier of the
 * acceptable outcomes of `s` (values in job layout, u rounded).  Returns 0,
 * -1 when out of memory, 1 when a stage would keep more than the node limit
 * (many outcomes with equal utilities: the caller enumerates or searches).
 * memory: NULL, or scratch kept for the next call (the caller frees it).
 */
int exact_merge_candidates(const exact_space *s, exact_emit emit, void *ctx, exact_memory *memory);

/* A number and the position it came from. */
struct exact_keyed {
    double key;
    uint32_t id;
};
/* Sorts by key ascending (equal keys in an order that may vary), by radix (exact_sort.c); 0, or -1 when out of
   memory.  Keys are not NaN.  scratch: NULL, or exact_radix_scratch(m) bytes the caller reuses (fresh memory
   costs page faults). */
int exact_radix_sort(struct exact_keyed *items, size_t m, void *scratch);
size_t exact_radix_scratch(size_t m);
/*
 * The positions 0..m-1 (m <= 2^23) by keys[] ascending, equal keys in an
 * order that may vary (exact_sort.c): ids[r] is the position of rank r.  work1
 * and work2: m 8-byte words each; the sorted keys are returned in one of them
 * (NULL when out of memory).  Keys are finite.
 */
double *exact_sort_positions(const double *keys, size_t m, uint32_t *ids, void *work1, void *work2);
/* malloc asking for huge pages on large blocks (exact_sort.c); freed with free. */
void *exact_big_alloc(size_t bytes);

#define MITM_MAX_PARTIES 3
/* Most points of a meet-in-the-middle half (about 130 bytes each for two parties, more for three). */
#define MITM_HALF_LIMIT ((uint64_t)1 << 23)
/*
 * Up to three parties: accepting[S] = outcomes on which every party in S
 * (bit k = party k) reaches its reservation, for every S (accepting[0] = all
 * outcomes counted), among those whose fixed issues (not EXACT_FREE in
 * s->fixed) take one of the `row_count` assignments rows[r * fixed issues +
 * j] (the j-th fixed issue in issue order), or the values in s->fixed when
 * rows is NULL.  Returns 0, or -1 when out of memory or when a half would
 * have more than MITM_HALF_LIMIT points.  memory: NULL, or a block the call
 * uses when large enough (else replaces), for the caller to free.
 */
int mitm_count(const exact_space *s, const uint32_t *rows, size_t row_count, uint64_t *accepting,
               exact_memory *memory);

/* Points in the larger half of the split mitm_count would make for `rows` rows, for the cost estimate. */
uint64_t mitm_half_size(const exact_space *s, size_t rows);

/* The feasible joint assignments (rows) of the issues of a constraint scope (exact_scope.c). */
typedef struct exact_rows {
    size_t scoped, count, capacity;
    uint32_t *values; /* [count * scoped]: the scope issues' values, in issue order */
    uint64_t *mask;   /* [count]: the red lines (condition bits) the row breaks */
} exact_rows;
/* A row's class: -1 when a global constraint fails, else the mask of broken red lines. */
typedef int64_t (*exact_classify)(void *ctx, const uint32_t *values);
/* Classifies every joint assignment of the issues marked in scope[] (values[] of the others 0).  0, or -1. */
int exact_rows_build(const unsigned char *scope, const uint32_t *counts, size_t issues, exact_classify classify,
                     void *ctx, exact_rows *rows);
void exact_rows_free(exact_rows *rows);
typedef void (*exact_add)(void *ctx, uint64_t mask, const uint64_t *accepting);
/*
 * Up to three parties: for each set of broken red lines (only the empty one
 * when zero_only), the counts of mitm_count over its rows together
 * (accepting[0]: the rows' outcomes); s->fixed marks the scope issues (not
 * EXACT_FREE).  0, or -1.
 */
int exact_rows_count(const exact_space *s, const exact_rows *rows, int zero_only, exact_add add, void *ctx);
/* Frontier candidates (exact_merge_candidates) of every row breaking no red line.  0, -1 or 1 as it returns. */
int exact_rows_merge(const exact_space *s, const exact_rows *rows, exact_emit emit, void *ctx);

struct approx_archive;
/*
 * The exact Pareto frontier (all outcomes, sorted by outcome number) and, for
 * two parties whose halves are small enough, the exact count of acceptable
 * outcomes (*counted = 1), of an additive scenario of any size whose
 * constraints mention few issues jointly (exact_big.c).  Utilities are read at
 * relative time t.  Returns 1 when done, 0 when the method does not apply
 * (*why says why), -1 when out of memory.
 */
int exact_big_frontier(const parley_scenario *sc, double t, struct approx_archive *front, uint64_t *acceptable,
                       int *counted, const char **why);

/* The driver (exact.c), on the state of a streaming pass (scan.h). */
struct job;
struct worker;
/*
 * 1 when parley_analyze should take the exact path for `requested` (a
 * parley_analysis_method): it applies and is estimated faster than streaming
 * on `workers` threads (or it was requested).  When it does not apply, *why
 * says why.
 */
int exact_choose(const struct job *job, int requested, unsigned workers, const char **why);
/*
 * Fills worker w (histogram, counts, frontier) as a streaming pass over the
 * whole space would.  0; -1 when out of memory; 1 when the merged frontier
 * grew too large (the worker must then be cleared and the space streamed).
 */
int exact_run(const struct job *job, struct worker *w, unsigned threads, unsigned *threads_used);
/* The "method" text of the JSON: enumeration, or the exact path (with or without constraint scopes). */
const char *exact_method_name(int exact, int scoped);

#endif

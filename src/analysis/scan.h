/*
 * scan.h: the state of one streaming pass (struct job, shared read-only by the
 * workers) and of each worker (struct worker), between analyze.c, which sets
 * them up and merges the results, and scan.c, which runs the loops.
 */
#ifndef PARLEY_ANALYSIS_SCAN_H
#define PARLEY_ANALYSIS_SCAN_H

#include <parley/analysis.h>
#include <string.h>

#include "analysis/density.h"
#include "analysis/frontier.h"
#include "analysis/maskset.h"
#include "core/progress.h"

#define SCAN_CACHE 16

/* What the vector rows (scan_simd.c) prepare once per worker from the tables of the last issue (scan_lanes.c). */
struct scan_lanes {
    int ready;             /* below[] holds: party k fails its reservation iff pre_k + table_k[v] < below[k] */
    double below[3];
    double low[3], high[3]; /* min and max of each party's last table */
    uint32_t width;        /* values of the last issue: a full row */
    uint32_t *candidates;  /* lanes of a full row that no other lane of it surely dominates, ascending; or NULL */
    size_t candidate_count;
    /* 3 parties: points this worker's frontier held (the last ones that dominated an offer or a block, and the
       last kept), most useful first; whatever one of them dominates is dominated by the frontier's end state */
    double cache[SCAN_CACHE][3];
    unsigned cached;
};

/* Each worker's counters on cache lines of their own: neighbours must not share a line (false sharing). */
struct worker {
    _Alignas(64) uint64_t feasible, acceptable;
    uint64_t *histogram;       /* [2^C] by failure mask, when C <= MAX_DIAGNOSED */
    uint64_t *party_ok;        /* [n] when no histogram */
    uint64_t *condition_ok;    /* [C] when no histogram */
    maskset masks;             /* distinct failure masks, when no histogram */
    frontier frontier;
    density *plot;             /* plot data, when the job gathers it */
    uint64_t unreported;       /* outcomes scanned and not yet added to the progress reporter */
    struct scan_lanes lanes;   /* vector rows of 2 or 3 parties only */
    int failed;
};

struct job {
    const parley_scenario *sc;
    size_t issues, n, C;
    size_t words;                    /* 64-bit words per failure mask: mask_words(C) */
    uint64_t first, total;           /* the outcome numbers scanned: [first, first + total) */
    const uint32_t *counts;          /* [issues] */
    double **tables;                 /* [n * issues] weighted value tables */
    const parley_utility **utility;  /* [n] */
    int all_additive;
    const double *reservation;       /* [n] quantized */
    double *suffix_max;              /* [n * (issues + 1)]: bound on the utility of issues >= i */
    const parley_expr **global;      /* global constraints */
    size_t global_count;
    const parley_expr **cond_expr;   /* [C] red line expression or NULL for a reservation */
    size_t *cond_party;              /* [C] negotiator k of the condition */
    uint64_t *party_mask;            /* [n * words] conditions of party k */
    int histogram;
    int plot;                        /* gather plot data (density_add on every feasible outcome) */
    progress_reporter *progress;
    struct worker *workers;
};

/* A row of the last issue for additive parties without constraints: outcomes from..to-1 of the row whose
   other issues sum to pre[k] per party, numbered from `index`; `dominated`: none can join the frontier. */
typedef void scan_row_fn(const struct job *job, struct worker *w, const double *pre, uint32_t from, uint32_t to,
                         uint64_t index, int dominated);
/* The portable loops for 2 and 3 parties (scan.c). */
scan_row_fn scan_row_2d_scalar, scan_row_3d_scalar;

/* The vector paths of scan_simd.c, for x86-64 CPUs that have them; results equal the scalar path's bit for bit. */
enum scan_path { SCAN_PATH_SCALAR, SCAN_PATH_AVX2, SCAN_PATH_AVX512 };
/* 1 when this CPU can run `path`. */
int scan_path_supported(enum scan_path path);
/* Forces a path for the analyses that follow (tests); -1 goes back to PARLEY_SCAN_PATH or the best the CPU has. */
void scan_force_path(int path);
/* The path the next scan takes: the forced one, else PARLEY_SCAN_PATH (scalar, avx2, avx512), else the best
   available; a path the CPU lacks falls back to the best below it. */
enum scan_path scan_path_chosen(void);
/* The row function for 2 or 3 parties on the chosen path (the scalar one for any other count). */
scan_row_fn *scan_row_function(size_t parties);
/* The row function of `path` (whether or not the CPU has it) for 2 parties, or 3 for any other count. */
scan_row_fn *scan_row_function_on(enum scan_path path, size_t parties);
#if defined(__x86_64__)
/* scan_simd.c's rows (scan_simd_row.h), one pair per instruction set. */
scan_row_fn scan_row_2d_avx2, scan_row_3d_avx2, scan_row_2d_avx512, scan_row_3d_avx512;
#endif

/* Fills w->lanes for a scan of `outcomes` outcomes (2 or 3 additive parties, no constraints): the thresholds,
   and the candidate lanes when the scan is long enough to pay for finding them. */
void scan_lanes_init(struct scan_lanes *l, const struct job *job, uint64_t outcomes);
void scan_lanes_free(struct scan_lanes *l);
/* 1 when in the row whose other issues sum to pre[] no lane reaches the cap at 1 and utilities stay within
   [-1, 1): then a lane that a candidate surely dominates (scan_lanes.c) has a strictly dominated utility vector. */
static inline int scan_lanes_row_safe(const struct scan_lanes *l, const double *pre, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!(pre[k] + l->high[k] <= 1 - 0x1p-28) || !(pre[k] + l->low[k] >= -1))
            return 0;
    return 1;
}

/* 1 when a cached point dominates u (3 parties); the one that does moves to the front. */
static inline int scan_cache_dominates(struct scan_lanes *l, const double *u)
{
    for (unsigned i = 0; i < l->cached; i++) {
        const double *d = l->cache[i];
        if (d[0] >= u[0] && d[1] >= u[1] && d[2] >= u[2] && (d[0] > u[0] || d[1] > u[1] || d[2] > u[2])) {
            if (i > 0) {
                double t[3] = {d[0], d[1], d[2]};
                memmove(l->cache[1], l->cache[0], i * sizeof l->cache[0]);
                memcpy(l->cache[0], t, sizeof t);
            }
            return 1;
        }
    }
    return 0;
}

/* Puts point d (3 parties, or NULL: nothing) at the front of the cache, the last one dropping out when full. */
static inline void scan_cache_add(struct scan_lanes *l, const double *d)
{
    if (!d)
        return;
    unsigned keep = l->cached < SCAN_CACHE ? l->cached : SCAN_CACHE - 1;
    double t[3] = {d[0], d[1], d[2]};
    memmove(l->cache[1], l->cache[0], keep * sizeof l->cache[0]);
    memcpy(l->cache[0], t, sizeof t);
    l->cached = keep + 1;
}

/* The pool's work function: worker k of `workers` scans its range of outcome numbers (ctx is the struct job). */
void scan_work(void *ctx, unsigned k, unsigned workers);

#endif

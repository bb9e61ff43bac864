/*
 * scan.h: the state of one streaming pass (struct job, shared read-only by the
 * workers) and of each worker (struct worker), between analyze.c, which sets
 * them up and merges the results, and scan.c, which runs the loops.
 */
#ifndef PARLEY_ANALYSIS_SCAN_H
#define PARLEY_ANALYSIS_SCAN_H

#include <parley/analysis.h>

#include "analysis/density.h"
#include "analysis/frontier.h"
#include "analysis/maskset.h"
#include "core/progress.h"

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

/* The pool's work function: worker k of `workers` scans its range of outcome numbers (ctx is the struct job). */
void scan_work(void *ctx, unsigned k, unsigned workers);

#endif

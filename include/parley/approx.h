/*
 * parley/approx.h: an approximate analysis for outcome spaces too large to
 * enumerate (GENIUS's nonlinear ANAC 2014 domains have 10^10 to 10^50 outcomes).
 *
 * parley_analyze (analysis.h) is exact and walks every outcome; this one
 * searches.  Each worker climbs weighted sums of the parties' utilities
 * (coordinate ascent: one issue changed at a time, every value tried) from
 * starting points placed inside the profiles' hyperrectangles and at random,
 * for a spread of weights; then it runs a Pareto local search from the
 * outcomes found, trying every single-issue change of the frontier's members.
 * Every outcome evaluated is offered to an archive of the acceptable outcomes
 * no other found outcome dominates.  The result is a set of real outcomes that
 * are mutually non-dominated: a lower bound on the true frontier, marked as
 * approximate, with the method and the number of evaluations.  Given the same
 * seed, evaluation budget and thread count the result is the same.
 *
 * The zone of agreement's size is estimated from uniform random samples.
 * Bargaining solutions are computed on the found frontier with the same
 * formulas as the exact analysis.
 */
#ifndef PARLEY_APPROX_H
#define PARLEY_APPROX_H

#include <parley/analysis.h>
#include <parley/error.h>
#include <parley/scenario.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_approx parley_approx;

typedef struct parley_approx_options {
    unsigned threads;     /* worker threads; 0 = one per core */
    double time;          /* relative time at which reservation values are read */
    uint64_t seed;        /* random seed; 0 = a fixed default */
    uint64_t evaluations; /* utility-vector evaluations in all; 0 = default (2 million) */
    uint64_t samples;     /* random samples for the zone-of-agreement estimate (part of the budget); 0 = 100000 */
    parley_progress_fn progress; /* optional: evaluations made so far (parley/progress.h) */
    void *progress_user;
    int search_only;      /* 1: search even when the exact frontier applies (see below) */
} parley_approx_options;

/*
 * Searches the scenario's space (options may be NULL).  Works for any space
 * (no size limit) and any utility functions; fails only on an invalid scenario
 * or out of memory.  The scenario must outlive the result; free with
 * parley_approx_free.
 */
int parley_analyze_approximate(const parley_scenario *sc, const parley_approx_options *options,
                               parley_approx **out, parley_error *err);
void parley_approx_free(parley_approx *a);

/*
 * Additive scenarios whose constraints and red lines mention few issues
 * jointly are not searched: the frontier and the bargaining solutions are
 * exact, by issue-wise merging (exact: 1), and for two parties whose space
 * splits into halves of at most 2^23 outcomes the number of acceptable
 * outcomes is exact too (counted: 1); otherwise it is estimated from samples.
 */
int parley_approx_exact(const parley_approx *a);
/* 1 and *acceptable set when the count of acceptable outcomes is exact. */
int parley_approx_acceptable(const parley_approx *a, uint64_t *acceptable);
/* Why the exact frontier did not apply (NULL when it did, or when only searching was asked for). */
const char *parley_approx_exact_note(const parley_approx *a);
/* How the frontier was found (a static sentence). */
const char *parley_approx_method(const parley_approx *a);
/* Outcomes in the space (a double: it may exceed 2^64). */
double parley_approx_outcomes(const parley_approx *a);
/* Evaluations made, samples drawn and how many were acceptable to all. */
uint64_t parley_approx_evaluations(const parley_approx *a);
uint64_t parley_approx_samples(const parley_approx *a);
uint64_t parley_approx_samples_acceptable(const parley_approx *a);
double parley_approx_seconds(const parley_approx *a);
unsigned parley_approx_threads(const parley_approx *a);

/* Negotiating parties k = 0..n-1: scenario index, reservation, best utility on the found frontier. */
size_t parley_approx_party_count(const parley_approx *a);
size_t parley_approx_party(const parley_approx *a, size_t k);
double parley_approx_reservation(const parley_approx *a, size_t k);
double parley_approx_best(const parley_approx *a, size_t k);

/* The found frontier, sorted by the first party's utility. Pointers owned by the result. */
size_t parley_approx_frontier_count(const parley_approx *a);
const uint32_t *parley_approx_frontier_outcome(const parley_approx *a, size_t i);
const double *parley_approx_frontier_utilities(const parley_approx *a, size_t i);

/* A bargaining solution on the found frontier; PARLEY_ENOTFOUND when no acceptable outcome was found. */
int parley_approx_solution(const parley_approx *a, parley_solution_kind kind, const uint32_t **outcome,
                           const double **utilities, double *value);

/*
 * Writes the JSON object of `parley analyze --json` for an approximate
 * analysis: the exact analysis's keys where they apply, "exact": false,
 * "method", "evaluations", and "acceptable_estimate" in place of counts.
 */
int parley_approx_write_json(const parley_approx *a, const parley_scenario *sc, int with_frontier, FILE *out,
                             parley_error *err);

/*
 * 1 when `parley analyze` searches rather than enumerates the scenario's space:
 * more than 2^64 or 5*10^9 outcomes, or a nonlinear profile over more than
 * 2*10^7 (src/analysis/method.c).
 */
int parley_analysis_needs_search(const parley_scenario *sc);

#ifdef __cplusplus
}
#endif
#endif

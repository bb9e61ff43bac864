/* analysis_internal.h: the layout of a parley_analysis result (shared by the analysis files only). */
#ifndef PARLEY_ANALYSIS_INTERNAL_H
#define PARLEY_ANALYSIS_INTERNAL_H

#include <jansson.h>
#include <parley/analysis.h>
#include <parley/diagnose.h>

#include "analysis/density.h"
#include "analysis/frontier.h"
#include "core/quantize.h"


struct parley_analysis {
    size_t issues;
    uint64_t outcomes, feasible, acceptable;
    size_t n;             /* negotiating parties */
    size_t *party;        /* [n] scenario party index */
    double *reservation;  /* [n] */
    double *best;         /* [n] best acceptable utility */
    uint64_t *party_acceptable; /* [n] */
    frontier frontier;    /* sorted by outcome number once finished */
    uint32_t *frontier_values; /* [frontier.count * issues] */
    int has_solutions;
    size_t solution[PARLEY_SOLUTION_COUNT]; /* frontier position */
    double solution_value[PARLEY_SOLUTION_COUNT];
    size_t condition_count;
    parley_condition *conditions;
    uint64_t *condition_holds;  /* [condition_count] */
    uint64_t *satisfying;       /* [2^condition_count] when <= PARLEY_MAX_DIAGNOSED_CONDITIONS */
    uint64_t *failure_masks;    /* otherwise: the minimal distinct failure masks, mask_words words each */
    size_t mask_words;          /* 64-bit words per failure mask (bit c: bit c % 64 of word c / 64) */
    size_t failure_mask_count;
    int masks_complete;         /* every distinct mask was kept (no cap reached) */
    double seconds;
    unsigned threads;
    density *plot;              /* plot data, when asked for (options->plot_bins) */
    int merged;                 /* the exact path without enumeration (exact.c) was taken */
    const char *method, *method_note; /* static texts: how, and why not merged */
};

/*
 * From `count` frontier points (utilities u[count * n]): each party's best
 * utility (at least its reservation value) and, for each bargaining solution,
 * the first point maximising its objective and that maximum.  Returns 1 when
 * there is a point.
 */
int analysis_solutions(const double *u, size_t count, size_t n, const double *reservation, double *best,
                       size_t solution[PARLEY_SOLUTION_COUNT], double value[PARLEY_SOLUTION_COUNT]);

/* Every solution's objective at utilities p[n]: Nash product of gains, Kalai ratio, smallest gain, sum. */
void analysis_objectives(const double *p, size_t n, const double *reservation, const double *best,
                         double objective[PARLEY_SOLUTION_COUNT]);

/*
 * The body of parley_analysis_solution and parley_approx_solution: solution
 * `kind` read from the arrays of a frontier (values[count * issues],
 * u[count * n]) and the indices and values analysis_solutions filled.
 */
int analysis_solution_read(int has_solutions, const size_t *solution, const double *solution_value,
                           const uint32_t *values, size_t issues, const double *u, size_t n, parley_solution_kind kind,
                           const uint32_t **outcome, const double **utilities, double *value);

/* JSON pieces shared by the analysis, diagnosis and proposal writers (result.c). */
/* A utility or objective for output, rounded to 9 decimals so that the 2^-32 rounding does not show. */
json_t *analysis_number_json(double x);
/* One issue value: a string for categorical issues, a number otherwise. */
json_t *analysis_value_json(const parley_space *space, size_t issue, uint32_t value);
json_t *analysis_outcome_json(const parley_space *space, const uint32_t *values);
json_t *analysis_utilities_json(const parley_analysis *a, const parley_scenario *sc, const double *u);
/* {party name: utility} for parties party[0..n-1] of the scenario. */
json_t *analysis_party_utilities_json(const parley_scenario *sc, const size_t *party, size_t n, const double *u);

/*
 * What the "pareto" and "solutions" members need from an exact analysis or an
 * approximate one: the parties, the frontier and the solutions.
 */
typedef struct analysis_view {
    const parley_scenario *sc;
    size_t n;
    const size_t *party;
    size_t frontier_count;
    const void *self;
    const uint32_t *(*frontier_outcome)(const void *self, size_t i);
    const double *(*frontier_utilities)(const void *self, size_t i);
    int (*solution)(const void *self, parley_solution_kind kind, const uint32_t **outcome, const double **utilities,
                    double *value);
} analysis_view;
/* {"count": n, "outcomes": [...] when with_frontier}; the caller may add members. */
json_t *analysis_pareto_json(const analysis_view *v, int with_frontier);
/* {"nash": {...} or null, "kalai": ..., "egalitarian": ..., "welfare": ...} */
json_t *analysis_solutions_json(const analysis_view *v);
json_t *analysis_condition_json(const parley_analysis *a, const parley_scenario *sc, size_t c);
/* What an amended text does (parley/diagnose.h): utilities before and after, who accepts, what it breaks. */
json_t *amendment_effect_json(const parley_scenario *sc, const parley_amendment_effect *e);
json_t *parley_analysis_to_json(const parley_analysis *a, const parley_scenario *sc, int with_frontier);

#endif

/*
 * parley/analysis.h: what a neutral mediator wants to know about a scenario.
 *
 * parley_analyze streams the whole outcome space (never materialised), on a
 * small pool of threads, and computes:
 *   - how many outcomes exist, how many are feasible (global constraints hold),
 *     how many are acceptable to every negotiating party (feasible, no red line
 *     broken, utility >= reservation value): the zone of possible agreement;
 *   - the Pareto frontier of the acceptable outcomes (an outcome is on it when
 *     no acceptable outcome gives every party at least as much and one more);
 *   - the bargaining solutions among acceptable outcomes: Nash (max product of
 *     gains over reservation), Kalai-Smorodinsky (max of the smallest ratio of
 *     gain to the party's best possible gain), egalitarian (max smallest gain),
 *     utilitarian welfare (max total utility).  Ties go to the lowest-numbered Pareto-optimal outcome;
 *   - for the diagnosis of an empty zone: how many feasible outcomes satisfy any
 *     chosen set of "conditions" (each red line, each party's reservation value).
 *
 * In a phased scenario utilities are expected utilities: each issue of a later
 * phase counts with the probability that the phase is carried out
 * (parley_scenario_expected_utility).
 *
 * Utilities are rounded to multiples of 2^-32 before any comparison so that
 * equal sums reached in different orders compare equal.
 */
#ifndef PARLEY_ANALYSIS_H
#define PARLEY_ANALYSIS_H

#include <parley/error.h>
#include <parley/progress.h>
#include <parley/scenario.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_analysis parley_analysis;

/*
 * How parley_analyze computes: AUTO takes the exact path without enumeration
 * (issue-wise merging and meet-in-the-middle, additive two-party scenarios
 * whose constraints mention few issues) when it is estimated faster than
 * streaming; STREAM always enumerates; EXACT takes the exact path whenever it
 * applies (else streams); EXACT_ONLY fails instead of streaming.  Both give the same figures, bit for bit.
 */
typedef enum parley_analysis_method {
    PARLEY_ANALYSIS_AUTO = 0,
    PARLEY_ANALYSIS_STREAM = 1,
    PARLEY_ANALYSIS_EXACT = 2,
    PARLEY_ANALYSIS_EXACT_ONLY = 3 /* EXACT, but PARLEY_ERANGE (saying why) instead of streaming */
} parley_analysis_method;

typedef struct parley_analysis_options {
    unsigned threads;  /* worker threads; 0 = one per core */
    double time;       /* relative time in [0,1] at which reservation values are read (pressure); 0 = start */
    int use_guarantee; /* phased scenarios: 0 = each party's stated trust; 1 = every trust replaced by `guarantee` */
    double guarantee;  /* probability that each later phase is carried out, when use_guarantee */
    uint64_t first, count; /* a part of the space: outcome numbers [first, first + count); count 0 = all */
    parley_progress_fn progress; /* optional: outcomes scanned so far (parley/progress.h) */
    void *progress_user;         /* passed to progress */
    unsigned plot_bins;          /* > 0: gather plot data (parley_analysis_density), bins per axis (at most 1024);
                                    a slower scan; ignored beyond PARLEY_PLOT_MAX_PARTIES parties */
    int method;        /* a parley_analysis_method; 0 = AUTO */
} parley_analysis_options;

typedef enum parley_solution_kind {
    PARLEY_SOLUTION_NASH = 0,
    PARLEY_SOLUTION_KALAI = 1,
    PARLEY_SOLUTION_EGALITARIAN = 2,
    PARLEY_SOLUTION_WELFARE = 3,
    PARLEY_SOLUTION_COUNT = 4
} parley_solution_kind;

/* "nash", "kalai", "egalitarian", "welfare". */
const char *parley_solution_name(parley_solution_kind kind);

/* A condition that the diagnosis can switch off. */
typedef enum parley_condition_kind {
    PARLEY_CONDITION_RED_LINE = 0,    /* `index` is a scenario constraint index */
    PARLEY_CONDITION_RESERVATION = 1  /* `index` is a scenario party index */
} parley_condition_kind;

typedef struct parley_condition {
    parley_condition_kind kind;
    size_t index;
    size_t party; /* the scenario party index the condition belongs to */
} parley_condition;

/* Most conditions for which parley_analysis_count_satisfying is available. */
#define PARLEY_MAX_DIAGNOSED_CONDITIONS 20u

/*
 * Analyses the scenario (options may be NULL for the defaults).  The scenario
 * must stay alive and unchanged while the result is used.  Fails with
 * PARLEY_ERANGE when the space has more than 2^64 outcomes.  *out is owned by
 * the caller: parley_analysis_free.
 */
int parley_analyze(const parley_scenario *sc, const parley_analysis_options *options, parley_analysis **out,
                   parley_error *err);
void parley_analysis_free(parley_analysis *a);

/*
 * Analyses of parts of one space (options first/count, the same scenario and
 * other options) can be computed apart (other processes, other machines of the
 * same architecture) and merged: parley_analysis_pack writes a part as bytes
 * (*buf is the caller's: free), parley_analysis_merge_packed adds such a part
 * to `into` (the analysis of another, disjoint part).  Once every part is in,
 * `into` is the analysis of the whole space, figure for figure.
 */
int parley_analysis_pack(const parley_analysis *a, void **buf, size_t *len, parley_error *err);
int parley_analysis_merge_packed(parley_analysis *into, const parley_scenario *sc, const void *buf, size_t len,
                                 parley_error *err);

uint64_t parley_analysis_outcomes(const parley_analysis *a);
uint64_t parley_analysis_feasible(const parley_analysis *a);
uint64_t parley_analysis_acceptable(const parley_analysis *a);
/*
 * How the figures were computed: "enumeration of every outcome" or the exact
 * path without enumeration; and, when the exact path did not apply, why (else
 * NULL).  Either way every figure is exact.
 */
const char *parley_analysis_method_text(const parley_analysis *a);
const char *parley_analysis_method_note(const parley_analysis *a);
/* 1 when the exact path without enumeration was taken. */
int parley_analysis_merged(const parley_analysis *a);
/* Seconds spent, and threads used. */
double parley_analysis_seconds(const parley_analysis *a);
unsigned parley_analysis_threads(const parley_analysis *a);

/* Negotiating parties analysed (k = 0..n-1), their scenario index, reservation and best acceptable utility. */
size_t parley_analysis_party_count(const parley_analysis *a);
size_t parley_analysis_party(const parley_analysis *a, size_t k);
double parley_analysis_reservation(const parley_analysis *a, size_t k);
/* Best utility of party k among acceptable outcomes (its reservation when the zone is empty). */
double parley_analysis_best(const parley_analysis *a, size_t k);
/* Feasible outcomes party k alone accepts (its red lines and reservation value). */
uint64_t parley_analysis_party_acceptable(const parley_analysis *a, size_t k);

/* The Pareto frontier of acceptable outcomes, sorted by outcome number. Pointers owned by the result. */
size_t parley_analysis_frontier_count(const parley_analysis *a);
const uint32_t *parley_analysis_frontier_outcome(const parley_analysis *a, size_t i);
const double *parley_analysis_frontier_utilities(const parley_analysis *a, size_t i); /* [party_count] */

/*
 * A bargaining solution: its outcome, every party's utility, and the
 * maximised objective.  PARLEY_ENOTFOUND when no outcome is acceptable.
 */
int parley_analysis_solution(const parley_analysis *a, parley_solution_kind kind, const uint32_t **outcome,
                             const double **utilities, double *value);

/* Conditions (every red line, then every party's reservation value). */
size_t parley_analysis_condition_count(const parley_analysis *a);
const parley_condition *parley_analysis_condition(const parley_analysis *a, size_t i);
/* Feasible outcomes on which condition i holds. */
uint64_t parley_analysis_condition_holds(const parley_analysis *a, size_t i);
/*
 * Feasible outcomes on which every condition whose bit is set in `mask` holds
 * (bit i = condition i).  PARLEY_ERANGE in *count's stead when the scenario has
 * more than PARLEY_MAX_DIAGNOSED_CONDITIONS conditions.
 */
int parley_analysis_count_satisfying(const parley_analysis *a, uint32_t mask, uint64_t *count);

/*
 * The minimal conflicting sets of conditions: masks M (bit i = condition i)
 * such that no feasible outcome satisfies all of M, while removing any one
 * condition leaves some outcome.  Writes up to `max` masks, smallest sets
 * first, and returns how many exist (0 when the zone of agreement is not
 * empty).  Available when parley_analysis_count_satisfying is (else returns 0).
 */
size_t parley_analysis_minimal_conflicts(const parley_analysis *a, uint32_t *masks, size_t max);

/*
 * For scenarios with more than PARLEY_MAX_DIAGNOSED_CONDITIONS conditions (any
 * number of them): the minimal failure masks over feasible outcomes, each
 * parley_analysis_mask_words(a) 64-bit words long, mask j in
 * (*masks)[j * words .. j * words + words - 1], with condition i's failure in
 * bit i % 64 of word i / 64 (one word, bit i, up to 64 conditions).  A set S of
 * conditions cannot hold together exactly when S meets every one of them.
 * *complete is 0 when too many distinct masks were seen to keep them all (then
 * the sets found are only candidates).  Returns the count; 0 and *masks NULL
 * when the histogram is available instead.
 */
size_t parley_analysis_failure_masks(const parley_analysis *a, const uint64_t **masks, int *complete);
/* Words per failure mask: 1 up to 64 conditions, ceil(conditions / 64) beyond. */
size_t parley_analysis_mask_words(const parley_analysis *a);

/*
 * Plot data, when the analysis ran with options->plot_bins > 0 (else 0 / NULL).
 * For negotiating parties k0 < k1 (analysis indices): a histogram of every
 * feasible outcome's utilities (acceptable_only 0) or of the acceptable ones (1), plot_bins x plot_bins counts, row r holding
 * party k1's utilities in [r/bins, (r+1)/bins) and column c party k0's
 * (utilities outside [0, 1] fall in the edge bins); and the 2-D Pareto
 * frontier of the pair's utilities over every feasible outcome
 * (acceptable_only 0) or over the acceptable ones (1): *xy holds count (x, y)
 * points, x ascending.  Pointers owned by the result.
 */
#define PARLEY_PLOT_MAX_PARTIES 8 /* 28 pairs; each worker holds 2 * bins^2 counters and 2 frontiers per pair */
unsigned parley_analysis_plot_bins(const parley_analysis *a);
const uint64_t *parley_analysis_density(const parley_analysis *a, size_t k0, size_t k1, int acceptable_only);
size_t parley_analysis_pair_frontier(const parley_analysis *a, size_t k0, size_t k1, int acceptable_only,
                                     const double **xy);

/*
 * Writes the analysis as an SVG picture (one panel per pair of parties: the
 * outcomes' density, reservation values, the Pareto frontiers of all and of
 * the acceptable outcomes, the four solutions labelled).  Needs an analysis
 * run with options->plot_bins > 0 (PARLEY_EINVAL otherwise).
 */
int parley_analysis_write_svg(const parley_analysis *a, const parley_scenario *sc, FILE *out, parley_error *err);

/* Writes the analysis as the JSON object documented in docs/analysis-json.md (pretty when `pretty`). */
int parley_analysis_write_json(const parley_analysis *a, const parley_scenario *sc, int with_frontier,
                               FILE *out, parley_error *err);

#ifdef __cplusplus
}
#endif
#endif

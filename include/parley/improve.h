/*
 * parley/improve.h: improving a signed deal (post-settlement settlement, Raiffa
 * 1985).  Given every party's profile and the package they agreed, the packages
 * that every negotiating party strictly prefers to it: Pareto improvements.
 *
 * Utilities are those of the analysis: each party's expected utility under its
 * trust in later phases, on the 2^-32 grid; "strictly prefers" is a strictly
 * larger value for every negotiating party.  An improvement must also satisfy
 * the global constraints and every party's red lines (a reservation value is
 * not checked: every party is better off than under the deal it signed).
 *
 * Order: the Nash point of the improvements is the one with the largest product
 * of the parties' gains over the agreement (the agreement as the disagreement
 * point; ties to the lowest outcome number).  Improvements are listed by the
 * Euclidean distance of their utility vector to the Nash point's, smallest
 * first (the Nash point itself first), ties by the larger product of gains,
 * then the lower outcome number.
 *
 * Spaces of at most `max_enumerate` outcomes are enumerated: every improvement
 * is considered (exhaustive).  Larger ones are searched, not enumerated: the
 * candidates are the Pareto frontier that parley_analyze_approximate finds
 * (exact for additive scenarios whose constraints mention few issues jointly)
 * and every change of one or two issues of the agreement; the result then says
 * it was bounded, and an empty list means none was found, not that none exists.
 */
#ifndef PARLEY_IMPROVE_H
#define PARLEY_IMPROVE_H

#include <parley/error.h>
#include <parley/scenario.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_improve_options {
    size_t limit;           /* improvements listed at most; 0 = 10 */
    uint64_t max_enumerate; /* spaces of at most this many outcomes are enumerated; 0 = 2,000,000 */
    uint64_t evaluations;   /* budget of the frontier search of larger spaces; 0 = 200,000 */
    unsigned threads;       /* threads of that search; 0 = 1 */
} parley_improve_options;

typedef struct parley_improvements parley_improvements;

/*
 * The improvements of `agreement` (values[issue count]); options may be NULL.
 * PARLEY_EINVAL when a value is outside its issue; *out is the caller's
 * (parley_improvements_free).  The scenario must outlive the result.
 */
int parley_improve(const parley_scenario *sc, const uint32_t *agreement, const parley_improve_options *options,
                   parley_improvements **out, parley_error *err);
void parley_improvements_free(parley_improvements *r);

/* Improvements listed (at most the limit), best first. */
size_t parley_improvements_count(const parley_improvements *r);
const uint32_t *parley_improvements_package(const parley_improvements *r, size_t i);
/* Utilities by negotiating party k = 0..n-1 (parley_scenario_negotiator(sc, k)): of the agreement, and of item i. */
const double *parley_improvements_before(const parley_improvements *r);
const double *parley_improvements_after(const parley_improvements *r, size_t i);
/* 1 when every outcome was considered; 0 when the space was searched (bounded). */
int parley_improvements_exhaustive(const parley_improvements *r);
/* Improvements found in all (the whole set when exhaustive), of which `count` are listed. */
uint64_t parley_improvements_found(const parley_improvements *r);
/* How the candidates were found (a static sentence). */
const char *parley_improvements_method(const parley_improvements *r);

/*
 * Writes the result: human text, or with `json` exactly
 * {"improvements": [{"package": {...}, "utilities": {PARTY: {"before": u, "after": u}}}, ...],
 *  "exhaustive": bool, "found": n, "method": "..."}
 * (utilities rounded to 9 decimals; the last three as the accessors above give them).
 */
int parley_improvements_write(const parley_improvements *r, const parley_scenario *sc, int json, FILE *out,
                              parley_error *err);

#ifdef __cplusplus
}
#endif
#endif

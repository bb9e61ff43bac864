/*
 * parley/uncertainty.h: negotiating under preference uncertainty (ANAC 2019,
 * GeniusWeb's SHAOP): a party is given only a ranking of k of its outcomes,
 * best first, and estimates a utility function from it.
 *
 * Estimators:
 *   - PARLEY_ESTIMATE_LP: linear programming (Tsimpoukis, Baarslag, Kaisers,
 *     Paterakis 2018): an additive utility u(o) = sum_i z[i][o_i], z >= 0, with
 *     u(best ranked) = 1 and u(o_j) - u(o_j+1) + s_j >= eps for consecutive
 *     ranked outcomes, minimising the total slack sum s_j (eps = 1e-4);
 *     solved by a small dense simplex; rankings of up to 1000 outcomes.
 *   - PARLEY_ESTIMATE_FREQUENCY: each value scores the mean rank score
 *     (1 for the best ranked outcome .. 0 for the last) of the ranked outcomes
 *     that contain it; values are those scores rescaled to [0,1] per issue and
 *     an issue weighs the spread of its scores (the importance maps of AgentGG).
 */
#ifndef PARLEY_UNCERTAINTY_H
#define PARLEY_UNCERTAINTY_H

#include <parley/error.h>
#include <parley/scenario.h>
#include <parley/utility.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum parley_estimator { PARLEY_ESTIMATE_LP = 0, PARLEY_ESTIMATE_FREQUENCY = 1 } parley_estimator;

/* "lp", "frequency"; and back (-1 when unknown). */
const char *parley_estimator_name(parley_estimator e);
int parley_estimator_from_name(const char *name);

/*
 * Draws k different outcomes of u's space (all of them when k >= the space's
 * size) with `seed` and ranks them by u, best first (ties by outcome number).
 * *ranked (k * issues values, row by row) is the caller's to free; *count = k
 * drawn.
 */
int parley_ranking_sample(const parley_utility *u, size_t k, uint64_t seed, uint32_t **ranked, size_t *count,
                          parley_error *err);

/*
 * Estimates an additive utility over `space` from `count` outcomes ranked best
 * first (count * issues values).  *out (weights summing to 1, values in [0,1],
 * reservation 0) is the caller's: parley_utility_free.
 */
int parley_utility_estimate(const parley_space *space, const uint32_t *ranked, size_t count, parley_estimator how,
                            parley_utility **out, parley_error *err);

/*
 * A copy of `sc` in which negotiating party k's additive utility is replaced by
 * the estimate from a ranking of `bids` of its outcomes (its reservation value,
 * pressure and discount kept): what that party's agent negotiates with.  Score
 * the result with the original scenario.  PARLEY_EINVAL for non-additive
 * profiles.  *out: parley_scenario_free.
 */
int parley_scenario_uncertain(const parley_scenario *sc, size_t k, size_t bids, parley_estimator how, uint64_t seed,
                              parley_scenario **out, parley_error *err);

#ifdef __cplusplus
}
#endif
#endif

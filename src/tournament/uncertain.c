/*
 * uncertain.c: tournaments under preference uncertainty: the copy of a
 * scenario in which the chosen parties hold only an estimate of their utility
 * (parley_scenario_uncertain), and the true scores of a negotiation run on it.
 */
#include <parley/uncertainty.h>

#include "tournament/stats_internal.h"

int tournament_uncertain_scenario(const parley_scenario *sc, const parley_tournament_config *cfg,
                                  parley_scenario **out, parley_error *err)
{
    *out = NULL;
    if (cfg->uncertain_bids == 0)
        return PARLEY_OK;
    parley_scenario *current = NULL;
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc) && k < 64; k++) {
        if (cfg->uncertain_parties && !(cfg->uncertain_parties >> k & 1))
            continue;
        parley_scenario *next = NULL;
        int rc = parley_scenario_uncertain(current ? current : sc, k, cfg->uncertain_bids,
                                           (parley_estimator)cfg->uncertain_estimator, cfg->session.seed + k, &next, err);
        parley_scenario_free(current);
        if (rc != PARLEY_OK)
            return rc;
        current = next;
    }
    *out = current;
    return PARLEY_OK;
}

void tournament_true_utilities(const parley_negotiation *neg, const parley_scenario *truth, double *utility,
                               double *discounted)
{
    const uint32_t *deal = parley_negotiation_agreement(neg);
    double t = parley_negotiation_end_time(neg);
    for (size_t k = 0; k < parley_negotiation_party_count(neg); k++) {
        const parley_utility *u = parley_party_utility(truth, parley_scenario_negotiator(truth, k));
        utility[k] = deal ? parley_utility_eval(u, deal) : parley_utility_reservation_at(u, t);
        discounted[k] = parley_utility_discounted(u, utility[k], t);
    }
}

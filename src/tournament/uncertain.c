/*
 * uncertain.c: tournaments under preference uncertainty: the copy of a
 * scenario in which the chosen parties hold only an estimate of their utility
 * (parley_scenario_uncertain), and the true scores of a negotiation run on it.
 * Elicitation is done before the talks: a party's ranking grows by
 * uncertain_elicit outcomes and its score pays uncertain_cost for each.
 */
#include <parley/uncertainty.h>

#include "tournament/stats_internal.h"

/* 1 when negotiating party k is one of the uncertain ones. */
static int is_uncertain(const parley_tournament_config *cfg, size_t k)
{
    return k < 64 && (!cfg->uncertain_parties || (cfg->uncertain_parties >> k & 1));
}

int tournament_uncertain_scenario(const parley_scenario *sc, const parley_tournament_config *cfg,
                                  parley_scenario **out, parley_error *err)
{
    *out = NULL;
    if (cfg->uncertain_bids == 0)
        return PARLEY_OK;
    parley_scenario *current = NULL;
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc) && k < 64; k++) {
        if (!is_uncertain(cfg, k))
            continue;
        parley_scenario *next = NULL;
        int rc = parley_scenario_uncertain(current ? current : sc, k, cfg->uncertain_bids + cfg->uncertain_elicit,
                                           (parley_estimator)cfg->uncertain_estimator, cfg->session.seed + k, &next, err);
        parley_scenario_free(current);
        if (rc != PARLEY_OK)
            return rc;
        current = next;
    }
    *out = current;
    return PARLEY_OK;
}

void tournament_true_utilities(const parley_negotiation *neg, const parley_scenario *truth,
                               const parley_tournament_config *cfg, double *utility, double *discounted)
{
    const uint32_t *deal = parley_negotiation_agreement(neg);
    double t = parley_negotiation_end_time(neg);
    for (size_t k = 0; k < parley_negotiation_party_count(neg); k++) {
        const parley_utility *u = parley_party_utility(truth, parley_scenario_negotiator(truth, k));
        utility[k] = deal ? parley_utility_eval(u, deal) : parley_utility_reservation_at(u, t);
        discounted[k] = parley_utility_discounted(u, utility[k], t);
        if (is_uncertain(cfg, k)) {
            double cost = cfg->uncertain_cost * (double)cfg->uncertain_elicit;
            utility[k] -= cost;
            discounted[k] -= cost;
        }
    }
}

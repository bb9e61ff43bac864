/*
 * anac_agreeable.c: AgreeableAgent2018 (Sahar Mirzayi, University of Tehran;
 * ANAC 2018 winner, GENIUS agents.anac.y2018.agreeableagent2018).  It offers
 * its best package until t = 0.2, then a Boulware target
 * pmin + (pmax - pmin)(1 - t'^10), t' = (t - 0.2)/0.8, never below 0.8.  Until
 * the model time (t = 0.2, 0.3 or 0.4 for fewer than 1,000, 10,000 or more
 * packages) it offers the package nearest the target; then it draws a package
 * in target +- 0.05(1 - (pmin + (pmax - pmin)(1 - t^10))) by roulette wheel on
 * the opponents' frequency models (a value scores count / bids, an issue
 * weighs the standard deviation of its value counts).  When that draw fails
 * (no package in the band, or the models score nothing) the original's
 * exception handler offers its best package without considering acceptance;
 * parley does the same.  It accepts an offer worth its next bid, or from
 * t = 0.99 anything above its reservation value.  No parameters.
 */
#include "agents/agent_common.h"
#include "agents/anac_java_random.h"
#include "agents/anac_winners.h"
#include "agents/genius_outcome_space.h"
#include "agents/builtin.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#define AGREEABLE_CONCEDE_FROM 0.2
#define AGREEABLE_EXPONENT 10.0      /* 1 / concessionFactor (0.1) */
#define AGREEABLE_FLOOR 0.8          /* Constants.minimumUtility */
#define AGREEABLE_NEIGHBOURHOOD 0.05 /* Constants.neigExplorationDisFactor */
#define AGREEABLE_LATE 0.99          /* from here it accepts anything above its reservation value */
#define AGREEABLE_ENUMERATE_MAX (1u << 21) /* larger spaces: the view's sampled packages */

struct agreeable {
    struct boa_track tr;
    struct value_counts *counts; /* [parties] */
    double model_time;
    uint64_t opponent_generators;
    java_random math_random; /* the generator behind Math.random() */
    int math_random_made;
    genius_outcome_space space; /* the original's OutcomeSpace (empty until first needed) */
    size_t *range, range_cap;   /* getBidsinRange's positions */
};

double agreeable_target(double t, double pmin, double pmax)
{
    if (t < AGREEABLE_CONCEDE_FROM)
        return 1;
    double tn = (t - AGREEABLE_CONCEDE_FROM) / (1 - AGREEABLE_CONCEDE_FROM);
    return pmin + (pmax - pmin) * (1 - pow(tn, AGREEABLE_EXPONENT));
}

double agreeable_neighbourhood(double t, double pmin, double pmax)
{
    if (t < AGREEABLE_CONCEDE_FROM)
        return 0;
    return AGREEABLE_NEIGHBOURHOOD * (1 - (pmin + (pmax - pmin) * (1 - pow(t, AGREEABLE_EXPONENT))));
}

int agreeable_accepts(double t, double offered, double next_bid, double reservation)
{
    return offered >= next_bid || (t >= AGREEABLE_LATE && offered >= reservation);
}

/* FrequencyBasedOpponentModel.getUtility: sum over issues of count/bids times sd-weight share, over the issues. */
static double frequency_eval(const struct value_counts *c, const uint32_t *o)
{
    if (c->bids == 0)
        return 0;
    double wsum = 0, u = 0;
    for (size_t i = 0; i < c->issues; i++)
        wsum += value_counts_sd(c, i);
    for (size_t i = 0; i < c->issues; i++)
        u += c->count[c->offset[i] + o[i]] / (double)c->bids * (value_counts_sd(c, i) / wsum);
    return u / (double)c->issues;
}

static void agreeable_destroy(void *state)
{
    struct agreeable *a = state;
    if (!a)
        return;
    if (a->counts)
        for (size_t k = 0; k < a->tr.parties; k++)
            value_counts_free(&a->counts[k]);
    free(a->counts);
    genius_outcome_space_free(&a->space);
    free(a->range);
    boa_track_free(&a->tr);
    free(a);
}

static int agreeable_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    uint64_t opponent_generators;
    int rc = java_random_harness_param("agreeable-2018", params, &opponent_generators, err);
    if (rc)
        return rc;
    struct agreeable *a = boa_agent_state_new(v, "agreeable-2018", "", sizeof *a, offsetof(struct agreeable, tr), err, &rc);
    if (!a)
        return rc;
    if (!(a->counts = calloc(a->tr.parties, sizeof *a->counts)))
        goto nomem;
    for (size_t k = 0; k < a->tr.parties; k++)
        if (value_counts_init(&a->counts[k], parley_view_space(v)))
            goto nomem;
    size_t size = parley_view_outcome_count(v);
    a->model_time = size < 1000 ? 0.2 : size < 10000 ? 0.3 : 0.4;
    a->opponent_generators = opponent_generators;
    *state = a;
    return PARLEY_OK;
nomem:
    agreeable_destroy(a);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
}


/* OutcomeSpace, built at first use. */
static int outcome_space(struct agreeable *a, parley_agent_view *v)
{
    if (a->space.u)
        return PARLEY_OK;
    return genius_outcome_space_build(&a->space, v, AGREEABLE_ENUMERATE_MAX);
}

/* The opponents' summed model scores of package j (getBestBidByRouletteWheel's sumOfTwoUtilitiesForBid). */
static double models_score(struct agreeable *a, parley_agent_view *v, size_t j)
{
    genius_outcome_space_at(&a->space, v, j, a->tr.scratch);
    double sum = 0;
    for (size_t k = 0; k < a->tr.parties; k++)
        if (k != a->tr.me)
            sum += frequency_eval(&a->counts[k], a->tr.scratch);
    return sum;
}

/* tuneBidByOpponentModel: the packages strictly inside (lower, upper) in BidIterator order (getBidsinRange); one
   alone is offered, otherwise the roulette wheel by the models' summed scores and Math.random(), which draws even
   when the range is empty; its utility, or -1 when the original fails (no package in the range, or the wheel
   stops past the list: the original's index runs past it and its exception handler takes over). */
static double tune_bid(struct agreeable *a, parley_agent_view *v, double lower, double upper, uint32_t *out)
{
    size_t in_range = genius_outcome_space_range(&a->space, lower, upper, &a->range, &a->range_cap);
    if (in_range == (size_t)-1)
        return -2;
    if (in_range == 1)
        return genius_outcome_space_at(&a->space, v, a->range[0], out);
    double total = 0;
    for (size_t j = 0; j < in_range; j++)
        total += models_score(a, v, a->range[j]);
    if (!a->math_random_made) { /* Math.random()'s generator, made at its first call (anac_java_random.h) */
        java_random_init_harness(&a->math_random, v, java_random_harness_number(v, a->opponent_generators, 1, 1));
        a->math_random_made = 1;
    }
    double r = java_random_next_double(&a->math_random), integrate = 0;
    for (size_t j = 0; j < in_range; j++) {
        integrate += models_score(a, v, a->range[j]) / total;
        if (integrate >= r)
            return genius_outcome_space_at(&a->space, v, a->range[j], out);
    }
    return -1;
}

static int agreeable_act_raw(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct agreeable *a = state;
    int rc = winners_update(&a->tr, v, a->counts);
    if (rc || (rc = outcome_space(a, v)))
        return rc;
    double t = parley_view_time(v), pmin = parley_view_worst_utility(v), pmax = parley_view_best_utility(v);
    double target = agreeable_target(t, pmin, pmax);
    if (target < AGREEABLE_FLOOR)
        target = AGREEABLE_FLOOR;
    double bid_u = -1;
    int accept = 0;
    if (a->tr.received > 0) {
        if (t >= a->model_time) {
            double d = agreeable_neighbourhood(t, pmin, pmax);
            bid_u = tune_bid(a, v, target - d, target + d, act->outcome);
            if (bid_u == -2)
                return PARLEY_ENOMEM;
        } else {
            bid_u = a->space.count ? genius_outcome_space_at(&a->space, v,
                                                             genius_outcome_space_near(&a->space, target), act->outcome)
                                   : -1;
        }
        const uint32_t *standing = boa_acceptable_offer(v);
        if (bid_u >= 0 && standing)
            accept = agreeable_accepts(t, parley_view_eval(v, standing), bid_u, parley_view_reservation(v));
    }
    if (bid_u < 0) /* no offer received yet, or the draw failed: its best package (getMaxUtilityBid) */
        bid_u = genius_outcome_space_best(&a->space) < a->space.count
                    ? genius_outcome_space_at(&a->space, v, genius_outcome_space_best(&a->space), act->outcome)
                    : -1;
    if (bid_u < 0 && parley_view_outcome_count(v) > 0) /* nothing worth more than 0 */
        bid_u = parley_view_outcome_ranked(v, parley_view_outcome_count(v) - 1, act->outcome);
    return winners_finish(&a->tr, v, request, accept, bid_u, target, act);
}

AGENT_KEEP_WITHIN(agreeable_act, agreeable_act_raw)

const parley_agent_vtable agent_agreeable_2018 = {PARLEY_AGENT_ABI, "agreeable-2018",
                                                  "AgreeableAgent2018 (ANAC 2018): best package until t = 0.2, then "
                                                  "a late Boulware to 0.8, roulette on a frequency model",
                                                  agreeable_create, agreeable_destroy, agreeable_act};

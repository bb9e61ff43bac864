/*
 * anac_agent_k.c: AgentK (Kawaguchi, Fujita and Ito; ANAC 2010 winner), as
 * GENIUS's agents.anac.y2010.AgentK.Agent_K plays it.  Every offer received
 * updates the mean and variance of the offers' utility; from them AgentK
 * estimates the best the opponent will give (mean + (1 - mean) * sqrt(12 var)),
 * sets an acceptance target and a bidding target that fall towards it as
 * t^(3 + 6 mean), and accepts with a probability that grows with time and with
 * how far the offer is above both.  It offers back, at random, an offer it
 * received above its target; otherwise a random package above its bidding
 * target, lowering that target by 0.01 whenever 501 random draws find none.
 */
#include "agents/anac_classic.h"
#include "agents/boa.h"
#include "agents/builtin.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define AGENTK_TREMOR 2.0
#define AGENTK_TRIES 501 /* random packages drawn before the bidding target drops by 0.01 */

/* The lowering of a target that lies above the estimated maximum (the original's "app"): r * min(1/r^2, m) / m. */
static double agentk_lower(double target, double estimate_max, double m)
{
    if (!(target > estimate_max))
        return estimate_max;
    double r = target - estimate_max, f = 1 / (r * r);
    if (f > m || isnan(f))
        f = m;
    return target - r * f / m;
}

/* ratio * pre + 1 - ratio, ratio = (deviation + 0.1) / (1 - pre) capped at 2. */
static double agentk_stretch(double pre, double deviation)
{
    double ratio = (deviation + 0.1) / (1 - pre);
    if (isnan(ratio) || ratio > 2.0)
        ratio = 2.0;
    return ratio * pre + 1 - ratio;
}

void agentk_evaluate(double offered, double mean, double variance, double t, double tremor_draw,
                     struct agentk_eval *out)
{
    double deviation = sqrt(variance * 12);
    if (isnan(deviation))
        deviation = 0;
    if (offered > 1)
        offered = 1;
    double estimate_max = mean + (1 - mean) * deviation;
    double alpha = 1 + AGENTK_TREMOR + 10 * mean - 2 * AGENTK_TREMOR * mean; /* = 3 + 6 mean */
    double beta = alpha + tremor_draw * AGENTK_TREMOR - AGENTK_TREMOR / 2;
    double pre = 1 - pow(t, alpha) * (1 - estimate_max), pre2 = 1 - pow(t, beta) * (1 - estimate_max);
    double m = t * t * t * -300 + 400;
    out->estimate_max = estimate_max;
    out->target = agentk_lower(agentk_stretch(pre, deviation), estimate_max, m);
    out->bid_target = agentk_lower(agentk_stretch(pre2, deviation), estimate_max, m);
    double p = pow(t, alpha) / 5 + (offered - estimate_max) + (offered - out->target);
    out->p = p < 0.1 ? 0 : p;
}

struct agentk {
    struct boa_track tr;
    struct anac_bids offered; /* every distinct offer received */
    double target, bid_target;
};

static void agentk_destroy(void *state)
{
    struct agentk *a = state;
    if (!a)
        return;
    boa_track_free(&a->tr);
    anac_bids_free(&a->offered);
    free(a);
}

static int agentk_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    int rc;
    struct agentk *a = boa_agent_state_new(v, "agent-k", params, sizeof *a, offsetof(struct agentk, tr), err, &rc);
    if (!a)
        return rc;
    a->offered.issues = a->tr.issues;
    a->target = a->bid_target = 1.0;
    *state = a;
    return PARLEY_OK;
}

/*
 * The random search for a package worth at least the bidding target: a draw
 * succeeds with probability k/N (k of the N packages reach the target), so 501
 * draws find one with probability 1 - (1 - k/N)^501, and then a uniform one of
 * the k; otherwise the target drops by 0.01 and the search goes on.
 */
static double agentk_search(struct agentk *a, parley_agent_view *v, uint32_t *out)
{
    size_t n = parley_view_outcome_count(v);
    if (isnan(a->bid_target))
        a->bid_target = 0;
    for (;;) {
        size_t first = parley_view_outcome_rank(v, a->bid_target), k = n - first;
        if (k == n || (k > 0 && parley_view_random(v) < 1 - pow(1 - (double)k / (double)n, AGENTK_TRIES)))
            return parley_view_outcome_ranked(v, first + anac_random_index(v, k), out);
        a->bid_target -= 0.01;
    }
}

static double agentk_select(struct agentk *a, parley_agent_view *v, uint32_t *out)
{
    size_t above = 0;
    for (size_t i = 0; i < a->offered.count; i++)
        above += a->offered.utility[i] > a->target;
    if (above > 0) {
        size_t pick = anac_random_index(v, above);
        for (size_t i = 0; i < a->offered.count; i++)
            if (a->offered.utility[i] > a->target && pick-- == 0) {
                memcpy(out, anac_bids_at(&a->offered, i), a->tr.issues * sizeof *out);
                return a->offered.utility[i];
            }
    }
    return agentk_search(a, v, out);
}

static int agentk_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct agentk *a = state;
    size_t before = a->tr.received;
    int rc = boa_track_update(&a->tr, v);
    if (rc)
        return rc;
    double p = 0;
    if (a->tr.received > before) { /* the opponent's new offer */
        double u = parley_view_eval(v, a->tr.latest), n = (double)a->tr.received;
        if (anac_bids_add(&a->offered, a->tr.latest, u) < 0)
            return PARLEY_ENOMEM;
        double mean = a->tr.sum / n;
        struct agentk_eval e;
        agentk_evaluate(u, mean, a->tr.sum_sq / n - mean * mean, parley_view_time(v), parley_view_random(v), &e);
        a->target = e.target;
        a->bid_target = e.bid_target;
        p = e.p;
    }
    if (request != PARLEY_REQUEST_PROPOSE)
        return agent_act_target(v, request, a->target, act);
    if (parley_view_outcome_count(v) == 0) {
        act->kind = PARLEY_ACT_WALK_AWAY;
        return PARLEY_OK;
    }
    if (boa_acceptable_offer(v) && a->tr.received > before && p > parley_view_random(v)) {
        act->kind = PARLEY_ACT_ACCEPT;
        return PARLEY_OK;
    }
    agentk_select(a, v, act->outcome);
    act->kind = PARLEY_ACT_OFFER;
    return PARLEY_OK;
}

const parley_agent_vtable agent_agent_k = {
    PARLEY_AGENT_ABI, "agent-k",
    "AgentK (ANAC 2010): targets from the mean and spread of the offers received, probabilistic acceptance",
    agentk_create, agentk_destroy, agentk_act};

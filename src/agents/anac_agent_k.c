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
 * Its four generators (random100: acceptance, random200: which received offer,
 * random300: the search, random400: the tremor) replay java.util.Random with
 * the seeds GENIUS's reference harness gives them (its first four; parameter
 * opponent_generators, see anac_java_random.h).
 */
#include "agents/agent_common.h"
#include "agents/anac_classic.h"
#include "agents/anac_java_random.h"
#include "agents/boa.h"
#include "agents/builtin.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define AGENTK_TREMOR 2.0
#define AGENTK_TRIES 500 /* random packages drawn (after the first) before the bidding target drops by 0.01 */

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
    java_random random100, random200, random300, random400;
    size_t *order; /* [offered.count] the received offers in the HashMap's iteration order */
    size_t order_cap;
};

static void agentk_destroy(void *state)
{
    struct agentk *a = state;
    if (!a)
        return;
    boa_track_free(&a->tr);
    anac_bids_free(&a->offered);
    free(a->order);
    free(a);
}

static int agentk_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    uint64_t opponent_generators;
    int rc = java_random_harness_param("agent-k", params, &opponent_generators, err);
    if (rc)
        return rc;
    struct agentk *a = boa_agent_state_new(v, "agent-k", "", sizeof *a, offsetof(struct agentk, tr), err, &rc);
    if (!a)
        return rc;
    a->offered.issues = a->tr.issues;
    a->target = a->bid_target = 1.0;
    java_random *gen[] = {&a->random100, &a->random200, &a->random300, &a->random400};
    for (size_t i = 0; i < 4; i++)
        java_random_init_harness(gen[i], v, java_random_harness_number(v, opponent_generators, i + 1, 0));
    *state = a;
    return PARLEY_OK;
}

/*
 * searchBid in its loop: random packages (random300.nextInt per issue) until
 * one is worth the bidding target, the target dropping by 0.01 after every 501
 * draws that found none.
 */
static double agentk_search(struct agentk *a, parley_agent_view *v, uint32_t *out)
{
    const parley_space *space = parley_view_space(v);
    if (isnan(a->bid_target))
        a->bid_target = 0;
    double best = parley_view_best_utility(v), u = 0;
    if (a->bid_target > best) /* the original would draw forever: lower it to the best package at once */
        a->bid_target -= 0.01 * ceil((a->bid_target - best) / 0.01);
    for (int loop = 0; u < a->bid_target; loop++) {
        if (loop > AGENTK_TRIES) {
            a->bid_target -= 0.01;
            loop = 0;
        }
        for (size_t i = 0; i < a->tr.issues; i++)
            out[i] = (uint32_t)java_random_next_int(&a->random300, (int32_t)parley_issue_value_count(space, i));
        u = parley_view_eval(v, out);
    }
    return u;
}

static int by_order(const void *x, const void *y)
{
    uint64_t p = *(const uint64_t *)x, q = *(const uint64_t *)y;
    return (p > q) - (p < q);
}

void agentk_keyset_sort(uint64_t *keys, size_t n)
{
    qsort(keys, n, sizeof *keys, by_order);
}

uint32_t agentk_keyset_capacity(size_t count)
{
    uint32_t capacity = 16;
    while (count > capacity / 4 * 3)
        capacity *= 2;
    return capacity;
}

/* The received offers worth more than its target, in offeredBidMap.keySet() order (a HashMap<Bid, Double>:
   bucket of Bid.hashCode, then insertion order), one of them at random (random200); otherwise the search. */
static double agentk_select(struct agentk *a, parley_agent_view *v, uint32_t *out)
{
    size_t above = 0, count = a->offered.count;
    uint32_t capacity = agentk_keyset_capacity(count);
    uint64_t *keys = malloc((count ? count : 1) * sizeof *keys);
    if (!keys)
        return agentk_search(a, v, out);
    for (size_t i = 0; i < count; i++)
        if (a->offered.utility[i] > a->target) {
            uint32_t h = (uint32_t)java_bid_hash(parley_view_space(v), anac_bids_at(&a->offered, i));
            keys[above++] = (uint64_t)((h ^ (h >> 16)) & (capacity - 1)) << 32 | i;
        }
    if (above > 0) {
        agentk_keyset_sort(keys, above);
        size_t i = (size_t)(keys[(size_t)floor(java_random_next_double(&a->random200) * (double)above)] & 0xFFFFFFFFu);
        free(keys);
        memcpy(out, anac_bids_at(&a->offered, i), a->tr.issues * sizeof *out);
        return a->offered.utility[i];
    }
    free(keys);
    return agentk_search(a, v, out);
}

static int agentk_act_raw(void *state, parley_agent_view *v, parley_request request, parley_action *act)
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
        agentk_evaluate(u, mean, a->tr.sum_sq / n - mean * mean, parley_view_time(v),
                        java_random_next_double(&a->random400), &e);
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
    int lucky = a->tr.received > before && p > java_random_next_double(&a->random100); /* drawn at every offer */
    if (boa_standing_offer(v) && lucky) { /* as the original, even below its reservation value */
        act->kind = PARLEY_ACT_ACCEPT;
        return PARLEY_OK;
    }
    agentk_select(a, v, act->outcome);
    act->kind = PARLEY_ACT_OFFER;
    return PARLEY_OK;
}

AGENT_KEEP_WITHIN(agentk_act, agentk_act_raw)

const parley_agent_vtable agent_agent_k = {
    PARLEY_AGENT_ABI, "agent-k",
    "AgentK (ANAC 2010): targets from the mean and spread of the offers received, probabilistic acceptance",
    agentk_create, agentk_destroy, agentk_act};

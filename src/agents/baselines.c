/*
 * baselines.c: ANAC agents that papers use as baselines, written from their
 * published descriptions (docs/agents.md gives each source and what parley's
 * version simplifies).  Each is a target utility over time, a way to pick the
 * bid at that target, and an acceptance rule, on the record kept by boa_track:
 *   agent-k     (Kawaguchi, Fujita, Ito; ANAC 2010 winner)
 *   cuhk        (Hao, Leung: CUHKAgent / ABiNeS; ANAC 2012 winner)
 *   atlas3      (Mori, Ito; ANAC 2015 winner, multilateral)
 * hardheaded is in anac_hardheaded.c.
 * nice-tit-for-tat (Baarslag, Hindriks, Jonker 2013) is the BOA agent with
 * bidding=tft, model=bayes, accept=combi (boa_agent.c); micro is in micro.c,
 * agent-gg in anac_agent_gg.c.
 */
#include "agents/boa.h"
#include "agents/builtin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct baseline;

struct baseline_kind {
    const char *name;
    const char *model;  /* opponent model kept for each other party */
    double window;      /* bids picked among target .. target + window */
    int random_pick;    /* pick at random in the window (agent-k) instead of by the models */
    double (*target)(struct baseline *b, parley_agent_view *v);
    /* 1 to accept the standing offer worth `offered` when the next bid is worth `next` */
    int (*accept)(struct baseline *b, parley_agent_view *v, double offered, double next);
    /* optional: writes the bid itself and returns its utility, or returns -1 to pick normally */
    double (*bid)(struct baseline *b, parley_agent_view *v, double target, uint32_t *out);
};

struct baseline {
    const struct baseline_kind *kind;
    struct boa_track tr;
    double target, lowest_bid;
};

/* --- AgentK: target from the mean and spread of the opponent's offers; probabilistic acceptance. --- */

/* AgentK's estimate of the best the opponent will offer: mean + (1 - mean) * d, d from the spread. */
static double agentk_emax(const struct boa_track *tr)
{
    double mean, sd;
    boa_track_moments(tr, &mean, &sd);
    double d = mean > 0 && mean < 1 ? sqrt(3.0) * sd / sqrt(mean * (1 - mean)) : 0;
    if (d > 1)
        d = 1;
    return mean + (1 - mean) * d;
}

static double agentk_target(struct baseline *b, parley_agent_view *v)
{
    double best = parley_view_best_utility(v), floor = agent_floor(v), t = parley_view_time(v);
    double emax = b->tr.received ? agentk_emax(&b->tr) : floor;
    if (emax < floor)
        emax = floor;
    if (emax > best)
        emax = best;
    return best - (best - emax) * t * t * t;
}

static int agentk_accept(struct baseline *b, parley_agent_view *v, double offered, double next)
{
    double t = parley_view_time(v), target = b->target;
    if (offered >= target - 1e-12 || offered >= next - 1e-12)
        return 1;
    double p = pow(t, 5) / 5 + (offered - agentk_emax(&b->tr)) + (offered - target);
    return p > 0 && parley_view_random(v) < p;
}

/* --- CUHKAgent (ABiNeS): exploit until the non-exploitation time, then concede to the best offer seen. --- */

/* The opponent's concession in own utility: how far its best offer moved from its first, over the room left. */
static double concession_degree(const struct boa_track *tr, double best)
{
    if (tr->received < 2)
        return 0;
    double room = best - tr->ru[0];
    return room > 1e-9 ? (tr->best_u - tr->ru[0]) / room : 0;
}

static double cuhk_target(struct baseline *b, parley_agent_view *v)
{
    double best = parley_view_best_utility(v), floor = agent_floor(v), t = parley_view_time(v);
    double lambda = 0.8 + 0.15 * concession_degree(&b->tr, best);
    double low = b->tr.best_u > floor ? b->tr.best_u : floor;
    if (low > best)
        low = best;
    double kept = best - 0.05 * (best - low) * (t < lambda ? t / lambda : 1);
    if (t < lambda)
        return kept;
    return kept - (kept - low) * (t - lambda) / (1 - lambda);
}

static int threshold_accept(struct baseline *b, parley_agent_view *v, double offered, double next)
{
    (void)v;
    return offered >= b->target - 1e-12 || offered >= next - 1e-12;
}

/* ABiNeS explores: one bid in ten is a random one above the target. */
static double cuhk_bid(struct baseline *b, parley_agent_view *v, double target, uint32_t *out)
{
    (void)b;
    if (parley_view_random(v) >= 0.1)
        return -1;
    size_t count = parley_view_outcome_count(v), start = parley_view_outcome_rank(v, target);
    if (start >= count)
        return -1;
    size_t pick = start + (size_t)(parley_view_random(v) * (double)(count - start));
    return parley_view_outcome_ranked(v, pick < count ? pick : count - 1, out);
}

/* --- Atlas3: a concession bounded by the expected lower limit; the final phase replays offers received. --- */

static double atlas3_target(struct baseline *b, parley_agent_view *v)
{
    double best = parley_view_best_utility(v), floor = agent_floor(v), t = parley_view_time(v);
    double mean, sd;
    boa_track_moments(&b->tr, &mean, &sd);
    double limit = b->tr.received ? mean + sd : best;
    if (limit < floor)
        limit = floor;
    if (limit < b->tr.best_u)
        limit = b->tr.best_u;
    if (limit > best)
        limit = best;
    return best - (best - limit) * t * t;
}

/* Final phase (t >= 0.98): offer back the best offer received (the head of its CList) while it is above the floor. */
static double atlas3_bid(struct baseline *b, parley_agent_view *v, double target, uint32_t *out)
{
    (void)target;
    if (parley_view_time(v) < 0.98 || b->tr.received == 0 || b->tr.best_u < agent_floor(v))
        return -1;
    memcpy(out, b->tr.best, b->tr.issues * sizeof *out);
    return b->tr.best_u;
}

static const struct baseline_kind kinds[] = {
    {"agent-k", "none", 0.05, 1, agentk_target, agentk_accept, NULL},
    {"cuhk", "frequency", 0.05, 0, cuhk_target, threshold_accept, cuhk_bid},
    {"atlas3", "frequency", 0.03, 0, atlas3_target, threshold_accept, atlas3_bid},
};

static void baseline_destroy(void *state)
{
    struct baseline *b = state;
    if (b)
        boa_track_free(&b->tr);
    free(b);
}

static int baseline_create_kind(size_t kind, parley_agent_view *v, const char *params, void **state,
                                parley_error *err)
{
    static const char *const none[] = {NULL};
    int rc = parley_agent_params_check(kinds[kind].name, params, none, err);
    if (rc)
        return rc;
    struct baseline *b = calloc(1, sizeof *b);
    if (!b)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    b->kind = &kinds[kind];
    b->lowest_bid = -1;
    if ((rc = boa_track_init(&b->tr, v, kinds[kind].model, err))) {
        free(b);
        return rc;
    }
    *state = b;
    return PARLEY_OK;
}

/* A random package in the window above target (agent-k). */
static double random_in_window(parley_agent_view *v, double target, double window, uint32_t *out)
{
    size_t count = parley_view_outcome_count(v), start = parley_view_outcome_rank(v, target);
    if (start >= count)
        return parley_view_outcome_at_least(v, target, out);
    size_t end = parley_view_outcome_rank(v, target + window);
    if (end <= start)
        end = start + 1;
    size_t pick = start + (size_t)(parley_view_random(v) * (double)(end - start));
    return parley_view_outcome_ranked(v, pick < end ? pick : end - 1, out);
}

static int baseline_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct baseline *b = state;
    const struct baseline_kind *k = b->kind;
    int rc = boa_track_update(&b->tr, v);
    if (rc)
        return rc;
    b->target = k->target(b, v);
    if (request != PARLEY_REQUEST_PROPOSE)
        return agent_act_target(v, request, b->target, act);
    double best = parley_view_best_utility(v);
    if (best < 0 || best < parley_view_reservation(v)) {
        act->kind = PARLEY_ACT_WALK_AWAY;
        return PARLEY_OK;
    }
    double next = k->bid ? k->bid(b, v, b->target, act->outcome) : -1;
    if (next < 0)
        next = k->random_pick ? random_in_window(v, b->target, k->window, act->outcome)
                              : parley_agent_pick_bid(v, b->target, k->window, b->tr.models, b->tr.parties, act->outcome);
    const uint32_t *standing = boa_acceptable_offer(v);
    if (standing && k->accept(b, v, parley_view_eval(v, standing), next)) {
        act->kind = PARLEY_ACT_ACCEPT;
        return PARLEY_OK;
    }
    act->kind = PARLEY_ACT_OFFER;
    if (b->lowest_bid < 0 || next < b->lowest_bid)
        b->lowest_bid = next;
    b->tr.last_bid = next;
    b->tr.my_bids++;
    return PARLEY_OK;
}

#define BASELINE(ident, index, label, text)                                                                      \
    static int ident##_create(parley_agent_view *v, const char *params, void **state, parley_error *err)         \
    {                                                                                                             \
        return baseline_create_kind(index, v, params, state, err);                                                \
    }                                                                                                             \
    const parley_agent_vtable agent_##ident = {PARLEY_AGENT_ABI, label, text, ident##_create, baseline_destroy,  \
                                               baseline_act};

BASELINE(agent_k, 0, "agent-k", "AgentK (ANAC 2010): target from the opponent's mean and spread, probabilistic acceptance")
BASELINE(cuhk, 1, "cuhk", "CUHKAgent (ANAC 2012): exploits until an adaptive time, then concedes to the best offer seen")
BASELINE(atlas3, 2, "atlas3", "Atlas3 (ANAC 2015): concession bounded by the expected lower limit, replays offers at the end")

/*
 * baselines.c: ANAC agents that papers use as baselines, written from their
 * published descriptions (docs/agents.md gives each source and what parley's
 * version simplifies).  Each is a target utility over time, a way to pick the
 * bid at that target, and an acceptance rule, on the record kept by boa_track:
 *   agent-gg    (Shaobo Xu; ANAC 2019 winner, importance maps)
 * hardheaded, agent-k, nice-tit-for-tat, cuhk and atlas3 are in anac_*.c;
 * micro is in micro.c.
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

static int threshold_accept(struct baseline *b, parley_agent_view *v, double offered, double next)
{
    (void)v;
    return offered >= b->target - 1e-12 || offered >= next - 1e-12;
}

/* --- AgentGG: thresholds over the importance maps, down to the estimated Nash package, then to the floor. --- */

static double agentgg_target(struct baseline *b, parley_agent_view *v)
{
    double best = parley_view_best_utility(v), floor = agent_floor(v), t = parley_view_time(v);
    double nash = boa_track_nash(&b->tr, v);
    if (isnan(nash) || nash < floor)
        nash = floor;
    if (t < 0.1)
        return best;
    if (t < 0.98)
        return best - (best - nash) * pow((t - 0.1) / 0.88, 3);
    return nash - (nash - floor) * (t - 0.98) / 0.02;
}

static const struct baseline_kind kinds[] = {
    {"agent-gg", "frequency", 0.05, agentgg_target, threshold_accept, NULL},
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
        next = parley_agent_pick_bid(v, b->target, k->window, b->tr.models, b->tr.parties, act->outcome);
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

BASELINE(agent_gg, 0, "agent-gg", "AgentGG (ANAC 2019): importance-map thresholds down to the estimated Nash package")

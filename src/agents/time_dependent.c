/*
 * time_dependent.c: the time-dependent agents of Faratin, Sierra and Jennings
 * (1998): boulware, linear, conceder, and hardliner (never concedes).  The
 * target at relative time t is pmin + (pmax - pmin)(1 - F(t)) with
 * F(t) = k + (1 - k) t^(1/e); pmax is the agent's best package, pmin its
 * reservation value now (pressure) or its worst package when higher.
 * Parameters: e (exponent) and k (initial concession, default 0).
 * boulware and conceder are GENIUS's TimeDependentAgentBoulware/Conceder: under
 * alternating offers they offer the package nearest the target (possibly just
 * below it, SortedOutcomeSpace.getBidNearUtility) and accept an offer worth at
 * least that package, even below the reservation value as GENIUS does; linear
 * and hardliner offer the cheapest package at least worth the target.
 */
#include "agents/agent_common.h"
#include "agents/builtin.h"

#include <stdlib.h>

struct td_state {
    double e, k;
    int genius; /* boulware, conceder: offer the bid nearest the target, as GENIUS's TimeDependentAgent */
};

static int td_create_with(const char *name, double e_default, int fixed, int genius, const char *params,
                          void **state, parley_error *err)
{
    static const char *const keys[] = {"e", "k", NULL};
    static const char *const none[] = {NULL};
    struct td_state *s;
    double e = e_default, k = 0;
    int rc = parley_agent_params_check(name, params, fixed ? none : keys, err);
    if (rc || (rc = parley_agent_param_double(name, params, "e", e_default, &e, err)) ||
        (rc = parley_agent_param_double(name, params, "k", 0, &k, err)))
        return rc;
    if (e < 0 || e > 1000)
        return parley_error_set(err, PARLEY_EINVAL, "agent %s: e=%g is outside [0,1000]", name, e);
    if (k < 0 || k > 1)
        return parley_error_set(err, PARLEY_EINVAL, "agent %s: k=%g is outside [0,1]", name, k);
    if (!(s = malloc(sizeof *s)))
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    s->e = e;
    s->k = k;
    s->genius = genius;
    *state = s;
    return PARLEY_OK;
}

static int boulware_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    return td_create_with("boulware", 0.2, 0, 1, params, state, err);
}
static int linear_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    return td_create_with("linear", 1, 0, 0, params, state, err);
}
static int conceder_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    return td_create_with("conceder", 2, 0, 1, params, state, err);
}
static int hardliner_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    return td_create_with("hardliner", 0, 1, 0, params, state, err);
}

static void td_destroy(void *state)
{
    free(state);
}

static int td_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    const struct td_state *s = state;
    double target = agent_td_target(parley_view_time(v), s->e, s->k, agent_floor(v), parley_view_best_utility(v));
    return s->genius ? agent_act_target_near(v, request, target, act) : agent_act_target(v, request, target, act);
}

const parley_agent_vtable agent_boulware = {PARLEY_AGENT_ABI, "boulware",
                                            "time-dependent, concedes late (e=0.2; parameters e, k)",
                                            boulware_create, td_destroy, td_act};
const parley_agent_vtable agent_linear = {PARLEY_AGENT_ABI, "linear", "time-dependent, concedes evenly (e=1)",
                                          linear_create, td_destroy, td_act};
const parley_agent_vtable agent_conceder = {PARLEY_AGENT_ABI, "conceder",
                                            "time-dependent, concedes early (e=2; parameters e, k)",
                                            conceder_create, td_destroy, td_act};
const parley_agent_vtable agent_hardliner = {PARLEY_AGENT_ABI, "hardliner", "offers its best package, never concedes",
                                             hardliner_create, td_destroy, td_act};

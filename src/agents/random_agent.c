/*
 * random_agent.c: the random agent: each move aims at a utility drawn
 * uniformly between its floor (reservation value now) and its best package,
 * offers the package just above it, and accepts what is worth at least that
 * offer.  A baseline, as in GENIUS; deterministic for a given session seed.
 */
#include "agents/agent_common.h"
#include "agents/builtin.h"

static int random_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    static const char *const none[] = {NULL};
    *state = NULL;
    return parley_agent_params_check("random", params, none, err);
}

static void random_destroy(void *state)
{
    (void)state;
}

static int random_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    double lo = agent_floor(v), hi = parley_view_best_utility(v);
    if (lo > hi)
        lo = hi;
    return agent_act_target(v, request, lo + (hi - lo) * parley_view_random(v), act);
}

const parley_agent_vtable agent_random = {PARLEY_AGENT_ABI, "random", "random offers above its reservation value",
                                          random_create, random_destroy, random_act};

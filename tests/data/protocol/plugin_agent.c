/*
 * plugin_agent.c: a plug-in agent for tests/cli/negotiate_plugin.sh, written
 * as a plug-in author would: only <parley/agent.h>.  It concedes linearly
 * down to a floor given as parameter f (default 0.5), and accepts anything
 * worth at least its next offer.
 */
#include <parley/agent.h>
#include <stdlib.h>

struct state {
    double floor;
};

static int create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    static const char *const keys[] = {"f", NULL};
    struct state *s;
    double f;
    int rc = parley_agent_params_check("plugin", params, keys, err);
    if (rc || (rc = parley_agent_param_double("plugin", params, "f", 0.5, &f, err)))
        return rc;
    if (!(s = malloc(sizeof *s)))
        return PARLEY_ENOMEM;
    s->floor = f;
    *state = s;
    return PARLEY_OK;
}

static void destroy(void *state)
{
    free(state);
}

static int act(void *state, parley_agent_view *v, parley_request request, parley_action *a)
{
    const struct state *s = state;
    double best = parley_view_best_utility(v), t = parley_view_time(v);
    double target = best - (best - s->floor) * t;
    double next = parley_view_outcome_at_least(v, target, a->outcome);
    const uint32_t *on_table = request == PARLEY_REQUEST_PROPOSE ? parley_view_standing_offer(v, NULL)
                                                                 : request == PARLEY_REQUEST_VOTE ? parley_view_proposal(v)
                                                                                                  : parley_view_text(v);
    if (on_table && parley_view_red_lines_hold(v, on_table) && parley_view_feasible(v, on_table) &&
        parley_view_eval(v, on_table) >= next - 1e-12 && parley_view_eval(v, on_table) >= parley_view_reservation(v)) {
        long proposer = -1;
        if (request != PARLEY_REQUEST_PROPOSE || (parley_view_standing_offer(v, &proposer), proposer != (long)parley_view_party(v))) {
            a->kind = PARLEY_ACT_ACCEPT;
            return PARLEY_OK;
        }
    }
    a->kind = request == PARLEY_REQUEST_VOTE || request == PARLEY_REQUEST_RATIFY ? PARLEY_ACT_REJECT : PARLEY_ACT_OFFER;
    return PARLEY_OK;
}

static const parley_agent_vtable agent = {PARLEY_AGENT_ABI, "plugin-linear", "concedes linearly to a floor",
                                          create, destroy, act};

const parley_agent_vtable *parley_agent_entry(void);
const parley_agent_vtable *parley_agent_entry(void)
{
    return &agent;
}

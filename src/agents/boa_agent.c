/*
 * boa_agent.c: the "boa" agent: a bidding strategy, an opponent model and an
 * acceptance strategy named in its spec and put together, as in GENIUS's BOA
 * framework (Baarslag et al. 2014):
 *   boa:bidding=time:e=0.2:model=frequency:accept=combi:t=0.98
 * Keys: bidding (time, tft; default time), model (none, frequency, smith,
 * bayes; default frequency), accept (next, const, time, prev, combi; default
 * next), and the keys of the components chosen (e, k, window for bidding;
 * a, b, c, t for acceptance).  A key that belongs to no chosen component is an
 * error.
 */
#include "agents/boa.h"
#include "agents/builtin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct boa_state {
    struct boa_track track;
    parley_bidding *bidding;
    parley_acceptance *accept;
};

static void boa_destroy(void *state)
{
    struct boa_state *s = state;
    if (!s)
        return;
    boa_track_free(&s->track);
    parley_bidding_free(s->bidding);
    parley_acceptance_free(s->accept);
    free(s);
}

/* The keys a spec may use once its components are chosen. */
static int check_keys(const char *params, const char *bidding, const char *accept, parley_error *err)
{
    const char *keys[16] = {"bidding", "model", "accept", "window"};
    size_t n = 4;
    if (strcmp(bidding, "time") == 0) {
        keys[n++] = "e";
        keys[n++] = "k";
    }
    if (strcmp(accept, "next") == 0 || strcmp(accept, "prev") == 0) {
        keys[n++] = "a";
        keys[n++] = "b";
    } else if (strcmp(accept, "const") == 0) {
        keys[n++] = "c";
    } else if (strcmp(accept, "time") == 0 || strcmp(accept, "combi") == 0) {
        keys[n++] = "t";
    }
    keys[n] = NULL;
    return parley_agent_params_check("boa", params, keys, err);
}

static int boa_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    char bidding[32], model[32], accept[32];
    int rc;
    if ((rc = parley_agent_param_string("boa", params, "bidding", "time", bidding, sizeof bidding, err)) ||
        (rc = parley_agent_param_string("boa", params, "model", "frequency", model, sizeof model, err)) ||
        (rc = parley_agent_param_string("boa", params, "accept", "next", accept, sizeof accept, err)))
        return rc;
    struct boa_state *s = calloc(1, sizeof *s);
    if (!s)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    if ((rc = parley_bidding_new(bidding, params, &s->bidding, err)) ||
        (rc = parley_acceptance_new(accept, params, &s->accept, err)) ||
        (rc = check_keys(params, bidding, accept, err)) ||
        (rc = boa_track_init(&s->track, v, model, err))) {
        boa_destroy(s);
        return rc;
    }
    *state = s;
    return PARLEY_OK;
}

static int boa_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct boa_state *s = state;
    int rc = boa_track_update(&s->track, v);
    if (rc)
        return rc;
    parley_bidding_input in = {parley_view_time(v), parley_view_best_utility(v), agent_floor(v),
                               parley_bidding_uses_nash(s->bidding) ? boa_track_nash(&s->track, v) : NAN,
                               s->track.ru, s->track.received};
    double target = parley_bidding_target(s->bidding, &in);
    return boa_move(&s->track, v, request, target, parley_bidding_window(s->bidding), s->accept, act);
}

const parley_agent_vtable agent_boa = {PARLEY_AGENT_ABI, "boa",
                                       "BOA: a bidding strategy, an opponent model and an acceptance strategy "
                                       "(bidding=time|tft, model=none|frequency|smith|bayes, "
                                       "accept=next|const|time|prev|combi)",
                                       boa_create, boa_destroy, boa_act};

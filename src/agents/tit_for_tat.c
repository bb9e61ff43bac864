/*
 * tit_for_tat.c: relative tit-for-tat (Faratin, Sierra and Jennings 1998):
 * the agent concedes in proportion to what the others conceded.  Its signal is
 * the utility, to itself, of the packages the others offer (or of the
 * mediator's texts under the mediated protocols): when the latest is worth
 * `ratio` times the one `d` moves before, its target is divided by that ratio
 * (once per new package).
 * It opens with its best package.  Parameter: d (window, default 1).
 */
#include "agents/agent_common.h"
#include "agents/builtin.h"

#include <stdlib.h>

struct tft_state {
    long d;
    double target;     /* < 0 until the first move */
    size_t seen;       /* events of the view already read */
    double *signal;    /* own utility of each package the others put forward */
    size_t count, cap;
    size_t used;       /* signals already answered */
};

static int tft_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    static const char *const keys[] = {"d", NULL};
    double d = 1;
    int rc = parley_agent_params_check("tit-for-tat", params, keys, err);
    if (rc || (rc = parley_agent_param_double("tit-for-tat", params, "d", 1, &d, err)))
        return rc;
    if (d < 1 || d > 1000 || d != (long)d)
        return parley_error_set(err, PARLEY_EINVAL, "agent tit-for-tat: d=%g is not a whole number in [1,1000]", d);
    struct tft_state *s = calloc(1, sizeof *s);
    if (!s)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    s->d = (long)d;
    s->target = -1;
    *state = s;
    return PARLEY_OK;
}

static void tft_destroy(void *state)
{
    struct tft_state *s = state;
    if (s)
        free(s->signal);
    free(s);
}

static int read_signal(struct tft_state *s, parley_agent_view *v)
{
    size_t me = parley_view_party(v);
    parley_event ev;
    for (; s->seen < parley_view_event_count(v); s->seen++) {
        parley_view_event(v, s->seen, &ev);
        int other = ev.kind == PARLEY_EVENT_OFFER && ev.party != (long)me;
        int mediator = (ev.kind == PARLEY_EVENT_TEXT || ev.kind == PARLEY_EVENT_PROPOSAL) && ev.party == PARLEY_MEDIATOR;
        if (!(other || mediator) || !ev.outcome)
            continue;
        if (s->count == s->cap) {
            size_t cap = s->cap ? 2 * s->cap : 64;
            double *p = realloc(s->signal, cap * sizeof *p);
            if (!p)
                return PARLEY_ENOMEM;
            s->signal = p;
            s->cap = cap;
        }
        s->signal[s->count++] = parley_view_eval(v, ev.outcome);
    }
    return PARLEY_OK;
}

static int tft_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct tft_state *s = state;
    double best = parley_view_best_utility(v), floor = agent_floor(v);
    int rc = read_signal(s, v);
    if (rc)
        return rc;
    if (s->target < 0)
        s->target = best;
    if (s->count > s->used && s->count > (size_t)s->d) {
        double before = s->signal[s->count - 1 - (size_t)s->d], now = s->signal[s->count - 1];
        if (now > 0 && before > 0)
            s->target *= before / now; /* they conceded: so do we; they took back: so do we */
        s->used = s->count;
    }
    if (s->target < floor)
        s->target = floor;
    if (s->target > best)
        s->target = best;
    return agent_act_target(v, request, s->target, act);
}

const parley_agent_vtable agent_tit_for_tat = {PARLEY_AGENT_ABI, "tit-for-tat",
                                               "relative tit-for-tat: concedes as much as the others did (parameter d)",
                                               tft_create, tft_destroy, tft_act};

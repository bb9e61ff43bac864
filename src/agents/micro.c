/*
 * micro.c: MiCRO (de Jonge 2022, "An analysis of the linear bilateral ANAC
 * domains using the MiCRO benchmark strategy", IJCAI): it goes down its own
 * packages from the best, one new package at a time, but only while the
 * opponent has made at least as many different offers as it has; otherwise it
 * repeats one of its earlier offers at random.  It accepts an offer worth at
 * least the lowest package it has offered or would offer next, and never goes
 * below its reservation value.  No parameters.
 */
#include "agents/boa.h"
#include "agents/builtin.h"

#include <stdlib.h>
#include <string.h>

struct micro_state {
    size_t seen, proposed;      /* events read; distinct packages proposed (its own ranks from the top) */
    uint64_t *received;         /* open-addressing set of hashes of distinct offers received (0 = empty) */
    size_t distinct, cap;
};

static uint64_t outcome_hash(const uint32_t *o, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= o[i] + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
        h *= 1099511628211ull;
    }
    return h ? h : 1;
}

static int set_add(struct micro_state *s, uint64_t h)
{
    if (2 * (s->distinct + 1) > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        uint64_t *t = calloc(cap, sizeof *t);
        if (!t)
            return PARLEY_ENOMEM;
        for (size_t i = 0; i < s->cap; i++)
            if (s->received[i])
                for (size_t j = s->received[i] & (cap - 1);; j = (j + 1) & (cap - 1))
                    if (!t[j]) {
                        t[j] = s->received[i];
                        break;
                    }
        free(s->received);
        s->received = t;
        s->cap = cap;
    }
    for (size_t j = h & (s->cap - 1);; j = (j + 1) & (s->cap - 1)) {
        if (s->received[j] == h)
            return PARLEY_OK;
        if (!s->received[j]) {
            s->received[j] = h;
            s->distinct++;
            return PARLEY_OK;
        }
    }
}

static int micro_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    static const char *const none[] = {NULL};
    (void)v;
    int rc = parley_agent_params_check("micro", params, none, err);
    if (rc)
        return rc;
    struct micro_state *s = calloc(1, sizeof *s);
    if (!s)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    *state = s;
    return PARLEY_OK;
}

static void micro_destroy(void *state)
{
    struct micro_state *s = state;
    if (s)
        free(s->received);
    free(s);
}

static int micro_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct micro_state *s = state;
    size_t me = parley_view_party(v), issues = parley_space_issue_count(parley_view_space(v));
    parley_event ev;
    for (; s->seen < parley_view_event_count(v); s->seen++) {
        parley_view_event(v, s->seen, &ev);
        if (ev.kind == PARLEY_EVENT_OFFER && ev.outcome && ev.party >= 0 && (size_t)ev.party != me) {
            int rc = set_add(s, outcome_hash(ev.outcome, issues));
            if (rc)
                return rc;
        }
    }
    size_t count = parley_view_outcome_count(v);
    size_t usable = count - parley_view_outcome_rank(v, parley_view_reservation(v)); /* above its reservation */
    if (usable == 0) {
        act->kind = PARLEY_ACT_WALK_AWAY;
        return PARLEY_OK;
    }
    /* Its i-th best package (0-based) is rank count - 1 - i. */
    int concede = s->proposed <= s->distinct && s->proposed < usable;
    size_t lowest = concede ? s->proposed : (s->proposed ? s->proposed - 1 : 0);
    double floor = parley_view_outcome_ranked(v, count - 1 - lowest, act->outcome);
    if (request != PARLEY_REQUEST_PROPOSE)
        return agent_act_target(v, request, floor, act);
    const uint32_t *standing = boa_acceptable_offer(v);
    if (standing && parley_view_eval(v, standing) >= floor - 1e-12) {
        act->kind = PARLEY_ACT_ACCEPT;
        return PARLEY_OK;
    }
    act->kind = PARLEY_ACT_OFFER;
    if (concede)
        s->proposed++; /* the package at `lowest` is already in act->outcome */
    else
        parley_view_outcome_ranked(v, count - 1 - (size_t)(parley_view_random(v) * (double)s->proposed), act->outcome);
    return PARLEY_OK;
}

const parley_agent_vtable agent_micro = {PARLEY_AGENT_ABI, "micro",
                                         "MiCRO (de Jonge 2022): concedes one package at a time, only while the "
                                         "opponent keeps making new offers",
                                         micro_create, micro_destroy, micro_act};

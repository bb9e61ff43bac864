/*
 * nash_agent.c: a Nash-seeking agent.  It cannot see the others' profiles, so
 * it learns them from their offers with a frequency model (a value offered
 * often is worth much; an issue whose value rarely changes weighs much), and
 * offers, among its own packages worth at least a time-dependent target, the
 * one maximising the product of its gain over its reservation value and the
 * others' estimated utilities.  It accepts what is worth at least that offer.
 * Parameter: e (the concession exponent of its target, default 1).
 */
#include "agents/agent_common.h"
#include "agents/builtin.h"

#include <stdlib.h>
#include <string.h>

#define NASH_MAX_VALUES (1u << 20) /* largest sum of value counts the model holds per party */
#define NASH_CANDIDATES 512

struct nash_state {
    double e;
    size_t n, issues, total;
    size_t *offset;    /* [issues]: start of issue i's counts */
    double *counts;    /* [n][total] how often party j offered each value */
    double *unchanged; /* [n][issues] how often party j kept an issue's value between offers */
    uint32_t *last;    /* [n][issues] party j's last offer */
    int *has_last;     /* [n] */
    size_t seen;
    uint32_t *cand;    /* [issues] */
    double *model;     /* [n][total]: party j's estimated weighted utility of each value, rebuilt when it learns */
    int model_stale;
};

static void nash_destroy(void *state)
{
    struct nash_state *s = state;
    if (!s)
        return;
    free(s->offset);
    free(s->counts);
    free(s->unchanged);
    free(s->last);
    free(s->has_last);
    free(s->cand);
    free(s->model);
    free(s);
}

static int nash_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    static const char *const keys[] = {"e", NULL};
    const parley_space *space = parley_view_space(v);
    double e = 1;
    int rc = parley_agent_params_check("nash", params, keys, err);
    if (rc || (rc = parley_agent_param_double("nash", params, "e", 1, &e, err)))
        return rc;
    if (e < 0 || e > 1000)
        return parley_error_set(err, PARLEY_EINVAL, "agent nash: e=%g is outside [0,1000]", e);
    struct nash_state *s = calloc(1, sizeof *s);
    if (!s)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    s->e = e;
    s->n = parley_view_party_count(v);
    s->issues = parley_space_issue_count(space);
    s->offset = calloc(s->issues, sizeof *s->offset);
    if (!s->offset)
        goto nomem;
    for (size_t i = 0; i < s->issues; i++) {
        s->offset[i] = s->total;
        s->total += parley_issue_value_count(space, i);
        if (s->total > NASH_MAX_VALUES) {
            nash_destroy(s);
            return parley_error_set(err, PARLEY_EINVAL, "agent nash: the issues have more than %u values in all, "
                                    "too many for its opponent model", NASH_MAX_VALUES);
        }
    }
    s->counts = calloc(s->n * s->total, sizeof *s->counts);
    s->unchanged = calloc(s->n * s->issues, sizeof *s->unchanged);
    s->last = calloc(s->n * s->issues, sizeof *s->last);
    s->has_last = calloc(s->n, sizeof *s->has_last);
    s->cand = calloc(s->issues, sizeof *s->cand);
    s->model = calloc(s->n * s->total, sizeof *s->model);
    if (!s->counts || !s->unchanged || !s->last || !s->has_last || !s->cand || !s->model)
        goto nomem;
    *state = s;
    return PARLEY_OK;
nomem:
    nash_destroy(s);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
}

static void learn(struct nash_state *s, parley_agent_view *v)
{
    size_t me = parley_view_party(v);
    parley_event ev;
    for (; s->seen < parley_view_event_count(v); s->seen++) {
        parley_view_event(v, s->seen, &ev);
        if (ev.kind != PARLEY_EVENT_OFFER || ev.party < 0 || (size_t)ev.party == me || !ev.outcome)
            continue;
        size_t j = (size_t)ev.party;
        for (size_t i = 0; i < s->issues; i++) {
            s->counts[j * s->total + s->offset[i] + ev.outcome[i]] += 1;
            if (s->has_last[j] && s->last[j * s->issues + i] == ev.outcome[i])
                s->unchanged[j * s->issues + i] += 1;
            s->last[j * s->issues + i] = ev.outcome[i];
        }
        s->has_last[j] = 1;
        s->model_stale = 1;
    }
}

/*
 * Rebuilds the opponent models: party j's estimate of value x of issue i is
 * w_i / sum(w) * count(x) / max count on issue i, with w_i = 1 + how often j kept
 * the issue unchanged, so that a package's estimate is a sum of table lookups.
 */
static void rebuild_model(struct nash_state *s, const parley_agent_view *v)
{
    const parley_space *space = parley_view_space(v);
    for (size_t j = 0; j < s->n; j++) {
        if (!s->has_last[j])
            continue;
        double wsum = 0;
        for (size_t i = 0; i < s->issues; i++)
            wsum += 1 + s->unchanged[j * s->issues + i];
        for (size_t i = 0; i < s->issues; i++) {
            const double *c = s->counts + j * s->total + s->offset[i];
            double *m = s->model + j * s->total + s->offset[i];
            uint32_t values = parley_issue_value_count(space, i);
            double max = 0;
            for (uint32_t x = 0; x < values; x++)
                if (c[x] > max)
                    max = c[x];
            double w = (1 + s->unchanged[j * s->issues + i]) / wsum;
            for (uint32_t x = 0; x < values; x++)
                m[x] = max > 0 ? w * c[x] / max : 0;
        }
    }
    s->model_stale = 0;
}

/* Party j's estimated utility of `o` in [0,1] (1 when nothing is known yet). */
static double estimate(const struct nash_state *s, size_t j, const uint32_t *o)
{
    if (!s->has_last[j])
        return 1;
    const double *m = s->model + j * s->total;
    double total = 0;
    for (size_t i = 0; i < s->issues; i++)
        total += m[s->offset[i] + o[i]];
    return total;
}

static int nash_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct nash_state *s = state;
    double floor = agent_floor(v), best = parley_view_best_utility(v);
    double target = agent_td_target(parley_view_time(v), s->e, 0, floor, best);
    learn(s, v);
    if (s->model_stale)
        rebuild_model(s, v);
    if (request != PARLEY_REQUEST_PROPOSE)
        return agent_act_target(v, request, target, act);
    if (best < 0 || best < parley_view_reservation(v)) {
        act->kind = PARLEY_ACT_WALK_AWAY;
        return PARLEY_OK;
    }
    size_t count = parley_view_outcome_count(v), first = parley_view_outcome_rank(v, target);
    if (first >= count)
        first = count - 1;
    size_t span = count - first, step = span > NASH_CANDIDATES ? span / NASH_CANDIDATES : 1;
    double best_score = -1, chosen = best;
    size_t me = parley_view_party(v);
    for (size_t r = first; r < count; r += step) {
        double u = parley_view_outcome_ranked(v, r, s->cand);
        double score = u - floor > 0 ? u - floor : 1e-9;
        for (size_t j = 0; j < s->n; j++)
            if (j != me)
                score *= estimate(s, j, s->cand);
        if (score > best_score) {
            best_score = score;
            chosen = u;
            memcpy(act->outcome, s->cand, s->issues * sizeof *s->cand);
        }
    }
    long proposer;
    const uint32_t *standing = parley_view_standing_offer(v, &proposer);
    if (standing && proposer != (long)me && agent_acceptable(v, standing) &&
        parley_view_eval(v, standing) >= chosen - 1e-12) {
        act->kind = PARLEY_ACT_ACCEPT;
        return PARLEY_OK;
    }
    act->kind = PARLEY_ACT_OFFER;
    return PARLEY_OK;
}

const parley_agent_vtable agent_nash = {PARLEY_AGENT_ABI, "nash",
                                        "Nash-seeking: learns the others from their offers (parameter e)",
                                        nash_create, nash_destroy, nash_act};

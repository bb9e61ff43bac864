/*
 * live.c: one answer of a party's agent in live talks, and the mediator's
 * drafting helper (live.h).  The record is replayed into a negotiation object
 * (no built-in mediator: the agent only answers), the agent is asked as the
 * shuttle protocol asks it (PARLEY_REQUEST_RESPOND), and its action is checked
 * as shuttle.c checks one.
 */
#include "protocol/live.h"
#include "protocol/session_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The other parties' seats: never asked (their answers come from the record). */
static int silent_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    (void)v, (void)params, (void)err;
    *state = NULL;
    return PARLEY_OK;
}
static void silent_destroy(void *state) { (void)state; }
static int silent_act(void *state, parley_agent_view *v, parley_request req, parley_action *act)
{
    (void)state, (void)v, (void)req;
    act->kind = PARLEY_ACT_REJECT;
    return PARLEY_OK;
}
static const parley_agent_vtable silent = {PARLEY_AGENT_ABI, "record", "answers from the record", silent_create,
                                           silent_destroy, silent_act};

static int log_event(parley_negotiation *neg, parley_event_kind kind, long party, long to, const uint32_t *outcome,
                     const parley_change *changes, size_t change_count)
{
    struct event_in in = {kind, party, to, outcome, changes, change_count, 0, NULL};
    return neg_log(neg, &in);
}

/* Records the party's own earlier answer as the shuttle protocol would have. */
static int log_answer(parley_negotiation *neg, size_t party, const live_step *s)
{
    switch (s->answer) {
    case LIVE_ACCEPT:
        return log_event(neg, PARLEY_EVENT_ACCEPT, (long)party, PARLEY_MEDIATOR, s->text, NULL, 0);
    case LIVE_AMEND: {
        uint32_t *pos = malloc(neg->issues * sizeof *pos);
        if (!pos)
            return PARLEY_ENOMEM;
        memcpy(pos, s->text, neg->issues * sizeof *pos);
        for (size_t j = 0; j < s->change_count; j++)
            if (s->changes[j].issue < neg->issues)
                pos[s->changes[j].issue] = s->changes[j].value;
        int rc = log_event(neg, PARLEY_EVENT_AMENDMENT, (long)party, PARLEY_MEDIATOR, pos, s->changes,
                           s->change_count);
        free(pos);
        return rc;
    }
    case LIVE_REJECT:
        return log_event(neg, PARLEY_EVENT_REJECT, (long)party, PARLEY_MEDIATOR, s->text, NULL, 0);
    case LIVE_NONE:
        break;
    }
    return PARLEY_OK;
}

static void reject(live_move *out, const char *why)
{
    out->answer = LIVE_REJECT;
    out->change_count = 0;
    snprintf(out->reason, sizeof out->reason, "%s", why);
}

/* Turns the agent's action into an answer of the API. */
static void to_move(parley_negotiation *neg, size_t party, const parley_action *act, live_move *out)
{
    char why[512];
    const char *problem;
    out->change_count = 0;
    out->reason[0] = '\0';
    switch (act->kind) {
    case PARLEY_ACT_ACCEPT:
        if ((problem = neg_package_problem(neg, party, neg->text, 1, why, sizeof why)))
            reject(out, problem);
        else
            out->answer = LIVE_ACCEPT;
        return;
    case PARLEY_ACT_AMEND:
        if (act->change_count == 0 || act->change_count > act->change_capacity) {
            reject(out, "the agent's amendment had no changes or too many");
            return;
        }
        for (size_t j = 0; j < act->change_count; j++) {
            parley_change c = act->changes[j];
            c.reason[PARLEY_REASON_MAX - 1] = '\0';
            if (c.issue >= neg->issues || c.value >= parley_issue_value_count(neg->space, c.issue)) {
                reject(out, "the agent's amendment changes an issue or value that does not exist");
                return;
            }
            int repeated = 0;
            for (size_t i = 0; i < out->change_count; i++)
                repeated |= out->changes[i].issue == c.issue;
            if (!repeated && c.value != neg->text[c.issue])
                out->changes[out->change_count++] = c;
        }
        out->answer = out->change_count ? LIVE_AMEND : LIVE_ACCEPT;
        if (out->answer == LIVE_ACCEPT && (problem = neg_package_problem(neg, party, neg->text, 1, why, sizeof why)))
            reject(out, problem);
        return;
    case PARLEY_ACT_OFFER:
        if ((problem = neg_package_problem(neg, party, act->outcome, 1, why, sizeof why))) {
            reject(out, problem);
            return;
        }
        for (size_t i = 0; i < neg->issues; i++)
            if (act->outcome[i] != neg->text[i]) {
                parley_change *c = &out->changes[out->change_count++];
                c->issue = (uint32_t)i;
                c->value = act->outcome[i];
                snprintf(c->reason, sizeof c->reason, "our counter-offer");
            }
        out->answer = out->change_count ? LIVE_AMEND : LIVE_ACCEPT;
        return;
    case PARLEY_ACT_WALK_AWAY:
        reject(out, "the text is not acceptable to us");
        return;
    case PARLEY_ACT_REJECT:
        break;
    }
    reject(out, "the text is not acceptable to us");
}

int live_respond(const parley_scenario *sc, size_t party, const parley_agent_vtable *vt, const char *params,
                 uint64_t seed, long rounds, const live_step *steps, size_t n, live_move *out, parley_error *err)
{
    if (n == 0 || party >= parley_scenario_negotiator_count(sc))
        return parley_error_set(err, PARLEY_EINVAL, "no text to answer");
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.rounds = rounds > 0 ? rounds : 1;
    cfg.seed = seed;
    parley_negotiation *neg = NULL;
    int rc = parley_negotiation_new(sc, &cfg, &neg, err);
    for (size_t k = 0; !rc && k < parley_scenario_negotiator_count(sc); k++)
        rc = parley_negotiation_add_agent(neg, k == party ? vt : &silent, k == party ? params : "", err);
    if (!rc) {
        neg_set_round(neg, 1);
        rc = log_event(neg, PARLEY_EVENT_SESSION_START, PARLEY_NOBODY, PARLEY_EVERYONE, NULL, NULL, 0);
    }
    for (size_t i = 0; !rc && i < n; i++) {
        neg_set_round(neg, (long)i + 1 < cfg.rounds ? (long)i + 1 : cfg.rounds);
        memcpy(neg->text, steps[i].text, neg->issues * sizeof *neg->text);
        neg->has_text = 1;
        rc = log_event(neg, PARLEY_EVENT_TEXT, PARLEY_MEDIATOR, PARLEY_EVERYONE, neg->text, NULL, 0);
        if (!rc && i + 1 < n)
            rc = log_answer(neg, party, &steps[i]);
    }
    if (rc && err->code == PARLEY_OK)
        parley_error_set(err, rc, "out of memory");
    parley_action act;
    if (!rc && !(rc = neg_ask(neg, party, PARLEY_REQUEST_RESPOND, neg->text, &act, err)))
        to_move(neg, party, &act, out);
    parley_negotiation_free(neg);
    return rc;
}

long live_draft(const parley_scenario *sc, uint64_t seed, double t, const uint32_t *text, const live_step *answers,
                uint32_t *out, parley_change *changes, parley_error *err)
{
    parley_mediator *m = NULL;
    if (parley_mediator_new(sc, 0, seed, &m, err))
        return -1;
    const parley_space *space = parley_scenario_space(sc);
    size_t issues = parley_space_issue_count(space), n = parley_scenario_negotiator_count(sc);
    long count = 0;
    if (!text) {
        parley_mediator_initial_text(m, out);
        parley_mediator_free(m);
        return 0;
    }
    uint32_t *pos = calloc(n * issues + 1, sizeof *pos);
    const uint32_t **pos_ptrs = calloc(n + 1, sizeof *pos_ptrs);
    const parley_change **amend = calloc(n + 1, sizeof *amend);
    size_t *counts = calloc(n + 1, sizeof *counts);
    if (!pos || !pos_ptrs || !amend || !counts) {
        count = -1;
        parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    } else {
        for (size_t k = 0; k < n; k++) {
            uint32_t *p = pos + k * issues;
            memcpy(p, text, issues * sizeof *p);
            if (answers[k].answer == LIVE_AMEND) {
                for (size_t j = 0; j < answers[k].change_count; j++)
                    if (answers[k].changes[j].issue < issues)
                        p[answers[k].changes[j].issue] = answers[k].changes[j].value;
                amend[k] = answers[k].changes;
                counts[k] = answers[k].change_count;
            }
            pos_ptrs[k] = p;
        }
        count = (long)parley_mediator_compose(m, text, pos_ptrs, amend, counts, t, out, changes);
    }
    free(pos);
    free(pos_ptrs);
    free(amend);
    free(counts);
    parley_mediator_free(m);
    return count;
}

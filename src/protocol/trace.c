/*
 * trace.c: the negotiation's record as JSON: the trace (JSON Lines, one event
 * per line, documented in docs/protocols.md) and the outcome object of
 * `parley negotiate --json`.  Written with jansson.
 */
#include "core/strutil.h"
#include "io/json_util.h"
#include "protocol/session_internal.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

static json_t *value_json(const parley_space *space, size_t issue, uint32_t value)
{
    switch (parley_issue_type_of(space, issue)) {
    case PARLEY_ISSUE_INTEGER:
        return json_integer((json_int_t)llround(parley_issue_number(space, issue, value)));
    case PARLEY_ISSUE_REAL:
        return json_real(parley_issue_number(space, issue, value));
    default:
        return json_string(parley_issue_label(space, issue, value));
    }
}

static json_t *package_json(const parley_space *space, const uint32_t *values)
{
    json_t *obj = json_object();
    for (size_t i = 0; obj && i < parley_space_issue_count(space); i++)
        if (json_object_set_new(obj, parley_issue_name(space, i), value_json(space, i, values[i]))) {
            json_decref(obj);
            return NULL;
        }
    return obj;
}

static json_t *party_json(const parley_negotiation *neg, long party)
{
    if (party == PARLEY_EVERYONE)
        return json_string("everyone");
    if (party == PARLEY_NOBODY)
        return json_null();
    return json_string(neg_party_name(neg, party));
}

static json_t *utilities_json(const parley_negotiation *neg, const uint32_t *package)
{
    json_t *obj = json_object();
    for (size_t k = 0; obj && k < neg->n; k++)
        json_object_set_new(obj, neg_party_name(neg, (long)k),
                            json_real(parley_utility_eval(neg_utility(neg, k), package)));
    return obj;
}

static json_t *event_json(const parley_negotiation *neg, size_t i)
{
    parley_event ev;
    double u;
    parley_negotiation_event(neg, i, &ev, &u);
    json_t *obj = json_object();
    if (!obj)
        return NULL;
    int bad = json_object_set_new(obj, "event", json_string(parley_event_kind_name(ev.kind)));
    bad |= json_object_set_new(obj, "round", json_integer(ev.round));
    bad |= json_object_set_new(obj, "time", json_real(ev.time));
    if (neg->cfg.protocol == PARLEY_PROTOCOL_SHUTTLE) {
        bad |= json_object_set_new(obj, "session", json_integer(ev.session + 1));
        bad |= json_object_set_new(obj, "venue", json_string(ev.venue));
    }
    bad |= json_object_set_new(obj, "party", party_json(neg, ev.party));
    if (ev.party != PARLEY_NOBODY)
        bad |= json_object_set_new(obj, "to", party_json(neg, ev.to));
    if (ev.outcome) {
        bad |= json_object_set_new(obj, "package", package_json(neg->space, ev.outcome));
        if (!isnan(u))
            bad |= json_object_set_new(obj, "utility", json_real(u));
        if (ev.kind == PARLEY_EVENT_AGREEMENT)
            bad |= json_object_set_new(obj, "utilities", utilities_json(neg, ev.outcome));
    }
    if (ev.change_count) {
        json_t *list = json_array();
        for (size_t j = 0; list && j < ev.change_count; j++) {
            const parley_change *c = &ev.changes[j];
            json_t *ch = json_object();
            if (!ch)
                break;
            json_object_set_new(ch, "issue", json_string(parley_issue_name(neg->space, c->issue)));
            json_object_set_new(ch, "value", value_json(neg->space, c->issue, c->value));
            json_object_set_new(ch, "reason", json_string(c->reason));
            json_array_append_new(list, ch);
        }
        bad |= json_object_set_new(obj, "changes", list);
    }
    if (ev.kind == PARLEY_EVENT_VOTE)
        bad |= json_object_set_new(obj, "vote", json_string(ev.vote ? "yes" : "no"));
    if (ev.detail[0])
        bad |= json_object_set_new(obj, ev.kind == PARLEY_EVENT_SESSION_END ? "outcome" :
                                        ev.kind == PARLEY_EVENT_SESSION_START ? "protocol" : "reason",
                                   json_string(ev.detail));
    if (bad) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

int parley_trace_write_event(const parley_negotiation *neg, size_t i, FILE *out, parley_error *err)
{
    json_t *obj = event_json(neg, i);
    if (!obj)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    int rc = json_write_compact(obj, out);
    json_decref(obj);
    if (rc != 0)
        return parley_error_set(err, PARLEY_EIO, "could not write the trace");
    return PARLEY_OK;
}

int parley_trace_write(const parley_negotiation *neg, FILE *out, parley_error *err)
{
    for (size_t i = 0; i < neg->event_count; i++) {
        int rc = parley_trace_write_event(neg, i, out, err);
        if (rc)
            return rc;
    }
    return PARLEY_OK;
}

static json_t *sessions_json(const parley_negotiation *neg)
{
    json_t *list = json_array();
    json_t *current = NULL;
    for (size_t i = 0; list && i < neg->event_count; i++) {
        const struct event_rec *e = &neg->events[i];
        if (e->kind == PARLEY_EVENT_SESSION_START) {
            current = json_object();
            if (!current)
                break;
            json_object_set_new(current, "session", json_integer(e->session + 1));
            json_object_set_new(current, "venue", json_string(e->venue ? e->venue : ""));
            json_object_set_new(current, "start_round", json_integer(e->round));
            json_object_set_new(current, "start_time", json_real(e->time));
            json_array_append_new(list, current);
        } else if (e->kind == PARLEY_EVENT_SESSION_END && current) {
            json_object_set_new(current, "end_round", json_integer(e->round));
            json_object_set_new(current, "end_time", json_real(e->time));
            json_object_set_new(current, "outcome", json_string(e->detail ? e->detail : ""));
            current = NULL;
        }
    }
    return list;
}

int parley_negotiation_write_json(const parley_negotiation *neg, FILE *out, parley_error *err)
{
    json_t *obj = json_object(), *parties = json_array();
    if (!obj || !parties) {
        json_decref(obj);
        json_decref(parties);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    json_object_set_new(obj, "scenario", json_string(parley_scenario_title(neg->sc)));
    json_object_set_new(obj, "protocol", json_string(parley_protocol_name(neg->cfg.protocol)));
    json_object_set_new(obj, "seed", json_integer((json_int_t)neg->cfg.seed));
    json_object_set_new(obj, "agreement", json_boolean(neg->agreed));
    json_object_set_new(obj, "ending", json_string(neg->ending));
    json_object_set_new(obj, "package", neg->agreed ? package_json(neg->space, neg->agreement) : json_null());
    json_object_set_new(obj, "rounds", json_integer(neg->rounds_used));
    json_object_set_new(obj, "time", json_real(neg->end_time));
    json_object_set_new(obj, "offers", json_integer((json_int_t)neg->offers));
    for (size_t k = 0; k < neg->n; k++) {
        json_t *p = json_object();
        if (!p)
            break;
        json_object_set_new(p, "name", json_string(neg_party_name(neg, (long)k)));
        json_object_set_new(p, "agent", json_string(neg->agents[k].name));
        json_object_set_new(p, "utility", json_real(parley_round_figure(neg->utility[k])));
        json_object_set_new(p, "discounted_utility", json_real(parley_round_figure(neg->discounted[k])));
        json_array_append_new(parties, p);
    }
    json_object_set_new(obj, "parties", parties);
    if (neg->cfg.protocol != PARLEY_PROTOCOL_ALTERNATING)
        json_object_set_new(obj, "mediator", json_string(neg->mediator_name));
    if (neg->cfg.protocol == PARLEY_PROTOCOL_SHUTTLE)
        json_object_set_new(obj, "sessions", sessions_json(neg));
    int rc = json_write_pretty(obj, out);
    json_decref(obj);
    if (rc != 0)
        return parley_error_set(err, PARLEY_EIO, "could not write the result");
    return PARLEY_OK;
}

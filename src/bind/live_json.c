/*
 * live_json.c: parley/live.h: the JSON side of an agent seated at live talks.
 * Reads a request (scenario, party, agent spec, the texts so far with the
 * party's own answers), replays it through protocol/live.c and writes the
 * answer as the body of an API response; and the mediator's drafting helper.
 */
#include <parley/live.h>
#include <parley/scenario.h>

#include "protocol/live.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The value index of v (a label, or a number on the grid) on issue i; -1 when it is none. */
static long value_index(const parley_space *space, size_t i, json_t *v)
{
    if (json_is_string(v))
        return parley_issue_type_of(space, i) == PARLEY_ISSUE_CATEGORICAL
                   ? parley_issue_find_label(space, i, json_string_value(v))
                   : -1;
    if (json_is_number(v) && parley_issue_type_of(space, i) != PARLEY_ISSUE_CATEGORICAL)
        return parley_issue_find_number(space, i, json_number_value(v));
    return -1;
}

static json_t *value_json(const parley_space *space, size_t i, uint32_t value)
{
    switch (parley_issue_type_of(space, i)) {
    case PARLEY_ISSUE_CATEGORICAL: return json_string(parley_issue_label(space, i, value));
    case PARLEY_ISSUE_INTEGER: return json_integer((json_int_t)parley_issue_number(space, i, value));
    default: return json_real(parley_issue_number(space, i, value));
    }
}

static json_t *outcome_json(const parley_space *space, const uint32_t *values)
{
    json_t *o = json_object();
    for (size_t i = 0; o && i < parley_space_issue_count(space); i++)
        json_object_set_new(o, parley_issue_name(space, i), value_json(space, i, values[i]));
    return o;
}

static int read_outcome(const parley_space *space, json_t *o, uint32_t *values, parley_error *err)
{
    for (size_t i = 0; i < parley_space_issue_count(space); i++) {
        long v = value_index(space, i, json_object_get(o, parley_issue_name(space, i)));
        if (v < 0)
            return parley_error_set(err, PARLEY_EINVAL, "a text has no valid value of issue '%s'",
                                    parley_issue_name(space, i));
        values[i] = (uint32_t)v;
    }
    return PARLEY_OK;
}

/* A party's answer {"answer", "amendments"} into *step (changes: room for one per issue). */
static int read_answer(const parley_space *space, json_t *a, live_step *step, parley_change *changes,
                       parley_error *err)
{
    const char *answer = json_string_value(json_object_get(a, "answer"));
    step->answer = !answer ? LIVE_NONE
                   : strcmp(answer, "accept") == 0 ? LIVE_ACCEPT
                   : strcmp(answer, "amend") == 0  ? LIVE_AMEND
                                                   : LIVE_REJECT;
    step->changes = changes;
    step->change_count = 0;
    json_t *list = json_object_get(a, "amendments");
    for (size_t j = 0; step->answer == LIVE_AMEND && j < json_array_size(list); j++) {
        json_t *m = json_array_get(list, j);
        long issue = parley_space_find_issue(space, json_string_value(json_object_get(m, "issue")) ?: "");
        long value = issue >= 0 ? value_index(space, (size_t)issue, json_object_get(m, "value")) : -1;
        if (value < 0 || step->change_count >= parley_space_issue_count(space))
            return parley_error_set(err, PARLEY_EINVAL, "amendment %zu does not read", j);
        parley_change *c = &changes[step->change_count++];
        memset(c, 0, sizeof *c);
        c->issue = (uint32_t)issue;
        c->value = (uint32_t)value;
        snprintf(c->reason, sizeof c->reason, "%s", json_string_value(json_object_get(m, "reason")) ?: "");
    }
    return PARLEY_OK;
}

/* The request's scenario, parsed; NULL with err set. */
static parley_scenario *read_scenario(json_t *req, parley_error *err)
{
    char *text = json_dumps(json_object_get(req, "scenario"), JSON_COMPACT);
    parley_scenario *sc = NULL;
    if (!text)
        parley_error_set(err, PARLEY_EINVAL, "the request has no scenario");
    else
        parley_scenario_parse(text, strlen(text), "seat", &sc, err);
    free(text);
    return sc;
}

static json_t *load_request(const char *request, parley_error *err)
{
    json_error_t je;
    json_t *req = json_loads(request, 0, &je);
    if (!json_is_object(req)) {
        if (req) /* an array (json_loads takes no other top-level value): jansson leaves je.text empty */
            parley_error_set(err, PARLEY_EINVAL, "the request is not a JSON object but an array");
        else
            parley_error_set(err, PARLEY_EINVAL, "the request is not a JSON object: %s", je.text);
        json_decref(req);
        return NULL;
    }
    return req;
}

static long party_number(const parley_scenario *sc, const char *name)
{
    for (size_t k = 0; name && k < parley_scenario_negotiator_count(sc); k++)
        if (strcmp(parley_party_name(sc, parley_scenario_negotiator(sc, k)), name) == 0)
            return (long)k;
    return -1;
}

static char *answer_text(const parley_space *space, const live_move *m)
{
    json_t *amendments = json_array();
    for (size_t j = 0; amendments && j < m->change_count; j++)
        json_array_append_new(amendments,
                              json_pack("{s:s,s:o,s:s}", "issue", parley_issue_name(space, m->changes[j].issue),
                                        "value", value_json(space, m->changes[j].issue, m->changes[j].value),
                                        "reason", m->changes[j].reason));
    const char *answer = m->answer == LIVE_ACCEPT ? "accept" : m->answer == LIVE_AMEND ? "amend" : "reject";
    json_t *o = json_pack("{s:s,s:s*,s:o}", "answer", answer, "reason", m->reason[0] ? m->reason : NULL,
                          "amendments", amendments);
    char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    return text;
}

int parley_live_answer(const char *request, const parley_agent_vtable *vt, char **answer, parley_error *err)
{
    *answer = NULL;
    json_t *req = load_request(request, err);
    if (!req)
        return err->code;
    parley_scenario *sc = read_scenario(req, err);
    json_t *texts = json_object_get(req, "texts");
    size_t n = json_array_size(texts), issues = 0;
    live_step *steps = NULL;
    uint32_t *values = NULL;
    parley_change *changes = NULL, *out_changes = NULL;
    int rc = err->code;
    if (sc) {
        issues = parley_space_issue_count(parley_scenario_space(sc));
        steps = calloc(n + 1, sizeof *steps);
        values = calloc(n * issues + 1, sizeof *values);
        changes = calloc(n * issues + 1, sizeof *changes);
        out_changes = calloc(issues + 1, sizeof *out_changes);
        rc = steps && values && changes && out_changes ? PARLEY_OK : parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    long party = sc ? party_number(sc, json_string_value(json_object_get(req, "party"))) : -1;
    if (!rc && party < 0)
        rc = parley_error_set(err, PARLEY_EINVAL, "the request names no negotiating party");
    const parley_space *space = sc ? parley_scenario_space(sc) : NULL;
    for (size_t i = 0; !rc && i < n; i++) {
        json_t *t = json_array_get(texts, i);
        steps[i].text = values + i * issues;
        if (!(rc = read_outcome(space, json_object_get(t, "outcome"), values + i * issues, err)))
            rc = read_answer(space, t, &steps[i], changes + i * issues, err);
    }
    char name[256];
    const char *params = "";
    const char *spec = json_string_value(json_object_get(req, "agent"));
    if (!rc && !spec)
        rc = parley_error_set(err, PARLEY_EINVAL, "the request names no agent");
    if (!rc)
        rc = parley_agent_spec_split(spec, name, sizeof name, &params, err);
    if (!rc && !vt && !(vt = parley_agent_builtin(name)))
        rc = parley_error_set(err, PARLEY_EINVAL, "unknown agent '%s'", name);
    live_move move = {LIVE_NONE, out_changes, 0, ""};
    json_int_t seed = json_integer_value(json_object_get(req, "seed"));
    json_int_t rounds = json_integer_value(json_object_get(req, "rounds"));
    if (!rc)
        rc = live_respond(sc, (size_t)party, vt, params, (uint64_t)seed, (long)rounds, steps, n, &move, err);
    if (!rc && !(*answer = answer_text(space, &move)))
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    free(steps);
    free(values);
    free(changes);
    free(out_changes);
    parley_scenario_free(sc);
    json_decref(req);
    return rc;
}

int parley_live_draft(const char *request, char **draft, parley_error *err)
{
    *draft = NULL;
    json_t *req = load_request(request, err);
    if (!req)
        return err->code;
    parley_scenario *sc = read_scenario(req, err);
    int rc = sc ? PARLEY_OK : err->code;
    size_t issues = sc ? parley_space_issue_count(parley_scenario_space(sc)) : 0;
    size_t n = sc ? parley_scenario_negotiator_count(sc) : 0;
    uint32_t *text = calloc(issues + 1, sizeof *text), *out = calloc(issues + 1, sizeof *out);
    parley_change *changes = calloc(issues * (n + 1) + 1, sizeof *changes);
    live_step *answers = calloc(n + 1, sizeof *answers);
    if (!rc && (!text || !out || !changes || !answers))
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    const parley_space *space = sc ? parley_scenario_space(sc) : NULL;
    json_t *t = json_object_get(req, "text");
    int has_text = json_is_object(t);
    if (!rc && has_text)
        rc = read_outcome(space, t, text, err);
    json_t *given = json_object_get(req, "answers");
    for (size_t k = 0; !rc && k < n; k++) {
        json_t *a = json_object_get(given, parley_party_name(sc, parley_scenario_negotiator(sc, k)));
        answers[k].text = text;
        rc = read_answer(space, a, &answers[k], changes + (k + 1) * issues, err);
    }
    json_int_t rounds = json_integer_value(json_object_get(req, "rounds"));
    json_int_t number = json_integer_value(json_object_get(req, "number"));
    double t_now = rounds > 1 ? (double)(number < rounds ? number : rounds) / (double)rounds : 1;
    long count = rc ? -1
                    : live_draft(sc, (uint64_t)json_integer_value(json_object_get(req, "seed")), t_now,
                                 has_text ? text : NULL, answers, out, changes, err);
    if (!rc && count < 0)
        rc = err->code ? err->code : PARLEY_EINTERNAL;
    if (!rc) {
        json_t *list = json_array();
        for (long j = 0; list && j < count; j++)
            json_array_append_new(list, json_pack("{s:s,s:o,s:o,s:s}", "issue",
                                                  parley_issue_name(space, changes[j].issue), "from",
                                                  value_json(space, changes[j].issue, text[changes[j].issue]),
                                                  "value", value_json(space, changes[j].issue, changes[j].value),
                                                  "reason", changes[j].reason));
        json_t *o = json_pack("{s:o,s:o}", "outcome", outcome_json(space, out), "changes", list);
        if (!o || !(*draft = json_dumps(o, JSON_COMPACT)))
            rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        json_decref(o);
    }
    free(text);
    free(out);
    free(changes);
    free(answers);
    parley_scenario_free(sc);
    json_decref(req);
    return rc;
}

/*
 * api_advice.c: the mediator's advice endpoints, run on the scenario with the
 * parties' private profiles merged in inside the server (as the analysis is):
 * why no deal exists and what would open one (diagnose), the package to table
 * under a bargaining rule with its explanation per party (propose), and what a
 * party's latest amendments to the current text do to everyone (amendments);
 * and, for a party, what the latest text is worth to it under its own profile.
 * Only mediators reach the advice (the router refuses parties with 403); only a party its valuation.
 */
#include "analysis/analysis_internal.h"
#include "server/server_internal.h"
#include "core/memtext.h"

#include <parley/diagnose.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs `write` into memory and parses what it wrote (new reference); NULL with err set on failure. */
static json_t *written_json(memtext_writer write, const void *ctx, parley_error *err)
{
    size_t length = 0;
    char *text = memtext_capture(write, ctx, &length, err);
    json_t *root = NULL;
    if (text && !(root = json_loadb(text, length, 0, NULL)))
        parley_error_set(err, PARLEY_EINTERNAL, "the report is not valid JSON");
    free(text);
    return root;
}

/* The reply for a failed analysis: 422 when the space is too large, 409 when no package is acceptable, else 500. */
static int analysis_failed(api_call *c, int rc, const parley_error *err)
{
    if (rc == PARLEY_ERANGE)
        return api_fail(c, 422, NULL, "%s", err->message);
    if (rc == PARLEY_ENOTFOUND)
        return api_fail(c, 409, NULL,
                        "no package is acceptable to every party, so there is nothing to table "
                        "(GET /api/negotiations/%lld/analysis/diagnose says which red lines and reservations collide)",
                        (long long)c->ids[0]);
    return api_fail(c, 500, NULL, "analysis failed: %s", err->message[0] ? err->message : parley_strerror(rc));
}

/* {"name": "uploaded" | "scenario"} for every negotiating party: whose profile the advice used. */
static json_t *profiles_json(const parley_scenario *sc, json_t *uploaded)
{
    json_t *o = json_object();
    for (size_t k = 0; o && k < parley_scenario_negotiator_count(sc); k++) {
        const char *name = parley_party_name(sc, parley_scenario_negotiator(sc, k));
        int up = 0;
        for (size_t i = 0; i < json_array_size(uploaded); i++)
            up |= strcmp(json_string_value(json_array_get(uploaded, i)), name) == 0;
        json_object_set_new(o, name, json_string(up ? "uploaded" : "scenario"));
    }
    return o;
}

/* Merges the profiles (the cached view), runs `advise` and adds "profiles" to its reply. */
static int with_merged(api_call *c, int (*advise)(api_call *c, const parley_scenario *sc, json_t **out))
{
    merged_view m;
    json_t *r = NULL;
    int rc = api_merged_open(c, &m);
    if (rc)
        return rc;
    if (!(rc = advise(c, m.sc, &r))) {
        json_object_set_new(r, "profiles", profiles_json(m.sc, m.uploaded));
        rc = api_reply(c, 200, r);
    }
    api_merged_close(c, &m);
    return rc;
}

/* ---- diagnose ---- */

typedef struct diagnosis_ctx {
    const parley_diagnosis *d;
    const parley_scenario *sc;
} diagnosis_ctx;

static int write_diagnosis(const void *ctx, FILE *out, parley_error *err)
{
    const diagnosis_ctx *x = ctx;
    return parley_diagnosis_write_json(x->d, x->sc, out, err);
}

static int diagnose(api_call *c, const parley_scenario *sc, json_t **out)
{
    parley_diagnosis *d = NULL;
    parley_error err = {0};
    int rc = parley_diagnose(sc, NULL, &d, &err);
    if (rc)
        return analysis_failed(c, rc, &err);
    diagnosis_ctx ctx = {d, sc};
    *out = written_json(write_diagnosis, &ctx, &err);
    parley_diagnosis_free(d);
    return *out ? 0 : api_fail_error(c, &err);
}

int api_diagnose(api_call *c)
{
    return with_merged(c, diagnose);
}

/* ---- propose ---- */

typedef struct proposal_ctx {
    const parley_scenario *sc;
    parley_solution_kind rule;
} proposal_ctx;

static int write_proposal(const void *ctx, FILE *out, parley_error *err)
{
    const proposal_ctx *x = ctx;
    return parley_propose_write(x->sc, x->rule, NULL, 1, out, err);
}

static int propose(api_call *c, const parley_scenario *sc, json_t **out)
{
    static const parley_solution_kind rules[] = {PARLEY_SOLUTION_NASH, PARLEY_SOLUTION_KALAI,
                                                 PARLEY_SOLUTION_EGALITARIAN, PARLEY_SOLUTION_WELFARE};
    const char *name = api_query(c, "rule");
    proposal_ctx ctx = {sc, PARLEY_SOLUTION_NASH};
    if (name) {
        size_t k = 0;
        while (k < 4 && strcmp(parley_solution_name(rules[k]), name) != 0)
            k++;
        if (k == 4)
            return api_fail(c, 400, "rule", "'%.40s' is not a rule (expected nash, kalai, egalitarian or welfare)",
                            name);
        ctx.rule = rules[k];
    }
    parley_error err = {0};
    *out = written_json(write_proposal, &ctx, &err);
    return *out ? 0 : analysis_failed(c, err.code, &err);
}

int api_propose(api_call *c)
{
    return with_merged(c, propose);
}

/* ---- amendments ---- */

/* Checks one party's stored amendments (JSON array) against the text; a new object, or NULL. */
static json_t *check_party(const parley_scenario *sc, const uint32_t *text, json_t *stored, parley_error *err)
{
    const parley_space *space = parley_scenario_space(sc);
    size_t n = json_array_size(stored);
    parley_amendment *am = calloc(n ? n : 1, sizeof *am);
    parley_amendment_effect *effects = calloc(n + 1, sizeof *effects);
    json_t *list = json_array(), *r = NULL;
    char why[256];
    if (!am || !effects || !list) {
        parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < n; k++) {
        json_t *a = json_array_get(stored, k);
        long issue = parley_space_find_issue(space, json_string_value(json_object_get(a, "issue")));
        if (issue < 0 || req_issue_value(space, (size_t)issue, json_object_get(a, "value"), &am[k].value, why, sizeof why)) {
            parley_error_set(err, PARLEY_EINTERNAL, "a stored amendment does not fit the scenario");
            goto done;
        }
        am[k].issue = (size_t)issue;
        am[k].reason = json_string_value(json_object_get(a, "reason"));
    }
    if (parley_amendments_check(sc, text, am, n, effects, err))
        goto done;
    for (size_t k = 0; k < n; k++) {
        json_t *item = json_deep_copy(json_array_get(stored, k)), *effect = amendment_effect_json(sc, &effects[k]);
        if (item && effect)
            json_object_update(item, effect);
        json_decref(effect);
        json_array_append_new(list, item);
    }
    r = json_pack("{s:O,s:o}", "amendments", list, "together", amendment_effect_json(sc, &effects[n]));
done:
    json_decref(list);
    free(am);
    free(effects);
    return r;
}

static int amendments(api_call *c, const parley_scenario *sc, json_t **out)
{
    static const char sql[] =
        "SELECT p.id, p.name, r.id, r.amendments FROM participants p JOIN responses r ON r.participant_id = p.id "
        "WHERE p.negotiation_id = ?1 AND p.role = 'party' AND (?2 = 0 OR p.id = ?2) AND r.text_id = ?3 "
        "AND r.answer = 'amend' AND r.id = (SELECT MAX(id) FROM responses WHERE text_id = ?3 AND participant_id = p.id) "
        "ORDER BY p.id";
    static const char party_sql[] = "SELECT 1 FROM participants WHERE id = ? AND negotiation_id = ? AND role = 'party'";
    const char *who = api_query(c, "participant");
    char *end = NULL;
    long long party = who ? strtoll(who, &end, 10) : 0;
    if (who && (*who == '\0' || *end != '\0' || party <= 0))
        return api_fail(c, 400, "participant", "'%.40s' is not a participant id", who);
    db_stmt *st;
    if (party) {
        if (!(st = store_stmt(c->db, party_sql)))
            return api_fail_db(c);
        db_bind_int64(st, 1, party);
        db_bind_int64(st, 2, c->ids[0]);
        int found = db_step(st) == DB_ROW;
        db_reset(st);
        if (!found)
            return api_fail(c, 404, "participant", "no party %lld in this negotiation", party);
    }
    int64_t id = 0, number = 0;
    json_t *outcome = api_latest_text_or_fail(c, &id, &number);
    if (!outcome)
        return c->status;
    const parley_space *space = parley_scenario_space(sc);
    uint32_t *text = calloc(parley_space_issue_count(space) + 1, sizeof *text);
    json_t *parties = json_array();
    int rc = 0;
    if (!text || !parties || api_outcome_values(space, outcome, text)) {
        rc = api_fail(c, 500, NULL, "cannot read the current text");
        goto done;
    }
    if (!(st = store_stmt(c->db, sql))) {
        rc = api_fail_db(c);
        goto done;
    }
    db_bind_int64(st, 1, c->ids[0]);
    db_bind_int64(st, 2, party);
    db_bind_int64(st, 3, id);
    int step = DB_DONE;
    while (!rc && (step = db_step(st)) == DB_ROW) {
        parley_error err = {0};
        json_t *stored = json_loads(db_column_text(st, 3), 0, NULL);
        json_t *check = stored ? check_party(sc, text, stored, &err) : NULL;
        json_decref(stored);
        if (!check) {
            rc = stored ? api_fail_error(c, &err) : api_fail(c, 500, NULL, "stored amendments are not JSON");
            break;
        }
        json_object_set_new(check, "participant", json_integer(db_column_int64(st, 0)));
        json_object_set_new(check, "name", json_string(db_column_text(st, 1)));
        json_object_set_new(check, "response", json_integer(db_column_int64(st, 2)));
        json_array_append_new(parties, check);
    }
    db_reset(st);
    if (!rc && step != DB_DONE && step != DB_ROW) /* not the parties that amended, had they all been read */
        rc = api_fail(c, 500, NULL, "cannot read the amendments");
    if (!rc && !(*out = json_pack("{s:{s:I,s:I,s:O},s:O}", "text", "id", (json_int_t)id, "number", (json_int_t)number,
                                  "outcome", outcome, "parties", parties)))
        rc = api_fail(c, 500, NULL, "out of memory");
done:
    json_decref(outcome);
    json_decref(parties);
    free(text);
    return rc;
}

int api_check_amendments(api_call *c)
{
    return with_merged(c, amendments);
}

/* ---- a party's own valuation of the latest text ---- */

/* The caller's red lines (from its uploaded profile) that the text breaks, as [{"name", "rule"}]. */
static json_t *broken_red_lines(const parley_scenario *sc, size_t party, const uint32_t *values)
{
    json_t *breaks = json_array();
    for (size_t i = 0; breaks && i < parley_scenario_constraint_count(sc); i++) {
        const parley_constraint *con = parley_scenario_constraint(sc, i);
        if (con->party == (long)party && !parley_expr_holds(con->expr, values))
            json_array_append_new(breaks, json_pack("{s:s,s:s}", "name", con->name, "rule", con->rule));
    }
    return breaks;
}

/*
 * GET texts/current/value (party): what the latest text is worth to the caller under its own uploaded
 * profile, valued as the analysis values it (expected utility under its trust in later phases).  Without
 * an uploaded profile the numbers are null: the scenario's estimate of a party is the mediator's, not
 * shown to the party.
 */
int api_text_value(api_call *c)
{
    json_t *outcome = NULL, *r = NULL;
    uint32_t *values = NULL;
    int64_t id = 0, number = 0;
    view_entry *v = view_get(c); /* built once per version of the profiles, not per request */
    if (!v)
        return c->status;
    const parley_scenario *sc = view_scenario(v);
    json_t *uploaded = view_uploaded(v);
    int rc = 0;
    if (!(outcome = api_latest_text_or_fail(c, &id, &number))) {
        rc = c->status;
        goto done;
    }
    const parley_space *space = parley_scenario_space(sc);
    long party = parley_scenario_find_party(sc, c->my_name);
    values = calloc(parley_space_issue_count(space) + 1, sizeof *values);
    if (party < 0 || !values || api_outcome_values(space, outcome, values)) {
        rc = api_fail(c, 500, NULL, "cannot value the text for %s", c->my_name);
        goto done;
    }
    int own = 0;
    for (size_t i = 0; i < json_array_size(uploaded); i++)
        own |= strcmp(json_string_value(json_array_get(uploaded, i)), c->my_name) == 0;
    r = json_pack("{s:{s:I,s:I,s:O},s:s,s:s,s:b}", "text", "id", (json_int_t)id, "number", (json_int_t)number,
                  "outcome", outcome, "name", c->my_name, "profile", own ? "uploaded" : "none", "feasible",
                  parley_scenario_feasible(sc, values));
    if (r && own) { /* one valuation: the analysis's (expected utility under trust, on the 2^-32 grid) */
        json_object_set_new(r, "utility", json_real(view_value(v, (size_t)party, values)));
        json_object_set_new(r, "reservation", json_real(view_reservation(v, (size_t)party)));
        json_object_set_new(r, "acceptable", json_boolean(view_acceptable(v, (size_t)party, values)));
        json_object_set_new(r, "breaks", broken_red_lines(sc, (size_t)party, values));
    } else if (r) {
        json_object_set_new(r, "utility", json_null());
        json_object_set_new(r, "reservation", json_null());
        json_object_set_new(r, "acceptable", json_null());
        json_object_set_new(r, "breaks", json_array());
    }
    rc = r ? api_reply(c, 200, r) : api_fail(c, 500, NULL, "out of memory");
done:
    view_release(c->srv, v);
    json_decref(outcome);
    free(values);
    return rc;
}

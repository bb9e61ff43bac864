/*
 * api_timeline.c: the timeline (every event the caller may see, in order) and
 * the mediator's analysis: the parties' private profiles are merged into the
 * scenario inside the server only, analysed (zone of agreement, Pareto
 * frontier, bargaining solutions, conflicts) and the current text placed
 * against the frontier.  Only utilities leave the server, and only to mediators.
 */
#include "server/server_internal.h"

#include <parley/analysis.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Event data in one page of the timeline (at least one event whatever its size): a reader that never reads
 * holds at most about this much. */
#define TIMELINE_PAGE_BYTES ((size_t)256 << 10)

int api_timeline(api_call *c)
{
    long long after = 0, limit = 500;
    int rc;
    if ((rc = api_query_int(c, "after", api_query(c, "after"), 0, INT64_MAX, &after)) ||
        (rc = api_query_int(c, "limit", api_query(c, "limit"), 1, 1000, &limit)))
        return rc;
    json_t *events = json_array();
    int64_t last = after;
    int more = 0;
    if (!events)
        return api_fail(c, 500, NULL, "out of memory");
    if (api_events_after(c, after, (int)limit, TIMELINE_PAGE_BYTES, events, &last, &more)) {
        json_decref(events);
        return api_fail_db(c);
    }
    return api_reply(c, 200, json_pack("{s:o,s:I,s:b}", "events", events, "last", (json_int_t)last, "more", more));
}

int api_merged_open(api_call *c, merged_view *m)
{
    memset(m, 0, sizeof *m);
    if (c->prefetched) { /* in an analysis's child process: prepared before the fork */
        m->sc = c->pre_merged;
        m->uploaded = c->pre_uploaded;
        return m->sc && m->uploaded ? 0 : api_fail(c, 500, NULL, "no scenario");
    }
    if (!(m->view = view_get(c)))
        return c->status;
    m->sc = view_scenario(m->view);
    m->uploaded = view_uploaded(m->view);
    return 0;
}

void api_merged_close(api_call *c, merged_view *m)
{
    view_release(c->srv, m->view);
    memset(m, 0, sizeof *m);
}

/* Utilities are kept on a 2^-32 grid by the analysis: shown rounded to 9 decimals. */
static json_t *utility_json(double u)
{
    return json_real(round(u * 1e9) / 1e9);
}

static json_t *utilities_json(const double *u, size_t n)
{
    json_t *a = json_array();
    for (size_t k = 0; a && k < n; k++)
        json_array_append_new(a, utility_json(u[k]));
    return a;
}

/* Where the current text stands: each party's utility, who accepts it, whether the frontier dominates it. */
/* The latest text's outcome (new reference), id and number; NULL when none, *failed set when it could not be read. */
static json_t *latest_text(api_call *c, int64_t *id, int64_t *number, int *failed)
{
    static const char sql[] = "SELECT id, number, outcome FROM texts WHERE negotiation_id = ? ORDER BY number DESC LIMIT 1";
    *failed = 0;
    if (c->prefetched) {
        *id = c->pre_text_id;
        *number = c->pre_text_number;
        return json_incref(c->pre_text);
    }
    db_stmt *st = store_stmt(c->db, sql);
    if (!st) {
        *failed = 1;
        return NULL;
    }
    db_bind_int64(st, 1, c->ids[0]);
    json_t *outcome = NULL;
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *id = db_column_int64(st, 0);
        *number = db_column_int64(st, 1);
        outcome = json_loads(db_column_text(st, 2), 0, NULL);
        *failed = !outcome;
    } else
        *failed = rc != DB_DONE;
    db_reset(st);
    return outcome;
}

json_t *api_latest_text(api_call *c, int64_t *id, int64_t *number)
{
    int failed;
    return latest_text(c, id, number, &failed);
}

json_t *api_latest_text_or_fail(api_call *c, int64_t *id, int64_t *number)
{
    int failed;
    json_t *outcome = latest_text(c, id, number, &failed);
    if (!outcome && failed)
        api_fail(c, 500, NULL, "cannot read the current text");
    else if (!outcome)
        api_fail(c, 404, NULL, "no text has been tabled yet");
    return outcome;
}

int api_outcome_values(const parley_space *space, json_t *outcome, uint32_t *values)
{
    char why[256];
    for (size_t i = 0; i < parley_space_issue_count(space); i++)
        if (req_issue_value(space, i, json_object_get(outcome, parley_issue_name(space, i)), &values[i], why, sizeof why))
            return -1;
    return 0;
}

static json_t *text_position(api_call *c, const parley_scenario *sc, const parley_analysis *an)
{
    int64_t id = 0, number = 0;
    json_t *outcome = api_latest_text(c, &id, &number);
    if (!outcome)
        return json_null();
    const parley_space *space = parley_scenario_space(sc);
    size_t n = parley_analysis_party_count(an), issues = parley_space_issue_count(space);
    uint32_t *values = calloc(issues, sizeof *values);
    double *u = calloc(n ? n : 1, sizeof *u);
    json_t *pos = NULL;
    if (!values || !u || api_outcome_values(space, outcome, values))
        goto done;
    json_t *accepts = json_array();
    for (size_t k = 0; k < n; k++) {
        size_t p = parley_analysis_party(an, k);
        u[k] = parley_scenario_value(sc, p, values, -1); /* one valuation: the analysis's expected utility */
        json_array_append_new(accepts, json_boolean(parley_scenario_acceptable_to(sc, p, values, 0)));
    }
    /* Dominated when some frontier outcome gives every party at least as much and one party more. */
    int dominated = 0, on_frontier = 0;
    for (size_t f = 0; f < parley_analysis_frontier_count(an) && !dominated; f++) {
        const double *fu = parley_analysis_frontier_utilities(an, f);
        int ge = 1, gt = 0;
        for (size_t k = 0; k < n; k++) {
            ge &= fu[k] >= u[k] - 1e-9;
            gt |= fu[k] > u[k] + 1e-9;
        }
        dominated = ge && gt;
        on_frontier |= memcmp(parley_analysis_frontier_outcome(an, f), values, issues * sizeof *values) == 0;
    }
    pos = json_pack("{s:I,s:I,s:O,s:o,s:o,s:b,s:b,s:b}", "id", (json_int_t)id, "number", (json_int_t)number,
                    "outcome", outcome, "utilities", utilities_json(u, n), "acceptable_to", accepts, "feasible",
                    parley_scenario_feasible(sc, values), "pareto_optimal", on_frontier, "dominated", dominated);
done:
    json_decref(outcome);
    free(values);
    free(u);
    return pos ? pos : json_null();
}

static json_t *conditions_json(const parley_scenario *sc, const parley_analysis *an)
{
    json_t *conflicts = json_array();
    uint32_t masks[64];
    size_t count = parley_analysis_minimal_conflicts(an, masks, 64);
    for (size_t i = 0; conflicts && i < count && i < 64; i++) {
        json_t *set = json_array();
        for (size_t b = 0; b < parley_analysis_condition_count(an); b++) {
            if (!(masks[i] >> b & 1))
                continue;
            const parley_condition *cond = parley_analysis_condition(an, b);
            json_t *m = json_pack("{s:s,s:s}", "party", parley_party_name(sc, cond->party), "kind",
                                  cond->kind == PARLEY_CONDITION_RED_LINE ? "red_line" : "reservation");
            if (m && cond->kind == PARLEY_CONDITION_RED_LINE) {
                const parley_constraint *con = parley_scenario_constraint(sc, cond->index);
                json_object_set_new(m, "name", json_string(con->name));
                json_object_set_new(m, "rule", json_string(con->rule));
            }
            json_array_append_new(set, m);
        }
        json_array_append_new(conflicts, set);
    }
    return conflicts;
}

int api_analysis(api_call *c)
{
    long long frontier_limit = 2000;
    int bad = api_query_int(c, "frontier_limit", api_query(c, "frontier_limit"), 0, 100000, &frontier_limit);
    if (bad)
        return bad;
    merged_view m;
    parley_analysis *an = NULL;
    parley_error err = {0};
    int rc = api_merged_open(c, &m);
    if (rc)
        return rc;
    const parley_scenario *sc = m.sc;
    json_t *uploaded = m.uploaded;
    if ((rc = parley_analyze(sc, NULL, &an, &err))) {
        api_merged_close(c, &m);
        return rc == PARLEY_ERANGE ? api_fail(c, 422, NULL, "%s", err.message)
                                   : api_fail(c, 500, NULL, "analysis failed: %s", err.message);
    }
    size_t n = parley_analysis_party_count(an);
    json_t *parties = json_array(), *frontier = json_array(), *solutions = json_object();
    for (size_t k = 0; k < n; k++) {
        const char *name = parley_party_name(sc, parley_analysis_party(an, k));
        int up = 0;
        for (size_t i = 0; i < json_array_size(uploaded); i++)
            up |= strcmp(json_string_value(json_array_get(uploaded, i)), name) == 0;
        json_array_append_new(parties, json_pack("{s:s,s:s,s:o,s:o,s:I}", "name", name, "profile",
                                                 up ? "uploaded" : "scenario", "reservation",
                                                 utility_json(parley_analysis_reservation(an, k)), "best",
                                                 utility_json(parley_analysis_best(an, k)), "acceptable",
                                                 (json_int_t)parley_analysis_party_acceptable(an, k)));
    }
    const parley_space *space = parley_scenario_space(sc);
    size_t fc = parley_analysis_frontier_count(an);
    for (size_t f = 0; f < fc && f < (size_t)frontier_limit; f++)
        json_array_append_new(frontier, json_pack("{s:o,s:o}", "outcome",
                                                  req_outcome_json(space, parley_analysis_frontier_outcome(an, f)),
                                                  "utilities",
                                                  utilities_json(parley_analysis_frontier_utilities(an, f), n)));
    for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) {
        const uint32_t *o;
        const double *u;
        double value;
        if (parley_analysis_solution(an, (parley_solution_kind)s, &o, &u, &value) == PARLEY_OK)
            json_object_set_new(solutions, parley_solution_name((parley_solution_kind)s),
                                json_pack("{s:o,s:o,s:o}", "outcome", req_outcome_json(space, o), "utilities",
                                          utilities_json(u, n), "value", utility_json(value)));
    }
    json_t *r = json_pack("{s:I,s:I,s:I,s:o,s:I,s:b,s:o,s:o,s:o,s:o}", "outcomes",
                          (json_int_t)parley_analysis_outcomes(an), "feasible", (json_int_t)parley_analysis_feasible(an),
                          "acceptable", (json_int_t)parley_analysis_acceptable(an), "parties", parties,
                          "frontier_count", (json_int_t)fc, "frontier_truncated", fc > (size_t)frontier_limit,
                          "frontier", frontier, "solutions", solutions, "current_text", text_position(c, sc, an),
                          "conflicts", conditions_json(sc, an));
    parley_analysis_free(an);
    api_merged_close(c, &m);
    return api_reply(c, 200, r);
}

/*
 * api_improve.c: improving a signed deal in live talks (post-settlement
 * settlement).  After an agreement the mediator asks for the packages every
 * party strictly prefers to the agreed text (GET improvements: parley_improve
 * on the scenario with the parties' private profiles merged in, run in a child
 * process like the analysis) and offers one to the parties (POST improvements:
 * a public "improvement.offered" event with the agreement and the package, no
 * utilities).  Each party then sees its own utility before and after the
 * offered packages, and nothing of anyone else's (GET improvements/me,
 * api_party.c); adopting one is tabling it as a new text.
 */
#include "analysis/analysis_internal.h"
#include "server/server_internal.h"

#include <parley/improve.h>
#include <stdlib.h>
#include <string.h>

/* The agreed text (outcome, new reference) of an agreed negotiation, with its id and number; NULL when none. */
static json_t *agreed_text(api_call *c, int64_t *id, int64_t *number)
{
    static const char sql[] = "SELECT t.id, t.number, t.outcome FROM texts t JOIN negotiations n ON n.id = t.negotiation_id "
                              "WHERE t.negotiation_id = ? AND t.status = 'agreed' AND n.status = 'agreed' "
                              "ORDER BY t.number DESC LIMIT 1";
    db_stmt *st = store_stmt(c->db, sql);
    json_t *outcome = NULL;
    if (!st)
        return NULL;
    db_bind_int64(st, 1, c->ids[0]);
    if (db_step(st) == DB_ROW) {
        *id = db_column_int64(st, 0);
        *number = db_column_int64(st, 1);
        outcome = json_loads(db_column_text(st, 2), 0, NULL);
    }
    db_reset(st);
    return outcome;
}

static int no_agreement(api_call *c)
{
    return api_fail(c, 409, NULL, "there is no agreement to improve: improvements are sought once every party has "
                    "accepted the current text");
}

int improvements_prefetch(api_call *c)
{
    if (!(c->pre_text = agreed_text(c, &c->pre_text_id, &c->pre_text_number)))
        return no_agreement(c);
    if (!(c->pre_view = view_get(c)))
        return c->status;
    c->pre_merged = view_scenario(c->pre_view);
    if (!(c->pre_uploaded = json_deep_copy(view_uploaded(c->pre_view))))
        return api_fail(c, 500, NULL, "out of memory");
    c->prefetched = 1;
    return 0;
}

/* {"before": u, "after": u} of every negotiating party for item i, as the library writes them. */
static json_t *improvements_json(const parley_scenario *sc, const parley_improvements *r)
{
    json_t *list = json_array();
    const parley_space *space = parley_scenario_space(sc);
    for (size_t i = 0; list && i < parley_improvements_count(r); i++) {
        json_t *u = json_object();
        for (size_t k = 0; u && k < parley_scenario_negotiator_count(sc); k++)
            json_object_set_new(u, parley_party_name(sc, parley_scenario_negotiator(sc, k)),
                                json_pack("{s:o,s:o}", "before", analysis_number_json(parley_improvements_before(r)[k]),
                                          "after", analysis_number_json(parley_improvements_after(r, i)[k])));
        json_array_append_new(list, json_pack("{s:o,s:o}", "package",
                                              analysis_outcome_json(space, parley_improvements_package(r, i)),
                                              "utilities", u));
    }
    return list;
}

/* GET improvements?limit=N (mediator; in a child process). */
int api_improvements(api_call *c)
{
    long limit;
    int bad = api_query_limit(c, 100, 10, &limit);
    if (bad)
        return bad;
    merged_view m;
    int rc = api_merged_open(c, &m);
    if (rc)
        return rc;
    int64_t id = 0, number = 0;
    json_t *outcome = api_latest_text(c, &id, &number); /* prefetched: the agreed text */
    const parley_space *space = parley_scenario_space(m.sc);
    uint32_t *values = calloc(parley_space_issue_count(space) + 1, sizeof *values);
    parley_improvements *r = NULL;
    parley_error err = {0};
    parley_improve_options o = {.limit = (size_t)limit};
    if (!outcome || !values || api_outcome_values(space, outcome, values))
        rc = api_fail(c, 500, NULL, "cannot read the agreed text");
    else if (parley_improve(m.sc, values, &o, &r, &err))
        rc = api_fail(c, 500, NULL, "the search failed: %s", err.message);
    else {
        json_t *profiles = json_object();
        for (size_t k = 0; profiles && k < parley_scenario_negotiator_count(m.sc); k++) {
            const char *name = parley_party_name(m.sc, parley_scenario_negotiator(m.sc, k));
            int up = 0;
            for (size_t i = 0; i < json_array_size(m.uploaded); i++)
                up |= strcmp(json_string_value(json_array_get(m.uploaded, i)), name) == 0;
            json_object_set_new(profiles, name, json_string(up ? "uploaded" : "scenario"));
        }
        rc = api_reply(c, 200, json_pack("{s:{s:I,s:I,s:O},s:o,s:b,s:I,s:s,s:o}", "agreement", "id", (json_int_t)id,
                                         "number", (json_int_t)number, "outcome", outcome, "improvements",
                                         improvements_json(m.sc, r), "exhaustive",
                                         parley_improvements_exhaustive(r), "found",
                                         (json_int_t)parley_improvements_found(r), "method",
                                         parley_improvements_method(r), "profiles", profiles));
    }
    parley_improvements_free(r);
    free(values);
    json_decref(outcome);
    api_merged_close(c, &m);
    return rc;
}

/* 1 when `package` is strictly better than `agreement` for every negotiating party of the view, feasible and
 * within every red line. */
static int improves_for_all(const view_entry *v, const uint32_t *agreement, const uint32_t *package)
{
    const parley_scenario *sc = view_scenario(v);
    if (!parley_scenario_feasible(sc, package))
        return 0;
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++) {
        size_t p = parley_scenario_negotiator(sc, k);
        if (!parley_scenario_red_lines_hold(sc, p, package) || !(view_value(v, p, package) > view_value(v, p, agreement)))
            return 0;
    }
    return 1;
}

/* POST improvements (mediator): {"outcome": package, "note"?}: offers the package as an improvement of the
 * agreement, checked under the private profiles; a public event without utilities. */
int api_offer_improvement(api_call *c)
{
    int rc;
    if ((rc = api_require_open(c)))
        return rc;
    int64_t id = 0, number = 0;
    json_t *agreement = agreed_text(c, &id, &number);
    if (!agreement)
        return no_agreement(c);
    view_entry *v = view_get(c);
    if (!v) {
        json_decref(agreement);
        return c->status;
    }
    const parley_space *space = parley_scenario_space(view_scenario(v));
    size_t issues = parley_space_issue_count(space);
    uint32_t *a = calloc(issues + 1, sizeof *a), *b = calloc(issues + 1, sizeof *b);
    const char *note = NULL;
    parley_error err = {0};
    json_t *package = NULL;
    if (!a || !b || api_outcome_values(space, agreement, a))
        rc = api_fail(c, 500, NULL, "cannot read the agreed text");
    else if (req_parse_text(c->json, space, b, &note, &err))
        rc = api_fail_error(c, &err);
    else if (!improves_for_all(v, a, b))
        rc = api_fail(c, 409, "outcome", "this package is not strictly better for every party than the "
                      "agreement (GET .../improvements lists those that are)");
    else if (!(package = req_outcome_json(space, b)))
        rc = api_fail(c, 500, NULL, "out of memory");
    view_release(c->srv, v);
    free(a);
    free(b);
    if (rc) {
        json_decref(agreement);
        return rc;
    }
    return api_event_reply(c, "improvement.offered", 0, 201,
                           json_pack("{s:I,s:I,s:o,s:o,s:s?}", "text", (json_int_t)id, "number", (json_int_t)number,
                                     "agreement", agreement, "package", package, "note", note));
}

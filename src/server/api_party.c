/*
 * api_party.c: a party's own endpoints that compute: its advice (GET
 * advice/me) and what the improvements offered after an agreement do for it
 * (GET improvements/me).  Both run in a child process within the analysis
 * budgets (jobs.c), on inputs gathered here before the fork from what the caller
 * may read and nothing else: the public scenario, its own stored profile and
 * the timeline events visible to its token.  The child has no database and no
 * merged view (party_advice.c), so another party's private profile cannot
 * reach the answer.
 */
#include "server/party_advice.h"
#include "server/server_internal.h"

#include <stdlib.h>
#include <string.h>

#define RECORD_PAGES 100 /* pages of 1000 events read at most (a record of 100,000 events) */

/* The caller's stored profile (new reference), or NULL when none was uploaded. */
static json_t *own_profile(api_call *c)
{
    static const char sql[] = "SELECT profile FROM profiles WHERE participant_id = ?";
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return NULL;
    db_bind_int64(st, 1, c->me);
    json_t *profile = db_step(st) == DB_ROW ? json_loads(db_column_text(st, 0), 0, NULL)
                                                     : NULL;
    db_reset(st);
    return profile;
}

/* From one visible event, what the advice reads: texts, other parties' answers, offered improvements. */
static void record_event(api_call *c, json_t *ev, json_t *events, json_t *offers)
{
    const char *kind = json_string_value(json_object_get(ev, "kind"));
    json_t *d = json_object_get(ev, "data");
    if (!kind || !d)
        return;
    if (strcmp(kind, "text.tabled") == 0)
        json_array_append_new(events, json_pack("{s:s,s:O,s:O,s:O}", "kind", "text", "id", json_object_get(d, "id"),
                                                "number", json_object_get(d, "number"), "outcome",
                                                json_object_get(d, "outcome")));
    else if (strcmp(kind, "response") == 0 && json_integer_value(json_object_get(d, "participant")) != c->me)
        json_array_append_new(events, json_pack("{s:s,s:O,s:O,s:O,s:O}", "kind", "answer", "name",
                                                json_object_get(d, "name"), "text", json_object_get(d, "text"),
                                                "answer", json_object_get(d, "answer"), "amendments",
                                                json_object_get(d, "amendments")));
    else if (strcmp(kind, "improvement.offered") == 0)
        json_array_append_new(offers, json_pack("{s:O,s:O,s:O,s:O,s:O*}", "text", json_object_get(d, "text"),
                                                "number", json_object_get(d, "number"), "agreement",
                                                json_object_get(d, "agreement"), "package",
                                                json_object_get(d, "package"), "note", json_object_get(d, "note")));
}

int party_inputs_prefetch(api_call *c, int need_profile)
{
    json_t *profile = own_profile(c);
    if (!profile && need_profile)
        return api_fail(c, 409, NULL, "upload your profile first (PUT .../profile): the advice is computed from it");
    scenario_entry *e = scenario_get(c, c->ids[0]);
    json_t *public_doc = e && profile ? req_public_scenario(e->doc) : NULL;
    scenario_release(c->srv, e);
    json_t *doc = public_doc ? party_advice_scenario(public_doc, c->my_name, profile) : json_null();
    json_t *events = json_array(), *offers = json_array(), *page = json_array();
    json_decref(public_doc);
    json_decref(profile);
    int rc = e && doc && events && offers && page ? 0 : api_fail(c, 500, NULL, "out of memory");
    int64_t after = 0;
    int more = 1;
    for (int pages = 0; !rc && more && pages < RECORD_PAGES; pages++) {
        json_array_clear(page);
        if (api_events_after(c, after, 1000, (size_t)1 << 22, page, &after, &more))
            rc = api_fail_db(c);
        size_t i;
        json_t *ev;
        json_array_foreach(page, i, ev) record_event(c, ev, events, offers);
    }
    if (!rc && !(c->pre_public = json_pack("{s:O,s:O,s:O}", "scenario", doc, "events", events, "offers", offers)))
        rc = api_fail(c, 500, NULL, "out of memory");
    json_decref(doc);
    json_decref(events);
    json_decref(offers);
    json_decref(page);
    if (!rc)
        c->prefetched = 1;
    return rc;
}

/* The scenario of the caller's inputs, parsed, and its index; 0, or the HTTP status (reply set). */
static int caller_scenario(api_call *c, parley_scenario **sc, size_t *me)
{
    char *text = json_dumps(json_object_get(c->pre_public, "scenario"), JSON_COMPACT);
    parley_error err = {0};
    *sc = NULL;
    int rc = text ? parley_scenario_parse(text, strlen(text), "your profile", sc, &err) : PARLEY_ENOMEM;
    free(text);
    long party = rc ? -1 : parley_scenario_find_party(*sc, c->my_name);
    if (party < 0) {
        parley_scenario_free(*sc);
        *sc = NULL;
        return api_fail(c, 500, NULL, "cannot read your profile: %s", rc ? err.message : "no such party");
    }
    *me = (size_t)party;
    return 0;
}

/* GET advice/me?limit=N (party; in a child process). */
int api_party_advice(api_call *c)
{
    long limit;
    int bad = api_query_limit(c, 20, 5, &limit);
    if (bad)
        return bad;
    parley_scenario *sc;
    size_t me;
    int rc = caller_scenario(c, &sc, &me);
    if (rc)
        return rc;
    json_t *out = NULL;
    parley_error err = {0};
    rc = party_advice(sc, me, json_object_get(c->pre_public, "events"), (size_t)limit, &out, &err);
    parley_scenario_free(sc);
    if (rc == PARLEY_ENOTFOUND)
        return api_fail(c, 404, NULL, "no text has been tabled yet");
    return rc ? api_fail(c, 500, NULL, "advice failed: %s", err.message) : api_reply(c, 200, out);
}

/* GET improvements/me (party; in a child process): the offered improvements, with the caller's gain only. */
int api_party_improvements(api_call *c)
{
    json_t *offers = json_object_get(c->pre_public, "offers");
    if (json_is_null(json_object_get(c->pre_public, "scenario"))) { /* no profile: the offers, not what they are worth */
        size_t i;
        json_t *o;
        json_array_foreach(offers, i, o) {
            json_object_set_new(o, "before", json_null());
            json_object_set_new(o, "after", json_null());
            json_object_set_new(o, "gain", json_null());
        }
        return api_reply(c, 200, json_pack("{s:s,s:s,s:O}", "name", c->my_name, "profile", "none", "offers", offers));
    }
    parley_scenario *sc;
    size_t me;
    int rc = caller_scenario(c, &sc, &me);
    if (rc)
        return rc;
    json_t *valued = NULL;
    parley_error err = {0};
    rc = party_offer_values(sc, me, offers, &valued, &err);
    parley_scenario_free(sc);
    return rc ? api_fail(c, 500, NULL, "cannot value the offers: %s", err.message)
              : api_reply(c, 200, json_pack("{s:s,s:s,s:o}", "name", c->my_name, "profile", "uploaded", "offers", valued));
}

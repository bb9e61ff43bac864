/*
 * view.c: a negotiation's merged view (the scenario with every uploaded
 * profile merged in, parsed) and each party's valuation table (expected
 * utility under its trust), built once per version of the profiles and shared
 * by the requests that need them (a party's GET texts/current/value, the
 * mediator's amendment checks, the preparation of an analysis).  The version is
 * read from the database on every request (participant, update time and size
 * of each uploaded profile: one row per party), so a request after an upload
 * sees the new profiles however it was committed; a new text changes no view.
 * A few views stay cached (least recently used out); a view in use is freed by
 * its last holder.  srv->view_rebuilds counts the builds (tests read it).
 */
#include "server/server_internal.h"
#include "core/quantize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct view_entry {
    int64_t negotiation;
    char *version;
    parley_scenario *sc;
    char *text;          /* the merged scenario as JSON, as parsed (what an analysis's child process parses) */
    json_t *uploaded;    /* names of the parties whose profile was uploaded */
    parley_utility **eu; /* [party count]: expected utility of each negotiating party, NULL for mediators */
    size_t party_count;
    int refs, cached; /* guarded by view_mu */
    uint64_t used;
};

static void view_free(view_entry *v)
{
    for (size_t p = 0; v->eu && p < v->party_count; p++)
        parley_utility_free(v->eu[p]);
    free(v->eu);
    parley_scenario_free(v->sc);
    free(v->text);
    json_decref(v->uploaded);
    free(v->version);
    free(v);
}

/* The version of the negotiation's profiles, "id@updated#length" joined by commas (new string), NULL on a database error. */
static char *profiles_version(api_call *c)
{
    static const char sql[] = "SELECT f.participant_id, f.updated_at, length(f.profile) FROM participants p "
                              "JOIN profiles f ON f.participant_id = p.id WHERE p.negotiation_id = ? AND p.role = 'party' "
                              "ORDER BY f.participant_id";
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return NULL;
    db_bind_int64(st, 1, c->ids[0]);
    char *v = calloc(1, 1);
    size_t len = 0;
    int rc = DB_ERROR;
    while (v && (rc = db_step(st)) == DB_ROW) {
        char item[160];
        int n = snprintf(item, sizeof item, "%s%lld@%s#%lld", len ? "," : "", (long long)db_column_int64(st, 0),
                         db_column_text(st, 1), (long long)db_column_int64(st, 2));
        char *longer = n < 0 || (size_t)n >= sizeof item ? NULL : realloc(v, len + (size_t)n + 1);
        if (!longer) {
            free(v);
            v = NULL;
            break;
        }
        v = longer;
        memcpy(v + len, item, (size_t)n + 1);
        len += (size_t)n;
    }
    if (v && rc != DB_DONE) {
        free(v);
        v = NULL;
    }
    db_reset(st);
    return v;
}

/* The scenario document with every uploaded profile merged in, parsed. */
static int merge_profiles(api_call *c, json_t *doc, json_t *uploaded, parley_scenario **sc, char **text_out,
                          parley_error *err)
{
    static const char sql[] = "SELECT p.name, f.profile FROM participants p JOIN profiles f ON f.participant_id = p.id "
                              "WHERE p.negotiation_id = ? AND p.role = 'party'";
    json_t *merged = json_deep_copy(doc);
    db_stmt *st = store_stmt(c->db, sql);
    if (!merged || !st) {
        json_decref(merged);
        return parley_error_set(err, PARLEY_EIO, "cannot read the profiles");
    }
    db_bind_int64(st, 1, c->ids[0]);
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        const char *name = db_column_text(st, 0);
        json_t *profile = json_loads(db_column_text(st, 1), 0, NULL);
        if (profile && req_merge_profile(merged, name, profile) == PARLEY_OK)
            json_array_append_new(uploaded, json_string(name));
        json_decref(profile);
    }
    db_reset(st);
    if (step != DB_DONE) { /* a view without a profile would be kept as the negotiation's */
        json_decref(merged);
        return parley_error_set(err, PARLEY_EIO, "cannot read the profiles");
    }
    char *text = json_dumps(merged, JSON_COMPACT);
    json_decref(merged);
    if (!text)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    int rc = parley_scenario_parse(text, strlen(text), "merged scenario", sc, err);
    *text_out = text;
    return rc;
}

/* Builds the view of c->ids[0] at `version` (taken); NULL with the reply set. */
static view_entry *build(api_call *c, char *version)
{
    view_entry *v = calloc(1, sizeof *v);
    scenario_entry *e = v ? scenario_get(c, c->ids[0]) : NULL;
    if (!v || !e) {
        free(version);
        free(v);
        api_fail(c, v ? 404 : 500, NULL, v ? "no such negotiation" : "out of memory");
        scenario_release(c->srv, e);
        return NULL;
    }
    v->negotiation = c->ids[0];
    v->version = version;
    v->refs = 1;
    parley_error err = {0};
    int rc = (v->uploaded = json_array()) ? merge_profiles(c, e->doc, v->uploaded, &v->sc, &v->text, &err)
                                          : parley_error_set(&err, PARLEY_ENOMEM, "out of memory");
    scenario_release(c->srv, e);
    if (!rc) {
        v->party_count = parley_scenario_party_count(v->sc);
        if (!(v->eu = calloc(v->party_count ? v->party_count : 1, sizeof *v->eu)))
            rc = parley_error_set(&err, PARLEY_ENOMEM, "out of memory");
        for (size_t k = 0; !rc && k < parley_scenario_negotiator_count(v->sc); k++) {
            size_t p = parley_scenario_negotiator(v->sc, k);
            if (!(v->eu[p] = parley_scenario_expected_utility(v->sc, p, -1)))
                rc = parley_error_set(&err, PARLEY_ENOMEM, "out of memory");
        }
    }
    if (rc) {
        view_free(v);
        api_fail(c, 500, NULL, "cannot merge the profiles: %s", err.message);
        return NULL;
    }
    __atomic_add_fetch(&c->srv->view_rebuilds, 1, __ATOMIC_RELAXED);
    return v;
}

view_entry *view_get(api_call *c)
{
    parley_server *srv = c->srv;
    char *version = profiles_version(c);
    if (!version) {
        api_fail_db(c);
        return NULL;
    }
    pthread_mutex_lock(&srv->view_mu);
    for (int i = 0; i < VIEW_CACHE; i++) {
        view_entry *v = srv->views[i];
        if (v && v->negotiation == c->ids[0] && strcmp(v->version, version) == 0) {
            v->refs++;
            v->used = ++srv->view_clock;
            pthread_mutex_unlock(&srv->view_mu);
            free(version);
            return v;
        }
    }
    pthread_mutex_unlock(&srv->view_mu);
    view_entry *v = build(c, version);
    if (!v)
        return NULL;
    pthread_mutex_lock(&srv->view_mu);
    int slot = 0;
    for (int i = 0; i < VIEW_CACHE; i++) { /* the same negotiation's older view, else an empty slot, else the LRU */
        view_entry *o = srv->views[i];
        view_entry *s = srv->views[slot];
        if (o && o->negotiation == v->negotiation) {
            slot = i;
            break;
        }
        if (s && (!o || o->used < s->used))
            slot = i;
    }
    view_entry *old = srv->views[slot];
    if (old) {
        old->cached = 0;
        if (old->refs == 0)
            view_free(old);
    }
    v->cached = 1;
    v->used = ++srv->view_clock;
    srv->views[slot] = v;
    pthread_mutex_unlock(&srv->view_mu);
    return v;
}

void view_release(parley_server *srv, view_entry *v)
{
    if (!v)
        return;
    pthread_mutex_lock(&srv->view_mu);
    int dead = --v->refs == 0 && !v->cached;
    pthread_mutex_unlock(&srv->view_mu);
    if (dead)
        view_free(v);
}

void view_cache_clear(parley_server *srv)
{
    for (int i = 0; i < VIEW_CACHE; i++) {
        if (srv->views[i])
            view_free(srv->views[i]);
        srv->views[i] = NULL;
    }
}

const parley_scenario *view_scenario(const view_entry *v)
{
    return v->sc;
}

const char *view_text(const view_entry *v)
{
    return v->text;
}

json_t *view_uploaded(const view_entry *v)
{
    return v->uploaded;
}

double view_value(const view_entry *v, size_t party, const uint32_t *values)
{
    return quantize_utility(parley_utility_eval(v->eu[party], values));
}

double view_reservation(const view_entry *v, size_t party)
{
    return parley_utility_reservation_at(v->eu[party], 0);
}

int view_acceptable(const view_entry *v, size_t party, const uint32_t *values)
{
    const parley_utility *u = parley_party_utility(v->sc, party);
    return u && parley_scenario_feasible(v->sc, values) && parley_scenario_red_lines_hold(v->sc, party, values) &&
           view_value(v, party, values) >= quantize_utility(parley_utility_reservation_at(u, 0));
}

/*
 * api_common.c: what every handler uses: who is calling (token to
 * participant), the clock, appending to the timeline and reading it back with
 * the privacy filter, and the scenario cache.
 */
#include "server/server_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void api_now(char out[96])
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    snprintf(out, 96, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000);
}

/* 0 when the negotiation accepts changes; 409 (reply set) when it is closed, 404 when it does not exist. */
int api_require_open(api_call *c)
{
    static const char sql[] = "SELECT status FROM negotiations WHERE id = ?";
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return api_fail_db(c);
    db_bind_int64(st, 1, c->ids[0]);
    int rc = db_step(st);
    int closed = rc == DB_ROW && strcmp(db_column_text(st, 0), "closed") == 0;
    db_reset(st);
    if (rc != DB_ROW)
        return rc == DB_DONE ? api_fail(c, 404, NULL, "no such negotiation") : api_fail_db(c);
    return closed ? api_fail(c, 409, NULL, "the negotiation is closed") : 0;
}

int auth_identify(api_call *c)
{
    const char *h = MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, "Authorization");
    if (!h)
        return api_fail(c, 401, NULL, "no token (expected the header 'Authorization: Bearer <token>')");
    if (strncmp(h, "Bearer ", 7) != 0 || !auth_token_wellformed(h + 7))
        return api_fail(c, 401, NULL, "malformed token (expected 'Authorization: Bearer' and 64 hex digits)");
    char *hash = c->my_hash;
    auth_sha256_hex(h + 7, AUTH_TOKEN_CHARS, hash);
    static const char sql[] = "SELECT id, negotiation_id, role, name FROM participants WHERE token_hash = ?";
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return api_fail_db(c);
    db_bind_text(st, 1, hash, 64, DB_STATIC);
    int rc = db_step(st);
    if (rc == DB_DONE)
        return api_fail(c, 401, NULL, "unknown token");
    if (rc != DB_ROW)
        return api_fail_db(c);
    c->me = db_column_int64(st, 0);
    c->my_negotiation = db_column_int64(st, 1);
    c->my_role = strcmp(db_column_text(st, 2), "mediator") == 0 ? ROLE_MEDIATOR : ROLE_PARTY;
    snprintf(c->my_name, sizeof c->my_name, "%s", db_column_text(st, 3));
    db_reset(st);
    return 0;
}

int auth_admin(api_call *c)
{
    if (c->srv->open)
        return 0;
    if (!c->srv->has_admin)
        return api_fail(c, 403, NULL, "this server accepts no new negotiations (it was started without an admin "
                                      "token: parley serve --admin-token-file FILE, or --open)");
    const char *h = MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, "Authorization");
    if (!h || strncmp(h, "Bearer ", 7) != 0)
        return api_fail(c, 401, NULL, "creating a negotiation needs the server's admin token "
                                      "('Authorization: Bearer <admin token>')");
    char hash[65];
    auth_sha256_hex(h + 7, strlen(h + 7), hash);
    unsigned diff = 0; /* compared in constant time */
    for (int i = 0; i < 64; i++)
        diff |= (unsigned)(hash[i] ^ c->srv->admin_hash[i]);
    return diff ? api_fail(c, 403, NULL, "this is not the server's admin token") : 0;
}

/*
 * Several processes on one database (PostgreSQL): the events of a negotiation must become visible in the order
 * of their sequence numbers, or a stream that read up to seq 12 would never see a seq 11 committed after.  The
 * negotiation's row stays locked from before its event takes a number until the commit, so the events of one
 * negotiation are numbered in commit order.  (A request rolled back to its savepoint releases the lock.)  NO KEY
 * UPDATE, not UPDATE: the request's own rows already hold a KEY SHARE lock on the negotiation through their
 * foreign keys, and two transactions each upgrading that to UPDATE would deadlock.
 */
static int event_order_lock(api_call *c)
{
    static const char sql[] = "SELECT 1 FROM negotiations WHERE id = ? FOR NO KEY UPDATE";
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return -1;
    db_bind_int64(st, 1, c->ids[0]);
    int rc = db_step(st);
    db_reset(st);
    return rc == DB_ROW ? 0 : -1;
}

/* The other processes hear of the event when (and only if) the transaction commits (listen.c). */
static int event_announce(api_call *c)
{
    /* The channel is the schema's (listen.c): deployments, or test worlds, sharing a database do not hear each
     * other's events. */
    static const char sql[] = "SELECT pg_notify('parley_events:' || coalesce(current_schema(), ''), ?)";
    char payload[48];
    snprintf(payload, sizeof payload, "%lld:%lld", (long long)c->ids[0], (long long)c->notify_seq);
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return api_fail_db(c);
    db_bind_text(st, 1, payload, -1, DB_TRANSIENT);
    int rc = db_step(st);
    db_reset(st);
    return rc == DB_ROW ? 0 : api_fail_db(c);
}

int api_event(api_call *c, const char *kind, int64_t audience, json_t *data)
{
    const int shared = store_is_shared(c->srv->db);
    static const char sql[] =
        "INSERT INTO events (negotiation_id, at, kind, actor_id, audience, data) VALUES (?, ?, ?, ?, ?, ?) RETURNING seq";
    char now[96];
    api_now(now);
    if (c->agent_actor && json_is_object(data)) /* the timeline shows the actor as this agent (seats.c) */
        json_object_set_new(data, "by_agent", json_string(c->agent_actor));
    char *text = json_dumps(data, JSON_COMPACT);
    json_decref(data);
    if (!text)
        return api_fail(c, 500, NULL, "out of memory");
    db_stmt *st = store_stmt(c->db, sql);
    if (!st) {
        free(text);
        return api_fail_db(c);
    }
    db_bind_int64(st, 1, c->ids[0]);
    db_bind_text(st, 2, now, -1, DB_TRANSIENT);
    db_bind_text(st, 3, kind, -1, DB_STATIC);
    c->me ? db_bind_int64(st, 4, c->me) : db_bind_null(st, 4);
    audience ? db_bind_int64(st, 5, audience) : db_bind_null(st, 5);
    db_bind_text(st, 6, text, -1, DB_FREE);
    if (shared && event_order_lock(c))
        return api_fail_db(c);
    if (db_step_insert(st, &c->notify_seq) != DB_DONE)
        return api_fail_db(c);
    return shared ? event_announce(c) : 0;
}

int api_event_reply(api_call *c, const char *kind, int64_t audience, int status, json_t *data)
{
    int rc = api_event(c, kind, audience, json_incref(data));
    if (rc) {
        json_decref(data);
        return rc;
    }
    return api_reply(c, status, data);
}

int api_step_done(api_call *c, db_stmt *st)
{
    int rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE ? 0 : api_fail_db(c);
}

int api_step_insert(api_call *c, db_stmt *st, int64_t *id)
{
    return db_step_insert(st, id) == DB_DONE ? 0 : api_fail_db(c);
}

int api_open_scenario(api_call *c, scenario_entry **e)
{
    int rc = api_require_open(c);
    if (rc)
        return rc;
    return (*e = scenario_get(c, c->ids[0])) ? 0 : api_fail_db(c);
}

int api_events_after(api_call *c, int64_t after, int limit, size_t max_bytes, json_t *events, int64_t *last,
                     int *more)
{
    static const char sql[] =
        "SELECT e.seq, e.at, e.kind, e.actor_id, p.name, p.role, e.audience, e.data FROM events e "
        "LEFT JOIN participants p ON p.id = e.actor_id "
        "WHERE e.negotiation_id = ?1 AND e.seq > ?2 AND (?3 OR e.audience IS NULL OR e.audience = ?4) "
        "ORDER BY e.seq LIMIT ?5";
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return PARLEY_EIO;
    db_bind_int64(st, 1, c->ids[0]);
    db_bind_int64(st, 2, after);
    db_bind_int(st, 3, c->my_role == ROLE_MEDIATOR);
    db_bind_int64(st, 4, c->me);
    db_bind_int(st, 5, limit + 1); /* one more: whether a next page exists */
    int rc, rows = 0;
    size_t bytes = 0;
    *more = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        size_t size = (size_t)db_column_bytes(st, 7);
        if (rows == limit || (rows > 0 && bytes + size > max_bytes)) {
            *more = 1;
            rc = DB_DONE;
            break;
        }
        rows++;
        bytes += size;
        json_t *data = json_loads(db_column_text(st, 7), 0, NULL);
        json_t *ev = json_pack("{s:I,s:s,s:s,s:o*}", "seq", (json_int_t)db_column_int64(st, 0), "at",
                               db_column_text(st, 1), "kind",
                               db_column_text(st, 2), "data", data);
        if (!ev)
            break;
        if (!db_column_is_null(st, 3)) {
            /* A seated agent's act names the agent: "kind": "agent", "agent": its name; a person's, "person". */
            json_t *agent = json_incref(json_object_get(data, "by_agent"));
            json_object_del(data, "by_agent");
            json_object_set_new(ev, "actor",
                                json_pack("{s:I,s:s,s:s,s:s,s:o*}", "id", (json_int_t)db_column_int64(st, 3),
                                          "name", db_column_text(st, 4), "role",
                                          db_column_text(st, 5), "kind",
                                          agent ? "agent" : "person", "agent", agent));
        }
        json_object_set_new(ev, "private", json_boolean(!db_column_is_null(st, 6)));
        *last = db_column_int64(st, 0);
        json_array_append_new(events, ev);
    }
    db_reset(st);
    return rc == DB_DONE ? PARLEY_OK : PARLEY_EIO;
}

static void entry_free(scenario_entry *e)
{
    parley_scenario_free(e->sc);
    json_decref(e->doc);
    free(e);
}

scenario_entry *scenario_get(api_call *c, int64_t negotiation)
{
    parley_server *srv = c->srv;
    pthread_mutex_lock(&srv->cache_mu);
    for (int i = 0; i < SCENARIO_CACHE; i++)
        if (srv->cache[i] && srv->cache[i]->negotiation == negotiation) {
            scenario_entry *e = srv->cache[i];
            e->refs++;
            e->used = ++srv->cache_clock;
            pthread_mutex_unlock(&srv->cache_mu);
            return e;
        }
    pthread_mutex_unlock(&srv->cache_mu);

    static const char sql[] = "SELECT scenario FROM negotiations WHERE id = ?";
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return NULL;
    db_bind_int64(st, 1, negotiation);
    scenario_entry *e = NULL;
    if (db_step(st) == DB_ROW && (e = calloc(1, sizeof *e))) {
        const char *text = db_column_text(st, 0);
        size_t n = (size_t)db_column_bytes(st, 0);
        e->negotiation = negotiation;
        e->refs = 1;
        if (!(e->doc = json_loadb(text, n, 0, NULL)) || parley_scenario_parse(text, n, "scenario", &e->sc, NULL)) {
            entry_free(e);
            e = NULL;
        }
    }
    db_reset(st);
    if (!e)
        return NULL;

    pthread_mutex_lock(&srv->cache_mu);
    int slot = -1;
    for (int i = 0; i < SCENARIO_CACHE; i++) {
        scenario_entry *o = srv->cache[i];
        if (o && o->negotiation == negotiation) { /* another thread loaded it meanwhile */
            o->refs++;
            pthread_mutex_unlock(&srv->cache_mu);
            entry_free(e);
            return o;
        }
        if (!o) {
            if (slot < 0 || srv->cache[slot]) /* an empty slot beats any eviction */
                slot = i;
        } else if (slot < 0 || (srv->cache[slot] && o->used < srv->cache[slot]->used))
            slot = i; /* least recently used */
    }
    scenario_entry *old = srv->cache[slot];
    if (old) {
        old->cached = 0;
        if (old->refs == 0)
            entry_free(old);
    }
    e->cached = 1;
    e->used = ++srv->cache_clock;
    srv->cache[slot] = e;
    pthread_mutex_unlock(&srv->cache_mu);
    return e;
}

void scenario_release(parley_server *srv, scenario_entry *e)
{
    if (!e)
        return;
    pthread_mutex_lock(&srv->cache_mu);
    int dead = --e->refs == 0 && !e->cached;
    pthread_mutex_unlock(&srv->cache_mu);
    if (dead)
        entry_free(e);
}

void scenario_cache_clear(parley_server *srv)
{
    for (int i = 0; i < SCENARIO_CACHE; i++)
        if (srv->cache[i]) {
            entry_free(srv->cache[i]);
            srv->cache[i] = NULL;
        }
}

void scenario_cache_forget(parley_server *srv)
{
    pthread_mutex_lock(&srv->cache_mu);
    for (int i = 0; i < SCENARIO_CACHE; i++) {
        scenario_entry *e = srv->cache[i];
        if (!e)
            continue;
        srv->cache[i] = NULL;
        e->cached = 0;
        if (e->refs == 0)
            entry_free(e);
    }
    pthread_mutex_unlock(&srv->cache_mu);
}

/*
 * claims.c: claims that hold across the `parley serve` processes sharing one
 * PostgreSQL database: the seat runner's claim on one (seat, text) while its
 * agent answers, and the slots of the per-negotiation budgets (live streams,
 * analyses).  A claim is a session-level advisory lock (pg_try_advisory_lock)
 * on a connection of its own, keyed by a 64-bit hash of the schema and the
 * claim's name.  PostgreSQL holds it as long as that connection lives: the
 * claims of a killed process are freed as soon as the database server sees
 * its connection close (at once when the process dies, since its kernel closes
 * the socket; for a machine that vanished, after the database server's TCP
 * keepalive gives up).  Session locks are re-entrant within a session, so the
 * process keeps the list of the keys it holds and never counts one of its own
 * as free.  When the connection breaks (the database restarted) every lock is
 * lost: the next call reconnects and takes again the ones still held here, and
 * so does claims_renew, which the listening thread calls when it reconnects.
 * With SQLite (one process) there is nothing to share: every claim is granted
 * and the counts in memory are the budgets.
 */
#include "server/server_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct claims {
    pthread_mutex_t mu;
    db_conn *db;
    char schema[128];
    int64_t backend; /* the server process of the session (another one after a reconnection) */
    int64_t *held; /* the keys this process holds */
    size_t count, cap;
};

/* The lock and the session's server process (another one after a reconnection), in one round trip. */
static const char try_sql[] = "SELECT pg_try_advisory_lock(?), pg_backend_pid()";
static const char unlock_sql[] = "SELECT pg_advisory_unlock(?)";

/* FNV-1a over the schema and the name: the lock's key (claims of deployments in other schemas never meet). */
static int64_t claim_key(const claims *cl, const char *name)
{
    uint64_t h = 14695981039346656037ULL;
    for (const char *parts[] = {cl->schema, "\x1f", name}, **p = parts; p < parts + 3; p++)
        for (const unsigned char *s = (const unsigned char *)*p; *s; s++)
            h = (h ^ *s) * 1099511628211ULL;
    return (int64_t)h;
}

static size_t find_held(const claims *cl, int64_t key)
{
    for (size_t i = 0; i < cl->count; i++)
        if (cl->held[i] == key)
            return i;
    return cl->count;
}

/* In a new session (the connection was re-established) the locks this process held died with the old one: they
 * are taken again (one that another process took meanwhile stays counted here until it is dropped).  mu held. */
static void note_session(claims *cl, int64_t backend)
{
    if (!backend || backend == cl->backend)
        return;
    cl->backend = backend;
    db_stmt *st = db_stmt_cached(cl->db, try_sql);
    for (size_t i = 0; st && i < cl->count; i++) {
        db_bind_int64(st, 1, cl->held[i]);
        db_step(st);
        db_reset(st);
    }
}

/* One try on the connection: 1 taken, 0 held elsewhere, -1 the statement failed; *backend the session's process. */
static int try_once(claims *cl, int64_t key, int64_t *backend)
{
    db_stmt *st = db_stmt_cached(cl->db, try_sql);
    if (!st)
        return -1;
    db_bind_int64(st, 1, key);
    int rc = db_step(st) == DB_ROW ? db_column_int(st, 0) == 1 : -1;
    *backend = rc >= 0 ? db_column_int64(st, 1) : 0;
    db_reset(st);
    return rc;
}

/* Takes the lock of `key` (mu held): 1, 0 or -1 as try_once.  A failed statement is tried once more (db_pg.c
 * already runs a read again on a connection found broken while idle). */
static int try_key(claims *cl, int64_t key)
{
    int64_t backend = 0;
    int rc = try_once(cl, key, &backend);
    if (rc < 0)
        rc = try_once(cl, key, &backend);
    note_session(cl, backend);
    return rc;
}

/* The session's server process id, 0 when it cannot be read. */
static int64_t backend_of(claims *cl)
{
    db_stmt *st = db_stmt_cached(cl->db, "SELECT pg_backend_pid()");
    int64_t pid = st && db_step(st) == DB_ROW ? db_column_int64(st, 0) : 0;
    if (st)
        db_reset(st);
    return pid;
}

void claims_renew(parley_server *srv)
{
    claims *cl = srv->claims;
    if (!cl)
        return;
    pthread_mutex_lock(&cl->mu);
    note_session(cl, backend_of(cl));
    pthread_mutex_unlock(&cl->mu);
}

int claims_start(parley_server *srv, parley_error *err)
{
    if (!store_is_shared(srv->db))
        return PARLEY_OK;
    claims *cl = calloc(1, sizeof *cl);
    if (!cl)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    pthread_mutex_init(&cl->mu, NULL);
    srv->claims = cl;
    if (!(cl->db = db_open(store_target(srv->db), 0, err)))
        return err ? err->code : PARLEY_EIO;
    db_stmt *st = db_stmt_cached(cl->db, "SELECT coalesce(current_schema(), '')");
    if (!st || db_step(st) != DB_ROW)
        return parley_error_set(err, PARLEY_EIO, "cannot read the schema: %s", db_errmsg(cl->db));
    snprintf(cl->schema, sizeof cl->schema, "%s", db_column_text(st, 0));
    db_reset(st);
    cl->backend = backend_of(cl);
    return PARLEY_OK;
}

void claims_stop(parley_server *srv)
{
    claims *cl = srv->claims;
    if (!cl)
        return;
    db_close(cl->db); /* the locks go with the session */
    pthread_mutex_destroy(&cl->mu);
    free(cl->held);
    free(cl);
    srv->claims = NULL;
}

int claim_take(parley_server *srv, const char *name)
{
    claims *cl = srv->claims;
    if (!cl)
        return 1;
    int64_t key = claim_key(cl, name);
    pthread_mutex_lock(&cl->mu);
    int rc = 0;
    if (find_held(cl, key) == cl->count) {
        if (cl->count == cl->cap) {
            size_t cap = cl->cap ? 2 * cl->cap : 16;
            int64_t *grown = realloc(cl->held, cap * sizeof *grown);
            if (grown) {
                cl->held = grown;
                cl->cap = cap;
            }
        }
        rc = cl->count < cl->cap ? try_key(cl, key) : -1;
        if (rc == 1)
            cl->held[cl->count++] = key;
    }
    pthread_mutex_unlock(&cl->mu);
    return rc;
}

void claim_drop(parley_server *srv, const char *name)
{
    claims *cl = srv->claims;
    if (!cl)
        return;
    int64_t key = claim_key(cl, name);
    pthread_mutex_lock(&cl->mu);
    size_t i = find_held(cl, key);
    if (i < cl->count) {
        cl->held[i] = cl->held[--cl->count];
        db_stmt *st = db_stmt_cached(cl->db, unlock_sql);
        if (st) { /* a failure means the session, and its lock, are gone already */
            db_bind_int64(st, 1, key);
            db_step(st);
            db_reset(st);
        }
    }
    pthread_mutex_unlock(&cl->mu);
}

static void slot_name(char *out, size_t size, const char *kind, int64_t negotiation, unsigned slot)
{
    snprintf(out, size, "%s:%" PRId64 ":%u", kind, negotiation, slot);
}

int claim_slot(parley_server *srv, const char *kind, int64_t negotiation, unsigned max)
{
    if (!srv->claims)
        return 0;
    char name[96];
    for (unsigned slot = 0; slot < max; slot++) {
        slot_name(name, sizeof name, kind, negotiation, slot);
        int rc = claim_take(srv, name);
        if (rc != 0)
            return rc == 1 ? (int)slot : -2;
    }
    return -1;
}

void claim_drop_slot(parley_server *srv, const char *kind, int64_t negotiation, int slot)
{
    char name[96];
    if (!srv->claims || slot < 0)
        return;
    slot_name(name, sizeof name, kind, negotiation, (unsigned)slot);
    claim_drop(srv, name);
}

int claim_in_transaction(parley_server *srv, store_conn *db, const char *name)
{
    claims *cl = srv->claims;
    if (!cl)
        return DB_OK;
    db_stmt *st = store_stmt(db, "SELECT pg_advisory_xact_lock(?)");
    if (!st)
        return DB_ERROR;
    db_bind_int64(st, 1, claim_key(cl, name));
    int rc = db_step(st) == DB_ROW ? DB_OK : DB_ERROR;
    db_reset(st);
    return rc;
}

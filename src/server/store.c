/*
 * store.c: the server's storage over db.h: SQLite (a WAL file, the embedded
 * default) or PostgreSQL (a URL); the versioned schema with its migrations
 * (SQLite: PRAGMA user_version; PostgreSQL: the table parley_schema), a writer
 * connection under a mutex and a pool of reader connections.
 *
 * The server acknowledges a write only after COMMIT (db_sqlite.c says what a
 * commit survives under each synchronous setting; a PostgreSQL commit is
 * flushed to its write-ahead log unless the cluster was told otherwise).
 */
#include "server/store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct store {
    char *target;
    int sync_full;
    pthread_mutex_t writer_mu;
    store_conn *writer;
    pthread_mutex_t pool_mu;
    store_conn *free_readers;
};

/*
 * Migration k (1-based) brings the schema from version k-1 to k.  Never edit a released one: add a new one.
 * The base schema is written once for both stores: KEY is the type of a generated row id, INT of an integer.
 */
#define MIGRATION_1(KEY, INT)                                                                                  \
    "CREATE TABLE negotiations ("                                                                                   \
    "  id " KEY ","                                                                                                 \
    "  title TEXT NOT NULL,"                                                                                        \
    "  scenario TEXT NOT NULL,"                                                                                     \
    "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','agreed','closed')),"                           \
    "  created_at TEXT NOT NULL);"                                                                                  \
    "CREATE TABLE participants ("                                                                                   \
    "  id " KEY ","                                                                                                 \
    "  negotiation_id " INT " NOT NULL REFERENCES negotiations(id),"                                                \
    "  name TEXT NOT NULL,"                                                                                         \
    "  role TEXT NOT NULL CHECK (role IN ('party','mediator')),"                                                    \
    "  token_hash TEXT NOT NULL UNIQUE,"                                                                            \
    "  created_at TEXT NOT NULL,"                                                                                   \
    "  UNIQUE (negotiation_id, name));"                                                                             \
    "CREATE TABLE profiles ("                                                                                       \
    "  participant_id " INT " PRIMARY KEY REFERENCES participants(id),"                                             \
    "  profile TEXT NOT NULL,"                                                                                      \
    "  updated_at TEXT NOT NULL);"                                                                                  \
    "CREATE TABLE sessions ("                                                                                       \
    "  id " KEY ","                                                                                                 \
    "  negotiation_id " INT " NOT NULL REFERENCES negotiations(id),"                                                \
    "  number " INT " NOT NULL,"                                                                                    \
    "  venue TEXT NOT NULL,"                                                                                        \
    "  starts_at TEXT, ends_at TEXT, note TEXT,"                                                                    \
    "  status TEXT NOT NULL CHECK (status IN ('open','closed')),"                                                   \
    "  outcome TEXT, follow_up TEXT,"                                                                               \
    "  opened_at TEXT NOT NULL, closed_at TEXT,"                                                                    \
    "  UNIQUE (negotiation_id, number));"                                                                           \
    "CREATE TABLE texts ("                                                                                          \
    "  id " KEY ","                                                                                                 \
    "  negotiation_id " INT " NOT NULL REFERENCES negotiations(id),"                                                \
    "  session_id " INT " NOT NULL REFERENCES sessions(id),"                                                        \
    "  number " INT " NOT NULL,"                                                                                    \
    "  author_id " INT " NOT NULL REFERENCES participants(id),"                                                     \
    "  outcome TEXT NOT NULL,"                                                                                      \
    "  note TEXT,"                                                                                                  \
    "  status TEXT NOT NULL CHECK (status IN ('open','superseded','agreed')),"                                      \
    "  created_at TEXT NOT NULL,"                                                                                   \
    "  UNIQUE (negotiation_id, number));"                                                                           \
    "CREATE TABLE responses ("                                                                                      \
    "  id " KEY ","                                                                                                 \
    "  text_id " INT " NOT NULL REFERENCES texts(id),"                                                              \
    "  participant_id " INT " NOT NULL REFERENCES participants(id),"                                                \
    "  answer TEXT NOT NULL CHECK (answer IN ('accept','reject','amend')),"                                         \
    "  reason TEXT,"                                                                                                \
    "  amendments TEXT NOT NULL,"                                                                                   \
    "  created_at TEXT NOT NULL);"                                                                                  \
    "CREATE TABLE messages ("                                                                                       \
    "  id " KEY ","                                                                                                 \
    "  negotiation_id " INT " NOT NULL REFERENCES negotiations(id),"                                                \
    "  from_id " INT " NOT NULL REFERENCES participants(id),"                                                       \
    "  to_id " INT " REFERENCES participants(id),"                                                                  \
    "  body TEXT NOT NULL,"                                                                                         \
    "  created_at TEXT NOT NULL);"                                                                                  \
    "CREATE TABLE events ("                                                                                         \
    "  seq " KEY ","                                                                                                \
    "  negotiation_id " INT " NOT NULL REFERENCES negotiations(id),"                                                \
    "  at TEXT NOT NULL,"                                                                                           \
    "  kind TEXT NOT NULL,"                                                                                         \
    "  actor_id " INT " REFERENCES participants(id),"                                                               \
    "  audience " INT " REFERENCES participants(id),"                                                               \
    "  data TEXT NOT NULL);"

#define MIGRATION_2                                                                                            \
    "ALTER TABLE negotiations ADD COLUMN outcome TEXT;"                                                        \
    "ALTER TABLE negotiations ADD COLUMN closed_at TEXT;"                                                      \
    "CREATE INDEX events_by_negotiation ON events(negotiation_id, seq);"                                       \
    "CREATE INDEX responses_by_text ON responses(text_id, participant_id, id);"                                \
    "CREATE INDEX messages_by_negotiation ON messages(negotiation_id, id);"

static const char *const sqlite_migrations[] = {
    MIGRATION_1("INTEGER PRIMARY KEY", "INTEGER"), /* 1: the base schema. */
    MIGRATION_2, /* 2: closing a negotiation with an outcome; indexes for the timeline and the responses. */
};
static const char *const pg_migrations[] = {
    MIGRATION_1("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "BIGINT"),
    MIGRATION_2,
};

/* PostgreSQL: the schema version in a one-row table; migrations take a lock so that processes starting together take turns. */
static const char pg_version_setup[] = "SELECT pg_advisory_xact_lock(7236101);"
                                       "CREATE TABLE IF NOT EXISTS parley_schema (version INTEGER NOT NULL);"
                                       "INSERT INTO parley_schema SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM parley_schema)";

static int is_pg(store_conn *c)
{
    return db_dialect(c->db) == DB_POSTGRES;
}

static void conn_free(store_conn *c)
{
    if (!c)
        return;
    db_close(c->db);
    free(c);
}

static store_conn *conn_open(const char *target, int flags, parley_error *err)
{
    store_conn *c = calloc(1, sizeof *c);
    if (!c) {
        parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        return NULL;
    }
    if (!(c->db = db_open(target, flags, err))) {
        free(c);
        return NULL;
    }
    return c;
}

int store_exec(store_conn *c, const char *sql)
{
    return db_exec(c->db, sql);
}

int store_run(store_conn *c, const char *sql)
{
    db_stmt *st = store_stmt(c, sql);
    if (!st)
        return DB_ERROR;
    int rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE || rc == DB_ROW ? DB_OK : rc;
}

int store_begin_read(store_conn *c)
{
    return store_run(c, is_pg(c) ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
}

int store_begin_write(store_conn *c)
{
    return store_run(c, is_pg(c) ? "BEGIN" : "BEGIN IMMEDIATE");
}

int store_version(store_conn *c)
{
    db_stmt *st = store_stmt(c, is_pg(c) ? "SELECT version FROM parley_schema" : "PRAGMA user_version");
    int v = st && db_step(st) == DB_ROW ? db_column_int(st, 0) : -1;
    if (st)
        db_reset(st);
    return v;
}

int store_set_version(store_conn *c, int version)
{
    char sql[64];
    snprintf(sql, sizeof sql, is_pg(c) ? "UPDATE parley_schema SET version = %d" : "PRAGMA user_version = %d", version);
    return store_exec(c, sql);
}

/*
 * Applies migrations one by one, each in its own transaction together with the new version.  PostgreSQL reads
 * the version inside that transaction, under a lock (several processes may start at once); SQLite, used by
 * one process, reads it first and starts a transaction only to migrate (a read-only file at the current
 * version opens).
 */
static int migrate(store_conn *c, const char *name, int target, parley_error *err)
{
    const int pg = is_pg(c);
    const char *const *migrations = pg ? pg_migrations : sqlite_migrations;
    for (;;) {
        int rc = pg ? store_begin_write(c) : DB_OK;
        if (rc == DB_OK && pg)
            rc = store_exec(c, pg_version_setup);
        int v = rc == DB_OK ? store_version(c) : -1;
        if (v < 0 || v > STORE_SCHEMA_VERSION || v >= target) {
            if (v >= 0 && v <= STORE_SCHEMA_VERSION && (!pg || store_exec(c, "COMMIT") == DB_OK))
                return PARLEY_OK;
            char why[300];
            snprintf(why, sizeof why, "%s", db_errmsg(c->db));
            if (pg)
                store_exec(c, "ROLLBACK");
            if (v > STORE_SCHEMA_VERSION)
                return parley_error_set_at(err, PARLEY_ESTATE, name, 0, 0, NULL,
                                           "the database has schema version %d, newer than this parley (%d)", v,
                                           STORE_SCHEMA_VERSION);
            return parley_error_set_at(err, PARLEY_EIO, name, 0, 0, NULL, "cannot read the schema version: %s", why);
        }
        if ((!pg && store_begin_write(c) != DB_OK) || store_exec(c, migrations[v]) != DB_OK ||
            store_set_version(c, v + 1) != DB_OK || store_exec(c, "COMMIT") != DB_OK) {
            parley_error_set_at(err, PARLEY_EIO, name, 0, 0, NULL, "migration to schema version %d failed: %s",
                                v + 1, db_errmsg(c->db));
            store_exec(c, "ROLLBACK");
            return PARLEY_EIO;
        }
    }
}

int store_open(const char *target, int sync_full, int version, store **out, parley_error *err)
{
    *out = NULL;
    if (version < 1 || version > STORE_SCHEMA_VERSION)
        return parley_error_set(err, PARLEY_EINVAL, "schema version %d is not one of 1..%d", version,
                                STORE_SCHEMA_VERSION);
    store *s = calloc(1, sizeof *s);
    if (!s || !(s->target = strdup(target))) {
        free(s);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    s->sync_full = sync_full;
    pthread_mutex_init(&s->writer_mu, NULL);
    pthread_mutex_init(&s->pool_mu, NULL);
    char name[256];
    db_display_name(target, name, sizeof name);
    int rc;
    if (!(s->writer = conn_open(target, DB_CREATE | (sync_full ? DB_SYNC_FULL : 0), err))) {
        rc = err ? err->code : PARLEY_EIO;
        goto fail;
    }
    if ((rc = migrate(s->writer, name, version, err)))
        goto fail;
    *out = s;
    return PARLEY_OK;
fail:
    store_close(s);
    return rc ? rc : PARLEY_EIO;
}

void store_close(store *s)
{
    if (!s)
        return;
    while (s->free_readers) {
        store_conn *c = s->free_readers;
        s->free_readers = c->next;
        conn_free(c);
    }
    conn_free(s->writer);
    pthread_mutex_destroy(&s->writer_mu);
    pthread_mutex_destroy(&s->pool_mu);
    free(s->target);
    free(s);
}

const char *store_target(const store *s)
{
    return s->target;
}

int store_is_shared(const store *s)
{
    return db_is_url(s->target);
}

store_conn *store_writer(store *s)
{
    pthread_mutex_lock(&s->writer_mu);
    return s->writer;
}

void store_writer_release(store *s, store_conn *c)
{
    (void)c;
    pthread_mutex_unlock(&s->writer_mu);
}

store_conn *store_reader(store *s)
{
    pthread_mutex_lock(&s->pool_mu);
    store_conn *c = s->free_readers;
    if (c)
        s->free_readers = c->next;
    pthread_mutex_unlock(&s->pool_mu);
    if (!c)
        c = conn_open(s->target, DB_QUERY_ONLY | (s->sync_full ? DB_SYNC_FULL : 0), NULL);
    return c;
}

void store_reader_release(store *s, store_conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&s->pool_mu);
    c->next = s->free_readers;
    s->free_readers = c;
    pthread_mutex_unlock(&s->pool_mu);
}

db_stmt *store_stmt(store_conn *c, const char *sql)
{
    return db_stmt_cached(c->db, sql);
}

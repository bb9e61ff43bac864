/*
 * store.c: SQLite storage for the server: WAL file, versioned schema with
 * migrations (PRAGMA user_version), a writer connection under a mutex and a
 * pool of reader connections, each with a small prepared-statement cache.
 *
 * Durability: journal_mode=WAL; synchronous=FULL fsyncs the WAL at every
 * commit (survives power loss); NORMAL does not fsync at commit but a committed
 * transaction is in the WAL file (the OS page cache) before COMMIT returns, so
 * it survives the death of the process (kill -9) and only power loss can undo
 * the last commits.  The server acknowledges a write only after COMMIT.
 */
#include "server/store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct store {
    char *path;
    int sync_full;
    pthread_mutex_t writer_mu;
    store_conn *writer;
    pthread_mutex_t pool_mu;
    store_conn *free_readers;
    int readers_open;
};

/* Migration k (1-based) brings the schema from version k-1 to k.  Never edit a released one: add a new one. */
static const char *const migrations[] = {
    /* 1: the base schema. */
    "CREATE TABLE negotiations ("
    "  id INTEGER PRIMARY KEY,"
    "  title TEXT NOT NULL,"
    "  scenario TEXT NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','agreed','closed')),"
    "  created_at TEXT NOT NULL);"
    "CREATE TABLE participants ("
    "  id INTEGER PRIMARY KEY,"
    "  negotiation_id INTEGER NOT NULL REFERENCES negotiations(id),"
    "  name TEXT NOT NULL,"
    "  role TEXT NOT NULL CHECK (role IN ('party','mediator')),"
    "  token_hash TEXT NOT NULL UNIQUE,"
    "  created_at TEXT NOT NULL,"
    "  UNIQUE (negotiation_id, name));"
    "CREATE TABLE profiles ("
    "  participant_id INTEGER PRIMARY KEY REFERENCES participants(id),"
    "  profile TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL);"
    "CREATE TABLE sessions ("
    "  id INTEGER PRIMARY KEY,"
    "  negotiation_id INTEGER NOT NULL REFERENCES negotiations(id),"
    "  number INTEGER NOT NULL,"
    "  venue TEXT NOT NULL,"
    "  starts_at TEXT, ends_at TEXT, note TEXT,"
    "  status TEXT NOT NULL CHECK (status IN ('open','closed')),"
    "  outcome TEXT, follow_up TEXT,"
    "  opened_at TEXT NOT NULL, closed_at TEXT,"
    "  UNIQUE (negotiation_id, number));"
    "CREATE TABLE texts ("
    "  id INTEGER PRIMARY KEY,"
    "  negotiation_id INTEGER NOT NULL REFERENCES negotiations(id),"
    "  session_id INTEGER NOT NULL REFERENCES sessions(id),"
    "  number INTEGER NOT NULL,"
    "  author_id INTEGER NOT NULL REFERENCES participants(id),"
    "  outcome TEXT NOT NULL,"
    "  note TEXT,"
    "  status TEXT NOT NULL CHECK (status IN ('open','superseded','agreed')),"
    "  created_at TEXT NOT NULL,"
    "  UNIQUE (negotiation_id, number));"
    "CREATE TABLE responses ("
    "  id INTEGER PRIMARY KEY,"
    "  text_id INTEGER NOT NULL REFERENCES texts(id),"
    "  participant_id INTEGER NOT NULL REFERENCES participants(id),"
    "  answer TEXT NOT NULL CHECK (answer IN ('accept','reject','amend')),"
    "  reason TEXT,"
    "  amendments TEXT NOT NULL,"
    "  created_at TEXT NOT NULL);"
    "CREATE TABLE messages ("
    "  id INTEGER PRIMARY KEY,"
    "  negotiation_id INTEGER NOT NULL REFERENCES negotiations(id),"
    "  from_id INTEGER NOT NULL REFERENCES participants(id),"
    "  to_id INTEGER REFERENCES participants(id),"
    "  body TEXT NOT NULL,"
    "  created_at TEXT NOT NULL);"
    "CREATE TABLE events ("
    "  seq INTEGER PRIMARY KEY,"
    "  negotiation_id INTEGER NOT NULL REFERENCES negotiations(id),"
    "  at TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  actor_id INTEGER REFERENCES participants(id),"
    "  audience INTEGER REFERENCES participants(id),"
    "  data TEXT NOT NULL);",
    /* 2: closing a negotiation with an outcome; indexes for the timeline and the responses. */
    "ALTER TABLE negotiations ADD COLUMN outcome TEXT;"
    "ALTER TABLE negotiations ADD COLUMN closed_at TEXT;"
    "CREATE INDEX events_by_negotiation ON events(negotiation_id, seq);"
    "CREATE INDEX responses_by_text ON responses(text_id, participant_id, id);"
    "CREATE INDEX messages_by_negotiation ON messages(negotiation_id, id);",
};

static void conn_free(store_conn *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->ncache; i++)
        sqlite3_finalize(c->cache[i].stmt);
    sqlite3_close(c->db);
    free(c);
}

static store_conn *conn_open(const char *path, int sync_full, int create, parley_error *err)
{
    store_conn *c = calloc(1, sizeof *c);
    if (!c) {
        parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        return NULL;
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &c->db, flags, NULL) != SQLITE_OK) {
        parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot open the database: %s",
                            c->db ? sqlite3_errmsg(c->db) : "out of memory");
        goto fail;
    }
    sqlite3_busy_timeout(c->db, 10000);
    if (store_exec(c, "PRAGMA journal_mode=WAL") != SQLITE_OK ||
        store_exec(c, sync_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL") != SQLITE_OK ||
        store_exec(c, "PRAGMA foreign_keys=ON") != SQLITE_OK) {
        parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot set up the database: %s",
                            sqlite3_errmsg(c->db));
        goto fail;
    }
    return c;
fail:
    conn_free(c);
    return NULL;
}

int store_exec(store_conn *c, const char *sql)
{
    return sqlite3_exec(c->db, sql, NULL, NULL, NULL);
}

int store_run(store_conn *c, const char *sql)
{
    sqlite3_stmt *st = store_stmt(c, sql);
    if (!st)
        return sqlite3_errcode(c->db);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

int store_version(store_conn *c)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(c->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Applies migrations one by one, each in its own transaction together with the new user_version. */
static int migrate(store_conn *c, const char *path, int target, parley_error *err)
{
    int v = store_version(c);
    if (v < 0)
        return parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot read the schema version: %s",
                                   sqlite3_errmsg(c->db));
    if (v > STORE_SCHEMA_VERSION)
        return parley_error_set_at(err, PARLEY_ESTATE, path, 0, 0, NULL,
                                   "the database has schema version %d, newer than this parley (%d)", v,
                                   STORE_SCHEMA_VERSION);
    for (; v < target; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v + 1);
        if (store_exec(c, "BEGIN IMMEDIATE") != SQLITE_OK || store_exec(c, migrations[v]) != SQLITE_OK ||
            store_exec(c, pragma) != SQLITE_OK || store_exec(c, "COMMIT") != SQLITE_OK) {
            parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "migration to schema version %d failed: %s",
                                v + 1, sqlite3_errmsg(c->db));
            store_exec(c, "ROLLBACK");
            return PARLEY_EIO;
        }
    }
    return PARLEY_OK;
}

int store_open(const char *path, int sync_full, int version, store **out, parley_error *err)
{
    *out = NULL;
    if (version < 1 || version > STORE_SCHEMA_VERSION)
        return parley_error_set(err, PARLEY_EINVAL, "schema version %d is not one of 1..%d", version,
                                STORE_SCHEMA_VERSION);
    store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    s->sync_full = sync_full;
    pthread_mutex_init(&s->writer_mu, NULL);
    pthread_mutex_init(&s->pool_mu, NULL);
    int rc;
    if (!(s->writer = conn_open(path, sync_full, 1, err))) {
        rc = err ? err->code : PARLEY_EIO;
        goto fail;
    }
    if ((rc = migrate(s->writer, path, version, err)))
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
    free(s->path);
    free(s);
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
    if (!c && (c = conn_open(s->path, s->sync_full, 0, NULL)))
        store_exec(c, "PRAGMA query_only=ON");
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

sqlite3_stmt *store_stmt(store_conn *c, const char *sql)
{
    for (int i = 0; i < c->ncache; i++)
        if (c->cache[i].sql == sql) {
            sqlite3_reset(c->cache[i].stmt);
            sqlite3_clear_bindings(c->cache[i].stmt);
            return c->cache[i].stmt;
        }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return NULL;
    if (c->ncache < STORE_STMT_CACHE) {
        c->cache[c->ncache].sql = sql;
        c->cache[c->ncache].stmt = st;
        c->ncache++;
    } else {
        /* Cache full (should not happen: the server has fewer statements): replace the last entry. */
        sqlite3_finalize(c->cache[STORE_STMT_CACHE - 1].stmt);
        c->cache[STORE_STMT_CACHE - 1].sql = sql;
        c->cache[STORE_STMT_CACHE - 1].stmt = st;
    }
    return st;
}

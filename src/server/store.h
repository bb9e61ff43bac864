/*
 * store.h: the server's storage (SQLite file or PostgreSQL URL, through db.h):
 * opening it, the versioned schema and its migrations, and connections with
 * cached prepared statements.
 *
 * One writer connection, used under a mutex (SQLite serialises writers anyway,
 * and a mutex wakes the next writer at once where SQLite's busy handler would
 * sleep), and a pool of reader connections that read snapshots in parallel.
 */
#ifndef PARLEY_SERVER_STORE_H
#define PARLEY_SERVER_STORE_H

#include <parley/error.h>
#include "server/db.h"
#include <stdint.h>

/* The schema version this build creates and migrates to. */
#define STORE_SCHEMA_VERSION 2

typedef struct store_conn {
    db_conn *db;
    struct store_conn *next; /* free list of readers */
} store_conn;

typedef struct store store;

/*
 * Opens or creates the database at `target` (a file path, or a postgresql:// or
 * postgres:// URL) and migrates it to `version`
 * (STORE_SCHEMA_VERSION in the server; tests pass older versions to test the
 * migrations).  sync_full: synchronous=FULL, else NORMAL.  A database newer
 * than this build is refused (PARLEY_ESTATE).
 */
int store_open(const char *target, int sync_full, int version, store **out, parley_error *err);
void store_close(store *s);
/* The target it was opened with (a path or URL). */
const char *store_target(const store *s);
/* 1 when other processes may share the database (PostgreSQL): commits are announced to them (listen.c). */
int store_is_shared(const store *s);

/* The writer connection, locked for the caller until store_writer_release. */
store_conn *store_writer(store *s);
void store_writer_release(store *s, store_conn *c);
/* A reader connection (opened on demand); NULL when one cannot be opened. */
store_conn *store_reader(store *s);
void store_reader_release(store *s, store_conn *c);

/* A prepared statement for a static SQL string, reset and with bindings cleared; NULL on error. */
db_stmt *store_stmt(store_conn *c, const char *sql);
/* Runs SQL without results (several statements allowed); returns DB_OK or the error. */
int store_exec(store_conn *c, const char *sql);

/* Runs one statement of a static SQL string (cached, e.g. "COMMIT"); DB_OK or the error. */
int store_run(store_conn *c, const char *sql);
/* Starts a read transaction on one snapshot, or a write transaction that takes the write lock at once. */
int store_begin_read(store_conn *c);
int store_begin_write(store_conn *c);

/* The schema version recorded in the database (SQLite: PRAGMA user_version); -1 when it cannot be read. */
int store_version(store_conn *c);
/* Records a schema version (tests use it to make a database look newer); DB_OK or the error. */
int store_set_version(store_conn *c, int version);

#endif

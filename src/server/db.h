/*
 * db.h: the server's database layer, one interface over two stores: SQLite
 * (db_sqlite.c, a file path) and PostgreSQL (db_pg.c, a postgresql:// or
 * postgres:// URL).  Connections prepare statements from SQL text (cached per
 * connection by the address of the static string), bind 64-bit integers, text
 * and NULL, step through rows and read columns, much as SQLite's own API does.
 *
 * SQL text is written once for both: `?` and `?N` placeholders (PostgreSQL's
 * backend turns them into $N), no store-only functions; where a dialect must
 * differ the caller asks db_dialect() (the schema, the transaction starts, one
 * aggregate in view.c).
 */
#ifndef PARLEY_SERVER_DB_H
#define PARLEY_SERVER_DB_H

#include <parley/error.h>
#include <stddef.h>
#include <stdint.h>

typedef struct db_conn db_conn;
typedef struct db_stmt db_stmt;

/* Results of db_step, db_exec and the binds (the values are SQLite's, so its codes pass through). */
enum { DB_OK = 0, DB_ERROR = 1, DB_READONLY = 8, DB_CONSTRAINT = 19, DB_ROW = 100, DB_DONE = 101 };

typedef enum { DB_SQLITE, DB_POSTGRES } db_dialect_t;

/* Text lifetimes for db_bind_text: DB_STATIC text outlives the statement's step, DB_TRANSIENT is copied,
 * DB_FREE was malloc'd and the statement frees it (also when the bind fails). */
#define DB_STATIC 0
#define DB_TRANSIENT 1
#define DB_FREE 2

/* Open flags. */
#define DB_CREATE 1    /* SQLite: create the file when missing */
#define DB_SYNC_FULL 2 /* SQLite: synchronous=FULL (PostgreSQL: every commit is flushed anyway) */
#define DB_QUERY_ONLY 4 /* a reader: refuses writes */

/* 1 when `target` names a PostgreSQL database (postgresql:// or postgres://). */
int db_is_url(const char *target);

/* The target as messages show it: a URL without its password or query (the host, the database). */
void db_display_name(const char *target, char *out, size_t size);

/* Opens a connection to a file path (SQLite) or a URL (PostgreSQL); NULL with `err` set on failure. */
db_conn *db_open(const char *target, int flags, parley_error *err);
void db_close(db_conn *c);
db_dialect_t db_dialect(const db_conn *c);

/* A prepared statement for a static SQL string (compared by address), reset with bindings cleared; NULL on error. */
db_stmt *db_stmt_cached(db_conn *c, const char *sql);
/* Runs SQL without parameters or results (several statements allowed); DB_OK or an error. */
int db_exec(db_conn *c, const char *sql);

int db_bind_int64(db_stmt *st, int i, int64_t v);
int db_bind_int(db_stmt *st, int i, int v);
/* n < 0: up to the terminating NUL. */
int db_bind_text(db_stmt *st, int i, const char *text, int n, int lifetime);
int db_bind_null(db_stmt *st, int i);
/* The highest parameter number in the statement. */
int db_bind_parameter_count(db_stmt *st);

/* DB_ROW (a row is ready), DB_DONE, DB_CONSTRAINT (a uniqueness or check violated) or another error; DB_ERROR
 * when a bind failed since the statement was handed out (db_stmt_cached). */
int db_step(db_stmt *st);
/* Ends the statement's run; its bindings stay. */
void db_reset(db_stmt *st);

int64_t db_column_int64(db_stmt *st, int i);
int db_column_int(db_stmt *st, int i);
/* NULL for SQL NULL; valid until the next step or reset. */
const char *db_column_text(db_stmt *st, int i);
int db_column_bytes(db_stmt *st, int i);
int db_column_is_null(db_stmt *st, int i);

/* The message of the last error on the connection. */
const char *db_errmsg(db_conn *c);
/* Runs an `INSERT ... RETURNING id` statement and resets it: DB_DONE with *id the new row's id, or the error
 * (DB_CONSTRAINT ...). */
int db_step_insert(db_stmt *st, int64_t *id);
/* 1 inside a transaction (one that an error has not ended). */
int db_in_transaction(db_conn *c);
/* 1 when the database cannot be written (a read-only file). */
int db_readonly(db_conn *c);

/*
 * Notifications between processes (PostgreSQL LISTEN/NOTIFY; SQLite offers none: DB_ERROR).  db_listen
 * subscribes the connection to a channel; db_wait_notification waits up to timeout_ms for one and copies its
 * payload: 1 (one received), 0 (none in time), -1 (the connection broke: open a new one).
 */
int db_listen(db_conn *c, const char *channel);
int db_wait_notification(db_conn *c, int timeout_ms, char *payload, size_t size);

#endif

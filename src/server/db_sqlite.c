/*
 * db_sqlite.c: the SQLite backend of db.h: a WAL file, statements prepared
 * once (SQLITE_PREPARE_PERSISTENT) and SQLite's own calls underneath.
 *
 * Durability: journal_mode=WAL; synchronous=FULL fsyncs the WAL at every
 * commit (survives power loss); NORMAL does not fsync at commit but a committed
 * transaction is in the WAL file (the OS page cache) before COMMIT returns, so
 * it survives the death of the process (kill -9) and only power loss can undo
 * the last commits.
 */
#include "server/db_backend.h"

#include <sqlite3.h>
#include <stdlib.h>

typedef struct {
    db_conn base;
    sqlite3 *db;
} sqlite_conn;

typedef struct {
    db_stmt base;
    sqlite3_stmt *st;
} sqlite_stmt;

#define DB(c) (((sqlite_conn *)(c))->db)
#define ST(s) (((sqlite_stmt *)(s))->st)

static void s_close(db_conn *c)
{
    sqlite3_close(DB(c));
    free(c);
}

static db_stmt *s_prepare(db_conn *c, const char *sql)
{
    sqlite_stmt *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    if (sqlite3_prepare_v3(DB(c), sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL) != SQLITE_OK) {
        free(s);
        return NULL;
    }
    s->base.conn = c;
    return &s->base;
}

static void s_finalize(db_stmt *st)
{
    sqlite3_finalize(ST(st));
    free(st);
}

static int s_exec(db_conn *c, const char *sql)
{
    return sqlite3_exec(DB(c), sql, NULL, NULL, NULL);
}

static int s_bind_int64(db_stmt *st, int i, int64_t v)
{
    return sqlite3_bind_int64(ST(st), i, v);
}

static int s_bind_text(db_stmt *st, int i, const char *text, int n, int lifetime)
{
    return sqlite3_bind_text(ST(st), i, text, n,
                             lifetime == DB_FREE ? free : lifetime == DB_STATIC ? SQLITE_STATIC : SQLITE_TRANSIENT);
}

static int s_bind_null(db_stmt *st, int i)
{
    return sqlite3_bind_null(ST(st), i);
}

static int s_bind_parameter_count(db_stmt *st)
{
    return sqlite3_bind_parameter_count(ST(st));
}

static void s_clear_bindings(db_stmt *st)
{
    sqlite3_clear_bindings(ST(st));
}

static int s_step(db_stmt *st)
{
    int rc = sqlite3_step(ST(st));
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? rc : rc & 0xff; /* extended codes to their primary code */
}

static void s_reset(db_stmt *st)
{
    sqlite3_reset(ST(st));
}

static int64_t s_column_int64(db_stmt *st, int i)
{
    return sqlite3_column_int64(ST(st), i);
}

static const char *s_column_text(db_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(ST(st), i);
}

static int s_column_bytes(db_stmt *st, int i)
{
    return sqlite3_column_bytes(ST(st), i);
}

static int s_column_is_null(db_stmt *st, int i)
{
    return sqlite3_column_type(ST(st), i) == SQLITE_NULL;
}

static const char *s_errmsg(db_conn *c)
{
    return sqlite3_errmsg(DB(c));
}

static int s_in_transaction(db_conn *c)
{
    return !sqlite3_get_autocommit(DB(c));
}

static int s_readonly(db_conn *c)
{
    return sqlite3_db_readonly(DB(c), "main") == 1;
}

static const db_ops sqlite_ops = {
    .close = s_close,
    .prepare = s_prepare,
    .finalize = s_finalize,
    .exec = s_exec,
    .bind_int64 = s_bind_int64,
    .bind_text = s_bind_text,
    .bind_null = s_bind_null,
    .bind_parameter_count = s_bind_parameter_count,
    .clear_bindings = s_clear_bindings,
    .step = s_step,
    .reset = s_reset,
    .column_int64 = s_column_int64,
    .column_text = s_column_text,
    .column_bytes = s_column_bytes,
    .column_is_null = s_column_is_null,
    .errmsg = s_errmsg,
    .in_transaction = s_in_transaction,
    .readonly = s_readonly,
};

db_conn *db_sqlite_open(const char *path, int flags, parley_error *err)
{
    sqlite_conn *c = calloc(1, sizeof *c);
    if (!c) {
        parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        return NULL;
    }
    c->base.ops = &sqlite_ops;
    c->base.dialect = DB_SQLITE;
    int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (flags & DB_CREATE ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &c->db, open_flags, NULL) != SQLITE_OK) {
        parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot open the database: %s",
                            c->db ? sqlite3_errmsg(c->db) : "out of memory");
        goto fail;
    }
    sqlite3_busy_timeout(c->db, 10000);
    if (s_exec(&c->base, "PRAGMA journal_mode=WAL") != SQLITE_OK ||
        s_exec(&c->base, flags & DB_SYNC_FULL ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL") != SQLITE_OK ||
        s_exec(&c->base, "PRAGMA foreign_keys=ON") != SQLITE_OK ||
        (flags & DB_QUERY_ONLY && s_exec(&c->base, "PRAGMA query_only=ON") != SQLITE_OK)) {
        parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot set up the database: %s", sqlite3_errmsg(c->db));
        goto fail;
    }
    return &c->base;
fail:
    s_close(&c->base);
    return NULL;
}

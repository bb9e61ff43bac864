/*
 * db_backend.h: what a store backend of db.h provides (db_sqlite.c, db_pg.c):
 * a table of operations, and the common head of its connection and statement
 * structures (each backend's own structures begin with these).
 */
#ifndef PARLEY_SERVER_DB_BACKEND_H
#define PARLEY_SERVER_DB_BACKEND_H

#include "server/db.h"

#define DB_STMT_CACHE 64

typedef struct db_ops {
    void (*close)(db_conn *c);
    db_stmt *(*prepare)(db_conn *c, const char *sql);
    void (*finalize)(db_stmt *st);
    int (*exec)(db_conn *c, const char *sql);
    int (*bind_int64)(db_stmt *st, int i, int64_t v);
    int (*bind_text)(db_stmt *st, int i, const char *text, int n, int lifetime);
    int (*bind_null)(db_stmt *st, int i);
    int (*bind_parameter_count)(db_stmt *st);
    void (*clear_bindings)(db_stmt *st);
    int (*step)(db_stmt *st);
    void (*reset)(db_stmt *st);
    int64_t (*column_int64)(db_stmt *st, int i);
    const char *(*column_text)(db_stmt *st, int i);
    int (*column_bytes)(db_stmt *st, int i);
    int (*column_is_null)(db_stmt *st, int i);
    const char *(*errmsg)(db_conn *c);
    int (*in_transaction)(db_conn *c);
    int (*readonly)(db_conn *c);
    int (*listen)(db_conn *c, const char *channel);                                    /* NULL: not offered */
    int (*wait_notification)(db_conn *c, int timeout_ms, char *payload, size_t size); /* NULL: not offered */
} db_ops;

struct db_conn {
    const db_ops *ops;
    db_dialect_t dialect;
    struct {
        const char *sql;
        db_stmt *stmt;
    } cache[DB_STMT_CACHE];
    int ncache;
};

struct db_stmt {
    db_conn *conn;
    int bind_failed; /* a bind since the statement was handed out failed (a copy refused): its steps fail */
};

db_conn *db_sqlite_open(const char *path, int flags, parley_error *err);
db_conn *db_pg_open(const char *url, int flags, parley_error *err);

#endif

/*
 * db.c: the store-independent half of db.h: choosing the backend from the
 * target, the per-connection statement cache, and the calls passed on to the
 * backend's table of operations.
 */
#include "server/db_backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int db_is_url(const char *target)
{
    return target && (!strncmp(target, "postgresql://", 13) || !strncmp(target, "postgres://", 11));
}

void db_display_name(const char *target, char *out, size_t size)
{
    if (!db_is_url(target)) {
        snprintf(out, size, "%s", target);
        return;
    }
    const char *rest = strstr(target, "://") + 3;
    const char *at = strchr(rest, '@');
    const char *slash = strchr(rest, '/');
    if (at && (!slash || at < slash))
        rest = at + 1;
    size_t host = slash ? (size_t)(slash - rest) : strlen(rest);
    const char *query = strchr(rest, '?');
    /* The database name, without the query (its options may name hosts and users, never a password). */
    size_t name = slash ? (query ? (size_t)(query - slash) : strlen(slash)) : 0;
    snprintf(out, size, "postgresql://%.*s%.*s", (int)host, rest, (int)name, slash ? slash : "");
}

db_conn *db_open(const char *target, int flags, parley_error *err)
{
    return db_is_url(target) ? db_pg_open(target, flags, err) : db_sqlite_open(target, flags, err);
}

void db_close(db_conn *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->ncache; i++)
        c->ops->finalize(c->cache[i].stmt);
    c->ops->close(c);
}

db_dialect_t db_dialect(const db_conn *c)
{
    return c->dialect;
}

db_stmt *db_stmt_cached(db_conn *c, const char *sql)
{
    for (int i = 0; i < c->ncache; i++)
        if (c->cache[i].sql == sql) {
            db_stmt *st = c->cache[i].stmt;
            c->ops->reset(st);
            c->ops->clear_bindings(st);
            st->bind_failed = 0;
            return st;
        }
    db_stmt *st = c->ops->prepare(c, sql);
    if (!st)
        return NULL;
    /* Full cache (the server has fewer statements): the last entry makes room. */
    int slot = c->ncache < DB_STMT_CACHE ? c->ncache++ : DB_STMT_CACHE - 1;
    if (slot == DB_STMT_CACHE - 1 && c->cache[slot].stmt)
        c->ops->finalize(c->cache[slot].stmt);
    c->cache[slot].sql = sql;
    c->cache[slot].stmt = st;
    return st;
}

int db_exec(db_conn *c, const char *sql)
{
    return c->ops->exec(c, sql);
}

/* A bind's result, remembered when it failed: the statement would run without that value (the server's callers
 * do not check each bind, they check the step). */
static int bound(db_stmt *st, int rc)
{
    if (rc != DB_OK)
        st->bind_failed = 1;
    return rc;
}

int db_bind_int64(db_stmt *st, int i, int64_t v)
{
    return bound(st, st->conn->ops->bind_int64(st, i, v));
}

int db_bind_int(db_stmt *st, int i, int v)
{
    return bound(st, st->conn->ops->bind_int64(st, i, v));
}

int db_bind_text(db_stmt *st, int i, const char *text, int n, int lifetime)
{
    return bound(st, st->conn->ops->bind_text(st, i, text, n, lifetime));
}

int db_bind_null(db_stmt *st, int i)
{
    return bound(st, st->conn->ops->bind_null(st, i));
}

int db_bind_parameter_count(db_stmt *st)
{
    return st->conn->ops->bind_parameter_count(st);
}

int db_step(db_stmt *st)
{
    return st->bind_failed ? DB_ERROR : st->conn->ops->step(st);
}

void db_reset(db_stmt *st)
{
    st->conn->ops->reset(st);
}

int64_t db_column_int64(db_stmt *st, int i)
{
    return st->conn->ops->column_int64(st, i);
}

int db_column_int(db_stmt *st, int i)
{
    return (int)st->conn->ops->column_int64(st, i);
}

const char *db_column_text(db_stmt *st, int i)
{
    return st->conn->ops->column_text(st, i);
}

int db_column_bytes(db_stmt *st, int i)
{
    return st->conn->ops->column_bytes(st, i);
}

int db_column_is_null(db_stmt *st, int i)
{
    return st->conn->ops->column_is_null(st, i);
}

const char *db_errmsg(db_conn *c)
{
    return c->ops->errmsg(c);
}

int db_step_insert(db_stmt *st, int64_t *id)
{
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *id = db_column_int64(st, 0);
        rc = DB_DONE;
    } else if (rc == DB_DONE) /* no row: nothing was inserted */
        rc = DB_ERROR;
    db_reset(st);
    return rc;
}

int db_in_transaction(db_conn *c)
{
    return c->ops->in_transaction(c);
}

int db_readonly(db_conn *c)
{
    return c->ops->readonly(c);
}

int db_listen(db_conn *c, const char *channel)
{
    return c->ops->listen ? c->ops->listen(c, channel) : DB_ERROR;
}

int db_wait_notification(db_conn *c, int timeout_ms, char *payload, size_t size)
{
    return c->ops->wait_notification ? c->ops->wait_notification(c, timeout_ms, payload, size) : -1;
}

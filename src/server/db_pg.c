/*
 * db_pg.c: the PostgreSQL backend of db.h over libpq (loaded on first use: pg_lib.h).  SQL text written for
 * both stores has its `?` and `?N` placeholders turned into $N; a statement
 * with parameters is prepared once per connection (and again after the
 * connection was re-established); values travel as text, and the results of
 * one run are held in a PGresult that db_step walks row by row.
 *
 * A connection that broke (the server restarted) is re-established when the
 * next transaction begins, or by the next statement outside a transaction;
 * until then, every statement on it fails.  A BEGIN, or a read on an idle
 * connection, that finds it broken is run again on a new one; nothing else
 * is (a write whose commit may have happened must not be made twice).
 */
#include "server/db_backend.h"
#include "server/pg_lib.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    db_conn base;
    PGconn *pg;
    char err[512];
    int generation; /* bumped when the connection is re-established: statements are prepared again */
    int in_tx;      /* a transaction was open at the last answer from the server */
    int broken;     /* a statement found the connection broken: re-establish it */
    int query_only; /* a reader: transactions are read-only by default (made again on a new connection) */
    int next_name;
} pg_conn;

typedef struct {
    db_stmt base;
    char *sql; /* with $N placeholders */
    char name[24];
    int prepared_generation; /* 0: not prepared on this connection */
    int nparams;
    Oid *types; /* 0: PostgreSQL infers it; text for a number the SQL never uses (SQLite allows gaps) */
    char **values;
    PGresult *res;
    int row, nrows;
} pg_stmt;

#define CONN(c) ((pg_conn *)(c))
#define STMT(s) ((pg_stmt *)(s))

static const char read_only_sql[] = "SET default_transaction_read_only = on";

static void set_error(pg_conn *c, const char *what, const PGresult *res)
{
    const char *msg = res ? pq.PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (!msg)
        msg = res ? pq.PQresultErrorMessage(res) : pq.PQerrorMessage(c->pg);
    snprintf(c->err, sizeof c->err, "%s%s", what, msg && *msg ? msg : "unknown error");
    size_t n = strlen(c->err);
    while (n && (c->err[n - 1] == '\n' || c->err[n - 1] == ' '))
        c->err[--n] = 0;
    for (char *p = c->err; *p; p++) /* libpq's messages run over lines: one line */
        if (*p == '\n' || *p == '\t')
            *p = ' ';
}

/* DB_OK, or the db.h code for a failed result of `sql` (the message kept on the connection). */
static int result_code(pg_conn *c, PGresult *res, const char *sql)
{
    ExecStatusType st = res ? pq.PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
        /* COMMIT of a transaction an error had ended rolls back: the caller must hear that nothing was stored. */
        if (!strncmp(sql, "COMMIT", 6) && !strcmp(pq.PQcmdStatus(res), "ROLLBACK")) {
            snprintf(c->err, sizeof c->err, "the transaction had failed and was rolled back");
            return DB_ERROR;
        }
        return DB_OK;
    }
    set_error(c, "", res);
    const char *state = res ? pq.PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (state && !strncmp(state, "23", 2))
        return DB_CONSTRAINT;
    if (state && !strcmp(state, "25006"))
        return DB_READONLY;
    return DB_ERROR;
}

/*
 * Re-establishes a broken connection (or one a statement found broken), but only to begin a new transaction or
 * outside one: a transaction that was open died with the connection, and every statement of it (its COMMIT above
 * all, which on a fresh connection would "succeed" with nothing to commit) must fail until the caller begins
 * again.  The session's settings are made again (a reader's read-only default).
 */
static void ensure_connected(pg_conn *c, const char *sql)
{
    if ((pq.PQstatus(c->pg) == CONNECTION_OK && !c->broken) || (c->in_tx && strncmp(sql, "BEGIN", 5) != 0))
        return;
    pq.PQreset(c->pg);
    if (pq.PQstatus(c->pg) == CONNECTION_OK) {
        c->generation++;
        c->in_tx = 0;
        c->broken = 0;
        if (c->query_only)
            pq.PQclear(pq.PQexec(c->pg, read_only_sql));
    }
}

/* Notes whether a transaction is open after the server's last answer. */
static void note_transaction(pg_conn *c)
{
    if (pq.PQstatus(c->pg) != CONNECTION_OK)
        return;
    PGTransactionStatusType t = pq.PQtransactionStatus(c->pg);
    c->in_tx = t == PQTRANS_INTRANS || t == PQTRANS_INERROR;
}

/* 1 when a failed result says the connection is gone rather than the statement wrong: libpq's own error (no
 * SQLSTATE: "server closed the connection unexpectedly", which may come while PQstatus still says OK), a
 * connection exception (08...) or the server shutting down (57P...). */
static int connection_lost(pg_conn *c, const PGresult *res)
{
    const char *state = res ? pq.PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    return pq.PQstatus(c->pg) != CONNECTION_OK || !state || !strncmp(state, "08", 2) || !strncmp(state, "57P", 3);
}

/* A statement tried again on a new connection when it found the old one broken: a BEGIN (nothing was done yet),
 * or on a connection that was idle (no transaction open), a read or a session setting.  Never a write outside a
 * transaction or a COMMIT: it may have been committed before the connection broke. */
static int retry_safe(const char *sql, int idle)
{
    return !strncmp(sql, "BEGIN", 5) ||
           (idle && (!strncmp(sql, "SELECT", 6) || !strncmp(sql, "SET", 3) || !strncmp(sql, "LISTEN", 6)));
}

/* Runs `sql` by exec(c, arg) (reconnecting first when needed): DB_OK with *out the result, or the error (*out
 * cleared).  A connection found broken by a statement retry_safe allows is re-established and the statement run
 * once more (the first statement after the database restarted, on a connection that was idle meanwhile). */
static int execute(pg_conn *c, const char *sql, PGresult *(*exec)(pg_conn *c, void *arg), void *arg, PGresult **out)
{
    for (int attempt = 0;; attempt++) {
        int idle = !c->in_tx;
        ensure_connected(c, sql);
        PGresult *res = exec(c, arg);
        note_transaction(c);
        int rc = result_code(c, res, sql);
        if (rc == DB_OK) {
            *out = res;
            return DB_OK;
        }
        int again = attempt == 0 && retry_safe(sql, idle) && connection_lost(c, res);
        pq.PQclear(res);
        *out = NULL;
        if (!again)
            return rc;
        c->broken = 1;
    }
}

static PGresult *exec_text(pg_conn *c, void *sql)
{
    return pq.PQexec(c->pg, sql);
}

static int pg_exec(db_conn *conn, const char *sql)
{
    PGresult *res;
    int rc = execute(CONN(conn), sql, exec_text, (void *)sql, &res);
    pq.PQclear(res);
    return rc;
}

static void pg_close(db_conn *conn)
{
    pq.PQfinish(CONN(conn)->pg);
    free(conn);
}

/* SQLite's placeholders to PostgreSQL's: `?N` is $N, a bare `?` the next number; quoted text is left alone.
 * used[n - 1] is set for each number used (up to 64). */
static char *translate(const char *sql, int *nparams, char used[64])
{
    size_t len = strlen(sql);
    char *out = malloc(len * 4 + 1); /* "?" becomes at most "$NNN" */
    if (!out)
        return NULL;
    char *o = out;
    int max = 0, quoted = 0;
    for (const char *p = sql; *p; p++) {
        if (*p == '\'')
            quoted = !quoted;
        if (quoted || *p != '?') {
            *o++ = *p;
            continue;
        }
        int n;
        if (p[1] >= '0' && p[1] <= '9') {
            char *end;
            n = (int)strtol(p + 1, &end, 10);
            p = end - 1;
        } else
            n = max + 1;
        if (n > max)
            max = n;
        if (n >= 1 && n <= 64)
            used[n - 1] = 1;
        o += sprintf(o, "$%d", n);
    }
    *o = 0;
    *nparams = max;
    return out;
}

static db_stmt *pg_prepare(db_conn *conn, const char *sql)
{
    pg_conn *c = CONN(conn);
    pg_stmt *s = calloc(1, sizeof *s);
    char used[64] = {0};
    if (!s || !(s->sql = translate(sql, &s->nparams, used)) || s->nparams > 64 ||
        (s->nparams && (!(s->values = calloc((size_t)s->nparams, sizeof *s->values)) ||
                        !(s->types = calloc((size_t)s->nparams, sizeof *s->types))))) {
        if (s) {
            free(s->sql);
            free(s->values);
            free(s->types);
        }
        free(s);
        snprintf(c->err, sizeof c->err, "cannot prepare a statement: out of memory, or more than 64 parameters");
        return NULL;
    }
    for (int i = 0; i < s->nparams; i++)
        s->types[i] = used[i] ? 0 : 25; /* 25: the OID of text */
    s->base.conn = conn;
    snprintf(s->name, sizeof s->name, "parley_%d", ++c->next_name);
    return &s->base;
}

static void pg_reset(db_stmt *st)
{
    pg_stmt *s = STMT(st);
    pq.PQclear(s->res);
    s->res = NULL;
    s->row = s->nrows = 0;
}

static void pg_clear_bindings(db_stmt *st)
{
    pg_stmt *s = STMT(st);
    for (int i = 0; i < s->nparams; i++) {
        free(s->values[i]);
        s->values[i] = NULL;
    }
}

static void pg_finalize(db_stmt *st)
{
    pg_reset(st);
    pg_clear_bindings(st);
    free(STMT(st)->values);
    free(STMT(st)->types);
    free(STMT(st)->sql);
    free(st);
}

/* Keeps a copy of a parameter's text (NULL: SQL NULL). */
static int bind(db_stmt *st, int i, const char *text, size_t n)
{
    pg_stmt *s = STMT(st);
    if (i < 1 || i > s->nparams)
        return DB_ERROR;
    char *copy = NULL;
    if (text) {
        if (!(copy = malloc(n + 1)))
            return DB_ERROR;
        memcpy(copy, text, n);
        copy[n] = 0;
    }
    free(s->values[i - 1]);
    s->values[i - 1] = copy;
    return DB_OK;
}

static int pg_bind_int64(db_stmt *st, int i, int64_t v)
{
    char text[24];
    int n = snprintf(text, sizeof text, "%lld", (long long)v);
    return bind(st, i, text, (size_t)n);
}

static int pg_bind_text(db_stmt *st, int i, const char *text, int n, int lifetime)
{
    /* always copied; NULL text is SQL NULL (as in SQLite) */
    int rc = bind(st, i, text, !text ? 0 : n < 0 ? strlen(text) : (size_t)n);
    if (lifetime == DB_FREE)
        free((char *)text);
    return rc;
}

static int pg_bind_null(db_stmt *st, int i)
{
    return bind(st, i, NULL, 0);
}

static int pg_bind_parameter_count(db_stmt *st)
{
    return STMT(st)->nparams;
}

/* One run of the statement on the connection as it is, preparing it first when it has parameters and was not
 * prepared on this connection: the result (failed: that of the preparation or of the run). */
static PGresult *exec_statement(pg_conn *c, void *arg)
{
    pg_stmt *s = arg;
    if (!s->nparams)
        return pq.PQexec(c->pg, s->sql);
    if (s->prepared_generation != c->generation + 1) {
        PGresult *p = pq.PQprepare(c->pg, s->name, s->sql, s->nparams, s->types);
        if (pq.PQresultStatus(p) != PGRES_COMMAND_OK)
            return p;
        pq.PQclear(p);
        s->prepared_generation = c->generation + 1;
    }
    return pq.PQexecPrepared(c->pg, s->name, s->nparams, (const char *const *)s->values, NULL, NULL, 0);
}

static int run(pg_stmt *s)
{
    int rc = execute(CONN(s->base.conn), s->sql, exec_statement, s, &s->res);
    if (rc != DB_OK)
        return rc;
    s->nrows = pq.PQntuples(s->res);
    s->row = -1;
    return DB_OK;
}

static int pg_step(db_stmt *st)
{
    pg_stmt *s = STMT(st);
    if (!s->res) {
        int rc = run(s);
        if (rc != DB_OK)
            return rc;
    }
    return ++s->row < s->nrows ? DB_ROW : DB_DONE;
}

static int valid(pg_stmt *s, int i)
{
    return s->res && s->row >= 0 && s->row < s->nrows && i >= 0 && i < pq.PQnfields(s->res) &&
           !pq.PQgetisnull(s->res, s->row, i);
}

static const char *pg_column_text(db_stmt *st, int i)
{
    pg_stmt *s = STMT(st);
    return valid(s, i) ? pq.PQgetvalue(s->res, s->row, i) : NULL;
}

/* Integers as SQLite gives them: booleans are 1 and 0, NULL is 0. */
static int64_t pg_column_int64(db_stmt *st, int i)
{
    const char *v = pg_column_text(st, i);
    if (!v)
        return 0;
    if (!strcmp(v, "t"))
        return 1;
    return strtoll(v, NULL, 10);
}

static int pg_column_bytes(db_stmt *st, int i)
{
    pg_stmt *s = STMT(st);
    return valid(s, i) ? pq.PQgetlength(s->res, s->row, i) : 0;
}

static int pg_column_is_null(db_stmt *st, int i)
{
    return !valid(STMT(st), i);
}

static const char *pg_errmsg(db_conn *conn)
{
    return CONN(conn)->err;
}

static int pg_in_transaction(db_conn *conn)
{
    PGTransactionStatusType t = pq.PQtransactionStatus(CONN(conn)->pg);
    return t == PQTRANS_INTRANS || t == PQTRANS_ACTIVE;
}

static int pg_readonly(db_conn *conn)
{
    (void)conn;
    return 0;
}

static int pg_listen(db_conn *conn, const char *channel)
{
    char sql[128];
    snprintf(sql, sizeof sql, "LISTEN %s", channel);
    return pg_exec(conn, sql);
}

/* A notification already read from the socket, copied out: 1, else 0. */
static int take_notification(pg_conn *c, char *payload, size_t size)
{
    PGnotify *n = pq.PQnotifies(c->pg);
    if (!n)
        return 0;
    snprintf(payload, size, "%s", n->extra ? n->extra : "");
    pq.PQfreemem(n);
    return 1;
}

static int pg_wait_notification(db_conn *conn, int timeout_ms, char *payload, size_t size)
{
    pg_conn *c = CONN(conn);
    if (pq.PQstatus(c->pg) != CONNECTION_OK || !pq.PQconsumeInput(c->pg))
        return -1;
    if (take_notification(c, payload, size))
        return 1;
    struct pollfd p = {.fd = pq.PQsocket(c->pg), .events = POLLIN};
    if (p.fd < 0)
        return -1;
    int r = poll(&p, 1, timeout_ms);
    if (r < 0)
        return errno == EINTR ? 0 : -1;
    if (r == 0)
        return 0;
    if (!pq.PQconsumeInput(c->pg) || pq.PQstatus(c->pg) != CONNECTION_OK)
        return -1;
    return take_notification(c, payload, size);
}

static const db_ops pg_ops = {
    .close = pg_close,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .exec = pg_exec,
    .bind_int64 = pg_bind_int64,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .bind_parameter_count = pg_bind_parameter_count,
    .clear_bindings = pg_clear_bindings,
    .step = pg_step,
    .reset = pg_reset,
    .column_int64 = pg_column_int64,
    .column_text = pg_column_text,
    .column_bytes = pg_column_bytes,
    .column_is_null = pg_column_is_null,
    .errmsg = pg_errmsg,
    .in_transaction = pg_in_transaction,
    .readonly = pg_readonly,
    .listen = pg_listen,
    .wait_notification = pg_wait_notification,
};

static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* notices ("relation already exists, skipping") are not errors */
}

db_conn *db_pg_open(const char *url, int flags, parley_error *err)
{
    pg_conn *c = calloc(1, sizeof *c);
    if (!c) {
        parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        return NULL;
    }
    c->base.ops = &pg_ops;
    c->base.dialect = DB_POSTGRES;
    if (pg_lib_load(err) != PARLEY_OK) {
        free(c);
        return NULL;
    }
    c->pg = pq.PQconnectdb(url);
    if (!c->pg || pq.PQstatus(c->pg) != CONNECTION_OK) {
        set_error(c, "", NULL);
        parley_error_set(err, PARLEY_EIO, "cannot connect to the PostgreSQL database: %s", c->err);
        pg_close(&c->base);
        return NULL;
    }
    pq.PQsetNoticeProcessor(c->pg, quiet, NULL);
    c->query_only = (flags & DB_QUERY_ONLY) != 0;
    if (c->query_only && pg_exec(&c->base, read_only_sql) != DB_OK) {
        parley_error_set(err, PARLEY_EIO, "cannot set up the PostgreSQL connection: %s", c->err);
        pg_close(&c->base);
        return NULL;
    }
    return &c->base;
}

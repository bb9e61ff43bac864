/*
 * server.c: the HTTP side of `parley serve`: libmicrohttpd daemon (one thread
 * per connection, so a live stream may block its own thread), request bodies
 * collected up to a size limit, routing of /api/... to the handlers with the
 * authorisation checks, one SQLite transaction per read, writes queued for
 * group commit (writer.c: each in its own savepoint, acknowledged only after
 * the batch's COMMIT), and static files for the rest.
 */
#include "server/server_internal.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NEED_NONE = 0, NEED_PARTY = 1, NEED_MEDIATOR = 2, NEED_ANY = 3 };
/* KIND_WRITE_EMPTY: a write whose empty body reads as {}. */
enum { KIND_READ = 0, KIND_WRITE = 1, KIND_STREAM = 2, KIND_WRITE_EMPTY = 3 };

typedef struct route {
    const char *method;
    const char *pattern; /* after "/api/"; '#' is a number */
    int kind;
    int need;
    int (*fn)(api_call *c);
    const char *what; /* for 403 messages */
} route;

static const route routes[] = {
    {"POST", "negotiations", KIND_WRITE, NEED_NONE, api_create_negotiation, "create a negotiation"},
    {"GET", "negotiations/#", KIND_READ, NEED_ANY, api_get_negotiation, ""},
    {"POST", "negotiations/#/close", KIND_WRITE, NEED_MEDIATOR, api_close_negotiation, "close the negotiation"},
    {"POST", "negotiations/#/participants", KIND_WRITE, NEED_MEDIATOR, api_add_participant, "add participants"},
    {"GET", "negotiations/#/participants", KIND_READ, NEED_ANY, api_list_participants, ""},
    {"GET", "negotiations/#/me", KIND_READ, NEED_ANY, api_me, ""},
    {"PUT", "negotiations/#/profile", KIND_WRITE, NEED_PARTY, api_put_profile, "upload a profile"},
    {"GET", "negotiations/#/profile", KIND_READ, NEED_PARTY, api_get_own_profile, "have a profile"},
    {"GET", "negotiations/#/participants/#/profile", KIND_READ, NEED_ANY, api_get_profile, ""},
    {"POST", "negotiations/#/sessions", KIND_WRITE, NEED_MEDIATOR, api_open_session, "open sessions"},
    {"GET", "negotiations/#/sessions", KIND_READ, NEED_ANY, api_list_sessions, ""},
    {"POST", "negotiations/#/sessions/#/close", KIND_WRITE, NEED_MEDIATOR, api_close_session, "close sessions"},
    {"POST", "negotiations/#/texts", KIND_WRITE, NEED_MEDIATOR, api_table_text, "table texts"},
    {"GET", "negotiations/#/texts", KIND_READ, NEED_ANY, api_list_texts, ""},
    {"GET", "negotiations/#/texts/current", KIND_READ, NEED_ANY, api_current_text, ""},
    {"GET", "negotiations/#/texts/#", KIND_READ, NEED_ANY, api_get_text, ""},
    {"POST", "negotiations/#/texts/#/responses", KIND_WRITE, NEED_PARTY, api_respond, "answer texts"},
    {"GET", "negotiations/#/texts/#/responses", KIND_READ, NEED_ANY, api_list_responses, ""},
    {"POST", "negotiations/#/messages", KIND_WRITE, NEED_ANY, api_post_message, ""},
    {"GET", "negotiations/#/timeline", KIND_READ, NEED_ANY, api_timeline, ""},
    {"GET", "negotiations/#/events", KIND_STREAM, NEED_ANY, NULL, ""},
    {"GET", "negotiations/#/analysis", KIND_READ, NEED_MEDIATOR, api_analysis, "run the analysis"},
    {"GET", "negotiations/#/analysis/diagnose", KIND_READ, NEED_MEDIATOR, api_diagnose, "run the analysis"},
    {"GET", "negotiations/#/analysis/propose", KIND_READ, NEED_MEDIATOR, api_propose, "run the analysis"},
    {"GET", "negotiations/#/analysis/amendments", KIND_READ, NEED_MEDIATOR, api_check_amendments, "run the analysis"},
    {"POST", "negotiations/#/participants/#/token", KIND_WRITE_EMPTY, NEED_MEDIATOR, api_rotate_token, "issue tokens"},
    {"DELETE", "negotiations/#/participants/#/token", KIND_WRITE_EMPTY, NEED_MEDIATOR, api_revoke_token,
     "revoke tokens"},
    {"GET", "health", KIND_READ, NEED_NONE, NULL, ""},
};

/* The request being received: its body so far. */
typedef struct pending {
    char *body;
    size_t len, cap;
    int too_big;
} pending;

int api_reply(api_call *c, int status, json_t *reply)
{
    json_decref(c->reply);
    c->reply = reply;
    c->status = status;
    return reply ? 0 : api_fail(c, 500, NULL, "out of memory");
}

int api_fail(api_call *c, int status, const char *field, const char *fmt, ...)
{
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    char full[1400];
    if (field)
        snprintf(full, sizeof full, "%s: %s", field, message);
    else
        snprintf(full, sizeof full, "%s", message);
    json_decref(c->reply);
    c->reply = json_pack("{s:{s:i,s:s?,s:s}}", "error", "status", status, "field", field, "message", full);
    c->status = status;
    return status;
}

int api_fail_error(api_call *c, const parley_error *err)
{
    if (err->code == PARLEY_ENOMEM || err->code == PARLEY_EINTERNAL || err->code == PARLEY_EIO)
        return api_fail(c, 500, NULL, "%s", err->message[0] ? err->message : parley_strerror(err->code));
    if (err->line > 0)
        return api_fail(c, 400, err->path[0] ? err->path : "body", "line %d, column %d: %s", err->line, err->column,
                        err->message);
    return api_fail(c, 400, err->path[0] ? err->path : NULL, "%s", err->message);
}

int api_fail_db(api_call *c)
{
    return api_fail(c, 500, NULL, "database error: %s", sqlite3_errmsg(c->db->db));
}

const char *api_query(api_call *c, const char *name)
{
    return MHD_lookup_connection_value(c->conn, MHD_GET_ARGUMENT_KIND, name);
}

/* Matches "/api/<pattern>" and stores the numbers; 1 on a match. */
static int match(const char *pattern, const char *path, int64_t ids[3])
{
    int n = 0;
    while (*pattern) {
        if (*pattern == '#') {
            int64_t v = 0;
            int digits = 0;
            while (*path >= '0' && *path <= '9' && digits < 15) {
                v = v * 10 + (*path++ - '0');
                digits++;
            }
            if (digits == 0 || (*path >= '0' && *path <= '9') || v == 0 || n >= 3)
                return 0;
            ids[n++] = v;
            pattern++;
        } else if (*pattern++ != *path++)
            return 0;
    }
    return *path == '\0' || (*path == '/' && path[1] == '\0');
}

static int authorise(api_call *c, const route *r)
{
    if (r->need == NEED_NONE)
        return 0;
    int rc = auth_identify(c);
    if (rc)
        return rc;
    if (c->my_negotiation != c->ids[0])
        return api_fail(c, 403, NULL, "this token does not belong to negotiation %lld", (long long)c->ids[0]);
    if (r->need == NEED_MEDIATOR && c->my_role != ROLE_MEDIATOR)
        return api_fail(c, 403, NULL, "only a mediator may %s", r->what);
    if (r->need == NEED_PARTY && c->my_role != ROLE_PARTY)
        return api_fail(c, 403, NULL, "only a negotiating party may %s", r->what);
    return 0;
}

static void run_read(api_call *c, const route *r)
{
    if (!(c->db = store_reader(c->srv->db))) {
        api_fail(c, 503, NULL, "cannot open a database connection");
        return;
    }
    if (store_run(c->db, "BEGIN") != SQLITE_OK)
        api_fail_db(c);
    else {
        if (!authorise(c, r))
            r->fn ? r->fn(c) : api_reply(c, 200, json_pack("{s:s,s:i}", "status", "ok", "schema",
                                                                 STORE_SCHEMA_VERSION));
        store_run(c->db, "COMMIT");
    }
    store_reader_release(c->srv->db, c->db);
    c->db = NULL;
}

/* One write request, run by the writer thread inside its savepoint: 0 or the HTTP status of the refusal. */
static int apply_write(api_call *c)
{
    const route *r = c->route;
    int failed = authorise(c, r);
    if (!failed && !c->json)
        failed = api_fail_error(c, &c->body_err);
    return failed ? failed : r->fn(c);
}

/* Loads the body here, on the connection's thread, then queues the request for the next group commit. */
static void run_write(api_call *c, const route *r)
{
    parley_error_clear(&c->body_err);
    c->route = r;
    if (r->kind == KIND_WRITE_EMPTY && c->body_len == 0)
        c->json = json_object();
    else
        c->json = req_load(c->body, c->body_len, &c->body_err);
    writer_submit(c->srv, c, apply_write);
}

static struct MHD_Response *json_response(api_call *c)
{
    char *text = c->reply ? json_dumps(c->reply, JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
    struct MHD_Response *resp;
    if (!text) {
        static const char oom[] = "{\"error\":{\"status\":500,\"message\":\"out of memory\"}}";
        c->status = 500;
        resp = MHD_create_response_from_buffer(sizeof oom - 1, (void *)oom, MHD_RESPMEM_PERSISTENT);
    } else
        resp = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    if (resp) {
        MHD_add_response_header(resp, "Content-Type", "application/json");
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    }
    return resp;
}

static struct MHD_Response *handle_api(parley_server *srv, struct MHD_Connection *conn, const char *method,
                                       const char *path, pending *p, int *status)
{
    api_call c = {.srv = srv, .conn = conn, .method = method, .body = p->body, .body_len = p->len};
    const route *r = NULL;
    int path_known = 0;
    for (size_t i = 0; i < sizeof routes / sizeof routes[0] && !r; i++) {
        int64_t ids[3] = {0, 0, 0};
        if (!match(routes[i].pattern, path, ids))
            continue;
        path_known = 1;
        if (strcmp(routes[i].method, method) == 0) {
            r = &routes[i];
            memcpy(c.ids, ids, sizeof ids);
        }
    }
    struct MHD_Response *resp = NULL;
    if (!r)
        path_known ? api_fail(&c, 405, NULL, "method %s is not allowed on %s", method, path)
                   : api_fail(&c, 404, NULL, "no such resource: %s", path);
    else if (p->too_big)
        api_fail(&c, 400, "body", "the request body is larger than the limit of %zu bytes", srv->max_body);
    else if (r->kind == KIND_WRITE || r->kind == KIND_WRITE_EMPTY)
        run_write(&c, r);
    else if (r->kind == KIND_READ)
        run_read(&c, r);
    else {
        /* A live stream: authorise on a reader, then hand over to the SSE callback. */
        if (!(c.db = store_reader(srv->db)))
            api_fail(&c, 503, NULL, "cannot open a database connection");
        else {
            if (!authorise(&c, r)) {
                const char *after = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Last-Event-ID");
                if (!after)
                    after = api_query(&c, "after");
                resp = sse_response(&c, after ? strtoll(after, NULL, 10) : 0);
                if (!resp)
                    api_fail(&c, 500, NULL, "cannot start the event stream");
            }
            store_reader_release(srv->db, c.db);
        }
        if (resp) {
            *status = 200;
            json_decref(c.reply);
            return resp;
        }
    }
    *status = c.status ? c.status : 500;
    resp = json_response(&c);
    json_decref(c.reply);
    json_decref(c.json);
    return resp;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    parley_server *srv = cls;
    pending *p = *con_cls;
    (void)version;
    if (!p) {
        if (!(p = calloc(1, sizeof *p)))
            return MHD_NO;
        *con_cls = p;
        const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (length && strtoull(length, NULL, 10) > srv->max_body)
            p->too_big = 1; /* answered below without reading the body; MHD then closes the connection */
        else
            return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (p->too_big || p->len + n > srv->max_body) {
            p->too_big = 1;
            return MHD_YES;
        }
        if (p->len + n + 1 > p->cap) {
            size_t cap = p->cap ? p->cap : 1024;
            while (cap < p->len + n + 1)
                cap *= 2;
            char *body = realloc(p->body, cap);
            if (!body)
                return MHD_NO;
            p->body = body;
            p->cap = cap;
        }
        memcpy(p->body + p->len, upload_data, n);
        p->len += n;
        p->body[p->len] = '\0';
        return MHD_YES;
    }
    int status = 200;
    struct MHD_Response *resp;
    if (strncmp(url, "/api/", 5) == 0)
        resp = handle_api(srv, conn, method, url + 5, p, &status);
    else if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        api_call c = {.srv = srv};
        api_fail(&c, 405, NULL, "method %s is not allowed on %s", method, url);
        status = 405;
        resp = json_response(&c);
        json_decref(c.reply);
    } else
        resp = static_response(srv, url, &status);
    if (!resp)
        return MHD_NO;
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)conn, (void)toe;
    pending *p = *con_cls;
    if (p) {
        free(p->body);
        free(p);
        *con_cls = NULL;
    }
}

int parley_server_schema_version(void)
{
    return STORE_SCHEMA_VERSION;
}

uint16_t parley_server_port(const parley_server *server)
{
    return server->port;
}

int parley_server_start(const parley_server_options *options, parley_server **out, parley_error *err)
{
    *out = NULL;
    if (!options || !options->db_path)
        return parley_error_set(err, PARLEY_EINVAL, "no database file given");
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(options->port);
    const char *address = options->address ? options->address : "127.0.0.1";
    if (inet_pton(AF_INET, address, &addr.sin_addr) != 1)
        return parley_error_set(err, PARLEY_EINVAL, "'%s' is not an IPv4 address", address);
    parley_server *srv = calloc(1, sizeof *srv);
    if (!srv)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    pthread_mutex_init(&srv->ev_mu, NULL);
    pthread_cond_init(&srv->ev_cv, NULL);
    pthread_mutex_init(&srv->cache_mu, NULL);
    pthread_mutex_init(&srv->wq.mu, NULL);
    pthread_cond_init(&srv->wq.cv, NULL);
    srv->max_body = options->max_body ? options->max_body : (size_t)1 << 20;
    int rc;
    if (options->web_dir && !(srv->web_dir = strdup(options->web_dir))) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto fail;
    }
    if ((rc = store_open(options->db_path, options->sync == PARLEY_SYNC_FULL, STORE_SCHEMA_VERSION, &srv->db, err)))
        goto fail;
    /* Live streams start from the last event already stored. */
    store_conn *w = store_writer(srv->db);
    sqlite3_stmt *st = store_stmt(w, "SELECT COALESCE(MAX(seq), 0) FROM events");
    if (st && sqlite3_step(st) == SQLITE_ROW)
        srv->ev_seq = sqlite3_column_int64(st, 0);
    if (st)
        sqlite3_reset(st);
    store_writer_release(srv->db, w);
    if ((rc = writer_start(srv, err)))
        goto fail;
    unsigned limit = options->max_connections ? options->max_connections : 256;
    srv->daemon = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL_INTERNAL_THREAD, options->port,
                                   NULL, NULL, on_request, srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
                                   MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv, MHD_OPTION_CONNECTION_LIMIT,
                                   limit, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120, MHD_OPTION_END);
    if (!srv->daemon) {
        rc = parley_error_set(err, PARLEY_EIO, "cannot listen on %s:%u (port in use?)", address,
                              (unsigned)options->port);
        goto fail;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : options->port;
    *out = srv;
    return PARLEY_OK;
fail:
    parley_server_stop(srv);
    return rc;
}

void parley_server_stop(parley_server *srv)
{
    if (!srv)
        return;
    pthread_mutex_lock(&srv->ev_mu);
    srv->stopping = 1;
    pthread_cond_broadcast(&srv->ev_cv);
    pthread_mutex_unlock(&srv->ev_mu);
    if (srv->daemon)
        MHD_stop_daemon(srv->daemon);
    writer_stop(srv); /* after the daemon: requests still running are committed first */
    scenario_cache_clear(srv);
    store_close(srv->db);
    pthread_mutex_destroy(&srv->ev_mu);
    pthread_cond_destroy(&srv->ev_cv);
    pthread_mutex_destroy(&srv->cache_mu);
    pthread_mutex_destroy(&srv->wq.mu);
    pthread_cond_destroy(&srv->wq.cv);
    free(srv->web_dir);
    free(srv);
}

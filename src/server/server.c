/*
 * server.c: the HTTP side of `parley serve`: libmicrohttpd's epoll loop on a
 * pool of one thread per core (no thread per connection), request bodies
 * collected up to a size limit, the checks every API request passes (Origin,
 * Content-Type of writes, authorisation), routing of /api/... to the handlers,
 * one SQLite transaction per read on the loop's thread, writes queued for
 * group commit (writer.c) and analyses run in child processes (jobs.c) while
 * their connection is suspended, and static files for the rest.  Every reply
 * carries nosniff and anti-framing headers; every error is JSON.
 */
#include "server/server_internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <unistd.h>

enum { NEED_NONE = 0, NEED_PARTY = 1, NEED_MEDIATOR = 2, NEED_ANY = 3, NEED_ADMIN = 4 };
/* KIND_WRITE_EMPTY: a write whose empty body reads as {}.  KIND_ANALYSIS: a read run in a child process. */
enum { KIND_READ = 0, KIND_WRITE = 1, KIND_STREAM = 2, KIND_WRITE_EMPTY = 3, KIND_ANALYSIS = 4 };

typedef struct route {
    const char *method;
    const char *pattern; /* after "/api/"; '#' is a number */
    int kind;
    int need;
    int (*fn)(api_call *c);
    const char *what; /* for 403 messages */
} route;

static const route routes[] = {
    {"POST", "negotiations", KIND_WRITE, NEED_ADMIN, api_create_negotiation, "create a negotiation"},
    {"GET", "negotiations/#", KIND_READ, NEED_ANY, api_get_negotiation, ""},
    {"POST", "negotiations/#/close", KIND_WRITE, NEED_MEDIATOR, api_close_negotiation, "close the negotiation"},
    {"POST", "negotiations/#/participants", KIND_WRITE, NEED_MEDIATOR, api_add_participant, "add participants"},
    {"GET", "negotiations/#/participants", KIND_READ, NEED_ANY, api_list_participants, ""},
    {"GET", "negotiations/#/me", KIND_READ, NEED_ANY, api_me, ""},
    {"PUT", "negotiations/#/profile", KIND_WRITE, NEED_PARTY, api_put_profile, "upload a profile"},
    {"GET", "negotiations/#/profile", KIND_READ, NEED_PARTY, api_get_own_profile, "have a profile"},
    {"POST", "negotiations/#/profile/convert", KIND_READ, NEED_ANY, api_convert_profile, ""},
    {"GET", "negotiations/#/participants/#/profile", KIND_READ, NEED_ANY, api_get_profile, ""},
    {"POST", "negotiations/#/sessions", KIND_WRITE, NEED_MEDIATOR, api_open_session, "open sessions"},
    {"GET", "negotiations/#/sessions", KIND_READ, NEED_ANY, api_list_sessions, ""},
    {"POST", "negotiations/#/sessions/#/close", KIND_WRITE, NEED_MEDIATOR, api_close_session, "close sessions"},
    {"POST", "negotiations/#/texts", KIND_WRITE, NEED_MEDIATOR, api_table_text, "table texts"},
    {"GET", "negotiations/#/texts", KIND_READ, NEED_ANY, api_list_texts, ""},
    {"GET", "negotiations/#/texts/current", KIND_READ, NEED_ANY, api_current_text, ""},
    {"GET", "negotiations/#/texts/current/value", KIND_READ, NEED_PARTY, api_text_value, "value a text for itself"},
    {"GET", "negotiations/#/texts/#", KIND_READ, NEED_ANY, api_get_text, ""},
    {"POST", "negotiations/#/texts/#/responses", KIND_WRITE, NEED_PARTY, api_respond, "answer texts"},
    {"GET", "negotiations/#/texts/#/responses", KIND_READ, NEED_ANY, api_list_responses, ""},
    {"POST", "negotiations/#/messages", KIND_WRITE, NEED_ANY, api_post_message, ""},
    {"GET", "negotiations/#/timeline", KIND_READ, NEED_ANY, api_timeline, ""},
    {"GET", "negotiations/#/events", KIND_STREAM, NEED_ANY, NULL, ""},
    {"GET", "negotiations/#/analysis", KIND_ANALYSIS, NEED_MEDIATOR, api_analysis, "run the analysis"},
    {"GET", "negotiations/#/analysis/diagnose", KIND_ANALYSIS, NEED_MEDIATOR, api_diagnose, "run the analysis"},
    {"GET", "negotiations/#/analysis/propose", KIND_ANALYSIS, NEED_MEDIATOR, api_propose, "run the analysis"},
    {"GET", "negotiations/#/analysis/amendments", KIND_READ, NEED_MEDIATOR, api_check_amendments, "run the analysis"},
    {"GET", "negotiations/#/improvements", KIND_ANALYSIS, NEED_MEDIATOR, api_improvements, "seek improvements"},
    {"POST", "negotiations/#/improvements", KIND_WRITE, NEED_MEDIATOR, api_offer_improvement, "offer improvements"},
    {"GET", "negotiations/#/improvements/me", KIND_ANALYSIS, NEED_PARTY, api_party_improvements,
     "see its own gain from improvements"},
    {"GET", "negotiations/#/advice/me", KIND_ANALYSIS, NEED_PARTY, api_party_advice, "get its own advice"},
    {"POST", "negotiations/#/participants/#/token", KIND_WRITE_EMPTY, NEED_MEDIATOR, api_rotate_token, "issue tokens"},
    {"DELETE", "negotiations/#/participants/#/token", KIND_WRITE_EMPTY, NEED_MEDIATOR, api_revoke_token,
     "revoke tokens"},
    {"POST", "negotiations/#/participants/#/agent", KIND_WRITE, NEED_MEDIATOR, api_seat_agent, "seat agents"},
    {"DELETE", "negotiations/#/participants/#/agent", KIND_WRITE_EMPTY, NEED_MEDIATOR, api_unseat_agent,
     "unseat agents"},
    {"GET", "negotiations/#/participants/#/agent", KIND_READ, NEED_MEDIATOR, api_get_seat, "see seated agents"},
    {"GET", "negotiations/#/agents", KIND_READ, NEED_MEDIATOR, api_list_seats, "see seated agents"},
    {"GET", "health", KIND_READ, NEED_NONE, NULL, ""},
};

enum { P_RECEIVING = 0, P_WAITING = 1, P_DONE = 2 };

/* One request: its body so far, then its call while a write or an analysis runs with the connection suspended. */
typedef struct pending {
    char *body;
    size_t len, cap;
    int too_big;
    const char *bad_http; /* why the request head is refused (400), NULL when it is not */
    int state; /* P_*: P_WAITING while suspended, P_DONE once the reply is ready to send */
    int unsent; /* resumed with a reply not sent yet (counted in srv->replies_unsent) */
    struct MHD_Connection *conn;
    api_call c;
    char allow[64]; /* the methods allowed on the path (405) */
} pending;

int api_reply(api_call *c, int status, json_t *reply)
{
    json_decref(c->reply);
    c->reply = reply;
    c->status = status;
    return reply ? 0 : api_fail(c, 500, NULL, "out of memory");
}

/* Length of the valid UTF-8 sequence at p (at most n bytes), 0 when it is not one. */
static size_t utf8_sequence(const unsigned char *p, size_t n)
{
    size_t len = p[0] < 0x80 ? 1 : (p[0] & 0xE0) == 0xC0 ? 2 : (p[0] & 0xF0) == 0xE0 ? 3 : (p[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || len > n || (len == 2 && p[0] < 0xC2))
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if (len == 3 && ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0)))
        return 0; /* overlong, surrogate */
    if (len == 4 && ((p[0] == 0xF0 && p[1] < 0x90) || p[0] > 0xF4 || (p[0] == 0xF4 && p[1] >= 0x90)))
        return 0;
    return len;
}

/* Copies text into out as valid UTF-8: every byte that is not part of a valid character (or is a control
 * character) becomes "\\xHH", and the copy ends on a character boundary when out is full. */
static void utf8_clean(const char *text, char *out, size_t size)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t n = strlen(text), o = 0;
    while (n) {
        size_t k = utf8_sequence(p, n);
        if (k && p[0] >= 0x20) {
            if (o + k >= size)
                break;
            memcpy(out + o, p, k);
            o += k;
        } else {
            if (o + 4 >= size)
                break;
            snprintf(out + o, 5, "\\x%02X", p[0]);
            o += 4;
            k = 1;
        }
        p += k;
        n -= k;
    }
    out[o] = '\0';
}

int api_fail(api_call *c, int status, const char *field, const char *fmt, ...)
{
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    char full[1400], clean[1400], clean_field[300];
    if (field)
        snprintf(full, sizeof full, "%s: %s", field, message);
    else
        snprintf(full, sizeof full, "%s", message);
    utf8_clean(full, clean, sizeof clean);
    if (field)
        utf8_clean(field, clean_field, sizeof clean_field);
    json_decref(c->reply);
    c->reply = json_pack("{s:{s:i,s:s?,s:s}}", "error", "status", status, "field", field ? clean_field : NULL,
                         "message", clean);
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
    return api_fail(c, 500, NULL, "database error: %s", db_errmsg(c->db->db));
}

const char *api_query(api_call *c, const char *name)
{
    if (c->query) /* in an analysis's child process (job_wire.c) */
        return json_string_value(json_object_get(c->query, name));
    return MHD_lookup_connection_value(c->conn, MHD_GET_ARGUMENT_KIND, name);
}

int api_query_int(api_call *c, const char *name, const char *text, long long lo, long long hi, long long *out)
{
    if (!text)
        return 0;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    int plain = (*text >= '0' && *text <= '9') || *text == '-'; /* strtoll also skips spaces and takes '+' */
    if (!plain || end == text || *end != '\0' || errno == ERANGE)
        return api_fail(c, 400, name, "'%.40s' is not a whole number (expected %lld..%lld)", text, lo, hi);
    if (v < lo || v > hi)
        return api_fail(c, 400, name, "%s is outside %lld..%lld", text, lo, hi);
    *out = v;
    return 0;
}

int api_query_limit(api_call *c, long hi, long dflt, long *out)
{
    long long limit = dflt;
    int rc = api_query_int(c, "limit", api_query(c, "limit"), 1, hi, &limit);
    if (rc == 0)
        *out = (long)limit;
    return rc;
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
    if (r->need == NEED_ADMIN)
        return auth_admin(c);
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

static int api_health(api_call *c)
{
    pthread_mutex_lock(&c->srv->wq.mu);
    int writable = c->srv->writable;
    pthread_mutex_unlock(&c->srv->wq.mu);
    return api_reply(c, 200, json_pack("{s:s,s:i,s:b}", "status", writable ? "ok" : "degraded", "schema",
                                       STORE_SCHEMA_VERSION, "writable", writable));
}

/* Runs `fn` after authorisation inside one read transaction on a reader connection; 0 or the HTTP status. */
static int with_reader(api_call *c, const route *r, int (*fn)(api_call *c, const route *r))
{
    if (!(c->db = store_reader(c->srv->db)))
        return api_fail(c, 503, NULL, "cannot open a database connection");
    int rc;
    if (store_begin_read(c->db) != DB_OK)
        rc = api_fail_db(c);
    else {
        rc = authorise(c, r);
        if (!rc)
            rc = fn(c, r);
        store_run(c->db, "COMMIT");
    }
    store_reader_release(c->srv->db, c->db);
    c->db = NULL;
    return rc;
}

static int read_route(api_call *c, const route *r)
{
    return r->fn ? r->fn(c) : api_health(c);
}

/* One write request, run by the writer thread inside its savepoint: 0 or the HTTP status of the refusal. */
static int apply_write(api_call *c)
{
    const route *r = c->route;
    int failed = authorise(c, r);
    if (!failed && !c->json)
        failed = api_fail_error(c, &c->body_err);
    if (!failed)
        failed = budget_storage_check(c);
    if (!failed && !(failed = r->fn(c)))
        budget_storage_add(c);
    return failed;
}

/* Creation: the admin token, then the scenario against the limits, then parsed, all before the writer. */
static int prepare_create(api_call *c, const route *r)
{
    int rc = authorise(c, r);
    if (rc || !c->json)
        return rc;
    parley_error err = {0};
    if (req_documents_to_scenario(c->json, c->srv->limits.values_per_issue, c->srv->limits.table_cells, &err))
        return err.code == PARLEY_ERANGE ? api_fail(c, 413, "documents", "%s", err.message) : api_fail_error(c, &err);
    json_t *scenario = json_object_get(c->json, "scenario");
    if (json_is_object(scenario) && (rc = limits_check_scenario(c, scenario)))
        return rc;
    if (req_parse_create(c->json, &c->create, &c->parsed, &err))
        return api_fail_error(c, &err);
    if (c->create.mediator && strlen(c->create.mediator) > REQ_MAX_NAME)
        return api_fail(c, 400, "mediator", "a name of at most %u bytes", REQ_MAX_NAME);
    return 0;
}

/* A profile upload: checked against the scenario (a whole parse) here, off the writer thread; the scenario of a
 * negotiation never changes, so the check holds when the writer stores it. */
static int check_profile(api_call *c, const route *r)
{
    (void)r;
    if (!c->json)
        return api_fail_error(c, &c->body_err);
    scenario_entry *e = scenario_get(c, c->ids[0]);
    if (!e)
        return api_fail(c, 404, NULL, "no such negotiation");
    parley_error err = {0};
    int rc = budget_check_write(c, "profile");
    if (!rc && req_profile_document(c->json, e->doc, c->srv->limits.values_per_issue, c->srv->limits.table_cells,
                                    &err))
        rc = api_fail_error(c, &err);
    if (!rc)
        rc = budget_check_red_lines(c, c->json);
    if (!rc && req_parse_profile(c->json, e->doc, c->my_name, &err))
        rc = api_fail_error(c, &err);
    scenario_release(c->srv, e);
    if (rc)
        return rc;
    c->profile_checked = 1;
    return 0;
}

/* A participant's write, before it is queued: within the participant's budgets (rate, sizes)? */
static int check_write_budget(api_call *c, const route *r)
{
    return budget_check_write(c, r->fn == api_post_message ? "message" : "write");
}

/* Resumes a suspended request whose reply is ready (writer or analysis thread). */
static void resume_done(void *arg)
{
    pending *p = arg;
    p->state = P_DONE;
    p->unsent = 1;
    __atomic_add_fetch(&p->c.srv->replies_unsent, 1, __ATOMIC_RELAXED);
    MHD_resume_connection(p->conn);
}

/* Suspends the connection and queues the write; 1 when suspended, 0 when the reply is already set. */
static int start_write(pending *p, const route *r)
{
    api_call *c = &p->c;
    parley_error_clear(&c->body_err);
    c->route = r;
    if (r->kind == KIND_WRITE_EMPTY && c->body_len == 0)
        c->json = json_object();
    else
        c->json = req_load(c->body, c->body_len, &c->body_err);
    if (r->fn == api_create_negotiation && prepare_create(c, r))
        return 0;
    if (r->fn == api_put_profile ? with_reader(c, r, check_profile)
                                 : r->need != NEED_ADMIN && with_reader(c, r, check_write_budget))
        return 0;
    p->state = P_WAITING;
    MHD_suspend_connection(p->conn);
    writer_submit(c->srv, c, apply_write, resume_done, p);
    return 1;
}

/* Reads what the analysis needs from the database (the child process has none). */
static int prefetch_analysis(api_call *c, const route *r)
{
    /* A bad query is a 400 before the state is looked at (a 409 without an agreement or a profile, a 404 without
     * a text), as a bad body is; the handler reads the query again in the child process. */
    long limit;
    long long frontier;
    int bad = r->fn == api_improvements  ? api_query_limit(c, 100, 10, &limit)
              : r->fn == api_party_advice ? api_query_limit(c, 20, 5, &limit)
              : r->fn == api_analysis
                  ? api_query_int(c, "frontier_limit", api_query(c, "frontier_limit"), 0, 100000, &frontier)
                  : 0;
    if (bad)
        return bad;
    if (r->fn == api_improvements) /* the agreement, and the merged view */
        return improvements_prefetch(c);
    if (r->fn == api_party_advice || r->fn == api_party_improvements) /* the caller's own inputs only */
        return party_inputs_prefetch(c, r->fn == api_party_advice);
    if (!(c->pre_view = view_get(c)))
        return c->status;
    c->pre_merged = view_scenario(c->pre_view); /* read-only here; the child process has its own copy */
    if (!(c->pre_uploaded = json_deep_copy(view_uploaded(c->pre_view))))
        return api_fail(c, 500, NULL, "out of memory");
    int rc = limits_check_outcomes(c, c->pre_merged);
    if (rc)
        return rc;
    c->pre_text = api_latest_text(c, &c->pre_text_id, &c->pre_text_number);
    c->prefetched = 1;
    return 0;
}

/* Suspends the connection and starts the analysis in a child process; 1 when suspended, 0 when the reply is set. */
static int start_analysis(pending *p, const route *r)
{
    api_call *c = &p->c;
    if (with_reader(c, r, prefetch_analysis))
        return 0;
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(p->conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    p->state = P_WAITING;
    MHD_suspend_connection(p->conn);
    if (jobs_submit(c, r->fn, info ? info->connect_fd : -1, resume_done, p))
        resume_done(p); /* refused: the reply is set */
    return 1;
}

static int open_stream(api_call *c, const route *r)
{
    (void)r;
    const char *header = MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, "Last-Event-ID");
    long long after = 0;
    int rc = header ? api_query_int(c, "Last-Event-ID", header, 0, INT64_MAX, &after)
                    : api_query_int(c, "after", api_query(c, "after"), 0, INT64_MAX, &after);
    if (rc)
        return rc;
    c->stream = sse_response(c, after);
    return c->stream ? 0 : c->status;
}

/* Security headers on every reply. */
static void harden(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    if (!MHD_get_response_header(resp, "Content-Security-Policy"))
        MHD_add_response_header(resp, "Content-Security-Policy", "frame-ancestors 'none'");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
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

/* 0 when the request has no Origin or the server trusts it; else 403 (reply set). */
static int check_origin(api_call *c)
{
    const char *origin = MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, "Origin");
    if (!origin)
        return 0;
    for (size_t i = 0; i < c->srv->origin_count; i++)
        if (strcmp(origin, c->srv->origins[i]) == 0)
            return 0;
    return api_fail(c, 403, "Origin",
                    "requests from the page at '%.200s' are refused (not this server's own origin; start the server "
                    "with --allow-origin to trust another)",
                    origin);
}

/* State-changing requests carry JSON: anything else (a form, text/plain) is refused with 415. */
static int check_content_type(api_call *c)
{
    const char *type = MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, "Content-Type");
    if (type && strncasecmp(type, "application/json", 16) == 0 && (type[16] == '\0' || type[16] == ';'))
        return 0;
    return api_fail(c, 415, "Content-Type", "'%.100s': a request that changes something must be sent as "
                    "'Content-Type: application/json'", type ? type : "(none)");
}

/* Finds the route; fills p->allow with the methods the path accepts.  NULL when none matches (reply set). */
static const route *find_route(pending *p, const char *method, const char *path)
{
    api_call *c = &p->c;
    const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
    const route *r = NULL;
    size_t used = 0;
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        int64_t ids[3] = {0, 0, 0};
        if (!match(routes[i].pattern, path, ids))
            continue;
        if (!strstr(p->allow, routes[i].method) && used + 12 < sizeof p->allow)
            used += (size_t)snprintf(p->allow + used, sizeof p->allow - used, "%s%s%s", used ? ", " : "",
                                     routes[i].method, strcmp(routes[i].method, "GET") == 0 ? ", HEAD" : "");
        if (!r && strcmp(routes[i].method, m) == 0) {
            r = &routes[i];
            memcpy(c->ids, ids, sizeof ids);
        }
    }
    if (!r && used)
        api_fail(c, 405, NULL, "method %.20s is not allowed on /api/%.300s (allowed: %s)", method, path, p->allow);
    else if (!r)
        api_fail(c, 404, NULL, "no such resource: /api/%.300s", path);
    return r;
}

/* Handles an API request whose body has arrived: the response, or NULL with *suspended set when the connection
 * was suspended (its reply may be ready before this returns: p->state is then no guide). */
static struct MHD_Response *handle_api(parley_server *srv, pending *p, const char *method, const char *path,
                                       int *suspended)
{
    api_call *c = &p->c;
    c->method = method;
    c->body = p->body;
    c->body_len = p->len;
    const route *r = find_route(p, method, path);
    int stopping;
    pthread_mutex_lock(&srv->ev_mu);
    stopping = srv->stopping;
    pthread_mutex_unlock(&srv->ev_mu);
    int writes = r && (r->kind == KIND_WRITE || r->kind == KIND_WRITE_EMPTY);
    if (!r || check_origin(c))
        ;
    else if (stopping)
        api_fail(c, 503, NULL, "the server is stopping");
    else if (p->too_big)
        api_fail(c, 413, "body", "the request body is larger than the limit of %zu bytes", srv->max_body);
    else if ((writes || strcmp(r->method, "POST") == 0) && check_content_type(c)) /* a POST that stores nothing too */
        ;
    else if (writes) {
        if ((*suspended = start_write(p, r)))
            return NULL;
    } else if (r->kind == KIND_ANALYSIS) {
        if ((*suspended = start_analysis(p, r)))
            return NULL;
    } else if (r->kind == KIND_READ)
        with_reader(c, r, read_route);
    else if (!with_reader(c, r, open_stream)) {
        struct MHD_Response *stream = c->stream;
        c->stream = NULL;
        c->status = 200;
        return stream;
    }
    return json_response(c);
}

/* The reply of a resumed request is being sent (or never will be): the stop no longer waits for it. */
static void reply_sent(pending *p)
{
    if (p->unsent) {
        p->unsent = 0;
        __atomic_sub_fetch(&p->c.srv->replies_unsent, 1, __ATOMIC_RELAXED);
    }
}

static void pending_free(pending *p)
{
    api_call *c = &p->c;
    reply_sent(p);
    json_decref(c->reply);
    json_decref(c->json);
    json_decref(c->pre_uploaded);
    json_decref(c->pre_text);
    json_decref(c->pre_public);
    parley_scenario_free(c->parsed);
    view_release(c->srv, c->pre_view);
    free(p->body);
    free(p);
}

static enum MHD_Result send_reply(pending *p, struct MHD_Response *resp)
{
    if (!resp)
        return MHD_NO;
    harden(resp);
    if (p->c.status == 405)
        MHD_add_response_header(resp, "Allow", p->allow);
    if (p->c.status == 503)
        MHD_add_response_header(resp, "Retry-After", "5");
    if (p->c.status == 429 && p->c.retry_after > 0) {
        char seconds[16];
        snprintf(seconds, sizeof seconds, "%d", p->c.retry_after);
        MHD_add_response_header(resp, "Retry-After", seconds);
    }
    enum MHD_Result ret = MHD_queue_response(p->conn, (unsigned)(p->c.status ? p->c.status : 500), resp);
    MHD_destroy_response(resp);
    return ret;
}

/* What the head of a request shows of its framing (RFC 9112 section 6.3: ambiguous framing is refused). */
typedef struct head_scan {
    unsigned content_length, transfer_encoding, host;
    int bad_name;
} head_scan;

static enum MHD_Result scan_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    head_scan *h = cls;
    (void)kind, (void)value;
    if (!key[0] || strpbrk(key, " \t"))
        h->bad_name = 1; /* "Transfer-Encoding : chunked": whitespace before the colon */
    h->content_length += strcasecmp(key, "Content-Length") == 0;
    h->transfer_encoding += strcasecmp(key, "Transfer-Encoding") == 0;
    h->host += strcasecmp(key, "Host") == 0;
    return MHD_YES;
}

/* Why the request head is refused, or NULL: a request that two parsers could frame differently is answered 400
 * and its connection closed (libmicrohttpd's strict mode refuses some of them first). */
static const char *ambiguous_head(struct MHD_Connection *conn, const char *version)
{
    head_scan h = {0, 0, 0, 0};
    MHD_get_connection_values(conn, MHD_HEADER_KIND, scan_header, &h);
    if (h.bad_name)
        return "a header name with whitespace in it or before its colon";
    if (h.content_length > 1)
        return "Content-Length given more than once";
    if (h.content_length && h.transfer_encoding)
        return "both Content-Length and Transfer-Encoding";
    if (h.transfer_encoding > 1)
        return "Transfer-Encoding given more than once";
    if (strcmp(version, "HTTP/1.1") == 0 && h.host != 1)
        return h.host ? "Host given more than once" : "an HTTP/1.1 request without Host";
    return NULL;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    parley_server *srv = cls;
    pending *p = *con_cls;
    if (!p) {
        if (!(p = calloc(1, sizeof *p)))
            return MHD_NO;
        *con_cls = p;
        p->conn = conn;
        p->c.srv = srv;
        p->c.conn = conn;
        const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if ((p->bad_http = ambiguous_head(conn, version)))
            ; /* answered below without reading the body, and the connection closed */
        else if (length && strtoull(length, NULL, 10) > srv->max_body)
            p->too_big = 1; /* answered below without reading the body; MHD then closes the connection */
        else
            return MHD_YES;
    }
    if (p->state == P_WAITING)
        return MHD_YES;
    if (p->state == P_DONE) {
        enum MHD_Result ret = send_reply(p, json_response(&p->c));
        reply_sent(p);
        return ret;
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
    guard_request_arrived(conn, 1);
    struct MHD_Response *resp;
    if (p->bad_http) {
        api_fail(&p->c, 400, NULL, "the request is ambiguous: %s (RFC 9112); the connection is closed", p->bad_http);
        if ((resp = json_response(&p->c)))
            MHD_add_response_header(resp, "Connection", "close");
    } else if (strncmp(url, "/api/", 5) == 0) {
        int suspended = 0;
        if (!(resp = handle_api(srv, p, method, url + 5, &suspended)) && suspended)
            return MHD_YES; /* called again once the reply is ready */
    } else if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        snprintf(p->allow, sizeof p->allow, "GET, HEAD");
        api_fail(&p->c, 405, NULL, "method %.20s is not allowed on %.300s (allowed: GET, HEAD)", method, url);
        resp = json_response(&p->c);
    } else {
        int status = 200;
        if (!(resp = static_response(srv, url, &status))) {
            api_fail(&p->c, 404, NULL, "no such file: %.300s", url);
            resp = json_response(&p->c);
        } else
            p->c.status = status;
    }
    return send_reply(p, resp);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)toe;
    pending *p = *con_cls;
    if (p) {
        pending_free(p);
        *con_cls = NULL;
    }
    guard_request_arrived(conn, 0);
}

int parley_server_schema_version(void)
{
    return STORE_SCHEMA_VERSION;
}

uint16_t parley_server_port(const parley_server *server)
{
    return server->port;
}

/* A write at start: a database that cannot be written is refused now rather than at the first request. */
static int probe_writable(parley_server *srv, const char *target, parley_error *err)
{
    char path[512];
    db_display_name(target, path, sizeof path);
    store_conn *w = store_writer(srv->db);
    int rc = db_readonly(w->db) ? DB_READONLY : store_begin_write(w);
    if (rc == DB_OK) {
        rc = store_set_version(w, store_version(w));
        rc = rc == DB_OK ? store_exec(w, "COMMIT") : rc;
        if (rc != DB_OK)
            store_exec(w, "ROLLBACK");
    }
    const char *why = rc == DB_READONLY && db_readonly(w->db) ? "it is read-only" : db_errmsg(w->db);
    store_writer_release(srv->db, w);
    if (rc != DB_OK)
        return parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "the database cannot be written: %s", why);
    srv->writable = 1;
    return PARLEY_OK;
}

/* The origins trusted for requests from browsers: the server's own (by address, and by name on loopback) and the
 * extra ones of the options. */
static int set_origins(parley_server *srv, const parley_server_options *o, const char *address)
{
    size_t n = 3 + o->allow_origin_count;
    if (!(srv->origins = calloc(n, sizeof *srv->origins)))
        return -1;
    char own[96];
    snprintf(own, sizeof own, "http://%s:%u", address, (unsigned)srv->port);
    srv->origins[srv->origin_count++] = strdup(own);
    if (strncmp(address, "127.", 4) == 0) {
        snprintf(own, sizeof own, "http://localhost:%u", (unsigned)srv->port);
        srv->origins[srv->origin_count++] = strdup(own);
    }
    for (size_t i = 0; i < o->allow_origin_count; i++)
        srv->origins[srv->origin_count++] = strdup(o->allow_origins[i]);
    for (size_t i = 0; i < srv->origin_count; i++)
        if (!srv->origins[i])
            return -1;
    return 0;
}

/* The connection limit: the option, or 1024, kept below the descriptors this process may open. */
static unsigned connection_limit(unsigned wanted)
{
    unsigned limit = wanted ? wanted : 1024;
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < (rlim_t)limit + 64)
        limit = rl.rlim_cur > 128 ? (unsigned)rl.rlim_cur - 64 : 64;
    return limit;
}

static void set_options(parley_server *srv, const parley_server_options *o)
{
    srv->max_body = o->max_body ? o->max_body : (size_t)1 << 20;
    srv->request_ms = (o->request_seconds ? o->request_seconds : 10) * 1000u;
    srv->max_streams_per_token = o->max_streams_per_token ? o->max_streams_per_token : 4;
    srv->analysis_seconds = o->analysis_seconds > 0 ? o->analysis_seconds : 5;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    srv->max_analyses = o->max_analyses ? o->max_analyses : cores > 0 ? (unsigned)cores : 1;
    srv->limits = o->limits;
    srv->budgets = o->budgets;
    budget_defaults(&srv->budgets, srv->max_analyses);
    if (!srv->limits.values_per_issue)
        srv->limits.values_per_issue = 100000;
    if (!srv->limits.parties)
        srv->limits.parties = 64;
    if (!srv->limits.table_cells)
        srv->limits.table_cells = 2000000;
    if (!srv->limits.exact_outcomes)
        srv->limits.exact_outcomes = 100000000;
    srv->open = o->open;
    if (o->admin_token && o->admin_token[0]) {
        srv->has_admin = 1;
        auth_sha256_hex(o->admin_token, strlen(o->admin_token), srv->admin_hash);
    }
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
    pthread_mutex_init(&srv->cache_mu, NULL);
    pthread_mutex_init(&srv->budget_mu, NULL);
    pthread_mutex_init(&srv->view_mu, NULL);
    pthread_mutex_init(&srv->wq.mu, NULL);
    pthread_cond_init(&srv->wq.cv, NULL);
    pthread_mutex_init(&srv->guard_mu, NULL);
    pthread_cond_init(&srv->guard_cv, NULL);
    pthread_mutex_init(&srv->jobs_mu, NULL);
    pthread_cond_init(&srv->jobs_cv, NULL);
    set_options(srv, options);
    int rc;
    if (options->web_dir && (!(srv->web_dir = strdup(options->web_dir)) ||
                             (!(srv->web_real = realpath(options->web_dir, NULL)) && errno == ENOMEM))) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto fail;
    }
    if ((rc = store_open(options->db_path, options->sync == PARLEY_SYNC_FULL, STORE_SCHEMA_VERSION, &srv->db, err)) ||
        (rc = probe_writable(srv, options->db_path, err)))
        goto fail;
    /* Live streams start from the last event already stored. */
    store_conn *w = store_writer(srv->db);
    db_stmt *st = store_stmt(w, "SELECT COALESCE(MAX(seq), 0) FROM events");
    if (st && db_step(st) == DB_ROW)
        srv->ev_seq = db_column_int64(st, 0);
    if (st)
        db_reset(st);
    store_writer_release(srv->db, w);
    if ((rc = claims_start(srv, err)) || (rc = writer_start(srv, err)) || (rc = guard_start(srv, err)) ||
        (rc = jobs_start(srv, options, err)) || (rc = seat_runner_start(srv, options, err)) ||
        (rc = listen_start(srv, err)))
        goto fail;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    srv->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME, options->port, NULL, NULL,
        on_request, srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)(cores > 1 ? cores : 1), MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
        MHD_OPTION_NOTIFY_CONNECTION, guard_notify, srv, MHD_OPTION_CONNECTION_LIMIT,
        connection_limit(options->max_connections), MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        options->max_per_address ? options->max_per_address : 64u, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_END);
    if (!srv->daemon) {
        rc = parley_error_set(err, PARLEY_EIO, "cannot listen on %s:%u (port in use?)", address,
                              (unsigned)options->port);
        goto fail;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : options->port;
    if (set_origins(srv, options, address)) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto fail;
    }
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
    /* New requests get 503; live streams end; analyses are killed; queued writes are committed and answered. */
    pthread_mutex_lock(&srv->ev_mu);
    srv->stopping = 1;
    pthread_mutex_unlock(&srv->ev_mu);
    listen_stop(srv);
    sse_stop_all(srv);
    jobs_stop_all(srv);
    seat_runner_stop(srv);
    writer_stop(srv);
    /* The replies of the last writes and analyses are queued by the polling threads: let them (at most 1 s). */
    for (int i = 0; i < 100 && __atomic_load_n(&srv->replies_unsent, __ATOMIC_RELAXED) > 0; i++)
        usleep(10000);
    if (srv->daemon)
        MHD_stop_daemon(srv->daemon);
    guard_stop(srv);
    claims_stop(srv); /* after the streams and analyses that held slots */
    scenario_cache_clear(srv);
    view_cache_clear(srv);
    store_close(srv->db);
    pthread_mutex_destroy(&srv->ev_mu);
    pthread_mutex_destroy(&srv->cache_mu);
    pthread_mutex_destroy(&srv->budget_mu);
    pthread_mutex_destroy(&srv->view_mu);
    budget_map_free(&srv->buckets);
    budget_map_free(&srv->stored);
    pthread_mutex_destroy(&srv->wq.mu);
    pthread_cond_destroy(&srv->wq.cv);
    pthread_mutex_destroy(&srv->guard_mu);
    pthread_cond_destroy(&srv->guard_cv);
    pthread_mutex_destroy(&srv->jobs_mu);
    pthread_cond_destroy(&srv->jobs_cv);
    for (size_t i = 0; i < srv->origin_count; i++)
        free(srv->origins[i]);
    free(srv->origins);
    free(srv->web_dir);
    free(srv->web_real);
    free(srv->analysis_program);
    free(srv);
}

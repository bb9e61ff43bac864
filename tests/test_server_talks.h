/*
 * test_server_talks.h: one negotiation ready for the containment tests
 * (test_server_budget.c, test_server_strict.c, ...): an in-process server with
 * the options the test chose, Buyer and Seller over one integer issue, Broker
 * mediating (each party with a description written for it), and the three tokens; and counters of what was stored, read back
 * through the API; requests run in turn (talks_steps, talks_text_tabled); and the count of the descriptors the
 * process has open.
 */
#ifndef PARLEY_TEST_SERVER_TALKS_H
#define PARLEY_TEST_SERVER_TALKS_H

#pragma GCC diagnostic ignored "-Wunused-function" /* each test uses part of the helpers */
#include "test_db.h"
#include <dirent.h>
#include "test_tmpdir.h"
#include "test_server_http.h"

#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>

static const char talks_scenario[] =
    "{\"scenario\": {\"title\": \"Budget\", \"issues\": [{\"name\": \"price\", \"type\": \"integer\", \"min\": 0, "
    "\"max\": 2}], \"parties\": ["
    " {\"name\": \"Buyer\", \"description\": \"Buyer's brief\", \"reservation\": 0.25, \"preferences\": {\"price\": {\"weight\": 1, \"function\": "
    "{\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}},"
    " {\"name\": \"Seller\", \"description\": \"Seller's brief\", \"reservation\": 0.25, \"preferences\": {\"price\": {\"weight\": 1, \"function\": "
    "{\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
    " {\"name\": \"Broker\", \"role\": \"mediator\"}]}}";

typedef struct talks {
    char dir[128], db[160];
    parley_server *srv;
    uint16_t port;
    char med[65], buyer[65], seller[65];
} talks;

static void talks_keep_token(http_resp *r, const char *object, char out[65])
{
    assert_int_equal(r->status, 201);
    const char *t = object ? jstr(r, object, "token") : jstr(r, "token", NULL);
    assert_non_null(t);
    assert_int_equal(strlen(t), 64);
    memcpy(out, t, 65);
    http_resp_free(r);
}

/* Starts a server with the options o (db_path, sync and open are set here) and negotiation 1 in it, made of
 * `scenario` (a POST /api/negotiations body with the parties Buyer, Seller and a mediator): Broker is
 * participant 1, Buyer 2, Seller 3. */
static void talks_open_scenario(talks *w, parley_server_options *o, const char *scenario)
{
    memset(w, 0, sizeof *w);
    assert_non_null(test_tmpdir_make(w->dir, sizeof w->dir, "talks"));
    assert_int_equal(test_db_target(w->db, sizeof w->db, w->dir, "p.db"), 0);
    o->db_path = w->db;
    if (!o->analysis_program) /* "": none */
        o->analysis_program = ANALYSIS_PROGRAM;
    o->sync = PARLEY_SYNC_NORMAL;
    o->open = 1;
    if (!(o->analysis_seconds > 0)) /* a bound on a hang unless the test sets its own: 5 s gave 503 under ASan */
        o->analysis_seconds = 300;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_server_start(o, &w->srv, &err), PARLEY_OK);
    w->port = parley_server_port(w->srv);
    http_resp r = http_request(w->port, "POST", "/api/negotiations", NULL, scenario);
    talks_keep_token(&r, "participant", w->med);
    r = http_json(w->port, "POST", "/api/negotiations/1/participants", w->med,
                  json_pack("{s:s,s:s}", "name", "Buyer", "role", "party"));
    assert_int_equal(jint(&r, "id", NULL), 2);
    talks_keep_token(&r, NULL, w->buyer);
    r = http_json(w->port, "POST", "/api/negotiations/1/participants", w->med,
                  json_pack("{s:s,s:s}", "name", "Seller", "role", "party"));
    assert_int_equal(jint(&r, "id", NULL), 3);
    talks_keep_token(&r, NULL, w->seller);
}

/* talks_open_scenario on the Budget scenario above. */
static void talks_open(talks *w, parley_server_options *o)
{
    talks_open_scenario(w, o, talks_scenario);
}

static void talks_close(talks *w)
{
    parley_server_stop(w->srv);
    assert_int_equal(test_tmpdir_remove(w->dir), 0);
}

/* The cmocka teardown of a test whose setup put an allocated talks, opened, into *state. */
static int talks_teardown(void **state)
{
    talks *w = *state;
    talks_close(w);
    free(w);
    return 0;
}

/* Events of negotiation 1 of `kind` the mediator sees on the timeline (it sees every event). */
__attribute__((unused)) static size_t talks_count_events(talks *w, const char *kind)
{
    http_resp r = http_request(w->port, "GET", "/api/negotiations/1/timeline?limit=1000", w->med, NULL);
    assert_int_equal(r.status, 200);
    json_t *events = json_object_get(r.json, "events");
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(events); i++)
        n += strcmp(json_string_value(json_object_get(json_array_get(events, i), "kind")), kind) == 0;
    http_resp_free(&r);
    return n;
}

/* Posts a message of `bytes` bytes ('m' repeated) with `token`; the reply. */
__attribute__((unused)) static http_resp talks_message(talks *w, const char *token, size_t bytes)
{
    char *text = malloc(bytes + 1);
    assert_non_null(text);
    memset(text, 'm', bytes);
    text[bytes] = '\0';
    http_resp r = http_json(w->port, "POST", "/api/negotiations/1/messages", token, json_pack("{s:s}", "body", text));
    free(text);
    return r;
}

/* One request that must answer `status`; the reply (the caller frees it). */
__attribute__((unused)) static http_resp talks_call(talks *w, const char *method, const char *path, const char *token,
                                                    const char *body, int status)
{
    http_resp r = http_request(w->port, method, path, token, body);
    if (r.status != status)
        fail_msg("%s %s: expected %d, got %d: %s", method, path, status, r.status, r.body ? r.body : "(no body)");
    return r;
}

/* The reply is `status`, the error says it too, names `field` (NULL: none) and its message is `message`. */
__attribute__((unused)) static void talks_expect_error(talks *w, const char *method, const char *path,
                                                       const char *token, const char *body, int status,
                                                       const char *field, const char *message)
{
    http_resp r = talks_call(w, method, path, token, body, status);
    assert_int_equal(jint(&r, "error", "status"), status);
    if (field)
        assert_string_equal(jstr(&r, "error", "field"), field);
    else
        assert_true(json_is_null(json_object_get(json_object_get(r.json, "error"), "field")));
    assert_string_equal(jstr(&r, "error", "message"), message);
    http_resp_free(&r);
}

/* Asks for the live stream of negotiation n with `token` on a socket of its own and reads the first bytes of the
 * reply (up to `size` - 1, NUL-terminated, into first; 120 s bound a hang); its status.  The socket is in *fd
 * (the caller closes it). */
__attribute__((unused)) static int talks_stream(talks *w, int64_t n, const char *token, int *fd, char *first,
                                                size_t size)
{
    *fd = http_connect(w->port);
    assert_true(*fd >= 0);
    char head[300];
    int len = snprintf(head, sizeof head,
                       "GET /api/negotiations/%lld/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n",
                       (long long)n, token);
    assert_int_equal(send(*fd, head, (size_t)len, MSG_NOSIGNAL), len);
    ssize_t k = recv(*fd, first, size - 1, 0); /* the socket's receive timeout bounds a hang */
    assert_true(k > 0);
    first[k] = '\0';
    int status = 0;
    assert_int_equal(sscanf(first, "HTTP/1.1 %d", &status), 1);
    return status;
}

/* Writes a program for the server to run (a seat or analysis program: a shell script) to `path`, its text printf'd
 * from `fmt`, and gives it `mode`; fails the test on any error. */
__attribute__((unused, format(printf, 3, 4))) static void talks_write_program(const char *path, mode_t mode,
                                                                              const char *fmt, ...)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, mode), 0);
}

/* The requests steps[0..n-1] (method, path, who: 'm' the mediator, 'b' the Buyer, 's' the Seller, body) in turn;
   fails on one not answered 200 or 201. */
static void talks_steps(talks *w, const char *const (*steps)[4], size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *token = steps[i][2][0] == 'm' ? w->med : steps[i][2][0] == 'b' ? w->buyer : w->seller;
        http_resp r = http_request(w->port, steps[i][0], steps[i][1], token, steps[i][3]);
        if (r.status != 200 && r.status != 201)
            fail_msg("%s %s: %d %s", steps[i][0], steps[i][1], r.status, r.body ? r.body : "");
        http_resp_free(&r);
    }
}

/* The Buyer's profile (reservation 0.25, price 1 worth 0.8), a session opened and text 1 (price 1) tabled. */
static void talks_text_tabled(talks *w)
{
    static const char *const steps[][4] = {
        {"PUT", "/api/negotiations/1/profile", "b",
         "{\"reservation\": 0.25, \"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 1, \"1\": 0.8, "
         "\"2\": 0}}}}"},
        {"POST", "/api/negotiations/1/sessions", "m", "{\"venue\": \"Geneva\"}"},
        {"POST", "/api/negotiations/1/texts", "m", "{\"outcome\": {\"price\": 1}}"},
    };
    talks_steps(w, steps, sizeof steps / sizeof steps[0]);
}

/* The descriptors open in this process. */
static int open_descriptors(void)
{
    DIR *d = opendir("/proc/self/fd");
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n - 1; /* less the directory's own */
}

#endif

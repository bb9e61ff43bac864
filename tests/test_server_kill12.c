/*
 * test_server_kill12.c: server behaviours no test pinned exactly (issue 27,
 * the src/server mutants that survived): the live stream's bytes (each event
 * as "id: SEQ" and "data: " the timeline's own JSON, after ?after= or
 * Last-Event-ID, then the events committed while it is open); the streams one
 * token may hold; what the server answers for each way its analysis program
 * can end (exit status, no reply, not JSON, its own status passed through, the
 * budget of seconds); the analysis program refused at start; the mediator's
 * check of amendments (each party's latest answer only, one party or all);
 * and the bounds of advice/me?limit (1..20), improvements?limit (1..100) and
 * the documents of one upload (1..64).  Values are worked out by hand from
 * docs/api.md for the Budget scenario of test_server_talks.h.  No timing is
 * asserted: the one budget of seconds is met by a program that sleeps a minute.
 * The name starts with test_server for the server library (tests/CMakeLists.txt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_json_expect.h"
#include "test_server_jobs.h"
#include "test_server_talks.h"

#include <poll.h>
#include <sys/stat.h>

static void drop(http_resp r)
{
    http_resp_free(&r);
}

/* ---- the live stream ---- */

/* A stream being read: the raw bytes, and the de-chunked body so far. */
typedef struct stream {
    int fd;
    char raw[1 << 16], body[1 << 16];
    size_t raw_len, raw_used, body_len;
    int head_done;
} stream;

static void stream_open(stream *s, talks *w, const char *path, const char *token, const char *headers)
{
    memset(s, 0, sizeof *s);
    s->fd = http_connect(w->port);
    assert_true(s->fd >= 0);
    assert_int_equal(http_send(s->fd, "GET", path, token, NULL, 0, headers), 0);
}

/* Moves whole chunks from raw to body. */
static void stream_dechunk(stream *s)
{
    if (!s->head_done) {
        char *end = strstr(s->raw, "\r\n\r\n");
        if (!end)
            return;
        assert_non_null(strstr(s->raw, "HTTP/1.1 200"));
        assert_non_null(strstr(s->raw, "text/event-stream"));
        s->raw_used = (size_t)(end + 4 - s->raw);
        s->head_done = 1;
    }
    for (;;) {
        char *p = s->raw + s->raw_used, *eol = strstr(p, "\r\n");
        if (!eol)
            return;
        size_t size = strtoul(p, NULL, 16);
        size_t need = (size_t)(eol + 2 - p) + size + 2;
        if (s->raw_len - s->raw_used < need)
            return;
        memcpy(s->body + s->body_len, eol + 2, size);
        s->body_len += size;
        s->body[s->body_len] = '\0';
        s->raw_used += need;
    }
}

/* Reads until the body holds `blocks` blocks ("...\n\n"); asserts they came (the client's receive timeout bounds
 * a hang). */
static void stream_until_blocks(stream *s, size_t blocks)
{
    for (;;) {
        size_t n = 0;
        for (const char *p = s->body; (p = strstr(p, "\n\n")); p += 2)
            n++;
        if (n >= blocks)
            return;
        ssize_t k = recv(s->fd, s->raw + s->raw_len, sizeof s->raw - 1 - s->raw_len, 0);
        if (k <= 0)
            fail_msg("the stream ended after %zu of %zu blocks: %s", n, blocks, s->body);
        s->raw_len += (size_t)k;
        s->raw[s->raw_len] = '\0';
        stream_dechunk(s);
    }
}

/* Block `i` of the body (a new string). */
static char *stream_block(const stream *s, size_t i)
{
    const char *p = s->body;
    for (size_t k = 0; k < i; k++)
        p = strstr(p, "\n\n") + 2;
    const char *end = strstr(p, "\n\n");
    return strndup(p, (size_t)(end - p));
}

/* Block `i` must be event `ev` of the timeline: "id: SEQ\ndata: JSON" with the same JSON. */
static void assert_block_is_event(const stream *s, size_t i, json_t *ev)
{
    char *block = stream_block(s, i), head[64];
    snprintf(head, sizeof head, "id: %lld\ndata: ", (long long)json_integer_value(json_object_get(ev, "seq")));
    if (strncmp(block, head, strlen(head)) != 0)
        fail_msg("block %zu is '%s', expected it to start '%s'", i, block, head);
    json_t *data = json_loads(block + strlen(head), 0, NULL);
    assert_non_null(data);
    assert_true(json_equal(data, ev));
    json_decref(data);
    free(block);
}

static int world_setup(void **state)
{
    talks *w = malloc(sizeof *w);
    assert_non_null(w);
    parley_server_options o = {0};
    o.max_streams_per_token = 2;
    talks_open(w, &o);
    *state = w;
    return 0;
}

/*
 * The Seller's stream: "retry: 2000", then every event the Seller may see after ?after= (not the Buyer's message
 * to the mediator), each "id: SEQ" and "data: " the timeline's JSON of it; then an event committed while it is
 * open.  Last-Event-ID is taken before ?after=.
 */
static void test_stream_bytes(void **state)
{
    talks *w = *state;
    const char *messages = "/api/negotiations/1/messages";
    drop(talks_call(w, "POST", messages, w->buyer, "{\"body\": \"b to m\", \"to\": 1}", 201));
    drop(talks_call(w, "POST", messages, w->med, "{\"body\": \"m to s\", \"to\": 3}", 201));
    drop(talks_call(w, "POST", messages, w->med, "{\"body\": \"m to all\"}", 201));
    http_resp t = talks_call(w, "GET", "/api/negotiations/1/timeline", w->seller, NULL, 200);
    json_t *events = json_object_get(t.json, "events");
    /* created, 3 joined, m to s, m to all */
    assert_int_equal(json_array_size(events), 6);
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_array_get(events, 4), "data"), "body")),
                        "m to s");
    char path[128];
    snprintf(path, sizeof path, "/api/negotiations/1/events?after=%lld",
             (long long)json_integer_value(json_object_get(json_array_get(events, 1), "seq")));
    stream s;
    stream_open(&s, w, path, w->seller, NULL);
    stream_until_blocks(&s, 5);
    char *retry = stream_block(&s, 0);
    assert_string_equal(retry, "retry: 2000");
    free(retry);
    for (size_t i = 2; i < 6; i++)
        assert_block_is_event(&s, i - 1, json_array_get(events, i));
    /* Live: the mediator's next message to everyone, and not the Buyer's next to the mediator. */
    drop(talks_call(w, "POST", messages, w->buyer, "{\"body\": \"b again\", \"to\": 1}", 201));
    drop(talks_call(w, "POST", messages, w->med, "{\"body\": \"live\"}", 201));
    stream_until_blocks(&s, 6);
    char *block = stream_block(&s, 5);
    assert_non_null(strstr(block, "\"body\":\"live\""));
    assert_null(strstr(s.body, "b again"));
    assert_null(strstr(s.body, "b to m"));
    free(block);
    close(s.fd);
    /* Last-Event-ID (seq of event 3) wins over ?after= (seq of event 0): events 4 and 5 first. */
    char header[96];
    snprintf(header, sizeof header, "Last-Event-ID: %lld\r\n",
             (long long)json_integer_value(json_object_get(json_array_get(events, 3), "seq")));
    snprintf(path, sizeof path, "/api/negotiations/1/events?after=%lld",
             (long long)json_integer_value(json_object_get(json_array_get(events, 0), "seq")));
    stream_open(&s, w, path, w->seller, header);
    stream_until_blocks(&s, 3);
    assert_block_is_event(&s, 1, json_array_get(events, 4));
    assert_block_is_event(&s, 2, json_array_get(events, 5));
    close(s.fd);
    http_resp_free(&t);
}

/* One token holds at most --max-streams (2 here): the third is refused 429; another token's stream is taken. */
static void test_streams_per_token(void **state)
{
    talks *w = *state;
    stream a, b, c;
    stream_open(&a, w, "/api/negotiations/1/events", w->buyer, NULL);
    stream_until_blocks(&a, 1);
    stream_open(&b, w, "/api/negotiations/1/events", w->buyer, NULL);
    stream_until_blocks(&b, 1);
    stream_open(&c, w, "/api/negotiations/1/events", w->buyer, NULL); /* read as a stream: an admitted one never ends */
    char head[4096];
    size_t len = 0;
    ssize_t k;
    while (len < sizeof head - 1 && (k = recv(c.fd, head + len, sizeof head - 1 - len, 0)) > 0) {
        len += (size_t)k;
        head[len] = '\0';
        if (strstr(head, "\r\n\r\n") && !strstr(head, "HTTP/1.1 429"))
            break; /* admitted: its stream would never end */
    }
    head[len] = '\0';
    close(c.fd);
    if (!strstr(head, "HTTP/1.1 429"))
        fail_msg("a third stream of one token: %s", head);
    assert_non_null(strstr(head, "{\"error\":{\"status\":429,\"field\":null,\"message\":\"this token already has 2 live "
                                 "streams open (the server's limit per token)\"}}"));
    stream_open(&c, w, "/api/negotiations/1/events", w->seller, NULL);
    stream_until_blocks(&c, 1);
    close(a.fd);
    close(b.fd);
    close(c.fd);
}

/* ---- the analysis program ---- */

/* Starts a server whose analysis program is a shell script of `body` (after "#!/bin/sh" and reading the
 * request), with `seconds` of budget (0: the default of the fixture); runs GET analysis and checks the reply's
 * status and JSON. */
static void analysis_ends(const char *body, double seconds, int status, const char *expected)
{
    char dir[128], program[192];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "program"));
    snprintf(program, sizeof program, "%s/analysis.sh", dir);
    talks_write_program(program, 0755, "#!/bin/sh\ncat > /dev/null\n%s\n", body);
    talks w;
    parley_server_options o = {0};
    o.analysis_program = program;
    o.analysis_seconds = seconds;
    talks_open(&w, &o);
    http_resp r = talks_call(&w, "GET", "/api/negotiations/1/analysis", w.med, NULL, status);
    assert_json(r.json, expected);
    if (status == 503) /* the server's advice to come back */
        assert_non_null(strstr(r.raw, "\r\nRetry-After: 5\r\n"));
    http_resp_free(&r);
    talks_close(&w);
    assert_int_equal(test_tmpdir_remove(dir), 0);
}

static void test_analysis_program_endings(void **state)
{
    (void)state;
    analysis_ends("exit 3", 0, 500,
                  "{\"error\": {\"status\": 500, \"field\": null, \"message\": \"the analysis failed (its process ended with status "
                  "768)\"}}");
    analysis_ends("printf 'not json'", 0, 500,
                  "{\"error\": {\"status\": 500, \"field\": null, \"message\": \"the analysis failed (its process ended with status "
                  "0)\"}}");
    analysis_ends("printf '{\"status\": 207, \"reply\": {\"seen\": [1, 2]}}'; exit 4", 0, 500,
                  "{\"error\": {\"status\": 500, \"field\": null, \"message\": \"the analysis failed (its process ended with status "
                  "1024)\"}}");
    analysis_ends("printf '{\"status\": 200}'", 0, 500,
                  "{\"error\": {\"status\": 500, \"field\": null, \"message\": \"the analysis gave no reply\"}}");
    analysis_ends("printf '{\"status\": 207, \"reply\": {\"seen\": [1, 2]}}'", 0, 207, "{\"seen\": [1, 2]}");
    analysis_ends("exec sleep 60", 0.25, 503,
                  "{\"error\": {\"status\": 503, \"field\": null, \"message\": \"the analysis did not finish within its budget of 0.25 "
                  "seconds (the server's --analysis-seconds); it was stopped\"}}");
}

/* A server is not started with an analysis program that does not exist or cannot run. */
static void test_analysis_program_refused_at_start(void **state)
{
    (void)state;
    char dir[128], db[160], program[192];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "program"));
    assert_int_equal(test_db_target(db, sizeof db, dir, "p.db"), 0);
    snprintf(program, sizeof program, "%s/not-executable.sh", dir);
    talks_write_program(program, 0644, "#!/bin/sh\n");
    char missing[192], why[512];
    snprintf(missing, sizeof missing, "%s/missing", dir);
    const char *programs[] = {missing, program}, *reasons[] = {"No such file or directory", "Permission denied"};
    for (int i = 0; i < 2; i++) {
        parley_server_options o = {0};
        o.db_path = db;
        o.analysis_program = programs[i];
        o.open = 1;
        parley_server *srv = NULL;
        parley_error err;
        parley_error_clear(&err);
        assert_int_equal(parley_server_start(&o, &srv, &err), PARLEY_EINVAL);
        assert_null(srv);
        snprintf(why, sizeof why, "the analysis program '%s': %s", programs[i], reasons[i]);
        assert_string_equal(err.message, why);
    }
    assert_int_equal(test_tmpdir_remove(dir), 0);
}

/* ---- amendments, and the bounds of the advice's and improvements' limit ---- */

static void table_text(talks *w, const char *outcome)
{
    drop(talks_call(w, "POST", "/api/negotiations/1/sessions", w->med, "{\"venue\": \"Geneva\"}", 201));
    char body[128];
    snprintf(body, sizeof body, "{\"outcome\": %s}", outcome);
    drop(talks_call(w, "POST", "/api/negotiations/1/texts", w->med, body, 201));
}

/* The parties' names in the reply's "parties" (participant:name:response, joined by spaces). */
static void assert_amending(talks *w, const char *query, const char *expected)
{
    char path[128], got[256] = "";
    snprintf(path, sizeof path, "/api/negotiations/1/analysis/amendments%s", query);
    http_resp r = talks_call(w, "GET", path, w->med, NULL, 200);
    json_t *parties = json_object_get(r.json, "parties");
    for (size_t i = 0; i < json_array_size(parties); i++) {
        json_t *p = json_array_get(parties, i);
        size_t n = strlen(got);
        snprintf(got + n, sizeof got - n, "%s%lld:%s:%lld", i ? " " : "",
                 (long long)json_integer_value(json_object_get(p, "participant")),
                 json_string_value(json_object_get(p, "name")),
                 (long long)json_integer_value(json_object_get(p, "response")));
    }
    assert_string_equal(got, expected);
    assert_json(json_object_get(r.json, "text"), "{\"id\": 1, \"number\": 1, \"outcome\": {\"price\": 1}}");
    http_resp_free(&r);
}

/*
 * Text price 1.  The Buyer amends to 0 (its utility 1, the Seller's 0 < 0.25: the Seller rejects it), the
 * Seller to 2 (the other way round).  Both are listed, in participant order, each with its amendment read back
 * and its effect; ?participant= lists one; once the Buyer answers again (accept), only the Seller's amendment
 * is listed; once the Buyer uploads a profile, "profiles" says so.
 */
static void test_amendments_latest_answer_only(void **state)
{
    talks *w = *state;
    table_text(w, "{\"price\": 1}");
    const char *responses = "/api/negotiations/1/texts/1/responses";
    drop(talks_call(w, "POST", responses, w->buyer,
                    "{\"answer\": \"amend\", \"amendments\": [{\"issue\": \"price\", \"value\": 0, \"reason\": \"cheaper\"}]}",
                    201));
    drop(talks_call(w, "POST", responses, w->seller, "{\"answer\": \"amend\", \"amendments\": [{\"issue\": \"price\", "
                                               "\"value\": 2}]}", 201));
    assert_amending(w, "", "2:Buyer:1 3:Seller:2");
    assert_amending(w, "?participant=3", "3:Seller:2");
    assert_amending(w, "?participant=2", "2:Buyer:1");
    talks_expect_error(w, "GET", "/api/negotiations/1/analysis/amendments?participant=0", w->med, NULL, 400,
                       "participant",
                       "participant: '0' is not a participant id");
    talks_expect_error(w, "GET", "/api/negotiations/1/analysis/amendments?participant=1", w->med, NULL, 404,
                       "participant",
                       "participant: no party 1 in this negotiation");
    http_resp r = talks_call(w, "GET", "/api/negotiations/1/analysis/amendments", w->med, NULL, 200);
    json_t *buyer = json_array_get(json_object_get(r.json, "parties"), 0);
    json_t *first = json_array_get(json_object_get(buyer, "amendments"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "issue")), "price");
    assert_int_equal(json_integer_value(json_object_get(first, "from")), 1);
    assert_int_equal(json_integer_value(json_object_get(first, "value")), 0);
    assert_string_equal(json_string_value(json_object_get(first, "reason")), "cheaper");
    assert_json(json_object_get(first, "accepted_by"), "[\"Buyer\"]");
    assert_json(json_object_get(first, "rejected_by"), "[\"Seller\"]");
    json_t *seller = json_array_get(json_object_get(r.json, "parties"), 1);
    json_t *second = json_array_get(json_object_get(seller, "amendments"), 0);
    assert_json(json_object_get(second, "accepted_by"), "[\"Seller\"]");
    assert_json(json_object_get(second, "rejected_by"), "[\"Buyer\"]");
    assert_json(json_object_get(r.json, "profiles"), "{\"Buyer\": \"scenario\", \"Seller\": \"scenario\"}");
    http_resp_free(&r);
    drop(talks_call(w, "POST", responses, w->buyer, "{\"answer\": \"accept\"}", 201));
    assert_amending(w, "", "3:Seller:2");
    assert_amending(w, "?participant=2", "");
    drop(talks_call(w, "PUT", "/api/negotiations/1/profile", w->buyer,
                    "{\"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 1, \"1\": 0.5, \"2\": 0}}}}", 200));
    r = talks_call(w, "GET", "/api/negotiations/1/analysis/amendments", w->med, NULL, 200);
    assert_json(json_object_get(r.json, "profiles"), "{\"Buyer\": \"uploaded\", \"Seller\": \"scenario\"}");
    http_resp_free(&r);
}

/* advice/me?limit: 1 and 20 pass (to "no text" here), 0, 21, -1 (out of range), "", "5x", "+5" and " 5" (not a
 * plain decimal number) are refused, each with its reason. */
static void test_advice_limit_bounds(void **state)
{
    talks *w = *state;
    drop(talks_call(w, "PUT", "/api/negotiations/1/profile", w->buyer,
                    "{\"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 1, \"1\": 0.5, \"2\": 0}}}}", 200));
    static const char *const passed[] = {"1", "20"};
    static const char *const refused[][2] = {{"0", "limit: 0 is outside 1..20"},
                                             {"21", "limit: 21 is outside 1..20"},
                                             {"-1", "limit: -1 is outside 1..20"},
                                             {"", "limit: '' is not a whole number (expected 1..20)"},
                                             {"5x", "limit: '5x' is not a whole number (expected 1..20)"},
                                             {"%2B5", "limit: '+5' is not a whole number (expected 1..20)"},
                                             {"%205", "limit: ' 5' is not a whole number (expected 1..20)"}};
    char path[96];
    for (size_t i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "/api/negotiations/1/advice/me?limit=%s", passed[i]);
        talks_expect_error(w, "GET", path, w->buyer, NULL, 404, NULL, "no text has been tabled yet");
    }
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        snprintf(path, sizeof path, "/api/negotiations/1/advice/me?limit=%s", refused[i][0]);
        talks_expect_error(w, "GET", path, w->buyer, NULL, 400, "limit", refused[i][1]);
    }
}

/* improvements?limit after an agreement: 1 and 100 are answered (no package is better for both here: the
 * parties want the price in opposite directions), 0, 101, "" and "7x" are refused. */
static void test_improvements_limit_bounds(void **state)
{
    talks *w = *state;
    table_text(w, "{\"price\": 1}");
    drop(talks_call(w, "POST", "/api/negotiations/1/texts/1/responses", w->buyer, "{\"answer\": \"accept\"}", 201));
    drop(talks_call(w, "POST", "/api/negotiations/1/texts/1/responses", w->seller, "{\"answer\": \"accept\"}", 201));
    static const char *const passed[] = {"1", "100"};
    static const char *const refused[][2] = {{"0", "limit: 0 is outside 1..100"},
                                             {"101", "limit: 101 is outside 1..100"},
                                             {"", "limit: '' is not a whole number (expected 1..100)"},
                                             {"7x", "limit: '7x' is not a whole number (expected 1..100)"}};
    char path[96];
    for (size_t i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "/api/negotiations/1/improvements?limit=%s", passed[i]);
        http_resp r = talks_call(w, "GET", path, w->med, NULL, 200);
        assert_int_equal(json_array_size(json_object_get(r.json, "improvements")), 0);
        http_resp_free(&r);
    }
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        snprintf(path, sizeof path, "/api/negotiations/1/improvements?limit=%s", refused[i][0]);
        talks_expect_error(w, "GET", path, w->med, NULL, 400, "limit", refused[i][1]);
    }
}

/* An upload of n documents {"name": "d.xml", "content": "<x/>"}. */
static char *documents_of(size_t n)
{
    json_t *docs = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(docs, json_pack("{s:s,s:s}", "name", "d.xml", "content", "<x/>"));
    json_t *body = json_pack("{s:o}", "documents", docs);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    return text;
}

/* 0 and 65 documents are refused for their count; 1 and 64 are read (and refused for what they hold). */
static void test_upload_document_count(void **state)
{
    talks *w = *state;
    static const char count[] = "documents: expected an array of 1 to 64 {\"name\", \"content\"} objects (a native "
                                "scenario, or a GENIUS/GeniusWeb domain followed by its profiles)";
    static const size_t refused[] = {0, 65}, read[] = {1, 64};
    for (size_t i = 0; i < 2; i++) {
        char *body = documents_of(refused[i]);
        talks_expect_error(w, "POST", "/api/negotiations", NULL, body, 400, "documents", count);
        free(body);
        body = documents_of(read[i]);
        http_resp r = talks_call(w, "POST", "/api/negotiations", NULL, body, 400);
        free(body);
        assert_string_equal(jstr(&r, "error", "field"), "documents");
        assert_null(strstr(jstr(&r, "error", "message"), "expected an array"));
        http_resp_free(&r);
    }
}

/*
 * The write buckets of many participants (budget.c's map grows past 32 and 64 of them): with --write-burst 2 and
 * a refill too slow to count (as test_server_limits), each of 70 negotiations' mediators writes twice and is
 * refused the third time; after all of them, the first ones are still refused (their buckets survived the map's
 * growth) and a bucket is never another's.
 */
static void test_buckets_of_many_participants(void **state)
{
    (void)state;
    enum { N = 70 };
    talks w;
    parley_server_options o = {0};
    o.budgets.write_burst = 2;
    o.budgets.write_rate = 1e-300;
    talks_open(&w, &o);
    static char tokens[N][65];
    for (int i = 0; i < N; i++) {
        http_resp r = talks_call(&w, "POST", "/api/negotiations", NULL, talks_scenario, 201);
        memcpy(tokens[i], jstr(&r, "participant", "token"), 65);
        http_resp_free(&r);
    }
    for (int i = 0; i < N; i++) {
        char path[64];
        snprintf(path, sizeof path, "/api/negotiations/%d/messages", i + 2);
        for (int k = 0; k < 2; k++)
            drop(talks_call(&w, "POST", path, tokens[i], "{\"body\": \"hello\"}", 201));
        drop(talks_call(&w, "POST", path, tokens[i], "{\"body\": \"hello\"}", 429));
    }
    for (int i = 0; i < N; i++) {
        char path[64];
        snprintf(path, sizeof path, "/api/negotiations/%d/messages", i + 2);
        talks_expect_error(&w, "POST", path, tokens[i], "{\"body\": \"hello\"}", 429, NULL,
                           "too many writes: one participant may make 2 at once and 1e-300 per second after that (the "
                           "server's --write-burst and --write-rate); try again in 86400 s");
    }
    /* The first negotiation's parties have their own buckets still full. */
    drop(talks_call(&w, "POST", "/api/negotiations/1/messages", w.buyer, "{\"body\": \"hello\"}", 201));
    drop(talks_call(&w, "POST", "/api/negotiations/1/messages", w.buyer, "{\"body\": \"hello\"}", 201));
    drop(talks_call(&w, "POST", "/api/negotiations/1/messages", w.buyer, "{\"body\": \"hello\"}", 429));
    drop(talks_call(&w, "POST", "/api/negotiations/1/messages", w.seller, "{\"body\": \"hello\"}", 201));
    talks_close(&w);
}

/* A message posted with `headers` (a Content-Type and/or an Origin): its status. */
static int message_with(talks *w, const char *headers)
{
    static const char body[] = "{\"body\": \"hello\"}";
    http_resp r = http_request_h(w->port, "POST", "/api/negotiations/1/messages", w->buyer, body, sizeof body - 1,
                                 headers);
    int status = r.status;
    http_resp_free(&r);
    return status;
}

/*
 * The checks before any route runs: a JSON Content-Type with parameters or in capitals is JSON, a longer type is
 * not (415, naming it); the server's own origin by address and, on loopback, by the name localhost (its own port
 * only); the methods a path allows, listed in the 405 (GET with HEAD), and HEAD taken where GET is.
 */
static void test_request_checks(void **state)
{
    talks *w = *state;
    assert_int_equal(message_with(w, "Content-Type: application/json; charset=utf-8\r\n"), 201);
    assert_int_equal(message_with(w, "Content-Type: Application/JSON\r\n"), 201);
    assert_int_equal(message_with(w, "Content-Type: application/jsonp\r\n"), 415);
    char origin[96];
    snprintf(origin, sizeof origin, "Origin: http://127.0.0.1:%u\r\n", (unsigned)w->port);
    assert_int_equal(message_with(w, origin), 201);
    snprintf(origin, sizeof origin, "Origin: http://localhost:%u\r\n", (unsigned)w->port);
    assert_int_equal(message_with(w, origin), 201);
    snprintf(origin, sizeof origin, "Origin: http://localhost:%u\r\n", (unsigned)w->port + 1u);
    assert_int_equal(message_with(w, origin), 403);
    http_resp r = http_request_h(w->port, "POST", "/api/negotiations/1/profile/convert", w->buyer, "{}", 2,
                                 "Content-Type: text/plain\r\n");
    assert_int_equal(r.status, 415); /* a POST that stores nothing is checked too */
    assert_string_equal(jstr(&r, "error", "message"), "Content-Type: 'text/plain': a request that changes something "
                                                      "must be sent as 'Content-Type: application/json'");
    http_resp_free(&r);
    talks_expect_error(w, "DELETE", "/api/negotiations/1/texts", w->med, NULL, 405, NULL,
                       "method DELETE is not allowed on /api/negotiations/1/texts (allowed: POST, GET, HEAD)");
    r = talks_call(w, "DELETE", "/api/negotiations/1/texts", w->med, NULL, 405);
    assert_non_null(strstr(r.raw, "\r\nAllow: POST, GET, HEAD\r\n"));
    http_resp_free(&r);
    talks_expect_error(w, "PUT", "/api/negotiations/1", w->med, "{}", 405, NULL,
                       "method PUT is not allowed on /api/negotiations/1 (allowed: GET, HEAD)");
    talks_expect_error(w, "GET", "/api/negotiations/1/participants/2/token", w->med, NULL, 405, NULL,
                       "method GET is not allowed on /api/negotiations/1/participants/2/token (allowed: POST, DELETE)");
    r = http_request(w->port, "HEAD", "/api/negotiations/1/me", w->buyer, NULL);
    assert_int_equal(r.status, 200);
    http_resp_free(&r);
    r = talks_call(w, "GET", "/api/negotiations/1/me/", w->buyer, NULL, 200); /* a final slash is the same path */
    assert_int_equal(jint(&r, "me", "id"), 2);
    http_resp_free(&r);
}

/*
 * Seats (no text is tabled, so no agent ever runs and the seat program is never started, as in
 * test_server_limits): a seat read back with its defaults; a second agent for a held seat is refused (409), as
 * is a seat past --agents-per-negotiation (1 here: 429); an unseated seat reads as empty and can be taken.
 */
static void test_seats_held_and_counted(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.seat_program = "/bin/false";
    o.budgets.agents_per_negotiation = 1;
    talks_open(&w, &o);
    const char *buyer = "/api/negotiations/1/participants/2/agent", *seller = "/api/negotiations/1/participants/3/agent";
    const char *seated = "{\"participant\": 2, \"name\": \"Buyer\", \"role\": \"party\", \"agent\": \"boulware\", "
                         "\"kind\": \"*\", \"deadline_seconds\": 10.0, \"cpu_seconds\": 10.0, \"rounds\": 7, \"seed\": 3, "
                         "\"seated_at\": \"T\", \"seated_by\": \"Broker\"}";
    /* A deadline or CPU time of 0 is refused: both are in (0, ...]. */
    talks_expect_error(&w, "POST", buyer, w.med, "{\"agent\": \"conceder\", \"deadline_seconds\": 0}", 400,
                       "deadline_seconds",
                       "deadline_seconds: a number of seconds in (0, 30] (the server's --agent-seconds)");
    talks_expect_error(&w, "POST", buyer, w.med, "{\"agent\": \"conceder\", \"cpu_seconds\": 0}", 400, "cpu_seconds",
                       "cpu_seconds: a number of seconds in (0, 10] (at most the deadline)");
    http_resp r = talks_call(&w, "POST", buyer, w.med, "{\"agent\": \"boulware\", \"rounds\": 7, \"seed\": 3}", 201);
    assert_json(r.json, seated);
    http_resp_free(&r);
    r = talks_call(&w, "GET", buyer, w.med, NULL, 200);
    json_object_del(r.json, "last");
    assert_json(r.json, seated);
    http_resp_free(&r);
    talks_expect_error(&w, "POST", buyer, w.med, "{\"agent\": \"conceder\"}", 409, NULL,
                       "the agent 'boulware' already holds Buyer's seat: unseat it first");
    talks_expect_error(&w, "POST", seller, w.med, "{\"agent\": \"conceder\"}", 429, NULL,
                       "this negotiation already has 1 agents seated (the server's --agents-per-negotiation is 1)");
    r = talks_call(&w, "DELETE", buyer, w.med, NULL, 200);
    assert_json(r.json, "{\"participant\": 2, \"name\": \"Buyer\", \"agent\": \"boulware\"}");
    http_resp_free(&r);
    r = talks_call(&w, "GET", buyer, w.med, NULL, 200);
    assert_json(r.json, "{\"participant\": 2, \"name\": \"Buyer\", \"role\": \"party\", \"agent\": null}");
    http_resp_free(&r);
    r = talks_call(&w, "POST", seller, w.med, "{\"agent\": \"conceder\", \"deadline_seconds\": 12.5}", 201);
    assert_json(r.json, "{\"participant\": 3, \"name\": \"Seller\", \"role\": \"party\", \"agent\": \"conceder\", "
                        "\"kind\": \"*\", \"deadline_seconds\": 12.5, \"cpu_seconds\": 12.5, \"rounds\": 20, "
                        "\"seed\": 1, \"seated_at\": \"T\", \"seated_by\": \"Broker\"}"); /* docs/api.md's defaults */
    http_resp_free(&r);
    r = talks_call(&w, "GET", "/api/negotiations/1/agents", w.med, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "agents")), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(r.json, "agents"), 0), "name")),
                        "Seller");
    http_resp_free(&r);
    talks_close(&w);
}

/*
 * The analysis of the Budget scenario by hand: price 0..2; the Buyer's utility 1, .5, 0 and the Seller's 0, .5, 1;
 * both reserve .25.  Only price 1 is acceptable to both (the Buyer accepts 0 and 1, the Seller 1 and 2): the
 * zone and the frontier are {1} at (.5, .5), every bargaining solution is there, and Nash's product of the gains
 * is (.5 - .25)^2 = .0625.  A text at price 2 gives (0, 1): acceptable to the Seller only, off the frontier, not
 * dominated (the frontier's (.5, .5) gives the Seller less); a text at price 1 is on the frontier.
 */
static void test_analysis_reply(void **state)
{
    talks *w = *state;
    table_text(w, "{\"price\": 2}");
    http_resp r = talks_call(w, "GET", "/api/negotiations/1/analysis", w->med, NULL, 200);
    json_t *solutions = json_object_get(r.json, "solutions");
    json_object_del(json_object_get(solutions, "kalai"), "value");
    json_object_del(json_object_get(solutions, "egalitarian"), "value");
    json_object_del(json_object_get(solutions, "welfare"), "value");
    assert_json(r.json,
                "{\"outcomes\": 3, \"feasible\": 3, \"acceptable\": 1, \"parties\": ["
                "{\"name\": \"Buyer\", \"profile\": \"scenario\", \"reservation\": 0.25, \"best\": 0.5, \"acceptable\": 2},"
                "{\"name\": \"Seller\", \"profile\": \"scenario\", \"reservation\": 0.25, \"best\": 0.5, \"acceptable\": 2}],"
                " \"frontier_count\": 1, \"frontier_truncated\": false,"
                " \"frontier\": [{\"outcome\": {\"price\": 1}, \"utilities\": [0.5, 0.5]}],"
                " \"solutions\": {\"nash\": {\"outcome\": {\"price\": 1}, \"utilities\": [0.5, 0.5], \"value\": 0.0625},"
                " \"kalai\": {\"outcome\": {\"price\": 1}, \"utilities\": [0.5, 0.5]},"
                " \"egalitarian\": {\"outcome\": {\"price\": 1}, \"utilities\": [0.5, 0.5]},"
                " \"welfare\": {\"outcome\": {\"price\": 1}, \"utilities\": [0.5, 0.5]}},"
                " \"current_text\": {\"id\": 1, \"number\": 1, \"outcome\": {\"price\": 2}, \"utilities\": [0.0, 1.0],"
                " \"acceptable_to\": [false, true], \"feasible\": true, \"pareto_optimal\": false, \"dominated\": false},"
                " \"conflicts\": []}");
    http_resp_free(&r);
    drop(talks_call(w, "POST", "/api/negotiations/1/texts", w->med, "{\"outcome\": {\"price\": 1}}", 201));
    r = talks_call(w, "GET", "/api/negotiations/1/analysis", w->med, NULL, 200);
    assert_json(json_object_get(r.json, "current_text"),
                "{\"id\": 2, \"number\": 2, \"outcome\": {\"price\": 1}, \"utilities\": [0.5, 0.5], \"acceptable_to\": "
                "[true, true], \"feasible\": true, \"pareto_optimal\": true, \"dominated\": false}");
    http_resp_free(&r);
    /* The Seller uploads a profile worth .5 at price 2 as at 1 and a reservation rising from 0 at the start to .6
     * at the end (the upload replaces the scenario's estimate whole; the analysis reads it at the start): it
     * accepts all 3 prices, the zone is {0, 1}, the Buyer's best in it 1 (price 0), and a text at 2, (0, .5),
     * acceptable to the Seller now (not at the end), is dominated by the frontier's (.5, .5). */
    drop(talks_call(w, "PUT", "/api/negotiations/1/profile", w->seller,
              "{\"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 0, \"1\": 0.5, \"2\": 0.5}}}, "
              "\"reservation_curve\": [[0, 0], [1, 0.6]]}", 200));
    drop(talks_call(w, "POST", "/api/negotiations/1/texts", w->med, "{\"outcome\": {\"price\": 2}}", 201));
    r = talks_call(w, "GET", "/api/negotiations/1/analysis", w->med, NULL, 200);
    assert_json(json_object_get(r.json, "current_text"),
                "{\"id\": 3, \"number\": 3, \"outcome\": {\"price\": 2}, \"utilities\": [0.0, 0.5], \"acceptable_to\": "
                "[false, true], \"feasible\": true, \"pareto_optimal\": false, \"dominated\": true}");
    assert_json(json_object_get(r.json, "parties"),
                "[{\"name\": \"Buyer\", \"profile\": \"scenario\", \"reservation\": 0.25, \"best\": 1.0, \"acceptable\": 2},"
                " {\"name\": \"Seller\", \"profile\": \"uploaded\", \"reservation\": 0.0, \"best\": 0.5, \"acceptable\": 3}]");
    http_resp_free(&r);
}

/* A server is not started without a database, on an address that is not IPv4, or on a port taken (each with its
 * message, and no server). */
static void test_start_refusals(void **state)
{
    talks w;
    parley_server_options o = {0};
    o.analysis_program = "";
    talks_open(&w, &o);
    char dir[128], db[160], why[128];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "start"));
    assert_int_equal(test_db_target(db, sizeof db, dir, "s.db"), 0);
    static const char *const addresses[] = {NULL, "300.1.2.3", "127.0.0.1"};
    for (int i = 0; i < 3; i++) {
        parley_server_options s = {0};
        s.db_path = i ? db : NULL;
        s.address = addresses[i];
        s.port = i == 2 ? w.port : 0;
        parley_server *srv = (parley_server *)&s; /* must become NULL */
        parley_error err;
        parley_error_clear(&err);
        assert_int_equal(parley_server_start(&s, &srv, &err), i == 2 ? PARLEY_EIO : PARLEY_EINVAL);
        assert_null(srv);
        snprintf(why, sizeof why, "cannot listen on 127.0.0.1:%u (port in use?)", (unsigned)w.port);
        assert_string_equal(err.message, i == 0 ? "no database file given" : i == 1 ? "'300.1.2.3' is not an IPv4 address"
                                                                                    : why);
    }
    talks_close(&w);
    assert_int_equal(test_tmpdir_remove(dir), 0);
    (void)state;
}

/*
 * An error message quotes what is not valid UTF-8 (or is a control character) as \xHH escapes, byte by byte:
 * overlong sequences of two, three and four bytes, a surrogate, code points past U+10FFFF, a lead byte past F4,
 * a sequence cut short, a control character; a valid sequence next to them stays a character.  (The path of a
 * request no route takes is quoted in the 404; its bytes come percent-escaped.)
 */
static void test_error_escapes_invalid_sequences(void **state)
{
    talks *w = *state;
    static const char *const cases[][2] = {
        {"%C1%BF", "\\xC1\\xBF"},
        {"%E0%9F%BF", "\\xE0\\x9F\\xBF"},
        {"%ED%A0%80", "\\xED\\xA0\\x80"},
        {"%F0%8F%BF%BF", "\\xF0\\x8F\\xBF\\xBF"},
        {"%F4%90%80%80", "\\xF4\\x90\\x80\\x80"},
        {"%F5%80%80%80", "\\xF5\\x80\\x80\\x80"},
        {"%E2%82", "\\xE2\\x82"},
        {"%01", "\\x01"},
        {"%E2%82%AC%ED%BF%BF", "\xE2\x82\xAC\\xED\\xBF\\xBF"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char path[64], message[128];
        snprintf(path, sizeof path, "/api/a%s", cases[i][0]);
        snprintf(message, sizeof message, "no such resource: /api/a%s", cases[i][1]);
        talks_expect_error(w, "GET", path, w->med, NULL, 404, NULL, message);
    }
}

/* The mediator named at creation: 200 bytes are taken (the creator is that mediator), 201 refused (400, by the
 * request's parser: server.c's own check after it is never reached). */
static void test_mediator_name_of_200_bytes(void **state)
{
    talks *w = *state;
    char name[202];
    memset(name, 'm', 201);
    name[201] = '\0';
    json_t *body = json_loads(talks_scenario, 0, NULL);
    json_object_set_new(body, "mediator", json_string(name));
    http_resp r = http_json(w->port, "POST", "/api/negotiations", NULL, json_incref(body));
    assert_int_equal(r.status, 400);
    assert_string_equal(jstr(&r, "error", "field"), "mediator");
    assert_string_equal(jstr(&r, "error", "message"), "mediator: is 201 bytes long (at most 200)");
    http_resp_free(&r);
    name[200] = '\0';
    json_object_set_new(body, "mediator", json_string(name));
    r = http_json(w->port, "POST", "/api/negotiations", NULL, body);
    assert_int_equal(r.status, 201);
    assert_string_equal(jstr(&r, "participant", "name"), name);
    assert_string_equal(jstr(&r, "participant", "role"), "mediator");
    http_resp_free(&r);
}

/*
 * A stream whose first page is large (two messages of 9,000 bytes: its buffer grows past the 16 KiB it keeps)
 * sends it whole, gives the memory back, and goes on with the next event.
 */
static void test_stream_after_a_large_page(void **state)
{
    talks *w = *state;
    for (int i = 0; i < 2; i++) {
        http_resp r = talks_message(w, w->med, 9000);
        assert_int_equal(r.status, 201);
        http_resp_free(&r);
    }
    stream s;
    stream_open(&s, w, "/api/negotiations/1/events", w->seller, NULL);
    stream_until_blocks(&s, 7); /* retry, created, 3 joined, 2 messages */
    char *block = stream_block(&s, 6);
    assert_non_null(strstr(block, "\"kind\":\"message\""));
    assert_true(strlen(block) > 9000);
    free(block);
    drop(talks_call(w, "POST", "/api/negotiations/1/messages", w->med, "{\"body\": \"after the large page\"}", 201));
    stream_until_blocks(&s, 8);
    block = stream_block(&s, 7);
    assert_non_null(strstr(block, "\"body\":\"after the large page\""));
    free(block);
    close(s.fd);
}

/*
 * A client that goes away while its analysis runs: the analysis is stopped (its program, which would sleep ten
 * minutes, is killed), so the server's count of running analyses falls back to 0.  (Polled with a hang bound of
 * 120 s, not a speed: without the check the count would stay 1 for the ten minutes.)
 */
static void test_analysis_stopped_when_the_client_goes(void **state)
{
    (void)state;
    char dir[128], program[192];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "program"));
    snprintf(program, sizeof program, "%s/analysis.sh", dir);
    talks_write_program(program, 0755, "#!/bin/sh\ncat > /dev/null\nexec sleep 600\n");
    talks w;
    parley_server_options o = {0};
    o.analysis_program = program;
    talks_open(&w, &o);
    int fd = http_connect(w.port);
    assert_true(fd >= 0);
    assert_int_equal(http_send(fd, "GET", "/api/negotiations/1/analysis", w.med, NULL, 0, NULL), 0);
    unsigned running = jobs_wait_for(&w, 1);
    close(fd);
    for (int i = 0; i < 12000 && running > 0; i++) {
        poll(NULL, 0, 10);
        pthread_mutex_lock(&w.srv->jobs_mu);
        running = w.srv->jobs_running;
        pthread_mutex_unlock(&w.srv->jobs_mu);
    }
    talks_close(&w);
    assert_int_equal(test_tmpdir_remove(dir), 0);
    assert_int_equal(running, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_stream_bytes, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_streams_per_token, world_setup, talks_teardown),
        cmocka_unit_test(test_analysis_program_endings),
        cmocka_unit_test(test_analysis_program_refused_at_start),
        cmocka_unit_test_setup_teardown(test_amendments_latest_answer_only, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_advice_limit_bounds, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_improvements_limit_bounds, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_upload_document_count, world_setup, talks_teardown),
        cmocka_unit_test(test_buckets_of_many_participants),
        cmocka_unit_test_setup_teardown(test_request_checks, world_setup, talks_teardown),
        cmocka_unit_test(test_seats_held_and_counted),
        cmocka_unit_test_setup_teardown(test_analysis_reply, world_setup, talks_teardown),
        cmocka_unit_test(test_start_refusals),
        cmocka_unit_test_setup_teardown(test_error_escapes_invalid_sequences, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_mediator_name_of_200_bytes, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_stream_after_a_large_page, world_setup, talks_teardown),
        cmocka_unit_test(test_analysis_stopped_when_the_client_goes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

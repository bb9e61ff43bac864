/*
 * test_server_limits.c: every limit of a scenario, a request and a
 * participant's budget (docs/api.md, "Limits") at its exact boundary: the
 * value at the limit is accepted, one past it is refused with the documented
 * status, field and message (naming the option).  The limits are set small
 * through parley_server_options so that the boundary is cheap to reach:
 *   --max-values, --max-parties, --max-cells (a mediator has no table), names
 *   of 200 bytes, --max-body, --profile-bytes, --max-outcomes, --negotiation-bytes
 *   (twice the body plus 512 per write), and the query bounds of the timeline
 *   (limit 1..1000) and the analysis (frontier_limit 0..100000), a seat's
 *   deadline, CPU time and rounds, the write and profile buckets, the analyses
 *   waiting for a slot, and the web folder's paths (200 bytes).
 * No timing is asserted; every wait is a hang bound of the HTTP client.
 * The name starts with test_server for the server library (tests/CMakeLists.txt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "server/server_internal.h"
#include "test_server_jobs.h"
#include "test_server_talks.h"

#include <poll.h>

/* The reply is `status` with the error's own status, `field` (unless NULL) and a message holding `says`. */
static void assert_refused(http_resp *r, int status, const char *field, const char *says)
{
    if (r->status != status)
        fail_msg("expected %d, got %d: %s", status, r->status, r->body ? r->body : "(no body)");
    assert_int_equal(jint(r, "error", "status"), status);
    if (field)
        assert_string_equal(jstr(r, "error", "field"), field);
    const char *message = jstr(r, "error", "message");
    assert_non_null(message);
    if (!strstr(message, says))
        fail_msg("the message '%s' does not say '%s'", message, says);
    http_resp_free(r);
}

static void assert_status(http_resp *r, int status)
{
    if (r->status != status)
        fail_msg("expected %d, got %d: %s", status, r->status, r->body ? r->body : "(no body)");
    http_resp_free(r);
}

/* A POST /api/negotiations body: `negotiators` parties (the first named `first`, the others P2, P3...) and, when
 * `mediator`, a mediator; integer issues 1..values[i]; each party's utility linear over each issue. */
static char *scenario_of(size_t negotiators, int mediator, const size_t *values, size_t issues, const char *first)
{
    json_t *is = json_array(), *parties = json_array();
    for (size_t i = 0; i < issues; i++) {
        char name[32];
        snprintf(name, sizeof name, "i%zu", i);
        json_array_append_new(is, json_pack("{s:s,s:s,s:i,s:I}", "name", name, "type", "integer", "min", 1, "max",
                                            (json_int_t)values[i]));
    }
    for (size_t p = 0; p < negotiators; p++) {
        json_t *prefs = json_object();
        for (size_t i = 0; i < issues; i++) {
            char name[32];
            snprintf(name, sizeof name, "i%zu", i);
            json_object_set_new(prefs, name, json_pack("{s:f,s:{s:s,s:i,s:i}}", "weight", 1.0 / (double)issues,
                                                       "function", "type", "linear", "at_min", (int)(p % 2),
                                                       "at_max", (int)((p + 1) % 2)));
        }
        char name[32];
        snprintf(name, sizeof name, "P%zu", p + 1);
        json_array_append_new(parties, json_pack("{s:s,s:o}", "name", p == 0 && first ? first : name,
                                                 "preferences", prefs));
    }
    if (mediator)
        json_array_append_new(parties, json_pack("{s:s,s:s}", "name", "Broker", "role", "mediator"));
    json_t *body = json_pack("{s:{s:s,s:o,s:o}}", "scenario", "title", "Limits", "issues", is, "parties", parties);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    assert_non_null(text);
    return text;
}

static http_resp create(talks *w, char *text)
{
    http_resp r = http_request(w->port, "POST", "/api/negotiations", NULL, text);
    free(text);
    return r;
}

/* A scenario of one categorical issue of `n` values (a, b, ...), two parties valuing them 1 each. */
static const char *categorical_of(int n)
{
    static char text[1024];
    char values[128] = "", utilities[128] = "";
    for (int i = 0; i < n; i++) {
        size_t v = strlen(values), u = strlen(utilities);
        snprintf(values + v, sizeof values - v, "%s\"%c\"", i ? ", " : "", 'a' + i);
        snprintf(utilities + u, sizeof utilities - u, "%s\"%c\": 1", i ? ", " : "", 'a' + i);
    }
    snprintf(text, sizeof text, "{\"scenario\": {\"issues\": [{\"name\": \"c\", \"type\": \"categorical\", "
             "\"values\": [%s]}], \"parties\": [{\"name\": \"A\", \"preferences\": {\"c\": {\"weight\": 1, "
             "\"values\": {%s}}}}, {\"name\": \"B\", \"preferences\": {\"c\": {\"weight\": 1, \"values\": {%s}}}}]}}",
             values, utilities, utilities);
    return text;
}

/* --max-values 5: an issue of 5 values is taken, one of 6 refused (413, scenario.issues, --max-values). */
static void test_values_per_issue(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.limits.values_per_issue = 5;
    talks_open(&w, &o);
    const size_t five[] = {5, 2}, six[] = {2, 6};
    http_resp r = create(&w, scenario_of(2, 1, five, 2, NULL));
    assert_status(&r, 201);
    r = create(&w, scenario_of(2, 1, six, 2, NULL));
    assert_refused(&r, 413, "scenario.issues", "issue 1 has 6 values: the server's limit is 5 per issue (--max-values)");
    /* A categorical issue counts its values the same way: a..e taken, a..f refused. */
    r = http_request(w.port, "POST", "/api/negotiations", NULL, categorical_of(5));
    assert_status(&r, 201);
    r = http_request(w.port, "POST", "/api/negotiations", NULL, categorical_of(6));
    assert_refused(&r, 413, "scenario.issues", "issue 0 has 6 values");
    talks_close(&w);
}

/* --max-parties 3: two parties and a mediator are taken, a third party refused (413, scenario.parties). */
static void test_parties(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.limits.parties = 4; /* the talks scenario has 3 */
    talks_open(&w, &o);
    const size_t two[] = {2};
    http_resp r = create(&w, scenario_of(3, 1, two, 1, NULL));
    assert_status(&r, 201);
    r = create(&w, scenario_of(4, 1, two, 1, NULL));
    assert_refused(&r, 413, "scenario.parties", "5 parties and mediators: the server's limit is 4 (--max-parties)");
    talks_close(&w);
}

/* --max-cells 12: 2 negotiating parties over 4 + 2 values (12 cells; the mediator has no table) are taken, over
 * 4 + 3 values (14 cells) refused; 3 parties over 2 + 2 (12) taken. */
static void test_table_cells(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.limits.table_cells = 12;
    talks_open(&w, &o);
    const size_t six[] = {4, 2}, seven[] = {4, 3}, four[] = {2, 2};
    http_resp r = create(&w, scenario_of(2, 1, six, 2, NULL));
    assert_status(&r, 201);
    r = create(&w, scenario_of(3, 0, four, 2, NULL));
    assert_status(&r, 201);
    r = create(&w, scenario_of(2, 1, seven, 2, NULL));
    assert_refused(&r, 413, "scenario", "2 parties' utility tables would hold 14 cells: the server's limit is 12 "
                                        "(--max-cells)");
    talks_close(&w);
}

/* Names of 200 bytes (a scenario's party, a participant joining as it, a title) are taken; 201 bytes refused (400). */
static void test_names_of_200_bytes(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    char name[202];
    memset(name, 'n', 201);
    name[201] = '\0';
    const size_t two[] = {2};
    http_resp r = create(&w, scenario_of(2, 1, two, 1, name));
    assert_refused(&r, 400, "scenario.parties[].name", "a name of 201 bytes (at most 200)");
    name[200] = '\0';
    r = create(&w, scenario_of(2, 1, two, 1, name)); /* negotiation 2 */
    assert_int_equal(r.status, 201);
    char med[65];
    talks_keep_token(&r, "participant", med);
    r = http_json(w.port, "POST", "/api/negotiations/2/participants", med, json_pack("{s:s,s:s}", "name", name,
                                                                                    "role", "party"));
    assert_status(&r, 201);
    name[200] = 'n'; /* a participant's name of 201 bytes */
    r = http_json(w.port, "POST", "/api/negotiations/2/participants", med, json_pack("{s:s,s:s}", "name", name,
                                                                                    "role", "party"));
    assert_refused(&r, 400, "name", "200");
    /* The title given with the scenario. */
    json_t *body = json_loads(talks_scenario, 0, NULL);
    json_object_set_new(body, "title", json_string(name));
    r = http_json(w.port, "POST", "/api/negotiations", NULL, json_incref(body));
    assert_refused(&r, 400, "title", "200");
    name[200] = '\0';
    json_object_set_new(body, "title", json_string(name));
    r = http_json(w.port, "POST", "/api/negotiations", NULL, body);
    assert_status(&r, 201);
    talks_close(&w);
}

/* A message body of `size` bytes exactly: {"body": "hello"} padded with spaces. */
static http_resp message_of_size(talks *w, const char *token, size_t size)
{
    static const char head[] = "{\"body\": \"hello\"";
    char *text = malloc(size + 1);
    assert_non_null(text);
    assert_true(size >= sizeof head);
    memcpy(text, head, sizeof head - 1);
    memset(text + sizeof head - 1, ' ', size - sizeof head);
    text[size - 1] = '}';
    text[size] = '\0';
    http_resp r = http_request(w->port, "POST", "/api/negotiations/1/messages", token, text);
    free(text);
    return r;
}

/* --max-body 4096: a request body of 4096 bytes is read, one of 4097 refused (413, field body). */
static void test_body_size(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.max_body = 4096;
    talks_open(&w, &o);
    http_resp r = message_of_size(&w, w.buyer, 4097);
    assert_refused(&r, 413, "body", "larger than the limit of 4096 bytes");
    assert_int_equal(talks_count_events(&w, "message"), 0);
    r = message_of_size(&w, w.buyer, 4096);
    assert_status(&r, 201);
    assert_int_equal(talks_count_events(&w, "message"), 1);
    talks_close(&w);
}

/* A profile upload of `size` bytes exactly: the Buyer's preferences padded with spaces. */
static http_resp profile_of_size(talks *w, size_t size)
{
    static const char profile[] = "{\"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 1, \"1\": 0.5, "
                                  "\"2\": 0}}}";
    char *text = malloc(size + 1);
    assert_non_null(text);
    assert_true(size >= sizeof profile);
    memcpy(text, profile, sizeof profile - 1);
    memset(text + sizeof profile - 1, ' ', size - sizeof profile);
    text[size - 1] = '}';
    text[size] = '\0';
    http_resp r = http_request(w->port, "PUT", "/api/negotiations/1/profile", w->buyer, text);
    free(text);
    return r;
}

/* --profile-bytes 1000: a profile of 1000 bytes is stored, one of 1001 refused (413, body, --profile-bytes). */
static void test_profile_bytes(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.profile_bytes = 1000;
    talks_open(&w, &o);
    http_resp r = profile_of_size(&w, 1001);
    assert_refused(&r, 413, "body", "a profile of 1001 bytes: the server's limit is 1000 (--profile-bytes)");
    assert_int_equal(talks_count_events(&w, "profile.updated"), 0);
    r = profile_of_size(&w, 1000);
    assert_status(&r, 200);
    assert_int_equal(talks_count_events(&w, "profile.updated"), 1);
    talks_close(&w);
}

/* --max-outcomes 3: the talks scenario's 3 outcomes are analysed (200; 2 is refused in test_server_kill). */
static void test_outcomes(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.limits.exact_outcomes = 3;
    talks_open(&w, &o);
    http_resp r = http_request(w.port, "GET", "/api/negotiations/1/analysis", w.med, NULL);
    assert_int_equal(r.status, 200);
    assert_int_equal(jint(&r, "outcomes", NULL), 3); /* price 0, 1, 2 */
    http_resp_free(&r);
    talks_close(&w);
}

/*
 * --negotiation-bytes 20001: a write costs twice its body plus 512 bytes.  What the negotiation holds (H, even:
 * twice its events' data plus 512 each) is read from a refusal (a body too large for any room), then the largest
 * body that fits, (20001 - H - 512) / 2 bytes rounded down, is stored and, before it, one byte more is refused
 * (413, --negotiation-bytes), whoever writes.  The odd budget makes the 512 count to the byte: with 511 the
 * larger body would fit.
 */
static void test_negotiation_bytes(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.negotiation_bytes = 20001;
    talks_open(&w, &o);
    http_resp r = message_of_size(&w, w.buyer, 10000); /* 20,512: over the budget whatever is stored */
    assert_int_equal(r.status, 413);
    unsigned long long held = 0;
    const char *message = jstr(&r, "error", "message");
    assert_non_null(message);
    assert_int_equal(sscanf(message, "this negotiation has stored about %llu bytes", &held), 1);
    assert_non_null(strstr(message, "the server's limit is 20001 (--negotiation-bytes)"));
    http_resp_free(&r);
    assert_true(held > 0 && held % 2 == 0 && held < 20001 - 512 - 2 * 64);
    size_t fits = (size_t)(20001 - held - 512) / 2; /* 2 * fits + 512 + held <= 20001 < 2 * (fits + 1) + 512 + held */
    r = message_of_size(&w, w.seller, fits + 1);
    assert_refused(&r, 413, NULL, "(--negotiation-bytes)");
    assert_int_equal(talks_count_events(&w, "message"), 0);
    r = message_of_size(&w, w.buyer, fits);
    assert_status(&r, 201);
    assert_int_equal(talks_count_events(&w, "message"), 1);
    r = message_of_size(&w, w.med, fits); /* the negotiation is full for everyone */
    assert_refused(&r, 413, NULL, "(--negotiation-bytes)");
    talks_close(&w);
}

static http_resp get(talks *w, const char *token, const char *path)
{
    return http_request(w->port, "GET", path, token, NULL);
}

/* The query bounds: timeline limit 1..1000, frontier_limit 0..100000 (400, field). */
static void test_query_bounds(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    http_resp r = get(&w, w.med, "/api/negotiations/1/timeline?limit=1000");
    assert_status(&r, 200);
    r = get(&w, w.med, "/api/negotiations/1/timeline?limit=1");
    assert_int_equal(r.status, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "events")), 1);
    http_resp_free(&r);
    r = get(&w, w.med, "/api/negotiations/1/timeline?limit=1001");
    assert_refused(&r, 400, "limit", "1001 is outside 1..1000");
    r = get(&w, w.med, "/api/negotiations/1/timeline?limit=0");
    assert_refused(&r, 400, "limit", "0 is outside 1..1000");
    r = get(&w, w.med, "/api/negotiations/1/analysis?frontier_limit=100000");
    assert_status(&r, 200);
    r = get(&w, w.med, "/api/negotiations/1/analysis?frontier_limit=0");
    assert_int_equal(r.status, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "frontier")), 0);
    assert_true(json_is_true(json_object_get(r.json, "frontier_truncated")));
    http_resp_free(&r);
    r = get(&w, w.med, "/api/negotiations/1/analysis?frontier_limit=100001");
    assert_refused(&r, 400, "frontier_limit", "100001 is outside 0..100000");
    r = get(&w, w.med, "/api/negotiations/1/analysis?frontier_limit=-1");
    assert_refused(&r, 400, "frontier_limit", "-1 is outside 0..100000");
    talks_close(&w);
}

/* Seats the Buyer (participant 2) with `body`: taken (201, and the seat taken back) when `field` is NULL, else
 * refused 400 naming `field` and saying `says`. */
static void seat_buyer(talks *w, json_t *body, const char *field, const char *says)
{
    http_resp r = http_json(w->port, "POST", "/api/negotiations/1/participants/2/agent", w->med, body);
    if (field) {
        assert_refused(&r, 400, field, says);
        return;
    }
    assert_status(&r, 201);
    r = http_request(w->port, "DELETE", "/api/negotiations/1/participants/2/agent", w->med, NULL);
    assert_status(&r, 200);
}

/*
 * A seat's bounds with the server's defaults (--agent-seconds 30): deadline_seconds 30 is taken and 30.001
 * refused; cpu_seconds up to the deadline; rounds 1..100000.  (No text is tabled: no agent ever runs, so the
 * seat program is never started.)
 */
static void test_seat_bounds(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.seat_program = "/bin/false";
    talks_open(&w, &o);
    seat_buyer(&w, json_pack("{s:s,s:f}", "agent", "boulware", "deadline_seconds", 30.0), NULL, NULL);
    seat_buyer(&w, json_pack("{s:s,s:f}", "agent", "boulware", "deadline_seconds", 30.001), "deadline_seconds",
               "a number of seconds in (0, 30] (the server's --agent-seconds)");
    seat_buyer(&w, json_pack("{s:s,s:f,s:f}", "agent", "boulware", "deadline_seconds", 2.5, "cpu_seconds", 2.5), NULL,
               NULL);
    seat_buyer(&w, json_pack("{s:s,s:f,s:f}", "agent", "boulware", "deadline_seconds", 2.5, "cpu_seconds", 2.501),
               "cpu_seconds", "in (0, 2.5] (at most the deadline)");
    seat_buyer(&w, json_pack("{s:s,s:i}", "agent", "boulware", "rounds", 100000), NULL, NULL);
    seat_buyer(&w, json_pack("{s:s,s:i}", "agent", "boulware", "rounds", 1), NULL, NULL);
    seat_buyer(&w, json_pack("{s:s,s:i}", "agent", "boulware", "rounds", 100001), "rounds",
               "an integer from 1 to 100000");
    seat_buyer(&w, json_pack("{s:s,s:i}", "agent", "boulware", "rounds", 0), "rounds", "an integer from 1 to 100000");
    assert_int_equal(talks_count_events(&w, "agent.seated"), 4);
    talks_close(&w);
}

/* The `Retry-After` of a refused reply, -1 when it has none. */
static long retry_after(const http_resp *r)
{
    const char *h = strstr(r->raw, "\r\nRetry-After: ");
    return h ? strtol(h + 15, NULL, 10) : -1;
}

/*
 * --write-burst 3 with a refill too slow to count (1e-300 a second: 1 + the refill of any wait is exactly 1 in
 * floating point, so no timing enters): three writes are taken, the fourth refused (429, Retry-After); the same
 * for the profile bucket (--profile-burst 2): two uploads taken, the third refused though a write token is left.
 */
static void test_write_and_profile_bursts(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.write_burst = 3;
    o.budgets.write_rate = 1e-300;
    o.budgets.profile_burst = 2;
    o.budgets.profile_rate = 1e-300;
    talks_open(&w, &o);
    for (int i = 0; i < 3; i++) {
        http_resp r = message_of_size(&w, w.buyer, 20);
        assert_status(&r, 201);
    }
    http_resp r = message_of_size(&w, w.buyer, 20);
    assert_int_equal(retry_after(&r), 86400); /* a token back in 10^300 s: the header's longest wait, a day */
    assert_refused(&r, 429, NULL, "too many writes: one participant may make 3 at once");
    assert_int_equal(talks_count_events(&w, "message"), 3);
    /* The Seller uploads profiles (its writes have a bucket of their own). */
    for (int i = 0; i < 2; i++) {
        r = http_request(w.port, "PUT", "/api/negotiations/1/profile", w.seller,
                         "{\"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 0, \"1\": 0.5, \"2\": 1}}}}");
        assert_status(&r, 200);
    }
    r = http_request(w.port, "PUT", "/api/negotiations/1/profile", w.seller,
                     "{\"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 0, \"1\": 0.5, \"2\": 1}}}}");
    assert_int_equal(retry_after(&r), 86400);
    assert_refused(&r, 429, NULL, "too many profile uploads: one participant may make 2 at once");
    assert_int_equal(talks_count_events(&w, "profile.updated"), 2);
    talks_close(&w);
}

/*
 * Analyses at once: one slot (max_analyses 1) and 32 waiting.  With the scheduler paused (srv->jobs_paused, a
 * switch for tests) nothing runs, so 33 asked for are all held; the 34th is refused 503 "busy" with Retry-After
 * (docs/api.md: 503 for an analysis that found the server busy); once resumed the 33 are answered 200.
 */
static void test_analyses_waiting(void **state)
{
    (void)state;
    enum { HELD = 1 + 32 };
    talks w;
    parley_server_options o = {0};
    o.max_analyses = 1;
    o.budgets.analyses_per_participant = 100;
    o.budgets.analyses_per_negotiation = 100;
    talks_open(&w, &o);
    jobs_set_paused(&w, 1);
    int fds[HELD];
    for (int i = 0; i < HELD; i++) {
        fds[i] = http_connect(w.port);
        assert_true(fds[i] >= 0);
        assert_int_equal(http_send(fds[i], "GET", "/api/negotiations/1/analysis", w.med, NULL, 0, NULL), 0);
    }
    unsigned held = jobs_wait_for(&w, HELD);
    http_resp r = http_request(w.port, "GET", "/api/negotiations/1/analysis", w.med, NULL);
    int status = r.status;
    long after = retry_after(&r);
    char message[256];
    snprintf(message, sizeof message, "%s", jstr(&r, "error", "message") ? jstr(&r, "error", "message") : "");
    http_resp_free(&r);
    jobs_set_paused(&w, 0);
    int answered = 0;
    for (int i = 0; i < HELD; i++) {
        http_resp a = http_read(fds[i]);
        answered += a.status == 200;
        http_resp_free(&a);
        close(fds[i]);
    }
    talks_close(&w);
    assert_int_equal(held, HELD);
    assert_int_equal(status, 503);
    assert_string_equal(message, "the server is busy with 33 analyses; try again in a few seconds");
    assert_int_equal(after, 5);
    assert_int_equal(answered, HELD);
}

/* Writes `text` to dir/name. */
static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* The web folder's paths are at most 200 bytes: /a...a (200 bytes) is served, /a...a (201 bytes) is 404. */
static void test_web_path_of_200_bytes(void **state)
{
    (void)state;
    char web[128], name[202];
    assert_non_null(test_tmpdir_make(web, sizeof web, "web"));
    memset(name, 'a', 200);
    name[200] = '\0';
    write_file(web, name, "two hundred and one\n");
    name[199] = '\0';
    write_file(web, name, "two hundred\n");
    talks w;
    parley_server_options o = {0};
    o.web_dir = web;
    talks_open(&w, &o);
    char path[204];
    snprintf(path, sizeof path, "/%s", name); /* 200 bytes */
    http_resp r = http_request(w.port, "GET", path, NULL, NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "two hundred\n");
    http_resp_free(&r);
    snprintf(path, sizeof path, "/%sa", name); /* 201 bytes: the file is there, the path is too long */
    r = http_request(w.port, "GET", path, NULL, NULL);
    assert_int_equal(r.status, 404);
    http_resp_free(&r);
    talks_close(&w);
    assert_int_equal(test_tmpdir_remove(web), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_per_issue), cmocka_unit_test(test_parties),
        cmocka_unit_test(test_table_cells),      cmocka_unit_test(test_names_of_200_bytes),
        cmocka_unit_test(test_body_size),        cmocka_unit_test(test_profile_bytes),
        cmocka_unit_test(test_outcomes),         cmocka_unit_test(test_negotiation_bytes),
        cmocka_unit_test(test_query_bounds),     cmocka_unit_test(test_seat_bounds),
        cmocka_unit_test(test_write_and_profile_bursts), cmocka_unit_test(test_analyses_waiting),
        cmocka_unit_test(test_web_path_of_200_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

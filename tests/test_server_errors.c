/*
 * test_server_errors.c: the server's error replies, one request per error
 * site: each reply's HTTP status, the same status inside the JSON error, the
 * field it names and a distinctive part of its message.  Where the site sits
 * after a read of a cached database statement, the next request that uses that
 * statement must succeed (the statement was reset).  The sites and the test
 * that pins each are listed in docs/testing.md, "server error paths".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_server_talks.h"

/* The reply of one request; asserts status, error.status, error.field (NULL: none) and that error.message holds
 * `fragment`. */
static void expect_error_h(talks *w, const char *method, const char *path, const char *token, const char *body,
                           const char *headers, int status, const char *field, const char *fragment)
{
    http_resp r = http_request_h(w->port, method, path, token, body, body ? strlen(body) : 0, headers);
    if (r.status != status || !jstr(&r, "error", "message") || !strstr(jstr(&r, "error", "message"), fragment))
        print_error("%s %s: %d %s\n", method, path, r.status, r.body ? r.body : "(no body)");
    assert_int_equal(r.status, status);
    assert_int_equal(jint(&r, "error", "status"), status);
    const char *f = jstr(&r, "error", "field");
    if (field) {
        assert_non_null(f);
        assert_string_equal(f, field);
    } else {
        assert_null(f);
    }
    assert_non_null(strstr(jstr(&r, "error", "message"), fragment));
    http_resp_free(&r);
}

/* expect_error_h without extra headers. */
static void expect_error(talks *w, const char *method, const char *path, const char *token, const char *body,
                         int status, const char *field, const char *fragment)
{
    expect_error_h(w, method, path, token, body, NULL, status, field, fragment);
}

/* A request that must succeed with `status`. */
static void expect_ok(talks *w, const char *method, const char *path, const char *token, const char *body, int status)
{
    http_resp r = http_request(w->port, method, path, token, body);
    if (r.status != status)
        print_error("%s %s: %d %s\n", method, path, r.status, r.body ? r.body : "(no body)");
    assert_int_equal(r.status, status);
    http_resp_free(&r);
}

static int world_setup(void **state)
{
    talks *w = malloc(sizeof *w);
    assert_non_null(w);
    parley_server_options o = {0};
    talks_open(w, &o);
    *state = w;
    return 0;
}

#define ADJOURNED "{\"outcome\": \"adjourned\"}"

/* Sessions and texts: the order of a negotiation's steps. */
static void test_session_and_text_errors(void **state)
{
    talks *w = *state;
    const char *texts = "/api/negotiations/1/texts";
    expect_error(w, "GET", "/api/negotiations/1/texts/current", w->buyer, NULL, 404, NULL,
                 "no text has been tabled yet");
    expect_error(w, "POST", texts, w->med, "{\"outcome\": {\"price\": 1}}", 409, NULL,
                 "no session is open: a text is tabled in a session");
    expect_error(w, "POST", "/api/negotiations/1/sessions/5/close", w->med, ADJOURNED, 404, NULL,
                 "no session 5 in this negotiation");
    expect_ok(w, "POST", "/api/negotiations/1/sessions", w->med, "{\"venue\": \"Geneva\"}", 201);
    expect_error(w, "POST", "/api/negotiations/1/sessions", w->med, "{\"venue\": \"Bern\"}", 409, NULL,
                 "session 1 is still open: close it first");
    expect_ok(w, "POST", "/api/negotiations/1/sessions/1/close", w->med, ADJOURNED, 200);
    expect_error(w, "POST", "/api/negotiations/1/sessions/1/close", w->med, ADJOURNED, 409, NULL,
                 "session 1 is already closed");
    expect_ok(w, "POST", "/api/negotiations/1/sessions", w->med, "{\"venue\": \"Bern\"}", 201);
    expect_ok(w, "POST", texts, w->med, "{\"outcome\": {\"price\": 1}}", 201);
    expect_error(w, "GET", "/api/negotiations/1/texts/7", w->buyer, NULL, 404, NULL, "no text 7 in this negotiation");
    expect_error(w, "GET", "/api/negotiations/1/texts/7/responses", w->buyer, NULL, 404, NULL,
                 "no text 7 in this negotiation");
    expect_error(w, "POST", "/api/negotiations/1/texts/7/responses", w->buyer, "{\"answer\": \"accept\"}", 404, NULL,
                 "no text 7 in this negotiation");
    expect_ok(w, "POST", texts, w->med, "{\"outcome\": {\"price\": 2}}", 201);
    expect_error(w, "POST", "/api/negotiations/1/texts/1/responses", w->buyer, "{\"answer\": \"accept\"}", 409, NULL,
                 "text 1 is superseded: answer the current text");
    expect_ok(w, "GET", "/api/negotiations/1/texts/2", w->buyer, NULL, 200);
}

/* After an agreement: answers to the agreed text, improvements, and the closed negotiation. */
static void test_agreement_errors(void **state)
{
    talks *w = *state;
    const char *answer = "{\"answer\": \"accept\"}";
    expect_ok(w, "POST", "/api/negotiations/1/sessions", w->med, "{\"venue\": \"Geneva\"}", 201);
    expect_ok(w, "POST", "/api/negotiations/1/texts", w->med, "{\"outcome\": {\"price\": 1}}", 201);
    expect_ok(w, "POST", "/api/negotiations/1/texts/1/responses", w->buyer, answer, 201);
    expect_ok(w, "POST", "/api/negotiations/1/texts/1/responses", w->seller, answer, 201);
    expect_error(w, "POST", "/api/negotiations/1/texts/1/responses", w->buyer, answer, 409, NULL,
                 "text 1 is already agreed: answer the current text");
    expect_error(w, "GET", "/api/negotiations/1/improvements?limit=101", w->med, NULL, 400, "limit",
                 "101 is outside 1..100");
    /* Price is all the two parties care about, in opposite directions: no package is better for both. */
    expect_error(w, "POST", "/api/negotiations/1/improvements", w->med, "{\"outcome\": {\"price\": 2}}", 409, "outcome",
                 "this package is not strictly better for every party than the agreement");
    expect_ok(w, "POST", "/api/negotiations/1/close", w->med, "{\"outcome\": \"agreement\"}", 200);
    expect_error(w, "POST", "/api/negotiations/1/messages", w->buyer, "{\"body\": \"hello\"}", 409, NULL,
                 "the negotiation is closed");
}

/* Messages: an unknown addressee, a party writing to a party. */
static void test_message_errors(void **state)
{
    talks *w = *state;
    const char *messages = "/api/negotiations/1/messages";
    expect_error(w, "POST", messages, w->buyer, "{\"body\": \"hello\", \"to\": 99}", 400, "to",
                 "no participant 99 in this negotiation");
    expect_ok(w, "POST", messages, w->buyer, "{\"body\": \"hello\", \"to\": 1}", 201); /* to the mediator */
    expect_error(w, "POST", messages, w->buyer, "{\"body\": \"hello\", \"to\": 3}", 403, "to",
                 "a party speaks to the other parties only through the mediator");
    expect_ok(w, "POST", messages, w->med, "{\"body\": \"hello\", \"to\": 3}", 201);
    expect_error(w, "POST", messages, w->buyer, "{\"body\": ", 400, "body", "line 1, column");
    expect_error(w, "POST", messages, w->buyer, "{\"body\": 5}", 400, "body", "body: found a whole number (expected a string)");
    expect_error(w, "POST", "/api/negotiations/1/profile/convert", w->buyer, "{\"document\": \"x\"}", 400, "document",
                 "expected {\"document\": {\"name\", \"content\"}}: a GENIUS XML or GeniusWeb JSON profile to read");
}

/* Participants, profiles and tokens. */
static void test_participant_errors(void **state)
{
    talks *w = *state;
    const char *participants = "/api/negotiations/1/participants";
    expect_error(w, "POST", participants, w->med, "{\"name\": \"Buyer\", \"role\": \"party\"}", 409, "name",
                 "'Buyer' is already a participant of this negotiation");
    expect_error(w, "GET", "/api/negotiations/1/participants/99/profile", w->med, NULL, 404, NULL,
                 "no participant 99 in this negotiation");
    expect_ok(w, "GET", "/api/negotiations/1/participants/2/profile", w->med, NULL, 200);
    expect_error(w, "GET", "/api/negotiations/1/participants/3/profile", w->buyer, NULL, 403, NULL,
                 "a party sees only its own profile");
    expect_ok(w, "GET", "/api/negotiations/1/participants/2/profile", w->buyer, NULL, 200);
    expect_error(w, "POST", "/api/negotiations/1/participants/2/token", w->med, "{\"x\": 1}", 400, "x",
                 "unknown field (expected an empty body)");
    expect_error(w, "DELETE", "/api/negotiations/1/participants/99/token", w->med, NULL, 404, NULL,
                 "no participant 99 in this negotiation");
    expect_error(w, "DELETE", "/api/negotiations/1/participants/1/token", w->med, NULL, 409, NULL,
                 "a mediator cannot revoke its own token");
    expect_ok(w, "DELETE", "/api/negotiations/1/participants/3/token", w->med, NULL, 200);
    expect_error(w, "DELETE", "/api/negotiations/1/participants/3/token", w->med, NULL, 409, NULL,
                 "the token of participant 3 is already revoked");
}

/* Who may do what, and requests no route takes. */
static void test_route_and_role_errors(void **state)
{
    talks *w = *state;
    expect_error(w, "GET", "/api/negotiations/2", w->buyer, NULL, 403, NULL,
                 "this token does not belong to negotiation 2");
    expect_error(w, "POST", "/api/negotiations/1/sessions", w->buyer, "{\"venue\": \"Bern\"}", 403, NULL,
                 "only a mediator may open sessions");
    expect_error(w, "PUT", "/api/negotiations/1/profile", w->med, "{}", 403, NULL,
                 "only a negotiating party may upload a profile");
    expect_error(w, "DELETE", "/api/negotiations/1/texts", w->med, NULL, 405, NULL,
                 "method DELETE is not allowed on /api/negotiations/1/texts");
    expect_error(w, "GET", "/api/nothing/here", w->med, NULL, 404, NULL, "no such resource: /api/nothing/here");
    expect_error(w, "POST", "/index.html", w->med, "{}", 405, NULL,
                 "method POST is not allowed on /index.html (allowed: GET, HEAD)");
    expect_error(w, "GET", "/no-such-page.txt", NULL, NULL, 404, NULL, "no such file"); /* static.c's reply */
    expect_error(w, "GET", "/api/negotiations/1", NULL, NULL, 401, NULL, "no token");
    expect_error(w, "GET", "/api/negotiations/1", "xyz", NULL, 401, NULL, "malformed token");
    char unknown[65];
    memset(unknown, 'a', 64);
    unknown[64] = '\0';
    expect_error(w, "GET", "/api/negotiations/1", unknown, NULL, 401, NULL, "unknown token");
    const char *message = "{\"body\": \"hello\"}";
    expect_error_h(w, "POST", "/api/negotiations/1/messages", w->buyer, message, "Content-Type: text/plain\r\n", 415,
                   "Content-Type", "'text/plain': a request that changes something must be sent as");
    expect_error_h(w, "POST", "/api/negotiations/1/messages", w->buyer, message, "Origin: http://elsewhere.example\r\n",
                   403, "Origin", "requests from the page at 'http://elsewhere.example' are refused");
    expect_ok(w, "POST", "/api/negotiations/1/messages", w->buyer, message, 201);
}

/* The query parameters of the timeline, the analyses and the advice. */
static void test_query_errors(void **state)
{
    talks *w = *state;
    expect_error(w, "GET", "/api/negotiations/1/timeline?limit=0", w->med, NULL, 400, "limit",
                 "0 is outside 1..1000");
    expect_error(w, "GET", "/api/negotiations/1/timeline?limit=1001", w->med, NULL, 400, "limit",
                 "1001 is outside 1..1000");
    expect_ok(w, "GET", "/api/negotiations/1/timeline?limit=1000", w->med, NULL, 200);
    expect_error(w, "GET", "/api/negotiations/1/analysis/amendments?participant=x", w->med, NULL, 400, "participant",
                 "'x' is not a participant id");
    expect_error(w, "GET", "/api/negotiations/1/analysis/amendments?participant=99", w->med, NULL, 404,
                 "participant", "no party 99 in this negotiation");
    expect_error(w, "GET", "/api/negotiations/1/analysis/amendments", w->med, NULL, 404, NULL,
                 "no text has been tabled yet");
    expect_error(w, "GET", "/api/negotiations/1/analysis?frontier_limit=100001", w->med, NULL, 400, "frontier_limit",
                 "100001 is outside 0..100000");
    expect_error(w, "GET", "/api/negotiations/1/analysis/propose?rule=median", w->med, NULL, 400, "rule",
                 "'median' is not a rule (expected nash, kalai, egalitarian or welfare)");
    expect_error(w, "GET", "/api/negotiations/1/improvements", w->med, NULL, 409, NULL,
                 "there is no agreement to improve");
    expect_error(w, "GET", "/api/negotiations/1/texts/current/value", w->buyer, NULL, 404, NULL,
                 "no text has been tabled yet");
    expect_error(w, "GET", "/api/negotiations/1/advice/me", w->buyer, NULL, 409, NULL,
                 "upload your profile first (PUT .../profile)");
    expect_ok(w, "PUT", "/api/negotiations/1/profile", w->buyer,
              "{\"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 1, \"1\": 0.5, \"2\": 0}}}}", 200);
    expect_error(w, "GET", "/api/negotiations/1/advice/me?limit=21", w->buyer, NULL, 400, "limit",
                 "21 is outside 1..20");
    expect_error(w, "GET", "/api/negotiations/1/advice/me", w->buyer, NULL, 404, NULL, "no text has been tabled yet");
}

/* A server that can seat agents: a seat program (never started here: every seat below is refused before) and an
 * agent folder holding no agent. */
static int seat_world_setup(void **state)
{
    talks *w = malloc(sizeof *w);
    assert_non_null(w);
    parley_server_options o = {0};
    o.seat_program = ANALYSIS_PROGRAM;
    o.agent_dir = PARLEY_SOURCE_DIR "/docs";
    o.budgets.agent_seconds = 300;
    talks_open(w, &o);
    *state = w;
    return 0;
}

static void seat(talks *w, int participant, const char *body, int status, const char *field, const char *fragment)
{
    char path[96];
    snprintf(path, sizeof path, "/api/negotiations/1/participants/%d/agent", participant);
    expect_error(w, "POST", path, w->med, body, status, field, fragment);
}

/* Seats refused on a server without a seat program or agent folder. */
static void test_seat_errors_plain_server(void **state)
{
    talks *w = *state;
    seat(w, 99, "{\"agent\": \"conceder\"}", 404, NULL, "no participant 99 in this negotiation");
    seat(w, 2, "{\"agent\": \"conceder\", \"speed\": 1}", 400, "speed",
         "unknown field (expected agent, deadline_seconds, cpu_seconds, rounds, seed)");
    seat(w, 2, "{\"rounds\": 3}", 400, "agent", "required: the agent's spec");
    seat(w, 2, "{\"agent\": \":\"}", 400, "agent", "':' is not an agent spec NAME[:key=value...]");
    seat(w, 1, "{\"agent\": \"conceder\"}", 400, "agent", "a mediator's seat takes the drafting helper 'mediator' only");
    seat(w, 2, "{\"agent\": \"mediator\"}", 400, "agent", "'mediator' drafts texts for a mediator");
    seat(w, 2, "{\"agent\": \"nosuchagent\"}", 400, "agent", "unknown agent 'nosuchagent'");
    seat(w, 2, "{\"agent\": \"mine.so\"}", 400, "agent", "this server has no agent folder");
    expect_error(w, "DELETE", "/api/negotiations/1/participants/2/agent", w->med, NULL, 404, NULL,
                 "no agent holds Buyer's seat");
}

/* Seats refused on a server that can seat agents: file names and the bounds of the seat's numbers. */
static void test_seat_errors_seating_server(void **state)
{
    talks *w = *state;
    seat(w, 2, "{\"agent\": \"..so\"}", 400, "agent", "'..so': a file name of the agent folder");
    seat(w, 2, "{\"agent\": \"missing.so\"}", 400, "agent", "the agent folder has no file 'missing.so'");
    seat(w, 2, "{\"agent\": \"conceder\", \"deadline_seconds\": 301}", 400, "deadline_seconds",
         "a number of seconds in (0, 300]");
    seat(w, 2, "{\"agent\": \"conceder\", \"deadline_seconds\": 20, \"cpu_seconds\": 21}", 400, "cpu_seconds",
         "a number of seconds in (0, 20] (at most the deadline)");
    seat(w, 2, "{\"agent\": \"conceder\", \"rounds\": 0}", 400, "rounds", "an integer from 1 to 100000");
    seat(w, 2, "{\"agent\": \"conceder\", \"seed\": -1}", 400, "seed", "a non-negative integer");
}

/* Creating a negotiation on a server that is not open: `admin_token` NULL (nobody may create) or a token. */
static void expect_creation_refused(const char *admin_token, const char *authorization, int status,
                                    const char *fragment)
{
    talks w;
    memset(&w, 0, sizeof w);
    assert_non_null(test_tmpdir_make(w.dir, sizeof w.dir, "errors"));
    assert_int_equal(test_db_target(w.db, sizeof w.db, w.dir, "p.db"), 0);
    parley_server_options o = {0};
    o.db_path = w.db;
    o.admin_token = admin_token;
    o.analysis_program = "";
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_server_start(&o, &w.srv, &err), PARLEY_OK);
    w.port = parley_server_port(w.srv);
    expect_error(&w, "POST", "/api/negotiations", authorization, talks_scenario, status, NULL, fragment);
    talks_close(&w);
}

static void test_creation_errors(void **state)
{
    (void)state;
    static const char admin[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static const char other[] = "1123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    expect_creation_refused(NULL, admin, 403, "this server accepts no new negotiations (it was started without an admin");
    expect_creation_refused(admin, NULL, 401, "creating a negotiation needs the server's admin token");
    expect_creation_refused(admin, other, 403, "this is not the server's admin token");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_session_and_text_errors, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_agreement_errors, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_message_errors, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_participant_errors, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_route_and_role_errors, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_query_errors, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_seat_errors_plain_server, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_seat_errors_seating_server, seat_world_setup, talks_teardown),
        cmocka_unit_test(test_creation_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_server_kill.c: server behaviours generated mutants showed no test
 * pinned (issue 27).  Closing a negotiation records when: the negotiation read
 * back afterwards is closed, with the outcome given and the same closed_at as
 * the close answered (a mutant bound an empty text for the time, so the
 * negotiation read back had closed_at "").  The answers to a text are listed
 * with who gave them, what they said and when: a party its own, the mediator
 * every party's (a mutant read the time from a column the query does not
 * have, and the list came back empty).  A live stream whose token is revoked
 * ends as a stream ends, with its last chunk, not by an aborted connection (a
 * mutant reported the revoked token as a read error).  A path whose number is
 * 0, longer than 15 digits or a fourth one names no resource (404, "no such
 * resource"), not some negotiation (a mutant let such a path match its route).
 * A session's outcome may be 32 bytes long before it is refused for its length;
 * a 32-byte word that is not an outcome is refused naming the outcomes (a
 * mutant refused it as too long, at most 31).  A malformed JSON body is refused
 * saying where: a stray letter first is at line 1, column 1 (a mutant said 0).
 * A party values the current text against its reservation at the start (t =
 * 0) of its reservation curve: 0.8 there, so price 1 (worth 0.5) is not
 * acceptable, though the curve falls to 0.1 by the end (a mutant read t = 1).
 * A stream that has sent what there was and waits sends nothing while it
 * waits: the next chunk is the next event (a mutant sent one stray byte each
 * time the stream went to sleep).  An analysis of a space larger than the
 * server's --max-outcomes is refused 422 Unprocessable, saying so (a mutant
 * answered 423).
 * A program the caller's check stops is killed at once and reported stopped,
 * with the check's reason (child.c): `sleep 60` stopped by its first check ends
 * by SIGKILL, outcome CHILD_STOPPED (a mutant left it running after the check,
 * so it was reported at the deadline instead).
 * The name starts with test_server for the server library (tests/CMakeLists.txt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#pragma GCC diagnostic ignored "-Wunused-function" /* the helpers used are a part of those shared */
#include <math.h>
#include <sys/socket.h>
#include <unistd.h>

#include <signal.h>
#include <sys/wait.h>

#include "server/child.h"
#include "server/server_internal.h"
#include "test_tmpdir.h"
#include "test_server_http.h"
#include "test_server_talks.h"

static void test_close_records_when(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    http_resp r = http_request(w.port, "POST", "/api/negotiations/1/close", w.med,
                               "{\"outcome\": \"agreement\", \"note\": \"signed\"}");
    assert_int_equal(r.status, 200);
    char closed_at[96];
    const char *at = jstr(&r, "closed_at", NULL);
    assert_non_null(at);
    assert_true(strlen(at) >= 20 && strlen(at) < sizeof closed_at); /* an ISO 8601 time, 2026-12-06T06:31:07Z */
    snprintf(closed_at, sizeof closed_at, "%s", at);
    http_resp_free(&r);
    r = http_request(w.port, "GET", "/api/negotiations/1", w.buyer, NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(jstr(&r, "status", NULL), "closed");
    assert_string_equal(jstr(&r, "outcome", NULL), "agreement");
    assert_string_equal(jstr(&r, "closed_at", NULL), closed_at);
    http_resp_free(&r);
    talks_close(&w);
}

/* The answers listed to `token`: their names and answers joined ("Buyer:amend Seller:accept"), each with a time
   (else "(no time)" follows it); compared once the server is stopped. */
static void listed_answers(talks *w, const char *token, char *out, size_t size)
{
    http_resp r = http_request(w->port, "GET", "/api/negotiations/1/texts/1/responses", token, NULL);
    size_t i, used = (size_t)snprintf(out, size, "%s", r.status == 200 ? "" : "(not 200)");
    json_t *a;
    json_array_foreach(json_object_get(r.json, "responses"), i, a) {
        const char *at = json_string_value(json_object_get(a, "created_at"));
        if (used < size)
            used += (size_t)snprintf(out + used, size - used, "%s%s:%s%s", i ? " " : "",
                                     json_string_value(json_object_get(a, "name")),
                                     json_string_value(json_object_get(a, "answer")),
                                     at && strlen(at) >= 20 ? "" : " (no time)"); /* an ISO 8601 time */
    }
    http_resp_free(&r);
}

static void test_answers_listed_with_their_time(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    static const char *const steps[][3] = {
        {"POST", "/api/negotiations/1/sessions", "{\"venue\": \"Geneva\"}"},
        {"POST", "/api/negotiations/1/texts", "{\"outcome\": {\"price\": 1}}"},
    };
    for (size_t i = 0; i < 2; i++) {
        http_resp r = http_request(w.port, steps[i][0], steps[i][1], w.med, steps[i][2]);
        assert_int_equal(r.status, 201);
        http_resp_free(&r);
    }
    const char *answers[][2] = {{w.buyer, "{\"answer\": \"amend\", \"amendments\": [{\"issue\": \"price\", \"value\": 0}]}"},
                                {w.seller, "{\"answer\": \"accept\"}"}};
    for (size_t i = 0; i < 2; i++) {
        http_resp r = http_request(w.port, "POST", "/api/negotiations/1/texts/1/responses", answers[i][0], answers[i][1]);
        assert_int_equal(r.status, 201);
        http_resp_free(&r);
    }
    char med[128], buyer[128];
    listed_answers(&w, w.med, med, sizeof med);
    listed_answers(&w, w.buyer, buyer, sizeof buyer);
    talks_close(&w);
    assert_string_equal(med, "Buyer:amend Seller:accept");
    assert_string_equal(buyer, "Buyer:amend");
}

/* Reads the stream until `needle` (with chunk_start, only at the start of what it reads or after a line break) or
   the end of the connection (each read bounded by the socket's 120 s, a hang bound); 1 when the needle came. */
static int stream_into(int fd, const char *needle, int chunk_start, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int reads = 0; reads < 1000 && len < size - 1; reads++) {
        ssize_t k = recv(fd, buf + len, size - 1 - len, 0);
        if (k <= 0)
            break;
        len += (size_t)k;
        buf[len] = '\0';
        char after_break[64];
        snprintf(after_break, sizeof after_break, "\r\n%s", needle);
        if (chunk_start ? strncmp(buf, needle, strlen(needle)) == 0 || strstr(buf, after_break) : !!strstr(buf, needle))
            return 1;
    }
    return 0;
}

static int stream_until(int fd, const char *needle, int chunk_start)
{
    char buf[65536];
    return stream_into(fd, needle, chunk_start, buf, sizeof buf);
}

static void test_revoked_stream_ends_cleanly(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    int fd = http_connect(w.port);
    /* the stream is open once it has sent the first events */
    int sent = fd >= 0 && http_send(fd, "GET", "/api/negotiations/1/events", w.seller, NULL, 0, NULL) == 0 &&
               stream_until(fd, "participant.added", 0);
    http_resp r = http_request(w.port, "DELETE", "/api/negotiations/1/participants/3/token", w.med, NULL);
    int revoked = r.status == 200;
    http_resp_free(&r);
    int clean = sent && revoked && stream_until(fd, "0\r\n\r\n", 1); /* the last chunk */
    if (fd >= 0)
        close(fd);
    talks_close(&w);
    assert_true(sent);
    assert_true(revoked);
    assert_true(clean);
}

static void test_bad_numbers_name_no_resource(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    static const char *const paths[] = {"/api/negotiations/0", "/api/negotiations/1234567890123456",
                                        "/api/negotiations/0/texts/1", "/api/negotiations/1/texts/0"};
    size_t right = 0;
    for (size_t i = 0; i < 4; i++) {
        http_resp r = http_request(w.port, "GET", paths[i], w.med, NULL);
        const char *why = jstr(&r, "error", "message");
        right += r.status == 404 && why && strstr(why, "no such resource");
        if (r.status != 404 || !why || !strstr(why, "no such resource"))
            print_message("%s: %d %s\n", paths[i], r.status, r.body ? r.body : "");
        http_resp_free(&r);
    }
    talks_close(&w);
    assert_int_equal(right, 4);
}

static void test_session_outcome_of_32_bytes(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    http_resp r = http_request(w.port, "POST", "/api/negotiations/1/sessions", w.med, "{\"venue\": \"Geneva\"}");
    int opened = r.status == 201;
    http_resp_free(&r);
    r = http_request(w.port, "POST", "/api/negotiations/1/sessions/1/close", w.med,
                     "{\"outcome\": \"agreement_in_principle_on_a_text\"}"); /* 32 bytes */
    char why[512];
    snprintf(why, sizeof why, "%d %s", r.status, jstr(&r, "error", "message") ? jstr(&r, "error", "message") : "");
    http_resp_free(&r);
    talks_close(&w);
    assert_true(opened);
    if (!strstr(why, "400 outcome: 'agreement_in_principle_on_a_text' is not allowed (expected one of: agreement,"))
        fail_msg("%s", why);
}

static void test_malformed_body_at_first_column(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    http_resp r = http_request(w.port, "POST", "/api/negotiations/1/messages", w.buyer, "x");
    char why[512];
    snprintf(why, sizeof why, "%d %s", r.status, jstr(&r, "error", "message") ? jstr(&r, "error", "message") : "");
    http_resp_free(&r);
    talks_close(&w);
    if (strncmp(why, "400 body: line 1, column 1: malformed JSON", 42) != 0)
        fail_msg("%s", why);
}

static void test_text_value_against_reservation_at_start(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    static const char *const steps[][4] = {
        {"PUT", "/api/negotiations/1/profile", "b", "{\"reservation_curve\": [[0, 0.8], [1, 0.1]], \"preferences\": "
                                                     "{\"price\": {\"weight\": 1, \"function\": {\"type\": \"linear\", "
                                                     "\"at_min\": 1, \"at_max\": 0}}}}"},
        {"POST", "/api/negotiations/1/sessions", "m", "{\"venue\": \"Geneva\"}"},
        {"POST", "/api/negotiations/1/texts", "m", "{\"outcome\": {\"price\": 1}}"},
    };
    int ok = 1;
    for (size_t i = 0; i < 3; i++) {
        http_resp r = http_request(w.port, steps[i][0], steps[i][1], steps[i][2][0] == 'b' ? w.buyer : w.med, steps[i][3]);
        ok &= r.status == 200 || r.status == 201;
        http_resp_free(&r);
    }
    http_resp r = http_request(w.port, "GET", "/api/negotiations/1/texts/current/value", w.buyer, NULL);
    double utility = json_real_value(json_object_get(r.json, "utility"));
    double reservation = json_real_value(json_object_get(r.json, "reservation"));
    int acceptable = json_is_true(json_object_get(r.json, "acceptable"));
    int status = r.status;
    http_resp_free(&r);
    talks_close(&w);
    assert_true(ok);
    assert_int_equal(status, 200);
    assert_true(fabs(utility - 0.5) < 1e-6 && fabs(reservation - 0.8) < 1e-6);
    assert_false(acceptable);
}

static void test_waiting_stream_sends_nothing(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    int fd = http_connect(w.port);
    int open = fd >= 0 && http_send(fd, "GET", "/api/negotiations/1/events", w.med, NULL, 0, NULL) == 0 &&
               stream_until(fd, "participant.added", 0);
    http_resp r = http_request(w.port, "POST", "/api/negotiations/1/messages", w.med, "{\"body\": \"NEXT-EVENT\"}");
    int posted = r.status == 201;
    http_resp_free(&r);
    static char after[65536]; /* what came between the first events and the message */
    int got = open && posted && stream_into(fd, "NEXT-EVENT", 0, after, sizeof after);
    if (fd >= 0)
        close(fd);
    talks_close(&w);
    assert_true(got);
    if (strstr(after, "\r\n1\r\n") || strncmp(after, "1\r\n", 3) == 0) /* a chunk of one byte */
        fail_msg("a one-byte chunk before the next event: %.200s", after);
}

static void test_analysis_beyond_max_outcomes(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.limits.exact_outcomes = 2; /* the Budget scenario has 3 (price 0, 1, 2) */
    talks_open(&w, &o);
    http_resp r = http_request(w.port, "GET", "/api/negotiations/1/analysis", w.med, NULL);
    char why[512];
    snprintf(why, sizeof why, "%d %s", r.status, jstr(&r, "error", "message") ? jstr(&r, "error", "message") : "");
    http_resp_free(&r);
    talks_close(&w);
    if (strncmp(why, "422 the outcome space has about 3 outcomes: the server analyses at most 2 exactly", 81) != 0)
        fail_msg("%s", why);
}

static const char *stop_at_once(void *arg, pid_t pid)
{
    (void)pid;
    ++*(int *)arg;
    return "enough";
}

static void test_stopped_child_is_killed_and_says_why(void **state)
{
    (void)state;
    static const char *const argv[] = {"/bin/sleep", "60", NULL};
    int checks = 0;
    child_spec spec = {.argv = argv, .max_reply = 1024, .check = stop_at_once, .arg = &checks};
    spec.deadline_ms = guard_now_ms() + 30000; /* bounds a hang; the check stops it long before */
    child_result out;
    child_run(&spec, &out);
    free(out.reply);
    assert_int_equal(checks, 1);
    assert_int_equal(out.outcome, CHILD_STOPPED);
    assert_string_equal(out.reason, "enough");
    assert_true(WIFSIGNALED(out.status) && WTERMSIG(out.status) == SIGKILL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stopped_child_is_killed_and_says_why),
        cmocka_unit_test(test_analysis_beyond_max_outcomes),
        cmocka_unit_test(test_waiting_stream_sends_nothing),
        cmocka_unit_test(test_text_value_against_reservation_at_start),
        cmocka_unit_test(test_malformed_body_at_first_column),
        cmocka_unit_test(test_session_outcome_of_32_bytes),
        cmocka_unit_test(test_bad_numbers_name_no_resource),
        cmocka_unit_test(test_revoked_stream_ends_cleanly),
        cmocka_unit_test(test_answers_listed_with_their_time),
        cmocka_unit_test(test_close_records_when),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

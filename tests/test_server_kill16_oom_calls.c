/*
 * test_server_kill16_oom_calls.c: handlers of the server's reads called in this
 * process (as a request thread calls them, in a read transaction), with every
 * allocation of libparley.a and libparley_server.a refused in turn
 * (tests/failalloc.c, linked into this test by tests/CMakeLists.txt; jansson's
 * own allocations are not refused): each call answers as it does with memory,
 * byte for byte, or with an error of status 500 (never 501 or another code),
 * and never crashes or leaks (the sanitizer tree).  Issue 27, helper srv: a
 * mutant answered 501 when the values of the current text could not be
 * allocated (api_advice.c, "cannot value the text for").  The handlers: the
 * Buyer's valuation of the current text (its profile uploaded) and the
 * mediator's check of the amendments, on Budget (test_server_talks.h) with one
 * text tabled and the Buyer's answer with an amendment; and the start of a live
 * stream (sse.c: 500 "out of memory", nothing kept; with PostgreSQL also 503
 * when the claim of its slot could not be asked); and a write whose token
 * bucket cannot be made (budget.c: 500, not a 429); whether a seated agent's
 * answer is recorded, a failed read being -1, never "not yet" (seat_work.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "failalloc.h"
#include "server/seats.h"
#include "server/server_internal.h"
#include "test_server_talks.h"
#include "test_server_call.h"

/* The call of handler fn on negotiation 1 by participant `me`, with the n-th allocation refused (0: none): its
 * status and its reply's compact text (malloc'd) into *text; returns the allocations refused. */
static long call_with_refusal(talks *w, int (*fn)(api_call *c), int64_t me, api_role role, const char *name,
                              long n, int *status, char **text)
{
    api_call c;
    reader_call_begin(w, &c);
    c.me = me;
    c.my_negotiation = 1;
    c.my_role = role;
    snprintf(c.my_name, sizeof c.my_name, "%s", name);
    c.query = json_object(); /* no query arguments */
    if (n)
        failalloc_arm(n, 0);
    fn(&c);
    long refused = n ? failalloc_disarm() : 0;
    reader_call_end(w, &c);
    *status = c.status;
    *text = c.reply ? json_dumps(c.reply, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(c.reply);
    json_decref(c.query);
    return refused;
}

/* fn with each allocation refused in turn: the reply with memory, or a 500.  Returns how many were 500. */
static int each_refusal(talks *w, const char *what, int (*fn)(api_call *c), int64_t me, api_role role,
                        const char *name)
{
    int status;
    char *want;
    call_with_refusal(w, fn, me, role, name, 0, &status, &want);
    if (status != 200)
        fail_msg("%s: %d %s", what, status, want ? want : "");
    int errors = 0;
    long n = 1;
    for (;; n++) {
        char *got;
        long refused = call_with_refusal(w, fn, me, role, name, n, &status, &got);
        if (status == 200) {
            if (!got || strcmp(got, want) != 0)
                fail_msg("%s, allocation %ld refused: 200 but %s, expected %s", what, n, got ? got : "(none)", want);
        } else if (status != 500)
            fail_msg("%s, allocation %ld refused: status %d (%s), expected 500", what, n, status, got ? got : "");
        else
            errors++;
        free(got);
        if (refused == 0)
            break;
        assert_true(n < 100000);
    }
    free(want);
    printf("  %s: %ld allocations refused in turn, %d answered 500\n", what, n - 1, errors);
    assert_true(n > 1);
    return errors;
}

static void test_reads_out_of_memory_are_500(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    talks_text_tabled(&w);
    static const char *const steps[][4] = {
        {"POST", "/api/negotiations/1/texts/1/responses", "b",
         "{\"answer\": \"amend\", \"amendments\": [{\"issue\": \"price\", \"value\": 0}]}"},
    };
    talks_steps(&w, steps, sizeof steps / sizeof steps[0]);
    assert_true(each_refusal(&w, "the Buyer's value of the text", api_text_value, 2, ROLE_PARTY, "Buyer") > 0);
    assert_true(each_refusal(&w, "the amendments' check", api_check_amendments, 1, ROLE_MEDIATOR, "Broker") > 0);
    talks_close(&w);
}

/* A live stream's start (sse_response, as the request thread calls it) with each allocation refused in turn: the
 * stream, or 500 "out of memory" with nothing kept (the negotiation's streams as before). */
static void test_stream_out_of_memory_is_500(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    int errors = 0;
    for (long n = 1;; n++) {
        api_call c;
        memset(&c, 0, sizeof c);
        c.srv = w.srv;
        c.ids[0] = 1;
        c.me = 2;
        c.my_negotiation = 1;
        c.my_role = ROLE_PARTY;
        snprintf(c.my_hash, sizeof c.my_hash, "%064d", 7);
        failalloc_arm(n, 0);
        struct MHD_Response *r = sse_response(&c, 0);
        long refused = failalloc_disarm();
        pthread_mutex_lock(&w.srv->ev_mu);
        int open = w.srv->streams != NULL;
        pthread_mutex_unlock(&w.srv->ev_mu);
        if (r) {
            assert_true(open);
            assert_null(c.reply);
            MHD_destroy_response(r); /* the stream goes with it */
        } else {
            /* With PostgreSQL the slot's claim is a statement: refused, it reads as the database unavailable. */
            assert_false(open);
            const char *message = json_string_value(json_object_get(json_object_get(c.reply, "error"), "message"));
            assert_non_null(message);
            if (c.status == 503 && test_db_is_pg())
                assert_string_equal(message, "cannot count the negotiation's live streams: the database is unavailable");
            else {
                assert_int_equal(c.status, 500);
                assert_string_equal(message, "out of memory");
                errors++;
            }
        }
        json_decref(c.reply);
        if (refused == 0) {
            assert_non_null(r);
            break;
        }
        assert_true(n < 1000);
    }
    assert_true(errors >= 2); /* the stream's own allocation, its first bytes' */
    pthread_mutex_lock(&w.srv->ev_mu);
    int left = w.srv->streams != NULL;
    pthread_mutex_unlock(&w.srv->ev_mu);
    assert_false(left);
    talks_close(&w);
}

/* A participant's first write when its bucket cannot be made (the map of buckets emptied, so that it must be
 * allocated again): 500 "out of memory", not a 429; with memory back the write is allowed. */
static void test_bucket_out_of_memory_is_500(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    pthread_mutex_lock(&w.srv->budget_mu);
    budget_map_free(&w.srv->buckets);
    pthread_mutex_unlock(&w.srv->budget_mu);
    api_call c;
    memset(&c, 0, sizeof c);
    c.srv = w.srv;
    c.me = 2;
    failalloc_arm(1, 0);
    int rc = budget_check_write(&c, "text");
    assert_int_equal(failalloc_disarm(), 1);
    assert_int_equal(rc, 500);
    assert_int_equal(c.status, 500);
    assert_string_equal(json_string_value(json_object_get(json_object_get(c.reply, "error"), "message")),
                        "out of memory");
    json_decref(c.reply);
    memset(&c, 0, sizeof c);
    c.srv = w.srv;
    c.me = 2;
    assert_int_equal(budget_check_write(&c, "text"), 0);
    assert_null(c.reply);
    talks_close(&w);
}

/* seat_job_recorded of the Buyer's answer to text 1 (it answered) with the n-th allocation refused: 1, or -1 when a
 * read failed (with PostgreSQL a bind's copy is an allocation); never 0 ("not yet": the answer would be written
 * twice).  Returns the allocations refused. */
static long recorded_with_refusal(talks *w, long n, int *rc)
{
    api_call c;
    reader_call_begin(w, &c);
    seat_job job = {.task = TASK_ANSWER, .negotiation = 1, .participant = 2, .seat_seq = 0, .text = 1};
    if (n)
        failalloc_arm(n, 0);
    *rc = seat_job_recorded(&c, &job);
    long refused = n ? failalloc_disarm() : 0;
    reader_call_end(w, &c);
    json_decref(c.reply);
    return refused;
}

static void test_recorded_read_failure(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    static const char *const steps[][3] = {
        {"/api/negotiations/1/sessions", "m", "{\"venue\": \"Geneva\"}"},
        {"/api/negotiations/1/texts", "m", "{\"outcome\": {\"price\": 1}}"},
        {"/api/negotiations/1/texts/1/responses", "b", "{\"answer\": \"reject\"}"},
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        http_resp r = http_request(w.port, "POST", steps[i][0], steps[i][1][0] == 'm' ? w.med : w.buyer, steps[i][2]);
        assert_int_equal(r.status, 201);
        http_resp_free(&r);
    }
    int rc;
    recorded_with_refusal(&w, 0, &rc);
    assert_int_equal(rc, 1);
    int failed = 0;
    for (long n = 1; recorded_with_refusal(&w, n, &rc) > 0; n++) {
        if (rc != 1 && rc != -1)
            fail_msg("allocation %ld refused: %d, expected 1 or -1", n, rc);
        failed += rc == -1;
        assert_true(n < 1000);
    }
    assert_int_equal(rc, 1);
    if (test_db_is_pg())
        assert_true(failed > 0);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_out_of_memory_are_500),
        cmocka_unit_test(test_stream_out_of_memory_is_500),
        cmocka_unit_test(test_bucket_out_of_memory_is_500),
        cmocka_unit_test(test_recorded_read_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

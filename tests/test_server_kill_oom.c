/*
 * test_server_kill_oom.c: a server request that runs out of memory while
 * building its answer is answered 500 Internal Server Error with the message
 * "out of memory" (issue 27: generated mutants answered 499 when the scenario
 * of a new negotiation could not be serialised, and 501 when the valuation of
 * the current text could not be built, and no test noticed; the seed-10 sample
 * answered 501 when a tabled text's outcome could not be serialised).
 *
 * Every JSON value the server builds comes from jansson's allocator; here it
 * refuses exactly the n-th allocation made after arming (n = 1, 2, ... until a
 * request goes through without reaching it), so each allocation of the request
 * fails once in turn.  Allocations made inside json_loads/json_loadb are never
 * refused: jansson 2.14's parser aborts on a failed allocation (a double free
 * in its error path, seen in this test), which is no part of what is tested.
 * Whatever the request answers, an answer that says "out of memory" must carry
 * status 500.  The name starts with test_server for the server library
 * (tests/CMakeLists.txt).
 */
#define _GNU_SOURCE /* dladdr (tests/test_server_oom.h) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#pragma GCC diagnostic ignored "-Wunused-function" /* the helpers used are a part of those shared */
#include "test_server_oom.h"

static void test_new_negotiation_out_of_memory_is_500(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    assert_true(each_allocation_refused(&w, "POST", "/api/negotiations", NULL, talks_scenario, 201) > 0);
    talks_close(&w);
}

static void test_text_value_out_of_memory_is_500(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    http_resp r = http_request(w.port, "PUT", "/api/negotiations/1/profile", w.buyer,
                               "{\"reservation\": 0.25, \"preferences\": {\"price\": {\"weight\": 1, \"function\": "
                               "{\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}");
    assert_int_equal(r.status, 200);
    http_resp_free(&r);
    r = http_request(w.port, "POST", "/api/negotiations/1/sessions", w.med, "{\"venue\": \"Geneva\"}");
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    r = http_request(w.port, "POST", "/api/negotiations/1/texts", w.med, "{\"outcome\": {\"price\": 1}}");
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    /* once unarmed: the merged view of the profiles is built and kept, so every armed request allocates alike */
    r = http_request(w.port, "GET", "/api/negotiations/1/texts/current/value", w.buyer, NULL);
    assert_int_equal(r.status, 200);
    http_resp_free(&r);
    assert_true(each_allocation_refused(&w, "GET", "/api/negotiations/1/texts/current/value", w.buyer, NULL, 200) > 0);
    talks_close(&w);
}

/* Tabling a text (the writer serialises its outcome: a mutant answered 501 when that ran out of memory). */
static void test_table_text_out_of_memory_is_500(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.write_burst = 1000000; /* one write per refused allocation */
    talks_open(&w, &o);
    http_resp r = http_request(w.port, "POST", "/api/negotiations/1/sessions", w.med, "{\"venue\": \"Geneva\"}");
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    assert_true(each_allocation_refused(&w, "POST", "/api/negotiations/1/texts", w.med, "{\"outcome\": {\"price\": 1}}",
                                        201) > 0);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_negotiation_out_of_memory_is_500),
        cmocka_unit_test(test_text_value_out_of_memory_is_500),
        cmocka_unit_test(test_table_text_out_of_memory_is_500),
    };
    return cmocka_run_group_tests(tests, arm_allocator, disarm_allocator);
}

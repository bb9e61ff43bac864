/*
 * test_server_kill.c: server behaviours generated mutants showed no test
 * pinned (issue 27).  Closing a negotiation records when: the negotiation read
 * back afterwards is closed, with the outcome given and the same closed_at as
 * the close answered (a mutant bound an empty text for the time, so the
 * negotiation read back had closed_at "").  The name starts with test_server
 * for the server library (tests/CMakeLists.txt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#pragma GCC diagnostic ignored "-Wunused-function" /* the helpers used are a part of those shared */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_close_records_when),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

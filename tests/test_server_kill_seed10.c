/*
 * test_server_kill_seed10.c: server behaviours that the seed-10 sample of
 * generated mutants of src/server showed no test pinned (issue 27,
 * tests/mutants/report-server.md), each pinned with values worked out from
 * docs/api.md:
 *   - whoever creates a negotiation is its first participant, a mediator: the
 *     creation's reply says so (a mutant answered "party");
 * No timing is asserted; every wait is a hang bound.
 * The name starts with test_server for the server library (tests/CMakeLists.txt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_server_talks.h"

/* The creator of a negotiation is its first participant, the scenario's mediator Broker, with a token of 64 digits. */
static void test_creator_is_the_mediator(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    http_resp r = http_request(w.port, "POST", "/api/negotiations", NULL, talks_scenario);
    assert_int_equal(r.status, 201);
    assert_int_equal(jint(&r, "negotiation", "id"), 2);
    assert_string_equal(jstr(&r, "negotiation", "status"), "open");
    assert_int_equal(jint(&r, "participant", "id"), 4); /* ids count across negotiations: 1 to 3 are the first one's */
    assert_string_equal(jstr(&r, "participant", "name"), "Broker");
    assert_string_equal(jstr(&r, "participant", "role"), "mediator");
    assert_int_equal(strlen(jstr(&r, "participant", "token")), 64);
    http_resp_free(&r);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_creator_is_the_mediator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

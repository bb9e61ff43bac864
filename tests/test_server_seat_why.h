/*
 * test_server_seat_why.h: the `why` of the agent.no_answer event of a seated agent whose seat program is a shell
 * script ending as the test says (test_server_kill14_seat_why, test_server_kill15_seat).  Header-only (cmocka
 * and test_server_seats.h included first).
 */
#ifndef PARLEY_TEST_SERVER_SEAT_WHY_H
#define PARLEY_TEST_SERVER_SEAT_WHY_H

#include "test_server_seats.h"

/* "WHY: MESSAGE" (or "WHY" without a message) of the agent.no_answer of the Buyer's agent (boulware, seated with a
 * deadline of 300 s) to the first text, the seat program being a script that reads its request and then runs
 * `body` (removed: deleted once the server started, so that it cannot be run); malloc'd. */
__attribute__((unused)) static char *why_of(const char *body, int removed, uint64_t agent_memory)
{
    char dir[128], script[192];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "seatwhy"));
    snprintf(script, sizeof script, "%s/seat.sh", dir);
    talks_write_program(script, 0700, "#!/bin/sh\ncat >/dev/null\n%s\n", body);
    talks w;
    parley_server_options o = {0};
    o.seat_program = script;
    o.budgets.agent_seconds = 300;
    o.budgets.agent_memory = agent_memory;
    talks_open(&w, &o);
    if (removed)
        assert_int_equal(unlink(script), 0);
    seat_ok(&w, 1, 2, json_pack("{s:s}", "agent", "boulware"));
    open_session(&w, 1, w.med);
    int64_t t = table(&w, 1, w.med, 1);
    json_t *e = wait_events(&w, 1, w.med, "agent.no_answer", 1);
    json_t *d = json_object_get(json_array_get(e, 0), "data");
    assert_int_equal(json_integer_value(json_object_get(d, "text")), t);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(json_array_get(e, 0), "actor"), "id")), 2);
    assert_int_equal(json_integer_value(json_object_get(d, "number")), 1);
    assert_string_equal(json_string_value(json_object_get(d, "agent")), "boulware");
    assert_true(json_number_value(json_object_get(d, "deadline_seconds")) == 300);
    assert_true(json_number_value(json_object_get(d, "cpu_seconds")) == 300);
    const char *kind = json_string_value(json_object_get(d, "why")) ?: "(none)";
    json_t *message = json_object_get(d, "message");
    char *why = malloc(strlen(kind) + json_string_length(message) + 3);
    assert_non_null(why);
    sprintf(why, json_is_string(message) ? "%s: %s" : "%s", kind, json_string_value(message));
    json_decref(e);
    talks_close(&w);
    assert_int_equal(test_tmpdir_remove(dir), 0);
    return why;
}

__attribute__((unused)) static void expect_why(const char *body, int removed, uint64_t agent_memory, const char *expected)
{
    char *why = why_of(body, removed, agent_memory);
    if (strcmp(why, expected) != 0)
        fail_msg("seat program %s%s: why '%s', expected '%s'", body, removed ? " (removed)" : "", why, expected);
    free(why);
}

#endif

/*
 * powers_of_two.h: a scenario for the package index tests (test_kill_protocol7.c,
 * test_oom_kill_protocol7.c): n two-valued issues ("lo", "hi"), party A's weight of
 * issue k 2^k / (2^n - 1) for "hi" and 0 for "lo", so the package whose "hi" issues
 * are the bits of b is worth b / (2^n - 1); party B wants the opposite.  Uses
 * cmocka's assertions: include it after <cmocka.h>.
 */
#ifndef PARLEY_TEST_POWERS_OF_TWO_H
#define PARLEY_TEST_POWERS_OF_TWO_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

/* The scenario of n issues (B: the same weights, the values reversed); fails the test when it does not parse. */
static parley_scenario *powers_of_two(unsigned n)
{
    size_t room = 400u * n + 400, at = 0;
    char *text = malloc(room);
    assert_non_null(text);
    at += (size_t)snprintf(text + at, room - at, "{\"issues\": [");
    for (unsigned k = 0; k < n; k++)
        at += (size_t)snprintf(text + at, room - at, "%s{\"name\": \"i%u\", \"type\": \"categorical\", "
                               "\"values\": [\"lo\", \"hi\"]}", k ? ", " : "", k);
    for (unsigned p = 0; p < 2; p++) {
        at += (size_t)snprintf(text + at, room - at, "%s{\"name\": \"%s\", \"preferences\": {",
                               p ? ", " : "], \"parties\": [", p ? "B" : "A");
        for (unsigned k = 0; k < n; k++)
            at += (size_t)snprintf(text + at, room - at,
                                   "%s\"i%u\": {\"weight\": %.17g, \"values\": {\"lo\": %d, \"hi\": %d}}",
                                   k ? ", " : "", k, ldexp(1, (int)k) / (ldexp(1, (int)n) - 1), p, 1 - p);
        at += (size_t)snprintf(text + at, room - at, "}}");
    }
    at += (size_t)snprintf(text + at, room - at, "]}");
    assert_true(at < room);
    parley_scenario *sc = NULL;
    parley_error err;
    parley_error_clear(&err);
    if (parley_scenario_parse(text, strlen(text), "powers", &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    free(text);
    return sc;
}

#endif

/*
 * digits_scenario.h: a scenario of three integer issues a, b, c in 0..9 weighed 100:10:1 (header-only): P0's
 * utility rises with the number abc and P1's falls, so the 1000 packages have 1000 different utilities and P0's
 * i-th best is the number 999 - i.  P1 has the reservation value `p1_reservation` (random, as P1,
 * then offers many different packages and accepts few).  Used by test_kill15_agents.c and test_oom_kill15_agents.c
 * (cmocka included first).
 */
#ifndef PARLEY_TESTS_DIGITS_SCENARIO_H
#define PARLEY_TESTS_DIGITS_SCENARIO_H

#include <parley/parley.h>
#include <stdio.h>
#include <string.h>

static parley_scenario *digits_scenario(double p1_reservation)
{
    char text[2048] = "{\"issues\": [";
    static const char *const digit[3] = {"a", "b", "c"};
    for (int i = 0; i < 3; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "%s{\"name\": \"%s\", \"type\": \"integer\", \"min\": 0, \"max\": 9}", i ? ", " : "", digit[i]);
    strcat(text, "], \"parties\": [");
    for (int k = 0; k < 2; k++) {
        snprintf(text + strlen(text), sizeof text - strlen(text), "%s{\"name\": \"P%d\", \"reservation\": %.17g, "
                 "\"preferences\": {", k ? ", " : "", k, k ? p1_reservation : 0.0);
        for (int i = 0; i < 3; i++)
            snprintf(text + strlen(text), sizeof text - strlen(text),
                     "%s\"%s\": {\"weight\": %.17g, \"function\": {\"type\": \"linear\", \"at_min\": %d, "
                     "\"at_max\": %d}}", i ? ", " : "", digit[i], (i == 0 ? 100 : i == 1 ? 10 : 1) / 111.0, k, 1 - k);
        strcat(text, "}}");
    }
    strcat(text, "]}");
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_parse(text, strlen(text), "digits.json", &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return sc;
}

#endif

/*
 * test_ten_issues.h: the ANAC 2014-style scenario two agent tests share: ten integer issues 0..2 (agent-m anneals
 * with 10 issues or more), weights 0.1; P0 prefers high values, P1 low ones.  Header-only (cmocka included first).
 */
#ifndef PARLEY_TEST_TEN_ISSUES_H
#define PARLEY_TEST_TEN_ISSUES_H

#include <parley/parley.h>
#include <string.h>

static parley_scenario *test_ten_issues(void)
{
    char text[4096] = "{\"format\": \"parley-scenario\", \"issues\": [";
    for (int i = 0; i < 10; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "%s{\"name\": \"i%d\", \"type\": \"integer\", \"min\": 0, \"max\": 2}", i ? ", " : "", i);
    strcat(text, "], \"parties\": [");
    for (int k = 0; k < 2; k++) {
        snprintf(text + strlen(text), sizeof text - strlen(text), "%s{\"name\": \"P%d\", \"preferences\": {",
                 k ? ", " : "", k);
        for (int i = 0; i < 10; i++)
            snprintf(text + strlen(text), sizeof text - strlen(text),
                     "%s\"i%d\": {\"weight\": 0.1, \"function\": {\"type\": \"linear\", \"at_min\": %d, "
                     "\"at_max\": %d}}", i ? ", " : "", i, k, 1 - k);
        strcat(text, "}}");
    }
    strcat(text, "]}");
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_parse(text, strlen(text), "ten-issues", &sc, &err))
        fail_msg("%s", err.message);
    return sc;
}

#endif

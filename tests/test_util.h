/*
 * test_util.h: small helpers shared by the cmocka test programs (include after
 * <cmocka.h> and <parley/parley.h>): a scenario from a file or from text, the
 * test failing with parley's message when it does not load.
 */
#ifndef PARLEY_TEST_UTIL_H
#define PARLEY_TEST_UTIL_H

#include <string.h>

/* The scenario in `path`; fails the test with the error when it does not load. */
static inline parley_scenario *test_scenario_load(const char *path)
{
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_load(path, &sc, &err) != PARLEY_OK)
        fail_msg("%s: %s", path, err.message);
    return sc;
}

/* The scenario written in `doc` (JSON text); `name` names it in errors. */
static inline parley_scenario *test_scenario_text(const char *doc, const char *name)
{
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_parse(doc, strlen(doc), name, &sc, &err) != PARLEY_OK)
        fail_msg("%s: %s", name, err.message);
    return sc;
}

#endif

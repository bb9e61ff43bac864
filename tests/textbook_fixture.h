/*
 * textbook_fixture.h: a cmocka group fixture that loads examples/textbook-buyer-seller.json into `sc` (setup)
 * and frees it (teardown), for the tests that play or lay out tournaments on it.
 */
#ifndef PARLEY_TESTS_TEXTBOOK_FIXTURE_H
#define PARLEY_TESTS_TEXTBOOK_FIXTURE_H

#include <parley/parley.h>

static parley_scenario *sc;

static int setup(void **state)
{
    (void)state;
    parley_error err;
    return parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json", &sc, &err);
}

static int teardown(void **state)
{
    (void)state;
    parley_scenario_free(sc);
    return 0;
}

#endif

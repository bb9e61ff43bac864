/*
 * textbook_fixture.h: a cmocka group fixture that loads examples/textbook-buyer-seller.json into `sc` (setup)
 * and frees it (teardown), for the tests that play or lay out tournaments on it, the tournament of a
 * configuration on it, a `claim` that gives no worker a run and a configuration with it (to lay a tournament out
 * without playing it).
 * Include after <cmocka.h>.
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

/* The tournament `cfg` lays out on sc alone (nothing else in its scenario list; the tournament keeps the list, so it
 * is static); fails the test with the error. */
static inline parley_tournament *textbook_tournament(const parley_tournament_config *cfg)
{
    static const parley_scenario *list[1];
    list[0] = sc;
    parley_tournament *t = NULL;
    parley_error err;
    if (parley_tournament_run_all(list, 1, cfg, &t, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return t;
}

/* No worker ever gets a run: the tournament is laid out but nothing is played (a parley_tournament_config's claim). */
static inline int claim_nothing(void *user, unsigned worker, size_t *first, size_t *count)
{
    (void)user, (void)worker, (void)first, (void)count;
    return 0;
}

/* A configuration of the `count` agents, 10 rounds a session, laid out but not played (claim_nothing); the rest as
 * parley_tournament_config_init leaves it. */
static inline void laid_out_config(parley_tournament_config *cfg, const char *const *agents, size_t count)
{
    parley_tournament_config_init(cfg);
    cfg->agents = agents;
    cfg->agent_count = count;
    cfg->session.rounds = 10;
    cfg->claim = claim_nothing;
}

#endif

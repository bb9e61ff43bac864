/*
 * anac_scenario.h: loads an ANAC 2012 domain with its A profiles from PARLEY_SHARED_DIR, and plays two agent specs
 * against each other on a scenario (for the agent tests).
 */
#ifndef PARLEY_TESTS_ANAC_SCENARIO_H
#define PARLEY_TESTS_ANAC_SCENARIO_H

#include <parley/parley.h>
#include <stdio.h>

static parley_scenario *anac(const char *name)
{
    char d[512], p1[512], p2[512];
    snprintf(d, sizeof d, PARLEY_SHARED_DIR "/genius/anac2012/%s/%s-A-domain.xml", name, name);
    snprintf(p1, sizeof p1, PARLEY_SHARED_DIR "/genius/anac2012/%s/%s-A-prof1.xml", name, name);
    snprintf(p2, sizeof p2, PARLEY_SHARED_DIR "/genius/anac2012/%s/%s-A-prof2.xml", name, name);
    const char *files[] = {d, p1, p2};
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_load_files(files, 3, &sc, &err), PARLEY_OK);
    return sc;
}

/* Agent spec a (first party) against b for `rounds` rounds; the finished negotiation, or NULL with err set. */
static inline parley_negotiation *anac_play(const parley_scenario *sc, const char *a, const char *b, long rounds,
                                            parley_error *err)
{
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.rounds = rounds;
    parley_negotiation *neg = NULL;
    int rc = parley_negotiation_new(sc, &cfg, &neg, err);
    if (rc == PARLEY_OK)
        rc = parley_negotiation_add_agent_spec(neg, a, err);
    if (rc == PARLEY_OK)
        rc = parley_negotiation_add_agent_spec(neg, b, err);
    if (rc == PARLEY_OK)
        rc = parley_negotiation_run(neg, err);
    if (rc != PARLEY_OK) {
        parley_negotiation_free(neg);
        return NULL;
    }
    return neg;
}

#endif

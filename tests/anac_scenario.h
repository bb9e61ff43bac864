/*
 * anac_scenario.h: loads a GENIUS domain with two profiles from PARLEY_SHARED_DIR (an ANAC 2012 domain with its A
 * profiles by name), and plays two agent specs against each other on a scenario (for the agent tests).
 */
#ifndef PARLEY_TESTS_ANAC_SCENARIO_H
#define PARLEY_TESTS_ANAC_SCENARIO_H

#include <parley/parley.h>
#include <stdio.h>

/* The files `domain`, `p1` and `p2` of PARLEY_SHARED_DIR/genius/DIR as one scenario; fails the test when they do not
   load. */
static inline parley_scenario *genius_scenario(const char *dir, const char *domain, const char *p1, const char *p2)
{
    const char *names[3] = {domain, p1, p2};
    char paths[3][512];
    const char *files[3];
    for (int k = 0; k < 3; k++) {
        snprintf(paths[k], sizeof paths[k], PARLEY_SHARED_DIR "/genius/%s/%s", dir, names[k]);
        files[k] = paths[k];
    }
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_load_files(files, 3, &sc, &err), PARLEY_OK);
    return sc;
}

/* ANAC 2012 domain `name` with its A profiles (NAME-A-domain.xml, NAME-A-prof1.xml, NAME-A-prof2.xml). */
static inline parley_scenario *anac(const char *name)
{
    char dir[128], d[128], p1[128], p2[128];
    snprintf(dir, sizeof dir, "anac2012/%s", name);
    snprintf(d, sizeof d, "%s-A-domain.xml", name);
    snprintf(p1, sizeof p1, "%s-A-prof1.xml", name);
    snprintf(p2, sizeof p2, "%s-A-prof2.xml", name);
    return genius_scenario(dir, d, p1, p2);
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

/* anac_scenario.h: loads an ANAC 2012 domain with its A profiles from PARLEY_SHARED_DIR (for the agent tests). */
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

#endif

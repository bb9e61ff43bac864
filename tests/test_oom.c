/*
 * test_oom.c: the library runs out of memory for real.  tests/failalloc.c
 * (linked with ld --wrap, see tests/CMakeLists.txt) refuses the Nth
 * allocation of libparley.a, for N = 1, 2, ... until an operation needs fewer
 * than N and succeeds; for each N the operation must return PARLEY_ENOMEM
 * with its output left NULL and a message in err, and not crash (or succeed
 * anyway, when it has a way around the refused allocation).  Leaks on
 * these paths are caught by LeakSanitizer in the sanitizer tree (make check).
 * Two modes: every allocation from the Nth on fails (memory stays short), and
 * only the Nth fails (the code must recover when memory comes back).
 * Covered: the scenario reader (native JSON, GENIUS XML, GeniusWeb JSON, DOMAIN+P1+P2), the texts to compare, the
 * analysis and the diagnosis, the GMCR model builder and stability analysis, the single-text mediator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "agents/mediator.h"
#include "failalloc.h"
#include "test_util.h"

#define CORE PARLEY_SOURCE_DIR "/tests/data/core/"
#define GENIUS PARLEY_SOURCE_DIR "/tests/data/genius/"

/* One operation under test: returns a parley code and frees whatever it made. */
typedef int (*operation)(const void *arg, parley_error *err);

/*
 * Runs `op` with allocation N refused for N = 1, 2, ... until it succeeds
 * without a refusal.  Every refused run must give PARLEY_ENOMEM and a message.
 */
static void each_allocation_fails_cleanly(const char *what, operation op, const void *arg)
{
    for (int persistent = 1; persistent >= 0; persistent--) {
        long n = 1, survived = 0;
        for (;; n++) {
            parley_error err;
            parley_error_clear(&err);
            failalloc_arm(n, persistent);
            int rc = op(arg, &err);
            long refused = failalloc_disarm();
            if (refused == 0) {
                if (rc != PARLEY_OK)
                    fail_msg("%s: failed with %d (%s) without a refused allocation", what, rc, err.message);
                break;
            }
            if (rc == PARLEY_OK) { /* a fallback that needs less memory, a cache not built: fine */
                survived++;
                continue;
            }
            if (rc != PARLEY_ENOMEM)
                fail_msg("%s: allocation %ld refused (%s): got %d (%s), expected PARLEY_ENOMEM (%d)", what, n,
                         persistent ? "and every later one" : "alone", rc, err.message, PARLEY_ENOMEM);
            if (!err.message[0])
                fail_msg("%s: allocation %ld refused: PARLEY_ENOMEM without a message", what, n);
        }
        if (n < 3)
            fail_msg("%s: only %ld allocations: the operation did not run", what, n - 1);
        print_message("%s: %ld allocations, each refused in turn (%s); %ld refusals worked around\n", what, n - 1,
                      persistent ? "and all after it" : "alone", survived);
    }
}

/* ---- the scenario reader ---- */

static int load_native(const void *arg, parley_error *err)
{
    parley_scenario *sc = (parley_scenario *)1;
    int rc = parley_scenario_load(arg, &sc, err);
    if (rc != PARLEY_OK && sc)
        fail_msg("parley_scenario_load failed with %d but left a scenario", rc);
    parley_scenario_free(sc);
    return rc;
}

static int load_files(const void *arg, parley_error *err)
{
    const char *const *files = arg;
    parley_scenario *sc = (parley_scenario *)1;
    int rc = parley_scenario_load_files(files, 3, &sc, err);
    if (rc != PARLEY_OK && sc)
        fail_msg("parley_scenario_load_files failed with %d but left a scenario", rc);
    parley_scenario_free(sc);
    return rc;
}

/* The texts of `propose --compare` (tests/data/moves/texts.json) read against tests/data/moves/compare.json. */
static int load_texts(const void *arg, parley_error *err)
{
    uint32_t *texts = (uint32_t *)1;
    char **names = (char **)1;
    size_t n = 7;
    int rc = parley_texts_load(arg, PARLEY_SOURCE_DIR "/tests/data/moves/texts.json", &texts, &names, &n, err);
    if (rc != PARLEY_OK && (texts || names || n))
        fail_msg("parley_texts_load failed with %d but left texts", rc);
    parley_texts_free(texts, names, n);
    return rc;
}

static void scenario_reader(void **state)
{
    (void)state;
    /* (issue 27, kill15: the paths of DOMAIN+P1+P2 split into a list, load.c expand_paths, and the texts reader) */
    each_allocation_fails_cleanly("GENIUS XML joined by +", load_native,
                                  GENIUS "tiny-domain.xml+" GENIUS "tiny-buyer.xml+" GENIUS "tiny-seller.xml");
    parley_scenario *moves = test_scenario_load(PARLEY_SOURCE_DIR "/tests/data/moves/compare.json");
    each_allocation_fails_cleanly("texts to compare", load_texts, moves);
    parley_scenario_free(moves);
    each_allocation_fails_cleanly("native scenario", load_native, CORE "full.json");
    static const char *const genius[] = {GENIUS "tiny-domain.xml", GENIUS "tiny-buyer.xml", GENIUS "tiny-seller.xml"};
    each_allocation_fails_cleanly("GENIUS XML", load_files, genius);
    static const char *const web[] = {GENIUS "gw-domain.json", GENIUS "gw-employer.json", GENIUS "gw-employee.json"};
    each_allocation_fails_cleanly("GeniusWeb JSON", load_files, web);
}

/* ---- the analysis and the diagnosis ---- */

static int analyze_one_thread(const void *arg, parley_error *err)
{
    parley_analysis_options o = {0};
    o.threads = 1;
    parley_analysis *a = (parley_analysis *)1;
    int rc = parley_analyze(arg, &o, &a, err);
    if (rc != PARLEY_OK && a)
        fail_msg("parley_analyze failed with %d but left a result", rc);
    parley_analysis_free(a);
    return rc;
}

static int diagnose_one_thread(const void *arg, parley_error *err)
{
    parley_analysis_options o = {0};
    o.threads = 1;
    parley_diagnosis *d = (parley_diagnosis *)1;
    int rc = parley_diagnose(arg, &o, &d, err);
    if (rc != PARLEY_OK && d)
        fail_msg("parley_diagnose failed with %d but left a result", rc);
    parley_diagnosis_free(d);
    return rc;
}

static void analysis(void **state)
{
    (void)state;
    static const char *const files[] = {CORE "textbook.json", CORE "three.json", CORE "conflicts.json",
                                        CORE "full.json"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        parley_scenario *sc = test_scenario_load(files[i]);
        each_allocation_fails_cleanly(strrchr(files[i], '/') + 1, analyze_one_thread, sc);
        parley_scenario_free(sc);
    }
    parley_scenario *sc = test_scenario_load(CORE "conflicts.json");
    each_allocation_fails_cleanly("diagnosis of conflicts.json", diagnose_one_thread, sc);
    parley_scenario_free(sc);
}

/* ---- the single-text mediator (its frontier pool and step buffers) ---- */

static int mediator_new(const void *arg, parley_error *err)
{
    parley_mediator *m = (parley_mediator *)1;
    int rc = parley_mediator_new(arg, 1, 7, &m, err);
    if (rc != PARLEY_OK && m)
        fail_msg("parley_mediator_new failed with %d but left a mediator", rc);
    parley_mediator_free(m);
    return rc;
}

static void mediator(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(CORE "textbook.json");
    each_allocation_fails_cleanly("mediator of textbook.json", mediator_new, sc);
    parley_scenario_free(sc);
}

/* ---- the GMCR builder and stability analysis ---- */

static int gmcr_build_and_analyze(const void *arg, parley_error *err)
{
    parley_gmcr_model *m = (parley_gmcr_model *)1;
    int rc = parley_gmcr_model_load(arg, &m, err);
    if (rc != PARLEY_OK) {
        if (m)
            fail_msg("parley_gmcr_model_load failed with %d but left a model", rc);
        return rc;
    }
    parley_gmcr_options o = {.notions = 0, .threads = 1};
    parley_gmcr_result *r = (parley_gmcr_result *)1;
    rc = parley_gmcr_analyze(m, &o, &r, err);
    if (rc != PARLEY_OK && r)
        fail_msg("parley_gmcr_analyze failed with %d but left a result", rc);
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
    return rc;
}

static void gmcr(void **state)
{
    (void)state;
    each_allocation_fails_cleanly("GMCR elmira", gmcr_build_and_analyze, PARLEY_SOURCE_DIR "/examples/gmcr/elmira.json");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scenario_reader),
        cmocka_unit_test(analysis),
        cmocka_unit_test(gmcr),
        cmocka_unit_test(mediator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_oom_improve.c: parley_improve (improving a signed deal) runs out of
 * memory for real: tests/failalloc.c refuses the Nth allocation, N = 1, 2, ...
 * (every one from the Nth on, then the Nth alone), for the enumeration of a
 * small space and for the bounded search of a space too large to enumerate;
 * each refused run must return PARLEY_ENOMEM with a message and no result
 * (leaks are caught by LeakSanitizer in the sanitizer tree).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <parley/parley.h>
#include <stdlib.h>

#include "failalloc.h"
#include "test_util.h"

typedef struct improve_case {
    const parley_scenario *sc;
    const uint32_t *agreement;
    uint64_t max_enumerate;
} improve_case;

static int improve(const improve_case *k, parley_error *err)
{
    parley_improve_options o = {.limit = 3, .max_enumerate = k->max_enumerate, .evaluations = 2000, .threads = 1};
    parley_improvements *r = (parley_improvements *)1;
    int rc = parley_improve(k->sc, k->agreement, &o, &r, err);
    if (rc != PARLEY_OK && r)
        fail_msg("parley_improve failed with %d but left a result", rc);
    parley_improvements_free(r);
    return rc;
}

static void each_allocation_fails_cleanly(const char *what, const improve_case *k)
{
    for (int persistent = 1; persistent >= 0; persistent--) {
        long n = 1;
        for (;; n++) {
            parley_error err;
            parley_error_clear(&err);
            failalloc_arm(n, persistent);
            int rc = improve(k, &err);
            long refused = failalloc_disarm();
            if (refused == 0) {
                if (rc != PARLEY_OK)
                    fail_msg("%s: failed with %d (%s) without a refused allocation", what, rc, err.message);
                break;
            }
            if (rc == PARLEY_OK)
                continue; /* worked around */
            if (rc != PARLEY_ENOMEM || !err.message[0])
                fail_msg("%s: allocation %ld refused: got %d (%s), expected PARLEY_ENOMEM with a message", what, n, rc,
                         err.message);
        }
        if (n < 3)
            fail_msg("%s: only %ld allocations: the operation did not run", what, n - 1);
    }
}

static void improve_runs_out_of_memory(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json");
    const uint32_t agreement[2] = {1, 1}; /* price 1, blue: one improvement */
    improve_case exhaustive = {sc, agreement, 0}, bounded = {sc, agreement, 1};
    each_allocation_fails_cleanly("enumeration", &exhaustive);
    each_allocation_fails_cleanly("bounded search", &bounded);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(improve_runs_out_of_memory)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill14_analysis_threads.c: the threads the exact path reports (parley_analysis_threads: the most its counts
 * ran on) when more are asked for than it has sets of parties to count (issue 27, seed-144 probe of src/analysis,
 * mitm_count.c:312).  Three parties have six sets of parties to count, so the per-set tasks run on at most six
 * threads; the passes over the points of each half (exact_chunked_sum) share out 256 points or more per thread:
 * on 10^8 outcomes (halves of 10^4 points) every one of 8 threads asked for takes part, and 8 is reported (the
 * tasks alone would have reported 6).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include <parley/parley.h>

#include "test_util.h"

/* `issues` issues of 10 values, three parties with ratings from a fixed stream, reservations 0.3. */
static parley_scenario *three_parties(int issues)
{
    uint64_t state = 144;
    parley_space *space = parley_space_new();
    assert_non_null(space);
    for (int i = 0; i < issues; i++) {
        char name[32];
        snprintf(name, sizeof name, "i%d", i);
        assert_int_equal(parley_space_add_integer(space, name, 0, 9, 1, NULL), PARLEY_OK);
    }
    parley_scenario *sc = parley_scenario_new(space);
    assert_non_null(sc);
    for (int p = 0; p < 3; p++) {
        parley_utility *u = parley_utility_new(space);
        assert_non_null(u);
        for (int i = 0; i < issues; i++) {
            assert_int_equal(parley_utility_set_weight(u, (size_t)i, 1.0 / issues), PARLEY_OK);
            for (uint32_t v = 0; v < 10; v++) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                assert_int_equal(parley_utility_set_value(u, (size_t)i, v, (double)(state >> 11) * 0x1p-53),
                                 PARLEY_OK);
            }
        }
        assert_int_equal(parley_utility_set_reservation(u, 0.3), PARLEY_OK);
        char name[16];
        snprintf(name, sizeof name, "P%d", p + 1);
        assert_int_equal(parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL), p);
    }
    return sc;
}

static void test_eight_threads_on_halves_of_ten_thousand(void **state)
{
    (void)state;
    parley_scenario *sc = three_parties(8);
    parley_analysis *a = test_analyse(sc, PARLEY_ANALYSIS_EXACT_ONLY, 8);
    assert_true(parley_analysis_merged(a));
    assert_int_equal(parley_analysis_outcomes(a), 100000000);
    assert_int_equal(parley_analysis_threads(a), 8);
    parley_analysis_free(a);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eight_threads_on_halves_of_ten_thousand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

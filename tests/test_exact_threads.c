/*
 * test_exact_threads.c: the exact path's counts (meet-in-the-middle, shared
 * out over threads) give the same figures whatever the thread count: a
 * three-party additive space of 10^9 outcomes (large enough for the 3-D
 * count to split over threads), with and without a red line, analysed on 1, 2
 * and 5 threads; and on 10^6 outcomes (halves of 1000 points: the passes over
 * them split into chunks) the counts on 1, 2 and 3 threads equal those of
 * streaming, and the analysis reports the threads the counts ran on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <parley/parley.h>

#include "test_util.h"

/* `issues` issues of 10 values, random additive utilities for 3 parties, reservations 0.3. */
static parley_scenario *space3(int issues, int red_line)
{
    uint64_t state = 0x243F6A8885A308D3ull ^ (uint64_t)issues;
    parley_space *space = parley_space_new();
    for (int i = 0; i < issues; i++) {
        char name[24];
        snprintf(name, sizeof name, "issue%d", i);
        assert_int_equal(parley_space_add_integer(space, name, 0, 9, 1, NULL), PARLEY_OK);
    }
    parley_scenario *sc = parley_scenario_new(space);
    for (int p = 0; p < 3; p++) {
        parley_utility *u = parley_utility_new(space);
        for (int i = 0; i < issues; i++) {
            parley_utility_set_weight(u, (size_t)i, 1.0 / issues);
            for (uint32_t v = 0; v < 10; v++) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                parley_utility_set_value(u, (size_t)i, v, (double)(state >> 11) * 0x1p-53);
            }
        }
        parley_utility_set_reservation(u, 0.3);
        char name[8];
        snprintf(name, sizeof name, "P%d", p + 1);
        long index = parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL);
        if (red_line && p == 0)
            assert_int_equal(parley_scenario_add_constraint(sc, index, "cap", "issue0 + issue1 <= 12", NULL, NULL, NULL),
                             PARLEY_OK);
    }
    return sc;
}

/* Every count the analysis reports, and the frontier, equal. */
static void assert_same(const parley_analysis *x, const parley_analysis *y)
{
    assert_int_equal(parley_analysis_feasible(x), parley_analysis_feasible(y));
    assert_int_equal(parley_analysis_acceptable(x), parley_analysis_acceptable(y));
    for (size_t k = 0; k < parley_analysis_party_count(x); k++)
        assert_int_equal(parley_analysis_party_acceptable(x, k), parley_analysis_party_acceptable(y, k));
    size_t conditions = parley_analysis_condition_count(x);
    assert_int_equal(conditions, parley_analysis_condition_count(y));
    for (size_t i = 0; i < conditions; i++)
        assert_int_equal(parley_analysis_condition_holds(x, i), parley_analysis_condition_holds(y, i));
    for (uint32_t mask = 0; mask < 1u << conditions; mask++) {
        uint64_t cx = 0, cy = 0;
        assert_int_equal(parley_analysis_count_satisfying(x, mask, &cx), parley_analysis_count_satisfying(y, mask, &cy));
        assert_int_equal(cx, cy);
    }
    assert_int_equal(parley_analysis_frontier_count(x), parley_analysis_frontier_count(y));
    for (size_t i = 0; i < parley_analysis_frontier_count(x); i++)
        assert_memory_equal(parley_analysis_frontier_utilities(x, i), parley_analysis_frontier_utilities(y, i),
                            3 * sizeof(double));
}

static void test_thread_counts_agree(void **state)
{
    (void)state;
    for (int red = 0; red <= 1; red++) {
        parley_scenario *sc = space3(9, red);
        parley_analysis *one = test_analyse(sc, PARLEY_ANALYSIS_EXACT_ONLY, 1);
        assert_true(parley_analysis_merged(one));
        assert_true(parley_analysis_acceptable(one) > 0 && parley_analysis_acceptable(one) < parley_analysis_outcomes(one));
        for (unsigned threads = 2; threads <= 5; threads += 3) {
            parley_analysis *many = test_analyse(sc, PARLEY_ANALYSIS_EXACT_ONLY, threads);
            assert_same(one, many);
            parley_analysis_free(many);
        }
        parley_analysis_free(one);
        parley_scenario_free(sc);
    }
}

static void test_counts_equal_streaming(void **state)
{
    (void)state;
    for (int red = 0; red <= 1; red++) {
        parley_scenario *sc = space3(6, red);
        parley_analysis *streamed = test_analyse(sc, PARLEY_ANALYSIS_STREAM, 1);
        assert_true(parley_analysis_acceptable(streamed) > 0);
        for (unsigned threads = 1; threads <= 3; threads++) {
            parley_analysis *exact = test_analyse(sc, PARLEY_ANALYSIS_EXACT_ONLY, threads);
            assert_true(parley_analysis_merged(exact));
            /* three parties: six sets of parties to count, so every thread asked for takes part */
            assert_int_equal(parley_analysis_threads(exact), threads);
            assert_same(streamed, exact);
            parley_analysis_free(exact);
        }
        parley_analysis_free(streamed);
        parley_scenario_free(sc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thread_counts_agree),
        cmocka_unit_test(test_counts_equal_streaming),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_exact.c: the exact path without enumeration (issue-wise merging of the
 * Pareto frontier, meet-in-the-middle counts, constraint scopes) against the
 * streaming analysis, which enumerates every outcome: on random two-party
 * additive scenarios of 10^3 to 10^6 outcomes, with continuous and coarse
 * utilities (coarse ones make ties and equal utility vectors), with and
 * without red lines and global constraints, every figure must be equal, the
 * utilities bit for bit.
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

#include "random_numbers.h"
#include "test_util.h"

/* Integer issues i0.., sizes drawn until the space reaches about `target` outcomes. */
static parley_scenario *random_scenario(double target, int coarse, int red_lines, unsigned parties)
{
    char name[32];
    parley_space *s = random_integer_space(target, 11, 16, 0);
    assert_non_null(s);
    parley_scenario *sc = parley_scenario_new(s);
    size_t issues = parley_space_issue_count(s);
    for (unsigned p = 0; p < parties; p++) {
        parley_utility *u = random_additive_utility(s, coarse, RANDOM_SOME_ZERO_WEIGHTS);
        assert_non_null(u);
        parley_utility_set_reservation(u, coarse ? pick(5) / 8.0 : 0.3 + 0.4 * uniform());
        snprintf(name, sizeof name, "P%u", p);
        long index = parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL);
        assert_true(index >= 0);
        for (int r = 0; r < red_lines; r++) {
            char rule[128];
            size_t a = pick((unsigned)issues), b = pick((unsigned)issues);
            if (pick(2))
                snprintf(rule, sizeof rule, "i%zu + i%zu <= %u", a, b, 2 + pick(10));
            else
                snprintf(rule, sizeof rule, "i%zu != %u", a, pick(3));
            snprintf(name, sizeof name, "r%u%d", p, r);
            assert_int_equal(parley_scenario_add_constraint(sc, index, name, rule, NULL, NULL, NULL), PARLEY_OK);
        }
    }
    if (red_lines && pick(2))
        assert_int_equal(parley_scenario_add_constraint(sc, -1, "g", "i0 != 1", NULL, NULL, NULL), PARLEY_OK);
    return sc;
}

/* The analysis by `method` on two threads. */
static parley_analysis *run(const parley_scenario *sc, int method)
{
    return test_analyse(sc, method, 2);
}


static void compare_on(double target, int coarse, int red_lines, unsigned parties, int rounds)
{
    for (int r = 0; r < rounds; r++) {
        parley_scenario *sc = random_scenario(target, coarse, red_lines, parties);
        parley_analysis *stream = run(sc, PARLEY_ANALYSIS_STREAM), *exact = run(sc, PARLEY_ANALYSIS_EXACT);
        assert_false(parley_analysis_merged(stream));
        assert_true(parley_analysis_merged(exact));
        test_same_figures(stream, exact, parley_space_issue_count(parley_scenario_space(sc)));
        parley_analysis_free(stream);
        parley_analysis_free(exact);
        parley_scenario_free(sc);
    }
}

static void test_unconstrained_continuous(void **state_)
{
    (void)state_;
    compare_on(1e3, 0, 0, 2, 20);
    compare_on(1e5, 0, 0, 2, 4);
    compare_on(1e6, 0, 0, 2, 1);
}

static void test_unconstrained_coarse(void **state_)
{
    (void)state_;
    compare_on(1e3, 1, 0, 2, 20);
    compare_on(1e5, 1, 0, 2, 6);
}

static void test_red_lines(void **state_)
{
    (void)state_;
    compare_on(1e3, 0, 1, 2, 20);
    compare_on(1e3, 1, 2, 2, 20);
    compare_on(1e5, 0, 1, 2, 2);
    compare_on(1e5, 1, 1, 2, 2);
}

/*
 * Any number of parties, any size: parley_analyze_approximate takes the exact
 * path (exact_big.c) and its frontier, solutions and (up to three parties)
 * count of acceptable outcomes must be streaming's.
 * (Utilities are summed in issue order by both here: the streaming pass fuses
 * trailing issues only without constraints, and continuous random values make
 * a rounding tie between the two orders vanishingly unlikely.)
 */
static void compare_big(double target, int coarse, int red_lines, unsigned parties, int rounds)
{
    for (int r = 0; r < rounds; r++) {
        parley_scenario *sc = random_scenario(target, coarse, red_lines, parties);
        parley_analysis *stream = run(sc, PARLEY_ANALYSIS_STREAM);
        test_big_is_stream(sc, stream);
        parley_analysis_free(stream);
        parley_scenario_free(sc);
    }
}

static void test_any_size_path(void **state_)
{
    (void)state_;
    for (unsigned parties = 2; parties <= 4; parties++) {
        compare_big(1e3, 0, 0, parties, 10);
        compare_big(1e3, 1, 0, parties, 10);
        compare_big(1e3, 0, 1, parties, 10);
        compare_big(1e5, 0, 0, parties, 1);
        compare_big(1e5, 1, 1, parties, 1);
    }
}

/*
 * Sums that land exactly half a step of the 2^-32 grid below the reservation
 * 0.5, where the rounding (ties to even) decides: the meet-in-the-middle band.
 * Two issues of three values, weights 1/2 each, both parties valuing them
 * {0.5, 0.5 - 2^-32, 0}, so each issue adds 0.25, 0.25 - 2^-33 or 0:
 *   (0,0) 0.5 accepted; (0,1), (1,0) 0.5 - 2^-33 rounds to 0.5 (2^31 steps,
 *   even) accepted; (1,1) 0.5 - 2^-32 refused; the rest at most 0.25 refused.
 * So 3 outcomes are acceptable to each and to both, all with utilities
 * (0.5, 0.5): the frontier is those 3, and Nash is (0,0), the lowest-numbered.
 */
static void test_three_parties(void **state_)
{
    (void)state_;
    compare_on(1e3, 0, 0, 3, 10);
    compare_on(1e3, 1, 0, 3, 10);
    compare_on(1e3, 0, 1, 3, 10);
    compare_on(1e3, 1, 2, 3, 10);
    compare_on(1e5, 0, 0, 3, 2);
    compare_on(1e5, 1, 1, 3, 2);
}

static void test_rounding_band(void **state_)
{
    (void)state_;
    parley_space *s = parley_space_new();
    assert_int_equal(parley_space_add_integer(s, "a", 0, 2, 1, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_integer(s, "b", 0, 2, 1, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(s);
    const double values[3] = {0.5, 0.5 - 0x1p-32, 0};
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        for (size_t i = 0; i < 2; i++) {
            parley_utility_set_weight(u, i, 0.5);
            for (uint32_t v = 0; v < 3; v++)
                parley_utility_set_value(u, i, v, values[v]);
        }
        parley_utility_set_reservation(u, 0.5);
        assert_true(parley_scenario_add_party(sc, p ? "B" : "A", PARLEY_ROLE_PARTY, u, NULL) >= 0);
    }
    for (int method = PARLEY_ANALYSIS_STREAM; method <= PARLEY_ANALYSIS_EXACT; method++) {
        parley_analysis *a = run(sc, method);
        assert_int_equal(parley_analysis_acceptable(a), 3);
        assert_int_equal(parley_analysis_party_acceptable(a, 0), 3);
        assert_int_equal(parley_analysis_party_acceptable(a, 1), 3);
        assert_int_equal(parley_analysis_frontier_count(a), 3);
        const uint32_t *o = NULL;
        const double *u = NULL;
        double value;
        assert_int_equal(parley_analysis_solution(a, PARLEY_SOLUTION_NASH, &o, &u, &value), PARLEY_OK);
        assert_int_equal(o[0], 0);
        assert_int_equal(o[1], 0);
        assert_true(u[0] == 0.5 && u[1] == 0.5);
        parley_analysis_free(a);
    }
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unconstrained_continuous),
        cmocka_unit_test(test_unconstrained_coarse),
        cmocka_unit_test(test_red_lines),
        cmocka_unit_test(test_three_parties),
        cmocka_unit_test(test_rounding_band),
        cmocka_unit_test(test_any_size_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_mitm_formulations.c: the two- and three-party counts of the exact
 * path (mitm_count.c) against enumeration of every outcome (the streaming
 * analysis), with each formulation of the pair and triple counts forced in turn
 * (PARLEY_MITM_COUNT=direct: dominance counts of the pairs the parties surely
 * accept; complement: inclusion-exclusion over the pairs they surely refuse,
 * for two parties and for three) and the automatic choice, on 1 and 2 threads.
 * Random additive spaces of 10^3 to 10^5 outcomes, continuous and coarse
 * (ties) utilities, reservations from 0 to 0.9 (so both formulations are
 * chosen and queries that count nothing are dropped on either side), with and
 * without red lines and a global constraint: every count must be equal.
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

static parley_scenario *random_scenario(unsigned parties, double target, int coarse, int red_lines)
{
    char name[32], rule[64];
    parley_space *s = random_integer_space(target, 9, 16, 0);
    assert_non_null(s);
    parley_scenario *sc = parley_scenario_new(s);
    size_t issues = parley_space_issue_count(s);
    double reservation = 0.9 * uniform(); /* one level for all: mostly accepted or mostly refused */
    for (unsigned p = 0; p < parties; p++) {
        parley_utility *u = random_additive_utility(s, coarse, 0);
        assert_non_null(u);
        parley_utility_set_reservation(u, coarse ? (double)pick(8) / 8.0 : reservation + 0.1 * uniform());
        snprintf(name, sizeof name, "P%u", p);
        long index = parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL);
        assert_true(index >= 0);
        for (int r = 0; r < red_lines; r++) {
            snprintf(rule, sizeof rule, "i%u + i%u <= %u", pick((unsigned)issues), pick((unsigned)issues), 2 + pick(8));
            snprintf(name, sizeof name, "r%u%d", p, r);
            assert_int_equal(parley_scenario_add_constraint(sc, index, name, rule, NULL, NULL, NULL), PARLEY_OK);
        }
    }
    if (red_lines && pick(2))
        assert_int_equal(parley_scenario_add_constraint(sc, -1, "g", "i0 != 1", NULL, NULL, NULL), PARLEY_OK);
    return sc;
}

/* The counts of the two analyses: acceptable, per party, and of every set of conditions. */
static void assert_same_counts(const parley_analysis *x, const parley_analysis *y, const char *formulation)
{
    if (parley_analysis_acceptable(x) != parley_analysis_acceptable(y))
        fail_msg("%s: %llu acceptable, enumeration %llu", formulation,
                 (unsigned long long)parley_analysis_acceptable(y), (unsigned long long)parley_analysis_acceptable(x));
    for (size_t k = 0; k < parley_analysis_party_count(x); k++)
        assert_int_equal(parley_analysis_party_acceptable(x, k), parley_analysis_party_acceptable(y, k));
    size_t C = parley_analysis_condition_count(x);
    assert_int_equal(C, parley_analysis_condition_count(y));
    for (uint64_t mask = 0; mask < (uint64_t)1 << C; mask++) {
        uint64_t cx, cy;
        assert_int_equal(parley_analysis_count_satisfying(x, mask, &cx), PARLEY_OK);
        assert_int_equal(parley_analysis_count_satisfying(y, mask, &cy), PARLEY_OK);
        if (cx != cy)
            fail_msg("%s: %llu outcomes satisfy the conditions %llx, enumeration %llu", formulation,
                     (unsigned long long)cy, (unsigned long long)mask, (unsigned long long)cx);
    }
}

static void compare_on(unsigned parties, double target, int coarse, int red_lines, int rounds)
{
    static const char *const formulations[] = {"direct", "complement", NULL};
    for (int r = 0; r < rounds; r++) {
        parley_scenario *sc = random_scenario(parties, target, coarse, red_lines);
        parley_analysis *stream = test_analyse(sc, PARLEY_ANALYSIS_STREAM, 2);
        assert_false(parley_analysis_merged(stream));
        for (size_t f = 0; f < 3; f++)
            for (unsigned threads = 1; threads <= 2; threads++) {
                if (formulations[f])
                    assert_int_equal(setenv("PARLEY_MITM_COUNT", formulations[f], 1), 0);
                else
                    unsetenv("PARLEY_MITM_COUNT");
                parley_analysis *exact = test_analyse(sc, PARLEY_ANALYSIS_EXACT, threads);
                assert_true(parley_analysis_merged(exact));
                assert_same_counts(stream, exact, formulations[f] ? formulations[f] : "automatic");
                parley_analysis_free(exact);
            }
        unsetenv("PARLEY_MITM_COUNT");
        parley_analysis_free(stream);
        parley_scenario_free(sc);
    }
}

static void test_two_parties(void **state)
{
    (void)state;
    compare_on(2, 1e3, 0, 0, 12);
    compare_on(2, 1e3, 1, 1, 12);
    compare_on(2, 1e5, 0, 1, 2);
}

static void test_three_parties(void **state)
{
    (void)state;
    compare_on(3, 1e3, 0, 0, 12);
    compare_on(3, 1e3, 1, 0, 12);
    compare_on(3, 1e5, 0, 0, 2);
}

static void test_three_parties_red_lines(void **state)
{
    (void)state;
    compare_on(3, 1e3, 0, 1, 12);
    compare_on(3, 1e3, 1, 2, 12);
    compare_on(3, 1e5, 0, 1, 2);
    compare_on(3, 1e5, 1, 1, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_parties),
        cmocka_unit_test(test_three_parties),
        cmocka_unit_test(test_three_parties_red_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

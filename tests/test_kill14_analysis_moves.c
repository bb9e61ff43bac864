/*
 * test_kill14_analysis_moves.c: the combination of partial moves (moves.c) at the limit of the red lines it can
 * measure (issue 27, seed-144 probe of src/analysis): a red line's cost is measured over the combinations of
 * values of the issues it mentions, at most 4096 of them.  Two parties whose lines on x + y collide: on 64 x 64
 * values (4096 combinations) the combination is found, a finite concession opening a zone; on 17 x 241 (4097) no
 * line can be measured, so none is found (PARLEY_ENOTFOUND, and no reason of size: the space is small).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include <parley/parley.h>

#include "grid_space.h"

/* x in 0..nx-1, y in 0..ny-1; A likes both low, B both high; A's line x + y <= low, B's x + y >= high. */
static parley_scenario *colliding(int64_t nx, int64_t ny, const char *a_line, const char *b_line)
{
    parley_space *s;
    parley_scenario *sc = two_issue_scenario_new(&s, "x", nx - 1, "y", ny - 1);
    const int64_t count[2] = {nx, ny};
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        for (size_t i = 0; i < 2; i++) {
            assert_int_equal(parley_utility_set_weight(u, i, 0.5), PARLEY_OK);
            for (int64_t v = 0; v < count[i]; v++) {
                double rising = (double)v / (double)(count[i] - 1);
                assert_int_equal(parley_utility_set_value(u, i, (uint32_t)v, p ? rising : 1 - rising), PARLEY_OK);
            }
        }
        assert_int_equal(parley_scenario_add_party(sc, p ? "B" : "A", PARLEY_ROLE_PARTY, u, NULL), p);
    }
    assert_int_equal(parley_scenario_add_constraint(sc, 0, "low", a_line, NULL, NULL, NULL), PARLEY_OK);
    assert_int_equal(parley_scenario_add_constraint(sc, 1, "high", b_line, NULL, NULL, NULL), PARLEY_OK);
    return sc;
}

static int combination(const parley_scenario *sc, size_t *count, double *largest, uint64_t *zone,
                       const char **skipped)
{
    parley_diagnosis *d = NULL;
    parley_error err;
    parley_analysis_options options = {.threads = 1};
    if (parley_diagnose(sc, &options, &d, &err) != PARLEY_OK)
        fail_msg("parley_diagnose: %s", err.message);
    assert_int_equal(parley_analysis_acceptable(parley_diagnosis_analysis(d)), 0);
    const parley_concession *moves = NULL;
    const uint32_t *nash = NULL;
    const double *utilities = NULL;
    int rc = parley_diagnosis_combination(d, &moves, count, largest, zone, &nash, &utilities, skipped);
    parley_diagnosis_free(d);
    return rc;
}

static void test_a_line_over_4096_combinations_is_measured(void **state)
{
    (void)state;
    parley_scenario *sc = colliding(64, 64, "x + y <= 40", "x + y >= 80");
    size_t count = 0;
    double largest = NAN;
    uint64_t zone = 0;
    const char *skipped = "unset";
    assert_int_equal(combination(sc, &count, &largest, &zone, &skipped), PARLEY_OK);
    assert_true(count >= 1);
    assert_true(isfinite(largest) && largest > 0);
    assert_true(zone > 0);
    parley_scenario_free(sc);
}

static void test_a_line_over_4097_combinations_is_not(void **state)
{
    (void)state;
    parley_scenario *sc = colliding(17, 241, "x + y <= 100", "x + y >= 150");
    size_t count = 0;
    double largest = NAN;
    uint64_t zone = 0;
    const char *skipped = "unset";
    assert_int_equal(combination(sc, &count, &largest, &zone, &skipped), PARLEY_ENOTFOUND);
    assert_null(skipped);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_line_over_4096_combinations_is_measured),
        cmocka_unit_test(test_a_line_over_4097_combinations_is_not),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

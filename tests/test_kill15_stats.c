/*
 * test_kill15_stats.c: Student's t and Welch's test (stats_welch.c) against mpmath (40 digits, the regularised
 * incomplete beta I_x(df/2, 1/2) at x = df / (df + t^2), worked out once with mpmath.betainc and written here),
 * at degrees of freedom between 0.5 and 10^6 and on both sides of the continued fraction's switch; t so large that
 * x underflows to 0 (p exactly 0); and Welch's p-value: NaN when either sample has fewer than two cells (1 and 1,
 * 1 and 5, 5 and 1), a value for two (the smallest), and one case against mpmath (means 0.6 and 0.5, variances
 * 0.01 and 0.04 over 5 and 4 cells: df 4.194174757..., t 0.912870929..., p 0.410716905626575740).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "tournament/stats_internal.h"

static void test_student_against_mpmath(void **state)
{
    (void)state;
    static const struct {
        double t, df, p, tolerance; /* relative */
    } cases[] = {
        {2.5, 7, 0.040992218585752896889, 1e-12},   {0.3, 30, 0.76624610528435281765, 1e-12},
        {4, 3.5, 0.020920616365403724183, 1e-12},   {10, 2.5, 0.0044414957673074247731, 1e-12},
        {0.01, 0.5, 0.99460674363610449646, 1e-12}, {3, 100, 0.003407915343329449537, 1e-12},
        {-2.5, 7, 0.040992218585752896889, 1e-12},
        /* lgamma's rounding at a = 5e5 leaves about 9 digits */
        {1.96, 1e6, 0.049996067585269790686, 1e-8},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        double p = stats_student_t_two_sided(cases[k].t, cases[k].df);
        if (!(fabs(p - cases[k].p) <= cases[k].tolerance * cases[k].p))
            fail_msg("t %g, df %g: %.17g, mpmath %.17g", cases[k].t, cases[k].df, p, cases[k].p);
    }
    /* df / (df + t^2) underflows to 0 (t^2 is infinite): the tail is 0 */
    assert_true(stats_student_t_two_sided(1e200, 5) == 0);
    assert_true(isnan(stats_student_t_two_sided(NAN, 5)));
    assert_true(isnan(stats_student_t_two_sided(1, -1)));
}

static void test_welch(void **state)
{
    (void)state;
    assert_true(isnan(stats_welch_p_value(0.5, 0.01, 1, 0.4, 0.01, 1)));
    assert_true(isnan(stats_welch_p_value(0.5, 0.01, 1, 0.4, 0.01, 5)));
    assert_true(isnan(stats_welch_p_value(0.5, 0.01, 5, 0.4, 0.01, 1)));
    double p = stats_welch_p_value(0.6, 0.01, 5, 0.5, 0.04, 4);
    assert_float_equal(p, 0.41071690562657574008, 1e-12);
    /* two cells each, equal variances 0.02: se^2 = 0.02, df = 2, t = 0.1 / sqrt(0.02); p = 1 - t / sqrt(2 + t^2) */
    double t = 0.1 / sqrt(0.02);
    assert_float_equal(stats_welch_p_value(0.6, 0.02, 2, 0.5, 0.02, 2), 1 - t / sqrt(2 + t * t), 1e-12);
    /* the order of the samples does not matter */
    assert_float_equal(stats_welch_p_value(0.5, 0.04, 4, 0.6, 0.01, 5), p, 1e-15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_student_against_mpmath),
        cmocka_unit_test(test_welch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

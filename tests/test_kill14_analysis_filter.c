/*
 * test_kill14_analysis_filter.c: exact_pareto_filter (exact_merge.c: the final dominance filter of the exact path's
 * candidates, margin 0) against brute force (issue 27, seed-144 probe of src/analysis, exact_merge.c:236 and 270):
 * for two parties (running maxima), three (two Fenwick trees) and four and five (by total), on vectors with many
 * exact ties (ratings in quarters: equal in one party, in two, or in all), and on fine ones; sizes around the 512
 * keys where the second sort of three parties turns to radix passes.  A vector is kept exactly when no other is at
 * least as good for every party and better for one; equal vectors are all kept.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "analysis/exact.h"
#include "random_numbers.h"

static int dominated_by_brute_force(const double *u, size_t m, size_t n, size_t c)
{
    for (size_t x = 0; x < m; x++) {
        int geq = 1, better = 0;
        for (size_t k = 0; k < n && geq; k++) {
            geq = u[x * n + k] >= u[c * n + k];
            better |= u[x * n + k] > u[c * n + k];
        }
        if (geq && better)
            return 1;
    }
    return 0;
}

static void check(const double *u, size_t m, size_t n, const char *what)
{
    unsigned char *keep = malloc(m + 1);
    assert_non_null(keep);
    assert_int_equal(exact_pareto_filter(u, m, n, keep), 0);
    for (size_t c = 0; c < m; c++) {
        int expect = !dominated_by_brute_force(u, m, n, c);
        if (keep[c] != expect)
            fail_msg("%s, %zu vectors of %zu parties: vector %zu (%g, %g, %g, ...) %s, brute force %s", what, m, n, c,
                     u[c * n], u[c * n + 1], n > 2 ? u[c * n + 2] : 0.0, keep[c] ? "kept" : "dropped",
                     expect ? "kept" : "dropped");
    }
    free(keep);
}

static void test_filter_against_brute_force(void **state)
{
    (void)state;
    random_state = 1444;
    static double u[700 * 5];
    const size_t sizes[] = {1, 2, 3, 7, 40, 200, 511, 512, 700};
    for (size_t n = 2; n <= 5; n++)
        for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
            size_t m = sizes[s];
            for (int round = 0; round < (m < 100 ? 20 : 2); round++) {
                for (size_t i = 0; i < m * n; i++)
                    u[i] = (double)pick(5) / 4;
                check(u, m, n, "ratings in quarters");
                for (size_t i = 0; i < m * n; i++)
                    u[i] = uniform();
                check(u, m, n, "fine ratings");
                /* a copy of an earlier vector, or one equal to it in all parties but one */
                for (size_t c = 1; c < m; c++)
                    if (pick(2)) {
                        size_t from = pick((unsigned)c), k = pick((unsigned)n);
                        for (size_t j = 0; j < n; j++)
                            u[c * n + j] = u[from * n + j];
                        if (pick(2))
                            u[c * n + k] = uniform();
                    }
                check(u, m, n, "vectors equal in all parties but one");
            }
        }
}

/* Hand-made: three parties, Y equal to X in the first and the third party, worse in the second only. */
static void test_three_parties_worse_in_the_second_only(void **state)
{
    (void)state;
    const double u[] = {0.5, 0.4, 0.3, /* Y */ 0.5, 0.6, 0.3, /* X */ 0.9, 0.1, 0.1, /* Z: on the frontier */
                        0.5, 0.6, 0.3 /* X again */};
    unsigned char keep[4];
    assert_int_equal(exact_pareto_filter(u, 4, 3, keep), 0);
    assert_int_equal(keep[0], 0);
    assert_int_equal(keep[1], 1);
    assert_int_equal(keep[2], 1);
    assert_int_equal(keep[3], 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filter_against_brute_force),
        cmocka_unit_test(test_three_parties_worse_in_the_second_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

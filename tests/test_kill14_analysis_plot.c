/*
 * test_kill14_analysis_plot.c: the plot data of the streaming analysis (parley_analysis_density and
 * parley_analysis_pair_frontier) gathered by several workers and merged (issue 27, seed-144 probe of
 * src/analysis, analyze.c:278: each worker's data but the first's is merged into the first's).  Three parties
 * over 10 x 10 x 10 x 100 packages (a red line and a global constraint): on 1, 2 and 3 threads the histograms of
 * every pair, of all feasible packages and of the acceptable ones, and the pairs' frontiers are the same, and each
 * histogram counts every feasible (acceptable) package once.  The streaming analysis shares out spaces of 100,000
 * outcomes or more (99,999 = 9 x 41 x 271 run on one thread), on at most 64 threads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <parley/parley.h>

#include "random_numbers.h"
#include "test_util.h"

enum { BINS = 16 };

static parley_scenario *three_parties(const int64_t *sizes)
{
    parley_space *s = parley_space_new();
    assert_non_null(s);
    for (size_t i = 0; i < 4; i++) {
        char name[32];
        snprintf(name, sizeof name, "i%zu", i);
        assert_int_equal(parley_space_add_integer(s, name, 0, sizes[i] - 1, 1, NULL), PARLEY_OK);
    }
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    random_state = 1445;
    for (int p = 0; p < 3; p++) {
        parley_utility *u = random_additive_utility(s, 0, 0);
        assert_non_null(u);
        assert_int_equal(parley_utility_set_reservation(u, 0.3), PARLEY_OK);
        char name[16];
        snprintf(name, sizeof name, "P%d", p);
        assert_int_equal(parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL), p);
    }
    assert_int_equal(parley_scenario_add_constraint(sc, 0, "cap", "i0 + i1 <= 4", NULL, NULL, NULL), PARLEY_OK);
    assert_int_equal(parley_scenario_add_constraint(sc, -1, "g", "i3 != 2", NULL, NULL, NULL), PARLEY_OK);
    return sc;
}

static void test_plot_data_on_several_threads(void **state)
{
    (void)state;
    static const int64_t sizes[] = {10, 10, 10, 100};
    parley_scenario *sc = three_parties(sizes);
    parley_analysis *one = test_analyse_with(sc, &(parley_analysis_options){.threads = 1, .plot_bins = BINS});
    assert_int_equal(parley_analysis_plot_bins(one), BINS);
    assert_true(parley_analysis_acceptable(one) > 0 && parley_analysis_acceptable(one) < parley_analysis_feasible(one));
    for (unsigned threads = 2; threads <= 3; threads++) {
        parley_analysis *many =
            test_analyse_with(sc, &(parley_analysis_options){.threads = threads, .plot_bins = BINS});
        assert_int_equal(parley_analysis_threads(many), threads);
        for (size_t k0 = 0; k0 < 3; k0++)
            for (size_t k1 = k0 + 1; k1 < 3; k1++)
                for (int ok = 0; ok < 2; ok++) {
                    const uint64_t *a = parley_analysis_density(one, k0, k1, ok);
                    const uint64_t *b = parley_analysis_density(many, k0, k1, ok);
                    assert_non_null(a);
                    assert_non_null(b);
                    uint64_t total = 0;
                    for (size_t c = 0; c < BINS * BINS; c++) {
                        if (a[c] != b[c])
                            fail_msg("%u threads, pair %zu %zu, %s: cell %zu holds %llu, one thread %llu", threads, k0,
                                     k1, ok ? "acceptable" : "feasible", c, (unsigned long long)b[c],
                                     (unsigned long long)a[c]);
                        total += b[c];
                    }
                    assert_int_equal(total, ok ? parley_analysis_acceptable(one) : parley_analysis_feasible(one));
                    const double *fa = NULL, *fb = NULL;
                    size_t na = parley_analysis_pair_frontier(one, k0, k1, ok, &fa);
                    size_t nb = parley_analysis_pair_frontier(many, k0, k1, ok, &fb);
                    assert_true(na > 0);
                    assert_int_equal(na, nb);
                    assert_memory_equal(fa, fb, 2 * na * sizeof *fa);
                }
        assert_null(parley_analysis_density(many, 1, 1, 0)); /* not a pair */
        assert_null(parley_analysis_density(many, 2, 1, 0));
        assert_null(parley_analysis_density(many, 1, 3, 0));
        parley_analysis_free(many);
    }
    parley_analysis_free(one);
    parley_scenario_free(sc);
}

static unsigned threads_run(const int64_t *sizes, unsigned asked)
{
    parley_scenario *sc = three_parties(sizes);
    parley_analysis *a = test_analyse(sc, PARLEY_ANALYSIS_STREAM, asked);
    unsigned threads = parley_analysis_threads(a);
    parley_analysis_free(a);
    parley_scenario_free(sc);
    return threads;
}

static void test_workers_from_100000_outcomes(void **state)
{
    (void)state;
    static const int64_t below[] = {9, 41, 271, 1}, at[] = {10, 10, 10, 100};
    assert_int_equal(threads_run(below, 2), 1);
    assert_int_equal(threads_run(at, 2), 2);
    assert_int_equal(threads_run(at, 64), 64);
    assert_int_equal(threads_run(at, 65), 64);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plot_data_on_several_threads),
        cmocka_unit_test(test_workers_from_100000_outcomes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

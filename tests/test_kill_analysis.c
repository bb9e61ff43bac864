/*
 * test_kill_analysis.c: the approximate analysis (approx.c) on a behaviour a
 * generated mutant showed no test pinned (issue 27): the random samples of the
 * zone-of-agreement estimate are split between the worker threads so that
 * their number is exactly the one asked for, also when it does not divide by
 * the threads (1000 over 3 threads: 334 + 333 + 333; 1001 over 2: 501 + 500).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <parley/parley.h>

static void samples_drawn(unsigned threads, uint64_t samples)
{
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json", &sc, &err),
                     PARLEY_OK);
    parley_approx_options options = {0};
    options.threads = threads;
    options.samples = samples;
    options.evaluations = 40 * samples; /* samples stay below the quarter of the budget they are capped at */
    options.search_only = 1;            /* the search, not the exact frontier of this additive scenario */
    parley_approx *a = NULL;
    assert_int_equal(parley_analyze_approximate(sc, &options, &a, &err), PARLEY_OK);
    assert_int_equal(parley_approx_threads(a), threads);
    assert_int_equal(parley_approx_samples(a), samples);
    parley_approx_free(a);
    parley_scenario_free(sc);
}

static void test_samples_split_between_threads(void **state)
{
    (void)state;
    samples_drawn(3, 1000);
    samples_drawn(2, 1001);
    samples_drawn(1, 999);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_samples_split_between_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

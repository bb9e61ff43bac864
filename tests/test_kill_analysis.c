/*
 * test_kill_analysis.c: the approximate analysis (approx.c) on a behaviour a
 * generated mutant showed no test pinned (issue 27): the random samples of the
 * zone-of-agreement estimate are split between the worker threads so that
 * their number is exactly the one asked for, also when it does not divide by
 * the threads (1000 over 3 threads: 334 + 333 + 333; 1001 over 2: 501 + 500).
 * The streamed scan of a space of 100,000 outcomes or more runs as many
 * threads as asked up to 64, its most (a mutant capped it at 63).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

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

/* Five issues of ten values (100,000 outcomes, the least the scan splits between threads). */
static void test_stream_threads_capped_at_64(void **state)
{
    (void)state;
    static const char text[] =
        "{\"format\": \"parley-scenario\", \"title\": \"wide\", \"issues\": ["
        "{\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 9},"
        "{\"name\": \"b\", \"type\": \"integer\", \"min\": 0, \"max\": 9},"
        "{\"name\": \"c\", \"type\": \"integer\", \"min\": 0, \"max\": 9},"
        "{\"name\": \"d\", \"type\": \"integer\", \"min\": 0, \"max\": 9},"
        "{\"name\": \"e\", \"type\": \"integer\", \"min\": 0, \"max\": 9}],"
        " \"parties\": [{\"name\": \"A\", \"preferences\": {\"a\": {\"weight\": 1, \"function\": "
        "{\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
        " {\"name\": \"B\", \"preferences\": {\"a\": {\"weight\": 1, \"function\": "
        "{\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}";
    parley_document doc = {"wide.json", text, strlen(text)};
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_load_buffers(&doc, 1, NULL, &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    static const unsigned asked[][2] = {{64, 64}, {100, 64}, {3, 3}};
    for (size_t i = 0; i < 3; i++) {
        parley_analysis_options options = {0};
        options.threads = asked[i][0];
        options.method = PARLEY_ANALYSIS_STREAM;
        parley_analysis *a = NULL;
        if (parley_analyze(sc, &options, &a, &err) != PARLEY_OK)
            fail_msg("%s", err.message);
        unsigned used = parley_analysis_threads(a);
        parley_analysis_free(a);
        if (used != asked[i][1])
            fail_msg("%u threads asked: %u used, expected %u", asked[i][0], used, asked[i][1]);
    }
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stream_threads_capped_at_64),
        cmocka_unit_test(test_samples_split_between_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill_analysis.c: the approximate analysis (approx.c) on a behaviour a
 * generated mutant showed no test pinned (issue 27): the random samples of the
 * zone-of-agreement estimate are split between the worker threads so that
 * their number is exactly the one asked for, also when it does not divide by
 * the threads (1000 over 3 threads: 334 + 333 + 333; 1001 over 2: 501 + 500).
 * The streamed scan of a space of 100,000 outcomes or more runs as many
 * threads as asked up to 64, its most (a mutant capped it at 63).
 * The improvements of a deal (improve.c) searched in a space of two issues,
 * where the changes of one or two issues of the agreement are every other
 * package: the bounded search must find and list exactly what enumerating the
 * space finds (its candidates, the frontier and those changes, overlap; they
 * are sorted and their repeats dropped: a mutant that merged too little of
 * each run counted repeats and lost candidates).
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

/* The scenario of the JSON `text`, named `name` (the test fails when it does not load). */
static parley_scenario *load_text(const char *name, const char *text)
{
    parley_document doc = {name, text, strlen(text)};
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_load_buffers(&doc, 1, NULL, &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return sc;
}
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
    parley_scenario *sc = load_text("wide.json", text);
    parley_error err;
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

/* Two issues of ten values: A wants a and b high, B wants a low and b high; the deal (5, 2). */
static void test_bounded_improvements_of_two_issues_are_all(void **state)
{
    (void)state;
    static const char text[] =
        "{\"title\": \"two\", \"issues\": [{\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 9},"
        " {\"name\": \"b\", \"type\": \"integer\", \"min\": 0, \"max\": 9}],"
        " \"parties\": [{\"name\": \"A\", \"preferences\": {"
        "\"a\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
        "\"b\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
        " {\"name\": \"B\", \"preferences\": {"
        "\"a\": {\"weight\": 0.7, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}},"
        "\"b\": {\"weight\": 0.3, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}}]}";
    parley_scenario *sc = load_text("two.json", text);
    parley_error err;
    const uint32_t deal[2] = {5, 2};
    parley_improve_options every = {.limit = 200}, searched = {.limit = 200, .max_enumerate = 99};
    parley_improvements *all = NULL, *found = NULL;
    if (parley_improve(sc, deal, &every, &all, &err) != PARLEY_OK ||
        parley_improve(sc, deal, &searched, &found, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    parley_scenario_free(sc);
    int exhaustive[2] = {parley_improvements_exhaustive(all), parley_improvements_exhaustive(found)};
    uint64_t total[2] = {parley_improvements_found(all), parley_improvements_found(found)};
    size_t listed[2] = {parley_improvements_count(all), parley_improvements_count(found)}, same = 0;
    for (size_t i = 0; i < listed[0] && i < listed[1]; i++)
        same += memcmp(parley_improvements_package(all, i), parley_improvements_package(found, i),
                       2 * sizeof(uint32_t)) == 0;
    parley_improvements_free(all);
    parley_improvements_free(found);
    /* by hand: with da = a - 5 and db = b - 2, A gains when da + db > 0 and B when 3 db > 7 da: 35 packages */
    assert_true(exhaustive[0] && !exhaustive[1]);
    assert_int_equal(total[0], 35);
    assert_int_equal(total[1], total[0]);
    assert_int_equal(listed[0], total[0]);
    assert_int_equal(listed[1], listed[0]);
    assert_int_equal(same, listed[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stream_threads_capped_at_64),
        cmocka_unit_test(test_samples_split_between_threads),
        cmocka_unit_test(test_bounded_improvements_of_two_issues_are_all),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

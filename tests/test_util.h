/*
 * test_util.h: small helpers shared by the cmocka test programs (include after
 * <cmocka.h> and <parley/parley.h>): a scenario from a file or from text, the
 * test failing with parley's message when it does not load, its analysis
 * by a chosen method, and two analyses' frontiers compared byte for byte.
 */
#ifndef PARLEY_TEST_UTIL_H
#define PARLEY_TEST_UTIL_H

#include <parley/parley.h>
#include <string.h>

/* The scenario in `path`; fails the test with the error when it does not load. */
static inline parley_scenario *test_scenario_load(const char *path)
{
    parley_scenario *sc = NULL;
    parley_error err;
    char buf[2048];
    if (parley_scenario_load(path, &sc, &err) != PARLEY_OK)
        fail_msg("%s: %s", path, parley_error_format(&err, buf, sizeof buf));
    return sc;
}

/* The scenario written in `doc` (JSON text); `name` names it in errors. */
static inline parley_scenario *test_scenario_text(const char *doc, const char *name)
{
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_parse(doc, strlen(doc), name, &sc, &err) != PARLEY_OK)
        fail_msg("%s: %s", name, err.message);
    return sc;
}

/* The analysis of sc with `options`; fails the test with the error. */
static inline parley_analysis *test_analyse_with(const parley_scenario *sc, const parley_analysis_options *options)
{
    parley_analysis *a = NULL;
    parley_error err;
    char buf[2048];
    if (parley_analyze(sc, options, &a, &err) != PARLEY_OK)
        fail_msg("parley_analyze: %s", parley_error_format(&err, buf, sizeof buf));
    return a;
}

/* The analysis of sc by `method` (a parley_analysis_method) on `threads` threads; fails the test with the error. */
static inline parley_analysis *test_analyse(const parley_scenario *sc, int method, unsigned threads)
{
    return test_analyse_with(sc, &(parley_analysis_options){.threads = threads, .method = method});
}

/* a and b have the same frontier: as many points, each the same outcome (`issues` values) and the same utilities
 * (`parties` of them), compared as bytes (no tolerance). */
static inline void test_same_frontier(const parley_analysis *a, const parley_analysis *b, size_t issues,
                                      size_t parties)
{
    size_t f = parley_analysis_frontier_count(a);
    assert_int_equal(f, parley_analysis_frontier_count(b));
    for (size_t i = 0; i < f; i++) {
        assert_memory_equal(parley_analysis_frontier_outcome(a, i), parley_analysis_frontier_outcome(b, i),
                            issues * sizeof(uint32_t));
        assert_memory_equal(parley_analysis_frontier_utilities(a, i), parley_analysis_frontier_utilities(b, i),
                            parties * sizeof(double));
    }
}

#endif

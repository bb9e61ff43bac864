/*
 * test_util.h: small helpers shared by the cmocka test programs (include after
 * <cmocka.h> and <parley/parley.h>): a scenario from a file or from text, the
 * test failing with parley's message when it does not load, its analysis
 * by a chosen method, two analyses' frontiers or all their figures compared byte for byte, and a space of
 * integer issues with parties rating its values.
 */
#ifndef PARLEY_TEST_UTIL_H
#define PARLEY_TEST_UTIL_H

#include <parley/parley.h>
#include <stdio.h>
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

/* a and b have the same figures: counts, per party (acceptable, best utility as bytes), per condition and set of
   conditions (at most PARLEY_MAX_DIAGNOSED_CONDITIONS), the frontier, and each solution's outcome, utilities and
   value (as bytes). */
static inline void test_same_figures(const parley_analysis *a, const parley_analysis *b, size_t issues)
{
    size_t n = parley_analysis_party_count(a);
    assert_int_equal(n, parley_analysis_party_count(b));
    assert_int_equal(parley_analysis_outcomes(a), parley_analysis_outcomes(b));
    assert_int_equal(parley_analysis_feasible(a), parley_analysis_feasible(b));
    assert_int_equal(parley_analysis_acceptable(a), parley_analysis_acceptable(b));
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(parley_analysis_party_acceptable(a, k), parley_analysis_party_acceptable(b, k));
        assert_memory_equal(&(double){parley_analysis_best(a, k)}, &(double){parley_analysis_best(b, k)},
                            sizeof(double));
    }
    size_t C = parley_analysis_condition_count(a);
    assert_int_equal(C, parley_analysis_condition_count(b));
    for (size_t c = 0; c < C; c++)
        assert_int_equal(parley_analysis_condition_holds(a, c), parley_analysis_condition_holds(b, c));
    for (uint32_t mask = 0; mask < (1u << C); mask++) {
        uint64_t ca, cb;
        assert_int_equal(parley_analysis_count_satisfying(a, mask, &ca), PARLEY_OK);
        assert_int_equal(parley_analysis_count_satisfying(b, mask, &cb), PARLEY_OK);
        assert_int_equal(ca, cb);
    }
    test_same_frontier(a, b, issues, n);
    for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) {
        const uint32_t *oa = NULL, *ob = NULL;
        const double *ua = NULL, *ub = NULL;
        double va = 0, vb = 0;
        int ra = parley_analysis_solution(a, (parley_solution_kind)s, &oa, &ua, &va);
        assert_int_equal(ra, parley_analysis_solution(b, (parley_solution_kind)s, &ob, &ub, &vb));
        if (ra != PARLEY_OK)
            continue;
        assert_memory_equal(oa, ob, issues * sizeof(uint32_t));
        assert_memory_equal(ua, ub, n * sizeof(double));
        assert_memory_equal(&va, &vb, sizeof va);
    }
}

/* A space of integer issues i0, i1, ... of counts[i] values (0 .. counts[i] - 1) each. */
static inline parley_space *test_integer_space(const uint32_t *counts, size_t issues)
{
    parley_space *s = parley_space_new();
    assert_non_null(s);
    for (size_t i = 0; i < issues; i++) {
        char name[32];
        snprintf(name, sizeof name, "i%zu", i);
        assert_int_equal(parley_space_add_integer(s, name, 0, (int64_t)counts[i] - 1, 1, NULL), PARLEY_OK);
    }
    return s;
}

/* Adds party `name` to sc rating value v of issue i ratings[i * stride + v] with weight weights[i] (the space's
   issues in turn) and the reservation given; returns its index. */
static inline long test_add_party(parley_scenario *sc, const char *name, const double *weights, const double *ratings,
                                  size_t stride, double reservation)
{
    const parley_space *s = parley_scenario_space(sc);
    parley_utility *u = parley_utility_new(s);
    assert_non_null(u);
    for (size_t i = 0; i < parley_space_issue_count(s); i++) {
        assert_int_equal(parley_utility_set_weight(u, i, weights[i]), PARLEY_OK);
        for (uint32_t v = 0; v < parley_issue_value_count(s, i); v++)
            assert_int_equal(parley_utility_set_value(u, i, v, ratings[i * stride + v]), PARLEY_OK);
    }
    assert_int_equal(parley_utility_set_reservation(u, reservation), PARLEY_OK);
    long index = parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL);
    assert_true(index >= 0);
    return index;
}

/* parley_analyze_approximate takes the exact path (exact_big.c) on sc and gives the streaming analysis's frontier
   (outcomes and utilities as bytes), solutions (outcome and value) and, up to three parties, count of acceptable
   outcomes. */
static inline void test_big_is_stream(const parley_scenario *sc, const parley_analysis *stream)
{
    size_t issues = parley_space_issue_count(parley_scenario_space(sc)), n = parley_analysis_party_count(stream);
    parley_approx_options o;
    memset(&o, 0, sizeof o);
    o.threads = 1;
    o.samples = 1000;
    parley_approx *big = NULL;
    parley_error err;
    assert_int_equal(parley_analyze_approximate(sc, &o, &big, &err), PARLEY_OK);
    assert_true(parley_approx_exact(big));
    assert_null(parley_approx_exact_note(big));
    size_t f = parley_analysis_frontier_count(stream);
    assert_int_equal(parley_approx_frontier_count(big), f);
    for (size_t i = 0; i < f; i++) {
        assert_memory_equal(parley_analysis_frontier_outcome(stream, i), parley_approx_frontier_outcome(big, i),
                            issues * sizeof(uint32_t));
        assert_memory_equal(parley_analysis_frontier_utilities(stream, i), parley_approx_frontier_utilities(big, i),
                            n * sizeof(double));
    }
    for (int kind = 0; kind < PARLEY_SOLUTION_COUNT; kind++) {
        const uint32_t *ox = NULL, *oy = NULL;
        const double *ux = NULL, *uy = NULL;
        double vx = 0, vy = 0;
        int rx = parley_analysis_solution(stream, (parley_solution_kind)kind, &ox, &ux, &vx);
        assert_int_equal(rx, parley_approx_solution(big, (parley_solution_kind)kind, &oy, &uy, &vy));
        if (rx == PARLEY_OK) {
            assert_memory_equal(ox, oy, issues * sizeof *ox);
            assert_memory_equal(&vx, &vy, sizeof vx);
        }
    }
    uint64_t acceptable = 0;
    int counted = parley_approx_acceptable(big, &acceptable);
    assert_int_equal(counted, n <= 3);
    if (counted)
        assert_int_equal(acceptable, parley_analysis_acceptable(stream));
    parley_approx_free(big);
}

#endif

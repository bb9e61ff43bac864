/*
 * test_kill_analysis13.c: when parley_analyze takes the exact path without
 * enumeration and what it says when it cannot (exact.c's exact_choose, with
 * PARLEY_ANALYSIS_EXACT_ONLY: PARLEY_ERANGE and the reason), the method texts
 * of parley_analysis_method_text / _note, and the note of the approximate
 * analysis when its exact frontier does not apply (exact_big.c) (issue 27).
 * Boundaries: 64 issues take the exact path, 65 are refused (with a red
 * line: without constraints issues of one value are fused away); a half of
 * 2^24 points is refused; red lines over 65537 joint values are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <parley/parley.h>

static const char method_exact[] =
    "exact without enumeration: Pareto frontier by issue-wise merging, acceptance counts by meet-in-the-middle";
static const char method_scoped[] =
    "exact without enumeration: every assignment of the constrained issues, the rest by issue-wise merging "
    "(frontier) and meet-in-the-middle (counts)";
static const char method_stream[] = "enumeration of every outcome";

/*
 * `issues` issues, `wide` of them ("w0", "w1", ...) of `values` values and the rest of one; two parties valuing the
 * wide issues' values v / (values - 1) and the reverse, weights equal; with `red_line`, party A's red line on it.
 */
static parley_scenario *scenario(size_t issues, size_t wide, int64_t values, const char *red_line)
{
    char name[32];
    parley_space *s = parley_space_new();
    assert_non_null(s);
    for (size_t i = 0; i < issues; i++) {
        snprintf(name, sizeof name, i < wide ? "w%zu" : "one%zu", i);
        assert_int_equal(parley_space_add_integer(s, name, 0, i < wide ? values - 1 : 0, 1, NULL), PARLEY_OK);
    }
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        for (size_t i = 0; i < issues; i++) {
            parley_utility_set_weight(u, i, i < wide ? 1.0 / (double)wide : 0);
            for (uint32_t v = 0; v < parley_issue_value_count(s, i); v++)
                parley_utility_set_value(u, i, v, i < wide ? (p ? (double)(values - 1 - v) : (double)v) / (values - 1) : 0.5);
        }
        parley_utility_set_reservation(u, 0.25);
        long party = parley_scenario_add_party(sc, p ? "B" : "A", PARLEY_ROLE_PARTY, u, NULL);
        assert_true(party >= 0);
        if (p == 0 && red_line)
            assert_int_equal(parley_scenario_add_constraint(sc, party, "line", red_line, NULL, NULL, NULL), PARLEY_OK);
    }
    return sc;
}

static void refused(parley_scenario *sc, const char *why)
{
    parley_analysis_options options;
    memset(&options, 0, sizeof options);
    options.method = PARLEY_ANALYSIS_EXACT_ONLY;
    options.threads = 1;
    parley_analysis *a = NULL;
    parley_error err;
    memset(&err, 0, sizeof err);
    int rc = parley_analyze(sc, &options, &a, &err);
    if (rc != PARLEY_ERANGE)
        fail_msg("%d: %s", rc, err.message);
    assert_null(a);
    char want[256];
    snprintf(want, sizeof want, "no exact analysis without enumeration: %s", why);
    assert_string_equal(err.message, want);
    /* the default method streams instead, and says why */
    options.method = 0;
    assert_int_equal(parley_analyze(sc, &options, &a, &err), PARLEY_OK);
    assert_string_equal(parley_analysis_method_text(a), method_stream);
    assert_string_equal(parley_analysis_method_note(a), why);
    parley_analysis_free(a);
    parley_scenario_free(sc);
}

/* 64 issues (3 x 3 x 3 outcomes; A's red line keeps the issues from being fused): exact; the acceptable count by
   hand: A gets the mean of its three values, B the rest; both reach 1/4 unless the mean is below 1/4 or above 3/4. */
static void test_64_and_65_issues(void **state)
{
    (void)state;
    parley_scenario *sc = scenario(64, 3, 3, "w0 != 2");
    parley_analysis_options options;
    memset(&options, 0, sizeof options);
    options.method = PARLEY_ANALYSIS_EXACT_ONLY;
    options.threads = 1;
    parley_analysis *a = NULL;
    assert_int_equal(parley_analyze(sc, &options, &a, NULL), PARLEY_OK);
    assert_string_equal(parley_analysis_method_text(a), method_scoped);
    assert_null(parley_analysis_method_note(a));
    /* values v = 0, 1, 2 (utility v / 2) per wide issue, s = v0 + v1 + v2, A = s / 6, B = 1 - A: both >= 1/4 when s
       is 2, 3 or 4; the red line: v0 < 2.  v0 = 0: v1 + v2 in {2, 3, 4}: 3 + 2 + 1; v0 = 1: in {1, 2, 3}: 2 + 3 + 2 */
    assert_int_equal(parley_analysis_acceptable(a), 13);
    parley_analysis_free(a);
    parley_scenario_free(sc);
    refused(scenario(65, 3, 3, "w0 != 2"), "more than 64 issues");
    /* without constraints the issues of one value are fused away: exact */
    sc = scenario(65, 3, 3, NULL);
    assert_int_equal(parley_analyze(sc, &options, &a, NULL), PARLEY_OK);
    assert_string_equal(parley_analysis_method_text(a), method_exact);
    assert_int_equal(parley_analysis_acceptable(a), 19); /* 6 + 7 + 6 triples with s = 2, 3, 4 */
    parley_analysis_free(a);
    parley_scenario_free(sc);
}

/* 2^48 outcomes: halves of 2^24 points, past the 2^23 a half may hold. */
static void test_halves_too_large(void **state)
{
    (void)state;
    parley_scenario *sc = scenario(48, 48, 2, NULL);
    parley_analysis_options options;
    memset(&options, 0, sizeof options);
    options.method = PARLEY_ANALYSIS_EXACT_ONLY;
    parley_analysis *a = NULL;
    parley_error err;
    assert_int_equal(parley_analyze(sc, &options, &a, &err), PARLEY_ERANGE);
    assert_string_equal(err.message, "no exact analysis without enumeration: the halves of the space are too large "
                                     "to count by meet-in-the-middle");
    parley_scenario_free(sc);
}

/* A red line on an issue of 65537 values: more joint assignments than the scopes take (65536), for the analysis and
   for the approximate analysis's exact frontier; 65536 are taken (the line keeps one value: one row to merge). */
static void test_scope_too_large(void **state)
{
    (void)state;
    static const char why[] = "the constraints and red lines mention too many issues jointly";
    refused(scenario(2, 1, 65537, "w0 == 7"), why);
    parley_scenario *sc = scenario(2, 1, 65536, "w0 == 7");
    parley_analysis_options exact;
    memset(&exact, 0, sizeof exact);
    exact.method = PARLEY_ANALYSIS_EXACT_ONLY;
    exact.threads = 1;
    parley_analysis *analysis = NULL;
    assert_int_equal(parley_analyze(sc, &exact, &analysis, NULL), PARLEY_OK);
    assert_string_equal(parley_analysis_method_text(analysis), method_scoped);
    assert_int_equal(parley_analysis_feasible(analysis), 65536);
    assert_int_equal(parley_analysis_acceptable(analysis), 0); /* w0 = 7 is worth 7 / 65535 to A */
    parley_analysis_free(analysis);
    parley_approx_options options;
    memset(&options, 0, sizeof options);
    options.evaluations = 2000;
    options.samples = 500;
    options.threads = 1;
    parley_approx *a = NULL;
    assert_int_equal(parley_analyze_approximate(sc, &options, &a, NULL), PARLEY_OK);
    assert_int_equal(parley_approx_exact(a), 1);
    assert_null(parley_approx_exact_note(a));
    parley_approx_free(a);
    parley_scenario_free(sc);
    sc = scenario(2, 1, 65537, "w0 == 7");
    assert_int_equal(parley_analyze_approximate(sc, &options, &a, NULL), PARLEY_OK);
    assert_int_equal(parley_approx_exact(a), 0);
    assert_string_equal(parley_approx_exact_note(a), why);
    parley_approx_free(a);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_64_and_65_issues),
        cmocka_unit_test(test_halves_too_large),
        cmocka_unit_test(test_scope_too_large),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

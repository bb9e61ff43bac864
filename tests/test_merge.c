/*
 * test_merge.c: analyses of parts of a space, packed and merged
 * (parley_analysis_pack / parley_analysis_merge_packed), equal the analysis
 * of the whole space figure for figure: counts, each condition's count, the
 * histogram of failures (or the minimal failure masks beyond 20 conditions),
 * the frontier point by point and every bargaining solution.  The whole-space
 * analysis, run in one piece, is the independent reference.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "test_util.h"

#define load test_scenario_load

/* The analysis of outcomes first .. first + count - 1 (all when count is 0). */
static parley_analysis *analyze(const parley_scenario *sc, uint64_t first, uint64_t count, unsigned threads)
{
    return test_analyse_with(sc, &(parley_analysis_options){.threads = threads, .first = first, .count = count});
}

static void assert_same(const parley_scenario *sc, const parley_analysis *a, const parley_analysis *b)
{
    size_t issues = parley_space_issue_count(parley_scenario_space(sc)), n = parley_analysis_party_count(a);
    assert_int_equal(parley_analysis_outcomes(a), parley_analysis_outcomes(b));
    assert_int_equal(parley_analysis_feasible(a), parley_analysis_feasible(b));
    assert_int_equal(parley_analysis_acceptable(a), parley_analysis_acceptable(b));
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(parley_analysis_party_acceptable(a, k), parley_analysis_party_acceptable(b, k));
        assert_true(parley_analysis_best(a, k) == parley_analysis_best(b, k));
    }
    size_t C = parley_analysis_condition_count(a);
    for (size_t c = 0; c < C; c++)
        assert_int_equal(parley_analysis_condition_holds(a, c), parley_analysis_condition_holds(b, c));
    uint64_t x, y;
    if (parley_analysis_count_satisfying(a, 0, &x) == PARLEY_OK) {
        for (uint32_t m = 0; m < ((uint32_t)1 << C); m++) {
            assert_int_equal(parley_analysis_count_satisfying(a, m, &x), PARLEY_OK);
            assert_int_equal(parley_analysis_count_satisfying(b, m, &y), PARLEY_OK);
            assert_int_equal(x, y);
        }
    } else {
        const uint64_t *ma, *mb;
        int ca, cb;
        size_t na = parley_analysis_failure_masks(a, &ma, &ca), nb = parley_analysis_failure_masks(b, &mb, &cb);
        assert_int_equal(na, nb);
        assert_int_equal(ca, cb);
        for (size_t i = 0; i < na; i++) { /* the same set, in any order */
            int found = 0;
            for (size_t j = 0; j < nb && !found; j++)
                found = ma[i] == mb[j];
            assert_true(found);
        }
    }
    test_same_frontier(a, b, issues, n);
    for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) {
        const uint32_t *oa, *ob;
        double va, vb;
        int ra = parley_analysis_solution(a, (parley_solution_kind)s, &oa, NULL, &va);
        assert_int_equal(ra, parley_analysis_solution(b, (parley_solution_kind)s, &ob, NULL, &vb));
        if (ra == PARLEY_OK) {
            assert_memory_equal(oa, ob, issues * sizeof(uint32_t));
            assert_true(va == vb);
        }
    }
}

/* Splits the space into `parts` unequal parts, analyses each, merges them in a scrambled order. */
static void check_parts(const char *path, size_t parts)
{
    parley_scenario *sc = load(path);
    parley_analysis *whole = analyze(sc, 0, 0, 2);
    uint64_t total = parley_analysis_outcomes(whole), first = 0;
    uint64_t *starts = calloc(parts + 1, sizeof *starts);
    for (size_t p = 0; p < parts; p++) {
        starts[p] = first;
        first += p + 1 == parts ? total - first : total / (2 * parts) + p * 7; /* unequal on purpose */
    }
    starts[parts] = total;
    /* Into the first (smallest) part, the others from the last down: most of the frontier comes from them. */
    parley_analysis *into = analyze(sc, starts[0], starts[1] - starts[0], 1);
    for (size_t p = parts - 1; p >= 1; p--) {
        parley_analysis *part = analyze(sc, starts[p], starts[p + 1] - starts[p], 1);
        void *buf;
        size_t len;
        parley_error err;
        assert_int_equal(parley_analysis_pack(part, &buf, &len, &err), PARLEY_OK);
        assert_int_equal(parley_analysis_merge_packed(into, sc, buf, len, &err), PARLEY_OK);
        free(buf);
        parley_analysis_free(part);
    }
    assert_same(sc, whole, into);
    /* A part of another scenario is refused. */
    void *buf;
    size_t len;
    parley_error err;
    parley_scenario *other = load(PARLEY_SOURCE_DIR "/examples/textbook-flatmates.json");
    parley_analysis *foreign = analyze(other, 0, 0, 1);
    assert_int_equal(parley_analysis_pack(foreign, &buf, &len, &err), PARLEY_OK);
    assert_int_equal(parley_analysis_merge_packed(into, sc, buf, len, &err), PARLEY_EINVAL);
    free(buf);
    parley_analysis_free(foreign);
    parley_scenario_free(other);
    free(starts);
    parley_analysis_free(whole);
    parley_analysis_free(into);
    parley_scenario_free(sc);
}

static void test_ceasefire(void **state)
{
    (void)state;
    check_parts(PARLEY_SOURCE_DIR "/examples/ceasefire-relaxed.json", 3);
    check_parts(PARLEY_SOURCE_DIR "/examples/ceasefire.json", 4);
}

/* More than 20 conditions: the minimal failure masks instead of a histogram. */
static void test_many_conditions(void **state)
{
    (void)state;
    check_parts(PARLEY_SOURCE_DIR "/tests/data/diagnose/many.json", 3);
}

static void test_range_checked(void **state)
{
    (void)state;
    parley_scenario *sc = load(PARLEY_SOURCE_DIR "/examples/textbook-flatmates.json");
    parley_analysis_options options = {0};
    options.first = 5;
    options.count = (uint64_t)-1;
    parley_analysis *a = NULL;
    parley_error err;
    assert_int_equal(parley_analyze(sc, &options, &a, &err), PARLEY_EINVAL);
    assert_null(a);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ceasefire),
        cmocka_unit_test(test_many_conditions),
        cmocka_unit_test(test_range_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

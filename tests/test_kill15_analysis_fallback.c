/*
 * test_kill15_analysis_fallback.c: the exact path giving up on its node limit (analyze.c after exact_run returns 1,
 * lines no test executed; issue 27, seed-153 probe of src/analysis).  Two parties, two issues of 2049 and 2048
 * values (too many to fuse), on each issue party A's value x = v / (count - 1) and party B's 1 - x^2 (an antichain
 * on a concave curve), reservations 0.5: the issue-wise merging would have 2049 x 2048 = 4,196,352 candidates,
 * past its limit of 2^22 = 4,194,304 (every value of the first issue can still reach both reservations), while
 * 1,196,433 outcomes are acceptable and 30,318 on the frontier.  Method EXACT then streams on one worker and says
 * why ("enumeration of every outcome", the note, one thread; the figures checked against brute force: every
 * outcome's rounded utilities, the acceptable count, the frontier); EXACT_ONLY fails with PARLEY_ERANGE and the
 * reason.  And a utility that can pass 1 (weights summing to 2): not the exact path, whose merging would drop an
 * outcome the cap of 1 makes equal to a kept one (the bound: a best sum of 1 + 2^-31 streams, 1 + 2^-34 does not).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "grid_space.h"

#define A_VALUES 2049u
#define B_VALUES 2048u
#define NOTE "too many Pareto-optimal outcomes with equal utilities to merge"

/* Streaming's rounding: capped at 1, then to 32 fractional bits (written here again on purpose). */
static double rounded(double u)
{
    u = u > 1 ? 1 : u;
    volatile double t = u + 0x1.8p20;
    return t - 0x1.8p20;
}

static double table(int party, uint32_t v, uint32_t count)
{
    double x = (double)v / (count - 1);
    return party ? 1 - x * x : x;
}

static parley_scenario *make_scenario(void)
{
    parley_space *s;
    parley_scenario *sc = two_issue_scenario_new(&s, "a", A_VALUES - 1, "b", B_VALUES - 1);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        for (size_t i = 0; i < 2; i++) {
            uint32_t count = i ? B_VALUES : A_VALUES;
            assert_int_equal(parley_utility_set_weight(u, i, 0.5), PARLEY_OK);
            for (uint32_t v = 0; v < count; v++)
                assert_int_equal(parley_utility_set_value(u, i, v, table(p, v, count)), PARLEY_OK);
        }
        assert_int_equal(parley_utility_set_reservation(u, 0.5), PARLEY_OK);
        assert_int_equal(parley_scenario_add_party(sc, p ? "B" : "A", PARLEY_ROLE_PARTY, u, NULL), p);
    }
    return sc;
}

struct point {
    double u0, u1;
    uint64_t outcome;
};

/* u0 descending, then u1 descending: a point is on the frontier when its u1 beats every earlier one's. */
static int by_first(const void *x, const void *y)
{
    const struct point *a = x, *b = y;
    if (a->u0 != b->u0)
        return a->u0 > b->u0 ? -1 : 1;
    if (a->u1 != b->u1)
        return a->u1 > b->u1 ? -1 : 1;
    return (a->outcome > b->outcome) - (a->outcome < b->outcome);
}

static int by_outcome(const void *x, const void *y)
{
    const struct point *a = x, *b = y;
    return (a->outcome > b->outcome) - (a->outcome < b->outcome);
}

/* Brute force: the acceptable outcomes' count and their frontier (equal vectors all kept), by outcome number. */
static struct point *brute_frontier(uint64_t *acceptable, size_t *count)
{
    struct point *all = malloc((size_t)A_VALUES * B_VALUES * sizeof *all);
    assert_non_null(all);
    size_t m = 0;
    for (uint32_t a = 0; a < A_VALUES; a++)
        for (uint32_t b = 0; b < B_VALUES; b++) {
            double u0 = rounded(0.5 * table(0, a, A_VALUES) + 0.5 * table(0, b, B_VALUES));
            double u1 = rounded(0.5 * table(1, a, A_VALUES) + 0.5 * table(1, b, B_VALUES));
            if (u0 >= 0.5 && u1 >= 0.5)
                all[m++] = (struct point){u0, u1, (uint64_t)a * B_VALUES + b};
        }
    *acceptable = m;
    qsort(all, m, sizeof *all, by_first);
    size_t kept = 0;
    double best_u1 = -1, best_u0 = -1;
    for (size_t i = 0; i < m; i++) {
        /* beaten by an earlier one: more u0 and at least as much u1, or as much u0 and more u1 */
        int equal_to_best = all[i].u0 == best_u0 && all[i].u1 == best_u1;
        if (!equal_to_best && all[i].u1 <= best_u1)
            continue;
        best_u0 = all[i].u0;
        best_u1 = all[i].u1;
        all[kept++] = all[i];
    }
    qsort(all, kept, sizeof *all, by_outcome);
    *count = kept;
    return all;
}

/* Analysis options of `threads` threads and `method`, the rest 0. */
static parley_analysis_options options_for(unsigned threads, int method)
{
    parley_analysis_options options;
    memset(&options, 0, sizeof options);
    options.threads = threads;
    options.method = method;
    return options;
}

static void test_exact_gives_up_and_streams(void **state)
{
    (void)state;
    parley_scenario *sc = make_scenario();
    uint64_t acceptable;
    size_t count;
    struct point *frontier = brute_frontier(&acceptable, &count);
    print_message("%zu acceptable, %zu on the frontier\n", (size_t)acceptable, count);
    assert_true(count > 2000 && count < 200000);
    parley_analysis_options options = options_for(2, PARLEY_ANALYSIS_EXACT);
    parley_error err;
    parley_analysis *a = NULL;
    assert_int_equal(parley_analyze(sc, &options, &a, &err), PARLEY_OK);
    assert_int_equal(parley_analysis_merged(a), 0);
    assert_string_equal(parley_analysis_method_text(a), "enumeration of every outcome");
    assert_string_equal(parley_analysis_method_note(a), NOTE);
    assert_int_equal(parley_analysis_threads(a), 1); /* the one worker set up for the exact path */
    assert_int_equal(parley_analysis_outcomes(a), (uint64_t)A_VALUES * B_VALUES);
    assert_int_equal(parley_analysis_feasible(a), (uint64_t)A_VALUES * B_VALUES);
    assert_int_equal(parley_analysis_acceptable(a), acceptable);
    assert_int_equal(parley_analysis_frontier_count(a), count);
    for (size_t i = 0; i < count; i++) {
        const uint32_t *o = parley_analysis_frontier_outcome(a, i);
        const double *u = parley_analysis_frontier_utilities(a, i);
        if ((uint64_t)o[0] * B_VALUES + o[1] != frontier[i].outcome || u[0] != frontier[i].u0 || u[1] != frontier[i].u1)
            fail_msg("frontier %zu: (%u, %u) at (%.17g, %.17g), expected outcome %llu at (%.17g, %.17g)", i, o[0], o[1],
                     u[0], u[1], (unsigned long long)frontier[i].outcome, frontier[i].u0, frontier[i].u1);
    }
    parley_analysis_free(a);
    /* EXACT_ONLY: no streaming, the reason */
    options.method = PARLEY_ANALYSIS_EXACT_ONLY;
    parley_error_clear(&err);
    a = (parley_analysis *)&err;
    assert_int_equal(parley_analyze(sc, &options, &a, &err), PARLEY_ERANGE);
    assert_int_equal(err.code, PARLEY_ERANGE);
    assert_string_equal(err.message, "no exact analysis without enumeration: " NOTE);
    free(frontier);
    parley_scenario_free(sc);
}

/*
 * Weights summing to 2 (the C API allows it): party A's utility passes 1 and is capped.  a: A 1 or 0.5, B 0; b: A 1
 * or 0, B 1 or 0.  Outcomes (0, 0) and (1, 0) are both (1, 1) once capped: both on the frontier, as streaming
 * finds them.  The exact path would drop value 1 of a as dominated (by 0.5 for A), so it is not taken: EXACT streams
 * and says why, EXACT_ONLY refuses with the reason.  (A bug fixed in this session: EXACT listed (0, 0) alone.)
 */
static void test_weights_over_one(void **state)
{
    (void)state;
    parley_space *s;
    parley_scenario *sc = two_issue_scenario_new(&s, "a", 1, "b", 1);
    static const double values[2][2][2] = {{{1, 0.5}, {1, 0}}, {{0, 0}, {1, 0}}}; /* [party][issue][value] */
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        for (size_t i = 0; i < 2; i++) {
            assert_int_equal(parley_utility_set_weight(u, i, 1), PARLEY_OK);
            for (uint32_t v = 0; v < 2; v++)
                assert_int_equal(parley_utility_set_value(u, i, v, values[p][i][v]), PARLEY_OK);
        }
        assert_int_equal(parley_scenario_add_party(sc, p ? "B" : "A", PARLEY_ROLE_PARTY, u, NULL), p);
    }
    for (int method = PARLEY_ANALYSIS_AUTO; method <= PARLEY_ANALYSIS_EXACT; method++) {
        parley_analysis_options options = options_for(1, method);
        parley_analysis *a = NULL;
        assert_int_equal(parley_analyze(sc, &options, &a, NULL), PARLEY_OK);
        assert_int_equal(parley_analysis_merged(a), 0);
        if (method != PARLEY_ANALYSIS_STREAM)
            assert_string_equal(parley_analysis_method_note(a), "a utility can exceed 1 (its weights sum to more than 1)");
        assert_int_equal(parley_analysis_acceptable(a), 4);
        assert_int_equal(parley_analysis_frontier_count(a), 2);
        static const uint32_t expected[2][2] = {{0, 0}, {1, 0}};
        for (size_t i = 0; i < 2; i++) {
            assert_memory_equal(parley_analysis_frontier_outcome(a, i), expected[i], sizeof expected[i]);
            const double *u = parley_analysis_frontier_utilities(a, i);
            assert_true(u[0] == 1 && u[1] == 1);
        }
        parley_analysis_free(a);
    }
    parley_analysis_options options = options_for(1, PARLEY_ANALYSIS_EXACT_ONLY);
    parley_error err;
    parley_analysis *a = NULL;
    assert_int_equal(parley_analyze(sc, &options, &a, &err), PARLEY_ERANGE);
    assert_null(a);
    assert_non_null(strstr(err.message, "a utility can exceed 1 (its weights sum to more than 1)"));
    parley_scenario_free(sc);
    /* the bound: one issue, A's weight 1 + 2^-31 (its best sum passes 1 + 2^-33: streamed) or 1 + 2^-34 (exact) */
    for (int past = 0; past < 2; past++) {
        parley_space *one = parley_space_new();
        assert_non_null(one);
        assert_int_equal(parley_space_add_integer(one, "a", 0, 1, 1, NULL), PARLEY_OK);
        parley_scenario *near = parley_scenario_new(one);
        assert_non_null(near);
        for (int p = 0; p < 2; p++) {
            parley_utility *u = parley_utility_new(one);
            assert_non_null(u);
            assert_int_equal(parley_utility_set_weight(u, 0, p ? 1 : past ? 1 + 0x1p-31 : 1 + 0x1p-34), PARLEY_OK);
            assert_int_equal(parley_utility_set_value(u, 0, 0, p ? 1 : 0), PARLEY_OK);
            assert_int_equal(parley_utility_set_value(u, 0, 1, p ? 0 : 1), PARLEY_OK);
            assert_int_equal(parley_scenario_add_party(near, p ? "B" : "A", PARLEY_ROLE_PARTY, u, NULL), p);
        }
        parley_analysis_options o = options_for(1, PARLEY_ANALYSIS_EXACT);
        parley_analysis *r = NULL;
        assert_int_equal(parley_analyze(near, &o, &r, NULL), PARLEY_OK);
        assert_int_equal(parley_analysis_merged(r), !past);
        assert_int_equal(parley_analysis_frontier_count(r), 2);
        parley_analysis_free(r);
        parley_scenario_free(near);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_gives_up_and_streams),
        cmocka_unit_test(test_weights_over_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill_agents12f.c: the simplex (src/agents/simplex.c) and preference uncertainty (src/agents/uncertainty.c)
 * pinned exactly (issue 27):
 *   - small LPs solved by hand: a degenerate one whose phase 1 leaves an artificial basic at zero in a row that
 *     must be pivoted out, infeasible ones, unbounded ones, the phase-2 costs of a basic column;
 *   - 300 small LPs against a brute force written here (every basis of m columns solved by Gaussian elimination:
 *     the best feasible one is the optimum of a bounded LP);
 *   - the frequency estimator's values and weights worked out by hand, an unranked value scored as the worst
 *     seen, a ranking of one outcome;
 *   - the ranking sample: the whole space in utility order with ties by outcome number, and a partial sample
 *     equal to the first k distinct SplitMix64 draws (a loop written here) ranked the same way;
 *   - the messages of the errors a caller can reach.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

#include "agents/simplex.h"
#include "core/splitmix.h"

/* ---- the simplex ---- */

/* x1 + x2 = 1 and x1 - x2 = 1 (only x = (1, 0)): phase 1 ties the ratio test (Bland: the first artificial's row
   leaves), ends with the second artificial basic at 0 in the row x1 - x2 became (-2 x2 ...), which must be pivoted
   out on x2.  Left in, phase 2 (min -x2) would raise x2 to 1 and break the second row. */
static void simplex_degenerate_artificial_driven_out(void **state)
{
    (void)state;
    const double a[] = {1, 1, 1, -1}, b[] = {1, 1}, c[] = {0, -1};
    double x[2] = {7, 7};
    assert_int_equal(simplex_solve(2, 2, a, b, c, x), SIMPLEX_OPTIMAL);
    assert_float_equal(x[0], 1, 1e-12);
    assert_float_equal(x[1], 0, 1e-12);
}

/* min x1 + 2 x2 + 3 x3 with x1 + x2 + x3 = 2, x2 - x3 = 1 (x >= 0): x3 = 0, x2 = 1, x1 = 1 is the unique optimum
   (cost 3); x2 = 1.5, x3 = 0.5, x1 = 0 costs 4.5.  Phase 2's costs must be reduced by the basic columns' costs. */
static void simplex_phase_two_costs(void **state)
{
    (void)state;
    const double a[] = {1, 1, 1, 0, 1, -1}, b[] = {2, 1}, c[] = {1, 2, 3};
    double x[3];
    assert_int_equal(simplex_solve(2, 3, a, b, c, x), SIMPLEX_OPTIMAL);
    assert_float_equal(x[0], 1, 1e-12);
    assert_float_equal(x[1], 1, 1e-12);
    assert_float_equal(x[2], 0, 1e-12);
    /* max x1 instead: x2 = 1 + x3, x1 = 1 - 2 x3: x3 = 0 */
    const double c2[] = {-1, 0, 0};
    assert_int_equal(simplex_solve(2, 3, a, b, c2, x), SIMPLEX_OPTIMAL);
    assert_float_equal(x[0], 1, 1e-12);
    assert_float_equal(x[1], 1, 1e-12);
    assert_float_equal(x[2], 0, 1e-12);
    /* max x3: x1 = 0, x3 = 1/2, x2 = 3/2 */
    const double c3[] = {0, 0, -1};
    assert_int_equal(simplex_solve(2, 3, a, b, c3, x), SIMPLEX_OPTIMAL);
    assert_float_equal(x[0], 0, 1e-12);
    assert_float_equal(x[1], 1.5, 1e-12);
    assert_float_equal(x[2], 0.5, 1e-12);
}

/* Infeasible: x1 + x2 = 1 with x1 + x2 + x3 = 0.5 (x3 >= 0); x1 - x2 = 2, x1 + x2 = 1 (x2 = -1/2).  Feasible at the
   limit: b = 0 (x = 0).  Unbounded: min -x2 with x1 - x2 = 1; bounded by a second row x2 + x3 = 4: x = (5, 4, 0). */
static void simplex_infeasible_and_unbounded(void **state)
{
    (void)state;
    double x[3];
    const double a1[] = {1, 1, 0, 1, 1, 1}, b1[] = {1, 0.5}, c1[] = {0, 0, 0};
    assert_int_equal(simplex_solve(2, 3, a1, b1, c1, x), SIMPLEX_INFEASIBLE);
    const double a2[] = {1, -1, 1, 1}, b2[] = {2, 1}, c2[] = {1, 1};
    assert_int_equal(simplex_solve(2, 2, a2, b2, c2, x), SIMPLEX_INFEASIBLE);
    const double b3[] = {0, 0};
    x[0] = x[1] = 9;
    assert_int_equal(simplex_solve(2, 2, a2, b3, c2, x), SIMPLEX_OPTIMAL);
    assert_float_equal(x[0], 0, 0);
    assert_float_equal(x[1], 0, 0);
    const double a4[] = {1, -1, 0}, b4[] = {1}, c4[] = {0, -1, 0};
    assert_int_equal(simplex_solve(1, 3, a4, b4, c4, x), SIMPLEX_UNBOUNDED);
    const double a5[] = {1, -1, 0, 0, 1, 1}, b5[] = {1, 4};
    assert_int_equal(simplex_solve(2, 3, a5, b5, c4, x), SIMPLEX_OPTIMAL);
    assert_float_equal(x[0], 5, 1e-12);
    assert_float_equal(x[1], 4, 1e-12);
    assert_float_equal(x[2], 0, 1e-12);
    /* no rows: min c.x over x >= 0 is 0 at x = 0 when c >= 0, unbounded when some c < 0 */
    const double c6[] = {2, 0};
    x[0] = x[1] = 3;
    assert_int_equal(simplex_solve(0, 2, NULL, NULL, c6, x), SIMPLEX_OPTIMAL);
    assert_float_equal(x[0], 0, 0);
    assert_float_equal(x[1], 0, 0);
    const double c7[] = {0, -2};
    assert_int_equal(simplex_solve(0, 2, NULL, NULL, c7, x), SIMPLEX_UNBOUNDED);
}

/* Solves the m x m system of the columns `cols` of a (m x n) for b by Gaussian elimination with partial pivoting;
   0 when singular. */
static int solve_basis(size_t m, size_t n, const double *a, const double *b, const size_t *cols, double *xb)
{
    double t[4][5];
    for (size_t i = 0; i < m; i++) {
        for (size_t k = 0; k < m; k++)
            t[i][k] = a[i * n + cols[k]];
        t[i][m] = b[i];
    }
    for (size_t k = 0; k < m; k++) {
        size_t p = k;
        for (size_t i = k + 1; i < m; i++)
            if (fabs(t[i][k]) > fabs(t[p][k]))
                p = i;
        if (fabs(t[p][k]) < 1e-9)
            return 0;
        for (size_t j = 0; j <= m; j++) {
            double s = t[k][j];
            t[k][j] = t[p][j];
            t[p][j] = s;
        }
        for (size_t i = 0; i < m; i++)
            if (i != k) {
                double f = t[i][k] / t[k][k];
                for (size_t j = k; j <= m; j++)
                    t[i][j] -= f * t[k][j];
            }
    }
    for (size_t k = 0; k < m; k++)
        xb[k] = t[k][m] / t[k][k];
    return 1;
}

/* The brute force: the least cost over the feasible bases; *bases = how many bases are nonsingular (0: A is not of
   full row rank).  Returns INFINITY when no basis is feasible. */
static double brute_optimum(size_t m, size_t n, const double *a, const double *b, const double *c, int *bases)
{
    double best = INFINITY;
    *bases = 0;
    for (unsigned mask = 0; mask < 1u << n; mask++) {
        if ((size_t)__builtin_popcount(mask) != m)
            continue;
        size_t cols[4], k = 0;
        for (size_t j = 0; j < n; j++)
            if (mask >> j & 1)
                cols[k++] = j;
        double xb[4];
        if (!solve_basis(m, n, a, b, cols, xb))
            continue;
        ++*bases;
        double cost = 0;
        int feasible = 1;
        for (size_t i = 0; i < m; i++) {
            feasible &= xb[i] >= -1e-9;
            cost += c[cols[i]] * xb[i];
        }
        if (feasible && cost < best)
            best = cost;
    }
    return best;
}

/* 300 LPs of 2-3 rows and 3-5 columns with small integer data from a fixed LCG; the first row has positive
   coefficients, so every feasible one is bounded.  The simplex's optimum is the brute force's (cost, and x solves
   A x = b, x >= 0); infeasible exactly when no basis is feasible. */
static void simplex_against_brute_force(void **state)
{
    (void)state;
    uint32_t lcg = 12345;
#define NEXT(range) ((lcg = lcg * 1103515245u + 12345u), (int)((lcg >> 16) % (range)))
    int optimal = 0, infeasible = 0;
    for (int trial = 0; trial < 300; trial++) {
        size_t m = 2 + (size_t)NEXT(2), n = 3 + (size_t)NEXT(3);
        double a[4 * 5], b[4], c[5], x[5];
        for (size_t j = 0; j < n; j++) {
            a[j] = 1 + NEXT(3);
            c[j] = NEXT(7) - 3;
        }
        for (size_t i = 1; i < m; i++)
            for (size_t j = 0; j < n; j++)
                a[i * n + j] = NEXT(6) - 2;
        for (size_t i = 0; i < m; i++)
            b[i] = NEXT(5);
        int bases;
        double best = brute_optimum(m, n, a, b, c, &bases);
        if (bases == 0)
            continue;
        int rc = simplex_solve(m, n, a, b, c, x);
        if (isinf(best)) {
            assert_int_equal(rc, SIMPLEX_INFEASIBLE);
            infeasible++;
            continue;
        }
        assert_int_equal(rc, SIMPLEX_OPTIMAL);
        optimal++;
        double cost = 0;
        for (size_t j = 0; j < n; j++) {
            assert_true(x[j] >= -1e-9);
            cost += c[j] * x[j];
        }
        for (size_t i = 0; i < m; i++) {
            double row = 0;
            for (size_t j = 0; j < n; j++)
                row += a[i * n + j] * x[j];
            assert_float_equal(row, b[i], 1e-9);
        }
        assert_float_equal(cost, best, 1e-9);
    }
#undef NEXT
    assert_true(optimal > 100); /* both kinds are met */
    assert_true(infeasible > 10);
}

/* ---- preference uncertainty ---- */

/* Issues a (3 values) and b (3 values). */
static parley_space *three_by_three(void)
{
    parley_space *s = parley_space_new();
    const char *v[] = {"v0", "v1", "v2"};
    parley_space_add_categorical(s, "a", v, 3, NULL);
    parley_space_add_categorical(s, "b", v, 3, NULL);
    return s;
}

/*
 * Ranked (a, b): (2,0) (0,0) (1,1) (1,0); rank scores 1, 2/3, 1/3, 0.
 * a: v0 2/3, v1 (1/3 + 0)/2 = 1/6, v2 1: spread 5/6, values 3/5, 0, 1.
 * b: v0 (1 + 2/3 + 0)/3 = 5/9, v1 1/3, v2 never ranked: the worst seen, 1/3: spread 2/9, values 1, 0, 0.
 * Weights by spread: 5/6 and 2/9 of 19/18: 15/19 and 4/19.
 */
static void frequency_estimate_by_hand(void **state)
{
    (void)state;
    parley_space *s = three_by_three();
    const uint32_t ranked[] = {2, 0, 0, 0, 1, 1, 1, 0};
    parley_utility *u = NULL;
    parley_error err;
    assert_int_equal(parley_utility_estimate(s, ranked, 4, PARLEY_ESTIMATE_FREQUENCY, &u, &err), PARLEY_OK);
    assert_float_equal(parley_utility_weight(u, 0), 15.0 / 19, 1e-12);
    assert_float_equal(parley_utility_weight(u, 1), 4.0 / 19, 1e-12);
    assert_float_equal(parley_utility_value(u, 0, 0), 0.6, 1e-12);
    assert_float_equal(parley_utility_value(u, 0, 1), 0, 1e-12);
    assert_float_equal(parley_utility_value(u, 0, 2), 1, 1e-12);
    assert_float_equal(parley_utility_value(u, 1, 0), 1, 1e-12);
    assert_float_equal(parley_utility_value(u, 1, 1), 0, 1e-12);
    assert_float_equal(parley_utility_value(u, 1, 2), 0, 1e-12);
    assert_float_equal(parley_utility_reservation(u), 0, 0);
    parley_utility_free(u);
    /* one outcome ranked: every score 1, no spread: values 1, weights 1/2 each */
    assert_int_equal(parley_utility_estimate(s, ranked, 1, PARLEY_ESTIMATE_FREQUENCY, &u, &err), PARLEY_OK);
    for (size_t i = 0; i < 2; i++) {
        assert_float_equal(parley_utility_weight(u, i), 0.5, 1e-12);
        for (uint32_t v = 0; v < 3; v++)
            assert_float_equal(parley_utility_value(u, i, v), 1, 1e-12);
    }
    parley_utility_free(u);
    /* two: (2,0) scores 1, (0,0) 0: a v2 1, v0 0, v1 unranked: 0; b v0 1/2 alone: no spread (values 1) */
    assert_int_equal(parley_utility_estimate(s, ranked, 2, PARLEY_ESTIMATE_FREQUENCY, &u, &err), PARLEY_OK);
    assert_float_equal(parley_utility_weight(u, 0), 1, 1e-12);
    assert_float_equal(parley_utility_weight(u, 1), 0, 1e-12);
    assert_float_equal(parley_utility_value(u, 0, 2), 1, 1e-12);
    assert_float_equal(parley_utility_value(u, 0, 0), 0, 1e-12);
    assert_float_equal(parley_utility_value(u, 0, 1), 0, 1e-12);
    assert_float_equal(parley_utility_value(u, 1, 2), 1, 1e-12);
    parley_utility_free(u);
    assert_int_equal(parley_utility_estimate(s, ranked, 0, PARLEY_ESTIMATE_FREQUENCY, &u, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "a ranking needs at least one outcome");
    assert_null(u);
    parley_space_free(s);
}

/* The LP on one issue of three values ranked v2 > v0 > v1: u(v2) = 1 and each step down costs at least 1e-4 with
   no slack needed; whatever the LP's z, the rescaled values keep the order (v2 1, v1 0, v0 between) and the single
   issue weighs 1.  Two issues ranked (1,0) > (0,1): the utility of the first is 1 (its two z add up to 1). */
static void lp_estimate_orders_the_ranking(void **state)
{
    (void)state;
    parley_space *s = parley_space_new();
    const char *v[] = {"v0", "v1", "v2"};
    parley_space_add_categorical(s, "a", v, 3, NULL);
    const uint32_t ranked[] = {2, 0, 1};
    parley_utility *u = NULL;
    parley_error err;
    assert_int_equal(parley_utility_estimate(s, ranked, 3, PARLEY_ESTIMATE_LP, &u, &err), PARLEY_OK);
    assert_float_equal(parley_utility_weight(u, 0), 1, 1e-12);
    assert_float_equal(parley_utility_value(u, 0, 2), 1, 1e-12);
    assert_float_equal(parley_utility_value(u, 0, 1), 0, 1e-12);
    assert_true(parley_utility_value(u, 0, 0) > 0 && parley_utility_value(u, 0, 0) < 1);
    parley_utility_free(u);
    parley_space_free(s);
    /* 1001 outcomes are too many for the LP */
    s = parley_space_new();
    for (int i = 0; i < 7; i++) {
        char name[24];
        snprintf(name, sizeof name, "i%d", i);
        parley_space_add_categorical(s, name, v, 3, NULL);
    }
    uint32_t *many = calloc(1001 * 7, sizeof *many);
    assert_non_null(many);
    assert_int_equal(parley_utility_estimate(s, many, 1001, PARLEY_ESTIMATE_LP, &u, &err), PARLEY_EINVAL);
    assert_string_equal(err.message,
                        "the LP estimator takes at most 1000 ranked outcomes, got 1001 (use the frequency estimator)");
    assert_null(u);
    free(many);
    parley_space_free(s);
}

/* u over 3 x 3: a v0 0, v1 0.5, v2 1 (weight 0.5); b v0 0, v1 1, v2 0 (weight 0.5): utilities tie often. */
static parley_utility *tied_utility(parley_space *s)
{
    parley_utility *u = parley_utility_new(s);
    const double va[] = {0, 0.5, 1}, vb[] = {0, 1, 0};
    parley_utility_set_weight(u, 0, 0.5);
    parley_utility_set_weight(u, 1, 0.5);
    for (uint32_t v = 0; v < 3; v++) {
        parley_utility_set_value(u, 0, v, va[v]);
        parley_utility_set_value(u, 1, v, vb[v]);
    }
    return u;
}

/* The order parley_ranking_sample promises: utility down, ties by outcome number up. */
static void assert_ranked(const parley_space *s, const parley_utility *u, const uint32_t *ranked, size_t count)
{
    for (size_t r = 1; r < count; r++) {
        double up = parley_utility_eval(u, ranked + (r - 1) * 2), down = parley_utility_eval(u, ranked + r * 2);
        assert_true(up >= down);
        if (up == down)
            assert_true(parley_space_encode(s, ranked + (r - 1) * 2) < parley_space_encode(s, ranked + r * 2));
    }
}

/* All 9 outcomes (k = 9 and k = 50): by number a*3+b the utilities are 0 .5 0 | .25 .75 .25 | .5 1 .5, so the
   ranking is 7, 4, then the ties 1 6 8, 3 5, 0 2 by number. */
static void ranking_sample_whole_space(void **state)
{
    (void)state;
    parley_space *s = three_by_three();
    parley_utility *u = tied_utility(s);
    const uint64_t expect[] = {7, 4, 1, 6, 8, 3, 5, 0, 2};
    for (size_t k = 9; k <= 50; k += 41) {
        uint32_t *ranked = NULL;
        size_t count = 0;
        assert_int_equal(parley_ranking_sample(u, k, 99, &ranked, &count, NULL), PARLEY_OK);
        assert_int_equal(count, 9);
        for (size_t r = 0; r < 9; r++)
            assert_int_equal(parley_space_encode(s, ranked + r * 2), expect[r]);
        free(ranked);
    }
    parley_error err;
    uint32_t *ranked = (uint32_t *)&err;
    size_t count = 5;
    assert_int_equal(parley_ranking_sample(u, 0, 1, &ranked, &count, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "a ranking needs at least one outcome");
    assert_null(ranked);
    assert_int_equal(count, 0);
    parley_utility_free(u);
    parley_space_free(s);
}

/* k < size: the first k distinct values of next() mod 9 from the seed (a loop here), ranked as above.  Seeds
   1..40 and k = 1..8 (some streams repeat a number before k distinct ones, and k = 8 needs most of the space). */
static void ranking_sample_partial_follows_splitmix(void **state)
{
    (void)state;
    parley_space *s = three_by_three();
    parley_utility *u = tied_utility(s);
    int repeats = 0;
    for (uint64_t seed = 1; seed <= 40; seed++)
        for (size_t k = 1; k < 9; k++) {
            int taken[9] = {0};
            size_t distinct = 0, draws = 0;
            uint64_t st = seed;
            while (distinct < k) {
                uint64_t id = parley_splitmix64(&st) % 9;
                draws++;
                if (!taken[id]) {
                    taken[id] = 1;
                    distinct++;
                }
            }
            repeats += draws > k;
            uint32_t *ranked = NULL;
            size_t count = 0;
            assert_int_equal(parley_ranking_sample(u, k, seed, &ranked, &count, NULL), PARLEY_OK);
            assert_int_equal(count, k);
            int got[9] = {0};
            for (size_t r = 0; r < k; r++) {
                uint64_t id = parley_space_encode(s, ranked + r * 2);
                assert_true(id < 9);
                assert_false(got[id]);
                got[id] = 1;
            }
            assert_memory_equal(got, taken, sizeof got);
            assert_ranked(s, u, ranked, k);
            free(ranked);
        }
    assert_true(repeats > 20);
    parley_utility_free(u);
    parley_space_free(s);
}

/* parley_scenario_uncertain: the messages of its errors, and the estimate of a whole ranking written in. */
static void scenario_uncertain_errors_and_copy(void **state)
{
    (void)state;
    static const char json[] =
        "{\"issues\": [{\"name\": \"a\", \"type\": \"categorical\", \"values\": [\"v0\", \"v1\", \"v2\"]},"
        " {\"name\": \"b\", \"type\": \"categorical\", \"values\": [\"v0\", \"v1\", \"v2\"]}],"
        " \"parties\": [{\"name\": \"Ann\", \"reservation\": 0.3, \"preferences\": {"
        "   \"a\": {\"weight\": 0.5, \"values\": {\"v0\": 0, \"v1\": 0.5, \"v2\": 1}},"
        "   \"b\": {\"weight\": 0.5, \"values\": {\"v0\": 0, \"v1\": 1, \"v2\": 0}}}},"
        "  {\"name\": \"Bob\", \"preferences\": {"
        "   \"a\": {\"weight\": 0.25, \"values\": {\"v0\": 1, \"v1\": 0.5, \"v2\": 0}},"
        "   \"b\": {\"weight\": 0.75, \"values\": {\"v0\": 1, \"v1\": 0, \"v2\": 0.5}}}}]}";
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_parse(json, strlen(json), "u.json", &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    parley_scenario *out = (parley_scenario *)&err;
    assert_int_equal(parley_scenario_uncertain(sc, 2, 9, PARLEY_ESTIMATE_FREQUENCY, 1, &out, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "no negotiating party 3");
    assert_null(out);
    /* the whole space ranked (7 4 1 6 8 3 5 0 2, scores 1 .. 0 in eighths), by hand: a v0: outcomes 1, 0, 2 at ranks 2, 7, 8: (6/8 + 1/8 + 0)/3 = 7/24; a v1: 4, 3, 5 at ranks 1, 5, 6:
       (7/8 + 3/8 + 2/8)/3 = 1/2; a v2: 7, 6, 8 at ranks 0, 3, 4: (1 + 5/8 + 4/8)/3 = 17/24.  Spread 10/24,
       values 0, 1/2, 1.  b v0: 6, 3, 0 at 3, 5, 7: (5 + 3 + 1)/24 = 9/24; b v1: 7, 4, 1 at 0, 1, 2: (8 + 7 + 6)/24
       = 21/24; b v2: 8, 5, 2 at 4, 6, 8: (4 + 2 + 0)/24 = 6/24.  Spread 15/24: values 1/5, 1, 0.  Weights 10/25,
       15/25. */
    assert_int_equal(parley_scenario_uncertain(sc, 0, 9, PARLEY_ESTIMATE_FREQUENCY, 1, &out, &err), PARLEY_OK);
    const parley_utility *est = parley_party_utility(out, parley_scenario_negotiator(out, 0));
    assert_float_equal(parley_utility_weight(est, 0), 0.4, 1e-12);
    assert_float_equal(parley_utility_weight(est, 1), 0.6, 1e-12);
    const double va[] = {0, 0.5, 1}, vb[] = {0.2, 1, 0};
    for (uint32_t v = 0; v < 3; v++) {
        assert_float_equal(parley_utility_value(est, 0, v), va[v], 1e-12);
        assert_float_equal(parley_utility_value(est, 1, v), vb[v], 1e-12);
    }
    assert_float_equal(parley_utility_reservation(est), 0.3, 0);
    const parley_utility *bob = parley_party_utility(out, parley_scenario_negotiator(out, 1));
    assert_float_equal(parley_utility_weight(bob, 1), 0.75, 0);
    assert_float_equal(parley_utility_value(bob, 1, 2), 0.5, 0);
    parley_scenario_free(out);
    /* party 2 (Bob), seeded: his own ranking */
    assert_int_equal(parley_scenario_uncertain(sc, 1, 9, PARLEY_ESTIMATE_FREQUENCY, 1, &out, &err), PARLEY_OK);
    est = parley_party_utility(out, parley_scenario_negotiator(out, 1));
    assert_true(parley_utility_value(est, 0, 0) > parley_utility_value(est, 0, 2));
    assert_float_equal(parley_utility_weight(parley_party_utility(out, parley_scenario_negotiator(out, 0)), 0), 0.5,
                       0);
    parley_scenario_free(out);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(simplex_degenerate_artificial_driven_out),
        cmocka_unit_test(simplex_phase_two_costs),
        cmocka_unit_test(simplex_infeasible_and_unbounded),
        cmocka_unit_test(simplex_against_brute_force),
        cmocka_unit_test(frequency_estimate_by_hand),
        cmocka_unit_test(lp_estimate_orders_the_ranking),
        cmocka_unit_test(ranking_sample_whole_space),
        cmocka_unit_test(ranking_sample_partial_follows_splitmix),
        cmocka_unit_test(scenario_uncertain_errors_and_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

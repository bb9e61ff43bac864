/*
 * test_scan_simd.c: the vector paths of the streaming analysis (AVX2, AVX-512,
 * src/analysis/scan_simd.c) give bit for bit the scalar path's results.  Every
 * path this CPU supports analyses the same spaces (2 and 3 parties; rows that
 * do not fill the last vector; utilities above 1 that hit the cap; coarse
 * values with many ties on the frontier; reservations, red lines, global
 * constraints, phases; rows long and many enough for the candidate lanes of
 * scan_lanes.c, with equal lanes, lanes equal once capped and opposed parties;
 * 1 and 2 threads) and every output number is compared exactly with the
 * scalar path's: counts, per-party and per-condition counts, the frontier
 * (outcomes and utilities, bits), the bargaining solutions.  Utilities next to
 * the reservations are counted against figures worked out by hand, and the
 * vector block compares of frontier_nd are checked against the definition of
 * dominance (a mistake there is otherwise hidden by the final merge).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <parley/parley.h>

#include "analysis/frontier_nd.h"
#include "analysis/scan.h"
#include "dominance.h"
#include "test_util.h"

/* A space of `issues` integer issues of `values` values; party p's value of v on issue i is a hash of (p, i, v)
   rounded to 1/grid (grid 0: not rounded); weights sum to `scale` (above 1: sums get capped at 1). */
struct shape {
    int parties, issues, values, grid;
    double scale, reservation;
    const char *red_line, *constraint;
    int phases;
    int opposed; /* party 1 values what party 0 does not (1 - its value): every lane of a row on the frontier */
    int twins;   /* 1: the last issue's values repeat after half of them (equal lanes in every row); 2: the same
                    except for P0, whose sums are capped at 1 (lanes equal once capped) */
};

static double unit(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return (double)(x >> 11) / 9007199254740992.0;
}

static parley_scenario *build(const struct shape *s)
{
    parley_space *space = parley_space_new();
    for (int i = 0; i < s->issues; i++) {
        char name[16];
        snprintf(name, sizeof name, "i%d", i);
        assert_int_equal(parley_space_add_integer(space, name, 0, s->values - 1, 1, NULL), PARLEY_OK);
    }
    parley_scenario *sc = parley_scenario_new(space);
    for (int p = 0; p < s->parties; p++) {
        parley_utility *u = parley_utility_new(space);
        for (int i = 0; i < s->issues; i++) {
            double scale = s->twins == 2 && p == 0 ? 2.5 : s->scale;
            parley_utility_set_weight(u, (size_t)i, scale / s->issues * (0.5 + unit((uint64_t)(p * 100 + i))));
            for (int v = 0; v < s->values; v++) {
                int twin = s->twins && i == s->issues - 1 && (s->twins == 1 || p > 0);
                int w = twin ? v % (s->values / 2) : v;
                double x = unit((uint64_t)((s->opposed && p == 1 ? 0 : p) * 100000 + i * 100 + w + 7));
                x = s->opposed && p == 1 ? 1 - x : x;
                if (s->grid)
                    x = (double)(int)(x * s->grid) / s->grid;
                parley_utility_set_value(u, (size_t)i, (uint32_t)v, x);
            }
        }
        parley_utility_set_reservation(u, s->reservation);
        char name[16];
        snprintf(name, sizeof name, "P%d", p);
        long k = parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL);
        if (s->red_line && p == 0)
            assert_int_equal(parley_scenario_add_constraint(sc, k, "line", s->red_line, NULL, NULL, NULL), PARLEY_OK);
    }
    if (s->constraint)
        assert_int_equal(parley_scenario_add_constraint(sc, -1, "rule", s->constraint, NULL, NULL, NULL), PARLEY_OK);
    if (s->phases) {
        size_t first[] = {0, 1}, rest[] = {2, 3};
        assert_int_equal(parley_scenario_add_phase(sc, "early", 2, first, 2, NULL), PARLEY_OK);
        assert_int_equal(parley_scenario_add_phase(sc, "late", 6, rest, 2, NULL), PARLEY_OK);
    }
    return sc;
}

static parley_analysis *analyse(const parley_scenario *sc, unsigned threads, int path)
{
    scan_force_path(path);
    parley_analysis_options opt = {.threads = threads, .method = PARLEY_ANALYSIS_STREAM};
    parley_analysis *a = NULL;
    parley_error err;
    assert_int_equal(parley_analyze(sc, &opt, &a, &err), PARLEY_OK);
    scan_force_path(-1);
    return a;
}

static void assert_same_doubles(const double *x, const double *y, size_t n)
{
    assert_memory_equal(x, y, n * sizeof *x); /* bits, not a tolerance */
}

static void assert_same(const parley_analysis *a, const parley_analysis *b, size_t issues)
{
    assert_int_equal(parley_analysis_outcomes(a), parley_analysis_outcomes(b));
    assert_int_equal(parley_analysis_feasible(a), parley_analysis_feasible(b));
    assert_int_equal(parley_analysis_acceptable(a), parley_analysis_acceptable(b));
    size_t n = parley_analysis_party_count(a);
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(parley_analysis_party_acceptable(a, k), parley_analysis_party_acceptable(b, k));
        double ba = parley_analysis_best(a, k), bb = parley_analysis_best(b, k);
        assert_same_doubles(&ba, &bb, 1);
    }
    for (size_t c = 0; c < parley_analysis_condition_count(a); c++)
        assert_int_equal(parley_analysis_condition_holds(a, c), parley_analysis_condition_holds(b, c));
    test_same_frontier(a, b, issues, n);
    for (int kind = 0; kind < PARLEY_SOLUTION_COUNT; kind++) {
        const uint32_t *oa = NULL, *ob = NULL;
        const double *ua = NULL, *ub = NULL;
        double va = 0, vb = 0;
        int ra = parley_analysis_solution(a, (parley_solution_kind)kind, &oa, &ua, &va);
        assert_int_equal(ra, parley_analysis_solution(b, (parley_solution_kind)kind, &ob, &ub, &vb));
        if (ra == PARLEY_OK) {
            assert_memory_equal(oa, ob, issues * sizeof(uint32_t));
            assert_same_doubles(ua, ub, n);
            assert_same_doubles(&va, &vb, 1);
        }
    }
}

/* Every supported vector path against the scalar one, on 1 and 2 threads. */
static void check_shape(const struct shape *s)
{
    parley_scenario *sc = build(s);
    for (unsigned threads = 1; threads <= 2; threads++) {
        parley_analysis *scalar = analyse(sc, threads, SCAN_PATH_SCALAR);
        assert_true(parley_analysis_frontier_count(scalar) > 0 || parley_analysis_acceptable(scalar) == 0);
        for (int path = SCAN_PATH_AVX2; path <= SCAN_PATH_AVX512; path++) {
            if (!scan_path_supported((enum scan_path)path))
                continue;
            parley_analysis *vector = analyse(sc, threads, path);
            assert_same(scalar, vector, (size_t)s->issues);
            parley_analysis_free(vector);
        }
        parley_analysis_free(scalar);
    }
    parley_scenario_free(sc);
}

static void test_two_parties(void **state)
{
    (void)state;
    const struct shape shapes[] = {
        {.parties = 2, .issues = 4, .values = 10, .scale = 1, .reservation = 0.3},
        {.parties = 2, .issues = 5, .values = 7, .scale = 1, .reservation = 0.45}, /* rows of 2401: a tail */
        {.parties = 2, .issues = 4, .values = 9, .scale = 1.6, .reservation = 0.5}, /* sums above 1: the cap */
        {.parties = 2, .issues = 5, .values = 6, .grid = 4, .scale = 1, .reservation = 0.2}, /* ties */
        {.parties = 2, .issues = 4, .values = 10, .scale = 1, .reservation = 0.3, .phases = 1},
        {.parties = 2, .issues = 4, .values = 10, .scale = 1, .reservation = 0.3, .red_line = "i0 >= 3"},
        {.parties = 2, .issues = 4, .values = 10, .scale = 1, .reservation = 0.3, .constraint = "i1 != i2"},
        /* rows of 70 lanes, 4900 of them: only the candidate lanes of full rows reach the frontier */
        {.parties = 2, .issues = 3, .values = 70, .scale = 1, .reservation = 0.3},
        {.parties = 2, .issues = 3, .values = 70, .grid = 8, .scale = 1, .reservation = 0.3},
        {.parties = 2, .issues = 3, .values = 70, .scale = 1.2, .reservation = 0.4},
        {.parties = 2, .issues = 3, .values = 70, .scale = 1, .reservation = 0.2, .opposed = 1},
        {.parties = 2, .issues = 3, .values = 70, .scale = 1, .reservation = 0.3, .twins = 1},
        {.parties = 2, .issues = 3, .values = 70, .scale = 1, .reservation = 0.3, .twins = 2},
        /* rows of 4096 lanes (the last two issues fused): more vectors per row than an 8-bit count holds */
        {.parties = 2, .issues = 3, .values = 64, .scale = 1, .reservation = 0.3},
    };
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        check_shape(&shapes[i]);
}

static void test_three_parties(void **state)
{
    (void)state;
    const struct shape shapes[] = {
        {.parties = 3, .issues = 4, .values = 10, .scale = 1, .reservation = 0.3},
        {.parties = 3, .issues = 4, .values = 7, .scale = 1.5, .reservation = 0.55}, /* the cap, a tail */
        {.parties = 3, .issues = 5, .values = 5, .grid = 3, .scale = 1, .reservation = 0.25}, /* ties */
        {.parties = 3, .issues = 4, .values = 9, .scale = 1, .reservation = 0.3, .phases = 1},
        {.parties = 3, .issues = 4, .values = 8, .scale = 1, .reservation = 0.3, .red_line = "i3 <= 5"},
        {.parties = 3, .issues = 4, .values = 8, .scale = 1, .reservation = 0.3, .constraint = "i0 + i1 < 12"},
        /* candidate lanes (see above); ties; the cap in some rows */
        {.parties = 3, .issues = 3, .values = 70, .scale = 1, .reservation = 0.3},
        {.parties = 3, .issues = 3, .values = 70, .grid = 6, .scale = 1, .reservation = 0.25},
        {.parties = 3, .issues = 3, .values = 70, .scale = 1.25, .reservation = 0.45},
        {.parties = 3, .issues = 3, .values = 70, .scale = 1, .reservation = 0.3, .twins = 1},
        {.parties = 3, .issues = 3, .values = 70, .scale = 1, .reservation = 0.3, .twins = 2},
        {.parties = 3, .issues = 3, .values = 64, .scale = 1, .reservation = 0.4},
    };
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        check_shape(&shapes[i]);
}

/* Utilities within 2^-31 of the reservations, on and between the ties of the rounding to 2^-32: the vector
   rows count failures by thresholds on the unrounded sums (scan_lanes.c), which must give the scalar verdict.
   Each party weighs two issues 0.5 each: i0 in {0.5, 0.25, 0.75}, i1 = 0.5 + (v - 32) 2^-35 (v < 64), so with
   i0 = 0.5 the utility is 0.5 + (v - 32) 2^-36, exactly; party k's reservation is 0.5 + (k - 1) 2^-32.  By hand
   (ties go to the even multiple of 2^-32 above 1.5 2^20, 0.5 being even): P0 accepts v >= 9 (the sum rounds to
   0.5 - 2^-32 or more), P1 v >= 24, P2 v >= 41, and every v with i0 = 0.75. */
static void test_near_reservation(void **state)
{
    (void)state;
    for (int parties = 2; parties <= 3; parties++) {
        parley_space *space = parley_space_new();
        assert_int_equal(parley_space_add_integer(space, "i0", 0, 2, 1, NULL), PARLEY_OK);
        assert_int_equal(parley_space_add_integer(space, "i1", 0, 63, 1, NULL), PARLEY_OK);
        parley_scenario *sc = parley_scenario_new(space);
        const double first[3] = {0.5, 0.25, 0.75};
        for (int p = 0; p < parties; p++) {
            parley_utility *u = parley_utility_new(space);
            parley_utility_set_weight(u, 0, 0.5);
            parley_utility_set_weight(u, 1, 0.5);
            for (uint32_t v = 0; v < 3; v++)
                parley_utility_set_value(u, 0, v, first[v]);
            for (uint32_t v = 0; v < 64; v++)
                parley_utility_set_value(u, 1, v, 0.5 + ((double)v - 32) * 0x1p-35);
            parley_utility_set_reservation(u, 0.5 + (p - 1) * 0x1p-32);
            char name[16];
            snprintf(name, sizeof name, "P%d", p);
            parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL);
        }
        const uint64_t accepted[3] = {64 + 55, 64 + 40, 64 + 23};
        for (unsigned threads = 1; threads <= 2; threads++)
            for (int path = SCAN_PATH_SCALAR; path <= SCAN_PATH_AVX512; path++) {
                if (!scan_path_supported((enum scan_path)path))
                    continue;
                parley_analysis *a = analyse(sc, threads, path);
                for (int p = 0; p < parties; p++)
                    assert_int_equal(parley_analysis_party_acceptable(a, (size_t)p), accepted[p]);
                assert_int_equal(parley_analysis_acceptable(a), accepted[parties - 1]);
                parley_analysis_free(a);
            }
        parley_scenario_free(sc);
    }
}

/* frontier_nd's AVX2 and AVX-512 block compares (frontier_block.c) against the definition of dominance
   (dominates_ordered, dominance.h), on blocks of 8 vectors drawn from few values (ties in every party), NaN in some,
   and points from the same values. */
static void test_frontier_block(void **state)
{
    (void)state;
#if defined(__x86_64__)
    const double values[5] = {0.25, 0.5, 0.75, 1, __builtin_nan("")};
    for (int path = SCAN_PATH_AVX2; path <= SCAN_PATH_AVX512; path++) {
        if (!scan_path_supported((enum scan_path)path))
            continue;
        unsigned seen_above = 0, seen_below = 0;
        for (uint64_t trial = 0; trial < 20000; trial++) {
            double block[24], p[3];
            for (int i = 0; i < 24; i++)
                block[i] = values[(int)(unit(trial * 40 + (uint64_t)i) * (trial % 7 == 0 ? 5 : 4))];
            for (int k = 0; k < 3; k++)
                p[k] = values[(int)(unit(trial * 40 + 30 + (uint64_t)k) * 4)];
            unsigned below, above = path == SCAN_PATH_AVX512 ? frontier_block_3d_avx512(block, p, &below)
                                                             : frontier_block_3d_avx2(block, p, &below);
            for (unsigned i = 0; i < 8; i++) {
                assert_int_equal(above >> i & 1, dominates_ordered(&block[3 * i], p, 3));
                assert_int_equal(below >> i & 1, dominates_ordered(p, &block[3 * i], 3));
            }
            seen_above += above != 0;
            seen_below += below != 0;
        }
        assert_true(seen_above > 1000 && seen_below > 1000);
    }
#endif
}

/* The path chosen: a forced path the CPU lacks falls back to one it has; scalar is always there. */
static void test_path_choice(void **state)
{
    (void)state;
    assert_true(scan_path_supported(SCAN_PATH_SCALAR));
    for (int path = SCAN_PATH_SCALAR; path <= SCAN_PATH_AVX512; path++) {
        scan_force_path(path);
        enum scan_path chosen = scan_path_chosen();
        assert_true(scan_path_supported(chosen));
        assert_true((int)chosen <= path);
        if (scan_path_supported((enum scan_path)path))
            assert_int_equal(chosen, path);
    }
    scan_force_path(-1);
    printf("vector paths on this CPU: avx2 %s, avx512 %s\n", scan_path_supported(SCAN_PATH_AVX2) ? "yes" : "no",
           scan_path_supported(SCAN_PATH_AVX512) ? "yes" : "no");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_parties),
        cmocka_unit_test(test_three_parties),
        cmocka_unit_test(test_near_reservation),
        cmocka_unit_test(test_frontier_block),
        cmocka_unit_test(test_path_choice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill_protocol.c: the additive package index (package_additive.c) on two
 * behaviours that generated mutants showed no test pinned (issue 27), each with
 * the answer worked by hand:
 *
 * - the best package is the lowest-numbered of those of best utility, also
 *   when the halves' sorted order meets them highest number first;
 * - a half of exactly 2^22 points (the largest the index takes) is indexed
 *   exactly, not sampled;
 * - a space too large to index whole and not additive is sampled: its best
 *   package and 2^18 random ones (package_index.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>

#include <parley/parley.h>

#include "protocol/session_internal.h"

/* A two-party scenario over `space`; party 0's utility is `u`, party 1's the same (only party 0 is indexed). */
static parley_scenario *scenario_with(parley_space *space, parley_utility *u)
{
    parley_scenario *sc = parley_scenario_new(space);
    assert_non_null(sc);
    parley_utility *copy = parley_utility_clone(u);
    assert_true(parley_scenario_add_party(sc, "P0", PARLEY_ROLE_PARTY, u, NULL) >= 0);
    assert_true(parley_scenario_add_party(sc, "P1", PARLEY_ROLE_PARTY, copy, NULL) >= 0);
    return sc;
}

/*
 * Three issues of 20 values (8000 packages, above the additive index's 4096),
 * weights 0.5, 0.25, 0.25.  Value 0 of every issue is worth 1; value 1 of the
 * first is worth 1 - 2^-53 (the double just below 1, as a normalised GENIUS
 * evaluation can give); the rest k/40.  Package (1, 0, 0) sums 0.5 - 2^-54,
 * + 0.25 = 0.75 - 2^-54, a tie that rounds to even: 0.75, + 0.25 = 1.0: the
 * same utility as package (0, 0, 0).  The best is the lower number, (0, 0, 0);
 * the first half sorted by partial sum meets value 1 (0.5 - 2^-54) before
 * value 0 (0.5).
 */
static void test_best_ties_go_to_the_lowest_number(void **state)
{
    (void)state;
    parley_space *space = parley_space_new();
    const char *names[3] = {"x", "y", "z"};
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(parley_space_add_integer(space, names[i], 0, 19, 1, NULL), PARLEY_OK);
    parley_utility *u = parley_utility_new(space);
    const double weights[3] = {0.5, 0.25, 0.25};
    for (size_t i = 0; i < 3; i++) {
        parley_utility_set_weight(u, i, weights[i]);
        for (uint32_t v = 0; v < 20; v++)
            parley_utility_set_value(u, i, v, v == 0 ? 1.0 : v == 1 && i == 0 ? nextafter(1.0, 0.0) : v / 40.0);
    }
    parley_scenario *sc = scenario_with(space, u);
    uint32_t tied[3] = {1, 0, 0}, best[3] = {0, 0, 0};
    assert_true(parley_utility_eval(u, tied) == 1.0); /* the premise: a tie in floating point */
    assert_true(parley_utility_eval(u, best) == 1.0);

    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    assert_true(idx->additive);
    uint32_t out[3] = {9, 9, 9};
    /* above every utility: the best package, lowest number among equals */
    double got = pindex_at_least(idx, 2.0, out);
    assert_true(got == 1.0);
    assert_memory_equal(out, best, sizeof best);
    /* and at 1.0 itself: the lowest package worth at least 1 - 1e-12, lowest number first */
    got = pindex_at_least(idx, 1.0, out);
    assert_true(got == 1.0);
    assert_memory_equal(out, best, sizeof best);
    parley_package_index_free(idx);
    parley_scenario_free(sc);
}

/*
 * Issue x with 2^22 values 0 .. M = 2^22 - 1 worth v / M (weight 0.5), issue y
 * with two worth 0 and 1 (weight 0.5): 2^23 packages, halves of 2^22 and 2
 * points (x first: the first half is x; x second: the second is).  The worst
 * package has x = 0, y = 0, worth 0; the lowest worth at least 0.25 has
 * x = 2097152, y = 0: 0.5 * 2097152 / 4194303 = 0.25000006, while x = 2097151
 * is worth 0.24999994 and every package with y = 1 at least 0.5.  A sampled
 * index (2^18 of 2^23 packages) would not find these.
 */
static void half_of_two_to_the_22(int x_first)
{
    const uint32_t M = (1u << 22) - 1;
    size_t x = x_first ? 0 : 1, y = 1 - x;
    parley_space *space = parley_space_new();
    const char *labels[2] = {"no", "yes"};
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(i == x ? parley_space_add_integer(space, "x", 0, M, 1, NULL)
                                : parley_space_add_categorical(space, "y", labels, 2, NULL),
                         PARLEY_OK);
    parley_utility *u = parley_utility_new(space);
    parley_utility_set_weight(u, x, 0.5);
    parley_utility_set_weight(u, y, 0.5);
    for (uint32_t v = 0; v <= M; v++)
        parley_utility_set_value(u, x, v, (double)v / M);
    parley_utility_set_value(u, y, 0, 0);
    parley_utility_set_value(u, y, 1, 1);
    parley_scenario *sc = scenario_with(space, u);

    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    assert_int_equal(parley_package_index_count(idx), (size_t)1 << 23);
    assert_true(pindex_worst(idx) == 0.0);
    assert_true(pindex_best(idx) == 1.0);
    uint32_t out[2] = {9, 9}, want[2];
    want[x] = 2097152;
    want[y] = 0;
    double got = pindex_at_least(idx, 0.25, out);
    assert_memory_equal(out, want, sizeof want);
    assert_true(got == 0.5 * (2097152.0 / M));
    parley_package_index_free(idx);
    parley_scenario_free(sc);
}

static void test_half_of_two_to_the_22_is_exact(void **state)
{
    (void)state;
    half_of_two_to_the_22(1);
    half_of_two_to_the_22(0);
}

/*
 * 2^23 packages (as above) and a rectangle (y = yes gains 0.1): not additive,
 * above the 2^21 indexed whole, so sampled: the package of every issue's best
 * value (y = yes, x = M: 0.5 + 0.5 + 0.1 capped at 1) and 2^18 random draws,
 * 2^18 + 1 entries (no constraint rejects any).
 */
static void test_large_space_is_sampled(void **state)
{
    (void)state;
    const uint32_t M = (1u << 22) - 1;
    parley_space *space = parley_space_new();
    const char *labels[2] = {"no", "yes"};
    assert_int_equal(parley_space_add_categorical(space, "y", labels, 2, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_integer(space, "x", 0, M, 1, NULL), PARLEY_OK);
    parley_utility *u = parley_utility_new(space);
    parley_utility_set_weight(u, 0, 0.5);
    parley_utility_set_weight(u, 1, 0.5);
    parley_utility_set_value(u, 0, 1, 1);
    for (uint32_t v = 0; v <= M; v++)
        parley_utility_set_value(u, 1, v, (double)v / M);
    size_t issue = 0;
    uint32_t yes = 1;
    assert_int_equal(parley_utility_add_rectangle(u, 0.1, 1, &issue, &yes, &yes), PARLEY_OK);
    parley_scenario *sc = scenario_with(space, u);
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    assert_false(idx->additive);
    assert_int_equal(parley_package_index_count(idx), ((size_t)1 << 18) + 1);
    assert_true(pindex_best(idx) == 1.0);
    parley_package_index_free(idx);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_best_ties_go_to_the_lowest_number),
        cmocka_unit_test(test_half_of_two_to_the_22_is_exact),
        cmocka_unit_test(test_large_space_is_sampled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

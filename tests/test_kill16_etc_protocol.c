/*
 * test_kill16_etc_protocol.c: the additive package index's window at the cap (package_additive.c, issue 27).  The
 * halves' sums differ from parley_utility_eval's by rounding only, within a margin m = (issues + 4) * magnitude *
 * 2^-48; a window that reaches 1 - 2m takes every pair from there up, and the index is refused (the sorted index
 * serves) when that top window holds more than PINDEX_WINDOW_MAX = 4096 pairs.
 *
 * Two issues of 80 values, weights 1/2: issue 0 worth 1 for its first 64 values, issue 1 worth 1 - 2d 2^-48 for
 * its first `top` values (0.9 k / 100 below).  magnitude = 2 + 1/2 + 1/2 - d 2^-48, m = 6 magnitude 2^-48, just
 * under 18 2^-48; the top pairs are worth 1 - d 2^-48 exactly (0.5 + 0.5 - d 2^-48), every other at most 0.95:
 * - d = 27: the top pairs lie in [1 - 2m, 1 - m): in the window.  64 x 64 = 4096 pairs: built; 64 x 65: refused.
 * - d = 40: below 1 - 2m: not in it; 64 x 65 top pairs and the index is built.
 * Built or not, every answer is the list's (package_reference.h): the best and worst, the package of lowest
 * utility at least 1 - d 2^-48 (ties: the lowest number), the run of the top packages and its size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include <parley/parley.h>

#include "package_reference.h"

#include "protocol/session_internal.h"

enum { VALUES = 80, TOP0 = 64 };

static parley_scenario *near_the_cap(int d, uint32_t top)
{
    parley_space *s = parley_space_new();
    assert_non_null(s);
    assert_int_equal(parley_space_add_integer(s, "i0", 0, VALUES - 1, 1, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_integer(s, "i1", 0, VALUES - 1, 1, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        for (size_t i = 0; i < 2; i++) {
            parley_utility_set_weight(u, i, 0.5);
            for (uint32_t v = 0; v < VALUES; v++) {
                double below = 0.9 * (double)((v * 37) % 100) / 100.0;
                double x = p == 1 ? 0.5 : i == 0 ? (v < TOP0 ? 1.0 : below) : (v < top ? 1 - 2 * d * 0x1p-48 : below);
                parley_utility_set_value(u, i, v, x);
            }
        }
        assert_true(parley_scenario_add_party(sc, p ? "P1" : "P0", PARLEY_ROLE_PARTY, u, NULL) >= 0);
    }
    return sc;
}

/* Builds party 0's index and checks its answers near the top against the list; returns whether the halves serve. */
static int check_near_the_cap(int d, uint32_t top)
{
    parley_scenario *sc = near_the_cap(d, top);
    size_t n;
    struct package_entry *list = package_reference_list(sc, &n);
    assert_int_equal(n, VALUES * VALUES);
    double peak = 1 - d * 0x1p-48;
    assert_true(list[n - 1].u == peak);
    assert_true(list[n - (size_t)(TOP0 * top) - 1].u < 0.96);
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    int additive = idx->additive;
    assert_int_equal(parley_package_index_count(idx), n);
    assert_true(pindex_best(idx) == peak);
    assert_true(pindex_worst(idx) == list[0].u);
    uint32_t out[2], want[2];
    /* the lowest package worth at least the peak, and at least 0.97: the first of the top run, by number */
    size_t first = n - (size_t)(TOP0 * top);
    for (int k = 0; k < 2; k++) {
        double got = pindex_at_least(idx, k ? 0.97 : peak, out);
        assert_true(got == peak);
        parley_space_decode(parley_scenario_space(sc), list[first].id, want);
        assert_memory_equal(out, want, sizeof want);
    }
    /* the run of the top packages (from the halves or, past their window, the sorted index) */
    uint32_t scratch[2];
    struct pindex_levels lv;
    assert_int_equal(pindex_levels(idx, sc, peak, &lv, scratch), 1);
    assert_true(lv.at.utility == peak);
    assert_int_equal(lv.at.first, first);
    assert_int_equal(lv.at.count, TOP0 * top);
    assert_int_equal(lv.has_above, 0);
    assert_int_equal(lv.has_below, 1);
    assert_true(lv.below.utility == list[first - 1].u);
    uint32_t *ties = malloc(TOP0 * top * 2 * sizeof *ties);
    assert_non_null(ties);
    assert_int_equal(pindex_ties(idx, sc, peak, ties, TOP0 * top, scratch), TOP0 * top);
    for (size_t j = 0; j < TOP0 * top; j++) {
        parley_space_decode(parley_scenario_space(sc), list[first + j].id, want);
        assert_memory_equal(ties + 2 * j, want, sizeof want);
    }
    free(ties);
    parley_package_index_free(idx);
    free(list);
    parley_scenario_free(sc);
    return additive;
}

static void test_window_at_the_cap(void **state)
{
    (void)state;
    assert_int_equal(check_near_the_cap(27, 64), 1); /* 4096 pairs within 2 margins of 1 */
    assert_int_equal(check_near_the_cap(27, 65), 0); /* 4160 */
    assert_int_equal(check_near_the_cap(40, 65), 1); /* more than 2 margins under 1: none */
    assert_int_equal(check_near_the_cap(0, 64), 1);  /* worth 1: 4096 */
    assert_int_equal(check_near_the_cap(0, 65), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_window_at_the_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

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
 *
 * And every query of both kinds of index (the sorted one of 120 packages, the halves of 4800) at every run of
 * equal utility of coarse utilities (quarters: many ties), one step either side of it and past both ends, against
 * the list: the run at x (utility, first position, size), the runs just below and above (their first positions
 * and sizes, none below the lowest or above the highest), the tied packages by number, the neighbours of the
 * threshold, and the package of lowest (utility, number) at least x (none: the best of lowest number).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "package_reference.h"
#include "test_util.h"

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

/* Integer issues of counts[i] values, weights 1/issues, party 0's values on a coarse grid (quarters: many ties)
   or, when `distinct`, spread so that no two packages tie; party 1 flat. */
static parley_scenario *coarse(const uint32_t *counts, size_t issues, int distinct)
{
    parley_space *s = test_integer_space(counts, issues);
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        for (size_t i = 0; i < issues; i++) {
            parley_utility_set_weight(u, i, 1.0 / (double)issues);
            for (uint32_t v = 0; v < counts[i]; v++)
                parley_utility_set_value(u, i, v,
                                         p          ? 0.5
                                         : distinct ? fmod((v + 1) * 0.6180339887498949 * ((double)i + 1.37), 1.0)
                                                    : (double)((v * 7 + i * 3) % 5) / 4.0);
        }
        assert_true(parley_scenario_add_party(sc, p ? "P1" : "P0", PARLEY_ROLE_PARTY, u, NULL) >= 0);
    }
    return sc;
}

static void same_as_entry(const parley_scenario *sc, const uint32_t *values, const struct package_entry *e)
{
    uint32_t want[4];
    parley_space_decode(parley_scenario_space(sc), e->id, want);
    assert_memory_equal(values, want, parley_space_issue_count(parley_scenario_space(sc)) * sizeof *want);
}

/* Every query of the index at x against the list: levels, ties, neighbours and the package of at least x. */
static void check_at(const parley_package_index *idx, const parley_scenario *sc, const struct package_entry *list,
                     size_t n, double x)
{
    uint32_t scratch[4], down[4], up[4], out[4];
    size_t first = package_list_from(list, n, x), end = package_list_over(list, n, x);
    struct pindex_levels lv;
    assert_int_equal(pindex_levels(idx, sc, x, &lv, scratch), 1);
    assert_true(lv.at.utility == (end > first ? list[first].u : x));
    assert_int_equal(lv.at.first, first);
    assert_int_equal(lv.at.count, end - first);
    assert_int_equal(lv.has_below, first > 0);
    assert_int_equal(lv.has_above, end < n);
    if (first > 0) { /* the run just below: its utility, first position and size */
        double b = list[first - 1].u;
        assert_true(lv.below.utility == b);
        assert_int_equal(lv.below.first, package_list_from(list, n, b));
        assert_int_equal(lv.below.count, first - package_list_from(list, n, b));
    }
    if (end < n) {
        double a = list[end].u;
        assert_true(lv.above.utility == a);
        assert_int_equal(lv.above.first, end);
        assert_int_equal(lv.above.count, package_list_over(list, n, a) - end);
    }
    /* the packages worth exactly x, by number, two slots given (the third one's values stay untouched) */
    uint32_t ties[3 * 4];
    size_t issues = parley_space_issue_count(parley_scenario_space(sc));
    memset(ties, 0xAB, sizeof ties);
    assert_int_equal(pindex_ties(idx, sc, x, ties, 2, scratch), (long)(end - first));
    for (size_t j = 0; j < 2 && first + j < end; j++)
        same_as_entry(sc, ties + j * issues, &list[first + j]);
    for (size_t j = (end - first < 2 ? end - first : 2) * issues; j < 3 * issues; j++)
        assert_int_equal(ties[j], 0xABABABABu);
    /* the neighbours of the threshold x (no slack): the lowest (u, number) from x, the highest under it */
    struct pindex_neighbours nb = {down, up, 0, 0, 0, 0};
    assert_int_equal(pindex_around(idx, sc, x, &nb, scratch), 1);
    assert_int_equal(nb.has_up, first < n);
    assert_int_equal(nb.has_down, first > 0);
    if (first < n) {
        assert_true(nb.up_u == list[first].u);
        same_as_entry(sc, up, &list[first]);
    }
    if (first > 0) {
        assert_true(nb.down_u == list[first - 1].u);
        same_as_entry(sc, down, &list[first - 1]);
    }
    /* at least x (x - 1e-12 compared); none: the best package of lowest number */
    size_t from = package_list_from(list, n, x - 1e-12);
    if (from == n)
        from = package_list_from(list, n, list[n - 1].u);
    assert_true(pindex_at_least(idx, x, out) == list[from].u);
    same_as_entry(sc, out, &list[from]);
}

/* Every run of equal utility of the list, at its value and one step either side, and past both ends. */
static void check_every_level(const uint32_t *counts, size_t issues, int distinct, int additive)
{
    parley_scenario *sc = coarse(counts, issues, distinct);
    size_t n;
    struct package_entry *list = package_reference_list(sc, &n);
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    assert_int_equal(idx->additive, additive);
    assert_int_equal(pindex_ranked_count(idx, sc), n);
    assert_true(pindex_best(idx) == list[n - 1].u && pindex_worst(idx) == list[0].u);
    size_t runs = 0;
    for (size_t i = 0; i < n; i = package_list_over(list, n, list[i].u), runs++) {
        check_at(idx, sc, list, n, list[i].u);
        check_at(idx, sc, list, n, nextafter(list[i].u, INFINITY));
        check_at(idx, sc, list, n, nextafter(list[i].u, -INFINITY));
    }
    assert_true(runs >= 5);
    check_at(idx, sc, list, n, list[0].u - 0.5);
    check_at(idx, sc, list, n, list[n - 1].u + 0.5);
    parley_package_index_free(idx);
    free(list);
    parley_scenario_free(sc);
}

static void test_every_level(void **state)
{
    (void)state;
    static const uint32_t small[] = {6, 5, 4}, large[] = {20, 15, 16};
    check_every_level(small, 3, 0, 0); /* 120 packages: the sorted index */
    check_every_level(large, 3, 0, 1); /* 4800: the halves, the sorted index where their window is too wide */
    check_every_level(small, 3, 1, 0); /* no ties: runs of one package, the lowest among them */
    check_every_level(large, 3, 1, 1);
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
        cmocka_unit_test(test_every_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill14_protocol.c: the order of a party's sorted package index
 * (package_index.c's radix path, 4096 entries or more) where utilities closer
 * than the radix keys' 2^-40 meet in the lowest run (issue 27: the comparison
 * sort of each run of equal keys must include the first run).  Thirteen issues
 * of two values, P0's weights 1 for issue 0 and 1/16 for the others:
 * issue 0's value 0 is worth 1e-15 and its value 1 nothing, the others' value 1
 * is worth 1 and value 0 nothing.  Package numbers run with the last issue
 * fastest, so package 0 (all values 0) is worth 1e-15 and package 4096 (issue
 * 0 at 1, the others at 0) is worth 0: by hand, the lowest is 4096, then 0,
 * both in the first run of equal keys, in position order 0 before 4096.  The
 * whole index is checked against package_reference.h's list.
 *
 * The same scenario's packages worth exactly 1/16 (issue 0 at 1, one other
 * issue at 1): 12 of them, numbers 4096 + 2^k for k = 0 .. 11 in ascending
 * order, each decoded; asked with room for 13 or for 5, the slots past the 12
 * or the 5 written are left as they were, through the additive index (its
 * halves) and the sorted one.  None is worth 1/32, and that answer does not
 * make the additive index give up its halves for a sorted index.
 *
 * And the additive index's limit of 2^22 points a half: 45 two-valued issues
 * (powers_of_two.h) split at best into halves of 2^22 and 2^23 points, one past
 * the limit, so the index is not additive but the 2^18 samples plus the best
 * package (every issue at "hi", worth 1) of a space too large to index whole
 * (44 issues, halves of exactly 2^22, are test_kill_protocol's).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include <parley/parley.h>

#include "package_reference.h"
#include "powers_of_two.h"

#include "protocol/session_internal.h"

#define ISSUES 13

static parley_scenario *near_tie_scenario(void)
{
    parley_space *s = parley_space_new();
    assert_non_null(s);
    char name[16];
    for (size_t i = 0; i < ISSUES; i++) {
        snprintf(name, sizeof name, "i%zu", i);
        assert_int_equal(parley_space_add_integer(s, name, 0, 1, 1, NULL), PARLEY_OK);
    }
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        for (size_t i = 0; i < ISSUES; i++) {
            parley_utility_set_weight(u, i, i == 0 ? 1.0 : 1.0 / 16);
            for (uint32_t v = 0; v < 2; v++)
                parley_utility_set_value(u, i, v, p == 1 ? 0.5 : i == 0 ? (v == 0 ? 1e-15 : 0.0) : (double)v);
        }
        snprintf(name, sizeof name, "P%d", p);
        assert_true(parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL) >= 0);
    }
    return sc;
}

static void test_near_ties_in_the_lowest_run(void **state)
{
    (void)state;
    parley_scenario *sc = near_tie_scenario();
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build_sorted(sc, 0, 1, &idx, NULL), PARLEY_OK);
    assert_int_equal(idx->n, 8192);
    /* by hand: 4096 (worth 0), then 0 (worth 1e-15) */
    assert_int_equal(idx->e[0].id, 4096);
    assert_true(idx->e[0].u == 0);
    assert_int_equal(idx->e[1].id, 0);
    assert_true(idx->e[1].u == 1e-15);
    size_t n;
    struct package_entry *list = package_reference_list(sc, &n);
    assert_int_equal(n, 8192);
    for (size_t j = 0; j < n; j++)
        if (idx->e[j].u != list[j].u || idx->e[j].id != list[j].id)
            fail_msg("entry %zu is (%.17g, %llu), the list (%.17g, %llu)", j, idx->e[j].u,
                     (unsigned long long)idx->e[j].id, list[j].u, (unsigned long long)list[j].id);
    /* the package of lowest utility at least 0: 4096 */
    uint32_t out[ISSUES];
    assert_true(pindex_at_least(idx, 0, out) == 0);
    assert_int_equal(out[0], 1);
    for (size_t i = 1; i < ISSUES; i++)
        assert_int_equal(out[i], 0);
    free(list);
    parley_package_index_free(idx);
    parley_scenario_free(sc);
}

/* The ties at 1/16 through one kind of index, with room for `max` of them: the rest of the caller's buffer keeps
   its 7s. */
static void check_ties(const parley_scenario *sc, const parley_package_index *idx, size_t max)
{
    uint32_t values[14 * ISSUES], scratch[ISSUES];
    for (size_t j = 0; j < 14 * ISSUES; j++)
        values[j] = 7;
    assert_int_equal(pindex_ties(idx, sc, 1.0 / 16, values, max, scratch), 12);
    size_t written = max < 12 ? max : 12;
    for (size_t k = 0; k < written; k++) {
        const uint32_t *p = values + k * ISSUES; /* number 4096 + 2^k: issue 0 and issue 12 - k at 1 */
        for (size_t i = 0; i < ISSUES; i++)
            if (p[i] != (i == 0 || i == ISSUES - 1 - k ? 1u : 0u))
                fail_msg("tie %zu (number %u), issue %zu: %u", k, 4096u + (1u << k), i, p[i]);
    }
    for (size_t j = written * ISSUES; j < 14 * ISSUES; j++)
        assert_int_equal(values[j], 7);
}

static void test_ties_of_both_indexes(void **state)
{
    (void)state;
    parley_scenario *sc = near_tie_scenario();
    parley_package_index *halves = NULL, *sorted = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &halves, NULL), PARLEY_OK);
    assert_int_equal(parley_package_index_build_sorted(sc, 0, 1, &sorted, NULL), PARLEY_OK);
    assert_int_equal(halves->additive, 1);
    assert_int_equal(sorted->additive, 0);
    for (size_t max = 5; max <= 13; max += 8) {
        check_ties(sc, halves, max);
        check_ties(sc, sorted, max);
    }
    /* no package is worth 1/32: none, and the halves keep answering (no sorted index is built for it) */
    uint32_t scratch[ISSUES];
    assert_int_equal(pindex_ties(halves, sc, 1.0 / 32, NULL, 0, scratch), 0);
    assert_int_equal(pindex_ties(sorted, sc, 1.0 / 32, NULL, 0, scratch), 0);
    assert_int_equal(atomic_load(&halves->halves_off), 0);
    assert_null(halves->sorted);
    parley_package_index_free(halves);
    parley_package_index_free(sorted);
    parley_scenario_free(sc);
}

static void test_halves_past_the_limit_are_sampled(void **state)
{
    (void)state;
    parley_scenario *sc = powers_of_two(45);
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    assert_int_equal(idx->additive, 0);
    assert_null(idx->half_a);
    assert_non_null(idx->samples);
    assert_int_equal(parley_package_index_count(idx), ((size_t)1 << 18) + 1);
    assert_true(pindex_best(idx) == 1);
    parley_package_index_free(idx);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_near_ties_in_the_lowest_run),
        cmocka_unit_test(test_ties_of_both_indexes),
        cmocka_unit_test(test_halves_past_the_limit_are_sampled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

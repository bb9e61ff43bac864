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
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include <parley/parley.h>

#include "package_reference.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_near_ties_in_the_lowest_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

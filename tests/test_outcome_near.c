/*
 * test_outcome_near.c: the neighbours of a target without the full sorted list
 * (pindex_around, parley_view_outcome_around).  The reference
 * is made here independently: every package the party may accept (feasible,
 * its red lines hold), evaluated and sorted by (utility, number) with qsort;
 * the package just below a threshold is the last one under it, the one above
 * the first at or over it.  Checked on additive spaces (the additive index of
 * two sorted halves answers), coarse ones (many ties: the lowest number above,
 * the highest below), and spaces with red lines and global constraints (the
 * sorted index answers), for random targets, targets on packages' own
 * utilities and 1e-12 around them, and targets outside the utilities.
 * (agent_bid_near keeps GENIUS's SortedOutcomeSpace search, answered from the
 * runs of equal utility: test_genius_near, test_genius_outcome_order.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "package_reference.h"

#include "agents/agent_common.h"
#include "protocol/session_internal.h"

#include "random_numbers.h"

#define MAX_ISSUES 16

/* A random 2-party space of about `target` packages; coarse: dyadic utilities (ties). */
static parley_scenario *random_scenario(double target, int coarse, int constrained)
{
    char name[32], rule[96];
    parley_space *s = random_integer_space(target, 11, MAX_ISSUES, 0);
    assert_non_null(s);
    parley_scenario *sc = parley_scenario_new(s);
    for (unsigned p = 0; p < 2; p++) {
        /* coarse: weights over a power of two, values in quarters: every sum and distance is exact (true ties) */
        parley_utility *u = random_additive_utility(s, coarse, RANDOM_DYADIC_WEIGHTS);
        assert_non_null(u);
        parley_utility_set_reservation(u, 0.3 * uniform());
        snprintf(name, sizeof name, "P%u", p);
        long party = parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL);
        assert_true(party >= 0);
        if (constrained) {
            snprintf(rule, sizeof rule, "i0 + i1 >= %u or i2 != 1", 1 + pick(4));
            assert_int_equal(parley_scenario_add_constraint(sc, party, "red", rule, NULL, NULL, NULL), PARLEY_OK);
        }
    }
    if (constrained)
        assert_int_equal(parley_scenario_add_constraint(sc, -1, "global", "i1 != 0", NULL, NULL, NULL), PARLEY_OK);
    return sc;
}

/* The index's neighbours of threshold t against the list's, bit for bit. */
static void check_threshold(const parley_package_index *idx, const parley_scenario *sc, const struct package_entry *list,
                            size_t n, double t)
{
    const parley_space *s = parley_scenario_space(sc);
    size_t issues = parley_space_issue_count(s), first = 0;
    while (first < n && list[first].u < t) /* a linear walk: independent of any binary search */
        first++;
    uint32_t down[MAX_ISSUES], up[MAX_ISSUES], scratch[MAX_ISSUES], want[MAX_ISSUES];
    struct pindex_neighbours nb = {.down = down, .up = up};
    assert_int_equal(pindex_around(idx, sc, t, &nb, scratch), n > 0);
    assert_int_equal(nb.has_down, first > 0);
    assert_int_equal(nb.has_up, first < n);
    if (first > 0) {
        parley_space_decode(s, list[first - 1].id, want);
        assert_memory_equal(&nb.down_u, &list[first - 1].u, sizeof nb.down_u);
        assert_memory_equal(down, want, issues * sizeof *want);
    }
    if (first < n) {
        parley_space_decode(s, list[first].id, want);
        assert_memory_equal(&nb.up_u, &list[first].u, sizeof nb.up_u);
        assert_memory_equal(up, want, issues * sizeof *want);
    }
}

static void compare_with_list(double size, int coarse, int constrained, int rounds)
{
    for (int r = 0; r < rounds; r++) {
        parley_scenario *sc = random_scenario(size, coarse, constrained);
        size_t n;
        struct package_entry *list = package_reference_list(sc, &n);
        parley_package_index *idx = NULL;
        assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
        /* the kind of index the view gets: the halves without constraints, the sorted list with them */
        assert_int_equal(idx->additive, !constrained);
        assert_true(n > 0);
        double worst = list[0].u, best = list[n - 1].u;
        for (int q = 0; q < 60; q++) {
            check_threshold(idx, sc, list, n, worst - 0.05 + (best - worst + 0.1) * uniform());
            double own = list[rnd() % n].u;
            check_threshold(idx, sc, list, n, own);
            check_threshold(idx, sc, list, n, own - 1e-12);
            check_threshold(idx, sc, list, n, own + 1e-12);
            check_threshold(idx, sc, list, n, nextafter(own, INFINITY));
        }
        check_threshold(idx, sc, list, n, worst);
        check_threshold(idx, sc, list, n, best);
        check_threshold(idx, sc, list, n, nextafter(best, INFINITY));
        check_threshold(idx, sc, list, n, worst - 1);
        check_threshold(idx, sc, list, n, best + 1);
        free(list);
        parley_package_index_free(idx);
        parley_scenario_free(sc);
    }
}

static void test_additive(void **state)
{
    (void)state;
    compare_with_list(1e4, 0, 0, 4);
    compare_with_list(1e5, 0, 0, 1);
}

static void test_ties(void **state)
{
    (void)state;
    compare_with_list(1e4, 1, 0, 4);
    compare_with_list(5e4, 1, 0, 1);
}

static void test_red_lines_and_constraints(void **state)
{
    (void)state;
    compare_with_list(1e4, 0, 1, 3);
    compare_with_list(1e4, 1, 1, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_additive),
        cmocka_unit_test(test_ties),
        cmocka_unit_test(test_red_lines_and_constraints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * package_reference.h: party 0's acceptable packages of a scenario in (utility, package number) order, listed by
 * decoding every package and sorting (the independent reference the tests of the package index compare it with:
 * test_outcome_near, test_kill_protocol12), and the positions in that list where a utility starts and ends.
 * Header-only, for cmocka tests.
 */
#ifndef PARLEY_TESTS_PACKAGE_REFERENCE_H
#define PARLEY_TESTS_PACKAGE_REFERENCE_H

#include <stdint.h>
#include <stdlib.h>

#include <parley/parley.h>

struct package_entry {
    double u;
    uint64_t id;
};

static int package_by_utility_then_number(const void *x, const void *y)
{
    const struct package_entry *a = x, *b = y;
    if (a->u != b->u)
        return a->u < b->u ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

/* Party 0's packages that are feasible and keep its red lines, by (utility, number); *count of them (malloc'd). */
static struct package_entry *package_reference_list(const parley_scenario *sc, size_t *count)
{
    const parley_space *s = parley_scenario_space(sc);
    size_t party = parley_scenario_negotiator(sc, 0);
    const parley_utility *u = parley_party_utility(sc, party);
    uint64_t size;
    assert_int_equal(parley_space_size_u64(s, &size), PARLEY_OK);
    struct package_entry *list = malloc(size * sizeof *list);
    uint32_t *values = malloc(parley_space_issue_count(s) * sizeof *values);
    assert_non_null(list);
    assert_non_null(values);
    size_t n = 0;
    for (uint64_t id = 0; id < size; id++) {
        parley_space_decode(s, id, values);
        if (parley_scenario_feasible(sc, values) && parley_scenario_red_lines_hold(sc, party, values))
            list[n++] = (struct package_entry){parley_utility_eval(u, values), id};
    }
    free(values);
    qsort(list, n, sizeof *list, package_by_utility_then_number);
    *count = n;
    return list;
}

/* Positions in such a list of n: the first entry worth at least x, the first worth more than x (linear walks). */
static inline size_t package_list_from(const struct package_entry *list, size_t n, double x)
{
    size_t i = 0;
    while (i < n && list[i].u < x)
        i++;
    return i;
}

static inline size_t package_list_over(const struct package_entry *list, size_t n, double x)
{
    size_t i = 0;
    while (i < n && list[i].u <= x)
        i++;
    return i;
}

#endif

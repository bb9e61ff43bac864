/*
 * test_kill14_core_scenario.c: the scenario model's new parts (src/core/scenario.c, issue 27, seed-144 probe of
 * src/core): the index of constraint names (unique within their owner: the scenario's global constraints and each
 * party's red lines) across its growth from 16 slots and after removals; and parley_scenario_acceptable_to as the
 * analysis judges it: a party's expected utility under its trust in a later phase, worked out by hand, against its
 * reservation on the 2^-32 grid (equal: acceptable; 2^-40 above: the same grid value; 2^-31 above: not), with a
 * red line broken, a global constraint broken, and a mediator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <parley/parley.h>

#include "grid_space.h"
#include "test_util.h"

enum { NAMES = 40 };

static parley_scenario *two_parties(void)
{
    parley_space *s;
    parley_scenario *sc = two_issue_scenario_new(&s, "a", 1, "b", 1);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        for (size_t i = 0; i < 2; i++) {
            assert_int_equal(parley_utility_set_weight(u, i, 0.5), PARLEY_OK);
            assert_int_equal(parley_utility_set_value(u, i, 1, 1), PARLEY_OK);
        }
        assert_int_equal(parley_scenario_add_party(sc, p ? "Q" : "P", PARLEY_ROLE_PARTY, u, NULL), p);
    }
    return sc;
}

static int add(parley_scenario *sc, long owner, unsigned k, parley_error *err)
{
    char name[32];
    snprintf(name, sizeof name, "c%u", k);
    return parley_scenario_add_constraint(sc, owner, name, "a >= 0", NULL, NULL, err);
}

static void assert_defined_twice(parley_scenario *sc, long owner, unsigned k)
{
    parley_error err;
    char expected[64];
    assert_int_equal(add(sc, owner, k, &err), PARLEY_EINVAL);
    snprintf(expected, sizeof expected, "constraint 'c%u' is defined twice", k);
    assert_string_equal(err.message, expected);
}

static void test_names_unique_within_their_owner(void **state)
{
    (void)state;
    parley_scenario *sc = two_parties();
    /* owner by owner, name by name: each name once per owner, the same name under the other owners */
    for (unsigned k = 0; k < NAMES; k++)
        for (long owner = -1; owner <= 1; owner++) {
            assert_int_equal(add(sc, owner, k, NULL), PARLEY_OK);
            assert_defined_twice(sc, owner, k); /* at once, while the index grows */
        }
    assert_int_equal(parley_scenario_constraint_count(sc), 3 * NAMES);
    for (unsigned k = 0; k < NAMES; k++)
        for (long owner = -1; owner <= 1; owner++)
            assert_defined_twice(sc, owner, k);
    /* removals: the first, one in the middle, the last; their names are free again, the others still taken */
    const size_t removed[] = {3 * NAMES - 1, 40, 0};
    for (size_t r = 0; r < 3; r++)
        assert_int_equal(parley_scenario_remove_constraint(sc, removed[r]), PARLEY_OK);
    assert_int_equal(parley_scenario_constraint_count(sc), 3 * NAMES - 3);
    /* constraint 3k + owner + 1 was c<k> of the owner: 0 was the scenario's c0, 40 P's c13, the last Q's c39 */
    assert_int_equal(add(sc, -1, 0, NULL), PARLEY_OK);
    assert_int_equal(add(sc, 0, 13, NULL), PARLEY_OK);
    assert_int_equal(add(sc, 1, 39, NULL), PARLEY_OK);
    for (unsigned k = 0; k < NAMES; k++)
        for (long owner = -1; owner <= 1; owner++)
            assert_defined_twice(sc, owner, k);
    /* the order: what was not removed keeps its order, the re-added come last */
    const parley_constraint *c = parley_scenario_constraint(sc, 0);
    assert_string_equal(c->name, "c0");
    assert_int_equal(c->party, 0);
    c = parley_scenario_constraint(sc, 3 * NAMES - 1);
    assert_string_equal(c->name, "c39");
    assert_int_equal(c->party, 1);
    parley_scenario_free(sc);
}

/* Issue a in the first phase, b in the phase "later" that P trusts at 1/2; ratings 1 for value 1, 0 for value 0 (the
 * fallback): P's expected utility of (1, 1) is 0.5 + 0.5 * (0.5 * 1 + 0.5 * 0) = 0.75. */
static parley_scenario *phased(double reservation)
{
    parley_scenario *sc = two_parties();
    const size_t a = 0, b = 1;
    assert_int_equal(parley_scenario_add_phase(sc, "now", 6, &a, 1, NULL), PARLEY_OK);
    assert_int_equal(parley_scenario_add_phase(sc, "later", 6, &b, 1, NULL), PARLEY_OK);
    assert_int_equal(parley_scenario_set_trust(sc, 0, 1, 0.5), PARLEY_OK);
    assert_int_equal(parley_utility_set_reservation(parley_party_utility_mut(sc, 0), reservation), PARLEY_OK);
    return sc;
}

static void test_acceptable_as_the_analysis_judges(void **state)
{
    (void)state;
    const uint32_t both[2] = {1, 1}, first[2] = {1, 0};
    const struct {
        double reservation;
        int accepts_both, accepts_first;
    } cases[] = {{0.75, 1, 0},           {0.75 + 0x1p-40, 1, 0}, {0.75 + 0x1p-31, 0, 0},
                 {0.5, 1, 1},            {0.5 + 0x1p-31, 1, 0},  {0, 1, 1}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        parley_scenario *sc = phased(cases[k].reservation);
        assert_true(parley_scenario_value(sc, 0, both, -1) == 0.75);
        assert_true(parley_scenario_value(sc, 0, both, 1) == 1); /* a guarantee of 1 */
        assert_true(parley_scenario_value(sc, 0, both, 0) == 0.5);
        assert_true(parley_scenario_value(sc, 1, both, -1) == 1); /* Q trusts the phase fully */
        if (parley_scenario_acceptable_to(sc, 0, both, 0) != cases[k].accepts_both ||
            parley_scenario_acceptable_to(sc, 0, first, 0) != cases[k].accepts_first)
            fail_msg("reservation %.17g: (1, 1) %d, (1, 0) %d", cases[k].reservation,
                     parley_scenario_acceptable_to(sc, 0, both, 0), parley_scenario_acceptable_to(sc, 0, first, 0));
        parley_scenario_free(sc);
    }
    /* a red line of P, a global constraint, and a mediator */
    parley_scenario *sc = phased(0);
    assert_int_equal(parley_scenario_add_constraint(sc, 0, "no_b", "b == 0", NULL, NULL, NULL), PARLEY_OK);
    assert_int_equal(parley_scenario_acceptable_to(sc, 0, both, 0), 0);
    assert_int_equal(parley_scenario_acceptable_to(sc, 0, first, 0), 1);
    assert_int_equal(parley_scenario_acceptable_to(sc, 1, both, 0), 1); /* not Q's red line */
    assert_int_equal(parley_scenario_add_constraint(sc, -1, "no_a", "a == 0", NULL, NULL, NULL), PARLEY_OK);
    assert_int_equal(parley_scenario_acceptable_to(sc, 1, both, 0), 0);
    assert_int_equal(parley_scenario_add_party(sc, "M", PARLEY_ROLE_MEDIATOR, NULL, NULL), 2);
    const uint32_t none[2] = {0, 0};
    assert_int_equal(parley_scenario_acceptable_to(sc, 2, none, 0), 0);
    assert_true(isnan(parley_scenario_value(sc, 2, none, -1))); /* a mediator has no utility */
    assert_null(parley_scenario_expected_utility(sc, 2, -1));
    assert_int_equal(parley_scenario_acceptable_to(sc, 1, none, 0), 1);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_unique_within_their_owner),
        cmocka_unit_test(test_acceptable_as_the_analysis_judges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

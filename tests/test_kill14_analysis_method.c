/*
 * test_kill14_analysis_method.c: parley_analysis_needs_search (method.c: whether `parley analyze` and the bindings
 * enumerate a space or search it) at its boundaries (issue 27, seed-144 probe of src/analysis): additive spaces
 * are enumerated up to 5 * 10^9 outcomes (5 x 1000^3: enumerated; 10^10: searched; 5 * 10^9 + 1 = 3 x 1666666667
 * has more values than a space may hold), non-linear ones (a rectangle in the first party's utility or in the
 * second's) up to 2 * 10^7 (20 x 1000 x 1000: enumerated; 2 * 10^7 + 1 = 3 x 7 x 952381: searched, and enumerated
 * when both are additive); a space of more than 2^64 outcomes is searched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include <parley/parley.h>

#include "test_util.h"

/* Integer issues of the given sizes, a mediator and two parties, party `nonlinear` (1 or 2; 0: none) with a
   rectangle. */
static parley_scenario *sized(const uint32_t *sizes, size_t issues, int nonlinear)
{
    parley_space *s = test_integer_space(sizes, issues);
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    assert_int_equal(parley_scenario_add_party(sc, "M", PARLEY_ROLE_MEDIATOR, NULL, NULL), 0);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        assert_int_equal(parley_utility_set_weight(u, 0, 1), PARLEY_OK);
        if (p + 1 == nonlinear) {
            size_t issue = 0;
            uint32_t lo = 0, hi = 1;
            assert_int_equal(parley_utility_add_rectangle(u, 0.5, 1, &issue, &lo, &hi), PARLEY_OK);
        }
        assert_int_equal(parley_scenario_add_party(sc, p ? "B" : "A", PARLEY_ROLE_PARTY, u, NULL), p + 1);
    }
    return sc;
}

static int needs_search(const uint32_t *sizes, size_t issues, int nonlinear)
{
    parley_scenario *sc = sized(sizes, issues, nonlinear);
    int searched = parley_analysis_needs_search(sc);
    parley_scenario_free(sc);
    return searched;
}

static void test_additive_up_to_five_billion(void **state)
{
    (void)state;
    static const uint32_t five_billion[] = {5, 1000, 1000, 1000}, ten_billion[] = {10, 1000, 1000, 1000},
                          small[] = {7, 9};
    assert_int_equal(needs_search(five_billion, 4, 0), 0);
    assert_int_equal(needs_search(ten_billion, 4, 0), 1);
    assert_int_equal(needs_search(small, 2, 0), 0);
    assert_int_equal(needs_search(small, 2, 1), 0);
}

static void test_nonlinear_up_to_twenty_million(void **state)
{
    (void)state;
    static const uint32_t twenty_million[] = {20, 1000, 1000}, one_more[] = {3, 7, 952381};
    assert_int_equal(needs_search(twenty_million, 3, 1), 0);
    assert_int_equal(needs_search(twenty_million, 3, 2), 0);
    assert_int_equal(needs_search(one_more, 3, 1), 1);
    assert_int_equal(needs_search(one_more, 3, 2), 1);
    assert_int_equal(needs_search(one_more, 3, 0), 0);
    assert_int_equal(needs_search(twenty_million, 3, 0), 0);
}

static void test_more_than_two_to_the_64(void **state)
{
    (void)state;
    uint32_t binary[64];
    for (size_t i = 0; i < 64; i++)
        binary[i] = 2;
    assert_int_equal(needs_search(binary, 63, 0), 1); /* 2^63 outcomes: counted, above 5 * 10^9 */
    assert_int_equal(needs_search(binary, 64, 0), 1); /* 2^64: more than a uint64_t counts */
    assert_int_equal(needs_search(binary, 32, 0), 0); /* 2^32 < 5 * 10^9 */
    assert_int_equal(needs_search(binary, 33, 0), 1); /* 2^33 > 5 * 10^9 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_additive_up_to_five_billion),
        cmocka_unit_test(test_nonlinear_up_to_twenty_million),
        cmocka_unit_test(test_more_than_two_to_the_64),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill_protocol7.c: the additive package index (package_additive.c) of a
 * space far past the whole index's 2^21 packages, on behaviours that seed-7
 * generated mutants showed no test pinned (issue 27): the split of the issues
 * into two halves makes the larger half smallest (a mutant that split after the
 * first issue left a half of 2^29 packages, past the 2^22 a half may hold, and
 * the index fell back to 2^18 samples without any test noticing: the tests'
 * spaces were small enough for either split).
 *
 * The scenario: n two-valued issues ("lo", "hi"); the party's weight of issue
 * k is 2^k / (2^n - 1) for "hi", 0 for "lo", so the package whose "hi" issues
 * are the bits of b is worth b / (2^n - 1): every package has its own
 * utility, in the order of b.  The package of least utility at least
 * (b + 1/2) / (2^n - 1) is then b + 1, worked out without the index.
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

#include "powers_of_two.h"
#include "protocol/session_internal.h"

/* Party A's index holds every one of the 2^n packages (not samples), and answers "least at least" exactly. */
static void index_is_whole_and_exact(unsigned n)
{
    parley_scenario *sc = powers_of_two(n);
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    assert_int_equal(parley_package_index_count(idx), (size_t)1 << n);
    double top = ldexp(1, (int)n) - 1;
    uint64_t picks[] = {0, 1, 12345, ((uint64_t)1 << (n - 1)) - 1, ((uint64_t)1 << (n - 1)) + 777,
                        ((uint64_t)1 << n) - 2};
    uint32_t values[64];
    for (size_t j = 0; j < sizeof picks / sizeof picks[0]; j++) {
        uint64_t b = picks[j] % (((uint64_t)1 << n) - 1), want = b + 1; /* b + 1 is a package */
        double u = pindex_at_least(idx, ((double)b + 0.5) / top, values);
        assert_true(fabs(u - (double)want / top) < 1e-12);
        for (unsigned k = 0; k < n; k++)
            assert_int_equal(values[k], (unsigned)(want >> k & 1u));
    }
    assert_true(fabs(pindex_best(idx) - 1) < 1e-12);
    assert_true(fabs(pindex_worst(idx)) < 1e-12);
    parley_package_index_free(idx);
    parley_scenario_free(sc);
}

/* 2^30 packages: halves of 2^15 (the balanced split); split after the first issue, one half would be 2^29. */
static void test_additive_index_of_2_to_the_30(void **state)
{
    (void)state;
    index_is_whole_and_exact(30);
}

/* 2^13 packages: just over the 4096 from which the additive index is taken; 2^22: past the 2^21 the whole
   index holds, so only the additive index answers exactly (halves of 2^11). */
static void test_additive_index_near_its_bounds(void **state)
{
    (void)state;
    index_is_whole_and_exact(13);
    index_is_whole_and_exact(22);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_additive_index_of_2_to_the_30),
        cmocka_unit_test(test_additive_index_near_its_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_oom_kill_protocol7.c: the package index of a large additive space when
 * memory runs out (issue 27: a seed-7 mutant made the count of ranked packages
 * 1 instead of 0 when the sorted index a rank query needs cannot be built, and
 * no test ran out of memory there).  Past 2^21 packages the additive index
 * answers "least at least" itself, but ranks come from a sorted index of
 * samples built on first use (package_index.c, pindex_sorted): out of memory,
 * there is none and no package can be ranked (count 0); with memory back, the
 * next call builds it: 2^18 samples plus the best package (INDEX_SAMPLES + 1
 * draws, the first the best package; every one of the 2^22 packages keeps A's
 * red lines, as there are none).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "failalloc.h"
#include "powers_of_two.h"
#include "protocol/session_internal.h"

static void test_ranked_count_out_of_memory(void **state)
{
    (void)state;
    parley_scenario *sc = powers_of_two(22);
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    assert_int_equal(parley_package_index_count(idx), (size_t)1 << 22); /* the additive index: every package */
    failalloc_arm(1, 1);
    size_t starved = pindex_ranked_count(idx, sc);
    long refused = failalloc_disarm();
    assert_true(refused > 0);
    assert_int_equal(starved, 0);
    assert_int_equal(pindex_ranked_count(idx, sc), ((size_t)1 << 18) + 1);
    parley_package_index_free(idx);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranked_count_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_oom_kill16_q29n.c: exact_sort_positions (exact_sort.c, the meet-in-the-middle counts' sort) when one of
 * its allocations is refused (issue 27, sixteenth session, helper q29n; survivor exact_sort.c:195, the check of
 * the scratch list of a long run deleted).  The keys are mapped onto 33 bits over their range; 20 distinct keys
 * within 2^-40 of 0.5 between 0 and 1 map to one number (2^32 - 1), a run longer than 16 that is not all equal,
 * sorted by key through a list of its own (malloc).  With memory the positions come out in the order worked out
 * by hand (two allocations: the digit counts and that list); with either refused (alone, or with every later
 * one: tests/failalloc.c) the call returns NULL, without writing through the refused pointer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "analysis/exact.h"
#include "failalloc.h"

#define RUN 20
#define M (RUN + 2)

/* keys[0] = 0, keys[1] = 1, keys[2 + i] = 0.5 + (RUN - 1 - i) 2^-45: the run descending. */
static void make_keys(double *keys)
{
    keys[0] = 0;
    keys[1] = 1;
    for (size_t i = 0; i < RUN; i++)
        keys[2 + i] = 0.5 + ldexp((double)(RUN - 1 - i), -45);
}

/* The sort with allocation `refuse` refused (0: none); the sorted keys or NULL, the allocations asked for. */
static const double *sorted(const double *keys, uint32_t *ids, uint64_t *work1, uint64_t *work2, long refuse,
                            int persistent, long *calls)
{
    failalloc_arm(refuse > 0 ? refuse : 1L << 40, persistent);
    const double *got = exact_sort_positions(keys, M, ids, work1, work2);
    *calls = failalloc_calls();
    failalloc_disarm();
    return got;
}

static void test_long_run_refusals(void **state)
{
    (void)state;
    double keys[M];
    uint32_t ids[M];
    uint64_t work1[M], work2[M];
    make_keys(keys);
    long calls = 0;
    const double *got = sorted(keys, ids, work1, work2, 0, 0, &calls);
    assert_non_null(got);
    assert_int_equal(calls, 2); /* the counts and the run's list */
    /* rank 0: position 0; ranks 1..RUN: the run ascending (positions RUN + 1 down to 2); rank RUN + 1: position 1 */
    for (size_t r = 0; r < M; r++) {
        uint32_t want = r == 0 ? 0 : r == M - 1 ? 1 : (uint32_t)(RUN + 2 - r);
        assert_int_equal(ids[r], want);
        assert_true(got[r] == keys[want]);
    }
    for (int persistent = 0; persistent < 2; persistent++)
        for (long refuse = 1; refuse <= 2; refuse++) {
            assert_null(sorted(keys, ids, work1, work2, refuse, persistent, &calls));
            assert_int_equal(calls, refuse);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_run_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

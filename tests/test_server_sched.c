/*
 * test_server_sched.c: the order in which waiting analyses get a slot
 * (jobs_pick in src/server/jobs.c), on the scheduler's queue directly, with the
 * order worked out by hand: a waiting analysis of a negotiation that runs none
 * goes before a second one of a busy negotiation, the oldest first among
 * equals, and a negotiation never runs more than its budget at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "server/server_internal.h"

/* Runs the queue to the end with `slots` slots, each analysis finishing only when the queue is empty or blocked;
 * the order of dispatch as negotiation numbers. */
static size_t dispatch_all(int64_t *waiting, size_t n, unsigned slots, unsigned per_negotiation, int64_t *order)
{
    int64_t running[16];
    size_t r = 0, done = 0;
    while (n > 0) {
        size_t pick = r < slots ? jobs_pick(waiting, n, running, r, per_negotiation) : n;
        if (pick == n) { /* blocked: the oldest running analysis finishes */
            assert_true(r > 0);
            memmove(running, running + 1, --r * sizeof *running);
            continue;
        }
        order[done++] = running[r++] = waiting[pick];
        memmove(waiting + pick, waiting + pick + 1, (--n - pick) * sizeof *waiting);
    }
    return done;
}

/*
 * Negotiation 1 queued four analyses before negotiations 2 and 3 asked for one each; 2 slots, 1 per negotiation
 * at once.  By hand: 1 (oldest); 2 (1 is at its budget, 2 runs none); both slots busy, 1's finishes; 1 and 3 both
 * run none: 1 (older); 2's finishes: 1 is at its budget, 3 runs none: 3; then 1's two last, one at a time.
 * Without the per-negotiation rule the first two would both be 1's, and 3 would come last.
 */
static void test_fair_order(void **state)
{
    (void)state;
    int64_t waiting[] = {1, 1, 1, 1, 2, 3}, order[6];
    assert_int_equal(dispatch_all(waiting, 6, 2, 1, order), 6);
    const int64_t want[] = {1, 2, 1, 3, 1, 1};
    assert_memory_equal(order, want, sizeof want);
}

/* Running: two of negotiation 1, one of 2; at most 2 at once per negotiation. */
static void test_fewest_running_first(void **state)
{
    (void)state;
    const int64_t running[] = {1, 1, 2};
    /* Waiting, oldest first: 1, 2, 4.  4 runs none: it is picked though it came last. */
    const int64_t waiting[] = {1, 2, 4};
    assert_int_equal(jobs_pick(waiting, 3, running, 3, 2), 2);
    /* Without 4: 2 runs one, 1 runs two (its budget): 2. */
    assert_int_equal(jobs_pick(waiting, 2, running, 3, 2), 1);
    /* Only 1 waiting, at its budget: nobody. */
    assert_int_equal(jobs_pick(waiting, 1, running, 3, 2), 1);
    /* Equals: the oldest. */
    const int64_t idle[] = {5, 6, 7};
    assert_int_equal(jobs_pick(idle, 3, running, 3, 2), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_fair_order), cmocka_unit_test(test_fewest_running_first)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

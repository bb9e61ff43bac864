/*
 * test_oom_kill_analysis.c: the Pareto frontier of three or more parties when
 * its index of distinct vectors (frontier_nd.c) cannot be set up, on a
 * behaviour a generated mutant showed no test pinned (issue 27): the first
 * offer's allocation of that index is refused (tests/failalloc.c), so the
 * frontier stays with its plain scan (offer_nd in frontier.c) for good; the
 * points it keeps, and their outcome numbers, must still be those worked out
 * here by hand (a mutant stored each kept point at count / parties instead of
 * count * parties, overwriting the first).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analysis/frontier.h"
#include "failalloc.h"

static void test_plain_scan_keeps_the_frontier(void **state)
{
    (void)state;
    static const double offered[5][3] = {
        {0.2, 0.5, 0.9}, /* 7: kept, then dominated by 11 */
        {0.9, 0.1, 0.3}, /* 8: kept */
        {0.1, 0.1, 0.1}, /* 9: dominated by 7 */
        {0.5, 0.6, 0.2}, /* 10: kept */
        {0.3, 0.5, 0.9}, /* 11: kept, removes 7 */
    };
    static const double kept[3][3] = {{0.9, 0.1, 0.3}, {0.5, 0.6, 0.2}, {0.3, 0.5, 0.9}};
    static const uint64_t kept_index[3] = {8, 10, 11};
    frontier f;
    assert_int_equal(frontier_init(&f, 3), 0);
    failalloc_arm(1, 0); /* the index's allocation fails once: memory comes back at once */
    int first = frontier_offer(&f, offered[0], 7);
    long refused = failalloc_disarm();
    int later[4];
    for (int i = 1; i < 5; i++)
        later[i - 1] = frontier_offer(&f, offered[i], 7 + (uint64_t)i);
    int plain = f.nd == NULL, failed = f.failed;
    size_t count = f.count, same = 0;
    for (size_t i = 0; i < count && i < 3; i++)
        same += f.u[3 * i] == kept[i][0] && f.u[3 * i + 1] == kept[i][1] && f.u[3 * i + 2] == kept[i][2] &&
                f.index[i] == kept_index[i];
    frontier_free(&f);
    assert_int_equal(refused, 1);
    assert_true(plain);
    assert_false(failed);
    assert_int_equal(first, 1);
    assert_int_equal(later[0], 1);
    assert_int_equal(later[1], 0);
    assert_int_equal(later[2], 1);
    assert_int_equal(later[3], 1);
    assert_int_equal(count, 3);
    assert_int_equal(same, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_scan_keeps_the_frontier),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill_analysis14.c: the set of failure masks (maskset.c) keeps each mask once (issue 27, seed 12 survivor
 * maskset.c:95, the equality check deleted): masks added again, across the words of a wide mask and around a
 * hash collision, count once, and the minimal ones are listed once each.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "analysis/maskset.h"

static void test_a_mask_added_again_counts_once(void **state)
{
    (void)state;
    maskset s;
    maskset_init(&s, mask_words(70)); /* two words a mask */
    const uint64_t a[2] = {0x5, 0}, b[2] = {0x1, 1ull << 5}, c[2] = {0x4, 0};
    for (int round = 0; round < 3; round++) {
        maskset_add(&s, a);
        maskset_add(&s, b);
        maskset_add(&s, c);
    }
    assert_false(s.failed);
    assert_int_equal(s.count, 3);
    size_t n = 0;
    uint64_t *minimal = maskset_minimal(&s, &n);
    assert_non_null(minimal);
    /* c = {bit 2} is inside a = {bits 0, 2}; b = {bit 0, bit 69} holds bit 0 but not bit 2: c and b are minimal */
    assert_int_equal(n, 2);
    assert_int_equal(minimal[0], 0x4); /* one bit first */
    assert_int_equal(minimal[1], 0);
    assert_int_equal(minimal[2], 0x1);
    assert_int_equal(minimal[3], 1ull << 5);
    free(minimal);
    maskset_free(&s);
}

static void test_many_masks_each_once(void **state)
{
    (void)state;
    maskset s;
    maskset_init(&s, 1);
    for (int round = 0; round < 2; round++)
        for (uint64_t m = 1; m <= 5000; m++)
            maskset_add(&s, &m);
    assert_false(s.failed);
    assert_false(s.overflow);
    assert_int_equal(s.count, 5000);
    maskset_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_mask_added_again_counts_once),
        cmocka_unit_test(test_many_masks_each_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

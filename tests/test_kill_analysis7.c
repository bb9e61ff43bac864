/*
 * test_kill_analysis7.c: exact_radix_sort (exact_sort.c), the sort under the
 * exact frontier's merging, whose order no test checked directly (issue 27: a
 * seed-7 mutant made its comparator call a smaller key equal, `-1` -> `-0`;
 * it survives this test too, as glibc's qsort takes the left element whenever
 * the comparator says <= 0: report-mut7.md).  Keys given in descending order,
 * with ties, on both paths (200 keys: qsort; 3000: radix passes): the result is
 * ascending by key, each (key, id) pair kept, equal keys' ids in increasing
 * order under 512 keys (the comparator breaks ties by id; the radix path's tie
 * order may vary, so only the key order and the pairs are checked there).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "analysis/exact.h"

static void sorts_descending_input(size_t m, int ids_in_order)
{
    struct exact_keyed *items = calloc(m, sizeof *items);
    assert_non_null(items);
    for (size_t i = 0; i < m; i++) /* keys m/2 - 1 ... 0, each twice (ids i), then a negative one */
        items[i] = (struct exact_keyed){(double)((m - 1 - i) / 2) - (i == m - 1 ? 0.5 : 0), (uint32_t)i};
    assert_int_equal(exact_radix_sort(items, m, NULL), 0);
    for (size_t i = 0; i < m; i++) {
        uint32_t id = items[i].id;
        assert_true(id < m);
        assert_true(items[i].key == (double)((m - 1 - id) / 2) - (id == m - 1 ? 0.5 : 0)); /* the pair kept */
        if (i > 0) {
            assert_true(items[i - 1].key <= items[i].key);
            if (ids_in_order && items[i - 1].key == items[i].key)
                assert_true(items[i - 1].id < items[i].id);
        }
    }
    assert_true(items[0].key < 0); /* the negative key first */
    free(items);
}

static void test_comparison_path(void **state)
{
    (void)state;
    sorts_descending_input(200, 1);
    sorts_descending_input(511, 1);
}

static void test_radix_path(void **state)
{
    (void)state;
    sorts_descending_input(512, 0);
    sorts_descending_input(3000, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_comparison_path),
        cmocka_unit_test(test_radix_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

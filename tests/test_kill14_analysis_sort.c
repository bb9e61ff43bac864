/*
 * test_kill14_analysis_sort.c: the exact path's two sorts (exact_sort.c) against qsort, at their boundaries
 * (issue 27, seed-144 probe of src/analysis): exact_radix_sort below and at 512 keys (qsort, then three 11-bit
 * radix passes), runs equal in the 33 high bits of 32 and 33 keys (insertion, then qsort), keys of both signs;
 * exact_sort_positions with runs equal in the mapped 33 bits of 16 and 17 keys (insertion, then qsort), runs of
 * one key repeated, a run whose smallest key is last (it must reach the run's first slot), all keys equal (the
 * scale is 0) and a range too narrow to scale.  Each result must be the sorted keys, a permutation of the input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/exact.h"
#include "random_numbers.h"

static int by_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* keys[ids[r]] == sorted[r] for every r, sorted ascending, and ids a permutation of 0..m-1. */
static void assert_sorted_permutation(const double *keys, size_t m, const uint32_t *ids, const double *sorted,
                                      const char *what)
{
    double *expect = malloc((m ? m : 1) * sizeof *expect);
    unsigned char *seen = calloc(m ? m : 1, 1);
    assert_non_null(expect);
    assert_non_null(seen);
    memcpy(expect, keys, m * sizeof *keys);
    qsort(expect, m, sizeof *expect, by_double);
    for (size_t r = 0; r < m; r++) {
        if (ids[r] >= m || seen[ids[r]])
            fail_msg("%s: position %zu holds id %u twice or out of range", what, r, ids[r]);
        seen[ids[r]] = 1;
        if (keys[ids[r]] != expect[r] || sorted[r] != expect[r])
            fail_msg("%s, %zu keys: position %zu holds %.17g (key of id %u: %.17g), sorted order %.17g", what, m, r,
                     sorted[r], ids[r], keys[ids[r]], expect[r]);
    }
    free(expect);
    free(seen);
}

static void check_radix(const double *keys, size_t m, const char *what)
{
    struct exact_keyed *items = malloc((m ? m : 1) * sizeof *items);
    uint32_t *ids = malloc((m ? m : 1) * sizeof *ids);
    double *sorted = malloc((m ? m : 1) * sizeof *sorted);
    assert_non_null(items);
    assert_non_null(ids);
    assert_non_null(sorted);
    for (size_t i = 0; i < m; i++)
        items[i] = (struct exact_keyed){keys[i], (uint32_t)i};
    void *scratch = malloc(exact_radix_scratch(m));
    assert_non_null(scratch);
    /* once with the caller's scratch, once with its own */
    for (int own = 0; own < 2; own++) {
        if (own)
            for (size_t i = 0; i < m; i++)
                items[i] = (struct exact_keyed){keys[i], (uint32_t)i};
        assert_int_equal(exact_radix_sort(items, m, own ? NULL : scratch), 0);
        for (size_t i = 0; i < m; i++) {
            ids[i] = items[i].id;
            sorted[i] = items[i].key;
        }
        assert_sorted_permutation(keys, m, ids, sorted, what);
    }
    free(scratch);
    free(items);
    free(ids);
    free(sorted);
}

static void check_positions(const double *keys, size_t m, const char *what)
{
    uint32_t *ids = malloc((m ? m : 1) * sizeof *ids);
    uint64_t *w1 = malloc((m ? m : 1) * sizeof *w1), *w2 = malloc((m ? m : 1) * sizeof *w2);
    assert_non_null(ids);
    assert_non_null(w1);
    assert_non_null(w2);
    const double *sorted = exact_sort_positions(keys, m, ids, w1, w2);
    assert_non_null(sorted);
    assert_sorted_permutation(keys, m, ids, sorted, what);
    free(ids);
    free(w1);
    free(w2);
}

/*
 * m keys in [-1, 1] (both ends present, so the range maps onto all 33 bits), `runs` of them in clusters of `run`
 * keys each within 2^-40 of a centre (equal in the mapped 33 bits, different as doubles), each cluster written in
 * falling order so that its smallest key comes last, some clusters one key repeated.
 */
static void clustered(double *keys, size_t m, size_t runs, size_t run)
{
    size_t at = 0;
    keys[at++] = -1;
    keys[at++] = 1;
    for (size_t r = 0; r < runs && at + run <= m; r++) {
        double centre = 0.5 * (uniform() - 0.5);
        int repeated = r % 4 == 3;
        for (size_t j = 0; j < run; j++)
            keys[at++] = repeated ? centre : centre + ldexp((double)(run - j), -40);
    }
    while (at < m)
        keys[at++] = 2 * uniform() - 1;
    /* the clusters stay contiguous in the input but land anywhere in the order */
}

static void test_radix_sort_around_512_keys(void **state)
{
    (void)state;
    random_state = 144;
    static double keys[2048];
    const size_t sizes[] = {0, 1, 2, 511, 512, 513, 2048};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        size_t m = sizes[s];
        for (size_t i = 0; i < m; i++) /* both signs, wide exponents */
            keys[i] = (pick(2) ? -1 : 1) * ldexp(uniform(), (int)pick(40) - 20);
        check_radix(keys, m, "random keys of both signs");
        for (size_t i = 0; i < m; i++) /* few distinct values: long runs of equal keys */
            keys[i] = (double)pick(5) - 2;
        check_radix(keys, m, "five distinct keys");
    }
}

static void test_radix_runs_of_32_and_33_keys(void **state)
{
    (void)state;
    random_state = 1441;
    static double keys[1024];
    /* keys equal in their 33 high bits: 1 + j * 2^-40 share sign, exponent and the first 21 mantissa bits */
    for (size_t run = 31; run <= 34; run++) {
        size_t at = 0;
        while (at + run <= 1024) {
            double centre = 1 + (double)pick(1000) / 1024;
            for (size_t j = 0; j < run; j++)
                keys[at++] = centre + ldexp((double)(run - j), -40);
        }
        while (at < 1024)
            keys[at++] = uniform();
        check_radix(keys, 1024, "runs equal in the 33 high bits");
    }
}

static void test_positions_runs_of_16_and_17_keys(void **state)
{
    (void)state;
    random_state = 1442;
    static double keys[4096];
    for (size_t run = 2; run <= 18; run++) {
        clustered(keys, 4096, 40, run);
        check_positions(keys, 4096, "clusters within 2^-40");
        clustered(keys, 600, 10, run);
        check_positions(keys, 600, "clusters within 2^-40");
    }
}

static void test_positions_small_and_flat(void **state)
{
    (void)state;
    random_state = 1443;
    double keys[40] = {0};
    for (size_t m = 0; m <= 40; m++) {
        for (size_t i = 0; i < m; i++)
            keys[i] = uniform() - 0.5;
        check_positions(keys, m, "random keys");
        for (size_t i = 0; i < m; i++)
            keys[i] = 0.25; /* one key: scale 0, one run of equal keys */
        check_positions(keys, m, "one key repeated");
        for (size_t i = 0; i < m; i++) /* falling, within 2^-1070 of each other: too narrow to scale */
            keys[i] = ldexp((double)(m - i), -1070);
        check_positions(keys, m, "a range too narrow to scale");
        for (size_t i = 0; i < m; i++) /* falling, two runs in the mapped bits */
            keys[i] = (i < m / 2 ? 1 : 0) + ldexp((double)(m - i), -45);
        check_positions(keys, m, "two runs");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_radix_sort_around_512_keys),
        cmocka_unit_test(test_radix_runs_of_32_and_33_keys),
        cmocka_unit_test(test_positions_runs_of_16_and_17_keys),
        cmocka_unit_test(test_positions_small_and_flat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

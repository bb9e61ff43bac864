/*
 * test_kill15_analysis_simd.c: what of the AVX-512 code can be checked on a CPU without AVX-512 (issue 27, seed-153
 * probe: frontier_block.c:17-18 and scan_simd.c:208 survived as code no test here can run).
 * - frontier_block.c's permutation tables: _mm512_permutex2var_pd done lane by lane in C (index bits 0-2 pick the
 *   lane, bit 3 the second source) must give lane i of party k the block's value 3i + k, for every lane and party;
 *   and the whole AVX-512 block compare so emulated must answer as the definition of dominance (ordered compares:
 *   NaN neither dominates nor is dominated) and as the AVX2 compare on this CPU.
 * - scan_simd.c's choice of a row function: for each path and party count, exactly the row of that instruction set
 *   and party count (2 parties: the 2-party row; 3 and any other count: the 3-party row), and what
 *   scan_row_function gives for each forced path (a path the CPU lacks falls back to the best below it; counts other
 *   than 2 and 3 always take the scalar row).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analysis/frontier_nd.h"
#include "analysis/scan.h"
#include "dominance.h"
#include "random_numbers.h"

#if defined(__x86_64__)
/* _mm512_permutex2var_pd, lane by lane (Intel's definition: dst[i] = idx[i] bit 3 ? b[idx[i] & 7] : a[idx[i] & 7]). */
static void permute2(const double *a, const long long *index, const double *b, double *out)
{
    for (int i = 0; i < 8; i++)
        out[i] = index[i] & 8 ? b[index[i] & 7] : a[index[i] & 7];
}

/* Party k's 8 values of a block as frontier_block_3d_avx512 gathers them. */
static void column(const double *block, int k, double *out)
{
    double ab[8];
    permute2(block, frontier_block_first_index[k], block + 8, ab);
    permute2(ab, frontier_block_second_index[k], block + 16, out);
}

/* frontier_block_3d_avx512 with the compares written out (_CMP_GE_OQ etc.: false when either side is NaN). */
static unsigned emulated_avx512(const double *block, const double *p, unsigned *below)
{
    unsigned ge = 0xff, gt = 0, le = 0xff, lt = 0;
    for (int k = 0; k < 3; k++) {
        double c[8];
        column(block, k, c);
        for (unsigned i = 0; i < 8; i++) {
            ge &= ~((unsigned)!(c[i] >= p[k]) << i);
            gt |= (unsigned)(c[i] > p[k]) << i;
            le &= ~((unsigned)!(c[i] <= p[k]) << i);
            lt |= (unsigned)(c[i] < p[k]) << i;
        }
    }
    *below = le & lt;
    return ge & gt;
}
#endif

static void test_permutation_tables(void **state)
{
    (void)state;
#if defined(__x86_64__)
    double block[24], c[8];
    for (int v = 0; v < 24; v++)
        block[v] = v;
    for (int k = 0; k < 3; k++) {
        column(block, k, c);
        for (int i = 0; i < 8; i++)
            if (c[i] != 3 * i + k)
                fail_msg("party %d lane %d: value %g of the block, not %d", k, i, c[i], 3 * i + k);
    }
#endif
}

static void test_block_compare_emulated(void **state)
{
    (void)state;
#if defined(__x86_64__)
    const double values[5] = {0.25, 0.5, 0.75, 1, __builtin_nan("")};
    unsigned seen_above = 0, seen_below = 0;
    for (int trial = 0; trial < 5000; trial++) {
        double block[24], p[3];
        for (int i = 0; i < 24; i++)
            block[i] = values[pick(trial % 7 == 0 ? 5 : 4)];
        for (int k = 0; k < 3; k++)
            p[k] = values[pick(4)];
        unsigned below, above = emulated_avx512(block, p, &below);
        for (unsigned i = 0; i < 8; i++) {
            assert_int_equal(above >> i & 1, dominates_ordered(&block[3 * i], p, 3));
            assert_int_equal(below >> i & 1, dominates_ordered(p, &block[3 * i], 3));
        }
        if (scan_path_supported(SCAN_PATH_AVX2)) {
            unsigned below2, above2 = frontier_block_3d_avx2(block, p, &below2);
            assert_int_equal(above2, above);
            assert_int_equal(below2, below);
        }
        seen_above += above != 0;
        seen_below += below != 0;
    }
    assert_true(seen_above > 500 && seen_below > 500);
#endif
}

static void test_row_choice(void **state)
{
    (void)state;
    scan_row_fn *scalar[2] = {scan_row_2d_scalar, scan_row_3d_scalar};
    for (size_t parties = 1; parties <= 4; parties++)
        assert_ptr_equal(scan_row_function_on(SCAN_PATH_SCALAR, parties), scalar[parties != 2]);
#if defined(__x86_64__)
    scan_row_fn *avx2[2] = {scan_row_2d_avx2, scan_row_3d_avx2}, *avx512[2] = {scan_row_2d_avx512, scan_row_3d_avx512};
    scan_row_fn *all[6] = {scalar[0], scalar[1], avx2[0], avx2[1], avx512[0], avx512[1]};
    for (int a = 0; a < 6; a++)
        for (int b = a + 1; b < 6; b++)
            assert_true(all[a] != all[b]);
    for (size_t parties = 1; parties <= 4; parties++) {
        assert_ptr_equal(scan_row_function_on(SCAN_PATH_AVX2, parties), avx2[parties != 2]);
        assert_ptr_equal(scan_row_function_on(SCAN_PATH_AVX512, parties), avx512[parties != 2]);
    }
    /* forced paths: the best the CPU has at or below the one forced; 1 and 4 parties scalar whatever is forced */
    scan_row_fn **rows[3] = {scalar, avx2, avx512};
    for (int path = SCAN_PATH_SCALAR; path <= SCAN_PATH_AVX512; path++) {
        scan_force_path(path);
        int best = path;
        while (!scan_path_supported((enum scan_path)best))
            best--;
        assert_ptr_equal(scan_row_function(2), rows[best][0]);
        assert_ptr_equal(scan_row_function(3), rows[best][1]);
        assert_ptr_equal(scan_row_function(1), scan_row_3d_scalar);
        assert_ptr_equal(scan_row_function(4), scan_row_3d_scalar);
    }
    scan_force_path(-1);
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_permutation_tables),
        cmocka_unit_test(test_block_compare_emulated),
        cmocka_unit_test(test_row_choice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

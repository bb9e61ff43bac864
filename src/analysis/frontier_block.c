/*
 * frontier_block.c: frontier_nd.c's scans with AVX-512 for 3 parties (used when
 * the analysis runs the AVX-512 scan path: frontier.avx512): 8 live vectors
 * compared with a point at once, their 24 values, packed 3 by 3, split into one
 * register per party by two permutes each.  The bits are those of the portable
 * comparisons in frontier_nd.c (the same ordered compares).
 */
#include "analysis/frontier_nd.h"

#if defined(__x86_64__)
#include <immintrin.h>

/* Lane i of party k's register takes value 3i + k of the block: from the first two loads (values 0..15) by the
   first permute, then from the third (16..23) by the second. */
static const long long first_index[3][8] = {{0, 3, 6, 9, 12, 15, 0, 0}, {1, 4, 7, 10, 13, 0, 0, 0},
                                            {2, 5, 8, 11, 14, 0, 0, 0}};
static const long long second_index[3][8] = {{0, 1, 2, 3, 4, 5, 10, 13}, {0, 1, 2, 3, 4, 8, 11, 14},
                                             {0, 1, 2, 3, 4, 9, 12, 15}};

__attribute__((target("avx512f"))) unsigned frontier_block_3d_avx512(const double *block, const double *p,
                                                                    unsigned *below)
{
    __m512d a = _mm512_loadu_pd(block), b = _mm512_loadu_pd(block + 8), c = _mm512_loadu_pd(block + 16);
    __mmask8 ge = 0xff, gt = 0, le = 0xff, lt = 0;
    for (int k = 0; k < 3; k++) {
        __m512d ab = _mm512_permutex2var_pd(a, _mm512_loadu_si512(first_index[k]), b);
        __m512d column = _mm512_permutex2var_pd(ab, _mm512_loadu_si512(second_index[k]), c);
        __m512d x = _mm512_set1_pd(p[k]);
        ge &= _mm512_cmp_pd_mask(column, x, _CMP_GE_OQ);
        gt |= _mm512_cmp_pd_mask(column, x, _CMP_GT_OQ);
        le &= _mm512_cmp_pd_mask(column, x, _CMP_LE_OQ);
        lt |= _mm512_cmp_pd_mask(column, x, _CMP_LT_OQ);
    }
    *below = le & lt;
    return ge & gt;
}
#endif

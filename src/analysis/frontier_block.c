/*
 * frontier_block.c: frontier_nd.c's scans with vector instructions for 3
 * parties, used on the analysis's AVX2 and AVX-512 paths (frontier.vectors):
 * 8 live vectors compared with a point, their 24 values, packed 3 by 3, split
 * into one register per party (AVX-512: two permutes each, 8 vectors at once;
 * AVX2: two blends and a permute each, 4 at a time).  The bits are those of
 * the portable comparisons in frontier_nd.c (the same ordered compares).
 */
#include "analysis/frontier_nd.h"

#if defined(__x86_64__)
#include <immintrin.h>

/* Lane i of party k's register takes value 3i + k of the block: from the first two loads (values 0..15) by the
   first permute, then from the third (16..23) by the second.  (Not static: test_kill15_analysis_simd checks them,
   as the AVX-512 code itself cannot run on a machine without it.) */
const long long frontier_block_first_index[3][8] = {{0, 3, 6, 9, 12, 15, 0, 0}, {1, 4, 7, 10, 13, 0, 0, 0},
                                                    {2, 5, 8, 11, 14, 0, 0, 0}};
const long long frontier_block_second_index[3][8] = {{0, 1, 2, 3, 4, 5, 10, 13}, {0, 1, 2, 3, 4, 8, 11, 14},
                                                     {0, 1, 2, 3, 4, 9, 12, 15}};

__attribute__((target("avx512f"))) unsigned frontier_block_3d_avx512(const double *block, const double *p,
                                                                    unsigned *below)
{
    __m512d a = _mm512_loadu_pd(block), b = _mm512_loadu_pd(block + 8), c = _mm512_loadu_pd(block + 16);
    __mmask8 ge = 0xff, gt = 0, le = 0xff, lt = 0;
    for (int k = 0; k < 3; k++) {
        __m512d ab = _mm512_permutex2var_pd(a, _mm512_loadu_si512(frontier_block_first_index[k]), b);
        __m512d column = _mm512_permutex2var_pd(ab, _mm512_loadu_si512(frontier_block_second_index[k]), c);
        __m512d x = _mm512_set1_pd(p[k]);
        ge &= _mm512_cmp_pd_mask(column, x, _CMP_GE_OQ);
        gt |= _mm512_cmp_pd_mask(column, x, _CMP_GT_OQ);
        le &= _mm512_cmp_pd_mask(column, x, _CMP_LE_OQ);
        lt |= _mm512_cmp_pd_mask(column, x, _CMP_LT_OQ);
    }
    *below = le & lt;
    return ge & gt;
}

/* 4 vectors from 12 values a = (x0 y0 z0 x1), b = (y1 z1 x2 y2), c = (z2 x3 y3 z3): bits 0..3 as above. */
__attribute__((target("avx2"))) static unsigned quad_3d_avx2(const double *block, const double *p, unsigned *below)
{
    __m256d a = _mm256_loadu_pd(block), b = _mm256_loadu_pd(block + 4), c = _mm256_loadu_pd(block + 8);
    __m256d x = _mm256_blend_pd(_mm256_blend_pd(a, b, 0x4), c, 0x2);  /* x0 x3 x2 x1 */
    __m256d y = _mm256_blend_pd(_mm256_blend_pd(a, b, 0x9), c, 0x4);  /* y1 y0 y3 y2 */
    __m256d z = _mm256_blend_pd(_mm256_blend_pd(a, b, 0x2), c, 0x9);  /* z2 z1 z0 z3 */
    __m256d column[3] = {_mm256_permute4x64_pd(x, 0x6c), _mm256_permute4x64_pd(y, 0xb1),
                         _mm256_permute4x64_pd(z, 0xc6)};
    __m256d ge = _mm256_castsi256_pd(_mm256_set1_epi64x(-1)), gt = _mm256_setzero_pd(), le = ge, lt = gt;
    for (int k = 0; k < 3; k++) {
        __m256d v = _mm256_set1_pd(p[k]);
        ge = _mm256_and_pd(ge, _mm256_cmp_pd(column[k], v, _CMP_GE_OQ));
        gt = _mm256_or_pd(gt, _mm256_cmp_pd(column[k], v, _CMP_GT_OQ));
        le = _mm256_and_pd(le, _mm256_cmp_pd(column[k], v, _CMP_LE_OQ));
        lt = _mm256_or_pd(lt, _mm256_cmp_pd(column[k], v, _CMP_LT_OQ));
    }
    *below = (unsigned)_mm256_movemask_pd(_mm256_and_pd(le, lt));
    return (unsigned)_mm256_movemask_pd(_mm256_and_pd(ge, gt));
}

__attribute__((target("avx2"))) unsigned frontier_block_3d_avx2(const double *block, const double *p,
                                                                unsigned *below)
{
    unsigned below_low, below_high;
    unsigned above = quad_3d_avx2(block, p, &below_low) | quad_3d_avx2(block + 12, p, &below_high) << 4;
    *below = below_low | below_high << 4;
    return above;
}
#endif

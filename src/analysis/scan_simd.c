/*
 * scan_simd.c: the rows of 2 and 3 additive parties without constraints (see
 * scan.c) with AVX2 (4 outcomes per instruction) and AVX-512 (8), chosen at run
 * time for the CPU; the rows themselves are written once, in scan_simd_row.h,
 * included here for each instruction set, with the party count a constant.
 *
 * A row first counts its outcomes by failure mask: per lane one add and one
 * compare per party with the thresholds of scan_lanes.c, which give the scalar
 * path's verdict on the quantized utility bit for bit, and counters of the lanes
 * failing every party of each set, from which the histogram follows.  Then the
 * frontier, unless the row is dominated: in a full row where no lane reaches the
 * cap only the candidate lanes (those no other lane of the row surely
 * dominates, scan_lanes.c) are offered, each computed as the scalar loop does;
 * elsewhere every lane's utility is computed in the vectors (the scalar path's
 * operations in its order: table add, min(1, u), adding and subtracting
 * 1.5 * 2^20) and the acceptable lanes are offered in outcome order.  Before an
 * offer, lanes a quick check proves dominated are dropped: for 2 parties the
 * rejection table (which only grows during a scan), for 3 one of four kept
 * points (the first two of the frontier's list and the last two kept: a point
 * once kept is only ever replaced by points that dominate it).  The frontier
 * ends as the same set of outcomes, which analyze.c sorts by outcome number, so
 * the results equal the scalar path's bit for bit.
 * PARLEY_SCAN_PATH=scalar|avx2|avx512 forces a path (one the CPU lacks falls back
 * to the best it has).
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/scan.h"
#include "core/quantize.h"

static int forced = -1; /* scan_force_path; -1: the environment or the CPU decides */

int scan_path_supported(enum scan_path path)
{
#if defined(__x86_64__)
    if (path == SCAN_PATH_AVX512)
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
               __builtin_cpu_supports("avx512vl");
    if (path == SCAN_PATH_AVX2)
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
#endif
    return path == SCAN_PATH_SCALAR;
}

void scan_force_path(int path)
{
    forced = path;
}

enum scan_path scan_path_chosen(void)
{
    int want = forced;
    if (want < 0) {
        const char *env = getenv("PARLEY_SCAN_PATH");
        want = !env ? SCAN_PATH_AVX512
               : strcmp(env, "scalar") == 0 ? SCAN_PATH_SCALAR
               : strcmp(env, "avx2") == 0   ? SCAN_PATH_AVX2
                                            : SCAN_PATH_AVX512;
    }
    for (int p = want; p > SCAN_PATH_SCALAR; p--)
        if (scan_path_supported((enum scan_path)p))
            return (enum scan_path)p;
    return SCAN_PATH_SCALAR;
}

#if defined(__x86_64__)
#include <immintrin.h>

/* Offers acceptable point u of outcome `index` unless a quick check proves it dominated: for 2 parties the
   rejection table, for 3 the cache of points the frontier held (scan.h), which takes the point kept or the one
   that dominated it (a kept point is only ever replaced by points that dominate it). */
static inline void offer_point(struct worker *w, const double *u, uint64_t index, size_t n)
{
    frontier *f = &w->frontier;
    if (n == 2) {
        if (!frontier_rejects_2d(f, u[0], u[1]))
            frontier_offer(f, u, index);
        return;
    }
    if (!scan_cache_dominates(&w->lanes, u))
        scan_cache_add(&w->lanes, frontier_offer(f, u, index) ? u : frontier_front(f));
}

/* Offers lane v of the row, its utilities computed as the scalar loop does, when it is acceptable. */
static inline void offer_lane(const struct job *job, struct worker *w, const double *pre, uint32_t v,
                              uint64_t index, size_t n)
{
    const size_t issues = job->issues, last = issues - 1;
    double u[3] = {0, 0, 0};
    for (size_t k = 0; k < n; k++) {
        u[k] = quantize_utility(pre[k] + job->tables[k * issues + last][v]);
        if (u[k] < job->reservation[k])
            return;
    }
    offer_point(w, u, index, n);
}

/* Adds outcomes v in [from, to) of the row to the histogram one by one, as the vector tally of
   scan_simd_row.h does (the lanes past its last full vector), and sets w->acceptable. */
static void tally_lanes(const struct job *job, struct worker *w, const double *pre, uint32_t from, uint32_t to,
                        size_t n, int quantized)
{
    const size_t issues = job->issues, last = issues - 1;
    const double *limit = quantized ? job->reservation : w->lanes.below;
    for (uint32_t v = from; v < to; v++) {
        unsigned m = 0;
        for (size_t k = 0; k < n; k++) {
            double z = pre[k] + job->tables[k * issues + last][v];
            m |= (unsigned)(quantized ? quantize_utility(z) < limit[k] : z < limit[k]) << k;
        }
        w->histogram[m]++;
    }
    w->feasible += to - from;
    w->acceptable = w->histogram[0];
}

__attribute__((target("avx2"))) static inline uint64_t sum_avx2(__m256i a)
{
    __m128i s = _mm_add_epi64(_mm256_castsi256_si128(a), _mm256_extracti128_si256(a, 1));
    return (uint64_t)_mm_cvtsi128_si64(s) + (uint64_t)_mm_extract_epi64(s, 1);
}

/* Lanes whose u0 falls in a bucket of the rejection table with reject[b] >= u1 (frontier_rejects_2d). */
__attribute__((target("avx2,popcnt"))) static inline unsigned reject_lanes_avx2(const double *reject, __m256d u0,
                                                                                  __m256d u1)
{
    __m128i b = _mm_max_epi32(_mm256_cvttpd_epi32(_mm256_mul_pd(u0, _mm256_set1_pd(FRONTIER_BUCKETS))),
                              _mm_setzero_si128());
    __m128i inside = _mm_cmplt_epi32(b, _mm_set1_epi32(FRONTIER_BUCKETS));
    __m256d bound = _mm256_i32gather_pd(reject, _mm_and_si128(b, inside), 8);
    unsigned rejected = (unsigned)_mm256_movemask_pd(_mm256_cmp_pd(bound, u1, _CMP_GE_OQ));
    return rejected & (unsigned)_mm_movemask_ps(_mm_castsi128_ps(inside));
}

__attribute__((target("avx512f,avx512dq,avx512vl,popcnt"))) static inline unsigned
reject_lanes_avx512(const double *reject, __m512d u0, __m512d u1)
{
    __m256i b = _mm256_max_epi32(_mm512_cvttpd_epi32(_mm512_mul_pd(u0, _mm512_set1_pd(FRONTIER_BUCKETS))),
                                 _mm256_setzero_si256());
    __mmask8 inside = _mm256_cmplt_epi32_mask(b, _mm256_set1_epi32(FRONTIER_BUCKETS));
    __m512d bound = _mm512_mask_i32gather_pd(_mm512_set1_pd(0), inside, b, reject, 8);
    return _mm512_mask_cmp_pd_mask(inside, bound, u1, _CMP_GE_OQ);
}

/* AVX2: masks are vectors of all-ones lanes. */
#define ROW_ISA "avx2,popcnt"
#define ROW_NAME(x) x##_avx2
#define ROW_LANES 4
#define VEC __m256d
#define VMASK __m256d
#define VCOUNT __m256i
#define V_SET1 _mm256_set1_pd
#define V_LOAD _mm256_loadu_pd
#define V_STORE _mm256_store_pd
#define V_ADD _mm256_add_pd
#define V_SUB _mm256_sub_pd
#define V_MIN _mm256_min_pd
#define V_LT(a, b) _mm256_cmp_pd(a, b, _CMP_LT_OQ)
#define V_GE(a, b) _mm256_cmp_pd(a, b, _CMP_GE_OQ)
#define V_GT(a, b) _mm256_cmp_pd(a, b, _CMP_GT_OQ)
#define M_AND _mm256_and_pd
#define M_OR _mm256_or_pd
#define M_BITS(m) ((unsigned)_mm256_movemask_pd(m))
#define ROW_FIELDS 0 /* vpsllvq made the fields a third slower than the counters on 2 parties */
#define C_ZERO _mm256_setzero_si256()
#define C_COUNT(c, m) _mm256_sub_epi64(c, _mm256_castpd_si256(m)) /* a set lane is -1 */
#define C_SUM sum_avx2
#define ROW_REJECT_2D reject_lanes_avx2
#include "analysis/scan_simd_row.h"

/* AVX-512: compares give bit masks. */
#define ROW_ISA "avx512f,avx512dq,avx512vl,popcnt"
#define ROW_NAME(x) x##_avx512
#define ROW_LANES 8
#define VEC __m512d
#define VMASK __mmask8
#define VCOUNT __m512i
#define V_SET1 _mm512_set1_pd
#define V_LOAD _mm512_loadu_pd
#define V_STORE _mm512_store_pd
#define V_ADD _mm512_add_pd
#define V_SUB _mm512_sub_pd
#define V_MIN _mm512_min_pd
#define V_LT(a, b) _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ)
#define V_GE(a, b) _mm512_cmp_pd_mask(a, b, _CMP_GE_OQ)
#define V_GT(a, b) _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ)
#define M_AND(a, b) ((__mmask8)((a) & (b)))
#define M_OR(a, b) ((__mmask8)((a) | (b)))
#define M_BITS(m) ((unsigned)(m))
#define ROW_FIELDS 1 /* the counters' mask operations made 3 parties a quarter slower */
#define C_SET1 _mm512_set1_epi64
#define C_ZERO _mm512_setzero_si512()
#define C_ADD _mm512_add_epi64
#define C_SHIFT _mm512_sllv_epi64
#define C_STORE _mm512_store_si512
#define C_BITS(m, x) _mm512_maskz_mov_epi64(m, x)
#define C_OR_BITS(c, m, x) _mm512_mask_or_epi64(c, m, c, x)
#define ROW_REJECT_2D reject_lanes_avx512
#include "analysis/scan_simd_row.h"
#endif

scan_row_fn *scan_row_function_on(enum scan_path path, size_t parties)
{
#if defined(__x86_64__)
    if (path == SCAN_PATH_AVX512)
        return parties == 2 ? scan_row_2d_avx512 : scan_row_3d_avx512;
    if (path == SCAN_PATH_AVX2)
        return parties == 2 ? scan_row_2d_avx2 : scan_row_3d_avx2;
#endif
    (void)path;
    return parties == 2 ? scan_row_2d_scalar : scan_row_3d_scalar;
}

scan_row_fn *scan_row_function(size_t parties)
{
    return scan_row_function_on(parties == 2 || parties == 3 ? scan_path_chosen() : SCAN_PATH_SCALAR, parties);
}

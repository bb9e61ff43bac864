/*
 * scan_simd.c: the rows of 2 and 3 additive parties without constraints (see
 * scan.c) with AVX2 (4 outcomes per instruction) and AVX-512 (8), chosen at run
 * time for the CPU.  Each lane does the scalar path's arithmetic in the same
 * order (table add per party, the cap at 1 as min(1, u), the 2^-32 rounding by
 * adding and subtracting 1.5 * 2^20, the reservation compare), so the results
 * are bit for bit those of the scalar loop; the frontier is offered the lanes'
 * acceptable outcomes one by one in outcome order.  For 2 parties a gathered
 * look-up of the rejection table first drops lanes it proves dominated: that
 * table only grows during a scan, so a lane it rejects at the start of a vector
 * is rejected by the scalar check too.  For 3 parties lanes that one of four
 * kept points (the first two of the frontier's list, where a point that just
 * dominated an offer moves, and the last two kept) dominates are dropped: a
 * point once kept is only ever replaced by points that dominate it, so such a
 * lane could never be kept.  PARLEY_SCAN_PATH=scalar|avx2|avx512
 * forces a path (one the CPU lacks falls back to the best it has).
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

/* Adds the lanes' failure masks (bit l of k_j: lane l fails party j's reservation; lanes: all lanes set) to
   the counts by mask h[0..2^n).  Two parties: one population count per mask value, no branch; three: the
   failing lanes one by one (fewer operations when most lanes pass, as they do where the time goes). */
static inline __attribute__((always_inline)) void tally(uint64_t *h, size_t n, const unsigned *k, unsigned lanes)
{
    unsigned any = lanes & (k[0] | k[1] | k[2]);
    h[0] += (unsigned)__builtin_popcount(lanes) - (unsigned)__builtin_popcount(any);
    if (n == 2) {
        h[1] += (unsigned)__builtin_popcount(k[0] & ~k[1]);
        h[2] += (unsigned)__builtin_popcount(k[1] & ~k[0]);
        h[3] += (unsigned)__builtin_popcount(k[0] & k[1]);
        return;
    }
    while (any) {
        unsigned l = (unsigned)__builtin_ctz(any);
        any &= any - 1;
        h[(k[0] >> l & 1) | (k[1] >> l & 1) << 1 | (k[2] >> l & 1) << 2]++;
    }
}

/* The acceptable lanes (bits of `lanes`) offered to the frontier in outcome order, as the scalar loops do. */
static void offer_lanes(const struct job *job, struct worker *w, const double *const *u, unsigned lanes,
                        uint64_t index)
{
    while (lanes) {
        unsigned l = (unsigned)__builtin_ctz(lanes);
        lanes &= lanes - 1;
        double p[3] = {u[0][l], u[1][l], job->n == 3 ? u[2][l] : 0};
        if (job->n == 2 && frontier_rejects_2d(&w->frontier, p[0], p[1]))
            continue;
        frontier_offer(&w->frontier, p, index + l);
    }
}

/* One party's utilities of lanes v.. : quantize_utility(pre + table[v]) lane by lane. */
#define QUANTIZED(W, pre, table, v)                                                                             \
    _mm##W##_sub_pd(_mm##W##_add_pd(_mm##W##_min_pd(one, _mm##W##_add_pd(pre, _mm##W##_loadu_pd((table) + (v)))), \
                                    shift),                                                                     \
                    shift)

/* The vector row for n (2 or 3) parties, W bits wide; the scalar loop finishes the last few outcomes. */
#define DEFINE_ROW(name, isa, W, LANES, N, cmp_mask, reject_lanes)                                                 \
    __attribute__((target(isa))) static void name(const struct job *job, struct worker *w, const double *pre, \
                                                     uint32_t from, uint32_t to, uint64_t index, int dominated)  \
    {                                                                                                             \
        const size_t n = N, last = job->issues - 1;                                                              \
        const double *t[3] = {0};                                                                                 \
        __m##W##d p[3], r[3];                                                                                     \
        for (size_t k = 0; k < n; k++) {                                                                          \
            t[k] = job->tables[k * job->issues + last];                                                          \
            p[k] = _mm##W##_set1_pd(pre[k]);                                                                      \
            r[k] = _mm##W##_set1_pd(job->reservation[k]);                                                        \
        }                                                                                                         \
        const __m##W##d one = _mm##W##_set1_pd(1.0), shift = _mm##W##_set1_pd(0x1.8p20);                         \
        uint64_t *hist = w->histogram, h[8] = {0};                                                                \
        _Alignas(64) double u[3][LANES];                                                                          \
        const double *lanes_u[3] = {u[0], u[1], u[2]};                                                            \
        uint32_t v = from;                                                                                        \
        for (; v + LANES <= to; v += LANES) {                                                                     \
            unsigned k[3] = {0, 0, 0};                                                                            \
            __m##W##d q[3];                                                                                       \
            for (size_t j = 0; j < n; j++) {                                                                      \
                q[j] = QUANTIZED(W, p[j], t[j], v);                                                               \
                k[j] = cmp_mask(q[j], r[j], _CMP_LT_OQ);                                                          \
            }                                                                                                     \
            tally(h, n, k, (1u << LANES) - 1);                                                                    \
            unsigned ok = ~(k[0] | k[1] | k[2]) & ((1u << LANES) - 1);                                           \
            if (ok && !dominated) {                                                                               \
                if (n == 2)                                                                                       \
                    ok &= w->frontier.reject ? ~reject_lanes(w->frontier.reject, q[0], q[1]) : ~0u;               \
                else                                                                                              \
                    for (size_t i = 0; i < 4 && i < w->frontier.count && ok; i++) {                              \
                        const double *d = &w->frontier.u[(i < 2 ? i : w->frontier.count + 1 - i) * 3];            \
                        unsigned ge = ~0u, gt = 0;                                                                \
                        for (size_t j = 0; j < 3; j++) {                                                          \
                            ge &= cmp_mask(_mm##W##_set1_pd(d[j]), q[j], _CMP_GE_OQ);                             \
                            gt |= cmp_mask(_mm##W##_set1_pd(d[j]), q[j], _CMP_GT_OQ);                             \
                        }                                                                                         \
                        ok &= ~(ge & gt);                                                                         \
                    }                                                                                             \
                for (size_t j = 0; j < n && ok; j++)                                                              \
                    _mm##W##_store_pd(u[j], q[j]);                                                                \
                offer_lanes(job, w, lanes_u, ok, index + (v - from));                                             \
            }                                                                                                     \
        }                                                                                                         \
        for (size_t m = 0; m < 1u << n; m++)                                                                      \
            hist[m] += h[m];                                                                                      \
        w->feasible += v - from;                                                                                  \
        w->acceptable = hist[0];                                                                                  \
        if (v < to)                                                                                               \
            (n == 2 ? scan_row_2d_scalar : scan_row_3d_scalar)(job, w, pre, v, to, index + (v - from), dominated); \
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

#define CMP_AVX2(a, b, how) ((unsigned)_mm256_movemask_pd(_mm256_cmp_pd(a, b, how)))
#define CMP_AVX512(a, b, how) ((unsigned)_mm512_cmp_pd_mask(a, b, how))

#define ISA_AVX2 "avx2,popcnt"
#define ISA_AVX512 "avx512f,avx512dq,avx512vl,popcnt"
DEFINE_ROW(row_2d_avx2, ISA_AVX2, 256, 4, 2, CMP_AVX2, reject_lanes_avx2)
DEFINE_ROW(row_3d_avx2, ISA_AVX2, 256, 4, 3, CMP_AVX2, reject_lanes_avx2)
DEFINE_ROW(row_2d_avx512, ISA_AVX512, 512, 8, 2, CMP_AVX512, reject_lanes_avx512)
DEFINE_ROW(row_3d_avx512, ISA_AVX512, 512, 8, 3, CMP_AVX512, reject_lanes_avx512)
#endif

scan_row_fn *scan_row_function(size_t parties)
{
    enum scan_path path = parties == 2 || parties == 3 ? scan_path_chosen() : SCAN_PATH_SCALAR;
#if defined(__x86_64__)
    if (path == SCAN_PATH_AVX512)
        return parties == 2 ? row_2d_avx512 : row_3d_avx512;
    if (path == SCAN_PATH_AVX2)
        return parties == 2 ? row_2d_avx2 : row_3d_avx2;
#endif
    return parties == 2 ? scan_row_2d_scalar : scan_row_3d_scalar;
}

/*
 * dominance.h: Pareto dominance by its definition, the reference the frontier, scan and analysis tests compare the
 * library with (test_analysis, test_kill_analysis12, test_kill_frontier12, test_kill15_analysis_frontier,
 * test_oom_kill15_analysis, test_scan_simd, test_kill15_analysis_simd).  Header-only.
 *   - dominates: q is at least p for each of the n parties and more for one; only "q below p" stops it, so a NaN
 *     counts as a tie;
 *   - dominates_ordered: the same with ordered compares (q >= p, q > p): a NaN on either side is neither, so a
 *     point with a NaN neither dominates nor is dominated (the vector block compares' semantics).
 */
#ifndef PARLEY_TESTS_DOMINANCE_H
#define PARLEY_TESTS_DOMINANCE_H

#include <stddef.h>

static inline int dominates(const double *q, const double *p, size_t n)
{
    int better = 0;
    for (size_t k = 0; k < n; k++) {
        if (q[k] < p[k])
            return 0;
        better |= q[k] > p[k];
    }
    return better;
}

static inline int dominates_ordered(const double *q, const double *p, size_t n)
{
    int better = 0;
    for (size_t k = 0; k < n; k++) {
        if (!(q[k] >= p[k]))
            return 0;
        better |= q[k] > p[k];
    }
    return better;
}

#endif

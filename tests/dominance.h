/*
 * dominance.h: Pareto dominance by its definition, the reference the frontier, scan and analysis tests compare the
 * library with (test_analysis, test_kill_analysis12, test_kill_frontier12, test_kill15_analysis_frontier,
 * test_oom_kill15_analysis, test_scan_simd, test_kill15_analysis_simd).  Header-only.
 *   - dominates: q is at least p for each of the n parties and more for one; only "q below p" stops it, so a NaN
 *     counts as a tie;
 *   - dominates_ordered: the same with ordered compares (q >= p, q > p): a NaN on either side is neither, so a
 *     point with a NaN neither dominates nor is dominated (the vector block compares' semantics);
 *   - keep_mismatch: the first of m points whose keep flag (a Pareto filter's answer) is not "no point dominates it".
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

/* The first c of the m points u[c * n ..] (n parties) whose keep[c] is not !(some point dominates it), with
   *dominated what dominates said of it; m when every flag is right. */
static inline size_t keep_mismatch(const double *u, size_t m, size_t n, const unsigned char *keep, int *dominated)
{
    for (size_t c = 0; c < m; c++) {
        *dominated = 0;
        for (size_t d = 0; d < m && !*dominated; d++)
            *dominated = dominates(&u[d * n], &u[c * n], n);
        if (keep[c] != !*dominated)
            return c;
    }
    return m;
}

#endif

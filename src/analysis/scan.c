/*
 * scan.c: the hot loops of the analysis.  Each worker walks its range of
 * outcome numbers like an odometer, keeping per party the partial utility of
 * all issues but the last, so an outcome costs one table lookup per party;
 * rows of the last issue run in a loop specialised for 2 parties, 3 parties,
 * any number without constraints, or the general case (constraints, red lines,
 * non-additive utilities); 2 and 3 parties have vector versions in
 * scan_simd.c.  Blocks of outcomes whose best corner is dominated
 * skip the frontier.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_internal.h"
#include "analysis/scan.h"
#include "core/utility_internal.h"

/* Records one feasible outcome with utilities u[] (quantized) and failure mask (job->words words). */
static inline void record(const struct job *job, struct worker *w, const uint64_t *mask, const double *u,
                          uint64_t index, int dominated)
{
    size_t words = job->words;
    int none = 1;
    for (size_t i = 0; i < words; i++)
        none &= mask[i] == 0;
    w->feasible++;
    if (job->histogram) {
        w->histogram[mask[0]]++;
    } else {
        for (size_t k = 0; k < job->n; k++) {
            int ok = 1;
            for (size_t i = 0; i < words; i++)
                ok &= (mask[i] & job->party_mask[k * words + i]) == 0;
            w->party_ok[k] += ok;
        }
        for (size_t c = 0; c < job->C; c++)
            w->condition_ok[c] += !(mask[c / 64] >> c % 64 & 1);
        maskset_add(&w->masks, mask);
    }
    if (w->plot)
        density_add(w->plot, u, none, index);
    if (none) {
        w->acceptable++;
        if (!dominated)
            frontier_offer(&w->frontier, u, index);
    }
}

/* The hot loop for two additive parties without constraints; `plot` (a constant once inlined) also feeds
   the plot data. */
static inline __attribute__((always_inline)) void row_2d_body(const struct job *job, struct worker *w,
                                                              const double *pre, uint32_t from, uint32_t to,
                                                              uint64_t index, int dominated, const int plot)
{
    size_t last = job->issues - 1;
    const double *t0 = job->tables[0 * job->issues + last];
    const double *t1 = job->tables[1 * job->issues + last];
    double p0 = pre[0], p1 = pre[1];
    double r0 = job->reservation[0], r1 = job->reservation[1];
    uint64_t *hist = w->histogram;
    frontier *f = &w->frontier;
    for (uint32_t v = from; v < to; v++) {
        double u[2] = {quantize_utility(p0 + t0[v]), quantize_utility(p1 + t1[v])};
        unsigned mask = (u[0] < r0) | (u[1] < r1) << 1;
        hist[mask]++;
        if (plot)
            density_add_pair(&w->plot->pair[0], w->plot->bins, u[0], u[1], mask == 0, index + (v - from));
        if (mask == 0 && !dominated && !frontier_rejects_2d(f, u[0], u[1]))
            frontier_offer(f, u, index + (v - from));
    }
    w->feasible += to - from;
    w->acceptable = hist[0];
}

void scan_row_2d_scalar(const struct job *job, struct worker *w, const double *pre, uint32_t from, uint32_t to,
                        uint64_t index, int dominated)
{
    row_2d_body(job, w, pre, from, to, index, dominated, 0);
}

static void run_row_2d_plot(const struct job *job, struct worker *w, const double *pre, uint32_t from, uint32_t to,
                            uint64_t index, int dominated)
{
    row_2d_body(job, w, pre, from, to, index, dominated, 1);
}

/* Any number of additive parties without constraints: conditions are the reservations only.
   Inlined with a constant n for 3 parties so the compiler unrolls the party loops. */
static inline __attribute__((always_inline)) void row_nd_body(const struct job *job, struct worker *w,
                                                              const double *pre, uint32_t from, uint32_t to,
                                                              uint64_t index, int dominated, const size_t n,
                                                              const int plot)
{
    size_t last = job->issues - 1;
    const double *t[64];
    double r[64], p[64];
    for (size_t k = 0; k < n; k++) {
        t[k] = job->tables[k * job->issues + last];
        r[k] = job->reservation[k];
        p[k] = pre[k];
    }
    uint64_t *hist = w->histogram;
    double u[64];
    for (uint32_t v = from; v < to; v++) {
        unsigned mask = 0;
        for (size_t k = 0; k < n; k++) {
            u[k] = quantize_utility(p[k] + t[k][v]);
            mask |= (unsigned)(u[k] < r[k]) << k;
        }
        hist[mask]++;
        if (plot)
            density_add(w->plot, u, mask == 0, index + (v - from));
        if (mask == 0 && !dominated)
            frontier_offer(&w->frontier, u, index + (v - from));
    }
    w->feasible += to - from;
    w->acceptable = hist[0];
}

/* Three parties, written out: the utilities and the mask stay in registers. */
void scan_row_3d_scalar(const struct job *job, struct worker *w, const double *pre, uint32_t from, uint32_t to,
                        uint64_t index, int dominated)
{
    size_t last = job->issues - 1;
    const double *t0 = job->tables[0 * job->issues + last], *t1 = job->tables[1 * job->issues + last],
                 *t2 = job->tables[2 * job->issues + last];
    const double p0 = pre[0], p1 = pre[1], p2 = pre[2];
    const double r0 = job->reservation[0], r1 = job->reservation[1], r2 = job->reservation[2];
    uint64_t *hist = w->histogram;
    for (uint32_t v = from; v < to; v++) {
        double u0 = quantize_utility(p0 + t0[v]), u1 = quantize_utility(p1 + t1[v]), u2 = quantize_utility(p2 + t2[v]);
        unsigned mask = (unsigned)(u0 < r0) | (unsigned)(u1 < r1) << 1 | (unsigned)(u2 < r2) << 2;
        hist[mask]++;
        if (mask == 0 && !dominated) {
            double u[3] = {u0, u1, u2};
            frontier_offer(&w->frontier, u, index + (v - from));
        }
    }
    w->feasible += to - from;
    w->acceptable = hist[0];
}

static void run_row_nd(const struct job *job, struct worker *w, const double *pre, uint32_t from, uint32_t to,
                       uint64_t index, int dominated, scan_row_fn *row_3d)
{
    if (job->plot)
        row_nd_body(job, w, pre, from, to, index, dominated, job->n, 1);
    else if (job->n == 3)
        row_3d(job, w, pre, from, to, index, dominated);
    else
        row_nd_body(job, w, pre, from, to, index, dominated, job->n, 0);
}

static void run_row_generic(const struct job *job, struct worker *w, const double *pre, uint32_t *values,
                            uint64_t *mask, uint32_t from, uint32_t to, uint64_t index, int dominated)
{
    size_t last = job->issues - 1, n = job->n;
    double u[64];
    for (uint32_t v = from; v < to; v++, index++) {
        values[last] = v;
        size_t g = 0;
        while (g < job->global_count && parley_expr_holds(job->global[g], values))
            g++;
        if (g < job->global_count)
            continue;
        for (size_t k = 0; k < n; k++) {
            double x = job->all_additive || parley_utility_is_additive(job->utility[k])
                           ? pre[k] + job->tables[k * job->issues + last][v]
                           : parley_utility_eval(job->utility[k], values);
            u[k] = quantize_utility(x);
        }
        memset(mask, 0, job->words * sizeof *mask);
        for (size_t c = 0; c < job->C; c++) {
            int fails = job->cond_expr[c] ? !parley_expr_holds(job->cond_expr[c], values)
                                          : u[job->cond_party[c]] < job->reservation[job->cond_party[c]];
            mask[c / 64] |= (uint64_t)fails << c % 64;
        }
        record(job, w, mask, u, index, dominated);
    }
}

/* 1 when the frontier dominates the best corner of a block; with 3 parties on the vector rows the cache of
   points the frontier held (scan.h) answers first and takes the point that did. */
static int corner_dominated(struct worker *w, const double *corner, size_t n)
{
    if (n != 3 || !w->lanes.width)
        return frontier_dominated(&w->frontier, corner);
    if (scan_cache_dominates(&w->lanes, corner))
        return 1;
    if (!frontier_dominated(&w->frontier, corner))
        return 0;
    scan_cache_add(&w->lanes, frontier_front(&w->frontier));
    return 1;
}

void scan_work(void *ctx, unsigned k, unsigned workers)
{
    const struct job *job = ctx;
    struct worker *w = &job->workers[k];
    uint64_t begin = job->first + job->total / workers * k + (k < job->total % workers ? k : job->total % workers);
    uint64_t end = begin + job->total / workers + (k < job->total % workers);
    size_t issues = job->issues, n = job->n, last = issues - 1;
    uint32_t *values = calloc(issues, sizeof *values);
    double *pre = calloc(n * (issues + 1), sizeof *pre); /* pre[i * n + k]: sum over issues < i */
    double *row = calloc(n, sizeof *row);
    uint64_t *mask = calloc(job->words, sizeof *mask); /* the failure mask of the outcome in hand */
    if (!values || !pre || !row || !mask) {
        w->failed = 1;
        goto done;
    }
    /* Without constraints the only conditions are the reservations (bit k = party k): a tight loop. */
    int simple = job->all_additive && job->global_count == 0 && job->C == n && job->histogram;
    scan_row_fn *row_2d = scan_row_function(2), *row_3d = scan_row_function(3); /* scan_simd.c */
    enum scan_path path = scan_path_chosen();
    if (simple && !job->plot && (n == 2 || n == 3) && path != SCAN_PATH_SCALAR)
        scan_lanes_init(&w->lanes, job, end - begin); /* the vector rows' thresholds and candidate lanes */
    /* 3 parties: frontier_nd compares 8 live vectors at once on the vector paths (frontier_block.c) */
    w->frontier.vectors = n != 3 ? 0 : path == SCAN_PATH_AVX512 ? 2 : path == SCAN_PATH_AVX2;
    /* Mixed-radix digits of `begin` over job->counts (which may merge trailing issues). */
    uint64_t rest = begin;
    for (size_t i = issues; i-- > 0;) {
        values[i] = (uint32_t)(rest % job->counts[i]);
        rest /= job->counts[i];
    }
    size_t dirty = 0; /* prefix sums valid below this issue */
    /* Blocks of outcomes sharing digits 0..L-1 whose best corner is dominated cannot add to the
       frontier; `blocked` is the coarsest such level of the current position (issues + 1: none). */
    size_t blocked = issues + 1;
    double corner[64];
    uint64_t index = begin;
    while (index < end) {
        for (size_t i = dirty; i < last; i++)
            for (size_t p = 0; p < n; p++)
                pre[(i + 1) * n + p] = pre[i * n + p] + job->tables[p * issues + i][values[i]];
        if (job->all_additive && blocked > dirty) {
            blocked = issues + 1;
            for (size_t level = dirty + 1; level <= last && blocked > issues; level++) {
                for (size_t p = 0; p < n; p++)
                    corner[p] = pre[level * n + p] + job->suffix_max[p * (issues + 1) + level];
                if (corner_dominated(w, corner, n))
                    blocked = level;
            }
        }
        int dominated = blocked <= last;
        for (size_t p = 0; p < n; p++)
            row[p] = pre[last * n + p];
        uint32_t from = values[last];
        uint64_t room = job->counts[last] - from;
        uint32_t to = (uint32_t)(end - index < room ? from + (end - index) : job->counts[last]);
        if (simple && n == 2 && job->plot)
            run_row_2d_plot(job, w, row, from, to, index, dominated);
        else if (simple && n == 2)
            row_2d(job, w, row, from, to, index, dominated);
        else if (simple)
            run_row_nd(job, w, row, from, to, index, dominated, row_3d);
        else
            run_row_generic(job, w, row, values, mask, from, to, index, dominated);
        index += to - from;
        if ((w->unreported += to - from) >= PROGRESS_CHUNK) {
            progress_add(job->progress, w->unreported);
            w->unreported = 0;
        }
        /* odometer: carry into the issues before the last */
        values[last] = 0;
        size_t i = last;
        while (i-- > 0) {
            if (++values[i] < job->counts[i])
                break;
            values[i] = 0;
        }
        dirty = i == (size_t)-1 ? 0 : i;
    }
    progress_add(job->progress, w->unreported);
done:
    scan_lanes_free(&w->lanes);
    w->failed |= w->frontier.failed;
    free(values);
    free(pre);
    free(row);
    free(mask);
}

/*
 * exact.c: the exact path of parley_analyze for additive two-party scenarios
 * too large to stream quickly.  It fills one streaming worker's result
 * (feasible and acceptable counts, the failure-mask histogram, the frontier)
 * so analyze.c merges it exactly as it merges the workers of a streaming pass.
 *
 * Constraints and red lines break separability only on the issues they
 * mention (their scope): each joint assignment of the scope issues is checked
 * once, and the remaining free issues are handled by the separable methods:
 * counts by meet-in-the-middle (mitm_count.c), frontier candidates by
 * issue-wise merging (exact_merge.c), offered to the worker's frontier, which
 * decides on the rounded utilities as streaming does.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_internal.h"
#include "analysis/exact.h"
#include "analysis/scan.h"

#define SCOPE_LIMIT 65536u /* most joint assignments of the constrained issues */

static const char method_exact[] =
    "exact without enumeration: Pareto frontier by issue-wise merging, acceptance counts by meet-in-the-middle";
static const char method_scoped[] =
    "exact without enumeration: every assignment of the constrained issues, the rest by issue-wise merging "
    "(frontier) and meet-in-the-middle (counts)";
static const char method_stream[] = "enumeration of every outcome";

struct offer_ctx {
    frontier *f;
    const uint32_t *counts;
    size_t issues;
};

static void offer(void *ctx, const uint32_t *values, const double *u)
{
    struct offer_ctx *o = ctx;
    uint64_t index = 0;
    for (size_t i = 0; i < o->issues; i++)
        index = index * o->counts[i] + values[i];
    frontier_offer(o->f, u, index);
}

/* Marks the issues a global constraint or a red line mentions; returns the number of their joint assignments. */
static double scope_of(const struct job *job, unsigned char *scope)
{
    double assignments = 1;
    for (size_t i = 0; i < job->issues; i++) {
        scope[i] = 0;
        for (size_t g = 0; g < job->global_count && !scope[i]; g++)
            scope[i] = (unsigned char)parley_expr_uses_issue(job->global[g], i);
        for (size_t c = 0; c < job->C && !scope[i]; c++)
            scope[i] = job->cond_expr[c] && parley_expr_uses_issue(job->cond_expr[c], i);
        if (scope[i])
            assignments *= job->counts[i];
    }
    return assignments;
}

static exact_space space_of(const struct job *job, const uint32_t *fixed)
{
    return (exact_space){job->issues, job->n, job->counts, job->tables, fixed, job->reservation, job->suffix_max, 0, 1,
                         NULL};
}

const char *exact_method_name(int exact, int scoped)
{
    return !exact ? method_stream : scoped ? method_scoped : method_exact;
}

/*
 * 1 when some party's utility can pass 1 (weights summing to more than 1, which only the C API allows): streaming
 * caps it at 1, so outcomes the merging drops as dominated (by more than 2^-31) can end equal to kept ones and
 * belong on the frontier.  suffix_max[k][0] is the sum of the issues' best values plus a margin of 2^-30; below
 * 1 + 2^-33 no dropped partial sum can reach the cap or round to it.
 */
static int can_pass_one(const struct job *job)
{
    for (size_t k = 0; k < job->n; k++)
        if (job->suffix_max[k * (job->issues + 1)] - 0x1p-30 > 1 + 0x1p-33)
            return 1;
    return 0;
}

int exact_choose(const struct job *job, int requested, unsigned workers, const char **why)
{
    unsigned char scope[64];
    *why = NULL;
    if (requested == PARLEY_ANALYSIS_STREAM)
        return 0;
    if (!job->all_additive)
        *why = "a utility is not additive";
    else if (job->n < 2 || job->n > MITM_MAX_PARTIES)
        *why = "exact counts without enumeration are implemented for two and three parties";
    else if (!job->histogram)
        *why = "too many conditions for the failure histogram";
    else if (job->issues > 64)
        *why = "more than 64 issues";
    else if (can_pass_one(job))
        *why = "a utility can exceed 1 (its weights sum to more than 1)";
    if (*why)
        return 0;
    double assignments = scope_of(job, scope);
    if (assignments > SCOPE_LIMIT) {
        *why = "the constraints and red lines mention too many issues jointly";
        return 0;
    }
    uint32_t fixed[64];
    for (size_t i = 0; i < job->issues; i++)
        fixed[i] = scope[i] ? 0 : EXACT_FREE;
    exact_space s = space_of(job, fixed);
    uint64_t half = mitm_half_size(&s, (size_t)assignments);
    if (half > MITM_HALF_LIMIT) {
        *why = "the halves of the space are too large to count by meet-in-the-middle";
        return 0;
    }
    if (requested == PARLEY_ANALYSIS_EXACT || requested == PARLEY_ANALYSIS_EXACT_ONLY)
        return 1;
    /* Estimated nanoseconds: streaming ~3.5 per outcome and core (ten times more with constraints to check);
       the exact path ~300 per half point (a pass per set of broken red lines) and a few milliseconds of
       merging per scope assignment. */
    int simple = job->global_count == 0 && job->C == job->n;
    double stream = (double)job->total * (simple ? 3.5 : 35.0) / (workers ? workers : 1);
    double exact = 300.0 * (double)half * (job->C > job->n ? 4 : 1) * (job->n == 3 ? 20 : 1) + assignments * 3e6;
    return exact < stream;
}

/* A scope row's class: -1 when a global constraint fails, else the red lines it breaks. */
static int64_t classify(void *ctx, const uint32_t *values)
{
    const struct job *job = ctx;
    for (size_t g = 0; g < job->global_count; g++)
        if (!parley_expr_holds(job->global[g], values))
            return -1;
    int64_t red = 0;
    for (size_t c = 0; c < job->C; c++)
        if (job->cond_expr[c] && !parley_expr_holds(job->cond_expr[c], values))
            red |= (int64_t)1 << c;
    return red;
}

struct add_ctx {
    const struct job *job;
    struct worker *w;
};

/*
 * The counts of one set of broken red lines into the failure histogram (party
 * k's reservation: bit C - n + k): the outcomes accepted by exactly the
 * parties in T, by inclusion-exclusion over the sets S containing T.
 */
static void add_counts(void *ctx, uint64_t red, const uint64_t *accepting)
{
    struct add_ctx *a = ctx;
    size_t C = a->job->C, n = a->job->n;
    unsigned all = (1u << n) - 1;
    for (unsigned t = 0; t <= all; t++) {
        uint64_t exactly = 0;
        for (unsigned s = t;; s = (s + 1) | t) {
            int odd = __builtin_popcount(s ^ t) & 1;
            exactly += odd ? -accepting[s] : accepting[s]; /* modular: the sum is a count */
            if (s == all)
                break;
        }
        a->w->histogram[red | (uint64_t)(all ^ t) << (C - n)] += exactly;
    }
    a->w->feasible += accepting[0];
    if (red == 0)
        a->w->acceptable += accepting[all];
}

int exact_run(const struct job *job, struct worker *w, unsigned threads, unsigned *threads_used)
{
    unsigned char scope[64];
    uint32_t fixed[64];
    exact_rows rows;
    scope_of(job, scope);
    for (size_t i = 0; i < job->issues; i++)
        fixed[i] = scope[i] ? 0 : EXACT_FREE;
    if (exact_rows_build(scope, job->counts, job->issues, classify, (void *)job, &rows) != 0)
        return -1;
    exact_space s = space_of(job, fixed);
    s.threads = threads;
    s.threads_used = threads_used;
    *threads_used = 1;
    struct offer_ctx offers = {&w->frontier, job->counts, job->issues};
    struct add_ctx adds = {job, w};
    int rc = exact_rows_count(&s, &rows, 0, add_counts, &adds);
    if (rc == 0)
        rc = exact_rows_merge(&s, &rows, offer, &offers);
    exact_rows_free(&rows);
    return rc == 0 && w->frontier.failed ? -1 : rc;
}

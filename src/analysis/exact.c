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

int exact_next_assignment(const unsigned char *scope, uint32_t *fixed, const uint32_t *counts, size_t issues)
{
    for (size_t i = issues; i-- > 0;) {
        if (!scope[i])
            continue;
        if (++fixed[i] < counts[i])
            return 1;
        fixed[i] = 0;
    }
    return 0;
}

static exact_space space_of(const struct job *job, const uint32_t *fixed)
{
    return (exact_space){job->issues, job->n, job->counts, job->tables, fixed, job->reservation, job->suffix_max, 0};
}

const char *exact_method_name(int exact, int scoped)
{
    return !exact ? method_stream : scoped ? method_scoped : method_exact;
}

int exact_choose(const struct job *job, int requested, unsigned workers, const char **why)
{
    unsigned char scope[64];
    *why = NULL;
    if (requested == PARLEY_ANALYSIS_STREAM)
        return 0;
    if (!job->all_additive)
        *why = "a utility is not additive";
    else if (job->n != 2)
        *why = "exact counts without enumeration are implemented for two parties";
    else if (!job->histogram)
        *why = "too many conditions for the failure histogram";
    else if (job->issues > 64)
        *why = "more than 64 issues";
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
    uint64_t half = mitm_half_size(&s);
    if (half > ((uint64_t)1 << 26)) {
        *why = "the halves of the space are too large to count by meet-in-the-middle";
        return 0;
    }
    if (requested == PARLEY_ANALYSIS_EXACT || requested == PARLEY_ANALYSIS_EXACT_ONLY)
        return 1;
    /* Estimated nanoseconds: streaming ~3.5 per outcome and core (ten times more with constraints to check);
       the exact path ~400 per half point and a few milliseconds of merging per scope assignment. */
    int simple = job->global_count == 0 && job->C == job->n;
    double stream = (double)job->total * (simple ? 3.5 : 35.0) / (workers ? workers : 1);
    double exact = assignments * (400.0 * (double)half + 3e6);
    return exact < stream;
}

int exact_run(const struct job *job, struct worker *w)
{
    unsigned char scope[64];
    uint32_t fixed[64], values[64];
    size_t issues = job->issues, n = job->n, C = job->C;
    scope_of(job, scope);
    for (size_t i = 0; i < issues; i++)
        fixed[i] = scope[i] ? 0 : EXACT_FREE;
    struct offer_ctx ctx = {&w->frontier, job->counts, issues};
    for (;;) {
        for (size_t i = 0; i < issues; i++)
            values[i] = scope[i] ? fixed[i] : 0;
        size_t g = 0;
        while (g < job->global_count && parley_expr_holds(job->global[g], values))
            g++;
        if (g == job->global_count) {
            uint64_t red = 0;
            for (size_t c = 0; c < C; c++)
                if (job->cond_expr[c] && !parley_expr_holds(job->cond_expr[c], values))
                    red |= (uint64_t)1 << c;
            exact_space s = space_of(job, fixed);
            uint64_t total = 1, c0, c1, c01;
            for (size_t i = 0; i < issues; i++)
                if (!scope[i])
                    total *= job->counts[i];
            if (mitm_count2(&s, &c0, &c1, &c01) != 0)
                return -1;
            /* Reservation failures: bit C - n + k for party k. */
            uint64_t r0 = (uint64_t)1 << (C - n), r1 = (uint64_t)1 << (C - n + 1);
            w->histogram[red] += c01;
            w->histogram[red | r0] += c1 - c01;
            w->histogram[red | r1] += c0 - c01;
            w->histogram[red | r0 | r1] += total - c0 - c1 + c01;
            w->feasible += total;
            if (red == 0) {
                w->acceptable += c01;
                int merged = exact_merge_candidates(&s, offer, &ctx);
                if (merged != 0)
                    return merged;
            }
        }
        if (!exact_next_assignment(scope, fixed, job->counts, issues))
            break;
    }
    return w->frontier.failed ? -1 : 0;
}

/*
 * exact_scope.c: constraint scopes for the exact path.  Constraints and red
 * lines break separability only on the issues they mention: every joint
 * assignment of those issues (a row) is classified once (infeasible, or the
 * set of red lines it breaks), rows breaking the same red lines are counted
 * together by one meet-in-the-middle pass (they ride in its first half), and
 * each row breaking none is merged for frontier candidates with its values
 * fixed; the rows' candidates are filtered together before they are offered.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/exact.h"

static int next_assignment(const unsigned char *scope, uint32_t *fixed, const uint32_t *counts, size_t issues)
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

void exact_rows_free(exact_rows *rows)
{
    free(rows->values);
    free(rows->mask);
    memset(rows, 0, sizeof *rows);
}

int exact_rows_build(const unsigned char *scope, const uint32_t *counts, size_t issues, exact_classify classify,
                     void *ctx, exact_rows *rows)
{
    uint32_t values[64] = {0};
    memset(rows, 0, sizeof *rows);
    for (size_t i = 0; i < issues; i++)
        rows->scoped += scope[i] != 0;
    for (;;) {
        int64_t mask = classify(ctx, values);
        if (mask >= 0) {
            if (rows->count == rows->capacity) {
                size_t cap = rows->capacity ? rows->capacity * 2 : 64;
                uint32_t *v = realloc(rows->values, cap * (rows->scoped ? rows->scoped : 1) * sizeof *v);
                if (v)
                    rows->values = v;
                uint64_t *m = realloc(rows->mask, cap * sizeof *m);
                if (m)
                    rows->mask = m;
                if (!v || !m) {
                    exact_rows_free(rows);
                    return -1;
                }
                rows->capacity = cap;
            }
            size_t j = 0;
            for (size_t i = 0; i < issues; i++)
                if (scope[i])
                    rows->values[rows->count * rows->scoped + j++] = values[i];
            rows->mask[rows->count++] = (uint64_t)mask;
        }
        if (!next_assignment(scope, values, counts, issues))
            return 0;
    }
}

/* Writes row r's values into the fixed issues of fixed[] (those not EXACT_FREE). */
static void set_row(const exact_rows *rows, size_t r, size_t issues, uint32_t *fixed)
{
    size_t j = 0;
    for (size_t i = 0; i < issues; i++)
        if (fixed[i] != EXACT_FREE)
            fixed[i] = rows->values[r * rows->scoped + j++];
}

struct by_mask {
    uint64_t mask;
    size_t row;
};

static int compare_mask(const void *x, const void *y)
{
    const struct by_mask *a = x, *b = y;
    if (a->mask != b->mask)
        return a->mask < b->mask ? -1 : 1;
    return (a->row > b->row) - (a->row < b->row);
}

int exact_rows_count(const exact_space *s, const exact_rows *rows, int zero_only, exact_add add, void *ctx)
{
    size_t scoped = rows->scoped ? rows->scoped : 1;
    uint32_t *group = malloc((rows->count + 1) * scoped * sizeof *group);
    struct by_mask *order = malloc((rows->count + 1) * sizeof *order);
    int rc = group && order ? 0 : -1;
    exact_memory memory = {NULL, 0}; /* one block for every group's count */
    for (size_t r = 0; rc == 0 && r < rows->count; r++)
        order[r] = (struct by_mask){rows->mask[r], r};
    if (rc == 0)
        qsort(order, rows->count, sizeof *order, compare_mask);
    for (size_t first = 0, end; rc == 0 && first < rows->count; first = end) {
        for (end = first; end < rows->count && order[end].mask == order[first].mask; end++)
            memcpy(&group[(end - first) * scoped], &rows->values[order[end].row * rows->scoped],
                   rows->scoped * sizeof *group);
        if (zero_only && order[first].mask)
            continue;
        uint64_t accepting[1u << MITM_MAX_PARTIES];
        if (mitm_count(s, group, end - first, accepting, &memory) != 0)
            rc = -1;
        else
            add(ctx, order[first].mask, accepting);
    }
    exact_memory_free(&memory);
    free(group);
    free(order);
    return rc;
}

/* The candidates of every row, gathered: values [count * issues], utilities [count * n]. */
struct gathered {
    size_t issues, n, count, capacity;
    uint32_t *values;
    double *u;
    int failed;
};

static void gather(void *ctx, const uint32_t *values, const double *u)
{
    struct gathered *g = ctx;
    if (g->count == g->capacity) {
        size_t cap = g->capacity ? 2 * g->capacity : 1024;
        uint32_t *v = realloc(g->values, cap * g->issues * sizeof *v);
        if (v)
            g->values = v;
        double *w = realloc(g->u, cap * g->n * sizeof *w);
        if (w)
            g->u = w;
        if (!v || !w) {
            g->failed = 1;
            return;
        }
        g->capacity = cap;
    }
    memcpy(&g->values[g->count * g->issues], values, g->issues * sizeof *values);
    memcpy(&g->u[g->count * g->n], u, g->n * sizeof *u);
    g->count++;
}

/*
 * The rows' candidates are gathered and only those no other row's candidate
 * dominates (on the rounded utilities: equal ones are all kept) are emitted,
 * in the order they came: the others cannot be on the frontier, and offering
 * each to the caller's frontier cost a scan of it.
 */
int exact_rows_merge(const exact_space *s, const exact_rows *rows, exact_emit emit, void *ctx)
{
    uint32_t fixed[64];
    exact_space row = *s;
    row.fixed = fixed;
    struct gathered g = {s->issues ? s->issues : 1, s->n, 0, 0, NULL, NULL, 0};
    exact_memory memory = {NULL, 0}; /* the filters' scratch, for every row */
    int rc = 0;
    for (size_t r = 0; rc == 0 && r < rows->count; r++) {
        if (rows->mask[r])
            continue;
        memcpy(fixed, s->fixed, s->issues * sizeof *fixed);
        set_row(rows, r, s->issues, fixed);
        rc = exact_merge_candidates(&row, gather, &g, &memory);
        if (rc == 0 && g.failed)
            rc = -1;
    }
    unsigned char *keep = rc == 0 ? malloc(g.count + 1) : NULL;
    if (rc == 0 && (!keep || exact_pareto_filter(g.u, g.count, s->n, keep) != 0))
        rc = -1;
    for (size_t c = 0; rc == 0 && c < g.count; c++)
        if (keep[c])
            emit(ctx, &g.values[c * g.issues], &g.u[c * s->n]);
    free(keep);
    free(g.values);
    free(g.u);
    exact_memory_free(&memory);
    return rc;
}

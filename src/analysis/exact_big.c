/*
 * exact_big.c: the exact Pareto frontier and bargaining solutions of additive
 * scenarios of any size (10^20, 10^30 outcomes: past outcome numbers of 64
 * bits), for parley_analyze_approximate, which then reports an exact frontier
 * instead of searching.  The tables are the profiles' weighted values, summed
 * in issue order as parley_utility_eval does; constraint scopes are
 * enumerated as in exact.c; the rows' frontiers from issue-wise merging
 * (exact_merge.c) are filtered together and sorted by outcome (lexicographic
 * order of the values is the order of outcome numbers).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_internal.h"
#include "analysis/approx_internal.h"
#include "analysis/exact.h"
#include "core/utility_internal.h"

#define BIG_SCOPE_LIMIT 65536.0

struct collected {
    size_t issues, n, count, capacity;
    uint32_t *values; /* [capacity * issues] */
    double *u;        /* [capacity * n] */
    int failed;
};

static void collect(void *ctx, const uint32_t *values, const double *u)
{
    struct collected *c = ctx;
    if (c->count == c->capacity) {
        size_t cap = c->capacity ? c->capacity * 2 : 256;
        uint32_t *grown = realloc(c->values, cap * (c->issues ? c->issues : 1) * sizeof *grown);
        if (grown)
            c->values = grown;
        double *more = realloc(c->u, cap * c->n * sizeof *more);
        if (more)
            c->u = more;
        if (!grown || !more) {
            c->failed = 1;
            return;
        }
        c->capacity = cap;
    }
    memcpy(&c->values[c->count * c->issues], values, c->issues * sizeof *values);
    memcpy(&c->u[c->count * c->n], u, c->n * sizeof *u);
    c->count++;
}

/* Frontier members (positions into f) in lexicographic order of their values. */
struct ordered {
    const uint32_t *values;
    size_t issues, at;
};

static int by_values(const void *x, const void *y)
{
    const struct ordered *a = x, *b = y;
    for (size_t i = 0; i < a->issues; i++)
        if (a->values[i] != b->values[i])
            return a->values[i] < b->values[i] ? -1 : 1;
    return 0;
}

/* The relevant constraints: global ones and the negotiators' red lines. */
static int relevant(const parley_scenario *sc, const parley_constraint *con)
{
    return con->party < 0 || parley_party_role(sc, (size_t)con->party) == PARLEY_ROLE_PARTY;
}

struct classify_ctx {
    const parley_scenario *sc;
    size_t n;
};

/* A scope row: -1 when infeasible, 1 when a negotiator's red line breaks, else 0. */
static int64_t classify(void *ctx, const uint32_t *values)
{
    const struct classify_ctx *c = ctx;
    if (!parley_scenario_feasible(c->sc, values))
        return -1;
    for (size_t k = 0; k < c->n; k++)
        if (!parley_scenario_red_lines_hold(c->sc, parley_scenario_negotiator(c->sc, k), values))
            return 1;
    return 0;
}

struct add_ctx {
    uint64_t *acceptable;
    size_t n;
};

static void add_acceptable(void *ctx, uint64_t mask, const uint64_t *accepting)
{
    struct add_ctx *a = ctx;
    (void)mask;
    *a->acceptable += accepting[(1u << a->n) - 1];
}

/* The candidates no other one dominates (the rows' frontiers together), sorted by outcome, into the archive. */
static int fill_archive(struct collected *c, approx_archive *front)
{
    size_t m = 0, n = c->n, issues = c->issues;
    unsigned char *keep = malloc(c->count + 1);
    struct ordered *order = malloc((c->count + 1) * sizeof *order);
    if (!keep || !order || exact_pareto_filter(c->u, c->count, n, keep) != 0) {
        free(keep);
        free(order);
        return -1;
    }
    for (size_t j = 0; j < c->count; j++)
        if (keep[j])
            order[m++] = (struct ordered){&c->values[j * issues], issues, j};
    free(keep);
    front->u = malloc((m + 1) * n * sizeof *front->u);
    front->values = malloc((m + 1) * (issues ? issues : 1) * sizeof *front->values);
    front->explored = calloc(m + 1, 1);
    if (!order || !front->u || !front->values || !front->explored) {
        free(order);
        return -1;
    }
    qsort(order, m, sizeof *order, by_values);
    for (size_t j = 0; j < m; j++) {
        memcpy(&front->values[j * issues], order[j].values, issues * sizeof *front->values);
        memcpy(&front->u[j * n], &c->u[order[j].at * n], n * sizeof *front->u);
    }
    front->count = front->capacity = m;
    free(order);
    return 0;
}

int exact_big_frontier(const parley_scenario *sc, double t, approx_archive *front, uint64_t *acceptable,
                       int *counted, const char **why)
{
    const parley_space *space = parley_scenario_space(sc);
    size_t issues = parley_space_issue_count(space), n = parley_scenario_negotiator_count(sc);
    *why = NULL;
    *counted = 0;
    *acceptable = 0;
    if (issues > 64 || n < 1)
        *why = "more than 64 issues";
    for (size_t k = 0; k < n && !*why; k++) {
        const parley_utility *u = parley_party_utility(sc, parley_scenario_negotiator(sc, k));
        if (!parley_utility_is_additive(u)) {
            *why = "a utility is not additive";
            break;
        }
        /* as exact.c's can_pass_one: past 1 the cap makes outcomes the merging drops equal to kept ones */
        double most = 0;
        for (size_t i = 0; i < issues; i++) {
            double best = -INFINITY;
            for (uint32_t v = 0; v < parley_issue_value_count(space, i); v++)
                best = fmax(best, u->weights[i] * u->values[i][v]);
            most += best;
        }
        if (most > 1 + 0x1p-33)
            *why = "a utility can exceed 1 (its weights sum to more than 1)";
    }
    if (*why)
        return 0;
    unsigned char scope[64] = {0};
    uint32_t counts[64], fixed[64];
    double assignments = 1;
    for (size_t i = 0; i < issues; i++) {
        counts[i] = parley_issue_value_count(space, i);
        for (size_t c = 0; c < parley_scenario_constraint_count(sc) && !scope[i]; c++) {
            const parley_constraint *con = parley_scenario_constraint(sc, c);
            scope[i] = relevant(sc, con) && parley_expr_uses_issue(con->expr, i);
        }
        if (scope[i])
            assignments *= counts[i];
        fixed[i] = scope[i] ? 0 : EXACT_FREE;
    }
    if (assignments > BIG_SCOPE_LIMIT) {
        *why = "the constraints and red lines mention too many issues jointly";
        return 0;
    }
    int rc = -1;
    double **tables = calloc(n * issues + 1, sizeof *tables);
    double *reservation = calloc(n, sizeof *reservation), *suffix = calloc(n * (issues + 1), sizeof *suffix);
    struct collected c = {issues, n, 0, 0, NULL, NULL, 0};
    exact_rows rows = {0, 0, 0, NULL, NULL};
    if (!tables || !reservation || !suffix)
        goto done;
    for (size_t k = 0; k < n; k++) {
        const parley_utility *u = parley_party_utility(sc, parley_scenario_negotiator(sc, k));
        reservation[k] = quantize_utility(parley_utility_reservation_at(u, t));
        suffix[k * (issues + 1) + issues] = 0x1p-30;
        for (size_t i = 0; i < issues; i++)
            if (!(tables[k * issues + i] = malloc(counts[i] * sizeof **tables)))
                goto done;
        for (size_t i = issues; i-- > 0;) {
            double best = -INFINITY;
            for (uint32_t v = 0; v < counts[i]; v++) {
                double x = tables[k * issues + i][v] = u->weights[i] * u->values[i][v];
                best = fmax(best, x);
            }
            suffix[k * (issues + 1) + i] = suffix[k * (issues + 1) + i + 1] + best;
        }
    }
    exact_space s = {issues, n, counts, tables, fixed, reservation, suffix, 0, 1, NULL};
    struct classify_ctx cc = {sc, n};
    if (exact_rows_build(scope, counts, issues, classify, &cc, &rows) != 0)
        goto done;
    int countable = n <= MITM_MAX_PARTIES && mitm_half_size(&s, rows.count) <= MITM_HALF_LIMIT;
    struct add_ctx adds = {acceptable, n};
    if (countable && exact_rows_count(&s, &rows, 1, add_acceptable, &adds) != 0)
        goto done;
    int merged = exact_rows_merge(&s, &rows, collect, &c);
    if (merged == 1) {
        *why = "too many Pareto-optimal outcomes with equal utilities to list them all";
        rc = 0;
    }
    if (merged != 0 || c.failed)
        goto done;
    if (fill_archive(&c, front) != 0)
        goto done;
    *counted = countable;
    rc = 1;
done:
    for (size_t j = 0; tables && j < n * issues; j++)
        free(tables[j]);
    free(tables);
    free(reservation);
    free(suffix);
    free(c.values);
    free(c.u);
    exact_rows_free(&rows);
    return rc;
}

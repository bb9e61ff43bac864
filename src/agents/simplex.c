/*
 * simplex.c: dense two-phase simplex with Bland's rule (no cycling).  Phase 1
 * minimises the sum of one artificial variable per row from the all-artificial
 * basis; phase 2 minimises the objective from the feasible basis it found.
 * Sizes here are small (a ranking of a few hundred bids), so a dense tableau
 * is the simplest thing that works.
 */
#include "agents/simplex.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

struct tableau {
    size_t m, cols;  /* rows of constraints; columns: n + m artificials + rhs */
    double *t;       /* (m + 1) x cols; last row: reduced costs */
    size_t *basis;   /* [m] */
};

static double *at(struct tableau *tb, size_t r, size_t c)
{
    return &tb->t[r * tb->cols + c];
}

static void pivot(struct tableau *tb, size_t r, size_t c)
{
    double p = *at(tb, r, c);
    for (size_t j = 0; j < tb->cols; j++)
        *at(tb, r, j) /= p;
    for (size_t i = 0; i <= tb->m; i++) {
        double f = *at(tb, i, c);
        if (i == r || f == 0)
            continue;
        for (size_t j = 0; j < tb->cols; j++)
            *at(tb, i, j) -= f * *at(tb, r, j);
    }
    tb->basis[r] = c;
}

/* Iterates with Bland's rule over columns < limit; 0 optimal, SIMPLEX_UNBOUNDED. */
static int iterate(struct tableau *tb, size_t limit)
{
    size_t rhs = tb->cols - 1;
    for (;;) {
        size_t enter = limit;
        for (size_t j = 0; j < limit; j++)
            if (*at(tb, tb->m, j) < -EPS) {
                enter = j;
                break;
            }
        if (enter == limit)
            return SIMPLEX_OPTIMAL;
        size_t leave = tb->m;
        double best = INFINITY;
        for (size_t i = 0; i < tb->m; i++) {
            double a = *at(tb, i, enter);
            if (a > EPS) {
                double ratio = *at(tb, i, rhs) / a;
                if (ratio < best - EPS || (fabs(ratio - best) <= EPS && tb->basis[i] < tb->basis[leave]))
                    best = ratio, leave = i;
            }
        }
        if (leave == tb->m)
            return SIMPLEX_UNBOUNDED;
        pivot(tb, leave, enter);
    }
}

int simplex_solve(size_t m, size_t n, const double *a, const double *b, const double *c, double *x)
{
    struct tableau tb = {m, n + m + 1, NULL, NULL};
    tb.t = calloc((m + 1) * tb.cols, sizeof *tb.t);
    tb.basis = malloc((m ? m : 1) * sizeof *tb.basis);
    int rc = SIMPLEX_NOMEM;
    if (!tb.t || !tb.basis)
        goto done;
    size_t rhs = tb.cols - 1;
    for (size_t i = 0; i < m; i++) {
        for (size_t j = 0; j < n; j++)
            *at(&tb, i, j) = a[i * n + j];
        *at(&tb, i, n + i) = 1;
        *at(&tb, i, rhs) = b[i];
        tb.basis[i] = n + i;
        /* phase 1 costs: minimise the artificials, expressed in the non-basic columns */
        for (size_t j = 0; j < n; j++)
            *at(&tb, m, j) -= a[i * n + j];
        *at(&tb, m, rhs) -= b[i];
    }
    iterate(&tb, n + m);
    if (*at(&tb, m, rhs) < -1e-7) {
        rc = SIMPLEX_INFEASIBLE;
        goto done;
    }
    /* drive artificials still basic (at zero) out where possible */
    for (size_t i = 0; i < m; i++)
        if (tb.basis[i] >= n)
            for (size_t j = 0; j < n; j++)
                if (fabs(*at(&tb, i, j)) > EPS) {
                    pivot(&tb, i, j);
                    break;
                }
    /* phase 2 costs */
    memset(at(&tb, m, 0), 0, tb.cols * sizeof *tb.t);
    for (size_t j = 0; j < n; j++)
        *at(&tb, m, j) = c[j];
    for (size_t i = 0; i < m; i++)
        if (tb.basis[i] < n && c[tb.basis[i]] != 0) {
            double f = c[tb.basis[i]];
            for (size_t j = 0; j < tb.cols; j++)
                *at(&tb, m, j) -= f * *at(&tb, i, j);
        }
    rc = iterate(&tb, n); /* artificials never re-enter */
    if (rc == SIMPLEX_OPTIMAL) {
        memset(x, 0, n * sizeof *x);
        for (size_t i = 0; i < m; i++)
            if (tb.basis[i] < n)
                x[tb.basis[i]] = *at(&tb, i, rhs);
    }
done:
    free(tb.t);
    free(tb.basis);
    return rc;
}

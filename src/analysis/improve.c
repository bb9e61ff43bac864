/*
 * improve.c: improving a signed deal (parley/improve.h): the packages every
 * party strictly prefers to the agreed one, closest to their Nash point first.
 * Small spaces are enumerated (two passes: the Nash point, then the `limit`
 * nearest to it); large ones are searched (the approximate analysis's frontier
 * and the changes of one or two issues of the agreement), and say so.
 */
#include <parley/approx.h>
#include <parley/improve.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_internal.h"

#define DEFAULT_LIMIT 10
#define DEFAULT_ENUMERATE 2000000ull
#define DEFAULT_EVALUATIONS 200000ull

struct parley_improvements {
    size_t issues, n;   /* issues; negotiating parties */
    size_t count, cap;  /* listed; the limit */
    uint32_t *packages; /* [cap * issues] */
    double *after;      /* [cap * n] */
    double *key;        /* [cap]: distance to the Nash point */
    double *log_gain;   /* [cap]: sum of the logarithms of the gains (the Nash product's logarithm) */
    double *before;     /* [n] */
    uint64_t found;
    int exhaustive;
    const char *method;
};

/* What the search needs: the parties' valuations and the agreement's. */
typedef struct improve_ctx {
    const parley_scenario *sc;
    size_t issues, n;
    parley_utility **eu; /* [n] expected utilities under trust */
    size_t *party;       /* [n] scenario index */
    double *after;       /* [n] scratch */
    parley_improvements *r;
    /* The Nash point (first pass). */
    int have_nash;
    double nash_log;
    double *nash_u;     /* [n] */
    uint32_t *nash_values;
} improve_ctx;

static double value_of(const improve_ctx *x, size_t k, const uint32_t *values)
{
    return quantize_utility(parley_utility_eval(x->eu[k], values));
}

/* 1 when `values` is an improvement (x->after filled with its utilities, *log_gain with its Nash logarithm). */
static int improves(improve_ctx *x, const uint32_t *values, double *log_gain)
{
    double lg = 0;
    for (size_t k = 0; k < x->n; k++) {
        x->after[k] = value_of(x, k, values);
        if (!(x->after[k] > x->r->before[k]))
            return 0;
        lg += log(x->after[k] - x->r->before[k]);
    }
    if (!parley_scenario_feasible(x->sc, values))
        return 0;
    for (size_t k = 0; k < x->n; k++)
        if (!parley_scenario_red_lines_hold(x->sc, x->party[k], values))
            return 0;
    *log_gain = lg;
    return 1;
}

/* Lexicographic order of values = order of outcome numbers (issue 0 is the most significant). */
static int values_cmp(const uint32_t *a, const uint32_t *b, size_t issues)
{
    for (size_t i = 0; i < issues; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* First pass: counts improvements and keeps the Nash point (the first with the largest product of gains). */
static void pass_nash(improve_ctx *x, const uint32_t *values)
{
    double lg;
    if (!improves(x, values, &lg))
        return;
    x->r->found++;
    int better = !x->have_nash || lg > x->nash_log ||
                 (lg == x->nash_log && values_cmp(values, x->nash_values, x->issues) < 0);
    if (better) {
        x->have_nash = 1;
        x->nash_log = lg;
        memcpy(x->nash_u, x->after, x->n * sizeof *x->after);
        memcpy(x->nash_values, values, x->issues * sizeof *values);
    }
}

/* 1 when item (d, lg, values) goes before listed item j. */
static int goes_before(const parley_improvements *r, double d, double lg, const uint32_t *values, size_t j)
{
    if (d != r->key[j])
        return d < r->key[j];
    if (lg != r->log_gain[j])
        return lg > r->log_gain[j];
    return values_cmp(values, r->packages + j * r->issues, r->issues) < 0;
}

/* Second pass: keeps the `cap` improvements nearest the Nash point, in order. */
static void pass_nearest(improve_ctx *x, const uint32_t *values)
{
    parley_improvements *r = x->r;
    double lg;
    if (!improves(x, values, &lg))
        return;
    double d = 0;
    for (size_t k = 0; k < x->n; k++)
        d += (x->after[k] - x->nash_u[k]) * (x->after[k] - x->nash_u[k]);
    d = sqrt(d);
    size_t at = r->count;
    while (at > 0 && goes_before(r, d, lg, values, at - 1))
        at--;
    if (at >= r->cap)
        return;
    size_t last = r->count < r->cap ? r->count : r->cap - 1; /* the item that falls off when full */
    memmove(r->packages + (at + 1) * r->issues, r->packages + at * r->issues, (last - at) * r->issues * sizeof *values);
    memmove(r->after + (at + 1) * r->n, r->after + at * r->n, (last - at) * r->n * sizeof *r->after);
    memmove(r->key + at + 1, r->key + at, (last - at) * sizeof *r->key);
    memmove(r->log_gain + at + 1, r->log_gain + at, (last - at) * sizeof *r->log_gain);
    memcpy(r->packages + at * r->issues, values, r->issues * sizeof *values);
    memcpy(r->after + at * r->n, x->after, r->n * sizeof *r->after);
    r->key[at] = d;
    r->log_gain[at] = lg;
    if (r->count < r->cap)
        r->count++;
}

/* Every outcome of the space, in outcome-number order. */
static void each_outcome(improve_ctx *x, void (*visit)(improve_ctx *x, const uint32_t *values), uint32_t *values)
{
    const parley_space *space = parley_scenario_space(x->sc);
    memset(values, 0, x->issues * sizeof *values);
    for (;;) {
        visit(x, values);
        size_t i = x->issues;
        while (i > 0 && ++values[i - 1] == parley_issue_value_count(space, i - 1))
            values[--i] = 0;
        if (i == 0)
            return;
    }
}

/* Candidates of the bounded search: a growing array of packages. */
typedef struct candidates {
    uint32_t *values;
    size_t count, cap, issues;
} candidates;

static int candidates_add(candidates *c, const uint32_t *values)
{
    if (c->count == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 256;
        uint32_t *grown = realloc(c->values, cap * c->issues * sizeof *grown);
        if (!grown)
            return PARLEY_ENOMEM;
        c->values = grown;
        c->cap = cap;
    }
    memcpy(c->values + c->count++ * c->issues, values, c->issues * sizeof *values);
    return PARLEY_OK;
}

/* Sorts order[lo, hi) by the packages they index (merge sort: qsort has no context argument). */
static void sort_order(const candidates *c, size_t *order, size_t *tmp, size_t lo, size_t hi)
{
    if (hi - lo < 2)
        return;
    size_t mid = lo + (hi - lo) / 2, a = lo, b = mid, k = lo;
    sort_order(c, order, tmp, lo, mid);
    sort_order(c, order, tmp, mid, hi);
    while (a < mid || b < hi)
        tmp[k++] = b >= hi || (a < mid && values_cmp(c->values + order[a] * c->issues,
                                                      c->values + order[b] * c->issues, c->issues) <= 0)
                       ? order[a++]
                       : order[b++];
    memcpy(order + lo, tmp + lo, (hi - lo) * sizeof *order);
}

/* Sorts the candidates by outcome number and drops repeats. */
static int candidates_unique(candidates *c)
{
    size_t *order = malloc((c->count + 1) * sizeof *order), *tmp = malloc((c->count + 1) * sizeof *tmp);
    uint32_t *sorted = malloc((c->count + 1) * c->issues * sizeof *sorted);
    if (!order || !tmp || !sorted) {
        free(order);
        free(tmp);
        free(sorted);
        return PARLEY_ENOMEM;
    }
    for (size_t i = 0; i < c->count; i++)
        order[i] = i;
    sort_order(c, order, tmp, 0, c->count);
    size_t kept = 0;
    for (size_t i = 0; i < c->count; i++) {
        const uint32_t *v = c->values + order[i] * c->issues;
        if (kept == 0 || values_cmp(v, sorted + (kept - 1) * c->issues, c->issues) != 0)
            memcpy(sorted + kept++ * c->issues, v, c->issues * sizeof *v);
    }
    free(order);
    free(tmp);
    free(c->values);
    c->values = sorted;
    c->count = c->cap = kept;
    return PARLEY_OK;
}

/* Every change of one issue of the agreement and, when there are at most `budget` of them, of two. */
static int add_neighbours(candidates *c, const parley_space *space, const uint32_t *agreement, uint64_t budget)
{
    size_t issues = c->issues;
    uint32_t *v = malloc(issues * sizeof *v);
    if (!v)
        return PARLEY_ENOMEM;
    double pairs = 0, singles = 0;
    for (size_t i = 0; i < issues; i++) {
        double a = parley_issue_value_count(space, i) - 1.0;
        pairs += a * singles;
        singles += a;
    }
    int rc = PARLEY_OK;
    memcpy(v, agreement, issues * sizeof *v);
    for (size_t i = 0; i < issues && !rc; i++) {
        for (uint32_t a = 0; a < parley_issue_value_count(space, i) && !rc; a++) {
            if (a == agreement[i])
                continue;
            v[i] = a;
            rc = candidates_add(c, v);
            for (size_t j = i + 1; j < issues && !rc && pairs <= (double)budget; j++) {
                for (uint32_t b = 0; b < parley_issue_value_count(space, j) && !rc; b++) {
                    if (b == agreement[j])
                        continue;
                    v[j] = b;
                    rc = candidates_add(c, v);
                }
                v[j] = agreement[j];
            }
        }
        v[i] = agreement[i];
    }
    free(v);
    return rc;
}

/* The bounded search's candidates: the approximate frontier and the agreement's neighbours. */
static int search_candidates(improve_ctx *x, const uint32_t *agreement, const parley_improve_options *o,
                             candidates *c, parley_error *err)
{
    parley_approx_options ao = {0};
    ao.threads = o->threads ? o->threads : 1;
    ao.evaluations = o->evaluations ? o->evaluations : DEFAULT_EVALUATIONS;
    parley_approx *a = NULL;
    int rc = parley_analyze_approximate(x->sc, &ao, &a, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < parley_approx_frontier_count(a) && !rc; i++)
        rc = candidates_add(c, parley_approx_frontier_outcome(a, i));
    x->r->method = parley_approx_exact(a)
                       ? "bounded search: the exact Pareto frontier of the acceptable packages and every change of "
                         "one or two issues of the agreement (other improvements, dominated ones, were not listed)"
                       : "bounded search: the Pareto frontier found by the approximate analysis and every change of "
                         "one or two issues of the agreement (an improvement the search missed may exist)";
    parley_approx_free(a);
    if (!rc)
        rc = add_neighbours(c, parley_scenario_space(x->sc), agreement,
                            o->max_enumerate ? o->max_enumerate : DEFAULT_ENUMERATE);
    if (!rc)
        rc = candidates_unique(c);
    return rc ? parley_error_set(err, rc, "out of memory") : PARLEY_OK;
}

static void ctx_free(improve_ctx *x)
{
    for (size_t k = 0; x->eu && k < x->n; k++)
        parley_utility_free(x->eu[k]);
    free(x->eu);
    free(x->party);
    free(x->after);
    free(x->nash_u);
    free(x->nash_values);
}

void parley_improvements_free(parley_improvements *r)
{
    if (!r)
        return;
    free(r->packages);
    free(r->after);
    free(r->key);
    free(r->log_gain);
    free(r->before);
    free(r);
}

static parley_improvements *result_new(size_t issues, size_t n, size_t cap)
{
    parley_improvements *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->issues = issues;
    r->n = n;
    r->cap = cap;
    r->packages = malloc(cap * issues * sizeof *r->packages);
    r->after = malloc(cap * n * sizeof *r->after);
    r->key = malloc(cap * sizeof *r->key);
    r->log_gain = malloc(cap * sizeof *r->log_gain);
    r->before = calloc(n, sizeof *r->before);
    if (!r->packages || !r->after || !r->key || !r->log_gain || !r->before) {
        parley_improvements_free(r);
        return NULL;
    }
    return r;
}

int parley_improve(const parley_scenario *sc, const uint32_t *agreement, const parley_improve_options *options,
                   parley_improvements **out, parley_error *err)
{
    static const parley_improve_options defaults = {0};
    const parley_improve_options *o = options ? options : &defaults;
    const parley_space *space = parley_scenario_space(sc);
    size_t issues = parley_space_issue_count(space), n = parley_scenario_negotiator_count(sc);
    *out = NULL;
    for (size_t i = 0; i < issues; i++)
        if (agreement[i] >= parley_issue_value_count(space, i))
            return parley_error_set(err, PARLEY_EINVAL, "the agreement's value of issue '%s' is outside the issue",
                                    parley_issue_name(space, i));
    improve_ctx x = {.sc = sc, .issues = issues, .n = n};
    x.eu = calloc(n ? n : 1, sizeof *x.eu);
    x.party = calloc(n ? n : 1, sizeof *x.party);
    x.after = calloc(n ? n : 1, sizeof *x.after);
    x.nash_u = calloc(n ? n : 1, sizeof *x.nash_u);
    x.nash_values = calloc(issues ? issues : 1, sizeof *x.nash_values);
    uint32_t *values = calloc(issues ? issues : 1, sizeof *values);
    x.r = result_new(issues ? issues : 1, n ? n : 1, o->limit ? o->limit : DEFAULT_LIMIT);
    candidates c = {.issues = issues};
    int rc = x.eu && x.party && x.after && x.nash_u && x.nash_values && values && x.r ? PARLEY_OK : PARLEY_ENOMEM;
    for (size_t k = 0; !rc && k < n; k++) {
        x.party[k] = parley_scenario_negotiator(sc, k);
        if (!(x.eu[k] = parley_scenario_expected_utility(sc, x.party[k], -1)))
            rc = PARLEY_ENOMEM;
        else
            x.r->before[k] = value_of(&x, k, agreement);
    }
    if (rc) {
        parley_error_set(err, rc, "out of memory");
        goto done;
    }
    uint64_t size = 0, limit = o->max_enumerate ? o->max_enumerate : DEFAULT_ENUMERATE;
    x.r->exhaustive = parley_space_size_u64(space, &size) == PARLEY_OK && size <= limit;
    if (x.r->exhaustive) {
        x.r->method = "every package of the space was considered";
        each_outcome(&x, pass_nash, values);
        if (x.have_nash)
            each_outcome(&x, pass_nearest, values);
    } else {
        if ((rc = search_candidates(&x, agreement, o, &c, err)))
            goto done;
        for (size_t i = 0; i < c.count; i++)
            pass_nash(&x, c.values + i * issues);
        for (size_t i = 0; x.have_nash && i < c.count; i++)
            pass_nearest(&x, c.values + i * issues);
    }
    *out = x.r;
    x.r = NULL;
done:
    parley_improvements_free(x.r);
    ctx_free(&x);
    free(values);
    free(c.values);
    return rc;
}

size_t parley_improvements_count(const parley_improvements *r)
{
    return r->count;
}

const uint32_t *parley_improvements_package(const parley_improvements *r, size_t i)
{
    return r->packages + i * r->issues;
}

const double *parley_improvements_before(const parley_improvements *r)
{
    return r->before;
}

const double *parley_improvements_after(const parley_improvements *r, size_t i)
{
    return r->after + i * r->n;
}

int parley_improvements_exhaustive(const parley_improvements *r)
{
    return r->exhaustive;
}

uint64_t parley_improvements_found(const parley_improvements *r)
{
    return r->found;
}

const char *parley_improvements_method(const parley_improvements *r)
{
    return r->method;
}

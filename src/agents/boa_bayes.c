/*
 * boa_bayes.c: the scalable Bayesian opponent model of GENIUS 10.4
 * (agents.bayesianopponentmodel.BayesianOpponentModelScalable, used by
 * NiceTitForTat and by the BOA ScalableBayesianModel), after Hindriks and
 * Tykhonov (2008).  For every issue independently:
 *   - weight hypotheses j/10, j = 0..10, prior proportional to (1 - (j+1)/11)^3;
 *   - value-function hypotheses over its n values (in the domain's order),
 *     uniform prior: uphill (1000 x + 1), downhill (1000 (n-1-x) + 1) and, when
 *     n > 2, a triangle peaking at each inner value k (1000 x / k below it,
 *     1000 (n-1-x) / (n-1-k) + 1 from it, in integer arithmetic), each divided
 *     by its largest value.
 * A bid's utility is sum_i E[w_i] E[v_i(x_i)] (weights are not normalised).
 * A bid seen before is ignored.  Each new bid is assumed to be worth P to the
 * opponent (P = 1, less 0.003 after every new bid); a hypothesis is weighed by
 * the normal density (sigma 0.25) of the relative drop (P - u) / P, u the bid's
 * utility under it, the other issues at their expected values: first the
 * weights of every issue (not on the first bid), then the value functions with
 * the new weights.  Evaluations are normalised by the smallest and largest
 * expected utility over the outcomes (taken below 1 and above 0).
 * As in the original, once every hypothesis of an issue has likelihood 0 (the
 * density underflows when P nears 0, after about 330 different bids) the model
 * breaks down: it rates every outcome 0 and learns no more (the original's NaN).
 */
#include "agents/boa_bayes.h"

#include <parley/error.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WEIGHT_HYPS 11
#define SIGMA 0.25
#define DROP_PER_BID 0.003

struct boa_bayes {
    const parley_space *space;
    size_t issues;
    uint32_t *values;    /* [issues] value count */
    size_t *hyp_off;     /* [issues + 1] offset of issue i's value hypotheses */
    double *value_p;     /* [hyp_off[issues]] their probabilities */
    double *weight_p;    /* [issues * WEIGHT_HYPS] */
    double *w, *e, *tmp; /* [issues] expected weights; expected value of the bid being learnt; scratch */
    double *shape;       /* [largest hypothesis count] scratch */
    double expected;     /* P: what the next new bid is assumed to be worth */
    double min_u, max_u; /* normalisation */
    int broken;
    /* the bids seen: rows of `issues` values, and an open-addressing set of their numbers */
    uint32_t *seen;
    size_t seen_count, seen_cap, *slots, slot_cap;
};

/* Hypothesis h of an issue with n values: its normalised value of value x (h 0 uphill, 1 downhill, k + 1 triangle k). */
static double hyp_value(size_t h, uint32_t n, uint32_t x)
{
    long big = 1000L * (long)(n - 1) + 1;
    if (h == 0)
        return (double)(1000L * x + 1) / (double)big;
    if (h == 1)
        return (double)(1000L * (long)(n - 1 - x) + 1) / (double)big;
    long k = (long)h - 1;
    long raw = (long)x < k ? 1000L * x / k : 1000L * ((long)n - 1 - x) / ((long)n - 1 - k) + 1;
    return (double)raw / 1001.0;
}

static size_t hyp_count(uint32_t n)
{
    return n > 2 ? n : 2;
}

static double expected_value(const struct boa_bayes *b, size_t i, uint32_t x)
{
    double e = 0;
    for (size_t h = 0; h < b->hyp_off[i + 1] - b->hyp_off[i]; h++)
        e += b->value_p[b->hyp_off[i] + h] * hyp_value(h, b->values[i], x);
    return e;
}

static double expected_weight(const struct boa_bayes *b, size_t i)
{
    double w = 0;
    for (size_t j = 0; j < WEIGHT_HYPS; j++)
        w += b->weight_p[i * WEIGHT_HYPS + j] * (double)j / (WEIGHT_HYPS - 1);
    return w;
}

/* Expected weights, and the normalisation over the outcomes (min below 1, max above 0, as the original's scan). */
static void refresh(struct boa_bayes *b)
{
    double lo = 0, hi = 0;
    for (size_t i = 0; i < b->issues; i++) {
        b->w[i] = expected_weight(b, i);
        double vlo = INFINITY, vhi = -INFINITY;
        for (uint32_t x = 0; x < b->values[i]; x++) {
            double e = expected_value(b, i, x);
            vlo = e < vlo ? e : vlo;
            vhi = e > vhi ? e : vhi;
        }
        lo += b->w[i] * vlo;
        hi += b->w[i] * vhi;
    }
    b->min_u = lo < 1 ? lo : 1;
    b->max_u = hi > 0 ? hi : 0;
    if (!(b->max_u > b->min_u)) /* the original's normalisation is then NaN: it breaks down */
        b->broken = 1;
}

void boa_bayes_free(struct boa_bayes *b)
{
    if (!b)
        return;
    free(b->values);
    free(b->hyp_off);
    free(b->value_p);
    free(b->weight_p);
    free(b->w);
    free(b->shape);
    free(b->seen);
    free(b->slots);
    free(b);
}

struct boa_bayes *boa_bayes_new(const parley_space *space)
{
    struct boa_bayes *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->space = space;
    b->issues = parley_space_issue_count(space);
    size_t n = b->issues ? b->issues : 1;
    if (!(b->values = malloc(n * sizeof *b->values)) || !(b->hyp_off = malloc((n + 1) * sizeof *b->hyp_off)) ||
        !(b->weight_p = malloc(n * WEIGHT_HYPS * sizeof *b->weight_p)) || !(b->w = malloc(3 * n * sizeof *b->w)))
        goto nomem;
    b->e = b->w + n;
    b->tmp = b->w + 2 * n;
    b->hyp_off[0] = 0;
    size_t most = WEIGHT_HYPS;
    for (size_t i = 0; i < b->issues; i++) {
        b->values[i] = parley_issue_value_count(space, i);
        b->hyp_off[i + 1] = b->hyp_off[i] + hyp_count(b->values[i]);
        most = hyp_count(b->values[i]) > most ? hyp_count(b->values[i]) : most;
    }
    if (!(b->shape = malloc(most * sizeof *b->shape)))
        goto nomem;
    if (!(b->value_p = malloc((b->hyp_off[b->issues] ? b->hyp_off[b->issues] : 1) * sizeof *b->value_p)))
        goto nomem;
    double prior[WEIGHT_HYPS], total = 0;
    for (size_t j = 0; j < WEIGHT_HYPS; j++) {
        double d = 1.0 - ((double)j + 1.0) / WEIGHT_HYPS;
        total += prior[j] = d * d * d;
    }
    for (size_t i = 0; i < b->issues; i++) {
        for (size_t j = 0; j < WEIGHT_HYPS; j++)
            b->weight_p[i * WEIGHT_HYPS + j] = prior[j] / total;
        size_t h = b->hyp_off[i + 1] - b->hyp_off[i];
        for (size_t k = 0; k < h; k++)
            b->value_p[b->hyp_off[i] + k] = 1.0 / (double)h;
    }
    b->expected = 1;
    refresh(b);
    return b;
nomem:
    boa_bayes_free(b);
    return NULL;
}

static size_t bid_hash(const uint32_t *bid, size_t issues)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < issues; i++)
        h = (h ^ bid[i]) * 1099511628211ULL;
    return (size_t)(h ^ (h >> 29));
}

/* 1 when the bid was seen before; otherwise records it and returns 0 (or PARLEY_ENOMEM). */
static int seen_before(struct boa_bayes *b, const uint32_t *bid)
{
    size_t row = b->issues ? b->issues : 1;
    if (2 * (b->seen_count + 1) > b->slot_cap) { /* grow the set (and rehash) */
        size_t cap = b->slot_cap ? 2 * b->slot_cap : 64;
        size_t *slots = malloc(cap * sizeof *slots);
        if (!slots)
            return PARLEY_ENOMEM;
        for (size_t s = 0; s < cap; s++)
            slots[s] = SIZE_MAX;
        for (size_t k = 0; k < b->seen_count; k++) {
            size_t s = bid_hash(b->seen + k * row, b->issues) & (cap - 1);
            while (slots[s] != SIZE_MAX)
                s = (s + 1) & (cap - 1);
            slots[s] = k;
        }
        free(b->slots);
        b->slots = slots;
        b->slot_cap = cap;
    }
    size_t s = bid_hash(bid, b->issues) & (b->slot_cap - 1);
    for (; b->slots[s] != SIZE_MAX; s = (s + 1) & (b->slot_cap - 1))
        if (memcmp(b->seen + b->slots[s] * row, bid, b->issues * sizeof *bid) == 0)
            return 1;
    if (b->seen_count == b->seen_cap) {
        size_t cap = b->seen_cap ? 2 * b->seen_cap : 64;
        uint32_t *seen = realloc(b->seen, cap * row * sizeof *seen);
        if (!seen)
            return PARLEY_ENOMEM;
        b->seen = seen;
        b->seen_cap = cap;
    }
    memcpy(b->seen + b->seen_count * row, bid, b->issues * sizeof *bid);
    b->slots[s] = b->seen_count++;
    return 0;
}

/* The likelihood of a hypothesis that values the bid at u (the density's constant factor cancels). */
static double likelihood(double u, double expected)
{
    double x = (expected - u) / expected;
    return exp(-(x * x) / (2.0 * SIGMA * SIGMA));
}

/* Multiplies p[0..n-1] by the likelihood of utility partial + scale * level[k]; renormalises. 0 when all vanish. */
static int bayes_rule(double *p, size_t n, double partial, const double *level, double scale, double expected)
{
    double total = 0;
    for (size_t k = 0; k < n; k++)
        total += p[k] *= likelihood(partial + scale * level[k], expected);
    if (!(total > 0) || !isfinite(total))
        return 0;
    for (size_t k = 0; k < n; k++)
        p[k] /= total;
    return 1;
}

/* Sum of weight[k] * e[k] over every issue but `skip`. */
static double partial_utility(const struct boa_bayes *b, const double *weight, size_t skip)
{
    double u = 0;
    for (size_t k = 0; k < b->issues; k++)
        if (k != skip)
            u += weight[k] * b->e[k];
    return u;
}

int boa_bayes_observe(struct boa_bayes *b, const uint32_t *bid)
{
    if (b->broken)
        return PARLEY_OK;
    int rc = seen_before(b, bid);
    if (rc != 0)
        return rc == 1 ? PARLEY_OK : rc;
    for (size_t i = 0; i < b->issues; i++) {
        b->e[i] = expected_value(b, i, bid[i]);
        b->w[i] = expected_weight(b, i);
    }
    if (b->seen_count > 1) /* the weights, all from the beliefs before this bid */
        for (size_t i = 0; i < b->issues; i++) {
            for (size_t j = 0; j < WEIGHT_HYPS; j++)
                b->shape[j] = (double)j / (WEIGHT_HYPS - 1);
            if (!bayes_rule(&b->weight_p[i * WEIGHT_HYPS], WEIGHT_HYPS, partial_utility(b, b->w, i), b->shape,
                            b->e[i], b->expected))
                b->broken = 1;
        }
    for (size_t i = 0; i < b->issues; i++)
        b->tmp[i] = expected_weight(b, i);
    for (size_t i = 0; i < b->issues && !b->broken; i++) { /* the value functions, with the new weights */
        size_t h = b->hyp_off[i + 1] - b->hyp_off[i];
        for (size_t k = 0; k < h; k++)
            b->shape[k] = hyp_value(k, b->values[i], bid[i]);
        if (!bayes_rule(&b->value_p[b->hyp_off[i]], h, partial_utility(b, b->tmp, i), b->shape, b->tmp[i],
                        b->expected))
            b->broken = 1;
    }
    b->expected -= DROP_PER_BID;
    refresh(b);
    return PARLEY_OK;
}

double boa_bayes_eval(const struct boa_bayes *b, const uint32_t *outcome)
{
    if (b->broken || !(b->max_u > b->min_u))
        return 0;
    double u = 0;
    for (size_t i = 0; i < b->issues; i++)
        u += b->w[i] * expected_value(b, i, outcome[i]);
    return (u - b->min_u) / (b->max_u - b->min_u);
}

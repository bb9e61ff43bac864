/*
 * boa_model.c: opponent models (the "O" of BOA): estimates of another party's
 * utility learnt from the bids it makes.
 *   - frequency: HardHeaded's (van Krimpen et al., ANAC 2011): every value starts
 *     with count 1 and gains 1 each time the opponent offers it; an issue whose
 *     value did not change between two consecutive bids gains weight 0.2/n
 *     (weights renormalised).  A value is worth its count over the issue's
 *     largest count.
 *   - smith: the Smith frequency model of GENIUS: values as above; an issue's
 *     weight is its largest value count over the bids seen (how steadily the
 *     opponent keeps one value), normalised.
 *   - bayes: Hindriks and Tykhonov (2008), in its scalable form: for every issue
 *     independent hypotheses over the value function (triangular shapes peaking
 *     at each value; the ends are the downhill and uphill shapes) and over the
 *     weight (5 levels); each bid updates them by Bayes' rule, assuming the
 *     opponent's bid at time t is worth about 1 - 0.3 t to it (sigma 0.3),
 *     the other issues held at their expected values; a bid repeated right
 *     after itself is not counted again (no new evidence).
 *   - perfect: the true utility (an oracle, for measuring).
 */
#include "agents/boa.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum model_kind { MODEL_FREQUENCY, MODEL_SMITH, MODEL_BAYES, MODEL_PERFECT };

#define WEIGHT_LEVELS 5
#define MAX_PEAKS 64

struct parley_opponent_model {
    enum model_kind kind;
    const parley_space *space;
    const parley_utility *truth; /* perfect only */
    size_t issues, bids;
    size_t *off;         /* [issues + 1] offset of issue i's values in the value tables */
    double *count;       /* [total values] frequency counts */
    double *value;       /* [total values] estimated value utility (bayes: expected shape) */
    double *weight;      /* [issues] estimated (normalised) weights */
    uint32_t *last;      /* [issues] previous bid */
    /* bayes */
    size_t *peaks;       /* [issues] number of shape hypotheses */
    double *shape_p;     /* [issues * MAX_PEAKS] probabilities of the shapes */
    double *weight_p;    /* [issues * WEIGHT_LEVELS] probabilities of the weight levels */
};

const char *parley_opponent_model_name(const parley_opponent_model *m)
{
    static const char *const names[] = {"frequency", "smith", "bayes", "perfect"};
    return names[m->kind];
}

void parley_opponent_model_free(parley_opponent_model *m)
{
    if (!m)
        return;
    free(m->off);
    free(m->count);
    free(m->value);
    free(m->weight);
    free(m->last);
    free(m->peaks);
    free(m->shape_p);
    free(m->weight_p);
    free(m);
}

parley_opponent_model *parley_opponent_model_perfect(const parley_utility *truth)
{
    parley_opponent_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->kind = MODEL_PERFECT;
    m->truth = truth;
    m->space = parley_utility_space(truth);
    m->issues = parley_space_issue_count(m->space);
    return m;
}

/* Position (0..m-1) of shape hypothesis h of an issue with m values and `peaks` hypotheses. */
static double peak_position(size_t h, size_t peaks, uint32_t m)
{
    return peaks <= 1 ? 0 : (double)h * (double)(m - 1) / (double)(peaks - 1);
}

/* Triangular value function peaking at p over values 0..m-1. */
static double shape(double p, uint32_t m, uint32_t x)
{
    if (m <= 1)
        return 1;
    double span = p > (double)(m - 1) - p ? p : (double)(m - 1) - p;
    return span > 0 ? 1 - fabs((double)x - p) / span : 1;
}

static void bayes_refresh(parley_opponent_model *m)
{
    double total = 0;
    for (size_t i = 0; i < m->issues; i++) {
        uint32_t n = parley_issue_value_count(m->space, i);
        for (uint32_t x = 0; x < n; x++) {
            double e = 0;
            for (size_t h = 0; h < m->peaks[i]; h++)
                e += m->shape_p[i * MAX_PEAKS + h] * shape(peak_position(h, m->peaks[i], n), n, x);
            m->value[m->off[i] + x] = e;
        }
        double w = 0;
        for (size_t l = 0; l < WEIGHT_LEVELS; l++)
            w += m->weight_p[i * WEIGHT_LEVELS + l] * (double)(l + 1) / WEIGHT_LEVELS;
        m->weight[i] = w;
        total += w;
    }
    for (size_t i = 0; i < m->issues; i++)
        m->weight[i] /= total;
}

int parley_opponent_model_new(const char *name, const parley_space *space, parley_opponent_model **out,
                              parley_error *err)
{
    enum model_kind kind;
    *out = NULL;
    if (strcmp(name, "frequency") == 0)
        kind = MODEL_FREQUENCY;
    else if (strcmp(name, "smith") == 0)
        kind = MODEL_SMITH;
    else if (strcmp(name, "bayes") == 0)
        kind = MODEL_BAYES;
    else
        return parley_error_set(err, PARLEY_EINVAL, "unknown opponent model '%s' (expected frequency, smith or bayes; "
                                "the perfect model needs the true utility)", name);
    parley_opponent_model *m = calloc(1, sizeof *m);
    if (!m)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    m->kind = kind;
    m->space = space;
    m->issues = parley_space_issue_count(space);
    size_t n = m->issues;
    if (!(m->off = malloc((n + 1) * sizeof *m->off)) || !(m->weight = malloc((n ? n : 1) * sizeof *m->weight)) ||
        !(m->last = calloc(n ? n : 1, sizeof *m->last)))
        goto nomem;
    m->off[0] = 0;
    for (size_t i = 0; i < n; i++)
        m->off[i + 1] = m->off[i] + parley_issue_value_count(space, i);
    size_t total = m->off[n];
    if (!(m->count = malloc((total ? total : 1) * sizeof *m->count)) ||
        !(m->value = malloc((total ? total : 1) * sizeof *m->value)))
        goto nomem;
    for (size_t j = 0; j < total; j++) {
        m->count[j] = 1;
        m->value[j] = 1;
    }
    for (size_t i = 0; i < n; i++)
        m->weight[i] = 1.0 / (double)n;
    if (kind == MODEL_BAYES) {
        if (!(m->peaks = malloc((n ? n : 1) * sizeof *m->peaks)) ||
            !(m->shape_p = calloc((n ? n : 1) * MAX_PEAKS, sizeof *m->shape_p)) ||
            !(m->weight_p = calloc((n ? n : 1) * WEIGHT_LEVELS, sizeof *m->weight_p)))
            goto nomem;
        for (size_t i = 0; i < n; i++) {
            uint32_t values = parley_issue_value_count(space, i);
            m->peaks[i] = values < MAX_PEAKS ? values : MAX_PEAKS;
            for (size_t h = 0; h < m->peaks[i]; h++)
                m->shape_p[i * MAX_PEAKS + h] = 1.0 / (double)m->peaks[i];
            for (size_t l = 0; l < WEIGHT_LEVELS; l++)
                m->weight_p[i * WEIGHT_LEVELS + l] = 1.0 / WEIGHT_LEVELS;
        }
        bayes_refresh(m);
    }
    *out = m;
    return PARLEY_OK;
nomem:
    parley_opponent_model_free(m);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
}

static void frequency_values(parley_opponent_model *m)
{
    for (size_t i = 0; i < m->issues; i++) {
        double top = 0;
        for (size_t j = m->off[i]; j < m->off[i + 1]; j++)
            top = m->count[j] > top ? m->count[j] : top;
        for (size_t j = m->off[i]; j < m->off[i + 1]; j++)
            m->value[j] = top > 0 ? m->count[j] / top : 1;
    }
}

static void normalise(double *w, size_t n)
{
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += w[i];
    for (size_t i = 0; i < n && total > 0; i++)
        w[i] /= total;
}

static double gauss(double x, double mean, double sigma)
{
    double z = (x - mean) / sigma;
    return exp(-0.5 * z * z);
}

static void bayes_update(parley_opponent_model *m, const uint32_t *bid, double t)
{
    const double sigma = 0.3, expected = 1 - 0.3 * t;
    double raw_total = 0;
    for (size_t i = 0; i < m->issues; i++)
        raw_total += m->weight[i];
    for (size_t i = 0; i < m->issues; i++) {
        uint32_t n = parley_issue_value_count(m->space, i);
        double rest = 0;
        for (size_t k = 0; k < m->issues; k++)
            if (k != i)
                rest += m->weight[k] * m->value[m->off[k] + bid[k]];
        double sum = 0, *p = &m->shape_p[i * MAX_PEAKS];
        for (size_t h = 0; h < m->peaks[i]; h++) {
            double u = rest + m->weight[i] * shape(peak_position(h, m->peaks[i], n), n, bid[i]);
            p[h] *= gauss(u, expected, sigma);
            sum += p[h];
        }
        for (size_t h = 0; h < m->peaks[i]; h++)
            p[h] = sum > 0 ? p[h] / sum : 1.0 / (double)m->peaks[i];
        double *q = &m->weight_p[i * WEIGHT_LEVELS], others = raw_total - m->weight[i];
        sum = 0;
        for (size_t l = 0; l < WEIGHT_LEVELS; l++) {
            double w = (double)(l + 1) / WEIGHT_LEVELS, wn = w / (w + others);
            double u = rest * (1 - wn) / (others > 0 ? others : 1) + wn * m->value[m->off[i] + bid[i]];
            q[l] *= gauss(u, expected, sigma);
            sum += q[l];
        }
        for (size_t l = 0; l < WEIGHT_LEVELS; l++)
            q[l] = sum > 0 ? q[l] / sum : 1.0 / WEIGHT_LEVELS;
    }
    bayes_refresh(m);
}

int parley_opponent_model_observe(parley_opponent_model *m, const uint32_t *bid, double t)
{
    switch (m->kind) {
    case MODEL_PERFECT:
        break;
    case MODEL_BAYES:
        if (m->bids == 0 || memcmp(bid, m->last, m->issues * sizeof *bid) != 0)
            bayes_update(m, bid, t); /* a repeated bid is no new evidence */
        break;
    case MODEL_FREQUENCY:
        if (m->bids > 0) {
            for (size_t i = 0; i < m->issues; i++)
                if (bid[i] == m->last[i])
                    m->weight[i] += 0.2 / (double)m->issues;
            normalise(m->weight, m->issues);
        }
        /* both frequency models count values */
        __attribute__((fallthrough));
    case MODEL_SMITH:
        for (size_t i = 0; i < m->issues; i++)
            m->count[m->off[i] + bid[i]] += 1;
        frequency_values(m);
        if (m->kind == MODEL_SMITH) {
            for (size_t i = 0; i < m->issues; i++) {
                double top = 0;
                for (size_t j = m->off[i]; j < m->off[i + 1]; j++)
                    top = m->count[j] > top ? m->count[j] : top;
                m->weight[i] = top / (double)(m->bids + 1);
            }
            normalise(m->weight, m->issues);
        }
        break;
    }
    if (m->last)
        memcpy(m->last, bid, m->issues * sizeof *bid);
    m->bids++;
    return PARLEY_OK;
}

size_t parley_opponent_model_bids(const parley_opponent_model *m)
{
    return m->bids;
}

double parley_opponent_model_eval(const parley_opponent_model *m, const uint32_t *outcome)
{
    if (m->kind == MODEL_PERFECT)
        return parley_utility_eval(m->truth, outcome);
    double u = 0;
    for (size_t i = 0; i < m->issues; i++)
        u += m->weight[i] * m->value[m->off[i] + outcome[i]];
    return u;
}

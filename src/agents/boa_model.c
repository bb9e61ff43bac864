/*
 * boa_model.c: opponent models (the "O" of BOA): estimates of another party's
 * utility learnt from the bids it makes.
 *   - frequency: HardHeaded's (van Krimpen et al., ANAC 2011): every value starts
 *     with count 1 and gains 1 each time the opponent offers it; an issue whose
 *     value did not change between two consecutive bids gains weight 0.2/n
 *     (weights renormalised).  A value is worth its count over the issue's
 *     largest count.
 *   - smith: GENIUS's SmithFrequencyModel (AgentSmith, ANAC 2010): over the B
 *     bids seen, a value is worth its count / B and an issue weighs its largest
 *     value count / B, the weights normalised to sum 1; every outcome is worth
 *     0 before the first bid.
 *   - bayes: GENIUS's scalable Bayesian model (Hindriks and Tykhonov 2008), in
 *     boa_bayes.c.
 *   - perfect: the true utility (an oracle, for measuring).
 */
#include "agents/boa.h"
#include "agents/boa_bayes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum model_kind { MODEL_FREQUENCY, MODEL_SMITH, MODEL_BAYES, MODEL_PERFECT };

struct parley_opponent_model {
    enum model_kind kind;
    const parley_space *space;
    const parley_utility *truth; /* perfect only */
    size_t issues, bids;
    size_t *off;         /* [issues + 1] offset of issue i's values in the value tables */
    double *count;       /* [total values] frequency counts */
    double *value;       /* [total values] estimated value utility */
    double *weight;      /* [issues] estimated (normalised) weights */
    uint32_t *last;      /* [issues] previous bid */
    struct boa_bayes *bayes;
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
    boa_bayes_free(m->bayes);
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
    double start = kind == MODEL_SMITH ? 0 : 1; /* Smith counts from 0 and rates everything 0 before a bid */
    for (size_t j = 0; j < total; j++) {
        m->count[j] = start;
        m->value[j] = start;
    }
    for (size_t i = 0; i < n; i++)
        m->weight[i] = 1.0 / (double)n;
    if (kind == MODEL_BAYES && !(m->bayes = boa_bayes_new(space)))
        goto nomem;
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

/* Smith: values count / bids, weights largest count / bids, normalised. */
static void smith_observe(parley_opponent_model *m, const uint32_t *bid)
{
    double bids = (double)(m->bids + 1);
    for (size_t i = 0; i < m->issues; i++) {
        m->count[m->off[i] + bid[i]] += 1;
        double top = 0;
        for (size_t j = m->off[i]; j < m->off[i + 1]; j++) {
            top = m->count[j] > top ? m->count[j] : top;
            m->value[j] = m->count[j] / bids;
        }
        m->weight[i] = top / bids;
    }
    normalise(m->weight, m->issues);
}

int parley_opponent_model_observe(parley_opponent_model *m, const uint32_t *bid, double t)
{
    switch (m->kind) {
    case MODEL_PERFECT:
        break;
    case MODEL_BAYES:
        if (boa_bayes_observe(m->bayes, bid) != PARLEY_OK)
            return PARLEY_ENOMEM;
        break;
    case MODEL_FREQUENCY:
        if (m->bids > 0) {
            for (size_t i = 0; i < m->issues; i++)
                if (bid[i] == m->last[i])
                    m->weight[i] += 0.2 / (double)m->issues;
            normalise(m->weight, m->issues);
        }
        for (size_t i = 0; i < m->issues; i++)
            m->count[m->off[i] + bid[i]] += 1;
        frequency_values(m);
        break;
    case MODEL_SMITH:
        smith_observe(m, bid);
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
    if (m->kind == MODEL_BAYES)
        return boa_bayes_eval(m->bayes, outcome);
    double u = 0;
    for (size_t i = 0; i < m->issues; i++)
        u += m->weight[i] * m->value[m->off[i] + outcome[i]];
    return u;
}

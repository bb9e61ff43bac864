/*
 * stats.c: statistics over a finished tournament: per agent the mean
 * discounted utility with a percentile bootstrap 95% interval (resampling its
 * negotiations; each agent's resamples drawn from its own seeded stream, so the
 * result does not depend on threads or order), agreement rate, distances,
 * welfare and opponent-model accuracy; Welch's t-test between every two
 * agents; the meta-game of mean payoffs and the mixture its replicator
 * dynamics reach from the uniform one.
 */
#include <parley/stats.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"
#include "tournament/stats_internal.h"
#include "core/splitmix.h"

struct parley_tournament_stats {
    size_t n;
    parley_agent_stats *agents;   /* by tournament index */
    size_t *rank;                 /* rank -> tournament index */
    double *sd;                   /* standard deviation of each agent's utilities */
    double *payoff;               /* [n * n] meta-game */
    double *replicator;           /* [n] */
    double *over_time;            /* [n * 4] mean Pearson accuracy after each quarter of the agent's offers */
    unsigned bootstrap;
    uint64_t seed;
};

struct samples {
    double *x;
    size_t n;
};

struct bootstrap_job {
    struct parley_tournament_stats *s;
    struct samples *samples;
};

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Percentile bootstrap of the mean of x: the 2.5% and 97.5% quantiles of `b` resampled means. */
static void bootstrap_ci(const double *x, size_t n, unsigned b, uint64_t seed, double *low, double *high)
{
    double *means = malloc(b * sizeof *means);
    if (!means || n == 0) {
        *low = *high = NAN;
        free(means);
        return;
    }
    uint64_t state = seed;
    for (unsigned r = 0; r < b; r++) {
        double sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += x[parley_splitmix64(&state) % n];
        means[r] = sum / (double)n;
    }
    qsort(means, b, sizeof *means, compare_double);
    *low = means[(size_t)floor(0.025 * (b - 1))];
    *high = means[(size_t)ceil(0.975 * (b - 1))];
    free(means);
}

static void bootstrap_work(void *ctx, unsigned worker, unsigned workers)
{
    struct bootstrap_job *job = ctx;
    for (size_t a = worker; a < job->s->n; a += workers)
        bootstrap_ci(job->samples[a].x, job->samples[a].n, job->s->bootstrap, job->s->seed + 7919 * (a + 1),
                     &job->s->agents[a].ci_low, &job->s->agents[a].ci_high);
}

void parley_tournament_stats_free(parley_tournament_stats *s)
{
    if (!s)
        return;
    free(s->agents);
    free(s->rank);
    free(s->sd);
    free(s->payoff);
    free(s->replicator);
    free(s->over_time);
    free(s);
}

static double mean_or_nan(double sum, double n)
{
    return n > 0 ? sum / n : NAN;
}

/* Replicator dynamics x' = x (Mx - x.Mx) from the uniform mixture (Euler steps), payoffs never met as 0. */
static void replicate(struct parley_tournament_stats *s)
{
    size_t n = s->n;
    double *f = malloc(n * sizeof *f);
    if (!f)
        return;
    for (size_t a = 0; a < n; a++)
        s->replicator[a] = 1.0 / (double)n;
    for (int step = 0; step < 20000; step++) {
        double avg = 0, total = 0;
        for (size_t a = 0; a < n; a++) {
            f[a] = 0;
            for (size_t b = 0; b < n; b++)
                if (!isnan(s->payoff[a * n + b]))
                    f[a] += s->payoff[a * n + b] * s->replicator[b];
            avg += s->replicator[a] * f[a];
        }
        for (size_t a = 0; a < n; a++) {
            s->replicator[a] += 0.05 * s->replicator[a] * (f[a] - avg);
            if (s->replicator[a] < 0)
                s->replicator[a] = 0;
            total += s->replicator[a];
        }
        for (size_t a = 0; a < n && total > 0; a++)
            s->replicator[a] /= total;
    }
    free(f);
}

int parley_tournament_stats_compute(const parley_tournament *t, const parley_stats_options *options,
                                    parley_tournament_stats **out, parley_error *err)
{
    *out = NULL;
    size_t n = parley_tournament_agent_count(t), runs = parley_tournament_run_count(t);
    parley_tournament_stats *s = calloc(1, sizeof *s);
    struct samples *samples = calloc(n, sizeof *samples);
    double *sums = calloc(n * 12, sizeof *sums), *meet = calloc(n * n * 2, sizeof *meet), *quarter = NULL;
    if (!s || !samples || !sums || !meet)
        goto nomem;
    s->n = n;
    s->bootstrap = options && options->bootstrap ? options->bootstrap : 1000;
    s->seed = options ? options->seed : 1;
    if (!(s->agents = calloc(n, sizeof *s->agents)) || !(s->rank = calloc(n, sizeof *s->rank)) ||
        !(s->sd = calloc(n, sizeof *s->sd)) || !(s->payoff = calloc(n * n, sizeof *s->payoff)) ||
        !(s->replicator = calloc(n, sizeof *s->replicator)) || !(s->over_time = calloc(n * 4, sizeof *s->over_time)) ||
        !(quarter = calloc(n * 8, sizeof *quarter)))
        goto nomem;
    for (size_t a = 0; a < n; a++) {
        parley_tournament_score score;
        parley_tournament_agent_score(t, a, &score);
        if (!(samples[a].x = malloc((score.played ? score.played : 1) * sizeof *samples[a].x)))
            goto nomem;
    }
    /* sums per agent: 0 utility, 1 agreements, 2 pareto, 3 pareto count, 4 nash, 5 nash count, 6 welfare,
       7 pearson, 8 rmse, 9 kendall, 10 accuracy count, 11 kendall count */
    for (size_t i = 0; i < runs; i++) {
        const parley_tournament_run *r = parley_tournament_result(t, i);
        for (size_t k = 0; k < r->parties; k++) {
            size_t a = r->agents[k];
            double *m = &sums[a * 12];
            samples[a].x[samples[a].n++] = r->discounted[k];
            m[0] += r->discounted[k];
            m[1] += r->agreed != 0;
            if (!isnan(r->pareto_distance))
                m[2] += r->pareto_distance, m[3]++;
            if (!isnan(r->nash_distance))
                m[4] += r->nash_distance, m[5]++;
            m[6] += r->welfare;
            const parley_model_accuracy *acc = r->model_accuracy ? &r->model_accuracy[k] : NULL;
            if (acc && !isnan(acc->pearson) && !isnan(acc->rmse))
                m[7] += acc->pearson, m[8] += acc->rmse, m[10]++;
            if (acc && !isnan(acc->kendall))
                m[9] += acc->kendall, m[11]++;
            for (size_t q = 0; r->model_accuracy_over_time && q < 4; q++) {
                double p = r->model_accuracy_over_time[4 * k + q].pearson;
                if (!isnan(p))
                    quarter[8 * a + 2 * q] += p, quarter[8 * a + 2 * q + 1]++;
            }
            for (size_t j = 0; j < r->parties; j++)
                if (j != k) {
                    meet[(a * n + r->agents[j]) * 2] += r->discounted[k];
                    meet[(a * n + r->agents[j]) * 2 + 1]++;
                }
        }
    }
    for (size_t a = 0; a < n; a++) {
        parley_agent_stats *g = &s->agents[a];
        const double *m = &sums[a * 12];
        double played = (double)samples[a].n;
        g->agent = a;
        g->played = samples[a].n;
        g->agreements = (uint64_t)m[1];
        g->mean = mean_or_nan(m[0], played);
        g->agreement_rate = mean_or_nan(m[1], played);
        g->pareto_distance = mean_or_nan(m[2], m[3]);
        g->nash_distance = mean_or_nan(m[4], m[5]);
        g->welfare = mean_or_nan(m[6], played);
        g->model_pearson = mean_or_nan(m[7], m[10]);
        g->model_rmse = mean_or_nan(m[8], m[10]);
        g->model_kendall = mean_or_nan(m[9], m[11]);
        double ss = 0;
        for (size_t i = 0; i < samples[a].n; i++)
            ss += (samples[a].x[i] - g->mean) * (samples[a].x[i] - g->mean);
        s->sd[a] = samples[a].n > 1 ? sqrt(ss / (played - 1)) : 0;
        for (size_t b = 0; b < n; b++)
            s->payoff[a * n + b] = mean_or_nan(meet[(a * n + b) * 2], meet[(a * n + b) * 2 + 1]);
        for (size_t q = 0; q < 4; q++)
            s->over_time[4 * a + q] = mean_or_nan(quarter[8 * a + 2 * q], quarter[8 * a + 2 * q + 1]);
        s->rank[a] = a;
    }
    struct bootstrap_job job = {s, samples};
    unsigned threads = parley_tournament_threads(t) ? parley_tournament_threads(t) : 1;
    parley_parallel_run(threads < n ? threads : (unsigned)n, bootstrap_work, &job);
    for (size_t i = 1; i < n; i++) /* rank by mean, ties by index: stable insertion sort */
        for (size_t j = i; j > 0 && s->agents[s->rank[j]].mean > s->agents[s->rank[j - 1]].mean; j--) {
            size_t tmp = s->rank[j];
            s->rank[j] = s->rank[j - 1];
            s->rank[j - 1] = tmp;
        }
    replicate(s);
    for (size_t a = 0; a < n; a++)
        free(samples[a].x);
    free(samples);
    free(sums);
    free(meet);
    free(quarter);
    *out = s;
    return PARLEY_OK;
nomem:
    for (size_t a = 0; samples && a < n; a++)
        free(samples[a].x);
    free(samples);
    free(sums);
    free(meet);
    free(quarter);
    parley_tournament_stats_free(s);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
}

size_t parley_tournament_stats_agent_count(const parley_tournament_stats *s)
{
    return s->n;
}

const parley_agent_stats *parley_tournament_stats_agent(const parley_tournament_stats *s, size_t rank)
{
    return rank < s->n ? &s->agents[s->rank[rank]] : NULL;
}

double parley_tournament_stats_p_value(const parley_tournament_stats *s, size_t a, size_t b)
{
    const parley_agent_stats *x = &s->agents[a], *y = &s->agents[b];
    if (x->played < 2 || y->played < 2)
        return NAN;
    double se = sqrt(s->sd[a] * s->sd[a] / (double)x->played + s->sd[b] * s->sd[b] / (double)y->played);
    if (se == 0)
        return x->mean == y->mean ? 1 : 0;
    return erfc(fabs(x->mean - y->mean) / se / sqrt(2.0));
}

double parley_tournament_stats_payoff(const parley_tournament_stats *s, size_t a, size_t b)
{
    return s->payoff[a * s->n + b];
}

double parley_tournament_stats_model_over_time(const parley_tournament_stats *s, size_t a, size_t quarter)
{
    return quarter < 4 ? s->over_time[4 * a + quarter] : NAN;
}

double parley_tournament_stats_replicator(const parley_tournament_stats *s, size_t a)
{
    return s->replicator[a];
}

int tournament_model_accuracy(const parley_negotiation *neg, const parley_scenario *sc, const char *model,
                              size_t samples, parley_model_accuracy *out, size_t parties, parley_error *err)
{
    const parley_model_accuracy none = {NAN, NAN, NAN, 0};
    for (size_t k = 0; k < parties; k++) {
        parley_model_accuracy *quarters = out + parties + 4 * k;
        long n = parley_negotiation_model_accuracy(neg, sc, k, model, samples ? samples : 200, 4, quarters, NULL, err);
        if (n < 0)
            return (int)n;
        out[k] = n > 0 ? quarters[n - 1] : none;
        if (n < 4)
            for (size_t q = 0; q < 4; q++)
                quarters[q] = q == 3 ? out[k] : none;
    }
    return PARLEY_OK;
}

/*
 * stats.c: statistics over a finished tournament: per agent the mean
 * discounted utility with a percentile bootstrap 95% interval, agreement rate,
 * distances, welfare and opponent-model accuracy; Welch's t-test between every
 * two agents; the meta-game of mean payoffs and the mixture its replicator
 * dynamics reach from the uniform one.
 *
 * The unit of resampling and of the test is the cell: one scenario and one
 * assignment of agents to its parties, with all its repeats.  Repeats of a
 * deterministic pairing are identical, so treating them as independent draws
 * would make intervals narrow and differences "significant" for nothing.  The
 * bootstrap draws an agent's cells with replacement (each bringing all its
 * negotiations) and takes the mean of the negotiations drawn; Welch's test
 * compares the agents' cell means.  Each agent's resamples come from its own
 * seeded stream, so the result does not depend on threads or order.
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
    double *cell_mean;            /* [n] mean of each agent's cell means */
    double *cell_var;             /* [n] sample variance of each agent's cell means */
    double *payoff;               /* [n * n] meta-game */
    double *replicator;           /* [n]; NaN when a payoff is missing */
    size_t missing_a, missing_b;  /* the first payoff missing from the meta-game (n when none) */
    double *over_time;            /* [n * 4] mean Pearson accuracy after each quarter of the agent's offers */
    unsigned bootstrap;
    uint64_t seed;
};

/* An agent's cells: the sum and the number of its discounted utilities in each. */
struct cells {
    double *sum, *count;
    size_t n;
};

struct bootstrap_job {
    struct parley_tournament_stats *s;
    struct cells *cells;
    unsigned char *failed; /* [n]: 1 when the agent's resamples found no memory */
};

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Percentile bootstrap over cells: `b` times, draw c->n cells with replacement and take the mean of all the
   negotiations they hold; the 2.5% and 97.5% quantiles of those means (NaN without cells).  -1 when out of
   memory. */
static int bootstrap_ci(const struct cells *c, unsigned b, uint64_t seed, double *low, double *high)
{
    *low = *high = NAN;
    if (c->n == 0)
        return 0;
    double *means = malloc(b * sizeof *means);
    if (!means)
        return -1;
    uint64_t state = seed;
    for (unsigned r = 0; r < b; r++) {
        double sum = 0, count = 0;
        for (size_t i = 0; i < c->n; i++) {
            size_t pick = parley_splitmix64(&state) % c->n;
            sum += c->sum[pick];
            count += c->count[pick];
        }
        means[r] = sum / count;
    }
    qsort(means, b, sizeof *means, compare_double);
    *low = means[(size_t)floor(0.025 * (b - 1))];
    *high = means[(size_t)ceil(0.975 * (b - 1))];
    free(means);
    return 0;
}

static void bootstrap_work(void *ctx, unsigned worker, unsigned workers)
{
    struct bootstrap_job *job = ctx;
    for (size_t a = worker; a < job->s->n; a += workers)
        job->failed[a] = bootstrap_ci(&job->cells[a], job->s->bootstrap, job->s->seed + 7919 * (a + 1),
                                      &job->s->agents[a].ci_low, &job->s->agents[a].ci_high) != 0;
}

void parley_tournament_stats_free(parley_tournament_stats *s)
{
    if (!s)
        return;
    free(s->agents);
    free(s->rank);
    free(s->cell_mean);
    free(s->cell_var);
    free(s->payoff);
    free(s->replicator);
    free(s->over_time);
    free(s);
}

static double mean_or_nan(double sum, double n)
{
    return n > 0 ? sum / n : NAN;
}

/* Replicator dynamics x' = x (Mx - x.Mx) from the uniform mixture (Euler steps): an agent whose payoff against
   the mixture is above the mixture's average grows.  Not computed (NaN shares) when a payoff is missing.  -1 when
   out of memory. */
static int replicate(struct parley_tournament_stats *s)
{
    size_t n = s->n;
    s->missing_a = s->missing_b = n;
    for (size_t a = 0; a < n * n; a++)
        if (isnan(s->payoff[a])) {
            s->missing_a = a / n, s->missing_b = a % n;
            for (size_t b = 0; b < n; b++)
                s->replicator[b] = NAN;
            return 0;
        }
    double *f = malloc(n * sizeof *f);
    if (!f)
        return -1;
    for (size_t a = 0; a < n; a++)
        s->replicator[a] = 1.0 / (double)n;
    for (int step = 0; step < 20000; step++) {
        double avg = 0, total = 0;
        for (size_t a = 0; a < n; a++) {
            f[a] = 0;
            for (size_t b = 0; b < n; b++)
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
    return 0;
}

/* A run seen as a member of its cell (scenario, assignment of agents to parties). */
struct cell_key {
    const parley_tournament_run *run;
    size_t index;
};

static int compare_cell_key(const void *x, const void *y)
{
    const struct cell_key *a = x, *b = y;
    const parley_tournament_run *p = a->run, *q = b->run;
    if (p->scenario != q->scenario)
        return p->scenario < q->scenario ? -1 : 1;
    if (p->parties != q->parties)
        return p->parties < q->parties ? -1 : 1;
    for (size_t k = 0; k < p->parties; k++)
        if (p->agents[k] != q->agents[k])
            return p->agents[k] < q->agents[k] ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

/* Groups the runs into cells and gives every agent in a cell one entry: the sum and number of its discounted
   utilities over the cell's repeats (and its parties, under self-play).  cells[a] has room for a's negotiations. */
static int collect_cells(const parley_tournament *t, struct cells *cells)
{
    size_t runs = parley_tournament_run_count(t);
    struct cell_key *keys = malloc((runs ? runs : 1) * sizeof *keys);
    if (!keys)
        return -1;
    for (size_t i = 0; i < runs; i++)
        keys[i] = (struct cell_key){parley_tournament_result(t, i), i};
    qsort(keys, runs, sizeof *keys, compare_cell_key);
    for (size_t first = 0, last; first < runs; first = last) {
        for (last = first + 1; last < runs; last++) {
            struct cell_key a = keys[first], b = keys[last];
            a.index = b.index = 0;
            if (compare_cell_key(&a, &b) != 0)
                break;
        }
        const parley_tournament_run *r = keys[first].run;
        for (size_t k = 0; k < r->parties; k++) {
            size_t a = r->agents[k], seen = 0;
            for (size_t j = 0; j < k; j++)
                seen |= r->agents[j] == a;
            if (seen)
                continue;
            struct cells *c = &cells[a];
            c->sum[c->n] = c->count[c->n] = 0;
            for (size_t i = first; i < last; i++)
                for (size_t j = k; j < r->parties; j++)
                    if (keys[i].run->agents[j] == a)
                        c->sum[c->n] += keys[i].run->discounted[j], c->count[c->n]++;
            c->n++;
        }
    }
    free(keys);
    return 0;
}

/* The mean and sample variance of an agent's cell means (Welch's test compares these). */
static void cell_moments(const struct cells *c, double *mean, double *var)
{
    double sum = 0, ss = 0;
    for (size_t i = 0; i < c->n; i++)
        sum += c->sum[i] / c->count[i];
    *mean = mean_or_nan(sum, (double)c->n);
    for (size_t i = 0; i < c->n; i++)
        ss += (c->sum[i] / c->count[i] - *mean) * (c->sum[i] / c->count[i] - *mean);
    *var = c->n > 1 ? ss / (double)(c->n - 1) : NAN;
}

static void free_cells(struct cells *cells, size_t n)
{
    for (size_t a = 0; cells && a < n; a++) {
        free(cells[a].sum);
        free(cells[a].count);
    }
    free(cells);
}

int parley_tournament_stats_compute(const parley_tournament *t, const parley_stats_options *options,
                                    parley_tournament_stats **out, parley_error *err)
{
    *out = NULL;
    size_t n = parley_tournament_agent_count(t), runs = parley_tournament_run_count(t);
    parley_tournament_stats *s = calloc(1, sizeof *s);
    struct cells *cells = calloc(n, sizeof *cells);
    double *sums = calloc(n * 12, sizeof *sums), *meet = calloc(n * n * 2, sizeof *meet), *quarter = NULL;
    unsigned char *failed = calloc(n ? n : 1, 1);
    if (!s || !cells || !sums || !meet || !failed)
        goto nomem;
    s->n = n;
    s->bootstrap = options && options->bootstrap ? options->bootstrap : 1000;
    s->seed = options ? options->seed : 1;
    if (!(s->agents = calloc(n, sizeof *s->agents)) || !(s->rank = calloc(n, sizeof *s->rank)) ||
        !(s->cell_mean = calloc(n, sizeof *s->cell_mean)) || !(s->cell_var = calloc(n, sizeof *s->cell_var)) ||
        !(s->payoff = calloc(n * n, sizeof *s->payoff)) || !(s->replicator = calloc(n, sizeof *s->replicator)) ||
        !(s->over_time = calloc(n * 4, sizeof *s->over_time)) || !(quarter = calloc(n * 8, sizeof *quarter)))
        goto nomem;
    for (size_t a = 0; a < n; a++) {
        parley_tournament_score score;
        parley_tournament_agent_score(t, a, &score);
        size_t room = score.played ? score.played : 1;
        if (!(cells[a].sum = malloc(room * sizeof *cells[a].sum)) ||
            !(cells[a].count = malloc(room * sizeof *cells[a].count)))
            goto nomem;
    }
    if (collect_cells(t, cells) != 0)
        goto nomem;
    /* sums per agent: 0 utility, 1 agreements, 2 pareto, 3 pareto count, 4 nash, 5 nash count, 6 welfare,
       7 pearson, 8 rmse, 9 kendall, 10 accuracy count, 11 kendall count */
    for (size_t i = 0; i < runs; i++) {
        const parley_tournament_run *r = parley_tournament_result(t, i);
        for (size_t k = 0; k < r->parties; k++) {
            size_t a = r->agents[k];
            double *m = &sums[a * 12];
            s->agents[a].played++;
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
        double played = (double)g->played;
        g->agent = a;
        g->cells = cells[a].n;
        g->agreements = (uint64_t)m[1];
        g->mean = mean_or_nan(m[0], played);
        g->agreement_rate = mean_or_nan(m[1], played);
        g->pareto_distance = mean_or_nan(m[2], m[3]);
        g->nash_distance = mean_or_nan(m[4], m[5]);
        g->welfare = mean_or_nan(m[6], played);
        g->model_pearson = mean_or_nan(m[7], m[10]);
        g->model_rmse = mean_or_nan(m[8], m[10]);
        g->model_kendall = mean_or_nan(m[9], m[11]);
        cell_moments(&cells[a], &s->cell_mean[a], &s->cell_var[a]);
        for (size_t b = 0; b < n; b++)
            s->payoff[a * n + b] = mean_or_nan(meet[(a * n + b) * 2], meet[(a * n + b) * 2 + 1]);
        if (isnan(s->payoff[a * n + a]) && options && options->self_payoff)
            s->payoff[a * n + a] = options->self_payoff[a];
        for (size_t q = 0; q < 4; q++)
            s->over_time[4 * a + q] = mean_or_nan(quarter[8 * a + 2 * q], quarter[8 * a + 2 * q + 1]);
        s->rank[a] = a;
    }
    struct bootstrap_job job = {s, cells, failed};
    unsigned threads = parley_tournament_threads(t) ? parley_tournament_threads(t) : 1;
    if (n > 0)
        parley_parallel_run(threads < n ? threads : (unsigned)n, bootstrap_work, &job);
    for (size_t a = 0; a < n; a++)
        if (failed[a])
            goto nomem;
    for (size_t i = 1; i < n; i++) /* rank by mean, ties by index: stable insertion sort */
        for (size_t j = i; j > 0 && s->agents[s->rank[j]].mean > s->agents[s->rank[j - 1]].mean; j--) {
            size_t tmp = s->rank[j];
            s->rank[j] = s->rank[j - 1];
            s->rank[j - 1] = tmp;
        }
    if (replicate(s) != 0)
        goto nomem;
    free_cells(cells, n);
    free(sums);
    free(meet);
    free(quarter);
    free(failed);
    *out = s;
    return PARLEY_OK;
nomem:
    free_cells(cells, n);
    free(sums);
    free(meet);
    free(quarter);
    free(failed);
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
    return stats_welch_p_value(s->cell_mean[a], s->cell_var[a], (double)s->agents[a].cells, s->cell_mean[b],
                               s->cell_var[b], (double)s->agents[b].cells);
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

int parley_tournament_stats_replicator_missing(const parley_tournament_stats *s, size_t *a, size_t *b)
{
    if (s->missing_a >= s->n)
        return 0;
    if (a)
        *a = s->missing_a;
    if (b)
        *b = s->missing_b;
    return 1;
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

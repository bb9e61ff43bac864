/*
 * approx.c: parley_analyze_approximate, a search for the Pareto frontier of
 * spaces too large to enumerate (see parley/approx.h for the method).
 *
 * Each worker has its own random stream, budget and archive: (1) uniform
 * samples (the zone-of-agreement estimate), (2) coordinate-ascent climbs of
 * weighted sums of utilities for a spread of weights, started inside a random
 * hyperrectangle of a party (chosen in proportion to its weight) or at random,
 * (3) Pareto local search: every single-issue change of each archived outcome.
 * The archives are merged at the end.  Issues with many values are searched
 * on a random subset of values plus the neighbours of the current one.
 */
#include <parley/approx.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/analysis_internal.h"
#include "analysis/approx_internal.h"
#include "analysis/exact.h"
#include "core/pool.h"
#include "core/clock.h"
#include "core/progress.h"

#define DEFAULT_EVALUATIONS 2000000u
#define DEFAULT_SAMPLES 100000u
#define VALUES_TRIED 48u /* per issue and move when an issue has more values */
#define WEIGHT_STEPS 32u /* weight vectors for two parties: 0, 1/32, ..., 1 */

struct job {
    const parley_scenario *sc;
    const parley_space *space;
    size_t n, issues;
    const parley_utility **u; /* [n] */
    const double *reservation;
    uint32_t *counts;         /* [issues] */
    int constrained;          /* global constraints or red lines to check */
    double t;
    uint64_t budget, samples, seed;
    unsigned workers;
    progress_reporter *progress;
    struct worker *w;
};

struct worker {
    const struct job *job;
    uint64_t rng, used, budget;
    uint64_t reported; /* evaluations already added to the progress reporter */
    uint64_t samples, samples_ok;
    approx_archive ar;
    uint32_t *x, *y;  /* current outcome, a scratch one */
    double *ux, *uy, *lam;
    int failed;
};

static uint64_t next_random(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint32_t below(uint64_t *s, uint32_t n)
{
    return n ? (uint32_t)(next_random(s) % n) : 0;
}

static double uniform(uint64_t *s)
{
    return (double)(next_random(s) >> 11) * 0x1p-53;
}

/* Utilities of `values` into u[]; offers it to the archive when acceptable to all. Returns 1 when acceptable. */
static int evaluate(struct worker *w, const uint32_t *values, double *u)
{
    const struct job *job = w->job;
    if (++w->used - w->reported >= 4096) { /* evaluations cost about a microsecond: small chunks suffice */
        progress_add(job->progress, w->used - w->reported);
        w->reported = w->used;
    }
    int ok = 1;
    for (size_t k = 0; k < job->n; k++) {
        u[k] = quantize_utility(parley_utility_eval(job->u[k], values));
        ok &= u[k] >= job->reservation[k];
    }
    if (ok && job->constrained) {
        ok = parley_scenario_feasible(job->sc, values);
        for (size_t k = 0; ok && k < job->n; k++)
            ok = parley_scenario_red_lines_hold(job->sc, parley_scenario_negotiator(job->sc, k), values);
    }
    if (ok)
        approx_archive_offer(&w->ar, u, values);
    return ok;
}

static double scalar(const struct worker *w, const double *u)
{
    double f = 0;
    for (size_t k = 0; k < w->job->n; k++)
        f += w->lam[k] * u[k];
    return f;
}

static void random_outcome(struct worker *w, uint32_t *x)
{
    for (size_t i = 0; i < w->job->issues; i++)
        x[i] = below(&w->rng, w->job->counts[i]);
}

/* A random outcome inside a random hyperrectangle of party k (random when it has none). */
static void rectangle_outcome(struct worker *w, size_t k, uint32_t *x)
{
    const struct job *job = w->job;
    random_outcome(w, x);
    const parley_utility *u = job->u[k];
    size_t rects = parley_utility_rectangle_count(u);
    if (!rects)
        return;
    size_t cap = job->issues + 1;
    size_t issues[64];
    uint32_t lo[64], hi[64];
    double value;
    size_t m = parley_utility_rectangle(u, below(&w->rng, (uint32_t)rects), &value, issues, lo, hi,
                                        cap < 64 ? cap : 64);
    for (size_t j = 0; j < m && j < 64; j++)
        x[issues[j]] = lo[j] + below(&w->rng, hi[j] - lo[j] + 1);
}

/* The value indices to try for issue i: all of them, or a random subset and the neighbours of the current one. */
static uint32_t candidate(struct worker *w, size_t i, uint32_t current, uint32_t j)
{
    uint32_t count = w->job->counts[i];
    if (count <= VALUES_TRIED)
        return j;
    if (j == 0)
        return current > 0 ? current - 1 : current;
    if (j == 1)
        return current + 1 < count ? current + 1 : current;
    return below(&w->rng, count);
}

/* Coordinate ascent on the weighted sum from w->x. */
static void climb(struct worker *w)
{
    const struct job *job = w->job;
    evaluate(w, w->x, w->ux);
    double f = scalar(w, w->ux);
    int improved = 1;
    while (improved && w->used < w->budget) {
        improved = 0;
        size_t start = below(&w->rng, (uint32_t)job->issues);
        for (size_t s = 0; s < job->issues && w->used < w->budget; s++) {
            size_t i = (start + s) % job->issues;
            uint32_t keep = w->x[i], best = keep;
            uint32_t tries = job->counts[i] <= VALUES_TRIED ? job->counts[i] : VALUES_TRIED;
            for (uint32_t j = 0; j < tries; j++) {
                uint32_t v = candidate(w, i, keep, j);
                if (v == keep)
                    continue;
                w->x[i] = v;
                evaluate(w, w->x, w->uy);
                double g = scalar(w, w->uy);
                if (g > f + 1e-12) {
                    f = g;
                    best = v;
                }
            }
            w->x[i] = best;
            improved |= best != keep;
        }
    }
}

static void choose_weights(struct worker *w, uint64_t round)
{
    size_t n = w->job->n;
    if (n == 2) {
        uint64_t j = (round * w->job->workers + (uint64_t)(w - w->job->w)) % (WEIGHT_STEPS + 1);
        w->lam[0] = (double)j / WEIGHT_STEPS;
        w->lam[1] = 1 - w->lam[0];
        return;
    }
    double total = 0;
    for (size_t k = 0; k < n; k++)
        total += w->lam[k] = -log(1 - uniform(&w->rng)); /* Dirichlet(1): uniform over the simplex */
    for (size_t k = 0; k < n; k++)
        w->lam[k] /= total;
}

/* Pareto local search: all single-issue changes of one archived outcome. */
static void explore(struct worker *w)
{
    const struct job *job = w->job;
    approx_archive *ar = &w->ar;
    size_t pick = ar->count, start = below(&w->rng, (uint32_t)(ar->count ? ar->count : 1));
    for (size_t s = 0; s < ar->count; s++)
        if (!ar->explored[(start + s) % ar->count]) {
            pick = (start + s) % ar->count;
            break;
        }
    if (pick == ar->count) {
        /* everything explored: restart a climb from a perturbed archived outcome */
        if (ar->count)
            memcpy(w->x, &ar->values[below(&w->rng, (uint32_t)ar->count) * job->issues],
                   job->issues * sizeof *w->x);
        else
            random_outcome(w, w->x);
        for (int k = 0; k < 3; k++) {
            size_t i = below(&w->rng, (uint32_t)job->issues);
            w->x[i] = below(&w->rng, job->counts[i]);
        }
        choose_weights(w, next_random(&w->rng));
        climb(w);
        return;
    }
    ar->explored[pick] = 1;
    memcpy(w->x, &ar->values[pick * job->issues], job->issues * sizeof *w->x);
    for (size_t i = 0; i < job->issues && w->used < w->budget; i++) {
        memcpy(w->y, w->x, job->issues * sizeof *w->y);
        uint32_t tries = job->counts[i] <= VALUES_TRIED ? job->counts[i] : VALUES_TRIED;
        for (uint32_t j = 0; j < tries; j++) {
            uint32_t v = candidate(w, i, w->x[i], j);
            if (v == w->x[i])
                continue;
            w->y[i] = v;
            evaluate(w, w->y, w->uy);
        }
    }
}

static void work(void *ctx, unsigned k, unsigned workers)
{
    struct job *job = ctx;
    struct worker *w = &job->w[k];
    (void)workers;
    /* 1. uniform samples */
    uint64_t samples = job->samples / job->workers + (k < job->samples % job->workers);
    for (uint64_t s = 0; s < samples; s++) {
        random_outcome(w, w->x);
        w->samples++;
        w->samples_ok += evaluate(w, w->x, w->ux);
    }
    /* 2. weighted-sum climbs until half the budget, 3. Pareto local search */
    uint64_t half = w->used + (w->budget - (w->used < w->budget ? w->used : w->budget)) / 2;
    for (uint64_t round = 0; w->used < half; round++) {
        choose_weights(w, round);
        /* start inside a rectangle of a party drawn in proportion to its weight, every other time */
        if (round % 2 == 0) {
            double pick = uniform(&w->rng), acc = 0;
            size_t party = 0;
            for (size_t p = 0; p < job->n; p++)
                if (pick < (acc += w->lam[p])) {
                    party = p;
                    break;
                }
            rectangle_outcome(w, party, w->x);
        } else {
            random_outcome(w, w->x);
        }
        climb(w);
    }
    while (w->used < w->budget && !w->ar.failed)
        explore(w);
    w->failed = w->ar.failed;
}

void parley_approx_free(parley_approx *a)
{
    if (!a)
        return;
    free(a->party);
    free(a->reservation);
    free(a->best);
    approx_archive_free(&a->front);
    free(a);
}

static void free_job(struct job *job)
{
    for (unsigned k = 0; job->w && k < job->workers; k++) {
        approx_archive_free(&job->w[k].ar);
        free(job->w[k].x);
        free(job->w[k].y);
        free(job->w[k].ux);
        free(job->w[k].uy);
        free(job->w[k].lam);
    }
    free(job->w);
    free(job->u);
    free(job->counts);
}

int parley_analyze_approximate(const parley_scenario *sc, const parley_approx_options *options,
                               parley_approx **out, parley_error *err)
{
    *out = NULL;
    double started = parley_monotonic_seconds();
    int rc = parley_scenario_validate(sc, err);
    if (rc != PARLEY_OK)
        return rc;
    struct job job;
    memset(&job, 0, sizeof job);
    parley_approx *a = calloc(1, sizeof *a);
    if (!a)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    job.sc = sc;
    job.space = parley_scenario_space(sc);
    job.issues = a->issues = parley_space_issue_count(job.space);
    job.n = a->n = parley_scenario_negotiator_count(sc);
    job.t = options ? options->time : 0;
    job.budget = options && options->evaluations ? options->evaluations : DEFAULT_EVALUATIONS;
    job.samples = options && options->samples ? options->samples : DEFAULT_SAMPLES;
    if (job.samples > job.budget / 4)
        job.samples = job.budget / 4;
    job.seed = options && options->seed ? options->seed : 0x5eed2014ULL;
    unsigned workers = options && options->threads ? options->threads : parley_cpu_count();
    job.workers = workers = workers > 64 ? 64 : workers < 1 ? 1 : workers;
    a->threads = workers;
    a->outcomes = parley_space_size(job.space);
    approx_archive_init(&a->front, job.n, job.issues);
    a->party = calloc(job.n, sizeof *a->party);
    a->reservation = calloc(job.n, sizeof *a->reservation);
    a->best = calloc(job.n, sizeof *a->best);
    job.u = calloc(job.n, sizeof *job.u);
    job.counts = calloc(job.issues + 1, sizeof *job.counts);
    job.w = calloc(workers, sizeof *job.w);
    if (!a->party || !a->reservation || !a->best || !job.u || !job.counts || !job.w)
        goto nomem;
    job.reservation = a->reservation;
    for (size_t i = 0; i < job.issues; i++)
        job.counts[i] = parley_issue_value_count(job.space, i);
    for (size_t k = 0; k < job.n; k++) {
        a->party[k] = parley_scenario_negotiator(sc, k);
        job.u[k] = parley_party_utility(sc, a->party[k]);
        a->reservation[k] = quantize_utility(parley_utility_reservation_at(job.u[k], job.t));
    }
    for (size_t c = 0; c < parley_scenario_constraint_count(sc); c++) {
        const parley_constraint *con = parley_scenario_constraint(sc, c);
        job.constrained |= con->party < 0 || parley_party_role(sc, (size_t)con->party) == PARLEY_ROLE_PARTY;
    }
    /* Additive and few constrained issues: the exact frontier (exact_big.c); the search only samples the zone. */
    if (!(options && options->search_only)) {
        int exact = exact_big_frontier(sc, job.t, &a->front, &a->acceptable, &a->counted, &a->exact_note);
        if (exact < 0)
            goto nomem;
        if ((a->exact = exact == 1))
            job.budget = job.samples = a->counted ? 0 : job.samples;
    }
    for (unsigned k = 0; k < workers; k++) {
        struct worker *w = &job.w[k];
        w->job = &job;
        w->rng = job.seed * 0x100000001b3ULL + k;
        w->budget = job.budget / workers + (k < job.budget % workers);
        approx_archive_init(&w->ar, job.n, job.issues);
        w->x = calloc(job.issues + 1, sizeof *w->x);
        w->y = calloc(job.issues + 1, sizeof *w->y);
        w->ux = calloc(job.n, sizeof *w->ux);
        w->uy = calloc(job.n, sizeof *w->uy);
        w->lam = calloc(job.n, sizeof *w->lam);
        if (!w->x || !w->y || !w->ux || !w->uy || !w->lam)
            goto nomem;
    }
    progress_reporter progress;
    progress_init(&progress, options ? options->progress : NULL, options ? options->progress_user : NULL,
                  "evaluations", (double)job.budget);
    job.progress = &progress;
    parley_parallel_run(workers, work, &job);
    progress_finish(&progress);
    for (unsigned k = 0; k < workers; k++) {
        struct worker *w = &job.w[k];
        if (w->failed)
            goto nomem;
        a->evaluations += w->used;
        a->samples += w->samples;
        a->samples_ok += w->samples_ok;
        for (size_t i = 0; !a->exact && i < w->ar.count; i++)
            approx_archive_offer(&a->front, &w->ar.u[i * job.n], &w->ar.values[i * job.issues]);
    }
    if (a->front.failed)
        goto nomem;
    if (!a->exact) /* the exact frontier stays in outcome order: ties go to the lowest-numbered outcome */
        approx_archive_sort(&a->front);
    a->has_solutions = analysis_solutions(a->front.u, a->front.count, a->n, a->reservation, a->best, a->solution,
                                          a->solution_value);
    free_job(&job);
    a->seconds = parley_monotonic_seconds() - started;
    *out = a;
    return PARLEY_OK;
nomem:
    free_job(&job);
    parley_approx_free(a);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
}

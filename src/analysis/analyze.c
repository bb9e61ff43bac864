/*
 * analyze.c: parley_analyze: prepares the streaming pass over the outcome
 * space (tables, conditions, fused trailing issues), runs it on the pool
 * (scan.c holds the loops) and merges the workers' results.
 *
 * The space is cut into as many contiguous ranges of outcome numbers as there
 * are workers.  Each worker walks its range like an odometer, keeping per
 * party the partial utility of all issues but the last, so an outcome costs one
 * table lookup per party.  It counts feasible and acceptable outcomes, records
 * which conditions (red lines, reservation values) fail as a bit mask histogram,
 * and keeps its own Pareto frontier; the frontiers are merged at the end and
 * the bargaining solutions read off the merged frontier (each of them is
 * attained on it).
 */
#include <parley/analysis.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_internal.h"
#include "analysis/exact.h"
#include "analysis/maskset.h"
#include "analysis/scan.h"
#include "core/clock.h"
#include "core/pool.h"
#include "core/utility_internal.h"

/* Zeroed memory starting on a cache line and padded to whole lines (free with free()). */
static void *aligned_calloc64(size_t size)
{
    size_t padded = (size + 63) / 64 * 64;
    void *p = aligned_alloc(64, padded);
    if (p)
        memset(p, 0, padded);
    return p;
}

static void free_job(struct job *job, unsigned workers)
{
    if (job->workers)
        for (unsigned k = 0; k < workers; k++) {
            free(job->workers[k].histogram);
            free(job->workers[k].party_ok);
            free(job->workers[k].condition_ok);
            maskset_free(&job->workers[k].masks);
            frontier_free(&job->workers[k].frontier);
            if (job->workers[k].plot)
                density_free(job->workers[k].plot);
            free(job->workers[k].plot);
        }
    free(job->workers);
    if (job->tables)
        for (size_t t = 0; t < job->n * job->issues; t++)
            free(job->tables[t]);
    free(job->tables);
    free(job->utility);
    free((void *)job->reservation);
    free(job->global);
    free(job->cond_expr);
    free(job->cond_party);
    free(job->party_mask);
    free(job->suffix_max);
    free((void *)job->counts);
}

void parley_analysis_free(parley_analysis *a)
{
    if (!a)
        return;
    free(a->party);
    free(a->reservation);
    free(a->best);
    free(a->party_acceptable);
    frontier_free(&a->frontier);
    free(a->frontier_values);
    free(a->conditions);
    free(a->condition_holds);
    free(a->satisfying);
    free(a->failure_masks);
    if (a->plot)
        density_free(a->plot);
    free(a->plot);
    free(a);
}

/* Builds the conditions: every red line of a negotiating party, then every reservation value. */
static int build_conditions(const parley_scenario *sc, parley_analysis *a, struct job *job, parley_error *err)
{
    size_t C = 0, total = parley_scenario_constraint_count(sc);
    for (size_t i = 0; i < total; i++)
        if (parley_scenario_constraint(sc, i)->party >= 0 &&
            parley_party_role(sc, (size_t)parley_scenario_constraint(sc, i)->party) == PARLEY_ROLE_PARTY)
            C++;
    C += a->n;
    /* Any number of conditions: a failure mask takes as many 64-bit words as it needs. */
    size_t words = a->mask_words = job->words = mask_words(C);
    a->conditions = calloc(C ? C : 1, sizeof *a->conditions);
    job->cond_expr = calloc(C ? C : 1, sizeof *job->cond_expr);
    job->cond_party = calloc(C ? C : 1, sizeof *job->cond_party);
    job->party_mask = calloc(a->n * words + 1, sizeof *job->party_mask);
    job->global = calloc(total + 1, sizeof *job->global);
    if (!a->conditions || !job->cond_expr || !job->cond_party || !job->party_mask || !job->global)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    size_t c = 0;
    for (size_t i = 0; i < total; i++) {
        const parley_constraint *con = parley_scenario_constraint(sc, i);
        if (con->party < 0) {
            job->global[job->global_count++] = con->expr;
            continue;
        }
        for (size_t k = 0; k < a->n; k++)
            if (a->party[k] == (size_t)con->party) {
                a->conditions[c] = (parley_condition){PARLEY_CONDITION_RED_LINE, i, a->party[k]};
                job->cond_expr[c] = con->expr;
                job->cond_party[c] = k;
                job->party_mask[k * words + c / 64] |= (uint64_t)1 << c % 64;
                c++;
            }
    }
    for (size_t k = 0; k < a->n; k++, c++) {
        a->conditions[c] = (parley_condition){PARLEY_CONDITION_RESERVATION, a->party[k], a->party[k]};
        job->cond_party[c] = k;
        job->party_mask[k * words + c / 64] |= (uint64_t)1 << c % 64;
    }
    a->condition_count = job->C = C;
    return PARLEY_OK;
}

static int build_tables(const parley_scenario *sc, parley_analysis *a, struct job *job, double t, double guarantee,
                        parley_error *err)
{
    const parley_space *space = parley_scenario_space(sc);
    size_t issues = job->issues, n = a->n;
    uint32_t *counts = calloc(issues, sizeof *counts);
    job->tables = calloc(n * issues, sizeof *job->tables);
    job->utility = calloc(n, sizeof *job->utility);
    double *reservation = calloc(n, sizeof *reservation);
    job->counts = counts;
    job->reservation = reservation;
    if (!counts || !job->tables || !job->utility || !reservation)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    job->all_additive = 1;
    for (size_t i = 0; i < issues; i++)
        counts[i] = parley_issue_value_count(space, i);
    for (size_t k = 0; k < n; k++) {
        const parley_utility *u = parley_party_utility(sc, a->party[k]);
        job->utility[k] = u;
        job->all_additive &= parley_utility_is_additive(u);
        reservation[k] = a->reservation[k] = quantize_utility(parley_utility_reservation_at(u, t));
        /* Phased scenarios: the tables hold expected utilities under the parties' trust. */
        parley_utility *expected = parley_scenario_phase_count(sc) ? parley_scenario_expected_utility(sc, a->party[k], guarantee)
                                                                    : NULL;
        if (parley_scenario_phase_count(sc) && !expected)
            return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        const parley_utility *source = expected ? expected : u;
        for (size_t i = 0; i < issues; i++) {
            double *table = malloc(counts[i] * sizeof *table);
            if (!table) {
                parley_utility_free(expected);
                return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
            }
            for (uint32_t v = 0; v < counts[i]; v++)
                table[v] = source->weights[i] * source->values[i][v];
            job->tables[k * issues + i] = table;
        }
        parley_utility_free(expected);
    }
    /* Upper bounds of what the issues from i on can add, for skipping dominated blocks; the margin
       covers the rounding of utilities to 2^-32. */
    if (!(job->suffix_max = calloc(n * (issues + 1), sizeof *job->suffix_max)))
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    for (size_t k = 0; k < n; k++) {
        double *suffix = &job->suffix_max[k * (issues + 1)];
        suffix[issues] = 0x1p-30;
        for (size_t i = issues; i-- > 0;) {
            double best = -INFINITY;
            for (uint32_t v = 0; v < counts[i]; v++)
                if (job->tables[k * issues + i][v] > best)
                    best = job->tables[k * issues + i][v];
            suffix[i] = suffix[i + 1] + best;
        }
    }
    return PARLEY_OK;
}

/*
 * Without constraints an outcome's issues matter only through the tables, so
 * the trailing issues can be fused into one of up to MERGE_LIMIT values whose
 * digit is the mixed-radix number of theirs: outcome numbers stay the same, and
 * the inner loop runs longer rows with less odometer work per outcome.
 */
#define MERGE_LIMIT 4096u
static int merge_trailing_issues(struct job *job, parley_error *err)
{
    if (!job->all_additive || job->global_count > 0 || job->C != job->n || job->issues < 2)
        return PARLEY_OK;
    size_t issues = job->issues, first = issues - 1;
    uint64_t product = job->counts[first];
    while (first > 0 && product * job->counts[first - 1] <= MERGE_LIMIT)
        product *= job->counts[--first];
    if (first == issues - 1)
        return PARLEY_OK;
    double *fused[64];
    for (size_t k = 0; k < job->n; k++)
        if (!(fused[k] = malloc(product * sizeof *fused[k]))) {
            while (k-- > 0)
                free(fused[k]);
            return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        }
    for (size_t k = 0; k < job->n; k++) {
        double *table = fused[k];
        for (uint64_t d = 0; d < product; d++) {
            uint64_t rest = d;
            double sum = 0;
            for (size_t i = issues; i-- > first;) {
                sum += job->tables[k * issues + i][rest % job->counts[i]];
                rest /= job->counts[i];
            }
            table[d] = sum;
        }
        for (size_t i = first; i < issues; i++)
            free(job->tables[k * issues + i]);
        job->tables[k * issues + first] = table;
    }
    /* Compact the per-party table rows to the new issue count. */
    size_t new_issues = first + 1;
    for (size_t k = 0; k < job->n; k++)
        for (size_t i = 0; i < new_issues; i++)
            job->tables[k * new_issues + i] = job->tables[k * issues + i];
    ((uint32_t *)job->counts)[first] = (uint32_t)product;
    job->issues = new_issues;
    /* Recompute the suffix bounds for the new layout. */
    for (size_t k = 0; k < job->n; k++) {
        double *suffix = &job->suffix_max[k * (new_issues + 1)];
        suffix[new_issues] = 0x1p-30;
        for (size_t i = new_issues; i-- > 0;) {
            double best = -INFINITY;
            for (uint32_t v = 0; v < job->counts[i]; v++)
                if (job->tables[k * new_issues + i][v] > best)
                    best = job->tables[k * new_issues + i][v];
            suffix[i] = suffix[i + 1] + best;
        }
    }
    return PARLEY_OK;
}

/* Sums the workers' counters and frontiers into the result. */
static int merge_workers(parley_analysis *a, struct job *job, unsigned workers, parley_error *err)
{
    size_t C = job->C;
    if (frontier_init_for(&a->frontier, a->n, a->outcomes) != 0)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    uint64_t *hist = NULL;
    maskset all_masks;
    maskset_init(&all_masks, job->words);
    if (job->histogram) {
        hist = job->workers[0].histogram;
        for (unsigned k = 1; k < workers; k++)
            for (uint64_t m = 0; m < ((uint64_t)1 << C); m++)
                hist[m] += job->workers[k].histogram[m];
    }
    for (unsigned k = 0; k < workers; k++) {
        struct worker *w = &job->workers[k];
        if (w->failed) {
            maskset_free(&all_masks);
            return parley_error_set(err, PARLEY_ENOMEM, "out of memory during the analysis");
        }
        a->feasible += w->feasible;
        if (!job->histogram) {
            a->acceptable += w->acceptable;
            for (size_t p = 0; p < a->n; p++)
                a->party_acceptable[p] += w->party_ok[p];
            for (size_t c = 0; c < C; c++)
                a->condition_holds[c] += w->condition_ok[c];
        }
        frontier_merge(&a->frontier, &w->frontier);
        if (w->plot && k > 0)
            density_merge(job->workers[0].plot, w->plot);
        if (!job->histogram) {
            for (size_t i = 0; i < w->masks.capacity; i++)
                maskset_add(&all_masks, &w->masks.slots[i * job->words]); /* empty slots (zeros) are skipped */
            all_masks.overflow |= w->masks.overflow;
            all_masks.failed |= w->masks.failed;
        }
    }
    if (!job->histogram) {
        a->masks_complete = !all_masks.overflow && !all_masks.failed;
        a->failure_masks = maskset_minimal(&all_masks, &a->failure_mask_count);
        maskset_free(&all_masks);
        if (!a->failure_masks)
            return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    if (a->frontier.failed)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory merging the Pareto frontier");
    if (job->plot) {
        a->plot = job->workers[0].plot;
        job->workers[0].plot = NULL;
        density_finish(a->plot);
        if (a->plot->failed)
            return parley_error_set(err, PARLEY_ENOMEM, "out of memory gathering the plot data");
    }
    if (job->histogram) {
        /* Subset sums: g[T] = number of feasible outcomes whose failures all lie in T. */
        for (size_t c = 0; c < C; c++)
            for (uint64_t m = 0; m < ((uint64_t)1 << C); m++)
                if (m >> c & 1)
                    hist[m] += hist[m ^ ((uint64_t)1 << c)];
        uint64_t full = ((uint64_t)1 << C) - 1;
        a->acceptable = hist[0];
        for (size_t c = 0; c < C; c++)
            a->condition_holds[c] = hist[full ^ ((uint64_t)1 << c)];
        for (size_t p = 0; p < a->n; p++)
            a->party_acceptable[p] = hist[full ^ job->party_mask[p]];
        a->satisfying = hist;
        job->workers[0].histogram = NULL;
    }
    return PARLEY_OK;
}

int parley_analyze(const parley_scenario *sc, const parley_analysis_options *options, parley_analysis **out,
                   parley_error *err)
{
    *out = NULL;
    double started = parley_monotonic_seconds();
    int rc = parley_scenario_validate(sc, err);
    if (rc != PARLEY_OK)
        return rc;
    const parley_space *space = parley_scenario_space(sc);
    uint64_t total;
    if (parley_space_size_u64(space, &total) != PARLEY_OK)
        return parley_error_set(err, PARLEY_ERANGE, "the outcome space has about %.3g outcomes: too many to enumerate",
                                parley_space_size(space));
    uint64_t first = 0, scanned = total;
    if (options && options->count) {
        if (options->first > total || options->count > total - options->first)
            return parley_error_set(err, PARLEY_EINVAL, "outcomes %llu to %llu are not in a space of %llu",
                                    (unsigned long long)options->first,
                                    (unsigned long long)(options->first + options->count - 1), (unsigned long long)total);
        first = options->first;
        scanned = options->count;
    }
    unsigned workers = options && options->threads ? options->threads : parley_cpu_count();
    if (workers > 64)
        workers = 64;
    if (scanned < 100000)
        workers = 1;
    double t = options ? options->time : 0;
    struct job job;
    memset(&job, 0, sizeof job);
    parley_analysis *a = calloc(1, sizeof *a);
    if (!a)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    a->issues = job.issues = parley_space_issue_count(space);
    a->outcomes = total;
    job.first = first;
    job.total = scanned;
    a->threads = workers;
    a->n = job.n = parley_scenario_negotiator_count(sc);
    job.sc = sc;
    a->party = calloc(a->n, sizeof *a->party);
    a->reservation = calloc(a->n, sizeof *a->reservation);
    a->best = calloc(a->n, sizeof *a->best);
    a->party_acceptable = calloc(a->n, sizeof *a->party_acceptable);
    if (!a->party || !a->reservation || !a->best || !a->party_acceptable) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto fail;
    }
    if (a->n > 64) {
        rc = parley_error_set(err, PARLEY_ERANGE, "%zu parties: at most 64 can be analysed", a->n);
        goto fail;
    }
    for (size_t k = 0; k < a->n; k++)
        a->party[k] = parley_scenario_negotiator(sc, k);
    if ((rc = build_conditions(sc, a, &job, err)) != PARLEY_OK || (rc = build_tables(sc, a, &job, t, options && options->use_guarantee ? options->guarantee : -1.0, err)) != PARLEY_OK ||
        (rc = merge_trailing_issues(&job, err)) != PARLEY_OK)
        goto fail;
    a->condition_holds = calloc(job.C ? job.C : 1, sizeof *a->condition_holds);
    job.histogram = job.C <= PARLEY_MAX_DIAGNOSED_CONDITIONS;
    unsigned bins = options && options->plot_bins ? (options->plot_bins < 1024 ? options->plot_bins : 1024) : 0;
    job.plot = bins > 0 && a->n >= 2 && a->n <= PARLEY_PLOT_MAX_PARTIES;
    progress_reporter progress;
    progress_init(&progress, options ? options->progress : NULL, options ? options->progress_user : NULL, "outcomes",
                  (double)total);
    job.progress = &progress;
    /* The exact path without enumeration (exact.c) when it applies and is faster: one "worker" result. */
    /* A part of the space (first/count) and plot data are for streaming: each needs the outcomes one by one. */
    int requested = options && (options->count || options->plot_bins) ? PARLEY_ANALYSIS_STREAM
                    : options                                         ? options->method
                                                                      : 0;
    /* the exact path's counts share out their own work (mitm_count.c); a->threads: the most they ran on */
    unsigned exact_threads = workers;
    if ((a->merged = exact_choose(&job, requested, workers, &a->method_note)))
        a->threads = workers = 1;
    else if (options && options->method == PARLEY_ANALYSIS_EXACT_ONLY) {
        rc = parley_error_set(err, PARLEY_ERANGE, "no exact analysis without enumeration: %s", a->method_note);
        goto fail;
    }
    a->method = exact_method_name(a->merged, job.global_count > 0 || job.C > job.n);
    job.workers = aligned_calloc64(workers * sizeof *job.workers);
    if (!a->condition_holds || !job.workers) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto fail;
    }
    for (unsigned k = 0; k < workers; k++) {
        struct worker *w = &job.workers[k];
        int bad = frontier_init_for(&w->frontier, a->n, job.total) != 0;
        if (job.histogram)
            bad |= !(w->histogram = aligned_calloc64(((size_t)1 << job.C) * sizeof *w->histogram));
        else {
            maskset_init(&w->masks, job.words);
            bad |= !(w->party_ok = calloc(a->n, sizeof *w->party_ok)) ||
                   !(w->condition_ok = calloc(job.C, sizeof *w->condition_ok));
        }
        if (job.plot)
            bad |= !(w->plot = calloc(1, sizeof *w->plot)) || density_init(w->plot, a->n, bins) != 0;
        if (bad) {
            rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
            goto fail;
        }
    }
    if (a->merged && (rc = exact_run(&job, &job.workers[0], exact_threads, &a->threads)) != 0) {
        const char *why = "too many Pareto-optimal outcomes with equal utilities to merge";
        if (rc < 0 || (options && options->method == PARLEY_ANALYSIS_EXACT_ONLY)) {
            rc = rc < 0 ? parley_error_set(err, PARLEY_ENOMEM, "out of memory in the exact analysis")
                        : parley_error_set(err, PARLEY_ERANGE, "no exact analysis without enumeration: %s", why);
            goto fail;
        }
        /* Stream after all, on the one worker set up. */
        struct worker *w = &job.workers[0];
        memset(w->histogram, 0, ((size_t)1 << job.C) * sizeof *w->histogram);
        w->feasible = w->acceptable = 0;
        frontier_free(&w->frontier);
        if (frontier_init_for(&w->frontier, a->n, job.total) != 0) {
            rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
            goto fail;
        }
        a->merged = 0;
        a->threads = 1;
        a->method = exact_method_name(0, 0);
        a->method_note = why;
    }
    if (!a->merged)
        parley_parallel_run(workers, scan_work, &job);
    progress_finish(&progress);
    if ((rc = merge_workers(a, &job, workers, err)) != PARLEY_OK)
        goto fail;
    frontier_sort_by_index(&a->frontier);
    a->frontier_values = calloc(a->frontier.count * a->issues + 1, sizeof *a->frontier_values);
    if (a->frontier.failed || !a->frontier_values) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < a->frontier.count; i++)
        parley_space_decode(space, a->frontier.index[i], &a->frontier_values[i * a->issues]);
    a->has_solutions = analysis_solutions(a->frontier.u, a->frontier.count, a->n, a->reservation, a->best,
                                          a->solution, a->solution_value);
    free_job(&job, workers);
    a->seconds = parley_monotonic_seconds() - started;
    *out = a;
    return PARLEY_OK;
fail:
    free_job(&job, workers);
    parley_analysis_free(a);
    return rc;
}

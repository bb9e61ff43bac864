/*
 * text.c: results as JSON text in memory (parley/text.h), for the Python
 * package and other bindings.  Each function runs the library writer the CLI
 * uses for --json into an open_memstream buffer, so both print the same.
 */
#include <parley/parley.h>
#include <parley/text.h>

#include "core/memtext.h"

#include <stdlib.h>
#include <string.h>

void parley_free(void *p)
{
    free(p);
}

/* Runs `write` into a fresh string; NULL with err filled when it fails. */
static char *capture(memtext_writer write, const void *ctx, parley_error *err)
{
    return memtext_capture(write, ctx, NULL, err);
}

/* --- analysis, diagnosis, proposal --- */

struct analysis_job {
    const parley_scenario *sc;
    parley_analysis_options options;
    parley_approx_options search;
    parley_json_method method;
    int with_frontier;
    parley_solution_kind rule;
};

static int write_analysis(const void *ctx, FILE *out, parley_error *err)
{
    const struct analysis_job *job = ctx;
    int search = job->method == PARLEY_JSON_APPROXIMATE ||
                 (job->method == PARLEY_JSON_AUTO && parley_analysis_needs_search(job->sc));
    int rc;
    if (search && job->method == PARLEY_JSON_AUTO) {
        /* As `parley analyze`: an additive space too large to stream is still analysed exactly when it can be. */
        parley_analysis_options exact = job->options;
        exact.method = PARLEY_ANALYSIS_EXACT_ONLY;
        parley_analysis *a = NULL;
        parley_error ignored = {0};
        if (parley_analyze(job->sc, &exact, &a, &ignored) == PARLEY_OK) {
            rc = parley_analysis_write_json(a, job->sc, job->with_frontier, out, err);
            parley_analysis_free(a);
            return rc;
        }
    }
    if (search) {
        parley_approx_options o = job->search;
        o.search_only = job->method == PARLEY_JSON_APPROXIMATE; /* as `parley analyze --approximate` */
        o.threads = job->options.threads;
        o.time = job->options.time;
        parley_approx *a = NULL;
        if ((rc = parley_analyze_approximate(job->sc, &o, &a, err)) == PARLEY_OK)
            rc = parley_approx_write_json(a, job->sc, job->with_frontier, out, err);
        parley_approx_free(a);
        return rc;
    }
    parley_analysis *a = NULL;
    if ((rc = parley_analyze(job->sc, &job->options, &a, err)) == PARLEY_OK)
        rc = parley_analysis_write_json(a, job->sc, job->with_frontier, out, err);
    parley_analysis_free(a);
    return rc;
}

static void job_init(struct analysis_job *job, const parley_scenario *sc, const parley_analysis_options *options)
{
    *job = (struct analysis_job){.sc = sc};
    if (options)
        job->options = *options;
}

char *parley_analyze_json(const parley_scenario *sc, const parley_analysis_options *options,
                          const parley_approx_options *search, parley_json_method method, int with_frontier,
                          parley_error *err)
{
    struct analysis_job job;
    job_init(&job, sc, options);
    if (search)
        job.search = *search;
    job.method = method;
    job.with_frontier = with_frontier;
    return capture(write_analysis, &job, err);
}

static int write_diagnosis(const void *ctx, FILE *out, parley_error *err)
{
    const struct analysis_job *job = ctx;
    parley_diagnosis *d = NULL;
    int rc = parley_diagnose(job->sc, &job->options, &d, err);
    if (rc == PARLEY_OK)
        rc = parley_diagnosis_write_json(d, job->sc, out, err);
    parley_diagnosis_free(d);
    return rc;
}

char *parley_diagnose_json(const parley_scenario *sc, const parley_analysis_options *options, parley_error *err)
{
    struct analysis_job job;
    job_init(&job, sc, options);
    return capture(write_diagnosis, &job, err);
}

static int write_proposal(const void *ctx, FILE *out, parley_error *err)
{
    const struct analysis_job *job = ctx;
    return parley_propose_write(job->sc, job->rule, &job->options, 1, out, err);
}

char *parley_propose_json(const parley_scenario *sc, parley_solution_kind rule, const parley_analysis_options *options,
                          parley_error *err)
{
    struct analysis_job job;
    job_init(&job, sc, options);
    job.rule = rule;
    return capture(write_proposal, &job, err);
}

struct improvements_job {
    const parley_improvements *r;
    const parley_scenario *sc;
};

static int write_improvements(const void *ctx, FILE *out, parley_error *err)
{
    const struct improvements_job *job = ctx;
    return parley_improvements_write(job->r, job->sc, 1, out, err);
}

char *parley_improvements_json(const parley_improvements *r, const parley_scenario *sc, parley_error *err)
{
    struct improvements_job job = {r, sc};
    return capture(write_improvements, &job, err);
}

static int write_scenario(const void *ctx, FILE *out, parley_error *err)
{
    return parley_scenario_write(ctx, out, err);
}

char *parley_scenario_json(const parley_scenario *sc, parley_error *err)
{
    return capture(write_scenario, sc, err);
}

/* --- conflict analysis --- */

struct conflict_job {
    const parley_gmcr_model *model;
    const parley_gmcr_options *options;
    const char *from;
    int coalitions;
};

static int write_conflict(const void *ctx, FILE *out, parley_error *err)
{
    const struct conflict_job *job = ctx;
    parley_gmcr_result *result = NULL;
    parley_gmcr_paths *paths = NULL;
    uint32_t start = 0;
    int have_start = 0, rc = PARLEY_OK;
    if (job->from) {
        if ((rc = parley_gmcr_model_parse_state(job->model, job->from, &start, err)) != PARLEY_OK)
            return rc;
        have_start = 1;
    } else if (job->coalitions) {
        have_start = parley_gmcr_model_status_quo(job->model, &start);
        if (!have_start)
            return parley_error_set(err, PARLEY_EINVAL, "coalitions need a start state (the model has no status_quo)");
    }
    if ((rc = parley_gmcr_analyze(job->model, job->options, &result, err)) != PARLEY_OK)
        goto done;
    if (have_start && (rc = parley_gmcr_paths_from(job->model, start, &paths, err)) != PARLEY_OK)
        goto done;
    parley_gmcr_report report = {.result = result, .paths = paths, .coalitions = job->coalitions};
    rc = parley_gmcr_write_json(out, &report, err);
done:
    parley_gmcr_paths_free(paths);
    parley_gmcr_result_free(result);
    return rc;
}

char *parley_conflict_json(const parley_gmcr_model *model, const parley_gmcr_options *options, const char *from,
                           int coalitions, parley_error *err)
{
    struct conflict_job job = {model, options, from, coalitions};
    return capture(write_conflict, &job, err);
}

/* --- negotiations and tournaments --- */

static int write_trace(const void *ctx, FILE *out, parley_error *err)
{
    return parley_trace_write(ctx, out, err);
}

static int write_negotiation(const void *ctx, FILE *out, parley_error *err)
{
    return parley_negotiation_write_json(ctx, out, err);
}

static int write_tournament(const void *ctx, FILE *out, parley_error *err)
{
    return parley_tournament_write_json(ctx, out, err);
}

static int write_tournament_csv(const void *ctx, FILE *out, parley_error *err)
{
    return parley_tournament_write_csv(ctx, out, err);
}

char *parley_trace_json(const parley_negotiation *neg, parley_error *err)
{
    return capture(write_trace, neg, err);
}

char *parley_negotiation_json(const parley_negotiation *neg, parley_error *err)
{
    return capture(write_negotiation, neg, err);
}

char *parley_tournament_json(const parley_tournament *t, parley_error *err)
{
    return capture(write_tournament, t, err);
}

char *parley_tournament_csv(const parley_tournament *t, parley_error *err)
{
    return capture(write_tournament_csv, t, err);
}

struct stats_job {
    const parley_tournament *t;
    parley_stats_options options;
};

static int write_stats(const void *ctx, FILE *out, parley_error *err)
{
    const struct stats_job *job = ctx;
    parley_tournament_stats *s = NULL;
    int rc = parley_tournament_stats_compute(job->t, &job->options, &s, err);
    if (rc == PARLEY_OK)
        rc = parley_tournament_stats_write_json(s, job->t, out, err);
    parley_tournament_stats_free(s);
    return rc;
}

char *parley_tournament_stats_json(const parley_tournament *t, unsigned bootstrap, uint64_t seed,
                                   const double *self_payoff, parley_error *err)
{
    struct stats_job job = {t, {bootstrap, seed, self_payoff}};
    return capture(write_stats, &job, err);
}

/* --- what bindings mirror --- */

size_t parley_struct_size(const char *name)
{
    static const struct {
        const char *name;
        size_t size;
    } sizes[] = {
        {"parley_error", sizeof(parley_error)},
        {"parley_analysis_options", sizeof(parley_analysis_options)},
        {"parley_approx_options", sizeof(parley_approx_options)},
        {"parley_gmcr_options", sizeof(parley_gmcr_options)},
        {"parley_session_config", sizeof(parley_session_config)},
        {"parley_tournament_config", sizeof(parley_tournament_config)},
        {"parley_change", sizeof(parley_change)},
        {"parley_event", sizeof(parley_event)},
        {"parley_action", sizeof(parley_action)},
        {"parley_agent_vtable", sizeof(parley_agent_vtable)},
        {"parley_improve_options", sizeof(parley_improve_options)},
    };
    for (size_t i = 0; name && i < sizeof sizes / sizeof sizes[0]; i++)
        if (strcmp(sizes[i].name, name) == 0)
            return sizes[i].size;
    return 0;
}

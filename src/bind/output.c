/*
 * output.c: files and plots in memory (parley/text.h), for the Python package:
 * a scenario in each format `parley convert` writes, one trace event, and the
 * SVGs of `analyze --plot`, `negotiate --plot` and `tournament --plot`, each
 * drawn by the same library writer the CLI uses.
 */
#include "bind/output.h"
#include <parley/parley.h>
#include <parley/text.h>

#include "core/memtext.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* --- a scenario in another format --- */

struct format_job {
    const parley_scenario *sc;
    const char *format;
    long party;
    parley_warn_fn warn;
    void *warn_ctx;
};

void parley_warn_native_weights(const parley_scenario *sc, parley_warn_fn warn, void *warn_ctx)
{
    for (size_t k = 0; warn && k < parley_scenario_negotiator_count(sc); k++) {
        size_t p = parley_scenario_negotiator(sc, k);
        const parley_utility *u = parley_party_utility(sc, p);
        if (!parley_utility_is_additive(u)) {
            char message[512];
            snprintf(message, sizeof message,
                     "%s: %zu hyperrectangles have no native form and are left out: the scenario written does not "
                     "read back (convert a nonlinear GENIUS profile to GENIUS XML)",
                     parley_party_name(sc, p), parley_utility_rectangle_count(u));
            warn(warn_ctx, message);
            continue;
        }
        double total = 0;
        for (size_t i = 0; i < parley_space_issue_count(parley_scenario_space(sc)); i++)
            total += parley_utility_weight(u, i);
        if (fabs(total - 1) <= 1e-9)
            continue;
        char message[512];
        snprintf(message, sizeof message,
                 fabs(total - 1) <= PARLEY_WEIGHT_TOLERANCE
                     ? "%s's issue weights sum to %.9g: a native scenario divides them by their sum, so its utilities "
                       "change slightly"
                     : "%s's issue weights sum to %.9g: a native scenario refuses them (they must sum to 1 within "
                       "0.001); convert with --normalise-weights",
                 parley_party_name(sc, p), total);
        warn(warn_ctx, message);
    }
}

static int write_format(const void *ctx, FILE *out, parley_error *err)
{
    const struct format_job *job = ctx;
    int genius = strcmp(job->format, "genius") == 0;
    if (strcmp(job->format, "native") == 0) {
        parley_warn_native_weights(job->sc, job->warn, job->warn_ctx);
        return parley_scenario_write(job->sc, out, err);
    }
    if (job->party < 0)
        return genius ? parley_genius_write_domain(job->sc, out, job->warn, job->warn_ctx, err)
                      : parley_geniusweb_write_domain(job->sc, out, job->warn, job->warn_ctx, err);
    return genius ? parley_genius_write_profile(job->sc, (size_t)job->party, out, job->warn, job->warn_ctx, err)
                  : parley_geniusweb_write_profile(job->sc, (size_t)job->party, out, job->warn, job->warn_ctx, err);
}

char *parley_scenario_format_text(const parley_scenario *sc, const char *format, long party, parley_warn_fn warn,
                                  void *warn_ctx, parley_error *err)
{
    if (!format || (strcmp(format, "native") && strcmp(format, "genius") && strcmp(format, "geniusweb"))) {
        parley_error_set(err, PARLEY_EINVAL, "unknown format '%s' (expected native, genius or geniusweb)",
                         format ? format : "");
        return NULL;
    }
    if (party >= 0 && ((size_t)party >= parley_scenario_party_count(sc) ||
                       parley_party_role(sc, (size_t)party) != PARLEY_ROLE_PARTY)) {
        parley_error_set(err, PARLEY_EINVAL, "party %ld is not a negotiating party of the scenario", party);
        return NULL;
    }
    struct format_job job = {sc, format, party, warn, warn_ctx};
    return memtext_capture(write_format, &job, NULL, err);
}

/* --- one trace event --- */

struct event_job {
    const parley_negotiation *neg;
    size_t i;
};

static int write_event(const void *ctx, FILE *out, parley_error *err)
{
    const struct event_job *job = ctx;
    return parley_trace_write_event(job->neg, job->i, out, err);
}

char *parley_trace_event_json(const parley_negotiation *neg, size_t i, parley_error *err)
{
    if (i >= parley_negotiation_event_count(neg)) {
        parley_error_set(err, PARLEY_EINVAL, "event %zu of %zu", i, parley_negotiation_event_count(neg));
        return NULL;
    }
    struct event_job job = {neg, i};
    return memtext_capture(write_event, &job, NULL, err);
}

/* --- plots --- */

struct analysis_plot {
    const parley_analysis *a;
    const parley_scenario *sc;
};

static int draw_analysis(const void *ctx, FILE *out, parley_error *err)
{
    const struct analysis_plot *p = ctx;
    return parley_analysis_write_svg(p->a, p->sc, out, err);
}

char *parley_analysis_svg(const parley_scenario *sc, const parley_analysis_options *options, parley_error *err)
{
    parley_analysis_options o = {0};
    if (options)
        o = *options;
    o.plot_bins = PARLEY_PLOT_BINS_ANALYZE;
    parley_analysis *a = NULL;
    if (parley_analyze(sc, &o, &a, err) != PARLEY_OK)
        return NULL;
    struct analysis_plot p = {a, sc};
    char *svg = memtext_capture(draw_analysis, &p, NULL, err);
    parley_analysis_free(a);
    return svg;
}

struct negotiation_plot {
    const parley_negotiation *neg;
    const parley_analysis *a;
};

static int draw_negotiation(const void *ctx, FILE *out, parley_error *err)
{
    const struct negotiation_plot *p = ctx;
    return parley_negotiation_write_svg(p->neg, p->a, out, err);
}

char *parley_negotiation_svg(const parley_negotiation *neg, const parley_scenario *sc, parley_error *err)
{
    /* As `parley negotiate --plot`: frontiers and a light density in the utilities the agents negotiate with
       (later phases counted in full), for spaces up to 2^24 outcomes. */
    parley_analysis_options o = {.plot_bins = PARLEY_PLOT_BINS_NEGOTIATE, .use_guarantee = 1, .guarantee = 1.0};
    parley_analysis *a = NULL;
    uint64_t size;
    if (parley_space_size_u64(parley_scenario_space(sc), &size) == PARLEY_OK && size <= (1u << 24) &&
        parley_analyze(sc, &o, &a, err) != PARLEY_OK)
        return NULL;
    struct negotiation_plot p = {neg, a};
    char *svg = memtext_capture(draw_negotiation, &p, NULL, err);
    parley_analysis_free(a);
    return svg;
}

static int draw_tournament(const void *ctx, FILE *out, parley_error *err)
{
    return parley_tournament_write_svg(ctx, out, err);
}

char *parley_tournament_svg(const parley_tournament *t, parley_error *err)
{
    return memtext_capture(draw_tournament, t, NULL, err);
}

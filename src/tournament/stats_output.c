/* stats_output.c: tournament statistics as text, JSON (jansson) and CSV. */
#include "io/json_util.h"
#include "tournament/stats_internal.h"
#include <parley/stats.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>

static json_t *num(double x)
{
    return isnan(x) ? json_null() : json_real(x);
}

static const char *name_of(const parley_tournament *t, size_t a)
{
    return parley_tournament_agent_name(t, a);
}

/* Why the replicator dynamics were not computed, into buf (0 when they were). */
static int replicator_missing(const parley_tournament_stats *s, const parley_tournament *t, char *buf, size_t size)
{
    size_t a, b;
    if (!parley_tournament_stats_replicator_missing(s, &a, &b))
        return 0;
    if (a == b)
        snprintf(buf, size, "%s has no payoff against itself (play with --self-play, or let --stats play the "
                 "self-play games)", name_of(t, a));
    else
        snprintf(buf, size, "%s never met %s", name_of(t, a), name_of(t, b));
    return 1;
}

int parley_tournament_stats_write_text(const parley_tournament_stats *s, const parley_tournament *t, FILE *out,
                                       parley_error *err)
{
    size_t n = parley_tournament_stats_agent_count(s);
    /* the opponent-model column only when some agent models its opponent (--model); "-" for one that does not */
    int models = 0;
    for (size_t i = 0; i < n; i++)
        models |= !isnan(parley_tournament_stats_agent(s, i)->model_pearson);
    fprintf(out, "%-4s %-28s %8s %6s %9s %19s %8s %9s %9s %8s", "rank", "agent", "played", "cells", "utility",
            "95% CI (bootstrap)", "agreed", "to Pareto", "to Nash", "welfare");
    fprintf(out, models ? " %8s\n" : "\n", "model r");
    for (size_t i = 0; i < n; i++) {
        const parley_agent_stats *g = parley_tournament_stats_agent(s, i);
        fprintf(out, "%-4zu %-28.28s %8llu %6llu %9.4f    [%6.4f, %6.4f] %7.1f%% %9.4f %9.4f %8.4f", i + 1,
                name_of(t, g->agent), (unsigned long long)g->played, (unsigned long long)g->cells, g->mean, g->ci_low,
                g->ci_high, 100 * g->agreement_rate, g->pareto_distance, g->nash_distance, g->welfare);
        if (!models)
            fputc('\n', out);
        else if (isnan(g->model_pearson))
            fprintf(out, " %8s\n", "-");
        else
            fprintf(out, " %8.3f\n", g->model_pearson);
    }
    fprintf(out, "\n(the interval resamples (scenario, assignment) cells with all their repeats)\n"
                 "significance of the differences (Welch's t-test on cell means, p-values; * p < 0.05):\n%-28s", "");
    for (size_t j = 0; j < n; j++)
        fprintf(out, " %9zu", j + 1);
    fputc('\n', out);
    for (size_t i = 0; i < n; i++) {
        const parley_agent_stats *g = parley_tournament_stats_agent(s, i);
        fprintf(out, "%2zu %-25.25s", i + 1, name_of(t, g->agent));
        for (size_t j = 0; j < n; j++) {
            const parley_agent_stats *h = parley_tournament_stats_agent(s, j);
            if (i == j) {
                fprintf(out, " %9s", "-");
                continue;
            }
            double p = parley_tournament_stats_p_value(s, g->agent, h->agent);
            fprintf(out, " %8.4f%c", p, p < 0.05 ? '*' : ' ');
        }
        fputc('\n', out);
    }
    if (!isnan(parley_tournament_stats_model_over_time(s, parley_tournament_stats_agent(s, 0)->agent, 3))) {
        fprintf(out, "\nopponent-model accuracy over the negotiation (mean Pearson after each quarter of the agent's "
                     "offers):\n%-28s %8s %8s %8s %8s\n", "", "1/4", "1/2", "3/4", "end");
        for (size_t i = 0; i < n; i++) {
            size_t a = parley_tournament_stats_agent(s, i)->agent;
            fprintf(out, "  %-26.26s", name_of(t, a));
            for (size_t q = 0; q < 4; q++)
                fprintf(out, " %8.3f", parley_tournament_stats_model_over_time(s, a, q));
            fputc('\n', out);
        }
    }
    char why[512];
    if (replicator_missing(s, t, why, sizeof why)) {
        fprintf(out, "\nmeta-game: replicator dynamics not computed: %s\n", why);
        return ferror(out) ? parley_error_set(err, PARLEY_EIO, "could not write the statistics") : PARLEY_OK;
    }
    fprintf(out, "\nmeta-game: share of each agent where the replicator dynamics settle (from the uniform mix):\n");
    for (size_t i = 0; i < n; i++) {
        const parley_agent_stats *g = parley_tournament_stats_agent(s, i);
        fprintf(out, "  %-28s %6.3f\n", name_of(t, g->agent), parley_tournament_stats_replicator(s, g->agent));
    }
    return ferror(out) ? parley_error_set(err, PARLEY_EIO, "could not write the statistics") : PARLEY_OK;
}

json_t *tournament_stats_json(const parley_tournament_stats *s, const parley_tournament *t)
{
    size_t n = parley_tournament_stats_agent_count(s);
    json_t *root = json_object(), *agents = json_array(), *pairs = json_array(), *names = json_array(),
           *payoffs = json_array(), *shares = json_array();
    for (size_t i = 0; i < n; i++) {
        const parley_agent_stats *g = parley_tournament_stats_agent(s, i);
        json_t *model = isnan(g->model_pearson)
                            ? json_null()
                            : json_pack("{s:o,s:o,s:o}", "pearson", num(g->model_pearson), "rmse", num(g->model_rmse),
                                        "kendall", num(g->model_kendall));
        json_t *over_time = json_null();
        if (!isnan(g->model_pearson)) {
            over_time = json_array();
            for (size_t q = 0; q < 4; q++)
                json_array_append_new(over_time, num(parley_tournament_stats_model_over_time(s, g->agent, q)));
        }
        json_array_append_new(agents, json_pack("{s:s,s:I,s:I,s:I,s:I,s:o,s:[o,o],s:o,s:o,s:o,s:o,s:o,s:o}", "agent",
                                                name_of(t, g->agent), "rank", (json_int_t)(i + 1), "played",
                                                (json_int_t)g->played, "cells", (json_int_t)g->cells, "agreements",
                                                (json_int_t)g->agreements, "mean", num(g->mean), "ci95",
                                                num(g->ci_low), num(g->ci_high), "agreement_rate",
                                                num(g->agreement_rate), "pareto_distance", num(g->pareto_distance),
                                                "nash_distance", num(g->nash_distance), "welfare", num(g->welfare),
                                                "model_accuracy", model, "model_pearson_over_time", over_time));
    }
    for (size_t a = 0; a < n; a++) {
        json_t *row = json_array();
        json_array_append_new(names, json_string(name_of(t, a)));
        json_array_append_new(shares, num(parley_tournament_stats_replicator(s, a)));
        for (size_t b = 0; b < n; b++) {
            json_array_append_new(row, num(parley_tournament_stats_payoff(s, a, b)));
            if (b > a)
                json_array_append_new(pairs, json_pack("{s:s,s:s,s:o}", "a", name_of(t, a), "b", name_of(t, b),
                                                       "p_value", num(parley_tournament_stats_p_value(s, a, b))));
        }
        json_array_append_new(payoffs, row);
    }
    char why[512];
    json_t *missing = replicator_missing(s, t, why, sizeof why) ? json_string(why) : json_null();
    json_object_set_new(root, "unit", json_string("cell"));
    json_object_set_new(root, "agents", agents);
    json_object_set_new(root, "pairwise", pairs);
    json_object_set_new(root, "meta_game", json_pack("{s:o,s:o,s:o,s:o}", "agents", names, "payoffs", payoffs,
                                                     "replicator", shares, "replicator_missing", missing));
    return root;
}

/* Writes `root` (taken) pretty-printed; NULL: out of memory. */
static int write_root(json_t *root, FILE *out, parley_error *err)
{
    if (!root)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    int rc = json_write_pretty(root, out);
    json_decref(root);
    return rc == 0 && !ferror(out) ? PARLEY_OK : parley_error_set(err, PARLEY_EIO, "could not write the statistics");
}

int parley_tournament_stats_write_json(const parley_tournament_stats *s, const parley_tournament *t, FILE *out,
                                       parley_error *err)
{
    return write_root(tournament_stats_json(s, t), out, err);
}

int parley_tournament_write_json_with_stats(const parley_tournament *t, const parley_tournament_stats *s, FILE *out,
                                            parley_error *err)
{
    json_t *root = tournament_json(t);
    if (root && s)
        json_object_set_new(root, "stats", tournament_stats_json(s, t));
    return write_root(root, out, err);
}

int parley_tournament_stats_write_csv(const parley_tournament_stats *s, const parley_tournament *t, FILE *out,
                                      parley_error *err)
{
    fprintf(out, "rank,agent,played,cells,agreements,mean,ci95_low,ci95_high,agreement_rate,pareto_distance,"
                 "nash_distance,welfare,model_pearson,model_rmse,model_kendall,replicator_share,model_pearson_q1,"
                 "model_pearson_q2,model_pearson_q3\n");
    for (size_t i = 0; i < parley_tournament_stats_agent_count(s); i++) {
        const parley_agent_stats *g = parley_tournament_stats_agent(s, i);
        fprintf(out, "%zu,", i + 1);
        tournament_csv_field(out, name_of(t, g->agent));
        fprintf(out, ",%llu,%llu,%llu,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f\n",
                (unsigned long long)g->played, (unsigned long long)g->cells, (unsigned long long)g->agreements, g->mean, g->ci_low, g->ci_high,
                g->agreement_rate, g->pareto_distance, g->nash_distance, g->welfare, g->model_pearson, g->model_rmse,
                g->model_kendall, parley_tournament_stats_replicator(s, g->agent),
                parley_tournament_stats_model_over_time(s, g->agent, 0), parley_tournament_stats_model_over_time(s, g->agent, 1),
                parley_tournament_stats_model_over_time(s, g->agent, 2));
    }
    return ferror(out) ? parley_error_set(err, PARLEY_EIO, "could not write the CSV") : PARLEY_OK;
}

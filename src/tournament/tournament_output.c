/* tournament_output.c: a tournament's runs as CSV, and the whole tournament (scores and runs) as JSON. */
#include "io/json_util.h"
#include <parley/tournament.h>

#include <jansson.h>
#include <math.h>

/* Agent specs may contain commas and quotes (parameters): quote the field, doubling quotes. */
static void csv_agents(FILE *out, const parley_tournament *t, const parley_tournament_run *r)
{
    fputc('"', out);
    for (size_t k = 0; k < r->parties; k++) {
        if (k)
            fputc(' ', out);
        for (const char *p = parley_tournament_agent_name(t, r->agents[k]); *p; p++) {
            if (*p == '"')
                fputc('"', out);
            fputc(*p, out);
        }
    }
    fputc('"', out);
}

static void csv_numbers(FILE *out, const double *x, size_t n)
{
    fputc('"', out);
    for (size_t k = 0; k < n; k++)
        fprintf(out, "%s%.6f", k ? " " : "", x[k]);
    fputc('"', out);
}

int parley_tournament_write_csv(const parley_tournament *t, FILE *out, parley_error *err)
{
    fprintf(out, "run,scenario,seed,agents,agreed,rounds,utilities,discounted,pareto_distance,nash_distance,welfare\n");
    for (size_t i = 0; i < parley_tournament_run_count(t); i++) {
        const parley_tournament_run *r = parley_tournament_result(t, i);
        fprintf(out, "%zu,%zu,%llu,", i, r->scenario, (unsigned long long)r->seed);
        csv_agents(out, t, r);
        fprintf(out, ",%d,%ld,", r->agreed, r->rounds);
        csv_numbers(out, r->utility, r->parties);
        fputc(',', out);
        csv_numbers(out, r->discounted, r->parties);
        fprintf(out, ",%.6f,%.6f,%.6f\n", r->pareto_distance, r->nash_distance, r->welfare);
    }
    return ferror(out) ? parley_error_set(err, PARLEY_EIO, "could not write the CSV") : PARLEY_OK;
}

static json_t *number_or_null(double x)
{
    return isnan(x) ? json_null() : json_real(x);
}

static json_t *numbers(const double *x, size_t n)
{
    json_t *a = json_array();
    for (size_t k = 0; k < n; k++)
        json_array_append_new(a, json_real(x[k]));
    return a;
}

int parley_tournament_write_json(const parley_tournament *t, FILE *out, parley_error *err)
{
    json_t *root = json_object(), *scores = json_array(), *runs = json_array();
    if (!root || !scores || !runs) {
        json_decref(root);
        json_decref(scores);
        json_decref(runs);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    json_object_set_new(root, "negotiations", json_integer((json_int_t)parley_tournament_run_count(t)));
    json_object_set_new(root, "seconds", json_real(parley_tournament_seconds(t)));
    json_object_set_new(root, "threads", json_integer(parley_tournament_threads(t)));
    for (size_t a = 0; a < parley_tournament_agent_count(t); a++) {
        parley_tournament_score s;
        parley_tournament_agent_score(t, a, &s);
        json_array_append_new(scores, json_pack("{s:s,s:I,s:I,s:o,s:o,s:o,s:o}", "agent", parley_tournament_agent_name(t, a),
                                                "played", (json_int_t)s.played, "agreements", (json_int_t)s.agreements,
                                                "mean_utility", number_or_null(s.mean_utility), "mean_rounds",
                                                number_or_null(s.mean_rounds), "mean_pareto_distance",
                                                number_or_null(s.mean_pareto_distance), "mean_welfare",
                                                number_or_null(s.mean_welfare)));
    }
    json_object_set_new(root, "scores", scores);
    for (size_t i = 0; i < parley_tournament_run_count(t); i++) {
        const parley_tournament_run *r = parley_tournament_result(t, i);
        json_t *agents = json_array();
        for (size_t k = 0; k < r->parties; k++)
            json_array_append_new(agents, json_string(parley_tournament_agent_name(t, r->agents[k])));
        json_array_append_new(runs, json_pack("{s:I,s:I,s:o,s:b,s:I,s:o,s:o,s:o,s:o,s:f}", "scenario",
                                              (json_int_t)r->scenario, "seed", (json_int_t)r->seed, "agents", agents,
                                              "agreed", r->agreed, "rounds", (json_int_t)r->rounds, "utilities",
                                              numbers(r->utility, r->parties), "discounted",
                                              numbers(r->discounted, r->parties), "pareto_distance",
                                              number_or_null(r->pareto_distance), "nash_distance",
                                              number_or_null(r->nash_distance), "welfare", r->welfare));
    }
    json_object_set_new(root, "runs", runs);
    int rc = json_write_pretty(root, out);
    json_decref(root);
    return rc == 0 ? PARLEY_OK : parley_error_set(err, PARLEY_EIO, "could not write the JSON");
}

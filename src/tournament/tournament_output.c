/* tournament_output.c: a tournament's runs as CSV, and the whole tournament (scores and runs) as JSON. */
#include "tournament/stats_internal.h"
#include "core/strutil.h"
#include "io/json_util.h"
#include <parley/tournament.h>

#include <jansson.h>
#include <math.h>
#include <parley/io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tournament_csv_field(FILE *out, const char *text)
{
    if (!strpbrk(text, ",\"\r\n")) {
        fputs(text, out);
        return;
    }
    fputc('"', out);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

/* A number in the one number format (parley_format_number), empty for NaN. */
static void csv_number(FILE *out, double x)
{
    char buf[64];
    if (!isnan(x))
        fputs(parley_format_number(parley_round_figure(x), buf, sizeof buf), out);
}

char *parley_tournament_scenario_name(const parley_tournament *t, size_t s, char *buf, size_t size)
{
    const parley_scenario *sc = parley_tournament_scenario(t, s);
    const char *title = sc ? parley_scenario_title(sc) : "";
    if (title[0])
        snprintf(buf, size, "%s", title);
    else
        snprintf(buf, size, "scenario %zu", s + 1);
    size_t same = 0;
    for (size_t e = 0; e < s; e++) {
        const char *other = parley_scenario_title(parley_tournament_scenario(t, e));
        same += title[0] ? strcmp(other, title) == 0 : 0;
    }
    if (same) {
        size_t n = strlen(buf);
        snprintf(buf + n, size > n ? size - n : 0, " #%zu", same + 1);
    }
    return buf;
}

/* The name of the negotiating party in position k of scenario s. */
static const char *party_name(const parley_tournament *t, size_t s, size_t k)
{
    const parley_scenario *sc = parley_tournament_scenario(t, s);
    return parley_party_name(sc, parley_scenario_negotiator(sc, k));
}

int parley_tournament_write_csv(const parley_tournament *t, FILE *out, parley_error *err)
{
    size_t most = 0;
    for (size_t s = 0; s < parley_tournament_scenario_count(t); s++) {
        size_t n = parley_scenario_negotiator_count(parley_tournament_scenario(t, s));
        most = n > most ? n : most;
    }
    fprintf(out, "run,scenario,seed,agreed,rounds,pareto_distance,nash_distance,welfare");
    for (size_t k = 1; k <= most; k++)
        fprintf(out, ",party%zu,agent%zu,utility%zu,discounted_utility%zu", k, k, k, k);
    fputc('\n', out);
    char name[512];
    for (size_t i = 0; i < parley_tournament_run_count(t); i++) {
        const parley_tournament_run *r = parley_tournament_result(t, i);
        fprintf(out, "%zu,", i);
        tournament_csv_field(out, parley_tournament_scenario_name(t, r->scenario, name, sizeof name));
        fprintf(out, ",%llu,%d,%ld,", (unsigned long long)r->seed, r->agreed, r->rounds);
        csv_number(out, r->pareto_distance);
        fputc(',', out);
        csv_number(out, r->nash_distance);
        fputc(',', out);
        csv_number(out, r->welfare);
        for (size_t k = 0; k < most; k++) {
            fputc(',', out);
            if (k >= r->parties) {
                fputs(",,,", out);
                continue;
            }
            tournament_csv_field(out, party_name(t, r->scenario, k));
            fputc(',', out);
            tournament_csv_field(out, parley_tournament_agent_name(t, r->agents[k]));
            fputc(',', out);
            csv_number(out, r->utility[k]);
            fputc(',', out);
            csv_number(out, r->discounted[k]);
        }
        fputc('\n', out);
    }
    return ferror(out) ? parley_error_set(err, PARLEY_EIO, "could not write the CSV") : PARLEY_OK;
}

static json_t *number_or_null(double x)
{
    return isnan(x) ? json_null() : json_real(parley_round_figure(x));
}

static json_t *numbers(const double *x, size_t n)
{
    json_t *a = json_array();
    for (size_t k = 0; k < n; k++)
        json_array_append_new(a, json_real(parley_round_figure(x[k])));
    return a;
}

void parley_tournament_scenario_score_of(const parley_tournament *t, size_t s, parley_tournament_scenario_score *score,
                                         double *mean_utility)
{
    size_t n = parley_scenario_negotiator_count(parley_tournament_scenario(t, s));
    double rounds = 0, welfare = 0;
    memset(score, 0, sizeof *score);
    for (size_t k = 0; mean_utility && k < n; k++)
        mean_utility[k] = 0;
    for (size_t i = 0; i < parley_tournament_run_count(t); i++) {
        const parley_tournament_run *r = parley_tournament_result(t, i);
        if (r->scenario != s)
            continue;
        score->negotiations++;
        score->agreements += r->agreed != 0;
        rounds += (double)r->rounds;
        welfare += r->welfare;
        for (size_t k = 0; mean_utility && k < r->parties && k < n; k++)
            mean_utility[k] += r->utility[k];
    }
    double runs = (double)score->negotiations;
    score->mean_rounds = runs > 0 ? rounds / runs : NAN;
    score->mean_welfare = runs > 0 ? welfare / runs : NAN;
    for (size_t k = 0; mean_utility && k < n; k++)
        mean_utility[k] = runs > 0 ? mean_utility[k] / runs : NAN;
}

/* A table per scenario: its negotiations, agreements, mean rounds and welfare, each party's mean utility; NULL when
   out of memory. */
static json_t *scenario_tables(const parley_tournament *t)
{
    json_t *tables = json_array();
    char name[512];
    for (size_t s = 0; s < parley_tournament_scenario_count(t); s++) {
        size_t n = parley_scenario_negotiator_count(parley_tournament_scenario(t, s));
        double *mean = calloc(n ? n : 1, sizeof *mean);
        if (!mean) {
            json_decref(tables);
            return NULL;
        }
        parley_tournament_scenario_score score;
        parley_tournament_scenario_score_of(t, s, &score, mean);
        json_t *utilities = json_object();
        for (size_t k = 0; k < n; k++)
            json_object_set_new(utilities, party_name(t, s, k), number_or_null(mean[k]));
        json_array_append_new(tables, json_pack("{s:s,s:I,s:I,s:o,s:o,s:o,s:s}", "scenario",
                                                parley_tournament_scenario_name(t, s, name, sizeof name),
                                                "negotiations", (json_int_t)score.negotiations, "agreements",
                                                (json_int_t)score.agreements, "mean_rounds",
                                                number_or_null(score.mean_rounds), "mean_welfare",
                                                number_or_null(score.mean_welfare), "mean_utility", utilities,
                                                "frontier",
                                                parley_tournament_scenario_searched(t, s) ? "searched" : "exact"));
        free(mean);
    }
    return tables;
}

json_t *tournament_json(const parley_tournament *t)
{
    json_t *root = json_object(), *scores = json_array(), *runs = json_array();
    if (!root || !scores || !runs) {
        json_decref(root);
        json_decref(scores);
        json_decref(runs);
        return NULL;
    }
    json_object_set_new(root, "negotiations", json_integer((json_int_t)parley_tournament_run_count(t)));
    json_object_set_new(root, "seconds", json_real(parley_round_figure(parley_tournament_seconds(t))));
    json_object_set_new(root, "threads", json_integer(parley_tournament_threads(t)));
    for (size_t a = 0; a < parley_tournament_agent_count(t); a++) {
        parley_tournament_score s;
        parley_tournament_agent_score(t, a, &s);
        /* mean_utility: the deprecated name of mean_discounted_utility (what the ranking orders by) */
        json_array_append_new(scores, json_pack("{s:s,s:I,s:I,s:o,s:o,s:o,s:o,s:o}", "agent",
                                                parley_tournament_agent_name(t, a), "played", (json_int_t)s.played,
                                                "agreements", (json_int_t)s.agreements, "mean_discounted_utility",
                                                number_or_null(s.mean_utility), "mean_utility",
                                                number_or_null(s.mean_utility), "mean_rounds",
                                                number_or_null(s.mean_rounds), "mean_pareto_distance",
                                                number_or_null(s.mean_pareto_distance), "mean_welfare",
                                                number_or_null(s.mean_welfare)));
    }
    json_object_set_new(root, "scores", scores);
    json_t *tables = scenario_tables(t);
    if (!tables) {
        json_decref(root);
        json_decref(runs);
        return NULL;
    }
    json_object_set_new(root, "scenarios", tables);
    for (size_t i = 0; i < parley_tournament_run_count(t); i++) {
        const parley_tournament_run *r = parley_tournament_result(t, i);
        json_t *agents = json_array();
        for (size_t k = 0; k < r->parties; k++)
            json_array_append_new(agents, json_string(parley_tournament_agent_name(t, r->agents[k])));
        json_t *parties = json_array();
        for (size_t k = 0; k < r->parties; k++)
            json_array_append_new(parties, json_string(party_name(t, r->scenario, k)));
        char name[512];
        json_array_append_new(runs, json_pack("{s:s,s:I,s:I,s:o,s:o,s:b,s:I,s:o,s:o,s:o,s:o,s:f}", "scenario",
                                              parley_tournament_scenario_name(t, r->scenario, name, sizeof name),
                                              "scenario_index", (json_int_t)r->scenario, "seed", (json_int_t)r->seed,
                                              "parties", parties, "agents", agents,
                                              "agreed", r->agreed, "rounds", (json_int_t)r->rounds, "utilities",
                                              numbers(r->utility, r->parties), "discounted_utilities",
                                              numbers(r->discounted, r->parties), "pareto_distance",
                                              number_or_null(r->pareto_distance), "nash_distance",
                                              number_or_null(r->nash_distance), "welfare", parley_round_figure(r->welfare)));
        /* deprecated name of discounted_utilities (docs/tournament.md), kept for readers of older output */
        json_object_set_new(json_array_get(runs, json_array_size(runs) - 1), "discounted",
                            numbers(r->discounted, r->parties));
    }
    json_object_set_new(root, "runs", runs);
    return root;
}

int parley_tournament_write_json(const parley_tournament *t, FILE *out, parley_error *err)
{
    json_t *root = tournament_json(t);
    if (!root)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    int rc = json_write_pretty(root, out);
    json_decref(root);
    return rc == 0 ? PARLEY_OK : parley_error_set(err, PARLEY_EIO, "could not write the JSON");
}

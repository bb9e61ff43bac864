/*
 * bench_tournament.c: a tournament of at least 10,000 negotiations (alternating
 * offers, 7 built-in agents, every ordered pair, repeated) on ANAC 2012 domains,
 * on one thread and on every core; prints negotiations per second.
 * Usage: bench_tournament [rounds (default 100)] [min negotiations (default 10000)]
 */
#include "anac_files.h"

#include <parley/parley.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char *domains[] = {"Laptop", "Grocery", "Amsterdam", "Camera", "Car", "Fitness"};

int main(int argc, char **argv)
{
    long rounds = argc > 1 ? atol(argv[1]) : 100;
    long wanted = argc > 2 ? atol(argv[2]) : 10000;
    const char *agents[] = {"boulware", "linear", "conceder", "hardliner", "tit-for-tat", "random", "nash"};
    size_t n = sizeof domains / sizeof domains[0], loaded = 0;
    parley_scenario *scenarios[sizeof domains / sizeof domains[0]];
    double space = 0;
    for (size_t d = 0; d < n; d++) {
        bench_anac_files f;
        const char **files = bench_anac_files_of(&f, domains[d]);
        parley_error err;
        if (parley_scenario_load_files(files, 3, &scenarios[loaded], &err) != PARLEY_OK) {
            char buf[1024];
            fprintf(stderr, "skipping %s: %s\n", domains[d], parley_error_format(&err, buf, sizeof buf));
            continue;
        }
        space += parley_space_size(parley_scenario_space(scenarios[loaded]));
        loaded++;
    }
    if (!loaded) {
        fprintf(stderr, "bench_tournament: no ANAC domain could be loaded\n");
        return 1;
    }
    size_t per_repeat = loaded * 7 * 6;
    unsigned repeats = (unsigned)((wanted + (long)per_repeat - 1) / (long)per_repeat);
    unsigned cores = (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
    printf("bench_tournament: %zu ANAC 2012 domains (%.0f outcomes in all), 7 agents, %u repeats, %ld rounds, %u cores\n",
           loaded, space, repeats, rounds, cores);
    unsigned threads[2] = {1, cores};
    for (int k = 0; k < (cores > 1 ? 2 : 1); k++) {
        parley_tournament_config cfg;
        parley_tournament_config_init(&cfg);
        cfg.agents = agents;
        cfg.agent_count = 7;
        cfg.repeats = repeats;
        cfg.threads = threads[k];
        cfg.session.rounds = rounds;
        parley_tournament *t = NULL;
        parley_error err;
        if (parley_tournament_run_all((const parley_scenario *const *)scenarios, loaded, &cfg, &t, &err) != PARLEY_OK) {
            fprintf(stderr, "bench_tournament: %s\n", err.message);
            return 1;
        }
        size_t agreed = 0;
        for (size_t i = 0; i < parley_tournament_run_count(t); i++)
            agreed += parley_tournament_result(t, i)->agreed != 0;
        printf("  %u thread%s: %zu negotiations in %.3f s = %.0f negotiations/s (%.0f per core), %.1f%% agreed\n",
               threads[k], threads[k] == 1 ? "" : "s", parley_tournament_run_count(t), parley_tournament_seconds(t),
               (double)parley_tournament_run_count(t) / parley_tournament_seconds(t),
               (double)parley_tournament_run_count(t) / parley_tournament_seconds(t) / threads[k],
               100.0 * (double)agreed / (double)parley_tournament_run_count(t));
        parley_tournament_free(t);
    }
    for (size_t d = 0; d < loaded; d++)
        parley_scenario_free(scenarios[d]);
    return 0;
}

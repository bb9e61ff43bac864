/*
 * bench_baselines.c: the ANAC baselines against each other and the textbook
 * agents on every ANAC 2012 domain (profiles A, from PARLEY_SHARED_DIR),
 * alternating offers, with the tournament statistics: mean utility with its
 * bootstrap 95% interval, agreement rate, distances, welfare, the accuracy of
 * a frequency model of each agent, significance and the meta-game (each
 * agent's payoff against itself from its self-play games, played apart).  The
 * table in docs/agents.md comes from this program.
 *
 * usage: bench_baselines [ROUNDS [REPEATS]]   (default 1000 rounds, 1 repeat)
 */
#include "anac_files.h"

#include <parley/parley.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const agents[] = {"hardheaded", "nice-tit-for-tat", "agent-k", "cuhk", "atlas3", "agent-gg",
                                     "micro", "boulware", "linear", "conceder", "hardliner", "tit-for-tat",
                                     "random", "nash"};

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    long rounds = argc > 1 ? atol(argv[1]) : 1000;
    unsigned repeats = argc > 2 ? (unsigned)atoi(argv[2]) : 1;
    char root[1024];
    snprintf(root, sizeof root, "%s/genius/anac2012", PARLEY_SHARED_DIR);
    DIR *dir = opendir(root);
    if (!dir) {
        printf("no ANAC 2012 domains under %s\n", root);
        return 0;
    }
    char *names[64];
    size_t n = 0;
    for (struct dirent *e; n < 64 && (e = readdir(dir));)
        if (e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    closedir(dir);
    qsort(names, n, sizeof *names, by_name);
    parley_scenario *scenarios[64];
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        bench_anac_files f;
        const char **files = bench_anac_files_of(&f, names[i]);
        parley_error err;
        if (access(files[0], R_OK) == 0 && parley_scenario_load_files(files, 3, &scenarios[count], &err) == PARLEY_OK)
            count++;
        free(names[i]);
    }
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = sizeof agents / sizeof agents[0];
    cfg.session.rounds = rounds;
    cfg.repeats = repeats ? repeats : 1;
    cfg.model = "frequency";
    parley_tournament *t = NULL;
    parley_tournament_stats *s = NULL;
    parley_error err;
    int rc = 1;
    double self_payoff[sizeof agents / sizeof agents[0]];
    parley_stats_options options = {0, 1, self_payoff};
    if (parley_tournament_run_all((const parley_scenario *const *)scenarios, count, &cfg, &t, &err) != PARLEY_OK ||
        parley_tournament_self_play_payoffs((const parley_scenario *const *)scenarios, count, &cfg, self_payoff,
                                            &err) != PARLEY_OK ||
        parley_tournament_stats_compute(t, &options, &s, &err) != PARLEY_OK) {
        fprintf(stderr, "bench_baselines: %s\n", err.message);
        goto done;
    }
    printf("%zu ANAC 2012 domains, %zu agents, %ld rounds, %u repeat(s): %zu negotiations in %.2f s on %u threads "
           "(cores online: %ld)\n\n",
           count, cfg.agent_count, rounds, cfg.repeats, parley_tournament_run_count(t), parley_tournament_seconds(t),
           parley_tournament_threads(t), sysconf(_SC_NPROCESSORS_ONLN));
    rc = parley_tournament_stats_write_text(s, t, stdout, &err) == PARLEY_OK ? 0 : 1;
done:
    parley_tournament_stats_free(s);
    parley_tournament_free(t);
    for (size_t i = 0; i < count; i++)
        parley_scenario_free(scenarios[i]);
    return rc;
}

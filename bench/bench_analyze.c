/*
 * bench_analyze.c: times parley_analyze on generated additive spaces of 10^6,
 * 10^7 and 10^8 outcomes (issues of 10 values), 2 and 3 parties, on 1 thread
 * and on every core, and prints outcome evaluations per second per core and
 * the peak memory (streaming forced: bench_exact.c compares it with the exact path).
 * Usage: bench_analyze [max_exponent (default 8)] [hooks]
 * With `hooks`, each case also runs with a progress callback (what the CLI's
 * progress line costs) and with plot data gathered (analyze --plot, 64 bins).
 */
#include <parley/parley.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "additive_space.h"

static parley_scenario *generate(int exponent, int parties)
{
    return additive_space(exponent, parties, NULL);
}

static void count_report(void *user, double done, double total, const char *what)
{
    (void)done;
    (void)total;
    (void)what;
    ++*(unsigned long *)user;
}

int main(int argc, char **argv)
{
    int max_exp = argc > 1 ? atoi(argv[1]) : 8;
    int hooks = argc > 2 && strcmp(argv[2], "hooks") == 0;
    static const char *const variants[] = {"plain", "progress", "plot"};
    unsigned cores = (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
    printf("bench_analyze: %u cores\n", cores);
    printf("%-10s %-8s %-8s %-9s %10s %14s %16s %10s %9s %8s\n", "outcomes", "parties", "threads", "variant",
           "seconds", "outcomes/s", "per core", "frontier", "maxrss", "reports");
    for (int parties = 2; parties <= 3; parties++)
        for (int e = 6; e <= max_exp; e++) {
            parley_scenario *sc = generate(e, parties);
            unsigned thread_counts[2] = {1, cores};
            for (int t = 0; t < (cores > 1 ? 2 : 1); t++)
            for (int variant = 0; variant < (hooks ? 3 : 1); variant++) {
                unsigned long reports = 0;
                parley_analysis_options opt = {.threads = thread_counts[t], .method = PARLEY_ANALYSIS_STREAM};
                if (variant == 1) {
                    opt.progress = count_report;
                    opt.progress_user = &reports;
                }
                if (variant == 2)
                    opt.plot_bins = 64;
                parley_analysis *a = NULL;
                parley_error err;
                if (parley_analyze(sc, &opt, &a, &err) != PARLEY_OK) {
                    fprintf(stderr, "analysis failed: %s\n", err.message);
                    return 1;
                }
                double s = parley_analysis_seconds(a);
                double rate = (double)parley_analysis_outcomes(a) / s;
                struct rusage ru;
                getrusage(RUSAGE_SELF, &ru);
                printf("10^%-7d %-8d %-8u %-9s %10.3f %14.3e %16.3e %10zu %7ldMB %8lu\n", e, parties,
                       parley_analysis_threads(a), variants[variant], s, rate, rate / parley_analysis_threads(a),
                       parley_analysis_frontier_count(a), ru.ru_maxrss / 1024, reports);
                fflush(stdout);
                parley_analysis_free(a);
            }
            parley_scenario_free(sc);
        }
    return 0;
}

/*
 * bench_analyze.c: times parley_analyze on generated additive spaces of 10^6,
 * 10^7 and 10^8 outcomes (issues of 10 values), 2 and 3 parties, on 1 thread
 * and on every core, and prints outcome evaluations per second per core and
 * the peak memory (streaming forced: bench_exact.c compares it with the exact path).
 * Usage: bench_analyze [max_exponent (default 8)] [hooks]
 * With `hooks`, each case also runs with a progress callback (what the CLI's
 * progress line costs) and with plot data gathered (analyze --plot, 64 bins).
 * CPU seconds (user + sys of the process during the analysis) are printed
 * beside wall seconds: on a loaded machine the rate per CPU-second is the
 * figure to read.  PARLEY_SCAN_PATH=scalar|avx2|avx512 picks the row loop
 * (src/analysis/scan_simd.c); the line "path" says which one ran.
 */
#include <parley/parley.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "additive_space.h"
#include "analysis/scan.h"

static parley_scenario *generate(int exponent, int parties)
{
    return additive_space(exponent, parties, NULL);
}

/* User + system CPU seconds of this process so far. */
static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
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
    static const char *const paths[] = {"scalar", "avx2", "avx512"};
    printf("bench_analyze: %u cores, path %s\n", cores, paths[scan_path_chosen()]);
    printf("%-10s %-8s %-8s %-9s %10s %10s %14s %16s %14s %10s %9s %8s\n", "outcomes", "parties", "threads",
           "variant", "seconds", "CPU-s", "outcomes/s", "per core", "per CPU-s", "frontier", "maxrss", "reports");
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
                double cpu = cpu_seconds();
                int rc = parley_analyze(sc, &opt, &a, &err);
                cpu = cpu_seconds() - cpu;
                if (rc != PARLEY_OK) {
                    fprintf(stderr, "analysis failed: %s\n", err.message);
                    return 1;
                }
                double s = parley_analysis_seconds(a);
                double rate = (double)parley_analysis_outcomes(a) / s;
                struct rusage ru;
                getrusage(RUSAGE_SELF, &ru);
                printf("10^%-7d %-8d %-8u %-9s %10.3f %10.3f %14.3e %16.3e %14.3e %10zu %7ldMB %8lu\n", e, parties,
                       parley_analysis_threads(a), variants[variant], s, cpu, rate, rate / parley_analysis_threads(a),
                       (double)parley_analysis_outcomes(a) / cpu, parley_analysis_frontier_count(a),
                       ru.ru_maxrss / 1024, reports);
                fflush(stdout);
                parley_analysis_free(a);
            }
            parley_scenario_free(sc);
        }
    return 0;
}

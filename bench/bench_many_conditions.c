/*
 * bench_many_conditions.c: analyses and diagnoses with 200 red lines across
 * three parties (203 conditions, failure masks of four words), on the
 * generated scenarios of tests/many_red_lines.h: five issues (7,776 outcomes)
 * and eight (1,679,616 outcomes), with a zone and with colliding red lines.
 * Prints, per run, wall and CPU seconds (user + system of the process), the
 * zone, and for diagnoses the conflicts listed and whether their list or the
 * relaxations were cut short.  Two worker threads.
 * Usage: bench_many_conditions [lines (default 200)] [largest issue count: 5 or 8 (default)]
 */
#include <parley/parley.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "../tests/many_red_lines.h"

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           (double)ru.ru_stime.tv_usec / 1e6;
}

static int run(size_t issues, size_t lines, int conflicts)
{
    parley_scenario *sc = many_red_lines_over(issues, lines, conflicts, 7);
    if (!sc) {
        fprintf(stderr, "the scenario could not be built\n");
        return 1;
    }
    parley_analysis_options o = {0};
    o.threads = 2;
    parley_error err;
    parley_analysis *a = NULL;
    double w0 = wall_now(), c0 = cpu_now();
    if (parley_analyze(sc, &o, &a, &err) != PARLEY_OK) {
        fprintf(stderr, "analyze: %s\n", err.message);
        parley_scenario_free(sc);
        return 1;
    }
    double w1 = wall_now(), c1 = cpu_now();
    printf("%zu issues, %zu lines, %-9s analyze:  wall %7.3f s  cpu %7.3f s  outcomes %llu  zone %llu\n", issues,
           lines, conflicts ? "colliding" : "zone", w1 - w0, c1 - c0,
           (unsigned long long)parley_analysis_outcomes(a), (unsigned long long)parley_analysis_acceptable(a));
    parley_analysis_free(a);
    if (conflicts) {
        parley_diagnosis *d = NULL;
        if (parley_diagnose(sc, &o, &d, &err) != PARLEY_OK) {
            fprintf(stderr, "diagnose: %s\n", err.message);
            parley_scenario_free(sc);
            return 1;
        }
        double w2 = wall_now(), c2 = cpu_now();
        const char *relaxations, *why = parley_diagnosis_truncated(d, &relaxations);
        printf("%zu issues, %zu lines, %-9s diagnose: wall %7.3f s  cpu %7.3f s  conflicts %zu%s%s%s  relaxations %zu%s\n",
               issues, lines, "colliding", w2 - w1, c2 - c1, parley_diagnosis_conflict_count(d, NULL),
               why ? " (cut short: " : "", why ? why : "", why ? ")" : "", parley_diagnosis_relaxation_count(d),
               relaxations ? " (cut short)" : "");
        parley_diagnosis_free(d);
    }
    parley_scenario_free(sc);
    return 0;
}

int main(int argc, char **argv)
{
    size_t lines = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 200;
    size_t most = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 8;
    int rc = 0;
    for (size_t issues = 5; issues <= most && rc == 0; issues += 3)
        for (int conflicts = 0; conflicts <= 1 && rc == 0; conflicts++)
            rc = run(issues, lines, conflicts);
    return rc;
}

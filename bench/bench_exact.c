/*
 * bench_exact.c: the exact path without enumeration (issue-wise merging,
 * meet-in-the-middle counts, constraint scopes) against streaming, side by
 * side on generated additive spaces (issues of 10 values, random weights and
 * values, reservations 0.3):
 *   - 10^8 (and 10^10 with a first argument of 10) outcomes, 2 and 3 parties:
 *     streaming vs merging, whether the figures agree;
 *   - 10^12 outcomes, 2 and 3 parties, with and without one red line over two
 *     issues: exact counts and solutions (target, 2 parties with the red line:
 *     under 10 s);
 *   - 10^20 and 10^30 outcomes, 2 and 3 parties: the exact frontier and
 *     solutions (target for 10^30: under 1 s), and frontier sizes.
 * Past 2^64 outcomes (10^20, 10^30) parley_analyze_approximate takes the exact
 * path for the frontier and solutions; counts there would need halves of
 * 10^10 points and are left to its samples.
 * Each row gives wall seconds (the analysis's own clock) and the CPU seconds of
 * the process over it (all threads: what counts on a shared machine).
 * Usage: bench_exact [max streamed exponent (default 8; 0: none) [threads (default 0: every core)]]
 */
#include <parley/parley.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "additive_space.h"

/* Issues 0 and 1 together capped: a red line whose scope has 100 joint assignments. */
static parley_scenario *generate(int exponent, int parties, int red_line)
{
    return additive_space(exponent, parties, red_line ? "issue0 + issue1 <= 12" : NULL);
}

static unsigned threads; /* of the analyses (0: every core) */

static long max_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024;
}

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* parley_analyze with the given method; prints a row and returns the result (NULL on failure). */
static parley_analysis *analyze_row(const char *label, const parley_scenario *sc, int method)
{
    parley_analysis_options o;
    memset(&o, 0, sizeof o);
    o.method = method;
    o.threads = threads;
    parley_analysis *a = NULL;
    parley_error err;
    double cpu = cpu_seconds();
    if (parley_analyze(sc, &o, &a, &err) != PARLEY_OK) {
        printf("%-34s failed: %s\n", label, err.message);
        return NULL;
    }
    cpu = cpu_seconds() - cpu;
    printf("%-34s %-9s %2u %10.3f %8.3f %14llu %10zu %7ldMB\n", label, parley_analysis_merged(a) ? "merging" : "streaming",
           parley_analysis_threads(a), parley_analysis_seconds(a), cpu,
           (unsigned long long)parley_analysis_acceptable(a), parley_analysis_frontier_count(a), max_rss_mb());
    fflush(stdout);
    return a;
}

/* The exact frontier of a space of any size (parley_analyze_approximate takes the exact path). */
static void frontier_row(const char *label, const parley_scenario *sc)
{
    parley_approx_options o;
    memset(&o, 0, sizeof o);
    o.threads = threads;
    parley_approx *a = NULL;
    parley_error err;
    double cpu = cpu_seconds();
    if (parley_analyze_approximate(sc, &o, &a, &err) != PARLEY_OK) {
        printf("%-34s failed: %s\n", label, err.message);
        return;
    }
    uint64_t acceptable = 0;
    int counted = parley_approx_acceptable(a, &acceptable);
    char count[32] = "-";
    if (counted)
        snprintf(count, sizeof count, "%llu", (unsigned long long)acceptable);
    cpu = cpu_seconds() - cpu;
    printf("%-34s %-9s %2u %10.3f %8.3f %14s %10zu %7ldMB\n", label, parley_approx_exact(a) ? "merging" : "SEARCH",
           parley_approx_threads(a), parley_approx_seconds(a), cpu, count, parley_approx_frontier_count(a), max_rss_mb());
    fflush(stdout);
    parley_approx_free(a);
}

/* The figures both analyses report, compared. */
static const char *agree(const parley_analysis *x, const parley_analysis *y)
{
    if (!x || !y)
        return "-";
    if (parley_analysis_acceptable(x) != parley_analysis_acceptable(y) ||
        parley_analysis_frontier_count(x) != parley_analysis_frontier_count(y))
        return "DIFFER";
    for (size_t i = 0; i < parley_analysis_frontier_count(x); i++)
        if (memcmp(parley_analysis_frontier_utilities(x, i), parley_analysis_frontier_utilities(y, i),
                   parley_analysis_party_count(x) * sizeof(double)) != 0)
            return "DIFFER";
    return "equal";
}

int main(int argc, char **argv)
{
    int stream_max = argc > 1 ? atoi(argv[1]) : 8;
    threads = argc > 2 ? (unsigned)atoi(argv[2]) : 0;
    printf("bench_exact: %ld cores\n", sysconf(_SC_NPROCESSORS_ONLN));
    printf("%-34s %-9s %2s %10s %8s %14s %10s %9s\n", "space", "method", "th", "wall s", "CPU s", "acceptable",
           "frontier", "maxrss");
    char label[64];
    for (int e = 8; e <= stream_max; e += 2)
        for (int parties = 2; parties <= 3; parties++) {
            parley_scenario *sc = generate(e, parties, 0);
            snprintf(label, sizeof label, "10^%d, %d parties", e, parties);
            parley_analysis *s = analyze_row(label, sc, PARLEY_ANALYSIS_STREAM);
            parley_analysis *m = analyze_row(label, sc, PARLEY_ANALYSIS_EXACT);
            printf("  streaming and merging: %s\n", agree(s, m));
            parley_analysis_free(m);
            parley_analysis_free(s);
            parley_scenario_free(sc);
        }
    for (int parties = 2; parties <= 3; parties++)
        for (int red = 1; red >= 0; red--) {
            parley_scenario *sc = generate(12, parties, red);
            snprintf(label, sizeof label, "10^12, %d parties%s", parties, red ? ", one red line" : "");
            parley_analysis_free(analyze_row(label, sc, PARLEY_ANALYSIS_EXACT_ONLY));
            parley_scenario_free(sc);
        }
    for (int e = 20; e <= 30; e += 10)
        for (int parties = 2; parties <= 3; parties++) {
            parley_scenario *sc = generate(e, parties, 0);
            snprintf(label, sizeof label, "10^%d, %d parties", e, parties);
            frontier_row(label, sc);
            parley_scenario_free(sc);
        }
    return 0;
}

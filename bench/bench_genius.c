/*
 * bench_genius.c: parley's analysis of the ANAC GENIUS domains against a
 * straightforward reference implementation (bench/genius_reference.py: the same
 * definitions in plain Python loops), reported as a time ratio.
 *
 * For each domain: the time to read the files and analyse them (best of 3) and
 * parley_analyze's own time, then the reference's wall time and its own
 * analysis time; ratio = reference / parley.  The reference is run only on
 * spaces up to 2 million outcomes unless PARLEY_BENCH_FULL=1 (it needs minutes
 * beyond).  A case is stopped after PARLEY_BENCH_TIMEOUT seconds (default 120).
 * Usage: bench_genius [--no-reference]
 */
#include <parley/parley.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define G PARLEY_SHARED_DIR "/genius/"

struct domain {
    const char *label;
    const char *files[5];
};

static const struct domain domains[] = {
    {"Energy-A (anac2012)",
     {G "anac2012/Energy/Energy-A-domain.xml", G "anac2012/Energy/Energy-A-prof1.xml",
      G "anac2012/Energy/Energy-A-prof2.xml"}},
    {"Travel-A (anac2012)",
     {G "anac2012/Travel/Travel-A-domain.xml", G "anac2012/Travel/Travel-A-prof1.xml",
      G "anac2012/Travel/Travel-A-prof2.xml"}},
    {"Supermarket-A (anac2012)",
     {G "anac2012/Supermarket/Supermarket-A-domain.xml", G "anac2012/Supermarket/Supermarket-A-prof1.xml",
      G "anac2012/Supermarket/Supermarket-A-prof2.xml"}},
    {"KillerRobot 3 parties (anac2015)",
     {G "anac2015/group9-killer_robot/KillerRobot.xml", G "anac2015/group9-killer_robot/KillerRobot_util1.xml",
      G "anac2015/group9-killer_robot/KillerRobot_util2.xml", G "anac2015/group9-killer_robot/KillerRobot_util3.xml"}},
    {"AMPOvsCity (other)",
     {G "other/AMPOvsCity/ampo_vs_city_template.xml", G "other/AMPOvsCity/ampo_vs_city_ampo_space.xml",
      G "other/AMPOvsCity/ampo_vs_city_city_space.xml"}},
    {"AgentHp2 3 parties (anac2016)",
     {G "anac2016/AgentHp2/energy_grid_domain.xml", G "anac2016/AgentHp2/consumer.xml",
      G "anac2016/AgentHp2/producer.xml", G "anac2016/AgentHp2/provider.xml"}},
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static size_t file_count(const struct domain *d)
{
    size_t n = 0;
    while (n < 5 && d->files[n])
        n++;
    return n;
}

/* Loads and analyses once; *analysis gets parley_analyze's own seconds. Returns wall seconds or -1. */
static double run_parley(const struct domain *d, double *analysis, uint64_t *outcomes, size_t *frontier)
{
    double t0 = now();
    parley_scenario *sc = NULL;
    parley_analysis *a = NULL;
    parley_error err;
    if (parley_scenario_load_files(d->files, file_count(d), &sc, &err) != PARLEY_OK ||
        parley_analyze(sc, NULL, &a, &err) != PARLEY_OK) {
        char buf[1200];
        fprintf(stderr, "bench_genius: %s: %s\n", d->label, parley_error_format(&err, buf, sizeof buf));
        parley_scenario_free(sc);
        return -1;
    }
    double wall = now() - t0;
    *analysis = parley_analysis_seconds(a);
    *outcomes = parley_analysis_outcomes(a);
    *frontier = parley_analysis_frontier_count(a);
    parley_analysis_free(a);
    parley_scenario_free(sc);
    return wall;
}

/* Best of 3 runs of parley, each in a child stopped after `timeout` seconds. Returns wall seconds or -1. */
static double time_parley(const struct domain *d, unsigned timeout, double *analysis, uint64_t *outcomes,
                          size_t *frontier)
{
    double best = -1;
    for (int run = 0; run < 3; run++) {
        int fds[2];
        if (pipe(fds) != 0)
            return -1;
        pid_t pid = fork();
        if (pid == 0) {
            close(fds[0]);
            alarm(timeout);
            double result[4] = {0};
            uint64_t o = 0;
            size_t f = 0;
            result[0] = run_parley(d, &result[1], &o, &f);
            result[2] = (double)o;
            result[3] = (double)f;
            ssize_t w = write(fds[1], result, sizeof result);
            _exit(w == (ssize_t)sizeof result ? 0 : 1);
        }
        close(fds[1]);
        double result[4];
        ssize_t got = read(fds[0], result, sizeof result);
        close(fds[0]);
        int status = 0;
        waitpid(pid, &status, 0);
        if (got != (ssize_t)sizeof result || result[0] < 0)
            return -1;
        if (best < 0 || result[0] < best) {
            best = result[0];
            *analysis = result[1];
            *outcomes = (uint64_t)result[2];
            *frontier = (size_t)result[3];
        }
    }
    return best;
}

/* Runs the Python reference; returns its wall seconds (its own analysis seconds in *analysis) or -1. */
static double time_reference(const struct domain *d, unsigned timeout, double *analysis)
{
    char cmd[4096];
    int n = snprintf(cmd, sizeof cmd, "timeout %u python3 %s/bench/genius_reference.py", timeout, PARLEY_SOURCE_DIR);
    for (size_t i = 0; i < file_count(d) && n > 0 && (size_t)n < sizeof cmd; i++)
        n += snprintf(cmd + n, sizeof cmd - (size_t)n, " '%s'", d->files[i]);
    double t0 = now();
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    static char out[1 << 16];
    size_t len = fread(out, 1, sizeof out - 1, p);
    out[len] = '\0';
    int status = pclose(p);
    double wall = now() - t0;
    const char *s = strstr(out, "\"seconds\": ");
    if (status != 0 || !s)
        return -1;
    *analysis = strtod(s + 11, NULL);
    return wall;
}

int main(int argc, char **argv)
{
    int reference = !(argc > 1 && strcmp(argv[1], "--no-reference") == 0);
    int full = getenv("PARLEY_BENCH_FULL") && strcmp(getenv("PARLEY_BENCH_FULL"), "1") == 0;
    unsigned timeout = getenv("PARLEY_BENCH_TIMEOUT") ? (unsigned)atoi(getenv("PARLEY_BENCH_TIMEOUT")) : 120;
    if (timeout == 0)
        timeout = 120;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    printf("bench_genius: parley vs the Python reference (bench/genius_reference.py), %ld cores\n", cores);
    printf("%-34s %10s %8s | %10s %10s | %11s %10s | %8s %8s\n", "domain", "outcomes", "frontier", "parley s",
           "analysis s", "reference s", "analysis s", "ratio", "analysis");
    for (size_t i = 0; i < sizeof domains / sizeof domains[0]; i++) {
        const struct domain *d = &domains[i];
        double pa = 0, ra = 0;
        uint64_t outcomes = 0;
        size_t frontier = 0;
        double pw = time_parley(d, timeout, &pa, &outcomes, &frontier);
        if (pw < 0) {
            printf("%-34s %10s: parley did not finish in %u s (see the report of issue 3)\n", d->label, "-", timeout);
            fflush(stdout);
            continue;
        }
        double rw = -1;
        if (reference && (full || outcomes <= 2000000))
            rw = time_reference(d, timeout, &ra);
        if (rw > 0)
            printf("%-34s %10llu %8zu | %10.4f %10.4f | %11.2f %10.2f | %7.0fx %7.0fx\n", d->label,
                   (unsigned long long)outcomes, frontier, pw, pa, rw, ra, rw / pw, pa > 0 ? ra / pa : 0);
        else
            printf("%-34s %10llu %8zu | %10.4f %10.4f | %11s %10s |\n", d->label, (unsigned long long)outcomes,
                   frontier, pw, pa, reference ? "skipped" : "-", "-");
        fflush(stdout);
    }
    printf("ratio: reference wall time / parley wall time (files read + analysis); analysis: the analyses alone\n");
    return 0;
}

/*
 * bench_negotiate.c: offers per second per core for time-dependent agents on
 * ANAC domains (GENIUS XML from PARLEY_SHARED_DIR/genius), under the
 * alternating offers protocol, one negotiation at a time on one thread.  The
 * time counted is everything: session set-up, each agent's sorted package
 * index, every offer, acceptance check and event recorded.  Target: >= 1e6.
 * Two figures per domain: "fresh", every negotiation sorting its parties'
 * packages itself, and "shared", as a tournament would run them: each party's
 * package index built once per domain (its time counted) and shared.
 *
 * First, whole-process times (issue 17): the `parley negotiate` command
 * (found beside this program's directory: ../parley) run once, boulware
 * against conceder for 1,000 rounds, on Energy (390,625 outcomes), AMPOvsCity
 * (1.9 million) and a generated additive space of 10^20 outcomes, wall-clock
 * and CPU (user + system) time of the child, best of three.  Before issue 17:
 * 0.17 s and 0.61 s on this machine, unloaded.
 *
 * usage: bench_negotiate [ROUNDS]   (default 20000 rounds per negotiation)
 */
#include "anac_files.h"

#include <parley/parley.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ANAC 2012 domains, small to large (Energy: 390,625 outcomes). */
static const char *const domains[] = {"Camera", "Amsterdam", "Barbecue", "FiftyFifty", "Laptop", "ItexvsCypress",
                                      "NiceOrDie", "Travel", "Energy"};

/* Pairs of time-dependent agents: late agreements or none, so most turns are offers. */
static const char *const pairs[][2] = {
    {"boulware", "boulware"}, {"boulware:e=0.1", "linear"}, {"hardliner", "conceder"}, {"linear", "hardliner"}};

static int load(const char *name, parley_scenario **sc)
{
    bench_anac_files f;
    const char **files = bench_anac_files_of(&f, name);
    if (access(files[0], R_OK) != 0)
        return -1;
    parley_error err;
    int rc = parley_scenario_load_files(files, 3, sc, &err);
    if (rc) {
        char buf[2048];
        fprintf(stderr, "bench_negotiate: skipping %s: %s\n", name, parley_error_format(&err, buf, sizeof buf));
    }
    return rc;
}

/* Runs argv as a child process three times; prints the best wall-clock and CPU seconds. */
static void whole_process(const char *label, char *const argv[])
{
    double best_wall = 1e9, best_cpu = 1e9;
    for (int run = 0; run < 3; run++) {
        fflush(stdout); /* the child must not flush the parent's buffer again */
        double t0 = now();
        pid_t pid = fork();
        if (pid == 0) {
            if (!freopen("/dev/null", "w", stdout))
                _exit(127);
            execv(argv[0], argv);
            _exit(127);
        }
        int status = 0;
        struct rusage ru;
        if (pid < 0 || wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            printf("%-28s failed (%s)\n", label, argv[0]);
            return;
        }
        double wall = now() - t0;
        double cpu = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_sec +
                     1e-6 * (double)ru.ru_stime.tv_usec;
        best_wall = wall < best_wall ? wall : best_wall;
        best_cpu = cpu < best_cpu ? cpu : best_cpu;
    }
    printf("%-28s %10.3f s wall %10.3f s cpu\n", label, best_wall, best_cpu);
    fflush(stdout);
}

/* An additive two-party scenario of 10^20 outcomes (20 issues of 10 values), written to `path`. */
static int write_huge(const char *path)
{
    uint64_t rng = 0x2545f4914f6cdd1dULL;
    parley_space *space = parley_space_new();
    for (int i = 0; i < 20; i++) {
        char name[24];
        snprintf(name, sizeof name, "issue%d", i);
        parley_space_add_integer(space, name, 0, 9, 1, NULL);
    }
    parley_scenario *sc = parley_scenario_new(space);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(space);
        double w[20], total = 0;
        for (size_t i = 0; i < 20; i++) {
            rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
            total += w[i] = 1 + (double)(rng % 1000);
        }
        for (size_t i = 0; i < 20; i++) {
            parley_utility_set_weight(u, i, w[i] / total);
            for (uint32_t v = 0; v < 10; v++) {
                rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
                parley_utility_set_value(u, i, v, (double)(rng % 1001) / 1000.0);
            }
        }
        parley_utility_set_reservation(u, 0.3);
        parley_scenario_add_party(sc, p ? "B" : "A", PARLEY_ROLE_PARTY, u, NULL);
    }
    FILE *f = fopen(path, "w");
    parley_error err;
    int rc = f ? parley_scenario_write(sc, f, &err) : -1;
    if (f)
        fclose(f);
    parley_scenario_free(sc);
    return rc;
}

static void whole_processes(const char *self)
{
    char cli[2048], huge[] = "/tmp/bench_negotiate_1e20_XXXXXX.json";
    snprintf(cli, sizeof cli, "%s", self);
    char *slash = strrchr(cli, '/');
    snprintf(slash ? slash + 1 : cli, sizeof cli - (size_t)(slash ? slash + 1 - cli : 0), "../parley");
    if (access(cli, X_OK) != 0) {
        printf("whole process: %s not found\n", cli);
        return;
    }
    printf("one negotiation, boulware vs conceder, 1,000 rounds, whole process (best of 3):\n");
    char energy[3][1024], ampo[3][1024];
    const char *e = PARLEY_SHARED_DIR "/genius/anac2012/Energy/Energy-A";
    const char *a = PARLEY_SHARED_DIR "/genius/other/AMPOvsCity/ampo_vs_city";
    snprintf(energy[0], sizeof energy[0], "%s-domain.xml", e);
    snprintf(energy[1], sizeof energy[1], "%s-prof1.xml", e);
    snprintf(energy[2], sizeof energy[2], "%s-prof2.xml", e);
    snprintf(ampo[0], sizeof ampo[0], "%s_template.xml", a);
    snprintf(ampo[1], sizeof ampo[1], "%s_ampo_space.xml", a);
    snprintf(ampo[2], sizeof ampo[2], "%s_city_space.xml", a);
    char *agents = "boulware,conceder", *rounds = "1000";
    char *energy_argv[] = {cli, "negotiate", energy[0], energy[1], energy[2], "--agents", agents, "--rounds", rounds,
                           NULL};
    char *ampo_argv[] = {cli, "negotiate", ampo[0], ampo[1], ampo[2], "--agents", agents, "--rounds", rounds, NULL};
    if (access(energy[0], R_OK) == 0)
        whole_process("Energy (390,625)", energy_argv);
    if (access(ampo[0], R_OK) == 0)
        whole_process("AMPOvsCity (1,932,000)", ampo_argv);
    int fd = mkstemps(huge, 5);
    if (fd >= 0) {
        close(fd);
        if (write_huge(huge) == 0) {
            char *huge_argv[] = {cli, "negotiate", huge, "--agents", agents, "--rounds", rounds, NULL};
            whole_process("additive, 10^20 outcomes", huge_argv);
        }
        unlink(huge);
    }
    printf("\n");
}

/* Runs every pair on sc; with `shared`, indexes built once and shared.  Returns the offers made, or 0 on failure. */
static uint64_t run_pairs(const parley_scenario *sc, const char *domain, long rounds, int shared)
{
    parley_package_index *idx[2] = {NULL, NULL};
    uint64_t offers = 0;
    parley_error err;
    for (size_t k = 0; shared && k < 2; k++)
        if (parley_package_index_build(sc, k, 1, &idx[k], &err)) {
            fprintf(stderr, "bench_negotiate: %s: %s\n", domain, err.message);
            return 0;
        }
    for (size_t p = 0; p < sizeof pairs / sizeof pairs[0]; p++) {
        parley_session_config cfg;
        parley_negotiation *neg = NULL;
        parley_session_config_init(&cfg);
        cfg.rounds = rounds;
        cfg.seed = p + 1;
        if (parley_negotiation_new(sc, &cfg, &neg, &err) || parley_negotiation_add_agent_spec(neg, pairs[p][0], &err) ||
            parley_negotiation_add_agent_spec(neg, pairs[p][1], &err) ||
            (shared && (parley_negotiation_share_index(neg, 0, idx[0], &err) ||
                        parley_negotiation_share_index(neg, 1, idx[1], &err))) ||
            parley_negotiation_run(neg, &err)) {
            fprintf(stderr, "bench_negotiate: %s: %s\n", domain, err.message);
            parley_negotiation_free(neg);
            offers = 0;
            break;
        }
        offers += parley_negotiation_offer_count(neg);
        parley_negotiation_free(neg);
    }
    parley_package_index_free(idx[0]);
    parley_package_index_free(idx[1]);
    return offers;
}

/*
 * Offers per second of each ANAC baseline (and the BOA agent) against a
 * Boulware opponent on the same domains, `rounds` rounds each, each party's
 * index built beforehand (not timed): the offers counted are both sides', per
 * second of this thread's CPU time.
 */
/* CPU time of this thread: the machine is shared, and wall time counts the others' work too. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void bench_baselines(long rounds)
{
    static const char *const agents[] = {"hardheaded", "nice-tit-for-tat", "agent-k", "cuhk", "atlas3",
                                         "agent-gg", "micro", "boa:bidding=time:model=frequency:accept=combi",
                                         "boulware" /* the time-dependent reference */};
    printf("\nbaselines against boulware, %ld rounds, all domains, indexes prebuilt (not timed), one thread, "
           "CPU time:\n", rounds);
    printf("%-52s %12s %10s %14s\n", "agent", "offers", "cpu s", "offers/cpu-s");
    for (size_t a = 0; a < sizeof agents / sizeof agents[0]; a++) {
        uint64_t offers = 0;
        double seconds = 0;
        for (size_t d = 0; d < sizeof domains / sizeof domains[0]; d++) {
            parley_scenario *sc = NULL;
            if (load(domains[d], &sc) != 0)
                continue;
            parley_package_index *idx[2] = {NULL, NULL};
            parley_session_config cfg;
            parley_negotiation *neg = NULL;
            parley_error err;
            parley_session_config_init(&cfg);
            cfg.rounds = rounds;
            if (parley_package_index_build(sc, 0, 1, &idx[0], &err) || parley_package_index_build(sc, 1, 1, &idx[1], &err)) {
                fprintf(stderr, "bench_negotiate: %s: %s\n", domains[d], err.message);
                parley_scenario_free(sc);
                continue;
            }
            double t0 = cpu_now();
            if (parley_negotiation_new(sc, &cfg, &neg, &err) || parley_negotiation_add_agent_spec(neg, agents[a], &err) ||
                parley_negotiation_add_agent_spec(neg, "boulware", &err) || parley_negotiation_share_index(neg, 0, idx[0], &err) ||
                parley_negotiation_share_index(neg, 1, idx[1], &err) || parley_negotiation_run(neg, &err))
                fprintf(stderr, "bench_negotiate: %s on %s: %s\n", agents[a], domains[d], err.message);
            else
                offers += parley_negotiation_offer_count(neg);
            seconds += cpu_now() - t0;
            parley_negotiation_free(neg);
            parley_package_index_free(idx[0]);
            parley_package_index_free(idx[1]);
            parley_scenario_free(sc);
        }
        printf("%-52s %12llu %10.3f %14.0f\n", agents[a], (unsigned long long)offers, seconds,
               seconds > 0 ? (double)offers / seconds : 0.0);
    }
}

int main(int argc, char **argv)
{
    long rounds = argc > 1 ? atol(argv[1]) : 20000;
    if (rounds < 1)
        rounds = 20000;
    uint64_t total_offers[2] = {0, 0};
    double total_seconds[2] = {0, 0};
    size_t npairs = sizeof pairs / sizeof pairs[0];
    whole_processes(argv[0]);
    printf("alternating offers, %zu pairs of time-dependent agents, %ld rounds each, one thread (cores online: %ld)\n",
           npairs, rounds, sysconf(_SC_NPROCESSORS_ONLN));
    printf("%-14s %10s %12s %16s %16s\n", "domain", "outcomes", "offers", "fresh offers/s", "shared offers/s");
    for (size_t d = 0; d < sizeof domains / sizeof domains[0]; d++) {
        parley_scenario *sc = NULL;
        if (load(domains[d], &sc) != 0)
            continue;
        double rate[2];
        uint64_t offers = 0;
        for (int shared = 0; shared < 2; shared++) {
            double t0 = now();
            offers = run_pairs(sc, domains[d], rounds, shared);
            double seconds = now() - t0;
            if (offers == 0) {
                parley_scenario_free(sc);
                return 1;
            }
            rate[shared] = (double)offers / seconds;
            total_offers[shared] += offers;
            total_seconds[shared] += seconds;
        }
        printf("%-14s %10.0f %12llu %16.0f %16.0f\n", domains[d], parley_space_size(parley_scenario_space(sc)),
               (unsigned long long)offers, rate[0], rate[1]);
        parley_scenario_free(sc);
    }
    if (total_seconds[0] > 0 && total_seconds[1] > 0) {
        printf("all domains, fresh:  %llu offers in %.3f s: %.0f offers/s/core\n", (unsigned long long)total_offers[0],
               total_seconds[0], (double)total_offers[0] / total_seconds[0]);
        printf("all domains, shared: %llu offers in %.3f s: %.0f offers/s/core (target >= 1,000,000)\n",
               (unsigned long long)total_offers[1], total_seconds[1], (double)total_offers[1] / total_seconds[1]);
    } else {
        printf("no ANAC domain found under %s/genius/anac2012\n", PARLEY_SHARED_DIR);
    }
    bench_baselines(rounds);
    return 0;
}

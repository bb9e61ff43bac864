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
 * usage: bench_negotiate [ROUNDS]   (default 20000 rounds per negotiation)
 */
#include <parley/parley.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
    char d[1024], p1[1024], p2[1024];
    snprintf(d, sizeof d, "%s/genius/anac2012/%s/%s-A-domain.xml", PARLEY_SHARED_DIR, name, name);
    snprintf(p1, sizeof p1, "%s/genius/anac2012/%s/%s-A-prof1.xml", PARLEY_SHARED_DIR, name, name);
    snprintf(p2, sizeof p2, "%s/genius/anac2012/%s/%s-A-prof2.xml", PARLEY_SHARED_DIR, name, name);
    if (access(d, R_OK) != 0)
        return -1;
    const char *files[] = {d, p1, p2};
    parley_error err;
    int rc = parley_scenario_load_files(files, 3, sc, &err);
    if (rc) {
        char buf[2048];
        fprintf(stderr, "bench_negotiate: skipping %s: %s\n", name, parley_error_format(&err, buf, sizeof buf));
    }
    return rc;
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

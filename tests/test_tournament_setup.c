/*
 * test_tournament_setup.c: a tournament that sets up only what its runs use
 * (its analysis by the exact path, made on first use; additive package
 * indexes) scores exactly as the set-up it replaced: every run is played again
 * here with the sorted index of every package shared as before, and scored
 * against a streamed analysis.  Utilities, rounds and the distances to the
 * Pareto frontier and to the Nash point must be equal bit for bit, on a
 * two-party space indexed whole (ANAC 2012 Car) and on a generated one too
 * large for that (sampled), with 1 and 2 threads.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include <parley/parley.h>

static parley_scenario *load(const char *dir, const char *const *names, size_t count)
{
    char paths[4][512];
    const char *files[4];
    for (size_t i = 0; i < count; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/genius/%s/%s", PARLEY_SHARED_DIR, dir, names[i]);
        files[i] = paths[i];
    }
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_load_files(files, count, &sc, &err), PARLEY_OK);
    return sc;
}

static double distance(const double *x, const double *y, size_t n)
{
    double d = 0;
    for (size_t k = 0; k < n; k++)
        d += (x[k] - y[k]) * (x[k] - y[k]);
    return sqrt(d);
}

/* Run i of the tournament played and scored the way the tournament did before. */
static void replay(const parley_scenario *sc, const parley_tournament_config *cfg, parley_package_index **idx,
                   const parley_analysis *streamed, const parley_tournament_run *run)
{
    parley_session_config session = cfg->session;
    session.seed = run->seed;
    parley_negotiation *neg = NULL;
    parley_error err;
    assert_int_equal(parley_negotiation_new(sc, &session, &neg, &err), PARLEY_OK);
    for (size_t k = 0; k < run->parties; k++) {
        assert_int_equal(parley_negotiation_add_agent_spec(neg, cfg->agents[run->agents[k]], &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_share_index(neg, k, idx[k], &err), PARLEY_OK);
    }
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_agreed(neg), run->agreed);
    assert_int_equal(parley_negotiation_rounds_used(neg), run->rounds);
    double u[8];
    for (size_t k = 0; k < run->parties; k++) {
        u[k] = parley_negotiation_utility(neg, k);
        assert_true(u[k] == run->utility[k]);
    }
    double best = INFINITY;
    for (size_t i = 0; i < parley_analysis_frontier_count(streamed); i++)
        best = fmin(best, distance(u, parley_analysis_frontier_utilities(streamed, i), run->parties));
    assert_true(best == run->pareto_distance);
    const double *nash;
    assert_int_equal(parley_analysis_solution(streamed, PARLEY_SOLUTION_NASH, NULL, &nash, NULL), PARLEY_OK);
    assert_true(distance(u, nash, run->parties) == run->nash_distance);
    parley_negotiation_free(neg);
}

static void check(parley_scenario *sc, const char **agents, size_t agent_count, long rounds, unsigned first_threads)
{
    size_t parties = parley_scenario_negotiator_count(sc);
    parley_error err;
    parley_analysis *streamed = NULL;
    parley_analysis_options options = {.threads = 1, .method = PARLEY_ANALYSIS_STREAM};
    assert_int_equal(parley_analyze(sc, &options, &streamed, &err), PARLEY_OK);
    for (unsigned threads = first_threads; threads <= 2; threads++) {
        parley_tournament_config cfg;
        parley_tournament_config_init(&cfg);
        cfg.agents = agents;
        cfg.agent_count = agent_count;
        cfg.threads = threads;
        cfg.session.rounds = rounds;
        cfg.session.seed = 7;
        parley_package_index *idx[8];
        for (size_t k = 0; k < parties; k++)
            assert_int_equal(parley_package_index_build_sorted(sc, k, cfg.session.seed, &idx[k], &err), PARLEY_OK);
        parley_tournament *t = NULL;
        const parley_scenario *const list[] = {sc};
        assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_OK);
        assert_true(parley_tournament_run_count(t) > 1);
        for (size_t i = 0; i < parley_tournament_run_count(t); i++)
            replay(sc, &cfg, idx, streamed, parley_tournament_result(t, i));
        parley_tournament_free(t);
        for (size_t k = 0; k < parties; k++)
            parley_package_index_free(idx[k]);
    }
    parley_analysis_free(streamed);
    parley_scenario_free(sc);
}

/* ANAC 2012 Car: 2 parties, 15,625 outcomes (the additive index answers for the sorted one). */
static void test_two_parties_whole_index(void **state)
{
    (void)state;
    static const char *const files[] = {"Car-A-domain.xml", "Car-A-prof1.xml", "Car-A-prof2.xml"};
    const char *agents[] = {"boulware", "linear", "conceder", "hardliner", "random"};
    check(load("anac2012/Car", files, 3), agents, 5, 60, 1);
}

/* 6 issues of 12 values (2,985,984 outcomes, above the 2^21 indexed whole), random additive utilities. */
static parley_scenario *large_space(void)
{
    uint64_t state = 0x9E3779B97F4A7C15ull;
    parley_space *space = parley_space_new();
    for (int i = 0; i < 6; i++) {
        char name[24];
        snprintf(name, sizeof name, "issue%d", i);
        assert_int_equal(parley_space_add_integer(space, name, 0, 11, 1, NULL), PARLEY_OK);
    }
    parley_scenario *sc = parley_scenario_new(space);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(space);
        for (int i = 0; i < 6; i++) {
            parley_utility_set_weight(u, (size_t)i, 1.0 / 6);
            for (uint32_t v = 0; v < 12; v++) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                parley_utility_set_value(u, (size_t)i, v, (double)(state >> 11) * 0x1p-53);
            }
        }
        parley_utility_set_reservation(u, 0.2);
        parley_scenario_add_party(sc, p ? "B" : "A", PARLEY_ROLE_PARTY, u, NULL);
    }
    return sc;
}

static void test_sampled_index(void **state)
{
    (void)state;
    const char *agents[] = {"boulware", "linear", "conceder"};
    check(large_space(), agents, 3, 40, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_parties_whole_index),
        cmocka_unit_test(test_sampled_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

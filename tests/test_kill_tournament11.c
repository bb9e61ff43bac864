/*
 * test_kill_tournament11.c: parley_tournament_count_runs (tournament.c), the check that refuses a tournament of
 * more than 10 million negotiations before anything runs (issue 27, seed-11 survivor tournament.c:304, `>` ->
 * `>=`), and its other answers.  Counted by hand: with self-play an assignment gives each of the scenario's
 * parties one of the agents (agents^parties of them), without it an ordered choice of distinct agents
 * (agents!/(agents - parties)!); each is played `repeats` times (0 counts as 1) in every scenario.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <parley/parley.h>

/* Two parties (or three) over one integer issue. */
static parley_scenario *scenario_of(size_t parties)
{
    parley_space *space = parley_space_new();
    assert_int_equal(parley_space_add_integer(space, "x", 0, 1, 1, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(space);
    for (size_t p = 0; p < parties; p++) {
        parley_utility *u = parley_utility_new(space);
        parley_utility_set_weight(u, 0, 1);
        parley_utility_set_value(u, 0, 0, (double)(p % 2));
        parley_utility_set_value(u, 0, 1, (double)(1 - p % 2));
        char name[24];
        snprintf(name, sizeof name, "P%zu", p);
        assert_true(parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL) >= 0);
    }
    return sc;
}

static const char *const agent_specs[] = {"boulware", "conceder", "hardliner", "linear"};

/* count_runs over `count` copies of sc: its code, the runs in *runs (SIZE_MAX when refused), the message in why. */
static int count_runs(const parley_scenario *sc, size_t count, size_t agents, int self_play, unsigned repeats,
                      size_t *runs, char *why, size_t size)
{
    const parley_scenario *list[16];
    assert_true(count <= 16);
    for (size_t s = 0; s < count; s++)
        list[s] = sc;
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agent_specs;
    cfg.agent_count = agents;
    cfg.self_play = self_play;
    cfg.repeats = repeats;
    parley_error err;
    parley_error_clear(&err);
    *runs = SIZE_MAX;
    int rc = parley_tournament_count_runs(list, count, &cfg, runs, &err);
    snprintf(why, size, "%s", rc == PARLEY_OK ? "" : err.message);
    return rc;
}

static const char too_many[] = "more than 10 million negotiations: reduce agents or repeats";

/* Exactly 10,000,000 is allowed, one more is not: through the running total (several scenarios) ... */
static void ten_million_across_scenarios(void **state)
{
    (void)state;
    parley_scenario *sc = scenario_of(2);
    size_t runs;
    char why[1024];
    /* one agent playing both sides: 1 assignment; 10 scenarios x 1,000,000 repeats = 10,000,000 */
    assert_int_equal(count_runs(sc, 10, 1, 1, 1000000, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 10000000);
    /* 11 x 909,091 = 10,000,001 (each scenario alone is far below the limit: the total refuses it) */
    assert_int_equal(count_runs(sc, 11, 1, 1, 909091, &runs, why, sizeof why), PARLEY_ERANGE);
    assert_string_equal(why, too_many);
    assert_int_equal(runs, SIZE_MAX); /* not written */
    /* 11 x 909,090 = 9,999,990 */
    assert_int_equal(count_runs(sc, 11, 1, 1, 909090, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 9999990);
    parley_scenario_free(sc);
}

/* ... and through one scenario's assignments times repeats. */
static void ten_million_in_one_scenario(void **state)
{
    (void)state;
    parley_scenario *sc = scenario_of(2);
    size_t runs;
    char why[1024];
    /* 2 agents, self-play: 2^2 = 4 assignments; 4 x 2,500,000 = 10,000,000 */
    assert_int_equal(count_runs(sc, 1, 2, 1, 2500000, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 10000000);
    assert_int_equal(count_runs(sc, 1, 2, 1, 2500001, &runs, why, sizeof why), PARLEY_ERANGE);
    assert_string_equal(why, too_many);
    /* 1 assignment x 10,000,000 repeats; 10,000,001 repeats refused */
    assert_int_equal(count_runs(sc, 1, 1, 1, 10000000, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 10000000);
    assert_int_equal(count_runs(sc, 1, 1, 1, 10000001, &runs, why, sizeof why), PARLEY_ERANGE);
    /* a second scenario after a full first one: 10,000,000 + 1 */
    assert_int_equal(count_runs(sc, 2, 1, 1, 10000000, &runs, why, sizeof why), PARLEY_ERANGE);
    parley_scenario_free(sc);
}

static void assignments_counted(void **state)
{
    (void)state;
    parley_scenario *two = scenario_of(2), *three = scenario_of(3);
    size_t runs;
    char why[1024];
    /* without self-play: 4 x 3 = 12 ordered pairs, 4 x 3 x 2 = 24 triples; repeats 0 counts as 1 */
    assert_int_equal(count_runs(two, 1, 4, 0, 0, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 12);
    assert_int_equal(count_runs(three, 1, 4, 0, 1, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 24);
    /* with self-play: 3^3 = 27, twice each, in two scenarios: 108 */
    assert_int_equal(count_runs(three, 2, 3, 1, 2, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 108);
    /* exactly as many agents as parties is enough (2 x 1 = 2); one fewer is not */
    assert_int_equal(count_runs(two, 1, 2, 0, 1, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 2);
    assert_int_equal(count_runs(three, 1, 2, 0, 1, &runs, why, sizeof why), PARLEY_EINVAL);
    assert_string_equal(why, "scenario 1 has 3 parties but only 2 agents: give at least 3 agents, or let one agent "
                             "play several parties (self-play)");
    assert_int_equal(count_runs(two, 1, 1, 0, 1, &runs, why, sizeof why), PARLEY_EINVAL);
    assert_string_equal(why, "scenario 1 has 2 parties but only 1 agent: give at least 2 agents, or let one agent "
                             "play several parties (self-play)");
    parley_scenario_free(two);
    parley_scenario_free(three);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ten_million_across_scenarios),
        cmocka_unit_test(ten_million_in_one_scenario),
        cmocka_unit_test(assignments_counted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

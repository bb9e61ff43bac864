/*
 * test_kill_tournament.c: tournaments on behaviours that generated mutants
 * showed no test pinned (issue 27):
 *
 * - repeats 0 means 1 (parley/tournament.h): two agents on a two-party
 *   scenario without self-play play the 2 ordered assignments once each;
 * - a scenario's mean welfare over a single negotiation is that
 *   negotiation's welfare, not "no value" (NaN is for a scenario without runs).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include <parley/parley.h>

static parley_scenario *textbook(void)
{
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json", &sc, &err))
        fail_msg("%s", err.message);
    return sc;
}

/* The tournament keeps `scenarios` (an array of one), which must outlive it. */
static parley_tournament *play(const parley_scenario *const *scenarios, const char *const *agents, size_t n,
                               unsigned repeats, int self_play)
{
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = n;
    cfg.repeats = repeats;
    cfg.self_play = self_play;
    cfg.threads = 1;
    cfg.session.rounds = 50;
    parley_tournament *t = NULL;
    parley_error err;
    if (parley_tournament_run_all(scenarios, 1, &cfg, &t, &err))
        fail_msg("%s", err.message);
    return t;
}

static void test_zero_repeats_is_one(void **state)
{
    (void)state;
    parley_scenario *sc = textbook();
    const char *agents[] = {"boulware", "conceder"};
    const parley_scenario *scenarios[1] = {sc};
    parley_tournament *t = play(scenarios, agents, 2, 0, 0);
    assert_int_equal(parley_tournament_run_count(t), 2);
    for (size_t i = 0; i < 2; i++) /* each was played */
        assert_true(parley_tournament_result(t, i)->rounds > 0);
    parley_tournament_free(t);
    parley_scenario_free(sc);
}

static void test_mean_welfare_of_one_negotiation(void **state)
{
    (void)state;
    parley_scenario *sc = textbook();
    const char *agents[] = {"conceder"};
    const parley_scenario *scenarios[1] = {sc};
    parley_tournament *t = play(scenarios, agents, 1, 1, 1); /* conceder against itself: one negotiation */
    assert_int_equal(parley_tournament_run_count(t), 1);
    const parley_tournament_run *r = parley_tournament_result(t, 0);
    assert_true(r->agreed);
    parley_tournament_scenario_score score;
    double mean[2];
    parley_tournament_scenario_score_of(t, 0, &score, mean);
    assert_int_equal(score.negotiations, 1);
    assert_false(isnan(score.mean_welfare));
    assert_true(score.mean_welfare == r->welfare);
    assert_true(score.mean_rounds == (double)r->rounds);
    assert_true(mean[0] == r->utility[0] && mean[1] == r->utility[1]);
    assert_true(fabs(r->welfare - (r->utility[0] + r->utility[1])) < 1e-12);
    parley_tournament_free(t);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zero_repeats_is_one),
        cmocka_unit_test(test_mean_welfare_of_one_negotiation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill_tournament.c: tournaments on behaviours that generated mutants
 * showed no test pinned (issue 27):
 *
 * - repeats 0 means 1 (parley/tournament.h): two agents on a two-party
 *   scenario without self-play play the 2 ordered assignments once each;
 * - a scenario's mean welfare over a single negotiation is that
 *   negotiation's welfare, not "no value" (NaN is for a scenario without runs);
 * - under preference uncertainty, negotiating party k plays with the estimate
 *   parley_scenario_uncertain(sc, k, K, estimator, seed + k) (docs/agents.md):
 *   each run replayed by hand on that estimate ends as the tournament says (a
 *   mutant drew party k's ranking with seed - k);
 * - Student's two-sided tail P(|T| >= t) of the Welch test (stats_welch.c) against
 *   closed forms: df 1 is Cauchy's, 1 - 2 atan(t) / pi; df 2 is 1 - t / sqrt(2 + t^2);
 *   an infinite t has tail 0, t = 0 has 1 (a mutant gave 1 for an infinite t).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include <parley/parley.h>

#include "tournament/stats_internal.h"

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

/* Runs of boulware and conceder on Camera A where only party 1 (the second) knows a ranking of 30 outcomes. */
static void test_uncertain_party_estimate_is_seeded_per_party(void **state)
{
    (void)state;
#define CAMERA PARLEY_SOURCE_DIR "/../shared/genius/anac2012/Camera/Camera-A-"
    const char *files[] = {CAMERA "domain.xml", CAMERA "prof1.xml", CAMERA "prof2.xml"};
    static parley_scenario *sc;
    parley_error err;
    if (parley_scenario_load_files(files, 3, &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    static const char *const agents[] = {"boulware", "conceder"};
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = 2;
    cfg.repeats = 2;
    cfg.threads = 1;
    cfg.session.rounds = 200;
    cfg.session.seed = 7;
    cfg.uncertain_bids = 30;
    cfg.uncertain_parties = 2; /* bit 1: party 1 */
    cfg.uncertain_estimator = PARLEY_ESTIMATE_LP;
    static const parley_scenario *list[1];
    list[0] = sc;
    parley_tournament *t = NULL;
    if (parley_tournament_run_all(list, 1, &cfg, &t, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    parley_scenario *estimate = NULL;
    if (parley_scenario_uncertain(sc, 1, 30, PARLEY_ESTIMATE_LP, cfg.session.seed + 1, &estimate, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    size_t runs = parley_tournament_run_count(t), same = 0;
    for (size_t i = 0; i < runs; i++) {
        const parley_tournament_run *r = parley_tournament_result(t, i);
        parley_session_config session = cfg.session;
        session.seed = r->seed;
        parley_negotiation *neg = NULL;
        int ok = parley_negotiation_new(estimate, &session, &neg, &err) == PARLEY_OK;
        for (size_t k = 0; ok && k < 2; k++)
            ok = parley_negotiation_add_agent_spec(neg, agents[r->agents[k]], &err) == PARLEY_OK;
        ok = ok && parley_negotiation_run(neg, &err) == PARLEY_OK;
        int agreed = ok && parley_negotiation_agreed(neg);
        /* scored with the true utilities, as the tournament scores its runs */
        double u0 = agreed ? parley_utility_eval(parley_party_utility(sc, 0), parley_negotiation_agreement(neg)) : 0;
        double u1 = agreed ? parley_utility_eval(parley_party_utility(sc, 1), parley_negotiation_agreement(neg)) : 0;
        same += ok && agreed == (r->agreed != 0) && parley_negotiation_rounds_used(neg) == r->rounds &&
                (!agreed || (fabs(u0 - r->utility[0]) < 1e-9 && fabs(u1 - r->utility[1]) < 1e-9));
        parley_negotiation_free(neg);
    }
    parley_scenario_free(estimate);
    parley_tournament_free(t);
    parley_scenario_free(sc);
    assert_int_equal(runs, 4);
    assert_int_equal(same, runs);
}

static void test_student_tail_closed_forms(void **state)
{
    (void)state;
    for (double t = 0.25; t < 20; t *= 2) {
        assert_float_equal(stats_student_t_two_sided(t, 1), 1 - 2 * atan(t) / M_PI, 1e-12);
        assert_float_equal(stats_student_t_two_sided(-t, 1), 1 - 2 * atan(t) / M_PI, 1e-12);
        assert_float_equal(stats_student_t_two_sided(t, 2), 1 - t / sqrt(2 + t * t), 1e-12);
    }
    assert_float_equal(stats_student_t_two_sided(0, 5), 1, 1e-15);
    assert_true(stats_student_t_two_sided(INFINITY, 5) == 0);
    assert_true(stats_student_t_two_sided(-INFINITY, 1) == 0);
    assert_true(isnan(stats_student_t_two_sided(1, 0)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uncertain_party_estimate_is_seeded_per_party),
        cmocka_unit_test(test_zero_repeats_is_one),
        cmocka_unit_test(test_mean_welfare_of_one_negotiation),
        cmocka_unit_test(test_student_tail_closed_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_boa_uncertainty.c: preference uncertainty: the simplex on an LP solved
 * by hand, the LP estimator recovering a known additive utility's ranking from
 * a full ranking, both estimators on partial rankings, and a scenario whose
 * party negotiates with an estimate.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

#include "agents/simplex.h"
#include "anac_scenario.h"

static void simplex_by_hand(void **state)
{
    (void)state;
    /* min -x1 - x2  s.t.  x1 + 2 x2 + s1 = 4,  3 x1 + x2 + s2 = 6: the corner x1 = 8/5, x2 = 6/5 */
    const double a[] = {1, 2, 1, 0, 3, 1, 0, 1}, b[] = {4, 6}, c[] = {-1, -1, 0, 0};
    double x[4];
    assert_int_equal(simplex_solve(2, 4, a, b, c, x), SIMPLEX_OPTIMAL);
    assert_float_equal(x[0], 1.6, 1e-9);
    assert_float_equal(x[1], 1.2, 1e-9);
    /* x1 + x2 = 1 and x1 + x2 = 2 cannot both hold */
    const double a2[] = {1, 1, 1, 1}, b2[] = {1, 2}, c2[] = {0, 0};
    assert_int_equal(simplex_solve(2, 2, a2, b2, c2, x), SIMPLEX_INFEASIBLE);
    /* min -x1 with x1 - x2 = 1: unbounded */
    const double a3[] = {1, -1}, b3[] = {1}, c3[] = {-1, 0};
    assert_int_equal(simplex_solve(1, 2, a3, b3, c3, x), SIMPLEX_UNBOUNDED);
}

/* Issues of 3, 3 and 2 values; weights 0.5, 0.3, 0.2; every one of the 18 outcomes has its own utility. */
static parley_utility *known(parley_space **space)
{
    parley_space *s = parley_space_new();
    const char *three[] = {"x", "y", "z"}, *two[] = {"no", "yes"};
    parley_space_add_categorical(s, "a", three, 3, NULL);
    parley_space_add_categorical(s, "b", three, 3, NULL);
    parley_space_add_categorical(s, "c", two, 2, NULL);
    parley_utility *u = parley_utility_new(s);
    const double w[] = {0.5, 0.3, 0.2}, va[] = {0, 0.62, 1}, vb[] = {1, 0.35, 0}, vc[] = {0.15, 1};
    for (size_t i = 0; i < 3; i++)
        parley_utility_set_weight(u, i, w[i]);
    for (uint32_t v = 0; v < 3; v++) {
        parley_utility_set_value(u, 0, v, va[v]);
        parley_utility_set_value(u, 1, v, vb[v]);
    }
    parley_utility_set_value(u, 2, 0, vc[0]);
    parley_utility_set_value(u, 2, 1, vc[1]);
    *space = s;
    return u;
}

static void accuracy_of(const parley_utility *estimate, const parley_utility *truth, parley_model_accuracy *acc)
{
    parley_opponent_model *m = parley_opponent_model_perfect(estimate);
    assert_int_equal(parley_opponent_model_accuracy(m, truth, 1000, 1, acc, NULL), PARLEY_OK);
    parley_opponent_model_free(m);
}

static void lp_recovers_a_full_ranking(void **state)
{
    (void)state;
    parley_space *s;
    parley_utility *truth = known(&s);
    uint32_t *ranked;
    size_t count;
    assert_int_equal(parley_ranking_sample(truth, 1000, 5, &ranked, &count, NULL), PARLEY_OK);
    assert_int_equal(count, 18);
    for (size_t r = 1; r < count; r++) /* best first */
        assert_true(parley_utility_eval(truth, ranked + (r - 1) * 3) > parley_utility_eval(truth, ranked + r * 3));
    parley_utility *est = NULL;
    assert_int_equal(parley_utility_estimate(s, ranked, count, PARLEY_ESTIMATE_LP, &est, NULL), PARLEY_OK);
    parley_error err;
    assert_int_equal(parley_utility_validate(est, &err), PARLEY_OK);
    parley_model_accuracy acc;
    accuracy_of(est, truth, &acc);
    print_message("lp, full ranking: pearson %.3f kendall %.3f rmse %.3f\n", acc.pearson, acc.kendall, acc.rmse);
    assert_float_equal(acc.kendall, 1, 1e-12); /* the whole order, exactly */
    assert_true(acc.pearson > 0.9);
    /* the issue that matters most is recognised as such */
    assert_true(parley_utility_weight(est, 0) > parley_utility_weight(est, 2));
    parley_utility_free(est);
    assert_int_equal(parley_utility_estimate(s, ranked, count, PARLEY_ESTIMATE_FREQUENCY, &est, NULL), PARLEY_OK);
    accuracy_of(est, truth, &acc);
    print_message("frequency, full ranking: pearson %.3f kendall %.3f\n", acc.pearson, acc.kendall);
    assert_true(acc.kendall > 0.6);
    parley_utility_free(est);
    free(ranked);
    parley_utility_free(truth);
    parley_space_free(s);
}

static void partial_rankings_of_an_anac_domain(void **state)
{
    (void)state;
    parley_scenario *sc = anac("Camera");
    parley_error err;
    const parley_utility *truth = parley_party_utility(sc, parley_scenario_negotiator(sc, 0));
    for (int how = 0; how < 2; how++) {
        parley_scenario *uncertain = NULL;
        assert_int_equal(parley_scenario_uncertain(sc, 0, 40, (parley_estimator)how, 3, &uncertain, &err), PARLEY_OK);
        const parley_utility *est = parley_party_utility(uncertain, parley_scenario_negotiator(uncertain, 0));
        parley_model_accuracy acc;
        accuracy_of(est, truth, &acc);
        print_message("%s, 40 of 3600 ranked: pearson %.3f kendall %.3f\n",
                      parley_estimator_name((parley_estimator)how), acc.pearson, acc.kendall);
        assert_true(acc.pearson > 0.6);
        /* the other party and the reservation value are untouched */
        assert_float_equal(parley_utility_reservation(est), parley_utility_reservation(truth), 0);
        const parley_utility *other = parley_party_utility(uncertain, parley_scenario_negotiator(uncertain, 1));
        const parley_utility *other_truth = parley_party_utility(sc, parley_scenario_negotiator(sc, 1));
        for (size_t i = 0; i < parley_space_issue_count(parley_scenario_space(sc)); i++)
            assert_float_equal(parley_utility_weight(other, i), parley_utility_weight(other_truth, i), 0);
        /* and the estimate negotiates */
        parley_session_config cfg;
        parley_session_config_init(&cfg);
        parley_negotiation *neg = NULL;
        assert_int_equal(parley_negotiation_new(uncertain, &cfg, &neg, &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_add_agent_spec(neg, "agent-gg", &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_add_agent_spec(neg, "conceder", &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
        parley_negotiation_free(neg);
        parley_scenario_free(uncertain);
    }
    /* the LP takes at most 1000 ranked outcomes */
    parley_scenario *big = NULL;
    assert_int_equal(parley_scenario_uncertain(sc, 0, 1001, PARLEY_ESTIMATE_LP, 3, &big, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "at most 1000"));
    assert_int_equal(parley_scenario_uncertain(sc, 5, 10, PARLEY_ESTIMATE_LP, 3, &big, &err), PARLEY_EINVAL);
    assert_int_equal(parley_estimator_from_name("lp"), PARLEY_ESTIMATE_LP);
    assert_int_equal(parley_estimator_from_name("guess"), -1);
    parley_scenario_free(sc);
}

/* Under uncertainty the tournament scores every party with its true utility: each score is the true utility of
   some package (or the reservation value), and some differ from what the estimate says of the same package. */
static void tournament_scores_with_true_utilities(void **state)
{
    (void)state;
    static const parley_scenario *list[1];
    parley_scenario *sc = anac("Camera");
    parley_error err;
    list[0] = sc;
    static const char *const agents[] = {"boulware", "agent-gg", "micro"};
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = 3;
    cfg.session.rounds = 300;
    cfg.uncertain_bids = 10;
    cfg.uncertain_parties = 1; /* the first party only */
    cfg.uncertain_estimator = PARLEY_ESTIMATE_FREQUENCY;
    parley_tournament *t = NULL;
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_OK);
    parley_scenario *uncertain = NULL;
    assert_int_equal(parley_scenario_uncertain(sc, 0, 10, PARLEY_ESTIMATE_FREQUENCY, cfg.session.seed, &uncertain, &err),
                     PARLEY_OK);
    const parley_space *space = parley_scenario_space(sc);
    const parley_utility *truth = parley_party_utility(sc, parley_scenario_negotiator(sc, 0));
    const parley_utility *est = parley_party_utility(uncertain, parley_scenario_negotiator(uncertain, 0));
    size_t differs = 0;
    uint32_t o[16];
    for (size_t i = 0; i < parley_tournament_run_count(t); i++) {
        const parley_tournament_run *r = parley_tournament_result(t, i);
        if (!r->agreed)
            continue;
        int found = 0;
        for (uint64_t id = 0; id < 3600 && !found; id++) {
            parley_space_decode(space, id, o);
            if (fabs(parley_utility_eval(truth, o) - r->utility[0]) < 1e-12) {
                found = 1;
                differs += fabs(parley_utility_eval(est, o) - r->utility[0]) > 1e-6;
            }
        }
        assert_true(found);
    }
    assert_true(differs > 0);
    parley_scenario_free(uncertain);
    parley_tournament_free(t);
    parley_scenario_free(sc);
}

static parley_tournament *uncertain_tournament(const parley_scenario *const *list, size_t bids, size_t elicit,
                                               double cost)
{
    static const char *const agents[] = {"boulware", "agent-gg", "micro"};
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = 3;
    cfg.session.rounds = 200;
    cfg.uncertain_bids = bids;
    cfg.uncertain_parties = 1;
    cfg.uncertain_elicit = elicit;
    cfg.uncertain_cost = cost;
    parley_tournament *t = NULL;
    parley_error err;
    if (parley_tournament_run_all(list, 1, &cfg, &t, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return t;
}

/* Ranking 10 outcomes and eliciting 5 more at 0.01 each plays as a ranking of 15, and costs the party 0.05. */
static void elicitation_costs(void **state)
{
    (void)state;
    static const parley_scenario *list[1];
    parley_scenario *sc = anac("Camera");
    list[0] = sc;
    parley_tournament *paid = uncertain_tournament(list, 10, 5, 0.01), *given = uncertain_tournament(list, 15, 0, 0);
    assert_int_equal(parley_tournament_run_count(paid), parley_tournament_run_count(given));
    for (size_t i = 0; i < parley_tournament_run_count(paid); i++) {
        const parley_tournament_run *a = parley_tournament_result(paid, i), *b = parley_tournament_result(given, i);
        assert_float_equal(a->utility[0], b->utility[0] - 0.05, 1e-12);
        assert_float_equal(a->utility[1], b->utility[1], 1e-12);
    }
    parley_tournament_free(paid);
    parley_tournament_free(given);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(simplex_by_hand),
        cmocka_unit_test(lp_recovers_a_full_ranking),
        cmocka_unit_test(partial_rankings_of_an_anac_domain),
        cmocka_unit_test(tournament_scores_with_true_utilities),
        cmocka_unit_test(elicitation_costs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_tournament.c: run counts, assignments, determinism across threads, and hand-checked scores. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <string.h>

static parley_scenario *load(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/examples/%s", PARLEY_SOURCE_DIR, name);
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_load(path, &sc, &err), PARLEY_OK);
    return sc;
}

/* 4 agents on a 2-party scenario: 4*3 ordered pairs without self-play, 16 with; times the repeats. */
static void test_counts(void **state)
{
    (void)state;
    parley_scenario *sc = load("textbook-buyer-seller.json");
    const char *agents[] = {"boulware", "conceder", "linear", "hardliner"};
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = 4;
    cfg.repeats = 3;
    cfg.session.rounds = 50;
    parley_tournament *t = NULL;
    parley_error err;
    const parley_scenario *list[] = {sc};
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_OK);
    assert_int_equal(parley_tournament_run_count(t), 4 * 3 * 3);
    /* every ordered pair of distinct agents appears exactly `repeats` times */
    int seen[4][4] = {{0}};
    for (size_t i = 0; i < parley_tournament_run_count(t); i++) {
        const parley_tournament_run *r = parley_tournament_result(t, i);
        assert_int_equal(r->parties, 2);
        assert_int_not_equal(r->agents[0], r->agents[1]);
        seen[r->agents[0]][r->agents[1]]++;
    }
    for (int a = 0; a < 4; a++)
        for (int b = 0; b < 4; b++)
            assert_int_equal(seen[a][b], a == b ? 0 : 3);
    /* each agent plays 2 * 3 runs against each of the 3 others */
    for (size_t a = 0; a < 4; a++) {
        parley_tournament_score s;
        parley_tournament_agent_score(t, a, &s);
        assert_int_equal(s.played, 18);
    }
    parley_tournament_free(t);
    cfg.self_play = 1;
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_OK);
    assert_int_equal(parley_tournament_run_count(t), 16 * 3);
    parley_tournament_free(t);
    parley_scenario_free(sc);
}

/* The same seed gives the same results on 1 and 2 threads. */
static void test_deterministic(void **state)
{
    (void)state;
    parley_scenario *sc = load("ceasefire-relaxed.json");
    const char *agents[] = {"boulware", "conceder", "random", "tit-for-tat"};
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = 4;
    cfg.repeats = 2;
    cfg.session.rounds = 60;
    const parley_scenario *list[] = {sc};
    parley_tournament *one = NULL, *two = NULL;
    parley_error err;
    cfg.threads = 1;
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &one, &err), PARLEY_OK);
    cfg.threads = 2;
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &two, &err), PARLEY_OK);
    assert_int_equal(parley_tournament_run_count(one), parley_tournament_run_count(two));
    for (size_t i = 0; i < parley_tournament_run_count(one); i++) {
        const parley_tournament_run *a = parley_tournament_result(one, i), *b = parley_tournament_result(two, i);
        assert_int_equal(a->agreed, b->agreed);
        assert_int_equal(a->rounds, b->rounds);
        assert_true(a->utility[0] == b->utility[0] && a->utility[1] == b->utility[1]);
    }
    parley_tournament_free(one);
    parley_tournament_free(two);
    parley_scenario_free(sc);
}

/*
 * Two hardliners on the buyer-seller textbook never agree (each insists on its own best package:
 * Buyer (0, red), Seller (2, blue)), so both get their reservation value 0.2.  The frontier is
 * {(0.7, 0.35), (0.4, 0.7)} (worked by hand in tests/cli/textbook.sh): the nearest point to (0.2, 0.2)
 * is (0.7, 0.35), at sqrt(0.5^2 + 0.15^2) = sqrt(0.2725); the Nash point (0.4, 0.7) is at sqrt(0.29).
 */
static void test_no_deal_scores(void **state)
{
    (void)state;
    parley_scenario *sc = load("textbook-buyer-seller.json");
    const char *agents[] = {"hardliner"};
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = 1;
    cfg.self_play = 1;
    cfg.session.rounds = 30;
    const parley_scenario *list[] = {sc};
    parley_tournament *t = NULL;
    parley_error err;
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_OK);
    assert_int_equal(parley_tournament_run_count(t), 1);
    const parley_tournament_run *r = parley_tournament_result(t, 0);
    assert_false(r->agreed);
    assert_true(fabs(r->utility[0] - 0.2) < 1e-9 && fabs(r->utility[1] - 0.2) < 1e-9);
    assert_true(fabs(r->pareto_distance - sqrt(0.2725)) < 1e-9);
    assert_true(fabs(r->nash_distance - sqrt(0.29)) < 1e-9);
    assert_true(fabs(r->welfare - 0.4) < 1e-9);
    parley_tournament_free(t);
    parley_scenario_free(sc);
}

/*
 * Scores of a tournament with agreements, by hand.  tests/data/protocol/easy.json: x in 0..100, u_A = 1 - x/100,
 * u_B = x/100, reservations 0, no discount; 11 rounds, round r at t = (r-1)/10.  Boulware (e=0.5) aims at
 * 1 - t^2, conceder (e=2) at 1 - sqrt t; each accepts a standing offer worth at least its own next offer.
 *  - boulware as A, conceder as B: agreement on x = 30 in round 7, A .70, B .30 (worked out offer by offer in
 *    tests/test_protocol.c, boulware_vs_conceder_by_hand);
 *  - conceder as A, boulware as B: A offers floor(100 sqrt t) = 0, 31, 44, 54, 63, 70; B offers
 *    ceil(100 (1 - t^2)) = 100, 99, 96, 91, 84, 75.  Round 7 (t = .6): A's next offer would be 77 (u_A .23), the
 *    standing 75 gives A .25 >= .23: A accepts.  Agreement on x = 75 in round 7, A .25, B .75.
 * Every deal is on the frontier u_A + u_B = 1 (Pareto distance 0, welfare 1); the Nash point is (.5, .5), at
 * sqrt(.2^2 + .2^2) = sqrt(.08) from the first deal and sqrt(.25^2 + .25^2) = sqrt(.125) from the second.
 * Per agent: boulware mean utility (.70 + .75) / 2 = .725, conceder (.30 + .25) / 2 = .275; 7 rounds each.
 */
static void test_scores_by_hand(void **state)
{
    (void)state;
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_load(PARLEY_SOURCE_DIR "/tests/data/protocol/easy.json", &sc, &err), PARLEY_OK);
    const char *agents[] = {"boulware:e=0.5", "conceder:e=2"};
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = 2;
    cfg.session.rounds = 11;
    const parley_scenario *list[] = {sc};
    parley_tournament *t = NULL;
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_OK);
    assert_int_equal(parley_tournament_run_count(t), 2);
    for (size_t i = 0; i < 2; i++) {
        const parley_tournament_run *r = parley_tournament_result(t, i);
        int boulware_first = r->agents[0] == 0;
        double a = boulware_first ? 0.71 : 0.25; /* docs/protocols.md's worked example, both ways */
        assert_true(r->agreed);
        assert_int_equal(r->rounds, 7);
        assert_true(fabs(r->utility[0] - a) < 1e-9 && fabs(r->utility[1] - (1 - a)) < 1e-9);
        assert_true(fabs(r->discounted[0] - a) < 1e-9);
        assert_true(fabs(r->pareto_distance) < 1e-9);
        assert_true(fabs(r->nash_distance - sqrt(boulware_first ? 2 * 0.21 * 0.21 : 0.125)) < 1e-9);
        assert_true(fabs(r->welfare - 1.0) < 1e-9);
    }
    parley_tournament_score b, c;
    parley_tournament_agent_score(t, 0, &b);
    parley_tournament_agent_score(t, 1, &c);
    assert_int_equal(b.played, 2);
    assert_int_equal(b.agreements, 2);
    assert_int_equal(c.agreements, 2);
    assert_true(fabs(b.mean_utility - 0.73) < 1e-9); /* (0.71 + 0.75) / 2 */
    assert_true(fabs(c.mean_utility - 0.27) < 1e-9);
    assert_true(fabs(b.mean_rounds - 7) < 1e-9 && fabs(c.mean_rounds - 7) < 1e-9);
    assert_true(fabs(b.mean_welfare - 1) < 1e-9 && fabs(c.mean_pareto_distance) < 1e-9);
    parley_tournament_free(t);
    parley_scenario_free(sc);
}

static void test_bad_config(void **state)
{
    (void)state;
    parley_scenario *sc = load("textbook-flatmates.json"); /* 3 parties */
    const char *agents[] = {"boulware", "conceder", "no-such-agent"};
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = 2;
    const parley_scenario *list[] = {sc};
    parley_tournament *t = NULL;
    parley_error err;
    /* two agents cannot fill three sides without self-play */
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "self-play"));
    cfg.agent_count = 3;
    cfg.self_play = 1;
    assert_int_not_equal(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_OK);
    assert_null(t);
    cfg.agent_count = 0;
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_EINVAL);
    parley_scenario_free(sc);
}

/* cfg.agent_vtables: an agent given as a vtable plays as the built-in it wraps, under its own spec's name, with the
   spec's parameters; without the vtable the same name is an unknown agent. */
static void test_agent_vtables(void **state)
{
    (void)state;
    parley_scenario *sc = load("ceasefire-relaxed.json");
    const parley_scenario *list[] = {sc};
    const char *builtin[] = {"conceder:e=3", "boulware"}, *custom[] = {"my-agent:e=3", "boulware"};
    const parley_agent_vtable *vtables[] = {parley_agent_builtin("conceder"), NULL};
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = builtin;
    cfg.agent_count = 2;
    cfg.repeats = 2;
    parley_tournament *a = NULL, *b = NULL;
    parley_error err;
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &a, &err), PARLEY_OK);
    cfg.agents = custom;
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &b, &err), PARLEY_EINVAL); /* no vtable: unknown */
    assert_non_null(strstr(err.message, "my-agent"));
    cfg.agent_vtables = vtables;
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &b, &err), PARLEY_OK);
    assert_string_equal(parley_tournament_agent_name(b, 0), "my-agent:e=3");
    assert_int_equal(parley_tournament_run_count(a), parley_tournament_run_count(b));
    for (size_t i = 0; i < parley_tournament_run_count(a); i++) {
        const parley_tournament_run *x = parley_tournament_result(a, i), *y = parley_tournament_result(b, i);
        assert_int_equal(x->rounds, y->rounds);
        for (size_t k = 0; k < x->parties; k++)
            assert_true(x->utility[k] == y->utility[k]);
    }
    /* e=3 reached the wrapped agent's create: the default conceder plays differently */
    const char *plain[] = {"my-agent", "boulware"};
    parley_tournament *c = NULL;
    cfg.agents = plain;
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &c, &err), PARLEY_OK);
    int differs = 0;
    for (size_t i = 0; i < parley_tournament_run_count(c); i++)
        differs |= parley_tournament_result(c, i)->rounds != parley_tournament_result(b, i)->rounds;
    assert_true(differs);
    parley_tournament_free(a);
    parley_tournament_free(b);
    parley_tournament_free(c);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_no_deal_scores),
        cmocka_unit_test(test_scores_by_hand),
        cmocka_unit_test(test_bad_config),
        cmocka_unit_test(test_agent_vtables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

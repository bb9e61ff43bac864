/*
 * test_protocol.c: negotiation sessions: a hand-checked Boulware vs Conceder
 * game, every protocol agreeing on an easy scenario and failing cleanly
 * without a zone of agreement, three-party SAOP, discount, determinism.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

#define DATA PARLEY_SOURCE_DIR "/tests/data/protocol/"

/* Runs a negotiation; the caller frees it. */
static parley_negotiation *run(const parley_scenario *sc, parley_protocol_kind protocol, long rounds,
                               const char *const *agents, uint64_t seed)
{
    parley_session_config cfg;
    parley_error err;
    parley_negotiation *neg = NULL;
    parley_session_config_init(&cfg);
    cfg.protocol = protocol;
    cfg.rounds = rounds;
    cfg.seed = seed;
    cfg.sessions = protocol == PARLEY_PROTOCOL_SHUTTLE ? 2 : 1;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++) {
        int rc = parley_negotiation_add_agent_spec(neg, agents[k], &err);
        if (rc)
            fprintf(stderr, "%s\n", err.message);
        assert_int_equal(rc, PARLEY_OK);
    }
    int rc = parley_negotiation_run(neg, &err);
    if (rc)
        fprintf(stderr, "%s\n", err.message);
    assert_int_equal(rc, PARLEY_OK);
    return neg;
}

/*
 * easy.json: one issue x in 0..100, u_A = 1 - x/100, u_B = x/100, reservations 0.
 * 11 rounds: round r is at t = (r-1)/10.  A = boulware e=0.5 aims at 1 - t^2 and
 * offers the package nearest its target (GENIUS's TimeDependentAgent): x = 100 t^2
 * (0,1,4,9,16,25,36,...).  B = conceder e=2 aims at 1 - sqrt(t) = 1, .6838, .5528,
 * .4523, .3675, .2929 and offers the nearest: x = 100, 68, 55, 45, 37, 29.
 * Each accepts when the standing offer is worth at least its own next offer.
 * Round 6 (t=.5): A offers 25; B compares u_B(25)=.25 with its next offer .29: no,
 * offers 29.  Round 7 (t=.6): A's next offer would be x=36 (u_A=.64); u_A(29)=.71
 * >= .64: A accepts.  Agreement on x=29 in round 7: A gets .71, B .29.
 */
static void boulware_vs_conceder_by_hand(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "easy.json");
    const char *agents[] = {"boulware:e=0.5", "conceder:e=2"};
    parley_negotiation *neg = run(sc, PARLEY_PROTOCOL_ALTERNATING, 11, agents, 1);
    assert_true(parley_negotiation_agreed(neg));
    assert_int_equal(parley_negotiation_rounds_used(neg), 7);
    assert_int_equal(parley_negotiation_agreement(neg)[0], 29);
    assert_true(fabs(parley_negotiation_utility(neg, 0) - 0.71) < 1e-9);
    assert_true(fabs(parley_negotiation_utility(neg, 1) - 0.29) < 1e-9);
    assert_true(fabs(parley_negotiation_end_time(neg) - 0.6) < 1e-12);
    /* the offers, in order, as computed above */
    static const uint32_t expected[] = {0, 100, 1, 68, 4, 55, 9, 45, 16, 37, 25, 29};
    size_t n = 0;
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        double u;
        parley_negotiation_event(neg, i, &ev, &u);
        if (ev.kind != PARLEY_EVENT_OFFER)
            continue;
        assert_true(n < sizeof expected / sizeof expected[0]);
        assert_int_equal(ev.outcome[0], expected[n]);
        assert_int_equal(ev.party, (long)(n % 2));
        /* the utility the offer gives its sender */
        double own = ev.party == 0 ? 1 - expected[n] / 100.0 : expected[n] / 100.0;
        assert_true(fabs(u - own) < 1e-9);
        n++;
    }
    assert_int_equal(n, 12);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

/*
 * floor.json: u_A = 1 - x/200 (worst 0.5 at x = 100), reservation 0; u_B = x/100.
 * A time-dependent agent concedes from its best (1) to its floor, the larger of
 * its reservation and its worst utility: here 0.5.  A = linear aims at
 * 1 - 0.5 t and offers the largest x with u_A >= 1 - t/2: x = 100 t = 0, 10,
 * ..., 90 in rounds 1..10 of 11.  B = hardliner offers x = 100 (u_A = .5)
 * every round and accepts nothing else.  A accepts when the standing 100 is
 * worth its next offer: .5 >= 1 - t/2 first at t = 1, round 11.  (A floor of
 * 0 would aim at 1 - t and give in at t = .5, round 6.)
 */
static void concessions_stop_at_the_worst_utility(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "floor.json");
    const char *agents[] = {"linear", "hardliner"};
    parley_negotiation *neg = run(sc, PARLEY_PROTOCOL_ALTERNATING, 11, agents, 1);
    assert_true(parley_negotiation_agreed(neg));
    assert_int_equal(parley_negotiation_rounds_used(neg), 11);
    assert_int_equal(parley_negotiation_agreement(neg)[0], 100);
    uint32_t want = 0;
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        parley_negotiation_event(neg, i, &ev, NULL);
        if (ev.kind != PARLEY_EVENT_OFFER || ev.party != 0)
            continue;
        assert_int_equal(ev.outcome[0], want);
        want += 10;
    }
    assert_int_equal(want, 100); /* ten offers by A: 0, 10, ..., 90 */
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

static void every_protocol_agrees_on_easy(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "easy.json");
    const char *agents[] = {"linear", "linear"};
    for (int p = 0; p <= PARLEY_PROTOCOL_SHUTTLE; p++) {
        parley_negotiation *neg = run(sc, (parley_protocol_kind)p, 100, agents, 1);
        assert_true(parley_negotiation_agreed(neg));
        assert_string_equal(parley_negotiation_ending(neg), "agreement");
        /* two linear agents meet half way: x near 50, both near .5 */
        uint32_t x = parley_negotiation_agreement(neg)[0];
        assert_true(x >= 40 && x <= 60);
        assert_true(parley_negotiation_rounds_used(neg) <= 100);
        parley_negotiation_free(neg);
    }
    parley_scenario_free(sc);
}

static void every_protocol_fails_cleanly_without_zone(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "nozone.json");
    const char *agents[] = {"conceder", "boulware"};
    for (int p = 0; p <= PARLEY_PROTOCOL_SHUTTLE; p++) {
        parley_negotiation *neg = run(sc, (parley_protocol_kind)p, 60, agents, 3);
        assert_false(parley_negotiation_agreed(neg));
        assert_null(parley_negotiation_agreement(neg));
        /* nobody walks away, so every one of the 60 rounds is played: the last at t = 59/59 = 1 (one round
           short would end at t = 58/59 = .983) */
        assert_string_equal(parley_negotiation_ending(neg), "deadline");
        if (parley_negotiation_rounds_used(neg) != 60 || parley_negotiation_end_time(neg) != 1.0)
            fail_msg("protocol %d: %ld rounds of 60 played, ended at t = %.17g", p, parley_negotiation_rounds_used(neg),
                     parley_negotiation_end_time(neg));
        size_t offers = 0;
        /* each gets its reservation value 0.6 (no discount) */
        assert_true(fabs(parley_negotiation_utility(neg, 0) - 0.6) < 1e-12);
        assert_true(fabs(parley_negotiation_discounted_utility(neg, 1) - 0.6) < 1e-12);
        /* nobody ever accepted anything below its reservation value */
        for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
            parley_event ev;
            double u;
            parley_negotiation_event(neg, i, &ev, &u);
            if (ev.kind == PARLEY_EVENT_ACCEPT)
                assert_true(u >= 0.6 - 1e-12);
            assert_int_not_equal(ev.kind, PARLEY_EVENT_AGREEMENT);
            offers += ev.kind == PARLEY_EVENT_OFFER;
        }
        if (p == PARLEY_PROTOCOL_ALTERNATING) /* both parties offer in each round */
            assert_int_equal(offers, 120);
        parley_negotiation_free(neg);
    }
    parley_scenario_free(sc);
}

/*
 * exact_reservation.json: x in {a, b, c}; u_A = 1, .5, 0 and u_B = 0, .5, 1,
 * both reservations .5.  Only b is acceptable to both, and it gives each
 * exactly its reservation value (.5 is exact in binary): an agent accepts a
 * package worth at least its reservation, so every protocol agrees on b.
 */
static void every_protocol_agrees_at_exactly_the_reservation(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "exact_reservation.json");
    const char *agents[] = {"linear", "linear"};
    for (int p = 0; p <= PARLEY_PROTOCOL_SHUTTLE; p++) {
        parley_negotiation *neg = run(sc, (parley_protocol_kind)p, 20, agents, 1);
        if (!parley_negotiation_agreed(neg))
            fail_msg("protocol %d: no agreement (%s) on the only acceptable package", p, parley_negotiation_ending(neg));
        assert_int_equal(parley_negotiation_agreement(neg)[0], 1);
        assert_true(parley_negotiation_utility(neg, 0) == 0.5);
        assert_true(parley_negotiation_utility(neg, 1) == 0.5);
        parley_negotiation_free(neg);
    }
    parley_scenario_free(sc);
}

static void three_parties_stacked(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "three.json");
    const char *agents[] = {"linear", "conceder", "boulware"};
    parley_negotiation *neg = run(sc, PARLEY_PROTOCOL_ALTERNATING, 100, agents, 1);
    assert_true(parley_negotiation_agreed(neg));
    /* SAOP: the two parties after the proposer accepted, one after the other, just before the agreement */
    size_t n = parley_negotiation_event_count(neg);
    parley_event offer, a1, a2, agree;
    parley_negotiation_event(neg, n - 5, &offer, NULL);
    parley_negotiation_event(neg, n - 4, &a1, NULL);
    parley_negotiation_event(neg, n - 3, &a2, NULL);
    parley_negotiation_event(neg, n - 2, &agree, NULL);
    assert_int_equal(offer.kind, PARLEY_EVENT_OFFER);
    assert_int_equal(a1.kind, PARLEY_EVENT_ACCEPT);
    assert_int_equal(a2.kind, PARLEY_EVENT_ACCEPT);
    assert_int_equal(agree.kind, PARLEY_EVENT_AGREEMENT);
    assert_int_equal(a1.party, (offer.party + 1) % 3);
    assert_int_equal(a2.party, (offer.party + 2) % 3);
    assert_memory_equal(offer.outcome, agree.outcome, 2 * sizeof(uint32_t));
    /* the agreement is acceptable to all at its time */
    for (size_t k = 0; k < 3; k++)
        assert_true(parley_scenario_acceptable_to(sc, parley_scenario_negotiator(sc, k), agree.outcome, agree.time));
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

/* redlines.json: discount 0.8 (Israel) and 0.9 (Hamas), red lines, reservation curve 0.3 -> 0.1. */
static void red_lines_discount_and_pressure(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "redlines.json");
    const char *agents[] = {"boulware", "conceder"};
    for (int p = 0; p <= PARLEY_PROTOCOL_SHUTTLE; p++) {
        parley_negotiation *neg = run(sc, (parley_protocol_kind)p, 50, agents, 7);
        double t = parley_negotiation_end_time(neg);
        if (parley_negotiation_agreed(neg)) {
            const uint32_t *deal = parley_negotiation_agreement(neg);
            assert_true(parley_scenario_red_lines_hold(sc, 0, deal));
            assert_true(parley_scenario_red_lines_hold(sc, 1, deal));
            double u0 = parley_negotiation_utility(neg, 0);
            assert_true(fabs(parley_negotiation_discounted_utility(neg, 0) - u0 * pow(0.8, t)) < 1e-12);
            assert_true(u0 >= 0.3 + (0.1 - 0.3) * t - 1e-12); /* at least the reservation then */
        } else {
            assert_true(fabs(parley_negotiation_utility(neg, 0) - (0.3 - 0.2 * t)) < 1e-12);
        }
        parley_negotiation_free(neg);
    }
    parley_scenario_free(sc);
}

static char *trace_of(const parley_scenario *sc, parley_protocol_kind p, const char *const *agents, uint64_t seed)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_non_null(f);
    parley_negotiation *neg = run(sc, p, 80, agents, seed);
    assert_int_equal(parley_trace_write(neg, f, NULL), PARLEY_OK);
    parley_negotiation_free(neg);
    fclose(f);
    return buf;
}

static void deterministic_for_a_seed(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "three.json");
    const char *agents[] = {"random", "nash", "tit-for-tat"};
    for (int p = 0; p <= PARLEY_PROTOCOL_SHUTTLE; p++) {
        char *a = trace_of(sc, (parley_protocol_kind)p, agents, 42);
        char *b = trace_of(sc, (parley_protocol_kind)p, agents, 42);
        assert_string_equal(a, b);
        assert_true(strlen(a) > 0);
        /* every line is one JSON object */
        for (char *line = a; *line; line = strchr(line, '\n') + 1) {
            assert_int_equal(line[0], '{');
            json_error_t e;
            char *end = strchr(line, '\n');
            assert_non_null(end);
            json_t *obj = json_loadb(line, (size_t)(end - line), 0, &e);
            assert_non_null(obj);
            assert_non_null(json_object_get(obj, "event"));
            assert_non_null(json_object_get(obj, "round"));
            json_decref(obj);
        }
        free(a);
        free(b);
    }
    parley_scenario_free(sc);
}

static void annealing_single_text(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "easy.json");
    parley_session_config cfg;
    parley_error err;
    parley_negotiation *neg;
    parley_session_config_init(&cfg);
    cfg.protocol = PARLEY_PROTOCOL_SINGLE_TEXT;
    cfg.annealing = 1;
    cfg.rounds = 200;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "linear", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "linear", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
    /* reservations are 0: the final text is ratified */
    assert_true(parley_negotiation_agreed(neg));
    /* votes are private to the mediator; proposals are public */
    size_t votes = 0;
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        parley_negotiation_event(neg, i, &ev, NULL);
        if (ev.kind == PARLEY_EVENT_VOTE) {
            assert_int_equal(ev.to, PARLEY_MEDIATOR);
            votes++;
        }
    }
    assert_true(votes > 0);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

static void bad_configurations(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "easy.json");
    parley_session_config cfg;
    parley_error err;
    parley_negotiation *neg = NULL;
    parley_session_config_init(&cfg);
    cfg.rounds = 0;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_EINVAL);
    assert_null(neg);
    assert_non_null(strstr(err.message, "deadline"));
    parley_session_config_init(&cfg);
    cfg.protocol = PARLEY_PROTOCOL_SHUTTLE;
    cfg.rounds = 3;
    cfg.sessions = 4;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_EINVAL);
    parley_session_config_init(&cfg);
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "nobody", &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "unknown agent 'nobody'"));
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "conceder:f=2", &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "unknown parameter 'f'"));
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "linear", &err), PARLEY_OK);
    /* one agent for two parties */
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_EINVAL);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

/* A shared package index gives the same negotiation as each view's own. */
static void shared_index_same_result(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "redlines.json");
    parley_package_index *idx[2];
    parley_error err;
    for (size_t k = 0; k < 2; k++)
        assert_int_equal(parley_package_index_build(sc, k, 1, &idx[k], &err), PARLEY_OK);
    /* Israel keeps end_of_war == "no": 5 x 1 x 3 = 15 packages; Hamas: withdrawal != "none": 5 x 2 x 2 = 20 */
    assert_int_equal(parley_package_index_count(idx[0]), 15);
    assert_int_equal(parley_package_index_count(idx[1]), 20);
    const char *agents[] = {"boulware", "nash"};
    parley_negotiation *own = run(sc, PARLEY_PROTOCOL_ALTERNATING, 60, agents, 9);
    parley_session_config cfg;
    parley_negotiation *neg;
    parley_session_config_init(&cfg);
    cfg.rounds = 60;
    cfg.seed = 9;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, agents[0], &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_share_index(neg, 1, idx[1], &err), PARLEY_EINVAL); /* no agent yet */
    assert_int_equal(parley_negotiation_add_agent_spec(neg, agents[1], &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_share_index(neg, 0, idx[1], &err), PARLEY_EINVAL); /* wrong party */
    assert_int_equal(parley_negotiation_share_index(neg, 0, idx[0], &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_share_index(neg, 1, idx[1], &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_event_count(neg), parley_negotiation_event_count(own));
    assert_int_equal(parley_negotiation_agreed(neg), parley_negotiation_agreed(own));
    assert_true(parley_negotiation_utility(neg, 0) == parley_negotiation_utility(own, 0));
    parley_negotiation_free(neg);
    parley_negotiation_free(own);
    parley_package_index_free(idx[0]);
    parley_package_index_free(idx[1]);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(boulware_vs_conceder_by_hand),
        cmocka_unit_test(concessions_stop_at_the_worst_utility),
        cmocka_unit_test(every_protocol_agrees_on_easy),
        cmocka_unit_test(every_protocol_fails_cleanly_without_zone),
        cmocka_unit_test(every_protocol_agrees_at_exactly_the_reservation),
        cmocka_unit_test(three_parties_stacked),
        cmocka_unit_test(red_lines_discount_and_pressure),
        cmocka_unit_test(deterministic_for_a_seed),
        cmocka_unit_test(annealing_single_text),
        cmocka_unit_test(bad_configurations),
        cmocka_unit_test(shared_index_same_result),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

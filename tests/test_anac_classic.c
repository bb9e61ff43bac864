/*
 * test_anac_classic.c: the formulas of the ported ANAC agents (agent-k,
 * nice-tit-for-tat, cuhk, atlas3), each checked against values worked out by
 * hand from the GENIUS 10.4 sources (docs/agents.md), CUHK's last chance
 * against a hardliner, and the shared pieces (value counts, distinct offers).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <stdlib.h>

#include "agents/anac_classic.h"
#include "anac_scenario.h"

#define NEAR(x, y) assert_true(fabs((x) - (y)) < 1e-6)

/* AgentK: deviation sqrt(12 var), estimated max mean + (1 - mean) dev, exponent 3 + 6 mean. */
static void agentk_formulas(void **state)
{
    (void)state;
    struct agentk_eval e;
    /* mean 0.5, var 0.01: dev = sqrt(0.12) = 0.346410, emax = 0.673205; alpha = 6, t^6 = 0.015625 at t = 0.5;
       pre = 1 - 0.015625 * 0.326795 = 0.994894; ratio (0.446410 / 0.005106) capped at 2: 2 pre - 1 = 0.989787;
       above emax by r = 0.316582: lowered by r * (1/r^2) / m, m = 400 - 300 * 0.125 = 362.5: 0.981074.
       p = 0.015625 / 5 + 0.026795 - 0.281074 < 0.1, so 0. */
    agentk_evaluate(0.7, 0.5, 0.01, 0.5, 0.5, &e);
    NEAR(e.estimate_max, 0.6732050807568877);
    NEAR(e.target, 0.9810739111412449);
    NEAR(e.bid_target, 0.9810739111412449); /* draw 0.5: beta = alpha */
    NEAR(e.p, 0);
    /* t = 0.9: t^6 = 0.531441, pre = 0.826328 -> 2 pre - 1 = 0.652656 below emax, so the target is emax;
       p = 0.531441 / 5 + 2 (0.95 - 0.673205) = 0.659878 */
    agentk_evaluate(0.95, 0.5, 0.01, 0.9, 0.5, &e);
    NEAR(e.target, 0.6732050807568877);
    NEAR(e.p, 0.6598780384862246);
    /* t = 0.88: 2 pre - 1 = 0.696470 is only r = 0.023265 above emax: 1/r^2 = 1847.5 exceeds m = 195.56, so the
       whole r is taken off and the target is emax */
    agentk_evaluate(0.7, 0.5, 0.01, 0.88, 0.5, &e);
    NEAR(e.target, 0.6732050807568877);
    /* p = 0.106288 - 2 * 0.013205 = 0.0799 is below 0.1: no chance at all */
    agentk_evaluate(0.66, 0.5, 0.01, 0.9, 0.5, &e);
    NEAR(e.p, 0);
    /* mean 0.6, var 0.0025: alpha = 6.6; draw 0.25 gives beta = 6.6 + 0.5 - 1 = 6.1, a lower bid target */
    agentk_evaluate(0.8, 0.6, 0.0025, 0.7, 0.25, &e);
    NEAR(e.estimate_max, 0.6692820323027551);
    NEAR(e.target, 0.9246104091127054);
    NEAR(e.bid_target, 0.9117422575555991);
}

/* NiceTitForTat: multiplier 1.4 - 0.6 gap (>= 0); bonus max(0.5 - 0.4 d, min(1, 20 (t - 0.91))). */
static void nice_tit_for_tat_formulas(void **state)
{
    (void)state;
    NEAR(ntft_nash_multiplier(0.5), 1.1);
    NEAR(ntft_nash_multiplier(0.8), 0.92);
    NEAR(ntft_nash_multiplier(0), 1.4);
    NEAR(ntft_nash_multiplier(3), 0); /* 1.4 - 1.8 < 0 */
    NEAR(ntft_bonus(0.5, 1, 0), 0.1);   /* undiscounted: 0.5 - 0.4 */
    NEAR(ntft_bonus(0.5, 0.5, 0), 0.3); /* d = 0.5 */
    NEAR(ntft_bonus(0.91, 1, 0), 0.1);  /* the time bonus starts after 0.91 */
    NEAR(ntft_bonus(0.935, 1, 0), 0.5); /* 20 * 0.025 */
    NEAR(ntft_bonus(0.97, 1, 0), 1);
    NEAR(ntft_bonus(0.875, 1, 1), 0.5); /* above 3000 packages it starts at 0.85 */
    NEAR(ntft_bonus(0.875, 1, 0), 0.1);
    /* Nash 0.8, opponent from 0.4 to 0.6: it went half way, so do we: 1 - 0.5 * 0.2 */
    NEAR(ntft_target(0.8, 0.4, 0.6), 0.9);
    NEAR(ntft_target(0.8, 0.4, 0.9), 0.8); /* beyond the Nash point: capped at all of it */
    NEAR(ntft_target(0.8, 0.4, 0.4), 1);
}

/* CUHKAgent: concede-to time 0.08 + 0.92 d^beta; threshold max - (max - max d / d^lambda)(t/lambda)^2, then
   max d^(1 - t); undiscounted max - 0.05 above 3000 packages, max otherwise. */
static void cuhk_formulas(void **state)
{
    (void)state;
    NEAR(cuhk_concede_time(0.75), 0.6775575286112626); /* beta 1.5: 0.75 is not above 0.75 */
    NEAR(cuhk_concede_time(0.5), 0.4804532591162171);  /* beta 1.2 */
    NEAR(cuhk_concede_time(1), 1);
    double lambda = cuhk_concede_time(0.75);
    /* min threshold 0.75^(1 - 0.677558) = 0.911413; 1 - 0.088587 * (0.5 / 0.677558)^2 */
    NEAR(cuhk_threshold(0.5, 1, 0.75, lambda, 3600, 1), 0.9517579655372896);
    NEAR(cuhk_threshold(0.9, 1, 0.75, lambda, 3600, 1), 0.9716416578630734); /* 0.75^0.1 */
    NEAR(cuhk_threshold(0.5, 1, 1, 1, 3600, 1), 0.95);
    NEAR(cuhk_threshold(0.99, 1, 1, 1, 3600, 0.95), 0.95);
    NEAR(cuhk_threshold(0.99, 1, 1, 1, 20000, 0.95), 0.75); /* above 10000 packages after 0.98 */
    NEAR(cuhk_threshold(0.5, 1, 1, 1, 2000, 1), 1);
    /* fewer than 11 distinct offers: (n / 10)^2; else the share of the last ten seen only once, squared */
    unsigned times[12] = {1, 1, 1, 1, 1, 3, 3, 1, 1, 2, 1, 1};
    NEAR(cuhk_concession_degree(times, 5), 0.25);
    NEAR(cuhk_concession_degree(times, 12), 0.49); /* indices 2..11: seven seen once */
}

/* Atlas3: the final-phase game A11 = rv d, A12 = d, A21 = C d (C >= rv), A22 = (A21 + A12) / 2. */
static void atlas3_formulas(void **state)
{
    (void)state;
    /* rv 0, C 0.6, d 1: q = 1 / (1 - (0 - 0.6) / (1 - 0.8)) = 0.25; target 0.25 * 0.6 + 0.75 * 0.8 = 0.75;
       threshold 0.75 + 0.25 (1 - t) */
    NEAR(atlas3_threshold(0.5, 1, 0, 0.6), 0.875);
    NEAR(atlas3_threshold(0, 1, 0, 0.6), 1);
    NEAR(atlas3_threshold(1, 1, 0, 0.6), 0.75);
    /* Camera-A (rv 0.5, d 0.75) against a hardliner offering 0.27 < rv: A21 = A11 = 0.375, q = 1, target
       0.375 / 0.75^t; the threshold is max(1 - t / 0.75, target) */
    NEAR(atlas3_threshold(0.4, 0.75, 0.5, 0.27), 1 - 0.4 / 0.75);
    NEAR(atlas3_threshold(0.6, 0.75, 0.5, 0.27), 0.44565061449150084);
}

/* CUHK vs a hardliner that never moves (1000 rounds): its threshold stays above 0.75 (max d^(1 - t), d = 0.75),
   so nothing happens until the last chance (t > 0.9985, fewer than 5 rounds left), when it offers the opponent's
   best offer.  On Grocery-A (reservation 0) that is accepted; on Camera-A (reservation 0.5, the hardliner's offer
   worth 0.27 to it) TerminateCurrentNegotiation holds (reservation >= its next bid) and so does AcceptOpponentOffer
   (the offer is worth its next bid): it ends the talks, the offer not beating its reservation. */
static void cuhk_last_chance(void **state)
{
    (void)state;
    const char *domains[] = {"Grocery", "Camera"};
    for (int d = 0; d < 2; d++) {
        parley_scenario *sc = anac(domains[d]);
        parley_session_config cfg;
        parley_session_config_init(&cfg);
        cfg.rounds = 1000;
        parley_negotiation *neg = NULL;
        parley_error err;
        assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_add_agent_spec(neg, "cuhk", &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_add_agent_spec(neg, "hardliner", &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
        assert_true(parley_negotiation_rounds_used(neg) >= 996);
        const uint32_t *theirs = NULL;
        long walked = -1;
        parley_event ev;
        for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
            assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
            if (ev.kind == PARLEY_EVENT_OFFER && ev.party == 1)
                theirs = ev.outcome;
            if (ev.kind == PARLEY_EVENT_WALK_AWAY)
                walked = ev.party;
        }
        assert_non_null(theirs);
        if (d == 0) {
            assert_true(parley_negotiation_agreed(neg));
            assert_memory_equal(parley_negotiation_agreement(neg), theirs,
                                parley_space_issue_count(parley_scenario_space(sc)) * sizeof *theirs);
        } else {
            assert_false(parley_negotiation_agreed(neg));
            assert_int_equal(walked, 0);
        }
        parley_negotiation_free(neg);
        parley_scenario_free(sc);
    }
}

/* The shared pieces: value counts and the distinct offers. */
static void shared_pieces(void **state)
{
    (void)state;
    parley_space *space = parley_space_new();
    const char *abc[] = {"a", "b", "c"}, *xy[] = {"x", "y"};
    assert_int_equal(parley_space_add_categorical(space, "one", abc, 3, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_categorical(space, "two", xy, 2, NULL), PARLEY_OK);
    struct anac_counts c;
    assert_int_equal(anac_counts_init(&c, space), PARLEY_OK);
    uint32_t p[2] = {2, 1}, q[2] = {2, 0};
    anac_counts_add(&c, p);
    anac_counts_add(&c, q);
    anac_counts_add(&c, p);
    assert_int_equal(anac_counts_score(&c, p), 3 + 2); /* "c" three times, "y" twice */
    assert_int_equal(anac_counts_score(&c, q), 3 + 1);
    anac_counts_free(&c);
    struct anac_bids b = {.issues = 2};
    assert_int_equal(anac_bids_add(&b, p, 0.5), 0);
    assert_int_equal(anac_bids_add(&b, q, 0.7), 1);
    assert_int_equal(anac_bids_add(&b, p, 0.5), 0);
    assert_int_equal(b.count, 2);
    assert_int_equal(b.times[0], 2);
    assert_int_equal(anac_bids_at(&b, 1)[1], 0);
    anac_bids_free(&b);
    parley_space_free(space);
    NEAR(anac_jmin(1, 2), 1);
    assert_true(isnan(anac_jmin(1, NAN)) && isnan(anac_jmax(NAN, 0)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(agentk_formulas),
        cmocka_unit_test(nice_tit_for_tat_formulas),
        cmocka_unit_test(cuhk_formulas),
        cmocka_unit_test(atlas3_formulas),
        cmocka_unit_test(cuhk_last_chance),
        cmocka_unit_test(shared_pieces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

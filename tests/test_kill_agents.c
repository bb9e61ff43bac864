/*
 * test_kill_agents.c: ANAC agents on behaviours that generated mutants showed
 * no test pinned (issue 27):
 *
 * - agent-k refuses a parameter it does not know, or a bad value of the one it
 *   knows, when it is created (a mutant that dropped the check let
 *   "agent-k:bogus=1" play);
 * - agent-m's annealing walk steps one value up or down and never leaves the
 *   issue's range: from the top value it can only step down (a mutant stepped
 *   up to a value that does not exist);
 * - agent-gg's threshold schedule starts each segment at its boundary, as
 *   GENIUS's chain of `time < ...` tests does: at t = 0.9 the floor R + 0.3
 *   applies, at t = 0.98 the floor R + 0.25 of [0.98, 0.995), at t = 0.999 the
 *   floor R + 0.2 (a mutant took t = 0.98 into the segment before);
 * - agent-k picks among the received offers above its target in GENIUS's
 *   offeredBidMap.keySet() order: by HashMap bucket, then in the order they
 *   arrived; six offers in buckets 3, 1, 3, 0, 1, 7 come as 3, 1, 4, 0, 2, 5
 *   (a mutant's comparator answered "after" for every pair, and the sort
 *   reversed them);
 * - TheFawkes's spline (anac_fawkes_series.c) with smoothing 1 is the natural
 *   cubic interpolating spline through (0, 0.2), (1, 0.8), (2, 0.4), (3, 0.6)
 *   and the original's extra (0, 0); above 0 it continues its last piece as a
 *   straight line, of slope S'(0) on [3, 0].  Its second derivatives from the
 *   textbook tridiagonal system (tests/mutants/spline_by_hand.py, exact
 *   fractions): slope 13/320, so 0.40625 at z = 10 (a mutant summed the
 *   wrong neighbour's curvature into each piece's slope).
 * - AgentK's HashMap of received offers has java.util.HashMap's bucket count:
 *   16, doubled when the entries pass three quarters (12 fit in 16, the 13th
 *   makes 32); a mutant doubled at 12 already, so keySet() order changed.
 * - Caduceus's PARS target under a deadline in time (no rounds) has no offset:
 *   1 - t^(1/0.15), 0.9072 at t = 0.7, 1 - t^5 with a discount (a mutant
 *   offset t by 1, the power of a negative number was NaN and the target
 *   fell to the 0.7 floor).
 * - Caduceus's committee draw at the top of [0, 1] (rounding can leave the
 *   draw at or above the last cumulative share) gives the last member that
 *   offers, reading only the five members (a mutant looked at a sixth, past
 *   the array: the sanitizer tree sees it).
 * - A BOA bidding strategy takes e in [0, 1000] (its message says so): 1000
 *   is taken, 1000.5 refused (a mutant let 1000.5 through).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <parley/parley.h>

#include "agents/anac_agent_gg.h"
#include "agents/anac_caduceus_members.h"
#include "agents/anac_classic.h"
#include "agents/anac_winners.h"
#include "test_ten_issues.h"

static parley_negotiation *negotiation(const parley_scenario *sc, uint64_t seed)
{
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.rounds = 200;
    cfg.seed = seed;
    parley_negotiation *neg = NULL;
    parley_error err;
    if (parley_negotiation_new(sc, &cfg, &neg, &err))
        fail_msg("%s", err.message);
    return neg;
}

static void test_agent_k_refuses_unknown_parameters(void **state)
{
    (void)state;
    parley_scenario *sc = test_ten_issues();
    const char *bad[] = {"agent-k:bogus=1", "agent-k:opponent_generators=-1", "agent-k:opponent_generators=1.5"};
    for (size_t b = 0; b < 3; b++) {
        parley_negotiation *neg = negotiation(sc, 1);
        parley_error err;
        parley_error_clear(&err);
        assert_int_equal(parley_negotiation_add_agent_spec(neg, bad[b], &err), PARLEY_EINVAL);
        if (!strstr(err.message, "agent-k"))
            fail_msg("%s: the message names no agent: %s", bad[b], err.message);
        parley_negotiation_free(neg);
    }
    parley_negotiation *neg = negotiation(sc, 1);
    parley_error err;
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "agent-k:opponent_generators=2", &err), PARLEY_OK);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

/*
 * agent-m (P0) against a hardliner (P1, never concedes): its first bid is its
 * best, every issue at the top value 2, and its walk goes on for the 200 rounds.
 * Every package it offers is in the space and it never leaves the talks.
 */
static void test_agent_m_walk_stays_in_range(void **state)
{
    (void)state;
    parley_scenario *sc = test_ten_issues();
    size_t offers = 0;
    for (uint64_t seed = 1; seed <= 5; seed++) {
        parley_negotiation *neg = negotiation(sc, seed);
        parley_error err;
        assert_int_equal(parley_negotiation_add_agent_spec(neg, "agent-m", &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_add_agent_spec(neg, "hardliner", &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
        for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
            parley_event ev;
            assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
            if (ev.party != 0)
                continue;
            if (ev.kind == PARLEY_EVENT_WALK_AWAY)
                fail_msg("seed %llu: agent-m walked away: %s", (unsigned long long)seed, ev.detail);
            if (ev.kind == PARLEY_EVENT_OFFER) {
                offers++;
                for (size_t j = 0; j < 10; j++)
                    assert_true(ev.outcome[j] <= 2);
            }
        }
        parley_negotiation_free(neg);
    }
    assert_true(offers > 100); /* it bargained */
    parley_scenario_free(sc);
}

/* N = 0.6 and R = 0.5: every floor lies above the lines (0.66, 0.62 and 0.44 at these times). */
static void test_agent_gg_threshold_segments_start_at_their_bounds(void **state)
{
    (void)state;
    static const double cases[][2] = {{0.9, 0.8}, {0.98, 0.75}, {0.999, 0.7}};
    for (size_t i = 0; i < 3; i++) {
        double got = agentgg_threshold(cases[i][0], 0.6, 0.5);
        if (fabs(got - cases[i][1]) > 1e-12)
            fail_msg("t = %g: %.12f, expected %.12f", cases[i][0], got, cases[i][1]);
    }
}

static void test_agent_k_keyset_order(void **state)
{
    (void)state;
    static const uint64_t bucket[6] = {3, 1, 3, 0, 1, 7};
    static const uint32_t want[6] = {3, 1, 4, 0, 2, 5};
    uint64_t keys[6];
    for (uint64_t i = 0; i < 6; i++)
        keys[i] = bucket[i] << 32 | i;
    agentk_keyset_sort(keys, 6);
    for (int i = 0; i < 6; i++)
        assert_int_equal((uint32_t)keys[i], want[i]);
}

/* java.util.HashMap starts with 16 buckets and doubles when an insertion makes its size pass 0.75 of them:
   12 entries fit in 16, the 13th makes 32, the 25th 64, the 49th 128. */
static void test_agent_k_keyset_capacity(void **state)
{
    (void)state;
    static const size_t count[] = {0, 1, 12, 13, 24, 25, 48, 49, 96, 97};
    static const uint32_t want[] = {16, 16, 16, 32, 32, 64, 64, 128, 128, 256};
    for (size_t i = 0; i < sizeof count / sizeof *count; i++)
        assert_int_equal(agentk_keyset_capacity(count[i]), want[i]);
}

static void test_caduceus_target_without_rounds(void **state)
{
    (void)state;
    assert_float_equal(caduceus_pars_target(0.7, 0, 0), 1 - pow(0.7, 1 / 0.15), 1e-12);
    assert_float_equal(caduceus_pars_target(0.5, 0, 1), 1 - 0.5 * 0.5 * 0.5 * 0.5 * 0.5, 1e-12);
}

static void test_caduceus_committee_pick_at_the_top(void **state)
{
    (void)state;
    const int all[MEMBER_COUNT] = {1, 1, 1, 1, 1}, pars_only[MEMBER_COUNT] = {1, 0, 0, 0, 0},
              no_inner[MEMBER_COUNT] = {1, 1, 1, 1, 0};
    assert_int_equal(caduceus_committee_pick(all, 1.0), MEMBER_INNER);
    assert_int_equal(caduceus_committee_pick(pars_only, 1.0), MEMBER_PARS);
    assert_int_equal(caduceus_committee_pick(no_inner, 1.0), MEMBER_ATLAS3);
}

static void test_boa_bidding_e_bounds(void **state)
{
    (void)state;
    static const char *const kinds[] = {"time", "tft"};
    for (size_t i = 0; i < 2; i++) {
        parley_bidding *b = NULL;
        parley_error err;
        assert_int_equal(parley_bidding_new(kinds[i], "e=1000", &b, NULL), PARLEY_OK);
        parley_bidding_free(b);
        b = NULL;
        assert_int_equal(parley_bidding_new(kinds[i], "e=1000.5", &b, &err), PARLEY_EINVAL);
        assert_null(b);
        assert_non_null(strstr(err.message, "e must be in [0,1000]"));
        assert_int_equal(parley_bidding_new(kinds[i], "e=-0.5", &b, NULL), PARLEY_EINVAL);
    }
}

static void test_fawkes_interpolating_spline_tail(void **state)
{
    (void)state;
    const double y[4] = {0.2, 0.8, 0.4, 0.6};
    struct fawkes_spline sp;
    assert_int_equal(fawkes_spline_fit(y, 4, 1, &sp), PARLEY_OK);
    double at1 = fawkes_spline_eval(&sp, 1), at10 = fawkes_spline_eval(&sp, 10);
    fawkes_spline_free(&sp);
    assert_float_equal(at1, 13.0 / 320, 1e-12);
    assert_float_equal(at10, 130.0 / 320, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agent_gg_threshold_segments_start_at_their_bounds),
        cmocka_unit_test(test_agent_k_refuses_unknown_parameters),
        cmocka_unit_test(test_agent_m_walk_stays_in_range),
        cmocka_unit_test(test_agent_k_keyset_order),
        cmocka_unit_test(test_agent_k_keyset_capacity),
        cmocka_unit_test(test_caduceus_target_without_rounds),
        cmocka_unit_test(test_caduceus_committee_pick_at_the_top),
        cmocka_unit_test(test_boa_bidding_e_bounds),
        cmocka_unit_test(test_fawkes_interpolating_spline_tail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

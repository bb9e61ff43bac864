/*
 * test_kill_agents12b.c: the ported ANAC agents on spaces above their size thresholds and in their late phases
 * (issue 27, helper agt1; tests/mutants/report-agt1.md), with the outcome worked out by hand:
 *
 * - NiceTitForTat above 10,000 packages lists only the first two packages of a window in GENIUS's BidIterator
 *   order: each counter-bid has at most one package of its utility before it in that order (and a slip that
 *   keeps a third overflows the two-slot array, which the sanitizer tree sees);
 * - HardHeaded's target curve with and without a discount factor, read from its offers and its acceptance
 *   against a script;
 * - the BOA record's Nash estimate: recomputed at every offer while fewer than 64 were received, then cached for
 *   32 offers (the test swaps the opponent model under it to see which it read);
 * - NiceTitForTat's last-moment acceptance after t = 0.98, and its asking for the opponent's best offer again;
 * - AgreeableAgent2018 taking an offer once its band around the target holds that package alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>

#include "agent_probe.h"
#include "agents/boa.h"

/*
 * NiceTitForTat (P0) against conceder on four issues of 0..10 (14,641 packages, P0's utility the sum of the values
 * / 40: above 10,000, so each window lists only its first two packages in GENIUS's BidIterator order, position
 * x0 + 11 x1 + 121 x2 + 1331 x3, and beliefs stop at t = 0.5) for 200 rounds.  Every counter-bid lies in its
 * window with every package of the same utility, so at most one package of its sum comes before it in that order
 * (its opening bid, the best, and offers of the opponent's best offer back are not counter-bids of the window).
 * They agree.  (The sanitizer tree also sees a third package written past the two-slot array.)
 */
static uint32_t bid_position(const uint32_t *x)
{
    return x[0] + 11 * x[1] + 121 * x[2] + 1331 * x[3];
}

static void test_nice_tit_for_tat_big_space(void **state)
{
    (void)state;
    parley_scenario *sc = probe_opposed_linear(4, 10);
    parley_negotiation *neg = probe_negotiation(sc, 200, 1, parley_agent_builtin("nice-tit-for-tat"), "",
                                                parley_agent_builtin("conceder"), "");
    probe_run(neg);
    assert_true(probe_find(neg, PARLEY_EVENT_AGREEMENT, -1, NULL) >= 0);
    uint32_t best_received = 0, counter_bids = 0; /* sums */
    int opened = 0;
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
        if (ev.kind != PARLEY_EVENT_OFFER)
            continue;
        uint32_t sum = ev.outcome[0] + ev.outcome[1] + ev.outcome[2] + ev.outcome[3];
        if (ev.party == 1) {
            best_received = sum > best_received ? sum : best_received;
            continue;
        }
        if (!opened || sum == best_received || sum == 40) {
            opened = 1;
            continue;
        }
        counter_bids++;
        uint32_t before = 0, pos = bid_position(ev.outcome), q[4];
        for (q[0] = 0; q[0] <= 10; q[0]++)
            for (q[1] = 0; q[1] <= 10; q[1]++)
                for (q[2] = 0; q[2] <= 10; q[2]++) {
                    int rest = (int)sum - (int)(q[0] + q[1] + q[2]);
                    if (rest < 0 || rest > 10)
                        continue;
                    q[3] = (uint32_t)rest;
                    before += bid_position(q) < pos;
                }
        if (before > 1)
            fail_msg("round %ld: (%u, %u, %u, %u) has %u packages of its sum before it", ev.round, ev.outcome[0],
                     ev.outcome[1], ev.outcome[2], ev.outcome[3], before);
    }
    assert_true(counter_bids > 20);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

/* x in 0..N worth x / N to P0 (EXTRA: more of its keys), 1 - x / N to P1. */
static parley_scenario *steps(int n, const char *extra)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": %d}],"
             " \"parties\": [{\"name\": \"P0\", %s \"preferences\": {"
             "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
             "  {\"name\": \"P1\", \"preferences\": {"
             "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}",
             n, extra);
    return probe_scenario(text);
}

/*
 * HardHeaded (P0) on x / 10 against a script offering x = 7, 21 rounds (t = (r - 1) / 20).  Its target (KLH.get_p,
 * floor 0.585, Ka = e = 0.05): with discount d >= 0.9, p = 0.585 + (1 - fa) 0.415, fa = 0.05 + 0.95 t^20; below
 * 0.9, up to t = d: low = 0.585 + 0.415 d, p = low + (1 - fa)(1 - low), fa = 0.05 + 0.95 (t / d)^(d / 0.05); after
 * d: p = 0.585 + (1 - fa)(low - 0.585), fa = 0.05 + 0.95 ((t - d) / (1 - d))^(1/30).  It opens with x = 10 and
 * steps one package down a turn while the next is worth p or more, else repeats an earlier bid (all x = 10 here);
 * it accepts when its next bid is worth no more than the offer (0.7) or the offer beats its lowest bid.
 *   d = 1:    p > 0.9 up to t = 0.9 (0.9313), 0.8379 at 0.95, 0.585 at 1: x = 10 in rounds 1-19, 9, then 8.
 *   d = 0.75: p(0.7) = 0.9599, p(0.75) = low = 0.89625, p(0.8) = 0.6004: 10 up to round 15, 9, 8, then x = 7 is
 *             its next bid: it accepts in round 18.
 *   d = 0.5:  p(0.45) = 0.9209, p(0.5) = 0.7925, p(0.55) = 0.5996: 10 up to round 10, 9, 8, accepts in round 13.
 * (tests/mutants/report-agt1.md has the few lines of Python that printed these p.)
 */
static void test_hardheaded_target_curve(void **state)
{
    (void)state;
    static const struct {
        const char *extra;
        long tens, accept; /* rounds offering x = 10; the round it accepts (0: none) */
    } runs[] = {{"", 19, 0}, {"\"discount\": 0.75,", 15, 18}, {"\"discount\": 0.5,", 10, 13}};
    static const uint32_t seven[1] = {7};
    for (size_t k = 0; k < sizeof runs / sizeof *runs; k++) {
        parley_scenario *sc = steps(10, runs[k].extra);
        script_set(1, 1, seven);
        parley_negotiation *neg =
            probe_negotiation(sc, 21, 1, parley_agent_builtin("hardheaded"), "", &script_agent, "");
        probe_run(neg);
        parley_event made[32];
        long offers = (long)probe_offers(neg, 0, made, 32);
        for (long k2 = 1; k2 <= offers && k2 <= 32; k2++) {
            const parley_event *ev = &made[k2 - 1];
            uint32_t want = k2 <= runs[k].tens ? 10 : k2 == runs[k].tens + 1 ? 9 : 8;
            if (ev->round != k2 || ev->outcome[0] != want || k2 > runs[k].tens + 2)
                fail_msg("%s: offer %ld in round %ld: x = %u, expected %u", runs[k].extra, k2, ev->round,
                         ev->outcome[0], want);
        }
        parley_event ev;
        long accepted = probe_find(neg, PARLEY_EVENT_ACCEPT, 0, &ev) >= 0 ? ev.round : 0;
        if (accepted != runs[k].accept || offers != (runs[k].accept ? runs[k].accept - 1 : 21))
            fail_msg("%s: %ld offers, accepted in round %ld, expected %ld", runs[k].extra, offers, accepted,
                     runs[k].accept);
        parley_negotiation_free(neg);
        parley_scenario_free(sc);
    }
}

/*
 * boa_track_nash on x / 4, P0's reservation 0.25 (its floor), with a perfect model of P1 (1 - x / 4): (u - 0.25)(1 - u)
 * is 0.125 at u = 0.5 and at 0.75 (exact in binary), less elsewhere: the scan, in ascending utility, keeps the first,
 * 0.5.  With a model of P0's own utility instead, (u - 0.25) u is largest at u = 1.  P0 is a script whose hook keeps
 * a record and asks for the estimate at every move (move m has received m offers): the model is P0's at 40 and at
 * 64 offers, P1's otherwise.  Expected: NaN with nothing received, 1 at 40 (recomputed while fewer than 64), 0.5
 * around it, 1 from 64 and, cached, up to 95; 0.5 from 96 (64 + 32) on.
 */
#define NASH_MOVES 110
static struct boa_track nash_track;
static parley_opponent_model *model_p1, *model_p0;
static double nash_seen[NASH_MOVES];
static long nash_moves;

static void nash_hook(parley_agent_view *v, long move)
{
    if (parley_view_party(v) != 0 || move >= NASH_MOVES)
        return;
    if (move == 0) {
        parley_error err;
        assert_int_equal(boa_track_init(&nash_track, v, "none", &err), PARLEY_OK);
    }
    if (boa_track_update(&nash_track, v) != PARLEY_OK || nash_track.received != (size_t)move)
        return; /* nash_moves falls short: the test fails */
    nash_track.models[1] = nash_track.received == 40 || nash_track.received == 64 ? model_p0 : model_p1;
    nash_seen[move] = boa_track_nash(&nash_track, v);
    nash_track.models[1] = NULL; /* the record frees its models: these two are the test's */
    nash_moves = move + 1;
}

static void test_boa_nash_cache(void **state)
{
    (void)state;
    parley_scenario *sc = steps(4, "\"reservation\": 0.25,");
    model_p1 = parley_opponent_model_perfect(parley_party_utility(sc, 1));
    model_p0 = parley_opponent_model_perfect(parley_party_utility(sc, 0));
    assert_true(model_p0 && model_p1);
    static const uint32_t four[1] = {4};
    script_set(1, 1, four); /* both scripts offer x = 4: only how many offers P0 received matters */
    nash_moves = 0;
    parley_negotiation *neg = probe_negotiation(sc, NASH_MOVES + 2, 1, &script_agent, "", &script_agent, "");
    script_hook = nash_hook;
    probe_run(neg);
    parley_negotiation_free(neg);
    boa_track_free(&nash_track);
    parley_opponent_model_free(model_p0);
    parley_opponent_model_free(model_p1);
    parley_scenario_free(sc);
    assert_int_equal(nash_moves, NASH_MOVES);
    assert_true(isnan(nash_seen[0]));
    for (long m = 1; m < NASH_MOVES; m++) {
        double want = m == 40 || (m >= 64 && m < 96) ? 1 : 0.5;
        if (!(fabs(nash_seen[m] - want) < 1e-12))
            fail_msg("after %ld offers: %g, expected %g", m, nash_seen[m], want);
    }
}

/*
 * HardHeaded's target read precisely: two packages, lo worth U to P0 and hi worth 1 (P1 the opposite), against a
 * script offering lo for 1001 rounds (t = (r - 1) / 1000).  It bids hi; its next step, lo (key U - 1e-8), waits
 * while the target p(t) is above that key (it repeats hi, its only earlier bid), and once p(t) <= U - 1e-8 lo is
 * its next bid and the standing lo is worth it: it accepts in that round.  The first such round, from the formulas
 * of test_hardheaded_target_curve (a few lines of Python, report-agt1.md): d >= 0.9 tests the plain curve, U = 0.9
 * and 0.89 with d = 0.75 both sides of t = d (p(0.75) = 0.89625, p(0.751) = 0.6347), U = 0.6 the curve after d.
 */
static void test_hardheaded_target_crossings(void **state)
{
    (void)state;
    static const struct {
        double u, d;
        long round;
    } cases[] = {{0.9, 1, 924},   {0.7, 1, 984},   {0.9, 0.9, 832},  {0.9, 0.75, 750},
                 {0.89, 0.75, 752}, {0.6, 0.75, 804}, {0.95, 0.5, 427}, {0.6, 0.5, 548}};
    static const uint32_t lo[1] = {0};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char text[1024];
        snprintf(text, sizeof text,
                 "{\"issues\": [{\"name\": \"c\", \"type\": \"categorical\", \"values\": [\"lo\", \"hi\"]}],"
                 " \"parties\": [{\"name\": \"P0\", \"discount\": %g, \"preferences\": {"
                 "   \"c\": {\"weight\": 1, \"values\": {\"lo\": %g, \"hi\": 1}}}},"
                 "  {\"name\": \"P1\", \"preferences\":"
                 "   {\"c\": {\"weight\": 1, \"values\": {\"lo\": 1, \"hi\": 0}}}}]}",
                 cases[k].d, cases[k].u);
        parley_scenario *sc = probe_scenario(text);
        script_set(1, 1, lo);
        parley_negotiation *neg =
            probe_negotiation(sc, 1001, 1, parley_agent_builtin("hardheaded"), "", &script_agent, "");
        probe_run(neg);
        parley_event ev;
        long accepted = probe_find(neg, PARLEY_EVENT_ACCEPT, 0, &ev) >= 0 ? ev.round : -1;
        long lo_offered = 0;
        for (size_t i = 0; i < parley_negotiation_event_count(neg); i++)
            if (parley_negotiation_event(neg, i, &ev, NULL) == PARLEY_OK && ev.party == 0 &&
                ev.kind == PARLEY_EVENT_OFFER && ev.outcome[0] == 0)
                lo_offered++;
        parley_negotiation_free(neg);
        parley_scenario_free(sc);
        if (accepted != cases[k].round || lo_offered)
            fail_msg("U = %g, d = %g: accepted in round %ld (lo offered %ld times), expected round %ld", cases[k].u,
                     cases[k].d, accepted, lo_offered, cases[k].round);
    }
}

/*
 * NiceTitForTat's last-moment acceptance (isAcceptable after t = 0.98): P0 against a script offering x = X (worth
 * X / 10) always, 1000 rounds (t = (r - 1) / 999, the script's offer of round j at t_j).  Its counter-bids stay above
 * the offer until then; from t = 0.98 it accepts when at most 10 offers came in the window (t - (1 - t), t], i.e.
 * j > 2r - 1000, 999 - r of them, and none of them beat the last: from round 989 on (t = 0.98899).
 */
static long ntft_accept_round(uint32_t first, uint32_t x, long *asked_back)
{
    parley_scenario *sc = steps(10, "");
    const uint32_t offer[2] = {first, x};
    script_set(1, 2, offer);
    parley_negotiation *neg = probe_negotiation(sc, 1000, 1, parley_agent_builtin("nice-tit-for-tat"), "",
                                                &script_agent, "");
    probe_run(neg);
    parley_event ev;
    long round = probe_find(neg, PARLEY_EVENT_ACCEPT, 0, &ev) >= 0 ? ev.round : -1;
    *asked_back = 0; /* P0's offers of the script's first package from round 900 on */
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++)
        if (parley_negotiation_event(neg, i, &ev, NULL) == PARLEY_OK && ev.party == 0 && ev.round >= 900 &&
            ev.kind == PARLEY_EVENT_OFFER && ev.outcome[0] == first)
            (*asked_back)++;
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    return round;
}

static void test_nice_tit_for_tat_last_moment(void **state)
{
    (void)state;
    long back, round;
    for (uint32_t x = 2; x <= 6; x += 2) {
        round = ntft_accept_round(x, x, &back);
        if (round != 989)
            fail_msg("x = %u: accepted in round %ld, expected 989", x, round);
    }
    /* an offer worth 0 is never taken (it accepts only an offer worth more than 0) */
    if ((round = ntft_accept_round(0, 0, &back)) != -1)
        fail_msg("x = 0 accepted in round %ld", round);
    /* its own best (x = 10) offered: at its first counter-bid (round 2) the best offer received is worth as much as
       any package it could plan, so it plans that offer, which the last offer is worth: it accepts */
    if ((round = ntft_accept_round(10, 10, &back)) != 2)
        fail_msg("x = 10 accepted in round %ld, expected 2", round);
    /* x = 6 first, then x = 4: at round 989 the offers of the window are no better than the last (0.4), but the
       best (0.6) is better and more than one offer came: it asks for the best again instead, four times (while it
       has done so at most 3 times), and accepts in round 993 */
    round = ntft_accept_round(6, 4, &back);
    if (round != 993 || back != 4)
        fail_msg("6 then 4: accepted in round %ld after asking for 6 %ld times, expected 993 and 4", round, back);
}

/* One categorical issue v0..v(N-1) worth US[i] to P0, 1 - US[i] to P1. */
static parley_scenario *table(size_t n, const double *us)
{
    char text[4096], p0[1024] = "", p1[1024] = "", names[512] = "";
    for (size_t i = 0; i < n; i++) {
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s\"v%zu\"", i ? ", " : "", i);
        snprintf(p0 + strlen(p0), sizeof p0 - strlen(p0), "%s\"v%zu\": %.17g", i ? ", " : "", i, us[i]);
        snprintf(p1 + strlen(p1), sizeof p1 - strlen(p1), "%s\"v%zu\": %.17g", i ? ", " : "", i, 1 - us[i]);
    }
    snprintf(text, sizeof text,
             "{\"issues\": [{\"name\": \"c\", \"type\": \"categorical\", \"values\": [%s]}],"
             " \"parties\": [{\"name\": \"P0\", \"preferences\": {\"c\": {\"weight\": 1, \"values\": {%s}}}},"
             "  {\"name\": \"P1\", \"preferences\": {\"c\": {\"weight\": 1, \"values\": {%s}}}}]}",
             names, p0, p1);
    return probe_scenario(text);
}

/*
 * AgreeableAgent2018 (P0, a few packages: model time 0.2) against a script offering package S, 1000 rounds
 * (t = (r - 1) / 999).  Before t = 0.2 it bids the package nearest its target (1 there); from 0.2 the packages
 * strictly inside (target - d, target + d), target = max(0.8, pmin + (pmax - pmin)(1 - t'^10)), t' = (t - 0.2) / 0.8,
 * d = 0.05 (1 - (pmin + (pmax - pmin)(1 - t^10))): one package there is its bid, none its best (and then it does not
 * consider accepting).  It accepts an offer worth its bid.  tests/mutants/agreeable.py replays these formulas:
 *   x / 10, S = 9: its best up to round 830, accepts in 831 (target 0.9071, d = 0.0078);
 *   x / 10, S = 8: best to 830, x = 9 in 831-841 (the band holds 0.9), best again to 876, accepts in 877;
 *   0.2, 0.84, 0.92, 1 (pmin 0.2), S = 0.92: best to 830, accepts in 831;
 *   0, 0.78, 1, S = 0.78: best to 912, accepts in 913 (the target held at its floor 0.8, d = 0.05 t^10 > 0.02).
 */
static void test_agreeable_band_acceptance(void **state)
{
    (void)state;
    static const double tenth[11] = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};
    static const double lifted[4] = {0.2, 0.84, 0.92, 1}, floor78[3] = {0, 0.78, 1};
    static const struct {
        const double *us;
        size_t n;
        uint32_t s;
        uint32_t runs[3][2]; /* offers: (package, times) in turn */
        long round;
    } cases[] = {{tenth, 11, 9, {{10, 830}}, 831},
                 {tenth, 11, 8, {{10, 830}, {9, 11}, {10, 35}}, 877},
                 {lifted, 4, 2, {{3, 830}}, 831},
                 {floor78, 3, 1, {{2, 912}}, 913}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        parley_scenario *sc = table(cases[k].n, cases[k].us);
        script_set(1, 1, &cases[k].s);
        parley_negotiation *neg = probe_negotiation(sc, 1000, 1, parley_agent_builtin("agreeable-2018"), "",
                                                    &script_agent, "");
        probe_run(neg);
        parley_event ev;
        long round = probe_find(neg, PARLEY_EVENT_ACCEPT, 0, &ev) >= 0 ? ev.round : -1, offer = 0;
        size_t run = 0;
        uint32_t left = cases[k].runs[0][1];
        for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
            if (parley_negotiation_event(neg, i, &ev, NULL) != PARLEY_OK || ev.party != 0 ||
                ev.kind != PARLEY_EVENT_OFFER)
                continue;
            offer++;
            while (left == 0 && run < 2)
                left = cases[k].runs[++run][1];
            if (left == 0 || ev.outcome[0] != cases[k].runs[run][0])
                fail_msg("case %zu, offer %ld (round %ld): v%u, expected v%u", k, offer, ev.round, ev.outcome[0],
                         left ? cases[k].runs[run][0] : 99);
            left--;
        }
        parley_negotiation_free(neg);
        parley_scenario_free(sc);
        if (round != cases[k].round || offer != round - 1)
            fail_msg("case %zu: %ld offers, accepted in round %ld, expected %ld", k, offer, round, cases[k].round);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nice_tit_for_tat_big_space),
        cmocka_unit_test(test_hardheaded_target_curve),
        cmocka_unit_test(test_hardheaded_target_crossings),
        cmocka_unit_test(test_boa_nash_cache),
        cmocka_unit_test(test_nice_tit_for_tat_last_moment),
        cmocka_unit_test(test_agreeable_band_acceptance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

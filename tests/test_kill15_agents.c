/*
 * test_kill15_agents.c: agent behaviours pinned by hand (round 15, the survivors of seed 27 in src/agents and
 * the seed-151 probe):
 *   - TheFawkes's spline below its first knot (anac_fawkes_series.c piece_index): SSJ's first polynomial, the
 *     straight line c0 + c1 z through the value at 0 with the spline's slope there, clamped at 0; no cubic term;
 *     its wavelet transform on impulses (which tap meets which value, the wrap-around), two levels, an odd tail;
 *   - MiCRO's acceptance tolerance (micro.c): an offer worth its next package, or less by 5e-13, is accepted; one
 *     less by 2e-12 is not (it offers that package instead); a whole MiCRO-MiCRO run by hand; 300 rounds against
 *     random, every move checked against the count of different offers received (its hash set growing);
 *   - RandomDance's frequency models and its bid, target and decisions (anac_caduceus_members.c), computed by hand
 *     on a 3 x 2 space after one offer received; Atlas3's member offering its CList back (best first, ties in
 *     order of arrival, each package once), accepting, and falling back to its ordinary bid; RandomDance's target
 *     and kawaii's threshold at their edges (df at 0.99, t at 0 and 1, the floor 0.8); kawaii's bids within its
 *     room to concede, and its end of the talks at its reservation value; the inner Caduceus's random bids;
 *   - AgentGG on a single package: an importance range of 0 gives the reservation ratio rv / 0.5; its random
 *     packages per try on either side of the cap (49,998 and 50,001 packages);
 *   - Atlas3's threshold discounted, with the opponent's best offer above its reservation value (0 < q < 1);
 *   - BOA's tft bidding target: the opponent's concession clamped to its way to Nash, Nash unknown, the floor;
 *   - GENIUS's bid nearest a target (genius_sorted_space.c agent_bid_near) on five exact levels: the next bid down
 *     only when strictly nearer, targets at a level, between two, exactly half-way, above and below them all; a
 *     target at a run of 3 and of 4 equal utilities (the bisection stops inside the run: the second by hash);
 *   - the simplex with rows of zeros (their artificials stay basic) and a repeated row.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>

#include "agent_probe.h"
#include "digits_scenario.h"
#include "agents/agent_common.h"
#include "agents/anac_agent_gg.h"
#include "agents/anac_caduceus_members.h"
#include "agents/anac_classic.h"
#include "agents/anac_java_random.h"
#include "agents/simplex.h"
#include "agents/anac_winners.h"

/* cmocka's assert_float_equal passes a NaN (its |a - b| > eps is false): this one does not. */
#define assert_near(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

/* --- TheFawkes's spline below its first knot --- */

/*
 * The spline through (0, 0.12), (1, 0.10) and the original's extra knot (0, 0) with rho = 0.5 (worked by hand in
 * test_kill_agents13.c): its first polynomial is c0 + c1 d with c0 = 0.06, c1 = 0.03 (the second shares c0 and c1
 * and adds c3 = 0.01 d^3).  Below the first knot (z <= 0) SSJ evaluates the first one at d = z - x0 = z:
 * z = -0.5: 0.045; z = -1: 0.03; z = -2: 0 exactly; z = -3: -0.03, clamped to 0.  Every z > 0 lies past the
 * unsorted last knot (0) and on the tail (0.06 + 0.03 z).
 */
static void test_fawkes_spline_below_its_first_knot(void **state)
{
    (void)state;
    const double y[] = {0.12, 0.10};
    struct fawkes_spline sp;
    assert_int_equal(fawkes_spline_fit(y, 2, 0.5, &sp), PARLEY_OK);
    assert_near(fawkes_spline_eval(&sp, 0), 0.06, 1e-12);
    assert_near(fawkes_spline_eval(&sp, -0.5), 0.045, 1e-12);
    assert_near(fawkes_spline_eval(&sp, -1), 0.03, 1e-12);
    assert_near(fawkes_spline_eval(&sp, -2), 0, 1e-12);
    assert_true(fawkes_spline_eval(&sp, -3) == 0); /* clamped */
    assert_near(fawkes_spline_eval(&sp, 2), 0.12, 1e-12);
    fawkes_spline_free(&sp);
    /* three points (the interpolating spline, rho = 1): still a straight line below 0, through the value at 0 */
    const double y3[] = {0.5, 0.7, 0.6};
    assert_int_equal(fawkes_spline_fit(y3, 3, 1, &sp), PARLEY_OK);
    double f0 = fawkes_spline_eval(&sp, 0), f1 = fawkes_spline_eval(&sp, -0.25), f2 = fawkes_spline_eval(&sp, -0.5);
    fawkes_spline_free(&sp);
    assert_true(f0 > 0 && f0 < 1 && f2 > 0 && f2 < 1);
    assert_true(fabs(f1 - f0) > 1e-6);                   /* a slope */
    assert_near(f2 - f0, 2 * (f1 - f0), 1e-12); /* and no curvature */
}

/* --- TheFawkes's wavelet transform --- */

/* JWave's Daubechies-4 taps over sqrt 2, s[0..8), and the sums S = sum s = 1.4141437921, D = sum (-1)^j s[7 - j] =
   -7.165113e-05 (see test_anac_winners.c). */
#define TAP(j) (daub[j] / 1.4142135623730951)
static const double daub[8] = {0.32580343, 1.01094572, 0.8922014, -0.03967503,
                               -0.2645071, 0.0436163,  0.0465036, -0.01498699};

static void expect_series(const double *got, const double *want, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++)
        if (fabs(got[i] - want[i]) > 1e-12)
            fail_msg("%s: coefficient %zu is %.15g, not %.15g", what, i, got[i], want[i]);
}

/*
 * One level over 8 values: approximation i = sum_j a[(2i + j) mod 8] s[j], detail i = sum_j a[(2i + j) mod 8]
 * (-1)^j s[7 - j].  An impulse at 0 meets tap j where 2i + j = 0 mod 8: (i, j) = (0, 0), (1, 6), (2, 4), (3, 2):
 * s0, s6, s4, s2, then details s7, s1, s3, s5.  An impulse at 1: j = 1, 7, 5, 3: s1, s7, s5, s3, details -s6, -s0,
 * -s2, -s4 (odd j: negative).  Two levels over 16 equal values c: cS (8 times), then the first 8 again: cS^2 (4),
 * cSD (4), and the details of the first level cD (8).  Over 9: one level only (4 and 4), the odd tail 0.
 */
static void test_fawkes_wavelet_by_hand(void **state)
{
    (void)state;
    double a[16] = {1};
    assert_int_equal(fawkes_wavelet(a, 8), PARLEY_OK);
    const double at0[8] = {TAP(0), TAP(6), TAP(4), TAP(2), TAP(7), TAP(1), TAP(3), TAP(5)};
    expect_series(a, at0, 8, "impulse at 0");
    memset(a, 0, sizeof a);
    a[1] = 1;
    assert_int_equal(fawkes_wavelet(a, 8), PARLEY_OK);
    const double at1[8] = {TAP(1), TAP(7), TAP(5), TAP(3), -TAP(6), -TAP(0), -TAP(2), -TAP(4)};
    expect_series(a, at1, 8, "impulse at 1");
    double S = 0, D = 0;
    for (int j = 0; j < 8; j++) {
        S += TAP(j);
        D += (j % 2 ? -1 : 1) * TAP(7 - j);
    }
    assert_near(S, 1.4141437921, 1e-9);
    assert_near(D, -7.165113e-05, 1e-10);
    double want[16];
    for (int i = 0; i < 16; i++) {
        a[i] = 0.5;
        want[i] = i < 4 ? 0.5 * S * S : i < 8 ? 0.5 * S * D : 0.5 * D;
    }
    assert_int_equal(fawkes_wavelet(a, 16), PARLEY_OK);
    expect_series(a, want, 16, "16 equal values");
    for (int i = 0; i < 9; i++) {
        a[i] = 0.5;
        want[i] = i < 4 ? 0.5 * S : i < 8 ? 0.5 * D : 0;
    }
    assert_int_equal(fawkes_wavelet(a, 9), PARLEY_OK);
    expect_series(a, want, 9, "9 equal values");
    double before[7] = {0.25, 0.5, 0.75, 1, 0, 0.125, 0.375}; /* fewer than 8: unchanged */
    memcpy(a, before, sizeof before);
    assert_int_equal(fawkes_wavelet(a, 7), PARLEY_OK);
    assert_memory_equal(a, before, sizeof before);
}

/* --- MiCRO's acceptance tolerance --- */

/* micro (P0) on c0..c4 worth 0, 0.4, `c2`, 0.8, 1 to it, against a script (P1) that always offers c2: the kind of
   micro's second move (its first offers c4; the script's one new offer lets it concede to c3, worth 0.8), and the
   package of that move in *x (99 when none). */
static parley_event_kind micro_second_move(const char *c2, uint32_t *x)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"issues\": [{\"name\": \"c\", \"type\": \"categorical\", \"values\": [\"c0\", \"c1\", \"c2\", \"c3\","
             " \"c4\"]}], \"parties\": [{\"name\": \"P0\", \"preferences\": {\"c\": {\"weight\": 1, \"values\": "
             "{\"c0\": 0, \"c1\": 0.4, \"c2\": %s, \"c3\": 0.8, \"c4\": 1}}}},"
             "  {\"name\": \"P1\", \"preferences\": {\"c\": {\"weight\": 1, \"values\": "
             "{\"c0\": 1, \"c1\": 0.8, \"c2\": 0.6, \"c3\": 0.2, \"c4\": 0}}}}]}",
             c2);
    parley_scenario *sc = probe_scenario(text);
    static const uint32_t script[1] = {2};
    script_set(1, 1, script);
    parley_negotiation *neg = probe_negotiation(sc, 6, 1, parley_agent_builtin("micro"), "", &script_agent, "");
    probe_run(neg);
    parley_event ev = {0};
    int moves = 0;
    for (size_t i = 0; i < parley_negotiation_event_count(neg) && moves < 2; i++) {
        assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
        if (ev.party == 0 && ++moves == 1) {
            assert_int_equal(ev.kind, PARLEY_EVENT_OFFER);
            assert_int_equal(ev.outcome[0], 4); /* its best first */
        }
    }
    assert_int_equal(moves, 2);
    *x = ev.kind == PARLEY_EVENT_OFFER ? ev.outcome[0] : 99;
    parley_event_kind kind = ev.kind;
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    return kind;
}

static void test_micro_accepts_within_its_tolerance(void **state)
{
    (void)state;
    uint32_t x = 0;
    assert_int_equal(micro_second_move("0.8", &x), PARLEY_EVENT_ACCEPT);           /* worth its next package */
    assert_int_equal(micro_second_move("0.8000000000005", &x), PARLEY_EVENT_ACCEPT); /* above it */
    assert_int_equal(micro_second_move("0.7999999999995", &x), PARLEY_EVENT_ACCEPT); /* 5e-13 below: tolerated */
    assert_int_equal(micro_second_move("0.799999999998", &x), PARLEY_EVENT_OFFER);   /* 2e-12 below: not */
    assert_int_equal(x, 3);
    assert_int_equal(micro_second_move("0.6", &x), PARLEY_EVENT_OFFER);
    assert_int_equal(x, 3);
}

/*
 * MiCRO against itself on x in 0..4 (P0: x / 4, P1: (4 - x) / 4), worked by hand.  P0 opens with 4.  P1 (no offer
 * of its own yet, one received) opens with its best, 0.  P0 (one distinct offer received, one made) concedes to 3;
 * P1 (two received: 4, 3) to 1; P0 (two received: 0, 1) to 2; P1 (three received), its next package worth 0.5,
 * is offered 2, worth 0.5 to it: it accepts.  Agreement x = 2 in P1's third move.
 */
static void test_micro_against_itself(void **state)
{
    (void)state;
    parley_scenario *sc = probe_opposed_linear(1, 4);
    parley_negotiation *neg =
        probe_negotiation(sc, 10, 1, parley_agent_builtin("micro"), "", parley_agent_builtin("micro"), "");
    probe_run(neg);
    parley_event ev[8];
    static const uint32_t p0[3] = {4, 3, 2}, p1[2] = {0, 1};
    assert_int_equal(probe_offers(neg, 0, ev, 8), 3);
    for (int i = 0; i < 3; i++)
        assert_int_equal(ev[i].outcome[0], p0[i]);
    assert_int_equal(probe_offers(neg, 1, ev, 8), 2);
    for (int i = 0; i < 2; i++)
        assert_int_equal(ev[i].outcome[0], p1[i]);
    parley_event accept;
    long at = probe_find(neg, PARLEY_EVENT_ACCEPT, -1, &accept);
    assert_true(at >= 0);
    assert_int_equal(accept.party, 1);
    assert_int_equal(probe_find(neg, PARLEY_EVENT_ACCEPT, 0, NULL), -1);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

/*
 * MiCRO in a long run (digits_scenario.h): the 1000 packages have 1000 different utilities and its i-th best is the
 * number 999 - i.  Against random (P1, reservation 0.6: it offers many different packages,
 * all worth at most 0.4 to MiCRO, and accepts none of MiCRO's), at each of its moves MiCRO offers its next package
 * (999 - proposed) while it has proposed no more packages than it has received different offers, else one of those
 * it already proposed.  The offers received are counted from the events here; more than 100 of them pass through
 * its hash set, which grows from 64 slots.
 */
static void test_micro_long_run(void **state)
{
    (void)state;
    parley_scenario *sc = digits_scenario(0.6);
    parley_negotiation *neg =
        probe_negotiation(sc, 300, 5, parley_agent_builtin("micro"), "", parley_agent_builtin("random"), "");
    probe_run(neg);
    static char received[1000];
    memset(received, 0, sizeof received);
    size_t distinct = 0, proposed = 0, moves = 0, repeats = 0;
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
        if (ev.kind != PARLEY_EVENT_OFFER) {
            assert_true(ev.party != 0 || ev.kind != PARLEY_EVENT_ACCEPT); /* it accepts none of them */
            continue;
        }
        size_t number = 100 * ev.outcome[0] + 10 * ev.outcome[1] + ev.outcome[2];
        if (ev.party == 1) {
            distinct += !received[number];
            received[number] = 1;
            continue;
        }
        moves++;
        if (proposed <= distinct) {
            if (number != 999 - proposed)
                fail_msg("move %zu: MiCRO offers %03zu, not its next package %03zu (%zu received)", moves, number,
                         999 - proposed, distinct);
            proposed++;
        } else {
            if (number + proposed <= 999) /* one of 999 .. 999 - (proposed - 1) */
                fail_msg("move %zu: MiCRO offers %03zu, not one of its %zu packages so far", moves, number, proposed);
            repeats++;
        }
    }
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    assert_true(moves >= 290);
    assert_true(distinct > 100); /* its hash set grew */
    assert_true(repeats > 0);    /* and it waited for new offers */
}

/* --- RandomDance after one offer --- */

/*
 * P0: a in {a0, a1, a2} worth 0, 0.3, 1 and b in {b0, b1} worth 0, 1, weights 1/2 (EXTRA: more of its keys); its
 * worst package (a0, b0) is worth 0, so its own scores are mine(a) = 0, 0.15, 0.5 and mine(b) = 0, 0.5.
 * The opponent offers (a1, b0).  Each of the three models adds 1 (its first adder) to a1 and b0: counts 1, largest
 * counts 1, weights 1/2; the opponent scores count / largest x weight: a1 and b0 0.5, the rest 0 (all three models
 * agree, so their random draw does not matter).
 * The joint bid for own weight w': per issue the largest score + w' mine (the first on ties):
 *   a: a1 (0.5 + 0.15 w') until a2 (0.5 w') passes it at w' > 1/0.35 = 1.43;  b: b0 (0.5) until b1 (0.5 w') at w' > 1.
 * So max (w' = 1) = U(a1, b0) = 0.15; the target 1 - (1 - 0.15) t^3 (no discount: df > 0.99);
 * its bid: the first joint bid worth more than the target for w' = w / (1 - w), w = 0, 0.01, ...:
 * (a1, b0) 0.15, then from w' > 1 (a1, b1) 0.65, then from w' > 1.43 (a2, b1) 1.
 * t = 0.8: target 1 - 0.85 x 0.512 = 0.5648: (a1, b1); its first call (t + 5 (t - 0) > 1) accepts.
 * t = 0.81: target 1 - 0.85 x 0.531441 = 0.548: (a1, b1); (a1, b0) (0.15) is not worth more: it offers
 *   (0.81 + 5 x 0.01 < 1), or ends the talks when its reservation is above the target (0.6).
 * t = 0.82: target 1 - 0.85 x 0.551368 = 0.5313; (a1, b1) (0.65) is worth more: it accepts.
 * t = 0.5 (on a fresh member, after a first call at 0.45): target 1 - 0.85 x 0.125 = 0.894: (a2, b1).
 */
static const char rd_space[] =
    "{\"issues\": [{\"name\": \"a\", \"type\": \"categorical\", \"values\": [\"a0\", \"a1\", \"a2\"]},"
    "  {\"name\": \"b\", \"type\": \"categorical\", \"values\": [\"b0\", \"b1\"]}],"
    " \"parties\": [{\"name\": \"P0\", %s \"preferences\": {"
    "   \"a\": {\"weight\": 0.5, \"values\": {\"a0\": 0, \"a1\": 0.3, \"a2\": 1}},"
    "   \"b\": {\"weight\": 0.5, \"values\": {\"b0\": 0, \"b1\": 1}}}},"
    "  {\"name\": \"P1\", \"preferences\": {"
    "   \"a\": {\"weight\": 0.5, \"values\": {\"a0\": 1, \"a1\": 0.5, \"a2\": 0}},"
    "   \"b\": {\"weight\": 0.5, \"values\": {\"b0\": 1, \"b1\": 0}}}}]}";

#define RD_CALLS 5
static int rd_answer[RD_CALLS];
static uint32_t rd_bid[RD_CALLS][2];
static int rd_runs;

static void rd_hook(parley_agent_view *v, long move)
{
    if (move != 0 || parley_view_party(v) != 0)
        return;
    static const uint32_t offered[2] = {1, 0}, joint[2] = {1, 1};
    static const double when[RD_CALLS] = {0.8, 0.81, 0.82, 0.45, 0.5};
    struct caduceus_members *m = NULL;
    for (int c = 0; c < RD_CALLS; c++) {
        if (c == 0 || c == 3) { /* a fresh member, shown the one offer */
            caduceus_members_free(m);
            m = NULL;
            if (caduceus_members_new(v, &m) != PARLEY_OK || caduceus_members_observe(m, v, offered) != PARLEY_OK ||
                caduceus_members_observe(m, v, offered) != PARLEY_OK) /* the same package again counts once */
                break;
        }
        rd_answer[c] = random_dance_act(m, v, when[c], c == 1 ? offered : c == 2 ? joint : NULL, rd_bid[c]);
    }
    caduceus_members_free(m);
    rd_runs++;
}

/* The script (P0, its view given to `hook` at its first move) against hardliner on rd_space with EXTRA. */
static void member_run(const char *extra, void (*hook)(parley_agent_view *v, long move))
{
    char text[1536];
    snprintf(text, sizeof text, rd_space, extra);
    parley_scenario *sc = probe_scenario(text);
    static const uint32_t worst[2] = {0, 0};
    memset(rd_answer, -1, sizeof rd_answer);
    memset(rd_bid, 0xff, sizeof rd_bid);
    script_set(2, 1, worst);
    script_hook = hook;
    rd_runs = 0;
    probe_script_vs_hardliner(sc);
    parley_scenario_free(sc);
    assert_int_equal(rd_runs, 1);
}

static void expect_bid(int call, uint32_t a, uint32_t b)
{
    if (rd_bid[call][0] != a || rd_bid[call][1] != b)
        fail_msg("call %d: RandomDance bids (a%u, b%u), not (a%u, b%u)", call, rd_bid[call][0], rd_bid[call][1], a,
                 b);
}

static void test_random_dance_after_one_offer(void **state)
{
    (void)state;
    member_run("", rd_hook);
    assert_int_equal(rd_answer[0], 0); /* its first call accepts */
    expect_bid(0, 1, 1);
    assert_int_equal(rd_answer[1], 1); /* (a1, b0) is worth less than 0.548: it offers */
    expect_bid(1, 1, 1);
    assert_int_equal(rd_answer[2], 0); /* (a1, b1) is worth more than 0.531: it accepts */
    expect_bid(2, 1, 1);
    assert_int_equal(rd_answer[4], 1);
    expect_bid(4, 2, 1); /* target 0.894: only its best is worth more */
    member_run("\"reservation\": 0.6,", rd_hook);
    assert_int_equal(rd_answer[1], 0); /* the target 0.548 is below its reservation value: it ends the talks */
    expect_bid(1, 1, 1);
    assert_int_equal(rd_answer[4], 1); /* 0.894 is above it */
}

/*
 * Atlas3 as a member, in its final phase from its first call (t = 0.9: its time per turn 0.9, and 0.9 > 1 - 0.9 x 4),
 * with the distinct packages received (on rd_space): (a1, b0) 0.15, (a2, b0) 0.5, (a0, b1) 0.5 and (a1, b0) again.
 * Its CList, best first, ties in order of arrival: (a2, b0), (a0, b1), (a1, b0).  It offers them back in that order
 * while each is worth more than the offer it answers and than its reservation value (0):
 *   offered (a0, b0) (0): (a2, b0);  offered (a1, b0) (0.15): (a0, b1);
 *   offered (a2, b0) (0.5): (a1, b0) is not worth more: it accepts (0.5 > 0), the CList waits;
 *   nothing offered: (a1, b0);  the CList done: offered (a0, b0), worth its reservation value 0: it accepts.
 * With reservation 0.6 (a fresh member, the same offers, at t = 0.9): (a2, b0) 0.5 is not above it; offered
 * (a0, b0) (0, not above 0.6): its ordinary bid; offered (a2, b1) (1): it accepts.
 */
static int clist_normal[RD_CALLS];

/* Party 0's Caduceus members at its first move, for a hook; NULL at another move, for party 1 or when they cannot
   be made. */
static struct caduceus_members *members_at_first_move(parley_agent_view *v, long move)
{
    struct caduceus_members *m = NULL;
    if (move != 0 || parley_view_party(v) != 0 || caduceus_members_new(v, &m) != PARLEY_OK)
        return NULL;
    return m;
}

static void clist_hook(parley_agent_view *v, long move)
{
    static const uint32_t received[4][2] = {{1, 0}, {2, 0}, {0, 1}, {1, 0}}, worst[2] = {0, 0}, best[2] = {2, 1};
    struct caduceus_members *m = members_at_first_move(v, move);
    if (!m)
        return;
    for (int k = 0; k < 4; k++)
        if (caduceus_members_observe(m, v, received[k]) != PARLEY_OK)
            goto out;
    if (parley_view_reservation(v) > 0.5) {
        rd_answer[0] = atlas3_member_act(m, v, 0.9, worst, rd_bid[0], &clist_normal[0]);
        rd_answer[1] = atlas3_member_act(m, v, 0.91, best, rd_bid[1], &clist_normal[1]);
    } else {
        const uint32_t *latest[RD_CALLS] = {worst, received[0], received[1], NULL, worst};
        for (int c = 0; c < RD_CALLS; c++)
            rd_answer[c] = atlas3_member_act(m, v, 0.9 + 0.01 * c, latest[c], rd_bid[c], &clist_normal[c]);
    }
    rd_runs++;
out:
    caduceus_members_free(m);
}

static void test_atlas3_member_offers_its_clist_back(void **state)
{
    (void)state;
    member_run("", clist_hook);
    static const int answer[RD_CALLS] = {1, 1, 0, 1, 0}, normal[RD_CALLS] = {0, 0, 0, 0, 0};
    static const uint32_t bids[4][2] = {{2, 0}, {0, 1}, {0, 0}, {1, 0}};
    for (int c = 0; c < RD_CALLS; c++) {
        assert_int_equal(rd_answer[c], answer[c]);
        assert_int_equal(clist_normal[c], normal[c]);
        if (c < 4 && answer[c])
            expect_bid(c, bids[c][0], bids[c][1]);
    }
    member_run("\"reservation\": 0.6,", clist_hook);
    assert_int_equal(rd_answer[0], 1);
    assert_int_equal(clist_normal[0], 1); /* nothing in its CList is above 0.6 */
    assert_int_equal(rd_answer[1], 0);    /* 1 > 0.6: it accepts */
}

/*
 * kawaii's bid on a: a0 0, a1 0.7, a2 1 and b: b0 0, b1 0.8, b2 1 (weights 1/2): from its best (a2, b2), each issue
 * in random order moves to the first value (in random order) whose loss keeps the total loss within 1 - threshold.
 * At t = 1 (threshold 0.8, room 0.2) the losses are a1 0.15, b1 0.1, a0 and b0 0.5: its bids are (a2, b2), (a1, b2)
 * or (a2, b1), never both moved (0.25), never a0 or b0; over 40 calls (fresh draws each) each of the three comes up.
 * At t = 0.5 (threshold 0.95, room 0.05) only its best.  Reservation 0.9: at t = 1 (0.9 > 0.8) it ends the talks
 * (0), at t = 0.5 it still bids.
 */
static const char kawaii_space[] =
    "{\"issues\": [{\"name\": \"a\", \"type\": \"categorical\", \"values\": [\"a0\", \"a1\", \"a2\"]},"
    "  {\"name\": \"b\", \"type\": \"categorical\", \"values\": [\"b0\", \"b1\", \"b2\"]}],"
    " \"parties\": [{\"name\": \"P0\", %s \"preferences\": {"
    "   \"a\": {\"weight\": 0.5, \"values\": {\"a0\": 0, \"a1\": 0.7, \"a2\": 1}},"
    "   \"b\": {\"weight\": 0.5, \"values\": {\"b0\": 0, \"b1\": 0.8, \"b2\": 1}}}},"
    "  {\"name\": \"P1\", \"preferences\": {"
    "   \"a\": {\"weight\": 0.5, \"values\": {\"a0\": 1, \"a1\": 0.5, \"a2\": 0}},"
    "   \"b\": {\"weight\": 0.5, \"values\": {\"b0\": 1, \"b1\": 0.5, \"b2\": 0}}}}]}";

#define KAWAII_CALLS 40
static int kawaii_seen[3][3], kawaii_late, kawaii_early[2];

static void kawaii_hook(parley_agent_view *v, long move)
{
    struct caduceus_members *m = members_at_first_move(v, move);
    if (!m)
        return;
    uint32_t out[2];
    memset(kawaii_seen, 0, sizeof kawaii_seen);
    for (int c = 0; c < KAWAII_CALLS; c++) {
        kawaii_late = kawaii_act(m, v, 1, NULL, out);
        if (kawaii_late)
            kawaii_seen[out[0]][out[1]]++;
    }
    kawaii_early[0] = kawaii_act(m, v, 0.5, NULL, out);
    kawaii_early[1] = (int)(out[0] * 3 + out[1]);
    caduceus_members_free(m);
    rd_runs++;
}

static void kawaii_run(const char *extra)
{
    char text[1536];
    snprintf(text, sizeof text, kawaii_space, extra);
    parley_scenario *sc = probe_scenario(text);
    rd_runs = 0;
    probe_script_pair(sc, 0, kawaii_hook);
    parley_scenario_free(sc);
    assert_int_equal(rd_runs, 1);
    assert_int_equal(kawaii_early[1], 8); /* (a2, b2) */
}

static void test_kawaii_bids_within_its_room(void **state)
{
    (void)state;
    kawaii_run("");
    assert_int_equal(kawaii_late, 1);
    assert_int_equal(kawaii_early[0], 1);
    for (uint32_t a = 0; a < 3; a++)
        for (uint32_t b = 0; b < 3; b++) {
            int allowed = (a == 2 && b >= 1) || (a == 1 && b == 2);
            if (allowed != (kawaii_seen[a][b] > 0))
                fail_msg("(a%u, b%u) bid %d times in %d calls", a, b, kawaii_seen[a][b], KAWAII_CALLS);
        }
    kawaii_run("\"reservation\": 0.9,");
    assert_int_equal(kawaii_late, 0);     /* 0.9 > 0.8: it ends the talks */
    assert_int_equal(kawaii_early[0], 1); /* 0.9 < 0.95 */
}

/*
 * The inner Caduceus on x in 0..9 worth x / 9, discounted by 0.5: at t = 0 its second best package, x = 8 (0.889,
 * above its floor 0.75); at t = 1 that is worth 0.444 discounted, below the floor, so it draws random packages until
 * one is worth at least 0.75 undiscounted: x = 7, 8 or 9, each of them over 30 calls.  With reservation 0.95 (the
 * floor then) only x = 9 is worth that much, at any t.
 */
static int inner_seen[10], inner_first;

static void inner_random_hook(parley_agent_view *v, long move)
{
    struct caduceus_members *m = members_at_first_move(v, move);
    if (!m)
        return;
    uint32_t out[1];
    memset(inner_seen, 0, sizeof inner_seen);
    inner_first = inner_caduceus_act(m, v, 0, NULL, out) ? (int)out[0] : -1;
    for (int c = 0; c < 30; c++)
        if (inner_caduceus_act(m, v, 1, NULL, out))
            inner_seen[out[0]]++;
    caduceus_members_free(m);
    rd_runs++;
}

static void inner_random_run(const char *extra)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 9}],"
             " \"parties\": [{\"name\": \"P0\", \"discount\": 0.5, %s \"preferences\": {"
             "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
             "  {\"name\": \"P1\", \"preferences\": {"
             "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}",
             extra);
    parley_scenario *sc = probe_scenario(text);
    rd_runs = 0;
    probe_script_pair(sc, 0, inner_random_hook);
    parley_scenario_free(sc);
    assert_int_equal(rd_runs, 1);
}

static void test_inner_caduceus_random_bids(void **state)
{
    (void)state;
    inner_random_run("");
    assert_int_equal(inner_first, 8);
    for (int x = 0; x < 10; x++)
        if ((x >= 7) != (inner_seen[x] > 0))
            fail_msg("x = %d bid %d times in 30 calls at t = 1", x, inner_seen[x]);
    inner_random_run("\"reservation\": 0.95,");
    assert_int_equal(inner_first, 9);
    assert_int_equal(inner_seen[9], 30);
}

/* RandomDance's target 1 - (1 - max) t^df, t^3 when df > 0.99; kawaii's threshold max(0.8, (1 - 0.2 t^2) df^t). */
static void test_member_formulas(void **state)
{
    (void)state;
    assert_near(random_dance_target(0.25, 0.5, 0.2), 1 - 0.8 * 0.5, 1e-15);
    assert_near(random_dance_target(0.5, 1, 0.2), 1 - 0.8 * 0.125, 1e-15);
    assert_near(random_dance_target(0.5, 0.995, 0.2), 1 - 0.8 * 0.125, 1e-15);      /* above 0.99: t^3 */
    assert_near(random_dance_target(0.5, 0.99, 0.2), 1 - 0.8 * pow(0.5, 0.99), 1e-15); /* 0.99: t^df */
    assert_near(random_dance_target(0, 0.5, 0.2), 1, 1e-15);
    assert_near(random_dance_target(1, 0.5, 0.2), 0.2, 1e-15);
    assert_near(kawaii_threshold(0.5, 1), 0.95, 1e-15);
    assert_near(kawaii_threshold(0.5, 0.9), 0.95 * sqrt(0.9), 1e-15);
    assert_near(kawaii_threshold(0, 0.5), 1, 1e-15);
    assert_near(kawaii_threshold(1, 0.5), 0.8, 1e-15); /* 0.4, raised to its floor */
    assert_near(kawaii_threshold(1, 1), 0.8, 1e-15);   /* exactly its floor */
}

/* --- AgentGG with nothing to tell its packages apart --- */

/*
 * One package (two issues of one value each), P0's reservation value 0.3: its importance map gives that package
 * both the highest and the lowest importance, a range of 0, so its reservation ratio is the reservation value over
 * 0.5 times 1 (not 0/0): 0.6; 2 x 1 draws per try.
 */
static void test_agent_gg_single_package(void **state)
{
    (void)state;
    parley_scenario *sc = probe_scenario(
        "{\"issues\": [{\"name\": \"a\", \"type\": \"categorical\", \"values\": [\"only\"]},"
        "  {\"name\": \"b\", \"type\": \"integer\", \"min\": 4, \"max\": 4}],"
        " \"parties\": [{\"name\": \"P0\", \"reservation\": 0.3, \"preferences\": {"
        "   \"a\": {\"weight\": 0.5, \"values\": {\"only\": 1}},"
        "   \"b\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 1}}}},"
        "  {\"name\": \"P1\", \"preferences\": {"
        "   \"a\": {\"weight\": 0.5, \"values\": {\"only\": 0.5}},"
        "   \"b\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0.5, \"at_max\": 0.5}}}}]}");
    static const uint32_t only[2] = {0, 0};
    script_set(2, 1, only);
    wrapped_name = "agent-gg";
    parley_negotiation *neg = probe_negotiation(sc, 4, 1, &wrapped_agent, "", &script_agent, "");
    assert_non_null(wrapped_state);
    double ratio = agentgg_reservation_ratio_of(wrapped_state);
    size_t draws = agentgg_draws_of(wrapped_state);
    probe_run(neg); /* and it takes the one package offered */
    parley_event ev;
    assert_true(probe_find(neg, PARLEY_EVENT_AGREEMENT, -1, &ev) >= 0);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    assert_near(ratio, 0.6, 1e-12);
    assert_int_equal(draws, 2);
}

/* agent-gg's random packages per try: 2 per package below 50,000 packages, else 100,000: 49,998 packages (x in
   0..24,998, y in 0..1) 99,996; 50,001 (x in 0..16,666, y in 0..2) 100,000, not 100,002. */
static size_t agent_gg_draws_on(int x_max, int y_max)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": %d},"
             "  {\"name\": \"y\", \"type\": \"integer\", \"min\": 0, \"max\": %d}],"
             " \"parties\": [{\"name\": \"P0\", \"preferences\": {"
             "   \"x\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
             "   \"y\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
             "  {\"name\": \"P1\", \"preferences\": {"
             "   \"x\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}},"
             "   \"y\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}",
             x_max, y_max);
    parley_scenario *sc = probe_scenario(text);
    static const uint32_t low[2] = {0, 0};
    script_set(2, 1, low);
    wrapped_name = "agent-gg";
    parley_negotiation *neg = probe_negotiation(sc, 4, 1, &wrapped_agent, "ranking=2", &script_agent, "");
    assert_non_null(wrapped_state);
    size_t draws = agentgg_draws_of(wrapped_state);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    return draws;
}

static void test_agent_gg_draws_at_the_cap(void **state)
{
    (void)state;
    assert_int_equal(agent_gg_draws_on(24998, 1), 99996);
    assert_int_equal(agent_gg_draws_on(16666, 2), 100000);
}

/* --- Atlas3's threshold, discounted, with an opponent's best offer above its reservation value --- */

/*
 * rv 0.2, best offered 0.6, d 0.8: A11 = 0.16, A12 = 0.8, A21 = 0.48, A22 = (0.48 + 0.8) / 2 = 0.64;
 * q = 1 / (1 - (0.16 - 0.48) / (0.8 - 0.64)) = 1/3; target (0.48 / 3 + 0.64 x 2 / 3) / 0.8^t = 0.58667 / 0.8^t;
 * the threshold max(1 - t / 0.8, target): t = 0.5: 0.65592 (1 - 0.625 = 0.375 below it); t = 0.1: 0.875 (the
 * target 0.59991 below it); t = 1: 0.73333.  Undiscounted, the offer at the reservation value (C = rv = 0.2):
 * A21 = A11, q = 1, target 0.2, threshold 0.2 + 0.8 (1 - t).
 */
static void test_atlas3_threshold_discounted(void **state)
{
    (void)state;
    const double target = (0.48 / 3 + 0.64 * 2 / 3);
    assert_near(atlas3_threshold(0.5, 0.8, 0.2, 0.6), target / sqrt(0.8), 1e-12);
    assert_near(atlas3_threshold(0.1, 0.8, 0.2, 0.6), 0.875, 1e-12);
    assert_near(atlas3_threshold(1, 0.8, 0.2, 0.6), target / 0.8, 1e-12);
    assert_near(atlas3_threshold(0.5, 1, 0.2, 0.2), 0.2 + 0.8 * 0.5, 1e-12);
    assert_near(atlas3_threshold(0.25, 1, 0.2, 0.1), 0.2 + 0.8 * 0.75, 1e-12); /* below rv: A21 = A11 */
}

/* --- BOA's tft bidding at its edges --- */

/* tft: target = best - fraction (best - nash), fraction = (best seen - first) / (nash - first) clamped to [0, 1], 0
   when the way is empty; nash unknown: halfway from best to floor; never below the floor. */
static void test_boa_tft_target_edges(void **state)
{
    (void)state;
    parley_bidding *b = NULL;
    assert_int_equal(parley_bidding_new("tft", "", &b, NULL), PARLEY_OK);
    const double beyond[] = {0.3, 0.9, 0.5};
    parley_bidding_input in = {0.5, 1.0, 0.2, 0.7, beyond, 3};
    assert_near(parley_bidding_target(b, &in), 0.7, 1e-12); /* 1.5 of the way: clamped to 1, at Nash */
    in.received = 1;
    assert_near(parley_bidding_target(b, &in), 1.0, 1e-12); /* none of the way yet */
    in.received = 0;
    assert_near(parley_bidding_target(b, &in), 1.0, 1e-12); /* nothing received: its best */
    const double half[] = {0.3, 0.45, 0.4};
    parley_bidding_input unknown = {0.5, 1.0, 0.2, NAN, half, 3};
    assert_near(parley_bidding_target(b, &unknown), 0.8, 1e-12); /* Nash taken as 0.6: half of the way */
    const double below[] = {0, 0.2};
    parley_bidding_input low = {0.5, 1.0, 0.2, 0.1, below, 2};
    assert_near(parley_bidding_target(b, &low), 0.2, 1e-12); /* Nash 0.1, below the floor 0.2 */
    const double above[] = {0.8, 0.95};
    parley_bidding_input started = {0.5, 1.0, 0.2, 0.7, above, 2};
    assert_near(parley_bidding_target(b, &started), 1.0, 1e-12); /* first offer past Nash: no way, 0 */
    const double at[] = {0.7, 0.9};
    parley_bidding_input none = {0.5, 1.0, 0.2, 0.7, at, 2};
    assert_near(parley_bidding_target(b, &none), 1.0, 1e-12); /* first offer at Nash: no way */
    parley_bidding_free(b);
}

/* --- GENIUS's bid nearest a target, by hand --- */

/*
 * One issue c0..c4 worth 0, 1/4, 1/2, 3/4, 1 to P0 (exact in binary).  GENIUS's searchIndexWith over the descending
 * list (1, 3/4, 1/2, 1/4, 0) ends at the last position worth more than the target (or at it), then the next one down
 * is taken only when strictly nearer:
 *   0.6: middle 2 (1/2 < 0.6: high 2), middle 1 (3/4: low 1), index 1 (0.15 away); the next, 1/2, is 0.1 away:
 *        1/2.
 *   0.7: index 1 (0.05 away), 1/2 is 0.2 away: 3/4.   0.625: index 1, 1/2 exactly as far: 3/4 (not strictly).
 *   0.5: found at index 2: 1/2.   0.125: middles 2, 3 (1/4 > 0.125: low 3), index 3; 0 exactly as far: 1/4.
 *   0.1: index 3, 0 is 0.1 away (1/4 0.15): 0.   2 (above all): index 0: 1.   -1 (below all): index 3, 0 nearer: 0.
 */
static const double near_targets[] = {0.6, 0.7, 0.625, 0.5, 0.125, 0.1, 2, -1};
#define NEAR_COUNT (sizeof near_targets / sizeof *near_targets)
static double near_u[NEAR_COUNT];
static uint32_t near_x[NEAR_COUNT];

static void near_hook(parley_agent_view *v, long move)
{
    if (move != 0 || parley_view_party(v) != 0)
        return;
    for (size_t k = 0; k < NEAR_COUNT; k++)
        near_u[k] = agent_bid_near(v, near_targets[k], &near_x[k]);
    rd_runs++;
}

static void test_bid_near_by_hand(void **state)
{
    (void)state;
    parley_scenario *sc = probe_scenario(
        "{\"issues\": [{\"name\": \"c\", \"type\": \"categorical\", \"values\": [\"c0\", \"c1\", \"c2\", \"c3\", \"c4\"]}],"
        " \"parties\": [{\"name\": \"P0\", \"preferences\": {\"c\": {\"weight\": 1, \"values\": "
        "{\"c0\": 0, \"c1\": 0.25, \"c2\": 0.5, \"c3\": 0.75, \"c4\": 1}}}},"
        "  {\"name\": \"P1\", \"preferences\": {\"c\": {\"weight\": 1, \"values\": "
        "{\"c0\": 1, \"c1\": 0.75, \"c2\": 0.5, \"c3\": 0.25, \"c4\": 0}}}}]}");
    rd_runs = 0;
    probe_script_pair(sc, 0, near_hook);
    parley_scenario_free(sc);
    assert_int_equal(rd_runs, 1);
    static const uint32_t want[NEAR_COUNT] = {2, 3, 3, 2, 1, 0, 4, 0};
    for (size_t k = 0; k < NEAR_COUNT; k++)
        if (near_x[k] != want[k] || near_u[k] != want[k] / 4.0)
            fail_msg("target %g: c%u worth %g, not c%u", near_targets[k], near_x[k], near_u[k], want[k]);
}

/*
 * A target exactly at a run of equal utilities: GENIUS's bisection stops at the first middle it finds at the target
 * (desc position 2 of 1, t, t, t, 0 and of 1, t, t, t, t, 0; t = 1/2), not at the run's end; the package at that
 * position is the run's k-th by (BidDetails hash, iteration order), k = 2 - 1 = 1 in both.  The hashes come from
 * java_bid_details_hash_at (checked against GENIUS in test_java_treemap.c and test_genius_near.c).
 */
static uint32_t tie_got, tie_want;

static void tie_hook(parley_agent_view *v, long move)
{
    if (move != 0 || parley_view_party(v) != 0)
        return;
    const parley_space *space = parley_view_space(v);
    uint32_t tied[8], n = 0;
    for (uint32_t x = 0; x < parley_issue_value_count(space, 0); x++)
        if (parley_view_eval(v, &x) == 0.5)
            tied[n++] = x;
    for (uint32_t i = 1; i < n; i++) /* insertion sort by (hash, value): the iteration order of one issue */
        for (uint32_t j = i; j > 0; j--) {
            int32_t a = java_bid_details_hash_at(space, &tied[j - 1], 0.5, -1),
                    b = java_bid_details_hash_at(space, &tied[j], 0.5, -1);
            if (a < b || (a == b && tied[j - 1] < tied[j]))
                break;
            uint32_t x = tied[j];
            tied[j] = tied[j - 1];
            tied[j - 1] = x;
        }
    tie_want = tied[1];
    double u = agent_bid_near(v, 0.5, &tie_got);
    rd_runs += u == 0.5;
}

static void test_bid_near_stops_inside_a_run(void **state)
{
    (void)state;
    static const char *const levels[2] = {"\"c0\": 1, \"c1\": 0.5, \"c2\": 0.5, \"c3\": 0.5, \"c4\": 0, \"c5\": 0",
                                          "\"c0\": 0.5, \"c1\": 1, \"c2\": 0.5, \"c3\": 0.5, \"c4\": 0, \"c5\": 0.5"};
    static const int tied[2] = {3, 4};
    for (int k = 0; k < 2; k++) {
        char text[1024];
        snprintf(text, sizeof text,
                 "{\"issues\": [{\"name\": \"c\", \"type\": \"categorical\", \"values\": [\"c0\", \"c1\", \"c2\","
                 " \"c3\", \"c4\", \"c5\"]}], \"parties\": [{\"name\": \"P0\", \"preferences\": {\"c\": {\"weight\": 1,"
                 " \"values\": {%s}}}}, {\"name\": \"P1\", \"preferences\": {\"c\": {\"weight\": 1, \"values\": "
                 "{\"c0\": 0, \"c1\": 0, \"c2\": 0, \"c3\": 0, \"c4\": 1, \"c5\": 0}}}}]}",
                 levels[k]);
        parley_scenario *sc = probe_scenario(text);
        rd_runs = 0;
        tie_got = tie_want = 99;
        probe_script_pair(sc, 4, tie_hook);
        parley_scenario_free(sc);
        assert_int_equal(rd_runs, 1);
        if (tie_got != tie_want)
            fail_msg("%d tied packages: c%u, not the second by hash, c%u", tied[k], tie_got, tie_want);
    }
}

/* --- the simplex with rows that say nothing --- */

/*
 * min x subject to 0 x = 0, 0 x = 0, x = 2 (x >= 0): the first two rows' artificials stay basic at 0 (their rows hold
 * no column to pivot on), the first of them column n = 1 itself; phase 2 reads the costs of the basic original
 * columns only (c[0 .. n)), so with c allocated exactly n long the sanitizer tree sees any read past it.  x = 2.
 * Also x1 + x2 = 1 twice (a repeated row): x = (1, 0) for min x2, (0, 1) for min x1.
 */
static void test_simplex_rows_without_columns(void **state)
{
    (void)state;
    const double a[3] = {0, 0, 1}, b[3] = {0, 0, 2};
    double *c = malloc(sizeof *c), x[2] = {7, 7};
    assert_non_null(c);
    c[0] = 1;
    assert_int_equal(simplex_solve(3, 1, a, b, c, x), SIMPLEX_OPTIMAL);
    assert_near(x[0], 2, 1e-12);
    free(c);
    const double twice[4] = {1, 1, 1, 1}, ones[2] = {1, 1}, min_x2[2] = {0, 1}, min_x1[2] = {1, 0};
    assert_int_equal(simplex_solve(2, 2, twice, ones, min_x2, x), SIMPLEX_OPTIMAL);
    assert_near(x[0], 1, 1e-12);
    assert_near(x[1], 0, 1e-12);
    assert_int_equal(simplex_solve(2, 2, twice, ones, min_x1, x), SIMPLEX_OPTIMAL);
    assert_near(x[0], 0, 1e-12);
    assert_near(x[1], 1, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fawkes_spline_below_its_first_knot),
        cmocka_unit_test(test_fawkes_wavelet_by_hand),
        cmocka_unit_test(test_micro_accepts_within_its_tolerance),
        cmocka_unit_test(test_micro_against_itself),
        cmocka_unit_test(test_micro_long_run),
        cmocka_unit_test(test_random_dance_after_one_offer),
        cmocka_unit_test(test_atlas3_member_offers_its_clist_back),
        cmocka_unit_test(test_bid_near_by_hand),
        cmocka_unit_test(test_bid_near_stops_inside_a_run),
        cmocka_unit_test(test_simplex_rows_without_columns),
        cmocka_unit_test(test_member_formulas),
        cmocka_unit_test(test_boa_tft_target_edges),
        cmocka_unit_test(test_atlas3_threshold_discounted),
        cmocka_unit_test(test_agent_gg_single_package),
        cmocka_unit_test(test_agent_gg_draws_at_the_cap),
        cmocka_unit_test(test_kawaii_bids_within_its_room),
        cmocka_unit_test(test_inner_caduceus_random_bids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

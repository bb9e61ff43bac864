/*
 * test_kill_agents12a.c: moves of the ported agents and of their shared pieces worked out by hand (issue 27, helper
 * agt1; tests/mutants/report-agt1.md), where the GENIUS traces and the earlier tests left a one-token slip unseen:
 *
 * - PonPoko's five threshold patterns at t = 0.3, pattern 3 on both sides of t = 0.99, and its band pick on a
 *   tiny domain: the offer of every move of pattern 3 against a script, also when every package lies above its
 *   upper threshold (it offers its worst drawn package);
 * - AgreeableAgent2018's schedule and neighbourhood at t = 0.2 and its late acceptance at the reservation value;
 *   AgentK's clamps (an offer above 1, a variance rounded below 0);
 * - boulware, conceder, linear and hardliner: every offer against a script equal to the target formula at its time
 *   (nearest package for the GENIUS pair, cheapest at least the target for linear and hardliner);
 * - the BOA record's bid choice in a utility window by an opponent model, without models, and GENIUS's window
 *   when the model rates everything 0 (a random package of the window); getMaxUtilityBid's tie order
 *   (NiceTitForTat's opening bid); value counts' deviation; the distinct-offer list past its first 64 entries;
 *   the most frequent value of an issue (ties drawn at random) and GENIUS's reading of the discount factor;
 * - HardHeaded's opponent weights at their cap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>

#include "agent_probe.h"
#include "agents/anac_classic.h"
#include "agents/anac_hardheaded.h"
#include "agents/anac_winners.h"
#include "agents/boa.h"

/* within 1e-9, and never NaN (cmocka's assert_float_equal lets a NaN through) */
#define NEAR(x, y) near_at(__LINE__, #x, (x), (y))
static void near_at(int line, const char *what, double got, double want)
{
    if (!(fabs(got - want) <= 1e-9))
        fail_msg("line %d: %s = %.17g, expected %.17g", line, what, got, want);
}

/* x in 0..N, worth u0 + (u1 - u0) x / N to P0 (EXTRA: more of its keys), 1 - x / N to P1. */
static parley_scenario *ramp(int n, double u0, double u1, const char *extra)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": %d}],"
             " \"parties\": [{\"name\": \"P0\", %s \"preferences\": {"
             "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": %.17g, \"at_max\": %.17g}}}},"
             "  {\"name\": \"P1\", \"preferences\": {"
             "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}",
             n, extra, u0, u1);
    return probe_scenario(text);
}

/* P0's offers (x and time) in a run of agent `name` with `params` (P0) against the script offering x = `script_x`
   always. */
#define MAX_OFFERS 256
struct offers {
    size_t n;
    uint32_t x[MAX_OFFERS];
    double t[MAX_OFFERS];
    long accept_round; /* P0's acceptance, or -1 */
};

static void run_p0(const parley_scenario *sc, const char *name, const char *params, long rounds, uint32_t script_x,
                   struct offers *o)
{
    const uint32_t script[1] = {script_x};
    script_set(1, 1, script);
    parley_negotiation *neg = probe_negotiation(sc, rounds, 1, parley_agent_builtin(name), params, &script_agent, "");
    probe_run(neg);
    o->n = 0;
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
        if (ev.party == 0 && ev.kind == PARLEY_EVENT_OFFER && o->n < MAX_OFFERS) {
            o->x[o->n] = ev.outcome[0];
            o->t[o->n++] = ev.time;
        }
    }
    parley_event ev;
    o->accept_round = probe_find(neg, PARLEY_EVENT_ACCEPT, 0, &ev) >= 0 ? ev.round : -1;
    parley_negotiation_free(neg);
}

/* --- PonPoko --- */

/* Every pattern at t = 0.3 (|sin 12| = 0.5365729, |sin 6| = 0.2794155), by hand from PonPokoAgent.chooseAction. */
static void test_ponpoko_patterns_at_0_3(void **state)
{
    (void)state;
    static const struct {
        int pattern;
        double low, high;
    } want[] = {
        {0, 0.97 - 0.05365729, 0.97},                  /* high 1 - 0.1 t, low high - 0.1 |sin 40 t| */
        {1, 1 - 0.066, 1},                             /* low 1 - 0.22 t */
        {2, 0.97 - 0.15 * 0.2794155, 0.97},            /* low high - 0.15 |sin 20 t| */
        {3, 0.97, 0.985},                              /* low 1 - 0.1 t, high 1 - 0.05 t */
        {4, 1 - 0.21 * 0.3 * 0.2794155, 1 - 0.15 * 0.3 * 0.2794155}, /* t |sin 20 t| scaled */
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        double low, high;
        ponpoko_thresholds(want[i].pattern, 0.3, &low, &high);
        if (fabs(low - want[i].low) > 1e-7 || fabs(high - want[i].high) > 1e-7)
            fail_msg("pattern %d: low %.9f high %.9f, expected %.9f %.9f", want[i].pattern, low, high, want[i].low,
                     want[i].high);
    }
    /* pattern 3 drops low to 1 - 0.3 t only after 0.99 */
    double low, high;
    ponpoko_thresholds(3, 0.99, &low, &high);
    NEAR(low, 1 - 0.099);
    ponpoko_thresholds(3, 0.991, &low, &high);
    NEAR(low, 1 - 0.2973);
    assert_true(ponpoko_accepts(3, 0.991, 0.7028));
    assert_false(ponpoko_accepts(3, 0.99, 0.9));
    /* strictly above low: at t = 0 patterns 1 and 3 have low = 1 exactly, and refuse 1 */
    assert_false(ponpoko_accepts(1, 0, 1));
    assert_false(ponpoko_accepts(3, 0, 1));
    assert_true(ponpoko_accepts(1, 0.01, 1));
}

/*
 * Pattern 3 on x in 0..10 (x / 10 to P0: 30,000 draws give all 11 packages) against a script offering x = 9, 200
 * rounds (t = (r - 1) / 199).  At t = 0 high = low = 1: the band holds x = 10 alone.  Then high = 1 - 0.05 t is
 * below 1 and at least 0.95: the packages up to high end at x = 9, low = 1 - 0.1 t lies above 0.9 and drops by
 * 0.0001 steps to 0.9: x = 9 alone.  It accepts 0.9 once 0.9 > low, i.e. once t > 0.99 (low 1 - 0.3 t): round
 * 199 (t = 0.99497).
 */
static void test_ponpoko_pattern3_moves(void **state)
{
    (void)state;
    parley_scenario *sc = ramp(10, 0, 1, "");
    struct offers o;
    run_p0(sc, "ponpoko", "pattern=3", 200, 9, &o);
    assert_int_equal(o.n, 198);
    assert_int_equal(o.x[0], 10);
    for (size_t i = 1; i < o.n; i++)
        if (o.x[i] != 9)
            fail_msg("offer %zu (t = %g): x = %u, expected 9", i, o.t[i], o.x[i]);
    assert_int_equal(o.accept_round, 199);
    parley_scenario_free(sc);
}

/*
 * Pattern 3 on x in 0..2 worth 0.97, 0.985, 1 to P0, reservation 0.99 (the script's x = 0 is never acceptable).
 * t = 0: x = 2.  While high = 1 - 0.05 t >= 0.985 (t <= 0.3) the band ends at x = 1 (low above it drops to it):
 * x = 1.  While high is in [0.97, 0.985): x = 0.  Beyond t = 0.6 every package is above high: the original's
 * list then starts at its worst package, x = 0 again (below its own reservation value, as the original).
 */
static void test_ponpoko_band_above_every_package(void **state)
{
    (void)state;
    parley_scenario *sc = ramp(2, 0.97, 1, "\"reservation\": 0.99,");
    struct offers o;
    run_p0(sc, "ponpoko", "pattern=3", 200, 0, &o);
    assert_int_equal(o.n, 200);
    assert_int_equal(o.accept_round, -1);
    for (size_t i = 0; i < o.n; i++) {
        uint32_t want = o.t[i] == 0 ? 2 : o.t[i] <= 0.3 ? 1 : 0;
        if (o.x[i] != want)
            fail_msg("offer %zu (t = %g): x = %u, expected %u", i, o.t[i], o.x[i], want);
    }
    parley_scenario_free(sc);
}

/* --- AgreeableAgent2018, AgentK --- */

static void test_agreeable_at_its_boundaries(void **state)
{
    (void)state;
    /* t = 0.2 starts the concession: t' = 0, pmin + (pmax - pmin) = pmax (0.9, not its "best" 1) */
    NEAR(agreeable_target(0.2, 0.3, 0.9), 0.9);
    NEAR(agreeable_target(0.1999, 0.3, 0.9), 1);
    /* t = 0.6, t' = 0.5: 0.3 + 0.6 (1 - 2^-10) */
    NEAR(agreeable_target(0.6, 0.3, 0.9), 0.3 + 0.6 * (1 - 1.0 / 1024));
    /* the neighbourhood reads the raw t: at 0.2, 0.05 (1 - (0.3 + 0.6 (1 - 0.2^10))) */
    NEAR(agreeable_neighbourhood(0.2, 0.3, 0.9), 0.05 * (1 - (0.3 + 0.6 * (1 - pow(0.2, 10)))));
    NEAR(agreeable_neighbourhood(0.1999, 0.3, 0.9), 0);
    /* late, an offer at its reservation value exactly is taken */
    assert_true(agreeable_accepts(0.995, 0.5, 0.9, 0.5));
    assert_false(agreeable_accepts(0.9899, 0.5, 0.9, 0.5));
    assert_true(agreeable_accepts(0.1, 0.9, 0.9, 1)); /* its next bid's worth, whatever the reservation */
}

static void test_agent_k_clamps(void **state)
{
    (void)state;
    struct agentk_eval a, b;
    /* an offer worth more than 1 counts as 1 */
    agentk_evaluate(1.5, 0.5, 0.01, 0.9, 0.5, &a);
    agentk_evaluate(1, 0.5, 0.01, 0.9, 0.5, &b);
    NEAR(a.p, b.p);
    /* t^6 / 5 + (1 - 0.6732051) + (1 - 0.6732051) at t = 0.9 (target = emax there, test_anac_classic) */
    NEAR(a.p, pow(0.9, 6) / 5 + 2 * (1 - (0.5 + 0.5 * sqrt(0.12))));
    /* a variance rounded below 0: no deviation, the estimated maximum is the mean */
    agentk_evaluate(0.7, 0.6, -1e-18, 0.5, 0.5, &a);
    NEAR(a.estimate_max, 0.6);
    /* mean 0.6, dev 0: alpha 6.6, pre = 1 - 0.5^6.6 * 0.4; ratio 0.1 / (0.5^6.6 * 0.4): capped at 2 */
    double pre = 1 - pow(0.5, 6.6) * 0.4, stretched = 2 * pre - 1;
    double r = stretched - 0.6, m = 400 - 300 * 0.125, f = 1 / (r * r) > m ? m : 1 / (r * r);
    NEAR(a.target, stretched - r * f / m);
}

/*
 * HardHeaded's opponent weights capped: an issue left unchanged gains only while its weight is below
 * 1 - n golden / total (golden = 0.2 / n).  Two issues, issue 0 always kept and issue 1 always changed, 30 offers:
 * issue 0 climbs to the cap 1 - 0.2 / 1.1 = 0.818 and then loses a little at each offer it would exceed it.
 * Three issues, issues 0 and 1 kept, 12 offers (the sequential renormalisation favours issue 1 slightly).
 * Expected values from a Python replica of GENIUS's setWeight/updateLearner (report-agt1.md).
 */
static void test_hardheaded_weights_capped(void **state)
{
    (void)state;
    double w2[2] = {0.5, 0.5}, w3[3] = {1.0 / 3, 1.0 / 3, 1.0 / 3};
    for (uint32_t k = 0; k < 30; k++) {
        const uint32_t last[2] = {0, k % 2}, previous[2] = {0, (k + 1) % 2};
        hardheaded_learn_weights(w2, 2, last, previous);
    }
    assert_true(fabs(w2[0] - 0.8312757007290079) < 1e-9 && fabs(w2[1] - 0.16872429927099203) < 1e-9);
    for (uint32_t k = 0; k < 12; k++) {
        const uint32_t last[3] = {0, 0, k % 2}, previous[3] = {0, 0, (k + 1) % 2};
        hardheaded_learn_weights(w3, 3, last, previous);
    }
    NEAR(w3[0], 0.46124468991181333);
    NEAR(w3[1], 0.4646393527537837);
    NEAR(w3[2], 0.07411595733440296);
    double w1[1] = {0.3};
    const uint32_t same[1] = {0};
    hardheaded_learn_weights(w1, 1, same, same);
    NEAR(w1[0], 1); /* one issue: its weight is 1 */
}

/* --- the time-dependent agents --- */

/* Nearest package to the target on x / 10 (no ties at these times) and the cheapest at least worth it. */
static uint32_t nearest_x(double target)
{
    return (uint32_t)lround(target * 10);
}
static uint32_t cheapest_x(double target)
{
    return (uint32_t)ceil(target * 10 - 1e-9);
}

/*
 * x in 0..10 (x / 10 to P0), the script offering x = 0 (worth 0 to P0): every offer of P0 at time t is its
 * package for 1 - t^(1/e) (k = 0, pmin 0, pmax 1): boulware (e = 0.2) and conceder (e = 2) the nearest,
 * linear (e = 1) and hardliner (e = 0: 1 always) the cheapest at least worth it.  199 rounds: t = (r - 1) / 198
 * gives no target half-way between two packages or on one but at t = 0 and 1.
 */
static void test_time_dependent_offers(void **state)
{
    (void)state;
    static const struct {
        const char *name, *params;
        double e;
        int nearest;
    } agents[] = {{"boulware", "", 0.2, 1}, {"conceder", "", 2, 1}, {"linear", "", 1, 0}, {"hardliner", "", 0, 0},
                  {"boulware", "e=0.5", 0.5, 1}, {"linear", "k=0.25", -1, 0}};
    parley_scenario *sc = ramp(10, 0, 1, "");
    for (size_t a = 0; a < sizeof agents / sizeof *agents; a++) {
        struct offers o;
        run_p0(sc, agents[a].name, agents[a].params, 199, 0, &o);
        assert_true(o.n > 150);
        for (size_t i = 0; i < o.n; i++) {
            double t = o.t[i], target;
            if (agents[a].e < 0) /* linear, k = 0.25: F = 0.25 + 0.75 t */
                target = 1 - (0.25 + 0.75 * t);
            else
                target = agents[a].e == 0 ? 1 : 1 - pow(t, 1 / agents[a].e);
            uint32_t want = agents[a].nearest ? nearest_x(target) : cheapest_x(target);
            if (o.x[i] != want)
                fail_msg("%s:%s, offer %zu (t = %g, target %g): x = %u, expected %u", agents[a].name,
                         agents[a].params, i, t, target,
                         o.x[i], want);
        }
    }
    parley_scenario_free(sc);
}

/*
 * Below the reservation value: P0's reservation 0.62 on x / 10 (its floor: target 0.62 + 0.38 (1 - F(t))), the script
 * offering x = 6 (0.6).  boulware, as GENIUS's TimeDependentAgent, accepts an offer worth its next bid even below its
 * reservation value: its bid is the package nearest the target, x = 6 once the target is below 0.65, i.e.
 * 1 - t^5 < 0.03 / 0.38, t > 0.98370: round 196 of 199 (t = 195 / 198).  linear never takes it (below its
 * reservation value) and ends offering x = 7, the cheapest package worth its last target 0.62.  With reservation 0.6
 * linear takes x = 6, worth its reservation value exactly, when its target reaches 0.6: at t = 1, round 199.
 */
static void test_time_dependent_below_reservation(void **state)
{
    (void)state;
    parley_scenario *sc = ramp(10, 0, 1, "\"reservation\": 0.62,");
    struct offers o;
    run_p0(sc, "boulware", "", 199, 6, &o);
    assert_int_equal(o.accept_round, 196);
    for (size_t i = 0; i < o.n; i++)
        assert_true(o.x[i] >= 7);
    run_p0(sc, "linear", "", 199, 6, &o);
    assert_int_equal(o.accept_round, -1);
    assert_int_equal(o.n, 199);
    assert_int_equal(o.x[o.n - 1], 7);
    parley_scenario_free(sc);
    sc = ramp(10, 0, 1, "\"reservation\": 0.6,");
    run_p0(sc, "linear", "", 199, 6, &o);
    assert_int_equal(o.accept_round, 199);
    parley_scenario_free(sc);
}

/* hardliner takes no parameter; the others take e and k only; PonPoko's pattern and generator count */
static void test_time_dependent_parameters(void **state)
{
    (void)state;
    static const struct {
        const char *spec, *message;
    } bad[] = {
        {"hardliner:e=1", "hardliner"},
        {"linear:e=-0.001", "agent linear: e=-0.001 is outside [0,1000]"},
        {"conceder:e=1000.5", "agent conceder: e=1000.5 is outside [0,1000]"},
        {"boulware:k=-0.5", "agent boulware: k=-0.5 is outside [0,1]"},
        {"ponpoko:pattern=-2", "agent ponpoko: pattern=-2 (expected 0..4, or -1 for random)"},
        {"ponpoko:pattern=-0.5", "agent ponpoko: pattern=-0.5 (expected"},
        {"ponpoko:opponent_generators=1000001", "agent ponpoko: opponent_generators=1e+06 (expected a count)"},
        {"ponpoko:opponent_generators=2.5", "agent ponpoko: opponent_generators=2.5 (expected a count)"},
        {"ponpoko:pattern=1:colour=red", "ponpoko"},
    };
    static const char *const good[] = {"linear:e=0", "conceder:e=1000", "boulware:k=0", "boulware:k=1",
                                       "ponpoko:pattern=-1", "ponpoko:pattern=4", "ponpoko:pattern=0",
                                       "ponpoko:opponent_generators=1000000", "ponpoko:opponent_generators=0"};
    parley_scenario *sc = ramp(2, 0, 1, "");
    for (size_t i = 0; i < sizeof bad / sizeof *bad + sizeof good / sizeof *good; i++) {
        int is_bad = i < sizeof bad / sizeof *bad;
        const char *spec = is_bad ? bad[i].spec : good[i - sizeof bad / sizeof *bad];
        parley_session_config cfg;
        parley_session_config_init(&cfg);
        parley_negotiation *neg = NULL;
        parley_error err;
        assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
        parley_error_clear(&err);
        int rc = parley_negotiation_add_agent_spec(neg, spec, &err);
        parley_negotiation_free(neg);
        if (is_bad && (rc != PARLEY_EINVAL || !strstr(err.message, bad[i].message)))
            fail_msg("%s: rc %d, message '%s'", spec, rc, err.message);
        if (!is_bad && rc != PARLEY_OK)
            fail_msg("%s refused: %s", spec, err.message);
    }
    parley_scenario_free(sc);
}

/* --- the BOA record and the shared pieces, called with a real view from the script's hook --- */

/* One categorical issue c0..c4 worth 0, 0.25, 0.5, 0.75, 1 to P0 and 0, 0.2, 0.4, 1, 1 to P1. */
static const char peaked[] =
    "{\"issues\": [{\"name\": \"c\", \"type\": \"categorical\", \"values\": [\"c0\", \"c1\", \"c2\", \"c3\", \"c4\"]}],"
    " \"parties\": [{\"name\": \"P0\", \"preferences\": {\"c\": {\"weight\": 1, \"values\":"
    "   {\"c0\": 0, \"c1\": 0.25, \"c2\": 0.5, \"c3\": 0.75, \"c4\": 1}}}},"
    "  {\"name\": \"P1\", \"preferences\": {\"c\": {\"weight\": 1, \"values\":"
    "   {\"c0\": 0, \"c1\": 0.2, \"c2\": 0.4, \"c3\": 1, \"c4\": 1}}}}]}";

static parley_opponent_model *hook_model; /* P1's utility, perfectly known */
#define PICKS 6
static double pick_u[PICKS];
static uint32_t pick_x[PICKS];
static int hook_calls;

/* parley_agent_pick_bid from target 0.5: the first package at least worth it (c2) and those up to target + window
   whose model score is strictly higher: window 0.2 stops at c3 (0.75 > 0.7): c2; window 0.3 reaches c3, which P1
   prefers (1 > 0.4); window 0.6 reaches c4 too, which P1 likes as much: the first of a tie stays, c3.  Without a
   model: the cheapest at least worth the
   target (0.6: c3; 0.75: c3).  From target 0.8, c4 alone. */
static void pick_hook(parley_agent_view *v, long move)
{
    if (move != 0 || parley_view_party(v) != 0)
        return;
    parley_opponent_model *const with[2] = {NULL, hook_model}, *const without[2] = {NULL, NULL};
    static const double target[PICKS] = {0.5, 0.5, 0.5, 0.6, 0.75, 0.8}, window[PICKS] = {0.2, 0.3, 0.6, 0.3, 0.3, 0.3};
    for (int k = 0; k < PICKS; k++) {
        uint32_t out[1] = {99};
        pick_u[k] = parley_agent_pick_bid(v, target[k], window[k], k == 3 || k == 4 ? without : with, 2, out);
        pick_x[k] = out[0];
    }
    hook_calls++;
}

static void test_pick_bid_in_a_window(void **state)
{
    (void)state;
    parley_scenario *sc = probe_scenario(peaked);
    hook_model = parley_opponent_model_perfect(parley_party_utility(sc, 1));
    assert_non_null(hook_model);
    hook_calls = 0;
    probe_script_pair(sc, 0, pick_hook);
    assert_int_equal(hook_calls, 1);
    static const uint32_t want_x[PICKS] = {2, 3, 3, 3, 3, 4};
    static const double want_u[PICKS] = {0.5, 0.75, 0.75, 0.75, 0.75, 1};
    for (int k = 0; k < PICKS; k++) {
        if (pick_x[k] != want_x[k] || fabs(pick_u[k] - want_u[k]) > 1e-12)
            fail_msg("pick %d: c%u (%g), expected c%u (%g)", k, pick_x[k], pick_u[k], want_x[k], want_u[k]);
    }
    parley_opponent_model_free(hook_model);
    parley_scenario_free(sc);
}

/*
 * getMaxUtilityBid among tied best packages: P0 cares only for a (a1 worth 1), b (three values) weighs nothing
 * for it, so (a1, b0), (a1, b1), (a1, b2) tie; GENIUS's BidIterator varies the first issue fastest, the last
 * slowest, and keeps the first of the ties it meets: (a1, b0).  NiceTitForTat opens with it.  P1 likewise cares
 * only for a (a0): its first best is (a0, b0).
 */
static const char tied_best[] =
    "{\"issues\": [{\"name\": \"a\", \"type\": \"categorical\", \"values\": [\"a0\", \"a1\"]},"
    "  {\"name\": \"b\", \"type\": \"categorical\", \"values\": [\"b0\", \"b1\", \"b2\"]}],"
    " \"parties\": [{\"name\": \"P0\", \"preferences\": {\"a\": {\"weight\": 1, \"values\": {\"a0\": 0, \"a1\": 1}}}},"
    "  {\"name\": \"P1\", \"preferences\": {\"a\": {\"weight\": 1, \"values\": {\"a0\": 1, \"a1\": 0}}}}]}";

static uint32_t max_bid[2];
static double max_u;

static void max_hook(parley_agent_view *v, long move)
{
    if (move != 0 || parley_view_party(v) != 1)
        return;
    max_u = anac_max_utility_bid(v, max_bid); /* the script is P1 here: its best ones tie as (a0, b*) */
    hook_calls++;
}

static void test_max_utility_bid_ties(void **state)
{
    (void)state;
    parley_scenario *sc = probe_scenario(tied_best);
    static const uint32_t script[2] = {0, 2};
    script_set(2, 1, script);
    script_hook = max_hook;
    hook_calls = 0;
    parley_negotiation *neg =
        probe_negotiation(sc, 3, 1, parley_agent_builtin("nice-tit-for-tat"), "", &script_agent, "");
    probe_run(neg);
    parley_event ev;
    assert_true(probe_find(neg, PARLEY_EVENT_OFFER, 0, &ev) >= 0);
    assert_int_equal(ev.outcome[0], 1);
    assert_int_equal(ev.outcome[1], 0);
    parley_negotiation_free(neg);
    assert_int_equal(hook_calls, 1);
    assert_int_equal(max_bid[0], 0);
    assert_int_equal(max_bid[1], 0);
    NEAR(max_u, 1);
    parley_scenario_free(sc);
}

/* Value counts: per issue, the population deviation of its values' counts; the most frequent value. */
static void test_value_counts(void **state)
{
    (void)state;
    parley_space *space = parley_space_new();
    const char *abc[] = {"a", "b", "c"}, *xy[] = {"x", "y"};
    assert_int_equal(parley_space_add_categorical(space, "one", abc, 3, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_categorical(space, "two", xy, 2, NULL), PARLEY_OK);
    struct value_counts c;
    assert_int_equal(value_counts_init(&c, space), PARLEY_OK);
    NEAR(value_counts_sd(&c, 0), 0);
    const uint32_t p[2] = {0, 1}, q[2] = {2, 1};
    value_counts_add(&c, p, 1);
    value_counts_add(&c, p, 1);
    value_counts_add(&c, q, 2);
    assert_int_equal(c.bids, 3);
    /* one: counts 2, 0, 2: mean 4/3, sd sqrt((4/9 + 16/9 + 4/9) / 3) = sqrt(8/9) */
    NEAR(value_counts_sd(&c, 0), sqrt(8.0 / 9));
    /* two: 0, 4: sd 2 */
    NEAR(value_counts_sd(&c, 1), 2);
    value_counts_free(&c);
    /* the distinct offers past the first 64: every one kept, repeats counted */
    struct anac_bids b = {.issues = 2};
    uint32_t o[2];
    for (uint32_t i = 0; i < 150; i++) {
        o[0] = i, o[1] = i * 7;
        assert_int_equal(anac_bids_add(&b, o, i / 200.0), (long)i);
    }
    o[0] = 100, o[1] = 700;
    assert_int_equal(anac_bids_add(&b, o, 0.5), 100);
    assert_int_equal(b.count, 150);
    for (uint32_t i = 0; i < 150; i++) {
        assert_int_equal(anac_bids_at(&b, i)[1], i * 7);
        NEAR(b.utility[i], i / 200.0);
        assert_int_equal(b.times[i], i == 100 ? 2 : 1);
    }
    anac_bids_free(&b);
    parley_space_free(space);
}

/*
 * The most frequent value of an issue, ties drawn at random (atlas3's trial bid), and the discount as GENIUS reads
 * it, from the script's view (P0: one issue of 4 values, discount 0.5 for P0, none for P1).  Counts 1, 3, 2, 0:
 * value 1.  Counts 2, 0, 2, 1: value 0 or 2, each drawn over 64 draws (a fixed seed).  All zero: any of the four.
 */
static uint32_t freq_unique, freq_seen_tied[4], freq_seen_zero[4];
static double freq_discount[2];

static void frequent_hook(parley_agent_view *v, long move)
{
    if (move != 0)
        return;
    freq_discount[parley_view_party(v)] = anac_discount(v);
    if (parley_view_party(v) != 0)
        return;
    struct anac_counts c;
    if (anac_counts_init(&c, parley_view_space(v)) != PARLEY_OK)
        return;
    freq_unique = 99;
    for (int k = 0; k < 64; k++) { /* all zero */
        freq_seen_zero[anac_counts_most_frequent(&c, 0, v) & 3]++;
        uint32_t r = (uint32_t)anac_random_index(v, 4);
        if (r > 3)
            freq_seen_zero[0] = 1000; /* out of range: fails below */
    }
    static const unsigned unique[4] = {1, 3, 2, 0}, tied[4] = {2, 0, 2, 1};
    memcpy(c.n, unique, sizeof unique);
    freq_unique = anac_counts_most_frequent(&c, 0, v);
    memcpy(c.n, tied, sizeof tied);
    for (int k = 0; k < 64; k++)
        freq_seen_tied[anac_counts_most_frequent(&c, 0, v) & 3]++;
    anac_counts_free(&c);
}

static void test_most_frequent_value(void **state)
{
    (void)state;
    parley_scenario *sc = probe_scenario(
        "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 3}],"
        " \"parties\": [{\"name\": \"P0\", \"discount\": 0.5, \"preferences\": {"
        "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
        "  {\"name\": \"P1\", \"preferences\": {"
        "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}");
    memset(freq_seen_tied, 0, sizeof freq_seen_tied);
    memset(freq_seen_zero, 0, sizeof freq_seen_zero);
    freq_discount[0] = freq_discount[1] = -1;
    probe_script_pair(sc, 0, frequent_hook);
    parley_scenario_free(sc);
    assert_int_equal(freq_unique, 1);
    assert_int_equal(freq_seen_tied[1] + freq_seen_tied[3], 0);
    assert_true(freq_seen_tied[0] > 0 && freq_seen_tied[2] > 0);
    for (int x = 0; x < 4; x++)
        if (freq_seen_zero[x] == 0 || freq_seen_zero[x] > 64)
            fail_msg("all zero: value %d drawn %u times in 64", x, freq_seen_zero[x]);
    NEAR(freq_discount[0], 0.5);
    NEAR(freq_discount[1], 1);
}

/*
 * GENIUS's window pick when the model rates every package of the window (nearly) 0: a package of the window at random
 * (OfferingStrategy's "all bids equal" case: every estimate at most 0.0001).  x in 0..199 worth x / 199 to P0; P1's
 * utility is 0.00009 x / 199, at most 0.00009, so its perfect model's is.  The window starts at the first package
 * above the target and grows by 0.01 steps of its top (up to the first package above the top) until it holds 100
 * packages or the top passes 1.01:
 *   target 0.2: x >= 40; 100 held once the top reaches 0.70 (x = 140 is the first above it): x = 40..140;
 *   target 0.6: x >= 120, never 100: up to the best, x = 120..199;
 *   target 0.99: x = 198, 199;  target 1.5: nothing above, the best package alone, x = 199.
 * 2000 picks each: within the window, both its ends drawn (a given package is missed by all with odds e^-20), and
 * spread over it (at least a third of its packages drawn).
 */
#define ZERO_TARGETS 4
#define ZERO_PICKS 2000
static uint32_t zero_min[ZERO_TARGETS], zero_max[ZERO_TARGETS], zero_distinct[ZERO_TARGETS];

static void zero_hook(parley_agent_view *v, long move)
{
    if (move != 0 || parley_view_party(v) != 0)
        return;
    parley_opponent_model *const models[2] = {NULL, hook_model};
    static const double target[ZERO_TARGETS] = {0.2, 0.6, 0.99, 1.5};
    for (int k = 0; k < ZERO_TARGETS; k++) {
        uint8_t seen[200] = {0};
        zero_min[k] = 999, zero_max[k] = 0, zero_distinct[k] = 0;
        for (int i = 0; i < ZERO_PICKS; i++) {
            uint32_t out[1] = {999};
            double u = parley_agent_pick_bid_genius(v, target[k], models, 2, out);
            if (out[0] > 199 || fabs(u - out[0] / 199.0) > 1e-12) {
                zero_max[k] = 1000; /* fails below */
                continue;
            }
            zero_min[k] = out[0] < zero_min[k] ? out[0] : zero_min[k];
            zero_max[k] = out[0] > zero_max[k] ? out[0] : zero_max[k];
            zero_distinct[k] += !seen[out[0]];
            seen[out[0]] = 1;
        }
    }
    hook_calls++;
}

static void test_pick_bid_genius_all_zero(void **state)
{
    (void)state;
    parley_scenario *sc = probe_scenario(
        "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 199}],"
        " \"parties\": [{\"name\": \"P0\", \"preferences\": {"
        "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
        "  {\"name\": \"P1\", \"preferences\": {"
        "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 0.00009}}}}]}");
    hook_model = parley_opponent_model_perfect(parley_party_utility(sc, 1));
    assert_non_null(hook_model);
    hook_calls = 0;
    probe_script_pair(sc, 0, zero_hook);
    parley_opponent_model_free(hook_model);
    parley_scenario_free(sc);
    assert_int_equal(hook_calls, 1);
    static const uint32_t lo[ZERO_TARGETS] = {40, 120, 198, 199}, hi[ZERO_TARGETS] = {140, 199, 199, 199};
    for (int k = 0; k < ZERO_TARGETS; k++) {
        uint32_t size = hi[k] - lo[k] + 1;
        if (zero_min[k] != lo[k] || zero_max[k] != hi[k] || zero_distinct[k] * 3 < size)
            fail_msg("window %u..%u: picks in %u..%u, %u distinct", lo[k], hi[k], zero_min[k], zero_max[k],
                     zero_distinct[k]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ponpoko_patterns_at_0_3),
        cmocka_unit_test(test_ponpoko_pattern3_moves),
        cmocka_unit_test(test_ponpoko_band_above_every_package),
        cmocka_unit_test(test_agreeable_at_its_boundaries),
        cmocka_unit_test(test_agent_k_clamps),
        cmocka_unit_test(test_hardheaded_weights_capped),
        cmocka_unit_test(test_time_dependent_offers),
        cmocka_unit_test(test_time_dependent_below_reservation),
        cmocka_unit_test(test_time_dependent_parameters),
        cmocka_unit_test(test_pick_bid_in_a_window),
        cmocka_unit_test(test_max_utility_bid_ties),
        cmocka_unit_test(test_value_counts),
        cmocka_unit_test(test_most_frequent_value),
        cmocka_unit_test(test_pick_bid_genius_all_zero),
    };
    (void)probe_opposed_linear;
    return cmocka_run_group_tests(tests, NULL, NULL);
}

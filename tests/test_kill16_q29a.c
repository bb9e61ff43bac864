/*
 * test_kill16_q29a.c: behaviours of the agents' helpers pinned by hand (round 16, helper q29a: survivors in
 * boa_accuracy.c, anac_agent_m.c and anac_caduceus_members.c):
 *   - Kendall's tau-b (boa_kendall_tau) counts two values 1e-12 apart, either way round, as a tie, and two values
 *     one double farther apart as ordered; the taus worked by hand;
 *   - Pearson's correlation (boa_pearson) of a model equal to the truth is exactly 1, never a double above it (the
 *     squares of the deviations, not (y + mean)(y - mean): an independent script with Python floats, the same IEEE
 *     operations in the same order, gives 1 + 2^-52 or more for the other forms on these inputs);
 *   - AgentM's annealing walk moves n / 10 issues a step: with 9 integer issues it moves none, so its first bid is
 *     the best of its random packages, below 0.9 here; with 10 it moves one, and its first bid climbs above 0.999;
 *   - RandomDance (random_dance_act) past own weight w = 1, where w / (1 - w) turns negative: its joint bid keeps,
 *     per issue, the value of the largest score even when every score is 0 or below (there, the own worst value,
 *     scored 0), so no bid there is worth more than the target and it falls back on its best package (worked by
 *     hand below).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "agent_probe.h"
#include "agents/anac_caduceus_members.h"
#include "agents/boa.h"

/* Tau of three packages the truth ranks 0, 1, 2 and the model `first`, `second`, 1. */
static double tau_with_gap(double first, double second)
{
    const double x[3] = {first, second, 1}, y[3] = {0, 1, 2};
    return boa_kendall_tau(x, y, 3);
}

static void test_kendall_tie_tolerance(void **state)
{
    (void)state;
    /* 1e-12 apart, either way: a tie on the model's side; pairs (0,2) and (1,2) concordant: 2 / sqrt(3 * 2) */
    assert_float_equal(tau_with_gap(0, 1e-12), 2 / sqrt(6), 1e-15);
    assert_float_equal(tau_with_gap(1e-12, 0), 2 / sqrt(6), 1e-15);
    /* one double farther: ordered; concordant (0 < next) or discordant (next > 0) */
    assert_float_equal(tau_with_gap(0, nextafter(1e-12, 1)), 1, 1e-15);                /* 3 concordant: 3/3 */
    assert_float_equal(tau_with_gap(nextafter(1e-12, 1), 0), 1.0 / 3, 1e-15);          /* 2 - 1 over 3 */
    /* one double nearer: still a tie */
    assert_float_equal(tau_with_gap(0, nextafter(1e-12, 0)), 2 / sqrt(6), 1e-15);
}

static void test_pearson_of_the_truth_is_one(void **state)
{
    (void)state;
    const double a[3] = {0.25, 0.5, 1.0}, b[3] = {0.1, 0.2, 0.3}, c[4] = {0.1, 0.3, 0.7, 0.9};
    assert_true(boa_pearson(a, a, 3) == 1);
    assert_true(boa_pearson(b, b, 3) == 1);
    assert_true(boa_pearson(c, c, 4) == 1);
}

/* AgentM's utility (P0 of probe_opposed_linear: every issue 0..9, rising) of its first bid, `issues` issues. */
static double agent_m_first_bid(int issues, uint64_t seed)
{
    parley_scenario *sc = probe_opposed_linear(issues, 9);
    assert_non_null(sc);
    uint32_t script[32] = {0};
    script_set((size_t)issues, 1, script); /* offers all 0: worth nothing to agent-m */
    parley_negotiation *neg = probe_negotiation(sc, 4, seed, parley_agent_builtin("agent-m"), "", &script_agent, "");
    probe_run(neg);
    parley_event ev;
    long at = probe_find(neg, PARLEY_EVENT_OFFER, 0, &ev);
    double u = NAN;
    if (at >= 0)
        assert_int_equal(parley_negotiation_event(neg, (size_t)at, &ev, &u), PARLEY_OK);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    return u;
}

static void test_agent_m_walk_moves_a_tenth_of_the_issues(void **state)
{
    (void)state;
    /* 9 issues: the best of 1,000 uniform packages (a sum of 9 values 0..9 over 81); one worth more than 0.9 (a sum
       of 73 or more) has probability 2.4e-5, so 1,000 draws find one 2.4% of the time: none at these seeds (67 and
       68 of 81).  10 issues: the walk climbs to the top, 1 but for rounding (the walk stops at 0.999). */
    for (uint64_t seed = 1; seed <= 4; seed++) {
        double nine = agent_m_first_bid(9, seed), ten = agent_m_first_bid(10, seed);
        if (!(nine < 0.9) || !(ten > 0.999))
            fail_msg("seed %lu: first bids worth %.17g (9 issues, expected < 0.9) and %.17g (10, expected > 0.999)",
                     (unsigned long)seed, nine, ten);
    }
}

/*
 * P0: a in {aB, aW} worth 1, 0 (weight 0.004), c in {cB, cW, cM} worth 1, 0, 0.997 (weight 0.996): its worst
 * package (aW, cW) is worth 0, its own scores mine(aB) = 0.004, mine(cB) = 0.996, mine(cM) = 0.993012, 0 for aW, cW.
 * The opponent offers (aW, cM): every model scores aW and cM 0.5, the rest 0.  Joint bid for own weight w' (per
 * issue the largest 0.5-or-0 + w' mine, the first on ties): a: aW until w' > 0.5 / 0.004 = 125; c: cM until
 * w' > 0.5 / 0.002988 = 167.  So for w = 0 .. 0.99 (w' up to 99) the bid is (aW, cM), worth 0.993012 = max; at
 * t = 0.9 the target is 1 - 0.006988 x 0.729 = 0.99491, not reached.  Past w = 1 (w' from -1.4e15 to -1.11) aW
 * (0.5) and cW (0, its other values far below) lead: (aW, cW), worth 0: never above the target, so the bid is the
 * best package (aB, cB).  (Taking cB, index 0, where no score is above 0 would give (aW, cB), worth 0.996: above.)
 */
static const char rd_space[] =
    "{\"issues\": [{\"name\": \"a\", \"type\": \"categorical\", \"values\": [\"aB\", \"aW\"]},"
    "  {\"name\": \"c\", \"type\": \"categorical\", \"values\": [\"cB\", \"cW\", \"cM\"]}],"
    " \"parties\": [{\"name\": \"P0\", \"preferences\": {"
    "   \"a\": {\"weight\": 0.004, \"values\": {\"aB\": 1, \"aW\": 0}},"
    "   \"c\": {\"weight\": 0.996, \"values\": {\"cB\": 1, \"cW\": 0, \"cM\": 0.997}}}},"
    "  {\"name\": \"P1\", \"preferences\": {"
    "   \"a\": {\"weight\": 0.5, \"values\": {\"aB\": 0, \"aW\": 1}},"
    "   \"c\": {\"weight\": 0.5, \"values\": {\"cB\": 0, \"cW\": 0.5, \"cM\": 1}}}}]}";

static uint32_t rd_bid[2];
static int rd_runs, rd_rc;

static void rd_hook(parley_agent_view *v, long move)
{
    if (move != 0 || parley_view_party(v) != 0)
        return;
    static const uint32_t offered[2] = {1, 2}; /* (aW, cM) */
    struct caduceus_members *m = NULL;
    rd_rc = caduceus_members_new(v, &m);
    if (rd_rc == PARLEY_OK)
        rd_rc = caduceus_members_observe(m, v, offered);
    if (rd_rc == PARLEY_OK)
        random_dance_act(m, v, 0.9, NULL, rd_bid);
    caduceus_members_free(m);
    rd_runs++;
}

static void test_random_dance_negative_own_weight(void **state)
{
    (void)state;
    parley_scenario *sc = probe_scenario(rd_space);
    static const uint32_t first[2] = {1, 1};
    script_set(2, 1, first);
    script_hook = rd_hook;
    rd_runs = 0;
    memset(rd_bid, 0xff, sizeof rd_bid);
    probe_script_vs_hardliner(sc);
    parley_scenario_free(sc);
    assert_int_equal(rd_runs, 1);
    assert_int_equal(rd_rc, PARLEY_OK);
    if (rd_bid[0] != 0 || rd_bid[1] != 0)
        fail_msg("RandomDance bid (%u, %u), expected its best package (0, 0)", rd_bid[0], rd_bid[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kendall_tie_tolerance),
        cmocka_unit_test(test_pearson_of_the_truth_is_one),
        cmocka_unit_test(test_agent_m_walk_moves_a_tenth_of_the_issues),
        cmocka_unit_test(test_random_dance_negative_own_weight),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

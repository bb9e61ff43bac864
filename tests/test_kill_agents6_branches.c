/*
 * test_kill_agents6_branches.c: branches of the ANAC ports that no test executed (issue 27; a coverage tree of
 * the agent tests and the GENIUS trace comparison, tests/mutants/report-agents6.md), each with its outcome worked
 * out by hand:
 *
 * - a party whose red lines refuse every package: each port leaves at its first move (agent-gg, which ranks its
 *   packages, refuses to start, saying why); a party whose best package is worth less than its reservation
 *   value: the ports that check it leave at once;
 * - bad parameters of agent-gg, ponpoko, nice-tit-for-tat and cuhk, refused with a message naming the agent;
 * - CUHKAgent's last chance: in its last rounds, with the opponent's best offer worth less than 0.85, it bids a
 *   package of [max - 0.15, max - 0.02], then takes the opponent's best offer;
 * - HardHeaded on a space too large to enumerate (2^20 packages: it reads the view's sorted packages) opens with
 *   its best package;
 * - Caduceus's members ending the talks when walking away is worth more (kawaii; Atlas3 with a discount) and the
 *   inner Caduceus bidding its best when no package reaches its floor;
 * - NiceTitForTat bidding its best package when its target is above every package.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "agent_probe.h"
#include "agents/anac_caduceus_members.h"

/* x in 0..N worth x / N to P0 (a red line and a reservation may be added), 1 - x / N to P1. */
static parley_scenario *line_scenario(int n, const char *p0_extra)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": %d}],"
             " \"parties\": [{\"name\": \"P0\", %s \"preferences\": {"
             "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
             "  {\"name\": \"P1\", \"preferences\": {"
             "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}",
             n, p0_extra);
    return probe_scenario(text);
}

/* The first event of party 0 in a negotiation of `spec` (P0) against the script offering x = 1. */
static parley_event_kind first_move(const parley_scenario *sc, const char *spec, long *round)
{
    static const uint32_t one[1] = {1};
    script_set(1, 1, one);
    parley_negotiation *neg = NULL;
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.rounds = 20;
    parley_error err;
    if (parley_negotiation_new(sc, &cfg, &neg, &err) != PARLEY_OK ||
        parley_negotiation_add_agent_spec(neg, spec, &err) != PARLEY_OK ||
        parley_negotiation_add_agent(neg, &script_agent, "", &err) != PARLEY_OK) {
        parley_negotiation_free(neg);
        fail_msg("%s: %s", spec, err.message);
    }
    probe_run(neg);
    parley_event_kind kind = PARLEY_EVENT_SESSION_START;
    *round = -1;
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
        if (ev.party == 0) {
            kind = ev.kind;
            *round = ev.round;
            break;
        }
    }
    parley_negotiation_free(neg);
    return kind;
}

static const char *const ports[] = {"agent-k", "nice-tit-for-tat", "cuhk", "hardheaded", "the-fawkes", "agent-m",
                                    "atlas3", "caduceus", "ponpoko", "agreeable-2018", "nash", "boa"};

/* P0's red line x > 3 on x in 0..2: nothing it may accept. */
static void test_nothing_acceptable(void **state)
{
    (void)state;
    parley_scenario *sc =
        line_scenario(2, "\"red_lines\": [{\"name\": \"never\", \"rule\": \"x > 3\"}],");
    for (size_t i = 0; i < sizeof ports / sizeof *ports; i++) {
        long round;
        parley_event_kind kind = first_move(sc, ports[i], &round);
        if (kind != PARLEY_EVENT_WALK_AWAY || round != 1)
            fail_msg("%s: first move %s in round %ld, expected to walk away in round 1", ports[i],
                     parley_event_kind_name(kind), round);
    }
    parley_negotiation *neg = NULL;
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    parley_error err;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "agent-gg", &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "agent-gg: no acceptable package to rank"));
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

/* P0's packages are worth x / 4 on x in 0..2 (its best 0.5) and walking away 0.8. */
static void test_reservation_above_best(void **state)
{
    (void)state;
    parley_scenario *sc = probe_scenario(
        "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 2}],"
        " \"parties\": [{\"name\": \"P0\", \"reservation\": 0.8, \"preferences\": {"
        "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 0.5}}}},"
        "  {\"name\": \"P1\", \"preferences\": {"
        "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}");
    /* the ports that end the talks when even their best package is worth less than walking away */
    static const char *const leaving[] = {"agent-m",    "caduceus", "ponpoko", "agreeable-2018",
                                          "the-fawkes", "nash",     "boa"};
    for (size_t i = 0; i < sizeof leaving / sizeof *leaving; i++) {
        long round;
        parley_event_kind kind = first_move(sc, leaving[i], &round);
        if (kind != PARLEY_EVENT_WALK_AWAY || round != 1)
            fail_msg("%s: first move %s in round %ld, expected to walk away in round 1", leaving[i],
                     parley_event_kind_name(kind), round);
    }
    parley_scenario_free(sc);
}

/* Each bad parameter is refused when the agent is created, the message naming the agent and the parameter. */
static void test_bad_parameters(void **state)
{
    (void)state;
    static const struct {
        const char *spec, *message;
    } bad[] = {
        {"agent-gg:ranking=1", "agent-gg: ranking=1: expected 'all' or a number of bids >= 2"},
        {"agent-gg:ranking=-3", "agent-gg: ranking=-3: expected"},
        {"agent-gg:ranking=ten", "agent-gg: ranking=ten: expected"},
        {"ponpoko:pattern=5", "agent ponpoko: pattern=5 (expected 0..4, or -1 for random)"},
        {"ponpoko:pattern=1.5", "agent ponpoko: pattern=1.5"},
        {"ponpoko:opponent_generators=-1", "agent ponpoko: opponent_generators=-1 (expected a count)"},
        {"nice-tit-for-tat:opponent_generators=0.5", "agent nice-tit-for-tat: opponent_generators=0.5"},
        {"cuhk:opponent_generators=-2", "agent cuhk: opponent_generators=-2"},
        {"boulware:e=2000", "agent boulware: e=2000 is outside [0,1000]"},
        {"conceder:k=1.5", "agent conceder: k=1.5 is outside [0,1]"},
        {"nash:e=-1", "agent nash: e=-1 is outside [0,1000]"},
    };
    parley_scenario *sc = line_scenario(2, "");
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        parley_negotiation *neg = NULL;
        parley_session_config cfg;
        parley_session_config_init(&cfg);
        parley_error err;
        assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
        parley_error_clear(&err);
        int rc = parley_negotiation_add_agent_spec(neg, bad[i].spec, &err);
        parley_negotiation_free(neg);
        if (rc != PARLEY_EINVAL || !strstr(err.message, bad[i].message))
            fail_msg("%s: rc %d, message '%s'", bad[i].spec, rc, err.message);
    }
    parley_scenario_free(sc);
}

/*
 * CUHK (P0) on x in 0..10 (worth x / 10 to it, 11 packages, no discount: its threshold stays at its best, 1)
 * against a script offering x = 5 (0.5) for 2000 rounds (t = (r - 1) / 1999, rounds left 2000 - r).  Rounds 1 to
 * 1997: nothing reaches its threshold, its bins above it hold its best package alone: it offers x = 10.  Its last
 * chance starts when t > 0.9985 and fewer than 5 rounds are left: round 1998 (t = 0.99900), 2 left: the
 * opponent's best offer (0.5) is below 0.85, so it bids from [1 - 0.15, 1 - 0.02]: x = 9 alone.  Round 1999, one
 * left: it bids the opponent's best offer, x = 5, and the standing x = 5 is worth that bid: it accepts.
 */
static void test_cuhk_last_chance(void **state)
{
    (void)state;
    parley_scenario *sc = line_scenario(10, "");
    static const uint32_t five[1] = {5};
    script_set(1, 1, five);
    parley_negotiation *neg = probe_negotiation(sc, 2000, 1, parley_agent_builtin("cuhk"), "", &script_agent, "");
    probe_run(neg);
    long accepted = -1;
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
        if (ev.party != 0)
            continue;
        if (ev.kind == PARLEY_EVENT_OFFER) {
            uint32_t want = ev.round <= 1997 ? 10 : 9;
            if (ev.round > 1998 || ev.outcome[0] != want)
                fail_msg("round %ld: cuhk offered x = %u", ev.round, ev.outcome[0]);
        } else if (ev.kind == PARLEY_EVENT_ACCEPT) {
            accepted = ev.round;
        }
    }
    assert_int_equal(accepted, 1999);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

/* Twenty issues in {0, 1}: 2^20 = 1,048,576 packages, above HardHeaded's 2^19 enumeration; P0 weighs each 1/20
   and prefers 1.  Its opening bid is its best package, every issue at 1. */
static void test_hardheaded_on_a_large_space(void **state)
{
    (void)state;
    parley_scenario *sc = probe_opposed_linear(20, 1);
    static const uint32_t zeros[20] = {0};
    script_set(20, 1, zeros);
    parley_negotiation *neg =
        probe_negotiation(sc, 3, 1, parley_agent_builtin("hardheaded"), "", &script_agent, "");
    probe_run(neg);
    parley_event ev = {0};
    assert_true(probe_find(neg, PARLEY_EVENT_OFFER, 0, &ev) >= 0);
    for (size_t i = 0; i < 20; i++)
        assert_int_equal(ev.outcome[i], 1);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

/* x in 0..2 worth x / 4 to P0 (its best 0.5), walking away RESERVATION; DISCOUNT its discount factor. */
static parley_scenario *quarter_scenario(double reservation, double discount)
{
    char extra[128];
    snprintf(extra, sizeof extra, "\"reservation\": %g, \"discount\": %g,", reservation, discount);
    char text[1024];
    snprintf(text, sizeof text,
             "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 2}],"
             " \"parties\": [{\"name\": \"P0\", %s \"preferences\": {"
             "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 0.5}}}},"
             "  {\"name\": \"P1\", \"preferences\": {"
             "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}",
             extra);
    return probe_scenario(text);
}

static int ends[3], calls;
static uint32_t inner_bid;
static int inner_takes_one;

/*
 * Reservation 0.9, no discount: kawaii's threshold at t = 0.9 is max(0.8, 1 - 0.2 0.81) = 0.838 < 0.9: it ends the
 * talks (0); the inner Caduceus's floor is 0.9, above every package, so after its random draws it bids its best,
 * x = 2 (0.5), and offers (1), also against x = 1 (0.25, not 0.2 more than its bid).
 */
static void members_without_discount(parley_agent_view *v, long move)
{
    struct caduceus_members *m = NULL;
    if (move != 0 || caduceus_members_new(v, &m) != PARLEY_OK)
        return;
    uint32_t out[1] = {9};
    ends[0] = kawaii_act(m, v, 0.9, NULL, out);
    ends[1] = inner_caduceus_act(m, v, 0.5, NULL, out);
    inner_bid = out[0];
    static const uint32_t one[1] = {1};
    inner_takes_one = inner_caduceus_act(m, v, 0.5, one, out) == 0;
    calls++;
    caduceus_members_free(m);
}

/*
 * Reservation 0.9, discount 0.5, Atlas3's member first asked at t = 0.45 (not its final phase: 0.45 <= 1 - 0.45):
 * its game gives q = 1 (a11 = a21 = 0.45: nothing offered reaches 0.9) and target 0.45 / 0.5^0.45 = 0.615, above
 * 1 - 0.45 / 0.5; its reservation then is worth 0.9 0.5^0.45 = 0.659 >= 0.615: it ends the talks (0).
 */
static void members_with_discount(parley_agent_view *v, long move)
{
    struct caduceus_members *m = NULL;
    if (move != 0 || caduceus_members_new(v, &m) != PARLEY_OK)
        return;
    uint32_t out[1] = {9};
    int normal = -1;
    ends[2] = atlas3_member_act(m, v, 0.45, NULL, out, &normal);
    calls++;
    caduceus_members_free(m);
}

static void run_hook(parley_scenario *sc, void (*hook)(parley_agent_view *, long))
{
    static const uint32_t one[1] = {1};
    script_set(1, 1, one);
    script_hook = hook;
    probe_script_vs_hardliner(sc);
    script_hook = NULL;
}

static void test_caduceus_members_end_the_talks(void **state)
{
    (void)state;
    calls = 0;
    parley_scenario *sc = quarter_scenario(0.9, 1);
    run_hook(sc, members_without_discount);
    parley_scenario_free(sc);
    sc = quarter_scenario(0.9, 0.5);
    run_hook(sc, members_with_discount);
    parley_scenario_free(sc);
    assert_int_equal(calls, 2);
    assert_int_equal(ends[0], 0);
    assert_int_equal(ends[1], 1);
    assert_int_equal(inner_bid, 2);
    assert_false(inner_takes_one);
    assert_int_equal(ends[2], 0);
}

/* NiceTitForTat's targets (above its Nash estimate, at least 0.5) stay above 0.51, so its window [0.98 T, 1] never
   holds a package of its (0, 0.25, 0.5): it bids its best, x = 2, every time (the script's x = 1 is worth less). */
static void test_nice_tit_for_tat_above_its_packages(void **state)
{
    (void)state;
    parley_scenario *sc = quarter_scenario(0, 1);
    static const uint32_t one[1] = {1};
    script_set(1, 1, one);
    parley_negotiation *neg =
        probe_negotiation(sc, 100, 1, parley_agent_builtin("nice-tit-for-tat"), "", &script_agent, "");
    probe_run(neg);
    parley_event made[128];
    size_t offers = probe_offers(neg, 0, made, 128);
    assert_true(offers >= 90 && offers <= 128);
    for (size_t k = 0; k < offers; k++)
        assert_int_equal(made[k].outcome[0], 2);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nothing_acceptable),
        cmocka_unit_test(test_reservation_above_best),
        cmocka_unit_test(test_bad_parameters),
        cmocka_unit_test(test_cuhk_last_chance),
        cmocka_unit_test(test_hardheaded_on_a_large_space),
        cmocka_unit_test(test_caduceus_members_end_the_talks),
        cmocka_unit_test(test_nice_tit_for_tat_above_its_packages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

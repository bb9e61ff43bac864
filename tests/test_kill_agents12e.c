/*
 * test_kill_agents12e.c: MiCRO (src/agents/micro.c) move by move against a scripted opponent (issue 27).
 * One issue 0..4: P0 (MiCRO) values x/4, P1 (the script, tests/agent_probe.h) 1 - x/4; MiCRO moves first.
 * By its rule (docs/agents.md, micro.c): it offers its next package down (4, 3, 2, ...) only while it has proposed
 * no more packages than the opponent has made different offers, else one of its earlier offers at random; it
 * accepts an offer worth at least the lowest package it has offered or would offer now.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

#include "agent_probe.h"

/* MiCRO's moves: its offers (x) in order into offers[], and whether and on what it accepted. */
static size_t micro_moves_as(long party, parley_scenario *sc, const uint32_t *script, size_t n, long rounds,
                             uint32_t *offers, size_t most, long *accepted_x)
{
    script_set(1, n, script);
    const parley_agent_vtable *micro = parley_agent_builtin("micro");
    parley_negotiation *neg = party == 0 ? probe_negotiation(sc, rounds, 5, micro, "", &script_agent, "")
                                         : probe_negotiation(sc, rounds, 5, &script_agent, "", micro, "");
    probe_run(neg);
    size_t k = 0;
    *accepted_x = -1;
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        if (parley_negotiation_event(neg, i, &ev, NULL) != PARLEY_OK || ev.party != party)
            continue;
        if (ev.kind == PARLEY_EVENT_OFFER && ev.outcome && k < most)
            offers[k++] = ev.outcome[0];
        if (ev.kind == PARLEY_EVENT_ACCEPT && ev.outcome)
            *accepted_x = ev.outcome[0];
    }
    assert_int_equal(probe_find(neg, PARLEY_EVENT_ACCEPT, 1 - party, NULL), -1); /* the script never accepts */
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    return k;
}

static size_t micro_moves(const uint32_t *script, size_t n, long rounds, uint32_t *offers, size_t most,
                          long *accepted_x)
{
    return micro_moves_as(0, probe_opposed_linear(1, 4), script, n, rounds, offers, most, accepted_x);
}

/*
 * Script 0, 0, 1, 2 (worth 0, 0, 1/4, 1/2 to MiCRO):
 *   move 1: nothing received, 0 proposed: offers 4 (1 proposed);
 *   move 2: 1 distinct received: concedes to 3 (floor 3/4; 0 is below it);
 *   move 3: still 1 distinct (0 again) < 2 proposed: one of 4, 3 at random (floor stays 3/4);
 *   move 4: 2 distinct: concedes to 2 (floor 1/2; 1/4 below);
 *   move 5: 3 distinct: its floor would be 1 (1/4): the offer 2, worth 1/2, is accepted.
 */
static void micro_concedes_only_on_new_offers(void **state)
{
    (void)state;
    const uint32_t script[] = {0, 0, 1, 2};
    uint32_t offers[16];
    long accepted;
    size_t k = micro_moves(script, 4, 40, offers, 16, &accepted);
    assert_int_equal(k, 4);
    assert_int_equal(offers[0], 4);
    assert_int_equal(offers[1], 3);
    assert_true(offers[2] == 3 || offers[2] == 4);
    assert_int_equal(offers[3], 2);
    assert_int_equal(accepted, 2);
}

/*
 * Script 0, 0, 2: move 4 has 2 distinct offers and 2 proposed: it concedes, floor 2 (1/2), and the standing offer 2
 * is worth exactly that: accepted (at the floor, not only above).
 */
static void micro_accepts_at_its_floor(void **state)
{
    (void)state;
    const uint32_t script[] = {0, 0, 2};
    uint32_t offers[16];
    long accepted;
    size_t k = micro_moves(script, 3, 40, offers, 16, &accepted);
    assert_int_equal(k, 3);
    assert_int_equal(offers[0], 4);
    assert_int_equal(offers[1], 3);
    assert_true(offers[2] == 3 || offers[2] == 4);
    assert_int_equal(accepted, 2);
}

/*
 * A script that only repeats 0: MiCRO offers 4, then 3 (one distinct offer received), then only 4 or 3 for ever
 * (twelve rounds: twelve offers), and never accepts.
 */
static void micro_stalls_against_a_repeater(void **state)
{
    (void)state;
    const uint32_t script[] = {0};
    uint32_t offers[32];
    long accepted;
    size_t k = micro_moves(script, 1, 12, offers, 32, &accepted);
    assert_int_equal(k, 12);
    assert_int_equal(offers[0], 4);
    assert_int_equal(offers[1], 3);
    int saw[5] = {0};
    for (size_t i = 2; i < k; i++) {
        assert_true(offers[i] == 3 || offers[i] == 4);
        saw[offers[i]]++;
    }
    assert_true(saw[3] > 0 && saw[4] > 0); /* both earlier offers come back (ten draws) */
    assert_int_equal(accepted, -1);
}

/*
 * A script of new offers only, 0, 1, 2: MiCRO concedes every move, 4, 3, 2 (floors 1, 3/4, 1/2, each above the
 * standing offer); at move 4 its floor is 1 (1/4) and the standing 2 (1/2) is accepted.
 */
static void micro_concedes_every_move_against_new_offers(void **state)
{
    (void)state;
    const uint32_t script[] = {0, 1, 2};
    uint32_t offers[16];
    long accepted;
    size_t k = micro_moves(script, 3, 40, offers, 16, &accepted);
    assert_int_equal(k, 3);
    assert_int_equal(offers[0], 4);
    assert_int_equal(offers[1], 3);
    assert_int_equal(offers[2], 2);
    assert_int_equal(accepted, 2);
}

/*
 * Script 2, 2, ... (worth 1/2 to MiCRO): move 2 concedes to 3 (one distinct offer); from move 3 on it has proposed
 * more packages than it received distinct offers: it repeats 4 or 3 and its floor stays its lowest offer so far, 3
 * (3/4): the offer worth 1/2 is never accepted (six rounds).
 */
static void micro_floor_is_its_lowest_offer_while_waiting(void **state)
{
    (void)state;
    const uint32_t script[] = {2};
    uint32_t offers[16];
    long accepted;
    size_t k = micro_moves(script, 1, 6, offers, 16, &accepted);
    assert_int_equal(k, 6);
    assert_int_equal(offers[0], 4);
    assert_int_equal(offers[1], 3);
    for (size_t i = 2; i < k; i++)
        assert_true(offers[i] == 3 || offers[i] == 4);
    assert_int_equal(accepted, -1);
}

/*
 * P0's reservation 0.6: only 3 and 4 are worth more; against new offers 0, 1, 2, 3 MiCRO offers 4, 3, then (both
 * usable packages proposed) only 4 or 3, its floor 3 (3/4): it accepts 3 when the script offers it (move 5), not 2.
 */
static void micro_stays_above_its_reservation(void **state)
{
    (void)state;
    static const char json[] =
        "{\"issues\": [{\"name\": \"i0\", \"type\": \"integer\", \"min\": 0, \"max\": 4}],"
        " \"parties\": [{\"name\": \"P0\", \"reservation\": 0.6, \"preferences\": {"
        "   \"i0\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
        "  {\"name\": \"P1\", \"preferences\": {"
        "   \"i0\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}";
    const uint32_t script[] = {0, 1, 2, 3};
    uint32_t offers[16];
    long accepted;
    size_t k = micro_moves_as(0, probe_scenario(json), script, 4, 40, offers, 16, &accepted);
    assert_int_equal(k, 4);
    assert_int_equal(offers[0], 4);
    assert_int_equal(offers[1], 3);
    for (size_t i = 2; i < k; i++)
        assert_true(offers[i] == 3 || offers[i] == 4);
    assert_int_equal(accepted, 3);
}

/* MiCRO as the second party (P1, values 1 - x/4) after a script offering 4, 3, 2: each offer is new, so it concedes
   every move, 0 then 1, and accepts 2 (worth 1/2) at its third move, when its floor is 2 itself. */
static void micro_as_the_second_party(void **state)
{
    (void)state;
    const uint32_t script[] = {4, 3, 2};
    uint32_t offers[16];
    long accepted;
    size_t k = micro_moves_as(1, probe_opposed_linear(1, 4), script, 3, 40, offers, 16, &accepted);
    assert_int_equal(k, 2);
    assert_int_equal(offers[0], 0);
    assert_int_equal(offers[1], 1);
    assert_int_equal(accepted, 2);
}

/* Parameters: none. */
static void micro_takes_no_parameters(void **state)
{
    (void)state;
    parley_scenario *sc = probe_opposed_linear(1, 4);
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    parley_negotiation *neg = NULL;
    parley_error err;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_not_equal(parley_negotiation_add_agent_spec(neg, "micro:x=1", &err), PARLEY_OK);
    assert_non_null(strstr(err.message, "unknown parameter 'x'"));
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(micro_concedes_only_on_new_offers),
        cmocka_unit_test(micro_accepts_at_its_floor),
        cmocka_unit_test(micro_stalls_against_a_repeater),
        cmocka_unit_test(micro_concedes_every_move_against_new_offers),
        cmocka_unit_test(micro_floor_is_its_lowest_offer_while_waiting),
        cmocka_unit_test(micro_stays_above_its_reservation),
        cmocka_unit_test(micro_as_the_second_party),
        cmocka_unit_test(micro_takes_no_parameters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

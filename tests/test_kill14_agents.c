/*
 * test_kill14_agents.c: agent behaviours pinned at their boundaries (round 14, seed-141 probe of src/agents):
 *   - agent_acceptable (agent_common.c): a package worth exactly the reservation value is acceptable, one a step
 *     below is not;
 *   - agent-m reads an offer only when every value is an integer in 0..9 (the original's value counts): an offer
 *     holding 10 or -1 makes it accept at once (the original throws and accepts), 9 and 0 do not;
 *   - agent-m's annealing at its last step (temperature 0): a step to an equally good bid is still taken
 *     (probability 1), a worse one never (exp(-inf) = 0).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>

#include "agent_probe.h"
#include "agents/agent_common.h"
#include "agents/anac_winners.h"

/* x in LO..HI (one integer issue), linear for P0 from `at_lo` to `at_hi` (EXTRA: more of P0's keys), the reverse
   for P1. */
static parley_scenario *line_scenario(int lo, int hi, double at_lo, double at_hi, const char *extra)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": %d, \"max\": %d}],"
             " \"parties\": [{\"name\": \"P0\", %s \"preferences\": {"
             "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": %.17g, \"at_max\": %.17g}}}},"
             "  {\"name\": \"P1\", \"preferences\": {"
             "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": %.17g, \"at_max\": %.17g}}}}]}",
             lo, hi, extra, at_lo, at_hi, at_hi, at_lo);
    return probe_scenario(text);
}

/* --- agent_acceptable at the reservation value --- */

static int acceptable[5];
static double eval_of[5];
static int acceptable_calls;

static void acceptable_hook(parley_agent_view *v, long move)
{
    if (move != 0 || parley_view_party(v) != 0)
        return;
    for (uint32_t x = 0; x < 5; x++) {
        acceptable[x] = agent_acceptable(v, &x);
        eval_of[x] = parley_view_eval(v, &x);
    }
    acceptable_calls++;
}

/* x in 0..4 worth x / 4 to P0 (exact in binary), reservation 0.5: x = 2 is worth exactly the reservation and is
   acceptable (>=), x = 1 (0.25) is not, x = 3 and 4 are. */
static void test_acceptable_exactly_at_reservation(void **state)
{
    (void)state;
    parley_scenario *sc = line_scenario(0, 4, 0, 1, "\"reservation\": 0.5,");
    static const uint32_t script[1] = {0};
    script_set(1, 1, script);
    script_hook = acceptable_hook;
    acceptable_calls = 0;
    parley_negotiation *neg = probe_negotiation(sc, 2, 1, &script_agent, "", &script_agent, "");
    probe_run(neg);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    assert_int_equal(acceptable_calls, 1);
    static const int want[5] = {0, 0, 1, 1, 1};
    for (int x = 0; x < 5; x++) {
        if (eval_of[x] != x / 4.0)
            fail_msg("x = %d is worth %.17g, expected %g", x, eval_of[x], x / 4.0);
        if (acceptable[x] != want[x])
            fail_msg("x = %d (worth %g, reservation 0.5): acceptable %d, expected %d", x, x / 4.0, acceptable[x],
                     want[x]);
    }
}

/* --- agent-m's readable offers --- */

/*
 * agent-m (P0) against a script repeating one offer x on one integer issue LO..HI, x worth 0 or 0.1 to agent-m
 * (its own bids are worth far more, so a readable offer is not accepted).  Returns the round of agent-m's
 * acceptance, or -1.
 */
static long agent_m_accepts(int lo, int hi, uint32_t offer_index)
{
    /* agent-m's utility falls from 1 at LO to 0 at HI */
    parley_scenario *sc = line_scenario(lo, hi, 1, 0, "");
    const uint32_t script[1] = {offer_index};
    script_set(1, 1, script);
    parley_negotiation *neg = probe_negotiation(sc, 10, 1, parley_agent_builtin("agent-m"), "", &script_agent, "");
    probe_run(neg);
    parley_event ev;
    long round = probe_find(neg, PARLEY_EVENT_ACCEPT, 0, &ev) >= 0 ? ev.round : -1;
    if (round >= 0 && ev.outcome[0] != offer_index)
        fail_msg("agent-m accepted x index %u, the script offered %u", ev.outcome[0], offer_index);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    return round;
}

/* 0..10: 10 (index 10, worth 0) is past the original's slots 0..9: accepted in round 2, its first chance; 9 (worth
   0.1) is read and refused.  -1..9: -1 (index 0) is unreadable, accepted in round 2; 0 (index 1) is read. */
static void test_agent_m_reads_values_0_to_9(void **state)
{
    (void)state;
    assert_int_equal(agent_m_accepts(0, 10, 10), 2);
    assert_int_equal(agent_m_accepts(0, 10, 9), -1);
    assert_int_equal(agent_m_accepts(-1, 9, 0), 2);
    assert_int_equal(agent_m_accepts(-1, 9, 1), -1);
}

/* T(step) = 0.01 (1 - step / 1000)^2: 0 at step 1000, the last of the walk.  A move that loses nothing has
   probability 1 at every temperature, 0 included (not exp(-0 / 0), a NaN that no draw is below); one that loses
   0.1 has exp(-0.1 / T): e^-40 at T = 0.0025, 0 at T = 0. */
static void test_agent_m_last_annealing_step(void **state)
{
    (void)state;
    assert_true(agent_m_temperature(1000) == 0);
    assert_true(agent_m_temperature(0) == 0.01);
    static const double temperatures[] = {0.0025, 1e-300, 0};
    for (int k = 0; k < 3; k++) {
        double T = temperatures[k];
        if (agent_m_move_probability(0.6, 0.6, T) != 1)
            fail_msg("T = %g: equal bids move with %.17g, expected 1", T, agent_m_move_probability(0.6, 0.6, T));
        if (agent_m_move_probability(0.5, 0.6, T) != 1)
            fail_msg("T = %g: a better bid moves with %.17g, expected 1", T, agent_m_move_probability(0.5, 0.6, T));
    }
    assert_true(agent_m_move_probability(0.6, 0.5, 0) == 0);
    assert_float_equal(agent_m_move_probability(0.6, 0.5, 0.0025), exp(-40), 1e-25);
}

int main(void)
{
    (void)probe_opposed_linear;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_acceptable_exactly_at_reservation),
        cmocka_unit_test(test_agent_m_reads_values_0_to_9),
        cmocka_unit_test(test_agent_m_last_annealing_step),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill_agents11.c: agents' edge cases the seed-11 sample of generated mutants showed no test reached (issue
 * 27, tests/mutants/report-mut11.md, report-s11.md), values by hand:
 *   - AgreeableAgent2018 (anac_agreeable.c) when no package is worth more than 0 to it: its outcome space has no
 *     best package (genius_outcome_space_best gives the count), so it opens with the top of its view's ranking,
 *     the last of the tied packages in id order: x = 6 of x in 0..6 (a mutant read the table one past its end:
 *     the sanitizer tree sees the overflow, the Release tree, as built here, offered x = 3);
 *   - AgreeableAgent2018 bidding a package worth exactly 0 (a bid, not "no bid": the seed-11 mutant itself,
 *     anac_agreeable.c:190);
 *   - the dense simplex (simplex.c) on a small LP solved by hand, its cost vector in a heap block of exactly n
 *     entries (a mutant read c[n] past it, which the sanitizer tree sees; the solution itself stays right, as the
 *     cost of the first artificial column is never read again).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#pragma GCC diagnostic ignored "-Wunused-function" /* part of the probe helpers */
#include "agent_probe.h"
#include "agents/simplex.h"

/* x in 0..6: P0 values every package 0 (reservation 0), P1 prefers small x. */
static parley_scenario *worthless_to_p0(void)
{
    return probe_scenario(
        "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 6}],"
        " \"parties\": [{\"name\": \"P0\", \"preferences\": {"
        "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 0}}}},"
        "  {\"name\": \"P1\", \"preferences\": {"
        "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}");
}

static void agreeable_opens_with_its_ranked_top_when_nothing_is_worth_anything(void **state)
{
    (void)state;
    parley_scenario *sc = worthless_to_p0();
    const uint32_t script[] = {0};
    script_set(1, 1, script);
    parley_negotiation *neg =
        probe_negotiation(sc, 3, 7, parley_agent_builtin("agreeable-2018"), NULL, &script_agent, NULL);
    probe_run(neg);
    parley_event ev = {0};
    long first = probe_find(neg, PARLEY_EVENT_OFFER, 0, &ev);
    assert_int_equal(first, 1); /* its first move, right after the session's start */
    assert_int_equal(ev.outcome[0], 6);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

/*
 * The same P0 with the red line x <= 5, against offers of x = 6 (which it cannot accept).  Its first move: the
 * top of its ranking, x = 5.  Its second (t = 1/20 < 0.2, its model time): the package of its outcome space
 * nearest its target 1, all being worth 0 the first in iteration order, x = 0, worth exactly 0, which it bids (a
 * mutant took a bid worth 0 for "no bid" and went back to x = 5, anac_agreeable.c:190 `bid_u < 0` -> `<= 0`).
 */
static void agreeable_bids_a_package_worth_exactly_zero(void **state)
{
    (void)state;
    parley_scenario *sc = probe_scenario(
        "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 6}],"
        " \"parties\": [{\"name\": \"P0\", \"red_lines\": [{\"name\": \"not6\", \"rule\": \"x <= 5\"}],"
        "   \"preferences\": {"
        "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 0}}}},"
        "  {\"name\": \"P1\", \"preferences\": {"
        "   \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}}]}");
    const uint32_t script[] = {6};
    script_set(1, 1, script);
    parley_negotiation *neg =
        probe_negotiation(sc, 20, 7, parley_agent_builtin("agreeable-2018"), NULL, &script_agent, NULL);
    probe_run(neg);
    uint32_t offers[2];
    size_t n = 0;
    for (size_t i = 0; i < parley_negotiation_event_count(neg) && n < 2; i++) {
        parley_event ev;
        if (parley_negotiation_event(neg, i, &ev, NULL) == PARLEY_OK && ev.kind == PARLEY_EVENT_OFFER && ev.party == 0)
            offers[n++] = ev.outcome[0];
    }
    assert_int_equal(n, 2);
    assert_int_equal(offers[0], 5);
    assert_int_equal(offers[1], 0);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

/*
 * min -x0 - 2 x1  s.t.  x0 + x1 + s0 = 4,  x0 + 3 x1 + s1 = 6  (all >= 0).  By hand: the vertices (0,0) 0,
 * (4,0) -4, (0,2) -4, (3,1) -5: x = (3, 1), no slack.  And min x0 + x1 over the same set: (0, 0), slacks (4, 6).
 */
static void simplex_small_lp_by_hand(void **state)
{
    (void)state;
    const double a[] = {1, 1, 1, 0, 1, 3, 0, 1}, b[] = {4, 6};
    double *c = malloc(4 * sizeof *c), x[4];
    assert_non_null(c);
    const double first[] = {-1, -2, 0, 0}, second[] = {1, 1, 0, 0};
    memcpy(c, first, sizeof first);
    assert_int_equal(simplex_solve(2, 4, a, b, c, x), SIMPLEX_OPTIMAL);
    const double want[] = {3, 1, 0, 0}, want2[] = {0, 0, 4, 6};
    for (int j = 0; j < 4; j++)
        assert_float_equal(x[j], want[j], 1e-9);
    memcpy(c, second, sizeof second);
    assert_int_equal(simplex_solve(2, 4, a, b, c, x), SIMPLEX_OPTIMAL);
    for (int j = 0; j < 4; j++)
        assert_float_equal(x[j], want2[j], 1e-9);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(agreeable_opens_with_its_ranked_top_when_nothing_is_worth_anything),
        cmocka_unit_test(agreeable_bids_a_package_worth_exactly_zero),
        cmocka_unit_test(simplex_small_lp_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

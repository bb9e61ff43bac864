/*
 * test_boa.c: the BOA components on hand-made cases: the frequency and Smith
 * models after known bids (expected values worked out by hand in the comments),
 * the Bayesian posterior after one and two bids (by an independent Python
 * reimplementation), the acceptance conditions at known times, the bidding targets, the accuracy
 * measures, the boa agent's spec, and a model's accuracy rising over a real
 * negotiation on an ANAC domain.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

#include "anac_scenario.h"
#include <unistd.h>

/* Issues A {a0,a1,a2} and B {b0,b1}. */
static parley_space *small_space(void)
{
    parley_space *s = parley_space_new();
    const char *a[] = {"a0", "a1", "a2"}, *b[] = {"b0", "b1"};
    assert_int_equal(parley_space_add_categorical(s, "A", a, 3, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_categorical(s, "B", b, 2, NULL), PARLEY_OK);
    return s;
}

static void frequency_after_known_bids(void **state)
{
    (void)state;
    parley_space *s = small_space();
    parley_opponent_model *m = NULL;
    assert_int_equal(parley_opponent_model_new("frequency", s, &m, NULL), PARLEY_OK);
    const uint32_t bids[3][2] = {{0, 0}, {0, 1}, {0, 0}};
    for (int i = 0; i < 3; i++)
        assert_int_equal(parley_opponent_model_observe(m, bids[i], 0.1 * i), PARLEY_OK);
    /* counts (start 1): a0 4, a1 1, a2 1; b0 3, b1 2.  Weights start 1/2 each; A kept its value twice:
       (0.5+0.1, 0.5)/1.1 = (6/11, 5/11), then (6/11+0.1, 5/11)/1.1 = (0.586777, 0.413223). */
    double wa = (6.0 / 11 + 0.1) / 1.1, wb = (5.0 / 11) / 1.1;
    const uint32_t best[2] = {0, 0}, other[2] = {1, 1}, mixed[2] = {2, 0};
    assert_float_equal(parley_opponent_model_eval(m, best), 1.0, 1e-9);
    assert_float_equal(parley_opponent_model_eval(m, other), wa * 0.25 + wb * 2.0 / 3, 1e-9);
    assert_float_equal(parley_opponent_model_eval(m, mixed), wa * 0.25 + wb, 1e-9);
    assert_int_equal(parley_opponent_model_bids(m), 3);
    parley_opponent_model_free(m);

    /* Smith (GENIUS SmithFrequencyModel): worth 0 before any bid; then over the 3 bids, counts a0 3, a1 0, a2 0;
       b0 2, b1 1; values count / 3; weights largest count / 3: A 1, B 2/3, normalised 3/5, 2/5. */
    assert_int_equal(parley_opponent_model_new("smith", s, &m, NULL), PARLEY_OK);
    assert_float_equal(parley_opponent_model_eval(m, best), 0, 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(parley_opponent_model_observe(m, bids[i], 0.1 * i), PARLEY_OK);
    assert_float_equal(parley_opponent_model_eval(m, best), 0.6 * 1 + 0.4 * 2.0 / 3, 1e-12);
    assert_float_equal(parley_opponent_model_eval(m, other), 0.6 * 0 + 0.4 * 1.0 / 3, 1e-12);
    assert_float_equal(parley_opponent_model_eval(m, mixed), 0.6 * 0 + 0.4 * 2.0 / 3, 1e-12);
    parley_opponent_model_free(m);

    parley_error err;
    assert_int_equal(parley_opponent_model_new("oracle", s, &m, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "oracle"));
    parley_space_free(s);
}

/*
 * GENIUS's scalable Bayesian model on A {a0,a1,a2} x B {b0,b1}: the normalised evaluations of the six outcomes
 * (a0b0, a0b1, a1b0, a1b1, a2b0, a2b1) before any bid, after (a2,b1), after (a1,b1), and after (a2,b1) again (a
 * bid seen before: no change), as computed by tests/data/bayes_reference.py, the Java model written out again in a
 * few lines of Python.  Before any bid only A's shapes differ: the triangle peaking at a1 makes a1 best, and B's
 * uphill and downhill average out.  The first bid moves only the value shapes, the second also the weights.
 */
static void bayes_posterior_by_hand(void **state)
{
    (void)state;
    static const double expected[4][6] = {
        {0, 0, 1, 1, 0.000999000999, 0.000999000999},
        {0, 0.527932076933, 0.296494750195, 0.824426827129, 0.472067923067, 1},
        {0, 0.651216998953, 0.276213667014, 0.927430665966, 0.348783001047, 1},
        {0, 0.651216998953, 0.276213667014, 0.927430665966, 0.348783001047, 1}};
    const uint32_t bids[3][2] = {{2, 1}, {1, 1}, {2, 1}};
    parley_space *s = small_space();
    parley_opponent_model *m = NULL;
    assert_int_equal(parley_opponent_model_new("bayes", s, &m, NULL), PARLEY_OK);
    for (int step = 0; step < 4; step++) {
        if (step > 0)
            assert_int_equal(parley_opponent_model_observe(m, bids[step - 1], 0.1 * step), PARLEY_OK);
        for (uint32_t a = 0; a < 3; a++)
            for (uint32_t b = 0; b < 2; b++) {
                const uint32_t o[2] = {a, b};
                assert_float_equal(parley_opponent_model_eval(m, o), expected[step][a * 2 + b], 1e-9);
            }
    }
    parley_opponent_model_free(m);
    parley_space_free(s);
}

static void acceptance_conditions_at_known_times(void **state)
{
    (void)state;
    parley_acceptance *a = NULL;
    /* offers received at times 0.5, 0.9, 0.95, 0.97 worth 0.9, 0.6, 0.5, 0.4 */
    const double rt[] = {0.5, 0.9, 0.95, 0.97}, ru[] = {0.9, 0.6, 0.5, 0.4};
    parley_acceptance_input in = {0.98, 0.45, 0.8, 0.85, rt, ru, 4};
    assert_int_equal(parley_acceptance_new("combi", "t=0.98", &a, NULL), PARLEY_OK);
    /* t = 0.98 >= T; window W = 0.02: offers since 0.96: only 0.4; 0.45 >= 0.4 */
    assert_int_equal(parley_acceptance_decide(a, &in), 1);
    in.offered = 0.35;
    assert_int_equal(parley_acceptance_decide(a, &in), 0);
    in.time = 0.97, in.offered = 0.45, in.received = 4; /* before T: only AC_next, 0.45 < 0.8 */
    assert_int_equal(parley_acceptance_decide(a, &in), 0);
    in.offered = 0.8; /* AC_next */
    assert_int_equal(parley_acceptance_decide(a, &in), 1);
    parley_acceptance_free(a);
    /* T = 0.5 at t = 0.92 (received so far: the first two): W = 0.08, since 0.84: 0.6 */
    assert_int_equal(parley_acceptance_new("combi", "t=0.5", &a, NULL), PARLEY_OK);
    parley_acceptance_input early = {0.92, 0.65, 0.8, 0.85, rt, ru, 2};
    assert_int_equal(parley_acceptance_decide(a, &early), 1);
    early.time = 0.6; /* W = 0.4: since 0.2 -> 0.9 counts: 0.65 < 0.9 */
    early.received = 1;
    assert_int_equal(parley_acceptance_decide(a, &early), 0);
    parley_acceptance_free(a);

    /* GENIUS's AC_Const and AC_Time accept strictly above their constant */
    assert_int_equal(parley_acceptance_new("const", "c=0.7", &a, NULL), PARLEY_OK);
    in.offered = 0.7001;
    assert_int_equal(parley_acceptance_decide(a, &in), 1);
    in.offered = 0.7;
    assert_int_equal(parley_acceptance_decide(a, &in), 0);
    parley_acceptance_free(a);
    assert_int_equal(parley_acceptance_new("time", "t=0.99", &a, NULL), PARLEY_OK);
    in.time = 0.99;
    assert_int_equal(parley_acceptance_decide(a, &in), 0);
    in.time = 0.9901;
    assert_int_equal(parley_acceptance_decide(a, &in), 1);
    parley_acceptance_free(a);
    assert_int_equal(parley_acceptance_new("prev", "a=1:b=0.1", &a, NULL), PARLEY_OK);
    in.offered = 0.75; /* 0.75 + 0.1 >= last bid 0.85 */
    assert_int_equal(parley_acceptance_decide(a, &in), 1);
    in.offered = 0.74;
    assert_int_equal(parley_acceptance_decide(a, &in), 0);
    in.last_bid = NAN; /* no previous bid: never */
    in.offered = 1;
    assert_int_equal(parley_acceptance_decide(a, &in), 0);
    parley_acceptance_free(a);
    assert_int_equal(parley_acceptance_new("next", "a=1.02", &a, NULL), PARLEY_OK);
    in.offered = 0.79; /* 1.02 * 0.79 = 0.8058 >= 0.8 */
    assert_int_equal(parley_acceptance_decide(a, &in), 1);
    parley_acceptance_free(a);
    parley_error err;
    assert_int_equal(parley_acceptance_new("never", "", &a, &err), PARLEY_EINVAL);
    assert_int_equal(parley_acceptance_new("time", "t=2", &a, &err), PARLEY_EINVAL);
}

static void bidding_targets(void **state)
{
    (void)state;
    parley_bidding *b = NULL;
    assert_int_equal(parley_bidding_new("time", "e=1:k=0", &b, NULL), PARLEY_OK);
    parley_bidding_input in = {0.25, 1.0, 0.2, NAN, NULL, 0};
    assert_float_equal(parley_bidding_target(b, &in), 1.0 - 0.8 * 0.25, 1e-12); /* linear */
    assert_true(parley_bidding_window(b) == PARLEY_WINDOW_GENIUS); /* TimeDependent_Offering's own window */
    parley_bidding_free(b);
    assert_int_equal(parley_bidding_new("time", "window=0.05", &b, NULL), PARLEY_OK);
    assert_float_equal(parley_bidding_window(b), 0.05, 1e-12);
    parley_bidding_free(b);
    assert_int_equal(parley_bidding_new("time", "e=0.5", &b, NULL), PARLEY_OK);
    assert_float_equal(parley_bidding_target(b, &in), 1.0 - 0.8 * 0.0625, 1e-12); /* t^(1/e) = t^2 */
    parley_bidding_free(b);
    /* tft: the opponent went from 0.3 to 0.5 of the way to Nash 0.7 (half of it): target halfway 1 -> 0.7 */
    assert_int_equal(parley_bidding_new("tft", "", &b, NULL), PARLEY_OK);
    const double ru[] = {0.3, 0.4, 0.5, 0.45};
    parley_bidding_input tft = {0.5, 1.0, 0.2, 0.7, ru, 4};
    assert_float_equal(parley_bidding_target(b, &tft), 0.85, 1e-12);
    tft.received = 1; /* no concession yet: its best */
    assert_float_equal(parley_bidding_target(b, &tft), 1.0, 1e-12);
    parley_bidding_free(b);
    assert_int_equal(parley_bidding_new("mystery", "", &b, NULL), PARLEY_EINVAL);
}

static void accuracy_measures(void **state)
{
    (void)state;
    parley_space *s = small_space();
    parley_utility *u = parley_utility_new(s);
    parley_utility_set_weight(u, 0, 0.6);
    parley_utility_set_weight(u, 1, 0.4);
    for (uint32_t x = 0; x < 3; x++)
        parley_utility_set_value(u, 0, x, x / 2.0);
    parley_utility_set_value(u, 1, 0, 0);
    parley_utility_set_value(u, 1, 1, 1);
    parley_opponent_model *perfect = parley_opponent_model_perfect(u);
    parley_model_accuracy acc;
    assert_int_equal(parley_opponent_model_accuracy(perfect, u, 100, 1, &acc, NULL), PARLEY_OK);
    assert_int_equal(acc.samples, 6);
    assert_float_equal(acc.pearson, 1, 1e-12);
    assert_float_equal(acc.rmse, 0, 1e-12);
    assert_float_equal(acc.kendall, 1, 1e-12);
    parley_opponent_model_free(perfect);
    /* a fresh frequency model says 1 everywhere: constant, so no correlation; RMSE from the true utilities
       0, .4, .3, .7, .6, 1: sqrt(mean((1-u)^2)) = sqrt((1+.36+.49+.09+.16+0)/6) */
    parley_opponent_model *m = NULL;
    assert_int_equal(parley_opponent_model_new("frequency", s, &m, NULL), PARLEY_OK);
    assert_int_equal(parley_opponent_model_accuracy(m, u, 100, 1, &acc, NULL), PARLEY_OK);
    assert_true(isnan(acc.pearson) && isnan(acc.kendall));
    assert_float_equal(acc.rmse, sqrt(2.1 / 6), 1e-9);
    /* after (a2, b1) and (a1, b1): the model ranks a2 > a1 > a0 and b1 > b0, as the truth does except ties */
    const uint32_t b1[2] = {2, 1}, b2[2] = {1, 1};
    parley_opponent_model_observe(m, b1, 0);
    parley_opponent_model_observe(m, b2, 0.1);
    assert_int_equal(parley_opponent_model_accuracy(m, u, 100, 1, &acc, NULL), PARLEY_OK);
    assert_true(acc.pearson > 0.8);
    assert_true(acc.kendall > 0.5);
    parley_opponent_model_free(m);
    parley_utility_free(u);
    parley_space_free(s);
}


static void boa_specs(void **state)
{
    (void)state;
    parley_scenario *sc = anac("Laptop");
    parley_error err;
    const char *good[] = {"boa", "boa:bidding=time:e=0.5:model=bayes:accept=combi:t=0.95",
                          "boa:bidding=tft:model=smith:accept=prev:a=1:b=0.02", "boa:model=none:accept=const:c=0.6",
                          "boa:accept=time:t=0.9:window=0.1"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        parley_negotiation *neg = anac_play(sc, good[i], "conceder", 200, &err);
        if (!neg)
            fail_msg("%s: %s", good[i], err.message);
        parley_negotiation_free(neg);
    }
    struct {
        const char *spec, *message;
    } bad[] = {{"boa:bidding=tft:e=0.2", "unknown parameter 'e'"},
               {"boa:bidding=zigzag", "unknown bidding strategy 'zigzag'"},
               {"boa:model=psychic", "unknown opponent model 'psychic'"},
               {"boa:accept=combi:c=0.5", "unknown parameter 'c'"},
               {"boa:accept=sometimes", "unknown acceptance strategy"},
               {"boa:e=fast", "e=fast is not a number"},
               {"micro:x=1", "unknown parameter 'x'"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_null(anac_play(sc, bad[i].spec, "conceder", 200, &err));
        if (!strstr(err.message, bad[i].message))
            fail_msg("%s: got '%s'", bad[i].spec, err.message);
        assert_int_equal(err.code, PARLEY_EINVAL);
    }
    parley_scenario_free(sc);
}

/*
 * TimeDependent_Offering without a model offers the package nearest its target:
 * on easy.json (u_B = x/100) a time bidder e=2 aims at 1 - sqrt(0.1) = 0.6838 in
 * round 2 of 11 (t = 0.1) and offers x = 68 (0.68 is nearer than 0.69), then
 * 1 - sqrt(0.2) = 0.5528: x = 55.
 */
static void time_offering_takes_the_nearest_bid(void **state)
{
    (void)state;
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_load(PARLEY_SOURCE_DIR "/tests/data/protocol/easy.json", &sc, &err), PARLEY_OK);
    parley_negotiation *neg = anac_play(sc, "hardliner", "boa:bidding=time:e=2:model=none", 11, &err);
    assert_non_null(neg);
    static const uint32_t expected[] = {100, 68, 55};
    size_t n = 0;
    for (size_t i = 0; i < parley_negotiation_event_count(neg) && n < 3; i++) {
        parley_event ev;
        parley_negotiation_event(neg, i, &ev, NULL);
        if (ev.kind == PARLEY_EVENT_OFFER && ev.party == 1)
            assert_int_equal(ev.outcome[0], expected[n++]);
    }
    assert_int_equal(n, 3);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

/* The frequency and Bayesian models of a Boulware opponent know it better later than after its first offers. */
static void accuracy_rises_over_a_negotiation(void **state)
{
    (void)state;
    parley_scenario *sc = anac("Energy");
    parley_error err;
    parley_negotiation *neg = anac_play(sc, "hardliner", "boulware", 2000, &err);
    assert_non_null(neg);
    const char *models[] = {"frequency", "bayes"};
    for (size_t m = 0; m < 2; m++) {
        parley_model_accuracy acc[10];
        double times[10];
        long n = parley_negotiation_model_accuracy(neg, sc, 1, models[m], 2000, 10, acc, times, &err);
        assert_int_equal(n, 10);
        assert_true(times[9] > times[0]);
        print_message("%s: pearson %.3f -> %.3f, kendall %.3f -> %.3f, rmse %.3f -> %.3f\n", models[m],
                      acc[0].pearson, acc[9].pearson, acc[0].kendall, acc[9].kendall, acc[0].rmse, acc[9].rmse);
        if (m == 0) {
            assert_true(acc[9].pearson > acc[0].pearson + 0.05);
            assert_true(acc[9].kendall > acc[0].kendall);
            continue;
        }
        /* the Bayesian model learns (0.75 -> 0.88 by t = 0.6), then breaks down as GENIUS's does: P = 1 - 0.003 per
           new bid nears 0 after about 330 different bids of Boulware, every likelihood underflows, and the model
           rates every outcome 0 (no correlation: NaN) */
        double most = acc[0].pearson;
        for (int q = 0; q < 10; q++)
            most = acc[q].pearson > most ? acc[q].pearson : most;
        assert_true(most > acc[0].pearson + 0.05);
        assert_true(isnan(acc[9].pearson));
        assert_float_equal(acc[9].rmse, acc[9].rmse, 0); /* still a number: the distance to the true utilities */
    }
    /* the same series as trace lines: 10 per party that made offers, the last one of party 1 as measured above */
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_int_equal(parley_negotiation_write_model_accuracy(neg, sc, "frequency", 10, f, &err), PARLEY_OK);
    fclose(f);
    size_t lines = 0;
    for (char *p = buf; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 20);
    assert_non_null(strstr(buf, "{\"kind\":\"model_accuracy\",\"party\":1,\"model\":\"frequency\",\"time\":"));
    free(buf);
    assert_int_equal(parley_negotiation_write_model_accuracy(neg, sc, "tea-leaves", 10, stderr, &err), PARLEY_EINVAL);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(frequency_after_known_bids),
        cmocka_unit_test(bayes_posterior_by_hand),
        cmocka_unit_test(acceptance_conditions_at_known_times),
        cmocka_unit_test(bidding_targets),
        cmocka_unit_test(accuracy_measures),
        cmocka_unit_test(boa_specs),
        cmocka_unit_test(time_offering_takes_the_nearest_bid),
        cmocka_unit_test(accuracy_rises_over_a_negotiation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

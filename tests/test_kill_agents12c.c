/*
 * test_kill_agents12c.c: the BOA parts pinned exactly (issue 27): the opponent models (boa_model.c, boa_bayes.c),
 * the accuracy measures (boa_accuracy.c) and the components' boundaries (boa_components.c).
 *   - GENIUS's scalable Bayesian model on issues of 4, 3 and 2 values (uphill, downhill and two triangles on the
 *     first issue) after each of six bids, one of them seen before: tests/data/bayes_reference.py (the Java model
 *     written out again in Python) with `4,3,2 3,0,1 0,2,0 1,1,1 3,0,1 2,2,0 0,0,1`;
 *   - the model's set of bids seen past its first growth (a bid seen 40 bids ago changes nothing), and its
 *     breakdown on 7 x 7 x 7 at the 334th different bid (the same script, fed the outcomes in number order, first
 *     divides by a zero total there);
 *   - the frequency and Smith models after three bids, by hand;
 *   - Kendall's tau-b and Pearson's r on small vectors by hand (ties on one side, on both, constants);
 *   - the accuracy over the whole space or a SplitMix64 sample (a loop written here), and its errors;
 *   - the limits of the components' parameters (a value at a limit accepted, one past refused) and NiceTitForTat's
 *     target clamped at both ends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

#include "agents/boa.h"
#include "core/splitmix.h"

/* Issues of the given sizes (categorical, values v0, v1, ...). */
static parley_space *space_of(const uint32_t *sizes, size_t issues)
{
    parley_space *s = parley_space_new();
    const char *names[] = {"v0", "v1", "v2", "v3", "v4", "v5", "v6"};
    for (size_t i = 0; i < issues; i++) {
        char name[24];
        snprintf(name, sizeof name, "i%zu", i);
        parley_space_add_categorical(s, name, names, sizes[i], NULL);
    }
    return s;
}

static const uint32_t SIZES[3] = {4, 3, 2};

/* The evaluation of every outcome of 4 x 3 x 2 (in number order) before any bid and after each bid. */
static void bayes_matches_the_reference(void **state)
{
    (void)state;
    static const double expected[7][24] = {
        {0.000000000000, 0.000000000000, 0.470505287897, 0.470505287897, 0.000470035253, 0.000470035253, 0.529142185664, 0.529142185664, 0.999647473561, 0.999647473561, 0.529612220917, 0.529612220917, 0.529494712103, 0.529494712103, 1.000000000000, 1.000000000000, 0.529964747356, 0.529964747356, 0.000705052879, 0.000705052879, 0.471210340776, 0.471210340776, 0.001175088132, 0.001175088132},
        {0.330457504608, 0.704102934639, 0.212863304945, 0.586508734976, 0.000000000000, 0.373645430031, 0.495780716197, 0.869426146228, 0.378186516534, 0.751831946565, 0.165323211589, 0.538968641620, 0.594427888215, 0.968073318246, 0.476833688552, 0.850479118583, 0.263970383607, 0.637615813638, 0.626354569969, 1.000000000000, 0.508760370306, 0.882405800337, 0.295897065361, 0.669542495392},
        {0.659538243099, 0.314766536860, 0.862879965377, 0.518108259138, 1.000000000000, 0.655228293761, 0.603726099111, 0.258954392872, 0.807067821390, 0.462296115151, 0.944187856013, 0.599416149774, 0.498814831075, 0.154043124836, 0.702156553353, 0.357384847114, 0.839276587976, 0.494504881737, 0.344771706239, 0.000000000000, 0.548113428518, 0.203341722279, 0.685233463140, 0.340461756901},
        {0.470905417731, 0.748329306206, 0.663891024581, 0.941314913055, 0.722576111526, 1.000000000000, 0.386478324798, 0.663902213272, 0.579463931648, 0.856887820122, 0.638149018592, 0.915572907067, 0.208331410499, 0.485755298973, 0.401317017348, 0.678740905823, 0.460002104293, 0.737425992767, 0.000000000000, 0.277423888474, 0.192985606850, 0.470409495324, 0.251670693794, 0.529094582269},
        {0.470905417731, 0.748329306206, 0.663891024581, 0.941314913055, 0.722576111526, 1.000000000000, 0.386478324798, 0.663902213272, 0.579463931648, 0.856887820122, 0.638149018592, 0.915572907067, 0.208331410499, 0.485755298973, 0.401317017348, 0.678740905823, 0.460002104293, 0.737425992767, 0.000000000000, 0.277423888474, 0.192985606850, 0.470409495324, 0.251670693794, 0.529094582269},
        {0.330262423803, 0.296486712571, 0.668709355913, 0.634933644680, 1.000000000000, 0.966224288767, 0.319137815914, 0.285362104681, 0.657584748024, 0.623809036791, 0.988875392111, 0.955099680878, 0.200811446432, 0.167035735200, 0.539258378542, 0.505482667309, 0.870549022629, 0.836773311396, 0.033775711233, 0.000000000000, 0.372222643342, 0.338446932109, 0.703513287429, 0.669737576197},
        {0.386909837824, 0.661083816143, 0.558173311397, 0.832347289716, 0.725826021681, 1.000000000000, 0.259224703695, 0.533398682014, 0.430488177269, 0.704662155587, 0.598140887553, 0.872314865871, 0.129969132365, 0.404143110684, 0.301232605939, 0.575406584257, 0.468885316223, 0.743059294541, 0.000000000000, 0.274173978319, 0.171263473573, 0.445437451892, 0.338916183857, 0.613090162176},
    };
    static const uint32_t bids[6][3] = {{3, 0, 1}, {0, 2, 0}, {1, 1, 1}, {3, 0, 1}, {2, 2, 0}, {0, 0, 1}};
    parley_space *s = space_of(SIZES, 3);
    parley_opponent_model *m = NULL;
    assert_int_equal(parley_opponent_model_new("bayes", s, &m, NULL), PARLEY_OK);
    assert_string_equal(parley_opponent_model_name(m), "bayes");
    for (int step = 0; step < 7; step++) {
        if (step > 0)
            assert_int_equal(parley_opponent_model_observe(m, bids[step - 1], 0.1 * step), PARLEY_OK);
        for (uint64_t id = 0; id < 24; id++) {
            uint32_t o[3];
            parley_space_decode(s, id, o);
            double got = parley_opponent_model_eval(m, o);
            if (fabs(got - expected[step][id]) > 1e-9)
                fail_msg("step %d outcome %u,%u,%u: %.12f, expected %.12f", step, o[0], o[1], o[2], got,
                         expected[step][id]);
        }
    }
    assert_int_equal(parley_opponent_model_bids(m), 6);
    parley_opponent_model_free(m);
    parley_space_free(s);
}

/* 7 x 7 x 7 fed outcomes 0, 1, 2, ... in number order.  Reference (bayes_reference.py, same feed): after 41 bids
   outcome 5 is rated 0.778627087818 and outcome 100 0.793321427905; after 333 bids outcomes 0 and 5 are 1, 100 is
   0.722222222242, 342 is 0; at the 334th every likelihood of an issue vanishes and the model rates everything 0. */
static void bayes_seen_set_and_breakdown(void **state)
{
    (void)state;
    const uint32_t sizes[3] = {7, 7, 7};
    parley_space *s = space_of(sizes, 3);
    parley_opponent_model *m = NULL;
    assert_int_equal(parley_opponent_model_new("bayes", s, &m, NULL), PARLEY_OK);
    uint32_t o[3], p[3];
    for (uint64_t id = 0; id < 41; id++) {
        parley_space_decode(s, id, o);
        assert_int_equal(parley_opponent_model_observe(m, o, 0), PARLEY_OK);
    }
    parley_space_decode(s, 5, o);
    parley_space_decode(s, 100, p);
    assert_float_equal(parley_opponent_model_eval(m, o), 0.778627087818, 1e-9);
    assert_float_equal(parley_opponent_model_eval(m, p), 0.793321427905, 1e-9);
    for (uint64_t id = 0; id < 41; id += 8) { /* seen before, past the set's growth at 33 bids: nothing moves */
        uint32_t again[3];
        parley_space_decode(s, id, again);
        assert_int_equal(parley_opponent_model_observe(m, again, 0), PARLEY_OK);
    }
    assert_float_equal(parley_opponent_model_eval(m, o), 0.778627087818, 1e-9);
    assert_float_equal(parley_opponent_model_eval(m, p), 0.793321427905, 1e-9);
    for (uint64_t id = 41; id < 333; id++) {
        uint32_t b[3];
        parley_space_decode(s, id, b);
        assert_int_equal(parley_opponent_model_observe(m, b, 0), PARLEY_OK);
    }
    uint32_t first[3] = {0, 0, 0}, last[3] = {6, 6, 6};
    assert_float_equal(parley_opponent_model_eval(m, first), 1, 1e-9);
    assert_float_equal(parley_opponent_model_eval(m, o), 1, 1e-9);
    assert_float_equal(parley_opponent_model_eval(m, p), 0.722222222242, 1e-9);
    assert_float_equal(parley_opponent_model_eval(m, last), 0, 1e-9);
    uint32_t b[3];
    parley_space_decode(s, 333, b);
    assert_int_equal(parley_opponent_model_observe(m, b, 0), PARLEY_OK);
    for (uint64_t id = 0; id < 343; id += 19) {
        parley_space_decode(s, id, o);
        assert_float_equal(parley_opponent_model_eval(m, o), 0, 0);
    }
    parley_space_decode(s, 334, b); /* broken: learns no more */
    assert_int_equal(parley_opponent_model_observe(m, b, 0), PARLEY_OK);
    assert_float_equal(parley_opponent_model_eval(m, first), 0, 0);
    parley_opponent_model_free(m);
    parley_space_free(s);
}

/*
 * Frequency (HardHeaded's) on 4 x 3 x 2, bids (3,0,1), (0,0,1), (0,2,0): counts start at 1; an issue unchanged
 * since the last bid gains 0.2/3, weights renormalised.
 *   after 1: values a 1/2 1/2 1/2 1, b 1 1/2 1/2, c 1/2 1; weights 1/3 each.
 *   after 2: b and c unchanged: weights (5, 6, 6)/17; values a 1 1/2 1/2 1, b 1 1/3 1/3, c 1/3 1.
 *   after 3: a unchanged: weights (92, 90, 90)/272; values a 1 1/3 1/3 2/3, b 1 1/3 2/3, c 2/3 1.
 * Smith: counts from 0, values count / bids, weights largest count / bids normalised; 0 before a bid.
 *   after 1: a 0 0 0 1, b 1 0 0, c 0 1, weights 1/3; after 2: a 1/2 0 0 1/2, b 1 0 0, c 0 1, weights .2 .4 .4;
 *   after 3: a 2/3 0 0 1/3, b 2/3 0 1/3, c 1/3 2/3, weights 1/3 each.
 */
static void frequency_and_smith_by_hand(void **state)
{
    (void)state;
    parley_space *s = space_of(SIZES, 3);
    static const uint32_t bids[3][3] = {{3, 0, 1}, {0, 0, 1}, {0, 2, 0}};
    static const uint32_t probe[3][3] = {{0, 1, 0}, {1, 1, 0}, {3, 2, 1}};
    const double freq[3][3] = {{0.5, 0.5, 2.5 / 3},
                               {9.0 / 17, 6.5 / 17, 13.0 / 17},
                               {182.0 / 272, (92.0 / 3 + 30 + 60) / 272, (92 * 2.0 / 3 + 60 + 90) / 272}};
    const double smith[3][3] = {{0, 0, 2.0 / 3}, {0.1, 0, 0.5}, {1.0 / 3, 1.0 / 9, 4.0 / 9}};
    parley_opponent_model *f = NULL, *m = NULL;
    assert_int_equal(parley_opponent_model_new("frequency", s, &f, NULL), PARLEY_OK);
    assert_int_equal(parley_opponent_model_new("smith", s, &m, NULL), PARLEY_OK);
    assert_float_equal(parley_opponent_model_eval(f, probe[2]), 1, 1e-12); /* a fresh frequency model: 1 */
    assert_float_equal(parley_opponent_model_eval(m, probe[2]), 0, 0);      /* Smith: 0 */
    for (int step = 0; step < 3; step++) {
        parley_opponent_model_observe(f, bids[step], 0);
        parley_opponent_model_observe(m, bids[step], 0);
        for (int k = 0; k < 3; k++) {
            if (fabs(parley_opponent_model_eval(f, probe[k]) - freq[step][k]) > 1e-12)
                fail_msg("frequency after %d bids, probe %d: %.15f, expected %.15f", step + 1, k,
                         parley_opponent_model_eval(f, probe[k]), freq[step][k]);
            if (fabs(parley_opponent_model_eval(m, probe[k]) - smith[step][k]) > 1e-12)
                fail_msg("smith after %d bids, probe %d: %.15f, expected %.15f", step + 1, k,
                         parley_opponent_model_eval(m, probe[k]), smith[step][k]);
        }
        assert_float_equal(parley_opponent_model_eval(f, bids[0]), 
                           step < 2 ? 1 : (92 * 2.0 / 3 + 90 + 90) / 272, 1e-12);
    }
    assert_int_equal(parley_opponent_model_bids(f), 3);
    assert_string_equal(parley_opponent_model_name(f), "frequency");
    assert_string_equal(parley_opponent_model_name(m), "smith");
    parley_opponent_model_free(f);
    parley_opponent_model_free(m);
    parley_error err;
    assert_int_equal(parley_opponent_model_new("psychic", s, &m, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "unknown opponent model 'psychic' (expected frequency, smith or bayes; the "
                                     "perfect model needs the true utility)");
    assert_null(m);
    parley_space_free(s);
}

static void kendall_and_pearson_by_hand(void **state)
{
    (void)state;
    const double x1[] = {1, 2, 3, 4}, y1[] = {1, 3, 2, 4};
    assert_float_equal(boa_kendall_tau(x1, y1, 4), 4.0 / 6, 1e-12); /* 5 concordant, 1 discordant */
    const double x2[] = {1, 1, 2, 3}, y2[] = {1, 2, 2, 3};
    assert_float_equal(boa_kendall_tau(x2, y2, 4), 0.8, 1e-12); /* 4 concordant, one tie on each side: 4/5 */
    const double x3[] = {1, 1, 2}, y3[] = {5, 5, 6};
    assert_float_equal(boa_kendall_tau(x3, y3, 3), 1, 1e-12); /* a pair tied on both sides counts for nothing */
    const double x4[] = {3, 2, 1}, y4[] = {1, 2, 3};
    assert_float_equal(boa_kendall_tau(x4, y4, 3), -1, 1e-12);
    const double x5[] = {1, 1 + 1e-13, 2}, y5[] = {1, 2, 3}; /* within 1e-12: a tie; 2/sqrt(3 * 2) */
    assert_float_equal(boa_kendall_tau(x5, y5, 3), 2 / sqrt(6), 1e-12);
    const double c[] = {2, 2, 2};
    assert_true(isnan(boa_kendall_tau(c, c, 3)));
    assert_true(isnan(boa_kendall_tau(x1, y1, 1)));
    const double px[] = {1, 2, 3}, py[] = {1, 3, 2};
    assert_float_equal(boa_pearson(px, py, 3), 0.5, 1e-12); /* sxy 1, sxx 2, syy 2 */
    assert_float_equal(boa_pearson(px, x4, 3), -1, 1e-12);
    const double qx[] = {0, 0, 1, 1}, qy[] = {0, 1, 0, 3};
    /* mx 1/2, my 1: sxy = (-1/2)(-1) + (-1/2)(0) + (1/2)(-1) + (1/2)(2) = 1; sxx 1; syy 1 + 0 + 1 + 4 = 6 */
    assert_float_equal(boa_pearson(qx, qy, 4), 1 / sqrt(6), 1e-12);
    assert_true(isnan(boa_pearson(px, c, 3)));
    assert_true(isnan(boa_pearson(c, px, 3)));
}

/* u = 0.5 a/3 + 0.3 b/2 + 0.2 c on 4 x 3 x 2. */
static parley_utility *truth_of(parley_space *s)
{
    parley_utility *u = parley_utility_new(s);
    const double w[] = {0.5, 0.3, 0.2};
    for (size_t i = 0; i < 3; i++) {
        parley_utility_set_weight(u, i, w[i]);
        for (uint32_t v = 0; v < SIZES[i]; v++)
            parley_utility_set_value(u, i, v, (double)v / (SIZES[i] - 1));
    }
    return u;
}

/* The accuracy of a Smith model after one bid: over the whole space when it has at most `samples` outcomes (24 of
   24), else `samples` outcomes drawn issue by issue with SplitMix64 (a loop here); 0 samples means 1000. */
static void accuracy_whole_or_sampled(void **state)
{
    (void)state;
    parley_space *s = space_of(SIZES, 3);
    parley_utility *u = truth_of(s);
    parley_opponent_model *m = NULL;
    assert_int_equal(parley_opponent_model_new("smith", s, &m, NULL), PARLEY_OK);
    const uint32_t bid[3] = {3, 2, 1};
    parley_opponent_model_observe(m, bid, 0);
    for (size_t samples = 23; samples <= 24; samples++) {
        double model[24], real[24], se = 0;
        uint64_t st = 7;
        for (size_t k = 0; k < samples; k++) {
            uint32_t o[3];
            if (samples == 24)
                parley_space_decode(s, k, o);
            else
                for (size_t i = 0; i < 3; i++)
                    o[i] = (uint32_t)(parley_splitmix64(&st) % SIZES[i]);
            model[k] = parley_opponent_model_eval(m, o);
            real[k] = parley_utility_eval(u, o);
            se += (model[k] - real[k]) * (model[k] - real[k]);
        }
        parley_model_accuracy acc;
        assert_int_equal(parley_opponent_model_accuracy(m, u, samples, 7, &acc, NULL), PARLEY_OK);
        assert_int_equal(acc.samples, samples);
        assert_float_equal(acc.rmse, sqrt(se / (double)samples), 1e-12);
        assert_float_equal(acc.pearson, boa_pearson(model, real, samples), 1e-12);
        assert_float_equal(acc.kendall, boa_kendall_tau(model, real, samples), 1e-12);
    }
    parley_model_accuracy acc;
    assert_int_equal(parley_opponent_model_accuracy(m, u, 0, 7, &acc, NULL), PARLEY_OK);
    assert_int_equal(acc.samples, 24); /* 1000 asked: the whole space */
    parley_opponent_model_free(m);
    parley_utility_free(u);
    parley_space_free(s);
}

/* The limits of the parameters: at the limit accepted, past it refused with the message. */
static void component_parameter_limits(void **state)
{
    (void)state;
    parley_acceptance *a = NULL;
    parley_error err;
    const char *good[] = {"t=0", "t=1", "c=0", "c=1", "a=0.001"};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(parley_acceptance_new("combi", good[i], &a, &err), PARLEY_OK);
        parley_acceptance_free(a);
    }
    const char *bad[] = {"t=-0.01", "t=1.01", "c=-0.01", "c=1.01", "a=0"};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(parley_acceptance_new("combi", bad[i], &a, &err), PARLEY_EINVAL);
        assert_string_equal(err.message, "acceptance combi: t and c must be in [0,1] and a > 0");
        assert_null(a);
    }
    assert_int_equal(parley_acceptance_new("maybe", "", &a, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "unknown acceptance strategy 'maybe' (expected next, const, time, prev or combi)");
    /* defaults: time t = 0.99 (accepts strictly after), combi t = 0.98, const c = 0.9 */
    parley_acceptance_input in = {0.99, 0.9, 1, 1, NULL, NULL, 0};
    assert_int_equal(parley_acceptance_new("time", "", &a, NULL), PARLEY_OK);
    assert_int_equal(parley_acceptance_decide(a, &in), 0);
    in.time = 0.9901;
    assert_int_equal(parley_acceptance_decide(a, &in), 1);
    parley_acceptance_free(a);
    assert_int_equal(parley_acceptance_new("const", "", &a, NULL), PARLEY_OK);
    assert_int_equal(parley_acceptance_decide(a, &in), 0);
    in.offered = 0.9001;
    assert_int_equal(parley_acceptance_decide(a, &in), 1);
    parley_acceptance_free(a);
    /* combi at its default T = 0.98 with nothing received: MAX^W is -inf, any offer passes from T on */
    assert_int_equal(parley_acceptance_new("combi", "", &a, NULL), PARLEY_OK);
    in.offered = 0.1, in.time = 0.98;
    assert_int_equal(parley_acceptance_decide(a, &in), 1);
    in.time = 0.979;
    assert_int_equal(parley_acceptance_decide(a, &in), 0);
    parley_acceptance_free(a);
    /* next: a = 1, b = 0 by default; exactly the next bid is enough */
    assert_int_equal(parley_acceptance_new("next", "", &a, NULL), PARLEY_OK);
    in.offered = 0.7, in.next_bid = 0.7;
    assert_int_equal(parley_acceptance_decide(a, &in), 1);
    in.next_bid = 0.7001;
    assert_int_equal(parley_acceptance_decide(a, &in), 0);
    parley_acceptance_free(a);

    parley_bidding *b = NULL;
    const char *bgood[] = {"e=0", "e=1000", "k=0", "k=1", "window=0", "window=1"};
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(parley_bidding_new("tft", bgood[i], &b, &err), PARLEY_OK);
        parley_bidding_free(b);
    }
    const char *bbad[] = {"e=-0.1", "e=1000.5", "k=-0.1", "k=1.1", "window=-0.1", "window=1.1"};
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(parley_bidding_new("tft", bbad[i], &b, &err), PARLEY_EINVAL);
        assert_string_equal(err.message, "bidding tft: e must be in [0,1000], k and window in [0,1]");
        assert_null(b);
    }
    assert_int_equal(parley_bidding_new("tft", "", &b, NULL), PARLEY_OK);
    assert_float_equal(parley_bidding_window(b), 0.02, 0);
    assert_true(parley_bidding_uses_nash(b));
    parley_bidding_free(b);
    assert_int_equal(parley_bidding_new("time", "e=0.5:k=0.1", &b, NULL), PARLEY_OK);
    assert_false(parley_bidding_uses_nash(b));
    /* F(0.5) = 0.1 + 0.9 * 0.5^2 = 0.325: 1 - 0.8 * 0.325 */
    parley_bidding_input in2 = {0.5, 1.0, 0.2, NAN, NULL, 0};
    assert_float_equal(parley_bidding_target(b, &in2), 0.74, 1e-12);
    parley_bidding_free(b);
    assert_int_equal(parley_bidding_new("zigzag", "", &b, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "unknown bidding strategy 'zigzag' (expected time or tft)");
}

/* NiceTitForTat's target: without a Nash estimate the midpoint of best and floor; clamped at the Nash package and at
   the floor; no move while the opponent has not conceded (or moved away). */
static void tft_target_clamps(void **state)
{
    (void)state;
    parley_bidding *b = NULL;
    assert_int_equal(parley_bidding_new("tft", "", &b, NULL), PARLEY_OK);
    const double ru[] = {0.3, 0.5, 0.4};
    /* Nash unknown: (1 + 0.2)/2 = 0.6; the opponent went 0.2 of 0.3: 2/3 of the way: 1 - 2/3 * 0.4 */
    parley_bidding_input in = {0.5, 1.0, 0.2, NAN, ru, 3};
    assert_float_equal(parley_bidding_target(b, &in), 1 - 0.4 * 2 / 3, 1e-12);
    const double far[] = {0.3, 0.9};
    in.received_utility = far, in.received = 2; /* beyond Nash: fraction 1: Nash itself */
    assert_float_equal(parley_bidding_target(b, &in), 0.6, 1e-12);
    in.nash = 0.5, in.floor = 0.55; /* Nash below the floor: the floor */
    assert_float_equal(parley_bidding_target(b, &in), 0.55, 1e-12);
    const double above[] = {0.7, 0.9};
    in.received_utility = above, in.floor = 0.2; /* first offer already past Nash: no way to go, its best */
    assert_float_equal(parley_bidding_target(b, &in), 1, 1e-12);
    in.received = 0;
    assert_float_equal(parley_bidding_target(b, &in), 1, 1e-12);
    parley_bidding_free(b);
}

/* The series of a negotiation's offers: party 1 (P1) of a boulware/conceder run on 2 issues 0..4 (20 rounds) makes
   some offers (counted here from the events); asked for more points than it made offers, one per offer, at the
   offers' times; a party that made no offer, or no point asked: 0; a party the scenario lacks: its message. */
static void accuracy_series_of_a_negotiation(void **state)
{
    (void)state;
    static const char json[] =
        "{\"issues\": [{\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 4},"
        " {\"name\": \"b\", \"type\": \"integer\", \"min\": 0, \"max\": 4}],"
        " \"parties\": [{\"name\": \"P0\", \"preferences\": {"
        "   \"a\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
        "   \"b\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
        "  {\"name\": \"P1\", \"preferences\": {"
        "   \"a\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}},"
        "   \"b\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}";
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_parse(json, strlen(json), "opposed.json", &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.rounds = 20;
    cfg.seed = 3;
    parley_negotiation *neg = NULL;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "boulware", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "conceder", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
    double when[64];
    size_t offers = 0;
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        if (parley_negotiation_event(neg, i, &ev, NULL) == PARLEY_OK && ev.kind == PARLEY_EVENT_OFFER &&
            ev.party == 1 && ev.outcome && offers < 64)
            when[offers++] = ev.time;
    }
    assert_true(offers >= 2 && offers < 64);
    parley_model_accuracy acc[64];
    double times[64];
    assert_int_equal(parley_negotiation_model_accuracy(neg, sc, 1, "frequency", 10, 64, acc, times, &err),
                     (long)offers);
    for (size_t i = 0; i < offers; i++)
        assert_float_equal(times[i], when[i], 0);
    assert_int_equal(parley_negotiation_model_accuracy(neg, sc, 1, "frequency", 10, 1, acc, NULL, &err), 1);
    assert_int_equal(parley_negotiation_model_accuracy(neg, sc, 1, "frequency", 10, 0, acc, times, &err), 0);
    assert_int_equal(parley_negotiation_model_accuracy(neg, sc, 2, "frequency", 10, 5, acc, times, &err),
                     PARLEY_EINVAL);
    assert_string_equal(err.message, "no negotiating party 2");
    assert_int_equal(parley_negotiation_model_accuracy(neg, sc, 1, "psychic", 10, 5, acc, times, &err),
                     PARLEY_EINVAL);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bayes_matches_the_reference),
        cmocka_unit_test(bayes_seen_set_and_breakdown),
        cmocka_unit_test(frequency_and_smith_by_hand),
        cmocka_unit_test(kendall_and_pearson_by_hand),
        cmocka_unit_test(accuracy_whole_or_sampled),
        cmocka_unit_test(component_parameter_limits),
        cmocka_unit_test(tft_target_clamps),
        cmocka_unit_test(accuracy_series_of_a_negotiation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill_agents12d.c: java.util.Random and the Java hashes of the ANAC ports (anac_java_random.c), and the
 * boundaries of CUHKAgent's and Caduceus's formulas (anac_cuhk.c, anac_caduceus.c) (issue 27).
 * The Java values come from the JDK itself (java 17 on the build machine, a throwaway Ref.java):
 *   new Random(-5): nextInt(2^30 + 1) six times (about half the draws are rejected: the rejection loop runs);
 *   new Random(123456789012345): nextInt(2^30), nextInt(1), nextInt(3), nextInt(), nextDouble(), nextInt(2);
 *   new Random(Long.MIN_VALUE): nextDouble(), nextInt(1000);
 *   String.hashCode of "hello", "héllo", "€5", "x😀y" (a surrogate pair), "";
 *   BidDetails.hashCode's formula 31 (31 (31 + Bid.hashCode) + fold(u)) + fold(time) with doubleToLongBits (which
 *   maps every NaN to 0x7ff8000000000000) for the bid (low, héllo, €5).
 * The other values are worked out in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

#include "agents/anac_classic.h"
#include "agents/anac_java_random.h"
#include "agents/anac_winners.h"
#include "core/splitmix.h"

static void java_random_matches_the_jdk(void **state)
{
    (void)state;
    java_random r;
    java_random_init(&r, -5);
    const int32_t rejected[] = {578319411, 780466721, 717457953, 737996328, 817965352, 617011057};
    for (int i = 0; i < 6; i++)
        assert_int_equal(java_random_next_int(&r, 1073741825), rejected[i]);
    java_random_init(&r, 123456789012345LL);
    assert_int_equal(java_random_next_int(&r, 1 << 30), 718490087);
    assert_int_equal(java_random_next_int(&r, 1), 0);
    assert_int_equal(java_random_next_int(&r, 3), 2);
    assert_int_equal(java_random_next(&r, 32), -1678701992);
    assert_true(java_random_next_double(&r) == 0.8815593546533792);
    assert_int_equal(java_random_next_int(&r, 2), 0);
    java_random_init(&r, INT64_MIN);
    assert_true(java_random_next_double(&r) == 0.730967787376657);
    assert_int_equal(java_random_next_int(&r, 1000), 29);
}

/* The harness's n-th seed is SplitMix64's output from the state base + (n - 1) * golden (the C generator here adds
   golden before it mixes). */
static void harness_seed_is_splitmix(void **state)
{
    (void)state;
    for (uint64_t base = 0; base < 3; base++)
        for (uint64_t n = 1; n < 5; n++) {
            uint64_t s = base * 1000003 + (n - 1) * 0x9E3779B97F4A7C15ull;
            assert_true(java_random_harness_seed(base * 1000003, n) == (int64_t)parley_splitmix64(&s));
        }
}

static void java_hashes(void **state)
{
    (void)state;
    assert_int_equal(java_string_hash("hello"), 99162322);
    assert_int_equal(java_string_hash("h\xc3\xa9llo"), 103094734);
    assert_int_equal(java_string_hash("\xe2\x82\xac" "5"), 259337);
    assert_int_equal(java_string_hash("x\xf0\x9f\x98\x80y"), 58534910);
    assert_int_equal(java_string_hash(""), 0);
    parley_space *s = parley_space_new();
    const char *a[] = {"high", "low"}, *b[] = {"h\xc3\xa9llo"}, *c[] = {"x", "\xe2\x82\xac" "5"};
    parley_space_add_categorical(s, "a", a, 2, NULL);
    parley_space_add_categorical(s, "b", b, 1, NULL);
    parley_space_add_categorical(s, "c", c, 2, NULL);
    const uint32_t bid[3] = {1, 0, 1};
    assert_int_equal(java_bid_hash(s, bid), 103461419);
    assert_int_equal(java_bid_details_hash_at(s, bid, 0.75, 0), -480294966);
    assert_int_equal(java_bid_details_hash(s, bid, 0.75), -480294966);
    assert_int_equal(java_bid_details_hash_at(s, bid, 0.75, -1), -1555085366);
    assert_int_equal(java_bid_details_hash_at(s, bid, -NAN, 0), -1521530934); /* a NaN of another sign */
    assert_int_equal(java_bid_details_hash_at(s, bid, 0.1, 0.3), 1359431719);
    parley_space_free(s);
}

/* opponent_generators: a whole count from 0 to 1e6; the generator numbers of party 0 and 1. */
static void harness_parameter(void **state)
{
    (void)state;
    uint64_t n = 99;
    parley_error err;
    assert_int_equal(java_random_harness_param("cuhk", "", &n, &err), PARLEY_OK);
    assert_int_equal(n, 0);
    assert_int_equal(java_random_harness_param("cuhk", "opponent_generators=1000000", &n, &err), PARLEY_OK);
    assert_int_equal(n, 1000000);
    const char *bad[] = {"opponent_generators=-1", "opponent_generators=1000001", "opponent_generators=1.5"};
    const char *shown[] = {"-1", "1e+06", "1.5"};
    for (int i = 0; i < 3; i++) {
        n = 7;
        assert_int_equal(java_random_harness_param("cuhk", bad[i], &n, &err), PARLEY_EINVAL);
        char want[160];
        snprintf(want, sizeof want, "agent cuhk: opponent_generators=%s (expected a count, 0 or more)", shown[i]);
        assert_string_equal(err.message, want); /* %g: 1000001 shows as 1e+06 */
        assert_int_equal(n, 7);
    }
    assert_int_equal(java_random_harness_param("cuhk", "generators=2", &n, &err), PARLEY_EINVAL);
}

/* CUHKAgent's formulas at their boundaries. */
static void cuhk_boundaries(void **state)
{
    (void)state;
    /* beta 1.8 above 0.75, 1.5 above 0.5: 0.08 + 0.92 * 0.7501^1.8 and 0.08 + 0.92 * 0.5001^1.5 */
    assert_float_equal(cuhk_concede_time(0.7501), 0.6282799003600549, 1e-12);
    assert_float_equal(cuhk_concede_time(0.5001), 0.4053667049604898, 1e-12);
    /* undiscounted: max - 0.05 above 3000 packages (3000 itself: the discounted formula with d = 1: max) */
    assert_float_equal(cuhk_threshold(0.5, 0.9, 1, 1, 3000, 1), 0.9, 1e-12);
    assert_float_equal(cuhk_threshold(0.5, 0.9, 1, 1, 3001, 1), 0.85, 1e-12);
    /* a threshold already lower stays */
    assert_float_equal(cuhk_threshold(0.5, 0.9, 1, 1, 3001, 0.8), 0.8, 1e-12);
    /* max - 0.25 above 10000 packages from t = 0.98 on */
    assert_float_equal(cuhk_threshold(0.98, 0.9, 1, 1, 10001, 1), 0.65, 1e-12);
    assert_float_equal(cuhk_threshold(0.9799, 0.9, 1, 1, 10001, 1), 0.85, 1e-12);
    assert_float_equal(cuhk_threshold(0.99, 0.9, 1, 1, 10000, 1), 0.85, 1e-12);
    /* discounted, d = 0.5, lambda 0.4: min threshold 0.8 * 0.5 / 0.5^0.4 = 0.4 * 2^0.4; at t = 0.2: a quarter of
       the way down; after lambda 0.8 * 0.5^(1 - t) */
    double low = 0.4 * pow(2, 0.4);
    assert_float_equal(cuhk_threshold(0.2, 0.8, 0.5, 0.4, 100, 1), 0.8 - (0.8 - low) * 0.25, 1e-12);
    assert_float_equal(cuhk_threshold(0.7, 0.8, 0.5, 0.4, 100, 1), 0.8 * pow(0.5, 0.3), 1e-12);
    assert_float_equal(cuhk_threshold(0.4, 0.8, 0.5, 0.4, 5000, 1), low, 1e-12); /* both formulas meet at lambda */
    /* ten distinct offers: (10/10)^2; eleven: the last ten (indices 1..10), seven of them seen once */
    unsigned times[12] = {1, 1, 1, 1, 1, 3, 3, 1, 1, 2, 1, 1};
    assert_float_equal(cuhk_concession_degree(times, 10), 1, 1e-12);
    assert_float_equal(cuhk_concession_degree(times, 11), 0.49, 1e-12);
    assert_float_equal(cuhk_concession_degree(times, 0), 0, 0);
}

/* Caduceus (ParsAgent's rule): best offers strictly before 0.83 d; then accepts strictly above its target
   1 - (t - 1/(rounds + 1))^(1/0.2 or 1/0.15), never below 0.7 (a NaN power: 0.7 too). */
static void caduceus_boundaries(void **state)
{
    (void)state;
    assert_false(caduceus_best_offer_time(0.83, 1));
    assert_true(caduceus_best_offer_time(0.8299, 1));
    assert_false(caduceus_best_offer_time(0.415, 0.5));
    assert_true(caduceus_best_offer_time(0.4149, 0.5));
    /* t - offset < 0: to the power 1/0.15 (not whole) NaN: the floor; to the power 5: 1 - a negative tiny: 1 */
    assert_float_equal(caduceus_pars_target(0.0005, 1000, 0), 0.7, 0);
    assert_float_equal(caduceus_pars_target(0.0005, 1000, 1), 1, 1e-12);
    /* rounds 0: no offset; t = 0.5, discount: 1 - 0.5^5 = 0.96875 */
    assert_float_equal(caduceus_pars_target(0.5, 0, 1), 0.96875, 1e-12);
    /* rounds 1: offset 1/2: t = 0.75: 1 - 0.25^5 */
    assert_float_equal(caduceus_pars_target(0.75, 1, 1), 1 - pow(0.25, 5), 1e-12);
    /* t = 0.9 (after 0.83): target 1 - 0.9^5 = 0.40951: the floor 0.7; strictly above it */
    assert_false(caduceus_accepts(0.9, 1, 0, 1, 0.7));
    assert_true(caduceus_accepts(0.9, 1, 0, 1, 0.7001));
    assert_false(caduceus_accepts(0.8299, 1, 0, 1, 1.0)); /* best-offer time: never */
    assert_true(caduceus_accepts(0.83, 1, 0, 1, 0.999));
    /* t = 0.85: 1 - 0.85^5 = 0.5562947: the floor */
    assert_true(caduceus_accepts(0.85, 1, 0, 1, 0.71));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(java_random_matches_the_jdk),
        cmocka_unit_test(harness_seed_is_splitmix),
        cmocka_unit_test(java_hashes),
        cmocka_unit_test(harness_parameter),
        cmocka_unit_test(cuhk_boundaries),
        cmocka_unit_test(caduceus_boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_boa_details.c: pieces of the opponent models and their measures, against values worked out by hand.
 *
 * Smith's frequency model, as GENIUS's SmithFrequencyModel: over the B bids seen, a value is worth its count / B
 * and an issue weighs its largest count / B, the weights normalised to sum 1.  After the bids (A=0,B=0),
 * (A=1,B=0), (A=2,B=0) over issues A (three values) and B (two): counts A [1,1,1], B [3,0]; values A
 * [1/3,1/3,1/3], B [1,0]; weights 1/3 : 1, so 1/4 and 3/4.  The estimate of (A=0, B=1) is 1/4 * 1/3 + 3/4 * 0
 * = 1/12, of (A=2, B=0) 1/4 * 1/3 + 3/4 * 1 = 5/6.
 *
 * Kendall's tau-b, (C - D) / sqrt((C + D + Tx)(C + D + Ty)), pairs tied on both sides counted nowhere:
 *   x = 1 2 3 4, y = 1 2 2 4: C = 5, D = 0, Ty = 1 -> 5 / sqrt(5 * 6);
 *   x = 1 1 2,   y = 1 1 3:   the first pair tied on both sides, C = 2 -> 1;
 *   x = 1 2 3,   y = 3 1 2:   C = 1, D = 2 -> -1/3.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>

#include "agents/boa.h"
#include "test_util.h"

static void smith_model_by_hand(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_text(
        "{\"issues\": [{\"name\": \"A\", \"type\": \"categorical\", \"values\": [\"a0\", \"a1\", \"a2\"]},"
        " {\"name\": \"B\", \"type\": \"categorical\", \"values\": [\"b0\", \"b1\"]}],"
        " \"parties\": [{\"name\": \"P\", \"preferences\": {\"A\": {\"weight\": 0.5, \"values\": {\"a0\": 1, \"a1\": 0, \"a2\": 0}},"
        " \"B\": {\"weight\": 0.5, \"values\": {\"b0\": 1, \"b1\": 0}}}},"
        " {\"name\": \"Q\", \"preferences\": {\"A\": {\"weight\": 0.5, \"values\": {\"a0\": 0, \"a1\": 1, \"a2\": 0}},"
        " \"B\": {\"weight\": 0.5, \"values\": {\"b0\": 0, \"b1\": 1}}}}]}",
        "smith");
    parley_opponent_model *m = NULL;
    parley_error err;
    assert_int_equal(parley_opponent_model_new("smith", parley_scenario_space(sc), &m, &err), PARLEY_OK);
    const uint32_t bids[3][2] = {{0, 0}, {1, 0}, {2, 0}};
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(parley_opponent_model_observe(m, bids[i], 0.1 * (double)(i + 1)), PARLEY_OK);
    assert_int_equal(parley_opponent_model_bids(m), 3);
    const uint32_t cheap[2] = {0, 1}, dear[2] = {2, 0};
    assert_float_equal(parley_opponent_model_eval(m, cheap), 1.0 / 12, 1e-12);
    assert_float_equal(parley_opponent_model_eval(m, dear), 5.0 / 6, 1e-12);
    parley_opponent_model_free(m);
    parley_scenario_free(sc);
}

static void kendall_tau_b_by_hand(void **state)
{
    (void)state;
    const double x1[] = {1, 2, 3, 4}, y1[] = {1, 2, 2, 4};
    assert_float_equal(boa_kendall_tau(x1, y1, 4), 5 / sqrt(30), 1e-12);
    assert_float_equal(boa_kendall_tau(y1, x1, 4), 5 / sqrt(30), 1e-12); /* the ties on the other side */
    const double x2[] = {1, 1, 2}, y2[] = {1, 1, 3};
    assert_float_equal(boa_kendall_tau(x2, y2, 3), 1.0, 1e-12);
    const double x3[] = {1, 2, 3}, y3[] = {3, 1, 2};
    assert_float_equal(boa_kendall_tau(x3, y3, 3), -1.0 / 3, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(smith_model_by_hand),
        cmocka_unit_test(kendall_tau_b_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

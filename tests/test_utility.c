/*
 * test_utility.c: a party's utility function (parley/utility.h): weights and
 * value tables, the weighted sum, GENIUS rectangles, the reservation value and
 * its curve over time, the discount, validation messages and deep copies.
 * Expected values are worked out by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <parley/utility.h>

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-12)

/* price 0..2 (3 values), color red/blue, share 0..1 by 0.5 */
static parley_space *make_space(void)
{
    parley_space *s = parley_space_new();
    const char *colors[] = {"red", "blue"};
    assert_int_equal(parley_space_add_integer(s, "price", 0, 2, 1, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_categorical(s, "color", colors, 2, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_real(s, "share", 0, 1, 0.5, NULL), PARLEY_OK);
    return s;
}

/* weights 0.5 / 0.3 / 0.2; price 1, 0.5, 0; color red 0.2 blue 1; share 0, 0.25, 1 */
static parley_utility *make_utility(const parley_space *s)
{
    parley_utility *u = parley_utility_new(s);
    assert_non_null(u);
    assert_int_equal(parley_utility_set_weight(u, 0, 0.5), PARLEY_OK);
    assert_int_equal(parley_utility_set_weight(u, 1, 0.3), PARLEY_OK);
    assert_int_equal(parley_utility_set_weight(u, 2, 0.2), PARLEY_OK);
    const double price[] = {1, 0.5, 0}, color[] = {0.2, 1}, share[] = {0, 0.25, 1};
    for (uint32_t v = 0; v < 3; v++) {
        assert_int_equal(parley_utility_set_value(u, 0, v, price[v]), PARLEY_OK);
        assert_int_equal(parley_utility_set_value(u, 2, v, share[v]), PARLEY_OK);
    }
    for (uint32_t v = 0; v < 2; v++)
        assert_int_equal(parley_utility_set_value(u, 1, v, color[v]), PARLEY_OK);
    return u;
}

static void test_new_is_zero(void **state)
{
    (void)state;
    parley_space *s = make_space();
    parley_utility *u = parley_utility_new(s);
    assert_ptr_equal(parley_utility_space(u), s);
    for (size_t i = 0; i < 3; i++) {
        assert_true(parley_utility_weight(u, i) == 0);
        for (uint32_t v = 0; v < parley_issue_value_count(s, i); v++)
            assert_true(parley_utility_value(u, i, v) == 0);
    }
    assert_true(parley_utility_reservation(u) == 0);
    assert_true(parley_utility_discount(u) == 1);
    assert_true(parley_utility_is_additive(u));
    assert_int_equal(parley_utility_rectangle_count(u), 0);
    assert_int_equal(parley_utility_reservation_curve(u, NULL, NULL), 0);
    /* all weights 0: valid (the sum of the weights is the loaders' business, GENIUS keeps them as written) */
    assert_int_equal(parley_utility_validate(u, NULL), PARLEY_OK);
    parley_utility_free(u);
    parley_utility_free(NULL);
    parley_space_free(s);
}

static void test_eval(void **state)
{
    (void)state;
    parley_space *s = make_space();
    parley_utility *u = make_utility(s);
    assert_int_equal(parley_utility_validate(u, NULL), PARLEY_OK);
    /* price=0, red, share=1: 0.5*1 + 0.3*0.2 + 0.2*1 = 0.5 + 0.06 + 0.2 = 0.76 */
    uint32_t a[3] = {0, 0, 2};
    NEAR(parley_utility_eval(u, a), 0.76);
    /* price=1, blue, share=0.5: 0.5*0.5 + 0.3*1 + 0.2*0.25 = 0.25 + 0.3 + 0.05 = 0.6 */
    uint32_t b[3] = {1, 1, 1};
    NEAR(parley_utility_eval(u, b), 0.6);
    /* price=2, red, share=0: 0 + 0.06 + 0 = 0.06 */
    uint32_t c[3] = {2, 0, 0};
    NEAR(parley_utility_eval(u, c), 0.06);
    /* best: price 0 (0.5) + blue (0.3) + share 1 (0.2) = 1 */
    NEAR(parley_utility_max_additive(u), 1.0);
    /* the accessors give back what was set */
    NEAR(parley_utility_weight(u, 1), 0.3);
    NEAR(parley_utility_value(u, 2, 1), 0.25);
    parley_utility_free(u);
    parley_space_free(s);
}

static void test_setters_refuse(void **state)
{
    (void)state;
    parley_space *s = make_space();
    parley_utility *u = make_utility(s);
    assert_int_equal(parley_utility_set_weight(u, 3, 0.1), PARLEY_EINVAL);  /* no issue 3 */
    assert_int_equal(parley_utility_set_weight(u, 0, NAN), PARLEY_EINVAL);
    assert_int_equal(parley_utility_set_weight(u, 0, INFINITY), PARLEY_EINVAL);
    assert_int_equal(parley_utility_set_value(u, 1, 2, 0.5), PARLEY_EINVAL); /* color has 2 values */
    assert_int_equal(parley_utility_set_value(u, 3, 0, 0.5), PARLEY_EINVAL);
    assert_int_equal(parley_utility_set_value(u, 0, 0, NAN), PARLEY_EINVAL);
    assert_int_equal(parley_utility_set_reservation(u, NAN), PARLEY_EINVAL);
    assert_int_equal(parley_utility_set_discount(u, 0), PARLEY_EINVAL);
    assert_int_equal(parley_utility_set_discount(u, -0.5), PARLEY_EINVAL);
    assert_int_equal(parley_utility_set_discount(u, 1.01), PARLEY_EINVAL);
    assert_int_equal(parley_utility_set_discount(u, NAN), PARLEY_EINVAL);
    /* nothing changed */
    NEAR(parley_utility_weight(u, 0), 0.5);
    NEAR(parley_utility_value(u, 0, 0), 1);
    assert_true(parley_utility_discount(u) == 1);
    assert_int_equal(parley_utility_validate(u, NULL), PARLEY_OK);
    parley_utility_free(u);
    parley_space_free(s);
}

static void test_validate_messages(void **state)
{
    (void)state;
    parley_space *s = make_space();
    parley_error err;

    parley_utility *u = make_utility(s);
    parley_utility_set_weight(u, 2, 0.3); /* 0.5 + 0.3 + 0.3 = 1.1: kept as written (GENIUS semantics) */
    assert_int_equal(parley_utility_validate(u, NULL), PARLEY_OK);
    /* price=0, blue, share=1: 0.5*1 + 0.3*1 + 0.3*1 = 1.1, capped at 1 as GENIUS's getUtility does */
    uint32_t top[3] = {0, 1, 2};
    assert_true(parley_utility_eval(u, top) == 1);
    parley_utility_set_weight(u, 2, 0.2);
    parley_utility_free(u);

    u = make_utility(s);
    parley_utility_set_weight(u, 1, -0.1);
    parley_utility_set_weight(u, 0, 0.9);
    parley_error_clear(&err);
    assert_int_equal(parley_utility_validate(u, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "weight of issue 'color' is -0.1"));
    parley_utility_free(u);

    u = make_utility(s);
    parley_utility_set_value(u, 1, 1, 1.5);
    parley_error_clear(&err);
    assert_int_equal(parley_utility_validate(u, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "color=blue is 1.5"));
    parley_utility_set_value(u, 1, 1, 1);
    parley_utility_set_value(u, 2, 1, -0.25);
    parley_error_clear(&err);
    assert_int_equal(parley_utility_validate(u, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "share=0.5 is -0.25"));
    parley_utility_free(u);

    u = make_utility(s);
    parley_utility_set_reservation(u, 1.5);
    parley_error_clear(&err);
    assert_int_equal(parley_utility_validate(u, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "reservation value 1.5"));
    parley_utility_set_reservation(u, -0.01);
    assert_int_equal(parley_utility_validate(u, NULL), PARLEY_EINVAL);
    parley_utility_set_reservation(u, 1);
    assert_int_equal(parley_utility_validate(u, NULL), PARLEY_OK);
    parley_utility_set_reservation(u, 0);
    assert_int_equal(parley_utility_validate(u, NULL), PARLEY_OK);
    double t[] = {0, 1}, r[] = {0.5, 1.2};
    assert_int_equal(parley_utility_set_reservation_curve(u, 2, t, r), PARLEY_OK);
    parley_error_clear(&err);
    assert_int_equal(parley_utility_validate(u, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "reservation curve point (1, 1.2)"));
    double t2[] = {0, 1.5}, r2[] = {0.5, 0.2};
    assert_int_equal(parley_utility_set_reservation_curve(u, 2, t2, r2), PARLEY_OK);
    assert_int_equal(parley_utility_validate(u, NULL), PARLEY_EINVAL);
    parley_utility_free(u);
    parley_space_free(s);
}

static void test_rectangles(void **state)
{
    (void)state;
    parley_space *s = make_space();
    parley_utility *u = make_utility(s);
    /* rectangle A: price in [0,1] and share in [1,2], worth 6; rectangle B: everything, worth 2; scale 10 */
    size_t ia[] = {0, 2};
    uint32_t loa[] = {0, 1}, hia[] = {1, 2};
    assert_int_equal(parley_utility_add_rectangle(u, 6, 2, ia, loa, hia), PARLEY_OK);
    assert_int_equal(parley_utility_add_rectangle(u, 2, 0, NULL, NULL, NULL), PARLEY_OK);
    parley_utility_set_rectangle_scale(u, 10);
    parley_utility_set_rectangle_scale(u, 0);   /* refused: stays 10 */
    parley_utility_set_rectangle_scale(u, NAN); /* refused */
    assert_true(parley_utility_rectangle_scale(u) == 10);
    assert_false(parley_utility_is_additive(u));
    assert_int_equal(parley_utility_rectangle_count(u), 2);
    /* price=1, blue, share=0.5: additive 0.6 (see test_eval), inside A and B: (6 + 2) / 10 = 0.8 -> 1.4,
       capped at 1 as GENIUS's NonlinearUtilitySpace.getUtility does */
    uint32_t in[3] = {1, 1, 1};
    NEAR(parley_utility_eval(u, in), 1);
    /* price=2 is outside A: 0.5*0 + 0.3*1 + 0.2*0.25 = 0.35, plus B 0.2 -> 0.55 */
    uint32_t out[3] = {2, 1, 1};
    NEAR(parley_utility_eval(u, out), 0.55);
    /* share=0 is outside A: 0.5*0.5 + 0.3*1 + 0 = 0.55, plus 0.2 -> 0.75 */
    uint32_t edge[3] = {1, 1, 0};
    NEAR(parley_utility_eval(u, edge), 0.75);
    double util;
    size_t issues[4];
    uint32_t lo[4], hi[4];
    assert_int_equal(parley_utility_rectangle(u, 0, &util, issues, lo, hi, 4), 2);
    assert_true(util == 6 && issues[1] == 2 && lo[1] == 1 && hi[1] == 2);
    assert_int_equal(parley_utility_rectangle(u, 0, NULL, NULL, NULL, NULL, 0), 2);
    /* bad rectangles */
    size_t bad_issue[] = {3};
    uint32_t zero[] = {0}, one[] = {1};
    assert_int_equal(parley_utility_add_rectangle(u, 1, 1, bad_issue, zero, zero), PARLEY_EINVAL);
    size_t ok_issue[] = {0};
    assert_int_equal(parley_utility_add_rectangle(u, 1, 1, ok_issue, one, zero), PARLEY_EINVAL); /* lo > hi */
    assert_int_equal(parley_utility_rectangle_count(u), 2);
    /* with rectangles the weights need not sum to 1 (GENIUS non-linear profiles) */
    parley_utility_set_weight(u, 0, 0);
    assert_int_equal(parley_utility_validate(u, NULL), PARLEY_OK);
    /* many rectangles: the array grows */
    for (int k = 0; k < 100; k++)
        assert_int_equal(parley_utility_add_rectangle(u, 0, 1, ok_issue, zero, one), PARLEY_OK);
    assert_int_equal(parley_utility_rectangle_count(u), 102);
    parley_utility_free(u);
    parley_space_free(s);
}

static void test_reservation_curve(void **state)
{
    (void)state;
    parley_space *s = make_space();
    parley_utility *u = make_utility(s);
    parley_utility_set_reservation(u, 0.3);
    NEAR(parley_utility_reservation_at(u, 0.7), 0.3); /* no curve: the constant */
    /* (0, 0.8) (0.5, 0.6) (1, 0.2): at 0.25 halfway 0.8->0.6 = 0.7; at 0.75 halfway 0.6->0.2 = 0.4 */
    double t[] = {0, 0.5, 1}, r[] = {0.8, 0.6, 0.2};
    assert_int_equal(parley_utility_set_reservation_curve(u, 3, t, r), PARLEY_OK);
    t[0] = 99; /* copied */
    NEAR(parley_utility_reservation_at(u, 0), 0.8);
    NEAR(parley_utility_reservation_at(u, 0.25), 0.7);
    NEAR(parley_utility_reservation_at(u, 0.5), 0.6);
    NEAR(parley_utility_reservation_at(u, 0.75), 0.4);
    NEAR(parley_utility_reservation_at(u, 1), 0.2);
    NEAR(parley_utility_reservation_at(u, -1), 0.8); /* flat beyond the ends */
    NEAR(parley_utility_reservation_at(u, 2), 0.2);
    const double *ct, *cr;
    assert_int_equal(parley_utility_reservation_curve(u, &ct, &cr), 3);
    assert_true(ct[0] == 0 && cr[2] == 0.2);
    /* a curve starting later: before its first point it is flat at that point's value */
    double t2[] = {0.2, 0.6}, r2[] = {0.5, 0.1};
    assert_int_equal(parley_utility_set_reservation_curve(u, 2, t2, r2), PARLEY_OK);
    NEAR(parley_utility_reservation_at(u, 0.1), 0.5);
    NEAR(parley_utility_reservation_at(u, 0.4), 0.3);
    /* refused: time not increasing, NaN; the old curve stays */
    double bad_t[] = {0.5, 0.5}, bad_r[] = {0.1, 0.2};
    assert_int_equal(parley_utility_set_reservation_curve(u, 2, bad_t, bad_r), PARLEY_EINVAL);
    double nan_t[] = {0, NAN};
    assert_int_equal(parley_utility_set_reservation_curve(u, 2, nan_t, bad_r), PARLEY_EINVAL);
    NEAR(parley_utility_reservation_at(u, 0.4), 0.3);
    /* n = 0 removes it */
    assert_int_equal(parley_utility_set_reservation_curve(u, 0, NULL, NULL), PARLEY_OK);
    NEAR(parley_utility_reservation_at(u, 0.4), 0.3);
    assert_int_equal(parley_utility_reservation_curve(u, NULL, NULL), 0);
    /* one point: flat everywhere */
    double one_t[] = {0.5}, one_r[] = {0.45};
    assert_int_equal(parley_utility_set_reservation_curve(u, 1, one_t, one_r), PARLEY_OK);
    NEAR(parley_utility_reservation_at(u, 0), 0.45);
    NEAR(parley_utility_reservation_at(u, 1), 0.45);
    parley_utility_free(u);
    parley_space_free(s);
}

static void test_discount(void **state)
{
    (void)state;
    parley_space *s = make_space();
    parley_utility *u = make_utility(s);
    NEAR(parley_utility_discounted(u, 0.8, 0.5), 0.8); /* d = 1: no discount */
    assert_int_equal(parley_utility_set_discount(u, 0.5), PARLEY_OK);
    NEAR(parley_utility_discounted(u, 0.8, 0), 0.8);
    NEAR(parley_utility_discounted(u, 0.8, 1), 0.4);               /* 0.8 * 0.5^1 */
    NEAR(parley_utility_discounted(u, 0.8, 0.5), 0.8 * sqrt(0.5)); /* 0.8 * 0.5^0.5 */
    NEAR(parley_utility_discounted(u, 0.8, 2), 0.4);               /* t clamped to 1 */
    NEAR(parley_utility_discounted(u, 0.8, -1), 0.8);              /* t clamped to 0 */
    assert_int_equal(parley_utility_set_discount(u, 1), PARLEY_OK);
    parley_utility_free(u);
    parley_space_free(s);
}

static void test_clone(void **state)
{
    (void)state;
    parley_space *s = make_space();
    parley_utility *u = make_utility(s);
    parley_utility_set_reservation(u, 0.4);
    parley_utility_set_discount(u, 0.9);
    double t[] = {0, 1}, r[] = {0.6, 0.2};
    parley_utility_set_reservation_curve(u, 2, t, r);
    size_t ia[] = {1};
    uint32_t lo[] = {1}, hi[] = {1};
    parley_utility_add_rectangle(u, 3, 1, ia, lo, hi);
    parley_utility_set_rectangle_scale(u, 4);
    parley_utility *c = parley_utility_clone(u);
    assert_non_null(c);
    assert_ptr_equal(parley_utility_space(c), s);
    /* change the original: the copy keeps its own tables */
    parley_utility_set_value(u, 0, 0, 0);
    parley_utility_set_weight(u, 1, 0);
    parley_utility_set_reservation_curve(u, 0, NULL, NULL);
    NEAR(parley_utility_value(c, 0, 0), 1);
    NEAR(parley_utility_weight(c, 1), 0.3);
    NEAR(parley_utility_reservation(c), 0.4);
    NEAR(parley_utility_discount(c), 0.9);
    NEAR(parley_utility_reservation_at(c, 0.5), 0.4);
    assert_int_equal(parley_utility_rectangle_count(c), 1);
    assert_true(parley_utility_rectangle_scale(c) == 4);
    /* price=0, blue, share=0: 0.5 + 0.3 + 0 = 0.8, plus rectangle (color=blue) 3/4 = 1.55, capped at 1 */
    uint32_t v[3] = {0, 1, 0};
    NEAR(parley_utility_eval(c, v), 1);
    /* price=2, red, share=0: 0.3*0.2 = 0.06, outside the rectangle: not capped */
    uint32_t w[3] = {2, 0, 0};
    NEAR(parley_utility_eval(c, w), 0.06);
    parley_utility_free(u);
    parley_utility_free(c);
    parley_space_free(s);
}

static void test_empty_space(void **state)
{
    (void)state;
    parley_space *s = parley_space_new();
    parley_utility *u = parley_utility_new(s);
    assert_non_null(u);
    NEAR(parley_utility_eval(u, NULL), 0);
    NEAR(parley_utility_max_additive(u), 0);
    assert_int_equal(parley_utility_validate(u, NULL), PARLEY_OK);
    parley_utility *c = parley_utility_clone(u);
    assert_non_null(c);
    parley_utility_free(c);
    parley_utility_free(u);
    parley_space_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_is_zero),       cmocka_unit_test(test_eval),
        cmocka_unit_test(test_setters_refuse),    cmocka_unit_test(test_validate_messages),
        cmocka_unit_test(test_rectangles),        cmocka_unit_test(test_reservation_curve),
        cmocka_unit_test(test_discount),          cmocka_unit_test(test_clone),
        cmocka_unit_test(test_empty_space),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_space.c: the outcome space (parley/space.h): issues of the three kinds,
 * their grids and labels, name rules, limits, the mixed-radix numbering of
 * outcomes and the text forms of values and outcomes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/space.h>

static void test_categorical(void **state)
{
    (void)state;
    parley_space *s = parley_space_new();
    parley_error err;
    const char *labels[] = {"none", "some", "all"};
    assert_int_equal(parley_space_add_categorical(s, "release", labels, 3, &err), PARLEY_OK);
    assert_int_equal(parley_space_issue_count(s), 1);
    assert_string_equal(parley_issue_name(s, 0), "release");
    assert_int_equal(parley_issue_type_of(s, 0), PARLEY_ISSUE_CATEGORICAL);
    assert_int_equal(parley_issue_value_count(s, 0), 3);
    assert_string_equal(parley_issue_label(s, 0, 0), "none");
    assert_string_equal(parley_issue_label(s, 0, 2), "all");
    assert_null(parley_issue_label(s, 0, 3));
    assert_int_equal(parley_issue_find_label(s, 0, "some"), 1);
    assert_int_equal(parley_issue_find_label(s, 0, "Some"), -1);
    assert_int_equal(parley_issue_find_label(s, 0, ""), -1);
    assert_int_equal(parley_issue_find_number(s, 0, 1.0), -1); /* categorical: no numbers */
    /* the documented grid of a categorical issue: 0..count-1 by 1 */
    assert_true(parley_issue_min(s, 0) == 0 && parley_issue_max(s, 0) == 2 && parley_issue_step(s, 0) == 1);
    assert_true(parley_issue_number(s, 0, 2) == 2);
    char buf[32];
    assert_string_equal(parley_issue_format_value(s, 0, 1, buf, sizeof buf), "some");
    /* labels are copied */
    char mutable[] = "x";
    const char *one[] = {mutable};
    assert_int_equal(parley_space_add_categorical(s, "single", one, 1, &err), PARLEY_OK);
    mutable[0] = 'y';
    assert_string_equal(parley_issue_label(s, 1, 0), "x");
    assert_int_equal(parley_space_find_issue(s, "single"), 1);
    assert_int_equal(parley_space_find_issue(s, "Single"), -1);
    parley_space_free(s);
}

static void test_categorical_errors(void **state)
{
    (void)state;
    parley_space *s = parley_space_new();
    parley_error err;
    const char *dup[] = {"a", "b", "a"};
    parley_error_clear(&err);
    assert_int_equal(parley_space_add_categorical(s, "x", dup, 3, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "'a' is listed twice"));
    const char *empty[] = {"a", ""};
    assert_int_equal(parley_space_add_categorical(s, "x", empty, 2, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "empty"));
    const char *null_label[] = {"a", NULL};
    assert_int_equal(parley_space_add_categorical(s, "x", null_label, 2, &err), PARLEY_EINVAL);
    assert_int_equal(parley_space_add_categorical(s, "x", dup, 0, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "needs 1 to"));
    assert_int_equal(parley_space_issue_count(s), 0); /* nothing half-added */
    /* err may be NULL */
    assert_int_equal(parley_space_add_categorical(s, "x", dup, 3, NULL), PARLEY_EINVAL);
    parley_space_free(s);
}

static void test_names(void **state)
{
    (void)state;
    parley_space *s = parley_space_new();
    parley_error err;
    static const char *good[] = {"a", "_", "_x1", "end_of_war", "A9_b"};
    static const char *bad[] = {"", "1a", "a-b", "a b", "é", "a.b", "x\n"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        assert_int_equal(parley_space_add_integer(s, good[i], 0, 1, 1, &err), PARLEY_OK);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        parley_error_clear(&err);
        assert_int_equal(parley_space_add_integer(s, bad[i], 0, 1, 1, &err), PARLEY_EINVAL);
        assert_non_null(strstr(err.message, "not an identifier"));
    }
    assert_int_equal(parley_space_add_integer(s, NULL, 0, 1, 1, &err), PARLEY_EINVAL);
    parley_error_clear(&err);
    assert_int_equal(parley_space_add_real(s, "a", 0, 1, 0.5, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "'a' is defined twice"));
    assert_int_equal(parley_space_issue_count(s), 5);
    parley_space_free(s);
}

static void test_integer(void **state)
{
    (void)state;
    parley_space *s = parley_space_new();
    parley_error err;
    assert_int_equal(parley_space_add_integer(s, "prisoners", 0, 1000, 50, &err), PARLEY_OK);
    assert_int_equal(parley_issue_type_of(s, 0), PARLEY_ISSUE_INTEGER);
    assert_int_equal(parley_issue_value_count(s, 0), 21); /* 0, 50, ..., 1000 */
    assert_true(parley_issue_number(s, 0, 0) == 0);
    assert_true(parley_issue_number(s, 0, 7) == 350);
    assert_true(parley_issue_max(s, 0) == 1000);
    assert_true(parley_issue_step(s, 0) == 50);
    assert_int_equal(parley_issue_find_number(s, 0, 350), 7);
    assert_int_equal(parley_issue_find_number(s, 0, 351), -1);
    assert_int_equal(parley_issue_find_number(s, 0, 1050), -1);
    assert_int_equal(parley_issue_find_number(s, 0, -50), -1);
    assert_int_equal(parley_issue_find_number(s, 0, NAN), -1);
    assert_int_equal(parley_issue_find_number(s, 0, INFINITY), -1);
    assert_null(parley_issue_label(s, 0, 0));
    assert_int_equal(parley_issue_find_label(s, 0, "50"), -1);
    char buf[32];
    assert_string_equal(parley_issue_format_value(s, 0, 20, buf, sizeof buf), "1000");
    /* negative ranges and a single value */
    assert_int_equal(parley_space_add_integer(s, "temp", -5, 5, 1, &err), PARLEY_OK);
    assert_int_equal(parley_issue_value_count(s, 1), 11);
    assert_string_equal(parley_issue_format_value(s, 1, 0, buf, sizeof buf), "-5");
    assert_int_equal(parley_issue_find_number(s, 1, -3), 2);
    assert_int_equal(parley_space_add_integer(s, "one", 7, 7, 3, &err), PARLEY_OK);
    assert_int_equal(parley_issue_value_count(s, 2), 1);
    parley_space_free(s);
}

static void test_integer_errors(void **state)
{
    (void)state;
    parley_space *s = parley_space_new();
    parley_error err;
    struct {
        int64_t min, max, step;
        const char *fragment;
    } cases[] = {
        {0, 10, 0, "step must be a positive"},
        {0, 10, -1, "step must be a positive"},
        {10, 0, 1, "max 0 is below min 10"},
        {0, 10, 3, "max 10 is not reached from min 0 in steps of 3"},
        {0, 10000000, 1, "would have 10000001 values"}, /* one over PARLEY_MAX_ISSUE_VALUES */
        /* ranges whose width does not fit in 64 bits must be refused, not overflow */
        {INT64_MIN, INT64_MAX, 1, "issue 'x'"},
        {INT64_MIN, INT64_MAX, INT64_MAX, "issue 'x'"},
        {-9000000000000000000LL, 9000000000000000000LL, 1000000000000LL, "issue 'x'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        parley_error_clear(&err);
        assert_int_equal(parley_space_add_integer(s, "x", cases[i].min, cases[i].max, cases[i].step, &err),
                         PARLEY_EINVAL);
        if (!strstr(err.message, cases[i].fragment))
            fail_msg("case %zu: message '%s' lacks '%s'", i, err.message, cases[i].fragment);
    }
    /* exactly the limit is fine */
    assert_int_equal(parley_space_add_integer(s, "big", 1, PARLEY_MAX_ISSUE_VALUES, 1, &err), PARLEY_OK);
    assert_int_equal(parley_issue_value_count(s, 0), PARLEY_MAX_ISSUE_VALUES);
    assert_int_equal(parley_space_issue_count(s), 1);
    parley_space_free(s);
}

static void test_real(void **state)
{
    (void)state;
    parley_space *s = parley_space_new();
    parley_error err;
    char buf[32];
    assert_int_equal(parley_space_add_real(s, "share", 0, 1, 0.1, &err), PARLEY_OK);
    assert_int_equal(parley_issue_type_of(s, 0), PARLEY_ISSUE_REAL);
    assert_int_equal(parley_issue_value_count(s, 0), 11);
    /* 0.3/0.1 is 2.9999999999999996 in binary: still a whole number of steps */
    assert_int_equal(parley_space_add_real(s, "small", 0, 0.3, 0.1, &err), PARLEY_OK);
    assert_int_equal(parley_issue_value_count(s, 1), 4);
    assert_int_equal(parley_space_add_real(s, "offset", 0.1, 0.7, 0.2, &err), PARLEY_OK);
    assert_int_equal(parley_issue_value_count(s, 2), 4);
    assert_true(fabs(parley_issue_number(s, 2, 3) - 0.7) < 1e-12);
    assert_true(fabs(parley_issue_max(s, 2) - 0.7) < 1e-12);
    /* every grid value is found again from its decimal form */
    for (uint32_t v = 0; v < 11; v++) {
        double x = v / 10.0;
        assert_int_equal(parley_issue_find_number(s, 0, x), (long)v);
    }
    assert_int_equal(parley_issue_find_number(s, 0, 0.1 * 3), 3);
    assert_int_equal(parley_issue_find_number(s, 0, 0.35), -1);
    assert_int_equal(parley_issue_find_number(s, 0, 1.1), -1);
    assert_int_equal(parley_issue_find_number(s, 0, -0.1), -1);
    /* values print in their short decimal form, not 0.30000000000000004 */
    assert_string_equal(parley_issue_format_value(s, 0, 3, buf, sizeof buf), "0.3");
    assert_string_equal(parley_issue_format_value(s, 0, 7, buf, sizeof buf), "0.7");
    assert_string_equal(parley_issue_format_value(s, 0, 10, buf, sizeof buf), "1");
    assert_string_equal(parley_issue_format_value(s, 2, 1, buf, sizeof buf), "0.3");
    /* a real range with a fractional start */
    assert_int_equal(parley_space_add_real(s, "cost", -1.5, 1.5, 0.5, &err), PARLEY_OK);
    assert_string_equal(parley_issue_format_value(s, 3, 0, buf, sizeof buf), "-1.5");
    assert_int_equal(parley_issue_find_number(s, 3, 0.5), 4);
    parley_space_free(s);
}

static void test_real_errors(void **state)
{
    (void)state;
    parley_space *s = parley_space_new();
    parley_error err;
    struct {
        double min, max, step;
        const char *fragment;
    } cases[] = {
        {0, 1, 0, "positive step"},
        {0, 1, -0.1, "positive step"},
        {0, 1, NAN, "positive step"},
        {NAN, 1, 0.1, "positive step"},
        {0, INFINITY, 0.1, "positive step"},
        {-INFINITY, 0, 0.1, "positive step"},
        {1, 0, 0.1, "below min"},
        {0, 1, 0.3, "is not reached"},
        {0, 1, 1e-9, "values (expected 1 to"},
        {-1e308, 1e308, 1, "values (expected 1 to"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        parley_error_clear(&err);
        assert_int_equal(parley_space_add_real(s, "x", cases[i].min, cases[i].max, cases[i].step, &err),
                         PARLEY_EINVAL);
        if (!strstr(err.message, cases[i].fragment))
            fail_msg("case %zu: message '%s' lacks '%s'", i, err.message, cases[i].fragment);
    }
    assert_int_equal(parley_space_issue_count(s), 0);
    parley_space_free(s);
}

static void test_issue_limit(void **state)
{
    (void)state;
    parley_space *s = parley_space_new();
    parley_error err;
    char name[32];
    for (unsigned i = 0; i < PARLEY_MAX_ISSUES; i++) {
        snprintf(name, sizeof name, "i%u", i);
        assert_int_equal(parley_space_add_integer(s, name, 0, 1, 1, &err), PARLEY_OK);
    }
    parley_error_clear(&err);
    assert_int_equal(parley_space_add_integer(s, "one_more", 0, 1, 1, &err), PARLEY_ERANGE);
    assert_non_null(strstr(err.message, "too many issues"));
    assert_int_equal(parley_space_issue_count(s), PARLEY_MAX_ISSUES);
    /* 2^4096 outcomes: the double size is huge but finite, the 64-bit size refused */
    uint64_t n = 0;
    assert_int_equal(parley_space_size_u64(s, &n), PARLEY_ERANGE);
    double d = parley_space_size(s);
    assert_true(d > 1e300 || isinf(d)); /* header: "huge spaces give large finite values" (2^4096 overflows) */
    parley_space_free(s);
}

static void test_size_and_numbering(void **state)
{
    (void)state;
    parley_space *s = parley_space_new();
    parley_error err;
    const char *abc[] = {"a", "b", "c"};
    assert_int_equal(parley_space_add_categorical(s, "w", abc, 3, &err), PARLEY_OK);
    assert_int_equal(parley_space_add_integer(s, "x", 5, 5, 1, &err), PARLEY_OK);
    assert_int_equal(parley_space_add_real(s, "y", 0, 1.5, 0.5, &err), PARLEY_OK);
    assert_int_equal(parley_space_add_integer(s, "z", 0, 2, 2, &err), PARLEY_OK);
    /* radices 3, 1, 4, 2 */
    uint64_t n = 0;
    assert_int_equal(parley_space_size_u64(s, &n), PARLEY_OK);
    assert_int_equal(n, 24);
    assert_true(parley_space_size(s) == 24);
    uint64_t k = 0;
    /* issue 0 is the most significant digit: walk the digits in that order */
    for (uint32_t w = 0; w < 3; w++)
        for (uint32_t y = 0; y < 4; y++)
            for (uint32_t z = 0; z < 2; z++, k++) {
                uint32_t expect[4] = {w, 0, y, z}, got[4] = {9, 9, 9, 9};
                assert_int_equal(k, ((w * 1 + 0) * 4 + y) * 2 + z);
                parley_space_decode(s, k, got);
                assert_memory_equal(got, expect, sizeof expect);
                assert_int_equal(parley_space_encode(s, expect), k);
            }
    char buf[128];
    uint32_t v[4] = {2, 0, 3, 1};
    assert_string_equal(parley_outcome_format(s, v, buf, sizeof buf), "w=c, x=5, y=1.5, z=2");
    /* truncation never overflows and stays terminated */
    for (size_t size = 0; size < 24; size++) {
        char small[32];
        memset(small, 'Q', sizeof small);
        parley_outcome_format(s, v, small, size);
        if (size > 0) {
            assert_true(strlen(small) < size);
            assert_memory_equal(small, "w=c, x=5, y=1.5, z=2", strlen(small));
        }
        for (size_t j = size; j < sizeof small; j++)
            assert_int_equal(small[j], 'Q');
    }
    parley_space_free(s);
}

static void test_size_limits(void **state)
{
    (void)state;
    parley_space *s = parley_space_new();
    parley_error err;
    uint64_t n = 0;
    /* empty space: one (empty) outcome */
    assert_int_equal(parley_space_size_u64(s, &n), PARLEY_OK);
    assert_int_equal(n, 1);
    /* 2^64 itself does not fit; 2^63 does */
    char name[16];
    for (int i = 0; i < 63; i++) {
        snprintf(name, sizeof name, "b%d", i);
        assert_int_equal(parley_space_add_integer(s, name, 0, 1, 1, &err), PARLEY_OK);
    }
    assert_int_equal(parley_space_size_u64(s, &n), PARLEY_OK);
    assert_true(n == (uint64_t)1 << 63);
    /* the last outcome decodes to all ones and encodes back */
    uint32_t v[64];
    parley_space_decode(s, n - 1, v);
    for (int i = 0; i < 63; i++)
        assert_int_equal(v[i], 1);
    assert_true(parley_space_encode(s, v) == n - 1);
    assert_int_equal(parley_space_add_integer(s, "b63", 0, 1, 1, &err), PARLEY_OK);
    assert_int_equal(parley_space_size_u64(s, &n), PARLEY_ERANGE);
    assert_true(parley_space_size(s) == 18446744073709551616.0);
    parley_space_free(s);
    /* three issues of 5*10^6 values: 1.25*10^20 outcomes; a fourth would pass the cap of 2^24 values in all */
    s = parley_space_new();
    for (int i = 0; i < 3; i++) {
        snprintf(name, sizeof name, "m%d", i);
        assert_int_equal(parley_space_add_integer(s, name, 1, 5000000, 1, &err), PARLEY_OK);
    }
    assert_int_equal(parley_space_size_u64(s, &n), PARLEY_ERANGE);
    assert_true(fabs(parley_space_size(s) - 1.25e20) < 1e6);
    assert_int_equal(parley_space_add_integer(s, "m3", 1, 5000000, 1, &err), PARLEY_ERANGE);
    assert_non_null(strstr(err.message, "values in all"));
    const char *labels[] = {"a", "b"};
    assert_int_equal(parley_space_add_categorical(s, "c", labels, 2, &err), PARLEY_OK); /* 1.5e7 + 2 fits */
    parley_space_free(s);
}

static void test_description(void **state)
{
    (void)state;
    parley_space *s = parley_space_new();
    parley_error err;
    assert_int_equal(parley_space_add_integer(s, "x", 0, 1, 1, &err), PARLEY_OK);
    assert_null(parley_issue_description(s, 0));
    assert_int_equal(parley_space_set_description(s, 0, "first"), PARLEY_OK);
    assert_int_equal(parley_space_set_description(s, 0, "second"), PARLEY_OK);
    assert_string_equal(parley_issue_description(s, 0), "second");
    assert_int_equal(parley_space_set_description(s, 0, NULL), PARLEY_OK);
    assert_null(parley_issue_description(s, 0));
    assert_int_equal(parley_space_set_description(s, 1, "no such issue"), PARLEY_EINVAL);
    parley_space_free(s);
    parley_space_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_categorical),
        cmocka_unit_test(test_categorical_errors),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_integer),
        cmocka_unit_test(test_integer_errors),
        cmocka_unit_test(test_real),
        cmocka_unit_test(test_real_errors),
        cmocka_unit_test(test_issue_limit),
        cmocka_unit_test(test_size_and_numbering),
        cmocka_unit_test(test_size_limits),
        cmocka_unit_test(test_description),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

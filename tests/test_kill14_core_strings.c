/*
 * test_kill14_core_strings.c: the string helpers of src/core/strutil.c at their boundaries, values written by hand
 * (issue 27, seed-144 probe of src/core): the typo suggestion's limits (1 edit up to 4 letters, 2 up to 8, 3
 * beyond; words and candidates of 63 letters compared, of 64 never; the first of equally near candidates; NULL
 * candidates skipped), the shortest number that reads back (whole numbers below 10^15 without an exponent, 15, 16
 * and 17 significant digits, -0, infinities), the grid labels (12 digits at most), the 12-digit rounding of
 * figures, identifiers, and the async-signal-safe decimal up to SIZE_MAX.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "core/strutil.h"

static void test_suggestion_limits(void **state)
{
    (void)state;
    const char *const words[] = {"abcd", "abcdefgh", "abcdefghijkl"};
    /* 4 letters: 1 edit */
    assert_string_equal(parley_nearest_word("abcx", words, 3), "abcd");
    assert_null(parley_nearest_word("abxy", words, 3));
    /* 5 letters: 2 edits (to "abcd": one deletion and one substitution) */
    assert_string_equal(parley_nearest_word("abxdz", words, 3), "abcd");
    assert_null(parley_nearest_word("axyzw", words, 3));
    /* 8 letters: 2 edits, not 3 */
    assert_string_equal(parley_nearest_word("abcdefxy", words, 3), "abcdefgh");
    assert_null(parley_nearest_word("abcdexyz", words, 3));
    /* 9 letters: 3 edits, not 4 */
    assert_string_equal(parley_nearest_word("abcdexyzh", words, 3), "abcdefgh"); /* 2 substitutions, 1 deletion */
    assert_null(parley_nearest_word("abcdwxyzh", words, 3));                     /* 3 substitutions, 1 deletion */
    assert_string_equal(parley_nearest_word("abcdefghijxy", words, 3), "abcdefghijkl");
    assert_string_equal(parley_nearest_word("abcdefghixyz", words, 3), "abcdefghijkl");
    assert_null(parley_nearest_word("abcdefghwxyz", words, 3));
    /* equally near: the first candidate; NULL ones skipped */
    const char *const tied[] = {NULL, "abce", "abcf", NULL};
    assert_string_equal(parley_nearest_word("abcx", tied, 4), "abce");
    assert_null(parley_nearest_word("abcx", tied, 1));
    /* an exact match is distance 0, ahead of a nearer-looking later one */
    const char *const exact[] = {"abcx", "abcd"};
    assert_string_equal(parley_nearest_word("abcd", exact, 2), "abcd");
}

static void test_suggestion_of_63_and_64_letters(void **state)
{
    (void)state;
    char word[66], candidate[66];
    for (size_t len = 62; len <= 65; len++) {
        memset(candidate, 'a', len);
        candidate[len] = '\0';
        memcpy(word, candidate, len + 1);
        word[len / 2] = 'b'; /* one substitution */
        const char *const list[] = {candidate};
        const char *near = parley_nearest_word(word, list, 1);
        if (len <= 63)
            assert_ptr_equal(near, candidate);
        else
            assert_null(near);
        /* a 63-letter word against a 64-letter candidate (one insertion), and the other way */
        if (len == 64) {
            word[len / 2] = 'a';
            word[63] = '\0';
            assert_null(parley_nearest_word(word, list, 1));
            candidate[63] = '\0';
            word[63] = 'a';
            word[64] = '\0';
            assert_null(parley_nearest_word(word, list, 1));
        }
    }
}

static void test_shortest_numbers(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(parley_format_number(INFINITY, buf, sizeof buf), "null");
    assert_string_equal(parley_format_number(-INFINITY, buf, sizeof buf), "null");
    assert_string_equal(parley_format_number(NAN, buf, sizeof buf), "null");
    assert_string_equal(parley_format_number(-0.0, buf, sizeof buf), "0");
    assert_string_equal(parley_format_number(-3, buf, sizeof buf), "-3");
    assert_string_equal(parley_format_number(999999999999999.0, buf, sizeof buf), "999999999999999");
    assert_string_equal(parley_format_number(1e15, buf, sizeof buf), "1e+15");
    assert_string_equal(parley_format_number(-1e15, buf, sizeof buf), "-1e+15");
    assert_string_equal(parley_format_number(0.4, buf, sizeof buf), "0.4");
    assert_string_equal(parley_format_number(1.5, buf, sizeof buf), "1.5");
    assert_string_equal(parley_format_number(1.0 / 3, buf, sizeof buf), "0.3333333333333333");  /* 16 digits */
    assert_string_equal(parley_format_number(0.1 + 0.2, buf, sizeof buf), "0.30000000000000004"); /* 17 */
    assert_string_equal(parley_format_number(0.6224999999999999, buf, sizeof buf), "0.6224999999999999");
    assert_string_equal(parley_format_number(123456789012.345, buf, sizeof buf), "123456789012.345"); /* 15 */
}

static void test_grid_labels_and_figures(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(parley_format_grid_number(30, buf, sizeof buf), "30");
    assert_string_equal(parley_format_grid_number(-2, buf, sizeof buf), "-2");
    assert_string_equal(parley_format_grid_number(1.5, buf, sizeof buf), "1.5");
    assert_string_equal(parley_format_grid_number(1.0 / 3, buf, sizeof buf), "0.333333333333"); /* 12 at most */
    assert_string_equal(parley_format_grid_number(0.1234567, buf, sizeof buf), "0.1234567");   /* 7 */
    assert_string_equal(parley_format_grid_number(1e15, buf, sizeof buf), "1e+15");
    assert_true(parley_round_figure(0.6224999999999999) == 0.6225);
    assert_true(parley_round_figure(1.0 / 3) == 0.333333333333);
    assert_true(parley_round_figure(123456.7890123456) == 123456.789012);
    assert_true(parley_round_figure(0) == 0);
    assert_true(isinf(parley_round_figure(INFINITY)));
    assert_true(isnan(parley_round_figure(NAN)));
}

static void test_identifiers(void **state)
{
    (void)state;
    assert_true(parley_valid_identifier("price"));
    assert_true(parley_valid_identifier("_x9"));
    assert_true(parley_valid_identifier("x"));
    assert_true(parley_valid_identifier("andy")); /* a keyword's prefix is fine */
    assert_false(parley_valid_identifier(""));
    assert_false(parley_valid_identifier(NULL));
    assert_false(parley_valid_identifier("9x"));
    assert_false(parley_valid_identifier("a-b"));
    assert_false(parley_valid_identifier("a b"));
    static const char *const keywords[] = {"and", "or", "not", "in", "if", "then", "implies", "true", "false"};
    for (size_t k = 0; k < sizeof keywords / sizeof *keywords; k++)
        assert_false(parley_valid_identifier(keywords[k]));
}

static void test_decimal(void **state)
{
    (void)state;
    char out[24];
    const struct {
        size_t x;
        const char *text;
    } cases[] = {{0, "0"}, {9, "9"}, {10, "10"}, {99, "99"}, {100, "100"}, {SIZE_MAX, "18446744073709551615"}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        memset(out, 'x', sizeof out);
        size_t n = parley_decimal(out, cases[k].x);
        assert_int_equal(n, strlen(cases[k].text));
        assert_memory_equal(out, cases[k].text, n);
        assert_int_equal(out[n], 'x'); /* no terminator written */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suggestion_limits),
        cmocka_unit_test(test_suggestion_of_63_and_64_letters),
        cmocka_unit_test(test_shortest_numbers),
        cmocka_unit_test(test_grid_labels_and_figures),
        cmocka_unit_test(test_identifiers),
        cmocka_unit_test(test_decimal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

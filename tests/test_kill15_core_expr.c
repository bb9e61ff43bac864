/*
 * test_kill15_core_expr.c: the lists in the constraint language's error messages (src/core/expr.c) at the end of
 * their 512-byte buffer, whole messages written here by hand (issue 27, seed-153 probe of src/core: expr.c:188).
 * An unknown name lists the space's issues, a label an issue lacks lists its labels: names are added while fewer
 * than 504 bytes are used, the last one cut to what fits in 511.  Spaces of 50 issues (or labels) whose first
 * name is one byte shorter or longer make the first 42 names end at 503, 504 or 505 bytes: at 503 a 43rd is
 * begun and cut, at 504 and 505 the list stops.  And a space of no issue at all; and the other messages of a
 * name where an operand was expected (an operator, a label unquoted, a near name) and of an unknown label, whole;
 * and the suggestion's count of a swap of neighbouring letters (one edit).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <parley/expr.h>

#include "core/strutil.h"

#define NAMES 50

/* Name i: "n" (or "v") and two digits, then 'x' up to `len` letters. */
static void make_name(char *out, char letter, size_t i, size_t len)
{
    snprintf(out, 8, "%c%02zu", letter, i);
    for (size_t c = 3; c < len; c++)
        out[c] = 'x';
    out[len] = '\0';
}

/* `rule` fails at `column` with exactly `message`. */
static void assert_fails(const parley_space *s, const char *rule, int column, const char *message)
{
    parley_error err;
    parley_error_clear(&err);
    parley_expr *e = NULL;
    assert_int_equal(parley_expr_compile(s, rule, &e, &err), PARLEY_EINVAL);
    assert_null(e);
    assert_int_equal(err.code, PARLEY_EINVAL);
    assert_int_equal(err.column, column);
    assert_string_equal(err.message, message);
}

/* 50 integer issues: the first named with `first` letters, the others with 10 (12 bytes each in the list). */
static parley_space *issues_space(size_t first, char names[NAMES][16])
{
    parley_space *s = parley_space_new();
    assert_non_null(s);
    for (size_t i = 0; i < NAMES; i++) {
        make_name(names[i], 'n', i, i ? 10 : first);
        assert_int_equal(parley_space_add_integer(s, names[i], 0, 1, 1, NULL), 0);
    }
    return s;
}

/* names[0], ..., names[count - 1] joined by ", ", each quoted when `quote`. */
static void join(char *out, char names[NAMES][16], size_t count, int quote)
{
    out[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        if (i)
            strcat(out, ", ");
        strcat(out, quote ? "\"" : "");
        strcat(out, names[i]);
        strcat(out, quote ? "\"" : "");
    }
}

static void test_issue_list_cut(void **state)
{
    (void)state;
    char names[NAMES][16], list[1024], message[1200];
    for (size_t first = 11; first <= 13; first++) {
        parley_space *s = issues_space(first, names);
        join(list, names, 42, 0);
        assert_int_equal(strlen(list), first + 41 * 12); /* 503, 504, 505 */
        if (first == 11)
            strcat(list, ", n42xxx"); /* the 43rd begun at 503 and cut at 511 bytes */
        snprintf(message, sizeof message, "unknown issue 'zzz' (the issues are: %s)", list);
        assert_fails(s, "zzz > 0", 1, message);
        /* a near name: the suggestion, then the same list */
        snprintf(message, sizeof message, "unknown issue 'n07xxxxxxy' (did you mean 'n07xxxxxxx'? the issues are: %s)",
                 list);
        assert_fails(s, "1 + n07xxxxxxy > 0", 5, message);
        parley_space_free(s);
    }
    /* fewer names than fit: all of them */
    parley_space *s = parley_space_new();
    assert_non_null(s);
    assert_fails(s, "zzz > 0", 1, "unknown issue 'zzz' (the issues are: )");
    assert_int_equal(parley_space_add_integer(s, "price", 0, 1, 1, NULL), 0);
    assert_int_equal(parley_space_add_integer(s, "size", 0, 1, 1, NULL), 0);
    assert_fails(s, "1 < zzz", 5, "unknown issue 'zzz' (the issues are: price, size)");
    parley_space_free(s);
}

/* A categorical issue "c" of 50 labels: the first of `first` letters, the others of 8 (12 bytes each, quoted). */
static void test_label_list_cut(void **state)
{
    (void)state;
    char labels[NAMES][16], list[1024], message[1200];
    for (size_t first = 9; first <= 11; first++) {
        const char *pointers[NAMES];
        for (size_t i = 0; i < NAMES; i++) {
            make_name(labels[i], 'v', i, i ? 8 : first);
            pointers[i] = labels[i];
        }
        parley_space *s = parley_space_new();
        assert_non_null(s);
        assert_int_equal(parley_space_add_integer(s, "price", 0, 1, 1, NULL), 0);
        assert_int_equal(parley_space_add_categorical(s, "c", pointers, NAMES, NULL), 0);
        join(list, labels, 42, 1);
        assert_int_equal(strlen(list), first + 2 + 41 * 12); /* 503, 504, 505 */
        if (first == 9)
            strcat(list, ", \"v42xx"); /* the 43rd begun at 503 and cut at 511 bytes */
        snprintf(message, sizeof message, "'zzz' is not a value of issue 'c' (its values are: %s)", list);
        assert_fails(s, "c == \"zzz\"", 6, message);
        snprintf(message, sizeof message,
                 "'v07xxxxy' is not a value of issue 'c' (did you mean 'v07xxxxx'? its values are: %s)", list);
        assert_fails(s, "price > 0 or c != \"v07xxxxy\"", 19, message);
        parley_space_free(s);
    }
}

/* The other messages of a name where an operand was expected, and of labels, whole (short lists). */
static void test_name_messages(void **state)
{
    (void)state;
    static const struct {
        const char *rule;
        int column;
        const char *message;
    } cases[] = {
        {"price > and", 9, "'and' where a value or an issue name was expected: is an operator doubled ('and and') or "
                           "its left side missing?"},
        {"or price", 1, "'or' where a value or an issue name was expected: is an operator doubled ('or or') or its left "
                        "side missing?"},
        {"price > not", 9, "'not' where a value or an issue name was expected: is an operator doubled ('not not') or "
                           "its left side missing?"},
        {"price > in", 9, "'in' where a value or an issue name was expected: is an operator doubled ('in in') or its "
                          "left side missing?"},
        {"implies", 1, "'implies' where a value or an issue name was expected: is an operator doubled ('implies "
                       "implies') or its left side missing?"},
        {"price > then", 9, "'then' where a value or an issue name was expected: is an operator doubled ('then then') "
                            "or its left side missing?"},
        {"colour == red", 11, "'red' is a value of issue 'colour', not an issue: quote it (colour == \"red\")"},
        {"blue > 1", 1, "'blue' is a value of issue 'colour', not an issue: quote it (colour == \"blue\")"},
        {"colour == \"rde\"", 11, "'rde' is not a value of issue 'colour' (did you mean 'red'? its values are: \"red\", "
                                  "\"blue\")"},
        {"colour in [\"blue\", \"x\"]", 20, "'x' is not a value of issue 'colour' (its values are: \"red\", \"blue\")"},
        {"Price > 1", 1, "unknown issue 'Price' (did you mean 'price'? the issues are: price, colour)"},
        {"price > 1 and pricee", 15, "unknown issue 'pricee' (did you mean 'price'? the issues are: price, colour)"},
    };
    parley_space *s = parley_space_new();
    assert_non_null(s);
    const char *labels[] = {"red", "blue"};
    assert_int_equal(parley_space_add_integer(s, "price", 0, 3, 1, NULL), 0);
    assert_int_equal(parley_space_add_categorical(s, "colour", labels, 2, NULL), 0);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_fails(s, cases[i].rule, cases[i].column, cases[i].message);
    parley_space_free(s);
}

/* parley_nearest_word: a swap of two neighbouring letters is one edit, not none (the first of equals wins). */
static void test_swap_is_one_edit(void **state)
{
    (void)state;
    const char *const candidates[] = {"bled", "blue"};
    assert_string_equal(parley_nearest_word("bleu", candidates, 2), "bled"); /* both 1 away: the first */
    const char *const reversed[] = {"blue", "bled"};
    assert_string_equal(parley_nearest_word("bleu", reversed, 2), "blue");
    const char *const swapped_first[] = {"xbcd", "bacd"};
    assert_string_equal(parley_nearest_word("abcd", swapped_first, 2), "xbcd"); /* a substitution ties a swap */
    const char *const far[] = {"badc"};
    assert_null(parley_nearest_word("abcd", far, 1)); /* two swaps: 2 edits, past the 1 allowed up to 4 letters */
    const char *const two[] = {"bacdfe"};
    assert_string_equal(parley_nearest_word("abcdef", two, 1), "bacdfe"); /* 2 edits: allowed from 5 letters */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_issue_list_cut),
        cmocka_unit_test(test_label_list_cut),
        cmocka_unit_test(test_name_messages),
        cmocka_unit_test(test_swap_is_one_edit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

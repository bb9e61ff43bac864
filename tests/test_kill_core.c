/*
 * test_kill_core.c: the core library's free functions accept NULL, as free
 * does and as a caller's cleanup path relies on (`parley_expr *e = NULL; ...
 * parley_expr_free(e);` after a compile that failed): a generated mutant that
 * dropped the check in parley_expr_free survived every test (issue 27); and
 * the rule compiler's bound on nesting (200 levels) counts nesting only: the
 * 'and's and 'or's of a rule, however many, neither use it up nor lend it more
 * (a mutant that decremented the depth after each 'and' let a rule nest 300
 * levels deep after 100 'and's); and "did you mean" counts a swap of two
 * neighbouring letters as one edit ("bleu" is one from "blue"; a mutant took
 * the swap's cost from the wrong cell and found two, past the bound of one
 * edit for words of up to four letters).  And an operator given operands of
 * the wrong type fails naming the operator, the type it needs and the one
 * found, and frees both operands (a mutant that kept the left one leaked it:
 * LeakSanitizer fails this test in the sanitizer tree; in the Release tree the
 * bytes malloc holds, mallinfo2, must be the same after a thousand refused
 * rules as before them).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "core/strutil.h"

static void test_expr_free_after_a_failed_compile(void **state)
{
    (void)state;
    parley_space *space = parley_space_new();
    assert_int_equal(parley_space_add_integer(space, "price", 0, 10, 1, NULL), PARLEY_OK);
    parley_expr *e = NULL;
    parley_error err;
    assert_int_equal(parley_expr_compile(space, "price >=", &e, &err), PARLEY_EINVAL);
    assert_null(e); /* nothing to free, and freeing it is harmless */
    parley_expr_free(e);
    parley_expr_free(NULL);
    /* and a compiled one */
    assert_int_equal(parley_expr_compile(space, "price >= 3", &e, &err), PARLEY_OK);
    uint32_t two = 2, three = 3;
    assert_false(parley_expr_holds(e, &two));
    assert_true(parley_expr_holds(e, &three));
    parley_expr_free(e);
    parley_space_free(space);
}

/* "price >= 0 and " `ands` times (or "or"), then `depth` parentheses around "price >= 1". */
static char *rule_text(size_t ands, const char *op, size_t depth)
{
    size_t size = ands * 24 + 2 * depth + 16;
    char *text = malloc(size), *p = text;
    assert_non_null(text);
    for (size_t i = 0; i < ands; i++)
        p += sprintf(p, "price >= 0 %s ", op);
    for (size_t i = 0; i < depth; i++)
        *p++ = '(';
    p += sprintf(p, "price >= 1");
    for (size_t i = 0; i < depth; i++)
        *p++ = ')';
    *p = '\0';
    return text;
}

static int compiles(const parley_space *space, const char *text, parley_error *err)
{
    parley_expr *e = NULL;
    int rc = parley_expr_compile(space, text, &e, err);
    parley_expr_free(e);
    return rc;
}

static void test_nesting_bound_counts_nesting_only(void **state)
{
    (void)state;
    parley_space *space = parley_space_new();
    assert_int_equal(parley_space_add_integer(space, "price", 0, 10, 1, NULL), PARLEY_OK);
    parley_error err;
    const char *ops[2] = {"and", "or"};
    for (size_t o = 0; o < 2; o++) {
        for (size_t ands = 0; ands <= 300; ands += 100) {
            char *ok = rule_text(ands, ops[o], 199), *deep = rule_text(ands, ops[o], 300);
            /* 199 parentheses and the comparison inside: within the bound, after any number of 'and's */
            if (compiles(space, ok, &err) != PARLEY_OK)
                fail_msg("%zu '%s' then 199 levels: %s", ands, ops[o], err.message);
            assert_int_equal(compiles(space, deep, &err), PARLEY_EINVAL);
            if (!strstr(err.message, "nested too deeply"))
                fail_msg("%zu '%s' then 300 levels: %s", ands, ops[o], err.message);
            free(ok);
            free(deep);
        }
    }
    parley_space_free(space);
}

static void test_nearest_word_counts_a_swap_as_one(void **state)
{
    (void)state;
    const char *colours[] = {"red", "blue", "green"};
    /* words of up to four letters: one edit at most */
    assert_string_equal(parley_nearest_word("bleu", colours, 3), "blue"); /* u and e swapped */
    assert_string_equal(parley_nearest_word("rde", colours, 3), "red");
    assert_string_equal(parley_nearest_word("BLUE", colours, 3), "blue"); /* case does not count */
    assert_string_equal(parley_nearest_word("bule", colours, 3), "blue");  /* l and u swapped */
    assert_null(parley_nearest_word("bkuw", colours, 3));                  /* two substitutions */
    /* five to eight letters: two edits */
    assert_string_equal(parley_nearest_word("gerne", colours, 3), "green"); /* e and r swapped: one */
    assert_null(parley_nearest_word("purple", colours, 3));
}

/* Each letter missing from the word or added to it is one edit (distances counted by hand). */
static void test_nearest_word_counts_each_insertion_and_deletion(void **state)
{
    (void)state;
    const char *colours[] = {"red", "blue", "green"};
    assert_string_equal(parley_nearest_word("gren", colours, 3), "green"); /* one letter missing: 1 */
    assert_null(parley_nearest_word("grn", colours, 3));                   /* two missing: 2 > 1 */
    assert_null(parley_nearest_word("bu", colours, 3));                    /* two missing from blue */
    assert_string_equal(parley_nearest_word("greeen", colours, 3), "green"); /* one letter too many */
    assert_string_equal(parley_nearest_word("reddd", colours, 3), "red");    /* two too many: 2 <= 2 */
    assert_null(parley_nearest_word("redddd", colours, 3));                  /* three too many: 3 > 2 */
    assert_string_equal(parley_nearest_word("gxrexen", colours, 3), "green"); /* two x too many: 2 <= 2 */
    assert_null(parley_nearest_word("gxrxexen", colours, 3));                 /* three x too many: 3 > 2 */
}

/* Numbers in decimal as the lost-runs report of a stopped MPI job writes them (no NUL written). */
/* Cuts of a party's text between characters, worked by hand: "a" 1 byte, "\xc3\xa9" (e acute) 2, "\xe2\x82\xac"
 * (euro sign) 3, "\xf0\x9f\x99\x82" (a smiley) 4. */
static void test_utf8_cuts(void **state)
{
    (void)state;
    const char *text = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x99\x82!"; /* bytes: a=0, e=1-2, euro=3-5, smiley=6-9, !=10 */
    static const int want[] = {0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10, 11, 11};
    for (size_t max = 0; max < sizeof want / sizeof *want; max++)
        assert_int_equal(parley_utf8_prefix(text, max), want[max]);
    assert_int_equal(parley_utf8_prefix("\xe2\x82", 5), 2); /* shorter than max: all of it, as "%.*s" would */
    char buf[16];
    for (size_t n = 0; n <= 11; n++) { /* the text cut after n bytes, then trimmed */
        memcpy(buf, text, n);
        buf[n] = '\0';
        parley_utf8_trim(buf);
        assert_int_equal(strlen(buf), (size_t)want[n]);
    }
    strcpy(buf, "\x80\x80"); /* stray continuation bytes with no lead are left as they are */
    parley_utf8_trim(buf);
    assert_string_equal(buf, "\x80\x80");
}

static void test_decimal(void **state)
{
    (void)state;
    static const struct {
        size_t x;
        const char *text;
    } cases[] = {{0, "0"}, {7, "7"}, {10, "10"}, {19, "19"}, {100, "100"}, {4096, "4096"},
                 {18446744073709551615u, "18446744073709551615"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[24];
        memset(out, '#', sizeof out);
        size_t n = parley_decimal(out, cases[i].x);
        assert_int_equal(n, strlen(cases[i].text));
        assert_memory_equal(out, cases[i].text, n);
        assert_int_equal(out[n], '#');
    }
}

static void test_operand_types_checked_and_freed(void **state)
{
    (void)state;
    parley_space *space = parley_space_new();
    assert_int_equal(parley_space_add_integer(space, "price", 0, 10, 1, NULL), PARLEY_OK);
    const char *rules[][2] = {
        {"price and price >= 1", "'and' needs a condition (true/false) on both sides, found a number"},
        {"price >= 1 or price + 1", "'or' needs a condition (true/false) on both sides, found a number"},
    };
    for (size_t k = 0; k < 2; k++) {
        parley_expr *e = NULL;
        parley_error err;
        parley_error_clear(&err);
        assert_int_equal(parley_expr_compile(space, rules[k][0], &e, &err), PARLEY_EINVAL);
        assert_null(e);
        if (!strstr(err.message, rules[k][1]))
            fail_msg("%s: %s", rules[k][0], err.message);
        size_t before = mallinfo2().uordblks; /* glibc's count of the bytes in use (not kept by sanitizers) */
        for (int i = 0; i < 1000; i++)
            if (parley_expr_compile(space, rules[k][0], &e, &err) != PARLEY_EINVAL)
                break;
        size_t after = mallinfo2().uordblks;
        if (after > before + 1024) /* a leaked node is more than a byte a refusal */
            fail_msg("%s: %zu bytes more in use after 1000 refusals", rules[k][0], after - before);
    }
    parley_space_free(space);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_expr_free_after_a_failed_compile),
        cmocka_unit_test(test_nesting_bound_counts_nesting_only),
        cmocka_unit_test(test_nearest_word_counts_a_swap_as_one),
        cmocka_unit_test(test_nearest_word_counts_each_insertion_and_deletion),
        cmocka_unit_test(test_decimal),
        cmocka_unit_test(test_utf8_cuts),
        cmocka_unit_test(test_operand_types_checked_and_freed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

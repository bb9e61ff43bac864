/*
 * test_oom_kill14_core.c: the rule compiler's suggestions (src/core/expr.c) when an allocation fails (issue 27,
 * seed-144 probe of src/core, expr.c:180: the check of the list of issue names a typo is matched against).  For
 * each n the n-th allocation of parley_expr_compile fails (tests/failalloc.c), once or from then on: a typo of an
 * issue must then fail with PARLEY_ENOMEM "out of memory" (not as a syntax error at a column: the bug this test
 * found), a label typo either so or, when only the list of labels for the suggestion was refused, with the message
 * less its suggestion; and with memory, each exactly as written here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <parley/parley.h>

#include "failalloc.h"

#define MOST_ALLOCATIONS 100

static parley_space *space(void)
{
    static const char *const colours[] = {"red", "blue", "green"};
    parley_space *s = parley_space_new();
    assert_non_null(s);
    assert_int_equal(parley_space_add_integer(s, "price", 0, 4, 1, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_categorical(s, "colour", colours, 3, NULL), PARLEY_OK);
    return s;
}

/*
 * Compiles `rule` with allocation n failing (and every later one with `persistent`) for n = 1, 2, ... until one
 * compile refuses nothing: each must fail with `message` at `column`, or with `less` (NULL: none) at `column`, or
 * with PARLEY_ENOMEM "out of memory"; at least one must have been refused.
 */
static void compile_under_failures(const parley_space *s, const char *rule, const char *message, const char *less,
                                   int column)
{
    for (int persistent = 0; persistent < 2; persistent++) {
        long n = 1, refused = 1;
        for (; refused && n <= MOST_ALLOCATIONS; n++) {
            parley_expr *e = NULL;
            parley_error err;
            memset(&err, 0, sizeof err);
            failalloc_arm(n, persistent);
            int rc = parley_expr_compile(s, rule, &e, &err);
            refused = failalloc_disarm();
            assert_null(e);
            if (rc == PARLEY_ENOMEM) {
                assert_true(refused > 0);
                assert_string_equal(err.message, "out of memory");
                continue;
            }
            if (rc != PARLEY_EINVAL)
                fail_msg("%s, allocation %ld refused: code %d (%s)", rule, n, rc, err.message);
            assert_int_equal(err.column, column);
            if (strcmp(err.message, message) != 0 && !(refused && less && strcmp(err.message, less) == 0))
                fail_msg("%s, allocation %ld refused (%ld refusals): '%s'", rule, n, refused, err.message);
        }
        assert_true(n > 2); /* some allocation was refused before the one run that refused none */
        assert_int_equal(refused, 0);
    }
}

static void test_an_issue_typo_under_failing_allocations(void **state)
{
    (void)state;
    parley_space *s = space();
    compile_under_failures(s, "pirce >= 2",
                           "unknown issue 'pirce' (did you mean 'price'? the issues are: price, colour)", NULL, 1);
    compile_under_failures(s, "price >= 1 and zzz", "unknown issue 'zzz' (the issues are: price, colour)", NULL, 16);
    parley_space_free(s);
}

static void test_a_label_typo_under_failing_allocations(void **state)
{
    (void)state;
    parley_space *s = space();
    compile_under_failures(s, "colour == 'bleu'",
                           "'bleu' is not a value of issue 'colour' (did you mean 'blue'? its values are: \"red\", "
                           "\"blue\", \"green\")",
                           "'bleu' is not a value of issue 'colour' (its values are: \"red\", \"blue\", \"green\")",
                           11);
    parley_space_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_issue_typo_under_failing_allocations),
        cmocka_unit_test(test_a_label_typo_under_failing_allocations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

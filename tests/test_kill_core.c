/*
 * test_kill_core.c: the core library's free functions accept NULL, as free
 * does and as a caller's cleanup path relies on (`parley_expr *e = NULL; ...
 * parley_expr_free(e);` after a compile that failed): a generated mutant that
 * dropped the check in parley_expr_free survived every test (issue 27).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <parley/parley.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_expr_free_after_a_failed_compile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

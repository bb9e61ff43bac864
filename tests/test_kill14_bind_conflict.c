/*
 * test_kill14_bind_conflict.c: parley_conflict_json (src/bind/text.c, the bindings' conflict report) refusing what
 * it cannot start from (issue 27, seed-144 probe of src/bind: these returns and messages were read by no test).
 * Chicken as a graph model: with its status quo the coalition report is written (with "coalitions"); without one,
 * coalitions are refused with "coalitions need a start state (the model has no status_quo)" and the plain report
 * is still written; a start state that is not one is refused with the parser's message, a real one accepted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <parley/gmcr.h>
#include <parley/parley.h>
#include <parley/text.h>

static const char chicken[] =
    "{\"name\": \"Chicken\", \"decision_makers\": ["
    " {\"name\": \"A\", \"options\": [{\"id\": \"a_dares\", \"name\": \"A dares\"}], \"ranking\": [1, 0, 2, 3]},"
    " {\"name\": \"B\", \"options\": [{\"id\": \"b_dares\", \"name\": \"B dares\"}], \"ranking\": [2, 0, 1, 3]}]%s}";

static parley_gmcr_model *model(int status_quo)
{
    char text[1024];
    snprintf(text, sizeof text, chicken, status_quo ? ", \"status_quo\": 0" : "");
    parley_gmcr_model *m = NULL;
    parley_error err;
    if (parley_gmcr_model_parse(text, strlen(text), "chicken", &m, &err) != PARLEY_OK)
        fail_msg("chicken: %s", err.message);
    return m;
}

static void test_coalitions_need_a_start(void **state)
{
    (void)state;
    parley_error err;
    parley_gmcr_model *with = model(1), *without = model(0);
    char *text = parley_conflict_json(with, NULL, NULL, 1, &err);
    assert_non_null(text);
    assert_non_null(strstr(text, "\"coalitions\""));
    parley_free(text);
    assert_null(parley_conflict_json(without, NULL, NULL, 1, &err));
    assert_int_equal(err.code, PARLEY_EINVAL);
    assert_string_equal(err.message, "coalitions need a start state (the model has no status_quo)");
    text = parley_conflict_json(without, NULL, NULL, 0, &err);
    assert_non_null(text);
    assert_null(strstr(text, "\"coalitions\""));
    parley_free(text);
    /* a start given: coalitions from it, status quo or not */
    text = parley_conflict_json(without, NULL, "#1", 1, &err);
    assert_non_null(text);
    assert_non_null(strstr(text, "\"coalitions\""));
    parley_free(text);
    parley_gmcr_model_free(with);
    parley_gmcr_model_free(without);
}

static void test_a_start_that_is_no_state(void **state)
{
    (void)state;
    parley_error err, direct;
    parley_gmcr_model *m = model(1);
    uint32_t code = 0;
    assert_int_equal(parley_gmcr_model_parse_state(m, "#9", &code, &direct), PARLEY_EINVAL);
    assert_null(parley_conflict_json(m, NULL, "#9", 0, &err));
    assert_int_equal(err.code, PARLEY_EINVAL);
    assert_string_equal(err.message, direct.message); /* the parser's own message */
    char *text = parley_conflict_json(m, NULL, "#4", 0, &err);
    assert_non_null(text);
    parley_free(text);
    parley_gmcr_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coalitions_need_a_start),
        cmocka_unit_test(test_a_start_that_is_no_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

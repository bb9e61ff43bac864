/*
 * test_kill_gmcr.c: the conflict graph's SVG (gmcr_graph.c) refuses a status
 * quo that is not a feasible state, rather than drawing the graph without it
 * (a generated mutant that dropped the check survived every test, issue 27).
 * The prisoner's dilemma with "both defect" declared infeasible: states 0, 1,
 * 2 remain; code 3 is the infeasible one, code 4 no state at all (two options).
 * And the model reader refuses an option with neither a name nor an id, at its
 * place in the file (a mutant that dropped the check read on with no name).
 * A state given as #number is the number-th feasible state, the number read in
 * decimal (a mutant read it in base 11: #10 became the eleventh state and #a
 * the tenth).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

static const char model_text[] =
    "{\"name\": \"pd without mutual defection\","
    " \"decision_makers\": ["
    "  {\"name\": \"A\", \"options\": [{\"id\": \"a_defects\"}], \"ranking\": [1, 0, 2]},"
    "  {\"name\": \"B\", \"options\": [{\"id\": \"b_defects\"}], \"ranking\": [2, 0, 1]}],"
    " \"infeasible\": [\"a_defects and b_defects\"]}";

/* The SVG of the view with status quo `code`; returns the code of parley_gmcr_write_svg_view. */
static int draw(const parley_gmcr_result *r, uint32_t code, char **svg, parley_error *err)
{
    size_t size = 0;
    FILE *out = open_memstream(svg, &size);
    assert_non_null(out);
    parley_gmcr_svg_view view = {.focused = 0, .dm = -1, .has_status_quo = 1, .status_quo = code};
    int rc = parley_gmcr_write_svg_view(out, r, &view, err);
    fclose(out);
    return rc;
}

static void test_svg_refuses_an_infeasible_status_quo(void **state)
{
    (void)state;
    parley_gmcr_model *m = NULL;
    parley_gmcr_result *r = NULL;
    parley_error err;
    assert_int_equal(parley_gmcr_model_parse(model_text, strlen(model_text), "pd", &m, &err), PARLEY_OK);
    assert_int_equal(parley_gmcr_model_state_count(m), 3);
    assert_int_equal(parley_gmcr_analyze(m, NULL, &r, &err), PARLEY_OK);
    char *svg = NULL;
    /* a feasible status quo is drawn and marked */
    assert_int_equal(draw(r, 0, &svg, &err), PARLEY_OK);
    assert_non_null(strstr(svg, "(status quo)"));
    free(svg);
    const uint32_t bad[2] = {3, 4};
    for (size_t b = 0; b < 2; b++) {
        svg = NULL;
        assert_int_equal(draw(r, bad[b], &svg, &err), PARLEY_EINVAL);
        char want[64];
        snprintf(want, sizeof want, "the status quo %u is not a feasible state", bad[b]);
        assert_string_equal(err.message, want);
        free(svg);
    }
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
}

static void test_option_needs_a_name_or_an_id(void **state)
{
    (void)state;
    static const char text[] = "{\"name\": \"nameless\", \"decision_makers\": ["
                               " {\"name\": \"A\", \"options\": [{\"id\": \"a\"}, {\"description\": \"what?\"}]},"
                               " {\"name\": \"B\", \"options\": [{\"name\": \"b\"}]}]}";
    parley_gmcr_model *m = NULL;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_gmcr_model_parse(text, strlen(text), "nameless", &m, &err), PARLEY_EINVAL);
    assert_null(m);
    if (!strstr(err.message, "an option needs a \"name\" or an \"id\""))
        fail_msg("unexpected message: %s", err.message);
    assert_string_equal(err.path, "decision_makers[0].options[1]");
}

static void test_state_number_is_decimal(void **state)
{
    (void)state;
    parley_gmcr_model *m = NULL;
    parley_error err;
    if (parley_gmcr_model_load(PARLEY_SOURCE_DIR "/examples/gmcr/garrison.json", &m, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    size_t states = parley_gmcr_model_state_count(m);
    uint32_t tenth = parley_gmcr_model_state_code(m, 9), got = 0, letter = 0;
    int rc = parley_gmcr_model_parse_state(m, "#10", &got, &err);
    int rc_letter = parley_gmcr_model_parse_state(m, "#a", &letter, &err);
    parley_gmcr_model_free(m);
    assert_true(states > 10); /* so that #10 and #11 are both states */
    assert_int_equal(rc, PARLEY_OK);
    assert_int_equal(got, tenth);
    assert_int_equal(rc_letter, PARLEY_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_state_number_is_decimal),
        cmocka_unit_test(test_svg_refuses_an_infeasible_status_quo),
        cmocka_unit_test(test_option_needs_a_name_or_an_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

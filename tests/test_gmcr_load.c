/*
 * test_gmcr_load.c: reading conflict models: preference statements (scores
 * checked by hand), the condition language, infeasibility shorthands, states
 * typed by users, and bad files reported with where and what.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <parley/gmcr.h>

static parley_gmcr_model *parse_ok(const char *text)
{
    parley_gmcr_model *m = NULL;
    parley_error err;
    parley_error_clear(&err);
    int rc = parley_gmcr_model_parse(text, strlen(text), "t.json", &m, &err);
    if (rc != PARLEY_OK) {
        char buf[1024];
        print_error("%s\n", parley_error_format(&err, buf, sizeof buf));
    }
    assert_int_equal(rc, PARLEY_OK);
    return m;
}

/* Parses text expecting failure with `code`; checks the path and that the message contains `what`. */
static void parse_bad(const char *text, int code, const char *path, const char *what)
{
    parley_gmcr_model *m = NULL;
    parley_error err;
    parley_error_clear(&err);
    int rc = parley_gmcr_model_parse(text, strlen(text), "bad.json", &m, &err);
    assert_int_equal(rc, code);
    assert_null(m);
    assert_int_equal(err.code, code);
    if (path)
        assert_string_equal(err.path, path);
    if (!strstr(err.message, what)) {
        print_error("message '%s' lacks '%s'\n", err.message, what);
        fail();
    }
    assert_string_equal(err.file, "bad.json");
}

static long pref_of(const parley_gmcr_model *m, size_t dm, uint32_t code)
{
    long s = parley_gmcr_model_state_index(m, code);
    assert_true(s >= 0);
    return parley_gmcr_model_preference(m, dm, (size_t)s);
}

/*
 * Uniroyal's preference statements in the Elmira model (gmcr-py), options
 * 1 modify, 2 delay, 3 accept, 4 abandon, 5 insist, weights 8, 4, 2, 1:
 *   "1 & 3 | -1 & -3", "-4", "-5", "2 & -5 | -2 & 5".
 * By hand: code 2 -> 8+4+2+1 = 15, 5 -> 14, 21 -> 13, 18 -> 12, 8 -> 10,
 * 24 -> 9, 3 -> 7, 4 -> 6, 20 -> 5, 19 -> 4, 9 -> 2, 25 -> 1.
 */
static void test_statements_scores(void **state)
{
    (void)state;
    parley_gmcr_model *m = parse_ok(
        "{\"decision_makers\": ["
        " {\"name\": \"MoE\", \"options\": [\"modify\"]},"
        " {\"name\": \"UR\", \"options\": [\"delay\", \"accept\", \"abandon\"],"
        "  \"preferences\": [\"1 & 3 | -1 & -3\", \"-4\", \"-5\", \"2 & -5 | -2 & 5\"]},"
        " {\"name\": \"LG\", \"options\": [\"insist\"]}],"
        " \"infeasible\": [{\"exactly_one\": [2, 3, 4]}]}");
    static const uint32_t order[12] = {2, 5, 21, 18, 8, 24, 3, 4, 20, 19, 9, 25};
    for (int k = 0; k < 11; k++)
        assert_true(pref_of(m, 1, order[k]) > pref_of(m, 1, order[k + 1]));
    assert_int_equal(pref_of(m, 1, 25), 0);
    assert_int_equal(pref_of(m, 1, 2), 11);
    /* no preferences given: indifferent */
    assert_int_equal(pref_of(m, 0, 2), pref_of(m, 0, 25));
    parley_gmcr_model_free(m);
}

/*
 * The condition forms, each the single statement of DM A over options 1 (a) and
 * 2 (b); states 0 (NN), 1 (YN), 2 (NY), 3 (YY).  Truth tables by hand.
 */
static void test_condition_forms(void **state)
{
    (void)state;
    static const struct {
        const char *stmt;
        int truth[4];
    } cases[] = {
        {"if 1 then 2", {1, 0, 1, 1}},  {"2 if 1", {1, 0, 1, 1}},   {"1 iff 2", {1, 0, 0, 1}},
        {"-1 & 2", {0, 0, 1, 0}},        {"a | b", {0, 1, 1, 1}},    {"not a and not b", {1, 0, 0, 0}},
        {"!(a & b)", {1, 1, 1, 0}},     {"-(1 | 2) | 1 & 2", {1, 0, 0, 1}},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char text[512];
        snprintf(text, sizeof text,
                 "{\"decision_makers\": [{\"name\": \"A\", \"options\": [{\"id\": \"a\", \"name\": \"A acts\"}],"
                 " \"preferences\": [\"%s\"]}, {\"name\": \"B\", \"options\": [{\"id\": \"b\"}]}]}",
                 cases[k].stmt);
        parley_gmcr_model *m = parse_ok(text);
        for (uint32_t c = 0; c < 4; c++)
            assert_int_equal(pref_of(m, 0, c), cases[k].truth[c]);
        parley_gmcr_model_free(m);
    }
}

/* Infeasibility shorthands and patterns; counts by hand over 3 options (8 states). */
static void test_infeasible_forms(void **state)
{
    (void)state;
    static const struct {
        const char *inf;
        size_t feasible;
    } cases[] = {
        {"{\"mutually_exclusive\": [1, 2, 3]}", 4}, /* at most one of three: NNN + 3 singles */
        {"{\"at_least_one\": [1, 2]}", 6},
        {"{\"exactly_one\": [1, 2, 3]}", 3},
        {"{\"option\": 3, \"requires\": [1, 2]}", 5}, /* 3 without both 1 and 2: 3 of the 4 states with 3 */
        {"\"Y-N\"", 6},
        {"\"1 & 3\"", 6},
        {"\"YYY\"", 7},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char text[512];
        snprintf(text, sizeof text,
                 "{\"decision_makers\": [{\"name\": \"A\", \"options\": [\"x\", \"y\"]},"
                 " {\"name\": \"B\", \"options\": [\"z\"]}], \"infeasible\": [%s]}",
                 cases[k].inf);
        parley_gmcr_model *m = parse_ok(text);
        assert_int_equal(parley_gmcr_model_state_count(m), cases[k].feasible);
        parley_gmcr_model_free(m);
    }
}

static void test_states_and_accessors(void **state)
{
    (void)state;
    parley_gmcr_model *m = parse_ok(
        "{\"name\": \"n\", \"decision_makers\": [{\"name\": \"A\", \"options\": [{\"id\": \"x\", \"name\": \"X\","
        " \"irreversible\": true}, \"y\"]}, {\"name\": \"B\", \"options\": [{\"name\": \"Z\", \"reversibility\":"
        " \"backward\"}, \"z z\"]}], \"infeasible\": [\"x & y\"], \"status_quo\": \"NYYN\"}");
    assert_string_equal(parley_gmcr_model_name(m), "n");
    assert_int_equal(parley_gmcr_model_option_count(m), 4);
    assert_string_equal(parley_gmcr_model_option_id(m, 3), "4"); /* "z z" is not a word: its number */
    assert_string_equal(parley_gmcr_model_option_id(m, 0), "x");
    assert_string_equal(parley_gmcr_model_option_id(m, 1), "y"); /* a one-word name is also the id */
    assert_string_equal(parley_gmcr_model_option_name(m, 2), "Z");
    assert_int_equal(parley_gmcr_model_option_owner(m, 2), 1);
    assert_int_equal(parley_gmcr_model_option_direction(m, 0), PARLEY_GMCR_FORWARD);
    assert_int_equal(parley_gmcr_model_option_direction(m, 2), PARLEY_GMCR_BACKWARD);
    assert_null(parley_gmcr_model_dm_name(m, 2));
    uint32_t code = 99;
    assert_int_equal(parley_gmcr_model_status_quo(m, &code), 1);
    assert_int_equal(code, 6);
    assert_int_equal(parley_gmcr_model_parse_state(m, "5", &code, NULL), PARLEY_OK);
    assert_int_equal(code, 5);
    assert_int_equal(parley_gmcr_model_parse_state(m, "YNYN", &code, NULL), PARLEY_OK);
    assert_int_equal(code, 5);
    assert_int_equal(parley_gmcr_model_parse_state(m, "#1", &code, NULL), PARLEY_OK);
    assert_int_equal(code, 0);
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_gmcr_model_parse_state(m, "3", &code, &err), PARLEY_EINVAL); /* x & y */
    assert_non_null(strstr(err.message, "infeasible"));
    assert_int_equal(parley_gmcr_model_parse_state(m, "16", &code, NULL), PARLEY_EINVAL);
    assert_int_equal(parley_gmcr_model_parse_state(m, "YN", &code, NULL), PARLEY_EINVAL);
    assert_int_equal(parley_gmcr_model_parse_state(m, "#13", &code, NULL), PARLEY_EINVAL);
    assert_int_equal(parley_gmcr_model_state_count(m), 12);
    assert_int_equal(parley_gmcr_model_parse_state(m, "-1", &code, NULL), PARLEY_EINVAL);
    char vec[8];
    assert_string_equal(parley_gmcr_model_state_vector(m, 5, vec, sizeof vec), "YNYN");
    assert_int_equal(parley_gmcr_model_state_index(m, 3), -1);
    assert_int_equal(parley_gmcr_model_state_index(m, 1u << 20), -1);
    parley_gmcr_model_free(m);
}

#define TWO_DMS(prefs) \
    "{\"decision_makers\": [{\"name\": \"A\", \"options\": [\"a1\", \"a2\"]" prefs "}, {\"name\": \"B\", \"options\": [\"b\"]}]}"

static void test_bad_models(void **state)
{
    (void)state;
    /* syntax: line and column from jansson */
    {
        const char *text = "{\n  \"decision_makers\": [\n    {\"name\": \"A\",,}\n  ]\n}";
        parley_error err;
        parley_gmcr_model *m = NULL;
        parley_error_clear(&err);
        assert_int_equal(parley_gmcr_model_parse(text, strlen(text), "bad.json", &m, &err), PARLEY_EINVAL);
        assert_int_equal(err.line, 3);
        assert_true(err.column > 0);
        assert_non_null(strstr(err.message, "invalid JSON"));
    }
    parse_bad("[]", PARLEY_EINVAL, "", "expected a JSON object");
    parse_bad("{}", PARLEY_EINVAL, "", "missing \"decision_makers\"");
    parse_bad("{\"decision_makers\": [], \"colour\": 1}", PARLEY_EINVAL, "", "unknown key \"colour\"");
    parse_bad("{\"decision_makers\": [{\"name\": \"A\", \"options\": [\"x\"]}]}", PARLEY_EINVAL, "decision_makers",
              "at least two");
    parse_bad("{\"decision_makers\": [{\"name\": \"A\", \"options\": [\"x\"]}, {\"name\": \"A\", \"options\": [\"y\"]}]}",
              PARLEY_EINVAL, "decision_makers[1]", "already used");
    parse_bad("{\"decision_makers\": [{\"name\": \"A\", \"options\": []}, {\"name\": \"B\", \"options\": [\"y\"]}]}",
              PARLEY_EINVAL, "decision_makers[0].options", "non-empty");
    parse_bad("{\"decision_makers\": [{\"name\": \"A\", \"options\": [7]}, {\"name\": \"B\", \"options\": [\"y\"]}]}",
              PARLEY_EINVAL, "decision_makers[0].options[0]", "found an integer");
    parse_bad("{\"decision_makers\": [{\"name\": \"A\", \"options\": [{\"id\": \"if\"}]}, {\"name\": \"B\", \"options\": "
              "[\"y\"]}]}",
              PARLEY_EINVAL, "decision_makers[0].options[0]", "option id \"if\"");
    parse_bad("{\"decision_makers\": [{\"name\": \"A\", \"options\": [{\"name\": \"x\", \"reversibility\": \"up\"}]},"
              " {\"name\": \"B\", \"options\": [\"y\"]}]}",
              PARLEY_EINVAL, "decision_makers[0].options[0]", "\"reversibility\"");
    /* statements: where in the list and where in the text */
    parse_bad(TWO_DMS(", \"preferences\": [\"1\", \"2 & \", \"3\"]"), PARLEY_EINVAL, "decision_makers[0].preferences[1]",
              "end of the condition");
    parse_bad(TWO_DMS(", \"preferences\": [\"1 & 9\"]"), PARLEY_EINVAL, "decision_makers[0].preferences[0]",
              "unknown option '9'");
    parse_bad(TWO_DMS(", \"preferences\": [\"if 1 2\"]"), PARLEY_EINVAL, "decision_makers[0].preferences[0]",
              "expected 'then'");
    parse_bad(TWO_DMS(", \"preferences\": [\"(1 | 2\"]"), PARLEY_EINVAL, "decision_makers[0].preferences[0]",
              "expected ')'");
    parse_bad(TWO_DMS(", \"preferences\": [\"1 2\"]"), PARLEY_EINVAL, "decision_makers[0].preferences[0]",
              "unexpected '2'");
    parse_bad(TWO_DMS(", \"preferences\": [3]"), PARLEY_EINVAL, "decision_makers[0].preferences[0]",
              "expected a statement");
    parse_bad(TWO_DMS(", \"preferences\": [\"1\"], \"ranking\": [0]"), PARLEY_EINVAL, "decision_makers[0]",
              "not both");
    /* rankings */
    parse_bad(TWO_DMS(", \"ranking\": [0, 1, 2, 3, 4, 5, 6]"), PARLEY_EINVAL, "decision_makers[0].ranking",
              "feasible state 7 (YYY) is not ranked");
    parse_bad(TWO_DMS(", \"ranking\": [0, [1, 2], 2]"), PARLEY_EINVAL, "decision_makers[0].ranking[2]",
              "ranked twice");
    parse_bad(TWO_DMS(", \"ranking\": [0, 8]"), PARLEY_EINVAL, "decision_makers[0].ranking[1]", "does not exist");
    parse_bad(TWO_DMS(", \"ranking\": [\"YY\"]"), PARLEY_EINVAL, "decision_makers[0].ranking[0]", "pattern of 3");
    parse_bad(TWO_DMS(", \"ranking\": [[]]"), PARLEY_EINVAL, "decision_makers[0].ranking[0]", "empty group");
    /* infeasible */
    parse_bad("{\"decision_makers\": [{\"name\": \"A\", \"options\": [\"x\"]}, {\"name\": \"B\", \"options\": [\"y\"]}],"
              " \"infeasible\": [\"1\", {\"mutually_exclusive\": [1, 5]}]}",
              PARLEY_EINVAL, "infeasible[1].mutually_exclusive[1]", "option 5 does not exist");
    parse_bad("{\"decision_makers\": [{\"name\": \"A\", \"options\": [\"x\"]}, {\"name\": \"B\", \"options\": [\"y\"]}],"
              " \"infeasible\": [{\"option\": 1}]}",
              PARLEY_EINVAL, "infeasible[0]", "go together");
    parse_bad("{\"decision_makers\": [{\"name\": \"A\", \"options\": [\"x\"]}, {\"name\": \"B\", \"options\": [\"y\"]}],"
              " \"infeasible\": [\"1\", \"-1\"]}",
              PARLEY_EINVAL, "infeasible", "every state is infeasible");
    parse_bad("{\"decision_makers\": [{\"name\": \"A\", \"options\": [\"x\"]}, {\"name\": \"B\", \"options\": [\"y\"]}],"
              " \"infeasible\": [\"1\"], \"status_quo\": 1}",
              PARLEY_EINVAL, "status_quo", "infeasible");
    /* too many options */
    {
        char text[4096];
        size_t len = (size_t)snprintf(text, sizeof text, "{\"decision_makers\": [{\"name\": \"A\", \"options\": [");
        for (int k = 0; k < PARLEY_GMCR_MAX_OPTIONS + 1; k++)
            len += (size_t)snprintf(text + len, sizeof text - len, "%s\"o%d\"", k ? "," : "", k);
        snprintf(text + len, sizeof text - len, "]}, {\"name\": \"B\", \"options\": [\"y\"]}]}");
        parse_bad(text, PARLEY_ERANGE, "decision_makers[0].options[24]", "not supported");
    }
}

static void test_load_file_errors(void **state)
{
    (void)state;
    parley_gmcr_model *m = NULL;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_gmcr_model_load("/nonexistent/model.json", &m, &err), PARLEY_EIO);
    assert_null(m);
    assert_string_equal(err.file, "/nonexistent/model.json");
    char buf[1024];
    assert_non_null(strstr(parley_error_format(&err, buf, sizeof buf), "cannot read the file: No such file or directory"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_statements_scores), cmocka_unit_test(test_condition_forms),
        cmocka_unit_test(test_infeasible_forms),  cmocka_unit_test(test_states_and_accessors),
        cmocka_unit_test(test_bad_models),        cmocka_unit_test(test_load_file_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

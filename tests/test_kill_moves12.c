/*
 * test_kill_moves12.c: the shape of a red line and the text of the rule moved
 * to admit a package (moves.c: rule_shape_of, rule_admitting), with texts
 * written out by hand (issue 27: small slips there must fail a test).  A
 * threshold on the lowest or highest values of a numeric issue moves to the
 * package's value; any other single-issue rule admits the value in a list; a
 * rule over several issues admits the package's combination.  Every text is
 * also written into buffers of every size up to its length (each refused) and
 * of its length plus one (accepted); a label with a double quote is written
 * between single quotes, and one with both quotes cannot be written in the
 * rule language (it has no escapes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "analysis/moves.h"

/* price 0..9, size 10..50 step 10, the first `n` colors of {red, green, sky "blue", it's "grey"} and one red line
 * or constraint `rule`. */
static parley_scenario *scenario_colors(const char *rule, size_t n)
{
    static const char *const colors[] = {"red", "green", "sky \"blue\"", "it's \"grey\""};
    parley_space *s = parley_space_new();
    assert_non_null(s);
    assert_int_equal(parley_space_add_integer(s, "price", 0, 9, 1, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_integer(s, "size", 10, 50, 10, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_categorical(s, "color", colors, n, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    parley_utility *u = parley_utility_new(s);
    assert_non_null(u);
    long party = parley_scenario_add_party(sc, "A", PARLEY_ROLE_PARTY, u, NULL);
    assert_true(party >= 0);
    assert_int_equal(parley_scenario_add_constraint(sc, party, "line", rule, NULL, NULL, NULL), PARLEY_OK);
    return sc;
}

static parley_scenario *scenario(const char *rule)
{
    return scenario_colors(rule, 4);
}

/* The rule admitting `values` is `want`, and needs exactly strlen(want) + 1 bytes. */
static void check_text(const parley_scenario *sc, const rule_shape *shape, const uint32_t *values, const char *want)
{
    char out[256];
    size_t len = strlen(want);
    assert_int_equal(rule_admitting(sc, 0, shape, values, out, sizeof out), 0);
    assert_string_equal(out, want);
    for (size_t size = 1; size <= len + 1; size++) {
        char *buffer = malloc(size);
        assert_non_null(buffer);
        int rc = rule_admitting(sc, 0, shape, values, buffer, size);
        if (rc != (size == len + 1 ? 0 : -1)) /* refused: -1, as the header says */
            fail_msg("'%s' in %zu bytes: %d", want, size, rc);
        free(buffer);
    }
}

struct expected_shape {
    int single;
    size_t issue;
    int threshold;
    uint32_t allowed_end, allowed_count;
};

static void check_rule(const char *rule, struct expected_shape e, const uint32_t *values, const char *want)
{
    parley_scenario *sc = scenario(rule);
    rule_shape shape;
    assert_int_equal(rule_shape_of(sc, 0, &shape), PARLEY_OK);
    assert_int_equal(shape.single, e.single);
    if (e.single) {
        assert_int_equal(shape.issue, e.issue);
        assert_int_equal(shape.threshold, e.threshold);
        assert_int_equal(shape.allowed_count, e.allowed_count);
        if (e.threshold)
            assert_int_equal(shape.allowed_end, e.allowed_end);
    } else {
        assert_null(shape.allowed);
    }
    if (want)
        check_text(sc, &shape, values, want);
    else
        assert_int_equal(rule_admitting(sc, 0, &shape, values, (char[256]){0}, 256), -1); /* both quotes in a label */
    rule_shape_free(&shape);
    assert_null(shape.allowed);
    parley_scenario_free(sc);
}

static void test_thresholds(void **state)
{
    (void)state;
    const uint32_t at7[] = {7, 4, 0}, at2[] = {2, 0, 1};
    check_rule("price <= 4", (struct expected_shape){1, 0, 1, 5, 5}, at7, "price <= 7");
    check_rule("price >= 6", (struct expected_shape){1, 0, -1, 6, 4}, at2, "price >= 2");
    check_rule("size < 30", (struct expected_shape){1, 1, 1, 2, 2}, at7, "size <= 50");
    check_rule("size > 10", (struct expected_shape){1, 1, -1, 1, 4}, at2, "size >= 10");
    /* one value short of every value, at either end */
    check_rule("price <= 8", (struct expected_shape){1, 0, 1, 9, 9}, at7, "price <= 7");
    check_rule("price >= 1", (struct expected_shape){1, 0, -1, 1, 9}, at2, "price >= 2");
}

static void test_value_lists(void **state)
{
    (void)state;
    const uint32_t at3[] = {3, 2, 1}, at0[] = {0, 0, 0};
    /* not a prefix or suffix: the allowed values and the package's */
    check_rule("price != 3", (struct expected_shape){1, 0, 0, 0, 9}, at3, "price in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
    check_rule("price == 4 or price == 6", (struct expected_shape){1, 0, 0, 0, 2}, at0, "price in [0, 4, 6]");
    /* every value allowed, or none: no threshold */
    check_rule("price >= 0", (struct expected_shape){1, 0, 0, 0, 10}, at3,
               "price in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
    check_rule("price > 9", (struct expected_shape){1, 0, 0, 0, 0}, at3, "price in [3]");
    /* categorical: a list of labels, never a threshold */
    check_rule("color == \"red\"", (struct expected_shape){1, 2, 0, 0, 1}, at3, "color in [\"red\", \"green\"]");
    check_rule("color == \"green\"", (struct expected_shape){1, 2, 0, 0, 1}, at0, "color in [\"red\", \"green\"]");
}

static void test_labels_with_quotes(void **state)
{
    (void)state;
    const uint32_t blue[] = {0, 0, 2}, grey[] = {0, 0, 3};
    check_rule("color == \"red\"", (struct expected_shape){1, 2, 0, 0, 1}, blue, "color in [\"red\", 'sky \"blue\"']");
    check_rule("color == \"red\"", (struct expected_shape){1, 2, 0, 0, 1}, grey, NULL);
}

static void test_several_issues(void **state)
{
    (void)state;
    const uint32_t v[] = {7, 4, 1}, blue[] = {7, 4, 2}, grey[] = {7, 4, 3};
    check_rule("price + size <= 30", (struct expected_shape){0, 0, 0, 0, 0}, v,
               "(price + size <= 30) or (price == 7 and size == 50)");
    check_rule("price < 5 or color == \"red\"", (struct expected_shape){0, 0, 0, 0, 0}, v,
               "(price < 5 or color == \"red\") or (price == 7 and color == \"green\")");
    check_rule("price < 5 or color == \"red\"", (struct expected_shape){0, 0, 0, 0, 0}, blue,
               "(price < 5 or color == \"red\") or (price == 7 and color == 'sky \"blue\"')");
    check_rule("price < 5 or color == \"red\"", (struct expected_shape){0, 0, 0, 0, 0}, grey, NULL);
}

/* A keeps color "red"; B keeps every color but "red" and "green" (the others carry quotes). */
static parley_scenario *two_lines(size_t colors)
{
    parley_scenario *sc = scenario_colors("color == \"red\"", colors);
    parley_utility *u = parley_utility_new(parley_scenario_space(sc));
    assert_non_null(u);
    long b = parley_scenario_add_party(sc, "B", PARLEY_ROLE_PARTY, u, NULL);
    assert_true(b >= 0);
    assert_int_equal(parley_scenario_add_constraint(sc, b, "b_line", "color != \"red\" and color != \"green\"", NULL,
                                                    NULL, NULL),
                     PARLEY_OK);
    return sc;
}

/* The diagnosis of *sc = two_lines(colors) (kept for the caller to free after the diagnosis): its code, the
   diagnosis in *d (NULL on failure), the message in *err. */
static int diagnose_two_lines(size_t colors, parley_scenario **sc, parley_diagnosis **d, parley_error *err)
{
    *sc = two_lines(colors);
    memset(err, 0, sizeof *err);
    *d = NULL;
    return parley_diagnose(*sc, NULL, d, err);
}

/*
 * With only `sky "blue"` besides red and green, every move that mends the conflict writes that label, between
 * single quotes: A's line widened to admit blue, B's to admit red, both read `color in ["red", 'sky "blue"']`.
 */
static void test_diagnosis_with_a_quoted_label(void **state)
{
    (void)state;
    parley_scenario *sc;
    parley_diagnosis *d;
    parley_error err;
    int rc = diagnose_two_lines(3, &sc, &d, &err);
    if (rc != PARLEY_OK)
        fail_msg("%d: %s", rc, err.message);
    int moved = 0; /* both lines are single-issue: each is widened to the same list */
    for (size_t i = 0; i < parley_diagnosis_relaxation_count(d); i++) {
        const char *rule = parley_diagnosis_relaxation(d, i)->rule;
        moved += rule && strcmp(rule, "color in [\"red\", 'sky \"blue\"']") == 0;
    }
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
    assert_int_equal(moved, 2);
}

/*
 * A conflict the moves cannot mend in the rule language: with `it's "grey"` among B's colors, moving A's line to
 * B's packages must write a label with both quotes: the diagnosis says which red line cannot be written.
 */
static void test_diagnosis_with_a_label_it_cannot_write(void **state)
{
    (void)state;
    parley_scenario *sc;
    parley_diagnosis *d;
    parley_error err;
    int rc = diagnose_two_lines(4, &sc, &d, &err);
    parley_scenario_free(sc);
    if (rc != PARLEY_ERANGE)
        fail_msg("%d: %s", rc, err.message);
    assert_null(d);
    assert_string_equal(err.message, "the moved rule of red line 'b_line' cannot be written");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thresholds),
        cmocka_unit_test(test_value_lists),
        cmocka_unit_test(test_labels_with_quotes),
        cmocka_unit_test(test_several_issues),
        cmocka_unit_test(test_diagnosis_with_a_quoted_label),
        cmocka_unit_test(test_diagnosis_with_a_label_it_cannot_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

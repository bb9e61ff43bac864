/*
 * test_kill14_analysis_limits.c: parley_analyze's refusals at their limits, with their exact messages (issue 27,
 * seed-144 probe of src/analysis: no test read them).  A part of the space (options first/count) must lie inside
 * it: the last outcome alone and the whole space from 0 are parts, one outcome more is not, nor a part starting at
 * the end; 64 parties are analysed, 65 are not; a space of 2^65 outcomes is not enumerated, and
 * parley_analysis_svg (the bindings' plot) passes the refusal on.  The exact path without enumeration counts for
 * two and three parties, not four, and halves of at most 2^23 points (48 binary issues make halves of 2^24): asked
 * for alone (EXACT_ONLY) it says why not; left to choose (AUTO), the analysis streams and notes why.  And the
 * names of the enumerations, up to the last value and one past it.
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
#include <parley/text.h>

/* `issues` binary issues x0.., `parties` parties each weighing x0 only. */
static parley_scenario *binary(size_t issues, size_t parties)
{
    parley_space *s = parley_space_new();
    assert_non_null(s);
    for (size_t i = 0; i < issues; i++) {
        char name[32];
        snprintf(name, sizeof name, "x%zu", i);
        assert_int_equal(parley_space_add_integer(s, name, 0, 1, 1, NULL), PARLEY_OK);
    }
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    for (size_t p = 0; p < parties; p++) {
        char name[32];
        snprintf(name, sizeof name, "P%zu", p);
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        assert_int_equal(parley_utility_set_weight(u, 0, 1), PARLEY_OK);
        assert_int_equal(parley_utility_set_value(u, 0, (uint32_t)(p % 2), 1), PARLEY_OK);
        assert_int_equal(parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL), (long)p);
    }
    return sc;
}

static int analyse_part(const parley_scenario *sc, uint64_t first, uint64_t count, parley_analysis **a,
                        parley_error *err)
{
    parley_analysis_options o = {.threads = 1, .first = first, .count = count, .method = PARLEY_ANALYSIS_STREAM};
    *a = NULL;
    return parley_analyze(sc, &o, a, err);
}

static void test_parts_inside_the_space(void **state)
{
    (void)state;
    parley_scenario *sc = binary(3, 2); /* 8 outcomes */
    parley_analysis *a = NULL;
    parley_error err;
    const uint64_t inside[][2] = {{7, 1}, {0, 8}, {0, 1}, {3, 5}};
    for (size_t k = 0; k < sizeof inside / sizeof *inside; k++) {
        assert_int_equal(analyse_part(sc, inside[k][0], inside[k][1], &a, &err), PARLEY_OK);
        assert_int_equal(parley_analysis_feasible(a), inside[k][1]);
        parley_analysis_free(a);
    }
    const struct {
        uint64_t first, count;
        const char *message;
    } outside[] = {{7, 2, "outcomes 7 to 8 are not in a space of 8"},
                   {0, 9, "outcomes 0 to 8 are not in a space of 8"},
                   {8, 1, "outcomes 8 to 8 are not in a space of 8"},
                   {9, 1, "outcomes 9 to 9 are not in a space of 8"}};
    for (size_t k = 0; k < sizeof outside / sizeof *outside; k++) {
        assert_int_equal(analyse_part(sc, outside[k].first, outside[k].count, &a, &err), PARLEY_EINVAL);
        assert_null(a);
        assert_string_equal(err.message, outside[k].message);
    }
    parley_scenario_free(sc);
}

static void test_64_parties_not_65(void **state)
{
    (void)state;
    parley_error err;
    parley_analysis *a = NULL;
    parley_scenario *sc = binary(2, 64);
    assert_int_equal(parley_analyze(sc, &(parley_analysis_options){.threads = 1}, &a, &err), PARLEY_OK);
    assert_int_equal(parley_analysis_party_count(a), 64);
    assert_int_equal(parley_analysis_outcomes(a), 4);
    assert_int_equal(parley_analysis_acceptable(a), 4); /* reservations 0 */
    parley_analysis_free(a);
    parley_scenario_free(sc);
    sc = binary(2, 65);
    assert_int_equal(parley_analyze(sc, &(parley_analysis_options){.threads = 1}, &a, &err), PARLEY_ERANGE);
    assert_string_equal(err.message, "65 parties: at most 64 can be analysed");
    parley_scenario_free(sc);
}

static void test_too_many_outcomes_to_enumerate(void **state)
{
    (void)state;
    parley_error err;
    parley_analysis *a = NULL;
    parley_scenario *sc = binary(65, 2);
    assert_int_equal(parley_analyze(sc, NULL, &a, &err), PARLEY_ERANGE);
    assert_string_equal(err.message, "the outcome space has about 3.69e+19 outcomes: too many to enumerate");
    assert_null(parley_analysis_svg(sc, NULL, &err));
    assert_int_equal(err.code, PARLEY_ERANGE);
    assert_string_equal(err.message, "the outcome space has about 3.69e+19 outcomes: too many to enumerate");
    parley_scenario_free(sc);
    sc = binary(3, 2);
    char *svg = parley_analysis_svg(sc, NULL, &err);
    assert_non_null(svg);
    assert_non_null(strstr(svg, "<svg"));
    parley_free(svg);
    parley_scenario_free(sc);
}

static void assert_no_exact_path(const parley_scenario *sc, const char *why)
{
    parley_error err;
    parley_analysis *a = NULL;
    char expected[256];
    snprintf(expected, sizeof expected, "no exact analysis without enumeration: %s", why);
    assert_int_equal(parley_analyze(sc, &(parley_analysis_options){.threads = 1, .method = PARLEY_ANALYSIS_EXACT_ONLY},
                                    &a, &err),
                     PARLEY_ERANGE);
    assert_null(a);
    assert_string_equal(err.message, expected);
}

static void test_exact_path_for_two_and_three_parties(void **state)
{
    (void)state;
    parley_scenario *sc = binary(3, 3);
    parley_analysis *a = NULL;
    parley_error err;
    assert_int_equal(parley_analyze(sc, &(parley_analysis_options){.threads = 1, .method = PARLEY_ANALYSIS_EXACT_ONLY},
                                    &a, &err),
                     PARLEY_OK);
    assert_true(parley_analysis_merged(a));
    assert_int_equal(parley_analysis_acceptable(a), 8);
    parley_analysis_free(a);
    parley_scenario_free(sc);
    sc = binary(3, 4);
    assert_no_exact_path(sc, "exact counts without enumeration are implemented for two and three parties");
    a = NULL;
    assert_int_equal(parley_analyze(sc, &(parley_analysis_options){.threads = 1}, &a, &err), PARLEY_OK);
    assert_false(parley_analysis_merged(a));
    assert_string_equal(parley_analysis_method_note(a),
                        "exact counts without enumeration are implemented for two and three parties");
    assert_int_equal(parley_analysis_acceptable(a), 8);
    parley_analysis_free(a);
    parley_scenario_free(sc);
}

static void test_exact_path_halves_of_at_most_2_to_the_23(void **state)
{
    (void)state;
    parley_scenario *sc = binary(48, 2);
    assert_no_exact_path(sc, "the halves of the space are too large to count by meet-in-the-middle");
    parley_scenario_free(sc);
}

static void test_names_and_one_past_the_last(void **state)
{
    (void)state;
    static const char *const solutions[] = {"nash", "kalai", "egalitarian", "welfare", "unknown"};
    for (int k = 0; k <= PARLEY_SOLUTION_COUNT; k++)
        assert_string_equal(parley_solution_name((parley_solution_kind)k), solutions[k]);
    static const char *const changes[] = {"drop", "move", "lower_reservation", "admit_values", "?"};
    for (int k = 0; k <= PARLEY_CHANGE_ADMIT_VALUES + 1; k++)
        assert_string_equal(parley_relax_change_name((parley_relax_change)k), changes[k]);
    static const char *const statuses[] = {"met", "partly met", "given up", "unknown"};
    for (int k = 0; k <= PARLEY_PRIORITY_GIVEN_UP + 1; k++)
        assert_string_equal(parley_priority_status_name((parley_priority_status)k), statuses[k]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts_inside_the_space),
        cmocka_unit_test(test_64_parties_not_65),
        cmocka_unit_test(test_too_many_outcomes_to_enumerate),
        cmocka_unit_test(test_exact_path_for_two_and_three_parties),
        cmocka_unit_test(test_exact_path_halves_of_at_most_2_to_the_23),
        cmocka_unit_test(test_names_and_one_past_the_last),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

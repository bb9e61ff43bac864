/*
 * test_kill_analysis11.c: `propose --compare` (parley_texts_rank/parley_texts_write, compare.c) at the edge of
 * its 64-party bit masks (issue 27, seed-11 survivors compare.c:128 and :137).  The effect of a text keeps
 * acceptance and utilities for scenario parties 0..63 only (parley_amendment_effect); the analysis takes at most
 * 64 negotiators, so a negotiator at index 64 or more exists only after a mediator: it is left out of the text's
 * "would reject it" list and of its utility line (and counts as utility 0 in the ranking).  One issue x in
 * {0, 1}; P1 (and P63 below) wants x = 0 (utility 1 - x, reservation 0.5), every other party wants x = 1
 * (utility x, reservation 0).  The text x = 1 is worth 0 to P1 (it rejects: shortfall 0.5) and 1 to the others,
 * who accept it.  By hand, with the 64 negotiators P0..P63: P1 and P63 reject, the utility line runs P0 1.0000,
 * P1 0.0000, ... P63 0.0000; with the mediator M first and P1..P64: only P1 is said to reject (not P64, which
 * accepts but has no bit), the line runs P1 0.0000 ... P63 1.0000 (P64 omitted).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <parley/parley.h>

/* Parties first..last (named by index) over x in {0, 1} after the mediator M when first is 1; those in `against`
 * want x = 0, the others x = 1. */
static parley_scenario *parties_over_one_issue(size_t first, size_t last, const size_t *against,
                                               size_t against_count)
{
    parley_space *space = parley_space_new();
    assert_int_equal(parley_space_add_integer(space, "x", 0, 1, 1, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(space);
    assert_non_null(sc);
    if (first == 1)
        assert_int_equal(parley_scenario_add_party(sc, "M", PARLEY_ROLE_MEDIATOR, NULL, NULL), 0);
    for (size_t p = first; p <= last; p++) {
        int wants_zero = 0;
        for (size_t j = 0; j < against_count; j++)
            wants_zero |= against[j] == p;
        parley_utility *u = parley_utility_new(space);
        assert_int_equal(parley_utility_set_weight(u, 0, 1), PARLEY_OK);
        assert_int_equal(parley_utility_set_value(u, 0, 0, wants_zero ? 1 : 0), PARLEY_OK);
        assert_int_equal(parley_utility_set_value(u, 0, 1, wants_zero ? 0 : 1), PARLEY_OK);
        assert_int_equal(parley_utility_set_reservation(u, wants_zero ? 0.5 : 0), PARLEY_OK);
        char name[16];
        snprintf(name, sizeof name, "P%zu", p);
        assert_int_equal(parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL), (long)p);
    }
    return sc;
}

/* The ranking of the one text x = 1 as written (text or JSON); malloc'd. */
static char *ranking_of_x1(const parley_scenario *sc, int json, parley_text_rank *rank)
{
    const uint32_t text[1] = {1};
    const char *names[1] = {"t"};
    parley_analysis_options options = {0};
    options.threads = 1;
    parley_error err;
    double best;
    assert_int_equal(parley_texts_rank(sc, text, 1, PARLEY_SOLUTION_NASH, &options, rank, &best, &err), PARLEY_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    assert_int_equal(parley_texts_write(sc, text, names, 1, rank, PARLEY_SOLUTION_NASH, best, json, out, &err),
                     PARLEY_OK);
    fclose(out);
    return buf;
}

/* "     P<first> u, ..., P<last> u\n": the utility line of the text x = 1 for parties first..last. */
static void utility_line(char *line, size_t size, size_t first, size_t last, const size_t *against,
                         size_t against_count)
{
    size_t at = (size_t)snprintf(line, size, "     ");
    for (size_t p = first; p <= last; p++) {
        int zero = 0;
        for (size_t j = 0; j < against_count; j++)
            zero |= against[j] == p;
        at += (size_t)snprintf(line + at, size - at, "%sP%zu %s", p > first ? ", " : "", p, zero ? "0.0000" : "1.0000");
    }
    snprintf(line + at, size - at, "\n");
}

static void sixty_four_parties_all_listed(void **state)
{
    (void)state;
    const size_t against[] = {1, 63};
    parley_scenario *sc = parties_over_one_issue(0, 63, against, 2);
    parley_text_rank rank;
    char *text = ranking_of_x1(sc, 0, &rank);
    assert_false(rank.effect.acceptable_to_all);
    assert_true(rank.shortfall == 0.5);
    assert_non_null(strstr(text, "\n  1. t: not acceptable to every party; P1 would reject it; P63 would reject it; "
                                 "largest shortfall below a reservation value 0.5000\n     x=1\n"));
    char line[2048];
    utility_line(line, sizeof line, 0, 63, against, 2); /* P63 is the last one, with its 0 */
    assert_non_null(strstr(text, line));
    free(text);
    parley_scenario_free(sc);
}

static void negotiator_at_index_64_left_out(void **state)
{
    (void)state;
    const size_t against[] = {1};
    parley_scenario *sc = parties_over_one_issue(1, 64, against, 1);
    parley_text_rank rank;
    char *text = ranking_of_x1(sc, 0, &rank);
    assert_true(rank.shortfall == 0.5); /* P1's; P64 counts as 0 against its reservation 0 */
    /* P64 (accepting, but beyond the mask) is not said to reject it */
    assert_non_null(strstr(text, "\n  1. t: not acceptable to every party; P1 would reject it; "
                                 "largest shortfall below a reservation value 0.5000\n     x=1\n"));
    char line[2048];
    utility_line(line, sizeof line, 1, 63, against, 1); /* stops at P63 */
    assert_non_null(strstr(text, line));
    assert_null(strstr(text, "P64"));
    free(text);
    /* the JSON keeps the same utilities */
    char *json = ranking_of_x1(sc, 1, &rank);
    json_error_t jerr;
    json_t *root = json_loads(json, 0, &jerr);
    assert_non_null(root);
    json_t *u = json_object_get(json_array_get(json_object_get(root, "texts"), 0), "utilities");
    assert_int_equal(json_object_size(u), 63); /* P1..P63 */
    assert_true(json_number_value(json_object_get(u, "P63")) == 1);
    assert_null(json_object_get(u, "P64"));
    json_decref(root);
    free(json);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sixty_four_parties_all_listed),
        cmocka_unit_test(negotiator_at_index_64_left_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

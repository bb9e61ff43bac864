/*
 * test_many_conditions.c: analyses and diagnoses with more than 64 conditions
 * (red lines and reservation values), whose failure masks take several 64-bit
 * words.  A scenario built so that its minimal conflicting sets are known by
 * hand (one pair and one triple among 103 conditions, across word borders);
 * 200 generated red lines over three parties, with a zone (the counts checked
 * against an enumeration outcome by outcome) and without (every conflict
 * listed checked to be one, and minimal, by enumeration; the list bounded and
 * said so); and parts of such an analysis packed and merged as the MPI ranks
 * do, equal to the whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "many_red_lines.h"

static parley_analysis *analyze(const parley_scenario *sc, uint64_t first, uint64_t count)
{
    parley_analysis_options options = {0};
    options.threads = 2;
    options.first = first;
    options.count = count;
    parley_analysis *a = NULL;
    parley_error err;
    if (parley_analyze(sc, &options, &a, &err) != PARLEY_OK)
        fail_msg("parley_analyze: %s", err.message);
    return a;
}

static parley_diagnosis *diagnose(const parley_scenario *sc)
{
    parley_analysis_options options = {0};
    options.threads = 1;
    parley_diagnosis *d = NULL;
    parley_error err;
    if (parley_diagnose(sc, &options, &d, &err) != PARLEY_OK)
        fail_msg("parley_diagnose: %s", err.message);
    return d;
}

/* Adds red line `rule` named `name` for party p (as a condition it comes after every earlier line). */
static void line(parley_scenario *sc, long p, const char *name, const char *rule)
{
    parley_error err;
    if (parley_scenario_add_constraint(sc, p, name, rule, NULL, NULL, &err) != PARLEY_OK)
        fail_msg("%s: %s", rule, err.message);
}

/*
 * x in 0..4, y in 0..4, z in 0..1; parties A, B, C with reservation 0 (never
 * failing).  100 red lines: "y >= 0" (always kept) except five at the
 * condition indices below:
 *   x_low  (A) x >= 2,  x_high (B) x <= 2,  x_not (C) x != 2  at 70, 71, 72:
 *     any two hold together (x = 2, 3, 1), all three never: a minimal triple;
 *   z0 (A) z == 0 at 10, z1 (B) z == 1 at 90: a minimal pair.
 * The x lines say nothing of z and the z lines nothing of x, so a conflict
 * lies within one group: these two are all the minimal conflicting sets.
 */
static parley_scenario *known_conflicts(void)
{
    parley_space *s = parley_space_new();
    assert_int_equal(parley_space_add_integer(s, "x", 0, 4, 1, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_integer(s, "y", 0, 4, 1, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_integer(s, "z", 0, 1, 1, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(s);
    for (int p = 0; p < 3; p++) {
        parley_utility *u = parley_utility_new(s);
        parley_utility_set_weight(u, (size_t)p, 1);
        parley_utility_set_value(u, (size_t)p, 1, 1);
        char name[2] = {(char)('A' + p), 0};
        assert_true(parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL) >= 0);
    }
    char name[16];
    for (int j = 0; j < 100; j++) {
        long p = j % 3;
        snprintf(name, sizeof name, "fill%d", j);
        if (j == 10)
            line(sc, 0, "z0", "z == 0");
        else if (j == 90)
            line(sc, 1, "z1", "z == 1");
        else if (j == 70)
            line(sc, 0, "x_low", "x >= 2");
        else if (j == 71)
            line(sc, 1, "x_high", "x <= 2");
        else if (j == 72)
            line(sc, 2, "x_not", "x != 2");
        else
            line(sc, p, name, "y >= 0");
    }
    return sc;
}

static void test_known_conflicts_beyond_64(void **state)
{
    (void)state;
    parley_scenario *sc = known_conflicts();
    parley_diagnosis *d = diagnose(sc);
    const parley_analysis *a = parley_diagnosis_analysis(d);
    assert_int_equal(parley_analysis_condition_count(a), 103);
    assert_int_equal(parley_analysis_mask_words(a), 2);
    assert_int_equal(parley_analysis_outcomes(a), 50);
    assert_int_equal(parley_analysis_acceptable(a), 0);
    /* x_low holds for x in 2..4 whatever y and z: 3 * 5 * 2 outcomes */
    assert_int_equal(parley_analysis_condition_holds(a, 70), 30);
    assert_int_equal(parley_analysis_condition_holds(a, 90), 25);
    int complete = 1;
    assert_int_equal(parley_diagnosis_conflict_count(d, &complete), 2);
    assert_false(complete); /* beyond 20 conditions: the sets of up to four members */
    assert_null(parley_diagnosis_truncated(d, NULL));
    const size_t *members;
    assert_int_equal(parley_diagnosis_conflict(d, 0, &members), 2); /* the smaller set first */
    assert_int_equal(members[0], 10);
    assert_int_equal(members[1], 90);
    assert_int_equal(parley_diagnosis_conflict(d, 1, &members), 3);
    assert_int_equal(members[0], 70);
    assert_int_equal(members[1], 71);
    assert_int_equal(members[2], 72);
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

/* 1 when outcome `values` keeps condition c (a red line; reservation values of these scenarios are 0). */
static int keeps(const parley_scenario *sc, const parley_analysis *a, size_t c, const uint32_t *values)
{
    const parley_condition *cond = parley_analysis_condition(a, c);
    if (cond->kind == PARLEY_CONDITION_RESERVATION)
        return 1;
    return parley_expr_holds(parley_scenario_constraint(sc, cond->index)->expr, values);
}

/* Outcomes that keep every member of set[n] but `skip` (n: none skipped), by enumeration. */
static uint64_t keeping(const parley_scenario *sc, const parley_analysis *a, const size_t *set, size_t n, size_t skip)
{
    const parley_space *space = parley_scenario_space(sc);
    uint32_t values[8];
    uint64_t count = 0;
    for (uint64_t o = 0; o < parley_analysis_outcomes(a); o++) {
        parley_space_decode(space, o, values);
        int all = 1;
        for (size_t k = 0; k < n && all; k++)
            all = k == skip || keeps(sc, a, set[k], values);
        count += (uint64_t)all;
    }
    return count;
}

static void test_200_lines_with_a_zone(void **state)
{
    (void)state;
    parley_scenario *sc = many_red_lines(200, 0, 7);
    assert_non_null(sc);
    parley_analysis *a = analyze(sc, 0, 0);
    size_t C = parley_analysis_condition_count(a);
    assert_int_equal(C, 203);
    assert_int_equal(parley_analysis_mask_words(a), 4);
    size_t *all = malloc(C * sizeof *all);
    for (size_t c = 0; c < C; c++)
        all[c] = c;
    /* reservations 0: acceptable = keeps every red line */
    uint64_t acceptable = keeping(sc, a, all, C, C);
    assert_true(acceptable > 0);
    assert_int_equal(parley_analysis_acceptable(a), acceptable);
    for (size_t c = 60; c < 200; c += 7)
        assert_int_equal(parley_analysis_condition_holds(a, c), keeping(sc, a, &c, 1, 1));
    const uint32_t *nash;
    assert_int_equal(parley_analysis_solution(a, PARLEY_SOLUTION_NASH, &nash, NULL, NULL), PARLEY_OK);
    for (size_t c = 0; c < C; c++)
        assert_true(keeps(sc, a, c, nash));
    free(all);
    parley_analysis_free(a);
    parley_scenario_free(sc);
}

/* The "conflicts_truncated" member of the diagnosis's JSON (0 when absent). */
static int json_truncated(const parley_diagnosis *d, const parley_scenario *sc)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    parley_error err;
    assert_int_equal(parley_diagnosis_write_json(d, sc, out, &err), PARLEY_OK);
    fclose(out);
    json_t *root = json_loads(text, 0, NULL);
    free(text);
    assert_non_null(root);
    int truncated = json_is_true(json_object_get(root, "conflicts_truncated"));
    if (truncated)
        assert_true(json_is_string(json_object_get(root, "conflicts_truncated_reason")));
    json_decref(root);
    return truncated;
}

static void test_200_lines_in_conflict(void **state)
{
    (void)state;
    parley_scenario *sc = many_red_lines(200, 1, 7);
    assert_non_null(sc);
    parley_diagnosis *d = diagnose(sc);
    const parley_analysis *a = parley_diagnosis_analysis(d);
    assert_int_equal(parley_analysis_condition_count(a), 203);
    assert_int_equal(parley_analysis_acceptable(a), 0);
    assert_false(parley_diagnosis_undecided(d));
    size_t n = parley_diagnosis_conflict_count(d, NULL);
    assert_true(n > 0 && n <= 256);
    const char *relaxations, *why = parley_diagnosis_truncated(d, &relaxations);
    assert_int_equal(json_truncated(d, sc), why != NULL);
    /* Every set listed is a conflict (no outcome keeps it all) and minimal (without any member, one does). */
    size_t previous = 0;
    for (size_t i = 0; i < n; i++) {
        const size_t *members;
        size_t m = parley_diagnosis_conflict(d, i, &members);
        assert_true(m >= 1 && m <= 4 && m >= previous); /* smaller sets first */
        previous = m;
        assert_int_equal(keeping(sc, a, members, m, m), 0);
        for (size_t k = 0; k < m; k++)
            assert_true(keeping(sc, a, members, m, k) > 0);
    }
    /* Only the relaxations the bound allows: at most 64 single conditions, and at most 64 pairs beyond. */
    assert_true(parley_diagnosis_relaxation_count(d) <= 128);
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

/* Parts of a 203-condition analysis, packed and merged, give the whole's minimal failure masks. */
static void test_parts_merge_beyond_64(void **state)
{
    (void)state;
    parley_scenario *sc = many_red_lines(200, 1, 11);
    parley_analysis *whole = analyze(sc, 0, 0), *into = analyze(sc, 0, 3000);
    parley_analysis *part = analyze(sc, 3000, parley_analysis_outcomes(whole) - 3000);
    void *buf;
    size_t len;
    parley_error err;
    assert_int_equal(parley_analysis_pack(part, &buf, &len, &err), PARLEY_OK);
    assert_int_equal(parley_analysis_merge_packed(into, sc, buf, len, &err), PARLEY_OK);
    /* a part cut short is refused */
    assert_int_equal(parley_analysis_merge_packed(into, sc, buf, len - 8, &err), PARLEY_EINVAL);
    free(buf);
    assert_int_equal(parley_analysis_feasible(into), parley_analysis_feasible(whole));
    for (size_t c = 0; c < parley_analysis_condition_count(whole); c++)
        assert_int_equal(parley_analysis_condition_holds(into, c), parley_analysis_condition_holds(whole, c));
    const uint64_t *mw, *mi;
    int cw, ci;
    size_t words = parley_analysis_mask_words(whole);
    size_t nw = parley_analysis_failure_masks(whole, &mw, &cw), ni = parley_analysis_failure_masks(into, &mi, &ci);
    assert_int_equal(words, 4);
    assert_true(nw > 0);
    assert_int_equal(nw, ni);
    assert_int_equal(cw, ci);
    for (size_t i = 0; i < nw; i++) { /* the same set, in any order */
        int found = 0;
        for (size_t j = 0; j < ni && !found; j++)
            found = memcmp(&mw[i * words], &mi[j * words], words * sizeof *mw) == 0;
        assert_true(found);
    }
    parley_analysis_free(part);
    parley_analysis_free(into);
    parley_analysis_free(whole);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_conflicts_beyond_64),
        cmocka_unit_test(test_200_lines_with_a_zone),
        cmocka_unit_test(test_200_lines_in_conflict),
        cmocka_unit_test(test_parts_merge_beyond_64),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill15_analysis_conflicts.c: the diagnosis's search for small conflicting sets past 20 conditions (diagnose.c:
 * search_hitting over the failure masks) against brute force (issue 27, seed-153 probe of src/analysis: diagnose.c:210,
 * the depth stamps of the conditions a branch forbids, survived).  Scenarios of many_red_lines.h with conflicts (three
 * parties, four issues of six values, 24 red lines: 27 conditions with the reservations): every condition evaluated
 * here on every outcome (the red lines' compiled rules, the utilities rounded to 2^-32 against the reservations),
 * every set of up to four conditions tried; the diagnosis must list exactly the minimal conflicting sets, each once,
 * by size then members, without duplicates.  Some of the scenarios have conflicts of three or four conditions; and
 * a scenario built so that a conflict holds two conditions of one failure mask (six conflicts of three, by hand).
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

#include "many_red_lines.h"

#define ISSUES 4
#define LINES 24
#define MOST_SETS 4096

/* Streaming's rounding: capped at 1, then to 32 fractional bits (written here again on purpose). */
static double rounded(double u)
{
    u = u > 1 ? 1 : u;
    volatile double t = u + 0x1.8p20;
    return t - 0x1.8p20;
}

struct conflicts {
    size_t count;
    uint32_t set[MOST_SETS];
};

/* Distinct failure masks of the feasible outcomes (bit c: condition c fails), by enumeration. */
static size_t failure_masks(const parley_scenario *sc, const parley_analysis *a, uint32_t *masks)
{
    const parley_space *space = parley_scenario_space(sc);
    size_t C = parley_analysis_condition_count(a), count = 0, issues = parley_space_issue_count(space);
    uint64_t outcomes = 1;
    assert_true(issues <= ISSUES);
    for (size_t i = 0; i < issues; i++)
        outcomes *= parley_issue_value_count(space, i);
    for (uint64_t o = 0; o < outcomes; o++) {
        uint32_t values[ISSUES];
        uint64_t rest = o;
        for (size_t i = issues; i-- > 0;) {
            values[i] = (uint32_t)(rest % parley_issue_value_count(space, i));
            rest /= parley_issue_value_count(space, i);
        }
        if (!parley_scenario_feasible(sc, values))
            continue;
        uint32_t mask = 0;
        for (size_t c = 0; c < C; c++) {
            const parley_condition *cond = parley_analysis_condition(a, c);
            int holds;
            if (cond->kind == PARLEY_CONDITION_RED_LINE) {
                holds = parley_expr_holds(parley_scenario_constraint(sc, cond->index)->expr, values);
            } else {
                size_t k = 0;
                while (parley_analysis_party(a, k) != cond->index)
                    k++;
                double u = rounded(parley_utility_eval(parley_party_utility(sc, cond->index), values));
                holds = u >= parley_analysis_reservation(a, k);
            }
            mask |= (uint32_t)!holds << c;
        }
        size_t m = 0;
        while (m < count && masks[m] != mask)
            m++;
        if (m == count)
            masks[count++] = mask;
    }
    return count;
}

static int conflicting(const uint32_t *masks, size_t count, uint32_t set)
{
    for (size_t m = 0; m < count; m++)
        if (!(masks[m] & set))
            return 0;
    return 1;
}

/* Records `set` (members m[0] < .. < m[size - 1]) when it is a minimal conflicting set. */
static void consider(const uint32_t *masks, size_t count, const size_t *m, int size, struct conflicts *out)
{
    uint32_t set = 0;
    for (int k = 0; k < size; k++)
        set |= (uint32_t)1 << m[k];
    if (!conflicting(masks, count, set))
        return;
    for (int k = 0; k < size; k++)
        if (conflicting(masks, count, set & ~((uint32_t)1 << m[k])))
            return;
    assert_true(out->count < MOST_SETS);
    out->set[out->count++] = set;
}

/* Every minimal conflicting set of 1 to 4 of the C conditions, by size, then by members (lexicographic). */
static void brute_force(const uint32_t *masks, size_t count, size_t C, struct conflicts *out)
{
    size_t m[4];
    out->count = 0;
    for (m[0] = 0; m[0] < C; m[0]++)
        consider(masks, count, m, 1, out);
    for (m[0] = 0; m[0] < C; m[0]++)
        for (m[1] = m[0] + 1; m[1] < C; m[1]++)
            consider(masks, count, m, 2, out);
    for (m[0] = 0; m[0] < C; m[0]++)
        for (m[1] = m[0] + 1; m[1] < C; m[1]++)
            for (m[2] = m[1] + 1; m[2] < C; m[2]++)
                consider(masks, count, m, 3, out);
    for (m[0] = 0; m[0] < C; m[0]++)
        for (m[1] = m[0] + 1; m[1] < C; m[1]++)
            for (m[2] = m[1] + 1; m[2] < C; m[2]++)
                for (m[3] = m[2] + 1; m[3] < C; m[3]++)
                    consider(masks, count, m, 4, out);
}

/* The diagnosis of sc lists exactly the minimal conflicting sets brute force finds; returns those of 3 or 4. */
static size_t check_against_brute_force(const parley_scenario *sc, const char *what)
{
    static uint32_t masks[1296];
    static struct conflicts expected;
    parley_analysis_options options = {0};
    options.threads = 1;
    parley_diagnosis *d = NULL;
    parley_error err;
    if (parley_diagnose(sc, &options, &d, &err) != PARLEY_OK)
        fail_msg("%s: %s", what, err.message);
    const parley_analysis *a = parley_diagnosis_analysis(d);
    size_t C = parley_analysis_condition_count(a), large = 0;
    assert_true(C > PARLEY_MAX_DIAGNOSED_CONDITIONS && C <= 32);
    size_t count = failure_masks(sc, a, masks);
    brute_force(masks, count, C, &expected);
    int complete = -1;
    size_t listed = parley_diagnosis_conflict_count(d, &complete);
    assert_int_equal(parley_diagnosis_undecided(d), 0);
    const char *relaxations = NULL;
    assert_null(parley_diagnosis_truncated(d, &relaxations));
    if (listed != expected.count)
        fail_msg("%s: %zu conflicts listed, %zu by brute force", what, listed, expected.count);
    for (size_t i = 0; i < listed; i++) {
        const size_t *members = NULL;
        size_t n = parley_diagnosis_conflict(d, i, &members);
        uint32_t set = 0;
        for (size_t k = 0; k < n; k++) {
            assert_true(k == 0 || members[k - 1] < members[k]);
            set |= (uint32_t)1 << members[k];
        }
        assert_int_equal(n, (size_t)__builtin_popcount(set));
        if (set != expected.set[i])
            fail_msg("%s: conflict %zu is %#x, brute force %#x", what, i, set, expected.set[i]);
        large += n >= 3;
    }
    parley_diagnosis_free(d);
    return large;
}

static void test_small_conflicts_by_brute_force(void **state)
{
    (void)state;
    size_t large_seen = 0;
    for (uint64_t seed = 1; seed <= 12; seed++) {
        parley_scenario *sc = many_red_lines_over(ISSUES, LINES, 1, seed);
        assert_non_null(sc);
        char what[32];
        snprintf(what, sizeof what, "seed %llu", (unsigned long long)seed);
        large_seen += check_against_brute_force(sc, what);
        parley_scenario_free(sc);
    }
    print_message("%zu conflicts of three or four conditions\n", large_seen);
    assert_true(large_seen > 0);
}

/*
 * x in 1..4 and red lines of A: X and P fail at 1, C1 at 2 and 3, C2 at 2 and 4, Q at 3, R at 4, and 16 that never
 * fail (24 conditions with the two reservations, 0): the failure masks {X, P}, {C1, C2}, {C1, Q}, {C2, R} have two
 * conditions each, so a branch of the search has siblings, and a conflict can hold two conditions of one mask:
 * the minimal conflicts, by hand, are one of X and P with {C1, C2}, {C1, R} or {C2, Q}: six sets of three, each
 * listed once ({X, C1, C2} is reached through C1 and through C2, unless the search forbids what it has tried).
 */
static void test_two_of_one_mask(void **state)
{
    (void)state;
    parley_space *s = parley_space_new();
    assert_non_null(s);
    assert_int_equal(parley_space_add_integer(s, "x", 1, 4, 1, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        assert_int_equal(parley_utility_set_weight(u, 0, 1), PARLEY_OK);
        for (uint32_t v = 0; v < 4; v++)
            assert_int_equal(parley_utility_set_value(u, 0, v, p ? v / 3.0 : 1 - v / 3.0), PARLEY_OK);
        assert_int_equal(parley_scenario_add_party(sc, p ? "B" : "A", PARLEY_ROLE_PARTY, u, NULL), p);
    }
    static const char *const lines[][2] = {{"X", "x != 1"},           {"P", "x != 1"}, {"C1", "x != 2 and x != 3"},
                                           {"C2", "x != 2 and x != 4"}, {"Q", "x != 3"}, {"R", "x != 4"}};
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(parley_scenario_add_constraint(sc, 0, lines[i][0], lines[i][1], NULL, NULL, NULL), PARLEY_OK);
    for (int i = 0; i < 16; i++) {
        char name[16];
        snprintf(name, sizeof name, "pad%d", i);
        assert_int_equal(parley_scenario_add_constraint(sc, 0, name, "x >= 1", NULL, NULL, NULL), PARLEY_OK);
    }
    assert_int_equal(check_against_brute_force(sc, "two of one mask"), 6);
    /* and by hand: conditions X = 0, P = 1, C1 = 2, C2 = 3, Q = 4, R = 5 */
    parley_diagnosis *d = NULL;
    parley_analysis_options options = {0};
    options.threads = 1;
    assert_int_equal(parley_diagnose(sc, &options, &d, NULL), PARLEY_OK);
    static const size_t sets[6][3] = {{0, 2, 3}, {0, 2, 5}, {0, 3, 4}, {1, 2, 3}, {1, 2, 5}, {1, 3, 4}};
    assert_int_equal(parley_diagnosis_conflict_count(d, NULL), 6);
    for (size_t i = 0; i < 6; i++) {
        const size_t *members = NULL;
        assert_int_equal(parley_diagnosis_conflict(d, i, &members), 3);
        assert_memory_equal(members, sets[i], sizeof sets[i]);
    }
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_conflicts_by_brute_force),
        cmocka_unit_test(test_two_of_one_mask),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

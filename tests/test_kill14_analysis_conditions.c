/*
 * test_kill14_analysis_conditions.c: the conditions of the streaming analysis past one 64-bit word, and analyses
 * of parts merged (issue 27, seed-144 probe of src/analysis, analyze.c:117 and merge.c:36, 38, 117).  A scenario
 * of 75 packages with 70 red lines (so the parties' masks take two words; condition 0 is Q's, condition 63 P's)
 * and one with 4, each figure checked against brute force computed here from the rules and ratings: packages,
 * feasible and acceptable ones, each party's acceptable ones, the packages on which each condition holds, every
 * count of conditions holding together (4 red lines) and the failure masks (70).  Then the space in two and in
 * three parts, packed and merged in turn (parley_analysis_pack / merge_packed), must give the whole's figures, its
 * frontier and failure masks; a part of another scenario is refused.
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

#include "test_util.h"

enum { PACKAGES = 75, MAX_LINES = 70 };

/* A red line the test can evaluate: kind 0 "x != a", 1 "y != a", 2 "x + y <= a", 3 "z != a". */
struct line {
    int party, kind, a;
};

static int line_holds(const struct line *l, const uint32_t *v)
{
    switch (l->kind) {
    case 0: return (int)v[0] != l->a;
    case 1: return (int)v[1] != l->a;
    case 2: return (int)(v[0] + v[1]) <= l->a;
    default: return (int)v[2] != l->a;
    }
}

static void package(unsigned o, uint32_t *v)
{
    v[0] = o / 15;
    v[1] = o / 3 % 5;
    v[2] = o % 3;
}

/* Ratings in quarters and weights 1/2, 1/4, 1/4: utilities exact in a double. */
static double rating(int party, size_t issue, uint32_t v)
{
    static const double r[2][3][5] = {{{0, 0.25, 0.5, 0.75, 1}, {1, 0.75, 0.5, 0.25, 0}, {0, 0.5, 1}},
                                      {{1, 0.75, 0.5, 0.25, 0}, {0, 0.25, 0.5, 0.75, 1}, {1, 0, 0.5}}};
    return r[party][issue][v];
}

static const double weight[2][3] = {{0.5, 0.25, 0.25}, {0.25, 0.5, 0.25}};
static const double reservation[2] = {0.375, 0.25};

static double utility(int party, const uint32_t *v)
{
    return weight[party][0] * rating(party, 0, v[0]) + weight[party][1] * rating(party, 1, v[1]) +
           weight[party][2] * rating(party, 2, v[2]);
}

static int feasible(const uint32_t *v)
{
    return !(v[0] == 4 && v[2] == 1); /* the global constraint */
}

static parley_scenario *build(const struct line *lines, size_t count)
{
    parley_space *s = parley_space_new();
    assert_non_null(s);
    assert_int_equal(parley_space_add_integer(s, "x", 0, 4, 1, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_integer(s, "y", 0, 4, 1, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_integer(s, "z", 0, 2, 1, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        for (size_t i = 0; i < 3; i++) {
            assert_int_equal(parley_utility_set_weight(u, i, weight[p][i]), PARLEY_OK);
            for (uint32_t v = 0; v < parley_issue_value_count(s, i); v++)
                assert_int_equal(parley_utility_set_value(u, i, v, rating(p, i, v)), PARLEY_OK);
        }
        assert_int_equal(parley_utility_set_reservation(u, reservation[p]), PARLEY_OK);
        assert_int_equal(parley_scenario_add_party(sc, p ? "Q" : "P", PARLEY_ROLE_PARTY, u, NULL), p);
    }
    assert_int_equal(parley_scenario_add_constraint(sc, -1, "stock", "!(x == 4 && z == 1)", NULL, NULL, NULL),
                     PARLEY_OK);
    static const char *const forms[] = {"x != %d", "y != %d", "x + y <= %d", "z != %d"};
    for (size_t c = 0; c < count; c++) {
        char name[32], rule[32];
        snprintf(name, sizeof name, "r%zu", c);
        snprintf(rule, sizeof rule, forms[lines[c].kind], lines[c].a);
        assert_int_equal(parley_scenario_add_constraint(sc, lines[c].party, name, rule, NULL, NULL, NULL), PARLEY_OK);
    }
    return sc;
}

/* The failure mask of package v over the conditions (red lines in order, then P's and Q's reservation). */
static void failure_mask(const struct line *lines, size_t count, const uint32_t *v, uint64_t *mask)
{
    mask[0] = mask[1] = 0;
    for (size_t c = 0; c < count + 2; c++) {
        int fails = c < count ? !line_holds(&lines[c], v) : utility((int)(c - count), v) < reservation[c - count];
        mask[c / 64] |= (uint64_t)fails << c % 64;
    }
}

static void check_against_brute_force(const parley_analysis *a, const struct line *lines, size_t count)
{
    uint64_t feasible_count = 0, acceptable = 0, party_ok[2] = {0, 0}, holds[MAX_LINES + 2] = {0};
    uint32_t v[3];
    for (unsigned o = 0; o < PACKAGES; o++) {
        package(o, v);
        if (!feasible(v))
            continue;
        feasible_count++;
        uint64_t mask[2];
        failure_mask(lines, count, v, mask);
        acceptable += mask[0] == 0 && mask[1] == 0;
        for (size_t c = 0; c < count + 2; c++)
            holds[c] += !(mask[c / 64] >> c % 64 & 1);
        for (int p = 0; p < 2; p++) {
            int ok = utility(p, v) >= reservation[p];
            for (size_t c = 0; c < count; c++)
                ok &= lines[c].party != p || line_holds(&lines[c], v);
            party_ok[p] += ok;
        }
    }
    assert_int_equal(parley_analysis_outcomes(a), PACKAGES);
    assert_int_equal(parley_analysis_feasible(a), feasible_count);
    assert_int_equal(parley_analysis_acceptable(a), acceptable);
    assert_int_equal(parley_analysis_condition_count(a), count + 2);
    for (size_t k = 0; k < 2; k++)
        if (parley_analysis_party_acceptable(a, k) != party_ok[k])
            fail_msg("party %zu: %llu acceptable packages, brute force %llu", k,
                     (unsigned long long)parley_analysis_party_acceptable(a, k), (unsigned long long)party_ok[k]);
    for (size_t c = 0; c < count + 2; c++)
        if (parley_analysis_condition_holds(a, c) != holds[c])
            fail_msg("condition %zu holds on %llu packages, brute force %llu", c,
                     (unsigned long long)parley_analysis_condition_holds(a, c), (unsigned long long)holds[c]);
    if (count + 2 > PARLEY_MAX_DIAGNOSED_CONDITIONS)
        return;
    for (uint32_t set = 0; set < (uint32_t)1 << (count + 2); set++) {
        uint64_t expect = 0, got = 0;
        for (unsigned o = 0; o < PACKAGES; o++) {
            uint64_t mask[2];
            package(o, v);
            failure_mask(lines, count, v, mask);
            expect += feasible(v) && (mask[0] & set) == 0;
        }
        assert_int_equal(parley_analysis_count_satisfying(a, set, &got), PARLEY_OK);
        if (got != expect)
            fail_msg("conditions %x hold together on %llu packages, brute force %llu", set, (unsigned long long)got,
                     (unsigned long long)expect);
    }
}

/* The minimal failure masks, as brute force finds them: each mask of a feasible package, none inside another. */
static void check_failure_masks(const parley_analysis *a, const struct line *lines, size_t count)
{
    uint64_t masks[PACKAGES][2];
    size_t m = 0;
    uint32_t v[3];
    for (unsigned o = 0; o < PACKAGES; o++) {
        package(o, v);
        if (!feasible(v))
            continue;
        failure_mask(lines, count, v, masks[m]);
        int seen = masks[m][0] == 0 && masks[m][1] == 0;
        for (size_t j = 0; j < m && !seen; j++)
            seen = masks[j][0] == masks[m][0] && masks[j][1] == masks[m][1];
        m += !seen;
    }
    size_t minimal = 0;
    for (size_t i = 0; i < m; i++) {
        int inside_another = 0;
        for (size_t j = 0; j < m && !inside_another; j++)
            inside_another = j != i && (masks[j][0] & ~masks[i][0]) == 0 && (masks[j][1] & ~masks[i][1]) == 0;
        minimal += !inside_another;
    }
    const uint64_t *got = NULL;
    int complete = 0;
    assert_int_equal(parley_analysis_mask_words(a), 2);
    assert_int_equal(parley_analysis_failure_masks(a, &got, &complete), minimal);
    assert_true(complete);
    for (size_t j = 0; j < minimal; j++) {
        int found = 0;
        for (size_t i = 0; i < m && !found; i++)
            found = masks[i][0] == got[2 * j] && masks[i][1] == got[2 * j + 1];
        if (!found)
            fail_msg("failure mask %zu (%llx %llx) is no package's", j, (unsigned long long)got[2 * j],
                     (unsigned long long)got[2 * j + 1]);
    }
}

/* 70 red lines: condition 0 is Q's, 63 P's, each cutting a different number of packages. */
static size_t seventy_lines(struct line *lines)
{
    for (size_t c = 0; c < MAX_LINES; c++)
        lines[c] = (struct line){(int)(c % 2), 3, 3}; /* z != 3: always holds */
    lines[0] = (struct line){1, 2, 5};                /* Q: x + y <= 5 */
    lines[63] = (struct line){0, 1, 2};               /* P: y != 2 */
    lines[64] = (struct line){1, 0, 0};               /* Q: x != 0 */
    lines[65] = (struct line){0, 3, 0};               /* P: z != 0 */
    lines[62] = (struct line){0, 0, 4};               /* P: x != 4 */
    return MAX_LINES;
}

static size_t four_lines(struct line *lines)
{
    lines[0] = (struct line){1, 2, 5};
    lines[1] = (struct line){0, 1, 2};
    lines[2] = (struct line){1, 0, 0};
    lines[3] = (struct line){0, 3, 0};
    return 4;
}

static void test_seventy_red_lines(void **state)
{
    (void)state;
    struct line lines[MAX_LINES];
    size_t count = seventy_lines(lines);
    parley_scenario *sc = build(lines, count);
    for (unsigned threads = 1; threads <= 2; threads++) {
        parley_analysis *a = test_analyse(sc, PARLEY_ANALYSIS_STREAM, threads);
        check_against_brute_force(a, lines, count);
        check_failure_masks(a, lines, count);
        parley_analysis_free(a);
    }
    parley_scenario_free(sc);
}

static void test_four_red_lines(void **state)
{
    (void)state;
    struct line lines[4];
    size_t count = four_lines(lines);
    parley_scenario *sc = build(lines, count);
    parley_analysis *a = test_analyse(sc, PARLEY_ANALYSIS_STREAM, 1);
    check_against_brute_force(a, lines, count);
    parley_analysis_free(a);
    parley_scenario_free(sc);
}

/* The analysis of [first, first + count) on one thread. */
static parley_analysis *part(const parley_scenario *sc, uint64_t first, uint64_t count)
{
    return test_analyse_with(sc, &(parley_analysis_options){.threads = 1, .first = first, .count = count,
                                                            .method = PARLEY_ANALYSIS_STREAM});
}

static void merge_into(parley_analysis *into, const parley_scenario *sc, const parley_analysis *p)
{
    void *buf = NULL;
    size_t len = 0;
    parley_error err;
    if (parley_analysis_pack(p, &buf, &len, &err) != PARLEY_OK ||
        parley_analysis_merge_packed(into, sc, buf, len, &err) != PARLEY_OK)
        fail_msg("pack/merge: %s", err.message);
    free(buf);
}

static void assert_same_frontier(const parley_analysis *x, const parley_analysis *y)
{
    size_t f = parley_analysis_frontier_count(x);
    assert_true(f > 0);
    test_same_frontier(x, y, 3, 2);
}

static void merged_parts_are_the_whole(const struct line *lines, size_t count)
{
    parley_scenario *sc = build(lines, count);
    parley_analysis *whole = test_analyse(sc, PARLEY_ANALYSIS_STREAM, 1);
    const uint64_t cuts[][4] = {{0, 30, PACKAGES, 0}, {0, 1, 74, PACKAGES}, {0, 25, 50, PACKAGES}};
    for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
        parley_analysis *into = part(sc, 0, cuts[k][1]);
        for (size_t j = 1; j < 3 && cuts[k][j + 1]; j++) {
            parley_analysis *p = part(sc, cuts[k][j], cuts[k][j + 1] - cuts[k][j]);
            merge_into(into, sc, p);
            parley_analysis_free(p);
        }
        check_against_brute_force(into, lines, count);
        if (count + 2 > PARLEY_MAX_DIAGNOSED_CONDITIONS)
            check_failure_masks(into, lines, count);
        assert_same_frontier(whole, into);
        parley_analysis_free(into);
    }
    parley_analysis_free(whole);
    parley_scenario_free(sc);
}

static void test_parts_merged(void **state)
{
    (void)state;
    struct line lines[MAX_LINES];
    merged_parts_are_the_whole(lines, four_lines(lines));
    merged_parts_are_the_whole(lines, seventy_lines(lines));
}

static void test_a_part_of_another_scenario_is_refused(void **state)
{
    (void)state;
    struct line lines[MAX_LINES];
    size_t four = four_lines(lines);
    parley_scenario *small = build(lines, four);
    parley_scenario *large = build(lines, seventy_lines(lines));
    parley_analysis *into = part(small, 0, 30), *other = part(large, 30, 45);
    void *buf = NULL;
    size_t len = 0;
    parley_error err;
    assert_int_equal(parley_analysis_pack(other, &buf, &len, NULL), PARLEY_OK);
    assert_int_equal(parley_analysis_merge_packed(into, small, buf, len, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "the part does not belong to this analysis");
    /* a part cut short by one word */
    free(buf);
    parley_analysis *own = part(small, 30, 45);
    assert_int_equal(parley_analysis_pack(own, &buf, &len, NULL), PARLEY_OK);
    assert_int_equal(parley_analysis_merge_packed(into, small, buf, len - 8, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "the part does not belong to this analysis");
    /* not a whole number of words; a header cut short (in a block of its own size, for the sanitizer); a wrong
       magic number */
    assert_int_equal(parley_analysis_merge_packed(into, small, buf, len - 1, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "the part does not belong to this analysis");
    char *longer = malloc(len + 3);
    assert_non_null(longer);
    memcpy(longer, buf, len);
    memset(longer + len, 0, 3);
    assert_int_equal(parley_analysis_merge_packed(into, small, longer, len + 3, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "the part does not belong to this analysis");
    free(longer);
    uint64_t *header = malloc(10 * sizeof *header);
    assert_non_null(header);
    memcpy(header, buf, 10 * sizeof *header);
    assert_int_equal(parley_analysis_merge_packed(into, small, header, 10 * sizeof *header, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "the part does not belong to this analysis");
    free(header);
    ((uint64_t *)buf)[0] ^= 1;
    assert_int_equal(parley_analysis_merge_packed(into, small, buf, len, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "the part does not belong to this analysis");
    ((uint64_t *)buf)[0] ^= 1;
    /* and the part itself merges, the figures of the whole then */
    assert_int_equal(parley_analysis_merge_packed(into, small, buf, len, &err), PARLEY_OK);
    assert_int_equal(parley_analysis_feasible(into), 70); /* 75 packages but the 5 with x = 4 and z = 1 */
    free(buf);
    parley_analysis_free(own);
    parley_analysis_free(other);
    parley_analysis_free(into);
    parley_scenario_free(small);
    parley_scenario_free(large);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seventy_red_lines),
        cmocka_unit_test(test_four_red_lines),
        cmocka_unit_test(test_parts_merged),
        cmocka_unit_test(test_a_part_of_another_scenario_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

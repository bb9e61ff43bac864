/*
 * test_kill14_analysis_conflicts.c: the minimal conflicting sets of conditions as parley_analysis_minimal_conflicts
 * and the JSON report list them (issue 27, seed-144 probe of src/analysis: result.c's "conflicts_total", which no
 * test read).  One issue x of `pairs` values; for each value i, A's red line a<i> and B's b<i> are both "x != i",
 * so package i breaks exactly those two: a set of conditions cannot hold together exactly when it holds one line
 * of every pair, and the minimal such sets are the 2^pairs choices of one line per pair (by hand).  With 8 pairs
 * the report lists all 256 and says no more; with 9 it lists the first 256 and "conflicts_total": 512.  Past 20
 * conditions the diagnosis searches the small conflicts (diagnose.c): x in {0, 1}, k lines "x != 0" of A and k
 * "x != 1" of B, so the minimal conflicts are the k^2 pairs of one line of each; 16^2 = 256 are listed whole,
 * 17^2 = 289 stop at 256 and say why.  And the conditions relaxed one by one: with 1 line of A and 63 of B, 64
 * conditions are in conflicts and all are relaxed; with 64 of B, 65 are: only 64 (or fewer, when 2 s run out),
 * and the diagnosis says so.
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

#include "test_util.h"

static parley_scenario *pairs_of_lines(int pairs)
{
    parley_space *s = parley_space_new();
    assert_non_null(s);
    assert_int_equal(parley_space_add_integer(s, "x", 0, pairs - 1, 1, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        assert_int_equal(parley_utility_set_weight(u, 0, 1), PARLEY_OK);
        assert_int_equal(parley_scenario_add_party(sc, p ? "B" : "A", PARLEY_ROLE_PARTY, u, NULL), p);
    }
    for (int i = 0; i < pairs; i++)
        for (int p = 0; p < 2; p++) {
            char name[16], rule[32];
            snprintf(name, sizeof name, "%c%d", p ? 'b' : 'a', i);
            snprintf(rule, sizeof rule, "x != %d", i);
            assert_int_equal(parley_scenario_add_constraint(sc, p, name, rule, NULL, NULL, NULL), PARLEY_OK);
        }
    return sc;
}

/* Condition 2i is a<i>, 2i + 1 is b<i>; the two reservations come last. */
static void assert_one_of_each_pair(uint32_t mask, int pairs)
{
    for (int i = 0; i < pairs; i++) {
        uint32_t pair = mask >> (2 * i) & 3;
        if (pair != 1 && pair != 2)
            fail_msg("conflict %x: pair %d has %u members", mask, i, pair == 3 ? 2 : 0);
    }
    assert_int_equal(mask >> (2 * pairs), 0); /* no reservation */
}

static json_t *report(const parley_analysis *a, const parley_scenario *sc)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    parley_error err;
    assert_int_equal(parley_analysis_write_json(a, sc, 0, out, &err), PARLEY_OK);
    fclose(out);
    json_error_t je;
    json_t *root = json_loads(text, 0, &je);
    free(text);
    if (!root)
        fail_msg("the report is not JSON: %s", je.text);
    return root;
}

static void check(int pairs)
{
    parley_scenario *sc = pairs_of_lines(pairs);
    parley_analysis *a = test_analyse(sc, PARLEY_ANALYSIS_STREAM, 1);
    assert_int_equal(parley_analysis_acceptable(a), 0);
    assert_int_equal(parley_analysis_condition_count(a), 2 * pairs + 2);
    size_t total = (size_t)1 << pairs;
    uint32_t *masks = calloc(total, sizeof *masks);
    assert_non_null(masks);
    assert_int_equal(parley_analysis_minimal_conflicts(a, masks, total), total);
    for (size_t i = 0; i < total; i++) {
        assert_one_of_each_pair(masks[i], pairs);
        for (size_t j = 0; j < i; j++)
            assert_true(masks[j] != masks[i]);
    }
    json_t *root = report(a, sc);
    json_t *conflicts = json_object_get(root, "conflicts");
    assert_int_equal(json_array_size(conflicts), total < 256 ? total : 256);
    for (size_t i = 0; i < json_array_size(conflicts); i++) {
        json_t *set = json_array_get(conflicts, i);
        assert_int_equal(json_array_size(set), pairs);
        uint32_t mask = 0;
        for (size_t m = 0; m < json_array_size(set); m++) {
            const char *name = json_string_value(json_object_get(json_array_get(set, m), "name"));
            assert_non_null(name);
            mask |= (uint32_t)1 << (2 * atoi(name + 1) + (name[0] == 'b'));
        }
        assert_int_equal(mask, masks[i]); /* the report lists the sets in the analysis's order */
    }
    json_t *more = json_object_get(root, "conflicts_total");
    if (total > 256)
        assert_int_equal(json_integer_value(more), total);
    else
        assert_null(more);
    json_decref(root);
    free(masks);
    parley_analysis_free(a);
    parley_scenario_free(sc);
}

static void test_256_conflicts_listed_whole(void **state)
{
    (void)state;
    check(8);
    check(2);
}

static void test_512_conflicts_listed_to_256(void **state)
{
    (void)state;
    check(9);
}

/* x in {0, 1}; A's lines a0..a<ka-1> are "x != 0", B's b0..b<kb-1> "x != 1". */
static parley_scenario *blocks(int ka, int kb)
{
    parley_space *s = parley_space_new();
    assert_non_null(s);
    assert_int_equal(parley_space_add_integer(s, "x", 0, 1, 1, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        assert_int_equal(parley_utility_set_weight(u, 0, 1), PARLEY_OK);
        assert_int_equal(parley_scenario_add_party(sc, p ? "B" : "A", PARLEY_ROLE_PARTY, u, NULL), p);
    }
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < (p ? kb : ka); i++) {
            char name[16];
            snprintf(name, sizeof name, "%c%d", p ? 'b' : 'a', i);
            assert_int_equal(parley_scenario_add_constraint(sc, p, name, p ? "x != 1" : "x != 0", NULL, NULL, NULL),
                             PARLEY_OK);
        }
    return sc;
}

static parley_diagnosis *diagnosis(const parley_scenario *sc)
{
    parley_diagnosis *d = NULL;
    parley_error err;
    parley_analysis_options options = {.threads = 1};
    if (parley_diagnose(sc, &options, &d, &err) != PARLEY_OK)
        fail_msg("parley_diagnose: %s", err.message);
    return d;
}

static void diagnose_blocks(int k)
{
    parley_scenario *sc = blocks(k, k);
    parley_diagnosis *d = diagnosis(sc);
    int complete = 1;
    size_t count = parley_diagnosis_conflict_count(d, &complete);
    assert_int_equal(count, 256);
    assert_false(complete); /* found by the search of small sets */
    const char *truncated = parley_diagnosis_truncated(d, NULL);
    if (k * k > 256)
        assert_string_equal(truncated, "more minimal conflicting sets than are listed (256)");
    else
        assert_null(truncated);
    unsigned char seen[17][17] = {{0}};
    for (size_t i = 0; i < count; i++) {
        const size_t *members = NULL;
        assert_int_equal(parley_diagnosis_conflict(d, i, &members), 2);
        /* conditions: a0..a<k-1>, then b0..b<k-1>, then the reservations */
        assert_true(members[0] < (size_t)k);
        assert_true(members[1] >= (size_t)k && members[1] < 2 * (size_t)k);
        assert_false(seen[members[0]][members[1] - (size_t)k]);
        seen[members[0]][members[1] - (size_t)k] = 1;
    }
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

static void test_diagnosis_lists_256_small_conflicts(void **state)
{
    (void)state;
    diagnose_blocks(16);
    diagnose_blocks(17);
}

static void test_64_conditions_relaxed_one_by_one(void **state)
{
    (void)state;
    for (int kb = 63; kb <= 64; kb++) {
        parley_scenario *sc = blocks(1, kb);
        parley_diagnosis *d = diagnosis(sc);
        int complete = 1;
        assert_int_equal(parley_diagnosis_conflict_count(d, &complete), kb);
        const char *relaxations = "unset";
        assert_null(parley_diagnosis_truncated(d, &relaxations));
        if (kb == 63) {
            assert_null(relaxations);
        } else if (strcmp(relaxations, "more than 64 conditions are in conflicts: only the 64 in the most "
                                        "conflicting sets were relaxed one by one") != 0)
            assert_string_equal(relaxations, "more than 64 conditions are in conflicts: those in the most "
                                             "conflicting sets were relaxed one by one for 2 s, and no more");
        parley_diagnosis_free(d);
        parley_scenario_free(sc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_256_conflicts_listed_whole),
        cmocka_unit_test(test_512_conflicts_listed_to_256),
        cmocka_unit_test(test_diagnosis_lists_256_small_conflicts),
        cmocka_unit_test(test_64_conditions_relaxed_one_by_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

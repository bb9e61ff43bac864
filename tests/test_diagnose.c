/*
 * test_diagnose.c: impasse diagnosis (parley/diagnose.h): the minimal
 * conflicting sets of red lines and reservation values, the relaxation of each
 * member (zone size, lowered reservation value, Nash package) and, for phased
 * agreements, the zone with the stated trust and with every later phase
 * guaranteed.  Scenarios come from tests/data/diagnose/ (JSON) or are built
 * with the API here; every expected value is worked out by hand in the
 * comments, and a brute-force enumeration (outcome by outcome, subset by
 * subset) cross-checks the conflicts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)
#define DATA(name) PARLEY_SOURCE_DIR "/tests/data/diagnose/" name

static parley_scenario *load(const char *path)
{
    parley_scenario *sc = NULL;
    parley_error err;
    int rc = parley_scenario_load(path, &sc, &err);
    if (rc != PARLEY_OK)
        fail_msg("%s: %s", path, err.message);
    return sc;
}

static parley_diagnosis *diagnose(const parley_scenario *sc, const parley_analysis_options *options)
{
    parley_diagnosis *d = NULL;
    parley_error err;
    int rc = parley_diagnose(sc, options, &d, &err);
    if (rc != PARLEY_OK)
        fail_msg("parley_diagnose: %s", err.message);
    return d;
}

/* A condition's name: the red line's name, or "res:<party>" for a reservation value. */
static void condition_name(const parley_scenario *sc, const parley_analysis *a, size_t c, char *buf, size_t size)
{
    const parley_condition *cond = parley_analysis_condition(a, c);
    if (cond->kind == PARLEY_CONDITION_RED_LINE)
        snprintf(buf, size, "%s", parley_scenario_constraint(sc, cond->index)->name);
    else
        snprintf(buf, size, "res:%s", parley_party_name(sc, cond->party));
}

static int by_string(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Conflict i as its member names sorted and joined by ',' ("A,B"). */
static void conflict_string(const parley_diagnosis *d, const parley_scenario *sc, size_t i, char *out, size_t size)
{
    const parley_analysis *a = parley_diagnosis_analysis(d);
    const size_t *members;
    size_t n = parley_diagnosis_conflict(d, i, &members);
    char names[64][64];
    const char *sorted[64];
    assert_true(n <= 64);
    for (size_t k = 0; k < n; k++) {
        condition_name(sc, a, members[k], names[k], sizeof names[k]);
        sorted[k] = names[k];
    }
    qsort(sorted, n, sizeof *sorted, by_string);
    out[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        strncat(out, sorted[k], size - strlen(out) - 1);
        if (k + 1 < n)
            strncat(out, ",", size - strlen(out) - 1);
    }
}

/* The diagnosis lists exactly the conflicts `expected` (each "A,B" with sorted names), smallest first. */
static void expect_conflicts(const parley_diagnosis *d, const parley_scenario *sc, int complete,
                             const char *const *expected, size_t n)
{
    int got_complete = -1;
    size_t count = parley_diagnosis_conflict_count(d, &got_complete);
    assert_int_equal(count, n);
    assert_int_equal(got_complete, complete);
    size_t previous = 0;
    for (size_t i = 0; i < count; i++) {
        char text[1024];
        conflict_string(d, sc, i, text, sizeof text);
        size_t size = parley_diagnosis_conflict(d, i, NULL);
        assert_true(size >= previous); /* smallest sets first */
        previous = size;
        int found = 0;
        for (size_t k = 0; k < n; k++)
            found |= strcmp(text, expected[k]) == 0;
        if (!found)
            fail_msg("unexpected conflict {%s}", text);
    }
}

/* Index of the diagnosis's relaxation of the condition named `name` (fails when absent). */
static const parley_relaxation *relaxation_of(const parley_diagnosis *d, const parley_scenario *sc, const char *name)
{
    const parley_analysis *a = parley_diagnosis_analysis(d);
    for (size_t i = 0; i < parley_diagnosis_relaxation_count(d); i++) {
        const parley_relaxation *r = parley_diagnosis_relaxation(d, i);
        char buf[128];
        condition_name(sc, a, r->condition, buf, sizeof buf);
        if (strcmp(buf, name) == 0)
            return r;
    }
    fail_msg("no relaxation of '%s'", name);
    return NULL;
}

/* The value index of `label` (categorical) or of the number `label` (numeric) on an issue. */
static uint32_t value_of(const parley_scenario *sc, const char *issue, const char *label)
{
    const parley_space *space = parley_scenario_space(sc);
    long i = parley_space_find_issue(space, issue);
    assert_true(i >= 0);
    long v = parley_issue_type_of(space, (size_t)i) == PARLEY_ISSUE_CATEGORICAL
                 ? parley_issue_find_label(space, (size_t)i, label)
                 : parley_issue_find_number(space, (size_t)i, atof(label));
    assert_true(v >= 0);
    return (uint32_t)v;
}

/*
 * Brute force, independent of the analysis: the set of conditions holding on
 * each feasible outcome (red lines by parley_expr_holds, reservation values by
 * the expected utility against the reservation at time 0), then every subset
 * of up to `max_size` conditions tested for "no outcome satisfies it all, any
 * one removed some does".  Checks the diagnosis lists exactly those (it must
 * list all when `all`).
 */
static uint64_t *holds_masks(const parley_scenario *sc, const parley_analysis *a, size_t *count)
{
    const parley_space *space = parley_scenario_space(sc);
    size_t issues = parley_space_issue_count(space);
    size_t C = parley_analysis_condition_count(a);
    uint64_t outcomes = parley_analysis_outcomes(a);
    uint32_t values[16];
    uint64_t *masks = malloc(outcomes * sizeof *masks);
    assert_non_null(masks);
    assert_true(issues <= 16);
    size_t parties = parley_scenario_party_count(sc);
    parley_utility **expected = calloc(parties, sizeof *expected);
    for (size_t p = 0; p < parties; p++)
        if (parley_party_role(sc, p) == PARLEY_ROLE_PARTY)
            expected[p] = parley_scenario_expected_utility(sc, p, -1.0);
    *count = 0;
    for (uint64_t o = 0; o < outcomes; o++) {
        parley_space_decode(space, o, values);
        if (!parley_scenario_feasible(sc, values))
            continue;
        uint64_t m = 0;
        for (size_t c = 0; c < C; c++) {
            const parley_condition *cond = parley_analysis_condition(a, c);
            int holds = cond->kind == PARLEY_CONDITION_RED_LINE
                            ? parley_expr_holds(parley_scenario_constraint(sc, cond->index)->expr, values)
                            : parley_utility_eval(expected[cond->party], values) >=
                                  parley_utility_reservation_at(parley_party_utility(sc, cond->party), 0) - 1e-12;
            m |= (uint64_t)(holds != 0) << c;
        }
        size_t k = 0;
        while (k < *count && masks[k] != m)
            k++;
        if (k == *count)
            masks[(*count)++] = m;
    }
    for (size_t p = 0; p < parties; p++)
        parley_utility_free(expected[p]);
    free(expected);
    return masks;
}

static int satisfiable(uint64_t set, const uint64_t *holds, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((holds[i] & set) == set)
            return 1;
    return 0;
}

static size_t brute_conflicts(uint64_t set, int from, int size, int C, const uint64_t *holds, size_t n,
                              uint64_t *found, size_t max)
{
    if (size == 0) {
        if (satisfiable(set, holds, n))
            return 0;
        for (int c = 0; c < C; c++)
            if (set >> c & 1 && !satisfiable(set & ~((uint64_t)1 << c), holds, n))
                return 0;
        assert_true(max > 0);
        found[0] = set;
        return 1;
    }
    size_t count = 0;
    for (int c = from; c < C; c++)
        count += brute_conflicts(set | (uint64_t)1 << c, c + 1, size - 1, C, holds, n, found + count, max - count);
    return count;
}

static void check_against_brute_force(const parley_scenario *sc, const parley_diagnosis *d, int max_size)
{
    const parley_analysis *a = parley_diagnosis_analysis(d);
    size_t n;
    uint64_t *holds = holds_masks(sc, a, &n);
    int C = (int)parley_analysis_condition_count(a);
    uint64_t found[4096];
    size_t count = 0;
    for (int size = 1; size <= max_size && size <= C; size++)
        count += brute_conflicts(0, 0, size, C, holds, n, found + count, 4096 - count);
    assert_int_equal(parley_diagnosis_conflict_count(d, NULL), count);
    for (size_t i = 0; i < count; i++) {
        const size_t *members;
        size_t m = parley_diagnosis_conflict(d, i, &members);
        uint64_t mask = 0;
        for (size_t k = 0; k < m; k++)
            mask |= (uint64_t)1 << members[k];
        size_t j = 0;
        while (j < count && found[j] != mask)
            j++;
        assert_true(j < count);
    }
    free(holds);
}

/*
 * single.json: border open/closed, aid 0..2 (6 outcomes).  North's red line
 * open_border holds on the 3 "open" outcomes, South's closed_border on the 3
 * "closed" ones; reservations are 0 so they hold everywhere.  The only
 * minimal conflict is {open_border, closed_border}.
 * Dropping open_border leaves border=closed, aid 0..2: North gets aid/4,
 * South 0.5 + 0.5 * (1 - aid/2): (0, 1), (0.25, 0.75), (0.5, 0.5); the Nash
 * products 0, 0.1875, 0.25: aid=2, both 0.5.  Symmetrically dropping
 * closed_border: (0.5, 0.5), (0.75, 0.25), (1, 0): aid=0.  Both open 3.
 */
static void test_single_conflict(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("single.json"));
    parley_diagnosis *d = diagnose(sc, NULL);
    const parley_analysis *a = parley_diagnosis_analysis(d);
    assert_int_equal(parley_analysis_outcomes(a), 6);
    assert_int_equal(parley_analysis_acceptable(a), 0);
    /* conditions: open_border, closed_border, res:North, res:South; the mediator has none */
    assert_int_equal(parley_analysis_condition_count(a), 4);
    static const char *const expected[] = {"closed_border,open_border"};
    expect_conflicts(d, sc, 1, expected, 1);
    /* each member belongs to its party */
    const size_t *members;
    assert_int_equal(parley_diagnosis_conflict(d, 0, &members), 2);
    for (size_t k = 0; k < 2; k++) {
        const parley_condition *cond = parley_analysis_condition(a, members[k]);
        assert_int_equal(cond->kind, PARLEY_CONDITION_RED_LINE);
        const char *name = parley_scenario_constraint(sc, cond->index)->name;
        assert_string_equal(parley_party_name(sc, cond->party), strcmp(name, "open_border") == 0 ? "North" : "South");
    }
    assert_int_equal(parley_diagnosis_relaxation_count(d), 2);
    const parley_relaxation *r = relaxation_of(d, sc, "open_border");
    assert_true(r->from < 0 && r->to < 0);
    assert_int_equal(r->zone, 3);
    assert_int_equal(r->nash[0], value_of(sc, "border", "closed"));
    assert_int_equal(r->nash[1], value_of(sc, "aid", "2"));
    NEAR(r->utilities[0], 0.5);
    NEAR(r->utilities[1], 0.5);
    r = relaxation_of(d, sc, "closed_border");
    assert_int_equal(r->zone, 3);
    assert_int_equal(r->nash[0], value_of(sc, "border", "open"));
    assert_int_equal(r->nash[1], value_of(sc, "aid", "0"));
    /* equal zones: in condition order */
    assert_int_equal(parley_diagnosis_relaxation(d, 0)->condition, 0);
    assert_int_equal(parley_diagnosis_relaxation(d, 1)->condition, 1);
    uint64_t stated, guaranteed;
    assert_int_equal(parley_diagnosis_guarantee(d, &stated, &guaranteed), PARLEY_ENOTFOUND); /* no phases */
    check_against_brute_force(sc, d, 64);
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

/*
 * disjoint.json: x, y in {a, b}; A needs xa (x=a) and ya (y=a), B needs xb
 * and yb.  Pairs: {xa,xb} and {ya,yb} hold nowhere; {xa,ya} at (a,a),
 * {xa,yb} at (a,b), {ya,xb} at (b,a), {xb,yb} at (b,b); every triple contains
 * one of the two conflicts.  So exactly two disjoint conflicts.  Dropping any
 * one red line leaves the other conflict: every relaxation opens nothing.
 */
static void test_disjoint_conflicts(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("disjoint.json"));
    parley_diagnosis *d = diagnose(sc, NULL);
    static const char *const expected[] = {"xa,xb", "ya,yb"};
    expect_conflicts(d, sc, 1, expected, 2);
    /*
     * 4 single relaxations, none opening a zone; then the pairs that take one red line from each conflict:
     * {xa,ya}, {xa,yb}, {xb,ya}, {xb,yb}; each leaves the other two, which hold on exactly one package
     * (dropping xa and ya leaves xb and yb: (b,b)).  Pairs with a zone sort first.
     */
    assert_int_equal(parley_diagnosis_relaxation_count(d), 8);
    size_t singles = 0, pairs = 0;
    for (size_t i = 0; i < 8; i++) {
        const parley_relaxation *r = parley_diagnosis_relaxation(d, i);
        if (r->second == PARLEY_NO_CONDITION) {
            singles++;
            assert_int_equal(r->zone, 0);
            assert_null(r->nash);
            assert_null(r->utilities);
        } else {
            pairs++;
            assert_int_equal(r->zone, 1);
            assert_non_null(r->nash);
            const parley_space *space = parley_scenario_space(sc);
            /* the package keeps the values the two remaining red lines demand: not the dropped ones */
            char dropped_x[64], dropped_y[64], kept[64];
            condition_name(sc, parley_diagnosis_analysis(d), r->condition, dropped_x, sizeof dropped_x);
            condition_name(sc, parley_diagnosis_analysis(d), r->second, dropped_y, sizeof dropped_y);
            snprintf(kept, sizeof kept, "%s%s", parley_issue_label(space, 0, r->nash[0]),
                     parley_issue_label(space, 1, r->nash[1]));
            const char *x_dropped = dropped_x[0] == 'x' ? dropped_x : dropped_y;
            const char *y_dropped = dropped_x[0] == 'y' ? dropped_x : dropped_y;
            assert_true(kept[0] != x_dropped[1] && kept[1] != y_dropped[1]);
            assert_true(i < 4); /* zones first */
        }
    }
    assert_int_equal(singles, 4);
    assert_int_equal(pairs, 4);
    check_against_brute_force(sc, d, 64);
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

/*
 * overlap.json: one issue, plans p0..p3.  Wanted: minimal conflicts exactly
 * {A,B}, {B,C}, {A,C,D}.  The maximal sets of red lines that may hold
 * together are then the maximal sets containing none of them: with B, neither
 * A nor C, so {B,D}; without B, any two of A, C, D: {A,C}, {A,D}, {C,D}.  One
 * plan per maximal set, each red line holding exactly on the plans whose set
 * contains it:
 *   p0: {B,D}  p1: {A,C}  p2: {A,D}  p3: {C,D}
 *   A = plan in [p1,p2], B = plan == p0, C = plan in [p1,p3], D = plan != p1.
 * Check: A&B = {} , B&C = {}, A&C = {p1}, A&D = {p2}, B&D = {p0}, C&D = {p3},
 * A&C&D = {p1} & {p0,p2,p3} = {} with all its pairs satisfiable; the other
 * triples contain {A,B} or {B,C}.  Reservations are 0 (hold everywhere).
 * A (North), B and D (South), C (East).  No single relaxation opens a zone:
 * without A, {B,C} remains; without B, {A,C,D}; without C, {A,B}; without D,
 * {A,B} and {B,C}.
 */
static void test_overlapping_conflicts(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("overlap.json"));
    parley_diagnosis *d = diagnose(sc, NULL);
    const parley_analysis *a = parley_diagnosis_analysis(d);
    static const char *const expected[] = {"A,B", "B,C", "A,C,D"};
    expect_conflicts(d, sc, 1, expected, 3);
    /* holds_on: A 2 plans, B 1, D 3, C 2 */
    static const struct { const char *name; uint64_t holds; const char *party; } conds[] = {
        {"A", 2, "North"}, {"B", 1, "South"}, {"D", 3, "South"}, {"C", 2, "East"}};
    for (size_t c = 0; c < 4; c++) {
        char buf[64];
        condition_name(sc, a, c, buf, sizeof buf);
        assert_string_equal(buf, conds[c].name);
        assert_int_equal(parley_analysis_condition_holds(a, c), conds[c].holds);
        assert_string_equal(parley_party_name(sc, parley_analysis_condition(a, c)->party), conds[c].party);
    }
    /*
     * 4 single relaxations open nothing; the pairs that meet all three conflicts are {A,B}, {A,C}, {B,C} and
     * {B,D} ({A,D} misses {B,C}, {C,D} misses {A,B}); each leaves exactly one plan: without A and B, C&D = {p3};
     * without A and C, B&D = {p0}; without B and C, A&D = {p2}; without B and D, A&C = {p1}.
     */
    assert_int_equal(parley_diagnosis_relaxation_count(d), 8);
    char seen[4][8] = {{0}};
    size_t pairs = 0;
    for (size_t i = 0; i < 8; i++) {
        const parley_relaxation *r = parley_diagnosis_relaxation(d, i);
        if (r->second == PARLEY_NO_CONDITION) {
            assert_int_equal(r->zone, 0);
            continue;
        }
        assert_int_equal(r->zone, 1);
        char x[64], y[64];
        condition_name(sc, a, r->condition, x, sizeof x);
        condition_name(sc, a, r->second, y, sizeof y);
        char pair[8];
        snprintf(pair, sizeof pair, "%c%c", x[0] < y[0] ? x[0] : y[0], x[0] < y[0] ? y[0] : x[0]);
        assert_true(pairs < 4);
        snprintf(seen[pairs++], sizeof seen[0], "%s", pair);
    }
    assert_int_equal(pairs, 4);
    static const char *const want[] = {"AB", "AC", "BC", "BD"};
    for (size_t w = 0; w < 4; w++) {
        int found = 0;
        for (size_t k = 0; k < 4; k++)
            found |= strcmp(seen[k], want[w]) == 0;
        assert_true(found);
    }
    check_against_brute_force(sc, d, 64);
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

/*
 * reservation.json: price 0..10; Seller gets price/10 (reservation 0.65:
 * price >= 7), Buyer 1 - price/10 (reservation 0.45: price <= 5) with the red
 * line cap: price <= 6.  Conditions: cap, res:Seller, res:Buyer.
 *   {cap, res:Seller}: price <= 6 and >= 7: none.  {res:Seller, res:Buyer}:
 *   >= 7 and <= 5: none.  {cap, res:Buyer}: price <= 5 holds.  Both minimal.
 * Relaxations: lowering Seller's reservation: the best it can get with
 * price <= 5 (Buyer) and <= 6 (cap) is 5/10: from 0.65 to 0.5 (by 0.15), zone
 * {5}, Nash price 5 with (0.5, 0.5).  Dropping cap: {Seller, Buyer} remains:
 * nothing.  Lowering Buyer's: cap and Seller's still collide even at 0: to 0,
 * nothing.  Sorted: the one that opens a zone first, then condition order.
 */
static void test_reservation_in_conflict(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("reservation.json"));
    parley_diagnosis *d = diagnose(sc, NULL);
    static const char *const expected[] = {"cap,res:Seller", "res:Buyer,res:Seller"};
    expect_conflicts(d, sc, 1, expected, 2);
    assert_int_equal(parley_diagnosis_relaxation_count(d), 3);
    const parley_relaxation *r = parley_diagnosis_relaxation(d, 0);
    assert_int_equal(r->condition, 1); /* res:Seller */
    NEAR(r->from, 0.65);
    NEAR(r->to, 0.5);
    NEAR(r->from - r->to, 0.15);
    assert_int_equal(r->zone, 1);
    assert_int_equal(r->nash[0], 5);
    NEAR(r->utilities[0], 0.5);
    NEAR(r->utilities[1], 0.5);
    r = parley_diagnosis_relaxation(d, 1);
    assert_int_equal(r->condition, 0); /* cap */
    assert_true(r->from < 0);
    assert_int_equal(r->zone, 0);
    assert_null(r->nash);
    r = parley_diagnosis_relaxation(d, 2);
    assert_int_equal(r->condition, 2); /* res:Buyer */
    NEAR(r->from, 0.45);
    NEAR(r->to, 0);
    assert_int_equal(r->zone, 0);
    check_against_brute_force(sc, d, 64);
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

/*
 * tiny.json: x, y in 0..2, uA = (x + y)/4, uB = (4 - x - y)/4, both
 * reservations 0.2 (A: x + y >= 1; B: x + y <= 3).  A1: x >= 1, A2: y >= 1,
 * B1: x + y <= 1.  A1 & A2 force x + y >= 2 against B1: {A1, A2, B1}; every
 * pair holds ((1,1), (1,0), (0,1)), and adding reservations to a satisfiable
 * pair stays satisfiable (x + y is 1 or 2 there).  The only conflict.
 *   drop B1: (1,1), (1,2), (2,1) ((2,2) fails B's 0.2: uB = 0); gains over
 *     0.2: (0.3, 0.3) product 0.09, (0.55, 0.05) 0.0275 twice: Nash (1,1),
 *     utilities (0.5, 0.5); zone 3.
 *   drop A1: y >= 1, x + y <= 1: (0,1): zone 1, (0.25, 0.75).
 *   drop A2: (1,0): zone 1, (0.25, 0.75).
 */
static void test_relaxations_tiny(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("tiny.json"));
    parley_diagnosis *d = diagnose(sc, NULL);
    const parley_analysis *a = parley_diagnosis_analysis(d);
    assert_int_equal(parley_analysis_outcomes(a), 9);
    assert_int_equal(parley_analysis_feasible(a), 9);
    /* holds_on: A1 6, A2 6, B1 3 ((0,0),(0,1),(1,0)), A's 0.2: 8 (not (0,0)), B's: 8 (not (2,2)) */
    static const uint64_t holds[] = {6, 6, 3, 8, 8};
    assert_int_equal(parley_analysis_condition_count(a), 5);
    for (size_t c = 0; c < 5; c++)
        assert_int_equal(parley_analysis_condition_holds(a, c), holds[c]);
    static const char *const expected[] = {"A1,A2,B1"};
    expect_conflicts(d, sc, 1, expected, 1);
    assert_int_equal(parley_diagnosis_relaxation_count(d), 3);
    static const struct { size_t condition; uint64_t zone; uint32_t x, y; double ua, ub; } want[] = {
        {2, 3, 1, 1, 0.5, 0.5}, {0, 1, 0, 1, 0.25, 0.75}, {1, 1, 1, 0, 0.25, 0.75}};
    for (size_t i = 0; i < 3; i++) {
        const parley_relaxation *r = parley_diagnosis_relaxation(d, i);
        assert_int_equal(r->condition, want[i].condition);
        assert_int_equal(r->zone, want[i].zone);
        assert_non_null(r->nash);
        assert_int_equal(r->nash[0], want[i].x);
        assert_int_equal(r->nash[1], want[i].y);
        NEAR(r->utilities[0], want[i].ua);
        NEAR(r->utilities[1], want[i].ub);
    }
    check_against_brute_force(sc, d, 64);
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

/*
 * Built with the API, reservation values only (as a GENIUS domain is): one
 * issue x in 0..4, three parties, no red lines.
 *   A: x/4, reservation 0.6 -> x >= 3 (2.4)
 *   B: 1 - x/4, reservation 0.6 -> x <= 1 (1.6)
 *   C: {0, 0.5, 1, 0.5, 0} peaked at 2, reservation 0.4 -> x in 1..3
 * {A, B} conflict; {A, C} hold at 3, {B, C} at 1: the only conflict.
 * Lowering A: B and C leave x = 1, A gets 0.25: from 0.6 to 0.25, zone {1},
 * utilities (0.25, 0.75, 0.5).  Lowering B: x = 3, B gets 0.25, zone {3},
 * (0.75, 0.25, 0.5).  C's reservation is in no conflict: not relaxed.
 * The two-party variant (C removed) has the same conflict and relaxations.
 */
static parley_scenario *reservation_only(int with_c)
{
    parley_space *space = parley_space_new();
    assert_int_equal(parley_space_add_integer(space, "x", 0, 4, 1, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(space);
    static const double table[3][5] = {{0, 0.25, 0.5, 0.75, 1}, {1, 0.75, 0.5, 0.25, 0}, {0, 0.5, 1, 0.5, 0}};
    static const double reservation[3] = {0.6, 0.6, 0.4};
    static const char *const names[3] = {"A", "B", "C"};
    for (size_t p = 0; p < (with_c ? 3u : 2u); p++) {
        parley_utility *u = parley_utility_new(space);
        assert_int_equal(parley_utility_set_weight(u, 0, 1), PARLEY_OK);
        for (uint32_t v = 0; v < 5; v++)
            assert_int_equal(parley_utility_set_value(u, 0, v, table[p][v]), PARLEY_OK);
        assert_int_equal(parley_utility_set_reservation(u, reservation[p]), PARLEY_OK);
        assert_int_equal(parley_scenario_add_party(sc, names[p], PARLEY_ROLE_PARTY, u, NULL), (long)p);
    }
    return sc;
}

static void test_reservations_only(void **state)
{
    (void)state;
    for (int with_c = 0; with_c <= 1; with_c++) {
        parley_scenario *sc = reservation_only(with_c);
        parley_diagnosis *d = diagnose(sc, NULL);
        const parley_analysis *a = parley_diagnosis_analysis(d);
        assert_int_equal(parley_analysis_condition_count(a), with_c ? 3 : 2);
        static const char *const expected[] = {"res:A,res:B"};
        expect_conflicts(d, sc, 1, expected, 1);
        assert_int_equal(parley_diagnosis_relaxation_count(d), 2);
        const parley_relaxation *r = parley_diagnosis_relaxation(d, 0);
        assert_int_equal(r->condition, 0);
        NEAR(r->from, 0.6);
        NEAR(r->to, 0.25);
        assert_int_equal(r->zone, 1);
        assert_int_equal(r->nash[0], 1);
        NEAR(r->utilities[0], 0.25);
        NEAR(r->utilities[1], 0.75);
        if (with_c)
            NEAR(r->utilities[2], 0.5);
        r = parley_diagnosis_relaxation(d, 1);
        assert_int_equal(r->condition, 1);
        NEAR(r->from, 0.6);
        NEAR(r->to, 0.25);
        assert_int_equal(r->zone, 1);
        assert_int_equal(r->nash[0], 3);
        NEAR(r->utilities[0], 0.75);
        NEAR(r->utilities[1], 0.25);
        check_against_brute_force(sc, d, 64);
        parley_diagnosis_free(d);
        parley_scenario_free(sc);
    }
}

/*
 * many.json: 3 parties x 8 red lines + 3 reservation values = 27 conditions,
 * more than PARLEY_MAX_DIAGNOSED_CONDITIONS: the failure-mask path.  Issues
 * a..e in 0..3, f in 0..4 (5120 outcomes, no global constraint).  The red
 * lines fall in groups on disjoint issues, so a set is satisfiable exactly
 * when its part in each group is, and the minimal conflicts are those of each
 * group:
 *   a: r1 a >= 2, r2 a <= 1: {r1, r2}.
 *   b, c: r3 b >= 2, r4 b + c <= 2, r5 c >= 1: b >= 2 and c >= 1 give
 *     b + c >= 3: {r3, r4, r5}; each pair holds ((2,0), (0,1), (2,1)).
 *   e: e0..e3 (e != k): all four exclude every value, any three leave one.
 *   f: f0..f4 (f != k): five members, beyond the four listed.
 *   d: d1..d10 all hold at d = 2: no conflict.
 * Reservations are 0 (hold everywhere).  Listed: the three of up to four
 * members, not complete.  Each relaxation leaves the other conflicts: zone 0.
 */
static void test_many_conditions(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("many.json"));
    parley_diagnosis *d = diagnose(sc, NULL);
    const parley_analysis *a = parley_diagnosis_analysis(d);
    assert_int_equal(parley_analysis_condition_count(a), 27);
    uint64_t count;
    assert_int_equal(parley_analysis_count_satisfying(a, 1, &count), PARLEY_ERANGE);
    const uint64_t *masks;
    int complete = 0;
    assert_true(parley_analysis_failure_masks(a, &masks, &complete) > 0);
    assert_true(complete);
    static const char *const expected[] = {"r1,r2", "r3,r4,r5", "e0,e1,e2,e3"};
    expect_conflicts(d, sc, 0, expected, 3);
    /* the members' parties: r1 P1, r2 P2; r3 P1, r4 P2, r5 P3; e0 P1, e1 P2, e2 e3 P3 */
    for (size_t i = 0; i < 3; i++) {
        const size_t *members;
        size_t n = parley_diagnosis_conflict(d, i, &members);
        for (size_t k = 0; k < n; k++) {
            const parley_condition *cond = parley_analysis_condition(a, members[k]);
            const char *name = parley_scenario_constraint(sc, cond->index)->name;
            const char *party = strcmp(name, "r1") == 0 || strcmp(name, "r3") == 0 || strcmp(name, "e0") == 0 ? "P1"
                                : strcmp(name, "r2") == 0 || strcmp(name, "r4") == 0 || strcmp(name, "e1") == 0
                                    ? "P2"
                                    : "P3";
            assert_string_equal(parley_party_name(sc, cond->party), party);
        }
    }
    assert_int_equal(parley_diagnosis_relaxation_count(d), 9);
    for (size_t i = 0; i < 9; i++)
        assert_int_equal(parley_diagnosis_relaxation(d, i)->zone, 0);
    check_against_brute_force(sc, d, 4);
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

/*
 * phased.json: x in 0..4 settled in phase one, y in {none, full} in phase
 * two (fallback none).  A: 0.5 x/4 + 0.5 [y = full], trusts phase two at 0.5;
 * B: 0.5 (1 - x/4) + 0.5 [y = full], trust 0.4; reservations 0.5.  Expected
 * utilities (the y term times P, + (1 - P) * v(none) = 0):
 *   stated:     A = x/8 + 0.25 [full], B = (4 - x)/8 + 0.2 [full]
 *     full: A >= 0.5 needs x >= 2, B >= 0.5 needs x <= 1.6: none.
 *     none: A needs x = 4, B needs x = 0: none.  Zone 0.
 *   guaranteed: A = x/8 + 0.5 [full], B = (4 - x)/8 + 0.5 [full]
 *     full: both hold for every x: 5.  none: A at x = 4 only, B fails: 0.
 *     Zone 5.
 * Conflict {res:A, res:B}.  Lowering A: B leaves (0..1, full) and (0, none);
 * A's best there is (1, full): 1/8 + 0.25 = 0.375; zone {(1, full)} with B at
 * 3/8 + 0.2 = 0.575.  Lowering B: A leaves (2..4, full) and (4, none); B's
 * best is (2, full): 0.25 + 0.2 = 0.45; zone {(2, full)}, A at 0.5.
 */
static void test_guarantee(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("phased.json"));
    parley_diagnosis *d = diagnose(sc, NULL);
    uint64_t stated = 99, guaranteed = 99;
    assert_int_equal(parley_diagnosis_guarantee(d, &stated, &guaranteed), PARLEY_OK);
    assert_int_equal(stated, 0);
    assert_int_equal(guaranteed, 5);
    static const char *const expected[] = {"res:A,res:B"};
    expect_conflicts(d, sc, 1, expected, 1);
    assert_int_equal(parley_diagnosis_relaxation_count(d), 2);
    const parley_relaxation *r = parley_diagnosis_relaxation(d, 0);
    assert_int_equal(r->condition, 0);
    NEAR(r->from, 0.5);
    NEAR(r->to, 0.375);
    assert_int_equal(r->zone, 1);
    assert_int_equal(r->nash[0], 1);
    assert_int_equal(r->nash[1], value_of(sc, "y", "full"));
    NEAR(r->utilities[0], 0.375);
    NEAR(r->utilities[1], 0.575);
    r = parley_diagnosis_relaxation(d, 1);
    assert_int_equal(r->condition, 1);
    NEAR(r->to, 0.45);
    assert_int_equal(r->zone, 1);
    assert_int_equal(r->nash[0], 2);
    NEAR(r->utilities[0], 0.5);
    NEAR(r->utilities[1], 0.45);
    check_against_brute_force(sc, d, 64);
    parley_diagnosis_free(d);

    /* Diagnosed under a guarantee of 1 (the analysis option), the zone is open: nothing to diagnose. */
    parley_analysis_options options = {0};
    options.use_guarantee = 1;
    options.guarantee = 1.0;
    d = diagnose(sc, &options);
    assert_int_equal(parley_analysis_acceptable(parley_diagnosis_analysis(d)), 5);
    assert_int_equal(parley_diagnosis_conflict_count(d, NULL), 0);
    assert_int_equal(parley_diagnosis_guarantee(d, &stated, &guaranteed), PARLEY_OK);
    assert_int_equal(stated, 5);
    assert_int_equal(guaranteed, 5);
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

/*
 * impossible.json: x in 0..3 with the global cap x <= 2 (3 feasible); A's
 * all_in (x = 3) holds on no feasible outcome: a conflict of one member.  B's
 * some (x >= 1) and the reservations (0) hold together at x = 1: no other.
 * all_in allows the highest value of x, so its smallest move is a threshold:
 * x >= 2 opens the one package x = 2 (x >= 3 was all_in itself), with
 * A = 2/3, B = 1/3.  (Dropping it would open x in {1, 2}.)
 */
static void test_single_member_conflict(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("impossible.json"));
    parley_diagnosis *d = diagnose(sc, NULL);
    assert_int_equal(parley_analysis_feasible(parley_diagnosis_analysis(d)), 3);
    static const char *const expected[] = {"all_in"};
    expect_conflicts(d, sc, 1, expected, 1);
    assert_int_equal(parley_diagnosis_relaxation_count(d), 1);
    const parley_relaxation *r = parley_diagnosis_relaxation(d, 0);
    assert_int_equal(r->change, PARLEY_CHANGE_MOVE);
    assert_string_equal(r->rule, "x >= 2");
    assert_int_equal(r->zone, 1);
    assert_int_equal(r->nash[0], 2);
    NEAR(r->utilities[0], 2.0 / 3);
    NEAR(r->utilities[1], 1.0 / 3);
    check_against_brute_force(sc, d, 64);
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

/* Reads a whole stream into a JSON value. */
static json_t *read_json(FILE *f)
{
    rewind(f);
    json_error_t jerr;
    json_t *root = json_loadf(f, 0, &jerr);
    if (!root)
        fail_msg("bad JSON at line %d: %s", jerr.line, jerr.text);
    return root;
}

/*
 * infeasible.json: x in 0..3 under the global x > 5: nothing is feasible, so
 * no red line or reservation value is to blame: no conflict, no relaxation.
 */
static void test_nothing_feasible(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("infeasible.json"));
    parley_diagnosis *d = diagnose(sc, NULL);
    assert_int_equal(parley_analysis_outcomes(parley_diagnosis_analysis(d)), 4);
    assert_int_equal(parley_analysis_feasible(parley_diagnosis_analysis(d)), 0);
    assert_int_equal(parley_diagnosis_conflict_count(d, NULL), 0);
    assert_int_equal(parley_diagnosis_relaxation_count(d), 0);
    /* the JSON says the same: 4 outcomes, none feasible, every condition holding on none, nothing to blame */
    FILE *f = tmpfile();
    parley_error err;
    assert_int_equal(parley_diagnosis_write_json(d, sc, f, &err), PARLEY_OK);
    json_t *root = read_json(f);
    fclose(f);
    assert_int_equal(json_integer_value(json_object_get(root, "outcomes")), 4);
    assert_true(json_is_integer(json_object_get(root, "feasible")));
    assert_int_equal(json_integer_value(json_object_get(root, "feasible")), 0);
    assert_true(json_is_integer(json_object_get(root, "acceptable")));
    assert_int_equal(json_integer_value(json_object_get(root, "acceptable")), 0);
    json_t *conditions = json_object_get(root, "conditions");
    assert_int_equal(json_array_size(conditions), 3); /* a1, A's and B's reservation values */
    json_t *a1 = json_array_get(conditions, 0);
    assert_string_equal(json_string_value(json_object_get(a1, "name")), "a1");
    assert_string_equal(json_string_value(json_object_get(a1, "rule")), "x >= 1");
    for (size_t i = 0; i < 3; i++) {
        json_t *holds = json_object_get(json_array_get(conditions, i), "holds_on");
        assert_true(json_is_integer(holds));
        assert_int_equal(json_integer_value(holds), 0);
    }
    assert_string_equal(json_string_value(json_object_get(json_array_get(conditions, 2), "party")), "B");
    assert_true(json_is_array(json_object_get(root, "conflicts")));
    assert_int_equal(json_array_size(json_object_get(root, "conflicts")), 0);
    assert_true(json_is_true(json_object_get(root, "conflicts_complete")));
    assert_true(json_is_array(json_object_get(root, "relaxations")));
    assert_int_equal(json_array_size(json_object_get(root, "relaxations")), 0);
    json_decref(root);
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

/* A scenario with a zone: no conflicts, no relaxations, complete. */
static void test_nothing_to_diagnose(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("tiny.json"));
    parley_error err;
    /* Without B1 (constraint 2) the zone is the 3 packages worked out in test_relaxations_tiny. */
    assert_int_equal(parley_scenario_remove_constraint(sc, 2), PARLEY_OK);
    parley_diagnosis *d = NULL;
    assert_int_equal(parley_diagnose(sc, NULL, &d, &err), PARLEY_OK);
    assert_int_equal(parley_analysis_acceptable(parley_diagnosis_analysis(d)), 3);
    int complete = 0;
    assert_int_equal(parley_diagnosis_conflict_count(d, &complete), 0);
    assert_true(complete);
    assert_int_equal(parley_diagnosis_relaxation_count(d), 0);
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

/* The JSON of reservation.json's diagnosis carries the hand values of test_reservation_in_conflict. */
static void test_json(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("reservation.json"));
    parley_diagnosis *d = diagnose(sc, NULL);
    FILE *f = tmpfile();
    assert_non_null(f);
    parley_error err;
    assert_int_equal(parley_diagnosis_write_json(d, sc, f, &err), PARLEY_OK);
    json_t *root = read_json(f);
    fclose(f);
    assert_int_equal(json_integer_value(json_object_get(root, "outcomes")), 11);
    assert_int_equal(json_integer_value(json_object_get(root, "acceptable")), 0);
    assert_true(json_is_true(json_object_get(root, "conflicts_complete")));
    json_t *conditions = json_object_get(root, "conditions");
    assert_int_equal(json_array_size(conditions), 3);
    json_t *cap = json_array_get(conditions, 0);
    assert_string_equal(json_string_value(json_object_get(cap, "kind")), "red_line");
    assert_string_equal(json_string_value(json_object_get(cap, "name")), "cap");
    assert_string_equal(json_string_value(json_object_get(cap, "party")), "Buyer");
    assert_string_equal(json_string_value(json_object_get(cap, "rule")), "price <= 6");
    assert_int_equal(json_integer_value(json_object_get(cap, "holds_on")), 7); /* 0..6 */
    json_t *seller = json_array_get(conditions, 1);
    assert_string_equal(json_string_value(json_object_get(seller, "kind")), "reservation");
    NEAR(json_real_value(json_object_get(seller, "value")), 0.65);
    assert_int_equal(json_integer_value(json_object_get(seller, "holds_on")), 4); /* 7..10 */
    assert_int_equal(json_integer_value(json_object_get(json_array_get(conditions, 2), "holds_on")), 6); /* 0..5 */
    json_t *conflicts = json_object_get(root, "conflicts");
    assert_int_equal(json_array_size(conflicts), 2);
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(json_array_size(json_array_get(conflicts, i)), 2);
    json_t *relaxations = json_object_get(root, "relaxations");
    assert_int_equal(json_array_size(relaxations), 3);
    json_t *first = json_array_get(relaxations, 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(first, "condition"), "party")), "Seller");
    NEAR(json_real_value(json_object_get(first, "from")), 0.65);
    NEAR(json_real_value(json_object_get(first, "to")), 0.5);
    assert_int_equal(json_integer_value(json_object_get(first, "zone")), 1);
    json_t *nash = json_object_get(first, "nash");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(nash, "outcome"), "price")), 5);
    NEAR(json_real_value(json_object_get(json_object_get(nash, "utilities"), "Buyer")), 0.5);
    json_t *second = json_array_get(relaxations, 1);
    assert_null(json_object_get(second, "from")); /* a red line: dropped, no values */
    assert_null(json_object_get(second, "nash")); /* opens nothing */
    assert_int_equal(json_integer_value(json_object_get(second, "zone")), 0);
    assert_null(json_object_get(root, "guarantee")); /* not phased */
    json_decref(root);
    parley_diagnosis_free(d);

    /* phased: the guarantee object */
    parley_scenario *phased = load(DATA("phased.json"));
    d = diagnose(phased, NULL);
    f = tmpfile();
    assert_int_equal(parley_diagnosis_write_json(d, phased, f, &err), PARLEY_OK);
    root = read_json(f);
    fclose(f);
    json_t *g = json_object_get(root, "guarantee");
    assert_int_equal(json_integer_value(json_object_get(g, "stated_trust")), 0);
    assert_int_equal(json_integer_value(json_object_get(g, "guaranteed")), 5);
    json_decref(root);
    parley_diagnosis_free(d);
    parley_scenario_free(phased);
    parley_scenario_free(sc);
}

/*
 * examples/ceasefire.json: Israel's no_end_of_war (end_of_war = no) and
 * release_required (hostage_release != none) with Hamas's
 * release_requires_end_of_war (a release implies end_of_war = yes): the three
 * together are contradictory, any two are not (e.g. no release and no end;
 * release and end; no release, an end and a permanent ceasefire).
 */
static void test_ceasefire(void **state)
{
    (void)state;
    parley_scenario *sc = load(PARLEY_SOURCE_DIR "/examples/ceasefire.json");
    parley_diagnosis *d = diagnose(sc, NULL);
    assert_int_equal(parley_analysis_acceptable(parley_diagnosis_analysis(d)), 0);
    char text[1024];
    int found = 0;
    for (size_t i = 0; i < parley_diagnosis_conflict_count(d, NULL); i++) {
        conflict_string(d, sc, i, text, sizeof text);
        found |= strcmp(text, "no_end_of_war,release_required,release_requires_end_of_war") == 0;
    }
    assert_true(found);
    check_against_brute_force(sc, d, 64);
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_conflict),   cmocka_unit_test(test_disjoint_conflicts),
        cmocka_unit_test(test_overlapping_conflicts), cmocka_unit_test(test_reservation_in_conflict),
        cmocka_unit_test(test_relaxations_tiny),  cmocka_unit_test(test_reservations_only),
        cmocka_unit_test(test_many_conditions),   cmocka_unit_test(test_guarantee),
        cmocka_unit_test(test_nothing_to_diagnose), cmocka_unit_test(test_json),
        cmocka_unit_test(test_ceasefire),         cmocka_unit_test(test_single_member_conflict),
        cmocka_unit_test(test_nothing_feasible),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

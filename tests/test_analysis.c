/*
 * test_analysis.c: parley_analyze (zone of agreement, Pareto frontier,
 * bargaining solutions, condition counts, minimal conflicting sets).
 *
 *  (a) small scenarios solved by hand, the arithmetic in the comments;
 *  (b) an independent brute-force checker written here (its own loop over the
 *      outcomes with utilities from the parley_utility accessors, its own
 *      O(n^2) Pareto filter, its own solution search, its own condition
 *      histogram) against parley_analyze on many random scenarios, with 1 and
 *      2 threads, including spaces large enough for the threads to split;
 *  (c) minimal conflicting sets on hand-made scenarios;
 *  (d) limits: too many outcomes, conditions or parties are refused cleanly,
 *      (allocation failures: tests/test_oom.c refuses each allocation in turn).
 *
 * Utilities are compared after rounding to multiples of 2^-32 as the header
 * documents; hand values with a tolerance of 1e-9 for that reason.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/analysis.h>
#include <parley/scenario.h>

#include "dominance.h"
#include "test_util.h"

#define DATA PARLEY_SOURCE_DIR "/tests/data/core/"
#define CLOSE(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* The analysis by the automatic method on `threads` threads. */
static parley_analysis *analyze(const parley_scenario *sc, unsigned threads)
{
    return test_analyse(sc, PARLEY_ANALYSIS_AUTO, threads);
}

/* The outcome number of a solution (issue 0 most significant). */
static uint64_t solution_number(const parley_scenario *sc, const parley_analysis *a, parley_solution_kind kind,
                                const double **u, double *value)
{
    const uint32_t *outcome = NULL;
    assert_int_equal(parley_analysis_solution(a, kind, &outcome, u, value), PARLEY_OK);
    return parley_space_encode(parley_scenario_space(sc), outcome);
}

/* ------------------------------------------------------------------ (a) by hand */

/*
 * textbook.json: price 0..2, color red/blue; outcome number = 2*price + color.
 *   Buyer  = 0.6*(1 - price/2) + 0.4*[red],   reservation 0.2
 *   Seller = 0.7*(price/2)     + 0.3*[blue],  reservation 0.2, red line price >= 1
 *   #  price color  Buyer              Seller             acceptable
 *   0  0     red    0.6+0.4   = 1.0    0                  no (Seller 0 < 0.2, price < 1)
 *   1  0     blue   0.6       = 0.6    0.3                no (price < 1)
 *   2  1     red    0.3+0.4   = 0.7    0.35               yes
 *   3  1     blue   0.3                0.35+0.3 = 0.65    yes
 *   4  2     red    0.4                0.7                yes
 *   5  2     blue   0                  0.7+0.3 = 1.0      no (Buyer 0 < 0.2)
 * Feasible 6 (no global constraint), acceptable 3.  #4 (0.4, 0.7) dominates #3 (0.3, 0.65):
 * the frontier is {#2, #4}.  Best: Buyer 0.7 (#2), Seller 0.7 (#4).
 *   Nash: gains #2 (0.5, 0.15) -> 0.075; #4 (0.2, 0.5) -> 0.1            => #4, 0.1
 *   Kalai: ranges 0.5 and 0.5; #2 min(1, 0.3) = 0.3; #4 min(0.4, 1) = 0.4  => #4, 0.4
 *   egalitarian: #2 min(0.5, 0.15) = 0.15; #4 min(0.2, 0.5) = 0.2       => #4, 0.2
 *   welfare: #2 1.05; #4 1.1                                              => #4, 1.1
 * Alone: Buyer accepts #0..#4 (5); Seller (red line and 0.2) accepts #2..#5 (4).
 * Conditions: [Seller's min_price, Buyer's reservation, Seller's reservation]
 *   min_price holds on #2..#5 = 4; Buyer >= 0.2 on #0..#4 = 5; Seller >= 0.2 on #1..#5 = 5.
 */
static void test_textbook(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "textbook.json");
    for (unsigned threads = 1; threads <= 2; threads++) {
        parley_analysis *a = analyze(sc, threads);
        assert_int_equal(parley_analysis_outcomes(a), 6);
        assert_int_equal(parley_analysis_feasible(a), 6);
        assert_int_equal(parley_analysis_acceptable(a), 3);
        assert_int_equal(parley_analysis_party_count(a), 2);
        assert_int_equal(parley_analysis_party(a, 0), 0);
        assert_int_equal(parley_analysis_party(a, 1), 1);
        CLOSE(parley_analysis_reservation(a, 0), 0.2);
        CLOSE(parley_analysis_best(a, 0), 0.7);
        CLOSE(parley_analysis_best(a, 1), 0.7);
        assert_int_equal(parley_analysis_party_acceptable(a, 0), 5);
        assert_int_equal(parley_analysis_party_acceptable(a, 1), 4);
        assert_int_equal(parley_analysis_frontier_count(a), 2);
        const parley_space *s = parley_scenario_space(sc);
        assert_int_equal(parley_space_encode(s, parley_analysis_frontier_outcome(a, 0)), 2);
        assert_int_equal(parley_space_encode(s, parley_analysis_frontier_outcome(a, 1)), 4);
        CLOSE(parley_analysis_frontier_utilities(a, 0)[0], 0.7);
        CLOSE(parley_analysis_frontier_utilities(a, 0)[1], 0.35);
        const double *u;
        double value;
        static const double values[] = {0.1, 0.4, 0.2, 1.1};
        for (int k = 0; k < PARLEY_SOLUTION_COUNT; k++) {
            assert_int_equal(solution_number(sc, a, (parley_solution_kind)k, &u, &value), 4);
            CLOSE(value, values[k]);
            CLOSE(u[0], 0.4);
            CLOSE(u[1], 0.7);
        }
        assert_int_equal(parley_analysis_condition_count(a), 3);
        const parley_condition *c = parley_analysis_condition(a, 0);
        assert_int_equal(c->kind, PARLEY_CONDITION_RED_LINE);
        assert_int_equal(c->index, 0);
        assert_int_equal(c->party, 1);
        c = parley_analysis_condition(a, 2);
        assert_int_equal(c->kind, PARLEY_CONDITION_RESERVATION);
        assert_int_equal(c->index, 1);
        assert_int_equal(parley_analysis_condition_holds(a, 0), 4);
        assert_int_equal(parley_analysis_condition_holds(a, 1), 5);
        assert_int_equal(parley_analysis_condition_holds(a, 2), 5);
        uint64_t count;
        assert_int_equal(parley_analysis_count_satisfying(a, 0, &count), PARLEY_OK);
        assert_int_equal(count, 6);
        assert_int_equal(parley_analysis_count_satisfying(a, 7, &count), PARLEY_OK);
        assert_int_equal(count, 3);
        assert_int_equal(parley_analysis_count_satisfying(a, 8, &count), PARLEY_EINVAL);
        assert_int_equal(parley_analysis_minimal_conflicts(a, NULL, 0), 0); /* there is a deal */
        assert_int_equal(parley_analysis_solution(a, PARLEY_SOLUTION_COUNT, NULL, NULL, NULL), PARLEY_EINVAL);
        parley_analysis_free(a);
    }
    parley_scenario_free(sc);
}

/*
 * three.json: three parties, one issue that matters (a) and one that matters to
 * nobody (b, weight 0), so every utility vector appears twice; outcome number =
 * 2*a + b.  Utilities (P, Q, R):
 *   x (1, 0.1, 0.9)   y (0.6, 0.6, 0.2)   z (0.3, 0.3, 0.6)
 *   w (0.5, 0.5, 0.5) v (0.8, 0.4, 0.4)   w2 = w
 * Reservations 0: all 12 acceptable.  No label dominates another (x has the best P,
 * y the best Q, z beats w on R, v beats w on P, y beats v on Q ...), and equal
 * vectors are all kept: the frontier is all 12.  Best: P 1, Q 0.6, R 0.9.
 *   Nash (product): x 0.09, y 0.072, z 0.054, w 0.125, v 0.128       => v, b=0: #8, 0.128
 *   Kalai (min of u/best): x min(1, 0.1/0.6, 0.9/0.9) = 1/6, y 0.2/0.9 = 2/9,
 *     z 0.3, w min(0.5, 0.5/0.6, 0.5/0.9) = 0.5, v min(0.8, 0.4/0.6, 0.4/0.9) = 4/9
 *                                                                     => w, b=0: #6, 0.5
 *   egalitarian (min): x 0.1, y 0.2, z 0.3, w 0.5, v 0.4, w2 0.5      => w (before w2): #6, 0.5
 *   welfare (sum): x 2.0, y 1.4, z 1.2, w 1.5, v 1.6                  => x, b=0: #0, 2.0
 * With P's red line a != "z" (the generic loop instead of the 3-party fast one):
 * 10 acceptable, frontier 10, the same solutions.
 */
static void check_three(const parley_scenario *sc, uint64_t acceptable)
{
    for (unsigned threads = 1; threads <= 2; threads++) {
        parley_analysis *a = analyze(sc, threads);
        assert_int_equal(parley_analysis_outcomes(a), 12);
        assert_int_equal(parley_analysis_acceptable(a), acceptable);
        assert_int_equal(parley_analysis_frontier_count(a), acceptable);
        CLOSE(parley_analysis_best(a, 0), 1);
        CLOSE(parley_analysis_best(a, 1), 0.6);
        CLOSE(parley_analysis_best(a, 2), 0.9);
        const double *u;
        double value;
        assert_int_equal(solution_number(sc, a, PARLEY_SOLUTION_NASH, &u, &value), 8);
        CLOSE(value, 0.8 * 0.4 * 0.4);
        assert_int_equal(solution_number(sc, a, PARLEY_SOLUTION_KALAI, &u, &value), 6);
        CLOSE(value, 0.5);
        assert_int_equal(solution_number(sc, a, PARLEY_SOLUTION_EGALITARIAN, &u, &value), 6);
        CLOSE(value, 0.5);
        CLOSE(u[0], 0.5);
        CLOSE(u[1], 0.5);
        CLOSE(u[2], 0.5);
        assert_int_equal(solution_number(sc, a, PARLEY_SOLUTION_WELFARE, &u, &value), 0);
        CLOSE(value, 2.0);
        /* the frontier is sorted by outcome number and keeps equal vectors side by side */
        const parley_space *s = parley_scenario_space(sc);
        for (size_t i = 1; i < parley_analysis_frontier_count(a); i++)
            assert_true(parley_space_encode(s, parley_analysis_frontier_outcome(a, i - 1)) <
                        parley_space_encode(s, parley_analysis_frontier_outcome(a, i)));
        parley_analysis_free(a);
    }
}

static void test_three_parties(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "three.json");
    check_three(sc, 12);
    parley_error err;
    assert_int_equal(parley_scenario_add_constraint(sc, 0, "no_z", "a != \"z\"", NULL, NULL, &err), PARLEY_OK);
    check_three(sc, 10);
    parley_scenario_free(sc);
}

/*
 * Time pressure: textbook.json with Buyer's reservation falling from 0.8 at t=0 to
 * 0 at t=1 (a curve).  At t=0 Buyer needs 0.8: nothing (best Buyer outcome #0 is
 * 1.0 but breaks the red line; #2 is 0.7).  At t=0.5 (0.4): #2 (0.7) and #4 (0.4)
 * acceptable, #3 (0.3) not.  At t=1 (0): #2, #3, #4 and #5 (Buyer 0, Seller 1.0).
 */
static void test_time(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "textbook.json");
    double t[] = {0, 1}, r[] = {0.8, 0};
    assert_int_equal(parley_utility_set_reservation_curve(parley_party_utility_mut(sc, 0), 2, t, r), PARLEY_OK);
    static const double times[] = {0, 0.5, 1};
    static const uint64_t expect[] = {0, 2, 4};
    for (size_t k = 0; k < 3; k++) {
        parley_analysis_options options;
        memset(&options, 0, sizeof options);
        options.threads = 1;
        options.time = times[k];
        parley_analysis *a = NULL;
        assert_int_equal(parley_analyze(sc, &options, &a, NULL), PARLEY_OK);
        assert_int_equal(parley_analysis_acceptable(a), expect[k]);
        CLOSE(parley_analysis_reservation(a, 0), 0.8 * (1 - times[k]));
        if (expect[k] == 0)
            assert_int_equal(parley_analysis_solution(a, PARLEY_SOLUTION_NASH, NULL, NULL, NULL), PARLEY_ENOTFOUND);
        parley_analysis_free(a);
    }
    parley_scenario_free(sc);
}

/* ------------------------------------------------------------------ (c) conflicts */

/*
 * conflicts.json: x 0..4, y a/b.  A's utility x/4 with reservation 0.5 (holds for
 * x >= 2), B's 1 - x/4 with 0.5 (x <= 2).  Conditions in order: A1 x>=3 (bit 0),
 * A2 y=="a" (1), B1 x<=1 (2), B2 y=="b" (3), B3 x<=3 (4), A's reservation (5), B's (6).
 * On x the conditions are intervals [3,4] [0,1] [0,3] [2,4] [0,2]: two conflict exactly
 * when disjoint, and pairwise-intersecting intervals share a point, so no minimal
 * set has three of them; y's two conflict; x and y conditions are independent.
 * Minimal sets: {A1,B1} = 0b101 = 5, {A2,B2} = 0b1010 = 10, {B1,resA} = 4+32 = 36,
 * {A1,resB} = 1+64 = 65 -- all of size 2, listed by mask: 5, 10, 36, 65.
 * Counts: none 10; A1 alone x in {3,4} -> 4; resA & resB x = 2 -> 2; A1 & B3 x = 3
 * -> 2; A1, A2, B3: x = 3, y = a -> 1; A2 alone 5.
 */
static void test_conflicts(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "conflicts.json");
    parley_analysis *a = analyze(sc, 1);
    assert_int_equal(parley_analysis_acceptable(a), 0);
    assert_int_equal(parley_analysis_frontier_count(a), 0);
    assert_int_equal(parley_analysis_condition_count(a), 7);
    /* with no deal, best is the reservation */
    CLOSE(parley_analysis_best(a, 0), 0.5);
    CLOSE(parley_analysis_best(a, 1), 0.5);
    for (int k = 0; k < PARLEY_SOLUTION_COUNT; k++)
        assert_int_equal(parley_analysis_solution(a, (parley_solution_kind)k, NULL, NULL, NULL), PARLEY_ENOTFOUND);
    static const struct {
        uint32_t mask;
        uint64_t count;
    } counts[] = {{0, 10}, {1, 4}, {32 | 64, 2}, {1 | 16, 2}, {1 | 2 | 16, 1}, {2, 5}, {5, 0}, {127, 0}};
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
        uint64_t n = 99;
        assert_int_equal(parley_analysis_count_satisfying(a, counts[i].mask, &n), PARLEY_OK);
        assert_int_equal(n, counts[i].count);
    }
    uint32_t masks[8];
    assert_int_equal(parley_analysis_minimal_conflicts(a, masks, 8), 4);
    assert_int_equal(masks[0], 5);
    assert_int_equal(masks[1], 10);
    assert_int_equal(masks[2], 36);
    assert_int_equal(masks[3], 65);
    /* fewer slots than sets: the count is still all of them */
    assert_int_equal(parley_analysis_minimal_conflicts(a, masks, 1), 4);
    assert_int_equal(masks[0], 5);
    assert_int_equal(parley_analysis_minimal_conflicts(a, NULL, 0), 4);
    parley_analysis_free(a);
    parley_scenario_free(sc);
}

/*
 * triple.json: y in {a, b, c}; A's red lines y != a, y != b; B's y != c.  Any two
 * hold together (on the third label), all three on none: the one minimal set is
 * {not_a, not_b, not_c} = 0b111 = 7.  Reservations are 0 and hold everywhere.
 */
static void test_triple_conflict(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "triple.json");
    parley_analysis *a = analyze(sc, 1);
    assert_int_equal(parley_analysis_acceptable(a), 0);
    uint32_t masks[4];
    assert_int_equal(parley_analysis_minimal_conflicts(a, masks, 4), 1);
    assert_int_equal(masks[0], 7);
    parley_analysis_free(a);
    parley_scenario_free(sc);
}

/* ------------------------------------------------------------------ (b) brute force */

static uint64_t rng_state;

static uint64_t rnd(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

static unsigned pick(unsigned n)
{
    return (unsigned)(rnd() >> 33) % n;
}

static double uniform(void)
{
    return (double)(rnd() >> 11) / 9007199254740992.0;
}

/* The documented rounding of utilities: to the nearest multiple of 2^-32 (ties to even). */
static double quantize(double u)
{
    return ldexp(nearbyint(ldexp(u, 32)), -32);
}

/* A random utility value: often on a coarse grid so that ties and equal vectors happen. */
static double random_value(int coarse)
{
    return coarse ? pick(5) / 4.0 : uniform();
}

/* A random rule over the space: a comparison, a membership, or two of them combined. */
static void random_atom(const parley_space *s, char *buf, size_t size)
{
    size_t i = pick((unsigned)parley_space_issue_count(s));
    const char *name = parley_issue_name(s, i);
    uint32_t n = parley_issue_value_count(s, i);
    char value[64];
    if (parley_issue_type_of(s, i) == PARLEY_ISSUE_CATEGORICAL) {
        const char *label = parley_issue_label(s, i, pick(n));
        switch (pick(3)) {
        case 0: snprintf(buf, size, "%s == \"%s\"", name, label); break;
        case 1: snprintf(buf, size, "%s != \"%s\"", name, label); break;
        default:
            snprintf(buf, size, "%s in [\"%s\", \"%s\"]", name, label, parley_issue_label(s, i, pick(n)));
        }
        return;
    }
    parley_issue_format_value(s, i, pick(n), value, sizeof value);
    static const char *ops[] = {"<", "<=", ">", ">=", "==", "!="};
    switch (pick(4)) {
    case 0: snprintf(buf, size, "%s in [%s]", name, value); break;
    case 1: {
        size_t j = pick((unsigned)parley_space_issue_count(s));
        if (parley_issue_type_of(s, j) != PARLEY_ISSUE_CATEGORICAL) {
            snprintf(buf, size, "%s + %s %s %s", name, parley_issue_name(s, j), ops[pick(6)], value);
            break;
        }
    } /* fall through */
    default: snprintf(buf, size, "%s %s %s", name, ops[pick(6)], value);
    }
}

static void random_rule(const parley_space *s, char *buf, size_t size)
{
    char a[256], b[256];
    random_atom(s, a, sizeof a);
    random_atom(s, b, sizeof b);
    switch (pick(6)) {
    case 0: snprintf(buf, size, "%s and %s", a, b); break;
    case 1: snprintf(buf, size, "%s or %s", a, b); break;
    case 2: snprintf(buf, size, "if %s then %s", a, b); break;
    case 3: snprintf(buf, size, "not (%s)", a); break;
    default: snprintf(buf, size, "%s", a);
    }
}

/* Adds a random issue; `max_values` bounds its size. */
static void random_issue(parley_space *s, size_t i, unsigned max_values)
{
    char name[16];
    snprintf(name, sizeof name, "i%zu", i);
    unsigned n = 1 + pick(max_values);
    int rc;
    switch (pick(3)) {
    case 0: {
        char labels[64][16];
        const char *ptr[64];
        if (n > 64)
            n = 64;
        for (unsigned v = 0; v < n; v++) {
            snprintf(labels[v], sizeof labels[v], "L%u", v);
            ptr[v] = labels[v];
        }
        rc = parley_space_add_categorical(s, name, ptr, n, NULL);
        break;
    }
    case 1: {
        int64_t step = 1 + pick(3), min = (int64_t)pick(7) - 3;
        rc = parley_space_add_integer(s, name, min, min + step * (int64_t)(n - 1), step, NULL);
        break;
    }
    default: {
        static const double steps[] = {0.1, 0.25, 0.5, 0.3};
        double step = steps[pick(4)], min = pick(3) * step;
        rc = parley_space_add_real(s, name, min, min + step * (n - 1), step, NULL);
    }
    }
    assert_int_equal(rc, PARLEY_OK);
}

/*
 * A random scenario: 1-4 issues (sizes up to max_values), 2-4 parties (some
 * with a mediator between them), random weights (some zero), values, red
 * lines, reservations and sometimes a global constraint, a reservation curve
 * or GENIUS-style rectangles.  `tight` sets high reservations (large spaces,
 * where the checker's O(n^2) Pareto filter needs few acceptable outcomes).
 */
static parley_scenario *random_scenario(unsigned issues, unsigned max_values, int tight)
{
    parley_space *s = parley_space_new();
    for (size_t i = 0; i < issues; i++)
        random_issue(s, i, max_values);
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    unsigned parties = 2 + pick(3);
    int coarse = pick(2);
    char name[16], rule[600];
    for (unsigned p = 0; p < parties; p++) {
        if (pick(4) == 0) {
            snprintf(name, sizeof name, "M%u", p);
            assert_true(parley_scenario_add_party(sc, name, PARLEY_ROLE_MEDIATOR, NULL, NULL) >= 0);
        }
        parley_utility *u = parley_utility_new(s);
        double w[8], total = 0;
        for (size_t i = 0; i < issues; i++) {
            w[i] = pick(4) == 0 ? 0 : (coarse ? 1 + pick(3) : uniform() + 0.01);
            total += w[i];
        }
        if (total == 0) {
            w[0] = 1;
            total = 1;
        }
        for (size_t i = 0; i < issues; i++) {
            parley_utility_set_weight(u, i, w[i] / total);
            for (uint32_t v = 0; v < parley_issue_value_count(s, i); v++)
                parley_utility_set_value(u, i, v, random_value(coarse));
        }
        if (pick(5) == 0) {
            /* rectangles: a non-additive profile goes through the generic loop */
            for (int r = 0; r < 1 + (int)pick(3); r++) {
                size_t issue = pick(issues);
                uint32_t lo = pick(parley_issue_value_count(s, issue));
                uint32_t hi = lo + pick(parley_issue_value_count(s, issue) - lo);
                assert_int_equal(parley_utility_add_rectangle(u, random_value(1), 1, &issue, &lo, &hi), PARLEY_OK);
            }
            parley_utility_set_rectangle_scale(u, 2);
        }
        double reservation = tight ? 0.55 + 0.3 * uniform() : (coarse ? pick(4) / 8.0 : 0.5 * uniform());
        parley_utility_set_reservation(u, reservation);
        if (pick(6) == 0) {
            double t[2] = {0, 1}, r[2] = {reservation, reservation * uniform()};
            parley_utility_set_reservation_curve(u, 2, t, r);
        }
        snprintf(name, sizeof name, "P%u", p);
        long index = parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL);
        assert_true(index >= 0);
        for (unsigned k = pick(3); k > 0; k--) {
            random_rule(s, rule, sizeof rule);
            snprintf(name, sizeof name, "r%u", k);
            parley_error err;
            if (parley_scenario_add_constraint(sc, index, name, rule, NULL, NULL, &err) != PARLEY_OK)
                fail_msg("rule '%s': %s", rule, err.message);
        }
    }
    if (pick(3) == 0) {
        random_rule(s, rule, sizeof rule);
        assert_int_equal(parley_scenario_add_constraint(sc, -1, "global", rule, NULL, NULL, NULL), PARLEY_OK);
    }
    return sc;
}

/* What the checker finds. */
struct truth {
    size_t n, C;
    uint64_t outcomes, feasible, acceptable;
    uint64_t party_acceptable[8];
    uint64_t *histogram;  /* [2^C] feasible outcomes by failure mask */
    double reservation[8], best[8];
    size_t *party;        /* [n] */
    uint64_t *acc;        /* acceptable outcome numbers, ascending */
    double *accu;         /* their utilities [count * n] */
    uint64_t *pareto;     /* indices into acc of the Pareto-optimal ones, ascending */
    size_t pareto_count;
    int has_solution;
    uint64_t solution[4];
    double solution_value[4];
    size_t conflicts;
    uint32_t conflict_masks[4096];
};

static double checker_utility(const parley_utility *u, const parley_space *s, const uint32_t *v)
{
    double sum = 0;
    for (size_t i = 0; i < parley_space_issue_count(s); i++)
        sum += parley_utility_weight(u, i) * parley_utility_value(u, i, v[i]);
    size_t rects = parley_utility_rectangle_count(u);
    if (rects) {
        double rsum = 0;
        for (size_t r = 0; r < rects; r++) {
            double value;
            size_t issues[16];
            uint32_t lo[16], hi[16];
            size_t m = parley_utility_rectangle(u, r, &value, issues, lo, hi, 16);
            size_t k = 0;
            while (k < m && v[issues[k]] >= lo[k] && v[issues[k]] <= hi[k])
                k++;
            if (k == m)
                rsum += value;
        }
        sum += rsum / parley_utility_rectangle_scale(u);
    }
    /* GENIUS semantics: a utility above 1 counts as 1 (AdditiveUtilitySpace / NonlinearUtilitySpace.getUtility) */
    return quantize(sum > 1 ? 1 : sum);
}

static uint64_t satisfying(const struct truth *t, uint32_t mask)
{
    uint64_t count = 0;
    for (uint64_t f = 0; f < ((uint64_t)1 << t->C); f++)
        if (!(f & mask))
            count += t->histogram[f];
    return count;
}

static void brute_force(const parley_scenario *sc, double time, struct truth *t)
{
    memset(t, 0, sizeof *t);
    const parley_space *s = parley_scenario_space(sc);
    size_t issues = parley_space_issue_count(s);
    t->n = parley_scenario_negotiator_count(sc);
    assert_true(t->n <= 8);
    t->party = calloc(t->n, sizeof *t->party);
    for (size_t k = 0; k < t->n; k++) {
        t->party[k] = parley_scenario_negotiator(sc, k);
        t->reservation[k] =
            quantize(parley_utility_reservation_at(parley_party_utility(sc, t->party[k]), time));
    }
    /* conditions: red lines of negotiating parties in constraint order, then reservations */
    size_t cond_constraint[64], cond_party[64], C = 0;
    for (size_t i = 0; i < parley_scenario_constraint_count(sc); i++) {
        const parley_constraint *c = parley_scenario_constraint(sc, i);
        for (size_t k = 0; k < t->n; k++)
            if (c->party >= 0 && (size_t)c->party == t->party[k]) {
                cond_constraint[C] = i;
                cond_party[C++] = k;
            }
    }
    for (size_t k = 0; k < t->n; k++) {
        cond_constraint[C] = SIZE_MAX;
        cond_party[C++] = k;
    }
    t->C = C;
    assert_true(C <= 16);
    t->histogram = calloc((size_t)1 << C, sizeof *t->histogram);
    assert_int_equal(parley_space_size_u64(s, &t->outcomes), PARLEY_OK);
    t->acc = malloc((t->outcomes + 1) * sizeof *t->acc);
    t->accu = malloc((t->outcomes + 1) * t->n * sizeof *t->accu);
    uint32_t v[16];
    double u[8];
    for (uint64_t index = 0; index < t->outcomes; index++) {
        /* own odometer: issue 0 most significant */
        uint64_t rest = index;
        for (size_t i = issues; i-- > 0;) {
            v[i] = (uint32_t)(rest % parley_issue_value_count(s, i));
            rest /= parley_issue_value_count(s, i);
        }
        int feasible = 1;
        for (size_t i = 0; i < parley_scenario_constraint_count(sc) && feasible; i++) {
            const parley_constraint *c = parley_scenario_constraint(sc, i);
            if (c->party < 0)
                feasible = parley_expr_holds(c->expr, v);
        }
        if (!feasible)
            continue;
        t->feasible++;
        for (size_t k = 0; k < t->n; k++)
            u[k] = checker_utility(parley_party_utility(sc, t->party[k]), s, v);
        uint32_t fails = 0;
        for (size_t c = 0; c < C; c++) {
            int holds = cond_constraint[c] == SIZE_MAX
                            ? u[cond_party[c]] >= t->reservation[cond_party[c]]
                            : parley_expr_holds(parley_scenario_constraint(sc, cond_constraint[c])->expr, v);
            fails |= (uint32_t)!holds << c;
        }
        t->histogram[fails]++;
        for (size_t k = 0; k < t->n; k++) {
            int ok = 1;
            for (size_t c = 0; c < C; c++)
                if (cond_party[c] == k && (fails >> c & 1))
                    ok = 0;
            t->party_acceptable[k] += ok;
        }
        if (fails == 0) {
            t->acc[t->acceptable] = index;
            memcpy(&t->accu[t->acceptable * t->n], u, t->n * sizeof *u);
            t->acceptable++;
        }
    }
    /* O(A^2) Pareto filter */
    t->pareto = malloc((t->acceptable + 1) * sizeof *t->pareto);
    for (uint64_t i = 0; i < t->acceptable; i++) {
        int dominated = 0;
        for (uint64_t j = 0; j < t->acceptable && !dominated; j++)
            dominated = dominates(&t->accu[j * t->n], &t->accu[i * t->n], t->n);
        if (!dominated)
            t->pareto[t->pareto_count++] = i;
    }
    for (size_t k = 0; k < t->n; k++) {
        t->best[k] = t->reservation[k];
        for (uint64_t i = 0; i < t->acceptable; i++)
            if (t->accu[i * t->n + k] > t->best[k])
                t->best[k] = t->accu[i * t->n + k];
    }
    /* Solutions: the objectives over the acceptable outcomes; among the maximisers the lowest
       Pareto-optimal outcome number (a dominated maximiser is never proposed). */
    t->has_solution = t->acceptable > 0;
    double best_all[4];
    for (int s2 = 0; s2 < 4; s2++) {
        t->solution_value[s2] = -INFINITY;
        best_all[s2] = -INFINITY;
    }
    for (uint64_t i = 0; i < t->acceptable; i++) {
        const double *x = &t->accu[i * t->n];
        double product = 1, ratio = INFINITY, smallest = INFINITY, total = 0;
        for (size_t k = 0; k < t->n; k++) {
            double gain = x[k] - t->reservation[k], range = t->best[k] - t->reservation[k];
            product *= gain;
            double r = range > 0 ? gain / range : 1.0;
            if (r < ratio)
                ratio = r;
            if (gain < smallest)
                smallest = gain;
            total += x[k];
        }
        double objective[4] = {product, ratio, smallest, total};
        int optimal = 0;
        for (size_t p = 0; p < t->pareto_count; p++)
            optimal |= t->pareto[p] == i;
        for (int s2 = 0; s2 < 4; s2++) {
            if (objective[s2] > best_all[s2])
                best_all[s2] = objective[s2];
            if (optimal && objective[s2] > t->solution_value[s2]) {
                t->solution_value[s2] = objective[s2];
                t->solution[s2] = t->acc[i];
            }
        }
    }
    /* the best value over all acceptable outcomes is attained on the frontier */
    for (int s2 = 0; s2 < 4 && t->has_solution; s2++)
        assert_true(best_all[s2] == t->solution_value[s2]);
    /* minimal conflicting sets, smallest first, by mask within a size */
    if (t->acceptable == 0)
        for (unsigned size = 1; size <= C; size++)
            for (uint32_t m = 1; m < ((uint32_t)1 << C); m++) {
                if ((unsigned)__builtin_popcount(m) != size || satisfying(t, m) != 0)
                    continue;
                int minimal = 1;
                for (size_t c = 0; c < C && minimal; c++)
                    if (m >> c & 1)
                        minimal = satisfying(t, m & ~((uint32_t)1 << c)) > 0;
                if (minimal && t->conflicts < 4096)
                    t->conflict_masks[t->conflicts++] = m;
            }
}

static void free_truth(struct truth *t)
{
    free(t->party);
    free(t->histogram);
    free(t->acc);
    free(t->accu);
    free(t->pareto);
}

static void describe(const parley_scenario *sc)
{
    parley_scenario_write(sc, stderr, NULL);
}

#define EXPECT(cond, ...)                                                                                          \
    do {                                                                                                           \
        if (!(cond)) {                                                                                             \
            describe(sc);                                                                                          \
            fail_msg(__VA_ARGS__);                                                                                 \
        }                                                                                                          \
    } while (0)

static void compare(const parley_scenario *sc, const struct truth *t, unsigned threads, double time)
{
    parley_analysis_options options;
    memset(&options, 0, sizeof options);
    options.threads = threads;
    options.time = time;
    parley_analysis *a = NULL;
    parley_error err;
    EXPECT(parley_analyze(sc, &options, &a, &err) == PARLEY_OK, "parley_analyze: %s", err.message);
    const parley_space *s = parley_scenario_space(sc);
    EXPECT(parley_analysis_outcomes(a) == t->outcomes, "outcomes");
    EXPECT(parley_analysis_feasible(a) == t->feasible, "feasible %llu, checker %llu",
           (unsigned long long)parley_analysis_feasible(a), (unsigned long long)t->feasible);
    EXPECT(parley_analysis_acceptable(a) == t->acceptable, "acceptable %llu, checker %llu",
           (unsigned long long)parley_analysis_acceptable(a), (unsigned long long)t->acceptable);
    EXPECT(parley_analysis_party_count(a) == t->n, "party count");
    for (size_t k = 0; k < t->n; k++) {
        EXPECT(parley_analysis_party(a, k) == t->party[k], "party %zu", k);
        EXPECT(parley_analysis_reservation(a, k) == t->reservation[k], "reservation %zu", k);
        EXPECT(parley_analysis_best(a, k) == t->best[k], "best %zu: %.17g, checker %.17g", k,
               parley_analysis_best(a, k), t->best[k]);
        EXPECT(parley_analysis_party_acceptable(a, k) == t->party_acceptable[k], "party %zu accepts %llu, checker %llu",
               k, (unsigned long long)parley_analysis_party_acceptable(a, k), (unsigned long long)t->party_acceptable[k]);
    }
    EXPECT(parley_analysis_condition_count(a) == t->C, "condition count");
    for (size_t c = 0; c < t->C; c++) {
        uint64_t holds = 0;
        for (uint64_t f = 0; f < ((uint64_t)1 << t->C); f++)
            if (!(f >> c & 1))
                holds += t->histogram[f];
        EXPECT(parley_analysis_condition_holds(a, c) == holds, "condition %zu holds on %llu, checker %llu", c,
               (unsigned long long)parley_analysis_condition_holds(a, c), (unsigned long long)holds);
    }
    for (uint32_t m = 0; m < ((uint32_t)1 << t->C); m++) {
        uint64_t count = 0;
        EXPECT(parley_analysis_count_satisfying(a, m, &count) == PARLEY_OK, "count_satisfying");
        EXPECT(count == satisfying(t, m), "mask %u: %llu, checker %llu", m, (unsigned long long)count,
               (unsigned long long)satisfying(t, m));
    }
    EXPECT(parley_analysis_frontier_count(a) == t->pareto_count, "frontier %zu, checker %zu (threads %u)",
           parley_analysis_frontier_count(a), t->pareto_count, threads);
    for (size_t i = 0; i < t->pareto_count; i++) {
        uint64_t expect = t->acc[t->pareto[i]];
        uint64_t got = parley_space_encode(s, parley_analysis_frontier_outcome(a, i));
        EXPECT(got == expect, "frontier[%zu] is #%llu, checker #%llu", i, (unsigned long long)got,
               (unsigned long long)expect);
        for (size_t k = 0; k < t->n; k++)
            EXPECT(parley_analysis_frontier_utilities(a, i)[k] == t->accu[t->pareto[i] * t->n + k],
                   "frontier[%zu] utility %zu", i, k);
    }
    for (int kind = 0; kind < PARLEY_SOLUTION_COUNT; kind++) {
        const uint32_t *outcome;
        const double *u;
        double value;
        int rc = parley_analysis_solution(a, (parley_solution_kind)kind, &outcome, &u, &value);
        if (!t->has_solution) {
            EXPECT(rc == PARLEY_ENOTFOUND, "solution without a deal");
            continue;
        }
        EXPECT(rc == PARLEY_OK, "no solution");
        uint64_t got = parley_space_encode(s, outcome);
        EXPECT(got == t->solution[kind], "%s is #%llu (value %.17g), checker #%llu (value %.17g)",
               parley_solution_name((parley_solution_kind)kind), (unsigned long long)got, value,
               (unsigned long long)t->solution[kind], t->solution_value[kind]);
        EXPECT(fabs(value - t->solution_value[kind]) <= 1e-12, "%s value", parley_solution_name((parley_solution_kind)kind));
        uint32_t v[16];
        parley_space_decode(s, got, v);
        for (size_t k = 0; k < t->n; k++)
            EXPECT(u[k] == checker_utility(parley_party_utility(sc, t->party[k]), s, v), "solution utility");
    }
    uint32_t masks[4096];
    size_t conflicts = parley_analysis_minimal_conflicts(a, masks, 4096);
    EXPECT(conflicts == t->conflicts, "%zu minimal conflicts, checker %zu", conflicts, t->conflicts);
    for (size_t i = 0; i < conflicts && i < 4096; i++)
        EXPECT(masks[i] == t->conflict_masks[i], "conflict %zu: mask %u, checker %u", i, masks[i],
               t->conflict_masks[i]);
    parley_analysis_free(a);
}

static void test_random_small(void **state)
{
    (void)state;
    rng_state = 0x9E3779B97F4A7C15ULL;
    for (int round = 0; round < 400; round++) {
        parley_scenario *sc = random_scenario(1 + pick(4), 6, 0);
        double time = pick(3) == 0 ? uniform() : 0;
        struct truth t;
        brute_force(sc, time, &t);
        compare(sc, &t, 1, time);
        compare(sc, &t, 2, time);
        free_truth(&t);
        parley_scenario_free(sc);
    }
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/*
 * Sets every party's reservation to the same quantile of its own utilities,
 * chosen so that about `target` outcomes clear all reservations: a zone that is
 * neither empty nor too big for the checker's O(n^2) Pareto filter.
 */
static void tune_reservations(parley_scenario *sc, uint64_t target)
{
    const parley_space *s = parley_scenario_space(sc);
    size_t n = parley_scenario_negotiator_count(sc);
    uint64_t size;
    assert_int_equal(parley_space_size_u64(s, &size), PARLEY_OK);
    double *u = malloc(size * n * sizeof *u), *sorted = malloc(size * n * sizeof *sorted);
    assert_true(u && sorted);
    uint32_t v[16];
    for (uint64_t k = 0; k < size; k++) {
        parley_space_decode(s, k, v);
        for (size_t p = 0; p < n; p++)
            u[k * n + p] = sorted[p * size + k] =
                checker_utility(parley_party_utility(sc, parley_scenario_negotiator(sc, p)), s, v);
    }
    for (size_t p = 0; p < n; p++)
        qsort(&sorted[p * size], size, sizeof *sorted, compare_double);
    double lo = 0, hi = 1, r[8];
    for (int step = 0; step < 30; step++) {
        double q = (lo + hi) / 2;
        for (size_t p = 0; p < n; p++)
            r[p] = sorted[p * size + (uint64_t)(q * (double)(size - 1))];
        uint64_t count = 0;
        for (uint64_t k = 0; k < size; k++) {
            size_t p = 0;
            while (p < n && u[k * n + p] >= r[p])
                p++;
            count += p == n;
        }
        if (count > target)
            lo = q;
        else
            hi = q;
        if (count > target / 2 && count <= target)
            break;
    }
    for (size_t p = 0; p < n; p++) {
        parley_utility *pu = parley_party_utility_mut(sc, parley_scenario_negotiator(sc, p));
        parley_utility_set_reservation(pu, r[p] < 0 ? 0 : r[p] > 1 ? 1 : r[p]);
        parley_utility_set_reservation_curve(pu, 0, NULL, NULL);
    }
    free(u);
    free(sorted);
}

/* Spaces of 100000+ outcomes, so that two threads really split the work. */
static void test_random_large(void **state)
{
    (void)state;
    rng_state = 0xD1B54A32D192ED03ULL;
    for (int round = 0; round < 4; round++) {
        parley_scenario *sc = NULL;
        uint64_t size = 0;
        do {
            parley_scenario_free(sc);
            sc = random_scenario(4 + pick(2), 24, 1);
            parley_space_size_u64(parley_scenario_space(sc), &size);
        } while (size < 100000 || size > 400000);
        tune_reservations(sc, 2000);
        struct truth t;
        brute_force(sc, 0, &t);
        compare(sc, &t, 1, 0);
        compare(sc, &t, 2, 0);
        compare(sc, &t, 3, 0);
        free_truth(&t);
        parley_scenario_free(sc);
    }
}

/* Two additive parties without red lines: the fast 2-D loop, blocks skipped, issues fused. */
static void test_random_fast_paths(void **state)
{
    (void)state;
    rng_state = 0x2545F4914F6CDD1DULL;
    for (int round = 0; round < 60; round++) {
        unsigned n = 2 + (round % 3); /* 2, 3 and 4 parties */
        parley_space *s = parley_space_new();
        int big = round >= 52;
        unsigned issues = big ? 4 : 2 + pick(3);
        for (size_t i = 0; i < issues; i++)
            random_issue(s, i, big ? 40 : 8);
        parley_scenario *sc = parley_scenario_new(s);
        int coarse = pick(2);
        for (unsigned p = 0; p < n; p++) {
            parley_utility *u = parley_utility_new(s);
            for (size_t i = 0; i < issues; i++) {
                parley_utility_set_weight(u, i, 1.0 / issues);
                for (uint32_t v = 0; v < parley_issue_value_count(s, i); v++)
                    parley_utility_set_value(u, i, v, random_value(coarse));
            }
            parley_utility_set_reservation(u, 0.3 * uniform());
            char name[16];
            snprintf(name, sizeof name, "P%u", p);
            assert_true(parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL) >= 0);
        }
        uint64_t size = 0;
        parley_space_size_u64(s, &size);
        if (big && (size < 100000 || size > 400000)) { /* the big rounds must split between threads */
            round--;
            parley_scenario_free(sc);
            continue;
        }
        if (big)
            tune_reservations(sc, 2000);
        struct truth t;
        brute_force(sc, 0, &t);
        if (t.acceptable > 20000) { /* keep the O(n^2) filter quick */
            free_truth(&t);
            parley_scenario_free(sc);
            continue;
        }
        compare(sc, &t, 1, 0);
        compare(sc, &t, 2, 0);
        free_truth(&t);
        parley_scenario_free(sc);
    }
}

/* ------------------------------------------------------------------ (d) limits */

static parley_scenario *binary_issues(size_t issues)
{
    parley_space *s = parley_space_new();
    char name[32];
    for (size_t i = 0; i < issues; i++) {
        snprintf(name, sizeof name, "b%zu", i);
        assert_int_equal(parley_space_add_integer(s, name, 0, 1, 1, NULL), PARLEY_OK);
    }
    parley_scenario *sc = parley_scenario_new(s);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        parley_utility_set_weight(u, 0, 1);
        parley_utility_set_value(u, 0, (uint32_t)p, 1);
        snprintf(name, sizeof name, "P%d", p);
        assert_true(parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL) >= 0);
    }
    return sc;
}

static void test_limits(void **state)
{
    (void)state;
    parley_error err;
    parley_analysis *a = (parley_analysis *)1;
    /* 2^64 outcomes: refused before any work */
    parley_scenario *sc = binary_issues(64);
    parley_error_clear(&err);
    assert_int_equal(parley_analyze(sc, NULL, &a, &err), PARLEY_ERANGE);
    assert_null(a);
    assert_non_null(strstr(err.message, "too many"));
    parley_scenario_free(sc);
    /* 65 conditions (63 red lines + 2 reservations): analysed, their failure masks two words wide */
    sc = binary_issues(2);
    char name[16];
    for (int k = 0; k < 63; k++) {
        snprintf(name, sizeof name, "r%d", k);
        assert_int_equal(parley_scenario_add_constraint(sc, 0, name, "true", NULL, NULL, NULL), PARLEY_OK);
    }
    a = analyze(sc, 1);
    assert_int_equal(parley_analysis_condition_count(a), 65);
    assert_int_equal(parley_analysis_mask_words(a), 2);
    assert_int_equal(parley_analysis_acceptable(a), 4);
    assert_int_equal(parley_analysis_condition_holds(a, 64), 4);
    parley_analysis_free(a);
    /* 64 are analysed, without the per-set counts, in one word */
    assert_int_equal(parley_scenario_remove_constraint(sc, 62), PARLEY_OK);
    a = analyze(sc, 1);
    assert_int_equal(parley_analysis_condition_count(a), 64);
    assert_int_equal(parley_analysis_acceptable(a), 4 - 0); /* every red line is `true`, reservations 0 */
    uint64_t count;
    assert_int_equal(parley_analysis_count_satisfying(a, 1, &count), PARLEY_ERANGE);
    assert_int_equal(parley_analysis_condition_holds(a, 63), 4);
    parley_analysis_free(a);
    parley_scenario_free(sc);
    /* 21 conditions with no deal: counts per condition, no minimal sets from the histogram */
    sc = binary_issues(2);
    for (int k = 0; k < 19; k++) {
        snprintf(name, sizeof name, "r%d", k);
        assert_int_equal(parley_scenario_add_constraint(sc, 1, name, k == 0 ? "b0 == 1" : "b0 == 0", NULL, NULL,
                                                        NULL),
                         PARLEY_OK);
    }
    a = analyze(sc, 1);
    assert_int_equal(parley_analysis_condition_count(a), 21);
    assert_int_equal(parley_analysis_acceptable(a), 0);
    assert_int_equal(parley_analysis_condition_holds(a, 0), 2);
    assert_int_equal(parley_analysis_minimal_conflicts(a, NULL, 0), 0);
    parley_analysis_free(a);
    parley_scenario_free(sc);
    /* an invalid scenario is refused with its message */
    parley_space *s = parley_space_new();
    assert_int_equal(parley_space_add_integer(s, "x", 0, 1, 1, NULL), PARLEY_OK);
    sc = parley_scenario_new(s);
    parley_error_clear(&err);
    assert_int_equal(parley_analyze(sc, NULL, &a, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "at least two parties"));
    parley_scenario_free(sc);
}

/*
 * Packages with equal utilities all stay on the frontier.  x in 0..2000 (A
 * loses, B gains, linearly), d in {p, q, r} that nobody cares about, y in
 * 0..30 that only A wants high.  Every package is acceptable (reservations 0):
 * 2001 * 3 * 31 = 186093.  Pareto-optimal: y = 30 and any x and any d (each x
 * trades A against B; d changes nothing), 2001 * 3 = 6003, three packages per
 * utility vector.  Two additive parties without red lines: the fast 2-D scan.
 */
static void test_equal_packages_on_frontier(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 2000},"
        " {\"name\": \"d\", \"type\": \"categorical\", \"values\": [\"p\", \"q\", \"r\"]},"
        " {\"name\": \"y\", \"type\": \"integer\", \"min\": 0, \"max\": 30}],"
        " \"parties\": [{\"name\": \"A\", \"preferences\": {"
        "  \"x\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}},"
        "  \"y\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
        " {\"name\": \"B\", \"preferences\": {"
        "  \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}}]}";
    parley_scenario *sc = test_scenario_text(doc, "equal.json");
    parley_error err;
    for (unsigned threads = 1; threads <= 2; threads++) {
        parley_analysis_options o = {0};
        o.threads = threads;
        parley_analysis *a = NULL;
        assert_int_equal(parley_analyze(sc, &o, &a, &err), PARLEY_OK);
        assert_int_equal(parley_analysis_outcomes(a), 186093);
        assert_int_equal(parley_analysis_acceptable(a), 186093);
        assert_int_equal(parley_analysis_frontier_count(a), 6003);
        parley_analysis_free(a);
    }
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_textbook),          cmocka_unit_test(test_three_parties),
        cmocka_unit_test(test_time),              cmocka_unit_test(test_conflicts),
        cmocka_unit_test(test_triple_conflict),   cmocka_unit_test(test_random_small),
        cmocka_unit_test(test_random_large),      cmocka_unit_test(test_random_fast_paths),
        cmocka_unit_test(test_limits),            cmocka_unit_test(test_equal_packages_on_frontier),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_genius_near.c: boulware/conceder's bid (agent_bid_near, GENIUS's
 * SortedOutcomeSpace.getBidNearUtility) answered from the runs of equal
 * utility around the target (parley_view_outcome_levels, _ties: for an
 * additive utility from the index's two sorted halves, without the full list)
 * against the search it replaced: GENIUS's bisection over the full sorted list
 * read by rank (parley_view_outcome_ranked on a sorted index), the tied group
 * walked in the list and ordered here by (hash, position in BidIterator order).  Utility bits and packages must be equal, on random additive
 * spaces (continuous utilities; coarse ones with many equal utilities; equal
 * weights; weights summing above 1, whose sums parley_utility_eval caps at 1),
 * spaces with red lines and a global constraint (the sorted index answers), a
 * space larger than the sorted list holds whole (sampled), and the ANAC
 * domains of ../shared/genius with AMPOvsCity, for both parties; at random
 * targets, packages' own utilities, one ulp and 1e-12 either side, outside the
 * range, and down a time-dependent sequence.  Spaces whose runs are too large
 * for the halves must fall back to the sorted list, and the others must not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "agents/agent_common.h"
#include "agents/anac_java_random.h"
#include "anac_scenario.h"
#include "protocol/session_internal.h"
#include "random_numbers.h"

#define MAX_ISSUES 24
#define SEED 7u

/* --- The reference: the full-list search --- */

static double ranked_desc(parley_agent_view *v, size_t n, size_t d, uint32_t *out)
{
    return parley_view_outcome_ranked(v, n - 1 - d, out);
}

/* GENIUS's searchIndexWith over the descending list, utilities read by rank. */
static size_t ranked_search(parley_agent_view *v, size_t n, double value, uint32_t *scratch)
{
    long middle = -1, low = 0, high = (long)n - 1, last = 0;
    while (last != middle) {
        last = middle;
        middle = (low + high) / 2;
        double u = ranked_desc(v, n, (size_t)middle, scratch);
        if (u == value)
            return (size_t)middle;
        if (u < value)
            high = middle;
        else
            low = middle;
    }
    return (size_t)middle;
}

/* Position of a package in GENIUS's BidIterator order (the first issue varies fastest). */
static uint64_t iteration_position(const parley_space *s, const uint32_t *values)
{
    uint64_t position = 0, stride = 1;
    for (size_t i = 0; i < parley_space_issue_count(s); i++) {
        position += values[i] * stride;
        stride *= parley_issue_value_count(s, i);
    }
    return position;
}

struct member {
    int32_t hash;
    uint64_t position; /* in BidIterator order */
    size_t rank;       /* in the list */
};

static int by_hash_then_position(const void *x, const void *y)
{
    const struct member *a = x, *b = y;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return (a->position > b->position) - (a->position < b->position);
}

/* The package at descending position d: its group of equal utilities walked in the list, then the k-th of the
   group by (hash, iteration position). */
static void ranked_package(parley_agent_view *v, size_t n, size_t d, uint32_t *out)
{
    const parley_space *s = parley_view_space(v);
    uint32_t values[MAX_ISSUES];
    double u = ranked_desc(v, n, d, out);
    size_t lo = n - 1 - d, hi = lo + 1;
    while (lo > 0 && parley_view_outcome_ranked(v, lo - 1, values) == u)
        lo--;
    while (hi < n && parley_view_outcome_ranked(v, hi, values) == u)
        hi++;
    struct member *group = malloc((hi - lo) * sizeof *group);
    assert_non_null(group);
    for (size_t r = lo; r < hi; r++) {
        parley_view_outcome_ranked(v, r, values);
        group[r - lo] = (struct member){java_bid_details_hash_at(s, values, u, -1), iteration_position(s, values), r};
    }
    qsort(group, hi - lo, sizeof *group, by_hash_then_position);
    parley_view_outcome_ranked(v, group[d - (n - hi)].rank, out);
    free(group);
}

static double reference_bid_near(parley_agent_view *v, double target, uint32_t *out)
{
    size_t n = parley_view_outcome_count(v);
    size_t index = ranked_search(v, n, target, out), pick = index;
    double closest = fabs(ranked_desc(v, n, index, out) - target);
    if (index > 0 && fabs(ranked_desc(v, n, index - 1, out) - target) < closest)
        closest = fabs(ranked_desc(v, n, index - 1, out) - target);
    if (index + 1 < n && fabs(ranked_desc(v, n, index + 1, out) - target) < closest)
        pick = index + 1;
    double u = ranked_desc(v, n, pick, out);
    ranked_package(v, n, pick, out);
    return u;
}

/* --- Two views of one party: the one under test on the index the view would build, the reference on the sorted
   list --- */

struct views {
    parley_negotiation *neg, *ref;
    parley_package_index *idx, *sorted;
    parley_agent_view *v, *rv;
    size_t issues;
};

static void open_views(const parley_scenario *sc, size_t k, struct views *w)
{
    parley_error err;
    size_t parties = parley_scenario_negotiator_count(sc);
    assert_int_equal(parley_negotiation_new(sc, NULL, &w->neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_new(sc, NULL, &w->ref, &err), PARLEY_OK);
    for (size_t p = 0; p < parties; p++) {
        assert_int_equal(parley_negotiation_add_agent_spec(w->neg, "linear", &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_add_agent_spec(w->ref, "linear", &err), PARLEY_OK);
    }
    assert_int_equal(parley_package_index_build(sc, k, SEED, &w->idx, &err), PARLEY_OK);
    assert_int_equal(parley_package_index_build_sorted(sc, k, SEED, &w->sorted, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_share_index(w->neg, k, w->idx, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_share_index(w->ref, k, w->sorted, &err), PARLEY_OK);
    w->v = &w->neg->agents[k].view;
    w->rv = &w->ref->agents[k].view;
    w->issues = parley_space_issue_count(parley_scenario_space(sc));
    assert_true(w->issues <= MAX_ISSUES);
}

static void close_views(struct views *w)
{
    parley_negotiation_free(w->neg);
    parley_negotiation_free(w->ref);
    parley_package_index_free(w->idx);
    parley_package_index_free(w->sorted);
}

static void check_target(struct views *w, double target)
{
    uint32_t got[MAX_ISSUES], want[MAX_ISSUES];
    /* the halves answer every query whose window is small enough: the cost never makes the sorted list pay here */
    atomic_store(&w->idx->around_queries, 0);
    atomic_store(&w->idx->window_pairs, 0);
    double u = agent_bid_near(w->v, target, got), ru = reference_bid_near(w->rv, target, want);
    if (memcmp(&u, &ru, sizeof u) != 0 || memcmp(got, want, w->issues * sizeof *got) != 0)
        fail_msg("target %.17g: %.17g, the full list's search %.17g", target, u, ru);
}

/* Every kind of target, then a time-dependent descent (the view's remembered runs answer most of it). */
static void check_targets(struct views *w, int queries)
{
    size_t n = parley_view_outcome_count(w->rv);
    assert_int_equal(parley_view_outcome_count(w->v), n);
    uint32_t scratch[MAX_ISSUES];
    double worst = parley_view_outcome_ranked(w->rv, 0, scratch);
    double best = parley_view_outcome_ranked(w->rv, n - 1, scratch);
    for (int q = 0; q < queries; q++) {
        check_target(w, worst - 0.05 + (best - worst + 0.1) * uniform());
        double own = parley_view_outcome_ranked(w->rv, rnd() % n, scratch);
        check_target(w, own);
        check_target(w, nextafter(own, INFINITY));
        check_target(w, nextafter(own, -INFINITY));
        check_target(w, own + 1e-12);
        check_target(w, own - 1e-12);
    }
    const double edges[] = {worst, best, nextafter(best, INFINITY), nextafter(worst, -INFINITY), worst - 1, best + 1,
                            0, 1, -0.0};
    for (size_t e = 0; e < sizeof edges / sizeof *edges; e++)
        check_target(w, edges[e]);
    for (int r = 0; r <= 4 * queries; r++)
        check_target(w, best - (best - worst) * pow(r / (4.0 * queries), 1 / 0.2));
}

/* Asserts whether the view's additive index answered from its halves alone (no sorted list built). */
static void assert_halves_only(const struct views *w, int expected)
{
    if (!w->idx->additive)
        return;
    assert_int_equal(w->idx->sorted == NULL, expected);
    assert_int_equal(atomic_load(&w->idx->halves_off), !expected);
}

/* --- Random spaces --- */

enum kind { CONTINUOUS, COARSE, EQUAL_WEIGHTS, ABOVE_ONE, CONSTRAINED, DEGENERATE };

/* A random 2-party space of about `target` packages; the kind chooses the utilities. */
static parley_scenario *random_scenario(double target, enum kind kind)
{
    char name[32];
    parley_space *s = random_integer_space(target, 11, 16, 0);
    assert_non_null(s);
    parley_scenario *sc = parley_scenario_new(s);
    size_t issues = parley_space_issue_count(s);
    for (unsigned p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        double total = 0, w[16];
        for (size_t i = 0; i < issues; i++)
            total += w[i] = kind == COARSE ? 1 + pick(7) : kind == EQUAL_WEIGHTS || kind == DEGENERATE ? 1 : uniform() + 0.01;
        /* coarse: weights over a power of two, values in eighths: exact sums, true ties; above one: weights sum
           to 1.25, utilities above 1 are capped */
        double scale = kind == COARSE ? exp2(ceil(log2(total))) : kind == ABOVE_ONE ? total / 1.25 : total;
        for (size_t i = 0; i < issues; i++) {
            parley_utility_set_weight(u, i, w[i] / scale);
            for (uint32_t x = 0; x < parley_issue_value_count(s, i); x++) {
                double value = kind == COARSE ? pick(9) / 8.0 : kind == EQUAL_WEIGHTS ? pick(4) / 3.0
                               : kind == DEGENERATE ? 0.5 : uniform();
                parley_utility_set_value(u, i, x, value);
            }
        }
        parley_utility_set_reservation(u, 0.3 * uniform());
        snprintf(name, sizeof name, "P%u", p);
        long party = parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL);
        assert_true(party >= 0);
        if (kind == CONSTRAINED) {
            char rule[96];
            snprintf(rule, sizeof rule, "i0 + i1 >= %u or i2 != 1", 1 + pick(4));
            assert_int_equal(parley_scenario_add_constraint(sc, party, "red", rule, NULL, NULL, NULL), PARLEY_OK);
        }
    }
    if (kind == CONSTRAINED)
        assert_int_equal(parley_scenario_add_constraint(sc, -1, "global", "i1 != 0", NULL, NULL, NULL), PARLEY_OK);
    return sc;
}

/* expect_halves: 1 when the halves must answer alone, 0 when the sorted list must be built, -1 either. */
static void compare_random(double size, enum kind kind, int spaces, int queries, int expect_halves)
{
    for (int r = 0; r < spaces; r++) {
        parley_scenario *sc = random_scenario(size, kind);
        struct views w;
        open_views(sc, r % 2, &w);
        assert_int_equal(w.idx->additive, kind != CONSTRAINED);
        check_targets(&w, queries);
        if (expect_halves >= 0)
            assert_halves_only(&w, expect_halves);
        close_views(&w);
        parley_scenario_free(sc);
    }
}

static void test_continuous(void **state)
{
    (void)state;
    compare_random(1e4, CONTINUOUS, 4, 60, 1);
    compare_random(2e5, CONTINUOUS, 1, 60, 1);
}

static void test_ties(void **state)
{
    (void)state;
    compare_random(1e4, COARSE, 4, 60, -1);
    compare_random(5e3, COARSE, 4, 60, 1);
    compare_random(1e4, EQUAL_WEIGHTS, 4, 60, -1);
}

static void test_capped_at_one(void **state)
{
    (void)state;
    compare_random(1e4, ABOVE_ONE, 4, 60, 1);
}

static void test_red_lines_and_constraints(void **state)
{
    (void)state;
    compare_random(1e4, CONSTRAINED, 3, 30, -1);
}

/* One run holds every package: the halves' windows are too large, the sorted list is built and answers. */
static void test_fallback_to_sorted_list(void **state)
{
    (void)state;
    parley_scenario *sc = random_scenario(4.0 * PINDEX_WINDOW_MAX, DEGENERATE);
    struct views w;
    open_views(sc, 0, &w);
    assert_true(w.idx->additive);
    assert_true(parley_view_outcome_count(w.v) > PINDEX_WINDOW_MAX);
    check_targets(&w, 5);
    assert_halves_only(&w, 0);
    close_views(&w);
    parley_scenario_free(sc);
}

/* Larger than the sorted list holds whole: both views read the same samples. */
static void test_sampled_space(void **state)
{
    (void)state;
    parley_scenario *sc = random_scenario(3e6, CONTINUOUS);
    struct views w;
    open_views(sc, 0, &w);
    assert_true(w.idx->additive);
    check_targets(&w, 10);
    close_views(&w);
    parley_scenario_free(sc);
}

/* --- GENIUS domains --- */

static void compare_domain(parley_scenario *sc, int queries)
{
    for (size_t k = 0; k < 2; k++) {
        struct views w;
        open_views(sc, k, &w);
        check_targets(&w, queries);
        close_views(&w);
    }
    parley_scenario_free(sc);
}

static void test_anac_2012(void **state)
{
    (void)state;
    const char *names[] = {"Acquisition", "AirportSiteSelection", "Amsterdam", "Barbecue", "Barter", "Camera",
                           "Car", "Energy", "EnergySmall", "EnglandvsZimbabwe", "FiftyFifty", "Fitness",
                           "FlightBooking", "Grocery", "HouseKeeping", "ItexvsCypress", "Laptop", "MusicCollection",
                           "NiceOrDie", "Outfit", "Phone", "RentalHouse", "Supermarket", "Travel"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        compare_domain(anac(names[i]), 20);
}

static void test_other_domains(void **state)
{
    (void)state;
    compare_domain(genius_scenario("other/AMPOvsCity", "ampo_vs_city_template.xml", "ampo_vs_city_ampo_space.xml",
                                   "ampo_vs_city_city_space.xml"),
                   30);
    compare_domain(genius_scenario("anac2013/DogChoosing", "DogChoosing.xml", "DogChoosing_util1.xml",
                                   "DogChoosing_util2.xml"),
                   20);
    compare_domain(genius_scenario("anac2013/Kitchen", "Kitchen-domain.xml", "Kitchen-husband.xml",
                                   "Kitchen-wife.xml"),
                   20);
    compare_domain(genius_scenario("anac2013/Wholesaler", "Wholesaler-domain.xml", "Wholesaler-prof1.xml",
                                   "Wholesaler-prof2.xml"),
                   20);
    compare_domain(genius_scenario("anac2013/planes", "planes_domain.xml", "plane_buyer_utility.xml",
                                   "plane_seller_utility.xml"),
                   20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_continuous),
        cmocka_unit_test(test_ties),
        cmocka_unit_test(test_capped_at_one),
        cmocka_unit_test(test_red_lines_and_constraints),
        cmocka_unit_test(test_fallback_to_sorted_list),
        cmocka_unit_test(test_sampled_space),
        cmocka_unit_test(test_anac_2012),
        cmocka_unit_test(test_other_domains),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

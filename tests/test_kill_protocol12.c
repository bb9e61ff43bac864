/*
 * test_kill_protocol12.c: a party's package index (package_index.c) and its
 * additive form of two sorted halves (package_additive.c) against a list made
 * here: every package evaluated with parley_utility_eval and sorted by
 * (utility, number) (issue 27: small slips in those files must fail a test).
 *
 * - The halves' own queries, called directly (not through the heuristics that
 *   hand queries to the sorted index once it pays): the package of lowest
 *   utility at least a target and the range of targets with that answer, the
 *   neighbours of a threshold, the runs of equal utility around a value with
 *   their positions, and the packages of a run; on continuous and on coarse
 *   (tied) utilities, for targets on, between and around the packages' own.
 * - When the halves are built: 2 issues or more, more than 4096 packages, and
 *   at most 4096 pairs in the window at the cap (64 x 64 packages worth 1
 *   built, 64 x 65 refused); the error for a party that does not negotiate.
 * - The sorted index: the order of (utility, number) below and from 4096
 *   entries (comparison sort, radix sort), whole up to 2^21 packages and
 *   sampled past it (the best package always among the samples), and the
 *   answers of an index with no package at all.
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

#include <parley/parley.h>

#include "package_reference.h"

#include "protocol/session_internal.h"

#define MAX_ISSUES 8

static uint64_t random_state = 0x3C6EF372FE94F82BULL;

static uint64_t rnd(void)
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 7;
    random_state ^= random_state << 17;
    return random_state;
}

enum draw { CONTINUOUS, COARSE, AT_CAP, NEGATIVE };

/*
 * Integer issues of counts[i] values; party P0's weights 1/issues (coarse: quarters with 4 issues, every sum exact);
 * values continuous, coarse (quarters), AT_CAP (1 for the first top[i] values, else at most 0.9) or NEGATIVE
 * (continuous in [-1, -0.1]: every package worth less than 0); P1 flat.
 */
static parley_scenario *scenario(const uint32_t *counts, size_t issues, enum draw draw, const uint32_t *top)
{
    char name[32];
    parley_space *s = parley_space_new();
    assert_non_null(s);
    for (size_t i = 0; i < issues; i++) {
        snprintf(name, sizeof name, "i%zu", i);
        assert_int_equal(parley_space_add_integer(s, name, 0, counts[i] - 1, 1, NULL), PARLEY_OK);
    }
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        for (size_t i = 0; i < issues; i++) {
            parley_utility_set_weight(u, i, 1.0 / (double)issues);
            for (uint32_t v = 0; v < counts[i]; v++) {
                double x = p == 1                ? 0.5
                           : draw == CONTINUOUS ? (double)(rnd() >> 11) / 9007199254740992.0
                           : draw == COARSE     ? (double)(rnd() % 5) / 4.0
                           : draw == NEGATIVE   ? -0.1 - 0.9 * (double)(rnd() >> 11) / 9007199254740992.0
                           : v < top[i]         ? 1.0
                                                : 0.9 * (double)(rnd() % 100) / 100.0;
                parley_utility_set_value(u, i, v, x);
            }
        }
        snprintf(name, sizeof name, "P%d", p);
        assert_true(parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL) >= 0);
    }
    return sc;
}

static void same_package(const parley_scenario *sc, const uint32_t *values, uint64_t id)
{
    uint32_t want[MAX_ISSUES];
    const parley_space *s = parley_scenario_space(sc);
    parley_space_decode(s, id, want);
    assert_memory_equal(values, want, parley_space_issue_count(s) * sizeof *want);
}

struct answered {
    int levels, ties;
};

/* Every query of the halves at x against the list. */
static void check_queries(const parley_package_index *idx, const parley_scenario *sc, const struct package_entry *list,
                          size_t n, double x, struct answered *answered)
{
    uint32_t out[MAX_ISSUES], down[MAX_ISSUES], up[MAX_ISSUES], scratch[MAX_ISSUES];
    /* at least x: the threshold is x - 1e-12; none reaches it: the best, lowest number */
    double from, to, t = x - 1e-12;
    size_t i = package_list_from(list, n, t);
    double got = pindex_additive_at_least(idx, x, out, &from, &to);
    if (i < n) {
        assert_true(got == list[i].u);
        same_package(sc, out, list[i].id);
        assert_true(to == list[i].u);
    } else {
        size_t best = n - 1;
        while (best > 0 && list[best - 1].u == list[n - 1].u)
            best--;
        assert_true(got == list[n - 1].u);
        same_package(sc, out, list[best].id);
        assert_true(to == INFINITY);
    }
    assert_true(from < t);
    if (i > 0)
        assert_true(from >= list[i - 1].u);
    /* neighbours of threshold x: the last package under it, the first at or over it */
    struct pindex_neighbours nb = {.down = down, .up = up};
    i = package_list_from(list, n, x);
    assert_int_equal(pindex_additive_around(idx, x, &nb, scratch), 1);
    assert_int_equal(nb.has_down, i > 0);
    assert_int_equal(nb.has_up, i < n);
    if (i > 0) {
        assert_true(nb.down_u == list[i - 1].u);
        same_package(sc, down, list[i - 1].id);
    }
    if (i < n) {
        assert_true(nb.up_u == list[i].u);
        same_package(sc, up, list[i].id);
    }
    /* the runs below, at and above x */
    size_t end = package_list_over(list, n, x);
    struct pindex_levels lv;
    uint64_t pairs = 0;
    int rc = pindex_additive_levels(idx, x, &lv, &pairs, scratch);
    if (rc < 0) {
        assert_true(pairs > PINDEX_WINDOW_MAX);
    } else {
        answered->levels++;
        assert_int_equal(rc, 1);
        assert_true(pairs > 0 || i == 0 || i == n);
        assert_true(lv.at.utility == (end > i ? list[i].u : x));
        assert_int_equal(lv.at.first, i);
        assert_int_equal(lv.at.count, end - i);
        assert_int_equal(lv.has_below, i > 0);
        if (i > 0) {
            size_t run = package_list_from(list, n, list[i - 1].u);
            assert_true(lv.below.utility == list[i - 1].u);
            assert_int_equal(lv.below.first, run);
            assert_int_equal(lv.below.count, i - run);
        }
        assert_int_equal(lv.has_above, end < n);
        if (end < n) {
            assert_true(lv.above.utility == list[end].u);
            assert_int_equal(lv.above.first, end);
            assert_int_equal(lv.above.count, package_list_over(list, n, list[end].u) - end);
        }
    }
    /* the packages worth exactly x, by number */
    uint64_t *ids = NULL;
    long count = pindex_additive_ties(idx, x, &ids, &pairs, scratch);
    if (count == -1) {
        assert_true(pairs > PINDEX_WINDOW_MAX);
        return;
    }
    answered->ties++;
    assert_int_equal(count, (long)(end - i));
    for (size_t j = 0; j < (size_t)count; j++) {
        assert_int_equal(ids[j], list[i + j].id); /* equal utilities: by number, as the list */
    }
    free(ids);
}

static void check_halves(const uint32_t *counts, size_t issues, enum draw draw, int min_answered)
{
    parley_scenario *sc = scenario(counts, issues, draw, NULL);
    size_t n;
    struct package_entry *list = package_reference_list(sc, &n);
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    assert_int_equal(idx->additive, 1);
    assert_int_equal(parley_package_index_count(idx), n);
    assert_true(pindex_worst(idx) == list[0].u);
    assert_true(pindex_best(idx) == list[n - 1].u);
    struct answered answered = {0, 0};
    for (int q = 0; q < 40; q++) {
        double own = list[rnd() % n].u;
        check_queries(idx, sc, list, n, own, &answered);
        check_queries(idx, sc, list, n, nextafter(own, INFINITY), &answered);
        check_queries(idx, sc, list, n, nextafter(own, -INFINITY), &answered);
        check_queries(idx, sc, list, n, own + 1e-12, &answered);
        check_queries(idx, sc, list, n, list[0].u + (list[n - 1].u - list[0].u) * (double)(rnd() % 1000) / 1000,
                      &answered);
    }
    check_queries(idx, sc, list, n, list[0].u, &answered);
    check_queries(idx, sc, list, n, list[n - 1].u, &answered);
    check_queries(idx, sc, list, n, list[0].u - 0.25, &answered);
    check_queries(idx, sc, list, n, list[n - 1].u + 0.25, &answered);
    assert_true(answered.levels >= min_answered && answered.ties >= min_answered);
    parley_package_index_free(idx);
    free(list);
    parley_scenario_free(sc);
}

static void test_halves_continuous(void **state)
{
    (void)state;
    static const uint32_t counts[][4] = {{13, 11, 9, 7}, {70, 90}, {9, 8, 7, 10}};
    check_halves(counts[0], 4, CONTINUOUS, 200);
    check_halves(counts[1], 2, CONTINUOUS, 200);
    check_halves(counts[2], 4, CONTINUOUS, 200);
    check_halves(counts[0], 4, NEGATIVE, 200);
}

static void test_halves_ties(void **state)
{
    (void)state;
    static const uint32_t counts[][4] = {{12, 10, 9, 8}, {17, 9, 11, 5}};
    check_halves(counts[0], 4, COARSE, 10);
    check_halves(counts[1], 4, COARSE, 10);
}

static int is_additive(const uint32_t *counts, size_t issues, enum draw draw, const uint32_t *top)
{
    parley_scenario *sc = scenario(counts, issues, draw, top);
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    int additive = idx->additive;
    assert_true(additive || idx->e != NULL);
    if (additive) /* the halves hold what the sorted index holds */
        assert_true(idx->half_a && idx->half_b && idx->na * idx->nb == idx->n);
    parley_package_index_free(idx);
    parley_scenario_free(sc);
    return additive;
}

static void test_when_the_halves_serve(void **state)
{
    (void)state;
    static const uint32_t one[] = {5000}, square[] = {64, 64}, over[] = {17, 241}, cap[] = {80, 80};
    static const uint32_t top_fits[] = {64, 64}, top_over[] = {64, 65};
    assert_int_equal(is_additive(one, 1, CONTINUOUS, NULL), 0);
    assert_int_equal(is_additive(square, 2, CONTINUOUS, NULL), 0); /* 4096 packages */
    assert_int_equal(is_additive(over, 2, CONTINUOUS, NULL), 1);   /* 4097 */
    assert_int_equal(is_additive(cap, 2, AT_CAP, top_fits), 1);    /* 4096 pairs worth 1 */
    assert_int_equal(is_additive(cap, 2, AT_CAP, top_over), 0);    /* 4160 */
    /* the split that makes the larger half smallest: 17 | 241 */
    parley_scenario *sc = scenario(over, 2, CONTINUOUS, NULL);
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    assert_int_equal(idx->split, 1);
    assert_int_equal(idx->na, 17);
    assert_int_equal(idx->nb, 241);
    parley_package_index_free(idx);
    /* a party that does not negotiate */
    parley_error err;
    memset(&err, 0, sizeof err);
    idx = (parley_package_index *)&err;
    assert_int_equal(parley_package_index_build(sc, 2, 1, &idx, &err), PARLEY_EINVAL);
    assert_null(idx);
    assert_string_equal(err.message, "no negotiating party 2");
    assert_int_equal(parley_package_index_build_sorted(sc, 1, 1, &idx, &err), PARLEY_OK);
    assert_int_equal(idx->additive, 0);
    assert_int_equal(idx->party, 1);
    assert_true(pindex_best(idx) == 0.5 && pindex_worst(idx) == 0.5);
    parley_package_index_free(idx);
    parley_scenario_free(sc);
}

/* The sorted index holds the list, entry for entry: comparison sort below 4096 entries, radix sort from 4096. */
static void test_sorted_order(void **state)
{
    (void)state;
    static const uint32_t counts[][4] = {{5, 7, 9, 13}, {8, 8, 8, 8}, {4, 4, 16, 16}, {9, 9, 10, 11}};
    for (size_t c = 0; c < 4; c++)
        for (enum draw draw = CONTINUOUS; draw <= COARSE; draw++) {
            parley_scenario *sc = scenario(counts[c], 4, draw, NULL);
            size_t n;
            struct package_entry *list = package_reference_list(sc, &n);
            parley_package_index *idx = NULL;
            assert_int_equal(parley_package_index_build_sorted(sc, 0, 1, &idx, NULL), PARLEY_OK);
            assert_int_equal(idx->n, n);
            assert_null(idx->samples);
            for (size_t j = 0; j < n; j++)
                if (idx->e[j].u != list[j].u || idx->e[j].id != list[j].id)
                    fail_msg("%zu packages: entry %zu is (%.17g, %llu), the list (%.17g, %llu)", n, j, idx->e[j].u,
                             (unsigned long long)idx->e[j].id, list[j].u, (unsigned long long)list[j].id);
            /* none reaches the target: the best, lowest number among equals */
            uint32_t out[MAX_ISSUES];
            size_t best = n - 1;
            while (best > 0 && list[best - 1].u == list[n - 1].u)
                best--;
            assert_true(pindex_at_least(idx, 2, out) == list[n - 1].u);
            same_package(sc, out, list[best].id);
            assert_true(pindex_at_least(idx, list[3].u + 1e-13, out) == list[package_list_from(list, n, list[3].u)].u);
            free(list);
            parley_package_index_free(idx);
            parley_scenario_free(sc);
        }
}

/* 2^21 packages are indexed whole; 2^21 + 2^19 are sampled, the best package first among the samples. */
static void test_whole_or_sampled(void **state)
{
    (void)state;
    static const uint32_t whole[] = {128, 128, 128}, sampled[] = {128, 128, 160};
    parley_scenario *sc = scenario(whole, 3, CONTINUOUS, NULL);
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build_sorted(sc, 0, 1, &idx, NULL), PARLEY_OK);
    assert_null(idx->samples);
    assert_int_equal(idx->n, (size_t)1 << 21);
    parley_package_index_free(idx);
    parley_scenario_free(sc);
    sc = scenario(sampled, 3, CONTINUOUS, NULL);
    assert_int_equal(parley_package_index_build_sorted(sc, 0, 7, &idx, NULL), PARLEY_OK);
    assert_non_null(idx->samples);
    assert_int_equal(idx->n, ((size_t)1 << 18) + 1);
    /* the best package: each issue's best value (continuous draws: one best per issue) */
    const parley_space *s = parley_scenario_space(sc);
    const parley_utility *u = parley_party_utility(sc, 0);
    uint32_t best[3], out[3];
    for (size_t i = 0; i < 3; i++) {
        best[i] = 0;
        for (uint32_t v = 1; v < parley_issue_value_count(s, i); v++)
            if (parley_utility_value(u, i, v) > parley_utility_value(u, i, best[i]))
                best[i] = v;
    }
    assert_true(pindex_best(idx) == parley_utility_eval(u, best));
    assert_true(pindex_at_least(idx, 2, out) == parley_utility_eval(u, best));
    assert_memory_equal(out, best, sizeof best);
    parley_package_index_free(idx);
    parley_scenario_free(sc);
}

/*
 * The queries through package_index.c: the halves answer neighbour queries until their cost, (queries) x (na + nb)
 * sweep steps, passes 8 N (17 x 241 packages: 8 x 4097 = 32776 > 127 x 258, < 128 x 258), then the sorted
 * index, built once; the answers are the list's either way.
 */
static void test_when_the_sorted_index_pays(void **state)
{
    (void)state;
    static const uint32_t counts[] = {17, 241};
    parley_scenario *sc = scenario(counts, 2, CONTINUOUS, NULL);
    size_t n;
    struct package_entry *list = package_reference_list(sc, &n);
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    assert_int_equal(idx->additive, 1);
    assert_int_equal(pindex_ranked_count(idx, sc), n); /* without building the sorted index */
    assert_null(idx->sorted);
    uint32_t down[2], up[2], scratch[2], out[2];
    for (int q = 1; q <= 130; q++) {
        double x = list[(size_t)q * 31 % n].u;
        struct pindex_neighbours nb = {.down = down, .up = up};
        size_t i = package_list_from(list, n, x);
        assert_int_equal(pindex_around(idx, sc, x, &nb, scratch), 1);
        assert_int_equal(nb.has_down, i > 0);
        assert_int_equal(nb.has_up, i < n);
        assert_true(nb.up_u == list[i].u);
        same_package(sc, up, list[i].id);
        if (i > 0) {
            assert_true(nb.down_u == list[i - 1].u);
            same_package(sc, down, list[i - 1].id);
        }
        if (q < 128)
            assert_null(idx->sorted);
        else
            assert_non_null(idx->sorted);
    }
    assert_int_equal(idx->sorted->n, n);
    assert_int_equal(pindex_ranked_count(idx, sc), n);
    size_t i = package_list_from(list, n, list[n / 2].u - 1e-12);
    assert_true(pindex_at_least(idx, list[n / 2].u, out) == list[i].u);
    same_package(sc, out, list[i].id);
    parley_package_index_free(idx);
    free(list);
    parley_scenario_free(sc);
}

/* Two issues of 100 values; party 0 values every one 0.25 but value 0 of i0 (`first0`) and of i1 (`first1`). */
static parley_scenario *hundred_by_hundred(double first0, double first1)
{
    static const uint32_t counts[] = {100, 100}, top[] = {0, 0};
    parley_scenario *sc = scenario(counts, 2, AT_CAP, top);
    parley_utility *u = (parley_utility *)parley_party_utility(sc, 0);
    for (size_t i = 0; i < 2; i++)
        for (uint32_t v = 0; v < 100; v++)
            parley_utility_set_value(u, i, v, v > 0 ? 0.25 : i == 0 ? first0 : first1);
    return sc;
}

/* Every package worth 1/4: the window of a level or tie query holds 10^4 pairs, past 4096: the sorted index answers
   from then on. */
static void test_window_too_wide(void **state)
{
    (void)state;
    parley_scenario *sc = hundred_by_hundred(0.25, 0.25);
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    assert_int_equal(idx->additive, 1);
    uint32_t scratch[2], values[3 * 2];
    struct pindex_levels lv;
    assert_int_equal(pindex_levels(idx, sc, 0.25, &lv, scratch), 1);
    assert_int_equal(idx->halves_off, 1);
    assert_non_null(idx->sorted);
    assert_true(lv.at.utility == 0.25);
    assert_int_equal(lv.at.first, 0);
    assert_int_equal(lv.at.count, 10000);
    assert_int_equal(lv.has_below, 0);
    assert_int_equal(lv.has_above, 0);
    assert_int_equal(pindex_ties(idx, sc, 0.25, values, 3, scratch), 10000);
    static const uint32_t first3[] = {0, 0, 0, 1, 0, 2};
    assert_memory_equal(values, first3, sizeof first3);
    assert_int_equal(pindex_levels(idx, sc, 0.3, &lv, scratch), 1);
    assert_int_equal(lv.at.first, 10000);
    assert_int_equal(lv.at.count, 0);
    assert_int_equal(lv.has_below, 1);
    assert_int_equal(lv.below.first, 0);
    assert_int_equal(lv.below.count, 10000);
    parley_package_index_free(idx);
    /* a fresh index: a tie query too wide hands over as well */
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    assert_int_equal(pindex_ties(idx, sc, 0.25, values, 1, scratch), 10000);
    assert_int_equal(idx->halves_off, 1);
    assert_int_equal(pindex_ties(idx, sc, 0.5, values, 1, scratch), 0);
    parley_package_index_free(idx);
    parley_scenario_free(sc);
}

/* After the handover to the sorted index, a tie query of a level held by one package fills one slot of the
   room it is given and leaves the others as they were (utilities by hand: i0 = 0 is worth 0.35, i1 = 0 0.2,
   every other value 0.25: levels 0.45 x 99, 0.5 x 9801, 0.55 x 1 (the package 0, 0), 0.6 x 99, before weights). */
static void test_ties_of_one_after_the_handover(void **state)
{
    (void)state;
    parley_scenario *sc = hundred_by_hundred(0.35, 0.2);
    const parley_utility *u = parley_party_utility(sc, 0);
    static const uint32_t origin[2] = {0, 0}, rest[2] = {1, 1};
    double lone = parley_utility_eval(u, origin), crowd = parley_utility_eval(u, rest);
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    uint32_t scratch[2], values[4 * 2];
    struct pindex_levels lv;
    assert_int_equal(pindex_levels(idx, sc, crowd, &lv, scratch), 1); /* 9801 ties: the sorted index from now */
    assert_int_equal(lv.at.count, 9801);
    assert_int_equal(idx->halves_off, 1);
    memset(values, 0xff, sizeof values);
    assert_int_equal(pindex_ties(idx, sc, lone, values, 4, scratch), 1);
    assert_int_equal(values[0], 0);
    assert_int_equal(values[1], 0);
    for (size_t k = 2; k < 8; k++)
        assert_int_equal(values[k], UINT32_MAX);
    parley_package_index_free(idx);
    parley_scenario_free(sc);
}

/* Level and tie queries of the halves through package_index.c, against the list (a few: the sorted index does
   not pay yet). */
static void test_levels_and_ties_through_the_index(void **state)
{
    (void)state;
    static const uint32_t counts[] = {12, 10, 9, 8};
    parley_scenario *sc = scenario(counts, 4, COARSE, NULL);
    size_t n;
    struct package_entry *list = package_reference_list(sc, &n);
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    uint32_t scratch[4], values[4 * 4];
    for (int q = 0; q < 6; q++) {
        double x = q == 0 ? list[0].u : q == 1 ? list[n - 1].u : list[rnd() % n].u;
        size_t i = package_list_from(list, n, x), end = package_list_over(list, n, x);
        struct pindex_levels lv;
        assert_int_equal(pindex_levels(idx, sc, x, &lv, scratch), 1);
        assert_true(lv.at.utility == x);
        assert_int_equal(lv.at.first, i);
        assert_int_equal(lv.at.count, end - i);
        assert_int_equal(lv.has_below, i > 0);
        assert_int_equal(lv.has_above, end < n);
        if (i > 0) {
            assert_true(lv.below.utility == list[i - 1].u);
            assert_int_equal(lv.below.first, package_list_from(list, n, list[i - 1].u));
        }
        if (end < n) {
            assert_true(lv.above.utility == list[end].u);
            assert_int_equal(lv.above.count, package_list_over(list, n, list[end].u) - end);
        }
        assert_int_equal(pindex_ties(idx, sc, x, values, 4, scratch), (long)(end - i));
        for (size_t j = 0; j < 4 && i + j < end; j++)
            same_package(sc, values + 4 * j, list[i + j].id);
    }
    parley_package_index_free(idx);
    free(list);
    parley_scenario_free(sc);
}

/* A red line no package keeps: an empty index answers -1. */
static void test_empty_index(void **state)
{
    (void)state;
    static const uint32_t counts[] = {4, 5};
    parley_scenario *sc = scenario(counts, 2, CONTINUOUS, NULL);
    assert_int_equal(parley_scenario_add_constraint(sc, 0, "never", "i0 > 10", NULL, NULL, NULL), PARLEY_OK);
    parley_package_index *idx = NULL;
    assert_int_equal(parley_package_index_build(sc, 0, 1, &idx, NULL), PARLEY_OK);
    assert_int_equal(parley_package_index_count(idx), 0);
    uint32_t out[2];
    assert_true(pindex_at_least(idx, 0.5, out) == -1);
    assert_true(pindex_best(idx) == -1 && pindex_worst(idx) == -1);
    parley_package_index_free(idx);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_halves_continuous),
        cmocka_unit_test(test_halves_ties),
        cmocka_unit_test(test_when_the_halves_serve),
        cmocka_unit_test(test_sorted_order),
        cmocka_unit_test(test_whole_or_sampled),
        cmocka_unit_test(test_empty_index),
        cmocka_unit_test(test_when_the_sorted_index_pays),
        cmocka_unit_test(test_window_too_wide),
        cmocka_unit_test(test_ties_of_one_after_the_handover),
        cmocka_unit_test(test_levels_and_ties_through_the_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill14_analysis_improve.c: parley_improve's two limits at their boundaries, against brute force (issue 27,
 * seed-144 probe of src/analysis, improve.c:224).  On a space of 27 packages (three issues of three values, so
 * 3 * 2 * 2 = 12 changes of two issues of the agreement): max_enumerate 27 enumerates (exhaustive, every
 * improvement found), 26 searches; a search with a budget of 12 adds the 12 changes of two issues, one of 11 does
 * not.  The improvements each search must find are computed here from the weights and ratings: those among the
 * Pareto frontier and the changes of one issue (and of two, within the budget).  And the utilities it compares
 * are the parties' expected ones under their trust in a later phase (improve.c:348), worked out by hand.  The
 * order of the list, brute force: the Nash point of the improvements (largest sum of the logarithms of the gains,
 * ties to the lower outcome number) first, then by distance to it, ties by the larger logarithm sum, then the
 * lower outcome number (met on a scenario of twin packages, equal in utility); a limit keeps the first ones
 * of that order, enumerated or searched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "test_util.h"

/* Ratings in 1/8 and weights in 1/4: every utility is a multiple of 1/32, exact in a double and on parley's grid. */
static const char scenario[] =
    "{\"title\": \"Pairs\", \"issues\": ["
    " {\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 2},"
    " {\"name\": \"b\", \"type\": \"integer\", \"min\": 0, \"max\": 2},"
    " {\"name\": \"c\", \"type\": \"integer\", \"min\": 0, \"max\": 2}],"
    " \"parties\": ["
    " {\"name\": \"P\", \"reservation\": 0, \"preferences\": {"
    "   \"a\": {\"weight\": 0.5, \"values\": {\"0\": 0, \"1\": 0.5, \"2\": 1}},"
    "   \"b\": {\"weight\": 0.25, \"values\": {\"0\": 0.25, \"1\": 1, \"2\": 0}},"
    "   \"c\": {\"weight\": 0.25, \"values\": {\"0\": 0.75, \"1\": 0.5, \"2\": 0}}}},"
    " {\"name\": \"Q\", \"reservation\": 0, \"preferences\": {"
    "   \"a\": {\"weight\": 0.25, \"values\": {\"0\": 1, \"1\": 0.75, \"2\": 0}},"
    "   \"b\": {\"weight\": 0.5, \"values\": {\"0\": 0, \"1\": 0.5, \"2\": 1}},"
    "   \"c\": {\"weight\": 0.25, \"values\": {\"0\": 0, \"1\": 0.25, \"2\": 1}}}}]}";

/* The same but for c, whose values 0 and 1 both parties rate alike: packages that differ only there are twins
   (equal utilities, so equal in every key of the order but their outcome numbers). */
static const char twins[] =
    "{\"title\": \"Twins\", \"issues\": ["
    " {\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 2},"
    " {\"name\": \"b\", \"type\": \"integer\", \"min\": 0, \"max\": 2},"
    " {\"name\": \"c\", \"type\": \"integer\", \"min\": 0, \"max\": 2}],"
    " \"parties\": ["
    " {\"name\": \"P\", \"reservation\": 0, \"preferences\": {"
    "   \"a\": {\"weight\": 0.5, \"values\": {\"0\": 0, \"1\": 0.5, \"2\": 1}},"
    "   \"b\": {\"weight\": 0.25, \"values\": {\"0\": 0.25, \"1\": 1, \"2\": 0}},"
    "   \"c\": {\"weight\": 0.25, \"values\": {\"0\": 0.5, \"1\": 0.5, \"2\": 0}}}},"
    " {\"name\": \"Q\", \"reservation\": 0, \"preferences\": {"
    "   \"a\": {\"weight\": 0.25, \"values\": {\"0\": 1, \"1\": 0.75, \"2\": 0}},"
    "   \"b\": {\"weight\": 0.5, \"values\": {\"0\": 0, \"1\": 0.5, \"2\": 1}},"
    "   \"c\": {\"weight\": 0.25, \"values\": {\"0\": 0.25, \"1\": 0.25, \"2\": 1}}}}]}";

enum { ISSUES = 3, PACKAGES = 27 };

static void package(unsigned o, uint32_t *v)
{
    v[0] = o / 9;
    v[1] = o / 3 % 3;
    v[2] = o % 3;
}

static double by_hand(const parley_scenario *sc, size_t party, const uint32_t *v)
{
    const parley_utility *u = parley_party_utility(sc, party);
    double s = 0;
    for (size_t i = 0; i < ISSUES; i++)
        s += parley_utility_weight(u, i) * parley_utility_value(u, i, v[i]);
    return s;
}

struct brute {
    double u[PACKAGES][2];
    int improves[PACKAGES], frontier[PACKAGES], changed[PACKAGES];
};

static void brute_force(const parley_scenario *sc, const uint32_t *agreement, struct brute *b)
{
    uint32_t v[ISSUES];
    double before[2] = {by_hand(sc, 0, agreement), by_hand(sc, 1, agreement)};
    for (unsigned o = 0; o < PACKAGES; o++) {
        package(o, v);
        b->u[o][0] = by_hand(sc, 0, v);
        b->u[o][1] = by_hand(sc, 1, v);
        b->improves[o] = b->u[o][0] > before[0] && b->u[o][1] > before[1];
        b->changed[o] = (v[0] != agreement[0]) + (v[1] != agreement[1]) + (v[2] != agreement[2]);
    }
    for (unsigned o = 0; o < PACKAGES; o++) {
        b->frontier[o] = 1;
        for (unsigned x = 0; x < PACKAGES; x++)
            if (b->u[x][0] >= b->u[o][0] && b->u[x][1] >= b->u[o][1] &&
                (b->u[x][0] > b->u[o][0] || b->u[x][1] > b->u[o][1]))
                b->frontier[o] = 0;
    }
}

/* The improvements among the frontier and the changes of at most `most` issues. */
static uint64_t expected_found(const struct brute *b, int most)
{
    uint64_t found = 0;
    for (unsigned o = 0; o < PACKAGES; o++)
        found += b->improves[o] && (b->frontier[o] || b->changed[o] <= most);
    return found;
}

static parley_improvements *improve(const parley_scenario *sc, const uint32_t *agreement, uint64_t max_enumerate)
{
    parley_improve_options o = {.limit = 100, .max_enumerate = max_enumerate};
    parley_improvements *r = NULL;
    parley_error err;
    if (parley_improve(sc, agreement, &o, &r, &err) != PARLEY_OK)
        fail_msg("parley_improve: %s", err.message);
    return r;
}

static void test_pairs_within_the_budget(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_text(scenario, "pairs");
    struct brute b;
    int pairs_counted = 0;
    for (unsigned o = 0; o < PACKAGES; o++) {
        uint32_t agreement[ISSUES];
        package(o, agreement);
        brute_force(sc, agreement, &b);
        uint64_t all = expected_found(&b, ISSUES), with_pairs = expected_found(&b, 2), singles = expected_found(&b, 1);
        pairs_counted += with_pairs != singles;
        const struct {
            uint64_t max_enumerate, found;
            int exhaustive;
        } cases[] = {{27, all, 1}, {26, with_pairs, 0}, {12, with_pairs, 0}, {11, singles, 0}};
        for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
            parley_improvements *r = improve(sc, agreement, cases[k].max_enumerate);
            if (parley_improvements_found(r) != cases[k].found ||
                parley_improvements_exhaustive(r) != cases[k].exhaustive)
                fail_msg("agreement %u%u%u, max_enumerate %llu: %llu found (exhaustive %d), brute force %llu (%d)",
                         agreement[0], agreement[1], agreement[2], (unsigned long long)cases[k].max_enumerate,
                         (unsigned long long)parley_improvements_found(r), parley_improvements_exhaustive(r),
                         (unsigned long long)cases[k].found, cases[k].exhaustive);
            parley_improvements_free(r);
        }
    }
    /* the scenario tells the budgets apart: some agreement has an improvement only a change of two issues finds */
    assert_true(pairs_counted > 0);
    parley_scenario_free(sc);
}

/* Issue b in phase "two", which P trusts at 1/2 (Q fully); b's fallback is its first value, rated 0.5 by P. */
static const char phased[] =
    "{\"title\": \"Phased\", \"issues\": ["
    " {\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 2},"
    " {\"name\": \"b\", \"type\": \"integer\", \"min\": 0, \"max\": 2}],"
    " \"phases\": [{\"name\": \"one\", \"weeks\": 6, \"issues\": [\"a\"]},"
    "  {\"name\": \"two\", \"weeks\": 6, \"issues\": [\"b\"]}],"
    " \"parties\": ["
    " {\"name\": \"P\", \"trust\": {\"two\": 0.5}, \"preferences\": {"
    "   \"a\": {\"weight\": 0.5, \"values\": {\"0\": 0, \"1\": 0.5, \"2\": 1}},"
    "   \"b\": {\"weight\": 0.5, \"values\": {\"0\": 0.5, \"1\": 0, \"2\": 1}}}},"
    " {\"name\": \"Q\", \"preferences\": {"
    "   \"a\": {\"weight\": 0.5, \"values\": {\"0\": 1, \"1\": 0.75, \"2\": 0}},"
    "   \"b\": {\"weight\": 0.5, \"values\": {\"0\": 0, \"1\": 0.5, \"2\": 1}}}}]}";

static double expected_by_hand(int party, const uint32_t *v)
{
    static const double a[2][3] = {{0, 0.5, 1}, {1, 0.75, 0}}, b[2][3] = {{0.5, 0, 1}, {0, 0.5, 1}};
    double carried = party == 0 ? 0.5 : 1;
    return 0.5 * a[party][v[0]] + 0.5 * (carried * b[party][v[1]] + (1 - carried) * b[party][0]);
}

static void test_expected_utilities_under_trust(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_text(phased, "phased");
    for (unsigned o = 0; o < 9; o++) {
        const uint32_t agreement[2] = {o / 3, o % 3};
        parley_improvements *r = improve(sc, agreement, 0);
        assert_true(parley_improvements_exhaustive(r));
        for (int k = 0; k < 2; k++)
            assert_true(parley_improvements_before(r)[k] == expected_by_hand(k, agreement));
        uint64_t found = 0;
        for (unsigned x = 0; x < 9; x++) {
            const uint32_t v[2] = {x / 3, x % 3};
            found += expected_by_hand(0, v) > expected_by_hand(0, agreement) &&
                     expected_by_hand(1, v) > expected_by_hand(1, agreement);
        }
        assert_int_equal(parley_improvements_found(r), found);
        for (size_t i = 0; i < parley_improvements_count(r); i++)
            for (int k = 0; k < 2; k++)
                assert_true(parley_improvements_after(r, i)[k] ==
                            expected_by_hand(k, parley_improvements_package(r, i)));
        parley_improvements_free(r);
    }
    parley_scenario_free(sc);
}

struct ranked {
    unsigned o;
    double d, lg;
};

static int by_rank(const void *x, const void *y)
{
    const struct ranked *a = x, *b = y;
    if (a->d != b->d)
        return a->d < b->d ? -1 : 1;
    if (a->lg != b->lg)
        return a->lg > b->lg ? -1 : 1;
    return (a->o > b->o) - (a->o < b->o);
}

/* The improvements of the agreement among `allowed` (NULL: all), in the documented order; their number. */
static size_t expected_order(const struct brute *b, const uint32_t *agreement, const int *allowed,
                             struct ranked *out)
{
    const double before[2] = {b->u[agreement[0] * 9 + agreement[1] * 3 + agreement[2]][0],
                              b->u[agreement[0] * 9 + agreement[1] * 3 + agreement[2]][1]};
    size_t m = 0;
    for (unsigned o = 0; o < PACKAGES; o++)
        if (b->improves[o] && (!allowed || allowed[o]))
            out[m++] = (struct ranked){o, 0, log(b->u[o][0] - before[0]) + log(b->u[o][1] - before[1])};
    size_t nash = 0;
    for (size_t i = 1; i < m; i++)
        if (out[i].lg > out[nash].lg)
            nash = i; /* the first of equals: the lower outcome number */
    for (size_t i = 0; i < m; i++) {
        double d0 = b->u[out[i].o][0] - b->u[out[nash].o][0], d1 = b->u[out[i].o][1] - b->u[out[nash].o][1];
        out[i].d = sqrt(d0 * d0 + d1 * d1);
    }
    qsort(out, m, sizeof *out, by_rank);
    return m;
}

static void assert_listed_in_order(const parley_scenario *sc, const uint32_t *agreement, uint64_t max_enumerate,
                                   size_t limit, const struct ranked *order, size_t m)
{
    parley_improve_options o = {.limit = limit, .max_enumerate = max_enumerate};
    parley_improvements *r = NULL;
    parley_error err;
    assert_int_equal(parley_improve(sc, agreement, &o, &r, &err), PARLEY_OK);
    size_t listed = m < limit ? m : limit;
    assert_int_equal(parley_improvements_count(r), listed);
    for (size_t i = 0; i < listed; i++) {
        uint32_t v[ISSUES];
        package(order[i].o, v);
        if (memcmp(parley_improvements_package(r, i), v, sizeof v) != 0)
            fail_msg("agreement %u%u%u, limit %zu, max_enumerate %llu: item %zu is not package %u%u%u", agreement[0],
                     agreement[1], agreement[2], limit, (unsigned long long)max_enumerate, i, v[0], v[1], v[2]);
    }
    parley_improvements_free(r);
}

static void order_on(const char *text, int twin)
{
    parley_scenario *sc = test_scenario_text(text, twin ? "twins" : "pairs");
    struct brute b;
    struct ranked order[PACKAGES];
    int near[PACKAGES], ties = 0, twins_met = 0;
    for (unsigned a = 0; a < PACKAGES; a++) {
        uint32_t agreement[ISSUES];
        package(a, agreement);
        brute_force(sc, agreement, &b);
        size_t m = expected_order(&b, agreement, NULL, order);
        for (size_t i = 1; i < m; i++) {
            ties += order[i].d == order[i - 1].d;
            twins_met += order[i].d == order[i - 1].d && order[i].lg == order[i - 1].lg;
        }
        for (size_t limit = 1; limit <= 4; limit++)
            assert_listed_in_order(sc, agreement, 0, limit, order, m);
        assert_listed_in_order(sc, agreement, 0, 100, order, m);
        /* searched: the frontier and the changes of one or two issues */
        for (unsigned o = 0; o < PACKAGES; o++)
            near[o] = b.frontier[o] || b.changed[o] <= 2;
        m = expected_order(&b, agreement, near, order);
        assert_listed_in_order(sc, agreement, 26, 100, order, m);
        assert_listed_in_order(sc, agreement, 26, 2, order, m);
    }
    assert_true(ties > 0);                /* ties of distance are met */
    assert_int_equal(twins_met > 0, twin); /* and of every key, on the twins */
    parley_scenario_free(sc);
}

static void test_the_order_of_the_list(void **state)
{
    (void)state;
    for (int twin = 0; twin < 2; twin++)
        order_on(twin ? twins : scenario, twin);
}

/* An agreement's value must be inside its issue: the last value is, one past it is not. */
static void test_agreement_values_inside_their_issues(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_text(scenario, "pairs");
    parley_improvements *r = NULL;
    parley_error err;
    const uint32_t last[ISSUES] = {2, 2, 2}, past_b[ISSUES] = {2, 3, 0}, past_a[ISSUES] = {3, 0, 0};
    assert_int_equal(parley_improve(sc, last, NULL, &r, &err), PARLEY_OK);
    parley_improvements_free(r);
    r = NULL;
    assert_int_equal(parley_improve(sc, past_b, NULL, &r, &err), PARLEY_EINVAL);
    assert_null(r);
    assert_string_equal(err.message, "the agreement's value of issue 'b' is outside the issue");
    assert_int_equal(parley_improve(sc, past_a, NULL, &r, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "the agreement's value of issue 'a' is outside the issue");
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairs_within_the_budget),
        cmocka_unit_test(test_expected_utilities_under_trust),
        cmocka_unit_test(test_agreement_values_inside_their_issues),
        cmocka_unit_test(test_the_order_of_the_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

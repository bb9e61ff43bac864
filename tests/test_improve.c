/*
 * test_improve.c: parley_improve (improving a signed deal) against brute
 * force.  On small scenarios (two and three parties, a red line, a global
 * constraint) every outcome in turn is taken as the agreement; the test
 * computes every party's utility itself from the weights and value ratings,
 * finds every package strictly better for every party that breaks no
 * constraint, and checks that the library lists exactly those (with the
 * limit set high), each with the right utilities, the one with the largest
 * product of gains first and the others by distance to it; and none exactly
 * when brute force finds the agreement on the Pareto frontier.  The bounded
 * search (max_enumerate below the space's size) must list only strict
 * improvements and say it was bounded.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

static const char two_parties[] =
    "{\"title\": \"Improve\", \"issues\": ["
    " {\"name\": \"price\", \"type\": \"integer\", \"min\": 0, \"max\": 4},"
    " {\"name\": \"color\", \"type\": \"categorical\", \"values\": [\"red\", \"blue\", \"green\"]},"
    " {\"name\": \"delivery\", \"type\": \"integer\", \"min\": 1, \"max\": 3}],"
    " \"parties\": ["
    " {\"name\": \"Buyer\", \"reservation\": 0.1, \"preferences\": {"
    "   \"price\": {\"weight\": 0.5, \"values\": {\"0\": 1, \"1\": 0.8, \"2\": 0.5, \"3\": 0.3, \"4\": 0}},"
    "   \"color\": {\"weight\": 0.3, \"values\": {\"red\": 1, \"blue\": 0.2, \"green\": 0.6}},"
    "   \"delivery\": {\"weight\": 0.2, \"values\": {\"1\": 1, \"2\": 0.5, \"3\": 0}}}},"
    " {\"name\": \"Seller\", \"reservation\": 0.1, \"preferences\": {"
    "   \"price\": {\"weight\": 0.6, \"values\": {\"0\": 0, \"1\": 0.25, \"2\": 0.5, \"3\": 0.75, \"4\": 1}},"
    "   \"color\": {\"weight\": 0.1, \"values\": {\"red\": 0, \"blue\": 1, \"green\": 0.5}},"
    "   \"delivery\": {\"weight\": 0.3, \"values\": {\"1\": 0, \"2\": 0.7, \"3\": 1}}},"
    "   \"red_lines\": [{\"name\": \"floor\", \"rule\": \"price >= 1\"}]}],"
    " \"constraints\": [{\"name\": \"stock\", \"rule\": \"!(color == 'green' && delivery == 1)\"}]}";

static const char three_parties[] =
    "{\"title\": \"Improve3\", \"issues\": ["
    " {\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 3},"
    " {\"name\": \"b\", \"type\": \"integer\", \"min\": 0, \"max\": 3}],"
    " \"parties\": ["
    " {\"name\": \"P\", \"preferences\": {\"a\": {\"weight\": 0.7, \"values\": {\"0\": 1, \"1\": 0.6, \"2\": 0.3, \"3\": 0}},"
    "   \"b\": {\"weight\": 0.3, \"values\": {\"0\": 0, \"1\": 0.4, \"2\": 0.9, \"3\": 1}}}},"
    " {\"name\": \"Q\", \"preferences\": {\"a\": {\"weight\": 0.4, \"values\": {\"0\": 0, \"1\": 0.5, \"2\": 1, \"3\": 0.5}},"
    "   \"b\": {\"weight\": 0.6, \"values\": {\"0\": 0.2, \"1\": 1, \"2\": 0.6, \"3\": 0}}}},"
    " {\"name\": \"R\", \"preferences\": {\"a\": {\"weight\": 0.5, \"values\": {\"0\": 0.5, \"1\": 1, \"2\": 0.8, \"3\": 0}},"
    "   \"b\": {\"weight\": 0.5, \"values\": {\"0\": 1, \"1\": 0.3, \"2\": 0.8, \"3\": 0.1}}}}]}";

/* A party's utility computed here from its weights and ratings (not through parley_utility_eval). */
static double by_hand(const parley_scenario *sc, size_t party, const uint32_t *v)
{
    const parley_utility *u = parley_party_utility(sc, party);
    double s = 0;
    for (size_t i = 0; i < parley_space_issue_count(parley_scenario_space(sc)); i++)
        s += parley_utility_weight(u, i) * parley_utility_value(u, i, v[i]);
    return s;
}

/* Strictly better for every negotiating party (beyond rounding), feasible, within every red line. */
static int strictly_better(const parley_scenario *sc, const uint32_t *agreement, const uint32_t *x)
{
    if (!parley_scenario_feasible(sc, x))
        return 0;
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++) {
        size_t p = parley_scenario_negotiator(sc, k);
        if (!parley_scenario_red_lines_hold(sc, p, x) || !(by_hand(sc, p, x) > by_hand(sc, p, agreement) + 1e-9))
            return 0;
    }
    return 1;
}

static parley_scenario *load(const char *text)
{
    parley_scenario *sc = NULL;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_scenario_parse(text, strlen(text), "test", &sc, &err), PARLEY_OK);
    return sc;
}

/* Every outcome as the agreement: the listed set equals the brute-force set, in the documented order. */
static void check_against_brute_force(const char *text)
{
    parley_scenario *sc = load(text);
    const parley_space *space = parley_scenario_space(sc);
    size_t issues = parley_space_issue_count(space), n = parley_scenario_negotiator_count(sc);
    uint64_t size = 0;
    assert_int_equal(parley_space_size_u64(space, &size), PARLEY_OK);
    uint32_t *a = calloc(issues, sizeof *a), *x = calloc(issues, sizeof *x);
    size_t on_frontier = 0, with_improvements = 0;
    for (uint64_t ai = 0; ai < size; ai++) {
        parley_space_decode(space, ai, a);
        size_t expected = 0;
        double best_log = -INFINITY;
        for (uint64_t xi = 0; xi < size; xi++) {
            parley_space_decode(space, xi, x);
            if (!strictly_better(sc, a, x))
                continue;
            expected++;
            double lg = 0;
            for (size_t k = 0; k < n; k++)
                lg += log(by_hand(sc, parley_scenario_negotiator(sc, k), x) -
                          by_hand(sc, parley_scenario_negotiator(sc, k), a));
            best_log = lg > best_log ? lg : best_log;
        }
        parley_improve_options o = {.limit = (size_t)size};
        parley_improvements *r = NULL;
        parley_error err;
        parley_error_clear(&err);
        assert_int_equal(parley_improve(sc, a, &o, &r, &err), PARLEY_OK);
        assert_true(parley_improvements_exhaustive(r));
        assert_int_equal(parley_improvements_count(r), expected);
        assert_int_equal(parley_improvements_found(r), expected);
        on_frontier += expected == 0;
        with_improvements += expected > 0;
        double previous = -1;
        const double *first = expected ? parley_improvements_after(r, 0) : NULL;
        for (size_t i = 0; i < expected; i++) {
            const uint32_t *p = parley_improvements_package(r, i);
            assert_true(strictly_better(sc, a, p));
            double lg = 0, d = 0;
            for (size_t k = 0; k < n; k++) {
                size_t party = parley_scenario_negotiator(sc, k);
                assert_true(fabs(parley_improvements_before(r)[k] - by_hand(sc, party, a)) < 1e-9);
                assert_true(fabs(parley_improvements_after(r, i)[k] - by_hand(sc, party, p)) < 1e-9);
                lg += log(by_hand(sc, party, p) - by_hand(sc, party, a));
                d += (parley_improvements_after(r, i)[k] - first[k]) * (parley_improvements_after(r, i)[k] - first[k]);
            }
            if (i == 0)
                assert_true(fabs(lg - best_log) < 1e-9); /* the Nash point of the improvements first */
            assert_true(sqrt(d) >= previous - 1e-12);    /* then by distance to it */
            previous = sqrt(d);
            for (size_t j = 0; j < i; j++) /* no package twice */
                assert_memory_not_equal(parley_improvements_package(r, j), p, issues * sizeof *p);
        }
        parley_improvements_free(r);
    }
    assert_true(on_frontier > 0); /* both cases were met */
    assert_true(with_improvements > 0);
    free(a);
    free(x);
    parley_scenario_free(sc);
}

static void two_parties_match_brute_force(void **state)
{
    (void)state;
    check_against_brute_force(two_parties);
}

static void three_parties_match_brute_force(void **state)
{
    (void)state;
    check_against_brute_force(three_parties);
}

/* The limit keeps the first ones; the bounded search lists only strict improvements and says so. */
static void limit_and_bounded_search(void **state)
{
    (void)state;
    parley_scenario *sc = load(two_parties);
    uint32_t a[3] = {2, 1, 0}; /* price 2, blue, delivery 1: 9 packages are better for both */
    parley_improve_options all = {.limit = 1000}, two = {.limit = 2}, bounded = {.limit = 1000, .max_enumerate = 10};
    parley_improvements *r_all = NULL, *r_two = NULL, *r_b = NULL;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_improve(sc, a, &all, &r_all, &err), PARLEY_OK);
    assert_int_equal(parley_improve(sc, a, &two, &r_two, &err), PARLEY_OK);
    int brc = parley_improve(sc, a, &bounded, &r_b, &err);
    if (brc)
        fail_msg("bounded: %s", err.message);
    assert_int_equal(parley_improvements_count(r_all), 9); /* counted by hand (brute force in Python) */
    assert_int_equal(parley_improvements_count(r_two), 2);
    assert_int_equal(parley_improvements_found(r_two), parley_improvements_count(r_all));
    for (size_t i = 0; i < 2; i++)
        assert_memory_equal(parley_improvements_package(r_two, i), parley_improvements_package(r_all, i), sizeof a);
    assert_false(parley_improvements_exhaustive(r_b));
    assert_non_null(strstr(parley_improvements_method(r_b), "bounded"));
    assert_true(parley_improvements_count(r_b) > 0);
    for (size_t i = 0; i < parley_improvements_count(r_b); i++)
        assert_true(strictly_better(sc, a, parley_improvements_package(r_b, i)));
    uint32_t bad[3] = {5, 0, 0};
    parley_improvements *r_bad = NULL;
    assert_int_equal(parley_improve(sc, bad, NULL, &r_bad, &err), PARLEY_EINVAL);
    assert_null(r_bad);
    parley_improvements_free(r_all);
    parley_improvements_free(r_two);
    parley_improvements_free(r_b);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_parties_match_brute_force),
        cmocka_unit_test(three_parties_match_brute_force),
        cmocka_unit_test(limit_and_bounded_search),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

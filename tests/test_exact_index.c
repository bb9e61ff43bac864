/*
 * test_exact_index.c: the additive package index (package_additive.c, two
 * sorted halves of the space) against the sorted index of every package
 * (package_index.c): on random additive scenarios of 10^4 to 10^6 packages,
 * with continuous values and with coarse ones (many equal utilities, so the
 * lowest-number tie rule matters), the worst and best utilities and the answer
 * to "the package of lowest utility at least x" must be the same, bit for bit,
 * for targets between and on the packages' own utilities; and whole
 * negotiations (time-dependent agents, and nash, which asks for ranks) must
 * run identically with either.
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

#include "protocol/session_internal.h"

#include "random_numbers.h"

static parley_scenario *random_scenario(double target, int coarse)
{
    char name[32];
    parley_space *s = random_integer_space(target, 11, 16, (double)(1u << 21));
    assert_non_null(s);
    parley_scenario *sc = parley_scenario_new(s);
    for (unsigned p = 0; p < 2; p++) {
        parley_utility *u = random_additive_utility(s, coarse, 0);
        assert_non_null(u);
        parley_utility_set_reservation(u, 0.3 * uniform());
        snprintf(name, sizeof name, "P%u", p);
        assert_true(parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL) >= 0);
    }
    return sc;
}

static void same_answer(const parley_package_index *x, const parley_package_index *y, double target, size_t issues)
{
    uint32_t a[16], b[16];
    double ua = pindex_at_least(x, target, a), ub = pindex_at_least(y, target, b);
    assert_memory_equal(&ua, &ub, sizeof ua);
    assert_memory_equal(a, b, issues * sizeof *a);
}

static void compare_indexes(double target, int coarse, int rounds)
{
    for (int r = 0; r < rounds; r++) {
        parley_scenario *sc = random_scenario(target, coarse);
        const parley_space *s = parley_scenario_space(sc);
        size_t issues = parley_space_issue_count(s);
        uint64_t size;
        assert_int_equal(parley_space_size_u64(s, &size), PARLEY_OK);
        parley_package_index *additive = NULL, *sorted = NULL;
        assert_int_equal(parley_package_index_build(sc, 0, 1, &additive, NULL), PARLEY_OK);
        assert_int_equal(pindex_build_sorted(sc, 0, 1, &sorted), PARLEY_OK);
        assert_true(additive->additive);
        assert_false(sorted->additive);
        assert_int_equal(parley_package_index_count(additive), parley_package_index_count(sorted));
        double best = pindex_best(additive), worst = pindex_worst(additive);
        double sorted_best = pindex_best(sorted), sorted_worst = pindex_worst(sorted);
        assert_memory_equal(&best, &sorted_best, sizeof best);
        assert_memory_equal(&worst, &sorted_worst, sizeof worst);
        const parley_utility *u = parley_party_utility(sc, parley_scenario_negotiator(sc, 0));
        uint32_t values[16];
        for (int q = 0; q < 100; q++) {
            double t = worst - 0.05 + (best - worst + 0.1) * uniform();
            same_answer(additive, sorted, t, issues);
            /* a package's own utility, and just around it (ties and the 1e-12 slack) */
            parley_space_decode(s, rnd() % size, values);
            double own = parley_utility_eval(u, values);
            same_answer(additive, sorted, own, issues);
            same_answer(additive, sorted, own + 1e-12, issues);
            same_answer(additive, sorted, own + 2e-12, issues);
        }
        same_answer(additive, sorted, best + 1, issues);
        same_answer(additive, sorted, worst - 1, issues);
        parley_package_index_free(additive);
        parley_package_index_free(sorted);
        parley_scenario_free(sc);
    }
}

static void test_queries(void **state_)
{
    (void)state_;
    compare_indexes(1e4, 0, 6);
    compare_indexes(1e4, 1, 6);
    compare_indexes(3e4, 1, 1);
    compare_indexes(1e5, 0, 1);
}

/* The events of one negotiation, with the indexes given (NULL: each view builds its own). */
static void negotiate(const parley_scenario *sc, const char *a, const char *b, parley_package_index **idx,
                      uint64_t *offers, uint32_t *last, size_t issues)
{
    parley_session_config cfg;
    parley_negotiation *neg = NULL;
    parley_error err;
    parley_session_config_init(&cfg);
    cfg.rounds = 300;
    cfg.seed = 7;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, a, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, b, &err), PARLEY_OK);
    for (size_t k = 0; idx && k < 2; k++)
        assert_int_equal(parley_negotiation_share_index(neg, k, idx[k], &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
    *offers = parley_negotiation_offer_count(neg);
    size_t events = parley_negotiation_event_count(neg);
    memset(last, 0, issues * sizeof *last);
    for (size_t i = 0; i < events; i++) {
        parley_event ev;
        assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
        if (ev.outcome)
            for (size_t j = 0; j < issues; j++)
                last[j] = last[j] * 31 + ev.outcome[j] + (uint32_t)i; /* a digest of every package sent */
    }
    parley_negotiation_free(neg);
}

static void test_negotiations(void **state_)
{
    (void)state_;
    /* nash walks its packages by rank: the additive index hands it the sorted one, built once */
    const char *pairs[][2] = {{"boulware", "conceder"}, {"linear", "hardliner"}, {"boulware:e=0.1", "linear"},
                              {"nash", "boulware"}};
    for (int coarse = 0; coarse < 2; coarse++) {
        parley_scenario *sc = random_scenario(1e4, coarse);
        size_t issues = parley_space_issue_count(parley_scenario_space(sc));
        parley_package_index *sorted[2];
        for (size_t k = 0; k < 2; k++)
            assert_int_equal(pindex_build_sorted(sc, k, 1, &sorted[k]), PARLEY_OK);
        for (size_t p = 0; p < 4; p++) {
            uint64_t offers_a, offers_b;
            uint32_t digest_a[16], digest_b[16];
            negotiate(sc, pairs[p][0], pairs[p][1], NULL, &offers_a, digest_a, issues);
            negotiate(sc, pairs[p][0], pairs[p][1], sorted, &offers_b, digest_b, issues);
            assert_true(offers_a > 10);
            assert_int_equal(offers_a, offers_b);
            assert_memory_equal(digest_a, digest_b, issues * sizeof *digest_a);
        }
        parley_package_index_free(sorted[0]);
        parley_package_index_free(sorted[1]);
        parley_scenario_free(sc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_queries),
        cmocka_unit_test(test_negotiations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

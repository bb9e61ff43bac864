/*
 * test_kill15_tournament.c: what elicitation costs a party under preference uncertainty (uncertain.c,
 * tournament_true_utilities), for each choice of uncertain parties.  On the textbook buyer-seller (boulware
 * against conceder both ways, 3 repeats, 30 rounds, a discount), a tournament whose uncertain parties rank 4
 * outcomes and elicit 3 more at 0.02 each plays exactly as one at no cost (the cost is paid after the talks), so
 * run by run: the same agreements and rounds; each uncertain party's utility and discounted utility 0.06 lower,
 * every other party's the same; the welfare (the sum of the parties' utilities) lower by 0.06 per uncertain party;
 * the distances to the Nash point and to the frontier those of the lowered utilities (to the true scenario's
 * Nash point and frontier, from its analysis).  Uncertain parties:
 * bit k of the mask is party k, 0 all of them (the buyer alone: 1; the seller alone: 2; both: 0 and 3).
 *
 * And the count of assignments where it overflows: 256 agents with self-play give 256^k assignments of a k-party
 * scenario; 256^8 = 2^64 wraps to 0 in 64 bits, so the count must saturate (and the tournament be refused as more
 * than 10 million negotiations), not read as "too few agents"; 256^3 = 16,777,216 is refused the same way, 256^2 =
 * 65,536 accepted.
 *
 * And the replicator dynamics where they have not settled: docs/agents.md promises 20,000 Euler steps of 0.05 from
 * the uniform mixture, x_a += 0.05 x_a (f_a - x.f) (a share below 0 set to 0), the shares renormalised.  With a
 * payoff advantage of 2e-4 (boulware 0.5002 against conceder, every other payoff 0.5, the self-payoffs given), the
 * dynamics move slowly and stop far from the pure equilibrium; the shares must be the ones those steps give,
 * computed here, to 1e-12 (another step size or count moves them by more than 1e-6).
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

#include "textbook_fixture.h"

static parley_tournament *priced(uint64_t parties, double cost)
{
    static const char *const agents[] = {"boulware", "conceder"};
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = 2;
    cfg.repeats = 3;
    cfg.threads = 1;
    cfg.session.rounds = 30;
    cfg.uncertain_bids = 4;
    cfg.uncertain_elicit = 3;
    cfg.uncertain_cost = cost;
    cfg.uncertain_parties = parties;
    return textbook_tournament(&cfg);
}

static void costs_of(uint64_t mask, const int uncertain[2])
{
    parley_tournament *paid = priced(mask, 0.02), *free_ = priced(mask, 0);
    parley_analysis *truth = NULL;
    parley_error err;
    assert_int_equal(parley_analyze(sc, NULL, &truth, &err), PARLEY_OK);
    const double *nash;
    assert_int_equal(parley_analysis_solution(truth, PARLEY_SOLUTION_NASH, NULL, &nash, NULL), PARLEY_OK);
    size_t runs = parley_tournament_run_count(paid);
    assert_int_equal(runs, 2 * 3);
    assert_int_equal(parley_tournament_run_count(free_), runs);
    for (size_t i = 0; i < runs; i++) {
        const parley_tournament_run *a = parley_tournament_result(paid, i), *b = parley_tournament_result(free_, i);
        assert_int_equal(a->parties, 2);
        assert_int_equal(a->agreed, b->agreed);
        assert_int_equal(a->rounds, b->rounds);
        double cost[2];
        for (size_t k = 0; k < 2; k++) {
            cost[k] = uncertain[k] ? 0.06 : 0;
            assert_float_equal(a->utility[k], b->utility[k] - cost[k], 1e-12);
            assert_float_equal(a->discounted[k], b->discounted[k] - cost[k], 1e-12);
        }
        assert_float_equal(a->welfare, b->welfare - cost[0] - cost[1], 1e-12);
        /* the distances are those of the lowered utilities, to the true scenario's Nash point and frontier */
        double dn = hypot(a->utility[0] - nash[0], a->utility[1] - nash[1]), dp = INFINITY;
        for (size_t f = 0; f < parley_analysis_frontier_count(truth); f++) {
            const double *p = parley_analysis_frontier_utilities(truth, f);
            dp = fmin(dp, hypot(a->utility[0] - p[0], a->utility[1] - p[1]));
        }
        assert_float_equal(a->nash_distance, dn, 1e-12);
        assert_float_equal(a->pareto_distance, dp, 1e-12);
    }
    parley_analysis_free(truth);
    parley_tournament_free(paid);
    parley_tournament_free(free_);
}

static void test_costs_by_uncertain_party(void **state)
{
    (void)state;
    static const int buyer[2] = {1, 0}, seller[2] = {0, 1}, both[2] = {1, 1};
    costs_of(1, buyer);
    costs_of(2, seller);
    costs_of(0, both);
    costs_of(3, both);
}

/* A scenario of `parties` parties over one issue of two values (their preferences do not matter here). */
static parley_scenario *parties_of(size_t parties)
{
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof text,
                                  "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 1}], "
                                  "\"parties\": [");
    for (size_t k = 0; k < parties; k++)
        len += (size_t)snprintf(text + len, sizeof text - len,
                                "%s{\"name\": \"P%zu\", \"preferences\": {\"x\": {\"weight\": 1, \"function\": "
                                "{\"type\": \"linear\", \"at_min\": %zu, \"at_max\": %zu}}}}",
                                k ? ", " : "", k, k % 2, 1 - k % 2);
    snprintf(text + len, sizeof text - len, "]}");
    parley_scenario *s = NULL;
    parley_error err;
    if (parley_scenario_parse(text, strlen(text), "parties.json", &s, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return s;
}

static void test_assignments_saturate(void **state)
{
    (void)state;
    static const char *specs[256];
    for (size_t a = 0; a < 256; a++)
        specs[a] = "boulware";
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = specs;
    cfg.agent_count = 256;
    cfg.self_play = 1;
    static const struct {
        size_t parties;
        int rc;
        size_t runs;
    } cases[] = {{8, PARLEY_ERANGE, 0}, {3, PARLEY_ERANGE, 0}, {2, PARLEY_OK, 65536}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        parley_scenario *s = parties_of(cases[k].parties);
        const parley_scenario *list[1] = {s};
        size_t runs = 0;
        parley_error err;
        parley_error_clear(&err);
        assert_int_equal(parley_tournament_count_runs(list, 1, &cfg, &runs, &err), cases[k].rc);
        if (cases[k].rc == PARLEY_OK)
            assert_int_equal(runs, cases[k].runs);
        else
            assert_string_equal(err.message, "more than 10 million negotiations: reduce agents or repeats");
        parley_scenario_free(s);
    }
}

static void test_replicator_steps(void **state)
{
    (void)state;
    static const char *const agents[] = {"boulware", "conceder"};
    parley_tournament_config cfg;
    laid_out_config(&cfg, agents, 2);
    parley_tournament *t = textbook_tournament(&cfg);
    parley_error err;
    for (size_t i = 0; i < parley_tournament_run_count(t); i++) {
        parley_tournament_run run = *parley_tournament_result(t, i);
        double u[2];
        for (size_t k = 0; k < 2; k++)
            u[k] = run.agents[k] == 0 ? 0.5002 : 0.5;
        run.agreed = 1;
        run.rounds = 5;
        run.utility = run.discounted = u;
        run.pareto_distance = run.nash_distance = 0;
        run.welfare = u[0] + u[1];
        if (parley_tournament_set_result(t, i, &run, &err) != PARLEY_OK)
            fail_msg("%s", err.message);
    }
    static const double self[2] = {0.5, 0.5};
    parley_stats_options o = {.bootstrap = 10, .seed = 1, .self_payoff = self};
    parley_tournament_stats *st = NULL;
    assert_int_equal(parley_tournament_stats_compute(t, &o, &st, &err), PARLEY_OK);
    const double m[2][2] = {{0.5, 0.5002}, {0.5, 0.5}};
    for (size_t a = 0; a < 2; a++)
        for (size_t b2 = 0; b2 < 2; b2++)
            assert_float_equal(parley_tournament_stats_payoff(st, a, b2), m[a][b2], 1e-15);
    double x[2] = {0.5, 0.5};
    for (int step = 0; step < 20000; step++) {
        double f[2], avg = 0, total = 0;
        for (size_t a = 0; a < 2; a++) {
            f[a] = m[a][0] * x[0] + m[a][1] * x[1];
            avg += x[a] * f[a];
        }
        for (size_t a = 0; a < 2; a++) {
            x[a] += 0.05 * x[a] * (f[a] - avg);
            x[a] = x[a] < 0 ? 0 : x[a];
            total += x[a];
        }
        for (size_t a = 0; a < 2; a++)
            x[a] /= total;
    }
    assert_true(x[0] > 0.51 && x[0] < 0.9); /* moved, far from settled */
    for (size_t a = 0; a < 2; a++)
        assert_float_equal(parley_tournament_stats_replicator(st, a), x[a], 1e-12);
    parley_tournament_stats_free(st);
    parley_tournament_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_costs_by_uncertain_party),
        cmocka_unit_test(test_assignments_saturate),
        cmocka_unit_test(test_replicator_steps),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

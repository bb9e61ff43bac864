/*
 * test_stats.c: tournament statistics checked against values the test
 * computes itself from the runs of a played tournament: means, cells, payoffs
 * of the meta-game, Welch p-values on cell means (Student's t integrated
 * numerically here), bootstrap intervals around the mean, the same numbers on
 * 1 and 2 threads, and model accuracy per agent rising over the negotiation.
 * (test_stats_cells.c checks exact values on made-up results.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

#include "anac_scenario.h"

#include "textbook_fixture.h"

static parley_tournament *play(unsigned threads, const char *model)
{
    static const char *const agents[] = {"boulware", "conceder", "hardliner", "micro"};
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = 4;
    cfg.repeats = 5;
    cfg.session.rounds = 60;
    cfg.threads = threads;
    cfg.model = model;
    parley_tournament *t = textbook_tournament(&cfg);
    return t;
}

/* P(|T| >= t) for Student's t with df degrees of freedom, by Simpson's rule on the density over [0, t]. */
static double student_two_sided(double t, double df)
{
    double c = exp(lgamma((df + 1) / 2) - lgamma(df / 2)) / sqrt(df * M_PI), area = 0;
    int steps = 20000;
    double h = fabs(t) / steps;
    for (int i = 0; i <= steps; i++) {
        double x = i * h, w = i == 0 || i == steps ? 1 : (i % 2 ? 4 : 2);
        area += w * c * pow(1 + x * x / df, -(df + 1) / 2);
    }
    return 1 - 2 * area * h / 3;
}

static void means_payoffs_and_p_values(void **state)
{
    (void)state;
    parley_tournament *t = play(2, NULL);
    parley_tournament_stats *s = NULL;
    parley_stats_options options = {2000, 42, NULL};
    assert_int_equal(parley_tournament_stats_compute(t, &options, &s, NULL), PARLEY_OK);
    size_t n = parley_tournament_agent_count(t);
    assert_int_equal(parley_tournament_stats_agent_count(s), n);
    /* one scenario, no self-play: a cell is an ordered pair (x, y) with its 5 repeats */
    double sum[4] = {0}, cnt[4] = {0}, pay[4][4] = {{0}}, meet[4][4] = {{0}}, cell[4][4][2] = {{{0}}};
    for (size_t i = 0; i < parley_tournament_run_count(t); i++) {
        const parley_tournament_run *r = parley_tournament_result(t, i);
        for (size_t k = 0; k < 2; k++) {
            size_t a = r->agents[k], b = r->agents[1 - k];
            sum[a] += r->discounted[k];
            cnt[a]++;
            pay[a][b] += r->discounted[k];
            meet[a][b]++;
            cell[r->agents[0]][r->agents[1]][k] += r->discounted[k] / 5;
        }
    }
    double cmean[4] = {0}, cvar[4] = {0};
    for (size_t a = 0; a < n; a++) { /* each agent's 6 cell means: 3 opening, 3 answering */
        for (size_t b = 0; b < n; b++)
            if (b != a)
                cmean[a] += (cell[a][b][0] + cell[b][a][1]) / 6;
        for (size_t b = 0; b < n; b++)
            if (b != a)
                cvar[a] += (pow(cell[a][b][0] - cmean[a], 2) + pow(cell[b][a][1] - cmean[a], 2)) / 5;
    }
    double last = INFINITY;
    for (size_t rank = 0; rank < n; rank++) {
        const parley_agent_stats *g = parley_tournament_stats_agent(s, rank);
        size_t a = g->agent;
        double mean = sum[a] / cnt[a];
        assert_true(g->mean <= last); /* ranked */
        last = g->mean;
        assert_float_equal(g->mean, mean, 1e-12);
        assert_float_equal(cmean[a], mean, 1e-12); /* equal repeats: the mean of cell means is the mean */
        assert_int_equal(g->played, (uint64_t)cnt[a]);
        assert_int_equal(g->cells, 6);
        if (cvar[a] > 0)
            assert_true(g->ci_low <= mean && mean <= g->ci_high);
        assert_true(isnan(g->model_pearson)); /* no model asked for */
        for (size_t b = 0; b < n; b++)
            if (b != a)
                assert_float_equal(parley_tournament_stats_payoff(s, a, b), pay[a][b] / meet[a][b], 1e-12);
        assert_true(isnan(parley_tournament_stats_payoff(s, a, a))); /* no self-play */
        assert_true(isnan(parley_tournament_stats_replicator(s, a))); /* ... so no replicator dynamics */
    }
    /* Welch on cell means: boulware (0) against hardliner (2), by hand */
    double e0 = cvar[0] / 6, e2 = cvar[2] / 6;
    double tstat = (cmean[0] - cmean[2]) / sqrt(e0 + e2), df = pow(e0 + e2, 2) / (e0 * e0 / 5 + e2 * e2 / 5);
    assert_float_equal(parley_tournament_stats_p_value(s, 0, 2), student_two_sided(tstat, df), 1e-8);
    parley_tournament_stats_free(s);
    parley_tournament_free(t);
}

static void same_on_any_number_of_threads(void **state)
{
    (void)state;
    parley_tournament *t1 = play(1, "frequency"), *t2 = play(2, "frequency");
    parley_tournament_stats *s1 = NULL, *s2 = NULL;
    parley_stats_options options = {500, 7, NULL};
    assert_int_equal(parley_tournament_stats_compute(t1, &options, &s1, NULL), PARLEY_OK);
    assert_int_equal(parley_tournament_stats_compute(t2, &options, &s2, NULL), PARLEY_OK);
    for (size_t r = 0; r < parley_tournament_stats_agent_count(s1); r++) {
        const parley_agent_stats *a = parley_tournament_stats_agent(s1, r), *b = parley_tournament_stats_agent(s2, r);
        assert_int_equal(a->agent, b->agent);
        assert_true(a->mean == b->mean && a->ci_low == b->ci_low && a->ci_high == b->ci_high);
        assert_true(a->model_pearson == b->model_pearson || (isnan(a->model_pearson) && isnan(b->model_pearson)));
        assert_true(parley_tournament_stats_p_value(s1, a->agent, 0) == parley_tournament_stats_p_value(s2, b->agent, 0) ||
                    a->agent == 0);
    }
    /* the hardliner repeats one package: a frequency model learns only that package is best for it; the
       model of a conceder, who walks down its ranking, is measured too */
    for (size_t r = 0; r < parley_tournament_stats_agent_count(s1); r++) {
        const parley_agent_stats *a = parley_tournament_stats_agent(s1, r);
        assert_false(isnan(a->model_rmse));
        assert_true(a->model_rmse >= 0 && a->model_rmse <= 1);
    }
    parley_tournament_stats_free(s1);
    parley_tournament_stats_free(s2);
    parley_tournament_free(t1);
    parley_tournament_free(t2);
}

/* On ANAC domains, a frequency model of a Boulware agent knows it better at the end than after a quarter of its
   offers, averaged over a tournament; the last quarter is the end-of-run figure.  (Not the Bayesian model: like
   GENIUS's scalable Bayesian model it breaks down after about 330 different bids, docs/agents.md.) */
static void model_accuracy_rises_in_tournaments(void **state)
{
    (void)state;
    static const parley_scenario *list[2];
    parley_scenario *energy = anac("Energy"), *camera = anac("Camera");
    list[0] = energy;
    list[1] = camera;
    static const char *const agents[] = {"boulware", "hardliner", "conceder"};
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = 3;
    cfg.session.rounds = 1000;
    cfg.model = "frequency";
    cfg.model_samples = 500;
    parley_tournament *t = NULL;
    parley_error err;
    assert_int_equal(parley_tournament_run_all(list, 2, &cfg, &t, &err), PARLEY_OK);
    parley_tournament_stats *s = NULL;
    assert_int_equal(parley_tournament_stats_compute(t, NULL, &s, &err), PARLEY_OK);
    double q1 = parley_tournament_stats_model_over_time(s, 0, 0), end = parley_tournament_stats_model_over_time(s, 0, 3);
    print_message("frequency model of boulware: pearson %.3f after 1/4 of its offers, %.3f at the end\n", q1, end);
    assert_true(end > q1 + 0.05);
    for (size_t a = 0; a < 3; a++) {
        const parley_agent_stats *g = NULL;
        for (size_t r = 0; r < 3; r++)
            if (parley_tournament_stats_agent(s, r)->agent == a)
                g = parley_tournament_stats_agent(s, r);
        assert_float_equal(parley_tournament_stats_model_over_time(s, a, 3), g->model_pearson, 1e-12);
    }
    parley_tournament_stats_free(s);
    parley_tournament_free(t);
    parley_scenario_free(energy);
    parley_scenario_free(camera);
}

static void outputs(void **state)
{
    (void)state;
    parley_tournament *t = play(2, NULL);
    parley_tournament_stats *s = NULL;
    assert_int_equal(parley_tournament_stats_compute(t, NULL, &s, NULL), PARLEY_OK);
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_int_equal(parley_tournament_stats_write_json(s, t, f, NULL), PARLEY_OK);
    fclose(f);
    assert_non_null(strstr(buf, "\"ci95\": ["));
    assert_non_null(strstr(buf, "\"replicator\""));
    free(buf);
    f = open_memstream(&buf, &size);
    assert_int_equal(parley_tournament_stats_write_csv(s, t, f, NULL), PARLEY_OK);
    fclose(f);
    size_t lines = 0;
    for (char *p = buf; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 5); /* header + 4 agents */
    free(buf);
    parley_tournament_stats_free(s);
    parley_tournament_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(means_payoffs_and_p_values),
        cmocka_unit_test(same_on_any_number_of_threads),
        cmocka_unit_test(model_accuracy_rises_in_tournaments),
        cmocka_unit_test(outputs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

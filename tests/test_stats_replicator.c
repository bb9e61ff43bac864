/*
 * test_stats_replicator.c: the direction of the replicator dynamics of the tournament meta-game, through the
 * public API only.  In the textbook buyer-seller tournament of boulware, conceder, hardliner and micro, the
 * hardliner never concedes and earns 0.2 (its reservation) against everyone, less than any other agent earns
 * against anyone (checked here from the meta-game's payoffs); with the self-play payoffs on the diagonal,
 * boulware weakly dominates every other agent.  Replicator dynamics grow the share of an agent that does better
 * than the mixture and shrink the share of one that does worse: from the uniform mixture (1/4 each) the
 * hardliner must die out and boulware take (nearly) the whole population.  (Dynamics run backwards would give the hardliner the whole population; the shares would
 * still sum to 1.)  Each agent's agreement count, agreement rate and mean welfare are counted from the runs,
 * and the text report's table of p-values is rebuilt from the API's p-values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <stdio.h>
#include <string.h>

enum { BOULWARE, CONCEDER, HARDLINER, MICRO, AGENTS };

static void replicator_grows_the_fit_and_shrinks_the_unfit(void **state)
{
    (void)state;
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json", &sc, &err),
                     PARLEY_OK);
    static const char *const agents[AGENTS] = {"boulware", "conceder", "hardliner", "micro"};
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = AGENTS;
    cfg.repeats = 5;
    cfg.session.rounds = 60;
    cfg.threads = 1;
    const parley_scenario *list[1] = {sc};
    parley_tournament *t = NULL;
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_OK);
    parley_tournament_stats *s = NULL;
    /* the meta-game's diagonal from real self-play games (the statistics refuse the dynamics without it) */
    double self_payoff[AGENTS];
    assert_int_equal(parley_tournament_self_play_payoffs(list, 1, &cfg, self_payoff, &err), PARLEY_OK);
    parley_stats_options options = {200, 1, self_payoff};
    assert_int_equal(parley_tournament_stats_compute(t, &options, &s, &err), PARLEY_OK);

    /* The premise, from the payoffs: the hardliner's payoff against anyone is below every payoff of the others
       against anyone but the hardliner; boulware and conceder do at least as well as micro against anyone. */
    double hard_best = -INFINITY, others_worst = INFINITY;
    for (size_t b = 0; b < AGENTS; b++)
        if (b != HARDLINER)
            hard_best = fmax(hard_best, parley_tournament_stats_payoff(s, HARDLINER, b));
    for (size_t a = 0; a < AGENTS; a++)
        for (size_t b = 0; b < AGENTS; b++)
            if (a != HARDLINER && b != HARDLINER && a != b)
                others_worst = fmin(others_worst, parley_tournament_stats_payoff(s, a, b));
    assert_true(hard_best < others_worst);
    assert_float_equal(hard_best, 0.2, 1e-9);

    /* Each agent's agreements and agreement rate, counted here from the runs; welfare the mean of run welfare. */
    double played[AGENTS] = {0}, agreed[AGENTS] = {0}, welfare[AGENTS] = {0};
    for (size_t i = 0; i < parley_tournament_run_count(t); i++) {
        const parley_tournament_run *r = parley_tournament_result(t, i);
        for (size_t k = 0; k < r->parties; k++) {
            played[r->agents[k]]++;
            agreed[r->agents[k]] += r->agreed != 0;
            welfare[r->agents[k]] += r->welfare;
        }
    }
    assert_true(agreed[HARDLINER] < played[HARDLINER] && agreed[BOULWARE] > 0); /* rates neither 0 nor 1 all */
    for (size_t rank = 0; rank < AGENTS; rank++) {
        const parley_agent_stats *g = parley_tournament_stats_agent(s, rank);
        assert_int_equal(g->played, (uint64_t)played[g->agent]);
        assert_int_equal(g->agreements, (uint64_t)agreed[g->agent]);
        assert_float_equal(g->agreement_rate, agreed[g->agent] / played[g->agent], 1e-12);
        assert_float_equal(g->welfare, welfare[g->agent] / played[g->agent], 1e-12);
    }

    double sum = 0;
    for (size_t a = 0; a < AGENTS; a++)
        sum += parley_tournament_stats_replicator(s, a);
    assert_float_equal(sum, 1.0, 1e-9);
    /* With the real self-play diagonal, boulware weakly dominates: against every opponent it does at least as
       well as any other agent, strictly better against some (checked here on the payoffs), so from the uniform
       mixture its share grows to (nearly) all and the others' shrink; the hardliner dies out first. */
    for (size_t a = 0; a < AGENTS; a++) {
        int strictly = 0;
        for (size_t b = 0; b < AGENTS; b++) {
            assert_true(parley_tournament_stats_payoff(s, BOULWARE, b) >= parley_tournament_stats_payoff(s, a, b) - 1e-12);
            strictly |= parley_tournament_stats_payoff(s, BOULWARE, b) > parley_tournament_stats_payoff(s, a, b) + 1e-9;
        }
        assert_true(a == BOULWARE || strictly);
    }
    assert_true(parley_tournament_stats_replicator(s, BOULWARE) > 0.99);  /* grew from 1/4 */
    assert_true(parley_tournament_stats_replicator(s, HARDLINER) < 0.01); /* died out */
    assert_true(parley_tournament_stats_replicator(s, CONCEDER) < 0.25);  /* shrank */
    assert_true(parley_tournament_stats_replicator(s, MICRO) < 0.25);

    /* The text report's significance table: a dash on the diagonal, each other cell the pair's p-value to four
       places, starred below 0.05; rows and columns in rank order. */
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(parley_tournament_stats_write_text(s, t, f, &err), PARLEY_OK);
    rewind(f);
    char line[512];
    int in_table = 0;
    size_t row = 0;
    while (fgets(line, sizeof line, f) && row < AGENTS) {
        if (strstr(line, "Welch's t-test")) {
            in_table = 1;
            assert_non_null(fgets(line, sizeof line, f)); /* the column numbers */
            continue;
        }
        if (!in_table)
            continue;
        const parley_agent_stats *g = parley_tournament_stats_agent(s, row);
        char want[512];
        int at = snprintf(want, sizeof want, "%2zu %-25.25s", row + 1, agents[g->agent]);
        for (size_t col = 0; col < AGENTS; col++) {
            const parley_agent_stats *h = parley_tournament_stats_agent(s, col);
            double p = parley_tournament_stats_p_value(s, g->agent, h->agent);
            at += col == row ? snprintf(want + at, sizeof want - (size_t)at, " %9s", "-")
                             : snprintf(want + at, sizeof want - (size_t)at, " %8.4f%c", p, p < 0.05 ? '*' : ' ');
        }
        snprintf(want + at, sizeof want - (size_t)at, "\n");
        assert_string_equal(line, want);
        row++;
    }
    assert_int_equal(row, AGENTS);
    fclose(f);

    parley_tournament_stats_free(s);
    parley_tournament_free(t);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(replicator_grows_the_fit_and_shrinks_the_unfit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

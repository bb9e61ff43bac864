/*
 * made_up_tournament.h: a tournament on the textbook scenario whose run results the test sets itself (nothing is
 * played), for the tests of the tournament statistics (test_stats_cells, test_kill16_etc_stats): every run agreed
 * in 5 rounds, each party's utility (and discounted utility) from a function of the agents and the repeat, the
 * welfare their sum.  Header-only (include after <cmocka.h> and textbook_fixture.h).
 */
#ifndef PARLEY_TESTS_MADE_UP_TOURNAMENT_H
#define PARLEY_TESTS_MADE_UP_TOURNAMENT_H

#include <parley/parley.h>

#define MADE_UP_MAX_AGENTS 8

/* The utilities of (first party, second party) in repeat `repeat` of the cell where agent x meets agent y. */
typedef void (*cell_values)(size_t x, size_t y, unsigned repeat, double *u);

/* A tournament of `count` (at most MADE_UP_MAX_AGENTS) agents on the textbook scenario whose run results are set
   from `values`. */
static inline parley_tournament *made_up(const char *const *agents, size_t count, int self_play, unsigned repeats,
                                         cell_values values)
{
    assert_true(count <= MADE_UP_MAX_AGENTS);
    parley_tournament_config cfg;
    laid_out_config(&cfg, agents, count);
    cfg.self_play = self_play;
    cfg.repeats = repeats;
    parley_tournament *t = textbook_tournament(&cfg);
    parley_error err;
    unsigned seen[MADE_UP_MAX_AGENTS][MADE_UP_MAX_AGENTS] = {{0}};
    for (size_t i = 0; i < parley_tournament_run_count(t); i++) {
        parley_tournament_run run = *parley_tournament_result(t, i);
        size_t x = run.agents[0], y = run.agents[1];
        double u[2];
        values(x, y, seen[x][y]++, u);
        run.agreed = 1;
        run.rounds = 5;
        run.utility = run.discounted = u;
        run.welfare = u[0] + u[1];
        if (parley_tournament_set_result(t, i, &run, &err) != PARLEY_OK)
            fail_msg("%s", err.message);
    }
    return t;
}

#endif

/*
 * stats_self_play.c: the meta-game's diagonal for a tournament played without
 * self-play: each agent against itself on every scenario, as a one-agent
 * tournament with self-play (same rounds, repeats and seed), its mean
 * discounted utility being its payoff against itself.
 */
#include <parley/stats.h>

#include <math.h>

int parley_tournament_self_play_payoffs(const parley_scenario *const *scenarios, size_t count,
                                        const parley_tournament_config *cfg, double *out, parley_error *err)
{
    for (size_t a = 0; a < cfg->agent_count; a++) {
        parley_tournament_config one = *cfg;
        one.agents = &cfg->agents[a];
        one.agent_vtables = cfg->agent_vtables ? &cfg->agent_vtables[a] : NULL;
        one.agent_count = 1;
        one.self_play = 1;
        one.claim = NULL;
        one.done = NULL;
        one.user = NULL;
        one.progress = NULL;
        one.progress_user = NULL;
        one.model = NULL;
        parley_tournament *t = NULL;
        int rc = parley_tournament_run_all(scenarios, count, &one, &t, err);
        if (rc != PARLEY_OK)
            return rc;
        parley_tournament_score score;
        parley_tournament_agent_score(t, 0, &score);
        out[a] = score.played ? score.mean_utility : NAN;
        parley_tournament_free(t);
    }
    return PARLEY_OK;
}

/*
 * parley/stats.h: statistics over negotiations and tournaments.
 *
 *   - Opponent-model accuracy over a negotiation: the offers one party made,
 *     replayed into a fresh opponent model, measured against that party's
 *     true utility at evenly spaced points of its offer sequence.
 *   - Tournament statistics: per agent the mean utility with a bootstrap 95%
 *     confidence interval, agreement rate, distances to Pareto and Nash,
 *     welfare, model accuracy; pairwise significance of the differences of
 *     means (Welch's t-test); and the empirical meta-game (mean payoff of each
 *     agent against each other) with its replicator dynamics.  Deterministic
 *     for a seed, whatever the number of threads.
 *
 *     The unit of the interval and of the test is the cell: a scenario and an
 *     assignment of agents to its parties, with all its repeats (repeats of a
 *     deterministic pairing are identical and are not independent evidence).
 *     The bootstrap resamples an agent's cells, each with all its negotiations;
 *     Welch's test compares the means of the agents' cell means.
 */
#ifndef PARLEY_STATS_H
#define PARLEY_STATS_H

#include <parley/agent.h>
#include <parley/protocol.h>
#include <parley/tournament.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Replays the offers negotiating party k made in a finished negotiation `neg`
 * over `sc` into a fresh opponent model `model` ("frequency", "smith",
 * "bayes") and measures it (parley_opponent_model_accuracy with `samples`
 * outcomes) after each of `points` evenly spaced prefixes of those offers
 * (the last one after every offer).  out[i] and times[i] (relative time of the
 * last offer in the prefix; may be NULL) are filled for i < the returned count
 * (0 when k made no offer).  Negative code on error.
 */
long parley_negotiation_model_accuracy(const parley_negotiation *neg, const parley_scenario *sc, size_t k,
                                       const char *model, size_t samples, size_t points,
                                       parley_model_accuracy *out, double *times, parley_error *err);

/*
 * Writes that series for every party as JSON Lines to append to a trace:
 * {"kind":"model_accuracy","party":k,"model":...,"time":t,"pearson":...,"rmse":...,"kendall":...,"samples":n},
 * `points` lines per party (0 = 10), over 1000 sampled outcomes.
 */
int parley_negotiation_write_model_accuracy(const parley_negotiation *neg, const parley_scenario *sc,
                                            const char *model, size_t points, FILE *out, parley_error *err);

typedef struct parley_stats_options {
    unsigned bootstrap;  /* bootstrap resamples (0 = 1000) */
    uint64_t seed;       /* seeds the resampling */
    /* Optional [agents]: each agent's mean utility against itself, for the meta-game when the tournament was
       played without self-play (parley_tournament_self_play_payoffs); NaN or NULL: missing.  A tournament with
       self-play supplies its own. */
    const double *self_payoff;
} parley_stats_options;

typedef struct parley_agent_stats {
    size_t agent;                  /* index in the tournament's agents */
    uint64_t played, agreements;
    uint64_t cells;                /* (scenario, assignment) cells it played in, repeats together */
    double mean, ci_low, ci_high;  /* mean discounted utility and its cell-bootstrap 95% interval */
    double agreement_rate, pareto_distance, nash_distance, welfare; /* means (NaN when none) */
    double model_pearson, model_rmse, model_kendall; /* mean accuracy of a model of this agent (NaN: not measured) */
} parley_agent_stats;

typedef struct parley_tournament_stats parley_tournament_stats;

/* Computes everything from a finished tournament.  *out: parley_tournament_stats_free. */
int parley_tournament_stats_compute(const parley_tournament *t, const parley_stats_options *options,
                                    parley_tournament_stats **out, parley_error *err);
void parley_tournament_stats_free(parley_tournament_stats *s);
size_t parley_tournament_stats_agent_count(const parley_tournament_stats *s);
/* Agents ranked by mean utility, best first. */
const parley_agent_stats *parley_tournament_stats_agent(const parley_tournament_stats *s, size_t rank);
/* Two-sided p-value of Welch's t-test that agents a and b (tournament indexes) differ: the samples are the
   agents' cell means, the t statistic is referred to Student's t at the Welch-Satterthwaite degrees of freedom
   (NaN when either has fewer than 2 cells). */
double parley_tournament_stats_p_value(const parley_tournament_stats *s, size_t a, size_t b);
/* Meta-game: mean utility of agent a in negotiations where b is among the others (NaN when they never met). */
double parley_tournament_stats_payoff(const parley_tournament_stats *s, size_t a, size_t b);
/* Mean Pearson accuracy of the model of agent a after quarter q (0..3) of its offers (NaN: not measured). */
double parley_tournament_stats_model_over_time(const parley_tournament_stats *s, size_t a, size_t quarter);
/* Share of agent a in the mixture the replicator dynamics reach from the uniform mixture; NaN when the meta-game
   misses a payoff (see below). */
double parley_tournament_stats_replicator(const parley_tournament_stats *s, size_t a);
/* 1 when the replicator dynamics were not computed because agent *a never met agent *b (*a == *b: no self-play
   and no options.self_payoff), 0 when every payoff is known.  a, b may be NULL. */
int parley_tournament_stats_replicator_missing(const parley_tournament_stats *s, size_t *a, size_t *b);
/*
 * Plays each agent of cfg against itself (self-play, every party the same agent) on every scenario, with cfg's
 * rounds, repeats and seed, and writes its mean discounted utility to out[agent]: the meta-game's diagonal for
 * a tournament played without self-play.  cfg's distribution hooks (claim, done, progress) are not used.
 */
int parley_tournament_self_play_payoffs(const parley_scenario *const *scenarios, size_t count,
                                        const parley_tournament_config *cfg, double *out, parley_error *err);

/* Writes the statistics as text, as JSON (each agent with "ci95": [low, high]) or as CSV (one row per agent). */
int parley_tournament_stats_write_text(const parley_tournament_stats *s, const parley_tournament *t, FILE *out,
                                       parley_error *err);
int parley_tournament_stats_write_json(const parley_tournament_stats *s, const parley_tournament *t, FILE *out,
                                       parley_error *err);
int parley_tournament_stats_write_csv(const parley_tournament_stats *s, const parley_tournament *t, FILE *out,
                                      parley_error *err);
/* The tournament's JSON (parley_tournament_write_json) with the statistics under "stats" (as in ..._write_json). */
int parley_tournament_write_json_with_stats(const parley_tournament *t, const parley_tournament_stats *s, FILE *out,
                                            parley_error *err);

#ifdef __cplusplus
}
#endif
#endif

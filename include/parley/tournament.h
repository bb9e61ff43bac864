/*
 * parley/tournament.h: many negotiations at once.
 *
 * A tournament plays every ordered assignment of the given agents to the
 * negotiating parties of every scenario (each agent once per negotiation
 * unless self-play is allowed), `repeats` times with different seeds, on a
 * pool of threads, and scores every run against the scenario's analysis:
 * agreement, rounds, each party's (discounted) utility, the distance of the
 * result to the Pareto frontier and to the Nash point, and total welfare.
 * Deterministic for a given seed whatever the number of threads.
 */
#ifndef PARLEY_TOURNAMENT_H
#define PARLEY_TOURNAMENT_H

#include <parley/progress.h>
#include <parley/protocol.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_tournament_run parley_tournament_run;

typedef struct parley_tournament_config {
    parley_session_config session; /* protocol, deadlines; session.seed is the base seed */
    const char *const *agents;     /* agent specs ("boulware", "conceder:e=2", "path/agent.so"); not copied */
    size_t agent_count;
    unsigned repeats;              /* runs of each assignment (0 = 1) */
    int self_play;                 /* allow the same agent on several sides of one negotiation */
    unsigned threads;              /* 0 = one per core */
    /*
     * Distribution (MPI ranks, checkpoints), all optional.  When `claim` is
     * set the workers take runs from it instead of from a local counter:
     * claim(user, worker, &first, &count) returns 1 with the next batch of run
     * numbers, 0 when there is none left; a worker calls it again only once
     * it has played its previous batch.  `done(user, worker, i, run)` is
     * called after run i is played, on the worker's thread.  Both are called
     * from several threads at once: they serialise themselves.  Runs no worker
     * claimed stay unplayed (agreed = 0, rounds = -1) until
     * parley_tournament_set_result fills them in.
     */
    int (*claim)(void *user, unsigned worker, size_t *first, size_t *count);
    void (*done)(void *user, unsigned worker, size_t i, const parley_tournament_run *run);
    void *user;
    /* Opponent-model accuracy: when set ("frequency", "smith", "bayes"), each party's offers in each run are
       replayed into a fresh model of that kind, measured over model_samples outcomes (0 = 200)
       (parley_negotiation_model_accuracy in parley/stats.h). */
    const char *model;
    size_t model_samples;
    /* Preference uncertainty (parley/uncertainty.h): when uncertain_bids > 0, the negotiating parties whose bit
       is set in uncertain_parties (bit k = party k; 0 = all) negotiate with an estimate (uncertain_estimator)
       from a ranking of uncertain_bids of their outcomes, drawn once per scenario from the seed; results are
       scored with their true utilities.  Elicitation: each such party also has uncertain_elicit more outcomes
       ranked before the talks, and pays uncertain_cost per elicited outcome (subtracted from its utility). */
    size_t uncertain_bids;
    uint64_t uncertain_parties;
    int uncertain_estimator;
    size_t uncertain_elicit;
    double uncertain_cost;
    parley_progress_fn progress;   /* optional: negotiations played so far (parley/progress.h) */
    void *progress_user;
    /* Optional, [agent_count]: a non-NULL entry plays agent a instead of looking its spec's name up among the
       built-ins (agents written in another language, plug-ins the caller loaded); the spec's ":params" are
       passed to its create, and the spec names it in the results.  The vtables' callbacks are called from the
       tournament's threads, and must outlive the tournament. */
    const parley_agent_vtable *const *agent_vtables;
} parley_tournament_config;

void parley_tournament_config_init(parley_tournament_config *cfg);

typedef struct parley_tournament parley_tournament;

/* One negotiation's result (read-only view owned by the tournament). */
struct parley_tournament_run {
    size_t scenario;           /* index into the scenarios given */
    const size_t *agents;      /* [parties] agent index per negotiating party */
    size_t parties;
    uint64_t seed;
    int agreed;
    long rounds;
    const double *utility;     /* [parties] undiscounted utility (reservation when no agreement) */
    const double *discounted;  /* [parties] discounted utility */
    double pareto_distance;    /* euclidean distance of the result to the nearest frontier point */
    double nash_distance;      /* ... to the Nash point (NaN when the scenario has no zone) */
    double welfare;            /* sum of utilities */
    const parley_model_accuracy *model_accuracy; /* [parties] a model of party k at the end, or NULL (no cfg.model) */
    /* [parties * 4] the same model after the first 1/4, 1/2, 3/4 and all of party k's offers (NaN fields when
       it made fewer than 4), or NULL */
    const parley_model_accuracy *model_accuracy_over_time;
};

/*
 * Runs the tournament over `count` scenarios (kept alive by the caller until
 * the tournament is freed).  Fails on the first agent spec or scenario that
 * cannot be used, before anything runs.  *out: parley_tournament_free.
 */
int parley_tournament_run_all(const parley_scenario *const *scenarios, size_t count,
                              const parley_tournament_config *cfg, parley_tournament **out, parley_error *err);
void parley_tournament_free(parley_tournament *t);

size_t parley_tournament_run_count(const parley_tournament *t);
/* The agents as given in the configuration (their specs). */
size_t parley_tournament_agent_count(const parley_tournament *t);
const char *parley_tournament_agent_name(const parley_tournament *t, size_t agent);
const parley_tournament_run *parley_tournament_result(const parley_tournament *t, size_t i);
double parley_tournament_seconds(const parley_tournament *t);
/*
 * Fills in run i with a result played elsewhere (another MPI rank, a
 * checkpoint): agreed, rounds, utilities, distances and welfare are copied;
 * scenario, agents and seed must match run i's (PARLEY_EINVAL otherwise).
 */
int parley_tournament_set_result(parley_tournament *t, size_t i, const parley_tournament_run *run, parley_error *err);
/*
 * The number of runs a tournament of these scenarios and configuration has,
 * without playing them (PARLEY_EINVAL / ERANGE as parley_tournament_run_all).
 */
int parley_tournament_count_runs(const parley_scenario *const *scenarios, size_t count,
                                 const parley_tournament_config *cfg, size_t *runs, parley_error *err);
unsigned parley_tournament_threads(const parley_tournament *t);
/* The scenarios as given (not owned by the tournament); NULL past the end. */
size_t parley_tournament_scenario_count(const parley_tournament *t);
const parley_scenario *parley_tournament_scenario(const parley_tournament *t, size_t s);
/* 1 when scenario s's space is too large to enumerate (parley_analysis_needs_search): its runs' distances to
   the Pareto frontier and the Nash point are then to the best outcomes a search found (parley/approx.h). */
int parley_tournament_scenario_searched(const parley_tournament *t, size_t s);
/*
 * The name a tournament's outputs give scenario s: its title ("scenario N",
 * from 1, without one), with " #K" added when an earlier scenario has the same
 * name.  Written into buf; returns buf.
 */
char *parley_tournament_scenario_name(const parley_tournament *t, size_t s, char *buf, size_t size);

/* Per scenario: negotiations, agreements, mean rounds and welfare over its runs (NaN means when it has none). */
typedef struct parley_tournament_scenario_score {
    uint64_t negotiations, agreements;
    double mean_rounds, mean_welfare;
} parley_tournament_scenario_score;
/* Fills *score and, when not NULL, mean_utility[k] for each negotiating party k of the scenario (undiscounted). */
void parley_tournament_scenario_score_of(const parley_tournament *t, size_t s, parley_tournament_scenario_score *score,
                                         double *mean_utility);

/* Per agent (index into cfg->agents): negotiations played, agreements, mean discounted utility, mean rounds. */
typedef struct parley_tournament_score {
    uint64_t played, agreements;
    double mean_utility, mean_rounds, mean_pareto_distance, mean_welfare;
} parley_tournament_score;
void parley_tournament_agent_score(const parley_tournament *t, size_t agent, parley_tournament_score *score);

/*
 * Writes every run as CSV (header line first): run, scenario (by name), seed,
 * agreed, rounds, distances, welfare, then per party position k from 1 its
 * name, agent, utility and discounted utility (columns party1, agent1,
 * utility1, discounted1, party2, ...; empty past a scenario's parties).  Or the
 * whole tournament as JSON: scores per agent, a table per scenario and every
 * run (docs/tournament.md).
 */
int parley_tournament_write_csv(const parley_tournament *t, FILE *out, parley_error *err);
int parley_tournament_write_json(const parley_tournament *t, FILE *out, parley_error *err);
/*
 * Draws the tournament as SVG: per agent, the spread of its discounted utility
 * (quartile box, median, 5-95% whiskers, mean) and its agreement rate with a
 * 95% Wilson confidence interval; best mean utility first.
 */
int parley_tournament_write_svg(const parley_tournament *t, FILE *out, parley_error *err);

#ifdef __cplusplus
}
#endif
#endif

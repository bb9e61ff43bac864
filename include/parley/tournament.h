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

#include <parley/protocol.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_tournament_config {
    parley_session_config session; /* protocol, deadlines; session.seed is the base seed */
    const char *const *agents;     /* agent specs ("boulware", "conceder:e=2", "path/agent.so"); not copied */
    size_t agent_count;
    unsigned repeats;              /* runs of each assignment (0 = 1) */
    int self_play;                 /* allow the same agent on several sides of one negotiation */
    unsigned threads;              /* 0 = one per core */
} parley_tournament_config;

void parley_tournament_config_init(parley_tournament_config *cfg);

typedef struct parley_tournament parley_tournament;

/* One negotiation's result (read-only view owned by the tournament). */
typedef struct parley_tournament_run {
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
} parley_tournament_run;

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
unsigned parley_tournament_threads(const parley_tournament *t);
/* The scenarios as given (not owned by the tournament); NULL past the end. */
size_t parley_tournament_scenario_count(const parley_tournament *t);
const parley_scenario *parley_tournament_scenario(const parley_tournament *t, size_t s);
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

#ifdef __cplusplus
}
#endif
#endif

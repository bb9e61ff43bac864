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

typedef struct parley_tournament_config {
    parley_session_config session; /* protocol, deadlines; session.seed is the base seed */
    const char *const *agents;     /* agent specs ("boulware", "conceder:e=2", "path/agent.so"); not copied */
    size_t agent_count;
    unsigned repeats;              /* runs of each assignment (0 = 1) */
    int self_play;                 /* allow the same agent on several sides of one negotiation */
    unsigned threads;              /* 0 = one per core */
    parley_progress_fn progress;   /* optional: negotiations played so far (parley/progress.h) */
    void *progress_user;
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

/* Per agent (index into cfg->agents): negotiations played, agreements, mean discounted utility, mean rounds. */
typedef struct parley_tournament_score {
    uint64_t played, agreements;
    double mean_utility, mean_rounds, mean_pareto_distance, mean_welfare;
} parley_tournament_score;
void parley_tournament_agent_score(const parley_tournament *t, size_t agent, parley_tournament_score *score);

/* Writes every run as CSV (header line first), or the whole tournament as JSON. */
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

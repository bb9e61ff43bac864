/*
 * session_internal.h: the negotiation object shared by the session engine, the
 * three protocols, the agent views, the trace and the plot writers.  Not public:
 * agents only ever see `struct parley_agent_view` through parley/agent.h's
 * functions, and the view holds no pointer to the scenario that an agent could
 * reach through the API.
 */
#ifndef PARLEY_PROTOCOL_SESSION_INTERNAL_H
#define PARLEY_PROTOCOL_SESSION_INTERNAL_H

#include <parley/protocol.h>
#include <pthread.h>
#include <time.h>

#include "agents/mediator.h"

#define NO_OUTCOME ((size_t)-1)

/* One recorded event; packages live in the negotiation's value arena (offsets survive growth). */
struct event_rec {
    parley_event_kind kind;
    long round;
    double time;
    long party;
    long to;
    size_t outcome_off; /* NO_OUTCOME when none */
    parley_change *changes; /* owned, NULL when none */
    size_t change_count;
    int vote;
    long session;
    const char *venue;  /* owned by the negotiation (venue list) or static "" */
    char *detail;       /* owned, NULL when none */
    double sender_utility;
};

/* Input of neg_log: what to record. */
struct event_in {
    parley_event_kind kind;
    long party, to;
    const uint32_t *outcome;
    const parley_change *changes;
    size_t change_count;
    int vote;
    const char *detail;
};

struct outcome_entry {
    double u;
    uint64_t id;
};

struct half_point {
    double s;
    uint64_t id;
};

/*
 * A party's feasible packages that keep its red lines, ascending (utility, id)
 * (package_index.c); or, for an additive utility without constraints, the two
 * sorted halves of the space that answer the same queries (package_additive.c).
 */
struct parley_package_index {
    size_t party, issues;
    struct outcome_entry *e;
    size_t n;
    uint32_t *samples; /* sampled spaces: values of sample id at samples[id * issues]; NULL when indexed whole */
    const parley_space *space;
    /* additive: no e[]; n is the number of packages */
    int additive;
    const parley_utility *u;
    size_t split;                       /* issues [0, split) form half A */
    uint64_t na, nb;
    struct half_point *half_a, *half_b; /* ascending partial sums */
    double margin, worst, best;
    uint64_t best_id;
    uint64_t seed;                      /* the build's seed, for the sorted index below */
    pthread_mutex_t lock;               /* additive: guards `sorted`, built on the first rank query */
    _Atomic size_t around_queries;      /* additive: neighbour, level and tie queries of the halves so far */
    _Atomic size_t window_pairs;        /* additive: pairs the windows of level and tie queries held so far */
    _Atomic int halves_off;             /* additive: a query's window was too large; the sorted index answers */
    parley_package_index *sorted;
};
/* Sets up the additive index of a space of `size` packages: 1 done, 0 not applicable, -1 out of memory. */
int pindex_additive_build(parley_package_index *idx, uint64_t size);
/*
 * The additive index's answer to parley_view_outcome_at_least; the answer is
 * the same for every target whose threshold (target - 1e-12) lies in
 * (*valid_from, *valid_to].
 */
double pindex_additive_at_least(const parley_package_index *idx, double target, uint32_t *out, double *valid_from,
                                double *valid_to);
/* The neighbours of a threshold t in the sorted order: the package of highest (utility, number) below t and the
   one of lowest (utility, number) at least t, each with its utility, when there is one. */
struct pindex_neighbours {
    uint32_t *down, *up; /* the caller's buffers of `issues` values each */
    double down_u, up_u;
    int has_down, has_up;
};
/* The additive index's neighbours of t (scratch: `issues` values); 0 when it has no package. */
int pindex_additive_around(const parley_package_index *idx, double t, struct pindex_neighbours *out,
                           uint32_t *scratch);
/* The queries of the view, for either kind of index. */
double pindex_at_least(const parley_package_index *idx, double target, uint32_t *out);
double pindex_best(const parley_package_index *idx);
double pindex_worst(const parley_package_index *idx);
/* Builds the sorted index of every package (or samples), never the additive one (rank queries need it). */
int pindex_build_sorted(const parley_scenario *sc, size_t k, uint64_t seed, parley_package_index **out);
/*
 * The index rank queries can use: idx itself, or for an additive index the
 * sorted one, built once on first use (under the index's lock, so a shared
 * index serves every thread).  NULL when out of memory.
 */
const parley_package_index *pindex_sorted(const parley_package_index *idx, const parley_scenario *sc);
/*
 * Either kind of index's neighbours of the threshold t (no 1e-12 slack); 0 when it has no package.  An additive
 * index answers from its halves, O(sqrt N) a query, until the queries (of every view sharing it) have cost about
 * as much as sorting every package; then from the sorted index, built once (pindex_sorted), O(log N).
 */
int pindex_around(const parley_package_index *idx, const parley_scenario *sc, double t, struct pindex_neighbours *out,
                  uint32_t *scratch);
/*
 * The runs of equal utility in the sorted order next to a value x
 * (parley_view_outcome_levels): the run worth exactly x (count 0 when none:
 * first is where x would go), the run just below x and the one just above it,
 * when there are.
 */
struct pindex_levels {
    parley_outcome_level below, at, above;
    int has_below, has_above;
};
/* Pairs of the halves one query of levels or ties evaluates at most (utilities within a margin of the value,
   runs of equal utility included); beyond, the sorted index is built and answers.  The pairs evaluated count
   in the cost that decides when the sorted index pays (pindex_around), 4 sweep steps each. */
#define PINDEX_WINDOW_MAX 4096u
/* The additive index's levels of x (scratch: `issues` values): 1, or -1 when the window is too large; *pairs: the
   window's size. */
int pindex_additive_levels(const parley_package_index *idx, double x, struct pindex_levels *out, uint64_t *pairs,
                           uint32_t *scratch);
/* The numbers of the packages worth exactly u, ascending, into *ids (malloc'd): their count, -1 when the window
   is too large, -2 when out of memory; *pairs: the window's size. */
long pindex_additive_ties(const parley_package_index *idx, double u, uint64_t **ids, uint64_t *pairs,
                          uint32_t *scratch);
/*
 * Either kind of index's levels of x, compared exactly; from the halves while
 * they pay (as pindex_around), from the sorted index otherwise, and for
 * additive spaces larger than the sorted index holds whole (it samples them,
 * and these queries answer for its list).  0 when the list is empty, -1 when
 * out of memory.
 */
int pindex_levels(const parley_package_index *idx, const parley_scenario *sc, double x, struct pindex_levels *out,
                  uint32_t *scratch);
/* The packages worth exactly u in the list's order: the first max of them into values (`issues` values each;
   scratch: `issues` more); returns how many there are, or -1 when out of memory. */
long pindex_ties(const parley_package_index *idx, const parley_scenario *sc, double u, uint32_t *values, size_t max,
                 uint32_t *scratch);
/* The number of packages of the list those queries (and the view's rank queries) read. */
size_t pindex_ranked_count(const parley_package_index *idx, const parley_scenario *sc);
/* Position of the first entry worth at least target (n when none). */
size_t pindex_rank(const parley_package_index *idx, double target);
/* Entry i's package into out; returns its utility. */
double pindex_get(const parley_package_index *idx, size_t i, uint32_t *out);

/* Runs of equal utility a view remembers (view_levels.c). */
#define VIEW_RUNS 16u

struct parley_agent_view {
    parley_negotiation *neg; /* private: the API never hands it out */
    size_t party;            /* negotiator number */
    size_t scenario_index;
    const parley_utility *utility;
    size_t *visible; /* indices of the events this party may see */
    size_t visible_count, visible_cap;
    uint64_t rng;
    const parley_package_index *idx; /* own acceptable packages, ascending utility (own_idx or shared) */
    parley_package_index *own_idx;
    /* the last answer of an additive index, and the thresholds it holds for (package_additive.c) */
    uint32_t *cached;
    double cached_u, cached_from, cached_to;
    /* the last neighbours (parley_view_outcome_around), valid for thresholds in (down_u, up_u]; packages in
       near_values, 2 * issues */
    struct pindex_neighbours near;
    uint32_t *near_values;
    int near_valid;
    int index_tried;
    /* the lazy index (or the sorted one behind an additive index) could not be built: the agent then saw no
       packages, so session.c fails the call that used it with PARLEY_ENOMEM instead of letting it decide blind */
    int index_failed;
    /* runs of equal utility found by parley_view_outcome_levels: adjacent in the list, ascending (view_levels.c) */
    parley_outcome_level runs[VIEW_RUNS];
    size_t run_count;
};

struct agent_slot {
    const parley_agent_vtable *vt;
    void *state;
    char name[128];
    struct parley_agent_view view;
};

struct parley_negotiation {
    const parley_scenario *sc;
    const parley_space *space;
    size_t issues, n;
    parley_session_config cfg;
    char **venues;
    size_t venue_count;
    char **auto_venues; /* "venue 1", ... when no venues were given (shuttle) */
    size_t auto_venue_count;
    char mediator_name[256];
    struct agent_slot *agents;
    size_t agent_count;
    struct event_rec *events;
    size_t event_count, event_cap;
    uint32_t *values;
    size_t values_count, values_cap;
    FILE *trace;
    int trace_failed;
    /* the clock and the table */
    struct timespec started;
    long round;
    long session;
    const char *venue;
    double t, t_next, temperature;
    uint32_t *standing;
    long standing_party; /* -1 none */
    uint32_t *text;
    int has_text;
    uint32_t *proposal;
    int has_proposal;
    parley_change *change_buf; /* action buffer: one change per issue */
    uint32_t *action_buf;
    /* results */
    int ran, agreed;
    uint32_t *agreement;
    const char *ending;
    long rounds_used;
    double end_time;
    double *utility, *discounted;
    uint64_t offers;
    parley_mediator *mediator;
};

/* Relative time of round r (1-based) under the deadlines; also checks the clock. */
double neg_time_of(parley_negotiation *neg, long round);
/* 1 when the deadline has passed before round r. */
int neg_deadline_passed(parley_negotiation *neg, long round);
/* Sets the clock to round r. */
void neg_set_round(parley_negotiation *neg, long round);

/* Records an event (and streams it to the trace). Returns 0 or PARLEY_ENOMEM. */
int neg_log(parley_negotiation *neg, const struct event_in *in);

/*
 * Asks party k's agent for its move.  Prepares the action buffers (outcome
 * initialised to `initial`, may be NULL), calls the agent, and returns its code.
 */
int neg_ask(parley_negotiation *neg, size_t k, parley_request req, const uint32_t *initial, parley_action *act,
            parley_error *err);
/*
 * Why party k may not accept/offer `outcome` (value out of range, breaks a
 * global constraint, breaks one of its red lines): writes the reason into buf
 * and returns buf, or returns NULL when the package is fine.
 */
const char *neg_package_problem(parley_negotiation *neg, size_t k, const uint32_t *outcome, int check_red_lines,
                                char *buf, size_t size);
/* Records a walk-away of party k for `reason` (NULL for a plain walk-away). */
int neg_walk_away(parley_negotiation *neg, size_t k, const char *reason);
/* Ends the talks: agreement on `package` (NULL = none) with `ending`; fills the utilities. */
void neg_finish(parley_negotiation *neg, const uint32_t *package, const char *ending);
/* Party k's (scenario) utility function. */
const parley_utility *neg_utility(const parley_negotiation *neg, size_t k);
/* Name of party k, or of the mediator for PARLEY_MEDIATOR. */
const char *neg_party_name(const parley_negotiation *neg, long party);

/* The protocols (alternating.c, single_text.c, shuttle.c). */
int protocol_run_alternating(parley_negotiation *neg, parley_error *err);
int protocol_run_single_text(parley_negotiation *neg, parley_error *err);
int protocol_run_shuttle(parley_negotiation *neg, parley_error *err);

/* view.c: the view's package index, built on first use (NULL when out of memory); `issues` values of scratch. */
const parley_package_index *view_package_index(struct parley_agent_view *v);
uint32_t *view_scratch(struct parley_agent_view *v);
/* view.c: sets up / frees a view's private data. */
int view_init(parley_negotiation *neg, size_t k, struct parley_agent_view *v);
void view_free(struct parley_agent_view *v);
/* Appends event index i to the views that may see it. */
int view_publish(parley_negotiation *neg, size_t i);

/* A 64-bit random stream (splitmix64). */
uint64_t neg_rng_next(uint64_t *state);

#endif

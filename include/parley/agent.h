/*
 * parley/agent.h: the one interface every negotiating agent implements, built
 * in or loaded from a shared library (a plug-in).
 *
 * An agent is a table of callbacks (parley_agent_vtable) plus a private state
 * it allocates itself.  The session engine (parley/protocol.h) calls it when it
 * is the agent's move, handing it a *view*: an opaque object through which the
 * agent sees exactly what its party may know and nothing else:
 *   - its own preferences (parley_view_utility): weights, value tables,
 *     reservation value and its curve over time, discount factor;
 *   - its own red lines, as a checker only (parley_view_red_lines_hold);
 *   - the outcome space and the global constraints (public knowledge);
 *   - the clock: round, relative time t in [0,1], the deadline;
 *   - the history it is entitled to: public events, and private messages it
 *     sent or that were addressed to it (never another party's private offers
 *     or amendments to the mediator, never anyone's utilities).
 * The scenario itself is never passed to an agent, and no view function reaches
 * another party's utility or red lines: privacy comes from the API.
 *
 * Writing a plug-in
 * -----------------
 *   #include <parley/agent.h>
 *   static int my_create(parley_agent_view *v, const char *params, void **state, parley_error *err);
 *   static void my_destroy(void *state);
 *   static int my_act(void *state, parley_agent_view *v, parley_request req, parley_action *act);
 *   static const parley_agent_vtable my_agent = {PARLEY_AGENT_ABI, "mine", "what it does",
 *                                                my_create, my_destroy, my_act};
 *   const parley_agent_vtable *parley_agent_entry(void) { return &my_agent; }
 * Build it with `cc -shared -fPIC -o libmine.so mine.c -I<parley>/include` and
 * name it on the command line by path: `--agents ./libmine.so:x=1,boulware`.
 * The plug-in may call the parley_view_* and parley_agent_param* functions
 * (they are resolved from the host program); it must not keep a view or an
 * event pointer past the call that received it.
 *
 * Threads: a view and an agent state are used by one thread at a time; the
 * engine never calls an agent concurrently with itself.
 */
#ifndef PARLEY_AGENT_H
#define PARLEY_AGENT_H

#include <parley/error.h>
#include <parley/space.h>
#include <parley/utility.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this interface; a plug-in's vtable must carry it. */
#define PARLEY_AGENT_ABI 1u

/* Longest reason text of an amendment change, including the NUL. */
#define PARLEY_REASON_MAX 160

/* Party numbers in events: 0..n-1 are the negotiating parties in scenario order. */
#define PARLEY_MEDIATOR (-1L) /* the mediator */
#define PARLEY_EVERYONE (-2L) /* as a recipient: a public message */
#define PARLEY_NOBODY (-3L)   /* as a sender: the session itself (session start/end) */

typedef struct parley_agent_view parley_agent_view;

/* What the engine asks of the agent. */
typedef enum parley_request {
    /* Alternating offers: accept the standing offer, make a counter-offer, or walk away. */
    PARLEY_REQUEST_PROPOSE = 0,
    /* Single text: vote on the mediator's proposal (parley_view_proposal) against the
       current text (parley_view_text): ACCEPT = yes, REJECT = no, or walk away. */
    PARLEY_REQUEST_VOTE = 1,
    /* Single text, at the end: accept or reject the final text (parley_view_text). */
    PARLEY_REQUEST_RATIFY = 2,
    /* Shuttle mediation: answer the mediator's current text (parley_view_text): accept it,
       amend it (a list of issue changes, each with a reason), send the mediator a private
       counter-offer, or walk away.  Nothing of it reaches the other parties. */
    PARLEY_REQUEST_RESPOND = 3
} parley_request;

typedef enum parley_action_kind {
    PARLEY_ACT_ACCEPT = 0,    /* accept the standing offer / vote yes / ratify / accept the text */
    PARLEY_ACT_REJECT = 1,    /* vote no / refuse to ratify */
    PARLEY_ACT_OFFER = 2,     /* a whole package, in action->outcome */
    PARLEY_ACT_AMEND = 3,     /* changes to the mediator's text, in action->changes (shuttle only) */
    PARLEY_ACT_WALK_AWAY = 4  /* leave: the talks end and everyone gets its reservation value */
} parley_action_kind;

/* One change of an amendment: set `issue` to value index `value`, because `reason`. */
typedef struct parley_change {
    uint32_t issue;
    uint32_t value;
    char reason[PARLEY_REASON_MAX];
} parley_change;

/*
 * The agent's answer.  Buffers belong to the engine: `outcome` has one entry
 * per issue and holds, on entry, the standing offer or current text (or the
 * agent's best package when there is none); `changes` has room for
 * `change_capacity` entries (one per issue).  Set `kind`, and fill `outcome`
 * for an offer or `changes`/`change_count` for an amendment.
 *
 * The engine checks every action: accepting, voting for, ratifying or offering
 * a package that breaks one of the agent's own red lines or a global
 * constraint, an offer with a value out of range, or a kind the request does
 * not allow, is recorded as a walk-away with the reason.  So an agent never
 * accepts a package that breaks its own red lines.
 */
typedef struct parley_action {
    parley_action_kind kind;
    uint32_t *outcome;
    parley_change *changes;
    size_t change_count;
    size_t change_capacity;
} parley_action;

typedef enum parley_event_kind {
    PARLEY_EVENT_SESSION_START = 0, /* a session opens (shuttle: at a venue; others: the negotiation) */
    PARLEY_EVENT_SESSION_END = 1,   /* a session closes; `detail` is its outcome */
    PARLEY_EVENT_OFFER = 2,         /* a package offered (alternating: public; shuttle: private to the mediator) */
    PARLEY_EVENT_TEXT = 3,          /* the mediator's current text (public) */
    PARLEY_EVENT_PROPOSAL = 4,      /* the mediator proposes a new text (single text; public) */
    PARLEY_EVENT_AMENDMENT = 5,     /* changes to the text with reasons (private to the mediator) */
    PARLEY_EVENT_VOTE = 6,          /* a vote on a proposal (private to the mediator) */
    PARLEY_EVENT_ACCEPT = 7,        /* acceptance of the standing offer / text */
    PARLEY_EVENT_REJECT = 8,        /* refusal to ratify the final text */
    PARLEY_EVENT_WALK_AWAY = 9,     /* a party leaves; `detail` may give why */
    PARLEY_EVENT_AGREEMENT = 10     /* the talks end in agreement on `outcome` */
} parley_event_kind;

/* "session_start", "offer", ... (static strings). */
const char *parley_event_kind_name(parley_event_kind kind);

/*
 * One thing that happened, as a party may see it (no utilities in it).
 * Pointers are valid until the agent's callback returns.
 */
typedef struct parley_event {
    parley_event_kind kind;
    long round;                   /* 1-based round; 0 before the first */
    double time;                  /* relative time in [0,1] */
    long party;                   /* sender: 0..n-1, PARLEY_MEDIATOR, or PARLEY_NOBODY */
    long to;                      /* recipient: 0..n-1, PARLEY_MEDIATOR, or PARLEY_EVERYONE */
    const uint32_t *outcome;      /* the package of an offer, text, proposal, acceptance or agreement; else NULL */
    const parley_change *changes; /* amendment changes (also: what a new text changed); else NULL */
    size_t change_count;
    int vote;                     /* votes: 1 yes, 0 no */
    long session;                 /* 0-based session number (shuttle), 0 otherwise */
    const char *venue;            /* session events: the venue ("" when none) */
    const char *detail;           /* session end: "agreement", "follow_up", "no_follow_up", "collapse",
                                     "deadline"; walk-away: the reason; else "" */
} parley_event;

/* --- What a view shows (all functions take the view the agent was given) --- */

/* The agent's own party: its number among the negotiating parties, its name, and how many there are. */
size_t parley_view_party(const parley_agent_view *v);
const char *parley_view_party_name(const parley_agent_view *v, size_t party); /* any party's public name */
size_t parley_view_party_count(const parley_agent_view *v);

/* The outcome space (public). */
const parley_space *parley_view_space(const parley_agent_view *v);
/* The agent's own utility function (owned by the session; read only). */
const parley_utility *parley_view_utility(const parley_agent_view *v);
/* The agent's own utility of a package (undiscounted). */
double parley_view_eval(const parley_agent_view *v, const uint32_t *outcome);
/* Its reservation value now (after pressure: parley_utility_reservation_at at the current time). */
double parley_view_reservation(const parley_agent_view *v);
/* 1 when the package breaks none of the agent's own red lines. */
int parley_view_red_lines_hold(const parley_agent_view *v, const uint32_t *outcome);
/* Name of the first of its own red lines the package breaks, or NULL when none is broken. */
const char *parley_view_broken_red_line(const parley_agent_view *v, const uint32_t *outcome);
/* 1 when every global constraint holds (public). */
int parley_view_feasible(const parley_agent_view *v, const uint32_t *outcome);

/* The clock: current round (1-based), the round deadline (0 = none), relative time t in [0,1]. */
long parley_view_round(const parley_agent_view *v);
long parley_view_rounds(const parley_agent_view *v);
double parley_view_time(const parley_agent_view *v);
/* Relative time of the next round (what an offer made now will be judged at). */
double parley_view_next_time(const parley_agent_view *v);
/* Annealing temperature of the single-text protocol (0 when not annealing). */
double parley_view_temperature(const parley_agent_view *v);

/* The standing offer (alternating offers), or NULL when none; its proposer in *party when not NULL. */
const uint32_t *parley_view_standing_offer(const parley_agent_view *v, long *party);
/* The mediator's current text (single text, shuttle), or NULL. */
const uint32_t *parley_view_text(const parley_agent_view *v);
/* The proposal being voted on (single text), or NULL. */
const uint32_t *parley_view_proposal(const parley_agent_view *v);

/* The history this party may see, oldest first: count, and event i copied into *out. */
size_t parley_view_event_count(const parley_agent_view *v);
int parley_view_event(const parley_agent_view *v, size_t i, parley_event *out);

/* A deterministic random number in [0,1) from the agent's own stream (seeded by the session). */
double parley_view_random(parley_agent_view *v);
/* The session's seed (the configuration's `seed`): for ports that replay a generator their original seeds from
   the session (GENIUS gives party i the seed + i). */
uint64_t parley_view_seed(const parley_agent_view *v);

/*
 * The agent's own acceptable packages sorted by its utility (feasible, its red
 * lines hold), built on first use and kept by the session: the package with the
 * smallest utility >= target (the best one when none reaches target) is
 * written to out; returns its utility, or -1 when the agent has no acceptable
 * package at all.  Spaces above 2^21 outcomes are sampled (2^18 packages plus
 * the best additive one).
 */
double parley_view_outcome_at_least(parley_agent_view *v, double target, uint32_t *out);
/* Its best and worst utility over those packages (-1 when there are none). */
double parley_view_best_utility(parley_agent_view *v);
double parley_view_worst_utility(parley_agent_view *v);
/* Number of packages in that list (known without building it), and the i-th (ascending utility) into out;
   returns its utility. */
size_t parley_view_outcome_count(parley_agent_view *v);
/* Position in that list of the first package worth at least target (the count when none is). */
size_t parley_view_outcome_rank(parley_agent_view *v, double target);
double parley_view_outcome_ranked(parley_agent_view *v, size_t i, uint32_t *out);

/*
 * The two packages of that list next to target without building it: *above the
 * first worth at least target (at position parley_view_outcome_rank), *below the
 * one before it (the highest, last among equal utilities), each with its
 * utility; either pointer may be NULL.  Returns 1 | 2 when both exist, 1 when
 * only the one below does, 2 when only the one above does, 0 when the list is
 * empty.  Costs O(sqrt(N)) for an additive utility on a space the list would
 * hold whole, O(log N) otherwise; repeated queries between the same two
 * packages are answered from the last one.
 */
int parley_view_outcome_around(parley_agent_view *v, double target, uint32_t *below, double *below_u, uint32_t *above,
                               double *above_u);

/* A run of equal utilities in that list: the utility, the position of its first package, how many packages. */
typedef struct parley_outcome_level {
    double utility;
    size_t first, count;
} parley_outcome_level;

/*
 * The runs of that list around x, compared exactly (no 1e-12 slack), without
 * building the list: *at the packages worth exactly x (count 0 when none, and
 * first is then where x would go: the number of packages worth less), *below
 * the run of the highest utility under x and *above the run of the lowest
 * utility over x; any pointer may be NULL.  Returns 1 | 2 as
 * parley_view_outcome_around does for the runs below and above (count 0 for
 * a missing one), -1 when the list is empty or memory ran out.  Costs
 * O(sqrt(N)) plus the runs' sizes for an additive utility on a space the list
 * would hold whole (the list is built when the runs are thousands of packages
 * or the queries have cost as much), O(log N) otherwise; queries inside the
 * runs already found are answered from them.
 */
int parley_view_outcome_levels(parley_agent_view *v, double x, parley_outcome_level *below, parley_outcome_level *at,
                               parley_outcome_level *above);
/*
 * The packages of that list worth exactly u, in its order (ascending outcome
 * number among equal utilities): the first max of them into values (issue
 * count values each; values may be NULL when max is 0).  Returns how many there
 * are, or -1 when memory ran out.  Costs as parley_view_outcome_levels.
 */
long parley_view_outcome_ties(parley_agent_view *v, double u, uint32_t *values, size_t max);

/* --- The agent interface --- */

typedef struct parley_agent_vtable {
    uint32_t abi;            /* PARLEY_AGENT_ABI */
    const char *name;        /* short name, e.g. "boulware" */
    const char *description; /* one line */
    /*
     * Creates the agent's state for one negotiation.  `params` is the text after
     * the first ':' of the agent's spec ("e=0.2:k=0.1"; "" when none): parse it
     * with parley_agent_param_double and reject unknown keys with
     * parley_agent_params_check.  Returns 0, or a negative code with err filled.
     */
    int (*create)(parley_agent_view *v, const char *params, void **state, parley_error *err);
    /* Frees the state (NULL allowed). */
    void (*destroy)(void *state);
    /* The agent's move: fill *action (see parley_action).  A negative return ends the session with that error. */
    int (*act)(void *state, parley_agent_view *v, parley_request request, parley_action *action);
} parley_agent_vtable;

/* --- Agent parameters ("key=value:key=value") --- */

/*
 * Fails with PARLEY_EINVAL (message naming the agent and the key) when params
 * has a key not in the NULL-terminated `allowed` list or a malformed item.
 */
int parley_agent_params_check(const char *agent, const char *params, const char *const *allowed,
                              parley_error *err);
/* *out = value of `key` (a finite number), or `def` when absent; PARLEY_EINVAL when not a number. */
int parley_agent_param_double(const char *agent, const char *params, const char *key, double def, double *out,
                              parley_error *err);

/* A string parameter: copies the value of `key` into buf (size bytes), or `def` when absent;
   PARLEY_EINVAL when the value does not fit. */
int parley_agent_param_string(const char *agent, const char *params, const char *key, const char *def, char *buf,
                              size_t size, parley_error *err);

/* --- BOA components: bidding strategy, opponent model, acceptance strategy ---
 *
 * The BOA architecture (Baarslag et al., "Decoupling negotiating agents to
 * explore the space of negotiation strategies", 2014) splits an agent into three
 * interchangeable parts.  The built-in agent "boa" composes them from its spec:
 *   boa:bidding=time:e=0.2:model=frequency:accept=combi:t=0.98
 * (docs/agents.md lists every component and its keys; `parley agents` too).
 * Plug-ins may use the components directly through the functions below.
 */

/* An opponent model: an estimate of one other party's utility, learnt from the bids it makes. */
typedef struct parley_opponent_model parley_opponent_model;

/*
 * New model over `space`: "frequency" (HardHeaded's issue-weight and value
 * counting), "smith" (GENIUS's SmithFrequencyModel: value count / bids, issue
 * weight largest count / bids), "bayes" (GENIUS's scalable Bayesian model after
 * Hindriks and Tykhonov 2008: hypotheses per issue over weights and value
 * shapes; like the original it ignores bids seen before and breaks down after
 * about 330 different bids, rating every outcome 0 from then on; docs/agents.md).
 * *out is the caller's (parley_opponent_model_free).  The space must outlive it.
 */
int parley_opponent_model_new(const char *name, const parley_space *space, parley_opponent_model **out,
                              parley_error *err);
/* The perfect model (an oracle, for measuring): evaluates with `truth` (not copied; must outlive it). NULL on ENOMEM. */
parley_opponent_model *parley_opponent_model_perfect(const parley_utility *truth);
void parley_opponent_model_free(parley_opponent_model *m);
const char *parley_opponent_model_name(const parley_opponent_model *m);
/* Learns from one bid the opponent made at relative time t.  0 or PARLEY_ENOMEM. */
int parley_opponent_model_observe(parley_opponent_model *m, const uint32_t *bid, double t);
/* Number of bids observed. */
size_t parley_opponent_model_bids(const parley_opponent_model *m);
/* The estimated utility, to the opponent, of an outcome (in [0,1]). */
double parley_opponent_model_eval(const parley_opponent_model *m, const uint32_t *outcome);

/*
 * How well a model knows the opponent, as the literature measures it (Baarslag
 * et al. 2013, "Predicting the performance of opponent models"): over the
 * outcome space (every outcome up to `samples`, otherwise `samples` outcomes
 * drawn with `seed`), the Pearson correlation and the root mean square error
 * between the model's and the true utilities, and Kendall's tau-b between the
 * two rankings (NaN when one side is constant).
 */
typedef struct parley_model_accuracy {
    double pearson, rmse, kendall;
    size_t samples;
} parley_model_accuracy;
int parley_opponent_model_accuracy(const parley_opponent_model *m, const parley_utility *truth, size_t samples,
                                   uint64_t seed, parley_model_accuracy *out, parley_error *err);

/* An acceptance strategy (Baarslag, Hindriks and Jonker 2014, "Effective acceptance conditions"). */
typedef struct parley_acceptance parley_acceptance;

/* What an acceptance condition decides on: utilities are the agent's own. */
typedef struct parley_acceptance_input {
    double time;                    /* relative time now */
    double offered;                 /* the offer on the table */
    double next_bid;                /* the bid the agent would make instead */
    double last_bid;                /* the agent's previous bid (NaN before its first) */
    const double *received_time;    /* offers received so far, oldest first: when ... */
    const double *received_utility; /* ... and what they were worth */
    size_t received;
} parley_acceptance_input;

/*
 * New acceptance strategy: "next" (AC_next(a, b): a * offered + b >= next bid;
 * keys a=1, b=0), "const" (AC_const(c): offered >= c; key c=0.9), "time"
 * (AC_time(T): t >= T; key t=0.99), "prev" (AC_prev(a, b) against the previous
 * bid; keys a=1, b=0), "combi" (AC_combi(T, MAX^W): AC_next, or t >= T and the
 * offer is worth at least every offer received in the last W of time, W = 1 - t;
 * key t=0.98).  params as in agent specs; keys of other components are ignored.
 */
int parley_acceptance_new(const char *name, const char *params, parley_acceptance **out, parley_error *err);
void parley_acceptance_free(parley_acceptance *a);
/* 1 to accept, 0 not. */
int parley_acceptance_decide(const parley_acceptance *a, const parley_acceptance_input *in);

/* A bidding strategy: the utility the agent aims at now. */
typedef struct parley_bidding parley_bidding;

/* What a bidding strategy decides on. */
typedef struct parley_bidding_input {
    double time;                    /* relative time now */
    double best, floor;             /* own best package and the lowest it may go (reservation or worst) */
    double nash;                    /* own utility of the estimated Nash package (NaN when unknown) */
    const double *received_utility; /* own utility of the offers received, oldest first */
    size_t received;
} parley_bidding_input;

/*
 * New bidding strategy: "time" (Faratin et al. 1998: best - (best - floor) F(t),
 * F(t) = k + (1 - k) t^(1/e); keys e=0.2, k=0), "tft" (Baarslag's NiceTitForTat
 * rule in own utility: concede the fraction of the way to the Nash package
 * that the opponent conceded towards it; no keys).  Both take key window: bids
 * are selected among those worth target .. target + window (by the opponent
 * model when there is one, parley_agent_pick_bid); tft's default is 0.02, and
 * time's is GENIUS's TimeDependent_Offering (parley_agent_pick_bid_genius),
 * for which parley_bidding_window returns PARLEY_WINDOW_GENIUS.
 */
#define PARLEY_WINDOW_GENIUS (-1.0)
int parley_bidding_new(const char *name, const char *params, parley_bidding **out, parley_error *err);
void parley_bidding_free(parley_bidding *b);
double parley_bidding_target(const parley_bidding *b, const parley_bidding_input *in);
double parley_bidding_window(const parley_bidding *b);
/* 1 when the strategy reads parley_bidding_input.nash (callers may skip estimating it otherwise). */
int parley_bidding_uses_nash(const parley_bidding *b);

/*
 * Bid selection by opponent-model utility: among the agent's own packages worth
 * target .. target + window (at most 256 of them, nearest the target first),
 * writes to out the one the models value most (sum over the `n` models; n == 0:
 * the one just above target) and returns its own utility; -1 when the agent
 * has no acceptable package.
 */
double parley_agent_pick_bid(parley_agent_view *v, double target, double window,
                             parley_opponent_model *const *models, size_t n, uint32_t *out);

/*
 * Bid selection as GENIUS's BOA TimeDependent_Offering does it.  With models
 * (OMStrategy.getBid with BestBid): the window starts as (target, target + 0.01]
 * (plus the package just above it, as SortedOutcomeSpace.getBidsinRange gives)
 * and its top rises by 0.01 until it holds 100 packages or reaches 1.01; of
 * those, the one the models value most, the highest utility first on a tie
 * (a random one when the models value all below 0.0001).  Without models: the
 * package nearest the target (SortedOutcomeSpace.getBidNearUtility), possibly
 * just below it.  Writes it to out, returns its own utility (-1: none).
 */
double parley_agent_pick_bid_genius(parley_agent_view *v, double target, parley_opponent_model *const *models,
                                    size_t n, uint32_t *out);

/* --- What `parley agents` lists: every built-in agent and component --- */

typedef struct parley_param_info {
    const char *key, *def, *description;
} parley_param_info;

typedef struct parley_agent_info {
    const char *kind;        /* "agent", "bidding", "model", "acceptance" */
    const char *name;        /* as written in a spec */
    const char *description; /* one line */
    const char *source;      /* the paper or report it follows */
    const parley_param_info *params; /* NULL-key terminated */
} parley_agent_info;

/* The catalogue (static), and its length in *count. */
const parley_agent_info *parley_agent_catalog(size_t *count);

/* --- Built-in agents and plug-ins --- */

/* The built-in agent called `name` ("boulware", "linear", "conceder", "hardliner", "tit-for-tat",
   "random", "nash"), or NULL. Static storage. */
const parley_agent_vtable *parley_agent_builtin(const char *name);
/* The built-in agents' names, NULL-terminated (static). */
const char *const *parley_agent_builtin_names(void);

typedef struct parley_agent_plugin parley_agent_plugin;

/*
 * Loads a shared library and calls its `parley_agent_entry` function
 * (`const parley_agent_vtable *parley_agent_entry(void)`), checking the ABI
 * version and that every callback is set.  *out owns the library handle: close
 * it with parley_agent_plugin_close after the last session using it is freed.
 */
int parley_agent_plugin_load(const char *path, parley_agent_plugin **out, parley_error *err);
const parley_agent_vtable *parley_agent_plugin_vtable(const parley_agent_plugin *p);
void parley_agent_plugin_close(parley_agent_plugin *p);

/*
 * Splits an agent spec "NAME[:params]" or "PATH.so[:params]" (a path contains
 * '/' or ends in ".so"): copies the name or path into name (size bytes) and
 * points *params into spec after the first ':' ("" when none).  PARLEY_EINVAL
 * when the name is empty or too long.
 */
int parley_agent_spec_split(const char *spec, char *name, size_t size, const char **params, parley_error *err);
/* 1 when a spec's name is a plug-in path rather than a built-in name. */
int parley_agent_spec_is_plugin(const char *name);

#ifdef __cplusplus
}
#endif
#endif

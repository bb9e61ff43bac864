/*
 * parley/protocol.h: negotiation sessions: a protocol run between agents over a
 * scenario, with a deadline, recording everything that happened.
 *
 * Protocols (docs/protocols.md gives the rules in full):
 *   - PARLEY_PROTOCOL_ALTERNATING: stacked alternating offers (Rubinstein for two
 *     parties, SAOP as in GENIUS/ANAC for more): parties move in scenario order;
 *     each accepts the standing offer, counters it or walks away; agreement when
 *     every other party has accepted the standing offer.
 *   - PARLEY_PROTOCOL_SINGLE_TEXT: mediated single text (Klein et al., 2003): a
 *     mediator holds one text and proposes a change each round; every party
 *     votes; the veto rule adopts a proposal only when all vote yes; at the end
 *     (or when the mediator has reached its target) the parties ratify the
 *     text.  With `annealing` the mediator proposes random mutations and the
 *     agents vote as annealers (parley_view_temperature).
 *   - PARLEY_PROTOCOL_SHUTTLE: shuttle mediation: parties never see each other's
 *     messages; each answers the mediator's text with acceptance, amendments
 *     (issue changes with reasons) or a private offer; the mediator answers with a
 *     new text.  Talks run in sessions at venues; a session ends in agreement,
 *     with a follow-up scheduled, with none scheduled (a pause follows), or in
 *     collapse; a later session resumes from the last text.
 *
 * Time: with a round deadline R, round r (1-based) is at relative time
 * t = (r-1)/(R-1) (0 when R == 1), or t = r/(R+1) with the GENIUS clock
 * (parley_clock_kind); with a deadline in seconds S, t = elapsed/S;
 * with both, the larger.  Results are deterministic for a given seed when no
 * deadline in seconds is set.  Agreement at time t is worth
 * parley_utility_discounted(u, U(package), t) to each party; no agreement (a
 * walk-away, a collapse, the deadline) gives each its reservation value at that
 * time, discounted the same way.
 */
#ifndef PARLEY_PROTOCOL_H
#define PARLEY_PROTOCOL_H

#include <parley/agent.h>
#include <parley/analysis.h>
#include <parley/error.h>
#include <parley/scenario.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum parley_protocol_kind {
    PARLEY_PROTOCOL_ALTERNATING = 0,
    PARLEY_PROTOCOL_SINGLE_TEXT = 1,
    PARLEY_PROTOCOL_SHUTTLE = 2
} parley_protocol_kind;

/* "alternating", "single-text", "shuttle"; and back (-1 when unknown). */
const char *parley_protocol_name(parley_protocol_kind kind);
int parley_protocol_from_name(const char *name);

/* Most venues a shuttle configuration may list. */
#define PARLEY_MAX_VENUES 32u

/*
 * How a round deadline R maps round r (1-based) to relative time t:
 *   PARLEY_CLOCK_PARLEY: t = (r-1)/(R-1), 0 in the first round and 1 in the last;
 *   PARLEY_CLOCK_GENIUS: t = r/(R+1), as GENIUS's DeadlineType.ROUND (DiscreteTimeline):
 *     every move of round r shares that time, which never reaches 1.
 */
typedef enum { PARLEY_CLOCK_PARLEY = 0, PARLEY_CLOCK_GENIUS = 1 } parley_clock_kind;
/* "parley" / "genius", and back (-1 when unknown). */
const char *parley_clock_name(parley_clock_kind kind);
int parley_clock_from_name(const char *name);

typedef struct parley_session_config {
    parley_protocol_kind protocol;
    long rounds;            /* deadline in rounds (0 = none); at least one deadline must be set */
    double seconds;         /* deadline in wall-clock seconds (0 = none); makes runs timing dependent */
    uint64_t seed;          /* seeds every agent's and the mediator's random stream */
    int annealing;          /* single text: Klein's annealing variant */
    size_t sessions;        /* shuttle: number of sessions the rounds are split into (0 = 1) */
    const char *const *venues; /* shuttle: venue names, used in turn (strings copied); NULL = "venue 1", ... */
    size_t venue_count;
    parley_clock_kind clock; /* how rounds map to relative time (PARLEY_CLOCK_PARLEY by default) */
} parley_session_config;

/* Fills *cfg with the defaults: alternating, 100 rounds, seed 1, one session. */
void parley_session_config_init(parley_session_config *cfg);

typedef struct parley_negotiation parley_negotiation;

/*
 * Prepares a negotiation over `sc` (which must outlive it and stay unchanged).
 * The scenario is validated.  The mediator for the single-text and shuttle
 * protocols is built in and named after the scenario's mediator parties (or
 * "mediator"); it is trusted with every profile and may analyse the scenario.
 * *out is owned by the caller: parley_negotiation_free.
 */
int parley_negotiation_new(const parley_scenario *sc, const parley_session_config *cfg, parley_negotiation **out,
                           parley_error *err);
void parley_negotiation_free(parley_negotiation *neg);

/*
 * Adds the agent of the next negotiating party (call once per party, in
 * scenario order).  `vt` must stay valid as long as the negotiation (for a
 * plug-in: until after parley_negotiation_free).  params as in the vtable's
 * create.  The agent's state is created here.
 */
int parley_negotiation_add_agent(parley_negotiation *neg, const parley_agent_vtable *vt, const char *params,
                                 parley_error *err);
/* Same from a spec "boulware:e=0.2" (built-ins only; load plug-ins with parley_agent_plugin_load). */
int parley_negotiation_add_agent_spec(parley_negotiation *neg, const char *spec, parley_error *err);

/* Streams the trace as JSON Lines to `out` while running (see parley_trace_write_event); NULL = none. */
void parley_negotiation_set_trace(parley_negotiation *neg, FILE *out);

/*
 * A party's own packages sorted by its utility, as its agent's view uses them
 * (parley_view_outcome_at_least).  A view builds its party's index on first
 * use; a tournament running many negotiations on one scenario can build it
 * once per party and share it: the index is immutable, safe to read from many
 * threads.  `seed` chooses the samples of spaces above 2^21 outcomes.
 * *out is owned by the caller: parley_package_index_free, after every
 * negotiation using it is freed.  The scenario must outlive it.
 */
typedef struct parley_package_index parley_package_index;
int parley_package_index_build(const parley_scenario *sc, size_t k, uint64_t seed, parley_package_index **out,
                               parley_error *err);
/*
 * The same, always as every package (or sample) sorted by utility: slower to
 * build than the additive index parley_package_index_build takes for large
 * additive spaces (N log N instead of about sqrt(N)), but faster to query:
 * what many negotiations sharing one index (a tournament) want.
 */
int parley_package_index_build_sorted(const parley_scenario *sc, size_t k, uint64_t seed, parley_package_index **out,
                                      parley_error *err);
void parley_package_index_free(parley_package_index *idx);
size_t parley_package_index_count(const parley_package_index *idx);
/* Makes negotiating party k's view use `idx` (built for the same scenario and party) instead of its own. */
int parley_negotiation_share_index(parley_negotiation *neg, size_t k, const parley_package_index *idx,
                                   parley_error *err);

/* Runs the negotiation to its end (once).  Needs one agent per negotiating party. */
int parley_negotiation_run(parley_negotiation *neg, parley_error *err);

/* --- Results (after run) --- */

/* 1 when the talks ended in agreement. */
int parley_negotiation_agreed(const parley_negotiation *neg);
/* The agreed package (NULL when none); owned by the negotiation. */
const uint32_t *parley_negotiation_agreement(const parley_negotiation *neg);
/* How it ended: "agreement", "deadline", "walk_away", "collapse", "no_follow_up" (static string). */
const char *parley_negotiation_ending(const parley_negotiation *neg);
/* Rounds used, and relative time at the end. */
long parley_negotiation_rounds_used(const parley_negotiation *neg);
double parley_negotiation_end_time(const parley_negotiation *neg);
/* Number of negotiating parties and the agent spec's name of party k. */
size_t parley_negotiation_party_count(const parley_negotiation *neg);
const char *parley_negotiation_agent_name(const parley_negotiation *neg, size_t k);
/* What party k gets: its (undiscounted) utility of the agreement or reservation, and discounted. */
double parley_negotiation_utility(const parley_negotiation *neg, size_t k);
double parley_negotiation_discounted_utility(const parley_negotiation *neg, size_t k);
/* Offers, amendments and proposals made (the bench's count). */
uint64_t parley_negotiation_offer_count(const parley_negotiation *neg);

/* The full record (all events, private ones included: this is the analyst's view, never an agent's). */
size_t parley_negotiation_event_count(const parley_negotiation *neg);
/* Copies event i into *ev (pointers valid while neg lives and no further event is added);
   *sender_utility (may be NULL) receives the utility the event's package gives its sender (NaN when none). */
int parley_negotiation_event(const parley_negotiation *neg, size_t i, parley_event *ev, double *sender_utility);

/* --- Output --- */

/* Writes one event as a JSON object on one line (JSON Lines), as the trace does. */
int parley_trace_write_event(const parley_negotiation *neg, size_t i, FILE *out, parley_error *err);
/* Writes the whole trace (every event, one per line). */
int parley_trace_write(const parley_negotiation *neg, FILE *out, parley_error *err);
/* Writes the outcome as one JSON object (agreement, package, utilities, rounds, ending, sessions). */
int parley_negotiation_write_json(const parley_negotiation *neg, FILE *out, parley_error *err);
/*
 * Draws the negotiation as SVG: each party's utility of the offers over rounds
 * (whole-round ticks), and one utility plane per pair of parties with every
 * package put forward, the agreement, the reservation values and, from `a`,
 * the outcomes' density and the Pareto frontiers of all outcomes and of the
 * acceptable ones, with a legend.  `a` must come from parley_analyze with
 * plot_bins > 0 on the same scenario; NULL (or an analysis without plot data)
 * draws no density or frontiers.
 */
int parley_negotiation_write_svg(const parley_negotiation *neg, const parley_analysis *a, FILE *out,
                                 parley_error *err);

#ifdef __cplusplus
}
#endif
#endif

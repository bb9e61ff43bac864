/*
 * mediator.h: the built-in mediator of the single-text and shuttle protocols.
 * Not public API: the protocol adds it.  Unlike a party's agent, the mediator
 * is trusted with every profile (parties tell the mediator their positions), so
 * it takes the scenario and may analyse it for the Pareto frontier.
 */
#ifndef PARLEY_AGENTS_MEDIATOR_H
#define PARLEY_AGENTS_MEDIATOR_H

#include <parley/agent.h>
#include <parley/scenario.h>

typedef struct parley_mediator parley_mediator;

/* Spaces up to this size are analysed for the frontier; larger ones get a sampled candidate set. */
#define PARLEY_MEDIATOR_ANALYSIS_MAX (1u << 24)

/*
 * New mediator for `sc` (must outlive it).  annealing: Klein's random-mutation
 * proposals instead of Pareto steps.  *out freed with parley_mediator_free.
 */
int parley_mediator_new(const parley_scenario *sc, int annealing, uint64_t seed, parley_mediator **out,
                        parley_error *err);
void parley_mediator_free(parley_mediator *m);

/* The frontier the mediator works with (number of outcomes; 0 when none). */
size_t parley_mediator_frontier_count(const parley_mediator *m);

/* The opening text: a random feasible package (seeded). */
void parley_mediator_initial_text(parley_mediator *m, uint32_t *out);

/*
 * Single text: the proposal for the next round from the current text at time t,
 * written to `proposal`.  Returns 1 when the text already is the mediator's
 * target (nothing better to propose: time to ratify), else 0.
 */
int parley_mediator_propose(parley_mediator *m, const uint32_t *text, double t, uint32_t *proposal);
/* Tells the mediator whether its last proposal was adopted. */
void parley_mediator_feedback(parley_mediator *m, int adopted);

/*
 * Shuttle: composes the new text from every party's position (the package it
 * asked for: the text it accepted, the text with its amendments, or its private
 * offer) and the amendments themselves (amendments[k] may be NULL).  Writes the
 * new text to `out` and what changed against `text`, one change per issue with
 * its reason, to `changes` (room for one per issue); returns the change count.
 */
size_t parley_mediator_compose(parley_mediator *m, const uint32_t *text, const uint32_t *const *positions,
                               const parley_change *const *amendments, const size_t *amendment_counts, double t,
                               uint32_t *out, parley_change *changes);

#endif

/*
 * live.h: one answer of a party's agent in live talks (`parley serve`, agents
 * seated by a mediator).  Not public API.  The talks so far are replayed into a
 * shuttle negotiation as the party saw them (the texts tabled, in order, and its
 * own answers to them), then the agent is asked to answer the last text; the
 * answer is checked as the shuttle protocol checks one.  The agent is created
 * afresh for each answer, so an answer depends only on the record: a server
 * that restarts gives the same answer.
 */
#ifndef PARLEY_PROTOCOL_LIVE_H
#define PARLEY_PROTOCOL_LIVE_H

#include <parley/agent.h>
#include <parley/scenario.h>

typedef enum live_answer { LIVE_NONE = 0, LIVE_ACCEPT = 1, LIVE_REJECT = 2, LIVE_AMEND = 3 } live_answer;

/* One text of the talks and the party's own latest answer to it (LIVE_NONE: it gave none). */
typedef struct live_step {
    const uint32_t *text; /* one value index per issue */
    live_answer answer;
    const parley_change *changes; /* LIVE_AMEND: the issues it asked to change */
    size_t change_count;
} live_step;

/* The agent's answer to the last text. */
typedef struct live_move {
    live_answer answer;       /* LIVE_ACCEPT, LIVE_REJECT or LIVE_AMEND */
    parley_change *changes;   /* room for one per issue (the caller's) */
    size_t change_count;
    char reason[2 * PARLEY_REASON_MAX];
} live_move;

/*
 * Party `party` (a negotiator number) answers steps[n - 1].text with the agent
 * `vt` (params as in its spec).  The clock: text i (1-based) is round i of
 * `rounds` (later texts count as the last round).  An accept of a text that
 * breaks the party's red lines or a global constraint, a walk-away or a vote
 * becomes a rejection with the reason; a counter-offer becomes the amendments
 * that turn the text into it.  0, or an error code with err set (the agent
 * failed, out of memory).
 */
int live_respond(const parley_scenario *sc, size_t party, const parley_agent_vtable *vt, const char *params,
                 uint64_t seed, long rounds, const live_step *steps, size_t n, live_move *out, parley_error *err);

/*
 * The mediator's drafting helper: the built-in shuttle mediator (trusted with
 * every profile in sc) composes a new text from `text` (NULL: none tabled yet,
 * it opens with its first text) and each party's answer to it (answers[k] may
 * have LIVE_NONE: its position is the text).  Writes the draft to out and its
 * changes to changes (room for one per issue); returns the change count, or -1
 * with err set.
 */
long live_draft(const parley_scenario *sc, uint64_t seed, double t, const uint32_t *text, const live_step *answers,
                uint32_t *out, parley_change *changes, parley_error *err);

#endif

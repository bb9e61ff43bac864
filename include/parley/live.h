/*
 * parley/live.h: an agent seated at live talks (`parley serve`), one answer at
 * a time, as JSON text: the server's agent processes and the Python package
 * (python/parley/seat.py) call these.
 *
 * Answer request (the party's own view only; docs/api.md, "Agents at the table"):
 *   {"scenario": {...native scenario...}, "party": "Buyer", "agent": "boulware:e=0.2",
 *    "seed": 1, "rounds": 20,
 *    "texts": [{"outcome": {issue: value}, "answer": "accept"|"reject"|"amend"|null,
 *               "amendments": [{"issue", "value"}]}, ...]}
 * `texts` are the texts tabled so far, oldest first, each with the party's own
 * latest answer; the last one is the text to answer.  The reply is the body of
 * a response: {"answer": "accept"|"reject"|"amend", "reason": "..."|null,
 * "amendments": [{"issue", "value", "reason"}]}.
 *
 * Draft request (the mediator's drafting helper; the scenario holds every
 * profile the mediator is trusted with):
 *   {"scenario": {...}, "seed": 1, "rounds": 20, "number": 3, "text": {issue: value} | null,
 *    "answers": {"Buyer": {"answer", "amendments"}, ...}}
 * Reply: {"outcome": {issue: value}, "changes": [{"issue", "from", "value", "reason"}]}.
 */
#ifndef PARLEY_LIVE_H
#define PARLEY_LIVE_H

#include <parley/agent.h>
#include <parley/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Answers the last text of `request` with `vt` (its params from the spec in
 * "agent"); vt NULL: the built-in agent the spec names.  *answer is a new
 * string (parley_free).  PARLEY_EINVAL for a request that does not read.
 */
int parley_live_answer(const char *request, const parley_agent_vtable *vt, char **answer, parley_error *err);

/* The drafting helper's next text for the draft request; *draft a new string (parley_free). */
int parley_live_draft(const char *request, char **draft, parley_error *err);

#ifdef __cplusplus
}
#endif
#endif

/*
 * genius_outcome_space.h: GENIUS's plain OutcomeSpace (genius.core.boaframework)
 * for ports whose original uses it rather than the sorted one: every package in
 * BidIterator order (the first issue varying fastest) with its utility, and the
 * original's queries over that order (getMaxUtilityBid, getBidNearUtility,
 * getBidsinRange), answered through an index sorted by utility so that a query
 * costs a search, not a pass over the space.  Spaces above a bound use the
 * view's (possibly sampled) sorted packages, in ascending utility, instead.
 */
#ifndef PARLEY_GENIUS_OUTCOME_SPACE_H
#define PARLEY_GENIUS_OUTCOME_SPACE_H

#include <stddef.h>
#include <stdint.h>

#include <parley/agent.h>

struct genius_outcome_entry {
    double u;
    size_t pos; /* position in BidIterator order */
};

typedef struct {
    double *u;                          /* [count] utilities in BidIterator order */
    uint64_t *id;                       /* [count] package numbers (sampled spaces: ranks in the view's list) */
    struct genius_outcome_entry *by_u;  /* [count] ascending utility, then position */
    size_t count;
    int enumerated;
} genius_outcome_space;

/* Builds it (feasible packages within the agent's red lines only); PARLEY_ENOMEM. Spaces above max_enumerate
   packages: the view's sorted packages. */
int genius_outcome_space_build(genius_outcome_space *s, parley_agent_view *v, uint64_t max_enumerate);
void genius_outcome_space_free(genius_outcome_space *s);
/* Package at position j into out; its utility. */
double genius_outcome_space_at(const genius_outcome_space *s, parley_agent_view *v, size_t j, uint32_t *out);
/* getMaxUtilityBid: the position of the first package with the largest utility above 0 (count when none). */
size_t genius_outcome_space_best(const genius_outcome_space *s);
/* getBidNearUtility: the position of the first package strictly nearest the target (0 when none is within 1). */
size_t genius_outcome_space_near(const genius_outcome_space *s, double target);
/* getBidsinRange: the positions of the packages strictly inside (lower, upper), in BidIterator order, into
   *positions (grown as needed, the caller frees it); their number, or (size_t)-1 when out of memory. */
size_t genius_outcome_space_range(const genius_outcome_space *s, double lower, double upper, size_t **positions,
                                  size_t *capacity);

#endif

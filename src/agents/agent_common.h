/*
 * agent_common.h: moves shared by the built-in agents.  Each built-in agent
 * decides one number, the utility it aims at now (its target), and these
 * helpers turn a target into a move under every protocol: offer the package
 * just above it, accept what is worth at least as much as that offer, vote,
 * ratify, or amend the mediator's text towards it.
 */
#ifndef PARLEY_AGENTS_AGENT_COMMON_H
#define PARLEY_AGENTS_AGENT_COMMON_H

#include <parley/agent.h>

/*
 * Faratin, Sierra and Jennings (1998) time-dependent tactic:
 * pmin + (pmax - pmin) * (1 - F(t)), F(t) = k + (1 - k) * t^(1/e).
 * e < 1 Boulware, e = 1 linear, e > 1 conceder, e = 0 never concedes (F = k).
 */
double agent_td_target(double t, double e, double k, double pmin, double pmax);

/* The floor of the agent's concessions: its reservation value now, or its worst package when higher. */
double agent_floor(parley_agent_view *v);

/* 1 when the package is feasible (the scenario's constraints) and the agent's red lines hold. */
int agent_admissible(parley_agent_view *v, const uint32_t *outcome);

/* 1 when the agent may accept the package now: admissible and worth its reservation value. */
int agent_acceptable(parley_agent_view *v, const uint32_t *outcome);

/*
 * A full move for `request` given the agent's target utility: alternating
 * offers accept when the standing offer is worth at least the agent's next offer
 * (AC_next), otherwise offer the package just above the target; walk away when
 * nothing it could accept is left (its reservation is above its best package).
 * Votes, ratification and shuttle answers as documented in docs/protocols.md.
 */
int agent_act_target(parley_agent_view *v, parley_request request, double target, parley_action *act);

/*
 * GENIUS's SortedOutcomeSpace.getBidNearUtility (genius_sorted_space.c): its
 * bisection's index over the packages by descending utility (equal ones by
 * BidDetails.hashCode), or the next one down when strictly nearer the target.
 * Writes it to out and returns its utility.
 */
double agent_bid_near(parley_agent_view *v, double target, uint32_t *out);

/*
 * agent_act_target, but under alternating offers the bid is agent_bid_near's
 * and the standing offer is accepted when worth at least that bid (GENIUS's
 * TimeDependentAgent: `>=`, AC_next(1, 0)), even below the reservation value
 * (the nearest bid may lie just below it; red lines and constraints still hold).
 */
int agent_act_target_near(parley_agent_view *v, parley_request request, double target, parley_action *act);

/*
 * parley's scenarios have global constraints and red lines that GENIUS domains
 * lack, so an agent ported from GENIUS may offer a package that breaks them
 * (an opponent's bid offered back, a random draw).  When act (after an act
 * that returned rc) is such an offer, it is replaced by the acceptable package
 * nearest in utility (agent_bid_near), or a walk-away when the agent has none;
 * on a GENIUS domain it never changes anything.  Returns rc.
 */
int agent_keep_within(parley_agent_view *v, parley_action *act, int rc);

/* Defines `name`, an agent's act function: `raw` followed by agent_keep_within. */
#define AGENT_KEEP_WITHIN(name, raw)                                                                         \
    static int name(void *state, parley_agent_view *v, parley_request request, parley_action *act)          \
    {                                                                                                        \
        return agent_keep_within(v, act, raw(state, v, request, act));                                       \
    }

#endif

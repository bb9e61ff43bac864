/*
 * anac_agent_gg.h: the parts of AgentGG (anac_agent_gg.c) that tests check by
 * hand: its importance map built from a ranking of bids, and its threshold
 * schedule.
 */
#ifndef PARLEY_AGENTS_ANAC_AGENT_GG_H
#define PARLEY_AGENTS_ANAC_AGENT_GG_H

#include <stddef.h>
#include <stdint.h>

/*
 * Importance tables hold one entry per value of every issue; issue i's values
 * start at off[i].  Building the agent's own map from a ranking, worst bid
 * first: agentgg_map_add for the bid at 1-based position p (it adds p to the
 * weight sum and 1 to the count of each of its values), then agentgg_map_finish
 * turns the sums into importances: the mean position of the ranked bids holding
 * the value (0 for a value no ranked bid holds), minus the smallest of the
 * issues' lowest means.
 */
void agentgg_map_add(double *weight_sum, double *count, const size_t *off, size_t issues, const uint32_t *bid,
                     double position);
void agentgg_map_finish(double *weight_sum, const double *count, const size_t *off, size_t issues);

/*
 * AgentGG's lower threshold (as a ratio of its importance range) at time t,
 * given the estimated Nash ratio N and its reservation ratio R: 0.9999 before
 * t = 0.01, 0.99 before 0.02, falling linearly to 0.9 at t = 0.2, to
 * N + 0.3(1 - N) at 0.5, N + 0.15(1 - N) at 0.9, N + 0.05(1 - N) at 0.98 (at
 * least R + 0.3), N at 0.995 (at least R + 0.25), towards N - 0.35(1 - N) at
 * 0.9989, then N - 0.4(1 - N) from 0.999 (at least R + 0.2).  It offers bids
 * between this ratio and 0.1 above it.
 */
double agentgg_threshold(double t, double nash, double reservation_ratio);

/* For tests, from an agent-gg state (what its create made): its reservation ratio, the reservation value
   times the median ranked bid's importance ratio over 0.5 (the median of a ranking of n bids: the mean of the
   bids at 1-based positions (n - 1) / 2 and, n even, the one after; none below position 1), and its random
   packages per try (2 |outcomes|, at most 100,000). */
double agentgg_reservation_ratio_of(const void *state);
size_t agentgg_draws_of(const void *state);

#endif

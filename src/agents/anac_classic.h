/*
 * anac_classic.h: what the ported ANAC agents (agent-k, nice-tit-for-tat,
 * cuhk, atlas3; one file each) share: value counts over the opponent's offers,
 * the set of distinct offers received, random packages, GENIUS's discount
 * factor; and their formulas as pure functions, so that tests can pin them.
 */
#ifndef PARLEY_AGENTS_ANAC_CLASSIC_H
#define PARLEY_AGENTS_ANAC_CLASSIC_H

#include <parley/agent.h>

/* How often each value of each issue appeared in the packages counted. */
struct anac_counts {
    size_t issues;
    size_t *offset; /* [issues + 1]: where issue i's values start in n */
    unsigned *n;
};
int anac_counts_init(struct anac_counts *c, const parley_space *space);
void anac_counts_free(struct anac_counts *c);
void anac_counts_add(struct anac_counts *c, const uint32_t *outcome);
/* Sum over the issues of the count of the package's value. */
unsigned long anac_counts_score(const struct anac_counts *c, const uint32_t *outcome);
/* The most frequent value of an issue, ties broken at random (as GENIUS agents do by shuffling first). */
uint32_t anac_counts_most_frequent(const struct anac_counts *c, size_t issue, parley_agent_view *v);

/* The distinct packages received, in order of first appearance, each with its own utility and how often seen. */
struct anac_bids {
    size_t issues, count, cap;
    uint32_t *values; /* [cap * issues] */
    double *utility;
    unsigned *times;
};
void anac_bids_free(struct anac_bids *b);
/* Records one more sighting; returns its index, or -1 when out of memory. */
long anac_bids_add(struct anac_bids *b, const uint32_t *outcome, double utility);
const uint32_t *anac_bids_at(const struct anac_bids *b, size_t i);

/* A uniformly random index below n (n > 0), and a uniformly random package of the whole space. */
size_t anac_random_index(parley_agent_view *v, size_t n);
/* GENIUS's getMaxUtilityBid: the first package with the largest utility in BidIterator order (the first issue
   varying fastest) into out; its utility, -1 when there is none. */
double anac_max_utility_bid(parley_agent_view *v, uint32_t *out);
void anac_random_outcome(parley_agent_view *v, uint32_t *out);
/* The discount factor as GENIUS reads it: d in (0, 1], anything else is 1. */
double anac_discount(parley_agent_view *v);
/* Java's Math.min / Math.max (NaN wins, unlike fmin / fmax). */
double anac_jmin(double a, double b);
double anac_jmax(double a, double b);

/* --- The formulas (docs/agents.md) --- */

/* AgentK: one evaluation of an offer worth `offered`, given the mean and variance of all offers received so far
   (this one included) and the time; `tremor_draw` in [0, 1) moves its bid-target exponent. */
struct agentk_eval {
    double estimate_max, target, bid_target, p;
};
void agentk_evaluate(double offered, double mean, double variance, double t, double tremor_draw,
                     struct agentk_eval *out);
/* AgentK: the keys (HashMap bucket << 32 | arrival index) of the received offers above its target, put in
   offeredBidMap.keySet() order: by bucket, then in the order they arrived (ascending keys). */
void agentk_keyset_sort(uint64_t *keys, size_t n);
/* AgentK: the bucket count of its HashMap of `count` received offers (java.util.HashMap: 16, doubled while the
   entries pass three quarters of it); a key's bucket is (h ^ h >>> 16) & (capacity - 1). */
uint32_t agentk_keyset_capacity(size_t count);

/* NiceTitForTat: the multiplier of its Nash estimate at a gap, and its concession bonus. */
double ntft_nash_multiplier(double gap);
double ntft_bonus(double t, double discount, int big_domain);
/* Its target before the bonus: 1 - min(1, concession / (nash - first)) * (1 - nash). */
double ntft_target(double nash, double first_min, double best_received);

/* CUHKAgent: its concede-to time before the opponent model (from the discount factor), and its threshold. */
double cuhk_concede_time(double discount);
/* `size`: number of packages; `threshold` the previous threshold (it never rises in the undiscounted case). */
double cuhk_threshold(double t, double max_u, double discount, double concede_time, double size, double threshold);
/* For tests, from a cuhk state: how many packages its utility bins hold (its best package and every package of
   a space below 20,000, else its best and 20,001 drawn at random; those its red lines or the constraints refuse
   left out). */
size_t cuhk_binned_count(const void *state);
/* The opponent's concession degree from its last ten distinct offers (times[i]: how often offer i came). */
double cuhk_concession_degree(const unsigned *times, size_t distinct);

/* Atlas3: its threshold at t from its reservation value, discount and the best utility offered to it. */
double atlas3_threshold(double t, double discount, double reservation, double best_offered);

/* Grows three parallel arrays to `cap` elements of sizes[k] bytes each (arrays[k] replaced when its realloc
 * succeeded, so all stay valid: the caller stores them back): 0, or -1 when any could not grow. */
int anac_grow3(size_t cap, void *arrays[3], const size_t sizes[3]);

#endif

/*
 * anac_java_random.h: java.util.Random (the 48-bit linear congruential
 * generator of the JDK, same constants and methods), for ANAC ports whose
 * original draws from a generator GENIUS seeds itself: an
 * AbstractNegotiationParty's `rand` is new Random(session seed + party index),
 * so with the same seed the port draws exactly the original's numbers.
 */
#ifndef PARLEY_ANAC_JAVA_RANDOM_H
#define PARLEY_ANAC_JAVA_RANDOM_H

#include <stdint.h>

#include <parley/agent.h>
#include <parley/space.h>

typedef struct {
    uint64_t seed; /* 48-bit state */
} java_random;

/* new Random(seed) */
void java_random_init(java_random *r, int64_t seed);
/* next(bits): the top `bits` bits of the next state, as Java's int */
int32_t java_random_next(java_random *r, int bits);
/* nextInt(bound), bound > 0 */
int32_t java_random_next_int(java_random *r, int32_t bound);
/* nextDouble() in [0, 1) */
double java_random_next_double(java_random *r);

/* The seed GENIUS's reference harness (../shared/genius-reference/harness, DET=1) gives the n-th (1-based)
   unseeded new Random() of a run started with --seed base: SplitMix64 of base + n * 0x9E3779B97F4A7C15
   (genius_run.DetRandom.nextSeed).  The original calls new Random() without a seed; this is the draw the
   reference traces were made with. */
int64_t java_random_harness_seed(uint64_t base, uint64_t n);

/*
 * The harness numbers the unseeded generators of a run in the order they are
 * made: party 0's made at its start, then party 1's, then those made while
 * they negotiate.  An agent's parameter opponent_generators = N (default 0)
 * says how many its opponent makes at its start (HardHeaded 2, AgentK 4,
 * CUHKAgent, NiceTitForTat, PonPokoAgent 1; tests/genius/compare_traces.py
 * passes it): the number of this agent's k-th generator is k, plus N when it
 * is party 1 or makes it while negotiating (`later`).
 */
int java_random_harness_param(const char *agent, const char *params, uint64_t *opponent_generators,
                              parley_error *err);
uint64_t java_random_harness_number(const parley_agent_view *v, uint64_t opponent_generators, uint64_t k,
                                    int later);
/* new Random() of the reference harness: java_random_init with the seed of generator number n of this run. */
void java_random_init_harness(java_random *r, const parley_agent_view *v, uint64_t n);

/* Java's String.hashCode of a UTF-8 label (over its UTF-16 code units). */
int32_t java_string_hash(const char *label);
/* GENIUS's Bid.hashCode: the sum of its values' hashCode (a discrete value's: its label's String.hashCode). */
int32_t java_bid_hash(const parley_space *space, const uint32_t *values);
/* GENIUS's BidDetails.hashCode of a package with utility u at time 0 (the tie-break of BidDetailsSorterUtility). */
int32_t java_bid_details_hash(const parley_space *space, const uint32_t *values, double u);
/* The same with its time field (OutcomeSpace makes every BidDetails with time -1). */
int32_t java_bid_details_hash_at(const parley_space *space, const uint32_t *values, double u, double time);

#endif

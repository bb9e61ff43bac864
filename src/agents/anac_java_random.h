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

/* Java's String.hashCode of a UTF-8 label (over its UTF-16 code units). */
int32_t java_string_hash(const char *label);
/* GENIUS's Bid.hashCode: the sum of its values' hashCode (a discrete value's: its label's String.hashCode). */
int32_t java_bid_hash(const parley_space *space, const uint32_t *values);

#endif

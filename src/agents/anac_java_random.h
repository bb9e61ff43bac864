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

#endif

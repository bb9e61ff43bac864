/*
 * anac_java_random.c: java.util.Random as the JDK defines it (seed scrambled
 * with 0x5DEECE66D; state' = state * 0x5DEECE66D + 0xB mod 2^48; next(bits) the
 * top bits; nextDouble from 26 + 27 bits; nextInt(bound) by rejection), so that
 * a port replays the draws of a GENIUS agent seeded by the session.
 */
#include "agents/anac_java_random.h"

#include <stdint.h>

#define JAVA_MULTIPLIER 0x5DEECE66Dull
#define JAVA_ADDEND 0xBull
#define JAVA_MASK ((1ull << 48) - 1)

void java_random_init(java_random *r, int64_t seed) { r->seed = ((uint64_t)seed ^ JAVA_MULTIPLIER) & JAVA_MASK; }

int32_t java_random_next(java_random *r, int bits)
{
    r->seed = (r->seed * JAVA_MULTIPLIER + JAVA_ADDEND) & JAVA_MASK;
    return (int32_t)(uint32_t)(r->seed >> (48 - bits));
}

int32_t java_random_next_int(java_random *r, int32_t bound)
{
    if ((bound & -bound) == bound) /* a power of two: the top bits */
        return (int32_t)(((int64_t)bound * (int64_t)java_random_next(r, 31)) >> 31);
    int32_t bits, val;
    do {
        bits = java_random_next(r, 31);
        val = bits % bound;
    } while ((int64_t)bits - val + (bound - 1) > INT32_MAX); /* Java: the int sum overflows */
    return val;
}

double java_random_next_double(java_random *r)
{
    int64_t high = java_random_next(r, 26), low = java_random_next(r, 27);
    return (double)((high << 27) + low) * 0x1.0p-53;
}

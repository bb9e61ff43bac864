/*
 * anac_java_random.c: java.util.Random as the JDK defines it (seed scrambled
 * with 0x5DEECE66D; state' = state * 0x5DEECE66D + 0xB mod 2^48; next(bits) the
 * top bits; nextDouble from 26 + 27 bits; nextInt(bound) by rejection), so that
 * a port replays the draws of a GENIUS agent seeded by the session.
 */
#include "agents/anac_java_random.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

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

int64_t java_random_harness_seed(uint64_t base, uint64_t n)
{
    uint64_t z = base + 0x9E3779B97F4A7C15ull * n;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (int64_t)(z ^ (z >> 31));
}

int32_t java_string_hash(const char *label)
{
    uint32_t h = 0;
    const unsigned char *s = (const unsigned char *)label;
    while (*s) {
        uint32_t c = *s++;
        int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        if (more)
            c &= 0x3Fu >> more;
        for (; more && (*s & 0xC0) == 0x80; more--)
            c = (c << 6) | (*s++ & 0x3F);
        if (c >= 0x10000) { /* a surrogate pair */
            h = 31 * h + (0xD800 + ((c - 0x10000) >> 10));
            c = 0xDC00 + ((c - 0x10000) & 0x3FF);
        }
        h = 31 * h + c;
    }
    return (int32_t)h;
}

int32_t java_bid_hash(const parley_space *space, const uint32_t *values)
{
    uint32_t h = 0;
    for (size_t k = 0; k < parley_space_issue_count(space); k++) {
        const char *label = parley_issue_label(space, k, values[k]);
        h += (uint32_t)java_string_hash(label ? label : "");
    }
    return (int32_t)h;
}

int32_t java_bid_details_hash_at(const parley_space *space, const uint32_t *values, double u, double time)
{
    /* 31 (31 (31 + Bid.hashCode) + fold(u)) + fold(time), fold(x) the halves of doubleToLongBits(x) xored */
    uint64_t bits[2];
    double x[2] = {u, time};
    for (int k = 0; k < 2; k++) {
        memcpy(&bits[k], &x[k], sizeof bits[k]);
        if (isnan(x[k]))
            bits[k] = 0x7ff8000000000000ull; /* Java's canonical NaN */
    }
    uint32_t h = 31u * (31u + (uint32_t)java_bid_hash(space, values)) + (uint32_t)(bits[0] ^ (bits[0] >> 32));
    return (int32_t)(31u * h + (uint32_t)(bits[1] ^ (bits[1] >> 32)));
}

int32_t java_bid_details_hash(const parley_space *space, const uint32_t *values, double u)
{
    return java_bid_details_hash_at(space, values, u, 0);
}

int java_random_harness_param(const char *agent, const char *params, uint64_t *opponent_generators,
                              parley_error *err)
{
    static const char *const keys[] = {"opponent_generators", NULL};
    double n;
    int rc = parley_agent_params_check(agent, params, keys, err);
    if (rc || (rc = parley_agent_param_double(agent, params, "opponent_generators", 0, &n, err)))
        return rc;
    if (!(n >= 0 && n <= 1e6 && n == floor(n)))
        return parley_error_set(err, PARLEY_EINVAL, "agent %s: opponent_generators=%g (expected a count, 0 or more)",
                                agent, n);
    *opponent_generators = (uint64_t)n;
    return PARLEY_OK;
}

uint64_t java_random_harness_number(const parley_agent_view *v, uint64_t opponent_generators, uint64_t k, int later)
{
    return k + (later || parley_view_party(v) > 0 ? opponent_generators : 0);
}

void java_random_init_harness(java_random *r, const parley_agent_view *v, uint64_t n)
{
    java_random_init(r, java_random_harness_seed(parley_view_seed(v), n));
}

/* random_numbers.h: the xorshift generator of the exact-path tests (test_exact*.c), one stream per program. */
#ifndef PARLEY_TESTS_RANDOM_NUMBERS_H
#define PARLEY_TESTS_RANDOM_NUMBERS_H

#include <stdint.h>

static uint64_t random_state = 0x2545f4914f6cdd1dULL;

static inline uint64_t rnd(void)
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 7;
    random_state ^= random_state << 17;
    return random_state;
}

static inline unsigned pick(unsigned n) { return (unsigned)(rnd() % n); }
static inline double uniform(void) { return (double)(rnd() >> 11) / 9007199254740992.0; }

#endif

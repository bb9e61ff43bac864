/*
 * random_numbers.h: the xorshift generator of the exact-path and nearest-package tests, one stream per program,
 * and the random integer spaces they draw.
 */
#ifndef PARLEY_TESTS_RANDOM_NUMBERS_H
#define PARLEY_TESTS_RANDOM_NUMBERS_H

#include <parley/space.h>
#include <stdint.h>
#include <stdio.h>

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

/*
 * Integer issues i0, i1, ... of 2 + pick(spread) values each, added until the space has at least `target` outcomes
 * or max_issues issues.  With cap > 0 the space holds no more than cap outcomes: an issue is cut to fit, and the
 * space ends when fewer than two values would.  NULL when out of memory.
 */
static inline parley_space *random_integer_space(double target, unsigned spread, size_t max_issues, double cap)
{
    parley_space *s = parley_space_new();
    double size = 1;
    char name[32];
    for (size_t i = 0; s && size < target && i < max_issues; i++) {
        unsigned n = 2 + pick(spread);
        if (cap > 0 && size * n > cap)
            n = (unsigned)(cap / size);
        if (n < 2)
            break;
        snprintf(name, sizeof name, "i%zu", i);
        if (parley_space_add_integer(s, name, 0, n - 1, 1, NULL) != PARLEY_OK) {
            parley_space_free(s);
            return NULL;
        }
        size *= n;
    }
    return s;
}

#endif

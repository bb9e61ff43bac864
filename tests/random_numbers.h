/*
 * random_numbers.h: the xorshift generator of the exact-path and nearest-package tests, one stream per program,
 * the random integer spaces they draw and the random additive utilities over them.
 */
#ifndef PARLEY_TESTS_RANDOM_NUMBERS_H
#define PARLEY_TESTS_RANDOM_NUMBERS_H

#include <parley/space.h>
#include <parley/utility.h>
#include <math.h>
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

/* Flags of random_additive_utility. */
enum { RANDOM_SOME_ZERO_WEIGHTS = 1, RANDOM_DYADIC_WEIGHTS = 2 };

/*
 * A random additive utility over s (at most 16 issues), drawn in this order: each issue's raw weight (with
 * RANDOM_SOME_ZERO_WEIGHTS 0 one time in five, else coarse ? 1 + pick(3) : uniform() + 0.01), then each issue's
 * values (coarse ? pick(5) / 4 : uniform()).  An issue weighs its raw weight over their sum (1 / issues each when
 * all are 0); with RANDOM_DYADIC_WEIGHTS a coarse one over the power of two at or above the sum instead, so that
 * every sum is exact (true ties).  No reservation is set.  NULL when out of memory.
 */
static inline parley_utility *random_additive_utility(const parley_space *s, int coarse, int flags)
{
    size_t issues = parley_space_issue_count(s);
    parley_utility *u = issues <= 16 ? parley_utility_new(s) : NULL;
    if (!u)
        return NULL;
    double total = 0, w[16];
    for (size_t i = 0; i < issues; i++) {
        int zero = (flags & RANDOM_SOME_ZERO_WEIGHTS) && pick(5) == 0;
        total += w[i] = zero ? 0 : coarse ? 1 + pick(3) : uniform() + 0.01;
    }
    double scale = coarse && (flags & RANDOM_DYADIC_WEIGHTS) ? exp2(ceil(log2(total))) : total;
    for (size_t i = 0; i < issues; i++) {
        parley_utility_set_weight(u, i, scale > 0 ? w[i] / scale : 1.0 / (double)issues);
        for (uint32_t v = 0; v < parley_issue_value_count(s, i); v++)
            parley_utility_set_value(u, i, v, coarse ? pick(5) / 4.0 : uniform());
    }
    return u;
}

#endif

/*
 * additive_space.h: the generated additive scenarios the analysis benchmarks
 * share (bench_analyze.c, bench_exact.c): `exponent` issues of 10 values,
 * random weights and values per party, reservation 0.3, the same for the same
 * arguments; `red_line` (or NULL) becomes the first party's red line.
 */
#ifndef PARLEY_BENCH_ADDITIVE_SPACE_H
#define PARLEY_BENCH_ADDITIVE_SPACE_H

#include <parley/parley.h>
#include <stdio.h>

static inline double additive_space_random(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return (double)(*state >> 11) / 9007199254740992.0;
}

static inline parley_scenario *additive_space(int exponent, int parties, const char *red_line)
{
    uint64_t state = 0x9e3779b97f4a7c15ull ^ (uint64_t)(exponent * 131 + parties);
    parley_space *space = parley_space_new();
    for (int i = 0; i < exponent; i++) {
        char name[24];
        snprintf(name, sizeof name, "issue%d", i);
        parley_space_add_integer(space, name, 0, 9, 1, NULL);
    }
    parley_scenario *sc = parley_scenario_new(space);
    for (int p = 0; p < parties; p++) {
        parley_utility *u = parley_utility_new(space);
        double w[64], total = 0;
        for (int i = 0; i < exponent && i < 64; i++)
            total += w[i] = 0.1 + additive_space_random(&state);
        for (int i = 0; i < exponent && i < 64; i++) {
            parley_utility_set_weight(u, (size_t)i, w[i] / total);
            for (uint32_t v = 0; v < 10; v++)
                parley_utility_set_value(u, (size_t)i, v, additive_space_random(&state));
        }
        parley_utility_set_reservation(u, 0.3);
        char name[16];
        snprintf(name, sizeof name, "P%d", p + 1);
        long index = parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL);
        if (red_line && p == 0)
            parley_scenario_add_constraint(sc, index, "cap", red_line, NULL, NULL, NULL);
    }
    return sc;
}

#endif

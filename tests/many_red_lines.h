/*
 * many_red_lines.h: a scenario generated for the tests and the benchmark of
 * analyses with many conditions: three parties A, B, C over `issues` integer
 * issues i0.. of values 0..5 (five issues: 7,776 outcomes), additive utilities and
 * `lines` red lines, line j belonging to party j % 3, drawn from a fixed
 * generator.  Without conflicts every line reads "iK != v" with v >= 1 (so the
 * outcome of all zeros keeps every line: there is a zone); with conflicts
 * lines also read "iK <= v" and "iK >= v", which collide.
 */
#ifndef PARLEY_TESTS_MANY_RED_LINES_H
#define PARLEY_TESTS_MANY_RED_LINES_H

#include <stdint.h>
#include <stdio.h>

#include <parley/parley.h>

static inline uint64_t many_red_lines_next(uint64_t *state)
{
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    return *state >> 33;
}

/* NULL when the library refuses a piece (it should not). */
static inline parley_scenario *many_red_lines_over(size_t issues, size_t lines, int with_conflicts, uint64_t seed)
{
    parley_space *space = parley_space_new();
    char name[32], rule[64];
    for (size_t i = 0; i < issues; i++) {
        snprintf(name, sizeof name, "i%zu", i);
        if (parley_space_add_integer(space, name, 0, 5, 1, NULL) != PARLEY_OK)
            return NULL;
    }
    parley_scenario *sc = parley_scenario_new(space);
    uint64_t state = seed;
    for (int p = 0; p < 3; p++) {
        parley_utility *u = parley_utility_new(space);
        for (size_t i = 0; i < issues; i++) {
            parley_utility_set_weight(u, i, 1.0 / (double)issues);
            for (uint32_t v = 0; v < 6; v++)
                parley_utility_set_value(u, i, v, (double)(many_red_lines_next(&state) % 101) / 100.0);
        }
        snprintf(name, sizeof name, "%c", 'A' + p);
        if (parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL) < 0)
            return NULL;
    }
    for (size_t j = 0; j < lines; j++) {
        unsigned issue = (unsigned)(many_red_lines_next(&state) % issues), kind = (unsigned)(many_red_lines_next(&state) % 4);
        unsigned value = (unsigned)(many_red_lines_next(&state) % 5) + 1;
        if (!with_conflicts || kind < 2)
            snprintf(rule, sizeof rule, "i%u != %u", issue, value);
        else if (kind == 2)
            snprintf(rule, sizeof rule, "i%u <= %u", issue, value);
        else
            snprintf(rule, sizeof rule, "i%u >= %u", issue, value - 1);
        snprintf(name, sizeof name, "line%zu", j);
        if (parley_scenario_add_constraint(sc, (long)(j % 3), name, rule, NULL, NULL, NULL) != PARLEY_OK)
            return NULL;
    }
    return sc;
}

static inline parley_scenario *many_red_lines(size_t lines, int with_conflicts, uint64_t seed)
{
    return many_red_lines_over(5, lines, with_conflicts, seed);
}

#endif

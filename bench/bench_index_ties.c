/*
 * bench_index_ties.c: the sorted package index (parley_package_index_build_sorted) on 2^21 packages (three
 * issues of 128 values, weights 1/3) whose utilities are sums of quarters: sums of different values that are
 * equal on paper differ in their last bits, so the radix sort's rounded keys tie in runs of ~10^5 packages that
 * the exact order must then sort.  Beside it the same space with continuous values (no such runs).  Prints the
 * CPU seconds of each build; the near-tied space took 11.3 CPU s when the runs were sorted by insertion.
 */
#include <parley/parley.h>

#include <stdint.h>
#include <stdio.h>
#include <time.h>

static uint64_t state = 88172645463325252ull;

static uint64_t draw(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static double build_seconds(int quarters)
{
    parley_space *s = parley_space_new();
    char name[16];
    for (int i = 0; i < 3; i++) {
        snprintf(name, sizeof name, "i%d", i);
        parley_space_add_integer(s, name, 0, 127, 1, NULL);
    }
    parley_scenario *sc = parley_scenario_new(s);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        for (int i = 0; i < 3; i++) {
            parley_utility_set_weight(u, i, 1.0 / 3);
            for (uint32_t v = 0; v < 128; v++)
                parley_utility_set_value(u, i, v,
                                         p ? 0.5 : quarters ? (double)(draw() % 5) / 4.0
                                                            : (double)(draw() >> 11) / 9007199254740992.0);
        }
        snprintf(name, sizeof name, "P%d", p);
        parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL);
    }
    parley_package_index *idx = NULL;
    clock_t start = clock();
    int rc = parley_package_index_build_sorted(sc, 0, 1, &idx, NULL);
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    if (rc != PARLEY_OK)
        fprintf(stderr, "bench_index_ties: the index was not built (%d)\n", rc);
    parley_package_index_free(idx);
    parley_scenario_free(sc);
    return rc == PARLEY_OK ? seconds : -1;
}

int main(void)
{
    double tied = build_seconds(1), continuous = build_seconds(0);
    printf("sorted index of 2^21 packages: near-tied sums %.2f CPU s, continuous values %.2f CPU s\n", tied,
           continuous);
    return tied < 0 || continuous < 0;
}

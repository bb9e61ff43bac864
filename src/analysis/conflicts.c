/* conflicts.c: minimal sets of conditions (red lines, reservation values) that no outcome satisfies together. */
#include <parley/analysis.h>

#include <stdlib.h>

#include "analysis/analysis_internal.h"

static int popcount32(uint32_t x)
{
    return __builtin_popcount(x);
}

size_t parley_analysis_minimal_conflicts(const parley_analysis *a, uint32_t *masks, size_t max)
{
    if (!a->satisfying || a->acceptable > 0)
        return 0;
    size_t C = a->condition_count;
    uint32_t limit = (uint32_t)1 << C;
    size_t found = 0;
    /* Smallest sets first: walk masks by size. */
    for (int size = 1; size <= (int)C; size++)
        for (uint32_t m = 1; m < limit; m++) {
            if (popcount32(m) != size)
                continue;
            uint64_t count;
            parley_analysis_count_satisfying(a, m, &count);
            if (count != 0)
                continue;
            int minimal = 1;
            for (size_t c = 0; c < C && minimal; c++)
                if (m >> c & 1) {
                    uint64_t without;
                    parley_analysis_count_satisfying(a, m & ~((uint32_t)1 << c), &without);
                    minimal = without > 0;
                }
            if (!minimal)
                continue;
            if (found < max && masks)
                masks[found] = m;
            found++;
        }
    return found;
}

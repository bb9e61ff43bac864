/* splitmix.h: SplitMix64, the small seeded generator behind sampling, bootstraps and rankings. */
#ifndef PARLEY_CORE_SPLITMIX_H
#define PARLEY_CORE_SPLITMIX_H

#include <stdint.h>

/* The next number of the stream whose state is *s. */
static inline uint64_t parley_splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

#endif

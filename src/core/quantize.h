/* quantize.h: the 2^-32 grid every utility is compared on (the analysis, the server, the diagnosis). */
#ifndef PARLEY_CORE_QUANTIZE_H
#define PARLEY_CORE_QUANTIZE_H

/* Caps a utility at 1 as GENIUS does (parley_utility_eval) and rounds it to a multiple of 2^-32 (exact for
   |u| < 2^19): equal sums compare equal. */
static inline double quantize_utility(double u)
{
    u = u > 1 ? 1 : u;
    const double shift = 0x1.8p20; /* 1.5 * 2^20: adding it leaves 32 fractional bits */
    double t = u + shift; /* not reassociated: the build never uses -ffast-math */
    return t - shift;
}

#endif

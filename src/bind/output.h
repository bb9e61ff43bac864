/* output.h: what the library's text output shares with the command line (not public API). */
#ifndef PARLEY_BIND_OUTPUT_H
#define PARLEY_BIND_OUTPUT_H

#include <parley/parley.h>

/*
 * A native scenario divides weights within PARLEY_WEIGHT_TOLERANCE of 1 by their sum (or refuses them): for each
 * such party, the warning `parley convert` (and Python's Scenario.save) gives, since what GENIUS kept raw changes;
 * and for each nonlinear party, that its hyperrectangles are left out (the native format has no form for them).
 * Nothing when warn is NULL.
 */
void parley_warn_native_weights(const parley_scenario *sc, parley_warn_fn warn, void *warn_ctx);

#endif

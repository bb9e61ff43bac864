/* stats_internal.h: what tournament.c asks of stats.c while a run is still alive. */
#ifndef PARLEY_TOURNAMENT_STATS_INTERNAL_H
#define PARLEY_TOURNAMENT_STATS_INTERNAL_H

#include <parley/stats.h>

/* The accuracy of a `model` of each party at the end of `neg`, into out[parties] (NaN when a party made no offer). */
int tournament_model_accuracy(const parley_negotiation *neg, const parley_scenario *sc, const char *model,
                              size_t samples, parley_model_accuracy *out, size_t parties, parley_error *err);

#endif

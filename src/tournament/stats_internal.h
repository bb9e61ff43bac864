/* stats_internal.h: what tournament.c asks of stats.c (model accuracy) and uncertain.c (preference uncertainty). */
#ifndef PARLEY_TOURNAMENT_STATS_INTERNAL_H
#define PARLEY_TOURNAMENT_STATS_INTERNAL_H

#include <parley/stats.h>

/* The accuracy of a `model` of each party at the end of `neg` into out[0 .. parties-1], and after each quarter of
   its offers into out[parties + 4k .. parties + 4k + 3] (NaN when there are too few offers). */
int tournament_model_accuracy(const parley_negotiation *neg, const parley_scenario *sc, const char *model,
                              size_t samples, parley_model_accuracy *out, size_t parties, parley_error *err);

/* The scenario the agents negotiate on when cfg asks for preference uncertainty (*out NULL when it does not). */
int tournament_uncertain_scenario(const parley_scenario *sc, const parley_tournament_config *cfg,
                                  parley_scenario **out, parley_error *err);
/* Rescores a negotiation run on an uncertain copy with the true utilities of `truth`, less elicitation costs. */
void tournament_true_utilities(const parley_negotiation *neg, const parley_scenario *truth,
                               const parley_tournament_config *cfg, double *utility, double *discounted);

/* A CSV field of the tournament's and the statistics' CSV: quoted (quotes doubled) when it holds a comma, a quote
   or a line break (tournament_output.c). */
void tournament_csv_field(FILE *out, const char *text);

#endif

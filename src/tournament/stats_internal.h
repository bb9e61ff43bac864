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

/* The tournament's JSON object (tournament_output.c; NULL when out of memory) and the statistics' JSON object
   (stats_output.c), so that `tournament --json --stats` writes both as one. */
struct json_t *tournament_json(const parley_tournament *t);
struct json_t *tournament_stats_json(const parley_tournament_stats *s, const parley_tournament *t);

/* Welch's t-test (stats_welch.c): the two-sided p-value that two means differ, from each sample's mean, sample
   variance and size, with Student's t at the Welch-Satterthwaite degrees of freedom (NaN below 2 per sample). */
double stats_welch_p_value(double mean_a, double var_a, double n_a, double mean_b, double var_b, double n_b);
/* P(|T| >= |t|) for Student's T with df degrees of freedom. */
double stats_student_t_two_sided(double t, double df);

#endif

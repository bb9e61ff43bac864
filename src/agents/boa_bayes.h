/*
 * boa_bayes.h: the scalable Bayesian opponent model of GENIUS (boa_bayes.c),
 * used by boa_model.c behind parley_opponent_model "bayes".
 */
#ifndef PARLEY_AGENTS_BOA_BAYES_H
#define PARLEY_AGENTS_BOA_BAYES_H

#include <parley/space.h>

struct boa_bayes;

/* A model over `space` with its prior; NULL when out of memory. */
struct boa_bayes *boa_bayes_new(const parley_space *space);
void boa_bayes_free(struct boa_bayes *b);
/* Learns from a bid (ignored when seen before, or once the model has broken down).  0 or PARLEY_ENOMEM. */
int boa_bayes_observe(struct boa_bayes *b, const uint32_t *bid);
/* The normalised expected utility of an outcome, in [0,1]; 0 for every outcome once broken down. */
double boa_bayes_eval(const struct boa_bayes *b, const uint32_t *outcome);

#endif

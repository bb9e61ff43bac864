/* anac_hardheaded.h: the parts of HardHeaded (anac_hardheaded.c) that tests check on their own. */
#ifndef PARLEY_AGENTS_ANAC_HARDHEADED_H
#define PARLEY_AGENTS_ANAC_HARDHEADED_H

#include <stddef.h>
#include <stdint.h>

/*
 * KLH.updateLearner's issue weights after the opponent's offer `last` following
 * `previous` (n issues): every issue it left unchanged gains 0.2/n, all are
 * divided by 1 + 0.2/n * (issues unchanged), issue after issue through GENIUS's
 * AdditiveUtilitySpace.setWeight (which renormalises every weight w to
 * w - (sum - 1)(w + 0.05)/(sum + 0.05 n) after each change).
 */
void hardheaded_learn_weights(double *weight, size_t n, const uint32_t *last, const uint32_t *previous);
/* The same update with learning coefficient `coef` in place of 0.2 (TheFawkes_OM's is 0.8). */
void genius_learn_issue_weights(double *weight, size_t n, const uint32_t *last, const uint32_t *previous, double coef);

#endif

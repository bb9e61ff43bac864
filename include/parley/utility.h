/*
 * parley/utility.h: one party's preferences over a space: a utility function.
 *
 * The additive part gives each issue a weight and each value a utility in
 * [0,1]; an outcome is worth the weighted sum.  A non-linear part (GENIUS
 * hyperrectangle profiles) adds, for every rectangle of the space containing the
 * outcome, that rectangle's utility, the total divided by a scale.  Also held
 * here: the reservation value (what walking away is worth), optionally changing
 * over time (pressure), and the discount factor d applied as u * d^t at
 * relative time t in [0,1].
 *
 * A parley_utility refers to (does not own) its space: the space must outlive it.
 */
#ifndef PARLEY_UTILITY_H
#define PARLEY_UTILITY_H

#include <parley/error.h>
#include <parley/space.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_utility parley_utility;

/* New utility over `space` with every weight and value 0, reservation 0, discount 1. NULL on ENOMEM. */
parley_utility *parley_utility_new(const parley_space *space);
/* Deep copy (refers to the same space). NULL on ENOMEM. */
parley_utility *parley_utility_clone(const parley_utility *u);
void parley_utility_free(parley_utility *u);
const parley_space *parley_utility_space(const parley_utility *u);

/* Weight of an issue, >= 0.  Used as written (GENIUS semantics): the loaders check or warn about their sum. */
int parley_utility_set_weight(parley_utility *u, size_t issue, double weight);
double parley_utility_weight(const parley_utility *u, size_t issue);
/* Utility of one value of an issue, in [0,1]. */
int parley_utility_set_value(parley_utility *u, size_t issue, uint32_t value, double utility);
double parley_utility_value(const parley_utility *u, size_t issue, uint32_t value);

/*
 * Non-linear part.  A rectangle constrains some issues to value-index ranges
 * [lo, hi] (inclusive); an outcome inside all ranges gains `utility`.  The
 * non-linear sum is divided by `scale` (GENIUS's maxutility; must be > 0).
 */
int parley_utility_add_rectangle(parley_utility *u, double utility, size_t n, const size_t *issues,
                                 const uint32_t *lo, const uint32_t *hi);
void parley_utility_set_rectangle_scale(parley_utility *u, double scale);
size_t parley_utility_rectangle_count(const parley_utility *u);
/* Reads rectangle r: its utility, and up to `max` of its ranges; returns its number of ranges. */
size_t parley_utility_rectangle(const parley_utility *u, size_t r, double *utility, size_t *issues,
                                uint32_t *lo, uint32_t *hi, size_t max);
double parley_utility_rectangle_scale(const parley_utility *u);
/* True when the function has no rectangles (pure weighted sum). */
int parley_utility_is_additive(const parley_utility *u);

/* The utility of an outcome (before discount): the weighted sum plus the rectangles, capped at 1 as GENIUS does. */
double parley_utility_eval(const parley_utility *u, const uint32_t *values);
/* Best and worst additive utility over the whole space (rectangles not included). */
double parley_utility_max_additive(const parley_utility *u);

int parley_utility_set_reservation(parley_utility *u, double reservation);
double parley_utility_reservation(const parley_utility *u);
/*
 * Pressure: the reservation value as a piecewise-linear function of relative
 * time t in [0,1] through (t[k], r[k]) points, t increasing, held flat beyond
 * the ends.  n == 0 removes it (the constant reservation applies).  Copied.
 */
int parley_utility_set_reservation_curve(parley_utility *u, size_t n, const double *t, const double *r);
size_t parley_utility_reservation_curve(const parley_utility *u, const double **t, const double **r);
/* The reservation value in force at relative time t. */
double parley_utility_reservation_at(const parley_utility *u, double t);

/* Discount factor d in (0,1]; 1 means no discount. */
int parley_utility_set_discount(parley_utility *u, double discount);
double parley_utility_discount(const parley_utility *u);
/* utility * d^t. */
double parley_utility_discounted(const parley_utility *u, double utility, double t);

/*
 * Checks the profile: weights >= 0, values in [0,1], reservation in [0,1].
 * The message names the issue at fault.  (The sum of the weights is the
 * loaders' business: GENIUS profiles keep theirs as written.)
 */
int parley_utility_validate(const parley_utility *u, parley_error *err);

#ifdef __cplusplus
}
#endif
#endif

/*
 * anac_winners.h: pieces shared by the ANAC winners ported from GENIUS 10.4
 * (anac_ponpoko.c, anac_agreeable.c, anac_fawkes.c, anac_agent_m.c,
 * anac_caduceus.c): value counts of
 * an opponent's offers, and the final step from "accept or this bid" to a move
 * under every protocol.
 */
#ifndef PARLEY_AGENTS_ANAC_WINNERS_H
#define PARLEY_AGENTS_ANAC_WINNERS_H

#include "agents/boa.h"

/* How often an opponent offered each value of each issue. */
struct value_counts {
    size_t issues, bids;
    size_t *offset;  /* [issues + 1]: issue i's values are count[offset[i] .. offset[i+1]) */
    double *count;
};

int value_counts_init(struct value_counts *c, const parley_space *space);
void value_counts_free(struct value_counts *c);
void value_counts_add(struct value_counts *c, const uint32_t *outcome, double amount);
/* Population standard deviation of issue i's value counts. */
double value_counts_sd(const struct value_counts *c, size_t issue);

/*
 * Reads the events new since the last call: every offer of another party k is
 * added to counts[k] (when counts is not NULL), then the record tr is updated
 * (boa_track_update).
 */
int winners_update(struct boa_track *tr, parley_agent_view *v, struct value_counts *counts);

/*
 * Ends a move: under alternating offers, accept the standing offer when
 * `accept` (and the agent may accept it: feasible, its red lines, its
 * reservation), else offer `bid` (already in act->outcome, worth bid_u); other
 * protocols go through agent_act_target with `target`.  Records the bid in tr.
 */
int winners_finish(struct boa_track *tr, parley_agent_view *v, parley_request request, int accept, double bid_u,
                   double target, parley_action *act);

/* TheFawkes's forecast (anac_fawkes_series.c). */
struct fawkes_spline {
    size_t len;     /* knots: the data's n points and the original's extra (0, 0) */
    double *knots;  /* [len] */
    double *pieces; /* [len + 1][4] polynomial coefficients */
};
/* In place: Daubechies (8 taps) discrete wavelet transform of a[0..n), level by level while 8 or more remain. */
int fawkes_wavelet(double *a, size_t n);
/* Pollock's cubic smoothing spline through (i, y[i]), i < n (n >= 1), plus the original's point (0, 0). */
int fawkes_spline_fit(const double *y, size_t n, double rho, struct fawkes_spline *s);
void fawkes_spline_free(struct fawkes_spline *s);
/* Its value at z, clamped to [0, 1] (NaN counts as 0). */
double fawkes_spline_eval(const struct fawkes_spline *s, double z);

/* The agents' formulas, exposed for the unit tests (tests/test_anac_winners.c). */
void ponpoko_thresholds(int pattern, double t, double *low, double *high);
int ponpoko_accepts(int pattern, double t, double offered);
double agreeable_target(double t, double pmin, double pmax);
double agreeable_neighbourhood(double t, double pmin, double pmax);
int agreeable_accepts(double t, double offered, double next_bid, double reservation);
double fawkes_reserved(double t, double reservation, double best, double discount);
double fawkes_lower_bound(double t, double target, double second_best, size_t own_bids);
int fawkes_accepts(double first_u, double average, double next_u, double t, double step, double window_best);
double agent_m_temperature(int step);
double agent_m_move_probability(double current, double next, double temperature);
double agent_m_concession(double opp_worst, double opp_best, double t);
/* AgentM's pull towards the opponent: the value of issue i it offered most often among 0 .. count-2 (the
   original skips the top value), the first of equal counts; 0 when none was offered. */
uint32_t agent_m_frequent_value(const struct value_counts *counts, const parley_space *space, size_t i);
double caduceus_pars_target(double t, long rounds, int with_discount);
int caduceus_best_offer_time(double t, double discount);
int caduceus_accepts(double t, double discount, long rounds, int with_discount, double offered);

#endif

/*
 * anac_fawkes.c: TheFawkes (ANAC 2013 winner; GENIUS
 * agents.anac.y2013.TheFawkes, a BOA agent: Fawkes_Offering, AC_TheFawkes,
 * TheFawkes_OM, TheFawkes_OMS), after Chen and Weiss's OMAC.
 *
 * Offering: its best package until it has two offers of the opponent; then a
 * target from formula 14 of OMAC: over the next ten steps of the largest gap
 * between the opponent's offers (at most 0.1), it compares its reserved
 * utility rv + (1 - t^500)(best df^0.2 - rv) with the forecast of the
 * opponent's offers (anac_fawkes_series.c, times 1 + the deviation of the
 * forecast's ratios); the best time where the forecast is above (or, failing
 * that, the nearest one, if the forecast is at least 0.8 of it) gives (T, U),
 * and the target moves from its previous bid towards U as
 * U + (prev - U)(t - T)/(t_prev - T); with neither, the reserved utility.  It
 * offers the package the opponent model likes most among those worth at least
 * (1 - t/10 - c/(10 n)) target, n its bids so far, c a counter of the times
 * its last ten picks were all worth the same to it (then it takes the second).
 * The model weighs issues whose value stays (0.8/issues per repeat) and counts
 * values from the opponent's second offer on.
 *
 * Acceptance (AC_TheFawkes): the original reads the opponent's offer history
 * after its model has sorted it newest first in place, so its "last" offer is
 * the opponent's first one: it rejects while that first offer is worth less
 * than its average package, accepts (the latest offer) when the first offer is
 * worth its next bid, and in the last step accepts when the first offer is
 * worth the best one of the last ten steps.  parley keeps this, and like the
 * original asks its offering for the next bid a second time to decide (the
 * counter and the last ten picks see both calls).  No parameters.
 */
#include "agents/agent_common.h"
#include "agents/anac_hardheaded.h"
#include "agents/anac_winners.h"
#include "agents/builtin.h"

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define FAWKES_BETA 0.002 /* concession rate of the reserved utility */
#define FAWKES_RHO 0.8    /* tolerance of the pessimistic forecast */
#define FAWKES_NU 0.2     /* risk factor on the discount */
#define FAWKES_LEARN 0.8  /* issue weight learning coefficient */
#define FAWKES_SMOOTH 1e-16
#define FAWKES_TEN 10

struct fawkes {
    struct boa_track tr;
    /* opponent model */
    double *weight;
    struct value_counts values; /* starting at 1 per value */
    uint32_t *prev_offer;       /* the opponent's previous offer */
    /* forecast */
    struct fawkes_spline alpha;
    int have_alpha;
    double ratio_sd, max_gap, index_factor;
    size_t series_at; /* offers received when the forecast was made */
    double average;   /* mean own utility of all packages */
    /* opponent-model strategy */
    double ten[FAWKES_TEN];
    size_t ten_n;
    double second_best;
    /* own bids */
    size_t own_bids;
    double last_u, last_t;
    uint32_t *last_bid, *pick; /* its last offer; the first pick of this turn */
};

double fawkes_reserved(double t, double reservation, double best, double discount)
{
    return reservation + (1 - pow(t, 1 / FAWKES_BETA)) * (best * pow(discount, FAWKES_NU) - reservation);
}

double fawkes_lower_bound(double t, double target, double second_best, size_t own_bids)
{
    return (1 - t / 10.0 - second_best / ((double)own_bids * 10.0)) * target;
}

int fawkes_accepts(double first_u, double average, double next_u, double t, double step, double window_best)
{
    if (first_u < average)
        return 0;
    if (first_u >= next_u)
        return 1;
    return t >= 1 - step && window_best >= 0 && first_u >= window_best;
}

static void fawkes_destroy(void *state)
{
    struct fawkes *f = state;
    if (!f)
        return;
    free(f->weight);
    value_counts_free(&f->values);
    free(f->prev_offer);
    fawkes_spline_free(&f->alpha);
    boa_track_free(&f->tr);
    free(f);
}

static int fawkes_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    int rc;
    struct fawkes *f = boa_agent_state_new(v, "the-fawkes", params, sizeof *f, offsetof(struct fawkes, tr), err, &rc);
    if (!f)
        return rc;
    size_t n = f->tr.issues ? f->tr.issues : 1;
    if (!(f->weight = malloc(n * sizeof *f->weight)) || !(f->prev_offer = calloc(3 * n, sizeof *f->prev_offer)) ||
        value_counts_init(&f->values, parley_view_space(v))) {
        fawkes_destroy(f);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    f->last_bid = f->prev_offer + n;
    f->pick = f->prev_offer + 2 * n;
    for (size_t i = 0; i < f->tr.issues; i++)
        f->weight[i] = 1.0 / (double)f->tr.issues;
    for (size_t j = 0; j < f->values.offset[f->tr.issues]; j++)
        f->values.count[j] = 1;
    f->second_best = 1;
    long rounds = parley_view_rounds(v);
    f->index_factor = rounds > 0 ? (double)rounds + 1 : 1000; /* GENIUS's DiscreteTimeline counts rounds + 1 */
    size_t count = parley_view_outcome_count(v);
    double sum = 0;
    for (size_t i = 0; i < count; i++)
        sum += parley_view_outcome_ranked(v, i, f->tr.scratch);
    f->average = count ? sum / (double)count : 0;
    *state = f;
    return PARLEY_OK;
}

/* TheFawkes_OM.updateModel for an offer that follows `prev`: issue weights, then value counts. */
static void model_observe(struct fawkes *f, const uint32_t *offer)
{
    /* the rule of HardHeaded's model with 0.8, each change through GENIUS's setWeight (renormalising every time) */
    genius_learn_issue_weights(f->weight, f->tr.issues, offer, f->prev_offer, FAWKES_LEARN);
    value_counts_add(&f->values, offer, 1);
}

static double model_eval(const struct fawkes *f, const uint32_t *o)
{
    double u = 0;
    for (size_t i = 0; i < f->tr.issues; i++) {
        double top = 0;
        for (size_t j = f->values.offset[i]; j < f->values.offset[i + 1]; j++)
            top = f->values.count[j] > top ? f->values.count[j] : top;
        u += f->weight[i] * f->values.count[f->values.offset[i] + o[i]] / top;
    }
    return u;
}

/* The forecast from every offer received so far: the wavelet series, its spline and the deviation of ratios. */
static int update_series(struct fawkes *f)
{
    const struct boa_track *tr = &f->tr;
    if (tr->received < 2 || f->series_at == tr->received)
        return PARLEY_OK;
    for (size_t k = 1; k < tr->received; k++)
        if (tr->rt[k] - tr->rt[k - 1] > f->max_gap)
            f->max_gap = tr->rt[k] - tr->rt[k - 1];
    size_t len = (size_t)floor(tr->rt[tr->received - 1] * f->index_factor) + 1;
    double *chi = calloc(2 * len, sizeof *chi);
    if (!chi)
        return PARLEY_ENOMEM;
    double *coef = chi + len;
    for (size_t k = tr->received; k-- > 0;) /* newest first, so the oldest offer of an index stays */
        chi[(size_t)floor(tr->rt[k] * f->index_factor)] = tr->ru[k];
    memcpy(coef, chi, len * sizeof *chi);
    fawkes_spline_free(&f->alpha);
    int rc = fawkes_wavelet(coef, len);
    if (!rc)
        rc = fawkes_spline_fit(coef, len, FAWKES_SMOOTH, &f->alpha);
    if (!rc) {
        double mean = 0, ss = 0;
        for (size_t i = 0; i < len; i++) {
            double ratio = fawkes_spline_eval(&f->alpha, (double)i) / chi[i];
            coef[i] = isinf(ratio) ? 0 : isnan(ratio) ? 1 : ratio;
            mean += coef[i];
        }
        mean /= (double)len;
        for (size_t i = 0; i < len; i++)
            ss += (coef[i] - mean) * (coef[i] - mean);
        f->ratio_sd = len > 1 ? sqrt(ss / (double)len) : 0;
        f->have_alpha = 1;
        f->series_at = tr->received;
    }
    free(chi);
    return rc;
}

static double step_of(const struct fawkes *f)
{
    return f->max_gap < 0.1 ? f->max_gap : 0.1;
}

/* Fawkes_Offering.getTargetUtility with its previous bid worth prev_u, stamped at prev_t. */
static double target_utility(struct fawkes *f, parley_agent_view *v, double t, double prev_u, double prev_t)
{
    double rv = parley_view_reservation(v), best = parley_view_best_utility(v);
    double df = parley_utility_discount(parley_view_utility(v));
    if (!(df > 0))
        df = 1;
    double step = step_of(f), spread = 1 + f->ratio_sd;
    if (!f->have_alpha || !(step > 0))
        return fawkes_reserved(t, rv, best, df);
    double max_diff = DBL_TRUE_MIN, min_diff = DBL_MAX, opt_t = 0, opt_u = 0, pes_t = 0, pes_u = 0;
    double end = t + step * 10 < 1 ? t + step * 10 : 1;
    for (double time = t; time < end; time += step) {
        double reserved = fawkes_reserved(time, rv, best, df) * pow(df, time);
        double estimate = fawkes_spline_eval(&f->alpha, floor(time * f->index_factor)) * spread;
        double diff = estimate * pow(df, time) - reserved;
        if (estimate * pow(df, time) >= reserved && diff > max_diff) {
            max_diff = diff;
            opt_t = time;
            opt_u = estimate;
        }
        if (max_diff == DBL_TRUE_MIN && fabs(diff) < min_diff) {
            min_diff = fabs(diff);
            pes_t = time;
            pes_u = estimate;
        }
    }
    if (max_diff == DBL_TRUE_MIN) {
        double xsi = (1 / FAWKES_RHO) * pes_u * pow(df, pes_t) / (fawkes_reserved(pes_t, rv, best, df) * pow(df, pes_t));
        if (!(xsi > 1))
            return fawkes_reserved(t, rv, best, df);
        opt_t = pes_t;
        opt_u = pes_u;
    }
    return opt_u + (prev_u - opt_u) * ((t - opt_t) / (prev_t - opt_t));
}

/* Fawkes_Offering.determineNextBid into out (its utility returned); `prev_t` as the original would see it. */
static double next_bid(struct fawkes *f, parley_agent_view *v, double t, double prev_t, uint32_t *out)
{
    size_t count = parley_view_outcome_count(v);
    if (f->tr.received <= 1 || f->own_bids == 0)
        return parley_view_outcome_ranked(v, count - 1, out);
    double target = target_utility(f, v, t, f->last_u, prev_t);
    double low = fawkes_lower_bound(t, target, f->second_best, f->own_bids);
    /* When the previous bid is this turn's pick and the forecast time is now, the original's target is 0/0;
       its binary search then stops in the middle of its high-to-low list and it picks among the top half. */
    size_t top_half = (count - 1) / 2 ? (count - 1) / 2 : 1;
    size_t start = isnan(low) ? count - top_half : parley_view_outcome_rank(v, low);
    if (start >= count)
        start = count - 1;
    /* the two packages the model likes most, ties to the higher own utility (a stable sort of a high-to-low list) */
    size_t first = count, second = count;
    double e1 = -INFINITY, e2 = -INFINITY;
    for (size_t i = count; i-- > start;) {
        parley_view_outcome_ranked(v, i, f->tr.scratch);
        double e = model_eval(f, f->tr.scratch);
        if (e > e1) {
            second = first;
            e2 = e1;
            first = i;
            e1 = e;
        } else if (e > e2) {
            second = i;
            e2 = e;
        }
    }
    double u = parley_view_outcome_ranked(v, first, out);
    int all_equal = 1;
    for (size_t k = 0; k < f->ten_n; k++)
        all_equal &= f->ten[k] == u;
    if (all_equal) {
        f->second_best++;
        if (second < count)
            u = parley_view_outcome_ranked(v, second, out);
    }
    if (f->ten_n == FAWKES_TEN)
        memmove(f->ten, f->ten + 1, (FAWKES_TEN - 1) * sizeof *f->ten);
    else
        f->ten_n++;
    f->ten[f->ten_n - 1] = u;
    return u;
}

/* The best own utility among the offers received in (t - 10 step, t]; -1 when none. */
static double window_best(const struct fawkes *f, double t)
{
    double best = -1, from = t - step_of(f) * 10;
    for (size_t k = 0; k < f->tr.received; k++)
        if (f->tr.rt[k] > from && f->tr.rt[k] <= t && f->tr.ru[k] > 0 && f->tr.ru[k] > best)
            best = f->tr.ru[k];
    return best;
}

static int fawkes_act_raw(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct fawkes *f = state;
    parley_event ev;
    size_t n = f->tr.issues, got = f->tr.received;
    for (size_t i = f->tr.seen; i < parley_view_event_count(v); i++) {
        parley_view_event(v, i, &ev);
        if (ev.kind != PARLEY_EVENT_OFFER || !ev.outcome || ev.party < 0 || (size_t)ev.party == f->tr.me)
            continue;
        if (got++ > 0) /* the model learns from the opponent's second offer on */
            model_observe(f, ev.outcome);
        memcpy(f->prev_offer, ev.outcome, n * sizeof *ev.outcome);
    }
    int rc = boa_track_update(&f->tr, v);
    if (rc || (rc = update_series(f)))
        return rc;
    double t = parley_view_time(v);
    double bid_u = next_bid(f, v, t, f->last_t, act->outcome);
    memcpy(f->pick, act->outcome, n * sizeof *f->pick);
    int accept = 0;
    if (request == PARLEY_REQUEST_PROPOSE && f->tr.received > 0) {
        /* the original asks again; its previous bid is re-stamped now when this turn's pick is that bid */
        int same = f->own_bids > 0 && memcmp(f->pick, f->last_bid, n * sizeof *f->pick) == 0;
        double again = next_bid(f, v, t, same ? t : f->last_t, f->tr.scratch);
        accept = fawkes_accepts(f->tr.ru[0], f->average, again, t, step_of(f), window_best(f, t));
        memcpy(act->outcome, f->pick, n * sizeof *f->pick);
    }
    /* Mediated protocols: without the opponent's offers its bid stays at its best, so it votes and amends
       towards the lower of that bid and its reserved utility (which concedes at the very end) */
    double target = bid_u;
    if (f->tr.received < 2) {
        double df = parley_utility_discount(parley_view_utility(v));
        double reserved = fawkes_reserved(t, parley_view_reservation(v), parley_view_best_utility(v), df > 0 ? df : 1);
        target = reserved < bid_u ? reserved : bid_u;
    }
    if (request == PARLEY_REQUEST_PROPOSE && accept && boa_standing_offer(v)) {
        act->kind = PARLEY_ACT_ACCEPT; /* as the original: its floor is the mean package, not its reservation */
        return PARLEY_OK;
    }
    rc = winners_finish(&f->tr, v, request, accept, bid_u, target, act);
    if (!rc && request == PARLEY_REQUEST_PROPOSE && act->kind == PARLEY_ACT_OFFER) {
        f->own_bids++;
        f->last_u = bid_u;
        f->last_t = t;
        memcpy(f->last_bid, f->pick, n * sizeof *f->pick);
    }
    return rc;
}

AGENT_KEEP_WITHIN(fawkes_act, fawkes_act_raw)

const parley_agent_vtable agent_the_fawkes = {PARLEY_AGENT_ABI, "the-fawkes",
                                              "TheFawkes (ANAC 2013): OMAC's wavelet forecast of the opponent, a "
                                              "target between it and a reserved utility",
                                              fawkes_create, fawkes_destroy, fawkes_act};

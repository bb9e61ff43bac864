/*
 * anac_nice_tit_for_tat.c: NiceTitForTat (Baarslag, Hindriks and Jonker 2013;
 * ANAC 2011), as GENIUS's agents.anac.y2011.Nice_Tit_for_Tat.NiceTitForTat
 * plays it.  It concedes towards its estimate of the Nash package in the same
 * proportion as the opponent has conceded from its first offers; a bonus
 * (0.5 - 0.4 d for discount d, and from t = 0.91 a time bonus that reaches 1 by
 * t = 0.96) closes part of the remaining gap.  Among the packages around that
 * target ([0.98 u, u + 0.05], widened until it holds two) it picks at random one
 * of the best 3 to 20 for the opponent's Bayesian model, or offers back the
 * opponent's best offer when that is worth as much.  It accepts an offer worth
 * its next bid; after t = 0.98, also when it expects no better offer in the
 * time left, offering back the opponent's best offer (at most four times)
 * while better offers may still come.
 */
#include "agents/agent_common.h"
#include "agents/anac_classic.h"
#include "agents/anac_java_random.h"
#include "agents/boa.h"
#include "agents/builtin.h"

#include <math.h>
#include <parley/space.h>
#include <parley/utility.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define NTFT_FIRST_BIDS_TIME 0.01 /* the opponent's starting point: its worst offer up to this time */
#define NTFT_TOP_MAX 20
#define NTFT_NASH_SCAN 20000 /* packages scanned for the Nash package */

double ntft_nash_multiplier(double gap)
{
    double mult = 1.4 - 0.6 * gap;
    return mult < 0 ? 0 : mult;
}

double ntft_bonus(double t, double discount, int big_domain)
{
    double discount_bonus = 0.5 - 0.4 * discount, min_time = big_domain ? 0.85 : 0.91, time_bonus = 0;
    if (t > min_time)
        time_bonus = anac_jmin(1, 20 * (t - min_time));
    double bonus = anac_jmax(discount_bonus, time_bonus);
    return bonus < 0 ? 0 : bonus > 1 ? 1 : bonus;
}

double ntft_target(double nash, double first_min, double best_received)
{
    double factor = anac_jmin(1, (best_received - first_min) / (nash - first_min));
    return 1 - factor * (1 - nash);
}

struct ntft {
    struct boa_track tr;
    parley_opponent_model *model; /* Bayesian, fed with the opponent's last offer while beliefs may be updated */
    double size, nash, initial_gap, target;
    int best_offers; /* times it offered back the opponent's best offer instead of accepting */
    uint32_t *planned;
    java_random random100; /* which of the best packages for the opponent it offers */
};

static void ntft_destroy(void *state)
{
    struct ntft *n = state;
    if (!n)
        return;
    boa_track_free(&n->tr);
    parley_opponent_model_free(n->model);
    free(n->planned);
    free(n);
}

static int ntft_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    uint64_t opponent_generators;
    int rc = java_random_harness_param("nice-tit-for-tat", params, &opponent_generators, err);
    if (rc)
        return rc;
    struct ntft *n = boa_agent_state_new(v, "nice-tit-for-tat", "", sizeof *n, offsetof(struct ntft, tr), err, &rc);
    if (!n)
        return rc;
    if ((rc = parley_opponent_model_new("bayes", parley_view_space(v), &n->model, err))) {
        ntft_destroy(n);
        return rc;
    }
    if (!(n->planned = calloc(n->tr.issues ? n->tr.issues : 1, sizeof *n->planned))) {
        ntft_destroy(n);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    n->size = parley_space_size(parley_view_space(v));
    n->target = 1;
    /* the original's random100 = new Random(), its first (anac_java_random.h) */
    java_random_init_harness(&n->random100, v, java_random_harness_number(v, opponent_generators, 1, 0));
    *state = n;
    return PARLEY_OK;
}

static int ntft_big(const struct ntft *n)
{
    return n->size > 10000;
}

/* Own utility of the Nash package under the opponent model: the largest (u - reservation) * model estimate
   (GENIUS's BidSpace.getNash over the Pareto frontier; here over every package, or 20000 evenly spread, best
   first, so that a tie goes to the package of the frontier: when the model has broken down (every estimate 0,
   as the original's after a NaN) its frontier is the best package alone and the estimate 1, not the worst). */
static double ntft_nash_estimate(struct ntft *n, parley_agent_view *v)
{
    size_t count = parley_view_outcome_count(v), step = count > NTFT_NASH_SCAN ? count / NTFT_NASH_SCAN : 1;
    double reservation = parley_utility_reservation(parley_view_utility(v)), best = -1, best_u = NAN;
    for (size_t k = 0; k < count; k += step) {
        double u = parley_view_outcome_ranked(v, count - 1 - k, n->tr.scratch);
        double product = (u - reservation) * parley_opponent_model_eval(n->model, n->tr.scratch);
        if (product > best) {
            best = product;
            best_u = u;
        }
    }
    return best_u;
}

static void ntft_update_nash(struct ntft *n, parley_agent_view *v)
{
    double mult = ntft_nash_multiplier(n->initial_gap), nash = 0.7;
    if (n->size < 200000) {
        double estimate = ntft_nash_estimate(n, v);
        if (!isnan(estimate))
            nash = estimate;
    }
    nash *= mult;
    n->nash = nash > 1 ? 1 : nash < 0.5 ? 0.5 : nash;
}

/* The opponent's starting point: its worst offer made in (0, 0.01], or its first offer. */
static double ntft_first_min(const struct boa_track *tr)
{
    double low = -1;
    for (size_t i = 0; i < tr->received; i++)
        if (tr->rt[i] > 0 && tr->rt[i] <= NTFT_FIRST_BIDS_TIME && tr->ru[i] > 0 && (low == -1 || tr->ru[i] <= low))
            low = tr->ru[i];
    return low == -1 ? tr->ru[0] : low;
}

/* A package's position in GENIUS's BidIterator order (the first issue varies fastest). */
static uint64_t ntft_iterator_position(const parley_space *space, const uint32_t *values, size_t issues)
{
    uint64_t position = 0;
    for (size_t k = issues; k-- > 0;)
        position = position * parley_issue_value_count(space, k) + values[k];
    return position;
}

/*
 * The candidates of a window (ranks lo..hi of the sorted packages) as the
 * original lists them: all of them, or above 10,000 packages the first two in
 * BidIterator order (getBidsOfUtility stops there).  Returns how many, their
 * ranks in rank[] (room for hi - lo, or 2).
 */
static size_t ntft_window(struct ntft *n, parley_agent_view *v, size_t lo, size_t hi, size_t *rank)
{
    if (!ntft_big(n)) {
        for (size_t i = lo; i < hi; i++)
            rank[i - lo] = i;
        return hi - lo;
    }
    size_t have = 0;
    uint64_t position[2];
    for (size_t i = lo; i < hi; i++) { /* keep the two first in enumeration order, first first */
        parley_view_outcome_ranked(v, i, n->tr.scratch);
        uint64_t p = ntft_iterator_position(parley_view_space(v), n->tr.scratch, n->tr.issues);
        size_t at = have < 2 ? have++ : 2;
        while (at > 0 && position[at - 1] > p) {
            if (at < 2) {
                position[at] = position[at - 1];
                rank[at] = rank[at - 1];
            }
            at--;
        }
        if (at < 2) {
            position[at] = p;
            rank[at] = i;
        }
    }
    return have;
}

/*
 * One of the best packages for the opponent (by its model) among those worth
 * [0.98 target, target + 0.05] (above 10,000 packages only the first two of them
 * in enumeration order), the window widened by 0.01 until it holds two (or one
 * once it reaches 1): a random one (random100.nextInt) of the best
 * round(count / 10), between 3 and 20, sorted as BidHistory.sortToUtility sorts
 * them (model estimate descending, equal ones by BidDetails.hashCode).  Writes
 * it to out and returns its utility.
 */
static double ntft_pick(struct ntft *n, parley_agent_view *v, double target, uint32_t *out)
{
    size_t count = parley_view_outcome_count(v), lo = 0, hi = 0;
    if (target > 1)
        target = 1;
    double min = target * 0.98, max = target + 0.04;
    int found = 0;
    if (!isnan(target))
        do {
            max += 0.01;
            lo = parley_view_outcome_rank(v, min);
            hi = parley_view_outcome_rank(v, nextafter(max, INFINITY));
            found = hi > lo + 1 || (max >= 1 && hi > lo);
        } while (!found && max <= 1);
    if (!found)
        return parley_view_outcome_ranked(v, count - 1, out);
    size_t *ranks = malloc((hi - lo) * sizeof *ranks), listed;
    if (!ranks)
        return NAN;
    listed = ntft_window(n, v, lo, hi, ranks);
    long top_n = lround((double)listed / 10.0);
    size_t want = top_n < 3 ? 3 : top_n > NTFT_TOP_MAX ? NTFT_TOP_MAX : (size_t)top_n, have = 0;
    size_t top[NTFT_TOP_MAX];
    double score[NTFT_TOP_MAX];
    int32_t hash[NTFT_TOP_MAX];
    for (size_t j = 0; j < listed; j++) { /* keep the `want` best for the opponent, best first */
        size_t i = ranks[j];
        parley_view_outcome_ranked(v, i, n->tr.scratch);
        double s = parley_opponent_model_eval(n->model, n->tr.scratch);
        int32_t h = java_bid_details_hash(parley_view_space(v), n->tr.scratch, s);
        size_t at = have < want ? have++ : want;
        while (at > 0 && (score[at - 1] < s || (score[at - 1] == s && hash[at - 1] > h))) {
            if (at < want) {
                top[at] = top[at - 1];
                score[at] = score[at - 1];
                hash[at] = hash[at - 1];
            }
            at--;
        }
        if (at < want) {
            top[at] = i;
            score[at] = s;
            hash[at] = h;
        }
    }
    free(ranks);
    return parley_view_outcome_ranked(v, top[java_random_next_int(&n->random100, (int32_t)have)], out);
}

/* The counter-offer (chooseCounterBid): into n->planned, its utility into *planned. */
static int ntft_counter_bid(struct ntft *n, parley_agent_view *v, double *planned)
{
    const struct boa_track *tr = &n->tr;
    double t = parley_view_time(v);
    if (t <= 0.99 && !(ntft_big(n) && t > 0.5)) { /* beliefs are updated while there is time */
        int rc = parley_opponent_model_observe(n->model, tr->latest, t);
        if (rc)
            return rc;
        ntft_update_nash(n, v);
    }
    double first_min = ntft_first_min(tr), target = ntft_target(n->nash, first_min, tr->best_u);
    n->initial_gap = 1 - first_min;
    double gap = anac_jmax(0, target - n->nash);
    target -= ntft_bonus(t, anac_discount(v), n->size > 3000) * gap;
    n->target = target;
    double u = ntft_pick(n, v, target, n->planned);
    if (isnan(u))
        return PARLEY_ENOMEM;
    if (tr->best_u >= u) { /* the opponent already offered something worth as much: offer that back */
        memcpy(n->planned, tr->best, tr->issues * sizeof *n->planned);
        u = tr->best_u;
    }
    *planned = u;
    return PARLEY_OK;
}

/* Offers received in (t - window, t] worth more than `above` (and their mean utility in *mean). */
static size_t ntft_recent(const struct boa_track *tr, double t, double window, double above, double *mean)
{
    size_t k = 0;
    double sum = 0;
    for (size_t i = 0; i < tr->received; i++)
        if (tr->rt[i] > t - window && tr->rt[i] <= t && tr->ru[i] > above && tr->ru[i] <= 1) {
            k++;
            sum += tr->ru[i];
        }
    if (mean)
        *mean = k ? sum / (double)k : 0;
    return k;
}

/* isAcceptable: the last offer is worth the planned bid, or, after 0.98, no better offer is expected. */
static int ntft_acceptable(const struct ntft *n, parley_agent_view *v, double planned)
{
    const struct boa_track *tr = &n->tr;
    double last = tr->ru[tr->received - 1], t = parley_view_time(v), left = 1 - t, mean;
    if (last >= planned)
        return 1;
    if (t < 0.98 || ntft_recent(tr, t, left, 0, NULL) > (ntft_big(n) ? 40u : 10u))
        return 0;
    /* with the window equal to the time left, a better offer comes for sure when one came in the window */
    return ntft_recent(tr, t, left, last, &mean) == 0 ? last > 0 : last > mean;
}

static int ntft_act_raw(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct ntft *n = state;
    struct boa_track *tr = &n->tr;
    int rc = boa_track_update(tr, v);
    if (rc)
        return rc;
    if (request != PARLEY_REQUEST_PROPOSE)
        return agent_act_target(v, request, n->target, act);
    size_t count = parley_view_outcome_count(v);
    if (count == 0) {
        act->kind = PARLEY_ACT_WALK_AWAY;
        return PARLEY_OK;
    }
    double planned;
    if (tr->received == 0 || tr->my_bids == 0) { /* opening bid, or first counter-bid: its best package */
        planned = anac_max_utility_bid(v, n->planned); /* chooseOpeningBid: getMaxUtilityBid */
    } else if ((rc = ntft_counter_bid(n, v, &planned))) {
        return rc;
    }
    act->kind = PARLEY_ACT_OFFER;
    memcpy(act->outcome, n->planned, tr->issues * sizeof *act->outcome);
    if (tr->received > 0 && ntft_acceptable(n, v, planned)) {
        double last = tr->ru[tr->received - 1], t = parley_view_time(v);
        if (ntft_recent(tr, t, 1 - t, 0, NULL) > 1 && tr->best_u > last && n->best_offers <= 3) {
            n->best_offers++; /* better offers may still come: ask for the best one again */
            memcpy(act->outcome, tr->best, tr->issues * sizeof *act->outcome);
        } else if (boa_standing_offer(v)) { /* as the original, even below its reservation value */
            act->kind = PARLEY_ACT_ACCEPT;
            return PARLEY_OK;
        }
    }
    tr->my_bids++;
    return PARLEY_OK;
}

AGENT_KEEP_WITHIN(ntft_act, ntft_act_raw)

const parley_agent_vtable agent_nice_tit_for_tat = {
    PARLEY_AGENT_ABI, "nice-tit-for-tat",
    "NiceTitForTat (ANAC 2011): mirrors the opponent's concession towards the estimated Nash package, Bayesian model",
    ntft_create, ntft_destroy, ntft_act};

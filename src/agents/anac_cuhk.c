/*
 * anac_cuhk.c: CUHKAgent (Hao and Leung, ABiNeS; ANAC 2012 winner), as
 * GENIUS's agents.anac.y2012.CUHKAgent.CUHKAgent plays it.  Its threshold
 * falls from its best utility to max * d / d^lambda by its concede-to time
 * lambda (quadratically), then as max * d^(1 - t) (d the discount factor;
 * lambda from d, moved later by the opponent's concession degree).  Without a
 * discount the threshold is max - 0.05 on spaces above 3000 packages and max
 * otherwise.  It offers the opponent's best offer once that reaches the
 * threshold; otherwise a package of its 0.01-wide utility bins in
 * [threshold, max], the one whose values the opponent proposed most often
 * (among up to 200 drawn, 5% of the time a random one).  It accepts at its
 * threshold or its next bid (or near the opponent's best once that beats the
 * discounted threshold), ends the talks when its reservation value is worth
 * more, and in the last round offers the opponent's best offer.
 */
#include "agents/agent_common.h"
#include "agents/anac_classic.h"
#include "agents/anac_java_random.h"
#include "agents/boa.h"
#include "agents/builtin.h"

#include <math.h>
#include <parley/space.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define CUHK_BIN 0.01
#define CUHK_COUNTED 100    /* value counts come from the opponent's first 100 distinct offers */
#define CUHK_DRAWS 200      /* candidates scored per bid */
#define CUHK_ENUMERATE 20000 /* larger spaces are sampled (20001 random packages) */

double cuhk_concede_time(double discount)
{
    double beta = discount > 0.75 ? 1.8 : discount > 0.5 ? 1.5 : 1.2;
    return 0.08 + (1 - 0.08) * pow(discount, beta);
}

double cuhk_threshold(double t, double max_u, double discount, double concede_time, double size, double threshold)
{
    if (discount == 1 && size > 3000) {
        double low = max_u - 0.05;
        if (size > 10000 && t >= 0.98)
            low = max_u - 0.25;
        return threshold > low ? low : threshold;
    }
    if (t <= concede_time) {
        double min_threshold = max_u * discount / pow(discount, concede_time);
        return max_u - (max_u - min_threshold) * pow(t / concede_time, 2);
    }
    return max_u * discount / pow(discount, t);
}

double cuhk_concession_degree(const unsigned *times, size_t distinct)
{
    if (distinct <= 10)
        return pow((double)distinct / 10, 2);
    double once = 0;
    for (size_t j = distinct - 10; j < distinct; j++)
        once += times[j] == 1;
    return pow(once / 10, 2);
}

struct cuhk {
    struct boa_track tr;
    struct anac_bids seen;     /* the opponent's distinct offers and how often each came */
    struct anac_counts counts; /* values of the opponent's offers while it had made at most 100 distinct ones */
    double max_u, size, discount, concede0, concede, threshold;
    uint64_t *entries; /* packages by utility bin (bin i: [0.01 i, 0.01 (i + 1)]) */
    size_t *bin_start; /* [bins + 1] */
    int bins, own_bids;
    uint32_t *max_bid, *pick;
    uint64_t choose_calls; /* ChooseBid calls so far: each makes its own new Random() */
    uint64_t opponent_generators;
};

static void cuhk_destroy(void *state)
{
    struct cuhk *c = state;
    if (!c)
        return;
    boa_track_free(&c->tr);
    anac_bids_free(&c->seen);
    anac_counts_free(&c->counts);
    free(c->entries);
    free(c->bin_start);
    free(c->max_bid);
    free(c);
}

/* The original's bin of a utility: the first i with 0.01 i <= u <= 0.01 (i + 1); -1 when none. */
static int cuhk_bin_of(double u, int bins)
{
    int i = (int)(u / CUHK_BIN) - 2;
    for (i = i < 0 ? 0 : i; i < bins; i++)
        if (u <= (i + 1) * CUHK_BIN && u >= i * CUHK_BIN)
            return i;
    return -1;
}

/* Sorts the packages (all of them, or 20001 random ones) into bins, the best package in the top bin too. */
static int cuhk_fill_bins(struct cuhk *c, parley_agent_view *v)
{
    const parley_space *space = parley_view_space(v);
    size_t total = c->size < CUHK_ENUMERATE ? (size_t)c->size : CUHK_ENUMERATE + 1, n = total + 1;
    int *bin = malloc(n * sizeof *bin);
    uint64_t *code = malloc(n * sizeof *code);
    c->entries = malloc(n * sizeof *c->entries);
    c->bin_start = calloc((size_t)c->bins + 2, sizeof *c->bin_start);
    if (!bin || !code || !c->entries || !c->bin_start) {
        free(bin);
        free(code);
        return PARLEY_ENOMEM;
    }
    code[0] = parley_space_encode(space, c->max_bid);
    bin[0] = c->bins - 1;
    for (size_t i = 1; i < n; i++) {
        if (c->size < CUHK_ENUMERATE) { /* BidIterator's order: the first issue varies fastest */
            uint64_t rest = i - 1;
            for (size_t k = 0; k < c->tr.issues; k++) {
                uint32_t values = parley_issue_value_count(space, k);
                c->pick[k] = (uint32_t)(rest % values);
                rest /= values;
            }
            code[i] = parley_space_encode(space, c->pick);
        } else {
            anac_random_outcome(v, c->pick);
            code[i] = parley_space_encode(space, c->pick);
        }
        bin[i] = parley_view_feasible(v, c->pick) && parley_view_red_lines_hold(v, c->pick)
                     ? cuhk_bin_of(parley_view_eval(v, c->pick), c->bins)
                     : -1; /* parley's red lines and constraints (GENIUS domains have none) */
    }
    for (size_t i = 0; i < n; i++) /* counting sort by bin */
        if (bin[i] >= 0)
            c->bin_start[bin[i] + 2]++;
    for (int b = 2; b <= c->bins + 1; b++)
        c->bin_start[b] += c->bin_start[b - 1];
    for (size_t i = 0; i < n; i++)
        if (bin[i] >= 0)
            c->entries[c->bin_start[bin[i] + 1]++] = code[i];
    free(bin);
    free(code);
    return PARLEY_OK;
}

static int cuhk_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    uint64_t opponent_generators;
    int rc = java_random_harness_param("cuhk", params, &opponent_generators, err);
    if (rc)
        return rc;
    struct cuhk *c = boa_agent_state_new(v, "cuhk", "", sizeof *c, offsetof(struct cuhk, tr), err, &rc);
    if (!c)
        return rc;
    size_t issues = c->tr.issues ? c->tr.issues : 1, count = parley_view_outcome_count(v);
    c->seen.issues = c->tr.issues;
    c->size = parley_space_size(parley_view_space(v));
    c->discount = anac_discount(v);
    c->concede0 = c->concede = cuhk_concede_time(c->discount);
    if (!(c->max_bid = calloc(2 * issues, sizeof *c->max_bid)) ||
        anac_counts_init(&c->counts, parley_view_space(v))) {
        cuhk_destroy(c);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    c->pick = c->max_bid + issues;
    c->opponent_generators = opponent_generators;
    c->max_u = count ? anac_max_utility_bid(v, c->max_bid) : 0; /* getMaxUtilityBid */
    c->threshold = c->max_u;
    c->bins = (int)(c->max_u / CUHK_BIN);
    if (c->bins < 1)
        c->bins = 1;
    if (count && cuhk_fill_bins(c, v)) {
        cuhk_destroy(c);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    *state = c;
    return PARLEY_OK;
}

/* The entries of the bins covering [lower, upper) as the original counts them (truncated to 0.01 steps). */
static void cuhk_range(const struct cuhk *c, double lower, double upper, size_t *lo, size_t *hi)
{
    int first = (int)(lower / CUHK_BIN), last = (int)(upper / CUHK_BIN);
    first = first < 0 ? 0 : first > c->bins ? c->bins : first;
    last = last < first ? first : last > c->bins ? c->bins : last;
    *lo = c->bin_start[first];
    *hi = c->bin_start[last];
}

/*
 * ChooseBid: up to 200 candidates (drawn with replacement when there are
 * more; none: the best package alone), the one whose values the opponent
 * proposed most often (ties by a coin flip), or 5% of the time a random
 * candidate.  Each call draws from a new Random(): under GENIUS's reference
 * harness its (2 + calls so far)-th generator (its own is the first; the
 * opponent's made at the start come before: anac_java_random.h); the candidates come in the original's order (bins filled in
 * BidIterator order, its best package first).
 */
static double cuhk_choose(struct cuhk *c, parley_agent_view *v, size_t lo, size_t hi, uint32_t *out)
{
    const parley_space *space = parley_view_space(v);
    java_random ran;
    java_random_init_harness(&ran, v, java_random_harness_number(v, c->opponent_generators, 2 + c->choose_calls++, 1));
    size_t n = hi - lo;
    uint64_t alone = parley_space_encode(space, c->max_bid);
    const uint64_t *candidates = n ? c->entries + lo : &alone;
    n = n ? n : 1;
    size_t draws = n >= CUHK_DRAWS ? CUHK_DRAWS : n, best = SIZE_MAX;
    uint64_t chosen[CUHK_DRAWS];
    for (size_t i = 0; i < draws; i++) /* the sample is drawn before any candidate is scored */
        chosen[i] = candidates[n >= CUHK_DRAWS ? (size_t)java_random_next_int(&ran, (int32_t)n) : i];
    unsigned long most = 0;
    for (size_t i = 0; i < draws; i++) {
        parley_space_decode(space, chosen[i], out);
        unsigned long s = anac_counts_score(&c->counts, out);
        if (s > most || (s == most && java_random_next_double(&ran) < 0.5)) {
            most = s;
            best = i;
        }
    }
    if (best == SIZE_MAX || java_random_next_double(&ran) >= 0.95)
        best = (size_t)java_random_next_int(&ran, (int32_t)draws);
    parley_space_decode(space, chosen[best], out);
    return parley_view_eval(v, out);
}

/* BidToOffer: the threshold now, then the opponent's best offer when it reaches it, or a binned package. */
static double cuhk_bid_to_offer(struct cuhk *c, parley_agent_view *v, uint32_t *out)
{
    c->threshold = cuhk_threshold(parley_view_time(v), c->max_u, c->discount, c->concede, c->size, c->threshold);
    if (c->tr.received && c->tr.best_u >= c->threshold) {
        memcpy(out, c->tr.best, c->tr.issues * sizeof *out);
        return c->tr.best_u;
    }
    size_t lo, hi;
    cuhk_range(c, c->threshold, c->max_u, &lo, &hi);
    return cuhk_choose(c, v, lo, hi, out);
}

/* AcceptOpponentOffer: at the threshold or the next bid, or near its best offer once that beats the discounted
   threshold (or the discounted best package, after the concede-to time). */
static int cuhk_accepts(const struct cuhk *c, double t, double offered, double own)
{
    if (offered >= c->threshold || offered >= own)
        return 1;
    double best_now = c->tr.best_u * pow(c->discount, t);
    if ((best_now > c->max_u * c->discount && t > c->concede) || best_now > c->threshold * pow(c->discount, t))
        return offered >= c->tr.best_u - 0.01;
    return 0;
}

/* TerminateCurrentNegotiation: its reservation value is worth the threshold or the next bid. */
static int cuhk_ends(const struct cuhk *c, double t, double reservation, double own)
{
    if (reservation >= c->threshold || reservation >= own)
        return 1;
    return reservation * pow(c->discount, t) > c->max_u * c->discount && t > c->concede;
}

/* Rounds left before the deadline (the original measures the time its moves take; here one round each). */
static long cuhk_rounds_left(parley_agent_view *v)
{
    long rounds = parley_view_rounds(v);
    if (rounds > 0)
        return rounds - parley_view_round(v);
    double t = parley_view_time(v);
    return t > 0.9985 ? 0 : 1000; /* no round deadline: only the final instant counts as the end */
}

static int cuhk_act_raw(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct cuhk *c = state;
    size_t before = c->tr.received;
    int rc = boa_track_update(&c->tr, v);
    if (rc)
        return rc;
    if (c->tr.received > before) { /* the opponent's new offer (bilateral: one per turn; else the latest) */
        long at = anac_bids_add(&c->seen, c->tr.latest, c->tr.ru[c->tr.received - 1]);
        if (at < 0)
            return PARLEY_ENOMEM;
        if (c->seen.count <= CUHK_COUNTED)
            anac_counts_add(&c->counts, c->tr.latest);
        double cd = cuhk_concession_degree(c->seen.times, c->seen.count);
        c->concede = c->concede0 + 0.1 * (1 - c->concede0) * pow(cd, 10);
        if (c->concede >= 1)
            c->concede = 1;
    }
    if (request != PARLEY_REQUEST_PROPOSE)
        return agent_act_target(v, request, c->threshold, act);
    if (parley_view_outcome_count(v) == 0) {
        act->kind = PARLEY_ACT_WALK_AWAY;
        return PARLEY_OK;
    }
    act->kind = PARLEY_ACT_OFFER;
    if (c->own_bids++ == 0 || c->tr.received == 0) { /* it opens with its best package, without accepting */
        memcpy(act->outcome, c->max_bid, c->tr.issues * sizeof *act->outcome);
        return PARLEY_OK;
    }
    double t = parley_view_time(v), own;
    long left = cuhk_rounds_left(v);
    if (t > 0.9985 && left < 5) { /* the last chance: the opponent's best offer */
        memcpy(act->outcome, c->tr.best, c->tr.issues * sizeof *act->outcome);
        own = c->tr.best_u;
        if (own < 0.85 && left >= 2) {
            size_t lo, hi;
            cuhk_range(c, c->max_u - 0.15, c->max_u - 0.02, &lo, &hi);
            own = cuhk_choose(c, v, lo, hi, act->outcome);
        }
    } else {
        own = cuhk_bid_to_offer(c, v, act->outcome);
    }
    const uint32_t *standing = boa_acceptable_offer(v);
    double offered = c->tr.ru[c->tr.received - 1], reservation = parley_view_reservation(v);
    int accept = cuhk_accepts(c, t, offered, own), end = cuhk_ends(c, t, reservation > 0 ? reservation : 0, own);
    if (accept && end) { /* both: accept when the offer beats the reservation value, else end */
        accept = offered > reservation;
        end = !accept;
    }
    if (accept && standing)
        act->kind = PARLEY_ACT_ACCEPT;
    else if (end)
        act->kind = PARLEY_ACT_WALK_AWAY;
    return PARLEY_OK;
}

size_t cuhk_binned_count(const void *state)
{
    const struct cuhk *c = state;
    return c->bin_start ? c->bin_start[c->bins] : 0;
}

AGENT_KEEP_WITHIN(cuhk_act, cuhk_act_raw)

const parley_agent_vtable agent_cuhk = {
    PARLEY_AGENT_ABI, "cuhk",
    "CUHKAgent (ANAC 2012): discount-driven threshold with adaptive concede-to time, frequency-picked bids",
    cuhk_create, cuhk_destroy, cuhk_act};

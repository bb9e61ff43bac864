/*
 * anac_atlas3.c: Atlas3 (Mori and Ito; ANAC 2015 winner), as GENIUS's
 * agents.anac.y2015.Atlas3.Atlas3 plays it.  Its threshold is linear in time,
 * target + (1 - target)(1 - t) without a discount (max(1 - t/d, target) with
 * one), where target is the expected utility of the final phase: a 2x2 game
 * (hold out or concede, for each side) on its reservation value, the discount
 * and the best utility offered to it.  It accepts at the threshold, ends the
 * talks when its discounted reservation value reaches it, and otherwise bids
 * near the threshold: the lowest package at or above it among the one-issue
 * changes of a random package (else a random walk down from its best package
 * by relative utility), then moves each issue, in random order, to the value
 * the opponents proposed most often when that costs it nothing.  The final
 * phase starts at 1 - timescale (|CList| + 1), timescale the time per own
 * move: it offers back every distinct offer received, best first, while each
 * is worth more than the standing offer, and accepts otherwise.
 */
#include "agents/agent_common.h"
#include "agents/anac_classic.h"
#include "agents/boa.h"
#include "agents/builtin.h"

#include <math.h>
#include <parley/space.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define ATLAS3_FINAL_TIME 1.0  /* TF: when the final phase ends */
#define ATLAS3_FIRST_CONCEDE 0.5 /* PF: chance that it concedes first when both concede */

double atlas3_threshold(double t, double discount, double reservation, double best_offered)
{
    double a11 = reservation * discount, a12 = pow(discount, ATLAS3_FINAL_TIME);
    double a21 = best_offered >= reservation ? best_offered * pow(discount, ATLAS3_FINAL_TIME) : reservation * discount;
    double a22 = ATLAS3_FIRST_CONCEDE * a21 + (1 - ATLAS3_FIRST_CONCEDE) * a12;
    double q = 1; /* the opponent's equilibrium chance of holding out */
    if (a12 - a22 != 0 && 1 - (a11 - a21) / (a12 - a22) != 0)
        q = 1 / (1 - (a11 - a21) / (a12 - a22));
    if (q < 0 || q > 1)
        q = 1;
    double target = (q * a21 + (1 - q) * a22) / pow(discount, t);
    if (discount == 1)
        return target + (1 - target) * (1 - t);
    return fmax(1 - t / discount, target);
}

struct atlas3 {
    struct boa_track tr;
    struct anac_bids offered;  /* CList: the distinct offers received */
    struct anac_counts counts; /* the values of every offer received */
    double reservation, discount, best_offered, threshold;
    long turns;
    size_t replayed; /* CList entries offered back in the final phase */
    size_t *order;   /* CList by utility, best first */
    uint32_t *max_bid, *bid, *trial;
    size_t *issue_order, *value_order;
    double *relative; /* [counts.offset[i] + x]: utility lost by setting issue i of the best package to x */
};

static void atlas3_destroy(void *state)
{
    struct atlas3 *a = state;
    if (!a)
        return;
    boa_track_free(&a->tr);
    anac_bids_free(&a->offered);
    anac_counts_free(&a->counts);
    free(a->order);
    free(a->max_bid);
    free(a->issue_order);
    free(a->relative);
    free(a);
}

static int atlas3_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    int rc;
    struct atlas3 *a = boa_agent_state_new(v, "atlas3", params, sizeof *a, offsetof(struct atlas3, tr), err, &rc);
    if (!a)
        return rc;
    const parley_space *space = parley_view_space(v);
    size_t issues = a->tr.issues ? a->tr.issues : 1, count = parley_view_outcome_count(v);
    a->offered.issues = a->tr.issues;
    if (anac_counts_init(&a->counts, space) || !(a->max_bid = calloc(3 * issues, sizeof *a->max_bid)) ||
        !(a->relative = calloc(a->counts.offset[a->tr.issues] + 1, sizeof *a->relative)) ||
        !(a->issue_order = calloc(issues + a->counts.offset[a->tr.issues] + 1, sizeof *a->issue_order))) {
        atlas3_destroy(a);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    a->bid = a->max_bid + issues;
    a->trial = a->bid + issues;
    a->value_order = a->issue_order + issues;
    a->reservation = parley_utility_reservation(parley_view_utility(v));
    a->discount = anac_discount(v);
    double top = count ? parley_view_outcome_ranked(v, count - 1, a->max_bid) : 0;
    for (size_t i = 0; i < a->tr.issues; i++) {
        memcpy(a->trial, a->max_bid, a->tr.issues * sizeof *a->trial);
        for (uint32_t x = 0; x < parley_issue_value_count(space, i); x++) {
            a->trial[i] = x;
            a->relative[a->counts.offset[i] + x] = parley_view_eval(v, a->trial) - top;
        }
    }
    a->threshold = 1;
    *state = a;
    return PARLEY_OK;
}

/* 0 .. n-1 in random order (Collections.shuffle). */
static void atlas3_shuffle(parley_agent_view *v, size_t *order, size_t n)
{
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t i = n; i > 1; i--) {
        size_t j = anac_random_index(v, i), x = order[i - 1];
        order[i - 1] = order[j];
        order[j] = x;
    }
}

/* Among the packages that differ from `base` in one issue, a random one of the lowest worth >= threshold. */
static double atlas3_neighbour(struct atlas3 *a, parley_agent_view *v, const uint32_t *base, double threshold)
{
    const parley_space *space = parley_view_space(v);
    double low = INFINITY;
    size_t ties = 0;
    for (int pass = 0; pass < 2; pass++) { /* first the lowest utility and its ties, then the pick */
        size_t pick = pass ? anac_random_index(v, ties) : 0;
        for (size_t i = 0; i < a->tr.issues; i++) {
            memcpy(a->trial, base, a->tr.issues * sizeof *a->trial);
            for (uint32_t x = 0; x < parley_issue_value_count(space, i); x++) {
                a->trial[i] = x;
                double u = parley_view_eval(v, a->trial);
                if (u < threshold)
                    continue;
                if (!pass && u < low) {
                    low = u;
                    ties = 1;
                } else if (!pass && u == low) {
                    ties++;
                } else if (pass && u == low && pick-- == 0) {
                    memcpy(a->bid, a->trial, a->tr.issues * sizeof *a->bid);
                    return u;
                }
            }
        }
        if (!ties)
            break;
    }
    memcpy(a->bid, base, a->tr.issues * sizeof *a->bid);
    return parley_view_eval(v, base);
}

/* From the best package, each issue in random order takes the first value (in random order) whose loss the
   concession still allows: the total loss stays within 1 - threshold. */
static double atlas3_relative_search(struct atlas3 *a, parley_agent_view *v, double threshold)
{
    const parley_space *space = parley_view_space(v);
    double room = threshold - 1.0, spent = 0;
    memcpy(a->bid, a->max_bid, a->tr.issues * sizeof *a->bid);
    atlas3_shuffle(v, a->issue_order, a->tr.issues);
    for (size_t k = 0; k < a->tr.issues; k++) {
        size_t i = a->issue_order[k], values = parley_issue_value_count(space, i);
        atlas3_shuffle(v, a->value_order, values);
        for (size_t j = 0; j < values; j++) {
            double loss = a->relative[a->counts.offset[i] + a->value_order[j]];
            if (room <= spent + loss) {
                a->bid[i] = (uint32_t)a->value_order[j];
                spent += loss;
                break;
            }
        }
    }
    return parley_view_eval(v, a->bid);
}

/* bidSearch.getBid: a package at or just above the threshold, then the opponents' favourite values where free. */
static void atlas3_bid(struct atlas3 *a, parley_agent_view *v, double threshold, uint32_t *out)
{
    anac_random_outcome(v, out);
    double u = atlas3_neighbour(a, v, out, threshold);
    if (u < threshold)
        u = atlas3_relative_search(a, v, threshold);
    if (u < threshold) {
        memcpy(a->bid, a->max_bid, a->tr.issues * sizeof *a->bid);
        u = parley_view_eval(v, a->bid);
    }
    atlas3_shuffle(v, a->issue_order, a->tr.issues);
    for (size_t k = 0; k < a->tr.issues; k++) {
        size_t i = a->issue_order[k];
        memcpy(a->trial, a->bid, a->tr.issues * sizeof *a->trial);
        a->trial[i] = anac_counts_most_frequent(&a->counts, i, v);
        double w = parley_view_eval(v, a->trial);
        if (w >= u) {
            a->bid[i] = a->trial[i];
            u = w;
        }
    }
    memcpy(out, a->bid, a->tr.issues * sizeof *out);
    if (!parley_view_feasible(v, out) || !parley_view_red_lines_hold(v, out)) /* parley's constraints */
        parley_view_outcome_at_least(v, threshold, out);
}

/* Files the newest distinct offer into the CList order, best first (ties in order of arrival). */
static int atlas3_file(struct atlas3 *a)
{
    size_t *order = realloc(a->order, a->offered.count * sizeof *order), i = a->offered.count - 1, j = i;
    if (!order)
        return PARLEY_ENOMEM;
    a->order = order;
    while (j > 0 && a->offered.utility[order[j - 1]] < a->offered.utility[i]) {
        order[j] = order[j - 1];
        j--;
    }
    order[j] = i;
    return PARLEY_OK;
}

static int atlas3_act_raw(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct atlas3 *a = state;
    size_t before = a->tr.received;
    int rc = boa_track_update(&a->tr, v);
    if (rc)
        return rc;
    if (a->tr.received > before) { /* bilateral: one new offer (the latest) per turn */
        double u = a->tr.ru[a->tr.received - 1];
        size_t distinct = a->offered.count;
        if (anac_bids_add(&a->offered, a->tr.latest, u) < 0 || (a->offered.count > distinct && atlas3_file(a)))
            return PARLEY_ENOMEM;
        anac_counts_add(&a->counts, a->tr.latest);
        if (u > a->best_offered)
            a->best_offered = u;
    }
    double t = parley_view_time(v);
    a->threshold = atlas3_threshold(t, a->discount, a->reservation, a->best_offered);
    if (request != PARLEY_REQUEST_PROPOSE)
        return agent_act_target(v, request, a->threshold, act);
    if (parley_view_outcome_count(v) == 0) {
        act->kind = PARLEY_ACT_WALK_AWAY;
        return PARLEY_OK;
    }
    a->turns++;
    double timescale = t / (double)a->turns;
    /* as the original: at its threshold even below its reservation value (the final phase checks that value) */
    const uint32_t *standing = boa_standing_offer(v);
    double offered = standing ? parley_view_eval(v, standing) : 0;
    act->kind = PARLEY_ACT_OFFER;
    if (t > 1.0 - timescale * (double)(a->offered.count + 1)) { /* the final phase */
        if (a->replayed < a->offered.count) {
            size_t i = a->order[a->replayed];
            double u = a->offered.utility[i];
            if (u > offered && u > a->reservation) {
                a->replayed++;
                memcpy(act->outcome, anac_bids_at(&a->offered, i), a->tr.issues * sizeof *act->outcome);
                return PARLEY_OK;
            }
            if (standing && offered > a->reservation)
                act->kind = PARLEY_ACT_ACCEPT;
        } else if (standing && offered >= a->reservation) {
            act->kind = PARLEY_ACT_ACCEPT;
        }
        if (act->kind == PARLEY_ACT_ACCEPT)
            return PARLEY_OK;
    } else {
        if (standing && offered >= a->threshold) {
            act->kind = PARLEY_ACT_ACCEPT;
            return PARLEY_OK;
        }
        if (a->reservation * pow(a->discount, t) >= a->threshold) {
            act->kind = PARLEY_ACT_WALK_AWAY;
            return PARLEY_OK;
        }
    }
    atlas3_bid(a, v, a->threshold, act->outcome);
    return PARLEY_OK;
}

AGENT_KEEP_WITHIN(atlas3_act, atlas3_act_raw)

const parley_agent_vtable agent_atlas3 = {
    PARLEY_AGENT_ABI, "atlas3",
    "Atlas3 (ANAC 2015): linear threshold down to the final phase's expected utility, replays offers at the end",
    atlas3_create, atlas3_destroy, atlas3_act};

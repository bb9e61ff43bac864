/*
 * anac_winners.c: the pieces the ported ANAC winners share (see
 * anac_winners.h): value counts of an opponent's offers, and turning
 * "accept or offer this" into a move.
 */
#include "agents/anac_winners.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int value_counts_init(struct value_counts *c, const parley_space *space)
{
    memset(c, 0, sizeof *c);
    c->issues = parley_space_issue_count(space);
    if (!(c->offset = malloc((c->issues + 1) * sizeof *c->offset)))
        return PARLEY_ENOMEM;
    c->offset[0] = 0;
    for (size_t i = 0; i < c->issues; i++)
        c->offset[i + 1] = c->offset[i] + parley_issue_value_count(space, i);
    if (!(c->count = calloc(c->offset[c->issues] ? c->offset[c->issues] : 1, sizeof *c->count))) {
        value_counts_free(c);
        return PARLEY_ENOMEM;
    }
    return PARLEY_OK;
}

void value_counts_free(struct value_counts *c)
{
    free(c->offset);
    free(c->count);
    memset(c, 0, sizeof *c);
}

void value_counts_add(struct value_counts *c, const uint32_t *outcome, double amount)
{
    for (size_t i = 0; i < c->issues; i++)
        c->count[c->offset[i] + outcome[i]] += amount;
    c->bids++;
}

double value_counts_sd(const struct value_counts *c, size_t issue)
{
    size_t n = c->offset[issue + 1] - c->offset[issue];
    if (n == 0)
        return 0;
    double mean = 0, ss = 0;
    for (size_t j = c->offset[issue]; j < c->offset[issue + 1]; j++)
        mean += c->count[j];
    mean /= (double)n;
    for (size_t j = c->offset[issue]; j < c->offset[issue + 1]; j++)
        ss += (c->count[j] - mean) * (c->count[j] - mean);
    return sqrt(ss / (double)n);
}

int winners_update(struct boa_track *tr, parley_agent_view *v, struct value_counts *counts)
{
    parley_event ev;
    if (counts)
        for (size_t i = tr->seen; i < parley_view_event_count(v); i++) {
            parley_view_event(v, i, &ev);
            if (ev.kind == PARLEY_EVENT_OFFER && ev.outcome && ev.party >= 0 && (size_t)ev.party != tr->me &&
                (size_t)ev.party < tr->parties)
                value_counts_add(&counts[ev.party], ev.outcome, 1);
        }
    return boa_track_update(tr, v);
}

int winners_finish(struct boa_track *tr, parley_agent_view *v, parley_request request, int accept, double bid_u,
                   double target, parley_action *act)
{
    if (request != PARLEY_REQUEST_PROPOSE)
        return agent_act_target(v, request, target, act);
    double best = parley_view_best_utility(v);
    if (best < 0 || best < parley_view_reservation(v)) {
        act->kind = PARLEY_ACT_WALK_AWAY;
        return PARLEY_OK;
    }
    if (accept && boa_acceptable_offer(v)) {
        act->kind = PARLEY_ACT_ACCEPT;
        return PARLEY_OK;
    }
    act->kind = PARLEY_ACT_OFFER;
    tr->last_bid = bid_u;
    tr->my_bids++;
    return PARLEY_OK;
}

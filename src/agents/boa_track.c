/*
 * boa_track.c: the record of the talks that the BOA agent and the baselines
 * keep (offers received and their opponent models), bid selection by model
 * utility, the estimated Nash package, and a move from target + acceptance.
 */
#include "agents/boa.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int boa_track_init(struct boa_track *tr, parley_agent_view *v, const char *model_name, parley_error *err)
{
    memset(tr, 0, sizeof *tr);
    const parley_space *space = parley_view_space(v);
    tr->me = parley_view_party(v);
    tr->parties = parley_view_party_count(v);
    tr->issues = parley_space_issue_count(space);
    tr->best_u = -1;
    tr->last_bid = NAN;
    size_t n = tr->issues ? tr->issues : 1;
    if (!(tr->models = calloc(tr->parties, sizeof *tr->models)) || !(tr->best = calloc(3 * n, sizeof *tr->best)))
        goto nomem;
    tr->latest = tr->best + n;
    tr->scratch = tr->best + 2 * n;
    if (model_name && strcmp(model_name, "none") != 0)
        for (size_t k = 0; k < tr->parties; k++) {
            if (k == tr->me)
                continue;
            int rc = parley_opponent_model_new(model_name, space, &tr->models[k], err);
            if (rc) {
                boa_track_free(tr);
                return rc;
            }
        }
    return PARLEY_OK;
nomem:
    boa_track_free(tr);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
}

void *boa_agent_state_new(parley_agent_view *v, const char *agent, const char *params, size_t size,
                          size_t track_offset, parley_error *err, int *rc)
{
    static const char *const none[] = {NULL};
    if ((*rc = parley_agent_params_check(agent, params, none, err)))
        return NULL;
    char *state = calloc(1, size);
    if (!state) {
        *rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        return NULL;
    }
    if ((*rc = boa_track_init((struct boa_track *)(state + track_offset), v, "none", err))) {
        free(state);
        return NULL;
    }
    return state;
}

void boa_track_free(struct boa_track *tr)
{
    if (tr->models)
        for (size_t k = 0; k < tr->parties; k++)
            parley_opponent_model_free(tr->models[k]);
    free(tr->models);
    free(tr->rt);
    free(tr->ru);
    free(tr->best);
    memset(tr, 0, sizeof *tr);
}

int boa_track_update(struct boa_track *tr, parley_agent_view *v)
{
    parley_event ev;
    for (; tr->seen < parley_view_event_count(v); tr->seen++) {
        parley_view_event(v, tr->seen, &ev);
        if (ev.kind != PARLEY_EVENT_OFFER || !ev.outcome || ev.party < 0 || (size_t)ev.party == tr->me ||
            (size_t)ev.party >= tr->parties)
            continue;
        if (tr->received == tr->cap) {
            size_t cap = tr->cap ? 2 * tr->cap : 64;
            double *rt = realloc(tr->rt, cap * sizeof *rt);
            if (!rt)
                return PARLEY_ENOMEM;
            tr->rt = rt;
            double *ru = realloc(tr->ru, cap * sizeof *ru);
            if (!ru)
                return PARLEY_ENOMEM;
            tr->ru = ru;
            tr->cap = cap;
        }
        double u = parley_view_eval(v, ev.outcome);
        tr->rt[tr->received] = ev.time;
        tr->ru[tr->received++] = u;
        tr->sum += u;
        tr->sum_sq += u * u;
        memcpy(tr->latest, ev.outcome, tr->issues * sizeof *ev.outcome);
        if (u > tr->best_u) {
            tr->best_u = u;
            memcpy(tr->best, ev.outcome, tr->issues * sizeof *ev.outcome);
        }
        if (tr->models[ev.party]) {
            int rc = parley_opponent_model_observe(tr->models[ev.party], ev.outcome, ev.time);
            if (rc)
                return rc;
        }
    }
    return PARLEY_OK;
}

double boa_track_model_eval(const struct boa_track *tr, const uint32_t *outcome)
{
    double u = 0;
    for (size_t k = 0; k < tr->parties; k++)
        if (tr->models[k])
            u += parley_opponent_model_eval(tr->models[k], outcome);
    return u;
}

static int has_models(const struct boa_track *tr)
{
    for (size_t k = 0; k < tr->parties; k++)
        if (tr->models[k])
            return 1;
    return 0;
}

double boa_track_nash(struct boa_track *tr, parley_agent_view *v)
{
    if (!has_models(tr) || tr->received == 0)
        return NAN;
    if (tr->nash_at && tr->received < tr->nash_at + 32 && tr->nash_at >= 64)
        return tr->nash_u;
    size_t n = parley_view_outcome_count(v), step = n > 2000 ? n / 2000 : 1;
    double floor = agent_floor(v), best = -1, best_u = NAN;
    for (size_t i = 0; i < n; i += step) {
        double u = parley_view_outcome_ranked(v, i, tr->scratch);
        double product = (u - floor) * boa_track_model_eval(tr, tr->scratch);
        if (u >= floor && product > best) {
            best = product;
            best_u = u;
        }
    }
    tr->nash_at = tr->received;
    tr->nash_u = best_u;
    return best_u;
}

double parley_agent_pick_bid(parley_agent_view *v, double target, double window,
                             parley_opponent_model *const *models, size_t n, uint32_t *out)
{
    size_t count = parley_view_outcome_count(v), have = 0;
    for (size_t k = 0; k < n; k++)
        have += models[k] != NULL;
    if (count == 0 || have == 0)
        return parley_view_outcome_at_least(v, target, out);
    size_t issues = parley_space_issue_count(parley_view_space(v));
    uint32_t cand[PARLEY_MAX_ISSUES];
    size_t start = parley_view_outcome_rank(v, target);
    if (start == count)
        return parley_view_outcome_at_least(v, target, out);
    double best = -INFINITY, best_u = -1;
    for (size_t i = start; i < count && i < start + 256; i++) {
        double u = parley_view_outcome_ranked(v, i, cand);
        if (i > start && u > target + window)
            break;
        double score = 0;
        for (size_t k = 0; k < n; k++)
            if (models[k])
                score += parley_opponent_model_eval(models[k], cand);
        if (score > best) {
            best = score;
            best_u = u;
            memcpy(out, cand, issues * sizeof *cand);
        }
    }
    return best_u;
}

double parley_agent_pick_bid_genius(parley_agent_view *v, double target, parley_opponent_model *const *models,
                                    size_t n, uint32_t *out)
{
    size_t count = parley_view_outcome_count(v), have = 0;
    for (size_t k = 0; k < n; k++)
        have += models[k] != NULL;
    if (count == 0 || have == 0)
        return agent_bid_near(v, target, out);
    /* ascending ranks: the window is [low, high), low the first above target, high past the first above top */
    size_t low = parley_view_outcome_rank(v, target + 2e-12), high = low;
    for (double top = target + 0.01;; top += 0.01) {
        high = parley_view_outcome_rank(v, top + 2e-12);
        high = high < count ? high + 1 : count;
        if (high - low >= 100 || !(top < 1.01))
            break;
    }
    if (low >= count) /* nothing above the target: GENIUS's window then holds its lowest-ranked best package */
        low = count - 1;
    size_t issues = parley_space_issue_count(parley_view_space(v));
    uint32_t cand[PARLEY_MAX_ISSUES];
    double best = -1, best_u = -1;
    int all_zero = 1;
    for (size_t i = high; i-- > low;) { /* GENIUS's list runs from high to low utility */
        double u = parley_view_outcome_ranked(v, i, cand), score = 0;
        for (size_t k = 0; k < n; k++)
            if (models[k])
                score += parley_opponent_model_eval(models[k], cand);
        all_zero &= score <= 0.0001;
        if (score > best) {
            best = score;
            best_u = u;
            memcpy(out, cand, issues * sizeof *cand);
        }
    }
    if (all_zero && high - low > 1) {
        size_t pick = low + (size_t)(parley_view_random(v) * (double)(high - low));
        return parley_view_outcome_ranked(v, pick < high ? pick : high - 1, out);
    }
    return best_u;
}

const uint32_t *boa_standing_offer(parley_agent_view *v)
{
    long proposer;
    const uint32_t *standing = parley_view_standing_offer(v, &proposer);
    if (!standing || proposer == (long)parley_view_party(v) || !parley_view_feasible(v, standing) ||
        !parley_view_red_lines_hold(v, standing))
        return NULL;
    return standing;
}

const uint32_t *boa_acceptable_offer(parley_agent_view *v)
{
    const uint32_t *standing = boa_standing_offer(v);
    return standing && agent_acceptable(v, standing) ? standing : NULL;
}

void boa_acceptance_input(const struct boa_track *tr, parley_agent_view *v, double offered, double next_bid,
                          parley_acceptance_input *in)
{
    in->time = parley_view_time(v);
    in->offered = offered;
    in->next_bid = next_bid;
    in->last_bid = tr->last_bid;
    in->received_time = tr->rt;
    in->received_utility = tr->ru;
    in->received = tr->received;
}

int boa_move(struct boa_track *tr, parley_agent_view *v, parley_request request, double target, double window,
             const parley_acceptance *acc, parley_action *act)
{
    if (request != PARLEY_REQUEST_PROPOSE)
        return agent_act_target(v, request, target, act);
    double best = parley_view_best_utility(v);
    if (best < 0 || best < parley_view_reservation(v)) {
        act->kind = PARLEY_ACT_WALK_AWAY;
        return PARLEY_OK;
    }
    double next = window == PARLEY_WINDOW_GENIUS
                      ? parley_agent_pick_bid_genius(v, target, tr->models, tr->parties, act->outcome)
                      : parley_agent_pick_bid(v, target, window, tr->models, tr->parties, act->outcome);
    const uint32_t *standing = boa_acceptable_offer(v);
    if (standing) {
        double offered = parley_view_eval(v, standing);
        parley_acceptance_input in;
        boa_acceptance_input(tr, v, offered, next, &in);
        if (acc ? parley_acceptance_decide(acc, &in) : offered >= next - 1e-12) {
            act->kind = PARLEY_ACT_ACCEPT;
            return PARLEY_OK;
        }
    }
    act->kind = PARLEY_ACT_OFFER;
    tr->last_bid = next;
    tr->my_bids++;
    return PARLEY_OK;
}

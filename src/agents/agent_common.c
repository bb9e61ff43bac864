/*
 * agent_common.c: turning a target utility into a move (offer, acceptance,
 * vote, ratification, amendment) for the built-in agents.
 */
#include "agents/agent_common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double agent_td_target(double t, double e, double k, double pmin, double pmax)
{
    double f;
    if (t < 0)
        t = 0;
    if (t > 1)
        t = 1;
    if (e <= 0)
        f = k;
    else if (e == 1)
        f = k + (1 - k) * t;
    else
        f = k + (1 - k) * pow(t, 1 / e);
    if (pmin > pmax)
        pmin = pmax;
    return pmin + (pmax - pmin) * (1 - f);
}

double agent_floor(parley_agent_view *v)
{
    double r = parley_view_reservation(v), worst = parley_view_worst_utility(v);
    return worst > r ? worst : r;
}

int agent_admissible(parley_agent_view *v, const uint32_t *outcome)
{
    return parley_view_feasible(v, outcome) && parley_view_red_lines_hold(v, outcome);
}

int agent_acceptable(parley_agent_view *v, const uint32_t *outcome)
{
    return agent_admissible(v, outcome) && parley_view_eval(v, outcome) >= parley_view_reservation(v);
}

static int nothing_left(parley_agent_view *v)
{
    double best = parley_view_best_utility(v);
    return best < 0 || best < parley_view_reservation(v);
}

/* Alternating offers: offer the package `pick` gives for the target, or accept a standing offer worth as much;
   below the reservation value only when `below_reservation` (red lines and constraints still hold). */
static int propose_with(parley_agent_view *v, double target, double (*pick)(parley_agent_view *, double, uint32_t *),
                        int below_reservation, parley_action *act)
{
    long proposer;
    const uint32_t *standing = parley_view_standing_offer(v, &proposer);
    if (nothing_left(v)) {
        act->kind = PARLEY_ACT_WALK_AWAY;
        return PARLEY_OK;
    }
    double next = pick(v, target, act->outcome);
    int may = standing && proposer != (long)parley_view_party(v) &&
              (below_reservation ? agent_admissible(v, standing) : agent_acceptable(v, standing));
    if (may && parley_view_eval(v, standing) >= next - 1e-12) {
        act->kind = PARLEY_ACT_ACCEPT;
        return PARLEY_OK;
    }
    act->kind = PARLEY_ACT_OFFER;
    return PARLEY_OK;
}

static int propose(parley_agent_view *v, double target, parley_action *act)
{
    return propose_with(v, target, parley_view_outcome_at_least, 0, act);
}

int agent_act_target_near(parley_agent_view *v, parley_request request, double target, parley_action *act)
{
    if (request == PARLEY_REQUEST_PROPOSE)
        return propose_with(v, target, agent_bid_near, 1, act);
    return agent_act_target(v, request, target, act);
}

static int vote(parley_agent_view *v, double target, parley_action *act)
{
    const uint32_t *text = parley_view_text(v), *proposal = parley_view_proposal(v);
    act->kind = PARLEY_ACT_REJECT;
    if (!proposal || !parley_view_feasible(v, proposal) || !parley_view_red_lines_hold(v, proposal))
        return PARLEY_OK;
    double up = parley_view_eval(v, proposal);
    double ux = text ? parley_view_eval(v, text) : 0;
    double temperature = parley_view_temperature(v);
    if (up >= ux)
        act->kind = PARLEY_ACT_ACCEPT;
    else if (temperature > 0)
        act->kind = parley_view_random(v) < exp((up - ux) / temperature) ? PARLEY_ACT_ACCEPT : PARLEY_ACT_REJECT;
    else if (up >= target - 1e-12)
        act->kind = PARLEY_ACT_ACCEPT;
    return PARLEY_OK;
}

/* Utility the additive part gains by setting issue i of `from` to value x. */
static double gain(parley_agent_view *v, const uint32_t *from, size_t i, uint32_t x)
{
    const parley_utility *u = parley_view_utility(v);
    return parley_utility_weight(u, i) * (parley_utility_value(u, i, x) - parley_utility_value(u, i, from[i]));
}

/*
 * Shuttle: accept the text when it is worth the next offer; otherwise amend it
 * towards the package at the target (greedily, biggest gains first, stopping
 * when the amended text reaches the target), or send that package as a private
 * offer when more than half the issues would change.
 */
static int respond(parley_agent_view *v, double target, parley_action *act)
{
    const parley_space *space = parley_view_space(v);
    size_t issues = parley_space_issue_count(space);
    const uint32_t *text = parley_view_text(v);
    if (nothing_left(v)) {
        act->kind = PARLEY_ACT_WALK_AWAY;
        return PARLEY_OK;
    }
    uint32_t *want = malloc(2 * issues * sizeof *want);
    if (!want)
        return PARLEY_ENOMEM;
    uint32_t *amended = want + issues;
    double next = parley_view_outcome_at_least(v, target, want);
    if (text && agent_acceptable(v, text) && parley_view_eval(v, text) >= next - 1e-12) {
        act->kind = PARLEY_ACT_ACCEPT;
        free(want);
        return PARLEY_OK;
    }
    if (!text) {
        memcpy(act->outcome, want, issues * sizeof *want);
        act->kind = PARLEY_ACT_OFFER;
        free(want);
        return PARLEY_OK;
    }
    memcpy(amended, text, issues * sizeof *amended);
    size_t n = 0;
    for (;;) {
        int done = parley_view_eval(v, amended) >= next - 1e-12 && parley_view_feasible(v, amended) &&
                   parley_view_red_lines_hold(v, amended);
        if (done || n >= act->change_capacity)
            break;
        size_t pick = issues;
        double best = -INFINITY;
        for (size_t i = 0; i < issues; i++)
            if (amended[i] != want[i] && gain(v, amended, i, want[i]) > best) {
                best = gain(v, amended, i, want[i]);
                pick = i;
            }
        if (pick == issues)
            break;
        parley_change *c = &act->changes[n++];
        const char *red = parley_view_broken_red_line(v, amended);
        char from[64], to[64];
        parley_issue_format_value(space, pick, amended[pick], from, sizeof from);
        parley_issue_format_value(space, pick, want[pick], to, sizeof to);
        amended[pick] = want[pick];
        c->issue = (uint32_t)pick;
        c->value = want[pick];
        if (red && !parley_view_broken_red_line(v, amended))
            snprintf(c->reason, sizeof c->reason, "the text breaks our red line '%.100s'", red);
        else
            snprintf(c->reason, sizeof c->reason, "%.48s %.24s instead of %.24s: we cannot accept less", parley_issue_name(space, pick),
                     to, from);
    }
    if (n > 0 && n <= (issues + 1) / 2) {
        act->kind = PARLEY_ACT_AMEND;
        act->change_count = n;
    } else {
        act->kind = PARLEY_ACT_OFFER;
        memcpy(act->outcome, want, issues * sizeof *want);
    }
    free(want);
    return PARLEY_OK;
}

int agent_act_target(parley_agent_view *v, parley_request request, double target, parley_action *act)
{
    switch (request) {
    case PARLEY_REQUEST_PROPOSE:
        return propose(v, target, act);
    case PARLEY_REQUEST_VOTE:
        return vote(v, target, act);
    case PARLEY_REQUEST_RATIFY: {
        const uint32_t *text = parley_view_text(v);
        act->kind = text && agent_acceptable(v, text) ? PARLEY_ACT_ACCEPT : PARLEY_ACT_REJECT;
        return PARLEY_OK;
    }
    case PARLEY_REQUEST_RESPOND:
        return respond(v, target, act);
    }
    return PARLEY_EINVAL;
}

int agent_keep_within(parley_agent_view *v, parley_action *act, int rc)
{
    if (rc != PARLEY_OK || act->kind != PARLEY_ACT_OFFER ||
        (parley_view_feasible(v, act->outcome) && parley_view_red_lines_hold(v, act->outcome)))
        return rc;
    if (parley_view_best_utility(v) < 0) {
        act->kind = PARLEY_ACT_WALK_AWAY;
        return rc;
    }
    agent_bid_near(v, parley_view_eval(v, act->outcome), act->outcome);
    return rc;
}

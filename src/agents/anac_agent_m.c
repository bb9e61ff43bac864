/*
 * anac_agent_m.c: AgentM (S. Hourmann; ANAC 2014 winner, GENIUS
 * agents.anac.y2014.AgentM), written for ANAC 2014's integer issues.
 *
 * Integer issues: its first bid is the best of up to 1,000 random packages
 * (stopping above 0.98).  Each later turn it draws up to 1,000 more (keeping a
 * better one), then anneals (temperature 0.01(1 - i/1000)^2, at most 1,000
 * steps) from the last package drawn towards the opponent: each step moves
 * issues/10 random issues one step up or down, and for issues/5 times sets one
 * random issue to the opponent's most frequent value (alternately its best
 * offer's value) and another to its best offer's value; a step kept whose
 * utility is above u(bid) - c replaces the bid, until the bid is worth
 * 0.999 - c, with c = (worst - best own utility of the opponent's offers)^2 +
 * t/10.  It accepts an offer worth more than the worst bid it has made
 * (including the one it just made).  The original counts the opponent's
 * values in an array of 10, so a value outside 0..9 throws; so does reading any
 * non-integer value, or a neighbour move on 10 or more non-integer issues.
 * Its handler then accepts the opponent's offer.
 *
 * So on categorical (or real) issues, the ANAC 2010-2013 domains, the
 * original accepts the first offer it receives (traces: round 2 on Laptop,
 * Camera and Grocery); parley does the same, on purpose.  Session memory (the
 * previous agreement, `endbid`) is not kept: parley runs one session.
 * No parameters.
 */
#include "agents/agent_common.h"
#include "agents/anac_winners.h"
#include "agents/builtin.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define AGENTM_TRIES 1000
#define AGENTM_GOOD 0.98   /* the random search stops above this */
#define AGENTM_TOP 0.999
#define AGENTM_TEMPERATURE 0.01
#define AGENTM_SLOTS 10    /* the original's value counts hold the integers 0..9 */

struct agent_m {
    struct boa_track tr;
    struct value_counts counts; /* of the opponent's latest offer at each of its turns */
    uint32_t *bidmax, *bid, *next;
    int have_bidmax, integer;  /* integer: every issue is an integer issue */
    double worst_own;          /* own utility of its worst bid so far */
    double opp_worst;          /* own utility of the opponent's worst offer */
};

double agent_m_temperature(int step)
{
    double x = 1.0 - (double)step / AGENTM_TRIES;
    return AGENTM_TEMPERATURE * x * x;
}

double agent_m_move_probability(double current, double next, double temperature)
{
    double diff = current - next;
    return diff > 0 ? exp(-diff / temperature) : 1.0;
}

double agent_m_concession(double opp_worst, double opp_best, double t)
{
    return (opp_worst - opp_best) * (opp_worst - opp_best) + t / 10;
}

static void agent_m_destroy(void *state)
{
    struct agent_m *m = state;
    if (!m)
        return;
    free(m->bidmax);
    value_counts_free(&m->counts);
    boa_track_free(&m->tr);
    free(m);
}

static int agent_m_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    int rc;
    struct agent_m *m = boa_agent_state_new(v, "agent-m", params, sizeof *m, offsetof(struct agent_m, tr), err, &rc);
    if (!m)
        return rc;
    const parley_space *space = parley_view_space(v);
    size_t n = m->tr.issues ? m->tr.issues : 1;
    if (!(m->bidmax = calloc(3 * n, sizeof *m->bidmax)) || value_counts_init(&m->counts, space)) {
        agent_m_destroy(m);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    m->bid = m->bidmax + n;
    m->next = m->bidmax + 2 * n;
    m->integer = 1;
    for (size_t i = 0; i < m->tr.issues; i++)
        m->integer &= parley_issue_type_of(space, i) == PARLEY_ISSUE_INTEGER;
    m->worst_own = INFINITY;
    *state = m;
    return PARLEY_OK;
}

static size_t random_below(parley_agent_view *v, size_t n)
{
    size_t k = (size_t)(parley_view_random(v) * (double)n);
    return k < n ? k : n - 1;
}

static void random_package(parley_agent_view *v, const parley_space *space, uint32_t *out)
{
    for (size_t i = 0; i < parley_space_issue_count(space); i++)
        out[i] = (uint32_t)random_below(v, parley_issue_value_count(space, i));
}

/* Up to 1,000 random packages: a better one replaces bidmax; stops above 0.98.  Leaves the last drawn in m->bid. */
static double random_search(struct agent_m *m, parley_agent_view *v, double *max_u)
{
    const parley_space *space = parley_view_space(v);
    double current = 0;
    for (int i = 0; i < AGENTM_TRIES; i++) {
        random_package(v, space, m->bid);
        current = parley_view_eval(v, m->bid);
        if (!m->have_bidmax || parley_view_eval(v, m->bidmax) < current) {
            memcpy(m->bidmax, m->bid, m->tr.issues * sizeof *m->bid);
            m->have_bidmax = 1;
            *max_u = current;
            if (*max_u > AGENTM_GOOD)
                break;
        }
    }
    return current;
}

/* One step up or down of issue i's value (the original's nextOptionIndex). */
static uint32_t neighbour(parley_agent_view *v, const parley_space *space, size_t i, uint32_t value)
{
    uint32_t top = parley_issue_value_count(space, i) - 1;
    if (top == 0)
        return value;
    int up = parley_view_random(v) < 0.5;
    if (value == top)
        up = 0;
    else if (value == 0)
        up = 1;
    return up ? value + 1 : value - 1;
}

/* The opponent's most frequent value of issue i among 0 .. count-2 (the original skips the upper bound). */
static uint32_t frequent_value(const struct agent_m *m, const parley_space *space, size_t i)
{
    uint32_t best = 0;
    double most = 0;
    for (uint32_t j = 0; j + 1 < parley_issue_value_count(space, i); j++)
        if (m->counts.count[m->counts.offset[i] + j] > most) {
            most = m->counts.count[m->counts.offset[i] + j];
            best = j;
        }
    return best;
}

uint32_t agent_m_frequent_value(const struct value_counts *counts, const parley_space *space, size_t i)
{
    struct agent_m m = {.counts = *counts};
    return frequent_value(&m, space, i);
}

/* The annealing walk of getRandomBid; `toward` (0 on the first bid) pulls issues to the opponent's values. */
static void anneal(struct agent_m *m, parley_agent_view *v, double current, double max_u, double c, int toward)
{
    const parley_space *space = parley_view_space(v);
    size_t n = m->tr.issues;
    for (int i = 1; i <= AGENTM_TRIES && max_u < AGENTM_TOP - c; i++) {
        memcpy(m->next, m->bid, n * sizeof *m->next);
        for (size_t k = 0; k < n / 10; k++) {
            size_t issue = random_below(v, n);
            m->next[issue] = neighbour(v, space, issue, m->bid[issue]);
        }
        for (size_t j = 0; toward && j < n / 5; j++) {
            size_t issue = random_below(v, n);
            m->next[issue] = j % 2 == 0 ? frequent_value(m, space, issue) : m->tr.best[issue];
            issue = random_below(v, n);
            m->next[issue] = m->tr.best[issue];
        }
        double next_u = parley_view_eval(v, m->next);
        if (agent_m_move_probability(current, next_u, agent_m_temperature(i)) > parley_view_random(v)) {
            memcpy(m->bid, m->next, n * sizeof *m->bid);
            current = next_u;
            double bar = toward ? parley_view_eval(v, m->bidmax) - c : max_u;
            if (next_u > bar) {
                memcpy(m->bidmax, m->next, n * sizeof *m->bidmax);
                max_u = next_u;
            }
        }
    }
}

/* 1 when the original would throw reading the opponent's offer (a value that is not an integer in 0..9). */
static int unreadable(const struct agent_m *m, const parley_space *space, const uint32_t *offer)
{
    if (!m->integer)
        return 1;
    for (size_t i = 0; i < m->tr.issues; i++) {
        double x = parley_issue_number(space, i, offer[i]);
        if (x < 0 || x >= AGENTM_SLOTS || x != floor(x))
            return 1;
    }
    return 0;
}

static int agent_m_act_raw(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct agent_m *m = state;
    const parley_space *space = parley_view_space(v);
    int rc = boa_track_update(&m->tr, v);
    if (rc)
        return rc;
    for (size_t k = 0; k < m->tr.received; k++)
        if (m->tr.ru[k] < m->opp_worst || k == 0)
            m->opp_worst = m->tr.ru[k];
    double max_u = 0;
    int accept = 0;
    if (!m->have_bidmax) {
        double current = random_search(m, v, &max_u);
        if (m->integer)
            anneal(m, v, current, max_u, 0, 0);
    } else if (m->integer) {
        double current = random_search(m, v, &max_u);
        double c = agent_m_concession(m->opp_worst, m->tr.best_u, parley_view_time(v));
        anneal(m, v, current, max_u, c, 1);
    } /* on other issues the original's search throws before changing its bid, and it accepts (below) */
    double bid_u = parley_view_eval(v, m->bidmax);
    memcpy(act->outcome, m->bidmax, m->tr.issues * sizeof *act->outcome);
    if (bid_u < m->worst_own)
        m->worst_own = bid_u;
    if (m->tr.received > 0) {
        if (unreadable(m, space, m->tr.latest)) {
            accept = 1;
        } else {
            value_counts_add(&m->counts, m->tr.latest, 1);
            accept = m->tr.ru[m->tr.received - 1] > m->worst_own;
        }
    }
    double target = isinf(m->worst_own) ? bid_u : m->worst_own;
    if (!m->integer) /* mediated protocols: as it accepts any offer on such issues, it takes any text it may */
        target = agent_floor(v);
    long proposer;
    const uint32_t *standing = parley_view_standing_offer(v, &proposer);
    if (request == PARLEY_REQUEST_PROPOSE && accept && standing && proposer != (long)m->tr.me &&
        parley_view_feasible(v, standing) && parley_view_red_lines_hold(v, standing)) {
        act->kind = PARLEY_ACT_ACCEPT; /* like the original, even below its reservation value */
        return PARLEY_OK;
    }
    return winners_finish(&m->tr, v, request, 0, bid_u, target, act);
}

AGENT_KEEP_WITHIN(agent_m_act, agent_m_act_raw)

const parley_agent_vtable agent_agent_m = {PARLEY_AGENT_ABI, "agent-m",
                                           "AgentM (ANAC 2014): random search and annealing towards the "
                                           "opponent's values on integer issues",
                                           agent_m_create, agent_m_destroy, agent_m_act};

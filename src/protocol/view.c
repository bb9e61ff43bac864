/*
 * view.c: what an agent sees: the parley_view_* functions of parley/agent.h.
 * A view answers only with its own party's preferences and red lines, public
 * facts (space, global constraints, clock, names) and the events its party may
 * see; it also keeps the party's own packages sorted by utility so that
 * time-dependent agents find an offer in O(log n).
 */
#include "protocol/session_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int view_init(parley_negotiation *neg, size_t k, struct parley_agent_view *v)
{
    memset(v, 0, sizeof *v);
    v->neg = neg;
    v->party = k;
    v->scenario_index = parley_scenario_negotiator(neg->sc, k);
    v->utility = parley_party_utility(neg->sc, v->scenario_index);
    v->rng = neg->cfg.seed * 0x9E3779B97F4A7C15ull + (uint64_t)(k + 1) * 0xD1B54A32D192ED03ull;
    return PARLEY_OK;
}

void view_free(struct parley_agent_view *v)
{
    free(v->visible);
    parley_package_index_free(v->own_idx);
    free(v->cached);
    free(v->near_values);
    memset(v, 0, sizeof *v);
}

static int visible_to(const struct event_rec *e, size_t k)
{
    return e->to == PARLEY_EVERYONE || e->party == (long)k || e->to == (long)k;
}

int view_publish(parley_negotiation *neg, size_t i)
{
    const struct event_rec *e = &neg->events[i];
    for (size_t k = 0; k < neg->agent_count; k++) {
        struct parley_agent_view *v = &neg->agents[k].view;
        if (!visible_to(e, k))
            continue;
        if (v->visible_count == v->visible_cap) {
            size_t cap = v->visible_cap ? 2 * v->visible_cap : 64;
            size_t *p = realloc(v->visible, cap * sizeof *p);
            if (!p)
                return PARLEY_ENOMEM;
            v->visible = p;
            v->visible_cap = cap;
        }
        v->visible[v->visible_count++] = i;
    }
    return PARLEY_OK;
}

size_t parley_view_party(const parley_agent_view *v) { return v->party; }
size_t parley_view_party_count(const parley_agent_view *v) { return v->neg->n; }
const char *parley_view_party_name(const parley_agent_view *v, size_t party)
{
    return neg_party_name(v->neg, (long)party);
}
const parley_space *parley_view_space(const parley_agent_view *v) { return v->neg->space; }
const parley_utility *parley_view_utility(const parley_agent_view *v) { return v->utility; }
double parley_view_eval(const parley_agent_view *v, const uint32_t *outcome)
{
    return parley_utility_eval(v->utility, outcome);
}
double parley_view_reservation(const parley_agent_view *v)
{
    return parley_utility_reservation_at(v->utility, v->neg->t);
}

int parley_view_red_lines_hold(const parley_agent_view *v, const uint32_t *outcome)
{
    return parley_scenario_red_lines_hold(v->neg->sc, v->scenario_index, outcome);
}

const char *parley_view_broken_red_line(const parley_agent_view *v, const uint32_t *outcome)
{
    const parley_scenario *sc = v->neg->sc;
    for (size_t i = 0; i < parley_scenario_constraint_count(sc); i++) {
        const parley_constraint *c = parley_scenario_constraint(sc, i);
        if (c->party == (long)v->scenario_index && !parley_expr_holds(c->expr, outcome))
            return c->name;
    }
    return NULL;
}

int parley_view_feasible(const parley_agent_view *v, const uint32_t *outcome)
{
    return parley_scenario_feasible(v->neg->sc, outcome);
}

long parley_view_round(const parley_agent_view *v) { return v->neg->round; }
long parley_view_rounds(const parley_agent_view *v) { return v->neg->cfg.rounds; }
double parley_view_time(const parley_agent_view *v) { return v->neg->t; }
double parley_view_next_time(const parley_agent_view *v) { return v->neg->t_next; }
double parley_view_temperature(const parley_agent_view *v) { return v->neg->temperature; }

const uint32_t *parley_view_standing_offer(const parley_agent_view *v, long *party)
{
    if (party)
        *party = v->neg->standing_party;
    return v->neg->standing_party >= 0 ? v->neg->standing : NULL;
}

const uint32_t *parley_view_text(const parley_agent_view *v) { return v->neg->has_text ? v->neg->text : NULL; }
const uint32_t *parley_view_proposal(const parley_agent_view *v)
{
    return v->neg->has_proposal ? v->neg->proposal : NULL;
}

size_t parley_view_event_count(const parley_agent_view *v) { return v->visible_count; }

int parley_view_event(const parley_agent_view *v, size_t i, parley_event *out)
{
    if (i >= v->visible_count)
        return PARLEY_EINVAL;
    return parley_negotiation_event(v->neg, v->visible[i], out, NULL);
}

uint64_t parley_view_seed(const parley_agent_view *v) { return v->neg->cfg.seed; }

double parley_view_random(parley_agent_view *v)
{
    return (double)(neg_rng_next(&v->rng) >> 11) * 0x1.0p-53;
}

/* --- The party's own packages, sorted (package_index.c) --- */

const parley_package_index *view_package_index(parley_agent_view *v)
{
    if (!v->idx && !v->index_tried) {
        v->index_tried = 1;
        uint64_t seed = v->neg->cfg.seed * 0x9E3779B97F4A7C15ull ^ (uint64_t)(v->party + 1) * 0xA5A5A5A5ull;
        if (parley_package_index_build(v->neg->sc, v->party, seed, &v->own_idx, NULL) == PARLEY_OK)
            v->idx = v->own_idx;
        else
            v->index_failed = 1;
    }
    return v->idx;
}

/* Rank queries need every package in order: an additive index is backed by a sorted one built on demand. */
static const parley_package_index *ensure_ranked(parley_agent_view *v)
{
    const parley_package_index *idx = view_package_index(v);
    const parley_package_index *sorted = idx ? pindex_sorted(idx, v->neg->sc) : NULL;
    if (idx && !sorted)
        v->index_failed = 1;
    return sorted;
}

size_t parley_view_outcome_rank(parley_agent_view *v, double target)
{
    const parley_package_index *idx = ensure_ranked(v);
    return idx ? pindex_rank(idx, target) : 0;
}

double parley_view_outcome_at_least(parley_agent_view *v, double target, uint32_t *out)
{
    const parley_package_index *idx = view_package_index(v);
    if (!idx)
        return -1;
    if (!idx->additive)
        return pindex_at_least(idx, target, out);
    /* Time-dependent targets move a little each round: the last answer often still holds. */
    double t = target - 1e-12;
    size_t issues = idx->issues ? idx->issues : 1;
    if (v->cached && t > v->cached_from && t <= v->cached_to) {
        memcpy(out, v->cached, issues * sizeof *out);
        return v->cached_u;
    }
    double u = pindex_additive_at_least(idx, target, out, &v->cached_from, &v->cached_to);
    if (!v->cached)
        v->cached = malloc(issues * sizeof *v->cached);
    if (v->cached) {
        memcpy(v->cached, out, issues * sizeof *out);
        v->cached_u = u;
    }
    return u;
}

uint32_t *view_scratch(parley_agent_view *v)
{
    size_t issues = v->neg->issues ? v->neg->issues : 1;
    if (!v->near_values && !(v->near_values = malloc(3 * issues * sizeof *v->near_values)))
        return NULL;
    return v->near_values + 2 * issues;
}

/* The neighbours of threshold t, from the last answer when it still holds. */
static const struct pindex_neighbours *around(parley_agent_view *v, double t)
{
    const parley_package_index *idx = view_package_index(v);
    if (!idx)
        return NULL;
    struct pindex_neighbours *nb = &v->near;
    if (v->near_valid && (!nb->has_down || t > nb->down_u) && (!nb->has_up || t <= nb->up_u))
        return nb;
    size_t issues = idx->issues ? idx->issues : 1;
    if (!view_scratch(v))
        return NULL;
    nb->down = v->near_values;
    nb->up = v->near_values + issues;
    v->near_valid = pindex_around(idx, v->neg->sc, t, nb, v->near_values + 2 * issues);
    return v->near_valid ? nb : NULL;
}

int parley_view_outcome_around(parley_agent_view *v, double target, uint32_t *below, double *below_u, uint32_t *above,
                               double *above_u)
{
    const struct pindex_neighbours *nb = around(v, target - 1e-12);
    if (!nb)
        return 0;
    size_t issues = parley_space_issue_count(v->neg->space);
    if (nb->has_down) {
        if (below)
            memcpy(below, nb->down, issues * sizeof *below);
        if (below_u)
            *below_u = nb->down_u;
    }
    if (nb->has_up) {
        if (above)
            memcpy(above, nb->up, issues * sizeof *above);
        if (above_u)
            *above_u = nb->up_u;
    }
    return (nb->has_down ? 1 : 0) | (nb->has_up ? 2 : 0);
}

double parley_view_best_utility(parley_agent_view *v)
{
    const parley_package_index *idx = view_package_index(v);
    return idx ? pindex_best(idx) : -1;
}

double parley_view_worst_utility(parley_agent_view *v)
{
    const parley_package_index *idx = view_package_index(v);
    return idx ? pindex_worst(idx) : -1;
}

size_t parley_view_outcome_count(parley_agent_view *v)
{
    const parley_package_index *idx = view_package_index(v);
    return idx ? pindex_ranked_count(idx, v->neg->sc) : 0;
}

double parley_view_outcome_ranked(parley_agent_view *v, size_t i, uint32_t *out)
{
    const parley_package_index *idx = ensure_ranked(v);
    if (!idx || i >= idx->n)
        return -1;
    return pindex_get(idx, i, out);
}

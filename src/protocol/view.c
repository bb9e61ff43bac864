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

/* Spaces up to this many outcomes are indexed whole; larger ones are sampled. */
#define INDEX_FULL_MAX (1u << 21)
#define INDEX_SAMPLES (1u << 18)

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
    free(v->index);
    free(v->samples);
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

double parley_view_random(parley_agent_view *v)
{
    return (double)(neg_rng_next(&v->rng) >> 11) * 0x1.0p-53;
}

/* --- The sorted index of the party's own acceptable packages --- */

/*
 * Sorts the n entries by (utility, id): an LSD radix sort on keys made of the
 * utility rounded to 2^-40 and the entry's position (ties keep id order), then
 * an insertion pass on the exact values for utilities closer than 2^-40.
 */
#define POS_BITS 22u
static int sort_entries(struct outcome_entry *e, size_t n)
{
    size_t m = n ? n : 1;
    uint64_t *buf = malloc(2 * m * sizeof *buf), *keys = buf, *tmp = buf + m;
    struct outcome_entry *copy = malloc(m * sizeof *copy);
    size_t *count = malloc(65536 * sizeof *count);
    if (!buf || !copy || !count) {
        free(buf);
        free(copy);
        free(count);
        return PARLEY_ENOMEM;
    }
    for (size_t j = 0; j < n; j++) {
        double u = e[j].u < 0 ? 0 : e[j].u > 1 ? 1 : e[j].u;
        keys[j] = (uint64_t)(u * 1099511627776.0 + 0.5) << POS_BITS | (uint64_t)j;
    }
    for (unsigned shift = 0; shift < 64; shift += 16) {
        memset(count, 0, 65536 * sizeof *count);
        for (size_t j = 0; j < n; j++)
            count[(keys[j] >> shift) & 0xFFFF]++;
        size_t sum = 0;
        for (size_t b = 0; b < 65536; b++) {
            size_t c = count[b];
            count[b] = sum;
            sum += c;
        }
        for (size_t j = 0; j < n; j++)
            tmp[count[(keys[j] >> shift) & 0xFFFF]++] = keys[j];
        uint64_t *swap = keys;
        keys = tmp;
        tmp = swap;
    }
    memcpy(copy, e, n * sizeof *e);
    for (size_t i = 0; i < n; i++)
        e[i] = copy[keys[i] & ((1u << POS_BITS) - 1)];
    for (size_t i = 1; i < n; i++) {
        struct outcome_entry x = e[i];
        size_t j = i;
        while (j > 0 && (e[j - 1].u > x.u || (e[j - 1].u == x.u && e[j - 1].id > x.id))) {
            e[j] = e[j - 1];
            j--;
        }
        e[j] = x;
    }
    free(buf);
    free(copy);
    free(count);
    return PARLEY_OK;
}

static int own_ok(const struct parley_agent_view *v, const uint32_t *values, int constrained)
{
    return !constrained || (parley_scenario_feasible(v->neg->sc, values) &&
                            parley_scenario_red_lines_hold(v->neg->sc, v->scenario_index, values));
}

/* Builds the index: every outcome of a small space, or samples of a large one (their values kept in v->samples). */
static int build_index(struct parley_agent_view *v)
{
    const parley_space *space = v->neg->space;
    size_t issues = v->neg->issues;
    int constrained = parley_scenario_constraint_count(v->neg->sc) > 0;
    uint64_t size = 0;
    uint32_t *values = calloc(issues, sizeof *values);
    if (!values)
        return PARLEY_ENOMEM;
    v->index_built = 1;
    if (parley_space_size_u64(space, &size) == PARLEY_OK && size <= INDEX_FULL_MAX) {
        v->index = malloc((size ? size : 1) * sizeof *v->index);
        if (!v->index)
            goto nomem;
        for (uint64_t id = 0; id < size; id++) {
            if (own_ok(v, values, constrained)) {
                v->index[v->index_n].u = parley_utility_eval(v->utility, values);
                v->index[v->index_n].id = id;
                v->index_n++;
            }
            for (size_t i = issues; i-- > 0;) {
                if (++values[i] < parley_issue_value_count(space, i))
                    break;
                values[i] = 0;
            }
        }
    } else {
        /* Sampled: the values of sample s are kept in v->samples. */
        size_t n = INDEX_SAMPLES + 1;
        v->index = malloc(n * sizeof *v->index);
        v->samples = malloc(n * issues * sizeof *v->samples);
        if (!v->index || !v->samples)
            goto nomem;
        uint64_t rng = v->rng ^ 0xA5A5A5A5ull;
        for (size_t s = 0; s < n; s++) {
            for (size_t i = 0; i < issues; i++) {
                uint32_t count = parley_issue_value_count(space, i);
                if (s == 0) { /* the best value of every issue: the best additive package */
                    uint32_t best = 0;
                    for (uint32_t x = 1; x < count; x++)
                        if (parley_utility_value(v->utility, i, x) > parley_utility_value(v->utility, i, best))
                            best = x;
                    values[i] = best;
                } else {
                    values[i] = (uint32_t)(neg_rng_next(&rng) % count);
                }
            }
            if (!own_ok(v, values, constrained))
                continue;
            for (size_t i = 0; i < issues; i++)
                v->samples[v->index_n * issues + i] = values[i];
            v->index[v->index_n].u = parley_utility_eval(v->utility, values);
            v->index[v->index_n].id = v->index_n;
            v->index_n++;
        }
    }
    free(values);
    if (sort_entries(v->index, v->index_n) == PARLEY_OK)
        return PARLEY_OK;
    values = NULL;
nomem:
    free(values);
    free(v->index);
    free(v->samples);
    v->index = NULL;
    v->samples = NULL;
    v->index_n = 0;
    return PARLEY_ENOMEM;
}

static void entry_values(const struct parley_agent_view *v, const struct outcome_entry *e, uint32_t *out)
{
    if (v->samples)
        memcpy(out, v->samples + e->id * v->neg->issues, v->neg->issues * sizeof *out);
    else
        parley_space_decode(v->neg->space, e->id, out);
}

static int ensure_index(parley_agent_view *v)
{
    return v->index_built ? PARLEY_OK : build_index(v);
}

size_t parley_view_outcome_rank(parley_agent_view *v, double target)
{
    if (ensure_index(v))
        return 0;
    size_t lo = 0, hi = v->index_n;
    double t = target - 1e-12;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->index[mid].u < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

double parley_view_outcome_at_least(parley_agent_view *v, double target, uint32_t *out)
{
    if (ensure_index(v) || v->index_n == 0)
        return -1;
    size_t lo = parley_view_outcome_rank(v, target);
    if (lo == v->index_n) {
        /* none reaches the target: the best, lowest id among equals */
        lo = v->index_n - 1;
        while (lo > 0 && v->index[lo - 1].u == v->index[lo].u)
            lo--;
    }
    entry_values(v, &v->index[lo], out);
    return v->index[lo].u;
}

double parley_view_best_utility(parley_agent_view *v)
{
    if (ensure_index(v) || v->index_n == 0)
        return -1;
    return v->index[v->index_n - 1].u;
}

double parley_view_worst_utility(parley_agent_view *v)
{
    if (ensure_index(v) || v->index_n == 0)
        return -1;
    return v->index[0].u;
}

size_t parley_view_outcome_count(parley_agent_view *v)
{
    return ensure_index(v) ? 0 : v->index_n;
}

double parley_view_outcome_ranked(parley_agent_view *v, size_t i, uint32_t *out)
{
    if (ensure_index(v) || i >= v->index_n)
        return -1;
    entry_values(v, &v->index[i], out);
    return v->index[i].u;
}

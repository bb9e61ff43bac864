/*
 * mediator.c: the built-in mediator.  It knows every profile (parties confide
 * in the mediator) and analyses the scenario once for the Pareto frontier of
 * the packages every party accepts and its Nash point.
 *   Single text: from the current text it proposes one-issue steps towards the
 *   Nash point on the frontier, the steps that hurt nobody most first, then the
 *   Nash point itself; with annealing (Klein et al. 2003) random one-issue
 *   mutations instead.
 *   Shuttle: it answers the parties' positions with the candidate package
 *   (frontier, positions, text, text with one party's amendments) that best
 *   meets every party's demand relative to its reservation value: the largest
 *   smallest ratio (U_k - r_k) / (demand_k - r_k), red lines respected.
 */
#include "agents/mediator.h"
#include "core/strutil.h"

#include <math.h>
#include <parley/analysis.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POOL_SAMPLES 4096u

struct parley_mediator {
    const parley_scenario *sc;
    const parley_space *space;
    size_t issues, n;
    int annealing;
    uint64_t rng;
    uint32_t *pool; /* candidate packages: the frontier, or feasible samples when it is unknown or empty */
    size_t pool_n;
    size_t frontier_n;
    int has_target;
    uint32_t *target; /* the Nash point */
    uint32_t *steps;  /* single text: proposals prepared for `steps_for` */
    size_t step_n, step_next;
    uint32_t *steps_for;
    int steps_valid;
    uint32_t *y;      /* scratch package */
    double *demand, *reserve; /* [n] scratch for compose */
};

static uint64_t rng_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static const parley_utility *party_utility(const parley_mediator *m, size_t k)
{
    return parley_party_utility(m->sc, parley_scenario_negotiator(m->sc, k));
}

static void random_package(parley_mediator *m, uint32_t *out)
{
    for (size_t i = 0; i < m->issues; i++)
        out[i] = (uint32_t)(rng_next(&m->rng) % parley_issue_value_count(m->space, i));
}

static int fill_pool(parley_mediator *m, const parley_analysis *a)
{
    size_t count = a ? parley_analysis_frontier_count(a) : 0;
    if (count) {
        m->pool = malloc(count * m->issues * sizeof *m->pool);
        if (!m->pool)
            return PARLEY_ENOMEM;
        for (size_t i = 0; i < count; i++)
            memcpy(m->pool + i * m->issues, parley_analysis_frontier_outcome(a, i), m->issues * sizeof *m->pool);
        m->pool_n = m->frontier_n = count;
        const uint32_t *nash;
        const double *u;
        double value;
        if (parley_analysis_solution(a, PARLEY_SOLUTION_NASH, &nash, &u, &value) == PARLEY_OK) {
            memcpy(m->target, nash, m->issues * sizeof *m->target);
            m->has_target = 1;
        }
        return PARLEY_OK;
    }
    m->pool = malloc(POOL_SAMPLES * m->issues * sizeof *m->pool);
    if (!m->pool)
        return PARLEY_ENOMEM;
    for (size_t s = 0; s < 4 * POOL_SAMPLES && m->pool_n < POOL_SAMPLES; s++) {
        uint32_t *out = m->pool + m->pool_n * m->issues;
        random_package(m, out);
        if (parley_scenario_feasible(m->sc, out))
            m->pool_n++;
    }
    return PARLEY_OK;
}

int parley_mediator_new(const parley_scenario *sc, int annealing, uint64_t seed, parley_mediator **out,
                        parley_error *err)
{
    parley_analysis *a = NULL;
    uint64_t size;
    int rc = PARLEY_ENOMEM;
    *out = NULL;
    parley_mediator *m = calloc(1, sizeof *m);
    if (!m)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    m->sc = sc;
    m->space = parley_scenario_space(sc);
    m->issues = parley_space_issue_count(m->space);
    m->n = parley_scenario_negotiator_count(sc);
    m->annealing = annealing;
    m->rng = seed;
    m->target = calloc(m->issues, sizeof *m->target);
    m->steps = calloc((m->issues + 1) * m->issues, sizeof *m->steps);
    m->steps_for = calloc(m->issues, sizeof *m->steps_for);
    m->y = calloc(m->issues, sizeof *m->y);
    m->demand = calloc(m->n, sizeof *m->demand);
    m->reserve = calloc(m->n, sizeof *m->reserve);
    if (!m->target || !m->steps || !m->steps_for || !m->y || !m->demand || !m->reserve)
        goto fail;
    if (parley_space_size_u64(m->space, &size) == PARLEY_OK && size <= PARLEY_MEDIATOR_ANALYSIS_MAX) {
        parley_analysis_options options = {.threads = 1};
        if ((rc = parley_analyze(sc, &options, &a, err)))
            goto fail;
    }
    if ((rc = fill_pool(m, a)))
        goto fail;
    parley_analysis_free(a);
    *out = m;
    return PARLEY_OK;
fail:
    parley_analysis_free(a);
    parley_mediator_free(m);
    if (rc == PARLEY_ENOMEM)
        parley_error_set(err, rc, "out of memory");
    return rc;
}

void parley_mediator_free(parley_mediator *m)
{
    if (!m)
        return;
    free(m->pool);
    free(m->target);
    free(m->steps);
    free(m->steps_for);
    free(m->y);
    free(m->demand);
    free(m->reserve);
    free(m);
}

size_t parley_mediator_frontier_count(const parley_mediator *m)
{
    return m->frontier_n;
}

void parley_mediator_initial_text(parley_mediator *m, uint32_t *out)
{
    for (int tries = 0; tries < 1000; tries++) {
        random_package(m, out);
        if (parley_scenario_feasible(m->sc, out))
            return;
    }
    if (m->pool_n)
        memcpy(out, m->pool, m->issues * sizeof *out);
}

/* Annealing: change one random issue to another random value (feasible when possible). */
static void mutate(parley_mediator *m, const uint32_t *text, uint32_t *proposal)
{
    for (int tries = 0; tries < 64; tries++) {
        memcpy(proposal, text, m->issues * sizeof *proposal);
        size_t i = (size_t)(rng_next(&m->rng) % m->issues);
        uint32_t count = parley_issue_value_count(m->space, i);
        if (count < 2)
            continue;
        uint32_t x = (uint32_t)(rng_next(&m->rng) % (count - 1));
        proposal[i] = x >= text[i] ? x + 1 : x;
        if (parley_scenario_feasible(m->sc, proposal))
            return;
    }
}

/* Smallest change of any party's utility from `from` to `to` (how much the step hurts the worst-off). */
static double min_gain(const parley_mediator *m, const uint32_t *from, const uint32_t *to)
{
    double g = INFINITY;
    for (size_t k = 0; k < m->n; k++) {
        double d = parley_utility_eval(party_utility(m, k), to) - parley_utility_eval(party_utility(m, k), from);
        if (d < g)
            g = d;
    }
    return g;
}

static void prepare_steps(parley_mediator *m, const uint32_t *text)
{
    double scores[PARLEY_MAX_ISSUES];
    size_t n = 0;
    for (size_t i = 0; i < m->issues && n < PARLEY_MAX_ISSUES; i++) {
        if (text[i] == m->target[i])
            continue;
        uint32_t *s = m->steps + n * m->issues;
        memcpy(s, text, m->issues * sizeof *s);
        s[i] = m->target[i];
        if (!parley_scenario_feasible(m->sc, s))
            continue;
        double score = min_gain(m, text, s);
        size_t j = n++;
        /* insertion sort, best score first, issue order among equals */
        while (j > 0 && scores[j - 1] < score) {
            memcpy(m->steps + j * m->issues, m->steps + (j - 1) * m->issues, m->issues * sizeof *s);
            scores[j] = scores[j - 1];
            j--;
        }
        memcpy(m->steps + j * m->issues, text, m->issues * sizeof *s);
        m->steps[j * m->issues + i] = m->target[i];
        scores[j] = score;
    }
    memcpy(m->steps + n * m->issues, m->target, m->issues * sizeof *m->target);
    m->step_n = n + 1;
    m->step_next = 0;
    memcpy(m->steps_for, text, m->issues * sizeof *text);
    m->steps_valid = 1;
}

int parley_mediator_propose(parley_mediator *m, const uint32_t *text, double t, uint32_t *proposal)
{
    (void)t;
    if (m->annealing || !m->has_target) {
        mutate(m, text, proposal);
        return 0;
    }
    if (memcmp(text, m->target, m->issues * sizeof *text) == 0) {
        memcpy(proposal, text, m->issues * sizeof *text);
        return 1;
    }
    if (!m->steps_valid || memcmp(text, m->steps_for, m->issues * sizeof *text) != 0)
        prepare_steps(m, text);
    memcpy(proposal, m->steps + (m->step_next % m->step_n) * m->issues, m->issues * sizeof *proposal);
    m->step_next++;
    return 0;
}

void parley_mediator_feedback(parley_mediator *m, int adopted)
{
    if (adopted)
        m->steps_valid = 0;
}

/* --- Shuttle --- */

struct compose_ctx {
    parley_mediator *m;
    const double *demand, *reserve;
    double best_score, best_welfare;
    int have;
    uint32_t *best;
};

static void consider(struct compose_ctx *c, const uint32_t *y)
{
    parley_mediator *m = c->m;
    if (!parley_scenario_feasible(m->sc, y))
        return;
    double score = INFINITY, welfare = 0;
    for (size_t k = 0; k < m->n; k++) {
        double u = parley_utility_eval(party_utility(m, k), y);
        double span = c->demand[k] - c->reserve[k];
        double ratio = (u - c->reserve[k]) / (span > 1e-6 ? span : 1e-6);
        if (ratio > 1)
            ratio = 1;
        if (!parley_scenario_red_lines_hold(m->sc, parley_scenario_negotiator(m->sc, k), y))
            ratio -= 10;
        if (ratio < score)
            score = ratio;
        welfare += u;
    }
    if (!c->have || score > c->best_score + 1e-12 ||
        (score > c->best_score - 1e-12 && welfare > c->best_welfare + 1e-12)) {
        c->have = 1;
        c->best_score = score;
        c->best_welfare = welfare;
        memcpy(c->best, y, m->issues * sizeof *y);
    }
}

static void reason_for(parley_mediator *m, size_t issue, uint32_t value, const uint32_t *const *positions,
                       const parley_change *const *amendments, const size_t *amendment_counts, parley_change *out)
{
    for (size_t k = 0; k < m->n; k++)
        for (size_t j = 0; amendments[k] && j < amendment_counts[k]; j++)
            if (amendments[k][j].issue == issue && amendments[k][j].value == value) {
                const char *why = amendments[k][j].reason; /* a party's own words: cut between characters */
                snprintf(out->reason, sizeof out->reason, "adopts %s's amendment (%.*s)",
                         parley_party_name(m->sc, parley_scenario_negotiator(m->sc, k)), parley_utf8_prefix(why, 100), why);
                parley_utf8_trim(out->reason);
                return;
            }
    for (size_t k = 0; k < m->n; k++)
        if (positions[k][issue] == value) {
            snprintf(out->reason, sizeof out->reason, "moves towards %s's position",
                     parley_party_name(m->sc, parley_scenario_negotiator(m->sc, k)));
            parley_utf8_trim(out->reason);
            return;
        }
    snprintf(out->reason, sizeof out->reason, "the mediator's compromise towards the Pareto frontier");
}

size_t parley_mediator_compose(parley_mediator *m, const uint32_t *text, const uint32_t *const *positions,
                               const parley_change *const *amendments, const size_t *amendment_counts, double t,
                               uint32_t *out, parley_change *changes)
{
    size_t n = m->n;
    for (size_t k = 0; k < n; k++) {
        const parley_utility *u = party_utility(m, k);
        m->demand[k] = parley_utility_eval(u, positions[k]);
        m->reserve[k] = parley_utility_reservation_at(u, t);
    }
    struct compose_ctx c = {m, m->demand, m->reserve, 0, 0, 0, out};
    consider(&c, text);
    for (size_t k = 0; k < n; k++) {
        consider(&c, positions[k]);
        if (amendments[k] && amendment_counts[k]) {
            memcpy(m->y, text, m->issues * sizeof *text);
            for (size_t j = 0; j < amendment_counts[k]; j++)
                if (amendments[k][j].issue < m->issues)
                    m->y[amendments[k][j].issue] = amendments[k][j].value;
            consider(&c, m->y);
        }
    }
    for (size_t i = 0; i < m->pool_n; i++)
        consider(&c, m->pool + i * m->issues);
    if (!c.have)
        memcpy(out, text, m->issues * sizeof *text);
    size_t count = 0;
    for (size_t i = 0; i < m->issues; i++)
        if (out[i] != text[i]) {
            changes[count].issue = (uint32_t)i;
            changes[count].value = out[i];
            reason_for(m, i, out[i], positions, amendments, amendment_counts, &changes[count]);
            count++;
        }
    return count;
}

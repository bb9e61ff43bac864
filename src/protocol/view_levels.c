/*
 * view_levels.c: the runs of equal utility in a view's sorted list of its own
 * packages (parley_view_outcome_levels, parley_view_outcome_ties), answered by
 * the package index without building the list when it is additive
 * (package_additive.c, package_index.c).  The view remembers the runs it has
 * found as one chain of adjacent runs (each starts where the one before ends),
 * so a value that moves a little, or a walk from run to run, is answered from
 * it without another sweep of the halves.
 */
#include "protocol/session_internal.h"

#include <math.h>
#include <string.h>

static size_t end_of(const parley_outcome_level *r) { return r->first + r->count; }

/* The levels of x from the remembered chain: 1 when it holds them (n: the list's size), 0 otherwise. */
static int recall_levels(const struct parley_agent_view *v, double x, size_t n, struct pindex_levels *out)
{
    const parley_outcome_level *r = v->runs;
    size_t m = v->run_count, i = 0;
    if (m == 0)
        return 0;
    while (i < m && r[i].utility < x)
        i++;
    if (i == 0 && r[0].first != 0) /* something may lie between the list's start and the chain */
        return 0;
    int exact = i < m && r[i].utility == x;
    size_t above = exact ? i + 1 : i;
    if (above == m && end_of(&r[m - 1]) != n)
        return 0;
    out->has_below = i > 0;
    if (out->has_below)
        out->below = r[i - 1];
    out->at = exact ? r[i] : (parley_outcome_level){x, i < m ? r[i].first : end_of(&r[m - 1]), 0};
    out->has_above = above < m;
    if (out->has_above)
        out->above = r[above];
    return 1;
}

/* Adds the runs of a query's answer to the chain when they touch it; they start a new chain otherwise. */
static void remember_levels(struct parley_agent_view *v, const struct pindex_levels *l)
{
    parley_outcome_level fresh[3], merged[VIEW_RUNS + 3];
    size_t k = 0, m = v->run_count, i = 0, j = 0, count = 0;
    if (l->has_below)
        fresh[k++] = l->below;
    if (l->at.count)
        fresh[k++] = l->at;
    if (l->has_above)
        fresh[k++] = l->above;
    if (k == 0)
        return;
    if (m == 0 || end_of(&v->runs[m - 1]) < fresh[0].first || end_of(&fresh[k - 1]) < v->runs[0].first) {
        memcpy(v->runs, fresh, k * sizeof *fresh);
        v->run_count = k;
        return;
    }
    /* Both are stretches of one partition of the list into runs: merge by position, a shared run once. */
    size_t at_fresh = 0;
    while (i < m || j < k) {
        if (j == k || (i < m && v->runs[i].first < fresh[j].first)) {
            merged[count++] = v->runs[i++];
            continue;
        }
        if (j == 0)
            at_fresh = count;
        if (i < m && v->runs[i].first == fresh[j].first)
            i++;
        merged[count++] = fresh[j++];
    }
    /* Too long: drop runs from the end farther from the fresh ones. */
    size_t start = 0;
    while (count - start > VIEW_RUNS) {
        if (at_fresh - start > count - (at_fresh + k))
            start++;
        else
            count--;
    }
    memcpy(v->runs, merged + start, (count - start) * sizeof *merged);
    v->run_count = count - start;
}

int parley_view_outcome_levels(parley_agent_view *v, double x, parley_outcome_level *below, parley_outcome_level *at,
                               parley_outcome_level *above)
{
    const parley_package_index *idx = view_package_index(v);
    if (!idx || isnan(x))
        return -1;
    size_t n = pindex_ranked_count(idx, v->neg->sc);
    struct pindex_levels l;
    if (!recall_levels(v, x, n, &l)) {
        uint32_t *scratch = view_scratch(v);
        if (!scratch || pindex_levels(idx, v->neg->sc, x, &l, scratch) <= 0)
            return -1;
        remember_levels(v, &l);
    }
    if (below)
        *below = l.has_below ? l.below : (parley_outcome_level){-INFINITY, 0, 0};
    if (at)
        *at = l.at;
    if (above)
        *above = l.has_above ? l.above : (parley_outcome_level){INFINITY, n, 0};
    return (l.has_below ? 1 : 0) | (l.has_above ? 2 : 0);
}

long parley_view_outcome_ties(parley_agent_view *v, double u, uint32_t *values, size_t max)
{
    const parley_package_index *idx = view_package_index(v);
    uint32_t *scratch = idx ? view_scratch(v) : NULL;
    if (!scratch)
        return -1;
    if (isnan(u))
        return 0;
    return pindex_ties(idx, v->neg->sc, u, values, max, scratch);
}

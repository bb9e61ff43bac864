/*
 * genius_sorted_space.c: GENIUS's SortedOutcomeSpace.getBidNearUtility over
 * the view's sorted packages, as the original picks among them.  GENIUS sorts
 * every bid by utility, descending, equal utilities by BidDetails.hashCode
 * ascending (the time field -1, as OutcomeSpace makes them; equal hashes keep
 * BidIterator order, the first issue varying fastest); it finds an index by
 * its own bisection (searchIndexWith, not a lower bound), then moves to the
 * next bid down when that one is strictly nearer; it considers the bid above
 * too but its `else` drops that choice, so the result is the index or the
 * one after it.  Only utilities steer the search, so the view's list
 * (ascending) serves, reordered within a group of equal utilities by hash.
 */
#include "agents/agent_common.h"
#include "agents/anac_java_random.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Utility at position d of the descending list. */
static double desc_u(parley_agent_view *v, size_t n, size_t d, uint32_t *scratch)
{
    return parley_view_outcome_ranked(v, n - 1 - d, scratch);
}

/* SortedOutcomeSpace.searchIndexWith. */
static size_t search_index_with(parley_agent_view *v, size_t n, double value, uint32_t *scratch)
{
    long middle = -1, low = 0, high = (long)n - 1, last = 0;
    while (last != middle) {
        last = middle;
        middle = (low + high) / 2;
        double u = desc_u(v, n, (size_t)middle, scratch);
        if (u == value)
            return (size_t)middle;
        if (u < value)
            high = middle;
        if (u > value)
            low = middle;
    }
    return (size_t)middle;
}

struct tied {
    int32_t hash;
    size_t issues;
    const uint32_t *values;
};

/* BidIterator order: the first issue varies fastest, so the last differing issue decides. */
static int before_in_iteration(const uint32_t *a, const uint32_t *b, size_t issues)
{
    for (size_t i = issues; i-- > 0;)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

static int by_hash_then_iteration(const void *x, const void *y)
{
    const struct tied *a = x, *b = y;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return before_in_iteration(a->values, b->values, a->issues);
}

/* The package at position d of the descending list into out; PARLEY_ENOMEM leaves out as one of its ties. */
static int desc_package(parley_agent_view *v, size_t n, size_t d, uint32_t *out)
{
    double u = desc_u(v, n, d, out);
    size_t lo = n - 1 - d, hi = lo + 1; /* its group of equal utilities, [lo, hi) in the view's list */
    while (lo > 0 && parley_view_outcome_ranked(v, lo - 1, out) == u)
        lo--;
    while (hi < n && parley_view_outcome_ranked(v, hi, out) == u)
        hi++;
    if (hi - lo == 1) {
        parley_view_outcome_ranked(v, lo, out);
        return PARLEY_OK;
    }
    const parley_space *space = parley_view_space(v);
    size_t m = hi - lo, issues = parley_space_issue_count(space), k = d - (n - hi);
    struct tied *group = malloc(m * sizeof *group);
    uint32_t *values = malloc(m * (issues ? issues : 1) * sizeof *values);
    if (!group || !values) {
        free(group);
        free(values);
        return PARLEY_ENOMEM;
    }
    for (size_t j = 0; j < m; j++) {
        uint32_t *mine = values + j * issues;
        parley_view_outcome_ranked(v, lo + j, mine);
        group[j] = (struct tied){java_bid_details_hash_at(space, mine, u, -1), issues, mine};
    }
    qsort(group, m, sizeof *group, by_hash_then_iteration);
    memcpy(out, group[k].values, issues * sizeof *out);
    free(group);
    free(values);
    return PARLEY_OK;
}

double agent_bid_near(parley_agent_view *v, double target, uint32_t *out)
{
    size_t n = parley_view_outcome_count(v);
    if (n == 0)
        return parley_view_outcome_at_least(v, target, out);
    size_t index = search_index_with(v, n, target, out), pick = index;
    double closest = fabs(desc_u(v, n, index, out) - target);
    if (index > 0 && fabs(desc_u(v, n, index - 1, out) - target) < closest)
        closest = fabs(desc_u(v, n, index - 1, out) - target); /* GENIUS's choice of the bid above, dropped below */
    if (index + 1 < n && fabs(desc_u(v, n, index + 1, out) - target) < closest)
        pick = index + 1;
    double u = desc_u(v, n, pick, out);
    desc_package(v, n, pick, out); /* out of memory: one of the tied packages, worth the same */
    return u;
}

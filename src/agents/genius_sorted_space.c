/*
 * genius_sorted_space.c: GENIUS's SortedOutcomeSpace.getBidNearUtility over
 * the view's sorted packages, as the original picks among them.  GENIUS sorts
 * every bid by utility, descending, equal utilities by BidDetails.hashCode
 * ascending (the time field -1, as OutcomeSpace makes them; equal hashes keep
 * BidIterator order, the first issue varying fastest); it finds an index by
 * its own bisection (searchIndexWith, not a lower bound), then moves to the
 * next bid down when that one is strictly nearer; it considers the bid above
 * too but its `else` drops that choice, so the result is the index or the
 * one after it.  Only utilities steer the search, and only by comparison with
 * the target: the runs of equal utility around the target
 * (parley_view_outcome_levels) place every position the bisection visits
 * above, at or below it, so the list itself is never read (for an additive
 * utility it is not even built); the run of the chosen position is then
 * enumerated (parley_view_outcome_ties) and ordered by hash.
 */
#include "agents/agent_common.h"
#include "agents/anac_java_random.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Where position d of the descending list lies: 1 above the target, 0 at it, -1 below (at: the target's run). */
static int side_of(size_t n, const parley_outcome_level *at, size_t d)
{
    size_t over = n - (at->first + at->count); /* packages worth more than the target come first */
    return d < over ? 1 : d < over + at->count ? 0 : -1;
}

/* SortedOutcomeSpace.searchIndexWith, its comparisons of utility with the target read from the target's run. */
static size_t search_index_with(size_t n, const parley_outcome_level *at)
{
    long middle = -1, low = 0, high = (long)n - 1, last = 0;
    while (last != middle) {
        last = middle;
        middle = (low + high) / 2;
        int side = side_of(n, at, (size_t)middle);
        if (side == 0)
            return (size_t)middle;
        if (side < 0)
            high = middle;
        if (side > 0)
            low = middle;
    }
    return (size_t)middle;
}

/* The run holding position d of the descending list, walked to from the target's run; 0 when memory ran out. */
static int run_at(parley_agent_view *v, double target, size_t n, size_t d, parley_outcome_level *run)
{
    size_t p = n - 1 - d; /* its position in the view's ascending list */
    parley_outcome_level below, at, above;
    if (parley_view_outcome_levels(v, target, &below, &at, &above) < 0)
        return 0;
    while (p < at.first || p >= at.first + at.count) {
        double next = p < at.first ? below.utility : above.utility;
        if (parley_view_outcome_levels(v, next, &below, &at, &above) < 0 || at.count == 0)
            return 0;
    }
    *run = at;
    return 1;
}

/* Utility at position d of the descending list (NAN when memory ran out). */
static double desc_u(parley_agent_view *v, double target, size_t n, size_t d)
{
    parley_outcome_level run;
    return run_at(v, target, n, d, &run) ? run.utility : NAN;
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

/* The package at position d of the descending list, in run `run`, into out; PARLEY_ENOMEM leaves out as one of
   its ties. */
static int desc_package(parley_agent_view *v, const parley_outcome_level *run, size_t n, size_t d, uint32_t *out)
{
    if (run->count == 1) {
        parley_view_outcome_ties(v, run->utility, out, 1);
        return PARLEY_OK;
    }
    const parley_space *space = parley_view_space(v);
    size_t m = run->count, issues = parley_space_issue_count(space), k = d - (n - (run->first + m));
    struct tied *group = malloc(m * sizeof *group);
    uint32_t *values = malloc(m * (issues ? issues : 1) * sizeof *values);
    if (!group || !values || parley_view_outcome_ties(v, run->utility, values, m) != (long)m) {
        free(group);
        free(values);
        parley_view_outcome_ties(v, run->utility, out, 1);
        return PARLEY_ENOMEM;
    }
    for (size_t j = 0; j < m; j++)
        group[j] = (struct tied){java_bid_details_hash_at(space, values + j * issues, run->utility, -1), issues,
                                 values + j * issues};
    qsort(group, m, sizeof *group, by_hash_then_iteration);
    memcpy(out, group[k].values, issues * sizeof *out);
    free(group);
    free(values);
    return PARLEY_OK;
}

double agent_bid_near(parley_agent_view *v, double target, uint32_t *out)
{
    size_t n = parley_view_outcome_count(v);
    parley_outcome_level at, run;
    if (n == 0 || parley_view_outcome_levels(v, target, NULL, &at, NULL) < 0)
        return parley_view_outcome_at_least(v, target, out);
    size_t index = search_index_with(n, &at), pick = index;
    double closest = fabs(desc_u(v, target, n, index) - target);
    if (index > 0 && fabs(desc_u(v, target, n, index - 1) - target) < closest)
        closest = fabs(desc_u(v, target, n, index - 1) - target); /* GENIUS's choice of the bid above, dropped below */
    if (index + 1 < n && fabs(desc_u(v, target, n, index + 1) - target) < closest)
        pick = index + 1;
    if (!run_at(v, target, n, pick, &run))
        return parley_view_outcome_at_least(v, target, out);
    desc_package(v, &run, n, pick, out); /* out of memory: one of the tied packages, worth the same */
    return run.utility;
}

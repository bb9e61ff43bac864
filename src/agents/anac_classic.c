/*
 * anac_classic.c: the pieces the ported ANAC agents share (anac_classic.h):
 * value counts, the distinct offers received, random packages and GENIUS's
 * reading of the discount factor.
 */
#include "agents/anac_classic.h"

#include <math.h>
#include <parley/space.h>
#include <parley/utility.h>
#include <stdlib.h>
#include <string.h>

int anac_counts_init(struct anac_counts *c, const parley_space *space)
{
    c->issues = parley_space_issue_count(space);
    c->n = NULL;
    if (!(c->offset = malloc((c->issues + 1) * sizeof *c->offset)))
        return PARLEY_ENOMEM;
    c->offset[0] = 0;
    for (size_t i = 0; i < c->issues; i++)
        c->offset[i + 1] = c->offset[i] + parley_issue_value_count(space, i);
    if (!(c->n = calloc(c->offset[c->issues] ? c->offset[c->issues] : 1, sizeof *c->n))) {
        free(c->offset);
        c->offset = NULL;
        return PARLEY_ENOMEM;
    }
    return PARLEY_OK;
}

void anac_counts_free(struct anac_counts *c)
{
    free(c->offset);
    free(c->n);
    c->offset = NULL;
    c->n = NULL;
}

void anac_counts_add(struct anac_counts *c, const uint32_t *outcome)
{
    for (size_t i = 0; i < c->issues; i++)
        c->n[c->offset[i] + outcome[i]]++;
}

unsigned long anac_counts_score(const struct anac_counts *c, const uint32_t *outcome)
{
    unsigned long s = 0;
    for (size_t i = 0; i < c->issues; i++)
        s += c->n[c->offset[i] + outcome[i]];
    return s;
}

uint32_t anac_counts_most_frequent(const struct anac_counts *c, size_t issue, parley_agent_view *v)
{
    const unsigned *n = c->n + c->offset[issue];
    size_t values = c->offset[issue + 1] - c->offset[issue], ties = 0;
    unsigned most = 0;
    for (size_t x = 0; x < values; x++) {
        if (n[x] > most || ties == 0) {
            most = n[x];
            ties = 1;
        } else if (n[x] == most) {
            ties++;
        }
    }
    size_t pick = anac_random_index(v, ties ? ties : 1);
    for (size_t x = 0; x < values; x++)
        if (n[x] == most && pick-- == 0)
            return (uint32_t)x;
    return 0;
}

void anac_bids_free(struct anac_bids *b)
{
    free(b->values);
    free(b->utility);
    free(b->times);
    memset(b, 0, sizeof *b);
}

int anac_grow3(size_t cap, void *arrays[3], const size_t sizes[3])
{
    int failed = 0;
    for (int k = 0; k < 3; k++) {
        void *grown = realloc(arrays[k], cap * sizes[k]);
        if (grown)
            arrays[k] = grown;
        failed |= !grown;
    }
    return failed ? -1 : 0;
}

long anac_bids_add(struct anac_bids *b, const uint32_t *outcome, double utility)
{
    size_t bytes = b->issues * sizeof *b->values;
    for (size_t i = 0; i < b->count; i++)
        if (memcmp(b->values + i * b->issues, outcome, bytes) == 0) {
            b->times[i]++;
            return (long)i;
        }
    if (b->count == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        void *arrays[3] = {b->values, b->utility, b->times};
        int failed = anac_grow3(cap, arrays, (const size_t[3]){bytes ? bytes : 1, sizeof *b->utility, sizeof *b->times});
        b->values = arrays[0];
        b->utility = arrays[1];
        b->times = arrays[2];
        if (failed)
            return -1;
        b->cap = cap;
    }
    memcpy(b->values + b->count * b->issues, outcome, bytes);
    b->utility[b->count] = utility;
    b->times[b->count] = 1;
    return (long)b->count++;
}

const uint32_t *anac_bids_at(const struct anac_bids *b, size_t i)
{
    return b->values + i * b->issues;
}

double anac_max_utility_bid(parley_agent_view *v, uint32_t *out)
{
    size_t count = parley_view_outcome_count(v), issues = parley_space_issue_count(parley_view_space(v));
    if (count == 0)
        return -1;
    uint32_t *other = malloc((issues ? issues : 1) * sizeof *other);
    double top = parley_view_outcome_ranked(v, count - 1, out);
    for (size_t i = count - 1; other && i-- > 0;) {
        if (parley_view_outcome_ranked(v, i, other) != top)
            break;
        size_t k = issues; /* BidIterator order: the last issue varies slowest */
        while (k > 0 && other[k - 1] == out[k - 1])
            k--;
        if (k > 0 && other[k - 1] < out[k - 1])
            memcpy(out, other, issues * sizeof *out);
    }
    free(other);
    return top;
}

size_t anac_random_index(parley_agent_view *v, size_t n)
{
    size_t i = (size_t)(parley_view_random(v) * (double)n);
    return i < n ? i : n - 1;
}

void anac_random_outcome(parley_agent_view *v, uint32_t *out)
{
    const parley_space *space = parley_view_space(v);
    for (size_t i = 0; i < parley_space_issue_count(space); i++)
        out[i] = (uint32_t)anac_random_index(v, parley_issue_value_count(space, i));
}

double anac_discount(parley_agent_view *v)
{
    double d = parley_utility_discount(parley_view_utility(v));
    return d > 0 && d <= 1 ? d : 1;
}

double anac_jmin(double a, double b)
{
    return isnan(a) || isnan(b) ? NAN : a < b ? a : b;
}

double anac_jmax(double a, double b)
{
    return isnan(a) || isnan(b) ? NAN : a > b ? a : b;
}

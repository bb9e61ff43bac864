/*
 * genius_outcome_space.c: GENIUS's plain OutcomeSpace in BidIterator order
 * (see genius_outcome_space.h), its queries through a utility-sorted index.
 */
#include "agents/genius_outcome_space.h"

#include <math.h>
#include <stdlib.h>

/* Package number id in BidIterator order: the first issue varies fastest. */
static void iterator_values(const parley_space *space, uint64_t id, uint32_t *out)
{
    for (size_t i = 0; i < parley_space_issue_count(space); i++) {
        uint32_t c = parley_issue_value_count(space, i);
        out[i] = (uint32_t)(id % c);
        id /= c;
    }
}

static int by_utility_then_position(const void *x, const void *y)
{
    const struct genius_outcome_entry *a = x, *b = y;
    if (a->u != b->u)
        return a->u < b->u ? -1 : 1;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

int genius_outcome_space_build(genius_outcome_space *s, parley_agent_view *v, uint64_t max_enumerate)
{
    const parley_space *space = parley_view_space(v);
    size_t issues = parley_space_issue_count(space);
    uint64_t size;
    s->enumerated = parley_space_size_u64(space, &size) == PARLEY_OK && size <= max_enumerate;
    if (!s->enumerated)
        size = parley_view_outcome_count(v);
    s->count = 0;
    s->u = malloc((size ? size : 1) * sizeof *s->u);
    s->id = malloc((size ? size : 1) * sizeof *s->id);
    s->by_u = malloc((size ? size : 1) * sizeof *s->by_u);
    uint32_t *values = malloc((issues ? issues : 1) * sizeof *values);
    if (!s->u || !s->id || !s->by_u || !values) {
        free(values);
        genius_outcome_space_free(s);
        return PARLEY_ENOMEM;
    }
    size_t n = 0;
    for (uint64_t id = 0; id < size; id++) {
        if (!s->enumerated) {
            s->u[n] = parley_view_outcome_ranked(v, id, values);
        } else {
            iterator_values(space, id, values);
            if (!parley_view_feasible(v, values) || !parley_view_red_lines_hold(v, values))
                continue; /* never offered */
            s->u[n] = parley_view_eval(v, values);
        }
        s->by_u[n] = (struct genius_outcome_entry){s->u[n], n};
        s->id[n++] = id;
    }
    free(values);
    s->count = n;
    qsort(s->by_u, n, sizeof *s->by_u, by_utility_then_position);
    return PARLEY_OK;
}

void genius_outcome_space_free(genius_outcome_space *s)
{
    free(s->u);
    free(s->id);
    free(s->by_u);
    s->u = NULL;
    s->id = NULL;
    s->by_u = NULL;
    s->count = 0;
}

double genius_outcome_space_at(const genius_outcome_space *s, parley_agent_view *v, size_t j, uint32_t *out)
{
    if (s->enumerated)
        iterator_values(parley_view_space(v), s->id[j], out);
    else
        parley_view_outcome_ranked(v, s->id[j], out);
    return s->u[j];
}

/* The first index of by_u whose utility is >= u (strictly > u when `above`). */
static size_t search(const genius_outcome_space *s, double u, int above)
{
    size_t lo = 0, hi = s->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (above ? s->by_u[mid].u <= u : s->by_u[mid].u < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t genius_outcome_space_best(const genius_outcome_space *s)
{
    if (s->count == 0 || !(s->by_u[s->count - 1].u > 0))
        return s->count;
    return s->by_u[search(s, s->by_u[s->count - 1].u, 0)].pos; /* the first position of the top utility */
}

size_t genius_outcome_space_near(const genius_outcome_space *s, double target)
{
    size_t k = search(s, target, 0);
    double dmin = INFINITY;
    if (k < s->count)
        dmin = fabs(s->by_u[k].u - target);
    if (k > 0 && fabs(s->by_u[k - 1].u - target) < dmin)
        dmin = fabs(s->by_u[k - 1].u - target);
    if (!(dmin < 1))
        return 0;
    /* distance only grows away from the target: the nearest are around k; the first of them in iteration order */
    size_t best = SIZE_MAX;
    for (size_t j = k; j-- > 0 && fabs(s->by_u[j].u - target) == dmin;)
        best = s->by_u[j].pos < best ? s->by_u[j].pos : best;
    for (size_t j = k; j < s->count && fabs(s->by_u[j].u - target) == dmin; j++)
        best = s->by_u[j].pos < best ? s->by_u[j].pos : best;
    return best;
}

static int by_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

size_t genius_outcome_space_range(const genius_outcome_space *s, double lower, double upper, size_t **positions,
                                  size_t *capacity)
{
    size_t lo = search(s, lower, 1), hi = search(s, upper, 0);
    if (hi <= lo)
        return 0;
    size_t m = hi - lo;
    if (m > *capacity) {
        size_t *grown = realloc(*positions, m * sizeof *grown);
        if (!grown)
            return (size_t)-1;
        *positions = grown;
        *capacity = m;
    }
    for (size_t j = 0; j < m; j++)
        (*positions)[j] = s->by_u[lo + j].pos;
    qsort(*positions, m, sizeof **positions, by_size);
    return m;
}

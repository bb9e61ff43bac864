/*
 * package_index.c: one party's own packages sorted by its utility: every
 * feasible package that keeps its red lines (spaces up to 2^21 outcomes), or
 * samples of a larger space; for an additive utility without constraints, two
 * sorted halves of the space answering the same queries exactly
 * (package_additive.c), set up in time growing with sqrt(N).  Time-dependent agents find the package just
 * above their target by binary search.  Immutable once built, so a tournament
 * can build it once per party and share it between negotiations and threads.
 */
#include "core/sorted_search.h"
#include "protocol/session_internal.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* Spaces up to this many outcomes are indexed whole; larger ones are sampled. */
#define INDEX_FULL_MAX (1u << 21)
#define INDEX_SAMPLES (1u << 18)

/*
 * Sorts the n entries by (utility, id): from RADIX_MIN entries on, an LSD radix sort on keys made of the
 * utility rounded to 2^-40 and the entry's position, then a comparison sort of each run of entries whose
 * rounded utilities are equal (utilities closer than 2^-40).
 */
#define POS_BITS 22u
/* Below this many entries a comparison sort is cheaper than the radix sort's four passes over 65536 counters. */
#define RADIX_MIN 4096u

static int by_utility_then_id(const void *a, const void *b)
{
    const struct outcome_entry *x = a, *y = b;
    return x->u < y->u ? -1 : x->u > y->u ? 1 : x->id < y->id ? -1 : x->id > y->id;
}

static int sort_entries(struct outcome_entry *e, size_t n)
{
    if (n < RADIX_MIN) { /* the same order: (utility, id) is a total order */
        qsort(e, n, sizeof *e, by_utility_then_id);
        return PARLEY_OK;
    }
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
    /* Rounding is monotone, so only a run of equal rounded utilities can be out of order: each such run is
       sorted on its own (a comparison sort, since a run of near-ties can be long: an insertion pass over it
       was quadratic). */
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && keys[j] >> POS_BITS == keys[i] >> POS_BITS; j++)
            ;
        if (j - i > 1)
            qsort(e + i, j - i, sizeof *e, by_utility_then_id);
    }
    free(buf);
    free(copy);
    free(count);
    return PARLEY_OK;
}

static int own_ok(const parley_scenario *sc, size_t party, const uint32_t *values, int constrained)
{
    return !constrained || (parley_scenario_feasible(sc, values) && parley_scenario_red_lines_hold(sc, party, values));
}

static void enumerate(const parley_scenario *sc, size_t party, const parley_utility *u, parley_package_index *idx,
                      uint64_t size, uint32_t *values, int constrained)
{
    for (uint64_t id = 0; id < size; id++) {
        if (own_ok(sc, party, values, constrained)) {
            idx->e[idx->n].u = parley_utility_eval(u, values);
            idx->e[idx->n].id = id;
            idx->n++;
        }
        for (size_t i = idx->issues; i-- > 0;) {
            if (++values[i] < parley_issue_value_count(idx->space, i))
                break;
            values[i] = 0;
        }
    }
}

static void sample(const parley_scenario *sc, size_t party, const parley_utility *u, parley_package_index *idx,
                   uint64_t seed, uint32_t *values, int constrained)
{
    uint64_t rng = seed;
    for (size_t s = 0; s < INDEX_SAMPLES + 1; s++) {
        for (size_t i = 0; i < idx->issues; i++) {
            uint32_t count = parley_issue_value_count(idx->space, i);
            if (s == 0) { /* the best value of every issue: the best additive package */
                uint32_t best = 0;
                for (uint32_t x = 1; x < count; x++)
                    if (parley_utility_value(u, i, x) > parley_utility_value(u, i, best))
                        best = x;
                values[i] = best;
            } else {
                values[i] = (uint32_t)(neg_rng_next(&rng) % count);
            }
        }
        if (!own_ok(sc, party, values, constrained))
            continue;
        memcpy(idx->samples + idx->n * idx->issues, values, idx->issues * sizeof *values);
        idx->e[idx->n].u = parley_utility_eval(u, values);
        idx->e[idx->n].id = idx->n;
        idx->n++;
    }
}

/* Spaces above this many packages get the additive index when it applies (package_additive.c). */
#define ADDITIVE_MIN 4096u

static int build(const parley_scenario *sc, size_t k, uint64_t seed, int allow_additive, parley_package_index **out,
                 parley_error *err)
{
    *out = NULL;
    if (k >= parley_scenario_negotiator_count(sc))
        return parley_error_set(err, PARLEY_EINVAL, "no negotiating party %zu", k);
    size_t party = parley_scenario_negotiator(sc, k);
    const parley_utility *u = parley_party_utility(sc, party);
    parley_package_index *idx = calloc(1, sizeof *idx);
    uint32_t *values = NULL;
    if (!idx)
        goto nomem;
    idx->party = k;
    idx->space = parley_scenario_space(sc);
    idx->issues = parley_space_issue_count(idx->space);
    int constrained = parley_scenario_constraint_count(sc) > 0;
    uint64_t size = 0;
    if (!(values = calloc(idx->issues ? idx->issues : 1, sizeof *values)))
        goto nomem;
    int whole = parley_space_size_u64(idx->space, &size) == PARLEY_OK;
    if (allow_additive && whole && !constrained && size > ADDITIVE_MIN) {
        idx->u = u;
        int additive = pindex_additive_build(idx, size);
        if (additive < 0)
            goto nomem;
        if (additive) {
            idx->n = (size_t)size;
            idx->seed = seed;
            if (pthread_mutex_init(&idx->lock, NULL) != 0) {
                idx->additive = 0;
                goto nomem;
            }
            free(values);
            *out = idx;
            return PARLEY_OK;
        }
    }
    if (whole && size <= INDEX_FULL_MAX) {
        if (!(idx->e = malloc((size ? size : 1) * sizeof *idx->e)))
            goto nomem;
        enumerate(sc, party, u, idx, size, values, constrained);
    } else {
        idx->e = malloc((INDEX_SAMPLES + 1) * sizeof *idx->e);
        idx->samples = malloc((INDEX_SAMPLES + 1) * idx->issues * sizeof *idx->samples);
        if (!idx->e || !idx->samples)
            goto nomem;
        sample(sc, party, u, idx, seed, values, constrained);
    }
    if (sort_entries(idx->e, idx->n))
        goto nomem;
    free(values);
    *out = idx;
    return PARLEY_OK;
nomem:
    free(values);
    parley_package_index_free(idx);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
}

int parley_package_index_build(const parley_scenario *sc, size_t k, uint64_t seed, parley_package_index **out,
                               parley_error *err)
{
    return build(sc, k, seed, 1, out, err);
}

int parley_package_index_build_sorted(const parley_scenario *sc, size_t k, uint64_t seed, parley_package_index **out,
                                      parley_error *err)
{
    return build(sc, k, seed, 0, out, err);
}

int pindex_build_sorted(const parley_scenario *sc, size_t k, uint64_t seed, parley_package_index **out)
{
    return build(sc, k, seed, 0, out, NULL);
}

const parley_package_index *pindex_sorted(const parley_package_index *idx, const parley_scenario *sc)
{
    if (!idx->additive)
        return idx;
    parley_package_index *shared = (parley_package_index *)idx; /* only `sorted` changes, under the lock */
    pthread_mutex_lock(&shared->lock);
    if (!shared->sorted && pindex_build_sorted(sc, idx->party, idx->seed, &shared->sorted) != PARLEY_OK)
        shared->sorted = NULL;
    const parley_package_index *sorted = shared->sorted;
    pthread_mutex_unlock(&shared->lock);
    return sorted;
}

double pindex_at_least(const parley_package_index *idx, double target, uint32_t *out)
{
    if (idx->additive) {
        double from, to;
        return pindex_additive_at_least(idx, target, out, &from, &to);
    }
    if (idx->n == 0)
        return -1;
    size_t i = pindex_rank(idx, target);
    if (i == idx->n) {
        /* none reaches the target: the best, lowest id among equals */
        i = idx->n - 1;
        while (i > 0 && idx->e[i - 1].u == idx->e[i].u)
            i--;
    }
    return pindex_get(idx, i, out);
}

double pindex_best(const parley_package_index *idx)
{
    return idx->additive ? idx->best : idx->n ? idx->e[idx->n - 1].u : -1;
}

double pindex_worst(const parley_package_index *idx)
{
    return idx->additive ? idx->worst : idx->n ? idx->e[0].u : -1;
}

void parley_package_index_free(parley_package_index *idx)
{
    if (!idx)
        return;
    if (idx->additive) {
        parley_package_index_free(idx->sorted);
        pthread_mutex_destroy(&idx->lock);
    }
    free(idx->half_a);
    free(idx->half_b);
    free(idx->e);
    free(idx->samples);
    free(idx);
}

size_t parley_package_index_count(const parley_package_index *idx)
{
    return idx->n;
}

/* Position of the first entry worth at least t. */
static size_t rank_from(const parley_package_index *idx, double t)
{
    return parley_first_at_least(idx->e, idx->n, sizeof *idx->e, offsetof(struct outcome_entry, u), t);
}

size_t pindex_rank(const parley_package_index *idx, double target)
{
    return rank_from(idx, target - 1e-12);
}

/* A query from the halves sweeps both (a few times): the sorted index costs about 8 N of them to build. */
static int sorted_pays(const parley_package_index *idx)
{
    parley_package_index *shared = (parley_package_index *)idx; /* only the atomic counters change */
    if (atomic_load(&shared->halves_off))
        return 1;
    size_t queries = atomic_fetch_add(&shared->around_queries, 1) + 1;
    double pairs = (double)atomic_load(&shared->window_pairs);
    return (double)queries * (double)(idx->na + idx->nb) + 4 * pairs > 8.0 * (double)idx->n;
}

/* A query of the halves evaluated `pairs` pairs: they count in the cost. */
static void count_pairs(const parley_package_index *idx, uint64_t pairs)
{
    atomic_fetch_add(&((parley_package_index *)idx)->window_pairs, (size_t)pairs);
}

int pindex_around(const parley_package_index *idx, const parley_scenario *sc, double t, struct pindex_neighbours *out,
                  uint32_t *scratch)
{
    if (idx->additive) {
        const parley_package_index *sorted = sorted_pays(idx) ? pindex_sorted(idx, sc) : NULL;
        if (!sorted)
            return pindex_additive_around(idx, t, out, scratch);
        idx = sorted;
    }
    size_t i = rank_from(idx, t);
    out->has_down = i > 0;
    out->has_up = i < idx->n;
    if (out->has_down)
        out->down_u = pindex_get(idx, i - 1, out->down);
    if (out->has_up)
        out->up_u = pindex_get(idx, i, out->up);
    return idx->n > 0;
}

double pindex_get(const parley_package_index *idx, size_t i, uint32_t *out)
{
    const struct outcome_entry *e = &idx->e[i];
    if (idx->samples)
        memcpy(out, idx->samples + e->id * idx->issues, idx->issues * sizeof *out);
    else
        parley_space_decode(idx->space, e->id, out);
    return e->u;
}

/* --- Runs of equal utility (parley_view_outcome_levels) --- */

/* The index rank-like queries read: an additive one's sorted index when it pays or the space is sampled (NULL:
   out of memory); NULL with *halves set when the halves answer. */
static const parley_package_index *ranked_index(const parley_package_index *idx, const parley_scenario *sc,
                                                int *halves)
{
    *halves = 0;
    if (!idx->additive)
        return idx;
    if (idx->n <= INDEX_FULL_MAX && !sorted_pays(idx)) {
        *halves = 1;
        return NULL;
    }
    return pindex_sorted(idx, sc);
}

/* A window of the halves was too large: from now on the sorted index answers every such query. */
static const parley_package_index *halves_too_wide(const parley_package_index *idx, const parley_scenario *sc)
{
    atomic_store(&((parley_package_index *)idx)->halves_off, 1);
    return pindex_sorted(idx, sc);
}

size_t pindex_ranked_count(const parley_package_index *idx, const parley_scenario *sc)
{
    if (idx->additive && idx->n <= INDEX_FULL_MAX)
        return idx->n; /* the sorted index would hold every package */
    const parley_package_index *sorted = pindex_sorted(idx, sc);
    return sorted ? sorted->n : 0;
}

/* The run of entry i's utility: its first position and size. */
static parley_outcome_level run_of(const parley_package_index *idx, size_t i)
{
    double u = idx->e[i].u;
    size_t first = rank_from(idx, u);
    return (parley_outcome_level){u, first, rank_from(idx, nextafter(u, INFINITY)) - first};
}

int pindex_levels(const parley_package_index *idx, const parley_scenario *sc, double x, struct pindex_levels *out,
                  uint32_t *scratch)
{
    int halves;
    const parley_package_index *sorted = ranked_index(idx, sc, &halves);
    if (halves) {
        uint64_t pairs = 0;
        int found = pindex_additive_levels(idx, x, out, &pairs, scratch);
        count_pairs(idx, pairs);
        if (found > 0)
            return idx->n > 0;
        sorted = halves_too_wide(idx, sc);
    }
    if (!sorted)
        return -1;
    size_t first = rank_from(sorted, x), end = rank_from(sorted, nextafter(x, INFINITY));
    out->at = (parley_outcome_level){end > first ? sorted->e[first].u : x, first, end - first};
    out->has_below = first > 0;
    out->has_above = end < sorted->n;
    if (out->has_below)
        out->below = run_of(sorted, first - 1);
    if (out->has_above)
        out->above = run_of(sorted, end);
    return sorted->n > 0;
}

long pindex_ties(const parley_package_index *idx, const parley_scenario *sc, double u, uint32_t *values, size_t max,
                 uint32_t *scratch)
{
    int halves;
    const parley_package_index *sorted = ranked_index(idx, sc, &halves);
    if (halves) {
        uint64_t *ids = NULL, pairs = 0;
        long count = pindex_additive_ties(idx, u, &ids, &pairs, scratch);
        count_pairs(idx, pairs);
        if (count == -2)
            return -1;
        if (count >= 0) {
            for (size_t j = 0; j < (size_t)count && j < max; j++)
                parley_space_decode(idx->space, ids[j], values + j * idx->issues);
            free(ids);
            return count;
        }
        sorted = halves_too_wide(idx, sc);
    }
    if (!sorted)
        return -1;
    size_t first = rank_from(sorted, u), end = rank_from(sorted, nextafter(u, INFINITY));
    for (size_t j = 0; j < end - first && j < max; j++)
        pindex_get(sorted, first + j, values + j * sorted->issues);
    return (long)(end - first);
}

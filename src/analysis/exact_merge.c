/*
 * exact_merge.c: the Pareto frontier of an additive space by issue-wise
 * merging.  With additive utilities an outcome is Pareto-optimal only if its
 * partial sum over issues 0..i is not dominated by another partial sum over the
 * same issues (the same remaining issues would then do better for it), so the
 * issues are folded one at a time: the partial sums kept so far, each plus
 * every value of the next issue, filtered for dominance.  Two parties sort the
 * candidates by the first party's sum and filter with running maxima; more
 * parties sort by total and compare with the distinct kept vectors.
 *
 * Partial sums are float sums in issue order, the very numbers streaming adds
 * up.  A partial sum is dropped only when another is at least as good for all
 * and better by more than `delta` for one: the later additions and the
 * rounding to 2^-32 are monotone and cannot close that gap, so every
 * extension of it is strictly dominated.  Near-ties are kept and the caller's
 * frontier decides on the rounded utilities, as streaming does.  A partial sum
 * that cannot reach a party's reservation even with the best remaining values
 * is dropped too.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_internal.h"
#include "analysis/exact.h"

#define DEFAULT_NODE_LIMIT ((size_t)1 << 22)

/* One merging stage: for each kept partial sum, the one it extends and the value it adds. */
struct stage {
    uint32_t *parent, *value;
    size_t count;
};

struct item {
    const double *p;
    double key;
    uint32_t id, n;
};

/*
 * Memory the filters of one merging reuse from stage to stage: fresh blocks
 * for each of thousands of small stages (a constraint scope's rows) cost a
 * page fault per page each time.
 */
struct scratch {
    exact_memory *memory; /* the block, kept by the caller across mergings */
    char *at;
};

/* Room for `bytes` more in one block, from its start (what was carved before is given up); 0, or -1. */
static int scratch_reset(struct scratch *sc, size_t bytes)
{
    exact_memory *m = sc->memory;
    if (m->bytes < bytes) {
        size_t grown = bytes > 2 * m->bytes ? bytes : 2 * m->bytes;
        exact_memory_free(m);
        if (!(m->block = exact_big_alloc(grown)))
            return -1;
        m->bytes = grown;
    }
    sc->at = m->block;
    return 0;
}

/* The next `bytes` of the block (16-byte aligned); the caller reserved them with scratch_reset. */
static void *carve(struct scratch *sc, size_t bytes)
{
    void *p = sc->at;
    sc->at += (bytes + 15) & ~(size_t)15;
    return p;
}

/* What sort_items and the filters carve for m items. */
static size_t sort_bytes(size_t m)
{
    return (m + 1) * (sizeof(struct exact_keyed) + sizeof(struct item)) + exact_radix_scratch(m) + 64;
}

static size_t filter_bytes(size_t m)
{
    return (m + 2) * (sizeof(struct exact_keyed) + 2 * sizeof(uint32_t) + 2 * sizeof(double)) + sort_bytes(m) + 128;
}

void exact_utilities(const exact_space *s, const uint32_t *values, double *u)
{
    for (size_t k = 0; k < s->n; k++) {
        double sum = 0;
        for (size_t i = 0; i < s->issues; i++)
            sum += s->tables[k * s->issues + i][values[i]];
        u[k] = quantize_utility(sum);
    }
}

double exact_magnitude(const exact_space *s)
{
    double total = 1;
    for (size_t k = 0; k < s->n; k++) {
        double m = fabs(s->reservation[k]);
        for (size_t i = 0; i < s->issues; i++) {
            double big = 0;
            for (uint32_t v = 0; v < s->counts[i]; v++)
                big = fmax(big, fabs(s->tables[k * s->issues + i][v]));
            m += big;
        }
        total = fmax(total, m);
    }
    return total;
}

/* Two parties: first party descending, then the second descending. */
static int by_first(const void *x, const void *y)
{
    const struct item *a = x, *b = y;
    if (a->p[0] != b->p[0])
        return a->p[0] > b->p[0] ? -1 : 1;
    if (a->p[1] != b->p[1])
        return a->p[1] > b->p[1] ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

/* More parties: total descending, then lexicographically descending (a dominator always comes first). */
static int by_total(const void *x, const void *y)
{
    const struct item *a = x, *b = y;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    for (uint32_t k = 0; k < a->n; k++)
        if (a->p[k] != b->p[k])
            return a->p[k] > b->p[k] ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

/* 1 when a is at least b for every party and better by more than delta for one. */
static int dominates(const double *a, const double *b, size_t n, double delta)
{
    int better = 0;
    for (size_t k = 0; k < n; k++) {
        if (a[k] < b[k])
            return 0;
        better |= a[k] > b[k] + delta;
    }
    return better;
}

/* Three parties: first party descending, then the second, then the third. */
static int by_first3(const void *x, const void *y)
{
    const struct item *a = x, *b = y;
    for (int k = 0; k < 3; k++)
        if (a->p[k] != b->p[k])
            return a->p[k] > b->p[k] ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

/*
 * Sorts items by cmp, a total order that starts with the first party's sum
 * descending: a radix sort on that sum, then cmp within runs of equal sums.
 */
static int sort_items(struct item *items, size_t m, int (*cmp)(const void *, const void *), struct scratch *sc)
{
    struct exact_keyed *keys = carve(sc, (m + 1) * sizeof *keys);
    struct item *copy = carve(sc, (m + 1) * sizeof *copy);
    void *radix = carve(sc, exact_radix_scratch(m));
    for (size_t i = 0; i < m; i++)
        keys[i] = (struct exact_keyed){-items[i].p[0], (uint32_t)i};
    if (exact_radix_sort(keys, m, radix) != 0)
        return -1;
    memcpy(copy, items, m * sizeof *items);
    for (size_t i = 0; i < m; i++)
        items[i] = copy[keys[i].id];
    for (size_t i = 0, j; i < m; i = j) {
        for (j = i + 1; j < m && items[j].p[0] == items[i].p[0]; j++)
            continue;
        if (j - i > 1)
            qsort(items + i, j - i, sizeof *items, cmp);
    }
    return 0;
}

/* A Fenwick tree of maxima over positions counted from the top: best(from) = max over positions >= from. */
static void top_raise(double *tree, size_t m, size_t position, double x)
{
    for (size_t i = m - position; i <= m; i += i & (~i + 1))
        tree[i] = fmax(tree[i], x);
}

static double top_best(const double *tree, size_t m, size_t from)
{
    double best = -INFINITY;
    for (size_t i = m - from; i > 0; i -= i & (~i + 1))
        best = fmax(best, tree[i]);
    return best;
}

/*
 * Three parties in O(m log m): items by the first party descending (a
 * dominator comes first); two Fenwick trees over the ranks of the second
 * party's sums keep the best third-party sum, one of every earlier item and
 * one of the items better for the first party by more than delta.  An item is
 * dropped when some earlier one is at least as good for all and better by
 * more than delta for the first (tree A), the second or the third (tree B).
 */
static int filter3(struct item *items, size_t m, double delta, unsigned char *keep, struct scratch *sc)
{
    struct exact_keyed *second = carve(sc, (m + 1) * sizeof *second); /* second-party sums, item positions */
    uint32_t *at_least = carve(sc, (m + 1) * sizeof *at_least), *above = carve(sc, (m + 1) * sizeof *above);
    double *all = carve(sc, (m + 2) * sizeof *all), *ahead = carve(sc, (m + 2) * sizeof *ahead);
    char *sorting = sc->at; /* sort_items' memory, then the second sort's */
    if (sort_items(items, m, by_first3, sc) != 0)
        return -1;
    sc->at = sorting;
    /* For item i (sorted position): the first rank whose sum is >= its own, and the first > its own + delta. */
    for (size_t i = 0; i < m; i++)
        second[i] = (struct exact_keyed){items[i].p[1], (uint32_t)i};
    if (exact_radix_sort(second, m, carve(sc, exact_radix_scratch(m))) != 0)
        return -1;
    for (size_t r = 0, first = 0, over = 0; r < m; r++) {
        if (r > 0 && second[r].key != second[r - 1].key)
            first = r;
        while (over < m && second[over].key <= second[r].key + delta)
            over++;
        at_least[second[r].id] = (uint32_t)first;
        above[second[r].id] = (uint32_t)over;
    }
    for (size_t i = 0; i <= m; i++)
        all[i] = ahead[i] = -INFINITY;
    size_t j = 0;
    for (size_t i = 0; i < m; i++) {
        const double *p = items[i].p;
        while (j < i && items[j].p[0] > p[0] + delta) {
            if (keep[items[j].id])
                top_raise(ahead, m, at_least[j], items[j].p[2]);
            j++;
        }
        int dominated = top_best(ahead, m, at_least[i]) >= p[2] || top_best(all, m, above[i]) >= p[2] ||
                        top_best(all, m, at_least[i]) > p[2] + delta;
        keep[items[i].id] = !dominated;
        /* A dominated item need not enter the trees: what dominates it comes earlier, is at least as good for
           every party, and is in every tree it would be in, so any item it would find dominated is found so. */
        if (!dominated)
            top_raise(all, m, at_least[i], p[2]);
    }
    return 0;
}

/* Marks keep[id] for the items no other item dominates by the margin; items are sorted on return. */
static int filter(struct item *items, size_t m, size_t n, double delta, unsigned char *keep, struct scratch *sc)
{
    if ((n == 2 || n == 3) && scratch_reset(sc, filter_bytes(m)) != 0)
        return -1;
    if (n == 2) {
        double *prefix = carve(sc, (m + 1) * sizeof *prefix);
        if (sort_items(items, m, by_first, sc) != 0)
            return -1;
        size_t j = 0;
        for (size_t i = 0; i < m; i++) {
            prefix[i] = i ? fmax(prefix[i - 1], items[i].p[1]) : items[i].p[1];
            while (j < i && items[j].p[0] > items[i].p[0] + delta)
                j++;
            int dominated = (j > 0 && prefix[j - 1] >= items[i].p[1]) ||
                            (i > 0 && prefix[i - 1] > items[i].p[1] + delta);
            keep[items[i].id] = !dominated;
        }
        return 0;
    }
    if (n == 3)
        return filter3(items, m, delta, keep, sc);
    for (size_t i = 0; i < m; i++) {
        double sum = 0;
        for (size_t k = 0; k < n; k++)
            sum += items[i].p[k];
        items[i].key = sum;
    }
    qsort(items, m, sizeof *items, by_total);
    size_t *distinct = malloc((m + 1) * sizeof *distinct), kept = 0;
    if (!distinct)
        return -1;
    for (size_t i = 0; i < m; i++) {
        const double *p = items[i].p;
        int dominated = 0;
        if (kept && memcmp(items[distinct[kept - 1]].p, p, n * sizeof *p) == 0) {
            keep[items[i].id] = 1;
            continue;
        }
        for (size_t d = 0; d < kept && !dominated; d++)
            dominated = dominates(items[distinct[d]].p, p, n, delta);
        keep[items[i].id] = !dominated;
        if (!dominated)
            distinct[kept++] = i;
    }
    free(distinct);
    return 0;
}

int exact_pareto_filter(const double *u, size_t m, size_t n, unsigned char *keep)
{
    struct item *items = malloc((m + 1) * sizeof *items);
    if (!items)
        return -1;
    for (size_t c = 0; c < m; c++)
        items[c] = (struct item){&u[c * n], 0, (uint32_t)c, (uint32_t)n};
    exact_memory memory = {NULL, 0};
    struct scratch sc = {&memory, NULL};
    int rc = filter(items, m, n, 0, keep, &sc);
    exact_memory_free(&memory);
    free(items);
    return rc;
}

/*
 * The values of issue i (first .. first + width - 1) worth adding: a value
 * whose table vector another value's beats (at least as good for every party,
 * better by more than `margin` for one) is left out, for every partial sum
 * plus the better value then dominates the sum plus it by more than the
 * stage's delta (margin covers both roundings).  The kept values, ascending,
 * into out; their number, or -1 when out of memory.
 */
static long issue_values(const exact_space *s, size_t i, uint32_t first, uint32_t width, double margin, uint32_t *out,
                         struct scratch *sc)
{
    size_t n = s->n, kept = 0;
    double *vectors = malloc(((size_t)width + 1) * n * sizeof *vectors);
    struct item *items = malloc(((size_t)width + 1) * sizeof *items);
    unsigned char *keep = malloc((size_t)width + 1);
    long rc = -1;
    if (!vectors || !items || !keep)
        goto done;
    for (uint32_t v = 0; v < width; v++) {
        for (size_t k = 0; k < n; k++)
            vectors[v * n + k] = s->tables[k * s->issues + i][first + v];
        items[v] = (struct item){&vectors[v * n], 0, v, (uint32_t)n};
    }
    if (width > 1 && filter(items, width, n, margin, keep, sc) != 0)
        goto done;
    for (uint32_t v = 0; v < width; v++)
        if (width == 1 || keep[v])
            out[kept++] = first + v;
    rc = (long)kept;
done:
    free(vectors);
    free(items);
    free(keep);
    return rc;
}

int exact_merge_candidates(const exact_space *s, exact_emit emit, void *ctx, exact_memory *memory)
{
    size_t n = s->n, issues = s->issues, limit = s->node_limit ? s->node_limit : DEFAULT_NODE_LIMIT;
    double magnitude = exact_magnitude(s);
    double delta = 0x1p-31 + (double)(issues + 4) * magnitude * 0x1p-50;
    uint32_t *useful = NULL;
    exact_memory local = {NULL, 0};
    struct scratch sc = {memory ? memory : &local, NULL};
    struct stage *stages = calloc(issues + 1, sizeof *stages);
    double *sums = calloc(n, sizeof *sums), *next = NULL, *u = calloc(n, sizeof *u);
    uint32_t *values = calloc(issues + 1, sizeof *values);
    struct item *items = NULL;
    unsigned char *keep = NULL;
    size_t *which = NULL;
    uint32_t *parent = NULL, *value = NULL;
    size_t count = 1; /* the empty prefix */
    int rc = -1;
    if (!stages || !sums || !u || !values)
        goto done;
    for (size_t i = 0; i < issues; i++) {
        uint32_t first = s->fixed[i] == EXACT_FREE ? 0 : s->fixed[i];
        uint32_t width = s->fixed[i] == EXACT_FREE ? s->counts[i] : 1;
        free(useful);
        long width_kept;
        if (!(useful = malloc(((size_t)width + 1) * sizeof *useful)) ||
            (width_kept = issue_values(s, i, first, width, delta + magnitude * 0x1p-50, useful, &sc)) < 0)
            goto done;
        size_t m = 0, cap = count * (size_t)width_kept;
        if (cap > limit || count > UINT32_MAX) {
            rc = 1;
            goto done;
        }
        next = exact_big_alloc((cap + 1) * n * sizeof *next);
        parent = exact_big_alloc((cap + 1) * sizeof *parent);
        value = exact_big_alloc((cap + 1) * sizeof *value);
        if (!next || !parent || !value)
            goto done;
        const double *bound = s->suffix_max;
        for (size_t j = 0; j < count; j++)
            for (size_t w = 0; w < (size_t)width_kept; w++) {
                uint32_t v = useful[w];
                double *q = &next[m * n];
                int reachable = 1;
                for (size_t k = 0; k < n; k++) {
                    q[k] = sums[j * n + k] + s->tables[k * issues + i][v];
                    reachable &= q[k] + bound[k * (issues + 1) + i + 1] >= s->reservation[k];
                }
                if (!reachable)
                    continue;
                parent[m] = (uint32_t)j;
                value[m] = v;
                m++;
            }
        free(items);
        free(keep);
        items = exact_big_alloc((m + 1) * sizeof *items);
        keep = malloc(m + 1);
        if (!items || !keep)
            goto done;
        for (size_t c = 0; c < m; c++)
            items[c] = (struct item){&next[c * n], 0, (uint32_t)c, (uint32_t)n};
        if (filter(items, m, n, delta, keep, &sc) != 0)
            goto done;
        /* Compact the kept candidates (in their original order) into the stage and the new sums. */
        size_t kept = 0;
        for (size_t c = 0; c < m; c++)
            if (keep[c]) {
                memmove(&next[kept * n], &next[c * n], n * sizeof *next);
                parent[kept] = parent[c];
                value[kept] = value[c];
                kept++;
            }
        stages[i] = (struct stage){parent, value, kept};
        parent = value = NULL;
        free(sums);
        sums = next;
        next = NULL;
        count = kept;
    }
    /* The rounded utilities of the acceptable survivors, filtered for plain dominance (equal vectors kept). */
    size_t m = 0;
    free(keep);
    keep = NULL; /* freed again at done when the next allocation fails */
    if (!(which = malloc((count + 1) * sizeof *which)) || !(keep = malloc(count + 1)))
        goto done;
    for (size_t j = 0; j < count; j++) {
        int acceptable = 1;
        for (size_t k = 0; k < n; k++) {
            sums[m * n + k] = quantize_utility(sums[j * n + k]);
            acceptable &= sums[m * n + k] >= s->reservation[k];
        }
        if (acceptable)
            which[m++] = j;
    }
    if (exact_pareto_filter(sums, m, n, keep) != 0)
        goto done;
    for (size_t c = 0; c < m; c++) {
        if (!keep[c])
            continue;
        memcpy(u, &sums[c * n], n * sizeof *u);
        size_t at = which[c];
        for (size_t i = issues; i-- > 0;) {
            values[i] = stages[i].value[at];
            at = stages[i].parent[at];
        }
        emit(ctx, values, u);
    }
    rc = 0;
done:
    for (size_t i = 0; stages && i < issues; i++) {
        free(stages[i].parent);
        free(stages[i].value);
    }
    free(stages);
    free(sums);
    free(next);
    free(parent);
    free(value);
    free(items);
    free(keep);
    free(which);
    free(useful);
    exact_memory_free(&local);
    free(u);
    free(values);
    return rc;
}

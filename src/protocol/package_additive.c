/*
 * package_additive.c: a party's package index without enumerating the space,
 * for additive utilities and no constraints (issue 17).  The issues are split
 * into a first half A and a second half B, each enumerated (about sqrt(N)
 * points) and sorted by partial utility; set-up costs grow with sqrt(N), not N.
 *
 * The queries answer exactly what the sorted index of every package answers
 * (package_index.c): the worst and best utilities, the package of lowest
 * utility at least a target (ties: lowest outcome number; none: the best,
 * lowest number), the neighbours of a threshold, the runs of equal utility
 * around a value with their positions, and the packages of a run.  Utilities
 * are parley_utility_eval's float sums in issue order, capped at 1; the
 * halves' sums differ from them by rounding only, so a query finds by
 * two-pointer sweeps the pairs whose approximate utility lies within a margin
 * of the answer (a window) and evaluates those in issue order.  A window that
 * reaches 1 - 2 margin takes every pair from there up, since the cap makes
 * all utilities above 1 equal.
 */
#include "protocol/session_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HALF_MAX ((uint64_t)1 << 22)

static int by_sum(const void *x, const void *y)
{
    const struct half_point *a = x, *b = y;
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

/* Values of point `id` of the issues [from, to) (mixed radix, last issue fastest). */
static void decode_half(const parley_package_index *idx, size_t from, size_t to, uint64_t id, uint32_t *values)
{
    for (size_t i = to; i-- > from;) {
        uint32_t count = parley_issue_value_count(idx->space, i);
        values[i] = (uint32_t)(id % count);
        id /= count;
    }
}

/* Sorted partial sums of the issues [from, to), summed in issue order from 0. */
static struct half_point *half_points(const parley_package_index *idx, size_t from, size_t to, uint64_t size)
{
    struct half_point *p = malloc((size + 1) * sizeof *p);
    uint32_t *values = calloc(idx->issues + 1, sizeof *values);
    if (!p || !values) {
        free(p);
        free(values);
        return NULL;
    }
    for (uint64_t id = 0; id < size; id++) {
        double s = 0;
        for (size_t i = from; i < to; i++)
            s += parley_utility_weight(idx->u, i) * parley_utility_value(idx->u, i, values[i]);
        p[id] = (struct half_point){s, id};
        for (size_t i = to; i-- > from;) {
            if (++values[i] < parley_issue_value_count(idx->space, i))
                break;
            values[i] = 0;
        }
    }
    free(values);
    qsort(p, size, sizeof *p, by_sum);
    return p;
}

/* The utility of pair (a, b) as parley_utility_eval sums it (issue order, capped at 1); its values into out. */
static double pair_utility(const parley_package_index *idx, const struct half_point *a, const struct half_point *b,
                           uint32_t *out)
{
    decode_half(idx, 0, idx->split, a->id, out);
    decode_half(idx, idx->split, idx->issues, b->id, out);
    double sum = a->s; /* the issues of A, in order: the first terms of the sum */
    for (size_t i = idx->split; i < idx->issues; i++)
        sum += parley_utility_weight(idx->u, i) * parley_utility_value(idx->u, i, out[i]);
    return sum > 1 ? 1 : sum;
}

/*
 * The pairs a query evaluates: approximate utility a.s + b.s in [lo, hi].
 * Every utility outside is then more than a margin from it; but the cap makes
 * every pair above 1 worth 1, so a window that reaches 1 - 2 margin takes
 * every pair from there up (pindex_additive_build refuses spaces where those
 * are many).
 */
struct window {
    double lo, hi;
};

static struct window window_of(const parley_package_index *idx, double lo, double hi)
{
    double capped = 1 - 2 * idx->margin;
    if (hi >= capped)
        return (struct window){fmin(lo, capped), INFINITY};
    return (struct window){lo, hi};
}

typedef void (*pair_visitor)(void *ctx, double u, uint64_t id);

/*
 * One two-pointer sweep over the pairs in the window: calls visit (when not
 * NULL) with each pair's utility and number; returns how many pairs the window
 * holds and, in *under (when not NULL), how many lie below it.
 */
static uint64_t sweep_window(const parley_package_index *idx, struct window w, uint64_t *under, pair_visitor visit,
                             void *ctx, uint32_t *scratch)
{
    size_t na = idx->na, nb = idx->nb, first = nb, last = nb;
    uint64_t inside = 0, below = 0;
    /* A ascending: the window of B moves down; first = first b >= lo - a, last = first b > hi - a. */
    for (size_t j = 0; j < na; j++) {
        const struct half_point *a = &idx->half_a[j];
        while (first > 0 && idx->half_b[first - 1].s >= w.lo - a->s)
            first--;
        while (last > 0 && idx->half_b[last - 1].s > w.hi - a->s)
            last--;
        below += first;
        if (last <= first)
            continue;
        inside += last - first;
        if (visit)
            for (size_t r = first; r < last; r++)
                visit(ctx, pair_utility(idx, a, &idx->half_b[r], scratch), a->id * nb + idx->half_b[r].id);
    }
    if (under)
        *under = below;
    return inside;
}

struct best_pair {
    double u;
    uint64_t id;
    int found;
    double below; /* highest utility evaluated under the floor (-INFINITY: none) */
};

/* What scan_window keeps: the pair of lowest (utility, number) at least a limit, of highest utility and lowest
   number, or of highest (utility, number) below a limit. */
enum pick { PICK_LOWEST_FROM, PICK_TOP, PICK_HIGHEST_UNDER };

static int better_pair(enum pick pick, const struct best_pair *best, double u, uint64_t id)
{
    if (!best->found)
        return 1;
    switch (pick) {
    case PICK_LOWEST_FROM:
        return u < best->u || (u == best->u && id < best->id);
    case PICK_TOP:
        return u > best->u || (u == best->u && id < best->id);
    case PICK_HIGHEST_UNDER:
        break;
    }
    return u > best->u || (u == best->u && id > best->id);
}

struct pick_scan {
    enum pick pick;
    double limit;
    struct best_pair *best;
};

static void pick_pair(void *ctx, double u, uint64_t id)
{
    struct pick_scan *p = ctx;
    struct best_pair *best = p->best;
    if (p->pick == PICK_HIGHEST_UNDER ? u >= p->limit : u < p->limit) {
        if (u < p->limit)
            best->below = fmax(best->below, u);
        return;
    }
    if (better_pair(p->pick, best, u, id))
        *best = (struct best_pair){u, id, 1, best->below};
}

/*
 * Evaluates every pair of the window [lo, hi] and keeps the one `pick` asks
 * for among those with utility >= limit (PICK_HIGHEST_UNDER: utility < limit).
 */
static void scan_window(const parley_package_index *idx, double lo, double hi, double limit, enum pick pick,
                        struct best_pair *best, uint32_t *scratch)
{
    struct pick_scan p = {pick, limit, best};
    sweep_window(idx, window_of(idx, lo, hi), NULL, pick_pair, &p, scratch);
}

/* Highest approximate utility of a pair below x (-INFINITY when none), by a sweep. */
static double highest_below(const parley_package_index *idx, double x)
{
    double highest = -INFINITY;
    size_t q = idx->nb;
    for (size_t j = 0; j < idx->na; j++) {
        double a = idx->half_a[j].s;
        while (q > 0 && idx->half_b[q - 1].s >= x - a)
            q--;
        if (q > 0)
            highest = fmax(highest, a + idx->half_b[q - 1].s);
    }
    return highest;
}

/* Lowest approximate utility of a pair at least x (INFINITY when none), by a sweep. */
static double lowest_at_least(const parley_package_index *idx, double x)
{
    double lowest = INFINITY;
    size_t p = idx->nb;
    for (size_t j = 0; j < idx->na; j++) {
        double a = idx->half_a[j].s;
        while (p > 0 && idx->half_b[p - 1].s >= x - a)
            p--;
        if (p < idx->nb)
            lowest = fmin(lowest, a + idx->half_b[p].s);
    }
    return lowest;
}

int pindex_additive_build(parley_package_index *idx, uint64_t size)
{
    size_t issues = idx->issues;
    if (issues < 2 || !parley_utility_is_additive(idx->u))
        return 0;
    /* The split that makes the larger half smallest. */
    double total = (double)size, prefix = 1, best = INFINITY;
    for (size_t c = 1; c < issues; c++) {
        prefix *= parley_issue_value_count(idx->space, c - 1);
        if (fmax(prefix, total / prefix) < best) {
            best = fmax(prefix, total / prefix);
            idx->split = c;
        }
    }
    idx->na = 1;
    for (size_t i = 0; i < idx->split; i++)
        idx->na *= parley_issue_value_count(idx->space, i);
    idx->nb = size / idx->na;
    if (idx->na > HALF_MAX || idx->nb > HALF_MAX)
        return 0;
    double magnitude = 2;
    for (size_t i = 0; i < issues; i++) {
        double big = 0;
        for (uint32_t v = 0; v < parley_issue_value_count(idx->space, i); v++)
            big = fmax(big, fabs(parley_utility_weight(idx->u, i) * parley_utility_value(idx->u, i, v)));
        magnitude += big;
    }
    idx->margin = (double)(issues + 4) * magnitude * 0x1p-48;
    idx->half_a = half_points(idx, 0, idx->split, idx->na);
    idx->half_b = half_points(idx, idx->split, issues, idx->nb);
    uint32_t *scratch = malloc(issues * sizeof *scratch);
    if (!idx->half_a || !idx->half_b || !scratch) {
        free(scratch);
        return -1;
    }
    /* Every query near the top evaluates the pairs the cap may reach: too many, and the sorted index serves. */
    if (sweep_window(idx, window_of(idx, INFINITY, INFINITY), NULL, NULL, NULL, NULL) > PINDEX_WINDOW_MAX) {
        free(scratch);
        free(idx->half_a);
        free(idx->half_b);
        idx->half_a = idx->half_b = NULL;
        return 0;
    }
    /* Worst and best: the utility sum is monotone in every term, so each is attained by the sums' extremes. */
    idx->worst = pair_utility(idx, &idx->half_a[0], &idx->half_b[0], scratch);
    double top = idx->half_a[idx->na - 1].s + idx->half_b[idx->nb - 1].s;
    struct best_pair b = {0, 0, 0, -INFINITY};
    scan_window(idx, top - 2 * idx->margin, INFINITY, -INFINITY, PICK_TOP, &b, scratch);
    free(scratch);
    idx->best = b.u;
    idx->best_id = b.id;
    idx->additive = 1;
    return 1;
}

/* The package of lowest (utility, number) with utility >= t; found = 0 when none. */
static struct best_pair lowest_from(const parley_package_index *idx, double t, uint32_t *scratch)
{
    double eps = idx->margin;
    struct best_pair best = {0, 0, 0, -INFINITY};
    double sure = lowest_at_least(idx, t + eps);
    double hi = sure < INFINITY ? sure + 2 * eps : t + eps;
    scan_window(idx, t - eps, hi, t, PICK_LOWEST_FROM, &best, scratch);
    return best;
}

/* The package of highest (utility, number) with utility < t; found = 0 when none. */
static struct best_pair highest_under(const parley_package_index *idx, double t, uint32_t *scratch)
{
    double eps = idx->margin;
    struct best_pair best = {0, 0, 0, -INFINITY};
    double sure = highest_below(idx, t - eps);
    double lo = sure > -INFINITY ? sure - 2 * eps : t - eps;
    scan_window(idx, lo, t + eps, t, PICK_HIGHEST_UNDER, &best, scratch);
    return best;
}

double pindex_additive_at_least(const parley_package_index *idx, double target, uint32_t *out, double *valid_from,
                                double *valid_to)
{
    /* The index compares with target - 1e-12 (pindex_rank). */
    double t = target - 1e-12;
    struct best_pair best = lowest_from(idx, t, out); /* evaluation writes values; the answer is decoded last */
    /* Every package under t is worth at most this: the same answer holds for thresholds above it, up to the answer. */
    *valid_from = fmax(highest_below(idx, t - idx->margin) + idx->margin, best.below);
    *valid_to = best.found ? best.u : INFINITY;
    if (!best.found) {
        parley_space_decode(idx->space, idx->best_id, out);
        return idx->best;
    }
    parley_space_decode(idx->space, best.id, out);
    return best.u;
}

int pindex_additive_around(const parley_package_index *idx, double t, struct pindex_neighbours *out,
                           uint32_t *scratch)
{
    struct best_pair up = lowest_from(idx, t, scratch), down = highest_under(idx, t, scratch);
    out->has_up = up.found;
    out->has_down = down.found;
    out->up_u = up.u;
    out->down_u = down.u;
    if (up.found)
        parley_space_decode(idx->space, up.id, out->up);
    if (down.found)
        parley_space_decode(idx->space, down.id, out->down);
    return up.found || down.found;
}

/* What a window's pairs say about a value x: the counts below and at it, and the nearest utilities either side. */
struct level_scan {
    double x, at_u, highest_under, lowest_over;
    uint64_t under, at, at_highest, at_lowest;
};

static void tally_pair(void *ctx, double u, uint64_t id)
{
    (void)id;
    struct level_scan *t = ctx;
    if (u == t->x) {
        t->at++;
        t->at_u = u; /* the utility itself: x may be -0 where packages are worth +0 */
    } else if (u < t->x) {
        t->under++;
        if (u > t->highest_under)
            t->highest_under = u, t->at_highest = 0;
        t->at_highest += u == t->highest_under;
    } else {
        if (u < t->lowest_over)
            t->lowest_over = u, t->at_lowest = 0;
        t->at_lowest += u == t->lowest_over;
    }
}

int pindex_additive_levels(const parley_package_index *idx, double x, struct pindex_levels *out, uint64_t *pairs,
                           uint32_t *scratch)
{
    double eps = idx->margin;
    /* The pairs of these sums are surely under and over x: the runs next to x lie within a margin of them. */
    double under = highest_below(idx, x - 2 * eps), over = lowest_at_least(idx, x + 2 * eps);
    struct window w = window_of(idx, under > -INFINITY ? under - 2 * eps : -INFINITY,
                                over < INFINITY ? over + 2 * eps : INFINITY);
    uint64_t below;
    *pairs = sweep_window(idx, w, &below, NULL, NULL, NULL);
    if (*pairs > PINDEX_WINDOW_MAX)
        return -1;
    struct level_scan t = {x, x, -INFINITY, INFINITY, 0, 0, 0, 0};
    sweep_window(idx, w, NULL, tally_pair, &t, scratch);
    size_t first = (size_t)(below + t.under); /* the pairs under the window are worth less than the run below x */
    out->at = (parley_outcome_level){t.at_u, first, (size_t)t.at};
    out->has_below = t.at_highest > 0;
    out->below = (parley_outcome_level){t.highest_under, first - (size_t)t.at_highest, (size_t)t.at_highest};
    out->has_above = t.at_lowest > 0;
    out->above = (parley_outcome_level){t.lowest_over, first + (size_t)t.at, (size_t)t.at_lowest};
    return 1;
}

struct tie_scan {
    double u;
    uint64_t *ids;
    size_t count;
};

static void collect_tie(void *ctx, double u, uint64_t id)
{
    struct tie_scan *t = ctx;
    if (u == t->u)
        t->ids[t->count++] = id;
}

static int by_number(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

long pindex_additive_ties(const parley_package_index *idx, double u, uint64_t **ids, uint64_t *pairs,
                          uint32_t *scratch)
{
    double eps = idx->margin;
    struct window w = window_of(idx, u - 2 * eps, u + 2 * eps);
    uint64_t inside = *pairs = sweep_window(idx, w, NULL, NULL, NULL, NULL);
    if (inside > PINDEX_WINDOW_MAX)
        return -1;
    struct tie_scan t = {u, malloc((inside ? inside : 1) * sizeof *t.ids), 0};
    if (!t.ids)
        return -2;
    sweep_window(idx, w, NULL, collect_tie, &t, scratch);
    qsort(t.ids, t.count, sizeof *t.ids, by_number);
    *ids = t.ids;
    return (long)t.count;
}

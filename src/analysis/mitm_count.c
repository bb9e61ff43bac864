/*
 * mitm_count.c: how many outcomes of an additive two-party space each party
 * accepts, and both accept, by meet-in-the-middle instead of enumeration.
 *
 * The free issues are split into two halves A and B of about sqrt(N) points
 * each; a point is a half's partial utility vector.  An outcome is a pair
 * (a, b) and is accepted by party k when a_k + b_k (plus the fixed issues)
 * reaches its reservation.  One party: sort B and binary-search each a.  Both
 * parties: 2-D dominance counting, A by threshold and B by the first party's
 * sum in one sweep, a Fenwick tree over the ranks of B's second-party sums.
 *
 * Streaming rounds the sum added in issue order; the halves add in another
 * order.  Pairs are counted as accepted only when their sum clears the
 * threshold by a margin `eps` far wider than any rounding difference; the
 * pairs within the margin of a threshold (a band, found per a by binary
 * search) are evaluated one by one in issue order, exactly as streaming does.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_internal.h"
#include "analysis/exact.h"

#define HALF_LIMIT ((uint64_t)1 << 26)

struct keyed {
    double key;
    uint32_t id;
};

/* The two halves' issues and points. */
struct halves {
    size_t issues[2][64], count[2];
    uint64_t size[2];
    double *sums[2]; /* [size * 2] */
};

static int by_key(const void *x, const void *y)
{
    const struct keyed *a = x, *b = y;
    return (a->key > b->key) - (a->key < b->key);
}

/* First position of sorted[] whose key is >= x. */
static size_t lower_bound(const struct keyed *sorted, size_t m, double x)
{
    size_t lo = 0, hi = m;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid].key < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Splits the free issues into a prefix and the rest, making the larger half as small as possible. */
static void split(const exact_space *s, struct halves *h)
{
    size_t free_issues[64], f = 0;
    for (size_t i = 0; i < s->issues && f < 64; i++)
        if (s->fixed[i] == EXACT_FREE)
            free_issues[f++] = i;
    double total = 1, best = INFINITY;
    for (size_t j = 0; j < f; j++)
        total *= s->counts[free_issues[j]];
    size_t cut = 0;
    double prefix = 1;
    for (size_t c = 0; c <= f; c++) {
        double larger = fmax(prefix, total / prefix);
        if (larger < best) {
            best = larger;
            cut = c;
        }
        if (c < f)
            prefix *= s->counts[free_issues[c]];
    }
    h->count[0] = cut;
    h->count[1] = f - cut;
    memcpy(h->issues[0], free_issues, cut * sizeof *free_issues);
    memcpy(h->issues[1], free_issues + cut, (f - cut) * sizeof *free_issues);
    for (int side = 0; side < 2; side++) {
        double size = 1;
        for (size_t j = 0; j < h->count[side]; j++)
            size *= s->counts[h->issues[side][j]];
        h->size[side] = size > (double)HALF_LIMIT ? HALF_LIMIT + 1 : (uint64_t)size;
    }
}

uint64_t mitm_half_size(const exact_space *s)
{
    struct halves h;
    if (s->issues > 64)
        return HALF_LIMIT + 1;
    split(s, &h);
    return h.size[0] > h.size[1] ? h.size[0] : h.size[1];
}

/* Writes the values of point `index` of a half into values[] (mixed radix, last issue fastest). */
static void decode(const exact_space *s, const struct halves *h, int side, uint64_t index, uint32_t *values)
{
    for (size_t j = h->count[side]; j-- > 0;) {
        size_t i = h->issues[side][j];
        values[i] = (uint32_t)(index % s->counts[i]);
        index /= s->counts[i];
    }
}

/* Each point's partial sums for both parties, by an odometer over the half's issues. */
static double *half_sums(const exact_space *s, const struct halves *h, int side)
{
    uint64_t size = h->size[side];
    double *sums = malloc(size * 2 * sizeof *sums);
    uint32_t values[64] = {0};
    if (!sums)
        return NULL;
    for (uint64_t p = 0; p < size; p++) {
        for (size_t k = 0; k < 2; k++) {
            double sum = 0;
            for (size_t j = 0; j < h->count[side]; j++) {
                size_t i = h->issues[side][j];
                sum += s->tables[k * s->issues + i][values[i]];
            }
            sums[p * 2 + k] = sum;
        }
        for (size_t j = h->count[side]; j-- > 0;) {
            size_t i = h->issues[side][j];
            if (++values[i] < s->counts[i])
                break;
            values[i] = 0;
        }
    }
    return sums;
}

/* Whether streaming's utilities of pair (a, b) clear the reservations of the parties in `dims` (bit k). */
static int pair_accepted(const exact_space *s, const struct halves *h, uint64_t a, uint64_t b, unsigned dims)
{
    uint32_t values[64];
    double u[2];
    for (size_t i = 0; i < s->issues; i++)
        values[i] = s->fixed[i] == EXACT_FREE ? 0 : s->fixed[i];
    decode(s, h, 0, a, values);
    decode(s, h, 1, b, values);
    exact_utilities(s, values, u);
    for (size_t k = 0; k < 2; k++)
        if ((dims >> k & 1) && u[k] < s->reservation[k])
            return 0;
    return 1;
}

static void fenwick_add(uint32_t *tree, size_t m, size_t position)
{
    for (size_t i = position + 1; i <= m; i += i & (~i + 1))
        tree[i]++;
}

/* How many inserted ranks are below `position`. */
static uint64_t fenwick_below(const uint32_t *tree, size_t position)
{
    uint64_t total = 0;
    for (size_t i = position; i > 0; i -= i & (~i + 1))
        total += tree[i];
    return total;
}

int mitm_count2(const exact_space *s, uint64_t *c0, uint64_t *c1, uint64_t *c01)
{
    struct halves h;
    memset(&h, 0, sizeof h);
    if (s->n != 2 || s->issues > 64)
        return -1;
    split(s, &h);
    if (h.size[0] > HALF_LIMIT || h.size[1] > HALF_LIMIT)
        return -1;
    size_t na = h.size[0], nb = h.size[1];
    int rc = -1;
    struct keyed *sorted[2] = {NULL, NULL}, *order_a = NULL;
    double *alpha = malloc(na * 2 * sizeof *alpha);
    size_t *rank = malloc(nb * sizeof *rank);
    uint32_t *tree = calloc(nb + 1, sizeof *tree);
    h.sums[0] = half_sums(s, &h, 0);
    h.sums[1] = half_sums(s, &h, 1);
    sorted[0] = malloc(nb * sizeof *sorted[0]);
    sorted[1] = malloc(nb * sizeof *sorted[1]);
    order_a = malloc(na * sizeof *order_a);
    if (!alpha || !rank || !tree || !h.sums[0] || !h.sums[1] || !sorted[0] || !sorted[1] || !order_a)
        goto done;
    /* alpha_k(a) = fixed + a_k - threshold_k; party k accepts (a, b) when alpha_k(a) + b_k >= 0. */
    double fixed[2] = {0, 0};
    for (size_t k = 0; k < 2; k++)
        for (size_t i = 0; i < s->issues; i++)
            if (s->fixed[i] != EXACT_FREE)
                fixed[k] += s->tables[k * s->issues + i][s->fixed[i]];
    double eps = (double)(s->issues + 8) * exact_magnitude(s) * 0x1p-48;
    for (size_t a = 0; a < na; a++)
        for (size_t k = 0; k < 2; k++)
            alpha[a * 2 + k] = (fixed[k] + h.sums[0][a * 2 + k]) - (s->reservation[k] - 0x1p-33);
    for (size_t k = 0; k < 2; k++) {
        for (size_t b = 0; b < nb; b++)
            sorted[k][b] = (struct keyed){h.sums[1][b * 2 + k], (uint32_t)b};
        qsort(sorted[k], nb, sizeof *sorted[k], by_key);
    }
    for (size_t r = 0; r < nb; r++)
        rank[sorted[1][r].id] = r;
    uint64_t single[2] = {0, 0}, both = 0;
    /* One party: sure acceptances by binary search, then the band evaluated pair by pair. */
    for (size_t a = 0; a < na; a++)
        for (size_t k = 0; k < 2; k++) {
            double al = alpha[a * 2 + k];
            size_t sure = lower_bound(sorted[k], nb, eps - al), low = lower_bound(sorted[k], nb, -eps - al);
            single[k] += nb - sure;
            for (size_t r = low; r < sure; r++)
                single[k] += (uint64_t)pair_accepted(s, &h, a, sorted[k][r].id, 1u << k);
        }
    /* Both parties, sure pairs: sweep a by falling first-party threshold, inserting b by falling b_0. */
    for (size_t a = 0; a < na; a++)
        order_a[a] = (struct keyed){eps - alpha[a * 2], (uint32_t)a};
    qsort(order_a, na, sizeof *order_a, by_key);
    size_t inserted = nb;
    for (size_t j = na; j-- > 0;) {
        size_t a = order_a[j].id;
        while (inserted > 0 && sorted[0][inserted - 1].key >= order_a[j].key)
            fenwick_add(tree, nb, rank[sorted[0][--inserted].id]);
        size_t from = lower_bound(sorted[1], nb, eps - alpha[a * 2 + 1]);
        both += (nb - inserted) - fenwick_below(tree, from);
    }
    /* Both parties, the bands: each pair once, under the first party whose band holds it. */
    for (size_t a = 0; a < na; a++) {
        const double *al = &alpha[a * 2];
        for (size_t k = 0; k < 2; k++) {
            size_t sure = lower_bound(sorted[k], nb, eps - al[k]), low = lower_bound(sorted[k], nb, -eps - al[k]);
            for (size_t r = low; r < sure; r++) {
                size_t b = sorted[k][r].id, other = 1 - k;
                double bo = h.sums[1][b * 2 + other];
                if (bo < -eps - al[other])
                    continue; /* surely refused by the other party */
                if (k == 1 && bo >= -eps - al[0] && bo < eps - al[0])
                    continue; /* in the first party's band: counted there */
                both += (uint64_t)pair_accepted(s, &h, a, b, 3u);
            }
        }
    }
    *c0 = single[0];
    *c1 = single[1];
    *c01 = both;
    rc = 0;
done:
    free(alpha);
    free(rank);
    free(tree);
    free(h.sums[0]);
    free(h.sums[1]);
    free(sorted[0]);
    free(sorted[1]);
    free(order_a);
    return rc;
}

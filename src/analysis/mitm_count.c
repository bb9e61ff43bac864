/*
 * mitm_count.c: how many outcomes of an additive two-party space each party
 * accepts, and both accept, by meet-in-the-middle instead of enumeration.
 *
 * The free issues are split into two halves A and B of about sqrt(N) points
 * each (A also carries the given assignments of the fixed issues: the rows of
 * a constraint scope that share one set of broken red lines); a point is a
 * half's partial utility vector.  An outcome is a pair (a, b), accepted by
 * party k when a_k + b_k reaches its reservation.  For each party B is sorted
 * (radix sort) and A swept in order of its threshold, so each a learns in
 * linear time how many b clear it; both parties together are 2-D dominance
 * counting: a sweep by the first party's threshold inserting b into a Fenwick
 * tree over the ranks of their second-party sums.
 *
 * Streaming rounds the sum added in issue order; the halves add in another
 * order.  A pair is counted as accepted only when its sum clears the
 * threshold by a margin `eps` far wider than any rounding difference; the
 * pairs within the margin of a threshold (a band per a, from the same sweeps)
 * are evaluated one by one in issue order, exactly as streaming does.
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

/* The two halves: free issues, sizes, and the rows of fixed values that half A carries. */
struct halves {
    size_t issues[2][64], count[2];
    uint64_t free_size[2], size[2];   /* size[0] = rows * free_size[0] */
    size_t rows, scoped, scoped_issue[64];
    const uint32_t *row_values;       /* [rows * scoped], or NULL: the values in s->fixed */
};

/* An order-preserving map of a double onto an unsigned integer (no NaNs here). */
static uint64_t sortable(double x)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    return bits >> 63 ? ~bits : bits | (uint64_t)1 << 63;
}

/* Sorts by key ascending: four passes of 16 bits. */
static int radix_sort(struct keyed *items, size_t m)
{
    struct keyed *tmp = malloc((m + 1) * sizeof *tmp);
    size_t *bucket = malloc(65536 * sizeof *bucket);
    if (!tmp || !bucket) {
        free(tmp);
        free(bucket);
        return -1;
    }
    struct keyed *from = items, *to = tmp;
    for (int pass = 0; pass < 4; pass++) {
        memset(bucket, 0, 65536 * sizeof *bucket);
        for (size_t i = 0; i < m; i++)
            bucket[sortable(from[i].key) >> (16 * pass) & 0xffff]++;
        size_t at = 0;
        for (size_t d = 0; d < 65536; d++) {
            size_t c = bucket[d];
            bucket[d] = at;
            at += c;
        }
        for (size_t i = 0; i < m; i++)
            to[bucket[sortable(from[i].key) >> (16 * pass) & 0xffff]++] = from[i];
        struct keyed *swap = from;
        from = to;
        to = swap;
    }
    free(tmp); /* four passes: the result is back in items */
    free(bucket);
    return 0;
}

/* Splits the free issues into a prefix (half A, with the rows) and the rest, the larger half as small as can be. */
static void split(const exact_space *s, size_t rows, struct halves *h)
{
    size_t free_issues[64], f = 0;
    h->rows = rows;
    h->scoped = 0;
    for (size_t i = 0; i < s->issues && i < 64; i++) {
        if (s->fixed[i] == EXACT_FREE)
            free_issues[f++] = i;
        else
            h->scoped_issue[h->scoped++] = i;
    }
    double total = 1, best = INFINITY;
    for (size_t j = 0; j < f; j++)
        total *= s->counts[free_issues[j]];
    size_t cut = 0;
    double prefix = 1;
    for (size_t c = 0; c <= f; c++) {
        double larger = fmax(prefix * (double)rows, total / prefix);
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
        h->free_size[side] = size > (double)HALF_LIMIT ? HALF_LIMIT + 1 : (uint64_t)size;
        size *= side == 0 ? (double)rows : 1;
        h->size[side] = size > (double)HALF_LIMIT ? HALF_LIMIT + 1 : (uint64_t)size;
    }
}

uint64_t mitm_half_size(const exact_space *s, size_t rows)
{
    struct halves h;
    if (s->issues > 64)
        return HALF_LIMIT + 1;
    split(s, rows ? rows : 1, &h);
    return h.size[0] > h.size[1] ? h.size[0] : h.size[1];
}

/* The values of the free issues of point `index` of a half (mixed radix, last issue fastest). */
static void decode(const exact_space *s, const struct halves *h, int side, uint64_t index, uint32_t *values)
{
    for (size_t j = h->count[side]; j-- > 0;) {
        size_t i = h->issues[side][j];
        values[i] = (uint32_t)(index % s->counts[i]);
        index /= s->counts[i];
    }
}

/* The fixed issues' values of row r. */
static void row_values(const exact_space *s, const struct halves *h, size_t r, uint32_t *values)
{
    for (size_t j = 0; j < h->scoped; j++) {
        size_t i = h->scoped_issue[j];
        values[i] = h->row_values ? h->row_values[r * h->scoped + j] : s->fixed[i];
    }
}

/* Partial sums of both parties over the free issues of a half, by an odometer. */
static double *free_sums(const exact_space *s, const struct halves *h, int side)
{
    uint64_t size = h->free_size[side];
    double *sums = malloc((size + 1) * 2 * sizeof *sums);
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
    row_values(s, h, a / h->free_size[0], values);
    decode(s, h, 0, a % h->free_size[0], values);
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

int mitm_count2(const exact_space *s, const uint32_t *rows, size_t row_count, uint64_t *c0, uint64_t *c1,
                uint64_t *c01)
{
    struct halves h;
    memset(&h, 0, sizeof h);
    if (s->n != 2 || s->issues > 64)
        return -1;
    split(s, rows ? row_count : 1, &h);
    h.row_values = rows;
    if (h.size[0] > HALF_LIMIT || h.size[1] > HALF_LIMIT)
        return -1;
    size_t na = h.size[0], nb = h.size[1];
    int rc = -1;
    struct keyed *sorted[2], *order[2];
    uint32_t *sure[2], *low[2];
    double *alpha = malloc((na + 1) * 2 * sizeof *alpha), *fa = free_sums(s, &h, 0), *fb = free_sums(s, &h, 1);
    size_t *rank = malloc((nb + 1) * sizeof *rank);
    uint32_t *tree = calloc(nb + 1, sizeof *tree);
    int bad = !alpha || !fa || !fb || !rank || !tree;
    for (int k = 0; k < 2; k++) {
        sorted[k] = malloc((nb + 1) * sizeof *sorted[k]);
        order[k] = malloc((na + 1) * sizeof *order[k]);
        sure[k] = malloc((na + 1) * sizeof *sure[k]);
        low[k] = malloc((na + 1) * sizeof *low[k]);
        bad |= !sorted[k] || !order[k] || !sure[k] || !low[k];
    }
    if (bad)
        goto done;
    /* alpha_k(a) = row + a_k - threshold_k; party k accepts (a, b) when alpha_k(a) + b_k >= 0. */
    double eps = (double)(s->issues + 8) * exact_magnitude(s) * 0x1p-48;
    uint32_t values[64] = {0};
    for (size_t r = 0; r < h.rows; r++) {
        row_values(s, &h, r, values);
        double fixed[2] = {0, 0};
        for (size_t k = 0; k < 2; k++)
            for (size_t j = 0; j < h.scoped; j++)
                fixed[k] += s->tables[k * s->issues + h.scoped_issue[j]][values[h.scoped_issue[j]]];
        for (size_t p = 0; p < h.free_size[0]; p++)
            for (size_t k = 0; k < 2; k++)
                alpha[(r * h.free_size[0] + p) * 2 + k] = (fixed[k] + fa[p * 2 + k]) - (s->reservation[k] - 0x1p-33);
    }
    /* Per party: B sorted by its sum, A by alpha; one sweep gives each a its sure and band ranges of B. */
    for (size_t k = 0; k < 2; k++) {
        for (size_t b = 0; b < nb; b++)
            sorted[k][b] = (struct keyed){fb[b * 2 + k], (uint32_t)b};
        for (size_t a = 0; a < na; a++)
            order[k][a] = (struct keyed){alpha[a * 2 + k], (uint32_t)a};
        if (radix_sort(sorted[k], nb) != 0 || radix_sort(order[k], na) != 0)
            goto done;
        size_t p_sure = nb, p_low = nb;
        for (size_t j = 0; j < na; j++) { /* alpha ascending: thresholds descending */
            size_t a = order[k][j].id;
            double al = order[k][j].key;
            while (p_sure > 0 && sorted[k][p_sure - 1].key >= eps - al)
                p_sure--;
            while (p_low > 0 && sorted[k][p_low - 1].key >= -eps - al)
                p_low--;
            sure[k][a] = (uint32_t)p_sure;
            low[k][a] = (uint32_t)p_low;
        }
    }
    for (size_t r = 0; r < nb; r++)
        rank[sorted[1][r].id] = r;
    uint64_t single[2] = {0, 0}, both = 0;
    for (size_t a = 0; a < na; a++)
        for (size_t k = 0; k < 2; k++) {
            single[k] += nb - sure[k][a];
            for (size_t r = low[k][a]; r < sure[k][a]; r++)
                single[k] += (uint64_t)pair_accepted(s, &h, a, sorted[k][r].id, 1u << k);
        }
    /* Both parties, sure pairs: a by rising alpha_0 (falling threshold) while b enter by falling b_0. */
    size_t inserted = nb;
    for (size_t j = 0; j < na; j++) {
        size_t a = order[0][j].id;
        while (inserted > sure[0][a])
            fenwick_add(tree, nb, rank[sorted[0][--inserted].id]);
        both += (nb - inserted) - fenwick_below(tree, sure[1][a]);
    }
    /* Both parties, the bands: each pair once, under the first party whose band holds it. */
    for (size_t a = 0; a < na; a++) {
        const double *al = &alpha[a * 2];
        for (size_t k = 0; k < 2; k++)
            for (size_t r = low[k][a]; r < sure[k][a]; r++) {
                size_t b = sorted[k][r].id, other = 1 - k;
                double bo = fb[b * 2 + other];
                if (bo < -eps - al[other])
                    continue; /* surely refused by the other party */
                if (k == 1 && bo >= -eps - al[0] && bo < eps - al[0])
                    continue; /* in the first party's band: counted there */
                both += (uint64_t)pair_accepted(s, &h, a, b, 3u);
            }
    }
    *c0 = single[0];
    *c1 = single[1];
    *c01 = both;
    rc = 0;
done:
    free(alpha);
    free(fa);
    free(fb);
    free(rank);
    free(tree);
    for (int k = 0; k < 2; k++) {
        free(sorted[k]);
        free(order[k]);
        free(sure[k]);
        free(low[k]);
    }
    return rc;
}

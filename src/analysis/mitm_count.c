/*
 * mitm_count.c: how many outcomes of an additive two-party space each party
 * accepts, and every set of them, by meet-in-the-middle instead of enumeration
 * (two or three parties).
 *
 * The free issues are split into two halves A and B of about sqrt(N) points
 * each (A also carries the given assignments of the fixed issues: the rows of
 * a constraint scope that share one set of broken red lines); a point is a
 * half's partial utility vector.  An outcome is a pair (a, b), accepted by
 * party k when a_k + b_k reaches its reservation.  For each party B is sorted
 * (radix sort) and A swept in order of its threshold, so each a learns the
 * first rank of B that surely clears it: counting then runs on integer ranks.
 * One party: a sum.  Two: 2-D dominance counting, a sweep inserting b into a
 * set of its ranks for the second party (exact_rankset.h: bits and a Fenwick
 * tree over blocks of them).  Three: 3-D dominance counting by divide and
 * conquer over the sweep (CDQ), a merge by the second party's rank and a set
 * of the third's.
 *
 * Streaming rounds the sum added in issue order; the halves add in another
 * order.  A pair is counted as accepted only when its sum clears the
 * threshold by a margin `eps` far wider than any rounding difference; the
 * pairs within the margin of a threshold (a band per a, from the same sweeps)
 * are evaluated one by one in issue order, exactly as streaming does.
 *
 * Threads (exact_space.threads): the parties' sorts and sweeps, then the sets
 * of parties, are tasks taken in turn by the workers, each with its own set;
 * the 3-D count splits its top levels over threads.  Every count is a sum of
 * integers made the same way whatever the thread count, so results are equal.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"

#include "analysis/analysis_internal.h"
#include "analysis/exact.h"
#include "analysis/exact_rankset.h"

#define HALF_LIMIT MITM_HALF_LIMIT

/* The two halves: free issues, sizes, and the rows of fixed values that half A carries. */
struct halves {
    size_t issues[2][64], count[2];
    uint64_t free_size[2], size[2];   /* size[0] = rows * free_size[0] */
    size_t rows, scoped, scoped_issue[64];
    const uint32_t *row_values;       /* [rows * scoped], or NULL: the values in s->fixed */
};

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

/* Partial sums of every party over the free issues of a half, by an odometer (stride n). */
static double *free_sums(const exact_space *s, const struct halves *h, int side)
{
    uint64_t size = h->free_size[side];
    size_t n = s->n;
    double *sums = exact_big_alloc((size + 1) * n * sizeof *sums);
    uint32_t values[64] = {0};
    if (!sums)
        return NULL;
    for (uint64_t p = 0; p < size; p++) {
        for (size_t k = 0; k < n; k++) {
            double sum = 0;
            for (size_t j = 0; j < h->count[side]; j++) {
                size_t i = h->issues[side][j];
                sum += s->tables[k * s->issues + i][values[i]];
            }
            sums[p * n + k] = sum;
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
    double u[MITM_MAX_PARTIES];
    row_values(s, h, a / h->free_size[0], values);
    decode(s, h, 0, a % h->free_size[0], values);
    decode(s, h, 1, b, values);
    exact_utilities(s, values, u);
    for (size_t k = 0; k < s->n; k++)
        if ((dims >> k & 1) && u[k] < s->reservation[k])
            return 0;
    return 1;
}

/* The state of one count: per party k, B by rank (sorted[k]), each b's rank, and each a's sure and band ranks. */
struct counting {
    const exact_space *s;
    const struct halves *h;
    size_t n, na, nb;
    struct exact_keyed *sorted[MITM_MAX_PARTIES], *order[MITM_MAX_PARTIES];
    uint32_t *rank[MITM_MAX_PARTIES]; /* [nb] */
    uint32_t *sure[MITM_MAX_PARTIES]; /* [na]: b clears a surely when rank >= sure */
    uint32_t *low[MITM_MAX_PARTIES];  /* [na]: b fails surely when rank < low; between: the band */
    uint64_t sure_pair[MITM_MAX_PARTIES][MITM_MAX_PARTIES]; /* [k1][k2], k1 < k2: pairs both surely accept */
    unsigned threads;
};

/* PARLEY_MITM_COUNT=direct or complement forces the formulation of the pair and triple counts (for tests). */
static int forced_formulation(void)
{
    const char *env = getenv("PARLEY_MITM_COUNT");
    if (env && strcmp(env, "direct") == 0)
        return 0;
    if (env && strcmp(env, "complement") == 0)
        return 1;
    return -1;
}

/*
 * Pairs surely accepted by parties k1 and k2.  Directly: a by falling sure
 * rank of k1, b inserted by falling rank of k1 into a set of k2's ranks,
 * each a counting the b at or above its sure rank of k2.  By complement (as
 * for three parties, below): na nb - the sums of both sure ranks + the pairs
 * both surely refuse (rank < sure for both), a by rising sure rank and b by
 * rising rank.  A query that counts nothing is skipped, and so is a point no
 * query can count; the formulation with fewer of them left is used.
 */
static uint64_t sure_pairs(const struct counting *c, size_t k1, size_t k2, exact_rankset *set)
{
    size_t na = c->na, nb = c->nb;
    const uint32_t *sure1 = c->sure[k1], *sure2 = c->sure[k2], *rank1 = c->rank[k1], *rank2 = c->rank[k2];
    uint64_t sums = 0, direct = 0, complement = 0;
    uint32_t min1 = (uint32_t)nb, min2 = (uint32_t)nb, max1 = 0, max2 = 0;
    for (size_t a = 0; a < na; a++) {
        uint32_t s1 = sure1[a], s2 = sure2[a];
        sums += (uint64_t)s1 + s2;
        if (s1 < nb && s2 < nb) {
            direct++;
            min1 = s1 < min1 ? s1 : min1;
            min2 = s2 < min2 ? s2 : min2;
        }
        if (s1 > 0 && s2 > 0) {
            complement++;
            max1 = s1 > max1 ? s1 : max1;
            max2 = s2 > max2 ? s2 : max2;
        }
    }
    for (size_t b = 0; b < nb; b++) {
        direct += rank1[b] >= min1 && rank2[b] >= min2;
        complement += rank1[b] < max1 && rank2[b] < max2;
    }
    int forced = forced_formulation();
    uint64_t total = 0;
    if (forced == 0 || (forced < 0 && direct <= complement)) {
        size_t inserted = nb;
        for (size_t j = 0; j < na; j++) {
            size_t a = c->order[k1][j].id;
            if (sure1[a] >= nb || sure2[a] >= nb)
                continue;
            while (inserted > sure1[a]) {
                uint32_t r2 = rank2[c->sorted[k1][--inserted].id];
                if (r2 >= min2)
                    exact_rankset_add(set, r2);
            }
            total += exact_rankset_from(set, sure2[a]);
        }
        exact_rankset_clear(set);
        return total;
    }
    size_t inserted = 0;
    for (size_t j = na; j-- > 0;) {
        size_t a = c->order[k1][j].id;
        if (sure1[a] == 0 || sure2[a] == 0)
            continue;
        while (inserted < sure1[a]) {
            uint32_t r2 = rank2[c->sorted[k1][inserted++].id];
            if (r2 < max2)
                exact_rankset_add(set, r2);
        }
        total += exact_rankset_below(set, sure2[a]);
    }
    exact_rankset_clear(set);
    /* modulo 2^64: the intermediate value may pass below zero, the count cannot */
    return (uint64_t)na * nb - sums + total;
}

/* CDQ events: a point b (query < 0) or a query a; x, y: ranks (points) or sure ranks (queries) of parties 1, 2. */
struct event {
    uint32_t x, y;
    int32_t query; /* a < MITM_HALF_LIMIT = 2^23 */
};

/*
 * Counts, for every query in ev[l, r), the points before it in the array with
 * x >= its x and y >= its y, into found[query]; on return ev[l, r) is sorted
 * by x descending.
 */
static void cdq_combine(struct event *ev, struct event *tmp, size_t l, size_t mid, size_t r, exact_rankset *set, uint64_t *found);

#define CDQ_LEAF 24 /* ranges this short are counted pair by pair */

static void cdq(struct event *ev, struct event *tmp, size_t l, size_t r, exact_rankset *set, uint64_t *found)
{
    if (r - l <= CDQ_LEAF) {
        for (size_t j = l + 1; j < r; j++) {
            if (ev[j].query < 0)
                continue;
            uint64_t count = 0;
            for (size_t i = l; i < j; i++)
                count += ev[i].query < 0 && ev[i].x >= ev[j].x && ev[i].y >= ev[j].y;
            found[ev[j].query] += count;
        }
        for (size_t j = l + 1; j < r; j++) { /* stable: by x descending, as the merge leaves it */
            struct event e = ev[j];
            size_t i = j;
            while (i > l && ev[i - 1].x < e.x) {
                ev[i] = ev[i - 1];
                i--;
            }
            ev[i] = e;
        }
        return;
    }
    size_t mid = l + (r - l) / 2;
    cdq(ev, tmp, l, mid, set, found);
    cdq(ev, tmp, mid, r, set, found);
    cdq_combine(ev, tmp, l, mid, r, set, found);
}

/* The points of the sorted left half [l, mid) counted for the queries of the sorted right half, then merged. */
static void cdq_combine(struct event *ev, struct event *tmp, size_t l, size_t mid, size_t r, exact_rankset *set, uint64_t *found)
{
    size_t i = l, j = mid, t = l;
    while (j < r) {
        while (i < mid && ev[i].x >= ev[j].x) {
            if (ev[i].query < 0)
                exact_rankset_add(set, ev[i].y);
            tmp[t++] = ev[i++];
        }
        if (ev[j].query >= 0)
            found[ev[j].query] += exact_rankset_from(set, ev[j].y);
        tmp[t++] = ev[j++];
    }
    for (size_t q = l; q < i; q++)
        if (ev[q].query < 0)
            exact_rankset_remove(set, ev[q].y);
    while (i < mid)
        tmp[t++] = ev[i++];
    memcpy(&ev[l], &tmp[l], (r - l) * sizeof *ev);
}

struct cdq_half {
    struct event *ev, *tmp;
    size_t l, r, m;
    uint64_t *found;
    unsigned threads;
    int failed;
};

static void cdq_threads(struct cdq_half *h, exact_rankset *set);

static void *cdq_thread(void *arg)
{
    struct cdq_half *h = arg;
    exact_rankset set;
    if (exact_rankset_init(&set, h->m) != 0)
        h->failed = 1;
    else
        cdq_threads(h, &set);
    exact_rankset_free(&set);
    return NULL;
}

/* cdq on h's range with up to h->threads threads: the left half on a new thread while this one does the right. */
static void cdq_threads(struct cdq_half *h, exact_rankset *set)
{
    if (h->threads < 2 || h->r - h->l < ((size_t)1 << 16)) {
        cdq(h->ev, h->tmp, h->l, h->r, set, h->found);
        return;
    }
    size_t mid = h->l + (h->r - h->l) / 2;
    struct cdq_half left = {h->ev, h->tmp, h->l, mid, h->m, h->found, h->threads / 2, 0};
    struct cdq_half right = {h->ev, h->tmp, mid, h->r, h->m, h->found, h->threads - h->threads / 2, 0};
    pthread_t thread;
    int started = pthread_create(&thread, NULL, cdq_thread, &left) == 0;
    cdq_threads(&right, set);
    if (started)
        pthread_join(thread, NULL);
    else
        cdq_thread(&left);
    h->failed |= left.failed | right.failed;
    cdq_combine(h->ev, h->tmp, h->l, mid, h->r, set, h->found);
}

/*
 * Pairs surely accepted by all three parties.  Counted directly, they are the
 * pairs whose point b has rank_k(b) >= sure_k(a) for k = 0, 1, 2: 3-D
 * dominance.  By inclusion-exclusion over the parties, the same total is
 *   sum over pairs of parties {k, j} of the pairs both surely accept
 *   + sum over a of (sure_0(a) + sure_1(a) + sure_2(a)) - 2 na nb
 *   - the pairs surely refused by all three (rank_k(b) < sure_k(a) for every k),
 * and when most outcomes are accepted that last count has far fewer queries
 * and points that can matter: the complement.  Either count is 3-D dominance
 * over coordinates x_k(b) >= q_k(a): directly x = rank, q = sure; in the
 * complement x = nb - 1 - rank, q = nb - sure.  A query with some q_k = nb
 * counts nothing and is left out, so is a point below the smallest q_k of the
 * queries kept in some dimension; the formulation with fewer events is used
 * (PARLEY_MITM_COUNT=direct or complement forces one, for tests).
 */
static uint32_t point_x(const struct counting *c, int complement, size_t k, size_t b)
{
    uint32_t r = c->rank[k][b];
    return complement ? (uint32_t)(c->nb - 1 - r) : r;
}

static uint32_t query_q(const struct counting *c, int complement, size_t k, size_t a)
{
    uint32_t s = c->sure[k][a];
    return complement ? (uint32_t)(c->nb - s) : s;
}

/* The queries and points one formulation keeps (keep_a, keep_b may be NULL: only counted); the event count. */
static size_t triple_events(const struct counting *c, int complement, unsigned char *keep_a, unsigned char *keep_b)
{
    size_t kept = 0;
    uint32_t lowest[3] = {UINT32_MAX, UINT32_MAX, UINT32_MAX};
    for (size_t a = 0; a < c->na; a++) {
        uint32_t q[3];
        int useful = 1;
        for (size_t k = 0; k < 3; k++) {
            q[k] = query_q(c, complement, k, a);
            useful &= q[k] < c->nb;
        }
        if (keep_a)
            keep_a[a] = (unsigned char)useful;
        if (!useful)
            continue;
        kept++;
        for (size_t k = 0; k < 3; k++)
            lowest[k] = q[k] < lowest[k] ? q[k] : lowest[k];
    }
    for (size_t b = 0; b < c->nb; b++) {
        int useful = 1;
        for (size_t k = 0; k < 3; k++)
            useful &= point_x(c, complement, k, b) >= lowest[k];
        if (keep_b)
            keep_b[b] = (unsigned char)useful;
        kept += (size_t)useful;
    }
    return kept;
}

static int complement_wanted(const struct counting *c)
{
    int forced = forced_formulation();
    if (forced >= 0)
        return forced;
    return triple_events(c, 1, NULL, NULL) < triple_events(c, 0, NULL, NULL);
}

/* The 3-D dominance total of one formulation: events by x_0 descending (points first), then CDQ. */
static int dominance3(const struct counting *c, int complement, uint64_t *total, exact_rankset *set, unsigned threads)
{
    size_t na = c->na, nb = c->nb, m = na + nb;
    struct event *ev = exact_big_alloc((m + 1) * sizeof *ev), *tmp = exact_big_alloc((m + 1) * sizeof *tmp);
    uint64_t *found = calloc(na + 1, sizeof *found);
    size_t *start = calloc(nb + 2, sizeof *start), *fill = calloc(nb + 2, sizeof *fill);
    uint32_t *by_q = exact_big_alloc((na + 1) * sizeof *by_q), *point_at = exact_big_alloc((nb + 1) * sizeof *point_at);
    unsigned char *keep_a = malloc(na + 1), *keep_b = malloc(nb + 1);
    int rc = -1;
    if (!ev || !tmp || !found || !start || !fill || !by_q || !point_at || !keep_a || !keep_b)
        goto done;
    triple_events(c, complement, keep_a, keep_b);
    /* the kept queries bucketed by q_0 (0..nb - 1), walked from nb - 1 down, each after the point of that x_0 */
    for (size_t a = 0; a < na; a++)
        if (keep_a[a])
            start[query_q(c, complement, 0, a) + 1]++;
    for (size_t v = 1; v <= nb + 1; v++)
        start[v] += start[v - 1];
    for (size_t a = 0; a < na; a++)
        if (keep_a[a]) {
            uint32_t q = query_q(c, complement, 0, a);
            by_q[start[q] + fill[q]++] = (uint32_t)a;
        }
    for (size_t b = 0; b < nb; b++)
        point_at[point_x(c, complement, 0, b)] = (uint32_t)b;
    size_t e = 0;
    for (size_t v = nb; v-- > 0;) {
        size_t b = point_at[v];
        if (keep_b[b])
            ev[e++] = (struct event){point_x(c, complement, 1, b), point_x(c, complement, 2, b), -1};
        for (size_t q = start[v]; q < start[v + 1]; q++) {
            size_t a = by_q[q];
            ev[e++] = (struct event){query_q(c, complement, 1, a), query_q(c, complement, 2, a), (int32_t)a};
        }
    }
    struct cdq_half all = {ev, tmp, 0, e, nb, found, threads, 0};
    cdq_threads(&all, set);
    if (all.failed)
        goto done;
    *total = 0;
    for (size_t a = 0; a < na; a++)
        *total += found[a];
    rc = 0;
done:
    free(ev);
    free(tmp);
    free(found);
    free(start);
    free(fill);
    free(by_q);
    free(point_at);
    free(keep_a);
    free(keep_b);
    return rc;
}

/* Pairs surely accepted by all three parties (the pair counts c->sure_pair are made before). */
static int sure_triples(const struct counting *c, uint64_t *total, exact_rankset *set, unsigned threads)
{
    int complement = complement_wanted(c);
    uint64_t dominated;
    if (dominance3(c, complement, &dominated, set, threads) != 0)
        return -1;
    if (!complement) {
        *total = dominated;
        return 0;
    }
    /* unsigned arithmetic modulo 2^64: the intermediate sums may pass below zero, the result cannot */
    uint64_t sum = c->sure_pair[0][1] + c->sure_pair[0][2] + c->sure_pair[1][2];
    for (size_t a = 0; a < c->na; a++)
        sum += (uint64_t)c->sure[0][a] + c->sure[1][a] + c->sure[2][a];
    *total = sum - 2 * (uint64_t)c->na * c->nb - dominated;
    return 0;
}

/* The band pairs of the parties in `dims`: each once, under the first party whose band holds it; exact checks. */
static uint64_t band_pairs(const struct counting *c, unsigned dims)
{
    uint64_t total = 0;
    for (size_t a = 0; a < c->na; a++)
        for (size_t k = 0; k < c->n; k++) {
            if (!(dims >> k & 1))
                continue;
            for (size_t r = c->low[k][a]; r < c->sure[k][a]; r++) {
                size_t b = c->sorted[k][r].id;
                int skip = 0;
                for (size_t j = 0; j < c->n && !skip; j++) {
                    if (j == k || !(dims >> j & 1))
                        continue;
                    uint32_t rj = c->rank[j][b];
                    skip = rj < c->low[j][a] || (j < k && rj < c->sure[j][a]);
                }
                if (!skip)
                    total += (uint64_t)pair_accepted(c->s, c->h, a, b, dims);
            }
        }
    return total;
}

/* The work of one count, as tasks the workers take in turn: first one per party, then one per set of parties. */
struct tasks {
    struct counting *c;
    const double *alpha, *fb;
    double eps;
    int sets;         /* 0: the parties' sorts and sweeps; 1: the sets of parties */
    size_t count;     /* tasks of this phase */
    unsigned dims[1u << MITM_MAX_PARTIES]; /* the sets of parties, most parties first */
    uint64_t *accepting;
    atomic_size_t next;
    atomic_int failed;
};

/* Party k: B sorted by its sum, A by alpha; one sweep gives each a its sure and band ranks of B. */
static int party_ranks(const struct tasks *T, size_t k, void *scratch)
{
    struct counting *c = T->c;
    size_t n = c->n, na = c->na, nb = c->nb;
    for (size_t b = 0; b < nb; b++)
        c->sorted[k][b] = (struct exact_keyed){T->fb[b * n + k], (uint32_t)b};
    for (size_t a = 0; a < na; a++)
        c->order[k][a] = (struct exact_keyed){T->alpha[a * n + k], (uint32_t)a};
    if (exact_radix_sort(c->sorted[k], nb, scratch) != 0 || exact_radix_sort(c->order[k], na, scratch) != 0)
        return -1;
    for (size_t r = 0; r < nb; r++)
        c->rank[k][c->sorted[k][r].id] = (uint32_t)r;
    size_t p_sure = nb, p_low = nb;
    for (size_t j = 0; j < na; j++) { /* alpha ascending: thresholds descending */
        size_t a = c->order[k][j].id;
        double al = c->order[k][j].key;
        while (p_sure > 0 && c->sorted[k][p_sure - 1].key >= T->eps - al)
            p_sure--;
        while (p_low > 0 && c->sorted[k][p_low - 1].key >= -T->eps - al)
            p_low--;
        c->sure[k][a] = (uint32_t)p_sure;
        c->low[k][a] = (uint32_t)p_low;
    }
    return 0;
}

/* Outcomes every party in `dims` accepts: the sure pairs by dominance counting, then the band. */
static int count_set(struct counting *c, unsigned dims, exact_rankset *set, uint64_t *count)
{
    size_t parties[MITM_MAX_PARTIES], m = 0;
    for (size_t k = 0; k < c->n; k++)
        if (dims >> k & 1)
            parties[m++] = k;
    uint64_t sure = 0;
    if (m == 1)
        for (size_t a = 0; a < c->na; a++)
            sure += c->nb - c->sure[parties[0]][a];
    else if (m == 2)
        sure = c->sure_pair[parties[0]][parties[1]] = sure_pairs(c, parties[0], parties[1], set);
    else if (sure_triples(c, &sure, set, c->threads) != 0)
        return -1;
    *count = sure + band_pairs(c, dims);
    return 0;
}

static void task_work(void *ctx, unsigned worker, unsigned workers)
{
    struct tasks *T = ctx;
    (void)worker;
    (void)workers;
    /* sets: a set of ranks; parties: the radix sorts' scratch, one per worker */
    size_t larger = T->c->na > T->c->nb ? T->c->na : T->c->nb;
    exact_rankset set = {0};
    void *scratch = NULL;
    if (T->sets ? exact_rankset_init(&set, T->c->nb) != 0 : !(scratch = exact_big_alloc(exact_radix_scratch(larger))))
        atomic_store(&T->failed, 1);
    for (size_t t; !atomic_load(&T->failed) && (t = atomic_fetch_add(&T->next, 1)) < T->count;) {
        int rc = T->sets ? count_set(T->c, T->dims[t], &set, &T->accepting[T->dims[t]]) : party_ranks(T, t, scratch);
        if (rc != 0)
            atomic_store(&T->failed, 1);
    }
    exact_rankset_free(&set);
    free(scratch);
}

/* Runs the tasks of one phase on up to `threads` workers; 0 or -1. */
static int run_tasks(struct tasks *T, int sets, size_t count, unsigned threads)
{
    T->sets = sets;
    T->count = count;
    atomic_store(&T->next, 0);
    parley_parallel_run(threads < count ? threads : (unsigned)count, task_work, T);
    return atomic_load(&T->failed) ? -1 : 0;
}

int mitm_count(const exact_space *s, const uint32_t *rows, size_t row_count, uint64_t *accepting)
{
    struct halves h;
    memset(&h, 0, sizeof h);
    size_t n = s->n;
    if (n < 1 || n > MITM_MAX_PARTIES || s->issues > 64)
        return -1;
    split(s, rows ? row_count : 1, &h);
    h.row_values = rows;
    if (h.size[0] > HALF_LIMIT || h.size[1] > HALF_LIMIT)
        return -1;
    struct counting c;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.h = &h;
    c.n = n;
    c.na = h.size[0];
    c.nb = h.size[1];
    c.threads = s->threads ? s->threads : 1;
    size_t na = c.na, nb = c.nb;
    int rc = -1;
    double *fa = free_sums(s, &h, 0), *fb = free_sums(s, &h, 1);
    /* one row: alpha overwrites fa in place (each entry read once, where it is written) */
    double *alpha = h.rows == 1 ? fa : exact_big_alloc((na + 1) * n * sizeof *alpha);
    int bad = !alpha || !fa || !fb;
    for (size_t k = 0; k < n; k++) {
        c.sorted[k] = exact_big_alloc((nb + 1) * sizeof *c.sorted[k]);
        c.order[k] = exact_big_alloc((na + 1) * sizeof *c.order[k]);
        c.rank[k] = exact_big_alloc((nb + 1) * sizeof *c.rank[k]);
        c.sure[k] = exact_big_alloc((na + 1) * sizeof *c.sure[k]);
        c.low[k] = exact_big_alloc((na + 1) * sizeof *c.low[k]);
        bad |= !c.sorted[k] || !c.order[k] || !c.rank[k] || !c.sure[k] || !c.low[k];
    }
    if (bad)
        goto done;
    /* alpha_k(a) = row + a_k - threshold_k; party k accepts (a, b) when alpha_k(a) + b_k >= 0. */
    uint32_t values[64] = {0};
    for (size_t r = 0; r < h.rows; r++) {
        row_values(s, &h, r, values);
        double fixed[MITM_MAX_PARTIES] = {0};
        for (size_t k = 0; k < n; k++)
            for (size_t j = 0; j < h.scoped; j++)
                fixed[k] += s->tables[k * s->issues + h.scoped_issue[j]][values[h.scoped_issue[j]]];
        for (size_t p = 0; p < h.free_size[0]; p++)
            for (size_t k = 0; k < n; k++)
                alpha[(r * h.free_size[0] + p) * n + k] = (fixed[k] + fa[p * n + k]) - (s->reservation[k] - 0x1p-33);
    }
    struct tasks T = {.c = &c, .alpha = alpha, .fb = fb, .accepting = accepting};
    T.eps = (double)(s->issues + 8) * exact_magnitude(s) * 0x1p-48;
    atomic_init(&T.next, 0);
    atomic_init(&T.failed, 0);
    size_t sets = 0;
    for (size_t m = n < 2 ? n : 2; m >= 1; m--) /* the costliest sets first */
        for (unsigned dims = 1; dims < 1u << n; dims++)
            if ((size_t)__builtin_popcount(dims) == m)
                T.dims[sets++] = dims;
    if (run_tasks(&T, 0, n, c.threads) != 0 || run_tasks(&T, 1, sets, c.threads) != 0)
        goto done;
    /* three parties: the triple count uses the pairs' (sure_triples), so it comes last */
    T.dims[0] = 7;
    if (n == 3 && run_tasks(&T, 1, 1, c.threads) != 0)
        goto done;
    accepting[0] = (uint64_t)na * nb;
    rc = 0;
done:
    if (alpha != fa)
        free(alpha);
    free(fa);
    free(fb);
    for (size_t k = 0; k < n; k++) {
        free(c.sorted[k]);
        free(c.order[k]);
        free(c.rank[k]);
        free(c.sure[k]);
        free(c.low[k]);
    }
    return rc;
}

/*
 * exact_triples.c: the pairs (a, b) of a meet-in-the-middle count that all
 * three parties surely accept (mitm_count.c makes the ranks and the pair
 * counts).  Counted directly, they are the pairs whose point b has
 * rank_k(b) >= sure_k(a) for k = 0, 1, 2: 3-D dominance.  By
 * inclusion-exclusion over the parties, the same total is
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
 *
 * The count: events (points and queries) by x_0 descending, points before
 * queries, then divide and conquer over that order (CDQ): each half sorted by
 * x_1 descending, the points of the left half inserted into a set of their
 * x_2 (exact_rankset.h) as a merge meets them, each query of the right half
 * counting the members at or above its q_2.  An event is one 8-byte word
 * (x_1, x_2, whether a query), and the memory is the block the parties' sorts
 * used before (c->work): no page is touched for the first time here.
 */
#include <pthread.h>
#include <string.h>

#include "analysis/exact_count.h"
#include "analysis/exact_rankset.h"

/* An event: x_1 in bits 40.., x_2 in bits 1..23, bit 0 set for a query (coordinates < 2^23). */
#define EVENT(x, y, query) ((uint64_t)(x) << 40 | (uint64_t)(y) << 1 | (uint64_t)(query))
#define EVENT_X(e) ((e) >> 40)
#define EVENT_Y(e) ((size_t)((e) >> 1 & 0x7fffff))
#define EVENT_QUERY(e) ((e)&1)

/*
 * Adds to *found, for every query in ev[l, r), the points before it in the
 * array with x >= its x and y >= its y; on return ev[l, r) is sorted by x
 * descending.
 */
static void cdq_combine(uint64_t *ev, uint64_t *tmp, size_t l, size_t mid, size_t r, exact_rankset *set,
                        uint64_t *found);

#define CDQ_LEAF 24 /* ranges this short are counted pair by pair */

static void cdq(uint64_t *ev, uint64_t *tmp, size_t l, size_t r, exact_rankset *set, uint64_t *found)
{
    if (r - l <= CDQ_LEAF) {
        for (size_t j = l + 1; j < r; j++) {
            if (!EVENT_QUERY(ev[j]))
                continue;
            uint64_t x = EVENT_X(ev[j]), y = EVENT_Y(ev[j]), count = 0;
            for (size_t i = l; i < j; i++)
                count += !EVENT_QUERY(ev[i]) && EVENT_X(ev[i]) >= x && EVENT_Y(ev[i]) >= y;
            *found += count;
        }
        for (size_t j = l + 1; j < r; j++) { /* by x descending, as the merge leaves it */
            uint64_t e = ev[j];
            size_t i = j;
            while (i > l && EVENT_X(ev[i - 1]) < EVENT_X(e)) {
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
static void cdq_combine(uint64_t *ev, uint64_t *tmp, size_t l, size_t mid, size_t r, exact_rankset *set,
                        uint64_t *found)
{
    size_t i = l, j = mid, t = l;
    while (j < r) {
        uint64_t x = EVENT_X(ev[j]);
        while (i < mid && EVENT_X(ev[i]) >= x) {
            if (!EVENT_QUERY(ev[i]))
                exact_rankset_add(set, EVENT_Y(ev[i]));
            tmp[t++] = ev[i++];
        }
        if (EVENT_QUERY(ev[j]))
            *found += exact_rankset_from(set, EVENT_Y(ev[j]));
        tmp[t++] = ev[j++];
    }
    for (size_t q = l; q < i; q++)
        if (!EVENT_QUERY(ev[q]))
            exact_rankset_remove(set, EVENT_Y(ev[q]));
    while (i < mid)
        tmp[t++] = ev[i++];
    memcpy(&ev[l], &tmp[l], (r - l) * sizeof *ev);
}

struct cdq_half {
    uint64_t *ev, *tmp;
    size_t l, r, m;
    uint64_t found; /* the half's own sum: integer sums are the same in any grouping */
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
        cdq(h->ev, h->tmp, h->l, h->r, set, &h->found);
        return;
    }
    size_t mid = h->l + (h->r - h->l) / 2;
    struct cdq_half left = {h->ev, h->tmp, h->l, mid, h->m, 0, h->threads / 2, 0};
    struct cdq_half right = {h->ev, h->tmp, mid, h->r, h->m, 0, h->threads - h->threads / 2, 0};
    pthread_t thread;
    int started = pthread_create(&thread, NULL, cdq_thread, &left) == 0;
    cdq_threads(&right, set);
    if (started)
        pthread_join(thread, NULL);
    else
        cdq_thread(&left);
    h->failed |= left.failed | right.failed;
    h->found += left.found + right.found;
    cdq_combine(h->ev, h->tmp, h->l, mid, h->r, set, &h->found);
}

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

/* One formulation's pass over the points of A (queries) or B, a chunk per worker (exact_chunked_sum). */
struct keeping {
    const struct counting *c;
    int complement;
    unsigned char *keep_a, *keep_b;                /* NULL: only counted */
    uint32_t lowest[EXACT_MAX_CHUNKS][3], low[3]; /* each chunk's smallest q_k of the queries kept, then all's */
};

/* The queries of A in [from, to) that can count something (every q_k < nb); their number. */
static uint64_t keep_queries(void *ctx, unsigned chunk, size_t from, size_t to)
{
    struct keeping *K = ctx;
    const struct counting *c = K->c;
    uint64_t kept = 0;
    uint32_t *lowest = K->lowest[chunk];
    lowest[0] = lowest[1] = lowest[2] = UINT32_MAX;
    for (size_t a = from; a < to; a++) {
        uint32_t q[3];
        int useful = 1;
        for (size_t k = 0; k < 3; k++) {
            q[k] = query_q(c, K->complement, k, a);
            useful &= q[k] < c->nb;
        }
        if (K->keep_a)
            K->keep_a[a] = (unsigned char)useful;
        if (!useful)
            continue;
        kept++;
        for (size_t k = 0; k < 3; k++)
            lowest[k] = q[k] < lowest[k] ? q[k] : lowest[k];
    }
    return kept;
}

/* The points of B in [from, to) some kept query can count (x_k >= the smallest q_k for every k); their number. */
static uint64_t keep_points(void *ctx, unsigned chunk, size_t from, size_t to)
{
    struct keeping *K = ctx;
    (void)chunk;
    uint64_t kept = 0;
    for (size_t b = from; b < to; b++) {
        int useful = 1;
        for (size_t k = 0; k < 3; k++)
            useful &= point_x(K->c, K->complement, k, b) >= K->low[k];
        if (K->keep_b)
            K->keep_b[b] = (unsigned char)useful;
        kept += (uint64_t)useful;
    }
    return kept;
}

/* The queries and points one formulation keeps (keep_a, keep_b may be NULL: only counted); the event count. */
static size_t triple_events(const struct counting *c, int complement, unsigned char *keep_a, unsigned char *keep_b)
{
    struct keeping K = {.c = c, .complement = complement, .keep_a = keep_a, .keep_b = keep_b};
    for (unsigned w = 0; w < EXACT_MAX_CHUNKS; w++) /* chunks that do not run keep no query */
        K.lowest[w][0] = K.lowest[w][1] = K.lowest[w][2] = UINT32_MAX;
    uint64_t kept = exact_chunked_sum(c, c->na, keep_queries, &K);
    for (size_t k = 0; k < 3; k++) {
        K.low[k] = UINT32_MAX;
        for (unsigned w = 0; w < EXACT_MAX_CHUNKS; w++)
            K.low[k] = K.lowest[w][k] < K.low[k] ? K.lowest[w][k] : K.low[k];
    }
    return (size_t)(kept + exact_chunked_sum(c, c->nb, keep_points, &K));
}

static int complement_wanted(const struct counting *c)
{
    int forced = exact_forced_formulation();
    if (forced >= 0)
        return forced;
    return triple_events(c, 1, NULL, NULL) < triple_events(c, 0, NULL, NULL);
}

size_t exact_triples_work(size_t na, size_t nb)
{
    return 2 * (na + nb + 1) * sizeof(uint64_t) + (nb + 2 + na + 1) * sizeof(uint32_t) + na + nb + 64;
}

/* The 3-D dominance total of one formulation: events by x_0 descending (points first), then CDQ. */
static int dominance3(const struct counting *c, int complement, uint64_t *total)
{
    size_t na = c->na, nb = c->nb, events = na + nb + 1;
    if (!c->work || c->work_bytes < exact_triples_work(na, nb))
        return -1;
    uint64_t *ev = c->work, *tmp = ev + events;
    uint32_t *start = (uint32_t *)(tmp + events), *by_q = start + nb + 2;
    unsigned char *keep_a = (unsigned char *)(by_q + na + 1), *keep_b = keep_a + na;
    triple_events(c, complement, keep_a, keep_b);
    /* the kept queries by q_0 (counting sort): bucket v is [start[v - 1], start[v]) once they are placed */
    memset(start, 0, (nb + 2) * sizeof *start);
    for (size_t a = 0; a < na; a++)
        if (keep_a[a])
            start[query_q(c, complement, 0, a) + 1]++;
    for (size_t v = 1; v <= nb + 1; v++)
        start[v] += start[v - 1];
    for (size_t a = 0; a < na; a++)
        if (keep_a[a])
            by_q[start[query_q(c, complement, 0, a)]++] = (uint32_t)a;
    /* x_0 from nb - 1 down: the point of that x_0 (the b of rank x_0, or of nb - 1 - x_0 in the complement), then
       the queries of that q_0 */
    size_t e = 0;
    for (size_t v = nb; v-- > 0;) {
        size_t b = c->by_rank[0][complement ? nb - 1 - v : v];
        if (keep_b[b])
            ev[e++] = EVENT(point_x(c, complement, 1, b), point_x(c, complement, 2, b), 0);
        for (size_t q = v ? start[v - 1] : 0; q < start[v]; q++) {
            size_t a = by_q[q];
            ev[e++] = EVENT(query_q(c, complement, 1, a), query_q(c, complement, 2, a), 1);
        }
    }
    exact_rankset set;
    struct cdq_half all = {ev, tmp, 0, e, nb, 0, c->threads, 0};
    if (exact_rankset_init(&set, nb) != 0)
        all.failed = 1;
    else
        cdq_threads(&all, &set);
    exact_rankset_free(&set);
    *total = all.found;
    return all.failed ? -1 : 0;
}

int exact_triples_dominated(struct counting *c)
{
    c->triple_complement = complement_wanted(c);
    return dominance3(c, c->triple_complement, &c->triple_dominated);
}

uint64_t exact_sure_triples(const struct counting *c)
{
    if (!c->triple_complement)
        return c->triple_dominated;
    /* unsigned arithmetic modulo 2^64: the intermediate sums may pass below zero, the result cannot */
    uint64_t sum = c->sure_pair[0][1] + c->sure_pair[0][2] + c->sure_pair[1][2];
    for (size_t a = 0; a < c->na; a++)
        sum += (uint64_t)c->sure[0][a] + c->sure[1][a] + c->sure[2][a];
    return sum - 2 * (uint64_t)c->na * c->nb - c->triple_dominated;
}

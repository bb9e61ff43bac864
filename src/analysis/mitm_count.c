/*
 * mitm_count.c: how many outcomes of an additive two-party space each party
 * accepts, and every set of them, by meet-in-the-middle instead of enumeration
 * (two or three parties).
 *
 * The free issues are split into two halves A and B of about sqrt(N) points
 * each (A also carries the given assignments of the fixed issues: the rows of
 * a constraint scope that share one set of broken red lines); a point is a
 * half's partial utility vector.  An outcome is a pair (a, b), accepted by
 * party k when a_k + b_k reaches its reservation.  For each party both halves
 * are sorted (exact_sort_positions: 8-byte entries) and A swept in order of
 * its threshold, so each a learns the first rank of B that surely clears it:
 * counting then runs on integer ranks.
 * One party: a sum.  Two: 2-D dominance counting, a sweep inserting b into a
 * set of its ranks for the second party (exact_rankset.h: bits and a Fenwick
 * tree over blocks of them).  Three: 3-D dominance counting by divide and
 * conquer over the sweep (CDQ), a merge by the second party's rank and a set
 * of the third's (exact_triples.c).  The memory is one block, touched once.
 *
 * Streaming rounds the sum added in issue order; the halves add in another
 * order.  A pair is counted as accepted only when its sum clears the
 * threshold by a margin `eps` far wider than any rounding difference; the
 * pairs within the margin of a threshold (a band per a, from the same sweeps)
 * are evaluated one by one in issue order, exactly as streaming does.
 *
 * Threads (exact_space.threads): the parties' sorts and sweeps, then the sets
 * of parties (the triple's 3-D count beside the pairs'), are tasks taken in
 * turn by the workers, each with its own set; the 3-D count splits its top
 * levels over threads, and its passes over the
 * points and its band are split into chunks of A, one per worker
 * (exact_chunked_sum).  Every count is a sum of integers, so results are equal
 * whatever the thread count.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"

#include "analysis/analysis_internal.h"
#include "analysis/exact.h"
#include "analysis/exact_count.h"
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

/* Party k's partial sums over the free issues of a half, by an odometer, into sums[free_size[side]]. */
static void half_sums(const exact_space *s, const struct halves *h, int side, size_t k, double *sums)
{
    uint32_t values[64] = {0};
    const size_t count = h->count[side], *issues = h->issues[side];
    double *const *tables = s->tables + k * s->issues;
    for (uint64_t p = 0; p < h->free_size[side]; p++) {
        double sum = 0;
        for (size_t j = 0; j < count; j++)
            sum += tables[issues[j]][values[issues[j]]];
        sums[p] = sum;
        for (size_t j = count; j-- > 0;) {
            size_t i = issues[j];
            if (++values[i] < s->counts[i])
                break;
            values[i] = 0;
        }
    }
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

/* PARLEY_MITM_COUNT=direct or complement forces the formulation of the pair and triple counts (for tests). */
int exact_forced_formulation(void)
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
    int forced = exact_forced_formulation();
    uint64_t total = 0;
    if (forced == 0 || (forced < 0 && direct <= complement)) {
        size_t inserted = nb;
        for (size_t j = 0; j < na; j++) {
            size_t a = c->order[k1][j];
            if (sure1[a] >= nb || sure2[a] >= nb)
                continue;
            while (inserted > sure1[a]) {
                uint32_t r2 = rank2[c->by_rank[k1][--inserted]];
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
        size_t a = c->order[k1][j];
        if (sure1[a] == 0 || sure2[a] == 0)
            continue;
        while (inserted < sure1[a]) {
            uint32_t r2 = rank2[c->by_rank[k1][inserted++]];
            if (r2 < max2)
                exact_rankset_add(set, r2);
        }
        total += exact_rankset_below(set, sure2[a]);
    }
    exact_rankset_clear(set);
    /* modulo 2^64: the intermediate value may pass below zero, the count cannot */
    return (uint64_t)na * nb - sums + total;
}

/* The band pairs of the parties in `dims` for a in [from, to): each once, under the first party whose band holds
   it; exact checks. */
static uint64_t band_pairs(const struct counting *c, unsigned dims, size_t from, size_t to)
{
    uint64_t total = 0;
    for (size_t a = from; a < to; a++)
        for (size_t k = 0; k < c->n; k++) {
            if (!(dims >> k & 1))
                continue;
            for (size_t r = c->low[k][a]; r < c->sure[k][a]; r++) {
                size_t b = c->by_rank[k][r];
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

struct band_chunks {
    const struct counting *c;
    unsigned dims;
};

static uint64_t band_chunk(void *ctx, unsigned chunk, size_t from, size_t to)
{
    const struct band_chunks *b = ctx;
    (void)chunk;
    return band_pairs(b->c, b->dims, from, to);
}

void exact_note_threads(const struct counting *c, unsigned threads)
{
    unsigned *used = c->s->threads_used, seen;
    if (!used)
        return;
    seen = __atomic_load_n(used, __ATOMIC_RELAXED); /* the triple's task notes while the main thread waits */
    while (seen < threads && !__atomic_compare_exchange_n(used, &seen, threads, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        continue;
}

struct chunks {
    const struct counting *c;
    size_t count;
    unsigned workers;
    exact_chunk_fn fn;
    void *ctx;
    uint64_t part[EXACT_MAX_CHUNKS];
};

static void chunk_work(void *ctx, unsigned worker, unsigned workers)
{
    struct chunks *ch = ctx;
    size_t from = ch->count * worker / workers, to = ch->count * (worker + 1) / workers;
    ch->part[worker] = ch->fn(ch->ctx, worker, from, to);
}

#define CHUNK_MIN 256 /* fewer points than this per worker: not worth a thread */

uint64_t exact_chunked_sum(const struct counting *c, size_t count, exact_chunk_fn fn, void *ctx)
{
    struct chunks ch = {c, count, c->threads, fn, ctx, {0}};
    if (ch.workers > EXACT_MAX_CHUNKS)
        ch.workers = EXACT_MAX_CHUNKS;
    if (ch.workers > count / CHUNK_MIN)
        ch.workers = count / CHUNK_MIN ? (unsigned)(count / CHUNK_MIN) : 1;
    parley_parallel_run(ch.workers, chunk_work, &ch);
    exact_note_threads(c, ch.workers);
    uint64_t total = 0;
    for (unsigned w = 0; w < ch.workers; w++)
        total += ch.part[w];
    return total;
}

/* The work of one count, as tasks the workers take in turn: first one per party, then one per set of parties. */
struct tasks {
    struct counting *c;
    double eps;
    int sets;         /* 0: the parties' sorts and sweeps; 1: the sets of parties */
    size_t count;     /* tasks of this phase */
    size_t words;     /* 8-byte words of each of a worker's four buffers */
    unsigned dims[1u << MITM_MAX_PARTIES]; /* the sets of parties, most parties first */
    uint64_t *accepting;
    atomic_size_t next;
    atomic_int failed;
};

/*
 * alpha_k(a) = row + a_k - threshold_k (party k accepts (a, b) when alpha_k(a)
 * + b_k >= 0), into alpha[na]: the free sums first, then each row's from the
 * last to the first (row 0 overwrites the free sums in place, each read where
 * it is written).
 */
static void party_alphas(const exact_space *s, const struct halves *h, size_t k, double *alpha)
{
    uint32_t values[64] = {0};
    size_t size = h->free_size[0];
    half_sums(s, h, 0, k, alpha);
    for (size_t r = h->rows; r-- > 0;) {
        row_values(s, h, r, values);
        double fixed = 0;
        for (size_t j = 0; j < h->scoped; j++)
            fixed += s->tables[k * s->issues + h->scoped_issue[j]][values[h->scoped_issue[j]]];
        for (size_t p = 0; p < size; p++)
            alpha[r * size + p] = (fixed + alpha[p]) - (s->reservation[k] - 0x1p-33);
    }
}

/*
 * Party k: A sorted by alpha, B by its sum; one sweep gives each a its sure
 * and band ranks of B.  work: four buffers of T->words 8-byte words (the sums
 * of a half, then the sorts' entries, which end as the sorted keys).
 */
static int party_ranks(const struct tasks *T, size_t k, uint64_t *work)
{
    struct counting *c = T->c;
    size_t na = c->na, nb = c->nb;
    double *sums = (double *)(void *)work;
    uint64_t *buffer[3] = {work + T->words, work + 2 * T->words, work + 3 * T->words};
    party_alphas(c->s, c->h, k, sums);
    const double *alpha = exact_sort_positions(sums, na, c->order[k], buffer[0], buffer[1]);
    if (!alpha)
        return -1;
    uint64_t *spare = (const void *)alpha == (void *)buffer[0] ? buffer[1] : buffer[0];
    half_sums(c->s, c->h, 1, k, sums);
    const double *key = exact_sort_positions(sums, nb, c->by_rank[k], spare, buffer[2]);
    if (!key)
        return -1;
    for (size_t r = 0; r < nb; r++)
        c->rank[k][c->by_rank[k][r]] = (uint32_t)r;
    size_t p_sure = nb, p_low = nb;
    for (size_t j = 0; j < na; j++) { /* alpha ascending: thresholds descending */
        size_t a = c->order[k][j];
        double al = alpha[j];
        while (p_sure > 0 && key[p_sure - 1] >= T->eps - al)
            p_sure--;
        while (p_low > 0 && key[p_low - 1] >= -T->eps - al)
            p_low--;
        c->sure[k][a] = (uint32_t)p_sure;
        c->low[k][a] = (uint32_t)p_low;
    }
    return 0;
}

/* Outcomes every party in `dims` accepts: the sure pairs by dominance counting, then the band (three parties: the
   band and the 3-D count only; mitm_count adds the sure triples after the pairs). */
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
    else if (exact_triples_dominated(c) != 0) /* the rest once the pairs are counted (mitm_count) */
        return -1;
    /* the triple's band runs alone (the other sets' bands run beside each other): split over the workers */
    struct band_chunks band = {c, dims};
    *count = sure + (m == 3 ? exact_chunked_sum(c, c->na, band_chunk, &band) : band_pairs(c, dims, 0, c->na));
    return 0;
}

static void task_work(void *ctx, unsigned worker, unsigned workers)
{
    struct tasks *T = ctx;
    (void)workers;
    /* sets: a set of ranks; parties: the worker's part of the shared block */
    exact_rankset set = {0};
    uint64_t *work = T->sets ? NULL : (uint64_t *)T->c->work + (size_t)worker * 4 * T->words;
    if (T->sets && exact_rankset_init(&set, T->c->nb) != 0)
        atomic_store(&T->failed, 1);
    for (size_t t; !atomic_load(&T->failed) && (t = atomic_fetch_add(&T->next, 1)) < T->count;) {
        int rc = T->sets ? count_set(T->c, T->dims[t], &set, &T->accepting[T->dims[t]]) : party_ranks(T, t, work);
        if (rc != 0)
            atomic_store(&T->failed, 1);
    }
    exact_rankset_free(&set);
}

/* Runs the tasks of one phase on up to `threads` workers; 0 or -1. */
static int run_tasks(struct tasks *T, int sets, size_t count, unsigned threads)
{
    T->sets = sets;
    T->count = count;
    atomic_store(&T->next, 0);
    unsigned workers = threads < count ? threads : (unsigned)count;
    parley_parallel_run(workers, task_work, T);
    exact_note_threads(T->c, workers);
    return atomic_load(&T->failed) ? -1 : 0;
}

void exact_memory_free(exact_memory *memory)
{
    free(memory->block);
    memory->block = NULL;
    memory->bytes = 0;
}

int mitm_count(const exact_space *s, const uint32_t *rows, size_t row_count, uint64_t *accepting,
               exact_memory *memory)
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
    struct tasks T = {.c = &c, .accepting = accepting};
    T.eps = (double)(s->issues + 8) * exact_magnitude(s) * 0x1p-48;
    T.words = (na > nb ? na : nb) + 1;
    atomic_init(&T.next, 0);
    atomic_init(&T.failed, 0);
    int rc = -1;
    /* One block for the workers' sorts, reused by the 3-D count: memory is paid for when first touched. */
    unsigned sorting = c.threads < n ? c.threads : (unsigned)n;
    c.work_bytes = (size_t)sorting * 4 * T.words * sizeof(uint64_t);
    if (n == 3 && c.work_bytes < exact_triples_work(na, nb))
        c.work_bytes = exact_triples_work(na, nb);
    /* the parties' arrays, then the work, in one block (huge pages are asked for on large blocks only), kept in
       *memory for the next call */
    size_t array_words = (n * (2 * (nb + 1) + 3 * (na + 1)) + 1) & ~(size_t)1; /* 8-byte aligned work */
    size_t bytes = array_words * sizeof(uint32_t) + c.work_bytes;
    exact_memory local = {NULL, 0}, *held = memory ? memory : &local;
    if (held->bytes < bytes) {
        exact_memory_free(held);
        if (!(held->block = exact_big_alloc(bytes)))
            goto done;
        held->bytes = bytes;
    }
    uint32_t *next = held->block;
    c.work = next + array_words;
    for (size_t k = 0; k < n; k++) {
        c.by_rank[k] = next;
        c.rank[k] = next += nb + 1;
        c.order[k] = next += nb + 1;
        c.sure[k] = next += na + 1;
        c.low[k] = next += na + 1;
        next += na + 1;
    }
    size_t sets = 0;
    /* the costliest sets first: the triple's 3-D count runs beside the pairs' (it needs none of their counts) */
    for (size_t m = n; m >= 1; m--)
        for (unsigned dims = 1; dims < 1u << n; dims++)
            if ((size_t)__builtin_popcount(dims) == m)
                T.dims[sets++] = dims;
    if (run_tasks(&T, 0, n, sorting) != 0 || run_tasks(&T, 1, sets, c.threads) != 0)
        goto done;
    if (n == 3) /* the triple's sure pairs need the pairs' counts (in the complement formulation) */
        accepting[7] += exact_sure_triples(&c);
    accepting[0] = (uint64_t)na * nb;
    rc = 0;
done:
    exact_memory_free(&local);
    return rc;
}

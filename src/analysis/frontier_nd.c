/* frontier_nd.c: the n-party Pareto frontier decided on distinct utility vectors (see frontier_nd.h). */
#include "analysis/frontier_nd.h"

#include <stdlib.h>
#include <string.h>

struct frontier_nd {
    size_t count, capacity;    /* vector slots in use (live or dead) */
    double *u;                 /* [capacity * parties] */
    uint64_t *outcomes;        /* [capacity] outcomes with this vector */
    unsigned char *alive;      /* [capacity] */
    size_t *live;              /* [live_count] slot numbers of the live vectors, most useful first */
    double *lu;                /* [live_capacity * parties] their vectors in the same order: scans read them in a
                                  row, BLOCK at a time (live_capacity is a multiple) */
    size_t live_count, live_capacity;
    uint32_t *slot_of;         /* [f->capacity] the vector slot of each kept outcome */
    size_t slot_capacity;
    uint64_t dead_outcomes, live_outcomes;
    uint32_t *table;           /* [table_size] open addressing: slot + 1 of a vector by its hash, 0 = empty */
    size_t table_size;
};

void frontier_nd_free(frontier *f)
{
    struct frontier_nd *nd = f->nd;
    if (!nd)
        return;
    free(nd->u);
    free(nd->outcomes);
    free(nd->alive);
    free(nd->live);
    free(nd->lu);
    free(nd->slot_of);
    free(nd->table);
    free(nd);
    f->nd = NULL;
}

static inline int dominates(const double *q, const double *p, size_t n)
{
    if (n == 3) /* without branches: the scans mostly find no dominance */
        return ((q[0] >= p[0]) & (q[1] >= p[1]) & (q[2] >= p[2])) & ((q[0] > p[0]) | (q[1] > p[1]) | (q[2] > p[2]));
    int better = 0;
    for (size_t k = 0; k < n; k++) {
        if (q[k] < p[k])
            return 0;
        better |= q[k] > p[k];
    }
    return better;
}

/* The scans go BLOCK live vectors at a time: bit i of the result: the vector at position j0 + i (below the
   live count) dominates p; of *below (when below is not NULL): p dominates it.  With `vectors` (frontier.h) and
   3 parties the 8 are compared by vector instructions (reading the block whole: live_capacity is a multiple of
   BLOCK). */
#define BLOCK 8
static inline unsigned scan_block(const struct frontier_nd *nd, size_t n, size_t j0, const double *p, int vectors,
                                  unsigned *below)
{
    size_t m = nd->live_count - j0 < BLOCK ? nd->live_count - j0 : BLOCK;
    unsigned above = 0, under = 0;
#if defined(__x86_64__)
    if (vectors && n == 3) {
        unsigned present = (1u << m) - 1;
        above = vectors == 2 ? frontier_block_3d_avx512(&nd->lu[j0 * 3], p, &under)
                             : frontier_block_3d_avx2(&nd->lu[j0 * 3], p, &under);
        if (below)
            *below = under & present;
        return above & present;
    }
#else
    (void)vectors;
#endif
    for (size_t i = 0; i < m; i++) {
        const double *q = &nd->lu[(j0 + i) * n];
        above |= (unsigned)dominates(q, p, n) << i;
        if (below)
            under |= (unsigned)dominates(p, q, n) << i;
    }
    if (below)
        *below = under;
    return above;
}

static int equal(const double *q, const double *p, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (q[k] != p[k])
            return 0;
    return 1;
}

static size_t hash_vector(const double *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t k = 0; k < n; k++) {
        uint64_t bits;
        memcpy(&bits, &p[k], sizeof bits);
        h = (h ^ bits) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    return (size_t)h;
}

/* Rebuilds the hash table over the live vectors, at least twice as large as the slots in use. */
static int rebuild_table(frontier *f)
{
    struct frontier_nd *nd = f->nd;
    size_t size = 64;
    while (size < 2 * nd->count + 2)
        size *= 2;
    uint32_t *t = calloc(size, sizeof *t);
    if (!t)
        return -1;
    free(nd->table);
    nd->table = t;
    nd->table_size = size;
    for (size_t j = 0; j < nd->live_count; j++) {
        size_t s = nd->live[j];
        size_t h = hash_vector(&nd->u[s * f->parties], f->parties) & (size - 1);
        while (t[h])
            h = (h + 1) & (size - 1);
        t[h] = (uint32_t)s + 1;
    }
    return 0;
}

/* The live slot holding exactly p, or -1. */
static long find_vector(const frontier *f, const double *p)
{
    const struct frontier_nd *nd = f->nd;
    if (!nd->table)
        return -1;
    size_t mask = nd->table_size - 1, h = hash_vector(p, f->parties) & mask;
    for (; nd->table[h]; h = (h + 1) & mask) {
        size_t s = nd->table[h] - 1;
        if (nd->alive[s] && equal(&nd->u[s * f->parties], p, f->parties))
            return (long)s;
    }
    return -1;
}

/* Position `to` of the live list takes the entry at `from` (slot number and vector). */
static void move_live(struct frontier_nd *nd, size_t to, size_t from, size_t n)
{
    nd->live[to] = nd->live[from];
    memcpy(&nd->lu[to * n], &nd->lu[from * n], n * sizeof *nd->lu);
}

/* The live vector at position j of the list that dominates p moves to the front: the next outcomes of a
   stream (its next offers and blocks) are likely dominated by it too.  The set stays as it was. */
static void move_to_front(struct frontier_nd *nd, size_t j, size_t n)
{
    if (j == 0 || n > 64)
        return;
    size_t slot = nd->live[j];
    double vector[64];
    memcpy(vector, &nd->lu[j * n], n * sizeof *vector);
    move_live(nd, j, 0, n);
    nd->live[0] = slot;
    memcpy(nd->lu, vector, n * sizeof *vector);
}

int frontier_nd_dominated(const frontier *f, const double *u)
{
    struct frontier_nd *nd = f->nd; /* the list's order may change, not what it holds */
    size_t n = f->parties;
    for (size_t j0 = 0; nd && j0 < nd->live_count; j0 += BLOCK) {
        unsigned above = scan_block(nd, n, j0, u, f->vectors, NULL);
        if (above) {
            move_to_front(nd, j0 + (size_t)__builtin_ctz(above), n);
            return 1;
        }
    }
    return 0;
}

const double *frontier_nd_front(const frontier *f)
{
    const struct frontier_nd *nd = f->nd;
    return nd && nd->live_count ? nd->lu : NULL;
}

void frontier_nd_compact(frontier *f)
{
    struct frontier_nd *nd = f->nd;
    if (!nd || nd->dead_outcomes == 0)
        return;
    size_t n = f->parties, o = 0;
    /* drop the outcomes of dead vectors */
    for (size_t i = 0; i < f->count; i++) {
        if (!nd->alive[nd->slot_of[i]])
            continue;
        if (o != i) {
            memcpy(&f->u[o * n], &f->u[i * n], n * sizeof *f->u);
            f->index[o] = f->index[i];
            nd->slot_of[o] = nd->slot_of[i];
        }
        o++;
    }
    f->count = o;
    nd->dead_outcomes = 0;
    /* renumber the live vectors 0..live-1 so that memory follows the frontier, not the stream */
    uint32_t *renumber = malloc((nd->count ? nd->count : 1) * sizeof *renumber);
    if (!renumber)
        return; /* slots stay as they are: still correct */
    size_t next = 0;
    for (size_t s = 0; s < nd->count; s++)
        if (nd->alive[s]) {
            renumber[s] = (uint32_t)next;
            memmove(&nd->u[next * n], &nd->u[s * n], n * sizeof *nd->u);
            nd->outcomes[next] = nd->outcomes[s];
            nd->alive[next] = 1;
            next++;
        }
    nd->count = next;
    for (size_t j = 0; j < nd->live_count; j++)
        nd->live[j] = renumber[nd->live[j]];
    for (size_t i = 0; i < f->count; i++)
        nd->slot_of[i] = renumber[nd->slot_of[i]];
    free(renumber);
    if (rebuild_table(f) != 0) {
        free(nd->table); /* no table: equal vectors are found by the scan */
        nd->table = NULL;
        nd->table_size = 0;
    }
}

/* Room for one more outcome in f's arrays (and its slot number). */
static int reserve_outcome(frontier *f)
{
    struct frontier_nd *nd = f->nd;
    if (frontier_reserve(f) != 0)
        return -1;
    if (nd->slot_capacity < f->capacity) {
        uint32_t *s = realloc(nd->slot_of, f->capacity * sizeof *s);
        if (!s)
            return -1;
        nd->slot_of = s;
        nd->slot_capacity = f->capacity;
    }
    return 0;
}

/* A new vector slot, live. Returns its number or -1. */
static long new_vector(frontier *f, const double *p)
{
    struct frontier_nd *nd = f->nd;
    size_t n = f->parties;
    if (nd->count == nd->capacity) {
        size_t cap = nd->capacity ? nd->capacity * 2 : 64;
        if (cap > UINT32_MAX)
            return -1;
        double *u = realloc(nd->u, cap * n * sizeof *u);
        if (!u)
            return -1;
        nd->u = u;
        uint64_t *o = realloc(nd->outcomes, cap * sizeof *o);
        if (!o)
            return -1;
        nd->outcomes = o;
        unsigned char *a = realloc(nd->alive, cap);
        if (!a)
            return -1;
        nd->alive = a;
        nd->capacity = cap;
    }
    if (nd->live_count == nd->live_capacity) {
        size_t cap = nd->live_capacity ? nd->live_capacity * 2 : 64;
        size_t *l = realloc(nd->live, cap * sizeof *l);
        if (!l)
            return -1;
        nd->live = l;
        double *lu = realloc(nd->lu, cap * n * sizeof *lu);
        if (!lu)
            return -1;
        memset(&lu[nd->live_capacity * n], 0, (cap - nd->live_capacity) * n * sizeof *lu); /* whole blocks */
        nd->lu = lu;
        nd->live_capacity = cap;
    }
    size_t s = nd->count++;
    memcpy(&nd->u[s * n], p, n * sizeof *p);
    nd->outcomes[s] = 0;
    nd->alive[s] = 1;
    memcpy(&nd->lu[nd->live_count * n], p, n * sizeof *p);
    nd->live[nd->live_count++] = s;
    return (long)s;
}

int frontier_nd_offer(frontier *f, const double *p, uint64_t index)
{
    size_t n = f->parties;
    if (!f->nd) {
        if (f->count > 0) /* points were kept without the index: stay with the plain scan */
            return -1;
        if (!(f->nd = calloc(1, sizeof *f->nd)))
            return -1;
    }
    struct frontier_nd *nd = f->nd;
    /* the front of the list first, before the hash look-up: it most often dominates the offer */
    if (nd->live_count > 0 && dominates(nd->lu, p, n))
        return 0;
    /* a live vector equal to p: nothing live dominates it (live vectors do not dominate each other) */
    long slot = find_vector(f, p);
    if (slot < 0) {
        /* One pass over the live vectors: one that dominates p rejects it; those p dominates die with their
           outcomes.  Both cannot happen (the first would dominate the second), so a rejection comes before
           any removal, with the list as it was; without a hash table an equal vector is found here. */
        size_t kept = 0, count = nd->live_count;
        for (size_t j0 = 0; j0 < count; j0 += BLOCK) {
            unsigned below, above = scan_block(nd, n, j0, p, f->vectors, &below);
            if (above) {
                move_to_front(nd, j0 + (size_t)__builtin_ctz(above), n);
                return 0;
            }
            size_t end = count - j0 < BLOCK ? count : j0 + BLOCK;
            if (!below && kept == j0 && nd->table) { /* nothing to remove, move or look for */
                kept = end;
                continue;
            }
            for (size_t j = j0; j < end; j++) {
                size_t s = nd->live[j];
                if (below >> (j - j0) & 1) {
                    nd->alive[s] = 0;
                    nd->dead_outcomes += nd->outcomes[s];
                    nd->live_outcomes -= nd->outcomes[s];
                    continue;
                }
                if (!nd->table && slot < 0 && equal(&nd->lu[j * n], p, n))
                    slot = (long)s;
                if (kept != j)
                    move_live(nd, kept, j, n);
                kept++;
            }
        }
        nd->live_count = kept;
    }
    if (slot < 0) {
        if ((slot = new_vector(f, p)) < 0) {
            f->failed = 1;
            return 0;
        }
        if (2 * nd->count + 2 > nd->table_size) {
            if (rebuild_table(f) != 0) {
                f->failed = 1;
                return 0;
            }
        } else {
            size_t mask = nd->table_size - 1, h = hash_vector(p, n) & mask;
            while (nd->table[h])
                h = (h + 1) & mask;
            nd->table[h] = (uint32_t)slot + 1;
        }
    }
    if (reserve_outcome(f) != 0) {
        f->failed = 1;
        return 0;
    }
    memcpy(&f->u[f->count * n], p, n * sizeof *p);
    f->index[f->count] = index;
    nd->slot_of[f->count] = (uint32_t)slot;
    f->count++;
    nd->outcomes[slot]++;
    nd->live_outcomes++;
    if (nd->dead_outcomes > nd->live_outcomes + 1024)
        frontier_nd_compact(f);
    return 1;
}

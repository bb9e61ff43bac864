/*
 * exact_count.h: the state of one meet-in-the-middle count, shared by
 * mitm_count.c (the halves, each party's ranks, the pair counts, the band) and
 * exact_triples.c (the pairs all three parties surely accept: 3-D dominance).
 */
#ifndef PARLEY_ANALYSIS_EXACT_COUNT_H
#define PARLEY_ANALYSIS_EXACT_COUNT_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/exact.h"

struct halves;

/*
 * Per party k: B by rank of its half sum (by_rank), each b's rank, A by
 * alpha_k ascending (order), and each a's sure and band ranks.
 */
struct counting {
    const exact_space *s;
    const struct halves *h;
    size_t n, na, nb;
    uint32_t *by_rank[MITM_MAX_PARTIES]; /* [nb]: the b of each rank */
    uint32_t *order[MITM_MAX_PARTIES];   /* [na]: the a by alpha ascending (sure rank descending) */
    uint32_t *rank[MITM_MAX_PARTIES];    /* [nb] */
    uint32_t *sure[MITM_MAX_PARTIES];    /* [na]: b clears a surely when rank >= sure */
    uint32_t *low[MITM_MAX_PARTIES];     /* [na]: b fails surely when rank < low; between: the band */
    uint64_t sure_pair[MITM_MAX_PARTIES][MITM_MAX_PARTIES]; /* [k1][k2], k1 < k2: pairs both surely accept */
    unsigned threads;
    int triple_complement;     /* the formulation of the 3-D count (exact_triples_dominated) */
    uint64_t triple_dominated; /* its dominance total */
    void *work;        /* memory the parties' sorts used, reused by the 3-D count (pages touched once) */
    size_t work_bytes;
};

/*
 * Splits [0, count) into consecutive ranges, one per worker (up to
 * c->threads, one when count is small), calls fn(ctx, chunk, from, to) for
 * each on its own thread and returns the sum of what they return: sums of
 * integers, the same whatever the split.  ctx may keep per-chunk results
 * (chunk < EXACT_MAX_CHUNKS).  Raises *c->s->threads_used.
 */
#define EXACT_MAX_CHUNKS 64
typedef uint64_t (*exact_chunk_fn)(void *ctx, unsigned chunk, size_t from, size_t to);
uint64_t exact_chunked_sum(const struct counting *c, size_t count, exact_chunk_fn fn, void *ctx);

/* Notes that a count ran on `threads` threads (in *c->s->threads_used). */
void exact_note_threads(const struct counting *c, unsigned threads);

/* PARLEY_MITM_COUNT=direct (0) or complement (1) forces the formulation of the pair and triple counts; else -1. */
int exact_forced_formulation(void);

/*
 * The 3-D dominance count of the pairs all three parties surely accept (into
 * c->triple_complement, c->triple_dominated), needing no pair count: it runs
 * beside the pairs' tasks.  0, or -1 when out of memory.
 */
int exact_triples_dominated(struct counting *c);
/* Then, with c->sure_pair made: the pairs surely accepted by all three parties. */
uint64_t exact_sure_triples(const struct counting *c);

/* The 3-D count needs at most this many bytes of c->work. */
size_t exact_triples_work(size_t na, size_t nb);

#endif

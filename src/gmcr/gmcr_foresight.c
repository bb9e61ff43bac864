/*
 * gmcr_foresight.c: limited-move stability L_h and non-myopic stability
 * (Kilgour, Hipel and Fang 1987; Fang, Hipel and Kilgour 1993, ch. 5), for
 * two decision makers.
 *
 * G_h(k, s) is the state the play is anticipated to end in when DM k is to
 * move at s and h moves are left (the DMs alternate):
 *   G_0(k, s) = s;
 *   for h >= 1, every legal move t of k from s is worth p_k(G_{h-1}(l, t)) to k
 *   (l the other DM); if the best of them is worth more than p_k(s), k makes it
 *   and G_h(k, s) = G_{h-1}(l, t*), else G_h(k, s) = s.
 * s is L_h stable for k when k would not move: no t with p_k(G_{h-1}(l, t)) > p_k(s).
 * L_1 is Nash stability.  When several moves are best for k, the one whose
 * anticipated state the other DM likes least is taken (then the lowest code),
 * so the anticipation is deterministic; the papers assume strict preferences,
 * where this never arises.
 *
 * Non-myopic stability is the limit of L_h as h grows.  G_h depends only on
 * G_{h-1}, so the sequence of anticipations is eventually periodic; the period
 * is found with Brent's cycle detection.  Period 1 means every L_h settles;
 * otherwise a state counts as NM stable when it is L_h stable at every h of
 * the cycle (the period is reported).
 */
#include "gmcr_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_STEPS 100000

typedef struct foresight {
    const parley_gmcr_model *m;
    int32_t *prev, *next; /* [2 * n]: G_{h-1}(k, s) and G_h(k, s) as ordinals, DM k's half first */
    uint8_t *stable;      /* [2 * n]: L_h stable at this step */
    int32_t *top1, *top2; /* [2^options]: per cell, the members whose anticipations k likes best and next best */
    int32_t *reach;       /* [2^options]: per cell, the best anticipation over the cells one move leads to */
} foresight;

/*
 * k's order on anticipated states g (the tie rule of the header): a higher p_k,
 * then a lower p_l, then the lower ordinal.  -1 (no move) is worst.
 */
static inline int better(const int32_t *pk, const int32_t *pl, int32_t g, int32_t than)
{
    if (g < 0)
        return 0;
    if (than < 0)
        return 1;
    if (pk[g] != pk[than])
        return pk[g] > pk[than];
    if (pl[g] != pl[than])
        return pl[g] < pl[than];
    return g < than;
}

static inline int32_t pick(const int32_t *pk, const int32_t *pl, int32_t a, int32_t b)
{
    return better(pk, pl, b, a) ? b : a;
}

/*
 * DM k's best move from every state without enumerating moves: a move from s
 * leads to another member of s's cell or to any member of a cell that flipping
 * irreversible options the allowed way reaches (gmcr_cells).  Each cell keeps
 * its two best members (the best other than s is one of them); the best over
 * the reachable cells is a subset maximum over the irreversible options.
 */
static void step_dm(foresight *F, size_t k)
{
    const parley_gmcr_model *m = F->m;
    const gmcr_dm *d = &m->dms[k];
    size_t n = m->n_states, total = (size_t)1 << m->n_options;
    const int32_t *pk = m->pref + k * n, *pl = m->pref + (1 - k) * n, *after = F->prev + (1 - k) * n;
    int32_t *top1 = F->top1, *top2 = F->top2, *reach = F->reach;
    for (size_t c = 0; c < total; c++)
        top1[c] = top2[c] = -1;
    for (size_t t = 0; t < n; t++) {
        uint32_t key = gmcr_cell_of(d, m->codes[t]);
        int32_t g = after[t];
        if (top1[key] < 0 || better(pk, pl, g, after[top1[key]])) {
            top2[key] = top1[key];
            top1[key] = (int32_t)t;
        } else if (top2[key] < 0 || better(pk, pl, g, after[top2[key]])) {
            top2[key] = (int32_t)t;
        }
    }
    for (size_t c = 0; c < total; c++)
        reach[c] = top1[c] < 0 ? -1 : after[top1[c]];
    uint32_t irr = d->fwd | d->back;
    for (uint32_t b = 1; b && b <= irr; b <<= 1) { /* reach[key]: best over every cell key ^ u, u allowed flips */
        if (!(irr & b))
            continue;
        for (size_t c = 0; c < total; c++) {
            uint32_t key = (uint32_t)c;
            if (key & d->both)
                continue;
            if ((d->fwd & b) && !(key & b))
                reach[key] = pick(pk, pl, reach[key], reach[key | b]);
            if ((d->back & b) && (key & b))
                reach[key] = pick(pk, pl, reach[key], reach[key & ~b]);
        }
    }
    for (size_t s = 0; s < n; s++) {
        uint32_t key = gmcr_cell_of(d, m->codes[s]), flip = gmcr_cell_flips(d, key);
        int32_t other = top1[key] == (int32_t)s ? top2[key] : top1[key];
        int32_t best = other < 0 ? -1 : after[other];
        for (uint32_t rest = flip; rest; rest &= rest - 1) /* cells reached by flipping at least one option */
            best = pick(pk, pl, best, reach[key ^ (rest & -rest)]);
        int moves = best >= 0 && pk[best] > pk[s];
        F->next[k * n + s] = moves ? best : (int32_t)s;
        F->stable[k * n + s] = (uint8_t)!moves;
    }
}

/* One step: next = G_h from prev = G_{h-1}, and the L_h stability of every state for both DMs. */
static void step(foresight *F)
{
    step_dm(F, 0);
    step_dm(F, 1);
}

static void swap(foresight *F)
{
    int32_t *t = F->prev;
    F->prev = F->next;
    F->next = t;
}

static void init(foresight *F)
{
    size_t n = F->m->n_states;
    for (size_t s = 0; s < n; s++)
        F->prev[s] = F->prev[n + s] = (int32_t)s;
}

int gmcr_foresight(const parley_gmcr_model *m, unsigned notions, unsigned horizon, parley_gmcr_result *r,
                   parley_error *err)
{
    size_t n = m->n_states;
    foresight F = {.m = m};
    int32_t *saved = malloc(2 * n * sizeof *saved);
    uint8_t *nm = malloc(2 * n);
    F.prev = malloc(2 * n * sizeof *F.prev);
    F.next = malloc(2 * n * sizeof *F.next);
    F.stable = malloc(2 * n);
    size_t total = (size_t)1 << m->n_options;
    F.top1 = malloc(total * sizeof *F.top1);
    F.top2 = malloc(total * sizeof *F.top2);
    F.reach = malloc(total * sizeof *F.reach);
    int rc = PARLEY_OK;
    if (!saved || !nm || !F.prev || !F.next || !F.stable || !F.top1 || !F.top2 || !F.reach) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory for the limited-move analysis of %zu states", n);
        goto done;
    }
    if (notions & PARLEY_GMCR_LH) {
        init(&F);
        for (unsigned h = 1; h <= horizon; h++) {
            step(&F);
            swap(&F);
        }
        for (size_t s = 0; s < n; s++)
            for (size_t k = 0; k < 2; k++)
                if (!F.stable[k * n + s])
                    r->stable[s * 2 + k] &= (uint8_t) ~(unsigned)PARLEY_GMCR_LH;
                else
                    r->stable[s * 2 + k] |= (uint8_t)PARLEY_GMCR_LH;
        r->horizon = horizon;
    }
    if (notions & PARLEY_GMCR_NM) {
        /* Brent: the tortoise (saved) jumps to the hare at powers of two until they meet. */
        size_t power = 1, period = 1, steps = 0;
        init(&F);
        memcpy(saved, F.prev, 2 * n * sizeof *saved);
        step(&F);
        swap(&F);
        while (memcmp(saved, F.prev, 2 * n * sizeof *saved) != 0) {
            if (++steps > MAX_STEPS) {
                rc = parley_error_set(err, PARLEY_ERANGE, "the non-myopic anticipations do not repeat within %d steps",
                                      MAX_STEPS);
                goto done;
            }
            if (power == period) {
                memcpy(saved, F.prev, 2 * n * sizeof *saved);
                power *= 2;
                period = 0;
            }
            step(&F);
            swap(&F);
            period++;
        }
        /* F.prev is on the cycle: the stability at every step of one turn */
        memset(nm, 1, 2 * n);
        for (size_t t = 0; t < period; t++) {
            step(&F);
            swap(&F);
            for (size_t x = 0; x < 2 * n; x++)
                nm[x] &= F.stable[x];
        }
        for (size_t s = 0; s < n; s++)
            for (size_t k = 0; k < 2; k++)
                if (nm[k * n + s])
                    r->stable[s * 2 + k] |= (uint8_t)PARLEY_GMCR_NM;
                else
                    r->stable[s * 2 + k] &= (uint8_t) ~(unsigned)PARLEY_GMCR_NM;
        r->nm_period = (unsigned)period;
    }
    for (size_t s = 0; s < n; s++)
        r->eq[s] = (uint8_t)(r->stable[2 * s] & r->stable[2 * s + 1]);
done:
    free(saved);
    free(nm);
    free(F.prev);
    free(F.next);
    free(F.stable);
    free(F.top1);
    free(F.top2);
    free(F.reach);
    return rc;
}

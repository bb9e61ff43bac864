/*
 * gmcr_reach.c: for every state, the least value over the states a group of
 * decision makers can reach from it by unilateral moves (or by unilateral
 * improvements).  This is what the sanctions of GMR, SMR and SEQ need.
 *
 * Why the rule "no DM moves twice in a row" can be ignored: in option form a
 * DM's move changes any subset of its options, so two consecutive moves by the
 * same DM are one move (or none, when they undo each other).  A shortest
 * sequence reaching a state therefore never has the same DM twice in a row.
 * The same holds for unilateral improvements, which are transitive too.
 *
 * How: states are taken in increasing order of value; each one not yet
 * labelled labels itself and, walking moves backwards, every unlabelled state
 * that can reach it.  Each state is labelled once.  Walking backwards is cheap
 * because a DM's moves are structured: the states that agree with z outside
 * the DM's options and have the same irreversible options form a "cell" whose
 * members can all move to z; the cells that can move into z's cell are found
 * by flipping irreversible options in the allowed direction.  Each cell keeps
 * its unlabelled members in a list sorted by the DM's preference, so for
 * improvements only the prefix that is worse than z is visited.
 */
#include "gmcr_internal.h"

#include <stdlib.h>

typedef struct mover {
    const gmcr_dm *dm;
    const int32_t *pref; /* the mover's preference per state */
    int32_t *head;       /* [2^n] first unlabelled member of a cell, -1 when none */
    int32_t *next, *prev;
} mover;

static uint32_t cell_of(const gmcr_dm *d, uint32_t code)
{
    return code & ~d->both;
}

static void unlink_state(mover *mv, size_t n_movers, const uint32_t *codes, int32_t y)
{
    for (size_t k = 0; k < n_movers; k++) {
        mover *v = &mv[k];
        int32_t p = v->prev[y], nx = v->next[y];
        if (p >= 0)
            v->next[p] = nx;
        else
            v->head[cell_of(v->dm, codes[y])] = nx;
        if (nx >= 0)
            v->prev[nx] = p;
    }
}

/* States sorted by key (counting sort); key values in [0, range). */
static int32_t *sort_by(const int32_t *key, size_t n, size_t range)
{
    int32_t *order = malloc(n * sizeof *order);
    size_t *count = calloc(range + 1, sizeof *count);
    if (!order || !count) {
        free(order);
        free(count);
        return NULL;
    }
    for (size_t s = 0; s < n; s++)
        count[key[s] + 1]++;
    for (size_t v = 1; v <= range; v++)
        count[v] += count[v - 1];
    for (size_t s = 0; s < n; s++)
        order[count[key[s]]++] = (int32_t)s;
    free(count);
    return order;
}

int gmcr_min_reach(const parley_gmcr_model *m, uint32_t movers, int improving, const int32_t *value,
                   int32_t *out)
{
    size_t n = m->n_states, total = (size_t)1 << m->n_options, nm = 0;
    mover mv[PARLEY_GMCR_MAX_DMS] = {{0}};
    int32_t *order = NULL, *queue = NULL;
    int rc = PARLEY_ENOMEM;
    for (size_t d = 0; d < m->n_dms; d++) {
        if (!(movers >> d & 1u))
            continue;
        mover *v = &mv[nm++];
        v->dm = &m->dms[d];
        v->pref = m->pref + d * n;
        v->head = malloc(total * sizeof *v->head);
        v->next = malloc(n * sizeof *v->next);
        v->prev = malloc(n * sizeof *v->prev);
        if (!v->head || !v->next || !v->prev)
            goto done;
        for (size_t c = 0; c < total; c++)
            v->head[c] = -1;
        int32_t *by_pref = sort_by(v->pref, n, n);
        if (!by_pref)
            goto done;
        /* push front in decreasing preference: each cell list ends up increasing */
        for (size_t k = n; k-- > 0;) {
            int32_t s = by_pref[k];
            uint32_t cell = cell_of(v->dm, m->codes[s]);
            v->prev[s] = -1;
            v->next[s] = v->head[cell];
            if (v->head[cell] >= 0)
                v->prev[v->head[cell]] = s;
            v->head[cell] = s;
        }
        free(by_pref);
    }
    order = sort_by(value, n, n + 1);
    queue = malloc(n * sizeof *queue);
    if (!order || !queue)
        goto done;
    for (size_t s = 0; s < n; s++)
        out[s] = -1;
    for (size_t k = 0; k < n; k++) {
        int32_t start = order[k];
        if (out[start] >= 0)
            continue;
        int32_t label = value[start];
        size_t qh = 0, qt = 0;
        out[start] = label;
        unlink_state(mv, nm, m->codes, start);
        queue[qt++] = start;
        while (qh < qt) {
            int32_t z = queue[qh++];
            uint32_t cz = m->codes[z];
            for (size_t j = 0; j < nm; j++) {
                mover *v = &mv[j];
                const gmcr_dm *d = v->dm;
                uint32_t cell = cell_of(d, cz);
                uint32_t flip = (cell & d->fwd) | (~cell & d->back); /* irreversible options that can lead here */
                int32_t pz = v->pref[z];
                uint32_t u = 0;
                do {
                    uint32_t from = cell ^ u;
                    for (int32_t y = v->head[from], nx; y >= 0; y = nx) {
                        nx = v->next[y];
                        if (improving && v->pref[y] >= pz)
                            break;
                        out[y] = label;
                        unlink_state(mv, nm, m->codes, y);
                        queue[qt++] = y;
                    }
                    u = (u - flip) & flip; /* next subset of flip */
                } while (u);
            }
        }
    }
    rc = PARLEY_OK;
done:
    for (size_t j = 0; j < nm; j++) {
        free(mv[j].head);
        free(mv[j].next);
        free(mv[j].prev);
    }
    free(order);
    free(queue);
    return rc;
}

/*
 * gmcr_sim.c: simultaneous sanctions (SIM, and the SIM half of SEQ+SIM).
 *
 * Fang, Hipel and Kilgour (1993): DM i's improvement from s to s1 is
 * sanctioned simultaneously when the other DMs, moving at the same time as i
 * and from the same state s, can make moves that together with i's give a
 * state i does not prefer to s.  As in gmcr-py (and the literature's reading
 * that each DM moves because it gains), every other DM either stays or makes
 * one of its own unilateral improvements from s; options are disjoint among
 * DMs, so the joint state is s with each mover's options as it chose them.  A
 * joint state that is infeasible is not a sanction.
 *
 * The search tries the other DMs' choices depth first and stops at the first
 * sanction; each DM's improvements from s are read off its cells (suffixes of
 * preference-sorted lists), so no move is enumerated that is not an improvement.
 * With floors (gmcr_sim_floors_build) a branch is cut as soon as even the
 * least-preferred feasible state agreeing with the choices made so far (any
 * options for the DMs still to choose) is better for i than s: no completion
 * of it can sanction.
 */
#include "gmcr_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct sim_search {
    const parley_gmcr_model *m;
    const gmcr_cells *cells;
    size_t focal;
    int32_t from;       /* s */
    uint32_t target;    /* code of s1 */
    int32_t focal_level; /* p_i(s) */
    int32_t *choice;     /* optional [n_dms]: each other DM's choice in the sanction found, -1 for staying */
    int32_t *const *floor;  /* optional [n_dms]: the focal DM's floors, by the next DM to choose */
    const uint32_t *floor_free; /* [n_dms]: the options of that DM and of the others after it (focal excluded) */
    uint32_t *found;            /* optional: receives the others' options flipped in the sanction found */
} sim_search;

/* Choices of DMs j.. (diff: the options the others before j flipped); 1 when some completion sanctions. */
static int search(const sim_search *S, size_t j, uint32_t diff)
{
    const parley_gmcr_model *m = S->m;
    size_t n = m->n_states;
    if (j == S->focal)
        j++;
    if (j >= m->n_dms) {
        if (diff == 0) /* nobody else moved: s1 itself, which i prefers */
            return 0;
        int32_t k = m->index[S->target ^ diff];
        if (k < 0 || m->pref[S->focal * n + (size_t)k] > S->focal_level)
            return 0;
        if (S->found)
            *S->found = diff;
        return 1;
    }
    if (S->floor && S->floor[j][(S->target ^ diff) & ~S->floor_free[j]] > S->focal_level)
        return 0;
    if (S->choice)
        S->choice[j] = -1;
    if (search(S, j + 1, diff)) /* j stays */
        return 1;
    const gmcr_dm *d = &m->dms[j];
    const gmcr_cells *C = &S->cells[j];
    const int32_t *pj = m->pref + j * n;
    uint32_t code = m->codes[S->from], cell = gmcr_cell_of(d, code), flip = gmcr_cell_flips(d, cell), u = 0;
    do {
        uint32_t key = cell ^ u;
        for (size_t k = gmcr_cell_first_above(C, pj, key, pj[S->from]); k < C->start[key + 1]; k++) {
            if (S->choice)
                S->choice[j] = C->member[k];
            if (search(S, j + 1, diff ^ code ^ m->codes[C->member[k]]))
                return 1;
        }
        u = (u - flip) & flip;
    } while (u);
    return 0;
}

int gmcr_sim_sanctioned(const parley_gmcr_model *m, const gmcr_cells *cells, const gmcr_sim_floors *floors, size_t i,
                        int32_t s, int32_t s1, int32_t *choice, uint32_t *hint)
{
    if (hint && *hint && !choice) {
        /* the others' moves that sanctioned another improvement from s are a reply here too: try them first */
        int32_t k = m->index[m->codes[s1] ^ *hint];
        if (k >= 0 && m->pref[i * m->n_states + (size_t)k] <= m->pref[i * m->n_states + (size_t)s])
            return 1;
    }
    sim_search S = {.m = m,
                    .floor = floors && floors->table ? floors->table + i * m->n_dms : NULL,
                    .floor_free = floors && floors->table ? floors->free + i * m->n_dms : NULL,
                    .cells = cells,
                    .focal = i,
                    .from = s,
                    .target = m->codes[s1],
                    .focal_level = m->pref[i * m->n_states + (size_t)s],
                    .choice = choice,
                    .found = hint};
    return search(&S, 0, 0);
}

int gmcr_sim_hopeless(const parley_gmcr_model *m, const gmcr_sim_floors *floors, size_t i, int32_t s, int32_t s1)
{
    if (!floors || !floors->table)
        return 0;
    size_t first = i == 0 ? 1 : 0, at = i * m->n_dms + first;
    return floors->table[at][m->codes[s1] & ~floors->free[at]] > m->pref[i * m->n_states + (size_t)s];
}

/* Entries a set of floors may hold in all (n_dms * (n_dms - 1) tables of 2^options): beyond, no floors. */
#define FLOORS_MAX_ENTRIES ((size_t)1 << 24)

typedef struct floors_job {
    const parley_gmcr_model *m;
    gmcr_sim_floors *f;
    int rc;
} floors_job;

/*
 * Focal DM i's floors: start from p_i (infeasible states: above every level),
 * then fold in the options of the other DMs from the last to the first; after
 * folding DM j's, entry c (those options cleared) is the least p_i over the
 * states equal to c outside the options of j and of the others after it.
 */
static void floors_task(void *ctx, size_t i)
{
    floors_job *J = ctx;
    const parley_gmcr_model *m = J->m;
    size_t nd = m->n_dms, total = (size_t)1 << m->n_options;
    int32_t *t = malloc(total * sizeof *t);
    if (!t) {
        J->rc = PARLEY_ENOMEM;
        return;
    }
    for (size_t c = 0; c < total; c++)
        t[c] = m->index[c] < 0 ? INT32_MAX : m->pref[i * m->n_states + (size_t)m->index[c]];
    uint32_t folded = 0;
    for (size_t j = nd; j-- > 0;) {
        if (j == i)
            continue;
        for (uint32_t rest = m->dms[j].mask; rest; rest &= rest - 1) {
            uint32_t b = rest & -rest;
            for (size_t c = 0; c < total; c++)
                if ((c & b) && t[c] < t[c & ~b])
                    t[c & ~b] = t[c];
        }
        folded |= m->dms[j].mask;
        J->f->free[i * nd + j] = folded;
        int32_t *copy = malloc(total * sizeof *copy);
        if (!copy) {
            J->rc = PARLEY_ENOMEM;
            break;
        }
        memcpy(copy, t, total * sizeof *t);
        J->f->table[i * nd + j] = copy;
    }
    free(t);
}

int gmcr_sim_floors_build(const parley_gmcr_model *m, unsigned threads, gmcr_sim_floors *f)
{
    size_t nd = m->n_dms, total = (size_t)1 << m->n_options;
    f->table = NULL;
    f->free = NULL;
    if (nd * (nd - 1) * total > FLOORS_MAX_ENTRIES)
        return PARLEY_OK;
    f->table = calloc(nd * nd, sizeof *f->table);
    f->free = calloc(nd * nd, sizeof *f->free);
    floors_job J = {.m = m, .f = f, .rc = f->table && f->free ? PARLEY_OK : PARLEY_ENOMEM};
    if (J.rc == PARLEY_OK)
        gmcr_parallel_tasks(nd, threads, floors_task, &J);
    if (J.rc != PARLEY_OK)
        gmcr_sim_floors_release(m, f);
    return J.rc;
}

void gmcr_sim_floors_release(const parley_gmcr_model *m, gmcr_sim_floors *f)
{
    for (size_t k = 0; f->table && k < m->n_dms * m->n_dms; k++)
        free(f->table[k]);
    free(f->table);
    free(f->free);
    f->table = NULL;
    f->free = NULL;
}

int gmcr_cells_layout(const parley_gmcr_model *m, size_t i, gmcr_cells *C)
{
    const gmcr_dm *d = &m->dms[i];
    size_t n = m->n_states, total = (size_t)1 << m->n_options;
    const int32_t *p = m->pref + i * n;
    size_t *by_level = calloc(n + 1, sizeof *by_level);
    int32_t *order = malloc(n * sizeof *order);
    C->start = calloc(total + 1, sizeof *C->start);
    C->member = malloc(n * sizeof *C->member);
    int rc = PARLEY_ENOMEM;
    if (!by_level || !order || !C->start || !C->member)
        goto done;
    for (size_t s = 0; s < n; s++) /* states by preference (counting sort) */
        by_level[p[s] + 1]++;
    for (size_t v = 1; v <= n; v++)
        by_level[v] += by_level[v - 1];
    for (size_t s = 0; s < n; s++)
        order[by_level[p[s]]++] = (int32_t)s;
    for (size_t s = 0; s < n; s++) /* then by cell, keeping that order */
        C->start[gmcr_cell_of(d, m->codes[s]) + 1]++;
    for (size_t c = 1; c <= total; c++)
        C->start[c] += C->start[c - 1];
    for (size_t k = 0; k < n; k++) {
        int32_t s = order[k];
        C->member[C->start[gmcr_cell_of(d, m->codes[s])]++] = s;
    }
    for (size_t c = total; c > 0; c--) /* shift back: start[c] is the beginning of cell c again */
        C->start[c] = C->start[c - 1];
    C->start[0] = 0;
    rc = PARLEY_OK;
done:
    free(by_level);
    free(order);
    return rc;
}

int gmcr_cells_build(const parley_gmcr_model *m, gmcr_cells *cells)
{
    for (size_t i = 0; i < m->n_dms; i++) {
        cells[i].sup = NULL;
        if (gmcr_cells_layout(m, i, &cells[i]) != PARLEY_OK) {
            gmcr_cells_release(m, cells);
            return PARLEY_ENOMEM;
        }
    }
    return PARLEY_OK;
}

void gmcr_cells_release(const parley_gmcr_model *m, gmcr_cells *cells)
{
    for (size_t i = 0; i < m->n_dms; i++) {
        free(cells[i].start);
        free(cells[i].member);
        free(cells[i].sup);
        cells[i].start = NULL;
        cells[i].member = NULL;
        cells[i].sup = NULL;
    }
}

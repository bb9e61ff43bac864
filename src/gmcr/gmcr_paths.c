/*
 * gmcr_paths.c: status-quo analysis: from a starting state, every state the
 * conflict can move to through unilateral improvements (breadth-first, so each
 * state comes with a shortest path), and the improvements open to coalitions.
 */
#include "gmcr_internal.h"

#include <stdlib.h>

typedef struct gmcr_path_entry {
    uint32_t code;
    uint32_t depth;
    int32_t parent;
    int32_t mover;
} gmcr_path_entry;

struct parley_gmcr_paths {
    const parley_gmcr_model *model;
    gmcr_path_entry *entries;
    size_t count;
};

int parley_gmcr_paths_from(const parley_gmcr_model *m, uint32_t from, parley_gmcr_paths **out, parley_error *err)
{
    *out = NULL;
    long start = parley_gmcr_model_state_index(m, from);
    if (start < 0)
        return parley_error_set(err, PARLEY_EINVAL, "state %u is not a feasible state", from);
    size_t n = m->n_states;
    parley_gmcr_paths *P = calloc(1, sizeof *P);
    int32_t *seen = malloc(n * sizeof *seen);
    if (!P || !seen)
        goto nomem;
    P->model = m;
    P->entries = malloc(n * sizeof *P->entries); /* at most every state */
    if (!P->entries)
        goto nomem;
    for (size_t s = 0; s < n; s++)
        seen[s] = -1;
    P->entries[0] = (gmcr_path_entry){from, 0, -1, -1};
    P->count = 1;
    seen[start] = 0;
    for (size_t q = 0; q < P->count; q++) {
        uint32_t code = P->entries[q].code;
        size_t x = (size_t)m->index[code];
        for (size_t i = 0; i < m->n_dms; i++) {
            const gmcr_dm *d = &m->dms[i];
            const int32_t *p = m->pref + i * n;
            uint32_t allowed = d->both | (d->fwd & ~code) | (d->back & code);
            for (uint32_t t = allowed; t; t = (t - 1) & allowed) {
                int32_t y = m->index[code ^ t];
                if (y < 0 || p[y] <= p[x] || seen[y] >= 0)
                    continue;
                seen[y] = (int32_t)P->count;
                P->entries[P->count++] = (gmcr_path_entry){code ^ t, P->entries[q].depth + 1, (int32_t)q, (int32_t)i};
            }
        }
    }
    free(seen);
    *out = P;
    return PARLEY_OK;
nomem:
    free(seen);
    parley_gmcr_paths_free(P);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory for the status-quo analysis");
}

void parley_gmcr_paths_free(parley_gmcr_paths *P)
{
    if (!P)
        return;
    free(P->entries);
    free(P);
}

size_t parley_gmcr_paths_count(const parley_gmcr_paths *P)
{
    return P ? P->count : 0;
}

int parley_gmcr_paths_entry(const parley_gmcr_paths *P, size_t i, uint32_t *code, size_t *depth, long *parent,
                            int *mover)
{
    if (!P || i >= P->count)
        return PARLEY_EINVAL;
    const gmcr_path_entry *e = &P->entries[i];
    if (code)
        *code = e->code;
    if (depth)
        *depth = e->depth;
    if (parent)
        *parent = e->parent;
    if (mover)
        *mover = e->mover;
    return PARLEY_OK;
}

int parley_gmcr_coalition_improvements(const parley_gmcr_model *m, uint32_t from, uint32_t coalition,
                                       uint32_t **codes, size_t *count, parley_error *err)
{
    *codes = NULL;
    *count = 0;
    long start = parley_gmcr_model_state_index(m, from);
    if (start < 0)
        return parley_error_set(err, PARLEY_EINVAL, "state %u is not a feasible state", from);
    if (coalition == 0 || (m->n_dms < 32 && coalition >> m->n_dms))
        return parley_error_set(err, PARLEY_EINVAL, "coalition %#x names no decision maker or one that does not exist",
                                coalition);
    size_t n = m->n_states;
    /* Reachable by any moves of the members: a DM's moves compose, so sequences need no alternation check. */
    int32_t *queue = malloc(n * sizeof *queue);
    uint8_t *seen = calloc(n, 1);
    uint32_t *found = NULL;
    if (!queue || !seen)
        goto nomem;
    size_t qt = 0, nf = 0;
    queue[qt++] = (int32_t)start;
    seen[start] = 1;
    for (size_t q = 0; q < qt; q++) {
        uint32_t code = m->codes[queue[q]];
        for (size_t i = 0; i < m->n_dms; i++) {
            if (!(coalition >> i & 1u))
                continue;
            const gmcr_dm *d = &m->dms[i];
            uint32_t allowed = d->both | (d->fwd & ~code) | (d->back & code);
            for (uint32_t t = allowed; t; t = (t - 1) & allowed) {
                int32_t y = m->index[code ^ t];
                if (y < 0 || seen[y])
                    continue;
                seen[y] = 1;
                queue[qt++] = y;
            }
        }
    }
    for (size_t s = 0; s < n; s++) {
        if (!seen[s] || (long)s == start)
            continue;
        int all = 1;
        for (size_t i = 0; i < m->n_dms && all; i++)
            if ((coalition >> i & 1u) && m->pref[i * n + s] <= m->pref[i * n + (size_t)start])
                all = 0;
        if (all)
            seen[s] = 2;
        nf += all;
    }
    if (nf) {
        found = malloc(nf * sizeof *found);
        if (!found)
            goto nomem;
        size_t k = 0;
        for (size_t s = 0; s < n; s++)
            if (seen[s] == 2)
                found[k++] = m->codes[s];
    }
    free(queue);
    free(seen);
    *codes = found;
    *count = nf;
    return PARLEY_OK;
nomem:
    free(queue);
    free(seen);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory for the coalition analysis");
}

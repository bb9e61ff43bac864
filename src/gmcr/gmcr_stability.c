/*
 * gmcr_stability.c: Nash (R), GMR, SMR and SEQ stability of every state for
 * every decision maker, and the equilibria.
 *
 * For focal DM i at state s, with p = i's preference and H = the other DMs:
 *   Nash: no unilateral improvement (UI) of i from s.
 *   GMR:  every UI s1 has some s2 reachable by H from s1 with p(s2) <= p(s).
 *   SMR:  ... with moreover every state i can move to from s2 no better than s,
 *         i.e. best(s2) <= p(s) where best(x) = max p over x and i's moves from x.
 *   SEQ:  as GMR, reaching s2 by unilateral improvements of H only.
 * So each notion compares p(s) with max over UIs s1 of (least value reachable
 * from s1), the reach computed once for all states by gmcr_min_reach().
 */
#include "core/progress.h"
#include "gmcr_internal.h"
#include "core/clock.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct job {
    const parley_gmcr_model *m;
    unsigned notions;
    int32_t *best;  /* [n_dms * n] best level i can reach in one move (itself included) */
    int32_t *reach; /* [n_dms * 3 * n] least p / best / p-by-improvements reachable by the others */
    int rc[PARLEY_GMCR_MAX_DMS * 3];
    parley_gmcr_result *r;
    gmcr_cells *cells; /* [n_dms] */
    gmcr_sim_floors floors; /* for SIM and SEQ+SIM (table NULL otherwise) */
    progress_reporter *progress; /* states judged so far (the last, longest pass) */
} job;

/*
 * A DM's unilateral improvements from s are found without enumerating moves:
 * the members of s's cell and of the cells one move can lead to that the DM
 * prefers to s (gmcr_cells).  Each cell keeps suffix maxima of the three reach
 * values, so one binary search per cell gives the worst sanction outcome.
 */
/* best[] for DM i: the maximum over each cell, then over the cells one move can lead to. */
static void best_task(void *ctx, size_t i)
{
    job *J = ctx;
    const parley_gmcr_model *m = J->m;
    const gmcr_dm *d = &m->dms[i];
    size_t n = m->n_states, total = (size_t)1 << m->n_options;
    const int32_t *p = m->pref + i * n;
    int32_t *best = J->best + i * n;
    int32_t *cell = malloc(total * sizeof *cell);
    if (!cell) {
        J->rc[i] = PARLEY_ENOMEM;
        return;
    }
    for (size_t c = 0; c < total; c++)
        cell[c] = -1;
    for (size_t s = 0; s < n; s++) {
        uint32_t h = m->codes[s] & ~d->both;
        if (p[s] > cell[h])
            cell[h] = p[s];
    }
    uint32_t irr = d->fwd | d->back;
    for (uint32_t b = 1; b && b <= irr; b <<= 1) {
        if (!(irr & b))
            continue;
        for (size_t c = 0; c < total; c++) {
            uint32_t h = (uint32_t)c;
            if (h & d->both)
                continue;
            if ((d->fwd & b) && !(h & b) && cell[h | b] > cell[h])
                cell[h] = cell[h | b];
            if ((d->back & b) && (h & b) && cell[h & ~b] > cell[h])
                cell[h] = cell[h & ~b];
        }
    }
    for (size_t s = 0; s < n; s++)
        best[s] = cell[m->codes[s] & ~d->both];
    free(cell);
}

/* Task t = 3 * i + kind: the reach of the others of DM i (kind 0 GMR, 1 SMR, 2 SEQ). */
static void reach_task(void *ctx, size_t t)
{
    job *J = ctx;
    const parley_gmcr_model *m = J->m;
    size_t i = t / 3, kind = t % 3, n = m->n_states;
    static const unsigned needs[3] = {PARLEY_GMCR_GMR, PARLEY_GMCR_SMR, PARLEY_GMCR_SEQ | PARLEY_GMCR_SEQSIM};
    if (!(J->notions & needs[kind]))
        return;
    uint32_t others = ((1u << m->n_dms) - 1u) & ~(1u << i);
    const int32_t *value = kind == 1 ? J->best + i * n : m->pref + i * n;
    J->rc[t] = gmcr_min_reach(m, others, kind == 2, value, J->reach + t * n);
}

static void cells_task(void *ctx, size_t i)
{
    job *J = ctx;
    const parley_gmcr_model *m = J->m;
    const gmcr_dm *d = &m->dms[i];
    size_t n = m->n_states;
    gmcr_cells *C = &J->cells[i];
    int rc = gmcr_cells_layout(m, i, C);
    C->sup = malloc(3 * n * sizeof *C->sup);
    if (rc || !C->sup) {
        J->rc[i] = PARLEY_ENOMEM;
        return;
    }
    for (size_t kind = 0; kind < 3; kind++) {
        const int32_t *reach = J->reach + (3 * i + kind) * n;
        int32_t *sup = C->sup + kind * n;
        for (size_t k = n; k-- > 0;) {
            int32_t s = C->member[k];
            int32_t v = reach[s];
            if (k + 1 < n && (m->codes[C->member[k + 1]] & ~d->both) == (m->codes[s] & ~d->both) && sup[k + 1] > v)
                v = sup[k + 1];
            sup[k] = v;
        }
    }
}

static void cells_free(gmcr_cells *C)
{
    free(C->start);
    free(C->member);
    free(C->sup);
}

/*
 * SIM and SEQ+SIM of DM i at s (which has improvements): each improvement
 * checked in turn, first by the floors alone (an improvement they show
 * unsanctioned settles SIM at once), then by the search.
 */
static unsigned simultaneous_flags(const job *J, size_t i, int32_t s, unsigned flags)
{
    const parley_gmcr_model *m = J->m;
    const gmcr_dm *d = &m->dms[i];
    const gmcr_cells *C = &J->cells[i];
    size_t n = m->n_states;
    const int32_t *p = m->pref + i * n, *seq_reach = J->reach + (3 * i + 2) * n;
    int32_t ps = p[s];
    uint32_t cell = gmcr_cell_of(d, m->codes[s]), flip = gmcr_cell_flips(d, cell), hint = 0;
    for (int pass = J->floors.table ? 0 : 1; pass < 2; pass++) {
        uint32_t u = 0;
        do {
            uint32_t key = cell ^ u;
            for (size_t k = gmcr_cell_first_above(C, p, key, ps); k < C->start[key + 1]; k++) {
                int32_t s1 = C->member[k];
                int seq = seq_reach[s1] <= ps;
                if (((flags & PARLEY_GMCR_SIM) || ((flags & PARLEY_GMCR_SEQSIM) && !seq)) &&
                    (pass == 0 ? gmcr_sim_hopeless(m, &J->floors, i, s, s1)
                               : !gmcr_sim_sanctioned(m, J->cells, &J->floors, i, s, s1, NULL, &hint)))
                    flags &= ~(unsigned)(PARLEY_GMCR_SIM | (seq ? 0 : PARLEY_GMCR_SEQSIM));
                if (!(flags & (PARLEY_GMCR_SIM | PARLEY_GMCR_SEQSIM)))
                    return flags;
            }
            u = (u - flip) & flip;
        } while (u);
    }
    return flags;
}

#define SANCTION_NOTIONS (PARLEY_GMCR_GMR | PARLEY_GMCR_SMR | PARLEY_GMCR_SEQ | PARLEY_GMCR_SIM | PARLEY_GMCR_SEQSIM)

static void stability_range(void *ctx, size_t begin, size_t end)
{
    job *J = ctx;
    const parley_gmcr_model *m = J->m;
    size_t n = m->n_states, nd = m->n_dms;
    for (size_t s = begin; s < end; s++) {
        uint32_t code = m->codes[s];
        unsigned eq = J->notions;
        for (size_t i = 0; i < nd; i++) {
            const gmcr_dm *d = &m->dms[i];
            const int32_t *p = m->pref + i * n;
            int32_t ps = p[s];
            unsigned flags = J->notions;
            if (J->best[i * n + s] > ps) { /* some unilateral improvement exists */
                flags &= ~(unsigned)PARLEY_GMCR_NASH;
                if (!(J->notions & SANCTION_NOTIONS)) {
                    J->r->stable[s * nd + i] = (uint8_t)flags;
                    eq &= flags;
                    continue;
                }
                const gmcr_cells *C = &J->cells[i];
                int32_t worst_g = -1, worst_s = -1, worst_q = -1;
                uint32_t cell = gmcr_cell_of(d, code), flip = gmcr_cell_flips(d, cell), u = 0;
                do {
                    uint32_t key = cell ^ u;
                    size_t lo = gmcr_cell_first_above(C, p, key, ps);
                    if (lo < C->start[key + 1]) {
                        if (C->sup[lo] > worst_g)
                            worst_g = C->sup[lo];
                        if (C->sup[n + lo] > worst_s)
                            worst_s = C->sup[n + lo];
                        if (C->sup[2 * n + lo] > worst_q)
                            worst_q = C->sup[2 * n + lo];
                    }
                    u = (u - flip) & flip;
                } while (u);
                if (worst_g > ps)
                    flags &= ~(unsigned)PARLEY_GMCR_GMR;
                if (worst_s > ps)
                    flags &= ~(unsigned)PARLEY_GMCR_SMR;
                if (worst_q > ps)
                    flags &= ~(unsigned)PARLEY_GMCR_SEQ;
                /* SEQ+SIM needs a look at each improvement only when some has no SEQ sanction */
                if ((flags & PARLEY_GMCR_SIM) || ((flags & PARLEY_GMCR_SEQSIM) && worst_q > ps))
                    flags = simultaneous_flags(J, i, (int32_t)s, flags);
            }
            J->r->stable[s * nd + i] = (uint8_t)flags;
            eq &= flags;
        }
        J->r->eq[s] = (uint8_t)eq;
        if ((s - begin) % 4096 == 4095)
            progress_add(J->progress, 4096);
    }
    progress_add(J->progress, (end - begin) % 4096);
}

/* Frees what the analysis of J->m kept while it ran (not its result): the floors, the nd DMs' cells, the best and
   reach tables. */
static void job_release(job *J, size_t nd)
{
    gmcr_sim_floors_release(J->m, &J->floors);
    for (size_t i = 0; J->cells && i < nd; i++)
        cells_free(&J->cells[i]);
    free(J->cells);
    free(J->best);
    free(J->reach);
}

int parley_gmcr_analyze(const parley_gmcr_model *m, const parley_gmcr_options *options,
                        parley_gmcr_result **out, parley_error *err)
{
    *out = NULL;
    if (!m)
        return parley_error_set(err, PARLEY_EINVAL, "no model");
    double t0 = parley_monotonic_seconds();
    unsigned notions = options && options->notions ? options->notions & (PARLEY_GMCR_ALL | PARLEY_GMCR_LH | PARLEY_GMCR_NM)
                                                   : PARLEY_GMCR_ALL;
    unsigned horizon = options && options->horizon ? options->horizon : 2;
    if ((notions & (PARLEY_GMCR_LH | PARLEY_GMCR_NM)) && m->n_dms != 2)
        return parley_error_set(err, PARLEY_EINVAL,
                                "limited-move and non-myopic stability are defined here for two decision makers, "
                                "the model has %zu",
                                m->n_dms);
    unsigned threads = gmcr_thread_count(options ? options->threads : 0);
    size_t n = m->n_states, nd = m->n_dms;
    job J = {.m = m, .notions = notions | PARLEY_GMCR_NASH};
    parley_gmcr_result *r = calloc(1, sizeof *r);
    int rc = PARLEY_ENOMEM;
    if (!r)
        goto fail;
    r->model = m;
    r->notions = J.notions;
    r->threads = threads;
    r->stable = malloc(n * nd);
    r->eq = malloc(n);
    J.best = malloc(n * nd * sizeof *J.best);
    J.reach = (notions & SANCTION_NOTIONS)
                  ? calloc(n * nd * 3, sizeof *J.reach)
                  : calloc(1, sizeof *J.reach);
    if (!r->stable || !r->eq || !J.best || !J.reach)
        goto fail;
    J.r = r;
    gmcr_parallel_tasks(nd, threads, best_task, &J);
    for (size_t i = 0; i < nd; i++)
        if (J.rc[i]) {
            rc = J.rc[i];
            goto fail;
        }
    if (notions & SANCTION_NOTIONS) {
        gmcr_parallel_tasks(3 * nd, threads, reach_task, &J);
        for (size_t t = 0; t < 3 * nd; t++)
            if (J.rc[t]) {
                rc = J.rc[t];
                goto fail;
            }
    }
    if (notions & SANCTION_NOTIONS) {
        J.cells = calloc(nd, sizeof *J.cells);
        if (!J.cells)
            goto fail;
        gmcr_parallel_tasks(nd, threads, cells_task, &J);
        for (size_t i = 0; i < nd; i++)
            if (J.rc[i]) {
                rc = J.rc[i];
                goto fail;
            }
    }
    if ((notions & (PARLEY_GMCR_SIM | PARLEY_GMCR_SEQSIM)) && (rc = gmcr_sim_floors_build(m, threads, &J.floors)) != 0)
        goto fail;
    progress_reporter progress;
    progress_init(&progress, options ? options->progress : NULL, options ? options->progress_user : NULL, "states",
                  (double)n);
    J.progress = &progress;
    gmcr_parallel_for(n, threads, stability_range, &J);
    progress_finish(&progress);
    if (notions & (PARLEY_GMCR_LH | PARLEY_GMCR_NM)) {
        rc = gmcr_foresight(m, notions, horizon, r, err);
        if (rc)
            goto fail_quiet;
    }
    r->seconds = parley_monotonic_seconds() - t0;
    job_release(&J, nd);
    *out = r;
    return PARLEY_OK;
fail:
    parley_error_set(err, rc, "%s during the stability analysis of %zu states", parley_strerror(rc), n);
fail_quiet:
    job_release(&J, nd);
    parley_gmcr_result_free(r);
    return rc;
}

void parley_gmcr_result_free(parley_gmcr_result *r)
{
    if (!r)
        return;
    free(r->stable);
    free(r->eq);
    free(r);
}

unsigned parley_gmcr_result_notions(const parley_gmcr_result *r)
{
    return r ? r->notions : 0;
}

unsigned parley_gmcr_result_stable(const parley_gmcr_result *r, size_t state, size_t dm)
{
    if (!r || state >= r->model->n_states || dm >= r->model->n_dms)
        return 0;
    return r->stable[state * r->model->n_dms + dm];
}

unsigned parley_gmcr_result_equilibrium(const parley_gmcr_result *r, size_t state)
{
    return r && state < r->model->n_states ? r->eq[state] : 0;
}

size_t parley_gmcr_result_equilibrium_count(const parley_gmcr_result *r, parley_gmcr_notion notion)
{
    size_t count = 0;
    for (size_t s = 0; r && s < r->model->n_states; s++)
        count += (r->eq[s] & notion) != 0;
    return count;
}

unsigned parley_gmcr_result_horizon(const parley_gmcr_result *r)
{
    return r ? r->horizon : 0;
}

unsigned parley_gmcr_result_nm_period(const parley_gmcr_result *r)
{
    return r ? r->nm_period : 0;
}

double parley_gmcr_result_seconds(const parley_gmcr_result *r)
{
    return r ? r->seconds : 0.0;
}

unsigned parley_gmcr_result_threads(const parley_gmcr_result *r)
{
    return r ? r->threads : 0;
}

const char *parley_gmcr_notion_name(parley_gmcr_notion notion)
{
    switch (notion) {
    case PARLEY_GMCR_NASH: return "Nash";
    case PARLEY_GMCR_GMR: return "GMR";
    case PARLEY_GMCR_SMR: return "SMR";
    case PARLEY_GMCR_SEQ: return "SEQ";
    case PARLEY_GMCR_SIM: return "SIM";
    case PARLEY_GMCR_SEQSIM: return "SEQSIM";
    case PARLEY_GMCR_LH: return "Lh";
    case PARLEY_GMCR_NM: return "NM";
    default: return "?";
    }
}

/*
 * gmcr_internal.h: what the files of src/gmcr share: the model and result
 * structures, the condition expressions, the thread helper and the reach sweep.
 */
#ifndef PARLEY_GMCR_INTERNAL_H
#define PARLEY_GMCR_INTERNAL_H

#include <parley/gmcr.h>

#include <stdint.h>

/* ---- condition expressions (gmcr_expr.c) ---------------------------------- */

typedef enum gmcr_op { GMCR_OPT, GMCR_NOT, GMCR_AND, GMCR_OR, GMCR_IMPLIES, GMCR_IFF } gmcr_op;

typedef struct gmcr_expr {
    gmcr_op op;
    int option;              /* GMCR_OPT: 0-based option */
    struct gmcr_expr *a, *b; /* operands (a only for NOT) */
} gmcr_expr;

/* Resolves an option name or number in an expression; returns the 0-based option or -1. */
typedef int (*gmcr_resolve_fn)(void *ctx, const char *name, size_t len);

/*
 * Parses a condition ("1 & -3", "2 | 4", "if 1 then 2", "1 iff 2", "2 if 1",
 * "not release & (talks | truce)").  On failure returns NULL, sets *column
 * (1-based, where the problem is) and writes a message into msg.
 * *nomem is set when the failure is an allocation.
 */
gmcr_expr *gmcr_expr_parse(const char *text, gmcr_resolve_fn resolve, void *ctx, int *column, char *msg,
                           size_t msg_size, int *nomem);
void gmcr_expr_free(gmcr_expr *e);
/* A new node `op` over a and b (either may be NULL); on allocation failure frees a and b and returns NULL. */
gmcr_expr *gmcr_expr_node(gmcr_op op, gmcr_expr *a, gmcr_expr *b);
int gmcr_expr_eval(const gmcr_expr *e, uint32_t code);

/* ---- model (gmcr_model.c) ------------------------------------------------- */

typedef struct gmcr_option {
    char *id;
    char *name;
    int owner;
    parley_gmcr_direction dir;
} gmcr_option;

typedef struct gmcr_dm {
    char *name;
    uint32_t mask;  /* options it controls */
    uint32_t both;  /* ... that are reversible */
    uint32_t fwd;   /* ... that may only be taken */
    uint32_t back;  /* ... that may only be withdrawn */
} gmcr_dm;

struct parley_gmcr_model {
    char *name;
    size_t n_options;
    gmcr_option *options;
    size_t n_dms;
    gmcr_dm *dms;
    size_t n_states;   /* feasible states */
    uint32_t *codes;   /* [n_states] ascending */
    int32_t *index;    /* [2^n_options] ordinal or -1 */
    int32_t *pref;     /* [n_dms * n_states] preference level, higher is better */
    int has_status_quo;
    uint32_t status_quo;
};

/* Building a model (the loader fills options/dms then calls these). */
typedef struct gmcr_builder {
    parley_gmcr_model *m;
    gmcr_expr **infeasible; /* conditions that make a state infeasible */
    size_t n_infeasible, cap_infeasible;
} gmcr_builder;

/* Adds a condition (takes ownership, also on failure). */
int gmcr_builder_add_infeasible(gmcr_builder *b, gmcr_expr *e);
/* Enumerates feasible states, fills codes/index.  PARLEY_EINVAL when none is feasible. */
int gmcr_builder_states(gmcr_builder *b, parley_error *err);
void gmcr_builder_release(gmcr_builder *b);

/*
 * Turns raw scores (one per feasible state, higher better) of one DM into dense
 * preference levels 0..k-1.  Returns 0 or PARLEY_ENOMEM.
 */
int gmcr_model_set_scores(parley_gmcr_model *m, size_t dm, const int64_t *scores);

/* Unilateral move of a DM from state code s to t (codes): 1 when legal (t feasible, directions respected). */
static inline int gmcr_legal_move(const gmcr_dm *d, uint32_t s, uint32_t t)
{
    uint32_t diff = s ^ t;
    if (diff == 0 || (diff & ~d->mask))
        return 0;
    if (diff & d->fwd & s) /* clearing a forward-only option */
        return 0;
    if (diff & d->back & ~s) /* taking a backward-only option */
        return 0;
    return 1;
}

/* ---- threads (gmcr_parallel.c) -------------------------------------------- */

typedef void (*gmcr_range_fn)(void *ctx, size_t begin, size_t end);

/* Number of threads to use for `requested` (0: online CPUs), at most 64. */
unsigned gmcr_thread_count(unsigned requested);

/*
 * Runs fn over [0, n) split into chunks on `threads` threads (the caller's
 * thread is one of them).  Returns 0, or PARLEY_EINTERNAL when a thread could
 * not be started (the work is then finished on the caller's thread).
 */
int gmcr_parallel_for(size_t n, unsigned threads, gmcr_range_fn fn, void *ctx);

/* Runs task(ctx, i) for i in [0, n) with up to `threads` threads. */
typedef void (*gmcr_task_fn)(void *ctx, size_t i);
int gmcr_parallel_tasks(size_t n, unsigned threads, gmcr_task_fn task, void *ctx);

/* ---- reachability (gmcr_reach.c) ------------------------------------------ */

/*
 * For every feasible state x, out[x] = the least value[y] over the states y
 * that the DMs in `movers` (bit mask) can reach from x by sequences of
 * unilateral moves (x itself included).  With `improving` only unilateral
 * improvements count (each move strictly better for the DM making it).
 * value[] and out[] are indexed by ordinal; values are in [0, n_states].
 */
int gmcr_min_reach(const parley_gmcr_model *m, uint32_t movers, int improving, const int32_t *value,
                   int32_t *out);

/* ---- result (gmcr_stability.c) -------------------------------------------- */

struct parley_gmcr_result {
    const parley_gmcr_model *model;
    unsigned notions;
    uint8_t *stable; /* [n_states * n_dms] notion flags */
    uint8_t *eq;     /* [n_states] notion flags */
    double seconds;
    unsigned threads;
    unsigned horizon;   /* of L_h, 0 when not computed */
    unsigned nm_period; /* of the non-myopic cycle, 0 when not computed */
};

/*
 * A DM's states grouped in "cells": the states that agree outside the DM's
 * reversible options.  A DM's moves from s lead to the other members of s's
 * cell and to the members of the cells reached by flipping irreversible
 * options the allowed way.  Members of each cell are sorted by the DM's
 * preference, so its unilateral improvements from s are a suffix of each cell.
 */
typedef struct gmcr_cells {
    uint32_t *start; /* [2^n + 1] offsets of each cell's members */
    int32_t *member; /* [n] states, by cell then preference */
    int32_t *sup;    /* [3 * n] suffix maxima of the reach values over each cell (gmcr_stability.c) */
} gmcr_cells;

static inline uint32_t gmcr_cell_of(const gmcr_dm *d, uint32_t code)
{
    return code & ~d->both;
}

/* Irreversible options a DM may still flip from a state of this cell (taking forward, withdrawing backward). */
static inline uint32_t gmcr_cell_flips(const gmcr_dm *d, uint32_t cell)
{
    return (d->fwd & ~cell) | (d->back & cell);
}

/* Index of the first member of cell `key` that the DM prefers to level ps (the cell's end when none). */
static inline size_t gmcr_cell_first_above(const gmcr_cells *C, const int32_t *p, uint32_t key, int32_t ps)
{
    size_t lo = C->start[key], hi = C->start[key + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p[C->member[mid]] > ps)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* ---- simultaneous sanctions (gmcr_sim.c) ---------------------------------- */

/*
 * 1 when DM i's unilateral improvement s -> s1 (ordinals) is sanctioned
 * simultaneously: some choice, for every other DM, of staying or one of its
 * unilateral improvements from s, made at the same time as i's move, gives a
 * feasible state that i does not prefer to s.  cells[] holds every DM's cells
 * (only start and member are read).  When choice is not NULL ([n_dms]) it
 * receives each other DM's choice in the sanction found (-1: it stays).
 */
typedef struct gmcr_sim_floors gmcr_sim_floors;
int gmcr_sim_sanctioned(const parley_gmcr_model *m, const gmcr_cells *cells, const gmcr_sim_floors *floors, size_t i,
                        int32_t s, int32_t s1, int32_t *choice, uint32_t *hint);

/*
 * Lower bounds that let the search give up early (floors may be NULL): for
 * focal DM i and the next other DM j to choose, table[i * n_dms + j][c] is the
 * least p_i over the feasible states that equal c outside free[i * n_dms + j]
 * (the options of j and of every other DM after it), read at c with those
 * options cleared; INT32_MAX when there is none.  Not built (table NULL) when
 * they would take more than 2^24 entries in all.
 */
struct gmcr_sim_floors {
    int32_t **table;
    uint32_t *free;
};
/* 1 when the floors show at once that DM i's improvement s -> s1 has no simultaneous sanction. */
int gmcr_sim_hopeless(const parley_gmcr_model *m, const gmcr_sim_floors *floors, size_t i, int32_t s, int32_t s1);
/* Returns 0 (table left NULL when too large) or PARLEY_ENOMEM. */
int gmcr_sim_floors_build(const parley_gmcr_model *m, unsigned threads, gmcr_sim_floors *f);
void gmcr_sim_floors_release(const parley_gmcr_model *m, gmcr_sim_floors *f);

/* Lays out DM i's cells (start and member; sup untouched).  Returns 0 or PARLEY_ENOMEM (C may be half built). */
int gmcr_cells_layout(const parley_gmcr_model *m, size_t i, gmcr_cells *C);
/* Builds every DM's cells (start and member; sup is left NULL; calloc'd cells[n_dms]).  Returns 0 or PARLEY_ENOMEM. */
int gmcr_cells_build(const parley_gmcr_model *m, gmcr_cells *cells);
void gmcr_cells_release(const parley_gmcr_model *m, gmcr_cells *cells);

/* Legal moves of DM d from the state with ordinal s, as ordinals, into out (at most n_states); returns the count. */
size_t gmcr_moves(const parley_gmcr_model *m, size_t d, int32_t s, int32_t *out);

/* ---- limited-move and non-myopic stability (gmcr_foresight.c) ------------- */

/* Fills the LH and/or NM flags of r->stable for a two-DM model (r->stable already holds the other flags). */
int gmcr_foresight(const parley_gmcr_model *m, unsigned notions, unsigned horizon, parley_gmcr_result *r,
                   parley_error *err);

#endif

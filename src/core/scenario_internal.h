/*
 * scenario_internal.h: the layout of parley_scenario, shared by scenario.c
 * (parties, constraints, metadata, copies) and phases.c (phases, trust,
 * fallbacks, expected utilities).  Not public API.
 */
#ifndef PARLEY_CORE_SCENARIO_INTERNAL_H
#define PARLEY_CORE_SCENARIO_INTERNAL_H

#include <parley/scenario.h>

/* Most phases an agreement may have. */
#define MAX_PHASES 16

struct party {
    char *name;
    char *description;
    parley_role role;
    parley_utility *utility;
};

struct constraint {
    parley_constraint view; /* strings below are owned here */
    parley_expr *expr;
};

struct phase {
    char *name;
    char *description;
    double weeks;
    size_t *issues;
    size_t count;
};

struct parley_scenario {
    struct phase *phases;
    size_t phase_count;
    long *issue_phase;     /* [issue count] phase index or -1; NULL until a phase is added */
    uint32_t *fallback;    /* [issue count]; NULL means all 0 */
    double *trust;         /* [trust_size] by party * MAX_PHASES + phase; NULL means all 1 */
    size_t trust_size;
    parley_space *space;
    char *title, *description;
    struct party *parties;
    size_t party_count;
    struct constraint *constraints;
    size_t constraint_count;
    size_t constraint_cap;  /* slots allocated in constraints (grown by doubling) */
    size_t *name_slots;     /* open-addressing hash of (party, name): constraint index + 1, 0 = empty */
    size_t name_slot_count; /* a power of two, or 0 while no index is built */
    size_t name_indexed;    /* constraints the index holds (it is rebuilt when this falls behind) */
    parley_source *sources;
    size_t source_count;
    size_t *negotiators;
    size_t negotiator_count;
};


/* Replaces *slot by a copy of text (NULL allowed); PARLEY_ENOMEM leaves it unchanged. */
int scenario_replace_string(char **slot, const char *text);
/* Grows an array of `elem`-sized items by one slot; returns the new slot (zeroed) or NULL. */
void *scenario_grow_one(void **array, size_t count, size_t elem);

#endif

/* approx_internal.h: the layout of a parley_approx result and its archive (shared by approx*.c only). */
#ifndef PARLEY_APPROX_INTERNAL_H
#define PARLEY_APPROX_INTERNAL_H

#include <parley/approx.h>

/* Most outcomes an archive keeps; beyond it new non-dominated outcomes are dropped (and `full` set). */
#define APPROX_ARCHIVE_MAX 200000u

/* Mutually non-dominated outcomes, one per utility vector. */
typedef struct approx_archive {
    size_t parties, issues;
    size_t count, capacity;
    double *u;               /* [capacity * parties] */
    uint32_t *values;        /* [capacity * issues] */
    unsigned char *explored; /* [capacity] the Pareto local search has tried its neighbours */
    int failed, full;
} approx_archive;

void approx_archive_init(approx_archive *ar, size_t parties, size_t issues);
void approx_archive_free(approx_archive *ar);
/* Keeps the outcome when no kept one dominates or equals it; drops those it dominates. Returns 1 when kept. */
int approx_archive_offer(approx_archive *ar, const double *u, const uint32_t *values);
/* Sorts by the first party's utility (then the next ones). */
void approx_archive_sort(approx_archive *ar);

struct parley_approx {
    size_t n, issues;
    size_t *party;          /* [n] scenario party index */
    double *reservation;    /* [n] */
    double *best;           /* [n] */
    approx_archive front;
    double outcomes;
    uint64_t evaluations, samples, samples_ok;
    int has_solutions;
    size_t solution[PARLEY_SOLUTION_COUNT];
    double solution_value[PARLEY_SOLUTION_COUNT];
    double seconds;
    unsigned threads;
    int exact, counted;         /* exact frontier by merging; exact acceptable count */
    uint64_t acceptable;        /* when counted */
    const char *exact_note;     /* why not exact */
};

#endif

/*
 * progress.h: the library side of parley_progress_fn: a reporter shared by
 * the workers of one computation.  Workers add their work in chunks
 * (progress_add); the first to arrive after the 0.1 s interval calls the
 * user's callback, guarded so that no two calls overlap.  With no callback
 * every function returns at once.
 */
#ifndef PARLEY_CORE_PROGRESS_H
#define PARLEY_CORE_PROGRESS_H

#include <parley/progress.h>
#include <stdatomic.h>
#include <stdint.h>

/* Work a worker accumulates before it adds it to the reporter (outcomes or evaluations). */
#define PROGRESS_CHUNK 65536u

typedef struct progress_reporter {
    parley_progress_fn fn; /* NULL: silent */
    void *user;
    const char *what;
    double total;
    atomic_uint_fast64_t done;
    atomic_int_fast64_t next_ns; /* monotonic time after which the next report is due */
    atomic_flag busy;            /* set while the callback runs */
} progress_reporter;

void progress_init(progress_reporter *p, parley_progress_fn fn, void *user, const char *what, double total);
/* Adds `amount` to the work done and reports when a report is due. */
void progress_add(progress_reporter *p, uint64_t amount);
/* The final report (done = total), from the calling thread once the workers have joined. */
void progress_finish(progress_reporter *p);

#endif

/*
 * parley/progress.h: how long computations tell their caller how far they are.
 *
 * The exact analysis (parley_analyze), the approximate one
 * (parley_analyze_approximate), the diagnosis (parley_diagnose) and the
 * tournament (parley_tournament_run_all) take an optional callback in their
 * options.  It is called with the work done so far and the total (both in the
 * unit named by `what`: "outcomes", "evaluations", "negotiations"; `what` is a
 * string valid during the call; it may name a pass: "outcomes (diagnose pass 3)"),
 * at most about ten times a second, and once more with done == total when the
 * work is complete.  Workers count in chunks (tens of thousands of outcomes),
 * so the hook costs nothing measurable in the loops.  The callback may be
 * called from any of the computation's threads, but never by two at once; it
 * must not call back into the computation.  NULL means no reports.
 */
#ifndef PARLEY_PROGRESS_H
#define PARLEY_PROGRESS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*parley_progress_fn)(void *user, double done, double total, const char *what);

#ifdef __cplusplus
}
#endif
#endif

/*
 * tournament_checkpoint.h: one line of a distributed tournament's checkpoint
 * file read into a packed result (the layout tournament_dist.c documents),
 * apart from MPI so that a fuzz target (fuzz/fuzz_checkpoint.c) can read
 * lines too.
 */
#ifndef PARLEY_CLI_TOURNAMENT_CHECKPOINT_H
#define PARLEY_CLI_TOURNAMENT_CHECKPOINT_H

#include <stddef.h>

#define CHECKPOINT_HEAD 8 /* packed values before the utilities */
#define CHECKPOINT_MAX_PARTIES 64
#define CHECKPOINT_MAX_PACKED (CHECKPOINT_HEAD + 22 * CHECKPOINT_MAX_PARTIES)

/* The length of packed result v (from its party count and whether it has the accuracy figures). */
size_t checkpoint_packed_length(const double *v);
/*
 * Reads one checkpoint line (a JSON object: run, agreed, rounds, pareto,
 * nash, welfare, utility[], discounted[], accuracy[]?) into v[CHECKPOINT_MAX_PACKED].
 * Returns the packed length, or 0 when the line is not such a result.
 */
size_t checkpoint_parse_line(const char *text, double *v);

#endif

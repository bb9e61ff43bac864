/*
 * tournament_dist.h: sharing a tournament's runs out over MPI ranks, and
 * checkpoints that let a stopped tournament resume where it stopped.
 *
 * Under `mpirun -n N`, rank 0 hands out batches of run numbers on request
 * (dynamic scheduling: a rank asks again when it has played its batch, so slow
 * agents and large domains balance), plays runs itself with its own threads,
 * collects every result and writes the output; the other ranks only play.  A
 * run's result depends only on its number, so the output is the same as one
 * process's.  With --checkpoint FILE, rank 0 appends every finished run to
 * FILE and skips the runs FILE already holds when the tournament is started
 * again with the same arguments.
 */
#ifndef PARLEY_CLI_TOURNAMENT_DIST_H
#define PARLEY_CLI_TOURNAMENT_DIST_H

#include <parley/tournament.h>

typedef struct tournament_dist tournament_dist;

/*
 * Sets cfg's claim/done hooks when the tournament is distributed or
 * checkpointed (*out stays NULL otherwise).  `runs` is the tournament's run
 * count, `fingerprint` a text naming the tournament (arguments that decide the
 * runs), kept in the checkpoint so another tournament cannot resume from it.
 */
int tournament_dist_begin(parley_tournament_config *cfg, size_t runs, const char *checkpoint,
                          const char *fingerprint, tournament_dist **out, parley_error *err);

/*
 * After parley_tournament_run_all, whatever it returned (t NULL on failure):
 * the other ranks hand in their last results; rank 0 fills t with every run
 * played elsewhere or read from the checkpoint and checks that none is
 * missing.  *writer is 1 on the rank that writes the output.
 */
int tournament_dist_end(tournament_dist *d, parley_tournament *t, int *writer, parley_error *err);

void tournament_dist_free(tournament_dist *d);

#endif

/*
 * analyze_dist.h: `mpirun -n N parley analyze`: the outcome space split into N
 * ranges, one per rank (each on its threads); rank 0 merges the parts into the
 * analysis of the whole space (parley_analysis_merge_packed), the same figures
 * as one process, and writes the output.
 */
#ifndef PARLEY_CLI_ANALYZE_DIST_H
#define PARLEY_CLI_ANALYZE_DIST_H

#include <parley/analysis.h>

/*
 * As parley_analyze, over every rank when run under mpirun with more than one
 * rank.  *writer is 1 on the rank that gets the whole analysis in *out (rank
 * 0); the others get NULL.
 */
int analyze_distributed(const parley_scenario *sc, const parley_analysis_options *options, parley_analysis **out,
                        int *writer, parley_error *err);

#endif

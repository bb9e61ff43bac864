/*
 * mpi.h: parley under mpirun.  The binary always links OpenMPI, but MPI is
 * started only when the process was launched by mpirun (its environment says
 * so): run by hand, parley is one process with its thread pool, exactly as
 * without MPI, and pays nothing for it.
 */
#ifndef PARLEY_CLI_MPI_H
#define PARLEY_CLI_MPI_H

#include <stdlib.h>

/* mpirun (Open MPI) and other PMI launchers leave these in every rank's environment. */
static inline int cli_launched_by_mpirun(void)
{
    return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMI_SIZE") || getenv("PMIX_RANK");
}

/* Starts MPI when launched by mpirun (threads: serialised calls). Returns 0, or -1 when MPI failed to start. */
int cli_mpi_start(int *argc, char ***argv);
/* Ends MPI if it was started (at the end of main). */
void cli_mpi_stop(void);
/* This process's rank and the number of ranks (0 and 1 without mpirun). */
int cli_mpi_rank(void);
int cli_mpi_size(void);
/* Ends every rank at once after a failure that leaves the others waiting (mpirun reports it). */
void cli_mpi_abort(int code);

#endif

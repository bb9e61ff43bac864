/* mpi.c: starting and stopping MPI only under mpirun (see mpi.h). */
#include "mpi.h"

#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

static int started;

int cli_mpi_start(int *argc, char ***argv)
{
    if (!cli_launched_by_mpirun())
        return 0;
    int provided = 0;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_SERIALIZED, &provided) != MPI_SUCCESS) {
        fprintf(stderr, "parley: MPI could not start\n");
        return -1;
    }
    started = 1;
    if (provided < MPI_THREAD_SERIALIZED) {
        fprintf(stderr, "parley: this MPI library cannot be called from several threads (one at a time)\n");
        MPI_Finalize();
        started = 0;
        return -1;
    }
    return 0;
}

void cli_mpi_stop(void)
{
    if (started)
        MPI_Finalize();
    started = 0;
}

int cli_mpi_rank(void)
{
    int rank = 0;
    if (started)
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}

int cli_mpi_size(void)
{
    int size = 1;
    if (started)
        MPI_Comm_size(MPI_COMM_WORLD, &size);
    return size;
}

void cli_mpi_abort(int code)
{
    if (started)
        MPI_Abort(MPI_COMM_WORLD, code);
}

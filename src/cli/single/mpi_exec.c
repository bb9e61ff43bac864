/*
 * mpi_exec.c: mpi.h for the executables that do not link OpenMPI (parley,
 * parley-serve): one process, rank 0 of 1; launched by mpirun, the process
 * becomes parley-mpi with the same arguments, which starts MPI (src/cli/mpi.c).
 */
#include "cli/mpi.h"

#include "exec_helper.h"

int cli_mpi_start(int *argc, char ***argv)
{
    if (!cli_launched_by_mpirun())
        return 0;
    cli_exec_helper("parley-mpi", *argv);
    return -1;
}

void cli_mpi_stop(void)
{
}

int cli_mpi_rank(void)
{
    return 0;
}

int cli_mpi_size(void)
{
    return 1;
}

void cli_mpi_abort(int code)
{
}

/*
 * mpi_none.h: the few MPI names the distributed code (analyze_dist.c,
 * tournament_dist.c) uses, for the single-process `parley` binary that does
 * not link OpenMPI (docs/speed.md).  There cli_mpi_size() is always 1, so none
 * of these calls is reached; each one fails if it ever were.
 */
#ifndef PARLEY_CLI_MPI_NONE_H
#define PARLEY_CLI_MPI_NONE_H

typedef struct {
    int MPI_SOURCE, MPI_TAG;
} MPI_Status;

enum { MPI_SUCCESS = 0, MPI_FAILED = 1, MPI_ANY_SOURCE = -1, MPI_ANY_TAG = -1 };
enum { MPI_COMM_WORLD, MPI_BYTE, MPI_DOUBLE, MPI_ERRORS_RETURN };
#define MPI_STATUS_IGNORE ((MPI_Status *)0)

static inline int MPI_Send(const void *buf, int n, int type, int to, int tag, int comm)
{
    return MPI_FAILED;
}
static inline int MPI_Recv(void *buf, int n, int type, int from, int tag, int comm, MPI_Status *status)
{
    return MPI_FAILED;
}
static inline int MPI_Probe(int from, int tag, int comm, MPI_Status *status)
{
    return MPI_FAILED;
}
static inline int MPI_Get_count(const MPI_Status *status, int type, int *count)
{
    *count = 0;
    return MPI_FAILED;
}
static inline int MPI_Comm_set_errhandler(int comm, int handler)
{
    return MPI_FAILED;
}

#endif

/* analyze_dist.c: an exact analysis with its outcome range shared out over MPI ranks (see analyze_dist.h). */
#include "analyze_dist.h"

#include <limits.h>
#ifdef PARLEY_CLI_SINGLE_PROCESS
#include "mpi_none.h" /* the parley binary: one process, no OpenMPI */
#else
#include <mpi.h>
#endif
#include <stdlib.h>

#include <parley/parley.h>

#include "mpi.h"

enum { TAG_PART = 11 };

/* Rank 0's progress stands for every rank's: equal parts of the space, scanned at about the same pace. */
struct scaled_progress {
    parley_progress_fn fn;
    void *user;
    int size;
};

static void progress_all_ranks(void *user, double done, double total, const char *what)
{
    const struct scaled_progress *p = user;
    double all = done * p->size;
    p->fn(p->user, all < total ? all : total, total, what);
}

int analyze_distributed(const parley_scenario *sc, const parley_analysis_options *options, parley_analysis **out,
                        int *writer, parley_error *err)
{
    int size = cli_mpi_size(), rank = cli_mpi_rank();
    *writer = rank == 0;
    *out = NULL;
    if (size == 1)
        return parley_analyze(sc, options, out, err);
    if (options && options->plot_bins)
        return parley_error_set(err, PARLEY_EINVAL, "--plot is drawn by one process: run it without mpirun");
    uint64_t total;
    if (parley_space_size_u64(parley_scenario_space(sc), &total) != PARLEY_OK)
        return parley_analyze(sc, options, out, err); /* every rank fails alike: too many outcomes */
    parley_analysis_options part = options ? *options : (parley_analysis_options){0};
    uint64_t share = total / (uint64_t)size, extra = total % (uint64_t)size, r = (uint64_t)rank;
    part.first = share * r + (r < extra ? r : extra);
    part.count = share + (r < extra);
    struct scaled_progress scaled = {part.progress, part.progress_user, size};
    if (part.progress && rank == 0) {
        part.progress = progress_all_ranks;
        part.progress_user = &scaled;
    } else {
        part.progress = NULL; /* rank 0 shows the progress */
    }
    parley_analysis *a = NULL;
    int rc = part.count ? parley_analyze(sc, &part, &a, err) : PARLEY_OK;
    if (rank != 0) {
        /* An empty message says this rank failed; rank 0 reports it. */
        void *buf = NULL;
        size_t len = 0;
        if (a && (parley_analysis_pack(a, &buf, &len, err) != PARLEY_OK || len > INT_MAX))
            len = 0;
        MPI_Send(buf, (int)len, MPI_BYTE, 0, TAG_PART, MPI_COMM_WORLD);
        free(buf);
        parley_analysis_free(a);
        return rc;
    }
    if (rc == PARLEY_OK && !a) /* rank 0's range was empty: analyse nothing, merge everything */
        rc = PARLEY_EINTERNAL;
    for (int from = 1; from < size; from++) {
        MPI_Status status;
        int len = 0;
        MPI_Probe(from, TAG_PART, MPI_COMM_WORLD, &status);
        MPI_Get_count(&status, MPI_BYTE, &len);
        void *buf = malloc(len > 0 ? (size_t)len : 1);
        MPI_Recv(buf, len, MPI_BYTE, from, TAG_PART, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        /* a rank past the last outcome (more ranks than outcomes) had nothing to analyse: its empty message is
           no failure (it made `mpirun -n 7 parley analyze` of 6 outcomes fail) */
        uint64_t its_count = share + ((uint64_t)from < extra);
        if (rc == PARLEY_OK && len == 0 && its_count > 0)
            rc = parley_error_set(err, PARLEY_EINTERNAL, "rank %d could not analyse its part of the space", from);
        else if (rc == PARLEY_OK && len > 0)
            rc = parley_analysis_merge_packed(a, sc, buf, (size_t)len, err);
        free(buf);
    }
    if (rc != PARLEY_OK) {
        parley_analysis_free(a);
        return rc;
    }
    *out = a;
    return PARLEY_OK;
}

/*
 * tournament_dist.c: a tournament's runs shared out over MPI ranks, and its
 * checkpoint file (see tournament_dist.h).
 *
 * Messages (MPI_DOUBLE arrays, rank 0 <-> rank r):
 *   REQUEST r -> 0: the results of r's thread's last batch, packed, and a
 *                   request for the next batch;
 *   BATCH   0 -> r: {first, count}, count 0 when no run is left;
 *   FINAL   r -> 0: r has stopped (its results, if any left, packed).
 * A packed result: {run, agreed, rounds, parties, pareto, nash, welfare,
 * has accuracy, utility[parties], discounted[parties], then when has
 * accuracy the opponent models' accuracy (pearson, rmse, kendall, samples)
 * at the end [parties] and over time [parties * 4]}; every value fits a
 * double exactly.
 */
#include "tournament_dist.h"
#include "tournament_checkpoint.h"
#include "core/strutil.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#ifdef PARLEY_CLI_SINGLE_PROCESS
#include "mpi_none.h" /* the parley binary: one process, no OpenMPI */
#else
#include <mpi.h>
#endif
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mpi.h"
#include <parley/progress.h>

enum { TAG_REQUEST = 1, TAG_BATCH = 2, TAG_FINAL = 3 };
enum { FREE = 0, OUT = 1, DONE = 2 };
#define HEAD CHECKPOINT_HEAD /* packed values before the utilities */

struct buffer {
    double *v;
    size_t n, cap;
};

struct tournament_dist {
    int rank, size;
    size_t runs, next;
    unsigned char *state;   /* rank 0: per run FREE, OUT (handed out) or DONE */
    int *owner;             /* rank 0: the rank a run was handed to */
    double **packed;        /* rank 0: results played elsewhere or read from the checkpoint */
    pthread_mutex_t lock;
    FILE *checkpoint;
    size_t batch_hint;      /* threads over every rank, for the batch size */
    struct buffer *buffers; /* other ranks: per local thread, results not yet handed in */
    pthread_t dispatcher;
    int dispatching;
    int mpi_failed;
    char lost_path[4096]; /* CHECKPOINT.lost: where a stopped job records the runs it lost ("" without a checkpoint) */
    char lost_tmp[2][4200]; /* its temporary files: the dispatcher's and the signal handler's */
    size_t done_count;     /* rank 0: runs DONE, here or elsewhere (the progress shown) */
    parley_progress_fn progress; /* rank 0 under mpirun: the caller's progress, fed the count over every rank */
    void *progress_user;
};

/* The signal handler's view (rank 0 only): which runs were out when the job was stopped. */
static tournament_dist *stopping;

static int grow(struct buffer *b, size_t more)
{
    if (b->n + more <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->n + more)
        cap *= 2;
    double *v = realloc(b->v, cap * sizeof *v);
    if (!v)
        return -1;
    b->v = v;
    b->cap = cap;
    return 0;
}

/* Values of a packed result that starts at v (its length). */
static size_t packed_length(const double *v)
{
    return checkpoint_packed_length(v);
}

static int pack(struct buffer *b, size_t i, const parley_tournament_run *r)
{
    int accuracy = r->model_accuracy && r->model_accuracy_over_time;
    size_t len = HEAD + 2 * r->parties + (accuracy ? 20 * r->parties : 0);
    if (grow(b, len))
        return -1;
    double *v = b->v + b->n;
    v[0] = (double)i, v[1] = r->agreed, v[2] = (double)r->rounds, v[3] = (double)r->parties;
    v[4] = r->pareto_distance, v[5] = r->nash_distance, v[6] = r->welfare, v[7] = accuracy;
    memcpy(v + HEAD, r->utility, r->parties * sizeof *v);
    memcpy(v + HEAD + r->parties, r->discounted, r->parties * sizeof *v);
    for (size_t k = 0; accuracy && k < 5 * r->parties; k++) {
        const parley_model_accuracy *m = k < r->parties ? &r->model_accuracy[k]
                                                        : &r->model_accuracy_over_time[k - r->parties];
        double *at = v + HEAD + 2 * r->parties + 4 * k;
        at[0] = m->pearson, at[1] = m->rmse, at[2] = m->kendall, at[3] = (double)m->samples;
    }
    b->n += len;
    return 0;
}

/* The accuracies of packed result v into acc[parties * 5] (end, then over time). */
static void unpack_accuracy(const double *v, parley_model_accuracy *acc)
{
    size_t parties = (size_t)v[3];
    for (size_t k = 0; k < 5 * parties; k++) {
        const double *at = v + HEAD + 2 * parties + 4 * k;
        acc[k] = (parley_model_accuracy){at[0], at[1], at[2], (size_t)at[3]};
    }
}

/* --- the checkpoint file --- */

static json_t *real_or_null(double x)
{
    return isnan(x) ? json_null() : json_real(x);
}

/* Appends one finished run (caller holds the lock). */
static void checkpoint_write(tournament_dist *d, const double *v)
{
    if (!d->checkpoint)
        return;
    size_t parties = (size_t)v[3];
    json_t *u = json_array(), *disc = json_array();
    for (size_t k = 0; k < parties; k++) {
        json_array_append_new(u, json_real(v[HEAD + k]));
        json_array_append_new(disc, json_real(v[HEAD + parties + k]));
    }
    json_t *line = json_pack("{s:I,s:i,s:I,s:o,s:o,s:o,s:o,s:o}", "run", (json_int_t)v[0], "agreed", (int)v[1],
                             "rounds", (json_int_t)v[2], "utility", u, "discounted", disc, "pareto",
                             real_or_null(v[4]), "nash", real_or_null(v[5]), "welfare", json_real(v[6]));
    if (line && v[7] != 0) { /* opponent-model accuracy: 20 values per party */
        json_t *acc = json_array();
        for (size_t k = 0; k < 20 * parties; k++)
            json_array_append_new(acc, real_or_null(v[HEAD + 2 * parties + k]));
        json_object_set_new(line, "accuracy", acc);
    }
    char *text = line ? json_dumps(line, JSON_COMPACT | JSON_REAL_PRECISION(17)) : NULL;
    if (text) {
        fprintf(d->checkpoint, "%s\n", text);
        fflush(d->checkpoint); /* a run is kept once its line is out of the process */
    }
    free(text);
    json_decref(line);
}

/* Run i is finished, here or elsewhere (caller holds the lock, or rank 0 is still alone). */
static void mark_done(tournament_dist *d, size_t i)
{
    d->done_count += d->state[i] != DONE;
    d->state[i] = DONE;
}

/* Keeps a copy of packed result v (rank 0) and marks its run DONE; 0 on success. */
static int store(tournament_dist *d, const double *v, size_t len, int write)
{
    size_t i = (size_t)v[0];
    if (i >= d->runs || len < HEAD || len != packed_length(v))
        return -1;
    if (!d->packed[i] && !(d->packed[i] = malloc(len * sizeof *v)))
        return -1;
    memcpy(d->packed[i], v, len * sizeof *v);
    mark_done(d, i);
    if (write)
        checkpoint_write(d, v);
    return 0;
}

/* One line of a checkpoint as a packed result; -1 when it is not a whole, valid line. */
static int checkpoint_line(tournament_dist *d, const char *text)
{
    double v[CHECKPOINT_MAX_PACKED];
    size_t length = checkpoint_parse_line(text, v);
    return length ? store(d, v, length, 0) : -1;
}

/*
 * Reads what an earlier start of the same tournament finished, then rewrites
 * the file with the header and those lines only (a line cut by a crash goes),
 * and keeps it open to append.
 */
static int checkpoint_open(tournament_dist *d, const char *path, const char *fingerprint, parley_error *err)
{
    json_t *header = json_pack("{s:i,s:s,s:I}", "parley_checkpoint", 1, "fingerprint", fingerprint, "runs",
                               (json_int_t)d->runs);
    char *head = header ? json_dumps(header, JSON_COMPACT) : NULL;
    json_decref(header);
    if (!head)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    int rc = PARLEY_OK;
    FILE *in = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    if (in) {
        ssize_t n = getline(&line, &cap, in);
        if (n > 0 && line[n - 1] == '\n')
            line[n - 1] = '\0';
        if (n > 0 && strcmp(line, head) != 0)
            rc = parley_error_set_at(err, PARLEY_EINVAL, path, 1, 0, NULL,
                                     "this checkpoint belongs to another tournament (other scenarios, agents, "
                                     "seed, repeats or rules): use another file or remove it");
        while (rc == PARLEY_OK && (n = getline(&line, &cap, in)) > 0 && line[n - 1] == '\n')
            if (checkpoint_line(d, line) != 0)
                break;
        fclose(in);
    } else if (errno != ENOENT) {
        rc = parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot read the checkpoint: %s", strerror(errno));
    }
    free(line);
    char tmp[4096];
    if (rc == PARLEY_OK && snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        rc = parley_error_set_at(err, PARLEY_EINVAL, path, 0, 0, NULL, "the checkpoint's path is too long");
    FILE *out = rc == PARLEY_OK ? fopen(tmp, "w") : NULL;
    if (rc == PARLEY_OK && !out)
        rc = parley_error_set_at(err, PARLEY_EIO, tmp, 0, 0, NULL, "cannot write the checkpoint: %s", strerror(errno));
    if (out) {
        fprintf(out, "%s\n", head);
        d->checkpoint = out;
        for (size_t i = 0; i < d->runs; i++)
            if (d->packed[i])
                checkpoint_write(d, d->packed[i]);
        if (fflush(out) != 0 || rename(tmp, path) != 0)
            rc = parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot write the checkpoint: %s",
                                     strerror(errno));
    }
    free(head);
    return rc;
}

/* --- handing out runs (rank 0) --- */

/* The library reports rank 0's own runs: show the runs finished over every rank instead. */
static void progress_all_ranks(void *user, double done, double total, const char *what)
{
    tournament_dist *d = user;
    (void)done;
    pthread_mutex_lock(&d->lock);
    double all = (double)d->done_count;
    pthread_mutex_unlock(&d->lock);
    d->progress(d->progress_user, all, total, what);
}

/* The next batch of free runs (caller holds the lock); count 0 when none is left. */
static void take_batch(tournament_dist *d, int rank, size_t *first, size_t *count)
{
    while (d->next < d->runs && d->state[d->next] != FREE)
        d->next++;
    size_t left = d->runs - d->next, want = left / (4 * d->batch_hint);
    want = want < 1 ? 1 : want > 64 ? 64 : want;
    *first = d->next;
    *count = 0;
    while (*count < want && d->next < d->runs && d->state[d->next] == FREE) {
        d->state[d->next] = OUT;
        d->owner[d->next++] = rank;
        (*count)++;
    }
}

static void record_out(const tournament_dist *d);

static int claim_local(void *user, unsigned worker, size_t *first, size_t *count)
{
    tournament_dist *d = user;
    (void)worker;
    pthread_mutex_lock(&d->lock);
    take_batch(d, 0, first, count);
    record_out(d);
    pthread_mutex_unlock(&d->lock);
    return *count > 0;
}

static void done_local(void *user, unsigned worker, size_t i, const parley_tournament_run *run)
{
    tournament_dist *d = user;
    (void)worker;
    struct buffer b = {0};
    pthread_mutex_lock(&d->lock);
    mark_done(d, i);
    if (d->checkpoint && pack(&b, i, run) == 0)
        checkpoint_write(d, b.v);
    pthread_mutex_unlock(&d->lock);
    free(b.v);
}

/* Stores every packed result of a message from another rank (caller holds the lock). */
static int store_all(tournament_dist *d, const double *v, size_t n)
{
    for (size_t at = 0; at < n;) {
        if (n - at < HEAD)
            return -1;
        size_t len = packed_length(v + at);
        if (len > n - at || store(d, v + at, len, 1) != 0)
            return -1;
        at += len;
    }
    return 0;
}

static void on_stop(int sig);

/* Rank 0's dispatcher thread: answers the other ranks' requests until every one has stopped. */
static void *dispatch(void *arg)
{
    tournament_dist *d = arg;
    int finals = 0;
    double *v = NULL;
    size_t cap = 0;
    while (finals < d->size - 1) {
        MPI_Status status;
        int n = 0;
        if (MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status) != MPI_SUCCESS ||
            MPI_Get_count(&status, MPI_DOUBLE, &n) != MPI_SUCCESS)
            on_stop(SIGTERM); /* a rank is gone: say which runs were lost, as when mpirun stops the job */
        if ((size_t)n > cap) {
            double *grown = realloc(v, (size_t)n * sizeof *v);
            if (!grown)
                break;
            v = grown;
            cap = (size_t)n;
        }
        if (MPI_Recv(v, n, MPI_DOUBLE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE) !=
            MPI_SUCCESS)
            on_stop(SIGTERM);
        pthread_mutex_lock(&d->lock);
        int bad = store_all(d, v, (size_t)n);
        size_t first = 0, count = 0;
        if (status.MPI_TAG == TAG_REQUEST && !bad) {
            take_batch(d, status.MPI_SOURCE, &first, &count);
            record_out(d);
        }
        pthread_mutex_unlock(&d->lock);
        if (bad)
            d->mpi_failed = 1;
        if (status.MPI_TAG == TAG_FINAL)
            finals++;
        else {
            double batch[2] = {(double)first, (double)count};
            if (MPI_Send(batch, 2, MPI_DOUBLE, status.MPI_SOURCE, TAG_BATCH, MPI_COMM_WORLD) != MPI_SUCCESS)
                on_stop(SIGTERM);
        }
    }
    free(v);
    return NULL;
}

/* --- playing for rank 0 (other ranks) --- */

static int claim_remote(void *user, unsigned worker, size_t *first, size_t *count)
{
    tournament_dist *d = user;
    struct buffer *b = &d->buffers[worker];
    double batch[2] = {0, 0};
    pthread_mutex_lock(&d->lock); /* MPI is called by one thread at a time */
    int ok = MPI_Send(b->v, (int)b->n, MPI_DOUBLE, 0, TAG_REQUEST, MPI_COMM_WORLD) == MPI_SUCCESS &&
             MPI_Recv(batch, 2, MPI_DOUBLE, 0, TAG_BATCH, MPI_COMM_WORLD, MPI_STATUS_IGNORE) == MPI_SUCCESS;
    pthread_mutex_unlock(&d->lock);
    b->n = 0;
    *first = (size_t)batch[0];
    *count = (size_t)batch[1];
    return ok && *count > 0;
}

static void done_remote(void *user, unsigned worker, size_t i, const parley_tournament_run *run)
{
    tournament_dist *d = user;
    if (pack(&d->buffers[worker], i, run) != 0)
        d->mpi_failed = 1;
}

/* --- a stopped job says which runs it lost --- */

/* On SIGTERM (mpirun stopping the job after a rank died): the runs handed out and never returned. */
/* The report of the runs handed out and not returned (async-signal-safe: no allocation, no stdio). */
static size_t lost_report(const tournament_dist *d, char *line, size_t size)
{
    static const char lead[] = "parley tournament: the job was stopped (a rank died?); runs lost:";
    size_t k = sizeof lead - 1;
    memcpy(line, lead, k);
    for (size_t i = 0; d && i < d->runs && k < size - 64;) {
        if (d->state[i] != OUT) {
            i++;
            continue;
        }
        size_t j = i;
        while (j + 1 < d->runs && d->state[j + 1] == OUT && d->owner[j + 1] == d->owner[i])
            j++;
        line[k++] = ' ';
        k += parley_decimal(line + k, i);
        if (j > i) {
            line[k++] = '-';
            k += parley_decimal(line + k, j);
        }
        memcpy(line + k, " (rank ", 7);
        k += 7;
        k += parley_decimal(line + k, (size_t)d->owner[i]);
        line[k++] = ')';
        i = j + 1;
    }
    static const char tail[] = "; finished runs are in the checkpoint if one was given (this report also goes to "
                               "CHECKPOINT.lost)\n";
    if (k + sizeof tail < size) {
        memcpy(line + k, tail, sizeof tail - 1);
        k += sizeof tail - 1;
    }
    return k;
}

/*
 * Replaces CHECKPOINT.lost with the runs now out, whole or not at all (a
 * temporary file renamed over it: a kill half way leaves the last report).
 * `tmp` differs between the dispatcher (under the lock) and the signal handler,
 * which may interrupt it.
 */
static void write_lost(const tournament_dist *d, const char *tmp, const char *line, size_t k)
{
    if (!d || !d->lost_path[0])
        return;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return;
    ssize_t n = write(fd, line, k);
    close(fd);
    if (n == (ssize_t)k)
        rename(tmp, d->lost_path);
}

/*
 * Kept up to date as batches go out (so it holds even when rank 0 itself is
 * killed without warning, which mpirun may do under load), removed when the
 * tournament ends well.
 */
static void record_out(const tournament_dist *d)
{
    if (d->size < 2 || !d->lost_path[0])
        return;
    char line[4096];
    write_lost(d, d->lost_tmp[0], line, lost_report(d, line, sizeof line));
}

/* On SIGTERM (mpirun stopping the job after a rank died) or a failed MPI call: the runs handed out and never returned. */
static void on_stop(int sig)
{
    tournament_dist *d = stopping;
    char line[4096];
    size_t k = lost_report(d, line, sizeof line);
    /* The file first: mpirun may have stopped reading our stderr while it tears the job down (a write to it
       can then block or raise SIGPIPE, which tournament_dist_begin ignores), and the file is the record that stays. */
    if (d)
        write_lost(d, d->lost_tmp[1], line, k);
    ssize_t unused = write(STDERR_FILENO, line, k);
    (void)unused;
    _exit(128 + sig);
}

int tournament_dist_begin(parley_tournament_config *cfg, size_t runs, const char *checkpoint,
                          const char *fingerprint, tournament_dist **out, parley_error *err)
{
    *out = NULL;
    int size = cli_mpi_size(), rank = cli_mpi_rank();
    if (size == 1 && !checkpoint)
        return PARLEY_OK;
    tournament_dist *d = calloc(1, sizeof *d);
    if (!d)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    d->rank = rank;
    d->size = size;
    d->runs = runs;
    pthread_mutex_init(&d->lock, NULL);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cfg->threads ? cfg->threads : (unsigned)(cores > 0 ? cores : 1);
    d->batch_hint = (size_t)threads * (size_t)size;
    int rc = PARLEY_OK;
    if (rank == 0) {
        if (!(d->state = calloc(runs ? runs : 1, 1)) || !(d->owner = calloc(runs ? runs : 1, sizeof *d->owner)) ||
            !(d->packed = calloc(runs ? runs : 1, sizeof *d->packed)))
            rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        if (rc == PARLEY_OK && checkpoint) {
            rc = checkpoint_open(d, checkpoint, fingerprint, err);
            snprintf(d->lost_path, sizeof d->lost_path, "%s.lost", checkpoint);
            snprintf(d->lost_tmp[0], sizeof d->lost_tmp[0], "%s.tmp", d->lost_path);
            snprintf(d->lost_tmp[1], sizeof d->lost_tmp[1], "%s.tmp2", d->lost_path);
            unlink(d->lost_path); /* a report of an earlier stop no longer holds */
            unlink(d->lost_tmp[0]);
            unlink(d->lost_tmp[1]);
        }
        cfg->claim = claim_local;
        cfg->done = done_local;
        for (size_t i = 0; i < runs; i++) /* runs read from the checkpoint count as done */
            d->done_count += d->state[i] == DONE;
        if (size > 1 && cfg->progress) {
            d->progress = cfg->progress;
            d->progress_user = cfg->progress_user;
            cfg->progress = progress_all_ranks;
            cfg->progress_user = d;
        }
        if (rc == PARLEY_OK && size > 1) {
            stopping = d;
            signal(SIGPIPE, SIG_IGN); /* a closed stderr must not kill rank 0 before it says what was lost */
            /* A peer that dies makes MPI calls fail: the dispatcher reports the lost runs instead of MPI aborting. */
            MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
            signal(SIGTERM, on_stop);
            if (pthread_create(&d->dispatcher, NULL, dispatch, d) != 0)
                rc = parley_error_set(err, PARLEY_EINTERNAL, "cannot start the dispatcher thread");
            else
                d->dispatching = 1;
        }
    } else {
        cfg->progress = NULL; /* rank 0 shows the progress of every rank */
        if (!(d->buffers = calloc(64, sizeof *d->buffers))) /* the pool has at most 64 workers */
            rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        cfg->claim = claim_remote;
        cfg->done = done_remote;
    }
    cfg->user = d;
    *out = d;
    return rc;
}

int tournament_dist_end(tournament_dist *d, parley_tournament *t, int *writer, parley_error *err)
{
    *writer = d ? d->rank == 0 : 1;
    if (!d)
        return PARLEY_OK;
    if (d->rank != 0) {
        /* Hand in anything left and say this rank has stopped. */
        struct buffer all = {0};
        for (size_t w = 0; d->buffers && w < 64; w++)
            if (d->buffers[w].n && grow(&all, d->buffers[w].n) == 0) {
                memcpy(all.v + all.n, d->buffers[w].v, d->buffers[w].n * sizeof *all.v);
                all.n += d->buffers[w].n;
            }
        MPI_Send(all.v, (int)all.n, MPI_DOUBLE, 0, TAG_FINAL, MPI_COMM_WORLD);
        free(all.v);
        return PARLEY_OK;
    }
    if (d->dispatching) {
        pthread_join(d->dispatcher, NULL);
        d->dispatching = 0;
        signal(SIGTERM, SIG_DFL);
        stopping = NULL;
    }
    if (!t)
        return PARLEY_OK;
    if (d->mpi_failed)
        return parley_error_set(err, PARLEY_EINTERNAL, "a rank sent results that do not fit the tournament");
    size_t lost = 0, first_lost = 0;
    for (size_t i = 0; i < d->runs; i++) {
        if (d->packed[i]) {
            const parley_tournament_run *own = parley_tournament_result(t, i);
            const double *v = d->packed[i];
            size_t parties = (size_t)v[3];
            parley_tournament_run r = *own;
            parley_model_accuracy acc[5 * 64];
            if (v[7] != 0 && parties <= 64) {
                unpack_accuracy(v, acc);
                r.model_accuracy = acc;
                r.model_accuracy_over_time = acc + parties;
            } else if (own->model_accuracy) { /* a line without the figures: none measured (the unplayed run's
                                                 zeros would count as measured) */
                for (size_t k = 0; k < sizeof acc / sizeof *acc; k++)
                    acc[k] = (parley_model_accuracy){NAN, NAN, NAN, 0};
                r.model_accuracy = acc;
                r.model_accuracy_over_time = acc + parties;
            }
            r.agreed = (int)v[1];
            r.rounds = (long)v[2];
            r.pareto_distance = v[4];
            r.nash_distance = v[5];
            r.welfare = v[6];
            r.utility = v + HEAD;
            r.discounted = v + HEAD + parties;
            int rc = parties == own->parties ? parley_tournament_set_result(t, i, &r, err)
                                             : parley_error_set(err, PARLEY_EINVAL, "run %zu: wrong party count", i);
            if (rc != PARLEY_OK)
                return rc;
        } else if (d->state[i] != DONE && lost++ == 0) {
            first_lost = i;
        }
    }
    if (!lost && d->lost_path[0]) { /* every run is in: nothing was lost */
        unlink(d->lost_path);
        unlink(d->lost_tmp[0]);
    }
    if (lost)
        return parley_error_set(err, PARLEY_EINTERNAL,
                                "%zu of %zu runs were not played (the first: run %zu): a rank failed; "
                                "start again with --checkpoint to keep what was finished",
                                lost, d->runs, first_lost);
    return PARLEY_OK;
}

void tournament_dist_free(tournament_dist *d)
{
    if (!d)
        return;
    if (d->checkpoint)
        fclose(d->checkpoint);
    for (size_t i = 0; d->packed && i < d->runs; i++)
        free(d->packed[i]);
    free(d->packed);
    free(d->state);
    free(d->owner);
    for (size_t w = 0; d->buffers && w < 64; w++)
        free(d->buffers[w].v);
    free(d->buffers);
    pthread_mutex_destroy(&d->lock);
    free(d);
}

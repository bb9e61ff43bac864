/*
 * gmcr_parallel.c: the tiny thread helper of the conflict analysis: run a
 * function over a range of states, or a handful of independent tasks, on a few
 * pthreads.  Work is handed out in chunks through an atomic counter, so threads
 * that finish early take more.
 */
#include "gmcr_internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#define GMCR_MAX_THREADS 64

unsigned gmcr_thread_count(unsigned requested)
{
    if (requested == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        requested = n > 0 ? (unsigned)n : 1;
    }
    return requested > GMCR_MAX_THREADS ? GMCR_MAX_THREADS : requested;
}

typedef struct range_job {
    size_t n, chunk;
    atomic_size_t next;
    gmcr_range_fn fn;
    gmcr_task_fn task;
    void *ctx;
} range_job;

static void *range_worker(void *arg)
{
    range_job *job = arg;
    for (;;) {
        size_t begin = atomic_fetch_add(&job->next, job->chunk);
        if (begin >= job->n)
            break;
        size_t end = begin + job->chunk < job->n ? begin + job->chunk : job->n;
        if (job->fn) {
            job->fn(job->ctx, begin, end);
        } else {
            for (size_t i = begin; i < end; i++)
                job->task(job->ctx, i);
        }
    }
    return NULL;
}

static int run(range_job *job, unsigned threads)
{
    pthread_t tid[GMCR_MAX_THREADS];
    unsigned started = 0;
    int rc = PARLEY_OK;
    if (threads > GMCR_MAX_THREADS)
        threads = GMCR_MAX_THREADS;
    for (unsigned t = 1; t < threads; t++) {
        if (pthread_create(&tid[started], NULL, range_worker, job) != 0) {
            rc = PARLEY_EINTERNAL; /* carry on with the threads we have */
            break;
        }
        started++;
    }
    range_worker(job);
    for (unsigned t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    return rc;
}

int gmcr_parallel_for(size_t n, unsigned threads, gmcr_range_fn fn, void *ctx)
{
    if (n == 0)
        return PARLEY_OK;
    range_job job = {.n = n, .fn = fn, .ctx = ctx};
    size_t chunk = n / ((size_t)(threads ? threads : 1) * 16);
    job.chunk = chunk < 256 ? 256 : chunk;
    atomic_init(&job.next, 0);
    if (threads <= 1 || n <= job.chunk) {
        fn(ctx, 0, n);
        return PARLEY_OK;
    }
    return run(&job, threads);
}

int gmcr_parallel_tasks(size_t n, unsigned threads, gmcr_task_fn task, void *ctx)
{
    if (n == 0)
        return PARLEY_OK;
    range_job job = {.n = n, .chunk = 1, .task = task, .ctx = ctx};
    atomic_init(&job.next, 0);
    if (threads > n)
        threads = (unsigned)n;
    if (threads <= 1) {
        for (size_t i = 0; i < n; i++)
            task(ctx, i);
        return PARLEY_OK;
    }
    return run(&job, threads);
}

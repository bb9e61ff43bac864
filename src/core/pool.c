/* pool.c: run a function on N threads and join them (the library's only use of pthreads). */
#include "core/pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

unsigned parley_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1u;
}

struct job {
    parley_work_fn fn;
    void *ctx;
    unsigned worker, workers;
};

static void *thread_main(void *arg)
{
    struct job *job = arg;
    job->fn(job->ctx, job->worker, job->workers);
    return NULL;
}

void parley_parallel_run(unsigned workers, parley_work_fn fn, void *ctx)
{
    if (workers <= 1) {
        fn(ctx, 0, 1);
        return;
    }
    pthread_t *threads = calloc(workers, sizeof *threads);
    struct job *jobs = calloc(workers, sizeof *jobs);
    unsigned char *started = calloc(workers, 1);
    if (!threads || !jobs || !started) {
        for (unsigned k = 0; k < workers; k++)
            fn(ctx, k, workers);
        goto done;
    }
    for (unsigned k = 1; k < workers; k++) {
        jobs[k] = (struct job){fn, ctx, k, workers};
        started[k] = pthread_create(&threads[k], NULL, thread_main, &jobs[k]) == 0;
    }
    fn(ctx, 0, workers);
    for (unsigned k = 1; k < workers; k++) {
        if (started[k])
            pthread_join(threads[k], NULL);
        else
            fn(ctx, k, workers);
    }
done:
    free(threads);
    free(jobs);
    free(started);
}

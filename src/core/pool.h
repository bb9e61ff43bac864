/*
 * pool.h: the library's one way to use threads: run a function on N workers
 * and wait for all of them.  Work is split by the callee (worker k of n).
 */
#ifndef PARLEY_CORE_POOL_H
#define PARLEY_CORE_POOL_H

typedef void (*parley_work_fn)(void *ctx, unsigned worker, unsigned workers);

/* Number of online cores (at least 1). */
unsigned parley_cpu_count(void);

/*
 * Calls fn(ctx, k, workers) for k = 0..workers-1, on worker threads (the
 * calling thread runs worker 0), and returns when all are done.  Falls back to
 * fewer threads when a thread cannot be started, giving the missing workers'
 * share to the calling thread, so the work is always complete.
 */
void parley_parallel_run(unsigned workers, parley_work_fn fn, void *ctx);

#endif

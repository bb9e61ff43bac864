/* progress.c: the rate-limited progress reporter (see progress.h and parley/progress.h). */
#include "core/progress.h"

#include <time.h>

#define REPORT_INTERVAL_NS 100000000 /* at most ten reports a second */

static int_fast64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int_fast64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void progress_init(progress_reporter *p, parley_progress_fn fn, void *user, const char *what, double total)
{
    p->fn = fn;
    p->user = user;
    p->what = what;
    p->total = total;
    atomic_init(&p->done, 0);
    atomic_init(&p->next_ns, now_ns() + REPORT_INTERVAL_NS);
    atomic_flag_clear(&p->busy);
}

void progress_add(progress_reporter *p, uint64_t amount)
{
    if (!p->fn)
        return;
    uint64_t done = atomic_fetch_add(&p->done, amount) + amount;
    int_fast64_t now = now_ns(), due = atomic_load(&p->next_ns);
    if (now < due || !atomic_compare_exchange_strong(&p->next_ns, &due, now + REPORT_INTERVAL_NS))
        return;
    if (atomic_flag_test_and_set(&p->busy))
        return;
    p->fn(p->user, (double)done < p->total ? (double)done : p->total, p->total, p->what);
    atomic_flag_clear(&p->busy);
}

void progress_finish(progress_reporter *p)
{
    if (p->fn)
        p->fn(p->user, p->total, p->total, p->what);
}

/* clock.h: the monotonic clock the library times its work with (seconds as a double). */
#ifndef PARLEY_CORE_CLOCK_H
#define PARLEY_CORE_CLOCK_H

#include <time.h>

static inline double parley_monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#endif

/*
 * test_server_jobs.h: holding and counting the server's analysis jobs from a test (test_server_analyses,
 * test_server_limits).  The counts are read under jobs_mu and compared after it is released.
 */
#ifndef PARLEY_TEST_SERVER_JOBS_H
#define PARLEY_TEST_SERVER_JOBS_H

#include "server/server_internal.h"
#include "test_server_talks.h"

#include <poll.h>

/* Holds (1) or lets go (0) the analyses that are waiting. */
static inline void jobs_set_paused(talks *w, int paused)
{
    pthread_mutex_lock(&w->srv->jobs_mu);
    w->srv->jobs_paused = paused;
    pthread_mutex_unlock(&w->srv->jobs_mu);
}

/* Waits until `n` analyses are running or waiting (polling; 120 s at most, only a hang bound); the count seen. */
static inline unsigned jobs_wait_for(talks *w, unsigned n)
{
    unsigned seen = 0;
    for (int i = 0; i < 12000; i++) {
        pthread_mutex_lock(&w->srv->jobs_mu);
        seen = w->srv->jobs_running;
        pthread_mutex_unlock(&w->srv->jobs_mu);
        if (seen >= n)
            break;
        poll(NULL, 0, 10);
    }
    return seen;
}

#endif

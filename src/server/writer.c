/*
 * writer.c: group commit.  Every write request is queued to one writer thread
 * that takes all the requests waiting (up to WRITER_BATCH), applies them in one
 * SQLite transaction, each in its own SAVEPOINT (a refused or failed request
 * rolls back alone and stores nothing), commits once (one fsync of the WAL
 * under synchronous=FULL) and only then wakes every request of the batch to
 * send its reply.  Under load the cost of an fsync is shared by the whole
 * batch; alone, a request waits for no one (the writer starts as soon as it is
 * queued).  If the commit itself fails, every request of the batch gets 500.
 * Submitting does not block: the request's connection is suspended meanwhile
 * and the job's `done` callback (run here, after the commit) resumes it.
 */
#include "server/server_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WRITER_BATCH 256

struct write_job {
    api_call *c;
    int (*apply)(api_call *c);
    int ok;   /* applied and released (pending the commit) */
    void (*done)(void *arg);
    void *arg;
    write_job *next;
};

/* Marks every job of the batch that was applied as failed (the transaction they were in is gone). */
static void fail_applied(write_job **jobs, size_t n, const char *why)
{
    for (size_t i = 0; i < n; i++)
        if (jobs[i]->ok) {
            jobs[i]->ok = 0;
            jobs[i]->c->notify_seq = 0;
            api_fail(jobs[i]->c, 500, NULL, "nothing was stored: %s", why);
        }
}

static void run_batch(parley_server *srv, write_job **jobs, size_t n)
{
    store_conn *db = store_writer(srv->db);
    int in_tx = store_begin_write(db) == DB_OK;
    for (size_t i = 0; i < n; i++) {
        api_call *c = jobs[i]->c;
        c->db = db;
        if (!in_tx && !(in_tx = store_begin_write(db) == DB_OK)) {
            api_fail_db(c);
            continue;
        }
        if (store_run(db, "SAVEPOINT request") != DB_OK) {
            api_fail_db(c);
            continue;
        }
        int failed = jobs[i]->apply(c);
        char why[300] = "";
        if (failed) { /* SQLite's message before the rollback below replaces it */
            snprintf(why, sizeof why, "the transaction was rolled back: %s", db_errmsg(db->db));
            c->notify_seq = 0;
            store_run(db, "ROLLBACK TO request");
        }
        store_run(db, "RELEASE request");
        if (!db_in_transaction(db->db)) {
            /* SQLite rolled the whole transaction back (I/O error, disk full): the batch so far is lost. */
            if (!why[0])
                snprintf(why, sizeof why, "the transaction was rolled back: %s", db_errmsg(db->db));
            if (!failed)
                api_fail(c, 500, NULL, "nothing was stored: %s", why);
            fail_applied(jobs, i, why);
            scenario_cache_forget(srv); /* it may hold a negotiation created in the lost transaction */
            in_tx = 0;
            continue;
        }
        jobs[i]->ok = !failed;
    }
    int committed = in_tx;
    if (in_tx && store_run(db, "COMMIT") != DB_OK) {
        char why[300];
        snprintf(why, sizeof why, "the commit failed: %s", db_errmsg(db->db));
        store_run(db, "ROLLBACK");
        fail_applied(jobs, n, why);
        scenario_cache_forget(srv);
        committed = 0;
    }
    pthread_mutex_lock(&srv->wq.mu);
    srv->writable = committed;
    pthread_mutex_unlock(&srv->wq.mu);
    for (size_t i = 0; i < n; i++) {
        jobs[i]->c->db = NULL;
        if (jobs[i]->ok && jobs[i]->c->notify_seq > 0)
            notify_events(srv, jobs[i]->c->ids[0], jobs[i]->c->notify_seq);
    }
    store_writer_release(srv->db, db);
}

static void *writer_main(void *arg)
{
    parley_server *srv = arg;
    write_queue *q = &srv->wq;
    write_job *batch[WRITER_BATCH];
    pthread_mutex_lock(&q->mu);
    for (;;) {
        while (!q->head && !q->stop)
            pthread_cond_wait(&q->cv, &q->mu);
        if (!q->head)
            break; /* stopping and nothing left */
        size_t n = 0;
        while (q->head && n < WRITER_BATCH) {
            batch[n++] = q->head;
            q->head = q->head->next;
            q->waiting--;
        }
        if (!q->head)
            q->tail = NULL;
        pthread_mutex_unlock(&q->mu);
        run_batch(srv, batch, n);
        for (size_t i = 0; i < n; i++) {
            batch[i]->done(batch[i]->arg);
            free(batch[i]);
        }
        pthread_mutex_lock(&q->mu);
        q->batches++;
        q->jobs += n;
    }
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

int writer_start(parley_server *srv, parley_error *err)
{
    write_queue *q = &srv->wq;
    if (pthread_create(&q->thread, NULL, writer_main, srv) != 0)
        return parley_error_set(err, PARLEY_EIO, "cannot start the writer thread");
    q->running = 1;
    return PARLEY_OK;
}

void writer_stop(parley_server *srv)
{
    write_queue *q = &srv->wq;
    if (!q->running)
        return;
    pthread_mutex_lock(&q->mu);
    q->stop = 1;
    pthread_cond_signal(&q->cv);
    pthread_mutex_unlock(&q->mu);
    pthread_join(q->thread, NULL);
    q->running = 0;
}

void writer_submit(parley_server *srv, api_call *c, int (*apply)(api_call *c), void (*done)(void *arg), void *arg)
{
    write_queue *q = &srv->wq;
    write_job *job = calloc(1, sizeof *job);
    if (!job) {
        api_fail(c, 500, NULL, "out of memory");
        done(arg);
        return;
    }
    job->c = c;
    job->apply = apply;
    job->done = done;
    job->arg = arg;
    pthread_mutex_lock(&q->mu);
    if (q->stop || !q->running) {
        pthread_mutex_unlock(&q->mu);
        free(job);
        api_fail(c, 503, NULL, "the server is stopping");
        done(arg);
        return;
    }
    if (q->tail)
        q->tail->next = job;
    else
        q->head = job;
    q->tail = job;
    q->waiting++;
    q->submitted++;
    pthread_cond_signal(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

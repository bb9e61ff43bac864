/*
 * listen.c: live updates between processes.  With PostgreSQL, several `parley
 * serve` processes may share one database: every timeline event a request
 * stores also sends, in the same transaction, a notification on the channel
 * "parley_events:SCHEMA" (its schema's: several deployments may share a database) with the payload "<negotiation>:<seq>" (api_event), which
 * PostgreSQL delivers to every listening connection when (and only if) the
 * transaction commits.  This thread listens on a connection of its own and
 * wakes the streams and seat runners of the negotiation (notify_events), as
 * the writer does for the process's own commits.  A stream reads the events
 * themselves from the database by sequence number, so a notification only has
 * to arrive, never to carry anything; after the listening connection broke (the
 * database restarted) every stream is woken once, since notifications may have
 * been lost meanwhile.  With SQLite (one process) the thread is not started.
 */
#include "server/server_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LISTEN_POLL_MS 250

static int stopping(parley_server *srv)
{
    return __atomic_load_n(&srv->listen_stop, __ATOMIC_RELAXED);
}

/* LISTEN on the channel of the connection's schema, "parley_events:SCHEMA" (quoted: any schema name), which
 * api_common.c's event_announce notifies: processes on the same schema hear each other, others do not. */
static int listen_schema(db_conn *c)
{
    db_stmt *st = db_stmt_cached(c, "SELECT coalesce(current_schema(), '')");
    if (!st || db_step(st) != DB_ROW)
        return DB_ERROR;
    char channel[200] = "\"parley_events:";
    size_t n = strlen(channel);
    for (const char *p = db_column_text(st, 0); p && *p && n + 3 < sizeof channel; p++) {
        if (*p == '"')
            channel[n++] = '"';
        channel[n++] = *p;
    }
    channel[n++] = '"';
    channel[n] = '\0';
    db_reset(st);
    return db_listen(c, channel);
}

static db_conn *listen_open(parley_server *srv)
{
    db_conn *c = db_open(store_target(srv->db), 0, NULL);
    if (c && listen_schema(c) != DB_OK) {
        db_close(c);
        c = NULL;
    }
    return c;
}

static void *listen_main(void *arg)
{
    parley_server *srv = arg;
    db_conn *c = srv->listen_first; /* listening since before the server took its first request */
    srv->listen_first = NULL;
    while (!stopping(srv)) {
        if (!c) {
            if (!(c = listen_open(srv))) {
                usleep(LISTEN_POLL_MS * 1000); /* the database is away: try again */
                continue;
            }
            notify_all_streams(srv); /* notifications may have been lost while no connection listened */
            claims_renew(srv);       /* the database restarted, maybe: the claims died with their session */
        }
        char payload[64];
        int r = db_wait_notification(c, LISTEN_POLL_MS, payload, sizeof payload);
        int64_t negotiation, seq;
        if (r > 0 && sscanf(payload, "%" SCNd64 ":%" SCNd64, &negotiation, &seq) == 2)
            notify_events(srv, negotiation, seq);
        else if (r < 0) {
            db_close(c);
            c = NULL;
        }
    }
    db_close(c);
    return NULL;
}

int listen_start(parley_server *srv, parley_error *err)
{
    if (!store_is_shared(srv->db))
        return PARLEY_OK;
    /* Listening before the first request is taken (refusing to start when it cannot): no stream can open
     * before the first connection listens, so only a reconnection needs to wake them all. */
    if (!(srv->listen_first = listen_open(srv)))
        return parley_error_set(err, PARLEY_EIO, "cannot listen for the notifications of other processes");
    if (pthread_create(&srv->listen_thread, NULL, listen_main, srv) != 0) {
        db_close(srv->listen_first);
        srv->listen_first = NULL;
        return parley_error_set(err, PARLEY_EIO, "cannot start the notification thread");
    }
    srv->listen_running = 1;
    return PARLEY_OK;
}

void listen_stop(parley_server *srv)
{
    if (!srv->listen_running)
        return;
    __atomic_store_n(&srv->listen_stop, 1, __ATOMIC_RELAXED);
    pthread_join(srv->listen_thread, NULL);
    srv->listen_running = 0;
}

/*
 * guard.c: what keeps one client from holding connections forever.  Every
 * connection is registered here when libmicrohttpd accepts it (its socket and
 * a deadline); the deadline is request_ms after the connection opened or after
 * its previous reply, and it is cleared once the whole request (head and body)
 * has arrived.  libmicrohttpd's own idle timeout is reset by every byte, so a
 * client trickling one byte at a time would never reach it; the guard thread
 * looks every 100 ms and shuts down the socket of every connection past its
 * deadline (shutdown, not close: libmicrohttpd still owns the descriptor and
 * closes it when it sees the end of the stream).  The same thread wakes live
 * streams whose keep-alive comment is due.
 */
#include "server/server_internal.h"

#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#define GUARD_TICK_MS 100

int64_t guard_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context, enum MHD_ConnectionNotificationCode code)
{
    parley_server *srv = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        guard_conn *g = calloc(1, sizeof *g);
        const union MHD_ConnectionInfo *info = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (!g || !info) {
            free(g);
            *socket_context = NULL;
            return;
        }
        g->fd = info->connect_fd;
        g->request_ms = srv->request_ms;
        g->deadline = guard_now_ms() + g->request_ms;
        pthread_mutex_lock(&srv->guard_mu);
        g->next = srv->conns;
        if (g->next)
            g->next->prev = g;
        srv->conns = g;
        pthread_mutex_unlock(&srv->guard_mu);
        *socket_context = g;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
        /* Called before libmicrohttpd closes the descriptor: once out of the list, the guard never touches it. */
        guard_conn *g = *socket_context;
        pthread_mutex_lock(&srv->guard_mu);
        if (g->prev)
            g->prev->next = g->next;
        else
            srv->conns = g->next;
        if (g->next)
            g->next->prev = g->prev;
        pthread_mutex_unlock(&srv->guard_mu);
        free(g);
        *socket_context = NULL;
    }
}

void guard_request_arrived(struct MHD_Connection *conn, int arrived)
{
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    guard_conn *g = info ? info->socket_context : NULL;
    if (g)
        __atomic_store_n(&g->deadline, arrived ? 0 : guard_now_ms() + g->request_ms, __ATOMIC_RELAXED);
}

static void *guard_main(void *arg)
{
    parley_server *srv = arg;
    pthread_mutex_lock(&srv->guard_mu);
    while (!srv->guard_stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += GUARD_TICK_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&srv->guard_cv, &srv->guard_mu, &until);
        int64_t now = guard_now_ms();
        for (guard_conn *g = srv->conns; g; g = g->next) {
            int64_t d = __atomic_load_n(&g->deadline, __ATOMIC_RELAXED);
            if (d > 0 && now >= d) {
                shutdown(g->fd, SHUT_RDWR);
                __atomic_store_n(&g->deadline, 0, __ATOMIC_RELAXED);
            }
        }
        pthread_mutex_unlock(&srv->guard_mu);
        sse_keepalive(srv, now);
        pthread_mutex_lock(&srv->guard_mu);
    }
    pthread_mutex_unlock(&srv->guard_mu);
    return NULL;
}

int guard_start(parley_server *srv, parley_error *err)
{
    if (pthread_create(&srv->guard_thread, NULL, guard_main, srv) != 0)
        return parley_error_set(err, PARLEY_EIO, "cannot start the guard thread");
    srv->guard_running = 1;
    return PARLEY_OK;
}

void guard_stop(parley_server *srv)
{
    if (!srv->guard_running)
        return;
    pthread_mutex_lock(&srv->guard_mu);
    srv->guard_stop = 1;
    pthread_cond_signal(&srv->guard_cv);
    pthread_mutex_unlock(&srv->guard_mu);
    pthread_join(srv->guard_thread, NULL);
    srv->guard_running = 0;
}

/*
 * test_server_kill15_guard.c: the guard's list of connections and the
 * deadline of a kept-alive connection (guard.c, server.c's on_request and
 * on_completed), in-process on loopback with a request deadline of 1 s:
 * - the guard holds one entry per open connection: 3 open connections are 3
 *   entries, and once every connection closed (20 one after another, with and
 *   without an answer, and a live stream) the list is empty again; a connection
 *   closed stays out of it, so a live stream opened afterwards (perhaps on the
 *   descriptor number a closed one had) is not cut by a stale deadline;
 * - a kept-alive connection answers a second request, and then has the
 *   deadline again: a next request trickled one byte every 200 ms (which resets
 *   libmicrohttpd's own idle timeout) is cut by the guard, after at least the
 *   deadline.
 * Waits only bound a hang (HANG_MS); the list is counted under guard_mu and
 * compared after the unlock.
 */
#define _GNU_SOURCE /* strcasestr */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <time.h>

#include "server/server_internal.h"
#include "test_server_talks.h"

#define HANG_MS 60000

static size_t guard_entries(talks *w)
{
    size_t n = 0;
    pthread_mutex_lock(&w->srv->guard_mu);
    for (guard_conn *g = w->srv->conns; g; g = g->next)
        n++;
    pthread_mutex_unlock(&w->srv->guard_mu);
    return n;
}

/* Waits until the guard holds `n` entries (HANG_MS bounds a hang); the count last seen. */
static size_t guard_wait_entries(talks *w, size_t n)
{
    size_t seen = guard_entries(w);
    for (int i = 0; i < HANG_MS / 10 && seen != n; i++) {
        poll(NULL, 0, 10);
        seen = guard_entries(w);
    }
    return seen;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void open_world(talks *w)
{
    parley_server_options o = {0};
    o.request_seconds = 1;
    talks_open(w, &o);
}

/* Opens a live stream of negotiation 1 with the Buyer's token (200). */
static int open_stream(talks *w)
{
    int fd;
    char first[512];
    assert_int_equal(talks_stream(w, 1, w->buyer, &fd, first, sizeof first), 200);
    return fd;
}

static void test_list_follows_connections(void **state)
{
    (void)state;
    talks w;
    open_world(&w);
    assert_int_equal(guard_wait_entries(&w, 0), 0);
    /* Three connections held open (no request yet): three entries. */
    int fds[3];
    for (int i = 0; i < 3; i++)
        assert_true((fds[i] = http_connect(w.port)) >= 0);
    assert_int_equal(guard_wait_entries(&w, 3), 3);
    for (int i = 0; i < 3; i++)
        close(fds[i]);
    assert_int_equal(guard_wait_entries(&w, 0), 0);
    /* Twenty answered requests, one connection each, and twenty connections closed unused. */
    for (int i = 0; i < 20; i++) {
        http_resp r = http_request(w.port, "GET", "/api/health", NULL, NULL);
        assert_int_equal(r.status, 200);
        http_resp_free(&r);
        int fd = http_connect(w.port);
        assert_true(fd >= 0);
        close(fd);
    }
    assert_int_equal(guard_wait_entries(&w, 0), 0);
    /* A live stream is one entry while it is open, none once it is closed (noticed at its next keep-alive, here
     * 200 ms apart). */
    __atomic_store_n(&w.srv->keepalive_ms, 200, __ATOMIC_RELAXED);
    int s = open_stream(&w);
    assert_int_equal(guard_wait_entries(&w, 1), 1);
    close(s);
    assert_int_equal(guard_wait_entries(&w, 0), 0);
    talks_close(&w);
}

/* Connections answered and closed, then a live stream: it outlives the deadline that the closed ones had (3 s
 * here, three times the deadline) and then still delivers an event. */
static void test_stream_after_closed_connections(void **state)
{
    (void)state;
    talks w;
    open_world(&w);
    for (int i = 0; i < 5; i++) {
        http_resp r = http_request(w.port, "GET", "/api/health", NULL, NULL);
        assert_int_equal(r.status, 200);
        http_resp_free(&r);
    }
    int s = open_stream(&w);
    char buf[4096];
    size_t len = 0;
    double until = now_s() + 3;
    while (now_s() < until) { /* only "retry: 2000" and the backlog may come; never the end of the stream */
        struct pollfd p = {s, POLLIN, 0};
        if (poll(&p, 1, 100) > 0) {
            ssize_t k = recv(s, buf, sizeof buf - 1, 0);
            if (k <= 0)
                fail_msg("the live stream was closed after %.1f s", 3 - (until - now_s()));
        }
    }
    http_resp r = talks_message(&w, w.med, 5); /* a mediator's message to everyone: the Buyer sees it */
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    /* The message's event arrives on the stream (HANG_MS bounds a hang). */
    while (!(len > 0 && (buf[len] = '\0', strstr(buf, "\"kind\":\"message\"")))) {
        struct pollfd p = {s, POLLIN, 0};
        assert_int_equal(poll(&p, 1, HANG_MS), 1);
        ssize_t k = recv(s, buf + len, sizeof buf - 1 - len, 0);
        assert_true(k > 0);
        len += (size_t)k;
        assert_true(len < sizeof buf - 1);
    }
    close(s);
    talks_close(&w);
}

/* Reads one reply of a kept-alive connection (head, then Content-Length bytes of body); its status. */
static int read_one_reply(int fd)
{
    char buf[4096];
    size_t len = 0;
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        assert_int_equal(poll(&p, 1, HANG_MS), 1);
        ssize_t k = recv(fd, buf + len, sizeof buf - 1 - len, 0);
        assert_true(k > 0);
        len += (size_t)k;
        buf[len] = '\0';
        char *end = strstr(buf, "\r\n\r\n"), *cl = strcasestr(buf, "Content-Length:");
        assert_null(strcasestr(buf, "Connection: close"));
        if (end && cl && (size_t)(end + 4 - buf) + strtoul(cl + 15, NULL, 10) <= len) {
            int status = 0;
            assert_int_equal(sscanf(buf, "HTTP/1.1 %d", &status), 1);
            assert_int_equal((size_t)(end + 4 - buf) + strtoul(cl + 15, NULL, 10), len); /* nothing more */
            return status;
        }
        assert_true(len < sizeof buf - 1);
    }
}

static void test_deadline_again_after_a_reply(void **state)
{
    (void)state;
    talks w;
    open_world(&w);
    double t0 = now_s(); /* before connecting: every deadline of the server is after t0 + 1 s */
    int fd = http_connect(w.port);
    assert_true(fd >= 0);
    static const char health[] = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    for (int i = 0; i < 2; i++) { /* two requests on the one connection, both answered */
        assert_int_equal(send(fd, health, sizeof health - 1, MSG_NOSIGNAL), (ssize_t)(sizeof health - 1));
        assert_int_equal(read_one_reply(fd), 200);
    }
    /* A third head trickled: the guard cuts it once the deadline since the second reply has passed. */
    const char *head = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    double closed_at = -1;
    for (size_t i = 0; closed_at < 0 && now_s() - t0 < HANG_MS / 1000.0; i++) {
        if (send(fd, head[i] ? head + i : "a", 1, MSG_NOSIGNAL) != 1) {
            closed_at = now_s() - t0;
            break;
        }
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 200) > 0) {
            char b[256];
            if (recv(fd, b, sizeof b, 0) <= 0)
                closed_at = now_s() - t0;
        }
        if (!head[i])
            i--;
    }
    close(fd);
    printf("  trickled third request closed %.2f s after the connection opened\n", closed_at);
    if (closed_at < 0)
        fail_msg("the trickled request was not cut in %d s", HANG_MS / 1000);
    assert_true(closed_at >= 1.0);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_follows_connections),
        cmocka_unit_test(test_stream_after_closed_connections),
        cmocka_unit_test(test_deadline_again_after_a_reply),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

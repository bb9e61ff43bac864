/*
 * test_server_kill15_sse.c: how live streams are woken (sse.c), with the
 * keep-alive interval set by the test (parley_server.keepalive_ms) so that
 * only the wake-up under test can deliver what is waited for:
 * - notify_all_streams (what the PostgreSQL listener calls once it listens
 *   again: notifications may have been lost) wakes every stream, of every
 *   negotiation, at once: events stored without a notification (written
 *   straight into the store) reach a stream of negotiation 1 and one of
 *   negotiation 2, as "id: SEQ" and "data: " lines, with keep-alives an hour
 *   apart;
 * - with keep-alives 200 ms apart an idle stream receives ": keep-alive"
 *   comments, one after another;
 * - one token holds max_streams_per_token streams (2 here): the third is
 *   refused 429 with the exact message, another token's is admitted, and once
 *   one of the two is closed (noticed at its next keep-alive) the token may open
 *   one again.
 * Every wait only bounds a hang (HANG_S).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>

#include "test_server_store.h"

#define HANG_S 60

static void set_keepalive(talks *w, int64_t ms)
{
    __atomic_store_n(&w->srv->keepalive_ms, ms, __ATOMIC_RELAXED);
}

/* Reads the stream into buf (holding `*len` bytes already) until `needle` is in it; fails after HANG_S. */
static void stream_until(int fd, char *buf, size_t size, size_t *len, const char *needle)
{
    buf[*len] = '\0';
    for (int i = 0; !strstr(buf, needle); i++) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 1000) == 1) {
            ssize_t k = recv(fd, buf + *len, size - 1 - *len, 0);
            if (k <= 0)
                fail_msg("the stream ended before '%s'; it sent: %s", needle, buf);
            *len += (size_t)k;
            buf[*len] = '\0';
        }
        if (i >= HANG_S || *len >= size - 1)
            fail_msg("no '%s' on the stream in %d s; it sent: %s", needle, HANG_S, buf);
    }
}

static int64_t last_seq(talks *w)
{
    pthread_mutex_lock(&w->srv->ev_mu);
    int64_t seq = w->srv->ev_seq;
    pthread_mutex_unlock(&w->srv->ev_mu);
    return seq;
}

static uint64_t fetches(talks *w)
{
    return __atomic_load_n(&w->srv->stream_fetches, __ATOMIC_RELAXED);
}

static void test_notify_all_wakes_every_stream(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    set_keepalive(&w, 3600 * 1000);
    http_resp r = http_request(w.port, "POST", "/api/negotiations", NULL, talks_scenario);
    char med2[65];
    talks_keep_token(&r, "participant", med2);
    /* Streams from the last event on (an empty backlog: one query each, which finds nothing). */
    int64_t seq = last_seq(&w);
    uint64_t before = fetches(&w);
    char path[96];
    int fds[2];
    char bufs[2][8192];
    size_t lens[2] = {0, 0};
    const char *tokens[2] = {w.buyer, med2};
    for (int i = 0; i < 2; i++) {
        fds[i] = http_connect(w.port);
        assert_true(fds[i] >= 0);
        snprintf(path, sizeof path, "/api/negotiations/%d/events?after=%lld", i + 1, (long long)seq);
        assert_int_equal(http_send(fds[i], "GET", path, tokens[i], NULL, 0, NULL), 0);
        stream_until(fds[i], bufs[i], sizeof bufs[i], &lens[i], "retry: 2000");
    }
    for (int i = 0; i < HANG_S * 100 && fetches(&w) < before + 2; i++)
        poll(NULL, 0, 10);
    assert_true(fetches(&w) == before + 2);
    poll(NULL, 0, 200); /* lets the streams suspend: without it the test could only miss a bug, not fail */
    /* Two events stored past the API (no notification), one in each negotiation, for everyone. */
    talks_store_exec(&w, "INSERT INTO events (negotiation_id, at, kind, actor_id, audience, data) VALUES "
                         "(1, '2026-12-07T07:00:00Z', 'kill15.first', NULL, NULL, '{\"n\": 1}'), "
                         "(2, '2026-12-07T07:00:01Z', 'kill15.second', NULL, NULL, '{\"n\": 2}')");
    notify_all_streams(w.srv);
    const char *kinds[2] = {"kill15.first", "kill15.second"};
    for (int i = 0; i < 2; i++) {
        char want[64];
        snprintf(want, sizeof want, "id: %lld\ndata: {", (long long)(seq + 1 + i));
        stream_until(fds[i], bufs[i], sizeof bufs[i], &lens[i], kinds[i]);
        char *line = strstr(bufs[i], want);
        if (!line)
            fail_msg("no '%s' on stream %d: %s", want, i + 1, bufs[i]);
        char *end = strstr(line, "\n\n");
        assert_non_null(end);
        *end = '\0';
        json_t *ev = json_loads(line + strlen(want) - 1, 0, NULL);
        assert_non_null(ev);
        assert_string_equal(json_string_value(json_object_get(ev, "kind")), kinds[i]);
        assert_int_equal(json_integer_value(json_object_get(ev, "seq")), seq + 1 + i);
        assert_int_equal(json_integer_value(json_object_get(json_object_get(ev, "data"), "n")), i + 1);
        assert_null(strstr(bufs[i], ": keep-alive"));
        json_decref(ev);
        close(fds[i]);
    }
    talks_close(&w);
}

static void test_keepalive_comments(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    set_keepalive(&w, 200);
    int fd;
    char buf[8192];
    assert_int_equal(talks_stream(&w, 1, w.buyer, &fd, buf, sizeof buf), 200);
    size_t len = strlen(buf);
    stream_until(fd, buf, sizeof buf, &len, "\n: keep-alive\n\n");
    char *first = strstr(buf, "\n: keep-alive\n\n");
    size_t after = (size_t)(first - buf) + 15;
    char *rest = buf + after;
    size_t rest_len = len - after;
    stream_until(fd, rest, sizeof buf - after, &rest_len, ": keep-alive\n\n");
    close(fd);
    talks_close(&w);
}

/* Asks for a stream of negotiation 1 with `token` that should be refused (Connection: close): its status, at
 * once when it is 200 (the stream is closed), else the reply read to its end with its body in *error. */
static int refused_stream(talks *w, const char *token, json_t **error)
{
    int fd = http_connect(w->port);
    assert_true(fd >= 0);
    assert_int_equal(http_send(fd, "GET", "/api/negotiations/1/events", token, NULL, 0, NULL), 0);
    char buf[4096];
    size_t len = 0;
    int status = 0;
    for (int i = 0; i < HANG_S; i++) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 1000) != 1)
            continue;
        ssize_t k = recv(fd, buf + len, sizeof buf - 1 - len, 0);
        if (k <= 0)
            break;
        len += (size_t)k;
        buf[len] = '\0';
        if (sscanf(buf, "HTTP/1.1 %d", &status) == 1 && status == 200)
            break;
    }
    close(fd);
    char *body = strstr(buf, "\r\n\r\n");
    if (status != 200 && body)
        *error = json_loads(body + 4, 0, NULL);
    return status;
}

static void test_streams_per_token(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.max_streams_per_token = 2;
    talks_open(&w, &o);
    set_keepalive(&w, 200); /* a closed stream is noticed at its next keep-alive */
    int fds[2], fd;
    char first[4096];
    for (int i = 0; i < 2; i++)
        assert_int_equal(talks_stream(&w, 1, w.buyer, &fds[i], first, sizeof first), 200);
    /* The third of the token: 429 and the message. */
    json_t *error = NULL;
    assert_int_equal(refused_stream(&w, w.buyer, &error), 429);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(error, "error"), "status")), 429);
    assert_string_equal(json_string_value(json_object_get(json_object_get(error, "error"), "message")),
                        "this token already has 2 live streams open (the server's limit per token)");
    json_decref(error);
    /* Another token's is admitted. */
    assert_int_equal(talks_stream(&w, 1, w.seller, &fd, first, sizeof first), 200);
    close(fd);
    /* One of the two closed: the token may open one again (once the server noticed). */
    close(fds[0]);
    int status = 0;
    for (int i = 0; i < HANG_S * 10 && status != 200; i++) {
        status = talks_stream(&w, 1, w.buyer, &fd, first, sizeof first);
        if (status != 200) {
            assert_int_equal(status, 429);
            close(fd);
            poll(NULL, 0, 100);
        }
    }
    assert_int_equal(status, 200);
    close(fd);
    close(fds[1]);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_notify_all_wakes_every_stream),
        cmocka_unit_test(test_keepalive_comments),
        cmocka_unit_test(test_streams_per_token),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

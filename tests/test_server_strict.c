/*
 * test_server_strict.c: request heads that two HTTP parsers could frame
 * differently (request smuggling behind a proxy) are answered 400 and their
 * connection closed, over a raw socket: Content-Length twice (equal or not),
 * Content-Length with Transfer-Encoding, whitespace before a header's colon,
 * HTTP/1.1 without Host.  The writes carry a valid token and body, so without
 * the check they would be stored: the timeline shows none was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_server_talks.h"

/* Sends `head` (a printf format with the token as %s) and `body` on a new connection; the whole reply, read until
 * the server closes the connection (closed: 1 when it did, 0 when the read timed out with it open). */
static http_resp raw(talks *w, const char *head, const char *body, int *closed)
{
    char text[2048];
    int n = snprintf(text, sizeof text, head, w->buyer);
    n += snprintf(text + n, sizeof text - (size_t)n, "%s", body);
    int fd = http_connect(w->port);
    assert_true(fd >= 0);
    assert_int_equal(http_send_all(fd, text, (size_t)n), 0);
    http_resp r = http_read(fd);
    char b;
    *closed = recv(fd, &b, 1, 0) == 0;
    close(fd);
    return r;
}

static void expect_refused(talks *w, const char *head, const char *body, const char *why)
{
    int closed = 0;
    http_resp r = raw(w, head, body, &closed);
    assert_int_equal(r.status, 400);
    if (why) {
        assert_int_equal(jint(&r, "error", "status"), 400);
        assert_non_null(strstr(jstr(&r, "error", "message"), why));
    }
    assert_true(closed);
    http_resp_free(&r);
    assert_int_equal(talks_count_events(w, "message"), 0);
}

#define POST_HEAD "POST /api/negotiations/1/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n" \
                  "Content-Type: application/json\r\n"

static void test_content_length_twice(void **state)
{
    talks *w = *state;
    expect_refused(w, POST_HEAD "Content-Length: 14\r\nContent-Length: 14\r\n\r\n", "{\"body\":\"one\"}",
                   "Content-Length given more than once");
    expect_refused(w, POST_HEAD "Content-Length: 14\r\nContent-Length: 2\r\n\r\n", "{\"body\":\"one\"}",
                   "Content-Length given more than once");
}

static void test_content_length_with_chunked(void **state)
{
    talks *w = *state;
    expect_refused(w, POST_HEAD "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
                   "e\r\n{\"body\":\"one\"}\r\n0\r\n\r\n", "both Content-Length and Transfer-Encoding");
}

static void test_space_before_colon(void **state)
{
    talks *w = *state;
    expect_refused(w, POST_HEAD "Transfer-Encoding : chunked\r\n\r\n", "e\r\n{\"body\":\"one\"}\r\n0\r\n\r\n",
                   "whitespace");
}

static void test_no_host(void **state)
{
    talks *w = *state;
    /* libmicrohttpd's strict mode answers this one itself (its own page, not JSON). */
    expect_refused(w, "POST /api/negotiations/1/messages HTTP/1.1\r\nAuthorization: Bearer %s\r\n"
                      "Content-Type: application/json\r\nContent-Length: 14\r\n\r\n",
                   "{\"body\":\"one\"}", NULL);
}

/* The same message, framed plainly, is stored (the refusals above are not about the message). */
static void test_plain_request_stored(void **state)
{
    talks *w = *state;
    int closed = 0;
    http_resp r = raw(w, POST_HEAD "Content-Length: 14\r\nConnection: close\r\n\r\n", "{\"body\":\"one\"}", &closed);
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    assert_int_equal(talks_count_events(w, "message"), 1);
}

static int setup(void **state)
{
    talks *w = calloc(1, sizeof *w);
    assert_non_null(w);
    parley_server_options o = {0};
    talks_open(w, &o);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    talks_close(*state);
    free(*state);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_content_length_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_content_length_with_chunked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_space_before_colon, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_host, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plain_request_stored, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

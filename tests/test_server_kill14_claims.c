/*
 * test_server_kill14_claims.c: a slot of a per-negotiation budget given back
 * by one `parley serve` reaches the others on the same PostgreSQL database
 * (claims.c: the advisory lock is unlocked on the database, not only
 * forgotten in the process).  Two servers of this process on one schema (each
 * with its own claims connection, as two processes have), at most one live
 * stream per negotiation: A's stream makes B refuse one (429, the budget's
 * message); once A's stream ends (its token rotated), B admits one.  With SQLite there is
 * one process and nothing shared: the test is skipped there and runs as
 * test_server_kill14_claims_pg.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <time.h>

#include "test_server_talks.h"

/* Opens the live stream of negotiation 1 on `port` with `token`: its status; *fd the open connection when 200
 * (else closed, and *message the error's message, the caller's to free). */
static int stream_open(uint16_t port, const char *token, int *fd, char **message)
{
    *fd = http_connect(port);
    assert_true(*fd >= 0);
    assert_int_equal(http_send(*fd, "GET", "/api/negotiations/1/events", token, NULL, 0, NULL), 0);
    char head[64] = "";
    size_t n = 0;
    while (n < 12) { /* "HTTP/1.1 200" */
        ssize_t k = recv(*fd, head + n, 12 - n, 0);
        assert_true(k > 0);
        n += (size_t)k;
    }
    int status = 0;
    assert_int_equal(sscanf(head, "HTTP/1.%*d %d", &status), 1);
    if (status == 200)
        return status;
    http_resp r = http_read(*fd); /* the rest: the error's head and body */
    close(*fd);
    *fd = -1;
    char *body = r.raw ? strstr(r.raw, "\r\n\r\n") : NULL;
    json_t *j = body ? json_loads(body + 4, 0, NULL) : NULL;
    *message = strdup(json_string_value(json_object_get(json_object_get(j, "error"), "message")) ?: "");
    json_decref(j);
    http_resp_free(&r);
    return status;
}

static void test_stream_slot_given_back_across_servers(void **state)
{
    (void)state;
    if (!test_db_is_pg())
        skip();
    talks w;
    parley_server_options o = {0};
    o.budgets.streams_per_negotiation = 1;
    talks_open(&w, &o);
    parley_server_options ob = o; /* the same database, as a second process */
    parley_server *b = NULL;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_server_start(&ob, &b, &err), PARLEY_OK);
    uint16_t port_b = parley_server_port(b);

    int held, other;
    char *message = NULL;
    assert_int_equal(stream_open(w.port, w.seller, &held, &message), 200);
    assert_int_equal(stream_open(port_b, w.buyer, &other, &message), 429);
    assert_string_equal(message, "this negotiation already has 1 live streams open (the server's limit per "
                                 "negotiation, --streams-per-negotiation)");
    free(message);
    message = NULL;
    /* The Seller's token rotated (by the mediator, on B): A ends the Seller's stream and gives its slot back; B
     * admits a stream then. */
    http_resp rot = http_request(port_b, "POST", "/api/negotiations/1/participants/3/token", w.med, "{}");
    assert_int_equal(rot.status, 200);
    http_resp_free(&rot);
    int status = 0;
    for (int i = 0; i < 6000 && status != 200; i++) { /* 120 s: only a bound on a hang */
        free(message);
        message = NULL;
        status = stream_open(port_b, w.buyer, &other, &message);
        if (status != 200) {
            struct timespec ts = {0, 20000000L};
            nanosleep(&ts, NULL);
        }
    }
    if (status != 200)
        fail_msg("B still refuses a stream after A ended its own: %d %s", status, message ? message : "");
    close(other);
    close(held);
    parley_server_stop(b);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_stream_slot_given_back_across_servers)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

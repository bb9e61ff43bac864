/*
 * test_server_call.h: a call of the server's internals made straight from a test (no HTTP): an api_call of
 * negotiation 1 with a store reader in a read transaction, and its end.  Header-only; include after <cmocka.h>,
 * "server/server_internal.h" and "test_server_talks.h" (test_server_kill15_oom.c, test_server_kill16_oom_calls.c,
 * test_server_kill16_units.c).
 */
#ifndef PARLEY_TEST_SERVER_CALL_H
#define PARLEY_TEST_SERVER_CALL_H

#include <string.h>

/* *c emptied, then a call of negotiation 1 on w's server, its reader's read transaction begun. */
static __attribute__((unused)) void reader_call_begin(talks *w, api_call *c)
{
    memset(c, 0, sizeof *c);
    c->srv = w->srv;
    c->ids[0] = 1;
    c->db = store_reader(w->srv->db);
    assert_non_null(c->db);
    assert_int_equal(store_begin_read(c->db), DB_OK);
}

/* The read transaction of reader_call_begin committed, the reader given back (the reply is left to the caller). */
static __attribute__((unused)) void reader_call_end(talks *w, api_call *c)
{
    store_run(c->db, "COMMIT");
    store_reader_release(w->srv->db, c->db);
}

#endif

/*
 * test_server_store.h: SQL run straight on the store of a test's server (a talks of test_server_talks.h), past
 * the API: to fill the record with many events or to break a table on purpose (test_server_kill13_record,
 * test_server_kill14_bounds, test_server_kill14_dbfail).  Header-only (cmocka included first).
 */
#ifndef PARLEY_TEST_SERVER_STORE_H
#define PARLEY_TEST_SERVER_STORE_H

#include "server/server_internal.h"
#include "test_server_talks.h"

/* Runs `sql` (one or more statements) on w's store with its writer connection; fails the test unless DB_OK. */
static inline void talks_store_exec(talks *w, const char *sql)
{
    store_conn *db = store_writer(w->srv->db);
    assert_non_null(db);
    assert_int_equal(store_exec(db, sql), DB_OK);
    store_writer_release(w->srv->db, db);
}

#endif

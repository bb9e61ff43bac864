/*
 * test_server_kill14_dbfail.c: a statement that fails while it runs (not
 * when it is prepared) in the middle of a write.  The SQLite store's
 * `responses` table is put behind a view of the same name whose answer, for
 * the Seller's rows only, is abs(-9223372036854775808): reading it fails with
 * "integer overflow" (SQLite's runtime error), anything else reads and
 * writes as before (an INSTEAD OF trigger inserts into the renamed table).
 * The Seller accepts the text (its own answer is not read back); then the
 * Buyer's acceptance makes the server look for the agreement, which reads the
 * Seller's answer: the write fails whole, 500 "database error: integer
 * overflow", and the Buyer's answer is not stored (the agreement is not
 * taken to be missing).  SQLite only: the _pg run skips it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "server/server_internal.h"
#include "test_server_seats.h"
#include "test_server_store.h"

static void test_agreement_check_fails_whole(void **state)
{
    (void)state;
    if (test_db_is_pg())
        skip();
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    open_session(&w, 1, w.med);
    int64_t t = table(&w, 1, w.med, 1);
    talks_store_exec(&w, "ALTER TABLE responses RENAME TO responses_t;"
                         "CREATE VIEW responses AS SELECT id, text_id, participant_id, CASE WHEN "
                         "participant_id = 3 THEN abs(-9223372036854775808) ELSE answer END AS answer, "
                         "reason, amendments, created_at FROM responses_t;"
                         "CREATE TRIGGER responses_insert INSTEAD OF INSERT ON responses BEGIN INSERT INTO "
                         "responses_t (text_id, participant_id, answer, reason, amendments, created_at) "
                         "VALUES (NEW.text_id, NEW.participant_id, NEW.answer, NEW.reason, NEW.amendments, "
                         "NEW.created_at); END;");
    char path[96];
    snprintf(path, sizeof path, "/api/negotiations/1/texts/%lld/responses", (long long)t);
    http_resp r = talks_call(&w, "POST", path, w.seller, "{\"answer\": \"accept\"}", 201);
    http_resp_free(&r);
    talks_expect_error(&w, "POST", path, w.buyer, "{\"answer\": \"accept\"}", 500, NULL,
                       "database error: integer overflow");
    assert_int_equal(talks_count_events(&w, "response"), 1);
    assert_int_equal(talks_count_events(&w, "agreement"), 0);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_agreement_check_fails_whole)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

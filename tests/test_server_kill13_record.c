/*
 * test_server_kill13_record.c: a party's inputs (api_party.c,
 * party_inputs_prefetch) read at most RECORD_PAGES = 100 pages of 1000
 * events of the record, i.e. its first 100,000 events.  The record here is
 * an improvement offered first, 100,000 events of a kind the inputs skip
 * (inserted straight into the events table, both SQLite and PostgreSQL), and
 * a second improvement offered last: GET improvements/me of a party without
 * a profile lists the first offer only, since the last lies past the
 * 100,000th event (a 101st page read would list it too).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "server/server_internal.h"
#include "test_server_talks.h"
#include "test_server_store.h"

#define OFFER_SQL(note)                                                                                               \
    "INSERT INTO events (negotiation_id, at, kind, data) VALUES (1, '2026-01-01T00:00:00Z', 'improvement.offered', " \
    "'{\"text\": 1, \"number\": 1, \"agreement\": {\"price\": 1}, \"package\": {\"price\": 2}, \"note\": \"" note  \
    "\"}');"

static void test_record_read_to_its_100000th_event(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    talks_store_exec(&w, "BEGIN;" OFFER_SQL("first")
                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
                         "INSERT INTO events (negotiation_id, at, kind, data) "
                         "SELECT 1, '2026-01-01T00:00:00Z', 'filler', '{}' FROM n;" OFFER_SQL("last")
                         "COMMIT;");
    http_resp r = http_request(w.port, "GET", "/api/negotiations/1/improvements/me", w.seller, NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(jstr(&r, "profile", NULL), "none");
    json_t *offers = json_object_get(r.json, "offers");
    assert_int_equal(json_array_size(offers), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(offers, 0), "note")), "first");
    http_resp_free(&r);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_record_read_to_its_100000th_event)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

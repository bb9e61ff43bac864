/*
 * test_server_defaults.c: the server's limits and budgets when the operator gives none are the ones
 * docs/api.md promises (the table of `parley serve` options): each value below is copied from the docs,
 * not from the code, so a default changed by mistake (a burst of 31, 99,999 values) fails here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "server/server_internal.h"
#include "test_db.h"
#include "test_tmpdir.h"

/* Budgets left at 0 get the documented defaults; running_per_negotiation is half the slots, at least 1. */
static void test_budget_defaults(void **state)
{
    (void)state;
    parley_server_budgets b = {0};
    budget_defaults(&b, 4);
    assert_int_equal(b.profile_bytes, 256 * 1024);
    assert_int_equal(b.red_lines, 256);
    assert_int_equal(b.message_bytes, 10000);
    assert_true(b.write_rate == 5.0);
    assert_int_equal(b.write_burst, 30);
    assert_true(b.profile_rate == 0.1);
    assert_int_equal(b.profile_burst, 5);
    assert_int_equal(b.negotiation_bytes, (uint64_t)64 * 1024 * 1024);
    assert_int_equal(b.streams_per_negotiation, 32);
    assert_int_equal(b.analyses_per_participant, 4);
    assert_int_equal(b.analyses_per_negotiation, 8);
    assert_int_equal(b.running_per_negotiation, 2);

    const unsigned slots[] = {1, 2, 3, 9};
    const unsigned half[] = {1, 1, 1, 4};
    for (size_t i = 0; i < sizeof slots / sizeof *slots; i++) {
        parley_server_budgets z = {0};
        budget_defaults(&z, slots[i]);
        assert_int_equal(z.running_per_negotiation, half[i]);
    }
}

/* Values the operator gives are kept; a message size above 20,000 bytes is brought down to 20,000. */
static void test_budgets_given(void **state)
{
    (void)state;
    parley_server_budgets b = {.profile_bytes = 7, .red_lines = 8, .message_bytes = 50000, .write_rate = 0.5,
                               .write_burst = 9, .profile_rate = 2, .profile_burst = 11, .negotiation_bytes = 12,
                               .streams_per_negotiation = 13, .analyses_per_participant = 14,
                               .analyses_per_negotiation = 15, .running_per_negotiation = 16};
    budget_defaults(&b, 4);
    assert_int_equal(b.profile_bytes, 7);
    assert_int_equal(b.red_lines, 8);
    assert_int_equal(b.message_bytes, 20000);
    assert_true(b.write_rate == 0.5);
    assert_int_equal(b.write_burst, 9);
    assert_true(b.profile_rate == 2);
    assert_int_equal(b.profile_burst, 11);
    assert_int_equal(b.negotiation_bytes, 12);
    assert_int_equal(b.streams_per_negotiation, 13);
    assert_int_equal(b.analyses_per_participant, 14);
    assert_int_equal(b.analyses_per_negotiation, 15);
    assert_int_equal(b.running_per_negotiation, 16);
    parley_server_budgets m = {.message_bytes = 20000};
    budget_defaults(&m, 1);
    assert_int_equal(m.message_bytes, 20000);
}

/* A server started with no limits: 1 MiB bodies, 10 s requests, 4 streams a token, 5 s analyses, 100,000
 * values an issue, 64 parties, 2,000,000 table cells, 10^8 outcomes. */
static void test_server_defaults(void **state)
{
    (void)state;
    char dir[128], db[160];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "defaults"));
    assert_int_equal(test_db_target(db, sizeof db, dir, "p.db"), 0);
    parley_server_options o = {0};
    o.db_path = db;
    o.analysis_program = ANALYSIS_PROGRAM;
    o.sync = PARLEY_SYNC_NORMAL;
    o.open = 1;
    parley_server *srv;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_server_start(&o, &srv, &err), PARLEY_OK);
    size_t max_body = srv->max_body;
    unsigned request_ms = srv->request_ms, streams = srv->max_streams_per_token, analyses = srv->max_analyses;
    double seconds = srv->analysis_seconds;
    parley_server_limits limits = srv->limits;
    unsigned write_burst = srv->budgets.write_burst;
    parley_server_stop(srv);
    assert_int_equal(test_tmpdir_remove(dir), 0);

    assert_int_equal(max_body, 1024 * 1024);
    assert_int_equal(request_ms, 10000);
    assert_int_equal(streams, 4);
    assert_true(seconds == 5.0);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    assert_int_equal(analyses, cores > 0 ? (unsigned)cores : 1);
    assert_int_equal(limits.values_per_issue, 100000);
    assert_int_equal(limits.parties, 64);
    assert_int_equal(limits.table_cells, 2000000);
    assert_int_equal(limits.exact_outcomes, 100000000);
    assert_int_equal(write_burst, 30); /* the budgets' defaults are filled in at start */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_budget_defaults),
        cmocka_unit_test(test_budgets_given),
        cmocka_unit_test(test_server_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_server_kill16_q29.c: behaviours of the server pinned for surviving mutants
 * (issue 27, helper q29s), each through the API or a call of the server's own
 * functions:
 * - POST profile/convert takes one of the caller's write tokens (budget.c): with
 *   --write-burst 2 the first two conversions are 200 and the third 429 with the
 *   message that names the options, before its body is looked at (a body with no
 *   document: not 400) (g-check-d36986e145);
 * - once the mediator's drafting helper drafted the first text (an agent.draft
 *   event about no text), seat_find_work finds no more work for it: the draft is
 *   not made again (g-const-09cd83cb60);
 * - an agreed text whose stored outcome cannot be read: the improvements are 500
 *   "cannot read the agreed text" (g-bound-b0815177bc; SQLite only);
 * - budget_storage_check when the count of a negotiation's stored bytes fails
 *   (an empty database): 500 "database error: ...", the write not allowed
 *   (g-check-4dfc1cafb8);
 * - a variable whose name only begins with ASAN_OPTIONS reaches a seated agent's
 *   program (the sanitizer tree replaces ASAN_OPTIONS= alone; g-bound-f65e64a695);
 * - with PostgreSQL, a read that fails with SQLSTATE 0A000 keeps its connection
 *   (only 08... and 57P... say it is lost; g-bound-e272cfd27b).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "server/seats.h"
#include "server/server_internal.h"
#include "test_server_talks.h"
#include "test_server_call.h"
#include "test_server_seats.h"
#include "test_server_seat_why.h"

/* A conversion by `token` of a one-issue GENIUS profile (good) or of a body with no document; the reply. */
static http_resp convert(talks *w, const char *token, int good)
{
    static const char profile_xml[] = /* test_server_convert.c's: price 0..2, linear 0.75 to 0.25 */
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<utility_space>\n"
        "<objective index=\"0\" name=\"Budget\" type=\"objective\" etype=\"objective\">\n"
        "<issue index=\"1\" name=\"price\" type=\"integer\" etype=\"integer\" vtype=\"integer\" lowerbound=\"0\" "
        "upperbound=\"2\">\n<evaluator ftype=\"linear\" slope=\"-0.25\" offset=\"0.75\"/>\n</issue>\n"
        "<weight index=\"1\" value=\"1\"/>\n</objective>\n<discount_factor value=\"1\"/>\n"
        "<reservation value=\"0.4\"/>\n</utility_space>\n";
    return http_json(w->port, "POST", "/api/negotiations/1/profile/convert", token,
                     good ? json_pack("{s:{s:s,s:s}}", "document", "name", "mine.xml", "content", profile_xml)
                          : json_pack("{s:i}", "document", 1));
}

/* With a bucket of 2 writes refilled at 0.0001 per second, conversions 1 and 2 pass and 3 is refused: 429 before
 * its body is read (a body with no document, 400 when a token is left). */
static void test_convert_takes_a_write(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.write_burst = 2;
    o.budgets.write_rate = 0.0001;
    talks_open(&w, &o);
    for (int k = 1; k <= 3; k++) {
        http_resp r = convert(&w, w.buyer, k < 3);
        if (k < 3) {
            if (r.status != 200)
                fail_msg("conversion %d: expected 200, got %d: %s", k, r.status, r.body ? r.body : "(no body)");
        } else {
            assert_int_equal(r.status, 429);
            assert_int_equal(jint(&r, "error", "status"), 429);
            assert_true(json_is_null(json_object_get(json_object_get(r.json, "error"), "field")));
            static const char want[] = "too many writes: one participant may make 2 at once and 0.0001 per second "
                                       "after that (the server's --write-burst and --write-rate); try again in ";
            const char *message = jstr(&r, "error", "message");
            assert_non_null(message);
            if (strncmp(message, want, sizeof want - 1) != 0)
                fail_msg("the refusal: %s", message);
        }
        http_resp_free(&r);
    }
    talks_close(&w);
}

/* seat_find_work on negotiation 1 (in a read transaction): its answer, and the job's task in *task. */
static int find_work(talks *w, seat_task *task)
{
    api_call c;
    seat_job job;
    reader_call_begin(w, &c);
    int rc = seat_find_work(&c, &job);
    reader_call_end(w, &c);
    json_decref(c.reply);
    *task = job.task;
    seat_job_clear(&job);
    return rc;
}

/* The drafting helper has work once a session is open (the first draft) and none after its draft is recorded. */
static void test_first_draft_is_made_once(void **state)
{
    (void)state;
    talks w;
    talks_open_with_drafter(&w);
    seat_task task;
    assert_int_equal(find_work(&w, &task), 0); /* no session: nothing to draft */
    open_session(&w, 1, w.med);
    json_decref(wait_events(&w, 1, w.med, "agent.draft", 1));
    int rc = find_work(&w, &task);
    if (rc != 0)
        fail_msg("after the first draft: seat_find_work %d (task %d), expected 0", rc, (int)task);
    talks_close(&w);
}

/* The Buyer and the Seller accept text 1; then its stored outcome is made one the scenario has no value for (price
 * 7 of 0..2, written straight into the database): the mediator's improvements are 500 "cannot read the agreed
 * text" (from the analysis process). */
static void test_agreed_text_unreadable(void **state)
{
    (void)state;
    if (test_db_is_pg())
        skip(); /* the outcome is rewritten through a second SQLite connection */
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    talks_text_tabled(&w);
    static const char *const steps[][4] = {
        {"POST", "/api/negotiations/1/texts/1/responses", "b", "{\"answer\": \"accept\"}"},
        {"POST", "/api/negotiations/1/texts/1/responses", "s", "{\"answer\": \"accept\"}"},
    };
    talks_steps(&w, steps, sizeof steps / sizeof steps[0]);
    http_resp r = talks_call(&w, "GET", "/api/negotiations/1/improvements", w.med, NULL, 200); /* readable: 200 */
    http_resp_free(&r);
    db_conn *db = db_open(w.db, 0, NULL);
    assert_non_null(db);
    assert_int_equal(db_exec(db, "UPDATE texts SET outcome = '{\"price\": 7}' WHERE number = 1"), DB_OK);
    db_close(db);
    talks_expect_error(&w, "GET", "/api/negotiations/1/improvements", w.med, NULL, 500, NULL,
                       "cannot read the agreed text");
    talks_close(&w);
}

/* budget_storage_check of a negotiation the server has not counted yet (2), on a connection to an empty database
 * (no events table): the count of its stored bytes fails, so the check is 500 "database error: ..." (the write is
 * not made), not a pass with nothing counted. */
static void test_storage_count_fails(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    char dir[128];
    parley_error err;
    store_conn empty = {.db = test_db_open_new(dir, sizeof dir, "q29empty", "e.db", &err)};
    assert_non_null(empty.db);
    api_call c;
    memset(&c, 0, sizeof c);
    c.srv = w.srv;
    c.ids[0] = 2;
    c.db = &empty;
    int rc = budget_storage_check(&c);
    const char *message = json_string_value(json_object_get(json_object_get(c.reply, "error"), "message"));
    int prefixed = message && strncmp(message, "database error: ", 16) == 0;
    json_decref(c.reply);
    db_close(empty.db);
    assert_int_equal(test_tmpdir_remove(dir), 0);
    talks_close(&w);
    assert_int_equal(rc, 500);
    assert_true(prefixed);
}

/* A seated agent's program gets every variable of the server's environment but ASAN_OPTIONS itself (which the
 * sanitizer tree replaces, seat_child.c): one whose name only begins with ASAN_OPTIONS reaches it unchanged. */
static void test_seat_environment_near_asan_options(void **state)
{
    (void)state;
    assert_int_equal(setenv("ASAN_OPTIONSQ29", "q29-kept", 1), 0);
    expect_why("printf '{\"error\": \"%s\"}' \"$ASAN_OPTIONSQ29\"", 0, 0, "error: q29-kept");
    unsetenv("ASAN_OPTIONSQ29");
}

/* The backend process id of connection c (a session's identity). */
static int64_t backend_pid(db_conn *c)
{
    db_stmt *st = db_stmt_cached(c, "SELECT pg_backend_pid()");
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    int64_t pid = db_column_int64(st, 0);
    db_reset(st);
    return pid;
}

/* With PostgreSQL: a read on an idle connection that fails with an SQLSTATE of class 0 other than 08 (0A000,
 * feature not supported) is the statement's error, not a lost connection: DB_ERROR, and the session is kept (the
 * same backend, not a new connection; 08006 would be a lost one). */
static void test_pg_statement_error_keeps_the_session(void **state)
{
    (void)state;
    if (!test_db_is_pg())
        skip();
    char dir[128];
    parley_error err;
    db_conn *c = test_db_open_new(dir, sizeof dir, "q29pg", "p.db", &err);
    assert_non_null(c);
    assert_int_equal(db_exec(c, "CREATE FUNCTION q29_refuse() RETURNS int LANGUAGE plpgsql AS "
                                "$$BEGIN RAISE EXCEPTION 'q29' USING ERRCODE = '0A000'; END$$"),
                     DB_OK);
    int64_t before = backend_pid(c);
    assert_int_equal(db_exec(c, "SELECT q29_refuse()"), DB_ERROR);
    int64_t after = backend_pid(c);
    db_close(c);
    assert_int_equal(test_tmpdir_remove(dir), 0);
    assert_int_equal(after, before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_convert_takes_a_write),
        cmocka_unit_test(test_first_draft_is_made_once),
        cmocka_unit_test(test_agreed_text_unreadable),
        cmocka_unit_test(test_storage_count_fails),
        cmocka_unit_test(test_seat_environment_near_asan_options),
        cmocka_unit_test(test_pg_statement_error_keeps_the_session),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

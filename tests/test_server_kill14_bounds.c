/*
 * test_server_kill14_bounds.c: limits and boundaries of the server that no
 * test sat on (the srv helper's seed-142 probe of the code changed since
 * b048fca):
 * - improvements?limit defaults to 10 (docs/api.md): on an agreement that 40
 *   packages improve for both parties (counted by hand below), no limit lists
 *   10, limit=9 lists 9, 10 lists 10, 11 lists 11, and `found` is 40;
 * - advice/me?limit defaults to 5: with 21 single changes that raise the
 *   Buyer's utility (price 0, or quality 1..20), no limit lists 5, limit=4
 *   lists 4, 5 lists 5, 6 lists 6, 20 lists 20; the text is worth 0.25 to it;
 * - timeline?limit defaults to 500 (docs/api.md): with 1000 more events in
 *   the record, no limit gives 500 and "more", 499, 500 and 501 as asked, and
 *   "last" is the seq of the last event given;
 * - an issue the scenario's parser will refuse (no type, a min that is no
 *   number, a step of 0, a max below the min) counts one value against
 *   --max-cells: with a price of 4 values beside it and 2 parties, 10 cells;
 *   a limit of 9 refuses it (413, before the parser), 10 lets the parser
 *   refuse it (400);
 * - the mediator, participant 1, has a write bucket like every participant
 *   (--write-burst), not the profile uploads' bucket;
 * - two buckets whose keys fall in one slot of the server's map of buckets
 *   (participant 27's writes, participant 28's profile uploads) keep their
 *   own tokens;
 * - a time with seconds and a zone offset: the offset is checked too (hours
 *   at most 23, minutes at most 59), as it is without seconds;
 * - dates: the last day of each month is one, the day after it is not
 *   (29 February in leap years only: 2032, 2000 and 1996, not 2031, 1900 nor 2100);
 * - a party's advice scenario (party_advice_scenario): the caller's own profile
 *   merged in, every other negotiating party (no role, or role "party") given
 *   the caller's preferences as a placeholder, the mediator untouched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "server/party_advice.h"
#include "server/server_internal.h"
#include "test_server_talks.h"
#include "test_server_store.h"

/* Price 0..2 opposed, quality 0..20 wanted by both, each weighing half. */
static const char quality_scenario[] =
    "{\"scenario\": {\"title\": \"Quality\", \"issues\": [{\"name\": \"price\", \"type\": \"integer\", \"min\": 0, "
    "\"max\": 2}, {\"name\": \"quality\", \"type\": \"integer\", \"min\": 0, \"max\": 20}], \"parties\": ["
    " {\"name\": \"Buyer\", \"preferences\": {\"price\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", "
    "\"at_min\": 1, \"at_max\": 0}}, \"quality\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, "
    "\"at_max\": 1}}}},"
    " {\"name\": \"Seller\", \"preferences\": {\"price\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", "
    "\"at_min\": 0, \"at_max\": 1}}, \"quality\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, "
    "\"at_max\": 1}}}},"
    " {\"name\": \"Broker\", \"role\": \"mediator\"}]}}";

/* The agreement (price 1, quality 0) is worth 0.25 to both.  (p, q) is worth 0.5 (1 - p/2) + q/40 to the Buyer and
 * p/4 + q/40 to the Seller; strictly more for both: q > 10p - 10 and q > 10 - 10p.  Price 0: q 11..20 (10
 * packages); price 1: q 1..20 (20); price 2: q 11..20 (10); 40 in all. */
static void test_improvements_default_limit_is_10(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open_scenario(&w, &o, quality_scenario);
    http_resp r = talks_call(&w, "POST", "/api/negotiations/1/sessions", w.med, "{\"venue\": \"Geneva\"}", 201);
    http_resp_free(&r);
    r = talks_call(&w, "POST", "/api/negotiations/1/texts", w.med,
                             "{\"outcome\": {\"price\": 1, \"quality\": 0}}", 201);
    http_resp_free(&r);
    const char *const who[] = {w.buyer, w.seller};
    for (size_t i = 0; i < 2; i++) {
        r = talks_call(&w, "POST", "/api/negotiations/1/texts/1/responses", who[i], "{\"answer\": \"accept\"}", 201);
        http_resp_free(&r);
    }
    static const char *const query[] = {"", "?limit=9", "?limit=10", "?limit=11"};
    static const size_t listed[] = {10, 9, 10, 11};
    for (size_t i = 0; i < 4; i++) {
        char path[96];
        snprintf(path, sizeof path, "/api/negotiations/1/improvements%s", query[i]);
        r = talks_call(&w, "GET", path, w.med, NULL, 200);
        json_t *list = json_object_get(r.json, "improvements");
        if (json_array_size(list) != listed[i])
            fail_msg("%s: %zu improvements listed, expected %zu: %s", path, json_array_size(list), listed[i], r.body);
        assert_int_equal(jint(&r, "found", NULL), 40);
        assert_true(json_is_true(json_object_get(r.json, "exhaustive")));
        http_resp_free(&r);
    }
    talks_close(&w);
}

/* The Buyer's profile as uploaded: the scenario's own preferences. */
static const char quality_buyer[] =
    "{\"preferences\": {\"price\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 1, "
    "\"at_max\": 0}}, \"quality\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, "
    "\"at_max\": 1}}}}";

/* The text (price 1, quality 0) is worth 0.5 * 0.5 = 0.25 to the Buyer; price 0 raises that by 0.25 and quality q by
 * q / 40: 21 single changes that gain, so every limit up to 20 is filled. */
static void test_advice_default_limit_is_5(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open_scenario(&w, &o, quality_scenario);
    http_resp r = talks_call(&w, "PUT", "/api/negotiations/1/profile", w.buyer, quality_buyer, 200);
    http_resp_free(&r);
    r = talks_call(&w, "POST", "/api/negotiations/1/sessions", w.med, "{\"venue\": \"Geneva\"}", 201);
    http_resp_free(&r);
    r = talks_call(&w, "POST", "/api/negotiations/1/texts", w.med, "{\"outcome\": {\"price\": 1, \"quality\": 0}}",
                   201);
    http_resp_free(&r);
    static const char *const query[] = {"", "?limit=4", "?limit=5", "?limit=6", "?limit=20"};
    static const size_t listed[] = {5, 4, 5, 6, 20};
    for (size_t i = 0; i < 5; i++) {
        char path[96];
        snprintf(path, sizeof path, "/api/negotiations/1/advice/me%s", query[i]);
        r = talks_call(&w, "GET", path, w.buyer, NULL, 200);
        json_t *list = json_object_get(r.json, "amendments");
        if (json_array_size(list) != listed[i])
            fail_msg("%s: %zu amendments listed, expected %zu: %s", path, json_array_size(list), listed[i], r.body);
        assert_true(json_number_value(json_object_get(r.json, "utility")) == 0.25);
        assert_true(json_number_value(json_object_get(r.json, "margin")) == 0.25); /* no reservation uploaded */
        /* the best: quality 20, worth 0.5 more; the Seller's model has seen one text, so its ratings are 1 for the
         * values of that text and 1/2 for the others, its weights equal: a loss of 0.5 x 1/2 for any one change */
        json_t *first = json_array_get(list, 0), *change = json_array_get(json_object_get(first, "changes"), 0);
        assert_int_equal(json_array_size(json_object_get(first, "changes")), 1);
        assert_string_equal(json_string_value(json_object_get(change, "issue")), "quality");
        assert_int_equal(json_integer_value(json_object_get(change, "value")), 20);
        assert_true(json_number_value(json_object_get(first, "utility")) == 0.75);
        assert_true(json_number_value(json_object_get(first, "gain")) == 0.5);
        assert_true(json_number_value(json_object_get(json_object_get(first, "predicted_loss"), "Seller")) == 0.25);
        http_resp_free(&r);
    }
    talks_close(&w);
}

/* 1000 small events inserted straight into the record (SQLite and PostgreSQL alike), then pages of it. */
static void test_timeline_default_limit_is_500(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    talks_store_exec(&w, "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE "
                         "i < 1000) INSERT INTO events (negotiation_id, at, kind, data) SELECT 1, "
                         "'2026-01-01T00:00:00Z', 'filler', '{}' FROM n; COMMIT;");
    static const char *const query[] = {"", "?limit=499", "?limit=500", "?limit=501"};
    static const size_t given[] = {500, 499, 500, 501};
    for (size_t i = 0; i < 4; i++) {
        char path[96];
        snprintf(path, sizeof path, "/api/negotiations/1/timeline%s", query[i]);
        http_resp r = talks_call(&w, "GET", path, w.med, NULL, 200);
        json_t *events = json_object_get(r.json, "events");
        assert_int_equal(json_array_size(events), given[i]);
        assert_true(json_is_true(json_object_get(r.json, "more")));
        assert_int_equal(jint(&r, "last", NULL),
                         json_integer_value(json_object_get(json_array_get(events, given[i] - 1), "seq")));
        http_resp_free(&r);
    }
    talks_close(&w);
}

/* POST /api/negotiations of the Budget parties over price (0..3) and `broken`; the reply. */
static http_resp create_with_issue(talks *w, const char *broken)
{
    char body[1024];
    snprintf(body, sizeof body,
             "{\"scenario\": {\"title\": \"T\", \"issues\": [{\"name\": \"price\", \"type\": \"integer\", \"min\": 0, "
             "\"max\": 3}, %s], \"parties\": [{\"name\": \"Buyer\", \"preferences\": {\"price\": {\"weight\": 1, "
             "\"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}, {\"name\": \"Seller\", "
             "\"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, "
             "\"at_max\": 1}}}}, {\"name\": \"Broker\", \"role\": \"mediator\"}]}}",
             broken);
    return http_request(w->port, "POST", "/api/negotiations", NULL, body);
}

static void test_broken_issue_counts_one_value(void **state)
{
    (void)state;
    static const char *const broken[] = {
        "{\"name\": \"x\", \"min\": 0, \"max\": 1}",
        "{\"name\": \"x\", \"type\": \"integer\", \"min\": \"low\", \"max\": 1}",
        "{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 1, \"step\": 0}",
        "{\"name\": \"x\", \"type\": \"integer\", \"min\": 2, \"max\": 1}",
    };
    for (int cells = 9; cells <= 10; cells++) {
        talks w;
        parley_server_options o = {0};
        o.limits.table_cells = (uint64_t)cells;
        talks_open(&w, &o);
        for (size_t i = 0; i < sizeof broken / sizeof *broken; i++) {
            http_resp r = create_with_issue(&w, broken[i]);
            if (cells == 9) {
                assert_int_equal(r.status, 413);
                assert_string_equal(jstr(&r, "error", "message"),
                                    "scenario: 2 parties' utility tables would hold 10 cells: the server's limit is 9 "
                                    "(--max-cells)");
            } else if (r.status != 400) {
                fail_msg("issue %s: %d, expected 400 from the parser: %s", broken[i], r.status, r.body);
            }
            http_resp_free(&r);
        }
        talks_close(&w);
    }
}

/* The mediator (participant 1) may write --write-burst times at once, however large the profile uploads' burst:
 * 4, two of them taken by its adding the Buyer and the Seller (talks_open), two by messages. */
static void test_mediator_has_a_write_bucket(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.write_burst = 4;
    o.budgets.write_rate = 0.001;
    o.budgets.profile_burst = 50;
    o.budgets.profile_rate = 50;
    talks_open(&w, &o);
    for (int i = 0; i < 2; i++) {
        http_resp r = talks_message(&w, w.med, 10);
        assert_int_equal(r.status, 201);
        http_resp_free(&r);
    }
    http_resp r = talks_message(&w, w.med, 10);
    assert_int_equal(r.status, 429);
    static const char start[] = "too many writes: one participant may make 4 at once and 0.001 per second after "
                                "that (the server's --write-burst and --write-rate); try again in ";
    const char *m = jstr(&r, "error", "message");
    assert_non_null(m);
    assert_memory_equal(m, start, sizeof start - 1);
    http_resp_free(&r);
    assert_int_equal(talks_count_events(&w, "message"), 2);
    talks_close(&w);
}

/* Opens a session starting and ending at each of the `n` times `good` (closing it again), and is refused one
 * starting at each of the `m` times `bad`, with the exact message. */
static void check_times(talks *w, const char *const *good, size_t n, const char *const *bad, size_t m)
{
    char body[200], message[200];
    for (size_t i = 0; i < n; i++) {
        snprintf(body, sizeof body, "{\"venue\": \"v\", \"starts_at\": \"%s\", \"ends_at\": \"%s\"}", good[i],
                 good[i]);
        http_resp r = talks_call(w, "POST", "/api/negotiations/1/sessions", w->med, body, 201);
        assert_string_equal(jstr(&r, "starts_at", NULL), good[i]);
        assert_string_equal(jstr(&r, "ends_at", NULL), good[i]);
        char path[96];
        snprintf(path, sizeof path, "/api/negotiations/1/sessions/%lld/close", jint(&r, "id", NULL));
        http_resp_free(&r);
        r = talks_call(w, "POST", path, w->med, "{\"outcome\": \"adjourned\"}", 200);
        http_resp_free(&r);
    }
    for (size_t i = 0; i < m; i++) {
        snprintf(body, sizeof body, "{\"venue\": \"v\", \"starts_at\": \"%s\"}", bad[i]);
        snprintf(message, sizeof message,
                 "starts_at: '%s' is not a date and time (expected e.g. 2024-05-01 or 2024-05-01T10:00Z)", bad[i]);
        talks_expect_error(w, "POST", "/api/negotiations/1/sessions", w->med, body, 400, "starts_at", message);
    }
}

/* Participant 27's write bucket (key 27) and participant 28's profile bucket (key -28) fall in the same slot of the
 * server's map of buckets at its first size (64 slots: budget.c, slot_of): the second is put in the next free slot,
 * and both keep their own tokens. */
static void test_colliding_buckets(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.write_burst = 3;
    o.budgets.write_rate = 0.001;
    o.budgets.profile_burst = 1;
    o.budgets.profile_rate = 0.001;
    talks_open(&w, &o);
    char med[65], buyer[65];
    for (int n = 2; n <= 25; n++) { /* negotiations 2..25, their mediators participants 4..27 */
        http_resp r = http_request(w.port, "POST", "/api/negotiations", NULL, talks_scenario);
        assert_int_equal(jint(&r, "participant", "id"), n + 2);
        talks_keep_token(&r, "participant", med);
    }
    http_resp r = http_json(w.port, "POST", "/api/negotiations/25/participants", med,
                            json_pack("{s:s,s:s}", "name", "Buyer", "role", "party"));
    assert_int_equal(jint(&r, "id", NULL), 28);
    talks_keep_token(&r, NULL, buyer);
    for (int i = 0; i < 2; i++) { /* the mediator's bucket: 3 writes, now all taken */
        r = http_request(w.port, "POST", "/api/negotiations/25/messages", med, "{\"body\": \"hello\"}");
        assert_int_equal(r.status, 201);
        http_resp_free(&r);
    }
    r = talks_call(&w, "PUT", "/api/negotiations/25/profile", w.buyer, "{}", 403); /* another negotiation's token */
    http_resp_free(&r);
    r = talks_call(&w, "PUT", "/api/negotiations/25/profile", buyer,
                   "{\"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 1, \"1\": 0.5, \"2\": 0}}}}",
                   200);
    http_resp_free(&r);
    r = talks_call(&w, "POST", "/api/negotiations/25/messages", med, "{\"body\": \"one too many\"}", 429);
    http_resp_free(&r);
    r = talks_call(&w, "PUT", "/api/negotiations/25/profile", buyer, "{\"preferences\": {}}", 429);
    assert_non_null(strstr(jstr(&r, "error", "message"), "too many profile uploads"));
    http_resp_free(&r);
    r = talks_call(&w, "POST", "/api/negotiations/25/messages", buyer, "{\"body\": \"mine\", \"to\": 27}", 201);
    http_resp_free(&r);
    talks_close(&w);
}

/* Times with seconds and a zone offset: the offset's hours and minutes are bounded as without seconds. */
static void test_offset_after_seconds_is_checked(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    static const char *const good[] = {"2031-01-01T23:59:59+23:59", "2031-01-01T00:00:00-23:59",
                                       "2031-01-01T10:00:00+00:00"};
    static const char *const bad[] = {"2031-01-01T10:00:00+24:00", "2031-01-01T10:00:00-23:60",
                                      "2031-01-01T10:00:59+99:00", "2031-01-01T10:00:00+00:60"};
    check_times(&w, good, 3, bad, 4);
    talks_close(&w);
}

/* Each month's last day is a date and the day after it is not (2031 is no leap year; 2032, 2000 and 1996 are, 1900
 * and 2100 are not: the year is read from all four digits, a century that is no multiple of 4 included); day 00 and
 * month 00 are not either, months 01 and 12 are. */
static void test_each_months_last_day(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.write_burst = 1000; /* two writes a good date */
    talks_open(&w, &o);
    static const char *const good[] = {"2031-01-31", "2031-02-28", "2031-03-31", "2031-04-30", "2031-05-31",
                                       "2031-06-30", "2031-07-31", "2031-08-31", "2031-09-30", "2031-10-31",
                                       "2031-11-30", "2031-12-31", "2032-02-29", "2000-02-29", "1996-02-29",
                                       "2031-01-01"};
    static const char *const bad[] = {"2031-01-32", "2031-02-29", "2031-03-32", "2031-04-31", "2031-05-32",
                                      "2031-06-31", "2031-07-32", "2031-08-32", "2031-09-31", "2031-10-32",
                                      "2031-11-31", "2031-12-32", "2032-02-30", "1900-02-29", "2100-02-29",
                                      "2031-01-00",
                                      "2031-00-01"};
    check_times(&w, good, sizeof good / sizeof *good, bad, sizeof bad / sizeof *bad);
    talks_close(&w);
}

/* The Buyer's advice scenario: its profile merged in; the Seller (role "party") and the Agent (no role) get the
 * Buyer's preferences in place of theirs; the mediator keeps what it had. */
static void test_advice_scenario_placeholders(void **state)
{
    (void)state;
    json_t *doc = json_loads(
        "{\"title\": \"T\", \"issues\": [{\"name\": \"price\", \"type\": \"integer\", \"min\": 0, \"max\": 2}], "
        "\"parties\": [{\"name\": \"Buyer\"}, {\"name\": \"Seller\", \"role\": \"party\", \"preferences\": {\"price\": "
        "{\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}}, {\"name\": \"Agent\"}, "
        "{\"name\": \"Broker\", \"role\": \"mediator\", \"description\": \"d\"}]}",
        0, NULL);
    json_t *profile = json_loads("{\"reservation\": 0.5, \"preferences\": {\"price\": {\"weight\": 1, \"function\": "
                                 "{\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}",
                                 0, NULL);
    assert_non_null(doc);
    assert_non_null(profile);
    json_t *merged = party_advice_scenario(doc, "Buyer", profile);
    assert_non_null(merged);
    json_t *mine = json_object_get(profile, "preferences");
    json_t *parties = json_object_get(merged, "parties");
    assert_int_equal(json_array_size(parties), 4);
    json_t *buyer = json_array_get(parties, 0);
    assert_true(json_equal(json_object_get(buyer, "preferences"), mine));
    assert_true(json_number_value(json_object_get(buyer, "reservation")) == 0.5);
    for (size_t i = 1; i <= 2; i++) {
        json_t *p = json_array_get(parties, i);
        assert_true(json_equal(json_object_get(p, "preferences"), mine));
        assert_null(json_object_get(p, "reservation"));
    }
    assert_true(json_equal(json_array_get(parties, 3),
                           json_array_get(json_object_get(doc, "parties"), 3))); /* the mediator, as it was */
    assert_null(json_object_get(json_array_get(parties, 3), "preferences"));
    /* the public document itself is left as it was */
    assert_null(json_object_get(json_array_get(json_object_get(doc, "parties"), 0), "preferences"));
    json_decref(merged);
    json_decref(doc);
    json_decref(profile);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_improvements_default_limit_is_10),
        cmocka_unit_test(test_advice_default_limit_is_5),
        cmocka_unit_test(test_timeline_default_limit_is_500),
        cmocka_unit_test(test_broken_issue_counts_one_value),
        cmocka_unit_test(test_mediator_has_a_write_bucket),
        cmocka_unit_test(test_colliding_buckets),
        cmocka_unit_test(test_offset_after_seconds_is_checked),
        cmocka_unit_test(test_each_months_last_day),
        cmocka_unit_test(test_advice_scenario_placeholders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

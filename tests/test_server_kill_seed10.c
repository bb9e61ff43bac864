/*
 * test_server_kill_seed10.c: server behaviours that the seed-10 sample of
 * generated mutants of src/server showed no test pinned (issue 27,
 * tests/mutants/report-server.md), each pinned with values worked out from
 * docs/api.md:
 *   - whoever creates a negotiation is its first participant, a mediator: the
 *     creation's reply says so (a mutant answered "party");
 *   - a database statement whose preparation failed is prepared again the
 *     next time it runs (PostgreSQL; a mutant took it for prepared);
 *   - the request deadline starts again after each reply: a kept-alive
 *     connection is not cut after its first reply (a mutant cut it);
 *   - an error message quotes valid UTF-8 as it is, U+0800 included (a
 *     mutant escaped it as an overlong sequence);
 *   - a session reads back as opened (its note, times of every form the API
 *     takes) and, once closed, with its closed_at (mutants lost the note and
 *     the closed_at; dates alone and offsets of +HH:MM are taken);
 *   - a mediator may not take a negotiating party's name, the first party's
 *     included (a mutant let the first one through);
 *   - a reply sent is no longer counted unsent (a mutant kept counting it, and
 *     every stop waited a second for it);
 *   - a seated agent's answers count against the negotiation's stored bytes
 *     (a mutant left them out);
 *   - a text that is not the negotiation's is 404 (a mutant answered 405);
 *   - the analysis lists at most 64 minimal conflicts (a mutant read a 65th);
 * No timing is asserted; every wait is a hang bound.
 * The name starts with test_server for the server library (tests/CMakeLists.txt).
 */
#define _GNU_SOURCE /* POLLRDHUP, strcasestr */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "server/server_internal.h"
#include "test_server_talks.h"

#include <poll.h>

/* The creator of a negotiation is its first participant, the scenario's mediator Broker, with a token of 64 digits. */
static void test_creator_is_the_mediator(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    http_resp r = http_request(w.port, "POST", "/api/negotiations", NULL, talks_scenario);
    assert_int_equal(r.status, 201);
    assert_int_equal(jint(&r, "negotiation", "id"), 2);
    assert_string_equal(jstr(&r, "negotiation", "status"), "open");
    assert_int_equal(jint(&r, "participant", "id"), 4); /* ids count across negotiations: 1 to 3 are the first one's */
    assert_string_equal(jstr(&r, "participant", "name"), "Broker");
    assert_string_equal(jstr(&r, "participant", "role"), "mediator");
    assert_int_equal(strlen(jstr(&r, "participant", "token")), 64);
    http_resp_free(&r);
    talks_close(&w);
}

/*
 * A statement whose preparation failed is prepared again the next time it runs (db_pg.c prepares a statement
 * with parameters when it first runs; SQLite, when it is made): a count over a table created after the first
 * try.  The first try's error is the preparation's, naming the table (a mutant ignored the failed preparation:
 * the run said "prepared statement ... does not exist", and every later run too, the statement being taken for
 * prepared).
 */
static void test_statement_prepared_again_after_failing(void **state)
{
    (void)state;
    char dir[128];
    db_conn *db = test_db_open_new(dir, sizeof dir, "prepare", "t.db", NULL);
    assert_non_null(db);
    static const char sql[] = "SELECT COUNT(*) FROM later WHERE id > ?";
    db_stmt *st = db_stmt_cached(db, sql);
    int first = DB_ERROR;
    char why[300] = "(made)";
    if (st) { /* PostgreSQL: prepared when it runs */
        db_bind_int64(st, 1, 0);
        first = db_step(st);
        snprintf(why, sizeof why, "%s", db_errmsg(db));
        db_reset(st);
    }
    int created = db_exec(db, "CREATE TABLE later (id BIGINT)");
    int second = DB_ERROR;
    long long count = -1;
    if ((st = db_stmt_cached(db, sql))) {
        db_bind_int64(st, 1, 0);
        if ((second = db_step(st)) == DB_ROW)
            count = (long long)db_column_int64(st, 0);
        db_reset(st);
    }
    db_close(db);
    test_tmpdir_remove(dir);
    assert_int_equal(first, DB_ERROR);
    if (!strstr(why, "later") && strcmp(why, "(made)") != 0)
        fail_msg("the first run's error does not name the table: %s", why);
    assert_int_equal(created, DB_OK);
    assert_int_equal(second, DB_ROW);
    assert_int_equal(count, 0);
}

/* Reads one reply on a kept-alive connection (its head and Content-Length bytes of body): the status, or -1 when
 * the connection ended first. */
static int read_one_reply(int fd)
{
    char buf[8192];
    size_t len = 0;
    for (;;) {
        ssize_t k = recv(fd, buf + len, sizeof buf - 1 - len, 0);
        if (k <= 0)
            return -1;
        len += (size_t)k;
        buf[len] = '\0';
        char *end = strstr(buf, "\r\n\r\n");
        const char *cl = strcasestr(buf, "\r\nContent-Length: ");
        if (end && cl && len >= (size_t)(end + 4 - buf) + strtoul(cl + 18, NULL, 10)) {
            int status = -1;
            return sscanf(buf, "HTTP/1.1 %d", &status) == 1 ? status : -1;
        }
        if (len == sizeof buf - 1)
            return -1;
    }
}

/*
 * The request deadline starts again after each reply (docs/api.md: "a whole request within 10 s of the
 * connection's start or of its previous reply"): with --request-seconds 300, a connection kept alive after a
 * reply is not cut by the guard, whose tick is 100 ms: two seconds after the first reply (a wait, not a speed:
 * it only gives the guard time to act) the second request on the same connection is answered (a mutant set the
 * deadline 300 s in the past after each reply, and the guard shut the connection at its next tick).
 */
static void test_kept_alive_connection_not_cut_after_a_reply(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.request_seconds = 300;
    talks_open(&w, &o);
    static const char request[] = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    int fd = http_connect(w.port);
    assert_true(fd >= 0);
    assert_int_equal(http_send_all(fd, request, sizeof request - 1), 0);
    int first = read_one_reply(fd);
    struct pollfd p = {fd, POLLIN | POLLRDHUP, 0};
    int cut = poll(&p, 1, 2000) > 0; /* a hang-up (or anything at all) within 2 s */
    int second = http_send_all(fd, request, sizeof request - 1) == 0 ? read_one_reply(fd) : -1;
    close(fd);
    talks_close(&w);
    assert_int_equal(first, 200);
    assert_false(cut);
    assert_int_equal(second, 200);
}

/*
 * An error message quotes the caller's text as it is when it is valid UTF-8: the first and last characters of
 * each length of sequence whose second byte is bounded (U+0800, U+D7FF next to the surrogates, U+10000,
 * U+10FFFF) stay characters, not "\xE0..." escapes (a mutant took U+0800 for an overlong sequence).
 */
static void test_error_quotes_boundary_characters(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    static const char *const names[] = {"\xE0\xA0\x80", "\xED\x9F\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF",
                                        "\xDF\xBF"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        http_resp r = http_json(w.port, "POST", "/api/negotiations/1/participants", w.med,
                                json_pack("{s:s,s:s}", "name", names[i], "role", "party"));
        assert_int_equal(r.status, 400);
        char expected[64];
        snprintf(expected, sizeof expected, "name: '%s' is not a negotiating party of the scenario", names[i]);
        assert_string_equal(jstr(&r, "error", "message"), expected);
        http_resp_free(&r);
    }
    talks_close(&w);
}

/* Opens a session with `body` (taken: 201); the session. */
static json_t *session_opened(talks *w, json_t *body)
{
    http_resp r = http_json(w->port, "POST", "/api/negotiations/1/sessions", w->med, body);
    if (r.status != 201)
        fail_msg("a session refused: %s", r.body);
    json_t *s = json_incref(r.json);
    http_resp_free(&r);
    return s;
}

/*
 * A session keeps what it was opened with and says when it closed: venue, both times (a date alone, a time with
 * seconds and an offset) and the note read back as given; once closed, its closed_at and outcome (a mutant stored
 * an empty note, another left closed_at out of the session).  Times the API takes: YYYY-MM-DD, then optionally
 * THH:MM, :SS, and Z or +HH:MM / -HH:MM (docs/api.md); others are refused (400, the field).
 */
static void test_session_read_back(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    static const char *const refused[] = {"2026-12-06T10", "2026-12-06T10:00:3", "2026-12-06T10:00+0100",
                                          "2026-12-06T10:00+01:0", "2026-12-06T10:00Zx", "2026-12-6"};
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        http_resp r = http_json(w.port, "POST", "/api/negotiations/1/sessions", w.med,
                                json_pack("{s:s,s:s}", "venue", "Geneva", "starts_at", refused[i]));
        assert_int_equal(r.status, 400);
        assert_string_equal(jstr(&r, "error", "field"), "starts_at");
        http_resp_free(&r);
    }
    static const char *const taken[][2] = {{"2026-12-06", "2026-12-07"},
                                           {"2026-12-07T09:30:15+01:00", "2026-12-07T17:00-05:30"},
                                           {"2026-12-08T09:00:59Z", "2026-12-08T10:00Z"}};
    for (size_t i = 0; i < sizeof taken / sizeof *taken; i++) {
        json_t *s = session_opened(&w, json_pack("{s:s,s:s,s:s,s:s}", "venue", "Geneva", "starts_at", taken[i][0],
                                                 "ends_at", taken[i][1], "note", "bring the figures"));
        assert_string_equal(json_string_value(json_object_get(s, "venue")), "Geneva");
        assert_string_equal(json_string_value(json_object_get(s, "starts_at")), taken[i][0]);
        assert_string_equal(json_string_value(json_object_get(s, "ends_at")), taken[i][1]);
        assert_string_equal(json_string_value(json_object_get(s, "note")), "bring the figures");
        assert_string_equal(json_string_value(json_object_get(s, "status")), "open");
        assert_true(json_is_null(json_object_get(s, "closed_at")));
        char path[96];
        snprintf(path, sizeof path, "/api/negotiations/1/sessions/%lld/close",
                 (long long)json_integer_value(json_object_get(s, "id")));
        json_decref(s);
        http_resp r = http_json(w.port, "POST", path, w.med, json_pack("{s:s}", "outcome", "adjourned"));
        assert_int_equal(r.status, 200);
        assert_string_equal(jstr(&r, "status", NULL), "closed");
        assert_string_equal(jstr(&r, "outcome", NULL), "adjourned");
        const char *closed_at = jstr(&r, "closed_at", NULL);
        assert_non_null(closed_at);
        assert_true(strlen(closed_at) >= 20); /* an ISO 8601 time */
        http_resp_free(&r);
    }
    http_resp r = http_request(w.port, "GET", "/api/negotiations/1/sessions", w.buyer, NULL);
    json_t *list = json_object_get(r.json, "sessions");
    assert_int_equal(json_array_size(list), 3);
    for (size_t i = 0; i < 3; i++) {
        json_t *s = json_array_get(list, i);
        assert_string_equal(json_string_value(json_object_get(s, "note")), "bring the figures");
        assert_non_null(json_string_value(json_object_get(s, "closed_at")));
        assert_int_equal(json_object_size(s), 11); /* id, number, venue and the eight of docs/api.md */
    }
    http_resp_free(&r);
    talks_close(&w);
}

/*
 * A mediator may not take the name of a negotiating party of the scenario, whichever party it is: the first
 * (Buyer, index 0) and the second (Seller) are refused, 400 on `name` (a mutant let the first party's name
 * through); a new name is taken.
 */
static void test_mediator_named_as_a_party_refused(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    static const char *const parties[] = {"Buyer", "Seller"};
    for (size_t i = 0; i < 2; i++) {
        http_resp r = http_json(w.port, "POST", "/api/negotiations/1/participants", w.med,
                                json_pack("{s:s,s:s}", "name", parties[i], "role", "mediator"));
        assert_int_equal(r.status, 400);
        char expected[128];
        snprintf(expected, sizeof expected, "name: '%s' is a negotiating party of the scenario, not a mediator",
                 parties[i]);
        assert_string_equal(jstr(&r, "error", "message"), expected);
        http_resp_free(&r);
    }
    http_resp r = http_json(w.port, "POST", "/api/negotiations/1/participants", w.med,
                            json_pack("{s:s,s:s}", "name", "Second", "role", "mediator"));
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    talks_close(&w);
}

/*
 * A reply the writer or an analysis made is counted unsent until it is queued, then no more: after a write and an
 * analysis have been answered, the server counts no unsent reply (its stop waits up to a second for those; a
 * mutant never counted them sent, so every stop waited the whole second).  Read once the client has its replies:
 * the count is taken back before the reply is queued.
 */
static void test_replies_counted_sent(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    http_resp r = talks_message(&w, w.buyer, 10);
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    r = http_request(w.port, "GET", "/api/negotiations/1/analysis", w.med, NULL);
    assert_int_equal(r.status, 200);
    http_resp_free(&r);
    int unsent = __atomic_load_n(&w.srv->replies_unsent, __ATOMIC_RELAXED);
    talks_close(&w);
    assert_int_equal(unsent, 0);
}

/* What negotiation 1 has stored by the server's estimate, read from the refusal of a message too large for its
 * budget (nothing is stored). */
static unsigned long long stored_estimate(talks *w)
{
    http_resp r = talks_message(w, w->med, 9000); /* 2 * 9,011 + 512 bytes: more than the budget of 16,000 */
    assert_int_equal(r.status, 413);
    unsigned long long held = 0;
    assert_int_equal(sscanf(jstr(&r, "error", "message"), "this negotiation has stored about %llu bytes", &held), 1);
    http_resp_free(&r);
    return held;
}

/*
 * A seated agent's writes count against the negotiation's stored bytes (docs/api.md, "Agents at the table"):
 * the estimate grows by at least the 512 bytes of one write when the agent answers a text (the runner is paused
 * while the text is tabled, so the first reading is before the answer; a mutant left the agent's answers out of
 * the estimate).
 */
static void test_agent_answers_count_against_stored_bytes(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.seat_program = ANALYSIS_PROGRAM; /* parley-serve answers for seated agents too */
    o.budgets.agent_seconds = 300;
    o.budgets.negotiation_bytes = 16000;
    talks_open(&w, &o);
    http_resp r = http_json(w.port, "POST", "/api/negotiations/1/participants/3/agent", w.med,
                            json_pack("{s:s,s:f}", "agent", "boulware", "deadline_seconds", 300.0));
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    r = http_json(w.port, "POST", "/api/negotiations/1/sessions", w.med, json_pack("{s:s}", "venue", "Geneva"));
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    __atomic_store_n(&w.srv->seats_paused, 1, __ATOMIC_RELAXED);
    r = http_json(w.port, "POST", "/api/negotiations/1/texts", w.med, json_pack("{s:{s:i}}", "outcome", "price", 1));
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    unsigned long long before = stored_estimate(&w);
    assert_int_equal(talks_count_events(&w, "response"), 0);
    __atomic_store_n(&w.srv->seats_paused, 0, __ATOMIC_RELAXED);
    size_t responses = 0;
    for (int i = 0; i < 18000 && responses == 0; i++) { /* 360 s: a bound on a hang */
        responses = talks_count_events(&w, "response");
        if (!responses)
            poll(NULL, 0, 20);
    }
    unsigned long long after = stored_estimate(&w);
    talks_close(&w);
    assert_int_equal(responses, 1);
    if (after < before + 512)
        fail_msg("stored %llu bytes before the agent's answer, %llu after", before, after);
}

/*
 * A text that is not one of the negotiation's is 404 Not Found, saying so: a number never tabled, and a text of
 * another negotiation asked for through this one; the current text before any is 404 too (a mutant answered
 * 405 for a text asked for by number).
 */
static void test_missing_text_is_404(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    http_resp r = http_request(w.port, "GET", "/api/negotiations/1/texts/current", w.buyer, NULL);
    assert_int_equal(r.status, 404);
    assert_string_equal(jstr(&r, "error", "message"), "no text has been tabled yet");
    http_resp_free(&r);
    r = http_request(w.port, "POST", "/api/negotiations", NULL, talks_scenario); /* negotiation 2, its text 1 */
    char med2[65];
    talks_keep_token(&r, "participant", med2);
    r = http_json(w.port, "POST", "/api/negotiations/2/sessions", med2, json_pack("{s:s}", "venue", "Geneva"));
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    r = http_json(w.port, "POST", "/api/negotiations/2/texts", med2, json_pack("{s:{s:i}}", "outcome", "price", 1));
    assert_int_equal(r.status, 201);
    long long other = jint(&r, "id", NULL);
    http_resp_free(&r);
    char path[96];
    snprintf(path, sizeof path, "/api/negotiations/1/texts/%lld", other);
    r = http_request(w.port, "GET", path, w.buyer, NULL);
    assert_int_equal(r.status, 404);
    char expected[96];
    snprintf(expected, sizeof expected, "no text %lld in this negotiation", other);
    assert_string_equal(jstr(&r, "error", "message"), expected);
    http_resp_free(&r);
    r = http_request(w.port, "GET", "/api/negotiations/1/texts/7", w.buyer, NULL);
    assert_int_equal(r.status, 404);
    assert_string_equal(jstr(&r, "error", "message"), "no text 7 in this negotiation");
    http_resp_free(&r);
    talks_close(&w);
}

/* Red lines named PREFIX<k>, "price OP k", for k = from..to. */
static json_t *red_lines(char prefix, const char *op, int from, int to)
{
    json_t *lines = json_array();
    for (int k = from; k <= to; k++) {
        char name[16], rule[32];
        snprintf(name, sizeof name, "%c%d", prefix, k);
        snprintf(rule, sizeof rule, "price %s %d", op, k);
        json_array_append_new(lines, json_pack("{s:s,s:s}", "name", name, "rule", rule));
    }
    return lines;
}

/*
 * The analysis lists at most 64 minimal conflicts: the Buyer's red lines price <= 1 .. 9 against the Seller's
 * price >= 11 .. 18 make 9 x 8 = 72 conflicting pairs, each minimal (every red line alone holds somewhere), and
 * the reply lists 64 of them, each a pair of one Buyer and one Seller red line (a mutant read a 65th set past the
 * 64 the library wrote).
 */
static void test_conflicts_listed_up_to_64(void **state)
{
    (void)state;
    json_t *buyer_lines = red_lines('b', "<=", 1, 9), *seller_lines = red_lines('s', ">=", 11, 18);
    json_t *body = json_pack(
        "{s:{s:[{s:s,s:s,s:i,s:i}],s:[{s:s,s:{s:{s:i,s:{s:s,s:i,s:i}}},s:o},{s:s,s:{s:{s:i,s:{s:s,s:i,s:i}}},s:o},"
        "{s:s,s:s}]}}",
        "scenario", "issues", "name", "price", "type", "integer", "min", 0, "max", 20, "parties", "name", "Buyer",
        "preferences", "price", "weight", 1, "function", "type", "linear", "at_min", 1, "at_max", 0, "red_lines",
        buyer_lines, "name", "Seller", "preferences", "price", "weight", 1, "function", "type", "linear", "at_min", 0,
        "at_max", 1, "red_lines", seller_lines, "name", "Broker", "role", "mediator");
    assert_non_null(body);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    talks w;
    parley_server_options o = {0};
    talks_open_scenario(&w, &o, text);
    free(text);
    http_resp r = http_request(w.port, "GET", "/api/negotiations/1/analysis", w.med, NULL);
    assert_int_equal(r.status, 200);
    json_t *conflicts = json_object_get(r.json, "conflicts");
    assert_int_equal(json_array_size(conflicts), 64);
    for (size_t i = 0; i < json_array_size(conflicts); i++) {
        json_t *set = json_array_get(conflicts, i);
        assert_int_equal(json_array_size(set), 2);
        const char *a = json_string_value(json_object_get(json_array_get(set, 0), "name"));
        const char *b = json_string_value(json_object_get(json_array_get(set, 1), "name"));
        assert_non_null(a);
        assert_non_null(b);
        assert_true((a[0] == 'b' && b[0] == 's') || (a[0] == 's' && b[0] == 'b'));
    }
    http_resp_free(&r);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_creator_is_the_mediator),
        cmocka_unit_test(test_statement_prepared_again_after_failing),
        cmocka_unit_test(test_kept_alive_connection_not_cut_after_a_reply),
        cmocka_unit_test(test_error_quotes_boundary_characters),
        cmocka_unit_test(test_session_read_back),
        cmocka_unit_test(test_mediator_named_as_a_party_refused),
        cmocka_unit_test(test_replies_counted_sent),
        cmocka_unit_test(test_agent_answers_count_against_stored_bytes),
        cmocka_unit_test(test_missing_text_is_404),
        cmocka_unit_test(test_conflicts_listed_up_to_64),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

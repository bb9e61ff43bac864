/*
 * api_talks.c: handlers for the talks themselves: sessions (venue, times,
 * outcome, follow-up), texts tabled by the mediator, the parties' answers
 * (accept / reject / amend with reasons) and messages through the mediator.
 * A party reads only its own answers and messages; a text is agreed when every
 * negotiating party of the scenario has accepted it.
 */
#include "server/server_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *col_text(db_stmt *st, int i)
{
    return db_column_is_null(st, i) ? json_null() : json_string(db_column_text(st, i));
}

/* ---- sessions ---- */

#define SESSION_COLUMNS "id, number, venue, starts_at, ends_at, note, status, outcome, follow_up, opened_at, closed_at"

static json_t *session_json(db_stmt *st)
{
    json_t *s = json_pack("{s:I,s:I,s:s}", "id", (json_int_t)db_column_int64(st, 0), "number",
                          (json_int_t)db_column_int64(st, 1), "venue", db_column_text(st, 2));
    static const char *const names[] = {"starts_at", "ends_at", "note", "status", "outcome", "follow_up", "opened_at",
                                        "closed_at"};
    for (int i = 0; s && i < 8; i++)
        json_object_set_new(s, names[i], col_text(st, 3 + i));
    return s;
}

static int session_reply(api_call *c, int status, int64_t id)
{
    static const char sql[] = "SELECT " SESSION_COLUMNS " FROM sessions WHERE id = ?";
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return api_fail_db(c);
    db_bind_int64(st, 1, id);
    json_t *s = db_step(st) == DB_ROW ? session_json(st) : NULL;
    db_reset(st);
    if (!s)
        return api_fail_db(c);
    return api_event_reply(c, status == 201 ? "session.opened" : "session.closed", 0, status, s);
}

int api_open_session(api_call *c)
{
    static const char open_sql[] = "SELECT number FROM sessions WHERE negotiation_id = ? AND status = 'open'";
    static const char sql[] =
        "INSERT INTO sessions (negotiation_id, number, venue, starts_at, ends_at, note, status, opened_at) "
        "VALUES (?1, (SELECT COALESCE(MAX(number), 0) + 1 FROM sessions WHERE negotiation_id = ?1), ?2, ?3, ?4, ?5, "
        "'open', ?6) RETURNING id";
    req_session rq;
    parley_error err = {0};
    int rc;
    if ((rc = api_require_open(c)))
        return rc;
    if (req_parse_session(c->json, &rq, &err))
        return api_fail_error(c, &err);
    db_stmt *st = store_stmt(c->db, open_sql);
    if (!st)
        return api_fail_db(c);
    db_bind_int64(st, 1, c->ids[0]);
    if (db_step(st) == DB_ROW) {
        long long n = db_column_int64(st, 0);
        db_reset(st);
        return api_fail(c, 409, NULL, "session %lld is still open: close it first", n);
    }
    db_reset(st);
    char now[96];
    api_now(now);
    if (!(st = store_stmt(c->db, sql)))
        return api_fail_db(c);
    db_bind_int64(st, 1, c->ids[0]);
    db_bind_text(st, 2, rq.venue, -1, DB_TRANSIENT);
    db_bind_text(st, 3, rq.starts_at, -1, DB_TRANSIENT);
    db_bind_text(st, 4, rq.ends_at, -1, DB_TRANSIENT);
    db_bind_text(st, 5, rq.note, -1, DB_TRANSIENT);
    db_bind_text(st, 6, now, -1, DB_TRANSIENT);
    int64_t id;
    if ((rc = api_step_insert(c, st, &id)))
        return rc;
    return session_reply(c, 201, id);
}

int api_close_session(api_call *c)
{
    static const char find_sql[] = "SELECT status FROM sessions WHERE id = ? AND negotiation_id = ?";
    static const char sql[] = "UPDATE sessions SET status = 'closed', outcome = ?, follow_up = ?, "
                              "ends_at = COALESCE(?, ends_at), note = COALESCE(?, note), closed_at = ? WHERE id = ?";
    req_session_close rq;
    parley_error err = {0};
    int rc;
    if ((rc = api_require_open(c)))
        return rc;
    db_stmt *st = store_stmt(c->db, find_sql);
    if (!st)
        return api_fail_db(c);
    db_bind_int64(st, 1, c->ids[1]);
    db_bind_int64(st, 2, c->ids[0]);
    rc = db_step(st);
    int closed = rc == DB_ROW && strcmp(db_column_text(st, 0), "closed") == 0;
    db_reset(st);
    if (rc != DB_ROW)
        return api_fail(c, 404, NULL, "no session %lld in this negotiation", (long long)c->ids[1]);
    if (closed)
        return api_fail(c, 409, NULL, "session %lld is already closed", (long long)c->ids[1]);
    if (req_parse_session_close(c->json, &rq, &err))
        return api_fail_error(c, &err);
    char now[96];
    api_now(now);
    if (!(st = store_stmt(c->db, sql)))
        return api_fail_db(c);
    db_bind_text(st, 1, rq.outcome, -1, DB_TRANSIENT);
    db_bind_text(st, 2, rq.follow_up, -1, DB_TRANSIENT);
    db_bind_text(st, 3, rq.ends_at, -1, DB_TRANSIENT);
    db_bind_text(st, 4, rq.note, -1, DB_TRANSIENT);
    db_bind_text(st, 5, now, -1, DB_TRANSIENT);
    db_bind_int64(st, 6, c->ids[1]);
    if ((rc = api_step_done(c, st)))
        return rc;
    return session_reply(c, 200, c->ids[1]);
}

/* Replies {key: [row, ...]} with every row of `sql` (bound to the negotiation) made into JSON by `row`. */
static int list_reply(api_call *c, const char *sql, json_t *(*row)(db_stmt *st), const char *key)
{
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return api_fail_db(c);
    db_bind_int64(st, 1, c->ids[0]);
    json_t *list = json_array();
    while (db_step(st) == DB_ROW)
        json_array_append_new(list, row(st));
    db_reset(st);
    return api_reply(c, 200, json_pack("{s:o}", key, list));
}

int api_list_sessions(api_call *c)
{
    static const char sql[] = "SELECT " SESSION_COLUMNS " FROM sessions WHERE negotiation_id = ? ORDER BY number";
    return list_reply(c, sql, session_json, "sessions");
}

/* ---- texts ---- */

#define TEXT_COLUMNS                                                                                                 \
    "t.id, t.number, t.session_id, s.number, t.outcome, t.note, t.status, t.created_at, p.name FROM texts t "        \
    "JOIN sessions s ON s.id = t.session_id JOIN participants p ON p.id = t.author_id"

static json_t *text_json(db_stmt *st)
{
    json_t *outcome = json_loads(db_column_text(st, 4), 0, NULL);
    json_t *t = json_pack("{s:I,s:I,s:I,s:I,s:o*,s:o,s:s,s:s,s:s}", "id", (json_int_t)db_column_int64(st, 0),
                          "number", (json_int_t)db_column_int64(st, 1), "session_id",
                          (json_int_t)db_column_int64(st, 2), "session", (json_int_t)db_column_int64(st, 3),
                          "outcome", outcome, "note", col_text(st, 5), "status",
                          db_column_text(st, 6), "created_at",
                          db_column_text(st, 7), "author", db_column_text(st, 8));
    return t;
}

/* The text with this id (or the latest when id is 0) in the negotiation; NULL when none. */
static json_t *load_text(api_call *c, int64_t id)
{
    static const char by_id[] = "SELECT " TEXT_COLUMNS " WHERE t.id = ? AND t.negotiation_id = ?";
    static const char latest[] = "SELECT " TEXT_COLUMNS " WHERE t.negotiation_id = ?2 ORDER BY t.number DESC LIMIT 1";
    db_stmt *st = store_stmt(c->db, id ? by_id : latest);
    if (!st)
        return NULL;
    if (id)
        db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, c->ids[0]);
    json_t *t = db_step(st) == DB_ROW ? text_json(st) : NULL;
    db_reset(st);
    return t;
}

/* The responses to a text the caller may see (a party: its own), oldest first. */
static json_t *responses_json(api_call *c, int64_t text)
{
    /* Two statements: a party's reads its rows in index order (text, participant, id), with no sort. */
#define RESPONSE_COLUMNS                                                                                             \
    "SELECT r.id, r.participant_id, p.name, r.answer, r.reason, r.amendments, r.created_at "                         \
    "FROM responses r JOIN participants p ON p.id = r.participant_id WHERE r.text_id = ?1 "
    static const char all_sql[] = RESPONSE_COLUMNS "ORDER BY r.id";
    static const char own_sql[] = RESPONSE_COLUMNS "AND r.participant_id = ?2 ORDER BY r.participant_id, r.id";
    int all = c->my_role == ROLE_MEDIATOR;
    db_stmt *st = store_stmt(c->db, all ? all_sql : own_sql);
    json_t *list = json_array();
    if (!st || !list)
        return list;
    db_bind_int64(st, 1, text);
    if (!all)
        db_bind_int64(st, 2, c->me);
    while (db_step(st) == DB_ROW) {
        json_t *amendments = json_loads(db_column_text(st, 5), 0, NULL);
        json_array_append_new(list, json_pack("{s:I,s:I,s:s,s:s,s:o,s:o*,s:s}", "id",
                                              (json_int_t)db_column_int64(st, 0), "participant",
                                              (json_int_t)db_column_int64(st, 1), "name",
                                              db_column_text(st, 2), "answer",
                                              db_column_text(st, 3), "reason", col_text(st, 4),
                                              "amendments", amendments, "created_at",
                                              db_column_text(st, 6)));
    }
    db_reset(st);
    return list;
}

int api_table_text(api_call *c)
{
    static const char session_sql[] = "SELECT id FROM sessions WHERE negotiation_id = ? AND status = 'open'";
    static const char supersede_sql[] = "UPDATE texts SET status = 'superseded' WHERE negotiation_id = ? AND status = 'open'";
    static const char reopen_sql[] = "UPDATE negotiations SET status = 'open' WHERE id = ? AND status = 'agreed'";
    static const char sql[] =
        "INSERT INTO texts (negotiation_id, session_id, number, author_id, outcome, note, status, created_at) "
        "VALUES (?1, ?2, (SELECT COALESCE(MAX(number), 0) + 1 FROM texts WHERE negotiation_id = ?1), ?3, ?4, ?5, "
        "'open', ?6) RETURNING id";
    parley_error err = {0};
    int rc;
    if ((rc = api_require_open(c)))
        return rc;
    db_stmt *st = store_stmt(c->db, session_sql);
    if (!st)
        return api_fail_db(c);
    db_bind_int64(st, 1, c->ids[0]);
    rc = db_step(st);
    int64_t session = rc == DB_ROW ? db_column_int64(st, 0) : 0;
    db_reset(st);
    rc = 0;
    if (!session)
        return api_fail(c, 409, NULL, "no session is open: a text is tabled in a session (POST .../sessions)");
    scenario_entry *e = scenario_get(c, c->ids[0]);
    if (!e)
        return api_fail_db(c);
    const parley_space *space = parley_scenario_space(e->sc);
    uint32_t *values = calloc(parley_space_issue_count(space), sizeof *values);
    const char *note = NULL;
    json_t *outcome = NULL;
    if (!values)
        rc = api_fail(c, 500, NULL, "out of memory");
    else if (req_parse_text(c->json, space, values, &note, &err))
        rc = api_fail_error(c, &err);
    else if (!(outcome = req_outcome_json(space, values)))
        rc = api_fail(c, 500, NULL, "out of memory");
    free(values);
    scenario_release(c->srv, e);
    if (rc) {
        json_decref(outcome);
        return rc;
    }
    char now[96];
    api_now(now);
    char *text = json_dumps(outcome, JSON_COMPACT);
    json_decref(outcome);
    if (!text)
        return api_fail(c, 500, NULL, "out of memory");
    if (!(st = store_stmt(c->db, supersede_sql)) || (db_bind_int64(st, 1, c->ids[0]), db_step(st)) != DB_DONE ||
        !(st = store_stmt(c->db, reopen_sql)) || (db_bind_int64(st, 1, c->ids[0]), db_step(st)) != DB_DONE ||
        !(st = store_stmt(c->db, sql))) {
        free(text);
        return api_fail_db(c);
    }
    db_bind_int64(st, 1, c->ids[0]);
    db_bind_int64(st, 2, session);
    db_bind_int64(st, 3, c->me);
    db_bind_text(st, 4, text, -1, DB_FREE);
    db_bind_text(st, 5, note, -1, DB_TRANSIENT);
    db_bind_text(st, 6, now, -1, DB_TRANSIENT);
    int64_t id;
    if ((rc = api_step_insert(c, st, &id)))
        return rc;
    json_t *t = load_text(c, id);
    if (!t)
        return api_fail_db(c);
    return api_event_reply(c, "text.tabled", 0, 201, t);
}

int api_list_texts(api_call *c)
{
    static const char sql[] = "SELECT " TEXT_COLUMNS " WHERE t.negotiation_id = ? ORDER BY t.number";
    return list_reply(c, sql, text_json, "texts");
}

static int text_with_responses(api_call *c, int64_t id)
{
    json_t *t = load_text(c, id);
    if (!t)
        return id ? api_fail(c, 404, NULL, "no text %lld in this negotiation", (long long)id)
                  : api_fail(c, 404, NULL, "no text has been tabled yet");
    json_object_set_new(t, "responses", responses_json(c, json_integer_value(json_object_get(t, "id"))));
    return api_reply(c, 200, t);
}

int api_get_text(api_call *c)
{
    return text_with_responses(c, c->ids[1]);
}

int api_current_text(api_call *c)
{
    return text_with_responses(c, 0);
}

int api_list_responses(api_call *c)
{
    json_t *t = load_text(c, c->ids[1]);
    if (!t)
        return api_fail(c, 404, NULL, "no text %lld in this negotiation", (long long)c->ids[1]);
    json_decref(t);
    return api_reply(c, 200, json_pack("{s:I,s:o}", "text", (json_int_t)c->ids[1], "responses",
                                       responses_json(c, c->ids[1])));
}

/* 1 when every negotiating party of the scenario has a participant whose latest answer to the text is accept. */
static int all_accept(api_call *c, const parley_scenario *sc, int64_t text, int *agreed)
{
    static const char sql[] = "SELECT (SELECT answer FROM responses r WHERE r.text_id = ?1 AND r.participant_id = p.id "
                              "ORDER BY r.id DESC LIMIT 1) FROM participants p "
                              "WHERE p.negotiation_id = ?2 AND p.role = 'party' AND p.name = ?3";
    *agreed = 1;
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc) && *agreed; k++) {
        db_stmt *st = store_stmt(c->db, sql);
        if (!st)
            return api_fail_db(c);
        db_bind_int64(st, 1, text);
        db_bind_int64(st, 2, c->ids[0]);
        db_bind_text(st, 3, parley_party_name(sc, parley_scenario_negotiator(sc, k)), -1, DB_STATIC);
        int rc = db_step(st);
        *agreed = rc == DB_ROW && !db_column_is_null(st, 0) &&
                  strcmp(db_column_text(st, 0), "accept") == 0;
        db_reset(st);
        if (rc != DB_ROW && rc != DB_DONE)
            return api_fail_db(c);
    }
    return 0;
}

static int record_response(api_call *c, const parley_space *space, const req_response *rq, json_t *t, int64_t *id)
{
    static const char sql[] = "INSERT INTO responses (text_id, participant_id, answer, reason, amendments, created_at) "
                              "VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
    json_t *amendments = json_array();
    json_t *outcome = json_object_get(t, "outcome");
    for (size_t k = 0; amendments && k < rq->amendment_count; k++) {
        const req_amendment *a = &rq->amendments[k];
        const char *issue = parley_issue_name(space, a->issue);
        json_t *value = req_value_json(space, a->issue, a->value);
        json_array_append_new(amendments, json_pack("{s:s,s:O*,s:o*,s:s?}", "issue", issue, "from",
                                                    json_object_get(outcome, issue), "value", value, "reason",
                                                    a->reason));
    }
    char *text = amendments ? json_dumps(amendments, JSON_COMPACT) : NULL;
    char now[96];
    api_now(now);
    db_stmt *st = text ? store_stmt(c->db, sql) : NULL;
    if (!st) {
        free(text);
        json_decref(amendments);
        return api_fail_db(c);
    }
    db_bind_int64(st, 1, json_integer_value(json_object_get(t, "id")));
    db_bind_int64(st, 2, c->me);
    db_bind_text(st, 3, rq->answer, -1, DB_TRANSIENT);
    db_bind_text(st, 4, rq->reason, -1, DB_TRANSIENT);
    db_bind_text(st, 5, text, -1, DB_FREE);
    db_bind_text(st, 6, now, -1, DB_TRANSIENT);
    if (db_step_insert(st, id) != DB_DONE) {
        json_decref(amendments);
        return api_fail_db(c);
    }
    json_t *r = json_pack("{s:I,s:I,s:I,s:I,s:s,s:s,s:s?,s:o,s:s}", "id", (json_int_t)*id, "text",
                          json_integer_value(json_object_get(t, "id")), "text_number",
                          json_integer_value(json_object_get(t, "number")), "participant", (json_int_t)c->me, "name",
                          c->my_name, "answer", rq->answer, "reason", rq->reason, "amendments", amendments,
                          "created_at", now);
    return api_event_reply(c, "response", c->me, 201, r);
}

int api_respond(api_call *c)
{
    static const char agreed_text[] = "UPDATE texts SET status = 'agreed' WHERE id = ?";
    static const char agreed_neg[] = "UPDATE negotiations SET status = 'agreed' WHERE id = ?";
    parley_error err = {0};
    int rc;
    if ((rc = api_require_open(c)) || (rc = seat_refuse_human(c)))
        return rc;
    json_t *t = load_text(c, c->ids[1]);
    if (!t)
        return api_fail(c, 404, NULL, "no text %lld in this negotiation", (long long)c->ids[1]);
    const char *text_status = json_string_value(json_object_get(t, "status"));
    if (strcmp(text_status, "open") != 0) {
        rc = api_fail(c, 409, NULL, "text %lld is %s: answer the current text", (long long)c->ids[1],
                      strcmp(text_status, "agreed") == 0 ? "already agreed" : "superseded");
        json_decref(t);
        return rc;
    }
    scenario_entry *e = scenario_get(c, c->ids[0]);
    req_response rq = {0};
    int64_t id = 0;
    if (!e)
        rc = api_fail_db(c);
    else if (req_parse_response(c->json, parley_scenario_space(e->sc), &rq, &err))
        rc = api_fail_error(c, &err);
    else
        rc = record_response(c, parley_scenario_space(e->sc), &rq, t, &id);
    int agreed = 0;
    if (!rc && strcmp(rq.answer, "accept") == 0)
        rc = all_accept(c, e->sc, c->ids[1], &agreed);
    free(rq.amendments);
    scenario_release(c->srv, e);
    if (!rc && agreed) {
        db_stmt *st;
        if (!(st = store_stmt(c->db, agreed_text)) || (db_bind_int64(st, 1, c->ids[1]), db_step(st)) != DB_DONE ||
            !(st = store_stmt(c->db, agreed_neg)) || (db_bind_int64(st, 1, c->ids[0]), db_step(st)) != DB_DONE)
            rc = api_fail_db(c);
        else {
            json_t *reply = json_incref(c->reply);
            int64_t me = c->me;
            c->me = 0; /* the agreement is nobody's act */
            rc = api_event(c, "agreement", 0, json_pack("{s:I,s:I,s:O}", "text", (json_int_t)c->ids[1], "number",
                                                        json_integer_value(json_object_get(t, "number")), "outcome",
                                                        json_object_get(t, "outcome")));
            c->me = me;
            if (!rc)
                api_reply(c, 201, reply);
            else
                json_decref(reply);
        }
    }
    if (!rc)
        json_object_set_new(c->reply, "agreement", json_boolean(agreed));
    json_decref(t);
    return rc;
}

/* ---- messages ---- */

int api_post_message(api_call *c)
{
    static const char who_sql[] = "SELECT name, role FROM participants WHERE id = ? AND negotiation_id = ?";
    static const char sql[] = "INSERT INTO messages (negotiation_id, from_id, to_id, body, created_at) VALUES (?, ?, ?, ?, ?) "
                              "RETURNING id";
    req_message rq;
    parley_error err = {0};
    int rc;
    if ((rc = api_require_open(c)))
        return rc;
    if (req_parse_message(c->json, &rq, &err))
        return api_fail_error(c, &err);
    json_t *to = json_null();
    int to_mediator = 0;
    if (rq.to) {
        db_stmt *st = store_stmt(c->db, who_sql);
        if (!st)
            return api_fail_db(c);
        db_bind_int64(st, 1, rq.to);
        db_bind_int64(st, 2, c->ids[0]);
        if (db_step(st) != DB_ROW) {
            db_reset(st);
            return api_fail(c, 400, "to", "no participant %lld in this negotiation", rq.to);
        }
        to_mediator = strcmp(db_column_text(st, 1), "mediator") == 0;
        to = json_pack("{s:I,s:s}", "id", (json_int_t)rq.to, "name", db_column_text(st, 0));
        db_reset(st);
        if (c->my_role == ROLE_PARTY && !to_mediator) {
            json_decref(to);
            return api_fail(c, 403, "to", "a party speaks to the other parties only through the mediator");
        }
    }
    /* Who sees it: a party's message, the party (and the mediators); a mediator's, its addressee or everyone. */
    int64_t audience = c->my_role == ROLE_PARTY ? c->me : rq.to;
    char now[96];
    api_now(now);
    db_stmt *st = store_stmt(c->db, sql);
    if (!st) {
        json_decref(to);
        return api_fail_db(c);
    }
    db_bind_int64(st, 1, c->ids[0]);
    db_bind_int64(st, 2, c->me);
    rq.to ? db_bind_int64(st, 3, rq.to) : db_bind_null(st, 3);
    db_bind_text(st, 4, rq.body, -1, DB_TRANSIENT);
    db_bind_text(st, 5, now, -1, DB_TRANSIENT);
    int64_t id;
    if (db_step_insert(st, &id) != DB_DONE) {
        json_decref(to);
        return api_fail_db(c);
    }
    json_t *m = json_pack("{s:I,s:{s:I,s:s},s:o,s:s,s:s}", "id", (json_int_t)id,
                          "from", "id", (json_int_t)c->me, "name", c->my_name, "to", to, "body", rq.body, "created_at",
                          now);
    return api_event_reply(c, "message", audience, 201, m);
}

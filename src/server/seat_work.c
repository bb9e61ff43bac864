/*
 * seat_work.c: what a seated agent has to do now, read from the record.  A
 * party's agent answers the open text when its party has not answered it (nor
 * failed to, in time); the mediator's drafting helper drafts a text when a
 * session is open and no text was tabled yet, and again once every party has
 * answered the latest text.  The request for the agent (parley/live.h) holds
 * only what its party may know: the scenario with its own profile (the one it
 * uploaded, else the mediator's estimate) and, in the other parties' places,
 * copies of its own preferences with no reservation, trust or red lines; the
 * texts; its own answers.  The drafting helper works for the mediators and gets
 * what they see: every uploaded profile.
 */
#include "server/seats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void seat_job_clear(seat_job *job)
{
    free(job->request);
    memset(job, 0, sizeof *job);
}

/* One integer from `sql` bound to a (and b when it has a second parameter); -1 on error, `none` when no row. */
static int64_t query_int(api_call *c, const char *sql, int64_t a, int64_t b, int64_t none)
{
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return -1;
    db_bind_int64(st, 1, a);
    if (db_bind_parameter_count(st) > 1)
        db_bind_int64(st, 2, b);
    int rc = db_step(st);
    int64_t v = rc == DB_ROW ? db_column_int64(st, 0) : rc == DB_DONE ? none : -1;
    db_reset(st);
    return v;
}

/* 1 when the seat already wrote an event of `kind` about text `text` (0: about no text), 0 when not, -1 on error. */
static int seat_did(api_call *c, const seat *s, const char *kind, int64_t text)
{
    static const char sql[] = "SELECT data FROM events WHERE negotiation_id = ?1 AND audience = ?2 AND seq > ?3 "
                              "AND kind = ?4";
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return -1;
    db_bind_int64(st, 1, c->ids[0]);
    db_bind_int64(st, 2, s->participant);
    db_bind_int64(st, 3, s->seq);
    db_bind_text(st, 4, kind, -1, DB_STATIC);
    int found = 0, rc = DB_DONE;
    while (!found && (rc = db_step(st)) == DB_ROW) {
        json_t *d = json_loads(db_column_text(st, 0), 0, NULL);
        found = json_integer_value(json_object_get(d, "text")) == text;
        json_decref(d);
    }
    db_reset(st);
    return found ? 1 : rc == DB_DONE ? 0 : -1; /* a failed read is no "not yet" */
}

/* The latest answer of participant p to text t as {"answer", "amendments"} (new reference), or an empty object. */
static json_t *answer_of(api_call *c, int64_t t, int64_t p)
{
    static const char sql[] = "SELECT answer, amendments FROM responses WHERE text_id = ? AND participant_id = ? "
                              "ORDER BY id DESC LIMIT 1";
    json_t *o = json_object();
    db_stmt *st = store_stmt(c->db, sql);
    if (!st || !o)
        return o;
    db_bind_int64(st, 1, t);
    db_bind_int64(st, 2, p);
    if (db_step(st) == DB_ROW) {
        json_object_set_new(o, "answer", json_string(db_column_text(st, 0)));
        json_object_set_new(o, "amendments", json_loads(db_column_text(st, 1), 0, NULL));
    }
    db_reset(st);
    return o;
}

/* The uploaded profile of participant p (new reference), or NULL. */
static json_t *uploaded_profile(api_call *c, int64_t p)
{
    static const char sql[] = "SELECT profile FROM profiles WHERE participant_id = ?";
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return NULL;
    db_bind_int64(st, 1, p);
    json_t *o = db_step(st) == DB_ROW ? json_loads(db_column_text(st, 0), 0, NULL) : NULL;
    db_reset(st);
    return o;
}

static int is_negotiator(json_t *party)
{
    const char *role = json_string_value(json_object_get(party, "role"));
    return !role || strcmp(role, "mediator") != 0;
}

/* The scenario as party `name` may know it (see the top of this file); new reference, NULL on error. */
static json_t *private_scenario(api_call *c, json_t *doc, const char *name, int64_t participant)
{
    json_t *sc = json_deep_copy(doc), *parties = json_object_get(sc, "parties");
    json_t *own = uploaded_profile(c, participant);
    for (size_t i = 0; !own && i < json_array_size(parties); i++) { /* the mediator's estimate */
        json_t *p = json_array_get(parties, i);
        if (strcmp(json_string_value(json_object_get(p, "name")) ?: "", name) == 0) {
            own = json_object();
            for (size_t k = 0; own && req_private_party_keys[k]; k++)
                if (json_object_get(p, req_private_party_keys[k]))
                    json_object_set(own, req_private_party_keys[k], json_object_get(p, req_private_party_keys[k]));
        }
    }
    json_t *stand_in = json_pack("{s:O}", "preferences", json_object_get(own, "preferences"));
    int rc = sc && own && stand_in && req_merge_profile(sc, name, own) == PARLEY_OK ? 0 : -1;
    for (size_t i = 0; !rc && i < json_array_size(parties); i++) {
        json_t *p = json_array_get(parties, i);
        const char *other = json_string_value(json_object_get(p, "name"));
        if (is_negotiator(p) && other && strcmp(other, name) != 0)
            rc = req_merge_profile(sc, other, stand_in) == PARLEY_OK ? 0 : -1;
    }
    if (!rc)
        req_strip_descriptions(sc, name);
    json_decref(own);
    json_decref(stand_in);
    if (rc) {
        json_decref(sc);
        return NULL;
    }
    return sc;
}

/* Every text so far (up to `last`) with participant p's latest answer: [{"outcome", "answer", "amendments"}]. */
static json_t *texts_with_answers(api_call *c, int64_t p, int64_t last)
{
    static const char sql[] = "SELECT id, outcome FROM texts WHERE negotiation_id = ? AND number <= ? ORDER BY number";
    db_stmt *st = store_stmt(c->db, sql);
    json_t *list = json_array();
    if (!st || !list) {
        json_decref(list);
        return NULL;
    }
    db_bind_int64(st, 1, c->ids[0]);
    db_bind_int64(st, 2, last);
    /* Collect first: answer_of uses another statement. */
    json_t *rows = json_array();
    while (db_step(st) == DB_ROW)
        json_array_append_new(rows, json_pack("{s:I,s:o*}", "id", (json_int_t)db_column_int64(st, 0), "outcome",
                                              json_loads(db_column_text(st, 1), 0, NULL)));
    db_reset(st);
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *row = json_array_get(rows, i);
        json_t *a = answer_of(c, json_integer_value(json_object_get(row, "id")), p);
        json_object_set(a, "outcome", json_object_get(row, "outcome"));
        json_array_append_new(list, a);
    }
    json_decref(rows);
    return list;
}

/* The scenario with every uploaded profile merged in (what the mediators' analyses use); new reference. */
static json_t *mediator_scenario(api_call *c, json_t *doc)
{
    static const char sql[] = "SELECT p.name, f.profile FROM participants p JOIN profiles f ON f.participant_id = p.id "
                              "WHERE p.negotiation_id = ? AND p.role = 'party'";
    json_t *sc = json_deep_copy(doc);
    db_stmt *st = sc ? store_stmt(c->db, sql) : NULL;
    if (!st)
        return sc;
    db_bind_int64(st, 1, c->ids[0]);
    while (db_step(st) == DB_ROW) {
        json_t *profile = json_loads(db_column_text(st, 1), 0, NULL);
        if (profile)
            req_merge_profile(sc, db_column_text(st, 0), profile);
        json_decref(profile);
    }
    db_reset(st);
    return sc;
}

/* Every negotiating party's latest answer to text t, by name; NULL when one of them has not answered. */
static json_t *all_answers(api_call *c, json_t *doc, int64_t t)
{
    static const char sql[] = "SELECT id FROM participants WHERE negotiation_id = ? AND role = 'party' AND name = ?";
    json_t *parties = json_object_get(doc, "parties"), *answers = json_object();
    for (size_t i = 0; answers && i < json_array_size(parties); i++) {
        json_t *p = json_array_get(parties, i);
        if (!is_negotiator(p))
            continue;
        const char *name = json_string_value(json_object_get(p, "name"));
        db_stmt *st = store_stmt(c->db, sql);
        int64_t id = 0;
        if (st) {
            db_bind_int64(st, 1, c->ids[0]);
            db_bind_text(st, 2, name, -1, DB_STATIC);
            id = db_step(st) == DB_ROW ? db_column_int64(st, 0) : 0;
            db_reset(st);
        }
        json_t *a = id ? answer_of(c, t, id) : NULL;
        if (!json_object_get(a, "answer")) {
            json_decref(a);
            json_decref(answers);
            return NULL;
        }
        json_object_set_new(answers, name, a);
    }
    return answers;
}

static void fill_job(seat_job *job, api_call *c, const seat *s, seat_task task)
{
    job->task = task;
    job->negotiation = c->ids[0];
    job->participant = s->participant;
    job->seat_seq = s->seq;
    snprintf(job->name, sizeof job->name, "%s", json_string_value(json_object_get(s->data, "name")) ?: "");
    snprintf(job->agent, sizeof job->agent, "%s", json_string_value(json_object_get(s->data, "agent")) ?: "");
    snprintf(job->kind, sizeof job->kind, "%s", json_string_value(json_object_get(s->data, "kind")) ?: "");
    job->deadline = json_number_value(json_object_get(s->data, "deadline_seconds"));
    job->cpu = json_number_value(json_object_get(s->data, "cpu_seconds"));
}

/* The request for seat s (job->text set): 1 when made, -1 on error. */
static int make_request(api_call *c, const seat *s, json_t *doc, seat_job *job)
{
    json_t *req;
    json_t *rounds = json_object_get(s->data, "rounds"), *seed = json_object_get(s->data, "seed");
    if (job->task == TASK_ANSWER)
        req = json_pack("{s:o*,s:s,s:s,s:O,s:O,s:o*}", "scenario", private_scenario(c, doc, job->name, s->participant),
                        "party", job->name, "agent", job->agent, "seed", seed, "rounds", rounds, "texts",
                        texts_with_answers(c, s->participant, job->text_number));
    else {
        json_t *text = json_null(), *answers = json_object();
        if (job->text) {
            int64_t id = 0, number = 0;
            text = api_latest_text(c, &id, &number);
            json_decref(answers);
            answers = all_answers(c, doc, job->text);
        }
        req = json_pack("{s:o*,s:O,s:O,s:I,s:o*,s:o*}", "scenario", mediator_scenario(c, doc), "seed", seed, "rounds",
                        rounds, "number", (json_int_t)job->text_number + 1, "text", text, "answers", answers);
    }
    job->request = req ? json_dumps(req, JSON_COMPACT) : NULL;
    json_decref(req);
    return job->request ? 1 : -1;
}

int seat_job_recorded(api_call *c, const seat_job *job)
{
    static const char answered_sql[] = "SELECT COUNT(*) FROM responses WHERE text_id = ? AND participant_id = ?";
    char name[96];
    snprintf(name, sizeof name, "seat-write:%lld:%lld", (long long)job->seat_seq, (long long)job->text);
    if (claim_in_transaction(c->srv, c->db, name) != DB_OK)
        return -1;
    seat s = {.seq = job->seat_seq, .participant = job->participant};
    if (job->task == TASK_DRAFT)
        return seat_did(c, &s, "agent.draft", job->text);
    int64_t answered = query_int(c, answered_sql, job->text, job->participant, 0);
    int failed = answered == 0 ? seat_did(c, &s, "agent.no_answer", job->text) : 0;
    return answered < 0 || failed < 0 ? -1 : answered > 0 || failed;
}

int seat_find_work(api_call *c, seat_job *job)
{
    static const char status_sql[] = "SELECT status = 'open' FROM negotiations WHERE id = ?1";
    static const char text_sql[] = "SELECT id FROM texts WHERE negotiation_id = ?1 AND status = 'open' "
                                   "ORDER BY number DESC LIMIT 1";
    static const char number_sql[] = "SELECT number FROM texts WHERE id = ?1";
    static const char session_sql[] = "SELECT COUNT(*) FROM sessions WHERE negotiation_id = ?1 AND status = 'open'";
    static const char answered_sql[] = "SELECT COUNT(*) FROM responses WHERE text_id = ? AND participant_id = ?";
    memset(job, 0, sizeof *job);
    int64_t open = query_int(c, status_sql, c->ids[0], 0, 0);
    if (open <= 0)
        return (int)open;
    seat *s = NULL;
    size_t n = 0;
    if (seats_read(c, 0, &s, &n))
        return -1;
    int64_t text = n ? query_int(c, text_sql, c->ids[0], 0, 0) : 0;
    int64_t number = text > 0 ? query_int(c, number_sql, text, 0, 0) : 0;
    int64_t sessions = n ? query_int(c, session_sql, c->ids[0], 0, 0) : 0;
    scenario_entry *e = n ? scenario_get(c, c->ids[0]) : NULL;
    int found = text < 0 || number < 0 || sessions < 0 || (n && !e) ? -1 : 0;
    for (size_t i = 0; i < n && found == 0; i++) {
        int drafting = strcmp(json_string_value(json_object_get(s[i].data, "kind")) ?: "", "drafting") == 0;
        if (!drafting && text > 0) {
            int64_t answered = query_int(c, answered_sql, text, s[i].participant, 0);
            int failed = seat_did(c, &s[i], "agent.no_answer", text);
            found = answered < 0 || failed < 0 ? -1 : answered == 0 && failed == 0;
        } else if (drafting && (text > 0 || sessions > 0)) {
            json_t *answers = text > 0 ? all_answers(c, e->doc, text) : NULL;
            int ready = text > 0 ? answers != NULL : 1;
            json_decref(answers);
            int done = ready ? seat_did(c, &s[i], "agent.draft", text > 0 ? text : 0) : 0;
            found = done < 0 ? -1 : ready && !done;
        }
        if (found == 1) {
            fill_job(job, c, &s[i], drafting ? TASK_DRAFT : TASK_ANSWER);
            job->text = text > 0 ? text : 0;
            job->text_number = number;
            found = make_request(c, &s[i], e->doc, job);
        }
    }
    scenario_release(c->srv, e);
    seats_free(s, n);
    if (found != 1)
        seat_job_clear(job);
    return found;
}

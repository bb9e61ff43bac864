/*
 * api_negotiation.c: handlers for negotiations, participants (tokens) and the
 * parties' private profiles.  A party sees the public part of the scenario and
 * its own profile only; a mediator sees everything.
 */
#include "server/server_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Inserts a participant with a fresh token; fills *id and token. 0 or an HTTP status (reply set). */
static int insert_participant(api_call *c, const char *name, int mediator, int64_t *id,
                              char token[AUTH_TOKEN_CHARS + 1])
{
    static const char sql[] =
        "INSERT INTO participants (negotiation_id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id";
    char hash[65], now[96];
    if (auth_token_new(token))
        return api_fail(c, 500, NULL, "no random numbers for a token");
    auth_sha256_hex(token, AUTH_TOKEN_CHARS, hash);
    api_now(now);
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return api_fail_db(c);
    db_bind_int64(st, 1, c->ids[0]);
    db_bind_text(st, 2, name, -1, DB_TRANSIENT);
    db_bind_text(st, 3, mediator ? "mediator" : "party", -1, DB_STATIC);
    db_bind_text(st, 4, hash, -1, DB_TRANSIENT);
    db_bind_text(st, 5, now, -1, DB_TRANSIENT);
    int rc = db_step_insert(st, id);
    if (rc == DB_CONSTRAINT)
        return api_fail(c, 409, "name", "'%s' is already a participant of this negotiation", name);
    if (rc != DB_DONE)
        return api_fail_db(c);
    return api_event(c, "participant.added", 0,
                     json_pack("{s:I,s:s,s:s}", "id", (json_int_t)*id, "name", name, "role",
                               mediator ? "mediator" : "party"));
}

static json_t *participant_json(int64_t id, const char *name, int mediator, const char *token)
{
    json_t *p = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id, "name", name, "role", mediator ? "mediator" : "party");
    if (p && token)
        json_object_set_new(p, "token", json_string(token));
    return p;
}

int api_create_negotiation(api_call *c)
{
    static const char sql[] = "INSERT INTO negotiations (title, scenario, status, created_at) VALUES (?, ?, 'open', ?) RETURNING id";
    /* Checked against the limits and parsed before the request was queued (server.c), off this thread. */
    const req_create rq = c->create;
    const parley_scenario *sc = c->parsed;
    if (!sc)
        return api_fail(c, 500, NULL, "the scenario was not prepared");
    const char *title = rq.title ? rq.title : parley_scenario_title(sc)[0] ? parley_scenario_title(sc) : "untitled";
    const char *mediator = rq.mediator;
    for (size_t i = 0; !mediator && i < parley_scenario_party_count(sc); i++)
        if (parley_party_role(sc, i) == PARLEY_ROLE_MEDIATOR)
            mediator = parley_party_name(sc, i);
    if (!mediator)
        mediator = "mediator";
    char now[96], token[AUTH_TOKEN_CHARS + 1];
    api_now(now);
    char *text = json_dumps(rq.scenario, JSON_COMPACT);
    db_stmt *st = text ? store_stmt(c->db, sql) : NULL;
    int rc;
    if (!st) {
        rc = text ? api_fail_db(c) : api_fail(c, 500, NULL, "out of memory");
        free(text);
        goto done;
    }
    db_bind_text(st, 1, title, -1, DB_TRANSIENT);
    db_bind_text(st, 2, text, -1, DB_FREE);
    db_bind_text(st, 3, now, -1, DB_TRANSIENT);
    if ((rc = api_step_insert(c, st, &c->ids[0])))
        goto done;
    if ((rc = api_event(c, "negotiation.created", 0, json_pack("{s:s}", "title", title))))
        goto done;
    int64_t id;
    if ((rc = insert_participant(c, mediator, 1, &id, token)))
        goto done;
    rc = api_reply(c, 201,
                   json_pack("{s:{s:I,s:s,s:s},s:o}", "negotiation", "id", (json_int_t)c->ids[0], "title", title,
                             "status", "open", "participant", participant_json(id, mediator, 1, token)));
done:
    return rc;
}

/* The open session as an object, or null. */
static json_t *open_session(api_call *c)
{
    static const char sql[] = "SELECT id, number, venue FROM sessions WHERE negotiation_id = ? AND status = 'open'";
    db_stmt *st = store_stmt(c->db, sql);
    json_t *s = NULL;
    if (!st)
        return json_null();
    db_bind_int64(st, 1, c->ids[0]);
    if (db_step(st) == DB_ROW)
        s = json_pack("{s:I,s:I,s:s}", "id", (json_int_t)db_column_int64(st, 0), "number",
                      (json_int_t)db_column_int64(st, 1), "venue", db_column_text(st, 2));
    db_reset(st);
    return s ? s : json_null();
}

int api_get_negotiation(api_call *c)
{
    static const char sql[] = "SELECT title, status, created_at, outcome, closed_at, "
                              "(SELECT MAX(id) FROM texts WHERE negotiation_id = ?1) FROM negotiations WHERE id = ?1";
    scenario_entry *e = scenario_get(c, c->ids[0]);
    db_stmt *st = store_stmt(c->db, sql);
    if (!e || !st) {
        scenario_release(c->srv, e);
        return api_fail_db(c);
    }
    db_bind_int64(st, 1, c->ids[0]);
    int rc = db_step(st);
    if (rc != DB_ROW) {
        db_reset(st);
        scenario_release(c->srv, e);
        return api_fail(c, 404, NULL, "no such negotiation");
    }
    json_t *scenario = c->my_role == ROLE_MEDIATOR ? json_deep_copy(e->doc) : req_public_scenario(e->doc);
    if (c->my_role != ROLE_MEDIATOR) /* a description written for one party is that party's only */
        req_strip_descriptions(scenario, c->my_name);
    json_t *r = json_pack("{s:I,s:s,s:s,s:s,s:s?,s:s?,s:o*,s:o,s:o}", "id", (json_int_t)c->ids[0], "title",
                          db_column_text(st, 0), "status", db_column_text(st, 1),
                          "created_at", db_column_text(st, 2), "outcome",
                          db_column_text(st, 3), "closed_at",
                          db_column_text(st, 4), "scenario", scenario, "me",
                          participant_json(c->me, c->my_name, c->my_role == ROLE_MEDIATOR, NULL), "current_text",
                          db_column_is_null(st, 5) ? json_null()
                                                                    : json_integer(db_column_int64(st, 5)));
    db_reset(st);
    scenario_release(c->srv, e);
    if (r)
        json_object_set_new(r, "open_session", open_session(c));
    return api_reply(c, 200, r);
}

int api_close_negotiation(api_call *c)
{
    static const char sql[] = "UPDATE negotiations SET status = 'closed', outcome = ?, closed_at = ? WHERE id = ?";
    req_close rq;
    parley_error err = {0};
    int rc;
    if ((rc = api_require_open(c)))
        return rc;
    if (req_parse_close(c->json, &rq, &err))
        return api_fail_error(c, &err);
    char now[96];
    api_now(now);
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return api_fail_db(c);
    db_bind_text(st, 1, rq.outcome, -1, DB_TRANSIENT);
    db_bind_text(st, 2, now, -1, DB_TRANSIENT);
    db_bind_int64(st, 3, c->ids[0]);
    if ((rc = api_step_done(c, st)))
        return rc;
    return api_event_reply(c, "negotiation.closed", 0, 200,
                           json_pack("{s:s,s:s?,s:s}", "outcome", rq.outcome, "note", rq.note, "closed_at", now));
}

int api_add_participant(api_call *c)
{
    req_participant rq;
    parley_error err = {0};
    scenario_entry *e;
    int rc;
    if ((rc = api_open_scenario(c, &e)))
        return rc;
    rc = req_parse_participant(c->json, e->sc, &rq, &err);
    scenario_release(c->srv, e);
    if (rc)
        return api_fail_error(c, &err);
    int64_t id;
    char token[AUTH_TOKEN_CHARS + 1];
    if ((rc = insert_participant(c, rq.name, rq.mediator, &id, token)))
        return rc;
    return api_reply(c, 201, participant_json(id, rq.name, rq.mediator, token));
}

int api_list_participants(api_call *c)
{
    static const char sql[] = "SELECT p.id, p.name, p.role, p.created_at, f.updated_at, "
                              "p.token_hash LIKE 'revoked:%' FROM participants p "
                              "LEFT JOIN profiles f ON f.participant_id = p.id WHERE p.negotiation_id = ? ORDER BY p.id";
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return api_fail_db(c);
    db_bind_int64(st, 1, c->ids[0]);
    json_t *list = json_array();
    while (db_step(st) == DB_ROW) {
        json_t *p = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)db_column_int64(st, 0), "name",
                              db_column_text(st, 1), "role", db_column_text(st, 2));
        /* Only a mediator (or the party itself) learns whether a profile was uploaded. */
        if (p && (c->my_role == ROLE_MEDIATOR || db_column_int64(st, 0) == c->me)) {
            json_object_set_new(p, "joined_at", json_string(db_column_text(st, 3)));
            json_object_set_new(p, "profile_uploaded_at",
                                db_column_is_null(st, 4)
                                    ? json_null()
                                    : json_string(db_column_text(st, 4)));
        }
        if (p && c->my_role == ROLE_MEDIATOR)
            json_object_set_new(p, "token", json_string(db_column_int(st, 5) ? "revoked" : "active"));
        json_array_append_new(list, p);
    }
    db_reset(st);
    return api_reply(c, 200, json_pack("{s:o}", "participants", list));
}

int api_me(api_call *c)
{
    return api_reply(c, 200, json_pack("{s:I,s:o}", "negotiation", (json_int_t)c->ids[0], "me",
                                       participant_json(c->me, c->my_name, c->my_role == ROLE_MEDIATOR, NULL)));
}

int api_put_profile(api_call *c)
{
    static const char sql[] = "INSERT INTO profiles (participant_id, profile, updated_at) VALUES (?, ?, ?) "
                              "ON CONFLICT (participant_id) DO UPDATE SET profile = excluded.profile, "
                              "updated_at = excluded.updated_at";
    parley_error err = {0};
    scenario_entry *e;
    int rc;
    if ((rc = api_open_scenario(c, &e)))
        return rc;
    rc = c->profile_checked ? 0 : req_parse_profile(c->json, e->doc, c->my_name, &err); /* checked off this thread */
    scenario_release(c->srv, e);
    if (rc)
        return api_fail_error(c, &err);
    char now[96];
    api_now(now);
    char *text = json_dumps(c->json, JSON_COMPACT);
    db_stmt *st = text ? store_stmt(c->db, sql) : NULL;
    if (!st) {
        free(text);
        return api_fail_db(c);
    }
    db_bind_int64(st, 1, c->me);
    db_bind_text(st, 2, text, -1, DB_FREE);
    db_bind_text(st, 3, now, -1, DB_TRANSIENT);
    if ((rc = api_step_done(c, st)))
        return rc;
    if ((rc = api_event(c, "profile.updated", c->me, json_pack("{s:I,s:s}", "participant", (json_int_t)c->me,
                                                                  "updated_at", now))))
        return rc;
    return api_reply(c, 200, json_pack("{s:I,s:s,s:O}", "participant", (json_int_t)c->me, "updated_at", now,
                                       "profile", c->json));
}

/* {"participant", "name", "profile": uploaded or null, "updated_at"} of participant `who`; 404 when not here. */
static int profile_reply(api_call *c, int64_t who)
{
    static const char sql[] = "SELECT p.name, p.role, f.profile, f.updated_at FROM participants p "
                              "LEFT JOIN profiles f ON f.participant_id = p.id WHERE p.id = ? AND p.negotiation_id = ?";
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return api_fail_db(c);
    db_bind_int64(st, 1, who);
    db_bind_int64(st, 2, c->ids[0]);
    if (db_step(st) != DB_ROW) {
        db_reset(st);
        return api_fail(c, 404, NULL, "no participant %lld in this negotiation", (long long)who);
    }
    char name[REQ_MAX_NAME + 1];
    snprintf(name, sizeof name, "%s", db_column_text(st, 0));
    int party = strcmp(db_column_text(st, 1), "party") == 0;
    json_t *profile = db_column_is_null(st, 2)
                          ? json_null()
                          : json_loads(db_column_text(st, 2), 0, NULL);
    json_t *r = json_pack("{s:I,s:s,s:o*,s:s?}", "participant", (json_int_t)who, "name", name, "profile", profile,
                          "updated_at", db_column_text(st, 3));
    db_reset(st);
    if (!party) {
        json_decref(r);
        return api_fail(c, 404, NULL, "participant %lld is a mediator: mediators have no profile", (long long)who);
    }
    /* The mediator also sees the scenario's own estimate of this party (what the analysis uses when none was uploaded). */
    if (r && c->my_role == ROLE_MEDIATOR) {
        scenario_entry *e = scenario_get(c, c->ids[0]);
        json_t *parties = e ? json_object_get(e->doc, "parties") : NULL, *estimate = json_object();
        for (size_t i = 0; i < json_array_size(parties); i++) {
            json_t *p = json_array_get(parties, i);
            if (strcmp(json_string_value(json_object_get(p, "name")), name) != 0)
                continue;
            for (size_t k = 0; req_private_party_keys[k]; k++)
                if (json_object_get(p, req_private_party_keys[k]))
                    json_object_set(estimate, req_private_party_keys[k], json_object_get(p, req_private_party_keys[k]));
        }
        json_object_set_new(r, "scenario_profile", estimate);
        scenario_release(c->srv, e);
    }
    return api_reply(c, 200, r);
}

int api_get_own_profile(api_call *c)
{
    return profile_reply(c, c->me);
}

int api_get_profile(api_call *c)
{
    if (c->my_role != ROLE_MEDIATOR && c->ids[1] != c->me)
        return api_fail(c, 403, NULL, "a party sees only its own profile");
    return profile_reply(c, c->ids[1]);
}

/* ---- tokens: a mediator rotates (a new token, shown once) or revokes a participant's token ---- */

/* Participant {p} of this negotiation: name, role and whether its token is revoked; 0 or 404 (reply set). */
static int token_target(api_call *c, char name[REQ_MAX_NAME + 1], int *mediator, int *revoked)
{
    static const char sql[] = "SELECT name, role, token_hash LIKE 'revoked:%' FROM participants "
                              "WHERE id = ? AND negotiation_id = ?";
    int rc;
    if ((rc = api_require_open(c)))
        return rc;
    if (json_object_size(c->json))
        return api_fail(c, 400, json_object_iter_key(json_object_iter(c->json)), "unknown field (expected an empty body)");
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return api_fail_db(c);
    db_bind_int64(st, 1, c->ids[1]);
    db_bind_int64(st, 2, c->ids[0]);
    if ((rc = db_step(st)) == DB_ROW) {
        snprintf(name, REQ_MAX_NAME + 1, "%s", db_column_text(st, 0));
        *mediator = strcmp(db_column_text(st, 1), "mediator") == 0;
        *revoked = db_column_int(st, 2);
    }
    db_reset(st);
    if (rc != DB_ROW)
        return rc == DB_DONE ? api_fail(c, 404, NULL, "no participant %lld in this negotiation", (long long)c->ids[1])
                                 : api_fail_db(c);
    return 0;
}

/* Stores `hash` as the participant's token hash and records `kind` (seen by it and the mediators). */
static int set_token_hash(api_call *c, const char *hash, const char *kind, const char *name, int mediator)
{
    static const char sql[] = "UPDATE participants SET token_hash = ? WHERE id = ?";
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return api_fail_db(c);
    db_bind_text(st, 1, hash, -1, DB_TRANSIENT);
    db_bind_int64(st, 2, c->ids[1]);
    int rc = api_step_done(c, st);
    if (rc)
        return rc;
    return api_event(c, kind, c->ids[1], json_pack("{s:I,s:s,s:s}", "id", (json_int_t)c->ids[1], "name", name, "role",
                                                   mediator ? "mediator" : "party"));
}

int api_rotate_token(api_call *c)
{
    char name[REQ_MAX_NAME + 1], token[AUTH_TOKEN_CHARS + 1], hash[65];
    int mediator, revoked, rc;
    if ((rc = token_target(c, name, &mediator, &revoked)))
        return rc;
    if (auth_token_new(token))
        return api_fail(c, 500, NULL, "no random numbers for a token");
    auth_sha256_hex(token, AUTH_TOKEN_CHARS, hash);
    if ((rc = set_token_hash(c, hash, "participant.token_rotated", name, mediator)))
        return rc;
    return api_reply(c, 200, participant_json(c->ids[1], name, mediator, token));
}

int api_revoke_token(api_call *c)
{
    char name[REQ_MAX_NAME + 1], hash[64];
    int mediator, revoked, rc;
    if ((rc = token_target(c, name, &mediator, &revoked)))
        return rc;
    if (c->ids[1] == c->me)
        return api_fail(c, 409, NULL, "a mediator cannot revoke its own token (rotate it instead)");
    if (revoked)
        return api_fail(c, 409, NULL, "the token of participant %lld is already revoked", (long long)c->ids[1]);
    /* Never the SHA-256 of a token (not 64 hex digits), and unique like every token_hash. */
    snprintf(hash, sizeof hash, "revoked:%lld", (long long)c->ids[1]);
    if ((rc = set_token_hash(c, hash, "participant.token_revoked", name, mediator)))
        return rc;
    json_t *r = participant_json(c->ids[1], name, mediator, NULL);
    if (r)
        json_object_set_new(r, "token", json_string("revoked"));
    return api_reply(c, 200, r);
}

/*
 * seats.c: agents at the table: a mediator seats an agent for a party (a
 * built-in or BOA agent, a plug-in or a Python agent from the server's agent
 * folder) or a drafting helper for itself, unseats it, and sees the seats.
 * A seat is recorded as an `agent.seated` event (private to the participant
 * and the mediators) and ended by `agent.unseated`; seat_runner.c answers for
 * the agents.  While an agent holds a party's seat, the party's own token may
 * not answer texts (409): one voice per seat.
 */
#include "server/seats.h"

#include <parley/agent.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int seats_read(api_call *c, int64_t participant, seat **out, size_t *n)
{
    static const char sql[] = "SELECT seq, kind, audience, data FROM events WHERE negotiation_id = ?1 "
                              "AND kind IN ('agent.seated', 'agent.unseated') AND (?2 = 0 OR audience = ?2) ORDER BY seq";
    *out = NULL;
    *n = 0;
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return api_fail_db(c);
    db_bind_int64(st, 1, c->ids[0]);
    db_bind_int64(st, 2, participant);
    seat *list = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t who = db_column_int64(st, 2);
        size_t i = 0;
        while (i < count && list[i].participant != who)
            i++;
        if (i < count) { /* a later event of the same seat replaces the earlier one */
            json_decref(list[i].data);
            memmove(&list[i], &list[i + 1], (count - i - 1) * sizeof *list);
            count--;
        }
        if (strcmp(db_column_text(st, 1), "agent.seated") != 0)
            continue;
        if (count == cap) {
            seat *grown = realloc(list, (cap = cap ? 2 * cap : 4) * sizeof *list);
            if (!grown)
                break;
            list = grown;
        }
        json_t *data = json_loads(db_column_text(st, 3), 0, NULL);
        if (!data)
            break;
        list[count++] = (seat){db_column_int64(st, 0), who, data};
    }
    db_reset(st);
    if (rc != DB_DONE) {
        seats_free(list, count);
        return rc == DB_ROW ? api_fail(c, 500, NULL, "out of memory") : api_fail_db(c);
    }
    if (!count) { /* every seat was left */
        free(list);
        list = NULL;
    }
    *out = list;
    *n = count;
    return 0;
}

void seats_free(seat *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        json_decref(s[i].data);
    free(s);
}

int seat_refuse_human(api_call *c)
{
    if (c->agent_actor)
        return 0;
    seat *s;
    size_t n;
    int rc = seats_read(c, c->me, &s, &n);
    if (rc)
        return rc;
    if (n)
        rc = api_fail(c, 409, NULL, "the agent '%s' holds %s's seat: it answers the texts until a mediator unseats it",
                      json_string_value(json_object_get(s[0].data, "agent")), c->my_name);
    seats_free(s, n);
    return rc;
}

/* The participant {p} of the path: its name and role; 404 (reply set) when not in this negotiation. */
static int find_participant(api_call *c, char name[REQ_MAX_NAME + 1], int *mediator)
{
    static const char sql[] = "SELECT name, role FROM participants WHERE id = ? AND negotiation_id = ?";
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return api_fail_db(c);
    db_bind_int64(st, 1, c->ids[1]);
    db_bind_int64(st, 2, c->ids[0]);
    int found = db_step(st) == DB_ROW;
    if (found) {
        snprintf(name, REQ_MAX_NAME + 1, "%s", db_column_text(st, 0));
        *mediator = strcmp(db_column_text(st, 1), "mediator") == 0;
    }
    db_reset(st);
    return found ? 0 : api_fail(c, 404, NULL, "no participant %lld in this negotiation", (long long)c->ids[1]);
}

/* What kind of agent `name` is for a seat: "builtin", "plugin", "python" or "drafting"; NULL (400 set) when it
 * cannot be seated here.  A plug-in or Python agent is a plain file name in the server's agent folder. */
static const char *agent_kind(api_call *c, const char *name, int mediator)
{
    if (mediator)
        return strcmp(name, "mediator") == 0
                   ? "drafting"
                   : (api_fail(c, 400, "agent", "a mediator's seat takes the drafting helper 'mediator' only"), NULL);
    if (strcmp(name, "mediator") == 0) {
        api_fail(c, 400, "agent", "'mediator' drafts texts for a mediator: seat it for a mediator");
        return NULL;
    }
    size_t len = strlen(name);
    int plugin = len > 3 && strcmp(name + len - 3, ".so") == 0, python = len > 3 && strcmp(name + len - 3, ".py") == 0;
    if (!plugin && !python && !strchr(name, '/')) {
        if (parley_agent_builtin(name))
            return "builtin";
        api_fail(c, 400, "agent", "unknown agent '%s' (a built-in agent as `parley agents` lists, NAME.so or NAME.py "
                 "from the server's agent folder)", name);
        return NULL;
    }
    if (!c->srv->agent_dir) {
        api_fail(c, 400, "agent", "this server has no agent folder (parley serve --agent-dir): built-in agents only");
        return NULL;
    }
    if (strchr(name, '/') || name[0] == '.' || strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                           "0123456789._-") != len) {
        api_fail(c, 400, "agent", "'%s': a file name of the agent folder (letters, digits, '.', '-', '_'), not a path",
                 name);
        return NULL;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", c->srv->agent_dir, name);
    struct stat sb;
    if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        api_fail(c, 400, "agent", "the agent folder has no file '%s'", name);
        return NULL;
    }
    return plugin ? "plugin" : "python";
}

/* Reads the body of a seat into the seat object (new reference); NULL with the reply set. */
static json_t *read_seat(api_call *c, const char *name, int mediator)
{
    const char *key;
    json_t *v;
    json_object_foreach(c->json, key, v) if (strcmp(key, "agent") && strcmp(key, "deadline_seconds") &&
                                             strcmp(key, "cpu_seconds") && strcmp(key, "rounds") &&
                                             strcmp(key, "seed"))
    {
        api_fail(c, 400, key, "unknown field (expected agent, deadline_seconds, cpu_seconds, rounds, seed)");
        return NULL;
    }
    const char *spec = json_string_value(json_object_get(c->json, "agent"));
    if (!spec) {
        api_fail(c, 400, "agent", "required: the agent's spec, e.g. \"boulware\" or \"boa:bidding=time:e=0.2\"");
        return NULL;
    }
    char agent[256];
    const char *params;
    parley_error err = {0};
    if (strlen(spec) > 1000 || parley_agent_spec_split(spec, agent, sizeof agent, &params, &err)) {
        api_fail(c, 400, "agent", "'%.200s' is not an agent spec NAME[:key=value...]", spec);
        return NULL;
    }
    const char *kind = agent_kind(c, agent, mediator);
    if (!kind)
        return NULL;
    if (strcmp(kind, "python") != 0 && !c->srv->seat_program) { /* a server embedded without one (server.h) */
        api_fail(c, 400, "agent", "this server has no seat program (parley_server_options.seat_program) to run "
                 "built-in, BOA and plug-in agents or the drafting helper: only Python agents can be seated");
        return NULL;
    }
    double deadline = c->srv->agent_seconds < SEAT_DEFAULT_SECONDS ? c->srv->agent_seconds : SEAT_DEFAULT_SECONDS;
    json_t *d = json_object_get(c->json, "deadline_seconds");
    if (d && (!json_is_number(d) || !(json_number_value(d) > 0) || json_number_value(d) > c->srv->agent_seconds)) {
        api_fail(c, 400, "deadline_seconds", "a number of seconds in (0, %g] (the server's --agent-seconds)",
                 c->srv->agent_seconds);
        return NULL;
    }
    if (d)
        deadline = json_number_value(d);
    json_t *cpu = json_object_get(c->json, "cpu_seconds");
    if (cpu && (!json_is_number(cpu) || !(json_number_value(cpu) > 0) || json_number_value(cpu) > deadline)) {
        api_fail(c, 400, "cpu_seconds", "a number of seconds in (0, %g] (at most the deadline)", deadline);
        return NULL;
    }
    json_t *r = json_object_get(c->json, "rounds"), *s = json_object_get(c->json, "seed");
    if (r && (!json_is_integer(r) || json_integer_value(r) < 1 || json_integer_value(r) > SEAT_MAX_ROUNDS)) {
        api_fail(c, 400, "rounds", "an integer from 1 to %d: the texts over which the agent's clock runs",
                 SEAT_MAX_ROUNDS);
        return NULL;
    }
    if (s && (!json_is_integer(s) || json_integer_value(s) < 0)) {
        api_fail(c, 400, "seed", "a non-negative integer");
        return NULL;
    }
    char now[96];
    api_now(now);
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:f,s:f,s:I,s:I,s:s,s:s}", "participant", (json_int_t)c->ids[1], "name",
                     name, "role", mediator ? "mediator" : "party", "agent", spec, "kind", kind, "deadline_seconds",
                     deadline, "cpu_seconds", cpu ? json_number_value(cpu) : deadline, "rounds", r ? json_integer_value(r) : (json_int_t)SEAT_DEFAULT_ROUNDS, "seed",
                     s ? json_integer_value(s) : (json_int_t)1, "seated_at", now, "seated_by", c->my_name);
}

int api_seat_agent(api_call *c)
{
    char name[REQ_MAX_NAME + 1];
    int mediator = 0, rc;
    seat *s = NULL;
    size_t n = 0;
    char lock[64]; /* processes sharing a database seat one after the other: the count below holds across them */
    snprintf(lock, sizeof lock, "seats:%lld", (long long)c->ids[0]);
    if ((rc = api_require_open(c)) || (rc = find_participant(c, name, &mediator)) ||
        (claim_in_transaction(c->srv, c->db, lock) != DB_OK && (rc = api_fail_db(c))) ||
        (rc = seats_read(c, 0, &s, &n)))
        return rc;
    json_t *data = NULL;
    for (size_t i = 0; i < n && !rc; i++)
        if (s[i].participant == c->ids[1])
            rc = api_fail(c, 409, NULL, "the agent '%s' already holds %s's seat: unseat it first",
                          json_string_value(json_object_get(s[i].data, "agent")), name);
    if (!rc && n >= c->srv->agents_per_negotiation)
        rc = api_fail(c, 429, NULL, "this negotiation already has %zu agents seated (the server's "
                      "--agents-per-negotiation is %u)", n, c->srv->agents_per_negotiation);
    seats_free(s, n);
    if (!rc && !(data = read_seat(c, name, mediator)))
        rc = c->status ? c->status : api_fail(c, 500, NULL, "out of memory");
    if (rc)
        return rc;
    seat_note(c->srv, c->ids[0]);
    return api_event_reply(c, "agent.seated", c->ids[1], 201, data);
}

int api_unseat_agent(api_call *c)
{
    char name[REQ_MAX_NAME + 1];
    int mediator = 0, rc;
    seat *s = NULL;
    size_t n = 0;
    if ((rc = api_require_open(c)) || (rc = find_participant(c, name, &mediator)) ||
        (rc = seats_read(c, c->ids[1], &s, &n)))
        return rc;
    if (!n)
        return api_fail(c, 404, NULL, "no agent holds %s's seat", name);
    json_t *data = json_pack("{s:I,s:s,s:O}", "participant", (json_int_t)c->ids[1], "name", name, "agent",
                             json_object_get(s[0].data, "agent"));
    seats_free(s, n);
    return api_event_reply(c, "agent.unseated", c->ids[1], 200, data);
}

/* The seat with what its agent did last (the latest event it wrote), or null. */
static json_t *seat_json(api_call *c, const seat *s)
{
    static const char sql[] = "SELECT kind, at, data FROM events WHERE negotiation_id = ?1 AND audience = ?2 "
                              "AND actor_id = ?2 AND seq > ?3 AND data LIKE '%\"by_agent\":%' ORDER BY seq DESC LIMIT 1";
    json_t *o = json_deep_copy(s->data);
    db_stmt *st = store_stmt(c->db, sql);
    if (!o || !st)
        return o;
    db_bind_int64(st, 1, c->ids[0]);
    db_bind_int64(st, 2, s->participant);
    db_bind_int64(st, 3, s->seq);
    json_t *last = json_null();
    if (db_step(st) == DB_ROW) {
        json_t *data = json_loads(db_column_text(st, 2), 0, NULL);
        json_object_del(data, "by_agent");
        last = json_pack("{s:s,s:s,s:o*}", "kind", db_column_text(st, 0), "at",
                         db_column_text(st, 1), "data", data);
    }
    db_reset(st);
    json_object_set_new(o, "last", last);
    return o;
}

int api_get_seat(api_call *c)
{
    char name[REQ_MAX_NAME + 1];
    int mediator = 0, rc;
    seat *s = NULL;
    size_t n = 0;
    if ((rc = find_participant(c, name, &mediator)) || (rc = seats_read(c, c->ids[1], &s, &n)))
        return rc;
    json_t *reply = n ? seat_json(c, &s[0])
                      : json_pack("{s:I,s:s,s:s,s:n}", "participant", (json_int_t)c->ids[1], "name", name, "role",
                                  mediator ? "mediator" : "party", "agent");
    seats_free(s, n);
    return api_reply(c, 200, reply);
}

int api_list_seats(api_call *c)
{
    seat *s = NULL;
    size_t n = 0;
    int rc = seats_read(c, 0, &s, &n);
    if (rc)
        return rc;
    json_t *list = json_array();
    for (size_t i = 0; list && i < n; i++)
        json_array_append_new(list, seat_json(c, &s[i]));
    seats_free(s, n);
    return api_reply(c, 200, json_pack("{s:o*}", "agents", list));
}

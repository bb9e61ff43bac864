/*
 * test_server_seats.h: what the tests of agents at the table share
 * (test_server_seat.c, test_server_seat_exec.c): seating agents through the
 * API, tabling texts, and waiting for the events the agents write.  A server of
 * these tests runs the seated agents with this build's parley
 * (SEAT_PROGRAM, tests/CMakeLists.txt) from the test agent folder.
 */
#ifndef PARLEY_TEST_SERVER_SEATS_H
#define PARLEY_TEST_SERVER_SEATS_H

#include "test_server_talks.h"

#include "server/seats.h"

#include <time.h>

static void nap_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static http_resp seat_request(talks *w, int64_t n, int64_t p, const char *token, json_t *body)
{
    char path[128];
    snprintf(path, sizeof path, "/api/negotiations/%lld/participants/%lld/agent", (long long)n, (long long)p);
    return http_json(w->port, "POST", path, token, body);
}

static void seat_ok_default(talks *w, int64_t n, int64_t p, const char *token, json_t *body)
{
    http_resp r = seat_request(w, n, p, token, body);
    if (r.status != 201)
        fprintf(stderr, "%s\n", r.body);
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
}

/* Seats an agent with 300 s per answer unless the body says otherwise: the default deadline (10 s) is a speed
   that a sanitizer build on a busy machine may not have, and only test_seat_budgets is about it. */
static void seat_ok_as(talks *w, int64_t n, int64_t p, const char *token, json_t *body)
{
    if (!json_object_get(body, "deadline_seconds"))
        json_object_set_new(body, "deadline_seconds", json_real(300));
    seat_ok_default(w, n, p, token, body);
}

static void seat_ok(talks *w, int64_t n, int64_t p, json_t *body)
{
    seat_ok_as(w, n, p, w->med, body);
}

/* Talks whose server runs seated agents with this build's parley-serve (ANALYSIS_PROGRAM answers for them too),
 * 300 s an answer, with the mediator's drafting helper seated in negotiation 1 (the options are copied at start). */
__attribute__((unused)) static void talks_open_with_drafter(talks *w)
{
    parley_server_options o = {0};
    o.seat_program = ANALYSIS_PROGRAM;
    o.budgets.agent_seconds = 300;
    talks_open(w, &o);
    seat_ok(w, 1, 1, json_pack("{s:s}", "agent", "mediator"));
}

static int64_t table(talks *w, int64_t n, const char *token, int price)
{
    char path[96];
    snprintf(path, sizeof path, "/api/negotiations/%lld/texts", (long long)n);
    http_resp r = http_json(w->port, "POST", path, token, json_pack("{s:{s:i}}", "outcome", "price", price));
    assert_int_equal(r.status, 201);
    int64_t id = jint(&r, "id", NULL);
    http_resp_free(&r);
    return id;
}

static void open_session(talks *w, int64_t n, const char *token)
{
    char path[96];
    snprintf(path, sizeof path, "/api/negotiations/%lld/sessions", (long long)n);
    http_resp r = http_json(w->port, "POST", path, token, json_pack("{s:s}", "venue", "Geneva"));
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
}

/* The timeline events of negotiation n of `kind` (new reference), as its mediator `token` sees them. */
static json_t *events_of(talks *w, int64_t n, const char *token, const char *kind)
{
    char path[128];
    snprintf(path, sizeof path, "/api/negotiations/%lld/timeline?limit=1000", (long long)n);
    http_resp r = http_request(w->port, "GET", path, token, NULL);
    assert_int_equal(r.status, 200);
    json_t *all = json_object_get(r.json, "events"), *out = json_array();
    for (size_t i = 0; i < json_array_size(all); i++)
        if (strcmp(json_string_value(json_object_get(json_array_get(all, i), "kind")), kind) == 0)
            json_array_append(out, json_array_get(all, i));
    http_resp_free(&r);
    return out;
}

/* Prints negotiation n's timeline (kind, actor, data of each event): what a failed wait saw instead. */
static void print_timeline(talks *w, int64_t n, const char *token)
{
    char path[128];
    snprintf(path, sizeof path, "/api/negotiations/%lld/timeline?limit=1000", (long long)n);
    http_resp r = http_request(w->port, "GET", path, token, NULL);
    json_t *all = json_object_get(r.json, "events");
    for (size_t i = 0; i < json_array_size(all); i++) {
        json_t *e = json_array_get(all, i);
        char *actor = json_dumps(json_object_get(e, "actor"), JSON_COMPACT | JSON_ENCODE_ANY);
        char *data = json_dumps(json_object_get(e, "data"), JSON_COMPACT | JSON_ENCODE_ANY);
        fprintf(stderr, "  %s %s %s %s\n", json_string_value(json_object_get(e, "at")),
                json_string_value(json_object_get(e, "kind")), actor ? actor : "-", data ? data : "-");
        free(actor);
        free(data);
    }
    http_resp_free(&r);
}

/* Waits until negotiation n has `count` events of `kind`; returns them.  The bound, 360 s, only bounds a hang:
 * it is longer than the 300 s deadline the tests give an agent's answer, so that an agent that never answers
 * shows as an agent.no_answer event in the timeline printed on failure. */
static json_t *wait_events(talks *w, int64_t n, const char *token, const char *kind, size_t count)
{
    for (int i = 0; i < 18000; i++) {
        json_t *e = events_of(w, n, token, kind);
        if (json_array_size(e) >= count)
            return e;
        json_decref(e);
        nap_ms(20);
    }
    fprintf(stderr, "no %zu '%s' events in time; the timeline:\n", count, kind);
    print_timeline(w, n, token);
    fail_msg("no %zu '%s' events in time", count, kind);
    return NULL;
}

/* The first agent.no_answer of negotiation 1, which must give the reason "memory" for text t (the timeline is
 * printed first when it gives another): its list of events, the caller's to free. */
static json_t *wait_no_answer_memory(talks *w, int64_t t)
{
    json_t *e = wait_events(w, 1, w->med, "agent.no_answer", 1);
    json_t *d = json_object_get(json_array_get(e, 0), "data");
    if (strcmp(json_string_value(json_object_get(d, "why")), "memory") != 0)
        print_timeline(w, 1, w->med);
    assert_string_equal(json_string_value(json_object_get(d, "why")), "memory");
    assert_int_equal(json_integer_value(json_object_get(d, "text")), t);
    return e;
}

/* The answers (kind "response") of participant p, as [answer, amendments, reason] triples (new reference). */
static json_t *answers_of(json_t *responses, int64_t p)
{
    json_t *out = json_array();
    for (size_t i = 0; i < json_array_size(responses); i++) {
        json_t *e = json_array_get(responses, i), *d = json_object_get(e, "data");
        if (json_integer_value(json_object_get(d, "participant")) != p)
            continue;
        json_t *a = json_pack("{s:O,s:O,s:O,s:O}", "text_number", json_object_get(d, "text_number"), "answer",
                              json_object_get(d, "answer"), "reason", json_object_get(d, "reason"), "amendments",
                              json_object_get(d, "amendments"));
        json_array_append_new(out, a);
    }
    return out;
}

#ifdef SEAT_AGENT_DIR /* the test agent folder of test_server_seat and test_server_seat_exec (tests/CMakeLists.txt) */
static void start_with_agents(talks *w, parley_server_options *o)
{
    o->agent_dir = SEAT_AGENT_DIR;
    o->seat_program = SEAT_PROGRAM;
    if (!o->budgets.agent_seconds)
        o->budgets.agent_seconds = 300;
    talks_open(w, o);
}

#endif

#endif

/*
 * test_server_talks12.c: the whole replies of the talks API pinned field by
 * field (issue 27: mutants of src/server/api_talks.c, api_negotiation.c and
 * api_common.c survived tests that checked a status and one field): sessions
 * opened, closed and listed; texts tabled, superseded and agreed; answers with
 * their amendments and who may read them; the agreement reached on every
 * party's latest answer only; messages and who sees them on the timeline; the
 * negotiation, participants, profiles and tokens as a mediator and as a party
 * see them; the timeline's pages.  Values are those of docs/api.md worked out
 * by hand for the Budget scenario of test_server_talks.h (Broker mediates,
 * participant 1; Buyer 2; Seller 3).  Times are matched by their form ("T":
 * YYYY-MM-DDTHH:MM:SS.mmmZ), tokens as any string ("*").  No timing is asserted.
 * The name starts with test_server for the server library (tests/CMakeLists.txt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_json_expect.h"
#include "test_server_talks.h"

static int world_setup(void **state)
{
    talks *w = malloc(sizeof *w);
    assert_non_null(w);
    parley_server_options o = {0};
    o.analysis_program = "";
    talks_open(w, &o);
    *state = w;
    return 0;
}

/* One request whose reply must be `status` and the JSON `expected` (test_json_expect.h). */
static void expect(talks *w, const char *method, const char *path, const char *token, const char *body, int status,
                   const char *expected)
{
    http_resp r = talks_call(w, method, path, token, body, status);
    assert_json(r.json, expected);
    http_resp_free(&r);
}

/* The events of negotiation 1 `token` sees whose kind starts with `prefix`, as an array (the caller frees it). */
static json_t *events_seen(talks *w, const char *token, const char *prefix)
{
    http_resp r = talks_call(w, "GET", "/api/negotiations/1/timeline?limit=1000", token, NULL, 200);
    json_t *events = json_object_get(r.json, "events"), *out = json_array();
    for (size_t i = 0; i < json_array_size(events); i++) {
        json_t *e = json_array_get(events, i);
        if (strncmp(json_string_value(json_object_get(e, "kind")), prefix, strlen(prefix)) == 0) {
            json_object_del(e, "seq");
            json_array_append(out, e);
        }
    }
    http_resp_free(&r);
    return out;
}

static void expect_events(talks *w, const char *token, const char *prefix, const char *expected)
{
    json_t *e = events_seen(w, token, prefix);
    assert_json(e, expected);
    json_decref(e);
}

#define BROKER "{\"id\": 1, \"name\": \"Broker\", \"role\": \"mediator\", \"kind\": \"person\"}"

/* Sessions: what an opened and a closed session read back as, the kept and replaced ends_at and note, the
 * numbering, the list, the negotiation's open session and the timeline's session events. */
static void test_sessions(void **state)
{
    talks *w = *state;
    const char *sessions = "/api/negotiations/1/sessions";
    http_resp r = talks_call(w, "GET", "/api/negotiations/1", w->buyer, NULL, 200);
    assert_true(json_is_null(json_object_get(r.json, "open_session")));
    http_resp_free(&r);
    const char *first = "{\"id\": 1, \"number\": 1, \"venue\": \"Geneva\", \"starts_at\": \"2026-12-06T09:00Z\", "
                        "\"ends_at\": \"2026-12-06T17:00Z\", \"note\": \"first round\", \"status\": \"open\", "
                        "\"outcome\": null, \"follow_up\": null, \"opened_at\": \"T\", \"closed_at\": null}";
    expect(w, "POST", sessions, w->med,
           "{\"venue\": \"Geneva\", \"starts_at\": \"2026-12-06T09:00Z\", \"ends_at\": \"2026-12-06T17:00Z\", "
           "\"note\": \"first round\"}",
           201, first);
    r = talks_call(w, "GET", "/api/negotiations/1", w->seller, NULL, 200);
    assert_json(json_object_get(r.json, "open_session"), "{\"id\": 1, \"number\": 1, \"venue\": \"Geneva\"}");
    http_resp_free(&r);
    /* Closed without ends_at or note: both kept. */
    const char *first_closed = "{\"id\": 1, \"number\": 1, \"venue\": \"Geneva\", \"starts_at\": \"2026-12-06T09:00Z\", "
                               "\"ends_at\": \"2026-12-06T17:00Z\", \"note\": \"first round\", \"status\": \"closed\", "
                               "\"outcome\": \"partial_agreement\", \"follow_up\": \"draft the annex\", "
                               "\"opened_at\": \"T\", \"closed_at\": \"T\"}";
    expect(w, "POST", "/api/negotiations/1/sessions/1/close", w->med,
           "{\"outcome\": \"partial_agreement\", \"follow_up\": \"draft the annex\"}", 200, first_closed);
    r = talks_call(w, "GET", "/api/negotiations/1", w->seller, NULL, 200);
    assert_true(json_is_null(json_object_get(r.json, "open_session")));
    http_resp_free(&r);
    const char *second = "{\"id\": 2, \"number\": 2, \"venue\": \"Bern\", \"starts_at\": null, \"ends_at\": null, "
                         "\"note\": null, \"status\": \"open\", \"outcome\": null, \"follow_up\": null, "
                         "\"opened_at\": \"T\", \"closed_at\": null}";
    expect(w, "POST", sessions, w->med, "{\"venue\": \"Bern\"}", 201, second);
    r = talks_call(w, "GET", "/api/negotiations/1", w->med, NULL, 200);
    assert_json(json_object_get(r.json, "open_session"), "{\"id\": 2, \"number\": 2, \"venue\": \"Bern\"}");
    http_resp_free(&r);
    /* Closed with ends_at and note: both replaced. */
    const char *second_closed = "{\"id\": 2, \"number\": 2, \"venue\": \"Bern\", \"starts_at\": null, "
                                "\"ends_at\": \"2026-12-07\", \"note\": \"resume in spring\", \"status\": \"closed\", "
                                "\"outcome\": \"adjourned\", \"follow_up\": null, \"opened_at\": \"T\", "
                                "\"closed_at\": \"T\"}";
    expect(w, "POST", "/api/negotiations/1/sessions/2/close", w->med,
           "{\"outcome\": \"adjourned\", \"ends_at\": \"2026-12-07\", \"note\": \"resume in spring\"}", 200,
           second_closed);
    char list[2048];
    snprintf(list, sizeof list, "{\"sessions\": [%s, %s]}", first_closed, second_closed);
    expect(w, "GET", sessions, w->buyer, NULL, 200, list);
    /* The timeline: each act by Broker, seen by everyone, its data the reply. */
    char events[4096];
    snprintf(events, sizeof events,
             "[{\"at\": \"T\", \"kind\": \"session.opened\", \"data\": %s, \"actor\": " BROKER ", \"private\": false},"
             " {\"at\": \"T\", \"kind\": \"session.closed\", \"data\": %s, \"actor\": " BROKER ", \"private\": false},"
             " {\"at\": \"T\", \"kind\": \"session.opened\", \"data\": %s, \"actor\": " BROKER ", \"private\": false},"
             " {\"at\": \"T\", \"kind\": \"session.closed\", \"data\": %s, \"actor\": " BROKER ", \"private\": false}]",
             first, first_closed, second, second_closed);
    expect_events(w, w->seller, "session.", events);
}

/* An answer (201) whose reply must be `expected`. */
static void answer(talks *w, const char *token, int text, const char *body, const char *expected)
{
    char path[96];
    snprintf(path, sizeof path, "/api/negotiations/1/texts/%d/responses", text);
    expect(w, "POST", path, token, body, 201, expected);
}

/*
 * Texts and answers: a text tabled with its note, amended by both parties (each amendment says the value it
 * changes from), read back by the mediator with every answer and by each party with its own only; a second text
 * supersedes it; on the second, the Buyer accepts then rejects and the Seller accepts: no agreement (the Buyer's
 * latest answer counts, not its first), until the Buyer accepts again.  The agreement is the text's and the
 * negotiation's status and an event nobody made; a third text opens the negotiation again.
 */
static void test_texts_and_answers(void **state)
{
    talks *w = *state;
    http_resp r = talks_call(w, "POST", "/api/negotiations/1/sessions", w->med, "{\"venue\": \"Geneva\"}", 201);
    http_resp_free(&r);
    const char *text1 = "{\"id\": 1, \"number\": 1, \"session_id\": 1, \"session\": 1, \"outcome\": {\"price\": 1}, "
                        "\"note\": \"a start\", \"status\": \"open\", \"created_at\": \"T\", \"author\": \"Broker\"}";
    expect(w, "POST", "/api/negotiations/1/texts", w->med, "{\"outcome\": {\"price\": 1}, \"note\": \"a start\"}", 201,
           text1);
    r = talks_call(w, "GET", "/api/negotiations/1", w->buyer, NULL, 200);
    assert_int_equal(jint(&r, "current_text", NULL), 1);
    http_resp_free(&r);
    const char *buyer_amends = "{\"id\": 1, \"text\": 1, \"text_number\": 1, \"participant\": 2, \"name\": \"Buyer\", "
                               "\"answer\": \"amend\", \"reason\": \"too dear\", \"amendments\": [{\"issue\": "
                               "\"price\", \"from\": 1, \"value\": 0, \"reason\": \"cheaper\"}], "
                               "\"created_at\": \"T\", \"agreement\": false}";
    answer(w, w->buyer, 1,
           "{\"answer\": \"amend\", \"reason\": \"too dear\", \"amendments\": [{\"issue\": \"price\", \"value\": 0, "
           "\"reason\": \"cheaper\"}]}",
           buyer_amends);
    const char *seller_amends = "{\"id\": 2, \"text\": 1, \"text_number\": 1, \"participant\": 3, \"name\": \"Seller\", "
                                "\"answer\": \"amend\", \"reason\": null, \"amendments\": [{\"issue\": \"price\", "
                                "\"from\": 1, \"value\": 2, \"reason\": null}], \"created_at\": \"T\", "
                                "\"agreement\": false}";
    answer(w, w->seller, 1, "{\"answer\": \"amend\", \"amendments\": [{\"issue\": \"price\", \"value\": 2}]}",
           seller_amends);
    /* As stored: reason null when none was given, the answer's own fields only. */
    const char *buyer_row = "{\"id\": 1, \"participant\": 2, \"name\": \"Buyer\", \"answer\": \"amend\", \"reason\": "
                            "\"too dear\", \"amendments\": [{\"issue\": \"price\", \"from\": 1, \"value\": 0, "
                            "\"reason\": \"cheaper\"}], \"created_at\": \"T\"}";
    const char *seller_row = "{\"id\": 2, \"participant\": 3, \"name\": \"Seller\", \"answer\": \"amend\", \"reason\": "
                             "null, \"amendments\": [{\"issue\": \"price\", \"from\": 1, \"value\": 2, "
                             "\"reason\": null}], \"created_at\": \"T\"}";
    char expected[4096];
    const char *open1 = "\"id\": 1, \"number\": 1, \"session_id\": 1, \"session\": 1, \"outcome\": {\"price\": 1}, "
                        "\"note\": \"a start\", \"status\": \"open\", \"created_at\": \"T\", \"author\": \"Broker\"";
    snprintf(expected, sizeof expected, "{%s, \"responses\": [%s, %s]}", open1, buyer_row, seller_row);
    expect(w, "GET", "/api/negotiations/1/texts/1", w->med, NULL, 200, expected);
    expect(w, "GET", "/api/negotiations/1/texts/current", w->med, NULL, 200, expected);
    snprintf(expected, sizeof expected, "{%s, \"responses\": [%s]}", open1, buyer_row);
    expect(w, "GET", "/api/negotiations/1/texts/1", w->buyer, NULL, 200, expected);
    snprintf(expected, sizeof expected, "{%s, \"responses\": [%s]}", open1, seller_row);
    expect(w, "GET", "/api/negotiations/1/texts/current", w->seller, NULL, 200, expected);
    snprintf(expected, sizeof expected, "{\"text\": 1, \"responses\": [%s]}", seller_row);
    expect(w, "GET", "/api/negotiations/1/texts/1/responses", w->seller, NULL, 200, expected);
    snprintf(expected, sizeof expected, "{\"text\": 1, \"responses\": [%s, %s]}", buyer_row, seller_row);
    expect(w, "GET", "/api/negotiations/1/texts/1/responses", w->med, NULL, 200, expected);
    /* A party's answer is private to it (and the mediators) on the timeline. */
    expect_events(w, w->buyer, "response",
                  "[{\"at\": \"T\", \"kind\": \"response\", \"data\": {\"id\": 1, \"text\": 1, \"text_number\": 1, "
                  "\"participant\": 2, \"name\": \"Buyer\", \"answer\": \"amend\", \"reason\": \"too dear\", "
                  "\"amendments\": [{\"issue\": \"price\", \"from\": 1, \"value\": 0, \"reason\": \"cheaper\"}], "
                  "\"created_at\": \"T\"}, \"actor\": {\"id\": 2, \"name\": \"Buyer\", \"role\": \"party\", "
                  "\"kind\": \"person\"}, \"private\": true}]");

    /* Text 2 supersedes text 1. */
    expect(w, "POST", "/api/negotiations/1/texts", w->med, "{\"outcome\": {\"price\": 1}}", 201,
           "{\"id\": 2, \"number\": 2, \"session_id\": 1, \"session\": 1, \"outcome\": {\"price\": 1}, \"note\": null, "
           "\"status\": \"open\", \"created_at\": \"T\", \"author\": \"Broker\"}");
    answer(w, w->buyer, 2, "{\"answer\": \"accept\"}",
           "{\"id\": 3, \"text\": 2, \"text_number\": 2, \"participant\": 2, \"name\": \"Buyer\", \"answer\": "
           "\"accept\", \"reason\": null, \"amendments\": [], \"created_at\": \"T\", \"agreement\": false}");
    answer(w, w->buyer, 2, "{\"answer\": \"reject\", \"reason\": \"on second thoughts\"}",
           "{\"id\": 4, \"text\": 2, \"text_number\": 2, \"participant\": 2, \"name\": \"Buyer\", \"answer\": "
           "\"reject\", \"reason\": \"on second thoughts\", \"amendments\": [], \"created_at\": \"T\", "
           "\"agreement\": false}");
    answer(w, w->seller, 2, "{\"answer\": \"accept\"}",
           "{\"id\": 5, \"text\": 2, \"text_number\": 2, \"participant\": 3, \"name\": \"Seller\", \"answer\": "
           "\"accept\", \"reason\": null, \"amendments\": [], \"created_at\": \"T\", \"agreement\": false}");
    r = talks_call(w, "GET", "/api/negotiations/1", w->med, NULL, 200);
    assert_string_equal(jstr(&r, "status", NULL), "open");
    http_resp_free(&r);
    answer(w, w->buyer, 2, "{\"answer\": \"accept\"}",
           "{\"id\": 6, \"text\": 2, \"text_number\": 2, \"participant\": 2, \"name\": \"Buyer\", \"answer\": "
           "\"accept\", \"reason\": null, \"amendments\": [], \"created_at\": \"T\", \"agreement\": true}");
    r = talks_call(w, "GET", "/api/negotiations/1", w->seller, NULL, 200);
    assert_string_equal(jstr(&r, "status", NULL), "agreed");
    assert_int_equal(jint(&r, "current_text", NULL), 2);
    http_resp_free(&r);
    expect_events(w, w->seller, "agreement",
                  "[{\"at\": \"T\", \"kind\": \"agreement\", \"data\": {\"text\": 2, \"number\": 2, \"outcome\": "
                  "{\"price\": 1}}, \"private\": false}]");
    /* Text 3: the negotiation is open again; the agreed text stays agreed, the list is in order. */
    r = talks_call(w, "POST", "/api/negotiations/1/texts", w->med, "{\"outcome\": {\"price\": 0}}", 201);
    http_resp_free(&r);
    r = talks_call(w, "GET", "/api/negotiations/1", w->seller, NULL, 200);
    assert_string_equal(jstr(&r, "status", NULL), "open");
    assert_int_equal(jint(&r, "current_text", NULL), 3);
    http_resp_free(&r);
    r = talks_call(w, "GET", "/api/negotiations/1/texts", w->buyer, NULL, 200);
    json_t *texts = json_object_get(r.json, "texts");
    assert_int_equal(json_array_size(texts), 3);
    static const char *const statuses[] = {"superseded", "agreed", "open"};
    for (size_t i = 0; i < 3; i++) {
        json_t *t = json_array_get(texts, i);
        assert_int_equal(json_integer_value(json_object_get(t, "number")), (json_int_t)i + 1);
        assert_string_equal(json_string_value(json_object_get(t, "status")), statuses[i]);
        assert_int_equal(json_object_size(t), 9);
    }
    http_resp_free(&r);
}

/*
 * Messages: the Buyer to Broker, Broker to the Seller, Broker to everyone, the Seller to nobody in particular.
 * A party's message is seen by it and the mediator; a mediator's by its addressee, or everyone when it has none.
 */
static void test_messages_and_who_sees_them(void **state)
{
    talks *w = *state;
    const char *messages = "/api/negotiations/1/messages";
    expect(w, "POST", messages, w->buyer, "{\"body\": \"b to m\", \"to\": 1}", 201,
           "{\"id\": 1, \"from\": {\"id\": 2, \"name\": \"Buyer\"}, \"to\": {\"id\": 1, \"name\": \"Broker\"}, "
           "\"body\": \"b to m\", \"created_at\": \"T\"}");
    expect(w, "POST", messages, w->med, "{\"body\": \"m to s\", \"to\": 3}", 201,
           "{\"id\": 2, \"from\": {\"id\": 1, \"name\": \"Broker\"}, \"to\": {\"id\": 3, \"name\": \"Seller\"}, "
           "\"body\": \"m to s\", \"created_at\": \"T\"}");
    expect(w, "POST", messages, w->med, "{\"body\": \"m to all\"}", 201,
           "{\"id\": 3, \"from\": {\"id\": 1, \"name\": \"Broker\"}, \"to\": null, \"body\": \"m to all\", "
           "\"created_at\": \"T\"}");
    expect(w, "POST", messages, w->seller, "{\"body\": \"s aloud\"}", 201,
           "{\"id\": 4, \"from\": {\"id\": 3, \"name\": \"Seller\"}, \"to\": null, \"body\": \"s aloud\", "
           "\"created_at\": \"T\"}");
    /* Who sees what: bodies and private flags in order. */
    static const struct {
        int who;
        const char *bodies[4];
        int private[4];
    } seen[] = {{1, {"b to m", "m to s", "m to all", "s aloud"}, {1, 1, 0, 1}},
                {2, {"b to m", "m to all", NULL, NULL}, {1, 0, 0, 0}},
                {3, {"m to s", "m to all", "s aloud", NULL}, {1, 0, 1, 0}}};
    const char *tokens[] = {NULL, w->med, w->buyer, w->seller};
    for (size_t k = 0; k < 3; k++) {
        json_t *e = events_seen(w, tokens[seen[k].who], "message");
        size_t n = 0;
        while (n < 4 && seen[k].bodies[n])
            n++;
        assert_int_equal(json_array_size(e), n);
        for (size_t i = 0; i < n; i++) {
            json_t *ev = json_array_get(e, i);
            assert_string_equal(json_string_value(json_object_get(json_object_get(ev, "data"), "body")),
                                seen[k].bodies[i]);
            assert_int_equal(json_is_true(json_object_get(ev, "private")), seen[k].private[i]);
        }
        json_decref(e);
    }
}

#define PROFILE "{\"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 1, \"1\": 0.5, \"2\": 0}}}}"

/* The negotiation, its participants and profiles as the mediator and as a party see them. */
static void test_views_of_negotiation_and_participants(void **state)
{
    talks *w = *state;
    const char *me = "{\"id\": 1, \"name\": \"Broker\", \"role\": \"mediator\"}";
    http_resp r = talks_call(w, "GET", "/api/negotiations/1", w->med, NULL, 200);
    assert_string_equal(jstr(&r, "title", NULL), "Budget");
    assert_string_equal(jstr(&r, "status", NULL), "open");
    assert_true(json_expect_is_time(jstr(&r, "created_at", NULL)));
    assert_true(json_is_null(json_object_get(r.json, "outcome")));
    assert_true(json_is_null(json_object_get(r.json, "closed_at")));
    assert_true(json_is_null(json_object_get(r.json, "current_text")));
    assert_int_equal(jint(&r, "id", NULL), 1);
    assert_json(json_object_get(r.json, "me"), me);
    assert_int_equal(json_object_size(r.json), 10); /* and outcome, closed_at */
    json_t *parties = json_object_get(json_object_get(r.json, "scenario"), "parties");
    assert_int_equal(json_array_size(parties), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(parties, 1), "description")), "Seller's brief");
    assert_non_null(json_object_get(json_array_get(parties, 1), "preferences"));
    http_resp_free(&r);
    /* The Buyer: no party's preferences or reservation, its own description only. */
    r = talks_call(w, "GET", "/api/negotiations/1", w->buyer, NULL, 200);
    assert_json(json_object_get(json_object_get(r.json, "scenario"), "parties"),
                "[{\"name\": \"Buyer\", \"description\": \"Buyer's brief\"}, {\"name\": \"Seller\"}, "
                "{\"name\": \"Broker\", \"role\": \"mediator\"}]");
    assert_json(json_object_get(r.json, "me"), "{\"id\": 2, \"name\": \"Buyer\", \"role\": \"party\"}");
    http_resp_free(&r);
    expect(w, "GET", "/api/negotiations/1/me", w->seller, NULL, 200,
           "{\"negotiation\": 1, \"me\": {\"id\": 3, \"name\": \"Seller\", \"role\": \"party\"}}");
    expect(w, "PUT", "/api/negotiations/1/profile", w->buyer, PROFILE, 200,
           "{\"participant\": 2, \"updated_at\": \"T\", \"profile\": " PROFILE "}");
    expect(w, "GET", "/api/negotiations/1/profile", w->buyer, NULL, 200,
           "{\"participant\": 2, \"name\": \"Buyer\", \"profile\": " PROFILE ", \"updated_at\": \"T\"}");
    expect(w, "GET", "/api/negotiations/1/profile", w->seller, NULL, 200,
           "{\"participant\": 3, \"name\": \"Seller\", \"profile\": null, \"updated_at\": null}");
    expect(w, "GET", "/api/negotiations/1/participants/3/profile", w->med, NULL, 200,
           "{\"participant\": 3, \"name\": \"Seller\", \"profile\": null, \"updated_at\": null, \"scenario_profile\": {\"reservation\": 0.25, "
           "\"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, "
           "\"at_max\": 1}}}}}");
    expect(w, "GET", "/api/negotiations/1/participants/2/profile", w->med, NULL, 200,
           "{\"participant\": 2, \"name\": \"Buyer\", \"profile\": " PROFILE ", \"updated_at\": \"T\", "
           "\"scenario_profile\": {\"reservation\": 0.25, \"preferences\": {\"price\": {\"weight\": 1, \"function\": "
           "{\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}}");
    r = talks_call(w, "GET", "/api/negotiations/1/participants/1/profile", w->med, NULL, 404);
    assert_string_equal(jstr(&r, "error", "message"), "participant 1 is a mediator: mediators have no profile");
    http_resp_free(&r);
    /* The list: the mediator learns who joined when, who uploaded, whose token works; a party only its own row. */
    expect(w, "GET", "/api/negotiations/1/participants", w->med, NULL, 200,
           "{\"participants\": [{\"id\": 1, \"name\": \"Broker\", \"role\": \"mediator\", \"joined_at\": \"T\", "
           "\"profile_uploaded_at\": null, \"token\": \"active\"}, {\"id\": 2, \"name\": \"Buyer\", \"role\": "
           "\"party\", \"joined_at\": \"T\", \"profile_uploaded_at\": \"T\", \"token\": \"active\"}, {\"id\": 3, "
           "\"name\": \"Seller\", \"role\": \"party\", \"joined_at\": \"T\", \"profile_uploaded_at\": null, "
           "\"token\": \"active\"}]}");
    expect(w, "GET", "/api/negotiations/1/participants", w->seller, NULL, 200,
           "{\"participants\": [{\"id\": 1, \"name\": \"Broker\", \"role\": \"mediator\"}, {\"id\": 2, \"name\": "
           "\"Buyer\", \"role\": \"party\"}, {\"id\": 3, \"name\": \"Seller\", \"role\": \"party\", \"joined_at\": "
           "\"*\", \"profile_uploaded_at\": null}]}");
    expect(w, "GET", "/api/negotiations/1/participants", w->buyer, NULL, 200,
           "{\"participants\": [{\"id\": 1, \"name\": \"Broker\", \"role\": \"mediator\"}, {\"id\": 2, \"name\": "
           "\"Buyer\", \"role\": \"party\", \"joined_at\": \"T\", \"profile_uploaded_at\": \"T\"}, {\"id\": 3, "
           "\"name\": \"Seller\", \"role\": \"party\"}]}");
    /* The profile event is the Buyer's and the mediator's only. */
    expect_events(w, w->seller, "profile", "[]");
    expect_events(w, w->buyer, "profile",
                  "[{\"at\": \"T\", \"kind\": \"profile.updated\", \"data\": {\"participant\": 2, \"updated_at\": \"T\"}, "
                  "\"actor\": {\"id\": 2, \"name\": \"Buyer\", \"role\": \"party\", \"kind\": \"person\"}, "
                  "\"private\": true}]");
}

/* Tokens: a rotated token replaces the old one (shown once), a revoked one stops working; each event is the
 * participant's and the mediator's; a closed negotiation says how and when it closed. */
static void test_tokens_and_closing(void **state)
{
    talks *w = *state;
    http_resp r = talks_call(w, "POST", "/api/negotiations/1/participants/3/token", w->med, NULL, 200);
    assert_json(r.json, "{\"id\": 3, \"name\": \"Seller\", \"role\": \"party\", \"token\": \"*\"}");
    char seller[65];
    assert_int_equal(strlen(jstr(&r, "token", NULL)), 64);
    assert_string_not_equal(jstr(&r, "token", NULL), w->seller);
    memcpy(seller, jstr(&r, "token", NULL), 65);
    http_resp_free(&r);
    r = talks_call(w, "GET", "/api/negotiations/1/me", w->seller, NULL, 401);
    assert_string_equal(jstr(&r, "error", "message"), "unknown token");
    http_resp_free(&r);
    expect(w, "GET", "/api/negotiations/1/me", seller, NULL, 200,
           "{\"negotiation\": 1, \"me\": {\"id\": 3, \"name\": \"Seller\", \"role\": \"party\"}}");
    expect(w, "DELETE", "/api/negotiations/1/participants/2/token", w->med, NULL, 200,
           "{\"id\": 2, \"name\": \"Buyer\", \"role\": \"party\", \"token\": \"revoked\"}");
    r = talks_call(w, "GET", "/api/negotiations/1/me", w->buyer, NULL, 401);
    http_resp_free(&r);
    /* The mediator rotates its own token (it may not revoke it). */
    r = talks_call(w, "POST", "/api/negotiations/1/participants/1/token", w->med, "{}", 200);
    assert_json(r.json, "{\"id\": 1, \"name\": \"Broker\", \"role\": \"mediator\", \"token\": \"*\"}");
    char med[65];
    memcpy(med, jstr(&r, "token", NULL), 65);
    http_resp_free(&r);
    expect(w, "GET", "/api/negotiations/1/participants", med, NULL, 200,
           "{\"participants\": [{\"id\": 1, \"name\": \"Broker\", \"role\": \"mediator\", \"joined_at\": \"T\", "
           "\"profile_uploaded_at\": null, \"token\": \"active\"}, {\"id\": 2, \"name\": \"Buyer\", \"role\": "
           "\"party\", \"joined_at\": \"T\", \"profile_uploaded_at\": null, \"token\": \"revoked\"}, {\"id\": 3, "
           "\"name\": \"Seller\", \"role\": \"party\", \"joined_at\": \"T\", \"profile_uploaded_at\": null, "
           "\"token\": \"active\"}]}");
    expect_events(w, seller, "participant.token",
                  "[{\"at\": \"T\", \"kind\": \"participant.token_rotated\", \"data\": {\"id\": 3, \"name\": "
                  "\"Seller\", \"role\": \"party\"}, \"actor\": " BROKER ", \"private\": true}]");
    expect_events(w, med, "participant.token",
                  "[{\"at\": \"T\", \"kind\": \"participant.token_rotated\", \"data\": {\"id\": 3, \"name\": "
                  "\"Seller\", \"role\": \"party\"}, \"actor\": " BROKER ", \"private\": true},"
                  " {\"at\": \"T\", \"kind\": \"participant.token_revoked\", \"data\": {\"id\": 2, \"name\": "
                  "\"Buyer\", \"role\": \"party\"}, \"actor\": " BROKER ", \"private\": true},"
                  " {\"at\": \"T\", \"kind\": \"participant.token_rotated\", \"data\": {\"id\": 1, \"name\": "
                  "\"Broker\", \"role\": \"mediator\"}, \"actor\": " BROKER ", \"private\": true}]");
    /* Closing. */
    expect(w, "POST", "/api/negotiations/1/close", med, "{\"outcome\": \"no_agreement\", \"note\": \"walked away\"}",
           200, "{\"outcome\": \"no_agreement\", \"note\": \"walked away\", \"closed_at\": \"T\"}");
    r = talks_call(w, "GET", "/api/negotiations/1", seller, NULL, 200);
    assert_string_equal(jstr(&r, "status", NULL), "closed");
    assert_string_equal(jstr(&r, "outcome", NULL), "no_agreement");
    assert_true(json_expect_is_time(jstr(&r, "closed_at", NULL)));
    http_resp_free(&r);
    expect_events(w, seller, "negotiation.closed",
                  "[{\"at\": \"T\", \"kind\": \"negotiation.closed\", \"data\": {\"outcome\": \"no_agreement\", "
                  "\"note\": \"walked away\", \"closed_at\": \"T\"}, \"actor\": " BROKER ", \"private\": false}]");
}

/*
 * The timeline's first events, how they read (the creation and the mediator's joining are nobody's act), and its
 * pages: `limit` events after `after`, `last` the last one's seq and `more` whether any is left.  The seqs are read
 * from the whole timeline first (PostgreSQL numbers events from a sequence shared by the test worlds' schema).
 */
static void test_timeline_pages(void **state)
{
    talks *w = *state;
    for (int i = 0; i < 3; i++) {
        http_resp r = talks_message(w, w->buyer, 5);
        http_resp_free(&r);
    }
    http_resp r = talks_call(w, "GET", "/api/negotiations/1/timeline", w->med, NULL, 200);
    json_t *all = json_object_get(r.json, "events");
    assert_int_equal(json_array_size(all), 7);
    assert_false(json_is_true(json_object_get(r.json, "more")));
    json_int_t seq[7];
    for (size_t i = 0; i < 7; i++) {
        seq[i] = json_integer_value(json_object_get(json_array_get(all, i), "seq"));
        assert_true(i == 0 || seq[i] > seq[i - 1]);
    }
    assert_int_equal(jint(&r, "last", NULL), seq[6]);
    json_t *head = json_array();
    for (size_t i = 0; i < 4; i++) {
        json_t *e = json_deep_copy(json_array_get(all, i));
        json_object_del(e, "seq");
        json_array_append_new(head, e);
    }
    assert_json(head, "[{\"at\": \"T\", \"kind\": \"negotiation.created\", \"data\": {\"title\": \"Budget\"}, "
                      "\"private\": false},"
                      " {\"at\": \"T\", \"kind\": \"participant.added\", \"data\": {\"id\": 1, \"name\": \"Broker\", "
                      "\"role\": \"mediator\"}, \"private\": false},"
                      " {\"at\": \"T\", \"kind\": \"participant.added\", \"data\": {\"id\": 2, \"name\": \"Buyer\", "
                      "\"role\": \"party\"}, \"actor\": " BROKER ", \"private\": false},"
                      " {\"at\": \"T\", \"kind\": \"participant.added\", \"data\": {\"id\": 3, \"name\": \"Seller\", "
                      "\"role\": \"party\"}, \"actor\": " BROKER ", \"private\": false}]");
    json_decref(head);
    http_resp_free(&r);
    /* Pages: (after, limit) -> first index, count, more. */
    static const struct {
        int after, limit, first, count, more;
    } pages[] = {{-1, 2, 0, 2, 1}, {1, 2, 2, 2, 1}, {3, 3, 4, 3, 0}, {3, 4, 4, 3, 0}, {2, 4, 3, 4, 0},
                 {2, 3, 3, 3, 1}, {6, 1, 7, 0, 0}, {-1, 1, 0, 1, 1}};
    const char *tokens[] = {w->med, w->buyer};
    for (size_t t = 0; t < 2; t++)
        for (size_t k = 0; k < sizeof pages / sizeof *pages; k++) {
            char path[128];
            json_int_t after = pages[k].after < 0 ? 0 : seq[pages[k].after];
            snprintf(path, sizeof path, "/api/negotiations/1/timeline?after=%lld&limit=%d", (long long)after,
                     pages[k].limit);
            r = talks_call(w, "GET", path, tokens[t], NULL, 200);
            json_t *events = json_object_get(r.json, "events");
            assert_int_equal(json_array_size(events), pages[k].count);
            for (int i = 0; i < pages[k].count; i++)
                assert_int_equal(json_integer_value(json_object_get(json_array_get(events, (size_t)i), "seq")),
                                 seq[pages[k].first + i]);
            assert_int_equal(jint(&r, "last", NULL), pages[k].count ? seq[pages[k].first + pages[k].count - 1] : after);
            assert_int_equal(json_is_true(json_object_get(r.json, "more")), pages[k].more);
            http_resp_free(&r);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sessions, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_texts_and_answers, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_messages_and_who_sees_them, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_views_of_negotiation_and_participants, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_tokens_and_closing, world_setup, talks_teardown),
        cmocka_unit_test_setup_teardown(test_timeline_pages, world_setup, talks_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

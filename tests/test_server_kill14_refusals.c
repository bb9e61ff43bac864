/*
 * test_server_kill14_refusals.c: refusals no test asked for before (lines
 * the coverage map showed unexecuted), each with its status, field and
 * whole message, and nothing stored:
 * - a profile upload that gives a "document" and native fields at once, or a
 *   "document" that is not an object, or whose body is not JSON;
 * - a negotiation created with a first mediator's name of 201 bytes (200 is
 *   the most; 200 is taken);
 * - a bad limit of an analysis is a 400 before the state is looked at:
 *   improvements?limit=0 before any agreement, advice/me?limit=21 before the
 *   party uploaded a profile (not their 409s);
 * - an improvement offered after the agreement whose package does not read
 *   (an unknown value), or that is not better for every party; and any offer
 *   once the negotiation is closed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_server_talks.h"

static void test_profile_document_refusals(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    const char *profile = "/api/negotiations/1/profile";
    talks_expect_error(&w, "PUT", profile, w.buyer,
                       "{\"document\": {\"name\": \"mine.xml\", \"content\": \"<utility_space/>\"}, \"reservation\": 0.5}",
                       400, "document", "document: a profile is either native fields or one \"document\", not both");
    talks_expect_error(&w, "PUT", profile, w.buyer, "{\"document\": 5}", 400, "document",
                       "document: expected {\"name\", \"content\"}, found a whole number");
    talks_expect_error(&w, "PUT", profile, w.buyer, "{\"document\": []}", 400, "document",
                       "document: expected {\"name\", \"content\"}, found an array");
    talks_expect_error(&w, "PUT", profile, w.buyer, "{\"preferences\": ", 400, "body",
                       "body: line 1, column 16: malformed JSON: unexpected token near end of file");
    http_resp r = talks_call(&w, "GET", profile, w.buyer, NULL, 200);
    assert_true(json_is_null(json_object_get(r.json, "profile")));
    http_resp_free(&r);
    assert_int_equal(talks_count_events(&w, "profile.updated"), 0);
    talks_close(&w);
}

static void test_improvement_offer_refusals(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    http_resp r = talks_call(&w, "POST", "/api/negotiations/1/sessions", w.med, "{\"venue\": \"Geneva\"}", 201);
    http_resp_free(&r);
    r = talks_call(&w, "POST", "/api/negotiations/1/texts", w.med, "{\"outcome\": {\"price\": 1}}", 201);
    http_resp_free(&r);
    const char *const who[] = {w.buyer, w.seller};
    for (size_t i = 0; i < 2; i++) {
        r = talks_call(&w, "POST", "/api/negotiations/1/texts/1/responses", who[i], "{\"answer\": \"accept\"}", 201);
        http_resp_free(&r);
    }
    const char *offers = "/api/negotiations/1/improvements";
    talks_expect_error(&w, "POST", offers, w.med, "{\"outcome\": {\"price\": 3}}", 400, "outcome.price",
                       "outcome.price: 3 is outside issue 'price' (expected a number from 0 to 2 in steps of 1)");
    talks_expect_error(&w, "POST", offers, w.med, "{\"outcome\": {\"price\": 2}}", 409, "outcome",
                       "outcome: this package is not strictly better for every party than the agreement (GET .../improvements "
                       "lists those that are)");
    r = talks_call(&w, "POST", "/api/negotiations/1/close", w.med, "{\"outcome\": \"agreement\"}", 200);
    http_resp_free(&r);
    talks_expect_error(&w, "POST", offers, w.med, "{\"outcome\": {\"price\": 2}}", 409, NULL,
                       "the negotiation is closed");
    assert_int_equal(talks_count_events(&w, "improvement.offered"), 0);
    talks_close(&w);
}

/* talks_scenario with "mediator": a name of `n` bytes. */
static http_resp create_with_mediator(talks *w, size_t n)
{
    json_t *body = json_loads(talks_scenario, 0, NULL);
    assert_non_null(body);
    char *name = malloc(n + 1);
    assert_non_null(name);
    memset(name, 'm', n);
    name[n] = '\0';
    json_object_set_new(body, "mediator", json_string(name));
    free(name);
    return http_json(w->port, "POST", "/api/negotiations", NULL, body);
}

static void test_mediator_name_bound(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    http_resp r = create_with_mediator(&w, 201);
    assert_int_equal(r.status, 400);
    assert_string_equal(jstr(&r, "error", "field"), "mediator");
    assert_string_equal(jstr(&r, "error", "message"), "mediator: is 201 bytes long (at most 200)");
    http_resp_free(&r);
    r = create_with_mediator(&w, 200);
    assert_int_equal(r.status, 201);
    assert_int_equal(strlen(jstr(&r, "participant", "name")), 200);
    http_resp_free(&r);
    talks_close(&w);
}

static void test_bad_query_before_state(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    talks_expect_error(&w, "GET", "/api/negotiations/1/improvements?limit=0", w.med, NULL, 400, "limit",
                       "limit: 0 is outside 1..100");
    talks_expect_error(&w, "GET", "/api/negotiations/1/improvements", w.med, NULL, 409, NULL,
                       "there is no agreement to improve: improvements are sought once every party has accepted the "
                       "current text");
    talks_expect_error(&w, "GET", "/api/negotiations/1/advice/me?limit=21", w.buyer, NULL, 400, "limit",
                       "limit: 21 is outside 1..20");
    talks_expect_error(&w, "GET", "/api/negotiations/1/advice/me", w.buyer, NULL, 409, NULL,
                       "upload your profile first (PUT .../profile): the advice is computed from it");
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_profile_document_refusals),
        cmocka_unit_test(test_improvement_offer_refusals),
        cmocka_unit_test(test_mediator_name_bound),
        cmocka_unit_test(test_bad_query_before_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

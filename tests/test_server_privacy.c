/*
 * test_server_privacy.c: what a party of a live negotiation may learn about
 * another party, pinned field by field (docs/api.md, "who sees what"):
 *  - the participant list gives a party every participant's id, name and role,
 *    but joined_at and profile_uploaded_at only for its own entry, and token
 *    states to nobody but the mediators;
 *  - a profile is read by the mediators and by its own party; another party
 *    gets 403 and the scenario's estimate ("scenario_profile") goes only to
 *    the mediators;
 *  - every read a party is allowed returns 200 (statuses are checked, so a
 *    403 or 500 cannot pass for "nothing leaked").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_server_talks.h"

#include <parley/parley.h>

/* Buyer and Seller over one integer issue; Broker mediates. */
static const char scenario_json[] =
    "{\"scenario\": {\"title\": \"Privacy\", \"issues\": [{\"name\": \"price\", \"type\": \"integer\", \"min\": 0, "
    "\"max\": 2}], \"parties\": ["
    " {\"name\": \"Buyer\", \"reservation\": 0.25, \"preferences\": {\"price\": {\"weight\": 1, \"function\": "
    "{\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}},"
    " {\"name\": \"Seller\", \"reservation\": 0.25, \"preferences\": {\"price\": {\"weight\": 1, \"function\": "
    "{\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
    " {\"name\": \"Broker\", \"role\": \"mediator\"}]}}";

static int open_talks(void **state)
{
    talks *w = calloc(1, sizeof *w);
    assert_non_null(w);
    parley_server_options o = {0};
    o.web_dir = PARLEY_SOURCE_DIR "/web";
    o.max_body = 64 * 1024;
    talks_open_scenario(w, &o, scenario_json); /* open: anonymous creation, as a classroom server on loopback */
    /* Only the Buyer uploads a profile: its profile_uploaded_at is a date, the Seller's null. */
    http_resp r = http_request(w->port, "PUT", "/api/negotiations/1/profile", w->buyer,
                     "{\"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 1, \"1\": 0.625, \"2\": 0}}}}");
    assert_int_equal(r.status, 200);
    http_resp_free(&r);
    *state = w;
    return 0;
}

/* The entry of participant `id` in a participant list (ids: 1 Broker, 2 Buyer, 3 Seller). */
static json_t *entry(const http_resp *r, json_int_t id)
{
    json_t *list = json_object_get(r->json, "participants");
    assert_int_equal(json_array_size(list), 3);
    for (size_t i = 0; i < 3; i++)
        if (json_integer_value(json_object_get(json_array_get(list, i), "id")) == id)
            return json_array_get(list, i);
    fail_msg("participant %lld missing from the list", (long long)id);
    return NULL;
}

static int count_spaces(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == ' ';
    return n;
}

/* The keys of an entry, sorted and joined by spaces, to compare with what the docs promise. */
static void expect_keys(json_t *e, const char *want, const char *who)
{
    const char *order[] = {"id", "joined_at", "name", "profile_uploaded_at", "role", "token"};
    char got[128] = "";
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (json_object_get(e, order[i]))
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", got[0] ? " " : "", order[i]);
    if (strcmp(got, want) == 0 && json_object_size(e) != (size_t)1 + (size_t)count_spaces(want))
        fail_msg("%s: a key besides '%s'", who, want);
    if (strcmp(got, want) != 0)
        fail_msg("%s: keys '%s', expected '%s'", who, got, want);
}

static void party_sees_only_its_own_dates(void **state)
{
    talks *w = *state;
    http_resp r = http_request(w->port, "GET", "/api/negotiations/1/participants", w->seller, NULL);
    assert_int_equal(r.status, 200);
    expect_keys(entry(&r, 1), "id name role", "the Seller's view of the Broker");
    expect_keys(entry(&r, 2), "id name role", "the Seller's view of the Buyer");
    expect_keys(entry(&r, 3), "id joined_at name profile_uploaded_at role", "the Seller's view of itself");
    assert_true(json_is_null(json_object_get(entry(&r, 3), "profile_uploaded_at"))); /* it uploaded nothing */
    assert_string_equal(json_string_value(json_object_get(entry(&r, 2), "name")), "Buyer");
    assert_string_equal(json_string_value(json_object_get(entry(&r, 1), "role")), "mediator");
    http_resp_free(&r);

    r = http_request(w->port, "GET", "/api/negotiations/1/participants", w->buyer, NULL);
    assert_int_equal(r.status, 200);
    expect_keys(entry(&r, 3), "id name role", "the Buyer's view of the Seller");
    expect_keys(entry(&r, 2), "id joined_at name profile_uploaded_at role", "the Buyer's view of itself");
    assert_true(json_is_string(json_object_get(entry(&r, 2), "profile_uploaded_at")));
    http_resp_free(&r);

    /* the mediator sees every date and every token state */
    r = http_request(w->port, "GET", "/api/negotiations/1/participants", w->med, NULL);
    assert_int_equal(r.status, 200);
    for (json_int_t id = 1; id <= 3; id++)
        expect_keys(entry(&r, id), "id joined_at name profile_uploaded_at role token", "the Broker's view");
    assert_true(json_is_string(json_object_get(entry(&r, 2), "profile_uploaded_at")));
    assert_true(json_is_null(json_object_get(entry(&r, 3), "profile_uploaded_at")));
    assert_string_equal(json_string_value(json_object_get(entry(&r, 3), "token")), "active");
    http_resp_free(&r);
}

static int status_of(talks *w, const char *path, const char *token)
{
    http_resp r = http_request(w->port, "GET", path, token, NULL);
    int s = r.status;
    http_resp_free(&r);
    return s;
}

static void profiles_are_for_mediators_and_their_party(void **state)
{
    talks *w = *state;
    const char *buyer_profile = "/api/negotiations/1/participants/2/profile";
    /* another party: 403, whether or not a profile was uploaded */
    assert_int_equal(status_of(w, buyer_profile, w->seller), 403);
    assert_int_equal(status_of(w, "/api/negotiations/1/participants/3/profile", w->buyer), 403);
    /* the party itself: its upload, and not the scenario's estimate of it */
    http_resp r = http_request(w->port, "GET", buyer_profile, w->buyer, NULL);
    assert_int_equal(r.status, 200);
    json_t *v = json_object_get(r.json, "profile");
    assert_true(json_real_value(json_object_get(json_object_get(json_object_get(json_object_get(v, "preferences"),
                                                                                "price"), "values"), "1")) == 0.625);
    assert_null(json_object_get(r.json, "scenario_profile"));
    http_resp_free(&r);
    /* the mediator: the upload and the scenario's estimate (reservation 0.25 there) */
    r = http_request(w->port, "GET", buyer_profile, w->med, NULL);
    assert_int_equal(r.status, 200);
    assert_non_null(json_object_get(r.json, "profile"));
    json_t *estimate = json_object_get(r.json, "scenario_profile");
    assert_true(json_real_value(json_object_get(estimate, "reservation")) == 0.25);
    http_resp_free(&r);
    /* a mediator has no profile: 404 even for the mediator */
    assert_int_equal(status_of(w, "/api/negotiations/1/participants/1/profile", w->med), 404);
}

/* Every read a party may make answers 200 and holds nothing of the other party's upload (0.625). */
static void allowed_reads_answer_and_hold_no_secret(void **state)
{
    talks *w = *state;
    const char *paths[] = {"/api/negotiations/1", "/api/negotiations/1/timeline", "/api/negotiations/1/participants",
                           "/api/negotiations/1/profile", "/api/negotiations/1/me"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        http_resp r = http_request(w->port, "GET", paths[i], w->seller, NULL);
        if (r.status != 200)
            fail_msg("GET %s as the Seller: %d", paths[i], r.status);
        assert_non_null(r.json);
        assert_null(strstr(r.body, "0.625"));
        http_resp_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(party_sees_only_its_own_dates, open_talks, talks_teardown),
        cmocka_unit_test_setup_teardown(profiles_are_for_mediators_and_their_party, open_talks, talks_teardown),
        cmocka_unit_test_setup_teardown(allowed_reads_answer_and_hold_no_secret, open_talks, talks_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_server_kill14_seat_view.c: what a seated party's agent is given
 * (seat_work.c, the request on the seat program's standard input), read by a
 * seat program that only keeps its standard input in a file and gives no
 * answer.  The Buyer uploaded a profile of its own; its agent gets the
 * scenario with that profile in the Buyer's place, and in the Seller's place
 * a copy of the Buyer's preferences only: not the Seller's preferences, its
 * reservation, its red line nor its brief.  The mediator is left as it is;
 * the texts so far come with the Buyer's own answers (none yet).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include "test_server_seats.h"

/* The Budget scenario with a red line for the Seller. */
static const char scenario[] =
    "{\"scenario\": {\"title\": \"Budget\", \"issues\": [{\"name\": \"price\", \"type\": \"integer\", \"min\": 0, "
    "\"max\": 2}], \"parties\": ["
    " {\"name\": \"Buyer\", \"description\": \"Buyer's brief\", \"reservation\": 0.25, \"preferences\": {\"price\": "
    "{\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}},"
    " {\"name\": \"Seller\", \"description\": \"Seller's brief\", \"reservation\": 0.35, \"red_lines\": [{\"name\": "
    "\"floor\", \"rule\": \"price >= 1\"}], \"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": "
    "\"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
    " {\"name\": \"Broker\", \"role\": \"mediator\"}]}}";

static const char buyer_profile[] =
    "{\"reservation\": 0.3, \"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 1, \"1\": 0.4, \"2\": 0}}}}";

static json_t *party_named(json_t *parties, const char *name)
{
    for (size_t i = 0; i < json_array_size(parties); i++)
        if (strcmp(json_string_value(json_object_get(json_array_get(parties, i), "name")) ?: "", name) == 0)
            return json_array_get(parties, i);
    fail_msg("no party %s", name);
    return NULL;
}

static void test_agent_sees_its_own_profile_only(void **state)
{
    (void)state;
    char dir[128], program[192], request[192];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "seatview"));
    snprintf(program, sizeof program, "%s/seat.sh", dir);
    snprintf(request, sizeof request, "%s/request.json", dir);
    talks_write_program(program, 0700, "#!/bin/sh\ncat > '%s.part' && mv '%s.part' '%s'\nexit 1\n", request, request,
                        request);

    talks w;
    parley_server_options o = {0};
    o.seat_program = program;
    o.budgets.agent_seconds = 300;
    talks_open_scenario(&w, &o, scenario);
    http_resp r = talks_call(&w, "PUT", "/api/negotiations/1/profile", w.buyer, buyer_profile, 200);
    http_resp_free(&r);
    seat_ok(&w, 1, 2, json_pack("{s:s}", "agent", "boulware"));
    open_session(&w, 1, w.med);
    int64_t t = table(&w, 1, w.med, 1);
    json_decref(wait_events(&w, 1, w.med, "agent.no_answer", 1));

    json_error_t jerr;
    json_t *req = json_load_file(request, 0, &jerr);
    if (!req)
        fail_msg("the seat program kept no request: %s", jerr.text);
    assert_string_equal(json_string_value(json_object_get(req, "party")), "Buyer");
    assert_string_equal(json_string_value(json_object_get(req, "agent")), "boulware");
    json_t *profile = json_loads(buyer_profile, 0, NULL), *parties = json_object_get(json_object_get(req, "scenario"),
                                                                                      "parties");
    assert_int_equal(json_array_size(parties), 3);
    json_t *mine = json_object_get(profile, "preferences");
    json_t *buyer = party_named(parties, "Buyer"), *seller = party_named(parties, "Seller");
    assert_true(json_equal(json_object_get(buyer, "preferences"), mine));
    assert_true(json_number_value(json_object_get(buyer, "reservation")) == 0.3);
    assert_string_equal(json_string_value(json_object_get(buyer, "description")), "Buyer's brief");
    /* the Seller's place: the Buyer's preferences, and nothing of the Seller's own */
    assert_true(json_equal(json_object_get(seller, "preferences"), mine));
    static const char *const hidden[] = {"reservation", "red_lines", "description", "trust"};
    for (size_t i = 0; i < sizeof hidden / sizeof *hidden; i++)
        if (json_object_get(seller, hidden[i]))
            fail_msg("the Buyer's agent sees the Seller's %s", hidden[i]);
    char *text = json_dumps(req, JSON_COMPACT);
    assert_null(strstr(text, "Seller's brief"));
    assert_null(strstr(text, "floor"));
    free(text);
    json_t *broker = party_named(parties, "Broker");
    assert_string_equal(json_string_value(json_object_get(broker, "role")), "mediator");
    assert_null(json_object_get(broker, "preferences"));
    /* the texts so far: the one tabled, not answered yet */
    json_t *texts = json_object_get(req, "texts");
    assert_int_equal(json_array_size(texts), 1);
    json_t *first = json_array_get(texts, 0);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(first, "outcome"), "price")), 1);
    assert_true(json_is_null(json_object_get(first, "answer")) || !json_object_get(first, "answer"));
    (void)t;
    json_decref(profile);
    json_decref(req);
    talks_close(&w);
    assert_int_equal(test_tmpdir_remove(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_agent_sees_its_own_profile_only)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

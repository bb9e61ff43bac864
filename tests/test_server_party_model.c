/*
 * test_server_party_model.c: the advice's computation alone (party_advice.c),
 * on records made by hand, for what the live server does not show a party
 * today: another party's answers in the record it may read.  On the textbook
 * scenario (the Buyer's view; the Seller's preferences a placeholder), text
 * (1, blue) and the Seller's acceptance of it: the frequency model has seen
 * (1, blue) twice, so price 1 and blue count 3 against 1 (ratings 1 and 1/3),
 * weights equal: colour -> red and price -> 0 each cost the Seller 1/3 by its
 * estimate, both 2/3.  A rejection teaches nothing; an answer to a text not in
 * the record, or of a stranger, is ignored; a record without texts is
 * PARLEY_ENOTFOUND.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <string.h>

#include "server/party_advice.h"

static const char doc[] =
    "{\"title\": \"Textbook\", \"issues\": [{\"name\": \"price\", \"type\": \"integer\", \"min\": 0, \"max\": 2},"
    " {\"name\": \"color\", \"type\": \"categorical\", \"values\": [\"red\", \"blue\"]}], \"parties\": ["
    " {\"name\": \"Buyer\"}, {\"name\": \"Seller\"}, {\"name\": \"Broker\", \"role\": \"mediator\"}]}";
static const char buyer[] =
    "{\"reservation\": 0.2, \"preferences\": {\"price\": {\"weight\": 0.6, \"function\": {\"type\": \"linear\", "
    "\"at_min\": 1, \"at_max\": 0}}, \"color\": {\"weight\": 0.4, \"values\": {\"red\": 1, \"blue\": 0}}}}";

/* The advice of the Buyer on `events` (JSON text); rc returned, *out set on success. */
static int advise(const char *events_text, json_t **out)
{
    json_t *public_doc = json_loads(doc, 0, NULL), *profile = json_loads(buyer, 0, NULL);
    json_t *events = json_loads(events_text, 0, NULL);
    assert_non_null(events);
    json_t *merged = party_advice_scenario(public_doc, "Buyer", profile);
    assert_non_null(merged);
    char *text = json_dumps(merged, JSON_COMPACT);
    parley_scenario *sc = NULL;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_scenario_parse(text, strlen(text), "test", &sc, &err), PARLEY_OK);
    int rc = party_advice(sc, 0, events, 5, out, &err);
    parley_scenario_free(sc);
    free(text);
    json_decref(merged);
    json_decref(public_doc);
    json_decref(profile);
    json_decref(events);
    return rc;
}

static double loss_of_first(json_t *a, const char *issue)
{
    json_t *list = json_object_get(a, "amendments");
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *m = json_array_get(list, i), *changes = json_object_get(m, "changes");
        if (json_array_size(changes) == 1 &&
            strcmp(json_string_value(json_object_get(json_array_get(changes, 0), "issue")), issue) == 0)
            return json_number_value(json_object_get(json_object_get(m, "predicted_loss"), "Seller"));
    }
    fail_msg("no single change of %s", issue);
    return NAN;
}

#define TEXT1 "{\"kind\": \"text\", \"id\": 7, \"number\": 1, \"outcome\": {\"price\": 1, \"color\": \"blue\"}}"

static void answers_teach_the_model(void **state)
{
    (void)state;
    json_t *a = NULL;
    assert_int_equal(advise("[" TEXT1 ", {\"kind\": \"answer\", \"name\": \"Seller\", \"text\": 7, \"answer\": \"accept\", "
                            "\"amendments\": []}]", &a), PARLEY_OK);
    json_t *model = json_object_get(a, "model");
    assert_int_equal(json_integer_value(json_object_get(model, "texts")), 1);
    assert_int_equal(json_integer_value(json_object_get(model, "answers")), 1);
    assert_true(fabs(loss_of_first(a, "color") - 1.0 / 3) < 1e-8);
    assert_true(fabs(loss_of_first(a, "price") - 1.0 / 3) < 1e-8);
    json_t *first = json_array_get(json_object_get(a, "amendments"), 0); /* gain .4 for 1/3: the best ratio */
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(first, "changes"), 0), "issue")),
                        "color");
    assert_true(fabs(json_number_value(json_object_get(a, "utility")) - 0.3) < 1e-9);
    json_decref(a);
}

static void what_teaches_nothing(void **state)
{
    (void)state;
    json_t *a = NULL;
    assert_int_equal(advise("[" TEXT1 ", {\"kind\": \"answer\", \"name\": \"Seller\", \"text\": 7, \"answer\": \"reject\", "
                            "\"amendments\": []}, {\"kind\": \"answer\", \"name\": \"Seller\", \"text\": 99, \"answer\": "
                            "\"accept\", \"amendments\": []}, {\"kind\": \"answer\", \"name\": \"Nobody\", \"text\": 7, "
                            "\"answer\": \"accept\", \"amendments\": []}]", &a), PARLEY_OK);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(a, "model"), "answers")), 0);
    /* one text seen: price 1 and blue rated 1, the rest 1/2, equal weights: 0.25 each */
    assert_true(fabs(loss_of_first(a, "color") - 0.25) < 1e-8);
    json_decref(a);
    /* an amendment: the Seller asked for price 2 on (1, blue): price 2 is its bid */
    assert_int_equal(advise("[" TEXT1 ", {\"kind\": \"answer\", \"name\": \"Seller\", \"text\": 7, \"answer\": \"amend\", "
                            "\"amendments\": [{\"issue\": \"price\", \"from\": 1, \"value\": 2}]}]", &a), PARLEY_OK);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(a, "model"), "answers")), 1);
    /* bids (1, blue), (2, blue): colour unchanged gains weight (0.6 / 1.1); blue 3 against red 1 */
    assert_true(fabs(loss_of_first(a, "color") - (0.6 / 1.1) * (2.0 / 3)) < 1e-8);
    json_decref(a);
    assert_int_equal(advise("[]", &a), PARLEY_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(answers_teach_the_model),
        cmocka_unit_test(what_teaches_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

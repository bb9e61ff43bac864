/*
 * test_kill_live7.c: the mediator's drafting helper at live talks
 * (parley_live_draft, live_json.c), on behaviours that seed-7 generated
 * mutants showed no test pinned (issue 27): the time at which the draft reads
 * the parties' reservation values (the request's number / rounds, 1 when
 * there are no rounds or one), and the list of changes (every change, with the
 * value it replaces and its reason).
 *
 * The scenario: one issue, price 0..2.  Buyer's utility 1, 0.5, 0 for prices
 * 0, 1, 2; Seller's 0, 0.5, 1.  Buyer's reservation walks from 0 at t = 0 to
 * 0.6 at t = 1 (a reservation curve); Seller's is 0.  The text on the table
 * is price 1; Buyer asks for 0, Seller for 2.  The helper drafts the outcome
 * whose worst ratio (u - r) / (demand - r) over the parties is highest
 * (mediator.c, consider()), the total utility breaking ties, the text first
 * among equals.  With both demands 1 and Buyer's reservation r:
 *   price 0: Buyer 1, Seller 0: score 0, welfare 1;
 *   price 1: Buyer (0.5 - r) / (1 - r), Seller 0.5: score (0.5 - r) / (1 - r), welfare 1;
 *   price 2: Buyer -r / (1 - r) < 0 when r > 0.
 * So the text stays (no change) while r <= 0.5, i.e. t <= 5/6, and the draft
 * moves to Buyer's price 0 once r > 0.5 (t > 5/6).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include <parley/live.h>
#include <parley/parley.h>

#define SCENARIO                                                                                                     \
    "{\"issues\": [{\"name\": \"price\", \"type\": \"integer\", \"min\": 0, \"max\": 2}], \"parties\": ["           \
    "{\"name\": \"Buyer\", \"reservation_curve\": [[0, 0], [1, 0.6]], \"preferences\": {\"price\": {\"weight\": 1, " \
    "\"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}},"                                        \
    "{\"name\": \"Seller\", \"preferences\": {\"price\": {\"weight\": 1, "                                          \
    "\"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"                                        \
    "{\"name\": \"Broker\", \"role\": \"mediator\"}]}"

#define ANSWERS                                                                                                      \
    "{\"Buyer\": {\"answer\": \"amend\", \"amendments\": [{\"issue\": \"price\", \"value\": 0, \"reason\": "       \
    "\"cheaper\"}]},"                                                                                               \
    "\"Seller\": {\"answer\": \"amend\", \"amendments\": [{\"issue\": \"price\", \"value\": 2, \"reason\": "        \
    "\"dearer\"}]}}"

/* The helper's draft for the text price 1 with the answers above; `timing` is the request's "rounds" and
   "number" members (or none), e.g. "\"rounds\": 10, \"number\": 9,". */
static json_t *draft(const char *timing)
{
    char request[4096];
    snprintf(request, sizeof request,
             "{\"scenario\": " SCENARIO ", \"seed\": 1, %s \"text\": {\"price\": 1}, \"answers\": " ANSWERS "}",
             timing);
    char *text = NULL;
    parley_error err;
    parley_error_clear(&err);
    if (parley_live_draft(request, &text, &err) != PARLEY_OK)
        fail_msg("parley_live_draft: %s", err.message);
    json_error_t je;
    json_t *o = json_loads(text, 0, &je);
    parley_free(text);
    assert_non_null(o);
    return o;
}

static void assert_text_kept(const char *timing)
{
    json_t *o = draft(timing);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "outcome"), "price")), 1);
    assert_int_equal(json_array_size(json_object_get(o, "changes")), 0);
    json_decref(o);
}

/* The draft moves to Buyer's price 0, and says so: one change, from 1 to 0, adopting Buyer's amendment. */
static void assert_moves_to_buyer(const char *timing)
{
    json_t *o = draft(timing);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "outcome"), "price")), 0);
    json_t *changes = json_object_get(o, "changes");
    assert_int_equal(json_array_size(changes), 1);
    json_t *c = json_array_get(changes, 0);
    assert_string_equal(json_string_value(json_object_get(c, "issue")), "price");
    assert_int_equal(json_integer_value(json_object_get(c, "from")), 1);
    assert_int_equal(json_integer_value(json_object_get(c, "value")), 0);
    assert_string_equal(json_string_value(json_object_get(c, "reason")), "adopts Buyer's amendment (cheaper)");
    json_decref(o);
}

/* No rounds, or a single round: the draft reads the reservations at the end (t = 1, Buyer's 0.6). */
static void test_without_rounds_at_the_end(void **state)
{
    (void)state;
    assert_moves_to_buyer("");
    assert_moves_to_buyer("\"rounds\": 1, \"number\": 0,");
    assert_moves_to_buyer("\"rounds\": 0, \"number\": 0,");
}

/* With rounds: t = number / rounds (at most 1).  Text 8 of 10: r = 0.48, the text stays; 9 of 10: r = 0.54. */
static void test_time_is_number_over_rounds(void **state)
{
    (void)state;
    assert_text_kept("\"rounds\": 10, \"number\": 0,");
    assert_text_kept("\"rounds\": 10, \"number\": 8,");
    assert_moves_to_buyer("\"rounds\": 10, \"number\": 9,");
    assert_moves_to_buyer("\"rounds\": 10, \"number\": 10,");
    assert_moves_to_buyer("\"rounds\": 10, \"number\": 25,");
    /* 5 of 6 is t = 5/6 exactly: r = 0.5, a tie on score and welfare, the text (considered first) stays */
    assert_text_kept("\"rounds\": 12, \"number\": 10,");
    assert_moves_to_buyer("\"rounds\": 12, \"number\": 11,");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_without_rounds_at_the_end),
        cmocka_unit_test(test_time_is_number_over_rounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

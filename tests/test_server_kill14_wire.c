/*
 * test_server_kill14_wire.c: an analysis's reply comes back from its child
 * process (job_wire.c: 17 significant digits) with every number as the child
 * computed it, bit for bit, and the server shows it at 15 digits.  A real
 * issue's values are not rounded: from min 1.0000000000000049 (the double
 * nearest that decimal) in steps of 1, the values are that double, 2 + the
 * same and 3 + the same.  Shown at 15 digits they are 1.0, 2.0 and 3.0; had the
 * child's 1.0000000000000049 come back at 16 digits (1.000000000000005), the
 * server would show 1.00000000000001.  The parties want the issue in opposite
 * directions, so the mediator's analysis lists all 3 packages on the frontier;
 * each one's value is the %.15g of parley_issue_number of its value (computed
 * here, in this process, from the same scenario).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <parley/parley.h>

#include "test_server_talks.h"

#define SHARE_ISSUES                                                                                                  \
    "[{\"name\": \"share\", \"type\": \"real\", \"min\": 1.0000000000000049, \"max\": 3.0000000000000049, "         \
    "\"step\": 1}]"
#define SHARE_PARTIES                                                                                                 \
    "[{\"name\": \"Buyer\", \"preferences\": {\"share\": {\"weight\": 1, \"function\": {\"type\": \"linear\", "       \
    "\"at_min\": 1, \"at_max\": 0}}}}, {\"name\": \"Seller\", \"preferences\": {\"share\": {\"weight\": 1, "          \
    "\"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}}, {\"name\": \"Broker\", \"role\": "        \
    "\"mediator\"}]"

static void test_real_values_as_the_child_computed(void **state)
{
    (void)state;
    static const char doc[] = "{\"title\": \"Share\", \"issues\": " SHARE_ISSUES ", \"parties\": " SHARE_PARTIES "}";
    parley_scenario *sc = NULL;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_scenario_parse(doc, strlen(doc), "share", &sc, &err), PARLEY_OK);
    const parley_space *space = parley_scenario_space(sc);
    assert_int_equal(parley_issue_value_count(space, 0), 3);
    assert_true(parley_issue_number(space, 0, 0) > 1.0); /* the point of the test: not 1 */

    talks w;
    parley_server_options o = {0};
    talks_open_scenario(&w, &o, "{\"scenario\": {\"title\": \"Share\", \"issues\": " SHARE_ISSUES ", \"parties\": "
                                SHARE_PARTIES "}}");
    http_resp r = talks_call(&w, "GET", "/api/negotiations/1/analysis?frontier_limit=100", w.med, NULL, 200);
    json_t *frontier = json_object_get(r.json, "frontier");
    assert_int_equal(json_array_size(frontier), 3);
    for (uint32_t v = 0; v < 3; v++) {
        char shown[64];
        snprintf(shown, sizeof shown, "%.15g", parley_issue_number(space, 0, v));
        double got = json_number_value(json_object_get(json_object_get(json_array_get(frontier, v), "outcome"), "share"));
        if (got != strtod(shown, NULL))
            fail_msg("value %u: the reply says %.17g, expected %s", v, got, shown);
    }
    assert_true(json_number_value(json_object_get(json_object_get(json_array_get(frontier, 0), "outcome"), "share")) ==
                1.0);
    http_resp_free(&r);
    talks_close(&w);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_real_values_as_the_child_computed)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

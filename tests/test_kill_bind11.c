/*
 * test_kill_bind11.c: the binding layer's refusals no test reached on the d2da18c coverage map (issue 27), each
 * with its exact message:
 *   - parley_live_answer (live_json.c): a request without a scenario; a text whose value is a label on an integer
 *     issue or a number on a categorical one; an amendment naming a value the issue does not have; no party; no
 *     agent; an unknown agent;
 *   - parley_scenario_format_text (output.c): an unknown format; a party number that is a mediator or past the
 *     last party (the last negotiating party itself is written);
 *   - parley_trace_event_json: the event one past the last is refused, the last one is written;
 *   - parley_analyze_json, method AUTO, on an additive space too large to stream: analysed exactly (text.c);
 *   - parley_struct_size: the table's last entry, and 0 for a name not in it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <parley/live.h>
#include <parley/parley.h>
#include <parley/text.h>
#include <jansson.h>

/* x categorical (lo, hi), y integer 0..2; parties A and B, mediator M (index 2). */
#define SCENARIO                                                                                                  \
    "{\"issues\": [{\"name\": \"x\", \"type\": \"categorical\", \"values\": [\"lo\", \"hi\"]},"                  \
    "{\"name\": \"y\", \"type\": \"integer\", \"min\": 0, \"max\": 2}], \"parties\": ["                          \
    "{\"name\": \"A\", \"preferences\": {\"x\": {\"weight\": 0.5, \"values\": {\"lo\": 0, \"hi\": 1}},"          \
    "\"y\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"           \
    "{\"name\": \"B\", \"preferences\": {\"x\": {\"weight\": 0.5, \"values\": {\"lo\": 1, \"hi\": 0}},"          \
    "\"y\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}},"           \
    "{\"name\": \"M\", \"role\": \"mediator\"}]}"

/* parley_live_answer's code for `request`; its message in err. */
static int live(const char *request, parley_error *err)
{
    char *text = NULL;
    parley_error_clear(err);
    int rc = parley_live_answer(request, NULL, &text, err);
    parley_free(text);
    return rc;
}

static void expect_live_refusal(const char *request, const char *message)
{
    parley_error err;
    assert_int_equal(live(request, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, message);
}

static void live_answer_refusals(void **state)
{
    (void)state;
    char request[4096];
    const char *good = "[{\"outcome\": {\"x\": \"lo\", \"y\": 1}}]";
    snprintf(request, sizeof request, "{\"scenario\": " SCENARIO ", \"party\": \"A\", \"agent\": \"hardliner\", "
             "\"seed\": 1, \"rounds\": 10, \"texts\": %s}", good);
    parley_error err;
    assert_int_equal(live(request, &err), PARLEY_OK);
    /* an earlier answer amending the first issue (x, index 0) reads */
    snprintf(request, sizeof request, "{\"scenario\": " SCENARIO ", \"party\": \"A\", \"agent\": \"hardliner\", "
             "\"seed\": 1, \"rounds\": 10, \"texts\": [{\"outcome\": {\"x\": \"lo\", \"y\": 1}, \"answer\": \"amend\", "
             "\"amendments\": [{\"issue\": \"x\", \"value\": \"hi\", \"reason\": \"r\"}]}, "
             "{\"outcome\": {\"x\": \"lo\", \"y\": 1}}]}");
    assert_int_equal(live(request, &err), PARLEY_OK);
    expect_live_refusal("{\"party\": \"A\", \"agent\": \"hardliner\", \"texts\": []}", "the request has no scenario");
    static const struct {
        const char *texts, *message;
    } bad[] = {
        {"[{\"outcome\": {\"x\": \"lo\", \"y\": \"1\"}}]", "a text has no valid value of issue 'y'"}, /* a label */
        {"[{\"outcome\": {\"x\": 0, \"y\": 1}}]", "a text has no valid value of issue 'x'"},          /* a number */
        {"[{\"outcome\": {\"x\": \"lo\"}}]", "a text has no valid value of issue 'y'"},               /* missing */
        {"[{\"outcome\": {\"x\": \"lo\", \"y\": 3}}]", "a text has no valid value of issue 'y'"},     /* off the grid */
        {"[{\"outcome\": {\"x\": \"lo\", \"y\": 1}, \"answer\": \"amend\", \"amendments\": "
         "[{\"issue\": \"y\", \"value\": 2}, {\"issue\": \"x\", \"value\": \"mid\"}]}, "
         "{\"outcome\": {\"x\": \"lo\", \"y\": 1}}]",
         "amendment 1 does not read"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(request, sizeof request, "{\"scenario\": " SCENARIO ", \"party\": \"A\", \"agent\": \"hardliner\", "
                 "\"seed\": 1, \"rounds\": 10, \"texts\": %s}", bad[i].texts);
        expect_live_refusal(request, bad[i].message);
    }
    snprintf(request, sizeof request, "{\"scenario\": " SCENARIO ", \"party\": \"M\", \"agent\": \"hardliner\", "
             "\"texts\": %s}", good);
    expect_live_refusal(request, "the request names no negotiating party");
    snprintf(request, sizeof request, "{\"scenario\": " SCENARIO ", \"party\": \"B\", \"texts\": %s}", good);
    expect_live_refusal(request, "the request names no agent");
    snprintf(request, sizeof request, "{\"scenario\": " SCENARIO ", \"party\": \"B\", \"agent\": \"nobody:x=1\", "
             "\"texts\": %s}", good);
    expect_live_refusal(request, "unknown agent 'nobody'");
}

static parley_scenario *scenario(void)
{
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_parse(SCENARIO, strlen(SCENARIO), "s.json", &sc, &err), PARLEY_OK);
    return sc;
}

static void format_text_refusals(void **state)
{
    (void)state;
    parley_scenario *sc = scenario();
    parley_error err;
    parley_error_clear(&err);
    assert_null(parley_scenario_format_text(sc, "xml", -1, NULL, NULL, &err));
    assert_string_equal(err.message, "unknown format 'xml' (expected native, genius or geniusweb)");
    assert_null(parley_scenario_format_text(sc, NULL, -1, NULL, NULL, &err));
    assert_string_equal(err.message, "unknown format '' (expected native, genius or geniusweb)");
    assert_null(parley_scenario_format_text(sc, "genius", 2, NULL, NULL, &err)); /* M, the mediator */
    assert_string_equal(err.message, "party 2 is not a negotiating party of the scenario");
    assert_null(parley_scenario_format_text(sc, "geniusweb", 3, NULL, NULL, &err)); /* past the last */
    assert_string_equal(err.message, "party 3 is not a negotiating party of the scenario");
    char *b = parley_scenario_format_text(sc, "genius", 1, NULL, NULL, &err); /* B's profile */
    assert_non_null(b);
    assert_non_null(strstr(b, "<utility_space"));
    parley_free(b);
    parley_scenario_free(sc);
}

static void trace_event_past_the_last(void **state)
{
    (void)state;
    parley_scenario *sc = scenario();
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.rounds = 2;
    parley_negotiation *neg = NULL;
    parley_error err;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent(neg, parley_agent_builtin("hardliner"), NULL, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent(neg, parley_agent_builtin("hardliner"), NULL, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
    /* start, four offers (two rounds of two hardliners, who never agree), end */
    size_t n = parley_negotiation_event_count(neg);
    assert_int_equal(n, 6);
    char *last = parley_trace_event_json(neg, n - 1, &err);
    assert_non_null(last);
    assert_non_null(strstr(last, "session_end"));
    parley_free(last);
    assert_null(parley_trace_event_json(neg, n, &err));
    assert_string_equal(err.message, "event 6 of 6");
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

/*
 * parley_analyze_json with PARLEY_JSON_AUTO on 33 binary issues (2^33 = 8,589,934,592 outcomes, more than the
 * 5 * 10^9 that parley_analysis_needs_search streams): additive, so it is still analysed exactly (as `parley
 * analyze`), without enumeration; with both reservations 0 every outcome is acceptable.
 */
static void auto_analysis_of_a_large_additive_space_is_exact(void **state)
{
    (void)state;
    static char json[16384];
    size_t at = (size_t)snprintf(json, sizeof json, "{\"issues\": [");
    for (int k = 0; k < 33; k++)
        at += (size_t)snprintf(json + at, sizeof json - at, "%s{\"name\": \"i%d\", \"type\": \"categorical\", "
                               "\"values\": [\"n\", \"y\"]}", k ? ", " : "", k);
    at += (size_t)snprintf(json + at, sizeof json - at, "], \"parties\": [");
    for (int p = 0; p < 2; p++) { /* A: weights 1..33, B: 33..1, normalised; opposed values */
        at += (size_t)snprintf(json + at, sizeof json - at, "%s{\"name\": \"%c\", \"preferences\": {", p ? ", " : "",
                               'A' + p);
        for (int k = 0; k < 33; k++)
            at += (size_t)snprintf(json + at, sizeof json - at,
                                   "%s\"i%d\": {\"weight\": %.17g, \"values\": {\"n\": %d, \"y\": %d}}", k ? ", " : "",
                                   k, (p ? 33.0 - k : k + 1.0) / 561.0, p, 1 - p);
        at += (size_t)snprintf(json + at, sizeof json - at, "}}");
    }
    snprintf(json + at, sizeof json - at, "]}");
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_parse(json, strlen(json), "big.json", &sc, &err), PARLEY_OK);
    assert_true(parley_analysis_needs_search(sc));
    parley_analysis_options options = {0};
    options.threads = 1;
    char *text = parley_analyze_json(sc, &options, NULL, PARLEY_JSON_AUTO, 0, &err);
    assert_non_null(text);
    json_error_t je;
    json_t *root = json_loads(text, 0, &je);
    parley_free(text);
    assert_non_null(root);
    assert_true(json_is_true(json_object_get(root, "exact")));
    /* the analysis's report (its conflicts), not the search's (its evaluations), though that one is exact too */
    assert_non_null(json_object_get(root, "conflicts"));
    assert_null(json_object_get(root, "evaluations"));
    assert_memory_equal(json_string_value(json_object_get(root, "method")), "exact without enumeration", 25);
    assert_int_equal(json_integer_value(json_object_get(root, "outcomes")), 8589934592LL);
    assert_int_equal(json_integer_value(json_object_get(root, "acceptable")), 8589934592LL);
    json_decref(root);
    parley_scenario_free(sc);
}

/* The sizes the bindings check their mirrors against: the last one of the table, and a name not in it (0; the
 * search stays inside the table: a mutant ran past it, which the sanitizer tree sees). */
static void struct_sizes(void **state)
{
    (void)state;
    assert_int_equal(parley_struct_size("parley_improve_options"), sizeof(parley_improve_options));
    assert_int_equal(parley_struct_size("parley_analysis_options"), sizeof(parley_analysis_options));
    assert_int_equal(parley_struct_size("parley_nothing"), 0);
    assert_int_equal(parley_struct_size(NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(live_answer_refusals),
        cmocka_unit_test(format_text_refusals),
        cmocka_unit_test(trace_event_past_the_last),
        cmocka_unit_test(auto_analysis_of_a_large_additive_space_is_exact),
        cmocka_unit_test(struct_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

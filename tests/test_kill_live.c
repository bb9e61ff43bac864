/*
 * test_kill_live.c: an agent seated at live talks (parley/live.h), on
 * behaviours that generated mutants showed no test pinned (issue 27):
 *
 * - an amendment lists its changes biggest gain first (agent_common.c, the
 *   shuttle answer): the gain of setting issue i to x is w_i * (v_i(x) -
 *   v_i(text_i)), worked by hand below;
 * - the party's own earlier answers reach its agent as they were given: an
 *   "accept" in the request's record is an acceptance in the agent's history
 *   (live_json.c), which a plug-in agent may read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include <parley/live.h>
#include <parley/parley.h>

/*
 * Three issues, three values each.  A's weights 0.5, 0.3, 0.2; its values
 * lo 0, mid 0.5 (b: 0.9), hi 1, so its best package is (hi, hi, hi).  B wants
 * the opposite.
 */
#define SCENARIO                                                                                               \
    "{\"format\": \"parley-scenario\", \"issues\": ["                                                           \
    "{\"name\": \"a\", \"type\": \"categorical\", \"values\": [\"lo\", \"mid\", \"hi\"]},"                     \
    "{\"name\": \"b\", \"type\": \"categorical\", \"values\": [\"lo\", \"mid\", \"hi\"]},"                     \
    "{\"name\": \"c\", \"type\": \"categorical\", \"values\": [\"lo\", \"mid\", \"hi\"]}],"                    \
    "\"parties\": ["                                                                                           \
    "{\"name\": \"A\", \"preferences\": {"                                                                     \
    "\"a\": {\"weight\": 0.5, \"values\": {\"lo\": 0, \"mid\": 0.5, \"hi\": 1}},"                              \
    "\"b\": {\"weight\": 0.3, \"values\": {\"lo\": 0, \"mid\": 0.9, \"hi\": 1}},"                              \
    "\"c\": {\"weight\": 0.2, \"values\": {\"lo\": 0, \"mid\": 0.5, \"hi\": 1}}}},"                            \
    "{\"name\": \"B\", \"preferences\": {"                                                                     \
    "\"a\": {\"weight\": 0.4, \"values\": {\"lo\": 1, \"mid\": 0.5, \"hi\": 0}},"                              \
    "\"b\": {\"weight\": 0.3, \"values\": {\"lo\": 1, \"mid\": 0.5, \"hi\": 0}},"                              \
    "\"c\": {\"weight\": 0.3, \"values\": {\"lo\": 1, \"mid\": 0.5, \"hi\": 0}}}}]}"

/* The answer of `agent` (vt NULL: a built-in spec) for A to the given texts (a JSON array). */
static json_t *answer(const parley_agent_vtable *vt, const char *agent, const char *texts)
{
    char request[4096];
    snprintf(request, sizeof request,
             "{\"scenario\": " SCENARIO ", \"party\": \"A\", \"agent\": \"%s\", \"seed\": 1, \"rounds\": 20, "
             "\"texts\": %s}",
             agent, texts);
    char *text = NULL;
    parley_error err;
    parley_error_clear(&err);
    int rc = parley_live_answer(request, vt, &text, &err);
    if (rc != PARLEY_OK)
        fail_msg("parley_live_answer: %s", err.message);
    json_error_t je;
    json_t *o = json_loads(text, 0, &je);
    parley_free(text);
    assert_non_null(o);
    return o;
}

/*
 * The text (lo, mid, hi) is worth 0.5*0 + 0.3*0.9 + 0.2*1 = 0.47 to A; the
 * hardliner asks for (hi, hi, hi), worth 1.  Issue a gains 0.5*(1-0) = 0.5,
 * issue b 0.3*(1-0.9) = 0.03, issue c nothing: two changes, an amendment (at
 * most half the issues, rounded up), a first then b.  (Weight over difference
 * would rank b first: 0.3/0.1 = 3 against 0.5/1.)
 */
static void test_amendment_biggest_gain_first(void **state)
{
    (void)state;
    json_t *o = answer(NULL, "hardliner", "[{\"outcome\": {\"a\": \"lo\", \"b\": \"mid\", \"c\": \"hi\"}}]");
    assert_string_equal(json_string_value(json_object_get(o, "answer")), "amend");
    json_t *list = json_object_get(o, "amendments");
    assert_int_equal(json_array_size(list), 2);
    const char *want[2] = {"a", "b"};
    for (size_t j = 0; j < 2; j++) {
        json_t *c = json_array_get(list, j);
        assert_string_equal(json_string_value(json_object_get(c, "issue")), want[j]);
        assert_string_equal(json_string_value(json_object_get(c, "value")), "hi");
    }
    json_decref(o);

    /* mirrored: b now gains more (0.3*(1-0) = 0.3) than a (0.5*(1-0.5) = 0.25): b first */
    o = answer(NULL, "hardliner", "[{\"outcome\": {\"a\": \"mid\", \"b\": \"lo\", \"c\": \"hi\"}}]");
    list = json_object_get(o, "amendments");
    assert_int_equal(json_array_size(list), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "issue")), "b");
    assert_string_equal(json_string_value(json_object_get(json_array_get(list, 1), "issue")), "a");
    json_decref(o);
}

/* A plug-in agent that answers as it last answered: it reads its own answers in its history. */
static int mirror_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    (void)v, (void)params, (void)err;
    *state = NULL;
    return PARLEY_OK;
}

static void mirror_destroy(void *state)
{
    (void)state;
}

static int mirror_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    (void)state, (void)request;
    parley_event_kind last = PARLEY_EVENT_SESSION_START;
    for (size_t i = 0; i < parley_view_event_count(v); i++) {
        parley_event ev;
        if (parley_view_event(v, i, &ev) == PARLEY_OK && ev.party == (long)parley_view_party(v) &&
            (ev.kind == PARLEY_EVENT_ACCEPT || ev.kind == PARLEY_EVENT_REJECT))
            last = ev.kind;
    }
    act->kind = last == PARLEY_EVENT_ACCEPT ? PARLEY_ACT_ACCEPT : PARLEY_ACT_REJECT;
    return PARLEY_OK;
}

static const parley_agent_vtable mirror = {PARLEY_AGENT_ABI, "mirror", "answers as it last answered",
                                           mirror_create, mirror_destroy, mirror_act};

static void test_own_answers_reach_the_agent(void **state)
{
    (void)state;
    /* A's best package, so that an acceptance of it is valid */
    const char *best = "{\"a\": \"hi\", \"b\": \"hi\", \"c\": \"hi\"}";
    const char *given[] = {"\"accept\"", "\"reject\"", "null"};
    const char *expected[] = {"accept", "reject", "reject"};
    for (size_t k = 0; k < 3; k++) {
        char texts[512];
        snprintf(texts, sizeof texts, "[{\"outcome\": %s, \"answer\": %s}, {\"outcome\": %s}]", best, given[k],
                 best);
        json_t *o = answer(&mirror, "mirror", texts);
        assert_string_equal(json_string_value(json_object_get(o, "answer")), expected[k]);
        json_decref(o);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_amendment_biggest_gain_first),
        cmocka_unit_test(test_own_answers_reach_the_agent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

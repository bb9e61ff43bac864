/*
 * test_kill_live12.c: how live talks turn an agent's move into an answer
 * (live.c's live_respond), with a scripted agent whose move the test sets
 * (issue 27): an accept, an amendment or a counter-offer of a package that
 * breaks the party's red line or a global constraint becomes a rejection with
 * the reason; an amendment with no changes, too many, or a change of an
 * issue or value that does not exist is rejected with its own message;
 * repeated issues and changes to the value the text has already are dropped
 * (an amendment left with none is an accept); a counter-offer becomes the
 * amendments that turn the text into it; a walk-away or a rejection is a
 * rejection; no text, or a party that does not negotiate, is an error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <parley/parley.h>

#include "grid_space.h"

#include "protocol/live.h"

/* The move the scripted agent makes. */
static struct {
    parley_action_kind kind;
    parley_change changes[4];
    size_t change_count;
    int beyond_capacity; /* claims one change more than the room it was given */
    uint32_t outcome[2];
} script;

static int scripted_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    (void)v, (void)params, (void)err;
    *state = NULL;
    return PARLEY_OK;
}

static void scripted_destroy(void *state) { (void)state; }

static int scripted_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    (void)state, (void)v;
    assert_int_equal(request, PARLEY_REQUEST_RESPOND);
    act->kind = script.kind;
    if (script.kind == PARLEY_ACT_OFFER)
        memcpy(act->outcome, script.outcome, sizeof script.outcome);
    if (script.kind == PARLEY_ACT_AMEND) {
        assert_true(act->change_capacity >= script.change_count);
        memcpy(act->changes, script.changes, script.change_count * sizeof *script.changes);
        act->change_count = script.beyond_capacity ? act->change_capacity + 1 : script.change_count;
    }
    return PARLEY_OK;
}

static const parley_agent_vtable scripted = {PARLEY_AGENT_ABI, "scripted", "the test's move", scripted_create,
                                             scripted_destroy, scripted_act};

/* x, y in 0..4; A's red line x != 4, the global constraint y != 4. */
static parley_scenario *scenario(void)
{
    parley_space *s = NULL;
    parley_scenario *sc = grid_scenario_new(&s);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        long party = parley_scenario_add_party(sc, p ? "B" : "A", PARLEY_ROLE_PARTY, u, NULL);
        assert_true(party >= 0);
        if (p == 0)
            assert_int_equal(parley_scenario_add_constraint(sc, party, "no4", "x != 4", NULL, NULL, NULL), PARLEY_OK);
    }
    assert_int_equal(parley_scenario_add_constraint(sc, -1, "never4", "y != 4", NULL, NULL, NULL), PARLEY_OK);
    return sc;
}

/* A's answer to the text (x, y) after an earlier text it accepted. */
static live_move answer(const parley_scenario *sc, uint32_t x, uint32_t y, parley_change *room)
{
    static const uint32_t first[] = {0, 0};
    uint32_t text[] = {x, y};
    live_step steps[] = {{first, LIVE_ACCEPT, NULL, 0}, {text, LIVE_NONE, NULL, 0}};
    live_move out;
    memset(&out, 0, sizeof out);
    out.changes = room;
    parley_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(live_respond(sc, 0, &scripted, "", 1, 10, steps, 2, &out, &err), PARLEY_OK);
    return out;
}

static void rejected(const parley_scenario *sc, uint32_t x, uint32_t y, const char *reason)
{
    parley_change room[2];
    live_move out = answer(sc, x, y, room);
    assert_int_equal(out.answer, LIVE_REJECT);
    assert_int_equal(out.change_count, 0);
    assert_string_equal(out.reason, reason);
}

static void test_accepts(void **state)
{
    (void)state;
    parley_scenario *sc = scenario();
    parley_change room[2];
    script.kind = PARLEY_ACT_ACCEPT;
    live_move out = answer(sc, 1, 1, room);
    assert_int_equal(out.answer, LIVE_ACCEPT);
    assert_string_equal(out.reason, "");
    rejected(sc, 4, 1, "the package breaks its own red line 'no4'");
    rejected(sc, 1, 4, "the package breaks a global constraint");
    script.kind = PARLEY_ACT_WALK_AWAY;
    rejected(sc, 1, 1, "the text is not acceptable to us");
    script.kind = PARLEY_ACT_REJECT;
    rejected(sc, 1, 1, "the text is not acceptable to us");
    parley_scenario_free(sc);
}

static void test_amendments(void **state)
{
    (void)state;
    parley_scenario *sc = scenario();
    parley_change room[2];
    script.kind = PARLEY_ACT_AMEND;
    script.beyond_capacity = 0;
    script.change_count = 0;
    rejected(sc, 1, 1, "the agent's amendment had no changes or too many");
    script.change_count = 1;
    script.changes[0] = (parley_change){0, 3, "more x"};
    script.beyond_capacity = 1;
    rejected(sc, 1, 1, "the agent's amendment had no changes or too many");
    script.beyond_capacity = 0;
    script.changes[0] = (parley_change){2, 0, "no such issue"};
    rejected(sc, 1, 1, "the agent's amendment changes an issue or value that does not exist");
    script.changes[0] = (parley_change){1, 5, "no such value"};
    rejected(sc, 1, 1, "the agent's amendment changes an issue or value that does not exist");
    /* the last value of the last issue exists */
    script.changes[0] = (parley_change){1, 4, "most y"};
    live_move out = answer(sc, 1, 1, room);
    assert_int_equal(out.answer, LIVE_AMEND);
    assert_int_equal(out.change_count, 1);
    assert_int_equal(out.changes[0].issue, 1);
    assert_int_equal(out.changes[0].value, 4);
    assert_string_equal(out.changes[0].reason, "most y");
    /* a repeated issue keeps its first change; a change to the text's own value is dropped */
    script.change_count = 2;
    script.changes[0] = (parley_change){0, 3, "x to 3"};
    script.changes[1] = (parley_change){0, 2, "x to 2"};
    out = answer(sc, 1, 1, room);
    assert_int_equal(out.answer, LIVE_AMEND);
    assert_int_equal(out.change_count, 1);
    assert_int_equal(out.changes[0].value, 3);
    assert_string_equal(out.changes[0].reason, "x to 3");
    script.changes[0] = (parley_change){1, 1, "y as it is"};
    script.changes[1] = (parley_change){0, 3, "x to 3"};
    out = answer(sc, 1, 1, room);
    assert_int_equal(out.answer, LIVE_AMEND);
    assert_int_equal(out.change_count, 1);
    assert_int_equal(out.changes[0].issue, 0);
    assert_int_equal(out.changes[0].value, 3);
    assert_string_equal(out.changes[0].reason, "x to 3");
    /* nothing left to change: an accept, which the red line may refuse */
    script.change_count = 1;
    script.changes[0] = (parley_change){0, 1, "x as it is"};
    out = answer(sc, 1, 1, room);
    assert_int_equal(out.answer, LIVE_ACCEPT);
    assert_int_equal(out.change_count, 0);
    script.changes[0] = (parley_change){0, 4, "x as it is"};
    rejected(sc, 4, 1, "the package breaks its own red line 'no4'");
    parley_scenario_free(sc);
}

static void test_counter_offers(void **state)
{
    (void)state;
    parley_scenario *sc = scenario();
    parley_change room[2];
    script.kind = PARLEY_ACT_OFFER;
    script.outcome[0] = 4;
    script.outcome[1] = 0;
    rejected(sc, 1, 1, "the package breaks its own red line 'no4'");
    script.outcome[0] = 3;
    script.outcome[1] = 1;
    live_move out = answer(sc, 1, 1, room);
    assert_int_equal(out.answer, LIVE_AMEND);
    assert_int_equal(out.change_count, 1);
    assert_int_equal(out.changes[0].issue, 0);
    assert_int_equal(out.changes[0].value, 3);
    assert_string_equal(out.changes[0].reason, "our counter-offer");
    script.outcome[0] = 0;
    script.outcome[1] = 2;
    out = answer(sc, 1, 1, room);
    assert_int_equal(out.answer, LIVE_AMEND);
    assert_int_equal(out.change_count, 2);
    assert_int_equal(out.changes[1].issue, 1);
    assert_int_equal(out.changes[1].value, 2);
    script.outcome[0] = 1;
    script.outcome[1] = 1;
    out = answer(sc, 1, 1, room);
    assert_int_equal(out.answer, LIVE_ACCEPT);
    assert_int_equal(out.change_count, 0);
    parley_scenario_free(sc);
}

static void test_nothing_to_answer(void **state)
{
    (void)state;
    parley_scenario *sc = scenario();
    static const uint32_t text[] = {1, 1};
    live_step step = {text, LIVE_NONE, NULL, 0};
    parley_change room[2];
    live_move out = {LIVE_NONE, room, 0, ""};
    parley_error err;
    assert_int_equal(live_respond(sc, 0, &scripted, "", 1, 10, &step, 0, &out, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "no text to answer");
    assert_int_equal(live_respond(sc, 2, &scripted, "", 1, 10, &step, 1, &out, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "no text to answer");
    script.kind = PARLEY_ACT_ACCEPT;
    assert_int_equal(live_respond(sc, 1, &scripted, "", 1, 0, &step, 1, &out, &err), PARLEY_OK);
    assert_int_equal(out.answer, LIVE_ACCEPT);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepts),
        cmocka_unit_test(test_amendments),
        cmocka_unit_test(test_counter_offers),
        cmocka_unit_test(test_nothing_to_answer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

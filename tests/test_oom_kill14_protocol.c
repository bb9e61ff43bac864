/*
 * test_oom_kill14_protocol.c: live talks' two helpers (live.c) when memory runs
 * out (issue 27: their allocation-failure branches were run by no test).
 * live_respond (a seated agent answers the second text tabled, after
 * amending the first; the agent asks to change issue 0 to its second value,
 * and uses no memory of its own: a built-in agent whose package index cannot
 * be built answers without it, which is another answer) and live_draft (the mediator drafts from a text, one
 * party's amendment and the other's acceptance) run with allocation N of
 * libparley.a refused (tests/failalloc.c), with every later one or alone, for
 * N = 1, 2, ... until they need fewer: a refused run fails with PARLEY_ENOMEM
 * and a message that says so, or gives the answer it gives with memory (the
 * same answer, changes and reason; the same draft).  Leaks on these paths fail
 * the sanitizer tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <parley/parley.h>

#include "failalloc.h"
#include "protocol/live.h"

#define MAX_ISSUES 16

struct outcome {
    int rc;
    long count; /* the draft's change count */
    live_answer answer;
    uint32_t values[MAX_ISSUES];
    parley_change changes[MAX_ISSUES];
    size_t change_count;
    char reason[2 * PARLEY_REASON_MAX];
    char message[sizeof ((parley_error *)0)->message];
};

struct talks {
    const parley_scenario *sc;
    uint32_t first[MAX_ISSUES], second[MAX_ISSUES];
    parley_change amend[1];
};

/* The seated agent: it amends issue 0 to value 1, whatever it is asked. */
static int amend_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    (void)v, (void)params, (void)err;
    *state = NULL;
    return PARLEY_OK;
}

static void amend_destroy(void *state)
{
    (void)state;
}

static int amend_act(void *state, parley_agent_view *v, parley_request req, parley_action *act)
{
    (void)state, (void)v, (void)req;
    act->kind = PARLEY_ACT_AMEND;
    act->changes[0] = (parley_change){.issue = 0, .value = 1};
    act->change_count = 1;
    return PARLEY_OK;
}

static const parley_agent_vtable amender = {PARLEY_AGENT_ABI, "amender", "asks for issue 0 at value 1",
                                            amend_create, amend_destroy, amend_act};

typedef void (*operation)(const struct talks *t, struct outcome *o);

static void respond(const struct talks *t, struct outcome *o)
{
    live_step steps[2] = {{t->first, LIVE_AMEND, t->amend, 1}, {t->second, LIVE_NONE, NULL, 0}};
    live_move move;
    memset(&move, 0, sizeof move);
    move.changes = o->changes;
    parley_error err;
    parley_error_clear(&err);
    o->rc = live_respond(t->sc, 0, &amender, "", 7, 10, steps, 2, &move, &err);
    o->answer = move.answer;
    o->change_count = move.change_count;
    memcpy(o->reason, move.reason, sizeof o->reason);
    memcpy(o->message, err.message, sizeof o->message);
}

static void draft(const struct talks *t, struct outcome *o)
{
    live_step answers[2] = {{t->first, LIVE_AMEND, t->amend, 1}, {t->first, LIVE_ACCEPT, NULL, 0}};
    parley_error err;
    parley_error_clear(&err);
    o->count = live_draft(t->sc, 7, 0.5, t->first, answers, o->values, o->changes, &err);
    o->rc = o->count < 0 ? err.code : PARLEY_OK;
    memcpy(o->message, err.message, sizeof o->message);
}

static int same(const struct outcome *a, const struct outcome *b, size_t issues)
{
    return a->count == b->count && a->answer == b->answer && a->change_count == b->change_count &&
           strcmp(a->reason, b->reason) == 0 && memcmp(a->values, b->values, issues * sizeof *a->values) == 0 &&
           memcmp(a->changes, b->changes, (a->count > 0 ? (size_t)a->count : a->change_count) * sizeof *a->changes) == 0;
}

static void each_refusal(const char *what, operation op, const struct talks *t)
{
    size_t issues = parley_space_issue_count(parley_scenario_space(t->sc));
    struct outcome want, got;
    memset(&want, 0, sizeof want);
    op(t, &want);
    if (want.rc != PARLEY_OK)
        fail_msg("%s: %s", what, want.message);
    for (int persistent = 1; persistent >= 0; persistent--) {
        long n = 1;
        for (;; n++) {
            memset(&got, 0, sizeof got);
            failalloc_arm(n, persistent);
            op(t, &got);
            long refused = failalloc_disarm();
            if (refused == 0) {
                assert_int_equal(got.rc, PARLEY_OK);
                assert_true(same(&got, &want, issues));
                break;
            }
            if (got.rc == PARLEY_OK) {
                if (!same(&got, &want, issues))
                    fail_msg("%s: allocation %ld refused: a different answer", what, n);
                continue;
            }
            if (got.rc != PARLEY_ENOMEM || !strstr(got.message, "memory"))
                fail_msg("%s: allocation %ld refused (%s): %d (%s)", what, n, persistent ? "and later" : "alone", got.rc,
                         got.message);
        }
        if (n < 3)
            fail_msg("%s: only %ld allocations", what, n - 1);
    }
}

static void test_live_out_of_memory(void **state)
{
    (void)state;
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json", &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    const parley_space *space = parley_scenario_space(sc);
    size_t issues = parley_space_issue_count(space);
    assert_true(issues >= 1 && issues <= MAX_ISSUES);
    struct talks t;
    memset(&t, 0, sizeof t);
    t.sc = sc;
    for (size_t i = 0; i < issues; i++)
        t.second[i] = parley_issue_value_count(space, i) - 1; /* the first text: every issue's first value */
    t.amend[0].issue = 0;
    t.amend[0].value = 1;
    struct outcome with_memory;
    memset(&with_memory, 0, sizeof with_memory);
    respond(&t, &with_memory);
    assert_int_equal(with_memory.answer, LIVE_AMEND); /* the second text has issue 0 at its last value, not 1 */
    assert_int_equal(with_memory.change_count, 1);
    each_refusal("respond", respond, &t);
    each_refusal("draft", draft, &t);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_live_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

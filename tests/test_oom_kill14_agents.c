/*
 * test_oom_kill14_agents.c: an ANAC port whose memory runs out in the middle of a negotiation passes the failure
 * on (round 14, seed-141 probe: a deleted `if (rc) return rc;` after CUHKAgent's boa_track_update let it bargain
 * on, the opponent's offer unread).  tests/failalloc.c refuses the Nth allocation made while the negotiation runs,
 * alone, for N = 1, 2, ... until a run refuses none: each run must fail with PARLEY_ENOMEM and a message, or (a
 * refusal worked around) give exactly the moves of the run with all its memory.  CUHKAgent has no way around a
 * refusal (no cache it could do without), so every one must come back as PARLEY_ENOMEM: the deleted check made
 * two of them (the arrays of boa_track_update) pass unnoticed with the same moves, the offer read a turn late.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "agent_probe.h"
#include "failalloc.h"

#define MAX_EVENTS 64

/* What a run did: its return code and its events (kind, party, first two values of the package). */
struct moves {
    int rc;
    size_t n;
    long what[MAX_EVENTS][4];
};

static void run_once(const parley_scenario *sc, const char *agent, long arm_at, struct moves *m, long *refused,
                     char *message, size_t message_size)
{
    static const uint32_t script[3 * 2] = {0, 0, 1, 0, 0, 1};
    script_set(2, 3, script);
    parley_negotiation *neg = probe_negotiation(sc, 8, 3, parley_agent_builtin(agent), "", &script_agent, "");
    parley_error err;
    parley_error_clear(&err);
    if (arm_at > 0)
        failalloc_arm(arm_at, 0);
    m->rc = parley_negotiation_run(neg, &err);
    *refused = arm_at > 0 ? failalloc_disarm() : 0;
    snprintf(message, message_size, "%s", err.message);
    m->n = 0;
    for (size_t i = 0; m->rc == PARLEY_OK && i < parley_negotiation_event_count(neg) && m->n < MAX_EVENTS; i++) {
        parley_event ev;
        assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
        long *w = m->what[m->n++];
        w[0] = ev.kind;
        w[1] = ev.party;
        w[2] = ev.outcome ? (long)ev.outcome[0] : -1;
        w[3] = ev.outcome ? (long)ev.outcome[1] : -1;
    }
    parley_negotiation_free(neg);
}

static void each_refusal_passed_on(const char *agent, long workarounds_allowed)
{
    parley_scenario *sc = probe_opposed_linear(2, 2);
    struct moves want, got;
    long refused;
    char message[sizeof ((parley_error *)0)->message];
    run_once(sc, agent, 0, &want, &refused, message, sizeof message);
    assert_int_equal(want.rc, PARLEY_OK);
    assert_true(want.n > 4);
    long n = 1, failed = 0, worked_around = 0;
    for (;; n++) {
        run_once(sc, agent, n, &got, &refused, message, sizeof message);
        if (refused == 0)
            break;
        if (got.rc == PARLEY_OK) {
            if (got.n != want.n || memcmp(got.what, want.what, want.n * sizeof *want.what) != 0)
                fail_msg("%s: allocation %ld refused alone: the run went on with other moves (%zu events, %zu "
                         "without the refusal)", agent, n, got.n, want.n);
            if (++worked_around > workarounds_allowed)
                fail_msg("%s: allocation %ld refused alone: the run succeeded (%ld refusals worked around, at most "
                         "%ld expected)", agent, n, worked_around, workarounds_allowed);
            continue;
        }
        if (got.rc != PARLEY_ENOMEM || !message[0])
            fail_msg("%s: allocation %ld refused alone: %d (%s), expected PARLEY_ENOMEM with a message", agent, n,
                     got.rc, message);
        failed++;
    }
    print_message("%s: %ld allocations, %ld refusals passed on as PARLEY_ENOMEM\n", agent, n - 1, failed);
    assert_true(failed > 0);
    parley_scenario_free(sc);
}

static void test_cuhk_out_of_memory(void **state)
{
    (void)state;
    each_refusal_passed_on("cuhk", 0);
}

int main(void)
{
    (void)probe_run, (void)probe_find;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cuhk_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_oom_kill15_agents.c: the ANAC ports whose memory runs out late in long talks pass the failure on (round 15).
 * test_oom_kill14_agents.c refuses every allocation of short talks on 6 packages, where no agent's lists grow past
 * their first capacity; here each port (P0) meets random (P1, reservation 0.6) on the 1000 packages of
 * digits_scenario.h for 60 rounds, so it receives dozens of different offers and its lists grow (MiCRO's hash set
 * past 64 slots, the Caduceus members' packages past 16, Atlas3's CList, the frequency counts...).  Every
 * allocation of the run (tests/failalloc.c) is refused in turn, with every later one: the run must then fail with
 * PARLEY_ENOMEM and a message, or, for a port with a way around it (a cache), end with the very moves of the run
 * with all its memory.  LeakSanitizer checks each error path in the sanitizer tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "digits_scenario.h"
#include "failalloc.h"

#define ROUNDS 60
#define MAX_EVENTS (2 * ROUNDS + 8)

/* A run's return code, message and events (kind, party, package number abc). */
struct run {
    int rc;
    char message[sizeof ((parley_error *)0)->message];
    size_t n;
    long what[MAX_EVENTS][3];
};

/* `agent` against random for ROUNDS rounds (seed 5); with arm_at > 0 allocation arm_at of the run and every later one
   are refused.  Returns how many allocations the run asked for. */
static long run_once(const parley_scenario *sc, const char *agent, long arm_at, struct run *r)
{
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.rounds = ROUNDS;
    cfg.seed = 5;
    parley_negotiation *neg = NULL;
    parley_error err;
    parley_error_clear(&err);
    if (parley_negotiation_new(sc, &cfg, &neg, &err) != PARLEY_OK ||
        parley_negotiation_add_agent_spec(neg, agent, &err) != PARLEY_OK ||
        parley_negotiation_add_agent_spec(neg, "random", &err) != PARLEY_OK)
        fail_msg("%s: %s", agent, err.message);
    failalloc_arm(arm_at > 0 ? arm_at : LONG_MAX, 1);
    r->rc = parley_negotiation_run(neg, &err);
    long calls = failalloc_calls();
    failalloc_disarm();
    snprintf(r->message, sizeof r->message, "%s", err.message);
    r->n = 0;
    for (size_t i = 0; r->rc == PARLEY_OK && i < parley_negotiation_event_count(neg) && r->n < MAX_EVENTS; i++) {
        parley_event ev;
        assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
        long *w = r->what[r->n++];
        w[0] = ev.kind;
        w[1] = ev.party;
        w[2] = ev.outcome ? 100L * ev.outcome[0] + 10L * ev.outcome[1] + ev.outcome[2] : -1;
    }
    parley_negotiation_free(neg);
    return calls;
}

static void each_late_refusal_passed_on(const parley_scenario *sc, const char *agent, int may_work_around)
{
    static struct run want, got;
    long calls = run_once(sc, agent, 0, &want);
    assert_int_equal(want.rc, PARLEY_OK);
    assert_true(want.n > ROUNDS);
    long failed = 0;
    for (long n = 1; n <= calls; n++) {
        run_once(sc, agent, n, &got);
        if (got.rc == PARLEY_OK) {
            if (!may_work_around)
                fail_msg("%s: allocation %ld of %ld refused: the run succeeded", agent, n, calls);
            if (got.n != want.n || memcmp(got.what, want.what, want.n * sizeof *want.what) != 0)
                fail_msg("%s: allocation %ld of %ld refused: the run went on with other moves", agent, n, calls);
            continue;
        }
        if (got.rc != PARLEY_ENOMEM || !got.message[0])
            fail_msg("%s: allocation %ld of %ld refused: %d (%s), expected PARLEY_ENOMEM with a message", agent, n,
                     calls, got.rc, got.message);
        failed++;
    }
    if (failed < calls / 2)
        fail_msg("%s: only %ld of %ld refusals passed on", agent, failed, calls);
}

/* The ports that keep lists of what they receive; those allowed a way around a refusal as in
   test_oom_kill14_agents.c (a cache they can do without). */
static const struct {
    const char *spec;
    int may_work_around;
} ports[] = {{"micro", 0},         {"caduceus", 1},   {"atlas3", 0},     {"cuhk", 0},
             {"hardheaded", 0},    {"agent-k", 1},    {"ponpoko", 0},    {"agreeable-2018", 0},
             {"the-fawkes", 0},    {"agent-gg", 0},   {"agent-m", 0},    {"nice-tit-for-tat", 1},
             {"boa:model=bayes", 0}};

static void test_ports_out_of_memory_in_long_talks(void **state)
{
    (void)state;
    parley_scenario *sc = digits_scenario(0.6);
    for (size_t p = 0; p < sizeof ports / sizeof *ports; p++)
        each_late_refusal_passed_on(sc, ports[p].spec, ports[p].may_work_around);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ports_out_of_memory_in_long_talks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

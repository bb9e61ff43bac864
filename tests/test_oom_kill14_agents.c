/*
 * test_oom_kill14_agents.c: a built-in agent whose memory runs out in the middle of a negotiation passes the
 * failure on (round 14, seed-141 probe: a deleted `if (rc) return rc;` after CUHKAgent's boa_track_update let it
 * bargain on, the opponent's offer unread a turn, with the same moves).  Each agent (P0) meets a script (P1) on
 * 2 x 3 packages, its packages from a sorted index built beforehand (so the view's own lazy index, which a refusal
 * would silently leave empty, is not in play); tests/failalloc.c refuses the Nth allocation of the run (alone,
 * then with every later one) for N = 1, 2, ... until a run refuses none.  Each refused run must fail with PARLEY_ENOMEM and a message, unless the
 * agent has a way around that allocation (the table below: none for most, which then may never succeed; a cache
 * it can do without, and then the moves are those of the run with all its memory; boulware and conceder's
 * fallback from GENIUS's nearest bid).
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

/* A negotiation of `agent` (P0, its packages from `idx`) against the script (P1), 12 rounds; with arm_at > 0,
   allocation arm_at of the run is refused (alone, or with every later one when `persistent`).  Its moves go to m,
   the count of refusals to *refused. */
static void run_once(const parley_scenario *sc, const parley_package_index *idx, const char *agent, long arm_at,
                     int persistent, struct moves *m, long *refused, char *message, size_t message_size)
{
    static const uint32_t script[3 * 2] = {0, 0, 1, 0, 0, 1};
    script_set(2, 3, script);
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.rounds = 12;
    cfg.seed = 3;
    parley_negotiation *neg = NULL;
    parley_error err;
    parley_error_clear(&err);
    if (parley_negotiation_new(sc, &cfg, &neg, &err) != PARLEY_OK ||
        parley_negotiation_add_agent_spec(neg, agent, &err) != PARLEY_OK ||
        parley_negotiation_add_agent(neg, &script_agent, "", &err) != PARLEY_OK ||
        parley_negotiation_share_index(neg, 0, idx, &err) != PARLEY_OK)
        fail_msg("%s: %s", agent, err.message);
    if (arm_at > 0)
        failalloc_arm(arm_at, persistent);
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

/* What a refusal the run works around may do. */
enum workaround {
    NONE,       /* no way around any refusal: each one comes back as PARLEY_ENOMEM */
    SAME_MOVES, /* a cache or a faster path it can do without: the moves stay those of the run with all its memory */
    NEAREST     /* boulware, conceder: GENIUS's nearest bid (genius_sorted_space.c) falls back to the cheapest package
                   at least worth the target when the view's runs of equal utility cannot be read */
};

static void each_refusal_passed_on(const char *agent, enum workaround allowed)
{
    parley_scenario *sc = probe_opposed_linear(2, 2);
    parley_package_index *idx = NULL;
    parley_error err;
    assert_int_equal(parley_package_index_build_sorted(sc, 0, 1, &idx, &err), PARLEY_OK);
    struct moves want, got;
    long refused;
    char message[sizeof err.message];
    run_once(sc, idx, agent, 0, 0, &want, &refused, message, sizeof message);
    assert_int_equal(want.rc, PARLEY_OK);
    assert_true(want.n > 4);
    for (int persistent = 0; persistent < 2; persistent++) {
        const char *how = persistent ? " with every later one" : " alone";
        long n = 1, failed = 0;
        for (;; n++) {
            run_once(sc, idx, agent, n, persistent, &got, &refused, message, sizeof message);
            if (refused == 0)
                break;
            if (got.rc == PARLEY_OK) {
                if (allowed == NONE)
                    fail_msg("%s: allocation %ld refused%s: the run succeeded (it has no way around a refusal)", agent,
                             n, how);
                if (allowed == SAME_MOVES &&
                    (got.n != want.n || memcmp(got.what, want.what, want.n * sizeof *want.what) != 0))
                    fail_msg("%s: allocation %ld refused%s: the run went on with other moves (%zu events, %zu with "
                             "all its memory)", agent, n, how, got.n, want.n);
                continue;
            }
            if (got.rc != PARLEY_ENOMEM || !message[0])
                fail_msg("%s: allocation %ld refused%s: %d (%s), expected PARLEY_ENOMEM with a message", agent, n, how,
                         got.rc, message);
            failed++;
        }
        if (failed == 0 || n < 6)
            fail_msg("%s: %ld allocations, %ld refusals%s passed on: the run did not reach its agent", agent, n - 1,
                     failed, how);
    }
    parley_package_index_free(idx);
    parley_scenario_free(sc);
}

/* Every built-in agent (and three BOA mixes); the allowance observed on 2026-12-07 (seed-141 probe). */
static const struct {
    const char *spec;
    enum workaround allowed;
} agents[] = {{"boulware", NEAREST},
              {"linear", NONE},
              {"conceder", NEAREST},
              {"hardliner", NONE},
              {"tit-for-tat", NONE},
              {"random", NONE},
              {"nash", NONE},
              {"boa", NONE},
              {"boa:model=smith:accept=combi", NONE},
              {"boa:bidding=tft:model=bayes", NONE},
              {"hardheaded", NONE},
              {"nice-tit-for-tat", SAME_MOVES},
              {"agent-k", SAME_MOVES},
              {"cuhk", NONE},
              {"atlas3", NONE},
              {"agent-gg", NONE},
              {"micro", NONE},
              {"ponpoko", NONE},
              {"agreeable-2018", NONE},
              {"the-fawkes", NONE},
              {"agent-m", NONE},
              {"caduceus", SAME_MOVES}};

static void test_agents_out_of_memory(void **state)
{
    (void)state;
    for (size_t a = 0; a < sizeof agents / sizeof *agents; a++)
        each_refusal_passed_on(agents[a].spec, agents[a].allowed);
}

int main(void)
{
    (void)probe_run, (void)probe_find, (void)probe_negotiation;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agents_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

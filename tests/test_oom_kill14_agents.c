/*
 * test_oom_kill14_agents.c: a built-in agent whose memory runs out passes the failure on (round 14, seed-141
 * probe: a deleted `if (rc) return rc;` after CUHKAgent's boa_track_update let it bargain on, the opponent's offer
 * unread a turn, with the same moves).  tests/failalloc.c refuses the Nth allocation (alone, then with every later
 * one) for N = 1, 2, ... until a call refuses none:
 *   - in a run: each agent (P0) meets a script (P1) on 2 x 3 packages (and five ports that follow every party,
 *     among three, linear the third), the agents' packages from sorted indexes built beforehand (so the view's own
 *     lazy index, which a refusal would silently leave empty, is not in play).  Each refused run must fail with
 *     PARLEY_ENOMEM and a message, unless the agent has a way around that allocation (the table below: none for
 *     most, which then may never succeed; a cache it can do without, and then the moves are those of the run with
 *     all its memory; boulware and conceder's fallback from GENIUS's nearest bid);
 *   - in each agent's create (PARLEY_ENOMEM, "out of memory", or one of the refusals of the view's lazy index that
 *     the view keeps to itself);
 *   - in the opponent models (frequency, Smith, Bayesian, perfect), their accuracy, rankings, both estimators and
 *     parley_scenario_uncertain: PARLEY_ENOMEM, "out of memory", every time.
 * LeakSanitizer checks every one of these error paths in the sanitizer tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <parley/uncertainty.h>

#include "agent_probe.h"
#include "failalloc.h"

#define MAX_EVENTS 128

/* What a run did: its return code and its events (kind, party, first two values of the package). */
struct moves {
    int rc;
    size_t n;
    long what[MAX_EVENTS][4];
};

/* A negotiation of `agent` (P0, its packages from idx[0]) against the script (P1) and, when not NULL, the agent
   `third` (P2, its packages from idx[2]), 12 rounds; with arm_at > 0, allocation arm_at of the run is refused (alone, or with every later one
   when `persistent`).  Its moves go to m, the count of refusals to *refused. */
static void run_once(const parley_scenario *sc, parley_package_index *const idx[3], const char *agent, const char *third,
                     long arm_at, int persistent, struct moves *m, long *refused, char *message, size_t message_size)
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
        (third && (parley_negotiation_add_agent_spec(neg, third, &err) != PARLEY_OK ||
                   parley_negotiation_share_index(neg, 2, idx[2], &err) != PARLEY_OK)) ||
        (idx[0] && parley_negotiation_share_index(neg, 0, idx[0], &err) != PARLEY_OK))
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

static void each_refusal_passed_on(const parley_scenario *sc, const char *agent, const char *third,
                                   enum workaround allowed, int lazy)
{
    parley_package_index *idx[3] = {NULL, NULL, NULL};
    parley_error err;
    for (size_t k = lazy ? 2 : 0; k < (third ? 3 : 1); k += 2)
        assert_int_equal(parley_package_index_build_sorted(sc, k, 1, &idx[k], &err), PARLEY_OK);
    struct moves want, got;
    long refused;
    char message[sizeof err.message];
    run_once(sc, idx, agent, third, 0, 0, &want, &refused, message, sizeof message);
    assert_int_equal(want.rc, PARLEY_OK);
    assert_true(want.n > 4);
    for (int persistent = 0; persistent < 2; persistent++) {
        const char *how = persistent ? " with every later one" : " alone";
        long n = 1, failed = 0;
        for (;; n++) {
            run_once(sc, idx, agent, third, n, persistent, &got, &refused, message, sizeof message);
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
    parley_package_index_free(idx[0]);
    parley_package_index_free(idx[2]);
}

/*
 * Every built-in agent (and three BOA mixes) with what it may do with a refusal (observed on 2026-12-07, seed-141
 * probe): `allowed` in a run; `create_workarounds`, how many refusals its create may survive (cuhk: a cache).
 * Those that query their view in create build the view's lazy package index (protocol/view.c): until the
 * fourteenth session its three allocations, refused, left the view without packages and said nothing (atlas3,
 * agreeable-2018, the-fawkes and caduceus then started; agent-gg answered PARLEY_EINVAL, "no acceptable package to
 * rank"); now the create fails with PARLEY_ENOMEM.
 */
static const struct {
    const char *spec;
    enum workaround allowed;
    long create_workarounds;
} agents[] = {{"boulware", NEAREST, 0},
              {"linear", NONE, 0},
              {"conceder", NEAREST, 0},
              {"hardliner", NONE, 0},
              {"tit-for-tat", NONE, 0},
              {"random", NONE, 0},
              {"nash", NONE, 0},
              {"boa", NONE, 0},
              {"boa:model=smith:accept=combi", NONE, 0},
              {"boa:bidding=tft:model=bayes", NONE, 0},
              {"hardheaded", NONE, 0},
              {"nice-tit-for-tat", SAME_MOVES, 0},
              {"agent-k", SAME_MOVES, 0},
              {"cuhk", NONE, 1},
              {"atlas3", NONE, 0},
              {"agent-gg", NONE, 0},
              {"micro", NONE, 0},
              {"ponpoko", NONE, 0},
              {"agreeable-2018", NONE, 0},
              {"the-fawkes", NONE, 0},
              {"agent-m", NONE, 0},
              {"caduceus", SAME_MOVES, 0}};

static void test_agents_out_of_memory(void **state)
{
    (void)state;
    parley_scenario *sc = probe_opposed_linear(2, 2);
    for (size_t a = 0; a < sizeof agents / sizeof *agents; a++)
        each_refusal_passed_on(sc, agents[a].spec, NULL, agents[a].allowed, 0);
    parley_scenario_free(sc);
}

/* P0 builds its own packages (the view's lazy index, protocol/view.c) during the run: a refusal there fails the run
   with PARLEY_ENOMEM.  Until the fourteenth session the agent then saw no packages and walked away, and the run
   "succeeded" (linear: 3 events instead of 26). */
static void test_lazy_index_out_of_memory(void **state)
{
    (void)state;
    parley_scenario *sc = probe_opposed_linear(2, 2);
    static const char *const plain[] = {"linear", "hardliner", "nash", "tit-for-tat", "micro"};
    for (size_t a = 0; a < sizeof plain / sizeof *plain; a++)
        each_refusal_passed_on(sc, plain[a], NULL, NONE, 1);
    parley_scenario_free(sc);
}

/* Three parties (2 issues of 0..2; P0 wants both high, P1 both low, P2 the first high and the second low): the
   ports that follow every party, with linear as the third, which accepts in the talks (Caduceus remembers the
   packages others accepted). */
static const char three_parties[] =
    "{\"issues\": [{\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 2},"
    "  {\"name\": \"b\", \"type\": \"integer\", \"min\": 0, \"max\": 2}],"
    " \"parties\": [{\"name\": \"P0\", \"preferences\": {"
    "   \"a\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
    "   \"b\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
    "  {\"name\": \"P1\", \"preferences\": {"
    "   \"a\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}},"
    "   \"b\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}},"
    "  {\"name\": \"P2\", \"preferences\": {"
    "   \"a\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
    "   \"b\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}";

static void test_three_parties_out_of_memory(void **state)
{
    (void)state;
    parley_scenario *sc = probe_scenario(three_parties);
    static const char *const ports[] = {"caduceus", "agreeable-2018", "agent-gg", "nice-tit-for-tat", "boa"};
    for (size_t a = 0; a < sizeof ports / sizeof *ports; a++)
        each_refusal_passed_on(sc, ports[a], "linear", SAME_MOVES, 0);
    parley_scenario_free(sc);
}

/* ---- one call of the library, each of its allocations refused ---- */

/* A call under test, with what it needs made before (`prepare`, not refused) and freed after (`finish`; both may
   be NULL): returns a parley code and frees whatever it made. */
struct call {
    const char *what;
    void *(*prepare)(const void *arg);
    int (*op)(void *made, const void *arg, parley_error *err);
    void (*finish)(void *made);
    const void *arg;
};

/* Refuses allocation N of the call (alone, then with every later one) for N = 1, 2, ... until a call refuses none:
   every refused call returns PARLEY_ENOMEM with `message` in its message, except up to `worked_around` that
   succeed anyway; the call that refuses none succeeds.  Returns the allocations counted. */
static long each_refusal_fails(const struct call *c, long worked_around, const char *message)
{
    long n = 1;
    for (int persistent = 0; persistent < 2; persistent++) {
        long survived = 0;
        for (n = 1;; n++) {
            void *made = c->prepare ? c->prepare(c->arg) : NULL;
            parley_error err;
            parley_error_clear(&err);
            failalloc_arm(n, persistent);
            int rc = c->op(made, c->arg, &err);
            long refused = failalloc_disarm();
            if (c->finish)
                c->finish(made);
            if (refused == 0) {
                if (rc != PARLEY_OK)
                    fail_msg("%s: %d (%s) with all its memory", c->what, rc, err.message);
                break;
            }
            if (rc == PARLEY_OK) {
                if (++survived > worked_around)
                    fail_msg("%s: allocation %ld refused%s: succeeded (%ld refusals worked around, at most %ld)",
                             c->what, n, persistent ? " with every later one" : " alone", survived, worked_around);
                continue;
            }
            if (rc != PARLEY_ENOMEM || !strstr(err.message, message))
                fail_msg("%s: allocation %ld refused%s: %d (%s), expected PARLEY_ENOMEM, '%s'", c->what, n,
                         persistent ? " with every later one" : " alone", rc, err.message, message);
        }
    }
    return n - 1;
}

/* An agent's create: agent `arg` joins a fresh negotiation of probe_opposed_linear(2, 2) as P0. */
static parley_scenario *shared_scenario;

static void *new_negotiation(const void *arg)
{
    (void)arg;
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.rounds = 12;
    parley_negotiation *neg = NULL;
    parley_error err;
    if (parley_negotiation_new(shared_scenario, &cfg, &neg, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return neg;
}

static int add_agent(void *neg, const void *arg, parley_error *err)
{
    return parley_negotiation_add_agent_spec(neg, arg, err);
}

static void free_negotiation(void *neg)
{
    parley_negotiation_free(neg);
}

/* Each agent's create: PARLEY_ENOMEM, "out of memory", or one of the refusals its view keeps to itself. */
static void test_agents_create_out_of_memory(void **state)
{
    (void)state;
    shared_scenario = probe_opposed_linear(2, 2);
    long allocations = 0;
    for (size_t a = 0; a < sizeof agents / sizeof *agents; a++) {
        struct call c = {agents[a].spec, new_negotiation, add_agent, free_negotiation, agents[a].spec};
        allocations += each_refusal_fails(&c, agents[a].create_workarounds, "out of memory");
    }
    assert_true(allocations > 150); /* the creates did allocate (about 200 in all) */
    parley_scenario_free(shared_scenario);
}

/* ---- the BOA models and preference uncertainty (boa_model.c, boa_bayes.c, boa_accuracy.c, uncertainty.c) ---- */

static int new_model(void *made, const void *arg, parley_error *err)
{
    (void)made;
    parley_opponent_model *m = NULL;
    int rc = parley_opponent_model_new(arg, parley_scenario_space(shared_scenario), &m, err);
    static const uint32_t bids[3][2] = {{0, 0}, {0, 1}, {2, 1}};
    for (int b = 0; rc == PARLEY_OK && b < 3; b++)
        if ((rc = parley_opponent_model_observe(m, bids[b], 0.1 * b)) != PARLEY_OK)
            parley_error_set(err, rc, "out of memory");
    parley_model_accuracy acc;
    if (rc == PARLEY_OK)
        rc = parley_opponent_model_accuracy(m, parley_party_utility(shared_scenario, 1), 100, 1, &acc, err);
    parley_opponent_model_free(m);
    return rc;
}

static int ranking(void *made, const void *arg, parley_error *err)
{
    (void)made;
    uint32_t *ranked = NULL;
    size_t count = 0;
    int rc = parley_ranking_sample(parley_party_utility(shared_scenario, 0), *(const size_t *)arg, 7, &ranked, &count,
                                   err);
    free(ranked);
    return rc;
}

static int estimate(void *made, const void *arg, parley_error *err)
{
    (void)made;
    static const uint32_t ranked[4 * 2] = {2, 0, 0, 0, 1, 1, 1, 0};
    parley_utility *u = NULL;
    int rc = parley_utility_estimate(parley_scenario_space(shared_scenario), ranked, 4, *(const parley_estimator *)arg,
                                     &u, err);
    parley_utility_free(u);
    return rc;
}

static int uncertain(void *made, const void *arg, parley_error *err)
{
    (void)made;
    parley_scenario *out = NULL;
    int rc = parley_scenario_uncertain(shared_scenario, 0, 5, *(const parley_estimator *)arg, 3, &out, err);
    parley_scenario_free(out);
    return rc;
}

static int perfect_model(void *made, const void *arg, parley_error *err)
{
    (void)made, (void)arg;
    parley_opponent_model *m = parley_opponent_model_perfect(parley_party_utility(shared_scenario, 1));
    if (!m)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    parley_opponent_model_free(m);
    return PARLEY_OK;
}

/* The accuracy series of a model over party 0's offers in a negotiation run beforehand (boa_accuracy.c). */
static parley_negotiation *accuracy_negotiation;

static int accuracy_series(void *made, const void *arg, parley_error *err)
{
    (void)made;
    parley_model_accuracy out[4];
    double times[4];
    long n = parley_negotiation_model_accuracy(accuracy_negotiation, shared_scenario, 0, arg, 100, 4, out, times, err);
    return n < 0 ? (int)n : n == 4 ? PARLEY_OK : PARLEY_EINTERNAL;
}

static void test_model_accuracy_out_of_memory(void **state)
{
    (void)state;
    shared_scenario = probe_opposed_linear(2, 2);
    static const uint32_t script[3 * 2] = {0, 0, 1, 0, 0, 1};
    script_set(2, 3, script);
    accuracy_negotiation = probe_negotiation(shared_scenario, 12, 1, &script_agent, "", &script_agent, "");
    probe_run(accuracy_negotiation);
    static const char *const models[] = {"frequency", "smith", "bayes"};
    for (int k = 0; k < 3; k++) {
        struct call c = {models[k], NULL, accuracy_series, NULL, models[k]};
        assert_true(each_refusal_fails(&c, 0, "out of memory") >= 4);
    }
    parley_negotiation_free(accuracy_negotiation);
    parley_scenario_free(shared_scenario);
}

static void test_models_and_uncertainty_out_of_memory(void **state)
{
    (void)state;
    shared_scenario = probe_opposed_linear(2, 2);
    struct call perfect = {"perfect", NULL, perfect_model, NULL, NULL};
    assert_int_equal(each_refusal_fails(&perfect, 0, "out of memory"), 1);
    static const char *const models[] = {"frequency", "smith", "bayes"};
    for (int k = 0; k < 3; k++) {
        struct call c = {models[k], NULL, new_model, NULL, models[k]};
        assert_true(each_refusal_fails(&c, 0, "out of memory") >= 4);
    }
    static const size_t some = 5, all = 9; /* a sample of the 9 packages, and every one */
    struct call sample = {"ranking of 5", NULL, ranking, NULL, &some}, whole = {"ranking of 9", NULL, ranking, NULL, &all};
    assert_int_equal(each_refusal_fails(&sample, 0, "out of memory"), 3);
    assert_int_equal(each_refusal_fails(&whole, 0, "out of memory"), 3);
    static const parley_estimator how[2] = {PARLEY_ESTIMATE_FREQUENCY, PARLEY_ESTIMATE_LP};
    for (int k = 0; k < 2; k++) {
        struct call e = {parley_estimator_name(how[k]), NULL, estimate, NULL, &how[k]};
        assert_true(each_refusal_fails(&e, 0, "out of memory") >= 3);
        struct call u = {parley_estimator_name(how[k]), NULL, uncertain, NULL, &how[k]};
        assert_true(each_refusal_fails(&u, 0, "out of memory") >= 6);
    }
    parley_scenario_free(shared_scenario);
}

int main(void)
{
    (void)probe_find;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agents_out_of_memory),
        cmocka_unit_test(test_lazy_index_out_of_memory),
        cmocka_unit_test(test_three_parties_out_of_memory),
        cmocka_unit_test(test_agents_create_out_of_memory),
        cmocka_unit_test(test_models_and_uncertainty_out_of_memory),
        cmocka_unit_test(test_model_accuracy_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

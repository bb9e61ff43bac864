/*
 * agent_probe.h: what the agent tests of test_kill_agents6*.c share (header-only, cmocka included first):
 *   - a scenario from JSON text;
 *   - "script", a test agent that offers the packages of a script (the last one again once the script is done)
 *     and never accepts, calling a hook with its view at every move (so a test can call an agent's parts with
 *     a real view, recording what they answer: it asserts after the run, never inside a callback);
 *   - "wrapped", a built-in agent behind a thin vtable that keeps the state its create made, so a test can read
 *     it through an internal accessor before the negotiation is freed;
 *   - running two agents against each other and finding an event.
 */
#ifndef PARLEY_TESTS_AGENT_PROBE_H
#define PARLEY_TESTS_AGENT_PROBE_H

#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

static parley_scenario *probe_scenario(const char *json)
{
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_parse(json, strlen(json), "probe.json", &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return sc;
}

/*
 * `issues` integer issues 0..`max`, weighed equally by two parties: P0's utility rises with each value, P1's falls
 * (linear).  With 2^k issues of equal weight 1/2^k every utility is exact in binary.
 */
static parley_scenario *probe_opposed_linear(int issues, int max)
{
    size_t size = 512 + (size_t)issues * 256;
    char *text = malloc(size);
    if (!text)
        return NULL;
    strcpy(text, "{\"issues\": [");
    for (int i = 0; i < issues; i++)
        snprintf(text + strlen(text), size - strlen(text),
                 "%s{\"name\": \"i%d\", \"type\": \"integer\", \"min\": 0, \"max\": %d}", i ? ", " : "", i, max);
    strcat(text, "], \"parties\": [");
    for (int k = 0; k < 2; k++) {
        snprintf(text + strlen(text), size - strlen(text), "%s{\"name\": \"P%d\", \"preferences\": {",
                 k ? ", " : "", k);
        for (int i = 0; i < issues; i++)
            snprintf(text + strlen(text), size - strlen(text),
                     "%s\"i%d\": {\"weight\": %.17g, \"function\": {\"type\": \"linear\", \"at_min\": %d, "
                     "\"at_max\": %d}}", i ? ", " : "", i, 1.0 / issues, k, 1 - k);
        strcat(text, "}}");
    }
    strcat(text, "]}");
    parley_scenario *sc = probe_scenario(text);
    free(text);
    return sc;
}

/* The script: packages of `script_issues` values each, offered in turn. */
#define SCRIPT_MAX 8
static uint32_t script_offers[SCRIPT_MAX][32]; /* up to 32 issues */
static size_t script_count, script_issues;
static void (*script_hook)(parley_agent_view *v, long move);

static void script_set(size_t issues, size_t count, const uint32_t *packages)
{
    script_issues = issues;
    script_count = count;
    for (size_t k = 0; k < count; k++)
        memcpy(script_offers[k], packages + k * issues, issues * sizeof *packages);
    script_hook = NULL;
}

static int script_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    (void)v, (void)params, (void)err;
    *state = calloc(1, sizeof(long));
    return *state ? PARLEY_OK : PARLEY_ENOMEM;
}

static void script_destroy(void *state)
{
    free(state);
}

static int script_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    long *move = state;
    if (script_hook)
        script_hook(v, *move);
    size_t k = (size_t)*move < script_count ? (size_t)*move : script_count - 1;
    (*move)++;
    if (request != PARLEY_REQUEST_PROPOSE) {
        act->kind = PARLEY_ACT_REJECT;
        return PARLEY_OK;
    }
    act->kind = PARLEY_ACT_OFFER;
    memcpy(act->outcome, script_offers[k], script_issues * sizeof *act->outcome);
    return PARLEY_OK;
}

static const parley_agent_vtable script_agent = {PARLEY_AGENT_ABI, "script", "offers its script, accepts nothing",
                                                 script_create, script_destroy, script_act};

/* The built-in agent `wrapped_name` whose state stays readable in wrapped_state. */
static const char *wrapped_name;
static void *wrapped_state;

static int wrapped_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    int rc = parley_agent_builtin(wrapped_name)->create(v, params, state, err);
    wrapped_state = rc == PARLEY_OK ? *state : NULL;
    return rc;
}

static void wrapped_destroy(void *state)
{
    parley_agent_builtin(wrapped_name)->destroy(state);
}

static int wrapped_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    return parley_agent_builtin(wrapped_name)->act(state, v, request, act);
}

static const parley_agent_vtable wrapped_agent = {PARLEY_AGENT_ABI, "wrapped", "a built-in agent, its state kept",
                                                  wrapped_create, wrapped_destroy, wrapped_act};

/* A negotiation of `rounds` rounds and `seed` with agents a (params pa) and b (params pb) added, not run. */
static parley_negotiation *probe_negotiation(const parley_scenario *sc, long rounds, uint64_t seed,
                                             const parley_agent_vtable *a, const char *pa,
                                             const parley_agent_vtable *b, const char *pb)
{
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.rounds = rounds;
    cfg.seed = seed;
    parley_negotiation *neg = NULL;
    parley_error err;
    if (parley_negotiation_new(sc, &cfg, &neg, &err) != PARLEY_OK ||
        parley_negotiation_add_agent(neg, a, pa, &err) != PARLEY_OK ||
        parley_negotiation_add_agent(neg, b, pb, &err) != PARLEY_OK) {
        parley_negotiation_free(neg);
        fail_msg("%s", err.message);
    }
    return neg;
}

static void probe_run(parley_negotiation *neg)
{
    parley_error err;
    if (parley_negotiation_run(neg, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
}

/* Two script agents on a one-issue scenario, each offering x = `x` and calling `hook` at every move, negotiate for 2
   rounds (seed 1); the negotiation is run and freed (what the hook saw is what a test checks). */
static inline void probe_script_pair(const parley_scenario *sc, uint32_t x,
                                     void (*hook)(parley_agent_view *v, long move))
{
    script_set(1, 1, &x);
    script_hook = hook;
    parley_negotiation *neg = probe_negotiation(sc, 2, 1, &script_agent, "", &script_agent, "");
    probe_run(neg);
    parley_negotiation_free(neg);
}

/* The script (P0, as script_set and script_hook left it) against the built-in hardliner for 4 rounds (seed 1); the
   negotiation is run and freed (what the hook saw is what a test checks). */
static inline void probe_script_vs_hardliner(const parley_scenario *sc)
{
    parley_negotiation *neg = probe_negotiation(sc, 4, 1, &script_agent, "", parley_agent_builtin("hardliner"), "");
    probe_run(neg);
    parley_negotiation_free(neg);
}

/* The index of the first event of `kind` by `party` (-1 for any party), or -1. */
static long probe_find(const parley_negotiation *neg, parley_event_kind kind, long party, parley_event *out)
{
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        if (parley_negotiation_event(neg, i, &ev, NULL) == PARLEY_OK && ev.kind == kind &&
            (party < 0 || ev.party == party)) {
            if (out)
                *out = ev;
            return (long)i;
        }
    }
    return -1;
}

/* The offers `party` made, in order, in out[0..max) (views into the negotiation's events); returns how many it
   made (more than max: only the first max are kept). */
static inline size_t probe_offers(const parley_negotiation *neg, long party, parley_event *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
        if (ev.party == party && ev.kind == PARLEY_EVENT_OFFER && n++ < max)
            out[n - 1] = ev;
    }
    return n;
}

#endif

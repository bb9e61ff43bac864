/*
 * test_agents.c: the agent interface: shuttle mediation never shows one party's
 * messages to another, the engine refuses acceptances that break an agent's
 * red lines, walking away, agent specs and parameters, plug-in loading errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

#define DATA PARLEY_SOURCE_DIR "/tests/data/protocol/"

/* --- A spy: plays like a built-in agent and checks everything its view shows --- */

struct spy {
    const parley_agent_vtable *inner;
    void *inner_state;
    size_t own_private, foreign_private, texts;
};

static int spy_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    struct spy *s = calloc(1, sizeof *s);
    if (!s)
        return PARLEY_ENOMEM;
    s->inner = parley_agent_builtin(params[0] ? params : "linear");
    int rc = s->inner->create(v, "", &s->inner_state, err);
    if (rc) {
        free(s);
        return rc;
    }
    *state = s;
    return PARLEY_OK;
}

static void spy_destroy(void *state)
{
    struct spy *s = state;
    s->inner->destroy(s->inner_state);
    free(s);
}

static int spy_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct spy *s = state;
    long me = (long)parley_view_party(v);
    parley_event ev;
    s->own_private = s->foreign_private = s->texts = 0;
    for (size_t i = 0; i < parley_view_event_count(v); i++) {
        assert_int_equal(parley_view_event(v, i, &ev), PARLEY_OK);
        if (ev.to != PARLEY_EVERYONE) {
            if (ev.party == me || ev.to == me)
                s->own_private++;
            else
                s->foreign_private++;
        }
        if (ev.kind == PARLEY_EVENT_OFFER || ev.kind == PARLEY_EVENT_AMENDMENT || ev.kind == PARLEY_EVENT_VOTE)
            assert_true(ev.party == me || ev.party == PARLEY_MEDIATOR);
        if (ev.kind == PARLEY_EVENT_TEXT)
            s->texts++;
    }
    assert_int_equal(s->foreign_private, 0);
    /* beyond the end: refused */
    assert_int_equal(parley_view_event(v, parley_view_event_count(v), &ev), PARLEY_EINVAL);
    return s->inner->act(s->inner_state, v, request, act);
}

static const parley_agent_vtable spy_vt = {PARLEY_AGENT_ABI, "spy", "checks its view", spy_create, spy_destroy,
                                           spy_act};

/* --- A voter spy: plays like a built-in agent and records its votes on proposals exactly as good as the text --- */

static size_t equal_votes, equal_votes_refused;

static int voter_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct spy *s = state;
    int rc = s->inner->act(s->inner_state, v, request, act);
    const uint32_t *text = parley_view_text(v), *proposal = parley_view_proposal(v);
    if (rc == PARLEY_OK && request == PARLEY_REQUEST_VOTE && text && proposal && parley_view_feasible(v, proposal) &&
        parley_view_red_lines_hold(v, proposal) && parley_view_eval(v, proposal) == parley_view_eval(v, text)) {
        equal_votes++;
        equal_votes_refused += act->kind != PARLEY_ACT_ACCEPT;
    }
    return rc;
}

static const parley_agent_vtable voter_vt = {PARLEY_AGENT_ABI, "voter", "records its votes", spy_create, spy_destroy,
                                             voter_act};

/*
 * Single text without annealing: a party votes yes on a proposal worth at least
 * as much to it as the current text, so a proposal exactly as good (one that
 * only moves an issue the party gives no weight: y for A) gets its yes.
 */
static void votes_yes_when_indifferent(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 10},"
        " {\"name\": \"y\", \"type\": \"integer\", \"min\": 0, \"max\": 10}],"
        " \"parties\": [{\"name\": \"A\", \"preferences\": {"
        "  \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
        " {\"name\": \"B\", \"preferences\": {"
        "  \"x\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}},"
        "  \"y\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
        " {\"name\": \"M\", \"role\": \"mediator\"}]}";
    parley_scenario *sc = test_scenario_text(doc, "indifferent.json");
    parley_error err;
    equal_votes = equal_votes_refused = 0;
    for (uint64_t seed = 1; seed <= 5; seed++) {
        parley_session_config cfg;
        parley_negotiation *neg = NULL;
        parley_session_config_init(&cfg);
        cfg.protocol = PARLEY_PROTOCOL_SINGLE_TEXT;
        cfg.rounds = 60;
        cfg.seed = seed;
        assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_add_agent(neg, &voter_vt, "boulware", &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_add_agent(neg, &voter_vt, "boulware", &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
        parley_negotiation_free(neg);
    }
    if (equal_votes == 0)
        fail_msg("no proposal was exactly as good as the text for its voter: the check checked nothing");
    if (equal_votes_refused)
        fail_msg("%zu of %zu votes on a proposal exactly as good as the text were no", equal_votes_refused,
                 equal_votes);
    parley_scenario_free(sc);
}

static void shuttle_never_leaks(void **state)
{
    (void)state;
    const char *files[] = {DATA "three.json", DATA "redlines.json"};
    for (size_t f = 0; f < 2; f++) {
        parley_scenario *sc = test_scenario_load(files[f]);
        parley_session_config cfg;
        parley_error err;
        parley_negotiation *neg;
        parley_session_config_init(&cfg);
        cfg.protocol = PARLEY_PROTOCOL_SHUTTLE;
        cfg.sessions = 3;
        static const char *const venues[] = {"Cairo", "Doha"};
        cfg.venues = venues;
        cfg.venue_count = 2;
        assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
        const char *inner[] = {"boulware", "conceder", "linear"};
        for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++)
            assert_int_equal(parley_negotiation_add_agent(neg, &spy_vt, inner[k], &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
        /* the record holds private messages of every party (so the spies had something to find) */
        size_t n = parley_scenario_negotiator_count(sc), *private_by = calloc(n, sizeof *private_by);
        int cairo = 0, doha = 0;
        for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
            parley_event ev;
            parley_negotiation_event(neg, i, &ev, NULL);
            if (ev.party >= 0 && ev.to == PARLEY_MEDIATOR)
                private_by[ev.party]++;
            if (ev.kind == PARLEY_EVENT_AMENDMENT)
                for (size_t j = 0; j < ev.change_count; j++)
                    assert_true(strlen(ev.changes[j].reason) > 0);
            if (ev.kind == PARLEY_EVENT_SESSION_START) {
                cairo += strcmp(ev.venue, "Cairo") == 0;
                doha += strcmp(ev.venue, "Doha") == 0;
            }
        }
        for (size_t k = 0; k < n; k++)
            assert_true(private_by[k] > 0);
        assert_true(cairo >= 1);
        free(private_by);
        parley_negotiation_free(neg);
        parley_scenario_free(sc);
        (void)doha;
    }
}

/* --- Misbehaving agents --- */

static int plain_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    *state = NULL;
    return PARLEY_OK;
}
static void plain_destroy(void *state) { (void)state; }

/* Accepts whatever stands, offers its best otherwise. */
static int yes_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    act->kind = parley_view_standing_offer(v, NULL) ? PARLEY_ACT_ACCEPT : PARLEY_ACT_OFFER;
    return PARLEY_OK;
}
static const parley_agent_vtable yes_vt = {PARLEY_AGENT_ABI, "yes", "accepts anything", plain_create, plain_destroy,
                                           yes_act};

static int leave_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    act->kind = PARLEY_ACT_WALK_AWAY;
    return PARLEY_OK;
}
static const parley_agent_vtable leave_vt = {PARLEY_AGENT_ABI, "leave", "walks away", plain_create, plain_destroy,
                                             leave_act};

/*
 * redlines.json: Israel's red line is end_of_war == "no".  Israel's agent opens
 * with its best package (nothing stands yet); Hamas (conceder) answers with its
 * best, which has end_of_war "yes"; in round 2 (t = 1/99 of 100 rounds)
 * Israel's agent tries to accept it.  The engine refuses: a walk-away with the
 * reason, and each party gets its reservation value then: Israel's curve goes
 * from 0.3 at t=0 to 0.1 at t=1, so 0.3 - 0.2/99; Hamas 0.2.
 */
static void red_line_acceptance_refused(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "redlines.json");
    parley_session_config cfg;
    parley_error err;
    parley_negotiation *neg;
    parley_session_config_init(&cfg);
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent(neg, &yes_vt, "", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "conceder", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
    assert_false(parley_negotiation_agreed(neg));
    assert_string_equal(parley_negotiation_ending(neg), "walk_away");
    int found = 0;
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        parley_negotiation_event(neg, i, &ev, NULL);
        assert_int_not_equal(ev.kind, PARLEY_EVENT_ACCEPT);
        if (ev.kind == PARLEY_EVENT_WALK_AWAY) {
            assert_int_equal(ev.party, 0);
            assert_non_null(strstr(ev.detail, "red line 'no_end_of_war'"));
            found = 1;
        }
    }
    assert_true(found);
    assert_int_equal(parley_negotiation_rounds_used(neg), 2);
    assert_true(fabs(parley_negotiation_utility(neg, 0) - (0.3 - 0.2 / 99)) < 1e-12);
    assert_true(fabs(parley_negotiation_utility(neg, 1) - 0.2) < 1e-12);
    /* discounted: Israel d=0.8 at t=1/99 */
    assert_true(fabs(parley_negotiation_discounted_utility(neg, 0) - (0.3 - 0.2 / 99) * pow(0.8, 1 / 99.0)) < 1e-12);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

static void walking_away_gives_reservations(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "three.json");
    for (int p = 0; p <= PARLEY_PROTOCOL_SHUTTLE; p++) {
        parley_session_config cfg;
        parley_error err;
        parley_negotiation *neg;
        parley_session_config_init(&cfg);
        cfg.protocol = (parley_protocol_kind)p;
        assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_add_agent_spec(neg, "linear", &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_add_agent(neg, &leave_vt, "", &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_add_agent_spec(neg, "linear", &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
        assert_false(parley_negotiation_agreed(neg));
        assert_string_equal(parley_negotiation_ending(neg), p == PARLEY_PROTOCOL_SHUTTLE ? "collapse" : "walk_away");
        assert_true(fabs(parley_negotiation_utility(neg, 0) - 0.2) < 1e-12);
        assert_true(fabs(parley_negotiation_utility(neg, 1) - 0.2) < 1e-12);
        assert_true(fabs(parley_negotiation_utility(neg, 2) - 0.1) < 1e-12);
        assert_int_equal(parley_negotiation_rounds_used(neg), 1);
        parley_negotiation_free(neg);
    }
    parley_scenario_free(sc);
}

/* --- Specs, parameters, plug-ins --- */

static void specs_and_parameters(void **state)
{
    (void)state;
    parley_error err;
    char name[64];
    const char *params;
    static const char *const keys[] = {"e", "k", NULL};
    double x;
    assert_int_equal(parley_agent_spec_split("conceder:e=2:k=0.1", name, sizeof name, &params, &err), PARLEY_OK);
    assert_string_equal(name, "conceder");
    assert_string_equal(params, "e=2:k=0.1");
    assert_int_equal(parley_agent_spec_split("boulware", name, sizeof name, &params, &err), PARLEY_OK);
    assert_string_equal(params, "");
    assert_int_equal(parley_agent_spec_split(":e=1", name, sizeof name, &params, &err), PARLEY_EINVAL);
    assert_true(parley_agent_spec_is_plugin("./libmine.so"));
    assert_true(parley_agent_spec_is_plugin("mine.so"));
    assert_false(parley_agent_spec_is_plugin("tit-for-tat"));

    assert_int_equal(parley_agent_params_check("t", "e=2:k=0.1", keys, &err), PARLEY_OK);
    assert_int_equal(parley_agent_params_check("t", "", keys, &err), PARLEY_OK);
    assert_int_equal(parley_agent_params_check("t", "e", keys, &err), PARLEY_EINVAL);
    assert_int_equal(parley_agent_params_check("t", "e=1:", keys, &err), PARLEY_EINVAL);
    assert_int_equal(parley_agent_params_check("t", "e=", keys, &err), PARLEY_EINVAL);
    assert_int_equal(parley_agent_params_check("t", "z=1", keys, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "expected e, k"));
    assert_int_equal(parley_agent_param_double("t", "e=2:k=0.25", "k", 9, &x, &err), PARLEY_OK);
    assert_true(x == 0.25);
    assert_int_equal(parley_agent_param_double("t", "e=2", "k", 9, &x, &err), PARLEY_OK);
    assert_true(x == 9);
    assert_int_equal(parley_agent_param_double("t", "k=abc", "k", 9, &x, &err), PARLEY_EINVAL);
    assert_int_equal(parley_agent_param_double("t", "k=inf", "k", 9, &x, &err), PARLEY_EINVAL);

    for (const char *const *n = parley_agent_builtin_names(); *n; n++) {
        const parley_agent_vtable *vt = parley_agent_builtin(*n);
        assert_non_null(vt);
        assert_string_equal(vt->name, *n);
        assert_int_equal(vt->abi, PARLEY_AGENT_ABI);
    }
    assert_null(parley_agent_builtin("mediator"));
    /* tit-for-tat's window d is a whole number of moves in [1, 1000] */
    parley_scenario *sc = test_scenario_load(DATA "easy.json");
    parley_session_config cfg;
    parley_negotiation *neg = NULL;
    parley_session_config_init(&cfg);
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "tit-for-tat:d=1.5", &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "whole number"));
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "tit-for-tat:d=0", &err), PARLEY_EINVAL);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "tit-for-tat:d=1001", &err), PARLEY_EINVAL);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "tit-for-tat:d=2", &err), PARLEY_OK);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

static void plugin_errors(void **state)
{
    (void)state;
    parley_error err;
    parley_agent_plugin *p = NULL;
    assert_int_equal(parley_agent_plugin_load("/nonexistent/libagent.so", &p, &err), PARLEY_EINVAL);
    assert_null(p);
    assert_non_null(strstr(err.message, "cannot load"));
    /* a real library that is not an agent */
    assert_int_equal(parley_agent_plugin_load("libm.so.6", &p, &err), PARLEY_EINVAL);
    assert_null(p);
    assert_non_null(strstr(err.message, "parley_agent_entry"));
}

/* The ports that accept below their reservation value as their GENIUS originals do (docs/agents.md): agent-m
   takes the first offer on categorical issues whatever it is worth; agent-k, nice-tit-for-tat, the-fawkes and
   atlas3 accept by their own rules, which do not consult the reservation value. */
static int accepts_below_reservation(const char *name)
{
    static const char *const below[] = {"agent-m", "agent-k", "nice-tit-for-tat", "the-fawkes", "atlas3"};
    for (size_t i = 0; i < sizeof below / sizeof *below; i++)
        if (strcmp(name, below[i]) == 0)
            return 1;
    return 0;
}

/* Every built-in agent plays every protocol to a clean end (no crash, results within bounds). */
static void all_agents_all_protocols(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(DATA "redlines.json");
    const char *const *names = parley_agent_builtin_names();
    for (int p = 0; p <= PARLEY_PROTOCOL_SHUTTLE; p++)
        for (size_t a = 0; names[a]; a++)
            for (size_t b = 0; names[b]; b++) {
                parley_session_config cfg;
                parley_error err;
                parley_negotiation *neg;
                parley_session_config_init(&cfg);
                cfg.protocol = (parley_protocol_kind)p;
                cfg.rounds = 40;
                cfg.sessions = p == PARLEY_PROTOCOL_SHUTTLE ? 2 : 1;
                assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
                assert_int_equal(parley_negotiation_add_agent_spec(neg, names[a], &err), PARLEY_OK);
                assert_int_equal(parley_negotiation_add_agent_spec(neg, names[b], &err), PARLEY_OK);
                assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
                if (parley_negotiation_agreed(neg)) {
                    const uint32_t *deal = parley_negotiation_agreement(neg);
                    assert_true(parley_scenario_feasible(sc, deal));
                    for (size_t k = 0; k < 2; k++)
                        assert_true(accepts_below_reservation(names[k ? b : a])
                                        ? parley_scenario_red_lines_hold(sc, k, deal)
                                        : parley_scenario_acceptable_to(sc, k, deal, parley_negotiation_end_time(neg)));
                }
                assert_true(parley_negotiation_rounds_used(neg) <= 40);
                parley_negotiation_free(neg);
            }
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shuttle_never_leaks),
        cmocka_unit_test(red_line_acceptance_refused),
        cmocka_unit_test(walking_away_gives_reservations),
        cmocka_unit_test(votes_yes_when_indifferent),
        cmocka_unit_test(specs_and_parameters),
        cmocka_unit_test(plugin_errors),
        cmocka_unit_test(all_agents_all_protocols),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

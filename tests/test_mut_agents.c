/*
 * test_mut_agents.c: behaviours of the built-in agents that the generated mutants (tests/mutants) showed no
 * test pinned.  A built-in agent answering the shuttle mediator amends the text greedily, the change worth
 * most to it first: checked by a wrapper agent that computes each change's gain itself, from its utility of
 * the text with only that issue changed.  CUHK, once its threshold has come down to the best offer it received,
 * offers that one back (never the opponent's latest, worse, offer).  AgreeableAgent2018 on a domain of 9999
 * packages starts bidding with its opponent model at t = 0.3 (under 10000 packages), not 0.4.  AgentGG's partial
 * ranking is drawn with the session's seed, and before t = 0.2 it offers any package in its window (the first
 * drawn), not the one its opponent model likes best.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

#include "agents/anac_winners.h"
#include "test_util.h"

/* --- A wrapper: plays like a built-in agent and checks the order of its amendments --- */

struct wrapper {
    const parley_agent_vtable *inner;
    void *inner_state;
};

static size_t amendments_ordered, amendments_misordered;

static int wrapper_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    struct wrapper *w = calloc(1, sizeof *w);
    if (!w)
        return PARLEY_ENOMEM;
    w->inner = parley_agent_builtin(params);
    int rc = w->inner ? w->inner->create(v, "", &w->inner_state, err) : PARLEY_EINVAL;
    if (rc) {
        free(w);
        return rc;
    }
    *state = w;
    return PARLEY_OK;
}

static void wrapper_destroy(void *state)
{
    struct wrapper *w = state;
    w->inner->destroy(w->inner_state);
    free(w);
}

/* What setting `issue` of the text to `value` alone is worth to the agent (its utility is additive). */
static double change_gain(parley_agent_view *v, const uint32_t *text, uint32_t issue, uint32_t value)
{
    size_t issues = parley_space_issue_count(parley_view_space(v));
    uint32_t *changed = malloc(issues * sizeof *changed);
    assert_non_null(changed);
    memcpy(changed, text, issues * sizeof *changed);
    changed[issue] = value;
    double gain = parley_view_eval(v, changed) - parley_view_eval(v, text);
    free(changed);
    return gain;
}

static int order_checking_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct wrapper *w = state;
    int rc = w->inner->act(w->inner_state, v, request, act);
    const uint32_t *text = parley_view_text(v);
    if (rc != PARLEY_OK || request != PARLEY_REQUEST_RESPOND || act->kind != PARLEY_ACT_AMEND || !text ||
        act->change_count < 2)
        return rc;
    int misordered = 0, distinct = 0;
    for (size_t j = 0; j + 1 < act->change_count; j++) {
        double first = change_gain(v, text, act->changes[j].issue, act->changes[j].value);
        double next = change_gain(v, text, act->changes[j + 1].issue, act->changes[j + 1].value);
        misordered |= first < next - 1e-12;
        distinct |= first > next + 1e-12 || first < next - 1e-12;
    }
    if (misordered)
        amendments_misordered++;
    else if (distinct)
        amendments_ordered++;
    return rc;
}

static const parley_agent_vtable order_checking_vt = {PARLEY_AGENT_ABI, "order-checking",
                                                      "checks that its amendments come biggest gain first",
                                                      wrapper_create, wrapper_destroy, order_checking_act};

/*
 * Three issues weighted unequally, each with several values, so that an amendment changes issues whose gains
 * (weight times the value's difference) differ, and an order by anything else (the weight over the
 * difference, say) would put them the other way round.
 */
static void shuttle_amendments_biggest_gain_first(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"issues\": [{\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 10},"
        " {\"name\": \"b\", \"type\": \"integer\", \"min\": 0, \"max\": 10},"
        " {\"name\": \"c\", \"type\": \"integer\", \"min\": 0, \"max\": 10}],"
        " \"parties\": [{\"name\": \"P\", \"preferences\": {"
        "  \"a\": {\"weight\": 0.6, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
        "  \"b\": {\"weight\": 0.3, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
        "  \"c\": {\"weight\": 0.1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
        " {\"name\": \"Q\", \"preferences\": {"
        "  \"a\": {\"weight\": 0.2, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}},"
        "  \"b\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}},"
        "  \"c\": {\"weight\": 0.3, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}";
    parley_scenario *sc = test_scenario_text(doc, "unequal-weights.json");
    static const char *const agents[] = {"boulware", "linear", "conceder"};
    amendments_ordered = amendments_misordered = 0;
    for (size_t a = 0; a < 3; a++)
        for (uint64_t seed = 1; seed <= 3; seed++) {
            parley_session_config cfg;
            parley_negotiation *neg = NULL;
            parley_error err;
            parley_session_config_init(&cfg);
            cfg.protocol = PARLEY_PROTOCOL_SHUTTLE;
            cfg.sessions = 2;
            cfg.seed = seed;
            assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
            for (size_t k = 0; k < 2; k++)
                assert_int_equal(parley_negotiation_add_agent(neg, &order_checking_vt, agents[(a + k) % 3], &err),
                                 PARLEY_OK);
            assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
            parley_negotiation_free(neg);
        }
    parley_scenario_free(sc);
    if (amendments_ordered + amendments_misordered == 0)
        fail_msg("no amendment changed two issues of different gains: the check checked nothing");
    if (amendments_misordered)
        fail_msg("%zu of %zu amendments put a smaller gain before a bigger one", amendments_misordered,
                 amendments_misordered + amendments_ordered);
}

/* --- A scripted opponent: offers x = 8 first, then x = 3 until the end, never accepts --- */

static int scripted_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    (void)v, (void)params, (void)err;
    *state = NULL;
    return PARLEY_OK;
}

static void scripted_destroy(void *state) { (void)state; }

static int scripted_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    (void)state, (void)request;
    long proposer = -1;
    parley_view_standing_offer(v, &proposer);
    size_t mine = 0; /* its own offers so far */
    parley_event ev;
    for (size_t i = 0; i < parley_view_event_count(v); i++)
        if (parley_view_event(v, i, &ev) == PARLEY_OK && ev.kind == PARLEY_EVENT_OFFER &&
            ev.party == (long)parley_view_party(v))
            mine++;
    act->kind = PARLEY_ACT_OFFER;
    act->outcome[0] = mine == 0 ? 8 : 3;
    return PARLEY_OK;
}

static const parley_agent_vtable scripted_vt = {PARLEY_AGENT_ABI, "scripted", "x = 8, then x = 3", scripted_create,
                                                scripted_destroy, scripted_act};

/*
 * CUHK (party P, utility x / 10, discount 0.5) against the scripted opponent: its threshold starts at 1 and comes
 * down towards 0.5^0.52 = 0.70 by t = 0.48 (cuhk_threshold), so at round 1 it rejects x = 8 (0.8) and later,
 * when the threshold is under 0.8, offers that package back (the best it received).  It never offers anything
 * worth less than 0.69 to itself: not the opponent's standing x = 3.
 */
static void cuhk_offers_back_the_best_it_received(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 10}],"
        " \"parties\": [{\"name\": \"P\", \"discount\": 0.5, \"preferences\": {"
        "  \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
        " {\"name\": \"Q\", \"preferences\": {"
        "  \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}";
    parley_scenario *sc = test_scenario_text(doc, "cuhk-best-received.json");
    parley_session_config cfg;
    parley_negotiation *neg = NULL;
    parley_error err;
    parley_session_config_init(&cfg);
    cfg.rounds = 100;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "cuhk", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent(neg, &scripted_vt, "", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
    size_t offered_back = 0, offers = 0;
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
        if (ev.kind != PARLEY_EVENT_OFFER || ev.party != 0)
            continue;
        offers++;
        if (ev.outcome[0] < 7)
            fail_msg("round %ld: CUHK offered x = %u, worth %.1f to it, under its threshold", ev.round,
                     ev.outcome[0], ev.outcome[0] / 10.0);
        offered_back += ev.outcome[0] == 8;
    }
    assert_true(offers > 10);
    assert_true(offered_back > 0);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

/* --- A stubborn opponent: offers the same middling package (2, 2, 2) every time, never accepts --- */

static int stubborn_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    (void)state, (void)v, (void)request;
    act->kind = PARLEY_ACT_OFFER;
    act->outcome[0] = act->outcome[1] = act->outcome[2] = 2;
    return PARLEY_OK;
}

static const parley_agent_vtable stubborn_vt = {PARLEY_AGENT_ABI, "stubborn", "offers (2, 2, 2)", scripted_create,
                                                scripted_destroy, stubborn_act};

/*
 * AgentGG given a ranking of 4 of its 125 packages (agent-gg:ranking=4): the worst, the best and 2 others drawn
 * at random with the session's seed, as GENIUS's user model draws them.  Its importance map, hence the ratio it
 * sees in the stubborn opponent's package, hence whether (and when) it accepts that package against its
 * threshold or at its last call, depends on which 2 were drawn: over 10 seeds the outcome is not always the
 * same (measured: 3 of 10 end without agreement).  Drawn without the seed (say always the 2 next-worst), the
 * ranking and the outcome would be the same for every seed.
 */
static void agent_gg_ranking_drawn_with_the_seed(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"issues\": [{\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 4},"
        " {\"name\": \"b\", \"type\": \"integer\", \"min\": 0, \"max\": 4},"
        " {\"name\": \"c\", \"type\": \"integer\", \"min\": 0, \"max\": 4}],"
        " \"parties\": [{\"name\": \"P\", \"preferences\": {"
        "  \"a\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
        "  \"b\": {\"weight\": 0.3, \"values\": {\"0\": 0.2, \"1\": 1, \"2\": 0.6, \"3\": 0, \"4\": 0.4}},"
        "  \"c\": {\"weight\": 0.2, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}},"
        " {\"name\": \"Q\", \"preferences\": {"
        "  \"a\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}";
    parley_scenario *sc = test_scenario_text(doc, "agent-gg-ranking.json");
    long first = -2;
    int varies = 0;
    for (uint64_t seed = 1; seed <= 10; seed++) {
        parley_session_config cfg;
        parley_negotiation *neg = NULL;
        parley_error err;
        parley_session_config_init(&cfg);
        cfg.rounds = 200;
        cfg.seed = seed;
        assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_add_agent_spec(neg, "agent-gg:ranking=4", &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_add_agent(neg, &stubborn_vt, "", &err), PARLEY_OK);
        assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
        long accepted = parley_negotiation_agreed(neg) ? parley_negotiation_rounds_used(neg) : -1;
        if (first == -2)
            first = accepted;
        varies |= accepted != first;
        parley_negotiation_free(neg);
    }
    assert_true(varies);
    parley_scenario_free(sc);
}

/* --- A wrapper of AgreeableAgent2018: counts its offers in 0.3 <= t < 0.4 that are not the package nearest its
   target (what it offers before it uses its model) --- */

static size_t window_offers, window_off_nearest;

/* The package whose utility is nearest to u (GENIUS getBidNearUtility: the upper one on a tie) into out. */
static void nearest_package(parley_agent_view *v, double u, uint32_t *out)
{
    size_t count = parley_view_outcome_count(v);
    size_t above = parley_view_outcome_rank(v, u);
    if (above == count || above == 0) {
        parley_view_outcome_ranked(v, above ? count - 1 : 0, out);
        return;
    }
    double ub = parley_view_outcome_ranked(v, above - 1, out);
    double ua = parley_view_outcome_ranked(v, above, out);
    if (ua - u > u - ub)
        parley_view_outcome_ranked(v, above - 1, out);
}

static int model_window_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    struct wrapper *w = state;
    int rc = w->inner->act(w->inner_state, v, request, act);
    double t = parley_view_time(v);
    if (rc != PARLEY_OK || act->kind != PARLEY_ACT_OFFER || t < 0.3 || t >= 0.4)
        return rc;
    double best = parley_view_best_utility(v), worst = parley_view_worst_utility(v);
    double target = agreeable_target(t, worst, best);
    uint32_t nearest[3];
    nearest_package(v, target < 0.8 ? 0.8 : target, nearest);
    window_offers++;
    window_off_nearest += memcmp(act->outcome, nearest, sizeof nearest) != 0;
    return rc;
}

static const parley_agent_vtable model_window_vt = {PARLEY_AGENT_ABI, "model-window",
                                                    "counts offers off the nearest package", wrapper_create,
                                                    wrapper_destroy, model_window_act};

/*
 * 9 x 11 x 101 = 9999 packages: AgreeableAgent2018's time for using its model is 0.3 there (0.2 under 1000
 * packages, 0.3 under 10000, else 0.4).  P gives issue c no weight, so its best utility, still its target in
 * [0.3, 0.4), is that of 101 packages (a = 8, b = 0, any c).  Before its model time it offers the package
 * nearest the target (nearest_package: the first of those in its ranking); from then on it picks among them by
 * roulette on its frequency model of the opponent, who always offers c = 2: a package that is not the nearest.
 */
static void agreeable_uses_its_model_from_0_3_under_10000(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"issues\": [{\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 8},"
        " {\"name\": \"b\", \"type\": \"integer\", \"min\": 0, \"max\": 10},"
        " {\"name\": \"c\", \"type\": \"integer\", \"min\": 0, \"max\": 100}],"
        " \"parties\": [{\"name\": \"P\", \"preferences\": {"
        "  \"a\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
        "  \"b\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}},"
        " {\"name\": \"Q\", \"preferences\": {"
        "  \"c\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}";
    parley_scenario *sc = test_scenario_text(doc, "agreeable-9999.json");
    window_offers = window_off_nearest = 0;
    parley_session_config cfg;
    parley_negotiation *neg = NULL;
    parley_error err;
    parley_session_config_init(&cfg);
    cfg.rounds = 200;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent(neg, &model_window_vt, "agreeable-2018", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent(neg, &stubborn_vt, "", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    assert_true(window_offers > 10);
    if (window_off_nearest == 0)
        fail_msg("all %zu offers in [0.3, 0.4) were the package nearest the target: no model used", window_offers);
}

/*
 * AgentGG with the whole ranking, P indifferent to c (11 values): every package (a = 4, b = 0, any c) is at the
 * top of its window early on.  Before t = 0.2 GENIUS's AgentGG offers the first random package it draws in the
 * window, so its offers there spread over the values of c (measured: no value in more than 5 of 39); choosing
 * instead by its opponent model (the stubborn opponent always asks c = 2) offers c = 2 again and again.
 */
static void agent_gg_offers_randomly_before_0_2(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"issues\": [{\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 4},"
        " {\"name\": \"b\", \"type\": \"integer\", \"min\": 0, \"max\": 4},"
        " {\"name\": \"c\", \"type\": \"integer\", \"min\": 0, \"max\": 10}],"
        " \"parties\": [{\"name\": \"P\", \"preferences\": {"
        "  \"a\": {\"weight\": 0.6, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
        "  \"b\": {\"weight\": 0.4, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}},"
        " {\"name\": \"Q\", \"preferences\": {"
        "  \"c\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}";
    parley_scenario *sc = test_scenario_text(doc, "agent-gg-random.json");
    parley_session_config cfg;
    parley_negotiation *neg = NULL;
    parley_error err;
    parley_session_config_init(&cfg);
    cfg.rounds = 200;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "agent-gg", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent(neg, &stubborn_vt, "", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
    size_t times[11] = {0}, early = 0, most = 0;
    for (size_t i = 0; i < parley_negotiation_event_count(neg); i++) {
        parley_event ev;
        assert_int_equal(parley_negotiation_event(neg, i, &ev, NULL), PARLEY_OK);
        if (ev.kind != PARLEY_EVENT_OFFER || ev.party != 0 || ev.time >= 0.2 || ev.round < 2)
            continue;
        early++;
        if (++times[ev.outcome[2]] > most)
            most = times[ev.outcome[2]];
    }
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    assert_true(early >= 20);
    if (most > early / 2)
        fail_msg("%zu of AgentGG's %zu offers before t = 0.2 had the same value of c", most, early);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shuttle_amendments_biggest_gain_first),
        cmocka_unit_test(cuhk_offers_back_the_best_it_received),
        cmocka_unit_test(agent_gg_ranking_drawn_with_the_seed),
        cmocka_unit_test(agreeable_uses_its_model_from_0_3_under_10000),
        cmocka_unit_test(agent_gg_offers_randomly_before_0_2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

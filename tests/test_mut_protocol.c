/*
 * test_mut_protocol.c: protocol behaviours that the generated mutants (tests/mutants) showed no test pinned.
 * Live talks (src/protocol/live.c): an agent answers the text tabled even when it is the first and only one;
 * the mediator's drafting helper composes from each party's own position (the text with that party's
 * amendments), as the shuttle mediator does when it is given those positions directly.  The additive package
 * index (package_additive.c) says for which targets its answer still holds; no package lies in that range.
 * An agent whose red lines exclude every package is told so (-1) by its view's queries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

#include "agents/mediator.h"
#include "protocol/live.h"
#include "protocol/session_internal.h"
#include "random_numbers.h"
#include "test_util.h"

/* Two integer issues 0..10; P wants both high, Q wants both low, with different weights. */
static const char two_issues[] =
    "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 10},"
    " {\"name\": \"y\", \"type\": \"integer\", \"min\": 0, \"max\": 10}],"
    " \"parties\": [{\"name\": \"P\", \"preferences\": {"
    "  \"x\": {\"weight\": 0.7, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
    "  \"y\": {\"weight\": 0.3, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
    " {\"name\": \"Q\", \"preferences\": {"
    "  \"x\": {\"weight\": 0.4, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}},"
    "  \"y\": {\"weight\": 0.6, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}";

/*
 * The first text tabled is P's best package (x = 10, y = 10: utility 1 to P), and it is the only one: any
 * agent of P accepts it.  An answer to some other text (the record not replayed) would ask for changes.
 */
static void live_answer_to_the_only_text(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_text(two_issues, "two-issues.json");
    static const uint32_t best_for_p[2] = {10, 10};
    live_step step = {best_for_p, LIVE_NONE, NULL, 0};
    parley_change changes[2];
    static const char *const agents[] = {"boulware", "linear", "conceder"};
    for (size_t a = 0; a < 3; a++) {
        live_move move = {.changes = changes};
        parley_error err;
        assert_int_equal(live_respond(sc, 0, parley_agent_builtin(agents[a]), "", 1, 10, &step, 1, &move, &err),
                         PARLEY_OK);
        if (move.answer != LIVE_ACCEPT)
            fail_msg("%s answered its own best package, the only text, with %d (%zu changes; %s), not an accept",
                     agents[a], (int)move.answer, move.change_count, move.reason);
    }
    parley_scenario_free(sc);
}

/*
 * P asks for x = 9 and Q for y = 1 on the text (5, 5): the helper's draft is the one the shuttle mediator
 * composes (same seed, same time) from the positions (9, 5) and (5, 1) with those amendments.  A helper that
 * lost one party's position under the other's would compose from other positions.
 */
static void live_draft_composes_from_each_position(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_text(two_issues, "two-issues.json");
    static const uint32_t text[2] = {5, 5};
    parley_change p_asks = {.issue = 0, .value = 9}, q_asks = {.issue = 1, .value = 1};
    strcpy(p_asks.reason, "P needs more x");
    strcpy(q_asks.reason, "Q needs less y");
    live_step answers[2] = {{text, LIVE_AMEND, &p_asks, 1}, {text, LIVE_AMEND, &q_asks, 1}};
    parley_error err;
    int differs_from_text = 0;
    for (uint64_t seed = 1; seed <= 4; seed++) {
        for (int step = 1; step <= 3; step++) {
            double t = step / 4.0;
            uint32_t draft[2], expected[2];
            parley_change draft_changes[2], expected_changes[2];
            long count = live_draft(sc, seed, t, text, answers, draft, draft_changes, &err);
            assert_true(count >= 0);

            parley_mediator *m = NULL;
            assert_int_equal(parley_mediator_new(sc, 0, seed, &m, &err), PARLEY_OK);
            static const uint32_t p_position[2] = {9, 5}, q_position[2] = {5, 1};
            const uint32_t *positions[2] = {p_position, q_position};
            const parley_change *amendments[2] = {&p_asks, &q_asks};
            const size_t counts[2] = {1, 1};
            size_t expected_count = parley_mediator_compose(m, text, positions, amendments, counts, t, expected,
                                                            expected_changes);
            parley_mediator_free(m);

            assert_int_equal((size_t)count, expected_count);
            assert_memory_equal(draft, expected, sizeof draft);
            differs_from_text |= memcmp(expected, text, sizeof text) != 0;
        }
    }
    /* the positions moved the draft (so a lost position could show) */
    assert_true(differs_from_text);
    parley_scenario_free(sc);
}

/* Two parties with random additive utilities over 4 integer issues of 9-16 values (6561 to 65536 packages: above
   the size from which parley_package_index_build makes the additive index). */
static parley_scenario *random_additive_scenario(void)
{
    parley_space *s = parley_space_new();
    size_t issues = 4;
    char name[16];
    for (size_t i = 0; i < issues; i++) {
        snprintf(name, sizeof name, "i%zu", i);
        assert_int_equal(parley_space_add_integer(s, name, 0, 8 + (long)pick(8), 1, NULL), PARLEY_OK);
    }
    parley_scenario *sc = parley_scenario_new(s);
    for (unsigned p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        for (size_t i = 0; i < issues; i++) {
            parley_utility_set_weight(u, i, (uniform() + 0.05) / issues);
            for (uint32_t v = 0; v < parley_issue_value_count(s, i); v++)
                parley_utility_set_value(u, i, v, uniform());
        }
        snprintf(name, sizeof name, "P%u", p);
        assert_true(parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL) >= 0);
    }
    return sc;
}

/*
 * pindex_additive_at_least answers "the package of lowest utility at least the target" and says that the same
 * answer holds for every threshold (target - 1e-12) in (valid_from, valid_to].  So no package may be worth more
 * than valid_from and less than the threshold: the highest utility under the threshold, read off the sorted
 * index of every package, is at most valid_from (up to the halves' rounding), and valid_to is the answer.
 */
static void additive_answer_holds_where_it_says(void **state)
{
    (void)state;
    size_t hits_below = 0;
    for (int r = 0; r < 12; r++) {
        parley_scenario *sc = random_additive_scenario();
        parley_package_index *additive = NULL, *sorted = NULL;
        assert_int_equal(parley_package_index_build(sc, 0, 1, &additive, NULL), PARLEY_OK);
        assert_int_equal(pindex_build_sorted(sc, 0, 1, &sorted), PARLEY_OK);
        assert_true(additive->additive);
        double best = pindex_best(sorted), worst = pindex_worst(sorted);
        uint32_t out[8];
        for (int q = 0; q < 300; q++) {
            double target = worst + (best - worst) * uniform(), from, to;
            double u = pindex_additive_at_least(additive, target, out, &from, &to);
            assert_true(u >= target - 1e-12);
            assert_true(to == u);
            size_t i = pindex_rank(sorted, target); /* the first package worth at least the threshold */
            if (i == 0)
                continue;
            double highest_below = pindex_get(sorted, i - 1, out);
            if (highest_below > from + 1e-9)
                fail_msg("target %.17g: the answer %.17g is said to hold from %.17g, but a package is worth "
                         "%.17g, in between", target, u, from, highest_below);
            hits_below++;
        }
        parley_package_index_free(additive);
        parley_package_index_free(sorted);
        parley_scenario_free(sc);
    }
    assert_true(hits_below > 1000);
}

/* --- An agent that asks its view for packages, records the answers and walks away --- */

static double asked_at_least, asked_best, asked_worst;

static int asker_create(parley_agent_view *v, const char *params, void **state, parley_error *err)
{
    (void)v, (void)params, (void)err;
    *state = NULL;
    return PARLEY_OK;
}

static void asker_destroy(void *state) { (void)state; }

static int asker_act(void *state, parley_agent_view *v, parley_request request, parley_action *act)
{
    (void)state, (void)request;
    uint32_t out[2];
    asked_at_least = parley_view_outcome_at_least(v, 0.5, out);
    asked_best = parley_view_best_utility(v);
    asked_worst = parley_view_worst_utility(v);
    act->kind = PARLEY_ACT_WALK_AWAY;
    return PARLEY_OK;
}

static const parley_agent_vtable asker_vt = {PARLEY_AGENT_ABI, "asker", "asks its view and walks away",
                                             asker_create, asker_destroy, asker_act};

/* P's red line (x above 100, on an issue of 0..10) excludes every package: it has no acceptable one. */
static void no_acceptable_package_is_minus_one(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 10},"
        " {\"name\": \"y\", \"type\": \"integer\", \"min\": 0, \"max\": 10}],"
        " \"parties\": [{\"name\": \"P\", \"red_lines\": [{\"name\": \"impossible\", \"rule\": \"x > 100\"}],"
        "  \"preferences\": {"
        "  \"x\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
        "  \"y\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
        " {\"name\": \"Q\", \"preferences\": {"
        "  \"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}";
    parley_scenario *sc = test_scenario_text(doc, "impossible-red-line.json");
    parley_session_config cfg;
    parley_negotiation *neg = NULL;
    parley_error err;
    parley_session_config_init(&cfg);
    cfg.rounds = 4;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent(neg, &asker_vt, "", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "boulware", &err), PARLEY_OK);
    asked_at_least = asked_best = asked_worst = 0;
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
    assert_true(asked_at_least == -1);
    assert_true(asked_best == -1);
    assert_true(asked_worst == -1);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(live_answer_to_the_only_text),
        cmocka_unit_test(live_draft_composes_from_each_position),
        cmocka_unit_test(additive_answer_holds_where_it_says),
        cmocka_unit_test(no_acceptable_package_is_minus_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

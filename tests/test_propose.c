/*
 * test_propose.c: bridging proposals (parley/diagnose.h): the status of each
 * priority (met, partly met, given up), the check of amendments to a text
 * (each alone and all together, which red line breaks, who accepts), and the
 * proposal report of parley_propose_write (JSON parsed back with jansson, and
 * the human text) for the Nash, Kalai-Smorodinsky and egalitarian rules.
 * Expected values are worked out by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)
#define DATA(name) PARLEY_SOURCE_DIR "/tests/data/diagnose/" name

static parley_scenario *load(const char *path)
{
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_load(path, &sc, &err) != PARLEY_OK)
        fail_msg("%s: %s", path, err.message);
    return sc;
}

/*
 * One party, issues price 0..2 (values 1, 0.5, 0; weight 0.6), color red /
 * green / blue (0.2, 1, 0.2: two worst values; weight 0.4) and venue (weight
 * 0); a mediator.
 */
static parley_scenario *priority_scenario(void)
{
    parley_space *space = parley_space_new();
    const char *colors[] = {"red", "green", "blue"}, *venues[] = {"geneva", "doha"};
    assert_int_equal(parley_space_add_integer(space, "price", 0, 2, 1, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_categorical(space, "color", colors, 3, NULL), PARLEY_OK);
    assert_int_equal(parley_space_add_categorical(space, "venue", venues, 2, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(space);
    parley_utility *u = parley_utility_new(space);
    assert_int_equal(parley_utility_set_weight(u, 0, 0.6), PARLEY_OK);
    assert_int_equal(parley_utility_set_weight(u, 1, 0.4), PARLEY_OK);
    const double price[] = {1, 0.5, 0}, color[] = {0.2, 1, 0.2};
    for (uint32_t v = 0; v < 3; v++) {
        assert_int_equal(parley_utility_set_value(u, 0, v, price[v]), PARLEY_OK);
        assert_int_equal(parley_utility_set_value(u, 1, v, color[v]), PARLEY_OK);
    }
    assert_int_equal(parley_scenario_add_party(sc, "A", PARLEY_ROLE_PARTY, u, NULL), 0);
    assert_int_equal(parley_scenario_add_party(sc, "M", PARLEY_ROLE_MEDIATOR, NULL, NULL), 1);
    return sc;
}

/*
 * price 0 -> its best value: met; 1 -> between: partly; 2 -> worst: given up.
 * color green -> met; red and blue -> the worst (0.2): given up.  venue has
 * weight 0: met whatever the value.  A mediator has no priorities: met.
 */
static void test_priority_status(void **state)
{
    (void)state;
    parley_scenario *sc = priority_scenario();
    static const struct { uint32_t package[3]; parley_priority_status want[3]; } cases[] = {
        {{0, 1, 0}, {PARLEY_PRIORITY_MET, PARLEY_PRIORITY_MET, PARLEY_PRIORITY_MET}},
        {{1, 0, 1}, {PARLEY_PRIORITY_PARTLY, PARLEY_PRIORITY_GIVEN_UP, PARLEY_PRIORITY_MET}},
        {{2, 2, 0}, {PARLEY_PRIORITY_GIVEN_UP, PARLEY_PRIORITY_GIVEN_UP, PARLEY_PRIORITY_MET}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++)
        for (size_t i = 0; i < 3; i++) {
            assert_int_equal(parley_priority_of(sc, 0, cases[c].package, i), cases[c].want[i]);
            assert_int_equal(parley_priority_of(sc, 1, cases[c].package, i), PARLEY_PRIORITY_MET);
        }
    assert_string_equal(parley_priority_status_name(PARLEY_PRIORITY_MET), "met");
    assert_string_equal(parley_priority_status_name(PARLEY_PRIORITY_PARTLY), "partly met");
    assert_string_equal(parley_priority_status_name(PARLEY_PRIORITY_GIVEN_UP), "given up");
    assert_string_equal(parley_priority_status_name((parley_priority_status)7), "unknown");
    parley_scenario_free(sc);
}

/*
 * amend.json: x in {a, b, c}, y in 0..2.  Parties: A (index 0), mediator M
 * (1), B (2).  Constraints in scenario order: A1 (A: y <= 1) = 0, B1 (B:
 * x != a) = 1, the global G (x = c -> y >= 1) = 2.
 *   uA = 0.5 {a 1, b 0.5, c 0} + 0.5 (1 - y/2), reservation 0.2
 *   uB = 0.5 {a 0, b 0.5, c 1} + 0.5 y/2,       reservation 0.2
 * Text x=b, y=1: A 0.5, B 0.5, every rule holds: acceptable to both.
 *   1. y=2: breaks A1 (uA 0.25 would do, the red line does not): B alone
 *      accepts (0.75).  broken = {A1}, accepted_by = {B} = bit 2.
 *   2. x=a: breaks B1; A accepts (0.75).  broken = {B1}, accepted_by = bit 0.
 *   3. x=c: G holds (y = 1); uA = 0.25 >= 0.2, uB = 0.75: acceptable, both.
 *   4. y=0: uA = 0.75, uB = 0.25 >= 0.2, G holds (x = b): acceptable.
 *   all four: later amendments of an issue win: x=c, y=0 breaks G, so the
 *      text is infeasible: nobody accepts.
 */
static void test_amendments(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("amend.json"));
    assert_string_equal(parley_scenario_constraint(sc, 0)->name, "A1");
    assert_string_equal(parley_scenario_constraint(sc, 1)->name, "B1");
    assert_string_equal(parley_scenario_constraint(sc, 2)->name, "G");
    const uint32_t text[2] = {1, 1}; /* x=b, y=1 */
    const parley_amendment amendments[4] = {
        {1, 2, "more for B"}, {0, 0, NULL}, {0, 2, "a reason"}, {1, 0, NULL}};
    parley_amendment_effect effects[5];
    parley_error err;
    assert_int_equal(parley_amendments_check(sc, text, amendments, 4, effects, &err), PARLEY_OK);
    static const parley_amendment_effect want[5] = {
        /* acceptable_to_all, accepted_by, broken, breaks_global */
        {.acceptable_to_all = 0, .accepted_by = 1u << 2, .broken = 1u << 0, .breaks_global = 0},
        {.acceptable_to_all = 0, .accepted_by = 1u << 0, .broken = 1u << 1, .breaks_global = 0},
        {.acceptable_to_all = 1, .accepted_by = (1u << 0) | (1u << 2), .broken = 0, .breaks_global = 0},
        {.acceptable_to_all = 1, .accepted_by = (1u << 0) | (1u << 2), .broken = 0, .breaks_global = 0},
        {.acceptable_to_all = 0, .accepted_by = 0, .broken = 1u << 2, .breaks_global = 1},
    };
    for (size_t k = 0; k < 5; k++) {
        assert_int_equal(effects[k].acceptable_to_all, want[k].acceptable_to_all);
        assert_int_equal(effects[k].accepted_by, want[k].accepted_by);
        assert_int_equal(effects[k].broken, want[k].broken);
        assert_int_equal(effects[k].breaks_global, want[k].breaks_global);
    }

    /* 1 and 2 together: x=a, y=2 break A1 and B1; neither party accepts. */
    assert_int_equal(parley_amendments_check(sc, text, amendments, 2, effects, &err), PARLEY_OK);
    assert_int_equal(effects[2].broken, (1u << 0) | (1u << 1));
    assert_int_equal(effects[2].accepted_by, 0);
    assert_false(effects[2].acceptable_to_all);
    assert_false(effects[2].breaks_global);

    /* 3 and 4 are each fine, together (x=c, y=0) they break the global constraint. */
    assert_int_equal(parley_amendments_check(sc, text, amendments + 2, 2, effects, &err), PARLEY_OK);
    assert_true(effects[0].acceptable_to_all && effects[1].acceptable_to_all);
    assert_false(effects[2].acceptable_to_all);
    assert_true(effects[2].breaks_global);

    /* No amendment: effects[0] is the text itself. */
    assert_int_equal(parley_amendments_check(sc, text, NULL, 0, effects, &err), PARLEY_OK);
    assert_true(effects[0].acceptable_to_all);
    assert_int_equal(effects[0].accepted_by, (1u << 0) | (1u << 2));

    /* Values outside their issue are refused. */
    const parley_amendment bad_issue = {5, 0, NULL}, bad_value = {0, 3, NULL};
    assert_int_equal(parley_amendments_check(sc, text, &bad_issue, 1, effects, &err), PARLEY_EINVAL);
    assert_int_equal(parley_amendments_check(sc, text, &bad_value, 1, effects, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "amendment 1"));
    const uint32_t bad_text[2] = {1, 3};
    assert_int_equal(parley_amendments_check(sc, bad_text, amendments, 1, effects, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "'y'"));
    parley_scenario_free(sc);
}

/*
 * In a phased agreement a text is judged, as in the analysis, by expected
 * utilities under each party's trust.  phased.json (see test_diagnose.c):
 * A = x/8 + 0.25 [full], B = (4 - x)/8 + 0.2 [full], reservations 0.5.
 *   text (2, full): A 0.5 accepts, B 0.45 does not (stated utility: 0.75 each).
 *   x=1: A 0.375 does not, B 0.575 does.
 *   y=none: A 0.25, B 0.25: neither.
 *   x=1 and y=none: A 0.125, B 0.375: neither.
 */
static void test_amendments_phased(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("phased.json"));
    const uint32_t text[2] = {2, 1};
    const parley_amendment amendments[2] = {{0, 1, NULL}, {1, 0, NULL}};
    parley_amendment_effect effects[3];
    parley_error err;
    assert_int_equal(parley_amendments_check(sc, text, NULL, 0, effects, &err), PARLEY_OK);
    assert_false(effects[0].acceptable_to_all);
    assert_int_equal(effects[0].accepted_by, 1u << 0);
    assert_int_equal(parley_amendments_check(sc, text, amendments, 2, effects, &err), PARLEY_OK);
    assert_int_equal(effects[0].accepted_by, 1u << 1);
    assert_int_equal(effects[1].accepted_by, 0); /* y=none alone (x=2): A 0.25, B 0.25 */
    assert_int_equal(effects[2].accepted_by, 0);
    assert_int_equal(effects[2].broken, 0);
    parley_scenario_free(sc);
}

/* Writes the proposal as JSON into a temporary file and parses it back. */
static json_t *propose_json(const parley_scenario *sc, parley_solution_kind rule, const parley_analysis_options *options)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    parley_error err;
    int rc = parley_propose_write(sc, rule, options, 1, f, &err);
    if (rc != PARLEY_OK)
        fail_msg("parley_propose_write: %s", err.message);
    rewind(f);
    json_error_t jerr;
    json_t *root = json_loadf(f, 0, &jerr);
    fclose(f);
    if (!root)
        fail_msg("bad JSON at line %d: %s", jerr.line, jerr.text);
    return root;
}

static double number(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    assert_true(json_is_number(v));
    return json_number_value(v);
}

static const char *string(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    assert_true(json_is_string(v));
    return json_string_value(v);
}

/*
 * rules.json: deal in {p, n, e, k, t} (the venue has weight 0 for both), A's
 * reservation 0.2, B's 0.1; every deal is acceptable (A >= 0.25, B >= 0.15).
 *   deal  uA    uB    gains        product  min gain  Kalai min(gA/0.7, gB/0.9)
 *   p     0.9   0.15  0.7  0.05   0.035    0.05      0.0556
 *   n     0.7   0.47  0.5  0.37   0.185    0.37      0.4111
 *   e     0.62  0.52  0.42 0.42   0.1764   0.42      0.4667
 *   k     0.55  0.55  0.35 0.45   0.1575   0.35      0.5
 *   t     0.25  1.0   0.05 0.9    0.045    0.05      0.0714
 * (best A 0.9, best B 1.0: ranges 0.7 and 0.9.)  Nash: n (0.185); Kalai: k
 * (0.5); egalitarian: e (0.42); utilitarian welfare: t (1.25).  The venue
 * ties: the lowest outcome number, geneva.  Shares of the best gain: gain /
 * range.  Each party's only priority is the deal (weight 1): its best value
 * is met, its worst given up, the others partly met; the venue (weight 0) is
 * not listed.
 */
static void test_rules_json(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("rules.json"));
    static const struct {
        parley_solution_kind rule;
        const char *name, *deal, *status_a, *status_b;
        double value, ua, ub;
    } want[] = {
        {PARLEY_SOLUTION_NASH, "nash", "n", "partly met", "partly met", 0.185, 0.7, 0.47},
        {PARLEY_SOLUTION_KALAI, "kalai", "k", "partly met", "partly met", 0.5, 0.55, 0.55},
        {PARLEY_SOLUTION_EGALITARIAN, "egalitarian", "e", "partly met", "partly met", 0.42, 0.62, 0.52},
        {PARLEY_SOLUTION_WELFARE, "welfare", "t", "given up", "met", 1.25, 0.25, 1.0},
    };
    const double reservation[2] = {0.2, 0.1}, range[2] = {0.7, 0.9};
    for (size_t r = 0; r < sizeof want / sizeof *want; r++) {
        json_t *root = propose_json(sc, want[r].rule, NULL);
        assert_string_equal(string(root, "rule"), want[r].name);
        NEAR(number(root, "value"), want[r].value);
        json_t *package = json_object_get(root, "package");
        assert_string_equal(string(package, "deal"), want[r].deal);
        assert_string_equal(string(package, "venue"), "geneva");
        assert_null(json_object_get(root, "phases"));
        json_t *parties = json_object_get(root, "parties");
        assert_int_equal(json_array_size(parties), 2);
        const double u[2] = {want[r].ua, want[r].ub};
        const char *status[2] = {want[r].status_a, want[r].status_b};
        for (size_t k = 0; k < 2; k++) {
            json_t *p = json_array_get(parties, k);
            assert_string_equal(string(p, "name"), k ? "B" : "A");
            NEAR(number(p, "utility"), u[k]);
            NEAR(number(p, "reservation"), reservation[k]);
            NEAR(number(p, "gain"), u[k] - reservation[k]);
            NEAR(number(p, "share_of_best_gain"), (u[k] - reservation[k]) / range[k]);
            json_t *priorities = json_object_get(p, "priorities");
            assert_int_equal(json_array_size(priorities), 1);
            json_t *item = json_array_get(priorities, 0);
            assert_string_equal(string(item, "issue"), "deal");
            NEAR(number(item, "weight"), 1);
            assert_string_equal(string(item, "value"), want[r].deal);
            NEAR(number(item, "value_utility"), u[k]);
            assert_string_equal(string(item, "status"), status[k]);
        }
        json_decref(root);
    }
    parley_scenario_free(sc);
}

/*
 * phased.json under a guarantee of 1 (see test_diagnose.c): uA = x/8 + 0.5,
 * uB = (4 - x)/8 + 0.5 on (x, full), reservations 0.5: gains x/8 and
 * (4 - x)/8, all maximised in the middle: Nash (x = 2, full), product 0.0625;
 * Kalai (ranges 0.5 each) 0.5; egalitarian 0.25.  The phases: one (6 weeks,
 * x = 2), two (4 weeks, y = full).  Priorities by the stated preferences: x
 * at 2 is partly met for both (values 0.5), y = full met for both.
 */
static void test_phased_proposal(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("phased.json"));
    parley_analysis_options options = {0};
    options.use_guarantee = 1;
    options.guarantee = 1.0;
    static const struct { parley_solution_kind rule; double value; } want[] = {
        {PARLEY_SOLUTION_NASH, 0.0625}, {PARLEY_SOLUTION_KALAI, 0.5}, {PARLEY_SOLUTION_EGALITARIAN, 0.25}};
    for (size_t r = 0; r < 3; r++) {
        json_t *root = propose_json(sc, want[r].rule, &options);
        NEAR(number(root, "value"), want[r].value);
        json_t *package = json_object_get(root, "package");
        assert_int_equal(json_integer_value(json_object_get(package, "x")), 2);
        assert_string_equal(string(package, "y"), "full");
        json_t *phases = json_object_get(root, "phases");
        assert_int_equal(json_array_size(phases), 2);
        json_t *one = json_array_get(phases, 0), *two = json_array_get(phases, 1);
        assert_string_equal(string(one, "name"), "one");
        NEAR(number(one, "weeks"), 6);
        assert_int_equal(json_object_size(json_object_get(one, "issues")), 1);
        assert_non_null(json_object_get(json_object_get(one, "issues"), "x"));
        assert_string_equal(string(two, "name"), "two");
        NEAR(number(two, "weeks"), 4);
        assert_string_equal(string(json_object_get(two, "issues"), "y"), "full");
        json_t *parties = json_object_get(root, "parties");
        for (size_t k = 0; k < 2; k++) {
            json_t *p = json_array_get(parties, k);
            NEAR(number(p, "utility"), 0.75);
            NEAR(number(p, "gain"), 0.25);
            NEAR(number(p, "share_of_best_gain"), 0.5);
            json_t *priorities = json_object_get(p, "priorities");
            assert_int_equal(json_array_size(priorities), 2);
            for (size_t i = 0; i < 2; i++) {
                json_t *item = json_array_get(priorities, i);
                int is_x = strcmp(string(item, "issue"), "x") == 0;
                assert_string_equal(string(item, "status"), is_x ? "partly met" : "met");
            }
        }
        json_decref(root);
    }
    /* Under the stated trust there is no zone (test_diagnose.c): nothing to table, said as an answer. */
    FILE *f = tmpfile();
    parley_error err;
    assert_int_equal(parley_propose_write(sc, PARLEY_SOLUTION_NASH, NULL, 1, f, &err), PARLEY_OK);
    rewind(f);
    json_error_t jerr;
    json_t *none = json_loadf(f, 0, &jerr);
    assert_non_null(none);
    assert_true(json_is_false(json_object_get(none, "zone")));
    assert_string_equal(json_string_value(json_object_get(none, "rule")), "nash");
    assert_non_null(strstr(json_string_value(json_object_get(none, "next")), "parley diagnose"));
    json_decref(none);
    fclose(f);
    parley_scenario_free(sc);
}

/* The human report: the rule's name, the package and each party's explanation. */
static void test_text_report(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("rules.json"));
    FILE *f = tmpfile();
    parley_error err;
    assert_int_equal(parley_propose_write(sc, PARLEY_SOLUTION_KALAI, NULL, 0, f, &err), PARLEY_OK);
    char text[8192];
    rewind(f);
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_non_null(strstr(text, "Kalai-Smorodinsky"));
    assert_non_null(strstr(text, " k\n")); /* the value of a categorical issue, unquoted */
    /* A: 0.55, gain 0.35, 50% of its best gain (0.35 / 0.7); B: 0.45 / 0.9 = 50% too */
    assert_non_null(strstr(text, "A: utility 0.5500, reservation 0.2000, gain 0.3500 (50%"));
    assert_non_null(strstr(text, "B: utility 0.5500, reservation 0.1000, gain 0.4500 (50%"));
    assert_non_null(strstr(text, "partly met"));
    /* An unknown rule is refused. */
    f = tmpfile();
    assert_int_equal(parley_propose_write(sc, (parley_solution_kind)9, NULL, 0, f, &err), PARLEY_EINVAL);
    fclose(f);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_priority_status), cmocka_unit_test(test_amendments),
        cmocka_unit_test(test_amendments_phased),
        cmocka_unit_test(test_rules_json),      cmocka_unit_test(test_phased_proposal),
        cmocka_unit_test(test_text_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

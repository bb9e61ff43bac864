/*
 * test_phases.c: phased agreements and time (parley/scenario.h,
 * parley/analysis.h): the JSON `phases` array and per-party `trust` (parsing
 * and every error), fallbacks, the probability that a phase is carried out
 * and the expected utilities built from it, deep copies, removing a
 * constraint, the round trip through parley_scenario_write and back, and the
 * reservation curve read at a given time by the analysis and the diagnosis.
 * Expected values are worked out by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

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

static parley_scenario *parse(const char *text)
{
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_parse(text, strlen(text), "inline.json", &sc, &err) != PARLEY_OK)
        fail_msg("inline.json: at %s: %s", err.path, err.message);
    return sc;
}

/*
 * phases3.json: x {lo, hi} in phase one, y {none, some, all} in phase two
 * (fallback none), z {no, yes} in phase three (fallback no, 2.5 weeks), w
 * {p, q} in no phase.  A trusts two at 0.6 and three at 0.5; B states no
 * trust (1); M is a mediator.  Constraints in scenario order: the phase-two
 * condition talks (global), A's some_y, B's not_all, the global g.
 */
static void test_parse_phases(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("phases3.json"));
    assert_int_equal(parley_scenario_phase_count(sc), 3);
    static const char *const names[] = {"one", "two", "three"};
    static const double weeks[] = {6, 6, 2.5};
    for (size_t p = 0; p < 3; p++) {
        assert_string_equal(parley_phase_name(sc, p), names[p]);
        NEAR(parley_phase_weeks(sc, p), weeks[p]);
        const size_t *issues;
        assert_int_equal(parley_phase_issues(sc, p, &issues), 1);
        assert_int_equal(issues[0], p); /* x, y, z in order */
        assert_int_equal(parley_issue_phase(sc, p), (long)p);
        assert_int_equal(parley_scenario_find_phase(sc, names[p]), (long)p);
    }
    assert_int_equal(parley_issue_phase(sc, 3), -1); /* w */
    assert_int_equal(parley_scenario_find_phase(sc, "four"), -1);
    /* fallbacks: y none (0), z no (0); x and w keep the default, their first value */
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(parley_scenario_fallback(sc, i), 0);
    /* trust: A (0) 0.6 and 0.5; B (2) and the mediator (1) 1 */
    NEAR(parley_scenario_trust(sc, 0, 1), 0.6);
    NEAR(parley_scenario_trust(sc, 0, 2), 0.5);
    NEAR(parley_scenario_trust(sc, 0, 0), 1);
    NEAR(parley_scenario_trust(sc, 2, 1), 1);
    NEAR(parley_scenario_trust(sc, 2, 2), 1);
    /* the phase condition is a global constraint, first (phases are read before parties) */
    assert_int_equal(parley_scenario_constraint_count(sc), 4);
    static const struct { const char *name; long party; } cons[] = {
        {"talks", -1}, {"some_y", 0}, {"not_all", 2}, {"g", -1}};
    for (size_t c = 0; c < 4; c++) {
        assert_string_equal(parley_scenario_constraint(sc, c)->name, cons[c].name);
        assert_int_equal(parley_scenario_constraint(sc, c)->party, cons[c].party);
    }
    assert_string_equal(parley_scenario_constraint(sc, 0)->source, "s1");
    assert_string_equal(parley_scenario_constraint(sc, 0)->why, "talks need a truce");
    parley_scenario_free(sc);
}

/* A scenario with two phases, completed by the pieces under test. */
static char *scenario_text(const char *phases, const char *a_extra, const char *m_extra)
{
    static const char fmt[] =
        "{\"issues\": [{\"name\": \"x\", \"type\": \"categorical\", \"values\": [\"lo\", \"hi\"]},\n"
        "              {\"name\": \"y\", \"type\": \"integer\", \"min\": 0, \"max\": 2}],\n"
        " \"phases\": %s,\n"
        " \"parties\": [\n"
        "  {\"name\": \"A\", \"preferences\": {\"x\": {\"weight\": 1, \"values\": {\"lo\": 0, \"hi\": 1}}}%s},\n"
        "  {\"name\": \"M\", \"role\": \"mediator\"%s},\n"
        "  {\"name\": \"B\", \"preferences\": {\"x\": {\"weight\": 1, \"values\": {\"lo\": 1, \"hi\": 0}}}}]}\n";
    size_t size = sizeof fmt + strlen(phases) + strlen(a_extra) + strlen(m_extra);
    char *text = malloc(size);
    assert_non_null(text);
    snprintf(text, size, fmt, phases, a_extra, m_extra);
    return text;
}

static const char good_phases[] =
    "[{\"name\": \"one\", \"weeks\": 6, \"issues\": [\"x\"]}, "
    "{\"name\": \"two\", \"weeks\": 6, \"issues\": [\"y\"], \"fallback\": {\"y\": 1}}]";

/* Parses and expects a failure at `path` whose message contains `message`. */
static void expect_error(const char *phases, const char *a_extra, const char *m_extra, const char *path,
                         const char *message)
{
    char *text = scenario_text(phases, a_extra, m_extra);
    parley_scenario *sc = NULL;
    parley_error err;
    int rc = parley_scenario_parse(text, strlen(text), "bad.json", &sc, &err);
    if (rc == PARLEY_OK)
        fail_msg("accepted: %s", text);
    assert_int_equal(rc, PARLEY_EINVAL);
    assert_null(sc);
    assert_string_equal(err.file, "bad.json");
    if (strcmp(err.path, path) != 0 || !strstr(err.message, message))
        fail_msg("got '%s: %s', expected '%s: ...%s...'", err.path, err.message, path, message);
    free(text);
}

static void test_parse_errors(void **state)
{
    (void)state;
    /* the template itself is fine: y's fallback is the number 1 */
    char *text = scenario_text(good_phases, ", \"trust\": {\"two\": 0.25}", "");
    parley_scenario *sc = parse(text);
    free(text);
    assert_int_equal(parley_scenario_fallback(sc, 1), 1);
    NEAR(parley_scenario_trust(sc, 0, 1), 0.25);
    parley_scenario_free(sc);

    /* an unknown issue in a phase */
    expect_error("[{\"name\": \"one\", \"issues\": [\"x\", \"nope\"]}]", "", "", "phases[0].issues[1]",
                 "expected the name of an issue");
    expect_error("[{\"name\": \"one\", \"issues\": [3]}]", "", "", "phases[0].issues[0]", "expected the name of an issue");
    /* an issue in two phases */
    expect_error("[{\"name\": \"one\", \"issues\": [\"x\"]}, {\"name\": \"two\", \"issues\": [\"y\", \"x\"]}]", "", "",
                 "phases[1]", "issue 'x' is already in phase 'one'");
    /* a phase named twice, without a name, with negative weeks, with an unknown field, not an object */
    expect_error("[{\"name\": \"one\", \"issues\": [\"x\"]}, {\"name\": \"one\", \"issues\": [\"y\"]}]", "", "",
                 "phases[1]", "phase 'one' is defined twice");
    expect_error("[{\"issues\": [\"x\"]}]", "", "", "phases[0].name", "");
    expect_error("[{\"name\": \"one\", \"weeks\": -1, \"issues\": [\"x\"]}]", "", "", "phases[0]", "weeks must be >= 0");
    expect_error("[{\"name\": \"one\", \"issues\": [\"x\"], \"length\": 3}]", "", "", "phases[0].length", "");
    expect_error("[7]", "", "", "phases[0]", "expected a phase object");
    /* an unknown phase in trust */
    expect_error(good_phases, ", \"trust\": {\"three\": 0.5}", "", "parties[0].trust.three", "unknown phase 'three'");
    /* trust outside [0,1], or not a number */
    expect_error(good_phases, ", \"trust\": {\"two\": 1.5}", "", "parties[0].trust.two", "probability in [0,1]");
    expect_error(good_phases, ", \"trust\": {\"two\": -0.1}", "", "parties[0].trust.two", "probability in [0,1]");
    expect_error(good_phases, ", \"trust\": {\"two\": \"high\"}", "", "parties[0].trust.two", "probability in [0,1]");
    expect_error(good_phases, ", \"trust\": [0.5]", "", "parties[0].trust", "expected {phase name: probability}");
    /* a mediator states no trust */
    expect_error(good_phases, "", ", \"trust\": {\"two\": 0.5}", "parties[1]", "a discount or trust (they belong to parties)");
    /* a fallback for an issue not in the phase, an unknown issue, a value the issue does not have */
    expect_error("[{\"name\": \"one\", \"issues\": [\"x\"]}, {\"name\": \"two\", \"issues\": [\"y\"], "
                 "\"fallback\": {\"x\": \"lo\"}}]",
                 "", "", "phases[1].fallback.x", "'x' is not an issue of phase 'two'");
    expect_error("[{\"name\": \"one\", \"issues\": [\"x\"], \"fallback\": {\"q\": 1}}]", "", "", "phases[0].fallback.q",
                 "'q' is not an issue of phase 'one'");
    expect_error("[{\"name\": \"one\", \"issues\": [\"x\"]}, {\"name\": \"two\", \"issues\": [\"y\"], "
                 "\"fallback\": {\"y\": 7}}]",
                 "", "", "phases[1].fallback.y", "expected a value of issue 'y'");
    expect_error("[{\"name\": \"one\", \"issues\": [\"x\"], \"fallback\": {\"x\": \"middle\"}}]", "", "",
                 "phases[0].fallback.x", "expected a value of issue 'x'");
    /* a phase condition naming an unknown issue */
    expect_error("[{\"name\": \"one\", \"issues\": [\"x\"], \"conditions\": [{\"name\": \"c\", \"rule\": \"v > 1\"}]}]",
                 "", "", "phases[0].conditions[0].rule", "unknown issue 'v'");
}

/* The API behind the format refuses the same mistakes. */
static void test_api_errors(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("phases3.json"));
    parley_error err;
    const size_t w = 3, x = 0, bad = 9;
    assert_int_equal(parley_scenario_add_phase(sc, "four", 1, &x, 1, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "issue 'x' is already in phase 'one'"));
    assert_int_equal(parley_scenario_add_phase(sc, "two", 1, &w, 1, &err), PARLEY_EINVAL);
    assert_int_equal(parley_scenario_add_phase(sc, "", 1, &w, 1, &err), PARLEY_EINVAL);
    assert_int_equal(parley_scenario_add_phase(sc, "four", -2, &w, 1, &err), PARLEY_EINVAL);
    assert_int_equal(parley_scenario_add_phase(sc, "four", 1, &bad, 1, &err), PARLEY_EINVAL);
    assert_int_equal(parley_scenario_phase_count(sc), 3);
    assert_int_equal(parley_scenario_set_trust(sc, 0, 1, 1.01), PARLEY_EINVAL);
    assert_int_equal(parley_scenario_set_trust(sc, 0, 1, NAN), PARLEY_EINVAL);
    assert_int_equal(parley_scenario_set_trust(sc, 7, 1, 0.5), PARLEY_EINVAL);
    NEAR(parley_scenario_trust(sc, 0, 1), 0.6); /* unchanged */
    assert_int_equal(parley_scenario_set_fallback(sc, 1, 3), PARLEY_EINVAL); /* y has 3 values */
    assert_int_equal(parley_scenario_set_fallback(sc, 4, 0), PARLEY_EINVAL);
    /* w was free: a fourth phase takes it */
    assert_int_equal(parley_scenario_add_phase(sc, "four", 1, &w, 1, &err), PARLEY_OK);
    assert_int_equal(parley_issue_phase(sc, w), 3);
    parley_scenario_free(sc);
}

/*
 * A's carry probabilities: phase one 1, two 0.6, three 0.6 * 0.5 = 0.3; with
 * a guarantee g: 1, g, g^2.  B (no trust stated): 1 everywhere.
 * A's expected value tables (issue of phase p: P v(x) + (1 - P) v(fallback)):
 *   x (phase one) unchanged: lo 0, hi 1;  w (no phase) unchanged: p 0, q 1
 *   y: 0.6 v + 0.4 v(none) = 0.6 v: none 0, some 0.3, all 0.6
 *   z: 0.3 v + 0.7 v(no) = 0.3 v + 0.14: no 0.2, yes 0.44
 * Weights 0.4, 0.3, 0.2, 0.1:
 *   (hi, all, yes, q) = 0.4 + 0.18 + 0.088 + 0.1 = 0.768
 *   (lo, some, no, p) = 0 + 0.09 + 0.04 + 0 = 0.13
 * Guarantee 0.5: y 0.5 v; z 0.25 v + 0.15 (yes 0.4):
 *   (hi, all, yes, q) = 0.4 + 0.15 + 0.08 + 0.1 = 0.73
 * Guarantee 1: the stated utility, (hi, all, yes, q) = 1.
 */
static void test_expected_utility(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("phases3.json"));
    NEAR(parley_scenario_carry_probability(sc, 0, 0, -1), 1);
    NEAR(parley_scenario_carry_probability(sc, 0, 1, -1), 0.6);
    NEAR(parley_scenario_carry_probability(sc, 0, 2, -1), 0.3);
    NEAR(parley_scenario_carry_probability(sc, 0, 1, 0.5), 0.5);
    NEAR(parley_scenario_carry_probability(sc, 0, 2, 0.5), 0.25);
    NEAR(parley_scenario_carry_probability(sc, 0, 2, 1), 1);
    NEAR(parley_scenario_carry_probability(sc, 0, 2, 0), 0);
    NEAR(parley_scenario_carry_probability(sc, 2, 2, -1), 1);

    parley_utility *u = parley_scenario_expected_utility(sc, 0, -1);
    assert_non_null(u);
    static const double want[4][3] = {{0, 1, -1}, {0, 0.3, 0.6}, {0.2, 0.44, -1}, {0, 1, -1}};
    for (size_t i = 0; i < 4; i++)
        for (uint32_t v = 0; v < 3 && want[i][v] >= 0; v++)
            NEAR(parley_utility_value(u, i, v), want[i][v]);
    NEAR(parley_utility_weight(u, 0), 0.4);
    NEAR(parley_utility_weight(u, 3), 0.1);
    NEAR(parley_utility_reservation(u), 0.1);
    NEAR(parley_utility_discount(u), 0.9);
    const uint32_t best[4] = {1, 2, 1, 1}, low[4] = {0, 1, 0, 0};
    NEAR(parley_utility_eval(u, best), 0.768);
    NEAR(parley_utility_eval(u, low), 0.13);
    parley_utility_free(u);

    u = parley_scenario_expected_utility(sc, 0, 0.5);
    NEAR(parley_utility_eval(u, best), 0.73);
    parley_utility_free(u);
    u = parley_scenario_expected_utility(sc, 0, 1);
    NEAR(parley_utility_eval(u, best), 1);
    parley_utility_free(u);

    /* B: a plain copy of its stated utility */
    u = parley_scenario_expected_utility(sc, 2, -1);
    for (size_t i = 0; i < 4; i++)
        for (uint32_t v = 0; v < parley_issue_value_count(parley_scenario_space(sc), i); v++)
            NEAR(parley_utility_value(u, i, v), parley_utility_value(parley_party_utility(sc, 2), i, v));
    parley_utility_free(u);
    parley_scenario_free(sc);
}

/*
 * The analysis uses the expected utilities.  phases3.json read at time 1
 * (B's reservation curve 0.6 -> 0.2 gives 0.2):
 *   feasible: talks (y != none -> x = hi) and g (z = yes -> y != none):
 *     y none: x any, z no: 2 x 2 (w) = 4; y some/all: x hi, z any: 2 x 2 x 2 = 8.
 *   A's some_y and B's not_all leave y = some, so x = hi; B gets
 *     0.5 * 0 + 0.5 * 0.5 = 0.25 >= 0.2; A (expected) >= 0.4 + 0.09 > 0.1.
 *     Zone: z and w free: 4.
 *   Nash: B's gain is 0.05 on all four; A's expected utility is largest at
 *     z yes, w q: 0.4 + 0.09 + 0.088 + 0.1 = 0.678 (stated: 0.85).
 * At time 0 (B needs 0.6: only (lo, none), where some_y fails): zone 0.
 */
static void test_analysis_uses_expected_utilities(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("phases3.json"));
    parley_analysis_options options = {0};
    options.time = 1;
    parley_analysis *a = NULL;
    parley_error err;
    assert_int_equal(parley_analyze(sc, &options, &a, &err), PARLEY_OK);
    assert_int_equal(parley_analysis_outcomes(a), 24);
    assert_int_equal(parley_analysis_feasible(a), 12);
    assert_int_equal(parley_analysis_acceptable(a), 4);
    NEAR(parley_analysis_reservation(a, 1), 0.2);
    const uint32_t *outcome;
    const double *u;
    assert_int_equal(parley_analysis_solution(a, PARLEY_SOLUTION_NASH, &outcome, &u, NULL), PARLEY_OK);
    const uint32_t want[4] = {1, 1, 1, 1};
    assert_memory_equal(outcome, want, sizeof want);
    NEAR(u[0], 0.678);
    NEAR(u[1], 0.25);
    parley_analysis_free(a);
    options.time = 0;
    assert_int_equal(parley_analyze(sc, &options, &a, &err), PARLEY_OK);
    assert_int_equal(parley_analysis_acceptable(a), 0);
    NEAR(parley_analysis_reservation(a, 1), 0.6);
    parley_analysis_free(a);
    parley_scenario_free(sc);
}

static int same_string(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Index of the constraint named `name` owned by `party`, or -1. */
static long find_constraint(const parley_scenario *sc, const char *name, long party)
{
    for (size_t c = 0; c < parley_scenario_constraint_count(sc); c++)
        if (strcmp(parley_scenario_constraint(sc, c)->name, name) == 0 && parley_scenario_constraint(sc, c)->party == party)
            return (long)c;
    return -1;
}

/*
 * Everything a scenario holds is the same in x and y: metadata, sources,
 * issues, parties and their utilities, constraints (by name and owner, with
 * the same truth on every outcome; in the same order when `same_order`),
 * phases, fallbacks and trust.
 */
static void assert_same(const parley_scenario *x, const parley_scenario *y, int same_order)
{
    assert_string_equal(parley_scenario_title(x), parley_scenario_title(y));
    assert_string_equal(parley_scenario_description(x), parley_scenario_description(y));
    assert_int_equal(parley_scenario_source_count(x), parley_scenario_source_count(y));
    for (size_t s = 0; s < parley_scenario_source_count(x); s++) {
        const parley_source *a = parley_scenario_source(x, s), *b = parley_scenario_source(y, s);
        assert_true(same_string(a->id, b->id) && same_string(a->title, b->title) &&
                    same_string(a->publisher, b->publisher) && same_string(a->date, b->date) &&
                    same_string(a->url, b->url) && same_string(a->file, b->file) && same_string(a->quote, b->quote));
    }
    const parley_space *sx = parley_scenario_space(x), *sy = parley_scenario_space(y);
    size_t issues = parley_space_issue_count(sx);
    assert_int_equal(parley_space_issue_count(sy), issues);
    for (size_t i = 0; i < issues; i++) {
        assert_string_equal(parley_issue_name(sx, i), parley_issue_name(sy, i));
        assert_int_equal(parley_issue_value_count(sx, i), parley_issue_value_count(sy, i));
        assert_true(same_string(parley_issue_description(sx, i), parley_issue_description(sy, i)));
    }
    assert_int_equal(parley_scenario_party_count(x), parley_scenario_party_count(y));
    for (size_t p = 0; p < parley_scenario_party_count(x); p++) {
        assert_string_equal(parley_party_name(x, p), parley_party_name(y, p));
        assert_int_equal(parley_party_role(x, p), parley_party_role(y, p));
        assert_string_equal(parley_party_description(x, p), parley_party_description(y, p));
        const parley_utility *ux = parley_party_utility(x, p), *uy = parley_party_utility(y, p);
        assert_true((ux == NULL) == (uy == NULL));
        if (!ux)
            continue;
        for (size_t i = 0; i < issues; i++) {
            NEAR(parley_utility_weight(ux, i), parley_utility_weight(uy, i));
            for (uint32_t v = 0; v < parley_issue_value_count(sx, i); v++)
                NEAR(parley_utility_value(ux, i, v), parley_utility_value(uy, i, v));
        }
        NEAR(parley_utility_reservation(ux), parley_utility_reservation(uy));
        NEAR(parley_utility_discount(ux), parley_utility_discount(uy));
        const double *tx, *rx, *ty, *ry;
        size_t n = parley_utility_reservation_curve(ux, &tx, &rx);
        assert_int_equal(parley_utility_reservation_curve(uy, &ty, &ry), n);
        for (size_t k = 0; k < n; k++) {
            NEAR(tx[k], ty[k]);
            NEAR(rx[k], ry[k]);
        }
        for (size_t ph = 0; ph < parley_scenario_phase_count(x); ph++)
            NEAR(parley_scenario_trust(x, p, ph < 1 ? 1 : ph), parley_scenario_trust(y, p, ph < 1 ? 1 : ph));
    }
    size_t C = parley_scenario_constraint_count(x);
    assert_int_equal(parley_scenario_constraint_count(y), C);
    uint64_t outcomes;
    assert_int_equal(parley_space_size_u64(sx, &outcomes), PARLEY_OK);
    uint32_t values[16];
    assert_true(issues <= 16);
    for (size_t c = 0; c < C; c++) {
        const parley_constraint *a = parley_scenario_constraint(x, c);
        long k = same_order ? (long)c : find_constraint(y, a->name, a->party);
        assert_true(k >= 0);
        const parley_constraint *b = parley_scenario_constraint(y, (size_t)k);
        assert_string_equal(a->name, b->name);
        assert_string_equal(a->rule, b->rule);
        assert_true(same_string(a->why, b->why) && same_string(a->source, b->source));
        assert_int_equal(a->party, b->party);
        for (uint64_t o = 0; o < outcomes; o++) {
            parley_space_decode(sx, o, values);
            assert_int_equal(parley_expr_holds(a->expr, values) != 0, parley_expr_holds(b->expr, values) != 0);
        }
    }
    assert_int_equal(parley_scenario_phase_count(x), parley_scenario_phase_count(y));
    for (size_t ph = 0; ph < parley_scenario_phase_count(x); ph++) {
        assert_string_equal(parley_phase_name(x, ph), parley_phase_name(y, ph));
        NEAR(parley_phase_weeks(x, ph), parley_phase_weeks(y, ph));
        const size_t *ix, *iy;
        size_t n = parley_phase_issues(x, ph, &ix);
        assert_int_equal(parley_phase_issues(y, ph, &iy), n);
        assert_memory_equal(ix, iy, n * sizeof *ix);
    }
    for (size_t i = 0; i < issues; i++) {
        assert_int_equal(parley_issue_phase(x, i), parley_issue_phase(y, i));
        assert_int_equal(parley_scenario_fallback(x, i), parley_scenario_fallback(y, i));
    }
}

/* A clone is equal and independent: changing it leaves the original as it was. */
static void test_clone(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("phases3.json"));
    parley_scenario *copy = parley_scenario_clone(sc);
    assert_non_null(copy);
    assert_same(sc, copy, 1);
    assert_int_equal(parley_scenario_set_trust(copy, 0, 1, 0.1), PARLEY_OK);
    assert_int_equal(parley_scenario_set_fallback(copy, 1, 2), PARLEY_OK);
    assert_int_equal(parley_utility_set_reservation(parley_party_utility_mut(copy, 0), 0.9), PARLEY_OK);
    assert_int_equal(parley_scenario_remove_constraint(copy, 0), PARLEY_OK);
    parley_scenario_free(copy);
    NEAR(parley_scenario_trust(sc, 0, 1), 0.6);
    assert_int_equal(parley_scenario_fallback(sc, 1), 0);
    NEAR(parley_utility_reservation(parley_party_utility(sc, 0)), 0.1);
    assert_int_equal(parley_scenario_constraint_count(sc), 4);
    /* and a clone of a scenario without phases has none */
    parley_scenario *plain = load(DATA("tiny.json"));
    copy = parley_scenario_clone(plain);
    assert_same(plain, copy, 1);
    assert_int_equal(parley_scenario_phase_count(copy), 0);
    parley_scenario_free(copy);
    parley_scenario_free(plain);
    parley_scenario_free(sc);
}

/*
 * Removing constraints: the rest keep their names, owners and compiled
 * rules.  phases3.json without A's some_y (index 1): [talks, not_all, g].
 * At time 0 B needs 0.6: only (lo, none, no, w), where A's expected utility
 * is 0.2 * 0.2 + 0.1 v(w): 0.04 (w = p) or 0.14 (w = q) against 0.1: zone 1.
 */
static void test_remove_constraint(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("phases3.json"));
    assert_int_equal(parley_scenario_remove_constraint(sc, 4), PARLEY_EINVAL);
    assert_int_equal(parley_scenario_remove_constraint(sc, 1), PARLEY_OK);
    assert_int_equal(parley_scenario_constraint_count(sc), 3);
    static const struct { const char *name; long party; } cons[] = {{"talks", -1}, {"not_all", 2}, {"g", -1}};
    for (size_t c = 0; c < 3; c++) {
        assert_string_equal(parley_scenario_constraint(sc, c)->name, cons[c].name);
        assert_int_equal(parley_scenario_constraint(sc, c)->party, cons[c].party);
    }
    /* not_all (y != all) and g (z = yes -> y != none) still evaluate their own rules */
    const uint32_t all[4] = {1, 2, 0, 0}, some[4] = {1, 1, 0, 0}, yes_none[4] = {1, 0, 1, 0};
    assert_false(parley_expr_holds(parley_scenario_constraint(sc, 1)->expr, all));
    assert_true(parley_expr_holds(parley_scenario_constraint(sc, 1)->expr, some));
    assert_false(parley_expr_holds(parley_scenario_constraint(sc, 2)->expr, yes_none));
    assert_true(parley_expr_holds(parley_scenario_constraint(sc, 2)->expr, some));
    assert_true(parley_scenario_red_lines_hold(sc, 0, all)); /* A has no red line left */
    assert_false(parley_scenario_red_lines_hold(sc, 2, all));
    parley_analysis *a = NULL;
    parley_error err;
    assert_int_equal(parley_analyze(sc, NULL, &a, &err), PARLEY_OK);
    assert_int_equal(parley_analysis_acceptable(a), 1);
    assert_int_equal(parley_analysis_condition_count(a), 3); /* not_all, A's and B's reservations */
    parley_analysis_free(a);
    /* the last and then the first */
    assert_int_equal(parley_scenario_remove_constraint(sc, 2), PARLEY_OK);
    assert_int_equal(parley_scenario_remove_constraint(sc, 0), PARLEY_OK);
    assert_int_equal(parley_scenario_constraint_count(sc), 1);
    assert_string_equal(parley_scenario_constraint(sc, 0)->name, "not_all");
    assert_false(parley_expr_holds(parley_scenario_constraint(sc, 0)->expr, all));
    parley_scenario_free(sc);
}

/*
 * Written and read back, the scenario is the same; the phase condition comes
 * back as a top-level constraint (so after the red lines), equal otherwise.
 */
static void test_round_trip(void **state)
{
    (void)state;
    static const char *const files[] = {"phases3.json", "phased.json", "many.json", "amend.json"};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s/tests/data/diagnose/%s", PARLEY_SOURCE_DIR, files[f]);
        parley_scenario *sc = load(path);
        FILE *out = tmpfile();
        assert_non_null(out);
        parley_error err;
        assert_int_equal(parley_scenario_write(sc, out, &err), PARLEY_OK);
        long size = ftell(out);
        assert_true(size > 0);
        char *text = malloc((size_t)size + 1);
        rewind(out);
        assert_int_equal(fread(text, 1, (size_t)size, out), (size_t)size);
        text[size] = '\0';
        fclose(out);
        parley_scenario *back = parse(text);
        assert_same(sc, back, 0);
        free(text);
        parley_scenario_free(back);
        parley_scenario_free(sc);
    }
}

/*
 * Pressure.  price 0..10; Seller gets price/10 with the reservation curve
 * (0, 0.75) -> (1, 0.25), that is 0.75 - 0.5 t; Buyer 1 - price/10 with 0.45
 * (price <= 5).
 *   t = 0:   Seller needs >= 0.75: price >= 8: zone 0.
 *   t = 0.6: 0.45: price >= 5 (4.5): zone {5}: 1.
 *   t = 1:   0.25: price >= 3 (2.5): zone {3, 4, 5}: 3.  Gains (0.05, 0.25),
 *            (0.15, 0.15), (0.25, 0.05): Nash price 4 (0.0225).
 * The diagnosis at time 0 lowers Seller's 0.75 to the 0.5 price 5 gives it;
 * at time 0.6 there is nothing to diagnose.
 */
static const char pressure[] =
    "{\"issues\": [{\"name\": \"price\", \"type\": \"integer\", \"min\": 0, \"max\": 10}],\n"
    " \"parties\": [\n"
    "  {\"name\": \"Seller\", \"reservation_curve\": [[0, 0.75], [1, 0.25]],\n"
    "   \"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},\n"
    "  {\"name\": \"Buyer\", \"reservation\": 0.45,\n"
    "   \"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}\n";

static void test_reservation_curve_time(void **state)
{
    (void)state;
    parley_scenario *sc = parse(pressure);
    static const struct { double t; uint64_t zone; double reservation; } want[] = {
        {0, 0, 0.75}, {0.6, 1, 0.45}, {1, 3, 0.25}};
    parley_error err;
    for (size_t i = 0; i < 3; i++) {
        parley_analysis_options options = {0};
        options.time = want[i].t;
        parley_analysis *a = NULL;
        assert_int_equal(parley_analyze(sc, &options, &a, &err), PARLEY_OK);
        assert_int_equal(parley_analysis_acceptable(a), want[i].zone);
        NEAR(parley_analysis_reservation(a, 0), want[i].reservation);
        NEAR(parley_analysis_reservation(a, 1), 0.45);
        if (want[i].t == 1) {
            const uint32_t *outcome;
            const double *u;
            double value;
            assert_int_equal(parley_analysis_solution(a, PARLEY_SOLUTION_NASH, &outcome, &u, &value), PARLEY_OK);
            assert_int_equal(outcome[0], 4);
            NEAR(value, 0.0225);
        }
        parley_analysis_free(a);
    }
    parley_analysis_options options = {0};
    parley_diagnosis *d = NULL;
    assert_int_equal(parley_diagnose(sc, &options, &d, &err), PARLEY_OK);
    assert_int_equal(parley_diagnosis_conflict_count(d, NULL), 1);
    const parley_relaxation *r = parley_diagnosis_relaxation(d, 0);
    assert_int_equal(r->condition, 0); /* Seller's reservation value */
    NEAR(r->from, 0.75);
    NEAR(r->to, 0.5);
    assert_int_equal(r->zone, 1);
    parley_diagnosis_free(d);
    options.time = 0.6;
    assert_int_equal(parley_diagnose(sc, &options, &d, &err), PARLEY_OK);
    assert_int_equal(parley_diagnosis_conflict_count(d, NULL), 0);
    assert_int_equal(parley_analysis_acceptable(parley_diagnosis_analysis(d)), 1);
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
}

/*
 * phased.json (see test_diagnose.c) under guarantees g of phase two:
 * A = x/8 + 0.5 g [full], B = (4 - x)/8 + 0.5 g [full], reservations 0.5.
 *   g = 0.8: full: A needs x >= 0.8, B x <= 3.2: x in 1..3: 3;
 *            none: A at x = 4, B fails there: 0.  Zone 3.
 *   g = 1: 5 (test_diagnose.c); g = 0: y is worth nothing: A needs x = 4,
 *            B x = 0: 0.
 */
static void test_guarantee_option(void **state)
{
    (void)state;
    parley_scenario *sc = load(DATA("phased.json"));
    static const struct { double g; uint64_t zone; } want[] = {{0.8, 3}, {1, 5}, {0, 0}};
    for (size_t i = 0; i < 3; i++) {
        parley_analysis_options options = {0};
        options.use_guarantee = 1;
        options.guarantee = want[i].g;
        parley_analysis *a = NULL;
        parley_error err;
        assert_int_equal(parley_analyze(sc, &options, &a, &err), PARLEY_OK);
        assert_int_equal(parley_analysis_acceptable(a), want[i].zone);
        parley_analysis_free(a);
    }
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_phases),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_api_errors),
        cmocka_unit_test(test_expected_utility),
        cmocka_unit_test(test_analysis_uses_expected_utilities),
        cmocka_unit_test(test_clone),
        cmocka_unit_test(test_remove_constraint),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_reservation_curve_time),
        cmocka_unit_test(test_guarantee_option),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

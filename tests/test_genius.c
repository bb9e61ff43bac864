/*
 * test_genius.c: reading GENIUS XML and GeniusWeb JSON (parley/genius.h) on
 * small hand-written files whose utilities are worked out by hand in the
 * comments, the located errors for malformed input, and the dispatch by
 * content of parley_scenario_load_files.  The ANAC domains themselves are
 * checked against an independent Python computation by tests/cli/genius_anac.sh.
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

#define DATA PARLEY_SOURCE_DIR "/tests/data/genius/"
#define EPS 1e-12

static parley_scenario *load3(const char *d, const char *p1, const char *p2, parley_error *err, int *rc)
{
    const char *files[] = {d, p1, p2};
    parley_scenario *sc = NULL;
    *rc = parley_scenario_load_files(files, 3, &sc, err);
    return sc;
}

static double eval_at(const parley_scenario *sc, size_t party, const uint32_t *values)
{
    return parley_utility_eval(parley_party_utility(sc, party), values);
}

static void test_tiny_domain(void **state)
{
    (void)state;
    parley_error err;
    int rc;
    parley_scenario *sc = load3(DATA "tiny-domain.xml", DATA "tiny-buyer.xml", DATA "tiny-seller.xml", &err, &rc);
    assert_int_equal(rc, PARLEY_OK);
    const parley_space *s = parley_scenario_space(sc);
    assert_int_equal(parley_space_issue_count(s), 3);
    /* "Food & Drinks" (a bare '&', as GENIUS accepts) becomes an identifier; the name is kept as description */
    assert_string_equal(parley_issue_name(s, 0), "Food_Drinks");
    assert_string_equal(parley_issue_description(s, 0), "Food & Drinks");
    assert_int_equal(parley_issue_value_count(s, 0), 3);
    assert_string_equal(parley_issue_label(s, 0, 2), "beer");
    assert_int_equal(parley_issue_type_of(s, 1), PARLEY_ISSUE_INTEGER);
    assert_true(parley_issue_min(s, 1) == 10 && parley_issue_max(s, 1) == 14);
    /* a real issue: 11 values from lowerbound to upperbound */
    assert_int_equal(parley_issue_type_of(s, 2), PARLEY_ISSUE_REAL);
    assert_int_equal(parley_issue_value_count(s, 2), PARLEY_GENIUS_REAL_VALUES);
    assert_true(fabs(parley_issue_number(s, 2, 5) - 2.5) < EPS);
    assert_string_equal(parley_scenario_title(sc), "tiny-domain");
    assert_int_equal(parley_scenario_party_count(sc), 2);
    assert_string_equal(parley_party_name(sc, 0), "tiny-buyer");
    assert_string_equal(parley_party_name(sc, 1), "tiny-seller");
    const parley_utility *b = parley_party_utility(sc, 0), *v = parley_party_utility(sc, 1);
    /* buyer: evaluations 2, 8, 4 over the largest 8 */
    assert_true(fabs(parley_utility_value(b, 0, 0) - 0.25) < EPS);
    assert_true(fabs(parley_utility_value(b, 0, 1) - 1.0) < EPS);
    assert_true(fabs(parley_utility_value(b, 0, 2) - 0.5) < EPS);
    /* buyer price: clamp(-0.3 (x - 10) + 1.1, 0, 1): 1, 0.8, 0.5, 0.2, 0 */
    assert_true(fabs(parley_utility_value(b, 1, 0) - 1.0) < EPS);
    assert_true(fabs(parley_utility_value(b, 1, 1) - 0.8) < EPS);
    assert_true(fabs(parley_utility_value(b, 1, 3) - 0.2) < EPS);
    assert_true(fabs(parley_utility_value(b, 1, 4) - 0.0) < EPS);
    /* buyer distance, old spelling parameter0 = offset 1, parameter1 = slope -0.2: 1 - 0.2 x */
    assert_true(fabs(parley_utility_value(b, 2, 5) - 0.5) < EPS);
    assert_true(fabs(parley_utility_value(b, 2, 10) - 0.0) < EPS);
    assert_true(fabs(parley_utility_reservation(b) - 0.25) < EPS);
    assert_true(fabs(parley_utility_discount(b) - 0.9) < EPS);
    /* seller: price lowerbound from the domain: 0.25 (x - 10); distance 0.1 x + 0.5; discount 0 = none */
    assert_true(fabs(parley_utility_value(v, 1, 1) - 0.25) < EPS);
    assert_true(fabs(parley_utility_value(v, 2, 10) - 1.0) < EPS);
    assert_true(parley_utility_discount(v) == 1.0);
    assert_true(parley_utility_reservation(v) == 0.0);
    /* (coffee, 11, 2.5): buyer .5*1 + .3*.8 + .2*.5 = .84; seller .2*.5 + .6*.25 + .2*.75 = .4 */
    uint32_t o[3] = {1, 1, 5};
    assert_true(fabs(eval_at(sc, 0, o) - 0.84) < 1e-12);
    assert_true(fabs(eval_at(sc, 1, o) - 0.40) < 1e-12);
    parley_scenario_free(sc);
}

/*
 * A profile item the domain lacks (whisky, evaluation 16) still sets the
 * divisor, as GENIUS divides by the largest evaluation of the profile's map:
 * tea 2/16 = 0.125, coffee 8/16 = 0.5, beer 4/16 = 0.25 (dividing by the
 * domain's largest, 8, would give 0.25 / 1 / 0.5).  (coffee, 11, 2.5) is then
 * worth .5*.5 + .3*.8 + .2*.5 = .59 to the buyer.
 */
static void test_profile_item_domain_lacks(void **state)
{
    (void)state;
    parley_error err;
    int rc;
    parley_scenario *sc = load3(DATA "tiny-domain.xml", DATA "extra-item-buyer.xml", DATA "tiny-seller.xml", &err, &rc);
    assert_int_equal(rc, PARLEY_OK);
    const parley_utility *b = parley_party_utility(sc, 0);
    assert_int_equal(parley_issue_value_count(parley_scenario_space(sc), 0), 3);
    assert_true(fabs(parley_utility_value(b, 0, 0) - 0.125) < EPS);
    assert_true(fabs(parley_utility_value(b, 0, 1) - 0.5) < EPS);
    assert_true(fabs(parley_utility_value(b, 0, 2) - 0.25) < EPS);
    uint32_t o[3] = {1, 1, 5};
    assert_true(fabs(eval_at(sc, 0, o) - 0.59) < 1e-12);
    parley_scenario_free(sc);
}

/* The error for a bad profile names the file and the line. */
static void expect_error(const char *profile, int line, const char *words)
{
    parley_error err;
    int rc;
    parley_scenario *sc = load3(DATA "tiny-domain.xml", DATA "tiny-buyer.xml", profile, &err, &rc);
    assert_null(sc);
    assert_int_equal(rc, PARLEY_EINVAL);
    assert_non_null(strstr(err.file, strrchr(profile, '/') + 1));
    if (line != err.line || !strstr(err.message, words))
        fail_msg("%s: got line %d '%s', expected line %d and '%s'", profile, err.line, err.message, line, words);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error(DATA "bad-xml.xml", 6, "malformed XML");
    expect_error(DATA "mismatch.xml", 8, "does not match");
    expect_error(DATA "missing-weight.xml", 2, "missing <weight index=\"2\">");
    expect_error(DATA "missing-evaluation.xml", 3, "no evaluation for value 'coffee'");
    expect_error(DATA "bad-number.xml", 5, "not a number");
    parley_error err;
    int rc;
    /* not XML and not JSON */
    parley_scenario *sc = load3(DATA "not-xml.xml", DATA "tiny-buyer.xml", DATA "tiny-seller.xml", &err, &rc);
    assert_null(sc);
    assert_int_equal(rc, PARLEY_EINVAL);
    assert_int_equal(err.line, 1);
    /* a domain alone */
    const char *one[] = {DATA "tiny-domain.xml", DATA "tiny-buyer.xml"};
    assert_int_equal(parley_scenario_load_files(one, 2, &sc, &err), PARLEY_EINVAL);
    /* a missing file */
    sc = load3(DATA "tiny-domain.xml", DATA "tiny-buyer.xml", DATA "no-such-file.xml", &err, &rc);
    assert_int_equal(rc, PARLEY_EIO);
    /* entity declarations are refused */
    const char *evil = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"yyyy\">]><a>&x;</a>";
    const char *texts[] = {evil, evil, evil};
    size_t lengths[] = {strlen(evil), strlen(evil), strlen(evil)};
    const char *names[] = {"evil.xml", "p1.xml", "p2.xml"};
    assert_int_equal(parley_genius_parse(texts, lengths, names, 3, &sc, &err), PARLEY_EINVAL);
    assert_string_equal(err.file, "evil.xml");
    assert_non_null(strstr(err.message, "entity"));
}

static void test_nonlinear(void **state)
{
    (void)state;
    parley_error err;
    int rc;
    parley_scenario *sc =
        load3(DATA "nonlinear-domain.xml", DATA "nonlinear-1.xml", DATA "nonlinear-2.xml", &err, &rc);
    assert_int_equal(rc, PARLEY_OK);
    const parley_utility *u1 = parley_party_utility(sc, 0), *u2 = parley_party_utility(sc, 1);
    assert_false(parley_utility_is_additive(u1));
    assert_int_equal(parley_utility_rectangle_count(u1), 2);
    assert_true(parley_utility_rectangle_scale(u1) == 10);
    /* a=0, b=2, c=1 (value index 0): both of profile 1's rectangles: (6 + 4) / 10 */
    uint32_t o1[3] = {0, 2, 0};
    assert_true(fabs(eval_at(sc, 0, o1) - 1.0) < EPS);
    assert_true(fabs(eval_at(sc, 1, o1) - 0.0) < EPS);
    /* a=3, b=0, c=4 (index 3): profile 1 none; profile 2 both: (5 + 3) / 8 */
    uint32_t o2[3] = {3, 0, 3};
    assert_true(fabs(eval_at(sc, 0, o2) - 0.0) < EPS);
    assert_true(fabs(eval_at(sc, 1, o2) - 1.0) < EPS);
    /* a=1, b=1, c=3 (index 2): profile 1 only the first rectangle needs c in [1,2]: none; profile 2: none */
    uint32_t o3[3] = {1, 1, 2};
    assert_true(fabs(eval_at(sc, 0, o3) - 0.0) < EPS);
    /* a=2, b=3, c=2 (index 1): profile 1 the second (4/10); profile 2 the first (5/8) */
    uint32_t o4[3] = {2, 3, 1};
    assert_true(fabs(eval_at(sc, 0, o4) - 0.4) < EPS);
    assert_true(fabs(eval_at(sc, 1, o4) - 0.625) < EPS);
    assert_true(fabs(parley_utility_reservation(u1) - 0.3) < EPS);
    assert_true(fabs(parley_utility_discount(u1) - 0.5) < EPS);
    (void)u2;
    parley_scenario_free(sc);
}

static void test_geniusweb(void **state)
{
    (void)state;
    parley_error err;
    int rc;
    parley_scenario *sc = load3(DATA "gw-domain.json", DATA "gw-employer.json", DATA "gw-employee.json", &err, &rc);
    if (rc != PARLEY_OK)
        fail_msg("%s", err.message);
    const parley_space *s = parley_scenario_space(sc);
    assert_int_equal(parley_space_issue_count(s), 4);
    assert_string_equal(parley_issue_name(s, 0), "lease_car");
    assert_string_equal(parley_issue_description(s, 0), "lease car");
    assert_int_equal(parley_issue_type_of(s, 1), PARLEY_ISSUE_CATEGORICAL);
    assert_int_equal(parley_issue_type_of(s, 2), PARLEY_ISSUE_REAL);
    assert_int_equal(parley_issue_value_count(s, 2), 3);
    assert_int_equal(parley_issue_type_of(s, 3), PARLEY_ISSUE_INTEGER);
    assert_int_equal(parley_issue_value_count(s, 3), 3);
    assert_string_equal(parley_party_name(sc, 0), "gw-employer");
    const parley_utility *e = parley_party_utility(sc, 0), *w = parley_party_utility(sc, 1);
    /* salary 3000 is missing from valueUtilities: worth 0, as in GeniusWeb */
    assert_true(fabs(parley_utility_value(e, 1, 2) - 0.0) < EPS);
    /* fte 0.8 between (0.6, 0) and (1.0, 1): 0.5; days 4 beyond highValue 2: 0 */
    assert_true(fabs(parley_utility_value(e, 2, 1) - 0.5) < 1e-9);
    assert_true(fabs(parley_utility_value(e, 3, 1) - 0.5) < EPS);
    assert_true(fabs(parley_utility_value(e, 3, 2) - 0.0) < EPS);
    /* reservation bid (no, 2500, 0.8, 2): .1*1 + .5*.5 + .2*.5 + .2*.5 = .55 */
    assert_true(fabs(parley_utility_reservation(e) - 0.55) < 1e-9);
    assert_true(parley_utility_reservation(w) == 0.0);
    /* employee at (yes, 3000, 1.0, 4): .25 (1 + 1 + .2 + 1) = .8 */
    uint32_t o[4] = {0, 2, 2, 2};
    assert_true(fabs(eval_at(sc, 1, o) - 0.8) < 1e-9);
    parley_scenario_free(sc);

    /* errors carry the file and the JSON path */
    sc = load3(DATA "gw-domain.json", DATA "gw-missing-weight.json", DATA "gw-employee.json", &err, &rc);
    assert_int_equal(rc, PARLEY_EINVAL);
    assert_non_null(strstr(err.file, "gw-missing-weight.json"));
    assert_string_equal(err.path, "LinearAdditiveUtilitySpace.issueWeights.salary");
    sc = load3(DATA "gw-domain.json", DATA "gw-mismatch.json", DATA "gw-employee.json", &err, &rc);
    assert_int_equal(rc, PARLEY_EINVAL);
    assert_non_null(strstr(err.path, "valueUtilities.maybe"));
    sc = load3(DATA "gw-domain.json", DATA "gw-bad-json.json", DATA "gw-employee.json", &err, &rc);
    assert_int_equal(rc, PARLEY_EINVAL);
    assert_int_equal(err.line, 1);
    assert_true(err.column > 0);
    /* profiles alone: the first one's embedded domain serves */
    const char *two[] = {DATA "gw-employer.json", DATA "gw-employee.json"};
    assert_int_equal(parley_scenario_load_files(two, 2, &sc, &err), PARLEY_OK);
    assert_int_equal(parley_scenario_party_count(sc), 2);
    assert_true(fabs(parley_utility_reservation(parley_party_utility(sc, 0)) - 0.55) < 1e-9);
    parley_scenario_free(sc);
    /* a domain and one profile is not a negotiation */
    const char *lonely[] = {DATA "gw-domain.json", DATA "gw-employee.json"};
    assert_int_equal(parley_scenario_load_files(lonely, 2, &sc, &err), PARLEY_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tiny_domain),
        cmocka_unit_test(test_profile_item_domain_lacks),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_nonlinear),
        cmocka_unit_test(test_geniusweb),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill_io.c: the GENIUS domain reader (genius_read.c) on a boundary a
 * generated mutant showed no test pinned (issue 27): an integer issue may have
 * at most 10^7 values, so lowerbound 0 and upperbound 10^7 (10^7 + 1 values)
 * is refused by the reader itself, with its own message naming the issue and
 * the bound, at the issue's line of the domain file.  The GeniusWeb reader
 * (geniusweb_read.c) describes each party as "GeniusWeb profile FILE".
 * The SVG writer's estimate of a label's width (svg.c) is 0.62 em a code
 * point: "abcd" at 10 px is 24.8 px, "Zürich" (6 code points, 7 bytes) at
 * 12 px is 44.64 px, "" is 0 (a mutant divided by the count).  The scenario
 * writer (scenario_write.c) leaves out a party's trust in the first phase: the
 * first phase is carried out at signing, P(p) is the product of the trust in
 * phases 2..p (docs/scenario-format.md), so that trust means nothing and is
 * not written back (a mutant wrote it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "io/svg.h"

#define GW PARLEY_SOURCE_DIR "/tests/data/genius/"

/* A domain with one discrete issue and, on line 2, an integer issue n from 0 to `upper`. */
static int load_domain(const char *upper, parley_error *err)
{
    char domain[1024];
    snprintf(domain, sizeof domain,
             "<negotiation_template><utility_space number_of_issues=\"2\"><objective index=\"0\" name=\"root\">"
             "<issue index=\"1\" name=\"a\" type=\"discrete\"><item index=\"1\" value=\"x\"/>"
             "<item index=\"2\" value=\"y\"/></issue>\n"
             "<issue index=\"2\" name=\"n\" type=\"integer\" lowerbound=\"0\" upperbound=\"%s\"/>"
             "</objective></utility_space></negotiation_template>",
             upper);
    static const char profile[] =
        "<utility_space><objective index=\"0\" name=\"root\">"
        "<issue index=\"1\" name=\"a\" type=\"discrete\"><item value=\"x\" evaluation=\"0\"/>"
        "<item value=\"y\" evaluation=\"1\"/></issue><weight index=\"1\" value=\"1\"/>"
        "</objective></utility_space>";
    parley_document docs[] = {{"d.xml", domain, strlen(domain)}, {"p.xml", profile, strlen(profile)},
                              {"q.xml", profile, strlen(profile)}};
    parley_scenario *sc = NULL;
    parley_error_clear(err);
    int rc = parley_scenario_load_buffers(docs, 3, NULL, &sc, err);
    parley_scenario_free(sc);
    return rc;
}

static void test_integer_issue_of_ten_million_and_one_values(void **state)
{
    (void)state;
    parley_error err;
    assert_int_equal(load_domain("10000000", &err), PARLEY_EINVAL);
    if (!strstr(err.message, "integer issue 'n' needs lowerbound <= upperbound and at most 10^7 values"))
        fail_msg("unexpected message: %s", err.message);
    assert_string_equal(err.file, "d.xml");
    assert_int_equal(err.line, 2);
    /* a bound below the lower one: the same message */
    assert_int_equal(load_domain("-1", &err), PARLEY_EINVAL);
    if (!strstr(err.message, "integer issue 'n' needs lowerbound <= upperbound"))
        fail_msg("unexpected message: %s", err.message);
}

/* Each party of a GeniusWeb negotiation is described by the profile it was read from (a mutant that dropped the
   snprintf left the description an uninitialised buffer). */
static void test_geniusweb_party_descriptions(void **state)
{
    (void)state;
    const char *files[] = {GW "gw-domain.json", GW "gw-employer.json", GW "gw-employee.json"};
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_load_files(files, 3, &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    char want[2][600];
    snprintf(want[0], sizeof want[0], "GeniusWeb profile %s", files[1]);
    snprintf(want[1], sizeof want[1], "GeniusWeb profile %s", files[2]);
    const char *got[2] = {parley_party_description(sc, 0), parley_party_description(sc, 1)};
    int same = got[0] && got[1] && strcmp(got[0], want[0]) == 0 && strcmp(got[1], want[1]) == 0;
    parley_scenario_free(sc);
    assert_true(same);
}

/* 0.62 em a code point, counted by hand. */
static void test_text_width_per_code_point(void **state)
{
    (void)state;
    assert_float_equal(svg_text_width("abcd", 10), 24.8, 1e-9);
    assert_float_equal(svg_text_width("Z\xc3\xbcrich", 12), 6 * 0.62 * 12, 1e-9);
    assert_float_equal(svg_text_width("", 12), 0, 0);
}

/* A scenario stating trust in both phases, written back: only the second phase's trust is written. */
static void test_first_phase_trust_not_written(void **state)
{
    (void)state;
    static const char text[] =
        "{\"title\": \"t\", \"issues\": [{\"name\": \"x\", \"type\": \"integer\", \"min\": 0, \"max\": 2},"
        " {\"name\": \"y\", \"type\": \"integer\", \"min\": 0, \"max\": 2}],"
        " \"phases\": [{\"name\": \"one\", \"issues\": [\"x\"]}, {\"name\": \"two\", \"issues\": [\"y\"]}],"
        " \"parties\": [{\"name\": \"A\", \"trust\": {\"one\": 0.25, \"two\": 0.5}, \"preferences\": {"
        "\"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
        " {\"name\": \"B\", \"preferences\": {"
        "\"x\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}";
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_parse(text, sizeof text - 1, "trust.json", &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    char *written = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&written, &size);
    assert_non_null(out);
    int rc = parley_scenario_write(sc, out, &err);
    fclose(out);
    parley_scenario_free(sc);
    json_error_t jerr;
    json_t *doc = rc == PARLEY_OK ? json_loads(written, 0, &jerr) : NULL;
    free(written);
    assert_int_equal(rc, PARLEY_OK);
    assert_non_null(doc);
    json_t *trust = json_object_get(json_array_get(json_object_get(doc, "parties"), 0), "trust");
    int only_two = json_object_size(trust) == 1 && json_real_value(json_object_get(trust, "two")) == 0.5;
    json_decref(doc);
    assert_true(only_two);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integer_issue_of_ten_million_and_one_values),
        cmocka_unit_test(test_geniusweb_party_descriptions),
        cmocka_unit_test(test_text_width_per_code_point),
        cmocka_unit_test(test_first_phase_trust_not_written),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

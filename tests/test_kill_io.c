/*
 * test_kill_io.c: the GENIUS domain reader (genius_read.c) on a boundary a
 * generated mutant showed no test pinned (issue 27): an integer issue may have
 * at most 10^7 values, so lowerbound 0 and upperbound 10^7 (10^7 + 1 values)
 * is refused by the reader itself, with its own message naming the issue and
 * the bound, at the issue's line of the domain file.  The GeniusWeb reader
 * (geniusweb_read.c) describes each party as "GeniusWeb profile FILE".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <parley/parley.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integer_issue_of_ten_million_and_one_values),
        cmocka_unit_test(test_geniusweb_party_descriptions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

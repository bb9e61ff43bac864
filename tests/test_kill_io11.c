/*
 * test_kill_io11.c: the readers' paths no test reached on the d2da18c coverage map (issue 27), each with its
 * exact message:
 *   - the loader tells a GENIUS XML profile given first (load.c): followed by a GeniusWeb domain (a document
 *     with "issuesValues"), "the domain (NAME) comes first"; by a GeniusWeb profile, "the domain is missing";
 *   - "A+B+..." naming more files than twice the loader's first guess of room (the arguments + 8): all twenty
 *     are read in order (a native scenario is one file: the second is named as the extra one);
 *   - candidate texts (texts_read.c): a label the issue does not have is quoted; a package without one of the
 *     issues names it;
 *   - a word of more than 63 letters gets no "did you mean" (strutil.c's edit distance gives up on it), a near
 *     one does;
 *   - the loader's limits on GENIUS input (genius_common.c): issue values and table cells, at and one below the
 *     input's figures; a mediator or a party past the last has no GENIUS profile to write;
 *   - a reservation curve written as a GENIUS profile (genius_write.c): its value at the start, with a warning.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "test_tmpdir.h"

static const char xml_profile[] = "<?xml version=\"1.0\"?>\n<!-- a profile -->\n<utility_space>\n"
                                  "  <weight index=\"1\" value=\"1\"/>\n</utility_space>\n";
static const char gw_domain[] = "{\"name\": \"d\", \"issuesValues\": {\"x\": {\"values\": [\"a\", \"b\"]}}}";
static const char gw_profile[] = "{\"LinearAdditiveUtilitySpace\": {\"domain\": {\"name\": \"d\"}}}";

static void load_two(const char *second, const char *second_name, parley_error *err)
{
    parley_document docs[2] = {{"p.xml", xml_profile, strlen(xml_profile)}, {second_name, second, strlen(second)}};
    parley_scenario *sc = NULL;
    assert_int_equal(parley_scenario_load_buffers(docs, 2, NULL, &sc, err), PARLEY_EINVAL);
    assert_null(sc);
    assert_string_equal(err->file, "p.xml");
}

static void profile_given_before_a_geniusweb_document(void **state)
{
    (void)state;
    parley_error err;
    load_two(gw_domain, "d.json", &err);
    assert_string_equal(err.message, "is a profile, not a domain: the domain (d.json) comes first "
                                     "(DOMAIN.xml PROFILE1.xml PROFILE2.xml)");
    load_two(gw_profile, "q.json", &err);
    assert_string_equal(err.message, "is a profile, not a domain: the domain is missing (give it first: "
                                     "DOMAIN.xml PROFILE1.xml PROFILE2.xml)");
}

static void twenty_files_in_one_argument(void **state)
{
    (void)state;
    char dir[128];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "plus"));
    char joined[2048] = "";
    for (int i = 0; i < 20; i++) {
        char path[192];
        snprintf(path, sizeof path, "%s/s%d.json", dir, i);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs("{\"issues\": [], \"parties\": []}", f);
        fclose(f);
        snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s", i ? "+" : "", path);
    }
    const char *paths[] = {joined};
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_load_with(paths, 1, NULL, &sc, &err), PARLEY_EINVAL);
    char first[192], second[192], message[512];
    snprintf(first, sizeof first, "%s/s0.json", dir);
    snprintf(second, sizeof second, "%s/s1.json", dir);
    snprintf(message, sizeof message, "a parley scenario is one file (%s); this extra file is not expected", first);
    assert_string_equal(err.file, second);
    assert_string_equal(err.message, message);
    /* the twentieth missing: named (all twenty are looked for) */
    char last[192];
    snprintf(last, sizeof last, "%s/s19.json", dir);
    assert_int_equal(remove(last), 0);
    assert_int_equal(parley_scenario_load_with(paths, 1, NULL, &sc, &err), PARLEY_EIO);
    assert_string_equal(err.file, last);
    assert_string_equal(err.message, "cannot read the file: No such file or directory");
    assert_int_equal(test_tmpdir_remove(dir), 0);
}

/* Loads the texts `json` for a scenario of issues x (labels a, b) and y (0..2); the code, err filled. */
static int load_texts(const char *json, parley_error *err)
{
    static const char scenario[] =
        "{\"issues\": [{\"name\": \"x\", \"type\": \"categorical\", \"values\": [\"a\", \"b\"]},"
        " {\"name\": \"y\", \"type\": \"integer\", \"min\": 0, \"max\": 2}],"
        " \"parties\": [{\"name\": \"P\", \"preferences\": {\"y\": {\"weight\": 1, \"function\": "
        "{\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
        " {\"name\": \"Q\", \"preferences\": {\"y\": {\"weight\": 1, \"function\": "
        "{\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}}}}]}";
    parley_scenario *sc = NULL;
    assert_int_equal(parley_scenario_parse(scenario, strlen(scenario), "s.json", &sc, err), PARLEY_OK);
    char dir[128], path[192];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "texts"));
    snprintf(path, sizeof path, "%s/t.json", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(json, f);
    fclose(f);
    uint32_t *texts = NULL;
    char **names = NULL;
    size_t n = 0;
    int rc = parley_texts_load(sc, path, &texts, &names, &n, err);
    if (rc == PARLEY_OK) {
        assert_int_equal(n, 1);
        assert_string_equal(names[0], "text 1");
        assert_int_equal(texts[0], 1); /* x = b */
        assert_int_equal(texts[1], 2);
    }
    parley_texts_free(texts, names, n);
    parley_scenario_free(sc);
    assert_int_equal(test_tmpdir_remove(dir), 0);
    return rc;
}

static void texts_name_what_is_wrong(void **state)
{
    (void)state;
    parley_error err;
    assert_int_equal(load_texts("[{\"x\": \"b\", \"y\": 2}]", &err), PARLEY_OK);
    assert_int_equal(load_texts("[{\"x\": \"c\", \"y\": 2}]", &err), PARLEY_EINVAL);
    assert_string_equal(err.path, "[0].x");
    assert_string_equal(err.message, "'c' is not a value of issue 'x'");
    assert_int_equal(load_texts("[{\"x\": true, \"y\": 2}]", &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "that is not a value of issue 'x'");
    assert_int_equal(load_texts("[{\"x\": \"a\", \"y\": 2}, {\"y\": 1}]", &err), PARLEY_EINVAL);
    assert_string_equal(err.path, "[1]");
    assert_string_equal(err.message, "the package gives no value for issue 'x' (expected every issue)");
    assert_int_equal(load_texts("[{\"package\": {\"x\": \"a\"}, \"name\": \"only x\"}]", &err), PARLEY_EINVAL);
    assert_string_equal(err.path, "[0].package");
    assert_string_equal(err.message, "the package gives no value for issue 'y' (expected every issue)");
}

/* The preference function's type "linaer" (2 edits from "linear"): a suggestion; a type of 64 letters (the edit
 * distance gives up beyond 63, sizing its table for 63): none, and no table overrun (the sanitizer tree). */
static void long_words_get_no_suggestion(void **state)
{
    (void)state;
    char type[65];
    memset(type, 'l', 64);
    type[64] = 0;
    const char *types[] = {"linaer", type};
    for (int i = 0; i < 2; i++) {
        char json[768];
        snprintf(json, sizeof json,
                 "{\"issues\": [{\"name\": \"y\", \"type\": \"integer\", \"min\": 0, \"max\": 2}], \"parties\": ["
                 "{\"name\": \"P\", \"preferences\": {\"y\": {\"weight\": 1, \"function\": {\"type\": \"%s\"}}}},"
                 "{\"name\": \"Q\", \"preferences\": {\"y\": {\"weight\": 1, \"function\": {\"type\": \"linear\", "
                 "\"at_min\": 1, \"at_max\": 0}}}}]}", types[i]);
        parley_scenario *sc = NULL;
        parley_error err;
        assert_int_equal(parley_scenario_parse(json, strlen(json), "s.json", &sc, &err), PARLEY_EINVAL);
        char want[256];
        if (i == 0)
            snprintf(want, sizeof want, "unknown function type 'linaer' (did you mean 'linear'? expected linear, "
                     "piecewise or step)");
        else
            snprintf(want, sizeof want, "unknown function type '%s' (expected linear, piecewise or step)", type);
        assert_string_equal(err.message, want);
    }
}

/* A GENIUS domain (a: 2 values, n: 3 values) and two profiles under the loader's limits; the code. */
static int load_limited(size_t max_values, size_t max_cells, parley_error *err)
{
    static const char domain[] =
        "<negotiation_template><utility_space number_of_issues=\"2\"><objective index=\"0\" name=\"root\">"
        "<issue index=\"1\" name=\"a\" type=\"discrete\"><item index=\"1\" value=\"x\"/>"
        "<item index=\"2\" value=\"y\"/></issue>"
        "<issue index=\"2\" name=\"n\" type=\"discrete\"><item index=\"1\" value=\"p\"/>"
        "<item index=\"2\" value=\"q\"/><item index=\"3\" value=\"r\"/></issue>"
        "</objective></utility_space></negotiation_template>";
    static const char profile[] =
        "<utility_space><objective index=\"0\" name=\"root\">"
        "<issue index=\"1\" name=\"a\" type=\"discrete\"><item value=\"x\" evaluation=\"0\"/>"
        "<item value=\"y\" evaluation=\"1\"/></issue><weight index=\"1\" value=\"0.5\"/>"
        "<issue index=\"2\" name=\"n\" type=\"discrete\"><item value=\"p\" evaluation=\"0\"/>"
        "<item value=\"q\" evaluation=\"1\"/><item value=\"r\" evaluation=\"2\"/></issue>"
        "<weight index=\"2\" value=\"0.5\"/></objective></utility_space>";
    parley_document docs[] = {{"d.xml", domain, strlen(domain)}, {"p.xml", profile, strlen(profile)},
                              {"q.xml", profile, strlen(profile)}};
    parley_load_options options;
    memset(&options, 0, sizeof options);
    options.max_issue_values = max_values;
    options.max_table_cells = max_cells;
    parley_scenario *sc = NULL;
    parley_error_clear(err);
    int rc = parley_scenario_load_buffers(docs, 3, &options, &sc, err);
    if (rc == PARLEY_OK) { /* and a mediator has no profile to write */
        assert_int_equal(parley_scenario_add_party(sc, "M", PARLEY_ROLE_MEDIATOR, NULL, NULL), 2);
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        parley_error werr;
        assert_int_equal(parley_genius_write_profile(sc, 2, out, NULL, NULL, &werr), PARLEY_EINVAL);
        assert_string_equal(werr.message, "party 2 has no preferences to write");
        assert_int_equal(parley_genius_write_profile(sc, 3, out, NULL, NULL, &werr), PARLEY_EINVAL);
        assert_string_equal(werr.message, "party 3 has no preferences to write");
        assert_int_equal(parley_genius_write_profile(sc, 1, out, NULL, NULL, &werr), PARLEY_OK);
        fclose(out);
        free(buf);
    }
    parley_scenario_free(sc);
    return rc;
}

/* (2 + 3) values x 2 profiles = 10 table cells; the largest issue has 3 values: each limit at and below. */
static void genius_limits_at_their_boundary(void **state)
{
    (void)state;
    parley_error err;
    assert_int_equal(load_limited(3, 10, &err), PARLEY_OK);
    assert_int_equal(load_limited(0, 0, &err), PARLEY_OK); /* 0: no limit */
    assert_int_equal(load_limited(2, 0, &err), PARLEY_ERANGE);
    assert_string_equal(err.message, "issue 'n' has 3 values: at most 2 are allowed here");
    assert_string_equal(err.file, "d.xml");
    assert_int_equal(load_limited(0, 9, &err), PARLEY_ERANGE);
    assert_string_equal(err.message, "the profiles' value tables would hold 10 cells: at most 9 are allowed here");
}

static void keep_warning(void *ctx, const char *message)
{
    snprintf(ctx, 512, "%s", message);
}

/* A reservation curve has no GENIUS form: its value at the start (t = 0: 0.3; a one-point curve is flat: 0.4) is
 * written, with a warning. */
static void genius_profile_of_a_reservation_curve(void **state)
{
    (void)state;
    static const char json[] =
        "{\"issues\": [{\"name\": \"y\", \"type\": \"categorical\", \"values\": [\"a\", \"b\"]}], \"parties\": ["
        "{\"name\": \"P\", \"reservation_curve\": [[0, 0.3], [1, 0.1]], \"preferences\": {\"y\": {\"weight\": 1, "
        "\"values\": {\"a\": 0, \"b\": 1}}}},"
        "{\"name\": \"Q\", \"reservation\": 0.2, \"preferences\": {\"y\": {\"weight\": 1, "
        "\"values\": {\"a\": 1, \"b\": 0}}}},"
        "{\"name\": \"R\", \"reservation_curve\": [[0.5, 0.4]], \"preferences\": {\"y\": {\"weight\": 1, "
        "\"values\": {\"a\": 1, \"b\": 0}}}}]}";
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_parse(json, strlen(json), "s.json", &sc, &err), PARLEY_OK);
    for (size_t party = 0; party < 3; party++) {
        char warning[512] = "", *xml = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&xml, &len);
        assert_int_equal(parley_genius_write_profile(sc, party, out, keep_warning, warning, &err), PARLEY_OK);
        fclose(out);
        if (party == 0) {
            assert_string_equal(warning, "P: the reservation curve (pressure over time) has no GENIUS form; the "
                                         "reservation value at the start, 0.3, is written");
            assert_non_null(strstr(xml, "  <reservation value=\"0.3\"/>\n</utility_space>\n"));
        } else if (party == 1) {
            assert_string_equal(warning, ""); /* a plain reservation value: written as it is */
            assert_non_null(strstr(xml, "  <reservation value=\"0.2\"/>\n</utility_space>\n"));
        } else { /* a curve of one point: flat, 0.4 from the start, still a curve */
            assert_string_equal(warning, "R: the reservation curve (pressure over time) has no GENIUS form; the "
                                         "reservation value at the start, 0.4, is written");
            assert_non_null(strstr(xml, "  <reservation value=\"0.4\"/>\n</utility_space>\n"));
        }
        free(xml);
    }
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(profile_given_before_a_geniusweb_document),
        cmocka_unit_test(twenty_files_in_one_argument),
        cmocka_unit_test(texts_name_what_is_wrong),
        cmocka_unit_test(long_words_get_no_suggestion),
        cmocka_unit_test(genius_limits_at_their_boundary),
        cmocka_unit_test(genius_profile_of_a_reservation_curve),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

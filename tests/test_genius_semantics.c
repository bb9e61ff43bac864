/*
 * test_genius_semantics.c: the one loader (parley/io.h) and GENIUS's way of
 * computing utilities: weights as written, utilities capped at 1, a warning
 * when weights do not sum to 1, normalise_weights; documents in memory,
 * "DOMAIN+P1+P2" paths, the reasons for files that cannot be read; and the one
 * number format (parley_format_number) and JSON printer (json_write_pretty).
 * Every expected utility is worked out by hand in the comments.
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
#include <unistd.h>

#include <parley/parley.h>

#include "io/json_util.h"
#include "warnings_seen.h"

#define EPS 1e-12

/* Two discrete issues: a in {x, y}, b in {p, q}. */
static const char domain[] =
    "<negotiation_template><utility_space number_of_issues=\"2\"><objective index=\"0\" name=\"root\">"
    "<issue index=\"1\" name=\"a\" type=\"discrete\"><item index=\"1\" value=\"x\"/><item index=\"2\" value=\"y\"/>"
    "</issue><issue index=\"2\" name=\"b\" type=\"discrete\"><item index=\"1\" value=\"p\"/>"
    "<item index=\"2\" value=\"q\"/></issue></objective></utility_space></negotiation_template>";

/*
 * Weights 0.6 and 0.5 (sum 1.1), evaluations x 10, y 5 (so 1 and 0.5), p 4, q 2 (1 and 0.5):
 * u(x,p) = 0.6 + 0.5 = 1.1 -> 1 (capped), u(x,q) = 0.6 + 0.25 = 0.85, u(y,p) = 0.3 + 0.5 = 0.8,
 * u(y,q) = 0.3 + 0.25 = 0.55.
 */
static const char heavy[] =
    "<utility_space><objective index=\"0\" name=\"root\">"
    "<issue index=\"1\" name=\"a\" type=\"discrete\"><item value=\"x\" evaluation=\"10\"/>"
    "<item value=\"y\" evaluation=\"5\"/></issue><weight index=\"1\" value=\"0.6\"/>"
    "<issue index=\"2\" name=\"b\" type=\"discrete\"><item value=\"p\" evaluation=\"4\"/>"
    "<item value=\"q\" evaluation=\"2\"/></issue><weight index=\"2\" value=\"0.5\"/>"
    "</objective><reservation value=\"0.6\"/></utility_space>";

/* Weights 0.5 and 0.5, evaluations x 0, y 1, p 0, q 1: u(x,p) = 0, u(y,q) = 1, u(x,q) = u(y,p) = 0.5. */
static const char plain[] =
    "<utility_space><objective index=\"0\" name=\"root\">"
    "<issue index=\"1\" name=\"a\" type=\"discrete\"><item value=\"x\" evaluation=\"0\"/>"
    "<item value=\"y\" evaluation=\"1\"/></issue><weight index=\"1\" value=\"0.5\"/>"
    "<issue index=\"2\" name=\"b\" type=\"discrete\"><item value=\"p\" evaluation=\"0\"/>"
    "<item value=\"q\" evaluation=\"1\"/></issue><weight index=\"2\" value=\"0.5\"/>"
    "</objective></utility_space>";

static parley_scenario *load_docs(int normalise, struct warnings_seen *w)
{
    parley_document docs[] = {{"d.xml", domain, strlen(domain)},
                              {"heavy.xml", heavy, strlen(heavy)},
                              {"plain.xml", plain, strlen(plain)}};
    parley_load_options options = {.normalise_weights = normalise, .warn = note_warning, .warn_ctx = w};
    memset(w, 0, sizeof *w);
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_load_buffers(docs, 3, &options, &sc, &err) != PARLEY_OK)
        fail_msg("load: %s", err.message);
    return sc;
}

static double u_at(const parley_scenario *sc, size_t party, uint32_t a, uint32_t b)
{
    uint32_t v[2] = {a, b};
    return parley_utility_eval(parley_party_utility(sc, party), v);
}

static void test_raw_weights_capped(void **state)
{
    (void)state;
    struct warnings_seen w;
    parley_scenario *sc = load_docs(0, &w);
    assert_string_equal(parley_party_name(sc, 0), "heavy");
    assert_true(fabs(parley_utility_weight(parley_party_utility(sc, 0), 0) - 0.6) < EPS); /* as written */
    assert_true(u_at(sc, 0, 0, 0) == 1);                                                     /* 1.1 capped */
    assert_true(fabs(u_at(sc, 0, 0, 1) - 0.85) < EPS);
    assert_true(fabs(u_at(sc, 0, 1, 0) - 0.8) < EPS);
    assert_true(fabs(u_at(sc, 0, 1, 1) - 0.55) < EPS);
    /* one warning, for heavy.xml only */
    assert_int_equal(w.count, 1);
    assert_non_null(strstr(w.last, "heavy.xml: the issue weights sum to 1.1, not 1"));
    /* the analysis agrees: heavy accepts u >= 0.6 (x,p), (x,q), (y,p); plain accepts everything (reservation 0) */
    parley_analysis *a = NULL;
    assert_int_equal(parley_analyze(sc, NULL, &a, NULL), PARLEY_OK);
    assert_int_equal(parley_analysis_acceptable(a), 3);
    assert_true(parley_analysis_best(a, 0) == 1);
    /* the frontier of (1, 0), (0.85, 0.5), (0.8, 0.5): (1, 0) and (0.85, 0.5); Nash: gains (0.4)(0) vs (0.25)(0.5) */
    assert_int_equal(parley_analysis_frontier_count(a), 2);
    const uint32_t *outcome;
    const double *u;
    double value;
    assert_int_equal(parley_analysis_solution(a, PARLEY_SOLUTION_NASH, &outcome, &u, &value), PARLEY_OK);
    assert_true(outcome[0] == 0 && outcome[1] == 1);
    assert_true(fabs(value - 0.25 * 0.5) < 1e-9);
    parley_analysis_free(a);
    parley_scenario_free(sc);
}

static void test_normalise_weights(void **state)
{
    (void)state;
    struct warnings_seen w;
    parley_scenario *sc = load_docs(1, &w);
    /* weights divided by 1.1: u(x,p) = 1, u(y,q) = 0.55 / 1.1 = 0.5, u(x,q) = 0.85 / 1.1 */
    assert_true(fabs(u_at(sc, 0, 0, 0) - 1) < EPS);
    assert_true(fabs(u_at(sc, 0, 1, 1) - 0.5) < EPS);
    assert_true(fabs(u_at(sc, 0, 0, 1) - 0.85 / 1.1) < EPS);
    assert_int_equal(w.count, 0);
    parley_scenario_free(sc);
}

/* Writes text to a file under dir; returns the path in buf. */
static const char *write_file(const char *dir, const char *name, const char *text, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", dir, name);
    FILE *f = fopen(buf, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return buf;
}

static void test_files_and_reasons(void **state)
{
    (void)state;
    char dir[] = "/tmp/parley-loader-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char d[512], h[512], p[512], joined[1600], missing[600];
    write_file(dir, "d.xml", domain, d, sizeof d);
    write_file(dir, "heavy.xml", heavy, h, sizeof h);
    write_file(dir, "plain.xml", plain, p, sizeof p);
    /* DOMAIN+P1+P2 in one argument reads as three files */
    snprintf(joined, sizeof joined, "%s+%s+%s", d, h, p);
    const char *one[] = {joined};
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_load_with(one, 1, NULL, &sc, &err), PARLEY_OK);
    assert_int_equal(parley_scenario_negotiator_count(sc), 2);
    assert_string_equal(parley_party_name(sc, 1), "plain");
    parley_scenario_free(sc);
    /* a missing profile: the file and the system's reason */
    snprintf(missing, sizeof missing, "%s/nope.xml", dir);
    const char *three[] = {d, h, missing};
    assert_int_equal(parley_scenario_load_with(three, 3, NULL, &sc, &err), PARLEY_EIO);
    assert_null(sc);
    assert_string_equal(err.file, missing);
    assert_non_null(strstr(err.message, "No such file or directory"));
    /* a directory */
    const char *folder[] = {dir};
    assert_int_equal(parley_scenario_load_with(folder, 1, NULL, &sc, &err), PARLEY_EIO);
    assert_non_null(strstr(err.message, "is a directory"));
    /* a domain alone */
    const char *alone[] = {d};
    assert_int_equal(parley_scenario_load_with(alone, 1, NULL, &sc, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "needs at least two profiles"));
    unlink(d);
    unlink(h);
    unlink(p);
    rmdir(dir);
}

static void test_number_format(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(parley_format_number(0.4, buf, sizeof buf), "0.4");
    assert_string_equal(parley_format_number(2.0, buf, sizeof buf), "2");
    assert_string_equal(parley_format_number(-3.0, buf, sizeof buf), "-3");
    assert_string_equal(parley_format_number(0.1 + 0.2, buf, sizeof buf), "0.30000000000000004");
    assert_string_equal(parley_format_number(1.0 / 3.0, buf, sizeof buf), "0.3333333333333333");
    assert_string_equal(parley_format_number(1e-7, buf, sizeof buf), "1e-07");
    assert_string_equal(parley_format_number(-0.0, buf, sizeof buf), "0");
    assert_string_equal(parley_format_number(NAN, buf, sizeof buf), "null");
    assert_string_equal(parley_format_number(1e300, buf, sizeof buf), "1e+300");
    /* every double reads back exactly */
    double samples[] = {0.1, 0.7, 1.0000518, 0.157552698, 123456.789, 5e-324, 1.7976931348623157e308};
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++)
        assert_true(strtod(parley_format_number(samples[i], buf, sizeof buf), NULL) == samples[i]);
}

static void test_json_pretty(void **state)
{
    (void)state;
    json_t *v = json_pack("{s:f,s:f,s:[i,s],s:{},s:[],s:n,s:b}", "weight", 0.4, "whole", 2.0, "list", 1, "a\"b",
                          "empty", "none", "nothing", "yes", 1);
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_int_equal(json_write_pretty(v, f), 0);
    fclose(f);
    assert_string_equal(text, "{\n"
                              "  \"weight\": 0.4,\n"
                              "  \"whole\": 2,\n"
                              "  \"list\": [\n"
                              "    1,\n"
                              "    \"a\\\"b\"\n"
                              "  ],\n"
                              "  \"empty\": {},\n"
                              "  \"none\": [],\n"
                              "  \"nothing\": null,\n"
                              "  \"yes\": true\n"
                              "}\n");
    free(text);
    /* the same on one line (JSON Lines) */
    f = open_memstream(&text, &size);
    assert_int_equal(json_write_compact(v, f), 0);
    fclose(f);
    assert_string_equal(text, "{\"weight\":0.4,\"whole\":2,\"list\":[1,\"a\\\"b\"],\"empty\":{},\"none\":[],"
                              "\"nothing\":null,\"yes\":true}\n");
    free(text);
    json_decref(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_raw_weights_capped), cmocka_unit_test(test_normalise_weights),
        cmocka_unit_test(test_files_and_reasons),  cmocka_unit_test(test_number_format),
        cmocka_unit_test(test_json_pretty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill14_analysis_write.c: the report writers of src/analysis when the output cannot be written (issue 27,
 * seed-144 probe of src/analysis: their EIO returns and messages were read by no test).  Each writes to /dev/full,
 * unbuffered, so every write fails at once: the analysis as JSON and as SVG, the diagnosis as JSON, the proposal
 * as JSON and as text (which returned PARLEY_OK: the bug this test found), the proposal when there is no zone,
 * the ranking of texts and the improvements.  Each must return PARLEY_EIO with its message; and write to a
 * working stream without error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include <parley/parley.h>

#include "test_util.h"

static const char zone[] =
    "{\"title\": \"Zone\", \"issues\": ["
    " {\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 2},"
    " {\"name\": \"b\", \"type\": \"categorical\", \"values\": [\"x\", \"y\"]}],"
    " \"parties\": ["
    " {\"name\": \"P\", \"reservation\": 0.2, \"preferences\": {"
    "   \"a\": {\"weight\": 0.5, \"values\": {\"0\": 0, \"1\": 0.5, \"2\": 1}},"
    "   \"b\": {\"weight\": 0.5, \"values\": {\"x\": 1, \"y\": 0}}}},"
    " {\"name\": \"Q\", \"reservation\": 0.2, \"preferences\": {"
    "   \"a\": {\"weight\": 0.5, \"values\": {\"0\": 1, \"1\": 0.5, \"2\": 0}},"
    "   \"b\": {\"weight\": 0.5, \"values\": {\"x\": 0, \"y\": 1}}},"
    "   \"red_lines\": [{\"name\": \"not_two\", \"rule\": \"a != 2\"}]}]}";

/* The same with a red line of P that excludes everything Q accepts: no zone. */
static const char no_zone[] =
    "{\"title\": \"None\", \"issues\": [{\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 2}],"
    " \"parties\": ["
    " {\"name\": \"P\", \"preferences\": {\"a\": {\"weight\": 1, \"values\": {\"0\": 0, \"1\": 0.5, \"2\": 1}}},"
    "   \"red_lines\": [{\"name\": \"high\", \"rule\": \"a == 2\"}]},"
    " {\"name\": \"Q\", \"preferences\": {\"a\": {\"weight\": 1, \"values\": {\"0\": 1, \"1\": 0.5, \"2\": 0}}},"
    "   \"red_lines\": [{\"name\": \"low\", \"rule\": \"a == 0\"}]}]}";

enum writer { ANALYSIS_JSON, ANALYSIS_SVG, DIAGNOSIS_JSON, PROPOSAL_JSON, PROPOSAL_TEXT, RANKING_TEXT, RANKING_JSON,
              IMPROVEMENTS_TEXT, IMPROVEMENTS_JSON, WRITERS };

static int write_to(enum writer w, const parley_scenario *sc, FILE *out, parley_error *err)
{
    parley_analysis_options options = {.threads = 1, .plot_bins = w == ANALYSIS_SVG ? 16 : 0};
    int rc = PARLEY_OK;
    if (w == ANALYSIS_JSON || w == ANALYSIS_SVG) {
        parley_analysis *a = test_analyse_with(sc, &options);
        rc = w == ANALYSIS_SVG ? parley_analysis_write_svg(a, sc, out, err)
                               : parley_analysis_write_json(a, sc, 1, out, err);
        parley_analysis_free(a);
    } else if (w == DIAGNOSIS_JSON) {
        parley_diagnosis *d = NULL;
        assert_int_equal(parley_diagnose(sc, &options, &d, err), PARLEY_OK);
        rc = parley_diagnosis_write_json(d, sc, out, err);
        parley_diagnosis_free(d);
    } else if (w == PROPOSAL_JSON || w == PROPOSAL_TEXT) {
        rc = parley_propose_write(sc, PARLEY_SOLUTION_NASH, &options, w == PROPOSAL_JSON, out, err);
    } else if (w == RANKING_TEXT || w == RANKING_JSON) {
        const uint32_t texts[] = {1, 0, 0, 1};
        const char *const names[] = {"first", "second"};
        parley_text_rank ranks[2];
        double best = 0;
        assert_int_equal(parley_texts_rank(sc, texts, 2, PARLEY_SOLUTION_NASH, &options, ranks, &best, err),
                         PARLEY_OK);
        rc = parley_texts_write(sc, texts, names, 2, ranks, PARLEY_SOLUTION_NASH, best, w == RANKING_JSON, out, err);
    } else {
        const uint32_t agreement[] = {0, 0};
        parley_improvements *r = NULL;
        assert_int_equal(parley_improve(sc, agreement, NULL, &r, err), PARLEY_OK);
        rc = parley_improvements_write(r, sc, w == IMPROVEMENTS_JSON, out, err);
        parley_improvements_free(r);
    }
    return rc;
}

static const char *const messages[WRITERS] = {
    "could not write the JSON output", "could not write the plot",     "could not write the JSON output",
    "could not write the proposal",    "could not write the proposal", "could not write the ranking",
    "could not write the JSON output", "cannot write",                 "cannot write"};

static void test_every_writer_says_it_could_not_write(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_text(zone, "zone");
    for (int w = 0; w < WRITERS; w++) {
        FILE *full = fopen("/dev/full", "w");
        assert_non_null(full);
        setvbuf(full, NULL, _IONBF, 0);
        parley_error err;
        int rc = write_to((enum writer)w, sc, full, &err);
        fclose(full);
        if (rc != PARLEY_EIO)
            fail_msg("writer %d to /dev/full: code %d", w, rc);
        assert_string_equal(err.message, messages[w]);
        /* and to a working stream */
        char *text = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&text, &len);
        assert_non_null(mem);
        assert_int_equal(write_to((enum writer)w, sc, mem, &err), PARLEY_OK);
        fclose(mem);
        assert_true(len > 0);
        free(text);
    }
    parley_scenario_free(sc);
}

static void test_no_zone_proposal_could_not_write(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_text(no_zone, "no zone");
    for (int json = 0; json < 2; json++) {
        FILE *full = fopen("/dev/full", "w");
        assert_non_null(full);
        setvbuf(full, NULL, _IONBF, 0);
        parley_error err;
        assert_int_equal(parley_propose_write(sc, PARLEY_SOLUTION_NASH, NULL, json, full, &err), PARLEY_EIO);
        fclose(full);
        assert_string_equal(err.message, "could not write the proposal");
    }
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_writer_says_it_could_not_write),
        cmocka_unit_test(test_no_zone_proposal_could_not_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill14_gmcr.c: `conflict --explain` and `--inverse` when the JSON
 * library cannot allocate (issue 27: gmcr_json.c's check of the document, only
 * an allocation failure reaches it).  jansson's allocator refuses every
 * allocation for the call (json_set_alloc_funcs: jansson is a shared library,
 * out of failalloc's reach): both writers, in text and in JSON, return
 * PARLEY_ENOMEM with "out of memory" and write nothing, rather than a write
 * error (json_dumpf of no document) or a report read from no document.  With
 * the allocator back, the same calls write the report (the prisoner's dilemma,
 * state 0: the JSON names the state's code, 0).
 *
 * And the writers' other failures, each with its code and message: no result
 * or no report, a state code that is no state (4 with two options) or an
 * infeasible one (3 in the prisoner's dilemma with mutual defection ruled
 * out), and a stream that refuses every byte (/dev/full, unbuffered): a write
 * error (PARLEY_EIO) from every writer, text and JSON.  parley_gmcr_write_svg
 * draws what parley_gmcr_write_svg_view draws with no view, byte for byte.
 *
 * And the states a user names by their options (the prisoner's dilemma:
 * a_defects is code 1, b_defects 2): "a_defects + b_defects", "b_defects+a_defects"
 * and "a_defects  +  b_defects" are state 3; a '+' with nothing after it, two ids
 * without a '+', an unknown id are refused.  A state's label into no room (size
 * 0 or no buffer) writes nothing; into room for 5 bytes, "a_de".
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

/* jansson's allocator while a writer runs: every allocation refused */
static void *refuse(size_t size)
{
    (void)size;
    return NULL;
}

/* The GMCR model of examples/gmcr/`name`; fails the test with the error when it does not load. */
static parley_gmcr_model *example_model(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/examples/gmcr/%s", PARLEY_SOURCE_DIR, name);
    parley_gmcr_model *m = NULL;
    parley_error err;
    if (parley_gmcr_model_load(path, &m, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return m;
}

typedef int (*writer)(FILE *, const parley_gmcr_result *, uint32_t, int, parley_error *);

/* Runs the writer on state 0 into memory; returns its code, the text in *text (caller frees). */
static int write_state0(writer w, const parley_gmcr_result *r, int json, int starved, char **text, parley_error *err)
{
    size_t size = 0;
    *text = NULL;
    FILE *out = open_memstream(text, &size);
    assert_non_null(out);
    parley_error_clear(err);
    if (starved)
        json_set_alloc_funcs(refuse, free);
    int rc = w(out, r, 0, json, err);
    if (starved)
        json_set_alloc_funcs(malloc, free);
    fclose(out);
    return rc;
}

static void check_writer(writer w)
{
    parley_gmcr_model *m = example_model("prisoners-dilemma.json");
    parley_gmcr_result *r = NULL;
    parley_error err;
    parley_gmcr_options o = {.notions = 0, .threads = 1};
    assert_int_equal(parley_gmcr_analyze(m, &o, &r, &err), PARLEY_OK);
    for (int json = 0; json < 2; json++) {
        char *text = NULL;
        int rc = write_state0(w, r, json, 1, &text, &err);
        size_t written = strlen(text);
        free(text);
        assert_int_equal(rc, PARLEY_ENOMEM);
        assert_string_equal(err.message, "out of memory");
        assert_int_equal(written, 0);
        /* memory back: the report */
        rc = write_state0(w, r, json, 0, &text, &err);
        int named = json ? strstr(text, "\"code\": 0") != NULL : strlen(text) > 0;
        free(text);
        assert_int_equal(rc, PARLEY_OK);
        assert_true(named);
    }
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
}

static void test_explain_out_of_json_memory(void **state)
{
    (void)state;
    check_writer(parley_gmcr_write_explain);
}

static void test_inverse_out_of_json_memory(void **state)
{
    (void)state;
    check_writer(parley_gmcr_write_inverse);
}

static const char no_mutual_defection[] =
    "{\"name\": \"pd without mutual defection\", \"decision_makers\": ["
    " {\"name\": \"A\", \"options\": [{\"id\": \"a\"}], \"ranking\": [1, 0, 2]},"
    " {\"name\": \"B\", \"options\": [{\"id\": \"b\"}], \"ranking\": [2, 0, 1]}],"
    " \"infeasible\": [\"a and b\"]}";

static void test_writers_refuse_what_is_not_there(void **state)
{
    (void)state;
    parley_gmcr_model *m = NULL;
    parley_gmcr_result *r = NULL;
    parley_error err;
    assert_int_equal(parley_gmcr_model_parse(no_mutual_defection, strlen(no_mutual_defection), "pd", &m, &err),
                     PARLEY_OK);
    assert_int_equal(parley_gmcr_analyze(m, NULL, &r, &err), PARLEY_OK);
    const writer writers[2] = {parley_gmcr_write_explain, parley_gmcr_write_inverse};
    for (size_t w = 0; w < 2; w++) {
        assert_int_equal(writers[w](stdout, NULL, 0, 0, &err), PARLEY_EINVAL);
        assert_string_equal(err.message, "no result");
        const uint32_t bad[2] = {3, 4};
        for (size_t b = 0; b < 2; b++) {
            char *text = NULL;
            size_t size = 0;
            FILE *out = open_memstream(&text, &size);
            assert_non_null(out);
            int rc = writers[w](out, r, bad[b], 1, &err);
            fclose(out);
            size_t written = size;
            free(text);
            assert_int_equal(rc, PARLEY_EINVAL);
            char want[64];
            snprintf(want, sizeof want, "state %u is not a feasible state", bad[b]);
            assert_string_equal(err.message, want);
            assert_int_equal(written, 0);
        }
    }
    assert_int_equal(parley_gmcr_write_json(stdout, NULL, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "nothing to write");
    parley_gmcr_report empty = {0};
    assert_int_equal(parley_gmcr_write_text(stdout, &empty, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "nothing to write");
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
}

typedef int (*any_writer)(FILE *out, const parley_gmcr_result *r, int json, parley_error *err);

static int explain2(FILE *out, const parley_gmcr_result *r, int json, parley_error *err)
{
    return parley_gmcr_write_explain(out, r, 2, json, err);
}

static int inverse2(FILE *out, const parley_gmcr_result *r, int json, parley_error *err)
{
    return parley_gmcr_write_inverse(out, r, 2, json, err);
}

static int report(FILE *out, const parley_gmcr_result *r, int json, parley_error *err)
{
    parley_gmcr_report rep = {.result = r};
    return json ? parley_gmcr_write_json(out, &rep, err) : parley_gmcr_write_text(out, &rep, err);
}

static int graph(FILE *out, const parley_gmcr_result *r, int json, parley_error *err)
{
    return json ? parley_gmcr_write_svg(out, r, err) : parley_gmcr_write_dot(out, r, err);
}

static void test_write_errors(void **state)
{
    (void)state;
    parley_gmcr_model *m = example_model("elmira.json");
    parley_gmcr_result *r = NULL;
    parley_error err;
    assert_int_equal(parley_gmcr_analyze(m, NULL, &r, &err), PARLEY_OK);
    const any_writer writers[] = {explain2, inverse2, report, graph};
    for (size_t w = 0; w < sizeof writers / sizeof *writers; w++)
        for (int json = 0; json < 2; json++) {
            FILE *full = fopen("/dev/full", "w");
            assert_non_null(full);
            setvbuf(full, NULL, _IONBF, 0);
            parley_error_clear(&err);
            int rc = writers[w](full, r, json, &err);
            fclose(full);
            if (rc != PARLEY_EIO || strcmp(err.message, "write error") != 0)
                fail_msg("writer %zu (%s): %d (%s), expected a write error", w, json ? "JSON" : "text", rc,
                         err.message);
        }
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
}

static void test_svg_is_the_view_of_everything(void **state)
{
    (void)state;
    parley_gmcr_model *m = example_model("elmira.json");
    parley_gmcr_result *r = NULL;
    parley_error err;
    assert_int_equal(parley_gmcr_analyze(m, NULL, &r, &err), PARLEY_OK);
    char *whole = NULL, *view = NULL;
    size_t whole_size = 0, view_size = 0;
    FILE *a = open_memstream(&whole, &whole_size), *b = open_memstream(&view, &view_size);
    assert_non_null(a);
    assert_non_null(b);
    int rc_whole = parley_gmcr_write_svg(a, r, &err), rc_view = parley_gmcr_write_svg_view(b, r, NULL, &err);
    fclose(a);
    fclose(b);
    assert_int_equal(rc_whole, PARLEY_OK);
    assert_int_equal(rc_view, PARLEY_OK);
    assert_non_null(strstr(whole, "</svg>"));
    assert_string_equal(whole, view);
    free(whole);
    free(view);
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
}

static void test_states_by_their_options(void **state)
{
    (void)state;
    parley_gmcr_model *m = example_model("prisoners-dilemma.json");
    parley_error err;
    static const char *const good[] = {"a_defects + b_defects", "b_defects+a_defects", "a_defects  +  b_defects",
                                       "a_defects"};
    static const uint32_t codes[] = {3, 3, 3, 1};
    for (size_t k = 0; k < sizeof good / sizeof *good; k++) {
        uint32_t code = 99;
        if (parley_gmcr_model_parse_state(m, good[k], &code, &err) != PARLEY_OK)
            fail_msg("'%s': %s", good[k], err.message);
        assert_int_equal(code, codes[k]);
    }
    static const char *const bad[] = {"a_defects +", "a_defects+", "a_defects + ", "a_defects b_defects", "+ a_defects",
                                      "a_defects + c"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        uint32_t code = 99;
        if (parley_gmcr_model_parse_state(m, bad[k], &code, &err) != PARLEY_EINVAL)
            fail_msg("'%s' was read as state %u", bad[k], code);
    }
    char buf[8];
    memset(buf, 'z', sizeof buf);
    assert_ptr_equal(parley_gmcr_model_state_label(m, 1, buf, 0), buf);
    assert_int_equal(buf[0], 'z');
    assert_null(parley_gmcr_model_state_label(m, 1, NULL, 8));
    assert_string_equal(parley_gmcr_model_state_label(m, 1, buf, 5), "a_de");
    assert_string_equal(parley_gmcr_model_state_label(m, 3, buf, sizeof buf), "a_defec");
    parley_gmcr_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_explain_out_of_json_memory),
        cmocka_unit_test(test_inverse_out_of_json_memory),
        cmocka_unit_test(test_writers_refuse_what_is_not_there),
        cmocka_unit_test(test_write_errors),
        cmocka_unit_test(test_svg_is_the_view_of_everything),
        cmocka_unit_test(test_states_by_their_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

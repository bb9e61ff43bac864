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
    parley_gmcr_model *m = NULL;
    parley_gmcr_result *r = NULL;
    parley_error err;
    if (parley_gmcr_model_load(PARLEY_SOURCE_DIR "/examples/gmcr/prisoners-dilemma.json", &m, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_explain_out_of_json_memory),
        cmocka_unit_test(test_inverse_out_of_json_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

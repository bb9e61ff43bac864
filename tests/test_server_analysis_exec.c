/*
 * test_server_analysis_exec.c: the process of an analysis (src/server/jobs.c,
 * child.c, job_wire.c): the server executes its analysis program (`PROGRAM
 * serve --analysis-child`) for every analysis instead of running the handler in
 * a forked copy of itself, whose locks (a sanitizer's allocator's among them)
 * another thread may have held at the fork.  Pinned here: the program is run,
 * as the server's child, with those arguments, and its reply is the analysis of
 * the request (outcomes and acceptable packages counted by hand, the query's
 * frontier_limit carried over); a server without a program answers 503 and one
 * given a program it cannot execute does not start; the child's body reads a
 * request written by hand and names what is wrong with a bad one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/stat.h>

#include "test_server_talks.h"

/* Budget: price 0, 1 or 2; Buyer values them 1, 0.5, 0 and Seller 0, 0.5, 1, both with reservation 0.25: three
 * outcomes, only price 1 acceptable to both, and so a frontier (of the acceptable packages) of one. */
static void analysis_runs_the_program(void **state)
{
    (void)state;
    char dir[128], probe[256], wrapper[256], record[256];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "analysis-exec"));
    snprintf(record, sizeof record, "%s/ran", dir);
    snprintf(wrapper, sizeof wrapper, "%s/program", dir);
    talks_write_program(wrapper, 0755, "#!/bin/sh\necho \"$PPID $*\" > '%s'\nexec '%s' \"$@\"\n", record,
                        ANALYSIS_PROGRAM);
    parley_server_options o = {.analysis_program = wrapper};
    talks w;
    talks_open(&w, &o);
    http_resp r = http_request(w.port, "GET", "/api/negotiations/1/analysis?frontier_limit=0", w.med, NULL);
    assert_int_equal(r.status, 200);
    assert_int_equal(jint(&r, "outcomes", NULL), 3);
    assert_int_equal(jint(&r, "acceptable", NULL), 1);
    assert_int_equal(jint(&r, "frontier_count", NULL), 1);
    assert_int_equal(json_array_size(json_object_get(r.json, "frontier")), 0);
    assert_true(json_is_true(json_object_get(r.json, "frontier_truncated")));
    http_resp_free(&r);
    FILE *f = fopen(record, "r");
    assert_non_null(f);
    long parent = 0;
    assert_int_equal(fscanf(f, "%ld ", &parent), 1);
    assert_non_null(fgets(probe, sizeof probe, f));
    fclose(f);
    assert_int_equal(parent, (long)getpid());
    assert_string_equal(probe, "serve --analysis-child\n");
    talks_close(&w);
    test_tmpdir_remove(dir);
}

static void no_program_no_analysis(void **state)
{
    (void)state;
    parley_server_options o = {.analysis_program = ""};
    talks w;
    talks_open(&w, &o);
    http_resp r = http_request(w.port, "GET", "/api/negotiations/1/analysis", w.med, NULL);
    assert_int_equal(r.status, 503);
    assert_non_null(strstr(jstr(&r, "error", "message"), "no analysis program"));
    http_resp_free(&r);
    talks_close(&w);
}

static void a_program_that_cannot_run(void **state)
{
    (void)state;
    char dir[128], db[192];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "analysis-exec"));
    assert_int_equal(test_db_target(db, sizeof db, dir, "p.db"), 0);
    parley_server_options o = {.db_path = db, .open = 1, .analysis_program = "/nonexistent/parley-serve"};
    parley_server *srv = NULL;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_server_start(&o, &srv, &err), PARLEY_EINVAL);
    assert_null(srv);
    assert_non_null(strstr(err.message, "/nonexistent/parley-serve"));
    test_tmpdir_remove(dir);
}

/* The child's body on a request of its own: the reply of the handler named, or why the request does not read. */
static int child_on(const char *request, char *reply, size_t size, parley_error *err)
{
    FILE *in = fmemopen((void *)request, strlen(request), "r"), *out = fmemopen(reply, size, "w");
    assert_non_null(in);
    assert_non_null(out);
    parley_error_clear(err);
    int rc = parley_server_analysis_child(in, out, err);
    fclose(in);
    fclose(out);
    return rc;
}

static void child_reads_its_request(void **state)
{
    (void)state;
    json_t *doc = json_loads(talks_scenario, 0, NULL);
    char *merged = json_dumps(json_object_get(doc, "scenario"), JSON_COMPACT);
    json_decref(doc);
    json_t *req = json_pack("{s:s,s:[i,i,i],s:i,s:i,s:i,s:s,s:{},s:s,s:[],s:b}", "handler", "analysis", "ids", 1, 0,
                            0, "me", 1, "negotiation", 1, "role", 2, "name", "Broker", "query", "merged", merged,
                            "uploaded", "prefetched", 1);
    char *text = json_dumps(req, 0), reply[1 << 16];
    parley_error err;
    assert_int_equal(child_on(text, reply, sizeof reply, &err), PARLEY_OK);
    json_t *o = json_loads(reply, 0, NULL);
    assert_non_null(o);
    assert_int_equal(json_integer_value(json_object_get(o, "status")), 200);
    json_t *an = json_object_get(o, "reply");
    assert_int_equal(json_integer_value(json_object_get(an, "outcomes")), 3);
    assert_int_equal(json_integer_value(json_object_get(an, "acceptable")), 1);
    assert_int_equal(json_array_size(json_object_get(an, "frontier")), 1);
    assert_false(json_is_true(json_object_get(an, "frontier_truncated")));
    json_decref(o);
    free(text);
    free(merged);
    json_decref(req);
    assert_int_equal(child_on("{\"handler\": \"analysis\",\n  ", reply, sizeof reply, &err), PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "line 2"));
    assert_int_equal(child_on("{\"handler\": \"format-disk\", \"ids\": [1, 0, 0], \"query\": {}, \"name\": \"x\"}",
                              reply, sizeof reply, &err),
                     PARLEY_EINVAL);
    assert_non_null(strstr(err.message, "handler"));
}

/* A party's advice repeats the latest text's id and number; a record whose text lacks its number is named as a
 * record that does not fit (it was reported as "out of memory"), and with the number the advice is given. */
static void advice_on_a_text_without_number(void **state)
{
    (void)state;
    static const char request[] =
        "{\"handler\": \"party_advice\", \"ids\": [1, 0, 0], \"me\": 2, \"negotiation\": 1, \"role\": 1, "
        "\"name\": \"Buyer\", \"query\": {}, \"merged\": null, \"uploaded\": null, \"text\": null, "
        "\"prefetched\": true, \"public\": {\"scenario\": {\"title\": \"Budget\", \"issues\": [{\"name\": "
        "\"price\", \"type\": \"integer\", \"min\": 0, \"max\": 2}], \"parties\": [{\"name\": \"Buyer\", "
        "\"reservation\": 0.25, \"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": "
        "\"linear\", \"at_min\": 1, \"at_max\": 0}}}}, {\"name\": \"Seller\", \"reservation\": 0.25, "
        "\"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": \"linear\", \"at_min\": 0, "
        "\"at_max\": 1}}}}, {\"name\": \"Broker\", \"role\": \"mediator\"}]}, \"events\": [{\"kind\": "
        "\"text\", \"id\": 4, %s\"outcome\": {\"price\": 1}}], \"offers\": []}}";
    char text[2048], reply[1 << 14];
    parley_error err;
    snprintf(text, sizeof text, request, "");
    assert_int_equal(child_on(text, reply, sizeof reply, &err), PARLEY_OK);
    json_t *o = json_loads(reply, 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(o, "status")), 500);
    const char *why = json_string_value(json_object_get(json_object_get(json_object_get(o, "reply"), "error"), "message"));
    assert_non_null(why);
    assert_non_null(strstr(why, "record"));
    json_decref(o);
    snprintf(text, sizeof text, request, "\"number\": 3, ");
    assert_int_equal(child_on(text, reply, sizeof reply, &err), PARLEY_OK);
    o = json_loads(reply, 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(o, "status")), 200);
    json_t *an = json_object_get(o, "reply");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(an, "text"), "number")), 3);
    /* price 1 on Buyer's linear 1 -> 0 over 0..2: worth 0.5, 0.25 above its reservation */
    assert_float_equal(json_real_value(json_object_get(an, "utility")), 0.5, 1e-9);
    assert_float_equal(json_real_value(json_object_get(an, "margin")), 0.25, 1e-9);
    json_decref(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(analysis_runs_the_program),
        cmocka_unit_test(no_program_no_analysis),
        cmocka_unit_test(a_program_that_cannot_run),
        cmocka_unit_test(child_reads_its_request),
        cmocka_unit_test(advice_on_a_text_without_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_server_upload.c: creating a negotiation from "documents" (issue 11's
 * one input rule in the server): a GENIUS domain and its profiles, a GeniusWeb
 * domain and profiles, or a native scenario as a document, are read by the one
 * loader and stored as the native scenario they make (party names from the
 * profiles, GENIUS semantics); a domain over the server's limits is refused
 * with 413 before any profile is read; bad documents give 400 with the
 * document's own file:line:column.
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

#include "test_db.h"
#include "test_tmpdir.h"
#include "test_server_http.h"

#include <parley/parley.h>

#define LAPTOP PARLEY_SHARED_DIR "/genius/anac2012/Laptop/Laptop-A-"

typedef struct server {
    char dir[128], db[160];
    parley_server *srv;
    uint16_t port;
} server;

static int start(void **state)
{
    server *w = calloc(1, sizeof *w);
    assert_non_null(w);
    assert_non_null(test_tmpdir_make(w->dir, sizeof w->dir, "upload"));
    assert_int_equal(test_db_target(w->db, sizeof w->db, w->dir, "u.db"), 0);
    parley_server_options o = {0};
    o.db_path = w->db;
    o.analysis_program = ANALYSIS_PROGRAM;
    o.max_body = 1024 * 1024;
    o.sync = PARLEY_SYNC_NORMAL;
    o.analysis_seconds = 300; /* a bound on a hang, not a budget under test */
    o.open = 1;
    o.limits.values_per_issue = 1000;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_server_start(&o, &w->srv, &err), PARLEY_OK);
    w->port = parley_server_port(w->srv);
    *state = w;
    return 0;
}

static int stop(void **state)
{
    server *w = *state;
    parley_server_stop(w->srv);
    if (test_tmpdir_remove(w->dir) != 0)
        return -1;
    free(w);
    return 0;
}

static json_t *document(const char *name, const char *path)
{
    json_error_t jerr;
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("%s: cannot open (the tests need ../shared/genius)", path);
    char *text = malloc(1 << 20);
    size_t n = fread(text, 1, (1 << 20) - 1, f);
    fclose(f);
    text[n] = '\0';
    json_t *d = json_pack_ex(&jerr, 0, "{s:s,s:s%}", "name", name, "content", text, n);
    free(text);
    assert_non_null(d);
    return d;
}

/* Laptop-A: a GENIUS domain and two profiles become a negotiation whose parties are the profiles. */
static void test_genius_documents(void **state)
{
    server *w = *state;
    json_t *body = json_pack("{s:[o,o,o]}", "documents", document("Laptop-A-domain.xml", LAPTOP "domain.xml"),
                             document("Laptop-A-prof1.xml", LAPTOP "prof1.xml"),
                             document("Laptop-A-prof2.xml", LAPTOP "prof2.xml"));
    http_resp r = http_json(w->port, "POST", "/api/negotiations", NULL, body);
    assert_int_equal(r.status, 201);
    const char *token = jstr(&r, "participant", "token");
    assert_non_null(token);
    char med[65];
    snprintf(med, sizeof med, "%s", token);
    http_resp_free(&r);
    /* The analysis of the stored scenario is the CLI's of the same files (hand-checked there: 27 outcomes). */
    r = http_request(w->port, "GET", "/api/negotiations/1/analysis", med, NULL);
    assert_int_equal(r.status, 200);
    json_t *a = json_object_get(r.json, "outcomes") ? r.json : json_object_get(r.json, "analysis");
    assert_non_null(a);
    parley_scenario *sc = NULL;
    parley_error err;
    const char *files[3] = {LAPTOP "domain.xml", LAPTOP "prof1.xml", LAPTOP "prof2.xml"};
    assert_int_equal(parley_scenario_load_files(files, 3, &sc, &err), PARLEY_OK);
    parley_analysis *direct = NULL;
    assert_int_equal(parley_analyze(sc, NULL, &direct, &err), PARLEY_OK);
    assert_int_equal(json_integer_value(json_object_get(a, "outcomes")), parley_analysis_outcomes(direct));
    assert_int_equal(json_integer_value(json_object_get(a, "acceptable")), parley_analysis_acceptable(direct));
    parley_analysis_free(direct);
    parley_scenario_free(sc);
    http_resp_free(&r);
}

/* A native scenario as a document is the same as "scenario"; both at once is refused. */
static void test_native_document_and_both(void **state)
{
    server *w = *state;
    json_t *doc = document("textbook.json", PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json");
    http_resp r = http_json(w->port, "POST", "/api/negotiations", NULL, json_pack("{s:[O]}", "documents", doc));
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    r = http_json(w->port, "POST", "/api/negotiations", NULL,
                  json_pack("{s:[o],s:{}}", "documents", doc, "scenario"));
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "not both"));
    http_resp_free(&r);
}

/* An integer issue of 10^6 values (the server allows 1000 here): 413 before any profile is read. */
static void test_domain_over_limits(void **state)
{
    server *w = *state;
    const char *domain =
        "<negotiation_template><utility_space><objective index=\"0\" name=\"root\" type=\"objective\">"
        "<issue index=\"1\" name=\"price\" type=\"integer\" lowerbound=\"0\" upperbound=\"999999\"/>"
        "</objective></utility_space></negotiation_template>";
    json_t *body = json_pack("{s:[{s:s,s:s},{s:s,s:s},{s:s,s:s}]}", "documents", "name", "big-domain.xml", "content",
                             domain, "name", "a.xml", "content", "<utility_space/>", "name", "b.xml", "content",
                             "<utility_space/>");
    http_resp r = http_json(w->port, "POST", "/api/negotiations", NULL, body);
    assert_int_equal(r.status, 413);
    assert_non_null(strstr(r.body, "at most 1000"));
    assert_int_equal(jint(&r, "error", "status"), 413);
    assert_string_equal(jstr(&r, "error", "field"), "documents");
    http_resp_free(&r);
}

/* A broken profile: 400 naming the document and where in it. */
static void test_bad_document(void **state)
{
    server *w = *state;
    json_t *body = json_pack("{s:[o,{s:s,s:s},o]}", "documents", document("Laptop-A-domain.xml", LAPTOP "domain.xml"),
                     "name", "broken.xml", "content", "<utility_space>\n  <objective",
                     document("Laptop-A-prof2.xml", LAPTOP "prof2.xml"));
    http_resp r = http_json(w->port, "POST", "/api/negotiations", NULL, body);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "broken.xml:2"));
    http_resp_free(&r);
}

/*
 * A party uploads its profile as a GENIUS document over the negotiation's domain: Laptop-A-prof1's seat
 * takes prof2's preferences; what is stored is what `parley convert` makes of prof2 (weights normalised
 * to the native form: Laptop 0.37808251708013424 / 1.0000518 of GENIUS's raw 0.3781, Macintosh 1).
 */
static void test_profile_document(void **state)
{
    server *w = *state;
    json_t *body = json_pack("{s:[o,o,o]}", "documents", document("Laptop-A-domain.xml", LAPTOP "domain.xml"),
                             document("Laptop-A-prof1.xml", LAPTOP "prof1.xml"),
                             document("Laptop-A-prof2.xml", LAPTOP "prof2.xml"));
    http_resp r = http_json(w->port, "POST", "/api/negotiations", NULL, body);
    assert_int_equal(r.status, 201);
    char med[65], party[65];
    snprintf(med, sizeof med, "%s", jstr(&r, "participant", "token"));
    http_resp_free(&r);
    r = http_json(w->port, "POST", "/api/negotiations/1/participants", med,
                  json_pack("{s:s,s:s}", "name", "Laptop-A-prof1", "role", "party"));
    assert_int_equal(r.status, 201);
    snprintf(party, sizeof party, "%s", jstr(&r, "token", NULL) ? jstr(&r, "token", NULL) : jstr(&r, "participant", "token"));
    http_resp_free(&r);
    r = http_json(w->port, "PUT", "/api/negotiations/1/profile", party,
                  json_pack("{s:o}", "document", document("Laptop-A-prof2.xml", LAPTOP "prof2.xml")));
    assert_int_equal(r.status, 200);
    http_resp_free(&r);
    r = http_request(w->port, "GET", "/api/negotiations/1/profile", party, NULL);
    assert_int_equal(r.status, 200);
    json_t *laptop = json_object_get(json_object_get(json_object_get(r.json, "profile"), "preferences"), "Laptop");
    assert_non_null(laptop);
    assert_true(fabs(json_number_value(json_object_get(laptop, "weight")) - 0.37808251708013424) < 1e-12);
    assert_true(json_number_value(json_object_get(json_object_get(laptop, "values"), "Macintosh")) == 1);
    http_resp_free(&r);
    /* A broken document: 400, field document, naming the document's line. */
    r = http_json(w->port, "PUT", "/api/negotiations/1/profile", party,
                  json_pack("{s:{s:s,s:s}}", "document", "name", "mine.xml", "content", "<utility_space>\n<objective"));
    assert_int_equal(r.status, 400);
    assert_string_equal(jstr(&r, "error", "field"), "document");
    assert_non_null(strstr(r.body, "mine.xml:2"));
    http_resp_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_genius_documents, start, stop),
        cmocka_unit_test_setup_teardown(test_native_document_and_both, start, stop),
        cmocka_unit_test_setup_teardown(test_domain_over_limits, start, stop),
        cmocka_unit_test_setup_teardown(test_bad_document, start, stop),
        cmocka_unit_test_setup_teardown(test_profile_document, start, stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

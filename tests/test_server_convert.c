/*
 * test_server_convert.c: POST /api/negotiations/{n}/profile/convert (docs/api.md), what the preferences form
 * uses to read a GENIUS or GeniusWeb profile: the native fields of a GENIUS profile written by hand (a linear
 * evaluator 0.75 - 0.25 * price, reservation 0.4) and of a GeniusWeb one (the same line, its reservation the
 * utility of its reservation bid, price 1: 0.5), with nothing stored (no profile, no event); a broken
 * document (400 with its line and column), a body without a document (400), one over --profile-bytes (413), a
 * text/plain post (415), another negotiation's token (403), no token (401).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_server_talks.h"

static const char profile_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<utility_space>\n"
    "<objective index=\"0\" name=\"Budget\" type=\"objective\" etype=\"objective\">\n"
    "<issue index=\"1\" name=\"price\" type=\"integer\" etype=\"integer\" vtype=\"integer\" lowerbound=\"0\" upperbound=\"2\">\n"
    "<evaluator ftype=\"linear\" slope=\"-0.25\" offset=\"0.75\"/>\n</issue>\n<weight index=\"1\" value=\"1\"/>\n"
    "</objective>\n<discount_factor value=\"1\"/>\n<reservation value=\"0.4\"/>\n</utility_space>\n";

static const char profile_web[] =
    "{\"LinearAdditiveUtilitySpace\": {\"issueUtilities\": {\"price\": {\"NumberValueSetUtilities\": "
    "{\"lowValue\": 0, \"lowUtility\": 0.75, \"highValue\": 2, \"highUtility\": 0.25}}}, \"issueWeights\": {\"price\": 1}, "
    "\"domain\": {\"name\": \"Budget\", \"issuesValues\": {\"price\": {\"range\": {\"low\": 0, \"high\": 2, \"step\": 1}}}}, "
    "\"name\": \"Buyer\", \"reservationBid\": {\"issuevalues\": {\"price\": 1}}}}";

static http_resp convert(talks *w, const char *token, const char *name, const char *content)
{
    return http_json(w->port, "POST", "/api/negotiations/1/profile/convert", token,
                     json_pack("{s:{s:s,s:s}}", "document", "name", name, "content", content));
}

static void expect_error(http_resp r, int status, const char *field)
{
    assert_int_equal(r.status, status);
    json_t *e = json_object_get(r.json, "error");
    assert_int_equal(json_integer_value(json_object_get(e, "status")), status);
    if (field)
        assert_string_equal(json_string_value(json_object_get(e, "field")), field);
    http_resp_free(&r);
}

static void test_convert_genius_profile(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    for (int k = 0; k < 3; k++) { /* a party for itself, a mediator modelling a party; GENIUS, GeniusWeb */
        http_resp r = k < 2 ? convert(&w, k ? w.med : w.buyer, "mine.xml", profile_xml) : convert(&w, w.buyer, "mine.json", profile_web);
        assert_int_equal(r.status, 200);
        json_t *want = json_pack("{s:{s:{s:{s:i,s:{s:s,s:f,s:f}}},s:f}}", "profile", "preferences", "price", "weight", 1,
                                 "function", "type", "linear", "at_min", 0.75, "at_max", 0.25, "reservation",
                                 k < 2 ? 0.4 : 0.5);
        assert_true(json_equal(r.json, want));
        json_decref(want);
        http_resp_free(&r);
    }
    /* Nothing stored: no profile, no event. */
    http_resp r = http_request(w.port, "GET", "/api/negotiations/1/profile", w.buyer, NULL);
    assert_int_equal(r.status, 200);
    assert_true(json_is_null(json_object_get(r.json, "profile")));
    http_resp_free(&r);
    assert_int_equal(talks_count_events(&w, "profile.updated"), 0);
    talks_close(&w);
}

static void test_convert_refusals(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.profile_bytes = 2000;
    talks_open(&w, &o);
    expect_error(convert(&w, w.buyer, "broken.xml", "<utility_space>\n<objective"), 400, "document");
    http_resp r = convert(&w, w.buyer, "broken.xml", "<utility_space>\n<objective");
    assert_non_null(strstr(jstr(&r, "error", "message"), "broken.xml:2:"));
    http_resp_free(&r);
    expect_error(http_json(w.port, "POST", "/api/negotiations/1/profile/convert", w.buyer,
                           json_pack("{s:{}}", "preferences")),
                 400, "document");
    char big[3000];
    memset(big, ' ', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    expect_error(convert(&w, w.buyer, "big.xml", big), 413, "body");
    expect_error(http_request_h(w.port, "POST", "/api/negotiations/1/profile/convert", w.buyer, "{}", 2,
                                "Content-Type: text/plain\r\n"), 415,
                 "Content-Type");
    expect_error(convert(&w, NULL, "mine.xml", profile_xml), 401, NULL);
    /* A second negotiation's mediator may not convert in the first. */
    r = http_request(w.port, "POST", "/api/negotiations", NULL, talks_scenario);
    assert_int_equal(r.status, 201);
    char other[65];
    snprintf(other, sizeof other, "%s", jstr(&r, "participant", "token"));
    http_resp_free(&r);
    expect_error(convert(&w, other, "mine.xml", profile_xml), 403, NULL);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_convert_genius_profile),
                                       cmocka_unit_test(test_convert_refusals)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

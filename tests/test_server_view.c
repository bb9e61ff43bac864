/*
 * test_server_view.c: a negotiation's merged view (the scenario with the
 * uploaded profiles, parsed, and each party's valuation table) is built once
 * per version of the profiles, not once per request: the server's count of
 * builds (srv->view_rebuilds) stays put over repeated GET texts/current/value
 * of both parties, a new text and an analysis, and goes up by one when a
 * profile changes; the values read are those of the current profile
 * (computed by hand from the profile's value table).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "server/server_internal.h"
#include "test_server_talks.h"

static uint64_t rebuilds(talks *w)
{
    return __atomic_load_n(&w->srv->view_rebuilds, __ATOMIC_RELAXED);
}

static void put_profile(talks *w, const char *values)
{
    char body[300];
    snprintf(body, sizeof body, "{\"preferences\": {\"price\": {\"weight\": 1, \"values\": %s}}}", values);
    http_resp r = http_request(w->port, "PUT", "/api/negotiations/1/profile", w->buyer, body);
    assert_int_equal(r.status, 200);
    http_resp_free(&r);
}

static void table(talks *w, int price)
{
    char body[100];
    snprintf(body, sizeof body, "{\"outcome\": {\"price\": %d}}", price);
    http_resp r = http_request(w->port, "POST", "/api/negotiations/1/texts", w->med, body);
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
}

/* The Buyer's utility of the current text, read through the API. */
static double buyer_value(talks *w)
{
    http_resp r = http_request(w->port, "GET", "/api/negotiations/1/texts/current/value", w->buyer, NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(jstr(&r, "profile", NULL), "uploaded");
    double u = json_real_value(json_object_get(r.json, "utility"));
    http_resp_free(&r);
    return u;
}

static void test_view_built_once_per_profile_version(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    put_profile(&w, "{\"0\": 1, \"1\": 0.5, \"2\": 0}");
    http_resp r = http_request(w.port, "POST", "/api/negotiations/1/sessions", w.med, "{\"venue\": \"Geneva\"}");
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    table(&w, 1);
    uint64_t before = rebuilds(&w);
    for (int i = 0; i < 5; i++)
        assert_true(buyer_value(&w) == 0.5); /* price 1 is worth 0.5 in the Buyer's table */
    assert_int_equal(rebuilds(&w) - before, 1);
    r = http_request(w.port, "GET", "/api/negotiations/1/texts/current/value", w.seller, NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(jstr(&r, "profile", NULL), "none");
    assert_int_equal(jint(&r, "text", "number"), 1);
    http_resp_free(&r);
    table(&w, 2); /* a new text changes no view */
    assert_true(buyer_value(&w) == 0);
    r = http_request(w.port, "GET", "/api/negotiations/1/analysis", w.med, NULL); /* the analysis shares it */
    assert_int_equal(r.status, 200);
    http_resp_free(&r);
    assert_int_equal(rebuilds(&w) - before, 1);
    /* A new profile: one more build, and the new table's value. */
    put_profile(&w, "{\"0\": 1, \"1\": 0.5, \"2\": 0.75}");
    for (int i = 0; i < 3; i++)
        assert_true(buyer_value(&w) == 0.75);
    assert_int_equal(rebuilds(&w) - before, 2);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_view_built_once_per_profile_version)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

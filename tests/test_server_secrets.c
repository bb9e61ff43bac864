/*
 * test_server_secrets.c: the scenario's description of a party is written for
 * that party: GET /negotiations/{n} shows a party its own description and not
 * the other's; the mediator sees both (docs/api.md, "Who sees what").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_server_talks.h"

/* The description of party `name` in the scenario the caller `token` is shown; NULL when absent. */
static char *description_seen(talks *w, const char *token, const char *name)
{
    http_resp r = http_request(w->port, "GET", "/api/negotiations/1", token, NULL);
    assert_int_equal(r.status, 200);
    json_t *parties = json_object_get(json_object_get(r.json, "scenario"), "parties");
    assert_int_equal(json_array_size(parties), 3);
    char *found = NULL;
    for (size_t i = 0; i < json_array_size(parties); i++) {
        json_t *p = json_array_get(parties, i);
        const char *d = json_string_value(json_object_get(p, "description"));
        if (strcmp(json_string_value(json_object_get(p, "name")), name) == 0 && d)
            found = strdup(d);
    }
    http_resp_free(&r);
    return found;
}

static void expect(talks *w, const char *token, const char *name, const char *want)
{
    char *got = description_seen(w, token, name);
    if (want) {
        assert_non_null(got);
        assert_string_equal(got, want);
    } else
        assert_null(got);
    free(got);
}

static void test_party_description_private(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    expect(&w, w.buyer, "Buyer", "Buyer's brief");
    expect(&w, w.buyer, "Seller", NULL);
    expect(&w, w.seller, "Seller", "Seller's brief");
    expect(&w, w.seller, "Buyer", NULL);
    expect(&w, w.med, "Buyer", "Buyer's brief");
    expect(&w, w.med, "Seller", "Seller's brief");
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_party_description_private)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

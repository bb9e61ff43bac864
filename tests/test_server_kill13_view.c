/*
 * test_server_kill13_view.c: the server's cache of merged views (view.c,
 * VIEW_CACHE = 8 slots) evicting older views when more negotiations than
 * slots are viewed.  A view evicted while a request still holds it stays
 * usable until that holder releases it, and is freed then; a view evicted
 * while nobody holds it is freed at once.  Under the sanitizers a view freed
 * too early is a use after free and one never freed is a leak, so this test
 * kills the mutants of view_get's eviction (cached left set on an evicted
 * view: leak; freed at refs == 1 instead of 0: use after free while held,
 * and a leak of every unheld evicted view).  view_get is called directly
 * with a reader connection, as the server's handlers call it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "server/server_internal.h"
#include "test_server_talks.h"

enum { NEGOTIATIONS = VIEW_CACHE + 3 };

static uint64_t rebuilds(talks *w)
{
    return __atomic_load_n(&w->srv->view_rebuilds, __ATOMIC_RELAXED);
}

/* The view of negotiation `id`, got as a request gets it; the caller releases it. */
static view_entry *get_view(talks *w, int64_t id)
{
    api_call c;
    memset(&c, 0, sizeof c);
    c.srv = w->srv;
    c.ids[0] = id;
    assert_non_null(c.db = store_reader(w->srv->db));
    view_entry *v = view_get(&c);
    store_reader_release(w->srv->db, c.db);
    json_decref(c.reply);
    assert_non_null(v);
    return v;
}

/* What the Budget scenario's view holds: three parties, Buyer first, the title in the text. */
static void check_view(const view_entry *v)
{
    const parley_scenario *sc = view_scenario(v);
    assert_int_equal(parley_scenario_party_count(sc), 3);
    assert_string_equal(parley_party_name(sc, 0), "Buyer");
    assert_non_null(strstr(view_text(v), "\"Budget\""));
}

static void test_evicted_views_freed_by_their_last_holder(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    for (int i = 2; i <= NEGOTIATIONS; i++) { /* negotiations 2.. of the same scenario */
        http_resp r = http_request(w.port, "POST", "/api/negotiations", NULL, talks_scenario);
        assert_int_equal(r.status, 201);
        http_resp_free(&r);
    }
    uint64_t before = rebuilds(&w);
    view_entry *held = get_view(&w, 1); /* held while every other negotiation is viewed */
    for (int64_t id = 2; id <= NEGOTIATIONS; id++) {
        view_entry *v = get_view(&w, id);
        check_view(v);
        view_release(w.srv, v);
    }
    /* Negotiation 1's view was the least recently used: evicted, yet its holder still reads it. */
    assert_int_equal(rebuilds(&w) - before, NEGOTIATIONS);
    check_view(held);
    view_entry *again = get_view(&w, 1); /* not cached any more: built anew, a view of its own */
    assert_int_equal(rebuilds(&w) - before, NEGOTIATIONS + 1);
    assert_ptr_not_equal(again, held);
    check_view(held);
    view_release(w.srv, held); /* its last holder: freed now (a leak under the sanitizers otherwise) */
    check_view(again);
    view_release(w.srv, again);
    /* The most recent views stay cached: viewing the last negotiation builds nothing. */
    view_release(w.srv, get_view(&w, NEGOTIATIONS));
    assert_int_equal(rebuilds(&w) - before, NEGOTIATIONS + 1);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_evicted_views_freed_by_their_last_holder)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_server_budget.c: every budget a participant can run into (docs/api.md,
 * "Limits"), hit on purpose: the reply's status (413 for a size, 429 for a
 * rate or a count, with Retry-After for the rate), its JSON error, and that
 * nothing was stored (the timeline and the profile read back through the API).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_server_talks.h"

#include <parley/parley.h>

static const char own_profile[] = "{\"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 1, \"1\": 0.5, \"2\": 0}}}";

/* A profile with `red_lines` red lines ("r0": price <= 2, ...) padded by `pad` spaces. */
static char *profile_with(size_t red_lines, size_t pad)
{
    size_t cap = 200 + red_lines * 64 + pad;
    char *p = malloc(cap);
    assert_non_null(p);
    size_t n = (size_t)snprintf(p, cap, "%s, \"red_lines\": [", own_profile);
    for (size_t i = 0; i < red_lines; i++)
        n += (size_t)snprintf(p + n, cap - n, "%s{\"name\": \"r%zu\", \"rule\": \"price <= 2\"}", i ? ", " : "", i);
    memset(p + n, ' ', pad);
    n += pad;
    snprintf(p + n, cap - n, "]}");
    return p;
}

static void assert_error(const http_resp *r, int status)
{
    assert_int_equal(r->status, status);
    assert_int_equal(jint(r, "error", "status"), status);
    assert_non_null(jstr(r, "error", "message"));
}

/* The Buyer's stored profile: null when none was uploaded. */
static int buyer_has_profile(talks *w)
{
    http_resp r = http_request(w->port, "GET", "/api/negotiations/1/profile", w->buyer, NULL);
    assert_int_equal(r.status, 200);
    int has = json_is_object(json_object_get(r.json, "profile"));
    http_resp_free(&r);
    return has;
}

static void test_profile_bytes(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.profile_bytes = 2048;
    talks_open(&w, &o);
    char *big = profile_with(1, 2100); /* well-formed, but over 2048 bytes */
    http_resp r = http_request(w.port, "PUT", "/api/negotiations/1/profile", w.buyer, big);
    assert_error(&r, 413);
    assert_string_equal(jstr(&r, "error", "field"), "body");
    http_resp_free(&r);
    free(big);
    assert_false(buyer_has_profile(&w));
    assert_int_equal(talks_count_events(&w, "profile.updated"), 0);
    char *small = profile_with(1, 0); /* the same profile within the budget is stored */
    r = http_request(w.port, "PUT", "/api/negotiations/1/profile", w.buyer, small);
    assert_int_equal(r.status, 200);
    http_resp_free(&r);
    free(small);
    assert_true(buyer_has_profile(&w));
    talks_close(&w);
}

static void test_red_lines(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.red_lines = 3;
    talks_open(&w, &o);
    char *four = profile_with(4, 0), *three = profile_with(3, 0);
    http_resp r = http_request(w.port, "PUT", "/api/negotiations/1/profile", w.buyer, four);
    assert_error(&r, 413);
    assert_string_equal(jstr(&r, "error", "field"), "red_lines");
    http_resp_free(&r);
    assert_false(buyer_has_profile(&w));
    r = http_request(w.port, "PUT", "/api/negotiations/1/profile", w.buyer, three);
    assert_int_equal(r.status, 200);
    http_resp_free(&r);
    assert_true(buyer_has_profile(&w));
    free(four);
    free(three);
    talks_close(&w);
}

/* 2,000 red lines in one profile load (the names are checked with a hash set, not pairwise). */
static void test_many_red_lines_load(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.red_lines = 2000;
    o.budgets.profile_bytes = 1 << 20;
    talks_open(&w, &o);
    char *many = profile_with(2000, 0);
    http_resp r = http_request(w.port, "PUT", "/api/negotiations/1/profile", w.buyer, many);
    assert_int_equal(r.status, 200);
    http_resp_free(&r);
    free(many);
    /* A repeated name is still refused (400), and names the red line. */
    r = http_request(w.port, "PUT", "/api/negotiations/1/profile", w.buyer,
                     "{\"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 1, \"1\": 0.5, \"2\": 0}}}, "
                     "\"red_lines\": [{\"name\": \"a\", \"rule\": \"price <= 2\"}, {\"name\": \"b\", \"rule\": "
                     "\"price <= 1\"}, {\"name\": \"a\", \"rule\": \"price >= 0\"}]}");
    assert_error(&r, 400);
    assert_non_null(strstr(jstr(&r, "error", "message"), "'a' is defined twice"));
    http_resp_free(&r);
    talks_close(&w);
}

static void test_message_bytes(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.message_bytes = 100;
    talks_open(&w, &o);
    http_resp r = talks_message(&w, w.buyer, 101);
    assert_error(&r, 413);
    http_resp_free(&r);
    assert_int_equal(talks_count_events(&w, "message"), 0);
    r = talks_message(&w, w.buyer, 100);
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    assert_int_equal(talks_count_events(&w, "message"), 1);
    talks_close(&w);
}

/* A bucket of 3 writes refilled once in 1000 s: the 4th write of the Buyer is refused, the Seller's is not. */
static void test_write_rate(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.write_burst = 3;
    o.budgets.write_rate = 0.001;
    talks_open(&w, &o);
    for (int i = 0; i < 3; i++) {
        http_resp r = talks_message(&w, w.buyer, 10);
        assert_int_equal(r.status, 201);
        http_resp_free(&r);
    }
    http_resp r = talks_message(&w, w.buyer, 10);
    assert_error(&r, 429);
    /* Retry-After: one write's refill, 1 / 0.001 = 1000 s at most (less by the time the three took). */
    const char *after = strstr(r.raw, "\r\nRetry-After: ");
    assert_non_null(after);
    long seconds = strtol(after + 15, NULL, 10);
    assert_true(seconds >= 900 && seconds <= 1000);
    http_resp_free(&r);
    /* A refused profile upload counts too, and stores nothing. */
    r = http_request(w.port, "PUT", "/api/negotiations/1/profile", w.buyer, "{\"preferences\": {}}");
    assert_error(&r, 429);
    http_resp_free(&r);
    assert_int_equal(talks_count_events(&w, "message"), 3);
    r = talks_message(&w, w.seller, 10); /* another participant has its own bucket */
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    assert_int_equal(talks_count_events(&w, "message"), 4);
    talks_close(&w);
}

/* Profile uploads have a bucket of their own (each makes the next read rebuild the merged view): 2 at once,
 * then one in 1000 s: the third is refused and the second stays the stored one. */
static void test_profile_rate(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.profile_burst = 2;
    o.budgets.profile_rate = 0.001;
    talks_open(&w, &o);
    for (int red_lines = 1; red_lines <= 2; red_lines++) {
        char *p = profile_with((size_t)red_lines, 0);
        http_resp r = http_request(w.port, "PUT", "/api/negotiations/1/profile", w.buyer, p);
        assert_int_equal(r.status, 200);
        http_resp_free(&r);
        free(p);
    }
    char *third = profile_with(3, 0);
    http_resp r = http_request(w.port, "PUT", "/api/negotiations/1/profile", w.buyer, third);
    free(third);
    assert_error(&r, 429);
    assert_non_null(strstr(jstr(&r, "error", "message"), "--profile-burst"));
    assert_non_null(strstr(r.raw, "\r\nRetry-After: "));
    http_resp_free(&r);
    assert_int_equal(talks_count_events(&w, "profile.updated"), 2);
    r = http_request(w.port, "GET", "/api/negotiations/1/profile", w.buyer, NULL);
    assert_int_equal(json_array_size(json_object_get(json_object_get(r.json, "profile"), "red_lines")), 2);
    http_resp_free(&r);
    r = talks_message(&w, w.buyer, 10); /* other writes are not held back */
    assert_int_equal(r.status, 201);
    http_resp_free(&r);
    talks_close(&w);
}

/*
 * Stored bytes: the timeline holds the creation and two participant events when the first message comes; a
 * budget of 64 kB takes messages of 10,000 bytes until the estimate (twice each body plus 512 per write)
 * would pass it, then refuses every one, whoever writes, and stores none of them.
 */
static void test_negotiation_bytes(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.negotiation_bytes = 64 * 1024;
    talks_open(&w, &o);
    size_t accepted = 0;
    http_resp r;
    for (;;) {
        r = talks_message(&w, accepted % 2 ? w.buyer : w.seller, 10000);
        if (r.status != 201)
            break;
        accepted++;
        http_resp_free(&r);
        assert_true(accepted < 10);
    }
    assert_error(&r, 413);
    http_resp_free(&r);
    /* Each message costs 2 * (its body of 10,000 bytes + 11 bytes of JSON) + 512 = 20,534 bytes; the first
     * events are small (4 events: 2 * their data + 4 * 512, under 3 kB), so three messages fit in 65,536 bytes
     * (61,602 + under 3 kB) and a fourth does not. */
    assert_int_equal(accepted, 3);
    assert_int_equal(talks_count_events(&w, "message"), 3);
    r = talks_message(&w, w.med, 2000); /* 4,534 more: over the budget too */
    assert_error(&r, 413);
    http_resp_free(&r);
    assert_int_equal(talks_count_events(&w, "message"), 3);
    talks_close(&w);
}

/* Streams of one negotiation: two with two tokens, the third (another token, under its own limit) refused. */
static void test_streams_per_negotiation(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.streams_per_negotiation = 2;
    talks_open(&w, &o);
    int a = http_connect(w.port), b = http_connect(w.port);
    assert_int_equal(http_send(a, "GET", "/api/negotiations/1/events", w.med, NULL, 0, NULL), 0);
    assert_int_equal(http_send(b, "GET", "/api/negotiations/1/events", w.buyer, NULL, 0, NULL), 0);
    char buf[256];
    for (int i = 0; i < 2; i++) { /* each has its status line before the third asks */
        ssize_t k = recv(i ? b : a, buf, sizeof buf - 1, 0);
        assert_true(k > 12);
        buf[k] = '\0';
        assert_non_null(strstr(buf, " 200 "));
    }
    http_resp r = http_request(w.port, "GET", "/api/negotiations/1/events", w.seller, NULL);
    assert_error(&r, 429);
    assert_non_null(strstr(jstr(&r, "error", "message"), "--streams-per-negotiation"));
    http_resp_free(&r);
    close(a);
    close(b);
    talks_close(&w);
}

/*
 * A timeline page holds at most 256 kB of event data (and at least one event): 40 messages of 10,000 bytes
 * (each event's data a little over 10,000 bytes) come 25 to a page at most, so limit=1000 gives a first page
 * of 20 to 25 with "more", and paging with after=last gives every message once, the last page without "more".
 */
static void test_timeline_pages(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.write_burst = 100;
    talks_open(&w, &o);
    for (int i = 0; i < 40; i++) {
        http_resp r = talks_message(&w, w.med, 10000);
        assert_int_equal(r.status, 201);
        http_resp_free(&r);
    }
    long long after = 0;
    size_t messages = 0, pages = 0;
    for (int more = 1; more; pages++) {
        char path[128];
        snprintf(path, sizeof path, "/api/negotiations/1/timeline?limit=1000&after=%lld", after);
        http_resp r = http_request(w.port, "GET", path, w.med, NULL);
        assert_int_equal(r.status, 200);
        json_t *events = json_object_get(r.json, "events");
        assert_true(json_array_size(events) >= 1 && json_array_size(events) <= 25 + 4);
        assert_true(r.body_len < (300u << 10));
        for (size_t i = 0; i < json_array_size(events); i++)
            messages += strcmp(json_string_value(json_object_get(json_array_get(events, i), "kind")), "message") == 0;
        more = json_is_true(json_object_get(r.json, "more"));
        after = jint(&r, "last", NULL);
        http_resp_free(&r);
        assert_true(pages < 10);
    }
    assert_int_equal(messages, 40);
    assert_true(pages >= 2);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_profile_bytes),     cmocka_unit_test(test_red_lines),
        cmocka_unit_test(test_many_red_lines_load), cmocka_unit_test(test_message_bytes),
        cmocka_unit_test(test_write_rate),        cmocka_unit_test(test_profile_rate),        cmocka_unit_test(test_negotiation_bytes),
        cmocka_unit_test(test_streams_per_negotiation), cmocka_unit_test(test_timeline_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

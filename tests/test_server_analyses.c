/*
 * test_server_analyses.c: the analysis budgets of a token and of a negotiation
 * (all its mediators together).  The scheduler is paused (srv->jobs_paused, an
 * internal switch for tests) so that the analyses asked for stay waiting
 * without any timing: with 2 per token and 3 per negotiation, a token's third
 * is refused (429, Retry-After), a second mediator's first waits and its second
 * is refused because the negotiation has 3; once resumed, the three waiting
 * ones are answered 200.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "server/server_internal.h"
#include "test_server_jobs.h"
#include "test_server_talks.h"

#include <poll.h>

/* Asks for the analysis on a connection of its own, without reading the reply yet. */
static int ask(talks *w, const char *token)
{
    int fd = http_connect(w->port);
    assert_true(fd >= 0);
    assert_int_equal(http_send(fd, "GET", "/api/negotiations/1/analysis", token, NULL, 0, NULL), 0);
    return fd;
}

static void expect_refused(talks *w, const char *token, const char *why)
{
    http_resp r = http_request(w->port, "GET", "/api/negotiations/1/analysis", token, NULL);
    assert_int_equal(r.status, 429);
    assert_int_equal(jint(&r, "error", "status"), 429);
    assert_non_null(strstr(jstr(&r, "error", "message"), why));
    assert_non_null(strstr(r.raw, "\r\nRetry-After: "));
    http_resp_free(&r);
}

static void test_analyses_per_token_and_negotiation(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.budgets.analyses_per_participant = 2;
    o.budgets.analyses_per_negotiation = 3;
    o.analysis_seconds = 60;
    talks_open(&w, &o);
    http_resp r = http_json(w.port, "POST", "/api/negotiations/1/participants", w.med,
                            json_pack("{s:s,s:s}", "name", "Second", "role", "mediator"));
    char med2[65];
    talks_keep_token(&r, NULL, med2);
    jobs_set_paused(&w, 1);
    int fds[3];
    fds[0] = ask(&w, w.med);
    fds[1] = ask(&w, w.med);
    assert_int_equal(jobs_wait_for(&w, 2), 2);
    expect_refused(&w, w.med, "--analyses-per-token");
    fds[2] = ask(&w, med2);
    assert_int_equal(jobs_wait_for(&w, 3), 3);
    expect_refused(&w, med2, "--analyses-per-negotiation");
    jobs_set_paused(&w, 0);
    for (int i = 0; i < 3; i++) {
        http_resp a = http_read(fds[i]);
        assert_int_equal(a.status, 200);
        assert_non_null(json_object_get(a.json, "frontier"));
        http_resp_free(&a);
        close(fds[i]);
    }
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_analyses_per_token_and_negotiation)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

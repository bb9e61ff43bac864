/*
 * test_server_kill14_fork.c: a child process that cannot be made (fork
 * fails, EAGAIN).  This program is linked with -Wl,--wrap=fork
 * (tests/CMakeLists.txt): __wrap_fork fails while `fork_fails` is set, and
 * forks otherwise.  child_run reports CHILD_NOT_STARTED with fork's errno,
 * no reply, and closes both pipes' four descriptors (none left open, none
 * closed twice); the server answers an analysis it cannot start with 503 and
 * "cannot start the analysis: " and the reason; once fork works again, so
 * does the analysis.  A seated agent whose process cannot be made misses
 * its answer: agent.no_answer, why "crashed", message "cannot start the
 * agent (" and the reason ")".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "server/child.h"
#include "server/server_internal.h"
#include "test_server_seats.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static volatile int fork_fails;

pid_t __real_fork(void);
pid_t __wrap_fork(void);
pid_t __wrap_fork(void)
{
    if (__atomic_load_n(&fork_fails, __ATOMIC_SEQ_CST)) {
        errno = EAGAIN;
        return -1;
    }
    return __real_fork();
}

static void test_failed_fork_closes_both_pipes(void **state)
{
    (void)state;
    if (test_db_is_pg()) /* no database here: once is enough */
        skip();
    /* the four lowest free descriptors, which the two pipes take */
    int probe[4];
    for (int i = 0; i < 4; i++)
        assert_true((probe[i] = open("/dev/null", O_RDONLY)) >= 0);
    for (int i = 0; i < 4; i++)
        close(probe[i]);
    int before = open_descriptors();
    const char *argv[] = {"/bin/sh", "-c", "echo hi", NULL};
    child_spec spec = {.argv = argv, .request = "", .max_reply = 4096,
                       .deadline_ms = guard_now_ms() + 300000 /* a hang bound */};
    child_result res;
    fork_fails = 1;
    child_run(&spec, &res);
    fork_fails = 0;
    assert_int_equal(res.outcome, CHILD_NOT_STARTED);
    assert_int_equal(res.error, EAGAIN);
    assert_null(res.reply);
    assert_int_equal(open_descriptors(), before);
    for (int i = 0; i < 4; i++)
        assert_int_equal(fcntl(probe[i], F_GETFD), -1);
    child_run(&spec, &res); /* fork works again */
    assert_int_equal(res.outcome, CHILD_DONE);
    assert_string_equal(res.reply, "hi\n");
    free(res.reply);
    assert_int_equal(open_descriptors(), before);
}

static void test_analysis_not_started(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    fork_fails = 1;
    talks_expect_error(&w, "GET", "/api/negotiations/1/analysis", w.med, NULL, 503, NULL,
                       "cannot start the analysis: Resource temporarily unavailable");
    fork_fails = 0;
    http_resp r = talks_call(&w, "GET", "/api/negotiations/1/analysis", w.med, NULL, 200);
    http_resp_free(&r);
    talks_close(&w);
}

static void test_seat_not_started(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.seat_program = "/bin/false"; /* never run: no process is made */
    o.budgets.agent_seconds = 300;
    talks_open(&w, &o);
    seat_ok(&w, 1, 2, json_pack("{s:s}", "agent", "boulware"));
    open_session(&w, 1, w.med);
    fork_fails = 1;
    int64_t t = table(&w, 1, w.med, 1);
    json_t *e = wait_events(&w, 1, w.med, "agent.no_answer", 1);
    fork_fails = 0;
    json_t *d = json_object_get(json_array_get(e, 0), "data");
    assert_int_equal(json_integer_value(json_object_get(d, "text")), t);
    assert_string_equal(json_string_value(json_object_get(d, "why")), "crashed");
    assert_string_equal(json_string_value(json_object_get(d, "message")),
                        "cannot start the agent (Resource temporarily unavailable)");
    json_decref(e);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_failed_fork_closes_both_pipes),
        cmocka_unit_test(test_analysis_not_started),
        cmocka_unit_test(test_seat_not_started),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

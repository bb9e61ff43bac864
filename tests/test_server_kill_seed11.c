/*
 * test_server_kill_seed11.c: server behaviours the seed-11 sample of generated mutants showed no test pinned
 * (issue 27, tests/mutants/report-mut11.md, report-s11.md):
 *   - waiting analyses get a slot in the order they arrived (jobs.c's insertion sort of the waiting ones; a
 *     mutant copied the wrong arrival and ran them out of order): the scheduler is paused (srv->jobs_paused)
 *     while six analyses are asked for one after the other, with one slot (max_analyses 1); the analysis
 *     program is a script that appends each request it gets to a file and fails, so the file holds the
 *     requests in the order they ran, told apart by a query argument;
 *   - a child over its CPU limit ends by SIGXCPU even when the server ignores SIGXCPU (child.c resets it to the
 *     default in the child; a mutant left the inherited ignore, and the child went on until SIGKILL);
 *   - when the second pipe of child_run cannot be made, the first one's descriptors are closed, descriptor 0
 *     included (a mutant leaked descriptor 0: the process had stdin closed);
 *   - PostgreSQL's messages are kept on one line without trailing newlines or blanks (db_pg.c; the seed-11
 *     mutant left the blanks, a hand-made one the newline, turned into a blank): a connection refused, and with
 *     the cluster of the *_pg run, a database that does not exist and an exception raised with a message that
 *     holds a line break and ends in two blanks.
 * No timing is asserted; every wait is a hang bound.  The name starts with test_server for the server library.
 */
#define _GNU_SOURCE /* pipe2 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "server/child.h"
#include "server/server_internal.h"
#include "test_server_jobs.h"
#include "test_server_talks.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { QUEUED = 6 };

/* The whole of a file (malloc'd; "" when it cannot be read). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    char *text = calloc(1, 1 << 20);
    assert_non_null(text);
    if (f) {
        size_t n = fread(text, 1, (1 << 20) - 1, f);
        text[n] = 0;
        fclose(f);
    }
    return text;
}

static void test_waiting_analyses_run_in_arrival_order(void **state)
{
    (void)state;
    char dir[128], script[192], log[192];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "order"));
    snprintf(script, sizeof script, "%s/analysis.sh", dir);
    snprintf(log, sizeof log, "%s/order.log", dir);
    talks_write_program(script, 0700, "#!/bin/sh\ncat >> '%s'\necho >> '%s'\nexit 3\n", log, log);
    talks w;
    parley_server_options o = {0};
    o.analysis_program = script;
    o.max_analyses = 1;
    o.budgets.running_per_negotiation = 1;
    o.budgets.analyses_per_participant = QUEUED;
    o.budgets.analyses_per_negotiation = QUEUED;
    talks_open(&w, &o);
    jobs_set_paused(&w, 1);
    int fds[QUEUED];
    for (int i = 0; i < QUEUED; i++) { /* each one waiting before the next is asked: arrivals 1..6 */
        char path[96];
        snprintf(path, sizeof path, "/api/negotiations/1/analysis?mark=zq%dqz", i + 1);
        fds[i] = http_connect(w.port);
        assert_true(fds[i] >= 0);
        assert_int_equal(http_send(fds[i], "GET", path, w.med, NULL, 0, NULL), 0);
        assert_int_equal(jobs_wait_for(&w, (unsigned)i + 1), (unsigned)i + 1);
    }
    jobs_set_paused(&w, 0);
    int status[QUEUED];
    for (int i = 0; i < QUEUED; i++) {
        http_resp a = http_read(fds[i]);
        status[i] = a.status;
        http_resp_free(&a);
        close(fds[i]);
    }
    talks_close(&w);
    char *ran = slurp(log);
    int in_order = 1; /* zq1qz first, then zq2qz, ... each once */
    const char *at = ran;
    for (int i = 0; i < QUEUED && in_order; i++) {
        char mark[16];
        snprintf(mark, sizeof mark, "zq%dqz", i + 1);
        const char *next = strstr(at, mark);
        in_order = next && !strstr(next + 1, mark);
        at = next;
    }
    free(ran);
    assert_int_equal(test_tmpdir_remove(dir), 0); /* the server stopped and the folder gone before asserting */
    for (int i = 0; i < QUEUED; i++)
        assert_int_equal(status[i], 500); /* the script fails: "the analysis failed (...)" */
    assert_true(in_order);
}

/* child_run of `sh -c script` with `cpu` seconds of CPU (0 = no limit) and nothing on its standard input. */
static void run_shell(const char *script, double cpu, child_result *res)
{
    const char *argv[] = {"/bin/sh", "-c", script, NULL};
    child_spec spec = {.argv = argv, .cpu_seconds = cpu, .request = "", .request_len = 0, .max_reply = 4096,
                       .deadline_ms = guard_now_ms() + 300000 /* a hang bound */};
    child_run(&spec, res);
}

static void test_cpu_limit_ends_by_sigxcpu_when_ignored(void **state)
{
    (void)state;
    if (test_db_is_pg()) /* no database here: once is enough */
        skip();
    struct sigaction ignore, before;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    assert_int_equal(sigaction(SIGXCPU, &ignore, &before), 0);
    child_result res;
    run_shell("while :; do :; done", 1, &res); /* 1 CPU second: SIGXCPU, SIGKILL only a second later */
    sigaction(SIGXCPU, &before, NULL);
    free(res.reply);
    assert_int_equal(res.outcome, CHILD_DONE);
    assert_true(WIFSIGNALED(res.status));
    assert_int_equal(WTERMSIG(res.status), SIGXCPU);
}

static void test_second_pipe_failing_closes_descriptor_zero(void **state)
{
    (void)state;
    if (test_db_is_pg())
        skip();
    int saved = dup(0);
    assert_true(saved >= 0);
    close(0);
    /* the two lowest free descriptors: 0 and `second`; with the limit at second + 1 the first pipe takes both */
    int zero = open("/dev/null", O_RDONLY), second = dup(zero);
    assert_int_equal(zero, 0);
    assert_true(second > 0);
    close(zero);
    close(second);
    struct rlimit old, tight;
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
    tight = old;
    tight.rlim_cur = (rlim_t)second + 1;
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &tight), 0);
    child_result res;
    run_shell("exit 0", 0, &res);
    int zero_open = fcntl(0, F_GETFD) != -1, second_open = fcntl(second, F_GETFD) != -1;
    setrlimit(RLIMIT_NOFILE, &old);
    if (zero_open)
        close(0);
    dup2(saved, 0);
    close(saved);
    assert_int_equal(res.outcome, CHILD_NOT_STARTED);
    assert_int_equal(res.error, EMFILE);
    assert_null(res.reply);
    assert_false(zero_open);
    assert_false(second_open);
}

/* The connection error for `url`: one line, no trailing blank, beginning with `start` and holding `has`. */
static void expect_connection_error(const char *url, const char *start, const char *has)
{
    parley_error err;
    parley_error_clear(&err);
    db_conn *c = db_open(url, 0, &err);
    assert_null(c);
    const char *m = err.message;
    size_t n = strlen(m);
    assert_true(n > strlen(start));
    assert_memory_equal(m, start, strlen(start));
    assert_non_null(strstr(m, has));
    assert_null(strchr(m, '\n'));
    assert_true(m[n - 1] != ' ' && m[n - 1] != '\t');
}

static void test_postgresql_messages_are_one_trimmed_line(void **state)
{
    (void)state;
    char dir[128], url[512];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "pgmsg"));
    snprintf(url, sizeof url, "postgresql:///x?host=%s&port=5", dir); /* no server has a socket there */
    assert_int_equal(test_tmpdir_remove(dir), 0); /* gone: still no socket */
    expect_connection_error(url, "cannot connect to the PostgreSQL database: ", dir);
    if (!test_db_is_pg())
        return;
    FILE *f = fopen(getenv("PARLEY_TEST_PG_URL_FILE"), "r");
    assert_non_null(f);
    char cluster[512] = "";
    assert_non_null(fgets(cluster, sizeof cluster, f));
    fclose(f);
    cluster[strcspn(cluster, "\r\n")] = 0;
    const char *query = strchr(cluster, '?'); /* postgresql:///postgres?host=...: another database */
    assert_non_null(query);
    snprintf(url, sizeof url, "postgresql:///parley_no_such_database%s", query);
    expect_connection_error(url, "cannot connect to the PostgreSQL database: ",
                            "database \"parley_no_such_database\" does not exist");
    /* the server's own message, with a line break inside and blanks at the end: one line, the blanks gone */
    parley_error err;
    parley_error_clear(&err);
    db_conn *c = db_open(cluster, 0, &err);
    assert_non_null(c);
    int rc = db_exec(c, "DO $$BEGIN RAISE EXCEPTION E'two lines\\nthen blanks  '; END$$");
    char message[256];
    snprintf(message, sizeof message, "%s", db_errmsg(c));
    db_close(c);
    assert_int_not_equal(rc, DB_OK);
    assert_string_equal(message, "two lines then blanks");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* first: the job threads' stacks are fresh */
        cmocka_unit_test(test_waiting_analyses_run_in_arrival_order),
        cmocka_unit_test(test_cpu_limit_ends_by_sigxcpu_when_ignored),
        cmocka_unit_test(test_second_pipe_failing_closes_descriptor_zero),
        cmocka_unit_test(test_postgresql_messages_are_one_trimmed_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

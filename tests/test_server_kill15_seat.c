/*
 * test_server_kill15_seat.c: how a seated agent's program can end, and the
 * server's stop while one is thinking (seat_child.c, seat_runner.c, child.c):
 * - killed by a signal: SIGKILL and SIGXCPU (what RLIMIT_CPU sends: SIGXCPU at
 *   the seat's CPU time, SIGKILL a second later) give the why "cpu", any other
 *   signal (SIGTERM, SIGSEGV, SIGABRT) "crashed"; exit 2 and 4 (either side of
 *   the seat programs' "out of memory", 3) and 126 and 128 (either side of
 *   127, "could not be started") "crashed";
 * - stopping the server while the seated program runs kills that program (its
 *   deadline here is an hour) rather than waiting for it, both while the program
 *   still holds its output open (the runner's poll sees the stop) and after it
 *   closed its output but goes on running (the runner only waits for it: the
 *   stop itself must kill it).  The waits only bound a hang (120 s, far below
 *   the hour a program left alive would run).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_server_seats.h"
#include "test_server_seat_why.h"

/* A hang bound, in 20 ms naps: 120 s. */
#define HANG_NAPS 6000

static void test_signals(void **state)
{
    (void)state;
    expect_why("kill -s KILL $$", 0, 0, "cpu");
    expect_why("kill -s XCPU $$", 0, 0, "cpu");
    expect_why("kill -s TERM $$", 0, 0, "crashed");
    expect_why("kill -s SEGV $$", 0, 0, "crashed");
    expect_why("kill -s ABRT $$", 0, 0, "crashed");
}

static void test_exit_statuses_next_to_memory(void **state)
{
    (void)state;
    expect_why("exit 2", 0, 0, "crashed");
    expect_why("exit 4", 0, 0, "crashed");
    expect_why("exit 126", 0, 0, "crashed");
    expect_why("exit 128", 0, 0, "crashed");
}

/* 1 when a descriptor of this process is the pipe `pipe` ("pipe:[INODE]"). */
static int holds_pipe(const char *pipe)
{
    DIR *d = opendir("/proc/self/fd");
    assert_non_null(d);
    struct dirent *e;
    int found = 0;
    while (!found && (e = readdir(d))) {
        char path[300], target[128];
        snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
        ssize_t n = readlink(path, target, sizeof target - 1);
        if (n > 0) {
            target[n] = '\0';
            found = strcmp(target, pipe) == 0;
        }
    }
    closedir(d);
    return found;
}

/* 1 while process `pid` exists (a zombie not reaped yet counts: the server has not waited for it). */
static int alive(pid_t pid)
{
    return kill(pid, 0) == 0 || errno != ESRCH;
}

static void *stop_main(void *arg)
{
    parley_server_stop(arg);
    return NULL;
}

/* Seats the Buyer's agent with a seat program that reads its request, writes "PID PIPE" (its output pipe) to a
 * file, closes its output when `close_output` says so and then sleeps an hour (its deadline); tables a text,
 * waits until the program runs (and, with close_output, until the server has let go of its output: it then
 * only waits for the program to end), stops the server and checks that the stop killed the program. */
static void stop_while_thinking(int close_output)
{
    char dir[128], script[192], marker[192];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "seatstop"));
    snprintf(script, sizeof script, "%s/seat.sh", dir);
    snprintf(marker, sizeof marker, "%s/child", dir);
    talks_write_program(script, 0700,
                        "#!/bin/sh\ncat >/dev/null\n"
                        "printf '%%s %%s\\n' $$ \"$(readlink /proc/$$/fd/1)\" >%s.tmp && mv %s.tmp %s\n"
                        "%s\nexec sleep 3600\n",
                        marker, marker, marker, close_output ? "exec >&-" : "");
    talks w;
    parley_server_options o = {0};
    o.seat_program = script;
    o.budgets.agent_seconds = 3600;
    talks_open(&w, &o);
    seat_ok(&w, 1, 2, json_pack("{s:s,s:f}", "agent", "boulware", "deadline_seconds", 3600.0));
    open_session(&w, 1, w.med);
    table(&w, 1, w.med, 1);
    FILE *f = NULL;
    for (int i = 0; i < HANG_NAPS && !(f = fopen(marker, "r")); i++)
        nap_ms(20);
    if (!f)
        fail_msg("the seat program did not start in 120 s");
    long pid = 0;
    char pipe[128] = "";
    int got = fscanf(f, "%ld %127s", &pid, pipe);
    fclose(f);
    assert_int_equal(got, 2);
    assert_true(pid > 1);
    assert_memory_equal(pipe, "pipe:[", 6);
    assert_true(alive((pid_t)pid));
    if (close_output) {
        /* The server closes its end of the program's output once it has read the end of it. */
        int i = 0;
        while (i < HANG_NAPS && holds_pipe(pipe))
            nap_ms(20), i++;
        assert_true(i < HANG_NAPS);
    }
    pthread_t stopper;
    assert_int_equal(pthread_create(&stopper, NULL, stop_main, w.srv), 0);
    int i = 0;
    while (i < HANG_NAPS && alive((pid_t)pid))
        nap_ms(20), i++;
    int killed = !alive((pid_t)pid);
    if (!killed)
        kill((pid_t)pid, SIGKILL); /* so that the stop can end */
    pthread_join(stopper, NULL);
    assert_int_equal(test_tmpdir_remove(w.dir), 0);
    assert_int_equal(test_tmpdir_remove(dir), 0);
    if (!killed)
        fail_msg("the server's stop did not kill its seated program (%s)", close_output ? "output closed" : "output open");
}

static void test_stop_kills_program_reading(void **state)
{
    (void)state;
    stop_while_thinking(0);
}

static void test_stop_kills_program_that_closed_its_output(void **state)
{
    (void)state;
    stop_while_thinking(1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_signals),
        cmocka_unit_test(test_exit_statuses_next_to_memory),
        cmocka_unit_test(test_stop_kills_program_reading),
        cmocka_unit_test(test_stop_kills_program_that_closed_its_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

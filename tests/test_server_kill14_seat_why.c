/*
 * test_server_kill14_seat_why.c: why a seated agent gave no answer (the
 * `why` of its agent.no_answer event, seat_child.c), for each way its
 * program can end, with a seat program that is a shell script reading the
 * request and then ending as the case says:
 * - exit 1: "crashed"; exit 127, or a program deleted after the server
 *   started: "crashed: its program could not be started" (one missing at
 *   start is refused then, with the reason); exit 3 (the seat programs' "out of
 *   memory"): "memory: the agent ran out of its memory budget (N MiB,
 *   --agent-memory)" with the server's budget (1024 MiB by default, 64 here);
 * - exit 0 with text that is not JSON, or JSON that is not an object:
 *   "crashed: its answer is not JSON"; a reply of exactly 1 MiB (the most a
 *   seat's reply may be, here not JSON) is read whole, one byte more is
 *   "crashed: its answer is too large"; an object with an "error": "error"
 *   and that message.
 * The event's `why` is the word before the colon, its `message` the rest.
 * Each event names the text, and its actor is the seat's participant (the Buyer).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include "test_server_seats.h"
#include "test_server_seat_why.h"

static void test_exit_statuses(void **state)
{
    (void)state;
    expect_why("exit 1", 0, 0, "crashed");
    expect_why("exit 127", 0, 0, "crashed: its program could not be started");
    expect_why("exit 0", 1, 0, "crashed: its program could not be started");
    expect_why("exit 3", 0, 0, "memory: the agent ran out of its memory budget (1024 MiB, --agent-memory)");
    expect_why("exit 3", 0, (uint64_t)64 << 20,
               "memory: the agent ran out of its memory budget (64 MiB, --agent-memory)");
}

static void test_replies(void **state)
{
    (void)state;
    expect_why("echo hello", 0, 0, "crashed: its answer is not JSON");
    expect_why("echo '[1]'", 0, 0, "crashed: its answer is not JSON");
    expect_why("echo '{\"error\": \"no idea\"}'", 0, 0, "error: no idea");
    expect_why("head -c 1048576 /dev/zero | tr '\\000' x", 0, 0, "crashed: its answer is not JSON");
    expect_why("head -c 1048577 /dev/zero | tr '\\000' x", 0, 0, "crashed: its answer is too large");
}

/* A seat program that cannot be run is refused at start, with the reason. */
static void test_missing_program_refused_at_start(void **state)
{
    (void)state;
    char dir[128], db[160];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "seatwhy"));
    assert_int_equal(test_db_target(db, sizeof db, dir, "p.db"), 0);
    parley_server_options o = {0};
    o.db_path = db;
    o.open = 1;
    o.seat_program = "/nonexistent/parley-seat";
    parley_server *srv = NULL;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_server_start(&o, &srv, &err), PARLEY_EINVAL);
    assert_null(srv);
    assert_string_equal(err.message, "the seat program '/nonexistent/parley-seat': No such file or directory");
    assert_int_equal(test_tmpdir_remove(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exit_statuses),
        cmocka_unit_test(test_replies),
        cmocka_unit_test(test_missing_program_refused_at_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_server_kill13_oom_child.c: a child program's reply that cannot be
 * stored for want of memory (child.c, read_some: the first growth of the
 * reply buffer refused) ends the run as CHILD_NOT_STARTED with error ENOMEM,
 * not as CHILD_TOO_LARGE (which the callers report as a reply over its
 * limit).  The allocation is refused by tests/failalloc.c, linked into this
 * test by tests/CMakeLists.txt; child_run is called directly, with no server
 * and no other thread allocating.  The same run without a refusal reads the
 * reply whole (CHILD_DONE), so the run itself is sound.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "failalloc.h"
#include "server/child.h"
#include "server/server_internal.h"

static const char *const echo_argv[] = {"/bin/sh", "-c", "printf hello", NULL};

static void run(child_result *out)
{
    child_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.argv = echo_argv;
    spec.max_reply = 1 << 20; /* far above "hello": nothing here is too large */
    spec.deadline_ms = guard_now_ms() + 120000;
    child_run(&spec, out);
}

static void test_reply_read_whole(void **state)
{
    (void)state;
    child_result out;
    run(&out);
    assert_int_equal(out.outcome, CHILD_DONE);
    assert_int_equal(out.len, 5);
    assert_string_equal(out.reply, "hello");
    free(out.reply);
}

static void test_reply_buffer_refused_is_out_of_memory(void **state)
{
    (void)state;
    child_result out;
    failalloc_arm(1, 0); /* the first allocation from here on, the reply buffer's, fails; later ones go through */
    run(&out);
    assert_int_equal(failalloc_disarm(), 1);
    assert_int_equal(out.outcome, CHILD_NOT_STARTED);
    assert_int_equal(out.error, ENOMEM);
    assert_null(out.reply);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_reply_read_whole),
                                       cmocka_unit_test(test_reply_buffer_refused_is_out_of_memory)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

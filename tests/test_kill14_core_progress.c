/*
 * test_kill14_core_progress.c: the progress reporter of src/core/progress.c (issue 27, seed-144 probe of
 * src/core).  No speed is asserted: a report is due once 0.1 s has passed since the last one was scheduled, so
 * after a sleep of 0.15 s the next progress_add reports, exactly once, the work done so far (all the amounts added,
 * capped at the total), the total and the label; progress_finish reports the total; without a callback nothing is
 * called.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <time.h>

#include "core/progress.h"

struct seen {
    int calls;
    double done, total;
    const char *what;
};

static void record(void *user, double done, double total, const char *what)
{
    struct seen *s = user;
    s->calls++;
    s->done = done;
    s->total = total;
    s->what = what;
}

static void pause_past_the_interval(void)
{
    struct timespec t = {0, 150000000};
    while (nanosleep(&t, &t) != 0)
        continue;
}

static void test_reports_when_due(void **state)
{
    (void)state;
    struct seen s = {0, -1, -1, NULL};
    progress_reporter p;
    progress_init(&p, record, &s, "outcomes", 1000);
    pause_past_the_interval();
    progress_add(&p, 300);
    assert_int_equal(s.calls, 1);
    assert_true(s.done == 300);
    assert_true(s.total == 1000);
    assert_string_equal(s.what, "outcomes");
    progress_add(&p, 200); /* the amounts add up, reported or not */
    pause_past_the_interval();
    int before = s.calls;
    progress_add(&p, 100);
    assert_int_equal(s.calls, before + 1);
    assert_true(s.done == 600);
    pause_past_the_interval();
    progress_add(&p, 5000); /* past the total: capped */
    assert_int_equal(s.calls, before + 2);
    assert_true(s.done == 1000);
    progress_finish(&p);
    assert_int_equal(s.calls, before + 3);
    assert_true(s.done == 1000);
    assert_true(s.total == 1000);
}

static void test_silent_without_a_callback(void **state)
{
    (void)state;
    progress_reporter p;
    progress_init(&p, NULL, NULL, "outcomes", 10);
    pause_past_the_interval();
    progress_add(&p, 5);
    progress_finish(&p); /* nothing to call, and nothing called (a NULL callback would crash) */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reports_when_due),
        cmocka_unit_test(test_silent_without_a_callback),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

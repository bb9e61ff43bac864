/*
 * test_kill16_agt2_clock.c: the agents of src/agents (helper agt2's area) under a deadline in seconds, made exact:
 * the program is linked with -Wl,--wrap=clock_gettime (tests/CMakeLists.txt) and, while a talk runs, every call of
 * libparley's clock is one millisecond after the one before, so relative times, rounds and every move are the same
 * on any machine.  Paths no round deadline reaches: TheFawkes's forecast indexes offers by time x 1000 (GENIUS's
 * continuous timeline) rather than by round; talks long enough (1 to 8 s of this clock, up to 2000 rounds) that
 * its forecast sees the opponent's offers densely.  Each agent's talks are those of random_talks_k16.h (a script
 * opponent on small random scenarios), every event pinned by a digest recorded from this build.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <time.h>

#include "random_talks_k16.h"

static int fake;
static long long fake_ns;

int __real_clock_gettime(clockid_t clock, struct timespec *ts);
int __wrap_clock_gettime(clockid_t clock, struct timespec *ts);
int __wrap_clock_gettime(clockid_t clock, struct timespec *ts)
{
    if (!fake)
        return __real_clock_gettime(clock, ts);
    fake_ns += 1000000;
    ts->tv_sec = (time_t)(fake_ns / 1000000000);
    ts->tv_nsec = (long)(fake_ns % 1000000000);
    return 0;
}

/* Digests recorded from this build: tests/data/k16_talks.txt, sets timed_long and timed (PARLEY_K16_RECORD=1 prints
   them again). */

/* random_talks_k16.h's talk_clock: each talk starts the fake clock afresh, at 0. */
static void fake_clock(int running)
{
    fake = running;
    fake_ns = 0;
}

/* A clock that moves one millisecond a call makes the same talk twice. */
static void the_clock_is_exact(void **state)
{
    (void)state;
    struct talk_setup t;
    uint64_t a = talk_digest("the-fawkes", PARLEY_PROTOCOL_ALTERNATING, 20, 1, &t);
    uint64_t b = talk_digest("the-fawkes", PARLEY_PROTOCOL_ALTERNATING, 20, 1, &t);
    assert_true(a == b);
    assert_true(t.seconds > 0);
}

/* Deadlines of 1 to 8 s of the fake clock: TheFawkes's forecast on up to 2000 rounds. */
static void fawkes_long_timed_talks(void **state)
{
    (void)state;
    static const struct talk_run runs[] = {{"the-fawkes", "fawkes"}};
    play_talk_runs("timed_long", runs, 1, TALK_ALTERNATING, 0, 2, 20);
}

/* Deadlines of 0.05 to 0.4 s: every agent of the area. */
static void agents_timed_talks(void **state)
{
    (void)state;
    play_talk_runs("timed", talk_area_agents, sizeof talk_area_agents / sizeof *talk_area_agents, TALK_ALTERNATING, 0,
                   2, 1);
}

/* Single text and shuttle under deadlines of 0.05 to 0.4 s. */
static void agents_timed_mediated_talks(void **state)
{
    (void)state;
    static const struct talk_run runs[] = {
        {"the-fawkes", "fawkes"}, {"agent-k", "agent_k"}, {"micro", "micro"},
        {"boa", "boa"},           {"agreeable-2018", "agreeable"},
    };
    play_talk_runs("timed", runs, sizeof runs / sizeof *runs, TALK_SINGLE_TEXT | TALK_SHUTTLE, 0, 2, 1);
}

int main(void)
{
    talk_clock = fake_clock;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_clock_is_exact),
        cmocka_unit_test(fawkes_long_timed_talks),
        cmocka_unit_test(agents_timed_talks),
        cmocka_unit_test(agents_timed_mediated_talks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

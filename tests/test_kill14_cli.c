/*
 * test_kill14_cli.c: the progress line of the parley command (src/cli/progress.c, compiled into this test) at the
 * edges of its formats, every expected line written by hand (issue 27, the kill14 probe of src/cli): the time
 * left below one second (shown as 1 s), at 59 s, at one minute (1 min 00 s), at 59 min 59 s, at one hour
 * (1 h 00 min) and past it; no ETA before the first piece of work or before any time has passed (rate "-"); the
 * count's k suffix from 999.5; a pass that ends erases the line once, and the next pass measures its time from
 * that end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/progress.c"
#include "progress_probe.h"

/* The line of one report `elapsed` seconds into the pass: done of total negotiations. */
static const char *line_at(double elapsed, double done, double total, char *buf, size_t size)
{
    cli_progress p;
    tournament_progress_at(&p, elapsed);
    capture_stderr();
    cli_progress_report(&p, done, total, "negotiations");
    assert_int_equal(p.shown, 1);
    return captured(buf, size);
}

static void time_left_at_its_edges(void **state)
{
    (void)state;
    char b[256];
    /* 60 of 61 in 1 s: one left at 60 per second, 1/60 s: at least "1 s" */
    assert_string_equal(line_at(1, 60, 61, b, sizeof b),
                        "\r\033[Kparley tournament:  98%  60 of 61 negotiations  60/s  ETA 1 s");
    /* 1 of 60 in 1 s: 59 s left */
    assert_string_equal(line_at(1, 1, 60, b, sizeof b),
                        "\r\033[Kparley tournament:   2%  1 of 60 negotiations  1/s  ETA 59 s");
    /* 1 of 61: 60 s left, the first minute */
    assert_string_equal(line_at(1, 1, 61, b, sizeof b),
                        "\r\033[Kparley tournament:   2%  1 of 61 negotiations  1/s  ETA 1 min 00 s");
    /* 2 of 3601 in 2 s: 3599 s left */
    assert_string_equal(line_at(2, 2, 3601, b, sizeof b),
                        "\r\033[Kparley tournament:   0%  2 of 3.6 k negotiations  1/s  ETA 59 min 59 s");
    /* 1 of 3601 in 1 s: 3600 s left, the first hour */
    assert_string_equal(line_at(1, 1, 3601, b, sizeof b),
                        "\r\033[Kparley tournament:   0%  1 of 3.6 k negotiations  1/s  ETA 1 h 00 min");
    /* 1 of 7262 in 1 s: 7261 s left, 2 h 01 min */
    assert_string_equal(line_at(1, 1, 7262, b, sizeof b),
                        "\r\033[Kparley tournament:   0%  1 of 7.26 k negotiations  1/s  ETA 2 h 01 min");
    /* 10 of 40 in 4 s: 2.5 per second, 12 s left */
    assert_string_equal(line_at(4, 10, 40, b, sizeof b),
                        "\r\033[Kparley tournament:  25%  10 of 40 negotiations  2.5/s  ETA 12 s");
}

static void no_time_left_without_progress_or_time(void **state)
{
    (void)state;
    char b[256];
    /* nothing done yet: rate 0, no ETA */
    assert_string_equal(line_at(5, 0, 10, b, sizeof b), "\r\033[Kparley tournament:   0%  0 of 10 negotiations  0/s");
    /* no time passed: no rate, no ETA */
    assert_string_equal(line_at(0, 5, 10, b, sizeof b), "\r\033[Kparley tournament:  50%  5 of 10 negotiations  -/s");
}

static void counts_get_k_from_999_5(void **state)
{
    (void)state;
    char b[32];
    cli_format_amount(b, sizeof b, 999.4);
    assert_string_equal(b, "999");
    cli_format_amount(b, sizeof b, 999.5);
    assert_string_equal(b, "1 k");
    cli_format_amount(b, sizeof b, 99.5);
    assert_string_equal(b, "99.5");
    cli_format_amount(b, sizeof b, 100.4);
    assert_string_equal(b, "100");
    cli_format_amount(b, sizeof b, 1e18);
    assert_string_equal(b, "1e+03 P");
    cli_format_rate(b, sizeof b, 99, 10);
    assert_string_equal(b, "9.9");
    cli_format_rate(b, sizeof b, 100, 10);
    assert_string_equal(b, "10");
    cli_format_rate(b, sizeof b, 5, -1);
    assert_string_equal(b, "-");
}

/* Two passes (diagnose runs several): the end of the first erases its line once and restarts the clock. */
static void a_pass_ends_and_the_next_starts_then(void **state)
{
    (void)state;
    cli_progress p;
    cli_progress_init(&p, "diagnose", 0);
    p.enabled = 1;
    p.clock = fake_clock;
    p.started = 0;
    char b[512];
    capture_stderr();
    cli_progress_end(&p); /* nothing shown yet: nothing to erase */
    fake_seconds = 2;
    cli_progress_report(&p, 1, 4, "conditions");
    fake_seconds = 10;
    cli_progress_report(&p, 4, 4, "conditions"); /* the end of the pass at t = 10 */
    cli_progress_end(&p);                        /* already erased */
    fake_seconds = 14;
    cli_progress_report(&p, 2, 10, "pairs"); /* 2 in the 4 s since the end: 0.5 per second, 8 left: 16 s */
    cli_progress_end(&p);
    assert_string_equal(captured(b, sizeof b), "\r\033[Kparley diagnose:  25%  1 of 4 conditions  0.5/s  ETA 6 s"
                                               "\r\033[K"
                                               "\r\033[Kparley diagnose:  20%  2 of 10 pairs  0.5/s  ETA 16 s"
                                               "\r\033[K");
    assert_int_equal(p.shown, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(time_left_at_its_edges),
        cmocka_unit_test(no_time_left_without_progress_or_time),
        cmocka_unit_test(counts_get_k_from_999_5),
        cmocka_unit_test(a_pass_ends_and_the_next_starts_then),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_cli_progress.c: the number formats and the progress line of the
 * parley command (src/cli/progress.c, compiled into this test).  Expected
 * strings written by hand: a rate below one per second is not rounded to 0
 * (a 12 s tournament of 3 negotiations is 0.25 per second), large counts get
 * k / M / G, the line has percent, counts, rate and ETA and is erased by the
 * final report.
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

static void amounts(void **state)
{
    (void)state;
    char b[32];
    cli_format_amount(b, sizeof b, 12);
    assert_string_equal(b, "12");
    cli_format_amount(b, sizeof b, 999);
    assert_string_equal(b, "999");
    cli_format_amount(b, sizeof b, 4800);
    assert_string_equal(b, "4.8 k");
    cli_format_amount(b, sizeof b, 5940000);
    assert_string_equal(b, "5.94 M");
    cli_format_amount(b, sizeof b, 100000000);
    assert_string_equal(b, "100 M");
    cli_format_amount(b, sizeof b, 2.5e9);
    assert_string_equal(b, "2.5 G");
    cli_format_amount(b, sizeof b, 0.5);
    assert_string_equal(b, "0.5");
}

static void rates(void **state)
{
    (void)state;
    char b[32];
    cli_format_rate(b, sizeof b, 3, 12);
    assert_string_equal(b, "0.25");
    cli_format_rate(b, sizeof b, 1, 7);
    assert_string_equal(b, "0.14");
    cli_format_rate(b, sizeof b, 420, 0.145);
    assert_string_equal(b, "2.9 k");
    cli_format_rate(b, sizeof b, 9, 1);
    assert_string_equal(b, "9");
    cli_format_rate(b, sizeof b, 5, 0);
    assert_string_equal(b, "-");
}

static void line(void **state)
{
    (void)state;
    capture_stderr();
    cli_progress p;
    cli_progress_init(&p, "analyze", 1); /* --quiet: nothing */
    cli_progress_report(&p, 50, 100, "outcomes");
    p.enabled = 1; /* as on a terminal */
    p.clock = fake_clock;
    p.started = 100;
    fake_seconds = 102; /* two seconds later */
    cli_progress_report(&p, 25e6, 100e6, "outcomes");
    cli_progress_report(&p, 100e6, 100e6, "outcomes");
    char buf[512];
    captured(buf, sizeof buf);
    /* 25 M in 2 s: 12.5 M/s; 75 M left at that rate: 6 s */
    assert_string_equal(buf, "\r\033[Kparley analyze:  25%  25 M of 100 M outcomes  12.5 M/s  ETA 6 s\r\033[K");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(amounts),
        cmocka_unit_test(rates),
        cmocka_unit_test(line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

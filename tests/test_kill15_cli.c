/*
 * test_kill15_cli.c: the progress line's numbers at their boundaries
 * (src/cli/progress.c, compiled into this test as test_cli_progress does;
 * issue 27, the fifteenth session's cli helper).  Every expected string is
 * worked out by hand from printf's rules: an amount gets the next suffix from
 * 999.5 on (999.49 stays "999", 999.5 is "1 k"; 999499 is "999 k", 999999
 * "1 M"), three significant digits below 100 and whole numbers from 100 to
 * 999; a rate below 10 per second keeps two significant digits, from 10 on it
 * is an amount; the time left is seconds below a minute (at least "1 s"),
 * minutes and seconds below an hour, hours and minutes beyond; a line at 0
 * done has no ETA, one at 0 elapsed seconds no rate ("-") and no ETA, and a
 * total of 0 or a count that reached it draws nothing.
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

static void amounts_at_the_suffix_boundary(void **state)
{
    (void)state;
    static const struct {
        double x;
        const char *text;
    } cases[] = {
        {0, "0"},         {7, "7"},           {12.34, "12.3"},    {99.5, "99.5"},       {100, "100"},
        {100.4, "100"},   {999.49, "999"},    {999.5, "1 k"},     {1500, "1.5 k"},      {999499, "999 k"},
        {999999, "1 M"},  {1e9, "1 G"},       {1e12, "1 T"},      {1e15, "1 P"},        {1e18, "1e+03 P"},
    };
    char b[32];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cli_format_amount(b, sizeof b, cases[i].x);
        if (strcmp(b, cases[i].text) != 0)
            fail_msg("amount %g: '%s', expected '%s'", cases[i].x, b, cases[i].text);
    }
}

static void rates_at_ten(void **state)
{
    (void)state;
    static const struct {
        double count, seconds;
        const char *text;
    } cases[] = {
        {0, 3, "0"}, {9.9, 1, "9.9"}, {9.96, 1, "10"}, {10, 1, "10"}, {12.5, 1, "12.5"}, {3, -1, "-"},
    };
    char b[32];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cli_format_rate(b, sizeof b, cases[i].count, cases[i].seconds);
        if (strcmp(b, cases[i].text) != 0)
            fail_msg("rate %g in %g s: '%s', expected '%s'", cases[i].count, cases[i].seconds, b, cases[i].text);
    }
}

/* What one report of `done` of `total` prints on stderr `elapsed` seconds after the start. */
static void report_is(double done, double total, double elapsed, const char *want)
{
    capture_stderr();
    cli_progress p;
    tournament_progress_at(&p, elapsed);
    cli_progress_report(&p, done, total, "negotiations");
    int shown = p.shown;
    double started = p.started;
    char buf[512];
    captured(buf, sizeof buf);
    if (strcmp(buf, want) != 0)
        fail_msg("%g of %g after %g s: '%s', expected '%s'", done, total, elapsed, buf + (buf[0] == '\r' ? 4 : 0),
                 want + (want[0] == '\r' ? 4 : 0));
    /* a line drawn is remembered (to be erased); the end of a pass restarts the clock */
    assert_int_equal(shown, want[0] != '\0');
    if (!shown)
        assert_true(started == 1000 + elapsed);
    else
        assert_true(started == 1000);
}

#define LINE "\r\033[Kparley tournament: "

static void eta_in_seconds_minutes_and_hours(void **state)
{
    (void)state;
    /* 25 of 100 in 2 s: 12.5 per second, 75 left: 6 s */
    report_is(25, 100, 2, LINE " 25%  25 of 100 negotiations  12.5/s  ETA 6 s");
    /* 99 of 100 in 2 s: 0.0202 s left, shown as 1 s */
    report_is(99, 100, 2, LINE " 99%  99 of 100 negotiations  49.5/s  ETA 1 s");
    /* 1 of 31 in 2 s: 60 s left is a minute */
    report_is(1, 31, 2, LINE "  3%  1 of 31 negotiations  0.5/s  ETA 1 min 00 s");
    /* 1 of 100 in 2 s: 198 s */
    report_is(1, 100, 2, LINE "  1%  1 of 100 negotiations  0.5/s  ETA 3 min 18 s");
    /* 2 of 3601 in 2 s: 3599 s, the last second below the hour */
    report_is(2, 3601, 2, LINE "  0%  2 of 3.6 k negotiations  1/s  ETA 59 min 59 s");
    /* 1 of 1801 in 2 s: 3600 s is an hour */
    report_is(1, 1801, 2, LINE "  0%  1 of 1.8 k negotiations  0.5/s  ETA 1 h 00 min");
    /* 1 of 10000 in 2 s: 19998 s */
    report_is(1, 10000, 2, LINE "  0%  1 of 10 k negotiations  0.5/s  ETA 5 h 33 min");
}

static void no_eta_no_rate_no_line(void **state)
{
    (void)state;
    /* nothing done yet: a rate of 0 and no ETA */
    report_is(0, 100, 2, LINE "  0%  0 of 100 negotiations  0/s");
    /* no time elapsed: no rate, no ETA */
    report_is(5, 100, 0, LINE "  5%  5 of 100 negotiations  -/s");
    /* the end of a pass (done reached the total) or nothing to count: nothing drawn, the clock restarted */
    report_is(100, 100, 2, "");
    report_is(120, 100, 2, "");
    report_is(3, 0, 2, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(amounts_at_the_suffix_boundary),
        cmocka_unit_test(rates_at_ten),
        cmocka_unit_test(eta_in_seconds_minutes_and_hours),
        cmocka_unit_test(no_eta_no_rate_no_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

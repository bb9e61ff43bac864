/*
 * progress_probe.h: what the tests of the parley command's progress line share (test_cli_progress,
 * test_kill14_cli, test_kill15_cli): a fake clock that says fake_seconds, whatever the machine's speed, a
 * tournament's progress line on it, and standard error captured into a temporary file from capture_stderr() to
 * captured().  Header-only (include after <cmocka.h> and "cli/progress.c").
 */
#ifndef PARLEY_TESTS_PROGRESS_PROBE_H
#define PARLEY_TESTS_PROGRESS_PROBE_H

#include <stdio.h>
#include <unistd.h>

static double fake_seconds;
static double fake_clock(void)
{
    return fake_seconds;
}

/* The progress line of `parley tournament` as on a terminal, on the fake clock: its pass started at 1000 s and the
   clock now `elapsed` seconds later. */
static inline void tournament_progress_at(cli_progress *p, double elapsed)
{
    cli_progress_init(p, "tournament", 0);
    p->enabled = 1; /* as on a terminal */
    p->clock = fake_clock;
    p->started = 1000;
    fake_seconds = 1000 + elapsed;
}

static FILE *capture;
static int saved_stderr = -1;

/* Standard error into a temporary file from here to captured(). */
static void capture_stderr(void)
{
    capture = tmpfile();
    assert_non_null(capture);
    fflush(stderr);
    saved_stderr = dup(STDERR_FILENO);
    dup2(fileno(capture), STDERR_FILENO);
}

/* What was written to standard error since capture_stderr(), into buf. */
static const char *captured(char *buf, size_t size)
{
    fflush(stderr);
    dup2(saved_stderr, STDERR_FILENO);
    close(saved_stderr);
    rewind(capture);
    size_t n = fread(buf, 1, size - 1, capture);
    buf[n] = '\0';
    fclose(capture);
    return buf;
}

#endif

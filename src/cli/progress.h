/*
 * progress.h: the progress line of the parley command.  On stderr, only when
 * stderr is a terminal and --quiet was not given: "parley analyze: 45%  1.2 G
 * of 2.7 G outcomes  350 M/s  ETA 4 s", redrawn in place (at most ten times a
 * second, as the library reports) and erased when the work is done, so it never
 * mixes with the results on stdout.  Also the rate format the summaries use.
 */
#ifndef PARLEY_CLI_PROGRESS_H
#define PARLEY_CLI_PROGRESS_H

#include <stddef.h>

typedef struct cli_progress {
    const char *command; /* "analyze" */
    int enabled;
    int shown;            /* a line is on the terminal */
    const char *what;     /* the unit of the last report */
    double started;       /* when the current pass began: at init, then at each pass's final report */
    double last_done;
    double (*clock)(void); /* seconds on a monotonic clock; NULL: parley_monotonic_seconds (tests set a fake) */
} cli_progress;

/* Enabled when stderr is a terminal and not `quiet`. */
void cli_progress_init(cli_progress *p, const char *command, int quiet);
/* The parley_progress_fn to hand to the library, with the cli_progress as `user`. */
void cli_progress_report(void *user, double done, double total, const char *what);
/* Erases the line if one is shown (call before printing results or errors). */
void cli_progress_end(cli_progress *p);

/* "12", "0.25", "3.4 k", "1.2 M": a count or a rate, short. */
void cli_format_amount(char *buf, size_t size, double x);
/* A rate of `count` in `seconds` ("0.25", "1.2 M"); "-" when no time passed. */
void cli_format_rate(char *buf, size_t size, double count, double seconds);

#endif

/* progress.c: the progress line on stderr (see progress.h). */
#include "cli/progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"

void cli_progress_init(cli_progress *p, const char *command, int quiet)
{
    memset(p, 0, sizeof *p);
    p->command = command;
    p->enabled = !quiet && isatty(STDERR_FILENO);
    p->started = parley_monotonic_seconds();
}

void cli_format_amount(char *buf, size_t size, double x)
{
    static const char *const suffix[] = {"", " k", " M", " G", " T", " P"};
    size_t s = 0;
    while (x >= 999.5 && s + 1 < sizeof suffix / sizeof suffix[0]) {
        x /= 1000;
        s++;
    }
    if (s == 0 && (x >= 100 || x == (double)(long long)x))
        snprintf(buf, size, "%.0f", x);
    else
        snprintf(buf, size, "%.3g%s", x, suffix[s]);
}

void cli_format_rate(char *buf, size_t size, double count, double seconds)
{
    if (!(seconds > 0)) {
        snprintf(buf, size, "-");
        return;
    }
    double rate = count / seconds;
    if (rate < 10)
        snprintf(buf, size, "%.2g", rate);
    else
        cli_format_amount(buf, size, rate);
}

static void format_duration(char *buf, size_t size, double seconds)
{
    if (seconds < 60)
        snprintf(buf, size, "%.0f s", seconds < 1 ? 1 : seconds);
    else if (seconds < 3600)
        snprintf(buf, size, "%d min %02d s", (int)(seconds / 60), (int)seconds % 60);
    else
        snprintf(buf, size, "%d h %02d min", (int)(seconds / 3600), (int)seconds / 60 % 60);
}

void cli_progress_end(cli_progress *p)
{
    if (p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        p->shown = 0;
    }
}

void cli_progress_report(void *user, double done, double total, const char *what)
{
    cli_progress *p = user;
    if (!p->enabled)
        return;
    double now = p->clock ? p->clock() : parley_monotonic_seconds();
    p->what = what;
    p->last_done = done;
    if (!(total > 0) || done >= total) { /* the end of a pass (or nothing to count) */
        cli_progress_end(p);
        p->started = now; /* a next pass (diagnose runs several) starts from here */
        return;
    }
    double elapsed = now - p->started;
    char d[32], t[32], rate[32], eta[48] = "";
    cli_format_amount(d, sizeof d, done);
    cli_format_amount(t, sizeof t, total);
    cli_format_rate(rate, sizeof rate, done, elapsed);
    if (done > 0 && elapsed > 0) {
        char left[32];
        format_duration(left, sizeof left, (total - done) * elapsed / done);
        snprintf(eta, sizeof eta, "  ETA %s", left);
    }
    fprintf(stderr, "\r\033[Kparley %s: %3.0f%%  %s of %s %s  %s/s%s", p->command,
            total > 0 ? 100.0 * done / total : 0.0, d, t, what, rate, eta);
    fflush(stderr);
    p->shown = 1;
}

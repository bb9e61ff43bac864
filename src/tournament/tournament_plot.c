/*
 * tournament_plot.c: parley_tournament_write_svg, the tournament drawn as SVG.
 * One row per agent, best mean utility first.  Left: the spread of the agent's
 * (discounted) utility over every negotiation it played: a box from the first
 * to the third quartile with the median, whiskers from the 5th to the 95th
 * percentile, a dot at the mean.  Right: its agreement rate, with the 95%
 * Wilson confidence interval.
 */
#include <parley/tournament.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/svg.h"

#define ROW 30.0
#define PANEL_W 340.0
#define GAP 60.0
#define COLOUR_BOX "#1f5fb4"
#define COLOUR_RATE "#2ca02c"

typedef struct agent_spread {
    size_t agent;
    double mean, q05, q25, median, q75, q95;
    uint64_t played, agreed;
} agent_spread;

static int by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

static int by_mean(const void *x, const void *y)
{
    const agent_spread *a = x, *b = y;
    return a->mean > b->mean ? -1 : a->mean < b->mean ? 1 : (a->agent > b->agent) - (a->agent < b->agent);
}

/* The q-quantile of sorted v[n] (linear interpolation between order statistics). */
static double quantile(const double *v, size_t n, double q)
{
    double pos = q * (double)(n - 1);
    size_t lo = (size_t)pos;
    return lo + 1 < n ? v[lo] + (pos - (double)lo) * (v[lo + 1] - v[lo]) : v[n - 1];
}

/* Each agent's utilities over its negotiations, summarised; NULL when out of memory. */
static agent_spread *spreads(const parley_tournament *t)
{
    size_t agents = parley_tournament_agent_count(t), runs = parley_tournament_run_count(t), sides = 1;
    for (size_t i = 0; i < runs; i++)
        sides += parley_tournament_result(t, i)->parties;
    agent_spread *s = calloc(agents, sizeof *s);
    double *values = malloc(sides * sizeof *values);
    if (!s || !values) {
        free(s);
        free(values);
        return NULL;
    }
    for (size_t a = 0; a < agents; a++) {
        size_t n = 0;
        s[a].agent = a;
        for (size_t i = 0; i < runs; i++) {
            const parley_tournament_run *r = parley_tournament_result(t, i);
            for (size_t k = 0; k < r->parties; k++)
                if (r->agents[k] == a) {
                    values[n++] = r->discounted[k]; /* self-play: each side the agent plays is one sample */
                    s[a].played++;
                    s[a].agreed += r->agreed != 0;
                }
        }
        if (!n)
            continue;
        qsort(values, n, sizeof *values, by_value);
        double sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += values[i];
        s[a].mean = sum / (double)n;
        s[a].q05 = quantile(values, n, 0.05);
        s[a].q25 = quantile(values, n, 0.25);
        s[a].median = quantile(values, n, 0.5);
        s[a].q75 = quantile(values, n, 0.75);
        s[a].q95 = quantile(values, n, 0.95);
    }
    free(values);
    qsort(s, agents, sizeof *s, by_mean);
    return s;
}

/* The 95% Wilson score interval of `k` successes in `n` trials. */
static void wilson(uint64_t k, uint64_t n, double *lo, double *hi)
{
    if (n == 0) {
        *lo = 0;
        *hi = 1;
        return;
    }
    double z = 1.959964, p = (double)k / (double)n, nn = (double)n;
    double centre = (p + z * z / (2 * nn)) / (1 + z * z / nn);
    double half = z * sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / (1 + z * z / nn);
    *lo = fmax(0, centre - half);
    *hi = fmin(1, centre + half);
}

int parley_tournament_write_svg(const parley_tournament *t, FILE *out, parley_error *err)
{
    size_t agents = parley_tournament_agent_count(t);
    agent_spread *s = spreads(t);
    const char **names = calloc(agents, sizeof *names);
    if (!s || !names) {
        free(s);
        free(names);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    double label_w = 0, lo = 0, hi = 1;
    for (size_t r = 0; r < agents; r++) {
        names[r] = parley_tournament_agent_name(t, s[r].agent);
        label_w = fmax(label_w, svg_text_width(names[r], 11));
        if (s[r].played) {
            lo = fmin(lo, s[r].q05);
            hi = fmax(hi, s[r].q95);
        }
    }
    double left = fmax(60, label_w + 20), top = SVG_TITLE_HEIGHT + 14, h = ROW * (double)agents;
    static const svg_legend_item legend[] = {
        {SVG_MARK_SQUARE, COLOUR_BOX, "utility: quartiles, median; whiskers 5-95%"},
        {SVG_MARK_DOT, "#000", "mean utility"},
        {SVG_MARK_SQUARE, COLOUR_RATE, "agreement rate, 95% confidence interval"},
    };
    size_t items = sizeof legend / sizeof legend[0];
    double width = left + 2 * PANEL_W + GAP + 20, legend_h = 16.0 * (double)items + 8;
    svg doc;
    svg_begin(&doc, out, width, top + h + 56 + legend_h + 10);
    char subtitle[200];
    size_t runs = parley_tournament_run_count(t);
    unsigned threads = parley_tournament_threads(t);
    snprintf(subtitle, sizeof subtitle, "%zu negotiation%s, %zu agents, %.3g s on %u thread%s; best mean utility first",
             runs, runs == 1 ? "" : "s", agents, parley_tournament_seconds(t), threads, threads == 1 ? "" : "s");
    svg_title(&doc, "tournament", subtitle);
    svg_panel pu = {left, top, PANEL_W, h, lo, hi, 0, 1}, pr = {left + PANEL_W + GAP, top, PANEL_W, h, 0, 1, 0, 1};
    svg_axes_rows(&doc, &pu, "discounted utility", names, agents);
    svg_axes_rows(&doc, &pr, "agreement rate", NULL, agents);
    for (size_t r = 0; r < agents; r++) {
        double y = svg_row_y(&pu, r, agents), b = ROW * 0.3;
        if (s[r].played) {
            fprintf(out,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n"
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.35\" "
                    "stroke=\"%s\"/>\n"
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>\n"
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#000\"/>\n",
                    svg_px(&pu, s[r].q05), y, svg_px(&pu, s[r].q95), y, COLOUR_BOX, svg_px(&pu, s[r].q25), y - b,
                    svg_px(&pu, s[r].q75) - svg_px(&pu, s[r].q25), 2 * b, COLOUR_BOX, COLOUR_BOX,
                    svg_px(&pu, s[r].median), y - b, svg_px(&pu, s[r].median), y + b, COLOUR_BOX,
                    svg_px(&pu, s[r].mean), y);
        }
        double rate = s[r].played ? (double)s[r].agreed / (double)s[r].played : 0, ci_lo, ci_hi;
        wilson(s[r].agreed, s[r].played, &ci_lo, &ci_hi);
        fprintf(out,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.6\"/>\n"
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\"/>\n"
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\"/>\n"
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\"/>\n",
                pr.x, y - b, svg_px(&pr, rate) - pr.x, 2 * b, COLOUR_RATE, svg_px(&pr, ci_lo), y, svg_px(&pr, ci_hi),
                y, svg_px(&pr, ci_lo), y - b / 2, svg_px(&pr, ci_lo), y + b / 2, svg_px(&pr, ci_hi), y - b / 2,
                svg_px(&pr, ci_hi), y + b / 2);
    }
    svg_legend(&doc, left, top + h + 50, legend, items);
    free(s);
    free(names);
    int end = svg_end(&doc);
    if (end != 0)
        return end == -2 ? parley_error_set(err, PARLEY_ENOMEM, "out of memory")
                         : parley_error_set(err, PARLEY_EIO, "could not write the plot");
    return PARLEY_OK;
}

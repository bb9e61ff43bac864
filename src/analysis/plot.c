/*
 * plot.c: parley_analysis_write_svg, the analysis drawn as SVG.  One panel per
 * pair of negotiating parties (one panel for two): the feasible outcomes as a
 * density cloud (grey; the acceptable ones green), each party's reservation
 * value as a dashed line, the Pareto frontier of all outcomes and that of the
 * acceptable ones, and the four bargaining solutions, labelled.  The data come
 * from the scan (parley_analysis_options.plot_bins): no outcome is stored.
 */
#include <parley/analysis.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/svg.h"

#define SOLO_PANEL 440.0
#define PAIR_PANEL 330.0
#define MARGIN_LEFT 64.0
#define MARGIN_TOP (SVG_TITLE_HEIGHT + 10)
#define GAP_X 84.0
#define GAP_Y 86.0

#define COLOUR_ALL_FRONTIER "#555555"
#define COLOUR_FRONTIER "#1f5fb4"
#define COLOUR_RESERVATION "#c0392b"
#define COLOUR_SOLUTION "#111111"

static const char *const solution_labels[PARLEY_SOLUTION_COUNT] = {"Nash", "Kalai", "egalitarian", "max welfare"};

/* A pair's frontier with a dot at each point while there are few enough to see. */
static void frontier_line(svg *s, const svg_panel *p, const double *xy, size_t count, const char *colour, int dashed)
{
    svg_xy_line(s, p, xy, count, colour, dashed);
    for (size_t i = 0; count < 200 && i < count; i++)
        fprintf(s->out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\"/>\n", svg_px(p, xy[2 * i]),
                svg_py(p, xy[2 * i + 1]), colour);
}

/* The four solutions: a ring each, one label per distinct point ("Nash = Kalai"). */
static void solutions(svg *s, const svg_panel *p, const parley_analysis *a, size_t i, size_t j)
{
    double ux[PARLEY_SOLUTION_COUNT], uy[PARLEY_SOLUTION_COUNT];
    int have[PARLEY_SOLUTION_COUNT] = {0};
    for (int k = 0; k < PARLEY_SOLUTION_COUNT; k++) {
        const double *u;
        if (parley_analysis_solution(a, (parley_solution_kind)k, NULL, &u, NULL) != PARLEY_OK)
            continue;
        have[k] = 1;
        ux[k] = u[i];
        uy[k] = u[j];
        double x = svg_px(p, ux[k]), y = svg_py(p, uy[k]);
        fprintf(s->out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n", x,
                y, COLOUR_SOLUTION);
        svg_reserve(s, (svg_box){x - 6, y - 6, x + 6, y + 6});
    }
    svg_box within = {p->x + 2, p->y + 2, p->x + p->w - 2, p->y + p->h - 2};
    for (int k = 0; k < PARLEY_SOLUTION_COUNT; k++) {
        if (!have[k])
            continue;
        int first = 1;
        for (int e = 0; e < k; e++)
            first &= !(have[e] && ux[e] == ux[k] && uy[e] == uy[k]);
        if (!first)
            continue;
        char text[96] = "";
        for (int e = k; e < PARLEY_SOLUTION_COUNT; e++)
            if (have[e] && ux[e] == ux[k] && uy[e] == uy[k]) {
                if (text[0])
                    strncat(text, " = ", sizeof text - strlen(text) - 1);
                strncat(text, solution_labels[e], sizeof text - strlen(text) - 1);
            }
        svg_label(s, &within, svg_px(p, ux[k]), svg_py(p, uy[k]), 11, COLOUR_SOLUTION, text);
    }
}

static void panel(svg *s, const svg_panel *p, const parley_analysis *a, const parley_scenario *sc, size_t i,
                  size_t j)
{
    unsigned bins = parley_analysis_plot_bins(a);
    const char *xname = parley_party_name(sc, parley_analysis_party(a, i));
    const char *yname = parley_party_name(sc, parley_analysis_party(a, j));
    char xlabel[160], ylabel[160];
    snprintf(xlabel, sizeof xlabel, "utility of %s", xname);
    snprintf(ylabel, sizeof ylabel, "utility of %s", yname);
    svg_density(s, p, parley_analysis_density(a, i, j, 0), bins, "#8a8a8a", 1);
    svg_density(s, p, parley_analysis_density(a, i, j, 1), bins, "#27ae60", 1);
    svg_axes(s, p, xlabel, ylabel, 0);
    svg_crosshair(s, p, parley_analysis_reservation(a, i), parley_analysis_reservation(a, j), COLOUR_RESERVATION);
    const double *xy;
    size_t count = parley_analysis_pair_frontier(a, i, j, 0, &xy);
    frontier_line(s, p, xy, count, COLOUR_ALL_FRONTIER, 1);
    count = parley_analysis_pair_frontier(a, i, j, 1, &xy);
    frontier_line(s, p, xy, count, COLOUR_FRONTIER, 0);
    solutions(s, p, a, i, j);
    if (parley_analysis_acceptable(a) == 0)
        svg_text(s, p->x + p->w / 2, p->y + 18, 12, "middle", COLOUR_RESERVATION, NULL,
                 "no outcome is acceptable to every party");
}

/* The largest utility any frontier reaches (utilities may exceed 1 in some GENIUS domains). */
static double top_utility(const parley_analysis *a)
{
    double top = 1;
    size_t n = parley_analysis_party_count(a);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            const double *xy;
            size_t count = parley_analysis_pair_frontier(a, i, j, 0, &xy);
            for (size_t q = 0; q < 2 * count; q++)
                top = fmax(top, xy[q]);
        }
    return top;
}

int parley_analysis_write_svg(const parley_analysis *a, const parley_scenario *sc, FILE *out, parley_error *err)
{
    size_t n = parley_analysis_party_count(a);
    if (n < 2 || parley_analysis_plot_bins(a) == 0)
        return parley_error_set(err, PARLEY_EINVAL,
                                "a plot needs 2 to %d parties and an analysis run with plot_bins > 0",
                                PARLEY_PLOT_MAX_PARTIES);
    size_t pairs = n * (n - 1) / 2, columns = pairs < 3 ? pairs : 3, rows = (pairs + columns - 1) / columns;
    double size = pairs == 1 ? SOLO_PANEL : PAIR_PANEL;
    static const svg_legend_item legend[] = {
        {SVG_MARK_SQUARE, "#8a8a8a", "outcomes (darker: more)"},
        {SVG_MARK_SQUARE, "#27ae60", "outcomes acceptable to all"},
        {SVG_MARK_DASH, COLOUR_ALL_FRONTIER, "Pareto frontier of all outcomes"},
        {SVG_MARK_LINE, COLOUR_FRONTIER, "Pareto frontier of acceptable outcomes"},
        {SVG_MARK_DASH, COLOUR_RESERVATION, "reservation values"},
        {SVG_MARK_RING, COLOUR_SOLUTION, "bargaining solutions"},
    };
    size_t items = sizeof legend / sizeof legend[0];
    double legend_w = svg_legend_width(legend, items);
    double width = MARGIN_LEFT + (double)columns * (size + GAP_X) - GAP_X + 30 + legend_w + 20;
    double height = MARGIN_TOP + (double)rows * (size + GAP_Y);
    svg s;
    svg_begin(&s, out, width, height);
    char subtitle[256];
    snprintf(subtitle, sizeof subtitle, "%llu outcomes, %llu feasible, %llu acceptable to every party%s",
             (unsigned long long)parley_analysis_outcomes(a), (unsigned long long)parley_analysis_feasible(a),
             (unsigned long long)parley_analysis_acceptable(a),
             pairs > 1 ? "; one panel per pair of parties, the others' utilities not shown" : "");
    svg_title(&s, parley_scenario_title(sc)[0] ? parley_scenario_title(sc) : "analysis", subtitle);
    double top = top_utility(a);
    size_t q = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++, q++) {
            svg_panel p = {MARGIN_LEFT + (double)(q % columns) * (size + GAP_X),
                           MARGIN_TOP + (double)(q / columns) * (size + GAP_Y), size, size, 0, top, 0, top};
            panel(&s, &p, a, sc, i, j);
        }
    svg_legend(&s, width - legend_w - 20, MARGIN_TOP, legend, items);
    int end = svg_end(&s);
    if (end != 0)
        return end == -2 ? parley_error_set(err, PARLEY_ENOMEM, "out of memory")
                         : parley_error_set(err, PARLEY_EIO, "could not write the plot");
    return PARLEY_OK;
}

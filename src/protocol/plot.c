/*
 * plot.c: parley_negotiation_write_svg, the negotiation drawn as SVG.  On top,
 * every party's utility over the rounds (whole-round ticks; solid: of its own
 * offers and amendments, dashed: of what the others or the mediator put
 * forward).  Below, one utility plane per pair of parties (one for two
 * parties): the outcomes' density, the Pareto frontier of all outcomes and that
 * of the outcomes acceptable to all (each drawn and named as what it is), the
 * reservation values, every package put forward coloured by its sender, and
 * the agreement.  A legend names every mark.
 */
#include "protocol/session_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/svg.h"

#define PAIR_PANEL 330.0
#define ROUNDS_H 220.0
#define MARGIN_LEFT 64.0
#define GAP_X 84.0
#define GAP_Y 84.0

static const char *const colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"};
#define MEDIATOR_COLOUR "#555555"
#define COLOUR_ALL_FRONTIER "#555555"
#define COLOUR_FRONTIER "#1f5fb4"
#define COLOUR_RESERVATION "#c0392b"

static const char *colour(long party)
{
    if (party < 0)
        return MEDIATOR_COLOUR;
    return colours[(size_t)party % (sizeof colours / sizeof colours[0])];
}

static int puts_package(parley_event_kind k)
{
    return k == PARLEY_EVENT_OFFER || k == PARLEY_EVENT_AMENDMENT || k == PARLEY_EVENT_TEXT ||
           k == PARLEY_EVENT_PROPOSAL;
}

static void over_rounds(svg *s, const parley_negotiation *neg, const svg_panel *p)
{
    svg_axes(s, p, "round", "utility", 1);
    for (size_t k = 0; k < neg->n; k++) {
        const parley_utility *u = neg_utility(neg, k);
        for (int own = 1; own >= 0; own--) {
            int started = 0;
            for (size_t i = 0; i < neg->event_count; i++) {
                parley_event ev;
                parley_negotiation_event(neg, i, &ev, NULL);
                if (!ev.outcome || !puts_package(ev.kind) || (ev.party == (long)k) != own)
                    continue;
                if (!started)
                    fprintf(s->out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s points=\"",
                            colour((long)k), own ? "1.8" : "1", own ? "" : " stroke-dasharray=\"3,3\"");
                fprintf(s->out, "%.1f,%.1f ", svg_px(p, (double)ev.round), svg_py(p, parley_utility_eval(u, ev.outcome)));
                started = 1;
            }
            if (started)
                fputs("\"/>\n", s->out);
        }
    }
}

/* The plane of parties i and j. */
static void plane(svg *s, const parley_negotiation *neg, const parley_analysis *a, const svg_panel *p, size_t i,
                  size_t j)
{
    const parley_utility *ui = neg_utility(neg, i), *uj = neg_utility(neg, j);
    char xlabel[160], ylabel[160];
    snprintf(xlabel, sizeof xlabel, "utility of %s", neg_party_name(neg, (long)i));
    snprintf(ylabel, sizeof ylabel, "utility of %s", neg_party_name(neg, (long)j));
    if (a)
        svg_density(s, p, parley_analysis_density(a, i, j, 0), parley_analysis_plot_bins(a), "#999", 0);
    svg_axes(s, p, xlabel, ylabel, 0);
    double ri = a ? parley_analysis_reservation(a, i) : parley_utility_reservation(ui);
    double rj = a ? parley_analysis_reservation(a, j) : parley_utility_reservation(uj);
    svg_crosshair(s, p, ri, rj, COLOUR_RESERVATION);
    if (a) {
        const double *xy;
        size_t count = parley_analysis_pair_frontier(a, i, j, 0, &xy);
        svg_xy_line(s, p, xy, count, COLOUR_ALL_FRONTIER, 1);
        count = parley_analysis_pair_frontier(a, i, j, 1, &xy);
        svg_xy_line(s, p, xy, count, COLOUR_FRONTIER, 0);
    } else {
        svg_text(s, p->x + p->w / 2, p->y + 16, 11, "middle", "#666", NULL, "frontiers not computed: space too large");
    }
    for (size_t e = 0; e < neg->event_count; e++) {
        parley_event ev;
        parley_negotiation_event(neg, e, &ev, NULL);
        if (!ev.outcome || !puts_package(ev.kind))
            continue;
        fprintf(s->out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.8\" fill=\"%s\" fill-opacity=\"0.7\"/>\n",
                svg_px(p, parley_utility_eval(ui, ev.outcome)), svg_py(p, parley_utility_eval(uj, ev.outcome)),
                colour(ev.party));
    }
    if (neg->agreed) {
        double x = svg_px(p, parley_utility_eval(ui, neg->agreement)), y = svg_py(p, parley_utility_eval(uj, neg->agreement));
        fprintf(s->out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\"/>\n", x,
                y);
        svg_reserve(s, (svg_box){x - 8, y - 8, x + 8, y + 8});
        svg_box within = {p->x + 2, p->y + 2, p->x + p->w - 2, p->y + p->h - 2};
        svg_label(s, &within, x, y, 11, "#000", "agreement");
    }
}

/* The legend: a line and a dot colour per party, the mediator, then the frontiers and reservations. */
typedef struct legend_data {
    svg_legend_item *item;
    char (*text)[256];
    size_t count;
} legend_data;

static int legend_build(legend_data *l, const parley_negotiation *neg, const parley_analysis *a)
{
    size_t n = neg->n;
    l->count = 0;
    l->item = calloc(2 * n + 7, sizeof *l->item);
    l->text = calloc(2 * n + 1, sizeof *l->text);
    if (!l->item || !l->text)
        return -1;
    int mediator = 0;
    for (size_t e = 0; e < neg->event_count; e++) {
        parley_event ev;
        parley_negotiation_event(neg, e, &ev, NULL);
        mediator |= ev.outcome && puts_package(ev.kind) && ev.party < 0;
    }
    for (size_t k = 0; k < n; k++) {
        snprintf(l->text[2 * k], sizeof l->text[0], "utility of %.80s (%.80s) over rounds; dashed: of others' packages",
                 neg_party_name(neg, (long)k), neg->agents[k].name);
        snprintf(l->text[2 * k + 1], sizeof l->text[0], "package put forward by %.200s", neg_party_name(neg, (long)k));
        l->item[l->count++] = (svg_legend_item){SVG_MARK_LINE, colour((long)k), l->text[2 * k]};
        l->item[l->count++] = (svg_legend_item){SVG_MARK_DOT, colour((long)k), l->text[2 * k + 1]};
    }
    if (mediator) {
        snprintf(l->text[2 * n], sizeof l->text[0], "package put forward by the mediator (%.180s)",
                 neg_party_name(neg, -1));
        l->item[l->count++] = (svg_legend_item){SVG_MARK_DOT, MEDIATOR_COLOUR, l->text[2 * n]};
    }
    if (neg->agreed)
        l->item[l->count++] = (svg_legend_item){SVG_MARK_RING, "#000", "agreement"};
    if (a) {
        l->item[l->count++] = (svg_legend_item){SVG_MARK_SQUARE, "#ccc", "outcomes (in the utility planes)"};
        l->item[l->count++] = (svg_legend_item){SVG_MARK_DASH, COLOUR_ALL_FRONTIER, "Pareto frontier of all outcomes"};
        l->item[l->count++] =
            (svg_legend_item){SVG_MARK_LINE, COLOUR_FRONTIER, "Pareto frontier of outcomes acceptable to all"};
    }
    l->item[l->count++] = (svg_legend_item){SVG_MARK_DASH, COLOUR_RESERVATION, "reservation values"};
    return 0;
}

static void legend_free(legend_data *l)
{
    free(l->item);
    free(l->text);
}

int parley_negotiation_write_svg(const parley_negotiation *neg, const parley_analysis *a, FILE *out,
                                 parley_error *err)
{
    size_t n = neg->n;
    if (n < 2)
        return parley_error_set(err, PARLEY_EINVAL, "a plot needs two or more parties");
    if (a && (parley_analysis_party_count(a) != n || parley_analysis_plot_bins(a) == 0))
        a = NULL; /* not an analysis of these parties with plot data: draw without frontiers */
    legend_data legend;
    if (legend_build(&legend, neg, a) != 0) {
        legend_free(&legend);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    size_t pairs = n * (n - 1) / 2, columns = pairs < 3 ? (pairs < 2 ? 2 : pairs) : 3;
    size_t rows = (pairs + columns - 1) / columns;
    double span = (double)columns * (PAIR_PANEL + GAP_X) - GAP_X;
    double top = SVG_TITLE_HEIGHT + 10, planes_top = top + ROUNDS_H + GAP_Y;
    /* two parties: the legend beside the one plane; more: under the planes */
    double legend_x = pairs == 1 ? MARGIN_LEFT + PAIR_PANEL + GAP_X : MARGIN_LEFT;
    double legend_top = pairs == 1 ? planes_top : planes_top + (double)rows * (PAIR_PANEL + GAP_Y) - 20;
    double width = fmax(MARGIN_LEFT + span + 30, legend_x + svg_legend_width(legend.item, legend.count) + 20);
    double height = fmax(legend_top + 16.0 * (double)legend.count + 20, planes_top + (double)rows * (PAIR_PANEL + GAP_Y));
    svg s;
    svg_begin(&s, out, width, height);
    char subtitle[200];
    snprintf(subtitle, sizeof subtitle, "%s protocol, %s after %ld round%s", parley_protocol_name(neg->cfg.protocol),
             neg->agreed ? "agreement" : neg->ending, neg->rounds_used, neg->rounds_used == 1 ? "" : "s");
    svg_title(&s, parley_scenario_title(neg->sc)[0] ? parley_scenario_title(neg->sc) : "negotiation", subtitle);
    double maxr = neg->rounds_used > 1 ? (double)neg->rounds_used : 1;
    svg_panel rounds = {MARGIN_LEFT, top, span, ROUNDS_H, 0, maxr, 0, 1};
    over_rounds(&s, neg, &rounds);
    size_t q = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++, q++) {
            svg_panel p = {MARGIN_LEFT + (double)(q % columns) * (PAIR_PANEL + GAP_X),
                           planes_top + (double)(q / columns) * (PAIR_PANEL + GAP_Y), PAIR_PANEL, PAIR_PANEL, 0, 1, 0, 1};
            plane(&s, neg, a, &p, i, j);
        }
    svg_legend(&s, legend_x, legend_top, legend.item, legend.count);
    legend_free(&legend);
    int end = svg_end(&s);
    if (end != 0)
        return end == -2 ? parley_error_set(err, PARLEY_ENOMEM, "out of memory")
                         : parley_error_set(err, PARLEY_EIO, "could not write the plot");
    return PARLEY_OK;
}

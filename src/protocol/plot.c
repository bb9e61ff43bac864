/*
 * plot.c: the negotiation drawn as SVG.  Left: every party's utility over the
 * rounds (solid: of its own offers and amendments; dotted: of what the others
 * or the mediator put forward).  Right: the utility plane of the first two
 * parties, with the Pareto frontier (from an analysis), every package put
 * forward coloured by its sender, and the agreement.
 */
#include "protocol/session_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W 980.0
#define H 440.0
#define PAD 50.0
#define PANEL 400.0

static const char *const colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"};
#define MEDIATOR_COLOUR "#555555"

static const char *colour(long party)
{
    if (party < 0)
        return MEDIATOR_COLOUR;
    return colours[(size_t)party % (sizeof colours / sizeof colours[0])];
}

static void xml_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
    }
}

static int puts_package(parley_event_kind k)
{
    return k == PARLEY_EVENT_OFFER || k == PARLEY_EVENT_AMENDMENT || k == PARLEY_EVENT_TEXT ||
           k == PARLEY_EVENT_PROPOSAL;
}

static void axes(FILE *out, double x0, double y0, const char *xlabel, const char *ylabel, double xmax)
{
    fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#999\"/>\n", x0,
            y0 - PANEL * 0.8, PANEL, PANEL * 0.8);
    for (int i = 0; i <= 4; i++) {
        double f = i / 4.0;
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%.2f</text>\n", x0 - 4,
                y0 - f * PANEL * 0.8 + 3, f);
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\">%.4g</text>\n",
                x0 + f * PANEL, y0 + 14, f * xmax);
    }
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\">", x0 + PANEL / 2, y0 + 30);
    xml_text(out, xlabel);
    fprintf(out, "</text>\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" "
                 "transform=\"rotate(-90 %.1f %.1f)\">",
            x0 - 36, y0 - PANEL * 0.4, x0 - 36, y0 - PANEL * 0.4);
    xml_text(out, ylabel);
    fputs("</text>\n", out);
}

static void over_rounds(const parley_negotiation *neg, FILE *out)
{
    double x0 = PAD, y0 = H - PAD, h = PANEL * 0.8;
    double maxr = neg->rounds_used > 1 ? (double)neg->rounds_used : 1;
    axes(out, x0, y0, "round", "utility", maxr);
    for (size_t k = 0; k < neg->n; k++) {
        const parley_utility *u = neg_utility(neg, k);
        for (int own = 1; own >= 0; own--) {
            int started = 0;
            for (size_t i = 0; i < neg->event_count; i++) {
                parley_event ev;
                parley_negotiation_event(neg, i, &ev, NULL);
                if (!ev.outcome || !puts_package(ev.kind) || (ev.party == (long)k) != own)
                    continue;
                double x = x0 + PANEL * (double)ev.round / maxr, y = y0 - h * parley_utility_eval(u, ev.outcome);
                if (!started)
                    fprintf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s points=\"",
                            colour((long)k), own ? "1.6" : "1", own ? "" : " stroke-dasharray=\"3,3\"");
                fprintf(out, "%.1f,%.1f ", x, y);
                started = 1;
            }
            if (started)
                fputs("\"/>\n", out);
        }
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">", x0 + 6, y0 - h - 8 - 13.0 * (double)k,
                colour((long)k));
        xml_text(out, neg_party_name(neg, (long)k));
        fprintf(out, " (%s)</text>\n", neg->agents[k].name);
    }
}

struct point {
    double x, y;
};

static int point_cmp(const void *a, const void *b)
{
    const struct point *p = a, *q = b;
    return p->x < q->x ? -1 : p->x > q->x;
}

static int plane(const parley_negotiation *neg, const parley_analysis *a, FILE *out)
{
    double x0 = PAD + PANEL + 120, y0 = H - PAD, h = PANEL * 0.8;
    const parley_utility *u0 = neg_utility(neg, 0), *u1 = neg_utility(neg, 1);
    axes(out, x0, y0, neg_party_name(neg, 0), neg_party_name(neg, 1), 1);
    size_t count = a ? parley_analysis_frontier_count(a) : 0;
    if (count) {
        long c0 = -1, c1 = -1;
        for (size_t k = 0; k < parley_analysis_party_count(a); k++) {
            if (parley_analysis_party(a, k) == parley_scenario_negotiator(neg->sc, 0))
                c0 = (long)k;
            if (parley_analysis_party(a, k) == parley_scenario_negotiator(neg->sc, 1))
                c1 = (long)k;
        }
        struct point *pts = c0 >= 0 && c1 >= 0 ? malloc(count * sizeof *pts) : NULL;
        if (c0 >= 0 && c1 >= 0 && !pts)
            return PARLEY_ENOMEM;
        for (size_t i = 0; pts && i < count; i++) {
            const double *fu = parley_analysis_frontier_utilities(a, i);
            pts[i].x = fu[c0];
            pts[i].y = fu[c1];
        }
        if (pts) {
            qsort(pts, count, sizeof *pts, point_cmp);
            fputs("<polyline fill=\"none\" stroke=\"#bbb\" stroke-width=\"2\" points=\"", out);
            for (size_t i = 0; i < count; i++)
                fprintf(out, "%.1f,%.1f ", x0 + PANEL * pts[i].x, y0 - h * pts[i].y);
            fputs("\"/>\n", out);
            fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#999\">Pareto frontier</text>\n",
                    x0 + PANEL - 90, y0 - h - 8);
            free(pts);
        }
    }
    for (size_t i = 0; i < neg->event_count; i++) {
        parley_event ev;
        parley_negotiation_event(neg, i, &ev, NULL);
        if (!ev.outcome || !puts_package(ev.kind))
            continue;
        fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\" fill-opacity=\"0.6\"/>\n",
                x0 + PANEL * parley_utility_eval(u0, ev.outcome), y0 - h * parley_utility_eval(u1, ev.outcome),
                colour(ev.party));
    }
    if (neg->agreed)
        fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\"/>\n"
                     "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">agreement</text>\n",
                x0 + PANEL * parley_utility_eval(u0, neg->agreement), y0 - h * parley_utility_eval(u1, neg->agreement),
                x0 + PANEL * parley_utility_eval(u0, neg->agreement) + 9,
                y0 - h * parley_utility_eval(u1, neg->agreement) - 9);
    return PARLEY_OK;
}

int parley_negotiation_write_svg(const parley_negotiation *neg, const parley_analysis *a, FILE *out,
                                 parley_error *err)
{
    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                 "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\">\n",
            W, H, W, H);
    const char *title = parley_scenario_title(neg->sc)[0] ? parley_scenario_title(neg->sc) : "negotiation";
    char suffix[160];
    snprintf(suffix, sizeof suffix, ": %s, %s after %ld rounds", parley_protocol_name(neg->cfg.protocol),
             neg->agreed ? "agreement" : neg->ending, neg->rounds_used);
    fputs("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n<text x=\"10\" y=\"20\" font-size=\"14\"", out);
    /* A long title is squeezed to the width rather than cut off (about 7 px a character at 14 px). */
    if (7.0 * (double)(strlen(title) + strlen(suffix)) > W - 20)
        fprintf(out, " textLength=\"%.0f\" lengthAdjust=\"spacingAndGlyphs\"", W - 20);
    fputc('>', out);
    xml_text(out, title);
    xml_text(out, suffix);
    fputs("</text>\n", out);
    over_rounds(neg, out);
    int rc = plane(neg, a, out);
    if (rc)
        return parley_error_set(err, rc, "out of memory");
    fputs("</svg>\n", out);
    if (ferror(out))
        return parley_error_set(err, PARLEY_EIO, "could not write the plot");
    return PARLEY_OK;
}

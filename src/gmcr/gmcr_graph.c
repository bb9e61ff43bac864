/*
 * gmcr_graph.c: the graph of unilateral improvements of a conflict, as
 * Graphviz DOT or as an SVG drawn here (no run-time dependency): an arc
 * diagram, states in code order named by the options taken, an arrow from each state
 * to each of its unilateral improvements coloured by the DM that moves,
 * equilibria filled and ringed, with the notions they satisfy.
 */
#include "gmcr_internal.h"
#include "io/genius_internal.h" /* genius_xml_escape: XML text escaping */

#include <stdlib.h>
#include <string.h>

#define MAX_GRAPH_STATES 256

static const char *PALETTE[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};
#define N_COLOURS (sizeof PALETTE / sizeof *PALETTE)

/* Names of the notions in f, joined by commas, into buf. */
static char *notion_list(unsigned f, unsigned notions, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (unsigned b = 1; b <= PARLEY_GMCR_NM; b <<= 1)
        if ((notions & b) && (f & b) && len + 10 < size)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
                                    parley_gmcr_notion_name((parley_gmcr_notion)b));
    return buf;
}

static int check_size(const parley_gmcr_model *m, parley_error *err)
{
    if (m->n_states > MAX_GRAPH_STATES)
        return parley_error_set(err, PARLEY_ERANGE, "the graph has %zu states; at most %d can be drawn", m->n_states,
                                MAX_GRAPH_STATES);
    return PARLEY_OK;
}

/* Calls edge(ctx, from, to, dm) for every unilateral improvement. */
static int for_each_improvement(const parley_gmcr_model *m, void (*edge)(void *, int32_t, int32_t, size_t), void *ctx)
{
    size_t n = m->n_states;
    int32_t *moves = malloc(n * sizeof *moves);
    if (!moves)
        return PARLEY_ENOMEM;
    for (size_t s = 0; s < n; s++)
        for (size_t d = 0; d < m->n_dms; d++) {
            size_t c = gmcr_moves(m, d, (int32_t)s, moves);
            for (size_t k = 0; k < c; k++)
                if (m->pref[d * n + (size_t)moves[k]] > m->pref[d * n + s])
                    edge(ctx, (int32_t)s, moves[k], d);
        }
    free(moves);
    return PARLEY_OK;
}

/* DOT: a quoted string (escapes " and \). */
static void dot_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void dot_edge(void *ctx, int32_t from, int32_t to, size_t dm)
{
    FILE *out = ctx;
    fprintf(out, "  s%d -> s%d [color=\"%s\"];\n", from, to, PALETTE[dm % N_COLOURS]);
}

int parley_gmcr_write_dot(FILE *out, const parley_gmcr_result *r, parley_error *err)
{
    const parley_gmcr_model *m = r->model;
    int rc = check_size(m, err);
    if (rc)
        return rc;
    char label[512], notions[128], text[800];
    fprintf(out, "digraph conflict {\n  label=");
    dot_string(out, m->name[0] ? m->name : "conflict");
    fprintf(out, ";\n  labelloc=t;\n  node [shape=box, style=rounded, fontname=\"sans-serif\"];\n");
    for (size_t d = 0; d < m->n_dms; d++) {
        fprintf(out, "  legend%zu [shape=plaintext, fontcolor=\"%s\", label=", d, PALETTE[d % N_COLOURS]);
        snprintf(text, sizeof text, "moves by %s", m->dms[d].name);
        dot_string(out, text);
        fprintf(out, "];\n");
    }
    for (size_t s = 0; s < m->n_states; s++) {
        parley_gmcr_model_state_label(m, m->codes[s], label, sizeof label);
        if (r->eq[s])
            snprintf(text, sizeof text, "%u: %s\nequilibrium: %s", m->codes[s], label,
                     notion_list(r->eq[s], r->notions, notions, sizeof notions));
        else
            snprintf(text, sizeof text, "%u: %s", m->codes[s], label);
        fprintf(out, "  s%zu [label=", s);
        dot_string(out, text);
        fprintf(out, "%s];\n", r->eq[s] ? ", peripheries=2, style=\"rounded,filled,bold\", fillcolor=\"#ffe9a8\"" : "");
    }
    rc = for_each_improvement(m, dot_edge, out);
    if (rc)
        return parley_error_set(err, rc, "out of memory");
    fprintf(out, "}\n");
    return ferror(out) ? parley_error_set(err, PARLEY_EIO, "write error") : PARLEY_OK;
}

/*
 * The SVG is an arc diagram: one row per state, top to bottom in code order,
 * its circle in one column and its name to the right; each improvement is an
 * arc on the left from the mover's state to the new one (downward arcs bulge
 * further than upward ones, so a move and its reverse stay apart).  Rows never
 * overlap, however many states there are.
 */
#define ROW 18.0
#define CHAR_WIDTH 6.8 /* of 11 px sans-serif, generously */

typedef struct svg_layout {
    FILE *out;
    double x, top;
} svg_layout;

static double row_y(const svg_layout *L, int32_t s)
{
    return L->top + ROW * (double)s;
}

static void svg_edge(void *ctx, int32_t from, int32_t to, size_t dm)
{
    const svg_layout *L = ctx;
    double y1 = row_y(L, from), y2 = row_y(L, to), dy = y2 - y1;
    double bulge = (dy > 0 ? 0.5 : 0.32) * (dy > 0 ? dy : -dy);
    double end = y2 + (dy > 0 ? -6.0 : 6.0);
    fprintf(L->out,
            "<path d=\"M%.1f %.1fC%.1f %.1f %.1f %.1f %.1f %.1f\" fill=\"none\" stroke=\"%s\" stroke-opacity=\"0.6\" "
            "stroke-width=\"1.2\" marker-end=\"url(#arrow%zu)\"/>\n",
            L->x - 6.0, y1, L->x - 6.0 - bulge, y1, L->x - 6.0 - bulge, end, L->x - 3.0, end,
            PALETTE[dm % N_COLOURS], dm % N_COLOURS);
}

int parley_gmcr_write_svg(FILE *out, const parley_gmcr_result *r, parley_error *err)
{
    const parley_gmcr_model *m = r->model;
    int rc = check_size(m, err);
    if (rc)
        return rc;
    size_t n = m->n_states, longest = 40;
    char label[512], notions[128];
    for (size_t s = 0; s < n; s++) {
        size_t len = strlen(parley_gmcr_model_state_label(m, m->codes[s], label, sizeof label)) + 10;
        if (r->eq[s])
            len += strlen(notion_list(r->eq[s], r->notions, notions, sizeof notions)) + 3;
        if (len > longest)
            longest = len;
    }
    double span = ROW * (double)(n > 1 ? n - 1 : 1), legend_h = 40.0 + 18.0 * (double)(m->n_dms + 1);
    svg_layout L = {.out = out, .x = 30.0 + 0.5 * span, .top = legend_h + 20.0};
    double width = L.x + 14.0 + CHAR_WIDTH * (double)longest + 20.0, height = L.top + span + 30.0;
    if (width < 360.0)
        width = 360.0;
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
            "font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n<defs>\n",
            width, height, width, height);
    for (size_t c = 0; c < N_COLOURS; c++)
        fprintf(out,
                "<marker id=\"arrow%zu\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                "markerHeight=\"7\" orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" fill=\"%s\"/></marker>\n",
                c, PALETTE[c]);
    fprintf(out, "</defs>\n<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">");
    genius_xml_escape(out, m->name[0] ? m->name : "Conflict");
    fprintf(out, "</text>\n<text x=\"10\" y=\"36\">states (code: options taken); arrows: unilateral improvements</text>\n");
    for (size_t d = 0; d < m->n_dms; d++) {
        double y = 54.0 + 18.0 * (double)d;
        fprintf(out, "<line x1=\"10\" y1=\"%.0f\" x2=\"34\" y2=\"%.0f\" stroke=\"%s\" stroke-width=\"2\"/>"
                     "<text x=\"40\" y=\"%.0f\">moves by ",
                y, y, PALETTE[d % N_COLOURS], y + 4.0);
        genius_xml_escape(out, m->dms[d].name);
        fprintf(out, "</text>\n");
    }
    double ly = 54.0 + 18.0 * (double)m->n_dms;
    fprintf(out,
            "<circle cx=\"22\" cy=\"%.0f\" r=\"6\" fill=\"#f2b705\" stroke=\"black\" stroke-width=\"2\"/>"
            "<text x=\"40\" y=\"%.0f\">equilibrium [the notions under which it is one]</text>\n",
            ly, ly + 4.0);
    rc = for_each_improvement(m, svg_edge, &L);
    if (rc)
        return parley_error_set(err, rc, "out of memory");
    for (size_t s = 0; s < n; s++) {
        double y = row_y(&L, (int32_t)s);
        fprintf(out, "<g class=\"state%s\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" stroke=\"black\" "
                     "stroke-width=\"%s\"/>",
                r->eq[s] ? " equilibrium" : "", L.x, y, r->eq[s] ? "#f2b705" : "white", r->eq[s] ? "2" : "1");
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\"%s>%u: ", L.x + 12.0, y + 4.0, r->eq[s] ? " font-weight=\"bold\"" : "",
                m->codes[s]);
        genius_xml_escape(out, parley_gmcr_model_state_label(m, m->codes[s], label, sizeof label));
        if (r->eq[s])
            fprintf(out, " [%s]", notion_list(r->eq[s], r->notions, notions, sizeof notions));
        fprintf(out, "</text></g>\n");
    }
    fprintf(out, "</svg>\n");
    return ferror(out) ? parley_error_set(err, PARLEY_EIO, "write error") : PARLEY_OK;
}

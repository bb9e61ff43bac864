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
 * The SVG is an arc diagram: one row per state shown, top to bottom in code
 * order, its circle in one column and its name to the right; each improvement
 * is an arc on the left from the mover's state to the new one.  Arcs are laid
 * in lanes: an arc takes the innermost lane where no other arc's rows overlap
 * its own, so no arc runs over another and none hides a state.  Rows never
 * overlap, however many states there are.
 */
#define ROW 18.0
#define LANE 7.0
#define CHAR_WIDTH 6.8 /* of 11 px sans-serif, generously */

typedef struct graph_edge {
    int32_t from, to; /* state ordinals */
    size_t dm;
    int keep, lane;
} graph_edge;

typedef struct edge_list {
    graph_edge *e;
    size_t n, cap;
    int dm; /* -1 or the only decision maker kept */
    int failed;
} edge_list;

static void collect_edge(void *ctx, int32_t from, int32_t to, size_t dm)
{
    edge_list *L = ctx;
    if (L->failed || (L->dm >= 0 && (size_t)L->dm != dm))
        return;
    if (L->n == L->cap) {
        size_t cap = L->cap ? 2 * L->cap : 256;
        graph_edge *grown = realloc(L->e, cap * sizeof *grown);
        if (!grown) {
            L->failed = 1;
            return;
        }
        L->e = grown;
        L->cap = cap;
    }
    L->e[L->n++] = (graph_edge){from, to, dm, 1, 0};
}

/* Marks the edges of the shortest path of improvements from state `start` to an equilibrium (BFS). */
static int mark_path(const parley_gmcr_result *r, edge_list *L, int32_t start, uint8_t *on_path)
{
    size_t n = r->model->n_states;
    int32_t *via = malloc(n * sizeof *via), *queue = malloc(n * sizeof *queue);
    if (!via || !queue) {
        free(via);
        free(queue);
        return PARLEY_ENOMEM;
    }
    for (size_t s = 0; s < n; s++)
        via[s] = -2;
    size_t head = 0, tail = 0;
    via[start] = -1;
    queue[tail++] = start;
    int32_t found = r->eq[start] ? start : -1;
    while (head < tail && found < 0) {
        int32_t x = queue[head++];
        for (size_t k = 0; k < L->n && found < 0; k++)
            if (L->e[k].from == x && via[L->e[k].to] == -2) {
                via[L->e[k].to] = (int32_t)k;
                queue[tail++] = L->e[k].to;
                if (r->eq[L->e[k].to])
                    found = L->e[k].to;
            }
    }
    for (int32_t y = found; y >= 0 && via[y] >= 0; y = L->e[via[y]].from)
        on_path[via[y]] = 1;
    free(via);
    free(queue);
    return PARLEY_OK;
}

/* The innermost lane of each kept arc: no two arcs of a lane share a row (their spans are apart). */
static int assign_lanes(edge_list *L, const int32_t *row, int *lanes)
{
    size_t kept = 0;
    for (size_t k = 0; k < L->n; k++)
        kept += L->e[k].keep != 0;
    size_t *order = malloc((kept ? kept : 1) * sizeof *order);
    int32_t *lane_end = malloc((kept ? kept : 1) * sizeof *lane_end);
    if (!order || !lane_end) {
        free(order);
        free(lane_end);
        return PARLEY_ENOMEM;
    }
    size_t m = 0;
    for (size_t k = 0; k < L->n; k++)
        if (L->e[k].keep)
            order[m++] = k;
    /* by top row, then shorter first (insertion sort: the arcs kept are few) */
    for (size_t i = 1; i < m; i++)
        for (size_t j = i; j > 0; j--) {
            const graph_edge *a = &L->e[order[j - 1]], *b = &L->e[order[j]];
            int32_t at = row[a->from] < row[a->to] ? row[a->from] : row[a->to];
            int32_t bt = row[b->from] < row[b->to] ? row[b->from] : row[b->to];
            int32_t as = abs(row[a->from] - row[a->to]), bs = abs(row[b->from] - row[b->to]);
            if (at < bt || (at == bt && as <= bs))
                break;
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    *lanes = 0;
    for (size_t i = 0; i < m; i++) {
        graph_edge *e = &L->e[order[i]];
        int32_t top = row[e->from] < row[e->to] ? row[e->from] : row[e->to];
        int32_t bottom = row[e->from] + row[e->to] - top;
        int lane = 0;
        while (lane < *lanes && lane_end[lane] >= top)
            lane++;
        if (lane == *lanes)
            (*lanes)++;
        lane_end[lane] = bottom;
        e->lane = lane;
    }
    free(order);
    free(lane_end);
    return PARLEY_OK;
}

static void svg_header(FILE *out, const parley_gmcr_model *m, double width, double height, const char *subtitle)
{
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
    fprintf(out, "</text>\n<text x=\"10\" y=\"36\">");
    genius_xml_escape(out, subtitle);
    fprintf(out, "</text>\n");
}

int parley_gmcr_write_svg_view(FILE *out, const parley_gmcr_result *r, const parley_gmcr_svg_view *view,
                               parley_error *err)
{
    const parley_gmcr_model *m = r->model;
    parley_gmcr_svg_view all = {.dm = -1};
    if (!view)
        view = &all;
    size_t n = m->n_states;
    int32_t sq = view->has_status_quo && view->status_quo < (1u << m->n_options) ? m->index[view->status_quo] : -1;
    if (view->has_status_quo && sq < 0)
        return parley_error_set(err, PARLEY_EINVAL, "the status quo %u is not a feasible state", view->status_quo);
    edge_list L = {.dm = view->dm};
    uint8_t *shown = calloc(n ? n : 1, 1), *on_path = NULL;
    int32_t *row = malloc((n ? n : 1) * sizeof *row);
    int rc = PARLEY_OK, lanes = 0;
    if (!shown || !row || for_each_improvement(m, collect_edge, &L) != PARLEY_OK || L.failed ||
        !(on_path = calloc(L.n ? L.n : 1, 1)) || (sq >= 0 && mark_path(r, &L, sq, on_path) != PARLEY_OK)) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto done;
    }
    /* what is shown: everything, or the equilibria, the moves into and out of them and the status quo's path */
    for (size_t k = 0; k < L.n; k++) {
        graph_edge *e = &L.e[k];
        e->keep = !view->focused || r->eq[e->from] || r->eq[e->to] || on_path[k];
        if (e->keep)
            shown[e->from] = shown[e->to] = 1;
    }
    size_t count = 0;
    for (size_t s = 0; s < n; s++) {
        shown[s] |= !view->focused && view->dm < 0; /* the full view: every state, even one without moves */
        shown[s] |= r->eq[s] != 0 || (int32_t)s == sq;
        row[s] = shown[s] ? (int32_t)count++ : -1;
    }
    if (count > MAX_GRAPH_STATES) {
        rc = parley_error_set(err, PARLEY_ERANGE, "the graph has %zu states to draw; at most %d can be drawn "
                              "(draw one decision maker's moves with --focus DM)", count, MAX_GRAPH_STATES);
        goto done;
    }
    if ((rc = assign_lanes(&L, row, &lanes)) != PARLEY_OK) {
        rc = parley_error_set(err, rc, "out of memory");
        goto done;
    }
    size_t longest = 40;
    char label[512], notions[128], subtitle[512];
    for (size_t s = 0; s < n; s++) {
        if (!shown[s])
            continue;
        size_t len = strlen(parley_gmcr_model_state_label(m, m->codes[s], label, sizeof label)) + 10;
        if (r->eq[s])
            len += strlen(notion_list(r->eq[s], r->notions, notions, sizeof notions)) + 3;
        len += (int32_t)s == sq ? 14 : 0;
        if (len > longest)
            longest = len;
    }
    size_t used = (size_t)snprintf(subtitle, sizeof subtitle, "%s", view->focused
                       ? "the equilibria and the moves into and out of them" : "states (code: options taken); arrows: unilateral improvements");
    if (view->focused && sq >= 0)
        used += (size_t)snprintf(subtitle + used, sizeof subtitle - used, ", the path from the status quo");
    if (view->dm >= 0 && used < sizeof subtitle)
        snprintf(subtitle + used, sizeof subtitle - used, "; moves by %s only", m->dms[view->dm].name);
    double span = ROW * (double)(count > 1 ? count - 1 : 1), legend_h = 40.0 + 18.0 * (double)(m->n_dms + 2);
    double x = 30.0 + 14.0 + LANE * (double)lanes, top = legend_h + 20.0;
    double width = x + 14.0 + CHAR_WIDTH * (double)longest + 20.0, height = top + span + 30.0;
    if (width < 360.0 + CHAR_WIDTH * (double)strlen(subtitle) * 0.5)
        width = 360.0 + CHAR_WIDTH * (double)strlen(subtitle) * 0.5;
    svg_header(out, m, width, height, subtitle);
    for (size_t d = 0; d < m->n_dms; d++) {
        if (view->dm >= 0 && (size_t)view->dm != d)
            continue;
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
    if (sq >= 0)
        fprintf(out, "<circle cx=\"22\" cy=\"%.0f\" r=\"6\" fill=\"white\" stroke=\"#333\" stroke-width=\"3\" "
                     "stroke-dasharray=\"2 2\"/><text x=\"40\" y=\"%.0f\">status quo; thick arrows: its path to an "
                     "equilibrium</text>\n", ly + 18.0, ly + 22.0);
    for (size_t k = 0; k < L.n; k++) {
        const graph_edge *e = &L.e[k];
        if (!e->keep)
            continue;
        double y1 = top + ROW * row[e->from], y2 = top + ROW * row[e->to], end = y2 + (y2 > y1 ? -6.0 : 6.0);
        double bulge = 10.0 + LANE * (double)e->lane;
        fprintf(out,
                "<path class=\"move\" d=\"M%.1f %.1fC%.1f %.1f %.1f %.1f %.1f %.1f\" fill=\"none\" stroke=\"%s\" "
                "stroke-opacity=\"0.75\" stroke-width=\"%s\" marker-end=\"url(#arrow%zu)\"/>\n",
                x - 6.0, y1, x - 6.0 - bulge, y1, x - 6.0 - bulge, end, x - 3.0, end, PALETTE[e->dm % N_COLOURS],
                on_path[k] ? "2.6" : "1.2", e->dm % N_COLOURS);
    }
    for (size_t s = 0; s < n; s++) {
        if (!shown[s])
            continue;
        double y = top + ROW * row[s];
        fprintf(out, "<g class=\"state%s%s\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" stroke=\"black\" "
                     "stroke-width=\"%s\"%s/>",
                r->eq[s] ? " equilibrium" : "", (int32_t)s == sq ? " status-quo" : "", x, y,
                r->eq[s] ? "#f2b705" : "white", r->eq[s] || (int32_t)s == sq ? "2" : "1",
                (int32_t)s == sq ? " stroke-dasharray=\"2 2\"" : "");
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\"%s>%u: ", x + 12.0, y + 4.0, r->eq[s] ? " font-weight=\"bold\"" : "",
                m->codes[s]);
        genius_xml_escape(out, parley_gmcr_model_state_label(m, m->codes[s], label, sizeof label));
        if (r->eq[s])
            fprintf(out, " [%s]", notion_list(r->eq[s], r->notions, notions, sizeof notions));
        if ((int32_t)s == sq)
            fprintf(out, " (status quo)");
        fprintf(out, "</text></g>\n");
    }
    fprintf(out, "</svg>\n");
    if (ferror(out))
        rc = parley_error_set(err, PARLEY_EIO, "write error");
done:
    free(L.e);
    free(shown);
    free(on_path);
    free(row);
    return rc;
}

int parley_gmcr_write_svg(FILE *out, const parley_gmcr_result *r, parley_error *err)
{
    int rc = check_size(r->model, err);
    return rc ? rc : parley_gmcr_write_svg_view(out, r, NULL, err);
}

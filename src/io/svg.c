/* svg.c: the SVG toolkit of the plots (see svg.h). */
#include "io/genius_internal.h"
#include "io/svg.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHAR_EM 0.62 /* estimated advance of a sans-serif character, in em */

void svg_begin(svg *s, FILE *out, double width, double height)
{
    memset(s, 0, sizeof *s);
    s->out = out;
    s->width = width;
    s->height = height;
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
            "font-family=\"DejaVu Sans, Arial, sans-serif\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n",
            width, height, width, height);
}

int svg_end(svg *s)
{
    fputs("</svg>\n", s->out);
    free(s->boxes);
    s->boxes = NULL;
    return s->failed ? -2 : ferror(s->out) ? -1 : 0;
}

void svg_escape(FILE *out, const char *text)
{
    genius_xml_escape(out, text); /* SVG is XML: one escaping for every XML parley writes */
}

double svg_text_width(const char *text, double size)
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        chars += (*p & 0xC0) != 0x80; /* count code points, not bytes */
    return CHAR_EM * size * (double)chars;
}

void svg_reserve(svg *s, svg_box b)
{
    if (s->box_count == s->box_capacity) {
        size_t cap = s->box_capacity ? 2 * s->box_capacity : 64;
        svg_box *grown = realloc(s->boxes, cap * sizeof *grown);
        if (!grown) {
            s->failed = 1;
            return;
        }
        s->boxes = grown;
        s->box_capacity = cap;
    }
    s->boxes[s->box_count++] = b;
}

static svg_box text_box(double x, double y, double size, const char *anchor, const char *text)
{
    double w = svg_text_width(text, size);
    double left = strcmp(anchor, "end") == 0 ? x - w : strcmp(anchor, "middle") == 0 ? x - w / 2 : x;
    return (svg_box){left, y - 0.8 * size, left + w, y + 0.25 * size};
}

static void emit_text(svg *s, double x, double y, double size, const char *anchor, const char *fill, const char *attrs,
                      const char *text)
{
    fprintf(s->out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%g\" text-anchor=\"%s\" fill=\"%s\"%s%s>", x, y, size,
            anchor, fill, attrs ? " " : "", attrs ? attrs : "");
    svg_escape(s->out, text);
    fputs("</text>\n", s->out);
}

void svg_text(svg *s, double x, double y, double size, const char *anchor, const char *fill, const char *attrs,
              const char *text)
{
    emit_text(s, x, y, size, anchor, fill, attrs, text);
    svg_reserve(s, text_box(x, y, size, anchor, text));
}

static void squeezed_line(svg *s, double y, double size, const char *weight, const char *fill, const char *text)
{
    double room = s->width - 20, w = svg_text_width(text, size);
    fprintf(s->out, "<text x=\"10\" y=\"%.1f\" font-size=\"%g\" font-weight=\"%s\" fill=\"%s\"", y, size, weight,
            fill);
    if (w > room)
        fprintf(s->out, " textLength=\"%.0f\" lengthAdjust=\"spacingAndGlyphs\"", room);
    fputc('>', s->out);
    svg_escape(s->out, text);
    fputs("</text>\n", s->out);
    svg_reserve(s, (svg_box){10, y - 0.8 * size, 10 + (w < room ? w : room), y + 0.25 * size});
}

void svg_title(svg *s, const char *title, const char *subtitle)
{
    squeezed_line(s, 22, 15, "bold", "#222", title);
    if (subtitle && subtitle[0])
        squeezed_line(s, 40, 12, "normal", "#444", subtitle);
}

double svg_px(const svg_panel *p, double v)
{
    return p->x + p->w * (v - p->xlo) / (p->xhi - p->xlo);
}

double svg_py(const svg_panel *p, double v)
{
    return p->y + p->h - p->h * (v - p->ylo) / (p->yhi - p->ylo);
}

static double nice_step(double range, size_t max, int integers)
{
    double raw = range / (double)(max > 1 ? max - 1 : 1);
    double mag = pow(10, floor(log10(raw)));
    double step = mag * 10;
    static const double steps[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (mag * steps[i] >= raw * (1 - 1e-9)) {
            step = mag * steps[i];
            break;
        }
    if (integers && step < 1)
        step = 1;
    if (integers)
        step = ceil(step);
    return step;
}

size_t svg_ticks(double lo, double hi, size_t max, int integers, double *ticks)
{
    if (!(hi > lo) || max == 0)
        return 0;
    double step = nice_step(hi - lo, max, integers);
    size_t n = 0;
    for (double t = ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9 && n < max; t += step)
        ticks[n++] = fabs(t) < step * 1e-9 ? 0 : t;
    return n;
}

static void tick_label(char *buf, size_t size, double v, double step)
{
    int decimals = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    if (decimals > 6)
        decimals = 6;
    snprintf(buf, size, "%.*f", decimals, v);
}

static void axis_line(svg *s, double x0, double y0, double x1, double y1)
{
    fprintf(s->out, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#666\"/>\n", x0, y0,
            x1, y1);
    svg_reserve(s, (svg_box){fmin(x0, x1) - 0.5, fmin(y0, y1) - 0.5, fmax(x0, x1) + 0.5, fmax(y0, y1) + 0.5});
}

static void x_axis(svg *s, const svg_panel *p, const char *xlabel, int integer_x)
{
    double ticks[16];
    char buf[32];
    size_t xmax = (size_t)(p->w / 55) + 1;
    size_t nx = svg_ticks(p->xlo, p->xhi, xmax < 11 ? xmax : 11, integer_x, ticks);
    double step = nx > 1 ? ticks[1] - ticks[0] : 1;
    for (size_t i = 0; i < nx; i++) {
        double x = svg_px(p, ticks[i]);
        fprintf(s->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>\n", x, p->y, x,
                p->y + p->h);
        fprintf(s->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#666\"/>\n", x, p->y + p->h, x,
                p->y + p->h + 4);
        tick_label(buf, sizeof buf, ticks[i], step);
        svg_text(s, x, p->y + p->h + 16, 10, "middle", "#444", NULL, buf);
    }
    svg_text(s, p->x + p->w / 2, p->y + p->h + 34, 12, "middle", "#222", NULL, xlabel);
}

static void frame(svg *s, const svg_panel *p)
{
    axis_line(s, p->x, p->y + p->h, p->x + p->w, p->y + p->h);
    axis_line(s, p->x, p->y, p->x, p->y + p->h);
    axis_line(s, p->x, p->y, p->x + p->w, p->y);
    axis_line(s, p->x + p->w, p->y, p->x + p->w, p->y + p->h);
}

void svg_axes(svg *s, const svg_panel *p, const char *xlabel, const char *ylabel, int integer_x)
{
    double ticks[16];
    char buf[32];
    x_axis(s, p, xlabel, integer_x);
    size_t ymax = (size_t)(p->h / 35) + 1;
    size_t ny = svg_ticks(p->ylo, p->yhi, ymax < 11 ? ymax : 11, 0, ticks);
    double step = ny > 1 ? ticks[1] - ticks[0] : 1;
    for (size_t i = 0; i < ny; i++) {
        double y = svg_py(p, ticks[i]);
        fprintf(s->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>\n", p->x, y,
                p->x + p->w, y);
        fprintf(s->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#666\"/>\n", p->x - 4, y, p->x,
                y);
        tick_label(buf, sizeof buf, ticks[i], step);
        svg_text(s, p->x - 6, y + 3.5, 10, "end", "#444", NULL, buf);
    }
    frame(s, p);
    /* the y title turned a quarter: its box is tall and narrow */
    double cx = p->x - 42, cy = p->y + p->h / 2, w = svg_text_width(ylabel, 12);
    char attrs[96];
    snprintf(attrs, sizeof attrs, "transform=\"rotate(-90 %.1f %.1f)\"", cx, cy);
    emit_text(s, cx, cy, 12, "middle", "#222", attrs, ylabel);
    svg_reserve(s, (svg_box){cx - 0.8 * 12, cy - w / 2, cx + 0.25 * 12, cy + w / 2});
}

double svg_row_y(const svg_panel *p, size_t row, size_t rows)
{
    return p->y + p->h * ((double)row + 0.5) / (double)rows;
}

void svg_axes_rows(svg *s, const svg_panel *p, const char *xlabel, const char *const *names, size_t rows)
{
    for (size_t r = 0; r < rows; r += 2)
        fprintf(s->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#f6f6f6\"/>\n", p->x,
                svg_row_y(p, r, rows) - p->h / (double)rows / 2, p->w, p->h / (double)rows);
    x_axis(s, p, xlabel, 0);
    for (size_t r = 0; r < rows; r++) {
        double y = svg_row_y(p, r, rows);
        if (names)
            svg_text(s, p->x - 8, y + 4, 11, "end", "#222", NULL, names[r]);
    }
    frame(s, p);
}

#define LEGEND_ROW 16.0
#define LEGEND_SIZE 11.0

double svg_legend_width(const svg_legend_item *items, size_t n)
{
    double w = 0;
    for (size_t i = 0; i < n; i++)
        w = fmax(w, svg_text_width(items[i].text, LEGEND_SIZE));
    return w + 42;
}

double svg_legend(svg *s, double x, double y, const svg_legend_item *items, size_t n)
{
    double w = svg_legend_width(items, n), h = LEGEND_ROW * (double)n + 8;
    fprintf(s->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#fff\" fill-opacity=\"0.9\" "
                    "stroke=\"#ccc\"/>\n",
            x, y, w, h);
    svg_reserve(s, (svg_box){x, y, x + w, y + h});
    for (size_t i = 0; i < n; i++) {
        double cy = y + 4 + LEGEND_ROW * ((double)i + 0.5), mx = x + 16;
        const char *c = items[i].colour;
        switch (items[i].mark) {
        case SVG_MARK_LINE:
        case SVG_MARK_DASH:
            fprintf(s->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
                    mx - 10, cy, mx + 10, cy, c, items[i].mark == SVG_MARK_DASH ? " stroke-dasharray=\"4,3\"" : "");
            break;
        case SVG_MARK_DOT:
            fprintf(s->out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>\n", mx, cy, c);
            break;
        case SVG_MARK_SQUARE:
            fprintf(s->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"10\" fill=\"%s\"/>\n", mx - 6, cy - 5, c);
            break;
        case SVG_MARK_RING:
            fprintf(s->out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n",
                    mx, cy, c);
            break;
        }
        emit_text(s, x + 32, cy + 4, LEGEND_SIZE, "start", "#222", NULL, items[i].text);
    }
    return h;
}

static int overlaps(const svg_box *a, const svg_box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static int inside(const svg_box *a, const svg_box *within)
{
    return a->x0 >= within->x0 && a->x1 <= within->x1 && a->y0 >= within->y0 && a->y1 <= within->y1;
}

int svg_label(svg *s, const svg_box *within, double px, double py, double size, const char *fill, const char *text)
{
    /* directions: right, left, above, below, then the four diagonals */
    static const double dirs[8][2] = {{1, 0}, {-1, 0}, {0, -1}, {0, 1}, {1, -1}, {-1, -1}, {1, 1}, {-1, 1}};
    double w = svg_text_width(text, size), h = 1.05 * size;
    for (int ring = 1; ring <= 8; ring++) {
        double r = 7.0 * ring;
        for (int d = 0; d < 8; d++) {
            /* the box's corner or edge nearest the point sits r away in direction d */
            double cx = px + dirs[d][0] * (r + w / 2), cy = py + dirs[d][1] * (r + h / 2);
            svg_box b = {cx - w / 2 - 1, cy - h / 2 - 1, cx + w / 2 + 1, cy + h / 2 + 1};
            if (within && !inside(&b, within))
                continue;
            int clear = 1;
            for (size_t i = 0; i < s->box_count && clear; i++)
                clear = !overlaps(&b, &s->boxes[i]);
            if (!clear)
                continue;
            if (ring > 1) {
                double ex = fmax(b.x0, fmin(px, b.x1)), ey = fmax(b.y0, fmin(py, b.y1));
                fprintf(s->out,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"0.7\"/>\n",
                        px, py, ex, ey, fill);
            }
            /* a white halo keeps the label readable over the density cloud and lines */
            emit_text(s, cx, cy + 0.35 * size, size, "middle", fill,
                      "stroke=\"#fff\" stroke-width=\"3\" stroke-opacity=\"0.85\" paint-order=\"stroke\"", text);
            svg_reserve(s, b);
            return 0;
        }
    }
    return -1;
}

void svg_xy_line(svg *s, const svg_panel *p, const double *xy, size_t count, const char *colour, int dashed)
{
    if (!count)
        return;
    fprintf(s->out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s points=\"", colour,
            dashed ? "1.4" : "2.2", dashed ? " stroke-dasharray=\"5,3\"" : "");
    for (size_t i = 0; i < count; i++)
        fprintf(s->out, "%.1f,%.1f ", svg_px(p, xy[2 * i]), svg_py(p, xy[2 * i + 1]));
    fputs("\"/>\n", s->out);
}

void svg_density(svg *s, const svg_panel *p, const uint64_t *grid, unsigned bins, const char *colour, int shaded)
{
    uint64_t most = 0;
    for (size_t c = 0; c < (size_t)bins * bins; c++)
        most = grid[c] > most ? grid[c] : most;
    if (!most)
        return;
    double cw = p->w / bins, ch = p->h / bins;
    fprintf(s->out, "<g fill=\"%s\" shape-rendering=\"crispEdges\">\n", colour);
    for (unsigned r = 0; r < bins; r++)
        for (unsigned c = 0; c < bins; c++) {
            uint64_t count = grid[(size_t)r * bins + c];
            if (!count)
                continue;
            double x = svg_px(p, (double)c / bins), y = svg_py(p, (double)(r + 1) / bins);
            if (x < p->x - 0.01 || x + cw > p->x + p->w + 0.01 || y < p->y - 0.01 || y + ch > p->y + p->h + 0.01)
                continue; /* outside the panel's range */
            double opacity = shaded ? 0.12 + 0.78 * log1p((double)count) / log1p((double)most) : 0.25;
            fprintf(s->out, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill-opacity=\"%.2f\"/>\n", x, y,
                    cw, ch, opacity);
        }
    fputs("</g>\n", s->out);
}

void svg_crosshair(svg *s, const svg_panel *p, double x, double y, const char *colour)
{
    fprintf(s->out,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"6,4\"/>\n"
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"6,4\"/>\n",
            svg_px(p, x), p->y, svg_px(p, x), p->y + p->h, colour, p->x, svg_py(p, y), p->x + p->w, svg_py(p, y),
            colour);
}

/*
 * svg.h: the small SVG toolkit every plot of parley draws with (hand-written
 * SVG text): escaping, panels with axes and "nice" ticks (1, 2, 5 x 10^k; whole
 * numbers only when asked), legends, and labels placed next to a point where
 * they overlap no other label, legend or axis line.
 *
 * Text widths are estimated (0.6 em a character, sans-serif): placement leaves
 * a margin for that.  Every <text> is recorded as a box; the frame lines of a
 * panel have class "axis" so that a test can check text against them.
 */
#ifndef PARLEY_IO_SVG_H
#define PARLEY_IO_SVG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct svg_box {
    double x0, y0, x1, y1;
} svg_box;

typedef struct svg {
    FILE *out;
    double width, height;
    svg_box *boxes; /* every text placed so far, and the panels' axis lines */
    size_t box_count, box_capacity;
    int failed;     /* out of memory */
} svg;

/* A plotting area: pixels (x, y, w, h; y down) showing [xlo, xhi] x [ylo, yhi]. */
typedef struct svg_panel {
    double x, y, w, h;
    double xlo, xhi, ylo, yhi;
} svg_panel;

typedef enum svg_mark { SVG_MARK_LINE, SVG_MARK_DASH, SVG_MARK_DOT, SVG_MARK_SQUARE, SVG_MARK_RING } svg_mark;

typedef struct svg_legend_item {
    svg_mark mark;
    const char *colour;
    const char *text;
} svg_legend_item;

/* Starts a document of the given size on a white background. */
void svg_begin(svg *s, FILE *out, double width, double height);
/* Closes it; -2 when out of memory, -1 when the stream failed. */
int svg_end(svg *s);
void svg_escape(FILE *out, const char *text);
double svg_text_width(const char *text, double size);

/* Text at (x, y) with anchor "start", "middle" or "end"; `attrs` is extra (may be NULL). Recorded. */
void svg_text(svg *s, double x, double y, double size, const char *anchor, const char *fill, const char *attrs,
              const char *text);
/* A title line at the top and a smaller subtitle under it (may be NULL), each squeezed to the width when long. */
void svg_title(svg *s, const char *title, const char *subtitle);
/* Pixels from the top that the title and subtitle take. */
#define SVG_TITLE_HEIGHT 50.0

double svg_px(const svg_panel *p, double v);
double svg_py(const svg_panel *p, double v);
/* Up to `max` ticks inside [lo, hi] at a nice step (whole numbers only when `integers`); returns the count. */
size_t svg_ticks(double lo, double hi, size_t max, int integers, double *ticks);
/* Frame, ticks and tick labels, axis titles. */
void svg_axes(svg *s, const svg_panel *p, const char *xlabel, const char *ylabel, int integer_x);
/* A panel of rows (one per name, top to bottom; names may be NULL: none written) over a numeric x axis. */
void svg_axes_rows(svg *s, const svg_panel *p, const char *xlabel, const char *const *names, size_t rows);
/* The centre line of row `row` of such a panel. */
double svg_row_y(const svg_panel *p, size_t row, size_t rows);
/* A legend box whose top-left corner is (x, y); returns its height. */
double svg_legend(svg *s, double x, double y, const svg_legend_item *items, size_t n);
/* Width the legend will take. */
double svg_legend_width(const svg_legend_item *items, size_t n);

/* A polyline through count (x, y) points in data units; dashed thinner, solid thicker. */
void svg_xy_line(svg *s, const svg_panel *p, const double *xy, size_t count, const char *colour, int dashed);
/*
 * A density cloud of a bins x bins grid over [0, 1]^2 (row r: y in [r/bins, (r+1)/bins)): a square per non-empty
 * cell, darker with the log of its count when `shaded`, uniformly light otherwise.
 */
void svg_density(svg *s, const svg_panel *p, const uint64_t *grid, unsigned bins, const char *colour, int shaded);
/* Dashed lines across the panel at x (vertical) and y (horizontal), in data units. */
void svg_crosshair(svg *s, const svg_panel *p, double x, double y, const char *colour);

/* Records a box that labels must keep clear of (a marker, a legend). */
void svg_reserve(svg *s, svg_box b);

/*
 * A label for the point (px, py) in pixels: the first place around it (right,
 * left, above, below, then farther out) where it overlaps nothing recorded and
 * stays inside `within`; joined to the point by a thin line when away from it.
 * Returns 0, or -1 when no place was found (nothing drawn).
 */
int svg_label(svg *s, const svg_box *within, double px, double py, double size, const char *fill, const char *text);

#endif

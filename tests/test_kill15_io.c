/*
 * test_kill15_io.c: the SVG toolkit every plot draws with (src/io/svg.c), call by
 * call, each output compared byte for byte with the text worked out by hand
 * from the formulas of svg.h (issue 27, the fifteenth session's cli helper: the
 * golden plots pin whole pictures, but a changed margin, anchor or ring of the
 * label search shows there only when two boxes happen to meet).
 *
 * Widths: a character is 0.62 em, so "ab" at size 10 is 12.4 px wide, "abcd"
 * 24.8.  A text's box spans y - 0.8 size .. y + 0.25 size and, horizontally,
 * starts at x ("start"), is centred on it ("middle") or ends there ("end").
 * svg_label tries rings r = 7, 14, ... 56 px, and in each the directions right,
 * left, above, below, then the diagonals; its box is the text's, 1.05 size
 * high, with a 1 px margin; boxes that only touch do not overlap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "io/svg.h"
#include "svg_drawing.h"
#include "test_tmpdir.h"

static void box_equal(svg_box b, double x0, double y0, double x1, double y1)
{
    if (fabs(b.x0 - x0) > 1e-9 || fabs(b.y0 - y0) > 1e-9 || fabs(b.x1 - x1) > 1e-9 || fabs(b.y1 - y1) > 1e-9)
        fail_msg("box {%g, %g, %g, %g}, expected {%g, %g, %g, %g}", b.x0, b.y0, b.x1, b.y1, x0, y0, x1, y1);
}

static svg_box last_box(const drawing *d)
{
    assert_true(d->s.box_count > 0);
    return d->s.boxes[d->s.box_count - 1];
}

static void test_header_and_end(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 200, 100);
    assert_string_equal(d.text, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\" "
                                "viewBox=\"0 0 200 100\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n"
                                "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    assert_int_equal(d.s.box_count, 0);
    assert_true(d.s.width == 200 && d.s.height == 100);
    assert_int_equal(svg_end(&d.s), 0);
    fflush(d.out);
    assert_string_equal(d.text + d.mark, "</svg>\n");
    assert_null(d.s.boxes);
    fclose(d.out);
    free(d.text);

    /* an allocation that failed on the way: -2; a stream that cannot be written: -1 */
    drawing_begin(&d, 10, 10);
    d.s.failed = 1;
    assert_int_equal(svg_end(&d.s), -2);
    fclose(d.out);
    free(d.text);
    FILE *ro = fopen("/dev/null", "r");
    assert_non_null(ro);
    svg s;
    svg_begin(&s, ro, 10, 10);
    assert_int_equal(svg_end(&s), -1);
    fclose(ro);
}

static void test_text_anchors_and_boxes(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 200, 100);
    svg_text(&d.s, 100, 50, 10, "middle", "#444", NULL, "abcd");
    assert_string_equal(drawn(&d), "<text x=\"100.0\" y=\"50.0\" font-size=\"10\" text-anchor=\"middle\" "
                                   "fill=\"#444\">abcd</text>\n");
    box_equal(last_box(&d), 87.6, 42, 112.4, 52.5);
    svg_text(&d.s, 100, 50, 10, "end", "#444", NULL, "abcd");
    box_equal(last_box(&d), 75.2, 42, 100, 52.5);
    drawn(&d);
    svg_text(&d.s, 100, 50, 10, "start", "#123", "class=\"k\"", "a<b");
    assert_string_equal(drawn(&d), "<text x=\"100.0\" y=\"50.0\" font-size=\"10\" text-anchor=\"start\" "
                                   "fill=\"#123\" class=\"k\">a&lt;b</text>\n");
    box_equal(last_box(&d), 100, 42, 100 + 3 * 6.2, 52.5);
    assert_int_equal(d.s.box_count, 3);
    drawing_free(&d);
}

static void test_title_squeezed_to_the_width(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 200, 100); /* room: 200 - 20 = 180 px */
    svg_title(&d.s, "T", NULL);
    assert_string_equal(drawn(&d), "<text x=\"10\" y=\"22.0\" font-size=\"15\" font-weight=\"bold\" "
                                   "fill=\"#222\">T</text>\n");
    box_equal(last_box(&d), 10, 10, 10 + 9.3, 25.75);
    svg_title(&d.s, "T", "");
    assert_int_equal(d.s.box_count, 2); /* an empty subtitle draws nothing */
    drawn(&d);
    /* 20 characters at 15 px: 186 px > 180, squeezed; 24 at 12 px: 178.56 px, left alone */
    svg_title(&d.s, "abcdefghijklmnopqrst", "abcdefghijklmnopqrstuvwx");
    assert_string_equal(drawn(&d),
                        "<text x=\"10\" y=\"22.0\" font-size=\"15\" font-weight=\"bold\" fill=\"#222\" "
                        "textLength=\"180\" lengthAdjust=\"spacingAndGlyphs\">abcdefghijklmnopqrst</text>\n"
                        "<text x=\"10\" y=\"40.0\" font-size=\"12\" font-weight=\"normal\" "
                        "fill=\"#444\">abcdefghijklmnopqrstuvwx</text>\n");
    box_equal(d.s.boxes[2], 10, 10, 190, 25.75);
    box_equal(d.s.boxes[3], 10, 40 - 9.6, 10 + 24 * 0.62 * 12, 43);
    drawing_free(&d);
}

static void test_panel_coordinates(void **state)
{
    (void)state;
    const svg_panel p = {80, 60, 300, 200, 1, 3, -1, 1};
    assert_float_equal(svg_px(&p, 1), 80, 1e-12);
    assert_float_equal(svg_px(&p, 2.5), 305, 1e-12);
    assert_float_equal(svg_px(&p, 3), 380, 1e-12);
    assert_float_equal(svg_py(&p, -1), 260, 1e-12);
    assert_float_equal(svg_py(&p, 0.5), 110, 1e-12);
    assert_float_equal(svg_py(&p, 1), 60, 1e-12);
    /* rows: centre lines at 1/2, 3/2 and 5/2 of a third of the height */
    assert_float_equal(svg_row_y(&p, 0, 4), 85, 1e-12);
    assert_float_equal(svg_row_y(&p, 3, 4), 235, 1e-12);
}

static void test_ticks(void **state)
{
    (void)state;
    double t[16];
    /* [0, 10] in at most 6: raw step 2 -> 2 */
    assert_int_equal(svg_ticks(0, 10, 6, 0, t), 6);
    assert_true(t[0] == 0 && t[1] == 2 && t[5] == 10);
    /* [0.1, 0.9] in at most 5: raw 0.2 -> 0.2; the first tick 0.2, the last 0.8 */
    assert_int_equal(svg_ticks(0.1, 0.9, 5, 0, t), 4);
    assert_float_equal(t[0], 0.2, 1e-12);
    assert_float_equal(t[3], 0.8, 1e-12);
    /* [0, 1] in at most 5: raw 0.25 -> 0.25 */
    assert_int_equal(svg_ticks(0, 1, 5, 0, t), 5);
    assert_float_equal(t[1], 0.25, 1e-12);
    /* [0, 3] in at most 11, whole numbers: raw 0.3 -> 0.5 -> 1 */
    assert_int_equal(svg_ticks(0, 3, 11, 1, t), 4);
    assert_true(t[1] == 1 && t[3] == 3);
    /* [0, 7] in at most 3, whole numbers: raw 3.5 -> 5 */
    assert_int_equal(svg_ticks(0, 7, 3, 1, t), 2);
    assert_true(t[0] == 0 && t[1] == 5);
    /* a negative range crosses 0 at exactly 0 */
    assert_int_equal(svg_ticks(-0.3, 0.3, 7, 0, t), 7);
    assert_true(t[3] == 0 && !signbit(t[3]));
    assert_float_equal(t[0], -0.3, 1e-12);
    /* max 1: one tick, the step being the whole range */
    assert_int_equal(svg_ticks(0, 4, 1, 0, t), 1);
    assert_true(t[0] == 0);
    assert_int_equal(svg_ticks(0, 4, 0, 0, t), 0);
    assert_int_equal(svg_ticks(2, 1, 5, 0, t), 0);
}

static void test_legend(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 300, 200);
    const svg_legend_item items[5] = {{SVG_MARK_LINE, "#f00", "ab"},
                                      {SVG_MARK_DASH, "#0f0", "abcd"},
                                      {SVG_MARK_DOT, "#00f", "a"},
                                      {SVG_MARK_SQUARE, "#ff0", "abc"},
                                      {SVG_MARK_RING, "#0ff", "a&b"}};
    double w = 4 * 0.62 * 11 + 42; /* the widest text, "abcd", and 42 px of mark and margins */
    assert_float_equal(svg_legend_width(items, 5), w, 1e-9);
    assert_float_equal(svg_legend(&d.s, 10, 20, items, 5), 5 * 16 + 8, 1e-12);
    char expected[2048];
    snprintf(expected, sizeof expected,
             "<rect x=\"10.0\" y=\"20.0\" width=\"%.1f\" height=\"88.0\" fill=\"#fff\" fill-opacity=\"0.9\" "
             "stroke=\"#ccc\"/>\n"
             "<line x1=\"16.0\" y1=\"32.0\" x2=\"36.0\" y2=\"32.0\" stroke=\"#f00\" stroke-width=\"2\"/>\n"
             "<text x=\"42.0\" y=\"36.0\" font-size=\"11\" text-anchor=\"start\" fill=\"#222\">ab</text>\n"
             "<line x1=\"16.0\" y1=\"48.0\" x2=\"36.0\" y2=\"48.0\" stroke=\"#0f0\" stroke-width=\"2\" "
             "stroke-dasharray=\"4,3\"/>\n"
             "<text x=\"42.0\" y=\"52.0\" font-size=\"11\" text-anchor=\"start\" fill=\"#222\">abcd</text>\n"
             "<circle cx=\"26.0\" cy=\"64.0\" r=\"3.5\" fill=\"#00f\"/>\n"
             "<text x=\"42.0\" y=\"68.0\" font-size=\"11\" text-anchor=\"start\" fill=\"#222\">a</text>\n"
             "<rect x=\"20.0\" y=\"75.0\" width=\"12\" height=\"10\" fill=\"#ff0\"/>\n"
             "<text x=\"42.0\" y=\"84.0\" font-size=\"11\" text-anchor=\"start\" fill=\"#222\">abc</text>\n"
             "<circle cx=\"26.0\" cy=\"96.0\" r=\"5\" fill=\"none\" stroke=\"#0ff\" stroke-width=\"2\"/>\n"
             "<text x=\"42.0\" y=\"100.0\" font-size=\"11\" text-anchor=\"start\" fill=\"#222\">a&amp;b</text>\n",
             w);
    assert_string_equal(drawn(&d), expected);
    /* the legend is one reserved box; its texts are inside it, not recorded apart */
    assert_int_equal(d.s.box_count, 1);
    box_equal(d.s.boxes[0], 10, 20, 10 + w, 108);
    assert_float_equal(svg_legend_width(items, 0), 42, 0);
    drawing_free(&d);
}

/* The box svg_label tries at ring `ring`, direction (dx, dy), for a text w wide at `size` around (px, py). */
static svg_box label_box(int ring, double dx, double dy, double px, double py, double size, double w)
{
    double h = 1.05 * size, r = 7.0 * ring;
    double cx = px + dx * (r + w / 2), cy = py + dy * (r + h / 2);
    return (svg_box){cx - w / 2 - 1, cy - h / 2 - 1, cx + w / 2 + 1, cy + h / 2 + 1};
}

#define HALO "stroke=\"#fff\" stroke-width=\"3\" stroke-opacity=\"0.85\" paint-order=\"stroke\""

static void test_label_places_in_order(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 300, 300);
    double w = 12.4; /* "ab" at 10 px */
    /* nothing recorded: ring 1, to the right, no leader line; the text's baseline 0.35 size under the centre */
    assert_int_equal(svg_label(&d.s, NULL, 100, 100, 10, "#c00", "ab"), 0);
    assert_string_equal(drawn(&d), "<text x=\"113.2\" y=\"103.5\" font-size=\"10\" text-anchor=\"middle\" "
                                   "fill=\"#c00\" " HALO ">ab</text>\n");
    box_equal(last_box(&d), 106, 93.75, 120.4, 106.25);
    /* again: the right is taken, so the left */
    assert_int_equal(svg_label(&d.s, NULL, 100, 100, 10, "#c00", "ab"), 0);
    assert_string_equal(drawn(&d), "<text x=\"86.8\" y=\"103.5\" font-size=\"10\" text-anchor=\"middle\" "
                                   "fill=\"#c00\" " HALO ">ab</text>\n");
    box_equal(last_box(&d), 79.6, 93.75, 94, 106.25);
    /* again: above and below (y 81.5..94 and 106..118.5) overlap both by 0.25 px, and so do the diagonals: ring 2,
     * above (cy = 100 - 14 - 5.25), joined to the point by a line to the box's nearest edge (x 100, y 87) */
    assert_int_equal(svg_label(&d.s, NULL, 100, 100, 10, "#c00", "ab"), 0);
    assert_string_equal(drawn(&d), "<line x1=\"100.0\" y1=\"100.0\" x2=\"100.0\" y2=\"87.0\" stroke=\"#c00\" "
                                   "stroke-width=\"0.7\"/>\n"
                                   "<text x=\"100.0\" y=\"84.2\" font-size=\"10\" text-anchor=\"middle\" "
                                   "fill=\"#c00\" " HALO ">ab</text>\n");
    box_equal(last_box(&d), label_box(2, 0, -1, 100, 100, 10, w).x0, 74.5, label_box(2, 0, -1, 100, 100, 10, w).x1,
              87);
    assert_int_equal(d.s.box_count, 3);
    drawing_free(&d);
}

static void test_label_within_and_touching(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 300, 300);
    double w = 12.4;
    svg_box right = label_box(1, 1, 0, 50, 50, 10, w), left = label_box(1, -1, 0, 50, 50, 10, w);
    /* a box that only touches the right one's left edge (x1 == its x0) leaves it free */
    svg_reserve(&d.s, (svg_box){right.x0 - 5, right.y0, right.x0, right.y1});
    /* the area exactly the right box: inside (the edges count) */
    assert_int_equal(svg_label(&d.s, &right, 50, 50, 10, "#000", "ab"), 0);
    box_equal(last_box(&d), right.x0, right.y0, right.x1, right.y1);
    drawn(&d);
    /* the area the left box, a hair narrower: not inside, and no other place is inside it either; nothing drawn */
    svg_box narrow = {left.x0 + 1e-9, left.y0, left.x1, left.y1};
    size_t count = d.s.box_count;
    assert_int_equal(svg_label(&d.s, &narrow, 50, 50, 10, "#000", "ab"), -1);
    assert_string_equal(drawn(&d), "");
    assert_int_equal(d.s.box_count, count);
    /* the area the left box itself: the right one is taken (overlapping by its full width), the left one fits */
    assert_int_equal(svg_label(&d.s, &left, 50, 50, 10, "#000", "ab"), 0);
    box_equal(last_box(&d), left.x0, left.y0, left.x1, left.y1);
    /* a box overlapping the below place by the least amount blocks it */
    svg_box below = label_box(1, 0, 1, 50, 50, 10, w);
    svg_reserve(&d.s, (svg_box){below.x1 - 1e-6, below.y1 - 1e-6, below.x1 + 3, below.y1 + 3});
    svg_box above = label_box(1, 0, -1, 50, 50, 10, w);
    svg_reserve(&d.s, above);
    svg_box wide = {0, 0, 300, 300};
    assert_int_equal(svg_label(&d.s, &wide, 50, 50, 10, "#000", "ab"), 0);
    /* right, left, above and below are taken, each diagonal of ring 1 overlaps one of them by 0.25 px; in ring 2
     * the right and left places overlap ring 1's, above overlaps the above box and below the small box: the first
     * diagonal, right and up, is the first clear place */
    svg_box ring2 = label_box(2, 1, -1, 50, 50, 10, w);
    box_equal(last_box(&d), ring2.x0, ring2.y0, ring2.x1, ring2.y1);
    box_equal(ring2, 63, 24.5, 77.4, 37);
    drawing_free(&d);
}

static void test_label_gives_up_after_eight_rings(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 300, 300);
    double w = 12.4;
    /* everything inside 8 rings of (150, 150) taken but a hole at ring 8, right: found there */
    svg_box hole = label_box(8, 1, 0, 150, 150, 10, w);
    svg_reserve(&d.s, (svg_box){60, 60, hole.x0, 240});
    assert_int_equal(svg_label(&d.s, &(svg_box){0, hole.y0, hole.x1, hole.y1}, 150, 150, 10, "#000", "ab"), 0);
    box_equal(last_box(&d), hole.x0, hole.y0, hole.x1, hole.y1);
    /* the ninth ring is never tried: an area that only it could fill gives -1 */
    svg_box ninth = label_box(9, 1, 0, 150, 150, 10, w);
    drawn(&d);
    assert_int_equal(svg_label(&d.s, &ninth, 150, 150, 10, "#000", "ab"), -1);
    assert_string_equal(drawn(&d), "");
    drawing_free(&d);
}

static void test_reserve_grows(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 10, 10);
    for (int i = 0; i < 130; i++)
        svg_reserve(&d.s, (svg_box){i, i + 1, i + 2, i + 3});
    assert_int_equal(d.s.box_count, 130);
    assert_int_equal(d.s.box_capacity, 256); /* 64, 128, 256 */
    for (int i = 0; i < 130; i++)
        box_equal(d.s.boxes[i], i, i + 1, i + 2, i + 3);
    assert_int_equal(d.s.failed, 0);
    drawing_free(&d);
}

static void test_lines_density_crosshair(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 200, 200);
    const svg_panel p = {0, 0, 100, 100, 0, 1, 0, 1};
    const double xy[4] = {0, 0, 0.5, 0.25};
    svg_xy_line(&d.s, &p, xy, 0, "#f00", 0);
    assert_string_equal(drawn(&d), "");
    svg_xy_line(&d.s, &p, xy, 2, "#f00", 0);
    assert_string_equal(drawn(&d), "<polyline fill=\"none\" stroke=\"#f00\" stroke-width=\"2.2\" "
                                   "points=\"0.0,100.0 50.0,75.0 \"/>\n");
    svg_xy_line(&d.s, &p, xy + 2, 1, "#00f", 1);
    assert_string_equal(drawn(&d), "<polyline fill=\"none\" stroke=\"#00f\" stroke-width=\"1.4\" "
                                   "stroke-dasharray=\"5,3\" points=\"50.0,75.0 \"/>\n");

    /* 2 x 2 bins: row 0 is y in [0, 1/2) (the bottom), column 1 x in [1/2, 1] */
    const uint64_t empty[4] = {0, 0, 0, 0}, grid[4] = {0, 1, 3, 0};
    svg_density(&d.s, &p, empty, 2, "#09c", 1);
    assert_string_equal(drawn(&d), "");
    /* opacity 0.12 + 0.78 log(1 + count) / log(1 + 3): 0.51 for 1, 0.90 for 3 */
    svg_density(&d.s, &p, grid, 2, "#09c", 1);
    assert_string_equal(drawn(&d), "<g fill=\"#09c\" shape-rendering=\"crispEdges\">\n"
                                   "<rect x=\"50.00\" y=\"50.00\" width=\"50.00\" height=\"50.00\" "
                                   "fill-opacity=\"0.51\"/>\n"
                                   "<rect x=\"0.00\" y=\"0.00\" width=\"50.00\" height=\"50.00\" "
                                   "fill-opacity=\"0.90\"/>\n"
                                   "</g>\n");
    svg_density(&d.s, &p, grid, 2, "#09c", 0);
    assert_non_null(strstr(drawn(&d), "height=\"50.00\" fill-opacity=\"0.25\"/>\n<rect x=\"0.00\" y=\"0.00\" "
                                      "width=\"50.00\" height=\"50.00\" fill-opacity=\"0.25\"/>\n</g>\n"));
    /* a panel showing x in [1/2, 1] only: the cell of column 0 is outside it and left out; a cell is the panel's
     * width over the bins wide whatever the range, so column 1's starts at the left edge */
    const svg_panel half = {0, 0, 100, 100, 0.5, 1, 0, 1};
    svg_density(&d.s, &half, grid, 2, "#09c", 1);
    assert_string_equal(drawn(&d), "<g fill=\"#09c\" shape-rendering=\"crispEdges\">\n"
                                   "<rect x=\"0.00\" y=\"50.00\" width=\"50.00\" height=\"50.00\" "
                                   "fill-opacity=\"0.51\"/>\n"
                                   "</g>\n");

    svg_crosshair(&d.s, &p, 0.25, 0.75, "#999");
    assert_string_equal(drawn(&d), "<line x1=\"25.0\" y1=\"0.0\" x2=\"25.0\" y2=\"100.0\" stroke=\"#999\" "
                                   "stroke-dasharray=\"6,4\"/>\n"
                                   "<line x1=\"0.0\" y1=\"25.0\" x2=\"100.0\" y2=\"25.0\" stroke=\"#999\" "
                                   "stroke-dasharray=\"6,4\"/>\n");
    assert_int_equal(d.s.box_count, 0); /* none of these reserves room */
    drawing_free(&d);
}

static size_t count_of(const char *text, const char *what)
{
    size_t n = 0;
    for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

static void test_axes(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 400, 300);
    /* 110 px wide: at most 110 / 55 + 1 = 3 x ticks over [0, 1] (step 0.5); 70 px high: at most 3 y ticks */
    const svg_panel p = {100, 50, 110, 70, 0, 1, 0, 2};
    svg_axes(&d.s, &p, "price", "utility", 0);
    const char *text = drawn(&d);
    assert_non_null(strstr(text, "<line x1=\"155.0\" y1=\"50.0\" x2=\"155.0\" y2=\"120.0\" stroke=\"#eee\"/>\n"
                                 "<line x1=\"155.0\" y1=\"120.0\" x2=\"155.0\" y2=\"124.0\" stroke=\"#666\"/>\n"
                                 "<text x=\"155.0\" y=\"136.0\" font-size=\"10\" text-anchor=\"middle\" "
                                 "fill=\"#444\">0.5</text>\n"));
    assert_non_null(strstr(text, "<text x=\"155.0\" y=\"154.0\" font-size=\"12\" text-anchor=\"middle\" "
                                 "fill=\"#222\">price</text>\n"));
    assert_non_null(strstr(text, "<line x1=\"100.0\" y1=\"85.0\" x2=\"210.0\" y2=\"85.0\" stroke=\"#eee\"/>\n"
                                 "<line x1=\"96.0\" y1=\"85.0\" x2=\"100.0\" y2=\"85.0\" stroke=\"#666\"/>\n"
                                 "<text x=\"94.0\" y=\"88.5\" font-size=\"10\" text-anchor=\"end\" "
                                 "fill=\"#444\">1</text>\n"));
    assert_non_null(strstr(text, "<line class=\"axis\" x1=\"100.0\" y1=\"120.0\" x2=\"210.0\" y2=\"120.0\" "
                                 "stroke=\"#666\"/>\n"
                                 "<line class=\"axis\" x1=\"100.0\" y1=\"50.0\" x2=\"100.0\" y2=\"120.0\" "
                                 "stroke=\"#666\"/>\n"
                                 "<line class=\"axis\" x1=\"100.0\" y1=\"50.0\" x2=\"210.0\" y2=\"50.0\" "
                                 "stroke=\"#666\"/>\n"
                                 "<line class=\"axis\" x1=\"210.0\" y1=\"50.0\" x2=\"210.0\" y2=\"120.0\" "
                                 "stroke=\"#666\"/>\n"
                                 "<text x=\"58.0\" y=\"85.0\" font-size=\"12\" text-anchor=\"middle\" fill=\"#222\" "
                                 "transform=\"rotate(-90 58.0 85.0)\">utility</text>\n"));
    /* x labels with the step's one decimal (0.0, 0.5, 1.0), y labels whole (0, 1, 2) */
    assert_int_equal(count_of(text, ">0.0</text>"), 1);
    assert_int_equal(count_of(text, ">1.0</text>"), 1);
    assert_int_equal(count_of(text, ">0</text>"), 1);
    assert_int_equal(count_of(text, ">2</text>"), 1);
    assert_int_equal(count_of(text, "stroke=\"#eee\""), 6);
    /* boxes: 3 x tick labels, the x title, 3 y tick labels, the 4 frame lines (half a pixel around), the turned
     * y title */
    assert_int_equal(d.s.box_count, 12);
    box_equal(d.s.boxes[0], 100 - 3 * 3.1, 128, 100 + 3 * 3.1, 138.5);
    box_equal(d.s.boxes[3], 155 - 5 * 3.72, 144.4, 155 + 5 * 3.72, 157);
    box_equal(d.s.boxes[4], 94 - 6.2, 115.5, 94, 126);
    box_equal(d.s.boxes[7], 99.5, 119.5, 210.5, 120.5);
    box_equal(d.s.boxes[8], 99.5, 49.5, 100.5, 120.5);
    box_equal(d.s.boxes[9], 99.5, 49.5, 210.5, 50.5);
    box_equal(d.s.boxes[10], 209.5, 49.5, 210.5, 120.5);
    double w = 7 * 0.62 * 12;
    box_equal(d.s.boxes[11], 58 - 9.6, 85 - w / 2, 58 + 3, 85 + w / 2);
    drawing_free(&d);
}

/* At most 11 ticks on either axis, however large the panel.  600 x 400 px over x in [0, 1], y in [0, 11]: x gets
 * 0, 0.1, ... 1 (600 / 55 + 1 = 11 allowed); y may have 400 / 35 + 1 = 12 but keeps 11, so its step is not 1 (12
 * ticks) but 2 (0, 2, ... 10: 6 ticks).  540 x 340 px allows 10 on each: x 0, 0.2, ... 1 (6), y still 0, 2, ... 10. */
static void test_axes_tick_cap(void **state)
{
    (void)state;
    static const struct {
        double w, h;
        size_t lines;
    } cases[2] = {{600, 400, 11 + 6}, {540, 340, 6 + 6}};
    for (size_t c = 0; c < 2; c++) {
        drawing d;
        drawing_begin(&d, 800, 600);
        const svg_panel p = {100, 50, cases[c].w, cases[c].h, 0, 1, 0, 11};
        svg_axes(&d.s, &p, "x", "y", 0);
        const char *text = drawn(&d);
        assert_int_equal(count_of(text, "stroke=\"#eee\""), cases[c].lines);
        assert_int_equal(count_of(text, ">0.5</text>"), c == 0 ? 1 : 0);
        assert_int_equal(count_of(text, ">0.4</text>"), 1);
        assert_int_equal(count_of(text, ">10</text>"), 1);
        assert_int_equal(count_of(text, ">1</text>"), 0);
        drawing_free(&d);
    }
}

static void test_axes_rows(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 400, 300);
    const svg_panel p = {100, 50, 110, 90, 0, 1, 0, 1};
    const char *names[3] = {"a", "bb", "c"};
    svg_axes_rows(&d.s, &p, "u", names, 3);
    const char *text = drawn(&d);
    /* rows 0 and 2 shaded, each 30 px high */
    assert_non_null(strstr(text, "<rect x=\"100.0\" y=\"50.0\" width=\"110.0\" height=\"30.0\" fill=\"#f6f6f6\"/>\n"
                                 "<rect x=\"100.0\" y=\"110.0\" width=\"110.0\" height=\"30.0\" fill=\"#f6f6f6\"/>\n"
                                 "<line"));
    assert_int_equal(count_of(text, "fill=\"#f6f6f6\""), 2);
    assert_non_null(strstr(text, "<text x=\"92.0\" y=\"69.0\" font-size=\"11\" text-anchor=\"end\" "
                                 "fill=\"#222\">a</text>\n"
                                 "<text x=\"92.0\" y=\"99.0\" font-size=\"11\" text-anchor=\"end\" "
                                 "fill=\"#222\">bb</text>\n"
                                 "<text x=\"92.0\" y=\"129.0\" font-size=\"11\" text-anchor=\"end\" "
                                 "fill=\"#222\">c</text>\n"));
    size_t with_names = d.s.box_count;
    svg_axes_rows(&d.s, &p, "u", NULL, 4);
    text = drawn(&d);
    assert_int_equal(count_of(text, "fill=\"#f6f6f6\""), 2);
    assert_null(strstr(text, "text-anchor=\"end\""));
    assert_int_equal(d.s.box_count - with_names, with_names - 3);
    drawing_free(&d);
}

#define GENIUS_DIR PARLEY_SOURCE_DIR "/tests/data/genius/"

/* Loads files[0..n) under the given limits; the code, and the formatted error in `text` ("" when none). */
static int load_limited(const char *const *files, size_t n, size_t max_values, size_t max_cells, char *text,
                        size_t size)
{
    parley_load_options options = {.max_issue_values = max_values, .max_table_cells = max_cells};
    parley_scenario *sc = NULL;
    parley_error err;
    int rc = parley_scenario_load_with(files, n, &options, &sc, &err);
    parley_scenario_free(sc);
    if (rc == PARLEY_OK) {
        text[0] = '\0';
        return rc;
    }
    /* a limit is the domain's as a whole: no line, column or path in it */
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
    assert_string_equal(err.path, "");
    parley_error_format(&err, text, size);
    return rc;
}

/*
 * genius_check_limits, for GENIUS and GeniusWeb alike: each limit at the domain's own figure passes, one below it
 * is refused (PARLEY_ERANGE) with the domain's file and the figures; 0 is no limit.  The tiny GENIUS domain:
 * Food & Drinks 3 values, price 10..14 (5), distance a real issue 0..5 (11 points, 0.5 apart); with 2 profiles
 * (3 + 5 + 11) x 2 = 38 cells.  The GeniusWeb one: lease car 2, salary 3, fte 0.6..1 by 0.2 (3), days 0..4 by 2
 * (3); (2 + 3 + 3 + 3) x 2 = 22 cells.
 */
static void test_domain_limits(void **state)
{
    (void)state;
    static const char *const genius[3] = {GENIUS_DIR "tiny-domain.xml", GENIUS_DIR "tiny-buyer.xml",
                                          GENIUS_DIR "tiny-seller.xml"};
    static const char *const web[3] = {GENIUS_DIR "gw-domain.json", GENIUS_DIR "gw-employee.json",
                                       GENIUS_DIR "gw-employer.json"};
    static const struct {
        const char *const *files;
        size_t values, cells;
        const char *widest;
    } cases[2] = {{genius, 11, 38, "distance"}, {web, 3, 22, "salary"}};
    char text[1024], want[1024];
    for (size_t c = 0; c < 2; c++) {
        const char *domain = cases[c].files[0];
        size_t v = cases[c].values, k = cases[c].cells;
        assert_int_equal(load_limited(cases[c].files, 3, v, k, text, sizeof text), PARLEY_OK);
        assert_int_equal(load_limited(cases[c].files, 3, 0, 0, text, sizeof text), PARLEY_OK);
        assert_int_equal(load_limited(cases[c].files, 3, v - 1, 0, text, sizeof text), PARLEY_ERANGE);
        snprintf(want, sizeof want, "%s: issue '%s' has %zu values: at most %zu are allowed here", domain,
                 cases[c].widest, v, v - 1);
        assert_string_equal(text, want);
        assert_int_equal(load_limited(cases[c].files, 3, 0, k - 1, text, sizeof text), PARLEY_ERANGE);
        snprintf(want, sizeof want, "%s: the profiles' value tables would hold %zu cells: at most %zu are allowed "
                 "here", domain, k, k - 1);
        assert_string_equal(text, want);
    }
}

/* The five writers, each through one signature: 0 native scenario, 1-2 GENIUS domain and profile, 3-4 GeniusWeb. */
static int write_with(int writer, const parley_scenario *sc, FILE *out, parley_error *err)
{
    switch (writer) {
    case 0:
        return parley_scenario_write(sc, out, err);
    case 1:
        return parley_genius_write_domain(sc, out, NULL, NULL, err);
    case 2:
        return parley_genius_write_profile(sc, 0, out, NULL, NULL, err);
    case 3:
        return parley_geniusweb_write_domain(sc, out, NULL, NULL, err);
    default:
        return parley_geniusweb_write_profile(sc, 0, out, NULL, NULL, err);
    }
}

/*
 * A writer whose stream fails (a full device, unbuffered so that the first write fails) says so with PARLEY_EIO
 * and its own words; the same writer into memory succeeds and writes something.
 */
static void test_writers_report_a_failed_stream(void **state)
{
    (void)state;
    static const char *const words[5] = {"could not write the scenario", "could not write the GENIUS domain",
                                         "could not write the GENIUS profile", "could not write the GeniusWeb JSON",
                                         "could not write the GeniusWeb JSON"};
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json", &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    for (int w = 0; w < 5; w++) {
        FILE *full = fopen("/dev/full", "w");
        assert_non_null(full);
        setvbuf(full, NULL, _IONBF, 0);
        parley_error_clear(&err);
        int rc = write_with(w, sc, full, &err);
        fclose(full);
        if (rc != PARLEY_EIO || strcmp(err.message, words[w]) != 0)
            fail_msg("writer %d on a full device: %d, '%s'", w, rc, err.message);
        char *text = NULL;
        size_t size = 0;
        FILE *mem = open_memstream(&text, &size);
        assert_non_null(mem);
        assert_int_equal(write_with(w, sc, mem, &err), PARLEY_OK);
        fclose(mem);
        assert_true(size > 100);
        free(text);
    }
    parley_scenario_free(sc);
}

/* Loads the one argument `arg` (or `arg` and `more` when given); the code, the error's file and message. */
static int load_arguments(const char *arg, const char *more, parley_error *err, size_t *parties)
{
    const char *paths[2] = {arg, more};
    parley_scenario *sc = NULL;
    int rc = parley_scenario_load_with(paths, more ? 2 : 1, NULL, &sc, err);
    *parties = sc ? parley_scenario_party_count(sc) : 0;
    parley_scenario_free(sc);
    return rc;
}

/*
 * load.c expand_paths: an argument holding '+' is one file when a file of that name exists ("d+1.xml", the
 * domain), else the files its '+' separate; every piece is read, an empty one (a '+' at either end, or two
 * together) is a file of no name that cannot be read.
 */
static void test_plus_in_arguments(void **state)
{
    (void)state;
    char dir[256], named[512], joined[1024], bad[1024];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "kill15-plus"));
    snprintf(named, sizeof named, "%s/d+1.xml", dir);
    FILE *in = fopen(GENIUS_DIR "tiny-domain.xml", "rb"), *out = fopen(named, "wb");
    assert_true(in && out);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
    parley_error err;
    size_t parties = 0;
    snprintf(joined, sizeof joined, "%s+%s", GENIUS_DIR "tiny-buyer.xml", GENIUS_DIR "tiny-seller.xml");
    assert_int_equal(load_arguments(named, joined, &err, &parties), PARLEY_OK);
    assert_int_equal(parties, 2);
    snprintf(joined, sizeof joined, "%s+%s+%s", named, GENIUS_DIR "tiny-buyer.xml", GENIUS_DIR "tiny-seller.xml");
    assert_int_equal(load_arguments(joined, NULL, &err, &parties), PARLEY_EIO); /* "DIR/d" and "1.xml": no files */
    snprintf(bad, sizeof bad, "%s/d", dir);
    assert_string_equal(err.file, bad);
    assert_string_equal(err.message, "cannot read the file: No such file or directory");
    static const char *const forms[3] = {"%s+%s+%s+", "+%s+%s+%s", "%s++%s+%s"};
    for (int f = 0; f < 3; f++) {
        snprintf(bad, sizeof bad, forms[f], GENIUS_DIR "tiny-domain.xml", GENIUS_DIR "tiny-buyer.xml",
                 GENIUS_DIR "tiny-seller.xml");
        assert_int_equal(load_arguments(bad, NULL, &err, &parties), PARLEY_EIO);
        assert_string_equal(err.file, "");
        assert_string_equal(err.message, "cannot read the file: No such file or directory");
    }
    snprintf(bad, sizeof bad, "%s+missing.xml+%s", GENIUS_DIR "tiny-domain.xml", GENIUS_DIR "tiny-seller.xml");
    assert_int_equal(load_arguments(bad, NULL, &err, &parties), PARLEY_EIO);
    assert_string_equal(err.file, "missing.xml");
    snprintf(joined, sizeof joined, "%s+%s+%s", GENIUS_DIR "tiny-domain.xml", GENIUS_DIR "tiny-buyer.xml",
             GENIUS_DIR "tiny-seller.xml");
    assert_int_equal(load_arguments(joined, NULL, &err, &parties), PARLEY_OK);
    assert_int_equal(parties, 2);
    assert_int_equal(test_tmpdir_remove(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_and_end),
        cmocka_unit_test(test_text_anchors_and_boxes),
        cmocka_unit_test(test_title_squeezed_to_the_width),
        cmocka_unit_test(test_panel_coordinates),
        cmocka_unit_test(test_ticks),
        cmocka_unit_test(test_legend),
        cmocka_unit_test(test_label_places_in_order),
        cmocka_unit_test(test_label_within_and_touching),
        cmocka_unit_test(test_label_gives_up_after_eight_rings),
        cmocka_unit_test(test_reserve_grows),
        cmocka_unit_test(test_lines_density_crosshair),
        cmocka_unit_test(test_axes),
        cmocka_unit_test(test_axes_tick_cap),
        cmocka_unit_test(test_axes_rows),
        cmocka_unit_test(test_domain_limits),
        cmocka_unit_test(test_writers_report_a_failed_stream),
        cmocka_unit_test(test_plus_in_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

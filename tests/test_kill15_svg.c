/*
 * test_kill15_svg.c: where the SVG toolkit (src/io/svg.c) reserves room for what it draws, and where svg_label puts
 * a label among those reservations, every coordinate worked out by hand (issue 27: a mutant that reserved a centred
 * text's box as if it were left-aligned survived, since no plot test placed a label against such a box).
 *
 * Widths are 0.62 em a code point: "abcd" at 10 px is 24.8 wide, "ab" 12.4.  A text at (x, y) of size z reserves
 * [left, y - 0.8z] x [left + w, y + 0.25z], left = x (start), x - w/2 (middle), x - w (end).  A label of "ab" at
 * 10 px (h = 1.05 * 10 = 10.5) next to the point (200, 200) tries rings r = 7, 14, ... and in each the directions
 * right, left, above, below, up-right, up-left, down-right, down-left: the box's centre is r + w/2 (sideways) and
 * r + h/2 (up or down) from the point, the box one pixel wider each side than the text; the first box inside
 * `within` that meets no reserved box wins; its text is written centred, 0.35z below the box's centre, with a
 * leader line from the point to the box's nearest point from ring 2 on.  Ring 1's boxes:
 *   right (206, 193.75)-(220.4, 206.25), left (179.6, ...)-(194, ...), above (192.8, 181.5)-(207.2, 194),
 *   below (192.8, 206)-(207.2, 218.5); ring 2's right: (213, 193.75)-(227.4, 206.25), text at x 220.2.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/svg.h"
#include "svg_drawing.h"

static void assert_box(const svg_box *b, double x0, double y0, double x1, double y1)
{
    assert_float_equal(b->x0, x0, 1e-9);
    assert_float_equal(b->y0, y0, 1e-9);
    assert_float_equal(b->x1, x1, 1e-9);
    assert_float_equal(b->y1, y1, 1e-9);
}

static void test_text_boxes_by_anchor(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 600, 400);
    svg_text(&d.s, 100, 50, 10, "start", "#000", NULL, "abcd");
    svg_text(&d.s, 100, 50, 10, "middle", "#000", NULL, "abcd");
    svg_text(&d.s, 100, 50, 10, "end", "#000", NULL, "abcd");
    svg_text(&d.s, 300, 80, 12, "middle", "#000", NULL, "Z\xc3\xbcrich"); /* 6 code points: 44.64 wide */
    assert_int_equal(d.s.box_count, 4);
    assert_box(&d.s.boxes[0], 100, 42, 124.8, 52.5);
    assert_box(&d.s.boxes[1], 87.6, 42, 112.4, 52.5);
    assert_box(&d.s.boxes[2], 75.2, 42, 100, 52.5);
    assert_box(&d.s.boxes[3], 300 - 22.32, 80 - 9.6, 300 + 22.32, 83);
    drawing_end(&d);
    assert_non_null(strstr(d.text, "<text x=\"100.0\" y=\"50.0\" font-size=\"10\" text-anchor=\"middle\" fill=\"#000\">"
                                   "abcd</text>\n"));
    free(d.text);
}

/* A title and subtitle reserve their line from x 10, as wide as the text or, squeezed, the page less 20. */
static void test_title_boxes(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 600, 400);
    svg_title(&d.s, "abcd", "ab");
    assert_int_equal(d.s.box_count, 2);
    assert_box(&d.s.boxes[0], 10, 22 - 12, 10 + 0.62 * 15 * 4, 22 + 3.75);
    assert_box(&d.s.boxes[1], 10, 40 - 9.6, 10 + 0.62 * 12 * 2, 43);
    char longer[80];
    memset(longer, 'x', 70);
    longer[70] = 0; /* 70 * 0.62 * 15 = 651 > 580 */
    svg_title(&d.s, longer, "");
    assert_int_equal(d.s.box_count, 3);
    assert_box(&d.s.boxes[2], 10, 10, 590, 25.75);
    drawing_end(&d);
    assert_non_null(strstr(d.text, "font-weight=\"bold\" fill=\"#222\" textLength=\"580\" lengthAdjust=\"spacingAndGlyphs\">x"));
    assert_null(strstr(d.text, "textLength=\"580\" lengthAdjust=\"spacingAndGlyphs\">abcd"));
    free(d.text);
}

/* Places "ab" (10 px) next to (200, 200) among the boxes given; returns the document's text (caller frees). */
static char *label_among(const svg_box *boxes, size_t count, const svg_box *within, int *rc, svg_box *placed)
{
    drawing d;
    drawing_begin(&d, 600, 400);
    for (size_t i = 0; i < count; i++)
        svg_reserve(&d.s, boxes[i]);
    size_t before = d.s.box_count;
    *rc = svg_label(&d.s, within, 200, 200, 10, "#000", "ab");
    assert_int_equal(d.s.box_count, before + (*rc == 0));
    if (*rc == 0)
        *placed = d.s.boxes[before];
    drawing_end(&d);
    return d.text;
}

static void expect_label(const svg_box *boxes, size_t count, const svg_box *within, const char *text_at,
                         const char *leader)
{
    int rc;
    svg_box b;
    char *text = label_among(boxes, count, within, &rc, &b);
    assert_int_equal(rc, 0);
    char want[256];
    snprintf(want, sizeof want, "<text %s font-size=\"10\" text-anchor=\"middle\" fill=\"#000\" stroke=\"#fff\" "
                                "stroke-width=\"3\" stroke-opacity=\"0.85\" paint-order=\"stroke\">ab</text>\n",
             text_at);
    if (!strstr(text, want))
        fail_msg("wanted %s in\n%s", want, text);
    if (leader) {
        snprintf(want, sizeof want, "<line %s stroke=\"#000\" stroke-width=\"0.7\"/>\n", leader);
        if (!strstr(text, want))
            fail_msg("wanted %s in\n%s", want, text);
    } else {
        assert_null(strstr(text, "<line"));
    }
    free(text);
}

static void test_label_ring_one_directions(void **state)
{
    (void)state;
    int rc;
    svg_box b;
    char *text = label_among(NULL, 0, NULL, &rc, &b);
    assert_int_equal(rc, 0);
    assert_box(&b, 206, 193.75, 220.4, 206.25);
    free(text);
    expect_label(NULL, 0, NULL, "x=\"213.2\" y=\"203.5\"", NULL);
    /* a centred text at x 225 reserves from 212.6: the right is taken, the label goes left */
    drawing d;
    drawing_begin(&d, 600, 400);
    svg_text(&d.s, 225, 204, 10, "middle", "#000", NULL, "abcd");
    svg_box centred = d.s.boxes[0];
    drawing_end(&d);
    free(d.text);
    expect_label(&centred, 1, NULL, "x=\"186.8\" y=\"203.5\"", NULL);
    /* an end-anchored text at x 190 (165.2 to 190) takes the left too: above (centre y 187.75) */
    drawing_begin(&d, 600, 400);
    svg_text(&d.s, 190, 204, 10, "end", "#000", NULL, "abcd");
    svg_box two[2] = {centred, d.s.boxes[0]};
    drawing_end(&d);
    free(d.text);
    expect_label(two, 2, NULL, "x=\"200.0\" y=\"191.2\"", NULL);
    /* above taken as well: below (centre y 212.25) */
    svg_box three[3] = {centred, two[1], {195, 185, 205, 190}};
    expect_label(three, 3, NULL, "x=\"200.0\" y=\"215.8\"", NULL);
    /* the four sides taken: the diagonals, up-right first (centre 213.2, 187.75) */
    svg_box four[4] = {centred, two[1], three[2], {195, 210, 205, 215}};
    expect_label(four, 4, NULL, "x=\"213.2\" y=\"191.2\"", NULL);
}

static void test_label_boundaries(void **state)
{
    (void)state;
    /* a box that only touches ring 1's right box (their edges at x 206) leaves it free */
    int rc;
    svg_box b;
    char *text = label_among(NULL, 0, NULL, &rc, &b);
    free(text);
    svg_box touching = {150, 150, b.x0, 250};
    expect_label(&touching, 1, NULL, "x=\"213.2\" y=\"203.5\"", NULL);
    /* a box around the point that ring 1 cannot clear (an agreement mark, 8 px each side): ring 2, with a leader */
    svg_box mark = {192, 192, 208, 208};
    expect_label(&mark, 1, NULL, "x=\"220.2\" y=\"203.5\"", "x1=\"200.0\" y1=\"200.0\" x2=\"213.0\" y2=\"200.0\"");
    /* 9 px each side: still ring 2 (its near edges are 13 px from the point, ring 1's 6) */
    svg_box wider = {191, 191, 209, 209};
    expect_label(&wider, 1, NULL, "x=\"220.2\" y=\"203.5\"", "x1=\"200.0\" y1=\"200.0\" x2=\"213.0\" y2=\"200.0\"");
    /* ring 1's right would leave `within` (its right edge at 220.4): left instead */
    svg_box within = {100, 100, 220, 300};
    expect_label(NULL, 0, &within, "x=\"186.8\" y=\"203.5\"", NULL);
    /* within wide enough exactly to the box's edge: the right (inside counts its edges) */
    within.x1 = b.x1;
    expect_label(NULL, 0, &within, "x=\"213.2\" y=\"203.5\"", NULL);
    /* nowhere to go: -1, nothing written, nothing reserved */
    svg_box tiny = {195, 195, 205, 205};
    text = label_among(NULL, 0, &tiny, &rc, &b);
    assert_int_equal(rc, -1);
    assert_null(strstr(text, ">ab<"));
    free(text);
    /* ring 8 is the last tried: a mark 56 px each side of the point leaves only ring 8 (near edge 55 < 56 blocks
       it too) -> -1; 55 px each side leaves ring 8's right (centre 200 + 56 + 6.2) */
    svg_box big = {144, 144, 256, 256};
    text = label_among(&big, 1, NULL, &rc, &b);
    assert_int_equal(rc, -1);
    free(text);
    svg_box ring8 = {145, 145, 255, 255};
    expect_label(&ring8, 1, NULL, "x=\"262.2\" y=\"203.5\"", "x1=\"200.0\" y1=\"200.0\" x2=\"255.0\" y2=\"200.0\"");
}

/* Axis lines reserve half a pixel round them; the legend its whole box; the rotated y title a tall narrow box. */
static void test_axes_and_legend_boxes(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 600, 400);
    svg_panel p = {100, 50, 200, 100, 0, 1, 0, 1};
    svg_axes(&d.s, &p, "x", "yy", 0);
    size_t n = d.s.box_count;
    assert_true(n >= 5);
    /* the frame: bottom, left, top, right, then the y title */
    assert_box(&d.s.boxes[n - 5], 99.5, 149.5, 300.5, 150.5);
    assert_box(&d.s.boxes[n - 4], 99.5, 49.5, 100.5, 150.5);
    assert_box(&d.s.boxes[n - 3], 99.5, 49.5, 300.5, 50.5);
    assert_box(&d.s.boxes[n - 2], 299.5, 49.5, 300.5, 150.5);
    assert_box(&d.s.boxes[n - 1], 58 - 9.6, 100 - 7.44, 58 + 3, 100 + 7.44);
    svg_legend_item items[2] = {{SVG_MARK_DOT, "#f00", "abcd"}, {SVG_MARK_RING, "#000", "ab"}};
    assert_float_equal(svg_legend_width(items, 2), 24.8 * 1.1 + 42, 1e-9);
    assert_float_equal(svg_legend(&d.s, 400, 20, items, 2), 40, 1e-9);
    assert_box(&d.s.boxes[n], 400, 20, 400 + 27.28 + 42, 60);
    assert_int_equal(d.s.box_count, n + 1);
    drawing_end(&d);
    assert_non_null(strstr(d.text, "<circle cx=\"416.0\" cy=\"32.0\" r=\"3.5\" fill=\"#f00\"/>\n"
                                   "<text x=\"432.0\" y=\"36.0\" font-size=\"11\" text-anchor=\"start\""));
    assert_non_null(strstr(d.text, "<circle cx=\"416.0\" cy=\"48.0\" r=\"5\" fill=\"none\" stroke=\"#000\""));
    free(d.text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_boxes_by_anchor),
        cmocka_unit_test(test_title_boxes),
        cmocka_unit_test(test_label_ring_one_directions),
        cmocka_unit_test(test_label_boundaries),
        cmocka_unit_test(test_axes_and_legend_boxes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

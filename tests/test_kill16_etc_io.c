/*
 * test_kill16_etc_io.c: the density cloud of the SVG toolkit (svg_density, src/io/svg.c) when its densest cell is
 * the first one (row 0, column 0: the bottom left), alone or with others (issue 27: a scan for the densest cell that
 * skipped the first would shade by the wrong maximum, or draw nothing).  The opacity of a cell of count k is
 * 0.12 + 0.78 log(1 + k) / log(1 + most): 0.90 for the densest, 0.51 for 1 of 3, 0.12 + 0.78 log 2 / log 6 = 0.42 for
 * 1 of 5, 0.12 + 0.78 log 3 / log 6 = 0.60 for 2 of 5.
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

static void test_densest_cell_first(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 200, 200);
    drawn(&d);
    const svg_panel p = {0, 0, 100, 100, 0, 1, 0, 1};
    /* 2 x 2 bins: row 0 is y in [0, 1/2) (the bottom), column 1 x in [1/2, 1] */
    const uint64_t alone[4] = {5, 0, 0, 0}, three[4] = {3, 1, 0, 0}, five[9] = {5, 1, 0, 0, 2, 0, 0, 0, 0};
    svg_density(&d.s, &p, alone, 2, "#09c", 1);
    assert_string_equal(drawn(&d), "<g fill=\"#09c\" shape-rendering=\"crispEdges\">\n"
                                   "<rect x=\"0.00\" y=\"50.00\" width=\"50.00\" height=\"50.00\" "
                                   "fill-opacity=\"0.90\"/>\n"
                                   "</g>\n");
    svg_density(&d.s, &p, three, 2, "#09c", 1);
    assert_string_equal(drawn(&d), "<g fill=\"#09c\" shape-rendering=\"crispEdges\">\n"
                                   "<rect x=\"0.00\" y=\"50.00\" width=\"50.00\" height=\"50.00\" "
                                   "fill-opacity=\"0.90\"/>\n"
                                   "<rect x=\"50.00\" y=\"50.00\" width=\"50.00\" height=\"50.00\" "
                                   "fill-opacity=\"0.51\"/>\n"
                                   "</g>\n");
    /* 3 x 3 bins of 33.33 px: cell 4 is the middle one */
    svg_density(&d.s, &p, five, 3, "#09c", 1);
    assert_string_equal(drawn(&d), "<g fill=\"#09c\" shape-rendering=\"crispEdges\">\n"
                                   "<rect x=\"0.00\" y=\"66.67\" width=\"33.33\" height=\"33.33\" "
                                   "fill-opacity=\"0.90\"/>\n"
                                   "<rect x=\"33.33\" y=\"66.67\" width=\"33.33\" height=\"33.33\" "
                                   "fill-opacity=\"0.42\"/>\n"
                                   "<rect x=\"33.33\" y=\"33.33\" width=\"33.33\" height=\"33.33\" "
                                   "fill-opacity=\"0.60\"/>\n"
                                   "</g>\n");
    drawing_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_densest_cell_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill16_q29m.c: edges of the SVG toolkit (src/io/svg.c) and of the progress reporter (src/core/progress.c)
 * that no other test pinned (issue 27):
 * - svg_ticks with at most one tick where the range is exactly one step (0 and 5 both on the grid): one tick, and
 *   nothing written past it; a lower end a hair (5e-10 of a step) above a multiple of the step still starts there;
 * - svg_density on a panel showing x in [0, 1/2] of a 2 x 2 grid: the column starting at the panel's right edge is
 *   left out (its cell would lie wholly outside);
 * - the progress reporter: after a report, the next one is due one interval (0.1 s) after the report, never before.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/progress.h"
#include "io/svg.h"

#include "svg_drawing.h"

static void test_one_tick_of_a_whole_step(void **state)
{
    (void)state;
    /* [0, 5] in at most 1: raw step 5 -> 5; 0 and 5 are both ticks of the grid, only the first is given */
    double t[3] = {-1, -1, -1};
    assert_int_equal(svg_ticks(0, 5, 1, 0, t), 1);
    assert_true(t[0] == 0 && t[1] == -1 && t[2] == -1);
    /* whole numbers alike: [10, 20] in at most 1, step 10 */
    assert_int_equal(svg_ticks(10, 20, 1, 1, t), 1);
    assert_true(t[0] == 10 && t[1] == -1);
}

static void test_first_tick_within_tolerance(void **state)
{
    (void)state;
    /* [1 + 2.5e-10, 2] in at most 3: step 0.5; lo / step = 2 + 5e-10, within the 1e-9 tolerance of 2, so 1 is the
       first tick (drawn a hair left of the range's end), then 1.5 and 2 */
    double t[4] = {-1, -1, -1, -1};
    assert_int_equal(svg_ticks(1 + 2.5e-10, 2, 3, 0, t), 3);
    assert_true(t[0] == 1 && t[1] == 1.5 && t[2] == 2 && t[3] == -1);
    /* the same a full 1e-8 of a step above 2: 1 is out, the ticks start at 1.5 */
    assert_int_equal(svg_ticks(1 + 5e-9, 2, 3, 0, t), 2);
    assert_true(t[0] == 1.5 && t[1] == 2);
}

static void test_density_cell_at_right_edge(void **state)
{
    (void)state;
    drawing d;
    drawing_begin(&d, 100, 100);
    /* row 0 column 1 (x in [1/2, 1]) starts at the right edge of a panel showing x in [0, 1/2]: left out; row 1
       column 0 drawn, at the full opacity of the most counted cell (3: 0.12 + 0.78 = 0.90) */
    const uint64_t grid[4] = {0, 1, 3, 0};
    const svg_panel left = {0, 0, 100, 100, 0, 0.5, 0, 1};
    svg_density(&d.s, &left, grid, 2, "#09c", 1);
    assert_string_equal(drawn(&d), "<g fill=\"#09c\" shape-rendering=\"crispEdges\">\n"
                                   "<rect x=\"0.00\" y=\"0.00\" width=\"50.00\" height=\"50.00\" "
                                   "fill-opacity=\"0.90\"/>\n"
                                   "</g>\n");
    drawing_free(&d);
}

static int64_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void count_report(void *user, double done, double total, const char *what)
{
    (void)done, (void)total, (void)what;
    ++*(int *)user;
}

static void test_next_report_one_interval_later(void **state)
{
    (void)state;
    int reports = 0;
    progress_reporter p;
    progress_init(&p, count_report, &reports, "outcomes", 100);
    atomic_store(&p.next_ns, 0); /* a report is due */
    int64_t before = monotonic_ns();
    progress_add(&p, 10);
    int64_t after = monotonic_ns();
    assert_int_equal(reports, 1);
    /* due again 0.1 s after the time the report was made, read between before and after */
    int64_t next = (int64_t)atomic_load(&p.next_ns);
    assert_true(next >= before + 100000000 && next <= after + 100000000);
    progress_finish(&p);
    assert_int_equal(reports, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_tick_of_a_whole_step),
        cmocka_unit_test(test_first_tick_within_tolerance),
        cmocka_unit_test(test_density_cell_at_right_edge),
        cmocka_unit_test(test_next_report_one_interval_later),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

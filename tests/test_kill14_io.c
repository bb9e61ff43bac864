/*
 * test_kill14_io.c: the tolerance of the plots' tick step (svg.c, nice_step:
 * the raw step, range / (ticks - 1), takes the first nice step of its decade,
 * 1, 2, 2.5, 5 or 10, that is at least raw * (1 - 1e-9)), at the boundary
 * (issue 27: a mutant that wanted the nice step strictly above survived).
 * With two ticks the raw step is the range itself.  For x = 1.000000001,
 * x * (1 - 1e-9) is exactly 1 in binary64 (worked out in Python: the product
 * rounds to 1.0, the double below x gives 1 - 2^-53, the one above 1 + 2^-52):
 * so [0, x] and [0, the double below x] get the step 1 and the ticks 0 and 1,
 * and [0, the double above x] the step 2 and the one tick 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "io/svg.h"

static void test_tick_step_at_the_tolerance(void **state)
{
    (void)state;
    double x = 1.000000001, t[16];
    assert_true(x * (1 - 1e-9) == 1.0); /* the premise, as this machine computes it */
    const double hi[3] = {nextafter(x, 0), x, nextafter(x, 2)};
    const size_t count[3] = {2, 2, 1};
    for (size_t k = 0; k < 3; k++) {
        size_t n = svg_ticks(0, hi[k], 2, 0, t);
        assert_int_equal(n, count[k]);
        assert_true(t[0] == 0);
        if (n > 1)
            assert_true(t[1] == 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tick_step_at_the_tolerance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

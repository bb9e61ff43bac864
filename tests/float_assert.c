/*
 * float_assert.c: the comparison of assert_float_equal (tests/cmocka/cmocka.h), linked into every test program.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

void parley_test_assert_near(double a, double b, double epsilon, const char *file, int line)
{
    if (isnan(a) || isnan(b)) {
        print_error("%.17g != %.17g (a NaN equals nothing)\n", a, b);
        _fail(file, line);
    }
    if (a == b) /* equal infinities too */
        return;
    if (!(fabs(a - b) <= epsilon)) {
        print_error("%.17g != %.17g (they differ by %.3g, more than %.3g)\n", a, b, fabs(a - b), epsilon);
        _fail(file, line);
    }
}

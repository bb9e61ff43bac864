/*
 * nan_guard.c: linked into every test program (tests/CMakeLists.txt, -Wl,--wrap=_assert_float_equal).  cmocka
 * 1.1's assert_float_equal(a, b, eps) tests fabs(a - b) > eps on floats, which is false for a NaN, so a NaN passed
 * every such assertion (a mutant dividing 0 by 0 went unseen).  Here a NaN on either side fails the test; the
 * comparison itself is cmocka's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

void __real__assert_float_equal(const float a, const float b, const float epsilon, const char *const file,
                                const int line);
void __wrap__assert_float_equal(const float a, const float b, const float epsilon, const char *const file,
                                const int line);

void __wrap__assert_float_equal(const float a, const float b, const float epsilon, const char *const file,
                                const int line)
{
    if (isnan(a) || isnan(b)) {
        print_error("%f != %f (a NaN equals nothing)\n", (double)a, (double)b);
        _fail(file, line);
    }
    __real__assert_float_equal(a, b, epsilon, file, line);
}

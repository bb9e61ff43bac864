/*
 * tests/cmocka/cmocka.h: what every test program gets for #include <cmocka.h> (this folder is searched first,
 * tests/CMakeLists.txt): cmocka's own header (#include_next), then assert_float_equal(a, b, eps) made to
 * compare in double precision and fail on a NaN.  cmocka 1.1's own converts both
 * sides to float (a tolerance of 1e-12 worked as about 1e-7, so a value off by a millionth passed) and tests
 * fabs(a - b) > eps, which is false for a NaN (a mutant dividing 0 by 0 went unseen).
 */
#ifndef PARLEY_TEST_CMOCKA_H
#define PARLEY_TEST_CMOCKA_H

#include_next <cmocka.h>

/* Fails the test (cmocka's _fail) unless |a - b| <= epsilon, a and b both numbers; equal infinities pass. */
void parley_test_assert_near(double a, double b, double epsilon, const char *file, int line);

#undef assert_float_equal
#define assert_float_equal(a, b, epsilon)                                                                      \
    parley_test_assert_near((double)(a), (double)(b), (double)(epsilon), __FILE__, __LINE__)

#endif

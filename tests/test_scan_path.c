/*
 * test_scan_path.c: which scan path an analysis takes when no test forces one: PARLEY_SCAN_PATH when set
 * (scalar, avx2, avx512), else the best this CPU has, a path the CPU lacks falling back to the best below it.
 * The expected path is worked out here from the CPU's own flags (__builtin_cpu_supports), not from scan_simd.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "analysis/scan.h"

static int has_avx2(void)
{
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
#else
    return 0;
#endif
}

static int has_avx512(void)
{
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512vl");
#else
    return 0;
#endif
}

/* The path wanted, or the best below it that the CPU has. */
static enum scan_path best_up_to(enum scan_path want)
{
    if (want == SCAN_PATH_AVX512 && has_avx512())
        return SCAN_PATH_AVX512;
    if (want >= SCAN_PATH_AVX2 && has_avx2())
        return SCAN_PATH_AVX2;
    return SCAN_PATH_SCALAR;
}

/* Runs first, before any test forces a path: what a program that never calls scan_force_path gets. */
static void test_unforced_path(void **state)
{
    (void)state;
    unsetenv("PARLEY_SCAN_PATH");
    assert_int_equal(scan_path_chosen(), best_up_to(SCAN_PATH_AVX512));
    setenv("PARLEY_SCAN_PATH", "scalar", 1);
    assert_int_equal(scan_path_chosen(), SCAN_PATH_SCALAR);
    setenv("PARLEY_SCAN_PATH", "avx2", 1);
    assert_int_equal(scan_path_chosen(), best_up_to(SCAN_PATH_AVX2));
    setenv("PARLEY_SCAN_PATH", "avx512", 1);
    assert_int_equal(scan_path_chosen(), best_up_to(SCAN_PATH_AVX512));
    unsetenv("PARLEY_SCAN_PATH");
}

/* A forced path wins over the environment; -1 gives the choice back. */
static void test_forced_path(void **state)
{
    (void)state;
    setenv("PARLEY_SCAN_PATH", "avx512", 1);
    scan_force_path(SCAN_PATH_SCALAR);
    assert_int_equal(scan_path_chosen(), SCAN_PATH_SCALAR);
    scan_force_path(SCAN_PATH_AVX2);
    assert_int_equal(scan_path_chosen(), best_up_to(SCAN_PATH_AVX2));
    scan_force_path(-1);
    assert_int_equal(scan_path_chosen(), best_up_to(SCAN_PATH_AVX512));
    unsetenv("PARLEY_SCAN_PATH");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unforced_path),
        cmocka_unit_test(test_forced_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

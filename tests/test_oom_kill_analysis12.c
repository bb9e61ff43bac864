/*
 * test_oom_kill_analysis12.c: the exact path's building blocks and the package
 * index when one allocation fails (issue 27: their out-of-memory returns were
 * the lines no test executed).  For each n, the n-th allocation of the call
 * fails (tests/failalloc.c) and the call must say so (-1, PARLEY_ENOMEM with
 * "out of memory") or recover (a worker thread not started: its work done on
 * the caller's) with the right answer, without crashing or leaking (the
 * sanitizer tree checks that); the right answer is worked out by brute force
 * (exact_fixture.h) or by the same call with memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "exact_fixture.h"
#include "failalloc.h"
#include "grid_space.h"
#include "protocol/session_internal.h"

#define MOST_ALLOCATIONS 400

/* Outcomes emitted, in room reserved before the allocator is armed. */
struct emitted {
    size_t count;
    uint64_t id[4096];
};

static void emit(void *ctx, const uint32_t *values, const double *u)
{
    (void)u;
    struct emitted *e = ctx;
    assert_true(e->count < 4096);
    uint64_t id = 0;
    for (size_t i = 0; i < 5; i++)
        id = id * 16 + values[i];
    e->id[e->count++] = id;
}

static int by_id(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

static void test_mitm_count(void **state)
{
    (void)state;
    static const uint32_t counts[] = {7, 5, 9, 4, 6}, rows[] = {0, 1, 3, 2, 2, 0};
    struct tspace t;
    tspace_init(&t, 3, 5, counts, CONTINUOUS);
    set_reservations(&t, 0.45, 0.5, 0.4);
    t.fixed[0] = t.fixed[3] = 0;
    uint64_t expected[1u << MAX_PARTIES], got[1u << MAX_PARTIES];
    brute_counts(&t, rows, 3, expected);
    t.s.threads = 2;
    int done = 0;
    for (long n = 1; n < MOST_ALLOCATIONS && !done; n++) {
        failalloc_arm(n, 0);
        int rc = mitm_count(&t.s, rows, 3, got, NULL);
        done = failalloc_disarm() == 0;
        if (rc != 0) {
            assert_false(done);
            assert_int_equal(rc, -1);
            continue;
        }
        assert_memory_equal(got, expected, 8 * sizeof *got);
    }
    assert_true(done);
    tspace_free(&t);
}

static void test_merge(void **state)
{
    (void)state;
    static const uint32_t counts[] = {6, 5, 7, 4, 3};
    static struct emitted reference, got;
    for (size_t n = 2; n <= 4; n++) {
        struct tspace t;
        tspace_init(&t, n, 5, counts, CONTINUOUS);
        set_reservations(&t, 0.3, 0.3, 0.3);
        t.reservation[3] = t.reservation[0];
        tspace_bounds(&t);
        reference.count = 0;
        assert_int_equal(exact_merge_candidates(&t.s, emit, &reference, NULL), 0);
        assert_true(reference.count > 0);
        qsort(reference.id, reference.count, sizeof *reference.id, by_id);
        int done = 0;
        for (long k = 1; k < MOST_ALLOCATIONS && !done; k++) {
            got.count = 0;
            exact_memory memory = {NULL, 0};
            failalloc_arm(k, 0);
            int rc = exact_merge_candidates(&t.s, emit, &got, k % 2 ? &memory : NULL);
            done = failalloc_disarm() == 0;
            exact_memory_free(&memory);
            if (rc != 0) {
                assert_false(done);
                assert_int_equal(rc, -1);
                assert_int_equal(got.count, 0);
                continue;
            }
            assert_int_equal(got.count, reference.count);
            qsort(got.id, got.count, sizeof *got.id, by_id);
            assert_memory_equal(got.id, reference.id, got.count * sizeof *got.id);
        }
        assert_true(done);
        /* the plain filter too */
        double u[3 * 40];
        unsigned char keep[40];
        for (size_t c = 0; c < 3 * 40; c++)
            u[c] = (double)(rnd() % 4) / 4;
        failalloc_arm(1, 0);
        assert_int_equal(exact_pareto_filter(u, 40, 3, keep), -1);
        assert_true(failalloc_disarm() > 0);
        tspace_free(&t);
    }
}

static int64_t classify(void *ctx, const uint32_t *values)
{
    (void)ctx;
    return (values[1] + values[3]) % 5 == 1 ? -1 : values[1] > 5;
}

static void add(void *ctx, uint64_t mask, const uint64_t *accepting)
{
    uint64_t *total = ctx;
    total[mask] += accepting[0];
}

static void test_scope_rows(void **state)
{
    (void)state;
    static const uint32_t counts[] = {5, 9, 4, 10, 3};
    static const unsigned char scope[] = {0, 1, 0, 1, 0};
    exact_rows rows;
    int done = 0;
    for (long n = 1; n < MOST_ALLOCATIONS && !done; n++) {
        failalloc_arm(n, 0);
        int rc = exact_rows_build(scope, counts, 5, classify, NULL, &rows);
        done = failalloc_disarm() == 0;
        if (!done) {
            assert_int_equal(rc, -1);
            assert_null(rows.values);
            assert_null(rows.mask);
        }
    }
    assert_true(done);
    assert_int_equal(rows.count, 72); /* of 90 assignments, 18 have (a + b) % 5 == 1 */
    struct tspace t;
    tspace_init(&t, 2, 5, counts, CONTINUOUS);
    set_reservations(&t, 0.3, 0.3, 0);
    t.fixed[1] = t.fixed[3] = 0;
    tspace_bounds(&t);
    uint64_t total[2] = {0, 0};
    assert_int_equal(exact_rows_count(&t.s, &rows, 0, add, total), 0);
    assert_int_equal(total[0] + total[1], 72 * 5 * 4 * 3);
    static struct emitted reference, got;
    reference.count = 0;
    assert_int_equal(exact_rows_merge(&t.s, &rows, emit, &reference), 0);
    done = 0;
    for (long n = 1; n < MOST_ALLOCATIONS && !done; n++) {
        uint64_t counted[2] = {0, 0};
        failalloc_arm(n, 0);
        int rc = exact_rows_count(&t.s, &rows, 0, add, counted);
        done = failalloc_disarm() == 0;
        assert_true(rc == 0 || (rc == -1 && !done));
        if (rc == 0)
            assert_memory_equal(counted, total, sizeof total);
    }
    assert_true(done);
    done = 0;
    for (long n = 1; n < 10 * MOST_ALLOCATIONS && !done; n += n < 100 ? 1 : 7) { /* 48 merges: every 7th past 100 */
        got.count = 0;
        failalloc_arm(n, 0);
        int rc = exact_rows_merge(&t.s, &rows, emit, &got);
        done = failalloc_disarm() == 0;
        assert_true(rc == 0 || (rc == -1 && !done));
        if (rc == 0) {
            assert_int_equal(got.count, reference.count);
            assert_memory_equal(got.id, reference.id, got.count * sizeof *got.id);
        }
    }
    assert_true(done);
    tspace_free(&t);
    exact_rows_free(&rows);
}

/* Issues of 70 and 90 values (6300 packages: the halves) or 40 and 50 (2000: the sorted index). */
static parley_scenario *scenario(int64_t a, int64_t b)
{
    parley_space *s;
    parley_scenario *sc = two_issue_scenario_new(&s, "a", a - 1, "b", b - 1);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        for (size_t i = 0; i < 2; i++) {
            parley_utility_set_weight(u, i, 0.5);
            for (uint32_t v = 0; v < parley_issue_value_count(s, i); v++)
                parley_utility_set_value(u, i, v, (double)(rnd() % 1000) / 1000);
        }
        assert_true(parley_scenario_add_party(sc, p ? "B" : "A", PARLEY_ROLE_PARTY, u, NULL) >= 0);
    }
    return sc;
}

static void test_package_index(void **state)
{
    (void)state;
    for (int additive = 0; additive <= 1; additive++) {
        parley_scenario *sc = additive ? scenario(70, 90) : scenario(40, 50);
        int done = 0;
        for (long n = 1; n < MOST_ALLOCATIONS && !done; n++) {
            parley_package_index *idx = (parley_package_index *)sc;
            parley_error err;
            memset(&err, 0, sizeof err);
            failalloc_arm(n, 0);
            int rc = parley_package_index_build(sc, 0, 1, &idx, &err);
            done = failalloc_disarm() == 0;
            if (!done) {
                assert_int_equal(rc, PARLEY_ENOMEM);
                assert_null(idx);
                assert_string_equal(err.message, "out of memory");
                continue;
            }
            assert_int_equal(rc, PARLEY_OK);
            assert_int_equal(idx->additive, additive);
            assert_int_equal(parley_package_index_count(idx), additive ? 6300 : 2000);
            /* a tie query of the halves out of memory: -1, then the answer */
            if (additive) {
                uint32_t values[4], scratch[2];
                double u = pindex_worst(idx);
                failalloc_arm(1, 0);
                long ties = pindex_ties(idx, sc, u, values, 2, scratch);
                assert_true(failalloc_disarm() > 0);
                assert_int_equal(ties, -1);
                assert_true(pindex_ties(idx, sc, u, values, 2, scratch) >= 1);
            }
            parley_package_index_free(idx);
        }
        assert_true(done);
        parley_scenario_free(sc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mitm_count),
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_scope_rows),
        cmocka_unit_test(test_package_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

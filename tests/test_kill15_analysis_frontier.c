/*
 * test_kill15_analysis_frontier.c: the two-party frontier's rejection table (frontier.c) against its definition
 * (frontier.h: reject[b] = the largest u1 of a kept point whose u0 >= (b+1)/BUCKETS, or -inf), after every offer
 * (issue 27, seed-153 probe of src/analysis: frontier.c:151, the table's raise deleted, changed no result, as a
 * stale table only rejects less).  While the frontier holds fewer than 64 points, and right after a rebuild, the
 * table must be exactly that; in between (64 points or more, fewer than 64 inserts since the rebuild) never above
 * it, so that a rejection is always right.  Streams: points on a grid of 1/64 (u0 on bucket edges, ties), an
 * antichain of 200 points and then a point that dominates most of them (the frontier falls back under 64), and
 * points outside [0, 1).  The kept points are checked against brute force too (every offer kept or dominated).
 * And for three to five parties (frontier_nd.c, with and without the vector scans) the point at the front of the
 * list after an offer or a check some kept point dominates: a point that dominates it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include "analysis/frontier.h"
#include "analysis/frontier_nd.h"
#include "analysis/scan.h"
#include "dominance.h"
#include "random_numbers.h"

#define MOST_OFFERS 1200

struct stream {
    double u[MOST_OFFERS * 2];
    size_t count;
};

/* The table's definition from the kept points (any order), bucket by bucket: u0 >= (b+1)/B. */
static void defined_table(const frontier *f, double *table)
{
    for (size_t b = 0; b < FRONTIER_BUCKETS; b++)
        table[b] = -INFINITY;
    for (size_t i = 0; i < f->count; i++) {
        double u0 = f->u[i * 2], u1 = f->u[i * 2 + 1];
        /* the buckets whose upper edge u0 reaches: (b+1)/B <= u0, i.e. b < u0 * B (exact: B is a power of two) */
        for (size_t b = 0; b < FRONTIER_BUCKETS && (double)(b + 1) / FRONTIER_BUCKETS <= u0; b++)
            table[b] = fmax(table[b], u1);
    }
}

/* 1 when q is at least p for both and more for one. */
static int beats(const double *q, const double *p)
{
    return q[0] >= p[0] && q[1] >= p[1] && (q[0] > p[0] || q[1] > p[1]);
}

static void run(const struct stream *s)
{
    static double table[FRONTIER_BUCKETS];
    frontier f;
    assert_int_equal(frontier_init_for(&f, 2, FRONTIER_TABLE_MIN), 0);
    assert_non_null(f.reject);
    size_t exact = 0, stale = 0;
    for (size_t j = 0; j < s->count; j++) {
        const double *p = &s->u[j * 2];
        int rejected = frontier_rejects_2d(&f, p[0], p[1]);
        int kept = frontier_offer(&f, p, j);
        assert_false(f.failed);
        /* a rejection is right: some kept point dominates the offer (and it is not kept) */
        if (rejected) {
            assert_int_equal(kept, 0);
            int dominated = 0;
            for (size_t i = 0; i < f.count && !dominated; i++)
                dominated = beats(&f.u[i * 2], p);
            assert_true(dominated);
        }
        defined_table(&f, table);
        if (f.count < 64 || f.inserts_since_rebuild == 0) {
            exact++;
            for (size_t b = 0; b < FRONTIER_BUCKETS; b++)
                if (f.reject[b] != table[b])
                    fail_msg("offer %zu (%g, %g), %zu kept: reject[%zu] = %g, defined %g", j, p[0], p[1], f.count, b,
                             f.reject[b], table[b]);
        } else {
            stale++;
            for (size_t b = 0; b < FRONTIER_BUCKETS; b++)
                assert_true(f.reject[b] <= table[b]);
        }
    }
    /* the kept points: exactly the offers no offer beats, sorted by u0 */
    size_t expected = 0;
    for (size_t j = 0; j < s->count; j++) {
        int dominated = 0;
        for (size_t i = 0; i < s->count && !dominated; i++)
            dominated = beats(&s->u[i * 2], &s->u[j * 2]);
        expected += !dominated;
    }
    assert_int_equal(f.count, expected);
    for (size_t i = 0; i < f.count; i++) {
        const double *q = &s->u[f.index[i] * 2];
        assert_true(q[0] == f.u[i * 2] && q[1] == f.u[i * 2 + 1]);
        for (size_t j = 0; j < s->count; j++)
            assert_false(beats(&s->u[j * 2], q));
        if (i > 0)
            assert_true(f.u[(i - 1) * 2] <= f.u[i * 2]);
    }
    print_message("%zu offers: the table checked exact %zu times, stale %zu\n", s->count, exact, stale);
    assert_true(exact > 0);
    frontier_free(&f);
}

static void test_grid(void **state)
{
    (void)state;
    static struct stream s;
    s.count = 0;
    for (size_t j = 0; j < 600; j++, s.count++) {
        s.u[j * 2] = pick(65) / 64.0; /* 0, 1/64 .. 1: the upper edges of buckets 63, 127 .. 4095 */
        s.u[j * 2 + 1] = pick(65) / 64.0;
    }
    run(&s);
}

static void test_antichain_then_dominator(void **state)
{
    (void)state;
    static struct stream s;
    s.count = 0;
    /* 200 points on u0 + u1 = 1 (each in its own bucket range), some repeated: the frontier passes 64 */
    for (size_t j = 0; j < 200; j++, s.count++) {
        double u0 = j % 9 == 8 ? s.u[(j - 1) * 2] : uniform();
        s.u[j * 2] = u0;
        s.u[j * 2 + 1] = 1 - u0;
    }
    /* a point that beats every one with u0 <= 0.9 and u1 <= 0.9: back under 64 kept */
    s.u[s.count * 2] = 0.9;
    s.u[s.count * 2 + 1] = 0.9;
    s.count++;
    /* then points near it and near the edges */
    for (size_t j = s.count; j < s.count + 300; j++) {
        s.u[j * 2] = j % 3 ? 0.85 + uniform() / 10 : uniform();
        s.u[j * 2 + 1] = j % 3 ? 0.85 + uniform() / 10 : uniform();
    }
    s.count += 300;
    run(&s);
}

static void test_outside_the_buckets(void **state)
{
    (void)state;
    static const double values[] = {-0.5, -0x1p-40, 0, 0x1p-13, 0x1p-12, 0.5, 1 - 0x1p-12, 1 - 0x1p-53, 1, 1.25};
    static struct stream s;
    s.count = 0;
    for (size_t j = 0; j < 500; j++, s.count++) {
        s.u[j * 2] = values[pick(10)];
        s.u[j * 2 + 1] = j % 2 ? values[pick(10)] : uniform();
    }
    run(&s);
}

/*
 * Three to five parties (frontier_nd.c), with and without the vector scans: after an offer some kept point
 * dominates, and after a check that finds one, frontier_front is a point that dominates it (the dominator moved to
 * the front of the list); checks answer as brute force; the kept points are the offers no offer beats.  `vectors`
 * is set for 4 parties too, where the scans must ignore it (they compare 3 values a vector).
 */
static void test_front_after_domination(void **state)
{
    (void)state;
    enum { OFFERS = 700 };
    static double u[OFFERS * 5];
    for (size_t n = 3; n <= 5; n++)
        for (int vectors = 0; vectors <= (n <= 4 && scan_path_supported(SCAN_PATH_AVX2)); vectors++) {
            frontier f;
            assert_int_equal(frontier_init_for(&f, n, OFFERS), 0);
            f.vectors = vectors;
            size_t dominated_offers = 0, dominated_checks = 0;
            for (size_t j = 0; j < OFFERS; j++) {
                double *p = &u[j * n];
                for (size_t k = 0; k < n; k++)
                    p[k] = pick(5) / 4.0;
                int kept = frontier_offer(&f, p, j);
                assert_false(f.failed);
                int beaten = 0;
                for (size_t i = 0; i < j && !beaten; i++)
                    beaten = dominates(&u[i * n], p, n);
                /* kept unless an earlier offer beats it (a beaten kept point was beaten by a kept one) */
                assert_int_equal(kept, !beaten);
                if (!kept) {
                    dominated_offers++;
                    const double *front = frontier_front(&f);
                    assert_non_null(front);
                    assert_true(dominates(front, p, n));
                }
                double q[5];
                for (size_t k = 0; k < n; k++)
                    q[k] = pick(9) / 8.0;
                int found = frontier_dominated(&f, q), expected = 0;
                for (size_t i = 0; i <= j && !expected; i++)
                    expected = dominates(&u[i * n], q, n);
                assert_int_equal(found, expected);
                if (found) {
                    dominated_checks++;
                    assert_true(dominates(frontier_front(&f), q, n));
                }
            }
            frontier_nd_compact(&f);
            size_t expected = 0;
            for (size_t j = 0; j < OFFERS; j++) {
                int beaten = 0;
                for (size_t i = 0; i < OFFERS && !beaten; i++)
                    beaten = dominates(&u[i * n], &u[j * n], n);
                expected += !beaten;
            }
            assert_int_equal(f.count, expected);
            assert_true(dominated_offers > 100 && dominated_checks > 100);
            frontier_free(&f);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grid),
        cmocka_unit_test(test_antichain_then_dominator),
        cmocka_unit_test(test_outside_the_buckets),
        cmocka_unit_test(test_front_after_domination),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

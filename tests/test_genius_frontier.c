/*
 * test_genius_frontier.c: the n-party streaming frontier (src/analysis/frontier.c
 * with the distinct-vector index of frontier_nd.c, added for the three-party
 * ANAC 2016 AgentHp2 domain whose 924,385 Pareto-optimal outcomes share 589
 * utility vectors).  Random point sets with many ties and with none, offered in
 * one stream or split over two merged frontiers, are checked against a
 * brute-force O(N^2) dominance test written here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "analysis/frontier.h"

static uint64_t rng = 88172645463325252ULL;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* 1 when point i of pts (n parties) is dominated by another point. */
static int brute_dominated(const double *pts, size_t count, size_t n, size_t i)
{
    for (size_t j = 0; j < count; j++) {
        int ge = 1, gt = 0;
        for (size_t k = 0; k < n; k++) {
            ge &= pts[j * n + k] >= pts[i * n + k];
            gt |= pts[j * n + k] > pts[i * n + k];
        }
        if (ge && gt)
            return 1;
    }
    return 0;
}

static void check(size_t n, size_t count, unsigned levels, int split)
{
    double *pts = malloc(count * n * sizeof *pts);
    assert_non_null(pts);
    for (size_t i = 0; i < count * n; i++)
        pts[i] = (double)(next() % levels) / levels; /* few levels: many equal vectors */
    frontier a, b;
    assert_int_equal(frontier_init(&a, n), 0);
    assert_int_equal(frontier_init(&b, n), 0);
    for (size_t i = 0; i < count; i++)
        frontier_offer(split && i % 2 ? &b : &a, &pts[i * n], i);
    if (split)
        frontier_merge(&a, &b);
    frontier_sort_by_index(&a);
    assert_false(a.failed);
    size_t expected = 0, at = 0;
    for (size_t i = 0; i < count; i++) {
        if (brute_dominated(pts, count, n, i))
            continue;
        expected++;
        /* kept, in outcome order, with its utilities */
        while (at < a.count && a.index[at] < i)
            at++;
        assert_true(at < a.count && a.index[at] == i);
        assert_memory_equal(&a.u[at * n], &pts[i * n], n * sizeof(double));
    }
    assert_int_equal(a.count, expected);
    /* nothing kept is dominated by an offered point: covered by the count; and dominated() agrees */
    for (size_t i = 0; i < count; i++)
        assert_int_equal(frontier_dominated(&a, &pts[i * n]), brute_dominated(pts, count, n, i));
    frontier_free(&a);
    frontier_free(&b);
    free(pts);
}

static void test_ties(void **state)
{
    (void)state;
    check(3, 3000, 6, 0);   /* heavy ties */
    check(3, 3000, 6, 1);
    check(4, 2000, 4, 1);
}

static void test_distinct(void **state)
{
    (void)state;
    check(3, 2000, 1u << 30, 0); /* almost every vector distinct */
    check(3, 2000, 1u << 30, 1);
    check(5, 1500, 1000, 1);
}

static void test_growth(void **state)
{
    (void)state;
    /* a long stream where most accepted vectors die later: compaction and renumbering run many times */
    size_t n = 3, count = 20000;
    frontier f;
    assert_int_equal(frontier_init(&f, n), 0);
    for (size_t i = 0; i < count; i++) {
        double t = (double)i / count, p[3] = {t, t * 0.5 + (double)(next() % 3) * 0.01, 0.25};
        frontier_offer(&f, p, i);
    }
    frontier_sort_by_index(&f);
    /* the last offers have the largest first and second utilities: only few survive */
    assert_true(f.count >= 1 && f.count < 100);
    for (size_t i = 0; i + 1 < f.count; i++)
        assert_true(f.index[i] < f.index[i + 1]);
    frontier_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ties),
        cmocka_unit_test(test_distinct),
        cmocka_unit_test(test_growth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

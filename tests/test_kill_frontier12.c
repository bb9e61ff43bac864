/*
 * test_kill_frontier12.c: the streaming Pareto frontier (frontier.c, and
 * frontier_nd.c for three parties and more) against brute force in this file
 * (issue 27: small slips there must fail a test).  Streams of points with
 * many ties and equal vectors are offered one by one: each offer's answer
 * (kept or not) must be "no earlier point dominates it", the points held at
 * the end (sorted by outcome number) exactly those no offered point dominates
 * (equal vectors all kept), frontier_dominated must answer probes as brute
 * force does, frontier_front must dominate a point a check or an offer
 * found dominated, and two
 * frontiers merged must hold the frontier of both streams.  Two parties with
 * and without the rejection table (streams below and above
 * FRONTIER_TABLE_MIN), three parties with the scalar, AVX2 and AVX-512 block
 * scans (when the CPU has them), four and five parties; a stream whose many
 * equal outcomes all die at once, so the dead ones are compacted away.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/frontier.h"
#include "analysis/scan.h"
#include "dominance.h"

static uint64_t random_state = 0x7F4A7C159E3779B9ULL;

static uint64_t rnd(void)
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 7;
    random_state ^= random_state << 17;
    return random_state;
}

enum stream { SPREAD, ANTI, DYING };

/* m points of n parties: SPREAD on a grid of `grid` steps (ties, equal vectors; two parties: some first
   utilities at 1 or below 0); ANTI near the plane sum = 1 (a
   large frontier); DYING: 1500 equal points, one that dominates them, then SPREAD. */
static double *make_stream(size_t n, size_t m, enum stream kind, unsigned grid)
{
    double *u = malloc(m * n * sizeof *u);
    assert_non_null(u);
    for (size_t i = 0; i < m; i++) {
        double *p = &u[i * n];
        if (kind == DYING && i < 1501) {
            for (size_t k = 0; k < n; k++)
                p[k] = i < 1500 ? 0.125 : 0.25;
            continue;
        }
        double rest = 1;
        for (size_t k = 0; k < n; k++) {
            double x = (double)(rnd() % grid) / grid;
            if (kind == ANTI) {
                x = k + 1 < n ? x * rest : rest - (double)(rnd() % 4) / 4096;
                rest -= x;
            }
            p[k] = x;
        }
        if (n == 2 && kind == SPREAD && i % 53 < 2) /* outside the rejection table's buckets: 1, and below 0 */
            p[0] = i % 53 ? 1.0 : -(double)(rnd() % 4) / 8;
    }
    return u;
}

/* The indices of the points no point of the stream dominates, ascending. */
static size_t brute_front(const double *u, size_t m, size_t n, uint64_t *front)
{
    size_t count = 0;
    for (size_t i = 0; i < m; i++) {
        int dominated = 0;
        for (size_t j = 0; j < m && !dominated; j++)
            dominated = dominates(&u[j * n], &u[i * n], n);
        if (!dominated)
            front[count++] = i;
    }
    return count;
}

static void check_final(frontier *f, const double *u, size_t m, size_t n, const char *what)
{
    uint64_t *front = malloc((m + 1) * sizeof *front);
    assert_non_null(front);
    size_t count = brute_front(u, m, n, front);
    assert_int_equal(f->failed, 0);
    frontier_sort_by_index(f);
    if (f->count != count)
        fail_msg("%s: %zu points kept, brute force %zu", what, f->count, count);
    for (size_t c = 0; c < count; c++) {
        if (f->index[c] != front[c])
            fail_msg("%s: point %zu is outcome %llu, brute force %llu", what, c, (unsigned long long)f->index[c],
                     (unsigned long long)front[c]);
        assert_memory_equal(&f->u[c * n], &u[front[c] * n], n * sizeof *u);
    }
    free(front);
}

/* Offers the stream one point at a time, checking each answer, the probes and the front; then the final set. */
static void check_stream(size_t n, uint64_t outcomes, int vectors, size_t m, enum stream kind, unsigned grid)
{
    char what[96];
    snprintf(what, sizeof what, "%zu parties, stream %d of %zu, vectors %d, grid %u", n, (int)kind, m, vectors, grid);
    double *u = make_stream(n, m, kind, grid);
    frontier f;
    assert_int_equal(frontier_init_for(&f, n, outcomes), 0);
    assert_true((f.reject != NULL) == (n == 2 && outcomes >= FRONTIER_TABLE_MIN));
    f.vectors = vectors;
    for (size_t i = 0; i < m; i++) {
        const double *p = &u[i * n];
        int dominated = 0;
        for (size_t j = 0; j < i && !dominated; j++)
            dominated = dominates(&u[j * n], p, n);
        assert_int_equal(frontier_dominated(&f, p), dominated);
        if (n > 2 && dominated) /* after a check that found a dominator, the front is one */
            assert_true(dominates(frontier_front(&f), p, n));
        int kept = frontier_offer(&f, p, i);
        if (kept != !dominated)
            fail_msg("%s: offer %zu answered %d, brute force %d", what, i, kept, !dominated);
        const double *front = frontier_front(&f);
        if (n > 2 && dominated) {
            assert_non_null(front);
            assert_true(dominates(front, p, n));
        }
        if (n == 2)
            assert_null(front);
    }
    check_final(&f, u, m, n, what);
    frontier_free(&f);
    free(u);
}

static void test_two_parties(void **state)
{
    (void)state;
    check_stream(2, 100, 0, 3000, SPREAD, 64);
    check_stream(2, FRONTIER_TABLE_MIN - 1, 0, 3000, ANTI, 4096);
    check_stream(2, FRONTIER_TABLE_MIN, 0, 3000, ANTI, 4096);
    check_stream(2, FRONTIER_TABLE_MIN, 0, 3000, SPREAD, 16);
    check_stream(2, 1u << 20, 0, 2500, DYING, 64);
}

static void test_three_parties_each_scan(void **state)
{
    (void)state;
    for (int vectors = 0; vectors <= 2; vectors++) {
        if (vectors && !scan_path_supported(vectors == 2 ? SCAN_PATH_AVX512 : SCAN_PATH_AVX2))
            continue;
        check_stream(3, 1u << 20, vectors, 3000, SPREAD, 12);
        check_stream(3, 1u << 20, vectors, 3000, ANTI, 4096);
        check_stream(3, 1u << 20, vectors, 3000, DYING, 8);
    }
}

static void test_more_parties(void **state)
{
    (void)state;
    check_stream(4, 1u << 20, 0, 2500, SPREAD, 6);
    check_stream(4, 1u << 20, 0, 2500, ANTI, 4096);
    check_stream(5, 1u << 20, 0, 2500, DYING, 5);
}

/* Two workers' frontiers merged: the frontier of both streams together. */
static void test_merge(void **state)
{
    (void)state;
    for (size_t n = 2; n <= 4; n++) {
        const size_t m = 2000;
        double *u = make_stream(n, m, n == 3 ? ANTI : SPREAD, n == 3 ? 4096 : 10);
        frontier even, odd;
        assert_int_equal(frontier_init_for(&even, n, 1u << 20), 0);
        assert_int_equal(frontier_init_for(&odd, n, 1u << 20), 0);
        for (size_t i = 0; i < m; i++)
            frontier_offer(i % 2 ? &odd : &even, &u[i * n], i);
        frontier_merge(&even, &odd);
        check_final(&even, u, m, n, "merged");
        frontier_free(&even);
        frontier_free(&odd);
        free(u);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_parties),
        cmocka_unit_test(test_three_parties_each_scan),
        cmocka_unit_test(test_more_parties),
        cmocka_unit_test(test_merge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

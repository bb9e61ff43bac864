/*
 * test_kill_analysis12.c: the exact path's building blocks called directly on
 * hand-made additive spaces (exact_space), against brute force in this file:
 * every outcome enumerated, its utilities summed in issue order and rounded
 * to 2^-32 as streaming does (issue 27: small slips in mitm_count.c,
 * exact_merge.c and exact_scope.c must fail a test).
 *
 * - mitm_count: the count of outcomes every set of parties accepts, for one,
 *   two and three parties, each formulation forced (PARLEY_MITM_COUNT direct,
 *   complement) and the automatic choice, on one and two threads, with fixed
 *   issues and with rows of fixed values; coarse utilities tie with the
 *   reservations (the band evaluated one by one); its refusals (no party, four
 *   parties, 65 issues, a half past MITM_HALF_LIMIT) and mitm_half_size's
 *   values on both sides of its limits.
 * - exact_pareto_filter: the undominated points of random point sets with
 *   ties, for 2, 3 and 4 parties.
 * - exact_merge_candidates: exactly the Pareto frontier of the acceptable
 *   outcomes (2, 3 and 4 parties, a fixed issue), and the node limit at its
 *   boundary (a stage of 5 partial sums: limit 5 merges, limit 4 refuses).
 * - exact_rows_build / exact_rows_count / exact_rows_merge: a constraint
 *   scope's rows classified by a callback, counted per set of broken red
 *   lines and merged, against the same enumeration.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/exact.h"
#include "dominance.h"
#include "exact_fixture.h"

static const char *const formulations[] = {"direct", "complement", NULL};



static void test_mitm_continuous(void **state)
{
    (void)state;
    static const uint32_t counts[] = {7, 5, 9, 4, 6};
    const double levels[][3] = {{0.45, 0.5, 0.4}, {0.62, 0.3, 0.55}, {0, 0, 0}, {0.2, 0.98, 0.35}, {1.5, 0.4, 0.5}};
    for (size_t n = 1; n <= 3; n++)
        for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
            struct tspace t;
            tspace_init(&t, n, 5, counts, CONTINUOUS);
            set_reservations(&t, levels[l][0], levels[l][1], levels[l][2]);
            check_mitm_counts(&t, NULL, 0);
            tspace_free(&t);
        }
}

/* Sums of quarters over 4 issues are exact: many outcomes lie exactly on a reservation (the band decides). */
static void test_mitm_ties_on_the_reservation(void **state)
{
    (void)state;
    static const uint32_t counts[] = {5, 6, 4, 7};
    const double levels[][3] = {{0.5, 0.5, 0.5}, {0.25, 0.75, 0.5}, {0.5625, 0.4375, 0.625}};
    for (size_t n = 2; n <= 3; n++)
        for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
            struct tspace t;
            for (enum draw draw = COARSE; draw <= BAND; draw++) {
                tspace_init(&t, n, 4, counts, draw);
                set_reservations(&t, levels[l][0], levels[l][1], levels[l][2]);
                check_mitm_counts(&t, NULL, 0);
                tspace_free(&t);
            }
        }
}

/* Fixed issues: one value in s->fixed, or the rows of fixed values half A carries. */
static void test_mitm_fixed_issues_and_rows(void **state)
{
    (void)state;
    static const uint32_t counts[] = {4, 6, 5, 3, 7};
    static const uint32_t rows[] = {0, 1, 3, 2, 2, 0, 1, 1, 3, 0, 0, 2}; /* six rows of issues 0 and 3 */
    for (size_t n = 1; n <= 3; n++) {
        struct tspace t;
        tspace_init(&t, n, 5, counts, n == 2 ? COARSE : CONTINUOUS);
        set_reservations(&t, 0.3, 0.25, 0.35);
        t.fixed[2] = 3;
        check_mitm_counts(&t, NULL, 0);
        t.fixed[2] = EXACT_FREE;
        t.fixed[0] = t.fixed[3] = 0;
        check_mitm_counts(&t, rows, 6);
        check_mitm_counts(&t, rows + 4, 1);
        tspace_free(&t);
    }
}

/* Halves of 900 points: the three-party band and 3-D count split over two workers. */
static void test_mitm_large_halves(void **state)
{
    (void)state;
    static const uint32_t counts[] = {30, 30, 30, 30};
    for (size_t n = 2; n <= 3; n++) {
        struct tspace t;
        tspace_init(&t, n, 4, counts, CONTINUOUS);
        set_reservations(&t, 0.5, 0.45, 0.55);
        check_mitm_counts(&t, NULL, 0);
        tspace_free(&t);
    }
}

/*
 * Halves of 2^16 points, three parties: too many outcomes for brute force, but the 3-D count splits its top levels
 * over threads (at 2^16 events and more): every thread count and formulation must give one thread's counts.
 */
static void test_mitm_threads_agree(void **state)
{
    (void)state;
    static const uint32_t counts[] = {256, 256, 256, 256};
    struct tspace t;
    tspace_init(&t, 3, 4, counts, CONTINUOUS);
    set_reservations(&t, 0.5, 0.45, 0.55);
    uint64_t one[1u << MAX_PARTIES], got[1u << MAX_PARTIES];
    t.s.threads = 1;
    assert_int_equal(mitm_count(&t.s, NULL, 0, one, NULL), 0);
    assert_int_equal(one[0], (uint64_t)1 << 32);
    assert_true(one[7] > 0 && one[7] < one[3]);
    for (size_t f = 0; f < 3; f++)
        for (unsigned threads = 1; threads <= 4; threads++) {
            if (formulations[f])
                assert_int_equal(setenv("PARLEY_MITM_COUNT", formulations[f], 1), 0);
            t.s.threads = threads;
            int rc = mitm_count(&t.s, NULL, 0, got, NULL);
            unsetenv("PARLEY_MITM_COUNT");
            assert_int_equal(rc, 0);
            for (unsigned dims = 0; dims < 8; dims++)
                if (got[dims] != one[dims])
                    fail_msg("%s, %u threads: set %u: %llu, one thread %llu", formulations[f] ? formulations[f] : "auto",
                             threads, dims, (unsigned long long)got[dims], (unsigned long long)one[dims]);
        }
    tspace_free(&t);
}

/* 64 issues (most of one value) are counted; 65 are refused, as are 0 and 4 parties and a half past the limit. */
static void test_mitm_limits(void **state)
{
    (void)state;
    uint32_t counts[MAX_ISSUES];
    for (size_t i = 0; i < MAX_ISSUES; i++)
        counts[i] = i % 11 == 5 ? 3 : 1;
    uint64_t got[1u << MAX_PARTIES];
    struct tspace t;
    tspace_init(&t, 2, 64, counts, CONTINUOUS);
    set_reservations(&t, 0.4, 0.5, 0);
    check_mitm_counts(&t, NULL, 0);
    assert_int_equal(mitm_half_size(&t.s, 1), 27); /* 3^6 outcomes: halves of 27 */
    tspace_free(&t);
    tspace_init(&t, 2, 65, counts, CONTINUOUS);
    assert_int_equal(mitm_count(&t.s, NULL, 0, got, NULL), -1);
    assert_int_equal(mitm_half_size(&t.s, 1), MITM_HALF_LIMIT + 1);
    t.s.n = 0;
    assert_int_equal(mitm_count(&t.s, NULL, 0, got, NULL), -1);
    tspace_free(&t);
    tspace_init(&t, 4, 3, counts + 5, CONTINUOUS);
    assert_int_equal(mitm_count(&t.s, NULL, 0, got, NULL), -1);
    t.s.n = 3;
    set_reservations(&t, 0.2, 0.2, 0.2);
    t.n = 3;
    check_mitm_counts(&t, NULL, 0);
    t.n = 4;
    tspace_free(&t);
    /* 2^46 outcomes: halves of 2^23 points, the most a half may hold; 2^47: one half of 2^24 */
    uint32_t two[MAX_ISSUES];
    for (size_t i = 0; i < MAX_ISSUES; i++)
        two[i] = 2;
    tspace_init(&t, 1, 46, two, CONTINUOUS);
    assert_int_equal(mitm_half_size(&t.s, 1), MITM_HALF_LIMIT);
    assert_int_equal(mitm_half_size(&t.s, 0), MITM_HALF_LIMIT);
    tspace_free(&t);
    tspace_init(&t, 1, 47, two, CONTINUOUS);
    assert_int_equal(mitm_half_size(&t.s, 1), MITM_HALF_LIMIT + 1);
    assert_int_equal(mitm_count(&t.s, NULL, 0, got, NULL), -1);
    tspace_free(&t);
}

/* The split with rows: A carries the rows, so its free part shrinks as they grow (sizes worked out by hand). */
static void test_mitm_half_size_with_rows(void **state)
{
    (void)state;
    static const uint32_t counts[] = {4, 4, 3};
    struct tspace t;
    tspace_init(&t, 2, 3, counts, CONTINUOUS);
    t.fixed[2] = 0;
    /* free issues 0 and 1 (16 points): 1 row: halves 4 x 4; 16 rows: A = the rows alone (16), B = 16; 4 rows: A = 4
       rows, B = 16, or A = 4 x 4 = 16, B = 4: 16 either way; 5 rows: A = 5, B = 16 */
    assert_int_equal(mitm_half_size(&t.s, 0), 4);
    assert_int_equal(mitm_half_size(&t.s, 1), 4);
    assert_int_equal(mitm_half_size(&t.s, 2), 8);
    assert_int_equal(mitm_half_size(&t.s, 4), 16);
    assert_int_equal(mitm_half_size(&t.s, 5), 16);
    assert_int_equal(mitm_half_size(&t.s, 16), 16);
    assert_int_equal(mitm_half_size(&t.s, 17), 17);
    tspace_free(&t);
}

/* Outcomes with their number (mixed radix, last issue fastest) and utilities. */
struct outcomes {
    const struct tspace *t;
    size_t count, capacity;
    uint64_t *id;
    double *u;
    int (*keep)(void *ctx, const uint32_t *values); /* NULL: every outcome (the rows' test: a class) */
    void *keep_ctx;
};

static uint64_t outcome_number(const struct tspace *t, const uint32_t *values)
{
    uint64_t id = 0;
    for (size_t i = 0; i < t->issues; i++)
        id = id * t->counts[i] + values[i];
    return id;
}

static void add_outcome(void *ctx, const uint32_t *values, const double *u)
{
    struct outcomes *o = ctx;
    if (o->keep && !o->keep(o->keep_ctx, values))
        return;
    if (o->count == o->capacity) {
        o->capacity = o->capacity ? 2 * o->capacity : 256;
        o->id = realloc(o->id, o->capacity * sizeof *o->id);
        o->u = realloc(o->u, o->capacity * MAX_PARTIES * sizeof *o->u);
        assert_true(o->id && o->u);
    }
    o->id[o->count] = outcome_number(o->t, values);
    memcpy(&o->u[o->count * MAX_PARTIES], u, o->t->n * sizeof *u);
    o->count++;
}

static void add_acceptable(void *ctx, const uint32_t *values, const double *u)
{
    const struct outcomes *o = ctx;
    for (size_t k = 0; k < o->t->n; k++)
        if (u[k] < o->t->reservation[k])
            return;
    add_outcome(ctx, values, u);
}

/* Keeps the outcomes no other one dominates (equal utilities all kept), in their order. */
static void pareto(struct outcomes *o)
{
    size_t kept = 0;
    unsigned char *out = calloc(o->count + 1, 1);
    assert_non_null(out);
    for (size_t i = 0; i < o->count; i++)
        for (size_t j = 0; j < o->count && !out[i]; j++)
            out[i] = dominates(&o->u[j * MAX_PARTIES], &o->u[i * MAX_PARTIES], o->t->n);
    for (size_t i = 0; i < o->count; i++)
        if (!out[i]) {
            o->id[kept] = o->id[i];
            memmove(&o->u[kept * MAX_PARTIES], &o->u[i * MAX_PARTIES], MAX_PARTIES * sizeof *o->u);
            kept++;
        }
    o->count = kept;
    free(out);
}

static void sort_outcomes(struct outcomes *o)
{
    for (size_t i = 1; i < o->count; i++)
        for (size_t j = i; j > 0 && o->id[j - 1] > o->id[j]; j--) {
            uint64_t id = o->id[j];
            double u[MAX_PARTIES];
            o->id[j] = o->id[j - 1];
            o->id[j - 1] = id;
            memcpy(u, &o->u[j * MAX_PARTIES], sizeof u);
            memcpy(&o->u[j * MAX_PARTIES], &o->u[(j - 1) * MAX_PARTIES], sizeof u);
            memcpy(&o->u[(j - 1) * MAX_PARTIES], u, sizeof u);
        }
}

static void same_outcomes(struct outcomes *got, struct outcomes *expected, const char *what)
{
    sort_outcomes(got);
    if (got->count != expected->count)
        fail_msg("%s: %zu outcomes, brute force %zu", what, got->count, expected->count);
    for (size_t c = 0; c < got->count; c++) {
        if (got->id[c] != expected->id[c])
            fail_msg("%s: outcome %zu is %llu, brute force %llu", what, c, (unsigned long long)got->id[c],
                     (unsigned long long)expected->id[c]);
        for (size_t k = 0; k < got->t->n; k++)
            assert_true(got->u[c * MAX_PARTIES + k] == expected->u[c * MAX_PARTIES + k]);
    }
    free(got->id);
    free(got->u);
    free(expected->id);
    free(expected->u);
}

/* exact_merge_candidates emits exactly the Pareto frontier of the acceptable outcomes. */
static void check_merge(struct tspace *t, const char *what)
{
    tspace_bounds(t);
    struct outcomes expected = {t, 0, 0, NULL, NULL, NULL, NULL}, got = {t, 0, 0, NULL, NULL, NULL, NULL};
    enumerate(t, add_acceptable, &expected);
    pareto(&expected);
    exact_memory memory = {NULL, 0};
    assert_int_equal(exact_merge_candidates(&t->s, add_outcome, &got, &memory), 0);
    exact_memory_free(&memory);
    same_outcomes(&got, &expected, what);
}

static void test_merge_against_brute_force(void **state)
{
    (void)state;
    static const uint32_t counts[] = {6, 5, 7, 4, 3};
    const double levels[][3] = {{0, 0, 0}, {0.4, 0.35, 0.3}, {0.55, 0.5, 0.45}};
    for (size_t n = 2; n <= 4; n++)
        for (enum draw draw = CONTINUOUS; draw <= BAND; draw++)
            for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
                struct tspace t;
                tspace_init(&t, n, draw == CONTINUOUS ? 5 : 4, counts, draw);
                set_reservations(&t, levels[l][0], levels[l][1], levels[l][2]);
                if (n == 4)
                    t.reservation[3] = rounded(levels[l][2]);
                char what[64];
                snprintf(what, sizeof what, "%zu parties, draw %d, level %zu", n, (int)draw, l);
                check_merge(&t, what);
                t.fixed[1] = 2;
                check_merge(&t, what);
                tspace_free(&t);
            }
}

/* One issue of 5 values that no value beats: the one stage keeps 5 partial sums. */
static void test_merge_node_limit(void **state)
{
    (void)state;
    static const uint32_t counts[] = {5};
    struct tspace t;
    tspace_init(&t, 2, 1, counts, ANTICHAIN);
    tspace_bounds(&t);
    t.s.node_limit = 5;
    struct outcomes got = {&t, 0, 0, NULL, NULL, NULL, NULL};
    assert_int_equal(exact_merge_candidates(&t.s, add_outcome, &got, NULL), 0);
    assert_int_equal(got.count, 5);
    for (size_t c = 0; c < 5; c++) {
        assert_int_equal(got.id[c], c);
        assert_true(got.u[c * MAX_PARTIES] == (double)c / 4 && got.u[c * MAX_PARTIES + 1] == (double)(4 - c) / 4);
    }
    got.count = 0;
    t.s.node_limit = 4;
    assert_int_equal(exact_merge_candidates(&t.s, add_outcome, &got, NULL), 1);
    assert_int_equal(got.count, 0);
    /* a value another beats for one party and equals for the other is not worth a partial sum: 4 fit */
    t.tables[0][2] = 0.25;
    t.tables[1][2] = 0.25;
    assert_int_equal(exact_merge_candidates(&t.s, add_outcome, &got, NULL), 0);
    assert_int_equal(got.count, 4);
    free(got.id);
    free(got.u);
    tspace_free(&t);
}

/* exact_pareto_filter on random points with ties (coordinates in quarters) and exact copies. */
static void test_pareto_filter(void **state)
{
    (void)state;
    static const size_t sizes[] = {0, 1, 2, 3, 17, 300};
    for (size_t n = 2; n <= 4; n++)
        for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
            size_t m = sizes[z];
            double *u = malloc((m + 1) * n * sizeof *u);
            unsigned char *keep = malloc(m + 1);
            assert_true(u && keep);
            for (size_t c = 0; c < m; c++)
                for (size_t k = 0; k < n; k++)
                    u[c * n + k] = c % 5 == 4 ? u[(c - 1) * n + k] : (double)(rnd() % (z == 5 ? 9 : 3)) / 4;
            assert_int_equal(exact_pareto_filter(u, m, n, keep), 0);
            int dominated;
            size_t c = keep_mismatch(u, m, n, keep, &dominated);
            if (c < m)
                fail_msg("%zu parties, %zu points: point %zu kept %d, dominated %d", n, m, c, keep[c], dominated);
            free(u);
            free(keep);
        }
}

/* The class of a row of scope issues 1 and 3: -1 (a global constraint fails), else red lines 1 and 2 broken. */
static int64_t classify(void *ctx, const uint32_t *values)
{
    (void)ctx;
    if ((values[1] + values[3]) % 7 == 3)
        return -1;
    return (int64_t)(values[1] > 5) | (int64_t)(values[3] < 2) << 1;
}

static int breaks_none(void *ctx, const uint32_t *values)
{
    return classify(ctx, values) == 0;
}

struct by_class {
    struct tspace *t;
    uint64_t accepting[4][1u << MAX_PARTIES];
    int calls[4];
};

static void add_class(void *ctx, uint64_t mask, const uint64_t *accepting)
{
    struct by_class *c = ctx;
    assert_true(mask < 4);
    c->calls[mask]++;
    for (unsigned dims = 0; dims < 1u << c->t->n; dims++)
        c->accepting[mask][dims] += accepting[dims];
}

static void tally_class(void *ctx, const uint32_t *values, const double *u)
{
    struct by_class *c = ctx;
    int64_t mask = classify(NULL, values);
    if (mask < 0)
        return;
    struct tally one = {c->t, {0}};
    count_outcome(&one, values, u);
    for (unsigned dims = 0; dims < 1u << c->t->n; dims++)
        c->accepting[mask][dims] += one.accepting[dims];
}

/* The rows of scope {1, 3} (9 x 10 assignments, more than the first 64 allotted): classified, counted, merged. */
static void test_scope_rows(void **state)
{
    (void)state;
    static const uint32_t counts[] = {5, 9, 4, 10};
    static const unsigned char scope[] = {0, 1, 0, 1};
    exact_rows rows;
    assert_int_equal(exact_rows_build(scope, counts, 4, classify, NULL, &rows), 0);
    assert_int_equal(rows.scoped, 2);
    size_t r = 0;
    for (uint32_t a = 0; a < 9; a++)
        for (uint32_t b = 0; b < 10; b++) {
            uint32_t values[4] = {0, a, 0, b};
            int64_t mask = classify(NULL, values);
            if (mask < 0)
                continue;
            assert_true(r < rows.count);
            assert_int_equal(rows.values[2 * r], a);
            assert_int_equal(rows.values[2 * r + 1], b);
            assert_int_equal(rows.mask[r], (uint64_t)mask);
            r++;
        }
    assert_int_equal(rows.count, r);
    assert_true(r > 64);
    for (size_t n = 2; n <= 3; n++) {
        struct tspace t;
        tspace_init(&t, n, 4, counts, n == 2 ? CONTINUOUS : COARSE);
        set_reservations(&t, 0.45, 0.4, 0.5);
        struct by_class expected = {&t, {{0}}, {0}};
        enumerate(&t, tally_class, &expected);
        t.fixed[1] = t.fixed[3] = 0;
        tspace_bounds(&t);
        for (int zero_only = 0; zero_only <= 1; zero_only++) {
            struct by_class got = {&t, {{0}}, {0}};
            assert_int_equal(exact_rows_count(&t.s, &rows, zero_only, add_class, &got), 0);
            for (unsigned mask = 0; mask < 4; mask++) {
                assert_int_equal(got.calls[mask], zero_only && mask ? 0 : 1);
                for (unsigned dims = 0; dims < 1u << n; dims++)
                    if (got.accepting[mask][dims] != (zero_only && mask ? 0 : expected.accepting[mask][dims]))
                        fail_msg("%zu parties: red lines %u, set %u: %llu outcomes, brute force %llu", n, mask, dims,
                                 (unsigned long long)got.accepting[mask][dims],
                                 (unsigned long long)expected.accepting[mask][dims]);
            }
        }
        struct outcomes front = {&t, 0, 0, NULL, NULL, breaks_none, NULL}, merged = {&t, 0, 0, NULL, NULL, NULL, NULL};
        t.fixed[1] = t.fixed[3] = EXACT_FREE;
        enumerate(&t, add_acceptable, &front);
        pareto(&front);
        t.fixed[1] = t.fixed[3] = 0;
        assert_int_equal(exact_rows_merge(&t.s, &rows, add_outcome, &merged), 0);
        same_outcomes(&merged, &front, "rows merged");
        tspace_free(&t);
    }
    exact_rows_free(&rows);
    assert_null(rows.values);
    assert_int_equal(rows.count, 0);
}

/* The class of a row of scope issues 0 and 63: never infeasible, red line 1 when both are 2. */
static int64_t classify_wide(void *ctx, const uint32_t *values)
{
    (void)ctx;
    return values[0] == 2 && values[63] == 2;
}

/* 64 issues (scope 0 and 63, three of four values each; the others of one value but issue 30 of three): the rows
   fill every one of the 64 fixed slots, counted and merged as brute force does. */
static void test_scope_rows_of_64_issues(void **state)
{
    (void)state;
    uint32_t counts[64];
    unsigned char scope[64] = {0};
    for (size_t i = 0; i < 64; i++)
        counts[i] = i == 0 || i == 63 ? 4 : i == 30 ? 3 : 1;
    scope[0] = scope[63] = 1;
    exact_rows rows;
    assert_int_equal(exact_rows_build(scope, counts, 64, classify_wide, NULL, &rows), 0);
    assert_int_equal(rows.count, 16);
    struct tspace t;
    tspace_init(&t, 2, 64, counts, CONTINUOUS);
    set_reservations(&t, 0.002, 0.001, 0);
    struct outcomes front = {&t, 0, 0, NULL, NULL, NULL, NULL}, merged = {&t, 0, 0, NULL, NULL, NULL, NULL};
    enumerate(&t, add_acceptable, &front);
    for (size_t c = 0, kept = 0; c <= front.count; c++) /* the outcomes of rows breaking no red line */
        if (c == front.count)
            front.count = kept;
        else if (!(front.id[c] / 3 / 4 % 4 == 2 && front.id[c] % 4 == 2)) {
            front.id[kept] = front.id[c];
            memmove(&front.u[kept * MAX_PARTIES], &front.u[c * MAX_PARTIES], MAX_PARTIES * sizeof *front.u);
            kept++;
        }
    pareto(&front);
    t.fixed[0] = t.fixed[63] = 0;
    tspace_bounds(&t);
    assert_int_equal(exact_rows_merge(&t.s, &rows, add_outcome, &merged), 0);
    same_outcomes(&merged, &front, "64 issues, rows merged");
    struct by_class got = {&t, {{0}}, {0}};
    assert_int_equal(exact_rows_count(&t.s, &rows, 0, add_class, &got), 0);
    assert_int_equal(got.accepting[0][0] + got.accepting[1][0], 48);
    assert_int_equal(got.accepting[1][0], 3);
    tspace_free(&t);
    exact_rows_free(&rows);
}

/* Keys a few denormals apart: the range is too narrow to scale onto 33 bits, so one run is sorted by key. */
static void test_sort_of_a_range_too_narrow(void **state)
{
    (void)state;
    enum { M = 300 };
    double keys[M];
    uint32_t ids[M];
    uint64_t work1[M], work2[M];
    for (size_t i = 0; i < M; i++)
        keys[i] = (double)(rnd() % 7) * 0x1p-1074;
    const double *sorted = exact_sort_positions(keys, M, ids, work1, work2);
    assert_non_null(sorted);
    unsigned char seen[M] = {0};
    for (size_t r = 0; r < M; r++) {
        assert_true(ids[r] < M && !seen[ids[r]]);
        seen[ids[r]] = 1;
        assert_true(sorted[r] == keys[ids[r]]);
        if (r > 0)
            assert_true(sorted[r - 1] <= sorted[r]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mitm_continuous),
        cmocka_unit_test(test_mitm_ties_on_the_reservation),
        cmocka_unit_test(test_mitm_fixed_issues_and_rows),
        cmocka_unit_test(test_mitm_large_halves),
        cmocka_unit_test(test_mitm_threads_agree),
        cmocka_unit_test(test_mitm_limits),
        cmocka_unit_test(test_mitm_half_size_with_rows),
        cmocka_unit_test(test_merge_against_brute_force),
        cmocka_unit_test(test_merge_node_limit),
        cmocka_unit_test(test_pareto_filter),
        cmocka_unit_test(test_sort_of_a_range_too_narrow),
        cmocka_unit_test(test_scope_rows),
        cmocka_unit_test(test_scope_rows_of_64_issues),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

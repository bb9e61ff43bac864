/*
 * test_plot_data.c: what the plots are drawn from, against independent
 * computations written here.
 *
 *  (a) the analysis's plot data (parley_analysis_density, _pair_frontier):
 *      every outcome enumerated by this file's own loop (parley_space_decode,
 *      parley_scenario_feasible, red lines, expected utilities evaluated
 *      directly), binned and filtered for Pareto optimality with a sort-and-
 *      sweep written here; on the seeds' phased ceasefire (constraints), the
 *      three flatmates (three pairs) and a 216,000-outcome space the threads
 *      split;
 *  (b) the axis ticks: whole rounds stay whole (no 19.75), steps of 1, 2, 2.5, 5;
 *  (c) the progress hook: monotonic, ends with done == total, rate-limited;
 *      and silent options (no callback) change nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <parley/analysis.h>
#include <parley/scenario.h>

#include "io/svg.h"
#include "test_util.h"

#define EXAMPLES PARLEY_SOURCE_DIR "/examples/"
#define BINS 16u

static parley_analysis *analyze(const parley_scenario *sc, unsigned threads, unsigned bins)
{
    return test_analyse_with(sc, &(parley_analysis_options){.threads = threads, .plot_bins = bins});
}

/* Rounds to a multiple of 2^-32, ties to even (the analysis compares utilities so rounded). */
static double round32(double u)
{
    return ldexp(nearbyint(ldexp(u, 32)), -32);
}

static size_t bin(double u)
{
    if (!(u > 0))
        return 0;
    size_t b = (size_t)(u * BINS);
    return b >= BINS ? BINS - 1 : b;
}

struct pt {
    double x, y;
};

static int by_x_desc(const void *p, const void *q)
{
    const struct pt *a = p, *b = q;
    if (a->x != b->x)
        return a->x > b->x ? -1 : 1;
    return a->y > b->y ? -1 : a->y < b->y;
}

/* The distinct non-dominated points of pts[n] (sorted by x ascending on return); returns their count. */
static size_t pareto_2d(struct pt *pts, size_t n, struct pt *out)
{
    qsort(pts, n, sizeof *pts, by_x_desc);
    size_t m = 0;
    double best_y = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && pts[i].x == pts[i - 1].x)
            continue; /* a lower (or equal) y at the same x */
        if (pts[i].y > best_y)
            out[m++] = pts[i];
        best_y = fmax(best_y, pts[i].y);
    }
    for (size_t i = 0; i < m / 2; i++) { /* x ascending */
        struct pt t = out[i];
        out[i] = out[m - 1 - i];
        out[m - 1 - i] = t;
    }
    return m;
}

/* The library's frontier of a pair, with repeated points dropped. */
static size_t distinct(const double *xy, size_t count, struct pt *out)
{
    size_t m = 0;
    for (size_t i = 0; i < count; i++)
        if (m == 0 || out[m - 1].x != xy[2 * i] || out[m - 1].y != xy[2 * i + 1])
            out[m++] = (struct pt){xy[2 * i], xy[2 * i + 1]};
    return m;
}

static void check_plot_data(const parley_scenario *sc, unsigned threads)
{
    parley_analysis *a = analyze(sc, threads, BINS);
    const parley_space *space = parley_scenario_space(sc);
    size_t n = parley_scenario_negotiator_count(sc), issues = parley_space_issue_count(space);
    uint64_t total = parley_analysis_outcomes(a);
    assert_int_equal(parley_analysis_plot_bins(a), BINS);
    parley_utility **u = calloc(n, sizeof *u);
    double *r = calloc(n, sizeof *r), *ux = malloc(total * n * sizeof *ux);
    unsigned char *feasible = calloc(total, 1), *ok = calloc(total, 1);
    uint32_t *values = calloc(issues, sizeof *values);
    assert_non_null(u && r && ux && feasible && ok && values);
    for (size_t k = 0; k < n; k++) {
        size_t party = parley_scenario_negotiator(sc, k);
        u[k] = parley_scenario_expected_utility(sc, party, -1.0);
        assert_non_null(u[k]);
        r[k] = round32(parley_utility_reservation(parley_party_utility(sc, party)));
    }
    for (uint64_t o = 0; o < total; o++) {
        parley_space_decode(space, o, values);
        feasible[o] = (unsigned char)parley_scenario_feasible(sc, values);
        ok[o] = feasible[o];
        for (size_t k = 0; k < n; k++) {
            ux[o * n + k] = round32(parley_utility_eval(u[k], values));
            ok[o] &= ux[o * n + k] >= r[k] &&
                     parley_scenario_red_lines_hold(sc, parley_scenario_negotiator(sc, k), values);
        }
    }
    struct pt *pts = malloc(total * sizeof *pts), *mine = malloc(total * sizeof *mine),
              *theirs = malloc(total * sizeof *theirs);
    uint64_t *grid = malloc(BINS * BINS * sizeof *grid), *grid_ok = malloc(BINS * BINS * sizeof *grid_ok);
    assert_non_null(pts && mine && theirs && grid && grid_ok);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            memset(grid, 0, BINS * BINS * sizeof *grid);
            memset(grid_ok, 0, BINS * BINS * sizeof *grid_ok);
            for (uint64_t o = 0; o < total; o++)
                if (feasible[o]) {
                    grid[bin(ux[o * n + j]) * BINS + bin(ux[o * n + i])]++;
                    grid_ok[bin(ux[o * n + j]) * BINS + bin(ux[o * n + i])] += ok[o];
                }
            assert_memory_equal(parley_analysis_density(a, i, j, 0), grid, BINS * BINS * sizeof *grid);
            assert_memory_equal(parley_analysis_density(a, i, j, 1), grid_ok, BINS * BINS * sizeof *grid_ok);
            for (int acceptable_only = 0; acceptable_only <= 1; acceptable_only++) {
                size_t m = 0;
                for (uint64_t o = 0; o < total; o++)
                    if (acceptable_only ? ok[o] : feasible[o])
                        pts[m++] = (struct pt){ux[o * n + i], ux[o * n + j]};
                size_t want = pareto_2d(pts, m, mine);
                const double *xy;
                size_t count = parley_analysis_pair_frontier(a, i, j, acceptable_only, &xy);
                size_t got = distinct(xy, count, theirs);
                assert_int_equal(got, want);
                for (size_t q = 0; q < got; q++) {
                    assert_true(theirs[q].x == mine[q].x);
                    assert_true(theirs[q].y == mine[q].y);
                }
            }
        }
    assert_null(parley_analysis_density(a, 1, 0, 0)); /* pairs are asked for as k0 < k1 */
    for (size_t k = 0; k < n; k++)
        parley_utility_free(u[k]);
    free(u);
    free(r);
    free(ux);
    free(feasible);
    free(ok);
    free(values);
    free(pts);
    free(mine);
    free(theirs);
    free(grid);
    free(grid_ok);
    parley_analysis_free(a);
}

static void plot_data_ceasefire(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(EXAMPLES "ceasefire-relaxed.json");
    check_plot_data(sc, 1);
    parley_scenario_free(sc);
}

static void plot_data_three_parties(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(EXAMPLES "textbook-flatmates.json");
    check_plot_data(sc, 1);
    parley_scenario_free(sc);
}

/* 60^3 outcomes, two parties, split between two threads (the trailing issues are fused in the scan). */
static const char big_scenario[] =
    "{\"title\": \"plot data\", \"issues\": ["
    "{\"name\": \"a\", \"type\": \"integer\", \"min\": 0, \"max\": 59},"
    "{\"name\": \"b\", \"type\": \"integer\", \"min\": 0, \"max\": 59},"
    "{\"name\": \"c\", \"type\": \"integer\", \"min\": 0, \"max\": 59}],"
    "\"parties\": ["
    "{\"name\": \"P\", \"reservation\": 0.3, \"preferences\": {"
    "\"a\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
    "\"b\": {\"weight\": 0.3, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}},"
    "\"c\": {\"weight\": 0.2, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}}},"
    "{\"name\": \"Q\", \"reservation\": 0.4, \"preferences\": {"
    "\"a\": {\"weight\": 0.2, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}},"
    "\"b\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
    "\"c\": {\"weight\": 0.3, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0.2}}}}]}";

static parley_scenario *parse_big(void)
{
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_parse(big_scenario, strlen(big_scenario), "big", &sc, &err) != PARLEY_OK) {
        char buf[2048];
        fail_msg("%s", parley_error_format(&err, buf, sizeof buf));
    }
    return sc;
}

static void plot_data_threads(void **state)
{
    (void)state;
    parley_scenario *sc = parse_big();
    check_plot_data(sc, 2);
    parley_scenario_free(sc);
}

static void ticks(void **state)
{
    (void)state;
    double t[16];
    /* 20 rounds drawn on [0, 20] (the old plot labelled a quarter of 79 rounds as 19.75) */
    size_t n = svg_ticks(0, 79, 11, 1, t);
    assert_true(n >= 4 && n <= 11);
    for (size_t i = 0; i < n; i++)
        assert_true(t[i] == floor(t[i]));
    assert_true(t[1] - t[0] == 10); /* 79 / 10 intervals -> 7.9 -> the next nice step, 10 */
    /* three rounds: whole steps even though 0.5 would fit 11 ticks */
    n = svg_ticks(0, 3, 11, 1, t);
    assert_int_equal(n, 4);
    assert_true(t[0] == 0 && t[1] == 1 && t[2] == 2 && t[3] == 3);
    /* utilities: 0, 0.2, ..., 1 for 6 ticks */
    n = svg_ticks(0, 1, 6, 0, t);
    assert_int_equal(n, 6);
    for (size_t i = 0; i < n; i++)
        assert_true(fabs(t[i] - 0.2 * (double)i) < 1e-12);
    /* 11 ticks on [0, 1]: a step of 0.1 */
    n = svg_ticks(0, 1, 11, 0, t);
    assert_int_equal(n, 11);
    assert_int_equal(svg_ticks(1, 1, 5, 0, t), 0); /* an empty range has no ticks */
}

struct calls {
    size_t count;
    double last_done, last_total, first_time, last_time;
    int decreasing;
    const char *what;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void count_call(void *user, double done, double total, const char *what)
{
    struct calls *c = user;
    if (c->count == 0)
        c->first_time = now();
    c->last_time = now();
    c->decreasing |= done < c->last_done;
    c->count++;
    c->last_done = done;
    c->last_total = total;
    c->what = what;
}

static void progress_hook(void **state)
{
    (void)state;
    parley_scenario *sc = parse_big();
    struct calls calls = {0};
    parley_analysis_options options = {.threads = 2, .progress = count_call, .progress_user = &calls};
    parley_analysis *a = NULL, *b = NULL;
    parley_error err;
    double started = now();
    assert_int_equal(parley_analyze(sc, &options, &a, &err), PARLEY_OK);
    double elapsed = now() - started;
    assert_true(calls.count >= 1);
    assert_false(calls.decreasing);
    assert_true(calls.last_done == 216000 && calls.last_total == 216000);
    assert_string_equal(calls.what, "outcomes");
    assert_true((double)calls.count <= elapsed / 0.1 + 2); /* at most ten a second, plus the final one */
    /* the same analysis without the hook and without plot data */
    parley_analysis_options silent = {.threads = 2};
    assert_int_equal(parley_analyze(sc, &silent, &b, &err), PARLEY_OK);
    assert_int_equal(parley_analysis_acceptable(a), parley_analysis_acceptable(b));
    assert_int_equal(parley_analysis_frontier_count(a), parley_analysis_frontier_count(b));
    assert_int_equal(parley_analysis_plot_bins(b), 0);
    assert_null(parley_analysis_density(b, 0, 1, 0));
    parley_analysis_free(a);
    parley_analysis_free(b);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plot_data_ceasefire),
        cmocka_unit_test(plot_data_three_parties),
        cmocka_unit_test(plot_data_threads),
        cmocka_unit_test(ticks),
        cmocka_unit_test(progress_hook),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

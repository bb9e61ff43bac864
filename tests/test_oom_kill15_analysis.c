/*
 * test_oom_kill15_analysis.c: the exact path's dominance filters (exact_merge.c) when one allocation fails, at sizes
 * where their sorts take the radix passes (512 keys and more: exact_radix_sort allocates its counters there, below
 * it qsort allocates nothing), issue 27, seed-153 probe: exact_merge.c:211 (three parties' first sort refused) was
 * a line no test reached.  For each n the n-th allocation of the call fails (tests/failalloc.c); a call that met a
 * refusal must answer -1 (and emit nothing), one that met none the right answer: for exact_pareto_filter the
 * undominated points worked out by brute force, for exact_merge_candidates the Pareto frontier of the acceptable
 * outcomes enumerated one by one (exact_fixture.h).  One to five parties (running maxima, Fenwick trees, by total).
 * And parley_analyze on the exact path (EXACT_ONLY) with a red line, and streamed with plot data, for 2 and 3
 * parties: PARLEY_ENOMEM or the figures (and plot) of the streamed analysis; parley_analysis_pack and parley_analysis_merge_packed: PARLEY_ENOMEM or the
 * figures of the whole space; parley_texts_rank: PARLEY_ENOMEM or the same ranking; parley_diagnose where red
 * lines move: PARLEY_ENOMEM or the same relaxations.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "dominance.h"
#include "exact_fixture.h"
#include "failalloc.h"
#include "many_red_lines.h"
#include "test_util.h"

#define MOST_ALLOCATIONS 200
#define POINTS 600 /* above the 512 keys where exact_radix_sort allocates */

static void test_filter_refused(void **state)
{
    (void)state;
    static double u[POINTS * 5];
    static unsigned char expected[POINTS], keep[POINTS];
    for (size_t n = 1; n <= 5; n++) {
        /* quarters: ties in one party, in several, and exact copies (every seventh point repeats the one before) */
        for (size_t c = 0; c < POINTS; c++)
            for (size_t k = 0; k < n; k++)
                u[c * n + k] = c % 7 == 6 ? u[(c - 1) * n + k] : (double)(rnd() % 9) / 4;
        size_t kept = 0;
        for (size_t c = 0; c < POINTS; c++) {
            int dominated = 0;
            for (size_t d = 0; d < POINTS && !dominated; d++)
                dominated = dominates(&u[d * n], &u[c * n], n);
            expected[c] = !dominated;
            kept += expected[c];
        }
        assert_true(kept > 0 && kept < POINTS);
        int done = 0;
        long refusals = 0;
        for (long a = 1; a < MOST_ALLOCATIONS && !done; a++) {
            memset(keep, 2, sizeof keep);
            failalloc_arm(a, 0);
            int rc = exact_pareto_filter(u, POINTS, n, keep);
            long refused = failalloc_disarm();
            done = refused == 0;
            refusals += refused;
            if (!done) {
                if (rc != -1)
                    fail_msg("%zu parties: allocation %ld refused, the filter answered %d", n, a, rc);
                continue;
            }
            assert_int_equal(rc, 0);
            for (size_t c = 0; c < POINTS; c++)
                if (keep[c] != expected[c])
                    fail_msg("%zu parties: point %zu kept %d, expected %d", n, c, keep[c], expected[c]);
        }
        assert_true(done);
        /* items and the scratch block (and for n >= 4 the list of kept points); for 2 and 3 each radix sort's
           counters: the first sort (2 and 3 parties) and the second-party ranks (3) */
        static const long allocations[] = {0, 2, 3, 4, 2, 2};
        assert_int_equal(refusals, allocations[n]);
    }
}

/* Outcomes emitted (4 issues of at most 16 values each, one number each). */
struct emitted {
    size_t count;
    uint64_t id[4096];
};

static uint64_t outcome_id(const uint32_t *values)
{
    return (uint64_t)values[0] << 12 | values[1] << 8 | values[2] << 4 | values[3];
}

static void emit(void *ctx, const uint32_t *values, const double *u)
{
    (void)u;
    struct emitted *e = ctx;
    assert_true(e->count < 4096);
    e->id[e->count++] = outcome_id(values);
}

static int by_id(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* Every outcome with its rounded utilities, for the brute-force frontier. */
struct all {
    size_t count, n;
    uint64_t id[4096];
    double u[4096 * MAX_PARTIES];
};

static void collect(void *ctx, const uint32_t *values, const double *u)
{
    struct all *a = ctx;
    assert_true(a->count < 4096);
    a->id[a->count] = outcome_id(values);
    memcpy(&a->u[a->count * a->n], u, a->n * sizeof *u);
    a->count++;
}

/* The acceptable outcomes no acceptable outcome beats, ascending. */
static void brute_frontier(const struct tspace *t, struct emitted *out)
{
    static struct all a;
    a.count = 0;
    a.n = t->n;
    enumerate(t, collect, &a);
    out->count = 0;
    for (size_t c = 0; c < a.count; c++) {
        int ok = 1;
        for (size_t k = 0; k < t->n; k++)
            ok &= a.u[c * t->n + k] >= t->reservation[k];
        for (size_t d = 0; d < a.count && ok; d++) {
            int acceptable = 1;
            for (size_t k = 0; k < t->n; k++)
                acceptable &= a.u[d * t->n + k] >= t->reservation[k];
            ok = !(acceptable && dominates(&a.u[d * t->n], &a.u[c * t->n], t->n));
        }
        if (ok)
            out->id[out->count++] = a.id[c];
    }
}

/*
 * Issues of 8, 8, 8 and 2 values in which party 0 (and 2) rises with the value and party 1 (and 3) falls: no
 * partial sum beats another, so the merging keeps 8, 64, 512 and 1024 candidates, and the last two stages and the
 * final filter sort 512 keys or more.
 */
static void test_merge_refused(void **state)
{
    (void)state;
    static const uint32_t counts[] = {8, 8, 8, 2};
    static struct emitted reference, got;
    for (size_t n = 2; n <= 4; n++) {
        struct tspace t;
        tspace_init(&t, n, 4, counts, ANTICHAIN);
        set_reservations(&t, 0, 0, 0);
        tspace_bounds(&t);
        brute_frontier(&t, &reference);
        assert_int_equal(reference.count, 1024); /* every outcome: an antichain */
        int done = 0;
        for (long a = 1; a < MOST_ALLOCATIONS && !done; a++) {
            got.count = 0;
            exact_memory memory = {NULL, 0};
            failalloc_arm(a, 0);
            int rc = exact_merge_candidates(&t.s, emit, &got, a % 2 ? &memory : NULL);
            done = failalloc_disarm() == 0;
            exact_memory_free(&memory);
            if (!done) {
                if (rc != -1)
                    fail_msg("%zu parties: allocation %ld refused, the merging answered %d", n, a, rc);
                assert_int_equal(got.count, 0);
                continue;
            }
            assert_int_equal(rc, 0);
            assert_int_equal(got.count, reference.count);
            qsort(got.id, got.count, sizeof *got.id, by_id);
            assert_memory_equal(got.id, reference.id, got.count * sizeof *got.id);
        }
        assert_true(done);
        tspace_free(&t);
    }
}

/*
 * parley_analyze on the exact path (EXACT_ONLY, two threads): an additive scenario of three issues (5, 4 and 6
 * values), n parties of quarter values, reservations 0.3 and a red line of party 0 on issue 0 (constraint scopes:
 * a row per value of issue 0).  Each allocation refused in turn: PARLEY_ENOMEM saying "out of memory" and no
 * result, or the figures of the analysis that streamed without refusals (a refused worker runs on the caller).
 */
static parley_scenario *small_scenario(size_t n)
{
    static const uint32_t counts[] = {5, 4, 6};
    parley_space *s = parley_space_new();
    assert_non_null(s);
    for (size_t i = 0; i < 3; i++) {
        char name[8] = {'i', (char)('0' + i), 0};
        assert_int_equal(parley_space_add_integer(s, name, 0, counts[i] - 1, 1, NULL), PARLEY_OK);
    }
    parley_scenario *sc = parley_scenario_new(s);
    assert_non_null(sc);
    for (size_t k = 0; k < n; k++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        for (size_t i = 0; i < 3; i++) {
            assert_int_equal(parley_utility_set_weight(u, i, 1.0 / 3), PARLEY_OK);
            for (uint32_t v = 0; v < counts[i]; v++)
                assert_int_equal(parley_utility_set_value(u, i, v, (double)(rnd() % 5) / 4), PARLEY_OK);
        }
        assert_int_equal(parley_utility_set_reservation(u, 0.3), PARLEY_OK);
        char name[2] = {(char)('A' + k), 0};
        assert_int_equal(parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL), (long)k);
    }
    assert_int_equal(parley_scenario_add_constraint(sc, 0, "no two", "i0 != 2", NULL, NULL, NULL), PARLEY_OK);
    return sc;
}

/* A run with allocation a refused that failed: not the last refusal (done 0), PARLEY_ENOMEM, no result (got, NULL
   where the operation gives none) and a message naming the lack of memory; `what` (or NULL) heads the failure. */
static void expect_refused(int rc, int done, const void *got, const parley_error *err, const char *what, long a)
{
    assert_false(done);
    assert_int_equal(rc, PARLEY_ENOMEM);
    assert_null(got);
    if (strstr(err->message, "out of memory"))
        return;
    if (what)
        fail_msg("%s, allocation %ld refused: '%s'", what, a, err->message);
    fail_msg("allocation %ld refused: '%s'", a, err->message);
}

static void assert_same_figures(const parley_analysis *a, const parley_analysis *b, size_t issues)
{
    assert_int_equal(parley_analysis_outcomes(a), parley_analysis_outcomes(b));
    assert_int_equal(parley_analysis_feasible(a), parley_analysis_feasible(b));
    assert_int_equal(parley_analysis_acceptable(a), parley_analysis_acceptable(b));
    size_t n = parley_analysis_party_count(a);
    assert_int_equal(n, parley_analysis_party_count(b));
    for (size_t k = 0; k < n; k++)
        assert_int_equal(parley_analysis_party_acceptable(a, k), parley_analysis_party_acceptable(b, k));
    test_same_frontier(a, b, issues, n);
    for (size_t c = 0; c < parley_analysis_condition_count(a); c++)
        assert_int_equal(parley_analysis_condition_holds(a, c), parley_analysis_condition_holds(b, c));
    const uint64_t *ma, *mb;
    int ca, cb;
    size_t ka = parley_analysis_failure_masks(a, &ma, &ca), kb = parley_analysis_failure_masks(b, &mb, &cb);
    assert_int_equal(ka, kb);
    assert_int_equal(ca, cb);
    if (ka)
        assert_memory_equal(ma, mb, ka * parley_analysis_mask_words(a) * sizeof *ma);
}

/* parley_analyze with `options` (method and plot) against `reference`, each allocation refused in turn. */
static void analyze_refused(const parley_scenario *sc, const parley_analysis_options *options,
                            const parley_analysis *reference, const char *what)
{
    int done = 0;
    long refusals = 0;
    for (long a = 1; a < 4000 && !done; a++) {
        parley_error err;
        parley_error_clear(&err);
        parley_analysis *got = NULL;
        failalloc_arm(a, 0);
        int rc = parley_analyze(sc, options, &got, &err);
        long refused = failalloc_disarm();
        done = refused == 0;
        refusals += refused;
        if (rc != PARLEY_OK) {
            expect_refused(rc, done, got, &err, what, a);
            continue;
        }
        assert_int_equal(parley_analysis_merged(got), options->method == PARLEY_ANALYSIS_EXACT_ONLY);
        assert_same_figures(got, reference, 3);
        if (options->plot_bins) {
            size_t cells = (size_t)options->plot_bins * options->plot_bins;
            for (int acceptable = 0; acceptable < 2; acceptable++)
                assert_memory_equal(parley_analysis_density(got, 0, 1, acceptable),
                                    parley_analysis_density(reference, 0, 1, acceptable), cells * sizeof(uint64_t));
        }
        parley_analysis_free(got);
    }
    assert_true(done);
    print_message("%s: %ld allocations refused one by one\n", what, refusals);
    assert_true(refusals > 20);
}

static void test_analyze_exact_refused(void **state)
{
    (void)state;
    for (size_t n = 2; n <= 3; n++) {
        parley_scenario *sc = small_scenario(n);
        parley_analysis_options options;
        memset(&options, 0, sizeof options);
        options.threads = 2;
        options.method = PARLEY_ANALYSIS_STREAM;
        options.plot_bins = 8;
        parley_analysis *reference = NULL;
        assert_int_equal(parley_analyze(sc, &options, &reference, NULL), PARLEY_OK);
        assert_true(parley_analysis_frontier_count(reference) > 0);
        analyze_refused(sc, &options, reference, n == 2 ? "2 parties, a plot" : "3 parties, a plot");
        options.plot_bins = 0;
        options.method = PARLEY_ANALYSIS_EXACT_ONLY;
        analyze_refused(sc, &options, reference, n == 2 ? "2 parties, exact" : "3 parties, exact");
        parley_analysis_free(reference);
        parley_scenario_free(sc);
    }
}

static parley_analysis *analyse(const parley_scenario *sc, uint64_t first, uint64_t count)
{
    parley_analysis_options options;
    memset(&options, 0, sizeof options);
    options.threads = 1;
    options.method = PARLEY_ANALYSIS_STREAM;
    options.first = first;
    options.count = count;
    parley_analysis *a = NULL;
    assert_int_equal(parley_analyze(sc, &options, &a, NULL), PARLEY_OK);
    return a;
}

/*
 * parley_analysis_pack and parley_analysis_merge_packed (merge.c), each allocation refused in turn: the scenario
 * above with three parties and with two (a histogram of conditions), and one of 24 red lines (minimal failure
 * masks, merged as sets), in two parts split at the middle point of the frontier (seed 3 of the red lines: 8
 * minimal masks in the first part, 15 in the whole): PARLEY_ENOMEM saying "out of memory", or the whole's figures.
 */
static void test_pack_merge_refused(void **state)
{
    (void)state;
    parley_scenario *scenarios[3] = {small_scenario(3), many_red_lines_over(4, 24, 0, 3), small_scenario(2)};
    size_t issues[3] = {3, 4, 3};
    for (int s = 0; s < 3; s++) {
        parley_scenario *sc = scenarios[s];
        assert_non_null(sc);
        parley_analysis *whole = analyse(sc, 0, 0);
        /* split at the middle point of the whole's frontier: both halves hold some of it */
        uint64_t total = parley_analysis_outcomes(whole), half = 0;
        size_t points = parley_analysis_frontier_count(whole);
        assert_true(points >= 2);
        const uint32_t *middle = parley_analysis_frontier_outcome(whole, points / 2);
        for (size_t i = 0; i < issues[s]; i++)
            half = half * (s == 1 ? 6 : (uint64_t[]){5, 4, 6}[i]) + middle[i];
        parley_analysis *second = analyse(sc, half, total - half);
        void *buf = NULL;
        size_t len = 0;
        parley_error err;
        failalloc_arm(1, 0);
        assert_int_equal(parley_analysis_pack(second, &buf, &len, &err), PARLEY_ENOMEM);
        assert_true(failalloc_disarm() == 1);
        assert_string_equal(err.message, "out of memory");
        assert_int_equal(parley_analysis_pack(second, &buf, &len, &err), PARLEY_OK);
        int done = 0;
        long refusals = 0;
        for (long a = 1; a < 400 && !done; a++) {
            parley_analysis *into = analyse(sc, 0, half);
            parley_error_clear(&err);
            failalloc_arm(a, 0);
            int rc = parley_analysis_merge_packed(into, sc, buf, len, &err);
            long refused = failalloc_disarm();
            done = refused == 0;
            refusals += refused;
            if (rc != PARLEY_OK) {
                assert_false(done);
                assert_int_equal(rc, PARLEY_ENOMEM);
                assert_string_equal(err.message, "out of memory");
            } else {
                assert_same_figures(into, whole, issues[s]);
            }
            parley_analysis_free(into);
        }
        assert_true(done);
        print_message("scenario %d: merging refused %ld allocations one by one\n", s, refusals);
        assert_true(refusals >= 3);
        free(buf);
        parley_analysis_free(second);
        parley_analysis_free(whole);
        parley_scenario_free(sc);
    }
}

/* parley_texts_rank (compare.c) with each allocation refused: PARLEY_ENOMEM saying so, or the same ranking. */
static void test_texts_rank_refused(void **state)
{
    (void)state;
    static const uint32_t texts[5 * 3] = {0, 0, 0, 4, 3, 5, 2, 1, 3, 1, 2, 0, 3, 3, 3};
    parley_scenario *sc = small_scenario(2);
    parley_analysis_options options;
    memset(&options, 0, sizeof options);
    options.threads = 1;
    parley_text_rank reference[5], got[5];
    double best = 0, got_best = 0;
    assert_int_equal(parley_texts_rank(sc, texts, 5, PARLEY_SOLUTION_NASH, &options, reference, &best, NULL),
                     PARLEY_OK);
    int done = 0;
    for (long a = 1; a < 400 && !done; a++) {
        parley_error err;
        parley_error_clear(&err);
        failalloc_arm(a, 0);
        int rc = parley_texts_rank(sc, texts, 5, PARLEY_SOLUTION_NASH, &options, got, &got_best, &err);
        done = failalloc_disarm() == 0;
        if (rc != PARLEY_OK) {
            expect_refused(rc, done, NULL, &err, NULL, a);
            continue;
        }
        assert_true(got_best == best);
        for (size_t t = 0; t < 5; t++) {
            assert_int_equal(got[t].text, reference[t].text);
            assert_true(got[t].score == reference[t].score && got[t].shortfall == reference[t].shortfall);
            assert_int_equal(got[t].effect.acceptable_to_all, reference[t].effect.acceptable_to_all);
        }
    }
    assert_true(done);
    parley_scenario_free(sc);
}

/* The relaxations of a diagnosis: condition, change, zone and rule of each. */
static void assert_same_relaxations(const parley_diagnosis *a, const parley_diagnosis *b)
{
    size_t n = parley_diagnosis_relaxation_count(a);
    assert_int_equal(n, parley_diagnosis_relaxation_count(b));
    for (size_t i = 0; i < n; i++) {
        const parley_relaxation *x = parley_diagnosis_relaxation(a, i), *y = parley_diagnosis_relaxation(b, i);
        assert_int_equal(x->condition, y->condition);
        assert_int_equal(x->second, y->second);
        assert_int_equal(x->change, y->change);
        assert_int_equal(x->zone, y->zone);
        assert_true((x->rule == NULL) == (y->rule == NULL));
        if (x->rule)
            assert_string_equal(x->rule, y->rule);
    }
}

/*
 * parley_diagnose where a red line can be moved instead of dropped (tests/data/moves/thresholds.json: Buyer needs
 * subsidy >= 6, Seller subsidy <= 2): each allocation refused, PARLEY_ENOMEM saying so and no result, or the same
 * relaxations (the moves' rules included).
 */
static void test_diagnose_moves_refused(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(PARLEY_SOURCE_DIR "/tests/data/moves/thresholds.json");
    parley_analysis_options options;
    memset(&options, 0, sizeof options);
    options.threads = 1;
    parley_diagnosis *reference = NULL;
    assert_int_equal(parley_diagnose(sc, &options, &reference, NULL), PARLEY_OK);
    size_t moves = 0;
    for (size_t i = 0; i < parley_diagnosis_relaxation_count(reference); i++)
        moves += parley_diagnosis_relaxation(reference, i)->change == PARLEY_CHANGE_MOVE;
    assert_true(moves >= 2);
    int done = 0;
    for (long a = 1; a < 3000 && !done; a++) {
        parley_error err;
        parley_error_clear(&err);
        parley_diagnosis *got = NULL;
        failalloc_arm(a, 0);
        int rc = parley_diagnose(sc, &options, &got, &err);
        done = failalloc_disarm() == 0;
        if (rc != PARLEY_OK) {
            expect_refused(rc, done, got, &err, NULL, a);
            continue;
        }
        assert_same_relaxations(got, reference);
        parley_diagnosis_free(got);
    }
    assert_true(done);
    parley_diagnosis_free(reference);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filter_refused),
        cmocka_unit_test(test_merge_refused),
        cmocka_unit_test(test_analyze_exact_refused),
        cmocka_unit_test(test_pack_merge_refused),
        cmocka_unit_test(test_texts_rank_refused),
        cmocka_unit_test(test_diagnose_moves_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

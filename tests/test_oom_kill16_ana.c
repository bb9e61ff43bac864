/*
 * test_oom_kill16_ana.c: which message an analysis on the exact path gives when one allocation is refused (issue 27,
 * sixteenth session, helper ana; seed-28 survivor exact.c:194, the frontier's failure inside the exact run answered
 * as success).  parley_analyze (EXACT_ONLY, one thread) on 2 and 3 parties with a red line (the constraint scope's
 * rows merged one by one, each offering its candidates to the frontier), each allocation refused in turn (only that
 * one: tests/failalloc.c): every refusal fails with PARLEY_ENOMEM and no result, or the run succeeds with the
 * figures of the analysis that met none; the refusals inside the exact run (exact.c: rows, counts, merging and
 * the frontier they feed) say "out of memory in the exact analysis", and they are one unbroken run of allocation
 * numbers (but for those the run comes back from: three parties' frontier falls back to its plain list when its
 * index cannot grow), the setup's before them and the merging of the workers' results after them saying
 * something else.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "failalloc.h"
#include "test_util.h"

#define EXACT_MESSAGE "out of memory in the exact analysis"

/* Quarters over 3 issues (weights 1/4, 1/2, 1/4); the red line keeps i0 + i2 <= 4 of 5 + 5 values. */
static parley_scenario *scenario(size_t n)
{
    static const uint32_t counts[] = {5, 4, 5};
    static const double weights[] = {0.25, 0.5, 0.25};
    parley_scenario *sc = parley_scenario_new(test_integer_space(counts, 3));
    assert_non_null(sc);
    for (size_t k = 0; k < n; k++) {
        double ratings[3 * 5];
        for (size_t i = 0; i < 3; i++)
            for (uint32_t v = 0; v < counts[i]; v++)
                ratings[i * 5 + v] = (double)((v * (k + 1) + i + k) % 5) / 4;
        char name[2] = {(char)('A' + k), 0};
        assert_int_equal(test_add_party(sc, name, weights, ratings, 5, 0.25), (long)k);
    }
    assert_int_equal(parley_scenario_add_constraint(sc, 0, "sum", "i0 + i2 <= 4", NULL, NULL, NULL), PARLEY_OK);
    return sc;
}

static void test_exact_run_refusals(void **state)
{
    (void)state;
    for (size_t n = 2; n <= 3; n++) {
        parley_scenario *sc = scenario(n);
        parley_analysis_options options;
        memset(&options, 0, sizeof options);
        options.threads = 1;
        options.method = PARLEY_ANALYSIS_EXACT_ONLY;
        parley_analysis *reference = test_analyse_with(sc, &options);
        assert_true(parley_analysis_merged(reference));
        assert_true(parley_analysis_frontier_count(reference) > 1);
        /* per allocation refused: E the exact run's message, o another, k the analysis came back from it */
        static char seen[4000];
        long total = 0;
        for (long a = 1;; a++) {
            parley_error err;
            parley_error_clear(&err);
            parley_analysis *got = NULL;
            failalloc_arm(a, 0);
            int rc = parley_analyze(sc, &options, &got, &err);
            long refused = failalloc_disarm();
            if (refused == 0) {
                assert_int_equal(rc, PARLEY_OK);
                total = a - 1;
                parley_analysis_free(got);
                break;
            }
            assert_true(a < (long)sizeof seen);
            if (rc == PARLEY_OK) { /* a refusal the code came back from: the same figures */
                assert_int_equal(parley_analysis_acceptable(got), parley_analysis_acceptable(reference));
                test_same_frontier(got, reference, 3, n);
                parley_analysis_free(got);
                seen[a - 1] = 'k';
                continue;
            }
            assert_int_equal(rc, PARLEY_ENOMEM);
            assert_null(got);
            if (!strstr(err.message, "out of memory"))
                fail_msg("%zu parties, allocation %ld refused: '%s'", n, a, err.message);
            seen[a - 1] = strcmp(err.message, EXACT_MESSAGE) == 0 ? 'E' : 'o';
        }
        seen[total] = 0;
        const char *first = strchr(seen, 'E'), *last = strrchr(seen, 'E');
        assert_non_null(first);
        size_t run = (size_t)(last - first) + 1;
        print_message("%zu parties: %ld allocations, the exact run's %ld-%ld\n", n, total, (long)(first - seen) + 1,
                      (long)(last - seen) + 1);
        for (size_t i = 0; i < run; i++)
            if (first[i] == 'o')
                fail_msg("%zu parties: allocations refused (E: '%s', o: another message, k: none):\n%s", n,
                         EXACT_MESSAGE, seen);
        assert_true(run > 10);
        assert_true(first > seen); /* the setup's before */
        /* after the run, the result: two parties 4 allocations (the result's frontier, its utilities and outcome
           numbers, grown once as it holds fewer than 64 points; the sort's scratch; the outcomes), three parties 12
           (measured: the same with the index three parties keep over their frontier).  The refusals of the
           worker's frontier, fed at the end of the run, belong to the run. */
        assert_true(parley_analysis_frontier_count(reference) < 64);
        assert_int_equal(seen + total - 1 - last, n == 2 ? 4 : 12);
        parley_analysis_free(reference);
        parley_scenario_free(sc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_run_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

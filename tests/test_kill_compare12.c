/*
 * test_kill_compare12.c: candidate texts ranked and written (compare.c:
 * parley_texts_rank, parley_texts_write) with values worked out by hand
 * (issue 27): the unknown rule refused; texts acceptable to every party first,
 * by score; the others by shortfall, equal shortfalls in the order given; the
 * written ranking names a broken global constraint and says when no package is
 * acceptable to every party.
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

#include <parley/parley.h>

#include "grid_space.h"

/* x, y in 0..4: A values x / 4; B (4 - y) / 4, or with `opposed` (4 - x) / 4; reservations r; the global constraint
   x != 3. */
static parley_scenario *scenario(double r, int opposed)
{
    parley_space *s = NULL;
    parley_scenario *sc = grid_scenario_new(&s);
    for (int p = 0; p < 2; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        size_t own = p && !opposed ? 1 : 0;
        parley_utility_set_weight(u, own, 1);
        parley_utility_set_weight(u, 1 - own, 0);
        for (uint32_t v = 0; v < 5; v++) {
            parley_utility_set_value(u, own, v, p ? (4 - v) / 4.0 : v / 4.0);
            parley_utility_set_value(u, 1 - own, v, 0.5);
        }
        parley_utility_set_reservation(u, r);
        assert_true(parley_scenario_add_party(sc, p ? "B" : "A", PARLEY_ROLE_PARTY, u, NULL) >= 0);
    }
    assert_int_equal(parley_scenario_add_constraint(sc, -1, "not3", "x != 3", NULL, NULL, NULL), PARLEY_OK);
    return sc;
}

static char *written(const parley_scenario *sc, const uint32_t *texts, const char *const *names, size_t n,
                     const parley_text_rank *ranks, double best)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    assert_int_equal(parley_texts_write(sc, texts, names, n, ranks, PARLEY_SOLUTION_NASH, best, 0, out, NULL),
                     PARLEY_OK);
    fclose(out);
    return text;
}

static void test_ranking(void **state)
{
    (void)state;
    parley_scenario *sc = scenario(0.25, 0);
    /* A = x / 4, B = (4 - y) / 4: t0 (3, 1) breaks not3; t1 (0, 0) A 0: shortfall 1/4; t2 (2, 2) both 1/2, Nash
       (1/4)^2; t3 (4, 1) A 1, B 3/4, Nash 3/4 x 1/2; t4 (0, 0) again: shortfall 1/4, after t1 */
    static const uint32_t texts[] = {3, 1, 0, 0, 2, 2, 4, 1, 0, 0};
    static const char *const names[] = {"t0", "t1", "t2", "t3", "t4"};
    parley_text_rank ranks[5];
    double best;
    parley_error err;
    assert_int_equal(parley_texts_rank(sc, texts, 5, PARLEY_SOLUTION_COUNT, NULL, ranks, &best, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "unknown rule");
    assert_int_equal(parley_texts_rank(sc, texts, 5, PARLEY_SOLUTION_NASH, NULL, ranks, &best, &err), PARLEY_OK);
    /* the Nash package: x = 4, y = 0 (A 1, B 1): (3/4)^2 */
    assert_true(fabs(best - 0.5625) < 1e-9);
    static const size_t order[] = {3, 2, 0, 1, 4};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(ranks[i].text, order[i]);
    assert_true(fabs(ranks[0].score - 0.375) < 1e-9);
    assert_true(fabs(ranks[1].score - 0.0625) < 1e-9);
    assert_true(ranks[2].shortfall == 0 && !ranks[2].effect.acceptable_to_all); /* breaks not3 only */
    assert_true(ranks[3].shortfall == 0.25 && ranks[4].shortfall == 0.25);
    char *text = written(sc, texts, names, 5, ranks, best);
    assert_non_null(strstr(text, "5 candidate texts ranked by the nash rule (the nash package scores 0.5625):\n"));
    /* a package outside the space's constraints: every party rejects it */
    assert_non_null(strstr(text, "\n  3. t0: not acceptable to every party; breaks the constraint 'not3'; A would "
                                 "reject it; B would reject it\n"));
    assert_non_null(strstr(text, "\n  4. t1: not acceptable to every party; A would reject it; largest shortfall "
                                 "below a reservation value 0.2500\n"));
    assert_non_null(strstr(text, "\n  1. t3: acceptable to every party; nash 0.3750 (66.7% of the nash package's)\n"));
    free(text);
    parley_scenario_free(sc);
}

/* A wants x high, B low, both at least 0.9: no package is acceptable to every party. */
static void test_nothing_acceptable(void **state)
{
    (void)state;
    parley_scenario *sc = scenario(0.9, 1);
    static const uint32_t texts[] = {2, 2};
    static const char *const names[] = {"middle"};
    parley_text_rank ranks[1];
    double best = 0;
    assert_int_equal(parley_texts_rank(sc, texts, 1, PARLEY_SOLUTION_NASH, NULL, ranks, &best, NULL), PARLEY_OK);
    assert_true(best == -INFINITY);
    char *text = written(sc, texts, names, 1, ranks, best);
    assert_non_null(strstr(text, "1 candidate text ranked by the nash rule (no package is acceptable to every "
                                 "party):\n"));
    free(text);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranking),
        cmocka_unit_test(test_nothing_acceptable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

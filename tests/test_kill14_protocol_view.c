/*
 * test_kill14_protocol_view.c: a view's neighbours of a target
 * (parley_view_outcome_around, view.c) when the last answer is reused (issue
 * 27: the reuse was run by no test, so a slip in its interval went unseen).
 * The last answer holds for thresholds t = target - 1e-12 in (down_u, up_u];
 * at t == down_u the package worth down_u is itself the first at least t, so
 * the answer moves down.  P0 of agent_probe.h's 5 x 5 scenario is worth
 * (x + y) / 8, every utility exact; its packages sorted by (utility, number),
 * number 5x + y, are listed independently (package_reference.h).  A script
 * agent asks, at its first move, in turn: 0.45 (t between 3/8 and 1/2), 1/2 +
 * 1e-12 (t = 1/2 exactly, the top of the interval: reused), 0.42 (inside:
 * reused), 3/8 + 1e-12 (t = 3/8, the bottom: not reused), 1/2 + 1e-12 again;
 * each answer must be the list's.  Then -1 (below every package: only the
 * package above, (0,0) worth 0; the answer's bits 2) and 2 (above every
 * package: only the one below, (4,4) worth 1; bits 1).  The same move asks for
 * the runs and ties of NaN: none (-1 and 0).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>

#pragma GCC diagnostic ignored "-Wunused-function" /* part of the probe helpers */
#include "agent_probe.h"
#include "package_reference.h"

#define ASKS 5
static const double targets[ASKS] = {0.45, 0.5 + 1e-12, 0.42, 0.375 + 1e-12, 0.5 + 1e-12};

static struct {
    int found[ASKS];
    double below_u[ASKS], above_u[ASKS];
    uint32_t below[ASKS][2], above[ASKS][2];
    int found_low, found_high;
    double low_u, high_u;
    uint32_t low[2], high[2];
    int levels_nan;
    long ties_nan;
    int asked;
} seen;

static void ask(parley_agent_view *v, long move)
{
    if (move != 0 || parley_view_party(v) != 0)
        return;
    seen.asked = 1;
    for (size_t k = 0; k < ASKS; k++)
        seen.found[k] = parley_view_outcome_around(v, targets[k], seen.below[k], &seen.below_u[k], seen.above[k],
                                                   &seen.above_u[k]);
    seen.found_low = parley_view_outcome_around(v, -1, NULL, NULL, seen.low, &seen.low_u);
    seen.found_high = parley_view_outcome_around(v, 2, seen.high, &seen.high_u, NULL, NULL);
    parley_outcome_level below, at, above;
    seen.levels_nan = parley_view_outcome_levels(v, NAN, &below, &at, &above);
    seen.ties_nan = parley_view_outcome_ties(v, NAN, NULL, 0);
}

static void test_reused_neighbours(void **state)
{
    (void)state;
    parley_scenario *sc = probe_opposed_linear(2, 4);
    assert_non_null(sc);
    size_t n;
    struct package_entry *list = package_reference_list(sc, &n);
    assert_int_equal(n, 25);
    uint32_t none[2] = {0, 0};
    script_set(2, 1, none);
    script_hook = ask;
    parley_negotiation *neg = probe_negotiation(sc, 2, 1, &script_agent, "", parley_agent_builtin("conceder"), "");
    probe_run(neg);
    parley_negotiation_free(neg);
    script_hook = NULL;
    assert_true(seen.asked);
    for (size_t k = 0; k < ASKS; k++) {
        double t = targets[k] - 1e-12;
        size_t first = 0;
        while (first < n && list[first].u < t)
            first++;
        assert_true(first > 0 && first < n); /* both neighbours exist */
        assert_int_equal(seen.found[k], 3);
        const struct package_entry *down = &list[first - 1], *up = &list[first];
        if (seen.below_u[k] != down->u || seen.below[k][0] * 5 + seen.below[k][1] != down->id ||
            seen.above_u[k] != up->u || seen.above[k][0] * 5 + seen.above[k][1] != up->id)
            fail_msg("target %.17g: (%g, %u %u) and (%g, %u %u); the list: (%g, #%llu) and (%g, #%llu)", targets[k],
                     seen.below_u[k], seen.below[k][0], seen.below[k][1], seen.above_u[k], seen.above[k][0],
                     seen.above[k][1], down->u, (unsigned long long)down->id, up->u, (unsigned long long)up->id);
    }
    /* by hand, the fourth ask: (2,0) worth 1/4 below, (0,3) worth 3/8 above */
    assert_true(seen.below_u[3] == 0.25 && seen.below[3][0] == 2 && seen.below[3][1] == 0);
    assert_true(seen.above_u[3] == 0.375 && seen.above[3][0] == 0 && seen.above[3][1] == 3);
    assert_int_equal(seen.found_low, 2);
    assert_true(seen.low_u == 0 && seen.low[0] == 0 && seen.low[1] == 0);
    assert_int_equal(seen.found_high, 1);
    assert_true(seen.high_u == 1 && seen.high[0] == 4 && seen.high[1] == 4);
    assert_int_equal(seen.levels_nan, -1);
    assert_int_equal(seen.ties_nan, 0);
    free(list);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reused_neighbours),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill15_gmcr_floors.c: SIM and SEQ+SIM stability with and without the floor tables (gmcr_sim.c builds them
 * only while the decision makers' pairs times 2^options stay within 2^24 entries; beyond, every improvement is
 * searched).  The tables only shorten the search, so the answers must not change.  Elmira (3 decision makers, 5
 * options, 12 feasible states) is analysed as it is (6 * 2^5 entries: floors) and with 17 more options of the
 * local government's that no feasible state takes (each infeasible when taken: the same states, moves and preferences,
 * but 6 * 2^22 entries, past the limit: no floors); every state's stability for every decision maker under
 * every notion must be the same, and the equilibria those of Elmira's analysis (gmcr.golden) in both.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <parley/parley.h>

/* Elmira with `dummies` options of the local government's that are never taken (after its own: the codes of
   the states stay the same). */
static parley_gmcr_model *elmira(int dummies)
{
    char text[8192], opts[2048] = "", infeasible[2048] = "";
    size_t lo = 0, li = 0;
    for (int d = 0; d < dummies; d++) {
        lo += (size_t)snprintf(opts + lo, sizeof opts - lo, ", \"d%d\"", d + 1);
        li += (size_t)snprintf(infeasible + li, sizeof infeasible - li, ", \"d%d\"", d + 1);
    }
    snprintf(text, sizeof text,
             "{\"decision_makers\": ["
             "{\"name\": \"MoE\", \"options\": [{\"id\": \"modify\", \"reversibility\": \"forward\"}],"
             " \"ranking\": [20, 4, 5, 21, 18, 2, 3, 19, [8, 9, 24, 25]]},"
             "{\"name\": \"UR\", \"options\": [{\"id\": \"delay\", \"reversibility\": \"backward\"}, \"accept\","
             " {\"id\": \"abandon\", \"reversibility\": \"forward\"}],"
             " \"ranking\": [2, 5, 21, 18, [8, 9, 24, 25], 3, 4, 20, 19]},"
             "{\"name\": \"LG\", \"options\": [\"insist\"%s], \"ranking\": [20, 4, 18, 2, 21, 19, 5, 3, [8, 9, 24, 25]]}],"
             " \"infeasible\": [{\"exactly_one\": [\"delay\", \"accept\", \"abandon\"]}%s], \"status_quo\": 2}",
             opts, infeasible);
    parley_gmcr_model *m = NULL;
    parley_error err;
    if (parley_gmcr_model_parse(text, strlen(text), "elmira.json", &m, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return m;
}

static void test_floors_do_not_change_stability(void **state)
{
    (void)state;
    parley_gmcr_model *small = elmira(0), *wide = elmira(17);
    assert_int_equal(parley_gmcr_model_option_count(wide), 22);
    assert_int_equal(parley_gmcr_model_state_count(small), 12);
    assert_int_equal(parley_gmcr_model_state_count(wide), 12);
    parley_gmcr_options o = {.notions = 0, .threads = 1};
    parley_gmcr_result *a = NULL, *b = NULL;
    parley_error err;
    assert_int_equal(parley_gmcr_analyze(small, &o, &a, &err), PARLEY_OK);
    assert_int_equal(parley_gmcr_analyze(wide, &o, &b, &err), PARLEY_OK);
    for (size_t s = 0; s < 12; s++) {
        uint32_t code = parley_gmcr_model_state_code(small, s);
        long t = parley_gmcr_model_state_index(wide, code);
        assert_true(t >= 0);
        for (size_t dm = 0; dm < 3; dm++)
            if (parley_gmcr_result_stable(a, s, dm) != parley_gmcr_result_stable(b, (size_t)t, dm))
                fail_msg("state %u, decision maker %zu: %#x with floors, %#x without", code, dm,
                         parley_gmcr_result_stable(a, s, dm), parley_gmcr_result_stable(b, (size_t)t, dm));
    }
    /* Elmira's equilibria (gmcr.golden, elmira-text): Nash, SEQ, SIM and SEQ+SIM 6 (8, 9, 18, 21, 24, 25), GMR and
       SMR 8 (also 2 and 5) */
    static const size_t counts[6] = {6, 8, 8, 6, 6, 6};
    for (int k = 0; k < 6; k++) {
        parley_gmcr_notion n = (parley_gmcr_notion)(1u << k);
        assert_int_equal(parley_gmcr_result_equilibrium_count(a, n), counts[k]);
        assert_int_equal(parley_gmcr_result_equilibrium_count(b, n), counts[k]);
    }
    parley_gmcr_result_free(a);
    parley_gmcr_result_free(b);
    parley_gmcr_model_free(small);
    parley_gmcr_model_free(wide);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_floors_do_not_change_stability),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

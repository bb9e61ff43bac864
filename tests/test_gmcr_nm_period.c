/*
 * test_gmcr_nm_period.c: non-myopic stability where the anticipations do not settle (period 4), against
 * anticipations worked out by hand from the definition (gmcr_foresight.c's header).
 *
 * Two DMs with one option each: A toggles bit 0 of the state code, B bit 1.  A ranks the states 2 > 1 > 0 > 3,
 * B ranks them 0 > 1 > 3 > 2.  G_h(k, s), the state play ends in when k moves first at s with h moves left,
 * written [s=0, 1, 2, 3]:
 *   h   G_h(A)       L_h stable for A   G_h(B)       L_h stable for B
 *   1   [1,1,2,2]    {1,2}              [0,1,0,1]    {0,1}
 *   2   [1,1,2,0]    {1,2}              [0,1,1,1]    {0,1}
 *   3   [1,1,2,1]    {1,2}              [0,0,1,1]    {0}
 *   4   [0,1,2,1]    {0,1,2}            [0,1,1,1]    {0,1}
 *   5   [1,1,2,1]    {1,2}              [0,1,0,1]    {0,1}
 *   6   [1,1,2,0]    {1,2}              [0,1,1,1]    {0,1}
 *   7   [1,1,2,1]    {1,2}              [0,0,1,1]    {0}      (G_6(B) = G_4(B) and G_6(A) = G_2(A): as h 3)
 * so from h = 3 the anticipations repeat with period 4, and a state is NM stable for a DM when it is L_h stable
 * at every h of the cycle: A at {1, 2}, B at {0}; no state is an NM equilibrium.  (Taking the stability of one
 * step of the cycle instead, h = 4, would make 0 and 1 equilibria.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <parley/parley.h>
#include <string.h>

static const char model_text[] =
    "{\"decision_makers\": [{\"name\": \"A\", \"options\": [\"a\"], \"ranking\": [2, 1, 0, 3]},"
    " {\"name\": \"B\", \"options\": [\"b\"], \"ranking\": [0, 1, 3, 2]}]}";

static parley_gmcr_result *analyze(const parley_gmcr_model *m, unsigned notions, unsigned horizon)
{
    parley_gmcr_options o;
    memset(&o, 0, sizeof o);
    o.notions = notions;
    o.threads = 1;
    o.horizon = horizon;
    parley_gmcr_result *r = NULL;
    parley_error err;
    if (parley_gmcr_analyze(m, &o, &r, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return r;
}

/* The index of the state with code `code`. */
static size_t state_of(const parley_gmcr_model *m, uint32_t code)
{
    for (size_t s = 0; s < parley_gmcr_model_state_count(m); s++)
        if (parley_gmcr_model_state_code(m, s) == code)
            return s;
    fail_msg("no state %u", code);
    return 0;
}

/* Bit `code` set when that state is stable for `dm` under `notion`. */
static unsigned stable_set(const parley_gmcr_model *m, const parley_gmcr_result *r, size_t dm, unsigned notion)
{
    unsigned set = 0;
    for (uint32_t code = 0; code < 4; code++)
        if (parley_gmcr_result_stable(r, state_of(m, code), dm) & notion)
            set |= 1u << code;
    return set;
}

static void limited_move_by_hand(void **state)
{
    (void)state;
    parley_gmcr_model *m = NULL;
    assert_int_equal(parley_gmcr_model_parse(model_text, strlen(model_text), "cycle", &m, NULL), PARLEY_OK);
    assert_int_equal(parley_gmcr_model_state_count(m), 4);
    /* {1,2} = 0x6, {0,1,2} = 0x7, {0,1} = 0x3, {0} = 0x1 */
    static const unsigned for_a[] = {0, 0x6, 0x6, 0x6, 0x7, 0x6, 0x6, 0x6, 0x7};
    static const unsigned for_b[] = {0, 0x3, 0x3, 0x1, 0x3, 0x3, 0x3, 0x1, 0x3};
    for (unsigned h = 1; h <= 8; h++) {
        parley_gmcr_result *r = analyze(m, PARLEY_GMCR_LH, h);
        assert_int_equal(stable_set(m, r, 0, PARLEY_GMCR_LH), for_a[h]);
        assert_int_equal(stable_set(m, r, 1, PARLEY_GMCR_LH), for_b[h]);
        parley_gmcr_result_free(r);
    }
    parley_gmcr_model_free(m);
}

static void non_myopic_over_a_cycle_of_four(void **state)
{
    (void)state;
    parley_gmcr_model *m = NULL;
    assert_int_equal(parley_gmcr_model_parse(model_text, strlen(model_text), "cycle", &m, NULL), PARLEY_OK);
    parley_gmcr_result *r = analyze(m, PARLEY_GMCR_NASH | PARLEY_GMCR_NM, 0);
    assert_int_equal(parley_gmcr_result_nm_period(r), 4);
    assert_int_equal(stable_set(m, r, 0, PARLEY_GMCR_NM), 0x6); /* A: {1, 2} */
    assert_int_equal(stable_set(m, r, 1, PARLEY_GMCR_NM), 0x1); /* B: {0} */
    assert_int_equal(parley_gmcr_result_equilibrium_count(r, PARLEY_GMCR_NM), 0);
    /* Nash (L_1) is untouched: A at {1, 2}, B at {0, 1}, state 1 a Nash equilibrium */
    assert_int_equal(stable_set(m, r, 0, PARLEY_GMCR_NASH), 0x6);
    assert_int_equal(stable_set(m, r, 1, PARLEY_GMCR_NASH), 0x3);
    assert_int_equal(parley_gmcr_result_equilibrium_count(r, PARLEY_GMCR_NASH), 1);
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
}

/*
 * A larger model (8 states) whose anticipations also cycle with period 4, chosen so that no single step of the
 * cycle has the stability of the whole cycle: NM must be the intersection of L_h over the four steps, which the
 * limited-move analysis gives independently (it simply iterates h times), here at h = 40..43.
 */
static void non_myopic_is_the_intersection_over_the_cycle(void **state)
{
    (void)state;
    static const char text[] =
        "{\"decision_makers\": [{\"name\": \"A\", \"options\": [\"a\"], \"ranking\": [6, 5, 3, 0, 7, 2, 1, 4]},"
        " {\"name\": \"B\", \"options\": [\"b\", \"c\"], \"ranking\": [1, 7, 0, 6, 3, 4, 5, 2]}]}";
    parley_gmcr_model *m = NULL;
    assert_int_equal(parley_gmcr_model_parse(text, strlen(text), "cycle8", &m, NULL), PARLEY_OK);
    size_t n = parley_gmcr_model_state_count(m);
    assert_int_equal(n, 8);
    parley_gmcr_result *nm = analyze(m, PARLEY_GMCR_NM, 0);
    assert_int_equal(parley_gmcr_result_nm_period(nm), 4);
    unsigned char every[8][2];
    memset(every, 1, sizeof every);
    for (unsigned h = 40; h < 44; h++) {
        parley_gmcr_result *lh = analyze(m, PARLEY_GMCR_LH, h);
        int same = 1;
        for (size_t s = 0; s < n; s++)
            for (size_t k = 0; k < 2; k++) {
                int at_h = !!(parley_gmcr_result_stable(lh, s, k) & PARLEY_GMCR_LH);
                every[s][k] &= (unsigned char)at_h;
                same &= at_h == !!(parley_gmcr_result_stable(nm, s, k) & PARLEY_GMCR_NM);
            }
        assert_false(same); /* this step alone is not the cycle's stability */
        parley_gmcr_result_free(lh);
    }
    for (size_t s = 0; s < n; s++)
        for (size_t k = 0; k < 2; k++)
            assert_int_equal(!!(parley_gmcr_result_stable(nm, s, k) & PARLEY_GMCR_NM), every[s][k]);
    parley_gmcr_result_free(nm);
    parley_gmcr_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(limited_move_by_hand),
        cmocka_unit_test(non_myopic_over_a_cycle_of_four),
        cmocka_unit_test(non_myopic_is_the_intersection_over_the_cycle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

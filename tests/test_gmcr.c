/*
 * test_gmcr.c: stability tables of published graph models, compared state by
 * state: the prisoner's dilemma, chicken, the Elmira groundwater conflict and
 * the Garrison Diversion Unit conflict; status quo and coalition moves in Elmira.
 * Every expected value is from the literature or derived by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <parley/gmcr.h>

#define R PARLEY_GMCR_NASH
#define G PARLEY_GMCR_GMR
#define S PARLEY_GMCR_SMR
#define Q PARLEY_GMCR_SEQ
#define ALL (R | G | S | Q)

static parley_gmcr_model *load(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/gmcr/%s", PARLEY_SOURCE_DIR, name);
    parley_gmcr_model *m = NULL;
    parley_error err;
    parley_error_clear(&err);
    int rc = parley_gmcr_model_load(path, &m, &err);
    if (rc != PARLEY_OK) {
        char buf[1024];
        print_error("%s\n", parley_error_format(&err, buf, sizeof buf));
    }
    assert_int_equal(rc, PARLEY_OK);
    return m;
}

static parley_gmcr_result *analyze(const parley_gmcr_model *m, unsigned threads)
{
    parley_gmcr_options o = {.notions = ALL, .threads = threads};
    parley_gmcr_result *r = NULL;
    assert_int_equal(parley_gmcr_analyze(m, &o, &r, NULL), PARLEY_OK);
    return r;
}

/* Flags of state `code` for `dm`. */
static unsigned stable_at(const parley_gmcr_model *m, const parley_gmcr_result *r, uint32_t code, size_t dm)
{
    long s = parley_gmcr_model_state_index(m, code);
    assert_true(s >= 0);
    return parley_gmcr_result_stable(r, (size_t)s, dm);
}

static unsigned eq_at(const parley_gmcr_model *m, const parley_gmcr_result *r, uint32_t code)
{
    long s = parley_gmcr_model_state_index(m, code);
    assert_true(s >= 0);
    return parley_gmcr_result_equilibrium(r, (size_t)s);
}

/*
 * Prisoner's dilemma (Fang, Hipel and Kilgour 1993): states 0 = both cooperate,
 * 1 = only A defects, 2 = only B defects, 3 = both defect.  Mutual defection is
 * the only Nash equilibrium; mutual cooperation is GMR, SMR and SEQ stable
 * because A's defection (0 -> 1) is answered by B defecting (1 -> 3), which is
 * worse for A than 0, an improvement for B, and from 3 A can only go to 2.
 */
static void test_prisoners_dilemma(void **state)
{
    (void)state;
    parley_gmcr_model *m = load("prisoners-dilemma.json");
    assert_int_equal(parley_gmcr_model_state_count(m), 4);
    for (unsigned threads = 1; threads <= 2; threads++) {
        parley_gmcr_result *r = analyze(m, threads);
        static const unsigned expect[4][2] = {{G | S | Q, G | S | Q}, {ALL, 0}, {0, ALL}, {ALL, ALL}};
        for (uint32_t c = 0; c < 4; c++)
            for (size_t dm = 0; dm < 2; dm++)
                assert_int_equal(stable_at(m, r, c, dm), expect[c][dm]);
        assert_int_equal(eq_at(m, r, 0), G | S | Q);
        assert_int_equal(eq_at(m, r, 3), ALL);
        assert_int_equal(parley_gmcr_result_equilibrium_count(r, PARLEY_GMCR_NASH), 1);
        assert_int_equal(parley_gmcr_result_equilibrium_count(r, PARLEY_GMCR_SEQ), 2);
        parley_gmcr_result_free(r);
    }
    parley_gmcr_model_free(m);
}

/*
 * Chicken: 0 both swerve, 1 only A dares, 2 only B dares, 3 both dare (crash).
 * Nash equilibria: 1 and 2.  State 0 is GMR and SMR stable (A daring is met by B
 * daring: the crash) but not SEQ, since daring from 1 is no improvement for B.
 * State 3 is unstable for both: swerving cannot be sanctioned.
 */
static void test_chicken(void **state)
{
    (void)state;
    parley_gmcr_model *m = load("chicken.json");
    parley_gmcr_result *r = analyze(m, 2);
    static const unsigned expect[4][2] = {{G | S, G | S}, {ALL, ALL}, {ALL, ALL}, {0, 0}};
    for (uint32_t c = 0; c < 4; c++)
        for (size_t dm = 0; dm < 2; dm++)
            assert_int_equal(stable_at(m, r, c, dm), expect[c][dm]);
    assert_int_equal(eq_at(m, r, 0), G | S);
    assert_int_equal(eq_at(m, r, 1), ALL);
    assert_int_equal(eq_at(m, r, 2), ALL);
    assert_int_equal(eq_at(m, r, 3), 0);
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
}

/*
 * Elmira (Hipel, Kilgour, Fang and Peng 1997).  Published states 1..8 are the
 * codes below; published state 9 (Uniroyal abandons) is the four codes 8, 9,
 * 24, 25, tied in every ranking.  Derivation by hand from the moves
 *   MoE: 1->2, 3->4, 5->6, 7->8 (modifying is irreversible)
 *   UR:  1->3, 2->4, 5->7, 6->8 (stop delaying, accept), delay or accept -> 9
 *   LG:  1<->5, 2<->6, 3<->7, 4<->8
 * and the rankings in examples/gmcr/elmira.json:
 *   MoE is Nash stable everywhere (its only move, modifying, always hurts it).
 *   UR: stable at 1, 4, 5, 8, 9 under every notion; at 2, 3, 6, 7 its
 *     improvement (to 4, 9, 8, 9) cannot be sanctioned: LG can only toggle 4<->8,
 *     both better for UR, and nobody can bring UR back from 9.
 *   LG: Nash stable at 5..9; at 1, 2, 3, 4 its improvement (to 5, 6, 7, 8) is
 *     sanctioned (e.g. 5 -> 6 by MoE, worse for LG than 1), so GMR and SMR; SEQ
 *     only at 2 and 3 where UR's sanction to 9 is an improvement for UR; at 1 and
 *     4 nobody gains by sanctioning.
 * Equilibria: Nash and SEQ {5, 8, 9}; GMR and SMR {1, 4, 5, 8, 9}, as published.
 */
static void test_elmira(void **state)
{
    (void)state;
    parley_gmcr_model *m = load("elmira.json");
    assert_int_equal(parley_gmcr_model_state_count(m), 12);
    assert_int_equal(parley_gmcr_model_dm_count(m), 3);
    static const uint32_t pub[9][4] = {{2}, {3}, {4}, {5}, {18}, {19}, {20}, {21}, {8, 9, 24, 25}};
    /* per published state: MoE, UR, LG, equilibrium */
    static const unsigned expect[9][4] = {
        {ALL, ALL, G | S, G | S},             /* 1 */
        {ALL, 0, G | S | Q, 0},               /* 2 */
        {ALL, 0, G | S | Q, 0},               /* 3 */
        {ALL, ALL, G | S, G | S},             /* 4 */
        {ALL, ALL, ALL, ALL},                 /* 5 */
        {ALL, 0, ALL, 0},                     /* 6 */
        {ALL, 0, ALL, 0},                     /* 7 */
        {ALL, ALL, ALL, ALL},                 /* 8 */
        {ALL, ALL, ALL, ALL},                 /* 9 */
    };
    for (unsigned threads = 1; threads <= 2; threads++) {
        parley_gmcr_result *r = analyze(m, threads);
        for (int p = 0; p < 9; p++)
            for (int k = 0; k < 4 && (k == 0 || pub[p][k]); k++) {
                uint32_t code = pub[p][k];
                for (size_t dm = 0; dm < 3; dm++)
                    assert_int_equal(stable_at(m, r, code, dm), expect[p][dm]);
                assert_int_equal(eq_at(m, r, code), expect[p][3]);
            }
        parley_gmcr_result_free(r);
    }
    parley_gmcr_model_free(m);
}

/*
 * Elmira status quo: from published state 1 (code 2) the only unilateral
 * improvement is LG insisting (-> 5, code 18); from 5 nobody improves alone.
 * But from 5 the coalition {MoE, UR} improves to 8 (code 21: MoE modifies, UR
 * accepts): MoE ranks 8 above 5 and so does UR; the other states MoE and UR can
 * reach together (6, 7, 9) are worse for one of them.  This is the published
 * resolution 1 -> 5 -> 8.
 */
static void test_elmira_status_quo(void **state)
{
    (void)state;
    parley_gmcr_model *m = load("elmira.json");
    uint32_t sq = 0;
    assert_int_equal(parley_gmcr_model_status_quo(m, &sq), 1);
    assert_int_equal(sq, 2);
    parley_gmcr_paths *p = NULL;
    assert_int_equal(parley_gmcr_paths_from(m, 2, &p, NULL), PARLEY_OK);
    assert_int_equal(parley_gmcr_paths_count(p), 2);
    uint32_t code;
    size_t depth;
    long parent;
    int mover;
    assert_int_equal(parley_gmcr_paths_entry(p, 1, &code, &depth, &parent, &mover), PARLEY_OK);
    assert_int_equal(code, 18);
    assert_int_equal(depth, 1);
    assert_int_equal(parent, 0);
    assert_int_equal(mover, 2); /* LG */
    assert_int_equal(parley_gmcr_paths_entry(p, 2, NULL, NULL, NULL, NULL), PARLEY_EINVAL);
    parley_gmcr_paths_free(p);

    assert_int_equal(parley_gmcr_paths_from(m, 18, &p, NULL), PARLEY_OK);
    assert_int_equal(parley_gmcr_paths_count(p), 1);
    parley_gmcr_paths_free(p);

    uint32_t *codes = NULL;
    size_t n = 0;
    assert_int_equal(parley_gmcr_coalition_improvements(m, 18, 0x3, &codes, &n, NULL), PARLEY_OK);
    assert_int_equal(n, 1);
    assert_int_equal(codes[0], 21);
    free(codes);
    /* {UR, LG} from 5: UR only likes 8 (code 21) better, which LG ranks below 5. */
    assert_int_equal(parley_gmcr_coalition_improvements(m, 18, 0x6, &codes, &n, NULL), PARLEY_OK);
    assert_int_equal(n, 0);
    assert_null(codes);
    assert_int_equal(parley_gmcr_coalition_improvements(m, 7, 0x3, &codes, &n, NULL), PARLEY_EINVAL);
    assert_int_equal(parley_gmcr_coalition_improvements(m, 18, 0x8, &codes, &n, NULL), PARLEY_EINVAL);
    parley_gmcr_model_free(m);
}

/*
 * Garrison Diversion Unit: 4 DMs, 9 options, 23 feasible states (Fang, Hipel and
 * Kilgour 1993; the feasible codes are those listed by gmcr-py).  Nash stability
 * of US Support at the first 16 states as reported by gmcr-py (one-step facts
 * that every definition agrees on).  Where a sanction needs two moves by two
 * different opponents, derived by hand:
 *   42 -> 41 (US Support's improvement) is sanctioned by Canadian Opposition
 *   (41 -> 57) then the IJC (57 -> 89); 89 is below 42 for US Support.  So 42 is
 *   GMR stable for US Support (gmcr-py, looking one move ahead, says unstable).
 *   68 -> 66 is sanctioned by Canadian Opposition (66 -> 82) then the IJC
 *   (82 -> 146), 146 below 68: GMR stable too.  Neither is SEQ stable: from 41
 *   and 66 no opponent's improvement leads below.
 */
static void test_garrison(void **state)
{
    (void)state;
    parley_gmcr_model *m = load("garrison.json");
    static const uint32_t feasible[23] = {34,  36,  41,  42,  50,  52,  57,  58,  66,  68,  74, 82,
                                          84,  89,  90,  146, 148, 153, 154, 274, 276, 281, 282};
    assert_int_equal(parley_gmcr_model_state_count(m), 23);
    for (size_t k = 0; k < 23; k++)
        assert_int_equal(parley_gmcr_model_state_code(m, k), feasible[k]);
    parley_gmcr_result *r = analyze(m, 2);
    static const uint32_t nash[] = {34, 36, 41, 50, 52, 57, 66, 74, 82, 90};
    static const uint32_t not_nash[] = {42, 58, 68, 84, 89, 146};
    for (size_t k = 0; k < sizeof nash / sizeof nash[0]; k++)
        assert_true(stable_at(m, r, nash[k], 0) & R);
    for (size_t k = 0; k < sizeof not_nash / sizeof not_nash[0]; k++)
        assert_false(stable_at(m, r, not_nash[k], 0) & R);
    /* gmcr-py: GMR and SMR stable by a one-move sanction, not SEQ */
    assert_int_equal(stable_at(m, r, 58, 0), G | S);
    assert_int_equal(stable_at(m, r, 84, 0), G | S);
    assert_int_equal(stable_at(m, r, 89, 0), G | S);
    /* by hand: two-move sanctions */
    assert_int_equal(stable_at(m, r, 42, 0), G | S);
    assert_int_equal(stable_at(m, r, 68, 0), G | S);
    /* the IJC is indifferent: never an improvement, so stable everywhere */
    for (size_t k = 0; k < 23; k++)
        assert_int_equal(stable_at(m, r, feasible[k], 3), ALL);
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
}

/*
 * The GMR sanction rule, on a model made for it.  A controls option a (code
 * 1), B option b (code 2); every move is reversible.  A ranks 1 > 0 = 3 > 2
 * (0 and 3 tied), B ranks 0 > 1 > 2 > 3.
 *  State 0: A's improvement 0 -> 1 is met by B's move 1 -> 3, which leaves A
 *    at 3, tied with 0: a sanction counts when the result is not better than
 *    the start (p(s2) <= p(s), ties included), so GMR stable for A; SMR too (A's
 *    counter-move 3 -> 2 is worse still).  B's move 1 -> 3 is no improvement
 *    for B (3 is its worst), yet GMR counts it: a sanction need not pay the
 *    sanctioner; SEQ, which needs it to, is unstable.  B has no improvement.
 *  State 1: A's only move 1 -> 0 and B's 1 -> 3 are both worse: stable for both.
 *  State 2: A improves 2 -> 3, B's reply 3 -> 1 helps A: unstable for A; B
 *    improves 2 -> 0, A's reply 0 -> 1 leaves B at 1, better than 2: unstable.
 *  State 3: A has no improvement; B improves 3 -> 1, A's reply 1 -> 0 helps B.
 * Equilibria: Nash and SEQ {1}; GMR and SMR {0, 1}.
 */
static const char sanction_model[] =
    "{\"name\": \"sanction\", \"decision_makers\": ["
    " {\"name\": \"A\", \"options\": [{\"id\": \"a\", \"name\": \"a\"}], \"ranking\": [1, [0, 3], 2]},"
    " {\"name\": \"B\", \"options\": [{\"id\": \"b\", \"name\": \"b\"}], \"ranking\": [0, 1, 2, 3]}]}";

static void test_gmr_sanction_rule(void **state)
{
    (void)state;
    parley_gmcr_model *m = NULL;
    parley_error err;
    parley_error_clear(&err);
    if (parley_gmcr_model_parse(sanction_model, sizeof sanction_model - 1, "sanction", &m, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    for (unsigned threads = 1; threads <= 2; threads++) {
        parley_gmcr_result *r = analyze(m, threads);
        assert_int_equal(stable_at(m, r, 0, 0), G | S);
        assert_int_equal(stable_at(m, r, 0, 1), ALL);
        assert_int_equal(stable_at(m, r, 1, 0), ALL);
        assert_int_equal(stable_at(m, r, 1, 1), ALL);
        assert_int_equal(stable_at(m, r, 2, 0), 0);
        assert_int_equal(stable_at(m, r, 2, 1), 0);
        assert_int_equal(stable_at(m, r, 3, 0), ALL);
        assert_int_equal(stable_at(m, r, 3, 1), 0);
        assert_int_equal(eq_at(m, r, 0), G | S);
        assert_int_equal(eq_at(m, r, 1), ALL);
        assert_int_equal(parley_gmcr_result_equilibrium_count(r, PARLEY_GMCR_NASH), 1);
        assert_int_equal(parley_gmcr_result_equilibrium_count(r, PARLEY_GMCR_GMR), 2);
        assert_int_equal(parley_gmcr_result_equilibrium_count(r, PARLEY_GMCR_SMR), 2);
        assert_int_equal(parley_gmcr_result_equilibrium_count(r, PARLEY_GMCR_SEQ), 1);
        parley_gmcr_result_free(r);
    }
    parley_gmcr_model_free(m);
}

/* The example of the seeds loads, analyses and has at least one equilibrium under GMR. */
static void test_ceasefire_example(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/ceasefire-conflict.json", PARLEY_SOURCE_DIR);
    parley_gmcr_model *m = NULL;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_gmcr_model_load(path, &m, &err), PARLEY_OK);
    parley_gmcr_result *r = analyze(m, 2);
    assert_true(parley_gmcr_result_equilibrium_count(r, PARLEY_GMCR_GMR) >= 1);
    assert_true(parley_gmcr_model_status_quo(m, NULL));
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prisoners_dilemma), cmocka_unit_test(test_chicken),
        cmocka_unit_test(test_elmira),            cmocka_unit_test(test_elmira_status_quo),
        cmocka_unit_test(test_garrison),          cmocka_unit_test(test_ceasefire_example),
        cmocka_unit_test(test_gmr_sanction_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

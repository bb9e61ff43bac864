/*
 * test_gmcr_sim.c: simultaneous (SIM, SEQ+SIM), limited-move (L_h) and
 * non-myopic stability on models small enough to work by hand; every expected
 * value is derived in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <parley/gmcr.h>

#define R PARLEY_GMCR_NASH
#define G PARLEY_GMCR_GMR
#define S PARLEY_GMCR_SMR
#define Q PARLEY_GMCR_SEQ
#define M PARLEY_GMCR_SIM
#define B PARLEY_GMCR_SEQSIM
#define L PARLEY_GMCR_LH
#define N PARLEY_GMCR_NM

static parley_gmcr_model *parse(const char *text)
{
    parley_gmcr_model *m = NULL;
    parley_error err;
    parley_error_clear(&err);
    int rc = parley_gmcr_model_parse(text, strlen(text), "inline", &m, &err);
    if (rc != PARLEY_OK) {
        char buf[1024];
        print_error("%s\n", parley_error_format(&err, buf, sizeof buf));
    }
    assert_int_equal(rc, PARLEY_OK);
    return m;
}

static parley_gmcr_result *analyze(const parley_gmcr_model *m, unsigned notions, unsigned horizon)
{
    parley_gmcr_options o = {.notions = notions, .threads = 1, .horizon = horizon};
    parley_gmcr_result *r = NULL;
    assert_int_equal(parley_gmcr_analyze(m, &o, &r, NULL), PARLEY_OK);
    return r;
}

static unsigned at(const parley_gmcr_model *m, const parley_gmcr_result *r, uint32_t code, size_t dm)
{
    long s = parley_gmcr_model_state_index(m, code);
    assert_true(s >= 0);
    return parley_gmcr_result_stable(r, (size_t)s, dm);
}

/*
 * A and B, one option each (a = 1, b = 2).  A: 1 > 0 > 2 > 3; B: 2 > 1 > 0 > 3.
 * At 0 (nothing), A's improvement is 1.  B's improvement from 0 is 2; taken at
 * the same time as A's it gives 3, A's worst: SIM sanction.  From 1, B's only
 * move is to 3, which B likes less than 1: no credible (SEQ) sanction, though
 * GMR counts it.  After 3 A can move to 2, which A likes less than 0: SMR.
 * So A at 0: G S M B, not R nor Q.  B at 0: improvement 2; A's move from 2
 * is to 3 (GMR sanction; A likes 2 more than 3, so not SEQ); SIM: A's
 * improvement 1 at the same time gives 3, B's worst; SMR fails since from 3 B
 * can move to 1, which B likes more than 0.  So B at 0: G M B.
 */
static void test_sim_two_dms(void **state)
{
    (void)state;
    parley_gmcr_model *m = parse("{\"decision_makers\": ["
                                 "{\"name\": \"A\", \"options\": [\"a\"], \"ranking\": [1, 0, 2, 3]},"
                                 "{\"name\": \"B\", \"options\": [\"b\"], \"ranking\": [2, 1, 0, 3]}]}");
    parley_gmcr_result *r = analyze(m, PARLEY_GMCR_ALL, 0);
    assert_int_equal(at(m, r, 0, 0), G | S | M | B);
    assert_int_equal(at(m, r, 0, 1), G | M | B);
    /* 3: A moves to 2 (better for A); B cannot move A's option and its own improvement from 3 is to 1,
     * which with A's move gives 0, which A likes more than 3: no SIM sanction; from 2 B's move to 0
     * is not an improvement for B (2 is B's best): no SEQ; GMR: B's move 2 -> 0 is fine for A? 0 is
     * better than 3 for A, so no GMR sanction either. */
    assert_int_equal(at(m, r, 3, 0), 0);
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
}

/*
 * Three DMs with one option each (a = 1, b = 2, c = 4).  A: 1 > 3 > 5 > 0 > 2 > 4 > 6 > 7.
 * At 0, A's improvement is 1.  B's improvement from 0 is 2 and C's is 4.  Alone,
 * B's gives 3 and C's gives 5, both better than 0 for A; together they give 7,
 * A's worst.  So A at 0 is SIM stable only because both others move at once.
 * In the second model C likes 0 best: C stays, and A at 0 is not SIM stable.
 */
static void test_sim_three_dms(void **state)
{
    (void)state;
    const char *fmt = "{\"decision_makers\": ["
                      "{\"name\": \"A\", \"options\": [\"a\"], \"ranking\": [1, 3, 5, 0, 2, 4, 6, 7]},"
                      "{\"name\": \"B\", \"options\": [\"b\"], \"ranking\": [2, 0, 1, 3, 4, 5, 6, 7]},"
                      "{\"name\": \"C\", \"options\": [\"c\"], \"ranking\": %s}]}";
    char text[1024];
    snprintf(text, sizeof text, fmt, "[4, 0, 1, 2, 3, 5, 6, 7]");
    parley_gmcr_model *m = parse(text);
    parley_gmcr_result *r = analyze(m, M | B, 0);
    assert_true(at(m, r, 0, 0) & M);
    assert_true(at(m, r, 0, 0) & B);
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
    snprintf(text, sizeof text, fmt, "[0, 4, 1, 2, 3, 5, 6, 7]");
    m = parse(text);
    r = analyze(m, M | Q | B, 0);
    assert_false(at(m, r, 0, 0) & M);
    /* SEQ: from 1 B's improvements... B: 2 > 0 > 1 > 3: from 1 B's move to 3 is worse for B: none;
     * C from 1 (C: 0 > 4 > 1 > 2 > 3 > 5): move to 5 is worse: none.  No sanction at all. */
    assert_false(at(m, r, 0, 0) & (Q | B));
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
}

/*
 * The prisoner's dilemma of examples/gmcr (A: 1 > 0 > 3 > 2, B: 2 > 0 > 3 > 1).
 * L_1 = Nash: only 3.  L_2: at 0, A's move to 1 is answered by B's move to 3,
 * which A likes less than 0, so A stays (and B likewise): 0 joins 3.  At 1, B's
 * move to 3 leaves A at 3 with nothing better (its move leads to 2), so B moves:
 * 1 is not L_2 stable for B.  L_3 and on: the same (A's move from 0 to 1 still
 * ends at 3; from 3 A's move to 2 is B's best, where B stays).  So the
 * anticipations settle and the non-myopic equilibria are 0 and 3.
 */
static void test_limited_move_prisoners(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/gmcr/prisoners-dilemma.json", PARLEY_SOURCE_DIR);
    parley_gmcr_model *m = NULL;
    assert_int_equal(parley_gmcr_model_load(path, &m, NULL), PARLEY_OK);
    for (unsigned h = 1; h <= 5; h++) {
        parley_gmcr_result *r = analyze(m, R | L | N, h);
        unsigned e0 = parley_gmcr_result_equilibrium(r, 0), e1 = parley_gmcr_result_equilibrium(r, 1),
                 e2 = parley_gmcr_result_equilibrium(r, 2), e3 = parley_gmcr_result_equilibrium(r, 3);
        assert_int_equal(parley_gmcr_result_horizon(r), h);
        if (h == 1)
            for (size_t s = 0; s < 4; s++)
                for (size_t d = 0; d < 2; d++) /* L_1 is Nash */
                    assert_int_equal(!!(parley_gmcr_result_stable(r, s, d) & L),
                                     !!(parley_gmcr_result_stable(r, s, d) & R));
        assert_int_equal(!!(e0 & L), h >= 2);
        assert_false(e1 & L);
        assert_false(e2 & L);
        assert_true(e3 & L);
        assert_true(e0 & N);
        assert_true(e3 & N);
        assert_false((e1 | e2) & N);
        assert_false(parley_gmcr_result_stable(r, 1, 1) & L); /* B leaves 1 */
        assert_int_equal(parley_gmcr_result_nm_period(r), 1);
        parley_gmcr_result_free(r);
    }
    parley_gmcr_model_free(m);
}

/* L_h and NM need two DMs. */
static void test_limited_move_refuses_three(void **state)
{
    (void)state;
    parley_gmcr_model *m = parse("{\"decision_makers\": [{\"name\": \"A\", \"options\": [\"a\"]},"
                                 "{\"name\": \"B\", \"options\": [\"b\"]}, {\"name\": \"C\", \"options\": [\"c\"]}]}");
    parley_gmcr_options o = {.notions = L, .horizon = 2};
    parley_gmcr_result *r = NULL;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_gmcr_analyze(m, &o, &r, &err), PARLEY_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.message, "two decision makers"));
    parley_gmcr_model_free(m);
}

/*
 * examples/gmcr/twice.json: from 1, B takes b1 (3), C takes c (11, c needs b1),
 * B takes b2 (15, b2 needs c): A's worst, so 0 is GMR (and SMR: from 15 A can
 * only go to 14, below 0 too) stable for A.  No shorter sanction exists: B
 * alone reaches 3 only (b2 needs c), C alone nothing (c needs b1).
 */
static void test_opponent_moves_twice(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/gmcr/twice.json", PARLEY_SOURCE_DIR);
    parley_gmcr_model *m = NULL;
    assert_int_equal(parley_gmcr_model_load(path, &m, NULL), PARLEY_OK);
    assert_int_equal(parley_gmcr_model_state_count(m), 8);
    parley_gmcr_result *r = analyze(m, R | G | S, 0);
    assert_int_equal(at(m, r, 0, 0), G | S);
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
}

/* States named by the options taken, and read back. */
static void test_state_labels(void **state)
{
    (void)state;
    parley_gmcr_model *m = parse("{\"decision_makers\": [{\"name\": \"A\", \"options\": [\"truce\", \"talk\"]},"
                                 "{\"name\": \"B\", \"options\": [\"release\"]}]}");
    char buf[128];
    assert_string_equal(parley_gmcr_model_state_label(m, 5, buf, sizeof buf), "truce + release");
    assert_string_equal(parley_gmcr_model_state_label(m, 0, buf, sizeof buf), "nothing");
    uint32_t code = 99;
    assert_int_equal(parley_gmcr_model_parse_state(m, "truce + release", &code, NULL), PARLEY_OK);
    assert_int_equal(code, 5);
    assert_int_equal(parley_gmcr_model_parse_state(m, "talk+release", &code, NULL), PARLEY_OK);
    assert_int_equal(code, 6);
    assert_int_equal(parley_gmcr_model_parse_state(m, "nothing", &code, NULL), PARLEY_OK);
    assert_int_equal(code, 0);
    assert_int_equal(parley_gmcr_model_parse_state(m, "truce + war", &code, NULL), PARLEY_EINVAL);
    assert_int_equal(parley_gmcr_model_parse_state(m, "truce +", &code, NULL), PARLEY_EINVAL);
    parley_gmcr_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sim_two_dms),           cmocka_unit_test(test_sim_three_dms),
        cmocka_unit_test(test_limited_move_prisoners), cmocka_unit_test(test_limited_move_refuses_three),
        cmocka_unit_test(test_state_labels),          cmocka_unit_test(test_opponent_moves_twice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

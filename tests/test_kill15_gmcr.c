/*
 * test_kill15_gmcr.c: the GMCR library's answers at its edges, on the prisoner's dilemma (examples/gmcr), worked
 * by hand (Fang, Hipel and Kilgour 1993): A's ranking 1 0 3 2 and B's 2 0 3 1 give the preference levels (0 for
 * the least preferred, higher is better) A: state 1 -> 3, 0 -> 2, 3 -> 1, 2 -> 0; B: 2 -> 3, 0 -> 2, 3 -> 1, 1 -> 0.
 * Mutual defection (3) is the only Nash equilibrium; mutual cooperation (0) is GMR stable for both (A's move to 1
 * is sanctioned by B's move to 3, worse for A than 0) but not Nash.
 *
 * - parley_gmcr_result_notions: the notions asked for, with Nash always (GMR asked: Nash | GMR; 0 asked: all six;
 *   the foresight notions kept when asked); the threads used (1 asked: 1; more than the cap: the cap, 64); the
 *   seconds a number >= 0 (no speed is asserted); a NULL result: 0 everywhere; analysing no model: PARLEY_EINVAL
 *   "no model";
 * - the name of every notion, "?" for none, two at once or an unknown flag;
 * - the preference levels above, -1 for a decision maker or a state out of range; a state's index (-1 past the
 *   options) and its Y/N vector into small buffers (truncated, never overrun; NULL or size 0: untouched);
 * - the paths from a state that does not exist: PARLEY_EINVAL "state 4 is not a feasible state", no paths;
 * - the bindings' conflict report (parley_conflict_json) when the analysis refuses (the foresight notions asked of
 *   Elmira's three decision makers: the analysis's message) and when the start state is infeasible (Elmira's
 *   code 1: the state parser's "state '1' (code 1) is infeasible", before any path is searched): NULL with the
 *   message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include <parley/parley.h>
#include <parley/text.h>

static parley_gmcr_model *prisoners(void)
{
    parley_gmcr_model *m = NULL;
    parley_error err;
    if (parley_gmcr_model_load(PARLEY_SOURCE_DIR "/examples/gmcr/prisoners-dilemma.json", &m, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return m;
}

static parley_gmcr_result *analysed(const parley_gmcr_model *m, unsigned notions, unsigned threads)
{
    parley_gmcr_options o = {.notions = notions, .threads = threads};
    parley_gmcr_result *r = NULL;
    parley_error err;
    if (parley_gmcr_analyze(m, &o, &r, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return r;
}

static void test_result_accessors(void **state)
{
    (void)state;
    parley_gmcr_model *m = prisoners();
    parley_gmcr_result *r = analysed(m, PARLEY_GMCR_GMR, 1);
    assert_int_equal(parley_gmcr_result_notions(r), PARLEY_GMCR_NASH | PARLEY_GMCR_GMR);
    assert_int_equal(parley_gmcr_result_threads(r), 1);
    double seconds = parley_gmcr_result_seconds(r);
    assert_true(isfinite(seconds) && seconds >= 0);
    /* 0: GMR for both, not Nash (A's improvement to 1); 3: Nash and GMR; 1: stable for A (B's move to 3 is its
       improvement), not for B */
    assert_int_equal(parley_gmcr_result_equilibrium(r, 0), PARLEY_GMCR_GMR);
    assert_int_equal(parley_gmcr_result_equilibrium(r, 3), PARLEY_GMCR_NASH | PARLEY_GMCR_GMR);
    assert_int_equal(parley_gmcr_result_equilibrium(r, 1), 0);
    assert_int_equal(parley_gmcr_result_stable(r, 1, 0), PARLEY_GMCR_NASH | PARLEY_GMCR_GMR);
    assert_int_equal(parley_gmcr_result_stable(r, 1, 1), 0);
    assert_int_equal(parley_gmcr_result_equilibrium_count(r, PARLEY_GMCR_NASH), 1);
    assert_int_equal(parley_gmcr_result_equilibrium_count(r, PARLEY_GMCR_GMR), 2);
    parley_gmcr_result_free(r);
    r = analysed(m, 0, 1000);
    assert_int_equal(parley_gmcr_result_notions(r), PARLEY_GMCR_ALL);
    assert_int_equal(parley_gmcr_result_threads(r), 64);
    assert_int_equal(parley_gmcr_result_equilibrium_count(r, PARLEY_GMCR_SEQ), 2);
    parley_gmcr_result_free(r);
    r = analysed(m, PARLEY_GMCR_SEQ | PARLEY_GMCR_LH | PARLEY_GMCR_NM, 1);
    assert_int_equal(parley_gmcr_result_notions(r),
                     PARLEY_GMCR_NASH | PARLEY_GMCR_SEQ | PARLEY_GMCR_LH | PARLEY_GMCR_NM);
    assert_int_equal(parley_gmcr_result_horizon(r), 2);
    parley_gmcr_result_free(r);
    assert_int_equal(parley_gmcr_result_notions(NULL), 0);
    assert_int_equal(parley_gmcr_result_threads(NULL), 0);
    assert_true(parley_gmcr_result_seconds(NULL) == 0);
    parley_gmcr_result *none = (parley_gmcr_result *)1;
    parley_error err;
    assert_int_equal(parley_gmcr_analyze(NULL, NULL, &none, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "no model");
    assert_null(none);
    parley_gmcr_model_free(m);
}

static void test_notion_names(void **state)
{
    (void)state;
    static const struct {
        unsigned flag;
        const char *name;
    } names[] = {{PARLEY_GMCR_NASH, "Nash"}, {PARLEY_GMCR_GMR, "GMR"},   {PARLEY_GMCR_SMR, "SMR"},
                 {PARLEY_GMCR_SEQ, "SEQ"},   {PARLEY_GMCR_SIM, "SIM"},   {PARLEY_GMCR_SEQSIM, "SEQSIM"},
                 {PARLEY_GMCR_LH, "Lh"},     {PARLEY_GMCR_NM, "NM"},     {0, "?"},
                 {PARLEY_GMCR_NASH | PARLEY_GMCR_GMR, "?"}, {256, "?"}};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        assert_string_equal(parley_gmcr_notion_name((parley_gmcr_notion)names[k].flag), names[k].name);
}

static void test_model_edges(void **state)
{
    (void)state;
    parley_gmcr_model *m = prisoners();
    static const long pref[2][4] = {{2, 3, 0, 1}, {2, 0, 3, 1}}; /* by state code 0..3 */
    for (size_t dm = 0; dm < 2; dm++)
        for (uint32_t code = 0; code < 4; code++)
            assert_int_equal(parley_gmcr_model_preference(m, dm, (size_t)parley_gmcr_model_state_index(m, code)),
                             pref[dm][code]);
    assert_int_equal(parley_gmcr_model_preference(m, 2, 0), -1);
    assert_int_equal(parley_gmcr_model_preference(m, 0, 4), -1);
    assert_int_equal(parley_gmcr_model_preference(NULL, 0, 0), -1);
    assert_int_equal(parley_gmcr_model_state_index(m, 3), 3);
    assert_int_equal(parley_gmcr_model_state_index(m, 4), -1);
    assert_int_equal(parley_gmcr_model_state_index(NULL, 0), -1);
    char buf[8];
    assert_string_equal(parley_gmcr_model_state_vector(m, 1, buf, sizeof buf), "YN");
    assert_string_equal(parley_gmcr_model_state_vector(m, 2, buf, 3), "NY");
    assert_string_equal(parley_gmcr_model_state_vector(m, 2, buf, 2), "N");
    assert_string_equal(parley_gmcr_model_state_vector(m, 3, buf, 1), "");
    memcpy(buf, "zzz", 4);
    assert_ptr_equal(parley_gmcr_model_state_vector(m, 3, buf, 0), buf);
    assert_string_equal(buf, "zzz");
    assert_null(parley_gmcr_model_state_vector(m, 3, NULL, 8));
    parley_gmcr_paths *paths = (parley_gmcr_paths *)1;
    parley_error err;
    assert_int_equal(parley_gmcr_paths_from(m, 4, &paths, &err), PARLEY_EINVAL);
    assert_string_equal(err.message, "state 4 is not a feasible state");
    assert_null(paths);
    parley_gmcr_model_free(m);
}

static void test_bound_conflict_report_refusals(void **state)
{
    (void)state;
    parley_gmcr_model *m = NULL;
    parley_error err;
    if (parley_gmcr_model_load(PARLEY_SOURCE_DIR "/examples/gmcr/elmira.json", &m, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    parley_gmcr_options foresight = {.notions = PARLEY_GMCR_LH, .threads = 1};
    parley_error_clear(&err);
    assert_null(parley_conflict_json(m, &foresight, NULL, 0, &err));
    assert_int_equal(err.code, PARLEY_EINVAL);
    assert_string_equal(err.message, "limited-move and non-myopic stability are defined here for two decision makers, "
                                     "the model has 3");
    parley_gmcr_options plain = {.notions = 0, .threads = 1};
    parley_error_clear(&err);
    assert_null(parley_conflict_json(m, &plain, "1", 0, &err));
    assert_int_equal(err.code, PARLEY_EINVAL);
    assert_string_equal(err.message, "state '1' (code 1) is infeasible"); /* the parser refuses it first */
    char *text = parley_conflict_json(m, &plain, "2", 0, &err); /* the model's status quo, feasible */
    assert_non_null(text);
    assert_non_null(strstr(text, "\"status_quo\""));
    parley_free(text);
    parley_gmcr_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_result_accessors),
        cmocka_unit_test(test_notion_names),
        cmocka_unit_test(test_model_edges),
        cmocka_unit_test(test_bound_conflict_report_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

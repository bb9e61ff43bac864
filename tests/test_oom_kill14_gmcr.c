/*
 * test_oom_kill14_gmcr.c: the GMCR writers and the foresight analysis when
 * memory runs out (issue 27: their allocation-failure branches, in
 * gmcr_explain.c, gmcr_inverse.c, gmcr_graph.c, gmcr_output.c and
 * gmcr_foresight.c, were run by no test).  The model is loaded and analysed
 * with memory; then each operation runs with allocation N of libparley.a
 * refused (tests/failalloc.c), with every later one or alone, for N = 1, 2,
 * ... until it needs fewer: a refused run returns PARLEY_ENOMEM with a message
 * naming the lack of memory, or succeeds with the whole output (the same bytes
 * as with memory: a way around the refusal may not change the answer).
 * jansson's own allocations (a shared library) are not refused here
 * (test_kill14_gmcr refuses those).  Leaks on these paths fail the sanitizer
 * tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "failalloc.h"
#include "oom_refusal.h"

#define GMCR PARLEY_SOURCE_DIR "/examples/gmcr/"

/* What an operation is given: an analysed model and the state it is about. */
struct subject {
    const parley_gmcr_model *m;
    const parley_gmcr_result *r;
    uint32_t code;
};

typedef oom_operation operation;

static int explain_text(FILE *out, const void *ctx, parley_error *err)
{
    const struct subject *s = ctx;
    return parley_gmcr_write_explain(out, s->r, s->code, 0, err);
}

static int inverse_json(FILE *out, const void *ctx, parley_error *err)
{
    const struct subject *s = ctx;
    return parley_gmcr_write_inverse(out, s->r, s->code, 1, err);
}

static int svg_whole(FILE *out, const void *ctx, parley_error *err)
{
    const struct subject *s = ctx;
    return parley_gmcr_write_svg(out, s->r, err);
}

static int svg_focused(FILE *out, const void *ctx, parley_error *err)
{
    const struct subject *s = ctx;
    parley_gmcr_svg_view view = {.focused = 1, .dm = 0, .has_status_quo = 1, .status_quo = s->code};
    return parley_gmcr_write_svg_view(out, s->r, &view, err);
}

static int dot(FILE *out, const void *ctx, parley_error *err)
{
    const struct subject *s = ctx;
    return parley_gmcr_write_dot(out, s->r, err);
}

/* The report (JSON or text) with the status quo's paths and coalitions (paths made with memory refused too). */
static int report(FILE *out, const struct subject *s, int json, parley_error *err)
{
    parley_gmcr_paths *paths = NULL;
    int rc = parley_gmcr_paths_from(s->m, s->code, &paths, err);
    if (rc)
        return rc;
    parley_gmcr_report rep = {.result = s->r, .paths = paths, .coalitions = 1};
    rc = json ? parley_gmcr_write_json(out, &rep, err) : parley_gmcr_write_text(out, &rep, err);
    parley_gmcr_paths_free(paths);
    return rc;
}

static int report_json(FILE *out, const void *ctx, parley_error *err)
{
    const struct subject *s = ctx;
    return report(out, s, 1, err);
}

static int report_text(FILE *out, const void *ctx, parley_error *err)
{
    const struct subject *s = ctx;
    return report(out, s, 0, err);
}

/* The limited-move (horizon 3) and non-myopic analysis, its equilibria written out. */
static int foresight(FILE *out, const void *ctx, parley_error *err)
{
    const struct subject *s = ctx;
    parley_gmcr_options o = {.notions = PARLEY_GMCR_LH | PARLEY_GMCR_NM, .horizon = 3, .threads = 1};
    parley_gmcr_result *r = NULL;
    int rc = parley_gmcr_analyze(s->m, &o, &r, err);
    if (rc) {
        if (r)
            fail_msg("the analysis failed with %d but left a result", rc);
        return rc;
    }
    size_t n = parley_gmcr_model_state_count(s->m);
    for (size_t k = 0; k < n; k++)
        fprintf(out, "%u %u\n", parley_gmcr_model_state_code(s->m, k), parley_gmcr_result_equilibrium(r, k));
    fprintf(out, "period %u\n", parley_gmcr_result_nm_period(r));
    parley_gmcr_result_free(r);
    return PARLEY_OK;
}

static void on_model(const char *file, uint32_t code, const char *const *names, const operation *ops, size_t count)
{
    parley_gmcr_model *m = NULL;
    parley_gmcr_result *r = NULL;
    parley_error err;
    if (parley_gmcr_model_load(file, &m, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    parley_gmcr_options o = {.notions = 0, .threads = 1};
    assert_int_equal(parley_gmcr_analyze(m, &o, &r, &err), PARLEY_OK);
    struct subject s = {m, r, code};
    for (size_t k = 0; k < count; k++)
        oom_each_refusal(names[k], ops[k], &s);
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
}

/* Elmira (3 DMs, 12 states), from its status quo 2 (the model's own). */
static void test_elmira_out_of_memory(void **state)
{
    (void)state;
    static const char *const names[] = {"explain", "inverse", "svg", "focused svg", "dot", "JSON report",
                                        "text report"};
    static const operation ops[] = {explain_text, inverse_json, svg_whole, svg_focused, dot, report_json, report_text};
    on_model(GMCR "elmira.json", 2, names, ops, sizeof ops / sizeof *ops);
}

/* Chicken (2 DMs): the foresight notions, and an inverse problem from mutual restraint. */
static void test_chicken_out_of_memory(void **state)
{
    (void)state;
    static const char *const names[] = {"foresight", "inverse", "explain"};
    static const operation ops[] = {foresight, inverse_json, explain_text};
    on_model(GMCR "chicken.json", 0, names, ops, sizeof ops / sizeof *ops);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_elmira_out_of_memory),
        cmocka_unit_test(test_chicken_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

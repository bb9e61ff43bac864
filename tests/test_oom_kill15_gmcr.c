/*
 * test_oom_kill15_gmcr.c: a conflict read, analysed and reported when memory runs out (issue 27: the analysis's
 * allocation-failure branches, in gmcr_load.c, gmcr_model.c, gmcr_stability.c and gmcr_sim.c, were checked only
 * for failing cleanly, not for answering the same when they go on), and a hand-made model of preference
 * statements and conditions read from memory (gmcr_expr.c: a refused node is out of memory, not bad input).  Each model of examples/gmcr is loaded,
 * analysed under every notion (one thread) and reported from its status quo, with coalitions, as JSON and text,
 * with allocation N of libparley.a refused (tests/oom_refusal.h: with every later one or alone, for N = 1, 2, ...):
 * PARLEY_ENOMEM with a message saying so, or the very report made with memory (less its time).  Leaks on these
 * paths fail the sanitizer tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <parley/parley.h>

#include "failalloc.h"
#include "oom_refusal.h"

/* One report (JSON or text) of r from the status quo, its time left out. */
static int report(FILE *out, const parley_gmcr_result *r, const parley_gmcr_paths *paths, int json, parley_error *err)
{
    struct oom_capture c;
    FILE *mem = oom_capture_open(&c);
    parley_gmcr_report rep = {.result = r, .paths = paths, .coalitions = 1};
    int rc = json ? parley_gmcr_write_json(mem, &rep, err) : parley_gmcr_write_text(mem, &rep, err);
    return oom_capture_put(&c, rc, out, json ? "\"seconds\":" : " s on ");
}

/* Analyses and reports a model read from a file (`path`) or from memory (`text`). */
struct source {
    const char *path, *text;
};

static int conflict(FILE *out, const void *ctx, parley_error *err)
{
    const struct source *src = ctx;
    parley_gmcr_model *m = NULL;
    int rc = src->path ? parley_gmcr_model_load(src->path, &m, err)
                       : parley_gmcr_model_parse(src->text, strlen(src->text), "statements.json", &m, err);
    if (rc) {
        if (m)
            fail_msg("the load failed with %d but left a model", rc);
        return rc;
    }
    parley_gmcr_options o = {.notions = 0, .threads = 1};
    parley_gmcr_result *r = NULL;
    parley_gmcr_paths *paths = NULL;
    uint32_t sq = 0;
    rc = parley_gmcr_analyze(m, &o, &r, err);
    if (rc && r)
        fail_msg("the analysis failed with %d but left a result", rc);
    if (!rc && parley_gmcr_model_status_quo(m, &sq))
        rc = parley_gmcr_paths_from(m, sq, &paths, err);
    if (!rc)
        rc = report(out, r, paths, 1, err);
    if (!rc)
        rc = report(out, r, paths, 0, err);
    parley_gmcr_paths_free(paths);
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
    return rc;
}

static void test_models_out_of_memory(void **state)
{
    (void)state;
    static const char *const models[] = {"chicken", "elmira", "garrison", "prisoners-dilemma", "twice"};
    for (size_t k = 0; k < sizeof models / sizeof *models; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/examples/gmcr/%s.json", PARLEY_SOURCE_DIR, models[k]);
        struct source src = {path, NULL};
        oom_each_refusal(models[k], conflict, &src);
    }
}

/* Every condition syntax, infeasibility form and reversibility (gmcr.cases, handmade-statements): the condition
   parser's nodes are allocated too, and a refusal there is out of memory, not a syntax error. */
static const char statements[] =
    "{\"name\": \"Statements and reversibility\", \"decision_makers\": ["
    " {\"name\": \"Red\", \"options\": [\"attack\", {\"id\": \"talk\", \"reversibility\": \"backward\"},"
    "   {\"name\": \"retreat\", \"irreversible\": true}],"
    "  \"preferences\": [\"talk iff -attack\", \"if attack then not retreat\", \"(attack | talk) and -retreat\", \"!3\"]},"
    " {\"name\": \"Blue\", \"options\": [{\"id\": \"block\", \"reversibility\": \"forward\"}, {\"id\": \"aid\"}],"
    "  \"preferences\": [\"aid if talk\", \"-block | -attack\", \"4 & 5\", \"block or aid\"]},"
    " {\"name\": \"Green\", \"options\": [{\"id\": \"watch\"}]}],"
    " \"infeasible\": [\"attack & retreat\", \"--Y-YY\", {\"mutually_exclusive\": [\"talk\", 6]},"
    "  {\"at_least_one\": [1, \"talk\", \"retreat\", \"block\"]}, {\"option\": \"aid\", \"requires\": [\"talk\"]}],"
    " \"status_quo\": \"NYNNNN\"}";

static void test_statements_out_of_memory(void **state)
{
    (void)state;
    struct source src = {NULL, statements};
    oom_each_refusal("statements", conflict, &src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_models_out_of_memory),
        cmocka_unit_test(test_statements_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

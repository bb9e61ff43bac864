/*
 * test_oom_kill15_protocol.c: whole negotiations when memory runs out (issue 27: the allocation-failure branches
 * of src/protocol and src/bind were run by few tests).  Each protocol (alternating offers, the single text with
 * and without annealing, shuttle diplomacy over two sessions) runs the three textbook flatmates (boulware,
 * conceder, linear; 8 rounds) with allocation N of libparley.a refused (tests/oom_refusal.h: with every later one
 * or alone, for N = 1, 2, ...): it must fail with PARLEY_ENOMEM and a message saying so, or write exactly what it
 * writes with memory: the streamed trace, the report (JSON), the trace and the plot as the bindings make them
 * (src/bind: the SVG with the scenario's analysis).  A negotiation that went on with a package, an event or an
 * agent short (a different trace or report) fails here.  Leaks on these paths fail the sanitizer tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <parley/parley.h>
#include <parley/text.h>

#include "failalloc.h"
#include "oom_refusal.h"

struct subject {
    const parley_scenario *sc;
    parley_protocol_kind protocol;
    int annealing;
    size_t sessions;
};

/* Writes a string a binding returned (taken), or fails as it did. */
static int put(char *text, FILE *out, parley_error *err)
{
    if (!text)
        return err->code;
    fputs(text, out);
    fputc('\n', out);
    parley_free(text);
    return PARLEY_OK;
}

static int negotiate(FILE *out, const void *ctx, parley_error *err)
{
    const struct subject *s = ctx;
    static const char *const agents[] = {"boulware", "conceder", "linear"};
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.protocol = s->protocol;
    cfg.annealing = s->annealing;
    cfg.sessions = s->sessions;
    cfg.rounds = 8;
    parley_negotiation *neg = NULL;
    int rc = parley_negotiation_new(s->sc, &cfg, &neg, err);
    if (rc) {
        if (neg)
            fail_msg("parley_negotiation_new failed with %d but made a negotiation", rc);
        return rc;
    }
    for (size_t k = 0; !rc && k < 3; k++)
        rc = parley_negotiation_add_agent_spec(neg, agents[k], err);
    parley_negotiation_set_trace(neg, out);
    if (!rc)
        rc = parley_negotiation_run(neg, err);
    parley_negotiation_set_trace(neg, NULL);
    if (!rc)
        rc = parley_negotiation_write_json(neg, out, err);
    if (!rc)
        rc = put(parley_trace_json(neg, err), out, err);
    if (!rc)
        rc = put(parley_negotiation_svg(neg, s->sc, err), out, err);
    parley_negotiation_free(neg);
    return rc;
}

static void test_protocols_out_of_memory(void **state)
{
    (void)state;
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-flatmates.json", &sc, &err),
                     PARLEY_OK);
    static const char *const names[] = {"alternating", "single text", "single text, annealing", "shuttle"};
    struct subject subjects[] = {{sc, PARLEY_PROTOCOL_ALTERNATING, 0, 0},
                                 {sc, PARLEY_PROTOCOL_SINGLE_TEXT, 0, 0},
                                 {sc, PARLEY_PROTOCOL_SINGLE_TEXT, 1, 0},
                                 {sc, PARLEY_PROTOCOL_SHUTTLE, 0, 2}};
    for (size_t k = 0; k < sizeof subjects / sizeof *subjects; k++)
        oom_each_refusal(names[k], negotiate, &subjects[k]);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_protocols_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

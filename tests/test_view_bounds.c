/*
 * test_view_bounds.c: no built-in agent asks its view for an event that does not exist.  An agent reads the
 * events it has not seen yet with a loop up to parley_view_event_count; a loop that runs one step too far
 * (`<=`, the seed-11 survivor micro.c:88) gets PARLEY_EINVAL and goes on with a stale or uninitialised event, and
 * (MiCRO) skips the next event on its next turn, which in alternating offers happens to be its own: no move
 * changes, so the slip shows only here.  The program is linked with -Wl,--wrap=parley_view_event
 * (tests/CMakeLists.txt): the library's calls go through the counter below.  Every built-in agent plays 12
 * rounds of alternating offers on a 25-package scenario, once moving first and once second, against the
 * conceder; the asks past the end must be 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#pragma GCC diagnostic ignored "-Wunused-function" /* part of the probe helpers */
#include "agent_probe.h"

int __real_parley_view_event(const parley_agent_view *v, size_t i, parley_event *out);
int __wrap_parley_view_event(const parley_agent_view *v, size_t i, parley_event *out);

static size_t asked, asked_past_end;

int __wrap_parley_view_event(const parley_agent_view *v, size_t i, parley_event *out)
{
    asked++;
    if (i >= parley_view_event_count(v))
        asked_past_end++;
    return __real_parley_view_event(v, i, out);
}

/* The asks past the end by agent `name` in one negotiation (first: it moves first); -1 when it cannot play. */
static long past_end_of(const parley_scenario *sc, const char *name, int first)
{
    const parley_agent_vtable *agent = parley_agent_builtin(name), *other = parley_agent_builtin("conceder");
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    cfg.rounds = 12;
    cfg.seed = 11;
    parley_negotiation *neg = NULL;
    parley_error err;
    if (parley_negotiation_new(sc, &cfg, &neg, &err) != PARLEY_OK ||
        parley_negotiation_add_agent(neg, first ? agent : other, NULL, &err) != PARLEY_OK ||
        parley_negotiation_add_agent(neg, first ? other : agent, NULL, &err) != PARLEY_OK ||
        parley_negotiation_run(neg, &err) != PARLEY_OK) {
        parley_negotiation_free(neg);
        return -1;
    }
    parley_negotiation_free(neg);
    size_t n = asked_past_end;
    asked_past_end = 0;
    return (long)n;
}

static void every_agent_reads_only_events_that_exist(void **state)
{
    (void)state;
    parley_scenario *sc = probe_opposed_linear(2, 4);
    assert_non_null(sc);
    size_t played = 0;
    char offenders[1024] = "";
    for (const char *const *name = parley_agent_builtin_names(); *name; name++)
        for (int first = 0; first < 2; first++) {
            asked_past_end = 0;
            long n = past_end_of(sc, *name, first);
            if (n < 0)
                continue;
            played++;
            if (n > 0)
                snprintf(offenders + strlen(offenders), sizeof offenders - strlen(offenders), " %s(%s: %ld)",
                         *name, first ? "first" : "second", n);
        }
    parley_scenario_free(sc);
    if (offenders[0])
        fail_msg("asked for events past the end:%s", offenders);
    assert_true(played >= 20); /* the negotiations did run */
    assert_true(asked > 0);    /* and through the counter */
}

/* MiCRO itself, both ways: it reads every event of its turn (the counter sees it) and none past the end. */
static void micro_reads_to_the_end_only(void **state)
{
    (void)state;
    parley_scenario *sc = probe_opposed_linear(2, 4);
    for (int first = 0; first < 2; first++) {
        asked = 0;
        assert_int_equal(past_end_of(sc, "micro", first), 0);
        assert_true(asked > 0);
    }
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(micro_reads_to_the_end_only),
        cmocka_unit_test(every_agent_reads_only_events_that_exist),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_oom_kill_plot7.c: the negotiation's SVG (parley_negotiation_write_svg,
 * protocol/plot.c) when memory runs out (issue 27: a seed-7 mutant made the
 * legend's allocation failure return 0, success, and the plot came out
 * without its legend; no test ran the plot out of memory).  Every allocation
 * of the plot refused in turn (with every later one, then alone): the plot
 * fails with a message (PARLEY_ENOMEM, or PARLEY_EIO when the SVG writer's own
 * memory is refused), or works around it and draws the whole plot (its legend
 * naming the parties, its end), never a plot without its legend; with memory
 * back it draws.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <parley/parley.h>

#include "failalloc.h"

/* Fails the test when the plot in `out` lacks the legend's line for Buyer or the SVG's end. */
static void assert_whole_plot(FILE *out, long n)
{
    char svg[1 << 16];
    fflush(out);
    rewind(out);
    size_t got = fread(svg, 1, sizeof svg - 1, out);
    svg[got] = '\0';
    if (!strstr(svg, "utility of Buyer (boulware) over rounds") || !strstr(svg, "</svg>"))
        fail_msg("allocation %ld refused: a plot without its legend or its end (%zu bytes)", n, got);
}

static void test_plot_out_of_memory(void **state)
{
    (void)state;
    parley_scenario *sc = NULL;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json", &sc, &err),
                     PARLEY_OK);
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    parley_negotiation *neg = NULL;
    assert_int_equal(parley_negotiation_new(sc, &cfg, &neg, &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "boulware", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "conceder", &err), PARLEY_OK);
    assert_int_equal(parley_negotiation_run(neg, &err), PARLEY_OK);
    FILE *out = tmpfile();
    assert_non_null(out);
    for (int persistent = 1; persistent >= 0; persistent--) {
        long n = 1;
        for (;; n++) {
            parley_error_clear(&err);
            assert_int_equal(ftruncate(fileno(out), 0), 0);
            rewind(out);
            failalloc_arm(n, persistent);
            int rc = parley_negotiation_write_svg(neg, NULL, out, &err);
            long refused = failalloc_disarm();
            if (rc == PARLEY_OK)
                assert_whole_plot(out, n);
            if (refused == 0) {
                assert_int_equal(rc, PARLEY_OK);
                break;
            }
            if (rc != PARLEY_OK && rc != PARLEY_ENOMEM && rc != PARLEY_EIO)
                fail_msg("allocation %ld refused: %d (%s)", n, rc, err.message);
            if (rc != PARLEY_OK)
                assert_true(err.message[0] != '\0');
        }
        assert_true(n > 2); /* the plot allocates (the legend at least): the refusals reached it */
    }
    fclose(out);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plot_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

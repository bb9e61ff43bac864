/*
 * test_kill_session12.c: a negotiation's configuration and clock (session.c)
 * and its SVG (protocol/plot.c), with exact messages and texts (issue 27):
 * the clock names both ways, every refusal of parley_negotiation_new with
 * its message and both sides of its limits (32 venues, shuttle sessions per
 * round), and the plot of a negotiation given an analysis it cannot use (no
 * plot data, or another number of parties): drawn exactly as without one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/parley.h>

#include "grid_space.h"

/* Two issues of 5 values, `parties` parties with opposed linear values (A up, B down, C flat). */
static parley_scenario *scenario(int parties)
{
    parley_space *s = NULL;
    parley_scenario *sc = grid_scenario_new(&s);
    for (int p = 0; p < parties; p++) {
        parley_utility *u = parley_utility_new(s);
        assert_non_null(u);
        for (size_t i = 0; i < 2; i++) {
            parley_utility_set_weight(u, i, 0.5);
            for (uint32_t v = 0; v < 5; v++)
                parley_utility_set_value(u, i, v, p == 0 ? v / 4.0 : p == 1 ? (4 - v) / 4.0 : 0.5);
        }
        parley_utility_set_reservation(u, 0.2);
        const char *names[] = {"A", "B", "C"};
        assert_true(parley_scenario_add_party(sc, names[p], PARLEY_ROLE_PARTY, u, NULL) >= 0);
    }
    return sc;
}

static void test_clock_names(void **state)
{
    (void)state;
    assert_string_equal(parley_clock_name(PARLEY_CLOCK_PARLEY), "parley");
    assert_string_equal(parley_clock_name(PARLEY_CLOCK_GENIUS), "genius");
    assert_int_equal(parley_clock_from_name("parley"), PARLEY_CLOCK_PARLEY);
    assert_int_equal(parley_clock_from_name("genius"), PARLEY_CLOCK_GENIUS);
    assert_int_equal(parley_clock_from_name("Genius"), -1);
    assert_int_equal(parley_clock_from_name("geniu"), -1);
    assert_int_equal(parley_clock_from_name(""), -1);
}

/* parley_negotiation_new with cfg: rc and message (NULL: accepted). */
static void check_config(const parley_scenario *sc, const parley_session_config *cfg, const char *message)
{
    parley_negotiation *neg = NULL;
    parley_error err;
    memset(&err, 0, sizeof err);
    int rc = parley_negotiation_new(sc, cfg, &neg, &err);
    if (!message) {
        if (rc != PARLEY_OK)
            fail_msg("refused: %s", err.message);
        assert_non_null(neg);
        parley_negotiation_free(neg);
        return;
    }
    assert_int_equal(rc, PARLEY_EINVAL);
    assert_null(neg);
    assert_string_equal(err.message, message);
}

static void test_configurations(void **state)
{
    (void)state;
    parley_scenario *sc = scenario(2);
    parley_session_config cfg;
    parley_session_config_init(&cfg);
    assert_int_equal(cfg.protocol, PARLEY_PROTOCOL_ALTERNATING);
    assert_int_equal(cfg.rounds, 100);
    assert_int_equal(cfg.seed, 1);
    assert_int_equal(cfg.sessions, 1);
    check_config(sc, &cfg, NULL);
    check_config(sc, NULL, NULL);
    cfg.clock = PARLEY_CLOCK_GENIUS;
    check_config(sc, &cfg, NULL);
    cfg.clock = (parley_clock_kind)2;
    check_config(sc, &cfg, "unknown clock 2");
    parley_session_config_init(&cfg);
    cfg.protocol = (parley_protocol_kind)(PARLEY_PROTOCOL_SHUTTLE + 1);
    char text[64];
    snprintf(text, sizeof text, "unknown protocol %d", (int)PARLEY_PROTOCOL_SHUTTLE + 1);
    check_config(sc, &cfg, text);
    cfg.protocol = (parley_protocol_kind)((int)PARLEY_PROTOCOL_ALTERNATING - 1);
    snprintf(text, sizeof text, "unknown protocol %d", (int)PARLEY_PROTOCOL_ALTERNATING - 1);
    check_config(sc, &cfg, text);
    parley_session_config_init(&cfg);
    cfg.rounds = -1;
    check_config(sc, &cfg, "deadlines must not be negative");
    cfg.rounds = 0;
    cfg.seconds = -0.5;
    check_config(sc, &cfg, "deadlines must not be negative");
    cfg.seconds = NAN;
    check_config(sc, &cfg, "deadlines must not be negative");
    cfg.seconds = INFINITY;
    check_config(sc, &cfg, "deadlines must not be negative");
    cfg.seconds = 0;
    check_config(sc, &cfg, "a negotiation needs a deadline (rounds or seconds)");
    cfg.seconds = 0.5;
    check_config(sc, &cfg, NULL);
    const char *venues[PARLEY_MAX_VENUES + 1];
    for (size_t v = 0; v <= PARLEY_MAX_VENUES; v++)
        venues[v] = v % 2 ? "Geneva" : "Oslo";
    parley_session_config_init(&cfg);
    cfg.protocol = PARLEY_PROTOCOL_SHUTTLE;
    cfg.venues = venues;
    cfg.venue_count = PARLEY_MAX_VENUES;
    check_config(sc, &cfg, NULL);
    cfg.venue_count = PARLEY_MAX_VENUES + 1;
    snprintf(text, sizeof text, "at most %u venues", PARLEY_MAX_VENUES);
    check_config(sc, &cfg, text);
    /* shuttle: one round per session at least, and a deadline in rounds for more than one */
    parley_session_config_init(&cfg);
    cfg.protocol = PARLEY_PROTOCOL_SHUTTLE;
    cfg.rounds = 3;
    cfg.sessions = 3;
    check_config(sc, &cfg, NULL);
    cfg.sessions = 4;
    check_config(sc, &cfg, "4 sessions do not fit in 3 rounds (one round each at least)");
    cfg.rounds = 0;
    cfg.seconds = 1;
    check_config(sc, &cfg, "shuttle sessions need a deadline in rounds");
    cfg.sessions = 1;
    check_config(sc, &cfg, NULL);
    parley_scenario_free(sc);
}

/* The SVG of a negotiation run to its end, with the analysis given (or none). */
static char *svg_of(const parley_negotiation *neg, const parley_analysis *a)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    assert_int_equal(parley_negotiation_write_svg(neg, a, out, NULL), PARLEY_OK);
    fclose(out);
    return text;
}

static parley_analysis *analysis(const parley_scenario *sc, unsigned bins)
{
    parley_analysis_options options;
    memset(&options, 0, sizeof options);
    options.threads = 1;
    options.plot_bins = bins;
    parley_analysis *a = NULL;
    assert_int_equal(parley_analyze(sc, &options, &a, NULL), PARLEY_OK);
    return a;
}

static void test_plot_with_an_unusable_analysis(void **state)
{
    (void)state;
    parley_scenario *sc = scenario(2), *three = scenario(3);
    parley_negotiation *neg = NULL;
    assert_int_equal(parley_negotiation_new(sc, NULL, &neg, NULL), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "linear", NULL), PARLEY_OK);
    assert_int_equal(parley_negotiation_add_agent_spec(neg, "linear", NULL), PARLEY_OK);
    assert_int_equal(parley_negotiation_run(neg, NULL), PARLEY_OK);
    parley_analysis *plain = analysis(sc, 0), *plotted = analysis(sc, 16), *other = analysis(three, 16);
    char *none = svg_of(neg, NULL), *without_bins = svg_of(neg, plain), *with_bins = svg_of(neg, plotted),
         *of_three = svg_of(neg, other);
    assert_non_null(strstr(none, "</svg>"));
    assert_string_equal(without_bins, none);
    assert_string_equal(of_three, none);
    assert_string_not_equal(with_bins, none); /* the frontiers are drawn */
    /* the analysis's own plot needs plot data; its pair frontiers need k0 < k1 < parties */
    FILE *sink = tmpfile();
    assert_non_null(sink);
    parley_error err;
    assert_int_equal(parley_analysis_write_svg(plain, sc, sink, &err), PARLEY_EINVAL);
    char want[128];
    snprintf(want, sizeof want, "a plot needs 2 to %d parties and an analysis run with plot_bins > 0",
             PARLEY_PLOT_MAX_PARTIES);
    assert_string_equal(err.message, want);
    assert_int_equal(parley_analysis_write_svg(plotted, sc, sink, &err), PARLEY_OK);
    fclose(sink);
    const double *xy = (const double *)&err;
    assert_int_equal(parley_analysis_pair_frontier(plain, 0, 1, 0, &xy), 0);
    assert_null(xy);
    assert_true(parley_analysis_pair_frontier(plotted, 0, 1, 0, &xy) > 0);
    assert_non_null(xy);
    assert_int_equal(parley_analysis_pair_frontier(plotted, 1, 1, 0, &xy), 0);
    assert_int_equal(parley_analysis_pair_frontier(plotted, 1, 0, 0, &xy), 0);
    assert_int_equal(parley_analysis_pair_frontier(plotted, 0, 2, 0, &xy), 0);
    assert_true(parley_analysis_pair_frontier(other, 1, 2, 1, &xy) > 0);
    assert_int_equal(parley_analysis_pair_frontier(other, 1, 3, 1, &xy), 0);
    free(none);
    free(without_bins);
    free(with_bins);
    free(of_three);
    parley_analysis_free(plain);
    parley_analysis_free(plotted);
    parley_analysis_free(other);
    parley_negotiation_free(neg);
    parley_scenario_free(sc);
    parley_scenario_free(three);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clock_names),
        cmocka_unit_test(test_configurations),
        cmocka_unit_test(test_plot_with_an_unusable_analysis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill14_io.c: the tolerance of the plots' tick step (svg.c, nice_step:
 * the raw step, range / (ticks - 1), takes the first nice step of its decade,
 * 1, 2, 2.5, 5 or 10, that is at least raw * (1 - 1e-9)), at the boundary
 * (issue 27: a mutant that wanted the nice step strictly above survived).
 * With two ticks the raw step is the range itself.  For x = 1.000000001,
 * x * (1 - 1e-9) is exactly 1 in binary64 (worked out in Python: the product
 * rounds to 1.0, the double below x gives 1 - 2^-53, the one above 1 + 2^-52):
 * so [0, x] and [0, the double below x] get the step 1 and the ticks 0 and 1,
 * and [0, the double above x] the step 2 and the one tick 0.
 *
 * And the tick labels' decimals (svg.c, tick_label: as many as the step needs,
 * at most 6), on a y axis of 9 ticks (a panel 300 pixels high) from 0 to 8
 * steps: a step of 1e-5 writes 0.00001, one of 1e-6 writes 0.000001 (6, the
 * most), one of 1e-7 still 6 decimals (0.000000 at 1e-7, never 0.0000001).
 *
 * And the loader given no file at all: PARLEY_EINVAL, "no input file", no
 * scenario (one file, the textbook example, loads).
 *
 * And the GENIUS and GeniusWeb profile writers asked for a party with no
 * preferences (the textbook's mediator, party 2) or no party (3): PARLEY_EINVAL,
 * "party N has no preferences to write", nothing written; party 1 is written.
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

#include "io/svg.h"

static void test_tick_step_at_the_tolerance(void **state)
{
    (void)state;
    double x = 1.000000001, t[16];
    assert_true(x * (1 - 1e-9) == 1.0); /* the premise, as this machine computes it */
    const double hi[3] = {nextafter(x, 0), x, nextafter(x, 2)};
    const size_t count[3] = {2, 2, 1};
    for (size_t k = 0; k < 3; k++) {
        size_t n = svg_ticks(0, hi[k], 2, 0, t);
        assert_int_equal(n, count[k]);
        assert_true(t[0] == 0);
        if (n > 1)
            assert_true(t[1] == 1);
    }
}

/* The SVG of one panel whose y axis runs from 0 to yhi (its x axis from 0 to 1). */
static char *axes(double yhi)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    svg s;
    svg_begin(&s, out, 500, 450);
    svg_panel p = {80, 60, 300, 300, 0, 1, 0, yhi};
    svg_axes(&s, &p, "x", "y", 0);
    assert_int_equal(svg_end(&s), 0);
    fclose(out);
    return text;
}

static void test_tick_label_decimals(void **state)
{
    (void)state;
    static const struct {
        double yhi;
        const char *has, *lacks;
    } cases[] = {
        {8e-5, ">0.00001</text>", ">0.000010</text>"},
        {8e-6, ">0.000001</text>", ">0.00000</text>"},
        {8e-7, ">0.000000</text>", ">0.0000001</text>"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        char *text = axes(cases[c].yhi);
        int has = strstr(text, cases[c].has) != NULL, lacks = strstr(text, cases[c].lacks) == NULL;
        free(text);
        if (!has || !lacks)
            fail_msg("y axis to %g: %s %s", cases[c].yhi, has ? "" : cases[c].has, lacks ? "" : cases[c].lacks);
    }
}

static void test_no_input_file(void **state)
{
    (void)state;
    const char *paths[1] = {PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json"};
    parley_scenario *sc = (parley_scenario *)paths;
    parley_error err;
    assert_int_equal(parley_scenario_load_with(paths, 0, NULL, &sc, &err), PARLEY_EINVAL);
    assert_null(sc);
    assert_string_equal(err.message, "no input file");
    assert_int_equal(parley_scenario_load_with(paths, 1, NULL, &sc, &err), PARLEY_OK);
    assert_non_null(sc);
    parley_scenario_free(sc);
}

typedef int (*profile_writer)(const parley_scenario *, size_t, FILE *, parley_warn_fn, void *, parley_error *);

static void test_profile_of_no_preferences(void **state)
{
    (void)state;
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json", &sc, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    const profile_writer writers[2] = {parley_genius_write_profile, parley_geniusweb_write_profile};
    for (size_t w = 0; w < 2; w++)
        for (size_t party = 1; party <= 3; party++) {
            char *text = NULL;
            size_t size = 0;
            FILE *out = open_memstream(&text, &size);
            assert_non_null(out);
            parley_error_clear(&err);
            int rc = writers[w](sc, party, out, NULL, NULL, &err);
            fclose(out);
            size_t written = size;
            free(text);
            if (party == 1) {
                assert_int_equal(rc, PARLEY_OK);
                assert_true(written > 0);
                continue;
            }
            char want[64];
            snprintf(want, sizeof want, "party %zu has no preferences to write", party);
            assert_int_equal(rc, PARLEY_EINVAL);
            assert_string_equal(err.message, want);
            assert_int_equal(written, 0);
        }
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tick_step_at_the_tolerance),
        cmocka_unit_test(test_tick_label_decimals),
        cmocka_unit_test(test_no_input_file),
        cmocka_unit_test(test_profile_of_no_preferences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

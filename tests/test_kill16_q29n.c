/*
 * test_kill16_q29n.c: the option table of the text report of a conflict (parley_gmcr_write_text, gmcr_output.c)
 * sized by every option, the first one included (issue 27, sixteenth session, helper q29n; survivor
 * gmcr_output.c:179, the loop over the options' id and name lengths starting at the second option).  The id column
 * is at least 12 characters wide and the name column at least 40, widened to the longest id and name; here the
 * first option alone has an id of 20 characters (one model) or a name of 46 (another), so only it widens its
 * column: the option lines are checked byte for byte, written here by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <parley/gmcr.h>

/* A two-DM model whose first option (A's) is `first` (a JSON object), B's one "b". */
static char *report_of(const char *first)
{
    char json[512];
    snprintf(json, sizeof json,
             "{\"name\": \"widths\", \"decision_makers\": ["
             " {\"name\": \"A\", \"options\": [%s], \"ranking\": [1, 0, 3, 2]},"
             " {\"name\": \"B\", \"options\": [{\"id\": \"b\"}], \"ranking\": [2, 0, 3, 1]}]}",
             first);
    parley_gmcr_model *m = NULL;
    parley_gmcr_result *r = NULL;
    parley_error err;
    parley_error_clear(&err);
    if (parley_gmcr_model_parse(json, strlen(json), "widths", &m, &err) != PARLEY_OK)
        fail_msg("%s\n%s", err.message, json);
    assert_int_equal(parley_gmcr_analyze(m, NULL, &r, &err), PARLEY_OK);
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    parley_gmcr_report rep = {.result = r};
    int rc = parley_gmcr_write_text(out, &rep, &err);
    fclose(out);
    parley_gmcr_result_free(r);
    parley_gmcr_model_free(m);
    assert_int_equal(rc, PARLEY_OK);
    return text;
}

/* The report holds `lines` (the option table, after its heading) verbatim. */
static void assert_option_table(const char *first, const char *lines)
{
    char *text = report_of(first);
    static const char heading[] = "Options (state code = sum of 2^(k-1) over the options k taken):\n";
    const char *table = strstr(text, heading);
    if (!table || strncmp(table + strlen(heading), lines, strlen(lines)) != 0)
        fail_msg("option table not as expected:\n%s\nwanted after the heading:\n%s", text, lines);
    free(text);
}

static void test_first_option_sets_the_widths(void **state)
{
    (void)state;
    /* the id 20 wide (the name is the id when none is given: 40 wide), then the 40-wide name column */
    assert_option_table("{\"id\": \"a_twenty_chars_id_00\"}",
                        "   1 a_twenty_chars_id_00 a_twenty_chars_id_00                     A\n"
                        "   2 b                    b                                        B\n");
    /* an id of 12 and a name of 46: the name column 46 wide */
    assert_option_table("{\"id\": \"a_twelve_chr\", \"name\": \"the first option, with a name of 46 characters\"}",
                        "   1 a_twelve_chr the first option, with a name of 46 characters A\n"
                        "   2 b            b                                              B\n");
    /* at the minimum widths (an id of 12, a name of 40) nothing widens */
    assert_option_table("{\"id\": \"a_twelve_chr\", \"name\": \"a name of exactly forty characters, 40 .\"}",
                        "   1 a_twelve_chr a name of exactly forty characters, 40 . A\n"
                        "   2 b            b                                        B\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_option_sets_the_widths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_kill_stats12.c: the tournament statistics' printed table and CSV pinned line by line on a made-up
 * two-agent tournament (one repeat, so each agent has two cells of one run each) whose figures are worked out
 * by hand: means, the degenerate bootstrap interval of constant cells, the agreement rate of one agreement in
 * two and of two in two, distances averaged over the runs that have one (a NaN Nash distance left out),
 * welfare; Welch's p-value when both variances are 0 (0 for different means, 1 for equal ones); ranking ties
 * kept in agent order; the replicator shares of a dominant agent (1 and 0) and the message when a self-payoff
 * is missing.  Also the scenario names of the results' CSV: an untitled scenario is "scenario N", a title seen
 * before gets " #2", and a field with a comma or a quote is quoted with its quotes doubled; the rows of a
 * two-party scenario padded to a three-party one's columns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <parley/parley.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textbook_fixture.h"
#include "tournament_stats_probe.h"

/* boulware (0) and conceder (1), one repeat.  When boulware opens: agreed, pareto 0.1, nash 0.2, welfare 0.9;
   when conceder opens: an agreement only if `always_agreed`, pareto 0.3, no Nash distance, welfare 0.5.  boulware
   always gets `first`, conceder `second`.  With `model`, boulware's model of conceder has Pearson 0.8 when it
   opens and 0.6 when not (0.1, 0.2, 0.3, 0.8 and 0.3, 0.4, 0.5, 0.6 after each quarter), conceder's none (NaN). */
static parley_tournament *two_agents(double first, double second, int always_agreed, const char *model)
{
    static const char *const agents[] = {"boulware", "conceder"};
    parley_tournament_config cfg;
    laid_out_config(&cfg, agents, 2);
    cfg.repeats = 1;
    cfg.model = model;
    parley_tournament *t = textbook_tournament(&cfg);
    parley_error err;
    const parley_model_accuracy none = {NAN, NAN, NAN, 0};
    assert_int_equal(parley_tournament_run_count(t), 2);
    for (size_t i = 0; i < 2; i++) {
        parley_tournament_run run = *parley_tournament_result(t, i);
        int boulware_opens = run.agents[0] == 0;
        double u[2] = {boulware_opens ? first : second, boulware_opens ? second : first};
        run.agreed = boulware_opens || always_agreed;
        run.rounds = 5;
        run.utility = run.discounted = u;
        run.pareto_distance = boulware_opens ? 0.1 : 0.3;
        run.nash_distance = boulware_opens ? 0.2 : NAN;
        run.welfare = boulware_opens ? 0.9 : 0.5;
        parley_model_accuracy accuracy[2], over_time[8];
        size_t b = boulware_opens ? 0 : 1; /* boulware's position */
        for (size_t k = 0; k < 2; k++) {
            accuracy[k] = none;
            for (size_t q = 0; q < 4; q++) {
                double p = q == 3 ? (boulware_opens ? 0.8 : 0.6) : (boulware_opens ? 0.1 : 0.3) + 0.1 * (double)q;
                over_time[4 * k + q] = k == b ? (parley_model_accuracy){p, 0.1, 0.2, 100} : none;
            }
        }
        accuracy[b] = over_time[4 * b + 3];
        run.model_accuracy = model ? accuracy : NULL;
        run.model_accuracy_over_time = model ? over_time : NULL;
        if (parley_tournament_set_result(t, i, &run, &err) != PARLEY_OK)
            fail_msg("%s", err.message);
    }
    return t;
}

static void expect_line(const char *text, const char *line)
{
    if (!strstr(text, line))
        fail_msg("missing line\n[%s]\nin\n%s", line, text);
}

static void table_of_a_dominant_agent(void **state)
{
    (void)state;
    parley_tournament *t = two_agents(0.6, 0.3, 0, NULL);
    const double self[2] = {0.5, 0.5}; /* boulware: 0.5, 0.6 against the two; conceder 0.3, 0.5: boulware wins */
    parley_stats_options options = {10, 1, self};
    parley_tournament_stats *s = NULL;
    assert_int_equal(parley_tournament_stats_compute(t, &options, &s, NULL), PARLEY_OK);
    char *text = written(parley_tournament_stats_write_text, s, t);
    expect_line(text, "\n1    boulware                            2      2    0.6000    [0.6000, 0.6000]    50.0%    "
                      "0.2000    0.2000   0.7000\n");
    expect_line(text, "\n2    conceder                            2      2    0.3000    [0.3000, 0.3000]    50.0%    "
                      "0.2000    0.2000   0.7000\n");
    expect_line(text, "\n 1 boulware                          -   0.0000*\n");
    expect_line(text, "\n 2 conceder                    0.0000*         -\n");
    expect_line(text, "\n  boulware                      1.000\n  conceder                      0.000\n");
    assert_null(strstr(text, "model r"));
    free(text);
    char *csv = written(parley_tournament_stats_write_csv, s, t);
    expect_line(csv, "\n1,boulware,2,2,1,0.600000,0.600000,0.600000,0.500000,0.200000,0.200000,0.700000,nan,nan,"
                     "nan,1.000000,nan,nan,nan\n");
    expect_line(csv, "\n2,conceder,2,2,1,0.300000,0.300000,0.300000,0.500000,0.200000,0.200000,0.700000,nan,nan,"
                     "nan,0.000000,nan,nan,nan\n");
    free(csv);
    char *json = written(parley_tournament_stats_write_json, s, t);
    json_t *root = json_loads(json, 0, NULL);
    assert_non_null(root);
    json_t *second = json_array_get(json_object_get(root, "agents"), 1);
    assert_string_equal(json_string_value(json_object_get(second, "agent")), "conceder");
    assert_int_equal(json_integer_value(json_object_get(second, "rank")), 2);
    assert_int_equal(json_integer_value(json_object_get(second, "agreements")), 1);
    assert_float_equal(json_real_value(json_array_get(json_object_get(second, "ci95"), 1)), 0.3, 1e-12);
    assert_true(json_is_null(json_object_get(second, "model_accuracy")));
    json_t *pairs = json_object_get(root, "pairwise");
    assert_int_equal(json_array_size(pairs), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(pairs, 0), "a")), "boulware");
    assert_float_equal(json_real_value(json_object_get(json_array_get(pairs, 0), "p_value")), 0, 0);
    json_t *meta = json_object_get(root, "meta_game");
    assert_float_equal(json_real_value(json_array_get(json_array_get(json_object_get(meta, "payoffs"), 1), 0)), 0.3,
                       1e-12);
    assert_true(json_is_null(json_object_get(meta, "replicator_missing")));
    json_decref(root);
    free(json);
    assert_float_equal(parley_tournament_stats_payoff(s, 0, 1), 0.6, 1e-12);
    assert_float_equal(parley_tournament_stats_payoff(s, 1, 0), 0.3, 1e-12);
    assert_float_equal(parley_tournament_stats_payoff(s, 1, 1), 0.5, 1e-12);
    parley_tournament_stats_free(s);
    parley_tournament_free(t);
}

static void a_tie_keeps_the_agent_order_and_p_is_one(void **state)
{
    (void)state;
    parley_tournament *t = two_agents(0.5, 0.5, 1, NULL);
    parley_stats_options options = {10, 1, NULL};
    parley_tournament_stats *s = NULL;
    assert_int_equal(parley_tournament_stats_compute(t, &options, &s, NULL), PARLEY_OK);
    assert_int_equal(parley_tournament_stats_agent(s, 0)->agent, 0);
    assert_int_equal(parley_tournament_stats_agent(s, 1)->agent, 1);
    assert_float_equal(parley_tournament_stats_p_value(s, 0, 1), 1, 0);
    for (size_t r = 0; r < 2; r++) { /* both runs agreed: 2 agreements in 2, 100% */
        assert_int_equal(parley_tournament_stats_agent(s, r)->agreements, 2);
        assert_float_equal(parley_tournament_stats_agent(s, r)->agreement_rate, 1, 0);
    }
    char *text = written(parley_tournament_stats_write_text, s, t);
    expect_line(text, "\n 1 boulware                          -   1.0000 \n");
    expect_line(text, "\nmeta-game: replicator dynamics not computed: boulware has no payoff against itself (play "
                      "with --self-play, or let --stats play the self-play games)\n");
    free(text);
    parley_tournament_stats_free(s);
    parley_tournament_free(t);
}

/* The textbook scenario with its title replaced by `title` ("" drops it); to free. */
static parley_scenario *retitled(const char *title)
{
    FILE *f = fopen(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json", "r");
    assert_non_null(f);
    char text[65536];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    static const char old[] = "\"title\": \"Textbook: a buyer and a seller, price and colour\",";
    char *at = strstr(text, old);
    assert_non_null(at);
    char edited[65536 + 256];
    int len = snprintf(edited, sizeof edited, "%.*s%s%s%s%s", (int)(at - text), text, title[0] ? "\"title\": \"" : "",
                       title, title[0] ? "\"," : "", at + strlen(old));
    parley_scenario *out = NULL;
    parley_error err;
    if (parley_scenario_parse(edited, (size_t)len, "retitled.json", &out, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return out;
}

/* The model column: boulware's mean Pearson (0.8 + 0.6) / 2, "-" for conceder; the table over the quarters. */
static void model_column_and_quarters(void **state)
{
    (void)state;
    parley_tournament *t = two_agents(0.6, 0.3, 0, "frequency");
    parley_stats_options options = {10, 1, NULL};
    parley_tournament_stats *s = NULL;
    assert_int_equal(parley_tournament_stats_compute(t, &options, &s, NULL), PARLEY_OK);
    char *text = written(parley_tournament_stats_write_text, s, t);
    expect_line(text, "  welfare  model r\n");
    expect_line(text, "    0.2000    0.2000   0.7000    0.700\n");
    expect_line(text, "    0.2000    0.2000   0.7000        -\n");
    expect_line(text, "\n  boulware                      0.200    0.300    0.400    0.700\n");
    expect_line(text, "\n  conceder                        nan      nan      nan      nan\n");
    free(text);
    char *csv = written(parley_tournament_stats_write_csv, s, t);
    expect_line(csv, ",0.700000,0.100000,0.200000,nan,0.200000,0.300000,0.400000\n");
    free(csv);
    parley_tournament_stats_free(s);
    parley_tournament_free(t);
}

/* A two-party scenario beside a three-party one: the results' CSV has the third party's four columns, left
   empty (",,,," after the second party's columns) in the two-party rows. */
static void csv_pads_the_shorter_runs(void **state)
{
    (void)state;
    parley_scenario *three = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-flatmates.json", &three, &err),
                     PARLEY_OK);
    static const char *const agents[] = {"boulware", "conceder", "linear"};
    parley_tournament_config cfg;
    laid_out_config(&cfg, agents, 3);
    static const parley_scenario *list[2];
    list[0] = sc;
    list[1] = three;
    parley_tournament *t = NULL;
    if (parley_tournament_run_all(list, 2, &cfg, &t, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_int_equal(parley_tournament_write_csv(t, f, NULL), PARLEY_OK);
    fclose(f);
    expect_line(buf, ",party2,agent2,utility2,discounted_utility2,party3,agent3,utility3,discounted_utility3\n");
    size_t padded = 0, lines = 0;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"), lines++) {
        size_t n = strlen(line), commas = 0;
        for (size_t i = 0; i < n; i++)
            commas += line[i] == ',';
        assert_int_equal(commas, 7 + 4 * 3 + (strchr(line, '"') ? 1 : 0)); /* and the quoted title's own comma */
        padded += n > 4 && strcmp(line + n - 4, ",,,,") == 0;
    }
    assert_int_equal(lines, 1 + parley_tournament_run_count(t));
    assert_int_equal(padded, 6); /* the 6 ordered pairs of 3 agents on the two-party scenario */
    free(buf);
    parley_tournament_free(t);
    parley_scenario_free(three);
}

static void scenario_names_in_the_csv(void **state)
{
    (void)state;
    parley_scenario *quoted = retitled("say \\\"hi\\\", twice"), *untitled = retitled("");
    static const char *const agents[] = {"boulware", "conceder"};
    parley_tournament_config cfg;
    laid_out_config(&cfg, agents, 2);
    static const parley_scenario *list[3];
    list[0] = list[1] = quoted;
    list[2] = untitled;
    parley_tournament *t = NULL;
    parley_error err;
    if (parley_tournament_run_all(list, 3, &cfg, &t, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    char name[64];
    assert_string_equal(parley_tournament_scenario_name(t, 0, name, sizeof name), "say \"hi\", twice");
    assert_string_equal(parley_tournament_scenario_name(t, 1, name, sizeof name), "say \"hi\", twice #2");
    assert_string_equal(parley_tournament_scenario_name(t, 2, name, sizeof name), "scenario 3");
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_int_equal(parley_tournament_write_csv(t, f, NULL), PARLEY_OK);
    fclose(f);
    expect_line(buf, "\n0,\"say \"\"hi\"\", twice\",");
    expect_line(buf, ",\"say \"\"hi\"\", twice #2\",");
    expect_line(buf, ",scenario 3,");
    free(buf);
    parley_tournament_free(t);
    parley_scenario_free(quoted);
    parley_scenario_free(untitled);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_of_a_dominant_agent),
        cmocka_unit_test(a_tie_keeps_the_agent_order_and_p_is_one),
        cmocka_unit_test(scenario_names_in_the_csv),
        cmocka_unit_test(model_column_and_quarters),
        cmocka_unit_test(csv_pads_the_shorter_runs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/*
 * test_kill_tournament11.c: parley_tournament_count_runs (tournament.c), the check that refuses a tournament of
 * more than 10 million negotiations before anything runs (issue 27, seed-11 survivor tournament.c:304, `>` ->
 * `>=`), and its other answers.  Counted by hand: with self-play an assignment gives each of the scenario's
 * parties one of the agents (agents^parties of them), without it an ordered choice of distinct agents
 * (agents!/(agents - parties)!); each is played `repeats` times (0 counts as 1) in every scenario.
 * Also the CSV of the runs (tournament_output.c): a field with a comma or a quote quoted (quotes doubled), the
 * names of scenarios (an untitled one "scenario N", a repeated title "T #2"), and the rows of a scenario with
 * fewer parties than the widest padded with empty fields; and the size of the tournament's SVG.  The scenarios
 * kept: none past the last (seed 12, tournament.c:494 `<` -> `<=`).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <parley/parley.h>
#include <stdlib.h>

#include "tournament/stats_internal.h"

/* Two parties (or three) over one integer issue. */
static parley_scenario *scenario_of(size_t parties)
{
    parley_space *space = parley_space_new();
    assert_int_equal(parley_space_add_integer(space, "x", 0, 1, 1, NULL), PARLEY_OK);
    parley_scenario *sc = parley_scenario_new(space);
    for (size_t p = 0; p < parties; p++) {
        parley_utility *u = parley_utility_new(space);
        parley_utility_set_weight(u, 0, 1);
        parley_utility_set_value(u, 0, 0, (double)(p % 2));
        parley_utility_set_value(u, 0, 1, (double)(1 - p % 2));
        char name[24];
        snprintf(name, sizeof name, "P%zu", p);
        assert_true(parley_scenario_add_party(sc, name, PARLEY_ROLE_PARTY, u, NULL) >= 0);
    }
    return sc;
}

static const char *const agent_specs[] = {"boulware", "conceder", "hardliner", "linear"};

/* count_runs over `count` copies of sc: its code, the runs in *runs (SIZE_MAX when refused), the message in why. */
static int count_runs(const parley_scenario *sc, size_t count, size_t agents, int self_play, unsigned repeats,
                      size_t *runs, char *why, size_t size)
{
    const parley_scenario *list[16];
    assert_true(count <= 16);
    for (size_t s = 0; s < count; s++)
        list[s] = sc;
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agent_specs;
    cfg.agent_count = agents;
    cfg.self_play = self_play;
    cfg.repeats = repeats;
    parley_error err;
    parley_error_clear(&err);
    *runs = SIZE_MAX;
    int rc = parley_tournament_count_runs(list, count, &cfg, runs, &err);
    snprintf(why, size, "%s", rc == PARLEY_OK ? "" : err.message);
    return rc;
}

static const char too_many[] = "more than 10 million negotiations: reduce agents or repeats";

/* Exactly 10,000,000 is allowed, one more is not: through the running total (several scenarios) ... */
static void ten_million_across_scenarios(void **state)
{
    (void)state;
    parley_scenario *sc = scenario_of(2);
    size_t runs;
    char why[1024];
    /* one agent playing both sides: 1 assignment; 10 scenarios x 1,000,000 repeats = 10,000,000 */
    assert_int_equal(count_runs(sc, 10, 1, 1, 1000000, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 10000000);
    /* 11 x 909,091 = 10,000,001 (each scenario alone is far below the limit: the total refuses it) */
    assert_int_equal(count_runs(sc, 11, 1, 1, 909091, &runs, why, sizeof why), PARLEY_ERANGE);
    assert_string_equal(why, too_many);
    assert_int_equal(runs, SIZE_MAX); /* not written */
    /* 11 x 909,090 = 9,999,990 */
    assert_int_equal(count_runs(sc, 11, 1, 1, 909090, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 9999990);
    parley_scenario_free(sc);
}

/* ... and through one scenario's assignments times repeats. */
static void ten_million_in_one_scenario(void **state)
{
    (void)state;
    parley_scenario *sc = scenario_of(2);
    size_t runs;
    char why[1024];
    /* 2 agents, self-play: 2^2 = 4 assignments; 4 x 2,500,000 = 10,000,000 */
    assert_int_equal(count_runs(sc, 1, 2, 1, 2500000, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 10000000);
    assert_int_equal(count_runs(sc, 1, 2, 1, 2500001, &runs, why, sizeof why), PARLEY_ERANGE);
    assert_string_equal(why, too_many);
    /* 1 assignment x 10,000,000 repeats; 10,000,001 repeats refused */
    assert_int_equal(count_runs(sc, 1, 1, 1, 10000000, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 10000000);
    assert_int_equal(count_runs(sc, 1, 1, 1, 10000001, &runs, why, sizeof why), PARLEY_ERANGE);
    /* a second scenario after a full first one: 10,000,000 + 1 */
    assert_int_equal(count_runs(sc, 2, 1, 1, 10000000, &runs, why, sizeof why), PARLEY_ERANGE);
    parley_scenario_free(sc);
}

static void assignments_counted(void **state)
{
    (void)state;
    parley_scenario *two = scenario_of(2), *three = scenario_of(3);
    size_t runs;
    char why[1024];
    /* without self-play: 4 x 3 = 12 ordered pairs, 4 x 3 x 2 = 24 triples; repeats 0 counts as 1 */
    assert_int_equal(count_runs(two, 1, 4, 0, 0, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 12);
    assert_int_equal(count_runs(three, 1, 4, 0, 1, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 24);
    /* with self-play: 3^3 = 27, twice each, in two scenarios: 108 */
    assert_int_equal(count_runs(three, 2, 3, 1, 2, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 108);
    /* exactly as many agents as parties is enough (2 x 1 = 2); one fewer is not */
    assert_int_equal(count_runs(two, 1, 2, 0, 1, &runs, why, sizeof why), PARLEY_OK);
    assert_int_equal(runs, 2);
    assert_int_equal(count_runs(three, 1, 2, 0, 1, &runs, why, sizeof why), PARLEY_EINVAL);
    assert_string_equal(why, "scenario 1 has 3 parties but only 2 agents: give at least 3 agents, or let one agent "
                             "play several parties (self-play)");
    assert_int_equal(count_runs(two, 1, 1, 0, 1, &runs, why, sizeof why), PARLEY_EINVAL);
    assert_string_equal(why, "scenario 1 has 2 parties but only 1 agent: give at least 2 agents, or let one agent "
                             "play several parties (self-play)");
    parley_scenario_free(two);
    parley_scenario_free(three);
}

/* What tournament_csv_field writes for text. */
static void expect_csv_field(const char *text, const char *want)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    tournament_csv_field(out, text);
    fclose(out);
    assert_string_equal(buf, want);
    free(buf);
}

static void csv_fields_quoted_when_needed(void **state)
{
    (void)state;
    expect_csv_field("plain text; with: marks", "plain text; with: marks");
    expect_csv_field("a,b", "\"a,b\"");
    expect_csv_field("say \"no\"", "\"say \"\"no\"\"\"");
    expect_csv_field("two\nlines", "\"two\nlines\"");
    expect_csv_field("cr\r", "\"cr\r\"");
    expect_csv_field("", "");
}

/* The fields of one CSV line (quoted fields kept as written); their count. */
static size_t csv_split(const char *line, char fields[][64], size_t max)
{
    size_t n = 0;
    const char *p = line;
    for (;;) {
        const char *start = p;
        int quoted = 0;
        while (*p && (quoted || *p != ',')) {
            if (*p == '"')
                quoted = !quoted;
            p++;
        }
        if (n < max)
            snprintf(fields[n], 64, "%.*s", (int)(p - start), start);
        n++;
        if (!*p)
            return n;
        p++;
    }
}

static void csv_of_runs(void **state)
{
    (void)state;
    parley_scenario *sc[4] = {scenario_of(2), scenario_of(3), scenario_of(2), scenario_of(2)};
    assert_int_equal(parley_scenario_set_title(sc[0], "Deal, \"big\""), PARLEY_OK);
    assert_int_equal(parley_scenario_set_title(sc[2], "Deal, \"big\""), PARLEY_OK);
    /* sc[1] and sc[3] untitled */
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    const char *const agents[] = {"hardliner", "conceder", "linear"};
    cfg.agents = agents;
    cfg.agent_count = 3;
    cfg.session.rounds = 4;
    cfg.threads = 1;
    parley_tournament *t = NULL;
    parley_error err;
    assert_int_equal(parley_tournament_run_all((const parley_scenario *const *)sc, 4, &cfg, &t, &err), PARLEY_OK);
    char name[64];
    assert_string_equal(parley_tournament_scenario_name(t, 0, name, sizeof name), "Deal, \"big\"");
    assert_string_equal(parley_tournament_scenario_name(t, 1, name, sizeof name), "scenario 2");
    assert_string_equal(parley_tournament_scenario_name(t, 2, name, sizeof name), "Deal, \"big\" #2");
    assert_string_equal(parley_tournament_scenario_name(t, 3, name, sizeof name), "scenario 4"); /* no #2 */
    /* the scenarios as the tournament keeps them, none past the last */
    assert_int_equal(parley_tournament_scenario_count(t), 4);
    for (size_t k = 0; k < 4; k++)
        assert_int_equal(parley_scenario_negotiator_count(parley_tournament_scenario(t, k)), k == 1 ? 3 : 2);
    assert_null(parley_tournament_scenario(t, 4));
    assert_null(parley_tournament_scenario(t, 5));
    char *csv = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&csv, &len);
    assert_int_equal(parley_tournament_write_csv(t, out, &err), PARLEY_OK);
    fclose(out);
    /* 6 ordered pairs in each 2-party scenario, 6 ordered triples in the 3-party one */
    assert_int_equal(parley_tournament_run_count(t), 24);
    const char *header = "run,scenario,seed,agreed,rounds,pareto_distance,nash_distance,welfare,"
                         "party1,agent1,utility1,discounted_utility1,party2,agent2,utility2,discounted_utility2,"
                         "party3,agent3,utility3,discounted_utility3\n";
    assert_memory_equal(csv, header, strlen(header));
    size_t rows = 0, seen[4] = {0};
    for (char *line = strtok(csv + strlen(header), "\n"); line; line = strtok(NULL, "\n"), rows++) {
        char f[32][64];
        size_t n = csv_split(line, f, 32);
        assert_int_equal(n, 20); /* every row has the header's 20 fields */
        char run[16];
        snprintf(run, sizeof run, "%zu", rows);
        assert_string_equal(f[0], run);
        size_t s = !strcmp(f[1], "\"Deal, \"\"big\"\"\"") ? 0 : !strcmp(f[1], "scenario 2") ? 1
                   : !strcmp(f[1], "\"Deal, \"\"big\"\" #2\"") ? 2 : !strcmp(f[1], "scenario 4") ? 3 : 9;
        assert_true(s < 4);
        seen[s]++;
        assert_string_equal(f[8], "P0");
        assert_string_equal(f[12], "P1");
        if (s == 1) {
            assert_string_equal(f[16], "P2");
            assert_true(f[18][0] && f[19][0]);
        } else {
            for (int k = 16; k < 20; k++) /* the third party's four fields empty */
                assert_string_equal(f[k], "");
        }
        for (int k = 9; k <= 13; k += 4)
            assert_true(!strcmp(f[k], "hardliner") || !strcmp(f[k], "conceder") || !strcmp(f[k], "linear"));
        assert_string_not_equal(f[9], f[13]); /* no self-play */
    }
    assert_int_equal(rows, 24);
    for (int s = 0; s < 4; s++)
        assert_int_equal(seen[s], 6);
    free(csv);
    /* the SVG's size by hand (tournament_plot.c): rows of 30 px for 3 agents under a 50 + 14 px title, 56 px of
     * axes, a legend of 3 x 16 + 8 and a 10 px margin: 64 + 90 + 56 + 56 + 10 = 276 high; the names' column
     * ("hardliner", 9 x 0.62 x 11 px = 61.38, + 20) and two 340 px panels, a 60 px gap and 20 px: 841.38 wide */
    char *svg = NULL;
    out = open_memstream(&svg, &len);
    assert_int_equal(parley_tournament_write_svg(t, out, &err), PARLEY_OK);
    fclose(out);
    assert_non_null(strstr(svg, "width=\"841\" height=\"276\" viewBox=\"0 0 841 276\""));
    free(svg);
    parley_tournament_free(t);
    for (int s = 0; s < 4; s++)
        parley_scenario_free(sc[s]);
}

/* Agent 0 (one agent, self-play) on sc for `rounds` rounds, with the frequency model measured on 50 samples (at
 * most the space's 2 outcomes are). */
static parley_tournament *modelled_run(const parley_scenario *sc, long rounds)
{
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    const char *const agents[] = {"hardliner"};
    cfg.agents = agents;
    cfg.agent_count = 1;
    cfg.self_play = 1;
    cfg.session.rounds = rounds;
    cfg.threads = 1;
    cfg.model = "frequency";
    cfg.model_samples = 50;
    parley_tournament *t = NULL;
    parley_error err;
    assert_int_equal(parley_tournament_run_all(&sc, 1, &cfg, &t, &err), PARLEY_OK);
    assert_int_equal(parley_tournament_run_count(t), 1);
    return t;
}

static int unmeasured(const parley_model_accuracy *m)
{
    return isnan(m->pearson) && isnan(m->rmse) && isnan(m->kendall) && m->samples == 0;
}

/*
 * The model of a party over time (stats.c, tournament_model_accuracy): after each quarter of its offers; a party
 * with fewer than 4 offers has the first three unmeasured and the last one its final model; one with none, all
 * four and the final model unmeasured.  Offers counted by hand: two hardliners over opposed preferences never
 * agree and each offers once a round; over shared ones the second accepts the first one's opening offer.
 */
static void model_over_time_with_few_offers(void **state)
{
    (void)state;
    parley_scenario *opposed = scenario_of(2);
    for (long rounds = 2; rounds <= 8; rounds += 6) { /* 2 offers each, then 8 */
        parley_tournament *t = modelled_run(opposed, rounds);
        const parley_tournament_run *r = parley_tournament_result(t, 0);
        assert_false(r->agreed);
        for (size_t k = 0; k < 2; k++) {
            const parley_model_accuracy *q = r->model_accuracy_over_time + 4 * k;
            assert_int_equal(r->model_accuracy[k].samples, 2);
            for (int i = 0; i < 3; i++)
                if (rounds == 2)
                    assert_true(unmeasured(&q[i]));
                else
                    assert_int_equal(q[i].samples, 2);
            assert_memory_equal(&q[3], &r->model_accuracy[k], sizeof q[3]);
        }
        parley_tournament_free(t);
    }
    parley_scenario_free(opposed);
    parley_scenario *shared = scenario_of(2);
    parley_utility *u1 = parley_party_utility_mut(shared, 1); /* P1 now wants x = 1 too */
    parley_utility_set_value(u1, 0, 0, 0);
    parley_utility_set_value(u1, 0, 1, 1);
    parley_tournament *t = modelled_run(shared, 8);
    const parley_tournament_run *r = parley_tournament_result(t, 0);
    assert_true(r->agreed);
    assert_int_equal(r->model_accuracy[0].samples, 2); /* P0 offered once */
    assert_true(unmeasured(&r->model_accuracy_over_time[0]));
    assert_memory_equal(&r->model_accuracy_over_time[3], &r->model_accuracy[0], sizeof r->model_accuracy[0]);
    assert_true(unmeasured(&r->model_accuracy[1])); /* P1 offered nothing */
    for (int i = 0; i < 4; i++)
        assert_true(unmeasured(&r->model_accuracy_over_time[4 + i]));
    parley_tournament_free(t);
    parley_scenario_free(shared);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ten_million_across_scenarios),
        cmocka_unit_test(ten_million_in_one_scenario),
        cmocka_unit_test(assignments_counted),
        cmocka_unit_test(csv_fields_quoted_when_needed),
        cmocka_unit_test(csv_of_runs),
        cmocka_unit_test(model_over_time_with_few_offers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

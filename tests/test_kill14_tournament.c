/*
 * test_kill14_tournament.c: tournament statistics on a made-up two-agent tournament (nothing played; the test sets
 * each run's figures), checked against values worked out by hand (issue 27, the kill14 probe of src/tournament):
 *
 * - opponent-model accuracy where Pearson, RMSE and Kendall are missing (NaN) in different runs: the Pearson and
 *   RMSE means count only the runs that have both, Kendall's mean the runs that have it, each quarter's mean the
 *   runs that have that quarter; through the API, the JSON ("model_accuracy", "model_pearson_over_time" with null
 *   for a quarter no run measured) and the CSV row;
 * - the replicator dynamics of a hawk-dove meta-game, which settle inside the simplex: with payoffs
 *   M = [[a, b], [c, d]] = [[0.1, 0.7], [0.4, 0.3]] (self-payoffs given as options), the first agent's share is
 *   (b - d) / ((b - d) + (c - a)) = 0.4 / 0.7 = 4/7 (the transposed game would settle at 1/7), in the API, the
 *   JSON's meta-game and the text; a share that one step would make negative (payoffs below 0, as elicitation
 *   costs make them) is clamped to 0;
 * - the tournament's limits with their messages: at least one scenario, 1 to 256 agents (0 and 257 refused, 256
 *   laid out as 256 * 255 runs), at most 64 threads (65 and 1000 run on 64), and parley_tournament_set_result refusing a run number past the end (the last one
 *   accepted) and a result for another scenario, party count, seed or assignment, each alone; the progress
 *   callback told of negotiations, its last report the run count;
 * - the tournament plot's box of each agent's discounted utilities (the undiscounted ones set apart): whiskers at
 *   the 5th and 95th percentiles, box at the quartiles, median and mean, each interpolated between order
 *   statistics by hand.
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

#define N NAN

/* One run's figures for the agent in seat k: its discounted utility, its model's final accuracy, its four
   quarters' Pearson correlations.  Index [o][k]: o = 0 the run where boulware opens, 1 where conceder opens. */
struct figures {
    double utility[2][2];
    double by_repeat[2][2][3]; /* with repeats: the utilities in repeat r (utility[][] unused) */
    parley_model_accuracy accuracy[2][2];
    double quarters[2][2][4];
};

/* boulware (0) and conceder (1), one repeat, on the textbook scenario, with the runs' figures set from `f`. */
static parley_tournament *two_agents_repeated(const struct figures *f, int model, unsigned repeats)
{
    static const char *const agents[] = {"boulware", "conceder"};
    parley_tournament_config cfg;
    laid_out_config(&cfg, agents, 2);
    cfg.repeats = repeats;
    cfg.model = model ? "frequency" : NULL;
    parley_tournament *t = textbook_tournament(&cfg);
    parley_error err;
    assert_int_equal(parley_tournament_run_count(t), 2 * repeats);
    for (size_t i = 0; i < 2 * repeats; i++) {
        parley_tournament_run run = *parley_tournament_result(t, i);
        size_t o = run.agents[0] == 0 ? 0 : 1, rep = i % repeats; /* the runs: by assignment, then by repeat */
        double u[2] = {f->utility[o][0], f->utility[o][1]};
        if (repeats > 1)
            u[0] = f->by_repeat[o][0][rep], u[1] = f->by_repeat[o][1][rep];
        parley_model_accuracy accuracy[2], over_time[8];
        for (size_t k = 0; k < 2; k++) {
            accuracy[k] = f->accuracy[o][k];
            for (size_t q = 0; q < 4; q++)
                over_time[4 * k + q] = (parley_model_accuracy){f->quarters[o][k][q], 0.1, 0.1, 10};
        }
        run.agreed = 1;
        run.rounds = 5;
        double undiscounted[2] = {(1 + u[0]) / 2, (1 + u[1]) / 2}; /* never what the statistics read */
        run.utility = undiscounted;
        run.discounted = u;
        run.pareto_distance = run.nash_distance = 0;
        run.welfare = u[0] + u[1];
        run.model_accuracy = model ? accuracy : NULL;
        run.model_accuracy_over_time = model ? over_time : NULL;
        if (parley_tournament_set_result(t, i, &run, &err) != PARLEY_OK)
            fail_msg("%s", err.message);
    }
    return t;
}

static parley_tournament *two_agents(const struct figures *f, int model)
{
    return two_agents_repeated(f, model, 1);
}

/* The tournament's SVG plot as a string in *svg (to free). */
static void write_svg(const parley_tournament *t, char **svg)
{
    size_t size = 0;
    FILE *f = open_memstream(svg, &size);
    assert_non_null(f);
    assert_int_equal(parley_tournament_write_svg(t, f, NULL), PARLEY_OK);
    fclose(f);
}

static void expect_text(const char *text, const char *part)
{
    if (!strstr(text, part))
        fail_msg("missing\n[%s]\nin\n%s", part, text);
}

/* a == b, or both NaN (a JSON null reads as NaN) */
static void same_number(double want, double got, const char *what)
{
    if (isnan(want) ? !isnan(got) : !(fabs(want - got) < 1e-12))
        fail_msg("%s: %.17g, expected %.17g", what, got, want);
}

static double real_or_nan(const json_t *v)
{
    return json_is_number(v) ? json_number_value(v) : NAN;
}

/* boulware: Pearson 0.8 / RMSE 0.1 / Kendall 0.5 when it opens, Pearson missing / 0.3 / 0.2 when not: Pearson and
   RMSE come from the first run only (0.8, 0.1), Kendall from both (0.35); quarters {0.1, 0.2, -, 0.8} and
   {0.3, -, -, -}: means 0.2, 0.2, none, 0.8.  conceder: 0.4 / RMSE missing / Kendall missing as second seat, then
   0.6 / 0.2 / missing as first: Pearson 0.6 and RMSE 0.2 (the second run), Kendall none; quarters {-, -, -, 0.4}
   and {0.5, 0.5, 0.5, 0.6}: 0.5, 0.5, 0.5, 0.5. */
static const struct figures mixed = {
    .utility = {{0.6, 0.3}, {0.3, 0.6}},
    .accuracy = {{{0.8, 0.1, 0.5, 10}, {0.4, N, N, 10}}, {{0.6, 0.2, N, 10}, {N, 0.3, 0.2, 10}}},
    .quarters = {{{0.1, 0.2, N, 0.8}, {N, N, N, 0.4}}, {{0.5, 0.5, 0.5, 0.6}, {0.3, N, N, N}}},
};

static void model_means_count_the_runs_that_have_them(void **state)
{
    (void)state;
    parley_tournament *t = two_agents(&mixed, 1);
    const double self[2] = {0.5, 0.5};
    parley_stats_options options = {10, 1, self};
    parley_tournament_stats *s = NULL;
    assert_int_equal(parley_tournament_stats_compute(t, &options, &s, NULL), PARLEY_OK);
    static const double want[2][7] = {{0.8, 0.1, 0.35, 0.2, 0.2, N, 0.8}, {0.6, 0.2, N, 0.5, 0.5, 0.5, 0.5}};
    static const char *const names[2] = {"boulware", "conceder"};
    char *json = written(parley_tournament_stats_write_json, s, t);
    json_error_t jerr;
    json_t *root = json_loads(json, 0, &jerr);
    if (!root)
        fail_msg("stats JSON: %s\n%s", jerr.text, json);
    for (size_t a = 0; a < 2; a++) {
        const parley_agent_stats *g = stats_of(s, a);
        same_number(want[a][0], g->model_pearson, "model_pearson");
        same_number(want[a][1], g->model_rmse, "model_rmse");
        same_number(want[a][2], g->model_kendall, "model_kendall");
        for (size_t q = 0; q < 4; q++)
            same_number(want[a][3 + q], parley_tournament_stats_model_over_time(s, a, q), "over time");
        assert_true(isnan(parley_tournament_stats_model_over_time(s, a, 4)));
        json_t *row = json_array_get(json_object_get(root, "agents"), a); /* boulware ranks first (0.6 > 0.3) */
        assert_string_equal(json_string_value(json_object_get(row, "agent")), names[a]);
        json_t *model = json_object_get(row, "model_accuracy"), *over = json_object_get(row, "model_pearson_over_time");
        assert_int_equal(json_object_size(model), 3);
        same_number(want[a][0], real_or_nan(json_object_get(model, "pearson")), "JSON pearson");
        same_number(want[a][1], real_or_nan(json_object_get(model, "rmse")), "JSON rmse");
        same_number(want[a][2], real_or_nan(json_object_get(model, "kendall")), "JSON kendall");
        assert_true(json_is_real(json_object_get(model, "pearson")));
        assert_int_equal(json_array_size(over), 4);
        for (size_t q = 0; q < 4; q++) {
            same_number(want[a][3 + q], real_or_nan(json_array_get(over, q)), "JSON over time");
            assert_true(isnan(want[a][3 + q]) ? json_is_null(json_array_get(over, q)) : 1);
        }
    }
    json_decref(root);
    free(json);
    char *csv = written(parley_tournament_stats_write_csv, s, t);
    expect_text(csv, "\n1,boulware,2,2,2,0.600000,0.600000,0.600000,1.000000,0.000000,0.000000,0.900000,"
                     "0.800000,0.100000,0.350000,1.000000,0.200000,0.200000,nan\n");
    expect_text(csv, "\n2,conceder,2,2,2,0.300000,0.300000,0.300000,1.000000,0.000000,0.000000,0.900000,"
                     "0.600000,0.200000,nan,0.000000,0.500000,0.500000,0.500000\n");
    free(csv);
    char *text = written(parley_tournament_stats_write_text, s, t);
    expect_text(text, "0.9000    0.800\n");
    expect_text(text, "0.9000    0.600\n");
    expect_text(text, "\n  boulware                      0.200    0.200      nan    0.800\n"
                      "  conceder                      0.500    0.500    0.500    0.500\n");
    free(text);
    parley_tournament_stats_free(s);
    parley_tournament_free(t);
}

/* Without --model nothing is measured: no model column, no quarter table, null in the JSON. */
static void no_model_no_accuracy(void **state)
{
    (void)state;
    parley_tournament *t = two_agents(&mixed, 0);
    parley_tournament_stats *s = NULL;
    parley_stats_options options = {10, 1, NULL};
    assert_int_equal(parley_tournament_stats_compute(t, &options, &s, NULL), PARLEY_OK);
    for (size_t a = 0; a < 2; a++) {
        const parley_agent_stats *g = stats_of(s, a);
        assert_true(isnan(g->model_pearson) && isnan(g->model_rmse) && isnan(g->model_kendall));
        for (size_t q = 0; q < 4; q++)
            assert_true(isnan(parley_tournament_stats_model_over_time(s, a, q)));
    }
    char *json = written(parley_tournament_stats_write_json, s, t);
    json_t *root = json_loads(json, 0, NULL);
    assert_non_null(root);
    json_t *row = json_array_get(json_object_get(root, "agents"), 0);
    assert_true(json_is_null(json_object_get(row, "model_accuracy")));
    assert_true(json_is_null(json_object_get(row, "model_pearson_over_time")));
    json_decref(root);
    free(json);
    char *text = written(parley_tournament_stats_write_text, s, t);
    assert_null(strstr(text, "model r"));
    assert_null(strstr(text, "opponent-model accuracy over the negotiation"));
    free(text);
    parley_tournament_stats_free(s);
    parley_tournament_free(t);
}

/* Hawk-dove: boulware earns 0.7 against conceder, conceder 0.4 against boulware, self-payoffs 0.1 and 0.3. */
static void replicator_settles_at_the_mixed_equilibrium(void **state)
{
    (void)state;
    const struct figures hawk_dove = {.utility = {{0.7, 0.4}, {0.4, 0.7}}};
    parley_tournament *t = two_agents(&hawk_dove, 0);
    const double self[2] = {0.1, 0.3};
    parley_stats_options options = {10, 1, self};
    parley_tournament_stats *s = NULL;
    assert_int_equal(parley_tournament_stats_compute(t, &options, &s, NULL), PARLEY_OK);
    static const double payoff[2][2] = {{0.1, 0.7}, {0.4, 0.3}};
    for (size_t a = 0; a < 2; a++)
        for (size_t b = 0; b < 2; b++)
            same_number(payoff[a][b], parley_tournament_stats_payoff(s, a, b), "payoff");
    assert_int_equal(parley_tournament_stats_replicator_missing(s, NULL, NULL), 0);
    assert_float_equal(parley_tournament_stats_replicator(s, 0), 4.0 / 7, 1e-9);
    assert_float_equal(parley_tournament_stats_replicator(s, 1), 3.0 / 7, 1e-9);
    char *json = written(parley_tournament_stats_write_json, s, t);
    json_t *root = json_loads(json, 0, NULL);
    assert_non_null(root);
    json_t *meta = json_object_get(root, "meta_game");
    assert_true(json_is_null(json_object_get(meta, "replicator_missing")));
    assert_string_equal(json_string_value(json_array_get(json_object_get(meta, "agents"), 1)), "conceder");
    for (size_t a = 0; a < 2; a++) {
        json_t *row = json_array_get(json_object_get(meta, "payoffs"), a);
        assert_int_equal(json_array_size(row), 2);
        for (size_t b = 0; b < 2; b++)
            same_number(payoff[a][b], real_or_nan(json_array_get(row, b)), "JSON payoff");
        assert_float_equal(real_or_nan(json_array_get(json_object_get(meta, "replicator"), a)), (4.0 - a) / 7, 1e-9);
    }
    json_decref(root);
    free(json);
    char *text = written(parley_tournament_stats_write_text, s, t);
    expect_text(text, "\n  boulware                      0.571\n  conceder                      0.429\n");
    free(text);
    parley_tournament_stats_free(s);
    parley_tournament_free(t);
}

static void expect_error(int rc, int code, const parley_error *err, const char *message)
{
    assert_int_equal(rc, code);
    assert_string_equal(err->message, message);
}

static void agents_and_scenarios_at_their_limits(void **state)
{
    (void)state;
    static const char *many[257];
    for (size_t a = 0; a < 257; a++)
        many[a] = "boulware";
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = many;
    cfg.session.rounds = 10;
    cfg.claim = claim_nothing;
    const parley_scenario *list[1] = {sc};
    parley_tournament *t = NULL;
    parley_error err;
    cfg.agent_count = 2;
    expect_error(parley_tournament_run_all(list, 0, &cfg, &t, &err), PARLEY_EINVAL, &err,
                 "a tournament needs at least one scenario");
    assert_null(t);
    cfg.agent_count = 0;
    expect_error(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_EINVAL, &err,
                 "a tournament needs 1 to 256 agents, got 0");
    cfg.agent_count = 257;
    expect_error(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_EINVAL, &err,
                 "a tournament needs 1 to 256 agents, got 257");
    assert_null(t);
    cfg.agent_count = 256;
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_OK);
    assert_int_equal(parley_tournament_agent_count(t), 256);
    assert_int_equal(parley_tournament_run_count(t), 256 * 255);
    parley_tournament_free(t);
    /* threads: as asked up to 64, 64 past it */
    static const unsigned asked[][2] = {{1, 1}, {63, 63}, {64, 64}, {65, 64}, {1000, 64}};
    cfg.agent_count = 2;
    for (size_t k = 0; k < sizeof asked / sizeof asked[0]; k++) {
        cfg.threads = asked[k][0];
        assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_OK);
        assert_int_equal(parley_tournament_threads(t), asked[k][1]);
        parley_tournament_free(t);
    }
}

/* What a tournament's progress callback was told, in order. */
struct progress_calls {
    size_t count;
    double done[64], total[64];
    const char *what[64];
};

static void record_progress(void *user, double done, double total, const char *what)
{
    struct progress_calls *c = user;
    if (c->count < 64) {
        c->done[c->count] = done, c->total[c->count] = total, c->what[c->count] = what;
        c->count++;
    }
}

/* A played tournament reports its progress in negotiations, the last report being the whole (intermediate reports
   come at most ten times a second: how many depends on the machine's speed, so only their bounds are checked). */
static void progress_ends_at_the_run_count(void **state)
{
    (void)state;
    static const char *const agents[] = {"boulware", "conceder", "linear"};
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = 3;
    cfg.repeats = 2;
    cfg.threads = 1;
    cfg.session.rounds = 10;
    struct progress_calls calls = {0};
    cfg.progress = record_progress;
    cfg.progress_user = &calls;
    const parley_scenario *list[1] = {sc};
    parley_tournament *t = NULL;
    parley_error err;
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_OK);
    assert_int_equal(parley_tournament_run_count(t), 12); /* 3 * 2 ordered pairs, twice */
    assert_true(calls.count >= 1 && calls.count < 64);
    for (size_t k = 0; k < calls.count; k++) {
        assert_true(calls.total[k] == 12);
        assert_true(calls.done[k] >= 0 && calls.done[k] <= 12 && (k == 0 || calls.done[k] >= calls.done[k - 1]));
        assert_string_equal(calls.what[k], "negotiations");
    }
    assert_true(calls.done[calls.count - 1] == 12);
    parley_tournament_free(t);
    /* runs this process does not play (another rank claims them): no report along the way, the whole at the end */
    struct progress_calls none = {0};
    cfg.progress_user = &none;
    cfg.claim = claim_nothing;
    assert_int_equal(parley_tournament_run_all(list, 1, &cfg, &t, &err), PARLEY_OK);
    assert_int_equal(none.count, 1);
    assert_true(none.done[0] == 12 && none.total[0] == 12);
    assert_string_equal(none.what[0], "negotiations");
    parley_tournament_free(t);
}

static void a_result_must_be_for_its_run(void **state)
{
    (void)state;
    parley_tournament *t = two_agents(&mixed, 0);
    parley_error err;
    parley_tournament_run run = *parley_tournament_result(t, 1);
    assert_int_equal(parley_tournament_set_result(t, 1, &run, &err), PARLEY_OK);
    expect_error(parley_tournament_set_result(t, 2, &run, &err), PARLEY_EINVAL, &err,
                 "run 2 is not in the tournament (2 runs)");
    const char *other = "run 1 was played with other agents, scenario or seed";
    parley_tournament_run bad = run;
    bad.scenario = 1;
    expect_error(parley_tournament_set_result(t, 1, &bad, &err), PARLEY_EINVAL, &err, other);
    bad = run;
    bad.parties = 1;
    expect_error(parley_tournament_set_result(t, 1, &bad, &err), PARLEY_EINVAL, &err, other);
    bad = run;
    bad.seed = run.seed + 1;
    expect_error(parley_tournament_set_result(t, 1, &bad, &err), PARLEY_EINVAL, &err, other);
    const size_t swapped[2] = {run.agents[1], run.agents[0]}, half[2] = {run.agents[0], run.agents[0]};
    bad = run;
    bad.agents = swapped;
    expect_error(parley_tournament_set_result(t, 1, &bad, &err), PARLEY_EINVAL, &err, other);
    bad.agents = half; /* the first agent right, the second wrong */
    expect_error(parley_tournament_set_result(t, 1, &bad, &err), PARLEY_EINVAL, &err, other);
    parley_tournament_free(t);
}

/* Utilities outside [0, 1], as elicitation costs make them (each elicited outcome costs its party up to 1): boulware
   earns 0 against conceder and itself, conceder -100 against boulware and 0 against itself.  From (1/2, 1/2): f =
   (0, -50), mean -25; one step moves boulware's share by 0.05 * 1/2 * 25 to 1.125 and conceder's by -0.625 to
   -0.125, which is clamped to 0: after the normalisation (1, 0), where the dynamics rest. */
static void replicator_clamps_a_share_that_would_go_negative(void **state)
{
    (void)state;
    const struct figures costly = {.utility = {{0, -100}, {-100, 0}}};
    parley_tournament *t = two_agents(&costly, 0);
    const double self[2] = {0, 0};
    parley_stats_options options = {10, 1, self};
    parley_tournament_stats *s = NULL;
    assert_int_equal(parley_tournament_stats_compute(t, &options, &s, NULL), PARLEY_OK);
    same_number(-100, parley_tournament_stats_payoff(s, 1, 0), "conceder against boulware");
    assert_true(parley_tournament_stats_replicator(s, 0) == 1);
    assert_true(parley_tournament_stats_replicator(s, 1) == 0);
    parley_tournament_stats_free(s);
    parley_tournament_free(t);
}

/* The x of utility v in the utility panel: it spans [0, 1] over 340 px and ends 60 px before the rate panel,
   whose bars start at `rate_x`. */
static double utility_x(double rate_x, double v)
{
    return rate_x - 400 + 340 * v;
}

static void near_px(double want, double got, const char *what, size_t row)
{
    if (fabs(want - got) > 0.11) /* two figures printed to 0.1 px */
        fail_msg("row %zu: %s drawn at %.2f, expected %.2f", row, what, got, want);
}

/* boulware: 0.1, 0.3, 0.5 opening and 0.7, 0.8, 1.0 second: sorted, n = 6, the q-quantile at q * 5 between order
   statistics: 5% 0.15, 25% 0.35, median 0.6, 75% 0.775, 95% 0.95; mean 3.4 / 6.  conceder: 0.2 (x3) and 0.4 (x3):
   0.2, 0.2, 0.3, 0.4, 0.4; mean 0.3. */
static void plot_box_quantiles_by_hand(void **state)
{
    (void)state;
    const struct figures spread = {.by_repeat = {{{0.1, 0.3, 0.5}, {0.2, 0.2, 0.2}}, {{0.4, 0.4, 0.4}, {0.7, 0.8, 1.0}}}};
    parley_tournament *t = two_agents_repeated(&spread, 0, 3);
    static const double want[2][6] = {{0.15, 0.35, 0.6, 0.775, 0.95, 3.4 / 6}, {0.2, 0.2, 0.3, 0.4, 0.4, 0.3}};
    char *svg = NULL;
    write_svg(t, &svg);
    size_t row = 0;
    for (const char *box = strstr(svg, "fill-opacity=\"0.35\""); box; box = strstr(box + 1, "fill-opacity=\"0.35\"")) {
        assert_true(row < 2);
        const char *whisker = box, *rect = box;
        while (whisker > svg && strncmp(whisker, "<line ", 6) != 0)
            whisker--;
        while (rect > svg && strncmp(rect, "<rect ", 6) != 0)
            rect--;
        const char *median = strstr(box, "<line "), *mean = strstr(box, "<circle "), *rate = strstr(box, "fill-opacity=\"0.6\"");
        assert_non_null(median);
        assert_non_null(mean);
        assert_non_null(rate);
        while (strncmp(rate, "<rect ", 6) != 0)
            rate--;
        double w1, w2, bx, bw, m1, m2, cx, rx, y;
        assert_int_equal(sscanf(whisker, "<line x1=\"%lf\" y1=\"%lf\" x2=\"%lf\"", &w1, &y, &w2), 3);
        assert_int_equal(sscanf(rect, "<rect x=\"%lf\" y=\"%lf\" width=\"%lf\"", &bx, &y, &bw), 3);
        assert_int_equal(sscanf(median, "<line x1=\"%lf\" y1=\"%lf\" x2=\"%lf\"", &m1, &y, &m2), 3);
        assert_int_equal(sscanf(mean, "<circle cx=\"%lf\"", &cx), 1);
        assert_int_equal(sscanf(rate, "<rect x=\"%lf\"", &rx), 1);
        near_px(utility_x(rx, want[row][0]), w1, "the 5% whisker", row);
        near_px(utility_x(rx, want[row][4]), w2, "the 95% whisker", row);
        near_px(utility_x(rx, want[row][1]), bx, "the first quartile", row);
        near_px(utility_x(rx, want[row][3]) - utility_x(rx, want[row][1]), bw, "the box's width", row);
        near_px(utility_x(rx, want[row][2]), m1, "the median", row);
        assert_true(m1 == m2);
        near_px(utility_x(rx, want[row][5]), cx, "the mean", row);
        row++;
    }
    assert_int_equal(row, 2);
    free(svg);
    parley_tournament_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(agents_and_scenarios_at_their_limits),
        cmocka_unit_test(plot_box_quantiles_by_hand),
        cmocka_unit_test(a_result_must_be_for_its_run),
        cmocka_unit_test(progress_ends_at_the_run_count),
        cmocka_unit_test(model_means_count_the_runs_that_have_them),
        cmocka_unit_test(no_model_no_accuracy),
        cmocka_unit_test(replicator_settles_at_the_mixed_equilibrium),
        cmocka_unit_test(replicator_clamps_a_share_that_would_go_negative),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

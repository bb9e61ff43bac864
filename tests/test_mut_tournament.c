/*
 * test_mut_tournament.c: tournament behaviours that the generated mutants (tests/mutants) showed no test
 * pinned.  Each agent's means in the statistics (utility, agreement rate, distances to the frontier and to the
 * Nash point, welfare, the accuracy of a model of it) are recomputed here from the runs themselves: a mean
 * divided by another column's count shows.  The CSV of the runs holds each run's figures in the columns its
 * header names.  When the JSON library has no memory, the tournament's JSON writer says so (out of memory).
 * The plot's agreement-rate bars carry the 95% Wilson score interval of each agent's agreements.
 * The statistics' text numbers the columns of the p-value table 1..n, gives every agent its four quarters of
 * model accuracy and its meta-game share, each the value the library returns for it; the JSON's
 * model_pearson_over_time holds the four quarters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "test_util.h"
#include "tournament_stats_probe.h"

static parley_tournament *play_small(const parley_scenario *sc)
{
    static const char *const agents[] = {"boulware", "conceder", "hardliner"};
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    cfg.agents = agents;
    cfg.agent_count = 3;
    cfg.repeats = 2;
    cfg.session.rounds = 40;
    cfg.threads = 1;
    cfg.model = "frequency";
    static const parley_scenario *list[1]; /* the tournament keeps the array */
    list[0] = sc;
    parley_tournament *t = NULL;
    parley_error err;
    if (parley_tournament_run_all(list, 1, &cfg, &t, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    return t;
}

/* The per-agent sums of one quantity over the runs and how many runs had it (NaN skipped). */
struct mean {
    double sum, count;
};

static void add(struct mean *m, double x)
{
    if (!isnan(x))
        m->sum += x, m->count++;
}

static void assert_mean(const char *what, const char *agent, const struct mean *m, double got)
{
    double want = m->count ? m->sum / m->count : NAN;
    if (isnan(want) != isnan(got) || (!isnan(want) && fabs(want - got) > 1e-9))
        fail_msg("%s of %s: the statistics say %.12g, the runs %.12g (%g runs)", what, agent, got, want, m->count);
}

enum { UTILITY, AGREED, PARETO, NASH, WELFARE, PEARSON, RMSE, KENDALL, QUANTITIES };

static void agent_means_are_the_runs_means(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json");
    parley_tournament *t = play_small(sc);
    size_t n = parley_tournament_agent_count(t);
    struct mean(*by_agent)[QUANTITIES] = calloc(n, sizeof *by_agent);
    assert_non_null(by_agent);
    size_t nash_runs = 0, models = 0;
    for (size_t i = 0; i < parley_tournament_run_count(t); i++) {
        const parley_tournament_run *r = parley_tournament_result(t, i);
        nash_runs += !isnan(r->nash_distance);
        for (size_t k = 0; k < r->parties; k++) {
            struct mean *m = by_agent[r->agents[k]];
            add(&m[UTILITY], r->discounted[k]);
            add(&m[AGREED], r->agreed != 0);
            add(&m[PARETO], r->pareto_distance);
            add(&m[NASH], r->nash_distance);
            add(&m[WELFARE], r->welfare);
            if (r->model_accuracy && !isnan(r->model_accuracy[k].pearson) && !isnan(r->model_accuracy[k].rmse)) {
                add(&m[PEARSON], r->model_accuracy[k].pearson);
                add(&m[RMSE], r->model_accuracy[k].rmse);
                models++;
            }
            if (r->model_accuracy)
                add(&m[KENDALL], r->model_accuracy[k].kendall);
        }
    }
    /* the runs have the quantities the means are checked on */
    assert_true(nash_runs > 0);
    assert_true(models > 0);

    parley_tournament_stats *s = NULL;
    parley_stats_options options = {200, 7, NULL};
    assert_int_equal(parley_tournament_stats_compute(t, &options, &s, NULL), PARLEY_OK);
    assert_int_equal(parley_tournament_stats_agent_count(s), n);
    for (size_t rank = 0; rank < n; rank++) {
        const parley_agent_stats *g = parley_tournament_stats_agent(s, rank);
        const struct mean *m = by_agent[g->agent];
        const char *name = parley_tournament_agent_name(t, g->agent);
        assert_mean("mean utility", name, &m[UTILITY], g->mean);
        assert_mean("agreement rate", name, &m[AGREED], g->agreement_rate);
        assert_mean("distance to the frontier", name, &m[PARETO], g->pareto_distance);
        assert_mean("distance to the Nash point", name, &m[NASH], g->nash_distance);
        assert_mean("welfare", name, &m[WELFARE], g->welfare);
        assert_mean("model pearson", name, &m[PEARSON], g->model_pearson);
        assert_mean("model rmse", name, &m[RMSE], g->model_rmse);
        assert_mean("model kendall", name, &m[KENDALL], g->model_kendall);
    }
    parley_tournament_stats_free(s);
    free(by_agent);
    parley_tournament_free(t);
    parley_scenario_free(sc);
}

/* The field of a CSV line in column `col` (0-based; a quoted field may hold commas and doubled quotes), as a
   number (NaN when empty). */
static double csv_field(const char *line, size_t col)
{
    for (size_t c = 0; c < col; c++) {
        if (*line == '"')
            for (line++; *line && !(line[0] == '"' && line[1] != '"'); line += line[0] == '"' ? 2 : 1)
                ;
        line = strchr(line, ',');
        assert_non_null(line);
        line++;
    }
    if (*line == ',' || *line == '\n' || *line == '\0')
        return NAN;
    return strtod(line, NULL);
}

static void same_figure(const char *what, size_t run, double want, double got)
{
    if (isnan(want) != isnan(got) || (!isnan(want) && fabs(want - got) > 1e-9 * (1 + fabs(want))))
        fail_msg("run %zu: the CSV's %s is %.12g, the run's %.12g", run, what, got, want);
}

static void csv_columns_hold_the_runs_figures(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json");
    parley_tournament *t = play_small(sc);
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    parley_error err;
    assert_int_equal(parley_tournament_write_csv(t, out, &err), PARLEY_OK);
    fclose(out);
    const char *header = "run,scenario,seed,agreed,rounds,pareto_distance,nash_distance,welfare,party1,agent1,"
                         "utility1,discounted_utility1,";
    assert_memory_equal(text, header, strlen(header));
    const char *line = strchr(text, '\n') + 1;
    size_t nash_runs = 0;
    for (size_t i = 0; i < parley_tournament_run_count(t); i++) {
        const parley_tournament_run *r = parley_tournament_result(t, i);
        assert_true(*line != '\0');
        assert_int_equal((size_t)csv_field(line, 0), i);
        same_figure("pareto_distance", i, r->pareto_distance, csv_field(line, 5));
        same_figure("nash_distance", i, r->nash_distance, csv_field(line, 6));
        same_figure("welfare", i, r->welfare, csv_field(line, 7));
        for (size_t k = 0; k < r->parties; k++) {
            same_figure("utility", i, r->utility[k], csv_field(line, 10 + 4 * k));
            same_figure("discounted_utility", i, r->discounted[k], csv_field(line, 11 + 4 * k));
        }
        nash_runs += !isnan(r->nash_distance);
        line = strchr(line, '\n') + 1;
    }
    assert_true(nash_runs > 0);
    free(text);
    parley_tournament_free(t);
    parley_scenario_free(sc);
}

/* jansson's allocator for one test: every allocation refused */
static void *refuse(size_t size)
{
    (void)size;
    return NULL;
}

static void tournament_json_out_of_memory(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json");
    parley_tournament *t = play_small(sc);
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    parley_error err;
    json_set_alloc_funcs(refuse, free);
    int rc = parley_tournament_write_json(t, out, &err);
    json_set_alloc_funcs(malloc, free);
    fclose(out);
    free(text);
    assert_int_equal(rc, PARLEY_ENOMEM);
    assert_string_equal(err.message, "out of memory");
    parley_tournament_free(t);
    parley_scenario_free(sc);
}

/* The 95% Wilson score interval of k agreements in n negotiations (Wilson 1927), written out here. */
static void wilson_by_hand(double k, double n, double *lo, double *hi)
{
    const double z = 1.959964;
    double p = k / n, denominator = 1 + z * z / n;
    double centre = (p + z * z / (2 * n)) / denominator;
    double half = z / denominator * sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    *lo = centre - half < 0 ? 0 : centre - half;
    *hi = centre + half > 1 ? 1 : centre + half;
}

/*
 * The tournament plot draws, per agent, a bar as long as its agreement rate (x from the panel's left edge) and
 * the interval's line after it.  Every agent plays the same number of negotiations n here; the pixels per unit
 * of rate come from the bars themselves (their lengths over the rates, summed), each bar's k from its length,
 * and the line's ends must be the Wilson interval of k in n (e.g. 8 of 8: [0.676, 1]; 4 of 8: [0.215, 0.785]).
 */
static void plot_rate_intervals_are_wilson(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json");
    parley_tournament *t = play_small(sc);
    size_t agents = parley_tournament_agent_count(t);
    double n = 0, rate_sum = 0;
    for (size_t a = 0; a < agents; a++) {
        parley_tournament_score score;
        parley_tournament_agent_score(t, a, &score);
        assert_true(n == 0 || n == (double)score.played);
        n = (double)score.played;
        rate_sum += (double)score.agreements / n;
    }
    assert_true(rate_sum > 0);
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    parley_error err;
    assert_int_equal(parley_tournament_write_svg(t, out, &err), PARLEY_OK);
    fclose(out);
    double left[16], width[16], x1[16], x2[16];
    size_t rows = 0;
    for (const char *at = strstr(text, "fill-opacity=\"0.6\""); at && rows < 16;
         at = strstr(at + 1, "fill-opacity=\"0.6\"")) {
        const char *rect = at;
        while (rect > text && strncmp(rect, "<rect ", 6) != 0)
            rect--;
        double y, h;
        assert_int_equal(sscanf(rect, "<rect x=\"%lf\" y=\"%lf\" width=\"%lf\" height=\"%lf\"", &left[rows], &y,
                                &width[rows], &h), 4);
        const char *line = strstr(at, "<line ");
        assert_non_null(line);
        double ly1, ly2;
        assert_int_equal(sscanf(line, "<line x1=\"%lf\" y1=\"%lf\" x2=\"%lf\" y2=\"%lf\"", &x1[rows], &ly1, &x2[rows],
                                &ly2), 4);
        rows++;
    }
    assert_int_equal(rows, agents);
    double width_sum = 0;
    for (size_t r = 0; r < rows; r++)
        width_sum += width[r];
    double per_unit = width_sum / rate_sum; /* pixels per unit of rate */
    for (size_t r = 0; r < rows; r++) {
        double k = round(width[r] / per_unit * n), lo, hi;
        wilson_by_hand(k, n, &lo, &hi);
        if (fabs(x1[r] - (left[r] + lo * per_unit)) > 0.6 || fabs(x2[r] - (left[r] + hi * per_unit)) > 0.6)
            fail_msg("row %zu (%g of %g agreements): the interval is drawn from %.1f to %.1f, Wilson's is %.1f to %.1f",
                     r, k, n, x1[r], x2[r], left[r] + lo * per_unit, left[r] + hi * per_unit);
    }
    free(text);
    parley_tournament_free(t);
    parley_scenario_free(sc);
}

/* The line after the first line of `text` starting with `head` (NULL when there is none). */
static const char *line_after(const char *text, const char *head)
{
    for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        if (strncmp(line, head, strlen(head)) == 0)
            return strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL;
    return NULL;
}

/* The line starting at `line`, without its newline, in buf (so that sscanf stops at its end). */
static const char *one_line(const char *line, char *buf, size_t size)
{
    size_t len = strcspn(line, "\n");
    assert_true(len < size);
    memcpy(buf, line, len);
    buf[len] = '\0';
    return buf;
}

static void stats_text_lists_every_agent(void **state)
{
    (void)state;
    parley_scenario *sc = test_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json");
    parley_tournament *t = play_small(sc);
    size_t n = parley_tournament_agent_count(t);
    assert_int_equal(n, 3);
    const double self[3] = {0.5, 0.4, 0.3}; /* made up: the meta-game needs a diagonal */
    parley_stats_options options = {200, 7, self};
    parley_tournament_stats *s = NULL;
    assert_int_equal(parley_tournament_stats_compute(t, &options, &s, NULL), PARLEY_OK);
    char *text = written(parley_tournament_stats_write_text, s, t);

    const char *line = line_after(text, "significance of the differences");
    unsigned column[4] = {0};
    assert_non_null(line);
    char buf[256];
    assert_int_equal(sscanf(one_line(line, buf, sizeof buf), "%u %u %u %u", &column[0], &column[1], &column[2], &column[3]), 3);
    assert_true(column[0] == 1 && column[1] == 2 && column[2] == 3);

    line = line_after(text, "opponent-model accuracy");
    assert_non_null(line);
    line = strchr(line, '\n') + 1; /* the quarters' header */
    for (size_t rank = 0; rank < n; rank++, line = strchr(line, '\n') + 1) {
        size_t a = parley_tournament_stats_agent(s, rank)->agent;
        char name[64];
        double q[4];
        assert_int_equal(sscanf(one_line(line, buf, sizeof buf), "%63s %lf %lf %lf %lf", name, &q[0], &q[1], &q[2], &q[3]), 5);
        assert_string_equal(name, parley_tournament_agent_name(t, a));
        for (size_t k = 0; k < 4; k++)
            assert_float_equal(q[k], parley_tournament_stats_model_over_time(s, a, k), 0.0005);
    }

    line = line_after(text, "meta-game: share of each agent");
    assert_non_null(line);
    for (size_t rank = 0; rank < n; rank++, line = strchr(line, '\n') + 1) {
        size_t a = parley_tournament_stats_agent(s, rank)->agent;
        char name[64];
        double share;
        assert_int_equal(sscanf(one_line(line, buf, sizeof buf), "%63s %lf", name, &share), 2);
        assert_string_equal(name, parley_tournament_agent_name(t, a));
        assert_float_equal(share, parley_tournament_stats_replicator(s, a), 0.0005);
    }
    free(text);

    /* the JSON: each agent's model_pearson_over_time holds the four quarters */
    text = written(parley_tournament_stats_write_json, s, t);
    json_t *doc = json_loads(text, 0, NULL), *agents = json_object_get(doc, "agents");
    assert_int_equal(json_array_size(agents), n);
    for (size_t rank = 0; rank < n; rank++) {
        size_t a = parley_tournament_stats_agent(s, rank)->agent;
        json_t *quarters = json_object_get(json_array_get(agents, rank), "model_pearson_over_time");
        assert_int_equal(json_array_size(quarters), 4);
        for (size_t k = 0; k < 4; k++)
            assert_float_equal(json_real_value(json_array_get(quarters, k)),
                               parley_tournament_stats_model_over_time(s, a, k), 1e-12);
    }
    json_decref(doc);
    free(text);
    parley_tournament_stats_free(s);
    parley_tournament_free(t);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(agent_means_are_the_runs_means),
        cmocka_unit_test(csv_columns_hold_the_runs_figures),
        cmocka_unit_test(tournament_json_out_of_memory),
        cmocka_unit_test(plot_rate_intervals_are_wilson),
        cmocka_unit_test(stats_text_lists_every_agent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_oom_kill15_tournament.c: tournaments when memory runs out (issue 27: the allocation-failure branches of
 * src/tournament were run by no test).  Each operation runs with memory, then with allocation N of libparley.a
 * refused (tests/oom_refusal.h: with every later one or alone, for N = 1, 2, ... until it needs fewer): a refused
 * run fails with PARLEY_ENOMEM and a message saying so, or writes exactly what it writes with memory.
 *
 * The operations: playing a small tournament on the textbook buyer-seller (boulware and conceder, twice each,
 * 12 rounds, one thread; with the frequency opponent model and preference uncertainty: the estimates from 6
 * ranked outcomes, 2 elicited at a cost) and writing its JSON and CSV; the self-play payoffs; the statistics
 * (bootstrap intervals, Welch's test, the meta-game's replicator dynamics) in text, JSON and CSV; the SVG plot.
 * A statistic that silently lost its memory (a NaN interval, replicator shares left at 0) is a wrong answer
 * given as a right one, and fails here.  Leaks on these paths fail the sanitizer tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <parley/parley.h>

#include "failalloc.h"
#include "oom_refusal.h"

static const char *const agent_specs[] = {"boulware", "conceder"};

static void config(parley_tournament_config *cfg, int uncertain)
{
    parley_tournament_config_init(cfg);
    cfg->agents = agent_specs;
    cfg->agent_count = 2;
    cfg->repeats = 2;
    cfg->threads = 1;
    cfg->session.rounds = 12;
    if (uncertain) {
        cfg->model = "frequency";
        cfg->model_samples = 20;
        cfg->uncertain_bids = 6;
        cfg->uncertain_elicit = 2;
        cfg->uncertain_cost = 0.01;
    }
}

struct subject {
    const parley_scenario *const *list;
    const parley_tournament *t; /* played with memory */
};

/* t's JSON without its "seconds" line (which varies from run to run) to out. */
static int json_without_time(const parley_tournament *t, FILE *out, parley_error *err)
{
    struct oom_capture c;
    int rc = parley_tournament_write_json(t, oom_capture_open(&c), err);
    return oom_capture_put(&c, rc, out, "\"seconds\":");
}

/* Plays the tournament (uncertain: with the model and uncertainty) and writes its JSON and CSV. */
static int play(FILE *out, const struct subject *s, int uncertain, parley_error *err)
{
    parley_tournament_config cfg;
    config(&cfg, uncertain);
    parley_tournament *t = NULL;
    int rc = parley_tournament_run_all(s->list, 1, &cfg, &t, err);
    if (rc) {
        if (t)
            fail_msg("the tournament failed with %d but was returned", rc);
        return rc;
    }
    rc = json_without_time(t, out, err);
    if (!rc)
        rc = parley_tournament_write_csv(t, out, err);
    parley_tournament_free(t);
    return rc;
}

static int play_plain(FILE *out, const void *ctx, parley_error *err)
{
    return play(out, ctx, 0, err);
}

static int play_uncertain(FILE *out, const void *ctx, parley_error *err)
{
    return play(out, ctx, 1, err);
}

static int self_play(FILE *out, const void *ctx, parley_error *err)
{
    const struct subject *s = ctx;
    parley_tournament_config cfg;
    config(&cfg, 0);
    double payoff[2];
    int rc = parley_tournament_self_play_payoffs(s->list, 1, &cfg, payoff, err);
    if (!rc)
        fprintf(out, "%.17g %.17g\n", payoff[0], payoff[1]);
    return rc;
}

/* The statistics of the tournament played with memory, with self-payoffs given, in text, JSON and CSV. */
static int statistics(FILE *out, const void *ctx, parley_error *err)
{
    const struct subject *s = ctx;
    static const double self_payoff[2] = {0.5, 0.25};
    parley_stats_options o = {.bootstrap = 200, .seed = 3, .self_payoff = self_payoff};
    parley_tournament_stats *st = NULL;
    int rc = parley_tournament_stats_compute(s->t, &o, &st, err);
    if (rc) {
        if (st)
            fail_msg("the statistics failed with %d but were returned", rc);
        return rc;
    }
    rc = parley_tournament_stats_write_text(st, s->t, out, err);
    if (!rc)
        rc = parley_tournament_write_json_with_stats(s->t, st, out, err);
    if (!rc)
        rc = parley_tournament_stats_write_csv(st, s->t, out, err);
    parley_tournament_stats_free(st);
    return rc;
}

static int plot(FILE *out, const void *ctx, parley_error *err)
{
    const struct subject *s = ctx;
    return parley_tournament_write_svg(s->t, out, err);
}

static void test_tournament_out_of_memory(void **state)
{
    (void)state;
    parley_scenario *sc = NULL;
    parley_error err;
    assert_int_equal(parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook-buyer-seller.json", &sc, &err),
                     PARLEY_OK);
    const parley_scenario *list[1] = {sc};
    parley_tournament_config cfg;
    config(&cfg, 1);
    parley_tournament *t = NULL;
    if (parley_tournament_run_all(list, 1, &cfg, &t, &err) != PARLEY_OK)
        fail_msg("%s", err.message);
    struct subject s = {list, t};
    static const char *const names[] = {"statistics", "plot", "self-play payoffs", "tournament", "uncertain tournament"};
    static const oom_operation ops[] = {statistics, plot, self_play, play_plain, play_uncertain};
    for (size_t k = 0; k < sizeof ops / sizeof *ops; k++)
        oom_each_refusal(names[k], ops[k], &s);
    parley_tournament_free(t);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tournament_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

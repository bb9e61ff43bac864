/* cli_stats.c: the options of `parley tournament` for statistics (--stats, --stats-json, --stats-csv, --bootstrap,
   --model) and preference uncertainty (--uncertain, --uncertain-parties, --estimator, --elicit, --elicit-cost). */
#include "cli.h"
#include "cli_stats.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char cli_stats_usage[] =
    "  --stats          per agent: mean utility with a bootstrap 95% CI over (scenario, assignment)\n"
    "                   cells, agreement rate, distances, welfare, model accuracy; pairwise\n"
    "                   significance (Welch on cell means); meta-game replicator dynamics (without\n"
    "                   --self-play, each agent's games against itself are played for it);\n"
    "                   with --json, under \"stats\" in the JSON\n"
    "  --stats-json FILE, --stats-csv FILE   the same statistics as JSON (\"ci95\": [low, high]) or CSV\n"
    "  --bootstrap N    bootstrap resamples (default 1000)\n"
    "  --model NAME     measure a frequency, smith or bayes model of every party's offers\n"
    "  --uncertain K    preference uncertainty: parties know only a ranking of K of their outcomes\n"
    "  --uncertain-parties 1,2   which negotiating parties (default: all)\n"
    "  --estimator lp|frequency  how they estimate their utility from it (default lp)\n"
    "  --elicit N --elicit-cost C  each uncertain party ranks N more outcomes before the talks, paying C each\n";

int cli_stats_option(int argc, char **argv, int *i, struct cli_stats *o, parley_tournament_config *cfg)
{
    const char *value = NULL;
    int r;
    long n;
    if (strcmp(argv[*i], "--stats") == 0) {
        o->text = 1;
        return 1;
    }
    const char **file = NULL;
    if ((r = cli_option_value(argc, argv, i, "--stats-json", &value)) != 0)
        file = &o->json;
    else if ((r = cli_option_value(argc, argv, i, "--stats-csv", &value)) != 0)
        file = &o->csv;
    if (file) {
        if (r < 0)
            return cli_usage_error("tournament", "%s needs a file name", argv[*i]), -1;
        if (cli_check_output(file == &o->json ? "--stats-json" : "--stats-csv", value) != CLI_OK)
            return -1;
        *file = value;
        return 1;
    }
    if ((r = cli_option_value(argc, argv, i, "--bootstrap", &value)) != 0) {
        if (r < 0 || !cli_parse_long("tournament", "--bootstrap", value, 10, 1000000, &n))
            return r < 0 ? (cli_usage_error("tournament", "--bootstrap needs a value"), -1) : -1;
        o->bootstrap = (unsigned)n;
        return 1;
    }
    if ((r = cli_option_value(argc, argv, i, "--uncertain", &value)) != 0) {
        if (r < 0 || !cli_parse_long("tournament", "--uncertain", value, 1, 1000000, &n))
            return r < 0 ? (cli_usage_error("tournament", "--uncertain needs a number of ranked outcomes"), -1) : -1;
        cfg->uncertain_bids = (size_t)n;
        return 1;
    }
    if ((r = cli_option_value(argc, argv, i, "--elicit", &value)) != 0) {
        if (r < 0 || !cli_parse_long("tournament", "--elicit", value, 0, 1000000, &n))
            return r < 0 ? (cli_usage_error("tournament", "--elicit needs a number of outcomes"), -1) : -1;
        cfg->uncertain_elicit = (size_t)n;
        return 1;
    }
    if ((r = cli_option_value(argc, argv, i, "--elicit-cost", &value)) != 0) {
        double c;
        if (r < 0)
            return cli_usage_error("tournament", "--elicit-cost needs a value"), -1;
        if (!cli_parse_double("tournament", "--elicit-cost", value, &c))
            return -1;
        if (c < 0 || c > 1)
            return cli_usage_error("tournament", "--elicit-cost expects a cost per outcome in [0,1]"), -1;
        cfg->uncertain_cost = c;
        return 1;
    }
    if ((r = cli_option_value(argc, argv, i, "--estimator", &value)) != 0) {
        int e = r < 0 ? -1 : parley_estimator_from_name(value);
        if (e < 0)
            return cli_usage_error("tournament", "--estimator expects lp or frequency"), -1;
        cfg->uncertain_estimator = e;
        return 1;
    }
    if ((r = cli_option_value(argc, argv, i, "--uncertain-parties", &value)) != 0) {
        if (r < 0)
            return cli_usage_error("tournament", "--uncertain-parties needs a list like 1,2"), -1;
        cfg->uncertain_parties = 0;
        for (const char *p = value; *p;) {
            char *end;
            long k = strtol(p, &end, 10);
            if (end == p || k < 1 || k > 64 || (*end && *end != ','))
                return cli_usage_error("tournament", "--uncertain-parties expects party numbers 1..64 separated by "
                                       "commas, got '%s'", value), -1;
            cfg->uncertain_parties |= 1ull << (k - 1);
            p = *end ? end + 1 : end;
        }
        return 1;
    }
    if ((r = cli_option_value(argc, argv, i, "--model", &value)) != 0) {
        if (r < 0 || (strcmp(value, "frequency") != 0 && strcmp(value, "smith") != 0 && strcmp(value, "bayes") != 0))
            return cli_usage_error("tournament", "--model expects frequency, smith or bayes"), -1;
        o->model = cfg->model = value;
        return 1;
    }
    return 0;
}

static int write_file(const char *path, const parley_tournament_stats *s, const parley_tournament *t,
                      int (*writer)(const parley_tournament_stats *, const parley_tournament *, FILE *, parley_error *))
{
    parley_error err = {0};
    FILE *f = fopen(path, "w");
    int rc = f && writer(s, t, f, &err) == PARLEY_OK ? CLI_OK : CLI_FAILURE;
    if (f && fclose(f) != 0)
        rc = CLI_FAILURE;
    if (rc != CLI_OK) {
        parley_error_set_at(&err, PARLEY_EIO, path, 0, 0, NULL, "cannot write the statistics: %s", strerror(errno));
        return cli_report(&err);
    }
    return rc;
}

int cli_stats_compute(const struct cli_stats *o, const parley_tournament *t, const parley_tournament_config *cfg,
                      const parley_scenario *const *scenarios, size_t count, parley_tournament_stats **out)
{
    *out = NULL;
    if (!o->text && !o->json && !o->csv)
        return CLI_OK;
    parley_stats_options options = {o->bootstrap, cfg->session.seed, NULL};
    parley_error err = {0};
    double *self_payoff = NULL;
    if (!cfg->self_play) { /* the meta-game needs each agent's payoff against itself: play those games */
        if (!(self_payoff = malloc(cfg->agent_count * sizeof *self_payoff)))
            return CLI_FAILURE;
        if (parley_tournament_self_play_payoffs(scenarios, count, cfg, self_payoff, &err) != PARLEY_OK) {
            free(self_payoff);
            return cli_report(&err);
        }
        options.self_payoff = self_payoff;
    }
    int rc = parley_tournament_stats_compute(t, &options, out, &err) == PARLEY_OK ? CLI_OK : cli_report(&err);
    free(self_payoff);
    return rc;
}

int cli_stats_write(const struct cli_stats *o, const parley_tournament_stats *s, const parley_tournament *t,
                    int json_mode)
{
    if (!s)
        return CLI_OK;
    parley_error err = {0};
    int rc = CLI_OK;
    if (o->text && !json_mode) {
        fputc('\n', stdout);
        if (parley_tournament_stats_write_text(s, t, stdout, &err) != PARLEY_OK)
            rc = cli_report(&err);
    }
    if (o->json && write_file(o->json, s, t, parley_tournament_stats_write_json) != CLI_OK)
        rc = CLI_FAILURE;
    if (o->csv && write_file(o->csv, s, t, parley_tournament_stats_write_csv) != CLI_OK)
        rc = CLI_FAILURE;
    return rc;
}

/* cmd_tournament.c: `parley tournament`: every assignment of agents to parties, on every scenario, in parallel. */
#include "cli.h"
#include "cli/plot_file.h"
#include "cli/progress.h"

#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: parley tournament SCENARIO... --agents A,B[,C...] [--protocol alternating|single-text|shuttle]\n"
    "                         [--rounds N] [--repeats K] [--self-play] [--seed S] [--threads N]\n"
    "                         [--csv FILE] [--json] [--plot FILE.svg] [--quiet]\n"
    "\n"
    "Plays every ordered assignment of the agents to the negotiating parties of\n"
    "every scenario (each agent at most once per negotiation unless --self-play),\n"
    "K times with different seeds, on every core, and ranks the agents by mean\n"
    "(discounted) utility, with agreement rate, rounds, distance to the Pareto\n"
    "frontier and welfare.  A GENIUS domain is one argument: DOMAIN.xml+PROF1.xml+PROF2.xml.\n"
    "Agents: boulware, linear, conceder, hardliner, tit-for-tat, random, nash, with\n"
    "parameters after ':' (conceder:e=2), or a plug-in PATH.so.\n"
    "\n"
    "  --csv FILE   write every negotiation as a CSV row\n"
    "  --json       scores and every run as one JSON object\n"
    "  --plot FILE.svg  each agent's utility (box: quartiles, whiskers: 5-95%, dot: mean) and\n"
    "               agreement rate (with its 95% confidence interval)\n"
    "  --quiet      no progress line (it is shown on stderr only when stderr is a terminal)\n";

/* Splits "a+b+c" into a NULL-free array of paths inside `copy` (modified). */
static size_t split(char *copy, char sep, const char **parts, size_t max)
{
    size_t n = 0;
    for (char *p = copy; n < max;) {
        parts[n++] = p;
        char *next = strchr(p, sep);
        if (!next)
            break;
        *next = '\0';
        p = next + 1;
    }
    return n;
}

static void print_scores(const parley_tournament *t)
{
    size_t n = parley_tournament_agent_count(t);
    size_t *order = malloc(n * sizeof *order);
    parley_tournament_score *scores = malloc(n * sizeof *scores);
    if (!order || !scores)
        goto done;
    for (size_t a = 0; a < n; a++) {
        order[a] = a;
        parley_tournament_agent_score(t, a, &scores[a]);
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && scores[order[j]].mean_utility > scores[order[j - 1]].mean_utility; j--) {
            size_t tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    char rate[32];
    cli_format_rate(rate, sizeof rate, (double)parley_tournament_run_count(t), parley_tournament_seconds(t));
    printf("%zu negotiations in %.3f s on %u threads (%s per second)\n\n", parley_tournament_run_count(t),
           parley_tournament_seconds(t), parley_tournament_threads(t), rate);
    printf("%-4s %-24s %8s %10s %12s %10s %12s %10s\n", "rank", "agent", "played", "agreed", "utility", "rounds",
           "to Pareto", "welfare");
    for (size_t i = 0; i < n; i++) {
        const parley_tournament_score *s = &scores[order[i]];
        printf("%-4zu %-24s %8llu %9.1f%% %12.4f %10.1f %12.4f %10.4f\n", i + 1,
               parley_tournament_agent_name(t, order[i]), (unsigned long long)s->played,
               s->played ? 100.0 * (double)s->agreements / (double)s->played : 0.0, s->mean_utility, s->mean_rounds,
               s->mean_pareto_distance, s->mean_welfare);
    }
done:
    free(order);
    free(scores);
}

static int draw_tournament(const void *t, FILE *out, parley_error *err)
{
    return parley_tournament_write_svg(t, out, err);
}

int cmd_tournament(int argc, char **argv)
{
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    int json = 0, quiet = 0, rc = CLI_BAD_INPUT;
    const char *csv = NULL, *agents_arg = NULL, *plot = NULL;
    char **scenario_args = calloc((size_t)argc, sizeof *scenario_args);
    size_t scenario_count = 0;
    parley_scenario **scenarios = calloc((size_t)argc, sizeof *scenarios);
    const char *agent_list[256];
    char *agents_copy = NULL;
    parley_tournament *t = NULL;
    if (!scenario_args || !scenarios) {
        rc = CLI_FAILURE;
        goto done;
    }
    for (int i = 1; i < argc; i++) {
        const char *value = NULL;
        int r;
        long n;
        if (cli_is_help(argv[i])) {
            fputs(usage, stdout);
            rc = CLI_OK;
            goto done;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
        } else if ((r = cli_option_value(argc, argv, &i, "--plot", &value)) != 0) {
            if (r < 0)
                goto missing;
            plot = value;
        } else if (strcmp(argv[i], "--self-play") == 0) {
            cfg.self_play = 1;
        } else if ((r = cli_option_value(argc, argv, &i, "--agents", &value)) != 0) {
            if (r < 0)
                goto missing;
            agents_arg = value;
        } else if ((r = cli_option_value(argc, argv, &i, "--protocol", &value)) != 0) {
            int kind = r < 0 ? -1 : parley_protocol_from_name(value);
            if (kind < 0) {
                cli_usage_error("tournament", "--protocol expects alternating, single-text or shuttle");
                goto done;
            }
            cfg.session.protocol = (parley_protocol_kind)kind;
        } else if ((r = cli_option_value(argc, argv, &i, "--rounds", &value)) != 0) {
            if (r < 0 || !cli_parse_long("tournament", "--rounds", value, 1, 100000000, &n))
                goto done;
            cfg.session.rounds = n;
        } else if ((r = cli_option_value(argc, argv, &i, "--repeats", &value)) != 0) {
            if (r < 0 || !cli_parse_long("tournament", "--repeats", value, 1, 1000000, &n))
                goto done;
            cfg.repeats = (unsigned)n;
        } else if ((r = cli_option_value(argc, argv, &i, "--seed", &value)) != 0) {
            if (r < 0 || !cli_parse_long("tournament", "--seed", value, 0, 0x7fffffffL, &n))
                goto done;
            cfg.session.seed = (uint64_t)n;
        } else if ((r = cli_option_value(argc, argv, &i, "--threads", &value)) != 0) {
            if (r < 0 || !cli_parse_long("tournament", "--threads", value, 1, 64, &n))
                goto done;
            cfg.threads = (unsigned)n;
        } else if ((r = cli_option_value(argc, argv, &i, "--csv", &value)) != 0) {
            if (r < 0)
                goto missing;
            csv = value;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_usage_error("tournament", "unknown option '%s'", argv[i]);
            goto done;
        } else {
            scenario_args[scenario_count++] = argv[i];
        }
        continue;
    missing:
        cli_usage_error("tournament", "%s needs a value", argv[i]);
        goto done;
    }
    if (scenario_count == 0 || !agents_arg) {
        cli_usage_error("tournament", scenario_count ? "expected --agents A,B,..." : "expected at least one scenario");
        goto done;
    }
    if (!(agents_copy = strdup(agents_arg))) {
        rc = CLI_FAILURE;
        goto done;
    }
    cfg.agent_count = split(agents_copy, ',', agent_list, 256);
    cfg.agents = agent_list;
    parley_error err;
    for (size_t s = 0; s < scenario_count; s++) {
        const char *files[64];
        char *copy = strdup(scenario_args[s]);
        if (!copy) {
            rc = CLI_FAILURE;
            goto done;
        }
        size_t n = split(copy, '+', files, 64);
        int lrc = parley_scenario_load_files(files, n, &scenarios[s], &err);
        free(copy);
        if (lrc != PARLEY_OK) {
            rc = cli_report(&err);
            goto done;
        }
    }
    cli_progress progress;
    cli_progress_init(&progress, "tournament", quiet);
    cfg.progress = cli_progress_report;
    cfg.progress_user = &progress;
    int trc = parley_tournament_run_all((const parley_scenario *const *)scenarios, scenario_count, &cfg, &t, &err);
    cli_progress_end(&progress);
    if (trc != PARLEY_OK) {
        rc = cli_report(&err);
        goto done;
    }
    rc = CLI_OK;
    if (plot && cli_write_svg_file(plot, draw_tournament, t, &err) != PARLEY_OK)
        rc = cli_report(&err);
    if (csv) {
        FILE *f = fopen(csv, "w");
        if (!f || parley_tournament_write_csv(t, f, &err) != PARLEY_OK) {
            fprintf(stderr, "parley tournament: cannot write %s\n", csv);
            rc = CLI_FAILURE;
        }
        if (f && fclose(f) != 0)
            rc = CLI_FAILURE;
    }
    if (json) {
        if (parley_tournament_write_json(t, stdout, &err) != PARLEY_OK)
            rc = cli_report(&err);
    } else {
        print_scores(t);
    }
done:
    parley_tournament_free(t);
    for (size_t s = 0; scenarios && s < scenario_count; s++)
        parley_scenario_free(scenarios[s]);
    free(scenarios);
    free(scenario_args);
    free(agents_copy);
    return rc;
}

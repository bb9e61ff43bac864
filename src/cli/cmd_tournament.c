/* cmd_tournament.c: `parley tournament`: every assignment of agents to parties, on every scenario, in parallel. */
#include "cli.h"
#include "tournament_dist.h"
#include "cli_stats.h"
#include "cli/plot_file.h"
#include "cli/progress.h"

#include <parley/parley.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: parley tournament SCENARIO... --agents A,B[,C...] [--protocol alternating|single-text|shuttle]\n"
    "                         [--rounds N] [--time S] [--clock parley|genius] [--repeats K] [--self-play]\n"
    "                         [--seed S] [--threads N]\n"
    "                         [--csv FILE] [--json] [--plot FILE.svg] [--checkpoint FILE] [--quiet]\n"
    "\n"
    "Plays every ordered assignment of the agents to the negotiating parties of\n"
    "every scenario (each agent at most once per negotiation unless --self-play),\n"
    "K times with different seeds, on every core, and ranks the agents by mean\n"
    "(discounted) utility, with agreement rate, rounds, distance to the Pareto\n"
    "frontier and welfare, then a table per scenario.  Each SCENARIO is a native\n"
    "scenario, or a GENIUS/GeniusWeb domain followed by its profiles (DOMAIN.xml\n"
    "PROF1.xml PROF2.xml, told by their content) or joined to them by '+'.\n"
    "Agents are named as in negotiate, with parameters after ':' (conceder:e=2,\n"
    "boa:bidding=tft:model=bayes); the list follows the options.\n"
    "\n"
    "  --time S     deadline of each negotiation in seconds (results then depend on timing)\n"
    "  --clock C    parley (default): round r of R at t = (r-1)/(R-1); genius: t = r/(R+1) (GENIUS)\n"
    "  --csv FILE   write every negotiation as a CSV row (scenario and agents by name,\n"
    "               one column per party's utility)\n"
    "  --json       scores, per-scenario tables and every run as one JSON object\n"
    "  --plot FILE.svg  each agent's utility (box: quartiles, whiskers: 5-95%, dot: mean) and\n"
    "               agreement rate (with its 95% confidence interval)\n"
    "  --checkpoint FILE  append every finished negotiation to FILE; started again with the\n"
    "               same arguments, the tournament plays only what FILE does not hold\n"
    "  --normalise-weights   divide GENIUS profile weights by their sum\n"
    "  --quiet      no progress line (it is shown on stderr only when stderr is a terminal)\n"
    "Under mpirun -n N the negotiations are shared out over the N ranks (docs/distributed.md).\n";
/* (the statistics options are printed from cli_stats_usage) */

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
    size_t runs = parley_tournament_run_count(t);
    unsigned threads = parley_tournament_threads(t);
    printf("%zu negotiation%s in %.3f s on %u thread%s (%s per second)\n\n", runs, runs == 1 ? "" : "s",
           parley_tournament_seconds(t), threads, threads == 1 ? "" : "s", rate);
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

/*
 * What decides the runs of a tournament: every argument but the ones that only
 * say where output goes or how fast it runs.  A checkpoint keeps it, so that a
 * checkpoint is resumed only by the same tournament.
 */
static char *tournament_fingerprint(int argc, char **argv)
{
    static const char *const ignored[] = {"--csv", "--checkpoint", "--threads", "--plot", "--stats-json",
                                          "--stats-csv", "--bootstrap", NULL};
    size_t size = 1;
    for (int i = 1; i < argc; i++)
        size += strlen(argv[i]) + 1;
    char *out = calloc(size, 1);
    if (!out)
        return NULL;
    for (int i = 1; i < argc; i++) {
        int skip = 0;
        for (size_t k = 0; ignored[k]; k++)
            if (strcmp(argv[i], ignored[k]) == 0)
                skip = 2;
            else if (strncmp(argv[i], ignored[k], strlen(ignored[k])) == 0 && argv[i][strlen(ignored[k])] == '=')
                skip = 1;
        if (skip) {
            i += skip - 1;
            continue;
        }
        if (strcmp(argv[i], "--json") == 0 || strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "--stats") == 0)
            continue;
        strcat(out, argv[i]);
        strcat(out, " ");
    }
    return out;
}

/*
 * Prints `text` in a column of `width` characters (UTF-8 aware): padded with
 * spaces, or cut to width-1 characters and an ellipsis when longer, so that a
 * long scenario title does not push the other columns out of line.
 */
static void print_column(const char *text, size_t width)
{
    size_t chars = 0, cut = 0, len = strlen(text);
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80 && ++chars == width)
            cut = i; /* the byte where character number `width` starts */
    if (chars <= width) {
        printf("%s%*s", text, (int)(width - chars), "");
        return;
    }
    printf("%.*s\u2026", (int)cut, text); /* width-1 characters and "..." as one character */
}

/* One row per scenario: negotiations, agreement rate, rounds, welfare and each party's mean utility. */
static void print_scenarios(const parley_tournament *t)
{
    char name[512], buf[64];
    printf("\n%-32s %8s %10s %10s %10s  %s\n", "scenario", "runs", "agreed", "rounds", "welfare",
           "mean utility per party");
    for (size_t s = 0; s < parley_tournament_scenario_count(t); s++) {
        const parley_scenario *sc = parley_tournament_scenario(t, s);
        size_t n = parley_scenario_negotiator_count(sc);
        double *mean = calloc(n ? n : 1, sizeof *mean);
        parley_tournament_scenario_score score;
        parley_tournament_scenario_score_of(t, s, &score, mean);
        print_column(parley_tournament_scenario_name(t, s, name, sizeof name), 32);
        printf(" %8llu %9.1f%% %10.1f %10.4f ", (unsigned long long)score.negotiations,
               score.negotiations ? 100.0 * (double)score.agreements / (double)score.negotiations : 0.0,
               score.mean_rounds, score.mean_welfare);
        for (size_t k = 0; mean && k < n; k++) {
            snprintf(buf, sizeof buf, "%.4f", mean[k]);
            printf(" %s %s", parley_party_name(sc, parley_scenario_negotiator(sc, k)), buf);
        }
        printf("\n");
        free(mean);
    }
    for (size_t s = 0; s < parley_tournament_scenario_count(t); s++)
        if (parley_tournament_scenario_searched(t, s))
            printf("%s: too many outcomes to enumerate; its distances are to the best outcomes a search found "
                   "(parley analyze's method)\n",
                   parley_tournament_scenario_name(t, s, name, sizeof name));
}

static int draw_tournament(const void *t, FILE *out, parley_error *err)
{
    return parley_tournament_write_svg(t, out, err);
}

int cmd_tournament(int argc, char **argv)
{
    parley_tournament_config cfg;
    parley_tournament_config_init(&cfg);
    int json = 0, normalise = 0, quiet = 0, rc = CLI_BAD_INPUT, rounds_given = 0;
    const char *csv = NULL, *agents_arg = NULL, *checkpoint = NULL, *plot = NULL;
    tournament_dist *dist = NULL;
    char *fingerprint = NULL;
    char **scenario_args = calloc((size_t)argc, sizeof *scenario_args);
    size_t scenario_count = 0;
    parley_scenario **scenarios = calloc((size_t)argc, sizeof *scenarios);
    const char *agent_list[256];
    char *agents_copy = NULL;
    parley_tournament *t = NULL;
    struct cli_stats stats = {0};
    parley_tournament_stats *statistics = NULL;
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
            fputs(cli_stats_usage, stdout);
            cli_print_agent_names(stdout);
            rc = CLI_OK;
            goto done;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
        } else if ((r = cli_option_value(argc, argv, &i, "--plot", &value)) != 0) {
            if (r < 0)
                goto missing;
            if (cli_check_output("--plot", value) != CLI_OK)
                goto done;
            plot = value;
        } else if (cli_input_option(argv[i], &normalise)) {
        } else if (strcmp(argv[i], "--self-play") == 0) {
            cfg.self_play = 1;
        } else if ((r = cli_option_value(argc, argv, &i, "--agents", &value)) != 0) {
            if (r < 0)
                goto missing;
            agents_arg = value;
        } else if ((r = cli_option_value(argc, argv, &i, "--protocol", &value)) != 0) {
            int kind = r < 0 ? -1 : parley_protocol_from_name(value);
            if (kind < 0 && r > 0) {
                cli_bad_choice("tournament", "--protocol", value, cli_protocols, 3);
                goto done;
            }
            if (kind < 0) {
                cli_usage_error("tournament", "--protocol expects alternating, single-text or shuttle");
                goto done;
            }
            cfg.session.protocol = (parley_protocol_kind)kind;
        } else if ((r = cli_option_value(argc, argv, &i, "--rounds", &value)) != 0) {
            if (r < 0)
                goto missing;
            if (!cli_parse_long("tournament", "--rounds", value, 1, 100000000, &n))
                goto done;
            cfg.session.rounds = n;
            rounds_given |= 1;
        } else if ((r = cli_option_value(argc, argv, &i, "--time", &value)) != 0) {
            if (r < 0)
                goto missing;
            if (!cli_parse_double("tournament", "--time", value, &cfg.session.seconds))
                goto done;
            if (!(cfg.session.seconds > 0 && cfg.session.seconds <= 86400)) {
                cli_usage_error("tournament", "--time expects seconds in (0, 86400]");
                goto done;
            }
            rounds_given |= 2;
        } else if ((r = cli_option_value(argc, argv, &i, "--clock", &value)) != 0) {
            int c = r > 0 ? parley_clock_from_name(value) : -1;
            if (c < 0) {
                cli_usage_error("tournament", "--clock expects parley or genius");
                goto done;
            }
            cfg.session.clock = (parley_clock_kind)c;
        } else if ((r = cli_option_value(argc, argv, &i, "--repeats", &value)) != 0) {
            if (r < 0)
                goto missing;
            if (!cli_parse_long("tournament", "--repeats", value, 1, 1000000, &n))
                goto done;
            cfg.repeats = (unsigned)n;
        } else if ((r = cli_option_value(argc, argv, &i, "--seed", &value)) != 0) {
            if (r < 0)
                goto missing;
            if (!cli_parse_long("tournament", "--seed", value, 0, 0x7fffffffL, &n))
                goto done;
            cfg.session.seed = (uint64_t)n;
        } else if ((r = cli_option_value(argc, argv, &i, "--threads", &value)) != 0) {
            if (r < 0)
                goto missing;
            if (!cli_parse_long("tournament", "--threads", value, 1, 64, &n))
                goto done;
            cfg.threads = (unsigned)n;
        } else if ((r = cli_option_value(argc, argv, &i, "--checkpoint", &value)) != 0) {
            if (r < 0)
                goto missing;
            if (cli_check_output("--checkpoint", value) != CLI_OK)
                goto done;
            checkpoint = value;
        } else if ((r = cli_option_value(argc, argv, &i, "--csv", &value)) != 0) {
            if (r < 0)
                goto missing;
            if (cli_check_output("--csv", value) != CLI_OK)
                goto done;
            csv = value;
        } else if ((r = cli_stats_option(argc, argv, &i, &stats, &cfg)) != 0) {
            if (r < 0)
                goto done;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_unknown_option("tournament", argv[i], usage);
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
    if (rounds_given == 2)
        cfg.session.rounds = 0; /* a deadline in seconds alone, unless --rounds is given too */
    size_t named = 1;
    for (const char *c = agents_arg; *c; c++)
        named += *c == ',';
    if (named > sizeof agent_list / sizeof agent_list[0]) { /* split() would leave the rest out without a word */
        cli_usage_error("tournament", "--agents names %zu agents; at most %zu are supported", named,
                        sizeof agent_list / sizeof agent_list[0]);
        goto done;
    }
    if (!(agents_copy = strdup(agents_arg))) {
        rc = CLI_FAILURE;
        goto done;
    }
    cfg.agent_count = split(agents_copy, ',', agent_list, sizeof agent_list / sizeof agent_list[0]);
    cfg.agents = agent_list;
    parley_error err = {0};
    size_t loaded = 0;
    for (size_t s = 0; s < scenario_count;) {
        const char *const *files = (const char *const *)scenario_args + s;
        size_t n = cli_scenario_files(files, scenario_count - s);
        if ((rc = cli_load_scenario(files, n, normalise, &scenarios[loaded])) != CLI_OK)
            goto done;
        loaded++;
        s += n;
    }
    scenario_count = loaded;
    size_t runs;
    int writer = 1;
    cli_progress progress;
    cli_progress_init(&progress, "tournament", quiet);
    cfg.progress = cli_progress_report;
    cfg.progress_user = &progress;
    if (!(fingerprint = tournament_fingerprint(argc, argv))) {
        rc = CLI_FAILURE;
        goto done;
    }
    if (parley_tournament_count_runs((const parley_scenario *const *)scenarios, scenario_count, &cfg, &runs, &err) !=
            PARLEY_OK ||
        tournament_dist_begin(&cfg, runs, checkpoint, fingerprint, &dist, &err) != PARLEY_OK) {
        rc = cli_report(&err);
        goto done;
    }
    int run_rc = parley_tournament_run_all((const parley_scenario *const *)scenarios, scenario_count, &cfg, &t, &err);
    cli_progress_end(&progress);
    if (tournament_dist_end(dist, run_rc == PARLEY_OK ? t : NULL, &writer, run_rc == PARLEY_OK ? &err : NULL) !=
            PARLEY_OK ||
        run_rc != PARLEY_OK) {
        rc = writer ? cli_report(&err) : CLI_FAILURE;
        goto done;
    }
    rc = CLI_OK;
    if (!writer)
        goto done; /* under mpirun, rank 0 writes */
    if (plot && cli_write_svg_file(plot, draw_tournament, t, &err) != PARLEY_OK)
        rc = cli_report(&err);
    if (csv) { /* a failed write shows at the latest when the file is closed: report it either way */
        FILE *f = fopen(csv, "w");
        int written = f && parley_tournament_write_csv(t, f, &err) == PARLEY_OK;
        if (f && fclose(f) != 0)
            written = 0;
        if (!written) {
            parley_error_set_at(&err, PARLEY_EIO, csv, 0, 0, NULL, "cannot write the CSV file: %s", strerror(errno));
            cli_report(&err);
            rc = CLI_FAILURE;
        }
    }
    int stats_rc = cli_stats_compute(&stats, t, &cfg, (const parley_scenario *const *)scenarios, scenario_count,
                                     &statistics);
    if (json) { /* --json --stats: the statistics go into the JSON under "stats" */
        if (parley_tournament_write_json_with_stats(t, stats.text ? statistics : NULL, stdout, &err) != PARLEY_OK)
            rc = cli_report(&err);
    } else {
        print_scores(t);
        print_scenarios(t);
    }
    if (stats_rc != CLI_OK)
        rc = stats_rc;
    else if (rc == CLI_OK)
        rc = cli_stats_write(&stats, statistics, t, json);
done:
    parley_tournament_stats_free(statistics);
    tournament_dist_free(dist);
    free(fingerprint);
    parley_tournament_free(t);
    for (size_t s = 0; scenarios && s < scenario_count; s++)
        parley_scenario_free(scenarios[s]);
    free(scenarios);
    free(scenario_args);
    free(agents_copy);
    return rc;
}

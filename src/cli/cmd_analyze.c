/* cmd_analyze.c: `parley analyze`: the zone of agreement, Pareto frontier and bargaining solutions. */
#include "cli.h"
#include "analyze_dist.h"
#include "mpi.h"
#include "cli/plot_file.h"
#include "cli/progress.h"

#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: parley analyze SCENARIO.json [--json] [--frontier] [--threads N] [--time T]\n"
    "       parley analyze DOMAIN.xml PROFILE1.xml PROFILE2.xml [...] [options]\n"
    "\n"
    "Streams every outcome of the negotiation and reports how many exist, how many\n"
    "are feasible, how many every party accepts (the zone of possible agreement),\n"
    "the Pareto frontier and the Nash, Kalai-Smorodinsky, egalitarian and\n"
    "utilitarian packages.  When no package is acceptable to all, names the sets of\n"
    "red lines and reservation values that cannot hold together.\n"
    "\n"
    "  --json        one JSON object (outcomes, feasible, acceptable, pareto, solutions, ...)\n"
    "  --frontier    list the Pareto-optimal outcomes\n"
    "  --threads N   worker threads (default: one per core)\n"
    "  --time T      read reservation values at relative time T in [0,1] (pressure)\n"
    "  --plot FILE.svg  draw the outcomes' density, reservation values, the Pareto frontiers of\n"
    "                all and of the acceptable outcomes and the four solutions (a panel per pair)\n"
    "  --quiet       no progress line (it is shown on stderr only when stderr is a terminal)\n"
    "\n"
    "Additive scenarios (2 or 3 parties, red lines over few issues) are analysed\n"
    "exactly without enumerating when that is faster: frontier by issue-wise\n"
    "merging, counts by meet-in-the-middle, any size (docs/analysis-json.md).\n"
    "Other spaces too large to enumerate (more than 2^64 outcomes, more than 5*10^9\n"
    "outcomes, or nonlinear GENIUS profiles over more than 2*10^7) are searched\n"
    "instead: the frontier found is marked approximate, with how it was found\n"
    "(\"exact\": false and \"method\" in the JSON).\n"
    "  --approximate     search even when the space could be enumerated\n"
    "  --exact           enumerate even a large space\n"
    "  --stream          enumerate every outcome, never the exact path without enumeration\n"
    "  --evaluations N   search budget in utility evaluations (default 2000000)\n"
    "  --seed N          random seed of the search (default fixed: same result every run)\n"
    "\n" CLI_INPUT_HELP;

static void print_utilities(const parley_scenario *sc, const parley_analysis *a, const double *u)
{
    for (size_t k = 0; k < parley_analysis_party_count(a); k++)
        printf("%s%s %.4f", k ? ", " : "", parley_party_name(sc, parley_analysis_party(a, k)), u[k]);
}

static const char *objective_name(parley_solution_kind s)
{
    static const char *names[] = {"product of gains", "smallest gain ratio", "smallest gain", "total utility"};
    return names[s];
}

static void print_no_deal(const parley_scenario *sc, const parley_analysis *a)
{
    printf("\nNo deal: no outcome is acceptable to every party.\n");
    if (parley_analysis_feasible(a) == 0) {
        printf("  No outcome satisfies the global constraints together: the issues or the constraints need changing.\n");
        return;
    }
    for (size_t c = 0; c < parley_analysis_condition_count(a); c++)
        if (parley_analysis_condition_holds(a, c) == 0) {
            printf("  alone, ");
            cli_print_condition(sc, a, c);
            printf(" holds on no feasible outcome\n");
        }
    uint32_t masks[32];
    size_t n = parley_analysis_minimal_conflicts(a, masks, 32);
    if (n == 0)
        return;
    printf("  These cannot hold together (remove any one and some outcome satisfies the rest):\n");
    for (size_t i = 0; i < n && i < 32; i++) {
        printf("  %zu.", i + 1);
        const char *sep = " ";
        for (size_t c = 0; c < parley_analysis_condition_count(a); c++)
            if (masks[i] >> c & 1) {
                printf("%s", sep);
                cli_print_condition(sc, a, c);
                sep = "\n      + ";
            }
        printf("\n");
    }
    if (n > 32)
        printf("  ... and %zu more sets\n", n - 32);
    printf("  (`parley diagnose` tells which relaxation opens a zone of agreement)\n");
}

static void print_report(const parley_scenario *sc, const parley_analysis *a, int frontier)
{
    const parley_space *space = parley_scenario_space(sc);
    char buf[4096];
    if (parley_scenario_title(sc)[0])
        printf("%s\n\n", parley_scenario_title(sc));
    printf("outcomes     %llu\n", (unsigned long long)parley_analysis_outcomes(a));
    printf("feasible     %llu (every global constraint holds)\n", (unsigned long long)parley_analysis_feasible(a));
    printf("acceptable   %llu to every party (zone of possible agreement)\n",
           (unsigned long long)parley_analysis_acceptable(a));
    printf("\n%-24s %12s %16s %12s\n", "party", "reservation", "accepts alone", "best deal");
    for (size_t k = 0; k < parley_analysis_party_count(a); k++) {
        char best[32] = "-"; /* no deal at all: no best one */
        if (parley_analysis_acceptable(a) > 0)
            snprintf(best, sizeof best, "%.4f", parley_analysis_best(a, k));
        printf("%-24s %12.4f %16llu %12s\n", parley_party_name(sc, parley_analysis_party(a, k)),
               parley_analysis_reservation(a, k), (unsigned long long)parley_analysis_party_acceptable(a, k), best);
    }
    if (parley_analysis_acceptable(a) == 0) {
        print_no_deal(sc, a);
        return;
    }
    size_t count = parley_analysis_frontier_count(a);
    printf("\nPareto frontier: %zu outcome%s%s\n", count, count == 1 ? "" : "s",
           frontier ? "" : " (--frontier lists them)");
    for (size_t i = 0; frontier && i < count; i++) {
        printf("  %s\n      ", parley_outcome_format(space, parley_analysis_frontier_outcome(a, i), buf, sizeof buf));
        print_utilities(sc, a, parley_analysis_frontier_utilities(a, i));
        printf("\n");
    }
    printf("\nBargaining solutions\n");
    for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) {
        const uint32_t *outcome;
        const double *u;
        double value;
        parley_analysis_solution(a, (parley_solution_kind)s, &outcome, &u, &value);
        printf("  %-12s %s %.6g\n    %s\n    ", parley_solution_name((parley_solution_kind)s),
               objective_name((parley_solution_kind)s), value, parley_outcome_format(space, outcome, buf, sizeof buf));
        print_utilities(sc, a, u);
        printf("\n");
    }
}

static void print_approx_report(const parley_scenario *sc, const parley_approx *a, int frontier)
{
    const parley_space *space = parley_scenario_space(sc);
    char buf[8192];
    size_t n = parley_approx_party_count(a);
    if (parley_scenario_title(sc)[0])
        printf("%s\n\n", parley_scenario_title(sc));
    int exact = parley_approx_exact(a);
    uint64_t acceptable;
    int counted = parley_approx_acceptable(a, &acceptable);
    printf("outcomes     %.6g (too many to enumerate: %s)\n", parley_approx_outcomes(a),
           !exact ? "APPROXIMATE analysis" : counted ? "exact analysis without enumeration"
                                                     : "exact frontier, APPROXIMATE zone size");
    printf("method       %s\n", parley_approx_method(a));
    printf("evaluations  %llu in %.2f s on %u threads\n", (unsigned long long)parley_approx_evaluations(a),
           parley_approx_seconds(a), parley_approx_threads(a));
    uint64_t samples = parley_approx_samples(a);
    if (counted)
        printf("acceptable   %llu\n", (unsigned long long)acceptable);
    else
        printf("acceptable   about %.3g%% of outcomes to every party (%llu of %llu random samples)\n",
               samples ? 100.0 * (double)parley_approx_samples_acceptable(a) / (double)samples : 0.0,
               (unsigned long long)parley_approx_samples_acceptable(a), (unsigned long long)samples);
    printf("\n%-24s %12s %12s\n", "party", "reservation", "best found");
    for (size_t k = 0; k < n; k++)
        printf("%-24s %12.4f %12.4f\n", parley_party_name(sc, parley_approx_party(a, k)),
               parley_approx_reservation(a, k), parley_approx_best(a, k));
    size_t count = parley_approx_frontier_count(a);
    if (count == 0) {
        printf("\nNo acceptable outcome was found (the search does not prove that none exists).\n");
        return;
    }
    printf("\nPareto frontier (%s): %zu outcome%s%s\n", exact ? "exact" : "approximate: the best outcomes found", count,
           count == 1 ? "" : "s", frontier ? "" : " (--frontier lists them)");
    for (size_t i = 0; frontier && i < count; i++) {
        const double *u = parley_approx_frontier_utilities(a, i);
        printf("  %s\n      ", parley_outcome_format(space, parley_approx_frontier_outcome(a, i), buf, sizeof buf));
        for (size_t k = 0; k < n; k++)
            printf("%s%s %.4f", k ? ", " : "", parley_party_name(sc, parley_approx_party(a, k)), u[k]);
        printf("\n");
    }
    printf("\nBargaining solutions%s\n", exact ? "" : " (among the outcomes found)");
    for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) {
        const uint32_t *outcome;
        const double *u;
        double value;
        parley_approx_solution(a, (parley_solution_kind)s, &outcome, &u, &value);
        printf("  %-12s %s %.6g\n    %s\n    ", parley_solution_name((parley_solution_kind)s),
               objective_name((parley_solution_kind)s), value, parley_outcome_format(space, outcome, buf, sizeof buf));
        for (size_t k = 0; k < n; k++)
            printf("%s%s %.4f", k ? ", " : "", parley_party_name(sc, parley_approx_party(a, k)), u[k]);
        printf("\n");
    }
}

struct plot_input {
    const parley_analysis *a;
    const parley_scenario *sc;
};

static int draw_analysis(const void *ctx, FILE *out, parley_error *err)
{
    const struct plot_input *in = ctx;
    return parley_analysis_write_svg(in->a, in->sc, out, err);
}

static int write_plot(const char *path, const parley_analysis *a, const parley_scenario *sc, parley_error *err)
{
    struct plot_input in = {a, sc};
    return cli_write_svg_file(path, draw_analysis, &in, err);
}

/* Whether to search rather than enumerate: -1 forced exact, 1 forced search, 0 decide by size. */
static int too_large(const parley_scenario *sc, int force)
{
    return force ? force > 0 : parley_analysis_needs_search(sc);
}

static int run_approximate(const parley_scenario *sc, const parley_analysis_options *options,
                           const parley_approx_options *search, int json, int frontier)
{
    parley_approx_options o = *search;
    o.threads = options->threads;
    o.time = options->time;
    o.progress = options->progress;
    o.progress_user = options->progress_user;
    parley_approx *a = NULL;
    parley_error err = {0};
    int rc = parley_analyze_approximate(sc, &o, &a, &err);
    cli_progress_end(options->progress_user);
    if (rc != PARLEY_OK)
        return cli_report(&err);
    if (json)
        rc = parley_approx_write_json(a, sc, frontier, stdout, &err);
    else
        print_approx_report(sc, a, frontier);
    parley_approx_free(a);
    return rc == PARLEY_OK ? CLI_OK : cli_report(&err);
}

int cmd_analyze(int argc, char **argv)
{
    int force = 0;
    parley_approx_options search = {0};
    int json = 0, frontier = 0, normalise = 0, quiet = 0;
    const char *plot = NULL;
    parley_analysis_options options = {0};
    const char **files = calloc((size_t)argc, sizeof *files);
    size_t nfiles = 0;
    if (!files)
        return CLI_FAILURE;
    for (int i = 1; i < argc; i++) {
        const char *value = NULL;
        int r;
        if ((r = cli_scenario_option(argv[i], usage, &json, &normalise)) != 0) {
            if (r == CLI_ARG_HELP) {
                free(files);
                return CLI_OK;
            }
        } else if (strcmp(argv[i], "--frontier") == 0) {
            frontier = 1;
        } else if (strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
        } else if ((r = cli_option_value(argc, argv, &i, "--plot", &plot)) != 0) {
            if (r < 0) {
                cli_usage_error("analyze", "--plot expects a file name (FILE.svg)");
                goto usage_error;
            }
            if (cli_check_output("--plot", plot) != CLI_OK)
                goto usage_error;
        } else if ((r = cli_analysis_option("analyze", argc, argv, &i, &options)) != 0) {
            if (r < 0)
                goto usage_error;
        } else if (strcmp(argv[i], "--approximate") == 0) {
            force = 1;
            search.search_only = 1;
        } else if (strcmp(argv[i], "--exact") == 0) {
            force = -1;
        } else if (strcmp(argv[i], "--stream") == 0) {
            force = -1;
            options.method = PARLEY_ANALYSIS_STREAM;
        } else if ((r = cli_option_value(argc, argv, &i, "--evaluations", &value)) != 0) {
            long n;
            if (r < 0) {
                cli_usage_error("analyze", "--evaluations needs a number of utility evaluations");
                goto usage_error;
            }
            if (!cli_parse_long("analyze", "--evaluations", value, 1000, 2000000000L, &n))
                goto usage_error;
            search.evaluations = (uint64_t)n;
        } else if ((r = cli_option_value(argc, argv, &i, "--seed", &value)) != 0) {
            long n;
            if (r < 0) {
                cli_usage_error("analyze", "--seed needs a number");
                goto usage_error;
            }
            if (!cli_parse_long("analyze", "--seed", value, 1, 2000000000L, &n))
                goto usage_error;
            search.seed = (uint64_t)n;
        } else if (cli_scenario_argument("analyze", argv[i], usage, files, &nfiles) != CLI_OK) {
            goto usage_error;
        }
    }
    if (cli_expect_scenario("analyze", nfiles) != CLI_OK)
        goto usage_error;
    parley_error err = {0};
    parley_scenario *sc = NULL;
    parley_analysis *a = NULL;
    int rc = cli_load_scenario(files, nfiles, normalise, &sc);
    free(files);
    if (rc != CLI_OK)
        return rc;
    cli_progress progress;
    cli_progress_init(&progress, "analyze", quiet);
    options.progress = cli_progress_report;
    options.progress_user = &progress;
    options.plot_bins = plot ? CLI_PLOT_BINS : 0;
    if (plot && parley_scenario_negotiator_count(sc) > PARLEY_PLOT_MAX_PARTIES) {
        parley_scenario_free(sc);
        return cli_usage_error("analyze", "--plot draws at most %d parties (a panel per pair)", PARLEY_PLOT_MAX_PARTIES);
    }
    if (too_large(sc, force) && cli_mpi_rank() != 0) {
        parley_scenario_free(sc); /* a searched or merged space is not shared out: rank 0 does it all */
        return CLI_OK;
    }
    /* Too large to stream but additive: the exact path without enumeration when it applies. */
    uint64_t total;
    if (too_large(sc, force) && !force && !plot && parley_space_size_u64(parley_scenario_space(sc), &total) == PARLEY_OK) {
        options.method = PARLEY_ANALYSIS_EXACT_ONLY;
        if (parley_analyze(sc, &options, &a, &err) == PARLEY_OK) {
            cli_progress_end(&progress);
            goto report;
        }
        options.method = PARLEY_ANALYSIS_AUTO;
    }
    if (too_large(sc, force)) {
        if (plot) {
            /* suggest --exact only when it can enumerate (the count fits in 64 bits) */
            uint64_t size;
            double outcomes = parley_space_size(parley_scenario_space(sc));
            int can = parley_space_size_u64(parley_scenario_space(sc), &size) == PARLEY_OK;
            int searched = parley_analysis_needs_search(sc);
            parley_scenario_free(sc);
            if (force > 0 && !searched)
                return cli_usage_error("analyze", "--plot needs the exact analysis, not the search --approximate asks "
                                                  "for (leave --approximate out)");
            if (can)
                return cli_usage_error("analyze", "--plot needs the exact analysis; this space is searched (--exact "
                                                  "enumerates its %.3g outcomes, which takes long)", outcomes);
            return cli_usage_error("analyze", "--plot needs the exact analysis, and this space (about %.3g outcomes) "
                                              "is too large to enumerate even with --exact: run without --plot for the "
                                              "searched frontier (--json --frontier lists it), or plot a scenario with "
                                              "fewer issues or values", outcomes);
        }
        rc = run_approximate(sc, &options, &search, json, frontier);
        parley_scenario_free(sc);
        return rc;
    }
    int writer = 1;
    rc = analyze_distributed(sc, &options, &a, &writer, &err); /* under mpirun: the space over the ranks */
    cli_progress_end(&progress);
    if (rc == PARLEY_OK && writer && plot)
        rc = write_plot(plot, a, sc, &err);
    if (rc != PARLEY_OK || !writer) {
        parley_analysis_free(a);
        parley_scenario_free(sc);
        return rc != PARLEY_OK && writer ? cli_report(&err) : cli_exit_code(rc);
    }
report:
    if (json)
        rc = parley_analysis_write_json(a, sc, frontier, stdout, &err);
    else
        print_report(sc, a, frontier);
    parley_analysis_free(a);
    parley_scenario_free(sc);
    return rc == PARLEY_OK ? CLI_OK : cli_report(&err);
usage_error:
    free(files);
    return CLI_BAD_INPUT;
}

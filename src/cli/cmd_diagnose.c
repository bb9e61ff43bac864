/* cmd_diagnose.c: `parley diagnose`: why no deal exists and which relaxation would open a zone of agreement. */
#include "cli.h"
#include "cli/progress.h"

#include <parley/parley.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: parley diagnose SCENARIO [--json] [--threads N] [--time T] [--normalise-weights] [--quiet]\n"
    "\n"
    "When no package is acceptable to every party: the minimal sets of red lines and\n"
    "reservation values that cannot hold together (remove any one member and the\n"
    "others can), and for each member the relaxation that would open a zone of\n"
    "agreement (drop the red line, or lower the reservation value to the highest\n"
    "level that works), how large the zone then is and its Nash package.  For a\n"
    "phased agreement, how a guarantee of the later phases changes the zone.\n"
    "\n"
    "  --quiet   no progress line (it is shown on stderr only when stderr is a terminal)\n"
    "\n" CLI_INPUT_HELP;

/* "drop <red line>", "lower <reservation> to T (by D)", "move <red line> to: RULE", "widen <red line> to: RULE". */
static void print_relaxed(const parley_scenario *sc, const parley_analysis *a, size_t c, parley_relax_change change,
                          double from, double to, const char *rule)
{
    static const char *verbs[] = {"drop ", "move ", "lower ", "widen "};
    printf("%s", verbs[change]);
    cli_print_condition(sc, a, c);
    if (change == PARLEY_CHANGE_LOWER_RESERVATION)
        printf(" to %.4f (by %.4f)", to, from - to);
    else if (rule)
        printf("\n    to: %s", rule);
}

/* A package and every party's utility in it, indented under a relaxation. */
static void print_package(const parley_scenario *sc, const parley_analysis *a, const uint32_t *package,
                          const double *u)
{
    char buf[4096];
    printf("      %s\n      ", parley_outcome_format(parley_scenario_space(sc), package, buf, sizeof buf));
    for (size_t k = 0; k < parley_analysis_party_count(a); k++)
        printf("%s%s %.4f", k ? ", " : "", parley_party_name(sc, parley_analysis_party(a, k)), u[k]);
    printf("\n");
}

/* " (it costs Party 0.0600 of its own utility[, Other 0.01 of its])": what the package costs each mover; when
   both conditions are one party's, " (it costs Party 0.5 of its own utility for the first, 0.5 for the second)". */
static void print_costs(const parley_scenario *sc, const parley_analysis *a, const parley_relaxation *r)
{
    if (!isfinite(r->cost))
        return;
    size_t mover = parley_analysis_condition(a, r->condition)->party;
    printf(" (it costs %s %.4f of its own utility", parley_party_name(sc, mover), r->cost);
    if (r->second != PARLEY_NO_CONDITION && isfinite(r->second_cost)) {
        size_t other = parley_analysis_condition(a, r->second)->party;
        if (other == mover)
            printf(" for the first, %.4f for the second", r->second_cost);
        else
            printf(", %s %.4f of its", parley_party_name(sc, other), r->second_cost);
    }
    printf(")");
}

/* The cheapest combination of partial moves by several parties. */
static void print_combination(const parley_scenario *sc, const parley_diagnosis *d)
{
    const parley_analysis *a = parley_diagnosis_analysis(d);
    const parley_concession *moves;
    size_t count;
    double largest;
    uint64_t zone;
    const uint32_t *nash;
    const double *u;
    const char *skipped;
    if (parley_diagnosis_combination(d, &moves, &count, &largest, &zone, &nash, &u, &skipped) != PARLEY_OK) {
        if (skipped)
            printf("\nCombined moves: not searched (%s).\n", skipped);
        return;
    }
    printf("\nCombined moves (each side part of the way; the largest concession, %.4f of a party's own utility,\n"
           "as small as it can be):\n", largest);
    for (size_t i = 0; i < count; i++) {
        printf("\n  %s: ", parley_party_name(sc, moves[i].party));
        print_relaxed(sc, a, moves[i].condition, moves[i].change, moves[i].from, moves[i].to, moves[i].rule);
        printf("\n    concedes %.4f\n", moves[i].concession);
    }
    if (nash) {
        printf("\n  together they open a zone of %llu package%s; its Nash package:\n", (unsigned long long)zone,
               zone == 1 ? "" : "s");
        print_package(sc, a, nash, u);
    }
}

static void print_report(const parley_scenario *sc, const parley_diagnosis *d)
{
    const parley_analysis *a = parley_diagnosis_analysis(d);
    if (parley_scenario_title(sc)[0])
        printf("%s\n\n", parley_scenario_title(sc));
    printf("%llu outcomes, %llu feasible, %llu acceptable to every party\n",
           (unsigned long long)parley_analysis_outcomes(a), (unsigned long long)parley_analysis_feasible(a),
           (unsigned long long)parley_analysis_acceptable(a));
    if (parley_analysis_acceptable(a) > 0) {
        printf("\nThere is a zone of agreement: nothing to diagnose (see `parley propose`).\n");
    } else if (parley_analysis_feasible(a) == 0) {
        printf("\nNo deal: no package satisfies the global constraints (and phase conditions) together,\n"
               "whatever the parties' red lines and reservation values: check the constraints.\n");
    } else if (parley_diagnosis_undecided(d)) {
        printf("\nNo deal. The red lines and reservation values fail together in too many different ways to\n"
               "find the conflicting sets exactly; none are listed (the relaxations below still hold).\n");
    } else {
        int complete;
        size_t n = parley_diagnosis_conflict_count(d, &complete);
        const char *relaxations, *truncated = parley_diagnosis_truncated(d, &relaxations);
        printf("\nNo deal. %zu minimal conflicting set%s%s:\n", n, n == 1 ? "" : "s",
               truncated ? " (the smallest ones; there are more, see below)"
               : complete ? "" : " (the smallest ones, up to four members)");
        for (size_t i = 0; i < n; i++) {
            const size_t *members;
            size_t m = parley_diagnosis_conflict(d, i, &members);
            if (m == 1)
                printf("\n  %zu. this one cannot hold with the global constraints:\n", i + 1);
            else
                printf("\n  %zu. these %zu cannot hold together:\n", i + 1, m);
            for (size_t k = 0; k < m; k++) {
                printf("     - ");
                cli_print_condition(sc, a, members[k]);
                printf("\n");
            }
        }
        if (truncated)
            printf("\n  (the list stops here: %s)\n", truncated);
        printf("\nRelaxations (one condition at a time, then pairs when no single one opens a zone):\n");
        if (relaxations)
            printf("  (%s)\n", relaxations);
        for (size_t i = 0; i < parley_diagnosis_relaxation_count(d); i++) {
            const parley_relaxation *r = parley_diagnosis_relaxation(d, i);
            printf("\n  ");
            print_relaxed(sc, a, r->condition, r->change, r->from, r->to, r->rule);
            if (r->second != PARLEY_NO_CONDITION) {
                printf("\n    and ");
                print_relaxed(sc, a, r->second, r->second_change, r->second_from, r->second_to, NULL);
            }
            if (r->zone == 0) {
                printf("\n    opens nothing %s\n", r->second == PARLEY_NO_CONDITION ? "on its own" : "either");
                continue;
            }
            printf("\n    opens a zone of %llu package%s; its Nash package", (unsigned long long)r->zone,
                   r->zone == 1 ? "" : "s");
            print_costs(sc, a, r);
            printf(":\n");
            print_package(sc, a, r->nash, r->utilities);
        }
        print_combination(sc, d);
    }
    uint64_t stated, guaranteed;
    if (parley_diagnosis_guarantee(d, &stated, &guaranteed) == PARLEY_OK)
        printf("\nGuarantees: %llu acceptable packages with each party's stated trust in the later phases, "
               "%llu if every later phase were guaranteed.\n",
               (unsigned long long)stated, (unsigned long long)guaranteed);
}

int cmd_diagnose(int argc, char **argv)
{
    int json = 0, normalise = 0, quiet = 0;
    parley_analysis_options options = {0};
    const char **files = calloc((size_t)argc, sizeof *files);
    size_t nfiles = 0;
    int rc = CLI_BAD_INPUT;
    if (!files)
        return CLI_FAILURE;
    for (int i = 1; i < argc; i++) {
        int r;
        if ((r = cli_scenario_option(argv[i], usage, &json, &normalise)) != 0) {
            if (r == CLI_ARG_HELP) {
                rc = CLI_OK;
                goto done;
            }
        } else if (strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
        } else if ((r = cli_analysis_option("diagnose", argc, argv, &i, &options)) != 0) {
            if (r < 0)
                goto done;
        } else if (cli_scenario_argument("diagnose", argv[i], usage, files, &nfiles) != CLI_OK) {
            goto done;
        }
    }
    if ((rc = cli_expect_scenario("diagnose", nfiles)) != CLI_OK)
        goto done;
    parley_error err = {0};
    parley_scenario *sc = NULL;
    parley_diagnosis *d = NULL;
    if ((rc = cli_load_scenario(files, nfiles, normalise, &sc)) != CLI_OK)
        goto done;
    cli_progress progress;
    cli_progress_init(&progress, "diagnose", quiet);
    options.progress = cli_progress_report;
    options.progress_user = &progress;
    rc = parley_diagnose(sc, &options, &d, &err);
    cli_progress_end(&progress);
    if (rc == PARLEY_OK) {
        if (json)
            rc = parley_diagnosis_write_json(d, sc, stdout, &err);
        else
            print_report(sc, d);
    }
    parley_diagnosis_free(d);
    parley_scenario_free(sc);
    rc = rc == PARLEY_OK ? CLI_OK : cli_report(&err);
done:
    free(files);
    return rc;
}

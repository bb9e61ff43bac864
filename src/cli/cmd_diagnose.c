/* cmd_diagnose.c: `parley diagnose`: why no deal exists and which relaxation would open a zone of agreement. */
#include "cli.h"
#include "cli/progress.h"

#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: parley diagnose SCENARIO [--json] [--threads N] [--time T] [--quiet]\n"
    "\n"
    "When no package is acceptable to every party: the minimal sets of red lines and\n"
    "reservation values that cannot hold together (remove any one member and the\n"
    "others can), and for each member the relaxation that would open a zone of\n"
    "agreement (drop the red line, or lower the reservation value to the highest\n"
    "level that works), how large the zone then is and its Nash package.  For a\n"
    "phased agreement, how a guarantee of the later phases changes the zone.\n"
    "\n"
    "  --quiet   no progress line (it is shown on stderr only when stderr is a terminal)\n";

/* "drop <red line>" or "lower <reservation> to T (by D)". */
static void print_relaxed(const parley_scenario *sc, const parley_analysis *a, size_t c, double from, double to)
{
    printf(from >= 0 ? "lower " : "drop ");
    cli_print_condition(sc, a, c);
    if (from >= 0)
        printf(" to %.4f (by %.4f)", to, from - to);
}

static void print_report(const parley_scenario *sc, const parley_diagnosis *d)
{
    const parley_analysis *a = parley_diagnosis_analysis(d);
    char buf[4096];
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
        printf("\nNo deal. %zu minimal conflicting set%s%s:\n", n, n == 1 ? "" : "s",
               complete ? "" : " (the smallest ones, up to four members)");
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
        printf("\nRelaxations (one condition at a time, then pairs when no single one opens a zone):\n");
        for (size_t i = 0; i < parley_diagnosis_relaxation_count(d); i++) {
            const parley_relaxation *r = parley_diagnosis_relaxation(d, i);
            printf("\n  ");
            print_relaxed(sc, a, r->condition, r->from, r->to);
            if (r->second != PARLEY_NO_CONDITION) {
                printf("\n    and ");
                print_relaxed(sc, a, r->second, r->second_from, r->second_to);
            }
            if (r->zone == 0) {
                printf("\n    opens nothing %s\n", r->second == PARLEY_NO_CONDITION ? "on its own" : "either");
                continue;
            }
            printf("\n    opens a zone of %llu package%s; its Nash package:\n      %s\n      ",
                   (unsigned long long)r->zone, r->zone == 1 ? "" : "s",
                   parley_outcome_format(parley_scenario_space(sc), r->nash, buf, sizeof buf));
            for (size_t k = 0; k < parley_analysis_party_count(a); k++)
                printf("%s%s %.4f", k ? ", " : "", parley_party_name(sc, parley_analysis_party(a, k)), r->utilities[k]);
            printf("\n");
        }
    }
    uint64_t stated, guaranteed;
    if (parley_diagnosis_guarantee(d, &stated, &guaranteed) == PARLEY_OK)
        printf("\nGuarantees: %llu acceptable packages with each party's stated trust in the later phases, "
               "%llu if every later phase were guaranteed.\n",
               (unsigned long long)stated, (unsigned long long)guaranteed);
}

int cmd_diagnose(int argc, char **argv)
{
    int json = 0, quiet = 0;
    parley_analysis_options options = {0};
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        int r;
        if (cli_is_help(argv[i])) {
            fputs(usage, stdout);
            return CLI_OK;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
        } else if ((r = cli_analysis_option("diagnose", argc, argv, &i, &options)) != 0) {
            if (r < 0)
                return CLI_BAD_INPUT;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage_error("diagnose", "unknown option '%s'", argv[i]);
        } else if (file) {
            return cli_usage_error("diagnose", "expected one scenario file, got '%s' too", argv[i]);
        } else {
            file = argv[i];
        }
    }
    if (!file)
        return cli_usage_error("diagnose", "expected a scenario file");
    parley_error err;
    parley_scenario *sc = NULL;
    parley_diagnosis *d = NULL;
    const char *files[1] = {file};
    int rc = parley_scenario_load_files(files, 1, &sc, &err);
    if (rc != PARLEY_OK)
        return cli_report(&err);
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
    return rc == PARLEY_OK ? CLI_OK : cli_report(&err);
}

/* cmd_propose.c: `parley propose`: the package a neutral mediator would table, and checks of amendments. */
#include "io/json_util.h"
#include "cli.h"

#include <jansson.h>
#include <parley/parley.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: parley propose SCENARIO [--rule nash|kalai|egalitarian|welfare] [--json] [--threads N] [--time T]\n"
    "       parley propose SCENARIO --text 'issue=value,...' --amend 'issue=value[:reason]' [--amend ...]\n"
    "       parley propose SCENARIO --compare TEXTS.json [--rule ...]\n"
    "       parley propose SCENARIO --improve 'issue=value,...' [--limit N] [--json]\n"
    "\n"
    "The package a neutral mediator would table among those every party accepts,\n"
    "with, for each party, its utility, its gain over walking away, and which of its\n"
    "priorities the package meets, partly meets or gives up; grouped by phase.\n"
    "\n"
    "With --text and --amend: what each of a party's amendments to the text does\n"
    "(each alone, then all together when there are several): every party's utility\n"
    "before and after, whether the text stays (or becomes) acceptable to every party,\n"
    "and whose red line it breaks; without --amend, what the text itself is.\n"
    "When no package is acceptable to every party, says so and why (exit 0;\n"
    "JSON {\"zone\": false, ...}).\n"
    "\n"
    "With --compare: candidate texts (a JSON array of packages, or of\n"
    "{\"name\": ..., \"package\": {...}}) ranked as the rule would table them: those\n"
    "acceptable to every party first, by the rule's objective; then the others, by\n"
    "how far they fall below a reservation value; with who would reject each.\n"
    "\n"
    "With --improve: the packages every party strictly prefers to a signed\n"
    "agreement (post-settlement settlement), the one nearest the Nash point of\n"
    "the improvements first (at most --limit N, 1..100000, default 10); none\n"
    "when the agreement is on the Pareto frontier.  Spaces of more than 2\n"
    "million outcomes are searched, not enumerated, and the output says so\n"
    "(JSON: \"exhaustive\": false).\n"
    "\n" CLI_INPUT_HELP;

/* Reads "value" of an issue (a label, or a number on the issue's grid). */
static long parse_value(const parley_space *space, size_t issue, const char *text)
{
    long v = parley_issue_find_label(space, issue, text);
    if (v >= 0 || parley_issue_type_of(space, issue) == PARLEY_ISSUE_CATEGORICAL)
        return v;
    char *end;
    double x = strtod(text, &end);
    return *end || end == text ? -1 : parley_issue_find_number(space, issue, x);
}

/* "issue=value" (the value ends at ',' or ':' or the end); fills issue and value, returns chars used or -1. */
static int parse_assignment(const parley_space *space, const char *text, size_t *issue, uint32_t *value, char *why,
                            size_t why_size)
{
    const char *eq = strchr(text, '=');
    if (!eq)
        return -1;
    char name[256], val[256];
    size_t n = (size_t)(eq - text), m = strcspn(eq + 1, ",:");
    if (n == 0 || n >= sizeof name || m >= sizeof val)
        return -1;
    memcpy(name, text, n);
    name[n] = '\0';
    memcpy(val, eq + 1, m);
    val[m] = '\0';
    long i = parley_space_find_issue(space, name);
    long v = i < 0 ? -1 : parse_value(space, (size_t)i, val);
    if (i < 0 || v < 0) {
        /* did you mean: the nearest issue name, or the nearest value of the issue */
        size_t count = i < 0 ? parley_space_issue_count(space) : parley_issue_value_count(space, (size_t)i);
        const char **names = calloc(count ? count : 1, sizeof *names);
        char(*labels)[64] = calloc(count ? count : 1, sizeof *labels);
        const char *near = NULL;
        if (names && labels) {
            for (size_t k = 0; k < count; k++)
                names[k] = i < 0 ? parley_issue_name(space, k)
                                 : parley_issue_format_value(space, (size_t)i, (uint32_t)k, labels[k], sizeof labels[k]);
            near = cli_nearest(i < 0 ? name : val, names, count);
        }
        int n_ = i < 0 ? snprintf(why, why_size, "unknown issue '%s'", name)
                       : snprintf(why, why_size, "'%s' is not a value of issue '%s'", val, name);
        if (near && n_ > 0 && (size_t)n_ < why_size)
            snprintf(why + n_, why_size - (size_t)n_, " (did you mean '%s'?)", near);
        free(names);
        free(labels);
        return -1;
    }
    *issue = (size_t)i;
    *value = (uint32_t)v;
    return (int)(n + 1 + m);
}

/*
 * What a text is, or what an amendment does to it, told against what the text
 * was before (`before`: -1 for the text itself, else whether it was acceptable to all).
 */
static void print_effect(const parley_scenario *sc, const parley_amendment_effect *e, int before)
{
    if (before < 0)
        printf("%s", e->acceptable_to_all ? "acceptable to every party" : "unacceptable");
    else
        printf("%s", e->acceptable_to_all ? (before ? "keeps the text acceptable to every party"
                                                    : "makes the text acceptable to every party")
                                          : (before ? "makes the text unacceptable" : "leaves the text unacceptable"));
    for (size_t c = 0; c < parley_scenario_constraint_count(sc) && c < 64; c++)
        if (e->broken >> c & 1) {
            const parley_constraint *con = parley_scenario_constraint(sc, c);
            if (con->party < 0)
                printf("; breaks the constraint '%s' (%s)", con->name, con->rule);
            else
                printf("; breaks %s's red line '%s'", parley_party_name(sc, (size_t)con->party), con->name);
        }
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++) {
        size_t p = parley_scenario_negotiator(sc, k);
        if (p < 64 && !(e->accepted_by >> p & 1))
            printf("; %s would not accept it", parley_party_name(sc, p));
    }
    printf("\n   ");
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++) {
        size_t p = parley_scenario_negotiator(sc, k);
        const char *sep = k + 1 < parley_scenario_negotiator_count(sc) ? "," : "";
        if (p < 64 && before < 0)
            printf(" %s %.4f%s", parley_party_name(sc, p), e->after[p], sep);
        else if (p < 64)
            printf(" %s %.4f -> %.4f (%+.4f)%s", parley_party_name(sc, p), e->before[p], e->after[p],
                   e->after[p] - e->before[p], sep);
    }
    printf("\n");
}

/* A whole package "issue=value,..." (every issue once) into values[]; CLI_OK or a usage error about `option`. */
static int parse_package(const parley_space *space, const char *option, const char *text, uint32_t *values,
                         unsigned char *given)
{
    char why[1024] = "expected issue=value";
    size_t issues = parley_space_issue_count(space);
    memset(given, 0, issues);
    for (const char *p = text; *p;) {
        size_t issue;
        uint32_t value;
        int used = parse_assignment(space, p, &issue, &value, why, sizeof why);
        if (used < 0)
            return cli_usage_error("propose", "%s: %s at '%s'", option, why, p);
        values[issue] = value;
        given[issue] = 1;
        p += used;
        if (*p == ',')
            p++;
    }
    for (size_t i = 0; i < issues; i++)
        if (!given[i])
            return cli_usage_error("propose", "%s gives no value for issue '%s' (expected every issue)", option,
                                   parley_issue_name(space, i));
    return CLI_OK;
}

/* --improve: the packages every party strictly prefers to the agreement. */
static int improve_agreement(const parley_scenario *sc, const char *text, size_t limit, int json)
{
    const parley_space *space = parley_scenario_space(sc);
    size_t issues = parley_space_issue_count(space);
    uint32_t *values = calloc(issues + 1, sizeof *values);
    unsigned char *given = calloc(issues + 1, 1);
    int rc = CLI_FAILURE;
    if (values && given && (rc = parse_package(space, "--improve", text, values, given)) == CLI_OK) {
        parley_improve_options o = {.limit = limit};
        parley_improvements *r = NULL;
        parley_error err = {0};
        if (parley_improve(sc, values, &o, &r, &err) != PARLEY_OK ||
            parley_improvements_write(r, sc, json, stdout, &err) != PARLEY_OK)
            rc = cli_report(&err);
        else if (json && !parley_improvements_exhaustive(r))
            fprintf(stderr, "parley propose: note: the space is too large to enumerate; %s\n",
                    parley_improvements_method(r));
        parley_improvements_free(r);
    }
    free(values);
    free(given);
    return rc;
}

static int check_amendments(const parley_scenario *sc, const char *text, const char **amend, size_t n, int json)
{
    const parley_space *space = parley_scenario_space(sc);
    size_t issues = parley_space_issue_count(space);
    uint32_t *values = calloc(issues, sizeof *values);
    unsigned char *given = calloc(issues, 1);
    parley_amendment *amendments = calloc(n ? n : 1, sizeof *amendments);
    parley_amendment_effect *effects = calloc(n + 1, sizeof *effects);
    char (*reasons)[256] = calloc(n ? n : 1, sizeof *reasons);
    int rc = CLI_FAILURE;
    char why[1024] = "expected issue=value";
    if (!values || !given || !amendments || !effects || !reasons)
        goto done;
    if ((rc = parse_package(space, "--text", text, values, given)) != CLI_OK)
        goto done;
    rc = CLI_FAILURE;
    for (size_t k = 0; k < n; k++) {
        int used = parse_assignment(space, amend[k], &amendments[k].issue, &amendments[k].value, why, sizeof why);
        if (used < 0) {
            rc = cli_usage_error("propose", "--amend: %s in '%s'", why, amend[k]);
            goto done;
        }
        if (amend[k][used] == ':' && amend[k][used + 1]) { /* "x=a:" gives no reason: none is printed */
            snprintf(reasons[k], sizeof reasons[k], "%s", amend[k] + used + 1);
            amendments[k].reason = reasons[k];
        }
    }
    parley_error err = {0};
    parley_amendment_effect text_itself;
    if (parley_amendments_check(sc, values, NULL, 0, &text_itself, &err) != PARLEY_OK ||
        parley_amendments_check(sc, values, amendments, n, effects, &err) != PARLEY_OK) {
        rc = cli_report(&err);
        goto done;
    }
    if (json) {
        rc = parley_amendments_write_json(sc, &text_itself, amend, n, effects, stdout, &err) == PARLEY_OK
                 ? CLI_OK
                 : cli_report(&err);
        goto done;
    }
    printf("the text as it stands: ");
    print_effect(sc, &text_itself, -1);
    for (size_t k = 0; k <= n; k++) {
        if (k == n && n < 2)
            break; /* "all together" says something only of two or more amendments */
        if (k < n)
            printf("amendment %zu, %s=%s%s%s: ", k + 1, parley_issue_name(space, amendments[k].issue),
                   parley_issue_format_value(space, amendments[k].issue, amendments[k].value, why, sizeof why),
                   amendments[k].reason ? ", because " : "", amendments[k].reason ? amendments[k].reason : "");
        else
            printf("all %zu amendments together: ", n);
        print_effect(sc, &effects[k], text_itself.acceptable_to_all);
    }
    rc = CLI_OK;
done:
    free(values);
    free(given);
    free(amendments);
    free(effects);
    free(reasons);
    return rc;
}

/* --compare FILE: the candidate texts ranked as the rule would table them. */
static int compare_texts(const parley_scenario *sc, const char *path, parley_solution_kind rule,
                         const parley_analysis_options *options, int json)
{
    uint32_t *texts;
    char **names;
    size_t n;
    parley_error err = {0};
    if (parley_texts_load(sc, path, &texts, &names, &n, &err) != PARLEY_OK)
        return cli_report_input(&err); /* a file that cannot be read is bad input too: exit 2 */
    parley_text_rank *ranks = calloc(n, sizeof *ranks);
    double best;
    int rc = CLI_OK;
    if (!ranks)
        rc = CLI_FAILURE;
    else if (parley_texts_rank(sc, texts, n, rule, options, ranks, &best, &err) != PARLEY_OK ||
             parley_texts_write(sc, texts, (const char *const *)names, n, ranks, rule, best, json, stdout, &err) !=
                 PARLEY_OK)
        rc = cli_report(&err);
    free(ranks);
    parley_texts_free(texts, names, n);
    return rc;
}

int cmd_propose(int argc, char **argv)
{
    int json = 0, normalise = 0;
    parley_solution_kind rule = PARLEY_SOLUTION_NASH;
    parley_analysis_options options = {0};
    const char *text = NULL, *compare = NULL, *improve = NULL;
    long limit = 10;
    int limit_given = 0;
    const char **amend = calloc((size_t)argc, sizeof *amend);
    const char **files = calloc((size_t)argc, sizeof *files);
    size_t amend_count = 0, nfiles = 0;
    int rc = CLI_BAD_INPUT;
    if (!amend || !files) {
        free(amend);
        free(files);
        return CLI_FAILURE;
    }
    for (int i = 1; i < argc; i++) {
        const char *value = NULL;
        int r;
        if ((r = cli_scenario_option(argv[i], usage, &json, &normalise)) != 0) {
            if (r == CLI_ARG_HELP) {
                rc = CLI_OK;
                goto done;
            }
        } else if ((r = cli_option_value(argc, argv, &i, "--rule", &value)) != 0) {
            const char *rules[PARLEY_SOLUTION_COUNT];
            int found = -1;
            for (int k = 0; k < PARLEY_SOLUTION_COUNT; k++) {
                rules[k] = parley_solution_name((parley_solution_kind)k);
                if (r > 0 && strcmp(value, rules[k]) == 0)
                    found = k;
            }
            if (found < 0) {
                const char *near = r > 0 ? cli_nearest(value, rules, PARLEY_SOLUTION_COUNT) : NULL;
                cli_usage_error("propose", "--rule expects nash, kalai, egalitarian or welfare%s%s%s",
                                near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
                goto done;
            }
            rule = (parley_solution_kind)found;
        } else if ((r = cli_option_value(argc, argv, &i, "--text", &value)) != 0) {
            if (r < 0) {
                cli_usage_error("propose", "--text needs 'issue=value,...'");
                goto done;
            }
            text = value;
        } else if ((r = cli_option_value(argc, argv, &i, "--improve", &value)) != 0) {
            if (r < 0) {
                cli_usage_error("propose", "--improve needs the agreement, 'issue=value,...'");
                goto done;
            }
            improve = value;
        } else if ((r = cli_option_value(argc, argv, &i, "--limit", &value)) != 0) {
            if (r < 0) {
                cli_usage_error("propose", "--limit needs a number of packages");
                goto done;
            }
            if (!cli_parse_long("propose", "--limit", value, 1, 100000, &limit))
                goto done;
            limit_given = 1;
        } else if ((r = cli_option_value(argc, argv, &i, "--compare", &value)) != 0) {
            if (r < 0) {
                cli_usage_error("propose", "--compare needs a file of candidate texts");
                goto done;
            }
            compare = value;
        } else if ((r = cli_option_value(argc, argv, &i, "--amend", &value)) != 0) {
            if (r < 0) {
                cli_usage_error("propose", "--amend needs 'issue=value[:reason]'");
                goto done;
            }
            amend[amend_count++] = value;
        } else if ((r = cli_analysis_option("propose", argc, argv, &i, &options)) != 0) {
            if (r < 0)
                goto done; /* --threads N, --time T: shared with analyze and diagnose */
        } else if (cli_scenario_argument("propose", argv[i], usage, files, &nfiles) != CLI_OK) {
            goto done;
        }
    }
    if (cli_expect_scenario("propose", nfiles) != CLI_OK)
        goto done;
    if (amend_count && !text) {
        cli_usage_error("propose", "--amend needs the --text it amends");
        goto done;
    }
    parley_error err = {0};
    parley_scenario *sc = NULL;
    if ((rc = cli_load_scenario(files, nfiles, normalise, &sc)) != CLI_OK)
        goto done;
    if (compare && text)
        rc = cli_usage_error("propose", "--compare ranks whole texts; it does not go with --text");
    else if (limit_given && !improve)
        rc = cli_usage_error("propose", "--limit goes with --improve");
    else if (improve && (text || compare))
        rc = cli_usage_error("propose", "--improve takes the agreement itself; it does not go with --text or --compare");
    else if (improve)
        rc = improve_agreement(sc, improve, (size_t)limit, json);
    else if (compare)
        rc = compare_texts(sc, compare, rule, &options, json);
    else if (text)
        rc = check_amendments(sc, text, amend, amend_count, json);
    else
        rc = parley_propose_write(sc, rule, &options, json, stdout, &err) == PARLEY_OK ? CLI_OK : cli_report(&err);
    parley_scenario_free(sc);
done:
    free(amend);
    free(files);
    return rc;
}

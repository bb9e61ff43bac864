/* cmd_conflict.c: `parley conflict MODEL`: Graph Model for Conflict Resolution stability analysis. */
#include "cli.h"
#include "cli/plot_file.h"
#include "cli/progress.h"

#include <parley/gmcr.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
    fprintf(out,
            "usage: parley conflict MODEL [options]\n"
            "\n"
            "Stability analysis of a conflict in the Graph Model for Conflict Resolution: the\n"
            "feasible states, each decision maker's ranking, and for every state and decision\n"
            "maker whether it is Nash (R), GMR, SMR, SEQ, SIM or SEQ+SIM stable (and, for two\n"
            "decision makers, limited-move L_h and non-myopic); the equilibria under each.\n"
            "The model file format is described in docs/conflict-format.md, the notions and\n"
            "a worked example in docs/conflict.md.\n"
            "\n"
            "options:\n"
            "  --json             one JSON document instead of text\n"
            "  --quiet            no progress line (shown on stderr only when stderr is a terminal)\n"
            "  --horizon H        also limited-move stability L_H (two decision makers)\n"
            "  --non-myopic       also non-myopic stability, the limit of L_h (two decision makers)\n"
            "  --explain STATE    why STATE is or is not stable: each decision maker's\n"
            "                     improvements and the sanctions that deter them\n"
            "  --inverse STATE    the least change to the decision makers' preferences that\n"
            "                     makes STATE an equilibrium, for each notion (--notions)\n"
            "  --dot FILE         the graph of unilateral improvements (Graphviz DOT)\n"
            "  --svg FILE         the same graph drawn as SVG, equilibria marked; above 24\n"
            "                     states (or with --focus or --from) a focused view: the\n"
            "                     equilibria, the moves into and out of them and the path\n"
            "                     from the status quo (--all draws every state)\n"
            "  --focus DM         in --svg, only this decision maker's moves\n"
            "  --from STATE       status-quo analysis: the states reachable from STATE by\n"
            "                     unilateral improvements (default: the model's status_quo\n"
            "                     when --coalitions is given)\n"
            "  --coalitions       also the coalition improvements from that state\n"
            "  --notions LIST     compute only these, e.g. nash,gmr (nash, gmr, smr, seq, sim,\n"
            "                     seqsim, all)\n"
            "  --threads N        worker threads (default: one per CPU)\n"
            "  --all              list every state in the text output, however many, and draw\n"
            "                     every state in --svg\n"
            "  -h, --help         this help\n"
            "\n"
            "STATE: a decimal code, a Y/N vector with option 1 first, #N for the N-th\n"
            "feasible state, or the option ids taken joined by '+' (\"truce + convene\").\n"
            "\n"
            "exit codes: 0 success, 1 failure, 2 bad model file or usage\n");
}

static int parse_notions(const char *text, unsigned *out)
{
    unsigned flags = 0;
    char buf[128];
    snprintf(buf, sizeof buf, "%s", text);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (strcmp(tok, "nash") == 0 || strcmp(tok, "r") == 0)
            flags |= PARLEY_GMCR_NASH;
        else if (strcmp(tok, "gmr") == 0)
            flags |= PARLEY_GMCR_GMR;
        else if (strcmp(tok, "smr") == 0)
            flags |= PARLEY_GMCR_SMR;
        else if (strcmp(tok, "seq") == 0)
            flags |= PARLEY_GMCR_SEQ;
        else if (strcmp(tok, "sim") == 0)
            flags |= PARLEY_GMCR_SIM;
        else if (strcmp(tok, "seqsim") == 0 || strcmp(tok, "seq+sim") == 0)
            flags |= PARLEY_GMCR_SEQSIM;
        else if (strcmp(tok, "all") == 0)
            flags |= PARLEY_GMCR_ALL;
        else
            return 0;
    }
    *out = flags;
    return flags != 0;
}

/* Writes the state graph to path as DOT or SVG. */
static int write_graph(const parley_gmcr_result *result, const char *path, const parley_gmcr_svg_view *view,
                       parley_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return parley_error_set(err, PARLEY_EIO, "%s: %s", path, strerror(errno));
    int rc = view ? parley_gmcr_write_svg_view(f, result, view, err) : parley_gmcr_write_dot(f, result, err);
    if (fclose(f) != 0 && rc == PARLEY_OK)
        rc = parley_error_set(err, PARLEY_EIO, "%s: %s", path, strerror(errno));
    if (rc != PARLEY_OK)
        cli_remove_failed_output(path); /* a graph too large to draw leaves no empty file behind */
    return rc;
}

int cmd_conflict(int argc, char **argv)
{
    const char *cmd = "conflict", *model_path = NULL, *from = NULL, *value = NULL, *explain = NULL,
               *inverse = NULL, *dot = NULL, *svg = NULL, *focus_dm = NULL;
    int json = 0, coalitions = 0, all = 0, non_myopic = 0, quiet = 0, rc;
    long horizon = 0;
    parley_gmcr_options opts = {0};
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            usage(stdout);
            return CLI_OK;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
        } else if (strcmp(argv[i], "--coalitions") == 0) {
            coalitions = 1;
        } else if (strcmp(argv[i], "--all") == 0) {
            all = 1;
        } else if (strcmp(argv[i], "--non-myopic") == 0) {
            non_myopic = 1;
        } else if ((rc = cli_option_value(argc, argv, &i, "--horizon", &value)) != 0) {
            if (rc < 0)
                return cli_usage_error(cmd, "--horizon expects a number of moves");
            if (!cli_parse_long(cmd, "--horizon", value, 1, 1000, &horizon))
                return CLI_BAD_INPUT;
        } else if ((rc = cli_option_value(argc, argv, &i, "--explain", &value)) != 0) {
            if (rc < 0)
                return cli_usage_error(cmd, "--explain expects a state");
            explain = value;
        } else if ((rc = cli_option_value(argc, argv, &i, "--inverse", &value)) != 0) {
            if (rc < 0)
                return cli_usage_error(cmd, "--inverse expects a state");
            inverse = value;
        } else if ((rc = cli_option_value(argc, argv, &i, "--dot", &value)) != 0) {
            if (rc < 0)
                return cli_usage_error(cmd, "--dot expects a file name");
            if (cli_check_output("--dot", value) != CLI_OK)
                return CLI_BAD_INPUT;
            dot = value;
        } else if ((rc = cli_option_value(argc, argv, &i, "--svg", &value)) != 0) {
            if (rc < 0)
                return cli_usage_error(cmd, "--svg expects a file name");
            if (cli_check_output("--svg", value) != CLI_OK)
                return CLI_BAD_INPUT;
            svg = value;
        } else if ((rc = cli_option_value(argc, argv, &i, "--focus", &value)) != 0) {
            if (rc < 0)
                return cli_usage_error(cmd, "--focus expects a decision maker's name");
            focus_dm = value;
        } else if ((rc = cli_option_value(argc, argv, &i, "--from", &value)) != 0) {
            if (rc < 0)
                return cli_usage_error(cmd, "--from expects a state");
            from = value;
        } else if ((rc = cli_option_value(argc, argv, &i, "--notions", &value)) != 0) {
            if (rc < 0 || !parse_notions(value, &opts.notions))
                return cli_usage_error(cmd, "--notions expects a list of nash, gmr, smr, seq, sim, seqsim or all, got '%s'",
                                       rc < 0 ? "" : value);
        } else if ((rc = cli_option_value(argc, argv, &i, "--threads", &value)) != 0) {
            long t = 0;
            if (rc < 0)
                return cli_usage_error(cmd, "--threads expects a number");
            if (!cli_parse_long(cmd, "--threads", value, 1, 64, &t))
                return CLI_BAD_INPUT;
            opts.threads = (unsigned)t;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            char *text = NULL; /* the options named in the usage, for "did you mean" */
            size_t length = 0;
            FILE *mem = open_memstream(&text, &length);
            if (mem) {
                usage(mem);
                fclose(mem);
            }
            int code = cli_unknown_option(cmd, argv[i], text ? text : "");
            free(text);
            return code;
        } else if (!model_path) {
            model_path = argv[i];
        } else {
            return cli_usage_error(cmd, "one model file expected, got '%s' too", argv[i]);
        }
    }
    if (!model_path)
        return cli_usage_error(cmd, "missing the model file");

    parley_error err = {0};
    parley_gmcr_model *model = NULL;
    parley_gmcr_result *result = NULL;
    parley_gmcr_paths *paths = NULL;
    int exit_code = CLI_OK;
    if (parley_gmcr_model_load(model_path, &model, &err) != PARLEY_OK)
        return cli_report_input(&err); /* a model that cannot be read is bad input too: exit 2, as every command */
    if ((horizon || non_myopic) && parley_gmcr_model_dm_count(model) != 2) {
        exit_code = cli_usage_error(cmd, "--horizon and --non-myopic are defined for two decision makers; %s has %zu",
                                    model_path, parley_gmcr_model_dm_count(model));
        goto done;
    }
    if (horizon || non_myopic) {
        opts.notions = (opts.notions ? opts.notions : PARLEY_GMCR_ALL) | (horizon ? PARLEY_GMCR_LH : 0) |
                       (non_myopic ? PARLEY_GMCR_NM : 0);
        opts.horizon = (unsigned)horizon;
    }
    uint32_t start = 0, focus = 0;
    int have_start = 0;
    const char *focus_text = explain ? explain : inverse;
    if (explain && inverse) {
        exit_code = cli_usage_error(cmd, "--explain and --inverse: one at a time");
        goto done;
    }
    if (focus_text && parley_gmcr_model_parse_state(model, focus_text, &focus, &err) != PARLEY_OK) {
        exit_code = cli_usage_error(cmd, "%s: %s", explain ? "--explain" : "--inverse", err.message);
        goto done;
    }
    if (from) {
        if (parley_gmcr_model_parse_state(model, from, &start, &err) != PARLEY_OK) {
            exit_code = cli_usage_error(cmd, "--from: %s", err.message);
            goto done;
        }
        have_start = 1;
    } else if (coalitions) {
        have_start = parley_gmcr_model_status_quo(model, &start);
        if (!have_start) {
            exit_code = cli_usage_error(cmd, "--coalitions needs --from STATE (the model has no status_quo)");
            goto done;
        }
    }
    cli_progress progress;
    cli_progress_init(&progress, "conflict", quiet);
    opts.progress = cli_progress_report;
    opts.progress_user = &progress;
    rc = parley_gmcr_analyze(model, &opts, &result, &err);
    cli_progress_end(&progress);
    if (rc != PARLEY_OK) {
        exit_code = cli_report(&err);
        goto done;
    }
    parley_gmcr_svg_view view = {.dm = -1, .has_status_quo = have_start, .status_quo = start};
    if (focus_dm) {
        size_t n = parley_gmcr_model_dm_count(model);
        const char *names[64];
        for (size_t d = 0; d < n && d < 64; d++)
            if (strcmp(names[d] = parley_gmcr_model_dm_name(model, d), focus_dm) == 0)
                view.dm = (int)d;
        if (view.dm < 0) {
            exit_code = cli_bad_choice(cmd, "--focus", focus_dm, names, n < 64 ? n : 64);
            goto done;
        }
    }
    if (svg && !have_start && (focus_dm || parley_gmcr_model_state_count(model) > 24))
        view.has_status_quo = parley_gmcr_model_status_quo(model, &view.status_quo);
    view.focused = !all && (focus_dm || from || parley_gmcr_model_state_count(model) > 24);
    if ((dot && write_graph(result, dot, NULL, &err) != PARLEY_OK) ||
        (svg && write_graph(result, svg, &view, &err) != PARLEY_OK)) {
        exit_code = cli_report(&err);
        goto done;
    }
    if (explain || inverse) {
        rc = explain ? parley_gmcr_write_explain(stdout, result, focus, json, &err)
                     : parley_gmcr_write_inverse(stdout, result, focus, json, &err);
        if (rc != PARLEY_OK)
            exit_code = cli_report(&err);
        goto done;
    }
    if (have_start && parley_gmcr_paths_from(model, start, &paths, &err) != PARLEY_OK) {
        exit_code = cli_report(&err);
        goto done;
    }
    parley_gmcr_report report = {.result = result, .paths = paths, .coalitions = coalitions, .all_states = all};
    rc = json ? parley_gmcr_write_json(stdout, &report, &err) : parley_gmcr_write_text(stdout, &report, &err);
    if (rc != PARLEY_OK)
        exit_code = cli_report(&err);
done:
    parley_gmcr_paths_free(paths);
    parley_gmcr_result_free(result);
    parley_gmcr_model_free(model);
    return exit_code;
}

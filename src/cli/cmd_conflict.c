/* cmd_conflict.c: `parley conflict MODEL`: Graph Model for Conflict Resolution stability analysis. */
#include "cli.h"

#include <parley/gmcr.h>
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
            "maker whether it is Nash (R), GMR, SMR or SEQ stable; the equilibria under each.\n"
            "The model file format is described in docs/conflict-format.md.\n"
            "\n"
            "options:\n"
            "  --json             one JSON document instead of text\n"
            "  --from STATE       status-quo analysis: the states reachable from STATE by\n"
            "                     unilateral improvements (STATE: decimal code, Y/N vector\n"
            "                     with option 1 first, or #N for the N-th feasible state;\n"
            "                     default: the model's status_quo when --coalitions is given)\n"
            "  --coalitions       also the coalition improvements from that state\n"
            "  --notions LIST     compute only these, e.g. nash,gmr (nash, gmr, smr, seq, all)\n"
            "  --threads N        worker threads (default: one per CPU)\n"
            "  --all              list every state in the text output, however many\n"
            "  -h, --help         this help\n"
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
        else if (strcmp(tok, "all") == 0)
            flags |= PARLEY_GMCR_ALL;
        else
            return 0;
    }
    *out = flags;
    return flags != 0;
}

int cmd_conflict(int argc, char **argv)
{
    const char *cmd = "conflict", *model_path = NULL, *from = NULL, *value = NULL;
    int json = 0, coalitions = 0, all = 0, rc;
    parley_gmcr_options opts = {0};
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            usage(stdout);
            return CLI_OK;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--coalitions") == 0) {
            coalitions = 1;
        } else if (strcmp(argv[i], "--all") == 0) {
            all = 1;
        } else if ((rc = cli_option_value(argc, argv, &i, "--from", &value)) != 0) {
            if (rc < 0)
                return cli_usage_error(cmd, "--from expects a state");
            from = value;
        } else if ((rc = cli_option_value(argc, argv, &i, "--notions", &value)) != 0) {
            if (rc < 0 || !parse_notions(value, &opts.notions))
                return cli_usage_error(cmd, "--notions expects a list of nash, gmr, smr, seq or all, got '%s'",
                                       rc < 0 ? "" : value);
        } else if ((rc = cli_option_value(argc, argv, &i, "--threads", &value)) != 0) {
            long t = 0;
            if (rc < 0)
                return cli_usage_error(cmd, "--threads expects a number");
            if (!cli_parse_long(cmd, "--threads", value, 1, 64, &t))
                return CLI_BAD_INPUT;
            opts.threads = (unsigned)t;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return cli_usage_error(cmd, "unknown option '%s'", argv[i]);
        } else if (!model_path) {
            model_path = argv[i];
        } else {
            return cli_usage_error(cmd, "one model file expected, got '%s' too", argv[i]);
        }
    }
    if (!model_path)
        return cli_usage_error(cmd, "missing the model file");

    parley_error err;
    parley_error_clear(&err);
    parley_gmcr_model *model = NULL;
    parley_gmcr_result *result = NULL;
    parley_gmcr_paths *paths = NULL;
    int exit_code = CLI_OK;
    if (parley_gmcr_model_load(model_path, &model, &err) != PARLEY_OK)
        return cli_report(&err);
    uint32_t start = 0;
    int have_start = 0;
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
    if (parley_gmcr_analyze(model, &opts, &result, &err) != PARLEY_OK) {
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

/* cli_common.c: argument and error-reporting helpers shared by every subcommand. */
#include "cli.h"

#include <errno.h>
#include <libgen.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jansson.h>
#include <parley/agent.h>
#include <parley/io.h>
#include <parley/scenario.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/strutil.h"
#include "io/json_util.h"
#include "io/load_internal.h"

static const char *context_command = NULL;
static int context_json = 0;

void cli_set_context(const char *command, int json)
{
    context_command = command;
    context_json = json;
}

const char *cli_command(void)
{
    return context_command ? context_command : "";
}

/* "parley analyze: " or "parley: " before any command is known. */
static void print_prefix(void)
{
    fprintf(stderr, context_command ? "parley %s: " : "parley: ", cli_command());
}

/* With --json: the error as one JSON object on stderr (instead of the text line). */
static void print_json_error(const char *kind, const parley_error *err, const char *message)
{
    if (!context_json)
        return;
    json_t *obj = json_pack("{s:s,s:s}", "error", message, "kind", kind);
    if (!obj)
        return;
    if (context_command)
        json_object_set_new(obj, "command", json_string(context_command));
    if (err && err->file[0])
        json_object_set_new(obj, "file", json_string(err->file));
    if (err && err->line > 0)
        json_object_set_new(obj, "line", json_integer(err->line));
    if (err && err->column > 0)
        json_object_set_new(obj, "column", json_integer(err->column));
    if (err && err->path[0])
        json_object_set_new(obj, "path", json_string(err->path));
    json_write_pretty(obj, stderr);
    json_decref(obj);
}

int cli_exit_code(int code)
{
    if (code == PARLEY_OK)
        return CLI_OK;
    return code == PARLEY_EINVAL || code == PARLEY_ERANGE ? CLI_BAD_INPUT : CLI_FAILURE;
}

static int report(const parley_error *err, int code)
{
    char buf[2048];
    if (!context_json) {
        print_prefix();
        fprintf(stderr, "%s\n", parley_error_format(err, buf, sizeof buf));
    }
    print_json_error(code == CLI_BAD_INPUT ? "bad input" : "failure", err,
                     err->message[0] ? err->message : parley_strerror(err->code));
    return code;
}

int cli_report(const parley_error *err)
{
    return report(err, cli_exit_code(err->code));
}

int cli_report_input(const parley_error *err)
{
    return report(err, err->code == PARLEY_ENOMEM ? CLI_FAILURE : CLI_BAD_INPUT);
}

void cli_warn(void *ctx, const char *message)
{
    (void)ctx;
    print_prefix();
    fprintf(stderr, "warning: %s\n", message);
}

int cli_load_scenario(const char *const *files, size_t n, int normalise_weights, parley_scenario **out)
{
    parley_load_options options = {.normalise_weights = normalise_weights, .warn = cli_warn};
    parley_error err = {0};
    if (parley_scenario_load_with(files, n, &options, out, &err) != PARLEY_OK)
        return cli_report_input(&err);
    return CLI_OK;
}

size_t cli_scenario_files(const char *const *args, size_t n)
{
    if (n == 0 || load_file_role(args[0]) != LOAD_ROLE_DOMAIN)
        return n ? 1 : 0;
    size_t k = 1;
    while (k < n && load_file_role(args[k]) == LOAD_ROLE_PROFILE)
        k++;
    return k;
}

int cli_input_option(const char *arg, int *normalise)
{
    if (strcmp(arg, "--normalise-weights") && strcmp(arg, "--normalize-weights"))
        return 0;
    *normalise = 1;
    return 1;
}

int cli_scenario_option(const char *arg, const char *usage, int *json, int *normalise)
{
    if (cli_is_help(arg)) {
        fputs(usage, stdout);
        return CLI_ARG_HELP;
    }
    if (strcmp(arg, "--json") == 0) {
        *json = 1;
        return CLI_ARG_TAKEN;
    }
    return cli_input_option(arg, normalise) ? CLI_ARG_TAKEN : 0;
}

int cli_scenario_argument(const char *cmd, const char *arg, const char *usage, const char **files, size_t *nfiles)
{
    if (arg[0] == '-' && arg[1])
        return cli_unknown_option(cmd, arg, usage);
    files[(*nfiles)++] = arg;
    return CLI_OK;
}

int cli_expect_scenario(const char *cmd, size_t nfiles)
{
    return nfiles == 0 ? cli_usage_error(cmd, "expected a scenario file") : CLI_OK;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    if (!context_json)
        fprintf(stderr, "parley %s: %s\n(see 'parley %s --help')\n", cmd, message, cmd);
    print_json_error("usage", NULL, message);
    return CLI_BAD_INPUT;
}

const char *cli_nearest(const char *word, const char *const *candidates, size_t n)
{
    return parley_nearest_word(word, candidates, n);
}

const char *const cli_protocols[3] = {"alternating", "single-text", "shuttle"};

int cli_bad_choice(const char *cmd, const char *option, const char *value, const char *const *choices, size_t n)
{
    char list[512] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof list; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
                                 choices[i]);
    const char *near = cli_nearest(value, choices, n);
    if (near)
        return cli_usage_error(cmd, "%s expects %s, got '%s' (did you mean %s?)", option, list, value, near);
    return cli_usage_error(cmd, "%s expects %s, got '%s'", option, list, value);
}

int cli_unknown_option(const char *cmd, const char *arg, const char *usage)
{
    /* the options are the "--name" words of the usage text */
    const char *names[128];
    char store[128][40];
    size_t count = 0;
    for (const char *p = strstr(usage, "--"); p && count < 128; p = strstr(p + 2, "--")) {
        size_t len = 2 + strspn(p + 2, "abcdefghijklmnopqrstuvwxyz-");
        if (len <= 2 || len >= sizeof store[0])
            continue;
        memcpy(store[count], p, len);
        store[count][len] = '\0';
        names[count] = store[count];
        count++;
    }
    char given[64];
    snprintf(given, sizeof given, "%.*s", (int)strcspn(arg, "="), arg);
    const char *near = cli_nearest(given, names, count);
    if (near)
        return cli_usage_error(cmd, "unknown option '%s' (did you mean %s?)", arg, near);
    return cli_usage_error(cmd, "unknown option '%s'", arg);
}

/* Fails with errno set when a new file or folder cannot be made in folder `dir`; with `up`, a missing `dir` is
   judged by its nearest existing parent (it would be created). */
static int folder_writable(const char *dir, int up)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (!up || errno != ENOENT || strcmp(dir, "/") == 0 || strcmp(dir, ".") == 0)
            return 0;
        char *copy = strdup(dir);
        int ok = copy && folder_writable(dirname(copy), up);
        free(copy);
        return ok;
    }
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return 0;
    }
    return access(dir, W_OK | X_OK) == 0;
}

static int check_output(const char *option, const char *path, int make_folders)
{
    if (!path || strcmp(path, "-") == 0)
        return CLI_OK;
    struct stat st;
    if (path[0] == '\0') {
        errno = ENOENT;
    } else if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            errno = EISDIR;
        else if (access(path, W_OK) == 0)
            return CLI_OK;
    } else if (errno == ENOENT) {
        char *copy = strdup(path); /* a new file: its folder must exist (or be creatable) and be writable */
        int ok = copy && folder_writable(dirname(copy), make_folders);
        free(copy);
        if (ok)
            return CLI_OK;
    }
    parley_error err = {0};
    parley_error_set_at(&err, PARLEY_EINVAL, path, 0, 0, NULL, "%s: cannot write there: %s", option,
                        strerror(errno));
    return cli_report_input(&err);
}

int cli_check_output(const char *option, const char *path)
{
    return check_output(option, path, 0);
}

int cli_check_output_tree(const char *option, const char *path)
{
    return check_output(option, path, 1);
}

void cli_print_agent_names(FILE *out)
{
    size_t n = 0, column = 0;
    const parley_agent_info *info = parley_agent_catalog(&n);
    fputs("Agents (`parley agents` describes them and their parameters):\n ", out);
    column = 1;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(info[i].kind, "agent") != 0)
            continue;
        size_t len = strlen(info[i].name) + 2;
        if (column + len > 79) {
            fputs("\n ", out);
            column = 1;
        }
        fprintf(out, " %s,", info[i].name);
        column += len;
    }
    fputs(" or a plug-in PATH.so\n", out);
}

int cli_is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int cli_option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return 1;
    }
    if (arg[n] != '\0')
        return 0;
    if (*i + 1 >= argc)
        return -1;
    *value = argv[++*i];
    return 1;
}

int cli_parse_long(const char *cmd, const char *option, const char *text, long min, long max, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end != '\0' || v < min || v > max) {
        cli_usage_error(cmd, "%s expects a whole number from %ld to %ld, got '%s'", option, min, max, text);
        return 0;
    }
    *out = v;
    return 1;
}

int cli_parse_double(const char *cmd, const char *option, const char *text, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end != '\0' || v != v) {
        cli_usage_error(cmd, "%s expects a number, got '%s'", option, text);
        return 0;
    }
    *out = v;
    return 1;
}

int cli_analysis_option(const char *cmd, int argc, char **argv, int *i, parley_analysis_options *options)
{
    const char *value = NULL;
    int r;
    if ((r = cli_option_value(argc, argv, i, "--threads", &value)) != 0) {
        long n;
        if (r < 0) {
            cli_usage_error(cmd, "--threads needs a number of threads");
            return -1;
        }
        if (!cli_parse_long(cmd, "--threads", value, 1, 64, &n))
            return -1;
        options->threads = (unsigned)n;
        return 1;
    }
    if ((r = cli_option_value(argc, argv, i, "--time", &value)) != 0) {
        if (r < 0) {
            cli_usage_error(cmd, "--time needs a relative time in [0,1]");
            return -1;
        }
        if (!cli_parse_double(cmd, "--time", value, &options->time))
            return -1;
        if (options->time < 0 || options->time > 1) {
            cli_usage_error(cmd, "--time expects a number in [0,1], got '%s'", value);
            return -1;
        }
        return 1;
    }
    return 0;
}

void cli_print_condition(const parley_scenario *sc, const parley_analysis *a, size_t c)
{
    const parley_condition *cond = parley_analysis_condition(a, c);
    const char *party = parley_party_name(sc, cond->party);
    if (cond->kind == PARLEY_CONDITION_RED_LINE) {
        const parley_constraint *con = parley_scenario_constraint(sc, cond->index);
        printf("%s's red line '%s' (%s)", party, con->name, con->rule);
        return;
    }
    for (size_t k = 0; k < parley_analysis_party_count(a); k++)
        if (parley_analysis_party(a, k) == cond->party)
            printf("%s's reservation value %.4g", party, parley_analysis_reservation(a, k));
}

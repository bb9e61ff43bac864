/* cli_common.c: argument and error-reporting helpers shared by every subcommand. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_exit_code(int code)
{
    if (code == PARLEY_OK)
        return CLI_OK;
    return code == PARLEY_EINVAL || code == PARLEY_ERANGE ? CLI_BAD_INPUT : CLI_FAILURE;
}

int cli_report(const parley_error *err)
{
    char buf[2048];
    fprintf(stderr, "parley: %s\n", parley_error_format(err, buf, sizeof buf));
    return cli_exit_code(err->code);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "parley %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'parley %s --help')\n", cmd);
    return CLI_BAD_INPUT;
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

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

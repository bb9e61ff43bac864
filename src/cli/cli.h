/*
 * cli.h: what the parley subcommands share.  Each subcommand lives in its own
 * cmd_<name>.c, declares itself here and is listed in main.c's table.  The CLI is
 * a thin layer: parse arguments, call the library, format the result.
 *
 * Exit codes: 0 success, 1 runtime failure, 2 bad input or usage.
 */
#ifndef PARLEY_CLI_H
#define PARLEY_CLI_H

#include <parley/analysis.h>
#include <parley/error.h>
#include <stdio.h>

enum { CLI_OK = 0, CLI_FAILURE = 1, CLI_BAD_INPUT = 2 };

/* Subcommands: argv[0] is the subcommand name. Return an exit code. */
int cmd_analyze(int argc, char **argv);
int cmd_conflict(int argc, char **argv);
int cmd_diagnose(int argc, char **argv);
int cmd_propose(int argc, char **argv);
int cmd_tournament(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_negotiate(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_agents(int argc, char **argv);

/* Prints "parley: <formatted error>" on stderr and returns the exit code for err->code. */
int cli_report(const parley_error *err);

/* Exit code for a parley_code: 2 for bad input, 1 otherwise (0 for PARLEY_OK). */
int cli_exit_code(int code);

/* Prints "parley <cmd>: <message>" and a hint to use --help on stderr; returns CLI_BAD_INPUT. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* True when argv[i] is "--help" or "-h". */
int cli_is_help(const char *arg);

/*
 * Reads the value of an option that takes one ("--rounds 10" or "--rounds=10").
 * On a match returns 1, stores the value and advances *i past it; returns 0 when
 * argv[*i] is not this option, -1 when the value is missing.
 */
int cli_option_value(int argc, char **argv, int *i, const char *name, const char **value);

/* Parses a whole number / real number option value; on failure prints a usage error and returns 0. */
int cli_parse_long(const char *cmd, const char *option, const char *text, long min, long max, long *out);
int cli_parse_double(const char *cmd, const char *option, const char *text, double *out);

/*
 * The options every analysing command shares: --threads N and --time T.
 * Returns 1 when argv[*i] was one of them (options updated, *i advanced), 0 when
 * it is not, -1 after printing a usage error.
 */
int cli_analysis_option(const char *cmd, int argc, char **argv, int *i, parley_analysis_options *options);

/* Prints "Party's red line 'name' (rule)" or "Party's reservation value 0.35" for condition c. */
void cli_print_condition(const parley_scenario *sc, const parley_analysis *a, size_t c);

#endif

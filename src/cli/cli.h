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
/* Internal, not listed in the help: one answer of an agent seated by `parley serve` (cmd_seat_answer.c). */
int cmd_seat_answer(int argc, char **argv);

/*
 * What every message of this run is prefixed with ("parley analyze: ") and
 * whether errors are also printed as a JSON object on stderr (--json).  Set by
 * main.c before the subcommand runs.
 */
void cli_set_context(const char *command, int json);
const char *cli_command(void);

/*
 * Prints "parley COMMAND: <formatted error>" on stderr (with --json, instead, the
 * error as one JSON object) and returns the exit code for
 * err->code.
 */
int cli_report(const parley_error *err);
/* The same for a failure to read input: always exit 2 (bad input) except out of memory. */
int cli_report_input(const parley_error *err);
/* Prints "parley COMMAND: warning: <message>" on stderr (a parley_warn_fn; ctx unused). */
void cli_warn(void *ctx, const char *message);

/*
 * Reads the scenario named by files[0..n) with the one loader (parley/io.h):
 * a native file, a GENIUS domain and its profiles, DOMAIN+P1+P2, GeniusWeb
 * JSON.  Warnings go to stderr.  Returns CLI_OK or the exit code after
 * reporting the error.
 */
int cli_load_scenario(const char *const *files, size_t n, int normalise_weights, parley_scenario **out);

/*
 * How many of args[0..n) name the scenario that args[0] starts: a GENIUS or
 * GeniusWeb domain with the profiles that follow it (DOMAIN.xml P1.xml P2.xml),
 * else 1 (a native scenario, or DOMAIN+P1+P2 as one argument).  For commands
 * that take several scenarios (tournament).
 */
size_t cli_scenario_files(const char *const *args, size_t n);

/* 1 when arg is --normalise-weights (or --normalize-weights): sets *normalise. */
int cli_input_option(const char *arg, int *normalise);

/* The usage lines every scenario-taking command shares (inputs and --normalise-weights). */
#define CLI_INPUT_HELP                                                                                              \
    "SCENARIO is a parley scenario (.json), a GENIUS domain followed by its profiles\n"                             \
    "(DOMAIN.xml P1.xml P2.xml, or DOMAIN.xml+P1.xml+P2.xml as one argument) or a\n"                               \
    "GeniusWeb domain and profiles; the format is told by the content.\n"                                          \
    "  --normalise-weights   divide GENIUS profile weights by their sum (GENIUS uses them\n"                        \
    "                        as written and caps utilities at 1; parley does the same)\n"

/*
 * Reports an unknown option, suggesting the nearest option named in `usage`
 * ("did you mean --frontier?"); returns CLI_BAD_INPUT.
 */
int cli_unknown_option(const char *cmd, const char *arg, const char *usage);

/*
 * The options every scenario command (analyze, convert, diagnose, propose)
 * reads alike, tried first in its option loop: --help (prints `usage` on
 * stdout), --json (sets *json) and --normalise-weights (sets *normalise).
 * Returns CLI_ARG_HELP after printing the usage (the command ends with exit
 * 0), CLI_ARG_TAKEN for --json or --normalise-weights, 0 for anything else.
 */
enum { CLI_ARG_TAKEN = 1, CLI_ARG_HELP = 2 };
int cli_scenario_option(const char *arg, const char *usage, int *json, int *normalise);
/*
 * The last branch of a scenario command's option loop: an argument no option
 * took is reported when it looks like an option ("-x", "--frontiers"; returns
 * CLI_BAD_INPUT) and otherwise appended to files[*nfiles] (returns CLI_OK).
 */
int cli_scenario_argument(const char *cmd, const char *arg, const char *usage, const char **files, size_t *nfiles);
/* After the loop: "expected a scenario file" (returns CLI_BAD_INPUT) when nfiles is 0, else CLI_OK. */
int cli_expect_scenario(const char *cmd, size_t nfiles);

/* The protocols' names, as --protocol takes them. */
extern const char *const cli_protocols[3];
/*
 * A usage error for a value of `option` that is none of `choices`: "--protocol
 * expects alternating, single-text or shuttle, got 'alternate' (did you mean
 * alternating?)".  Returns CLI_BAD_INPUT.
 */
int cli_bad_choice(const char *cmd, const char *option, const char *value, const char *const *choices, size_t n);

/* The candidate nearest to `word` by edit distance when near enough to be a typo, else NULL. */
const char *cli_nearest(const char *word, const char *const *candidates, size_t n);

/* Exit code for a parley_code: 2 for bad input, 1 otherwise (0 for PARLEY_OK). */
int cli_exit_code(int code);

/* Prints "parley <cmd>: <message>" and a hint to use --help on stderr; returns CLI_BAD_INPUT. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Checks, before any work, that `path` (the value of output option `option`)
 * can be written: its folder exists and is writable and it is not a folder
 * itself ("-", standard output, always can).  Otherwise reports "OPTION PATH:
 * cannot write there: <the system's reason>" and returns CLI_BAD_INPUT;
 * CLI_OK when it can.  Creates nothing.
 */
int cli_check_output(const char *option, const char *path);
/* The same for a command that creates the missing folders of `path` (convert): the nearest existing one must be writable. */
int cli_check_output_tree(const char *option, const char *path);

/* Prints "Agents: boulware, linear, ..." (every built-in agent of the registry, wrapped at 80 columns) to `out`. */
void cli_print_agent_names(FILE *out);

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

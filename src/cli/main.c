/* main.c: the parley command: dispatches to one subcommand per file (cmd_*.c). */
#include "cli.h"
#include "mpi.h"

#include <errno.h>
#include <parley/parley.h>
#include <stdio.h>
#include <string.h>

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

/* One line per subcommand; keep in the order `parley --help` shows them. */
static const struct command commands[] = {
    {"analyze", cmd_analyze, "outcomes, zone of agreement, Pareto frontier, Nash/Kalai/egalitarian/welfare"},
    {"diagnose", cmd_diagnose, "why no deal exists: conflicting red lines, relaxations that open a zone"},
    {"propose", cmd_propose, "the package a mediator would table, explained; checks amendments; improves a deal"},
    {"negotiate", cmd_negotiate, "run a negotiation: alternating offers, single text, shuttle mediation"},
    {"tournament", cmd_tournament, "many negotiations in parallel: every agent against every other, ranked"},
    {"conflict", cmd_conflict, "Graph Model for Conflict Resolution: stability analysis"},
    {"serve", cmd_serve, "host live mediated talks: HTTP API, durable storage, web dashboard"},
    {"convert", cmd_convert, "between native scenarios, GENIUS XML and GeniusWeb JSON"},
    {"agents", cmd_agents, "the built-in agents and BOA components, their parameters and sources"},
    {"seat-answer", cmd_seat_answer, NULL}, /* internal (no summary: not listed): parley serve's seated agents */
};

static void print_help(FILE *out)
{
    fprintf(out, "parley %s: a negotiation engine\n\nusage: parley <command> [options]\n\ncommands:\n",
            parley_version());
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (commands[i].summary)
            fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nEvery command has --help and --json. Exit codes: 0 success, 1 failure, 2 bad input.\n");
}

static int run(int argc, char **argv);

int main(int argc, char **argv)
{
    if (cli_mpi_start(&argc, &argv) != 0)
        return CLI_FAILURE;
    int rc = run(argc, argv);
    /* A report that did not reach its reader is a failure, not a success (`parley analyze S --json >out` on a
       full disk exited 0): the buffered output is written now, and any write of it that failed counts. */
    errno = 0;
    int flush_failed = fflush(stdout) != 0;
    if ((flush_failed || ferror(stdout)) && rc == CLI_OK) {
        /* errno tells why only when this flush failed; a write that failed earlier left it long since changed */
        fprintf(stderr, "parley: cannot write the output: %s\n",
                flush_failed && errno ? strerror(errno) : "an earlier write to it failed");
        rc = CLI_FAILURE;
    }
    cli_mpi_stop();
    return rc;
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return CLI_BAD_INPUT;
    }
    if (cli_is_help(argv[1])) {
        print_help(stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("parley %s\n", parley_version());
        return CLI_OK;
    }
    int json = 0;
    for (int i = 2; i < argc; i++)
        json |= strcmp(argv[i], "--json") == 0;
    const char *names[sizeof commands / sizeof commands[0]];
    size_t listed = 0;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (commands[i].summary) /* a hidden command is never suggested */
            names[listed++] = commands[i].name;
        if (strcmp(argv[1], commands[i].name) == 0 && commands[i].run) {
            cli_set_context(commands[i].name, json);
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    cli_set_context(NULL, json);
    const char *near = cli_nearest(argv[1], names, listed);
    if (near)
        fprintf(stderr, "parley: unknown command '%s' (did you mean '%s'?)\n", argv[1], near);
    else
        fprintf(stderr, "parley: unknown command '%s'\n", argv[1]);
    print_help(stderr);
    return CLI_BAD_INPUT;
}

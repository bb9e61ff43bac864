/* cli_stats.h: the statistics options of `parley tournament` (cli_stats.c), kept apart from cmd_tournament.c. */
#ifndef PARLEY_CLI_STATS_H
#define PARLEY_CLI_STATS_H

#include <parley/parley.h>

struct cli_stats {
    int text;                    /* --stats: print the statistics after the table */
    const char *json, *csv;      /* --stats-json FILE, --stats-csv FILE */
    unsigned bootstrap;          /* --bootstrap N */
    const char *model;           /* --model NAME: opponent-model accuracy */
};

/* The option lines for the usage text. */
extern const char cli_stats_usage[];

/* 1 when argv[*i] is a statistics option (stored, *i advanced), 0 when not, -1 after a usage error. */
int cli_stats_option(int argc, char **argv, int *i, struct cli_stats *o, parley_tournament_config *cfg);

/* Computes and writes what the options ask for (text to stdout unless `json_mode`); returns an exit code. */
int cli_stats_write(const struct cli_stats *o, const parley_tournament *t, uint64_t seed, int json_mode);

#endif

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

/* Computes the statistics when the options ask for them (*out NULL when not), playing each agent's games
   against itself when the tournament had no self-play; returns an exit code.  *out: parley_tournament_stats_free. */
int cli_stats_compute(const struct cli_stats *o, const parley_tournament *t, const parley_tournament_config *cfg,
                      const parley_scenario *const *scenarios, size_t count, parley_tournament_stats **out);

/* Writes what the options ask for (text to stdout unless `json_mode`, files); returns an exit code. */
int cli_stats_write(const struct cli_stats *o, const parley_tournament_stats *s, const parley_tournament *t,
                    int json_mode);

#endif

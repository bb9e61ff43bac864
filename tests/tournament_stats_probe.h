/*
 * tournament_stats_probe.h: what the tests of the tournament statistics share (test_kill14_tournament,
 * test_kill_stats12, test_stats_cells, test_mut_tournament): an agent's row of the statistics by agent number,
 * and what one of the statistics' writers (text, CSV, JSON) writes, as a string.  Header-only (include after
 * <cmocka.h> and <parley/parley.h>).
 */
#ifndef PARLEY_TESTS_TOURNAMENT_STATS_PROBE_H
#define PARLEY_TESTS_TOURNAMENT_STATS_PROBE_H

#include <parley/parley.h>
#include <stddef.h>
#include <stdio.h>

/* The statistics of agent number `agent` (whatever its rank); fails the test when no rank holds it. */
static inline const parley_agent_stats *stats_of(const parley_tournament_stats *s, size_t agent)
{
    for (size_t r = 0; r < parley_tournament_stats_agent_count(s); r++)
        if (parley_tournament_stats_agent(s, r)->agent == agent)
            return parley_tournament_stats_agent(s, r);
    fail_msg("agent %zu not ranked", agent);
    return NULL;
}

/* What `writer` (parley_tournament_stats_write_text, _csv or _json) writes, as a string (to free); fails the
 * test when it does not return PARLEY_OK. */
static inline char *written(int (*writer)(const parley_tournament_stats *, const parley_tournament *, FILE *,
                                          parley_error *),
                            const parley_tournament_stats *s, const parley_tournament *t)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_non_null(f);
    assert_int_equal(writer(s, t, f, NULL), PARLEY_OK);
    fclose(f);
    return buf;
}

#endif

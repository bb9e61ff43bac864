/*
 * parley/io.h: the one way a scenario comes in, whatever its format, and the
 * one way numbers go out.
 *
 * Every command and the server read scenarios through the loader declared
 * here.  It takes a list of documents (files, or buffers already in memory)
 * and tells their format by their content, never by their names:
 *
 *   - one native parley scenario (JSON with "issues" and "parties");
 *   - a GENIUS XML domain followed by its profiles (two or more);
 *   - a GeniusWeb JSON domain ("issuesValues") followed by its profiles.
 *
 * A path that does not exist but contains '+' is read as several paths
 * ("DOMAIN.xml+P1.xml+P2.xml"), so one command-line argument can name a whole
 * GENIUS negotiation.
 *
 * Utilities follow GENIUS (docs/genius.md): profile weights are used as
 * written and an outcome's utility is capped at 1, as GENIUS's
 * AdditiveUtilitySpace and NonlinearUtilitySpace do.  Weights that do not sum
 * to 1 give a warning (through options->warn); options->normalise_weights
 * divides them by their sum instead.  Native scenarios whose weights sum to
 * within PARLEY_WEIGHT_TOLERANCE of 1 are normalised with a warning; further
 * off is an error.
 */
#ifndef PARLEY_IO_H
#define PARLEY_IO_H

#include <parley/error.h>
#include <parley/scenario.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Receives one sentence: a warning of a reader, or a loss of a writer. */
typedef void (*parley_warn_fn)(void *ctx, const char *message);

/* How far a native profile's weights may sum from 1 and still be normalised (with a warning). */
#define PARLEY_WEIGHT_TOLERANCE 1e-3

/* Options of the loader; all-zero (or a NULL pointer) means: GENIUS semantics, warnings dropped. */
typedef struct parley_load_options {
    int normalise_weights; /* divide GENIUS/GeniusWeb weights by their sum (GENIUS itself does not) */
    parley_warn_fn warn;   /* called once per warning (weights not summing to 1, ...); may be NULL */
    void *warn_ctx;
    /*
     * Limits checked on a GENIUS or GeniusWeb domain before any profile is
     * read (profiles allocate a table of values per issue), for input from
     * untrusted hands (the server's uploads); 0 = none: values of one issue,
     * and cells of the profiles' tables (values of every issue times profiles).
     */
    size_t max_issue_values;
    size_t max_table_cells;
} parley_load_options;

/* One document in memory: `name` is its file name in errors and names its party; `bytes` need not end in NUL. */
typedef struct parley_document {
    const char *name;
    const char *bytes;
    size_t length;
} parley_document;

/*
 * Reads a scenario from `count` files (see above).  *out is owned by the
 * caller.  Errors (always PARLEY_EINVAL for bad input, PARLEY_EIO when a file
 * cannot be read, with the system's reason: "No such file or directory", "is a
 * directory") carry the file and line:column or JSON path.
 */
int parley_scenario_load_with(const char *const *paths, size_t count, const parley_load_options *options,
                              parley_scenario **out, parley_error *err);

/*
 * The same from documents already in memory (the server's uploads): docs[0]
 * is the native scenario, or the domain followed by its profiles.
 */
int parley_scenario_load_buffers(const parley_document *docs, size_t count, const parley_load_options *options,
                                 parley_scenario **out, parley_error *err);

/*
 * The one number format of parley's output, text and JSON: the shortest
 * decimal that reads back to exactly x ("0.4", "2", "0.30000000000000004",
 * "1e-07"); "null" for NaN and infinities (which JSON cannot hold).  Returns buf.
 */
char *parley_format_number(double x, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif

/*
 * genius_internal.h: what the GENIUS XML and GeniusWeb JSON readers and writers
 * share: turning their free-text issue names into parley identifiers and back,
 * naming parties after their profile files, and the exact number format.
 * Not public API.
 */
#ifndef PARLEY_IO_GENIUS_INTERNAL_H
#define PARLEY_IO_GENIUS_INTERNAL_H

#include <parley/genius.h>
#include <stdarg.h>

/*
 * Writes into out (size >= 8) an identifier made from `text` ("0:00-2:59 prices"
 * gives "_0_00_2_59_prices"), unique among the issues of `space`.
 */
void genius_make_identifier(const char *text, const parley_space *space, char *out, size_t size);

/*
 * Adds the party of profile file `path` with utility u (taken over, as by parley_scenario_add_party), named after
 * the file's base name without its extension (made unique in sc: "name-2", ...) and described as "FORMAT profile PATH".  Returns PARLEY_OK or the negative code (err set).
 */
int genius_add_profile_party(parley_scenario *sc, const char *path, const char *format, parley_utility *u,
                             parley_error *err);

/* The preferences of party `party` to write as a profile, or NULL with err set when it has none. */
const parley_utility *genius_profile_to_write(const parley_scenario *sc, size_t party, parley_error *err);

/* The name to write for issue i: its description when that reads back to the same identifier, else its name. */
const char *genius_issue_external_name(const parley_space *space, size_t issue);

/* The base name of a path without its extension (the scenario title of a domain file). */
void genius_base_name(const char *path, char *out, size_t size);

/* Calls warn (when set) with a formatted sentence. */
void genius_warn(parley_warn_fn warn, void *ctx, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Reads a GENIUS XML / GeniusWeb JSON negotiation from documents (domain first); options may be NULL. */
typedef int (*genius_documents_fn)(const parley_document *docs, size_t n, const parley_load_options *options,
                                   parley_scenario **out, parley_error *err);
int genius_parse_documents(const parley_document *docs, size_t n, const parley_load_options *options,
                           parley_scenario **out, parley_error *err);
int geniusweb_parse_documents(const parley_document *docs, size_t n, const parley_load_options *options,
                              parley_scenario **out, parley_error *err);
/* The texts/lengths/names form of the public parse functions, with default options. */
int genius_parse_texts(const char *const *texts, const size_t *lengths, const char *const *names, size_t n,
                       genius_documents_fn parse, parley_scenario **out, parley_error *err);

/*
 * A profile's weights summed to `total`: with options->normalise_weights
 * divides weights[0..n) by it; otherwise, when total is off 1 by more than
 * 1e-9, warns that they are used as written (GENIUS semantics).
 */
/* The caller's limits (parley_load_options max_issue_values, max_table_cells) on a domain read, before profiles. */
int genius_check_limits(const parley_space *space, size_t profiles, const parley_load_options *options,
                        const char *file, parley_error *err);
void genius_weights_sum(const parley_load_options *options, const char *file, double total, double *weights,
                        size_t n);

/*
 * Warns (once per item) about what a scenario holds that the research formats
 * (`format`: "GENIUS" or "GeniusWeb") cannot: global constraints, red lines,
 * mediators, phases, trust and sources.
 */
void genius_warn_losses(const parley_scenario *sc, const char *format, parley_warn_fn warn, void *warn_ctx);

/* Writes s to out with the XML attribute escapes (& < > " '). */
void genius_xml_escape(FILE *out, const char *s);

#endif

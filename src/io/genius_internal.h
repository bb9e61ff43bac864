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

/* The party name for a profile file: its base name without the extension, unique in sc. */
void genius_party_name(const char *path, const parley_scenario *sc, char *out, size_t size);

/* The name to write for issue i: its description when that reads back to the same identifier, else its name. */
const char *genius_issue_external_name(const parley_space *space, size_t issue);

/* The base name of a path without its extension (the scenario title of a domain file). */
void genius_base_name(const char *path, char *out, size_t size);

/* Calls warn (when set) with a formatted sentence. */
void genius_warn(parley_warn_fn warn, void *ctx, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Shortest text that reads back to exactly x ("0.25", "0.30000000000000004"). */
char *genius_number(double x, char *buf, size_t size);

/* Writes s to out with the XML attribute escapes (& < > " '). */
void genius_xml_escape(FILE *out, const char *s);

#endif

/* load_internal.h: the readers' entry points that take the loader's options (used by load.c). Not public API. */
#ifndef PARLEY_IO_LOAD_INTERNAL_H
#define PARLEY_IO_LOAD_INTERNAL_H

#include <parley/io.h>

/* A native scenario from memory; options (may be NULL) receive the weight warnings. */
int scenario_parse_with(const char *text, size_t length, const char *name, const parley_load_options *options,
                        parley_scenario **out, parley_error *err);

/*
 * What a document is in a GENIUS or GeniusWeb negotiation, by its content: a
 * domain (GENIUS <negotiation_template>, GeniusWeb "issuesValues"), a profile
 * (GENIUS <utility_space> with weights or evaluations, GeniusWeb
 * "LinearAdditiveUtilitySpace"), or neither (a native scenario, anything else).
 */
typedef enum { LOAD_ROLE_OTHER, LOAD_ROLE_DOMAIN, LOAD_ROLE_PROFILE } load_role;
load_role load_document_role(const parley_document *doc);
/* The same for a file (LOAD_ROLE_OTHER when it cannot be read). */
load_role load_file_role(const char *path);

#endif

/* load_internal.h: the readers' entry points that take the loader's options (used by load.c). Not public API. */
#ifndef PARLEY_IO_LOAD_INTERNAL_H
#define PARLEY_IO_LOAD_INTERNAL_H

#include <parley/io.h>

/* A native scenario from memory; options (may be NULL) receive the weight warnings. */
int scenario_parse_with(const char *text, size_t length, const char *name, const parley_load_options *options,
                        parley_scenario **out, parley_error *err);

#endif

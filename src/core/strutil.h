/* strutil.h: small string helpers shared inside the library (not public API). */
#ifndef PARLEY_CORE_STRUTIL_H
#define PARLEY_CORE_STRUTIL_H

#include <stddef.h>

/* strdup that accepts NULL (returns NULL). */
char *parley_strdup(const char *s);
/* 1 when name is [A-Za-z_][A-Za-z0-9_]* and not a word of the constraint language (and, or, if, ...). */
int parley_valid_identifier(const char *name);
/* Shortest text that reads back to x ("30", "1.5", "0.333333333333"); returns buf. */
char *parley_format_number(double x, char *buf, size_t size);

#endif

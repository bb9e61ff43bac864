/* strutil.h: small string helpers shared inside the library (not public API). */
#ifndef PARLEY_CORE_STRUTIL_H
#define PARLEY_CORE_STRUTIL_H

#include <parley/io.h>
#include <stddef.h>

/* strdup that accepts NULL (returns NULL). */
char *parley_strdup(const char *s);
/* 1 when name is [A-Za-z_][A-Za-z0-9_]* and not a word of the constraint language (and, or, if, ...). */
int parley_valid_identifier(const char *name);
/* The label of a value on a numeric grid: shortest text that reads back to x, at most 12 digits
   ("30", "1.5", "0.333333333333"); returns buf.  (Output numbers use parley_format_number, parley/io.h.) */
char *parley_format_grid_number(double x, char *buf, size_t size);
/*
 * A summed figure (a utility, a mean) as parley's JSON and CSV summaries print it: rounded to 12 significant
 * digits, so that a sum of utilities prints 0.6225 and not 0.6224999999999999.  Utilities on parley's 2^-32
 * grid stay distinct at 12 digits.  Non-finite values and 0 are returned as they are.
 */
double parley_round_figure(double x);

/*
 * The candidate nearest to `word` by edit distance (insertions, deletions,
 * substitutions, case ignored) when close enough to be a typo: at most 1 edit
 * for words up to 4 letters, 2 up to 8, 3 beyond.  NULL when none is.
 */
const char *parley_nearest_word(const char *word, const char *const *candidates, size_t n);

/* x in decimal into out (no NUL; room for 20 characters), async-signal-safe: no allocation, no stdio, no locale
   (a signal handler's reports use it).  Returns the number of characters written. */
size_t parley_decimal(char *out, size_t x);

/* The length of s's longest prefix of at most max bytes that does not end inside a UTF-8 sequence (what
   "%.*s" may print of a text written by a party without leaving half a character). */
int parley_utf8_prefix(const char *s, size_t max);
/* Cuts the text in buf (NUL-terminated) back so that it does not end inside a UTF-8 sequence, as snprintf
   leaves it when it truncates. */
void parley_utf8_trim(char *buf);

#endif

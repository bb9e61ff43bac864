/* memtext.h: running a FILE writer into memory (internal: the text bindings and the server's advice share it). */
#ifndef PARLEY_MEMTEXT_H
#define PARLEY_MEMTEXT_H

#include <parley/error.h>
#include <stddef.h>
#include <stdio.h>

/* A writer of some report into `out`, with what it needs in ctx; returns 0 or a negative parley_code. */
typedef int (*memtext_writer)(const void *ctx, FILE *out, parley_error *err);

/*
 * Runs `write` into a new NUL-terminated string (the caller frees it), its
 * length in *length when not NULL; NULL with err filled when it fails.
 */
char *memtext_capture(memtext_writer write, const void *ctx, size_t *length, parley_error *err);

#endif

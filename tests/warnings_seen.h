/* warnings_seen.h: a parley_warn_fn for tests that counts the loader's warnings and keeps the last one. */
#ifndef PARLEY_TESTS_WARNINGS_SEEN_H
#define PARLEY_TESTS_WARNINGS_SEEN_H

#include <stdio.h>

struct warnings_seen {
    size_t count;
    char last[1024];
};

static inline void note_warning(void *ctx, const char *message)
{
    struct warnings_seen *w = ctx;
    w->count++;
    snprintf(w->last, sizeof w->last, "%s", message);
}

#endif

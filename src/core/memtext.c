/* memtext.c: running a FILE writer into memory (memtext.h). */
#include "core/memtext.h"

#include <stdlib.h>

char *memtext_capture(memtext_writer write, const void *ctx, size_t *length, parley_error *err)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    if (!out) {
        parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        return NULL;
    }
    int rc = write(ctx, out, err);
    if (fclose(out) != 0 && rc == PARLEY_OK)
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    if (rc != PARLEY_OK) {
        free(buf);
        return NULL;
    }
    if (length)
        *length = size;
    return buf;
}

/*
 * fuzz_checkpoint.c: libFuzzer target for the reader of a distributed
 * tournament's checkpoint (src/cli/tournament_checkpoint.c): every line of
 * the input is read as a finished run, as `parley tournament --checkpoint`
 * reads the file it resumes from.  A line read gives a packed result whose
 * length fits its buffer and matches its party count.
 */
#include "cli/tournament_checkpoint.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    double v[CHECKPOINT_MAX_PACKED];
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        size_t length = checkpoint_parse_line(line, v);
        if (length && (length > CHECKPOINT_MAX_PACKED || length != checkpoint_packed_length(v) || v[3] < 1))
            abort();
    }
    free(text);
    return 0;
}

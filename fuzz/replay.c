/*
 * replay.c: runs a fuzz target's LLVMFuzzerTestOneInput over every file below
 * the given paths, without libFuzzer, so that `make check` replays the seed
 * corpora (tests/data, examples) through each target under the sanitizers.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t replayed;

static int replay(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)ftw;
    if (type != FTW_F || st->st_size > (1 << 20))
        return 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    uint8_t *data = malloc((size_t)st->st_size + 1);
    size_t n = data ? fread(data, 1, (size_t)st->st_size, f) : 0;
    fclose(f);
    if (data) {
        LLVMFuzzerTestOneInput(data, n);
        replayed++;
    }
    free(data);
    return 0;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (nftw(argv[i], replay, 16, FTW_PHYS) != 0) {
            fprintf(stderr, "replay: cannot walk %s\n", argv[i]);
            return 1;
        }
    printf("replayed %zu inputs\n", replayed);
    return replayed ? 0 : 1;
}

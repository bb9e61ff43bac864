/*
 * fuzz_compare.c: libFuzzer target for the candidate texts of `parley propose
 * --compare TEXTS.json` (parley_texts_load: a JSON array of packages, each
 * {"name", "package"} or the package alone) over a fixed scenario with an
 * integer, a categorical and a real issue and red lines; texts that load are
 * ranked and written as text and as JSON.  Every refusal says what is wrong.
 */
#define _GNU_SOURCE
#include "fuzz_fixture.h"
#include <parley/parley.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static const char scenario_json[] = FUZZ_SCENARIO_OPEN "]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static parley_scenario *sc;
    static int fd = -1;
    static FILE *sink;
    static char path[64];
    if (!sc) {
        if (parley_scenario_parse(scenario_json, sizeof scenario_json - 1, "fuzz", &sc, NULL) != PARLEY_OK ||
            (fd = memfd_create("texts", MFD_CLOEXEC)) < 0 || !(sink = fopen("/dev/null", "w")))
            abort();
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    uint32_t *texts = NULL;
    char **names = NULL;
    size_t n = 0;
    parley_error err;
    parley_error_clear(&err);
    if (parley_texts_load(sc, path, &texts, &names, &n, &err) != PARLEY_OK) {
        if (err.message[0] == '\0')
            abort();
        return 0;
    }
    parley_text_rank *ranks = calloc(n ? n : 1, sizeof *ranks);
    double best;
    parley_analysis_options options = {0};
    options.threads = 1;
    if (ranks && parley_texts_rank(sc, texts, n, PARLEY_SOLUTION_NASH, &options, ranks, &best, &err) == PARLEY_OK)
        for (int json = 0; json <= 1; json++)
            parley_texts_write(sc, texts, (const char *const *)names, n, ranks, PARLEY_SOLUTION_NASH, best, json,
                               sink, &err);
    free(ranks);
    parley_texts_free(texts, names, n);
    return 0;
}

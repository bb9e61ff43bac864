/*
 * fuzz_scenario.c: libFuzzer target for the native scenario reader.  Parses
 * arbitrary bytes with parley_scenario_parse; when a scenario loads and its
 * space is small, analyses it (1 or 2 threads) and writes it back, reads the
 * written text again and checks that it still loads.  Any crash, sanitizer
 * report, leak or failed round trip is a finding.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parley/analysis.h>
#include <parley/scenario.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_scenario_parse((const char *)data, size, "fuzz.json", &sc, &err) != PARLEY_OK) {
        char buf[2048];
        parley_error_format(&err, buf, sizeof buf); /* formatting must not crash either */
        if (sc)
            abort(); /* a failed parse returns no scenario */
        return 0;
    }
    uint64_t outcomes = 0;
    if (parley_space_size_u64(parley_scenario_space(sc), &outcomes) == PARLEY_OK && outcomes <= 20000) {
        parley_analysis_options options;
        memset(&options, 0, sizeof options);
        options.threads = 1 + (unsigned)(size & 1);
        parley_analysis *a = NULL;
        if (parley_analyze(sc, &options, &a, &err) == PARLEY_OK) {
            uint32_t masks[16];
            parley_analysis_minimal_conflicts(a, masks, 16);
            FILE *null = fopen("/dev/null", "w");
            if (null) {
                parley_analysis_write_json(a, sc, 1, null, &err);
                fclose(null);
            }
            parley_analysis_free(a);
        }
    }
    /* write -> read must give a scenario again */
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    if (out) {
        int rc = parley_scenario_write(sc, out, &err);
        fclose(out);
        if (rc == PARLEY_OK) {
            parley_scenario *back = NULL;
            if (parley_scenario_parse(text, length, "written.json", &back, &err) != PARLEY_OK) {
                fprintf(stderr, "written scenario does not read back: %s\n%s\n", err.message, text);
                abort();
            }
            parley_scenario_free(back);
        }
        free(text);
    }
    parley_scenario_free(sc);
    return 0;
}

/*
 * fuzz_genius.c: libFuzzer target for the GENIUS XML and GeniusWeb JSON readers
 * (parley_genius_parse, parley_geniusweb_parse).  The input is cut at "\n%%\n"
 * into a domain and profiles; with fewer than three parts the whole input serves
 * as the domain and as both profiles (a GENIUS profile repeats the issues).
 * Inputs that load are written back in both formats (to /dev/null) and, when
 * small, analysed exactly and approximately.
 * Seed corpus: tests/data/genius and the ANAC files in ../shared/genius.
 */
#include <parley/parley.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void exercise(parley_scenario *sc)
{
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        parley_genius_write_domain(sc, null, NULL, NULL, NULL);
        parley_geniusweb_write_domain(sc, null, NULL, NULL, NULL);
        for (size_t p = 0; p < parley_scenario_party_count(sc); p++) {
            parley_genius_write_profile(sc, p, null, NULL, NULL, NULL);
            parley_geniusweb_write_profile(sc, p, null, NULL, NULL, NULL);
        }
        fclose(null);
    }
    if (parley_space_size(parley_scenario_space(sc)) <= 4096) {
        parley_analysis_options o = {0};
        o.threads = 1;
        parley_analysis *a = NULL;
        if (parley_analyze(sc, &o, &a, NULL) == PARLEY_OK)
            parley_analysis_free(a);
    }
    parley_approx_options ao = {.threads = 1, .seed = 1, .evaluations = 2000, .samples = 100, .search_only = 1};
    parley_approx *x = NULL;
    if (parley_analyze_approximate(sc, &ao, &x, NULL) == PARLEY_OK)
        parley_approx_free(x);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *parts[8];
    size_t lengths[8], n = 0, start = 0;
    for (size_t i = 0; i + 4 <= size && n < 7; i++)
        if (memcmp(text + i, "\n%%\n", 4) == 0) {
            parts[n] = text + start;
            lengths[n++] = i - start;
            start = i + 4;
            i += 3;
        }
    parts[n] = text + start;
    lengths[n++] = size - start;
    if (n < 3) {
        parts[1] = parts[2] = parts[0];
        lengths[1] = lengths[2] = lengths[0];
        n = 3;
    }
    const char *names[8] = {"domain.xml", "a.xml", "b.xml", "c.xml", "d.xml", "e.xml", "f.xml", "g.xml"};
    parley_scenario *sc = NULL;
    parley_error err;
    if (parley_genius_parse(parts, lengths, names, n, &sc, &err) == PARLEY_OK) {
        exercise(sc);
        parley_scenario_free(sc);
    }
    sc = NULL;
    if (parley_geniusweb_parse(parts, lengths, names, n, &sc, &err) == PARLEY_OK) {
        exercise(sc);
        parley_scenario_free(sc);
    }
    return 0;
}

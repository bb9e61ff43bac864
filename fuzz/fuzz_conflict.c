/*
 * fuzz_conflict.c: libFuzzer target for the conflict model reader
 * (parley_gmcr_model_parse).  Inputs that load are also analysed when small,
 * so the stability code and the status-quo analysis see odd models too.
 * Seed corpus: the JSON files in examples/gmcr and examples/ceasefire-conflict.json.
 */
#include <parley/gmcr.h>

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parley_gmcr_model *m = NULL;
    parley_error err;
    parley_error_clear(&err);
    if (parley_gmcr_model_parse((const char *)data, size, "fuzz", &m, &err) != PARLEY_OK) {
        char buf[2048];
        parley_error_format(&err, buf, sizeof buf);
        return 0;
    }
    if (parley_gmcr_model_state_count(m) <= 4096) {
        parley_gmcr_options o = {.notions = PARLEY_GMCR_ALL, .threads = 1};
        parley_gmcr_result *r = NULL;
        if (parley_gmcr_analyze(m, &o, &r, NULL) == PARLEY_OK) {
            parley_gmcr_paths *p = NULL;
            if (parley_gmcr_paths_from(m, parley_gmcr_model_state_code(m, 0), &p, NULL) == PARLEY_OK)
                parley_gmcr_paths_free(p);
            parley_gmcr_result_free(r);
        }
    }
    parley_gmcr_model_free(m);
    return 0;
}

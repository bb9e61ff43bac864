/*
 * fuzz_gmcr_text.c: libFuzzer target for the texts a user writes into a
 * conflict model or passes to `parley conflict`: a preference statement
 * ("1 & -3", "delay | !accept", "if accept then insist") put into a small
 * model as the first decision maker's most important statement, and a state
 * ("19", "YNNY", "#5") read against that model (parley_gmcr_model_parse_state).
 * The input is the statement, a newline, then the state.  A statement that
 * loads is also analysed (the model has 16 states).
 */
#include <parley/gmcr.h>

#include <jansson.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char model_head[] =
    "{\"decision_makers\": ["
    "{\"name\": \"Gov\", \"options\": [{\"id\": \"tax\"}, {\"id\": \"subsidy\", \"reversibility\": \"forward\"}],"
    " \"preferences\": [";
static const char model_tail[] =
    ", \"-subsidy\"]},"
    "{\"name\": \"Firm\", \"options\": [{\"id\": \"invest\"}, {\"id\": \"leave\"}],"
    " \"preferences\": [\"invest iff subsidy\", \"-leave\"]}],"
    " \"infeasible\": [\"invest & leave\"]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *newline = memchr(data, '\n', size);
    size_t statement_length = newline ? (size_t)(newline - data) : size;
    json_t *statement = json_stringn((const char *)data, statement_length);
    char *quoted = statement ? json_dumps(statement, JSON_ENCODE_ANY) : NULL;
    json_decref(statement);
    if (!quoted)
        return 0;
    size_t length = strlen(model_head) + strlen(quoted) + strlen(model_tail);
    char *model_text = malloc(length + 1);
    if (!model_text) {
        free(quoted);
        return 0;
    }
    snprintf(model_text, length + 1, "%s%s%s", model_head, quoted, model_tail);
    free(quoted);
    parley_gmcr_model *m = NULL;
    parley_error err;
    parley_error_clear(&err);
    if (parley_gmcr_model_parse(model_text, length, "fuzz", &m, &err) == PARLEY_OK) {
        parley_gmcr_options o = {.notions = PARLEY_GMCR_ALL, .threads = 1};
        parley_gmcr_result *r = NULL;
        if (parley_gmcr_analyze(m, &o, &r, NULL) == PARLEY_OK)
            parley_gmcr_result_free(r);
        if (newline) {
            size_t state_length = size - statement_length - 1;
            char *state = malloc(state_length + 1);
            if (state) {
                memcpy(state, newline + 1, state_length);
                state[state_length] = '\0';
                uint32_t code;
                parley_error_clear(&err);
                if (parley_gmcr_model_parse_state(m, state, &code, &err) == PARLEY_OK) {
                    if (parley_gmcr_model_state_index(m, code) < 0) /* a state read is a feasible one */
                        abort();
                } else if (err.message[0] == '\0') {
                    abort();
                }
                free(state);
            }
        }
        parley_gmcr_model_free(m);
    } else if (err.message[0] == '\0') {
        abort();
    }
    if (getenv("FUZZ_VERBOSE"))
        fprintf(stderr, "%s: %s\n", model_text, m ? "loaded" : err.message);
    free(model_text);
    return 0;
}

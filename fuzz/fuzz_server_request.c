/*
 * fuzz_server_request.c: libFuzzer target for the server's request bodies:
 * the bytes are loaded as a request body and given to every parser (create,
 * participant, profile, session, session close, text, response, message,
 * close) against a fixed three-issue scenario.  No crash, no leak, and a
 * failure always says what is wrong and names the field.
 */
#include "server/request.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char scenario_json[] =
    "{\"issues\": [{\"name\": \"price\", \"type\": \"integer\", \"min\": 0, \"max\": 4},"
    " {\"name\": \"color\", \"type\": \"categorical\", \"values\": [\"red\", \"blue\"]},"
    " {\"name\": \"share\", \"type\": \"real\", \"min\": 0, \"max\": 1, \"step\": 0.25}],"
    " \"parties\": ["
    " {\"name\": \"A\", \"preferences\": {\"price\": {\"weight\": 0.5, \"function\": {\"type\": \"linear\","
    "  \"at_min\": 1, \"at_max\": 0}}, \"color\": {\"weight\": 0.5, \"values\": {\"red\": 1, \"blue\": 0}}}},"
    " {\"name\": \"B\", \"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": \"linear\","
    "  \"at_min\": 0, \"at_max\": 1}}}, \"red_lines\": [{\"name\": \"r\", \"rule\": \"price >= 1\"}]},"
    " {\"name\": \"M\", \"role\": \"mediator\"}]}";

static void check(int rc, const parley_error *err)
{
    /* Every refusal says what is wrong, and names the field unless the field's name is itself empty (""). */
    if (rc != 0 && (err->message[0] == '\0' || (err->code == PARLEY_EINVAL && err->path[0] == '\0' &&
                                                !strstr(err->message, "''"))))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parley_scenario *sc = NULL;
    json_t *doc = json_loads(scenario_json, 0, NULL);
    if (!doc || parley_scenario_parse(scenario_json, sizeof scenario_json - 1, "fuzz", &sc, NULL) != PARLEY_OK)
        abort();
    const parley_space *space = parley_scenario_space(sc);
    parley_error err;
    parley_error_clear(&err);
    json_t *root = req_load((const char *)data, size, &err);
    check(root ? 0 : -1, &err);
    if (root) {
        req_create cr;
        parley_scenario *made = NULL;
        parley_error_clear(&err);
        check(req_parse_create(root, &cr, &made, &err), &err);
        parley_scenario_free(made);
        req_participant p;
        parley_error_clear(&err);
        check(req_parse_participant(root, sc, &p, &err), &err);
        parley_error_clear(&err);
        check(req_parse_profile(root, doc, "B", &err), &err);
        req_session s;
        parley_error_clear(&err);
        check(req_parse_session(root, &s, &err), &err);
        req_session_close sclose;
        parley_error_clear(&err);
        check(req_parse_session_close(root, &sclose, &err), &err);
        uint32_t values[3];
        const char *note;
        parley_error_clear(&err);
        if (req_parse_text(root, space, values, &note, &err) == PARLEY_OK) {
            json_t *o = req_outcome_json(space, values);
            json_decref(o);
        } else
            check(-1, &err);
        req_response r;
        parley_error_clear(&err);
        check(req_parse_response(root, space, &r, &err), &err);
        free(r.amendments);
        req_message m;
        parley_error_clear(&err);
        check(req_parse_message(root, &m, &err), &err);
        req_close c;
        parley_error_clear(&err);
        check(req_parse_close(root, &c, &err), &err);
        json_t *pub = req_public_scenario(doc);
        json_decref(pub);
        json_decref(root);
    }
    json_decref(doc);
    parley_scenario_free(sc);
    return 0;
}

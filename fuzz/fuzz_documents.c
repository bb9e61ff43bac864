/*
 * fuzz_documents.c: libFuzzer target for the server's document readers: the
 * "documents" of POST /api/negotiations (a native scenario, or a GENIUS or
 * GeniusWeb domain and its profiles, told by content) and the "document" of
 * PUT /profile (a party's GENIUS XML or GeniusWeb JSON profile over the
 * negotiation's domain).  The input is one or more documents separated by a
 * line "=====" (seeds: ANAC domains with their profiles); they are sent as the
 * documents of a creation, and when they make a scenario, the last one is
 * also read as the first party's profile upload over it.  Every refusal says
 * what is wrong.
 */
#define _GNU_SOURCE
#include "server/request.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SEPARATOR "\n=====\n"
#define MAX_VALUES 1000
#define MAX_CELLS 20000

static void check(int rc, const parley_error *err)
{
    if (rc != PARLEY_OK && err->message[0] == '\0')
        abort();
}

/* {"name": "docK.xml" or "docK.json", "content": text} */
static json_t *document(const char *text, size_t length, size_t k)
{
    char name[32];
    snprintf(name, sizeof name, "doc%zu.%s", k, length && text[0] == '<' ? "xml" : "json");
    json_t *content = json_stringn(text, length); /* NULL unless UTF-8, as a JSON body must be */
    return content ? json_pack("{s:s,s:o}", "name", name, "content", content) : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data, *end = text + size;
    json_t *docs = json_array();
    const char *last = text;
    size_t last_length = 0;
    for (size_t k = 0; text <= end && k < REQ_MAX_DOCUMENTS + 1; k++) {
        const char *cut = memmem(text, (size_t)(end - text), SEPARATOR, strlen(SEPARATOR));
        size_t length = cut ? (size_t)(cut - text) : (size_t)(end - text);
        json_t *doc = document(text, length, k);
        if (!doc) {
            json_decref(docs);
            return 0;
        }
        json_array_append_new(docs, doc);
        last = text;
        last_length = length;
        if (!cut)
            break;
        text = cut + strlen(SEPARATOR);
    }
    json_t *root = json_pack("{s:o}", "documents", docs);
    parley_error err;
    parley_error_clear(&err);
    int rc = req_documents_to_scenario(root, MAX_VALUES, MAX_CELLS, &err);
    check(rc, &err);
    json_t *scenario = json_object_get(root, "scenario");
    if (rc == PARLEY_OK && scenario) {
        json_t *parties = json_object_get(scenario, "parties");
        const char *party = json_string_value(json_object_get(json_array_get(parties, 0), "name"));
        json_t *upload = json_pack("{s:o}", "document", document(last, last_length, 0)); /* UTF-8: read above */
        parley_error_clear(&err);
        rc = req_profile_document(upload, scenario, MAX_VALUES, MAX_CELLS, &err);
        check(rc, &err);
        if (rc == PARLEY_OK && party) {
            parley_error_clear(&err);
            check(req_parse_profile(upload, scenario, party, &err), &err);
        }
        json_decref(upload);
    }
    json_decref(root);
    return 0;
}

/*
 * fuzz_analysis_child.c: libFuzzer target for the body of an analysis's
 * process (parley_server_analysis_child, src/server/job_wire.c), which reads
 * the request the server wrote and runs the handler it names.  The input is
 * the request.  The server checks a scenario's size before it writes one, so
 * the target does too (the same limits.c checks, with small limits) and skips
 * what they refuse.  Oracle: the child either refuses the request
 * (PARLEY_EINVAL with a message) or writes {"status": an HTTP status, "reply"}.
 */
#include "server/server_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 1 when the scenario JSON `text` (or the scenario object `doc`) passes the size checks the server makes. */
static int within_limits(api_call *c, json_t *doc, const char *text)
{
    json_t *root = doc ? json_incref(doc) : json_loads(text, 0, NULL);
    if (!root)
        return 1; /* the child refuses it itself */
    int ok = limits_check_scenario(c, root) == 0;
    char *dumped = ok ? json_dumps(root, JSON_COMPACT) : NULL;
    parley_scenario *sc = NULL;
    if (dumped && parley_scenario_parse(dumped, strlen(dumped), "fuzz", &sc, NULL) == PARLEY_OK)
        ok = limits_check_outcomes(c, sc) == 0;
    parley_scenario_free(sc);
    free(dumped);
    json_decref(root);
    json_decref(c->reply);
    c->reply = NULL;
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static parley_server srv; /* only its limits are read */
    srv.limits = (parley_server_limits){100, 6, 2000, 2000};
    api_call c;
    memset(&c, 0, sizeof c);
    c.srv = &srv;
    json_t *req = json_loadb((const char *)data, size, 0, NULL);
    const char *merged = json_string_value(json_object_get(req, "merged"));
    json_t *pub = json_object_get(json_object_get(req, "public"), "scenario");
    int run = (!merged || within_limits(&c, NULL, merged)) && (!json_is_object(pub) || within_limits(&c, pub, NULL));
    json_decref(req);
    if (!run)
        return 0;
    FILE *in = fmemopen((void *)data, size ? size : 1, "r");
    char *reply = NULL;
    size_t reply_len = 0;
    FILE *out = open_memstream(&reply, &reply_len);
    if (!in || !out)
        abort();
    if (!size) /* fmemopen needs a buffer of one byte at least: an empty input is the end of the file at once */
        fgetc(in);
    parley_error err;
    parley_error_clear(&err);
    int rc = parley_server_analysis_child(in, out, &err);
    fclose(in);
    fclose(out);
    if (rc != PARLEY_OK && (rc != PARLEY_EINVAL || !err.message[0]))
        abort();
    if (rc == PARLEY_OK) {
        json_t *o = json_loads(reply, 0, NULL);
        json_int_t status = json_integer_value(json_object_get(o, "status"));
        if (!o || status < 200 || status > 599)
            abort();
        json_decref(o);
    }
    free(reply);
    return 0;
}

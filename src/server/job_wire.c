/*
 * job_wire.c: an analysis as a request to a program and its reply.  The server
 * runs every analysis, diagnosis, proposal, search for improvements and party
 * advice in a child process that executes `PROGRAM serve --analysis-child`
 * (jobs.c, child.c).  Here the request thread writes what the handler will read
 * of its call (the handler's name, the path's numbers, the caller, the query,
 * and what was prepared from the database: the merged scenario's text, whose
 * profiles were uploaded, the latest or agreed text, a party's own inputs);
 * parley_server_analysis_child, in the program, rebuilds the call from it, runs
 * the same handler with no database and writes {"status", "reply"}.
 */
#include "server/server_internal.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int (*fn)(api_call *c);
} handlers[] = {
    {"analysis", api_analysis},         {"diagnose", api_diagnose},
    {"propose", api_propose},           {"improvements", api_improvements},
    {"party_advice", api_party_advice}, {"party_improvements", api_party_improvements},
};

static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    json_t *query = cls, *v = value ? json_string(value) : json_null();
    if (!v || !key || json_object_set_new(query, key, v)) { /* not UTF-8: the request is refused */
        json_object_set_new(query, "", json_true());
        return MHD_NO;
    }
    return MHD_YES;
}

char *job_request(api_call *c, int (*fn)(api_call *c))
{
    const char *name = NULL;
    for (size_t i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
        if (handlers[i].fn == fn)
            name = handlers[i].name;
    json_t *query = json_object();
    if (!name || !query) {
        json_decref(query);
        api_fail(c, 500, NULL, name ? "out of memory" : "this request is not an analysis");
        return NULL;
    }
    if (c->conn)
        MHD_get_connection_values(c->conn, MHD_GET_ARGUMENT_KIND, query_arg, query);
    if (json_object_get(query, "")) {
        json_decref(query);
        api_fail(c, 400, NULL, "a query argument is not UTF-8 text");
        return NULL;
    }
    const char *merged = c->pre_view ? view_text(c->pre_view) : NULL;
    json_t *req = json_pack("{s:s,s:[I,I,I],s:I,s:I,s:i,s:s,s:o,s:s?,s:O?,s:O?,s:I,s:I,s:O?,s:b}", "handler", name,
                            "ids", (json_int_t)c->ids[0], (json_int_t)c->ids[1], (json_int_t)c->ids[2], "me",
                            (json_int_t)c->me, "negotiation", (json_int_t)c->my_negotiation, "role", (int)c->my_role,
                            "name", c->my_name, "query", query, "merged", merged, "uploaded", c->pre_uploaded, "text",
                            c->pre_text, "text_id", (json_int_t)c->pre_text_id, "text_number",
                            (json_int_t)c->pre_text_number, "public", c->pre_public, "prefetched", c->prefetched);
    char *text = req ? json_dumps(req, JSON_COMPACT) : NULL;
    json_decref(req);
    if (!text)
        api_fail(c, 500, NULL, "out of memory");
    return text;
}

/* The call of the request `req` (borrowed: c's JSON values are its); 0, or -1 with err set. */
static int call_of(json_t *req, api_call *c, parley_scenario **merged, int (**fn)(api_call *c), parley_error *err)
{
    const char *handler = json_string_value(json_object_get(req, "handler"));
    *fn = NULL;
    for (size_t i = 0; handler && i < sizeof handlers / sizeof handlers[0]; i++)
        if (strcmp(handlers[i].name, handler) == 0)
            *fn = handlers[i].fn;
    json_t *ids = json_object_get(req, "ids"), *query = json_object_get(req, "query");
    const char *name = json_string_value(json_object_get(req, "name"));
    if (!*fn || json_array_size(ids) != 3 || !json_is_object(query) || !name)
        return parley_error_set(err, PARLEY_EINVAL, "the analysis request lacks its handler, ids, query or name");
    for (size_t k = 0; k < 3; k++)
        c->ids[k] = json_integer_value(json_array_get(ids, k));
    c->me = json_integer_value(json_object_get(req, "me"));
    c->my_negotiation = json_integer_value(json_object_get(req, "negotiation"));
    c->my_role = (api_role)json_integer_value(json_object_get(req, "role"));
    snprintf(c->my_name, sizeof c->my_name, "%s", name);
    c->query = query;
    json_t *v;
    c->pre_uploaded = json_is_null(v = json_object_get(req, "uploaded")) ? NULL : v;
    c->pre_text = json_is_null(v = json_object_get(req, "text")) ? NULL : v;
    c->pre_public = json_is_null(v = json_object_get(req, "public")) ? NULL : v;
    c->pre_text_id = json_integer_value(json_object_get(req, "text_id"));
    c->pre_text_number = json_integer_value(json_object_get(req, "text_number"));
    c->prefetched = json_is_true(json_object_get(req, "prefetched"));
    const char *text = json_string_value(json_object_get(req, "merged"));
    if (text && parley_scenario_parse(text, strlen(text), "merged scenario", merged, err))
        return -1;
    c->pre_merged = *merged;
    return 0;
}

int parley_server_analysis_child(FILE *in, FILE *out, parley_error *err)
{
    json_error_t je;
    json_t *req = json_loadf(in, 0, &je);
    if (!req)
        return parley_error_set(err, PARLEY_EINVAL, "the analysis request, line %d, column %d: %s", je.line,
                                je.column, je.text);
    api_call c;
    memset(&c, 0, sizeof c);
    parley_scenario *merged = NULL;
    int (*fn)(api_call *c);
    int rc = call_of(req, &c, &merged, &fn, err);
    if (!rc) {
        fn(&c);
        json_t *o = json_pack("{s:i,s:O?}", "status", c.status ? c.status : 500, "reply", c.reply);
        /* 17 digits: the reply's numbers as the handler computed them, bit for bit */
        if (!o || json_dumpf(o, out, JSON_COMPACT | JSON_REAL_PRECISION(17)) || fflush(out))
            rc = parley_error_set(err, PARLEY_EIO, "cannot write the analysis's reply");
        json_decref(o);
    }
    json_decref(c.reply);
    parley_scenario_free(merged);
    json_decref(req);
    return rc;
}

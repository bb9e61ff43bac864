/*
 * request.c: the API's request bodies: loading, checking every field (unknown
 * fields refused, values checked against the scenario's issues), and the
 * privacy split of a scenario into its public part and each party's profile.
 */
#include "core/memtext.h"
#include <parley/genius.h>
#include <parley/io.h>
#include "server/request.h"

#include "io/json_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const req_private_party_keys[] = {"preferences", "reservation", "reservation_curve", "discount", "trust",
                                              "red_lines", NULL};
const char *const req_session_outcomes[] = {"agreement", "partial_agreement", "no_agreement", "adjourned",
                                            "collapsed", NULL};
static const char *const close_outcomes[] = {"agreement", "no_agreement", "suspended", NULL};
static const char *const answers[] = {"accept", "reject", "amend", NULL};

json_t *req_load(const char *body, size_t length, parley_error *err)
{
    json_error_t jerr;
    if (length == 0) {
        parley_error_set_at(err, PARLEY_EINVAL, NULL, 0, 0, "body", "the request has no body (expected a JSON object)");
        return NULL;
    }
    json_t *root = json_loadb(body, length, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        parley_error_set_at(err, PARLEY_EINVAL, NULL, jerr.line > 0 ? jerr.line : 0, jerr.column > 0 ? jerr.column : 0,
                            "body", "malformed JSON: %s", jerr.text);
        return NULL;
    }
    if (!json_is_object(root)) {
        parley_error_set_at(err, PARLEY_EINVAL, NULL, 0, 0, "body", "found %s (expected a JSON object)",
                            json_type_name(root));
        json_decref(root);
        return NULL;
    }
    return root;
}

/* A string field with a length limit; empty strings refused when `nonempty`. */
static int text_field(json_ctx *ctx, json_t *obj, const char *field, int required, int nonempty, size_t max,
                      const char **out)
{
    const char *s = NULL;
    int rc = json_ctx_string(ctx, obj, field, required, &s);
    if (rc || !s)
        return rc;
    size_t n = strlen(s);
    if (n != json_string_length(json_object_get(obj, field)))
        return json_ctx_fail(ctx, field, "contains a NUL character");
    if (nonempty && n == 0)
        return json_ctx_fail(ctx, field, "is empty (expected some text)");
    if (n > max)
        return json_ctx_fail(ctx, field, "is %zu bytes long (at most %zu)", n, max);
    *out = s;
    return PARLEY_OK;
}

static int one_of(json_ctx *ctx, const char *field, const char *value, const char *const *allowed)
{
    char list[256] = "";
    size_t used = 0;
    for (size_t i = 0; allowed[i]; i++) {
        if (strcmp(value, allowed[i]) == 0)
            return PARLEY_OK;
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", allowed[i]);
        if (used >= sizeof list)
            used = sizeof list - 1;
    }
    return json_ctx_fail(ctx, field, "'%.60s' is not allowed (expected one of: %s)", value, list);
}

/* The number of the two digits at s. */
static int two(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* 1 when the fields of the time s (of is_shaped_time's shape) are in range: a day of its month (29 February in
 * leap years only), an hour 00..23, minutes and seconds 00..59, a zone offset of at most 23:59. */
static int time_in_range(const char *s)
{
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int year = two(s) * 100 + two(s + 2), month = two(s + 5), day = two(s + 8);
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1] || (month == 2 && day == 29 && !leap))
        return 0;
    if (!s[10])
        return 1;
    if (two(s + 11) > 23 || two(s + 14) > 59)
        return 0;
    const char *rest = s + 16;
    if (*rest == ':') {
        if (two(rest + 1) > 59)
            return 0;
        rest += 3;
    }
    return *rest != '+' && *rest != '-' ? 1 : two(rest + 1) <= 23 && two(rest + 4) <= 59;
}

/* "YYYY-MM-DD", optionally "THH:MM", optionally ":SS", optionally "Z" or "+HH:MM"/"-HH:MM". */
static int is_shaped_time(const char *s)
{
    static const char date[] = "dddd-dd-dd", clock[] = "Tdd:dd", zone[] = "+dd:dd";
    size_t i = 0;
    for (size_t k = 0; date[k]; k++, i++)
        if (date[k] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != date[k])
            return 0;
    if (!s[i])
        return 1;
    for (size_t k = 0; clock[k]; k++, i++)
        if (clock[k] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != clock[k])
            return 0;
    if (s[i] == ':') {
        if (!(s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] >= '0' && s[i + 2] <= '9'))
            return 0;
        i += 3;
    }
    if (!s[i])
        return 1;
    if (s[i] == 'Z')
        return s[i + 1] == '\0';
    if (s[i] != '+' && s[i] != '-')
        return 0;
    for (size_t k = 1; zone[k]; k++)
        if (zone[k] == 'd' ? !(s[i + k] >= '0' && s[i + k] <= '9') : s[i + k] != zone[k])
            return 0;
    return s[i + 6] == '\0';
}

static int time_field(json_ctx *ctx, json_t *obj, const char *field, const char **out)
{
    int rc = text_field(ctx, obj, field, 0, 1, 64, out);
    if (rc == PARLEY_OK && *out && !(is_shaped_time(*out) && time_in_range(*out)))
        return json_ctx_fail(ctx, field, "'%s' is not a date and time (expected e.g. 2024-05-01 or 2024-05-01T10:00Z)",
                             *out);
    return rc;
}

static int write_scenario(const void *ctx, FILE *out, parley_error *err)
{
    return parley_scenario_write(ctx, out, err);
}

int req_documents_to_scenario(json_t *root, uint64_t max_values, uint64_t max_cells, parley_error *err)
{
    json_ctx ctx = {NULL, "", err};
    json_t *documents = json_object_get(root, "documents");
    if (!documents)
        return PARLEY_OK;
    if (json_object_get(root, "scenario"))
        return json_ctx_fail(&ctx, "documents", "give either a native \"scenario\" or \"documents\", not both");
    size_t n = json_array_size(documents);
    if (!json_is_array(documents) || n == 0 || n > REQ_MAX_DOCUMENTS)
        return json_ctx_fail(&ctx, "documents", "expected an array of 1 to %u {\"name\", \"content\"} objects "
                             "(a native scenario, or a GENIUS/GeniusWeb domain followed by its profiles)",
                             REQ_MAX_DOCUMENTS);
    parley_document docs[REQ_MAX_DOCUMENTS];
    static const char *const keys[] = {"name", "content", NULL};
    int rc = PARLEY_OK;
    size_t mark = json_ctx_push_field(&ctx, "documents");
    for (size_t i = 0; i < n && rc == PARLEY_OK; i++) {
        json_t *d = json_array_get(documents, i);
        size_t at = json_ctx_push_index(&ctx, i);
        const char *content = NULL;
        if (!json_is_object(d))
            rc = json_ctx_fail(&ctx, NULL, "expected {\"name\", \"content\"}, found %s", json_type_name(d));
        else if (!(rc = json_ctx_check_keys(&ctx, d, keys)) && !(rc = text_field(&ctx, d, "name", 1, 1, REQ_MAX_NAME,
                                                                                   &docs[i].name)) &&
                 !(rc = json_ctx_string(&ctx, d, "content", 1, &content))) {
            docs[i].bytes = content;
            docs[i].length = json_string_length(json_object_get(d, "content"));
        }
        json_ctx_pop(&ctx, at);
    }
    json_ctx_pop(&ctx, mark);
    if (rc != PARLEY_OK)
        return rc;
    /* Read with the server's limits checked before any profile is (profiles allocate tables). */
    parley_load_options options = {.max_issue_values = (size_t)max_values, .max_table_cells = (size_t)max_cells};
    parley_scenario *sc = NULL;
    parley_error inner = {0};
    if ((rc = parley_scenario_load_buffers(docs, n, &options, &sc, &inner)) != PARLEY_OK) {
        char where[600];
        parley_error_format(&inner, where, sizeof where);
        return parley_error_set_at(err, rc == PARLEY_ERANGE ? PARLEY_ERANGE : PARLEY_EINVAL, NULL, 0, 0, "documents",
                                   "%s", where);
    }
    /* From here on the upload is a native scenario like any other: same limits, same parser, same storage. */
    char *text = memtext_capture(write_scenario, sc, NULL, err);
    parley_scenario_free(sc);
    json_t *native = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    if (!native)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    json_object_set_new(root, "scenario", native);
    json_object_del(root, "documents");
    return PARLEY_OK;
}

int req_parse_create(json_t *root, req_create *out, parley_scenario **sc, parley_error *err)
{
    static const char *const keys[] = {"scenario", "mediator", "title", NULL};
    json_ctx ctx = {NULL, "", err};
    memset(out, 0, sizeof *out);
    *sc = NULL;
    int rc;
    if ((rc = json_ctx_check_keys(&ctx, root, keys)) ||
        (rc = json_ctx_object(&ctx, root, "scenario", 1, &out->scenario)) ||
        (rc = text_field(&ctx, root, "mediator", 0, 1, REQ_MAX_NAME, &out->mediator)) ||
        (rc = text_field(&ctx, root, "title", 0, 1, REQ_MAX_NAME, &out->title)))
        return rc;
    char *text = json_dumps(out->scenario, JSON_COMPACT);
    if (!text)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    parley_error inner = {0};
    rc = parley_scenario_parse(text, strlen(text), "scenario", sc, &inner);
    free(text);
    if (rc) {
        char path[300];
        snprintf(path, sizeof path, "scenario%s%s", inner.path[0] ? "." : "", inner.path);
        return parley_error_set_at(err, rc, NULL, 0, 0, path, "%s", inner.message);
    }
    if (out->mediator) {
        long p = parley_scenario_find_party(*sc, out->mediator);
        if (p >= 0 && parley_party_role(*sc, (size_t)p) != PARLEY_ROLE_MEDIATOR) {
            parley_scenario_free(*sc);
            *sc = NULL;
            return parley_error_set_at(err, PARLEY_EINVAL, NULL, 0, 0, "mediator",
                                       "'%s' is a negotiating party of the scenario (expected a mediator's name)",
                                       out->mediator);
        }
    }
    return PARLEY_OK;
}

int req_parse_participant(json_t *root, const parley_scenario *sc, req_participant *out, parley_error *err)
{
    static const char *const keys[] = {"name", "role", NULL};
    static const char *const roles[] = {"party", "mediator", NULL};
    json_ctx ctx = {NULL, "", err};
    const char *role = NULL;
    int rc;
    if ((rc = json_ctx_check_keys(&ctx, root, keys)) ||
        (rc = text_field(&ctx, root, "name", 1, 1, REQ_MAX_NAME, &out->name)) ||
        (rc = text_field(&ctx, root, "role", 1, 1, 16, &role)) || (rc = one_of(&ctx, "role", role, roles)))
        return rc;
    out->mediator = strcmp(role, "mediator") == 0;
    long p = parley_scenario_find_party(sc, out->name);
    if (!out->mediator && (p < 0 || parley_party_role(sc, (size_t)p) != PARLEY_ROLE_PARTY))
        return json_ctx_fail(&ctx, "name", "'%s' is not a negotiating party of the scenario", out->name);
    if (out->mediator && p >= 0 && parley_party_role(sc, (size_t)p) != PARLEY_ROLE_MEDIATOR)
        return json_ctx_fail(&ctx, "name", "'%s' is a negotiating party of the scenario, not a mediator", out->name);
    return PARLEY_OK;
}

static json_t *find_party(json_t *scenario, const char *party, size_t *index)
{
    json_t *parties = json_object_get(scenario, "parties");
    for (size_t i = 0; i < json_array_size(parties); i++) {
        json_t *p = json_array_get(parties, i);
        const char *name = json_string_value(json_object_get(p, "name"));
        if (name && strcmp(name, party) == 0) {
            if (index)
                *index = i;
            return p;
        }
    }
    return NULL;
}

int req_merge_profile(json_t *scenario, const char *party, json_t *profile)
{
    json_t *p = find_party(scenario, party, NULL);
    if (!p)
        return PARLEY_ENOTFOUND;
    for (size_t k = 0; req_private_party_keys[k]; k++) {
        json_t *v = json_object_get(profile, req_private_party_keys[k]);
        if (v ? json_object_set(p, req_private_party_keys[k], v) : json_object_del(p, req_private_party_keys[k]))
            if (v)
                return PARLEY_ENOMEM;
    }
    return PARLEY_OK;
}

json_t *req_public_scenario(json_t *scenario)
{
    json_t *copy = json_deep_copy(scenario);
    json_t *parties = json_object_get(copy, "parties");
    for (size_t i = 0; i < json_array_size(parties); i++)
        for (size_t k = 0; req_private_party_keys[k]; k++)
            json_object_del(json_array_get(parties, i), req_private_party_keys[k]);
    return copy;
}

void req_strip_descriptions(json_t *scenario, const char *keep)
{
    json_t *parties = json_object_get(scenario, "parties");
    for (size_t i = 0; i < json_array_size(parties); i++) {
        json_t *p = json_array_get(parties, i);
        const char *name = json_string_value(json_object_get(p, "name"));
        if (!name || strcmp(name, keep) != 0)
            json_object_del(p, "description");
    }
}

static int write_genius_domain(const void *ctx, FILE *out, parley_error *err)
{
    return parley_genius_write_domain(ctx, out, NULL, NULL, err);
}

static int write_geniusweb_domain(const void *ctx, FILE *out, parley_error *err)
{
    return parley_geniusweb_write_domain(ctx, out, NULL, NULL, err);
}

/* The issues a profile document may name: those a domain written out and read back keeps as they are. */
static int round_trips(const parley_scenario *sc, const parley_scenario *back, parley_error *err)
{
    const parley_space *a = parley_scenario_space(sc), *b = parley_scenario_space(back);
    for (size_t i = 0; i < parley_space_issue_count(a); i++) {
        int same = i < parley_space_issue_count(b) && parley_issue_value_count(a, i) == parley_issue_value_count(b, i);
        for (uint32_t v = 0; same && v < parley_issue_value_count(a, i); v++) {
            char x[128], y[128];
            parley_issue_format_value(a, i, v, x, sizeof x);
            parley_issue_format_value(b, i, v, y, sizeof y);
            same = strcmp(x, y) == 0;
        }
        if (!same)
            return parley_error_set_at(err, PARLEY_EINVAL, NULL, 0, 0, "document",
                                       "issue '%s' of this negotiation has no exact GENIUS form (a real issue?): upload "
                                       "the profile as native JSON (\"preferences\")",
                                       parley_issue_name(a, i));
    }
    return PARLEY_OK;
}

int req_profile_document(json_t *root, json_t *scenario, uint64_t max_values, uint64_t max_cells, parley_error *err)
{
    json_ctx ctx = {NULL, "", err};
    json_t *doc = json_object_get(root, "document");
    if (!doc)
        return PARLEY_OK;
    static const char *const keys[] = {"name", "content", NULL};
    const char *name = NULL, *content = NULL;
    int rc;
    size_t mark = json_ctx_push_field(&ctx, "document");
    if (json_object_size(root) != 1)
        rc = json_ctx_fail(&ctx, NULL, "a profile is either native fields or one \"document\", not both");
    else if (!json_is_object(doc))
        rc = json_ctx_fail(&ctx, NULL, "expected {\"name\", \"content\"}, found %s", json_type_name(doc));
    else if (!(rc = json_ctx_check_keys(&ctx, doc, keys)) &&
             !(rc = text_field(&ctx, doc, "name", 1, 1, REQ_MAX_NAME, &name)))
        rc = json_ctx_string(&ctx, doc, "content", 1, &content);
    json_ctx_pop(&ctx, mark);
    if (rc != PARLEY_OK)
        return rc;
    /* The negotiation's own domain, written in the document's format, then read back with the document. */
    char *text = json_dumps(scenario, JSON_COMPACT);
    parley_scenario *sc = NULL, *back = NULL;
    char *domain = NULL, *native = NULL;
    parley_error inner = {0};
    if (!text || parley_scenario_parse(text, strlen(text), "scenario", &sc, &inner) != PARLEY_OK) {
        rc = parley_error_set(err, PARLEY_EINTERNAL, "the stored scenario does not read back");
        goto done;
    }
    size_t length = json_string_length(json_object_get(doc, "content")), at = 0;
    while (at < length && strchr(" \t\r\n", content[at]))
        at++;
    int web = at < length && content[at] == '{'; /* GeniusWeb profiles are JSON, GENIUS ones XML */
    size_t domain_length = 0;
    if (!(domain = memtext_capture(web ? write_geniusweb_domain : write_genius_domain, sc, &domain_length, err))) {
        rc = err ? err->code : PARLEY_EINTERNAL;
        goto done;
    }
    parley_document docs[3] = {{web ? "domain.json" : "domain.xml", domain, domain_length},
                               {name, content, length},
                               {name, content, length}};
    parley_load_options options = {.max_issue_values = (size_t)max_values, .max_table_cells = (size_t)max_cells};
    if ((rc = parley_scenario_load_buffers(docs, 3, &options, &back, &inner)) != PARLEY_OK) {
        char where[600];
        parley_error_format(&inner, where, sizeof where);
        rc = parley_error_set_at(err, PARLEY_EINVAL, NULL, 0, 0, "document", "%s", where);
        goto done;
    }
    if ((rc = round_trips(sc, back, err)) != PARLEY_OK)
        goto done;
    /* The profile read, as the native fields of a party: preferences, reservation, discount. */
    json_t *written = (native = memtext_capture(write_scenario, back, NULL, err)) ? json_loads(native, 0, NULL) : NULL;
    json_t *party = json_array_get(json_object_get(written, "parties"), 0);
    if (!party) {
        json_decref(written);
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto done;
    }
    json_object_del(root, "document");
    for (size_t k = 0; req_private_party_keys[k]; k++) {
        json_t *v = json_object_get(party, req_private_party_keys[k]);
        if (v)
            json_object_set(root, req_private_party_keys[k], v);
    }
    json_decref(written);
done:
    free(text);
    free(domain);
    free(native);
    parley_scenario_free(sc);
    parley_scenario_free(back);
    return rc;
}

int req_parse_profile(json_t *root, json_t *scenario, const char *party, parley_error *err)
{
    json_ctx ctx = {NULL, "", err};
    json_t *prefs;
    int rc;
    if ((rc = json_ctx_check_keys(&ctx, root, req_private_party_keys)) ||
        (rc = json_ctx_object(&ctx, root, "preferences", 1, &prefs)))
        return rc;
    json_t *merged = json_deep_copy(scenario);
    if (!merged || req_merge_profile(merged, party, root) != PARLEY_OK) {
        json_decref(merged);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    size_t index = 0;
    find_party(merged, party, &index);
    char *text = json_dumps(merged, JSON_COMPACT);
    json_decref(merged);
    if (!text)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    parley_scenario *sc = NULL;
    parley_error inner = {0};
    rc = parley_scenario_parse(text, strlen(text), "profile", &sc, &inner);
    free(text);
    parley_scenario_free(sc);
    if (rc == PARLEY_OK)
        return PARLEY_OK;
    /* Name the field inside the profile: "parties[i].preferences.x" becomes "preferences.x". */
    char prefix[64];
    int n = snprintf(prefix, sizeof prefix, "parties[%zu]", index);
    const char *path = inner.path;
    if (strncmp(path, prefix, (size_t)n) == 0 && (path[n] == '.' || path[n] == '\0'))
        path += n + (path[n] == '.');
    return parley_error_set_at(err, rc, NULL, 0, 0, path[0] ? path : "profile", "%s", inner.message);
}

int req_parse_session(json_t *root, req_session *out, parley_error *err)
{
    static const char *const keys[] = {"venue", "starts_at", "ends_at", "note", NULL};
    json_ctx ctx = {NULL, "", err};
    memset(out, 0, sizeof *out);
    int rc;
    if ((rc = json_ctx_check_keys(&ctx, root, keys)) ||
        (rc = text_field(&ctx, root, "venue", 1, 1, REQ_MAX_NAME, &out->venue)) ||
        (rc = time_field(&ctx, root, "starts_at", &out->starts_at)) ||
        (rc = time_field(&ctx, root, "ends_at", &out->ends_at)) ||
        (rc = text_field(&ctx, root, "note", 0, 0, REQ_MAX_TEXT, &out->note)))
        return rc;
    if (out->starts_at && out->ends_at && strcmp(out->ends_at, out->starts_at) < 0)
        return json_ctx_fail(&ctx, "ends_at", "'%s' is before starts_at '%s'", out->ends_at, out->starts_at);
    return PARLEY_OK;
}

int req_parse_session_close(json_t *root, req_session_close *out, parley_error *err)
{
    static const char *const keys[] = {"outcome", "follow_up", "ends_at", "note", NULL};
    json_ctx ctx = {NULL, "", err};
    memset(out, 0, sizeof *out);
    int rc;
    if ((rc = json_ctx_check_keys(&ctx, root, keys)) ||
        (rc = text_field(&ctx, root, "outcome", 1, 1, 32, &out->outcome)) ||
        (rc = one_of(&ctx, "outcome", out->outcome, req_session_outcomes)) ||
        (rc = text_field(&ctx, root, "follow_up", 0, 0, REQ_MAX_TEXT, &out->follow_up)) ||
        (rc = time_field(&ctx, root, "ends_at", &out->ends_at)) ||
        (rc = text_field(&ctx, root, "note", 0, 0, REQ_MAX_TEXT, &out->note)))
        return rc;
    return PARLEY_OK;
}

int req_issue_value(const parley_space *space, size_t issue, json_t *v, uint32_t *out, char *why, size_t why_size)
{
    const char *name = parley_issue_name(space, issue);
    if (parley_issue_type_of(space, issue) == PARLEY_ISSUE_CATEGORICAL) {
        long k = json_is_string(v) ? parley_issue_find_label(space, issue, json_string_value(v)) : -1;
        if (k >= 0) {
            *out = (uint32_t)k;
            return PARLEY_OK;
        }
        size_t used = (size_t)snprintf(why, why_size, "%s%.60s%s is not a value of issue '%s' (expected one of:",
                                       json_is_string(v) ? "'" : "", json_is_string(v) ? json_string_value(v) : json_type_name(v),
                                       json_is_string(v) ? "'" : "", name);
        uint32_t n = parley_issue_value_count(space, issue);
        for (uint32_t i = 0; i < n && i < 12 && used < why_size; i++)
            used += (size_t)snprintf(why + used, why_size - used, "%s %s", i ? "," : "", parley_issue_label(space, issue, i));
        if (used < why_size)
            snprintf(why + used, why_size - used, "%s)", n > 12 ? ", ..." : "");
        return PARLEY_EINVAL;
    }
    if (!json_is_number(v)) {
        snprintf(why, why_size, "found %s (expected a number for issue '%s')", json_type_name(v), name);
        return PARLEY_EINVAL;
    }
    double x = json_number_value(v);
    long k = parley_issue_find_number(space, issue, x);
    if (k < 0) {
        snprintf(why, why_size, "%g is outside issue '%s' (expected a number from %g to %g in steps of %g)", x, name,
                 parley_issue_min(space, issue), parley_issue_max(space, issue), parley_issue_step(space, issue));
        return PARLEY_EINVAL;
    }
    *out = (uint32_t)k;
    return PARLEY_OK;
}

json_t *req_value_json(const parley_space *space, size_t issue, uint32_t value)
{
    switch (parley_issue_type_of(space, issue)) {
    case PARLEY_ISSUE_CATEGORICAL: return json_string(parley_issue_label(space, issue, value));
    case PARLEY_ISSUE_INTEGER: return json_integer((json_int_t)parley_issue_number(space, issue, value));
    default: return json_real(parley_issue_number(space, issue, value));
    }
}

json_t *req_outcome_json(const parley_space *space, const uint32_t *values)
{
    json_t *o = json_object();
    for (size_t i = 0; o && i < parley_space_issue_count(space); i++)
        if (json_object_set_new(o, parley_issue_name(space, i), req_value_json(space, i, values[i]))) {
            json_decref(o);
            return NULL;
        }
    return o;
}

int req_parse_text(json_t *root, const parley_space *space, uint32_t *values, const char **note, parley_error *err)
{
    static const char *const keys[] = {"outcome", "note", NULL};
    json_ctx ctx = {NULL, "", err};
    json_t *outcome;
    *note = NULL;
    int rc;
    if ((rc = json_ctx_check_keys(&ctx, root, keys)) || (rc = json_ctx_object(&ctx, root, "outcome", 1, &outcome)) ||
        (rc = text_field(&ctx, root, "note", 0, 0, REQ_MAX_TEXT, note)))
        return rc;
    size_t mark = json_ctx_push_field(&ctx, "outcome");
    const char *key;
    json_t *v;
    json_object_foreach(outcome, key, v) {
        if (parley_space_find_issue(space, key) < 0) {
            rc = json_ctx_fail(&ctx, key, "'%.60s' is not an issue of the negotiation", key);
            goto done;
        }
    }
    for (size_t i = 0; i < parley_space_issue_count(space); i++) {
        const char *name = parley_issue_name(space, i);
        char why[512];
        if (!(v = json_object_get(outcome, name))) {
            rc = json_ctx_fail(&ctx, name, "missing (a text gives a value to every issue)");
            goto done;
        }
        if (req_issue_value(space, i, v, &values[i], why, sizeof why)) {
            rc = json_ctx_fail(&ctx, name, "%s", why);
            goto done;
        }
    }
done:
    json_ctx_pop(&ctx, mark);
    return rc;
}

static int read_amendment(json_ctx *ctx, json_t *obj, const parley_space *space, req_response *out, size_t k)
{
    static const char *const keys[] = {"issue", "value", "reason", NULL};
    const char *issue = NULL;
    req_amendment *a = &out->amendments[k];
    char why[512];
    int rc;
    if (!json_is_object(obj))
        return json_ctx_fail(ctx, NULL, "found %s (expected {\"issue\", \"value\", \"reason\"})", json_type_name(obj));
    if ((rc = json_ctx_check_keys(ctx, obj, keys)) || (rc = text_field(ctx, obj, "issue", 1, 1, REQ_MAX_NAME, &issue)) ||
        (rc = text_field(ctx, obj, "reason", 0, 0, REQ_MAX_TEXT, &a->reason)))
        return rc;
    long i = parley_space_find_issue(space, issue);
    if (i < 0)
        return json_ctx_fail(ctx, "issue", "'%.60s' is not an issue of the negotiation", issue);
    for (size_t j = 0; j < k; j++)
        if (out->amendments[j].issue == (size_t)i)
            return json_ctx_fail(ctx, "issue", "issue '%s' is amended twice", issue);
    a->issue = (size_t)i;
    json_t *v = json_object_get(obj, "value");
    if (!v)
        return json_ctx_fail(ctx, "value", "missing (the value proposed for issue '%s')", issue);
    if (req_issue_value(space, a->issue, v, &a->value, why, sizeof why))
        return json_ctx_fail(ctx, "value", "%s", why);
    return PARLEY_OK;
}

int req_parse_response(json_t *root, const parley_space *space, req_response *out, parley_error *err)
{
    static const char *const keys[] = {"answer", "reason", "amendments", NULL};
    json_ctx ctx = {NULL, "", err};
    json_t *list = NULL;
    memset(out, 0, sizeof *out);
    int rc;
    if ((rc = json_ctx_check_keys(&ctx, root, keys)) || (rc = text_field(&ctx, root, "answer", 1, 1, 16, &out->answer)) ||
        (rc = one_of(&ctx, "answer", out->answer, answers)) ||
        (rc = text_field(&ctx, root, "reason", 0, 0, REQ_MAX_TEXT, &out->reason)) ||
        (rc = json_ctx_array(&ctx, root, "amendments", 0, &list)))
        return rc;
    size_t n = json_array_size(list);
    int amend = strcmp(out->answer, "amend") == 0;
    if (amend && n == 0)
        return json_ctx_fail(&ctx, "amendments", "an amendment changes at least one issue (expected [{\"issue\", \"value\"}])");
    if (!amend && n > 0)
        return json_ctx_fail(&ctx, "amendments", "only an 'amend' answer carries amendments");
    if (n > parley_space_issue_count(space))
        return json_ctx_fail(&ctx, "amendments", "%zu amendments for %zu issues", n, parley_space_issue_count(space));
    if (n && !(out->amendments = calloc(n, sizeof *out->amendments)))
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    for (size_t k = 0; k < n; k++) {
        size_t mark = json_ctx_push_field(&ctx, "amendments");
        json_ctx_push_index(&ctx, k);
        rc = read_amendment(&ctx, json_array_get(list, k), space, out, k);
        json_ctx_pop(&ctx, mark);
        if (rc) {
            free(out->amendments);
            out->amendments = NULL;
            return rc;
        }
    }
    out->amendment_count = n;
    return PARLEY_OK;
}

int req_parse_message(json_t *root, req_message *out, parley_error *err)
{
    static const char *const keys[] = {"body", "to", NULL};
    json_ctx ctx = {NULL, "", err};
    out->body = NULL;
    out->to = 0;
    int rc;
    if ((rc = json_ctx_check_keys(&ctx, root, keys)) ||
        (rc = text_field(&ctx, root, "body", 1, 1, REQ_MAX_TEXT, &out->body)) ||
        (rc = json_ctx_integer(&ctx, root, "to", 0, &out->to)))
        return rc;
    if (json_object_get(root, "to") && out->to <= 0)
        return json_ctx_fail(&ctx, "to", "%lld is not a participant id", out->to);
    return PARLEY_OK;
}

int req_parse_close(json_t *root, req_close *out, parley_error *err)
{
    static const char *const keys[] = {"outcome", "note", NULL};
    json_ctx ctx = {NULL, "", err};
    memset(out, 0, sizeof *out);
    int rc;
    if ((rc = json_ctx_check_keys(&ctx, root, keys)) ||
        (rc = text_field(&ctx, root, "outcome", 1, 1, 32, &out->outcome)) ||
        (rc = one_of(&ctx, "outcome", out->outcome, close_outcomes)) ||
        (rc = text_field(&ctx, root, "note", 0, 0, REQ_MAX_TEXT, &out->note)))
        return rc;
    return PARLEY_OK;
}

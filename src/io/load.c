/*
 * load.c: the one scenario loader (parley/io.h).  It reads the documents
 * (files, or buffers the server received), tells their format by the content
 * of the first (a native scenario, a GeniusWeb domain or profile, a GENIUS XML
 * domain) and hands them to the reader of that format with the loader's
 * options.  "DOMAIN+P1+P2" names several files in one argument.
 */
#include <errno.h>
#include <jansson.h>
#include <parley/genius.h>
#include <parley/io.h>
#include <parley/scenario.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/genius_internal.h"
#include "io/genius_xml.h"
#include "io/load_internal.h"

typedef enum { FORMAT_UNKNOWN, FORMAT_NATIVE_JSON, FORMAT_GENIUSWEB, FORMAT_XML } doc_format;

/* The format of a document by its first non-blank byte ('{' JSON, '<' XML) and, for JSON, its top-level keys. */
static doc_format sniff(const parley_document *doc)
{
    size_t i = 0;
    const unsigned char *b = (const unsigned char *)doc->bytes;
    while (i < doc->length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n' || b[i] == 0xEF ||
                               b[i] == 0xBB || b[i] == 0xBF))
        i++;
    if (i < doc->length && b[i] == '<')
        return FORMAT_XML;
    if (i >= doc->length || b[i] != '{')
        return FORMAT_UNKNOWN;
    /* GeniusWeb domains and profiles by their top-level keys; any other JSON is a native scenario
       (whose reader then reports what is wrong with it) */
    json_t *root = json_loadb(doc->bytes, doc->length, 0, NULL);
    int geniusweb = json_is_object(root) && !json_object_get(root, "parties") &&
                    (json_object_get(root, "issuesValues") || json_object_get(root, "LinearAdditiveUtilitySpace"));
    json_decref(root);
    return geniusweb ? FORMAT_GENIUSWEB : FORMAT_NATIVE_JSON;
}

/* The document as a NUL-terminated string; NULL when out of memory. */
static char *document_text(const parley_document *doc)
{
    char *text = malloc(doc->length + 1);
    if (text) {
        memcpy(text, doc->bytes, doc->length);
        text[doc->length] = '\0';
    }
    return text;
}

/* 1 when the root tag at p says type="nonlinear" (an ANAC 2014 profile: its issues come before any evaluation). */
static int nonlinear_root(const char *p)
{
    const char *end = strchr(p, '>'), *type = strstr(p, "type=\"nonlinear\"");
    return end && type && type < end;
}

load_role load_document_role(const parley_document *doc)
{
    doc_format format = sniff(doc);
    if (format == FORMAT_GENIUSWEB) {
        json_t *root = json_loadb(doc->bytes, doc->length, 0, NULL);
        load_role role = json_object_get(root, "issuesValues") ? LOAD_ROLE_DOMAIN : LOAD_ROLE_PROFILE;
        json_decref(root);
        return role;
    }
    if (format != FORMAT_XML)
        return LOAD_ROLE_OTHER;
    /* the root element: the first '<' not followed by '?' or '!' (declaration, comment) */
    char *text = document_text(doc);
    load_role role = LOAD_ROLE_OTHER;
    const char *p = text;
    while (p && (p = strchr(p, '<')) && (p[1] == '?' || p[1] == '!'))
        p++;
    /* a profile has evaluations or weights (additive) or a <utility maxutility> (nonlinear), wherever they come:
       a long comment or 50 issues (anac2014/50issues) may put the first one far into the file */
    if (p && strncmp(p, "<negotiation_template", 21) == 0)
        role = LOAD_ROLE_DOMAIN;
    else if (p && strncmp(p, "<utility_space", 14) == 0)
        role = strstr(p, "evaluation=") || strstr(p, "<weight") || strstr(p, "<utility ") || nonlinear_root(p)
                   ? LOAD_ROLE_PROFILE
                   : LOAD_ROLE_DOMAIN;
    free(text);
    return role;
}

/* "X is a profile, not a domain": a GENIUS negotiation named from a profile (the domain forgotten or not first). */
/* Returns PARLEY_OK when that is not the case (three or more files, none a domain: the reader says what is wrong). */
static int profile_first(const parley_document *docs, size_t count, parley_error *err)
{
    const char *example = "DOMAIN.xml PROFILE1.xml PROFILE2.xml";
    for (size_t i = 1; i < count; i++)
        if (load_document_role(&docs[i]) == LOAD_ROLE_DOMAIN)
            return parley_error_set_at(err, PARLEY_EINVAL, docs[0].name, 0, 0, NULL,
                                       "is a profile, not a domain: the domain (%s) comes first (%s)", docs[i].name,
                                       example);
    if (count >= 3)
        return PARLEY_OK;
    return parley_error_set_at(err, PARLEY_EINVAL, docs[0].name, 0, 0, NULL,
                               "is a profile, not a domain: the domain is missing (give it first: %s)", example);
}

int parley_scenario_load_buffers(const parley_document *docs, size_t count, const parley_load_options *options,
                                 parley_scenario **out, parley_error *err)
{
    *out = NULL;
    parley_error_clear(err);
    if (count == 0)
        return parley_error_set(err, PARLEY_EINVAL, "no input file");
    doc_format format = sniff(&docs[0]);
    /* (GeniusWeb profiles may come alone: each names its domain, and the first one's serves) */
    int rc;
    if (format == FORMAT_XML && load_document_role(&docs[0]) == LOAD_ROLE_PROFILE &&
        (rc = profile_first(docs, count, err)) != PARLEY_OK)
        return rc;
    switch (format) {
    case FORMAT_NATIVE_JSON:
        if (count > 1)
            return parley_error_set_at(err, PARLEY_EINVAL, docs[1].name, 0, 0, NULL,
                                       "a parley scenario is one file (%s); this extra file is not expected",
                                       docs[0].name);
        return scenario_parse_with(docs[0].bytes, docs[0].length, docs[0].name, options, out, err);
    case FORMAT_GENIUSWEB:
        if (count < 2)
            return parley_error_set_at(err, PARLEY_EINVAL, docs[0].name, 0, 0, NULL,
                                       "a GeniusWeb domain needs at least two profiles after it "
                                       "(DOMAIN.json PROFILE1.json PROFILE2.json, or DOMAIN.json+P1.json+P2.json)");
        return geniusweb_parse_documents(docs, count, options, out, err);
    case FORMAT_XML:
        if (count < 3)
            return parley_error_set_at(err, PARLEY_EINVAL, docs[0].name, 0, 0, NULL,
                                       "a GENIUS domain needs at least two profiles after it "
                                       "(DOMAIN.xml PROFILE1.xml PROFILE2.xml, or DOMAIN.xml+P1.xml+P2.xml)");
        return genius_parse_documents(docs, count, options, out, err);
    default:
        return parley_error_set_at(err, PARLEY_EINVAL, docs[0].name, 1, 1, NULL,
                                   "cannot tell the format (expected a JSON scenario, a GeniusWeb domain or a "
                                   "GENIUS XML domain)");
    }
}

/* Reads one file, with the system's reason when it cannot ("No such file or directory", "is a directory"). */
static int read_document(const char *path, parley_document *doc, parley_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot read the file: %s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL,
                                   "is a directory (expected a scenario file, or a domain and its profiles)");
    char *text = NULL;
    size_t length = 0;
    int rc = gx_read_file(path, &text, &length, err);
    if (rc != PARLEY_OK)
        return rc;
    *doc = (parley_document){path, text, length};
    return PARLEY_OK;
}

/* Splits the arguments "a+b+c" (a name that is not a file but holds '+') into paths; *out owns copies. */
static int expand_paths(const char *const *paths, size_t count, char ***out, size_t *n, parley_error *err)
{
    size_t cap = count + 8, used = 0;
    char **list = calloc(cap, sizeof *list);
    if (!list)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    for (size_t i = 0; i < count; i++) {
        struct stat st;
        int split = strchr(paths[i], '+') && stat(paths[i], &st) != 0;
        const char *p = paths[i];
        do {
            size_t len = split ? strcspn(p, "+") : strlen(p);
            if (used == cap) {
                char **grown = realloc(list, 2 * cap * sizeof *list);
                if (!grown)
                    goto nomem;
                list = grown;
                cap *= 2;
            }
            if (!(list[used] = strndup(p, len)))
                goto nomem;
            used++;
            p += len;
        } while (split && *p++ == '+');
    }
    *out = list;
    *n = used;
    return PARLEY_OK;
nomem:
    for (size_t i = 0; i < used; i++)
        free(list[i]);
    free(list);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
}

load_role load_file_role(const char *path)
{
    parley_document doc;
    parley_error err = {0};
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || read_document(path, &doc, &err) != PARLEY_OK)
        return LOAD_ROLE_OTHER;
    load_role role = load_document_role(&doc);
    free((char *)doc.bytes);
    return role;
}

int parley_scenario_load_with(const char *const *paths, size_t count, const parley_load_options *options,
                              parley_scenario **out, parley_error *err)
{
    *out = NULL;
    parley_error_clear(err);
    if (count == 0)
        return parley_error_set(err, PARLEY_EINVAL, "no input file");
    char **names = NULL;
    size_t n = 0;
    int rc = expand_paths(paths, count, &names, &n, err);
    if (rc != PARLEY_OK)
        return rc;
    parley_document *docs = calloc(n, sizeof *docs);
    if (!docs)
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    for (size_t i = 0; rc == PARLEY_OK && i < n; i++)
        rc = read_document(names[i], &docs[i], err);
    if (rc == PARLEY_OK)
        rc = parley_scenario_load_buffers(docs, n, options, out, err);
    for (size_t i = 0; i < n; i++) {
        if (docs)
            free((char *)docs[i].bytes);
        free(names[i]);
    }
    free(docs);
    free(names);
    return rc;
}

int parley_scenario_load_files(const char *const *paths, size_t count, parley_scenario **out, parley_error *err)
{
    return parley_scenario_load_with(paths, count, NULL, out, err);
}

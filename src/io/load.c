/*
 * load.c: parley_scenario_load_files, which tells the files' format by their
 * content and reads them: a native scenario (JSON with top-level "issues" and
 * "parties"), a GeniusWeb domain ("issuesValues") followed by its profiles, or a
 * GENIUS XML domain followed by its profiles.
 */
#include <jansson.h>
#include <parley/genius.h>
#include <parley/scenario.h>

#include <stdio.h>
#include <string.h>

typedef enum { FORMAT_UNKNOWN, FORMAT_NATIVE_JSON, FORMAT_GENIUSWEB, FORMAT_XML } file_format;

/* The first non-blank byte: '{' is JSON, '<' is XML.  JSON is told apart by its first keys. */
static file_format sniff(const char *path, parley_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot open the file");
        return FORMAT_UNKNOWN;
    }
    char head[8192];
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    size_t i = 0;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n' ||
                     (unsigned char)head[i] == 0xEF || (unsigned char)head[i] == 0xBB ||
                     (unsigned char)head[i] == 0xBF))
        i++;
    if (i < n && head[i] == '<')
        return FORMAT_XML;
    if (i < n && head[i] == '{') {
        /* GeniusWeb domains and profiles by their top-level keys; any other JSON is a native scenario
           (whose reader then reports what is wrong with it) */
        json_t *root = json_load_file(path, 0, NULL);
        int geniusweb = json_is_object(root) && !json_object_get(root, "parties") &&
                        (json_object_get(root, "issuesValues") || json_object_get(root, "LinearAdditiveUtilitySpace"));
        json_decref(root);
        return geniusweb ? FORMAT_GENIUSWEB : FORMAT_NATIVE_JSON;
    }
    parley_error_set_at(err, PARLEY_EINVAL, path, 1, 1, NULL,
                        "cannot tell the format (expected a JSON scenario, a GeniusWeb domain or a GENIUS XML domain)");
    return FORMAT_UNKNOWN;
}

int parley_scenario_load_files(const char *const *paths, size_t count, parley_scenario **out, parley_error *err)
{
    *out = NULL;
    parley_error_clear(err);
    if (count == 0)
        return parley_error_set(err, PARLEY_EINVAL, "no input file");
    file_format format = sniff(paths[0], err);
    switch (format) {
    case FORMAT_NATIVE_JSON:
        if (count > 1)
            return parley_error_set_at(err, PARLEY_EINVAL, paths[1], 0, 0, NULL,
                                       "a parley scenario is one file; this extra file is not expected");
        return parley_scenario_load(paths[0], out, err);
    case FORMAT_GENIUSWEB:
        if (count < 2)
            return parley_error_set_at(err, PARLEY_EINVAL, paths[0], 0, 0, NULL,
                                       "a GeniusWeb domain needs at least two profiles after it");
        return parley_geniusweb_load(paths[0], paths + 1, count - 1, out, err);
    case FORMAT_XML:
        if (count < 3)
            return parley_error_set_at(err, PARLEY_EINVAL, paths[0], 0, 0, NULL,
                                       "a GENIUS domain needs at least two profiles after it "
                                       "(parley analyze DOMAIN.xml PROFILE1.xml PROFILE2.xml)");
        return parley_genius_load(paths[0], paths + 1, count - 1, out, err);
    default:
        return err ? err->code : PARLEY_EINVAL;
    }
}

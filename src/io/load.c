/* load.c: parley_scenario_load_files, which tells a file's format by its content and reads it. */
#include <parley/scenario.h>

#include <stdio.h>
#include <string.h>

typedef enum { FORMAT_UNKNOWN, FORMAT_NATIVE_JSON, FORMAT_XML } file_format;

/* Looks at the first non-blank byte: '{' is JSON, '<' is XML. */
static file_format sniff(const char *path, parley_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        parley_error_set_at(err, PARLEY_EIO, path, 0, 0, NULL, "cannot open the file");
        return FORMAT_UNKNOWN;
    }
    int c;
    while ((c = fgetc(f)) != EOF && (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB ||
                                     c == 0xBF))
        ;
    fclose(f);
    if (c == '{')
        return FORMAT_NATIVE_JSON;
    if (c == '<')
        return FORMAT_XML;
    parley_error_set_at(err, PARLEY_EINVAL, path, 1, 1, NULL,
                        "cannot tell the format (expected a JSON scenario or a GENIUS XML domain)");
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
    case FORMAT_XML:
        return parley_error_set_at(err, PARLEY_EINVAL, paths[0], 0, 0, NULL,
                                   "GENIUS XML domains are not readable yet");
    default:
        return err ? err->code : PARLEY_EINVAL;
    }
}

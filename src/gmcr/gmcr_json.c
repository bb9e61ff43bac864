/* gmcr_json.c: the member-at-a-time JSON writer of gmcr_json.h. */
#include "gmcr_json.h"

#include <stdlib.h>

#define DUMP_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))

/* value as jansson prints it, every line after the first indented by `indent` more spaces. */
static void put(gmcr_json_writer *w, json_t *value, int indent)
{
    char *text = value ? json_dumps(value, DUMP_FLAGS) : NULL;
    json_decref(value);
    if (!text) {
        w->failed = 1;
        fputs("null", w->out);
        return;
    }
    for (const char *p = text; *p; p++) {
        fputc(*p, w->out);
        if (*p == '\n')
            fprintf(w->out, "%*s", indent, "");
    }
    free(text);
}

static void key(gmcr_json_writer *w, const char *name)
{
    fputs(w->members++ ? ",\n  " : "{\n  ", w->out);
    put(w, json_string(name), 2);
    fputs(": ", w->out);
}

void gmcr_json_member(gmcr_json_writer *w, const char *name, json_t *value)
{
    key(w, name);
    put(w, value, 2);
}

void gmcr_json_array_begin(gmcr_json_writer *w, const char *name)
{
    key(w, name);
    fputc('[', w->out);
    w->items = 0;
}

void gmcr_json_array_item(gmcr_json_writer *w, json_t *value)
{
    fputs(w->items++ ? ",\n    " : "\n    ", w->out);
    put(w, value, 4);
}

void gmcr_json_array_end(gmcr_json_writer *w)
{
    fputs(w->items ? "\n  ]" : "]", w->out);
}

int gmcr_json_end(gmcr_json_writer *w, parley_error *err)
{
    fputs(w->members ? "\n}\n" : "{}\n", w->out);
    if (w->failed)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory while writing JSON");
    return ferror(w->out) ? parley_error_set(err, PARLEY_EIO, "write error") : PARLEY_OK;
}

int gmcr_json_emit(FILE *out, const json_t *doc, int json, void (*text)(FILE *, const json_t *), parley_error *err)
{
    if (!doc)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    if (json) {
        if (json_dumpf(doc, out, DUMP_FLAGS) != 0)
            return parley_error_set(err, PARLEY_EIO, "write error");
        fputc('\n', out);
    } else {
        text(out, doc);
    }
    return ferror(out) ? parley_error_set(err, PARLEY_EIO, "write error") : PARLEY_OK;
}

/* json_util.c: jansson loading with located errors, JSON-path tracking and typed field getters. */
#include "io/json_util.h"

#include "core/strutil.h"

#include <errno.h>
#include <parley/io.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static json_t *loaded(json_ctx *ctx, json_t *root, const json_error_t *jerr, int want_object)
{
    if (!root) {
        int code = jerr->position == 0 && strstr(jerr->text, "unable to open") ? PARLEY_EIO : PARLEY_EINVAL;
        parley_error_set_at(ctx->err, code, ctx->file, jerr->line > 0 ? jerr->line : 0,
                            jerr->column > 0 ? jerr->column : 0, NULL, "%s%s", jerr->text,
                            code == PARLEY_EINVAL ? " (expected valid JSON)" : "");
        return NULL;
    }
    if (want_object && !json_is_object(root)) {
        parley_error_set_at(ctx->err, PARLEY_EINVAL, ctx->file, 0, 0, NULL,
                            "the document is %s (expected a JSON object)", json_type_name(root));
        json_decref(root);
        return NULL;
    }
    return root;
}

static json_t *load_file(json_ctx *ctx, const char *path, int want_object)
{
    json_error_t jerr;
    FILE *f = fopen(path, "rb");
    if (!f) {
        parley_error_set_at(ctx->err, PARLEY_EIO, path, 0, 0, NULL, "cannot open the file: %s", strerror(errno));
        return NULL;
    }
    json_t *root = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
    fclose(f);
    return loaded(ctx, root, &jerr, want_object);
}

json_t *json_ctx_load_file(json_ctx *ctx, const char *path)
{
    return load_file(ctx, path, 1);
}

json_t *json_ctx_load_file_any(json_ctx *ctx, const char *path)
{
    return load_file(ctx, path, 0);
}

json_t *json_ctx_load_buffer(json_ctx *ctx, const char *text, size_t length)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, length, JSON_REJECT_DUPLICATES, &jerr);
    return loaded(ctx, root, &jerr, 1);
}

int json_ctx_fail(json_ctx *ctx, const char *field, const char *fmt, ...)
{
    if (!ctx->err)
        return PARLEY_EINVAL;
    char path[512];
    if (field)
        snprintf(path, sizeof path, "%s%s%s", ctx->path, ctx->path[0] ? "." : "", field);
    else
        snprintf(path, sizeof path, "%s", ctx->path[0] ? ctx->path : "(top level)");
    char message[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    /* Keep a column set by an inner parser (expressions) but not a line: jansson gives none for values. */
    int column = ctx->err->column;
    parley_error_set_at(ctx->err, PARLEY_EINVAL, ctx->file, 0, 0, path, "%s", message);
    ctx->err->column = column;
    return PARLEY_EINVAL;
}

size_t json_ctx_push_field(json_ctx *ctx, const char *field)
{
    size_t mark = strlen(ctx->path);
    snprintf(ctx->path + mark, sizeof ctx->path - mark, "%s%s", mark ? "." : "", field);
    return mark;
}

size_t json_ctx_push_index(json_ctx *ctx, size_t index)
{
    size_t mark = strlen(ctx->path);
    snprintf(ctx->path + mark, sizeof ctx->path - mark, "[%zu]", index);
    return mark;
}

void json_ctx_pop(json_ctx *ctx, size_t mark)
{
    ctx->path[mark] = '\0';
}

const char *json_type_name(const json_t *value)
{
    if (!value) /* a member that is missing */
        return "nothing";
    switch (json_typeof(value)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "a whole number";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

int json_ctx_check_keys(json_ctx *ctx, json_t *obj, const char *const *allowed)
{
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value) {
        size_t i = 0;
        while (allowed[i] && strcmp(allowed[i], key) != 0)
            i++;
        if (allowed[i])
            continue;
        char list[512];
        size_t used = 0;
        list[0] = '\0';
        for (i = 0; allowed[i] && used + 4 < sizeof list; i++) {
            int n = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", allowed[i]);
            used += n > 0 ? (size_t)n : 0;
        }
        size_t count = 0;
        while (allowed[count])
            count++;
        const char *near = parley_nearest_word(key, allowed, count);
        if (near)
            return json_ctx_fail(ctx, key, "unknown field '%s' (did you mean '%s'? expected one of: %s)", key, near,
                                 list);
        return json_ctx_fail(ctx, key, "unknown field '%s' (expected one of: %s)", key, list);
    }
    return PARLEY_OK;
}

static json_t *get(json_ctx *ctx, json_t *obj, const char *field, int required, int *rc)
{
    json_t *v = json_object_get(obj, field);
    *rc = PARLEY_OK;
    if (!v && required)
        *rc = json_ctx_fail(ctx, field, "missing required field '%s'", field);
    return v;
}

int json_ctx_string(json_ctx *ctx, json_t *obj, const char *field, int required, const char **out)
{
    int rc;
    json_t *v = get(ctx, obj, field, required, &rc);
    if (!v)
        return rc;
    if (!json_is_string(v))
        return json_ctx_fail(ctx, field, "found %s (expected a string)", json_type_name(v));
    *out = json_string_value(v);
    return PARLEY_OK;
}

int json_ctx_number(json_ctx *ctx, json_t *obj, const char *field, int required, double *out)
{
    int rc;
    json_t *v = get(ctx, obj, field, required, &rc);
    if (!v)
        return rc;
    if (!json_is_number(v))
        return json_ctx_fail(ctx, field, "found %s (expected a number)", json_type_name(v));
    *out = json_number_value(v);
    return PARLEY_OK;
}

int json_ctx_integer(json_ctx *ctx, json_t *obj, const char *field, int required, long long *out)
{
    int rc;
    json_t *v = get(ctx, obj, field, required, &rc);
    if (!v)
        return rc;
    if (!json_is_integer(v))
        return json_ctx_fail(ctx, field, "found %s (expected a whole number)", json_type_name(v));
    *out = json_integer_value(v);
    return PARLEY_OK;
}

int json_ctx_array(json_ctx *ctx, json_t *obj, const char *field, int required, json_t **out)
{
    int rc;
    json_t *v = get(ctx, obj, field, required, &rc);
    *out = NULL;
    if (!v)
        return rc;
    if (!json_is_array(v))
        return json_ctx_fail(ctx, field, "found %s (expected an array)", json_type_name(v));
    *out = v;
    return PARLEY_OK;
}

int json_ctx_object(json_ctx *ctx, json_t *obj, const char *field, int required, json_t **out)
{
    int rc;
    json_t *v = get(ctx, obj, field, required, &rc);
    *out = NULL;
    if (!v)
        return rc;
    if (!json_is_object(v))
        return json_ctx_fail(ctx, field, "found %s (expected an object)", json_type_name(v));
    *out = v;
    return PARLEY_OK;
}

/* A line break and the indentation of depth; nothing when compact (depth < 0). */
static void write_indent(FILE *out, int depth)
{
    if (depth < 0)
        return;
    fputc('\n', out);
    for (int i = 0; i < depth; i++)
        fputs("  ", out);
}

/* Writes v indented at depth (depth < 0: compact, on one line). */
static void write_value(const json_t *v, FILE *out, int depth)
{
    int inner = depth < 0 ? -1 : depth + 1;
    char buf[64];
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        if (json_object_size(v) == 0) {
            fputs("{}", out);
            return;
        }
        const char *key;
        json_t *item;
        int first = 1;
        fputc('{', out);
        json_object_foreach((json_t *)v, key, item) {
            if (!first)
                fputc(',', out);
            first = 0;
            write_indent(out, inner);
            json_t *k = json_string(key);
            char *text = k ? json_dumps(k, JSON_ENCODE_ANY) : NULL;
            fputs(text ? text : "\"\"", out);
            free(text);
            json_decref(k);
            fputs(depth < 0 ? ":" : ": ", out);
            write_value(item, out, inner);
        }
        write_indent(out, depth);
        fputc('}', out);
        return;
    }
    case JSON_ARRAY:
        if (json_array_size(v) == 0) {
            fputs("[]", out);
            return;
        }
        fputc('[', out);
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (i)
                fputc(',', out);
            write_indent(out, inner);
            write_value(json_array_get(v, i), out, inner);
        }
        write_indent(out, depth);
        fputc(']', out);
        return;
    case JSON_REAL:
        fputs(parley_format_number(json_real_value(v), buf, sizeof buf), out);
        return;
    case JSON_INTEGER:
        fprintf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return;
    case JSON_STRING: {
        char *text = json_dumps(v, JSON_ENCODE_ANY);
        fputs(text ? text : "\"\"", out);
        free(text);
        return;
    }
    case JSON_TRUE: fputs("true", out); return;
    case JSON_FALSE: fputs("false", out); return;
    default: fputs("null", out); return;
    }
}

int json_write_pretty(const json_t *value, FILE *out)
{
    write_value(value, out, 0);
    fputc('\n', out);
    return ferror(out) ? -1 : 0;
}

int json_write_compact(const json_t *value, FILE *out)
{
    write_value(value, out, -1);
    fputc('\n', out);
    return ferror(out) ? -1 : 0;
}

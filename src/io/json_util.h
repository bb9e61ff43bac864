/*
 * json_util.h: helpers for reading JSON documents with jansson and reporting
 * problems by JSON path ("parties[1].preferences.hostages.weight").  jansson
 * gives line and column for syntax errors only; semantic errors name the path.
 */
#ifndef PARLEY_IO_JSON_UTIL_H
#define PARLEY_IO_JSON_UTIL_H

#include <jansson.h>
#include <parley/error.h>
#include <stdio.h>

typedef struct json_ctx {
    const char *file;
    char path[256];
    parley_error *err;
} json_ctx;

/* Loads a file or a buffer; syntax errors carry file, line and column. */
json_t *json_ctx_load_file(json_ctx *ctx, const char *path);
json_t *json_ctx_load_buffer(json_ctx *ctx, const char *text, size_t length);
/* As json_ctx_load_file, for a document of any type (not only an object). */
json_t *json_ctx_load_file_any(json_ctx *ctx, const char *path);

/* Reports PARLEY_EINVAL at the current path (optionally extended by `field`). Returns PARLEY_EINVAL. */
int json_ctx_fail(json_ctx *ctx, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Pushes ".field" or "[index]" onto the path; returns the previous length for json_ctx_pop. */
size_t json_ctx_push_field(json_ctx *ctx, const char *field);
size_t json_ctx_push_index(json_ctx *ctx, size_t index);
void json_ctx_pop(json_ctx *ctx, size_t mark);

/* Fails when obj has a key not in the NULL-terminated `allowed` list. */
int json_ctx_check_keys(json_ctx *ctx, json_t *obj, const char *const *allowed);

/* Typed getters of obj[field]: missing optional fields keep *out; wrong types fail with the path. */
int json_ctx_string(json_ctx *ctx, json_t *obj, const char *field, int required, const char **out);
int json_ctx_number(json_ctx *ctx, json_t *obj, const char *field, int required, double *out);
int json_ctx_integer(json_ctx *ctx, json_t *obj, const char *field, int required, long long *out);
/* obj[field] must be an array / object (when present); *out NULL when absent and optional. */
int json_ctx_array(json_ctx *ctx, json_t *obj, const char *field, int required, json_t **out);
int json_ctx_object(json_ctx *ctx, json_t *obj, const char *field, int required, json_t **out);

/*
 * Writes `value` as parley prints every JSON document: indented by two spaces,
 * keys in insertion order, numbers in the one number format
 * (parley_format_number: 0.4, not 0.40000000000000002; 2, not 2.0), and a final
 * newline.  Returns 0, or -1 when writing failed.
 */
int json_write_pretty(const json_t *value, FILE *out);
/* The same on one line (JSON Lines), with a final newline. */
int json_write_compact(const json_t *value, FILE *out);

/* The name of a JSON value's type ("a string", "an array", ...). */
const char *json_type_name(const json_t *value);

#endif

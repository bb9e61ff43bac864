/*
 * texts_read.c: parley_texts_load: a file of candidate texts for
 * `parley propose --compare`, checked against the scenario's issues and
 * values, every problem located by line and column (syntax) or JSON path.
 */
#include <parley/diagnose.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strutil.h"
#include "io/json_util.h"

void parley_texts_free(uint32_t *texts, char **names, size_t n)
{
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
    free(texts);
}

/* One package object: every issue given once, with one of its values. */
static int read_package(json_ctx *ctx, const parley_space *space, json_t *package, uint32_t *values)
{
    size_t issues = parley_space_issue_count(space);
    if (!json_is_object(package))
        return json_ctx_fail(ctx, NULL, "expected a package (an object of issue: value), found %s",
                             json_type_name(package));
    const char *key;
    json_t *value;
    json_object_foreach(package, key, value) {
        long issue = parley_space_find_issue(space, key);
        if (issue < 0)
            return json_ctx_fail(ctx, key, "'%s' is not an issue of the scenario", key);
        long v = -1;
        if (json_is_string(value))
            v = parley_issue_find_label(space, (size_t)issue, json_string_value(value));
        else if (json_is_number(value))
            v = parley_issue_find_number(space, (size_t)issue, json_number_value(value));
        if (v < 0) {
            char shown[128] = "that";
            if (json_is_string(value))
                snprintf(shown, sizeof shown, "'%s'", json_string_value(value));
            else if (json_is_number(value))
                parley_format_number(json_number_value(value), shown, sizeof shown);
            return json_ctx_fail(ctx, key, "%s is not a value of issue '%s'", shown, key);
        }
        values[issue] = (uint32_t)v;
    }
    if (json_object_size(package) != issues)
        for (size_t i = 0; i < issues; i++)
            if (!json_object_get(package, parley_issue_name(space, i)))
                return json_ctx_fail(ctx, NULL, "the package gives no value for issue '%s' (expected every issue)",
                                     parley_issue_name(space, i));
    return PARLEY_OK;
}

int parley_texts_load(const parley_scenario *sc, const char *path, uint32_t **texts, char ***names, size_t *n,
                      parley_error *err)
{
    *texts = NULL;
    *names = NULL;
    *n = 0;
    const parley_space *space = parley_scenario_space(sc);
    size_t issues = parley_space_issue_count(space);
    json_ctx ctx = {.file = path, .err = err};
    json_t *root = json_ctx_load_file_any(&ctx, path);
    if (!root)
        return err ? err->code : PARLEY_EINVAL;
    int rc = PARLEY_OK;
    size_t count = json_is_array(root) ? json_array_size(root) : 0;
    if (!json_is_array(root) || count == 0) {
        rc = json_ctx_fail(&ctx, NULL, "expected a non-empty array of texts, found %s",
                           json_is_array(root) ? "an empty array" : json_type_name(root));
        goto done;
    }
    *texts = calloc(count * (issues ? issues : 1), sizeof **texts);
    *names = calloc(count, sizeof **names);
    if (!*texts || !*names) {
        rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < count && rc == PARLEY_OK; i++) {
        size_t mark = json_ctx_push_index(&ctx, i);
        json_t *item = json_array_get(root, i), *package = item;
        const char *name = NULL;
        if (json_is_object(item) && json_object_get(item, "package")) {
            static const char *const keys[] = {"name", "package", NULL};
            if ((rc = json_ctx_check_keys(&ctx, item, keys)) != PARLEY_OK ||
                (rc = json_ctx_string(&ctx, item, "name", 0, &name)) != PARLEY_OK)
                break;
            package = json_object_get(item, "package");
            json_ctx_push_field(&ctx, "package");
        }
        char fallback[32];
        snprintf(fallback, sizeof fallback, "text %zu", i + 1);
        if ((rc = read_package(&ctx, space, package, &(*texts)[i * issues])) == PARLEY_OK &&
            !((*names)[i] = parley_strdup(name ? name : fallback)))
            rc = parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        *n = i + 1;
        json_ctx_pop(&ctx, mark);
    }
done:
    json_decref(root);
    if (rc != PARLEY_OK) {
        parley_texts_free(*texts, *names, *n);
        *texts = NULL;
        *names = NULL;
        *n = 0;
    }
    return rc;
}

/* space.c: issues (categorical, integer, real grids) and the mixed-radix outcome space. */
#include <parley/space.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strutil.h"

struct issue {
    char *name;
    char *description;
    parley_issue_type type;
    uint32_t count;
    double min, step; /* numeric grid: value k stands for min + k * step */
    char **labels;    /* categorical only */
};

struct parley_space {
    struct issue *issues;
    size_t count, capacity;
    size_t total_values; /* sum of the issues' value counts, at most PARLEY_MAX_TOTAL_VALUES */
};

static int add_grid(parley_space *space, const char *name, parley_issue_type type, double min, double step,
                    double count, parley_error *err);

parley_space *parley_space_new(void)
{
    return calloc(1, sizeof(parley_space));
}

void parley_space_free(parley_space *space)
{
    if (!space)
        return;
    for (size_t i = 0; i < space->count; i++) {
        struct issue *is = &space->issues[i];
        free(is->name);
        free(is->description);
        if (is->labels)
            for (uint32_t v = 0; v < is->count; v++)
                free(is->labels[v]);
        free(is->labels);
    }
    free(space->issues);
    free(space);
}

parley_space *parley_space_clone(const parley_space *space)
{
    parley_space *copy = parley_space_new();
    if (!copy)
        return NULL;
    for (size_t i = 0; i < space->count; i++) {
        const struct issue *is = &space->issues[i];
        int rc;
        if (is->type == PARLEY_ISSUE_CATEGORICAL)
            rc = parley_space_add_categorical(copy, is->name, (const char *const *)is->labels, is->count, NULL);
        else
            rc = add_grid(copy, is->name, is->type, is->min, is->step, is->count, NULL);
        if (rc != PARLEY_OK || (is->description && parley_space_set_description(copy, i, is->description) != PARLEY_OK)) {
            parley_space_free(copy);
            return NULL;
        }
    }
    return copy;
}

/* Reserves a new issue slot after checking the name; returns it zeroed or NULL with err set. */
static struct issue *new_issue(parley_space *space, const char *name, parley_error *err)
{
    if (!parley_valid_identifier(name)) {
        parley_error_set(err, PARLEY_EINVAL,
                         "issue name '%s' is not an identifier (expected letters, digits and _, not starting "
                         "with a digit, and not one of and, or, not, in, if, then, implies, true, false)",
                         name ? name : "");
        return NULL;
    }
    if (parley_space_find_issue(space, name) >= 0) {
        parley_error_set(err, PARLEY_EINVAL, "issue '%s' is defined twice", name);
        return NULL;
    }
    if (space->count >= PARLEY_MAX_ISSUES) {
        parley_error_set(err, PARLEY_ERANGE, "too many issues (at most %u)", PARLEY_MAX_ISSUES);
        return NULL;
    }
    if (space->count == space->capacity) {
        size_t cap = space->capacity ? space->capacity * 2 : 8;
        struct issue *grown = realloc(space->issues, cap * sizeof *grown);
        if (!grown) {
            parley_error_set(err, PARLEY_ENOMEM, "out of memory");
            return NULL;
        }
        space->issues = grown;
        space->capacity = cap;
    }
    struct issue *is = &space->issues[space->count];
    memset(is, 0, sizeof *is);
    is->name = parley_strdup(name);
    if (!is->name) {
        parley_error_set(err, PARLEY_ENOMEM, "out of memory");
        return NULL;
    }
    return is;
}

static int compare_labels(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int parley_space_add_categorical(parley_space *space, const char *name, const char *const *labels,
                                 size_t count, parley_error *err)
{
    if (count == 0 || count > PARLEY_MAX_ISSUE_VALUES)
        return parley_error_set(err, PARLEY_EINVAL, "issue '%s' needs 1 to %u values, has %zu", name ? name : "",
                                PARLEY_MAX_ISSUE_VALUES, count);
    for (size_t i = 0; i < count; i++)
        if (!labels[i] || !labels[i][0])
            return parley_error_set(err, PARLEY_EINVAL, "issue '%s': value %zu is empty", name, i);
    if (space->total_values + count > PARLEY_MAX_TOTAL_VALUES)
        return parley_error_set(err, PARLEY_ERANGE, "issue '%s': the issues would have more than %u values in all",
                                name ? name : "", PARLEY_MAX_TOTAL_VALUES);
    /* Duplicates: sort a copy of the labels and compare neighbours (n log n, not n^2). */
    const char **sorted = malloc(count * sizeof *sorted);
    if (!sorted)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    memcpy(sorted, labels, count * sizeof *sorted);
    qsort(sorted, count, sizeof *sorted, compare_labels);
    for (size_t i = 1; i < count; i++)
        if (strcmp(sorted[i], sorted[i - 1]) == 0) {
            int rc = parley_error_set(err, PARLEY_EINVAL, "issue '%s': value '%s' is listed twice", name, sorted[i]);
            free(sorted);
            return rc;
        }
    free(sorted);
    struct issue *is = new_issue(space, name, err);
    if (!is)
        return err ? err->code : PARLEY_EINVAL;
    is->type = PARLEY_ISSUE_CATEGORICAL;
    is->count = (uint32_t)count;
    is->min = 0;
    is->step = 1;
    is->labels = calloc(count, sizeof *is->labels);
    if (!is->labels)
        goto nomem;
    for (size_t i = 0; i < count; i++)
        if (!(is->labels[i] = parley_strdup(labels[i])))
            goto nomem;
    space->count++;
    space->total_values += count;
    return PARLEY_OK;
nomem:
    if (is->labels)
        for (size_t i = 0; i < count; i++)
            free(is->labels[i]);
    free(is->labels);
    free(is->name);
    return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
}

static int add_grid(parley_space *space, const char *name, parley_issue_type type, double min, double step,
                    double count, parley_error *err)
{
    if (!(count >= 1) || count > PARLEY_MAX_ISSUE_VALUES)
        return parley_error_set(err, PARLEY_EINVAL, "issue '%s' would have %.0f values (expected 1 to %u)",
                                name ? name : "", count, PARLEY_MAX_ISSUE_VALUES);
    if ((double)space->total_values + count > PARLEY_MAX_TOTAL_VALUES)
        return parley_error_set(err, PARLEY_ERANGE, "issue '%s': the issues would have more than %u values in all",
                                name ? name : "", PARLEY_MAX_TOTAL_VALUES);
    struct issue *is = new_issue(space, name, err);
    if (!is)
        return err ? err->code : PARLEY_EINVAL;
    is->type = type;
    is->count = (uint32_t)count;
    is->min = min;
    is->step = step;
    space->count++;
    space->total_values += (size_t)count;
    return PARLEY_OK;
}

int parley_space_add_integer(parley_space *space, const char *name, int64_t min, int64_t max, int64_t step,
                             parley_error *err)
{
    if (step <= 0)
        return parley_error_set(err, PARLEY_EINVAL, "issue '%s': step must be a positive whole number",
                                name ? name : "");
    if (max < min)
        return parley_error_set(err, PARLEY_EINVAL, "issue '%s': max %lld is below min %lld", name ? name : "",
                                (long long)max, (long long)min);
    uint64_t width = (uint64_t)max - (uint64_t)min; /* exact even when max - min overflows int64_t */
    if (width % (uint64_t)step != 0)
        return parley_error_set(err, PARLEY_EINVAL,
                                "issue '%s': max %lld is not reached from min %lld in steps of %lld",
                                name ? name : "", (long long)max, (long long)min, (long long)step);
    return add_grid(space, name, PARLEY_ISSUE_INTEGER, (double)min, (double)step,
                    (double)(width / (uint64_t)step) + 1, err);
}

int parley_space_add_real(parley_space *space, const char *name, double min, double max, double step,
                          parley_error *err)
{
    if (!isfinite(min) || !isfinite(max) || !isfinite(step) || step <= 0)
        return parley_error_set(err, PARLEY_EINVAL, "issue '%s': min, max and a positive step must be numbers",
                                name ? name : "");
    if (max < min)
        return parley_error_set(err, PARLEY_EINVAL, "issue '%s': max %g is below min %g", name ? name : "", max,
                                min);
    double steps = (max - min) / step;
    double whole = nearbyint(steps);
    if (fabs(steps - whole) > 1e-9 * (whole > 1 ? whole : 1))
        return parley_error_set(err, PARLEY_EINVAL,
                                "issue '%s': max %g is not reached from min %g in steps of %g", name ? name : "",
                                max, min, step);
    return add_grid(space, name, PARLEY_ISSUE_REAL, min, step, whole + 1, err);
}

int parley_space_set_description(parley_space *space, size_t issue, const char *text)
{
    if (issue >= space->count)
        return PARLEY_EINVAL;
    char *copy = text ? parley_strdup(text) : NULL;
    if (text && !copy)
        return PARLEY_ENOMEM;
    free(space->issues[issue].description);
    space->issues[issue].description = copy;
    return PARLEY_OK;
}

size_t parley_space_issue_count(const parley_space *space)
{
    return space->count;
}

long parley_space_find_issue(const parley_space *space, const char *name)
{
    for (size_t i = 0; i < space->count; i++)
        if (strcmp(space->issues[i].name, name) == 0)
            return (long)i;
    return -1;
}

const char *parley_issue_name(const parley_space *space, size_t issue)
{
    return space->issues[issue].name;
}

const char *parley_issue_description(const parley_space *space, size_t issue)
{
    return space->issues[issue].description;
}

parley_issue_type parley_issue_type_of(const parley_space *space, size_t issue)
{
    return space->issues[issue].type;
}

uint32_t parley_issue_value_count(const parley_space *space, size_t issue)
{
    return space->issues[issue].count;
}

double parley_issue_min(const parley_space *space, size_t issue)
{
    return space->issues[issue].min;
}

double parley_issue_max(const parley_space *space, size_t issue)
{
    const struct issue *is = &space->issues[issue];
    return is->min + (double)(is->count - 1) * is->step;
}

double parley_issue_step(const parley_space *space, size_t issue)
{
    return space->issues[issue].step;
}

double parley_issue_number(const parley_space *space, size_t issue, uint32_t value)
{
    const struct issue *is = &space->issues[issue];
    return is->min + (double)value * is->step;
}

const char *parley_issue_label(const parley_space *space, size_t issue, uint32_t value)
{
    const struct issue *is = &space->issues[issue];
    return is->labels && value < is->count ? is->labels[value] : NULL;
}

long parley_issue_find_label(const parley_space *space, size_t issue, const char *label)
{
    const struct issue *is = &space->issues[issue];
    if (!is->labels)
        return -1;
    for (uint32_t v = 0; v < is->count; v++)
        if (strcmp(is->labels[v], label) == 0)
            return (long)v;
    return -1;
}

long parley_issue_find_number(const parley_space *space, size_t issue, double x)
{
    const struct issue *is = &space->issues[issue];
    if (is->type == PARLEY_ISSUE_CATEGORICAL || !isfinite(x))
        return -1;
    double k = nearbyint((x - is->min) / is->step);
    if (k < 0 || k >= is->count || fabs(is->min + k * is->step - x) > 1e-9 * (is->step > 1 ? is->step : 1))
        return -1;
    return (long)k;
}

char *parley_issue_format_value(const parley_space *space, size_t issue, uint32_t value, char *buf, size_t size)
{
    const struct issue *is = &space->issues[issue];
    if (is->type == PARLEY_ISSUE_CATEGORICAL)
        snprintf(buf, size, "%s", is->labels[value]);
    else
        parley_format_grid_number(parley_issue_number(space, issue, value), buf, size);
    return buf;
}

double parley_space_size(const parley_space *space)
{
    double n = 1;
    for (size_t i = 0; i < space->count; i++)
        n *= space->issues[i].count;
    return n;
}

int parley_space_size_u64(const parley_space *space, uint64_t *out)
{
    uint64_t n = 1;
    for (size_t i = 0; i < space->count; i++) {
        uint64_t c = space->issues[i].count;
        if (n > UINT64_MAX / c)
            return PARLEY_ERANGE;
        n *= c;
    }
    *out = n;
    return PARLEY_OK;
}

void parley_space_decode(const parley_space *space, uint64_t index, uint32_t *values)
{
    for (size_t i = space->count; i-- > 0;) {
        uint32_t c = space->issues[i].count;
        values[i] = (uint32_t)(index % c);
        index /= c;
    }
}

uint64_t parley_space_encode(const parley_space *space, const uint32_t *values)
{
    uint64_t index = 0;
    for (size_t i = 0; i < space->count; i++)
        index = index * space->issues[i].count + values[i];
    return index;
}

char *parley_outcome_format(const parley_space *space, const uint32_t *values, char *buf, size_t size)
{
    size_t used = 0;
    if (size)
        buf[0] = '\0';
    for (size_t i = 0; i < space->count && used + 1 < size; i++) {
        char value[64];
        parley_issue_format_value(space, i, values[i], value, sizeof value);
        int n = snprintf(buf + used, size - used, "%s%s=%s", i ? ", " : "", space->issues[i].name, value);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    return buf;
}

/*
 * test_json_expect.h: asserts that a JSON value is exactly the one a test wrote out by hand, as JSON text: the
 * same keys (no more, no fewer), the same values and array orders.  The string "*" in the expected text stands
 * for any string (a time stamp, a token); "#" for any integer.  On a mismatch it prints both and where they
 * differ.
 */
#ifndef PARLEY_TEST_JSON_EXPECT_H
#define PARLEY_TEST_JSON_EXPECT_H

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* 1 when t is a time as the server writes it (api_now): "2026-12-06T21:24:13.905Z". */
static int json_expect_is_time(const char *t)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
    if (!t || strlen(t) != sizeof shape - 1)
        return 0;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? !(t[i] >= '0' && t[i] <= '9') : t[i] != shape[i])
            return 0;
    return 1;
}

/* 1 when `actual` matches `expected` (wildcards allowed in expected); `where` gets the path of the first mismatch. */
static int json_expect_match(const json_t *expected, const json_t *actual, char *where, size_t size)
{
    if (json_is_string(expected) && strcmp(json_string_value(expected), "*") == 0)
        return json_is_string(actual) ? 1 : (snprintf(where, size, "(a string expected)"), 0);
    if (json_is_string(expected) && strcmp(json_string_value(expected), "T") == 0)
        return json_expect_is_time(json_string_value(actual)) ? 1 : (snprintf(where, size, "(a time expected)"), 0);
    if (json_is_string(expected) && strcmp(json_string_value(expected), "#") == 0)
        return json_is_integer(actual) ? 1 : (snprintf(where, size, "(an integer expected)"), 0);
    if (json_is_object(expected)) {
        if (!json_is_object(actual) || json_object_size(actual) != json_object_size(expected)) {
            snprintf(where, size, "(an object of %zu keys expected)", json_object_size(expected));
            return 0;
        }
        const char *key;
        json_t *value;
        json_object_foreach((json_t *)expected, key, value) {
            size_t n = strlen(where);
            snprintf(where + n, size - n, ".%s", key);
            if (!json_expect_match(value, json_object_get(actual, key), where, size))
                return 0;
            where[n] = '\0';
        }
        return 1;
    }
    if (json_is_array(expected)) {
        if (!json_is_array(actual) || json_array_size(actual) != json_array_size(expected)) {
            snprintf(where, size, "(an array of %zu expected)", json_array_size(expected));
            return 0;
        }
        for (size_t i = 0; i < json_array_size(expected); i++) {
            size_t n = strlen(where);
            snprintf(where + n, size - n, "[%zu]", i);
            if (!json_expect_match(json_array_get(expected, i), json_array_get(actual, i), where, size))
                return 0;
            where[n] = '\0';
        }
        return 1;
    }
    if (json_is_real(expected) && json_is_number(actual))
        return fabs(json_number_value(expected) - json_number_value(actual)) < 1e-9;
    return json_equal((json_t *)expected, (json_t *)actual);
}

/* Asserts (cmocka) that `actual` matches the JSON text `expected`. */
#define assert_json(actual, expected) json_expect_assert((actual), (expected), __FILE__, __LINE__)

static void json_expect_assert(const json_t *actual, const char *expected_text, const char *file, int line)
{
    json_error_t e;
    json_t *expected = json_loads(expected_text, 0, &e);
    if (!expected)
        fail_msg("%s:%d: the expected JSON does not parse: %s", file, line, e.text);
    char where[512] = "";
    int ok = json_expect_match(expected, actual, where, sizeof where);
    json_decref(expected);
    if (!ok) {
        char *got = actual ? json_dumps(actual, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
        print_error("%s:%d: expected %s\n  got %s\n  first difference at %s\n", file, line, expected_text,
                    got ? got : "(nothing)", where[0] ? where : "(top)");
        free(got);
        fail_msg("%s:%d: the JSON differs", file, line);
    }
}

#endif

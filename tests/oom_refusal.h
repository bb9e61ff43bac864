/*
 * oom_refusal.h: what the out-of-memory tests of whole operations share (test_oom_kill14_gmcr,
 * test_oom_kill15_tournament): an operation that writes its answer to a stream runs once with memory (the
 * reference), then with allocation N of libparley.a refused (tests/failalloc.c), with every later one or alone,
 * for N = 1, 2, ... until it needs fewer: a refused run returns PARLEY_ENOMEM with a message naming the lack of
 * memory, or succeeds with the whole output (the same bytes as with memory: a way around the refusal may not
 * change the answer).  An answer whose lines vary from run to run (a time) is written to memory first
 * (oom_capture_open) and passed on without them (oom_capture_put).  Header-only (include after <cmocka.h>,
 * <parley/parley.h> and "failalloc.h").
 */
#ifndef PARLEY_TESTS_OOM_REFUSAL_H
#define PARLEY_TESTS_OOM_REFUSAL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An operation: writes its answer to out, from what ctx points to. */
typedef int (*oom_operation)(FILE *out, const void *ctx, parley_error *err);

/* The bytes written to a temporary file, NUL-terminated (caller frees). */
static inline char *oom_contents(FILE *f)
{
    fflush(f);
    long size = ftell(f);
    assert_true(size >= 0);
    char *text = malloc((size_t)size + 1);
    assert_non_null(text);
    rewind(f);
    assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
    text[size] = '\0';
    return text;
}

/* Writes `text` to out but its lines holding `skip` (a time that varies from run to run). */
static inline void oom_put_lines_without(FILE *out, const char *text, const char *skip)
{
    for (const char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        next = next ? next + 1 : line + strlen(line);
        const char *hit = strstr(line, skip);
        if (!hit || hit >= next)
            fwrite(line, 1, (size_t)(next - line), out);
    }
}

/* An answer written to memory first, to be passed on without the lines that vary (oom_put_lines_without). */
struct oom_capture {
    char *text;
    size_t size;
    FILE *mem;
};

/* The stream to write the answer to. */
static inline FILE *oom_capture_open(struct oom_capture *c)
{
    c->text = NULL;
    c->size = 0;
    c->mem = open_memstream(&c->text, &c->size);
    assert_non_null(c->mem);
    return c->mem;
}

/* Closes the capture and, when the writer returned PARLEY_OK (rc), writes the answer to out but its lines holding
 * `skip`; rc. */
static inline int oom_capture_put(struct oom_capture *c, int rc, FILE *out, const char *skip)
{
    fclose(c->mem);
    if (rc == PARLEY_OK)
        oom_put_lines_without(out, c->text, skip);
    free(c->text);
    return rc;
}

/* Runs op with memory (the reference output), then with each allocation refused in turn. */
static inline void oom_each_refusal(const char *what, oom_operation op, const void *ctx)
{
    parley_error err;
    FILE *f = tmpfile();
    assert_non_null(f);
    if (op(f, ctx, &err) != PARLEY_OK)
        fail_msg("%s: %s", what, err.message);
    char *want = oom_contents(f);
    fclose(f);
    assert_true(strlen(want) > 0);
    for (int persistent = 1; persistent >= 0; persistent--) {
        long n = 1;
        for (;; n++) {
            f = tmpfile();
            assert_non_null(f);
            parley_error_clear(&err);
            failalloc_arm(n, persistent);
            int rc = op(f, ctx, &err);
            long refused = failalloc_disarm();
            char *got = oom_contents(f);
            fclose(f);
            int same = strcmp(got, want) == 0;
            free(got);
            if (refused == 0) {
                assert_int_equal(rc, PARLEY_OK);
                assert_true(same);
                break;
            }
            if (rc == PARLEY_OK) {
                if (!same)
                    fail_msg("%s: allocation %ld refused: success, but not the same output", what, n);
                continue;
            }
            if (rc != PARLEY_ENOMEM || !strstr(err.message, "out of memory"))
                fail_msg("%s: allocation %ld refused (%s): got %d (%s)", what, n, persistent ? "and later" : "alone",
                         rc, err.message);
        }
        if (n < 2)
            fail_msg("%s: no allocation to refuse", what);
    }
    free(want);
}

#endif

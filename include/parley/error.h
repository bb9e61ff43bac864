/*
 * parley/error.h: error codes and the error report every fallible call can fill.
 *
 * Functions that can fail return an int: 0 (PARLEY_OK) on success, a negative
 * parley_code otherwise.  Those that read user input also take a
 * `parley_error *err` (may be NULL) that receives where the problem is (file,
 * line, column, JSON path) and a sentence saying what was expected.  The
 * library never prints and never exits; the caller decides what to show.
 */
#ifndef PARLEY_ERROR_H
#define PARLEY_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum parley_code {
    PARLEY_OK = 0,
    PARLEY_EINVAL = -1,    /* bad input: malformed file, unknown name, value out of range */
    PARLEY_ENOMEM = -2,    /* out of memory */
    PARLEY_EIO = -3,       /* a file could not be read or written */
    PARLEY_ERANGE = -4,    /* a size is too large for the operation (e.g. space too big to enumerate) */
    PARLEY_ENOTFOUND = -5, /* the thing asked for does not exist (e.g. no acceptable outcome) */
    PARLEY_EPERM = -6,     /* not allowed (authorisation, privacy) */
    PARLEY_ESTATE = -7,    /* the object is not in a state that allows the call */
    PARLEY_EINTERNAL = -8  /* a bug or an unexpected failure of a dependency */
} parley_code;

/* Where and what went wrong.  Plain struct, owned by the caller (usually on the stack). */
typedef struct parley_error {
    int code;            /* a parley_code, PARLEY_OK when nothing was reported */
    char file[256];      /* input file name, "" when none */
    int line;            /* 1-based line, 0 when unknown */
    int column;          /* 1-based column, 0 when unknown */
    char path[256];      /* where inside the document: "parties[1].red_lines[0].rule", "" when none */
    char message[768];   /* what was found and what was expected */
} parley_error;

/* A short static description of a code ("bad input", "out of memory", ...). */
const char *parley_strerror(int code);

/* Resets *err to "no error".  NULL is allowed. */
void parley_error_clear(parley_error *err);

/*
 * Fills *err (when not NULL) and returns `code`, so that a caller can write
 * `return parley_error_set(err, PARLEY_EINVAL, "expected %s", what);`.
 * Keeps file/line/column/path already set.
 */
int parley_error_set(parley_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Same, with the location given. file/path may be NULL, line/column 0. */
int parley_error_set_at(parley_error *err, int code, const char *file, int line, int column,
                        const char *path, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/*
 * Writes "file:line:column: at PATH: message" (the parts that are known) into
 * buf, NUL-terminated and truncated to size.  Returns buf.
 */
char *parley_error_format(const parley_error *err, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif

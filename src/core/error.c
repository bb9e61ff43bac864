/* error.c: parley_error, the report that carries a failure's location and explanation. */
#include <parley/error.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *parley_strerror(int code)
{
    switch (code) {
    case PARLEY_OK: return "success";
    case PARLEY_EINVAL: return "bad input";
    case PARLEY_ENOMEM: return "out of memory";
    case PARLEY_EIO: return "input/output error";
    case PARLEY_ERANGE: return "too large";
    case PARLEY_ENOTFOUND: return "not found";
    case PARLEY_EPERM: return "not allowed";
    case PARLEY_ESTATE: return "not allowed in the current state";
    case PARLEY_EINTERNAL: return "internal error";
    default: return "unknown error";
    }
}

void parley_error_clear(parley_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

static void set_message(parley_error *err, int code, const char *fmt, va_list ap)
{
    err->code = code;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
}

int parley_error_set(parley_error *err, int code, const char *fmt, ...)
{
    if (!err)
        return code;
    va_list ap;
    va_start(ap, fmt);
    set_message(err, code, fmt, ap);
    va_end(ap);
    return code;
}

int parley_error_set_at(parley_error *err, int code, const char *file, int line, int column,
                        const char *path, const char *fmt, ...)
{
    if (!err)
        return code;
    if (file)
        snprintf(err->file, sizeof err->file, "%s", file);
    err->line = line;
    err->column = column;
    if (path)
        snprintf(err->path, sizeof err->path, "%s", path);
    va_list ap;
    va_start(ap, fmt);
    set_message(err, code, fmt, ap);
    va_end(ap);
    return code;
}

char *parley_error_format(const parley_error *err, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    buf[0] = '\0';
    if (!err)
        return buf;
    size_t used = 0;
#define APPEND(...)                                                              \
    do {                                                                         \
        if (used < size) {                                                       \
            int n_ = snprintf(buf + used, size - used, __VA_ARGS__);             \
            used += n_ > 0 ? (size_t)n_ : 0;                                     \
        }                                                                        \
    } while (0)
    if (err->file[0])
        APPEND("%s:", err->file);
    if (err->line > 0)
        APPEND("%d:", err->line);
    if (err->line > 0 && err->column > 0)
        APPEND("%d:", err->column);
    if (used > 0)
        APPEND(" ");
    if (err->path[0])
        APPEND("at %s: ", err->path);
    APPEND("%s", err->message[0] ? err->message : parley_strerror(err->code));
#undef APPEND
    return buf;
}

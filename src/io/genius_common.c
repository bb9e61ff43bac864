/* genius_common.c: names, numbers and warnings shared by the GENIUS and GeniusWeb readers and writers. */
#include "io/genius_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The identifier form of text without the uniqueness suffix: runs of other characters become one '_'. */
static void sanitize(const char *text, char *out, size_t size)
{
    size_t o = 0;
    int pending = 0;
    for (const char *p = text; *p && o + 3 < size; p++) {
        if (!ident_char(*p)) {
            pending = 1;
            continue;
        }
        if (pending && o > 0)
            out[o++] = '_';
        pending = 0;
        out[o++] = *p;
    }
    out[o] = '\0';
    if (o == 0) {
        snprintf(out, size, "issue");
    } else if (out[0] >= '0' && out[0] <= '9') {
        memmove(out + 1, out, o + 1);
        out[0] = '_';
    }
}

void genius_make_identifier(const char *text, const parley_space *space, char *out, size_t size)
{
    char base[200];
    sanitize(text ? text : "", base, sizeof base);
    snprintf(out, size, "%s", base);
    for (unsigned k = 2; parley_space_find_issue(space, out) >= 0; k++)
        snprintf(out, size, "%s_%u", base, k);
}

void genius_base_name(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    snprintf(out, size, "%s", base);
    char *dot = strrchr(out, '.');
    if (dot && dot != out)
        *dot = '\0';
}

void genius_party_name(const char *path, const parley_scenario *sc, char *out, size_t size)
{
    char base[200];
    genius_base_name(path, base, sizeof base);
    if (!base[0])
        snprintf(base, sizeof base, "party");
    snprintf(out, size, "%s", base);
    for (unsigned k = 2; parley_scenario_find_party(sc, out) >= 0; k++)
        snprintf(out, size, "%s-%u", base, k);
}

const char *genius_issue_external_name(const parley_space *space, size_t issue)
{
    const char *name = parley_issue_name(space, issue);
    const char *description = parley_issue_description(space, issue);
    if (!description || !description[0])
        return name;
    char again[256];
    sanitize(description, again, sizeof again);
    if (strcmp(again, name) == 0)
        return description;
    /* a suffix added for uniqueness: "x_2" from "x" */
    size_t len = strlen(again);
    if (strncmp(name, again, len) == 0 && name[len] == '_' && name[len + 1] >= '2' && name[len + 1] <= '9')
        return description;
    return name;
}

void genius_warn(parley_warn_fn warn, void *ctx, const char *fmt, ...)
{
    if (!warn)
        return;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    warn(ctx, buf);
}

char *genius_number(double x, char *buf, size_t size)
{
    if (x > -1e15 && x < 1e15 && x == (double)(long long)x) { /* whole numbers without an exponent */
        snprintf(buf, size, "%lld", (long long)x);
        return buf;
    }
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    return buf;
}

void genius_xml_escape(FILE *out, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        default: fputc(*s, out);
        }
}

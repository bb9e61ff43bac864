/* strutil.c: small string helpers shared inside the library. */
#include "core/strutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

char *parley_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (copy)
        memcpy(copy, s, n);
    return copy;
}

char *parley_format_number(double x, char *buf, size_t size)
{
    if (x == nearbyint(x) && fabs(x) < 1e15) {
        snprintf(buf, size, "%.0f", x);
        return buf;
    }
    /* The fewest significant digits (up to 17) that read back exactly; 12 is enough for grids. */
    for (int digits = 6; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, x);
        if (strtod(buf, NULL) == x || digits == 12)
            break;
    }
    return buf;
}

int parley_valid_identifier(const char *name)
{
    /* The words of the constraint language cannot name an issue: a rule could not refer to it. */
    static const char *const keywords[] = {"and", "or", "not", "in", "if", "then", "implies", "true", "false", NULL};
    if (!name || !(isalpha((unsigned char)name[0]) || name[0] == '_'))
        return 0;
    for (const char *p = name + 1; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_'))
            return 0;
    for (size_t k = 0; keywords[k]; k++)
        if (strcmp(name, keywords[k]) == 0)
            return 0;
    return 1;
}
